"""Tables ruled by horizontal lines only (top rule, header rule, bottom rule; no verticals).

Why a separate pass: statistical and "booktabs" style tables draw no vertical rules, so the
lattice finder sees no grid. Here rules of the same width stacked on a page bound candidate
regions; a region is a table only when most of its text lines break into two or more column
segments, which keeps page-header / footer rules around running text from turning a page into
a one-column "table". Columns come from the gaps shared by the body lines, rows from the
rules when there are enough of them, otherwise one row per text line.

A rule that crosses most of the table but stops short of some columns (a Word table whose
group or objective cell spans several rows draws each row's rule around it) is a row boundary
all the same; the columns it leaves open hold one vertically merged cell (row_span > 1), as a
ruled lattice would show it.
"""

from __future__ import annotations

from bisect import bisect_right

from councilplans.extract.pdf_grid import SNAP, Edge, Grid, GridCell, merge_edges
from councilplans.extract.pdf_page import Centres, Char
from councilplans.extract.pdf_text import group_lines, split_columns
from councilplans.vocabulary import BULLET_GLYPHS

EXTENT_TOL = 8.0  # rules whose ends agree this closely belong to one table
MIN_WIDTH = 120.0
TABULAR_SHARE = 0.6  # share of lines that must split into 2+ column segments
CELL_GAP = 0.8  # a gap this many line heights wide separates cells on a line
TAIL_GAP = 1.2  # lines under a table's last rule belong to it while this close
INNER_SHARE = 0.15  # a carried-over cell starts at least this far into the table
GROUP_PAD = 1.5  # a group row's rules sit within this many line heights of its text
PARTIAL_SHARE = 0.5  # rule pieces covering this share of a table's width bound a row
OPEN_SHARE = 0.5  # a column whose stretch of a row's rule is covered less than this is open

Gaps = dict[float, list[tuple[float, float]]]  # a partial rule's y -> the stretches it leaves open


def _inside(x: float, y: float, grids: list[Grid]) -> bool:
    return any(g.xs[0] - 2 <= x <= g.xs[-1] + 2 and g.ys[0] - 2 <= y <= g.ys[-1] + 2
               for g in grids)


def _overlaps(grids: list[Grid], x0: float, top: float, x1: float, bottom: float) -> bool:
    """Does a lattice table sit in this region? Then the rules belong to that drawing."""
    return any(g.xs[0] < x1 and g.xs[-1] > x0 and g.ys[0] < bottom and g.ys[-1] > top
               for g in grids)


def _rule_groups(h_edges: list[Edge], grids: list[Grid]) -> list[tuple[list[Edge], Gaps]]:
    """Same-extent rules, top to bottom, outside lattice tables; double rules count once.

    Each group comes with its partial rules: the pieces at one height between its first and
    last rule that together cross most of its width, taken as rules of the full width whose
    open stretches (the columns of a vertically merged cell) are kept beside them.
    """
    pieces = [e for e in merge_edges(h_edges) if e[2] - e[1] >= 2
              and not _inside((e[1] + e[2]) / 2, e[0], grids)]
    rules = [e for e in pieces if e[2] - e[1] >= MIN_WIDTH]
    groups: list[list[Edge]] = []
    for rule in sorted(rules):
        for g in groups:
            if abs(g[0][1] - rule[1]) <= EXTENT_TOL and abs(g[0][2] - rule[2]) <= EXTENT_TOL:
                if rule[0] - g[-1][0] > 5:
                    g.append(rule)
                break
        else:
            groups.append([rule])
    groups = [g for g in groups if len(g) >= 2]
    out: list[tuple[list[Edge], Gaps]] = []
    absorbed: set[Edge] = set()
    for g in sorted(groups, key=lambda g: g[0][1] - g[0][2]):  # widest first
        if all(e in absorbed for e in g):
            continue  # the pieces of another table's partial rules
        x0, x1 = g[0][1], g[0][2]
        inner = [e for e in pieces if g[0][0] + 5 < e[0] < g[-1][0] - 5
                 and x0 - EXTENT_TOL <= e[1] and e[2] <= x1 + EXTENT_TOL
                 and all(abs(e[0] - r[0]) > 5 for r in g)]
        gaps: Gaps = {}
        extra: list[Edge] = []
        for line in _same_height(inner):
            covered = sum(min(e[2], x1) - max(e[1], x0) for e in line)
            if covered < PARTIAL_SHARE * (x1 - x0):
                continue
            y = sum(e[0] for e in line) / len(line)
            edges = sorted(line, key=lambda e: e[1])
            stretch = [(a, b) for a, b in zip([x0] + [e[2] for e in edges],
                                              [e[1] for e in edges] + [x1], strict=True)
                       if b - a > EXTENT_TOL]
            extra.append((y, x0, x1))
            gaps[y] = stretch
            absorbed.update(line)
        out.append((sorted(g + extra), gaps))
    return sorted(out, key=lambda t: t[0][0])


def _same_height(pieces: list[Edge]) -> list[list[Edge]]:
    """Rule pieces grouped by height (within merge_edges' snap)."""
    out: list[list[Edge]] = []
    for e in sorted(pieces):
        if out and e[0] - out[-1][0][0] <= SNAP:
            out[-1].append(e)
        else:
            out.append([e])
    return out


def _bands(chars: list[Char], x0: float, x1: float, top: float, bottom: float):
    inside = [c for c in chars if x0 <= (c.x0 + c.x1) / 2 <= x1
              and top < (c.top + c.bottom) / 2 < bottom]
    return [join_bullets(split_columns(b, CELL_GAP)) for b in group_lines(inside)]


def join_bullets(segs: list[list[Char]]) -> list[list[Char]]:
    """A bullet glyph hangs a tab's width before its item: one segment with it, not a column."""
    out: list[list[Char]] = []
    for seg in segs:
        if out and len(out[-1]) == 1 and out[-1][0].text in BULLET_GLYPHS:
            out[-1] = out[-1] + seg
        else:
            out.append(seg)
    return out


def is_tabular(chars: list[Char], x0: float, x1: float, top: float, bottom: float,
               first_line: bool = False) -> bool:
    """Whether most text lines in a region (or its first line) break into column segments."""
    bands = _bands(chars, x0, x1, top, bottom)
    return _tabular(bands[:1] if first_line else bands)


def _tabular(bands: list[list[list[Char]]]) -> bool:
    if not bands:
        return False
    split = sum(1 for b in bands if len(b) >= 2)
    return split >= TABULAR_SHARE * len(bands)


def word_spans(bands: list[list[list[Char]]]) -> list[tuple[float, float]]:
    """x-ranges of the words (runs without a space) of some lines."""
    out: list[tuple[float, float]] = []
    for band in bands:
        for seg in band:
            start = seg[0]
            for prev, ch in zip(seg, seg[1:], strict=False):
                if ch.space_before or ch.x0 - prev.x1 > 0.12 * (ch.bottom - ch.top):
                    out.append((start.x0, prev.x1))
                    start = ch
            out.append((start.x0, seg[-1].x1))
    return out


def column_bounds(
    bands: list[list[list[Char]]], x0: float, x1: float, header: list[list[list[Char]]],
    drawn: list[float] | tuple[float, ...] = (),
) -> list[float]:
    """Column boundaries: x0, a point in each gap no body segment crosses, x1.

    Within a gap the boundary avoids header words where it can, since header text is often
    wider than its column and centred over it. ``drawn`` are column edges the drawing shows
    (where partial rules stop): a gap holding them is bounded there, even a gap that spans a
    column left empty on this page.
    """
    spans = sorted((min(c.x0 for c in seg), max(c.x1 for c in seg))
                   for band in bands for seg in band)
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 1.0:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    words = word_spans(header)
    heads = sorted((min(c.x0 for c in seg), max(c.x1 for c in seg))
                   for band in header for seg in band)
    xs = [x0]
    # header cells left or right of all the body's text name columns left empty on this page
    if merged:
        start = x0
        for a, b in _spans([(a, b) for a, b in heads if b < merged[0][0] - 1.0]):
            if start > x0:
                xs.append((start + a) / 2)
            start = b
        if start > x0:
            xs.append((start + merged[0][0]) / 2)
    for p, q in zip(merged, merged[1:], strict=False):
        lo, hi = p[1], q[0]
        edges = [x for x in drawn if lo - 2 <= x <= hi + 2]
        if edges:
            xs += edges
            continue
        # a header cell standing alone in the gutter names a column the body leaves empty
        alone = [(a, b) for a, b in heads if lo + 1 < a and b < hi - 1]
        if alone:
            # (between it and the header words beside it, which may reach into the gutter)
            left = max([lo, *(b for a, b in heads if b < alone[0][0] - 1)])
            right = min([hi, *(a for a, b in heads if a > alone[-1][1] + 1)])
            xs += [(left + alone[0][0]) / 2, (alone[-1][1] + right) / 2]
            continue
        mid = (lo + hi) / 2
        candidates = [lo + (hi - lo) * k / 8 for k in range(1, 8)]
        free = [x for x in candidates if not any(a < x < b for a, b in words)]
        xs.append(min(free, key=lambda x: abs(x - mid)) if free else mid)
    if merged:
        end = merged[-1][1]
        for a, b in _spans([(a, b) for a, b in heads if a > end + 1.0]):
            xs.append((end + a) / 2)
            end = b
    return xs + [x1]


def _spans(pairs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping x-ranges joined, left to right."""
    out: list[tuple[float, float]] = []
    for a, b in sorted(pairs):
        if out and a <= out[-1][1] + 1.0:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def find_ruled_tables(h_edges: list[Edge], chars: list[Char], grids: list[Grid],
                      centres: Centres | None = None) -> list[Grid]:
    """Grids for horizontal-rules-only tables on a page (lattice ``grids`` already found);
    ``centres``: those of ``chars``, if the caller has them."""
    out: list[Grid] = []
    free = (centres or Centres(chars)).outside(grids, 2)
    for rules, gaps in _rule_groups(h_edges, grids):
        x0, x1 = rules[0][1], rules[0][2]
        intervals = [
            (a[0], b[0], [] if _overlaps(grids, x0, a[0], x1, b[0])
             else _bands(free, x0, x1, a[0], b[0]))
            for a, b in zip(rules, rules[1:], strict=False)
        ]
        run: list[tuple[float, float, list]] = []
        ends = intervals + [(0.0, 0.0, [])]
        for k, iv in enumerate(ends):
            if (_tabular_row(iv[2]) or _inner_row(iv[2], x0, x1, bool(run))
                    or (run and _group_row(iv) and _tabular_row(ends[k + 1][2]))
                    or (run and k == len(intervals) - 1 and _row_start(iv[2], x0, x1))):
                run.append(iv)
                continue
            if run and k == len(intervals):  # a row under the last rule: the page broke it
                tail = _tail(free, x0, x1, rules[-1][0])
                if _tabular_row(tail):
                    bottom = max(c.bottom for b in tail for seg in b for c in seg) + 1.0
                    run.append((rules[-1][0], bottom, tail))
            grid = _grid_for(run, x0, x1, gaps)
            if grid is not None:
                out.append(grid)
            run = []
    return out


def _tail(chars: list[Char], x0: float, x1: float, top: float) -> list[list[list[Char]]]:
    """The lines straight under a rule, down to the first gap wider than a row's leading."""
    below = _bands(chars, x0, x1, top, float("inf"))
    out: list[list[list[Char]]] = []
    last = top
    for band in below:
        line_top = min(c.top for seg in band for c in seg)
        height = max(c.bottom - c.top for seg in band for c in seg)
        if line_top - last > TAIL_GAP * height:
            break
        out.append(band)
        last = max(c.bottom for seg in band for c in seg)
    return out


def _inner_row(bands: list[list[list[Char]]], x0: float, x1: float, below_row: bool) -> bool:
    """A ruled band whose text all keeps away from the first column (cells carried over
    from the page before): a row of the table with its first cell empty. Its lines may hold
    several columns (a group row's next part beside the carried cell) only under a row of
    the table: above every row, such a band is a header spanning columns (ICDAR us-002)."""
    return bool(bands) and all(b[0][0].x0 > x0 + INNER_SHARE * (x1 - x0)
                               and (below_row or len(b) == 1) for b in bands)


def _row_start(bands: list[list[list[Char]]], x0: float, x1: float) -> bool:
    """The last ruled band holding only a short label at the table's left edge ("2.26"): the
    first cell of a row the page broke, its other cells printed overleaf."""
    if len(bands) != 1 or len(bands[0]) != 1:
        return False
    seg = bands[0][0]
    return seg[0].x0 < x0 + INNER_SHARE * (x1 - x0) and seg[-1].x1 - seg[0].x0 < 0.1 * (x1 - x0)


def _tabular_row(bands: list[list[list[Char]]]) -> bool:
    """A ruled band that is a table row: its first line, or most lines, in columns (the other
    lines of a row are often one wrapped cell)."""
    return bool(bands) and (len(bands[0]) >= 2 or _tabular(bands))


def _group_row(interval: tuple[float, float, list]) -> bool:
    """A ruled band holding one short run of text across the table: a group / priority row.

    Snug between its rules; a caption or footnote between two tables sits in open space.
    """
    top, bottom, bands = interval
    if not 0 < len(bands) <= 2 or any(len(b) != 1 for b in bands):
        return False
    height = max(c.bottom - c.top for b in bands for seg in b for c in seg)
    return bottom - top <= (len(bands) + GROUP_PAD) * height


def _grid_for(run: list[tuple[float, float, list]], x0: float, x1: float,
              gaps: Gaps | None = None) -> Grid | None:
    if not run or sum(len(iv[2]) for iv in run) < 3:
        return None
    groups = {k for k, iv in enumerate(run) if k and _group_row(iv) and not _tabular(iv[2])}
    body = [iv for k, iv in enumerate(run) if k and k not in groups] if len(run) > 1 else run
    header = run[0][2] if len(run) > 1 else []
    # a rule under every row: rows are the intervals; otherwise the header interval is one row
    # and the body's rows start where its first column starts afresh
    per_row = len(run) >= 3
    lines = [b for iv in body for b in iv[2]]
    if not per_row and sum(len(b) >= 2 for b in lines) >= 2:
        lines = [b for b in lines if len(b) >= 2]  # group rows and wrapped lines cross gutters
    drawn = sorted({round(x, 1) for stretch in (gaps or {}).values() for a, b in stretch
                    for x in (a, b) if x0 + EXTENT_TOL < x < x1 - EXTENT_TOL})
    drawn = [x for k, x in enumerate(drawn) if k == 0 or x - drawn[k - 1] > SNAP]
    xs = column_bounds(lines, x0, x1, header, drawn)
    if len(xs) < 3:
        return None
    group_lines: list[float] = []
    ys = [run[0][0]]
    spanning: set[int] = set()
    for k, (_top, bottom, bands) in enumerate(run):
        if per_row or (k == 0 and len(run) > 1) or k in groups:
            if k in groups:
                spanning.add(len(ys) - 1)
            ys.append(bottom)
            continue
        spans = [(min(c.top for seg in b for c in seg), max(c.bottom for seg in b for c in seg),
                  min(c.x0 for c in b[0]), max(c.x1 for c in b[-1]), len(b) == 1) for b in bands]
        spans = [(t, b, a, z, one and a < xs[1] < z - 2) for t, b, a, z, one in spans]
        group_lines += [(t + b) / 2 for t, b, _, _, group in spans if group]
        # rows start where the first column starts afresh (the white-space tables' rule)
        from councilplans.extract.pdf_stream import Line as StreamLine
        from councilplans.extract.pdf_stream import row_bounds

        lines = [StreamLine(b, t, bt, group) for b, (t, bt, _, _, group) in zip(
            bands, spans, strict=True)]
        ys += row_bounds(lines, xs)[0]
        ys.append(bottom)
    spanning |= {bisect_right(ys, y) - 1 for y in group_lines}
    opened = _open_slots(xs, ys, gaps or {})
    cells = merged_cells(len(ys) - 1, len(xs) - 1, spanning, opened)
    rows = "rules" if per_row else "rules, first cells starting afresh"
    if opened:
        rows += ", partial ones around merged cells"
    groups_note = "; group rows: text across the columns" if spanning else ""
    return Grid(tuple(xs), tuple(ys), cells,
                f"rows: {rows}; columns: white corridors{groups_note}")


def _open_slots(xs: list[float], ys: list[float], gaps: Gaps) -> set[tuple[int, int]]:
    """(row, col) whose top boundary is a partial rule leaving that column open."""
    out: set[tuple[int, int]] = set()
    for k in range(1, len(ys) - 1):
        stretch = gaps.get(ys[k])
        if not stretch:
            continue
        for c in range(len(xs) - 1):
            a, b = xs[c], xs[c + 1]
            uncovered = sum(max(0.0, min(q, b) - max(p, a)) for p, q in stretch)
            if uncovered > (1 - OPEN_SHARE) * (b - a):
                out.add((k, c))
    return out


def merged_cells(n_rows: int, n_cols: int, spanning: set[int],
                 opened: set[tuple[int, int]]) -> tuple[GridCell, ...]:
    """Cells of a grid: group rows one cell across, a slot whose top boundary is open part of
    the cell above (a vertically merged cell), every other slot a cell of its own."""
    cells: list[GridCell] = []
    for r in range(n_rows):
        if r in spanning:
            cells.append(GridCell(r, 0, 1, n_cols))
            continue
        for c in range(n_cols):
            if (r, c) in opened and r - 1 not in spanning and r > 0:
                continue  # covered by the cell above
            r2 = r + 1
            while r2 < n_rows and (r2, c) in opened and r2 not in spanning:
                r2 += 1
            cells.append(GridCell(r, c, r2 - r, 1))
    return tuple(cells)
