"""One file: extract -> normalise in a worker process, then load in the parent.

Workers have a time and memory limit so a file that hangs or balloons a parser fails alone;
only the parent writes the database, one transaction per document.
"""

from __future__ import annotations

import errno
import hashlib
import os
import resource
import zlib
from collections.abc import Iterable, Iterator
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
from councilplans.schema.revisions import resolve_series

SUFFIXES = (".pdf", ".docx")


@dataclass(frozen=True)
class Options:
    password: str | None = None
    timeout: float = 600.0  # seconds per file
    memory_mb: int = 4096  # address-space limit per worker
    jobs: int = 1
    force: bool = False
    revises: str | None = None  # a stored document the imported file is a revision of
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
    engine: Engine, result: FileResult, replace_id: int | None = None, revises: str | None = None
) -> LoadOutcome:
    """One transaction: either the whole document is written or nothing is."""
    with make_session(engine) as session, session.begin():
        _lock_for_write(session)
        if replace_id is None:  # another import may have stored these bytes meanwhile
            known = find_by_sha(session, result.facts.sha256)
            if known is not None and known.status != "failed":
                return LoadOutcome(known.id, "unchanged", known.version, known.n_records)
        meta = result.document.meta if result.document else None
        series = resolve_series(
            session, result.facts.name, meta.title if meta else None,
            meta.organisations if meta else (), revises, fmt=result.facts.format,
        )
        return load_document(
            session, result.facts, result.document, result.status, result.error,
            pages=result.pages, replace_id=replace_id, series_key=series,
        )


def import_files(
    engine: Engine, paths: list[Path], options: Options
) -> Iterator[FileReport]:
    """Import each file, yielding one report per file as it finishes."""
    work: list[tuple[Path, FileFacts]] = []
    replace_ids: dict[str, int] = {}
    for path in paths:
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

    for result in executor_for(options.executor).run(work, options):
        try:
            outcome = load_result(engine, result, replace_ids.get(result.facts.sha256),
                                  options.revises)
        except Exception as exc:
            yield FileReport(result.facts.path, "failed",
                             f"database write failed, nothing written: {exc}")
            continue
        doc = result.document
        n_tables = sum(1 for t in doc.tables if t.is_plan) if doc else 0
        if outcome.action == "unchanged":
            yield FileReport(result.facts.path, "unchanged",
                             f"unchanged (imported meanwhile as v{outcome.version})",
                             outcome.n_records, n_tables)
            continue
        if result.status in ("imported", "partial"):
            msg = f"{outcome.n_records} records from {n_tables} plan table(s)"
            if outcome.version > 1 and outcome.action == "imported":
                msg += f" (version {outcome.version})"
            if outcome.n_records == 0:
                msg += ": no plan tables found"
            if result.error:
                msg += f"; {result.error}"
        else:
            msg = result.error or result.status
        yield FileReport(result.facts.path, result.status, msg, outcome.n_records, n_tables)


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))
