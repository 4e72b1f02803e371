"""Each table shape, pinned by a small real document from the sample generator.

``samples/shapes/NAME.json`` describes one shape (two-row headers, rows cut by page breaks,
section rows, group rows, numbered actions in one cell, RAG as words, letters and shading,
tables that are not plans, ...). The generator drew it three ways: a python-docx DOCX, that DOCX
converted by LibreOffice, and a reportlab PDF whose rows split across pages. Every one must give
exactly the records of its expected file, field by field, extras included.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from councilplans.extract import extract_document
from councilplans.normalise import normalise_document
from evaluation.scoring import FIELDS, norm_text

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "samples" / "shapes"
DOCUMENTS = sorted([*SHAPES.glob("*.docx"), *SHAPES.glob("*.pdf")])


def expected_of(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))


def as_row(record) -> dict:
    row = {name: norm_text(getattr(record, name)) for name in FIELDS}
    row["extra"] = {k: norm_text(v) for k, v in record.extra.items()}
    return row


def expected_row(record: dict) -> dict:
    row = {name: norm_text(record.get(name)) for name in FIELDS}
    row["extra"] = {k: norm_text(v) for k, v in record.get("extra", {}).items()}
    return row


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_shape_document_gives_exactly_its_records(path: Path) -> None:
    doc = normalise_document(extract_document(path))
    assert [as_row(r) for r in doc.records] == [
        expected_row(r) for r in expected_of(path)["records"]
    ]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_shape_document_metadata(path: Path) -> None:
    meta = normalise_document(extract_document(path)).meta
    want = expected_of(path)["document"]
    assert (meta.title, list(meta.organisations), meta.doc_type, meta.period_start,
            meta.period_end) == (want["title"], want["organisations"], want["doc_type"],
                                 want["period_start"], want["period_end"])


def test_shapes_are_present() -> None:
    """Guard against an empty parametrisation silently passing."""
    assert len(DOCUMENTS) >= 20


def test_tables_that_are_not_plans_yield_nothing_and_say_why() -> None:
    doc = normalise_document(extract_document(SHAPES / "shape_not_plans.docx"))
    plans = [t for t in doc.tables if t.is_plan]
    others = [t for t in doc.tables if not t.is_plan]
    assert len(plans) == 1 and len(others) == 4
    assert all(t.n_records == 0 and t.reason for t in others)


def test_unmapped_column_is_named_in_the_report() -> None:
    doc = normalise_document(extract_document(SHAPES / "shape_headers.docx"))
    assert any("Impact on other services" in note for note in doc.notes)
    assert doc.tables[0].mapping["Who"] == "lead"
    assert doc.tables[1].mapping["Operational group with responsibility to deliver"] == "lead"


def test_rows_cut_by_page_breaks_span_pages() -> None:
    """The -rl PDF splits rows across pages: the records still come out whole, one per row."""
    doc = normalise_document(extract_document(SHAPES / "shape_page_breaks-rl.pdf"))
    assert [r.ref for r in doc.records] == [f"3.{i}" for i in range(1, 5)] + [
        f"4.{i}" for i in range(5, 9)]
    assert len({r.page for r in doc.records}) > 1
    assert len([t for t in doc.tables if t.is_plan]) == 2


@pytest.mark.parametrize("name", ["shape_not_plans.docx", "shape_not_plans.pdf",
                                  "shape_not_plans-rl.pdf"])
def test_version_and_status_come_from_the_document_control_table(name: str) -> None:
    meta = normalise_document(extract_document(SHAPES / name)).meta
    assert (meta.version, meta.status) == ("V0.3", "Draft")
