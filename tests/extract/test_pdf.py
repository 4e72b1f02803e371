"""PDF extractor on real PDFs drawn by reportlab: exact grids, spans, fills, pages, errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from councilplans.errors import CorruptDocument, EncryptedDocument, NoTextLayer
from councilplans.extract.model import RawDocument, RawTable
from councilplans.extract.pdf import pdf_to_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
REAL = ROOT.parent / "shared" / "real"
GREEN = (0.6, 0.9, 0.6)
STYLES = getSampleStyleSheet()


def _plan_table() -> Table:
    body = STYLES["BodyText"]
    bullets = [
        Paragraph("first item", body, bulletText="•"),
        Paragraph("second item", body, bulletText="•"),
    ]
    data = [
        ["Action", "Lead", "Timescale", "RAG"],
        ["Theme 1: Housing", "", "", ""],
        ["Build homes\nsecond line", "Housing team", "2025", "Green"],
        [bullets, "", "2026", "Amber"],
        ["Repair roads", "", "2026-27", ""],
    ]
    table = Table(data, colWidths=[160, 110, 110, 80], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("SPAN", (0, 1), (3, 1)),
                ("SPAN", (1, 2), (1, 4)),
                ("SPAN", (2, 4), (3, 4)),
                ("BACKGROUND", (3, 2), (3, 2), colors.Color(*GREEN)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _long_table(rows: int) -> Table:
    data = [["Ref", "Measure", "Target"]]
    data += [[f"R{i}", f"Measure number {i}\nwith a second line", f"{i}%"] for i in range(rows)]
    table = Table(data, colWidths=[60, 260, 80], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    return table


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, title="Housing Action Plan 2025")
    story = [
        Paragraph("Housing Action Plan", STYLES["Title"]),
        Paragraph("Our priorities for the next three years are set out below.", STYLES["BodyText"]),
        Paragraph("Table 1: Actions", STYLES["Heading2"]),
        _plan_table(),
        Spacer(1, 20),
        Paragraph("Table 2: Measures", STYLES["Heading2"]),
        _long_table(30),
    ]
    doc.build(story)
    return path


@pytest.fixture(scope="module")
def plan(plan_pdf: Path) -> RawDocument:
    return pdf_to_document(plan_pdf)


def test_document_metadata(plan: RawDocument) -> None:
    assert plan.format == "pdf"
    assert plan.pages == 2
    assert plan.title == "Housing Action Plan 2025"
    assert len(plan.tables) == 3  # the plan table + the long table's two page fragments


def test_plan_table_exact_grid(plan: RawDocument) -> None:
    t = plan.tables[0]
    assert t.page == t.end_page == 1
    assert t.row_pages == (1,) * 5
    assert t.texts() == [
        ["Action", "Lead", "Timescale", "RAG"],
        ["Theme 1: Housing", "", "", ""],
        ["Build homes\nsecond line", "Housing team", "2025", "Green"],
        ["• first item\n• second item", "", "2026", "Amber"],
        ["Repair roads", "", "2026-27", ""],
    ]
    section = t.rows[1][0]
    assert (section.col_span, section.row_span, section.origin) == (4, 1, None)
    assert [c.origin for c in t.rows[1][1:]] == [(1, 0)] * 3
    lead = t.rows[2][1]
    assert (lead.row_span, lead.col_span) == (3, 1)
    assert t.rows[3][1].origin == (2, 1) and t.rows[4][1].origin == (2, 1)
    when = t.rows[4][2]
    assert (when.col_span, when.row_span) == (2, 1)
    assert t.rows[4][3].origin == (4, 2)
    assert all(c.bold for c in t.rows[0]) and not t.rows[2][0].bold
    assert t.rows[2][3].fill == pytest.approx(GREEN, abs=0.01)
    assert t.rows[2][2].fill is None and t.rows[0][0].fill is None
    assert t.bbox is not None and t.rows[0][0].bbox is not None


def test_context_and_text_blocks(plan: RawDocument) -> None:
    t = plan.tables[0]
    assert t.context[-1] == "Table 1: Actions"
    assert "Housing Action Plan" in t.context
    title = plan.text_blocks[0]
    assert title.text == "Housing Action Plan" and title.page == 1
    heading = next(b for b in plan.text_blocks if b.text == "Table 1: Actions")
    assert heading.bold and heading.size == pytest.approx(14, abs=0.5)
    body = next(b for b in plan.text_blocks if b.text.startswith("Our priorities"))
    assert not body.bold and body.size == pytest.approx(10, abs=0.5)
    order = [b.text if hasattr(b, "style") else "<table>" for b in plan.blocks[:5]]
    assert order[:4] == ["Housing Action Plan", body.text, "Table 1: Actions", "<table>"]


def test_table_continued_on_next_page(plan: RawDocument) -> None:
    first, second = plan.tables[1], plan.tables[2]
    assert (first.page, second.page) == (1, 2)
    assert first.end_page == 1 and second.end_page == 2
    assert first.rows[0][0].text == "Ref" and second.rows[0][0].text == "Ref"  # repeated header
    body = [r for t in (first, second) for r in t.texts()[1:]]
    assert len(body) == 30
    assert body[0] == ["R0", "Measure number 0\nwith a second line", "0%"]
    assert body[-1] == ["R29", "Measure number 29\nwith a second line", "29%"]
    assert second.row_pages == (2,) * second.n_rows
    assert first.context[-1] == "Table 2: Measures"
    assert second.context == first.context  # the continuation sits under the same heading


def _canvas_pdf(path: Path, **kw) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, **kw)
    c.drawString(72, 750, "Secret plan")
    c.save()


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    _canvas_pdf(path, encrypt="s3cret")
    with pytest.raises(EncryptedDocument, match="password required"):
        pdf_to_document(path)
    with pytest.raises(EncryptedDocument):
        pdf_to_document(path, password="wrong")
    doc = pdf_to_document(path, password="s3cret")
    assert doc.text_blocks[0].text == "Secret plan"


def test_truncated_pdf(tmp_path: Path, plan_pdf: Path) -> None:
    data = plan_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptDocument, match="corrupt or truncated PDF"):
        pdf_to_document(path)


def _scan(c: canvas.Canvas, tmp_path: Path) -> None:
    from PIL import Image

    png = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), (200, 200, 200)).save(png)
    c.drawImage(str(png), 72, 500, width=400, height=200)


def _outlines(c: canvas.Canvas, tmp_path: Path) -> None:
    for k in range(5):  # text converted to curves: shapes, no characters
        c.rect(72, 600 - 30 * k, 300, 20, fill=1)


@pytest.mark.parametrize("draw", [_scan, _outlines], ids=["image only", "text as outlines"])
def test_drawn_but_unreadable_pdf_has_no_text_layer(tmp_path: Path, draw) -> None:
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    draw(c, tmp_path)
    c.save()
    with pytest.raises(NoTextLayer, match="^no text layer: OCR needed$"):
        pdf_to_document(path)


def test_blank_pdf_is_a_document_with_nothing_in_it(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.showPage()
    c.save()
    assert pdf_to_document(path).blocks == ()


def test_shapes_that_are_not_tables(tmp_path: Path) -> None:
    """A framed paragraph, a coloured banner and an empty grid produce no tables."""
    path = tmp_path / "shapes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(60, 700, 300, 60)
    c.drawString(70, 730, "A framed note")
    c.setFillColorRGB(0.1, 0.3, 0.6)
    c.rect(60, 600, 300, 40, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.drawString(70, 615, "Banner heading")
    for k in range(5):  # chart gridlines with no text inside
        c.line(60, 300 + 30 * k, 360, 300 + 30 * k)
    c.line(60, 300, 60, 420)
    c.line(360, 300, 360, 420)
    c.save()
    doc = pdf_to_document(path)
    assert doc.tables == []
    assert [b.text for b in doc.text_blocks] == ["A framed note", "Banner heading"]


def _check_samples(doc: RawDocument) -> None:
    for t in doc.tables:
        assert isinstance(t, RawTable) and t.n_rows >= 1
        for r, row in enumerate(t.rows):
            assert len(row) == t.n_cols
            for cell in row:
                if cell.origin is not None:
                    orow, ocol = cell.origin
                    assert orow <= r and t.rows[orow][ocol].origin is None


@pytest.mark.skipif(not list(SAMPLES.glob("*.pdf")), reason="no samples/*.pdf generated")
@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.pdf")))
def test_samples_extract(name: str) -> None:
    doc = pdf_to_document(SAMPLES / name)
    _check_samples(doc)
    assert doc.tables, f"{name}: no tables found"


@pytest.mark.skipif(not REAL.is_dir(), reason="no shared real documents")
def test_real_documents_do_not_crash() -> None:
    for path in sorted(REAL.glob("*.pdf")) + sorted(REAL.glob("icdar2013/*.pdf")):
        start = time.perf_counter()
        doc = pdf_to_document(path)
        _check_samples(doc)
        assert time.perf_counter() - start < 30


def test_horizontal_rules_only_table(tmp_path: Path) -> None:
    """A booktabs-style table (top, header and bottom rules, no verticals) is still a table."""
    data = [["Indicator", "Baseline", "Target"]]
    data += [[f"Indicator {i}", f"{10 + i}.0", f"{20 + i}.5"] for i in range(6)]
    table = Table(data, colWidths=[200, 100, 100])
    table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black),
            ]
        )
    )
    path = tmp_path / "booktabs.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("Some running text above the table.", STYLES["BodyText"]), table]
    )
    doc = pdf_to_document(path)
    assert len(doc.tables) == 1
    assert doc.tables[0].texts() == data
    assert doc.text_blocks[0].text == "Some running text above the table."


def test_page_frame_is_not_a_table_but_the_table_inside_it_is(tmp_path: Path) -> None:
    """A bordered page with a sidebar (a 1x2 grid of boxes holding the running text) is layout;
    the small ruled table inside the main box is the only table."""
    path = tmp_path / "framed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    c.rect(30, 30, 400, height - 60)  # main box
    c.rect(430, 30, width - 460, height - 60)  # sidebar
    text = c.beginText(40, height - 50)
    text.setFont("Helvetica", 9)
    for i in range(40):
        text.textLine(f"Running paragraph text of the leaflet, line {i}, about paying for college.")
    c.drawText(text)
    top = 180
    for r, (item, cost) in enumerate([("Item", "Cost"), ("Tuition", "$9,000"),
                                      ("Books", "$1,122")]):
        y = top - r * 20
        c.drawString(45, y - 14, item)
        c.drawString(205, y - 14, cost)
    for k in range(4):
        c.line(40, top - k * 20, 360, top - k * 20)
    for x in (40, 200, 360):
        c.line(x, top, x, top - 60)
    c.showPage()
    c.save()
    doc = pdf_to_document(path)
    assert [t.texts() for t in doc.tables] == [
        [["Item", "Cost"], ["Tuition", "$9,000"], ["Books", "$1,122"]]]


def test_unchecked_char_calls_read_what_the_checked_bindings_read() -> None:
    """The per-char pdfium calls skip ctypes' argument checks: every box and baseline must be
    the one pypdfium2's own (checked) calls give."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from councilplans.extract.pdf_page import PageContent, PageReader

    ox, oy = ctypes.c_double(), ctypes.c_double()

    pdf = pdfium.PdfDocument(str(SAMPLES / "lbth_vawg_action_plan_2024.pdf"))
    page = pdf[0]
    reader = PageReader(page)
    content = PageContent(reader.width, reader.height)
    reader._read_chars(content)
    textpage = page.get_textpage()
    left, _, _, top = page.get_cropbox()
    assert len(content.chars) > 500
    for ch in content.chars:
        x0, bottom, x1, y_top = textpage.get_charbox(ch.index, loose=True)
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, ch.index, ox, oy)  # checked binding
        origin_y = oy.value
        assert (ch.x0, ch.top, ch.x1, ch.bottom) == (x0 - left, top - y_top, x1 - left,
                                                     top - bottom)
        assert ch.baseline == top - origin_y
    textpage.close()
    reader.close()
    pdf.close()


def test_text_running_on_past_its_cell_stays_in_it(tmp_path: Path) -> None:
    """A planner's print: a long cell printed in full runs on under the next cell's text or
    across an empty one; a band's title alone in its row spans the row."""
    path = tmp_path / "overflow.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    xs, ys = (50, 200, 260, 360), (700, 680, 660, 640, 620)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    c.setFont("Helvetica", 9)
    for x, text in zip(xs, ("Task", "After", "Level"), strict=False):
        c.drawString(x + 3, 686, text)
    c.drawString(53, 666, "Check the partner has completed its required returns")
    c.drawString(203, 666, "21")
    c.drawString(263, 666, "Admin")
    c.drawString(53, 646, "Confirm the go-live job with the operations team")
    c.drawString(263, 646, "Delivery")
    c.drawString(53, 626, "Stage two: handover to the service")
    c.save()
    (table,) = pdf_to_document(path).tables
    assert table.texts()[:3] == [
        ["Task", "After", "Level"],
        ["Check the partner has completed its required returns", "21", "Admin"],
        ["Confirm the go-live job with the operations team", "", "Delivery"]]
    band = table.rows[3][0]
    assert band.text == "Stage two: handover to the service"
