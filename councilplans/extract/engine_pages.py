"""What the pdfplumber and camelot engines share: text outside tables, and page -> document.

Both engines find tables their own way but read the text around them alike (pdfplumber's
lines, outside every table found), so headings and a table's context read the same whichever
engine found the table. Only imported by the engines, so only with the ``engines`` extra.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from councilplans.errors import CorruptDocument, EncryptedDocument
from councilplans.extract.model import BBox, Block, Cell, RawTable, TextBlock
from councilplans.vocabulary import BULLET, bulletise

CONTEXT_BLOCKS = 3  # preceding text blocks kept as a table's context, as the native reader
PARA_GAP = 0.6  # a gap over this share of the line height starts a new paragraph


@dataclass(frozen=True)
class PageTable:
    """A table an engine found on one page, before its document-wide index and context."""

    rows: tuple[tuple[Cell, ...], ...]
    bbox: BBox


def open_pdf(path: Path, password: str | None = None):
    """pdfplumber's view of the PDF, or the failure users get from every reader of a PDF."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return pdfplumber.open(path, password=password or "")
    except PDFPasswordIncorrect as exc:
        raise EncryptedDocument("encrypted PDF: password required (use --password)") from exc
    except Exception as exc:
        raise CorruptDocument(f"corrupt or truncated PDF: {type(exc).__name__}: {exc}") from exc


def cell_text(text: str | None) -> str:
    """An engine's cell text in the dialect every reader speaks: lines, "• " list items."""
    lines = (bulletise(line.strip()) for line in (text or "").splitlines())
    return "\n".join(line for line in lines if line)


def _inside(obj: dict, boxes: list[BBox]) -> bool:
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def text_blocks(page, exclude: list[BBox], page_no: int) -> list[tuple[float, TextBlock]]:
    """Paragraphs of a pdfplumber page outside ``exclude`` (the tables), with their top.

    Lines join into a paragraph while font size and weight stay the same and the gap to the
    next line is small, so a heading stays one block and body text does not split per line.
    """
    outside = page.filter(lambda obj: obj.get("object_type") != "char"
                          or not _inside(obj, exclude))
    out: list[tuple[float, TextBlock]] = []
    para: list[dict] = []

    def style(line: dict) -> tuple[float, bool]:
        chars = [c for c in line["chars"] if c["text"].strip()] or line["chars"]
        size = max((c["size"] for c in chars), default=0.0)
        return round(size, 1), any("bold" in c["fontname"].lower() for c in chars[:1])

    def flush() -> None:
        if para:
            size, bold = style(para[0])
            text = bulletise(" ".join(line["text"].strip() for line in para))
            if text:
                out.append((para[0]["top"], TextBlock(text, page=page_no, size=size, bold=bold)))
            para.clear()

    for line in outside.extract_text_lines(return_chars=True):
        if para:
            last = para[-1]
            height = max(last["bottom"] - last["top"], 1.0)
            if (style(line) != style(last) or line["top"] - last["bottom"] > PARA_GAP * height
                    or bulletise(line["text"].strip()).startswith(BULLET)):
                flush()
        para.append(line)
    flush()
    return out


def number_pages(pages: list[list[TextBlock | PageTable]]) -> tuple[Block, ...]:
    """Tables get their document-wide index, page and context (nearest preceding text last)."""
    out: list[Block] = []
    recent: list[str] = []
    for page_no, items in enumerate(pages, start=1):
        for item in items:
            if isinstance(item, TextBlock):
                out.append(item)
                recent = (recent + [item.text])[-CONTEXT_BLOCKS:]
                continue
            index = sum(isinstance(b, RawTable) for b in out)
            out.append(RawTable(index=index, rows=item.rows, page=page_no, end_page=page_no,
                                bbox=item.bbox, row_pages=(page_no,) * len(item.rows),
                                context=tuple(recent)))
    return tuple(out)


def in_reading_order(tables: list[PageTable], texts: list[tuple[float, TextBlock]]) -> list:
    """One page's tables and paragraphs, top to bottom."""
    items = [(t.bbox[1], t.bbox[0], t) for t in tables] + [(top, 0.0, b) for top, b in texts]
    items.sort(key=lambda i: (i[0], i[1]))
    return [i[2] for i in items]
