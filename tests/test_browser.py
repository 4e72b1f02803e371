"""The report and the Datasette pages in headless Chromium (Debian's, driven by Playwright):
charts drawn, facets shown, a search answered. Screenshots are kept in out/test-artefacts/."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from councilplans.browse import serve_command, write_metadata
from councilplans.cli import main

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("COUNCILPLANS_CHROMIUM", "/usr/bin/chromium")
ARTEFACTS = Path(os.environ.get("COUNCILPLANS_ARTEFACTS", ROOT / "out" / "test-artefacts"))

if not Path(CHROMIUM).is_file():
    pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (.ci/run does); "
                "Playwright is never allowed to download its own browser here",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) missing")
pytest.importorskip("datasette", reason="datasette (browse extra) missing")
pytest.importorskip("matplotlib", reason="matplotlib (report extra) missing")


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "plans.db"
    url = f"sqlite:///{db}"
    run("import", *sorted((ROOT / "samples").glob("*.docx")), "--db", url, "--jobs", "0", "-q")
    run("report", "--db", url, "--out", tmp / "report.html", "--as-of", "2025-06-01")
    return db, tmp / "report.html"


@pytest.fixture(scope="module")
def datasette(made):
    db, _ = made
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    meta = write_metadata(db, db.with_name("metadata.json"))
    proc = subprocess.Popen(serve_command(db, meta, "127.0.0.1", port),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(60):  # at most 30 s for the server to answer
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("datasette did not start within 30 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        pg = browser.new_page(viewport={"width": 1300, "height": 1000})
        yield pg
        browser.close()


def test_report_in_chromium(made, page):
    _, report = made
    page.goto(report.as_uri())
    assert page.locator("svg.chart").count() == 5
    assert page.locator("#n-overdue b").inner_text() == "56"
    heatmap = page.locator('svg[aria-label="Records by council and theme"]')
    assert heatmap.bounding_box()["width"] > 300  # drawn, not an empty box
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS / "report.png", full_page=True)
    assert (ARTEFACTS / "report.png").stat().st_size > 10_000


def test_datasette_facets_and_search_in_chromium(datasette, page):
    page.goto(f"{datasette}/plans/current_records?_search=refuge")
    assert page.locator("h1").inner_text().startswith("Current records")
    assert "3 rows where search matches" in page.locator("h3").first.inner_text()
    facets = page.locator(".facet-info")
    names = {facets.nth(i).get_attribute("data-column") for i in range(facets.count())}
    assert {"council", "document", "kind", "theme_list", "due_year"} <= names
    assert page.locator("table.rows-and-columns tbody tr").count() == 3
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS / "datasette.png")
    assert (ARTEFACTS / "datasette.png").stat().st_size > 10_000
