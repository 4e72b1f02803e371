"""reportlab drawings of the layout classes: rules only, grids as filled boxes (optionally in a
shaded page frame), header on the first page only, and plans on sideways pages (/Rotate).

Rows may split across pages (``splitInRow``), as in ``generate.build_reportlab``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import generate
from generate import RL_MARGIN_CM, DrawnCell, RlStyles

from producers.looks import Look, Spec, caption_text, source_text, split_at_plan, styled

_TOP_RULE, _HEADER_RULE, _ROW_RULE = 1.2, 0.7, 0.35


def _box(fill: str, gap: float, top: bool, bottom: bool):
    """A BACKGROUND callable: the cell as a filled box, ``gap`` points inside its edges, except
    where a vertically merged cell continues (no top or no bottom gap), so a merge stays one
    box. No line objects: the white between boxes is all that separates cells."""
    from reportlab.lib import colors

    def draw(_table, canv, x0, y0, w, h) -> None:
        if h < 0:  # reportlab gives the top edge and a negative height
            y0, h = y0 + h, -h
        g = gap / 2
        lo = y0 + (g if bottom else 0)
        hi = y0 + h - (g if top else 0)
        canv.setFillColor(colors.HexColor("#" + fill))
        canv.rect(x0 + g, lo, w - 2 * g, hi - lo, stroke=0, fill=1)

    return draw


def _merge_ends(body: list[list[DrawnCell]]) -> dict[tuple[int, int], tuple[bool, bool]]:
    """(row, col) -> (starts a box, ends a box) for body cells inside vertical merges."""
    ends: dict[tuple[int, int], tuple[bool, bool]] = {}
    for r, row in enumerate(body):
        for c, cell in enumerate(row):
            if cell.row_span > 1:
                last = r + cell.row_span - 1
                for k in range(r, last + 1):
                    ends[(k, c)] = (k == r, k == last)
    return ends


def rl_table(table: dict[str, Any], look: Look, st: RlStyles, usable: float,
             caption: str | None = None, source: str | None = None) -> list:
    """The table's flowables in ``look`` (plus its caption and source line when given)."""
    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer, Table

    header, body, widths = styled(table, look)
    grid = header + body
    scale = usable / sum(widths)
    ends = _merge_ends(body)
    black, grey = colors.black, colors.HexColor("#7F7F7F")
    cmds: list = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if look.gap:
        cmds += [("TOPPADDING", (0, 0), (-1, -1), 3 + look.gap / 2),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 3 + look.gap / 2)]
    if look.rules == "none" and not look.gap:  # white space alone keeps the rows apart
        cmds.append(("BOTTOMPADDING", (0, len(header)), (-1, -1), 8))
    if look.rules == "booktabs":
        cmds += [("LINEABOVE", (0, 0), (-1, 0), _TOP_RULE, black),
                 ("LINEBELOW", (0, len(header) - 1), (-1, len(header) - 1), _HEADER_RULE, black),
                 ("LINEBELOW", (0, -1), (-1, -1), _TOP_RULE, black)]
    elif look.rules == "grid":
        cmds.append(("BOX", (0, 0), (-1, -1), 0.5, black))
    data = []
    for r, drawn_row in enumerate(grid):
        data.append([generate.rl_cell_flow(d, st) if not (d.hidden or d.covered) else ""
                     for d in drawn_row])
        b = r - len(header)
        for c, d in enumerate(drawn_row):
            if d.col_span > 1:
                cmds.append(("SPAN", (c, r), (c + d.col_span - 1, r)))
            if d.covered:  # a merged cell's box runs on over the rows it covers
                top = next(k for k in range(b, -1, -1) if not body[k][c].covered)
                d = body[top][c]
            if d.fill and look.gap:
                first, last = ends.get((b, c), (True, True))
                cmds.append(("BACKGROUND", (c, r), (c, r), _box(d.fill, look.gap, first, last)))
            elif d.fill and not drawn_row[c].covered:
                cmds.append(("BACKGROUND", (c, r), (c, r), colors.HexColor("#" + d.fill)))
            if look.rules == "grid" and c and not d.hidden:
                cmds.append(("LINEBEFORE", (c, r), (c, r), 0.5, black))
            covered = drawn_row[c].covered
            if look.rules == "grid" and r and not covered:
                cmds.append(("LINEABOVE", (c, r), (c, r), 0.5, black))
            if look.rules == "booktabs" and b > 0 and not covered:
                cmds.append(("LINEABOVE", (c, r), (c, r), _ROW_RULE, grey))
    flow: list = []
    if caption:
        flow.append(Paragraph(caption, st.bold))
        flow.append(Spacer(1, 0.15 * cm))
    flow.append(Table(data, colWidths=[w * scale for w in widths], style=cmds,
                      repeatRows=len(header) if table.get("repeat_header") else 0,
                      splitInRow=1))
    if source:
        flow.append(Spacer(1, 0.15 * cm))
        flow.append(Paragraph(source, st.body))
    flow.append(Spacer(1, 0.4 * cm))
    return flow


def build(spec: Spec, look: Look, path: Path, rotation: int = 0) -> None:
    """``path``: the spec drawn in ``look``. ``rotation`` 90 or 270 puts the plan tables on
    landscape pages stored as portrait pages with that /Rotate: the content is drawn turned
    the other way, so a viewer that honours /Rotate shows it upright."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak
    from reportlab.platypus import PageTemplate as Template

    margin = RL_MARGIN_CM * cm
    st = generate.rl_styles()
    plan_page = landscape(A4) if spec.get("landscape") or rotation else A4
    text_page = A4 if rotation else plan_page
    numbers = iter(range(1, 1000))

    def make_table(table: dict[str, Any]) -> list:
        usable = plan_page[0] - 2 * margin
        if not table.get("plan", True):
            usable = text_page[0] - 2 * margin
            return rl_table(table, _without_caption(look), st, usable)
        n = next(numbers)
        return rl_table(table, look, st, usable,
                        caption_text(n, table, spec) if look.caption else None,
                        source_text(spec) if look.caption else None)

    def frame_page(canv, _doc) -> None:
        if look.frame_fill:
            from reportlab.lib import colors

            canv.saveState()
            canv.setFillColor(colors.HexColor("#" + look.frame_fill))
            w, h = plan_page
            canv.roundRect(margin / 2, margin / 2, w - margin, h - margin, 12, stroke=0,
                           fill=1)
            canv.restoreState()

    def turn_page(canv, doc) -> None:
        if rotation == 90:  # (x, y) -> (595 - y, x): a quarter turn anticlockwise
            canv.translate(A4[0], 0)
            canv.rotate(90)
        else:  # (x, y) -> (y, 842 - x): a quarter turn clockwise
            canv.translate(0, A4[1])
            canv.rotate(-90)
        frame_page(canv, doc)

    def frame(page) -> Frame:
        return Frame(margin, margin, page[0] - 2 * margin, page[1] - 2 * margin, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    doc = BaseDocTemplate(str(path), pagesize=text_page, title=spec["title"],
                          author="councilplans sample generator", invariant=1)
    templates = [Template("text", [frame(text_page)], onPage=frame_page, pagesize=text_page)]
    if rotation:
        # reportlab writes a /Rotate 90 or 270 page's MediaBox with width and height swapped,
        # so the landscape size here stores a portrait MediaBox, as a rotated scan has.
        turned = Template("plan", [frame(plan_page)], onPage=turn_page, pagesize=plan_page)
        turned.rotation = rotation
        templates.append(turned)
        text, plan = split_at_plan(spec)
        story = (generate.rl_story(text, st, make_table) + [NextPageTemplate("plan"), PageBreak()]
                 + generate.rl_story(plan, st, make_table))
    else:
        story = generate.rl_story(spec, st, make_table)
    doc.addPageTemplates(templates)
    doc.build(story)


def _without_caption(look: Look) -> Look:
    """Non-plan tables (contents, version history) keep the document's look, without the
    caption and source line that number the plan tables."""
    from dataclasses import replace

    return replace(look, caption=False)
