"""Read commands for researchers on the five sample DOCX plans: exact figures users rely on."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest
from click.testing import CliRunner

from councilplans.cli import main
from councilplans.schema.queries import EXPORT_KEYS

from .conftest import ROOT, SAMPLES

DOCX = sorted(str(p) for p in SAMPLES.glob("*.docx"))


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("research") / "samples.db"
    run("import", *DOCX, "--db", f"sqlite:///{path}", "--jobs", "0", "-q")
    return path


@pytest.fixture(scope="module")
def url(db):
    return f"sqlite:///{db}"


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_export_keys_in_order_with_council_code_and_lists(url):
    rows = jsonl(run("export", "--db", url, "--council", "LBTH", "--search", "refuge"))
    assert [tuple(r) for r in rows] == [EXPORT_KEYS]
    r = rows[0]
    assert EXPORT_KEYS[:22] == ("document", "sha256", "page", "kind", "ref", "section",
                                "objective", "action", "output", "outcome", "indicator",
                                "measure", "lead", "timescale", "due_date", "rag", "resources",
                                "progress", "status", "baseline", "target", "actual")
    assert (r["document"], r["ref"], r["council"], r["council_code"]) == (
        "lbth_vawg_action_plan_2024.docx", "2.7", "Tower Hamlets Council", "E09000030")
    assert (r["doc_type"], r["version"], r["table_index"]) == ("action plan", 1, 1)
    assert r["themes"] == ["domestic_abuse", "housing", "survivor_voice"]
    assert isinstance(r["organisations"], list) and isinstance(r["extra"], dict)


def test_export_csv_bom_joins_lists(url, tmp_path):
    out = tmp_path / "x.csv"
    run("export", "--db", url, "--format", "csv", "--bom", "--out", out, "--theme", "fgm")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 13
    assert list(rows[0]) == list(EXPORT_KEYS)
    assert all("fgm" in r["themes"].split(";") for r in rows)
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]  # no temporary file left behind


def test_export_xlsx_two_sheets_frozen_and_filtered(url, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "x.xlsx"
    run("export", "--db", url, "--format", "xlsx", "--out", out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["records", "documents"]
    records, documents = wb["records"], wb["documents"]
    assert records.max_row == 216 and documents.max_row == 6  # 215 records, 5 documents
    assert [c.value for c in records[1]] == list(EXPORT_KEYS)
    assert records.freeze_panes == "A2" and records.auto_filter.ref.startswith("A1:")
    assert documents.freeze_panes == "A2"


def test_export_parquet_keeps_lists(url, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "x.parquet"
    run("export", "--db", url, "--format", "parquet", "--out", out, "--council",
        "Havering Council")
    table = pq.read_table(out)
    assert table.num_rows == 32
    assert table.column_names == list(EXPORT_KEYS)
    themes = table.column("themes").to_pylist()
    assert str(table.schema.field("themes").type.value_type) == "string"
    assert sum("risk_marac" in t for t in themes) == 12


@pytest.mark.parametrize(("args", "count"), [
    (("--council", "LBTH"), 91),
    (("--council", "London Borough of Tower Hamlets"), 91),
    (("--organisation", "MPS"), 16),
    (("--theme", "fgm"), 13),
    (("--theme", "Female genital mutilation"), 13),
    (("--rag", "amber"), 1),
    (("--lead", "police"), 18),
    (("--kind", "indicator"), 70),
    (("--due-before", "2014-01-01"), 5),
    (("--overdue", "--as-of", "2025-06-01"), 56),
    (("--overdue", "--as-of", "2025-06-01", "--council", "LBTH", "--kind", "action"), 21),
    (("--search", "refuge"), 3),
    (("--document", "havering_vawg_strategy.docx"), 32),
])
def test_records_filters(url, args, count):
    assert len(jsonl(run("records", "--db", url, "--format", "jsonl", *args))) == count


def test_records_table_and_overdue(url):
    out = run("records", "--db", url, "--format", "table", "--overdue", "--as-of",
              "2025-06-01", "--council", "Havering")
    lines = out.splitlines()
    assert lines[0].split() == ["document", "page", "ref", "kind", "due_date", "rag", "status",
                                "lead", "text"]
    assert lines[-1] == "8 records"
    assert all(line.startswith("havering_vawg_strategy.docx") for line in lines[1:-1])


def test_documents_filtered_by_record_filters(url):
    rows = json.loads(run("documents", "--db", url, "--format", "json", "--search", "refuge"))
    assert [(r["document"], r["council_code"]) for r in rows] == [
        ("havering_vawg_strategy.docx", "E09000016"),
        ("lbth_vawg_action_plan_2024.docx", "E09000030"),
        ("triborough_vawg_annual_report.docx", "E09000013"),
    ]


def test_search_refuge_ranked_with_snippets(url):
    hits = jsonl(run("search", "refuge", "--db", url, "--format", "jsonl"))
    assert [(h["document"], h["ref"]) for h in hits] == [
        ("lbth_vawg_action_plan_2024.docx", "2.7"),
        ("havering_vawg_strategy.docx", None),
        ("triborough_vawg_annual_report.docx", "2.1"),
    ]
    assert "[Refuge]" in hits[0]["snippet"] and "[refuge]" in hits[1]["snippet"]


@pytest.mark.parametrize("text", ['"unbalanced', "NEAR(", "refuge -", "*", "AND OR NOT", ""])
def test_search_takes_any_user_input(url, text):
    jsonl(run("search", text, "--db", url, "--format", "jsonl"))


def test_compare_theme_by_council(url):
    rows = json.loads(run("compare", "--by", "theme", "--rows", "council", "--db", url,
                          "--format", "json"))
    by = {r["council"]: r for r in rows}
    assert list(by) == ["Barking and Dagenham Council", "Hammersmith and Fulham Council",
                        "Havering Council", "Tower Hamlets Council"]
    assert [by[c]["records"] for c in by] == [49, 43, 32, 91]
    th = by["Tower Hamlets Council"]
    assert (th["survivor_voice"], th["training"], th["domestic_abuse"], th["housing"]) == (
        41, 35, 26, 8)
    assert by["Havering Council"]["risk_marac"] == 12


def test_compare_share_and_table(url):
    rows = json.loads(run("compare", "--by", "rag", "--db", url, "--format", "json", "--share"))
    hf = next(r for r in rows if r["council"] == "Hammersmith and Fulham Council")
    assert (hf["amber"], hf["green"], hf["(none)"]) == (2.3, 2.3, 95.3)
    table = run("compare", "--by", "kind", "--rows", "document", "--db", url)
    assert table.splitlines()[0].split() == ["document", "records", "action", "indicator"]
    assert "lbth_vawg_performance_matrix.docx   31       0       31" in table


def _readme_examples() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Querying by hand", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)\n```\n```text\n(.*?)\n```", section, re.S)


def test_readme_has_five_example_queries():
    assert len(_readme_examples()) == 5


@pytest.mark.parametrize("index", range(5))
def test_readme_example_query_runs_as_printed(db, index):
    sql, expected = _readme_examples()[index]
    con = sqlite3.connect(db)
    cur = con.execute(sql)
    lines = ["|".join(d[0] for d in cur.description)]
    lines += ["|".join("" if v is None else str(v) for v in row) for row in cur]
    assert "\n".join(lines) == expected


def test_search_and_views_on_both_databases(db_url):
    """SQLite FTS5 and PostgreSQL tsvector find the same record; the views answer on both."""
    import sqlalchemy as sa

    run("import", SAMPLES / "lbth_vawg_action_plan_2024.docx", "--db", db_url, "--jobs", "0",
        "-q")
    hits = jsonl(run("search", "Asian women's refuge", "--db", db_url, "--format", "jsonl"))
    assert [(h["document"], h["ref"]) for h in hits] == [("lbth_vawg_action_plan_2024.docx",
                                                          "2.7")]
    assert "[refuge" in hits[0]["snippet"].lower()
    assert jsonl(run("search", 'refuge OR "no such phrase" -', "--db", db_url,
                     "--format", "jsonl"))
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        n = conn.execute(sa.text("SELECT count(*) FROM current_records")).scalar_one()
        housing = conn.execute(sa.text(
            "SELECT records FROM coverage WHERE theme = 'housing'")).scalar_one()
        council = conn.execute(sa.text("SELECT DISTINCT council FROM current_records")).all()
    engine.dispose()
    assert (n, housing, council) == (60, 6, [("Tower Hamlets Council",)])


def test_compare_csv_and_tables_written_to_out(url, tmp_path):
    out = tmp_path / "by_kind.csv"
    run("compare", "--by", "kind", "--db", url, "--format", "csv", "--out", out)
    assert out.read_text(encoding="utf-8").splitlines() == [
        "council,records,action,indicator",
        "Barking and Dagenham Council,49,13,36",
        "Hammersmith and Fulham Council,43,43,0",
        "Havering Council,32,29,3",
        "Tower Hamlets Council,91,60,31",
    ]
    table = tmp_path / "records.txt"
    assert run("records", "--db", url, "--format", "table", "--rag", "amber", "--out",
               table) == "1 records\n"
    lines = table.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[1].startswith("triborough_vawg_annual_report.docx")


@pytest.mark.parametrize("command", [["records"], ["search", "refuge"], ["compare", "--by", "rag"],
                                     ["report", "--out", "r.html"], ["browse", "--no-open"]])
def test_new_read_commands_on_a_missing_database_say_so(tmp_path, command):
    db = tmp_path / "typo.db"
    result = CliRunner().invoke(main, [*command, "--db", f"sqlite:///{db}"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: no database at {db}: run `councilplans import")
    assert not db.exists()


def test_a_plan_in_docx_and_pdf_counts_once_unless_all_formats(tmp_path):
    url = f"sqlite:///{tmp_path / 'twins.db'}"
    run("import", SAMPLES / "lbth_vawg_action_plan_2024.docx",
        SAMPLES / "lbth_vawg_action_plan_2024.pdf", "--db", url, "--jobs", "0", "-q")
    once = jsonl(run("records", "--db", url, "--format", "jsonl"))
    both = jsonl(run("records", "--db", url, "--format", "jsonl", "--all-formats"))
    assert {r["document"] for r in once} == {"lbth_vawg_action_plan_2024.docx"}
    assert len(once) == 60
    assert {r["document"] for r in both} == {"lbth_vawg_action_plan_2024.docx",
                                             "lbth_vawg_action_plan_2024.pdf"}
    rows = json.loads(run("compare", "--by", "kind", "--db", url, "--format", "json"))
    assert rows == [{"council": "Tower Hamlets Council", "records": 60, "action": 60}]
    hits = jsonl(run("search", "refuge", "--db", url, "--format", "jsonl"))
    assert [h["document"] for h in hits] == ["lbth_vawg_action_plan_2024.docx"]


def test_an_unknown_theme_is_a_usage_error_naming_the_themes(url):
    result = CliRunner().invoke(main, ["records", "--db", url, "--theme", "refuges"])
    assert result.exit_code == 2
    assert "Invalid value for --theme: unknown theme 'refuges'; themes are: domestic_abuse, " \
           "sexual_violence, fgm," in result.output
