"""docextract: Chinese government policy notices → structured task data."""
from .models import Amount, Deadline, Evidence, Item, Notice, Part, Unit
from .pipeline import extract_file, extract_text

__version__ = "0.1.0"
__all__ = [
    "Amount", "Deadline", "Evidence", "Item", "Notice", "Part", "Unit",
    "extract_file", "extract_text", "__version__",
]
