"""What changed between two versions of a document's records.

Records are matched by ref where both versions number their rows, then by the similarity of
their main text, so a reworded action still counts as changed rather than removed and added.
Every field is compared (status and the KPI figures included), and each column kept only as
``extra`` is compared on its own, as "extra: <column>".
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from councilplans.normalise.model import RECORD_FIELDS
from councilplans.schema.models import Document, RecordRow

COMPARED = ("kind", *RECORD_FIELDS)
_MAIN = ("action", "indicator", "outcome", "output", "objective")
SIMILAR = 0.6


def _main_text(r: dict[str, Any]) -> str:
    return " ".join(str(r.get(f) or "") for f in _MAIN).strip().lower()


def _similarity(a: dict[str, Any], b: dict[str, Any]) -> float:
    return SequenceMatcher(None, _main_text(a), _main_text(b), autojunk=False).ratio()


def match_records(
    old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> list[tuple[int | None, int | None]]:
    """Pairs of indexes (old, new); None on one side for a removed or added record."""
    pairs: list[tuple[int | None, int | None]] = []
    old_refs = Counter(r.get("ref") for r in old if r.get("ref"))
    new_refs = Counter(r.get("ref") for r in new if r.get("ref"))
    new_by_ref = {r["ref"]: j for j, r in enumerate(new) if r.get("ref")}
    used_old: set[int] = set()
    used_new: set[int] = set()
    for i, r in enumerate(old):
        ref = r.get("ref")
        if ref and old_refs[ref] == 1 and new_refs.get(ref) == 1:
            j = new_by_ref[ref]
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    scored = sorted(
        ((_similarity(old[i], new[j]), i, j)
         for i in range(len(old)) if i not in used_old
         for j in range(len(new)) if j not in used_new),
        reverse=True,
    )
    for score, i, j in scored:
        if score < SIMILAR:
            break
        if i in used_old or j in used_new:
            continue
        pairs.append((i, j))
        used_old.add(i)
        used_new.add(j)
    pairs += [(i, None) for i in range(len(old)) if i not in used_old]
    pairs += [(None, j) for j in range(len(new)) if j not in used_new]
    return pairs


def records_for_diff(session: Session, document: Document) -> list[dict[str, Any]]:
    """A version's records as the diff reads them: every field, dates as ISO text, extra."""
    rows = session.scalars(
        select(RecordRow).where(RecordRow.document_id == document.id).order_by(RecordRow.id)
    ).all()
    out = []
    for r in rows:
        row: dict[str, Any] = {"kind": r.kind, "page": r.page}
        for f in RECORD_FIELDS:
            value = getattr(r, f)
            row[f] = value.isoformat() if hasattr(value, "isoformat") else value
        row["extra"] = dict(r.extra or {})
        out.append(row)
    return out


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list]:
    fields = {f: [old.get(f), new.get(f)] for f in COMPARED if old.get(f) != new.get(f)}
    old_extra, new_extra = old.get("extra") or {}, new.get("extra") or {}
    for column in dict.fromkeys([*old_extra, *new_extra]):
        if old_extra.get(column) != new_extra.get(column):
            fields[f"extra: {column}"] = [old_extra.get(column), new_extra.get(column)]
    return fields


def diff_records(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, list]:
    added, removed, changed = [], [], []
    for i, j in match_records(old, new):
        if i is None:
            added.append(new[j])
        elif j is None:
            removed.append(old[i])
        else:
            fields = _changes(old[i], new[j])
            if fields:
                entry: dict[str, Any] = {"ref": new[j].get("ref") or old[i].get("ref"),
                                         "fields": fields}
                if entry["ref"] is None:
                    entry["text"] = _main_text(new[j])[:80]
                changed.append(entry)
    return {"added": added, "removed": removed, "changed": changed}
