"""PDF -> RawDocument with camelot's lattice tables (``--engine camelot``).

camelot finds ruled tables page by page and reports, for every cell of its grid, which of the
four sides are drawn; a side that is missing joins the cell to its neighbour. Those joins give
the spans of the native model (a covering cell with the text of all it covers, covered slots
with their origin). The text around the tables comes from pdfplumber, as for that engine.
Coordinates: camelot's are PDF points from the bottom of the page; the model's from the top.
"""

from __future__ import annotations

import warnings
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
from councilplans.extract.model import Cell, RawDocument


def camelot_to_document(path: str | Path, password: str | None = None) -> RawDocument:
    import camelot

    p = Path(path)
    with open_pdf(p, password) as pdf:
        if not pdf.pages:
            raise CorruptDocument("corrupt or truncated PDF: no pages")
        drawn = any(page.images or page.rects or page.curves for page in pdf.pages)
        if drawn and not any(page.chars for page in pdf.pages):
            raise NoTextLayer("no text layer: OCR needed")
        with warnings.catch_warnings():  # "no tables found on page n" is not news here
            warnings.simplefilter("ignore")
            found = camelot.read_pdf(str(p), pages="all", flavor="lattice",
                                     password=password, suppress_stdout=True)
        by_page: dict[int, list[PageTable]] = {}
        for table in found:
            page_no = int(table.page)
            height = float(pdf.pages[page_no - 1].height)
            grid = _grid(table, height)
            if grid is not None:
                by_page.setdefault(page_no, []).append(grid)
        pages = []
        for page_no, page in enumerate(pdf.pages, start=1):
            tables = by_page.get(page_no, [])
            texts = text_blocks(page, [t.bbox for t in tables], page_no)
            pages.append(in_reading_order(tables, texts))
        title = pdf.metadata.get("Title") if isinstance(pdf.metadata, dict) else None
    title = title.decode("utf-8", "replace") if isinstance(title, bytes) else str(title or "")
    return RawDocument(path=str(p), format="pdf", blocks=number_pages(pages), pages=len(pages),
                       title=title.strip() or None)


def _origin(cells, r: int, c: int) -> tuple[int, int]:
    """The top-left grid position of the merged cell that (r, c) belongs to."""
    while c > 0 and not cells[r][c].left:
        c -= 1
    while r > 0 and not cells[r][c].top:
        r -= 1
    return r, c


def _grid(table, page_height: float) -> PageTable | None:
    """camelot's cells as the dense Cell grid; None when no cell holds any text."""
    cells = table.cells
    n_rows, n_cols = len(cells), len(cells[0]) if cells else 0
    origin = [[_origin(cells, r, c) for c in range(n_cols)] for r in range(n_rows)]
    texts: dict[tuple[int, int], list[str]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            text = cell_text(cells[r][c].text)
            if text:
                texts.setdefault(origin[r][c], []).append(text)
    if not texts:
        return None
    rows: list[list[Cell]] = [[Cell("")] * n_cols for _ in range(n_rows)]
    for r in range(n_rows):
        for c in range(n_cols):
            if origin[r][c] != (r, c):
                rows[r][c] = Cell("", origin=origin[r][c])
                continue
            row_span = 1 + sum(1 for rr in range(r + 1, n_rows) if origin[rr][c] == (r, c))
            col_span = 1 + sum(1 for cc in range(c + 1, n_cols) if origin[r][cc] == (r, c))
            last = cells[r + row_span - 1][c + col_span - 1]
            first = cells[r][c]
            bbox = (first.x1, page_height - first.y2, last.x2, page_height - last.y1)
            rows[r][c] = Cell("\n".join(texts.get((r, c), [])), row_span=row_span,
                              col_span=col_span, bbox=bbox)
    x1, y1, x2, y2 = table._bbox
    return PageTable(tuple(tuple(r) for r in rows), (x1, page_height - y2, x2, page_height - y1))
