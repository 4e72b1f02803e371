"""Rows -> a plain text table that fits a terminal: the readable default of read commands."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

from councilplans.schema.export import flat_value


def text_table(rows: Sequence[dict], columns: Sequence[str], width: int | None = None) -> str:
    """Columns padded to their longest value; the last column is cut to the terminal width."""
    width = width or shutil.get_terminal_size((160, 24)).columns
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(line[i]) for line in cells]) for i, c in enumerate(columns)]
    for i in range(len(columns) - 1):
        widths[i] = min(widths[i], 40)
    used = sum(widths[:-1]) + 2 * (len(columns) - 1)
    widths[-1] = max(20, width - used)

    def line(values: Sequence[str]) -> str:
        parts = [_fit(v, w).ljust(w) for v, w in zip(values, widths, strict=True)]
        return "  ".join(parts).rstrip()

    return "\n".join([line(list(columns))] + [line(c) for c in cells])


def _cell(value) -> str:
    return " ".join(str(flat_value(value)).split())


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
