"""The one place a selection of records is built from a researcher's filters.

Every read command (``export``, ``records``, ``documents``, ``compare``, ``report``) takes the
same filters; they all reach the database through :func:`select_record_ids`, so a filter
means the same thing everywhere and a new one is added once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import Select, and_, exists, func, not_, or_, select

from councilplans.schema.models import (
    Document,
    DocumentOrganisation,
    Organisation,
    OrganisationAlias,
    RecordOrganisation,
    RecordRow,
    RecordTheme,
    Theme,
)

COMPLETE_WORDS: tuple[str, ...] = (
    "complete", "completed", "done", "achieved", "delivered", "closed", "finished", "met",
)
"""Printed statuses (lower case, whole value or first word) that mean the work is finished;
an action with one of them is never overdue, whatever its due date says."""


@dataclass(frozen=True)
class Filters:
    """What a researcher asked for. Empty tuples / None mean "no restriction".

    Multi-valued filters (given several times on the command line) match any of their values.
    Text matches are case-insensitive; ``council`` and ``organisation`` accept a canonical
    name or any alias the gazetteer knows ("LBTH", "Tower Hamlets Council").
    """

    council: tuple[str, ...] = ()
    document: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    organisation: tuple[str, ...] = ()
    lead: str | None = None
    rag: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    due_before: date | None = None
    due_after: date | None = None
    overdue: bool = False
    search: str | None = None
    all_versions: bool = False
    all_formats: bool = False  # both twins of a plan published as DOCX and PDF
    today: date | None = None  # what "overdue" compares with; None = the real today

    def record_level(self) -> bool:
        """True when any filter looks inside records (not only at which documents)."""
        doc_level = {"council", "document", "all_versions", "all_formats", "today"}
        return any(getattr(self, f.name) for f in fields(self) if f.name not in doc_level)


def _lower_in(column, values: tuple[str, ...]):
    return func.lower(column).in_([v.lower() for v in values])


def _organisation_ids(values: tuple[str, ...]):
    """Organisations whose name or alias is one of ``values``, or whose name contains one."""
    lowered = [v.lower() for v in values]
    by_alias = select(OrganisationAlias.organisation_id).where(
        func.lower(OrganisationAlias.alias).in_(lowered))
    return select(Organisation.id).where(or_(
        func.lower(Organisation.name).in_(lowered),
        Organisation.id.in_(by_alias),
        *[func.lower(Organisation.name).contains(v, autoescape=True) for v in lowered],
    ))


def document_ids(f: Filters) -> Select:
    """Documents in scope: current ones (or every version), of the councils and names asked."""
    stmt = select(Document.id)
    if not f.all_versions:
        stmt = stmt.where(Document.is_current)
    if f.document:
        lowered = [d.lower() for d in f.document]
        stmt = stmt.where(or_(
            func.lower(Document.name).in_(lowered),
            Document.sha256.in_(list(f.document)),
            *[func.lower(Document.title).contains(d, autoescape=True) for d in lowered],
        ))
    if f.council:
        stmt = stmt.where(exists().where(
            DocumentOrganisation.document_id == Document.id,
            DocumentOrganisation.organisation_id.in_(_organisation_ids(f.council)),
        ))
    return stmt


def _not_complete():
    first_word = func.lower(func.trim(func.coalesce(RecordRow.status, "")))
    return and_(
        not_(first_word.in_(COMPLETE_WORDS)),
        *[not_(first_word.like(f"{w} %")) for w in COMPLETE_WORDS],
        func.coalesce(func.lower(RecordRow.rag), "") != "complete",
    )


def select_record_ids(f: Filters, search_ids: Select | None = None,
                      hidden_documents: Iterable[int] = ()) -> Select:
    """``SELECT records.id`` for every record the filters keep, in document then row order.

    ``search_ids`` is the dialect's full-text match (built by ``schema.search``) for
    ``--search``; the caller supplies it because FTS syntax differs between databases.
    ``hidden_documents`` are left out: the PDF twins of plans also stored as DOCX, which
    ``schema.twins`` finds at query time (see ``queries.selected_records``).
    """
    stmt = select(RecordRow.id).where(RecordRow.document_id.in_(document_ids(f)))
    hidden = list(hidden_documents)
    if hidden:
        stmt = stmt.where(RecordRow.document_id.not_in(hidden))
    if f.kind:
        stmt = stmt.where(_lower_in(RecordRow.kind, f.kind))
    if f.rag:
        stmt = stmt.where(_lower_in(RecordRow.rag, f.rag))
    if f.status:
        stmt = stmt.where(or_(*[func.lower(RecordRow.status).contains(s.lower(), autoescape=True)
                                for s in f.status]))
    if f.lead:
        stmt = stmt.where(func.lower(RecordRow.lead).contains(f.lead.lower(), autoescape=True))
    if f.theme:
        lowered = [t.lower() for t in f.theme]
        themes = select(Theme.id).where(or_(func.lower(Theme.key).in_(lowered),
                                            func.lower(Theme.label).in_(lowered)))
        stmt = stmt.where(exists().where(RecordTheme.record_id == RecordRow.id,
                                         RecordTheme.theme_id.in_(themes)))
    if f.organisation:
        stmt = stmt.where(exists().where(
            RecordOrganisation.record_id == RecordRow.id,
            RecordOrganisation.organisation_id.in_(_organisation_ids(f.organisation)),
        ))
    if f.due_before:
        stmt = stmt.where(RecordRow.due_date < f.due_before)
    if f.due_after:
        stmt = stmt.where(RecordRow.due_date > f.due_after)
    if f.overdue:
        stmt = stmt.where(RecordRow.due_date < (f.today or date.today()), _not_complete())
    if search_ids is not None:
        stmt = stmt.where(RecordRow.id.in_(search_ids))
    return stmt.order_by(RecordRow.document_id, RecordRow.id)


def unknown_themes(values: Iterable[str]) -> list[str]:
    """The ``--theme`` values that are neither a theme key nor a label of the taxonomy."""
    from councilplans.normalise.themes import taxonomy

    known = {t.key.lower() for t in taxonomy()} | {t.label.lower() for t in taxonomy()}
    return [v for v in values if v.lower() not in known]
