"""Stage 3, clean: web boilerplate out, every sentence of the body kept, page metadata aside."""
from .boilerplate import Cleaned, clean

__all__ = ["Cleaned", "clean"]
