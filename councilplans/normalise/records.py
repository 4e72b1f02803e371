"""A plan table's data rows -> common-schema records.

Rows are first grouped into record drafts (a row of its own, plus the group rows under a
merged key cell and the remainder of a row a page break cut), then each draft becomes one
record, or several when one cell numbers several actions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from councilplans.normalise.columns import MAIN_FIELDS, Columns
from councilplans.normalise.grid import Grid
from councilplans.normalise.headers import names_start_date
from councilplans.normalise.layout import Header, is_repeated_header, section_row_text
from councilplans.normalise.model import MAPPABLE_FIELDS, Record
from councilplans.normalise.rag import parse_rag
from councilplans.normalise.split import piece_for, split_actions
from councilplans.normalise.stitch import LogicalTable
from councilplans.normalise.text import HARD_BREAK, clean_cell, collapse, join_texts
from councilplans.normalise.timescales import parse_timescale
from councilplans.vocabulary import BULLET, clean_ref, is_numbered, leading_ref

_PART_SEP = {"lead": "; "}
_DANGLING = ("–", "—", "-", ",", "&", "/")  # a ref list that ends so goes on after the break


@dataclass
class Draft:
    """The cells of one record before cleaning: per column, one text per group row."""

    row: int
    page: int | None
    section: str | None
    parts: dict[int, list[str]] = field(default_factory=dict)
    fills: dict[int, tuple[float, float, float] | None] = field(default_factory=dict)
    listing: bool = False  # the main text ended "include:" and rows of its items follow

    def add(self, col: int, text: str, new_part: bool) -> None:
        texts = self.parts.setdefault(col, [])
        if not text:
            return
        if new_part or not texts:
            texts.append(text)
        else:
            texts[-1] = texts[-1] + "\n" + text


def _continues_cut_row(
    grid: Grid, r: int, texts: list[str], ref_col: int | None, main_col: int | None,
    prev_main: str, prev_ref: str = "",
) -> bool:
    """Whether the first row of a page's fragment is the rest of the row before the break.

    Its numbering cell, or its first cell, is empty; or the numbering (or first cell) before
    the break ended on a dash or comma (a list of refs the break cut, "1 – 1.2 5 –"); or its
    main text, or most of its texts, carry on a sentence (start in lower case). A new row
    starts its main text with a capital or a number; lists of names carried over (leads) may
    well start with one, hence "most".
    """
    def carries_on(text: str) -> bool:
        return text[0].islower() or text[0] in ",;:)"

    if prev_ref.rstrip().endswith(_DANGLING):
        return True
    if texts and _carries_words_on(texts[0], prev_ref):
        return True
    main = texts[main_col].strip() if main_col is not None else ""
    if main[:1].isupper() and prev_main.rstrip().endswith((".", "!", "?")):
        return False  # a new sentence after a finished one: an unnumbered row of its own
    if ref_col is not None and not texts[ref_col].strip():
        return True
    if texts and not texts[0].strip() and not grid.covered[r][0]:
        return True
    if main and carries_on(main):
        return True
    starts = [t.strip() for t in texts if t.strip()]
    return bool(starts) and sum(map(carries_on, starts)) * 2 > len(starts)


# a roman numeral as rows number themselves ("ii", "iv", "xii"), not a word made of those
# letters ("civil", "mid", "did")
_ROMAN = re.compile(r"^m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")


def _carries_words_on(first: str, before: str) -> bool:
    """Whether a first cell carries on the words of the one before the break: several
    words, the first in lower case (not a roman numeral, which numbers rows), after a cell
    that ended mid-sentence ("4.3 To improve cross sector" | "information sharing")."""
    words = first.split()
    before = before.rstrip()
    return (len(words) >= 2 and words[0].isalpha() and words[0].islower()
            and not _ROMAN.match(words[0]) and bool(before)
            and not before.endswith((".", "!", "?", ":", ";")))


def _starts_afresh(texts: list[str], draft: Draft) -> bool:
    """Whether a row's texts each begin anew where the record's texts above had ended: a
    capital after a full stop, or after a short label such as an operational group's name."""
    pairs = [((draft.parts.get(c) or [""])[-1].rstrip(), t.strip()) for c, t in enumerate(texts)
             if t.strip()]
    if not pairs:
        return False
    for before, text in pairs:
        if not text[0].isupper():
            return False
        if before and not (before.endswith((".", "!", "?", ")", ":")) or len(before.split()) <= 3):
            return False
    return True


def _is_list_item_row(texts: list[str], draft: Draft, main_col: int | None) -> bool:
    """Whether a row is one item of a list its record's text announced ("Services involved
    include:"): the row fills the main column only, with a short text, under such a text."""
    if main_col is None:
        return False
    filled = [c for c, t in enumerate(texts) if t.strip()]
    if filled != [main_col] or len(texts[main_col].split()) > 15:
        return False
    last = (draft.parts.get(main_col) or [""])[-1].rstrip()
    return draft.listing or last.endswith(":")


def _last_text(drafts: list[Draft], col: int | None) -> str:
    texts = drafts[-1].parts.get(col) if drafts and col is not None else None
    return texts[-1] if texts else ""


def rows_to_drafts(
    table: LogicalTable, grid: Grid, header: Header, columns: Columns, section: str | None
) -> list[Draft]:
    keys = columns.keys
    ref_col = columns.column_of("ref")
    main_col = columns.main
    objective = columns.column_of("objective")
    drafts: list[Draft] = []
    carried: dict[tuple[int, int], str] = {}  # merged cells of cut rows: their whole text
    after_section = False  # a section row ends the record above: nothing carries past it
    for r in range(header.end, grid.n_rows):
        if is_repeated_header(grid, r, header):
            continue
        first = table.rows[r][0].text if table.rows[r] else ""
        if (sec := section_row_text(grid, r, first)) is not None:
            section = sec
            after_section = True
            continue
        starts_section, after_section = after_section, False
        texts = [grid.own(r, c) for c in range(grid.n_cols)]
        if not any(t.strip() for t in texts):
            continue
        key_merged = bool(keys) and all(grid.covered[r][k] for k in keys)
        key_empty = bool(keys) and all(not texts[k].strip() for k in keys)
        # At the top of a page, a row with empty key cells is more often the rest of a row the
        # break cut than a new group row: it carries its cells on rather than adding parts,
        # unless every text it has starts afresh after a finished one ("CHOG" then "HOG").
        if r not in table.fragment_starts:
            cut = False
        elif key_empty and not key_merged:
            cut = not (drafts and _starts_afresh(texts, drafts[-1]))
        else:
            cut = _continues_cut_row(grid, r, texts, ref_col, main_col,
                                     _last_text(drafts, main_col),
                                     _last_text(drafts, 0 if ref_col is None else ref_col))
        if starts_section and not key_merged:
            cut = key_empty = False
        elif drafts and main_col is not None and _is_list_item_row(texts, drafts[-1], main_col):
            item = texts[main_col].strip()  # a row of its own is an item: the "• " convention
            drafts[-1].add(main_col, item if item.startswith(BULLET) else BULLET + item,
                           new_part=False)
            drafts[-1].listing = True
            continue
        if drafts and (key_merged or key_empty or cut):
            draft = drafts[-1]
            # The rest of a row a page break cut continues its cells (a line that would have
            # fitted under the break starts an item: the lead "SOG" under "HOG"); a group row
            # adds parts.
            for c, t in enumerate(texts):
                before = (draft.parts.get(c) or [""])[-1]
                if cut and t.strip() and before.strip() and grid.breaks_item(c, before, t):
                    t = HARD_BREAK + t.lstrip(HARD_BREAK)
                draft.add(c, t, new_part=not cut)
            if cut:  # a merged cell the break cut reads whole in the rows it spans below
                for c, cell in enumerate(table.rows[r]):
                    if cell.origin is None and cell.row_span > 1 and draft.parts.get(c):
                        carried[(r, c)] = draft.parts[c][-1]
            continue
        draft = Draft(row=r, page=table.row_pages[r] if r < len(table.row_pages) else None,
                      section=section)
        for c in range(grid.n_cols):
            text = grid.text[r][c]
            origin = table.rows[r][c].origin if c < len(table.rows[r]) else None
            if origin in carried:
                text = carried[origin]
            if c == objective and not text.strip() and drafts:
                prev = drafts[-1].parts.get(c)
                text = prev[0] if prev else ""
            draft.add(c, text, True)
            draft.fills[c] = grid.fill[r][c]
        drafts.append(draft)
    return drafts


def _field_text(field_name: str, texts: list[str]) -> str | None:
    """A field's text from its parts (one per group row). Where parts are joined by a mark
    ("; " between leads), so are the items of one cell's list: leads printed one a line in
    one cell are as many leads as leads printed one a row."""
    sep = _PART_SEP.get(field_name)
    if sep is None:
        return join_texts([clean_cell(t) for t in texts], "\n")
    items = [item.removeprefix(BULLET).strip() for t in texts
             for item in (clean_cell(t) or "").split("\n")]
    return join_texts(items, sep)


def draft_to_records(draft: Draft, cols: Columns, table: LogicalTable) -> list[Record]:
    kind = cols.kind or "action"
    values: dict[str, str | None] = {}
    extra: dict[str, str] = {}
    for c, texts in draft.parts.items():
        name = cols.fields[c] if c < len(cols.fields) else None
        text = _field_text(name or "", texts)
        if name in MAPPABLE_FIELDS:
            values[name] = text
        elif text:
            label = cols.headers[c] if c < len(cols.headers) else ""
            label = label or f"column {c + 1}"
            extra[label] = text
    rag_col = cols.column_of("rag")
    rag = parse_rag(values.get("rag"), draft.fills.get(rag_col) if rag_col is not None else None)

    main_field = cols.text_field
    pieces = split_actions(values.get(main_field)) if main_field and not values.get("ref") else []
    if not pieces and main_field and not values.get("ref"):
        ref, rest = leading_ref(values.get(main_field), loose=cols.loose_refs)
        if ref and rest:
            pieces = [(ref, rest)]
    all_refs = [r for r, _ in pieces]
    base = dict(values)
    out: list[Record] = []
    whole = (values.get("ref"), values.get(main_field) if main_field else None)
    for ref, body in pieces or [whole]:
        v = dict(base)
        if pieces:
            v["ref"] = ref
            v[main_field] = body
            for f in ("timescale", "lead", "progress", "rag", "resources", "output", "outcome",
                      "measure"):
                if f != main_field and v.get(f):
                    if len(pieces) > 1:
                        v[f] = piece_for(v[f], ref, all_refs)
                        if f in _PART_SEP and v[f]:  # "1.1 Police; 1.2 Council"
                            v[f] = v[f].rstrip(_PART_SEP[f]) or None
                    elif f in ("timescale", "lead"):
                        v[f] = _without_ref(v[f])
        if not any(v.get(f) for f in MAIN_FIELDS if f != "objective") and not (
            v.get("objective") and any(v.get(f) for f in ("lead", "timescale", "progress"))
        ) and not is_numbered(values.get("ref")):
            continue  # an empty row; a numbered one is kept, the plan has that number
        ts = parse_timescale(v.get("timescale"))
        start = ts.start_date or _start_date(extra)
        out.append(
            Record(
                kind=kind,
                page=draft.page,
                table_index=table.index,
                row_index=draft.row,
                ref=clean_ref(collapse(v.get("ref"))) or None,
                section=draft.section,
                objective=v.get("objective"),
                action=v.get("action"),
                output=v.get("output"),
                outcome=v.get("outcome"),
                indicator=v.get("indicator"),
                measure=v.get("measure"),
                lead=v.get("lead"),
                timescale=v.get("timescale"),
                due_date=ts.due_date,
                start_date=start,
                recurrence=ts.recurrence,
                rag=rag,
                resources=v.get("resources"),
                progress=v.get("progress"),
                status=v.get("status"),
                baseline=v.get("baseline"),
                target=v.get("target"),
                actual=v.get("actual"),
                extra=extra,
            )
        )
    return out


def _start_date(extra: dict[str, str]) -> date | None:
    """The date a "Start date" column prints, where the timescale gives no start."""
    for label, text in extra.items():
        if names_start_date(label):
            parsed = parse_timescale(text)
            return parsed.start_date or parsed.due_date
    return None


def _without_ref(text: str) -> str | None:
    """A cell that starts with the action's number; one that is only the number says nothing."""
    ref, rest = leading_ref(text)
    return rest if ref else text
