"""The HTML report on the sample DOCX plans: figures, charts, links, and no network needed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from councilplans.cli import main
from councilplans.report.data import quarter, source_link

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

pytest.importorskip("matplotlib")
pytest.importorskip("jinja2")


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    url = f"sqlite:///{tmp / 'samples.db'}"
    run("import", *sorted(SAMPLES.glob("*.docx")), "--db", url, "--jobs", "0", "-q")
    out = tmp / "report.html"
    assert run("report", "--db", url, "--out", out, "--as-of", "2025-06-01") == (
        f"{out}: report written\n")
    return out.read_text(encoding="utf-8")


def _figure(html: str, name: str) -> int:
    return int(re.search(rf'id="n-{name}"><b>(\d+)</b>', html)[1])


def test_headline_figures(report):
    assert (_figure(report, "documents"), _figure(report, "records"),
            _figure(report, "overdue")) == (5, 215, 56)


def test_charts_are_inline_svg_from_matplotlib(report):
    labels = re.findall(r'<svg role="img" aria-label="([^"]+)"', report)
    assert labels == ["Records by council and theme", "Records by due quarter", "RAG ratings",
                      "Status as printed", "Organisations linked to most records"]
    heatmap = report[report.index('aria-label="Records by council and theme"'):]
    heatmap = heatmap[:heatmap.index("</svg>")]
    assert "Tower Hamlets Council" in heatmap and "survivor_voice" in heatmap
    assert ">41<" in heatmap  # Tower Hamlets records on survivor voice


def test_self_contained(report):
    assert "<script" not in report
    assert not re.search(r'(src|href)="https?:', report)
    assert "url(http" not in report


def test_records_link_to_their_document(report):
    assert report.count(f'href="{(SAMPLES / "havering_vawg_strategy.docx").as_uri()}"') == 32 + 8


def test_quarter_and_page_links():
    assert [quarter(d) for d in ("2025-03-31", "2025-04-01", "2027-12-31")] == [
        "2025 Q1", "2025 Q2", "2027 Q4"]
    assert source_link("/x/plan.pdf", 12) == "file:///x/plan.pdf#page=12"
    assert source_link("/x/plan.docx", 12) == "file:///x/plan.docx"
    assert source_link(None, 3) is None


def test_report_as_pdf_printed_by_chromium(tmp_path):
    import pypdfium2

    from councilplans.report.pdf import NoBrowser, find_chromium

    try:
        find_chromium()
    except NoBrowser as exc:
        pytest.skip(str(exc))
    url = f"sqlite:///{tmp_path / 'one.db'}"
    run("import", SAMPLES / "havering_vawg_strategy.docx", "--db", url, "--jobs", "0", "-q")
    out = tmp_path / "report.pdf"
    run("report", "--db", url, "--out", out, "--format", "pdf", "--as-of", "2025-06-01")
    pdf = pypdfium2.PdfDocument(out)
    first = pdf[0].get_textpage().get_text_range()
    assert "Council plans report" in first and "Havering Council" in first
    assert len(pdf) >= 2
