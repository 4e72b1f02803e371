"""Table shapes -> records, on raw tables built as plain data (the stage's input)."""

from __future__ import annotations

from datetime import date

import pytest

from councilplans.extract.model import Cell, RawDocument, RawTable, TextBlock
from councilplans.normalise import normalise_document

GREEN = (0.0, 0.69, 0.31)


def grid(*rows: list) -> tuple[tuple[Cell, ...], ...]:
    """Rows of cells; a string is a cell, ("<", r, c) a position covered by cell (r, c)."""
    out = []
    for row in rows:
        cells = []
        for v in row:
            if isinstance(v, Cell):
                cells.append(v)
            elif isinstance(v, tuple):
                cells.append(Cell("", origin=(v[1], v[2])))
            else:
                cells.append(Cell(v))
        out.append(tuple(cells))
    return tuple(out)


def doc(*blocks, fmt="docx") -> RawDocument:
    return RawDocument(path="x", format=fmt, blocks=tuple(blocks))


def records_of(*blocks, fmt="docx"):
    return normalise_document(doc(*blocks, fmt=fmt), tag=False)


def test_section_rows_merged_key_group_rows_and_shaded_rag():
    rows = grid(
        ["Action", "Strategic Action", "Operational group with responsibility to deliver",
         "Successes & challenges of note", "RAG rating"],
        [Cell("Priority 1: Access", col_span=5), ("<", 1, 0), ("<", 1, 0), ("<", 1, 0),
         ("<", 1, 0)],
        [Cell("1.1", row_span=2), Cell("Improve awareness of services", row_span=2), "CHOG",
         "Information circulated", Cell("", row_span=2, fill=GREEN)],
        [("<", 2, 0), ("<", 2, 1), "HOG", "Presentations given", ("<", 2, 4)],
        ["1.2", "Map funding sources", "Commissioning Group", "Mapping started", "Amber"],
    )
    result = records_of(RawTable(index=0, rows=rows, header_rows=1))
    assert [(r.ref, r.section, r.action, r.lead, r.progress, r.rag) for r in result.records] == [
        ("1.1", "Priority 1: Access", "Improve awareness of services", "CHOG; HOG",
         "Information circulated\nPresentations given", "green"),
        ("1.2", "Priority 1: Access", "Map funding sources", "Commissioning Group",
         "Mapping started", "amber"),
    ]


def test_several_numbered_actions_in_one_row_each_get_their_timescale():
    rows = grid(
        ["PRIORITY AREAS", "ACTION", "BY WHEN", "LED BY"],
        ["1.3 Embed lessons.",
         "1.3.1 Continued implementation of lessons learned.\n1.3.2 Utilise national training "
         "material.", "1.3.1 Ongoing\n1.3.2 May 2013", "1.3.1"],
    )
    result = records_of(TextBlock("Objective one: To PREVENT violence", heading_level=2),
                        RawTable(index=0, rows=rows))
    got = [(r.ref, r.objective, r.action, r.timescale, r.due_date, r.lead, r.section)
           for r in result.records]
    assert got == [
        ("1.3.1", "1.3 Embed lessons.", "Continued implementation of lessons learned.",
         "Ongoing", None, None, "Objective one: To PREVENT violence"),
        ("1.3.2", "1.3 Embed lessons.", "Utilise national training material.", "May 2013",
         date(2013, 5, 31), None, "Objective one: To PREVENT violence"),
    ]


def test_row_cut_by_page_break_is_stitched_and_repeated_header_dropped():
    header = ["No.", "Action", "Timescales", "Lead Officer"]
    first = RawTable(index=0, page=1, end_page=1, row_pages=(1, 1), rows=grid(
        header, ["1.1", "Provide training to\nstatutory", "March 2025", "Training Officer"]))
    second = RawTable(index=1, page=2, end_page=2, row_pages=(2, 2, 2), rows=grid(
        header, ["", "services.", "", ""], ["1.2", "Run campaign", "Dec 2024", "Officer"]))
    result = records_of(TextBlock("Priority 1: Safety", page=1, heading_level=1), first,
                        TextBlock("12", page=1), second, fmt="pdf")
    assert [(r.ref, r.action, r.due_date, r.page) for r in result.records] == [
        ("1.1", "Provide training to statutory services.", date(2025, 3, 31), 1),
        ("1.2", "Run campaign", date(2024, 12, 31), 2),
    ]
    assert [t.merged_from for t in result.tables] == [(0, 1)]


def test_two_row_header_with_group_cells():
    rows = grid(
        [Cell("Indicator", row_span=2), Cell("Progress", col_span=2), ("<", 0, 1), "Lead"],
        [("<", 0, 0), "Q1 Update", "Q2 Update", ("<", 0, 3)],
        ["Reported rates of sexual violence", "Up 5%", "Up 7%", "Police"],
    )
    result = records_of(RawTable(index=0, rows=rows, header_rows=2))
    (rec,) = result.records
    assert (rec.kind, rec.indicator, rec.progress, rec.lead) == (
        "indicator", "Reported rates of sexual violence", "Up 5%", "Police")
    assert rec.extra == {"Q2 Update": "Up 7%"}


def test_tables_that_are_not_plans_yield_nothing():
    contents = grid(["Contents", "Page"], ["Foreword", "4"], ["Action plan", "12"])
    control = grid(["Name", "Havering VAWG Strategy"], ["Version number", "V0.3"],
                   ["Status", "Draft"])
    versions = grid(["Version", "Status", "Date", "Dissemination/Change"],
                    ["V0.1", "Initial Draft", "Sep-14", "Internal"])
    rag_counts = grid(["RAG Status", "Access", "Response", "Total"], ["GREEN", "5", "6", "24"],
                      ["AMBER", "3", "2", "15"])
    result = records_of(*(RawTable(index=i, rows=t) for i, t in
                          enumerate([contents, control, versions, rag_counts])))
    assert result.records == ()
    assert [t.is_plan for t in result.tables] == [False] * 4


def test_short_bold_line_before_a_table_is_its_section():
    table = RawTable(0, grid(["Action", "Lead"], ["Run a perpetrator programme", "Probation"]))
    recs = records_of(
        TextBlock("1. Introduction", heading_level=1),
        TextBlock("Reducing reoffending", bold=True),
        table,
    )
    assert [r.section for r in recs.records] == ["Reducing reoffending"]
    # a bold sentence is emphasis, not a heading
    recs = records_of(TextBlock("1. Introduction", heading_level=1),
                      TextBlock("All partners signed the protocol.", bold=True), table)
    assert [r.section for r in recs.records] == ["1. Introduction"]


def test_continuation_without_its_header_after_a_page_title_is_the_same_table():
    """Page 2 repeats no header and the extractor drew its columns at other boundaries; page 3
    comes after a running title: their rows still join the table, each under its column."""
    def cell(text, x0, x1):
        return Cell(text, bbox=(x0, 100, x1, 120))

    first = RawTable(index=0, page=1, end_page=1, row_pages=(1, 1), rows=(
        (cell("Ref", 40, 100), cell("Action", 100, 300), cell("Lead", 300, 420),
         cell("Timescale", 420, 520)),
        (cell("1.1", 40, 100), cell("Train staff", 100, 300), cell("Police", 300, 420),
         cell("March 2025", 420, 520)),
    ))
    second = RawTable(index=1, page=2, end_page=2, row_pages=(2,), rows=(
        (cell("1.2", 40, 130), cell("Run a campaign", 130, 300), cell("Council", 300, 380),
         cell("", 380, 420), cell("Dec 24", 420, 520)),
    ))
    third = RawTable(index=2, page=3, end_page=3, row_pages=(3,), rows=(
        (cell("1.3", 40, 100), cell("Audit cases", 100, 300), cell("Probation", 300, 420),
         cell("Q3 2025/26", 420, 520)),
    ))
    result = records_of(first, second, TextBlock("Action plan", page=3, bold=True, size=14),
                        third, fmt="pdf")
    assert [(r.ref, r.action, r.lead, r.timescale, r.page) for r in result.records] == [
        ("1.1", "Train staff", "Police", "March 2025", 1),
        ("1.2", "Run a campaign", "Council", "Dec 24", 2),
        ("1.3", "Audit cases", "Probation", "Q3 2025/26", 3),
    ]
    assert [t.merged_from for t in result.tables] == [(0, 1, 2)]


def test_rows_listing_what_a_row_announced_are_its_items_not_records():
    rows = grid(
        ["Ref", "Action", "Lead"],
        ["1.1", "Set up a multi-agency hub. Services involved include:", "Council"],
        ["", "Housing", ""],
        ["", "Police", ""],
        ["", "Health visitors", ""],
        ["1.2", "Publish the annual report", "Council"],
    )
    for fmt in ("docx", "pdf"):
        result = records_of(RawTable(index=0, rows=rows), fmt=fmt)
        assert [(r.ref, r.action, r.lead) for r in result.records] == [
            ("1.1", "Set up a multi-agency hub. Services involved include:\n• Housing\n"
                    "• Police\n• Health visitors", "Council"),
            ("1.2", "Publish the annual report", "Council"),
        ]


def test_lines_of_a_cell_under_a_colon_stay_a_list():
    rows = grid(["Action", "Lead"],
                ["Fund refuges in:\nBarking\nDagenham", "Housing"])
    (rec,) = records_of(RawTable(index=0, rows=rows)).records
    assert rec.action == "Fund refuges in:\n• Barking\n• Dagenham"


def test_a_tables_caption_names_its_section_before_the_page_title():
    table = RawTable(0, grid(["Action", "Lead"], ["Run a perpetrator programme", "Probation"]))
    recs = records_of(TextBlock("Appendix B", heading_level=1),
                      TextBlock("Table 9: Priority 2 – Safer streets"), table)
    assert [r.section for r in recs.records] == ["Priority 2 – Safer streets"]


def test_row_cut_after_a_dangling_ref_list_and_its_merged_objective_read_whole():
    """The break cut a row whose refs end "5 –" and its objective merged over the rows below:
    the next page's first row (capitalised) is still its rest, and the rows under the
    objective's continuation read the whole objective."""
    header = ["Corporate goal and strategic outcome", "Strategy Objective", "Project/Action",
              "Lead Agency"]
    first = RawTable(index=0, page=1, end_page=1, row_pages=(1, 1), rows=grid(
        header, ["1 – 1.2 5 –", "Protect victims and\nenforce against", "Utilise the Offender",
                 "Community"]))
    second = RawTable(index=1, page=2, end_page=2, row_pages=(2, 2, 2), rows=(
        (Cell("5.5"), Cell("perpetrators", row_span=3), Cell("Management Panel."),
         Cell("Safety Partnership")),
        (Cell("1 – 1.2"), Cell("", origin=(0, 1)), Cell("Improve prosecutions."), Cell("CPS")),
        (Cell("1 – 1.2"), Cell("", origin=(0, 1)), Cell("Provide treatment."), Cell("NHS")),
    ))
    result = records_of(first, second, fmt="pdf")
    objective = "Protect victims and enforce against perpetrators"
    assert [(r.objective, r.action, r.lead) for r in result.records] == [
        (objective, "Utilise the Offender Management Panel.", "Community Safety Partnership"),
        (objective, "Improve prosecutions.", "CPS"),
        (objective, "Provide treatment.", "NHS"),
    ]


def test_row_cut_mid_objective_under_a_repeated_header_is_one_row():
    """The break cut a row mid-way through its objective ("4.3 To improve cross sector" |
    "information sharing" overleaf), and the next page's part of its measure starts with a
    capital: the lower-case rest of the first cell says the row goes on. A row numbered in
    roman numerals ("ii) ...") is a row of its own."""
    header = ["PRIORITY AREAS", "SUCCESS MEASURES", "BY WHEN", "LED BY"]
    first = RawTable(index=0, page=1, end_page=1, row_pages=(1, 1), rows=grid(
        header, ["4.3 To improve cross sector", "4.3.1 The establishment of a\nlocal Multi-Agency",
                 "4.3.1 March 2014", ""]))
    second = RawTable(index=1, page=2, end_page=2, row_pages=(2, 2, 2), rows=grid(
        header, ["information sharing", "Safeguarding Hub (MASH).\n\n4.3.2 Established referral"
                 " pathway.", "4.3.2 March 2014", ""],
        ["4.4 Develop and deliver targeted work plans", "4.4.1 Evidence of a plan.",
         "4.4.1 March 2015", ""]))
    result = records_of(first, second, fmt="pdf")
    assert [(r.ref, r.objective, r.indicator, r.timescale) for r in result.records] == [
        ("4.3.1", "4.3 To improve cross sector information sharing",
         "The establishment of a local Multi-Agency Safeguarding Hub (MASH).", "March 2014"),
        ("4.3.2", "4.3 To improve cross sector information sharing",
         "Established referral pathway.", "March 2014"),
        ("4.4.1", "4.4 Develop and deliver targeted work plans", "Evidence of a plan.",
         "March 2015"),
    ]


def test_first_cell_carrying_words_on_past_a_break() -> None:
    from councilplans.normalise.records import _carries_words_on

    assert _carries_words_on("information sharing", "4.3 To improve cross sector")
    assert not _carries_words_on("information sharing", "4.3 To share information.")
    assert not _carries_words_on("ii) Train staff", "i) Map services")
    assert not _carries_words_on("iv Train staff", "iii Map services")
    assert not _carries_words_on("sharing", "4.3 To improve cross sector")


@pytest.mark.parametrize(("first", "carries"), [
    ("information sharing", True), ("civil society partners", True), ("mid year review", True),
    ("ii improve the offer", False), ("iv support", False), ("xii review", False),
    ("Information sharing", False), ("sharing", False)])
def test_a_cut_row_carries_on_lower_case_words_not_roman_numbers(first, carries):
    from councilplans.normalise.records import _carries_words_on

    assert _carries_words_on(first, "4.3 To improve cross sector") is carries


def test_a_cell_spanning_only_ghost_columns_keeps_its_text() -> None:
    """Columns with no one-column cell of text are dropped as slivers, but not all the
    columns of a cell that holds text: its figure would vanish from the grid."""
    from councilplans.normalise.grid import table_to_grid
    from councilplans.normalise.stitch import LogicalTable

    box = (0.0, 0.0, 10.0, 10.0)
    rows = (
        (Cell("Percentage of repairs done in time", bbox=box, col_span=2), Cell("", origin=(0, 0)),
         Cell("AMBER", bbox=box, col_span=2), Cell("", origin=(0, 2))),
        (Cell("Latest: 89%", bbox=box), Cell("Target: 90%", bbox=box),
         Cell("Previous: 91% (Green)", bbox=box, col_span=2), Cell("", origin=(1, 2))),
    )
    grid = table_to_grid(LogicalTable(index=0, rows=list(rows), row_pages=[1, 1], header_rows=0,
                                      context=(), section=None, page=1))
    assert [list(r) for r in grid.text] == [
        ["Percentage of repairs done in time", "Percentage of repairs done in time", "AMBER"],
        ["Latest: 89%", "Target: 90%", "Previous: 91% (Green)"]]
