"""Raw tables -> common-schema records.

The chain, in order: ``stitch_tables`` (fragments -> logical tables) -> ``find_header`` ->
``classify`` (plan or not, action or indicator) -> ``rows_to_drafts`` -> ``draft_to_records``
-> organisations and themes. ``normalise_document`` is the one place that runs it.
"""

from __future__ import annotations

from dataclasses import replace

from councilplans.extract.model import RawDocument
from councilplans.normalise.classify import classify
from councilplans.normalise.headers import ColumnMap
from councilplans.normalise.layout import cell_text, find_header
from councilplans.normalise.model import NormalisedDocument, Record, TableReport
from councilplans.normalise.records import draft_to_records, rows_to_drafts
from councilplans.normalise.stitch import LogicalTable, stitch_tables
from councilplans.normalise.text import collapse, document_words, words_of

__all__ = ["normalise_document"]


def _column_values(table: LogicalTable, start: int, columns: ColumnMap) -> dict[str, list[str]]:
    """Body cell texts per mapped field; the unmapped columns' cells together under ""."""
    out: dict[str, list[str]] = {"": []}
    for c, f in enumerate(columns.fields):
        texts = [cell_text(table.rows, r, c) for r in range(start, len(table.rows))]
        if f:
            out[f] = texts
        else:
            out[""].extend(texts)
    return out


def _rated_rows_named_in_first_column(
    table: LogicalTable, start: int, columns: ColumnMap
) -> ColumnMap:
    """A RAG-rated table whose first column's header is a service name ("Integrated Children's
    Services" over a list of measures) still lists indicators there: when nothing else is the
    main column and the first column holds sentences, it is the indicator column."""
    fields = list(columns.fields)
    if "rag" not in fields or {"action", "indicator"} & set(fields) or not fields or fields[0]:
        return columns
    texts = [collapse(cell_text(table.rows, r, 0)) for r in range(start, len(table.rows))]
    texts = [t for t in texts if t]
    if not texts or sum(len(t.split()) >= 3 for t in texts) < 0.8 * len(texts):
        return columns
    fields[0] = "indicator"
    return ColumnMap(columns.headers, tuple(fields))


def table_to_records(table: LogicalTable) -> tuple[TableReport, list[Record]]:
    n_rows, n_cols = len(table.rows), max((len(r) for r in table.rows), default=0)
    base = TableReport(
        table_index=table.index, page=table.page, n_rows=n_rows, n_cols=n_cols,
        is_plan=False, reason="", merged_from=tuple(table.fragments),
    )
    header = find_header(table)
    if header is None:
        return replace(base, reason="no header row naming plan fields"), []
    columns = _rated_rows_named_in_first_column(table, header.end, header.columns)
    header = replace(header, columns=columns)
    is_plan, reason, kind = classify(columns, _column_values(table, header.end, columns))
    if kind == "indicator" and "indicator" not in columns.fields and "action" in columns.fields:
        fields = tuple("indicator" if f == "action" else f for f in columns.fields)
        columns = ColumnMap(columns.headers, fields)
        header = replace(header, columns=columns)
    report = replace(base, is_plan=is_plan, reason=reason, kind=kind, mapping=columns.mapping,
                     unmapped=columns.unmapped)
    if not is_plan or kind is None:
        return report, []
    section = header.titles[-1] if header.titles else table.section
    records: list[Record] = []
    for draft in rows_to_drafts(table, header, section):
        records.extend(draft_to_records(draft, header, kind, table))
    return replace(report, n_records=len(records)), records


def _tag(record: Record) -> Record:
    from councilplans.normalise.organisations import record_organisations
    from councilplans.normalise.themes import themes_in

    text = " ".join(
        t for t in (record.section, record.objective, record.action, record.output,
                    record.outcome, record.indicator) if t
    )
    named = (record.objective, record.action, record.output, record.outcome, record.indicator,
             record.measure, record.resources, record.progress, *record.extra.values())
    return replace(record, organisations=record_organisations(record.lead, named),
                   themes=themes_in(text))


def normalise_document(doc: RawDocument, tag: bool = True) -> NormalisedDocument:
    from councilplans.normalise.metadata import document_meta

    reports: list[TableReport] = []
    records: list[Record] = []
    notes: list[str] = []
    with document_words(words_of(doc.texts())):
        for table in stitch_tables(doc):
            report, recs = table_to_records(table)
            reports.append(report)
            records.extend(recs)
            if report.is_plan and report.unmapped:
                where = f" (page {report.page})" if report.page else ""
                notes.append(f"table {report.table_index}{where}: columns kept as extra: "
                             + ", ".join(report.unmapped))
    unparsed = [r for r in records if r.timescale and r.due_date is None and not r.recurrence
                and r.start_date is None]
    if unparsed:
        notes.append(f"{len(unparsed)} timescale(s) with no date understood: "
                     + "; ".join(sorted({r.timescale for r in unparsed})[:5]))
    if tag:
        records = [_tag(r) for r in records]
    return NormalisedDocument(document_meta(doc), tuple(reports), tuple(records), tuple(notes))
