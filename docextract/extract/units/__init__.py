"""Units: ``lexicon`` (the grammar's words), ``shapes`` and ``names`` (is it a unit, splitting
lists), ``recognizer`` (how sure a phrase names a unit; pluggable), ``canonical`` (one name per
body, its level), ``slots``/``clauses``/``sentences``/``context``/``assign`` (who leads, is
responsible for, or cooperates on an item)."""
from .assign import extract_assignments
from .canonical import UnitFacts, body_lexicon
from .context import AssignmentContext, find_assignment_context
from .names import is_unit, split_units
from .recognizer import UnitRecognizer, recognizer, register_recognizer
from .slots import Assignments

__all__ = ["AssignmentContext", "Assignments", "UnitFacts", "UnitRecognizer", "body_lexicon", "extract_assignments",
           "find_assignment_context", "is_unit", "recognizer", "register_recognizer", "split_units"]
