"""pdfplumber and camelot as extraction engines: the same model, the same records, or one line
saying which extra to install."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from councilplans.cli import main
from councilplans.extract import extract_document

ROOT = Path(__file__).resolve().parents[2]
MATRIX = ROOT / "samples" / "lbth_vawg_performance_matrix.pdf"  # LibreOffice, 11 ruled tables
ENGINES = ["native", "pdfplumber", "camelot"]
pytestmark = pytest.mark.skipif(not MATRIX.is_file(), reason="samples/ not generated")


def _export(db_url: str) -> list[dict]:
    out = CliRunner().invoke(main, ["export", "--db", db_url])
    return [json.loads(line) for line in out.output.splitlines()]


@pytest.fixture(scope="module")
def native_records(tmp_path_factory) -> list[dict]:
    url = f"sqlite:///{tmp_path_factory.mktemp('native') / 'n.db'}"
    result = CliRunner().invoke(main, ["import", str(MATRIX), "--db", url, "--jobs", "0"])
    assert result.exit_code == 0, result.output
    return _export(url)


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_imports_the_records_of_the_native_reader(engine, sqlite_url,
                                                               native_records):
    pytest.importorskip("camelot" if engine == "camelot" else "pdfplumber")
    result = CliRunner().invoke(main, ["import", str(MATRIX), "--db", sqlite_url, "--jobs", "0",
                                       "--engine", engine])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        f"{MATRIX}: imported: 31 records from 8 plan table(s)")
    assert _export(sqlite_url) == native_records


@pytest.mark.parametrize("engine", ENGINES[1:])
def test_engines_yield_the_raw_table_model(engine):
    pytest.importorskip(engine)
    native = extract_document(MATRIX)
    other = extract_document(MATRIX, engine=engine)
    assert len(other.tables) == len(native.tables) == 11
    for mine, theirs in zip(other.tables, native.tables, strict=True):
        assert (mine.index, mine.page, mine.texts()) == (theirs.index, theirs.page,
                                                         theirs.texts())
        assert all(abs(a - b) < 2 for a, b in zip(mine.bbox, theirs.bbox, strict=True))
        assert mine.context == theirs.context  # headings before each table, as text blocks
    assert [b.text for b in other.text_blocks] == [b.text for b in native.text_blocks]


def test_tables_command_takes_an_engine():
    pytest.importorskip("pdfplumber")
    result = CliRunner().invoke(main, ["tables", str(MATRIX), "--engine", "pdfplumber",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    tables = json.loads(result.output)
    assert len(tables) == 11
    assert sum(t["is_plan"] for t in tables) == 11  # as the native reader: 8 after stitching
    assert (tables[1]["page"], tables[1]["n_rows"], tables[1]["n_cols"]) == (1, 6, 6)
    assert tables[1]["rows"][0][:3] == ["Outcome", "Key Agencies", "Indicator"]


@pytest.mark.parametrize("engine", ENGINES[1:])
def test_a_missing_engine_is_one_line_naming_the_extra(engine):
    """Run where pdfplumber and camelot cannot be imported, as in an install without extras."""
    hide = "import sys; sys.modules.update(pdfplumber=None, camelot=None); "
    code = hide + "from councilplans.cli import main; main()"
    for command in (["tables", str(MATRIX)], ["import", str(MATRIX), "--db", "sqlite://"]):
        done = subprocess.run([sys.executable, "-c", code, *command, "--engine", engine],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1
        needs = "camelot, pdfplumber" if engine == "camelot" else "pdfplumber"
        assert done.stderr == (f"Error: the {engine} engine needs {needs}: "
                               "pip install 'councilplans[engines]'\n")
