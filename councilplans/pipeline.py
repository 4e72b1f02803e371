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
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from councilplans.errors import (
    CouncilPlansError,
    ExtractionMemoryError,
    ExtractionTimeout,
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


def process_file(path: str, facts: FileFacts, password: str | None = None) -> FileResult:
    """Extract and normalise one file; every failure becomes a status and a message."""
    from dataclasses import replace

    from councilplans.extract import extract_document
    from councilplans.normalise import normalise_document

    try:
        raw = extract_document(path, password=password)
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


def _limit_memory(memory_mb: int) -> None:
    """Worker start: load the parsers and word lists, then cap the address space.

    The time and memory limits are for what a file costs. Loaded under the cap, the libraries
    themselves failed as "ImportError: failed to map segment" or an OpenBLAS abort, and their
    loading counted against the first file's time limit.
    """
    try:
        import docx  # noqa: F401

        import councilplans.extract.docx  # noqa: F401
        import councilplans.extract.pdf  # noqa: F401
        import councilplans.normalise.metadata  # noqa: F401
        from councilplans.normalise.organisations import organisations_in
        from councilplans.normalise.themes import themes_in

        organisations_in("Head of Housing")
        themes_in("domestic abuse")
    except Exception:  # the file's own run reports whatever this is
        pass
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)  # over the hard limit setrlimit fails: no worker, a hang
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _run_workers(work: list[tuple[Path, FileFacts]], options: Options) -> Iterator[FileResult]:
    from pebble import ProcessExpired, ProcessPool

    workers = max(1, min(options.jobs, len(work)))
    with ProcessPool(max_workers=workers, max_tasks=25, initializer=_limit_memory,
                     initargs=(options.memory_mb,)) as pool:
        futures = [
            (facts, pool.schedule(process_file, args=(str(path), facts, options.password),
                                  timeout=options.timeout))
            for path, facts in work
        ]
        try:
            for facts, future in futures:
                try:
                    yield future.result()
                except FutureTimeout:
                    msg = ExtractionTimeout(f"over the time limit ({options.timeout:g} s)")
                    yield FileResult(facts, "failed", str(msg))
                except ProcessExpired as exc:
                    if exc.exitcode in (-9, 137) or exc.exitcode is None:
                        reason = f"over the memory limit ({options.memory_mb} MB)"
                    elif exc.exitcode < 0 and options.memory_mb > 0:
                        # C parsers (pdfium) abort when an allocation fails under the cap
                        reason = (f"over the memory limit ({options.memory_mb} MB): the extractor "
                                  f"was stopped by signal {-exc.exitcode}")
                    else:
                        reason = f"the extractor crashed (exit code {exc.exitcode})"
                    yield FileResult(facts, "failed", reason)
                except Exception as exc:
                    yield FileResult(facts, "failed", f"worker error: {type(exc).__name__}: {exc}")
        finally:  # the caller stopped early (--fail-fast): drop the files not yet done
            for _facts, future in futures:
                future.cancel()


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
    if options.jobs <= 0:
        results: Iterable[FileResult] = (
            process_file(str(p), f, options.password) for p, f in work
        )
    else:
        results = _run_workers(work, options)
    for result in results:
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
