"""Everyday mistakes end in one clear line, never a traceback, a silent empty result or a
half-written file: a missing database, a plain path for --db, a password in a URL, an output
file that cannot be written; and every command answers -h alike."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from councilplans.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "samples" / "shapes"


def run(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], **kw)


@pytest.fixture
def imported(tmp_path) -> str:
    """A SQLite database holding one plan of 5 records (shape_headers.docx)."""
    url = f"sqlite:///{tmp_path / 'plans.db'}"
    plan = shutil.copy(SHAPES / "shape_headers.docx", tmp_path / "plan.docx")
    assert run("import", plan, "--db", url, "--jobs", "0").exit_code == 0
    return url


@pytest.mark.parametrize("command", [["documents"], ["export"], ["history", "plan.docx"],
                                     ["diff", "plan.docx"], ["db", "upgrade"]])
def test_read_commands_on_a_missing_sqlite_file_say_so_and_create_nothing(tmp_path, command):
    db = tmp_path / "typo.db"
    result = run(*command, "--db", f"sqlite:///{db}")
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [
        f"Error: no database at {db}: run `councilplans import FILES --db sqlite:///{db}` to "
        "make one (check the --db value or COUNCILPLANS_DB)"]
    assert not db.exists()


def test_read_command_on_an_empty_database_says_so_and_creates_no_tables(db_url):
    if db_url.startswith("sqlite:///"):
        Path(db_url.removeprefix("sqlite:///")).touch()  # an empty file: an empty database
    result = run("documents", "--db", db_url)
    assert result.exit_code == 2, result.output
    assert "no councilplans data in" in result.output
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        assert sa.inspect(conn).get_table_names() == []
    engine.dispose()


def test_a_plain_path_is_a_sqlite_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SHAPES / "shape_headers.docx", tmp_path / "plan.docx")
    assert run("import", "plan.docx", "--db", "plans.db", "--jobs", "0").exit_code == 0
    assert (tmp_path / "plans.db").is_file()
    docs = json.loads(run("documents", "--db", "plans.db", "--format", "json").output)
    assert [(d["document"], d["n_records"]) for d in docs] == [("plan.docx", 5)]
    monkeypatch.setenv("COUNCILPLANS_DB", str(tmp_path / "plans.db"))
    assert len(run("export").output.splitlines()) == 5


def _with_password(url: str, password: str) -> str:
    return url.replace("://postgres@", f"://postgres:{password}@", 1)


def test_a_password_is_never_printed(tmp_path, db_url):
    if not db_url.startswith("postgresql"):
        db_url = "postgresql+psycopg://postgres@127.0.0.1:1/test"  # nothing listens on port 1
    secret = _with_password(db_url, "s3cret-pw")
    plan = shutil.copy(SHAPES / "shape_headers.docx", tmp_path / "plan.docx")
    results = [run("import", plan, "--db", secret, "--jobs", "0"),
               run("db", "upgrade", "--db", secret),
               run("documents", "--db", secret),
               run("documents", "--db", secret.replace("/test", "/no_such_database_x"))]
    for result in results:
        assert "s3cret-pw" not in result.output
        assert "postgres:***@" in result.output or result.exit_code == 0, result.output
    if ":1/" in secret:
        assert results[0].exit_code == 1
        assert results[0].output.startswith(
            "Error: cannot open database postgresql+psycopg://postgres:***@127.0.0.1:1/test: ")
    else:  # trust authentication lets the password through: the commands work
        assert results[0].exit_code == 0, results[0].output
        assert results[1].output.startswith("postgresql+psycopg://postgres:***@127.0.0.1")
        assert results[3].exit_code == 2
        assert results[3].output.startswith(
            "Error: no database at postgresql+psycopg://postgres:***@127.0.0.1:5432/"
            "no_such_database_x")


def test_export_into_a_missing_folder_or_onto_a_folder(tmp_path, imported):
    missing = run("export", "--db", imported, "--out", tmp_path / "nope" / "x.csv")
    assert (missing.exit_code, missing.output) == (
        1, f"Error: cannot write {tmp_path / 'nope' / 'x.csv'}: the folder "
           f"{tmp_path / 'nope'} does not exist\n")
    folder = run("export", "--db", imported, "--out", tmp_path)
    assert folder.exit_code != 0 and "Traceback" not in folder.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_export_onto_a_full_disk(imported):
    result = run("export", "--db", imported, "--out", "/dev/full")
    assert (result.exit_code, result.output) == (
        1, "Error: cannot write /dev/full: the disk is full\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_export_into_a_read_only_folder(tmp_path, imported):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    result = run("export", "--db", imported, "--out", ro / "x.csv")
    assert result.output == f"Error: cannot write {ro / 'x.csv'}: permission denied\n"


def test_an_export_cut_short_leaves_the_old_file_whole(tmp_path, imported):
    """The process may not grow files past 1 kB: the write fails midway, as on a full disk."""
    out = tmp_path / "records.jsonl"
    out.write_text("previous export\n")

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, resource.RLIM_INFINITY))

    done = subprocess.run(
        [sys.executable, "-m", "councilplans", "export", "--db", imported, "--out", str(out)],
        capture_output=True, text=True, preexec_fn=small_files, timeout=120)
    assert done.returncode == 1
    assert done.stderr == (f"Error: cannot write {out}: the file is larger than allowed "
                           "(file size limit)\n")
    assert out.read_text() == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx", "plans.db",
                                                          "plans.db-shm", "plans.db-wal",
                                                          "records.jsonl"]


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("path", [p for p, _ in _commands(main)], ids=" ".join)
def test_every_help_answers_to_h_and_names_councilplans_db(path):
    short, long = run(*path, "-h"), run(*path, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.output == long.output
    assert "COUNCILPLANS_DB" in short.output


def test_format_choices_are_named_alike():
    file_only = {("export",): {"xlsx", "parquet", "sqlite"}, ("report",): {"html", "pdf"}}
    for path, command in _commands(main):
        for param in command.params:
            if param.name == "fmt":
                allowed = {"jsonl", "json", "csv", "table"} | file_only.get(path, set())
                assert set(param.type.choices) <= allowed, path


def test_tables_shows_index_plan_and_why_as_table_and_json():
    plan = SHAPES / "shape_not_plans.docx"
    table = run("tables", plan).output.splitlines()
    assert table == [
        "index  page  rows  cols  plan  found by  why",
        "0            5     2     no              no header row naming plan fields",
        "1            4     4     no              only ref, status, timescale: not enough plan"
        " columns",
        "2            3     2     no              no header row naming plan fields",
        "3            4     5     no              no header row naming plan fields",
        "4            3     4     yes             action column with outcome, timescale, lead",
    ]
    out = json.loads(run("tables", plan, "--format", "json").output)
    assert [(t["index"], t["is_plan"]) for t in out] == [(0, False), (1, False), (2, False),
                                                         (3, False), (4, True)]
    assert out[4]["rows"][0][0] and out[4]["reason"] == table[-1].split("yes")[1].strip()


def test_documents_shows_full_titles_versions_notes_and_rejected_tables(tmp_path):
    db = tmp_path / "plans.db"
    for name in ("shape_headers.docx", "shape_not_plans.docx", "revision_v1.pdf",
                 "revision_v2.pdf"):
        shutil.copy(SHAPES / name, tmp_path / name)
        assert run("import", tmp_path / name, "--db", db, "--jobs", "0").exit_code == 0
    table = run("documents", "--db", db).output.splitlines()
    assert "    1 import note; 4 tables not taken as a plan (--details lists them)" in table
    table = run("documents", "--db", db, "--details").output.splitlines()
    assert table[0].split() == ["document", "status", "tables", "records", "type", "period",
                                "councils", "title"]
    assert any(line.startswith("revision_v2.pdf") and line.endswith(
        "Tower Hamlets Women's Safety Action Plan 2025 – 2027 (updated November 2025)")
        for line in table)
    assert "    note: table 0: columns kept as extra: Impact on other services" in table
    assert "    table 0 not a plan: no header row naming plan fields" in table
    versions = run("documents", "--db", db, "--all-versions").output.splitlines()
    assert versions[0].split()[0] == "version"
    assert any(line.startswith("v1 (old)  revision_v1.pdf  ") for line in versions), versions
    assert any(line.startswith("v2        revision_v2.pdf  ") for line in versions), versions
