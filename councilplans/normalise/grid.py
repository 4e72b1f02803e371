"""A logical table's cells resolved once: merged cells followed back to the cell that holds
them, rows padded to one width, full-width rows named. Every later step reads this grid
rather than re-resolving merged cells on each look.
"""

from __future__ import annotations

from dataclasses import dataclass

from councilplans.extract.model import RGB, Cell
from councilplans.normalise.stitch import LogicalTable
from councilplans.normalise.text import collapse


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

    @property
    def n_rows(self) -> int:
        return len(self.text)

    def own(self, r: int, c: int) -> str:
        """The text a row holds itself at a column: "" under a cell merged from above."""
        return "" if self.covered[r][c] else self.text[r][c]

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


def table_to_grid(table: LogicalTable) -> Grid:
    rows = table.rows
    n = max((len(r) for r in rows), default=0)
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
            t.append(holder.text if holder is not None else "")
            cov.append(cell is not None and cell.origin is not None and cell.origin[0] < r)
            f.append(holder.fill if holder is not None else None)
        text.append(tuple(t))
        covered.append(tuple(cov))
        fill.append(tuple(f))
    return Grid(
        n_cols=n,
        text=tuple(text),
        covered=tuple(covered),
        fill=tuple(fill),
        full_width=tuple(_full_width_text(row, r) for r, row in enumerate(rows)),
        keys=tuple(tuple(collapse(c.text).lower() for c in row) for row in rows),
    )
