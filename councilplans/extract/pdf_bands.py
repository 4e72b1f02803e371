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
from councilplans.extract.pdf_rules import _bands, column_bounds, is_tabular, word_spans
from councilplans.extract.pdf_text import group_lines, join_chars
from councilplans.vocabulary import is_numbered

BAND_EVIDENCE = "rows: fill bands and the white rows between; columns: fill edges"
BOX_EVIDENCE = "rows: fill bands in pieces"
BOX_MIN = 6.0  # a tinted box smaller than this either way is no band of a table row
COLUMN_TOL = 2.0
MAX_GAP = 120.0  # a white row taller than this is one row only where its text runs on
TAIL_GAP = 1.8  # lines after the last band belong to it while this many line heights apart
RUN_ON = 0.8  # a line this close under the one above (line heights) runs on its paragraph
GAP_TOL = 1.0  # points: a step this much wider than the cells' own still matches them


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


def _columns(a: Grid, b: Grid) -> tuple[float, ...] | None:
    """The column lines of a and b together: b's are a's last ones, or some of them (a band
    tinted in one piece over several columns), or a's are some of b's (a header band tinted
    in one piece); None when they do not fit. A one-column band joins only a one-column
    table, unless it is tinted in pieces and stops short of the table's left edge: a sub-row
    tinted in the columns beside merged cells; such a band may stop short of the right edge
    too (merged cells, or empty ones left white, on both sides)."""
    pieces = b.evidence == BOX_EVIDENCE and b.xs[0] > a.xs[0] + COLUMN_TOL
    if len(b.xs) < 3 and len(a.xs) != len(b.xs) and not pieces:
        return None
    if b.xs[0] < a.xs[0] - COLUMN_TOL or b.xs[-1] > a.xs[-1] + COLUMN_TOL or (
            b.xs[-1] < a.xs[-1] - COLUMN_TOL and not pieces):
        return None

    def within(xs: tuple[float, ...], of: tuple[float, ...]) -> bool:
        return all(any(abs(x - y) <= COLUMN_TOL for y in of) for x in xs)

    if within(b.xs, a.xs):
        return a.xs
    if abs(a.xs[0] - b.xs[0]) <= COLUMN_TOL and within(a.xs, b.xs):
        return b.xs
    return None


def _index(xs: tuple[float, ...], x: float) -> int:
    return min(range(len(xs)), key=lambda i: abs(xs[i] - x))


def _placed(grid: Grid, xs: tuple[float, ...], ys: tuple[float, ...], offset: int,
            chars: list[Char]) -> list[GridCell]:
    """A grid's cells on finer column lines (rows from ``offset``): a box over several of
    them splits where its text keeps to them, a box the text runs across stays one."""
    out = []
    for cell in grid.cells:
        r = cell.row + offset
        c0, c1 = _index(xs, grid.xs[cell.col]), _index(xs, grid.xs[cell.col + cell.col_span])
        lines = _lines_between(chars, (xs[c0], xs[c1]), ys[r], ys[r + cell.row_span])
        if c1 - c0 > 1 and all(_fits(line, xs[c0:c1 + 1]) for line in lines):
            out += [GridCell(r, c, cell.row_span, 1) for c in range(c0, c1)]
        else:
            out.append(GridCell(r, c0, cell.row_span, c1 - c0))
    return out


def _running_on(chars: list[Char], xs: tuple[float, ...], ys: tuple[float, ...],
                cells: list[GridCell], r: int, cols: range) -> set[int]:
    """The columns whose text in row r carries on the paragraph of the body cell above it,
    line after line at the paragraph's own pitch (a merged cell's text running past a
    sub-row's band into the white under it), while other columns start afresh. (A row's
    padding may be narrower than a line, so only the pitch tells a new row from a run-on.)"""
    out = set()
    for c in cols:
        above = next((g for g in cells if g.col == c and g.col_span == 1
                      and g.row + g.row_span == r and g.row > 0), None)
        if above is None:
            continue
        here = _lines_between(chars, (xs[c], xs[c + 1]), ys[r], ys[r + 1])
        before = _lines_between(chars, (xs[c], xs[c + 1]), ys[above.row], ys[r])
        if not here or len(before) < 2:
            continue
        pitch = min(b[0].baseline - a[0].baseline for a, b in zip(before, before[1:],
                                                                   strict=False))
        if 0 < here[0][0].baseline - before[-1][0].baseline <= pitch + GAP_TOL:
            out.add(c)
    return out


def _merge(a: Grid, b: Grid, chars: list[Char], fills: list[Fill], run_on: bool = False
           ) -> Grid:
    """a, the white row between, then b. In the columns b leaves out (a vertically merged
    cell the bands stop at, or leave white), a cell carries down unless new text starts in it.
    Where the white's text runs on from a's last row (a's lines stopped at a merged cell's
    fill, not at a row's end), that row reaches down to b instead.
    """
    xs = _columns(a, b) or a.xs
    skip = _index(xs, b.xs[0])
    stop = _index(xs, b.xs[-1])  # columns from here on b leaves out too (right of its tint)
    if run_on:
        a = Grid(a.xs, (*a.ys[:-1], b.ys[0]), a.cells, a.evidence)
        offset = gap = len(a.ys) - 1  # a's rows, then b's rows
        ys = (*a.ys[:-1], *b.ys)
        cells = _placed(a, xs, ys, 0, chars)
    else:
        offset = len(a.ys)  # a's rows, then the gap row, then b's rows
        ys = (*a.ys, *b.ys)
        gap = len(a.ys) - 1
        cells = _placed(a, xs, ys, 0, chars)
        runs = _running_on(chars, xs, ys, cells, gap, range(skip, len(xs) - 1))
        cells += [GridCell(gap, c, 1, 1) for c in range(skip, len(xs) - 1) if c not in runs]
    open_slots = {(r, c) for r in range(gap, len(ys) - 1) for c in range(skip)}
    if not run_on:
        open_slots |= {(gap, c) for c in runs}
    open_slots |= {(r, c) for r in range(offset, len(ys) - 1) for c in range(stop, len(xs) - 1)}
    tinted = [f for f in fills if min(f.rgb) < 0.97]
    for cell in b.cells:
        r = cell.row + offset
        top, bottom = ys[r], ys[r + cell.row_span]
        x0, x1 = b.xs[cell.col], b.xs[cell.col + cell.col_span]
        if cell.row_span == 1 and cell.col_span == 1 and not _tinted(
                tinted, x0, top, x1, bottom) and _tinted(tinted, b.xs[0], top, b.xs[-1],
                                                         bottom, 0.5):
            # left white in a tinted band
            open_slots |= {(r, c) for c in range(_index(xs, x0), _index(xs, x1))}
            continue
        cells += _placed(Grid(b.xs, b.ys, (cell,)), xs, ys, offset, chars)
    headers = _header_rows(chars, xs, ys)
    for c in range(len(xs) - 1):
        for r in range(gap, len(ys) - 1):
            if (r, c) not in open_slots:
                continue
            above = next((k for k, g in enumerate(cells) if g.col == c and g.col_span == 1
                          and g.row + g.row_span == r and g.row not in headers), None)
            if above is not None and not _starts(chars, xs[c], xs[c + 1], ys, cells[above],
                                                 r):
                g = cells[above]
                cells[above] = GridCell(g.row, g.col, g.row_span + 1, 1)
            else:
                cells.append(GridCell(r, c, 1, 1))
    cells.sort(key=lambda g: (g.row, g.col))
    merged = any(g.row_span > 1 and g.row + g.row_span > gap for g in cells)
    evidence = BAND_EVIDENCE + ("; merged cells: down the columns bands stop at" if merged
                                else "")
    return Grid(xs, ys, tuple(cells), evidence)


HEADER_COLUMNS = 3  # a header band tinted in one piece names at least this many columns
HEADER_PAD = 4.0  # a column's edge this far before its header's words
HEADER_LINES = 4  # a header band holds at most this many lines of text


def _header_band(box: Grid, boxes: list[Grid], chars: list[Char],
                 fills: list[Fill]) -> Grid | None:
    """A lone tinted box whose words break into columns, tinted unlike any other box of the
    page: a table's header band, as a one-row grid with the columns its words show."""
    if box.n_rows != 1 or box.n_cols != 1:
        return None

    def colour(g: Grid) -> tuple[int, ...] | None:
        found = [f for f in fills if min(f.rgb) < 0.97 and abs(f.top - g.ys[0]) <= 1
                 and abs(f.bottom - g.ys[-1]) <= 1]
        return tuple(round(v * 20) for v in found[-1].rgb) if found else None

    own = colour(box)
    if own is None or any(o is not box and colour(o) == own for o in boxes):
        return None
    lines = _bands(chars, box.xs[0], box.xs[-1], box.ys[0], box.ys[-1])
    if len(lines) > HEADER_LINES:
        return None  # a shaded frame or panel around a table, not its header
    spans: list[list[float]] = []
    for a, b in sorted((min(c.x0 for c in seg), max(c.x1 for c in seg)) for band in lines
                       for seg in band):
        if spans and a <= spans[-1][1] + 1.0:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    # a column begins just before its header's words (headers set flush left, body text
    # often running on under the next header's white)
    xs = [box.xs[0], *(q[0] - min(HEADER_PAD, (q[0] - p[1]) / 2)
                       for p, q in zip(spans, spans[1:], strict=False)), box.xs[-1]]
    if len(xs) - 1 < HEADER_COLUMNS:
        return None
    return Grid(tuple(xs), box.ys, tuple(GridCell(0, c, 1, 1) for c in range(len(xs) - 1)),
                "rows: fill band; columns: its words")


def _header_rows(chars: list[Char], xs: tuple[float, ...], ys: tuple[float, ...]) -> set[int]:
    """The rows repeating the first one, and the first with them: a header repeated down the
    page, whose cells never carry down into the rows under it."""
    grid = Grid(xs, ys, ())
    first = _row_text(chars, grid, 0)
    repeats = {r for r in range(1, len(ys) - 1) if first and _row_text(chars, grid, r) == first}
    return repeats | {0} if repeats else set()


def _row_text(chars: list[Char], grid: Grid, r: int) -> str:
    return " ".join(join_chars(line) for line in _lines_between(chars, grid.xs, grid.ys[r],
                                                                 grid.ys[r + 1]))


def _runs_on(chars: list[Char], a: Grid, lines: list[list[Char]]) -> bool:
    """Does the first line under grid a carry on the text of a's last row, one line after
    another (the row did not end where a's drawing does)?"""
    if a.n_rows == 1 or _row_text(chars, a, a.n_rows - 1) == _row_text(chars, a, 0):
        return False  # a header, or a header repeated down the page, ends where it is drawn
    first = lines[0]
    height = max(c.bottom - c.top for c in first) or 1.0
    # column by column: a new row under a row whose text ends low in one column only is no
    # run-on in the others
    for left, right in zip(a.xs, a.xs[1:], strict=False):
        here = [c for c in first if left <= (c.x0 + c.x1) / 2 < right]
        if not here:
            continue
        x0, x1 = min(c.x0 for c in here), max(c.x1 for c in here)
        above = [c for c in chars if a.ys[-2] < (c.top + c.bottom) / 2 < a.ys[-1]
                 and c.x1 > x0 and c.x0 < x1]
        if not above or min(c.top for c in here) - max(c.bottom for c in above) > RUN_ON * height:
            return False
    return True


def _tinted(fills: list[Fill], x0: float, top: float, x1: float, bottom: float,
            share: float = 0.8) -> bool:
    """Do tinted fills cover this share of the box's width at its middle height?"""
    mid = (top + bottom) / 2
    covered = sum(max(0.0, min(f.x1, x1) - max(f.x0, x0)) for f in fills
                  if f.top <= mid <= f.bottom)
    return covered >= share * (x1 - x0)


def _band_boxes(fills: list[Fill], grids: list[Grid], chars: list[Char]) -> list[Grid]:
    """One-row grids of bands tinted in pieces with white between (a merged cell left
    white): boxes of one height side by side, apart, that no lattice drew as a grid (a lone
    box is no table there); and of lone boxes whose first line breaks into columns (a header
    band). They count only where they join a grid the lattice found."""
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
    for row in map(_pieces, rows):
        if len(row) == 1 and not is_tabular(chars, row[0].x0, row[0].x1, row[0].top,
                                             row[0].bottom, first_line=True) and not _inner(
                                                 row[0], grids):
            continue
        xs = sorted({round(x, 1) for f in row for x in (f.x0, f.x1)})
        top = min(f.top for f in row)
        bottom = max(f.bottom for f in row)
        out.append(Grid(tuple(xs), (top, bottom),
                        tuple(GridCell(0, c, 1, 1) for c in range(len(xs) - 1)), BOX_EVIDENCE))
    return out


def _inner(f: Fill, grids: list[Grid]) -> bool:
    """Is a lone tinted box a sub-row's band under a drawn table: both its sides on column
    lines of a grid above it, right of that grid's left edge (the merged cells beside it
    left white)?"""
    def on(x: float, xs: tuple[float, ...]) -> bool:
        return any(abs(x - y) <= COLUMN_TOL for y in xs)

    return any(g.ys[-1] <= f.top + 1 and g.n_cols >= 2 and on(f.x0, g.xs[1:-1])
               and on(f.x1, g.xs[2:]) for g in grids)


def _pieces(row: list[Fill]) -> list[Fill]:
    """A band's fills joined where they overlap or touch: LibreOffice paints a tinted cell
    and again each pair of neighbouring cells, in overlapping pieces that make one tint; the
    pieces left apart are the band's, the white between them a column left untinted (a
    merged cell beside a sub-row)."""
    out: list[Fill] = []
    for f in sorted(row, key=lambda f: f.x0):
        if out and f.x0 - out[-1].x1 <= COLUMN_TOL:
            last = out[-1]
            out[-1] = Fill(last.x0, min(last.top, f.top), max(last.x1, f.x1),
                           max(last.bottom, f.bottom), last.rgb, max(last.order, f.order))
        else:
            out.append(f)
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


def _cell_step(grid: Grid, chars: list[Char]) -> float:
    """The widest step from one line's baseline to the next inside one cell: the table's own
    paragraph spacing, which the white row under its last band may use too. (Baselines, as
    a line's box is as tall as its tallest letter: "women." is shorter than "White".)"""
    widest = 0.0
    for gc in grid.cells:
        lines = _lines_between(chars, (grid.xs[gc.col], grid.xs[gc.col + gc.col_span]),
                               grid.ys[gc.row], grid.ys[gc.row + gc.row_span])
        for a, b in zip(lines, lines[1:], strict=False):
            widest = max(widest, b[0].baseline - a[0].baseline)
    return widest


def _starts_row(line: list[Char], xs: tuple[float, ...]) -> bool:
    """Does a line open a row: text in several columns, or only the row's number in the
    first (a numbered row left empty)?"""
    if _columns_used(line, xs) >= 2:
        return True
    return all((c.x0 + c.x1) / 2 < xs[1] for c in line) and is_numbered(join_chars(line))


def _with_tail(grid: Grid, chars: list[Char], limit: float, rest: bool = False) -> Grid:
    """Add the fitting lines right under the last band as one more row. With ``rest``,
    under a lone header: the rest of a row the page broke, down to ``limit`` with nothing
    else (no line apart from the one above it, none starting a row: text in several
    columns, or a row number), else the grid as it is."""
    lines = _lines_between(chars, grid.xs, grid.ys[-1], limit)
    bottom = grid.ys[-1]
    step = _cell_step(grid, chars) + GAP_TOL if lines else 0.0
    for k, line in enumerate(lines):
        top = min(c.top for c in line)
        height = max(c.bottom - c.top for c in line) or 1.0
        spaced = k > 0 and line[0].baseline - lines[k - 1][0].baseline <= step
        if rest and (top - bottom > TAIL_GAP * height and not spaced or not _fits(
                line, grid.xs) or _starts_row(line, grid.xs)):
            return grid  # rows under the header: the white-space pass reads them
        if top - bottom > TAIL_GAP * height and not spaced:
            break
        if not _fits(line, grid.xs):
            break
        if k == 0 and not rest and not _starts_row(line, grid.xs):
            break  # a row begins with text in several of its columns, or with its number
        bottom = max(c.bottom for c in line)
    if bottom == grid.ys[-1]:
        return grid
    row = len(grid.ys) - 1
    cells = (*grid.cells, *(GridCell(row, c, 1, 1) for c in range(len(grid.xs) - 1)))
    return Grid(grid.xs, (*grid.ys, bottom + 1.0), cells, BAND_EVIDENCE)


def _header_only(grid: Grid) -> bool:
    """A lone band of several columns: a header repeated at a page's top, under which the
    first white row may hold text in one column only (the rest of a row the page broke)."""
    return grid.n_rows == 1 and grid.n_cols >= 2


def _loose_tint(fills: list[Fill], grids: list[Grid], xs: tuple[float, ...], top: float
                ) -> bool:
    """Is some tinted box below ``top``, inside the table's width but off its left edge, no
    band grid of the page? Then bands come in pieces the joins cannot read (sub-rows tinted
    beside merged cells, some columns left white), and the rows under a header are left to
    the white-space pass, which reads them as lines. (A box at the left edge is a group cell
    merged down and tinted apart, which the joins do read.)"""
    return any(min(f.rgb) < 0.97 and f.top >= top - 1 and f.bottom - f.top >= BOX_MIN
               and xs[0] + COLUMN_TOL < f.x0 and f.x1 <= xs[-1] + 1
               and not any(g.xs[0] - 1 <= f.x0 and f.x1 <= g.xs[-1] + 1
                           and g.ys[0] - 1 <= f.top and f.bottom <= g.ys[-1] + 1 for g in grids)
               for f in fills)


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
    boxes = _band_boxes(fills, grids, chars)
    ordered = sorted(grids + boxes, key=lambda g: g.ys[0])
    out: list[Grid] = [ordered[0]]
    drawn = [ordered[0].evidence != BOX_EVIDENCE]  # holds a grid found by the lattice
    for grid in ordered[1:]:
        prev = out[-1]
        gap_top, gap_bottom = prev.ys[-1], grid.ys[0]
        if ((xs := _columns(prev, grid)) is not None
                and gap_bottom > gap_top
                and _shaded(prev, fills) and _shaded(grid, fills)
                and (lines := _lines_between(chars, xs, gap_top, gap_bottom))
                and ((under := _header_only(prev) and not _loose_tint(fills, ordered, xs,
                                                                     gap_top))
                     or _one_row(lines, gap_top, gap_bottom))
                and all(_fits(line, xs) for line in lines)
                and ((run_on := _runs_on(chars, prev, lines))
                     or any(_columns_used(line, xs) >= 2 for line in lines)
                     or under)):
            out[-1] = _merge(prev, grid, chars, fills, run_on)
            drawn[-1] = drawn[-1] or grid.evidence != BOX_EVIDENCE
            continue
        out.append(grid)
        drawn.append(grid.evidence != BOX_EVIDENCE)
    # pieces no table took; a header band tinted in one piece unlike the bands of its page
    # stays, its columns read from its words, for the rows under it (extend_header_bands)
    out = [g if d else _header_band(g, boxes, chars, fills)
           for g, d in zip(out, drawn, strict=True)]
    out = [g for g in out if g is not None]
    result = []
    for k, grid in enumerate(out):
        below = out[k + 1].ys[0] if k + 1 < len(out) else page_bottom
        if _header_only(grid) and grid.evidence != BOX_EVIDENCE and _shaded(grid, fills):
            # a header repeated over the rest of a row the page broke, in one column
            result.append(_with_tail(grid, chars, below, rest=True))
            continue
        if grid.n_rows < 2 or not _shaded(grid, fills):
            result.append(grid)  # a ruled table ends at its last rule; a lone box is no band
            continue
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
    rows, _, rest = (grid.evidence or "rows: fill edges; columns: fill edges").partition(
        "; columns: fill edges")
    return Grid(tuple(xs), grid.ys, tuple(cells),
                f"{rows}; columns: fill edges{corridors}{rest}")
