"""Plain-text tables the read commands print: aligned columns, long titles wrapped, never cut.

Each document's row is followed by what a user needs in order to trust it: an error, its twin
in the other format, and how many import notes and non-plan tables it has; with ``details``
the notes themselves and each table not taken as a plan, with the reason. A summary after a
batch import of eighty files stays readable that way, and the detail is one flag away.
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


def documents_table(rows: list[dict[str, Any]], all_versions: bool, wide: bool,
                    details: bool = False) -> str:
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
        lines_: list[str] = []
        if r.get("error"):
            lines_.append(f"error: {r['error']}")
        if r.get("twin"):
            lines_.append(f"twin of {r['twin']} (the same plan in another format; export "
                           "counts it once, from the DOCX)")
        notes, rejected = r.get("notes") or [], r.get("rejected_tables") or []
        if details:
            lines_.extend(f"note: {n}" for n in notes)
            for t in rejected:
                where = f" (page {t['page']})" if t.get("page") else ""
                lines_.append(f"table {t['index']}{where} not a plan: {t['reason']}")
        elif notes or rejected:
            counted = [_count(len(notes), "import note"),
                       _count(len(rejected), "table not taken as a plan",
                              "tables not taken as a plan")]
            lines_.append("; ".join(c for c in counted if c) + " (--details lists them)")
        out.extend("    " + d for d in lines_)
    return "\n".join(out)


def _count(n: int, one: str, many: str | None = None) -> str:
    if not n:
        return ""
    return f"1 {one}" if n == 1 else f"{n} {many or one + 's'}"


def tables_table(tables: list[dict[str, Any]]) -> str:
    header = ["index", "page", "rows", "cols", "plan", "found by", "why"]
    lines = [[str(t["index"]), str(t["page"] or ""), str(t["n_rows"]), str(t["n_cols"]),
              "yes" if t["is_plan"] else "no", t.get("evidence") or "", t["reason"] or ""]
             for t in tables]
    return "\n".join(line for block in _aligned(header, lines, wide=False) for line in block)
