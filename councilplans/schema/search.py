"""Full-text search over records: SQLite FTS5 (migration 0004's triggers keep it in step) or
PostgreSQL's tsvector with ``websearch_to_tsquery``.

User input never reaches the FTS syntax as is: on SQLite :func:`fts5_query` rebuilds it from
its words with web-search rules (so ``*``, ``NEAR(`` or an unbalanced ``"`` cannot make a
syntax error), on PostgreSQL ``websearch_to_tsquery`` accepts any text by design.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Integer, Select, column, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from councilplans.schema.filters import Filters, select_record_ids
from councilplans.schema.models import Document, RecordRow

_WORD = re.compile(r"\w+", re.UNICODE)
_SNIPPET_FIELDS = ("action", "indicator", "outcome", "objective", "output", "measure", "lead",
                   "progress", "section")


@dataclass(frozen=True)
class Hit:
    record_id: int
    document: str
    page: int | None
    ref: str | None
    kind: str
    snippet: str
    rank: float


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


def fts5_query(user_text: str) -> str | None:
    """The user's text in FTS5 syntax, read as a web search reads it (``websearch_to_tsquery``):
    words must all match, ``"a phrase"`` matches as a phrase, ``OR`` between terms, ``-word``
    excludes. Every term is rebuilt from its words, so no input is an FTS5 syntax error.
    None when the text has no word to search for.
    """
    items: list[str] = []  # quoted terms and "OR"
    negatives: list[str] = []
    for m in _TOKEN.finditer(user_text):
        neg = bool(m[1] or m[3])
        raw = m[2] if m[2] is not None else m[4]
        if not neg and m[4] is not None and raw.upper() == "OR":
            if items and items[-1] != "OR":
                items.append("OR")
            continue
        words = _WORD.findall(raw)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        (negatives if neg else items).append(term)
    while items and items[-1] == "OR":
        items.pop()
    if not items:
        return None
    query = " ".join(items)
    if negatives:
        query = f"({query}) NOT " + " NOT ".join(negatives)
    return query


def matching_ids(session: Session, user_text: str) -> Select:
    """``SELECT id`` of records matching the text, for ``Filters.search``."""
    if session.get_bind().dialect.name == "postgresql":
        query = func.websearch_to_tsquery("english", user_text)
        return select(RecordRow.id).where(literal_column("records.search_vector").op("@@")(query))
    fts = table("records_fts", column("rowid", Integer))
    q = fts5_query(user_text)
    if q is None:
        return select(RecordRow.id).where(RecordRow.id.is_(None))
    return select(fts.c.rowid).where(literal_column("records_fts").op("MATCH")(q))


def search(session: Session, user_text: str, filters: Filters | None = None,
           limit: int = 20) -> list[Hit]:
    """Best matches first, each with a snippet whose matched words are in [brackets]."""
    from councilplans.schema.queries import hidden_documents

    f = filters or Filters()
    ids = [i for (i,) in session.execute(
        select_record_ids(f, matching_ids(session, user_text), hidden_documents(session, f)))]
    if not ids:
        return []
    if session.get_bind().dialect.name == "postgresql":
        scored = _pg_scores(session, user_text, ids)
    else:
        scored = _sqlite_scores(session, user_text, ids)
    scored.sort(key=lambda s: (-s[1], s[0]))
    top = scored[:limit]
    rows = {r.id: r for r in session.scalars(
        select(RecordRow).where(RecordRow.id.in_([i for i, _, _ in top])))}
    docs = {d.id: d for d in session.scalars(
        select(Document).where(Document.id.in_({r.document_id for r in rows.values()})))}
    return [Hit(i, docs[rows[i].document_id].name, rows[i].page, rows[i].ref, rows[i].kind,
                " ".join(snip.split()), round(score, 4)) for i, score, snip in top]


def _sqlite_scores(session: Session, user_text: str, ids: list[int]):
    sql = text("SELECT rowid, -bm25(records_fts) AS score, "
               "snippet(records_fts, -1, '[', ']', '…', 16) AS snip "
               "FROM records_fts WHERE records_fts MATCH :q")
    wanted = set(ids)
    return [(i, s, snip) for i, s, snip in session.execute(sql, {"q": fts5_query(user_text)})
            if i in wanted]


def _pg_scores(session: Session, user_text: str, ids: list[int]):
    body = " || ' ' || ".join(f"coalesce({c}, '')" for c in _SNIPPET_FIELDS)
    sql = text(
        "SELECT id, ts_rank(search_vector, q) AS score, "
        f"ts_headline('english', {body}, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8') "
        "FROM records, websearch_to_tsquery('english', :q) q WHERE id = ANY(:ids)")
    return [(i, float(s), snip) for i, s, snip in session.execute(sql, {"q": user_text,
                                                                        "ids": ids})]
