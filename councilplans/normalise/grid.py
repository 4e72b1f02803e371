"""A logical table's cells resolved once: merged cells followed back to the cell that holds
them, rows padded to one width, full-width rows named. Every later step reads this grid
rather than re-resolving merged cells on each look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilplans.extract.model import RGB, Cell
from councilplans.normalise.stitch import LogicalTable
from councilplans.normalise.text import HARD_BREAK, collapse


@dataclass(frozen=True)
class Grid:
    """``text[r][c]``: what a reader sees at a position (a merged cell's text everywhere it
    covers); ``covered[r][c]``: the position is covered by a cell from a row above;
    ``fill[r][c]``: the fill of the cell that holds the position; ``full_width[r]``: the text
    of a row that is one cell across the whole width, else None."""

    n_cols: int
    text: tuple[tuple[str, ...], ...]
    covered: tuple[tuple[bool, ...], ...]
    fill: tuple[tuple[RGB | None, ...], ...]
    full_width: tuple[str | None, ...]
    keys: tuple[tuple[str, ...], ...]  # each row's own cells, lower-cased, as the document has them
    # per column, how much text a line holds (``text_width`` units; 0 where cells have no box):
    # tells a cell's items from its wrapped lines across a page break too
    capacity: tuple[float, ...] = ()

    @property
    def n_rows(self) -> int:
        return len(self.text)

    def own(self, r: int, c: int) -> str:
        """The text a row holds itself at a column: "" under a cell merged from above."""
        return "" if self.covered[r][c] else self.text[r][c]

    def breaks_item(self, c: int, before: str, after: str) -> bool:
        """Whether text ``after`` in column ``c`` opens an item of its own below ``before``
        (the part of the same cell a page break cut): see ``starts_item``."""
        last = next((ln for ln in reversed(before.split("\n")) if ln.strip()), "")
        first = next((ln for ln in after.split("\n") if ln.strip()), "")
        cap = self.capacity[c] if c < len(self.capacity) else 0.0
        return starts_item(last.lstrip(HARD_BREAK), first.lstrip(HARD_BREAK), cap)

    def column(self, c: int, rows: range | list[int]) -> list[str]:
        """A column's own texts over some rows (merged cells counted once)."""
        return [self.text[r][c] for r in rows if not self.covered[r][c]]


def _full_width_text(row: tuple[Cell, ...], r: int) -> str | None:
    if not row:
        return None
    if len(row) == 1:
        return collapse(row[0].text) or None
    first = row[0]
    if first.origin is None and first.col_span >= len(row):
        return collapse(first.text) or None
    if all(c.origin == (r, 0) for c in row[1:]) and first.origin is None:
        return collapse(first.text) or None
    return None


# Helvetica/Arial advance widths (thousandths of an em): how much of a line a text takes,
# closer than a count of characters ("illicit" against "MMW").
_GLYPH = dict(zip("abcdefghijklmnopqrstuvwxyz", (
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333,
    500, 278, 556, 500, 722, 500, 500, 500), strict=True))
_GLYPH.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722,
    667, 611, 722, 667, 944, 667, 667, 611), strict=True))
_GLYPH.update({" ": 278, ".": 278, ",": 278, ":": 278, ";": 278, "/": 278, "-": 333, "(": 333,
               ")": 333, "'": 191, "\u2019": 222, "\u2018": 222, "\u201c": 333, "\u201d": 333,
               "%": 889, "&": 667, "!": 278, "i": 222, "|": 260})


def text_width(text: str) -> int:
    """A line's width in thousandths of an em of a sans-serif font (digits and others 556)."""
    return sum(_GLYPH.get(ch, 556) for ch in text)


def _bounds(cells: list[Cell]) -> tuple[float, float]:
    """How much text a point of cell width holds, from these cells' own lines: at least as
    much as their densest line takes (nothing wider was left unwrapped), and less than a
    line and the word that a renderer moved to the next line (a line followed by one that
    carries on in lower case)."""
    low, high = 0.0, float("inf")
    for cell in cells:
        if cell.origin is not None or cell.bbox is None or not cell.text:
            continue
        width = cell.bbox[2] - cell.bbox[0]
        if width <= 1:
            continue
        lines = [ln.strip() for ln in cell.text.split("\n")]
        low = max(low, max(text_width(ln) for ln in lines) / width)
        for before, after in zip(lines, lines[1:], strict=False):
            if before and after and after[0].islower():
                high = min(high, text_width(f"{before} {after.split()[0]}") / width)
    return low, high


def _capacities(rows: tuple[tuple[Cell, ...], ...], n: int) -> list[float]:
    """Per column, how much text a point of width holds: the whole table's estimate (halfway
    between its bounds where both are known), kept under what a wrap in the column itself
    shows did not fit (a column may be set larger or with more padding) and over what its
    own densest line takes."""
    low, high = _bounds([cell for row in rows for cell in row])
    table = (low + high) / 2 if low < high < float("inf") else low
    out = []
    for c in range(n):
        c_low, c_high = _bounds([row[c] for row in rows if c < len(row)])
        out.append(max(c_low, min(table, c_high * 0.98)))
    return out


# A line that ends on one of these words or marks runs on into the next, however short.
_RUNS_ON = re.compile(
    r"(?:\b(?:a|an|and|as|at|by|for|from|in|into|of|on|or|the|to|with|via|per|our|their|its)"
    r"|[,&+/\-–—])$", re.I)
# Below about forty letters a line, where a renderer wraps varies too much with the words for
# a next word that only just fits to say much: there the line and the next line's first word
# must fill no more than this share of the cell ("CHOG" over "HOG" in a column of group names).
_MIN_LIST_WIDTH = 40 * 556
_NARROW_FIT = 0.85


def _starts_item(before: str, line: str) -> bool:
    if _RUNS_ON.search(before):
        return False
    return bool(line) and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'‘“(") \
        or before.endswith((":", ";", ".", "!", "?"))


def starts_item(before: str, line: str, capacity: float) -> bool:
    """Whether ``line`` opens an item of its own below ``before`` in a cell that holds
    ``capacity`` (``text_width`` units) a line: the first word would have fitted after
    ``before`` (with room to spare in a narrow cell), and the line starts afresh."""
    before, line = before.strip(), line.strip()
    if not before or not line or capacity <= 0:
        return False
    if capacity < _MIN_LIST_WIDTH:
        capacity *= _NARROW_FIT
    fits = text_width(f"{before} {line.split()[0]}") <= capacity
    return fits and _starts_item(before, line)


def mark_hard_breaks(cell: Cell, per_point: float, column_width: float = 0.0) -> str:
    """A PDF cell's text with the line ends the author typed marked (``HARD_BREAK`` opens the
    next line), as against those the renderer wrapped.

    A line was wrapped when the next line's first word would not have fitted after it: the
    cell's width times its column's ``_capacities`` tells how much fits. A line that stops
    short of that, before a line that starts afresh (a capital, a digit) or after one that
    ended a clause, is an item of a list ("Family Hub Programme" above "Whole system Obesity
    Strategy"), unless it ends on a word that runs on ("support for" / "Families"). In a
    narrow cell (under about forty letters a line) the next word must fit with room to spare
    ("SOG" over "CHOG" over "HP" in a column of group names). An empty line always ends a
    paragraph.

    ``column_width``: the width of the cell's column over the whole table, which a one-column
    cell is measured by. A table found by white corridors bounds each page's columns by that
    page's own text (a page of short names, "SSG" / "HP", gives a narrow column, a page with
    a long word a wide one), while the column the renderer filled is one width throughout.
    """
    text = cell.text
    if cell.bbox is None or per_point <= 0 or "\n" not in text:
        return text
    width = cell.bbox[2] - cell.bbox[0]
    if cell.col_span == 1 and column_width > 0:
        width = column_width
    capacity = width * per_point
    lines = text.split("\n")
    out = [lines[0]]
    blank = False
    for line in lines[1:]:
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        before = next((ln.strip() for ln in reversed(out) if ln.strip()), "")
        hard = bool(before) and (blank or starts_item(before, stripped, capacity))
        out.append(HARD_BREAK + line if hard else line)
        blank = False
    return "\n".join(out)


def _column_width(rows: tuple[tuple[Cell, ...], ...], c: int) -> float:
    """A column's width: the median of its own one-column cells' boxes (0 without boxes)."""
    widths = sorted(cell.bbox[2] - cell.bbox[0] for row in rows if c < len(row)
                    for cell in (row[c],)
                    if cell.bbox is not None and cell.origin is None and cell.col_span == 1)
    return widths[len(widths) // 2] if widths else 0.0


def _is_ghost_column(rows: tuple[tuple[Cell, ...], ...], c: int) -> bool:
    """A column that holds no text of its own: every cell in it is empty, merged from a
    neighbour or runs on into the next column (a sliver between two cell edges drawn a few
    points apart). Dropping it loses nothing: what covers it shows in the columns kept."""
    for row in rows:
        cell = row[c] if c < len(row) else None
        if cell is not None and cell.origin is None and cell.col_span == 1 and cell.text.strip():
            return False
    return any(c < len(row) for row in rows)


def _kept_columns(rows: tuple[tuple[Cell, ...], ...], n: int) -> list[int]:
    """The columns that are not ghosts; but a cell with text keeps its first column where
    every column it spans would go (an indicator card's "Previous: 91%" and "AMBER" span
    columns drawn only for the chart's axis, none holding a one-column cell of text)."""
    ghosts = {c for c in range(n) if _is_ghost_column(rows, c)}
    for row in rows:
        for c, cell in enumerate(row):
            if (cell.origin is None and cell.text.strip()
                    and all(k in ghosts for k in range(c, c + max(cell.col_span, 1)))):
                ghosts.discard(c)
    return [c for c in range(n) if c not in ghosts] or list(range(n))


def table_to_grid(table: LogicalTable) -> Grid:
    rows = table.rows
    n = max((len(r) for r in rows), default=0)
    density = _capacities(rows, n)
    widths = [_column_width(rows, c) for c in range(n)]
    text: list[tuple[str, ...]] = []
    covered: list[tuple[bool, ...]] = []
    fill: list[tuple[RGB | None, ...]] = []
    for r, row in enumerate(rows):
        t, cov, f = [], [], []
        for c in range(n):
            cell = row[c] if c < len(row) else None
            holder = cell
            if cell is not None and cell.origin is not None:
                orow, ocol = cell.origin
                ok = 0 <= orow < len(rows) and 0 <= ocol < len(rows[orow])
                holder = rows[orow][ocol] if ok else None
            t.append(mark_hard_breaks(holder, density[c], widths[c]) if holder is not None
                     else "")
            cov.append(cell is not None and cell.origin is not None and cell.origin[0] < r)
            f.append(holder.fill if holder is not None else None)
        text.append(tuple(t))
        covered.append(tuple(cov))
        fill.append(tuple(f))
    keep = _kept_columns(rows, n)
    capacity = [density[c] * widths[c] for c in range(n)]
    if len(keep) < n:
        text = [tuple(row[c] for c in keep) for row in text]
        covered = [tuple(row[c] for c in keep) for row in covered]
        fill = [tuple(row[c] for c in keep) for row in fill]
    return Grid(
        n_cols=len(keep),
        text=tuple(text),
        covered=tuple(covered),
        fill=tuple(fill),
        full_width=tuple(_full_width_text(row, r) for r, row in enumerate(rows)),
        keys=tuple(tuple(collapse(c.text).lower() for c in row) for row in rows),
        capacity=tuple(capacity[c] for c in keep),
    )
