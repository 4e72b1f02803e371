"""The pipeline returns data (statuses, counts, what the database holds), never sentences."""

from __future__ import annotations

import shutil
from pathlib import Path

from councilplans.pipeline import Options, import_files
from councilplans.schema.db import make_engine
from councilplans.status import FileStatus

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
MATRIX = SAMPLES / "lbth_vawg_performance_matrix.docx"  # 31 records in 8 plan tables


def test_each_file_comes_back_as_one_result_with_what_was_stored(sqlite_url, tmp_path):
    engine = make_engine(sqlite_url)
    missing = tmp_path / "gone.pdf"
    first = list(import_files(engine, [MATRIX, missing], Options(jobs=0)))
    assert [r.status for r in first] == [FileStatus.FAILED, FileStatus.IMPORTED]
    failed, imported = first
    assert (failed.path, failed.stored, failed.error.startswith("cannot read: ")) == (
        str(missing), None, True)
    outcome = imported.stored.outcome
    assert (outcome.status, outcome.version, outcome.n_records, outcome.superseded) == (
        FileStatus.IMPORTED, 1, 31, None)
    assert (imported.n_records, imported.n_tables, imported.stored.series) == (
        31, 8, "Performance Matrix (Tower Hamlets Council)")

    copy = tmp_path / "copy.docx"  # the same bytes under another name: known, not read
    shutil.copy(MATRIX, copy)
    (again,) = import_files(engine, [copy], Options(jobs=0))
    assert (again.status, again.stored, again.document) == (FileStatus.UNCHANGED, None, None)
    assert (again.known.name, again.known.version, again.n_records) == (MATRIX.name, 1, 31)


def test_the_status_words_are_the_stored_and_printed_ones():
    assert [str(s) for s in FileStatus] == ["imported", "partial", "unchanged", "no_text",
                                           "failed"]
    assert [s for s in FileStatus if s.is_failure] == [FileStatus.NO_TEXT, FileStatus.FAILED]
    assert FileStatus("partial").has_records and not FileStatus.UNCHANGED.has_records


LONG_PDF = SAMPLES / "triborough_vawg_annual_report.pdf"  # 26 pages: read by two page readers


def _rows(engine) -> list[dict]:
    from councilplans.schema.db import make_session
    from councilplans.schema.queries import export_rows

    with make_session(engine) as session:
        return export_rows(session)


def test_the_import_command_starts_reading_before_sqlalchemy_loads():
    """Parsing ``import``'s options and sending a long plan to its workers needs neither
    SQLAlchemy nor the parsers: its pages are read while the driver loads them and opens the
    database."""
    import subprocess
    import sys

    code = ("import sys, councilplans.cli, councilplans.pipeline, councilplans.executors; "
            "from councilplans.schema.urls import database_url; database_url('x.db'); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'sqlalchemy', 'alembic', 'spacy', 'numpy', 'pypdfium2'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_a_plan_read_before_the_database_opened_gives_one_process_records(sqlite_url, tmp_path):
    from councilplans.pipeline import start_reading

    options = Options(jobs=2)
    assert start_reading([LONG_PDF, MATRIX], options) is None  # two files: one worker each
    assert start_reading([LONG_PDF], Options(jobs=1)) is None
    assert start_reading([LONG_PDF], Options(jobs=2, executor="dask")) is None
    alone = make_engine(f"sqlite:///{tmp_path / 'alone.db'}")
    (one,) = import_files(alone, [LONG_PDF], Options(jobs=0))

    engine = make_engine(sqlite_url)
    started = start_reading([LONG_PDF], options)
    assert started is not None and list(started.facts) == [LONG_PDF]
    (first,) = import_files(engine, [LONG_PDF], options, started=started)
    assert (first.status, first.stored.outcome.version) == (FileStatus.IMPORTED, 1)
    assert first.n_records == one.n_records == 43
    assert _rows(engine) == _rows(alone)

    again = start_reading([LONG_PDF], options)  # stored already: its reading is ended
    (second,) = import_files(engine, [LONG_PDF], options, started=again)
    assert (second.status, second.known.version, second.n_records) == (
        FileStatus.UNCHANGED, 1, 43)
    (reading,) = again.executor._sent.values()
    assert reading.cancelled() and again.executor._pool is None


def test_a_database_that_cannot_open_ends_the_workers_started_before(tmp_path):
    import multiprocessing

    from click.testing import CliRunner

    from councilplans.cli import main

    result = CliRunner().invoke(main, ["import", str(LONG_PDF), "--jobs", "2", "--db",
                                       "sqlite:////nonexistent/dir/x.db"])
    assert result.exit_code == 1
    assert "cannot open database sqlite:////nonexistent/dir/x.db" in result.output
    assert multiprocessing.active_children() == []
