"""Units: ``lexicon`` (the words), ``names`` (is it a unit, splitting lists), ``assign`` (who
leads, is responsible for, or cooperates on an item)."""
from .assign import AssignmentContext, Assignments, extract_assignments, find_assignment_context
from .names import is_unit, split_units

__all__ = ["AssignmentContext", "Assignments", "extract_assignments", "find_assignment_context", "is_unit",
           "split_units"]
