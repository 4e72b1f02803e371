"""Column meaning on layouts of real reports, built as plain raw tables: list items in PDF
cells, sliver columns, section rows, "in place to deliver" columns, KPI section headers and
indicator cards."""

from __future__ import annotations

from councilplans.extract.model import Cell, RawTable
from councilplans.normalise.cards import _labelled_values
from councilplans.normalise.grid import mark_hard_breaks
from councilplans.normalise.headers import field_for_header, names_a_section
from councilplans.normalise.text import clean_cell
from tests.normalise.test_tables import grid, records_of

GREEN = (0.0, 0.8, 0.0)


def _pdf_cell(text: str, x0: float, x1: float, y: float = 0) -> Cell:
    return Cell(text, bbox=(x0, y, x1, y + 40))


def test_pdf_cell_lines_that_stop_short_are_list_items_and_full_ones_wrapped():
    # the densest line (a wrapped sentence) tells how much a point of width holds
    per_point = 18732 / 255
    wrapped = _pdf_cell("Give more support to those more likely to\nexperience poorer outcomes",
                        15, 270)
    listed = _pdf_cell("Children in Care Strategy – KCC\nLooked After Children project area\n"
                       "Refugee resettlement programmes", 270, 933)
    assert clean_cell(mark_hard_breaks(wrapped, per_point)) == (
        "Give more support to those more likely to experience poorer outcomes")
    assert clean_cell(mark_hard_breaks(listed, per_point)) == (
        "Children in Care Strategy – KCC\nLooked After Children project area\n"
        "Refugee resettlement programmes")
    # a line in lower case carries a sentence on, however short the line before
    assert clean_cell(mark_hard_breaks(_pdf_cell("Access to the strategies\ncan be found",
                                                 270, 933), per_point)) == (
        "Access to the strategies can be found")
    # Word cells (no box) keep today's joining
    assert clean_cell(mark_hard_breaks(Cell("Family Hubs\nSchools"), per_point)) == (
        "Family Hubs Schools")


def test_pdf_table_lists_stay_lists_and_a_row_after_a_section_row_is_a_record_of_its_own():
    rows = (
        (Cell("What we have committed to", bbox=(15, 0, 270, 20)),
         Cell("Strategies / plans in place to deliver\nLed by / responsible",
              bbox=(270, 0, 933, 20))),
        (Cell("Strive for children to be healthy", col_span=2, bbox=(15, 20, 933, 40)),
         Cell("", origin=(1, 0))),
        (_pdf_cell("Give more support to those more likely to\nexperience poorer outcomes",
                   15, 270, 40),
         _pdf_cell("Children in Care Strategy – KCC\nFamily Hubs", 270, 933, 40)),
        (Cell("Safeguarding", col_span=2, bbox=(15, 80, 933, 100)), Cell("", origin=(3, 0))),
        (_pdf_cell("", 15, 270, 100),
         _pdf_cell("Deliver Safeguarding priorities\nDeliver the Safeguarding Strategy",
                   270, 933, 100)),
    )
    result = records_of(RawTable(index=0, rows=rows, header_rows=1), fmt="pdf")
    assert [(r.section, r.action, r.output, r.lead) for r in result.records] == [
        ("Strive for children to be healthy",
         "Give more support to those more likely to experience poorer outcomes",
         "Children in Care Strategy – KCC\nFamily Hubs", None),
        ("Safeguarding", None,
         "Deliver Safeguarding priorities\nDeliver the Safeguarding Strategy", None),
    ]


def test_a_sliver_column_between_two_cell_edges_is_dropped():
    rows = (
        (Cell("Action", bbox=(0, 0, 200, 20)), Cell("Lead", col_span=2, bbox=(200, 0, 400, 20)),
         Cell("", origin=(0, 1))),
        (Cell("Reduce loneliness", bbox=(0, 20, 200, 40)), Cell("", bbox=(200, 20, 204, 40)),
         Cell("Libraries", bbox=(204, 20, 400, 40))),
        (Cell("Map services", col_span=2, bbox=(0, 40, 204, 60)), Cell("", origin=(2, 0)),
         Cell("Public Health", bbox=(204, 40, 400, 60))),
    )
    result = records_of(RawTable(index=0, rows=rows, header_rows=1), fmt="pdf")
    assert result.tables[0].mapping == {"Action": "action", "Lead": "lead"}
    assert [(r.action, r.lead) for r in result.records] == [
        ("Reduce loneliness", "Libraries"), ("Map services", "Public Health")]


def test_header_wordings_of_plans_in_place_and_of_section_names():
    assert field_for_header("Strategy / plan / Service in place to deliver") == ("output", 3)
    assert field_for_header("Pland in Place to Deliver") == ("output", 2)
    assert field_for_header("Strategies / plans in place to deliver Led by / responsible",
                            "Strategies / plans in place to deliver") == ("output", 3)
    # a wrapped header keeps its whole wording
    assert field_for_header("Target completion date", "Target") == ("timescale", 3)
    assert names_a_section("Customer Services KPIs")
    assert names_a_section("Integrated Children’s Services")
    assert not names_a_section("Key Performance Indicators")
    assert not names_a_section("Actions for partners")
    assert not names_a_section("What we will do")


def test_labelled_figures_of_a_card():
    assert _labelled_values("Target: 97%, Floor: 90%") == [("Target", "97%"), ("Floor", "90%")]
    assert _labelled_values("Target:180 Floor: 240") == [("Target", "180"), ("Floor", "240")]
    assert _labelled_values("Previous 5,473 (Amber)") == [("Previous", "5,473 (Amber)")]
    assert _labelled_values("Latest:0.04%") == [("Latest", "0.04%")]
    assert _labelled_values("Requests completed within 20 working days") == []


def test_indicator_cards_add_their_figures_to_the_summary_row_of_the_same_measure():
    summary = RawTable(index=0, rows=grid(
        ["Customer Services KPIs", "RAG rating", "DoT"],
        ["% of phone calls to Contact Point which were answered", "GREEN", "Up"],
        ["% of complaints responded to within timescale", "RED", "Same"],
    ), header_rows=1)

    def card(index: int, name: str, rag: str, latest: str, target: str) -> RawTable:
        return RawTable(index=index, rows=grid(
            [name, "", "", Cell(rag, fill=GREEN)],
            ["", "", "", ""],
            [f"Latest: {latest}", f"Target: {target}, Floor: 85%", "Previous: 89% (Amber)", ""],
        ))

    result = records_of(summary,
                        card(1, "Percentage of phone calls to Contact Point which were answered",
                             "GREEN", "94%", "90%"),
                        card(2, "Number of households helped with the cost of living",
                             "AMBER", "613", "700"), fmt="pdf")
    assert [(r.section, r.indicator, r.rag, r.actual, r.target, r.extra.get("Floor"))
            for r in result.records] == [
        ("Customer Services KPIs", "% of phone calls to Contact Point which were answered",
         "green", "94%", "90%", "85%"),
        ("Customer Services KPIs", "% of complaints responded to within timescale", "red",
         None, None, None),
        (None, "Number of households helped with the cost of living", "amber", "613", "700",
         "85%"),
    ]


def test_a_second_column_of_what_is_done_is_the_output_not_a_lost_action():
    rows = grid(
        ["What we will do", "What we will deliver", "Lead"],
        ["Train frontline staff in routine enquiry", "Training for 200 staff by March",
         "Public Health"],
    )
    result = records_of(RawTable(index=0, rows=rows, header_rows=1))
    assert result.tables[0].mapping == {"What we will do": "action",
                                        "What we will deliver": "output", "Lead": "lead"}
    assert [(r.action, r.output, r.lead) for r in result.records] == [
        ("Train frontline staff in routine enquiry", "Training for 200 staff by March",
         "Public Health")]


def _boxed(y: float, *cells: tuple[str, float, float]) -> tuple[Cell, ...]:
    return tuple(_pdf_cell(text, x0, x1, y) for text, x0, x1 in cells)


# An action column 255 points wide whose wrapped lines say how much a point holds, beside a
# narrow lead column (110 points, under forty letters a line).
_ACTION = "Give more support to those more likely to\nexperience poorer outcomes"


def _lead_table(index: int, page: int, *leads: str, action: str = _ACTION) -> RawTable:
    header = _boxed(0, ("Action", 15, 270), ("Lead", 270, 380))
    rows = [header] + [_boxed(40 * (k + 1), (action if k == 0 else "", 15, 270),
                              (lead, 270, 380)) for k, lead in enumerate(leads)]
    return RawTable(index=index, page=page, end_page=page, rows=tuple(rows),
                    row_pages=(page,) * len(rows), header_rows=1)


def test_leads_printed_one_a_line_in_a_narrow_cell_are_separate_leads_and_wrapped_ones_one():
    result = records_of(_lead_table(0, 1, "SOG\nCHOG\nHP"), fmt="pdf")
    assert [r.lead for r in result.records] == ["SOG; CHOG; HP"]
    # a name the renderer wrapped: the next word would not have fitted, or it carries on in
    # lower case
    for wrapped in ("Tri-Borough\nCommunity Safety\nCommissioning\nGroup",
                    "All Operational\ngroups", "VAWG Comms\ngroup All Groups"):
        result = records_of(_lead_table(0, 1, wrapped), fmt="pdf")
        assert [r.lead for r in result.records] == [wrapped.replace("\n", " ")]


def test_a_narrow_cell_needs_room_to_spare_before_a_line_counts_as_an_item():
    per_point = 18732 / 255
    # "SOG CHOG" takes about two thirds of the cell: a forced break
    assert clean_cell(mark_hard_breaks(_pdf_cell("SOG\nCHOG", 270, 380), per_point)) == (
        "SOG\nCHOG")
    # "Year two CHOG LSCB/FCS/EH" would not have fitted: wrapped, as far as widths tell
    assert clean_cell(mark_hard_breaks(_pdf_cell("Year two CHOG\nLSCB/FCS/EH", 270, 380),
                                       per_point)) == "Year two CHOG LSCB/FCS/EH"


def test_a_lead_cell_a_page_break_cut_is_joined_by_the_same_rule():
    # the action cell runs on overleaf; the lead under the break is a lead of its own ("R&R"
    # then "SSG"), while a lead name cut mid-way ("Community Safety" / "Group") is one
    first = _lead_table(0, 1, "R&R", action="Work closely with local family\ncourts to")
    second = _lead_table(1, 2, "SSG", action="report on their response")
    result = records_of(first, second, fmt="pdf")
    assert [(r.action, r.lead) for r in result.records] == [
        ("Work closely with local family courts to report on their response", "R&R; SSG")]
    first = _lead_table(0, 1, "Tri-Borough\nCommunity Safety",
                        action="Work closely with local family\ncourts to")
    second = _lead_table(1, 2, "Commissioning Group", action="report on their response")
    result = records_of(first, second, fmt="pdf")
    assert [r.lead for r in result.records] == [
        "Tri-Borough Community Safety Commissioning Group"]


def test_a_cell_is_measured_by_its_columns_width_not_its_pages():
    # white corridors made this page's lead column wider (106 points) than the column is over
    # the table (93): measured by the column, "Police Jason Gwillim" would not have fitted
    per_point = 107.8
    cell = _pdf_cell("Police Jason\nGwillim", 600, 705.8)
    assert clean_cell(mark_hard_breaks(cell, per_point, 93.4)) == "Police Jason Gwillim"
    assert clean_cell(mark_hard_breaks(cell, per_point)) == "Police Jason\nGwillim"
