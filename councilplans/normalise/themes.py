"""Tag text with VAWG themes (domestic abuse, FGM, housing, ...) from a small taxonomy.

Plans from different councils organise the same work under different headings; tagging each
row with strands from one taxonomy makes them comparable. The taxonomy lives in
``data/themes.json`` — an ordered list of ``{"key", "label", "phrases", "patterns"?}`` — so
adding a strand or a synonym needs no code change. The list order is the taxonomy order that
:func:`themes_in` sorts by.

Matching (blank spaCy tokenizer, no model):

* ``phrases`` match case-insensitively on whole tokens (``LOWER``), and also with a simple
  plural of the last word ("refuge" -> "refuges"), which covers most inflection without a
  lemmatiser. Acronym-like phrases ("DV", "CSE", "MARAC": no lower case, at most 6 characters)
  match case-sensitively so that ordinary words never trigger them.
* ``patterns`` are spaCy Matcher token patterns for variants a phrase list cannot enumerate
  ("honour-based violence", "honor related abuse", "so-called honour").
* Overlapping matches keep the longest, so "child sexual exploitation" counts as CSE rather
  than also as adult sexual exploitation.

spaCy is imported on first use only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from councilplans.vocabulary import strip_tags

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Theme", "taxonomy", "themes_in"]


@dataclass(frozen=True)
class Theme:
    """One taxonomy strand. ``key`` is the stable id stored with records."""

    key: str
    label: str
    phrases: tuple[str, ...] = ()
    patterns: tuple[Any, ...] = ()  # spaCy Matcher token patterns (lists of dicts)

    @property
    def id(self) -> str:
        return self.key


@lru_cache(maxsize=1)
def _entries() -> tuple[Theme, ...]:
    raw = json.loads(
        resources.files("councilplans.normalise").joinpath("data/themes.json").read_text(
            encoding="utf-8"
        )
    )
    return tuple(
        Theme(
            key=item["key"],
            label=item["label"],
            phrases=tuple(item.get("phrases", ())),
            patterns=tuple(item.get("patterns", ())),
        )
        for item in raw
    )


def taxonomy() -> list[Theme]:
    """The themes in taxonomy order (for the loader's themes table)."""
    return list(_entries())


@lru_cache(maxsize=1)
def _order() -> dict[str, int]:
    return {t.key: i for i, t in enumerate(_entries())}


def _is_acronym(phrase: str) -> bool:
    return len(phrase) <= 6 and not any(c.islower() for c in phrase)


def _plural(phrase: str) -> str | None:
    if not phrase[-1:].isalpha() or phrase.endswith("s"):
        return None
    if phrase.endswith("y") and not _is_acronym(phrase):
        return phrase[:-1] + "ies"
    return phrase + "s"


def _nlp() -> Language:
    from councilplans.normalise.nlp import blank_english

    return blank_english()


@lru_cache(maxsize=1)
def _matchers() -> tuple[Any, ...]:
    """(case-insensitive phrases, case-sensitive acronyms, token patterns), keyed by theme."""
    nlp = _nlp()  # first: it imports spaCy (without its command line)
    from spacy.matcher import Matcher, PhraseMatcher

    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    tokens = Matcher(nlp.vocab)
    for theme in _entries():
        loose: list[str] = []
        strict: list[str] = []
        for phrase in theme.phrases:
            forms = [phrase, *filter(None, [_plural(phrase)])]
            (strict if _is_acronym(phrase) else loose).extend(forms)
        if loose:
            lower.add(theme.key, [nlp.make_doc(_normalise(p)) for p in loose])
        if strict:
            exact.add(theme.key, [nlp.make_doc(p) for p in strict])
        if theme.patterns:
            tokens.add(theme.key, [list(p) for p in theme.patterns])
    return lower, exact, tokens




def _normalise(text: str) -> str:
    text = strip_tags(text).replace("’", "'").replace("‘", "'").replace("–", "-")
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=8192)
def _themes(text: str) -> tuple[str, ...]:
    nlp = _nlp()  # first: it imports spaCy (without its command line)
    from spacy.tokens import Span
    from spacy.util import filter_spans

    doc = nlp.make_doc(text)
    spans = [
        Span(doc, start, end, label=match_id)
        for matcher in _matchers()
        for match_id, start, end in matcher(doc)
    ]
    keys = {s.label_ for s in filter_spans(spans)}
    order = _order()
    return tuple(sorted(keys, key=order.__getitem__))


def themes_in(text: str | None) -> tuple[str, ...]:
    """Theme keys a text touches, sorted by taxonomy order (empty for None / blank text)."""
    if not text or not text.strip():
        return ()
    return _themes(_normalise(text))
