"""The JSON Schema under schemas/ is generated from the models and kept current."""
import json

from docextract.models import Notice
from docextract.schema import SCHEMA_PATH, notice_schema


def test_schema_file_is_current():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == notice_schema(), "run: python -m docextract.schema"


def test_models_forbid_unknown_fields():
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError):
        Notice(file="a.txt", no_such_field=1)


def test_every_field_has_a_title():
    def walk(node):
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                assert "title" in prop, name
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
