"""A whole database copied into a new SQLite file (``export --format sqlite``), so that a
PostgreSQL database can be browsed with Datasette or handed over as one file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from councilplans.schema.models import Base

CHUNK = 2000


def copy_to_sqlite(source: Engine, target: Path) -> dict[str, int]:
    """Every table's rows (parents first), into a new file; the FTS triggers index records."""
    from councilplans.schema.db import make_engine
    from councilplans.schema.export import atomic_path

    counts: dict[str, int] = {}
    with atomic_path(target) as tmp:
        tmp.unlink()
        dest = make_engine(f"sqlite:///{tmp}")
        with source.connect() as src, dest.begin() as dst:
            for table in Base.metadata.sorted_tables:
                rows = src.execute(table.select()).mappings()
                n = 0
                while batch := rows.fetchmany(CHUNK):
                    dst.execute(table.insert(), [dict(r) for r in batch])
                    n += len(batch)
                counts[table.name] = n
        dest.dispose()
    return counts
