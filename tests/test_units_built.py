"""Units built without a second validation (``Unit.model_construct`` where every value is typed
by construction) are the units a validation builds: same values, same JSON."""
from pathlib import Path

import pytest

from docextract import extract_text
from docextract.models import Unit

NOTICES = sorted((Path(__file__).resolve().parent.parent / "corpora" / "notices").glob("*.txt"))
CASES = [
    "关于做好工作的通知\n一、做好工作。（国家发展改革委牵头，财政部、水利部按职责分工负责）\n二、抓好落实。",
    "关于推进创新的通知\n一、推进创新。（牵头单位：市科技局，配合单位：市财政局、各区）\n二、加强宣传。",
    "关于加强保障的通知\n一、加强保障\n由市教育局会同市财政局负责落实。\n二、强化督查\n市审计局、某某未知协调组负责。",
]


def _units(notice):
    for item in notice.items:
        yield from (*item.lead_units, *item.responsible_units, *item.cooperating_units)


@pytest.mark.parametrize("text, assigns", [(p.read_text(encoding="utf-8"), False) for p in NOTICES]
                         + [(case, True) for case in CASES],
                         ids=[p.name for p in NOTICES] + [f"case{i}" for i in range(len(CASES))])
def test_units_equal_their_validated_copy(text, assigns):
    units = list(_units(extract_text(text, reference_date="2024-01-01")))
    assert units or not assigns, "the case assigns units"
    for unit in units:
        again = Unit.model_validate(unit.model_dump())
        assert again == unit
        assert again.model_dump_json() == unit.model_dump_json()
        assert type(unit.flags) is list and all(type(f) is str for f in unit.flags)
