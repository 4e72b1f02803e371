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
from collections.abc import Callable
from dataclasses import dataclass

from councilplans.extract.pdf_figures import figures_restart
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
GUTTER_GAP = 0.5  # inside a gutter the lines above kept white, a gap this wide parts cells


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


HEADING_SIZE = 1.4  # a line this many times the rows' usual height is a heading, not a row


def _size(line: Line) -> float:
    """The type size of a line: the middle height of its letters and figures (a bullet or
    symbol glyph's box can be taller)."""
    heights = sorted(c.bottom - c.top for seg in line.segments for c in seg if c.text.isalnum())
    return heights[len(heights) // 2] if heights else line.height


def _split_in(line: Line, strips: list[tuple[float, float]]) -> Line:
    """The line with any segment parted where it has a word gap inside a gutter.

    Two cells can come closer than the gap that parts them elsewhere (a long date beside a
    lead's name), but where the lines above all left a strip white, a gap wider than a word
    space that falls in it still parts two columns.
    """
    segments: list[list[Char]] = []
    changed = False
    for seg in line.segments:
        height = max(c.bottom - c.top for c in seg) or 1.0
        start = 0
        for k in range(1, len(seg)):
            lo, hi = seg[k - 1].x1, seg[k].x0
            if hi - lo >= GUTTER_GAP * height and any(
                    min(hi, b) - max(lo, a) > MIN_STRIP for a, b in strips):
                segments.append(seg[start:k])
                start = k
                changed = True
        segments.append(seg[start:])
    if changed:
        line.segments = segments
    return line


def _regions(lines: list[Line], bands: list[tuple[float, float]] = (),
             style: Style | None = None) -> list[list[Line]]:
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
        tall = line.height  # the run's full line height (a line of capitals is shorter)
        j = k + 1
        while j < len(lines):
            nxt = lines[j]
            if nxt.top - run[-1].bottom > BREAK_GAP * max(nxt.height, tall):
                break
            if len(nxt.segments) == 1 and _size(nxt) > HEADING_SIZE * _size(run[-1]):
                break  # a heading in larger type: what follows is another table
            narrowed = _narrow(strips, nxt)
            if len(narrowed) < len(strips) and len(run) >= MIN_ROWS:
                # (the gutters held down a few lines first)
                narrowed = _narrow(strips, _split_in(nxt, strips))
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
            tall = max(tall, nxt.height)
            j += 1
        if (sum(len(ln.segments) >= MIN_COLUMNS for ln in run) >= _min_rows(run, bands, style)
                or _under_header(run, bands, style)):
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


def _would_fit(prev_end: float, line: Line, x1: float, right: float) -> bool:
    """Would the first word of the line's first cell have fitted on the line before, which
    ended at prev_end? Then that line was not wrapped: its paragraph was over."""
    seg = next((seg for seg in line.segments if seg[0].x0 < x1), None)
    if seg is None:
        return True
    end = seg[0].x1
    for prev, ch in zip(seg, seg[1:], strict=False):
        if ch.space_before or ch.x0 - prev.x1 > 0.12 * (ch.bottom - ch.top):
            break
        end = ch.x1
    space = 0.25 * _size(line)
    return prev_end + space + (end - seg[0].x0) <= right + 0.5


def _looks_numbered(text: str) -> bool:
    """A row number as printed ("1.1", "2.3.4", "P1.2", "(4)"), not a code list ("1 – 1.2")."""
    return is_ref(text)


Style = Callable[[int], tuple[float, bool]]  # a char's (size, bold), by its pdfium index

HEADER_PITCH = 1.7  # a header's wrapped lines lie no further apart than this many line heights


def _bold(line: Line, style: Style) -> bool:
    """Is every cell of the line set in bold (its first and last characters)?"""
    return all(style(seg[0].index)[1] and style(seg[-1].index)[1] for seg in line.segments)


def _header_lines(region: list[Line], bands: list[tuple[float, float]],
                  style: Style | None) -> int:
    """How many lines at the region's top are its header: the first line, and the lines
    sharing its shaded band; or, under a bold first line, the bold lines wrapped close under
    it (a header cell of three lines above body rows whose first line is one)."""
    head = 1
    first_band = _band_of(region[0], bands)
    if first_band is not None:
        while head < len(region) - 1 and _band_of(region[head], bands) == first_band:
            head += 1
        return head
    if style is None or not _bold(region[0], style):
        return 1
    while head < len(region) - 1:
        line, prev = region[head], region[head - 1]
        if (line.spanning or line.top - prev.top > HEADER_PITCH * max(line.height, prev.height)
                or not _bold(line, style)):
            break
        head += 1
    return head


def _grid(region: list[Line], bands: list[tuple[float, float]],
          style: Style | None = None) -> Grid | None:
    x0 = min(seg[0].x0 for ln in region for seg in ln.segments) - 1.0
    x1 = max(max(c.x1 for c in seg) for ln in region for seg in ln.segments) + 1.0
    bands = [b for b in bands if b[1] > region[0].top - 1 and b[0] < region[-1].bottom + 1]
    head = _header_lines(region, bands, style)
    body = [ln.segments for ln in region[head:] if not ln.spanning]
    header = [ln.segments for ln in region[:head]]
    xs = _header_tail(column_bounds(body, x0, x1, header), body, header)
    if len(xs) - 1 < MIN_COLUMNS:
        return None
    inner, by_number, joins = row_bounds(region[head:], xs, bands, sub_rows=True)
    ys = [region[0].top - 1.0, (region[head - 1].bottom + region[head].top) / 2, *inner,
          region[-1].bottom + 1.0]
    if len(ys) - 1 < _min_rows(region, bands, style):
        return None
    rows = "row numbers" if by_number else "first cells starting afresh, vertical gaps"
    if bands:
        rows += ", fill bands"
    merged = {k + 2: cols for k, cols in enumerate(joins) if cols}
    return _with_groups(tuple(xs), tuple(ys), region, f"rows: {rows}; columns: white corridors",
                        merged)


def _min_rows(region: list[Line], bands: list[tuple[float, float]],
              style: Style | None = None) -> int:
    """Rows a region needs to be a table: a marked header over it makes one row enough."""
    return MIN_ROWS - 1 if _marked_header(region, bands, style) else MIN_ROWS


def _marked_header(run: list[Line], bands: list[tuple[float, float]],
                   style: Style | None) -> bool:
    """Is the run's first line set apart as a header: in a shaded band, or in bold over a
    body that is not?"""
    if bands and _band_of(run[0], bands) is not None:
        return True
    if style is None or len(run) < 2 or not _bold(run[0], style):
        return False
    head = _header_lines(run, [], style)
    return head < len(run) and not _bold(run[head], style)


def _under_header(run: list[Line], bands: list[tuple[float, float]],
                  style: Style | None = None) -> bool:
    """A marked header (shaded or bold) naming three columns or more, over lines that keep to
    its gutters with text in two columns or more: a table whose rows fill only some of its
    columns (a KPI table before its figures are in)."""
    if len(run[0].segments) < MIN_COLUMNS or not _marked_header(run, bands, style):
        return False
    band = _band_of(run[0], bands) if bands else None
    if band is not None:
        body = [ln for ln in run if _band_of(ln, bands) != band]
        return len(body) >= 1 and all(len(ln.segments) >= 2 or ln.spanning for ln in body[:1])
    body = run[_header_lines(run, [], style):]
    if not body:
        return False
    if len(body[0].segments) >= 2:
        return True
    # A bold header repeated over one column of text and nothing else: the rest of a tall
    # cell that a page break cut, the page below the header given to it
    return len(body) >= MIN_ROWS and all(len(ln.segments) == 1 for ln in body)


def _header_tail(xs: list[float], body: list[list[list[Char]]],
                 header: list[list[list[Char]]]) -> list[float]:
    """Columns the header names right of all the body's text (update columns left blank for
    the next quarter): each header cell standing there is a column of its own."""
    ends = [max(c.x1 for c in seg) for segs in body for seg in segs]
    if not ends:
        return xs
    end = max(ends)
    tail = sorted((seg[0].x0, max(c.x1 for c in seg)) for segs in header for seg in segs
                  if seg[0].x0 > end + MIN_STRIP)
    if not tail:
        return xs
    inner = [x for x in xs[1:-1] if x < end]
    cuts = [(end + tail[0][0]) / 2]
    cuts += [(a[1] + b[0]) / 2 for a, b in zip(tail, tail[1:], strict=False) if b[0] > a[1]]
    return [xs[0], *inner, *cuts, xs[-1]]


def _with_groups(xs: tuple[float, ...], ys: tuple[float, ...], lines: list[Line],
                 evidence: str, merged: dict[int, set[int]] | None = None) -> Grid:
    """The grid, its group rows one cell across the table; ``merged`` maps a row boundary
    (index into ys) to the columns whose cell runs on across it."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    merged = merged or {}
    spanning = {bisect_right(ys, (ln.top + ln.bottom) / 2) - 1 for ln in lines if ln.spanning}
    cells: list[GridCell] = []
    covered: set[tuple[int, int]] = set()
    for r in range(n_rows):
        if r in spanning:
            cells.append(GridCell(r, 0, 1, n_cols))
            continue
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            span = 1
            while r + span < n_rows and c in merged.get(r + span, ()):
                covered.add((r + span, c))
                span += 1
            cells.append(GridCell(r, c, span, 1))
    if spanning:
        evidence += "; group rows: text across the columns"
    if merged:
        evidence += "; sub-rows beside cells merged down"
    return Grid(xs, ys, tuple(sorted(cells, key=lambda g: (g.row, g.col))), evidence)


def row_bounds(lines: list[Line], xs: list[float] | tuple[float, ...],
               bands: list[tuple[float, float]] = (), sub_rows: bool = False,
               ) -> tuple[list[float], bool, list[set[int]]]:
    """Where rows begin among a table's body lines (boundaries between lines), whether a
    first column of row numbers said so, and for each boundary the columns whose cell runs on
    across it.

    ``sub_rows`` reads the lines more closely (the white-space passes, where no rule helps):
    rows that start afresh in two columns or more while a cell beside them carries on (like a
    Word cell merged down beside a lead's own rows), and a first cell that wraps only where
    its next word would not have fitted."""
    pitches = [round(b.top - a.top, 1) for a, b in zip(lines, lines[1:], strict=False)]
    usual = min(pitches, key=lambda p: (-pitches.count(p), p)) if pitches else 0.0  # the mode
    # the pitch of a cell's wrapped lines (rows of one line each make ``usual`` a row's)
    heights = sorted(ln.height for ln in lines)
    height = heights[len(heights) // 2] if heights else 0.0
    wrapped = [p for p in pitches if p <= 1.6 * height]
    leading = 1.3 * (min(wrapped, key=lambda p: (-wrapped.count(p), p)) if wrapped
                     else 1.2 * height)
    firsts = [_first_text(ln, xs[1]) for ln in lines]
    numbered = [t for t, ln in zip(firsts, lines, strict=True) if t and not ln.spanning]
    # A first column of row numbers ("1.1", "2.3") marks every row: nothing else starts one.
    by_number = bool(numbered) and sum(map(_looks_numbered, numbered)) >= 0.8 * len(numbered)
    ys: list[float] = []
    joins: list[set[int]] = []
    # the first column's text reaches this far where it wraps
    right = max((e for ln in lines if not ln.spanning
                 if (e := _first_end(ln, xs[1])) is not None), default=xs[1])
    last_top: dict[int, float] = {}  # each column's last line of text so far
    for ln in lines[:1]:
        last_top.update((c, ln.top) for c in _columns_of(ln, xs))
    for k, (prev, line) in enumerate(zip(lines, lines[1:], strict=False)):
        first_col = bool(firsts[k + 1])
        cols = _columns_of(line, xs)
        # columns whose text starts a new paragraph here, after more space than the lines of a
        # cell leave: in two or more, a new row, or a sub-row beside a cell running on
        fresh = {c for c in cols if line.top - last_top.get(c, -1e9) > leading}
        last_top.update((c, line.top) for c in cols)
        band = _band_of(line, bands) if bands else None
        if line.spanning or prev.spanning:
            new_row = True
        elif bands and band != _band_of(prev, bands):
            new_row = True  # a shaded band begins or ends between the lines
        elif band is not None:
            new_row = False  # lines in one shaded band are one row
        elif by_number:
            # a row number starts a row; so does a line after more space than the lines of a
            # cell leave, starting afresh in several columns at once (a row printed without one)
            new_row = first_col or (sub_rows and len(fresh) >= 2)
        else:
            # Without numbers, a row begins where the first column starts afresh: after a line
            # of it that ended short of the column's edge (its paragraph was over), after a
            # line where it was empty, or after more space than the lines of a cell leave.
            prev_end = _first_end(prev, xs[1])
            # (short, and, where sub_rows reads cells closely, the next line's first word
            # would have fitted after it)
            ended = prev_end is None or (
                prev_end < xs[0] + 0.75 * (xs[1] - xs[0])
                and (not sub_rows or _would_fit(prev_end, line, xs[1], right)))
            wider = line.top - prev.top > 1.3 * usual
            if sub_rows and not first_col:
                # with the first column empty, a new paragraph in one other column is the
                # cell's next paragraph; one starting at the same height in two columns or
                # more is a row (or a sub-row beside cells running on)
                new_row = len(fresh) >= 2
            else:
                new_row = ((first_col and (ended or wider)) or (not first_col and wider)
                           or (sub_rows and len(fresh) >= 2 and fresh == cols)
                           or (first_col and figures_restart(prev.segments, line.segments, xs)))
        if new_row:
            ys.append((prev.bottom + line.top) / 2)
            joins.append(set() if first_col or line.spanning or prev.spanning
                         else _running_on(lines, k, xs, leading))
    return ys, by_number, joins


def _running_on(lines: list[Line], k: int, xs: list[float] | tuple[float, ...],
                leading: float) -> set[int]:
    """Columns whose paragraph runs on across the boundary after line k: their last line
    above it and first line below it are no further apart than lines of one cell."""
    n_cols = len(xs) - 1
    above: dict[int, float] = {}
    for ln in reversed(lines[max(0, k - 3):k + 1]):
        for c in _columns_of(ln, xs):
            above.setdefault(c, ln.top)
    below: dict[int, float] = {}
    for ln in lines[k + 1:k + 5]:
        for c in _columns_of(ln, xs):
            below.setdefault(c, ln.top)
    return {c for c in range(n_cols)
            if c in above and c in below and below[c] - above[c] <= leading}


def _columns_of(line: Line, xs: list[float] | tuple[float, ...]) -> set[int]:
    """The columns the line has text in."""
    return {bisect_right(xs, seg[0].x0 + 0.5) - 1 for seg in line.segments}


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
        starts: set[float] = set()
        last = grid.ys[-1]
        below = [ln for ln in lines if ln.top >= grid.ys[-1] - 1
                 and grid.xs[0] - 2 <= min(seg[0].x0 for seg in ln.segments)
                 and max(c.x1 for seg in ln.segments for c in seg) <= grid.xs[-1] + 2]
        for k, line in enumerate(below):
            # a row under the band may sit further down than the lines of a cell, if it
            # starts afresh in the band's columns: in two or more, or (a sub-row beside a
            # cell merged down) in later ones, each where the text above it starts
            cols = _columns_of(line, grid.xs)
            row_start = _fits(line, grid.xs) and (len(cols) >= 2 or (
                0 not in cols and all(any(abs(seg[0].x0 - x) <= 1.0 for x in starts)
                                      for seg in line.segments)))
            gap = (BAND_GAP if not body or row_start else BREAK_GAP) * line.height
            if line.top - last > gap:
                break
            if body and len(line.segments) == 1 and _size(line) > HEADING_SIZE * _size(body[-1]):
                break  # a heading in larger type
            if not _fits(line, grid.xs):
                after = below[k + 1] if k + 1 < len(below) else None
                if not (len(line.segments) == 1 and after is not None
                        and _fits(after, grid.xs)):
                    break
                line.spanning = True
            body.append(line)
            starts.update(seg[0].x0 for seg in line.segments)
            last = line.bottom
        if sum(len(ln.segments) >= 2 for ln in body) < 2:  # not two rows in text columns
            out.append(grid)
            continue
        # a shaded one-row grid read among the lines is one row (its fill's edges)
        strips = [(b.ys[0], b.ys[-1]) for b in bands if b is not grid]
        inner, by_number, joins = row_bounds(body, grid.xs, strips, sub_rows=True)
        if not by_number and _cuts_paragraphs(body, grid.xs, inner):
            out.append(grid)  # columns of running prose under headings, not rows of a table
            continue
        ys = (*grid.ys, *inner, body[-1].bottom + 1.0)
        taken.append((grid.ys[0], ys[-1]))
        rows = "row numbers" if by_number else "first cells starting afresh, vertical gaps"
        merged = {len(grid.ys) + k: cols for k, cols in enumerate(joins) if cols}
        out.append(_with_groups(grid.xs, ys, body,
                                f"rows: {rows}; columns: header band", merged))
    return out


PARAGRAPH_LEAD = 0.6  # lines of one paragraph are less than this many line heights apart


def _cuts_paragraphs(body: list[Line], xs: tuple[float, ...], inner: list[float]) -> bool:
    """Do most row boundaries fall inside a paragraph of some column (through a line, or with
    its lines running on across the boundary at their usual spacing)? Cells of a table end at
    their row's bottom, with the row's padding under them; side-by-side columns of prose do
    not, wherever one of them pauses.
    """
    if len(inner) < 2:
        return False
    spans: dict[int, list[tuple[float, float]]] = {}
    for line in body:
        if line.spanning:
            continue
        for seg in line.segments:
            col = bisect_right(xs, seg[0].x0 + 0.5) - 1
            spans.setdefault(col, []).append((min(c.top for c in seg), max(c.bottom for c in seg)))
    cut = 0
    for y in inner:
        for col_spans in spans.values():
            if any(top < y - 0.5 and bottom > y + 0.5 for top, bottom in col_spans):
                cut += 1  # the boundary runs through a line of text
                break
            above = [s for s in col_spans if s[1] <= y + 0.5]
            below = [s for s in col_spans if s[0] >= y - 0.5]
            if above and below:
                a = max(above, key=lambda s: s[1])
                b = min(below, key=lambda s: s[0])
                if b[0] - a[1] < PARAGRAPH_LEAD * max(a[1] - a[0], 1.0):
                    cut += 1
                    break
    return cut * 2 > len(inner)


def _inside(c: Char, grids: list[Grid]) -> bool:
    cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
    return any(g.xs[0] - 2 <= cx <= g.xs[-1] + 2 and g.ys[0] - 2 <= cy <= g.ys[-1] + 2
               for g in grids)


def find_stream_tables(chars: list[Char], grids: list[Grid],
                       bands: list[tuple[float, float]] = (),
                       centres: Centres | None = None, style: Style | None = None,
                       ) -> list[Grid]:
    """Grids for white-space tables among the characters no other table holds; ``bands`` are
    the tops and bottoms of shaded strips across the page (lines in one strip are one row);
    ``centres``: those of ``chars``, if the caller has them; ``style`` tells bold header
    lines from the body."""
    bands = list(bands)
    free = (centres or Centres(chars)).outside(grids, 2)
    if not free:
        return []
    out = []
    for region in _regions(_lines(free), bands, style):
        grid = _grid(region, bands, style)
        if grid is not None:
            out.append(grid)
    return out


def _band_of(line: Line, bands: list[tuple[float, float]]) -> int | None:
    """Index of the shaded band holding the whole line, if any."""
    for k, (top, bottom) in enumerate(bands):
        if top - 1 <= line.top and line.bottom <= bottom + 1:
            return k
    return None
