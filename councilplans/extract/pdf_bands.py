"""Tables shaded in bands: the shaded rows form grids, the white rows between them do not.

Why: a Word table with no borders and every other row shaded, converted to PDF, draws one
filled box per shaded cell. Their sides make a proper grid of each shaded row (the header
with the first row when they touch) while the white rows in between, and after the last
shaded one, have no edges at all. Grids one above the other with the same columns, whose gap
holds only text that keeps inside those columns, are one table: the gap is a row of it, and
so are the fitting lines straight after the last band.
"""

from __future__ import annotations

from councilplans.extract.pdf_grid import Grid, GridCell
from councilplans.extract.pdf_page import Char, Fill
from councilplans.extract.pdf_rules import word_spans
from councilplans.extract.pdf_text import group_lines

BAND_EVIDENCE = "rows: fill bands and the white rows between; columns: fill edges"
COLUMN_TOL = 2.0
MAX_GAP = 120.0  # a white row taller than this is not one row of a banded table
TAIL_GAP = 1.8  # lines after the last band belong to it while this many line heights apart


def _same_columns(a: Grid, b: Grid) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= COLUMN_TOL
                                           for x, y in zip(a.xs, b.xs, strict=True))


def _lines_between(chars: list[Char], xs: tuple[float, ...], top: float, bottom: float):
    inside = [c for c in chars if xs[0] <= (c.x0 + c.x1) / 2 <= xs[-1]
              and top < (c.top + c.bottom) / 2 < bottom]
    return group_lines(inside)


def _fits(line: list[Char], xs: tuple[float, ...]) -> bool:
    """No word of the line crosses a column boundary (a heading runs across them)."""
    inner = xs[1:-1]
    return not any(a < x - 0.5 and b > x + 0.5 for a, b in word_spans([[line]]) for x in inner)


def _columns_used(line: list[Char], xs: tuple[float, ...]) -> int:
    """How many columns a line has text in (a heading between two tables has one)."""
    return len({sum(1 for x in xs[1:-1] if (c.x0 + c.x1) / 2 > x) for c in line})


def _merge(a: Grid, b: Grid) -> Grid:
    offset = len(a.ys)  # a's rows, then the gap row, then b's rows
    ys = (*a.ys, *b.ys)
    gap = len(a.ys) - 1
    cells = (*a.cells,
             *(GridCell(gap, c, 1, 1) for c in range(len(a.xs) - 1)),
             *(GridCell(cell.row + offset, cell.col, cell.row_span, cell.col_span)
               for cell in b.cells))
    return Grid(a.xs, ys, cells, BAND_EVIDENCE)


def _with_tail(grid: Grid, chars: list[Char], limit: float) -> Grid:
    """Add the fitting lines right under the last band as one more row."""
    lines = _lines_between(chars, grid.xs, grid.ys[-1], limit)
    bottom = grid.ys[-1]
    for k, line in enumerate(lines):
        top = min(c.top for c in line)
        height = max(c.bottom - c.top for c in line) or 1.0
        if top - bottom > TAIL_GAP * height or not _fits(line, grid.xs):
            break
        if k == 0 and _columns_used(line, grid.xs) < 2:
            break  # a row begins with text in several of its columns
        bottom = max(c.bottom for c in line)
    if bottom == grid.ys[-1]:
        return grid
    row = len(grid.ys) - 1
    cells = (*grid.cells, *(GridCell(row, c, 1, 1) for c in range(len(grid.xs) - 1)))
    return Grid(grid.xs, (*grid.ys, bottom + 1.0), cells, BAND_EVIDENCE)


def _shaded(grid: Grid, fills: list[Fill]) -> bool:
    """Whether most of a grid's rows are tinted across their width (a band, not a ruled row)."""
    width = grid.xs[-1] - grid.xs[0]
    shaded = 0
    for top, bottom in zip(grid.ys, grid.ys[1:], strict=False):
        mid = (top + bottom) / 2
        covered = sum(min(f.x1, grid.xs[-1]) - max(f.x0, grid.xs[0]) for f in fills
                      if f.top <= mid <= f.bottom and min(f.rgb) < 0.97)
        shaded += covered >= 0.8 * width
    return shaded * 2 >= grid.n_rows


def join_bands(grids: list[Grid], chars: list[Char], page_bottom: float,
               fills: list[Fill]) -> list[Grid]:
    """Grids of one banded table joined with the white rows between and after them."""
    if not grids:
        return grids
    ordered = sorted(grids, key=lambda g: g.ys[0])
    out: list[Grid] = [ordered[0]]
    for grid in ordered[1:]:
        prev = out[-1]
        gap_top, gap_bottom = prev.ys[-1], grid.ys[0]
        if (_same_columns(prev, grid) and 0 < gap_bottom - gap_top <= MAX_GAP
                and _shaded(prev, fills) and _shaded(grid, fills)
                and (lines := _lines_between(chars, prev.xs, gap_top, gap_bottom))
                and all(_fits(line, prev.xs) for line in lines)
                and any(_columns_used(line, prev.xs) >= 2 for line in lines)):
            out[-1] = _merge(prev, grid)
            continue
        out.append(grid)
    result = []
    for k, grid in enumerate(out):
        if grid.n_rows < 2 or not _shaded(grid, fills):
            result.append(grid)  # a ruled table ends at its last rule; a lone box is no band
            continue
        below = out[k + 1].ys[0] if k + 1 < len(out) else page_bottom
        result.append(_with_tail(grid, chars, below))
    return result
