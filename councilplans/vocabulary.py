"""How plans print row numbers, list bullets and HTML remnants: defined once, for every stage.

Extract and normalise both read these marks (the PDF and Word readers turn a bullet into
"• ", normalise splits list items at it; the stream-table reader, the record builder, the
column evidence and the timescale reader all decide what a row number is), so they live here,
beside the stages rather than inside one of them. ``tests/test_vocabulary.py`` pins every
answer in one table.

Row numbers come in three strengths, each a superset of the next:

- ``is_ref``: a whole cell that is a reference: "1", "1.2.3", "5.2 (ii)", "A1", "P1.2",
  "Action 3", "(4)", "1)", "KPI 7".
- ``is_numbered``: a hierarchical number ("1.2", "2.3.4a", "5.2 (ii)"), the form a plan's own
  numbering takes and that no count or year does; an empty row that carries one is kept.
- ``leading_ref``: a text that starts with a reference ("1.2.1 Continue ...", loosely also
  "1 - Title", "1) Title", "A1: Title"). A bare "3" at the start of a sentence is as often a
  count ("3 new refuges") as a number, so a single number counts only loosely, and only with
  a separator after it.

``blank_refs`` hides hierarchical numbers inside running text ("see 1.2 by March") so that a
reader of dates and quantities does not take them for either.
"""

from __future__ import annotations

import re

# --- row numbers ---------------------------------------------------------------------------

HIERARCHICAL = r"\d{1,2}(?:\.\d{1,3}){1,3}"
"""1.2, 2.3.4, 10.1.12: numbering with levels (a year, a count or a figure has none)."""
SUB_ITEM = r"\((?:[ivx]{1,4}|[a-z])\)"
"""The item under a number: (ii), (b)."""
_LABEL = r"(?:action|actions|kpi|pi|ref|no|item|objective|priority|measure|indicator|task|step)"
_CODE = rf"[A-Za-z]{{0,3}}[-]?\d{{1,3}}(?:[.\-]\d{{1,3}}[a-z]?)*[a-z]?(?:\s*{SUB_ITEM})?"
_WHOLE = re.compile(rf"^\(?(?:{_LABEL}\.?\s*)?({_CODE})\.?\)?$", re.I)
_NUMBERED = re.compile(rf"^{HIERARCHICAL}[a-z]?(?:\s*{SUB_ITEM})?\.?$")
_LEADING_STRICT = re.compile(rf"^\s*({HIERARCHICAL}[a-z]?(?:\s*{SUB_ITEM})?)\.?(?:\s+|$)")
# The code is taken whole (an atomic group): "1.2" is not "1" followed by ". 2"; and the
# capital after a bare space is a capital whatever the case flag ("3 new refuges" is a count).
_LEADING_LOOSE = re.compile(
    rf"^\s*\(?(?:{_LABEL}\.?\s*)?((?>{_CODE}))"
    rf"(?:\s*[-–—:.)]\s*|\s+(?=(?-i:[A-Z])|[\"'‘“(]))",
    re.I,
)
# inside running text: not part of a longer number, a date (31.12.2025, 1/2) or a decimal
_IN_TEXT = re.compile(
    rf"(?<![\d./]){HIERARCHICAL}[a-z]?(?:\s*{SUB_ITEM})?(?![\d/]|\.\d)\.?"
)


def is_ref(text: str | None) -> bool:
    """Whether a whole cell is a reference ("1.2", "A1", "Action 3", "5.2 (ii)", "1)")."""
    return bool(text and _WHOLE.match(text.strip()))


def is_numbered(text: str | None) -> bool:
    """Whether a whole cell is a hierarchical number ("1.2", "2.3.4a", "5.2 (ii)")."""
    return bool(text and _NUMBERED.match(" ".join(text.split())))


def clean_ref(text: str | None) -> str | None:
    """A reference as one would type it: without "Action", a trailing ")" or "." or brackets."""
    if not text:
        return None
    t = " ".join(text.split())
    m = _WHOLE.match(t)
    return m.group(1) if m else t


def leading_ref(text: str | None, loose: bool = False) -> tuple[str | None, str | None]:
    """("1.2.1", rest) when the text starts with a reference, else (None, text).

    Strict (the default): hierarchical numbers only, the form safe in any cell. Loose: any
    reference followed by a separator ("1 - Title", "1) Title", "A1: Title", "Action 3 Title").
    """
    if not text:
        return None, text
    m = (_LEADING_LOOSE if loose else _LEADING_STRICT).match(text)
    if not m:
        return None, text
    rest = text[m.end():].strip()
    if loose and not rest:
        return None, text
    return m.group(1), (rest or None)


def blank_refs(text: str) -> str:
    """``text`` with each hierarchical number inside it turned to spaces (length kept, so
    positions found in the result hold in the original)."""
    return _IN_TEXT.sub(lambda m: " " * len(m[0]), text)


# --- section headings ------------------------------------------------------------------------

SECTION_WORDS = (r"(?:strategic\s+priority|priority|objective|strand|theme|outcome|section|part|"
                 r"chapter|appendix|annex|aim|goal|workstream)")
"""The words a plan's section headings start with ("Priority 2: ...", "Theme 3", "Appendix A"):
the table stitcher, the section-row reader and the title finder all read them."""

# --- bullets ---------------------------------------------------------------------------------

BULLET = "• "
"""How every reader writes a list item's start, whatever the document printed."""
BULLET_GLYPHS = frozenset("•●▪■□▫◦○‣⁃∙·➢►\uf0b7\uf0a7\uf076\uf0d8\uf0fc")
"""Glyphs that start a list item on their own (private-use ones are Symbol/Wingdings bullets)."""
DASHES = ("-", "–", "—", "*", "o")
"""Marks that start a list item only when a space follows, and no figure after it: "– 2015"
is the end of a range that wrapped ("2012\\n– 2015"), "- 89%" a figure."""
_BULLET = re.compile(
    rf"^\s*(?:[{''.join(sorted(BULLET_GLYPHS))}]|[{re.escape(''.join(DASHES))}](?=\s+[^\s\d]))\s*"
)


def bullet_end(text: str) -> int | None:
    """Where the item's text starts after a leading bullet, or None when there is none."""
    m = _BULLET.match(text)
    return m.end() if m else None


def bulletise(text: str) -> str:
    """A leading bullet (glyph, or dash and space) written as "• "; "" for a bare bullet."""
    end = bullet_end(text)
    if end is None:
        return text
    rest = text[end:]
    return BULLET + rest if rest.strip() else ""


# --- HTML remnants ---------------------------------------------------------------------------

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
"""A tag: a name straight after "<", so "a < b and c > d" is left alone."""


def strip_tags(text: str) -> str:
    """Tags a web page or a CMS export left in a cell ("<br>", "<b>") as spaces."""
    return _TAG.sub(" ", text)
