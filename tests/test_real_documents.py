"""Real published council files from ../shared/real (skipped where that folder is absent).

Nothing here is copied into the repository: the tests read the files where they are.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from councilplans.cli import main
from councilplans.extract import extract_document
from councilplans.normalise import normalise_document

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} is not on this machine")


def normalised(name: str):
    return normalise_document(extract_document(REAL / name))


def test_whole_folder_imports_with_a_clear_status_for_every_file(tmp_path):
    db = f"sqlite:///{tmp_path / 'real.db'}"
    result = CliRunner().invoke(main, ["import", str(REAL), "--db", db, "--jobs", "2"])
    assert result.exit_code == 0, result.output
    docs = json.loads(CliRunner().invoke(main, ["documents", "--db", db, "--format", "json"])
                      .output)
    files = sorted(p.name for p in REAL.rglob("*") if p.suffix in (".pdf", ".docx"))
    assert sorted(d["document"] for d in docs) == files
    assert {d["status"] for d in docs} == {"imported"}


def test_risk_register_is_not_a_plan():
    doc = normalised("kent_budget_risk_register_2025-26.pdf")
    assert doc.records == ()
    assert doc.tables and not any(t.is_plan for t in doc.tables)


def test_statistical_briefing_docx_has_no_plan_rows():
    assert normalised("wsx_eye_health_sight_loss_briefing.docx").records == ()


def test_executive_response_tables_are_not_plans():
    assert normalised("kent_family_hubs_executive_response_2025.pdf").records == ()


def test_quarterly_report_kpis_carry_their_rag_and_skip_the_count_summary():
    doc = normalised("kent_quarterly_performance_report_q3_2024-25.pdf")
    assert doc.meta.organisations == ("Kent County Council",)
    # pages 4-7 list 38 KPIs, each with its latest RAG rating printed in words on a colour
    assert Counter(r.kind for r in doc.records) == {"indicator": 38}
    assert Counter(r.rag for r in doc.records) == {"green": 17, "amber": 12, "red": 9}
    first = doc.records[0]
    assert (first.indicator, first.rag, first.page) == (
        "% of callers to Contact Point who rated the advisor who dealt with their call as good",
        "green", 4)
    # the G/A/R count table on page 3 and the sub-heading row under each header give nothing
    assert not any(r.page == 3 for r in doc.records)
    assert not any((r.indicator or "").endswith("KPIs") for r in doc.records)


def test_health_activity_commitments_become_actions_across_pages():
    doc = normalised("kent_health_wellbeing_activity_2025.pdf")
    assert len(doc.records) >= 200
    assert {r.kind for r in doc.records} == {"action"}
    assert all(r.action and r.page for r in doc.records)
    assert len({r.page for r in doc.records}) >= 40
