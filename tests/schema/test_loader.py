"""The loader on hand-made normalised documents, against SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from councilplans.normalise.model import DocumentMeta, NormalisedDocument, Record, TableReport
from councilplans.schema.db import make_engine, make_session
from councilplans.schema.loader import load_document
from councilplans.schema.models import Document, RecordRow
from councilplans.schema.queries import EXPORT_KEYS, document_rows, export_rows
from councilplans.status import FileStatus


def _doc(n: int = 2) -> NormalisedDocument:
    records = tuple(
        Record(kind="action", page=3, table_index=1, row_index=i + 1, ref=f"1.{i + 1}",
               section="Priority 1", action=f"Action {i + 1}", lead="Met Police",
               timescale="March 2025", due_date=date(2025, 3, 31), rag="green",
               extra={"Impact": "x"}, organisations=("Metropolitan Police Service",),
               themes=("training",))
        for i in range(n)
    )
    table = TableReport(table_index=1, page=3, n_rows=n + 1, n_cols=4, is_plan=True,
                        reason="action column", kind="action",
                        mapping={"No.": "ref", "Action": "action"}, n_records=n)
    meta = DocumentMeta(title="VAWG Action Plan 2024-2029",
                        organisations=("Tower Hamlets Council",), doc_type="action plan",
                        period_start=2024, period_end=2029)
    return NormalisedDocument(meta, (table,), records)


def _load(url, file, doc, **kw):
    """``file``: the loader's plain file values (name, path, sha256, format)."""
    engine = make_engine(url)
    with make_session(engine) as session, session.begin():
        return load_document(session, *file, doc, FileStatus.IMPORTED, pages=10, **kw)


def test_load_and_export_exact_rows(db_url):
    facts = ("plan.pdf", "/x/plan.pdf", "a" * 64, "pdf")
    outcome = _load(db_url, facts, _doc())
    assert (outcome.status, outcome.version, outcome.n_records) == (FileStatus.IMPORTED, 1, 2)
    with make_session(make_engine(db_url)) as session:
        rows = export_rows(session)
        docs = document_rows(session)
    assert rows[0] == {
        "document": "plan.pdf", "sha256": "a" * 64, "page": 3, "kind": "action", "ref": "1.1",
        "section": "Priority 1", "objective": None, "action": "Action 1", "output": None,
        "outcome": None, "indicator": None, "measure": None, "lead": "Met Police",
        "timescale": "March 2025", "due_date": "2025-03-31", "rag": "green", "resources": None,
        "progress": None, "status": None, "baseline": None, "target": None, "actual": None,
        "council": "Tower Hamlets Council", "council_code": "E09000030",
        "title": "VAWG Action Plan 2024-2029", "doc_type": "action plan", "version": 1,
        "table_index": 1, "row_index": 1, "themes": ["training"],
        "organisations": ["Metropolitan Police Service"], "extra": {"Impact": "x"},
    }
    assert tuple(rows[0]) == EXPORT_KEYS
    assert docs[0]["organisations"] == ["Tower Hamlets Council"]
    assert (docs[0]["status"], docs[0]["n_records"], docs[0]["pages"]) == ("imported", 2, 10)


def test_a_document_placed_in_a_series_becomes_its_next_version(db_url):
    _load(db_url, ("plan.pdf", "/x/plan.pdf", "a" * 64, "pdf"), _doc(2),
          series_key="plan")
    outcome = _load(db_url, ("plan.pdf", "/x/plan.pdf", "b" * 64, "pdf"), _doc(3),
                    series_key="plan")
    assert (outcome.version, outcome.superseded) == (2, "plan.pdf v1")
    with make_session(make_engine(db_url)) as session:
        assert len(export_rows(session)) == 3
        assert len(export_rows(session, all_versions=True)) == 5
        current = session.scalars(select(Document).where(Document.is_current)).all()
        assert [d.version for d in current] == [2]


def test_a_document_given_no_series_is_one_of_its_own(db_url):
    """The loader never makes a revision out of a file name: that is revisions' decision."""
    _load(db_url, ("plan.pdf", "/kent/plan.pdf", "a" * 64, "pdf"), _doc(2))
    outcome = _load(db_url, ("plan.pdf", "/wsx/plan.pdf", "b" * 64, "pdf"), _doc(3))
    assert (outcome.version, outcome.superseded) == (1, None)
    with make_session(make_engine(db_url)) as session:
        assert len(export_rows(session)) == 5


def test_failure_inside_the_transaction_writes_nothing(db_url):
    _load(db_url, ("plan.pdf", "/x/plan.pdf", "a" * 64, "pdf"), _doc(2))
    engine = make_engine(db_url)
    with pytest.raises(RuntimeError), make_session(engine) as session, session.begin():
        load_document(session, "plan.pdf", "/x/plan.pdf", "c" * 64, "pdf", _doc(3),
                      FileStatus.IMPORTED)
        session.flush()
        raise RuntimeError("injected failure after the rows were flushed")
    with make_session(engine) as session:
        assert session.scalar(select(func.count()).select_from(RecordRow)) == 2
        current = session.scalars(select(Document).where(Document.is_current)).all()
        assert [(d.sha256[0], d.version) for d in current] == [("a", 1)]


def test_each_record_keeps_its_own_links_after_a_bulk_insert(db_url):
    """Records go in as one bulk insert and their organisation and theme links as another:
    with a document stored before (so ids do not start at 1) every record must get its own
    links, not a neighbour's, and ids must follow the records' order."""
    _load(db_url, ("old.pdf", "/x/old.pdf", "b" * 64, "pdf"), _doc(3))
    orgs = ("Metropolitan Police Service", "NHS England", "Probation Service")
    records = tuple(
        Record(kind="action", page=1, table_index=1, row_index=i + 1, ref=f"2.{i + 1}",
               action=f"Step {i + 1}", organisations=orgs[i % 3:],
               themes=(("housing",), (), ("training", "housing"))[i % 3])
        for i in range(7)
    )
    base = _doc(0)
    _load(db_url, ("new.pdf", "/x/new.pdf", "c" * 64, "pdf"),
          NormalisedDocument(base.meta, base.tables, records))
    with make_session(make_engine(db_url)) as session:
        rows = [r for r in export_rows(session) if r["document"] == "new.pdf"]
        ids = session.scalars(select(RecordRow.id).join(Document)
                              .where(Document.name == "new.pdf").order_by(RecordRow.id)).all()
    assert [r["ref"] for r in rows] == [f"2.{i + 1}" for i in range(7)]
    assert [sorted(r["organisations"]) for r in rows] == [sorted(r.organisations) for r in records]
    assert [sorted(r["themes"]) for r in rows] == [sorted(r.themes) for r in records]
    assert ids == list(range(ids[0], ids[0] + 7)) and ids[0] > 3
