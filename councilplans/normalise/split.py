"""One cell holding several numbered actions -> one piece per action.

Plans number actions hierarchically (1.3.1, 1.3.2). When an action cell holds two or more
such numbers at the start of sentences, each number starts an action; a timescale or lead
cell in the same row may then carry the same numbers, and each action takes its own piece.
"""

from __future__ import annotations

import re

from councilplans.vocabulary import HIERARCHICAL, leading_ref

__all__ = ["leading_ref", "piece_for", "split_actions", "split_numbered"]

# A hierarchical number (at least two levels) starting a piece: at the start, after a
# sentence end, after a line break, or glued to the end of the previous piece.
_PIECE_RE = re.compile(
    rf"(?:^|(?<=[\s.;:)\]])|(?<=[a-z]))({HIERARCHICAL})\.?(?=\s*[A-Z0-9'\"\u2018\u201c(]|\s*$)"
)


def split_numbered(text: str | None) -> list[tuple[str, str]]:
    """[(ref, text), ...] when the text is a run of numbered pieces starting at its start."""
    if not text:
        return []
    stripped = text.strip()
    matches = [m for m in _PIECE_RE.finditer(stripped)]
    if not matches or matches[0].start() != 0:
        return []
    pieces = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(stripped)
        body = stripped[m.end():end].strip()
        pieces.append((m.group(1), body))
    return pieces


def siblings(refs: list[str]) -> bool:
    """Numbers that read as items of one list: same depth, increasing, distinct."""
    if len(refs) < 2:
        return False
    depths = {r.count(".") for r in refs}
    if len(depths) != 1 or len(set(refs)) != len(refs):
        return False
    keys = [tuple(int(p) for p in r.split(".")) for r in refs]
    return keys == sorted(keys)


def split_actions(text: str | None) -> list[tuple[str, str]]:
    """The numbered actions of a cell, or [] when it holds one (or no) numbered action."""
    pieces = split_numbered(text)
    if len(pieces) >= 2 and siblings([r for r, _ in pieces]) and all(b for _, b in pieces):
        return pieces
    return []


def piece_for(text: str | None, ref: str, all_refs: list[str]) -> str | None:
    """The part of a cell that belongs to action ``ref``.

    A cell without numbers applies to every action; a cell with numbers gives each action
    its own piece, and nothing to an action it does not mention.
    """
    pieces = split_numbered(text)
    known = [p for p in pieces if p[0] in all_refs or p[0].rstrip(".") in all_refs]
    if not known:
        return text
    for r, body in pieces:
        if r == ref:
            return body or None
    return None
