"""full-text search over records; current_records and coverage views

SQLite: an FTS5 table over the records' text fields, kept in step by triggers.
PostgreSQL: a stored tsvector column with a GIN index.
Both: the ``current_records`` and ``coverage`` views researchers query by hand.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 18:30:00
"""

from alembic import op

from councilplans.schema.views import create_views, drop_views

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SEARCHED = ("ref", "section", "objective", "action", "output", "outcome", "indicator",
            "measure", "lead", "timescale", "resources", "progress", "status", "baseline",
            "target", "actual", "extra")


def _sqlite_upgrade() -> None:
    cols = ", ".join(SEARCHED)
    new = ", ".join(f"new.{c}" for c in SEARCHED)
    old = ", ".join(f"old.{c}" for c in SEARCHED)
    op.execute(f"CREATE VIRTUAL TABLE records_fts USING fts5({cols}, content='records', "
               "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')")
    op.execute(f"CREATE TRIGGER records_fts_ai AFTER INSERT ON records BEGIN "
               f"INSERT INTO records_fts(rowid, {cols}) VALUES (new.id, {new}); END")
    op.execute(f"CREATE TRIGGER records_fts_ad AFTER DELETE ON records BEGIN "
               f"INSERT INTO records_fts(records_fts, rowid, {cols}) "
               f"VALUES ('delete', old.id, {old}); END")
    op.execute(f"CREATE TRIGGER records_fts_au AFTER UPDATE ON records BEGIN "
               f"INSERT INTO records_fts(records_fts, rowid, {cols}) "
               f"VALUES ('delete', old.id, {old}); "
               f"INSERT INTO records_fts(rowid, {cols}) VALUES (new.id, {new}); END")
    op.execute("INSERT INTO records_fts(records_fts) VALUES ('rebuild')")


def _pg_upgrade() -> None:
    text = " || ' ' || ".join(
        f"coalesce({c}::text, '')" if c == "extra" else f"coalesce({c}, '')" for c in SEARCHED)
    op.execute(f"ALTER TABLE records ADD COLUMN search_vector tsvector "
               f"GENERATED ALWAYS AS (to_tsvector('english'::regconfig, {text})) STORED")
    op.execute("CREATE INDEX ix_records_search_vector ON records USING gin (search_vector)")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        _pg_upgrade()
    create_views(op.get_bind())


def downgrade() -> None:
    drop_views(op.get_bind())
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS records_fts_{suffix}")
        op.execute("DROP TABLE IF EXISTS records_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_records_search_vector")
        op.execute("ALTER TABLE records DROP COLUMN IF EXISTS search_vector")
