"""Which texts OpenCC ``t2s`` can change, read from OpenCC's own dictionaries.

Most notices are written in simplified characters, and converting them costs a pass of the
converter for nothing.  t2s replaces, at each position, the longest dictionary key found there by
its first value; a text changes only where it holds a key whose value differs from it.  So
``Triggers.may_change`` asks one character class first: the characters of every single-character
key that changes (發, 產 …), and one character of every longer changing key (覆 of 答覆, 沈 of 深沈)
whose own characters do not change alone.  Where such a phrase character is found, the phrases
holding it are checked at that place (覆盖 is simplified text; 答覆 is not).  A text without any
of them comes out of t2s as it went in.

The dictionaries are listed by the converter's config file (``t2s.json``: its normalization and
conversion chain) and read with the ``opencc_dict`` tool the opencc package ships.  Reading them
starts four processes, so it is done once, when the table is written, not in every worker:
``python -m docextract.normalize.write_t2s_triggers`` writes ``rules/t2s_triggers.txt`` for the installed
OpenCC, and a test checks the table against the dictionaries.  A process whose OpenCC is not the
version the table was written from has no gate: every text is converted, as before the gate.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DICT_FORMATS = ("ocd2", "ocd")   # binary dictionaries opencc_dict reads; "text" ones are read directly
DUMP_TIMEOUT_S = 20
TRIGGERS_FILE = Path(__file__).resolve().parent.parent / "rules" / "t2s_triggers.txt"


@cache
def t2s_converter():
    """OpenCC's ``t2s`` converter (the C++ binding, imported only when a text is normalized)."""
    import opencc

    return opencc.OpenCC("t2s")


@dataclass(frozen=True)
class Triggers:
    """The characters that may start a change, and the phrases that hold the rarer ones."""

    pattern: re.Pattern                                  # one character class: any trigger
    singles: frozenset[str]                              # a change wherever they stand
    phrases: dict[str, tuple[tuple[str, int], ...]]      # character → (key, its index in the key)

    def _hit(self, text: str, pos: int) -> int:
        """Where the first key t2s may change starts to show at or after ``pos`` (-1: nowhere)."""
        search, singles, phrases = self.pattern.search, self.singles, self.phrases
        found = search(text, pos)
        while found:
            pos = found.start()
            char = text[pos]
            if char in singles:
                return pos
            for key, index in phrases.get(char, ()):   # (a character past the BMP may be neither)
                if pos >= index and text.startswith(key, pos - index):
                    return pos
            found = search(text, pos + 1)
        return -1

    def may_change(self, text: str) -> bool:
        """Whether t2s could change ``text`` (False: it surely comes out as it went in)."""
        return self._hit(text, 0) >= 0

    def changing_lines(self, text: str, most: int) -> list[tuple[int, int]] | None:
        """``(start, end)`` of the lines t2s could change, or None when more than ``most`` could.
        No key holds a line break, so t2s converts each line as it converts the text (its
        longest-match walk starts afresh after a line break): the other lines stay as they are."""
        spans: list[tuple[int, int]] = []
        pos = self._hit(text, 0)
        while pos >= 0:
            if len(spans) == most:
                return None
            end = text.find("\n", pos)
            end = len(text) if end == -1 else end
            spans.append((text.rfind("\n", 0, pos) + 1, end))
            pos = self._hit(text, end)
        return spans


def triggers_of(entries) -> Triggers:
    """The triggers of ``(key, first value)`` pairs: every pair whose value differs from its key
    holds one (a changing key of one character is one; a longer key whose characters do not change
    alone gets its first character that differs from the value)."""
    changing = [(key, value) for key, value in entries if key and key != value]
    singles = frozenset(key for key, _ in changing if len(key) == 1)
    phrases: dict[str, list[tuple[str, int]]] = {}
    for key, value in changing:
        if len(key) > 1 and not singles.intersection(key):
            index = next((i for i, (a, b) in enumerate(zip(key, value)) if a != b), 0)
            phrases.setdefault(key[index], []).append((key, index))
    return Triggers(_char_class(singles | phrases.keys()), singles, {c: tuple(sorted(p)) for c, p in phrases.items()})


ASTRAL = (0x10000, 0x10FFFF)   # one range for every character past the BMP: see _char_class


def _char_class(chars) -> re.Pattern:
    """One ``[...]`` holding ``chars``: those of the BMP as ranges of consecutive code points (half
    as long to compile for the 5,000 characters of t2s), and every character past the BMP as one
    range, checked by ``may_change`` (the engine tests BMP characters against one bitmap, but
    characters past it one by one: 900 rare CJK ones would be tried at every character)."""
    ranges: list[list[int]] = []
    for code in sorted(ord(c) for c in chars if c <= "\uffff"):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    if any(c > "\uffff" for c in chars):
        ranges.append(list(ASTRAL))
    if not ranges:
        return re.compile("(?!)")   # nothing changes: no text matches
    return re.compile("[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                                    for a, b in ranges) + "]")


def _dict_files(node, base: str) -> list[tuple[str, str]] | None:
    """``(type, path)`` of every dictionary in a config's ``dict`` node (groups opened), or None
    for a type this reader does not know."""
    kind = node.get("type")
    if kind == "group":
        files = [_dict_files(sub, base) for sub in node.get("dicts", [])]
        return None if any(f is None for f in files) else [pair for f in files for pair in f]
    if kind in DICT_FORMATS or kind == "text":
        return [(kind, os.path.join(base, node["file"]))]
    return None


def _dump(kind: str, path: str, tool: str) -> subprocess.Popen | None:
    """``opencc_dict`` started writing a binary dictionary as text (None for a text dictionary)."""
    if kind == "text":
        return None
    return subprocess.Popen([tool, "-i", path, "-o", "/dev/stdout", "-f", kind, "-t", "text"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def _entries(path: str, dump: subprocess.Popen | None) -> list[tuple[str, str]]:
    """The ``(key, first value)`` pairs of one dictionary (lines ``key<TAB>value value…``)."""
    if dump is None:
        with open(path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    else:
        out, _ = dump.communicate(timeout=DUMP_TIMEOUT_S)
        if dump.returncode:
            raise ValueError(f"{path}: opencc_dict exited with {dump.returncode}")
        lines = out.decode("utf-8").splitlines()
    pairs = []
    for line in lines:
        key, tab, values = line.partition("\t")
        if not tab:
            raise ValueError(f"{path}: not a dictionary line: {line!r}")
        pairs.append((key, values.split(" ")[0]))
    return pairs


def read_entries(config_path: str) -> list[tuple[str, str]] | None:
    """The ``(key, first value)`` pairs of every dictionary of the OpenCC config at ``config_path``
    (its normalization and every step of its conversion chain), or None when one cannot be read."""
    import opencc

    tool = os.path.join(os.path.dirname(opencc.__file__), "clib", "bin", "opencc_dict")
    base = os.path.dirname(config_path)
    try:
        with open(config_path, encoding="utf-8") as file:
            config = json.load(file)
        steps = config.get("normalization", [])
        steps = (steps if isinstance(steps, list) else [steps]) + config.get("conversion_chain", [])
        nodes = [_dict_files(step["dict"], base) for step in steps]
        if any(files is None for files in nodes) or not os.access(tool, os.X_OK):
            return None
        files = [pair for files in nodes for pair in files]
        dumps = [_dump(kind, path, tool) for kind, path in files]   # all at once: each costs a process start
        try:
            return [pair for (_, path), dump in zip(files, dumps) for pair in _entries(path, dump)]
        finally:
            for dump in dumps:
                if dump is not None and dump.poll() is None:
                    dump.kill()
                    dump.wait()
    except (OSError, ValueError, KeyError, TypeError, subprocess.SubprocessError):
        return None


def write_triggers(triggers: Triggers, version: str, path: Path = TRIGGERS_FILE) -> None:
    """The table ``load_triggers`` reads: the OpenCC version, the single characters, then one
    line per phrase (its trigger character's index and the key)."""
    lines = ["# t2s triggers, written by `python -m docextract.normalize.write_t2s_triggers`: do not edit",
             f"opencc {version}", "singles " + "".join(sorted(triggers.singles))]
    lines += [f"phrase {index} {key}" for char in sorted(triggers.phrases) for key, index in triggers.phrases[char]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def load_triggers(version: str | None, path: Path = TRIGGERS_FILE) -> Triggers | None:
    """The table written for OpenCC ``version``, or None when the table is for another version
    (its dictionaries may differ) or cannot be read."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    fields = [line.split(" ", 2) for line in lines if line and not line.startswith("#")]
    if not fields or fields[0] != ["opencc", str(version)]:
        return None
    singles = frozenset("".join(f[1] for f in fields if f[0] == "singles"))
    phrases: dict[str, list[tuple[str, int]]] = {}
    for f in fields:
        if f[0] == "phrase":
            index, key = int(f[1]), f[2]
            phrases.setdefault(key[index], []).append((key, index))
    return Triggers(_char_class(singles | phrases.keys()), singles, {c: tuple(p) for c, p in phrases.items()})


def installed_version() -> str | None:
    import opencc

    return getattr(opencc, "__version__", None)


@cache
def t2s_triggers() -> Triggers | None:
    """The triggers of ``t2s_converter``, from the table written for the installed OpenCC (read
    once per process)."""
    return load_triggers(installed_version())
