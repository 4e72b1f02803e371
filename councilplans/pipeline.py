"""One file: extract -> normalise in a worker process, then load in the parent.

Workers have a time and memory limit so a file that hangs or balloons a parser fails alone;
only the parent writes the database, one transaction per document. Files go to the workers a
few at a time, so a stop request (Ctrl-C) lets the files in progress finish and be committed
without starting more.
"""

from __future__ import annotations

import errno
import hashlib
import os
import resource
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from councilplans.errors import (
    CouncilPlansError,
    ExtractionMemoryError,
    NoTextLayer,
)
from councilplans.normalise.model import NormalisedDocument
from councilplans.schema.db import make_session
from councilplans.schema.loader import FileFacts, LoadOutcome, find_by_sha, load_document
from councilplans.schema.revisions import describe, resolve_series

SUFFIXES = (".pdf", ".docx")


@dataclass(frozen=True)
class Options:
    password: str | None = None
    timeout: float = 600.0  # seconds per file
    memory_mb: int = 4096  # address-space limit per worker
    jobs: int = 1
    force: bool = False
    revises: str | None = None  # a stored document the imported file is a revision of
    new_document: bool = False  # never a revision of a stored document
    dry_run: bool = False  # say what would be imported and superseded; write nothing
    executor: str = "local"  # local | dask | dask://HOST:PORT (councilplans.executors)
    shared_path: bool = False  # Dask workers read the driver's paths instead of getting bytes
    engine: str = "native"  # extraction engine for PDFs (councilplans.extract.engines)


@dataclass(frozen=True)
class FileResult:
    """What a worker sends back: everything the loader needs, nothing it must recompute."""

    facts: FileFacts
    status: str  # imported | partial | failed | no_text
    error: str | None = None
    pages: int | None = None
    document: NormalisedDocument | None = None


@dataclass(frozen=True)
class FileReport:
    path: str
    status: str  # imported | partial | failed | no_text | unchanged
    message: str
    n_records: int = 0
    n_tables: int = 0
    warned: bool = False  # the file was read with warnings (or nothing was found in it)


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus *.pdf / *.docx under folders, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = (f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            out.extend(sorted(found))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def facts_for(path: Path) -> FileFacts:
    return FileFacts(name=path.name, path=str(path), sha256=sha256_of(path), format=None)


def process_file(
    path: str, facts: FileFacts, password: str | None = None, engine: str = "native"
) -> FileResult:
    """Extract and normalise one file; every failure becomes a status and a message."""
    from dataclasses import replace

    from councilplans.extract import extract_document
    from councilplans.normalise import normalise_document

    try:
        raw = extract_document(path, password=password, engine=engine)
        facts = replace(facts, format=raw.format)
        result = normalise_document(raw)
    except NoTextLayer as exc:
        return FileResult(replace(facts, format="pdf"), exc.status, str(exc))
    except CouncilPlansError as exc:
        return FileResult(facts, exc.status, str(exc))
    except Exception as exc:  # a parser bug must not end the batch; say what it was
        if _out_of_memory(exc):
            limit = resource.getrlimit(resource.RLIMIT_AS)[0]
            size = f" ({limit // 2**20} MB)" if limit != resource.RLIM_INFINITY else ""
            return FileResult(facts, "failed",
                              str(ExtractionMemoryError(f"over the memory limit{size}")))
        return FileResult(facts, "failed", f"unexpected error: {type(exc).__name__}: {exc}")
    status = "partial" if raw.warnings else "imported"
    error = "; ".join(raw.warnings) if raw.warnings else None
    return FileResult(facts, status, error, raw.pages, result)


def _out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` is an allocation failing, as C libraries report it under a memory cap."""
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, zlib.error):
        return "Error -4" in str(exc)  # Z_MEM_ERROR
    if isinstance(exc, OSError | ImportError):
        return getattr(exc, "errno", None) == errno.ENOMEM or "failed to map segment" in str(exc)
    return False


def _lock_for_write(session) -> None:
    """Hold the database's write lock for the whole transaction, before anything is read.

    Two imports running at once would otherwise both find a file (or its series) not yet
    stored, and both store it.
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("UPDATE documents SET id = id WHERE 0")  # takes the write lock
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7265627)")


def load_result(
    engine: Engine, result: FileResult, replace_id: int | None = None, revises: str | None = None,
    new_document: bool = False,
) -> LoadOutcome:
    """One transaction: either the whole document is written or nothing is."""
    with make_session(engine) as session, session.begin():
        return store_result(session, result, replace_id, revises, new_document)


def store_result(
    session, result: FileResult, replace_id: int | None = None, revises: str | None = None,
    new_document: bool = False,
) -> LoadOutcome:
    """Write one file's document into the session's open transaction (the caller commits)."""
    _lock_for_write(session)
    if replace_id is None:  # another import may have stored these bytes meanwhile
        known = find_by_sha(session, result.facts.sha256)
        if known is not None and known.status != "failed":
            return LoadOutcome(known.id, "unchanged", known.version, known.n_records)
    meta = result.document.meta if result.document else None
    choice = resolve_series(
        session, result.facts.name, result.facts.sha256, meta.title if meta else None,
        meta.organisations if meta else (), revises, fmt=result.facts.format,
        new_document=new_document,
    )
    return load_document(
        session, result.facts, result.document, result.status, result.error,
        pages=result.pages, replace_id=replace_id, series_key=choice.key,
    )


def import_files(
    engine: Engine, paths: list[Path], options: Options, stop: threading.Event | None = None,
    on_read: Callable[[str], None] | None = None,
) -> Iterator[FileReport]:
    """Import each file, yielding one report per file as it finishes.

    ``stop``, once set, lets the files being read finish (and be stored) and starts no more.
    ``on_read`` is told each file's path when its result is awaited (a progress bar shows it).
    With ``options.dry_run`` everything happens inside one transaction that is rolled back.
    """
    stop = stop or threading.Event()
    on_read = on_read or (lambda _path: None)
    work: list[tuple[Path, FileFacts]] = []
    replace_ids: dict[str, int] = {}
    for path in paths:
        if stop.is_set():
            return
        try:
            facts = facts_for(path)
        except OSError as exc:
            yield FileReport(str(path), "failed", f"cannot read: {exc.strerror or exc}")
            continue
        with make_session(engine) as session:
            known = find_by_sha(session, facts.sha256)
            if known is not None and known.status != "failed":
                if not options.force:
                    yield FileReport(str(path), "unchanged",
                                     f"unchanged (already imported as {known.name} "
                                     f"v{known.version})", known.n_records, known.n_tables)
                    continue
                replace_ids[facts.sha256] = known.id
        work.append((path, facts))
    if not work:
        return
    from councilplans.executors import executor_for

    results = executor_for(options.executor).run(work, options, stop, on_read)
    dry_session = make_session(engine) if options.dry_run else None
    try:
        if dry_session is not None:
            dry_session.begin()
        for result in results:
            yield _store_and_report(engine, dry_session, result,
                                    replace_ids.get(result.facts.sha256), options)
    finally:
        if dry_session is not None:
            dry_session.rollback()
            dry_session.close()


def _store_and_report(engine: Engine, dry_session, result: FileResult, replace_id: int | None,
                      options: Options) -> FileReport:
    try:
        if dry_session is not None:
            outcome = store_result(dry_session, result, replace_id, options.revises,
                                   options.new_document)
            dry_session.flush()
            current = _describe_by_id(dry_session, outcome.document_id)
        else:
            with make_session(engine) as session, session.begin():
                outcome = store_result(session, result, replace_id, options.revises,
                                       options.new_document)
                current = _describe_by_id(session, outcome.document_id)
    except Exception as exc:
        return FileReport(result.facts.path, "failed",
                          f"database write failed, nothing written: {exc}")
    doc = result.document
    n_tables = sum(1 for t in doc.tables if t.is_plan) if doc else 0
    if outcome.action == "unchanged":
        return FileReport(result.facts.path, "unchanged",
                          f"unchanged (imported meanwhile as v{outcome.version})",
                          outcome.n_records, n_tables)
    warned = False
    if result.status in ("imported", "partial"):
        msg = f"{outcome.n_records} records from {n_tables} plan table(s)"
        if outcome.n_records == 0:
            msg += ": no plan tables found"
            warned = True
        if outcome.superseded:
            msg += (f"; version {outcome.version} of {current}, replacing "
                    f"{outcome.superseded}")
        if result.error:
            msg += f"; {result.error}"
            warned = True
    else:
        msg = result.error or result.status
    return FileReport(result.facts.path, result.status, msg, outcome.n_records, n_tables, warned)


def _describe_by_id(session, document_id: int | None) -> str:
    from councilplans.schema.models import Document

    doc = session.get(Document, document_id) if document_id is not None else None
    return describe(doc) if doc is not None else ""


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))
