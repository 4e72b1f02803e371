"""Normalised documents -> rows, one transaction per document.

A file whose bytes are already stored is left alone. A file the caller places in an existing
series (see ``revisions.resolve_series``) becomes its next version; earlier versions stay, no
longer current. If anything fails inside the transaction nothing of that document is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from councilplans import __version__
from councilplans.normalise.model import RECORD_FIELDS, NormalisedDocument, Record
from councilplans.schema.models import (
    Document,
    DocumentOrganisation,
    Organisation,
    OrganisationAlias,
    RecordOrganisation,
    RecordRow,
    RecordTheme,
    SourceTable,
    Theme,
)
from councilplans.status import FileStatus


@dataclass(frozen=True)
class LoadOutcome:
    """What the database holds for one file once its transaction is done."""

    document_id: int | None
    status: FileStatus  # the stored document's status; UNCHANGED: nothing was written
    version: int
    n_records: int
    superseded: str | None = None  # "plan.pdf v1": the version this one made not current
    replaced: bool = False  # the file's earlier import was re-extracted in place (--force)


def find_by_sha(session: Session, sha256: str) -> Document | None:
    return session.scalars(
        select(Document).where(Document.sha256 == sha256).order_by(Document.version.desc())
    ).first()


def _organisation(session: Session, name: str, cache: dict[str, Organisation]) -> Organisation:
    if name in cache:
        return cache[name]
    with session.no_autoflush:  # rows pending so far need not be written to look a name up
        org = session.scalars(select(Organisation).where(Organisation.name == name)).first()
    if org is None:
        from councilplans.normalise.organisations import gazetteer

        entry = next((o for o in gazetteer() if o.name == name), None)
        org = Organisation(name=name, kind=entry.kind if entry else None)
        if entry:
            org.aliases = [OrganisationAlias(alias=a) for a in sorted(set(entry.aliases))]
        session.add(org)
        session.flush()
    cache[name] = org
    return org


def _theme(session: Session, key: str, cache: dict[str, Theme]) -> Theme:
    if key not in cache:
        with session.no_autoflush:
            theme = session.scalars(select(Theme).where(Theme.key == key)).first()
        if theme is None:
            from councilplans.normalise.themes import taxonomy

            label = next((t.label for t in taxonomy() if t.key == key), None)
            theme = Theme(key=key, label=label)
            session.add(theme)
            session.flush()
        cache[key] = theme
    return cache[key]


def _next_version(session: Session, series_key: str) -> int:
    current = session.scalar(
        select(func.max(Document.version)).where(Document.series_key == series_key)
    )
    return (current or 0) + 1


def _insert(session: Session, model: type, rows: list[dict]) -> None:
    """Many rows of one table in one executemany, past the ORM's unit of work.

    The ORM builds, tracks and flushes an object per row: for a long plan's 900 records and
    their links that was most of a second of the import, spent after every page was read.
    """
    if rows:
        session.execute(insert(model.__table__), rows)


def _load_records(session: Session, document_id: int, records: tuple[Record, ...],
                  orgs: dict[str, Organisation], themes: dict[str, Theme]) -> None:
    """The records, then their organisation and theme links, as bulk inserts in record order.

    The ids come back from RETURNING in the order the rows were given, so the links find
    their record and ids run in record order, as the ORM gave them.
    """
    if not records:
        return
    table = RecordRow.__table__
    rows = [{
        "document_id": document_id, "kind": r.kind,
        **{f: getattr(r, f) for f in RECORD_FIELDS},
        "start_date": r.start_date, "recurrence": r.recurrence, "extra": dict(r.extra) or None,
        "page": r.page, "table_index": r.table_index, "row_index": r.row_index,
    } for r in records]
    ids = _inserted_ids(session, table, rows, document_id)
    org_links, theme_links = [], []
    for record_id, r in zip(ids, records, strict=True):
        org_links += [{"record_id": record_id,
                       "organisation_id": _organisation(session, n, orgs).id}
                      for n in dict.fromkeys(r.organisations)]
        theme_links += [{"record_id": record_id, "theme_id": _theme(session, k, themes).id}
                        for k in dict.fromkeys(r.themes)]
    _insert(session, RecordOrganisation, org_links)
    _insert(session, RecordTheme, theme_links)


def _inserted_ids(session: Session, table, rows: list[dict], document_id: int) -> list[int]:
    """Insert ``rows`` of a new document's records; their ids, in the order of ``rows``.

    SQLite gives each new row the largest rowid so far plus one, and this transaction holds
    the write lock: one plain executemany (RETURNING in parameter order costs SQLite a
    statement per row), then the document's ids in id order. Where the dialect guarantees
    RETURNING sorted by parameter order (PostgreSQL), that; elsewhere (MySQL) a row at a time.
    """
    dialect = session.get_bind().dialect
    if dialect.name == "sqlite":
        session.execute(insert(table), rows)
        return list(session.scalars(
            select(table.c.id).where(table.c.document_id == document_id).order_by(table.c.id)))
    if dialect.insert_executemany_returning_sort_by_parameter_order:
        return list(session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars())
    return [session.execute(insert(table).values(**row)).inserted_primary_key[0] for row in rows]


def load_document(
    session: Session,
    name: str,
    path: str,
    sha256: str,
    fmt: str | None,
    result: NormalisedDocument | None,
    status: FileStatus,
    error: str | None = None,
    pages: int | None = None,
    replace_id: int | None = None,
    series_key: str | None = None,
) -> LoadOutcome:
    """Write one document (and its tables and records) in the caller's open transaction.

    ``name``, ``path``, ``sha256`` and ``fmt`` (pdf, docx, or None when unknown) are the file's.
    """
    from councilplans.schema.revisions import new_series_key

    status = FileStatus(status)  # a stored word must be one of the vocabulary's
    series_key = series_key or new_series_key(name, sha256)
    previous = None
    if replace_id is not None:
        previous = session.get(Document, replace_id)
    if previous is not None:
        version = previous.version
        series_key = previous.series_key
        session.delete(previous)
        session.flush()
    else:
        # A failed attempt at these same bytes is retried in place, not kept as a version.
        for stale in session.scalars(
            select(Document).where(Document.sha256 == sha256,
                                   Document.status == FileStatus.FAILED)
        ):
            session.delete(stale)
        session.flush()
        version = _next_version(session, series_key)
    makes_current = status != FileStatus.FAILED
    before = session.scalars(
        select(Document).where(Document.series_key == series_key, Document.is_current)
    ).all()
    if makes_current:
        for doc in before:
            doc.is_current = False
    meta = result.meta if result else None
    doc = Document(
        name=name,
        path=path,
        sha256=sha256,
        format=fmt,
        title=meta.title if meta else None,
        doc_type=meta.doc_type if meta else None,
        period_start=meta.period_start if meta else None,
        period_end=meta.period_end if meta else None,
        doc_version=meta.version if meta else None,
        doc_status=meta.status if meta else None,
        pages=pages,
        status=status.value,
        error=error,
        notes=list(result.notes) if result else [],
        n_tables=len(result.tables) if result else 0,
        n_records=len(result.records) if result else 0,
        series_key=series_key,
        version=version,
        previous_id=before[0].id if before else None,
        is_current=makes_current or version == 1,
        imported_at=datetime.now(UTC).replace(tzinfo=None),
        tool_version=__version__,
    )
    session.add(doc)
    session.flush()
    if result is None:
        return LoadOutcome(doc.id, status, version, 0)
    orgs: dict[str, Organisation] = {}
    themes: dict[str, Theme] = {}
    doc_orgs = [{"document_id": doc.id, "organisation_id": _organisation(session, n, orgs).id,
                 "position": position}
                for position, n in enumerate(meta.organisations if meta else ())]
    _insert(session, DocumentOrganisation, doc_orgs)
    _insert(session, SourceTable, [{
        "document_id": doc.id, "table_index": t.table_index, "page": t.page,
        "n_rows": t.n_rows, "n_cols": t.n_cols, "is_plan": t.is_plan, "reason": t.reason,
        "kind": t.kind, "mapping": dict(t.mapping), "unmapped": list(t.unmapped),
        "merged_from": list(t.merged_from), "n_records": t.n_records,
    } for t in result.tables])
    _load_records(session, doc.id, result.records, orgs, themes)
    superseded = (f"{before[0].name} v{before[0].version}"
                  if makes_current and before and previous is None else None)
    return LoadOutcome(doc.id, status, version, len(result.records), superseded,
                       replaced=previous is not None)


