"""The plain data the extract stage hands to normalise.

Everything here is a frozen dataclass so that normalise can be tested with tables built by
hand, and so that a worker process can pickle a whole document back to the loader.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

BBox = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in PDF points, origin top-left of the page."""

RGB = tuple[float, float, float]
"""A fill colour, each channel 0..1."""


@dataclass(frozen=True)
class Cell:
    """One grid position of a table.

    Text conventions (shared by every extractor so normalise sees one dialect):
    paragraphs / text lines of the cell are separated by "\\n"; a list item starts its own
    line with "• ". A position covered by a merged cell has ``origin`` set to the (row, col)
    of the cell that covers it and empty text; the covering cell has ``origin`` None and its
    ``row_span`` / ``col_span`` say how far it reaches.
    """

    text: str
    row_span: int = 1
    col_span: int = 1
    origin: tuple[int, int] | None = None
    bbox: BBox | None = None
    fill: RGB | None = None
    bold: bool = False


@dataclass(frozen=True)
class RawTable:
    """A table as the document drew it: a dense grid of cells plus where it came from."""

    index: int
    rows: tuple[tuple[Cell, ...], ...]
    page: int | None = None  # 1-based page of the first row; None where unknown
    end_page: int | None = None
    bbox: BBox | None = None  # on ``page``
    header_rows: int = 0  # rows the document marks as repeating header (DOCX tblHeader)
    row_pages: tuple[int, ...] = ()  # page of each row, where known
    context: tuple[str, ...] = ()  # headings / paragraphs just before the table, nearest last
    # what the grid was read from, e.g. "rows: rules; columns: white corridors; header: fill
    # band", so a user can see why a table came out as it did (PDF only)
    evidence: str = ""

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


@dataclass(frozen=True)
class TextBlock:
    """A paragraph or text line outside tables, in reading order."""

    text: str
    page: int | None = None
    style: str = ""  # DOCX style name ("Heading 1", "Title", "List Bullet") where known
    size: float = 0.0  # font size in points where known (PDF)
    bold: bool = False
    heading_level: int = 0  # 1.. for headings the document marks as such; 0 otherwise


Block = TextBlock | RawTable


@dataclass(frozen=True)
class RawDocument:
    path: str
    format: Literal["pdf", "docx"]
    blocks: tuple[Block, ...]
    pages: int | None = None
    title: str | None = None  # from document properties, where set
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # page headers and footers (DOCX): often the only place a council's name is printed
    furniture: tuple[str, ...] = field(default_factory=tuple)

    @property
    def tables(self) -> list[RawTable]:
        return [b for b in self.blocks if isinstance(b, RawTable)]

    def texts(self) -> Iterator[str]:
        """Every printed text in reading order: paragraphs, and table cells row by row."""
        for block in self.blocks:
            if isinstance(block, RawTable):
                yield from (cell.text for row in block.rows for cell in row if cell.text)
            else:
                yield block.text

    @property
    def text_blocks(self) -> list[TextBlock]:
        return [b for b in self.blocks if isinstance(b, TextBlock)]
