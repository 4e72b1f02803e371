"""Real published council files from ../shared/real (skipped where that folder is absent).

Nothing here is copied into the repository: the tests read the files where they are.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
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
    assert all(r.page for r in doc.records)
    # one row, under the "Safeguarding" band on page 4, names only the plans in place
    assert [r.page for r in doc.records if not r.action] == [4]
    assert len({r.page for r in doc.records}) >= 40


def test_quarterly_report_kpi_cards_give_each_kpi_its_latest_value_target_and_section():
    doc = normalised("kent_quarterly_performance_report_q3_2024-25.pdf")
    # every KPI has a card (pages 9-65): "Latest: 97%" | "Target: 97%, Floor: 90%" |
    # "Previous: 97% (Green)"; its figures join the summary row of the same KPI
    assert len(doc.records) == 38
    assert all(r.actual and r.target for r in doc.records)
    first = doc.records[0]
    assert (first.section, first.rag, first.actual, first.target, first.extra) == (
        "Customer Services KPIs", "green", "97%", "97%",
        {"Floor": "90%", "Previous": "97% (Green)", "RAG rating Previous": "GREEN"})
    foster = next(r for r in doc.records if r.indicator == "Number of foster households")
    assert (foster.section, foster.rag, foster.actual, foster.target, foster.extra["Floor"]) == (
        "Integrated Children’s Services", "red", "613", "700", "650")
    assert Counter(r.section for r in doc.records)["Public Health KPIs"] == 6
    # page 33's card draws "Previous" and "AMBER" across columns only the chart's axis has:
    # the figure is still read (it was lost with those columns)
    repairs = next(r for r in doc.records if r.indicator.startswith("% of routine highway"))
    assert repairs.extra["Previous"] == "91% (Green)"
    assert all("Previous" in r.extra for r in doc.records)


def test_health_activity_lists_stay_lists_and_plans_in_place_are_outputs():
    doc = normalised("kent_health_wellbeing_activity_2025.pdf")
    page4 = [(r.section, r.action, r.output) for r in doc.records if r.page == 4]
    strive = "Strive for children and young people to be physically and emotionally healthy"
    assert page4[0] == (strive, "Give more support to those more likely to experience poorer "
                        "outcomes", "Children in Care Strategy – KCC\nLooked After Children "
                        "project area\nRefugee resettlement programmes\nFamily Hubs")
    assert page4[6] == (strive, "Holiday Activities and Food Programme",
                        "Support delivery of programmes for 2025-28 (subject to Government "
                        "funding being agreed)")
    # the row under the "Safeguarding" band has no commitment of its own: not the row above's
    assert page4[7] == ("Safeguarding", None,
                        "Deliver Safeguarding priorities working with the Kent Children "
                        "Safeguarding Multiagency Partnership (KSCMP)\nDeliver the NHS Kent and "
                        "Medway Safeguarding Strategy")
    assert len(page4) == 8
    # "Strategies / plans in place to deliver" over "Led by / responsible": the plans, no lead
    page10 = [r for r in doc.records if r.page == 10]
    assert [r.lead for r in page10] == [None] * 5
    assert page10[0].output == ("Support Move Together~ Active Kent and Medway Strategy\n"
                                "Support Districts and KALC in developing local plans around "
                                "physical activity\nSupport for Daily Mile in Primary Schools")
    # a separate "Led by" column is the lead, one organisation a line: as many leads, joined
    # with "; " like leads printed one a row
    page79 = [r for r in doc.records if r.page == 79]
    assert [r.action for r in page79] == ["Grow our skills and workforce",
                                          "Build ‘one’ workforce", "Look after our people",
                                          "Champion inclusive teams"]
    assert page79[0].lead == ("KCC Human Resources & Organisation Development; Medway Council "
                              "HR; NHS Kent and Medway People Directorate")
    # a sliver between two cell edges (page 26) is no column of its own
    page26 = next(t for t in doc.tables if t.page == 26)
    assert page26.mapping == {"What we have committed to": "action",
                              "Strategy / plan / Service in place to deliver": "output"}
    assert all(not r.extra for r in doc.records if r.page == 26)


def test_delivery_plan_rows_keep_status_start_and_finish():
    doc = normalised("hmlr_llc_migration_delivery_plan.pdf")
    assert len(doc.records) == 142
    row = doc.records[6]  # ID 7 on the page
    assert (row.ref, row.action, row.timescale, row.due_date, row.start_date, row.status) == (
        "7", "Introduction / Mobilisation with LA / Ways of working complete", "07 Apr 2022",
        date(2022, 4, 7), date(2022, 4, 7), "Not Started")
    assert (row.extra["MILESTONE REF"], row.progress, row.extra["PREDECESSORS"]) == (
        "M001", "0.00", "6")
    assert "% COMP" not in row.extra
    assert all(r.start_date and r.due_date for r in doc.records)


def test_health_activity_band_cut_by_a_hidden_column_line_stays_one_section():
    # page 26: the column rule of the rows above runs on under the second band, painted over it;
    # the band's text crosses it mid-word ("e|nable") and must stay one section heading
    raw = extract_document(REAL / "kent_health_wellbeing_activity_2025.pdf")
    table = next(t for t in raw.tables if t.page == 26)
    band = ("Address the social determinants that enable healthy lives including social "
            "networks and safety")
    assert (table.rows[3][0].text, table.rows[3][0].col_span) == (band, 3)
    doc = normalise_document(raw)
    page26 = [(r.section, r.action) for r in doc.records if r.page == 26]
    assert page26 == [
        ("Address the economic determinants that enable healthy lives including stable "
         "employment", "Education and skills development for employment"),
        (band, "Reduce loneliness"),
        (band, "Community safety including tackling crime (inc. serious organised crime), "
               "serious violence, anti-social behaviour and discrimination"),
        (band, "Protecting vulnerable people in our communities"),
        (band, "Deliver on Serious Violence Duty")]


def test_quarterly_report_counts_the_kpi_tables_not_the_cards_as_plan_tables(tmp_path):
    # 38 KPIs listed in 8 tables (pages 4-7); their 38 cards only add figures to those rows
    db = f"sqlite:///{tmp_path / 'qpr.db'}"
    path = REAL / "kent_quarterly_performance_report_q3_2024-25.pdf"
    result = CliRunner().invoke(main, ["import", str(path), "--db", db, "--jobs", "0"])
    assert f"{path}: imported: 38 records from 8 plan table(s)" in result.output
    doc = normalised(path.name)
    cards = [t for t in doc.tables if t.reason.startswith("an indicator card")]
    assert len(cards) == 38 and {t.n_records for t in cards} == {0}
    assert sum(t.n_records for t in doc.tables) == len(doc.records) == 38
