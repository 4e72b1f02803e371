"""Indicator cards: a box per measure, its name on top and its figures labelled inline.

Performance reports often print each measure as a small box rather than as a table row:
the measure's name in the top band (beside its RAG rating, in words or as shading), a chart,
then "Latest: 97%", "Target: 97%, Floor: 90%", "Previous: 97% (Green)". Such a box has no
header row, so it is read here from the labels inside its cells, which the header lexicon
maps as it maps column headers ("Latest" -> actual, "Target" -> target, "Baseline" ->
baseline); a label it does not know ("Floor", "Previous") is kept as an extra field.

A report that lists the same measures in a summary table as well, once more in detail as
cards, describes each measure once: ``merge_cards`` adds a card's figures to the summary row
of the same measure rather than making a second record.
"""

from __future__ import annotations

import re
from dataclasses import replace

from councilplans.normalise.grid import Grid
from councilplans.normalise.headers import field_for_header
from councilplans.normalise.model import Record
from councilplans.normalise.rag import parse_rag
from councilplans.normalise.text import clean_cell, collapse

_FIGURE = r"[-+]?(?:£|\$|€)?\d[\d,]*(?:\.\d+)?\s*(?:%|k|m|bn|pts?)?(?:\s*\([^)]{1,30}\))?"
# "Latest: 97%", "Target:180", "Floor 90%", "Previous 5,473 (Amber)": a label of up to four
# words, a colon or not, and a figure; the next label or the cell's end closes the figure.
_LABELLED = re.compile(
    rf"(?P<label>[A-Za-z][A-Za-z'’/&.\- ]{{0,40}}?)\s*(?P<colon>:?)\s*(?P<value>{_FIGURE})"
    r"\s*(?=[,;|]|$|\s+[A-Za-z])"
)
_FIGURE_FIELDS = ("actual", "target", "baseline")
_MIN_TITLE_WORDS = 3


def _labelled_values(text: str) -> list[tuple[str, str]]:
    """("Latest", "97%") ... from a cell's text: a label with a colon before its figure, or
    a short capitalised label alone with its figure in a part of the text of its own."""
    out = []
    for part in re.split(r"[\n;|]|,\s+(?=[A-Za-z])", text):
        part = part.strip()
        for m in _LABELLED.finditer(part):
            label = collapse(m["label"]).strip(" .-")
            if not label or len(label.split()) > 4:
                continue
            if not m["colon"] and not (m.start() == 0 and m.end() == len(part)
                                       and label[0].isupper() and len(label.split()) <= 2):
                continue  # "within 20 working days" is no label; "Floor 90%" alone is
            out.append((label, collapse(m["value"])))
    return out


def card_record(grid: Grid, table_index: int, page: int | None,
                section: str | None) -> Record | None:
    """The one indicator a card describes, or None when the table is not a card: a name
    of three words or more on the top row, and labelled figures of which at least one is
    the latest value, the target or the baseline."""
    if grid.n_rows < 2:
        return None
    top = [collapse(grid.text[0][c]) for c in range(grid.n_cols)]
    title_col = next((c for c, t in enumerate(top) if t), None)
    if title_col is None:
        return None
    title = grid.text[0][title_col]
    if len(collapse(title).split()) < _MIN_TITLE_WORDS or _labelled_values(title):
        return None
    values: dict[str, str] = {}
    extra: dict[str, str] = {}
    for r in range(1, grid.n_rows):
        for c in range(grid.n_cols):
            if grid.covered[r][c]:
                continue
            for label, value in _labelled_values(grid.text[r][c]):
                field, strength = field_for_header(label)
                if field in _FIGURE_FIELDS and strength >= 2 and field not in values:
                    values[field] = value
                elif label not in extra:
                    extra[label] = value
    if not values:
        return None
    rag = None
    for c in range(grid.n_cols):
        if c != title_col and top[c] and (rag := parse_rag(top[c])):
            break
    if rag is None:
        rag = next((parse_rag(None, grid.fill[0][c]) for c in range(grid.n_cols)
                    if c != title_col and grid.fill[0][c] is not None
                    and parse_rag(None, grid.fill[0][c])), None)
    return Record(kind="indicator", page=page, table_index=table_index, row_index=0,
                  section=section, indicator=clean_cell(title), rag=rag,
                  actual=values.get("actual"), target=values.get("target"),
                  baseline=values.get("baseline"), extra=extra)


_STOP = frozenset((
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "per",
    "the", "to", "with", "within", "who", "which", "that", "their", "there", "is", "are", "be",
    "been", "being", "percentage", "proportion", "number", "rate"))
_SAME_MEASURE = 0.75


def _measure_words(text: str | None) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", collapse(text).lower())
    return frozenset(w for w in words if w not in _STOP)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the shorter name's words the other has: a summary and a card print one
    measure's name with different wording ("% of ..." / "Percentage of ...", "Section 106"
    / "S106", "– rolling 12 months" added)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def merge_cards(records: list[Record], cards: list[Record]) -> list[Record]:
    """Each card's figures added to the indicator record of the same measure where the
    document lists it already (most of the words of the shorter name in the other, the
    best such row, each row taking one card); a card of a measure listed nowhere else is
    a record of its own."""
    out = list(records)
    words = [_measure_words(r.indicator) if r.kind == "indicator" else frozenset() for r in out]
    taken: set[int] = set()
    for card in cards:
        key = _measure_words(card.indicator)
        scored = sorted(((_overlap(key, w), i) for i, w in enumerate(words)
                         if i not in taken and w), reverse=True)
        best = scored[0] if scored and scored[0][0] >= _SAME_MEASURE else None
        if best is None or (len(scored) > 1 and scored[1][0] == best[0]):
            out.append(card)
            continue
        i = best[1]
        taken.add(i)
        rec = out[i]
        out[i] = replace(
            rec,
            rag=rec.rag or card.rag,
            actual=rec.actual or card.actual,
            target=rec.target or card.target,
            baseline=rec.baseline or card.baseline,
            extra={**{k: v for k, v in card.extra.items() if k not in rec.extra}, **rec.extra},
        )
    return out
