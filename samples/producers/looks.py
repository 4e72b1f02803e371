"""Table looks as data, and the spec rewrites that change a document's layout but not its truth.

A look says how a table is painted (fills, text colours, which rules); the producers turn it
into Word borders, CSS or reportlab commands. Keeping the look producer-neutral means each
layout class is drawn the same way by every tool, so `make eval` compares readers, not styles.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

import generate
from generate import RAG_FILL, Drawn

Spec = dict[str, Any]


@dataclass(frozen=True)
class Look:
    """How a table is painted. Colours are hex RGB without '#'."""

    name: str
    rules: str = "none"  # "none", "booktabs" (horizontal rules only) or "grid" (every cell)
    header_fill: str | None = None
    header_color: str | None = None
    band_fill: str | None = None  # every other body row (zebra)
    body_fill: str | None = None  # every body cell: grids drawn as filled boxes
    section_fill: str | None = None
    section_color: str | None = None  # group/priority rows as coloured bold text
    gap: float = 0.0  # points of white between filled boxes
    frame_fill: str | None = None  # a shaded frame around the page's content
    repeat_header: bool = True  # header rows repeated on continuation pages
    caption: bool = False  # "Table N: ..." above and a source line below each plan table


BOOKTABS = Look("booktabs", rules="booktabs")
HEADER_BAND = Look("header-band", header_fill="DEEAF6", header_color="1F3864",
                   section_color="C55A11")
ZEBRA = Look("zebra", header_fill="4472C4", header_color="FFFFFF", band_fill="D9E2F3")
FILLED = Look("filled", header_fill="1F4E79", header_color="FFFFFF", body_fill="E7ECF3",
              section_fill="BDD7EE", gap=2.5)
CARDS = Look("cards", header_fill="2F5597", header_color="FFFFFF", body_fill="EEF2F7",
             section_fill="DAE3F3", gap=5.0)
PAGE_FRAME = Look("page-frame", header_fill="385723", header_color="FFFFFF", body_fill="FFFFFF",
                  section_fill="E2EFDA", gap=2.0, frame_fill="EAF1E4")
FIRST_PAGE_HEADER = Look("first-page-header", rules="grid", header_fill=generate.HEADER_FILL,
                         section_fill=generate.SECTION_FILL, repeat_header=False, caption=True)
FIRST_PAGE_BOOKTABS = Look("first-page-booktabs", rules="booktabs", repeat_header=False,
                           caption=True)
SIDEWAYS = Look("sideways", rules="grid", header_fill=generate.HEADER_FILL,
                section_fill=generate.SECTION_FILL)

_RAG_FILLS = set(RAG_FILL.values())


def styled(table: dict[str, Any], look: Look) -> Drawn:
    """``generate.drawn_table`` repainted in ``look``: same cells, spans and text."""
    header, body, widths = generate.drawn_table(table)
    for cell in (c for row in header for c in row if not c.hidden):
        cell.fill, cell.color, cell.bold = look.header_fill, look.header_color, True
    record_rows = 0
    for row in body:
        if row[0].section:
            row[0].fill, row[0].color, row[0].bold = look.section_fill, look.section_color, True
            continue
        band = look.band_fill if record_rows % 2 == 0 else None
        record_rows += 1
        for cell in row:
            if cell.covered or cell.hidden or cell.fill in _RAG_FILLS:
                continue
            cell.fill = band or look.body_fill
    return header, body, widths


def caption_text(number: int, table: dict[str, Any], spec: Spec) -> str:
    """A table's caption names its section, or the plan when group rows name the sections."""
    grouped = any("section_row" in row for row in table["rows"])
    return f"Table {number}: {spec['title'] if grouped else table.get('section') or spec['title']}"


def source_text(spec: Spec) -> str:
    orgs = ", ".join(spec.get("meta", {}).get("organisations") or []) or "the partnership"
    return (f"Source: {orgs}, {spec['title']}. Dates are those agreed by the partnership "
            "board; see the notes at the end of the plan.")


def merge_tables(spec: Spec) -> Spec:
    """One long table out of consecutive plan tables that have the same columns, each former
    table's section becoming a section row: the common "priorities as group rows" layout.

    Page breaks and headings naming a merged section go; other text between the tables moves
    above the merged table. The expected records do not change, which is checked.
    """
    out = copy.deepcopy(spec)
    blocks: list[dict[str, Any]] = []
    between: list[dict[str, Any]] = []
    into: dict[str, Any] | None = None  # the table the next matching table joins
    joined: list[dict[str, Any]] = []  # tables that took in at least one other
    for block in out["blocks"]:
        table = block.get("table")
        if not (table and table.get("plan", True)):
            (between if into is not None else blocks).append(block)
            continue
        if into is not None and _same_columns(into, table):
            at = next(i for i, b in enumerate(blocks) if b.get("table") is into)
            blocks[at:at] = [b for b in between if "page_break" not in b
                             and b.get("heading") != table.get("section")]
            if not any(t is into for t in joined):
                into["rows"] = _with_section_row(into)
                joined.append(into)
            into["rows"] += _with_section_row(table)
        else:
            blocks += [*between, block]
            into = table
        between = []
    blocks += between
    named = {r["section_row"] for t in joined for r in t["rows"] if "section_row" in r}
    out["blocks"] = [b for b in blocks if b.get("heading") not in named]
    assert generate.expected_records(out) == generate.expected_records(spec), spec["name"]
    return out


def _same_columns(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (json.dumps(a["columns"]) == json.dumps(b["columns"])
            and a.get("kind") == b.get("kind") and bool(b.get("section")))


def _with_section_row(table: dict[str, Any]) -> list[dict[str, Any]]:
    rows = table["rows"]
    if table.get("section") and not (rows and "section_row" in rows[0]):
        return [{"section_row": table["section"]}, *rows]
    return rows


def with_look(spec: Spec, look: Look) -> Spec:
    """The spec with every plan table marked to repeat its header as the look says."""
    out = copy.deepcopy(spec)
    for block in out["blocks"]:
        if "table" in block and block["table"].get("plan", True):
            block["table"]["repeat_header"] = look.repeat_header
    return out


def split_at_plan(spec: Spec) -> tuple[Spec, Spec]:
    """(the narrative, the rest from the first plan table's heading on): the plan goes on
    sideways pages, the narrative stays portrait."""
    blocks = spec["blocks"]
    k = next(i for i, b in enumerate(blocks) if "table" in b and b["table"].get("plan", True))
    for _ in range(2):  # the table's heading and the line introducing it go with it
        if k and ("heading" in blocks[k - 1] or "paragraph" in blocks[k - 1]):
            k -= 1
    rest = blocks[k:]
    while rest and "page_break" in rest[0]:
        rest = rest[1:]
    head = blocks[:k]
    while head and "page_break" in head[-1]:
        head = head[:-1]
    return {**spec, "blocks": head}, {**spec, "blocks": rest}
