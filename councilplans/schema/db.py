"""Engines and sessions: one place that knows SQLite needs WAL, a busy timeout and foreign keys.

It also knows what users type for ``--db``: a URL, or a plain file path meaning SQLite; that
only ``import`` creates a database (a read command on a missing one is a mistake to report,
not an empty database to create); and that a URL is printed without its password.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from councilplans.schema.urls import DEFAULT_URL, database_url

__all__ = ["DEFAULT_URL", "NoDatabase", "database_url", "make_engine", "make_session", "masked",
           "open_existing", "sqlite_path"]
_BUSY_MS = 60_000  # how long a SQLite connection waits for another process's write to end


class NoDatabase(LookupError):
    """The database named does not exist, or holds no councilplans data."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout={_BUSY_MS}")  # first: switching to WAL may wait for a lock
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def masked(url: str) -> str:
    """The URL as it may be printed: any password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy parses: hide whatever sits between : and @
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory ones)."""
    try:
        parsed = make_url(url)
    except Exception:
        return None
    db = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


def make_engine(url: str = DEFAULT_URL, upgrade: bool = True) -> Engine:
    """An engine for ``url`` whose schema is current (created or migrated in place)."""
    sqlite = make_url(url).get_backend_name() == "sqlite"
    connect_args = {"timeout": _BUSY_MS / 1000} if sqlite else {}
    engine = create_engine(url, future=True, connect_args=connect_args)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if upgrade:
        from councilplans.schema.migrate import upgrade_schema

        upgrade_schema(engine)
    return engine


def open_existing(url: str) -> Engine:
    """An engine for a database ``import`` made before: upgraded in place, never created."""
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise NoDatabase(f"no database at {path}")
    engine = make_engine(url, upgrade=False)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    if "documents" not in tables:
        engine.dispose()
        raise NoDatabase(f"no councilplans data in {masked(url)}")
    from councilplans.schema.migrate import upgrade_schema

    upgrade_schema(engine)
    return engine


def make_session(engine: Engine) -> Session:
    return sessionmaker(engine, expire_on_commit=False)()
