"""What users type for ``--db``, read without SQLAlchemy.

Click reads ``import``'s options before the command runs; if that loaded SQLAlchemy, a long
plan's page readers would start a third of a second later. So the option's default and its
reading live here, and ``schema.db`` re-exports them.
"""

from __future__ import annotations

import re
from pathlib import Path

DEFAULT_URL = "sqlite:///councilplans.db"


def database_url(text: str) -> str:
    """A SQLAlchemy URL from what a user typed: a URL as is, a plain path as a SQLite file."""
    text = text.strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        return text
    return f"sqlite:///{Path(text).expanduser()}"
