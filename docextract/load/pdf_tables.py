"""Ruled tables on a PDF page: pdfplumber's table finder run on ruling lines read by PDFium.

pdfplumber finds a table from the page's edges alone (snap and join them, intersect, make
cells, group cells into tables); only its cell text needs characters, and those come from the
same ``layout.Char`` list the rest of the page uses.  So a page is never parsed by pdfminer, and
pdfplumber is imported only when a page has horizontal and vertical rules.
"""
from __future__ import annotations

from .layout import Char, visual_lines

MIN_RULE_LENGTH = 1.0   # pdfplumber's edge_min_length_prefilter: shorter edges are ignored


def has_ruling(edges: list[dict]) -> bool:
    """Whether the edges can make a cell at all: two horizontal and two vertical rules."""
    horizontal = sum(1 for e in edges if e["orientation"] == "h" and e["width"] >= MIN_RULE_LENGTH)
    vertical = sum(1 for e in edges if e["orientation"] == "v" and e["height"] >= MIN_RULE_LENGTH)
    return horizontal >= 2 and vertical >= 2


class _RulesOnly:
    """The part of a pdfplumber page its table finder reads with the default "lines" strategy."""

    def __init__(self, edges: list[dict], bbox: tuple[float, float, float, float]):
        self.edges = edges
        self.bbox = bbox


def find_tables(edges: list[dict], bbox: tuple[float, float, float, float]) -> list:
    """pdfplumber ``Table`` objects (``.bbox``, ``.rows``) found with its default settings."""
    from pdfplumber.table import TableFinder

    return TableFinder(_RulesOnly(edges, bbox)).tables


def table_rows(table, chars: list[Char]) -> list[list[str | None]]:
    """Each cell's text (lines joined by newlines), as pdfplumber's ``Table.extract``: a cell
    holds the characters whose centre lies in it; ``None`` where a merged cell covers the place."""
    left, top, right, bottom = table.bbox
    centred = [((c.x0 + c.x1) / 2, (c.top + c.bottom) / 2, c) for c in chars]
    centred = [t for t in centred if left <= t[0] <= right and top <= t[1] <= bottom]
    rows = []
    for row in table.rows:
        r_left, r_top, r_right, r_bottom = row.bbox
        in_row = [t for t in centred if r_left <= t[0] < r_right and r_top <= t[1] < r_bottom]
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            c_left, c_top, c_right, c_bottom = cell
            inside = [c for x, y, c in in_row if c_left <= x < c_right and c_top <= y < c_bottom]
            cells.append("\n".join(line.text for line in visual_lines(inside)) if inside else "")
        rows.append(cells)
    return rows
