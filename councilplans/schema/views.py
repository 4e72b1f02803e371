"""SQL views for people who query by hand: ``current_records`` and ``coverage``.

``themes`` and ``organisations`` are ``; ``-joined text for reading and ``LIKE``; ``theme_list``
and ``organisation_list`` the same as JSON arrays (Datasette facets on them); ``due_year`` is
there to facet and group by. Created by migration 0004; the SQL lives here so that both
dialects read side by side. A change to a view needs a new migration that drops and recreates
it with this module.
"""

from __future__ import annotations

from sqlalchemy import text

_AGG = {
    "sqlite": "group_concat({col}, '; ')",
    "postgresql": "string_agg({col}, '; ')",
}
_JSON_AGG = {"sqlite": "json_group_array({col})", "postgresql": "json_agg({col})"}
_YEAR = {"sqlite": "substr(r.due_date, 1, 4)", "postgresql": "to_char(r.due_date, 'YYYY')"}


def _current_records(dialect: str) -> str:
    agg = _AGG[dialect]
    true = "1" if dialect == "sqlite" else "true"
    themes = agg.format(col="key")
    orgs = agg.format(col="name")
    theme_list = _JSON_AGG[dialect].format(col="key")
    org_list = _JSON_AGG[dialect].format(col="name")
    return f"""
CREATE VIEW current_records AS
SELECT
  r.id AS record_id,
  (SELECT o.name FROM document_organisations dorg
     JOIN organisations o ON o.id = dorg.organisation_id
    WHERE dorg.document_id = d.id ORDER BY dorg.position LIMIT 1) AS council,
  d.name AS document, d.title AS title, d.doc_type AS doc_type, r.page AS page,
  r.kind AS kind, r.ref AS ref, r.section AS section, r.objective AS objective,
  r.action AS action, r.output AS output, r.outcome AS outcome, r.indicator AS indicator,
  r.measure AS measure, r.lead AS lead, r.timescale AS timescale, r.due_date AS due_date,
  {_YEAR[dialect]} AS due_year,
  r.rag AS rag, r.resources AS resources, r.progress AS progress, r.status AS status,
  r.baseline AS baseline, r.target AS target, r.actual AS actual,
  (SELECT {themes} FROM (SELECT t.key AS key FROM record_themes rt
     JOIN themes t ON t.id = rt.theme_id WHERE rt.record_id = r.id ORDER BY t.key) th) AS themes,
  (SELECT {orgs} FROM (SELECT o.name AS name FROM record_organisations ro
     JOIN organisations o ON o.id = ro.organisation_id WHERE ro.record_id = r.id
     ORDER BY o.name) ob) AS organisations,
  (SELECT {theme_list} FROM (SELECT t.key AS key FROM record_themes rt
     JOIN themes t ON t.id = rt.theme_id WHERE rt.record_id = r.id ORDER BY t.key) th)
     AS theme_list,
  (SELECT {org_list} FROM (SELECT o.name AS name FROM record_organisations ro
     JOIN organisations o ON o.id = ro.organisation_id WHERE ro.record_id = r.id
     ORDER BY o.name) ob) AS organisation_list,
  r.table_index AS table_index, r.row_index AS row_index, r.extra AS extra
FROM records r JOIN documents d ON d.id = r.document_id
WHERE d.is_current = {true}
"""


COVERAGE = """
CREATE VIEW coverage AS
SELECT cr.council AS council, t.key AS theme, t.label AS theme_label,
       count(*) AS records, count(DISTINCT cr.document) AS documents
FROM current_records cr
JOIN record_themes rt ON rt.record_id = cr.record_id
JOIN themes t ON t.id = rt.theme_id
GROUP BY cr.council, t.key, t.label
"""


def create_views(conn) -> None:
    dialect = conn.dialect.name
    if dialect not in _AGG:
        return
    conn.execute(text(_current_records(dialect)))
    conn.execute(text(COVERAGE))


def drop_views(conn) -> None:
    conn.execute(text("DROP VIEW IF EXISTS coverage"))
    conn.execute(text("DROP VIEW IF EXISTS current_records"))
