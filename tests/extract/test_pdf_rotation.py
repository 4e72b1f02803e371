"""Sideways tables (issue 9, class 6): a landscape plan on a page turned by /Rotate, or set
with rotated text in a portrait page, reads as horizontal words in an upright grid."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

from councilplans.extract.pdf import pdf_to_document

ROWS = [
    ["Ref", "Action", "Lead", "Timescale"],
    ["1.1", "Publish a new domestic abuse strategy", "Community Safety", "March 2025"],
    ["1.2", "Train front-line housing officers", "Housing", "Q3 2025/26"],
    ["1.3", "Review the referral pathway", "Public Health", "Ongoing"],
]


def _sideways(path: Path, turn: int) -> None:
    """A portrait page whose title and ruled table are drawn turned ``turn`` degrees
    anticlockwise (90: reading up the page, -90: reading down it)."""
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.saveState()
    if turn == 90:
        c.translate(width - 60, 60)
    else:
        c.translate(60, height - 60)
    c.rotate(turn)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(0, -14, "Appendix A: Action plan")
    table = Table(ROWS, colWidths=[40, 260, 120, 90])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    _, h = table.wrapOn(c, 700, 500)
    table.drawOn(c, 0, -h - 30)
    c.restoreState()
    c.showPage()
    c.save()


@pytest.mark.parametrize("turn", [90, -90], ids=["reads up", "reads down"])
def test_rotated_text_in_a_portrait_page_reads_upright(tmp_path: Path, turn: int) -> None:
    path = tmp_path / "sideways.pdf"
    _sideways(path, turn)
    doc = pdf_to_document(path)
    assert [b.text for b in doc.text_blocks] == ["Appendix A: Action plan"]
    assert [t.texts() for t in doc.tables] == [ROWS]


@pytest.mark.parametrize("rotate,turn", [(90, 90), (270, -90)])
def test_page_turned_by_rotate_reads_upright(tmp_path: Path, rotate: int, turn: int) -> None:
    """The sideways drawing with /Rotate set so a viewer shows it upright (written by pdfium)."""
    drawn, path = tmp_path / "drawn.pdf", tmp_path / "rotated.pdf"
    _sideways(drawn, turn)
    pdf = pdfium.PdfDocument(str(drawn))
    pdf[0].set_rotation(rotate)
    pdf.save(str(path))
    pdf.close()
    doc = pdf_to_document(path)
    assert [b.text for b in doc.text_blocks] == ["Appendix A: Action plan"]
    assert [t.texts() for t in doc.tables] == [ROWS]
