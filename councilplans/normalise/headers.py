"""Column header wording -> common-schema field, from the lexicon in ``data/headers.json``.

Each field has patterns of three strengths: the whole header (3), the header's first or last
words (2), a word anywhere (1). A header nobody wrote down before ("Who will lead this?")
still maps when its first or last words do. What the column's cells hold is weighed
elsewhere (``columns``): this module only reads wording.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from councilplans.normalise.model import MAPPABLE_FIELDS


@dataclass(frozen=True)
class _Field:
    name: str
    whole: tuple[re.Pattern[str], ...]
    edge: tuple[re.Pattern[str], ...]
    word: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Lexicon:
    fields: tuple[_Field, ...]
    not_fields: re.Pattern[str]  # wordings that name no field ("Start date", "Floor")
    decided_by_content: re.Pattern[str]  # headers whose field the cells decide ("Status")
    indicator_words: re.Pattern[str]  # wordings of a performance matrix's figure columns
    risk_words: re.Pattern[str]
    measure_words: re.Pattern[str]  # "Measure of success": an action's measure, or indicators
    names_indicator: re.Pattern[str]  # "KPI", "Indicator": an indicator whatever the table
    success_words: re.Pattern[str]  # "How will we know": an outcome, or measured indicators
    share_done: re.Pattern[str]  # "% complete": the status, or beside one the progress


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("councilplans.normalise").joinpath("data/headers.json")
                     .read_text(encoding="utf-8"))
    fields = []
    for item in raw["fields"]:
        if item["field"] not in MAPPABLE_FIELDS:
            raise ValueError(f"headers.json: {item['field']!r} is not a record field")
        fields.append(_Field(
            item["field"],
            tuple(re.compile(rf"^(?:{p})$") for p in item["whole"]),
            tuple(re.compile(rf"^(?:{p})\b|\b(?:{p})$") for p in item["edge"]),
            tuple(re.compile(rf"\b(?:{p})\b") for p in item["word"]),
        ))
    return Lexicon(
        tuple(fields),
        re.compile(rf"^(?:{_alternation(raw['not_fields']['whole'])})$"),
        re.compile(rf"^(?:{_alternation(raw['decided_by_content'])})$"),
        re.compile(rf"\b(?:{_alternation(raw['indicator_table_words'])})\b"),
        re.compile(rf"\b(?:{_alternation(raw['risk_words'])})\b"),
        re.compile(rf"\b(?:{_alternation(raw['measure_words'])})\b"),
        re.compile(rf"\b(?:{_alternation(raw['indicator_words'])})\b"),
        re.compile(rf"^(?:{_alternation(raw['success_words'])})\b"),
        re.compile(rf"(?:^|\s)(?:{_alternation(raw['share_done_words'])})$"),
    )


def header_key(text: str) -> str:
    """Lower-case, punctuation-light form of a header for matching."""
    t = text.lower().replace("\n", " ")
    t = re.sub(r"[\u2018\u2019]", "'", t)
    t = re.sub(r"[*:;?¹²³]+|\(s\)", " ", t)
    t = re.sub(r"^(?:current|proposed|planned)\s+(?!completion)", "", t.strip())
    return re.sub(r"\s+", " ", t).strip(" .-")


def field_for_header(text: str, first_line: str | None = None) -> tuple[str | None, int]:
    """Best field for one header text and how sure the match is (0 = none); the lexicon's
    order breaks ties between fields matched equally strongly.

    A header of several lines the author typed (``first_line`` is the first of them) that
    says nothing whole is named by its first line when that line is a whole wording
    ("Strategies / plans in place to deliver" over "Led by / responsible"): the lines
    below qualify it."""
    best = _field_for_key(header_key(text))
    if best[1] < 3 and first_line and first_line != text:
        first = _field_for_key(header_key(first_line))
        if first[1] == 3:
            return first
    return best


def _field_for_key(key: str) -> tuple[str | None, int]:
    if not key or lexicon().not_fields.match(key):
        return None, 0
    best: tuple[str | None, int] = (None, 0)
    for f in lexicon().fields:
        if any(p.match(key) for p in f.whole):
            strength = 3
        elif any(p.search(key) for p in f.edge):
            strength = 2
        elif any(p.search(key) for p in f.word):
            strength = 1
        else:
            continue
        if strength > best[1]:
            best = (f.name, strength)
    return best


def names_a_section(text: str) -> bool:
    """Whether the header of a table's main column is rather the name of its section
    ("Customer Services KPIs", "Integrated Children's Services" over a list of measures):
    three words or more that no wording names whole and that do not start with a field's
    word. Such a header names the section its rows belong to."""
    words = header_key(text).split()
    if len(words) < 3 or _field_for_key(" ".join(words))[1] == 3:
        return False
    return _field_for_key(words[0])[0] is None and not names_no_field(words[0])


_START = re.compile(r"^(?:planned |forecast |actual )?(?:start|starting|commencement)(?: date)?$")


def names_start_date(text: str) -> bool:
    """Whether a header names when the work starts ("Start date", "START"; not the
    baseline's): such a column stays as printed among the extra fields and gives the
    record its start date."""
    return bool(_START.match(header_key(text)))


def names_no_field(text: str) -> bool:
    """Whether a header is one of the wordings that name no field ("Start date", "Floor")."""
    return bool(lexicon().not_fields.match(header_key(text)))


def decided_by_content(text: str) -> bool:
    """Whether a header ("Status", "Rating") leaves its field to what the cells hold."""
    return bool(lexicon().decided_by_content.match(header_key(text)))


def names_indicator_figures(text: str) -> bool:
    """Whether a header names a performance matrix's figure column (target, outturn, DoT)."""
    return bool(lexicon().indicator_words.search(header_key(text)))


def names_a_measure(text: str) -> bool:
    """Whether a header names how success is measured ("Measure of success", "Success
    measures") without naming an indicator, KPI or metric outright: beside an action column
    such a column holds each action's measure; alone it lists the indicators."""
    key = header_key(text)
    return bool(lexicon().measure_words.search(key)) and not lexicon().names_indicator.search(key)


def names_success_shown(text: str) -> bool:
    """Whether a header asks how success will show ("How will we know we have succeeded?"):
    the outcome sought, or, beside a column naming the data that verifies it, the indicators
    measured."""
    return bool(lexicon().success_words.match(header_key(text)))


def names_share_done(text: str) -> bool:
    """Whether a header names the share of the work done ("% COMP", "Percentage complete")."""
    return bool(lexicon().share_done.search(header_key(text)))


def looks_like_risk_register(headers: list[str]) -> bool:
    keys = [header_key(h) for h in headers]
    return any(lexicon().risk_words.search(k) for k in keys) and any("risk" in k for k in keys)
