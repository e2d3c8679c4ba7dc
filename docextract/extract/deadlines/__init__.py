"""Deadlines: ``find`` locates them in text, ``resolve`` turns them into dates, ``patterns``
builds the grammar from ``rules/deadlines.toml``."""
from .find import extract_deadlines, parse_deadline
from .resolve import add_working_days

__all__ = ["add_working_days", "extract_deadlines", "parse_deadline"]
