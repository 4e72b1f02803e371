"""Lattice tables from ruling edges: merged edges -> connected groups -> dense grid with spans.

Why not pdfplumber's intersections -> cells -> tables: that finds only cells whose four corners
are joined by edges and is quadratic in the number of intersections. Here each connected group
of horizontal and vertical rules is one table; its column boundaries are the distinct x of its
vertical rules and its row boundaries the distinct y of its horizontal rules, giving the dense
grid directly. A boundary between two neighbouring grid slots is "drawn" when a rule covers
most of it; slots not separated by a drawn boundary merge into one spanning cell, taken as the
largest rectangle growing right then down, so every cell is a rectangle even where the drawing
is irregular.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy as np

from councilplans.extract.pdf_overflow import ObjectOf, apart, overflow_indexes
from councilplans.extract.pdf_page import Centres

SNAP = 3.0  # rules this close (points) are one rule
JOIN = 3.0  # collinear rules with gaps this small are one rule
TOUCH = 2.5  # a horizontal and a vertical rule this close touch
MIN_ROW = 4.0  # grid lines closer than this (double borders) are one line
COVER = 0.7  # a boundary is drawn when rules cover this share of it

Edge = tuple[float, float, float]  # (position, start, end)


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int


@dataclass(frozen=True, slots=True)
class Grid:
    xs: tuple[float, ...]  # column boundaries, len = n_cols + 1
    ys: tuple[float, ...]  # row boundaries, len = n_rows + 1
    cells: tuple[GridCell, ...]  # row-major, covering every slot exactly once
    evidence: str = ""  # what rows, columns and header were read from (see RawTable.evidence)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def owners(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Each slot's cell, by the cell's top-left slot (a merged cell owns several)."""
        return {(r, c): (gc.row, gc.col) for gc in self.cells
                for r in range(gc.row, gc.row + gc.row_span)
                for c in range(gc.col, gc.col + gc.col_span)}

    def slot_of(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, col) of the slot containing the point, None outside the grid."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        c = min(bisect_right(self.xs, x) - 1, self.n_cols - 1)
        r = min(bisect_right(self.ys, y) - 1, self.n_rows - 1)
        return r, c


def _clusters(values: list[float], tol: float) -> list[list[float]]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return out


def merge_edges(edges: list[Edge], snap: float = SNAP, join: float = JOIN) -> list[Edge]:
    """Snap near-collinear rules to their mean position and join overlapping/near pieces."""
    if not edges:
        return []
    by_pos = sorted(edges)
    out: list[Edge] = []
    group: list[Edge] = [by_pos[0]]
    for e in by_pos[1:]:
        if e[0] - group[-1][0] <= snap:
            group.append(e)
        else:
            out.extend(_join(group, join))
            group = [e]
    out.extend(_join(group, join))
    return out


def _join(group: list[Edge], join: float) -> list[Edge]:
    pos = sum(e[0] for e in group) / len(group)
    spans = sorted((e[1], e[2]) for e in group)
    out: list[Edge] = []
    start, end = spans[0]
    for s, e in spans[1:]:
        if s <= end + join:
            end = max(end, e)
        else:
            out.append((pos, start, end))
            start, end = s, e
    out.append((pos, start, end))
    return out


def _components(h: list[Edge], v: list[Edge]) -> list[tuple[list[Edge], list[Edge]]]:
    """Groups of rules connected by touching (union-find over h x v pairs)."""
    parent = list(range(len(h) + len(v)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    v_sorted = sorted(range(len(v)), key=lambda j: v[j][0])
    v_x = [v[j][0] for j in v_sorted]
    for i, (y, x0, x1) in enumerate(h):
        lo = bisect_right(v_x, x0 - TOUCH - 1e-9)
        hi = bisect_right(v_x, x1 + TOUCH)
        for k in range(lo, hi):
            j = v_sorted[k]
            _, top, bottom = v[j]
            if top - TOUCH <= y <= bottom + TOUCH:
                a, b = find(i), find(len(h) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Edge], list[Edge]]] = {}
    for i, e in enumerate(h):
        groups.setdefault(find(i), ([], []))[0].append(e)
    for j, e in enumerate(v):
        groups.setdefault(find(len(h) + j), ([], []))[1].append(e)
    return [g for g in groups.values() if len(g[0]) >= 1 and len(g[1]) >= 1]


def _lines(positions: list[float], lo: float, hi: float) -> list[float]:
    """Distinct grid lines: cluster rule positions, add the outer extent if no rule is there."""
    lines = [sum(c) / len(c) for c in _clusters(positions, MIN_ROW)]
    if not lines or lines[0] - lo > MIN_ROW:
        lines.insert(0, lo)
    if hi - lines[-1] > MIN_ROW:
        lines.append(hi)
    return lines


def _covered(rules: list[Edge], pos: float, start: float, end: float) -> bool:
    """Do rules at ``pos`` cover most of the stretch start..end?"""
    need = (end - start) * COVER
    got = 0.0
    for p, s, e in rules:
        if abs(p - pos) <= MIN_ROW:
            got += max(0.0, min(e, end) - max(s, start))
    return got >= need


def grid_from_rules(h: list[Edge], v: list[Edge]) -> Grid | None:
    """The dense grid drawn by one connected group of rules; None if it is not a table."""
    lo_x = min(min(e[1] for e in h), min(e[0] for e in v))
    hi_x = max(max(e[2] for e in h), max(e[0] for e in v))
    lo_y = min(min(e[0] for e in h), min(e[1] for e in v))
    hi_y = max(max(e[0] for e in h), max(e[2] for e in v))
    xs = _lines([e[0] for e in v], lo_x, hi_x)
    ys = _lines([e[0] for e in h], lo_y, hi_y)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1 or n_rows * n_cols < 2:
        return None
    # vbound[r][c]: a rule separates slot (r, c-1) from (r, c); hbound[r][c]: (r-1, c) from (r, c)
    vbound = [[_covered(v, xs[c], ys[r], ys[r + 1]) for c in range(n_cols + 1)]
              for r in range(n_rows)]
    hbound = [[_covered(h, ys[r], xs[c], xs[c + 1]) for c in range(n_cols)]
              for r in range(n_rows + 1)]
    taken = [[False] * n_cols for _ in range(n_rows)]
    cells: list[GridCell] = []
    for r in range(n_rows):
        for c in range(n_cols):
            if taken[r][c]:
                continue
            c2 = c + 1  # grow right while no rule separates the next slot
            while c2 < n_cols and not vbound[r][c2] and not taken[r][c2]:
                c2 += 1
            r2 = r + 1  # grow down while the whole row below is open and unsplit
            while r2 < n_rows and all(
                not hbound[r2][k] and not taken[r2][k] for k in range(c, c2)
            ) and all(not vbound[r2][k] for k in range(c + 1, c2)):
                r2 += 1
            for rr in range(r, r2):
                for cc in range(c, c2):
                    taken[rr][cc] = True
            cells.append(GridCell(r, c, r2 - r, c2 - c))
    if len(cells) < 2:
        return None  # a single box (banner, framed paragraph) is not a table
    return Grid(tuple(xs), tuple(ys), tuple(cells))


def find_grids(h_edges: list[Edge], v_edges: list[Edge]) -> list[Grid]:
    """All lattice tables on a page, top to bottom."""
    h = [e for e in merge_edges(h_edges) if e[2] - e[1] >= 2]
    v = [e for e in merge_edges(v_edges) if e[2] - e[1] >= 2]
    grids = []
    for gh, gv in _components(h, v):
        if len(gh) + len(gv) < 3:
            continue
        grid = grid_from_rules(gh, gv)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return _drop_nested(grids)


def _drop_nested(grids: list[Grid]) -> list[Grid]:
    """A grid inside another one's box (a boxed note within a cell) is part of the outer one."""
    out: list[Grid] = []
    for g in grids:
        x0, y0, x1, y1 = g.bbox
        inside = any(
            o.bbox[0] - 1 <= x0 and o.bbox[1] - 1 <= y0 and x1 <= o.bbox[2] + 1
            and y1 <= o.bbox[3] + 1 for o in out
        )
        if not inside:
            out.append(g)
    return out


WORD_GAP = 0.12  # letters of one word stand at most this share of their height apart


def cut_word_slots(grid: Grid, chars: list | Centres,
                   object_of: ObjectOf | None = None) -> set[tuple[int, int, int]]:
    """(row, left col, right col) where a column line runs between two letters of one word.

    Letters next in the text stream, on one baseline, with no space and almost no gap between
    them belong to one word; a line drawn between them is no column boundary in that row (a
    rule hidden under a band painted later, a shaded row overrunning its neighbour's side).
    Text that runs on past its cell (``pdf_overflow``) goes back to that cell instead.
    """
    centres = chars if isinstance(chars, Centres) else Centres(list(chars))
    chars = centres.chars
    a, b = centres.word_pairs(WORD_GAP)
    x0, y0, x1, y1 = grid.bbox
    cx, cy = centres.cx, centres.cy
    inside = ((x0 <= cx[a]) & (cx[a] <= x1) & (y0 <= cy[a]) & (cy[a] <= y1)
              & (x0 <= cx[b]) & (cx[b] <= x1) & (y0 <= cy[b]) & (cy[b] <= y1))
    a, b = a[inside], b[inside]
    if not a.size:
        return set()

    def slots(k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # bisect_right(xs, x) - 1, as Grid.slot_of does it
        return (np.minimum(np.searchsorted(grid.ys, cy[k], side="right") - 1, grid.n_rows - 1),
                np.minimum(np.searchsorted(grid.xs, cx[k], side="right") - 1, grid.n_cols - 1))

    (ra, ca), (rb, cb) = slots(a), slots(b)
    across = np.flatnonzero((ra == rb) & (ca < cb))
    cuts = [(chars[a[k]], chars[b[k]], (int(ra[k]), int(ca[k])), (int(rb[k]), int(cb[k])))
            for k in across.tolist()]
    if not cuts:
        return set()
    owners = grid.owners()
    # within one merged cell a cut is moot; two cells' texts meeting (two objects) stay apart
    cuts = [(a, b, sa, sb) for a, b, sa, sb in cuts if owners[sa] != owners[sb]
            and not apart(object_of, a.index, b.index)]
    if not cuts:
        return set()
    running, busy = overflow_indexes(
        (chars[k] for k in np.flatnonzero(centres.within(*grid.bbox)).tolist()),
        lambda c: grid.slot_of((c.x0 + c.x1) / 2, (c.top + c.bottom) / 2), object_of, owners)
    # Text running on past its cell in a row with other cells of its own goes back to its
    # cell (``pdf_overflow``); alone in its row (a band's title over rules hidden under the
    # band), it spans the row.
    return {(sa[0], sa[1], sb[1]) for _, b, sa, sb in cuts
            if not (b.index in running and sa[0] in busy)}


def join_cut_words(grid: Grid, chars: list | Centres, object_of: ObjectOf | None = None) -> Grid:
    """Merge the cells of a row that a word runs across into one spanning cell.

    Only merges cells sharing their rows exactly, so every cell stays a rectangle and no other
    row changes; a cut that would need more is left alone.
    """
    cuts = cut_word_slots(grid, chars, object_of)
    if not cuts:
        return grid
    cells = list(grid.cells)
    for row, left, right in sorted(cuts):
        owner = {}
        for k, gc in enumerate(cells):
            if gc.row <= row < gc.row + gc.row_span:
                for c in range(gc.col, gc.col + gc.col_span):
                    owner[c] = k
        group = sorted({owner[c] for c in range(left, right + 1) if c in owner},
                       key=lambda k: cells[k].col)
        if len(group) < 2:
            continue
        first = cells[group[0]]
        if any((cells[k].row, cells[k].row_span) != (first.row, first.row_span) for k in group):
            continue
        last = cells[group[-1]]
        merged = GridCell(first.row, first.col, first.row_span,
                          last.col + last.col_span - first.col)
        cells = [gc for k, gc in enumerate(cells) if k not in group] + [merged]
    cells.sort(key=lambda gc: (gc.row, gc.col))
    return Grid(grid.xs, grid.ys, tuple(cells), grid.evidence)
