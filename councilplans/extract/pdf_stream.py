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

from dataclasses import dataclass
from statistics import median

from councilplans.extract.pdf_grid import Grid, GridCell
from councilplans.extract.pdf_page import Char
from councilplans.extract.pdf_rules import column_bounds
from councilplans.extract.pdf_text import group_lines, split_columns

MIN_COLUMNS = 3
MIN_ROWS = 3
STREAM_GAP = 1.0  # a gap this many line heights wide separates cells on a line
ALIGN_TOL = 4.0  # a wrapped line starts within this of a column's left edge
BREAK_GAP = 2.2  # a vertical gap this many line heights wide ends the region


@dataclass
class _Line:
    segments: list[list[Char]]
    top: float
    bottom: float

    @property
    def starts(self) -> list[float]:
        return [seg[0].x0 for seg in self.segments]

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


def _lines(chars: list[Char]) -> list[_Line]:
    out = []
    for band in group_lines(chars):
        segs = split_columns(band, STREAM_GAP)
        out.append(_Line(segs, min(c.top for c in band), max(c.bottom for c in band)))
    return out


def _aligned(line: _Line, starts: list[float]) -> bool:
    """Each segment starts at a known column and ends before the next column begins (prose
    under a table starts at the first column too, but runs across the others)."""
    ordered = sorted(starts)
    for seg in line.segments:
        x0, x1 = seg[0].x0, max(c.x1 for c in seg)
        at = [k for k, s in enumerate(ordered) if abs(x0 - s) <= ALIGN_TOL]
        if not at:
            return False
        nxt = ordered[at[0] + 1] if at[0] + 1 < len(ordered) else None
        if nxt is not None and x1 > nxt - 1.0:
            return False
    return True


def _regions(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of lines that look like one table."""
    out: list[list[_Line]] = []
    run: list[_Line] = []
    starts: list[float] = []

    def close() -> None:
        if sum(len(ln.segments) >= MIN_COLUMNS for ln in run) >= MIN_ROWS:
            # trailing wrapped lines are kept; leading ones cannot exist (a run starts wide)
            out.append(list(run))

    for line in lines:
        wide = len(line.segments) >= MIN_COLUMNS
        if run and line.top - run[-1].bottom > BREAK_GAP * line.height:
            close()
            run, starts = [], []
        if wide and (not run or _aligned(line, starts) or len(line.segments) >= len(starts)):
            run.append(line)
            starts.extend(x for x in line.starts if not any(abs(x - s) <= ALIGN_TOL
                                                            for s in starts))
        elif run and _aligned(line, starts):
            run.append(line)
        else:
            close()
            run, starts = ([line], list(line.starts)) if wide else ([], [])
    close()
    return out


def _grid(region: list[_Line]) -> Grid | None:
    x0 = min(seg[0].x0 for ln in region for seg in ln.segments) - 1.0
    x1 = max(max(c.x1 for c in seg) for ln in region for seg in ln.segments) + 1.0
    body = [ln.segments for ln in region[1:]]
    xs = column_bounds(body, x0, x1, [region[0].segments])
    if len(xs) - 1 < MIN_COLUMNS:
        return None
    pitches = [b.top - a.top for a, b in zip(region, region[1:], strict=False)]
    usual = median(pitches) if pitches else 0.0
    ys = [region[0].top - 1.0]
    for k, (prev, line) in enumerate(zip(region, region[1:], strict=False)):
        first_col = any(seg[0].x0 < xs[1] for seg in line.segments)
        if k == 0 or first_col or line.top - prev.top > 1.4 * usual:
            ys.append((prev.bottom + line.top) / 2)
    ys.append(region[-1].bottom + 1.0)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < MIN_ROWS:
        return None
    cells = tuple(GridCell(r, c, 1, 1) for r in range(n_rows) for c in range(n_cols))
    return Grid(tuple(xs), tuple(ys), cells)


def find_stream_tables(chars: list[Char], grids: list[Grid]) -> list[Grid]:
    """Grids for white-space tables among the characters no other table holds."""
    def inside(c: Char) -> bool:
        cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        return any(g.xs[0] - 2 <= cx <= g.xs[-1] + 2 and g.ys[0] - 2 <= cy <= g.ys[-1] + 2
                   for g in grids)

    free = [c for c in chars if not inside(c)]
    if not free:
        return []
    out = []
    for region in _regions(_lines(free)):
        grid = _grid(region)
        if grid is not None:
            out.append(grid)
    return out
