"""Cell text -> the text a careful person would type.

Extractors hand over cell text as lines ("\\n"), list items starting with "• ". Lines that a
renderer wrapped are one sentence, so they are joined with spaces; list items stay separate
lines so a bullet is never glued to the next word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from councilplans.vocabulary import BULLET, bullet_end

# A dash starts a list item, except before a number: "– 89%" is a range or figure that wrapped.
_NOISE_RE = re.compile(r"[\u200b-\u200f\u2028\u2029\ufeff\x00-\x08\x0b-\x1f\x7f]")
_WS_RE = re.compile(r"[ \t\xa0\u2000-\u200a\u2028\u202f\u205f\u3000]+")
HARD_BREAK = "\u2028"
"""Opens a line the author ended on purpose (a list item without a bullet), where the lines
of a PDF cell are told apart from those the renderer wrapped (``grid.mark_hard_breaks``)."""
_LATEX_RE = re.compile(r"\$\s*\\begin\{array\}.*?\\end\{array\}\s*\$", re.S)
# Words of the document being normalised: the evidence for undoing a hyphenation break.
_WORDS: ContextVar[frozenset[str]] = ContextVar("document_words", default=frozenset())
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Whether a cell's lines are paragraphs the author typed (Word) rather than lines a renderer
# wrapped (PDF): only then do lines under "include:" read as a list without bullets.
_PARAGRAPH_LINES: ContextVar[bool] = ContextVar("paragraph_lines", default=False)


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """Lower-case words and hyphenated compounds as printed (not across line ends)."""
    out: set[str] = set()
    for text in texts:
        for line in text.split("\n"):
            out.update(w.lower() for w in _WORD_RE.findall(line))
    return frozenset(out)


@contextmanager
def document_words(words: frozenset[str], paragraph_lines: bool = False) -> Iterator[None]:
    """Make a document's vocabulary (and whether its cell lines are typed paragraphs) known
    to ``clean_cell`` while its tables are normalised.

    A context variable rather than a parameter: cell cleaning sits many calls deep, and the
    vocabulary is a fact about the whole document, not about any one cell.
    """
    token = _WORDS.set(words)
    lines = _PARAGRAPH_LINES.set(paragraph_lines)
    try:
        yield
    finally:
        _PARAGRAPH_LINES.reset(lines)
        _WORDS.reset(token)


def clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = _NOISE_RE.sub("", line)
    return _WS_RE.sub(" ", line).strip()


def _join(current: str, nxt: str) -> str:
    """Join a wrapped line onto the text before it.

    A line ending in "word-" is kept as one hyphenated word ("intelligence-led", "Pan-London",
    "80-100%"): Word and LibreOffice, which make most council PDFs, break lines after real
    hyphens and do not hyphenate on their own. The hyphen is dropped only where the document
    itself prints the joined word and never the hyphenated one (a typesetter's break).
    """
    if not current:
        return nxt
    if current.endswith("\u00ad"):
        return current[:-1] + nxt
    m = re.search(r"([^\W\d_]+)-$", current) or re.search(r"(\d+)-$", current)
    if m and nxt[:1].isalnum():
        head = m.group(1).lower()
        tail = _WORD_RE.match(nxt)
        if tail and not head.isdigit():
            joined, hyphened = head + tail[0].lower(), head + "-" + tail[0].lower()
            words = _WORDS.get()
            if joined in words and hyphened not in words:
                return current[:-1] + nxt
        return current + nxt
    return current + " " + nxt


def join_lines(lines: Iterable[str]) -> str:
    """Lines a renderer wrapped, as the one text they are (hyphen rules of ``_join``)."""
    out = ""
    for line in lines:
        out = _join(out, clean_line(line))
    return out


def clean_cell(text: str | None) -> str | None:
    """Join wrapped lines, keep list items one per line, drop noise; None when empty.

    In a Word cell, paragraphs under one that ends with a colon ("Services involved
    include:") are a list even without bullets: each that starts with a capital or a digit
    is an item of its own. A PDF's lines may be mere wrapping, so there bullets decide.
    """
    if not text:
        return None
    text = _LATEX_RE.sub(" ", text)
    items: list[str] = []
    current = ""
    current_is_item = False
    listing = False  # after a line ending "include:", each line starting anew is an item
    for raw in text.split("\n"):
        hard = raw.startswith(HARD_BREAK)
        raw = raw.lstrip(HARD_BREAK)
        end = bullet_end(raw)
        bullet = end is not None
        line = clean_line(raw[end:] if bullet else raw)
        if bullet and not line:
            continue
        if not line:
            continue
        if hard and not bullet and current:
            items.append((BULLET if current_is_item else "") + current)
            current, current_is_item, listing = line, False, False
            continue
        if not bullet and listing and (line[0].isupper() or line[0].isdigit()):
            items.append((BULLET if current_is_item else "") + current)
            current, current_is_item = line, True
            continue
        if not current_is_item:
            listing = line.endswith(":") and _PARAGRAPH_LINES.get()
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
