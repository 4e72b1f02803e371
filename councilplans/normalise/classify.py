"""Which tables are plans at all, and whether their rows are actions or indicators.

A plan table has a column of actions or indicators (text, not figures), or outcomes /
objectives with at least two plan attributes beside them (lead, timescale, measure, ...).
Contents, document-control, version-history, RAG-count and statistics tables fail that test
on their own; risk registers are named and refused explicitly because they look like plans.
"""

from __future__ import annotations

import re

from councilplans.normalise.headers import ColumnMap, header_key, looks_like_risk_register

_ATTRIBUTES = ("lead", "timescale", "measure", "rag", "progress", "indicator", "output",
               "outcome", "resources", "ref")
_INDICATOR_HEADER_RE = re.compile(
    r"\b(?:target|outturn|baseline|actual|performance|trend|direction of travel|dot|"
    r"polarity|floor|benchmark|kpi)\b"
)
_FIGURE_RE = re.compile(
    r"^(?:[\s£$€%+\-–.,:()/\d]*(?:[kKmM]|bn|pts?|per cent)?[\s%]*|n/?a|n\.a\.|nil|none|tbc|\*+)$",
    re.I,
)


def _numeric_share(values: list[str]) -> float:
    vals = [v.strip() for v in values if v and v.strip()]
    if not vals:
        return 1.0
    return sum(1 for v in vals if _FIGURE_RE.match(v)) / len(vals)


def classify(columns: ColumnMap, values: dict[str, list[str]]) -> tuple[bool, str, str | None]:
    """(is_plan, reason, kind) for a table with a recognised header."""
    headers = list(columns.headers)
    mapped = [f for f in columns.fields if f]
    if looks_like_risk_register(headers):
        return False, "risk register (likelihood / impact columns), not plan rows", None
    # "Target date" is a deadline and "Performance update" a progress note: only columns that
    # are not timescale or progress hint at a performance matrix.
    indicator_like = any(_INDICATOR_HEADER_RE.search(header_key(h))
                         for h, f in zip(headers, columns.fields, strict=False)
                         if f not in ("timescale", "progress"))
    kind = "indicator" if ("indicator" in mapped and "action" not in mapped) else "action"
    if kind == "action" and indicator_like and "indicator" not in mapped and "action" in mapped:
        kind = "indicator"  # "Description / Target / Outturn": the description is the indicator
    main = next((f for f in ("action", "indicator") if f in mapped), None)
    attributes = [f for f in mapped if f in _ATTRIBUTES and f != main]
    if main:
        if _numeric_share(values.get(main, [])) > 0.5:
            return False, f"the {main} column holds figures, not text", None
        if not attributes and len(columns.headers) < 2:
            return False, "a single column", None
        unnamed = values.get("", [])  # cells of the columns no field claimed
        if not attributes and unnamed and _numeric_share(unnamed) > 0.5:
            return False, "statistics: one text column beside columns of figures", None
        return True, f"{main} column with {', '.join(attributes) or 'text columns'}", kind
    text_main = next((f for f in ("outcome", "objective", "output") if f in mapped), None)
    if text_main and len(attributes) >= 2 and _numeric_share(values.get(text_main, [])) <= 0.5:
        return True, f"{text_main} column with {', '.join(attributes)}", "action"
    if not mapped:
        return False, "no column names a plan field", None
    return False, f"only {', '.join(mapped)}: not enough plan columns", None
