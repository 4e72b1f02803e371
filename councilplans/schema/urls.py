"""What users type for ``--db``, read without SQLAlchemy.

The ``import`` command parses its options before it reads a page; importing SQLAlchemy then
would delay the first page by a third of a second, so the option's default and its reading
live here and ``db`` re-exports them.
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
