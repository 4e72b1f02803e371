"""PDF -> RawDocument: every page parsed once by pdfium, lattice tables found from its rules.

Why this shape: table extraction with pdfplumber or camelot re-parses each page in Python and
costs seconds per dozen pages; pdfium gives characters, paths and fills in one pass
(``pdf_page``), the grid comes from the rules alone (``pdf_grid``) and the text from the chars
(``pdf_text``). One RawTable per table fragment per page; a later stage stitches fragments.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from councilplans.errors import CorruptDocument, EncryptedDocument, NoTextLayer
from councilplans.extract.model import RGB, Block, Cell, RawDocument, RawTable, TextBlock
from councilplans.extract.pdf_bands import join_bands, refine_columns
from councilplans.extract.pdf_captions import without_captions
from councilplans.extract.pdf_grid import MIN_ROW, Grid, find_grids, join_cut_words
from councilplans.extract.pdf_overflow import ObjectOf, apart, pull_back_overflow
from councilplans.extract.pdf_page import Centres, Char, Fill, PageContent, PageReader
from councilplans.extract.pdf_rules import find_ruled_tables, is_tabular
from councilplans.extract.pdf_stream import extend_header_bands, find_stream_tables
from councilplans.extract.pdf_text import line_style, make_lines, paragraphs
from councilplans.forked import can_fork, map_forked

CONTEXT_BLOCKS = 3
FILL_COVER = 0.5  # a fill colours a cell when it covers at least this share of it

__all__ = ["pdf_to_document"]


@dataclass(slots=True)
class _Table:
    """A table found on a page, before it gets its document-wide index and context."""

    rows: tuple[tuple[Cell, ...], ...]
    bbox: tuple[float, float, float, float]
    evidence: str = ""


def _open(path: Path, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedDocument("encrypted PDF: password required (use --password)") from exc
        raise CorruptDocument(f"corrupt or truncated PDF: {exc}") from exc


SPLIT_MIN_PAGES = 24
"""A PDF shorter than this is read in one process: forking and merging would cost more."""


def pdf_to_document(
    path: str | Path, password: str | None = None, workers: int = 1,
    while_waiting: Callable[[], object] | None = None,
) -> RawDocument:
    """Read a PDF into text blocks and one RawTable per table fragment per page.

    ``workers`` > 1 reads a long PDF's pages in that many forked processes, each opening the
    file and reading one contiguous range; the ranges are joined in page order, so the result
    is the very RawDocument one process reads. ``while_waiting`` runs in this process while
    they read (the caller warms up what comes next, such as normalisation's word lists).
    """
    p = Path(path)
    pdf = _open(p, password)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise CorruptDocument("corrupt or truncated PDF: no pages")
        title = (pdf.get_metadata_value("Title") or "").strip() or None
        ranges = _ranges(n_pages, workers)
        if len(ranges) == 1:
            part = _read_pages(pdf, 0, n_pages)
    finally:
        pdf.close()
    if len(ranges) > 1:
        part = _read_forked(p, password, ranges, while_waiting)
    if part.n_chars == 0 and part.drawn:
        # Something is drawn but nothing can be read: a scan, or text turned into outlines.
        raise NoTextLayer("no text layer: OCR needed")
    return RawDocument(
        path=str(p),
        format="pdf",
        blocks=_number(part.page_blocks),
        pages=n_pages,
        title=title,
        warnings=tuple(part.warnings),
    )


@dataclass(slots=True)
class _Pages:
    """What a run of pages gave: their blocks in page order, warnings, and what was drawn."""

    page_blocks: list[list[TextBlock | _Table]]
    warnings: list[str]
    n_chars: int = 0
    drawn: int = 0  # images and shapes: something on the pages besides text


def _read_pages(pdf: pdfium.PdfDocument, first: int, end: int) -> _Pages:
    """Pages ``first`` .. ``end`` - 1 (0-based) of an open PDF."""
    out = _Pages([], [])
    for i in range(first, end):
        try:
            reader = PageReader(pdf[i])
        except pdfium.PdfiumError as exc:
            out.warnings.append(f"page {i + 1}: unreadable ({exc})")
            out.page_blocks.append([])
            continue
        try:
            content = reader.read()
            out.n_chars += len(content.chars)
            out.drawn += content.images + len(content.h_edges) + len(content.v_edges) + len(
                content.fills)
            out.page_blocks.append(_page_blocks(reader, content, i + 1))
        finally:
            reader.close()
    return out


def _ranges(n_pages: int, workers: int) -> list[tuple[int, int]]:
    """Contiguous page ranges of near-equal length, one per process (one if not worth it)."""
    if workers <= 1 or n_pages < SPLIT_MIN_PAGES or not can_fork():
        return [(0, n_pages)]
    n = min(workers, n_pages // (SPLIT_MIN_PAGES // 2))
    bounds = [n_pages * k // n for k in range(n + 1)]
    return list(itertools.pairwise(bounds))


def _read_forked(p: Path, password: str | None, ranges: list[tuple[int, int]],
                 while_waiting: Callable[[], object] | None) -> _Pages:
    """Each range read by a forked child (``councilplans.forked``), joined in page order."""
    merged = _Pages([], [])
    for part in map_forked(_read_range, [(p, password, a, b) for a, b in ranges],
                           here=while_waiting):
        merged.page_blocks += part.page_blocks
        merged.warnings += part.warnings
        merged.n_chars += part.n_chars
        merged.drawn += part.drawn
    return merged


def _read_range(p: Path, password: str | None, first: int, end: int) -> _Pages:
    pdf = _open(p, password)
    try:
        return _read_pages(pdf, first, end)
    finally:
        pdf.close()


def _number(page_blocks: list[list[TextBlock | _Table]]) -> tuple[Block, ...]:
    """Give tables their index, page and context (nearest preceding text blocks, nearest last)."""
    out: list[Block] = []
    recent: list[str] = []
    index = 0
    for page_no, items in enumerate(page_blocks, start=1):
        for item in items:
            if isinstance(item, TextBlock):
                out.append(item)
                if item.text.strip():
                    recent = (recent + [item.text])[-CONTEXT_BLOCKS:]
                continue
            out.append(
                RawTable(
                    index=index,
                    rows=item.rows,
                    page=page_no,
                    end_page=page_no,
                    bbox=item.bbox,
                    row_pages=(page_no,) * len(item.rows),
                    context=tuple(recent),
                    evidence=item.evidence,
                )
            )
            index += 1
    return tuple(out)


def _page_blocks(reader: PageReader, content: PageContent, page_no: int) -> list:
    """Tables and paragraphs of one page in reading order (top to bottom)."""
    grids = find_grids(content.h_edges, content.v_edges)
    # The sides of shaded areas may outline a lattice, but they are not the rules of a
    # rules-only table: a tinted row of a borderless table is no table of its own.
    shaded = {e for f in content.fills if min(f.rgb) < 0.97
              for e in ((f.top, f.x0, f.x1), (f.bottom, f.x0, f.x1))}
    h_edges = [e for e in content.h_edges if e not in shaded]
    centres = Centres(content.chars)
    pending: list[Grid] = []  # drawn by shading, boxes holding several columns: settled below
    if grids:
        kept = _banded_rows(_without_frames(grids, centres), content.chars, content.fills,
                            content.v_edges, pending)
        dropped = [g for g in grids if g not in kept and g not in pending]
        if dropped:  # the lines of page frames and bands' fill sides are no rules either
            h_edges = [e for e in h_edges if not any(
                g.xs[0] - 1 <= e[1] and e[2] <= g.xs[-1] + 1
                and any(abs(e[0] - y) <= 1.0 for y in g.ys) for g in dropped)]
        grids = sorted(kept + pending, key=lambda g: (g.ys[0], g.xs[0]))
    grids += find_ruled_tables(h_edges, content.chars, grids, centres)
    grids = join_bands(grids, content.chars, content.height, content.fills)
    if pending:
        grids = _settle(grids, pending, content.chars, content.fills)
    grids = extend_header_bands(grids, content.chars)
    grids += find_stream_tables(content.chars, grids, _strips(content.fills, content.width),
                                centres, reader.style)
    # a drawn column line between two letters of a word is no boundary in that row; a white
    # corridor found through a word is the corridor finder's mistake, not mended here
    grids = [g if g.evidence else join_cut_words(g, centres, reader.text_object)
             for g in grids]
    grids = [without_captions(g, centres, content.fills) for g in grids]
    running_on: list[bool] = []
    buckets, outside = _assign(grids, centres, running_on, reader.text_object)
    # text running on past a drawn cell side, shown or clipped, goes back to the cell it
    # starts in (columns found from white space never have text running across them)
    buckets = [pull_back_overflow(b, reader.text_object, g.owners()) if run else b
               for g, b, run in zip(grids, buckets, running_on, strict=True)]
    items: list[tuple[float, float, TextBlock | _Table]] = []
    for grid, bucket in zip(grids, buckets, strict=True):
        if not bucket:
            continue  # rules with no text in them: a chart's gridlines, a decorative frame
        table = _build_table(grid, bucket, content.fills, reader)
        items.append((grid.bbox[1], grid.bbox[0], table))
    for para in paragraphs(make_lines(outside, split=True), reader.style):
        block = TextBlock(para.text, page=page_no, size=para.size, bold=para.bold)
        items.append((para.top, para.x0, block))
    items.sort(key=lambda t: (t[0], t[1]))
    return [t[2] for t in items]


STRIP_SHARE = 0.4  # a shaded strip runs across at least this share of the page


def _strips(fills: list[Fill], width: float) -> list[tuple[float, float]]:
    """Tops and bottoms of shaded strips across the page: a banded table's rows."""
    return sorted((f.top, f.bottom) for f in fills
                  if min(f.rgb) < 0.97 and f.x1 - f.x0 >= STRIP_SHARE * width)


FRAME_MAX_SLOTS = 9
FRAME_MIN_CHARS = 500


def _without_frames(grids: list[Grid], centres: Centres) -> list[Grid]:
    """Drop page frames: a grid of a few boxes (sidebars, a bordered page) one of which holds
    most of its text as running paragraphs. Tables inside the frame are then found on their own.
    """
    buckets, _ = _assign(grids, centres)
    kept = []
    for grid, bucket in zip(grids, buckets, strict=True):
        if grid.n_rows * grid.n_cols <= FRAME_MAX_SLOTS and bucket:
            sizes = sorted((len(v) for v in bucket.values()), reverse=True)
            # rows with text side by side in two boxes or more are rows of a table
            rows = sum(len({c for r, c in bucket if r == row}) >= 2 for row in range(grid.n_rows))
            if sizes[0] >= FRAME_MIN_CHARS and sizes[0] >= 0.6 * sum(sizes) and rows < 2:
                continue
        kept.append(grid)
    return kept


def _settle(grids: list[Grid], pending: list[Grid], chars: list[Char],
            fills: list[Fill]) -> list[Grid]:
    """Grids drawn by shading whose boxes hold several columns, now joined with the bands
    and white rows under them: white corridors split their columns (``refine_columns``);
    those whose boxes still break into columns are left to the white-space pass."""
    out = []
    for grid in grids:
        if any(grid.xs[0] - 1 <= p.xs[0] and p.xs[-1] <= grid.xs[-1] + 1
               and grid.ys[0] - 1 <= p.ys[0] and p.ys[-1] <= grid.ys[-1] + 1 for p in pending):
            grid = refine_columns(grid, chars, fills)
            if _tabular_cells(grid, chars):
                continue
        out.append(grid)
    return out


def _banded_rows(grids: list[Grid], chars: list[Char], fills: list[Fill],
                 v_edges: list[tuple[float, float, float]],
                 pending: list[Grid] | None = None) -> list[Grid]:
    """Drop the one-column "grids" of tables shaded in bands and never ruled.

    A tinted header and every other row tinted: the fills' sides make one-column grids (white
    rows left out) whose lines of text break into columns. Without them, the white-space pass
    finds the whole table, its columns taken from the text and its white rows included.
    """
    kept: list[Grid] = []
    sides = [(x, f.top, f.bottom) for f in fills if min(f.rgb) < 0.97 for x in (f.x0, f.x1)]
    for grid in grids:
        # Shading alone draws the grid (every column line a fill's side): where a box's lines
        # break into columns, white corridors hold columns the fills do not show (a band left
        # white under an empty column), so the white-space pass reads the table instead.
        shaded = grid.n_cols == 1 or all(_fill_side(x, grid, sides, v_edges)
                                         for x in grid.xs[1:-1])
        if shaded and _tabular_cells(grid, chars):
            if grid.n_cols >= 2 and pending is not None:
                # columns drawn, some boxes holding more of them: white corridors split those
                # once the white rows and bands under it are joined (their lines show more)
                pending.append(grid)
            continue
        kept.append(grid)
    return kept


def _tabular_cells(grid: Grid, chars: list[Char]) -> bool:
    """Does some box of the grid hold a first line broken into columns?"""
    return any(is_tabular(chars, grid.xs[gc.col], grid.xs[gc.col + gc.col_span],
                          grid.ys[gc.row], grid.ys[gc.row + gc.row_span], first_line=True)
               for gc in grid.cells)


def _fill_side(x: float, grid: Grid, sides: list[tuple[float, float, float]],
               v_edges: list[tuple[float, float, float]]) -> bool:
    """Is the grid's column line at x drawn by fills' sides alone (no rule runs further)?"""
    top, bottom = grid.ys[0], grid.ys[-1]

    def length(edges: list[tuple[float, float, float]]) -> float:
        return sum(max(0.0, min(b, bottom) - max(a, top)) for p, a, b in edges
                   if abs(p - x) <= 1.0)

    drawn = length(v_edges)
    return drawn > 0 and length(sides) >= 0.9 * drawn


def _assign(
    grids: list[Grid], centres: Centres, running_on: list[bool] | None = None,
    object_of: ObjectOf | None = None,
) -> tuple[list[dict[tuple[int, int], list[Char]]], list[Char]]:
    """Each char goes to the slot of the first grid holding its centre, or to the text outside
    tables; in each slot and outside, chars keep their order. ``running_on`` gets, per grid,
    whether some text may run on past its cell (``Centres.run_on``)."""
    chars = centres.chars
    buckets: list[dict[tuple[int, int], list[Char]]] = [{} for _ in grids]
    if not grids:
        return buckets, list(chars)
    free = np.ones(len(chars), dtype=bool)
    for g, grid in enumerate(grids):
        here = np.flatnonzero(free & centres.within(*grid.bbox))
        if running_on is not None:
            running_on.append(False)
        if not here.size:
            continue
        free[here] = False
        # bisect_right(xs, cx) - 1, as numpy does it for all the grid's chars at once
        cols = np.minimum(np.searchsorted(grid.xs, centres.cx[here], side="right") - 1,
                          grid.n_cols - 1)
        rows = np.minimum(np.searchsorted(grid.ys, centres.cy[here], side="right") - 1,
                          grid.n_rows - 1)
        if running_on is not None and not grid.evidence and object_of is not None:
            # one text object going on across a cell side (two cells' texts are two objects)
            cell = np.zeros((grid.n_rows, grid.n_cols), dtype=int)
            for k, gc in enumerate(grid.cells):
                cell[gc.row:gc.row + gc.row_span, gc.col:gc.col + gc.col_span] = k
            running_on[-1] = any(not apart(object_of, a, b)
                                 for a, b in centres.run_on(here, rows, cols, cell))
        slots = buckets[g]
        for i, r, c in zip(here.tolist(), rows.tolist(), cols.tolist(), strict=True):
            slots.setdefault((r, c), []).append(chars[i])
    return buckets, [chars[i] for i in np.flatnonzero(free).tolist()]


def _build_table(
    grid: Grid, bucket: dict[tuple[int, int], list[Char]], fills: list[Fill], reader: PageReader
) -> _Table:
    """The dense Cell grid: covering cells carry text and spans, covered slots their origin."""
    n_rows, n_cols = grid.n_rows, grid.n_cols
    x0, y0, x1, y1 = grid.bbox
    near = [f for f in fills if f.x1 > x0 and f.x0 < x1 and f.bottom > y0 and f.top < y1]
    slot_cell = {}
    for gc in grid.cells:
        for r in range(gc.row, gc.row + gc.row_span):
            for c in range(gc.col, gc.col + gc.col_span):
                slot_cell[(r, c)] = gc
    chars_of: dict[tuple[int, int], list[Char]] = {}
    for slot, chars in bucket.items():
        gc = slot_cell[slot]
        chars_of.setdefault((gc.row, gc.col), []).extend(chars)
    rows: list[list[Cell]] = [[Cell("")] * n_cols for _ in range(n_rows)]
    for gc in grid.cells:
        bbox = (grid.xs[gc.col], grid.ys[gc.row],
                grid.xs[gc.col + gc.col_span], grid.ys[gc.row + gc.row_span])
        chars = chars_of.get((gc.row, gc.col), [])
        lines = make_lines(chars) if chars else []
        text = "\n".join(ln.text for ln in lines)
        bold = bool(lines) and line_style(lines[0], reader.style)[1]
        rows[gc.row][gc.col] = Cell(
            text, row_span=gc.row_span, col_span=gc.col_span, bbox=bbox,
            fill=_fill(bbox, near), bold=bold,
        )
        for r in range(gc.row, gc.row + gc.row_span):
            for c in range(gc.col, gc.col + gc.col_span):
                if (r, c) != (gc.row, gc.col):
                    rows[r][c] = Cell("", origin=(gc.row, gc.col))
    evidence = grid.evidence or _lattice_evidence(grid, near)
    return _Table(tuple(tuple(r) for r in rows), grid.bbox, f"{evidence}; header: {_header(rows)}")


def _lattice_evidence(grid: Grid, fills: list[Fill]) -> str:
    """A lattice grid's lines came from ruled lines or from the sides of filled boxes."""
    sides = [y for f in fills if min(f.rgb) < 0.97 for y in (f.top, f.bottom)]
    from_fills = sum(any(abs(y - s) <= MIN_ROW for s in sides) for y in grid.ys)
    source = "fill edges" if from_fills * 2 > len(grid.ys) else "rules"
    return f"rows: {source}; columns: {source}"


def _header(rows: list[list[Cell]]) -> str:
    """What sets the first row apart as a header, as far as the drawing says."""
    top = [c for c in rows[0] if c.origin is None and c.text] if rows else []
    if not top:
        return "none"
    if all(c.fill is not None for c in top) and not (
            len(rows) > 1 and all(c.fill == top[0].fill for c in rows[1] if c.origin is None)):
        return "fill band"
    if all(c.bold for c in top):
        return "bold"
    return "first row, unmarked"


def _fill(bbox: tuple[float, float, float, float], fills: list[Fill]) -> RGB | None:
    """Colour of the topmost fill covering most of the cell; None for white, black or none."""
    x0, y0, x1, y1 = bbox
    area = max((x1 - x0) * (y1 - y0), 1e-6)
    best: Fill | None = None
    for f in fills:
        w = min(f.x1, x1) - max(f.x0, x0)
        h = min(f.bottom, y1) - max(f.top, y0)
        covers = w > 0 and h > 0 and w * h >= FILL_COVER * area
        if covers and (best is None or f.order > best.order):
            best = f
    if best is None:
        return None
    r, g, b = best.rgb
    if min(r, g, b) >= 0.97 or max(r, g, b) <= 0.05:
        return None
    return (round(r, 3), round(g, 3), round(b, 3))
