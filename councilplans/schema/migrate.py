"""Bring a database's schema up to this release's: created fresh, or upgraded in place.

Alembic runs programmatically (no alembic.ini for users to find) on the caller's engine.
Migrations run under a lock, so two imports opening a fresh database together make one
schema: a session-level advisory lock on PostgreSQL, an exclusive lock on the file on SQLite
(whose DDL runs outside a transaction). Whoever waited finds the schema current and moves on.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
_PG_LOCK = 7265628  # pg_advisory_lock key for schema changes (7265627 guards document writes)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Migrate to ``revision`` unless the database is already there (the common case)."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    with _migration_lock(engine):
        if revision == "head" and current_revision(engine) == head_revision():
            return  # another process migrated while this one waited
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)


@contextlib.contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({_PG_LOCK})")
            conn.commit()
            try:
                yield
            finally:
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({_PG_LOCK})")
                conn.commit()
        return
    from councilplans.schema.db import sqlite_path

    path = sqlite_path(str(engine.url)) if engine.dialect.name == "sqlite" else None
    if path is None:
        yield
        return
    with open(path, "ab") as fh:  # the database file itself, created empty if new
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield
