"""Tables ruled by horizontal lines only (top rule, header rule, bottom rule; no verticals).

Why a separate pass: statistical and "booktabs" style tables draw no vertical rules, so the
lattice finder sees no grid. Here rules of the same width stacked on a page bound candidate
regions; a region is a table only when most of its text lines break into two or more column
segments, which keeps page-header / footer rules around running text from turning a page into
a one-column "table". Columns come from the gaps shared by the body lines, rows from the
rules when there are enough of them, otherwise one row per text line.
"""

from __future__ import annotations

from councilplans.extract.pdf_grid import Edge, Grid, GridCell, merge_edges
from councilplans.extract.pdf_page import Char
from councilplans.extract.pdf_text import group_lines, split_columns

EXTENT_TOL = 8.0  # rules whose ends agree this closely belong to one table
MIN_WIDTH = 120.0
TABULAR_SHARE = 0.6  # share of lines that must split into 2+ column segments
CELL_GAP = 0.8  # a gap this many line heights wide separates cells on a line


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
    return [split_columns(b, CELL_GAP) for b in group_lines(inside)]


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
    xs = [x0]
    for p, q in zip(merged, merged[1:], strict=False):
        lo, hi = p[1], q[0]
        mid = (lo + hi) / 2
        candidates = [lo + (hi - lo) * k / 8 for k in range(1, 8)]
        free = [x for x in candidates if not any(a < x < b for a, b in words)]
        xs.append(min(free, key=lambda x: abs(x - mid)) if free else mid)
    return xs + [x1]


def find_ruled_tables(h_edges: list[Edge], chars: list[Char], grids: list[Grid]) -> list[Grid]:
    """Grids for horizontal-rules-only tables on a page (lattice ``grids`` already found)."""
    out: list[Grid] = []
    free = [c for c in chars if not _inside((c.x0 + c.x1) / 2, (c.top + c.bottom) / 2, grids)]
    for rules in _rule_groups(h_edges, grids):
        x0, x1 = rules[0][1], rules[0][2]
        intervals = [
            (a[0], b[0], [] if _overlaps(grids, x0, a[0], x1, b[0])
             else _bands(free, x0, x1, a[0], b[0]))
            for a, b in zip(rules, rules[1:], strict=False)
        ]
        run: list[tuple[float, float, list]] = []
        for iv in intervals + [(0.0, 0.0, [])]:
            if iv[2] and _tabular(iv[2]):
                run.append(iv)
                continue
            grid = _grid_for(run, x0, x1)
            if grid is not None:
                out.append(grid)
            run = []
    return out


def _grid_for(run: list[tuple[float, float, list]], x0: float, x1: float) -> Grid | None:
    if not run or sum(len(iv[2]) for iv in run) < 3:
        return None
    body = run[1:] if len(run) > 1 else run
    header = run[0][2] if len(run) > 1 else []
    xs = column_bounds([b for iv in body for b in iv[2]], x0, x1, header)
    if len(xs) < 3:
        return None
    # a rule under every row: rows are the intervals; otherwise the header interval is one row
    # and each body text line another
    per_row = len(run) >= 3 and all(len(iv[2]) <= 3 for iv in run[1:])
    ys = [run[0][0]]
    for k, (_top, bottom, bands) in enumerate(run):
        if per_row or (k == 0 and len(run) > 1):
            ys.append(bottom)
            continue
        lines = [(min(c.top for seg in b for c in seg), max(c.bottom for seg in b for c in seg),
                  min(c.x0 for c in b[0])) for b in bands]
        for (_, prev_bottom, _), (next_top, _, next_x) in zip(lines, lines[1:], strict=False):
            if next_x > xs[1]:
                continue  # first column empty: the line continues the row above
            ys.append((prev_bottom + next_top) / 2)
        ys.append(bottom)
    ys = sorted(set(ys))
    cells = tuple(GridCell(r, c, 1, 1) for r in range(len(ys) - 1) for c in range(len(xs) - 1))
    return Grid(tuple(xs), tuple(ys), cells)
