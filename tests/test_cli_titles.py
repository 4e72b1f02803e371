"""Titles and councils of real committee papers, as `documents` shows them after an import.

A stamp printed largest ("DRAFT") or a memo's "From:" line is never the title; a council's
name never takes in the words printed above it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from councilplans.cli import main

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
KENT = ["kent_budget_risk_register_2025-26.pdf", "kent_family_hubs_executive_response_2025.pdf",
        "kent_quarterly_performance_report_q3_2024-25.pdf"]
pytestmark = pytest.mark.skipif(not all((REAL / n).is_file() for n in KENT),
                                reason="../shared/real not present")


def test_kent_papers_titled_by_their_heading_or_subject_not_a_stamp_or_memo_line(tmp_path):
    for name in KENT:
        shutil.copy(REAL / name, tmp_path / name)
    db = f"sqlite:///{tmp_path / 'plans.db'}"
    result = CliRunner().invoke(main, ["import", str(tmp_path), "--db", db, "--jobs", "0"])
    assert result.exit_code == 0, result.output
    docs = json.loads(CliRunner().invoke(main, ["documents", "--db", db, "--format",
                                                "json"]).output)
    assert {d["document"]: (d["title"], d["organisations"]) for d in docs} == {
        "kent_budget_risk_register_2025-26.pdf": (
            # no council on its title page; its risks name "KCC" throughout (councils.json)
            "Appendix I: Budget Risks Register 2025-26", ["Kent County Council"]),
        "kent_family_hubs_executive_response_2025.pdf": (
            "Commissioned Family Hubs – Millmead and Seashells – Supplementary paper",
            ["Kent County Council"]),
        "kent_quarterly_performance_report_q3_2024-25.pdf": (
            "Kent County Council Quarterly Performance Report Quarter 3", ["Kent County Council"]),
    }
