"""An import killed at any moment leaves a consistent database, and running it again finishes
the job; two imports at once on one SQLite file both succeed and store each file once."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# Small samples of both formats; the DOCX and PDF of the performance matrix join one series.
NAMES = [
    "bd_dsv_delivery_plan.docx", "lbth_vawg_performance_matrix.docx",
    "lbth_vawg_performance_matrix.pdf", "triborough_vawg_annual_report-rl.pdf",
]
pytestmark = pytest.mark.skipif(
    not all((SAMPLES / n).is_file() for n in NAMES), reason="samples/ not generated"
)
ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def _files(folder: Path, names=NAMES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def _cmd(folder: Path, db: Path, jobs: int = 1) -> list[str]:
    return [sys.executable, "-m", "councilplans", "import", str(folder), "--db",
            f"sqlite:///{db}", "--jobs", str(jobs)]


def _run(folder: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(_cmd(folder, db), capture_output=True, text=True, timeout=180,
                          env=ENV)


class _Import:
    """``councilplans import`` in its own process group, so kill -9 takes its workers too."""

    def __init__(self, folder: Path, db: Path):
        self.proc = subprocess.Popen(_cmd(folder, db), stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, env=ENV,
                                     start_new_session=True)
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    def wait_for_lines(self, n: int, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while len(self.lines) < n and self.proc.poll() is None and time.monotonic() < end:
            time.sleep(0.005)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):  # it may have finished already
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.reader.join(timeout=10)


def _check_consistent(db: Path) -> dict[str, int]:
    """Integrity, and every document complete; returns sha256 -> n_records of documents."""
    if not db.exists():
        return {}
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
            return {}  # killed while the schema was being created
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        docs = conn.execute(
            "SELECT d.id, d.name, d.sha256, d.status, d.n_records, d.n_tables, "
            "(SELECT count(*) FROM records r WHERE r.document_id = d.id), "
            "(SELECT count(*) FROM source_tables t WHERE t.document_id = d.id) FROM documents d"
        ).fetchall()
    out = {}
    for _id, name, sha, status, n_records, n_tables, records, tables in docs:
        if status in ("imported", "partial"):
            assert (records, tables) == (n_records, n_tables), name
        else:
            assert records == 0, name
        out[sha] = n_records
    return out


def _check_complete(db: Path, expected: dict[str, int]) -> None:
    """Each file stored exactly once, imported, with the records of an uninterrupted run."""
    assert _check_consistent(db) == expected
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT sha256, status FROM documents").fetchall()
        assert len(rows) == len(expected) == len({sha for sha, _ in rows})
        assert {status for _, status in rows} == {"imported"}
        for series, current, versions, distinct in conn.execute(
            "SELECT series_key, sum(is_current), count(*), count(DISTINCT version) "
            "FROM documents GROUP BY series_key"
        ):
            assert (current, distinct) == (1, versions), series


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> dict[str, int]:
    """sha256 -> n_records from an import nobody interrupted."""
    tmp = tmp_path_factory.mktemp("reference")
    db = tmp / "ref.db"
    done = _run(_files(tmp / "in"), db)
    assert done.returncode == 0, done.stderr
    counts = _check_consistent(db)
    assert len(counts) == len(NAMES) and all(counts.values())
    return counts


# Moments: seconds after the start (the first while Python is still importing), or after the
# n-th finished file (the next file's transaction is then likely under way).
MOMENTS = [0.3, 1.5, "line 1"]


@pytest.mark.parametrize("moment", MOMENTS, ids=[str(m).replace(" ", "") for m in MOMENTS])
def test_kill_9_then_import_again(tmp_path, expected, moment):
    folder = _files(tmp_path / "in")
    db = tmp_path / "plans.db"
    run = _Import(folder, db)
    try:
        if isinstance(moment, float):
            time.sleep(moment)
        else:
            run.wait_for_lines(int(moment.split()[1]))
    finally:
        run.kill()
    survived = _check_consistent(db)
    assert set(survived) <= set(expected)

    again = _run(folder, db)
    assert again.returncode == 0, again.stdout + again.stderr
    lines = again.stdout.strip().splitlines()
    assert len(lines) == len(NAMES) + 1
    imported = [ln for ln in lines if ": imported: " in ln]
    unchanged = [ln for ln in lines if ": unchanged: " in ln]
    assert len(imported) + len(unchanged) == len(NAMES), lines
    assert len(unchanged) == len(survived)  # what the killed run committed is kept
    _check_complete(db, expected)


def test_killed_again_and_again_then_completed(tmp_path, expected):
    """Several interrupted runs in a row on one database, then one that finishes."""
    folder = _files(tmp_path / "in")
    db = tmp_path / "plans.db"
    for n in (2, 3):  # the files already stored come first, as "unchanged" lines
        run = _Import(folder, db)
        try:
            run.wait_for_lines(n)
        finally:
            run.kill()
        _check_consistent(db)
    again = _run(folder, db)
    assert again.returncode == 0, again.stdout + again.stderr
    _check_complete(db, expected)


@pytest.mark.parametrize("overlap", [False, True], ids=["different-files", "same-files"])
def test_two_imports_at_once_on_a_new_sqlite_file(tmp_path, expected, overlap):
    docx_names = [n for n in NAMES if n.endswith(".docx")]
    pdf_names = [n for n in NAMES if n.endswith(".pdf")]
    if overlap:
        first = second = _files(tmp_path / "all")
    else:
        first = _files(tmp_path / "docx", docx_names)
        second = _files(tmp_path / "pdf", pdf_names)
    db = tmp_path / "plans.db"
    procs = [subprocess.Popen(_cmd(folder, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=ENV) for folder in (first, second)]
    outs = [p.communicate(timeout=180) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, out + err
    imported = sum(out.count(": imported: ") for out, _ in outs)
    assert imported == len(NAMES)  # with the same files, one of the two stores each
    if overlap:
        assert sum(out.count(": unchanged: ") for out, _ in outs) == len(NAMES)
    _check_complete(db, expected)
