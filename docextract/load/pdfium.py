"""Read a PDF with PDFium (pypdfium2): per page, the characters with their boxes and the ruling
lines a table is drawn with.

PDFium reads a text layer about 30 times faster than pdfminer.  Everything is put into
pdfplumber's frame (points from the top-left corner of the page as displayed, ``/Rotate``
applied) and pdfminer's path model (a subpath is a line, a rectangle or a curve), so the layout
rules and pdfplumber's table finder work on it unchanged.

- Characters: PDFium's generated spaces and line ends are skipped (the layout finds its own
  breaks); glyphs without a Unicode mapping are counted and dropped; a character's box is
  pdfminer's: the advance width of PDFium's "loose" box, an em square standing on its descent
  line (so a raised footnote mark shares the top of its line, as in pdfplumber).
- Ruling lines: path objects, inside form XObjects too, as pdfplumber edge dicts.
"""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

from ..errors import EncryptedDocument, LoadError
from .layout import Char

SURROGATE = re.compile("[\ud800-\udfff]")
FORM_DEPTH = 8   # form XObjects nested deeper than this are not searched
# PDFium's text page skips a text object narrower than this (its kSizeEpsilon).  A blank glyph
# is that narrow, and so is a single glyph of a non-embedded font that has no outline on this
# machine (STSong-Light without a CJK system font): a one-character line or cell would vanish.
DEGENERATE_WIDTH = 0.01


@dataclass
class PageContent:
    """What one page holds: characters, edges (pdfplumber dicts) and the page box."""

    chars: list[Char]
    edges: list[dict]
    bbox: tuple[float, float, float, float]
    unmapped: int   # glyphs without a Unicode mapping (dropped)
    unmeasured_text: int   # text objects PDFium's text page leaves out (zero width): read elsewhere


def open_pdf(data: bytes, name: str, password: str | None):
    """The open ``PdfDocument``; a wrong or missing password is an ``EncryptedDocument``."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD and password:
            raise EncryptedDocument(name, "wrong password for this encrypted PDF", "check --password") from exc
        if code == raw.FPDF_ERR_PASSWORD:
            raise EncryptedDocument(name, "the PDF is encrypted and needs a password", "pass --password") from exc
        if code == raw.FPDF_ERR_SECURITY:
            raise EncryptedDocument(name, "the PDF uses an unsupported security handler") from exc
        raise LoadError(name, f"not a readable PDF ({exc})") from exc


class _Frame:
    """User space → the displayed page's frame (x from the left, top from the top), the
    page's rotation applied the way pdfminer does it.  The page box is the MediaBox, as in
    pdfplumber; PDFium reads it only from the page itself, so when the page inherits it from the
    page tree the visible box (CropBox within MediaBox) stands in: text outside a CropBox is then
    left out, where pdfplumber would keep it."""

    def __init__(self, page):
        box = page.get_mediabox(fallback_ok=False) or page.get_bbox()
        self.x0, self.x1 = sorted((box[0], box[2]))
        self.y0, self.y1 = sorted((box[1], box[3]))
        self.rotation = page.get_rotation() % 360
        width, height = self.x1 - self.x0, self.y1 - self.y0
        self.bbox = (0.0, 0.0, height, width) if self.rotation in (90, 270) else (0.0, 0.0, width, height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.y0, x - self.x0
        if self.rotation == 180:
            return self.x1 - x, y - self.y0
        if self.rotation == 270:
            return self.y1 - y, self.x1 - x
        return x - self.x0, self.y1 - y

    def linear(self, a: float, b: float, c: float, d: float) -> tuple[float, float, float, float]:
        """A character matrix's linear part as seen on the displayed page (y up)."""
        if self.rotation == 90:
            return b, -a, d, -c
        if self.rotation == 180:
            return -a, -b, -c, -d
        if self.rotation == 270:
            return -b, a, -d, c
        return a, b, c, d

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """A user-space rectangle as (x0, x1, top, bottom) in the frame."""
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)


def read_page(page) -> PageContent:
    """The characters and edges of one ``PdfPage``."""
    frame = _Frame(page)
    textpage = page.get_textpage()
    try:
        chars, unmapped = _chars(textpage.raw, frame)
    finally:
        textpage.close()
    edges, unmeasured = _objects(page, frame)
    return PageContent(chars, edges, frame.bbox, unmapped, unmeasured)


def _texts(handle, count: int) -> list[str]:
    """Each character's text: the page's text in one call when it lines up one code unit per
    character, else one call per character with surrogate pairs joined (the second half left
    empty) and lone surrogates as U+FFFD."""
    import pypdfium2.raw as raw

    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(handle, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * max(written - 1, 0)).decode("utf-16-le", "surrogatepass")
    if len(text) == count and not SURROGATE.search(text):
        return list(text)
    codes = [raw.FPDFText_GetUnicode(handle, i) for i in range(count)]
    texts = [chr(code) if code <= 0x10FFFF else "\ufffd" for code in codes]
    for i in range(count - 1):
        if "\ud800" <= texts[i] <= "\udbff" and "\udc00" <= texts[i + 1] <= "\udfff":
            texts[i] = (texts[i] + texts[i + 1]).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
            texts[i + 1] = ""
    return [SURROGATE.sub("\ufffd", t) for t in texts]


def _chars(handle, frame: _Frame) -> tuple[list[Char], int]:
    import pypdfium2.raw as raw

    is_generated, map_error = raw.FPDFText_IsGenerated, raw.FPDFText_HasUnicodeMapError
    loose_box, get_matrix, font_size = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetMatrix, raw.FPDFText_GetFontSize
    rect, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    plain = frame.rotation == 0
    x_origin, y_origin = frame.x0, frame.y1
    chars, unmapped = [], 0
    for i, text in enumerate(_texts(handle, raw.FPDFText_CountChars(handle))):
        if not text or text.isspace() and is_generated(handle, i):
            continue
        if map_error(handle, i):
            unmapped += 1
            continue
        get_matrix(handle, i, matrix)
        size = font_size(handle, i)
        if plain and matrix.b == 0 and matrix.c == 0 and matrix.a > 0 and matrix.d > 0:   # the usual case
            loose_box(handle, i, rect)
            size *= matrix.d
            bottom_y = y_origin - rect.bottom
            chars.append(Char(text, rect.left - x_origin, rect.right - x_origin, bottom_y - size, bottom_y, size))
            continue
        a, b, c, d = frame.linear(matrix.a, matrix.b, matrix.c, matrix.d)
        upright = a * d > 0 and b * c <= 0
        loose_box(handle, i, rect)
        x0, x1, y_top, y_bottom = frame.box(rect.left, rect.bottom, rect.right, rect.top)
        size *= abs(d) if upright else abs(a * d - b * c) ** 0.5
        if upright:   # pdfminer's box: the em square standing on the descent line
            y_top = y_bottom - size
        chars.append(Char(text, x0, x1, y_top, y_bottom, size, upright))
    return chars, unmapped


def _objects(page, frame: _Frame) -> tuple[list[dict], int]:
    """The edges of the page's paths, and how many text objects have no width."""
    import pypdfium2.raw as raw

    edges: list[dict] = []
    unmeasured = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))

    def visit(parent, count, get, outer, depth):
        nonlocal unmeasured
        for k in range(count(parent)):
            obj = get(parent, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                if abs(right.value - left.value) < DEGENERATE_WIDTH:   # a blank glyph, or an unknown one
                    unmeasured += not raw.FPDFFont_GetIsEmbedded(raw.FPDFTextObj_GetFont(obj))
                continue
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            m = raw.FS_MATRIX()
            raw.FPDFPageObj_GetMatrix(obj, m)
            own = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                for subpath in _subpaths(obj, own, frame):
                    edges.extend(_subpath_edges(subpath))
            elif depth < FORM_DEPTH:
                visit(obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, own, depth + 1)

    visit(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)
    return edges, unmeasured


def _compose(inner: tuple, outer: tuple) -> tuple:
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _subpaths(obj, m: tuple, frame: _Frame) -> list[list[tuple[str, tuple[float, float]]]]:
    """The path's subpaths as pdfminer sees them: ("m"|"l"|"c"|"h", point in the frame); a
    Bézier curve keeps only its end point, a closing "h" the subpath's start."""
    import pypdfium2.raw as raw

    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list] = []
    bezier = 0
    for k in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, k)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = frame.point(m[0] * x.value + m[2] * y.value + m[4], m[1] * x.value + m[3] * y.value + m[5])
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([("m", point)])
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:
                subpaths[-1].append(("c", point))
        else:
            subpaths[-1].append(("l", point))
        if raw.FPDFPathSegment_GetClose(segment):
            subpaths[-1].append(("h", subpaths[-1][0][1]))
    return [s for s in subpaths if len(s) > 1]


def _subpath_edges(path: list[tuple[str, tuple[float, float]]]) -> list[dict]:
    """pdfplumber's edges of one subpath: a line, a rectangle's four sides, a curve's segments."""
    shape = "".join(op for op, _ in path)
    points = [p for _, p in path]
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-2] + points[-1:]
    if shape in ("ml", "mlh"):
        (xa, ya), (xb, yb) = points[0], points[1]
        return [_edge("line", xa, ya, xb, yb, "h" if ya == yb else "v")]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        if points[0] == points[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                       or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            left, right, top, bottom = min(x0, x2), max(x0, x2), min(y0, y2), max(y0, y2)
            return [_edge("rect_edge", left, top, right, top, "h"), _edge("rect_edge", left, bottom, right, bottom, "h"),
                    _edge("rect_edge", left, top, left, bottom, "v"), _edge("rect_edge", right, top, right, bottom, "v")]
    return [_edge("curve_edge", xa, ya, xb, yb, "v" if xa == xb else ("h" if ya == yb else None))
            for (xa, ya), (xb, yb) in zip(points, points[1:])]


def _edge(kind: str, xa: float, ya: float, xb: float, yb: float, orientation: str | None) -> dict:
    x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": orientation}


def metadata(document) -> dict:
    """The document-information dictionary (Title, Author …)."""
    try:
        return document.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001 - a broken info dictionary is no reason to lose the text
        return {}
