"""The database side of an import: what is stored already, and one transaction per file.

The pipeline hands this plain values and gets plain values back; every session, lock and
query of an import is here. A dry run keeps one transaction open for the whole batch (so the
second file of a series sees the first) and rolls it back at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from councilplans.normalise.model import NormalisedDocument
from councilplans.schema.db import make_session
from councilplans.schema.loader import LoadOutcome, find_by_sha, load_document
from councilplans.schema.models import Document
from councilplans.schema.revisions import describe, resolve_series
from councilplans.status import FileStatus


@dataclass(frozen=True)
class Known:
    """A stored import of the same bytes (the latest version that holds them)."""

    document_id: int
    name: str
    version: int
    status: FileStatus
    n_records: int
    n_tables: int


@dataclass(frozen=True)
class Stored:
    """What one file's transaction did."""

    outcome: LoadOutcome
    series: str  # the stored document as users tell documents apart (title and councils)


def _lock_for_write(session: Session) -> None:
    """Hold the database's write lock for the whole transaction, before anything is read.

    Two imports running at once would otherwise both find a file (or its series) not yet
    stored, and both store it.
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("UPDATE documents SET id = id WHERE 0")  # takes the write lock
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7265627)")


class ImportStore:
    """One import's database: ``known`` before reading a file, ``store`` after."""

    def __init__(self, engine: Engine, dry_run: bool = False):
        self.engine = engine
        self.dry_run = dry_run
        self._dry: Session | None = None

    def __enter__(self) -> ImportStore:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        if self._dry is not None:
            self._dry.rollback()
            self._dry.close()
            self._dry = None

    def known(self, sha256: str) -> Known | None:
        """The stored import of these bytes that counts (a failed one is retried, not known)."""
        with make_session(self.engine) as session:
            doc = find_by_sha(session, sha256)
            if doc is None or doc.status == FileStatus.FAILED:
                return None
            return Known(doc.id, doc.name, doc.version, FileStatus(doc.status), doc.n_records,
                         doc.n_tables)

    def store(
        self, name: str, path: str, sha256: str, fmt: str | None,
        document: NormalisedDocument | None, status: FileStatus, error: str | None = None,
        pages: int | None = None, replace_id: int | None = None, revises: str | None = None,
        new_document: bool = False,
    ) -> Stored:
        """One file in one transaction: either its whole document is written or nothing is."""
        args = (name, path, sha256, fmt, document, status, error, pages, replace_id, revises,
                new_document)
        if not self.dry_run:
            with make_session(self.engine) as session, session.begin():
                return _store(session, *args)
        if self._dry is None:
            self._dry = make_session(self.engine)
            self._dry.begin()
        stored = _store(self._dry, *args)
        self._dry.flush()
        return stored


def _store(
    session: Session, name: str, path: str, sha256: str, fmt: str | None,
    document: NormalisedDocument | None, status: FileStatus, error: str | None,
    pages: int | None, replace_id: int | None, revises: str | None, new_document: bool,
) -> Stored:
    _lock_for_write(session)
    if replace_id is None:  # another import may have stored these bytes meanwhile
        known = find_by_sha(session, sha256)
        if known is not None and known.status != FileStatus.FAILED:
            outcome = LoadOutcome(known.id, FileStatus.UNCHANGED, known.version,
                                  known.n_records)
            return Stored(outcome, "")
    meta = document.meta if document else None
    choice = resolve_series(
        session, name, sha256, meta.title if meta else None,
        meta.organisations if meta else (), revises, fmt=fmt, new_document=new_document,
    )
    outcome = load_document(session, name, path, sha256, fmt, document, status, error,
                            pages=pages, replace_id=replace_id, series_key=choice.key)
    doc = session.get(Document, outcome.document_id) if outcome.document_id is not None else None
    return Stored(outcome, describe(doc) if doc is not None else "")
