"""Re-imports: unchanged files skipped, revised files become versions, diff shows changes.

The plans are real PDFs drawn with reportlab; each test runs against SQLite and, where a
server answers, PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from councilplans.cli import main

V1 = [
    ("1.1", "Deliver domestic abuse training to frontline staff", "March 2025", "Training Officer"),
    ("1.2", "Run the 16 Days of Activism campaign", "December 2024", "Comms Team"),
    ("1.3", "Commission an FGM awareness service", "2025/26", "Public Health"),
    ("1.4", "Review the MARAC information sharing protocol", "June 2025", "MARAC Coordinator"),
    ("1.5", "Publish a VAWG resource guide", "Ongoing", "Community Safety Team"),
]


def v2_rows():
    rows = {r[0]: list(r) for r in V1}
    rows["1.1"][2] = "June 2025"  # changed timescale
    rows["1.3"][2] = "2026/27"  # changed timescale
    rows["1.4"][3] = "VAWG Strategic Group"  # changed lead
    del rows["1.2"]  # removed
    rows["1.6"] = ["1.6", "Launch a stalking awareness campaign", "May 2025", "Comms Team"]
    rows["1.7"] = ["1.7", "Train housing officers on safe tenancy moves", "2025", "Housing"]
    return [tuple(r) for r in rows.values()]


def write_plan(path: Path, rows, title="Tower Hamlets VAWG Action Plan 2024-2029") -> Path:
    styles = getSampleStyleSheet()
    body = [Paragraph(title, styles["Title"]),
            Paragraph("Priority 1: Preventing Harm", styles["Heading1"])]
    data = [["No.", "Action", "Timescales", "Lead Officer"]] + [list(r) for r in rows]
    table = Table(data, colWidths=[50, 380, 120, 180], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]))
    body.append(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), title=title)
    doc.build(body)
    return path


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


def test_same_folder_twice_is_unchanged_and_counts_identical(tmp_path, db_url):
    folder = tmp_path / "plans"
    write_plan(folder / "a.pdf", V1)
    write_plan(folder / "b.pdf", V1[:3], title="Havering VAWG Strategy 2014")
    first = run("import", folder, "--db", db_url, "--jobs", "0")
    assert first.exit_code == 0, first.output
    assert first.output.strip().splitlines()[-1] == "2 documents: 2 imported; 8 records"
    second = run("import", folder, "--db", db_url, "--jobs", "0")
    assert second.exit_code == 0
    lines = second.output.strip().splitlines()
    assert lines[-1] == "2 documents: 2 unchanged; 0 records"
    assert lines[0] == f"{folder / 'a.pdf'}: unchanged: already imported as a.pdf v1"
    exported = run("export", "--db", db_url).output.strip().splitlines()
    assert len(exported) == 8


def test_revised_plan_becomes_version_two_and_diff_shows_exact_changes(tmp_path, db_url):
    write_plan(tmp_path / "v1" / "plan.pdf", V1)
    write_plan(tmp_path / "v2" / "plan.pdf", v2_rows())
    assert run("import", tmp_path / "v1" / "plan.pdf", "--db", db_url, "--jobs", "0").exit_code == 0
    second = run("import", tmp_path / "v2" / "plan.pdf", "--db", db_url, "--jobs", "0")
    assert second.output.splitlines()[0].endswith(
        ": imported: 6 records from 1 plan table(s); version 2 of Tower Hamlets VAWG Action Plan"
        " 2024-2029 (Tower Hamlets Council), replacing plan.pdf v1"), second.output

    history = json.loads(run("history", "plan.pdf", "--db", db_url, "--format", "json").output)
    assert [(h["version"], h["current"], h["n_records"]) for h in history] == [
        (1, False, 5), (2, True, 6)]

    diff = json.loads(run("diff", "plan.pdf", "--db", db_url, "--format", "json").output)
    assert sorted(r["ref"] for r in diff["added"]) == ["1.6", "1.7"]
    assert [r["ref"] for r in diff["removed"]] == ["1.2"]
    changed = {c["ref"]: c["fields"] for c in diff["changed"]}
    assert changed == {
        "1.1": {"timescale": ["March 2025", "June 2025"], "due_date": ["2025-03-31", "2025-06-30"]},
        "1.3": {"timescale": ["2025/26", "2026/27"], "due_date": ["2026-03-31", "2027-03-31"]},
        "1.4": {"lead": ["MARAC Coordinator", "VAWG Strategic Group"]},
    }
    table = run("diff", "plan.pdf", "--db", db_url).output
    assert table.splitlines()[0] == "plan.pdf: v1 -> v2: 2 added, 1 removed, 3 changed"
    assert "    lead: 'MARAC Coordinator' -> 'VAWG Strategic Group'" in table

    current = run("export", "--db", db_url).output.strip().splitlines()
    everything = run("export", "--db", db_url, "--all-versions").output.strip().splitlines()
    assert (len(current), len(everything)) == (6, 11)


def test_revision_recognised_by_title_and_council_under_another_name(tmp_path, db_url):
    write_plan(tmp_path / "plan-2024.pdf", V1)
    write_plan(tmp_path / "plan-2024-v2-final.pdf", v2_rows(),
               title="Tower Hamlets VAWG Action Plan 2024-2029 v2 FINAL")
    run("import", tmp_path / "plan-2024.pdf", "--db", db_url, "--jobs", "0")
    run("import", tmp_path / "plan-2024-v2-final.pdf", "--db", db_url, "--jobs", "0")
    docs = json.loads(run("documents", "--db", db_url, "--format", "json").output)
    assert [d["document"] for d in docs] == ["plan-2024-v2-final.pdf"]


def test_force_replaces_records_in_place(tmp_path, db_url):
    plan = write_plan(tmp_path / "plan.pdf", V1)
    run("import", plan, "--db", db_url, "--jobs", "0")
    forced = run("import", plan, "--db", db_url, "--jobs", "0", "--force")
    assert forced.exit_code == 0, forced.output
    history = json.loads(run("history", "plan.pdf", "--db", db_url, "--format", "json").output)
    assert [(h["version"], h["n_records"]) for h in history] == [(1, 5)]


SHAPES = Path(__file__).resolve().parents[1] / "samples" / "shapes"


@pytest.mark.parametrize("suffix", [".docx", ".pdf", "-rl.pdf"])
def test_generated_revision_diff_in_table_and_json(tmp_path, db_url, suffix):
    """The sample generator's revised plan (revision_v1 -> revision_v2): two timescales and a
    lead changed, 1.3 removed, 1.6 and 1.7 added; recognised as a revision by its council and
    its title, whose "(updated November 2025)" is not part of the name."""
    v1, v2 = SHAPES / f"revision_v1{suffix}", SHAPES / f"revision_v2{suffix}"
    assert run("import", v1, "--db", db_url, "--jobs", "0").exit_code == 0
    second = run("import", v2, "--db", db_url, "--jobs", "0")
    assert second.output.splitlines()[0].endswith(
        "; version 2 of Tower Hamlets Women's Safety Action Plan 2025 – 2027 (updated November "
        f"2025) (Tower Hamlets Council), replacing {v1.name} v1"), second.output

    diff = json.loads(run("diff", v2.name, "--db", db_url, "--format", "json").output)
    assert [(r["ref"], r["action"]) for r in diff["added"]] == [
        ("1.6", "Set up a women's safety audit of parks."),
        ("1.7", "Extend the night-time safe haven scheme.")]
    assert [(r["ref"], r["lead"]) for r in diff["removed"]] == [("1.3", "MARAC Chair")]
    assert {c["ref"]: c["fields"] for c in diff["changed"]} == {
        "1.1": {"timescale": ["March 2025", "June 2025"],
                "due_date": ["2025-03-31", "2025-06-30"]},
        "1.2": {"lead": ["Communications", "Head of Communications"]},
        "1.4": {"timescale": ["December 2025", "March 2026"],
                "due_date": ["2025-12-31", "2026-03-31"]},
    }
    table = run("diff", v2.name, "--db", db_url).output.splitlines()
    assert table[0] == f"{v2.name}: v1 -> v2: 2 added, 1 removed, 3 changed"
    assert "    lead: 'Communications' -> 'Head of Communications'" in table
    assert "- 1.3  Review the MARAC operating protocol." in table


def test_a_plan_published_as_docx_and_pdf_is_not_its_own_revision(tmp_path, db_url):
    """Same council, same title, other format: two current documents, neither superseded."""
    files = [SHAPES / "revision_v1.docx", SHAPES / "revision_v1.pdf"]
    result = run("import", *files, "--db", db_url, "--jobs", "0")
    assert result.exit_code == 0 and "replacing" not in result.output, result.output
    docs = json.loads(run("documents", "--db", db_url, "--format", "json").output)
    assert sorted(d["document"] for d in docs) == ["revision_v1.docx", "revision_v1.pdf"]
