"""Which organisations a text names, as canonical names from a gazetteer.

Lead / agency columns print the same body a dozen ways ("LBTH", "Tower Hamlets Council",
"London Borough of Tower Hamlets"); comparing plans across councils needs one name for each.
The gazetteer is data, extended without code changes: ``data/organisations.json`` (list of
``{"name", "kind", "aliases", "exact"?}``: police forces, fire and rescue services, NHS bodies,
probation, justice, national charities, partnerships and council departments as generic kinds)
and ``data/councils.json`` (every current UK local authority with its ONS GSS code and the name
forms plans print, its source named in the file).

Matching uses a blank spaCy pipeline's tokenizer with two PhraseMatchers:

* case-insensitive (``LOWER``) for ordinary names, so "TOWER HAMLETS" still matches;
* case-sensitive (``ORTH``) for acronym-like aliases (no lower-case letters, at most 6
  characters: "MPS", "CCG", "H&F") and for aliases listed under ``"exact"`` (common words that
  are names only when capitalised: "Refuge", "Haven"). Matching on whole tokens means "mps"
  inside another word never matches.

Overlapping matches keep the longest ("Tower Hamlets Prostitution Partnership" beats "Tower
Hamlets"). Deliberately absent: ambiguous abbreviations such as "LBH" (Havering? Hackney?
Haringey? Hounslow? Hillingdon? Harrow?) and bare names that are also personal names ("Brent",
"Sutton").

spaCy is imported on first use only, so importing this module stays cheap.
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

__all__ = ["Organisation", "gazetteer", "organisations_in", "record_organisations", "councils_in",
           "council_code"]

KINDS = ("council", "police", "fire", "health", "probation", "justice", "government",
         "voluntary", "partnership", "department", "other")


@dataclass(frozen=True)
class Organisation:
    """One gazetteer entry: canonical ``name``, ``kind`` (see KINDS) and printed ``aliases``."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()  # aliases that only match with this exact capitalisation
    code: str | None = None  # councils: ONS GSS code (E09000030)


def _data(name: str) -> Any:
    return json.loads(resources.files("councilplans.normalise").joinpath(f"data/{name}")
                      .read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _entries() -> tuple[Organisation, ...]:
    raw = _data("organisations.json")
    out = [Organisation(name=c["name"], kind="council", aliases=tuple(c.get("aliases", ())),
                        code=c["gss"]) for c in _data("councils.json")["councils"]]
    for item in raw:
        if item["kind"] not in KINDS:
            raise ValueError(f"organisations.json: bad kind {item['kind']!r} for {item['name']}")
        out.append(
            Organisation(
                name=item["name"],
                kind=item["kind"],
                aliases=tuple(item.get("aliases", ())),
                exact=tuple(item.get("exact", ())),
            )
        )
    return tuple(out)


def gazetteer() -> list[Organisation]:
    """All known organisations (for the loader's organisations / aliases tables)."""
    return list(_entries())


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    return {o.name: o.kind for o in _entries()}


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    return {o.name.lower(): o.code for o in _entries() if o.code}


def council_code(name: str | None) -> str | None:
    """The ONS GSS code of a council by its canonical name (None for a council not known)."""
    return _codes().get(name.lower()) if name else None




def _normalise(text: str) -> str:
    """One spelling for apostrophes / dashes / whitespace so aliases match printed variants."""
    text = strip_tags(text).replace("’", "'").replace("‘", "'").replace("–", "-")
    return re.sub(r"\s+", " ", text).strip()


def _is_acronym(alias: str) -> bool:
    return len(alias) <= 6 and not any(c.islower() for c in alias)


def _nlp() -> Language:
    from councilplans.normalise.nlp import blank_english

    return blank_english()


@lru_cache(maxsize=1)
def _matchers() -> tuple[Any, Any]:
    """(case-insensitive, case-sensitive) PhraseMatchers keyed by canonical name."""
    nlp = _nlp()  # first: it imports spaCy (without its command line)
    from spacy.matcher import PhraseMatcher

    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    for org in _entries():
        exact_only = {_normalise(a) for a in org.exact}
        names = [_normalise(a) for a in (org.name, *org.aliases) if a.strip()]
        names = [a for a in names if a not in exact_only]
        loose = [nlp.make_doc(a) for a in names if not _is_acronym(a)]
        strict = [nlp.make_doc(a) for a in names if _is_acronym(a)]
        strict += [nlp.make_doc(_normalise(a)) for a in org.exact]
        if loose:
            lower.add(org.name, loose)
        if strict:
            exact.add(org.name, strict)
    return lower, exact


@lru_cache(maxsize=8192)
def _mentions(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start_char, end_char, canonical name) of gazetteer mentions, longest wins, in order."""
    nlp = _nlp()  # first: it imports spaCy (without its command line)
    from spacy.tokens import Span
    from spacy.util import filter_spans

    doc = nlp.make_doc(text)
    spans = []
    for matcher in _matchers():
        for match_id, start, end in matcher(doc):
            spans.append(Span(doc, start, end, label=match_id))
    kept = sorted(filter_spans(spans), key=lambda s: s.start)
    return tuple((s.start_char, s.end_char, s.label_) for s in kept)


def organisations_in(text: str | None) -> tuple[str, ...]:
    """Canonical names of the organisations a text names, in order of first mention."""
    if not text or not text.strip():
        return ()
    return _dedupe(name for _, _, name in _mentions(_normalise(text)))


_NOT_FROM_TEXT = ("department",)


def record_organisations(lead: str | None, texts: Any = ()) -> tuple[str, ...]:
    """The organisations a record links to: those its lead names; when the lead names none
    (or there is no lead column), the bodies its other text names.

    Council departments are taken from a lead only: in running text "Transport" or
    "Education" is a subject, not a body.
    """
    named = organisations_in(lead)
    if named:
        return named
    kinds = _kinds()
    found = (name for text in texts for name in organisations_in(text)
             if kinds.get(name) not in _NOT_FROM_TEXT)
    return _dedupe(found)


_WORD = r"[A-Z][A-Za-z'.-]*[A-Za-z]"
_LINK = r"(?:and|&|upon|on|under|next|the|in|le)"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,2}}(?:\s+{_LINK}\s+{_WORD}(?:\s+{_WORD})?)?"
_COUNCIL_PATTERNS = (
    re.compile(rf"\b(?i:(?:Royal\s+|London\s+|Metropolitan\s+)?Borough\s+of)\s+{_NAME}"),
    re.compile(rf"\b(?i:(?:City|County)\s+of)\s+{_NAME}\s+(?i:Council)\b"),
    re.compile(
        rf"\b{_NAME}\s+(?i:(?:County|Borough|District|City|Metropolitan\s+Borough|Town|Unitary)"
        rf"\s+Council)\b"
    ),
)
_LEADING_NOISE = re.compile(r"^(?:(?:The|A|An|And|Of|For|By|From|With|To|In|At|On)\s+)+", re.I)
_KIND_WORDS = {"county", "borough", "district", "city", "metropolitan", "town", "unitary",
               "council"}
_DIRECTIONS = {"north", "south", "east", "west", "mid", "central", "greater", "great", "new"}


def _upper_case_name(name: str) -> str:
    """In capitals every word looks like a name: keep the place word and its compass words."""
    words = name.split()
    kind_at = next((i for i, w in enumerate(words) if w.lower() in _KIND_WORDS), len(words))
    if kind_at == 0 or words[0].lower() in ("borough", "royal", "london", "city"):
        return name
    start = kind_at - 1
    while start > 0 and words[start - 1].lower() in _DIRECTIONS:
        start -= 1
    return " ".join(words[start:])


_ROLE_WORDS = {"executive", "chief", "director", "leader", "member", "members", "cabinet",
               "officer", "report", "committee", "chair", "commissioner", "mayor", "head",
               "manager", "deputy", "strategy", "plan", "team", "service", "services"}


def _printed_council(match: str) -> str | None:
    name = _LEADING_NOISE.sub("", re.sub(r"\s+", " ", match).strip())
    words = name.split()
    cut = max((i + 1 for i, w in enumerate(words) if w.lower() in _ROLE_WORDS), default=0)
    name = " ".join(words[cut:])
    if name.isupper():
        name = _upper_case_name(name)
        name = name.title().replace(" Of ", " of ").replace(" And ", " and ")
    if name.startswith(("Borough of", "Metropolitan Borough of")):
        return None  # "the Borough of X" alone does not say which kind of council
    return name or None


def councils_in(text: str | None) -> tuple[str, ...]:
    """Councils a text names, in order of first mention.

    Known councils come back as their canonical gazetteer name; unknown ones printed as
    "Kent County Council", "X Borough Council", "London Borough of X", "Royal Borough of X"
    come back as printed.
    """
    if not text or not text.strip():
        return ()
    clean = _normalise(text)
    kinds = _kinds()
    mentions = _mentions(clean)
    found: list[tuple[int, str]] = [(s, n) for s, _, n in mentions if kinds.get(n) == "council"]
    for pattern in _COUNCIL_PATTERNS:
        for m in pattern.finditer(clean):
            if any(s < m.end() and m.start() < e for s, e, _ in mentions):
                continue  # the gazetteer already knows this one
            name = _printed_council(m[0])
            if name:
                found.append((m.start(), name))
    return _dedupe(name for _, name in sorted(found, key=lambda x: x[0]))


def _dedupe(names: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        seen.setdefault(name, None)
    return tuple(seen)
