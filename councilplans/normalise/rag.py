"""Red / amber / green status from a cell's text or, failing that, its fill colour.

Progress reports print RAG ratings as words ("GREEN"), letters ("G") or only as a coloured cell
with no text at all (the Tri-borough action plan). Comparing plans needs one vocabulary:
``"green" | "amber" | "red" | None``.

Decisions:

* Split ratings ("Amber/Green", "Red/Amber") give the **worse** colour: a split rating means
  part of the action is not yet at the better status, so the conservative reading is kept.
* "Yellow" and "Orange" are amber. "Blue" (BRAG "complete"), "Complete(d)" and "On track" are
  not RAG words and give None: we do not guess a colour from prose.
* A fill is only read when the text is empty, and only when it is clearly coloured (saturated
  and not dark): white, greys, black and the pale blue / grey of header shading give None.
  The colour is then the nearest RAG hue (red < 20° <= amber < 70° <= green < 170°); other hues
  (blue, purple, pink) give None.
"""

from __future__ import annotations

import colorsys
import re

from councilplans.vocabulary import strip_tags

__all__ = ["parse_rag", "is_rag_value"]

_WORDS: dict[str, str] = {
    "green": "green", "g": "green",
    "amber": "amber", "a": "amber", "yellow": "amber", "orange": "amber",
    "red": "red", "r": "red",
}  # fmt: skip
_FULL_WORDS = {"green", "amber", "yellow", "orange", "red"}
_FILLER = {"rag", "status", "rating", "brag", "overall"}
_SEVERITY = {"green": 0, "amber": 1, "red": 2}

_PAREN = re.compile(r"\([^)]*\)")
_SPLIT = re.compile(r"[\s/&,+:;.\-–—|]+|\band\b|\bto\b")
_LEADING_WORD = re.compile(r"^([a-z]+)\s*(?:[:\-–—(.,;]|\n|$)")

_MIN_SATURATION = 0.45
_MIN_VALUE = 0.35


def _clean(text: str) -> str:
    text = strip_tags(text).replace("*", " ").replace("_", " ")
    return text.strip().lower()


def _from_text(text: str) -> str | None:
    """The RAG colour a text states, or None when it is not (only) a RAG rating."""
    clean = _clean(text)
    if not clean:
        return None
    tokens = [t for t in _SPLIT.split(_PAREN.sub(" ", clean)) if t and t not in _FILLER]
    if tokens and all(t in _WORDS for t in tokens):
        return max((_WORDS[t] for t in tokens), key=_SEVERITY.__getitem__)
    m = _LEADING_WORD.match(clean)  # "Amber: delays in recruitment", "Green (complete)"
    if m and m[1] in _FULL_WORDS:
        return _WORDS[m[1]]
    return None


def _from_fill(fill: tuple[float, float, float]) -> str | None:
    """The RAG colour of a clearly coloured fill; None for white / grey / blue shading."""
    r, g, b = (min(max(float(c), 0.0), 1.0) for c in fill)
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    if saturation < _MIN_SATURATION or value < _MIN_VALUE:
        return None
    degrees = hue * 360.0
    if degrees < 20 or degrees >= 340:
        return "red"
    if degrees < 70:
        return "amber"
    if degrees < 170:
        return "green"
    return None


def parse_rag(text: str | None, fill: tuple[float, float, float] | None = None) -> str | None:
    """``"green" | "amber" | "red"`` from the printed rating, else from the cell fill, else None.

    ``fill`` is an RGB triple with channels 0..1 (as in ``Cell.fill``); it is consulted only
    when the text is empty, so a printed word always wins over shading.
    """
    if text is not None and _clean(text):
        return _from_text(text)
    if fill is not None:
        return _from_fill(fill)
    return None


def is_rag_value(text: str | None) -> bool:
    """True when a cell's text is a RAG rating (including BRAG "Blue"), for column detection."""
    if text is None:
        return False
    if _from_text(text) is not None:
        return True
    return _clean(text) in {"blue", "b", "brag"}


def rag_from_fill(fill: tuple[float, float, float]) -> str | None:
    """The RAG colour nearest a cell fill, or None for white, grey and other colours."""
    return _from_fill(fill)
