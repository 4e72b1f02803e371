"""Engines and sessions: one place that knows SQLite needs WAL, a busy timeout and foreign keys."""

from __future__ import annotations

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///councilplans.db"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str = DEFAULT_URL, upgrade: bool = True) -> Engine:
    """An engine for ``url`` whose schema is current (created or migrated in place)."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if upgrade:
        from councilplans.schema.migrate import upgrade_schema

        upgrade_schema(engine)
    return engine


def make_session(engine: Engine) -> Session:
    return sessionmaker(engine, expire_on_commit=False)()
