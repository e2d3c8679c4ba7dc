"""The pipeline, in order (the only module that knows it):

1. load       bytes → text and page metadata          load/       (sniff, text, html, pdf, docx, layout, tables)
2. normalize  OpenCC t2s, width folding, pinyin/PDF    normalize/  (chars, wrapped; offsets kept by text/textmap)
              artifacts, wrapped lines
3. clean      web boilerplate out, metadata aside      clean/
4. structure  title, issuer, 文号, dates, recipients,   structure/  (head, signature, metadata, dates, labels,
              parts, item tree                                     numbering, outline, parts, skeleton)
5. extract    units, deadlines, amounts per item,      extract/    (units/, deadlines/, amounts, assemble)
              with evidence
6. export     JSON / JSONL / CSV                       export/     (called by the CLI)

Each stage is a pure function of the previous stage's result; ``batch`` runs the pipeline per
file in worker processes.  Shared leaves: ``text/`` (numerals, dates, scans, offset maps),
``rules/`` (lexicons as data), ``models``, ``config``, ``errors``.

The functions here raise only docextract's typed errors (``errors.py``): a load failure is a
``LoadError`` subclass with a status, a bug in a later stage an ``ExtractionError`` naming the
stage (the exception chained), a bad argument ``InvalidInput``.  Empty input is not an error:
its Notice has status ``empty``.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import os
import re
import threading
import traceback
from datetime import date, datetime
from pathlib import Path

from .config import Settings
from .errors import DocextractError, EmptyDocument, EncryptedDocument, ExtractionError, InvalidInput, LoadError
from .load.document import LoadedDocument
from .load.text import check_decoded
from .models import Notice

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
STAGES = ("load", "normalize", "clean", "structure", "extract", "export")


def run(loaded: LoadedDocument, settings: Settings | None = None) -> Notice:
    """Run stages 2–5 on a loaded document."""
    steps, boilerplate, skeleton_stage, assemble = _stage_modules()
    settings = settings or Settings()
    paused = _pause_cycle_collection()
    try:
        normalized = steps.normalize(loaded.text)
        cleaned = boilerplate.clean(normalized, loaded.metadata)
        skeleton = skeleton_stage.structure(cleaned, loaded.tables)
        return assemble.extract(skeleton, loaded, settings)
    finally:
        if paused:
            gc.enable()


# The stages make no reference cycles (tests/test_library.py checks it on the corpora): every
# object a run allocates is freed by its reference count, so a cycle collection during a run
# finds nothing and costs only its walk over the young objects (the lines of a notice, its
# tokens, its models: 2-3% of a run, more in a process holding a large heap).  So a run pauses
# collection, when it is on and no other run has paused it, and resumes it when it ends.  A run
# started while another thread's run holds it paused leaves it alone, so with threads running
# notices back to back collection comes back each time the run that paused it ends: it is held
# off for one run at a time, never for as long as runs keep overlapping.
_pause_lock = threading.Lock()


def _pause_cycle_collection() -> bool:
    """Whether this call paused the cycle collector (the caller then resumes it)."""
    with _pause_lock:
        if not gc.isenabled():
            return False   # paused by another run, or turned off by the caller: left as it is
        gc.disable()
        return True


@functools.cache
def _stage_modules() -> tuple:
    """The stages' modules, imported on the first run (importing this module stays light) and
    kept: four import statements a call cost a few microseconds a notice.  Their functions are
    read at each call, so a replaced one (a test's fault) is the one run."""
    from .clean import boilerplate
    from .extract import assemble
    from .normalize import steps
    from .structure import skeleton

    return steps, boilerplate, skeleton, assemble


def _stage_of(exc: BaseException, default: str = "extract") -> str:
    """The pipeline stage whose module raised ``exc`` (innermost docextract frame wins)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        parts = Path(frame.filename).parts
        if "docextract" in parts:
            inside = parts[len(parts) - 1 - parts[::-1].index("docextract") + 1:]
            if inside and inside[0] in STAGES:
                return inside[0]
    return default


def _checked_run(loaded: LoadedDocument, settings: Settings) -> Notice:
    """``run``, with any unexpected exception turned into an ExtractionError naming its stage."""
    try:
        return run(loaded, settings)
    except (DocextractError, MemoryError):
        raise
    except (ImportError, NotImplementedError) as exc:
        raise ExtractionError(loaded.name, f"not available ({type(exc).__name__}: {exc})", _stage_of(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - a bug on one input is that input's error
        raise ExtractionError(loaded.name, f"{type(exc).__name__}: {exc}", _stage_of(exc)) from exc


def _check_decoded(loaded: LoadedDocument, settings: Settings) -> None:
    """An input whose text is mostly U+FFFD was not decoded: say so rather than extract garbage."""
    check_decoded(loaded.text, loaded.name, loaded.encoding, settings.encoding)


def _empty(name: str, reason: str, sha256: str | None) -> Notice:
    return Notice(file=_file_name(name), sha256=sha256, status="empty", error=f"load: {reason}",
                  warnings=[reason])


def _file_name(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def extract_bytes(data: bytes, name: str = "input.txt", settings: Settings | None = None) -> Notice:
    """Extract a notice from a file's bytes; ``name``'s suffix helps choose the reader.

    Raises a ``LoadError`` subclass (with a ``status``) when the bytes cannot be read as a
    notice, ``ExtractionError`` when a later stage fails.  Empty input gives status ``empty``.
    """
    from .load.sniff import load_bytes

    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InvalidInput(f"extract_bytes takes bytes, got {type(data).__name__}", "use extract_text for str")
    settings = _settings(settings)
    data = bytes(data)
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        loaded = load_bytes(data, name, settings)
    except EmptyDocument as exc:
        return _empty(name, exc.reason or "the file is empty", sha256)
    except EncryptedDocument as exc:
        if settings.password:  # the loader says "encrypted" whether or not a password was given
            raise EncryptedDocument(name, "the password given does not open the PDF", "check --password") from exc
        raise
    except (DocextractError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - a loader bug on one input is that input's error
        raise ExtractionError(name, f"{type(exc).__name__}: {exc}", _stage_of(exc, "load")) from exc
    _check_decoded(loaded, settings)
    return _checked_run(loaded, settings).model_copy(update={"sha256": sha256})


def extract_file(path: str | Path, settings: Settings | None = None) -> Notice:
    """Extract one notice file in this process (``docextract.extract_file`` adds a time limit).

    Raises a ``LoadError`` subclass (with a ``status``) when it cannot be read.
    """
    from .errors import TooLarge

    if not isinstance(path, (str, Path)):
        raise InvalidInput(f"extract_file takes a path (str or Path), got {type(path).__name__}")
    settings = _settings(settings)
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise TooLarge(str(path), f"{size} bytes is over the {settings.max_bytes}-byte cap", "raise --max-bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(str(path), f"cannot read it: {exc.strerror or exc}") from exc
    # a name that is not UTF-8 arrives with lone surrogates, which no record can hold
    name = os.fsencode(str(path)).decode("utf-8", "replace")
    return extract_bytes(data, name, settings)


def _settings(settings: Settings | None) -> Settings:
    if settings is None:
        return Settings()
    if not isinstance(settings, Settings):
        raise InvalidInput(f"settings must be a docextract.Settings, got {type(settings).__name__}")
    return settings


def _reference_date(value: object) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput(f"reference_date is not an ISO date: {value!r}", "pass YYYY-MM-DD or a date") from None
    raise InvalidInput(f"reference_date must be a date, got {type(value).__name__}")


def extract_text(text: str, reference_date: date | str | None = None, name: str = "<text>",
                 settings: Settings | None = None) -> Notice:
    """Extract a notice already in memory.

    ``reference_date`` (a ``date`` or ``'YYYY-MM-DD'``) resolves year-less deadlines.  Lone
    surrogates (text decoded with ``surrogateescape``) become U+FFFD with a warning.  Blank text
    gives status ``empty``.  Raises ``InvalidInput`` for arguments of the wrong type.
    """
    if not isinstance(text, str):
        remedy = "use extract_bytes(data, name) for bytes" if isinstance(text, (bytes, bytearray)) else None
        raise InvalidInput(f"extract_text takes str, got {type(text).__name__}", remedy)
    settings = _settings(settings)
    when = _reference_date(reference_date)
    if when is not None:
        settings = settings.model_copy(update={"reference_date": when})
    name = LONE_SURROGATE.sub("\ufffd", str(name))
    warnings: tuple[str, ...] = ()
    surrogates = len(LONE_SURROGATE.findall(text))
    if surrogates:
        text = LONE_SURROGATE.sub("\ufffd", text)
        warnings = (f"{surrogates} lone surrogate(s) replaced by U+FFFD",)
    if not text.strip():
        return _empty(name, "the text is empty", None)
    return _checked_run(LoadedDocument(name=name, text=text, format="txt", warnings=warnings), settings)


# A notice that touches every stage (numbering, units, deadlines, money) and a page that
# touches the HTML reader and a task table: extracting both compiles every rule.
PROBE_NOTICE = ("关于做好工作的通知\n各乡镇：\n一、加强领导。（县财政局牵头，县审计局配合）9月底前完成，补助5万元。\n"
                "（一）落实责任。责任单位：县农业农村局\n某县人民政府\n2020年3月2日")
PROBE_PAGE = ("<html><head><meta charset='utf-8'><title>关于做好工作的通知_某县人民政府</title></head><body>"
              "<div class='nav'>首页 > 政务公开</div><div class='content'><p>关于做好工作的通知</p>"
              "<table><tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>完成时限</td></tr>"
              "<tr><td>1</td><td>加强领导</td><td>县财政局</td><td>2020年9月底前</td></tr></table></div></body></html>")


def check_rules() -> None:
    """Load and compile every rules file by extracting two probe documents; raises RuleError
    (naming the file and the key) when one is malformed.  The CLI runs it before any input."""
    from .load.sniff import load_bytes
    from .rules import load_rules, rule_names

    for name in rule_names():
        load_rules(name)
    settings = Settings()
    run(load_bytes(PROBE_NOTICE.encode("utf-8"), "probe.txt", settings), settings)
    run(load_bytes(PROBE_PAGE.encode("utf-8"), "probe.html", settings), settings)
