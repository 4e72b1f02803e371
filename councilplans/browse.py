"""``councilplans browse``: the SQLite database in Datasette, described by generated metadata.

The metadata gives every table and column a title and a description, facets (council,
document, kind, theme, RAG, status, due year) and full-text search on records, and the browser
opens on the ``current_records`` view. Datasette is the ``browse`` extra, run as its own
process so that councilplans never imports it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from councilplans.schema.export import atomic_path

COLUMNS: dict[str, str] = {
    "record_id": "The record's id in the records table.",
    "council": "The council that owns the document (its first named council).",
    "document": "File name of the source document.",
    "title": "Document title as printed.",
    "doc_type": "Kind of document: action plan, strategy, performance matrix ...",
    "page": "Page of the source document the row is on (PDF).",
    "kind": "action (something to do) or indicator (something measured).",
    "ref": "Reference number as printed (1.2, 3.1.4).",
    "section": "Heading the table sits under.",
    "objective": "Objective or priority the row serves.",
    "action": "What is to be done.",
    "output": "Output as printed.",
    "outcome": "Outcome sought.",
    "indicator": "What is measured.",
    "measure": "How it is measured.",
    "lead": "Lead officer, team or organisation, as printed.",
    "timescale": "Timescale as printed.",
    "due_date": "Due date read from the timescale (end of the period named).",
    "due_year": "Year of the due date.",
    "rag": "Red / amber / green rating as printed or shaded.",
    "resources": "Resources or budget as printed.",
    "progress": "Progress update as printed.",
    "status": "Completion status as printed (Complete, On track, Delayed ...).",
    "baseline": "Indicator baseline as printed.",
    "target": "Indicator target as printed.",
    "actual": "Latest reported value as printed.",
    "themes": "Themes the record touches (taxonomy keys), ; separated.",
    "organisations": "Organisations the record links to, ; separated.",
    "theme_list": "Themes as a JSON array (for facets).",
    "organisation_list": "Organisations as a JSON array (for facets).",
    "table_index": "Index of the source table within the document.",
    "row_index": "Row of the source table.",
    "extra": "Columns no field took, as a JSON object of header -> cell text.",
}

TABLES: dict[str, tuple[str, str]] = {
    "current_records": ("Current records", "One row per record of a current document, with its "
                        "council, title, themes and organisations as readable columns."),
    "coverage": ("Coverage", "Records per council and theme."),
    "records": ("Records (all versions)", "Every record of every stored document version."),
    "documents": ("Documents", "Each imported file version: title, type, period, status."),
    "source_tables": ("Source tables", "Every table found in a document, plan or not, and why."),
    "organisations": ("Organisations", "Canonical organisations the gazetteer knows."),
    "organisation_aliases": ("Organisation aliases", "Other names of each organisation."),
    "themes": ("Themes", "The theme taxonomy."),
}

VIEW_DESCRIBED = ("council", "due_date", "rag", "themes", "organisations", "extra")

HIDDEN = ("alembic_version", "record_organisations", "record_themes", "document_organisations")


def metadata(db_name: str) -> dict[str, Any]:
    """Datasette metadata for a councilplans database file named ``db_name`` (its stem)."""
    tables: dict[str, Any] = {}
    for name, (title, description) in TABLES.items():
        tables[name] = {"title": title, "description": description,
                        "columns": {c: d for c, d in COLUMNS.items()}}
    # the view opens first: only its less obvious columns are described, so that the rows
    # stay on the first screen (the records table describes them all)
    tables["current_records"]["columns"] = {c: COLUMNS[c] for c in VIEW_DESCRIBED}
    tables["current_records"].update(
        facets=["council", "document", "kind", {"array": "theme_list"}, "rag", "status",
                "due_year"],
        fts_table="records_fts", fts_pk="record_id", size=50,
        sort="record_id", label_column="action")
    tables["records"].update(facets=["kind", "rag", "status"], fts_table="records_fts",
                             fts_pk="id")
    tables["coverage"].update(facets=["council", "theme"], sort_desc="records")
    tables["documents"]["label_column"] = "name"
    tables["organisations"].update(label_column="name", facets=["kind"])
    tables["themes"]["label_column"] = "label"
    for name in HIDDEN:
        tables[name] = {"hidden": True}
    return {
        "title": "councilplans",
        "description": "Action-plan and indicator rows of council strategy documents. Start "
                       "with current_records: facets on the right, search above.",
        "databases": {db_name: {"tables": tables}},
    }


def write_metadata(db_path: Path, out: Path) -> Path:
    with atomic_path(out) as tmp:
        tmp.write_text(json.dumps(metadata(db_path.stem), indent=2), encoding="utf-8")
    return out


def serve_command(db_path: Path, metadata_path: Path, host: str, port: int) -> list[str]:
    """The Datasette command line (its own process: nothing of Datasette is imported here)."""
    return [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata",
            str(metadata_path), "--host", host, "--port", str(port)]


def serve(db_path: Path, metadata_path: Path, host: str, port: int) -> int:
    return subprocess.call(serve_command(db_path, metadata_path, host, port))
