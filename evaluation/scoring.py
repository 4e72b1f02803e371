"""Scoring of imported records against expected ones: the figures of ``make eval`` and the
exact-record checks of the test suite, defined once for both.

- Texts are compared after ``norm_text``: whitespace runs (newlines too) collapsed to one space,
  bullet glyphs unified to "•", stripped, "" treated as null. Otherwise case-sensitive: a
  wrongly cased heading is a wrong value.
- Records are paired first on exact (kind, ref) where the ref is unique on both sides, then
  greedily by ``difflib`` ratio of action+outcome+indicator+lead text, best pairs first, down to
  ``THRESHOLD``.
- record recall = matched / expected, precision = matched / produced.
- field accuracy counts the ``FIELDS`` over *matched pairs only*; missing and spurious records
  show in recall and precision, not here. Otherwise one missed row would blur which field is
  wrong.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from councilplans.normalise.model import RECORD_FIELDS
from councilplans.vocabulary import BULLET_GLYPHS

FIELDS: tuple[str, ...] = ("kind", *RECORD_FIELDS)
KEY_FIELDS: tuple[str, ...] = ("action", "outcome", "indicator", "lead")
THRESHOLD = 0.6
DOC_FIELDS: tuple[str, ...] = ("title", "organisations", "doc_type", "period_start", "period_end")

_BULLETS = re.compile(f"[{''.join(sorted(BULLET_GLYPHS))}]")
_SPACE = re.compile(r"\s+")

Record = dict[str, Any]


def norm_text(value: Any) -> str | None:
    """The comparable form of one field value (see module docstring)."""
    if value is None:
        return None
    text = _SPACE.sub(" ", _BULLETS.sub("•", str(value))).strip()
    return text or None


def key_text(rec: Record) -> str:
    parts = [norm_text(rec.get(f)) for f in KEY_FIELDS]
    text = " ".join(p for p in parts if p)
    if not text:  # a row with none of the key fields: fall back on everything it has
        text = " ".join(p for p in (norm_text(rec.get(f)) for f in FIELDS) if p)
    return text


@dataclass
class Mismatch:
    ref: str | None
    field: str
    expected: str | None
    got: str | None


@dataclass
class Score:
    """Counts, so scores of several files add up to a micro average."""

    n_expected: int = 0
    n_produced: int = 0
    n_matched: int = 0
    field_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    mismatches: list[Mismatch] = field(default_factory=list)
    missing: list[Record] = field(default_factory=list)  # expected, never matched
    spurious: list[Record] = field(default_factory=list)  # produced, never matched

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_expected if self.n_expected else 1.0

    @property
    def precision(self) -> float:
        if not self.n_produced:  # nothing produced: perfect only if nothing was expected
            return 0.0 if self.n_expected else 1.0
        return self.n_matched / self.n_produced

    @property
    def field_accuracy(self) -> float:
        total = self.n_matched * len(FIELDS)
        return sum(self.field_correct.values()) / total if total else 0.0

    def field_rate(self, name: str) -> float:
        return self.field_correct[name] / self.n_matched if self.n_matched else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.n_expected + other.n_expected, self.n_produced + other.n_produced,
            self.n_matched + other.n_matched,
            {f: self.field_correct[f] + other.field_correct[f] for f in FIELDS},
            self.mismatches + other.mismatches, self.missing + other.missing,
            self.spurious + other.spurious,
        )


def match_records(
    expected: Sequence[Record], produced: Sequence[Record], threshold: float = THRESHOLD
) -> list[tuple[int, int]]:
    """Index pairs (expected, produced): unique (kind, ref) first, then greedy by similarity."""
    def ref_key(rec: Record) -> tuple[str | None, str | None]:
        return norm_text(rec.get("kind")), norm_text(rec.get("ref"))

    def unique(records: Sequence[Record]) -> dict[tuple, int]:
        seen: dict[tuple, list[int]] = {}
        for i, rec in enumerate(records):
            if ref_key(rec)[1] is not None:
                seen.setdefault(ref_key(rec), []).append(i)
        return {k: v[0] for k, v in seen.items() if len(v) == 1}

    exp_u, got_u = unique(expected), unique(produced)
    pairs = [(i, got_u[k]) for k, i in exp_u.items() if k in got_u]
    used_e = {i for i, _ in pairs}
    used_p = {j for _, j in pairs}
    rest_e = [i for i in range(len(expected)) if i not in used_e]
    rest_p = [j for j in range(len(produced)) if j not in used_p]
    keys_e = {i: key_text(expected[i]) for i in rest_e}
    keys_p = {j: key_text(produced[j]) for j in rest_p}
    candidates: list[tuple[float, int, int]] = []
    for i in rest_e:
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(keys_e[i])
        for j in rest_p:
            sm.set_seq1(keys_p[j])
            if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                continue
            ratio = sm.ratio()
            if ratio >= threshold:
                candidates.append((ratio, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    for _, i, j in candidates:
        if i not in used_e and j not in used_p:
            pairs.append((i, j))
            used_e.add(i)
            used_p.add(j)
    return sorted(pairs)


def score_records(
    expected: Sequence[Record], produced: Sequence[Record], threshold: float = THRESHOLD
) -> Score:
    """Match, then count the fields of each matched pair that agree after ``norm_text``."""
    pairs = match_records(expected, produced, threshold)
    score = Score(len(expected), len(produced), len(pairs))
    for i, j in pairs:
        exp, got = expected[i], produced[j]
        for name in FIELDS:
            e, g = norm_text(exp.get(name)), norm_text(got.get(name))
            if e == g:
                score.field_correct[name] += 1
            else:
                score.mismatches.append(Mismatch(norm_text(exp.get("ref")), name, e, g))
    matched_e = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    score.missing = [r for i, r in enumerate(expected) if i not in matched_e]
    score.spurious = [r for j, r in enumerate(produced) if j not in matched_p]
    return score


def score_document(expected: dict[str, Any], got: dict[str, Any] | None) -> dict[str, bool]:
    """Which document-level facts (title, councils, type, period) came out as expected."""
    out: dict[str, bool] = {}
    for name in DOC_FIELDS:
        e = expected.get(name)
        g = got.get(name) if got else None
        if name == "organisations":
            out[name] = sorted(e or []) == sorted(g or [])
        elif isinstance(e, str) or isinstance(g, str):
            out[name] = norm_text(e) == norm_text(g)
        else:
            out[name] = e == g
    return out
