"""A database written by the first schema revision upgrades in place when opened."""

from __future__ import annotations

import sqlalchemy as sa
from click.testing import CliRunner

from councilplans.cli import main
from councilplans.schema.db import make_engine
from councilplans.schema.migrate import current_revision, head_revision, upgrade_schema


def _first_release_db(url: str) -> None:
    engine = make_engine(url, upgrade=False)
    upgrade_schema(engine, "0001")
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO documents (name, sha256, status, n_tables, n_records, series_key, "
            "version, is_current, imported_at) VALUES ('old.pdf', :sha, 'imported', 1, 1, "
            "'old.pdf', 1, :true, '2025-01-01 00:00:00')"), {"sha": "f" * 64, "true": True})
        doc_id = conn.execute(sa.text("SELECT id FROM documents")).scalar_one()
        conn.execute(sa.text(
            "INSERT INTO records (document_id, kind, ref, action, table_index, row_index) "
            "VALUES (:d, 'action', '1.1', 'Train staff', 0, 1)"), {"d": doc_id})
    engine.dispose()


def test_first_revision_database_upgrades_when_opened_and_keeps_its_rows(db_url):
    _first_release_db(db_url)
    assert current_revision(make_engine(db_url, upgrade=False)) == "0001"
    export = CliRunner().invoke(main, ["export", "--db", db_url])
    assert export.exit_code == 0, export.output
    assert '"action": "Train staff"' in export.output
    engine = make_engine(db_url, upgrade=False)
    assert current_revision(engine) == head_revision()
    columns = {c["name"] for c in sa.inspect(engine).get_columns("documents")}
    assert "previous_id" in columns


def test_db_upgrade_command_reports_revision(db_url):
    _first_release_db(db_url)
    result = CliRunner().invoke(main, ["db", "upgrade", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"schema at revision {head_revision()} "
                                          f"(head {head_revision()})")
