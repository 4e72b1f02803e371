"""Tables shaded in bands: the shaded rows form grids, the white rows between them do not.

Why: a Word table with no borders and every other row shaded, converted to PDF, draws one
filled box per shaded cell. Their sides make a proper grid of each shaded row (the header
with the first row when they touch) while the white rows in between, and after the last
shaded one, have no edges at all. Grids one above the other with the same columns, whose gap
holds only text that keeps inside those columns, are one table: the gap is a row of it, and
so are the fitting lines straight after the last band.

Where a vertically merged cell (a priority or objective spanning several rows, left of the
actions) is tinted apart or left white, the bands stop at its edge: a band grid whose columns
are the table's last ones joins it too, and the merged cell carries down beside it until new
text starts in its column. A table tinted by whole rows draws no lines between its columns;
``refine_columns`` adds them from the white corridors inside each drawn column.
"""

from __future__ import annotations

from bisect import bisect_right

from councilplans.extract.pdf_grid import Grid, GridCell
from councilplans.extract.pdf_page import Char, Fill
from councilplans.extract.pdf_rules import _bands, column_bounds, word_spans
from councilplans.extract.pdf_text import group_lines

BAND_EVIDENCE = "rows: fill bands and the white rows between; columns: fill edges"
BOX_EVIDENCE = "rows: fill bands in pieces"
BOX_MIN = 6.0  # a tinted box smaller than this either way is no band of a table row
COLUMN_TOL = 2.0
MAX_GAP = 120.0  # a white row taller than this is one row only where its text runs on
TAIL_GAP = 1.8  # lines after the last band belong to it while this many line heights apart
RUN_ON = 0.8  # a line this close under the one above (line heights) runs on its paragraph


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


def _aligned(a: Grid, b: Grid) -> list[int] | None:
    """Where each of b's column lines is among a's: b's columns are a's last ones, or some of
    them joined (a band tinted in one piece over several columns); None when they do not
    line up. A one-column band joins only a one-column table."""
    if len(b.xs) < 3 and len(a.xs) != len(b.xs):
        return None
    idx = []
    for x in b.xs:
        k = min(range(len(a.xs)), key=lambda i: abs(a.xs[i] - x))
        if abs(a.xs[k] - x) > COLUMN_TOL or (idx and k <= idx[-1]):
            return None
        idx.append(k)
    return idx if idx[-1] == len(a.xs) - 1 else None


def _merge(a: Grid, b: Grid, chars: list[Char], fills: list[Fill]) -> Grid:
    """a, the white row between, then b. In the columns b leaves out (a vertically merged
    cell the bands stop at, or leave white), a cell carries down unless new text starts in it.
    """
    idx = _aligned(a, b) or list(range(len(a.xs)))
    skip = idx[0]
    offset = len(a.ys)  # a's rows, then the gap row, then b's rows
    ys = (*a.ys, *b.ys)
    gap = len(a.ys) - 1
    cells = [*a.cells, *(GridCell(gap, c, 1, 1) for c in range(skip, len(a.xs) - 1))]
    open_slots = {(r, c) for r in range(gap, len(ys) - 1) for c in range(skip)}
    tinted = [f for f in fills if min(f.rgb) < 0.97]
    for cell in b.cells:
        r, c0, c1 = cell.row + offset, idx[cell.col], idx[cell.col + cell.col_span]
        top, bottom = ys[r], ys[r + cell.row_span]
        if cell.row_span == 1 and cell.col_span == 1 and not _tinted(
                tinted, b.xs[cell.col], top, b.xs[cell.col + 1], bottom) and _tinted(
                tinted, b.xs[0], top, b.xs[-1], bottom, 0.5):
            open_slots |= {(r, c) for c in range(c0, c1)}  # left white in a tinted band
            continue
        lines = _lines_between(chars, (a.xs[c0], a.xs[c1]), top, bottom)
        if c1 - c0 > 1 and all(_fits(line, a.xs[c0:c1 + 1]) for line in lines):
            cells += [GridCell(r, c, cell.row_span, 1) for c in range(c0, c1)]
        else:
            cells.append(GridCell(r, c0, cell.row_span, c1 - c0))
    for c in range(len(a.xs) - 1):
        for r in range(gap, len(ys) - 1):
            if (r, c) not in open_slots:
                continue
            above = next((k for k, g in enumerate(cells) if g.col == c and g.col_span == 1
                          and g.row + g.row_span == r), None)
            if above is not None and not _starts(chars, a.xs[c], a.xs[c + 1], ys, cells[above],
                                                 r):
                g = cells[above]
                cells[above] = GridCell(g.row, g.col, g.row_span + 1, 1)
            else:
                cells.append(GridCell(r, c, 1, 1))
    cells.sort(key=lambda g: (g.row, g.col))
    merged = any(g.row_span > 1 and g.row + g.row_span > gap for g in cells)
    evidence = BAND_EVIDENCE + ("; merged cells: down the columns bands stop at" if merged
                                else "")
    return Grid(a.xs, ys, tuple(cells), evidence)


def _tinted(fills: list[Fill], x0: float, top: float, x1: float, bottom: float,
            share: float = 0.8) -> bool:
    """Do tinted fills cover this share of the box's width at its middle height?"""
    mid = (top + bottom) / 2
    covered = sum(max(0.0, min(f.x1, x1) - max(f.x0, x0)) for f in fills
                  if f.top <= mid <= f.bottom)
    return covered >= share * (x1 - x0)


def _band_boxes(fills: list[Fill], grids: list[Grid]) -> list[Grid]:
    """One-row grids of bands tinted in pieces with white between (a merged cell left
    white): boxes of one height side by side, apart, that no lattice drew as a grid (a lone
    box is no table there)."""
    boxes = sorted((f for f in fills if min(f.rgb) < 0.97 and f.bottom - f.top >= BOX_MIN
                    and f.x1 - f.x0 >= BOX_MIN and not any(
                        g.xs[0] - 1 <= f.x0 and f.x1 <= g.xs[-1] + 1 and g.ys[0] - 1 <= f.top
                        and f.bottom <= g.ys[-1] + 1 for g in grids)),
                   key=lambda f: (round(f.top), round(f.bottom), f.x0))
    rows: list[list[Fill]] = []
    for f in boxes:
        if rows and abs(rows[-1][0].top - f.top) <= 1 and abs(rows[-1][0].bottom - f.bottom) <= 1:
            rows[-1].append(f)
        else:
            rows.append([f])
    out = []
    for row in rows:
        if len(row) < 2 or any(q.x0 - p.x1 <= COLUMN_TOL for p, q in zip(row, row[1:],
                                                                          strict=False)):
            continue
        xs = sorted({round(x, 1) for f in row for x in (f.x0, f.x1)})
        top = min(f.top for f in row)
        bottom = max(f.bottom for f in row)
        out.append(Grid(tuple(xs), (top, bottom),
                        tuple(GridCell(0, c, 1, 1) for c in range(len(xs) - 1)), BOX_EVIDENCE))
    return out


def _starts(chars: list[Char], x0: float, x1: float, ys: tuple[float, ...], above: GridCell,
            r: int) -> bool:
    """Does text start afresh in the slot of row r, rather than run on from the cell above?"""
    here = _lines_between(chars, (x0, x1), ys[r], ys[r + 1])
    if not here:
        return False
    before = _lines_between(chars, (x0, x1), ys[above.row], ys[r])
    if not before:
        return True
    last, first = before[-1], here[0]
    height = max(c.bottom - c.top for c in first) or 1.0
    return min(c.top for c in first) - max(c.bottom for c in last) > RUN_ON * height


def _one_row(lines: list[list[Char]], top: float, bottom: float) -> bool:
    """Is the white between two bands one row: short, or text running from band to band
    with no break wider than between a table's lines?"""
    if bottom - top <= MAX_GAP:
        return True
    edges = [(top, top)] + [(min(c.top for c in ln), max(c.bottom for c in ln))
                            for ln in lines] + [(bottom, bottom)]
    height = max(c.bottom - c.top for ln in lines for c in ln) or 1.0
    return all(b[0] - a[1] <= TAIL_GAP * height for a, b in zip(edges, edges[1:], strict=False))


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
    shaded = 0
    for top, bottom in zip(grid.ys, grid.ys[1:], strict=False):
        mid = (top + bottom) / 2
        row = [f for f in fills if f.top <= mid <= f.bottom and min(f.rgb) < 0.97]

        def covered(x: float, row: list[Fill] = row) -> float:
            return sum(max(0.0, min(f.x1, grid.xs[-1]) - max(f.x0, x)) for f in row)

        # tinted across the table, or across every column right of a merged cell
        shaded += any(covered(x) >= 0.8 * (grid.xs[-1] - x)
                      for x in grid.xs[:max(1, len(grid.xs) - 2)])
    return shaded * 2 >= grid.n_rows


def join_bands(grids: list[Grid], chars: list[Char], page_bottom: float,
               fills: list[Fill]) -> list[Grid]:
    """Grids of one banded table joined with the white rows between and after them."""
    if not grids:
        return grids
    boxes = _band_boxes(fills, grids)
    ordered = sorted(grids + boxes, key=lambda g: g.ys[0])
    out: list[Grid] = [ordered[0]]
    for grid in ordered[1:]:
        prev = out[-1]
        gap_top, gap_bottom = prev.ys[-1], grid.ys[0]
        if (prev.evidence != BOX_EVIDENCE and _aligned(prev, grid) is not None
                and gap_bottom > gap_top
                and _shaded(prev, fills) and _shaded(grid, fills)
                and (lines := _lines_between(chars, prev.xs, gap_top, gap_bottom))
                and _one_row(lines, gap_top, gap_bottom)
                and all(_fits(line, prev.xs) for line in lines)
                and any(_columns_used(line, prev.xs) >= 2 for line in lines)):
            out[-1] = _merge(prev, grid, chars, fills)
            continue
        out.append(grid)
    out = [g for g in out if g.evidence != BOX_EVIDENCE]  # pieces no table took
    result = []
    for k, grid in enumerate(out):
        if grid.n_rows < 2 or not _shaded(grid, fills):
            result.append(grid)  # a ruled table ends at its last rule; a lone box is no band
            continue
        below = out[k + 1].ys[0] if k + 1 < len(out) else page_bottom
        result.append(_with_tail(grid, chars, below))
    return result


REFINE_MIN_LINES = 2  # lines of a drawn column broken into segments before it is split


def refine_columns(grid: Grid, chars: list[Char], fills: list[Fill]) -> Grid:
    """A grid drawn by shading alone, whose boxes hold lines broken into columns: the white
    corridors inside each drawn column are columns the fills do not show (a row tinted in one
    piece, a vertically merged cell tinted apart). The drawn rows and merges are kept; a box
    spanning several drawn columns is split where its text keeps to them and it is white (a
    white row draws no column lines) or holds text in two of them (no merge, only no lines).
    """
    xs = [grid.xs[0]]
    firsts = [0]  # the new column each drawn column begins with
    for c in range(grid.n_cols):
        a, b = grid.xs[c], grid.xs[c + 1]
        header = _bands(chars, a, b, grid.ys[0], grid.ys[1]) if grid.n_rows > 1 else []
        body = [band for r in range(1 if grid.n_rows > 1 else 0, grid.n_rows)
                for band in _bands(chars, a, b, grid.ys[r], grid.ys[r + 1])]
        inner: list[float] = []
        if sum(len(band) >= 2 for band in body) < REFINE_MIN_LINES:
            body = header + body  # a header over a row or two: its words show the columns too
        if sum(len(band) >= 2 for band in body) >= REFINE_MIN_LINES:
            inner = column_bounds(body, a, b, header)[1:-1]
        xs += [*inner, b]
        firsts.append(len(xs) - 1)
    cells: list[GridCell] = []
    for cell in grid.cells:
        n0, n1 = firsts[cell.col], firsts[cell.col + cell.col_span]
        top, bottom = grid.ys[cell.row], grid.ys[cell.row + cell.row_span]
        bands = _bands(chars, xs[n0], xs[n1], top, bottom)
        inside = xs[n0 + 1:n1]
        fits = not any(a < x - 0.5 and b > x + 0.5 for a, b in word_spans(bands) for x in inside)
        used = {bisect_right(xs, (ch.x0 + ch.x1) / 2) - 1 for band in bands for seg in band
                for ch in seg}
        white = not any(min(f.rgb) < 0.97 and f.x0 <= xs[n0] + 1 and f.x1 >= xs[n1] - 1
                        and f.top <= top + 1 and f.bottom >= bottom - 1 for f in fills)
        drawn_cols = {bisect_right(firsts, k) - 1 for k in used}
        split = n1 - n0 > 1 and fits and (cell.col_span == 1 or white or len(drawn_cols) >= 2)
        if split:
            cells += [GridCell(cell.row, k, cell.row_span, 1) for k in range(n0, n1)]
        else:
            cells.append(GridCell(cell.row, n0, cell.row_span, n1 - n0))
    cells.sort(key=lambda g: (g.row, g.col))
    corridors = ", white corridors" if len(xs) > len(grid.xs) else ""
    return Grid(tuple(xs), grid.ys, tuple(cells),
                f"rows: fill edges; columns: fill edges{corridors}")
