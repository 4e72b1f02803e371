"""Build the sample documents and their expected records from the specs.

Why a generator: the seed documents exist only as converter text, and a test set is only worth
something if the truth and the document come from one source. Each spec (``specs/*.json``,
format in ``SPEC.md``) holds the records a careful analyst would type; from it this script draws

- ``NAME.docx`` with python-docx, using the Word structures councils' files have (header rows
  marked to repeat, gridSpan and vMerge merges, cell shading, List Bullet paragraphs, headings),
- ``NAME.pdf``, that DOCX converted by LibreOffice headless, the way councils make their PDFs,
- ``NAME-rl.pdf``, the same tables drawn by reportlab with rows allowed to split across pages,
- ``NAME.expected.json`` / ``NAME-rl.expected.json``, computed from the spec alone,
- the same three documents in ``variants/`` with the plan tables borderless (``NAME-plain``)
  and banded (``NAME-banded``), to measure layouts whose columns no rule shows,
- ``layouts/``: the table layouts of issue 9 drawn by Word + LibreOffice, Chromium and
  reportlab (``producers/``, list in ``SPEC.md``), all from ``drawn_table`` below.

Run: ``python samples/generate.py [--only NAME ...] [--no-pdf] [--layouts-only]``
(``make samples``). The outputs are committed, so tests never need LibreOffice or Chromium.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from councilplans.normalise.model import RECORD_FIELDS

HERE = Path(__file__).resolve().parent
SPEC_DIRS = (HERE / "specs", HERE / "shapes")

FIELDS = ("kind", *RECORD_FIELDS)
RAG_FILL = {"green": "00B050", "amber": "FFC000", "red": "FF0000"}
RAG_WORD = {"green": "Green", "amber": "Amber", "red": "Red"}
RAG_LETTER = {"green": "G", "amber": "A", "red": "R"}
HEADER_FILL = "D9E2F3"
SECTION_FILL = "F2F2F2"
BAND_FILL = "DDEBF7"
FIXED_DATE = dt.datetime(2024, 1, 1, 9, 0, 0)

_SPACE = re.compile(r"\s+")

Value = str | list[str] | None


# --------------------------------------------------------------------------------------------
# The truth: expected records from a spec


def clean(value: Value) -> str | None:
    """The text a careful person would type for one cell value (SPEC.md, text conventions)."""
    if value is None:
        return None
    if isinstance(value, list):
        items = [_SPACE.sub(" ", item).strip() for item in value]
        text = "\n".join("• " + item for item in items if item)
    else:
        text = _SPACE.sub(" ", value).strip()
    return text or None


def _joined(values: list[str | None], sep: str) -> str | None:
    kept = [v for v in values if v]
    return sep.join(kept) if kept else None


def plan_tables(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for block in spec["blocks"]:
        if "table" in block and block["table"].get("plan", True):
            yield block["table"]


def _has_refs(table: dict[str, Any]) -> bool:
    return any(c["field"] == "ref" or c.get("ref_prefix") for c in table["columns"])


def expected_record(table: dict[str, Any], rec: dict[str, Any], section: str | None) -> dict:
    out: dict[str, Any] = dict.fromkeys(FIELDS)
    out["kind"] = table.get("kind", "action")
    out["section"] = section
    out["extra"] = {}
    if _has_refs(table):
        out["ref"] = clean(rec.get("ref"))
    parts = rec.get("parts") or []
    for col in table["columns"]:
        name = col["field"]
        if name is None:
            text = clean((rec.get("extra") or {}).get(col["header"]))
            if parts and any(col["header"] in (p.get("extra") or {}) for p in parts):
                text = _joined([clean((p.get("extra") or {}).get(col["header"])) for p in parts],
                               "\n")
            if text:
                out["extra"][col["header"]] = text
            continue
        if name == "ref":
            continue
        if parts and any(name in p for p in parts) and name not in rec:
            values = [clean(p.get(name)) for p in parts]
            if name == "rag":
                out[name] = next((v for v in values if v), None)
            else:
                out[name] = _joined(values, "; " if name == "lead" else "\n")
        else:
            out[name] = clean(rec.get(name))
    out["due_date"] = rec.get("due_date")
    return out


def expected_records(spec: dict[str, Any]) -> list[dict[str, Any]]:
    records = []
    for table in plan_tables(spec):
        section = table.get("section")
        for row in table["rows"]:
            if "section_row" in row:
                section = clean(row["section_row"])
                continue
            for rec in row.get("combined", [row]):
                records.append(expected_record(table, rec, section))
    return records


def expected_document(spec: dict[str, Any]) -> dict[str, Any]:
    meta = spec.get("meta", {})
    return {"title": spec["title"], **{k: meta.get(k) for k in
            ("organisations", "doc_type", "period_start", "period_end")}}


# --------------------------------------------------------------------------------------------
# Layout: the table as drawn rows of cells, shared by the DOCX and reportlab writers


@dataclass
class Para:
    text: str
    bullet: bool = False


@dataclass
class DrawnCell:
    paras: list[Para] = field(default_factory=list)
    fill: str | None = None
    bold: bool = False
    row_span: int = 1  # on the top cell of a vertical merge
    covered: bool = False  # under a vertical merge
    col_span: int = 1
    hidden: bool = False  # under a horizontal merge
    color: str | None = None  # text colour (hex), for styles that colour group rows
    section: bool = False  # the full-width cell of a section row


Drawn = tuple[list[list[DrawnCell]], list[list[DrawnCell]], list[float]]
"""(header rows, body rows, column width weights): a table as every producer draws it."""


def _paras(value: Value, prefix: str | None = None) -> list[Para]:
    if value is None or value == "" or value == []:
        return [Para(prefix)] if prefix else []
    if isinstance(value, list):
        items = [Para(item, bullet=True) for item in value]
        return ([Para(prefix)] if prefix else []) + items
    return [Para(f"{prefix} {value}" if prefix else value)]


def _rag_cell(col: dict[str, Any], table: dict[str, Any], value: str | None) -> DrawnCell:
    if value is None:
        return DrawnCell()
    if col.get("shading"):
        return DrawnCell(fill=RAG_FILL[value])
    style = RAG_LETTER if table.get("rag_style") == "letter" else RAG_WORD
    return DrawnCell([Para(style[value])], fill=RAG_FILL[value] if table.get("rag_fill") else None)


def _value(col: dict[str, Any], rec: dict[str, Any]) -> Value:
    if col["field"] is None:
        return (rec.get("extra") or {}).get(col["header"])
    return rec.get(col["field"])


def _record_cell(col: dict[str, Any], table: dict[str, Any], recs: list[dict[str, Any]],
                 source: list[dict[str, Any]]) -> DrawnCell:
    """One cell holding the values of ``recs`` (one record, or a combined row's records)."""
    name = col["field"]
    if name == "rag" and len(source) == 1:
        return _rag_cell(col, table, source[0].get("rag"))
    cell = DrawnCell()
    if len(recs) > 1 and not col.get("ref_prefix") and name != "ref":
        shared = {json.dumps(_value(col, src)) for src in source}
        if len(shared) == 1:  # a combined row's common value (its objective) is printed once
            return _record_cell(col, table, recs[:1], source[:1])
    for rec, src in zip(recs, source, strict=True):
        value = _value(col, src)
        prefix = rec.get("ref") if col.get("ref_prefix") and name != "ref" else None
        cell.paras.extend(_paras(value, prefix))
    return cell


def _merge_key(col: dict[str, Any], recs: list[dict[str, Any]]) -> str | None:
    """What merge_repeats compares: the value all of a drawn row's records share, if any."""
    values = {json.dumps(_value(col, rec)) for rec in recs}
    return values.pop() if col["field"] and len(values) == 1 else None


def layout(table: dict[str, Any]) -> tuple[list[list[DrawnCell]], list[list[DrawnCell]]]:
    """(header rows, body rows) of a plan table, merges resolved into spans."""
    cols = table["columns"]
    n = len(cols)
    header: list[list[DrawnCell]] = []
    if table.get("header_groups"):
        row = []
        for group in table["header_groups"]:
            row.append(DrawnCell([Para(group["text"])] if group["text"] else [], HEADER_FILL,
                                 True, col_span=group["span"]))
            row.extend(DrawnCell(hidden=True) for _ in range(group["span"] - 1))
        header.append(row)
    header.append([DrawnCell([Para(c["header"])], HEADER_FILL, True) for c in cols])

    body: list[list[DrawnCell]] = []
    keys: list[list[Any]] = []  # per drawn row, per column: the value compared by merge_repeats
    for row in table["rows"]:
        if "section_row" in row:
            body.append([DrawnCell([Para(row["section_row"])], SECTION_FILL, True, col_span=n,
                                   section=True)]
                        + [DrawnCell(hidden=True) for _ in range(n - 1)])
            keys.append([None] * n)
            continue
        recs = row.get("combined", [row])
        parts = row.get("parts")
        if parts:
            first = len(body)
            part_fields = {k for p in parts for k in p}
            for i, part in enumerate(parts):
                drawn = []
                for col in cols:
                    in_part = (col["field"] in part_fields if col["field"] else
                               any(col["header"] in (p.get("extra") or {}) for p in parts))
                    if in_part:
                        drawn.append(_record_cell(col, table, [row], [part]))
                    elif i == 0:
                        drawn.append(_record_cell(col, table, [row], [row]))
                        drawn[-1].row_span = len(parts)
                    else:
                        drawn.append(DrawnCell(covered=True))
                body.append(drawn)
                keys.append([None] * n)
            assert len(body) - first == len(parts)
            continue
        body.append([_record_cell(col, table, recs, recs) for col in cols])
        keys.append([_merge_key(c, recs) for c in cols])

    for c, col in enumerate(cols):
        if not col.get("merge_repeats"):
            continue
        r = 0
        while r < len(body):
            end = r + 1
            while (keys[r][c] is not None and end < len(body) and keys[end][c] == keys[r][c]
                   and not body[end][c].covered):
                end += 1
            if end - r > 1:
                body[r][c].row_span = end - r
                for k in range(r + 1, end):
                    body[k][c] = DrawnCell(covered=True)
            r = end
    look = table.get("look", "grid")
    if look == "plain":  # no borders, no shading: only white space holds the columns apart
        for drawn in (d for row in header for d in row):
            drawn.fill = None
    elif look == "banded":  # no borders; every other row tinted
        for k, row in enumerate(r for r in body if not r[0].section):
            if k % 2 == 0:
                for drawn in row:
                    if not (drawn.covered or drawn.hidden or drawn.fill):
                        drawn.fill = BAND_FILL
    return header, body


def drawn_table(table: dict[str, Any]) -> Drawn:
    """(header rows, body rows, column width weights) of any table, plan or not."""
    if table.get("plan", True):
        header, body = layout(table)
        return header, body, [c.get("width", 2.0) for c in table["columns"]]
    header = [[DrawnCell([Para(h)], HEADER_FILL, True) for h in table["header"]]] \
        if table.get("header") else []
    body = [[DrawnCell(_paras(v)) for v in row] for row in table["rows"]]
    return header, body, table.get("widths") or [1.0] * len(body[0] if body else header[0])


# --------------------------------------------------------------------------------------------
# DOCX


def _docx_cell_paras(cell, drawn: DrawnCell, size_pt: float) -> None:
    from docx.shared import Pt, RGBColor

    first = cell.paragraphs[0]
    paras = drawn.paras or [Para("")]
    for i, para in enumerate(paras):
        p = first if i == 0 else cell.add_paragraph()
        if para.bullet:
            p.style = "List Bullet"
        run = p.add_run(para.text)
        run.font.size = Pt(size_pt)
        run.bold = drawn.bold or None
        if drawn.color:
            run.font.color.rgb = RGBColor.from_string(drawn.color)


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _docx_table(doc, table: dict[str, Any], usable_cm: float) -> None:
    t = docx_grid(doc, drawn_table(table), usable_cm,
                  table.get("repeat_header", table.get("plan", True)))
    if table.get("look", "grid") == "grid":
        t.style = "Table Grid"  # otherwise Word's default table style: no borders


def docx_grid(doc, drawn: Drawn, usable_cm: float, repeat_header: bool):
    """A Word table of drawn rows (text, fills, merges), in Word's default style: no borders."""
    from docx.shared import Cm

    header, body, widths = drawn
    grid = header + body
    t = doc.add_table(rows=len(grid), cols=len(widths))
    t.autofit = False
    scale = usable_cm / sum(widths)
    for r, drawn_row in enumerate(grid):
        row = t.rows[r]
        for c, cell_drawn in enumerate(drawn_row):
            cell = row.cells[c]
            cell.width = Cm(widths[c] * scale)
            if cell_drawn.hidden or cell_drawn.covered:
                continue
            _docx_cell_paras(cell, cell_drawn, 8.5)
            if cell_drawn.fill:
                _shade(cell, cell_drawn.fill)
        if r < len(header) and repeat_header:
            _repeat_header(row)
    # merges after the text is in place: python-docx moves the covered cells' (empty) content
    for r, drawn_row in enumerate(grid):
        for c, cell_drawn in enumerate(drawn_row):
            if cell_drawn.col_span > 1:
                t.cell(r, c).merge(t.cell(r, c + cell_drawn.col_span - 1))
            if cell_drawn.row_span > 1:
                t.cell(r, c).merge(t.cell(r + cell_drawn.row_span - 1, c))
    _drop_empty_merge_paras(t)
    return t


def _drop_empty_merge_paras(t) -> None:
    """python-docx leaves an empty paragraph per merged cell; Word would not, so drop them."""
    from docx.oxml.ns import qn

    for tc in t._tbl.iter(qn("w:tc")):
        paras = tc.findall(qn("w:p"))
        for p in paras[1:]:
            if not "".join(p.itertext()).strip():
                tc.remove(p)


def build_docx(spec: dict[str, Any], path: Path, table_writer=None) -> None:
    """``table_writer(doc, table, usable_cm)`` draws each table (default: ``_docx_table``)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    section = doc.sections[0]
    if spec.get("landscape"):
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    usable = (section.page_width - section.left_margin - section.right_margin) / 360000
    props = doc.core_properties
    props.title = spec["title"]
    props.author = "councilplans sample generator"
    props.created = props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    props.revision = 1

    for block in spec["blocks"]:
        if "title" in block:
            doc.add_paragraph(block["title"], style="Title")
        elif "heading" in block:
            doc.add_heading(block["heading"], level=block.get("level", 1))
        elif "paragraph" in block:
            doc.add_paragraph(block["paragraph"])
        elif "bullets" in block:
            for item in block["bullets"]:
                doc.add_paragraph(item, style="List Bullet")
        elif "page_break" in block:
            doc.add_page_break()
        elif "table" in block:
            (table_writer or _docx_table)(doc, block["table"], usable)
            doc.add_paragraph()
        else:
            raise ValueError(f"unknown block {sorted(block)}")
    doc.save(str(path))


def docx_to_pdf(docx_path: Path, pdf_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) not found: run `make samples-tools` first")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(docx_path)],
            check=True, capture_output=True, timeout=300,
        )
        shutil.move(Path(tmp, docx_path.stem + ".pdf"), pdf_path)


# --------------------------------------------------------------------------------------------
# reportlab: a different producer, rows split across pages


@dataclass
class RlStyles:
    """The paragraph styles every reportlab drawing shares."""

    sheet: Any
    body: Any
    bold: Any
    bullet: Any


def rl_styles() -> RlStyles:
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    styles = getSampleStyleSheet()
    styles["Title"].fontSize, styles["Title"].leading = 22, 26
    for level, size in ((1, 15), (2, 13), (3, 11)):
        styles[f"Heading{level}"].fontSize = size
        styles[f"Heading{level}"].leading = size + 3
    body_style = ParagraphStyle("cell", parent=styles["Normal"], fontName="Helvetica",
                                fontSize=8, leading=10)
    bold_style = ParagraphStyle("cellb", parent=body_style, fontName="Helvetica-Bold")
    bullet_style = ParagraphStyle("cellbullet", parent=body_style, leftIndent=9,
                                  bulletIndent=1)
    return RlStyles(styles, body_style, bold_style, bullet_style)


def rl_cell_flow(drawn: DrawnCell, st: RlStyles) -> list:
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    flow = []
    for para in drawn.paras:
        text = escape(para.text)
        if drawn.color:
            text = f'<font color="#{drawn.color}">{text}</font>'
        if para.bullet:
            flow.append(Paragraph(text, st.bullet, bulletText="\u2022"))
        else:
            flow.append(Paragraph(text, st.bold if drawn.bold else st.body))
    return flow


def rl_story(spec: dict[str, Any], st: RlStyles, make_table) -> list:
    """The flowables of a spec's blocks; ``make_table(table)`` gives each table's flowables."""
    from xml.sax.saxutils import escape

    from reportlab.platypus import PageBreak, Paragraph

    styles = st.sheet
    story: list = []
    for block in spec["blocks"]:
        if "title" in block:
            story.append(Paragraph(escape(block["title"]), styles["Title"]))
        elif "heading" in block:
            level = min(block.get("level", 1), 3)
            story.append(Paragraph(escape(block["heading"]), styles[f"Heading{level}"]))
        elif "paragraph" in block:
            story.append(Paragraph(escape(block["paragraph"]), styles["Normal"]))
        elif "bullets" in block:
            story.extend(Paragraph(escape(item), styles["Normal"], bulletText="\u2022")
                         for item in block["bullets"])
        elif "page_break" in block:
            story.append(PageBreak())
        elif "table" in block:
            story.extend(make_table(block["table"]))
        else:
            raise ValueError(f"unknown block {sorted(block)}")
    return story


def _rl_grid_table(table: dict[str, Any], st: RlStyles, usable: float) -> list:
    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.platypus import Spacer, Table

    header, body, widths = drawn_table(table)
    grid = header + body
    scale = usable / sum(widths)
    # Vertical merges are drawn, not spanned: the covered cells lose the rule above
    # them. A reportlab SPAN cannot break across pages, and a PDF has no merged cells
    # anyway, only missing rules.
    ruled = table.get("look", "grid") == "grid"
    cmds: list = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if ruled:
        cmds.append(("BOX", (0, 0), (-1, -1), 0.5, colors.black))
    data = []
    for r, drawn_row in enumerate(grid):
        data.append([rl_cell_flow(d, st) if not (d.hidden or d.covered) else ""
                     for d in drawn_row])
        for c, d in enumerate(drawn_row):
            if d.fill:
                cmds.append(("BACKGROUND", (c, r), (c, r), colors.HexColor("#" + d.fill)))
            if d.col_span > 1:
                cmds.append(("SPAN", (c, r), (c + d.col_span - 1, r)))
            if ruled and c and not d.hidden:
                cmds.append(("LINEBEFORE", (c, r), (c, r), 0.5, colors.black))
            if ruled and r and not d.covered:
                cmds.append(("LINEABOVE", (c, r), (c, r), 0.5, colors.black))
    return [Table(data, colWidths=[w * scale for w in widths], style=cmds,
                  repeatRows=len(header) if table.get("repeat_header") else 0, splitInRow=1),
            Spacer(1, 0.4 * cm)]


RL_MARGIN_CM = 1.8


def build_reportlab(spec: dict[str, Any], path: Path) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    page = landscape(A4) if spec.get("landscape") else A4
    st = rl_styles()
    usable = page[0] - 2 * RL_MARGIN_CM * cm
    story = rl_story(spec, st, lambda table: _rl_grid_table(table, st, usable))
    margin = RL_MARGIN_CM * cm
    doc = SimpleDocTemplate(str(path), pagesize=page, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=spec["title"],
                            author="councilplans sample generator", invariant=1)
    doc.build(story)


# --------------------------------------------------------------------------------------------


def write_expected(spec: dict[str, Any], path: Path) -> None:
    data = {"document": expected_document(spec), "records": expected_records(spec)}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def generate(spec_path: Path, out_dir: Path, pdf: bool = True) -> list[Path]:
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    name = spec["name"]
    out_dir.mkdir(parents=True, exist_ok=True)
    docx_path = out_dir / f"{name}.docx"
    build_docx(spec, docx_path)
    write_expected(spec, out_dir / f"{name}.expected.json")
    made = [docx_path]
    if pdf:
        docx_to_pdf(docx_path, out_dir / f"{name}.pdf")
        made.append(out_dir / f"{name}.pdf")
    if spec.get("reportlab", True):
        build_reportlab(spec, out_dir / f"{name}-rl.pdf")
        write_expected(spec, out_dir / f"{name}-rl.expected.json")
        made.append(out_dir / f"{name}-rl.pdf")
    return made


LOOKS = ("plain", "banded")


def generate_variants(spec_path: Path, out_dir: Path, pdf: bool = True) -> list[Path]:
    """The same document with its plan tables borderless, then banded: layouts whose columns
    only white space or shading show, for measuring how far the PDF readers carry."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for look in LOOKS:
            variant = json.loads(json.dumps(spec))
            variant["name"] = f"{spec['name']}-{look}"
            for block in variant["blocks"]:
                if "table" in block and block["table"].get("plan", True):
                    block["table"]["look"] = look
            path = Path(tmp, variant["name"] + ".json")
            path.write_text(json.dumps(variant), encoding="utf-8")
            made += generate(path, out_dir, pdf=pdf)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="spec names to build (default: all)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice conversion")
    parser.add_argument("--layouts-only", action="store_true",
                        help="build only samples/layouts/ (the layout classes of issue 9)")
    args = parser.parse_args(argv)
    for spec_dir in () if args.layouts_only else SPEC_DIRS:
        out_dir = HERE if spec_dir.name == "specs" else spec_dir
        for spec_path in sorted(spec_dir.glob("*.json")):
            if spec_path.name.endswith(".expected.json"):  # shapes/ holds specs and outputs
                continue
            if args.only and spec_path.stem not in args.only:
                continue
            made = generate(spec_path, out_dir, pdf=not args.no_pdf)
            if spec_dir.name == "specs":
                made += generate_variants(spec_path, HERE / "variants", pdf=not args.no_pdf)
            print(" ".join(str(p.relative_to(HERE)) for p in made))
    if not args.no_pdf:  # every layout sample is a PDF
        from producers.catalogue import generate_layouts

        made = generate_layouts(HERE / "layouts", args.only)
        print(" ".join(str(p.relative_to(HERE)) for p in made))
    return 0


if __name__ == "__main__":
    sys.exit(main())
