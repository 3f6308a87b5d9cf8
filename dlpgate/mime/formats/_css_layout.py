"""CSS layout for the HTML renderer (dlpgate.mime.formats.html): the elements a browser
shows as boxes of their own although their tags are inline, so that their text is not
read glued to the text around them.

* an element whose style makes it a block (``display: block``, ``list-item``,
  ``table``, ``table-row``, ``flex``, ``grid``...) or takes it out of the flow
  (``position: absolute`` or ``fixed``) is a line of its own; one made an inline
  box (``inline-block``, ``table-cell``, ``inline-flex``...) or floated is set
  off by spaces;
* the children of a flex or grid container are boxes whatever their tags: cells
  (tabs, as the renderer reads a table's) side by side in a row (a flex row), lines in a column (``flex-direction:
  column``, a one-column grid); a grid of N columns (``grid-template-columns``,
  ``repeat(N, ...)``) starts a line every N cells;
* the style is an element's own ``style`` attribute or a rule of the document's
  style sheets whose selector names an element, a class or an id (``span``,
  ``.label``, ``span.label``, ``#nhs``); an element's own style wins over an id's
  rule, an id's over a class's, a class's over an element's, and a later rule
  over an earlier one. Rules inside ``@media`` (phones' layouts) are left out, as
  the hiding rules are.

Only documents that mention a layout property at all (:func:`may_lay_out`) get a
``Layout``; the renderer asks it about tags whose effect depends on where they are
(see ``Layout.start`` and ``Layout.end``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The renderer's break markers (html._LINE, html._CELL, html._CELL_END).
LINE, CELL, CELL_END = "\x00", "\x01", "\x02"
# The edges of an inline box (an inline-block, a floated element, a form control): a space,
# which parts its words from those around it and, unlike a cell's tab, leaves the columns of
# a table it sits in as they are.
BOX_EDGE = " "

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

_LINE_DISPLAYS = frozenset(
    """block list-item table table-row table-caption table-row-group table-header-group
    table-footer-group flow-root flex grid run-in""".split()
)
_CELL_DISPLAYS = frozenset("inline-block inline-flex inline-grid inline-table table-cell".split())
_FLEX = frozenset({"flex", "inline-flex"})
_GRID = frozenset({"grid", "inline-grid"})
# A container's items: lines (-1), or cells with a line every n of them; a flex row is one row.
ITEMS_LINES = -1
ITEMS_ONE_ROW = 1 << 30

_LAYOUT_PROPERTIES = "display|position|float|flex-direction|flex-flow|grid-template-columns|grid-template"
_DECLARATION = re.compile(rf"(?:{_LAYOUT_PROPERTIES})\s*:\s*[^;{{}}]*")  # (in lower case)
# An attribute's value, after its name.
_ATTR_VALUE = re.compile(r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
# A selector naming one element, one class or one id, or an element's class or id.
_SELECTOR = re.compile(r"\s*([a-z][a-z0-9]*)?(?:([.#])(-?[_a-z][\w-]*))?\s*$", re.I)
_CSS_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_AT_BLOCK = re.compile(r"@[a-z-]+[^{};]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_LINE_NAMES = re.compile(r"\[[^\]]*\]")
_REPEAT = re.compile(r"repeat\(\s*(\d+)\s*,((?:[^()]|\([^()]*\))*)\)", re.I)


def may_lay_out(doc: str) -> bool:
    """Whether a document may lay elements out with CSS at all: a few substring tests,
    before any of it is parsed."""
    return "display" in doc or "position" in doc or "float" in doc or "DISPLAY" in doc or "Display" in doc


@dataclass(frozen=True, slots=True)
class Box:
    """What an element's layout adds: marks before and after its content, and how its
    children are laid out (0: as their tags say; ITEMS_LINES; else cells, a line every
    ``items``)."""

    start: str
    end: str
    items: int


def declarations(style: str) -> dict[str, str]:
    """The layout declarations of a style attribute or a rule (lower case, without
    ``!important``): the last of each property wins."""
    low = style.lower()
    if not ("display" in low or "position" in low or "float" in low):
        return {}
    out = {}
    for m in _DECLARATION.finditer(low):
        at = m.start()
        if at and (low[at - 1].isalnum() or low[at - 1] in "-_"):
            continue  # another property's name ending so ("mso-display")
        prop, _colon, value = m[0].partition(":")
        out[prop.rstrip()] = value.replace("!important", "").strip()
    return out


def grid_columns(template: str) -> int:
    """The items a grid's ``grid-template-columns`` puts in a row: ITEMS_LINES for one
    column (and no template), ITEMS_ONE_ROW when it depends on the screen (auto-fill)."""
    if not template or template == "none":
        return ITEMS_LINES
    if "auto-" in template or "subgrid" in template or "masonry" in template:
        return ITEMS_ONE_ROW
    template = _LINE_NAMES.sub(" ", template)
    template = _REPEAT.sub(lambda m: " ".join([m[2]] * min(int(m[1]), 100)), template)
    count = depth = 0
    gap = True
    for c in template:
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        if depth == 0 and c.isspace():
            gap = True
        elif gap:
            count += 1
            gap = False
    return ITEMS_LINES if count <= 1 else min(count, ITEMS_ONE_ROW)


def box_of(props: dict[str, str], shaped: bool) -> Box | None:
    """The box that layout declarations make; ``shaped``: the element's own tag already
    breaks the text (a block or a cell), so only how it lays out its children counts."""
    display = props.get("display", "").partition(" ")[0]
    items = 0
    if display in _FLEX:
        items = ITEMS_LINES if "column" in (props.get("flex-direction") or props.get("flex-flow", "")) else ITEMS_ONE_ROW
    elif display in _GRID:
        template = props.get("grid-template-columns")
        if template is None and "/" in props.get("grid-template", ""):
            template = props["grid-template"].rpartition("/")[2].strip()
        items = grid_columns(template or "")
    start = end = ""
    if not shaped:
        if display in _LINE_DISPLAYS or (display in ("", "inline") and props.get("position") in ("absolute", "fixed")):
            start = end = LINE
        elif display in _CELL_DISPLAYS or (display in ("", "inline") and props.get("float") in ("left", "right")):
            start = end = BOX_EDGE
    if not start and not items:
        return None
    return Box(start, end, items)


def _attr_value(name: str, tagtext: str, low: str) -> str:
    """The value of a tag's attribute ``name`` (``low``: the tag's text in lower case)."""
    at = low.find(name)
    while at > 0:
        if low[at - 1] in " \t\r\n\f\"'/":
            m = _ATTR_VALUE.match(tagtext, at + len(name))
            if m is not None:
                return m[1] or m[2] or m[3] or ""
        at = low.find(name, at + 1)
    return ""


class Layout:
    """One document's layout: its style sheets' rules, the boxes of its tags, and the
    elements open around the renderer's place that a layout makes boxes of (or whose
    children it does).

    ``tracked``: the names of elements that a layout made boxes, whose end tags close
    them (so the renderer hands every tag of those names here); ``open``: how many
    flex or grid containers are open (inside one, every tag comes here)."""

    __slots__ = ("rules", "order", "reread", "classes", "ids", "shaped", "late", "boxes", "tracked", "stack", "names", "open")

    def __init__(
        self,
        shaped: frozenset[str] = frozenset(),
        rules: dict[str, dict[str, tuple[int, str]]] | None = None,
        reread: bool = False,
    ) -> None:
        # selector ("span", ".label", "#nhs") -> {property: (order, value)}; ``rules``: those
        # of the document's sheets, when it is read again because a sheet came after tags
        # that it lays out (a browser applies a sheet to the whole document)
        self.rules: dict[str, dict[str, tuple[int, str]]] = dict(rules or {})
        self.order = max((o for rule in self.rules.values() for o, _v in rule.values()), default=0)
        self.reread = reread
        self.classes = any(key[0] == "." for key in self.rules)  # rules for classes, for ids
        self.ids = any(key[0] == "#" for key in self.rules)
        self.shaped = shaped  # names whose tags break the text already (blocks, cells)
        self.late = False  # a sheet came after tags it lays out
        self.boxes: dict[str, Box] = {}  # start tag text -> its box, for tags that have one
        self.tracked: set[str] = set()
        self.stack: list[list] = []  # [name, marks at its end, items, children so far]
        self.names: dict[str, int] = {}  # how many of each name the stack holds
        self.open = 0

    def add_sheet(self, css: str) -> bool:
        """Read a style sheet's layout rules; True when it has any (what the renderer
        worked out for tags before it may be out of date)."""
        css = _AT_BLOCK.sub(" ", _CSS_COMMENT.sub(" ", css.replace("<!--", " ").replace("-->", " ")))
        added = False
        for selectors, body in _CSS_RULE.findall(css):
            props = declarations(body)
            if props.get("display") == "none":  # hiding, which the renderer reads on its own
                del props["display"]
            if not props:
                continue
            for selector in selectors.split(","):
                m = _SELECTOR.match(selector)
                if m is None or not (m[1] or m[3]):
                    continue
                key = f"{m[2]}{m[3].lower()}" if m[3] else m[1].lower()
                if key in self.shaped and box_of(props, True) is None:
                    continue  # "h1 { display: block }": what the element's tag does already
                rule = self.rules.setdefault(key, {})
                self.classes = self.classes or key[0] == "."
                self.ids = self.ids or key[0] == "#"
                for prop, value in props.items():
                    self.order += 1
                    rule[prop] = (self.order, value)
                added = True
        if added:
            self.boxes.clear()
        return added

    def box(self, name: str, tagtext: str, shaped: bool) -> Box | None:
        """The box of a start tag (``name`` in lower case), from its style and the sheets'
        rules, or None; kept in ``boxes``, with the name tracked when its end tag matters."""
        low = tagtext.lower()
        props: dict[str, str] = {}
        rules = self.rules
        if name in rules or (self.classes and "class" in low) or (self.ids and "id" in low):
            for _order, prop, value in sorted(self._sheet_entries(name, tagtext, low)):
                props[prop] = value
        if "style" in low and ("display" in low or "position" in low or "float" in low):
            props.update(declarations(_attr_value("style", tagtext, low)))
        got = box_of(props, shaped) if props else None
        if got is None:
            self.boxes.pop(tagtext, None)
            return None
        self.boxes[tagtext] = got
        if got.start and name not in VOID:
            self.tracked.add(name)
        return got

    def _sheet_entries(self, name: str, tagtext: str, low: str) -> list[tuple[int, str, str]]:
        """(specificity and order, property, value) of the rules for an element's name, its
        classes and its id."""
        rules = self.rules
        out = [(order, p, v) for p, (order, v) in rules.get(name, {}).items()]
        if self.classes and "class" in low:
            for cls in _attr_value("class", tagtext, low).lower().split():
                out.extend((order + (1 << 40), p, v) for p, (order, v) in rules.get("." + cls, {}).items())
        if self.ids and "id" in low:
            ident = _attr_value("id", tagtext, low).strip().lower()
            out.extend((order + (2 << 40), p, v) for p, (order, v) in rules.get("#" + ident, {}).items())
        return out

    def placed(self, name: str, tagtext: str) -> bool:
        """Whether a tag's effect depends on its place (see ``start`` and ``end``)."""
        return bool(self.open) or name in self.tracked or tagtext in self.boxes

    def start(self, name: str, tagtext: str, mark: str) -> str:
        """The marks of a start tag whose place matters (inside a container, or a box):
        before it as an item of its container, its own ``mark``, its box's."""
        stack = self.stack
        before = after = ""
        if stack and stack[-1][2]:
            top = stack[-1]
            items, n = top[2], top[3]
            top[3] = n + 1
            if items < 0:
                before = after = LINE
            else:
                before = LINE + CELL if n and n % items == 0 else CELL
                after = CELL_END
        box = self.boxes.get(tagtext)
        items = 0
        if box is not None:
            mark += box.start
            after = box.end + after
            items = box.items
        if name in VOID or tagtext[-2] == "/":
            return before + mark + after
        if items or self.open or name in self.tracked:
            self.open += bool(items)
            stack.append([name, after, items, 0])
            self.names[name] = self.names.get(name, 0) + 1
        return before + mark

    def end(self, name: str, mark: str) -> str:
        """The marks of an end tag: those of the elements it closes (its own, and any
        left open inside it), after its own ``mark``."""
        names = self.names
        if not names.get(name):  # a stray end tag, or one of an element not tracked
            return mark
        stack = self.stack
        i = len(stack) - 1
        while stack[i][0] != name:  # the elements left open inside it close with it
            i -= 1
        closed = stack[i:]
        del stack[i:]
        for frame in closed:
            names[frame[0]] -= 1
            self.open -= bool(frame[2])
        if len(closed) == 1:  # most often: the element last opened
            return mark + closed[0][1]
        return "".join(frame[1] for frame in reversed(closed[1:])) + mark + closed[0][1]
