"""Tables drawn with neither rules nor shading: columns of text held apart by white space.

Why: designed PDFs (and Word tables with borders switched off) set plan tables as aligned text
alone, where the lattice and rules passes see nothing. A region counts as a table only when at
least ``MIN_ROWS`` consecutive lines break into ``MIN_COLUMNS`` or more segments at wide gaps;
lines between them that start at one of those column positions are the wrapped rest of a cell.
Three columns at least, so that two-column page layouts and dotted contents lines stay text.

Columns come from the gaps that no line of the region crosses (as in the rules-only pass);
a row starts where the first column has text, or after a wider vertical gap than the lines'
usual spacing.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from councilplans.extract.pdf_grid import Grid, GridCell
from councilplans.extract.pdf_page import Centres, Char
from councilplans.extract.pdf_rules import column_bounds, join_bullets
from councilplans.extract.pdf_text import group_lines, split_columns
from councilplans.vocabulary import is_ref

MIN_COLUMNS = 3
MIN_ROWS = 3
STREAM_GAP = 1.0  # a gap this many line heights wide separates cells on a line
MIN_STRIP = 2.0  # a gutter narrower than this is no gutter
BREAK_GAP = 2.2  # a vertical gap this many line heights wide ends the region


@dataclass
class Line:
    segments: list[list[Char]]
    top: float
    bottom: float
    spanning: bool = False  # a group row's text running across the columns

    @property
    def starts(self) -> list[float]:
        return [seg[0].x0 for seg in self.segments]

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


def _lines(chars: list[Char]) -> list[Line]:
    out = []
    for band in group_lines(chars):
        segs = join_bullets(split_columns(band, STREAM_GAP))
        out.append(Line(segs, min(c.top for c in band), max(c.bottom for c in band)))
    return out


def _gaps(line: Line) -> list[tuple[float, float]]:
    """The white between a line's segments."""
    spans = sorted((seg[0].x0, max(c.x1 for c in seg)) for seg in line.segments)
    return [(a[1], b[0]) for a, b in zip(spans, spans[1:], strict=False) if b[0] - a[1] > 1.0]


def _narrow(strips: list[tuple[float, float]], line: Line) -> list[tuple[float, float]]:
    """The parts of the white strips that this line leaves white as well."""
    spans = [(seg[0].x0, max(c.x1 for c in seg)) for seg in line.segments]
    out = []
    for a, b in strips:
        pieces = [(a, b)]
        for x0, x1 in spans:
            pieces = [p for q in pieces for p in ((q[0], min(q[1], x0)), (max(q[0], x1), q[1]))
                      if p[1] - p[0] > MIN_STRIP]
        if pieces:
            out.append(max(pieces, key=lambda p: p[1] - p[0]))  # one strip stays one strip
    return out


def _regions(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines that keep at least two vertical strips of white in common: the gutters
    between a table's columns. A line of prose runs through them and ends the run; a wrapped
    or bulleted line inside one column leaves them white."""
    out: list[list[Line]] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if len(line.segments) < MIN_COLUMNS:
            k += 1
            continue
        strips = _gaps(line)
        run = [line]
        j = k + 1
        while j < len(lines):
            nxt = lines[j]
            if nxt.top - run[-1].bottom > BREAK_GAP * max(nxt.height, run[-1].height):
                break
            narrowed = _narrow(strips, nxt)
            if len(narrowed) < len(strips):
                # a group row: one run of text across the columns, the table going on below
                after = lines[j + 1] if j + 1 < len(lines) else None
                if (len(nxt.segments) == 1 and after is not None
                        and len(_narrow(strips, after)) == len(strips)
                        and after.top - nxt.bottom <= BREAK_GAP * after.height):
                    nxt.spanning = True
                    run.append(nxt)
                    j += 1
                    continue
                break
            strips = narrowed
            run.append(nxt)
            j += 1
        if sum(len(ln.segments) >= MIN_COLUMNS for ln in run) >= MIN_ROWS:
            out.append(run)
            k = j
        else:
            k += 1
    return out


def _first_text(line: Line, x1: float) -> str:
    return "".join(c.text for seg in line.segments if seg[0].x0 < x1 for c in seg)


def _first_end(line: Line, x1: float) -> float | None:
    ends = [max(c.x1 for c in seg) for seg in line.segments if seg[0].x0 < x1]
    return max(ends) if ends else None


def _looks_numbered(text: str) -> bool:
    """A row number as printed ("1.1", "2.3.4", "P1.2", "(4)"), not a code list ("1 – 1.2")."""
    return is_ref(text)


def _grid(region: list[Line], bands: list[tuple[float, float]]) -> Grid | None:
    x0 = min(seg[0].x0 for ln in region for seg in ln.segments) - 1.0
    x1 = max(max(c.x1 for c in seg) for ln in region for seg in ln.segments) + 1.0
    bands = [b for b in bands if b[1] > region[0].top - 1 and b[0] < region[-1].bottom + 1]
    # the header: the first line, and the lines sharing its shaded band
    head = 1
    first_band = _band_of(region[0], bands)
    while (first_band is not None and head < len(region) - 1
           and _band_of(region[head], bands) == first_band):
        head += 1
    body = [ln.segments for ln in region[head:] if not ln.spanning]
    xs = column_bounds(body, x0, x1, [ln.segments for ln in region[:head]])
    if len(xs) - 1 < MIN_COLUMNS:
        return None
    inner, by_number = row_bounds(region[head:], xs, bands)
    ys = [region[0].top - 1.0, (region[head - 1].bottom + region[head].top) / 2, *inner,
          region[-1].bottom + 1.0]
    if len(ys) - 1 < MIN_ROWS:
        return None
    rows = "row numbers" if by_number else "first cells starting afresh, vertical gaps"
    if bands:
        rows += ", fill bands"
    return _with_groups(tuple(xs), tuple(ys), region, f"rows: {rows}; columns: white corridors")


def _with_groups(xs: tuple[float, ...], ys: tuple[float, ...], lines: list[Line],
                 evidence: str) -> Grid:
    """The grid, its group rows one cell across the table."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    spanning = {bisect_right(ys, (ln.top + ln.bottom) / 2) - 1 for ln in lines if ln.spanning}
    cells = tuple(cell for r in range(n_rows)
                  for cell in ([GridCell(r, 0, 1, n_cols)] if r in spanning
                               else [GridCell(r, c, 1, 1) for c in range(n_cols)]))
    if spanning:
        evidence += "; group rows: text across the columns"
    return Grid(xs, ys, cells, evidence)


def row_bounds(lines: list[Line], xs: list[float] | tuple[float, ...],
               bands: list[tuple[float, float]] = ()) -> tuple[list[float], bool]:
    """Where rows begin among a table's body lines (boundaries between lines), and whether a
    first column of row numbers said so."""
    pitches = [round(b.top - a.top, 1) for a, b in zip(lines, lines[1:], strict=False)]
    usual = min(pitches, key=lambda p: (-pitches.count(p), p)) if pitches else 0.0  # the mode
    firsts = [_first_text(ln, xs[1]) for ln in lines]
    numbered = [t for t in firsts if t]
    # A first column of row numbers ("1.1", "2.3") marks every row: nothing else starts one.
    by_number = bool(numbered) and sum(map(_looks_numbered, numbered)) >= 0.8 * len(numbered)
    ys: list[float] = []
    width = xs[1] - xs[0]
    for k, (prev, line) in enumerate(zip(lines, lines[1:], strict=False)):
        first_col = bool(firsts[k + 1])
        band = _band_of(line, bands) if bands else None
        if line.spanning or prev.spanning:
            new_row = True
        elif bands and band != _band_of(prev, bands):
            new_row = True  # a shaded band begins or ends between the lines
        elif band is not None:
            new_row = False  # lines in one shaded band are one row
        elif by_number:
            new_row = first_col
        else:
            # Without numbers, a row begins where the first column starts afresh: after a line
            # of it that ended short of the column's edge (its paragraph was over), after a
            # line where it was empty, or after more space than the lines of a cell leave.
            prev_end = _first_end(prev, xs[1])
            ended = prev_end is None or prev_end < xs[0] + 0.75 * width
            wider = line.top - prev.top > 1.3 * usual
            new_row = (first_col and (ended or wider)) or (not first_col and wider)
        if new_row:
            ys.append((prev.bottom + line.top) / 2)
    return ys, by_number


BAND_GAP = 5.0  # the body starts within this many line heights under its header band


def _fits(line: Line, xs: tuple[float, ...]) -> bool:
    """No segment of the line runs across a column boundary."""
    return not any(seg[0].x0 < x - 1 and max(c.x1 for c in seg) > x + 1
                   for seg in line.segments for x in xs[1:-1])


def extend_header_bands(grids: list[Grid], chars: list[Char]) -> list[Grid]:
    """A one-row grid (a shaded or ruled header band) over borderless rows: one table.

    The band gives the columns; the lines under it that keep inside them (group rows across
    them aside) are its body, rows starting where the first column starts afresh.
    """
    bands = [g for g in grids if g.n_rows == 1 and g.n_cols >= MIN_COLUMNS]
    if not bands:
        return grids
    # a one-row grid under a band is a shaded body row of its table, read as lines like the rest
    others = [g for g in grids if g not in bands]
    lines = _lines([c for c in chars if not _inside(c, others)])
    out = []
    taken: list[tuple[float, float]] = []  # the spans of bands extended so far
    for grid in sorted(grids, key=lambda g: g.ys[0]):
        if grid not in bands:
            out.append(grid)
            continue
        if any(top <= grid.ys[0] <= bottom for top, bottom in taken):
            continue  # a body row of a band above
        body: list[Line] = []
        last = grid.ys[-1]
        below = [ln for ln in lines if ln.top >= grid.ys[-1] - 1
                 and grid.xs[0] - 2 <= min(seg[0].x0 for seg in ln.segments)
                 and max(c.x1 for seg in ln.segments for c in seg) <= grid.xs[-1] + 2]
        for k, line in enumerate(below):
            gap = (BAND_GAP if not body else BREAK_GAP) * line.height
            if line.top - last > gap:
                break
            if not _fits(line, grid.xs):
                after = below[k + 1] if k + 1 < len(below) else None
                if not (len(line.segments) == 1 and after is not None
                        and _fits(after, grid.xs)):
                    break
                line.spanning = True
            body.append(line)
            last = line.bottom
        if sum(len(ln.segments) >= MIN_COLUMNS for ln in body) < 2:  # not two text columns
            out.append(grid)
            continue
        # a shaded one-row grid read among the lines is one row (its fill's edges)
        strips = [(b.ys[0], b.ys[-1]) for b in bands if b is not grid]
        inner, by_number = row_bounds(body, grid.xs, strips)
        ys = (*grid.ys, *inner, body[-1].bottom + 1.0)
        taken.append((grid.ys[0], ys[-1]))
        rows = "row numbers" if by_number else "first cells starting afresh, vertical gaps"
        out.append(_with_groups(grid.xs, ys, body,
                                f"rows: {rows}; columns: header band"))
    return out


def _inside(c: Char, grids: list[Grid]) -> bool:
    cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
    return any(g.xs[0] - 2 <= cx <= g.xs[-1] + 2 and g.ys[0] - 2 <= cy <= g.ys[-1] + 2
               for g in grids)


def find_stream_tables(chars: list[Char], grids: list[Grid],
                       bands: list[tuple[float, float]] = (),
                       centres: Centres | None = None) -> list[Grid]:
    """Grids for white-space tables among the characters no other table holds; ``bands`` are
    the tops and bottoms of shaded strips across the page (lines in one strip are one row);
    ``centres``: those of ``chars``, if the caller has them."""
    bands = list(bands)
    free = (centres or Centres(chars)).outside(grids, 2)
    if not free:
        return []
    out = []
    for region in _regions(_lines(free)):
        grid = _grid(region, bands)
        if grid is not None:
            out.append(grid)
    return out


def _band_of(line: Line, bands: list[tuple[float, float]]) -> int | None:
    """Index of the shaded band holding the whole line, if any."""
    for k, (top, bottom) in enumerate(bands):
        if top - 1 <= line.top and line.bottom <= bottom + 1:
            return k
    return None
