"""Database + filters -> the report's HTML text (data, then charts, then the template)."""

from __future__ import annotations

from datetime import date
from importlib import resources

from sqlalchemy.orm import Session

from councilplans.report.data import ReportData, report_data
from councilplans.schema.filters import Filters
from councilplans.schema.queries import document_rows, export_rows, paths_by_sha


def _charts(d: ReportData) -> dict[str, str]:
    from councilplans.report import charts

    out: dict[str, str] = {}
    m = d.coverage
    if m.rows and m.columns:
        out["coverage"] = charts.heatmap(
            list(m.rows), list(m.columns),
            [[m.cell(r, c) for c in m.columns] for r in m.rows], "Records by council and theme")
    if d.due_quarters:
        out["timeline"] = charts.bars([q for q, _ in d.due_quarters],
                                      [n for _, n in d.due_quarters], "Records by due quarter")
    out["rag"] = charts.bars([k for k, _ in d.rag], [n for _, n in d.rag], "RAG ratings",
                             colours=charts.RAG_COLOURS)
    out["status"] = charts.bars([k for k, _ in d.status][:12], [n for _, n in d.status][:12],
                                "Status as printed", horizontal=True)
    if d.top_organisations:
        out["organisations"] = charts.bars(
            [k for k, _ in d.top_organisations], [n for _, n in d.top_organisations],
            "Organisations linked to most records", horizontal=True)
    return out


def build_report(session: Session, filters: Filters | None = None, title: str | None = None
                 ) -> str:
    """The whole report as one HTML text."""
    import jinja2

    f = filters or Filters()
    records = export_rows(session, filters=f)
    documents = document_rows(session, filters=f)
    shas = {r["sha256"] for r in records} | {d["sha256"] for d in documents}
    paths = paths_by_sha(session, shas)
    d = report_data(records, documents, paths, f.today or date.today())
    source = resources.files("councilplans.report").joinpath("template.html").read_text("utf-8")
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(source).render(
        title=title or "Council plans report", data=d, charts=_charts(d), filters=_described(f))


def _described(f: Filters) -> list[str]:
    parts = []
    for name in ("council", "document", "kind", "theme", "organisation", "rag", "status"):
        values = getattr(f, name)
        if values:
            parts.append(f"{name}: {', '.join(values)}")
    for name in ("lead", "search", "due_before", "due_after"):
        if getattr(f, name):
            parts.append(f"{name.replace('_', ' ')}: {getattr(f, name)}")
    if f.overdue:
        parts.append("overdue only")
    if f.all_versions:
        parts.append("all versions")
    return parts
