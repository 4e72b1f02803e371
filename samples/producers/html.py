"""HTML tables styled with CSS, printed to PDF by headless Chromium (Debian's ``chromium``).

Web-published plans and "export to PDF" features of report tools produce this: text laid out
by a browser, fills and rules drawn by Skia, tables that split across pages wherever a row
ends. The sideways look cannot use a landscape @page inside a portrait document (Chromium
prints one page size per document), so a small script cuts the plan into page-sized pieces
and turns each a quarter turn with a CSS transform: rotated text on portrait pages.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path
from typing import Any

from generate import Drawn, Para

from producers.looks import Look, Spec, caption_text, source_text, split_at_plan, styled

MARGIN_MM = 15
A4_MM = (210, 297)

_BASE_CSS = """
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 8.5pt; color: #000; }
h1 { font-size: 20pt; } h2 { font-size: 14pt; } h3 { font-size: 11pt; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0 12pt; table-layout: fixed; }
th, td { vertical-align: top; text-align: left; padding: 3pt 4pt; }
td p, th p { margin: 0 0 2pt; }
td ul { margin: 0; padding-left: 12pt; }
tr { break-inside: auto; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 3pt; }
p.source { font-size: 7.5pt; color: #404040; margin-top: -8pt; }
.page-break { break-after: page; }
"""

_LOOK_CSS = {
    "booktabs": """
table.plan { border-top: 1.5pt solid #000; border-bottom: 1.5pt solid #000; }
table.plan thead tr:last-child th { border-bottom: 0.8pt solid #000; }
table.plan tbody tr + tr td { border-top: 0.4pt solid #808080; }
""",
    "grid": "table.plan th, table.plan td { border: 0.5pt solid #000; }",
    "none": "table.plan td { padding-bottom: 7pt; }",
}

_CARD_CSS = """
table.plan { border-collapse: separate; border-spacing: 0 {gap}pt; }
table.plan td:first-child, table.plan th:first-child { border-radius: 5pt 0 0 5pt; }
table.plan td:last-child, table.plan th:last-child { border-radius: 0 5pt 5pt 0; }
table.plan td { padding: 5pt; }
"""

# Cuts the hidden plan into landscape pages, each turned a quarter turn on a portrait page.
_SIDEWAYS_JS = """
(function () {
  const source = document.getElementById("sideways-source");
  const limit = source.dataset.height * 96 / 25.4;
  let page = null;
  function newPage() {
    const sheet = document.createElement("div");
    sheet.className = "sheet";
    const turned = document.createElement("div");
    turned.className = "turned";
    sheet.appendChild(turned);
    source.parentNode.insertBefore(sheet, source);
    page = turned;
  }
  function full() { return page.scrollHeight > limit; }
  function shell(table) {
    const copy = table.cloneNode(false);
    if (table.tHead) copy.appendChild(table.tHead.cloneNode(true));
    copy.appendChild(document.createElement("tbody"));
    page.appendChild(copy);
    return copy;
  }
  newPage();
  for (const el of Array.from(source.children)) {
    if (el.classList.contains("page-break")) {
      if (page.children.length) newPage();
      continue;
    }
    if (el.tagName !== "TABLE") {
      page.appendChild(el);
      if (full() && page.children.length > 1) { newPage(); page.appendChild(el); }
      continue;
    }
    let part = shell(el);
    for (const row of Array.from(el.tBodies[0].rows)) {
      part.tBodies[0].appendChild(row);
      if (full() && part.tBodies[0].rows.length > 1) {
        newPage();
        part = shell(el);
        part.tBodies[0].appendChild(row);
      }
    }
  }
  source.remove();
})();
"""


def _paras_html(paras: list[Para]) -> str:
    out: list[str] = []
    items: list[str] = []
    for para in paras:
        if para.bullet:
            items.append(f"<li>{html.escape(para.text)}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        out.append(f"<p>{html.escape(para.text)}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "".join(out)


def table_html(drawn: Drawn, plan: bool, caption: str | None = None) -> str:
    """A table of drawn rows: rowspan/colspan for merges, inline fills and text colours."""
    header, body, widths = drawn
    total = sum(widths)
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in widths)
    parts = [f'<table class="{"plan" if plan else "other"}">']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append(f"<colgroup>{cols}</colgroup>")
    for group, rows, tag in (("thead", header, "th"), ("tbody", body, "td")):
        parts.append(f"<{group}>")
        for row in rows:
            parts.append("<tr>")
            for cell in row:
                if cell.hidden or cell.covered:
                    continue
                attrs = ""
                if cell.row_span > 1:
                    attrs += f' rowspan="{cell.row_span}"'
                if cell.col_span > 1:
                    attrs += f' colspan="{cell.col_span}"'
                style = []
                if cell.fill:
                    style.append(f"background:#{cell.fill}")
                if cell.color:
                    style.append(f"color:#{cell.color}")
                style.append(f"font-weight:{'bold' if cell.bold else 'normal'}")
                attrs += f' style="{";".join(style)}"'
                parts.append(f"<{tag}{attrs}>{_paras_html(cell.paras)}</{tag}>")
            parts.append("</tr>")
        parts.append(f"</{group}>")
    parts.append("</table>")
    return "".join(parts)


def _blocks_html(spec: Spec, look: Look, numbers) -> str:
    out: list[str] = []
    for block in spec["blocks"]:
        if "title" in block:
            out.append(f"<h1>{html.escape(block['title'])}</h1>")
        elif "heading" in block:
            level = min(block.get("level", 1), 3) + 1
            out.append(f"<h{level}>{html.escape(block['heading'])}</h{level}>")
        elif "paragraph" in block:
            out.append(f"<p>{html.escape(block['paragraph'])}</p>")
        elif "bullets" in block:
            out.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in block["bullets"])
                       + "</ul>")
        elif "page_break" in block:
            out.append('<div class="page-break"></div>')
        elif "table" in block:
            out.append(_table_block(block["table"], spec, look, numbers))
        else:
            raise ValueError(f"unknown block {sorted(block)}")
    return "\n".join(out)


def _table_block(table: dict[str, Any], spec: Spec, look: Look, numbers) -> str:
    plan = table.get("plan", True)
    drawn = styled(table, look)
    if not plan:
        return table_html(drawn, plan=False)
    caption = caption_text(next(numbers), table, spec) if look.caption else None
    text = table_html(drawn, plan=True, caption=caption)
    if look.caption:
        text += f'<p class="source">{html.escape(source_text(spec))}</p>'
    return text


def document_html(spec: Spec, look: Look, sideways: bool = False) -> str:
    """The whole document as one HTML page; CSS says the look, @page the paper."""
    landscape = spec.get("landscape") and not sideways
    css = [_BASE_CSS, _LOOK_CSS[look.rules]]
    css.append(f"@page {{ size: A4{' landscape' if landscape else ''}; margin: {MARGIN_MM}mm; }}")
    if look.gap:
        css.append(_CARD_CSS.replace("{gap}", str(look.gap)))
    if not look.repeat_header:  # a header printed once, above the first rows only
        css.append("thead { display: table-row-group; }")
    numbers = iter(range(1, 1000))
    if sideways:
        text, plan = split_at_plan(spec)
        width, height = A4_MM[0] - 2 * MARGIN_MM, A4_MM[1] - 2 * MARGIN_MM
        css.append(f"""
.sheet {{ position: relative; width: {width}mm; height: {height - 2}mm; overflow: hidden;
          break-after: page; }}
.turned, #sideways-source {{ width: {height}mm; }}
.turned {{ position: absolute; top: 0; left: 0; height: {width}mm; overflow: hidden;
           transform-origin: top left; transform: translateX({width}mm) rotate(90deg); }}
""")
        body = (_blocks_html(text, look, numbers) + '<div class="page-break"></div>'
                + f'<div id="sideways-source" data-height="{width}">'
                + _blocks_html(plan, look, numbers) + "</div>"
                + f"<script>{_SIDEWAYS_JS}</script>")
    else:
        body = _blocks_html(spec, look, numbers)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(spec['title'])}</title><style>{''.join(css)}</style>"
            f"</head><body>\n{body}\n</body></html>\n")


def print_pdf(html_path: Path, pdf_path: Path, tmp: Path) -> None:
    """Chromium's own print to PDF, with a fresh profile and nothing fetched from the web."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("chromium not found: run `make samples-tools` first")
    profile = tmp / "chromium-profile"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf_path}", html_path.as_uri()],
        check=True, capture_output=True, timeout=300,
    )
    shutil.rmtree(profile, ignore_errors=True)


def build(spec: Spec, look: Look, pdf_path: Path, tmp: Path, sideways: bool = False) -> None:
    html_path = tmp / (pdf_path.stem + ".html")
    html_path.write_text(document_html(spec, look, sideways), encoding="utf-8")
    print_pdf(html_path, pdf_path, tmp)
