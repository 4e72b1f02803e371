"""Characters -> text lines -> paragraphs, in the dialect normalise expects.

Lines are grouped by vertical overlap rather than by the content-stream order, because
generators (LibreOffice, Word, InDesign) write text in whatever order they like. Spaces come
from the PDF where it has them (real or pdfium-generated space characters) and otherwise from
gaps between advance boxes, since many PDFs position every word separately with no space glyph.
A line that starts with a bullet glyph becomes "• rest" so every extractor speaks one dialect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from councilplans.extract.pdf_page import Char
from councilplans.vocabulary import BULLET_GLYPHS, bulletise

BASELINE_TOL = 0.3  # baselines within this share of the char height are one line
SPACE_GAP = 0.12  # a gap wider than this share of the line height is a space
COLUMN_GAP = 1.6  # outside tables, a gap wider than this many line heights splits a line


@dataclass(slots=True)
class Line:
    chars: list[Char]
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


def group_lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Chars sharing a baseline, each line sorted left to right, lines top to bottom.

    Baselines rather than boxes: a bullet glyph from a symbol font has a box of its own height
    and offset, but sits on the same baseline as its text.
    """
    ordered = sorted(chars, key=lambda c: c.baseline)
    bands: list[list[Char]] = []
    base = tol = 0.0
    for ch in ordered:
        if bands and ch.baseline - base <= tol:
            bands[-1].append(ch)
            continue
        bands.append([ch])
        base, tol = ch.baseline, BASELINE_TOL * max(ch.bottom - ch.top, 1.0)
    for band in bands:
        band.sort(key=lambda c: c.x0)
    return bands


def split_columns(band: list[Char], gap: float = COLUMN_GAP) -> list[list[Char]]:
    """Split a band where a gap wider than ``gap`` line heights says these are columns."""
    if not band:
        return []
    height = max(c.bottom - c.top for c in band) or 1.0
    out = [[band[0]]]
    for prev, ch in zip(band, band[1:], strict=False):
        if ch.x0 - prev.x1 > gap * height:
            out.append([ch])
        else:
            out[-1].append(ch)
    return out


def join_chars(chars: list[Char]) -> str:
    """Text of one line: chars left to right, spaces from the PDF or from wide gaps."""
    if not chars:
        return ""
    height = max(c.bottom - c.top for c in chars) or 1.0
    gap_for_space = SPACE_GAP * height
    parts = [chars[0].text]
    prev = chars[0]
    for ch in chars[1:]:
        if (ch.text == prev.text and abs(ch.x0 - prev.x0) < 0.5 and abs(ch.top - prev.top) < 0.5
                and not _ligature(prev, ch)):
            continue  # the same glyph drawn twice (fake bold / overprint): keep one
        gap = ch.x0 - prev.x1
        spaced = ch.space_before and 0 < ch.index - prev.index <= 3
        if gap > gap_for_space or (spaced and gap > -0.2 * height):
            parts.append(" ")
        parts.append(ch.text)
        prev = ch
    return bulletise("".join(parts).strip())


def _ligature(prev: Char, ch: Char) -> bool:
    """pdfium gives each letter of a ligature glyph ("ffi") the glyph's whole box: next in the
    text stream and exactly the same box, unlike an overprint, which is drawn again later or
    a hair to the side."""
    return ch.index - prev.index == 1 and ch.x0 == prev.x0 and ch.x1 == prev.x1


def make_lines(chars: Iterable[Char], split: bool = False) -> list[Line]:
    """Lines of text, top to bottom; ``split`` breaks bands at column-sized gaps."""
    out: list[Line] = []
    for band in group_lines(chars):
        for part in split_columns(band) if split else [band]:
            text = join_chars(part)
            if not text:
                continue
            out.append(
                Line(
                    part,
                    text,
                    min(c.x0 for c in part),
                    min(c.top for c in part),
                    max(c.x1 for c in part),
                    max(c.bottom for c in part),
                )
            )
    return out


def cell_text(chars: list[Char]) -> str:
    """Cell text: its lines joined by newlines (normalise rejoins wrapped lines)."""
    return "\n".join(line.text for line in make_lines(chars))


Style = Callable[[int], tuple[float, bool]]


def line_style(line: Line, style: Style) -> tuple[float, bool]:
    """(size, bold) of a line from its first and last real characters."""
    body = [c for c in line.chars if c.text not in BULLET_GLYPHS] or line.chars
    size, bold_first = style(body[0].index)
    _, bold_last = style(body[-1].index)
    return size, bold_first and bold_last


@dataclass(slots=True)
class Paragraph:
    text: str
    top: float
    x0: float
    size: float
    bold: bool


def paragraphs(lines: list[Line], style: Style) -> list[Paragraph]:
    """Consecutive lines of one style, close together and not starting a list item, join up."""
    out: list[Paragraph] = []
    last: Line | None = None
    for line in sorted(lines, key=lambda ln: (round(ln.top), ln.x0)):
        size, bold = line_style(line, style)
        if last is not None and out:
            para = out[-1]
            gap = line.top - last.bottom
            aligned = abs(line.x0 - para.x0) < 3 * last.height or line.x0 >= para.x0
            if (
                abs(size - para.size) < 0.6
                and bold == para.bold
                and -0.3 * last.height < gap < 0.6 * last.height
                and aligned
                and not line.text.startswith("• ")
                and line.x0 < last.x1
            ):
                para.text += "\n" + line.text
                last = line
                continue
        out.append(Paragraph(line.text, line.top, line.x0, size, bold))
        last = line
    return out
