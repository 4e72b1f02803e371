"""Where files are extracted and normalised: a local process pool, or a Dask cluster.

The driver (the ``import`` process) hashes each file, skips those already stored, hands the rest
to an executor and writes each result as it comes back, one transaction per document: it stays
the only database writer whatever runs the files. Both executors run every file in a process of
its own under the per-file time and address-space limits, so a file that hangs or bombs a parser
fails alone, with the same message on a laptop and on a cluster. Results come back as files
finish, not in the order they were sent, so one slow plan holds nothing up.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import tempfile
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Protocol

from councilplans.errors import ExtractionTimeout
from councilplans.pipeline import FileFacts, FileResult, Options, process_file, sha256_of

Work = Sequence[tuple[Path, FileFacts]]
OnRead = Callable[[str], None]

MAX_TASKS = 200
"""Files a worker process runs before it is replaced, so a parser's slow leaks stay bounded.

A replacement is a fork of a process that has the libraries loaded already: it costs a few
milliseconds, not the second and a half a worker paid to load spaCy and the word lists when it
was recycled every 25 files.
"""


class Executor(Protocol):
    def run(
        self, work: Work, options: Options, stop: threading.Event, on_read: OnRead
    ) -> Iterator[FileResult]:
        """One result per file of ``work``, in the order the files finish.

        Once ``stop`` is set no more files are started; those in progress finish and are
        yielded. ``on_read`` is told each file's path as its result arrives.
        """
        ...


class ExecutorError(Exception):
    """The executor cannot run at all (no scheduler at the address, a missing extra)."""


def executor_for(spec: str) -> Executor:
    """``local``, ``dask`` (a cluster on this machine) or ``dask://HOST:PORT``."""
    if spec == "local":
        return LocalExecutor()
    if spec == "dask":
        return DaskExecutor(None)
    if spec.startswith("dask://") and len(spec) > len("dask://"):
        return DaskExecutor("tcp://" + spec[len("dask://"):])
    raise ValueError(f"unknown executor {spec!r}: use local, dask or dask://HOST:PORT")


# --- the per-file limits, shared by both executors ------------------------------------------


def preload() -> None:
    """Load the parsers and word lists in the process that forks the workers.

    A forked worker then starts with them in memory instead of paying for them (about 1.5 s of
    spaCy and gazetteer set-up) out of its first file's time limit; and loaded under the
    address-space cap they failed as "ImportError: failed to map segment" or an OpenBLAS abort.
    """
    try:
        import docx  # noqa: F401

        import councilplans.extract.docx  # noqa: F401
        import councilplans.extract.pdf  # noqa: F401
        import councilplans.normalise  # noqa: F401
        import councilplans.normalise.metadata  # noqa: F401
        from councilplans.normalise.organisations import organisations_in
        from councilplans.normalise.themes import themes_in

        organisations_in("Head of Housing")
        themes_in("domestic abuse")
    except Exception:  # the file's own run reports whatever this is
        pass


def cap_memory(memory_mb: int, load: bool = True) -> None:
    """Worker start: libraries first (a no-op after ``preload``), then the address-space cap.

    ``load`` False: the worker loads them itself while its page readers read (``process_file``
    with ``page_workers`` > 1), so that second and a half overlaps the extraction.
    """
    # Ctrl-C in a terminal reaches the whole process group: the parent decides what it means
    # (finish the files in progress, or stop now and end the workers itself).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if load:
        preload()
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)  # over the hard limit setrlimit fails: no worker, a hang
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def limited_pool(workers: int, memory_mb: int, load: bool = True):
    """A pebble pool of forked workers, each under the memory cap; tasks get their timeout."""
    from pebble import ProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPool(max_workers=workers, max_tasks=MAX_TASKS, initializer=cap_memory,
                       initargs=(memory_mb, load), context=context)


def schedule(pool, path: str, facts: FileFacts, options: Options, page_workers: int = 1):
    return pool.schedule(process_file,
                         args=(path, facts, options.password, options.engine, page_workers),
                         timeout=options.timeout)


def page_workers(jobs: int, files: int) -> int:
    """Processes each file's PDF pages may use: the jobs left over when files are fewer.

    One 120-page plan with ``--jobs 2`` reads its pages in two processes; a batch keeps one
    process per file (every worker busy already), and so does a one-core machine.
    """
    if jobs <= 1 or files <= 0:
        return 1
    return max(1, jobs // min(jobs, files))


def outcome(future, facts: FileFacts, options: Options) -> FileResult:
    """The finished future of one file as a result: over a limit and crashes are statuses too."""
    from pebble import ProcessExpired

    try:
        return future.result()
    except FutureTimeout:
        msg = ExtractionTimeout(f"over the time limit ({options.timeout:g} s)")
        return FileResult.failure(facts, str(msg))
    except ProcessExpired as exc:
        if exc.exitcode in (-9, 137) or exc.exitcode is None:
            reason = f"over the memory limit ({options.memory_mb} MB)"
        elif exc.exitcode < 0 and options.memory_mb > 0:
            # C parsers (pdfium) abort when an allocation fails under the cap
            reason = (f"over the memory limit ({options.memory_mb} MB): the extractor "
                      f"was stopped by signal {-exc.exitcode}")
        else:
            reason = f"the extractor crashed (exit code {exc.exitcode})"
        return FileResult.failure(facts, reason)
    except Exception as exc:
        return FileResult.failure(facts, f"worker error: {type(exc).__name__}: {exc}")


# --- local ------------------------------------------------------------------------------------


class LocalExecutor:
    """Today's default: a pool of ``options.jobs`` processes on this machine (0: no pool)."""

    def __init__(self) -> None:
        self._pool = None  # a pool ``sending`` started, until ``run`` or ``close`` ends it
        self._sent: dict[Path, object] = {}  # path -> future, for files sent by ``sending``
        self._shape = (1, 1)  # (workers, page workers) of that pool

    @classmethod
    def sending(cls, work: Work, options: Options) -> LocalExecutor:
        """An executor whose pool is reading every file of ``work`` already.

        For fewer files than jobs (``page_workers`` > 1): each worker loads the parsers and
        word lists itself while its page readers read, so nothing is loaded here first and the
        caller can open its database meanwhile. ``run`` awaits the files it is then given and
        ends the reading of the others (files the database holds already); ``close`` ends it
        all if ``run`` never comes.
        """
        self = cls()
        self._shape = (max(1, min(options.jobs, len(work))), page_workers(options.jobs,
                                                                            len(work)))
        self._pool = limited_pool(self._shape[0], options.memory_mb, load=False)
        for path, facts in work:
            self._sent[path] = schedule(self._pool, str(path), facts, options, self._shape[1])
        return self

    def close(self) -> None:
        """End a pool ``sending`` started that ``run`` has not taken over (its files unread)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            for future in self._sent.values():
                future.cancel()
            pool.stop()
            pool.join()

    def run(
        self, work: Work, options: Options, stop: threading.Event, on_read: OnRead
    ) -> Iterator[FileResult]:
        in_flight: dict = {}  # future -> facts
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pending = deque()
            for path, facts in work:
                future = self._sent.pop(path, None)
                if future is None:
                    pending.append((path, facts))
                else:
                    in_flight[future] = facts
            workers, split = self._shape
            for future in self._sent.values():  # stored already: not waited for
                future.cancel()
            yield from _stream(pool, in_flight, pending, workers, split, options, stop, on_read,
                               finish=not self._sent)
            return
        if options.jobs <= 0:
            for path, facts in work:
                if stop.is_set():
                    return
                on_read(facts.path)
                yield process_file(str(path), facts, options.password, options.engine)
            return
        workers = max(1, min(options.jobs, len(work)))
        split = page_workers(options.jobs, len(work))
        if split == 1:  # else the worker loads them while its page readers read
            preload()
        pool = limited_pool(workers, options.memory_mb, load=split == 1)
        yield from _stream(pool, in_flight, deque(work), workers, split, options, stop, on_read)


def _stream(pool, in_flight: dict, pending: deque, workers: int, split: int, options: Options,
            stop: threading.Event, on_read: OnRead, finish: bool = True) -> Iterator[FileResult]:
    """Keep ``pool`` fed from ``pending`` beside the futures ``in_flight``; yield each result
    as it finishes, then end the pool (at once unless every file was read and ``finish``)."""
    completed = False
    try:
        while pending or in_flight:
            # one file queued per worker beyond those running, so no worker waits while the
            # driver stores a result; on a stop the queued ones are dropped, not read
            while pending and len(in_flight) < 2 * workers and not stop.is_set():
                path, facts = pending.popleft()
                in_flight[schedule(pool, str(path), facts, options, split)] = facts
            if stop.is_set():
                for future in [f for f in in_flight if not f.running()]:
                    if future.cancel():
                        del in_flight[future]
            if not in_flight:
                break
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in [f for f in in_flight if f in done]:  # sent first, told first
                facts = in_flight.pop(future)
                on_read(facts.path)
                yield outcome(future, facts, options)
        completed = True
    finally:  # stopped early (--fail-fast, a second Ctrl-C): end the workers at once
        if completed and finish:
            pool.close()
        else:
            pool.stop()
        pool.join()


# --- Dask ---------------------------------------------------------------------------------------

EMBED_MAX = 1 << 20  # bytes: a larger file is scattered to a worker, not put in the task itself
WAIT_FOR_WORKERS = 60  # seconds for a first worker to join the scheduler
DAEMON_HELP = ("Dask workers run as daemon processes, which cannot start the per-file limited "
               "processes: start them with DASK_DISTRIBUTED__WORKER__DAEMON=False")


class DaskExecutor:
    """Files run on Dask workers, each in a limited process the worker forks.

    ``address`` None starts a cluster on this machine (``options.jobs`` worker processes) for
    the length of the import. File contents travel from the driver as bytes unless
    ``options.shared_path`` says the workers see the driver's paths; at most a few files per
    worker thread are in flight, so the driver never holds a whole folder in memory.
    """

    def __init__(self, address: str | None):
        self.address = address

    def run(
        self, work: Work, options: Options, stop: threading.Event, on_read: OnRead
    ) -> Iterator[FileResult]:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ExecutorError("the Dask executor needs the dask extra: "
                                "pip install 'councilplans[dask]'") from exc
        import dask

        cluster = None
        # The nanny hands this to the workers it starts, and again to a worker it restarts
        # after one died: they must be able to fork, so it stays set while the import runs.
        with dask.config.set({"distributed.worker.daemon": False}):
            if self.address is None:
                cluster = LocalCluster(n_workers=max(1, options.jobs), threads_per_worker=1,
                                       processes=True, dashboard_address=":0",
                                       silence_logs=40)
                client = Client(cluster)
            else:
                try:
                    client = Client(self.address, timeout=10)
                except OSError as exc:
                    raise ExecutorError(f"no Dask scheduler at {self.address}: {exc}") from exc
            try:
                yield from self._stream(client, work, options, stop, on_read)
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()

    def _stream(
        self, client, work: Work, options: Options, stop: threading.Event, on_read: OnRead
    ) -> Iterator[FileResult]:
        from distributed import as_completed as dask_completed

        try:
            client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
            daemonic = client.run(_is_daemon)
        except TimeoutError as exc:
            raise ExecutorError(f"no Dask worker joined {client.scheduler.address} within "
                                f"{WAIT_FOR_WORKERS} s") from exc
        except Exception as exc:  # typically councilplans missing on a worker
            raise ExecutorError(f"the Dask workers cannot run councilplans ({type(exc).__name__}:"
                                f" {exc}): install the same version, with the dask extra, on "
                                "every worker") from exc
        if any(daemonic.values()):
            raise ExecutorError(DAEMON_HELP)
        threads = sum(client.nthreads().values()) or 1
        token = uuid.uuid4().hex[:12]
        queue = iter(enumerate(work))
        running = dask_completed()
        facts_of: dict[str, FileFacts] = {}
        scattered: dict[str, object] = {}  # held until the file is done
        unsent: list[FileResult] = []

        def send_next() -> None:
            if stop.is_set():  # the files sent finish; no more are sent
                return
            for i, (path, facts) in queue:
                try:
                    source: bytes | str = (str(path.resolve()) if options.shared_path
                                           else path.read_bytes())
                except OSError as exc:
                    unsent.append(FileResult.failure(facts,
                                                     f"cannot read: {exc.strerror or exc}"))
                    continue
                key = f"councilplans-import-{token}-{i}"
                if isinstance(source, bytes) and len(source) > EMBED_MAX:
                    source = scattered[key] = client.scatter(source, hash=False)
                future = client.submit(run_on_worker, source, facts, options, pure=False,
                                       key=key)
                facts_of[future.key] = facts
                running.add(future)
                return

        for _ in range(2 * threads):
            send_next()
        try:
            while unsent or facts_of:
                if unsent:
                    result = unsent.pop()
                    on_read(result.facts.path)
                    yield result
                    continue
                future = next(running)
                facts = facts_of.pop(future.key)
                result = _dask_outcome(future, facts)
                future.release()
                scattered.pop(future.key, None)
                on_read(facts.path)
                yield result
                send_next()
        finally:  # the caller stopped early (--fail-fast)
            for key in facts_of:
                client.cancel(key)


def _is_daemon() -> bool:
    return multiprocessing.current_process().daemon


def _dask_outcome(future, facts: FileFacts) -> FileResult:
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        return FileResult.failure(facts, "the Dask worker running it died, every time it was "
                                  "tried (it may crash its reader or exhaust the worker's memory)")
    except Exception as exc:
        return FileResult.failure(facts, f"Dask worker error: {type(exc).__name__}: {exc}")


_pool_lock = threading.Lock()
_pool: tuple[int, int, object] | None = None  # (workers, memory_mb, pool) of this Dask worker


def _worker_pool(memory_mb: int):
    """This Dask worker's own limited pool, one process per worker thread, kept between files."""
    global _pool
    from distributed import get_worker

    workers = get_worker().state.nthreads
    with _pool_lock:
        if _pool is None or _pool[:2] != (workers, memory_mb):
            if _pool is not None:
                _pool[2].stop()
            preload()
            _pool = (workers, memory_mb, limited_pool(workers, memory_mb))
        return _pool[2]


def run_on_worker(source: bytes | str, facts: FileFacts, options: Options) -> FileResult:
    """One file on a Dask worker: the bytes (or a shared path) through a limited process."""
    pool = _worker_pool(options.memory_mb)
    with tempfile.TemporaryDirectory(prefix="councilplans-") as tmp:
        if isinstance(source, bytes):
            path = Path(tmp) / facts.name  # its own name: messages and titles read the same
            path.write_bytes(source)
        else:
            path = Path(source)
            try:
                if sha256_of(path) != facts.sha256:
                    return FileResult.failure(facts, f"{path} on the Dask worker is not the "
                                              "file the driver hashed (changed, or not a shared "
                                              "path)")
            except OSError as exc:
                return FileResult.failure(facts, f"cannot read {path} on the Dask worker "
                                          f"(is --shared-path right?): {exc.strerror or exc}")
        return outcome(schedule(pool, str(path), facts, options), facts, options)
