"""Output fingerprint: prove a speed change changed nothing a user can see.

    python benchmarks/fingerprint.py dump OUT.jsonl     # record today's outputs
    python benchmarks/fingerprint.py check OUT.jsonl    # compare with a recorded dump; exit 1 on a difference

One JSON line per input, holding everything a stage returns for it:

- every Notice (``model_dump_json``) of the seeds, the development corpus, the notice cases
  (corpora/cases/notices) and the test fixtures that load;
- the same corpora cut into chunks of a few thousand characters at line ends, each run as a
  notice of its own (heads, tails and windows the whole files never show the stages);
- every hand-made case of corpora/cases/*.json run through the function its test calls
  (normalize with its offset map, amounts, deadlines, unit assignments) and through the whole
  pipeline as a notice.

The eval corpus is not read.  A speed change is safe when ``check`` reports no difference.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "corpora" / "cases"
CHUNK = 3000   # characters per chunk: a few items with their heads and tails


def _corpus_files() -> list[Path]:
    return (sorted((ROOT / "corpora" / "notices").glob("*.txt")) + sorted((ROOT / "corpora" / "dev" / "raw").glob("*"))
            + sorted((CASES / "notices").glob("*")) + sorted((ROOT / "tests" / "fixtures").glob("*")))


def _chunks(text: str) -> list[str]:
    pieces, start = [], 0
    while start < len(text):
        end = text.find("\n", start + CHUNK)
        end = len(text) if end < 0 else end + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def _plain(value) -> object:
    """A JSON-able form of dataclasses, pydantic models and tuples, for the per-function cases."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def records():
    """(key, value) for every input, in a fixed order."""
    from docextract.config import Settings
    from docextract.errors import DocextractError
    from docextract.extract.amounts import extract_amounts
    from docextract.extract.deadlines import extract_deadlines
    from docextract.extract.units import extract_assignments, find_assignment_context
    from docextract.load import LoadedDocument, load_file
    from docextract.normalize import normalize
    from docextract.pipeline import extract_text, run

    settings = Settings()
    for path in _corpus_files():
        try:
            loaded = load_file(path, settings)
        except DocextractError as exc:
            yield f"file:{path.name}", f"error: {exc}"
            continue
        except Exception as exc:  # noqa: BLE001 - a fixture that only its own test reads
            yield f"file:{path.name}", f"raised {type(exc).__name__}"
            continue
        yield f"file:{path.name}", run(loaded, settings).model_dump(mode="json")
        for k, piece in enumerate(_chunks(loaded.text)):
            if piece.strip():
                doc = LoadedDocument(name=f"{path.name}#{k}", text=piece, format="txt")
                yield f"chunk:{path.name}#{k}", run(doc, settings).model_dump(mode="json")

    def notice(text: str, reference: str | None = None):
        return extract_text(text, reference).model_dump(mode="json") if text.strip() else None

    for k, case in enumerate(json.loads((CASES / "normalize.json").read_text(encoding="utf-8"))):
        result = normalize(case["input"])
        spans = [result.to_source(i, i + 1) for i in range(len(result.text))]
        yield f"normalize:{k}", {"text": result.text, "map": spans, "notice": notice(case["input"])}
    for k, text in enumerate(json.loads((CASES / "normalize_unchanged.json").read_text(encoding="utf-8"))):
        yield f"unchanged:{k}", {"text": normalize(text).text, "notice": notice(text)}
    for k, case in enumerate(json.loads((CASES / "amounts.json").read_text(encoding="utf-8"))):
        yield f"amounts:{k}", {"found": _plain(extract_amounts(case["text"])), "notice": notice(case["text"])}
    for k, case in enumerate(json.loads((CASES / "deadlines.json").read_text(encoding="utf-8"))):
        reference = date.fromisoformat(case["reference"]) if case["reference"] else None
        found = extract_deadlines(case["text"], reference, reference_source=case.get("reference_source", "signing_date"))
        yield f"deadlines:{k}", {"found": _plain(found), "notice": notice(case["text"], case["reference"])}
    for k, case in enumerate(json.loads((CASES / "units.json").read_text(encoding="utf-8"))):
        if "notice" in case:
            yield f"units:{k}", {"notice": notice(case["notice"])}
            continue
        prefix = case["context"] + "\n" if "context" in case else ""
        found = extract_assignments(case["text"], len(prefix), find_assignment_context(prefix + case["text"]))
        yield f"units:{k}", {"found": _plain(found), "notice": notice(prefix + case["text"])}
    for k, case in enumerate(json.loads((CASES / "structure.json").read_text(encoding="utf-8"))):
        yield f"structure:{k}", {"notice": notice(case["text"])}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("dump", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, target = argv[0], Path(argv[1])
    lines = [json.dumps({"key": key, "value": value}, ensure_ascii=False, sort_keys=True) for key, value in records()]
    if mode == "dump":
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} records written to {target}")
        return 0
    before = target.read_text(encoding="utf-8").splitlines()
    differ = [json.loads(new)["key"] for old, new in zip(before, lines) if old != new]
    if len(before) != len(lines):
        print(f"record count differs: {len(before)} before, {len(lines)} now")
    for key in differ[:30]:
        print(f"differs: {key}")
    print(f"{len(lines)} records, {len(differ)} differ")
    return 1 if differ or len(before) != len(lines) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
