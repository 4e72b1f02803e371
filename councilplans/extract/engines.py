"""PDF table engines a user can pick: the native pdfium reader, pdfplumber or camelot.

A document the native reader gets wrong can be read again by another engine; each yields the
same RawDocument (tables with page, bbox and cells; text blocks for headings and context), so
normalise and the database see no difference but the tables found. pdfplumber and camelot are
an optional extra (``councilplans[engines]``): only this registry names them, and only the
chosen engine's module is imported.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from councilplans.errors import CouncilPlansError
from councilplans.extract.model import RawDocument

Reader = Callable[[Path, str | None], RawDocument]

# engine -> (module of its reader, reader function, the libraries it needs)
ENGINES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "native": ("councilplans.extract.pdf", "pdf_to_document", ()),
    "pdfplumber": ("councilplans.extract.pdfplumber_engine", "pdfplumber_to_document",
                   ("pdfplumber",)),
    "camelot": ("councilplans.extract.camelot_engine", "camelot_to_document",
                ("camelot", "pdfplumber")),
}


class EngineMissing(CouncilPlansError):
    """The chosen engine's library is not installed."""


def engine_reader(name: str) -> Reader:
    """The PDF reader of engine ``name``; EngineMissing (one line, how to fix) without its extra.

    The CLI calls this before any file is read, so a missing engine is one line, not a
    failure per file.
    """
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}: use {', '.join(ENGINES)}")
    module, func, needs = ENGINES[name]
    missing = []
    for lib in needs:
        try:
            importlib.import_module(lib)
        except ImportError:
            missing.append(lib)
    if missing:
        raise EngineMissing(f"the {name} engine needs {', '.join(missing)}: "
                            "pip install 'councilplans[engines]'")
    return getattr(importlib.import_module(module), func)
