"""One plan published twice, as DOCX and as PDF: twins, counted once.

Councils often publish the Word file and the PDF made from it. Both are imported (neither is
a revision of the other), but counting both would count the plan twice. Twins are current
documents of different formats with the same council(s), the same title once version and
date words are set aside, and the same records (by ref and main text, allowing for the odd
row a PDF reads differently). The DOCX is kept, its structure being exact; the PDF is
"shadowed". Computed at query time from stored columns, so nothing to migrate or keep in step.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from councilplans.schema.models import Document, RecordRow
from councilplans.schema.revisions import title_key
from councilplans.status import FileStatus

SAME_RECORDS = 0.9  # share of records that must match for two files to be one plan
_PREFERRED = {"docx": 0, "pdf": 1}


def _signature(session: Session, doc_id: int) -> Counter:
    rows = session.execute(
        select(RecordRow.ref, RecordRow.action, RecordRow.indicator, RecordRow.outcome)
        .where(RecordRow.document_id == doc_id)
    ).all()
    return Counter(
        (ref or "", re.sub(r"\W+", "", (action or indicator or outcome or "").lower())[:200])
        for ref, action, indicator, outcome in rows
    )


def _same_records(a: Counter, b: Counter) -> bool:
    total = max(sum(a.values()), sum(b.values()))
    return total == 0 or sum((a & b).values()) / total >= SAME_RECORDS


def twin_groups(session: Session) -> list[list[Document]]:
    """Groups of current documents that are one plan in several formats, preferred first."""
    current = session.scalars(
        select(Document).where(Document.is_current, Document.status != FileStatus.FAILED)
        .options(selectinload(Document.organisations)).order_by(Document.id)
    ).all()
    candidates: dict[tuple, list[Document]] = defaultdict(list)
    for doc in current:
        key = title_key(doc.title)
        if key and doc.format:
            candidates[(key, frozenset(o.name for o in doc.organisations))].append(doc)
    groups = []
    for docs in candidates.values():
        if len({d.format for d in docs}) < 2:
            continue
        docs = sorted(docs, key=lambda d: (_PREFERRED.get(d.format or "", 9), d.id))
        signatures = {d.id: _signature(session, d.id) for d in docs}
        kept: list[Document] = []
        for doc in docs:
            twin = next((k for k in kept if k.format != doc.format
                         and _same_records(signatures[k.id], signatures[doc.id])), None)
            if twin is None:
                kept.append(doc)
                groups.append([doc])
            else:
                next(g for g in groups if g[0] is twin).append(doc)
    return [g for g in groups if len(g) > 1]


def twins(session: Session) -> dict[str, str]:
    """sha256 of each twin -> the file name of the other(s) in its group."""
    out = {}
    for group in twin_groups(session):
        for doc in group:
            out[doc.sha256] = ", ".join(d.name for d in group if d is not doc)
    return out


def twin_shadowed(session: Session) -> list[Document]:
    """The documents counted through their twin (the PDFs of plans also stored as DOCX)."""
    return [doc for group in twin_groups(session) for doc in group[1:]]


def current_records_without_twins(session: Session) -> list[dict[str, Any]]:
    """Records of current documents, each plan counted once: what comparisons should read.

    Rows are ``queries.export_rows`` rows; a plan published as DOCX and PDF contributes the
    DOCX's records only.
    """
    from councilplans.schema.queries import export_rows

    hidden = {d.sha256 for d in twin_shadowed(session)}
    return [r for r in export_rows(session) if r["sha256"] not in hidden]
