"""Stage 2, normalize: named, offset-keeping fixes of decoded text (see ``steps.NORMALIZERS``)."""
from .steps import NORMALIZERS, normalize

__all__ = ["NORMALIZERS", "normalize"]
