"""Coverage matrices: counts of selected records, rows (councils or documents) by a dimension.

Built from the export rows so that the filters, the council and the lists of themes and
organisations mean exactly what they mean in an export. A record with several themes counts
once under each; a record with none counts under ``(none)``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

DIMENSIONS = ("theme", "organisation", "due-year", "rag", "status", "kind")
ROWS = ("council", "document")
NONE = "(none)"


@dataclass(frozen=True)
class Matrix:
    row_label: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: dict[tuple[str, str], int]
    totals: dict[str, int]  # records per row (a record counts once, whatever its columns)

    def cell(self, row: str, col: str, share: bool = False) -> float | int:
        n = self.counts.get((row, col), 0)
        if not share:
            return n
        total = self.totals.get(row, 0)
        return round(100.0 * n / total, 1) if total else 0.0

    def as_rows(self, share: bool = False) -> list[dict[str, Any]]:
        """One dict per row: the row label, its record total, then one key per column."""
        return [{self.row_label: r, "records": self.totals[r],
                 **{c: self.cell(r, c, share) for c in self.columns}} for r in self.rows]


def _values(row: dict[str, Any], by: str) -> Sequence[str]:
    if by == "theme":
        return row["themes"] or [NONE]
    if by == "organisation":
        return row["organisations"] or [NONE]
    if by == "due-year":
        return [row["due_date"][:4] if row["due_date"] else NONE]
    value = row.get(by)
    return [str(value).strip().lower() if value else NONE]


def compare(records: Iterable[dict[str, Any]], by: str, rows: str = "council") -> Matrix:
    """Count ``records`` (export rows) by ``rows`` x ``by``; columns by descending total."""
    if by not in DIMENSIONS:
        raise ValueError(f"--by must be one of {', '.join(DIMENSIONS)}, not {by!r}")
    counts: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    column_totals: defaultdict[str, int] = defaultdict(int)
    for rec in records:
        key = rec.get(rows) or NONE
        totals[key] += 1
        for value in dict.fromkeys(_values(rec, by)):
            counts[(key, value)] += 1
            column_totals[value] += 1
    columns = sorted(column_totals, key=lambda c: (c == NONE, -column_totals[c], c))
    if by == "due-year":
        columns = sorted(column_totals, key=lambda c: (c == NONE, c))
    return Matrix(rows, tuple(sorted(totals)), tuple(columns), dict(counts), dict(totals))
