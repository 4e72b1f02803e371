"""Zebra-banded tables of the older sample variants (LibreOffice and reportlab): exact grids.

Each test pins one way a banded table loses rows: the rest of a row a page broke, under the
repeated header, in one column only; the white row after the last band running on across
the table's own paragraph spacing, or holding only its number; two group cells of a tinted
column painted one above the other; a white row under a band, and a header repeated down the
page.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from councilplans.extract.model import RawDocument, RawTable
from councilplans.extract.pdf import pdf_to_document
from councilplans.extract.pdf_bands import _pieces
from councilplans.extract.pdf_page import Fill, coalesce_fills

VARIANTS = Path(__file__).resolve().parents[2] / "samples" / "variants"


@cache
def _document(name: str) -> RawDocument:
    return pdf_to_document(VARIANTS / f"{name}.pdf")


def _page(name: str, page: int) -> RawTable:
    path = VARIANTS / f"{name}.pdf"
    if not path.is_file():
        pytest.skip(f"{path} not generated")
    (table,) = [t for t in _document(name).tables if t.page == page]
    return table


def test_rest_of_a_broken_row_in_one_column_under_the_repeated_header() -> None:
    """LibreOffice, page 5: under the repeated header a white row holds only the end of the
    outcome the break cut; it is a row of the table, not text between two tables."""
    table = _page("lbth_vawg_action_plan_2024-banded", 5)
    assert [r[0] for r in table.texts()] == ["No.", "", "1.7", "1.8", "1.9"]
    assert table.texts()[1] == ["", "", "", "domestic abuse,\nleading to greater\nstability",
                                "", ""]


def test_tall_rest_of_a_broken_row_above_the_first_band() -> None:
    """The rest of a row may be taller than any white row between two bands (three numbered
    actions here); under a repeated header it is still one row, beside the merged cells."""
    table = _page("bd_dsv_delivery_plan-banded", 6)
    texts = table.texts()
    assert (table.n_rows, table.n_cols) == (5, 4)
    assert texts[1][0] == "" and texts[1][2:] == ["", ""]
    assert texts[1][1].startswith("leadership around challenging\nsome 'cultural'")
    assert "\n1.4.4 Explore local model of\n" in texts[1][1]
    assert texts[1][1].endswith("around domestic and sexual\nviolence.")
    assert [r[0].split("\n")[0] for r in texts[2:]] == [
        "1.5 Learn from the Specialists.", "", "1.6 Prevent future victimisation"]
    assert table.rows[3][0].origin == (2, 0)


def test_white_row_after_the_last_band_spans_paragraph_spacing() -> None:
    """The last white row of page 5 runs to the foot of the page across the blank line
    between its numbered actions, as wide as the blank lines inside the bands' cells."""
    table = _page("bd_dsv_delivery_plan-banded", 5)
    last = table.texts()[-1]
    assert last[0].startswith("1.4 Cultivate community")
    assert last[1].endswith("1.4.3 Establish links to Faith\nForum to seek appropriate")
    assert last[2] == "1.4.1\n1.4.2 Annual\n1.4.3\n1.4.4\n1.4.5 September 2013"


def test_numbered_row_left_empty_after_the_last_band() -> None:
    table = _page("lbth_vawg_action_plan_2024-banded", 23)
    assert [r[0] for r in table.texts()] == ["No.", "", "2.26"]
    assert table.texts()[2][1:] == [""] * 5


def test_group_cells_of_one_tint_stacked_in_a_column_stay_two_cells() -> None:
    """Priority 4.1 and 4.2 are two cells of the same tint, touching: the seam between their
    fills is a cell boundary, not a cell merged down the whole table."""
    table = _page("bd_dsv_delivery_plan-banded", 10)
    firsts = [(r, table.rows[r][0].text.split("\n")[0], table.rows[r][0].row_span)
              for r in range(1, table.n_rows) if table.rows[r][0].origin is None]
    assert firsts == [(1, "4.1 To increase local", 6), (7, "4.2 To deliver services that are", 3),
                      (10, "4.3 To improve cross sector", 1)]


def test_white_row_under_a_band_and_a_header_repeated_down_the_page() -> None:
    """reportlab, page 9: the white row under the first band is a row of its own (its first
    line starts well below the band's lowest text in every column), and the header repeated
    further down neither joins the row under it nor carries its cells into it."""
    table = _page("havering_vawg_strategy-banded-rl", 9)
    texts = table.texts()
    assert (table.n_rows, table.n_cols) == (5, 8)
    assert [r[2].split()[0] for r in texts] == [
        "Project/Action", "Integrate", "Continue", "Project/Action", "Domestic"]
    assert texts[3] == texts[0]
    assert texts[2][1] == "Provision of\nintervention\nservices"
    assert texts[4][1] == "" and table.rows[4][1].origin is None


def test_stacked_fills_join_only_as_gradient_strips() -> None:
    tint = (0.87, 0.92, 0.97)
    cells = [Fill(46, 134, 173, 522, tint, 1), Fill(46, 522, 173, 710, tint, 2)]
    assert [(f.top, f.bottom) for f in coalesce_fills(cells)] == [(134, 522), (522, 710)]
    strips = [Fill(0, 10 + 2 * k, 100, 12 + 2 * k, (0.5, 0.5, 0.5 + 0.01 * k), k)
              for k in range(5)]
    assert [(f.top, f.bottom) for f in coalesce_fills(strips)] == [(10, 20)]


# --- tri-borough annual report, LibreOffice: sub-rows tinted beside merged cells ------------

TRIB = "triborough_vawg_annual_report-banded"


def _shape(table: RawTable) -> list[tuple[str, str]]:
    """Each row's ref and operational group, first line; '^' for a cell merged from above."""
    return [tuple("^" if cell.origin is not None else cell.text.split("\n")[0]
                  for cell in row[:3:2]) for row in table.rows[1:]]


def test_sub_row_bands_in_overlapping_pieces_join_the_table() -> None:
    """Page 28: LibreOffice paints each tinted cell and again each pair of neighbours, so a
    sub-row's band beside the merged ref and action comes in overlapping pieces, with the RAG
    column left white between them. Read as one band, the page is one table: 5.4 (ii) to
    (vi), each sub-row beside its record's merged cells (5.4 (iii)-(vi) were lost)."""
    table = _page(TRIB, 28)
    assert (table.n_rows, table.n_cols) == (9, 6)
    assert _shape(table) == [("", ""), ("5.4 (ii)", "CHOG"), ("^", "R&R"), ("5.4 (iii)", "HP"),
                             ("5.4 (iv)", "Tri-Borough Community"), ("^", "HP"),
                             ("5.4 (v)", "All Operational groups"), ("5.4 (vi)", "R&R")]
    assert table.texts()[1][1] == "monitoring."
    assert table.texts()[3][5].startswith("Review exercise in police")
    assert table.texts()[8][5].endswith("others as\nthey are completed.")


def test_white_row_after_a_sub_row_band_in_pieces() -> None:
    """Page 29: the white row 6.2 under 6.1's second sub-row (tinted in two pieces) is the
    table's last row, not text after it."""
    table = _page(TRIB, 29)
    assert _shape(table) == [("", ""), ("5.4 (vii)", "CHOG"), ("Priority 6: Perpetrators", ""),
                             ("6.1", "S&G"), ("^", "VAWG Comms group"),
                             ("6.2", "All Operational groups")]
    assert table.texts()[6][3].endswith("to better equip front line\nstaff with the skills to\n"
                                        "respond appropriately to")


def test_sub_row_band_short_of_both_edges_carries_the_rag_down() -> None:
    """Page 10: 1.7's second sub-row is tinted in its group and progress columns only; the
    RAG rating and the actions beside it are 1.7's cells merged down, not an empty row."""
    table = _page(TRIB, 10)
    assert _shape(table)[-2:] == [("1.7", "SSG"), ("^", "HP")]
    assert table.texts()[3][4] == "Green" and table.rows[4][4].origin == (3, 4)
    assert table.texts()[4][3].startswith("A series of community")


def test_lone_sub_row_bands_under_the_header_are_rows() -> None:
    """Page 27: bands tinted in one piece over the group and progress columns, some holding
    one word only (LSCB), are sub-rows of the merged 5.3 and 5.4 (i)."""
    table = _page(TRIB, 27)
    assert _shape(table) == [("5.3", "CHOG"), ("^", "LSCB"), ("^", "SSG"), ("^", "HOG"),
                             ("5.4 (i)", "CHOG"), ("^", "LSCB QA")]


def test_merged_cell_running_past_a_sub_row_band_into_the_white_row() -> None:
    """Page 26: 5.2 (v)'s action runs on past its LSCB/FCS/EH sub-row band into the white
    row below, where the SOG sub-row starts afresh: one cell, three sub-rows."""
    table = _page(TRIB, 26)
    texts = table.texts()
    assert _shape(table)[2:5] == [("5.2 (v)", "Year two CHOG"), ("^", "LSCB/FCS/EH"),
                                  ("", "SOG")]
    assert table.rows[3][1].row_span == 3 and table.rows[5][1].origin == (3, 1)
    assert texts[3][1].endswith("VAWG support.")
    assert texts[5][3].startswith("Talking Without Fear")


def test_overlapping_pieces_of_a_band_are_one_tint() -> None:
    tint = (0.87, 0.92, 0.97)
    row = [Fill(620.6, 160.5, 735.5, 227, tint, 11), Fill(275.6, 160.5, 390.5, 227, tint, 9),
           Fill(275.6, 160.5, 505.5, 227, tint, 32), Fill(390.6, 160.5, 505.5, 227, tint, 33),
           Fill(620.6, 160.5, 735.5, 227, tint, 34)]
    assert [(f.x0, f.x1) for f in _pieces(row)] == [(275.6, 505.5), (620.6, 735.5)]


def test_rest_of_a_broken_row_filling_a_page_under_its_header() -> None:
    """Pages 19 and 20 hold only the header and the rest of 3.1's progress, a bulleted list
    in one column that the page broke twice: a row of the table, not text between tables."""
    for page, first in ((19, "Council\n• 22 September: Shared"), (20, "releasing for the one")):
        table = _page(TRIB, page)
        assert table.n_rows == 2
        assert table.texts()[1][:3] == ["", "", ""] and table.texts()[1][4:] == ["", ""]
        assert table.texts()[1][3].startswith(first)
