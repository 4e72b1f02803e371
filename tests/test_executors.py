"""Import on a Dask cluster: the same records as a local import, and bad files still fail alone.

A real ``LocalCluster`` (two worker processes, as ``dask worker`` would start them) and the real
CLI with ``--executor dask://ADDRESS``; the database is SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from councilplans.cli import main

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402  (after the skip: dask comes with distributed)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# What ``make run`` imports: the five plans in both formats and the layout shapes.
SAMPLE_FILES = sorted(SAMPLES.glob("*.pdf")) + sorted(SAMPLES.glob("*.docx")) + [SAMPLES / "shapes"]
pytestmark = pytest.mark.skipif(not (SAMPLES / "shapes").is_dir(), reason="samples/ not generated")


@contextlib.contextmanager
def _cluster(**config):
    """The config stays set for the cluster's whole life: a nanny restarting a killed worker
    reads it again, and a restarted worker must not be a daemon either."""
    config = {"distributed.worker.daemon": False, **config}
    with dask.config.set(config), distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
            silence_logs=40) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def cluster():
    with _cluster() as c:
        yield c


def _spec(cluster) -> str:
    return "dask://" + cluster.scheduler_address.removeprefix("tcp://")


def _import(db_url: str, *args: str, paths=SAMPLE_FILES):
    return CliRunner().invoke(main, ["import", *map(str, paths), "--db", db_url, *args])


def _records(db_url: str) -> list[dict]:
    """Every record of every stored file, in a fixed order. Version numbers are left out: which
    of two revisions of one plan in one batch finishes first is up to the scheduler."""
    out = CliRunner().invoke(main, ["export", "--db", db_url, "--all-versions", "--all-formats"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    for row in rows:
        del row["version"]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


@pytest.fixture(scope="module")
def local_records(tmp_path_factory) -> list[dict]:
    url = f"sqlite:///{tmp_path_factory.mktemp('local') / 'local.db'}"
    result = _import(url, "--jobs", "2")
    assert result.exit_code == 0, result.output
    return _records(url)


@pytest.mark.parametrize("shared", [False, True], ids=["bytes", "shared-path"])
def test_dask_import_has_exactly_the_records_of_a_local_import(cluster, db_url, local_records,
                                                               shared):
    if shared and db_url.startswith("postgresql"):
        pytest.skip("one database is enough to show the workers reading shared paths")
    args = ["--executor", _spec(cluster)] + (["--shared-path"] if shared else [])
    result = _import(db_url, *args)
    assert result.exit_code == 0, result.output
    n_files = len(result.output.strip().splitlines()) - 1
    assert result.output.strip().splitlines()[-1] == (
        f"{n_files} documents: {n_files} imported; {len(local_records)} records")
    assert _records(db_url) == local_records
    again = _import(db_url, *args)  # unchanged files are skipped before anything is sent
    assert again.output.strip().splitlines()[-1] == (
        f"{n_files} documents: {n_files} unchanged; 0 records")


# --- bad files on the cluster: the per-file limits hold, each fails alone --------------------

def _bad_helpers():
    import importlib.util

    spec = importlib.util.spec_from_file_location("cli_errors", ROOT / "tests/test_cli_errors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


helpers = _bad_helpers()


def test_a_file_that_hangs_fails_alone_on_dask(cluster, tmp_path, sqlite_url):
    folder = tmp_path / "in"
    folder.mkdir()
    slow = helpers._slow_pdf(folder / "slow.pdf")
    good = helpers._good_docx(folder / "plan.docx")
    result = _import(sqlite_url, "--executor", _spec(cluster), "--timeout", "1", paths=[folder])
    helpers._assert_alone(result, sqlite_url, slow, "failed", "over the time limit (1 s)", good)


def test_a_file_that_kills_its_worker_process_fails_alone_on_dask(cluster, tmp_path,
                                                                    sqlite_url):
    """4 GB of content stream in a 4 MB file (scattered to a worker, being over 1 MB): the
    process reading it is stopped at the cap."""
    folder = tmp_path / "in"
    folder.mkdir()
    bomb = helpers._flate_bomb_pdf(folder / "bomb.pdf")
    good = helpers._good_docx(folder / "plan.docx")
    result = _import(sqlite_url, "--executor", _spec(cluster), "--memory-mb", "1024",
                     paths=[folder])
    message = re.compile(r"over the memory limit \(1024 MB\)(: the extractor was stopped by "
                         r"signal \d+)?")
    helpers._assert_alone(result, sqlite_url, bomb, "failed", message, good)


def test_a_dask_worker_that_dies_fails_only_its_file(tmp_path, sqlite_url):
    """The worker process itself killed while it runs one file (no retries allowed): that file
    fails with a line saying so; the files before and after it are imported."""
    import psutil

    folder = tmp_path / "in"
    folder.mkdir()
    first = helpers._good_docx(folder / "a_plan.docx")
    slow = helpers._slow_pdf(folder / "b_slow.pdf")
    shutil.copy(SAMPLES / "lbth_vawg_performance_matrix.docx", folder / "c_matrix.docx")
    with _cluster(**{"distributed.scheduler.allowed-failures": 0}) as cluster, \
            distributed.Client(cluster) as client:
        killed: list[int] = []

        def kill_the_worker_running_slow() -> None:
            end = time.monotonic() + 60
            while time.monotonic() < end and not killed:
                for worker, keys in client.processing().items():
                    if any(str(k).endswith("-1") for k in keys):  # b_slow.pdf, the second file
                        pid = client.run(os.getpid, workers=[worker])[worker]
                        proc = psutil.Process(pid)
                        for child in proc.children(recursive=True):
                            child.kill()
                        proc.send_signal(signal.SIGKILL)
                        killed.append(pid)
                        return
                time.sleep(0.05)

        killer = threading.Thread(target=kill_the_worker_running_slow)
        killer.start()
        result = _import(sqlite_url, "--executor", _spec(cluster), paths=[folder])
        killer.join()
    assert killed
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert f"{slow}: failed: the Dask worker running it died, every time it was tried (it may " \
           "crash its reader or exhaust the worker's memory)" in lines
    assert f"{first}: imported: 5 records from 1 plan table(s)" in lines
    assert any(line.startswith(f"{folder / 'c_matrix.docx'}: imported: ") for line in lines)
    assert lines[-1].startswith("3 documents: 2 imported, 1 failed; ")


def test_no_scheduler_at_the_address_is_one_clear_error(tmp_path, sqlite_url):
    folder = tmp_path / "in"
    folder.mkdir()
    helpers._good_docx(folder / "plan.docx")
    result = _import(sqlite_url, "--executor", "dask://127.0.0.1:9", paths=[folder])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no Dask scheduler at tcp://127.0.0.1:9: "), \
        result.output


def test_daemonic_workers_are_refused_with_how_to_start_them(tmp_path, sqlite_url):
    """``dask worker`` starts daemon processes by default; those cannot fork a limited child."""
    folder = tmp_path / "in"
    folder.mkdir()
    helpers._good_docx(folder / "plan.docx")
    with _cluster(**{"distributed.worker.daemon": True}) as cluster:
        result = _import(sqlite_url, "--executor", _spec(cluster), paths=[folder])
    assert result.exit_code == 1
    assert result.output == ("Error: Dask workers run as daemon processes, which cannot start the"
                             " per-file limited processes: start them with "
                             "DASK_DISTRIBUTED__WORKER__DAEMON=False\n")


def test_an_unknown_executor_is_refused(tmp_path, sqlite_url):
    result = _import(sqlite_url, "--executor", "spark", paths=[SAMPLES / "shapes"])
    assert result.exit_code == 2
    assert "unknown executor 'spark': use local, dask or dask://HOST:PORT" in result.output
