"""The signature that closes a part: the issuer lines (joint issuers may sign over several lines,
side by side; a seal by another body in brackets), a signer's own line, the date, and notes under
it ((此件公开发布))."""
from __future__ import annotations

from dataclasses import dataclass

from .dates import date_line, is_printing_date
from .head import Found
from .labels import read_label
from .nodes import Line
from .rules import rules

SIGNATURE_LINES = 8       # a signature is found among the last lines of a part
ISSUER_LINES = 10         # joint issuers (eight ministries, eleven district bodies) sign over up to this many lines
PLACE_PREFIX_CHARS = 3    # 黄浦区…黄浦区…: joint issuers of one place glued on one line repeat its name
ISSUER_LINE_MAX_CHARS = 120


@dataclass(frozen=True)
class Signature:
    first_line: int            # where the signature begins (items end there)
    date_line: int
    date: Found | None         # value: the ISO date
    issuer: Found | None       # value: the first (leading) issuer of a joint signature, else the one issuer


def _issuer_names(text: str) -> list[str] | None:
    """The names of a signature line (several side by side), or None when it is not one."""
    r = rules()
    pieces = text.split()
    # (the cheap tests first: most lines above a date are prose, not signature lines)
    if not pieces or len(text) > ISSUER_LINE_MAX_CHARS or any(ch in text for ch in "。；：:，"):
        return None
    names = [r.seal_by.sub("", p) for p in pieces]
    if r.seal_by.fullmatch(text):
        return []   # （某某局代章） on its own line
    names = [piece for name in names for piece in _glued_names(name)]
    return names if all(r.issuer_suffix.search(n) for n in names) else None


def _glued_names(name: str) -> list[str]:
    """Joint issuers of one place printed without a space (黄浦区发展和改革委员会黄浦区建设和管理委员会):
    split where the name's own place prefix comes again and both halves end like an issuer.

    >>> _glued_names("黄浦区发展和改革委员会黄浦区建设和管理委员会"), _glued_names("中国人民银行江苏省分行办公室")
    (['黄浦区发展和改革委员会', '黄浦区建设和管理委员会'], ['中国人民银行江苏省分行办公室'])
    """
    r = rules()
    prefix = name[:PLACE_PREFIX_CHARS]
    cut = name.find(prefix, PLACE_PREFIX_CHARS + 2) if len(name) >= 2 * PLACE_PREFIX_CHARS + 2 else -1
    if cut == -1 or not r.issuer_suffix.search(name[:cut]):
        return [name]
    rest = _glued_names(name[cut:])
    return [name[:cut], *rest] if all(r.issuer_suffix.search(n) for n in rest) else [name]


def find_signature(lines: list[Line], start_line: int, end_line: int) -> Signature | None:
    """The signature of lines ``start_line``..``end_line`` (one part), searching up from its end."""
    window = range(end_line - 1, max(start_line, end_line - SIGNATURE_LINES) - 1, -1)
    dated = []
    for i in window:   # from the end up; numbered lines below a date mean it closes nothing
        if read_label(lines[i].text.lstrip()) is not None:
            break
        found = date_line(lines[i].text)
        if found:
            dated.append((i, found))
    # a 版记 printing date (…印发) closes the page below the signature: the signing date first
    dated.sort(key=lambda d: (is_printing_date(lines[d[0]].text), -d[0]))
    return _signature_at(lines, start_line, *dated[0]) if dated else None


def _signature_at(lines: list[Line], start_line: int, i: int, found: tuple[str, int, int]) -> Signature:
    """The signature whose date is on line i: the issuer lines above it."""
    r = rules()
    line = lines[i]
    off = line.start   # date_line's offsets count from the start of the line
    date = Found(found[0], off + found[1], off + found[2])
    names: list[str] = []
    first, issuer_start = i, None
    j = i - 1
    while j >= max(start_line, i - ISSUER_LINES - 1):
        prev = lines[j].text.strip()
        if not prev:
            j -= 1
            continue
        if r.signer_person.search(prev) and issuer_start is None:
            first = j   # 局长 某某 / 某某 谨启 between the issuer and the date
            j -= 1
            continue
        found_names = _issuer_names(prev)
        if found_names is None:
            break
        names = found_names + names
        first = j
        issuer_start = lines[j].start + lines[j].text.find(prev)
        j -= 1
    issuer = Found(names[0], issuer_start, issuer_start + len(names[0])) if names else None
    return Signature(first, i, date, issuer)
