"""Selected records -> the figures a report shows (plain data, no HTML, no charts)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from councilplans.schema.compare import Matrix, compare
from councilplans.schema.filters import COMPLETE_WORDS
from councilplans.schema.queries import main_text

NONE = "(none)"


@dataclass(frozen=True)
class ReportData:
    as_of: date
    documents: list[dict[str, Any]]
    records: list[dict[str, Any]]
    coverage: Matrix
    due_quarters: list[tuple[str, int]]
    rag: list[tuple[str, int]]
    status: list[tuple[str, int]]
    top_organisations: list[tuple[str, int]]
    overdue: list[dict[str, Any]] = field(default_factory=list)


def quarter(iso: str) -> str:
    """'2025-03-31' -> '2025 Q1' (calendar quarters: plans print dates, not fiscal years)."""
    return f"{iso[:4]} Q{(int(iso[5:7]) - 1) // 3 + 1}"


def is_complete(status: str | None) -> bool:
    words = (status or "").strip().lower().split()
    return bool(words) and words[0] in COMPLETE_WORDS


def source_link(doc_path: str | None, page: int | None) -> str | None:
    """A file URI for the record's document, at its page for PDFs (viewers honour #page=)."""
    if not doc_path:
        return None
    uri = Path(doc_path).resolve().as_uri()
    return f"{uri}#page={page}" if page and doc_path.lower().endswith(".pdf") else uri


def _counted(values) -> list[tuple[str, int]]:
    counts = Counter(values)
    return sorted(counts.items(), key=lambda kv: (kv[0] == NONE, -kv[1], kv[0]))


def report_data(records: list[dict], documents: list[dict], paths: dict[str, str | None],
                as_of: date) -> ReportData:
    for r in records:
        r["text"] = main_text(r)
        r["link"] = source_link(paths.get(r["sha256"]), r["page"])
    dated = [r for r in records if r["due_date"]]
    quarters = sorted(Counter(quarter(r["due_date"]) for r in dated).items())
    overdue = [r for r in dated if r["due_date"] < as_of.isoformat()
               and not is_complete(r["status"]) and (r["rag"] or "").lower() != "complete"]
    return ReportData(
        as_of=as_of, documents=documents, records=records,
        coverage=compare(records, "theme", "council"),
        due_quarters=quarters,
        rag=_counted((r["rag"] or NONE).lower() for r in records),
        status=_counted(" ".join((r["status"] or NONE).split()) for r in records),
        top_organisations=_counted(o for r in records for o in r["organisations"])[:15],
        overdue=sorted(overdue, key=lambda r: (r["due_date"], r["document"])),
    )
