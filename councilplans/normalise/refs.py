"""The one vocabulary of printed references: "1", "1.2.3", "5.2 (ii)", "A1", "Action 3", "1)".

A reference is read two ways: a cell that *is* a reference (a ref column), and a text that
*starts* with one ("1 - Title of the action", "1.2.1 Continue ..."). A bare "3" at the start
of a sentence is as often a count ("3 new refuges") as a number, so a single number only
counts as a leading reference when a separator follows it ("1 -", "1)", "1.", "1:"), and a
caller reads such loose references only for a column whose cells mostly start with one.
"""

from __future__ import annotations

import re

HIERARCHICAL = r"\d{1,2}(?:\.\d{1,3}){1,3}"
_ROMAN = r"\((?:[ivx]{1,4}|[a-z])\)"
_LABEL = r"(?:action|actions|kpi|pi|ref|no|item|objective|priority|measure|indicator|task|step)"
_CODE = rf"[A-Za-z]{{0,3}}[-]?\d{{1,3}}(?:[.\-]\d{{1,3}}[a-z]?)*[a-z]?(?:\s*{_ROMAN})?"
_WHOLE = re.compile(rf"^\(?(?:{_LABEL}\.?\s*)?({_CODE})\.?\)?$", re.I)
_LEADING_STRICT = re.compile(rf"^\s*({HIERARCHICAL}[a-z]?(?:\s*{_ROMAN})?)\.?(?:\s+|$)")
_LEADING_LOOSE = re.compile(
    rf"^\s*\(?(?:{_LABEL}\.?\s*)?({_CODE})(?:\s*[-–—:.)]\s*|\s+(?=[A-Z\"'‘“(]))", re.I
)


def is_ref(text: str | None) -> bool:
    """Whether a whole cell is a reference ("1.2", "A1", "Action 3", "5.2 (ii)", "1)")."""
    return bool(text and _WHOLE.match(text.strip()))


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
