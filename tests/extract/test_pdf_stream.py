"""White-space ("plain") tables: no rules, no fill, the header row in bold.

Exact grids out of the older plain variants of the seed documents (``samples/variants``), as
LibreOffice prints them from Word tables with their borders switched off: a row is a visual
row, never a text line, and a page break cuts a row without losing its rest.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from councilplans.extract.model import RawDocument, RawTable
from councilplans.extract.pdf import pdf_to_document

VARIANTS = Path(__file__).resolve().parents[2] / "samples" / "variants"

HAVERING_HEADER = [
    "Corporate goal\nand strategic\noutcome", "Strategy Objective", "Project/Action", "Outcomes",
    "Resources", "Timescale", "Lead Agency /\nIndividual", "Impact on other\nServices and\n"
    "Organisation"]
KPI_HEADER = ["Ref.", "Description", "2013/14 Outturn (End-of-year)", "2014/15 Target",
              "Link to Corporate goal and\nStrategic outcome"]
TRIBOROUGH_HEADER = ["Action", "Strategic Action", "Operational group with\nresponsibility to "
                     "deliver", "Successes & challenges\nof note", "RAG rating",
                     "Actions for 2016/17"]


@cache
def _variant(name: str) -> RawDocument:
    path = VARIANTS / f"{name}.pdf"
    if not path.is_file():
        pytest.skip(f"{path} not generated")
    return pdf_to_document(path)


def _on(name: str, page: int) -> list[RawTable]:
    return [t for t in _variant(name).tables if t.page == page]


def test_a_bold_header_wrapped_over_three_lines_is_one_row() -> None:
    """Header cells of three lines over rows whose cells wrap at the same pitch: the bold
    lines close under the first are the header, not a first row of the body."""
    (table,) = _on("havering_vawg_strategy-plain", 7)
    assert table.texts()[0] == HAVERING_HEADER
    assert [r[0] for r in table.texts()[1:]] == ["1 – 1.2", "1 – 1.2 3 – 3.1 5 –\n5.1, 5.5"]


def test_a_header_cell_over_an_empty_column_keeps_its_neighbour_whole() -> None:
    """The body leaves the strategy objective column empty on this page: its header cell
    names the column, and the cut left of it clears the header words beside it."""
    (table,) = _on("havering_vawg_strategy-plain", 17)
    assert table.texts()[0] == HAVERING_HEADER
    assert table.texts()[2][:2] == ["1 – 1.2", ""]


def test_a_kpi_table_under_a_bold_header_with_its_figures_not_in() -> None:
    """A bold header naming five columns over rows that fill two: a table, also on the page
    where it holds a single row."""
    assert [t.texts() for t in _on("havering_vawg_strategy-plain", 21)][1] == [
        KPI_HEADER, ["Met Police", "Repeat victimisation rate", "", "", ""]]
    (table,) = _on("havering_vawg_strategy-plain", 22)
    assert table.texts() == [
        KPI_HEADER,
        ["Met Police", "% of Identified repeat victims\nreferred to MARAC", "", "", ""],
        ["MARAC", "Number of cases referred to\nMARAC", "", "", ""],
    ]


def test_a_page_holding_only_the_rest_of_one_cell_under_the_header() -> None:
    """A progress cell that runs over a whole page: the repeated header and that one column
    of text are the table's next fragment, its first cell empty, so the rest joins its row."""
    (table,) = _on("triborough_vawg_annual_report-plain", 13)
    assert table.texts()[0] == TRIBOROUGH_HEADER
    assert table.n_rows == 2
    rest = table.texts()[1]
    assert rest[:3] == ["", "", ""] and rest[4:] == ["", ""]
    assert rest[3].startswith("(696) , and the other\nnumbers for types of\n")


def test_a_sub_row_beside_cells_running_on() -> None:
    """A lead and its progress starting together beside an action that runs on: a sub-row,
    the action one cell over both."""
    (table,) = [t for t in _on("triborough_vawg_annual_report-plain", 11)]
    assert table.texts()[0] == TRIBOROUGH_HEADER
    assert [r[0] for r in table.texts()] == ["Action", "1.8", "Priority 2: Response", "2.1", ""]
    assert [r[2] for r in table.texts()[3:]] == ["CHOG", "HOG"]
    assert table.rows[3][1].row_span == 2 and table.rows[4][1].origin == (3, 1)
    assert table.texts()[4][3].startswith("This was done at the away\nday meeting of the HOG")


def test_paragraphs_of_one_cell_stay_in_their_row() -> None:
    """Numbered actions as paragraphs of one cell, their dates paragraphs of the next: one
    row (the numbers pair them up later), while a row starting afresh in two columns at once
    is a row of its own."""
    (table,) = _on("bd_dsv_delivery_plan-plain", 5)
    texts = table.texts()
    assert [r[2] for r in texts] == [
        "BY WHEN", "1.1.2 March 2015", "1.2.1 December 2014", "1.3.1 Ongoing\n1.3.2 May 2013",
        "1.4.1\n1.4.2 Annual\n1.4.3\n1.4.4\n1.4.5 September 2013"]
    action = texts[3][1]
    assert action.startswith("1.3.1 Continued\n")
    assert "\n1.3.2 Utilise existing national\n" in action
    (table,) = _on("bd_dsv_delivery_plan-plain", 6)
    assert [(r[0][:5], r[1][:5], r[2]) for r in table.texts()[1:]] == [
        ("", "leade", ""), ("1.5 L", "1.5.1", "1.5.1"), ("", "1.5.2", "1.5.2 Ongoing"),
        ("1.6 P", "1.6.1", "1.6.1\n1.6.2 March 2014")]
