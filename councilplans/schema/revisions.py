"""Which stored document a new file revises, and a document's version history.

A revision is the same plan published again: the file of the same name with new bytes, a
document whose councils and title match once version and date words are set aside ("v2",
"final", "draft", "updated November 2024"), or whatever the user names with ``--revises``.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from councilplans.schema.models import Document

_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_VERSION_WORDS = [
    rf"\b(?:updated|revised|amended|refreshed|as at|published)\b(?:\s+(?:{_MONTHS}))?"
    r"(?:\s+\d{4})?",
    rf"\b(?:{_MONTHS})\s+\d{{4}}\b",
    r"\bv(?:ersion)?\s*\d+(?:\.\d+)*\b",
    r"\b(?:final|draft|updated|revised|amended|consultation|approved|copy)\b",
    r"\(\s*\)",
]


class UnknownDocument(LookupError):
    pass


def title_key(title: str | None) -> str:
    """A title with version and date words removed, for recognising a revised document."""
    if not title:
        return ""
    t = title.lower()
    for pattern in _VERSION_WORDS:
        t = re.sub(pattern, " ", t)
    t = re.sub(r"[^\w]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def find_document(session: Session, ref: str) -> Document:
    """A stored document from what a user types: file name, path, title, id or sha256 prefix."""
    ref = ref.strip()
    candidates = select(Document).order_by(Document.version.desc())
    for clause in (
        Document.name == ref,
        Document.path == ref,
        Document.name == ref.rsplit("/", 1)[-1],
        Document.title == ref,
    ):
        doc = session.scalars(candidates.where(clause)).first()
        if doc is not None:
            return doc
    if re.fullmatch(r"[0-9a-f]{6,64}", ref):
        doc = session.scalars(candidates.where(Document.sha256.startswith(ref))).first()
        if doc is not None:
            return doc
    if ref.isdigit():
        doc = session.get(Document, int(ref))
        if doc is not None:
            return doc
    raise UnknownDocument(f"no imported document matches {ref!r} (try `councilplans documents`)")


def resolve_series(
    session: Session, name: str, title: str | None, organisations: tuple[str, ...],
    revises: str | None = None, fmt: str | None = None,
) -> str:
    """The series a new document joins: an existing one it revises, or a new key.

    A title-and-council match counts only within one format: the PDF a council made of its
    Word file is the same plan published twice, not a revision of it.
    """
    if revises:
        return find_document(session, revises).series_key
    same_name = session.scalars(
        select(Document).where(Document.name == name).order_by(Document.version.desc())
    ).first()
    if same_name is not None:
        return same_name.series_key
    key = title_key(title)
    if key and organisations:
        current = session.scalars(
            select(Document).where(Document.is_current).options(
                selectinload(Document.organisations))
        ).all()
        for doc in current:
            if fmt is not None and doc.format != fmt:
                continue
            if title_key(doc.title) == key and {o.name for o in doc.organisations} == set(
                organisations
            ):
                return doc.series_key
    return name.lower()


def history(session: Session, ref: str) -> list[dict[str, Any]]:
    series = find_document(session, ref).series_key
    docs = session.scalars(
        select(Document).where(Document.series_key == series).order_by(Document.version)
    ).all()
    return [
        {"version": d.version, "document": d.name, "imported_at": d.imported_at.isoformat(
            timespec="seconds"), "sha256": d.sha256, "status": d.status,
         "n_records": d.n_records, "current": d.is_current, "title": d.title}
        for d in docs
    ]


def versions_of(session: Session, ref: str) -> list[Document]:
    series = find_document(session, ref).series_key
    return list(session.scalars(
        select(Document).where(Document.series_key == series, Document.status != "failed")
        .order_by(Document.version)
    ).all())
