"""Stage 4, structure: the notice's metadata, parts and item tree (``skeleton.structure``)."""
from .labels import match_label
from .nodes import ItemNode, PartNode, Skeleton
from .outline import heading_of
from .skeleton import structure

__all__ = ["ItemNode", "PartNode", "Skeleton", "heading_of", "match_label", "structure"]
