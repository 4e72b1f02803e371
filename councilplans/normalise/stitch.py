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
from councilplans.vocabulary import SECTION_WORDS

_SECTION_RE = re.compile(rf"^{SECTION_WORDS}\b|^\d+(?:\.\d+)*\.?\s+\S", re.I)
SHORT_HEADING = 80
_SAME_EDGE = 20.0  # points: a continuation's left and right edges are the table's
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


_CAPTION_RE = re.compile(r"^table\s+[a-z]?\d+(?:\.\d+)*[a-z]?\s*[:.\-–—]\s*(\S.{0,150})$", re.I)


def caption_title(text: str) -> str | None:
    """What a table's caption names ("Table 9: Priority 2 actions" -> "Priority 2 actions"):
    the table's own title, which names its section before any heading or page title."""
    m = _CAPTION_RE.match(collapse(text))
    return m.group(1).strip() if m else None


def body_font_size(doc: RawDocument) -> float:
    sizes: dict[float, int] = {}
    for b in doc.text_blocks:
        if b.size:
            sizes[round(b.size, 1)] = sizes.get(round(b.size, 1), 0) + len(b.text)
    return max(sizes, key=sizes.get) if sizes else 0.0


def row_key(row: tuple[Cell, ...]) -> tuple[str, ...]:
    return tuple(collapse(c.text).lower() for c in row)


def _continues(prev: LogicalTable, raw: RawTable, between: list[TextBlock], body: float) -> bool:
    """Whether a fragment carries on the table before it. One without a header of its own
    on the next page does so even across a heading (a running page title) and with other
    column boundaries, when its cells sit under the table's columns."""
    if raw.page is None or prev.page is None:
        return False
    last_page = prev.row_pages[-1] if prev.row_pages else prev.page
    if last_page is None or raw.page != last_page + 1:
        return False
    headless = (not _has_own_header(raw.rows, raw.header_rows) and not _dressed_as_header(raw)
                and _has_own_header(prev.rows, prev.header_rows))
    if raw.n_cols != max(len(r) for r in prev.rows):
        spans = _column_spans(prev.rows)
        edges = _column_spans(list(raw.rows))
        return (headless and spans is not None and edges is not None
                and not any(is_heading(b, body) for b in between)
                and abs(raw.n_cols - len(spans)) <= 2
                and abs(spans[0][0] - edges[0][0]) <= _SAME_EDGE
                and abs(spans[-1][1] - edges[-1][1]) <= _SAME_EDGE)
    if _starts_with_its_own_header(prev, raw):
        return False
    return headless or not any(is_heading(b, body) for b in between)


def _has_own_header(rows: list[tuple[Cell, ...]] | tuple[tuple[Cell, ...], ...],
                    marked: int) -> bool:
    """Whether a table's first rows name two plan fields (or the actions/indicators)."""
    from councilplans.normalise.headers import field_for_header

    if marked or not rows:
        return bool(marked)
    for row in rows[:2]:
        found = [field_for_header(collapse(c.text)) for c in row]
        if len({f for f, _ in found if f}) >= 2 or any(
                f in ("action", "indicator") and s == 3 for f, s in found):
            return True
    return False


def _dressed_as_header(raw: RawTable) -> bool:
    """A first row shaded or bold unlike the row under it is a header, whatever it says."""
    return len(raw.rows) >= 2 and any(f or b for f, b in _look(raw.rows[0])) and (
        _look(raw.rows[0]) != _look(raw.rows[1]))


def _column_spans(rows: list[tuple[Cell, ...]]) -> list[tuple[float, float]] | None:
    """Each column's left and right edge, from the table's unmerged cells."""
    n = max(len(r) for r in rows)
    spans: list[tuple[float, float] | None] = [None] * n
    for row in rows:
        for c, cell in enumerate(row):
            if spans[c] is None and cell.bbox and cell.origin is None and cell.col_span == 1:
                spans[c] = (cell.bbox[0], cell.bbox[2])
    return None if any(s is None for s in spans) else spans  # type: ignore[return-value]


def _realigned(rows: list[tuple[Cell, ...]], spans: list[tuple[float, float]]
               ) -> list[tuple[Cell, ...]]:
    """A fragment's rows with each cell under the table column its middle falls in (merges
    dropped: a fragment cut from another grid has no merge the table knows of)."""
    out = []
    for row in rows:
        texts: list[list[str]] = [[] for _ in spans]
        fills: list = [None] * len(spans)
        for cell in row:
            if cell.origin is not None or cell.bbox is None:
                continue
            mid = (cell.bbox[0] + cell.bbox[2]) / 2
            col = min(range(len(spans)), key=lambda i: 0 if spans[i][0] <= mid <= spans[i][1]
                      else min(abs(mid - spans[i][0]), abs(mid - spans[i][1])))
            if cell.text:
                texts[col].append(cell.text)
            fills[col] = fills[col] or cell.fill
        out.append(tuple(Cell("\n".join(t), fill=f) for t, f in zip(texts, fills, strict=True)))
    return out


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
            if caption := caption_title(block.text):
                section = caption
            elif is_heading(block, body):
                section = collapse(block.text)
            between.append(block)
            continue
        raw = block
        pages = list(raw.row_pages) or [raw.page] * raw.n_rows
        prev = out[-1] if out else None
        # A Word table is whole however many pages it runs over: only a PDF splits tables.
        if prev is not None and doc.format != "docx" and _continues(prev, raw, between, body):
            rows = list(raw.rows)
            if raw.n_cols != max(len(r) for r in prev.rows):
                rows = _realigned(rows, _column_spans(prev.rows) or [])
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
