"""Bring a database's schema up to this release's (created fresh, or upgraded in place)."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from councilplans.schema.models import Base


def upgrade_schema(engine: Engine) -> None:
    Base.metadata.create_all(engine)
