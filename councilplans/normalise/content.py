"""What a column's cells hold, as evidence of what the column is.

Header wording is often a plain question never seen before, or missing; the cells then say
it: dates and "Ongoing" are timescales, team and officer names are leads, "Complete" is a
status, "Amber" a RAG rating, "1.2" a reference, sentences are the plan's own text. A
:class:`Profile` counts each kind of cell once, so ``columns`` can weigh it against wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilplans.normalise.rag import is_rag_value
from councilplans.normalise.text import collapse
from councilplans.normalise.timescales import parse_timescale
from councilplans.vocabulary import is_ref, leading_ref

MOSTLY = 0.8

_STATUS_RE = re.compile(
    r"^(?:complete(?:d)?|incomplete|not (?:yet )?complete(?:d)?|on track|off track|on target|"
    r"off target|not (?:yet )?started|started|in progress|under ?way|delayed|behind(?: schedule)?|"
    r"ahead(?: of schedule)?|on-?going|closed|open|achieved|not (?:yet )?achieved|"
    r"partially (?:achieved|complete(?:d)?|met)|met|not met|overdue|at risk|on hold|paused|"
    r"cancelled|canceled|deferred|superseded|withdrawn|done|not (?:yet )?due|in development|"
    r"implemented|exceeded|slipped|some slippage|no longer required|business as usual|bau|"
    r"\d{1,3} ?%(?: complete)?)\b",
    re.I,
)
# Words of people, teams and bodies that lead actions ("Head of Community Safety", "CSP").
_LEAD_RE = re.compile(
    r"\b(?:officers?|managers?|directors?|directorate|head|heads|teams?|services?|council|police|"
    r"nhs|partnerships?|boards?|groups?|leads?|co-?ordinators?|commissioners?|trusts?|cabinet|"
    r"member|units?|department|agenc(?:y|ies)|probation|icb|ccg|schools?|colleges?|networks?|"
    r"forums?|committees?|panels?|charit(?:y|ies)|hubs?|authority|dwp|fire|consultants?|"
    r"advis[oe]rs?|workers?|chief|executive|deputy|assistant|commissioning|public health|"
    r"housing|safeguarding|partners|providers?|all|mayor|ltd|limited|cic|university)\b",
    re.I,
)
_ACRONYM = re.compile(r"^[A-Z][A-Z&/]{1,7}s?$")
_FIGURE_RE = re.compile(
    r"^(?:[\s£$€%+\-–.,:()/\d]*(?:[kKmM]|bn|pts?|per cent)?[\s%]*|n/?a|n\.a\.|nil|none|tbc|\*+)$",
    re.I,
)
# A time measured in minutes, seconds or hours ("16 mins 05 secs"): a reading, not a deadline
_DURATION_RE = re.compile(
    r"^(?:\d+(?:[.,]\d+)?\s*(?:secs?|seconds?|mins?|minutes?|hrs?|hours?)\.?\s*)+$", re.I)
_SENTENCE_WORDS = 6


def is_figure(text: str) -> bool:
    t = text.strip()
    return bool(_FIGURE_RE.match(t) or _DURATION_RE.match(t))


def is_status_value(text: str) -> bool:
    t = collapse(text)
    return bool(t) and len(t.split()) <= 6 and bool(_STATUS_RE.match(t))


def is_date_value(text: str) -> bool:
    t = collapse(text)
    return bool(t) and len(t.split()) <= 8 and parse_timescale(t).parsed


def is_lead_value(text: str) -> bool:
    """A short name of a person's role, a team or a body (not a sentence about them)."""
    t = collapse(text)
    if not t or len(t.split()) > 12 or t.endswith((".", "!", "?")) or is_figure(t):
        return False
    if _LEAD_RE.search(t):
        return True
    names = [n.strip() for n in re.split(r"[,;/&\n]|\band\b", text) if n.strip()]
    return bool(names) and all(_ACRONYM.match(n) for n in names)


@dataclass(frozen=True)
class Profile:
    """Counts of the kinds of non-empty cells in one column's body."""

    n: int = 0
    dates: int = 0
    rag: int = 0
    status: int = 0
    refs: int = 0
    leading_refs: int = 0
    figures: int = 0
    leads: int = 0
    sentences: int = 0  # cells of six words or more
    words3: int = 0  # cells of three words or more
    short: int = 0  # cells of six words or fewer (a name, a date, a figure)

    def mostly(self, count: int) -> bool:
        return self.n > 0 and count >= max(1, MOSTLY * self.n)


def profile(values: list[str]) -> Profile:
    vals = [collapse(v) for v in values if v and v.strip()]
    return Profile(
        n=len(vals),
        dates=sum(map(is_date_value, vals)),
        rag=sum(map(is_rag_value, vals)),
        status=sum(map(is_status_value, vals)),
        refs=sum(map(is_ref, vals)),
        leading_refs=sum(1 for v in vals if leading_ref(v, loose=True)[0]),
        figures=sum(map(is_figure, vals)),
        leads=sum(map(is_lead_value, vals)),
        sentences=sum(1 for v in vals if len(v.split()) >= _SENTENCE_WORDS),
        words3=sum(1 for v in vals if len(v.split()) >= 3),
        short=sum(1 for v in vals if len(v.split()) <= 6),
    )


def content_field(p: Profile, first_column: bool, rows: int) -> tuple[str, str] | None:
    """The field the cells alone name, with the evidence in words, or None.

    Only a column filled in at least half of the table's ``rows`` speaks for itself (a
    Gantt chart's year columns hold a stray mark or two). Order matters: a RAG word is also
    short, "Ongoing" is both a status and a timescale, a reference is also a figure.
    """
    if p.n == 0 or p.n * 2 < rows:
        return None
    if p.mostly(p.rag):
        return "rag", f"{p.rag} of {p.n} cells are RAG ratings"
    if p.mostly(p.refs) and first_column:
        return "ref", f"{p.refs} of {p.n} cells are references"
    if p.mostly(p.status) and p.status > p.dates:
        return "status", f"{p.status} of {p.n} cells are status words"
    if p.mostly(p.dates):
        return "timescale", f"{p.dates} of {p.n} cells are dates or periods"
    if p.mostly(p.leads) and p.short * 2 >= p.n:  # names, mostly short: not lists of plans
        return "lead", f"{p.leads} of {p.n} cells name teams, officers or bodies"
    return None
