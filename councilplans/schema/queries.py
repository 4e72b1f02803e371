"""Read side: the rows ``export``, ``records``, ``documents`` and ``compare`` print, as dicts.

Which records are read is decided by ``schema.filters`` alone; this module only turns the
selected rows into the flat shape users get (one dict per record, keys in ``EXPORT_KEYS``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from councilplans.normalise.model import RECORD_FIELDS
from councilplans.schema.filters import Filters, document_ids, select_record_ids
from councilplans.schema.models import Document, RecordRow

EXPORT_KEYS: tuple[str, ...] = (
    "document", "sha256", "page", "kind", *RECORD_FIELDS,
    "council", "council_code", "title", "doc_type", "version", "table_index", "row_index",
    "themes", "organisations", "extra",
)
"""Export columns: the first keys (through ``actual``) are the original export's, in its order,
so scripts reading the old export keep working; the rest describe where a record comes from."""

LIST_KEYS = ("themes", "organisations")


def _council(doc: Document) -> tuple[str | None, str | None]:
    """The owning council (the document's first named council) and its ONS GSS code."""
    from councilplans.normalise.organisations import council_code

    if not doc.organisations:
        return None, None
    name = doc.organisations[0].name
    return name, council_code(name)


def _documents(session: Session, ids) -> dict[int, Document]:
    stmt = select(Document).where(Document.id.in_(ids)).options(
        selectinload(Document.organisations))
    return {d.id: d for d in session.scalars(stmt)}


def _search_ids(session: Session, f: Filters):
    if not f.search:
        return None
    from councilplans.schema.search import matching_ids

    return matching_ids(session, f.search)


def hidden_documents(session: Session, f: Filters) -> list[int]:
    """Documents counted through their twin (a plan's PDF when its DOCX is stored too)."""
    if f.all_formats:
        return []
    from councilplans.schema.twins import twin_shadowed

    return [d.id for d in twin_shadowed(session)]


def record_ids(session: Session, f: Filters):
    """The one selection every read command uses: filters, search, twins counted once."""
    return select_record_ids(f, _search_ids(session, f), hidden_documents(session, f))


def selected_records(session: Session, f: Filters) -> list[RecordRow]:
    """The records the filters keep, with their themes and organisations loaded."""
    ids = record_ids(session, f).subquery()
    stmt = (select(RecordRow).where(RecordRow.id.in_(select(ids.c.id)))
            .order_by(RecordRow.document_id, RecordRow.id)
            .options(selectinload(RecordRow.themes), selectinload(RecordRow.organisations)))
    return list(session.scalars(stmt))


def _in_taxonomy_order(keys) -> list[str]:
    from councilplans.normalise.themes import taxonomy

    order = {t.key: i for i, t in enumerate(taxonomy())}
    return sorted(keys, key=lambda k: (order.get(k, len(order)), k))


def _row(r: RecordRow, d: Document) -> dict[str, Any]:
    row: dict[str, Any] = {"document": d.name, "sha256": d.sha256, "page": r.page,
                           "kind": r.kind}
    row.update((f, getattr(r, f)) for f in RECORD_FIELDS)
    row["due_date"] = r.due_date.isoformat() if r.due_date else None
    row["council"], row["council_code"] = _council(d)
    row.update(title=d.title, doc_type=d.doc_type, version=d.version,
               table_index=r.table_index, row_index=r.row_index,
               themes=_in_taxonomy_order(t.key for t in r.themes),
               organisations=sorted(o.name for o in r.organisations),
               extra=dict(r.extra or {}))
    return row


def export_rows(session: Session, all_versions: bool = False, *,
                filters: Filters | None = None) -> list[dict[str, Any]]:
    """One dict per selected record, keys in ``EXPORT_KEYS`` order."""
    f = filters or Filters()
    if all_versions:
        f = replace(f, all_versions=True)
    records = selected_records(session, f)
    docs = _documents(session, {r.document_id for r in records})
    return [_row(r, docs[r.document_id]) for r in records]


def records_of(session: Session, document: Document) -> list[dict[str, Any]]:
    """Every record of one stored version (for ``diff``), whatever is current."""
    rows = session.scalars(select(RecordRow).where(RecordRow.document_id == document.id)
                           .order_by(RecordRow.id)
                           .options(selectinload(RecordRow.themes),
                                    selectinload(RecordRow.organisations))).all()
    return [_row(r, document) for r in rows]


def document_rows(session: Session, all_versions: bool = False, *,
                  filters: Filters | None = None) -> list[dict[str, Any]]:
    """Each document in scope; with record filters, only documents holding a kept record."""
    f = filters or Filters()
    if all_versions:
        f = replace(f, all_versions=True)
    if f.record_level():
        ids = select(RecordRow.document_id).where(RecordRow.id.in_(record_ids(session, f)))
    else:
        ids = document_ids(f)
    stmt = (select(Document).where(Document.id.in_(ids))
            .order_by(Document.name, Document.version)
            .options(selectinload(Document.organisations)))
    out = []
    for d in session.scalars(stmt):
        council, code = _council(d)
        row = {
            "document": d.name, "sha256": d.sha256, "format": d.format, "title": d.title,
            "organisations": [o.name for o in d.organisations], "council": council,
            "council_code": code, "doc_type": d.doc_type,
            "period_start": d.period_start, "period_end": d.period_end, "pages": d.pages,
            "status": d.status, "error": d.error, "n_tables": d.n_tables,
            "n_records": d.n_records,
            # the import report: columns kept only as extra, timescales with no date understood
            "notes": list(d.notes or []),
        }
        if f.all_versions:
            row["version"] = d.version
            row["current"] = d.is_current
        out.append(row)
    return out



def paths_by_sha(session: Session, shas) -> dict[str, str | None]:
    """Where each of these files was imported from (the path the import was given)."""
    return dict(session.execute(select(Document.sha256, Document.path)
                                .where(Document.sha256.in_(list(shas)))).all())


def main_text(row: dict[str, Any]) -> str:
    """The one text a person reads a record by: its action, else indicator, outcome, objective."""
    for key in ("action", "indicator", "outcome", "objective", "output", "measure"):
        if row.get(key):
            return row[key]
    return ""
