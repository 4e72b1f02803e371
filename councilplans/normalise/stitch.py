"""Raw table fragments -> logical tables.

A PDF draws a long table as one fragment per page; a later fragment continues the earlier
one when it follows it directly (nothing heading-like in between), starts on the next page,
and has the same column count. Its first row is dropped when it repeats the header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from councilplans.extract.model import Cell, RawDocument, RawTable, TextBlock
from councilplans.normalise.text import collapse

_SECTION_RE = re.compile(
    r"^(?:priority|objective|strand|theme|outcome|section|part|chapter|appendix|aim|goal|"
    r"workstream|strategic priority)\b|^\d+(?:\.\d+)*\.?\s+\S",
    re.I,
)
SHORT_HEADING = 80
_PAGE_FURNITURE_RE = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.I)


@dataclass
class LogicalTable:
    """A table after stitching: rows keep the page each came from and where fragments begin."""

    index: int  # index of the first raw fragment
    rows: list[tuple[Cell, ...]]
    row_pages: list[int | None]
    header_rows: int
    context: tuple[str, ...]
    section: str | None
    fragments: list[int] = field(default_factory=list)
    fragment_starts: set[int] = field(default_factory=set)  # row numbers that begin a fragment
    page: int | None = None


def is_heading(block: TextBlock, body_size: float) -> bool:
    text = block.text.strip()
    if not text or len(text) > 160 or _PAGE_FURNITURE_RE.match(text):
        return False
    if block.heading_level > 0 or block.style.lower().startswith(("heading", "title")):
        return True
    # Bold print of 13 pt or more is a heading even where little body text sets the scale.
    bigger = (body_size > 0 and block.size >= body_size + 1.5) or (block.bold
                                                                   and block.size >= 13)
    if bigger and len(text) < 120:
        return True
    if block.bold and len(text) < 120 and _SECTION_RE.match(text):
        return True
    # a short bold line of its own that is not a sentence: an unnumbered heading
    return bool(block.bold and len(text) <= SHORT_HEADING and "\n" not in text
                and not text.endswith((".", ",", ";")) and not text.isdigit())


def body_font_size(doc: RawDocument) -> float:
    sizes: dict[float, int] = {}
    for b in doc.text_blocks:
        if b.size:
            sizes[round(b.size, 1)] = sizes.get(round(b.size, 1), 0) + len(b.text)
    return max(sizes, key=sizes.get) if sizes else 0.0


def row_key(row: tuple[Cell, ...]) -> tuple[str, ...]:
    return tuple(collapse(c.text).lower() for c in row)


def _continues(prev: LogicalTable, raw: RawTable, between: list[TextBlock], body: float) -> bool:
    if raw.page is None or prev.page is None:
        return False
    last_page = prev.row_pages[-1] if prev.row_pages else prev.page
    if last_page is None or raw.page != last_page + 1:
        return False
    if raw.n_cols != max(len(r) for r in prev.rows):
        return False
    if _starts_with_its_own_header(prev, raw):
        return False
    return not any(is_heading(b, body) for b in between)


def _look(row: tuple[Cell, ...]) -> tuple[tuple[bool, bool], ...]:
    return tuple((c.fill is not None, c.bold) for c in row)


def _starts_with_its_own_header(prev: LogicalTable, raw: RawTable) -> bool:
    """A table on the next page whose first row is dressed like the previous table's header
    (same shading and bold, cell by cell) but says something else is a new table of the same
    layout ("Education KPIs" after "Adult Social Care KPIs"), not the rest of the previous one.
    """
    if not raw.rows or not prev.rows:
        return False
    header_look = _look(prev.rows[0])
    if not any(f or b for f, b in header_look) or _look(raw.rows[0]) != header_look:
        return False
    if row_key(raw.rows[0]) == row_key(prev.rows[0]):
        return False  # the header repeated: a continuation
    body = prev.rows[max(prev.header_rows, 1):]
    return sum(_look(r) == header_look for r in body) <= len(body) // 4


def _rebased(rows: list[tuple[Cell, ...]], offset: int) -> list[tuple[Cell, ...]]:
    """A fragment's merged-cell origins, renumbered to its rows' places in the whole table."""
    return [
        tuple(replace(c, origin=(c.origin[0] + offset, c.origin[1])) if c.origin else c
              for c in row)
        for row in rows
    ]


def stitch_tables(doc: RawDocument) -> list[LogicalTable]:
    body = body_font_size(doc)
    out: list[LogicalTable] = []
    between: list[TextBlock] = []
    section: str | None = None
    for block in doc.blocks:
        if isinstance(block, TextBlock):
            if is_heading(block, body):
                section = collapse(block.text)
            between.append(block)
            continue
        raw = block
        pages = list(raw.row_pages) or [raw.page] * raw.n_rows
        prev = out[-1] if out else None
        # A Word table is whole however many pages it runs over: only a PDF splits tables.
        if prev is not None and doc.format != "docx" and _continues(prev, raw, between, body):
            rows = list(raw.rows)
            header = [row_key(r) for r in prev.rows[: max(prev.header_rows, 1)]]
            dropped = 0
            while rows and row_key(rows[0]) in header:
                rows.pop(0)
                dropped += 1
            prev.fragment_starts.add(len(prev.rows))
            prev.rows.extend(_rebased(rows, len(prev.rows) - dropped))
            prev.row_pages.extend(pages[dropped:])
            prev.fragments.append(raw.index)
        else:
            out.append(
                LogicalTable(
                    index=raw.index,
                    rows=list(raw.rows),
                    row_pages=pages,
                    header_rows=raw.header_rows,
                    context=raw.context,
                    section=section,
                    fragments=[raw.index],
                    page=raw.page,
                )
            )
        between = []
    return out
