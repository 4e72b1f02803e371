"""The six common table layouts of issue 9, each drawn by reportlab as a real PDF: exact grids.

Every layout carries the same small plan: a header, a group row spanning the table, and rows
whose action wraps over several lines (one of them six), so a test fails as soon as a row is
read as text lines, the header falls outside the table, or a wrapped cell is cut.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from councilplans.extract.model import RawDocument, RawTable
from councilplans.extract.pdf import pdf_to_document

STYLES = getSampleStyleSheet()
BODY = ParagraphStyle("cell", parent=STYLES["BodyText"], fontSize=9, leading=11)
HEAD = ParagraphStyle("head", parent=BODY, fontName="Helvetica-Bold")
GROUP = ParagraphStyle("group", parent=HEAD, textColor=colors.Color(0.1, 0.3, 0.6))

HEADER = ["Ref", "Action", "Lead", "Timescale"]
LONG = ("Work with schools, youth services and the voluntary sector to deliver a programme "
        "of healthy relationships sessions in every secondary school in the borough, with "
        "follow-up support for pupils who disclose abuse and training for the staff who "
        "receive those disclosures")
ROWS = [
    ["1.1", "Publish a new domestic abuse strategy", "Community Safety", "March 2025"],
    ["1.2", LONG, "Children's Services", "2025/26"],
    ["1.3", "Review the referral pathway with health partners and the police",
     "Public Health", "Ongoing"],
    ["2.1", "Train front-line housing officers", "Housing", "Q3 2025/26"],
    ["2.2", "Set up a survivors' forum that meets every quarter", "Voluntary sector",
     "June 2025"],
]
GROUP_ROW = "Priority 2: Housing and homelessness"
WIDTHS = [40, 190, 110, 80]


def _data() -> list[list]:
    rows = [[Paragraph(t, BODY) for t in r] for r in ROWS]
    head = [[Paragraph(h, HEAD) for h in HEADER]]
    return head + rows[:3] + [[Paragraph(GROUP_ROW, GROUP), "", "", ""]] + rows[3:]


EXPECTED = [HEADER, *ROWS[:3], [GROUP_ROW, "", "", ""], *ROWS[3:]]


def _flat(table: RawTable) -> list[list[str]]:
    """Cell texts with wrapped lines joined by a space, covered slots as ""."""
    return [[" ".join(c.text.split()) for c in row] for row in table.rows]


def _build(path: Path, story: list, pagesize=A4) -> RawDocument:
    SimpleDocTemplate(str(path), pagesize=pagesize, topMargin=50, bottomMargin=50).build(story)
    return pdf_to_document(path)


def _styled(style: list) -> Table:
    table = Table(_data(), colWidths=WIDTHS, repeatRows=0)
    base = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("SPAN", (0, 4), (-1, 4))]
    table.setStyle(TableStyle(base + style))
    return table


def _assert_plan(doc: RawDocument) -> RawTable:
    assert len(doc.tables) == 1, [t.texts() for t in doc.tables]
    table = doc.tables[0]
    assert _flat(table) == EXPECTED
    assert table.rows[2][1].text.count("\n") >= 5  # the six-line cell stays one cell
    return table


def test_booktabs_rules_only(tmp_path: Path) -> None:
    rules = [("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black),
             ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
             ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.grey),
             ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black)]
    doc = _build(tmp_path / "booktabs.pdf", [Paragraph("Table 1: Actions", HEAD), _styled(rules)])
    table = _assert_plan(doc)
    assert all(c.bold for c in table.rows[0])
    assert table.evidence == ("rows: rules; columns: white corridors; "
                              "group rows: text across the columns; header: bold")


def test_booktabs_header_and_body_rules_only(tmp_path: Path) -> None:
    """Top, header and bottom rules alone: body rows from the first cells starting afresh."""
    rules = [("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black),
             ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
             ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black)]
    doc = _build(tmp_path / "booktabs3.pdf", [_styled(rules)])
    _assert_plan(doc)


def test_borderless_header_band(tmp_path: Path) -> None:
    band = [("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.9, 0.97)),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 8)]
    doc = _build(tmp_path / "band.pdf", [_styled(band)])
    assert _assert_plan(doc).evidence.endswith("; header: fill band")


def test_zebra_bands(tmp_path: Path) -> None:
    zebra = [("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.2, 0.3, 0.5)),
             ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.Color(0.92, 0.92, 0.92)])]
    doc = _build(tmp_path / "zebra.pdf", [_styled(zebra)])
    _assert_plan(doc)


def _boxes(c: canvas.Canvas, top: float, frame: bool) -> None:
    """The plan as an InDesign-style grid: every cell a filled box (white gutters between),
    each holding a padded text box of the same colour; no line objects at all."""
    lines = {1: LONG_LINES}
    heights = [18, 16, 16 + 11 * (len(LONG_LINES) - 1), 16, 16, 16, 16]
    texts = [HEADER, *ROWS[:3], [GROUP_ROW], *ROWS[3:]]
    if frame:  # a shaded page frame behind everything
        c.setFillColorRGB(0.95, 0.93, 0.85)
        c.rect(30, 30, A4[0] - 60, A4[1] - 60, stroke=0, fill=1)
    y = top
    for r, (row, h) in enumerate(zip(texts, heights, strict=True)):
        x = 60.0
        spans = [sum(BOX_WIDTHS)] if len(row) == 1 else BOX_WIDTHS
        for k, (text, w) in enumerate(zip(row, spans, strict=True)):
            shade = (0.15, 0.3, 0.55) if r == 0 else (0.85, 0.9, 0.8) if len(row) == 1 else (
                0.93, 0.93, 0.93)
            c.setFillColorRGB(*shade)
            c.rect(x + 1, y - h + 1, w - 2, h - 2, stroke=0, fill=1)
            c.rect(x + 4, y - h + 3, w - 8, h - 6, stroke=0, fill=1)  # the padded text box
            c.setFillColorRGB(*((1, 1, 1) if r == 0 else (0, 0, 0)))
            c.setFont("Helvetica-Bold" if r in (0, 4) else "Helvetica", 8)
            for n, part in enumerate(lines.get(k, [text]) if r == 2 else [text]):
                c.drawString(x + 5, y - 11 - 11 * n, part)
            x += w
        y -= h


BOX_WIDTHS = [40, 260, 110, 80]
LONG_LINES = ["Work with schools, youth services and the", "voluntary sector to deliver a",
              "programme of healthy relationships", "sessions in every secondary school in",
              "the borough, with follow-up support for", "pupils who disclose abuse and training",
              "for the staff who receive those", "disclosures"]


def _filled(path: Path, frame: bool) -> RawDocument:
    c = canvas.Canvas(str(path), pagesize=A4)
    _boxes(c, 760, frame)
    c.showPage()
    c.save()
    return pdf_to_document(path)


def test_filled_rectangle_grid(tmp_path: Path) -> None:
    table = _assert_plan(_filled(tmp_path / "boxes.pdf", frame=False))
    assert table.evidence == "rows: fill edges; columns: fill edges; header: fill band"


def test_filled_rectangle_grid_in_a_shaded_page_frame(tmp_path: Path) -> None:
    _assert_plan(_filled(tmp_path / "framed.pdf", frame=True))


def test_header_on_first_page_only_with_caption_and_source(tmp_path: Path) -> None:
    """A long ruled-rows table over two pages, its header printed once; the caption above and
    the source line below are paragraphs, not rows."""
    rows = [[f"{n // 10 + 1}.{n % 10 + 1}", f"Action number {n} for the plan", "Housing",
             "2025/26"] for n in range(60)]
    data = [[Paragraph(h, HEAD) for h in HEADER], *rows]
    table = Table(data, colWidths=WIDTHS, repeatRows=0)
    table.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.black)]))
    story = [Paragraph("Table 9: Delivery plan actions", HEAD), table,
             Paragraph("Source: Housing service records, March 2025.", BODY)]
    doc = _build(tmp_path / "first.pdf", story)
    first, second = doc.tables
    assert (first.page, second.page) == (1, 2)
    assert _flat(first)[0] == HEADER
    assert [r for t in (first, second) for r in _flat(t) if r != HEADER] == rows
    assert first.context[-1] == "Table 9: Delivery plan actions"
    assert doc.text_blocks[-1].text == "Source: Housing service records, March 2025."


LAYOUTS = Path(__file__).resolve().parents[2] / "samples" / "layouts"


def _sample(name: str) -> RawDocument:
    path = LAYOUTS / f"{name}.pdf"
    if not path.is_file():
        pytest.skip(f"{path} not generated")
    return pdf_to_document(path)


def test_sample_sideways_chromium_reads_horizontal_words() -> None:
    """Chromium prints the plan with CSS-rotated text on portrait pages, and draws its list
    markers as filled discs: each is read as the bullet starting its line."""
    doc = _sample("sideways--chromium--lbth_vawg_action_plan_2024")
    (table,) = [t for t in doc.tables if t.page == 4]
    assert (table.n_rows, table.n_cols) == (5, 6)
    assert table.texts()[0] == ["No.", "Action", "Output", "Outcome", "Timescales",
                                "Lead Officer"]
    row = table.texts()[1]
    assert row[:3] == ["1.6", "Commission and deliver\nSanctuary Scheme provisions",
                       "• 60 properties secured per\nannum and 15 per quarter"]
    assert row[3].count("\n") == 15 and row[5] == "Sanctuary Scheme Officer,\nLBTH"
    assert [ln for ln in row[3].split("\n") if ln.startswith("•")] == [
        "• Households at risk of", "• Victims/survivors", "• Reduction in households"]


def test_sample_rules_only_chromium() -> None:
    doc = _sample("rules-only--chromium--bd_dsv_delivery_plan")
    (table,) = [t for t in doc.tables if t.page == 5]
    assert (table.n_rows, table.n_cols) == (8, 4)
    assert table.texts()[0] == ["PRIORITY AREAS", "ACTION", "BY WHEN", "LED BY"]
    action = table.texts()[1][1]
    assert action.startswith("1.1.2 Improve understanding") and action.count("\n") == 7
    # the rule between 1.5.1 and 1.5.2 stops short of the priority column: one merged cell
    priority = table.rows[5][0]
    assert (priority.text, priority.row_span) == ("1.5 Learn from the\nSpecialists.", 2)
    assert table.rows[6][0].origin == (5, 0)
    assert [c.text.split()[0] for c in table.rows[6][1:3]] == ["1.5.2", "1.5.2"]


def test_sample_header_band_word_with_group_row() -> None:
    """Word's tinted header row over borderless rows, a coloured priority row under it."""
    doc = _sample("header-band--word--triborough_vawg_annual_report")
    (table,) = [t for t in doc.tables if t.page == 6]
    assert table.n_cols == 6
    assert table.texts()[0][:2] == ["Action", "Strategic Action"]
    group = table.rows[1][0]
    assert (group.text, group.col_span) == ("Priority 1: Access", 6)
    assert table.texts()[2][:3] == [
        "1.1", "VAWG Strategy Action: Improve\nawareness amongst victims/survivors\nabout the "
        "range of services they can\naccess and help them to navigate\nthese services", "CHOG"]


def test_sample_rules_only_word_merged_objective_column() -> None:
    """Word's booktabs rules stop either side of a vertically merged objective cell: each is
    still a row boundary, and the objective is one cell spanning the rows it leaves open."""
    doc = _sample("rules-only--word--havering_vawg_strategy")
    (table,) = [t for t in doc.tables if t.page == 8]
    assert (table.n_rows, table.n_cols) == (5, 8)
    assert "partial ones around merged cells" in table.evidence
    assert table.texts()[0][:3] == ["Corporate\ngoal and\nstrategic\noutcome",
                                    "Strategy\nObjective", "Project/Action"]
    objective = table.rows[1][1]
    assert (objective.text, objective.row_span) == ("Prevention\nand early\nidentification", 4)
    assert [table.rows[r][1].origin for r in (2, 3, 4)] == [(1, 1)] * 3
    row = table.texts()[2]
    assert row[0] == "1 – 1.2 3 –\n3.1 5 – 5.1,\n5.5"
    assert row[2].startswith("Increase awareness of VAWG") and row[4:6] == [
        "Staff", "April 2015\nonwards"]
    # the next page: the merged cell carried over, then a new objective starting afresh
    (table,) = [t for t in doc.tables if t.page == 9]
    assert table.n_cols == 8 and [r[1].row_span for r in table.rows[1:]] == [2, 1, 1]
    assert table.rows[2][1].origin == (1, 1)
    assert table.rows[3][1].text == "Provision of\nintervention\nservices"


def test_sample_banded_word_merged_priority_cells_across_bands() -> None:
    """Word's zebra bands stop at the priority column, whose merged cells are tinted apart or
    left white: one table, each priority one cell down the rows of its actions."""
    doc = _sample("banded--word--bd_dsv_delivery_plan")
    (table,) = [t for t in doc.tables if t.page == 7]
    assert (table.n_rows, table.n_cols) == (14, 4)
    assert table.texts()[0] == ["PRIORITY AREAS", "SUCCESS MEASURES", "BY WHEN", "LED BY"]
    firsts = [(r, table.rows[r][0].text, table.rows[r][0].row_span)
              for r in range(1, 14) if table.rows[r][0].origin is None]
    assert [(r, text.split("\n")[0], span) for r, text, span in firsts] == [
        (1, "2.1 Enable safe", 3), (4, "2.2 Approachable,", 6), (10, "2.3 To ensure that the", 4)]
    assert table.rows[4][0].text == ("2.2 Approachable,\naccessible and supportive\n"
                                     "universal services.")
    assert [table.rows[r][0].origin for r in (5, 9, 11)] == [(4, 0), (4, 0), (10, 0)]
    assert [table.texts()[r][2] for r in (1, 4, 13)] == ["2.1.1", "2.2.1 March\n2015",
                                                         "2.3.4 October\n2014"]
    assert all(table.texts()[r][1].startswith(f"2.{g}.{n} ") for r, g, n in (
        (2, 1, 2), (5, 2, 2), (9, 2, 6), (12, 3, 3)))


def test_sample_banded_chromium_row_bands_around_a_merged_objective() -> None:
    """Chromium tints whole rows but leaves the merged objective cell to its own fill (or
    white): the bands' pieces join the table, the columns inside one band come from white
    corridors, and the objective spans the rows beside it."""
    doc = _sample("banded--chromium--havering_vawg_strategy")
    (table,) = [t for t in doc.tables if t.page == 8]
    assert (table.n_rows, table.n_cols) == (6, 8)
    assert table.texts()[0][:3] == ["Corporate\ngoal and\nstrategic\noutcome",
                                    "Strategy\nObjective", "Project/Action"]
    objective = table.rows[3][1]
    assert (objective.text, objective.row_span) == ("Provision of\nintervention\nservices", 2)
    assert table.rows[4][1].origin == (3, 1)
    assert [table.texts()[r][0].split("\n")[0] for r in (3, 4, 5)] == [
        "1 – 1.2 4 –", "1 – 1.2 3 –", "1 – 1.2 4 –"]
    assert [table.texts()[r][2].split()[0] for r in (3, 4, 5)] == [
        "Continue", "Domestic", "Phoenix"]
    assert table.texts()[4][4:6] == ["MOPAC £20,000\nDV caseworker\nwithin in Early\nHelp "
                                     "service\nMOPAC £20,000\nfor Victim\nSupport\ncaseworker",
                                     "March 2015"]


def test_sample_header_band_chromium_gutter_and_unnumbered_row() -> None:
    """A long date comes closer to the lead beside it than cells are apart elsewhere, yet the
    gutter the lines above kept white still parts them; a row printed without a number starts
    where several columns start afresh after a row's space."""
    doc = _sample("header-band--chromium--lbth_vawg_action_plan_2024")
    (table,) = [t for t in doc.tables if t.page == 8]
    assert table.n_cols == 6 and [r[0] for r in table.texts()] == [
        "No.", "", "2.8", "2.9", "2.10", "2.11"]
    row = table.texts()[4]
    assert row[4:] == ["December\n2024 April 2025",
                       "Assistant\nTransformation Project\nManager, Housing\nOptions, LBTH"]
    assert row[1].endswith("perpetrator from the victim's home,\nensuring safety.")
    (table,) = [t for t in doc.tables if t.page == 5]
    assert [r[0] for r in table.texts()] == ["No.", "1.14", "1.15", "1.16", "1.17", "1.18",
                                             "1.19", ""]
    assert table.texts()[7][1].startswith("Incorporate a focus on women's\nsafety")
    assert table.texts()[7][4:] == ["December\n2025", "Community and Safety,\nLBTH; Assessment,"
                                    "\nSafeguarding, ASC,\nLBTH"]


def test_sample_header_band_reportlab_tables_under_headings() -> None:
    """Three tables on a page, each under a heading in larger type and its own header band:
    three tables (the headings their context), the update columns the body leaves blank kept
    from the header, a one-row table kept, and a first cell that wraps before a long word one
    cell."""
    doc = _sample("header-band--reportlab--lbth_vawg_performance_matrix")
    tables = [t for t in doc.tables if t.page == 2]
    assert [(t.n_rows, t.n_cols) for t in tables] == [(7, 6), (3, 6), (2, 6)]
    assert [t.context[-1] for t in tables] == [
        "3. Prostitution", "4. Child Sexual Exploitation", "5. Female Genital Mutilation"]
    assert tables[0].texts()[0] == ["Outcome", "Key Agencies", "Indicator",
                                    "Means of Verification", "Current Q1: Update", "Q2 Update"]
    assert tables[0].texts()[1] == [
        "Development of multi-agency\ncoordination and accountability for\nprostitution",
        "Tower Hamlets Prostitution\nPartnership (THPP)",
        "Tower Hamlets' Prostitution\nPartnership established",
        "4 meetings per annum with\ncontinued and increasing\nmembership from across statutory"
        "\nand voluntary sector", "", ""]
    assert tables[2].texts()[1][:2] == [
        "Realistic prevalence figures for FGM are\nestablished in TH",
        "North East London FGM\nGroup City University Barts\nHealth"]


def test_sample_header_band_word_sub_rows_beside_a_merged_cell() -> None:
    """Word's merged action cell beside one sub-row per lead: each lead its own row, the
    action one cell over them, and sub-rows further apart than a cell's lines kept."""
    doc = _sample("header-band--word--triborough_vawg_annual_report")
    (table,) = [t for t in doc.tables if t.page == 7]
    assert [r[:3] for r in table.texts()[4:8]] == [
        ["1.4", table.rows[4][1].text, "SSG"], ["", "", "CHOG"], ["", "", "HOG"], ["", "", "MSE"]]
    action = table.rows[4][1]
    assert action.row_span == 2 and action.text.endswith("including national\nhelplines.")
    assert table.rows[5][1].origin == (4, 1)
    assert table.texts()[5][3].startswith("Information regularly circulated around CHOG")
    (table,) = [t for t in doc.tables if t.page == 17]
    assert [r[0] for r in table.texts()] == [
        "Action", "5.2 (i)", "", "", "5.2 (ii)", "", "5.2 (iii)", "5.2 (iv)"]
    assert table.texts()[3][2:4] == ["HP", "Educator advocates embedded in front-line services"]


def test_sample_filled_cells_reportlab_first_cells_wrap_before_long_words() -> None:
    """A first cell's line that ends short because its next word is long is wrapped, not
    over: each priority area is one cell, its actions and dates beside it one row."""
    doc = _sample("filled-cells--reportlab--bd_dsv_delivery_plan")
    (table,) = [t for t in doc.tables if t.page == 5]
    assert [(r[0], r[2]) for r in table.texts()] == [
        ("PRIORITY AREAS", "BY WHEN"),
        ("1.1 Increase the\nidentification of domestic\nand sexual violence in\nfrontline "
         "universal services.", "1.1.2 March\n2015"),
        ("1.2 Support survivors to\nrecover after abuse.", "1.2.1 December\n2014"),
        ("1.3 Embed lessons and\ngood working practice.", "1.3.1 Ongoing\n1.3.2 May 2013"),
        ("1.4 Cultivate community\nleadership in challenging\ndamaging attitudes.",
         "1.4.1\n1.4.2 Annual\n1.4.3\n1.4.4\n1.4.5 September\n2013"),
        ("1.5 Learn from the\nSpecialists.", "1.5.1"),
        ("", "1.5.2 Ongoing"),
        ("1.6 Prevent future\nvictimisation through\neducation and\nempowerment.",
         "1.6.1\n1.6.2 March\n2014"),
    ]


def test_sample_filled_cells_chromium_heading_between_tables() -> None:
    """A heading in larger type between two tables of a page is no group row: two tables,
    the heading the second one's context."""
    doc = _sample("filled-cells--chromium--lbth_vawg_performance_matrix")
    tables = [t for t in doc.tables if t.page == 1]
    assert [(t.n_rows, t.n_cols, t.context[-1]) for t in tables] == [
        (2, 5, "1. Domestic Violence"), (6, 5, "2. Sexual Violence")]
    assert tables[0].texts()[1][:2] == ["N/A", "DV Forum"]


def test_sample_banded_chromium_kpi_table_with_empty_figures() -> None:
    """A tinted header band naming five columns over rows that fill only two of them (the
    figures not yet in): a table of five columns, not lines of text."""
    doc = _sample("banded--chromium--havering_vawg_strategy")
    table = [t for t in doc.tables if t.page == 13][-1]
    assert table.texts() == [
        ["Ref.", "Description", "2013/14 Outturn (End-of-\nyear)", "2014/15 Target",
         "Link to Corporate goal and\nStrategic outcome"],
        ["Met Police", "Repeat victimisation rate", "", "", ""],
        ["Met Police", "% of Identified repeat victims referred to MARAC", "", "", ""],
        ["MARAC", "Number of cases referred to MARAC", "", "", ""],
    ]


def test_sample_rules_only_word_row_started_at_the_foot_of_a_page() -> None:
    """LibreOffice rules off a row of which only the ref fits at the foot of the page; that
    band is the first cell of the row the break cut, not text outside the table."""
    doc = _sample("rules-only--word--lbth_vawg_action_plan_2024")
    (table,) = [t for t in doc.tables if t.page == 15]
    assert [r[0] for r in table.texts()] == ["No.", "", "2.26"]
    assert "2.26" not in [b.text for b in doc.blocks if b.page == 15 and not hasattr(b, "rows")]


def test_sample_first_page_header_chromium_glyphs_drawn_one_by_one_stay_words() -> None:
    """Chromium draws a page's glyphs one text object each, and pdfium guesses a line break
    between every two: glyphs that abut on one baseline are one word ("SSG", not "S S G")."""
    doc = _sample("first-page-header--chromium--triborough_vawg_annual_report")
    (row,) = [r for t in doc.tables if t.page == 9 for r in t.texts() if r[0] == "2.2"]
    assert row[1].startswith("VAWG Strat Action: Identify and support\n")
    assert row[2] == "SSG"
    assert row[3].startswith("MARACs coordinated to high standards")


def test_sample_rules_only_reportlab_band_carried_over_beside_a_new_sub_row() -> None:
    """Under the header rule, a band holds the rest of a cell from the page before and, below
    a rule that crosses only two columns, the next lead's sub-row: one row of the table (not
    dropped), and the row under it keeps its words in their columns."""
    doc = _sample("rules-only--reportlab--triborough_vawg_annual_report")
    (table,) = [t for t in doc.tables if t.page == 10]
    texts = table.texts()
    assert [r[0] for r in texts] == ["Action", "", "2.2", "Action", ""]
    assert texts[1][2] == "HP MSE"
    assert texts[1][3].startswith("support with health and well being")
    assert texts[2][1:3] == [
        "VAWG Strat Action: Identify and support\nhigh-risk domestic abuse cases and provide\n"
        "bespoke support for those most at risk", "SSG"]


def test_sample_header_band_word_rest_of_a_row_then_rows_under_a_lone_header() -> None:
    """Page 12: under the lone header the rest of 2.4's progress, then a sub-row and rows
    2.5-2.7: the rest of a row is no tail that ends the table, the rows under it stay rows."""
    doc = _sample("header-band--word--triborough_vawg_annual_report")
    (table,) = [t for t in doc.tables if t.page == 12]
    assert [(r[0], r[2].split("\n")[0]) for r in table.texts()[1:]] == [
        ("", ""), ("", "SOG"), ("2.5", "Tri-Borough"), ("2.6", "HP"), ("2.7", "SSG")]
    assert table.texts()[1][3] == "staff at the HOG."
