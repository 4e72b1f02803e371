"""A table's caption and source note drawn inside its frame are not rows of the table.

Reports box an exhibit whole: "Exhibit 9 / Characteristics of ..." on top, the ruled grid,
"Source: ..." under it, one frame around the three. The frame's sides make the caption and
the note full-width cells of the grid; read as rows, they become a first row over the header
(or a section band) and a last row under the data. Publications word these the same way
everywhere ("Table 3:", "Exhibit 9", "Source:", "Note:"), so a full-width, unshaded edge row
worded so is handed back to the page's text, where a caption names the table's section.
"""

from __future__ import annotations

import re

from councilplans.extract.pdf_grid import Grid, GridCell
from councilplans.extract.pdf_page import Centres, Fill

CAPTION = re.compile(r"^(?:table|exhibit|figure|chart)\s+[a-z]?\d+(?:\.\d+)*[a-z]?\b", re.I)
NOTE = re.compile(r"^(?:sources?|notes?)\s*[:.]", re.I)
SHADED = 0.97  # a fill darker than this in any channel shades the row (a band, not a caption)


def _row_text(grid: Grid, row: int, centres: Centres) -> str:
    x0, x1 = grid.xs[0], grid.xs[-1]
    mask = centres.within(x0, grid.ys[row], x1, grid.ys[row + 1])
    out = []
    for i in mask.nonzero()[0].tolist():
        c = centres.chars[i]
        out.append((" " if c.space_before and out else "") + c.text)
    return "".join(out).strip()


def _full_width(grid: Grid, row: int) -> bool:
    return any(gc.row == row and gc.row_span == 1 and gc.col_span == grid.n_cols
               for gc in grid.cells)


def _shaded(grid: Grid, row: int, fills: list[Fill]) -> bool:
    x0, x1, top, bottom = grid.xs[0], grid.xs[-1], grid.ys[row], grid.ys[row + 1]
    area = (x1 - x0) * (bottom - top)
    for f in fills:
        w = min(f.x1, x1) - max(f.x0, x0)
        h = min(f.bottom, bottom) - max(f.top, top)
        if min(f.rgb) < SHADED and w > 0 and h > 0 and w * h >= 0.5 * area:
            return True
    return False


def _edge_row(grid: Grid, row: int, centres: Centres, fills: list[Fill],
              wording: re.Pattern[str]) -> bool:
    return (_full_width(grid, row) and not _shaded(grid, row, fills)
            and bool(wording.match(_row_text(grid, row, centres))))


def without_captions(grid: Grid, centres: Centres, fills: list[Fill]) -> Grid:
    """The grid less a caption row on top and a source / note row at the bottom."""
    if grid.n_cols < 2 or grid.n_rows < 3:
        return grid
    first, last = 0, grid.n_rows
    if _edge_row(grid, 0, centres, fills, CAPTION):
        first = 1
    if _edge_row(grid, grid.n_rows - 1, centres, fills, NOTE):
        last = grid.n_rows - 1
    if (first, last) == (0, grid.n_rows) or last - first < 2:
        return grid
    cells = tuple(GridCell(gc.row - first, gc.col, gc.row_span, gc.col_span)
                  for gc in grid.cells if first <= gc.row < last)
    return Grid(grid.xs, grid.ys[first:last + 1], cells, grid.evidence)
