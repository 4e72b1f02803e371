"""Column headers -> common-schema fields, by meaning rather than exact wording.

Each field has patterns of three strengths: the whole header (3), the header's first or last
words (2), a word anywhere (1). Every column takes its strongest match; when two columns want
the same field the stronger (then the leftmost) keeps it and the other stays an extra column.
Content then corrects what wording cannot: an "Action" column of bare numbers is the ref, a
"Status" column of RAG words is the rag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilplans.normalise.rag import is_rag_value, rag_from_fill

# (field, strong whole-header patterns, edge patterns, weak word patterns)
_LEXICON: list[tuple[str, list[str], list[str], list[str]]] = [
    (
        "ref",
        [r"no\.?", r"nos?\.?", r"number", r"ref\.?", r"reference", r"#", r"id", r"item",
         r"action (?:no\.?|ref\.?|number|reference|id)", r"ref(?:erence)? no\.?",
         r"kpi (?:no|ref)\.?"],
        [r"ref\.?", r"no\.?"],
        [],
    ),
    (
        "rag",
        [r"rag", r"rag (?:status|rating|rated)", r"rag rating \(.*\)", r"rating", r"b?rag"],
        [r"rag"],
        [r"rag"],
    ),
    (
        "progress",
        [r"progress", r"(?:latest |current |q[1-4] |quarter [1-4] |annual )?update",
         r"successes? (?:&|and) challenges?(?: of note)?", r"commentary", r"comments?",
         r"current position", r"progress to date", r"achievements?", r"position statement",
         r"status update", r"narrative", r"progress (?:update|report|made)"],
        [r"update", r"progress", r"commentary", r"comments?", r"successes?"],
        [r"progress", r"update"],
    ),
    (
        "timescale",
        [r"timescales?", r"by when", r"target date", r"when", r"deadline", r"end", r"due",
         r"due date", r"completion date", r"date", r"time ?frames?", r"delivery date", r"by",
         r"target completion", r"end date", r"dates?", r"timing", r"completion"],
        [r"timescales?", r"deadline", r"by when", r"date", r"time ?frames?"],
        [r"timescales?", r"when", r"deadline"],
    ),
    (
        "lead",
        [r"leads?", r"lead officers?", r"led by", r"key agenc(?:y|ies)", r"lead agenc(?:y|ies)",
         r"lead agency / individual", r"responsible(?: officer| person| lead| agency)?",
         r"owners?", r"who", r"accountable", r"lead (?:partner|organisation|body|service)s?",
         r"partners?", r"responsibility", r"delivery lead", r"lead (?:and|&) partners",
         r"operational groups?", r"(?:lead|delivery|responsible) groups?",
         r"accountable (?:officer|person|lead)s?", r"(?:key|delivery|lead) partners?",
         r"partners involved", r"(?:lead )?(?:organisation|agency|service)s? responsible"],
        [r"leads?", r"led by", r"owners?", r"responsib\w*", r"agenc(?:y|ies)", r"who",
         r"operational groups?"],
        [r"lead", r"responsib\w*", r"owner", r"agencies"],
    ),
    (
        "measure",
        [r"means of verification", r"data source", r"how measured", r"measured by",
         r"evidence", r"source", r"sources? of (?:data|evidence)", r"method of measurement",
         r"how (?:will|we will) (?:we )?measure(?: it)?", r"verification"],
        [r"verification", r"data source", r"how measured", r"evidence"],
        [r"verification"],
    ),
    (
        "indicator",
        [r"indicators?", r"kpis?", r"success measures?", r"performance (?:indicator|measure)s?",
         r"how we will know(?: we have succeeded)?", r"measures? of success", r"measures?",
         r"key performance indicators?", r"success criteria", r"targets? (?:and|&) measures?",
         r"performance measures?", r"metrics?",
         r"how (?:will )?we (?:will )?measure (?:success|progress|impact)"],
        [r"indicators?", r"kpis?", r"success measures?", r"how we will know"],
        [r"indicator", r"kpi"],
    ),
    (
        "output",
        [r"outputs?", r"deliverables?", r"key outputs?", r"(?:key )?milestones?"],
        [r"outputs?", r"deliverables?", r"milestones?"],
        [],
    ),
    (
        "outcome",
        [r"outcomes?", r"expected outcomes?", r"intended outcomes?", r"desired outcomes?",
         r"key outcomes?", r"outcomes? (?:sought|expected)", r"what difference will it make"],
        [r"outcomes?"],
        [r"outcome"],
    ),
    (
        "objective",
        [r"objectives?", r"strategy objectives?", r"strategic objectives?", r"priority areas?",
         r"priorit(?:y|ies)", r"aims?", r"goals?", r"themes?", r"strategic priorit(?:y|ies)",
         r"workstreams?", r"strands?", r"key priorit(?:y|ies)"],
        [r"objectives?", r"priority areas?", r"priorit(?:y|ies)", r"aims?"],
        [],
    ),
    (
        "action",
        [r"actions?", r"what (?:we will|will we|we'll) do", r"project ?/ ?action",
         r"strategic actions?", r"activit(?:y|ies)", r"tasks?", r"key actions?",
         r"actions? (?:to be taken|required|planned)", r"what we have committed to",
         r"commitments?", r"description of actions?", r"recommendations?",
         r"how (?:will we|we will) (?:do|achieve) (?:it|this)", r"interventions?", r"projects?"],
        [r"actions?", r"what we will do", r"commitments?", r"activit(?:y|ies)"],
        [r"action", r"description"],
    ),
    ("resources", [r"resources?", r"resourc\w+", r"funding", r"budget", r"costs?"],
     [r"resources?", r"funding", r"budget"], []),
]

_COMPILED = [
    (field, [re.compile(rf"^(?:{p})$") for p in strong],
     [re.compile(rf"^(?:{p})\b|\b(?:{p})$") for p in edge],
     [re.compile(rf"\b(?:{p})\b") for p in weak])
    for field, strong, edge, weak in _LEXICON
]

_REF_VALUE = re.compile(
    r"^\(?[A-Za-z]{0,3}\d+[a-z]?(?:[.\-]\d+[a-z]?)*\.?\)?(?:\s*\((?:[ivx]+|[a-z])\))?$"
)
_RISK_WORDS = re.compile(r"\b(?:likelihood|probability|inherent risk|residual risk|risk score"
                         r"|risk owner|risk title|risk description|mitigations?)\b")


def header_key(text: str) -> str:
    """Lower-case, punctuation-light form of a header for matching."""
    t = text.lower().replace("\n", " ")
    t = re.sub(r"[\u2018\u2019]", "'", t)
    t = re.sub(r"[*:;¹²³]+|\(s\)", " ", t)
    t = re.sub(r"^(?:current|proposed|planned)\s+", "", t.strip())
    return re.sub(r"\s+", " ", t).strip(" .-")


def _strength(key: str) -> list[tuple[int, str]]:
    found = []
    for field, strong, edge, weak in _COMPILED:
        if any(p.match(key) for p in strong):
            found.append((3, field))
        elif any(p.search(key) for p in edge):
            found.append((2, field))
        elif any(p.search(key) for p in weak):
            found.append((1, field))
    return found


def field_for_header(text: str) -> tuple[str | None, int]:
    """Best field for one header text and how sure the match is (0 = none)."""
    key = header_key(text)
    if not key:
        return None, 0
    found = _strength(key)
    if not found:
        return None, 0
    best = max(s for s, _ in found)
    for s, field in found:  # lexicon order breaks ties
        if s == best:
            return field, s
    return None, 0


@dataclass(frozen=True)
class ColumnMap:
    headers: tuple[str, ...]
    fields: tuple[str | None, ...]

    def column_of(self, field: str) -> int | None:
        try:
            return self.fields.index(field)
        except ValueError:
            return None

    @property
    def mapping(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for i, (h, f) in enumerate(zip(self.headers, self.fields, strict=True)):
            key = h or f"column {i + 1}"
            if key in out:
                key = f"{key} (column {i + 1})"
            out[key] = f
        return out

    @property
    def unmapped(self) -> tuple[str, ...]:
        return tuple(h for h, f in zip(self.headers, self.fields, strict=True) if f is None and h)


def _mostly(values: list[str], pred) -> bool:
    vals = [v for v in values if v and v.strip()]
    return bool(vals) and sum(1 for v in vals if pred(v.strip())) >= max(1, 0.8 * len(vals))


# Headers whose field the column's content decides ("Status" holding RAG words or colours).
DECIDED_BY_CONTENT = frozenset({"status", "rating", "progress status", "current status",
                                "overall status", "delivery status"})


def map_columns(
    headers: list[str], columns: list[list[str]],
    fills: list[list[tuple[float, float, float] | None]] | None = None,
) -> ColumnMap:
    """Map each column to a field from its header and, where wording misleads, its content.

    ``fills`` (per column, the body cells' fill colours) let a "Status" column that shows its
    RAG rating only as cell colour count as the RAG column.
    """
    n = len(headers)
    wanted: list[tuple[str | None, int]] = [field_for_header(h) for h in headers]
    for i, (field, strength) in enumerate(wanted):
        values = columns[i] if i < len(columns) else []
        if (field is None and header_key(headers[i]) in DECIDED_BY_CONTENT
                and fills and i < len(fills) and not any(v.strip() for v in values)
                and _mostly([rag_from_fill(f) or "" if f else "" for f in fills[i]], bool)):
            wanted[i] = ("rag", 2)
            continue
        numeric_refs = _mostly(values, lambda v: bool(_REF_VALUE.match(v)))
        if field in ("action", "objective", "indicator") and numeric_refs:
            wanted[i] = ("ref", strength)
        elif (field is None and header_key(headers[i]) in DECIDED_BY_CONTENT
              and _mostly(values, is_rag_value)):
            wanted[i] = ("rag", 2)
        elif field == "rag" and values and not _mostly(values, is_rag_value) and strength < 3:
            wanted[i] = (None, 0)
        elif field is None and not headers[i].strip() and i == 0 and numeric_refs:
            wanted[i] = ("ref", 1)
    fields: list[str | None] = [None] * n
    order = sorted(range(n), key=lambda i: (-wanted[i][1], i))
    taken: set[str] = set()
    for i in order:
        field = wanted[i][0]
        if field and field not in taken:
            fields[i] = field
            taken.add(field)
    return ColumnMap(tuple(headers), tuple(fields))


def looks_like_risk_register(headers: list[str]) -> bool:
    return sum(1 for h in headers if _RISK_WORDS.search(header_key(h))) >= 1 and any(
        "risk" in header_key(h) for h in headers
    )
