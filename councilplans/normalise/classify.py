"""Which tables are plans at all, and whether their rows are actions or indicators.

A plan table has a column of actions or indicators (text, not figures), or outcomes /
objectives with at least two plan attributes beside them (lead, timescale, measure, ...).
Contents, document-control, version-history, RAG-count and statistics tables fail that test
on their own; risk registers are named and refused explicitly because they look like plans.
Called by ``columns.assign_columns`` only, as part of its one decision per table.
"""

from __future__ import annotations

from councilplans.normalise.content import is_figure
from councilplans.normalise.headers import looks_like_risk_register, names_indicator_figures

ATTRIBUTES = ("lead", "timescale", "measure", "rag", "progress", "status", "indicator", "output",
              "outcome", "resources", "ref", "baseline", "target", "actual")
FIGURES = ("baseline", "target", "actual")


def numeric_share(values: list[str]) -> float:
    vals = [v.strip() for v in values if v and v.strip()]
    if not vals:
        return 1.0
    return sum(1 for v in vals if is_figure(v)) / len(vals)


def indicator_like(headers: tuple[str, ...], fields: tuple[str | None, ...]) -> bool:
    """A performance matrix's figure columns (target, outturn, DoT) beside the main text.
    "Target date" is a deadline and "Performance update" a progress note: only columns that
    are not timescale or progress count."""
    return any(f in FIGURES or (f not in ("timescale", "progress") and names_indicator_figures(h))
               for h, f in zip(headers, fields, strict=True))


def classify(
    headers: tuple[str, ...], fields: tuple[str | None, ...], values: dict[str, list[str]]
) -> tuple[bool, str, str | None]:
    """(is_plan, reason, kind) for a table whose columns are mapped."""
    mapped = [f for f in fields if f]
    if looks_like_risk_register(list(headers)):
        return False, "risk register (likelihood / impact columns), not plan rows", None
    kind = "indicator" if ("indicator" in mapped and "action" not in mapped) else "action"
    main = next((f for f in ("action", "indicator") if f in mapped), None)
    attributes = [f for f in mapped if f in ATTRIBUTES and f != main]
    if main:
        if numeric_share(values.get(main, [])) > 0.5:
            return False, f"the {main} column holds figures, not text", None
        if not attributes and len(headers) < 2:
            return False, "a single column", None
        unnamed = values.get("", [])  # cells of the columns no field claimed
        if not attributes and unnamed and numeric_share(unnamed) > 0.5:
            return False, "statistics: one text column beside columns of figures", None
        return True, f"{main} column with {', '.join(attributes) or 'text columns'}", kind
    text_main = next((f for f in ("outcome", "objective", "output") if f in mapped), None)
    # the main column is not one of its own attributes: "Outcome / Owner" is two columns only
    attributes = [f for f in attributes if f != text_main]
    if text_main and len(attributes) >= 2 and numeric_share(values.get(text_main, [])) <= 0.5:
        return True, f"{text_main} column with {', '.join(attributes)}", "action"
    if not mapped:
        return False, "no column names a plan field", None
    return False, f"only {', '.join(mapped)}: not enough plan columns", None
