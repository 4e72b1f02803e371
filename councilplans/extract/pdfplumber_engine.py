"""PDF -> RawDocument with pdfplumber's table finder (``--engine pdfplumber``).

pdfplumber finds tables from the ruling lines (its default "lines" strategy) and gives each
table's cells as boxes, a position covered by a merged cell as None; here the boxes become the
same dense Cell grid the native reader builds (covering cell with spans, covered slots with
their origin), and the text around the tables becomes text blocks.
"""

from __future__ import annotations

from pathlib import Path

from councilplans.errors import CorruptDocument, NoTextLayer
from councilplans.extract.engine_pages import (
    PageTable,
    cell_text,
    in_reading_order,
    number_pages,
    open_pdf,
    text_blocks,
)
from councilplans.extract.model import BBox, Cell, RawDocument

TOL = 1.0  # points: a cell reaches a column / row when it passes its start by more than this


def pdfplumber_to_document(path: str | Path, password: str | None = None) -> RawDocument:
    p = Path(path)
    with open_pdf(p, password) as pdf:
        pages = []
        n_chars = n_images = 0
        for page_no, page in enumerate(pdf.pages, start=1):
            n_chars += len(page.chars)
            n_images += len(page.images)
            tables = [t for t in (_grid(t, page) for t in page.find_tables()) if t]
            texts = text_blocks(page, [t.bbox for t in tables], page_no)
            pages.append(in_reading_order(tables, texts))
        n_pages = len(pdf.pages)
        title = (pdf.metadata.get("Title") or "") if isinstance(pdf.metadata, dict) else ""
    if n_pages == 0:
        raise CorruptDocument("corrupt or truncated PDF: no pages")
    if n_chars == 0 and n_images:
        raise NoTextLayer("no text layer: OCR needed")
    title = title.decode("utf-8", "replace") if isinstance(title, bytes) else str(title)
    return RawDocument(path=str(p), format="pdf", blocks=number_pages(pages), pages=n_pages,
                       title=title.strip() or None)


def _starts(boxes: list[list[BBox | None]], axis: int) -> list[float]:
    """Where each column (axis 0) or row (axis 1) starts: the least x0 / top of its cells."""
    if axis == 1:
        return [min((b[1] for b in row if b), default=0.0) for row in boxes]
    n_cols = max(len(row) for row in boxes)
    return [min((row[j][0] for row in boxes if j < len(row) and row[j]), default=0.0)
            for j in range(n_cols)]


def _bold_at(page, box: BBox) -> bool:
    """Whether the first printed char inside ``box`` is set in a bold face."""
    x0, top, x1, bottom = box
    for ch in page.chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if x0 <= cx <= x1 and top <= cy <= bottom and ch["text"].strip():
            return "bold" in ch["fontname"].lower()
    return False


def _grid(table, page) -> PageTable | None:
    """A pdfplumber Table as the dense Cell grid; None when no cell holds any text."""
    boxes = [list(row.cells) for row in table.rows]
    if not boxes:
        return None
    n_cols = max(len(row) for row in boxes)
    boxes = [row + [None] * (n_cols - len(row)) for row in boxes]
    xs, ys = _starts(boxes, 0), _starts(boxes, 1)
    texts = table.extract()  # pdfplumber's own text of each cell (chars by their centre)
    rows: list[list[Cell]] = [[Cell("")] * n_cols for _ in boxes]
    covered: set[tuple[int, int]] = set()
    any_text = False
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            if box is None or (r, c) in covered:
                continue
            col_span = sum(1 for x in xs[c + 1:] if x < box[2] - TOL) + 1
            row_span = sum(1 for y in ys[r + 1:] if y < box[3] - TOL) + 1
            text = cell_text(texts[r][c] if c < len(texts[r]) else None)
            any_text = any_text or bool(text)
            bold = bool(text) and _bold_at(page, box)
            rows[r][c] = Cell(text, row_span=row_span, col_span=col_span, bbox=tuple(box),
                              bold=bold)
            for rr in range(r, min(r + row_span, len(boxes))):
                for cc in range(c, min(c + col_span, n_cols)):
                    if (rr, cc) != (r, c):
                        covered.add((rr, cc))
                        rows[rr][cc] = Cell("", origin=(r, c))
    if not any_text:
        return None
    return PageTable(tuple(tuple(r) for r in rows), tuple(table.bbox))
