"""Word table styles through python-docx, converted to PDF by LibreOffice.

The looks are written as the direct formatting Word's table styles resolve to (table borders,
cell shading, run colours): LibreOffice's import of a style's conditional formatting varies by
version, direct formatting does not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import generate

from producers.looks import Look, Spec, caption_text, source_text, styled

# Elements that follow the borders in w:tblPr / w:tcPr (ECMA-376 sequence order).
_AFTER = {
    "w:tblBorders": ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"),
    "w:tcBorders": ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                    "w:vAlign", "w:hideMark"),
}
# Word border sizes are eighths of a point.
_TOP_RULE, _HEADER_RULE, _ROW_RULE = 12, 8, 4


def _borders(parent, tag: str, edges: dict[str, tuple[int, str] | None]) -> None:
    """Set ``w:tblBorders`` / ``w:tcBorders`` edges: (size, colour), or None for no line."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = parent.find(qn(tag))
    if borders is None:
        borders = OxmlElement(tag)
        later = next((el for el in parent if el.tag in {qn(t) for t in _AFTER[tag]}), None)
        if later is None:
            parent.append(borders)
        else:
            later.addprevious(borders)  # the schema's element order, so Word opens the file
    for edge, spec in edges.items():
        el = OxmlElement(f"w:{edge}")
        if spec is None:
            el.set(qn("w:val"), "nil")
        else:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), str(spec[0]))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), spec[1])
        borders.append(el)


def _grid_widths(t, widths: list[float], usable_cm: float) -> None:
    """Column widths in w:tblGrid too: LibreOffice lays a table out by its grid, not by the
    cells' widths, and equal columns are not what councils' tables look like."""
    from docx.oxml.ns import qn

    scale = usable_cm / sum(widths)
    for col, weight in zip(t._tbl.tblGrid.iter(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(round(weight * scale * 567)))  # twips per cm


def _writer(look: Look, spec: Spec):
    numbers = iter(range(1, 1000))

    def write(doc, table: dict[str, Any], usable_cm: float) -> None:
        plan = table.get("plan", True)
        if plan and look.caption:
            doc.add_paragraph(caption_text(next(numbers), table, spec), style="Caption")
        drawn = styled(table, look)
        t = generate.docx_grid(doc, drawn, usable_cm, table.get("repeat_header", plan))
        _grid_widths(t, drawn[2], usable_cm)
        if plan and look.caption:
            doc.add_paragraph(source_text(spec))
        none = dict.fromkeys(("top", "left", "bottom", "right", "insideH", "insideV"))
        if look.rules != "booktabs":
            _borders(t._tbl.tblPr, "w:tblBorders", none)
            return
        _borders(t._tbl.tblPr, "w:tblBorders",
                 none | {"top": (_TOP_RULE, "000000"), "bottom": (_TOP_RULE, "000000"),
                         "insideH": (_ROW_RULE, "7F7F7F")})
        last_header = t.rows[len(drawn[0]) - 1]
        for cell in last_header.cells:
            _borders(cell._tc.get_or_add_tcPr(), "w:tcBorders",
                     {"bottom": (_HEADER_RULE, "000000")})

    return write


def build(spec: Spec, look: Look, pdf_path: Path, tmp: Path) -> None:
    """``pdf_path``: the spec as a Word document in ``look``, printed by LibreOffice."""
    docx_path = tmp / (pdf_path.stem + ".docx")
    generate.build_docx(spec, docx_path, table_writer=_writer(look, spec))
    generate.docx_to_pdf(docx_path, pdf_path)
