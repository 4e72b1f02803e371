"""Raw tables -> common-schema records.

The chain, in order: ``stitch_tables`` (fragments -> logical tables) -> ``table_to_grid``
(merged cells resolved once) -> ``find_header`` -> ``assign_columns`` (the one decision: each
column's field with its evidence, the main column, plan or not, action or indicator) ->
``rows_to_drafts`` -> ``draft_to_records`` -> organisations and themes.
``normalise_document`` is the one place that runs it.
"""

from __future__ import annotations

from dataclasses import replace

from councilplans.extract.model import RawDocument
from councilplans.forked import can_fork, map_forked
from councilplans.normalise.cards import card_record, merge_cards
from councilplans.normalise.columns import assign_columns
from councilplans.normalise.grid import table_to_grid
from councilplans.normalise.headers import names_a_section
from councilplans.normalise.layout import find_header
from councilplans.normalise.model import NormalisedDocument, Record, TableReport
from councilplans.normalise.records import draft_to_records, rows_to_drafts
from councilplans.normalise.stitch import LogicalTable, stitch_tables
from councilplans.normalise.text import document_words, words_of

__all__ = ["normalise_document", "table_to_records"]

CARD_REASON = "an indicator card: a measure's name over its labelled figures"
CARD_JOINED = ("an indicator card: a measure's name over its labelled figures, added to the "
               "row of the same measure")


def table_to_records(table: LogicalTable) -> tuple[TableReport, list[Record]]:
    grid = table_to_grid(table)
    base = TableReport(
        table_index=table.index, page=table.page, n_rows=grid.n_rows, n_cols=grid.n_cols,
        is_plan=False, reason="", merged_from=tuple(table.fragments),
    )
    header = find_header(grid, table.header_rows)
    if header is None:
        card = card_record(grid, table.index, table.page, table.section)
        if card is not None:
            return replace(base, is_plan=True, reason=CARD_REASON, kind="indicator",
                           n_records=1), [card]
        return replace(base, reason="no header row naming plan fields"), []
    columns = assign_columns(grid, header)
    report = replace(base, is_plan=columns.is_plan, reason=columns.reason, kind=columns.kind,
                     mapping=columns.mapping, unmapped=columns.unmapped,
                     evidence=columns.described())
    if not columns.is_plan:
        return report, []
    section = header.titles[-1] if header.titles else table.section
    main_header = columns.headers[columns.main] if columns.main is not None else ""
    if not header.titles and names_a_section(main_header):
        section = main_header  # "Customer Services KPIs" over the KPIs' names
    records: list[Record] = []
    for draft in rows_to_drafts(table, grid, header, columns, section):
        records.extend(draft_to_records(draft, columns, table))
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


def _table_notes(report: TableReport) -> list[str]:
    where = f" (page {report.page})" if report.page else ""
    notes = [f"table {report.table_index}{where}: columns: " + "; ".join(report.evidence)]
    if report.unmapped:
        notes.append(f"table {report.table_index}{where}: columns kept as extra: "
                     + ", ".join(report.unmapped))
    return notes


SPLIT_MIN_ROWS = 200
"""A document with fewer table rows than this is normalised in one process."""


def normalise_document(doc: RawDocument, tag: bool = True, workers: int = 1) -> NormalisedDocument:
    """``workers`` > 1: a long document's tables are normalised in that many processes (this
    one and forked children, ``councilplans.forked``), each a run of whole tables, joined in
    table order: the very records one process gives."""
    from councilplans.normalise.metadata import document_meta

    reports: list[TableReport] = []
    records: list[Record] = []
    cards: list[Record] = []
    notes: list[str] = []
    with document_words(words_of(doc.texts()), paragraph_lines=doc.format == "docx"):
        tables = stitch_tables(doc)
        runs = _runs(tables, workers)
        if len(runs) > 1:
            parts = map_forked(_tables_to_records, [(run, tag) for run in runs],
                               first_here=True)
        else:
            parts = [_tables_to_records(tables, tag)]
    for part in parts:
        for report, recs in part:
            reports.append(report)
            if report.reason == CARD_REASON:
                cards.extend(recs)
                continue
            records.extend(recs)
            if report.is_plan:
                notes.extend(_table_notes(report))
    if cards:
        merged = merge_cards(records, cards)
        notes.append(f"{len(cards)} indicator card(s): {len(cards) - (len(merged) - len(records))}"
                     " added their figures to the same measure's row, the others are records")
        records = merged
        reports = _joined_cards(reports, cards, merged)
    unparsed = [r for r in records if r.timescale and r.due_date is None and not r.recurrence
                and r.start_date is None]  # tags change no timescale field
    if unparsed:
        notes.append(f"{len(unparsed)} timescale(s) with no date understood: "
                     + "; ".join(sorted({r.timescale for r in unparsed})[:5]))
    return NormalisedDocument(document_meta(doc), tuple(reports), tuple(records), tuple(notes))


def _joined_cards(reports: list[TableReport], cards: list[Record],
                  records: list[Record]) -> list[TableReport]:
    """A card whose figures went into another table's row gave no record of its own: counted
    as a plan table it would make a report of 38 measures read "from 46 plan tables"."""
    kept = {id(r) for r in records}
    joined = {c.table_index for c in cards if id(c) not in kept}
    return [replace(r, n_records=0, reason=CARD_JOINED)
            if r.reason == CARD_REASON and r.table_index in joined else r for r in reports]


def _tables_to_records(tables: list[LogicalTable],
                       tag: bool) -> list[tuple[TableReport, list[Record]]]:
    out = []
    for table in tables:
        report, recs = table_to_records(table)
        out.append((report, [_tag(r) for r in recs] if tag else recs))
    return out


def _runs(tables: list[LogicalTable], workers: int) -> list[list[LogicalTable]]:
    """Runs of consecutive tables with near-equal row counts, one per process: a run ends
    before the table whose middle row lies past its share."""
    total = sum(len(t.rows) for t in tables)
    if workers <= 1 or len(tables) < 2 or total < SPLIT_MIN_ROWS or not can_fork():
        return [tables]
    n = min(workers, len(tables))
    runs: list[list[LogicalTable]] = [[]]
    done = 0
    for table in tables:
        if runs[-1] and len(runs) < n and done + len(table.rows) / 2 > total * len(runs) / n:
            runs.append([])
        runs[-1].append(table)
        done += len(table.rows)
    return runs
