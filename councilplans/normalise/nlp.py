"""The one blank English spaCy pipeline the organisation and theme matchers tokenize with.

Only spaCy's tokenizer, vocabulary and matchers are used, yet ``import spacy`` also imports its
command line (``spacy/__init__.py`` re-exports ``spacy.cli.info.info``), and with it typer,
weasel, httpx and some 350 modules more: about a quarter of the second it takes to load spaCy,
paid by every import before its first file is normalised. ``blank_english`` imports spaCy with a
placeholder standing in for ``spacy.cli`` while the package initialises, then takes the
placeholder out again, so code that does import ``spacy.cli`` later gets the real module.
"""

from __future__ import annotations

import sys
import types
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["blank_english", "import_spacy"]

_CLI = ("spacy.cli", "spacy.cli.info")


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` as spaCy defines it, loaded when someone calls it."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """``spacy``, imported without its command line unless something loaded that already."""
    if "spacy" in sys.modules or any(name in sys.modules for name in _CLI):
        import spacy

        return spacy
    cli, info = types.ModuleType(_CLI[0]), types.ModuleType(_CLI[1])
    info.info = _info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    cli.__path__ = []  # a package, as spacy.cli is
    sys.modules.update(zip(_CLI, (cli, info), strict=True))
    try:
        import spacy
    finally:
        for name in _CLI:
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
        parent = sys.modules.get("spacy")
        if parent is not None and getattr(parent, "cli", None) is cli:
            del parent.cli  # `import spacy.cli` later loads and binds the real one
    return spacy


@lru_cache(maxsize=1)
def blank_english() -> Language:
    """A blank ``en`` pipeline (tokenizer only), made once and shared by the matchers."""
    return import_spacy().blank("en")
