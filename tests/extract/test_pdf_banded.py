"""Zebra-banded tables of the older sample variants (LibreOffice and reportlab): exact grids.

Each test pins one way a banded table loses rows: the rest of a row a page broke, under the
repeated header, in one column only; the white row after the last band running on across
the table's own paragraph spacing, or holding only its number; two group cells of a tinted
column painted one above the other; a white row under a band, and a header repeated down the
page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from councilplans.extract.model import RawDocument, RawTable
from councilplans.extract.pdf import pdf_to_document
from councilplans.extract.pdf_page import Fill, coalesce_fills

VARIANTS = Path(__file__).resolve().parents[2] / "samples" / "variants"


def _page(name: str, page: int) -> RawTable:
    path = VARIANTS / f"{name}.pdf"
    if not path.is_file():
        pytest.skip(f"{path} not generated")
    doc: RawDocument = pdf_to_document(path)
    (table,) = [t for t in doc.tables if t.page == page]
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
