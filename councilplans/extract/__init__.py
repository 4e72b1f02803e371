"""Documents -> raw tables with provenance. One reader per format, picked by content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from councilplans.extract.model import RawDocument
from councilplans.extract.sniff import sniff

__all__ = ["extract_document", "sniff"]


def _pdf(path: Path, password: str | None, **split) -> RawDocument:
    from councilplans.extract.pdf import pdf_to_document

    return pdf_to_document(path, password=password, **split)


def _docx(path: Path, password: str | None, **_split) -> RawDocument:
    from councilplans.extract.docx import docx_to_document

    return docx_to_document(path)


READERS: dict[str, Callable[..., RawDocument]] = {"pdf": _pdf, "docx": _docx}


def extract_document(
    path: str | Path, password: str | None = None, engine: str = "native", workers: int = 1,
    while_waiting: Callable[[], object] | None = None,
) -> RawDocument:
    """``engine`` picks the PDF table reader; Word tables are explicit and always read natively.

    ``workers`` > 1 lets the native reader split a long PDF's pages across that many processes
    (the same RawDocument); ``while_waiting`` then runs here while they read.
    """
    p = Path(path)
    fmt = sniff(p)
    if fmt == "pdf" and engine != "native":
        from councilplans.extract.engines import engine_reader

        return engine_reader(engine)(p, password)
    return READERS[fmt](p, password, workers=workers, while_waiting=while_waiting)
