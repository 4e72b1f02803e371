"""Documents -> raw tables with provenance. One reader per format, picked by content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from councilplans.extract.model import RawDocument
from councilplans.extract.sniff import sniff

__all__ = ["extract_document", "sniff"]


def _pdf(path: Path, password: str | None) -> RawDocument:
    from councilplans.extract.pdf import pdf_to_document

    return pdf_to_document(path, password=password)


def _docx(path: Path, password: str | None) -> RawDocument:
    from councilplans.extract.docx import docx_to_document

    return docx_to_document(path)


READERS: dict[str, Callable[[Path, str | None], RawDocument]] = {"pdf": _pdf, "docx": _docx}


def extract_document(
    path: str | Path, password: str | None = None, engine: str = "native"
) -> RawDocument:
    """``engine`` picks the PDF table reader; Word tables are explicit and always read natively."""
    p = Path(path)
    fmt = sniff(p)
    if fmt == "pdf" and engine != "native":
        from councilplans.extract.engines import engine_reader

        return engine_reader(engine)(p, password)
    return READERS[fmt](p, password)
