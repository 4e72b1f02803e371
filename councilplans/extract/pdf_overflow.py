"""Text that runs on past its cell's side: the cell it starts in owns it.

Spreadsheets and project planners print a long cell in full into the PDF's text layer. Where
the next cell is empty the text shows across it; where the next cell has text of its own, the
tail is clipped and lies hidden under that text (HM Land Registry's delivery plan: "...6 weeks
from Mobili" shows, "sation meeting" sits under the "21" of the next column). Read by
position, the tail lands in the next cell, or interleaves with its text ("Mobilisa2ti1on").

Which text runs on shows in the text stream: a run of characters that follow one another in
the stream, on one baseline, left to right with no more than a word space between them, drawn
by one text object, that starts in one cell and goes on into the next. A producer draws each
cell's text as objects of its own and pads cells, so two cells' texts are never one such run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from councilplans.extract.pdf_page import RUN_BACKSTEP, RUN_BASELINE, WORD_SPACE, Char

__all__ = ["ObjectOf", "apart", "overflow_indexes", "pull_back_overflow", "running_on", "runs"]

ObjectOf = Callable[[int], "int | None"]  # the text object drawing a char (PageReader)


def runs(chars: Sequence[Char]) -> dict[int, int]:
    """Run number of each char (by pdfium index): next in the stream (or after one space), on
    one baseline, rightwards, at most a word space apart."""
    out: dict[int, int] = {}
    run = -1
    prev: Char | None = None
    for ch in sorted(chars, key=lambda c: c.index):
        height = max(ch.bottom - ch.top, 1e-6)
        if (prev is None or not (ch.index == prev.index + 1
                                 or (ch.space_before and ch.index == prev.index + 2))
                or abs(ch.baseline - prev.baseline) > RUN_BASELINE * height
                or ch.x0 < prev.x0 - RUN_BACKSTEP * height
                or ch.x0 - prev.x1 > WORD_SPACE * height):
            run += 1
        out[ch.index] = run
        prev = ch
    return out


def running_on(slots: dict[tuple[int, int], list[Char]], object_of: ObjectOf | None,
               owners: dict[tuple[int, int], tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Chars (by index) lying in a later cell of the row their run starts in, each with the
    slot the run starts in (``owners``: each slot's cell). Without ``object_of`` only runs
    whose tail overlaps the next cell's own letters count (a clipped tail); with it, a run
    must be one text object."""
    chars = [c for cs in slots.values() for c in cs]
    run_of = runs(chars)
    slot_of = {c.index: slot for slot, cs in slots.items() for c in cs}
    members: dict[int, list[Char]] = {}
    for c in sorted(chars, key=lambda c: c.index):
        members.setdefault(run_of[c.index], []).append(c)
    out: dict[int, tuple[int, int]] = {}
    for run in members.values():
        if len({owners[slot_of[c.index]] for c in run}) < 2:
            continue
        first = object_of(run[0].index) if object_of is not None else None
        if first is not None:
            run = [c for c in run[: next((k for k, c in enumerate(run)
                                          if object_of(c.index) != first), len(run))]]
        home = slot_of[run[0].index]
        tail = [c for c in run if slot_of[c.index][0] == home[0] and slot_of[c.index][1] > home[1]
                and owners[slot_of[c.index]] != owners[home]]
        # where pdfium cannot name the object, only a tail over the next cell's letters counts
        if not tail or (first is None and not _overlaps_hosts(tail, slots, slot_of, run_of)):
            continue
        for c in tail:
            out[c.index] = home
    return out


def apart(object_of: ObjectOf | None, a: int, b: int) -> bool:
    """Are chars ``a`` and ``b`` (indexes) known to be drawn by two text objects?"""
    if object_of is None:
        return False
    oa, ob = object_of(a), object_of(b)
    return oa is not None and ob is not None and oa != ob


def _overlaps_hosts(tail: list[Char], slots: dict[tuple[int, int], list[Char]],
                    slot_of: dict[int, tuple[int, int]], run_of: dict[int, int]) -> bool:
    """Does the tail lie over letters of another run in the cell it runs into?"""
    own = run_of[tail[0].index]
    for g in tail:
        height = max(g.bottom - g.top, 1e-6)
        for h in slots[slot_of[g.index]]:
            if (run_of[h.index] != own and abs(h.baseline - g.baseline) <= 0.5 * height
                    and min(g.x1, h.x1) - max(g.x0, h.x0) > 0.2 * height):
                return True
    return False


def pull_back_overflow(slots: dict[tuple[int, int], list[Char]], object_of: ObjectOf | None,
                       owners: dict[tuple[int, int], tuple[int, int]],
                       ) -> dict[tuple[int, int], list[Char]]:
    """The grid's slots with the text that runs on moved back to the cell it starts in."""
    moving = running_on(slots, object_of, owners)
    if not moving:
        return slots
    out: dict[tuple[int, int], list[Char]] = {}
    for slot in sorted(slots):
        for ch in slots[slot]:
            out.setdefault(moving.get(ch.index, slot), []).append(ch)
    return out


def overflow_indexes(chars: Iterable[Char], slots_of: Callable[[Char], tuple[int, int] | None],
                     object_of: ObjectOf | None,
                     owners: dict[tuple[int, int], tuple[int, int]],
                     ) -> tuple[set[int], set[int]]:
    """(indexes of the chars that run on past their cell (see ``running_on``), rows holding text
    besides such runs)."""
    slots: dict[tuple[int, int], list[Char]] = {}
    for c in chars:
        slot = slots_of(c)
        if slot is not None:
            slots.setdefault(slot, []).append(c)
    moving = running_on(slots, object_of, owners)
    homes = {owners[h] for h in moving.values()}
    busy = {slot[0] for slot, cs in slots.items() if owners[slot] not in homes
            and any(c.index not in moving for c in cs)}
    return set(moving), busy
