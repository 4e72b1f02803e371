"""Figures do not wrap: a column holding one figure a line, line after line, holds one a row.

A statistics table's first column often runs to its gutter ("Engineering, mathematics, or
science"), so "the first cell ended short, a new row starts" cannot see its rows; but a cell
holding "47.1" never continues as "52.8" on the line under it. Two such columns stacked
line over line say the lines are rows of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_right

FIGURE = re.compile(r"^[-–−+(]?[$£€]?\d[\d,]*(?:\.\d+)?%?\)?$")
MIN_FIGURE_COLUMNS = 2


def lone_figures(segments: list[list], xs) -> set[int]:
    """Columns (past the first) where the line's only text is one figure."""
    found: dict[int, list[str]] = {}
    for seg in segments:
        col = bisect_right(xs, seg[0].x0 + 0.5) - 1
        text = "".join((" " if c.space_before and k else "") + c.text for k, c in enumerate(seg))
        found.setdefault(col, []).append(text.strip())
    return {c for c, texts in found.items()
            if c >= 1 and len(texts) == 1 and FIGURE.match(texts[0])}


def figures_restart(prev_segments: list[list], segments: list[list], xs) -> bool:
    """Do two lines each hold a lone figure in the same columns (two or more of them)?"""
    both = lone_figures(prev_segments, xs) & lone_figures(segments, xs)
    return len(both) >= MIN_FIGURE_COLUMNS
