"""browse: Datasette over the samples database with the generated metadata (no browser here;
tests/test_browser.py opens the pages in Chromium)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from councilplans.browse import metadata
from councilplans.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def run(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("browse") / "plans.db"
    run("import", *sorted(SAMPLES.glob("*.docx")), "--db", f"sqlite:///{path}", "--jobs", "0",
        "-q")
    return path


def _get(db: Path, path: str) -> dict | list:
    datasette = pytest.importorskip("datasette.app")

    async def fetch():
        ds = datasette.Datasette(files=[str(db)], metadata=metadata(db.stem))
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


def test_current_records_facets(db):
    data = _get(db, "/plans/current_records.json?_size=0")
    facets = {name: {r["value"]: r["count"] for r in f["results"]}
              for name, f in data["facet_results"].items()}
    assert set(facets) == {"council", "document", "kind", "theme_list", "rag", "status",
                           "due_year"}
    assert facets["council"] == {"Tower Hamlets Council": 91, "Barking and Dagenham Council": 49,
                                 "Hammersmith and Fulham Council": 43, "Havering Council": 32}
    assert facets["kind"] == {"action": 145, "indicator": 70}
    assert facets["rag"] == {"amber": 1, "green": 1}
    assert facets["theme_list"]["housing"] == 13  # as the coverage view counts it: 3+1+1+8
    assert facets["due_year"]["2025"] == 21


def test_full_text_search_on_the_view(db):
    rows = _get(db, "/plans/current_records.json?_search=refuge&_shape=array")
    assert sorted((r["document"], r["ref"]) for r in rows) == [
        ("havering_vawg_strategy.docx", None), ("lbth_vawg_action_plan_2024.docx", "2.7"),
        ("triborough_vawg_annual_report.docx", "2.1")]


def test_tables_and_columns_described(db, tmp_path):
    out = tmp_path / "meta.json"
    assert run("browse", "--db", f"sqlite:///{db}", "--metadata-out", out) == (
        f"{out}: metadata written\n")
    meta = json.loads(out.read_text())
    tables = meta["databases"]["plans"]["tables"]
    assert tables["current_records"]["title"] == "Current records"
    assert tables["records"]["columns"]["due_date"].startswith("Due date read from")
    assert tables["record_themes"] == {"hidden": True}
    assert _get(db, "/-/metadata.json")["title"] == "councilplans"


def test_postgresql_url_says_how_to_get_a_sqlite_copy():
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    out = run("browse", "--db", url, code=1)
    assert "browse needs a SQLite file; postgresql databases can be copied into one: " in out
    assert f"councilplans export --db '{url}' --format sqlite --out copy.db" in out


def test_export_sqlite_copy_can_be_browsed(db_url, tmp_path):
    run("import", SAMPLES / "havering_vawg_strategy.docx", "--db", db_url, "--jobs", "0", "-q")
    copy = tmp_path / "copy.db"
    assert run("export", "--db", db_url, "--format", "sqlite", "--out", copy) == (
        f"{copy}: 1 documents, 32 records\n")
    rows = _get(copy, "/copy/current_records.json?_search=refuge&_shape=array")
    assert [r["document"] for r in rows] == ["havering_vawg_strategy.docx"]
    assert run("export", "--db", db_url, "--format", "sqlite", "--out", copy, code=1).endswith(
        "exists; choose a new file for the copy\n")
