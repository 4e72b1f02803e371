"""Which stored document a new file revises, and a document's version history.

A revision is the same plan published again: a document of the same format whose councils and
title match once version and date words are set aside ("v2", "final", "draft", "updated
November 2024"), or whatever the user names with ``--revises``. A file name never decides
alone: councils name files generically ("action_plan.pdf", "Appendix A.pdf"), and two
councils' plans under one name must both stay in view. The name only adds evidence where a
document names no council: same name and same title then count as the same plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from councilplans.schema.models import Document
from councilplans.status import FileStatus

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


class AmbiguousDocument(UnknownDocument):
    """A name that several separate documents share: the user must say which."""


@dataclass(frozen=True)
class SeriesChoice:
    """The series a new file joins, and the current version it would replace (if any)."""

    key: str
    previous: Document | None = None


def new_series_key(name: str, sha256: str) -> str:
    """A key no other document has: a plan of its own until a revision joins it."""
    return f"{name.lower()[:400]}#{sha256[:16]}"


def describe(doc: Document) -> str:
    """A document as users tell documents apart: title and council(s), else its file name."""
    councils = ", ".join(o.name for o in doc.organisations)
    title = doc.title or doc.name
    return f"{title} ({councils})" if councils else title


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
    """A stored document from what a user types: file name, path, title, id or sha256 prefix.

    A name or title that separate documents share (two councils' "action_plan.pdf") is
    refused with the paths to type instead, never resolved to whichever came last.
    """
    ref = ref.strip()
    candidates = select(Document).order_by(Document.version.desc(), Document.id.desc())
    for clause in (
        Document.path == ref,
        Document.name == ref,
        Document.name == ref.rsplit("/", 1)[-1],
        Document.title == ref,
    ):
        docs = session.scalars(candidates.where(clause)).all()
        series = list(dict.fromkeys(d.series_key for d in docs))
        if len(series) > 1:
            current = [next(d for d in docs if d.series_key == k) for k in series]
            listed = "; ".join(f"{d.path or d.name} [{describe(d)}]" for d in current)
            raise AmbiguousDocument(f"{ref!r} names {len(series)} separate documents: {listed}."
                                    " Name one by its path or sha256")
        if docs:
            return docs[0]
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
    session: Session, name: str, sha256: str, title: str | None,
    organisations: tuple[str, ...], revises: str | None = None, fmt: str | None = None,
    new_document: bool = False,
) -> SeriesChoice:
    """The series a new document joins: an existing one it revises, or a new one.

    A title-and-council match counts only within one format: the PDF a council made of its
    Word file is the same plan published twice (twins), not a revision of it.
    """
    if new_document:
        return SeriesChoice(new_series_key(name, sha256))
    if revises:
        target = find_document(session, revises)
        return SeriesChoice(target.series_key, _current_of(session, target.series_key))
    key = title_key(title)
    if key:
        current = session.scalars(
            select(Document).where(Document.is_current).order_by(Document.id.desc())
            .options(selectinload(Document.organisations))
        ).all()
        matches = [
            doc for doc in current
            if (fmt is None or doc.format == fmt) and title_key(doc.title) == key
            and {o.name for o in doc.organisations} == set(organisations)
            and (organisations or doc.name.lower() == name.lower())
        ]
        # the same file name is the better evidence between two matches
        matches.sort(key=lambda d: d.name.lower() != name.lower())
        if matches:
            return SeriesChoice(matches[0].series_key, matches[0])
    return SeriesChoice(new_series_key(name, sha256))


def _current_of(session: Session, series_key: str) -> Document | None:
    return session.scalars(
        select(Document).where(Document.series_key == series_key, Document.is_current)
        .options(selectinload(Document.organisations))
    ).first()


def history(session: Session, ref: str) -> list[dict[str, Any]]:
    series = find_document(session, ref).series_key
    docs = session.scalars(
        select(Document).where(Document.series_key == series).order_by(Document.version)
        .options(selectinload(Document.organisations))
    ).all()
    return [
        {"version": d.version, "document": d.name, "path": d.path,
         "imported_at": d.imported_at.isoformat(timespec="seconds"), "sha256": d.sha256,
         "status": d.status, "n_records": d.n_records, "current": d.is_current,
         "title": d.title, "organisations": [o.name for o in d.organisations]}
        for d in docs
    ]


def versions_of(session: Session, ref: str) -> list[Document]:
    series = find_document(session, ref).series_key
    return list(session.scalars(
        select(Document).where(Document.series_key == series, Document.status != FileStatus.FAILED)
        .order_by(Document.version)
    ).all())
