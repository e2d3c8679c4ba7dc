"""JSON Schema of the output, generated from the pydantic models.

    python -m docextract.schema            # rewrite schemas/notice.schema.json
    python -m docextract.schema --check    # exit 1 when the file is stale
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .models import Notice

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "notice.schema.json"


def notice_schema() -> str:
    schema = Notice.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://docextract.invalid/schemas/notice.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    current = notice_schema()
    if "--check" in argv:
        stale = not SCHEMA_PATH.exists() or SCHEMA_PATH.read_text(encoding="utf-8") != current
        if stale:
            print(f"{SCHEMA_PATH} is stale: run python -m docextract.schema", file=sys.stderr)
        return 1 if stale else 0
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(current, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
