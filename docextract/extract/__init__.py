"""Stage 5, extract: who (``units``), by when (``deadlines``), how much (``amounts``), assembled
into the output ``Notice`` by ``assemble``."""
from .assemble import extract

__all__ = ["extract"]
