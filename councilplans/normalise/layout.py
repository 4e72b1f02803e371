"""Where a logical table's header ends and which rows are titles, sections or repeats.

Headers are found by meaning: the first one or two rows (after any full-width title rows)
whose cells read as column names. What each column *is* is decided afterwards, once, by
``columns.assign_columns``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilplans.normalise.grid import Grid
from councilplans.normalise.headers import decided_by_content, field_for_header
from councilplans.normalise.text import HARD_BREAK, collapse
from councilplans.vocabulary import SECTION_WORDS

_MAX_HEADER_CELL = 90


@dataclass(frozen=True)
class Header:
    start: int  # first header row
    end: int  # first data row
    texts: tuple[str, ...]  # one header text per column
    titles: tuple[str, ...]  # full-width rows above the header
    first_lines: tuple[str, ...] = ()  # per column, the header's first line as typed

    def first_line(self, c: int) -> str | None:
        return self.first_lines[c] if c < len(self.first_lines) else None


def _header_texts(grid: Grid, start: int, end: int) -> list[str]:
    texts = []
    for c in range(grid.n_cols):
        parts: list[str] = []
        for r in range(start, end):
            t = collapse(grid.text[r][c])
            if t and t not in parts:
                parts.append(t)
        texts.append(" ".join(parts))
    return texts


def _rates(group_lines: list[str]) -> bool:
    """Whether a group header names a rating ("RAG rating" over "Latest" / "Previous"): its
    sub-headers are then periods of that rating, not columns of their own meaning."""
    return any(field_for_header(t)[0] in ("rag", "status") or decided_by_content(t)
               for t in group_lines)


def _best_header_texts(grid: Grid, start: int, end: int) -> list[str]:
    """Per column, the header line that names a field: the lower row, else the group above."""
    if end - start == 1:
        return _header_texts(grid, start, end)
    out = []
    for c in range(grid.n_cols):
        lines = [collapse(grid.text[r][c]) for r in range(start, end)]
        lines = [t for i, t in enumerate(lines) if t and t not in lines[:i]]
        pick = next((t for t in reversed(lines)
                     if field_for_header(t)[0] or decided_by_content(t)), None)
        if pick is not None and (pick != lines[-1] or _rates(lines[:-1])):
            pick = " ".join(lines)  # "RAG rating" over "Latest" / "Previous": keep both words
        out.append(pick or " ".join(lines))
    return out


def _headerish(grid: Grid, r: int) -> bool:
    filled = [collapse(t) for t in grid.text[r] if collapse(t)]
    return bool(filled) and all(len(t) <= _MAX_HEADER_CELL for t in filled)


def _score(texts: list[str]) -> int:
    """Distinct wordings that name a field: a band repeating one title across its cells
    ("AXE 1 – RESSOURCES" in every column) counts once."""
    return len({t for t in texts if field_for_header(t)[0]})


def _names_main_column(texts: list[str]) -> bool:
    """One column named, by its whole wording, as the actions or indicators is a header too."""
    return any(field_for_header(t) in (("action", 3), ("indicator", 3)) for t in texts)


def _second_row_has_no_main_text(grid: Grid, start: int) -> bool:
    """Whether the row under a one-row header leaves the action/indicator column empty.

    Every plan row has its main text, so such a row ("", "Latest", "Previous") is a second
    header line of sub-headings, not data.
    """
    texts = _header_texts(grid, start, start + 1)
    main = next((c for c, t in enumerate(texts)
                 if field_for_header(t)[0] in ("action", "indicator")), None)
    if main is None and texts and not field_for_header(texts[0])[0]:
        main = 0  # an unnamed first column is where rows name themselves
    second = start + 1
    if main is None:
        return False
    empty = grid.covered[second][main] or not collapse(grid.text[second][main])
    others = [collapse(grid.text[second][c]) for c in range(grid.n_cols) if c != main]
    return empty and any(others)


def band_text(grid: Grid, r: int) -> str | None:
    """The title of a row across the table: one merged cell, or (where an extractor copied a
    merged band's text into every cell it covers) one text repeated in every filled cell."""
    if grid.full_width[r]:
        return grid.full_width[r]
    texts = [collapse(t) for t in grid.text[r]]
    filled = [t for t in texts if t]
    if len(filled) >= 2 and len(set(filled)) == 1 and len(filled) * 2 >= grid.n_cols:
        return filled[0]
    return None


def find_header(grid: Grid, marked_rows: int) -> Header | None:
    """The header under any title rows; ``marked_rows`` is how many rows the document itself
    marks as header (Word's repeating header rows), 0 where it does not say."""
    if not grid.n_rows:
        return None
    titles: list[str] = []
    start = 0
    while start < grid.n_rows and start < 3 and (t := band_text(grid, start)):
        titles.append(t)
        start += 1
    if start >= grid.n_rows:
        return None
    candidates: list[tuple[int, int]] = []
    if marked_rows > start:
        candidates.append((marked_rows - start, 100))
    for k in (1, 2):
        if start + k < grid.n_rows and all(_headerish(grid, start + i) for i in range(k)):
            if k == 2 and grid.full_width[start + 1]:
                continue  # a section row ("Priority 1: Access") under the header, not part of it
            candidates.append((k, 0))
    if (1, 0) in candidates and (2, 0) in candidates and _second_row_has_no_main_text(
            grid, start):
        candidates[candidates.index((2, 0))] = (2, 1)
    best: tuple[float, int, list[str]] | None = None
    for k, bonus in candidates:
        texts = _best_header_texts(grid, start, start + k)
        score = _score(texts) + bonus - (k - 1) * 0.5
        if best is None or score > best[0]:
            best = (score, k, texts)
    if best is None or not (_score(best[2]) >= 2 or _names_main_column(best[2])):
        return None
    _, k, texts = best
    firsts = tuple(collapse(grid.text[start][c].split("\n" + HARD_BREAK)[0]) if k == 1 else ""
                   for c in range(grid.n_cols))
    return Header(start, start + k, tuple(texts), tuple(titles), firsts)


_SECTION_ROW_RE = re.compile(rf"^{SECTION_WORDS}\b", re.I)


def section_row_text(grid: Grid, r: int, raw_first: str) -> str | None:
    """A row that names a section: one cell across the width, or a lone short heading cell.
    ``raw_first`` is the row's first cell as printed, line breaks kept."""
    text = grid.full_width[r]
    if text is None:
        filled = [c for c in range(grid.n_cols) if collapse(grid.text[r][c])]
        if len(filled) == 1 and not grid.covered[r][filled[0]]:
            only = collapse(grid.text[r][filled[0]])
            if _SECTION_ROW_RE.match(only) and len(only) < 120:
                text = only
    if not text:
        return None
    if len(text) <= 160:
        return text
    # A long merged row is a section title followed by its introduction: keep the title,
    # with the lines it wrapped onto (they carry on in lower case).
    lines = [ln.strip() for ln in raw_first.split("\n") if ln.strip()]
    if not lines:
        return text
    title = lines[0]
    for line in lines[1:]:
        if not (line[0].islower() or title.endswith((",", "-", "–", "(", "&", "and", "of"))):
            break
        title = f"{title} {line}"
    return collapse(title)


def is_repeated_header(grid: Grid, r: int, header: Header) -> bool:
    key = grid.keys[r]
    if not any(key):
        return False
    return any(key == grid.keys[h] for h in range(header.start, header.end))
