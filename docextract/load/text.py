"""Plain text: bytes of unknown encoding → str (``decode_text``), and the text loader.

Encodings are tried in a fixed order and scored by plausibility (how much of the result is
common Chinese), since Big5 bytes also decode as GB18030 without error.  Other loaders reuse
``decode_text`` for the bytes of pages and Markdown files.
"""
from __future__ import annotations

import codecs
import re

from ..config import Settings
from ..errors import LoadError, UnsupportedFormat
from .document import LoadedDocument
from .flat_tables import rebuild_flat_tables
from .furniture import drop_page_markers, strip_furniture
from .tables import place_tables


# Labels that name a subset of GB18030 are read as GB18030: a page declaring gb2312 routinely
# holds GBK-only characters (王喆), and GB18030 decodes every GB2312/GBK byte the same way.
ENCODING_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
    "gb_2312-80": "gb18030", "euc-cn": "gb18030", "big5-hkscs": "big5hkscs", "cp950": "big5",
    "utf8": "utf-8", "utf-8-sig": "utf-8-sig",
}
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Strict candidates, scored by plausibility: Big5 bytes also decode as GB18030 without error,
# so the first encoding that decodes is not necessarily the right one.
STRICT_CANDIDATES = ("utf-8", "gb18030", "big5", "big5hkscs")
# Lenient decoding (GB18030 first, then Big5 variants) is accepted when at most this share of
# characters had to be replaced; the most plausible wins.
LENIENT_CANDIDATES = ("gb18030", "big5hkscs", "big5")
LENIENT_MAX_BAD_SHARE = 0.001
# Codecs that can carry Chinese: a declared one is checked for plausibility, not just decoding.
CJK_CODECS = frozenset({"gb18030", "big5", "big5hkscs", "utf-16", "utf-16-le", "utf-16-be", "utf-32"})
# The most common simplified and traditional characters of government notices; a decoding
# that produces many of them is plausible.
COMMON_CHARS = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点"
    "从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原"
    "又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革"
    "位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强"
    "放决西被干做必战先回则任取据处府研队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术"
    "极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完"
    "类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众"
    "书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太"
    "准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县"
    "局照参红细引听该铁价严龙飞"
    "們國會這個來時說對發後過當學實現動種麼經進與關開內數機錢體點從業們義還無實題黨程戰問員辦區級組書際"
    "強務紀報將設產專務應縣際"
)


def normalize_label(label: str | None) -> str | None:
    """Map a declared charset label to the codec we decode with.

    >>> normalize_label("GB2312"), normalize_label("UTF8"), normalize_label(None)
    ('gb18030', 'utf-8', None)
    """
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    label = ENCODING_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name if label not in ("utf-8-sig",) else label
    except LookupError:
        return None


CJK_CHAR = re.compile("[\u4e00-\u9fff]")
COMMON_CHAR = re.compile("[" + "".join(sorted(COMMON_CHARS)) + "]")
BAD_CHAR = re.compile("[\ufffd\x00-\x08\ue000-\uf8ff]")
NON_ASCII = re.compile("[^\x00-\x7f]")
CJK_OR_PUNCTUATION = re.compile("[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”‘’…—·]")
# Plausibility reads this many characters; the encoding is decided on a sample of bytes that
# holds them (4 bytes per character at most), then the whole file is decoded once.
PLAUSIBILITY_CHARS = 20000
SAMPLE_BYTES = 4 * PLAUSIBILITY_CHARS + 16


def _plausibility(text: str) -> float:
    """Share of CJK characters that are common ones; replacement and control characters count against."""
    text = text[:PLAUSIBILITY_CHARS]
    cjk = len(CJK_CHAR.findall(text))
    bad = len(BAD_CHAR.findall(text))
    if not cjk:
        return 0.5 - bad
    return len(COMMON_CHAR.findall(text)) / cjk - 5 * bad / cjk


def _mostly_cjk(text: str) -> bool:
    """Whether most non-ASCII characters are CJK (or CJK punctuation): short GBK bytes can be
    valid UTF-8 too, but they then decode to combining marks and Hebrew, not Chinese."""
    text = text[:5000]
    return len(CJK_OR_PUNCTUATION.findall(text)) >= 0.8 * len(NON_ASCII.findall(text))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL in every other byte of ASCII-heavy text."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.2 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.2 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def _decode_start(data: bytes, codec: str, sample_bytes: int) -> str:
    """The text of the first ``sample_bytes`` bytes (a character cut at the end is left out);
    raises UnicodeDecodeError as ``bytes.decode`` would on them."""
    if len(data) <= sample_bytes:
        return data.decode(codec)
    return codecs.getincrementaldecoder(codec)().decode(data[:sample_bytes], final=False)


def decode_text(data: bytes, declared: str | None = None, *, override: str | None = None) -> tuple[str, str]:
    """Decode bytes of a Chinese text, returning ``(text, encoding used)``.

    ``override`` (``--encoding``) is obeyed as given (undecodable bytes become U+FFFD); an
    unknown label is ignored.  Otherwise: BOM → UTF-16 without BOM → the declared encoding
    (a page's charset) when it decodes strictly and plausibly → strict UTF-8 / GB18030 / Big5
    scored by plausibility → lenient GB18030 when only a few bytes are bad → charset-normalizer.
    gb2312/gbk/cp936 labels read as GB18030.  Never raises.

    >>> decode_text("通知".encode("big5"))
    ('通知', 'big5')
    >>> decode_text("通知".encode("gb18030"))
    ('通知', 'gb18030')
    """
    return _decode(data, declared, override, SAMPLE_BYTES)


def _decode(data: bytes, declared: str | None, override: str | None, sample_bytes: int) -> tuple[str, str]:
    """``decode_text``, deciding on the first ``sample_bytes`` bytes.  Plausibility and the
    UTF-8 test read only the start of the text, which the sample holds whole; a candidate that
    wins on the sample is checked on the whole file, and only when that fails (a bad byte after
    the sample) is every candidate decoded whole.  The result is the whole-file decision."""
    forced = normalize_label(override)
    if forced:
        return data.decode(forced, errors="replace"), forced.replace("-sig", "")
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec.replace("-sig", "")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    if len(data) > sample_bytes:
        decided = _decide_strict(data, normalize_label(declared), sample_bytes)
        if decided is not None:
            try:
                return data.decode(decided), decided
            except UnicodeDecodeError:
                pass  # a bad byte after the sample: decide on the whole file
    return _decode_whole(data, normalize_label(declared))


def _decide_strict(data: bytes, declared: str | None, sample_bytes: int) -> str | None:
    """The codec the strict steps of ``_decode_whole`` would choose, judged on the sample; None
    when they would not choose (or the choice depends on more than the sample)."""
    if declared:
        try:
            text = _decode_start(data, declared, sample_bytes)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            if declared == "utf-8" or (declared in CJK_CODECS and _plausibility(text) > 0.3):
                return declared
            if declared not in CJK_CODECS:
                return None  # a single-byte label: the whole-file steps decide
    decoded = []
    for rank, codec in enumerate(STRICT_CANDIDATES):
        try:
            text = _decode_start(data, codec, sample_bytes)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8" and (text.isascii() or _mostly_cjk(text)):
            return codec
        decoded.append((_plausibility(text), -rank, codec))
    return max(decoded)[2] if decoded else None


def _decode_whole(data: bytes, declared: str | None) -> tuple[str, str]:
    fallback = None
    if declared:
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            # UTF-8 that decodes strictly is reliable; a CJK codec must also read as Chinese; a
            # single-byte label (iso-8859-1, windows-1252: a CMS default) decodes anything, so
            # it only wins when no CJK candidate below decodes
            if declared == "utf-8" or (declared in CJK_CODECS and _plausibility(text) > 0.3):
                return text, declared
            if declared not in CJK_CODECS:
                fallback = (text, declared)
    decoded = []
    for rank, codec in enumerate(STRICT_CANDIDATES):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8" and (text.isascii() or _mostly_cjk(text)):
            return text, codec  # valid UTF-8 that reads as Chinese is almost never an accident
        decoded.append((_plausibility(text), -rank, codec, text))  # ties: the plainer codec
    if decoded:
        score, _, codec, text = max(decoded)
        if fallback is None or score > 0:
            return text, codec
    if fallback is not None:
        return fallback
    lenient = []
    for codec in LENIENT_CANDIDATES:  # a few bad bytes (a stray HKSCS or user-defined character)
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(1, len(text) * LENIENT_MAX_BAD_SHARE):
            lenient.append((_plausibility(text), -bad, codec, text))
    if lenient:
        _, _, codec, text = max(lenient)
        return text, codec
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - a detector failure must not stop the batch
        best = None
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8"


# Share of control characters above which decoded "text" is really a binary file.
BINARY_CONTROL_SHARE = 0.05
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


# A text with more than this share of U+FFFD was not decoded: an error, not garbage to extract.
UNDECODABLE_SHARE = 0.2


def check_decoded(text: str, name: str, encoding: str | None, forced: str | None) -> None:
    """Raise a LoadError when most of ``text`` is U+FFFD (a wrong ``--encoding``, a binary file)."""
    bad = text.count("\ufffd")
    if not bad:
        return
    visible = len(text) - sum(1 for ch in text if ch.isspace())
    if bad > UNDECODABLE_SHARE * max(visible, 1):
        how = f"as {forced}" if forced else f"(read as {encoding})"
        remedy = "check --encoding" if forced else "pass the right --encoding"
        raise LoadError(name, f"the text does not decode {how}: {bad} of {visible} characters are undecodable",
                        remedy)


def load_text_bytes(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    text, encoding = decode_text(data, override=settings.encoding)
    sample = text[:20000]
    if sample and len(CONTROL.findall(sample)) > BINARY_CONTROL_SHARE * len(sample):
        raise UnsupportedFormat(name, "this looks like a binary file, not text",
                                "convert it to .txt, .html, .pdf or .docx")
    check_decoded(text, name, encoding, settings.encoding)
    warnings = ()
    bad = text.count("\ufffd")
    if bad:
        warnings = (f"{bad} undecodable byte sequences replaced by U+FFFD",)
    metadata: dict[str, str] = {}
    lines, tables = rebuild_flat_tables(without_page_markers(text).split("\n"))
    text = "\n".join(strip_furniture(lines, metadata))
    return LoadedDocument(name=name, text=text, format="txt", encoding=encoding, metadata=metadata, warnings=warnings,
                          tables=place_tables(text, tables))


PAGE_EXPORT_MIN_MARKERS = 2   # page markers that show a text is a PDF or Word export


def without_page_markers(text: str) -> str:
    """A PDF or Word export's text without the page numbers between its pages (``— 3 —``),
    which normalize would otherwise join into the sentence they interrupt."""
    lines = text.split("\n")
    kept = drop_page_markers(lines)
    return "\n".join(kept) if len(lines) - len(kept) >= PAGE_EXPORT_MIN_MARKERS else text
