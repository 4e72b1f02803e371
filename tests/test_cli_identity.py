"""A document's identity: a file name never makes a revision; superseding is announced and
can be previewed or refused; one plan as DOCX and PDF counts once; diff and history show all.

Files are the committed samples, copied under the names each case needs; every case runs on
SQLite and, where a server answers, PostgreSQL.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
from click.testing import CliRunner
from docx.shared import Cm

from councilplans.cli import main
from councilplans.schema.db import make_engine, make_session

ROOT = Path(__file__).resolve().parents[1]
SAMPLES, SHAPES = ROOT / "samples", ROOT / "samples" / "shapes"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def copy(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, dst)
    return dst


def documents(db_url) -> list[dict]:
    return json.loads(run("documents", "--db", db_url, "--format", "json").output)


def test_same_file_name_of_two_councils_stays_two_documents(tmp_path, db_url):
    kent = copy(SAMPLES / "lbth_vawg_action_plan_2024.pdf", tmp_path / "kent" / "action_plan.pdf")
    wsx = copy(SAMPLES / "bd_dsv_delivery_plan.pdf", tmp_path / "wsx" / "action_plan.pdf")
    first = run("import", kent, "--db", db_url, "--jobs", "0")
    second = run("import", wsx, "--db", db_url, "--jobs", "0")
    assert first.exit_code == second.exit_code == 0, second.output
    assert "replacing" not in second.output
    docs = documents(db_url)
    assert sorted((d["organisations"][0], d["n_records"]) for d in docs) == [
        ("Barking and Dagenham Council", 49), ("Tower Hamlets Council", 60)]
    assert len(run("export", "--db", db_url).output.splitlines()) == 109

    # the shared name is ambiguous: history says so and names the paths to use instead
    ambiguous = run("history", "action_plan.pdf", "--db", db_url)
    assert ambiguous.exit_code == 1
    assert f"'action_plan.pdf' names 2 separate documents: {wsx} [" in ambiguous.output
    by_path = json.loads(run("history", kent, "--db", db_url, "--format", "json").output)
    assert [(h["version"], h["organisations"]) for h in by_path] == [
        (1, ["Tower Hamlets Council"])]


def test_superseding_is_announced_previewed_and_can_be_refused(tmp_path, db_url):
    v1 = copy(SHAPES / "revision_v1.pdf", tmp_path / "2025" / "plan.pdf")
    v2 = copy(SHAPES / "revision_v2.pdf", tmp_path / "2026" / "plan-final.pdf")
    assert run("import", v1, "--db", db_url, "--jobs", "0").exit_code == 0

    dry = run("import", v2, "--db", db_url, "--jobs", "0", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.output.splitlines() == [
        f"{v2}: imported (dry run): 6 records from 1 plan table(s); version 2 of Tower Hamlets "
        "Women's Safety Action Plan 2025 – 2027 (updated November 2025) (Tower Hamlets "
        "Council), replacing plan.pdf v1",
        "1 documents: 1 imported; 6 records; dry run, nothing written"]
    assert [d["document"] for d in documents(db_url)] == ["plan.pdf"]  # nothing written

    apart = run("import", v2, "--db", db_url, "--jobs", "0", "--new-document")
    assert apart.exit_code == 0 and "replacing" not in apart.output, apart.output
    assert sorted(d["document"] for d in documents(db_url)) == ["plan-final.pdf", "plan.pdf"]


def test_dry_run_on_a_missing_database_creates_nothing(tmp_path):
    db = tmp_path / "new.db"
    dry = run("import", SHAPES / "revision_v1.pdf", "--db", db, "--jobs", "0", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.output.splitlines()[-1] == (
        "1 documents: 1 imported; 5 records; dry run, nothing written")
    assert not db.exists()


def test_revises_names_the_document_a_retitled_plan_revises(tmp_path, db_url):
    old = copy(SHAPES / "revision_v1.docx", tmp_path / "plan.docx")
    new = copy(SHAPES / "shape_rag.docx", tmp_path / "renamed plan.docx")
    run("import", old, "--db", db_url, "--jobs", "0")
    result = run("import", new, "--db", db_url, "--jobs", "0", "--revises", "plan.docx")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].endswith(", replacing plan.docx v1")
    history = json.loads(run("history", "plan.docx", "--db", db_url, "--format", "json").output)
    assert [(h["version"], h["document"], h["current"]) for h in history] == [
        (1, "plan.docx", False), (2, "renamed plan.docx", True)]


def test_a_plan_as_docx_and_pdf_shows_as_twins_and_exports_once(tmp_path, db_url):
    files = [copy(SHAPES / n, tmp_path / n) for n in ("revision_v1.docx", "revision_v1.pdf")]
    assert run("import", *files, "--db", db_url, "--jobs", "0").exit_code == 0
    docs = {d["document"]: d["twin"] for d in documents(db_url)}
    assert docs == {"revision_v1.docx": "revision_v1.pdf", "revision_v1.pdf": "revision_v1.docx"}
    table = run("documents", "--db", db_url).output
    assert ("    twin of revision_v1.pdf (the same plan in another format; export counts it "
            "once, from the DOCX)") in table.splitlines()
    once = [json.loads(line) for line in run("export", "--db", db_url).output.splitlines()]
    both = run("export", "--db", db_url, "--all-formats").output.splitlines()
    assert ({r["document"] for r in once}, len(once), len(both)) == ({"revision_v1.docx"}, 5, 10)
    from councilplans.schema.twins import current_records_without_twins

    with make_session(make_engine(db_url)) as session:  # the helper `compare` reads
        assert len(current_records_without_twins(session)) == 5


def _with_columns(src: Path, dst: Path, status: list[str], budget: list[str]) -> Path:
    """The sample plan with "Status" and "Budget" columns added in Word's own format."""
    d = docx.Document(str(src))
    table = d.tables[0]
    for header, values in (("Status", status), ("Budget", budget)):
        column = table.add_column(Cm(2.5))
        column.cells[0].text = header
        for cell, value in zip(column.cells[1:], values, strict=True):
            cell.text = value
    dst.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(dst))
    return dst


def test_diff_shows_status_and_extra_columns_and_history_council_and_title(tmp_path, db_url):
    v1 = _with_columns(SHAPES / "revision_v1.docx", tmp_path / "v1" / "plan.docx",
                       ["Incomplete"] * 5, ["£10k"] * 5)
    v2 = _with_columns(SHAPES / "revision_v1.docx", tmp_path / "v2" / "plan.docx",
                       ["Complete"] + ["Incomplete"] * 4, ["£10k"] * 4 + ["£12k"])
    run("import", v1, "--db", db_url, "--jobs", "0")
    assert "replacing plan.docx v1" in run("import", v2, "--db", db_url, "--jobs", "0").output
    diff = json.loads(run("diff", v2, "--db", db_url, "--format", "json").output)
    assert {c["ref"]: c["fields"] for c in diff["changed"]} == {
        "1.1": {"status": ["Incomplete", "Complete"]},
        "1.5": {"resources": ["£10k", "£12k"]},
    }
    table = run("diff", v2, "--db", db_url).output.splitlines()
    assert "    status: 'Incomplete' -> 'Complete'" in table
    history = run("history", v2, "--db", db_url).output.splitlines()
    assert history[1] == history[3] == (
        "      Tower Hamlets Women's Safety Action Plan 2025 – 2027 (Tower Hamlets Council)")
