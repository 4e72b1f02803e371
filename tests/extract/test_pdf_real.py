"""Real published PDFs from ../shared/real (skipped where that folder is absent): tables drawn
as filled boxes, a coloured header band, one huge page, boxed question-and-answer tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from councilplans.extract.model import RawDocument
from councilplans.extract.pdf import pdf_to_document

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real"


def _doc(name: str) -> RawDocument:
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"{path} absent")
    return pdf_to_document(path)


def test_chelsea_action_plan_cells_as_filled_boxes() -> None:
    """Page 26: every cell a filled box, each holding a padded box of its own colour. Five
    columns (not nine with slivers), one row per action (not per text line)."""
    doc = _doc("chelsea_active_transport_plan_2021-2026.pdf")
    (table,) = [t for t in doc.tables if t.page == 26]
    assert (table.n_rows, table.n_cols) == (13, 5)
    assert table.rows[0][0].text == "AXE 1 – RESSOURCES" and table.rows[0][0].col_span == 5
    assert table.texts()[1] == ["AXES D’EVALUATION", "ACTIONS", "ÉCHEANCIER",
                                "RESSOURCES\nNECESSAIRES", "RESPONSABLES ET PARTENAIRES"]
    assert [r[2].text for r in table.rows[2:]] == [
        "2022-2026*", "2023", "2021-2022", "En continu", "En continu", "2022*", "En continu",
        "En continu", "2021", "2021-2023*", "En continu"]
    area = table.rows[2][0]
    assert area.text.startswith("Financier\nDémarche") and area.row_span == 4
    assert table.rows[5][1].text == (
        "• Rechercher et/ou trouver des sources de financement stables et\nprévisibles. "
        "Lorsque possible, profiter des possibilités de\nsubventions.")


def test_roles_matrix_under_a_coloured_header_band() -> None:
    doc = _doc("hmlr_llc_roles_responsibilities.pdf")
    first = next(t for t in doc.tables if t.page == 3)
    assert (first.n_rows, first.n_cols) == (9, 2)
    assert first.texts()[0] == ["Role", "Responsibilities"]
    role, duties = first.texts()[1]
    assert role == "Senior Responsible Owner"
    assert duties.split("\n")[:2] == [
        "• Leads the strategic oversight of the migration",
        "• Makes strategic decisions on behalf of the local authority"]
    assert len(duties.split("\n")) == 6
    assert [t.page for t in doc.tables] == [3, 5]  # the organisation charts are no tables


def test_huge_page_fine_banded_grid() -> None:
    doc = _doc("hmlr_llc_migration_delivery_plan.pdf")
    (table,) = doc.tables
    assert table.n_cols == 59 and table.n_rows == 161
    header = table.texts()[0]
    assert header[:4] == ["ID", "INFO", "TASK NAME", "PREDECESSORS"]
    first = table.texts()[2]
    assert first[0] == "1" and first[2] == "Introductory meeting with LA"
    assert first[6:9] == ["01 Apr 2022", "01 Apr 2022", "1d"] and first[18] == "Not Started"


def test_task_names_running_on_past_their_cell_stay_in_it() -> None:
    """The planner prints a long task name in full and clips it at the cell's side: under the
    next cell's own text ("21") or across an empty one. The name stays whole in its cell and
    the neighbours keep only their own text (it read "Mobilisa2ti1on" in both)."""
    doc = _doc("hmlr_llc_migration_delivery_plan.pdf")
    (table,) = doc.tables
    rows = {r[0]: r for r in table.texts()}
    assert rows["24"][2:5] == [
        "Complete check to ensure LA has fully completed all required acitivites within 6 "
        "weeks from Mobilisation meeting", "21", "Admin"]
    assert rows["127"][2:5] == [
        "DDaT Team confirm that Go-Live Job has been requested with WebOps and IT Operations "
        "for 00:00 of the Go Live date", "", "Delivery"]
    assert rows["59"][3] == "" and rows["59"][2].endswith("(8 weeks before formative assessment)")


def test_boxed_table_with_long_cells_is_no_page_frame() -> None:
    """Kent: a shaded two-column table with a group row and one long cell is a table."""
    doc = _doc("kent_health_wellbeing_activity_2025.pdf")
    (table,) = [t for t in doc.tables if t.page == 37]
    assert (table.n_rows, table.n_cols) == (4, 2)
    assert table.texts()[0] == ["What we have committed to", "plans in place to deliver"]
    assert table.rows[1][0].text == "Address inequalities" and table.rows[1][0].col_span == 2


def test_exhibit_title_and_source_boxed_with_the_table_are_page_text() -> None:
    """ICDAR us-013 page 2: one frame holds "Exhibit 9 / Characteristics ...", the ruled grid
    and "Source: ..."; the grid's rows are the header and three body rows only."""
    doc = _doc("icdar2013/us-013.pdf")
    (table,) = doc.tables
    assert (table.n_rows, table.n_cols) == (4, 5)
    assert table.texts()[2] == ["Achievement\nstandards", "Grade level", "Grade level",
                                "Modified level", "Alternate level"]
    texts = [b.text for b in doc.text_blocks if b.page == 2]
    assert any(t.startswith("Exhibit 9") for t in texts)
    assert any(t.startswith("Source") for t in texts)


def test_statistics_rows_of_a_long_first_cell_stay_rows() -> None:
    """ICDAR us-002 page 1: "Engineering, mathematics, or science" fills the first column to
    its gutter, yet each of its lines holds figures of its own: three rows, not one."""
    doc = _doc("icdar2013/us-002.pdf")
    table = next(t for t in doc.tables if t.page == 1)
    firsts = [row[0] for row in table.texts()]
    at = firsts.index("Engineering, mathematics, or science")
    assert firsts[at:at + 3] == ["Engineering, mathematics, or science",
                                 "Humanities or social sciences", "Other"]
    assert table.texts()[at + 1][1:3] == ["52.8", "32,800"]
