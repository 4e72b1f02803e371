"""Plain-text tables the read commands print: aligned columns, long titles wrapped, never cut.

Each document's row is followed by what a user needs in order to trust it: its twin in the
other format, the import notes and the tables that were not taken as plans, with the reason.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from typing import Any

MIN_TITLE = 30


def _aligned(header: list[str], lines: list[list[str]], wide: bool) -> list[list[str]]:
    """Rows as printed lines, the last column (a title) wrapped to the terminal's width.

    Piped or redirected output is never wrapped: each row stays one line for grep and friends.
    """
    wide = wide or not sys.stdout.isatty()
    widths = [max([len(h)] + [len(row[i]) for row in lines]) for i, h in enumerate(header[:-1])]
    lead = sum(w + 2 for w in widths)
    room = max(MIN_TITLE, shutil.get_terminal_size((120, 24)).columns - lead)
    out = []
    for row in [header, *lines]:
        cells = "  ".join(v.ljust(w) for v, w in zip(row[:-1], widths, strict=True))
        parts = [row[-1]] if wide or len(row[-1]) <= room else textwrap.wrap(row[-1], room)
        out.append([(cells + "  " + (parts[0] if parts else "")).rstrip()]
                   + [" " * lead + p for p in parts[1:]])
    return out


def documents_table(rows: list[dict[str, Any]], all_versions: bool, wide: bool) -> str:
    header = ["document", "status", "tables", "records", "type", "period", "councils", "title"]
    if all_versions:
        header = ["version", *header]
    lines = []
    for r in rows:
        period = "-".join(str(p) for p in (r["period_start"], r["period_end"]) if p)
        line = [r["document"], r["status"], str(r["n_tables"]), str(r["n_records"]),
                r["doc_type"] or "", period, ", ".join(r["organisations"]), r["title"] or ""]
        if all_versions:
            line = [f"v{r['version']}" + ("" if r["current"] else " (old)"), *line]
        lines.append(line)
    printed = _aligned(header, lines, wide)
    out = printed[0]
    for r, block in zip(rows, printed[1:], strict=True):
        out.extend(block)
        details = []
        if r.get("error"):
            details.append(f"error: {r['error']}")
        if r.get("twin"):
            details.append(f"twin of {r['twin']} (the same plan in another format; export "
                           "counts it once, from the DOCX)")
        details.extend(f"note: {n}" for n in r.get("notes") or [])
        for t in r.get("rejected_tables") or []:
            where = f" (page {t['page']})" if t.get("page") else ""
            details.append(f"table {t['index']}{where} not a plan: {t['reason']}")
        out.extend("    " + d for d in details)
    return "\n".join(out)


def tables_table(tables: list[dict[str, Any]]) -> str:
    header = ["index", "page", "rows", "cols", "plan", "found by", "why"]
    lines = [[str(t["index"]), str(t["page"] or ""), str(t["n_rows"]), str(t["n_cols"]),
              "yes" if t["is_plan"] else "no", t.get("evidence") or "", t["reason"] or ""]
             for t in tables]
    return "\n".join(line for block in _aligned(header, lines, wide=False) for line in block)
