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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from councilplans.errors import (
    CouncilPlansError,
    ExtractionMemoryError,
    NoTextLayer,
)
from councilplans.status import FileStatus

if TYPE_CHECKING:  # loaded once a single file's pages are being read (``start_reading``)
    from sqlalchemy.engine import Engine

    from councilplans.executors import LocalExecutor
    from councilplans.normalise.model import NormalisedDocument
    from councilplans.schema.store import ImportStore, Known, Stored

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
class FileFacts:
    """What the pipeline knows about a file before (or without) reading it."""

    name: str
    path: str
    sha256: str  # "" when the file could not even be read
    format: str | None  # pdf | docx, once the extractor has looked at the bytes


@dataclass(frozen=True)
class FileResult:
    """One file's import, from the worker to the user: the one per-file type.

    A worker fills what it read (status, error, pages, document); the driver adds what the
    database holds for it (``stored``), or the earlier import of the same bytes it skipped
    (``known``). The CLI words it; nothing here is a sentence for the user but the reason of a
    failure, which comes from where it happened.
    """

    facts: FileFacts
    status: FileStatus
    error: str | None = None  # why the file failed, or the warnings of a partial read
    pages: int | None = None
    document: NormalisedDocument | None = None
    stored: Stored | None = None  # after the driver's transaction
    known: Known | None = None  # UNCHANGED before reading: the stored import of these bytes

    @classmethod
    def failure(cls, facts: FileFacts, reason: str) -> FileResult:
        return cls(facts, FileStatus.FAILED, reason)

    @property
    def path(self) -> str:
        return self.facts.path

    @property
    def n_records(self) -> int:
        if self.known is not None:
            return self.known.n_records
        return self.stored.outcome.n_records if self.stored is not None else 0

    @property
    def n_tables(self) -> int:
        """Plan tables that gave records (the stored count for a file skipped as unchanged);
        tables that only added figures to other tables' rows (indicator cards) are not
        counted."""
        if self.known is not None:
            return self.known.n_tables
        if not self.document:
            return 0
        return sum(1 for t in self.document.tables if t.is_plan and t.n_records)


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
    path: str, facts: FileFacts, password: str | None = None, engine: str = "native",
    page_workers: int = 1,
) -> FileResult:
    """Extract and normalise one file; every failure becomes a status and a message.

    ``page_workers`` > 1: a long PDF's pages are read in that many processes while this one
    loads what normalisation needs (spaCy, the gazetteer), unless it has them already; then
    a long document's tables are normalised in that many processes.
    """
    from councilplans.extract import extract_document

    warm = None
    if page_workers > 1:
        from councilplans.executors import preload as warm
    try:
        raw = extract_document(path, password=password, engine=engine, workers=page_workers,
                               while_waiting=warm)
        facts = replace(facts, format=raw.format)
        # imported once the pages are read (a worker sent a file before the driver loaded
        # normalise imports it while its page readers read, not before they start)
        from councilplans.normalise import normalise_document

        result = normalise_document(raw, workers=page_workers)
    except NoTextLayer as exc:
        return FileResult(replace(facts, format="pdf"), exc.status, str(exc))
    except CouncilPlansError as exc:
        return FileResult(facts, exc.status, str(exc))
    except Exception as exc:  # a parser bug must not end the batch; say what it was
        if _out_of_memory(exc):
            limit = resource.getrlimit(resource.RLIMIT_AS)[0]
            size = f" ({limit // 2**20} MB)" if limit != resource.RLIM_INFINITY else ""
            return FileResult.failure(
                facts, str(ExtractionMemoryError(f"over the memory limit{size}")))
        return FileResult.failure(facts, f"unexpected error: {type(exc).__name__}: {exc}")
    status = FileStatus.PARTIAL if raw.warnings else FileStatus.IMPORTED
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


@dataclass
class Started:
    """Files handed to local workers before the driver opened its database (``start_reading``).

    ``facts``: what was hashed for them, so nothing is hashed twice. ``close`` ends the
    workers if ``import_files`` never took them over (a failure to open the database, a stop).
    """

    executor: LocalExecutor
    facts: dict[Path, FileFacts]

    def close(self) -> None:
        self.executor.close()


def start_reading(paths: list[Path], options: Options) -> Started | None:
    """Start reading a file or two before the database is open, where that pays.

    A long plan imported alone has its pages read in several processes; the driver's own
    start-up (SQLAlchemy, the schema check, opening the database: most of a second on one
    core) then runs beside them instead of before them. Only where each file gets two local
    workers or more (``page_workers``), each worker then taking one file with page readers of
    its own: nothing waits in a queue for a file the database may say is unchanged
    (``import_files`` ends that reading).
    None: nothing started, ``import_files`` sends the files as usual.
    """
    from councilplans.executors import LocalExecutor, page_workers

    if options.executor != "local" or page_workers(options.jobs, len(paths)) <= 1:
        return None
    try:
        work = [(path, facts_for(path)) for path in paths]
    except OSError:
        return None  # import_files says why, file by file
    return Started(LocalExecutor.sending(work, options), dict(work))


def import_files(
    engine: Engine, paths: list[Path], options: Options, stop: threading.Event | None = None,
    on_read: Callable[[str], None] | None = None, started: Started | None = None,
) -> Iterator[FileResult]:
    """Import each file, yielding one result per file as it finishes.

    ``stop``, once set, lets the files being read finish (and be stored) and starts no more.
    ``on_read`` is told each file's path when its result is awaited (a progress bar shows it).
    With ``options.dry_run`` everything happens inside one transaction that is rolled back.
    ``started``: the files ``start_reading`` sent already; this awaits them (or ends their
    reading if the database holds them) and ends those workers however it ends.
    """
    from councilplans.schema.store import ImportStore

    stop = stop or threading.Event()
    on_read = on_read or (lambda _path: None)
    early = started.facts if started is not None else {}
    work: list[tuple[Path, FileFacts]] = []
    replace_ids: dict[str, int] = {}
    try:
        with ImportStore(engine, dry_run=options.dry_run) as store:
            for path in paths:
                if stop.is_set():
                    return
                try:
                    facts = early[path] if path in early else facts_for(path)
                except OSError as exc:
                    yield FileResult(FileFacts(path.name, str(path), "", None),
                                     FileStatus.FAILED, f"cannot read: {exc.strerror or exc}")
                    continue
                known = store.known(facts.sha256)
                if known is not None:
                    if not options.force:
                        yield FileResult(facts, FileStatus.UNCHANGED, known=known)
                        continue
                    replace_ids[facts.sha256] = known.document_id
                work.append((path, facts))
            if not work:
                return
            from councilplans.executors import executor_for

            executor = started.executor if started is not None else executor_for(
                options.executor)
            for result in executor.run(work, options, stop, on_read):
                yield _stored(store, result, replace_ids.get(result.facts.sha256), options)
    finally:
        if started is not None:  # a no-op once ``run`` took its workers over
            started.close()


def _stored(store: ImportStore, result: FileResult, replace_id: int | None,
            options: Options) -> FileResult:
    """``result`` with what its transaction did; a failed write is the file's failure."""
    facts = result.facts
    try:
        stored = store.store(facts.name, facts.path, facts.sha256, facts.format, result.document,
                             result.status, result.error, result.pages, replace_id,
                             options.revises, options.new_document)
    except Exception as exc:
        # the driver's own words; SQLAlchemy appends the statement and its parameters on
        # lines of their own, which a per-file line has no room for
        reason = next((ln for ln in str(exc).splitlines() if ln.strip()), type(exc).__name__)
        return replace(result, status=FileStatus.FAILED, document=None,
                       error=f"database write failed, nothing written: {reason}")
    if stored.outcome.status == FileStatus.UNCHANGED:
        return replace(result, status=FileStatus.UNCHANGED, stored=stored)
    return replace(result, stored=stored)


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))
