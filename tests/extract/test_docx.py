"""DOCX extractor on real .docx files written by python-docx: exact grids, spans, fills, order,
titles and headings, content controls, and the package checks (XXE, entity bombs, zip bombs)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from councilplans.errors import CorruptDocument, NotADocument, UnsafeDocument
from councilplans.extract import extract_document
from councilplans.extract.docx import docx_to_document
from councilplans.extract.model import Cell, RawDocument, RawTable, TextBlock

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
GREEN = "00B050"
BLUE = "D9E2F3"


def _rgb(hex6: str) -> tuple[float, float, float]:
    return tuple(int(hex6[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


# --- builders: real WordprocessingML structures ------------------------------------------------


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(row: _Row, val: str | None = None) -> None:
    el = OxmlElement("w:tblHeader")
    if val is not None:
        el.set(qn("w:val"), val)
    row._tr.get_or_add_trPr().append(el)


def _bold_text(cell: _Cell, text: str) -> None:
    cell.text = ""
    cell.paragraphs[0].add_run(text).bold = True


def _sdt(*children) -> object:
    """A content control (w:sdt) whose content is ``children``, moved into it."""
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Field"/></w:sdtPr>'
        "<w:sdtContent/></w:sdt>"
    )
    children[0].addprevious(sdt)
    content = sdt.find(qn("w:sdtContent"))
    for child in children:
        content.append(child)
    return sdt


def _fill_grid(table: Table, texts: list[list[str]]) -> None:
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def _plan_table(document) -> Table:
    """Header row (repeats), a full-width shaded theme row, a vertical merge, a horizontal
    merge, a two-paragraph cell and a bulleted list in a cell."""
    t = document.add_table(rows=5, cols=4)
    t.style = "Table Grid"
    for c, text in enumerate(["Action", "Lead", "Timescale", "RAG"]):
        _bold_text(t.cell(0, c), text)
    _repeat_header(t.rows[0])
    theme = t.cell(1, 0).merge(t.cell(1, 3))
    theme.text = "Theme 1: Housing"
    _shade(theme, BLUE)
    build = t.cell(2, 0)
    build.text = "Build homes"
    build.add_paragraph("second line")
    lead = t.cell(2, 1).merge(t.cell(4, 1))
    lead.text = "Housing team"
    t.cell(2, 2).text = "2025"
    t.cell(2, 3).text = "Green"
    _shade(t.cell(2, 3), GREEN)
    bullets = t.cell(3, 0)
    bullets.text = ""
    bullets.paragraphs[0].add_run("first item")
    bullets.paragraphs[0].style = "List Bullet"
    bullets.add_paragraph("second item", style="List Bullet")
    t.cell(3, 2).text = "2026"
    t.cell(3, 3).text = "Amber"
    t.cell(4, 0).text = "Repair roads"
    when = t.cell(4, 2).merge(t.cell(4, 3))
    when.text = "2026-27"
    return t


def _measures_table(document) -> Table:
    """Two repeating header rows, then a body row, then a stray tblHeader row (not counted)."""
    t = document.add_table(rows=4, cols=3)
    _fill_grid(t, [["Measures", "", ""], ["Ref", "Measure", "Target"],
                   ["M1", "Homes built", "500"], ["M2", "Roads repaired", "20 km"]])
    _repeat_header(t.rows[0])
    _repeat_header(t.rows[1])
    _repeat_header(t.rows[3])
    return t


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory) -> Path:
    d = docx.Document()
    d.add_paragraph("Housing Action Plan", style="Title")
    d.add_heading("Priority 1: Homes", level=1)
    d.add_paragraph("Actions we will take are set out below.")
    d.add_heading("Table 1: Actions", level=2)
    _plan_table(d)
    d.add_paragraph("Between the tables.")
    d.add_paragraph("A bullet in the body", style="List Bullet")
    _measures_table(d)
    p = d.add_paragraph()
    p.add_run("Closing remarks.").bold = True
    path = tmp_path_factory.mktemp("docx") / "plan.docx"
    d.save(str(path))
    return path


@pytest.fixture(scope="module")
def plan(plan_docx: Path) -> RawDocument:
    return docx_to_document(plan_docx)


def _kinds(doc: RawDocument) -> list[str]:
    return [b.text if isinstance(b, TextBlock) else f"<table {b.index}>" for b in doc.blocks]


# --- structure ---------------------------------------------------------------------------------


def test_document_metadata_and_order(plan: RawDocument, plan_docx: Path) -> None:
    assert plan.format == "docx"
    assert plan.path == str(plan_docx)
    assert plan.pages is None
    assert plan.title == "Housing Action Plan"  # no core title: the first Title paragraph
    assert _kinds(plan) == [
        "Housing Action Plan",
        "Priority 1: Homes",
        "Actions we will take are set out below.",
        "Table 1: Actions",
        "<table 0>",
        "Between the tables.",
        "• A bullet in the body",
        "<table 1>",
        "Closing remarks.",
    ]
    assert [t.index for t in plan.tables] == [0, 1]
    assert all(t.page is None and t.bbox is None for t in plan.tables)


def test_plan_table_exact_grid(plan: RawDocument) -> None:
    t = plan.tables[0]
    assert (t.n_rows, t.n_cols) == (5, 4)
    assert t.texts() == [
        ["Action", "Lead", "Timescale", "RAG"],
        ["Theme 1: Housing", "", "", ""],
        ["Build homes\nsecond line", "Housing team", "2025", "Green"],
        ["• first item\n• second item", "", "2026", "Amber"],
        ["Repair roads", "", "2026-27", ""],
    ]
    assert t.header_rows == 1


def test_horizontal_merge_gridspan(plan: RawDocument) -> None:
    t = plan.tables[0]
    theme = t.rows[1][0]
    assert (theme.col_span, theme.row_span, theme.origin) == (4, 1, None)
    assert t.rows[1][1:] == (Cell("", origin=(1, 0)),) * 3
    when = t.rows[4][2]
    assert (when.text, when.col_span, when.row_span, when.origin) == ("2026-27", 2, 1, None)
    assert t.rows[4][3] == Cell("", origin=(4, 2))


def test_vertical_merge_vmerge(plan: RawDocument) -> None:
    t = plan.tables[0]
    lead = t.rows[2][1]
    assert (lead.text, lead.row_span, lead.col_span, lead.origin) == ("Housing team", 3, 1, None)
    assert t.rows[3][1] == Cell("", origin=(2, 1))
    assert t.rows[4][1] == Cell("", origin=(2, 1))


def test_block_merge_two_by_two(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    _fill_grid(t, [["a", "b", "c"], ["d", "", ""], ["g", "", ""]])
    block = t.cell(1, 1).merge(t.cell(2, 2))
    block.text = "Block"
    _shade(block, GREEN)
    path = tmp_path / "block.docx"
    d.save(str(path))
    t = docx_to_document(path).tables[0]
    assert t.texts() == [["a", "b", "c"], ["d", "Block", ""], ["g", "", ""]]
    top = t.rows[1][1]
    assert (top.row_span, top.col_span, top.origin) == (2, 2, None)
    assert top.fill == pytest.approx(_rgb(GREEN))  # fill kept when the row span grows
    assert [t.rows[1][2].origin, t.rows[2][1].origin, t.rows[2][2].origin] == [(1, 1)] * 3


def test_fill_and_bold(plan: RawDocument) -> None:
    t = plan.tables[0]
    assert t.rows[2][3].fill == pytest.approx((0.0, 176 / 255, 80 / 255))
    assert t.rows[1][0].fill == pytest.approx(_rgb(BLUE))
    assert t.rows[1][1].fill is None  # covered positions carry nothing
    assert t.rows[2][2].fill is None and t.rows[0][0].fill is None
    assert all(c.bold for c in t.rows[0])
    assert not any(c.bold for c in t.rows[2])


def test_fill_auto_or_missing_is_none(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=1, cols=3)
    _fill_grid(t, [["auto", "bad", "lower"]])
    _shade(t.cell(0, 0), "auto")
    _shade(t.cell(0, 1), "12345")
    _shade(t.cell(0, 2), "ff0000")
    path = tmp_path / "fills.docx"
    d.save(str(path))
    row = docx_to_document(path).tables[0].rows[0]
    assert [c.fill for c in row] == [None, None, (1.0, 0.0, 0.0)]


def test_header_rows_only_leading_tblheader(plan: RawDocument) -> None:
    t = plan.tables[1]
    assert t.header_rows == 2
    assert t.texts()[:2] == [["Measures", "", ""], ["Ref", "Measure", "Target"]]


def test_header_rows_none_and_switched_off(tmp_path: Path) -> None:
    d = docx.Document()
    plain = d.add_table(rows=2, cols=2)
    _fill_grid(plain, [["A", "B"], ["1", "2"]])
    off = d.add_table(rows=2, cols=2)
    _fill_grid(off, [["A", "B"], ["1", "2"]])
    _repeat_header(off.rows[0], val="0")  # ST_OnOff: explicitly not a header row
    on = d.add_table(rows=2, cols=2)
    _fill_grid(on, [["A", "B"], ["1", "2"]])
    _repeat_header(on.rows[0], val="true")
    path = tmp_path / "headers.docx"
    d.save(str(path))
    assert [t.header_rows for t in docx_to_document(path).tables] == [0, 0, 1]


def test_context_and_headings(plan: RawDocument) -> None:
    first, second = plan.tables
    assert first.context == (
        "Priority 1: Homes",
        "Actions we will take are set out below.",
        "Table 1: Actions",
    )
    assert second.context == ("Between the tables.", "• A bullet in the body")
    by_text = {b.text: b for b in plan.text_blocks}
    assert (by_text["Housing Action Plan"].style, by_text["Housing Action Plan"].heading_level) \
        == ("Title", 1)
    # the raw style name from styles.xml: Word (and python-docx's template) spell it lower-case
    assert (by_text["Priority 1: Homes"].style, by_text["Priority 1: Homes"].heading_level) \
        == ("heading 1", 1)
    assert (by_text["Table 1: Actions"].style, by_text["Table 1: Actions"].heading_level) \
        == ("heading 2", 2)
    body = by_text["Actions we will take are set out below."]
    assert (body.style, body.heading_level, body.bold) == ("", 0, False)
    bullet = by_text["• A bullet in the body"]
    assert (bullet.style, bullet.heading_level) == ("List Bullet", 0)
    assert by_text["Closing remarks."].bold
    assert all(b.page is None for b in plan.text_blocks)


def test_core_title_wins_over_title_paragraph(tmp_path: Path) -> None:
    d = docx.Document()
    d.core_properties.title = "  Housing Strategy 2025-2030  "
    d.add_paragraph("Cover Title", style="Title")
    d.add_paragraph("Second Title", style="Title")
    path = tmp_path / "titled.docx"
    d.save(str(path))
    assert docx_to_document(path).title == "Housing Strategy 2025-2030"
    d.core_properties.title = ""
    d.save(str(path))
    assert docx_to_document(path).title == "Cover Title"


def test_no_title_at_all(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Just a heading", level=1)
    path = tmp_path / "untitled.docx"
    d.save(str(path))
    doc = docx_to_document(path)
    assert doc.title is None
    assert doc.tables == []


def test_outline_level_headings(tmp_path: Path) -> None:
    d = docx.Document()
    custom = d.styles.add_style("Council Heading", 1)  # WD_STYLE_TYPE.PARAGRAPH
    ppr = custom.element.get_or_add_pPr()
    ol = OxmlElement("w:outlineLvl")
    ol.set(qn("w:val"), "1")
    ppr.append(ol)
    d.add_paragraph("Styled outline", style="Council Heading")
    p = d.add_paragraph("Direct outline")
    ol = OxmlElement("w:outlineLvl")
    ol.set(qn("w:val"), "2")
    p._p.get_or_add_pPr().append(ol)
    path = tmp_path / "outline.docx"
    d.save(str(path))
    levels = [(b.text, b.style, b.heading_level) for b in docx_to_document(path).text_blocks]
    assert levels == [("Styled outline", "Council Heading", 2), ("Direct outline", "", 3)]


def _outline_style(d, name: str, val: str) -> None:
    ppr = d.styles.add_style(name, 1).element.get_or_add_pPr()
    ol = OxmlElement("w:outlineLvl")
    ol.set(qn("w:val"), val)
    ppr.append(ol)


def test_every_outline_style_keeps_its_own_level(tmp_path: Path) -> None:
    """Each style's outline level is its own, not the last style's the reader saw."""
    d = docx.Document()
    _outline_style(d, "Council Part", "0")
    _outline_style(d, "Council Section", "1")
    d.styles.add_style("Council Body", 1)  # a later style without an outline level
    d.add_paragraph("Part one", style="Council Part")
    d.add_paragraph("Section one", style="Council Section")
    d.add_paragraph("Plain text", style="Council Body")
    path = tmp_path / "outlines.docx"
    d.save(str(path))
    levels = [(b.text, b.heading_level) for b in docx_to_document(path).text_blocks]
    assert levels == [("Part one", 1), ("Section one", 2), ("Plain text", 0)]


def test_styles_part_without_styles(tmp_path: Path, base_docx: Path) -> None:
    """A styles.xml holding no style at all reads as a document without styles."""
    empty = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
             b'/>')
    path = _rewrite(base_docx, tmp_path / "nostyles.docx", lambda _data: empty,
                    member="word/styles.xml")
    doc = docx_to_document(path)
    assert [(b.text, b.heading_level) for b in doc.text_blocks] == [("Hello council", 0)]


def test_body_order_paragraph_table_paragraph_table(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("One")
    _fill_grid(d.add_table(rows=1, cols=1), [["T0"]])
    d.add_paragraph("")  # empty paragraphs are dropped
    d.add_paragraph("Two")
    _fill_grid(d.add_table(rows=1, cols=2), [["T1a", "T1b"]])
    path = tmp_path / "order.docx"
    d.save(str(path))
    doc = docx_to_document(path)
    assert _kinds(doc) == ["One", "<table 0>", "Two", "<table 1>"]
    assert [t.texts() for t in doc.tables] == [[["T0"]], [["T1a", "T1b"]]]
    assert [t.context for t in doc.tables] == [("One",), ("Two",)]


# --- cell text ---------------------------------------------------------------------------------


def test_cell_text_conventions(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=1, cols=4)
    paras = t.cell(0, 0)
    paras.text = "Line one"
    paras.add_paragraph("")
    paras.add_paragraph("  Line   two  ")
    typed = t.cell(0, 1)
    typed.text = "• typed bullet"
    typed.add_paragraph("- dashed item")
    typed.add_paragraph("\uf0b7 symbol bullet")
    numbered = t.cell(0, 2)
    numbered.text = "Step"
    numbered.paragraphs[0].style = "List Number"
    numbered.add_paragraph("intro", style="List Paragraph")
    tabbed = t.cell(0, 3)
    tabbed.text = ""
    run = tabbed.paragraphs[0].add_run("Q1")
    run.add_tab()
    run.add_text("2025")
    path = tmp_path / "cells.docx"
    d.save(str(path))
    assert docx_to_document(path).tables[0].texts() == [[
        "Line one\nLine two",
        "• typed bullet\n• dashed item\n• symbol bullet",
        "• Step\n• intro",
        "Q1 2025",
    ]]


def test_nested_table_in_cell(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    _fill_grid(t, [["Milestones", "Owner"], ["", "PMO"]])
    host = t.cell(1, 0)
    host.text = "Milestones:"
    inner = host.add_table(rows=2, cols=2)
    _fill_grid(inner, [["Q1", "Plan"], ["Q2", "Build"]])
    path = tmp_path / "nested.docx"
    d.save(str(path))
    doc = docx_to_document(path)
    assert len(doc.tables) == 1  # the nested table is text of its cell, not a table of its own
    assert doc.tables[0].texts() == [
        ["Milestones", "Owner"],
        ["Milestones:\nQ1 Plan\nQ2 Build", "PMO"],
    ]


def test_content_controls(tmp_path: Path) -> None:
    """w:sdt in a cell, around a cell, around a row and around body blocks."""
    d = docx.Document()
    intro = d.add_paragraph("Wrapped intro")
    t = d.add_table(rows=3, cols=3)
    _fill_grid(t, [[f"r{r}c{c}" for c in range(3)] for r in range(3)])
    _sdt(intro._p, t._tbl)  # a block-level content control around a paragraph and the table
    status = t.cell(0, 0)
    status.text = "Status:"
    inner = OxmlElement("w:p")
    status._tc.append(inner)
    _sdt(inner)
    Paragraph(inner, status).add_run("On track")
    _sdt(t.rows[1]._tr.tc_lst[1])  # a cell-level control in the middle of a row
    _sdt(t.rows[2]._tr)  # a repeating-section control around a whole row
    d.add_paragraph("After")
    path = tmp_path / "sdt.docx"
    d.save(str(path))
    doc = docx_to_document(path)
    assert _kinds(doc) == ["Wrapped intro", "<table 0>", "After"]
    assert doc.tables[0].texts() == [
        ["Status:\nOn track", "r0c1", "r0c2"],
        ["r1c0", "r1c1", "r1c2"],
        ["r2c0", "r2c1", "r2c2"],
    ]
    assert doc.tables[0].context == ("Wrapped intro",)


def test_grid_before_and_short_rows(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    _fill_grid(t, [["A", "B", "C"], ["x", "y", ""], ["1", "2", "3"]])
    tr = t.rows[1]._tr
    tr.remove(tr.tc_lst[2])  # the row has two cells ...
    gb = OxmlElement("w:gridBefore")  # ... and starts one grid column in
    gb.set(qn("w:val"), "1")
    tr.get_or_add_trPr().insert(0, gb)
    tr2 = t.rows[2]._tr
    tr2.remove(tr2.tc_lst[2])  # a short row: padded with an empty cell
    path = tmp_path / "ragged.docx"
    d.save(str(path))
    t = docx_to_document(path).tables[0]
    assert t.texts() == [["A", "B", "C"], ["", "x", "y"], ["1", "2", ""]]
    assert all(len(r) == 3 for r in t.rows)
    assert t.rows[1][0] == Cell("")


# --- the committed sample ----------------------------------------------------------------------


def test_sample_action_plan() -> None:
    doc = extract_document(SAMPLES / "lbth_vawg_action_plan_2024.docx")
    assert doc.format == "docx"
    assert len(doc.tables) == 3
    first = doc.tables[0]
    assert first.header_rows == 1
    assert first.texts()[0] == ["No.", "Action", "Output", "Outcome", "Timescales", "Lead Officer"]
    assert [t.header_rows for t in doc.tables] == [1, 1, 1]
    assert [t.n_cols for t in doc.tables] == [6, 6, 6]
    assert first.context[-2:] == (
        "Priority 1: Preventing Harm and Promoting Safety",
        "'We will prevent violence and abuse through early intervention and education'",
    )
    assert first.rows[1][0].text == "1.1"
    assert first.rows[1][2].text.startswith("• Deliver 7.5 multi-agency VAWG training sessions")
    for t in doc.tables:
        assert isinstance(t, RawTable)
        for r, row in enumerate(t.rows):
            assert len(row) == t.n_cols
            for cell in row:
                if cell.origin is not None:
                    orow, ocol = cell.origin
                    assert orow <= r and t.rows[orow][ocol].origin is None


# --- safety and damaged files ------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_docx(tmp_path_factory) -> Path:
    d = docx.Document()
    d.add_paragraph("Hello council")
    path = tmp_path_factory.mktemp("base") / "base.docx"
    d.save(str(path))
    return path


def _rewrite(src: Path, dst: Path, edit: Callable[[bytes], bytes],
             member: str = "word/document.xml") -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, edit(data) if info.filename == member else data)
    return dst


def _with_doctype(doctype: bytes, entity_ref: bytes, padding: bytes = b"",
                  utf16: bool = False) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        decl, rest = data.split(b"?>", 1)
        body = rest.lstrip().replace(b"Hello council", entity_ref)
        if utf16:
            decl = decl.replace(b"UTF-8", b"UTF-16")
            return (decl + b"?>\n" + padding + doctype + b"\n" + body).decode().encode("utf-16")
        return decl + b"?>\n" + padding + doctype + b"\n" + body
    return edit


XXE = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
PARAM_XXE = b'<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
LAUGHS = (
    b'<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + b"".join(
        b"<!ENTITY lol%d \"%s\">" % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>"
)


@pytest.mark.parametrize(
    "doctype, ref, padding, utf16",
    [
        (XXE, b"&xxe;", b"", False),
        (LAUGHS, b"&lol9;", b"", False),
        (XXE, b"&xxe;", b"<!--" + b"x" * 6000 + b"-->\n", False),  # DOCTYPE past the first 4 KB
        (XXE, b"&xxe;", b"", True),  # UTF-16: no ASCII "<!DOCTYPE" bytes to spot
        (LAUGHS, b"&lol9;", b"", True),
        (PARAM_XXE, b"Hello", b"", False),
        (PARAM_XXE, b"Hello", b"<!--" + b"x" * 6000 + b"-->\n", False),
    ],
    ids=["xxe", "billion-laughs", "xxe-after-padding", "xxe-utf16", "laughs-utf16",
         "param-xxe", "param-xxe-after-padding"],
)
def test_entities_refused(tmp_path: Path, base_docx: Path, doctype, ref, padding, utf16) -> None:
    path = _rewrite(base_docx, tmp_path / "evil.docx", _with_doctype(doctype, ref, padding, utf16))
    for reader in (docx_to_document, extract_document):
        with pytest.raises(UnsafeDocument) as info:
            reader(path)
        message = str(info.value)
        assert message == "XML with a DOCTYPE/entity declaration in word/document.xml"
        assert "root:" not in message and "lollol" not in message


def test_entity_in_relationships_part_refused(tmp_path: Path, base_docx: Path) -> None:
    def edit(data: bytes) -> bytes:
        decl, rest = data.split(b"?>", 1)
        return decl + b"?>" + XXE.replace(b"w:document", b"Relationships") + rest

    path = _rewrite(base_docx, tmp_path / "rels.docx", edit, member="word/_rels/document.xml.rels")
    with pytest.raises(UnsafeDocument, match=r"in word/_rels/document\.xml\.rels$"):
        docx_to_document(path)


def test_zip_bomb_member(tmp_path: Path, base_docx: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(base_docx.read_bytes())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf, \
            zf.open("word/media/zeros.bin", "w") as fh:
        chunk = b"\0" * 2**20
        for _ in range(200):
            fh.write(chunk)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/media/zeros.bin")
    assert info.file_size == 200 * 2**20
    ratio = info.file_size // info.compress_size
    assert path.stat().st_size < 2**20
    for reader in (docx_to_document, extract_document):
        with pytest.raises(UnsafeDocument) as exc:
            reader(path)
        assert str(exc.value) == f"zip bomb: word/media/zeros.bin expands {ratio}x"


def test_zip_total_size_limit(tmp_path: Path, base_docx: Path, monkeypatch) -> None:
    import councilplans.extract.docx as docx_module

    path = tmp_path / "big.docx"
    path.write_bytes(base_docx.read_bytes())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/media/photo.bin", bytes(range(256)) * 8192)  # 2 MB, stored
    monkeypatch.setattr(docx_module, "MAX_UNCOMPRESSED", 2**20)
    with pytest.raises(UnsafeDocument, match=r"^zip bomb: expands to 2 MB$"):
        docx_to_document(path)


def test_not_a_zip_with_docx_suffix(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(b"Action plan notes, not a Word file\n")
    with pytest.raises(NotADocument, match="^not a PDF or DOCX: it looks like plain text$"):
        extract_document(path)
    with pytest.raises(CorruptDocument, match="^not a valid DOCX: not a zip archive"):
        docx_to_document(path)


def test_truncated_docx(tmp_path: Path, plan_docx: Path) -> None:
    data = plan_docx.read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocument, match="^not a valid DOCX"):
        extract_document(path)


def test_zip_without_word_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(CorruptDocument,
                       match="^not a valid DOCX: no word/document.xml in the package$"):
        docx_to_document(path)
    with pytest.raises(NotADocument, match="zip archive without a Word document"):
        extract_document(path)


def test_damaged_document_xml(tmp_path: Path, base_docx: Path) -> None:
    path = _rewrite(base_docx, tmp_path / "broken.docx", lambda data: data[: len(data) // 2])
    with pytest.raises(CorruptDocument, match="^not a valid DOCX: XMLSyntaxError"):
        docx_to_document(path)


def _rendered_break(paragraph: Paragraph) -> None:
    """What Word writes where its last layout started a new page."""
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:lastRenderedPageBreak"))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, run)


def test_pages_from_words_last_layout(tmp_path: Path) -> None:
    """A file saved by Word records its page breaks: blocks and table rows get their pages,
    and a table running over a break stays one table (only PDFs split tables)."""
    d = docx.Document()
    d.add_paragraph("Action plan", style="Heading 1")
    table = d.add_table(rows=4, cols=2)
    for r, (ref, action) in enumerate([("No.", "Action"), ("1.1", "Train staff"),
                                       ("1.2", "Open a hub"), ("1.3", "Audit parks")]):
        table.cell(r, 0).text, table.cell(r, 1).text = ref, action
    _rendered_break(table.cell(2, 1).paragraphs[0])  # row 1.2 begins page 2
    after = d.add_paragraph("Governance")
    _rendered_break(after)  # and the text after the table begins page 3
    path = tmp_path / "paged.docx"
    d.save(str(path))
    doc = docx_to_document(path)
    (plan,) = doc.tables
    assert (plan.page, plan.end_page, plan.row_pages) == (1, 2, (1, 1, 2, 2))
    assert [(b.text, b.page) for b in doc.text_blocks] == [("Action plan", 1), ("Governance", 3)]
    assert doc.pages == 3


def test_no_recorded_layout_means_no_page_numbers(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Plan")
    d.add_page_break()
    d.add_paragraph("More")
    path = tmp_path / "unpaged.docx"
    d.save(str(path))
    doc = docx_to_document(path)
    assert doc.pages is None and all(b.page is None for b in doc.text_blocks)


def test_council_named_only_in_the_page_header(tmp_path: Path) -> None:
    from councilplans.normalise.metadata import document_meta

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "London Borough of Havering"
    d.sections[0].footer.paragraphs[0].text = "Page 1"
    d.add_paragraph("Violence Against Women and Girls Action Plan", style="Title")
    path = tmp_path / "furniture.docx"
    d.save(str(path))
    doc = docx_to_document(path)
    assert doc.furniture == ("London Borough of Havering", "Page 1")
    assert document_meta(doc).organisations == ("Havering Council",)


def test_font_sizes_from_runs_and_styles(tmp_path: Path) -> None:
    """Headings made by direct formatting (bigger, bold) are known by their size."""
    from docx.shared import Pt

    d = docx.Document()
    run = d.add_paragraph().add_run("Supporting survivors")
    run.font.size, run.bold = Pt(16), True
    d.add_paragraph("Body text at the style's size.")
    path = tmp_path / "sizes.docx"
    d.save(str(path))
    blocks = docx_to_document(path).text_blocks
    # python-docx's template sets no size on Normal: the document default, w:sz 22, is 11 pt
    assert [(b.text, b.size, b.bold) for b in blocks] == [
        ("Supporting survivors", 16.0, True), ("Body text at the style's size.", 11.0, False)]
