"""The one decision per table: what each column is, which one names the record, and the kind.

Wording (``headers``) and content (``content``) are weighed together here, once; rows,
stitching and records only read the resulting :class:`Columns`. Every column keeps the
evidence for its field, so the import notes can say why a column became what it is.

How the two kinds of evidence meet:

* A column's header gives a field at strength 3 (whole wording), 2 (first/last words) or 1
  (a word anywhere).
* The cells correct wording that misleads: an "Action" column of bare numbers is the ref, a
  "Status" column of RAG words (or RAG shading) is the rag and of sentences the progress, a
  "Progress" column of "Complete" / "On track" is the status, a "Target" column of dates is
  the timescale.
* Where the header says nothing, or only through a stray word, the cells decide (dates ->
  timescale, team and officer names -> lead, status words -> status, RAG words -> rag, short
  codes in the first column -> ref), at strength 2.
* Two columns wanting one field: the stronger, then the leftmost, keeps it; the other stays
  an extra column.
* No action or indicator column, but an unnamed first column of sentences beside plan
  attributes: that column is the main text (an indicator where the table rates or measures).
"""

from __future__ import annotations

from dataclasses import dataclass

from councilplans.normalise.classify import ATTRIBUTES, FIGURES, classify, indicator_like
from councilplans.normalise.content import Profile, content_field, profile
from councilplans.normalise.grid import Grid
from councilplans.normalise.headers import (
    decided_by_content,
    field_for_header,
    names_a_measure,
    names_no_field,
    names_share_done,
    names_success_shown,
)
from councilplans.normalise.layout import Header
from councilplans.normalise.rag import rag_from_fill

MAIN_FIELDS = ("action", "indicator", "outcome", "output", "objective")
_TEXT_FIELDS = ("action", "objective", "indicator", "outcome", "output")
_BY_STRENGTH = {3: "header", 2: "header words", 1: "a header word"}


@dataclass(frozen=True)
class ColumnEvidence:
    header: str
    field: str | None
    why: str


@dataclass(frozen=True)
class Columns:
    """What normalise decided about a table's columns; read, never revised, by later steps."""

    headers: tuple[str, ...]
    fields: tuple[str | None, ...]
    main: int | None  # the column whose text names each record
    kind: str | None  # "action" | "indicator"; None when the table is not a plan
    is_plan: bool
    reason: str
    evidence: tuple[ColumnEvidence, ...]
    loose_refs: bool = False  # the main column's cells start with their number ("1 - Title")

    def column_of(self, field: str) -> int | None:
        try:
            return self.fields.index(field)
        except ValueError:
            return None

    @property
    def main_field(self) -> str | None:
        return self.fields[self.main] if self.main is not None else None

    @property
    def text_field(self) -> str | None:
        """The field whose cell a numbered row's actions are split from: the action where
        there is one, else the first text field (objective included)."""
        return "action" if "action" in self.fields else next(
            (f for f in MAIN_FIELDS if f in self.fields), None)

    @property
    def keys(self) -> list[int]:
        """The columns that start a new record when filled: the ref and the main text."""
        return [c for c in (self.column_of("ref"), self.main) if c is not None]

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

    def described(self) -> tuple[str, ...]:
        """One line per column: "'Who is responsible' -> lead (header words)"."""
        return tuple(f"{(e.header or f'column {i + 1}')!r} -> {e.field or 'extra'} ({e.why})"
                     for i, e in enumerate(self.evidence))


def _mostly_shaded_rag(fills: list) -> bool:
    rated = [f for f in fills if f is not None and rag_from_fill(f)]
    return bool(fills) and len(rated) >= max(1, 0.8 * len(fills))


def _wanted(header: str, fills: list, first: bool, prof: Profile,
            rows: int, first_line: str | None = None) -> tuple[str | None, int, str]:
    """The field one column asks for, how strongly, and why."""
    if names_no_field(header):
        return None, 0, "header names no record field"
    field, strength = field_for_header(header, first_line)
    why = _BY_STRENGTH.get(strength, "")
    by_content = decided_by_content(header) or field == "status"
    if by_content and prof.n == 0 and _mostly_shaded_rag(fills):
        return "rag", 2, "cells shaded red, amber or green"
    if field in _TEXT_FIELDS and prof.mostly(prof.refs):
        return "ref", strength, f"{why}; {prof.refs} of {prof.n} cells are references"
    content = content_field(prof, first, rows)
    if by_content and prof.n:
        if prof.mostly(prof.rag):
            return "rag", 2, f"{prof.rag} of {prof.n} cells are RAG ratings"
        if prof.mostly(prof.sentences):
            return "progress", 2, f"{prof.sentences} of {prof.n} cells are sentences"
    if field == "rag" and prof.n and not prof.mostly(prof.rag) and strength < 3:
        return None, 0, "header mentions RAG but the cells are not ratings"
    if field == "progress" and content and content[0] == "status":
        return "status", strength, f"{why}; {content[1]}"
    if field in FIGURES and content and content[0] == "timescale" and not prof.mostly(
            prof.figures):
        return "timescale", strength, f"{why}; {content[1]}"
    if (field is None or strength <= 1) and content:
        return content[0], 2, f"cells: {content[1]}"
    if field is None:
        return None, 0, "no header or cell evidence"
    return field, strength, why


def _verified_success(wanted: list, headers: tuple[str, ...]) -> list:
    """A column asking how success will show is the outcome sought; beside a column of the
    data that verifies it ("Data source", "Means of verification") it lists what is
    measured: the indicators."""
    return _recast(wanted, headers, beside="measure", field="outcome", to="indicator",
                   names=names_success_shown, why="measured, its data source column")


def _measures_of_actions(wanted: list, headers: tuple[str, ...]) -> list:
    """Beside a column of actions, a column named for how success is measured ("Measure of
    success", "Success measures") holds each action's measure; without one it lists the
    indicators themselves. Only wording that names an indicator outright keeps it there."""
    return _recast(wanted, headers, beside="action", field="indicator", to="measure",
                   names=names_a_measure, why="measures the actions of column")


def _recast(wanted: list, headers: tuple[str, ...], beside: str, field: str, to: str,
            names, why: str) -> list:
    """Columns mapped to ``field`` whose header ``names`` the wording become ``to``, when the
    table has a column firmly mapped to ``beside``; the evidence names that column."""
    firm = [c for c, w in enumerate(wanted) if w[0] == beside and w[1] >= 2]
    if not firm:
        return wanted
    return [(to, w[1], f"{w[2]}; {why} {firm[0] + 1}") if w[0] == field and names(headers[c])
            else w for c, w in enumerate(wanted)]


def _figures_are_actuals(wanted: list, profiles: list[Profile]) -> list:
    """A column worded as a progress note ("Current position", "Latest update") whose cells
    are figures, beside a baseline or target, is the latest value: the actual."""
    if not any(w[0] in ("baseline", "target") for w in wanted):
        return wanted
    return [("actual", w[1], f"{w[2]}; {p.figures} of {p.n} cells are figures")
            if w[0] == "progress" and p.n and p.mostly(p.figures) else w
            for w, p in zip(wanted, profiles, strict=True)]


def _sub_rank(c: int, headers: tuple[str, ...], wanted: list, profiles: list[Profile]) -> tuple:
    """Order among columns asking equally for one field: leftmost first, except that of
    columns under one header ("Actions" over a group label and its bulleted actions) the one
    with the most cells of its own, then the most sentences, holds the plan's text."""
    if wanted[c][0] not in ("action", "indicator"):
        return (c,)
    same = [i for i, h in enumerate(headers) if h == headers[c] and wanted[i][0] == wanted[c][0]]
    first = same[0]
    return (first, -profiles[c].n, -profiles[c].sentences, c)


def _body_rows(grid: Grid, header: Header) -> list[int]:
    return [r for r in range(header.end, grid.n_rows) if grid.full_width[r] is None]


def assign_columns(grid: Grid, header: Header) -> Columns:
    """Map every column, pick the main text column and the kind: the one place that does."""
    body = _body_rows(grid, header)
    values = [grid.column(c, body) for c in range(grid.n_cols)]
    fills = [[grid.fill[r][c] for r in body] for c in range(grid.n_cols)]
    profiles = [profile(v) for v in values]
    headers = tuple(header.texts)
    wanted = [_wanted(headers[c], fills[c], c == 0, profiles[c], len(body),
                      header.first_line(c)) for c in range(grid.n_cols)]
    wanted = _measures_of_actions(_verified_success(wanted, headers), headers)
    wanted = _figures_are_actuals(wanted, profiles)
    fields: list[str | None] = [None] * grid.n_cols
    why = [w[2] for w in wanted]
    owner: dict[str, int] = {}
    for c in sorted(range(grid.n_cols), key=lambda i: (-wanted[i][1], _sub_rank(i, headers,
                                                                                wanted, profiles))):
        field = wanted[c][0]
        if field and field not in owner:
            fields[c] = field
            owner[field] = c
        elif field in ("action", "indicator") and headers[c] == headers[owner[field]] \
                and "objective" not in owner:
            fields[c] = "objective"  # "Actions" over a group label and its actions
            owner["objective"] = c
            why[c] = f"{why[c]}; groups of the {field} column {owner[field] + 1}, one header"
        elif field == "action" and "output" not in owner and wanted[c][1] >= 3 \
                and profiles[c].n and profiles[c].mostly(profiles[c].words3):
            fields[c] = "output"  # "What we will do" beside "What we will deliver"
            owner["output"] = c
            why[c] = f"{why[c]}; a second text of what is done, beside the action column " \
                     f"{owner['action'] + 1}"
        elif field == "status" and "progress" not in owner and names_share_done(headers[c]):
            fields[c] = "progress"  # "% complete" beside a status column of words
            owner["progress"] = c
            why[c] = f"{why[c]}; the share done, beside the status column {owner['status'] + 1}"
        elif field:
            why[c] = f"{why[c]}; {field} already column {owner[field] + 1}"
    main = _rated_rows_main(fields, profiles, headers)
    if main is not None:
        fields[main] = "indicator"
        why[main] = f"cells: {profiles[main].words3} of {profiles[main].n} are phrases, " \
                    f"beside {', '.join(f for f in fields if f and f != 'indicator')}"
    elif (main := _sentences_main(fields, profiles)) is not None:
        fields[main] = "indicator" if indicator_like(headers, tuple(fields)) else "action"
        why[main] = f"cells: {profiles[main].sentences} of {profiles[main].n} are sentences, " \
                    f"beside {', '.join(f for f in fields if f and f != fields[main])}"
    if ("action" in fields and "indicator" not in fields
            and indicator_like(headers, tuple(fields))):
        c = fields.index("action")
        fields[c] = "indicator"  # "Description / Target / Outturn": the indicator described
        why[c] = f"{why[c]}; beside a performance matrix's figure columns"
    _group_label_objective(grid, body, fields, why, profiles)
    named: dict[str, list[str]] = {"": []}
    for c, f in enumerate(fields):
        if f:
            named[f] = values[c]
        else:
            named[""].extend(values[c])
    is_plan, reason, kind = classify(headers, tuple(fields), named)
    main_col = next((fields.index(f) for f in MAIN_FIELDS[:4] if f in fields), None)
    loose = False
    if main_col is not None and "ref" not in fields:
        loose = profiles[main_col].mostly(profiles[main_col].leading_refs)
    return Columns(
        headers=headers,
        fields=tuple(fields),
        main=main_col,
        kind=kind if is_plan else None,
        is_plan=is_plan,
        reason=reason,
        evidence=tuple(ColumnEvidence(h, f, w) for h, f, w in zip(headers, fields, why,
                                                                  strict=True)),
        loose_refs=loose,
    )


def _group_label_objective(grid: Grid, body: list[int], fields: list[str | None],
                           why: list[str], profiles: list[Profile]) -> None:
    """An unnamed column left of the plan's text whose cells each span several of its rows
    ("Financier" over four actions, "Area for improvement" over its steps) labels groups of
    rows: the objective, whatever its header says. Figures, dates and refs never are."""
    main = next((fields.index(f) for f in ("action", "indicator") if f in fields), None)
    if main is None or "objective" in fields or len(body) < 3:
        return
    for c in range(main):
        prof = profiles[c]
        if fields[c] is not None or prof.n < 2:
            continue
        spanned = sum(1 for r in body if grid.covered[r][c])
        if spanned * 3 < len(body) or prof.mostly(prof.figures) or prof.mostly(prof.dates) \
                or prof.mostly(prof.refs):
            continue
        fields[c] = "objective"
        why[c] = (f"cells: {prof.n} labels spanning {spanned + prof.n} of {len(body)} rows "
                  f"beside the {fields[main]} column {main + 1}")
        return


def _rated_rows_main(fields: list[str | None], profiles: list[Profile],
                     headers: tuple[str, ...]) -> int | None:
    """A RAG-rated table whose first column's header is a service name ("Integrated
    Children's Services" over a list of measures) still lists indicators there: when nothing
    else is the main column and the first column holds sentences, it is the indicator column."""
    if "rag" not in fields or {"action", "indicator"} & set(fields) or not fields or fields[0]:
        return None
    p = profiles[0]
    if not p.n or p.words3 < 0.8 * p.n:
        return None
    return 0


def _sentences_main(fields: list[str | None], profiles: list[Profile]) -> int | None:
    """With no column named as the plan's text, the leftmost unnamed column of sentences
    beside two or more plan attributes (a lead, a date, a status ...) is the main text."""
    if set(MAIN_FIELDS) & set(fields):
        return None
    attributes = [f for f in fields if f in ATTRIBUTES and f != "ref"]
    if len(attributes) < 2:
        return None
    return next((c for c, (f, p) in enumerate(zip(fields, profiles, strict=True))
                 if f is None and p.mostly(p.words3) and p.sentences * 2 >= p.n), None)
