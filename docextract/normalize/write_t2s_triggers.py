"""Write ``rules/t2s_triggers.txt`` (the t2s gate's table) for the installed OpenCC:

    python -m docextract.normalize.write_t2s_triggers

Run it after upgrading OpenCC; until then the gate is off (every text is converted) and
tests/test_normalize.py says the table is for another version.
"""
from __future__ import annotations

import sys

from .t2s_gate import TRIGGERS_FILE, installed_version, read_entries, t2s_converter, triggers_of, write_triggers


def main() -> int:
    entries = read_entries(t2s_converter().config)
    if entries is None:
        print("write_t2s_triggers: the installed OpenCC's t2s dictionaries cannot be read", file=sys.stderr)
        return 1
    write_triggers(triggers_of(entries), installed_version())
    print(f"write_t2s_triggers: wrote {TRIGGERS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
