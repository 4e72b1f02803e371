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
