"""Tables ruled by horizontal lines only (top rule, header rule, bottom rule; no verticals).

Why a separate pass: statistical and "booktabs" style tables draw no vertical rules, so the
lattice finder sees no grid. Here rules of the same width stacked on a page bound candidate
regions; a region is a table only when most of its text lines break into two or more column
segments, which keeps page-header / footer rules around running text from turning a page into
a one-column "table". Columns come from the gaps shared by the body lines, rows from the
rules when there are enough of them, otherwise one row per text line.
"""

from __future__ import annotations

from bisect import bisect_right

from councilplans.extract.pdf_grid import Edge, Grid, GridCell, merge_edges
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


def _inside(x: float, y: float, grids: list[Grid]) -> bool:
    return any(g.xs[0] - 2 <= x <= g.xs[-1] + 2 and g.ys[0] - 2 <= y <= g.ys[-1] + 2
               for g in grids)


def _overlaps(grids: list[Grid], x0: float, top: float, x1: float, bottom: float) -> bool:
    """Does a lattice table sit in this region? Then the rules belong to that drawing."""
    return any(g.xs[0] < x1 and g.xs[-1] > x0 and g.ys[0] < bottom and g.ys[-1] > top
               for g in grids)


def _rule_groups(h_edges: list[Edge], grids: list[Grid]) -> list[list[Edge]]:
    """Same-extent rules, top to bottom, outside lattice tables; double rules count once."""
    rules = [e for e in merge_edges(h_edges) if e[2] - e[1] >= MIN_WIDTH
             and not _inside((e[1] + e[2]) / 2, e[0], grids)]
    groups: list[list[Edge]] = []
    for rule in sorted(rules):
        for g in groups:
            if abs(g[0][1] - rule[1]) <= EXTENT_TOL and abs(g[0][2] - rule[2]) <= EXTENT_TOL:
                if rule[0] - g[-1][0] > 5:
                    g.append(rule)
                break
        else:
            groups.append([rule])
    return [g for g in groups if len(g) >= 2]


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
    bands: list[list[list[Char]]], x0: float, x1: float, header: list[list[list[Char]]]
) -> list[float]:
    """Column boundaries: x0, a point in each gap no body segment crosses, x1.

    Within a gap the boundary avoids header words where it can, since header text is often
    wider than its column and centred over it.
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
    for p, q in zip(merged, merged[1:], strict=False):
        lo, hi = p[1], q[0]
        # a header cell standing alone in the gutter names a column the body leaves empty
        alone = [(a, b) for a, b in heads if lo + 1 < a and b < hi - 1]
        if alone:
            xs += [(lo + alone[0][0]) / 2, (alone[-1][1] + hi) / 2]
            continue
        mid = (lo + hi) / 2
        candidates = [lo + (hi - lo) * k / 8 for k in range(1, 8)]
        free = [x for x in candidates if not any(a < x < b for a, b in words)]
        xs.append(min(free, key=lambda x: abs(x - mid)) if free else mid)
    return xs + [x1]


def find_ruled_tables(h_edges: list[Edge], chars: list[Char], grids: list[Grid],
                      centres: Centres | None = None) -> list[Grid]:
    """Grids for horizontal-rules-only tables on a page (lattice ``grids`` already found);
    ``centres``: those of ``chars``, if the caller has them."""
    out: list[Grid] = []
    free = (centres or Centres(chars)).outside(grids, 2)
    for rules in _rule_groups(h_edges, grids):
        x0, x1 = rules[0][1], rules[0][2]
        intervals = [
            (a[0], b[0], [] if _overlaps(grids, x0, a[0], x1, b[0])
             else _bands(free, x0, x1, a[0], b[0]))
            for a, b in zip(rules, rules[1:], strict=False)
        ]
        run: list[tuple[float, float, list]] = []
        ends = intervals + [(0.0, 0.0, [])]
        for k, iv in enumerate(ends):
            if (_tabular_row(iv[2]) or _inner_row(iv[2], x0, x1)
                    or (run and _group_row(iv) and _tabular_row(ends[k + 1][2]))):
                run.append(iv)
                continue
            if run and k == len(intervals):  # a row under the last rule: the page broke it
                tail = _tail(free, x0, x1, rules[-1][0])
                if _tabular_row(tail):
                    bottom = max(c.bottom for b in tail for seg in b for c in seg) + 1.0
                    run.append((rules[-1][0], bottom, tail))
            grid = _grid_for(run, x0, x1)
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


def _inner_row(bands: list[list[list[Char]]], x0: float, x1: float) -> bool:
    """A ruled band whose only text keeps to one column away from the first (a cell carried
    over from the page before): a row of the table with its other cells empty."""
    return bool(bands) and all(
        len(b) == 1 and b[0][0].x0 > x0 + INNER_SHARE * (x1 - x0) for b in bands)


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


def _grid_for(run: list[tuple[float, float, list]], x0: float, x1: float) -> Grid | None:
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
    xs = column_bounds(lines, x0, x1, header)
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
    n_cols = len(xs) - 1
    cells = tuple(cell for r in range(len(ys) - 1)
                  for cell in ([GridCell(r, 0, 1, n_cols)] if r in spanning
                               else [GridCell(r, c, 1, 1) for c in range(n_cols)]))
    rows = "rules" if per_row else "rules, first cells starting afresh"
    groups_note = "; group rows: text across the columns" if spanning else ""
    return Grid(tuple(xs), tuple(ys), cells,
                f"rows: {rows}; columns: white corridors{groups_note}")
