"""The tables of stored documents that were not taken as plans, with the reason.

What `documents` prints under a document, so a user who expected records sees why a table
gave none without re-running the extraction.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from councilplans.schema.models import Document, SourceTable


def rejected_tables(session: Session, shas: list[str]) -> dict[str, list[dict[str, Any]]]:
    """sha256 -> the tables of that document not taken as plans, with the reason."""
    if not shas:
        return {}
    rows = session.execute(
        select(Document.sha256, SourceTable.table_index, SourceTable.page, SourceTable.reason)
        .join(SourceTable, SourceTable.document_id == Document.id)
        .where(Document.sha256.in_(shas), SourceTable.is_plan.is_(False))
        .order_by(Document.id, SourceTable.table_index)
    ).all()
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sha, index, page, reason in rows:
        out[sha].append({"index": index, "page": page, "reason": reason})
    return dict(out)
