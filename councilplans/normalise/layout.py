"""Where a logical table's header ends and what each data row is.

Headers are found by meaning: the first one or two rows (after any full-width title rows)
whose cells read as column names. A row is then a section row (one cell across the width),
a repeated header, a row of its own, a further row of the record above (its key cell is
merged with the one above), or the rest of a row a page break cut (key cells empty).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilplans.extract.model import Cell
from councilplans.normalise.headers import (
    DECIDED_BY_CONTENT,
    ColumnMap,
    field_for_header,
    header_key,
    map_columns,
)
from councilplans.normalise.stitch import LogicalTable, row_key
from councilplans.normalise.text import collapse

_MAX_HEADER_CELL = 90


def cell_text(rows: list[tuple[Cell, ...]], r: int, c: int) -> str:
    """Text at a grid position, following a merged cell back to the cell that holds it."""
    if c >= len(rows[r]):
        return ""
    cell = rows[r][c]
    if cell.origin is not None:
        orow, ocol = cell.origin
        if 0 <= orow < len(rows) and 0 <= ocol < len(rows[orow]):
            return rows[orow][ocol].text
        return ""
    return cell.text


def covered_from_above(rows: list[tuple[Cell, ...]], r: int, c: int) -> bool:
    if c >= len(rows[r]):
        return False
    origin = rows[r][c].origin
    return origin is not None and origin[0] < r


def full_width_text(row: tuple[Cell, ...], r: int) -> str | None:
    """The text of a row that is one cell across the whole width (a section or title row)."""
    if not row:
        return None
    if len(row) == 1:
        return collapse(row[0].text) or None
    first = row[0]
    if first.origin is None and first.col_span >= len(row):
        return collapse(first.text) or None
    if all(c.origin == (r, 0) for c in row[1:]) and first.origin is None:
        return collapse(first.text) or None
    return None


@dataclass(frozen=True)
class Header:
    start: int  # first header row
    end: int  # first data row
    columns: ColumnMap
    titles: tuple[str, ...]  # full-width rows above the header


def _header_texts(rows: list[tuple[Cell, ...]], start: int, end: int, n: int) -> list[str]:
    texts = []
    for c in range(n):
        parts: list[str] = []
        for r in range(start, end):
            t = collapse(cell_text(rows, r, c))
            if t and t not in parts:
                parts.append(t)
        texts.append(" ".join(parts))
    return texts


def _best_header_texts(rows: list[tuple[Cell, ...]], start: int, end: int, n: int) -> list[str]:
    """Per column, the header line that names a field: the lower row, else the group above."""
    if end - start == 1:
        return _header_texts(rows, start, end, n)
    out = []
    for c in range(n):
        lines = [collapse(cell_text(rows, r, c)) for r in range(start, end)]
        lines = [t for i, t in enumerate(lines) if t and t not in lines[:i]]
        pick = next((t for t in reversed(lines)
                     if field_for_header(t)[0] or header_key(t) in DECIDED_BY_CONTENT), None)
        if pick is not None and pick != lines[-1]:
            pick = " ".join(lines)  # "RAG rating" over "Latest" / "Previous": keep both words
        out.append(pick or " ".join(lines))
    return out


def _headerish(rows: list[tuple[Cell, ...]], r: int) -> bool:
    texts = [collapse(cell_text(rows, r, c)) for c in range(len(rows[r]))]
    filled = [t for t in texts if t]
    return bool(filled) and all(len(t) <= _MAX_HEADER_CELL for t in filled)


def _score(texts: list[str]) -> int:
    return sum(1 for t in texts if field_for_header(t)[0])


def _names_main_column(texts: list[str]) -> bool:
    """One column named, by its whole wording, as the actions or indicators is a header too."""
    return any(field_for_header(t) in (("action", 3), ("indicator", 3)) for t in texts)


def _second_row_has_no_main_text(rows: list[tuple[Cell, ...]], start: int, n: int) -> bool:
    """Whether the row under a one-row header leaves the action/indicator column empty.

    Every plan row has its main text, so such a row ("", "Latest", "Previous") is a second
    header line of sub-headings, not data.
    """
    texts = _header_texts(rows, start, start + 1, n)
    main = next((c for c, t in enumerate(texts)
                 if field_for_header(t)[0] in ("action", "indicator")), None)
    if main is None and texts and not field_for_header(texts[0])[0]:
        main = 0  # an unnamed first column is where rows name themselves
    second = start + 1
    if main is None or main >= len(rows[second]):
        return False
    own = rows[second][main]
    empty = own.origin is not None or not collapse(own.text)
    others = [collapse(cell_text(rows, second, c)) for c in range(len(rows[second])) if c != main]
    return empty and any(others)


def find_header(table: LogicalTable) -> Header | None:
    rows = table.rows
    if not rows:
        return None
    n = max(len(r) for r in rows)
    titles: list[str] = []
    start = 0
    while start < len(rows) and start < 3 and (t := full_width_text(rows[start], start)):
        titles.append(t)
        start += 1
    if start >= len(rows):
        return None
    candidates: list[tuple[int, int]] = []
    if table.header_rows > start:
        candidates.append((table.header_rows - start, 100))
    for k in (1, 2):
        if start + k < len(rows) and all(_headerish(rows, start + i) for i in range(k)):
            if k == 2 and full_width_text(rows[start + 1], start + 1):
                continue  # a section row ("Priority 1: Access") under the header, not part of it
            candidates.append((k, 0))
    if (1, 0) in candidates and (2, 0) in candidates and _second_row_has_no_main_text(
            rows, start, n):
        candidates[candidates.index((2, 0))] = (2, 1)
    best: tuple[int, int, list[str]] | None = None
    for k, bonus in candidates:
        texts = _best_header_texts(rows, start, start + k, n)
        score = _score(texts) + bonus - (k - 1) * 0.5
        if best is None or score > best[0]:
            best = (score, k, texts)
    if best is None or not (_score(best[2]) >= 2 or _names_main_column(best[2])):
        return None
    _, k, texts = best
    end = start + k
    body = [r for r in range(end, len(rows)) if full_width_text(rows[r], r) is None]
    columns = [[cell_text(rows, r, c) for r in body if not covered_from_above(rows, r, c)]
               for c in range(n)]
    fills = [[rows[r][c].fill if c < len(rows[r]) else None for r in body] for c in range(n)]
    return Header(start, end, map_columns(texts, columns, fills), tuple(titles))


_SECTION_ROW_RE = re.compile(
    r"^(?:priority|objective|strand|theme|outcome|section|part|aim|goal|workstream)\b", re.I
)


def section_row_text(rows: list[tuple[Cell, ...]], r: int) -> str | None:
    """A row that names a section: one cell across the width, or a lone short heading cell."""
    row = rows[r]
    text = full_width_text(row, r)
    if text is None:
        filled = [c for c in range(len(row)) if collapse(cell_text(rows, r, c))]
        if len(filled) == 1 and not covered_from_above(rows, r, filled[0]):
            only = collapse(cell_text(rows, r, filled[0]))
            if _SECTION_ROW_RE.match(only) and len(only) < 120:
                text = only
    if not text:
        return None
    if len(text) <= 160:
        return text
    # A long merged row is a section title followed by its introduction: keep the title,
    # with the lines it wrapped onto (they carry on in lower case).
    lines = [ln.strip() for ln in rows[r][0].text.split("\n") if ln.strip()]
    if not lines:
        return text
    title = lines[0]
    for line in lines[1:]:
        if not (line[0].islower() or title.endswith((",", "-", "–", "(", "&", "and", "of"))):
            break
        title = f"{title} {line}"
    return collapse(title)


def is_repeated_header(rows: list[tuple[Cell, ...]], r: int, header: Header) -> bool:
    key = row_key(rows[r])
    if not any(key):
        return False
    return any(key == row_key(rows[h]) for h in range(header.start, header.end))
