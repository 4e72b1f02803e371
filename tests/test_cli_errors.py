"""Bad files fail alone with one clear line each; the batch goes on; exit status says so."""

from __future__ import annotations

import json

from click.testing import CliRunner

from councilplans.cli import main


def _bad_files(folder):
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "page.pdf").write_bytes(b"<!DOCTYPE html><html><body>404</body></html>")
    (folder / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    return folder


def test_each_bad_file_gets_one_line_and_a_failed_status(tmp_path, sqlite_url):
    folder = _bad_files(tmp_path / "in")
    result = CliRunner().invoke(main, ["import", str(folder), "--db", sqlite_url, "--jobs", "1"])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert f"{folder / 'empty.pdf'}: failed: empty file (0 bytes)" in lines
    assert f"{folder / 'page.pdf'}: failed: not a PDF or DOCX: it looks like an HTML page" in lines
    assert (f"{folder / 'old.docx'}: failed: old binary Word .doc (or an encrypted Office file):"
            " save it as .docx or PDF first") in lines
    assert lines[-1] == "3 documents: 3 failed; 0 records"
    docs = CliRunner().invoke(main, ["documents", "--db", sqlite_url, "--format", "json"])
    statuses = {d["document"]: (d["status"], d["error"]) for d in json.loads(docs.output)}
    assert statuses["empty.pdf"] == ("failed", "empty file (0 bytes)")


def test_fail_fast_stops_at_first_failure(tmp_path, sqlite_url):
    folder = _bad_files(tmp_path / "in")
    result = CliRunner().invoke(
        main, ["import", str(folder), "--db", sqlite_url, "--jobs", "0", "--fail-fast"]
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "1 documents: 1 failed; 0 records"


def test_unreachable_database_is_one_clear_error(tmp_path):
    folder = _bad_files(tmp_path / "in")
    result = CliRunner().invoke(
        main, ["import", str(folder), "--db", "sqlite:////nonexistent/dir/x.db"]
    )
    assert result.exit_code == 1
    assert "cannot open database sqlite:////nonexistent/dir/x.db" in result.output
