"""Read side: the rows ``export`` and ``documents`` print, as plain dicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from councilplans.normalise.model import RECORD_FIELDS
from councilplans.schema.models import Document, RecordRow

EXPORT_KEYS: tuple[str, ...] = ("document", "sha256", "page", "kind", *RECORD_FIELDS)


def _documents(session: Session, all_versions: bool):
    stmt = select(Document).order_by(Document.name, Document.version)
    if not all_versions:
        stmt = stmt.where(Document.is_current)
    return session.scalars(stmt.options(selectinload(Document.organisations))).all()


def records_of(session: Session, document: Document) -> list[dict[str, Any]]:
    return _rows(session, {document.id: document})


def export_rows(session: Session, all_versions: bool = False) -> list[dict[str, Any]]:
    return _rows(session, {d.id: d for d in _documents(session, all_versions)})


def _rows(session: Session, docs: dict[int, Document]) -> list[dict[str, Any]]:
    if not docs:
        return []
    rows = session.scalars(
        select(RecordRow).where(RecordRow.document_id.in_(docs)).order_by(
            RecordRow.document_id, RecordRow.id
        )
    ).all()
    out = []
    for r in rows:
        d = docs[r.document_id]
        row: dict[str, Any] = {"document": d.name, "sha256": d.sha256, "page": r.page,
                               "kind": r.kind}
        row.update((f, getattr(r, f)) for f in RECORD_FIELDS)
        row["due_date"] = r.due_date.isoformat() if r.due_date else None
        out.append(row)
    return out


def document_rows(session: Session, all_versions: bool = False) -> list[dict[str, Any]]:
    out = []
    for d in _documents(session, all_versions):
        row = {
            "document": d.name, "sha256": d.sha256, "format": d.format, "title": d.title,
            "organisations": [o.name for o in d.organisations], "doc_type": d.doc_type,
            "period_start": d.period_start, "period_end": d.period_end, "pages": d.pages,
            "status": d.status, "error": d.error, "n_tables": d.n_tables,
            "n_records": d.n_records,
            # the import report: columns kept only as extra, timescales with no date understood
            "notes": list(d.notes or []),
        }
        if all_versions:
            row["version"] = d.version
            row["current"] = d.is_current
        out.append(row)
    return out
