"""Cell text -> the text a careful person would type.

Extractors hand over cell text as lines ("\\n"), list items starting with "• ". Lines that a
renderer wrapped are one sentence, so they are joined with spaces; list items stay separate
lines so a bullet is never glued to the next word.
"""

from __future__ import annotations

import re
import unicodedata

BULLET = "• "
_BULLET_GLYPHS = "•●▪■◦○‣⁃∙·\uf0b7\uf0a7\uf0d8\uf076\uf0fc"
_BULLET_RE = re.compile(rf"^\s*(?:[{_BULLET_GLYPHS}]|[-–—*](?=\s))\s*")
_NOISE_RE = re.compile(r"[\u200b-\u200f\u2028\u2029\ufeff\x00-\x08\x0b-\x1f\x7f]")
_WS_RE = re.compile(r"[ \t\xa0\u2000-\u200a\u202f\u205f\u3000]+")
_LATEX_RE = re.compile(r"\$\s*\\begin\{array\}.*?\\end\{array\}\s*\$", re.S)
# Prefixes whose hyphen is part of the word when a line happens to break right after it.
_HYPHEN_PREFIXES = {
    "co", "re", "pre", "non", "multi", "inter", "anti", "self", "post", "cross", "well", "long",
    "short", "high", "low", "sub", "semi", "cyber", "face", "one", "two", "three", "part", "full",
    "joined", "needs", "risk", "follow", "on", "in", "out", "up", "over", "under", "tri", "pan",
    "e", "x", "year", "day", "community", "child", "gender", "honour", "trauma", "evidence",
}


def clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = _NOISE_RE.sub("", line)
    return _WS_RE.sub(" ", line).strip()


def _join(current: str, nxt: str) -> str:
    """Join a wrapped line onto the text before it, rejoining a word cut by a hyphen."""
    if not current:
        return nxt
    if current.endswith("\u00ad"):
        return current[:-1] + nxt
    m = re.search(r"(\w+)-$", current)
    if m and nxt[:1].islower():
        if m.group(1).lower() in _HYPHEN_PREFIXES or any(c.isdigit() for c in m.group(1)):
            return current + nxt
        return current[:-1] + nxt
    return current + " " + nxt


def clean_cell(text: str | None) -> str | None:
    """Join wrapped lines, keep list items one per line, drop noise; None when empty."""
    if not text:
        return None
    text = _LATEX_RE.sub(" ", text)
    items: list[str] = []
    current = ""
    current_is_item = False
    for raw in text.split("\n"):
        bullet = _BULLET_RE.match(raw)
        line = clean_line(raw[bullet.end():] if bullet else raw)
        if bullet and not line:
            continue
        if not line:
            continue
        if bullet:
            if current:
                items.append((BULLET if current_is_item else "") + current)
            current, current_is_item = line, True
        else:
            current = _join(current, line)
    if current:
        items.append((BULLET if current_is_item else "") + current)
    out = "\n".join(items).strip()
    return out or None


def collapse(text: str | None) -> str:
    """One-line form for comparisons and header matching."""
    if not text:
        return ""
    return _WS_RE.sub(" ", text.replace("\n", " ")).strip()


def join_texts(parts: list[str | None], sep: str) -> str | None:
    kept = [p for p in parts if p]
    return sep.join(kept) if kept else None
