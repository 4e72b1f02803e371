"""Ctrl-C during an import, two first-time imports at once on PostgreSQL, and the progress
bar on a terminal: real `councilplans import` processes on the committed samples."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
NAMES = ["havering_vawg_strategy.pdf", "bd_dsv_delivery_plan.pdf",
         "lbth_vawg_action_plan_2024.pdf", "triborough_vawg_annual_report.pdf",
         "lbth_vawg_performance_matrix.pdf", "havering_vawg_strategy-rl.pdf"]
ENV = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "120"}


def _folder(tmp_path: Path, names=NAMES) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def _start(folder: Path, db: str, jobs: int = 1) -> subprocess.Popen:
    """An import in its own process group, as a shell runs it: Ctrl-C reaches the group."""
    return subprocess.Popen(
        [sys.executable, "-m", "councilplans", "import", str(folder), "--db", db,
         "--jobs", str(jobs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
        start_new_session=True)


def _stored(db: Path) -> list[tuple[str, int, int]]:
    """(name, n_records, records stored) of each document; the database checked whole."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return conn.execute(
            "SELECT d.name, d.n_records, (SELECT count(*) FROM records r "
            "WHERE r.document_id = d.id) FROM documents d ORDER BY d.name").fetchall()


def test_first_ctrl_c_finishes_the_files_in_progress_and_keeps_them(tmp_path):
    folder, db = _folder(tmp_path), tmp_path / "plans.db"
    proc = _start(folder, f"sqlite:///{db}")
    first = proc.stdout.readline()  # one file stored: the next is being read
    assert ": imported: " in first, first + proc.stderr.read()
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, out + err
    assert ("stopping after the files in progress (finished files are kept; press again to "
            "stop now)") in err
    lines = [first, *out.splitlines()]
    reported = [ln.split(": imported: ")[0] for ln in lines if ": imported: " in ln]
    assert 1 <= len(reported) < len(NAMES)
    assert lines[-1].endswith(f"; stopped by Ctrl-C, {len(NAMES) - len(reported)} files not read")
    stored = _stored(db)
    assert sorted(Path(p).name for p in reported) == [name for name, _, _ in stored]
    assert all(n == count > 0 for _, n, count in stored)

    again = subprocess.run([sys.executable, "-m", "councilplans", "import", str(folder), "--db",
                            f"sqlite:///{db}", "--jobs", "1"], capture_output=True, text=True,
                           env=ENV, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.count(": unchanged: ") == len(reported)


def _slow_pdf(path: Path) -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location("cli_errors", ROOT / "tests/test_cli_errors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._slow_pdf(path)


def test_second_ctrl_c_stops_at_once_and_the_database_stays_whole(tmp_path):
    """The file in progress takes a minute to read (a sample file can finish between two
    presses), so the second press is what ends the import."""
    folder, db = _folder(tmp_path, names=NAMES[:1]), tmp_path / "plans.db"
    _slow_pdf(folder / "slow_plan.pdf")
    for name in NAMES[1:3]:
        shutil.copy(SAMPLES / name, folder / f"z_{name}")
    proc = _start(folder, f"sqlite:///{db}")
    first = proc.stdout.readline()
    assert ": imported: " in first
    os.killpg(proc.pid, signal.SIGINT)
    time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("stopped: ")
    stored = _stored(db)
    assert 1 <= len(stored) < len(NAMES)
    assert all(n == count for _, n, count in stored)  # no document half-written


def _pg_admin():
    url = os.environ.get("COUNCILPLANS_TEST_PG",
                         "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    try:
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT",
                                  connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
    except Exception as exc:
        pytest.skip(f"no PostgreSQL server reachable at {url}: {type(exc).__name__}")
    return engine, url


def test_two_first_time_imports_on_a_fresh_postgresql_database_make_one_schema(tmp_path):
    admin, url = _pg_admin()
    name = f"cp_fresh_{os.getpid()}_{int(time.time())}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    db_url = url.rsplit("/", 1)[0] + "/" + name
    try:
        folders = []
        for i, names in enumerate((NAMES[:2], NAMES[2:4])):
            folder = tmp_path / f"in{i}"
            folder.mkdir()
            for n in names:
                shutil.copy(SAMPLES / n, folder / n)
            folders.append(folder)
        procs = [_start(folder, db_url, jobs=0) for folder in folders]
        outs = [p.communicate(timeout=300) for p in procs]
        for p, (out, err) in zip(procs, outs, strict=True):
            assert p.returncode == 0, out + err
            assert "UniqueViolation" not in err
        engine = sa.create_engine(db_url)
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one() == 4
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).all()
        engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def test_on_a_terminal_a_file_with_no_records_gets_its_own_line(tmp_path):
    """stderr is a pseudo-terminal: the bar runs there, silent successes stay silent."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "shapes" / "shape_headers.docx", folder / "a_plan.docx")
    shutil.copy(SAMPLES / "shapes" / "shape_not_plans.pdf", folder / "b_none.pdf")
    import docx

    empty = docx.Document()
    empty.add_paragraph("Minutes of the meeting. No tables here.")
    empty.save(str(folder / "c_minutes.docx"))
    main_fd, sub_fd = pty.openpty()
    fcntl.ioctl(sub_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))  # a real size
    proc = subprocess.Popen(
        [sys.executable, "-m", "councilplans", "import", str(folder), "--db",
         f"sqlite:///{tmp_path / 'plans.db'}", "--jobs", "0"],
        stdout=subprocess.PIPE, stderr=sub_fd, text=True, env=ENV)
    os.close(sub_fd)
    chunks = []
    while True:
        ready, _, _ = select.select([main_fd], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(main_fd, 4096)
        except OSError:  # the terminal's other side closed: the import ended
            break
        if not data:
            break
        chunks.append(data)
    out = proc.communicate(timeout=60)[0]
    os.close(main_fd)
    screen = b"".join(chunks).decode()
    lines = [ln.rstrip("\r").split("\r")[-1].strip() for ln in screen.split("\n")]
    assert f"{folder / 'c_minutes.docx'}: imported: 0 records from 0 plan table(s): no plan " \
           "tables found" in lines
    assert not any("a_plan.docx: imported" in ln for ln in lines)  # a silent success
    assert "a_plan.docx" in screen and "c_minutes.docx" in screen  # the bar names the file
    assert out.strip().splitlines() == ["3 documents: 3 imported; 7 records"]


def test_ctrl_c_while_the_database_is_being_created_is_a_plain_stop(tmp_path):
    """A press while the new database is being set up (its file just appeared: schema and
    migrations under way, or the first file started) gives exit 130 and one line, never a
    traceback or click's 'Aborted!' with status 1."""
    folder, db = _folder(tmp_path, NAMES[:2]), tmp_path / "plans.db"
    proc = _start(folder, f"sqlite:///{db}")
    deadline = time.monotonic() + 60
    while not db.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, out + err
    assert "Traceback" not in err and "Aborted!" not in err, err
    assert "stop" in err, err
