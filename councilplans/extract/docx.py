"""DOCX -> RawDocument, read from the WordprocessingML so merges, header rows and shading survive.

python-docx opens the package; the body is walked in document order so the headings before
each table are known. Cells are placed on the table's grid: ``gridSpan`` widens a cell,
``vMerge`` continues the cell above, ``tblHeader`` marks rows that repeat on each page.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from contextlib import suppress
from pathlib import Path

from councilplans.errors import CorruptDocument, UnsafeDocument
from councilplans.extract.model import Cell, RawDocument, RawTable, TextBlock
from councilplans.vocabulary import BULLET, bullet_end

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_RATIO = 200
_WS = re.compile(r"\s+")


def check_package(path: Path) -> None:
    """Refuse what is not a Word package, or would expand into far more than it is."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptDocument(f"not a valid DOCX: not a zip archive ({exc})") from exc
    with zf:
        infos = zf.infolist()
        if "word/document.xml" not in zf.namelist():
            raise CorruptDocument("not a valid DOCX: no word/document.xml in the package")
        total = sum(i.file_size for i in infos)
        if total > MAX_UNCOMPRESSED:
            raise UnsafeDocument(f"zip bomb: expands to {total // 2**20} MB")
        for i in infos:
            if i.file_size > 10 * 2**20 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                raise UnsafeDocument(
                    f"zip bomb: {i.filename} expands {i.file_size // max(i.compress_size, 1)}x"
                )
        try:
            for name in zf.namelist():
                if name.endswith(".xml") or name.endswith(".rels"):
                    with zf.open(name) as fh:
                        if _has_doctype(fh):
                            raise UnsafeDocument(
                                f"XML with a DOCTYPE/entity declaration in {name}")
        except zlib.error as exc:
            if "Error -4" in str(exc):  # Z_MEM_ERROR: the memory limit, not a damaged file
                raise MemoryError(str(exc)) from exc
            raise CorruptDocument(f"not a valid DOCX: damaged zip ({exc})") from exc
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError,
                RuntimeError) as exc:
            raise CorruptDocument(f"not a valid DOCX: damaged zip ({exc})") from exc


# Word allows 63 grid columns; a larger span or offset is a damaged or hostile file, and
# taking it literally would allocate a row of millions of cells.
MAX_GRID_COLUMNS = 64


def _has_doctype(fh) -> bool:
    """Whether the XML declares a DOCTYPE before its root element, in whatever encoding and
    however far into the part (a byte search of the first few KB misses UTF-16 or padding)."""
    from lxml import etree

    try:
        for _event, el in etree.iterparse(fh, events=("start",), resolve_entities=False,
                                          load_dtd=False, no_network=True):
            info = el.getroottree().docinfo
            return bool(info.doctype) or info.internalDTD is not None
    except etree.XMLSyntaxError as exc:
        # lxml >= 6.2 stops an entity expansion (billion laughs) while reading the DTD, before
        # the root element's event: that is a declaration, not damage
        return "entit" in str(exc).lower()
    return False  # damaged XML: python-docx reports it as CorruptDocument


def _style_name(el, styles: dict[str, str]) -> str:
    ps = el.find(f"{W}pPr/{W}pStyle")
    return styles.get(ps.get(f"{W}val"), ps.get(f"{W}val")) if ps is not None else ""


def _para_text(p) -> str:
    parts: list[str] = []
    for node in p.iter():
        tag = node.tag
        if tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            parts.append(" ")
    return _WS.sub(" ", "".join(parts)).strip()


def _is_list(p, style: str) -> bool:
    return p.find(f"{W}pPr/{W}numPr") is not None or style.lower().startswith("list")


def _para_line(p, styles: dict[str, str]) -> str:
    text = _para_text(p)
    if not text:
        return ""
    style = _style_name(p, styles)
    typed = bullet_end(text)
    if typed is not None:
        return BULLET + text[typed:]
    return BULLET + text if _is_list(p, style) else text


def _bold(p) -> bool:
    runs = [r for r in p.iter(f"{W}r") if (r.findtext(f"{W}t") or "").strip()]
    return bool(runs) and all(
        (b := r.find(f"{W}rPr/{W}b")) is not None and b.get(f"{W}val") not in ("0", "false")
        for r in runs
    )


def _size(p, style_id: str | None, sizes: dict[str, float], default: float) -> float:
    """Font size in points: the first text run's own size, else its paragraph style's."""
    for r in p.iter(f"{W}r"):
        if (r.findtext(f"{W}t") or "").strip():
            sz = r.find(f"{W}rPr/{W}sz")
            if sz is not None and (val := sz.get(f"{W}val", "")).isdigit():
                return int(val) / 2
            break
    return sizes.get(style_id or "", default)


def _fill(tc) -> tuple[float, float, float] | None:
    shd = tc.find(f"{W}tcPr/{W}shd")
    if shd is None:
        return None
    val = shd.get(f"{W}fill") or ""
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", val):
        return None
    return tuple(int(val[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _cell_text(tc, styles: dict[str, str]) -> str:
    lines: list[str] = []
    for child in tc:
        if child.tag == f"{W}p":
            line = _para_line(child, styles)
            if line:
                lines.append(line)
        elif child.tag == f"{W}tbl":  # a nested table: its text, row by row
            for tr in child.iter(f"{W}tr"):
                texts = [_cell_text(tc2, styles).replace("\n", " ") for tc2 in tr.findall(f"{W}tc")]
                row = " ".join(t for t in texts if t)
                if row:
                    lines.append(row)
        elif child.tag == f"{W}sdt":
            lines.extend(ln for ln in _cell_text(child.find(f"{W}sdtContent"), styles).split("\n")
                         if ln)
    return "\n".join(lines)


def _children(parent, tag: str) -> list:
    """Children with ``tag`` in document order, including those wrapped in content controls
    (a w:sdt around a cell, or around rows as in a repeating section)."""
    out = []
    for child in parent:
        if child.tag == f"{W}{tag}":
            out.append(child)
        elif child.tag == f"{W}sdt" and (content := child.find(f"{W}sdtContent")) is not None:
            out.extend(_children(content, tag))
    return out


def _table(tbl, index: int, styles: dict[str, str], context: tuple[str, ...],
           pages: _Pages | None = None) -> RawTable:
    n_cols = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
    placed: list[list[tuple[int, int, object, str | None]]] = []  # (col, span, tc, vmerge)
    row_pages: list[int] = []
    header_rows = 0
    counting_header = True
    for tr in _children(tbl, "tr"):
        trpr = tr.find(f"{W}trPr")
        th = trpr.find(f"{W}tblHeader") if trpr is not None else None
        is_header = th is not None and th.get(f"{W}val") not in ("0", "false", "off")
        if counting_header and is_header:
            header_rows += 1
        else:
            counting_header = False
        col = 0
        if trpr is not None and (gb := trpr.find(f"{W}gridBefore")) is not None:
            col = min(max(0, int(gb.get(f"{W}val", "0"))), MAX_GRID_COLUMNS)
        row = []
        for tc in _children(tr, "tc"):
            tcpr = tc.find(f"{W}tcPr")
            span = 1
            vmerge = None
            if tcpr is not None:
                if (gs := tcpr.find(f"{W}gridSpan")) is not None:
                    span = min(max(1, int(gs.get(f"{W}val", "1"))), MAX_GRID_COLUMNS)
                if (vm := tcpr.find(f"{W}vMerge")) is not None:
                    vmerge = vm.get(f"{W}val") or "continue"
            row.append((col, span, tc, vmerge))
            col += span
        n_cols = max(n_cols, col)
        placed.append(row)
        if pages is not None:
            row_pages.append(pages.advance(tr))
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in placed]
    for r, row in enumerate(placed):
        for col, span, tc, vmerge in row:
            if vmerge == "continue" and r > 0 and grid[r - 1][col] is not None:
                above = grid[r - 1][col]
                origin = above.origin or (r - 1, col)
                for c in range(col, min(col + span, n_cols)):
                    grid[r][c] = Cell("", origin=origin)
                orow, ocol = origin
                top = grid[orow][ocol]
                grid[orow][ocol] = Cell(top.text, top.row_span + 1, top.col_span, None,
                                        fill=top.fill, bold=top.bold)
                continue
            paras = tc.findall(f"{W}p")
            cell = Cell(_cell_text(tc, styles), col_span=span, fill=_fill(tc),
                        bold=bool(paras) and all(_bold(p) for p in paras if _para_text(p)))
            if col < n_cols:
                grid[r][col] = cell
            for c in range(col + 1, min(col + span, n_cols)):
                grid[r][c] = Cell("", origin=(r, col))
    rows = tuple(tuple(c if c is not None else Cell("") for c in row) for row in grid)
    if not row_pages:
        return RawTable(index=index, rows=rows, header_rows=header_rows, context=context)
    return RawTable(index=index, rows=rows, header_rows=header_rows, context=context,
                    page=row_pages[0], end_page=row_pages[-1], row_pages=tuple(row_pages))


def _headers_and_footers(document, styles: dict[str, str]) -> tuple[str, ...]:
    """Texts of the page headers and footers, each once, in section order."""
    seen: dict[str, None] = {}
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            try:
                if part.is_linked_to_previous:
                    continue
                element = part._element
            except (AttributeError, KeyError, ValueError):
                continue  # a damaged or missing part: no furniture from it
            for p in element.iter(f"{W}p"):
                text = _para_line(p, styles)
                if text:
                    seen.setdefault(text, None)
    return tuple(seen)


class _Pages:
    """Page numbers as Word last laid the document out.

    Word records each page break of its last layout as ``w:lastRenderedPageBreak``; a file
    without them (written by a program rather than saved from Word) has no known pages, and
    its blocks keep page None rather than a guess.
    """

    def __init__(self) -> None:
        self.page = 1

    def advance(self, el) -> int:
        """The page an element starts on (its breaks counted as falling before its text)."""
        self.page += len(el.findall(f".//{W}lastRenderedPageBreak"))
        return self.page


def _heading_level(p, style: str, outline: dict[str, int]) -> int:
    low = style.lower()
    if low == "title":
        return 1
    if m := re.match(r"heading (\d)", low):
        return int(m.group(1))
    ol = p.find(f"{W}pPr/{W}outlineLvl")
    if ol is not None:
        return int(ol.get(f"{W}val", "0")) + 1
    return outline.get(style, 0)


def docx_to_document(path: str | Path) -> RawDocument:
    try:
        return _docx_to_document(path)
    except (AttributeError, ValueError, OverflowError, TypeError) as exc:
        raise CorruptDocument(f"not a valid DOCX: {type(exc).__name__}: {exc}") from exc


def _docx_to_document(path: str | Path) -> RawDocument:
    path = Path(path)
    check_package(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CorruptDocument(f"not a valid DOCX: {exc}") from exc
    except MemoryError:
        raise  # the memory limit, which the pipeline reports as such; not a damaged file
    except Exception as exc:  # lxml syntax errors and the like: damaged XML
        raise CorruptDocument(f"not a valid DOCX: {type(exc).__name__}: {exc}") from exc
    styles: dict[str, str] = {}
    outline: dict[str, int] = {}
    try:
        style_els = document.styles.element.findall(f"{W}style")
    except AttributeError:  # the styles part's content type is damaged: no styles
        style_els = []
    sizes: dict[str, float] = {}
    default_size = 0.0
    for st in style_els:
        sid = st.get(f"{W}styleId")
        name_el = st.find(f"{W}name")
        name = name_el.get(f"{W}val") if name_el is not None else sid
        styles[sid] = name
        sz = st.find(f"{W}rPr/{W}sz")
        if sz is not None and (val := sz.get(f"{W}val", "")).isdigit():
            sizes[sid] = int(val) / 2
        ol = st.find(f"{W}pPr/{W}outlineLvl")
        if ol is not None and (val := ol.get(f"{W}val", "")).isdigit():
            outline[name] = int(val) + 1
    with suppress(AttributeError):
        sz = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
        if sz is not None and (val := sz.get(f"{W}val", "")).isdigit():
            default_size = int(val) / 2
    blocks: list[TextBlock | RawTable] = []
    recent: list[str] = []
    first_title = None
    body = document.element.body
    pages = _Pages() if body.find(f".//{W}lastRenderedPageBreak") is not None else None

    def walk(parent) -> None:
        nonlocal first_title
        for el in parent:
            if el.tag == f"{W}p":
                page = pages.advance(el) if pages is not None else None
                text = _para_line(el, styles)
                if not text:
                    continue
                style = _style_name(el, styles)
                level = _heading_level(el, style, outline)
                if style.lower() == "title" and first_title is None:
                    first_title = text
                ps = el.find(f"{W}pPr/{W}pStyle")
                size = _size(el, ps.get(f"{W}val") if ps is not None else None, sizes,
                             sizes.get("Normal", default_size))
                blocks.append(TextBlock(text, page=page, style=style, size=size, bold=_bold(el),
                                        heading_level=level))
                recent.append(text)
            elif el.tag == f"{W}tbl":
                index = sum(1 for b in blocks if isinstance(b, RawTable))
                blocks.append(_table(el, index, styles, tuple(recent[-3:]), pages))
                recent.clear()
            elif el.tag == f"{W}sdt":
                content = el.find(f"{W}sdtContent")
                if content is not None:
                    walk(content)

    walk(body)
    try:
        core_title = document.core_properties.title
    except Exception:  # a damaged package whose core properties part is not one
        core_title = None
    title = (core_title or "").strip() or first_title
    return RawDocument(path=str(path), format="docx", blocks=tuple(blocks), title=title,
                       pages=pages.page if pages is not None else None,
                       furniture=_headers_and_footers(document, styles))
