"""PDF: the text layer of every page, form fields and annotations (pypdf).

* encrypted with a user password -> ``Problem("encrypted")``; a PDF that only
  has an owner password (opens without one) is read;
* a page with images but no text layer (a scan) is read by OCR when
  ``inspection.ocr`` is on, and is otherwise a severe ``unsupported`` problem:
  a scanned referral letter must not pass unread; so is a page whose pictures
  cover most of it, one a document's page by its bytes (image.document_scan),
  beside a few words of text (a fax cover's line, a "Page 1 of 1" footer). A page
  without text whose every picture is a photo or artwork in colour
  (image.picture_not_page) is noted, as the picture on its own is;
* a file without its end-of-file marker is truncated: what pypdf can still
  read is scanned, and the file is recorded as ``corrupt``;
* a page whose text is mostly glyphs its font does not map to characters
  (no ToUnicode, made-up glyph names) is a severe ``unsupported`` problem:
  what it shows cannot be read from the file;
* an earlier version of the file that a later one replaced (an incremental
  update: text "blanked out" and saved again) is still in the bytes sent: the
  pages whose content it changed are read as they were ("earlier version").
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

from dlpgate.mime.errors import InspectionTimeout
from dlpgate.mime.formats._guard import mislabelled_text, read_as_text
from dlpgate.mime.text import label_words
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

# pypdf logs every repair it makes to a damaged file; the problem is recorded here instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


# An inline image in a content stream: "BI", its dictionary, "ID", its bytes, "EI".
_INLINE_IMAGE = re.compile(rb"(?:^|\s)BI\s[^\x00]{0,2000}?\sID\s")
_FORM_DEPTH = 8  # Form XObjects drawn inside each other, followed this deep


_MIN_SCAN_PIXELS = 48  # an image narrower or lower than this holds no line of text: a logo, a rule


def _has_images(page) -> bool:
    """Whether a page draws a picture that could hold text: an image XObject of some size,
    also inside the Form XObjects it draws (a blank form's grid or a vector drawing is no
    picture), or an inline image. A page that draws no XObject draws none of the images
    its resources name, whatever resources it shares with the others."""
    try:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
        if b"Do" not in data:  # no XObject drawn (whatever resources the page shares with others)
            return _INLINE_IMAGE.search(data) is not None
        for obj in _xobjects(page.get("/Resources"), _FORM_DEPTH, set()):
            if obj is None:
                return True  # nested past reason: treated as possibly scanned
            if obj.get("/Subtype") == "/Image" and _holds_a_line(obj):
                return True
            if obj.get("/Subtype") == "/Form" and _INLINE_IMAGE.search(obj.get_data()):
                return True
        return _INLINE_IMAGE.search(data) is not None
    except Exception:
        return True  # unknown: treat as possibly scanned


# The operators that place a picture: saving and restoring the graphics state, changing the
# coordinates ("a b c d e f cm"), drawing an XObject ("/Name Do"); each where a token starts.
# A "cm"'s six numbers are read back from the operator (_cm_numbers): a pattern trying six
# numbers at every number read each of a page of drawn lettering's curves six times over.
_NUMBER = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
_PLACING = re.compile(rb"(?<![^\s\]>)}])(?:(q)|(Q)|(cm)|/([^\s/\[\]()<>{}%]+)\s*Do)(?=[\s/\[\]()<>{}%]|\Z)")
_NUMBER_RE = re.compile(_NUMBER)
_PDF_SPACE = frozenset(b" \t\n\r\f\v")  # a bytes pattern's \s
_NUMBER_CHARS = frozenset(b"0123456789.+-")
_TOKEN_AFTER = _PDF_SPACE | frozenset(b"])>}")  # what a number may follow


def _cm_numbers(data: bytes, at: int) -> tuple[float, ...] | None:
    """The six numbers before the "cm" operator at ``at``, each its own token, whitespace
    after each, the first after whitespace, a closing bracket or the stream's start
    ("1 0 0 1 72 700 cm"); None where there are not six."""
    numbers: list[float] = []
    end = at
    for _ in range(6):
        stop = end
        while stop and data[stop - 1] in _PDF_SPACE:
            stop -= 1
        start = stop
        while start and data[start - 1] in _NUMBER_CHARS:
            start -= 1
        if stop == end or start == stop or not _NUMBER_RE.fullmatch(data, start, stop):
            return None
        numbers.append(float(data[start:stop]))
        end = start
    if end and data[end - 1] not in _TOKEN_AFTER:
        return None
    return tuple(reversed(numbers))


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: tuple[float, ...], ctm: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix ``m`` applied within the coordinates ``ctm`` (PDF's "m cm")."""
    a, b, c, d, e, f = ctm
    return (m[0] * a + m[1] * c, m[0] * b + m[1] * d, m[2] * a + m[3] * c, m[2] * b + m[3] * d,
            m[4] * a + m[5] * c + e, m[4] * b + m[5] * d + f)


def _drawn_images(page, data: bytes) -> list[tuple[Any, float]]:
    """The image XObjects large enough to hold a line of text (_holds_a_line) that the page
    draws by its content stream ``data`` (also inside its Form XObjects), each with the share
    of the page it covers (its placed square, clipped to the page). Inline images are left out."""
    box = page.mediabox
    x0, y0, x1, y1 = float(box.left), float(box.bottom), float(box.right), float(box.top)
    area = (x1 - x0) * (y1 - y0)
    out: list[tuple[Any, float]] = []
    drawn = [0]  # images drawn, of any size (no more than 64 are read)
    if area <= 0:
        return out

    def walk(data: bytes, resources, ctm: tuple[float, ...], depth: int) -> None:
        if b"Do" not in data:
            return  # draws no XObject: nothing placed to follow (a page of text and paths)
        resources = _resolved(resources)
        xobjects: Any = _resolved(resources.get("/XObject")) if hasattr(resources, "get") else None
        stack: list[tuple[float, ...]] = []
        for m in _PLACING.finditer(data):
            if m.group(1):
                stack.append(ctm)
            elif m.group(2):
                ctm = stack.pop() if stack else ctm
            elif m.group(3):
                numbers = _cm_numbers(data, m.start())
                if numbers is not None:
                    ctm = _times(numbers, ctm)
            elif hasattr(xobjects, "get") and drawn[0] < 64:
                obj = _resolved(xobjects.get("/" + m.group(4).decode("latin-1")))
                kind = obj.get("/Subtype") if hasattr(obj, "get") else None
                if kind == "/Image":
                    drawn[0] += 1
                    if _holds_a_line(obj):
                        xs = (ctm[4], ctm[4] + ctm[0], ctm[4] + ctm[2], ctm[4] + ctm[0] + ctm[2])
                        ys = (ctm[5], ctm[5] + ctm[1], ctm[5] + ctm[3], ctm[5] + ctm[1] + ctm[3])
                        w = max(0.0, min(max(xs), x1) - max(min(xs), x0))
                        h = max(0.0, min(max(ys), y1) - max(min(ys), y0))
                        out.append((obj, w * h / area))
                elif kind == "/Form" and depth > 0:
                    matrix = obj.get("/Matrix")
                    inner = _times(tuple(float(v) for v in matrix), ctm) if matrix and len(matrix) == 6 else ctm
                    walk(obj.get_data(), obj.get("/Resources") or resources, inner, depth - 1)

    walk(data, page.get("/Resources"), _IDENTITY, 3)
    return out


# Filters only fax machines and document scanners encode a picture with (black and white).
_SCANNER_FILTERS = frozenset(("/CCITTFaxDecode", "/CCF", "/JBIG2Decode"))
_FILE_FILTERS = frozenset(("/DCTDecode", "/DCT", "/JPXDecode"))  # the stream is a JPEG (2000) file


def _filters(obj) -> list[str]:
    """The names of the filters an image's stream is encoded with, in order."""
    filters = _resolved(obj.get("/Filter"))
    return [str(_resolved(f)) for f in filters] if isinstance(filters, list) else [str(filters)]


def _image_file(obj) -> bytes:
    """A page's picture as a file of its own, for what image.py judges of pictures: a JPEG as
    the file holds it; another decoded (pypdf), as an uncompressed bitmap. b"" when it
    cannot be decoded."""
    filters = _filters(obj)
    try:
        if filters and filters[-1] in _FILE_FILTERS:
            return obj.get_data()
        picture = obj.decode_as_image()
        if picture.mode not in ("1", "L", "P", "RGB"):
            picture = picture.convert("L" if picture.mode in ("LA", "I", "I;16", "F") else "RGB")
        buf = io.BytesIO()
        picture.save(buf, "BMP")
        return buf.getvalue()
    except Exception:
        return b""


def _scanner_filtered(obj) -> bool:
    return any(name in _SCANNER_FILTERS for name in _filters(obj))


def _judged(obj, judge, seen: dict) -> str:
    """``judge`` (of image.py) of a picture's file, once for each picture of the document
    (``seen``): pages share a background, a letterhead, a logo."""
    ref = getattr(obj, "indirect_reference", None)
    key = (judge.__name__, ref.idnum if ref is not None else id(obj))
    if key not in seen:
        seen[key] = judge(_image_file(obj))
    return seen[key]


def _pictures_only(page, seen: dict) -> str:
    """Why a page with no text layer is no scanned document: every picture on it that could
    hold a line of text is a photo or artwork (image.picture_not_page), none drawn inline.
    "" when any may be a page's scan."""
    from dlpgate.mime.formats import image

    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    if not data or _INLINE_IMAGE.search(data):
        return ""
    why = ""
    for obj, _share in _drawn_images(page, data):
        if _scanner_filtered(obj) or not (why := _judged(obj, image.picture_not_page, seen)):
            return ""
    return why


def _guarded(judge, *args) -> str:
    """A judgement of a page's pictures, "" where the page's structure does not allow it."""
    try:
        return judge(*args)
    except Exception:
        return ""


_PAGE_CHARS = 3000  # characters a page of print holds, about
_MOST_OF_PAGE = 0.5  # share of the page a scanned page's picture covers, at least


def _scan_beside_text(page, text: str, seen: dict) -> str:
    """Why a page with a text layer still shows a document's page unread: its pictures cover
    most of it, its text is a tenth or less of what their area would hold as print (a fax
    cover's line, a "Page 1 of 1" footer), and one of them is a page of a document by its
    bytes (image.document_scan). "" otherwise; pictures are decoded (small) only then."""
    visible = len(text) - text.count(" ") - text.count("\n")
    if visible * 10 >= _PAGE_CHARS:
        return ""
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    if b"Do" not in data:
        return ""
    from dlpgate.mime.formats import image

    drawn = _drawn_images(page, data)
    cover = min(1.0, sum(share for _obj, share in drawn))
    if cover < _MOST_OF_PAGE or visible * 10 >= cover * _PAGE_CHARS:
        return ""
    for obj, share in sorted(drawn, key=lambda d: -d[1]):
        if share < _MOST_OF_PAGE / 2:
            break
        if _scanner_filtered(obj):
            return "black-and-white page image"
        why = _judged(obj, image.document_scan, seen)
        if why:
            return why
    return ""


def _holds_a_line(obj) -> bool:
    """An image large enough to hold a line of text (_MIN_SCAN_PIXELS each way)."""
    return min(_int(obj.get("/Width")), _int(obj.get("/Height"))) >= _MIN_SCAN_PIXELS


def _int(value) -> int:
    """An image's width or height; a missing or odd one counts as large (possibly scanned)."""
    try:
        return int(_resolved(value))
    except (TypeError, ValueError):
        return 1 << 30


_LARGE_CONTENT = 1 << 20  # bytes of page content past which a page is first checked for text objects


def _drawing_only(page, data: bytes) -> bool:
    """A page of more than a megabyte of drawing (its content ``data``) with no text object
    ("BT") in it or in the Form XObjects it draws: its text is empty, without parsing every
    operator of it (a map or a chart of hundreds of thousands of paths takes pypdf seconds)."""
    if len(data) < _LARGE_CONTENT or b"BT" in data:
        return False
    for obj in _xobjects(page.get("/Resources"), _FORM_DEPTH, set()):
        if obj is None or (obj.get("/Subtype") == "/Form" and b"BT" in obj.get_data()):
            return False  # (None: nested past reason: read it all)
    return True


# Path construction and painting operators with their operands: they draw no text.
_PATH_NUMBER = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
_PATH_OPERATOR = rb"(?:re|[mlcvyhSsFn]|[fBbW]\*?)(?=[\s\[\]()<>/%{}]|\Z)"


def _literal(depth: int) -> bytes:
    """A literal string, with balanced parentheses inside it ``depth`` deep."""
    inner = rb"[^()\\]|\\[\s\S]"
    return rb"\((?:" + inner + (rb"|" + _literal(depth - 1) if depth else b"") + rb")*\)"


# Tokens kept whole (group 1: strings, hex strings, names, comments), or a run of path
# operators with their operands, starting where a token starts (taken out).
_DRAWING = re.compile(
    rb"(" + _literal(3) + rb"|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>{}%]*|%[^\r\n]*)"
    rb"|(?<![^\s)\]>}])(?:(?:" + _PATH_NUMBER + rb"\s+)*+" + _PATH_OPERATOR + rb"\s*)++"
)
_PATH_MARKS = (b" m\n", b" l\n", b" c\n", b" re\n", b" m ", b" l ", b" c ", b" re ")
_MANY_PATHS = 16  # path operators per KB of content past which they are taken out before pypdf reads it


def _page_text(page) -> str:
    """The page's text layer (pypdf). A page drawn mostly with paths (text set as outlines,
    a chart, a map) is read with its path operators taken out first: they draw no text,
    and pypdf parses each of their operands in Python (a 200 KB page of outlined lettering:
    70 ms, 9 ms without). The page's own contents are put back afterwards."""
    return _page_texts(page)[0]


def _page_texts(page) -> tuple[str, list[str], str]:
    """The page's text layer (_page_text), the text its marked runs stand for (glyphs
    drawn as outlines with their /ActualText, a figure's /Alt words), and the lines that
    read otherwise in the order the page shows them, when its content draws a run left of
    the run before it on the same line (_RunOrder)."""
    contents = page.get_contents()
    if contents is None:
        return page.extract_text() or "", [], ""
    data = contents.get_data()
    marked = _marked_texts(data) if b"/ActualText" in data or b"/Alt" in data else []
    order = _RunOrder()
    text = _page_layer(page, data, order)
    return text, marked, _in_page_order(page, text) if order.back else ""


class _RunOrder:
    """pypdf's visitor of a page's text runs, in the order its content draws them: whether
    a run is drawn after the run that the page shows right after it on the same line. A
    page edited after it was made (a number corrected in an editor, a field filled in) has
    the new run drawn at the end of its content, at the place it shows: "9051" drawn after
    "NHS No: 428291"'s line, then that line, reads "9051NHS No: 428291" in content order.
    A run drawn left of the one before it but far from it (a right-aligned page number or
    "[Function]" drawn first) is no such edit: the two read apart in either order."""

    __slots__ = ("x", "y", "back")

    def __init__(self) -> None:
        self.x = self.y = 0.0
        self.back = False

    def __call__(self, text: str, cm: list, tm: list, font: object, size: object) -> None:
        if self.back or not text or text.isspace():
            return
        try:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            em = float(size) * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])  # type: ignore[arg-type]
        except (TypeError, ValueError, IndexError):
            return
        gap = self.x - x
        # The run ends about where the one before it starts: its glyphs are 0.3 to 0.7 em
        # wide, and a space may part them.
        n = len(text.strip())
        if abs(y - self.y) < 1.0 and 0.3 * n * em <= gap <= (0.7 * n + 1.5) * em:
            self.back = True
        self.x, self.y = x, y


# Columns pypdf's layout mode sets apart with runs of spaces: read as cells.
_COLUMN_GAP = re.compile(r" {3,}")


def _in_page_order(page, text: str) -> str:
    """The lines of the page as pypdf lays it out by position (its layout mode, which
    costs several times the plain reading: only for pages drawn out of order) that the
    content order (``text``) does not hold."""
    try:
        laid = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # a page pypdf cannot lay out keeps its content order
        return ""
    seen = {line.strip() for line in text.splitlines()}
    lines = (_COLUMN_GAP.sub("\t", line.strip()) for line in laid.splitlines())
    return "\n".join(line for line in lines if line and line not in seen)


def _page_layer(page, data: bytes, order: _RunOrder | None = None) -> str:
    if _drawing_only(page, data):
        return ""
    if (
        len(data) < 16 * 1024
        or sum(map(data.count, _PATH_MARKS)) * 1024 < _MANY_PATHS * len(data)
        or _INLINE_IMAGE.search(data)  # an image's bytes are no tokens
    ):
        return page.extract_text(visitor_text=order) or ""
    return _text_without_paths(page, data, order)


# A PDF string in a content stream: a literal (nested brackets one deep) or hex.
_PDF_STRING = rb"(\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<[0-9A-Fa-f\s]*>)"
# A marked-content run's replacement text or alternate description: "/Span << /ActualText
# (Patient: ...) >> BDC".
_MARKED_TEXT = re.compile(rb"/(?:ActualText|Alt|E)\s*" + _PDF_STRING, re.S)
_LITERAL_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\n": b"", b"\r": b""}


def pdf_string(raw: bytes) -> str:
    """A PDF string's text: a literal's escapes or hex digits, UTF-16 after its mark, else
    PDFDocEncoding (read as Latin-1)."""
    if raw[:1] == b"<":
        digits = re.sub(rb"\s", b"", raw[1:-1])
        data = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    else:
        data = _LITERAL_ESCAPE.sub(
            lambda m: bytes([int(m.group(1), 8) & 0xFF]) if m.group(1)[:1].isdigit() else _ESCAPES.get(m.group(1), m.group(1)),
            raw[1:-1],
        )
    if data[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return data.decode("utf-16", "replace")
    return data.decode("latin-1")


def _marked_texts(data: bytes) -> list[str]:
    return [t for m in _MARKED_TEXT.finditer(data) if (t := pdf_string(m.group(1)).strip())]


def _text_without_paths(page, data: bytes, order: _RunOrder | None = None) -> str:
    """The page's text, read from its content ``data`` with every path operator and its
    operands taken out (tests compare it with the text of the whole content)."""
    from pypdf.generic import ContentStream, NameObject

    key = NameObject("/Contents")
    original = page.raw_get(key)
    text_only = ContentStream(None, page.pdf, "bytes")  # as pypdf reads a page's own contents
    text_only.set_data(_DRAWING.sub(rb"\1", data))
    page[key] = text_only
    try:
        return page.extract_text(visitor_text=order) or ""
    finally:
        page[key] = original


def _xobjects(resources, depth: int, seen: set[int]) -> Iterator:
    """Every XObject the resources name, and those the Form XObjects among them name in
    turn, ``depth`` deep; None where a form nests deeper."""
    resources = _resolved(resources)
    if not hasattr(resources, "get"):
        return
    xobjects = _resolved(resources.get("/XObject"))
    if not hasattr(xobjects, "values"):
        return
    for ref in xobjects.values():
        obj = ref.get_object()
        if id(obj) in seen or not hasattr(obj, "get"):
            continue
        seen.add(id(obj))
        yield obj
        if obj.get("/Subtype") == "/Form":
            if depth <= 0:
                yield None
            else:
                yield from _xobjects(obj.get("/Resources"), depth - 1, seen)


# What a text layer holds when its font does not map its glyphs to characters
# (no ToUnicode, made-up glyph names): the names pypdf falls back to ("/g12",
# "/glyph7", "/cid0042"), control characters, private-use characters, U+FFFD.
_GLYPH_NAME = re.compile(r"/(?:g|glyph|cid|index|gid|c)\d+|/[A-Za-z]{1,3}[0-9A-Fa-f]{2,}")
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ue000-\uf8ff\ufffd]")
_MIN_UNMAPPED = 20  # characters: a stray symbol or two is no unreadable page


def _unmapped(text: str) -> bool:
    """True when most of a page's text is glyphs its font left unnamed: the page
    shows text that cannot be read from the file, and is reported, not passed."""
    visible = len(text) - text.count(" ") - text.count("\n")
    if visible < _MIN_UNMAPPED:
        return False
    junk = sum(len(m) for m in _GLYPH_NAME.findall(text)) + len(_UNREADABLE.findall(text))
    if junk * 2 > visible:
        return True
    # Codes that are the font's glyph numbers: the letters come out as other printable
    # characters, but the commonest character, which in any writing is the space or a
    # letter, is a control character (the space's glyph, 3, in a TrueType font).
    if junk * 10 < visible:
        return False
    common = Counter(text.replace("\n", "")).most_common(1)[0][0]
    return _UNREADABLE.match(common) is not None


def _resolved(obj):
    """A PDF object that may be an indirect reference, as the object it points at."""
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _field_line(label: object, value: object) -> str:
    """"label: value" of a form field's value (a list's items joined, a name without its
    slash), or "" when the value is empty."""
    text = (" ".join(str(v) for v in value) if isinstance(value, list) else str(value)).lstrip("/")
    return f"{label}: {text}" if text.strip() else ""


def _field_label(field: object, name: object = None) -> str:
    """What a form field is called: its tooltip (/TU) as its author wrote it, else its name
    (``name``, or its /T) in words ("txtPatientName" -> "patient name")."""
    tooltip = field.get("/TU") if hasattr(field, "get") else None
    if tooltip is not None and str(tooltip).strip():
        return str(tooltip)
    if name is None and hasattr(field, "get"):
        name = field.get("/T")
    return label_words(str(name)) if name is not None else ""


def _field_text(reader) -> str:
    lines = []
    try:
        fields = reader.get_fields() or {}
    except Exception:
        fields = {}
    for name, field in fields.items():
        value = field.get("/V") if hasattr(field, "get") else None
        label = _field_label(field, name)
        if value is not None:
            lines.append(_field_line(label, value))
        options = _options(field)
        if options:
            lines.append(_field_line(f"{label} (choices)", options))
    return "\n".join(line for line in lines if line)


def _options(field: object) -> list[str]:
    """A list or combo box's choices (/Opt: each a text, or [export value, text]): a form
    may hold a list of people to pick from."""
    opts = _resolved(field.get("/Opt")) if hasattr(field, "get") else None
    if not isinstance(opts, list):
        return []
    out: list[str] = []
    for opt in map(_resolved, opts[:1000]):
        if isinstance(opt, list):
            out.extend(str(_resolved(o)) for o in opt[:2])
        else:
            out.append(str(opt))
    return list(dict.fromkeys(o for o in out if o.strip()))


def _annots(page) -> list:
    """A page's annotations, resolved; [] when it has none, or when /Annots is not an
    array (null is legal, and a damaged file may hold anything there)."""
    annots = _resolved(page.get("/Annots"))
    if not isinstance(annots, list):
        return []
    return [a for a in map(_resolved, annots) if hasattr(a, "get")]


def _widget_values(page) -> list[str]:
    """"label: value" of each form widget on the page that has a value: a field the
    form's /Fields array leaves out is still shown by every viewer. And what a text or
    list field's appearance draws where it is not its value (_appearance_text): a form
    "printed to PDF" keeps the values only as what its fields show, with no /V."""
    out = []
    shown: set[int] = set()
    for annot in _annots(page):
        if annot.get("/Subtype") != "/Widget":
            continue
        field = annot
        value = field.get("/V")
        parent = _resolved(annot.get("/Parent"))
        if value is None and hasattr(parent, "get"):
            field = parent
            value = field.get("/V")
        label = _field_label(field) or _field_label(annot) or "field"
        if value is not None:
            line = _field_line(label, _resolved(value))
            if line:
                out.append(line)
        kind = annot.get("/FT") or (parent.get("/FT") if hasattr(parent, "get") else None)
        if kind in ("/Btn", "/Sig") or "/AP" not in annot:
            continue  # a check box draws a tick glyph, a signature its signer's stamp
        drawn = _appearance_text(page, annot, _resolved(value), shown)
        if drawn:
            out.append(f"{label}: {drawn}")
    return out


# A text-showing operator in a content stream: an appearance that shows no text draws
# none (a blank field's "/Tx BMC EMC", a box, a tick).
_SHOWS_TEXT = re.compile(rb"(?:\)|>|\])\s*(?:Tj|TJ|'|\")")
_MAX_APPEARANCE = 1 << 16  # bytes of one appearance stream read
_MAX_APPEARANCES = 400  # appearances read on one page


def _appearance_text(page, annot, value: object, shown: set[int]) -> str:
    """The text an annotation's normal appearance (/AP /N, or the state /AS picks) draws,
    when it is not ``value`` (a field's /V, a comment's /Contents) already read: what a
    viewer shows of it. ``shown``: the streams read on this page (a blank field's
    appearance is often one stream shared by all)."""
    ap = _resolved(annot.get("/AP"))
    normal: Any = _resolved(ap.get("/N")) if hasattr(ap, "get") else None
    if not hasattr(normal, "get_data") and hasattr(normal, "get") and annot.get("/AS") is not None:
        normal = _resolved(normal.get(annot.get("/AS")))
    if not hasattr(normal, "get_data") or id(normal) in shown or len(shown) >= _MAX_APPEARANCES:
        return ""
    shown.add(id(normal))
    if len(getattr(normal, "_data", b"") or b"") > _MAX_APPEARANCE:
        return ""
    data = normal.get_data()
    if len(data) > _MAX_APPEARANCE or not _SHOWS_TEXT.search(data):
        return ""
    said = " ".join(str(value).split()) if isinstance(value, str) else ""
    if said and len(_SHOWS_TEXT.findall(data)) == 1 and b"(" + said.encode("latin-1", "replace") + b")" in data:
        return ""  # the value drawn as it is written, already read
    try:
        text = page.extract_xform_text(normal)
    except Exception:  # a font pypdf cannot read: the strings as they are written
        text = " ".join(pdf_string(m.group(1)) for m in _SHOWN_STRING.finditer(data))
    text = " ".join(text.split())
    if not text or text.casefold() == said.casefold():
        return ""
    return text


def _annotation_text(page) -> str:
    out = []
    shown: set[int] = set()
    try:
        for annot in _annots(page):
            if annot.get("/Subtype") == "/Widget":
                continue  # form fields: _widget_values, and the AcroForm
            for key in ("/Contents", "/T", "/Subj", "/RC"):
                value = annot.get(key)
                if value is None:
                    continue
                text = str(_resolved(value))
                if key == "/RC":  # rich text (XHTML) of the same comment
                    from dlpgate.mime.formats.html import html_to_text

                    text = html_to_text(text)
                if text.strip():
                    out.append(text)
            if "/AP" in annot:  # a text box or stamp shows what its appearance draws
                drawn = _appearance_text(page, annot, _resolved(annot.get("/Contents")), shown)
                if drawn:
                    out.append(drawn)
            action = annot.get("/A")
            uri = action.get_object().get("/URI") if action is not None else None
            if uri:
                from urllib.parse import unquote

                out.append(unquote(str(uri)))
    except Exception:
        pass
    return "\n".join(dict.fromkeys(out))


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import FileNotDecryptedError

    if b"%PDF" not in data[:1024] and mislabelled_text(data, b"%PDF"):
        yield from read_as_text(data, name, where, ctx)
        return
    # The end-of-file marker is near the end: after it, only line ends, or the
    # zero bytes and spaces some downloads and archivers pad files with.
    truncated = b"%%EOF" not in data.rstrip(b"\x00\t\n\r\x0c ")[-2048:]
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except NotImplementedError as exc:  # encrypted for certificates (public key), not a password
        yield Problem("encrypted", where, f"encrypted PDF ({exc})")
        return
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception:  # unsupported algorithm etc.
            ok = PasswordType.NOT_DECRYPTED
        if not ok:
            yield Problem("encrypted", where, "password-protected PDF")
            return
    if truncated:
        yield Problem("corrupt", where, "truncated PDF (no end-of-file marker); what could be read was scanned")
    try:
        pages = reader.pages
        n = len(pages)
    except FileNotDecryptedError:
        yield Problem("encrypted", where, "password-protected PDF")
        return
    widgets: list[str] = []
    texts: list[str] = []
    whole = yield from _read_pages(pages, n, where, ctx, widgets, texts)
    if not whole:
        return
    fields = _field_text(reader)
    shown = set(fields.splitlines())
    fields = "\n".join([fields, *dict.fromkeys(w for w in widgets if w not in shown)]).strip("\n")
    if fields:
        yield Segment(fields, f"{where}, form fields")
    yield from _document_extras(reader, data, where, ctx)
    if data.count(b"%%EOF") > 1:
        yield from _earlier_versions(data, reader, texts, where, ctx)


def _read_pages(pages, n: int, where: str, ctx: ExtractContext, widgets: list[str],
                texts: list[str]) -> Generator[Segment | Problem, None, bool]:
    """Every page's text, comments and pictures; its form widgets' values into ``widgets``,
    its text into ``texts``. False when the text ran past the segment limit (the rest not read)."""
    max_chars = ctx.limits.max_segment_chars
    total = 0
    seen: dict = {}  # pictures judged (_judged)
    held = False  # a page reported scanned: the file is unread
    for i in range(n):
        ctx.check_deadline()
        place = f"{where}, page {i + 1}"
        try:
            page = pages[i]
            text, marked, in_order = _page_texts(page)
        except Exception as exc:  # one bad page never hides the others
            yield Problem("corrupt", place, f"{type(exc).__name__} reading the page")
            continue
        if text.strip():
            yield Segment(text, place)
            texts.append(text)
            total += len(text)
            joined = _letters_joined(text)
            if joined:
                yield Segment(joined, f"{place}, letters joined")
            if _unmapped(text):
                yield Problem("unsupported", place, "text drawn in a font that does not say which characters it shows")
            # (once a page is reported scanned, without OCR, the others are not judged: the
            # file is held for it)
            scan = "" if held else _guarded(_scan_beside_text, page, text, seen)
            if scan:
                held = not _can_ocr(ctx)
                yield from _scanned_page(page, place, ctx, f"page showing a {scan} beside a few words of text")
        elif _has_images(page):
            picture = "" if _can_ocr(ctx) or held else _guarded(_pictures_only, page, seen)
            held = held or not (picture or _can_ocr(ctx))
            if picture:  # a photo or artwork saved as a page: noted, as the picture on its own is
                yield Problem("unsupported", place, f"page without a text layer showing a {picture}", severe=False)
            else:
                yield from _scanned_page(page, place, ctx)
        if in_order:
            yield Segment(in_order, f"{place}, in page order")
        if marked:
            yield Segment("\n".join(marked), f"{place}, marked text")
        annots = _annotation_text(page)
        if annots.strip():
            yield Segment(annots, f"{place}, comments")
        try:
            widgets.extend(_widget_values(page))
        except Exception as exc:
            yield Problem("corrupt", f"{place}, form fields", f"{type(exc).__name__} reading the page's form fields")
        if total > max_chars:
            yield Problem("too_large", where, f"more than {max_chars} characters; the rest not scanned")
            return False
    return True


_ONE_SPACE = re.compile(r"(?<=\S) (?=\S)")


def _spaced(line: str) -> bool:
    """Most of the line's tokens a glyph or two long, and many of them, letters mostly:
    letter-spaced words (not a row of single digits, a questionnaire's scores)."""
    tokens = line.split()
    return (
        len(tokens) >= 8
        and sum(len(t) <= 2 for t in tokens) * 10 >= len(tokens) * 7
        and (letters := sum(t.isalpha() for t in tokens)) >= 3
        and letters * 3 >= len(tokens)
    )


def _letters_joined(text: str) -> str:
    """A page whose text objects each draw one glyph comes out letter-spaced ("N a m e :
    A L E N A Z I ,  D a t e  o f  B i r t h"): those lines with the letters joined and the
    wider gaps as spaces ("Name:ALENAZI, Date of Birth"), so labels and dates read; "" when
    the page is not written so (most of its words a letter long)."""
    lines = text.splitlines()
    spaced = [line for line in lines if _spaced(line)]
    if not spaced or sum(map(len, spaced)) * 2 < len(text):
        return ""
    return "\n".join(re.sub(" {2,}", " ", _ONE_SPACE.sub("", line.strip())) for line in spaced)


_EARLIER_VERSIONS = 4  # versions before the last that are read, the latest first


def _content_offsets(reader, page) -> tuple[tuple[int, object], ...] | None:
    """Where the page's content streams are in the file, by the reader's cross-reference
    table: a later version that changed a page's text wrote its contents anew elsewhere."""
    from pypdf.generic import ArrayObject, IndirectObject

    ref = page.get("/Contents")
    target = ref.get_object() if isinstance(ref, IndirectObject) else ref
    items = list(target) if isinstance(target, ArrayObject) else [ref]
    out: list[tuple[int, object]] = []
    for item in items:
        if not isinstance(item, IndirectObject):
            return None
        offset = reader.xref.get(item.generation, {}).get(item.idnum, reader.xref_objStm.get(item.idnum))
        out.append((item.idnum, offset))
    return tuple(out)


def _earlier_versions(data: bytes, final, texts: list[str], where: str,
                      ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """The pages an incremental update replaced, as each earlier version of the file
    (cut at its end-of-file marker) had them: text the last version no longer shows is
    still in the bytes sent. Lines the last version shows (its pages' ``texts``, as
    read) are not repeated."""
    from pypdf import PdfReader

    ends = [m.end() for m in re.finditer(rb"%%EOF", data)][:-1]
    if b"/Linearized" in data[:1024]:
        ends = ends[1:]  # a web-ready file's first marker ends its first page's table, not a version
    try:
        current = [_content_offsets(final, p) for p in final.pages]
    except Exception:
        return
    shown: set[str] | None = None
    for k, end in enumerate(reversed(ends[-_EARLIER_VERSIONS:])):
        ctx.check_deadline()
        try:
            old = PdfReader(io.BytesIO(data[:end]), strict=False)
            if old.is_encrypted:
                return
            lines: list[str] = []
            for i, page in enumerate(old.pages):
                offsets = _content_offsets(old, page)
                if offsets is not None and i < len(current) and offsets == current[i]:
                    continue  # the same content streams as the last version: the same text
                lines.extend(_page_text(page).splitlines())
        except Exception:
            continue  # a cut that is no whole version (a damaged table): nothing more to read there
        if not lines:
            continue
        if shown is None:
            shown = {line.strip() for text in texts for line in text.splitlines()}
        new = [line for line in dict.fromkeys(lines) if line.strip() and line.strip() not in shown]
        if new:
            yield Segment("\n".join(new), f"{where}, earlier version {k + 1}")


_STANDARD_INFO = frozenset(("/Title", "/Subject", "/Author", "/Keywords", "/Creator", "/Producer"))


def _properties(reader, where: str) -> Iterator[Segment | Problem]:
    """The document information dictionary and the document's XMP."""
    info: list[str] = []
    try:
        meta = reader.metadata or {}
        for key, value in meta.items():
            if key in ("/CreationDate", "/ModDate", "/Trapped"):
                continue
            text = str(value).strip()
            if text:
                # the standard fields' values alone, as a reader shows them (and a Word file's
                # properties are read): "Referral - Mr A Example - ..." is a title, not a
                # "Title:" field; a field of the writer's own keeps its name ("PatientName: ...")
                info.append(text if key in _STANDARD_INFO else f"{str(key).lstrip('/')}: {text}")
    except Exception:  # damaged Info dictionary
        yield Problem("corrupt", f"{where}, properties", "unreadable document information", severe=False)
    try:
        xmp = reader.root_object.get("/Metadata")
        if xmp is not None:
            raw = xmp.get_object().get_data()
            info.extend(_xmp_text(raw))
    except Exception:
        yield Problem("corrupt", f"{where}, properties", "unreadable XMP metadata", severe=False)
    if info:
        yield Segment("\n".join(dict.fromkeys(info)), f"{where}, properties")


def _document_extras(reader, data: bytes, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """Metadata (Info and XMP), XFA forms, bookmarks, the text of the file's objects no page
    shows, and embedded files (recursed)."""
    yield from _properties(reader, where)
    try:
        xfa = reader.xfa or {}
    except Exception:
        xfa = {}
    if xfa:  # an XFA form: its field values are in the "datasets" packet, labels in "template"
        lines = []
        for packet in ("datasets", "template", "form"):
            raw = xfa.get(packet)
            if raw:
                lines.extend(_xmp_text(raw if isinstance(raw, bytes) else str(raw).encode()))
        if lines:
            yield Segment("\n".join(lines), f"{where}, form fields (XFA)")
    try:
        titles = list(_outline_titles(reader.outline, 0))
    except Exception:
        titles = []
    if titles:
        yield Segment("\n".join(titles), f"{where}, bookmarks")
    try:
        other = (_object_texts(reader, ctx) if _may_hold_texts(reader, data) else []) + _page_label_prefixes(reader)
    except InspectionTimeout:
        raise
    except Exception:  # a damaged object table: what the pages showed was read
        other = []
    if other:
        yield Segment("\n".join(dict.fromkeys(other)), f"{where}, other text")
    yield from _embedded_files(reader, where, ctx)


# Text an object of the file holds that no page shows: a structure element's alternate
# description or replacement text, a field's tooltip, a layer's name, a link's or a file
# specification's file path, a page label's prefix; the XMP of a page or a picture; the
# strings a tiling pattern draws (a page's background). Besides these, every other string
# of the file's objects, labelled with its key ("NHSNumber: ..."): a field's default value,
# a vendor's dictionary in the catalog or on a page, an application's private data
# (/PieceInfo); and the streams that are text and no page content, font, picture or other
# known kind (an application's private data as a stream).
_TEXT_KEYS = ("/Alt", "/ActualText", "/E", "/TU", "/UF", "/Desc")
_MAX_OBJECTS = 20_000
_MAX_OTHER_CHARS = 1_000_000  # characters of strings and streams read from the objects, in all
_MAX_STREAM = 1 << 18  # bytes of a stream read as private text (encoded and decoded)
_MAX_STREAM_TOTAL = 1 << 21  # bytes of such streams decoded, in all
_SHOWN_STRING = re.compile(_PDF_STRING + rb"\s*(?:Tj|'|\")", re.S)
# Strings read elsewhere (page text, properties, form values, comments, bookmarks, page
# labels, actions' links) or that are no text anyone wrote: identifiers, keys, dates,
# appearance settings, a font's glyph list, an annotation's unique name.
_OTHER_SKIP = frozenset(
    """/V /T /TU /Contents /Subj /RC /URI /Title /Opt /P /ID /O /U /OE /UE /Perms /Cert /CreationDate
    /ModDate /M /LastModified /Date /DA /DS /NM /Registry /Ordering /Lang /CharSet /Panose /Names
    /Dests /Limits /ByteRange /Filter /F /UF /Name /Alt /ActualText /E /Desc /CheckSum""".split()
)
# A stream of one of these kinds is no text a person wrote (a picture, a font, a colour
# profile, a function, a form's drawing), or is read elsewhere (XMP, embedded files).
_STREAM_KINDS = frozenset({"/Subtype", "/Length1", "/Length2", "/Length3", "/N", "/FunctionType",
                           "/ShadingType", "/PatternType", "/BBox", "/Width", "/Height", "/CMapName"})
_STREAM_TYPES = frozenset({"/XObject", "/ObjStm", "/XRef", "/Metadata", "/EmbeddedFile", "/CMap", "/Pattern", "/Font"})
# Operators of a content stream (a page's, a glyph's): a stream of them is drawing, not text.
_CONTENT_OPS = frozenset(
    b"""BT ET Tf Tj TJ Td TD Tm T* Tc Tw Tz TL Tr Ts cm q Q re m l c v y h S s f F f* B B* b b* n W W*
    Do gs cs CS sc scn SC SCN g G rg RG k K w J j M d ri i d0 d1 sh BI ID EI BMC BDC EMC MP DP BX EX""".split()
)
_ID_LIKE = re.compile(r"[0-9A-Fa-f:{}-]{16,}|uuid:\S+|D:\d{8,}\S*")
_LATIN1_HIGH = re.compile("[\xa0-\xff\u02d8-\u02dd\u2013-\u2044\u0141\u0142\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0131]")
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")


# The keys _object_texts reads, as the file's bytes show them when no object is compressed
# into an object stream, or a string outside the file's streams: most PDFs hold one (their
# Info), those that hold none (the document's own XMP aside) are not swept.
_SWEPT_KEYS = re.compile(rb"/(?:Alt|ActualText|TU|UF|Desc|OCG|Launch|GoToR|GoToE|Filespec|PatternType|E|PieceInfo)\b")
_METADATA_TYPE = re.compile(rb"/Type\s*/Metadata\b")
_A_STRING = re.compile(rb"\(|<[0-9A-Fa-f\s]*>")


def _may_hold_texts(reader, data: bytes) -> bool:
    if reader.xref_objStm:
        return True
    own = 1 if reader.root_object.get("/Metadata") is not None else 0
    return (_SWEPT_KEYS.search(data) is not None or len(_METADATA_TYPE.findall(data)) > own
            or _string_outside_streams(data))


def _string_outside_streams(data: bytes) -> bool:
    """Whether the file's bytes, its streams' data left out, hold a string: one pass."""
    pos = 0
    while True:
        start = data.find(b"stream", pos)
        if _A_STRING.search(data, pos, len(data) if start < 0 else start) is not None:
            return True
        if start < 0:
            return False
        end = data.find(b"endstream", start + 6)
        if end < 0:
            return False
        pos = end + 9


class _Budget:
    """What is left to read of the objects' strings and streams (characters, stream bytes)."""

    def __init__(self) -> None:
        self.chars = _MAX_OTHER_CHARS
        self.stream_bytes = _MAX_STREAM_TOTAL
        self.elsewhere: set[int] = set()  # streams read elsewhere or drawing (_note_elsewhere)

    def take(self, out: list[str], text: str) -> None:
        if self.chars > 0:
            out.append(text[: self.chars])
            self.chars -= len(text)


def _object_texts(reader, ctx: ExtractContext) -> list[str]:
    from pypdf.generic import DictionaryObject, StreamObject

    out: list[str] = []
    ids: set[tuple[int, int]] = set()
    for gen, table in reader.xref.items():
        ids.update((idnum, gen) for idnum in table)
    ids.update((idnum, 0) for idnum in reader.xref_objStm)
    root_meta = reader.root_object.get("/Metadata")
    root_meta_id = getattr(root_meta, "idnum", None)
    info_id = getattr(reader.trailer.get("/Info"), "idnum", None)
    budget = _Budget()
    private: list[tuple[int, StreamObject]] = []  # streams that may be text, decided after the sweep
    for n, (idnum, _gen) in enumerate(sorted(ids)):
        if n >= _MAX_OBJECTS or budget.chars <= 0:
            break
        if not n % 256:
            ctx.check_deadline()
        try:
            obj = reader.get_object(idnum)
        except Exception:
            continue
        if not isinstance(obj, DictionaryObject):
            continue
        if idnum != info_id:  # the Info dictionary: read as the properties
            _dict_texts(obj, out, 0, budget)
        kind = obj.get("/Type")
        if isinstance(obj, StreamObject):
            if kind == "/Metadata" and idnum != root_meta_id:
                out.extend(_xmp_text(obj.get_data()))
            elif obj.get("/PatternType") == 1:
                out.extend(t for m in _SHOWN_STRING.finditer(obj.get_data()) if (t := pdf_string(m.group(1)).strip()))
            elif kind not in _STREAM_TYPES and not any(k in obj for k in _STREAM_KINDS):
                private.append((idnum, obj))
    for idnum, obj in private:
        if idnum not in budget.elsewhere and budget.stream_bytes > 0 and budget.chars > 0:
            ctx.check_deadline()
            _stream_text(obj, out, budget)
    return out


def _refs(value) -> Iterator[int]:
    """The object numbers a value refers to: itself, or the items of an array."""
    from pypdf.generic import ArrayObject, IndirectObject

    if isinstance(value, IndirectObject):
        yield value.idnum
        value = value.get_object()
    if isinstance(value, ArrayObject):
        for item in value[:4096]:
            if isinstance(item, IndirectObject):
                yield item.idnum


def _note_elsewhere(obj, elsewhere: set[int]) -> None:
    """The streams an object points at that are read elsewhere or are drawing: a page's
    contents, a form's XFA packets, a font's ToUnicode map, a Type 3 font's glyphs, the
    files a file specification embeds."""
    for key in ("/Contents", "/XFA", "/ToUnicode"):
        if key in obj:
            elsewhere.update(_refs(obj.raw_get(key)))
    for key in ("/CharProcs", "/EF"):
        inner = _resolved(obj.get(key))
        if hasattr(inner, "values"):
            for value in list(inner.values())[:4096]:
                elsewhere.update(_refs(value))


def _stream_text(obj, out: list[str], budget: _Budget) -> None:
    """A stream of no known kind, when it is text and no drawing: an application's private data."""
    raw = getattr(obj, "_data", b"") or b""
    if len(raw) > _MAX_STREAM:
        return
    try:
        data = obj.get_data()
    except Exception:
        return
    budget.stream_bytes -= len(data)
    if not data or len(data) > _MAX_STREAM or b"begincmap" in data:
        return
    from dlpgate.mime.text import wide_codec

    try:
        text = data.decode(wide_codec(data) or "utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if len(_NOT_PRINTABLE.findall(text)) * 20 > len(text) or not any(c.isalpha() for c in text[:4096]):
        return  # binary data
    tokens = data.split()
    if sum(t in _CONTENT_OPS for t in tokens) * 5 >= len(tokens):
        return  # a content stream: drawing, with its strings the page text has
    budget.take(out, text.strip())


def _label(key: object) -> str:
    return str(key).lstrip("/")


def _string_text(value: object) -> str:
    """A string value that is text a person may have written; "" for an identifier, a date,
    or binary data (a key, a hash, a signature)."""
    from pypdf.generic import TextStringObject

    if not isinstance(value, TextStringObject):  # a name, a number, bytes that are no text
        return ""
    text = value.strip()
    if not text or _ID_LIKE.fullmatch(text) or (len(_NOT_PRINTABLE.findall(text)) + len(_LATIN1_HIGH.findall(text))) * 10 > len(text) * 3:
        return ""  # an identifier, a date; binary bytes read as PDFDocEncoding (a checksum, a key)
    return text


def _dict_texts(obj, out: list[str], depth: int, budget: _Budget | None = None) -> None:
    """The strings under _TEXT_KEYS in a dictionary and the dictionaries written inside it
    (an annotation's action, its file specification), a layer's name, a file path; every
    other string as "key: text" (a field's default value under the field's name)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    budget = budget or _Budget()
    _note_elsewhere(obj, budget.elsewhere)
    for key in _TEXT_KEYS:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            budget.take(out, str(value).strip())
    kind = obj.get("/Type")
    if kind == "/OCG" and isinstance(obj.get("/Name"), str):
        budget.take(out, str(obj["/Name"]))
    file_spec = obj.get("/F")
    if isinstance(file_spec, str) and (kind == "/Filespec" or obj.get("/S") in ("/Launch", "/GoToR", "/GoToE")):
        budget.take(out, str(file_spec))
    for key, value in obj.items():  # direct values only: an indirect one is an object of its own
        if key in ("/Parent", "/P", "/Kids"):
            continue
        if isinstance(value, DictionaryObject):
            if depth < 3:
                _dict_texts(value, out, depth + 1, budget)
        elif isinstance(value, ArrayObject):
            _array_texts(key, value, out, depth, budget)
        elif key not in _OTHER_SKIP and (text := _string_text(value)):
            # a field's default value under the field's name, any other string under its key
            label = (_field_label(obj) or "default value") if key == "/DV" else _label(key)
            budget.take(out, f"{label}: {text}")


def _array_texts(key: object, value, out: list[str], depth: int, budget: _Budget) -> None:
    """An array's strings as "key: text text", and the dictionaries written inside it."""
    from pypdf.generic import DictionaryObject

    strings = [] if key in _OTHER_SKIP else [t for item in value[:256] if (t := _string_text(item))]
    if strings:
        budget.take(out, f"{_label(key)}: {' '.join(strings)}")
    if depth < 3:
        for item in value[:64]:
            if isinstance(item, DictionaryObject):
                _dict_texts(item, out, depth + 1, budget)


def _page_label_prefixes(reader) -> list[str]:
    labels = reader.root_object.get("/PageLabels")
    out: list[str] = []
    stack = [labels.get_object()] if labels is not None else []
    while stack and len(out) < 10_000:
        node = stack.pop()
        nums = node.get("/Nums") or []
        for item in list(nums)[1::2]:
            prefix = item.get_object().get("/P")
            if isinstance(prefix, str) and prefix.strip():
                out.append(str(prefix).strip())
        stack.extend(kid.get_object() for kid in node.get("/Kids") or [])
    return out


def _xmp_text(raw: bytes) -> list[str]:
    from lxml import etree

    try:
        root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True))
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    skip = ("CreateDate", "ModifyDate", "MetadataDate", "DocumentID", "InstanceID", "format", "lang")
    out = []
    for elem in root.iter():
        if not isinstance(elem.tag, str) or elem.tag.rpartition("}")[2] in skip:
            continue
        if elem.text and elem.text.strip() and not len(elem):
            out.append(elem.text.strip())
        for key, value in elem.attrib.items():
            local = key.rpartition("}")[2]
            if local not in skip and "}" in key and "rdf-syntax" not in key and value.strip() and "xmp" not in local.lower():
                out.append(value.strip())
    return out


def _outline_titles(items, depth: int) -> Iterator[str]:
    if depth > 50:
        return
    for item in items:
        if isinstance(item, list):
            yield from _outline_titles(item, depth + 1)
        else:
            title = getattr(item, "title", None) or (item.get("/Title") if hasattr(item, "get") else None)
            if title and str(title).strip():
                yield str(title)


def _embedded_files(reader, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    from dlpgate.mime.text import sanitise_name

    seen: set[int] = set()
    count = 0

    def hand_on(name: str, data: bytes) -> Iterator[Segment | Problem]:
        nonlocal count
        count += 1
        label = sanitise_name(name) or f"embedded file {count}"
        from dlpgate.mime.formats.archive import sniff_content_type

        yield from ctx.recurse(data, name, f"{where} > {label}", content_type=sniff_content_type(data, name))

    try:
        attachments = reader.attachment_list
    except Exception:
        attachments = ()
        yield Problem("corrupt", f"{where}, embedded files", "unreadable list of embedded files")
    for att in attachments:
        ctx.check_deadline()
        try:
            data = att.content
        except Exception as exc:
            yield Problem("corrupt", f"{where} > {sanitise_name(str(att.name))}", f"{type(exc).__name__} reading it")
            continue
        seen.add(hash(data))
        yield from hand_on(str(att.name), data)
    # File attachment annotations are not in the name tree.
    for page_no, page in enumerate(_pages(reader), 1):
        try:
            for annot in _annots(page):
                if annot.get("/Subtype") != "/FileAttachment":
                    continue
                spec = annot.get("/FS")
                spec = spec.get_object() if spec is not None else None
                ef = spec.get("/EF") if spec is not None and hasattr(spec, "get") else None
                stream = (ef.get_object().get("/F") or ef.get_object().get("/UF")) if ef is not None else None
                if spec is None or stream is None:  # a stream implies a spec: this tells the type checker
                    continue
                data = stream.get_object().get_data()
                if hash(data) in seen:
                    continue
                seen.add(hash(data))
                name = str(spec.get("/UF") or spec.get("/F") or "")
                yield from hand_on(name, data)
        except Exception as exc:
            from dlpgate.mime.errors import InspectionTimeout

            if isinstance(exc, InspectionTimeout):
                raise
            yield Problem("corrupt", f"{where}, page {page_no}", f"{type(exc).__name__} reading an attached file")


def _pages(reader):
    try:
        return list(reader.pages)
    except Exception:
        return []


def _can_ocr(ctx: ExtractContext) -> bool:
    return bool(getattr(ctx.limits, "ocr", False)) and ctx.tools.can_ocr


def _scanned_page(page, place: str, ctx: ExtractContext,
                  what: str = "page without a text layer (scanned image)") -> Iterator[Segment | Problem]:
    if not getattr(ctx.limits, "ocr", False):
        yield Problem("unsupported", place, f"{what}; OCR is off")
        return
    from dlpgate.mime.formats import image

    if not ctx.tools.can_ocr:
        yield Problem("unsupported", place, f"{what}; tesseract not installed")
        return
    found = False
    try:
        images = list(page.images)
    except Exception as exc:
        yield Problem("unsupported", place, f"page without a text layer; images unreadable ({type(exc).__name__})")
        return
    for img in images:
        ctx.check_deadline()
        text, problem = image.ocr(img.data, ctx)
        if problem:
            yield Problem("unsupported", place, f"page without a text layer; OCR failed ({problem})")
            return
        if text.strip():
            found = True
            yield Segment(text, f"{place} (OCR)")
    if not images:
        yield Problem("unsupported", place, "page without a text layer and no image OCR can read")
    elif not found:
        pass  # OCR ran and found no text: a picture, not a letter
