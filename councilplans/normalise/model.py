"""The plain data normalise hands to the schema loader."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

RECORD_FIELDS: tuple[str, ...] = (
    "ref",
    "section",
    "objective",
    "action",
    "output",
    "outcome",
    "indicator",
    "measure",
    "lead",
    "timescale",
    "due_date",
    "rag",
    "resources",
    "progress",
    "status",
    "baseline",
    "target",
    "actual",
)
"""The common schema's text fields, in export order (after ``kind``). The one list of them:
the loader, export, diff, evaluation and the sample generator all read it from here."""

MAPPABLE_FIELDS: tuple[str, ...] = tuple(
    f for f in RECORD_FIELDS if f not in ("section", "due_date")
)
"""Fields a table column can map onto."""


@dataclass(frozen=True)
class Timescale:
    """What a printed timescale means. ``parsed`` is False when the text said nothing usable."""

    due_date: date | None = None
    start_date: date | None = None
    recurrence: str | None = None  # "ongoing", "quarterly", "annual", "monthly", ...
    parsed: bool = True


@dataclass(frozen=True)
class Record:
    kind: str  # "action" | "indicator"
    page: int | None
    table_index: int
    row_index: int
    ref: str | None = None
    section: str | None = None
    objective: str | None = None
    action: str | None = None
    output: str | None = None
    outcome: str | None = None
    indicator: str | None = None
    measure: str | None = None
    lead: str | None = None
    timescale: str | None = None
    due_date: date | None = None
    rag: str | None = None
    resources: str | None = None
    progress: str | None = None
    status: str | None = None  # completion status as printed (Complete, On track, Delayed ...)
    baseline: str | None = None  # indicator rows: figures as printed
    target: str | None = None
    actual: str | None = None  # the latest value reported
    start_date: date | None = None
    recurrence: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    organisations: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableReport:
    """What normalise decided about one raw table (kept in the database as provenance)."""

    table_index: int
    page: int | None
    n_rows: int
    n_cols: int
    is_plan: bool
    reason: str  # why it is / is not a plan table
    kind: str | None = None
    mapping: dict[str, str | None] = field(default_factory=dict)  # header text -> field
    unmapped: tuple[str, ...] = ()
    n_records: int = 0
    merged_from: tuple[int, ...] = ()  # raw table indexes stitched into this one
    evidence: tuple[str, ...] = ()  # per column: its field and why ("'When?' -> timescale ...")


@dataclass(frozen=True)
class DocumentMeta:
    title: str | None = None
    organisations: tuple[str, ...] = ()
    doc_type: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    version: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class NormalisedDocument:
    meta: DocumentMeta
    tables: tuple[TableReport, ...]
    records: tuple[Record, ...]
    notes: tuple[str, ...] = ()  # import-report lines: unmapped columns, unparsed timescales
