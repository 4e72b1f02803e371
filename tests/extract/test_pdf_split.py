"""A long PDF's pages read in several processes give exactly the serial read's RawDocument."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from councilplans.errors import EncryptedDocument, NoTextLayer
from councilplans.executors import page_workers
from councilplans.extract import extract_document
from councilplans.extract.pdf import SPLIT_MIN_PAGES, _ranges, pdf_to_document

ROOT = Path(__file__).resolve().parents[2]
LONG = [  # seeds and variants of 24 pages or more: tables run across the split points
    "samples/lbth_vawg_action_plan_2024.pdf",
    "samples/triborough_vawg_annual_report.pdf",
    "samples/variants/triborough_vawg_annual_report-banded.pdf",
    "samples/variants/lbth_vawg_action_plan_2024-plain.pdf",
]


@pytest.mark.parametrize("name", LONG)
@pytest.mark.parametrize("workers", [2, 3])
def test_split_read_is_the_serial_read(name: str, workers: int) -> None:
    path = ROOT / name
    serial = pdf_to_document(path)
    calls = []
    split = pdf_to_document(path, workers=workers, while_waiting=lambda: calls.append(1))
    assert len(_ranges(serial.pages, workers)) == min(workers, serial.pages // 12)
    assert calls == [1]
    assert split == serial  # blocks, table indexes, contexts, warnings, title: all of it


def test_ranges() -> None:
    assert _ranges(123, 1) == [(0, 123)]
    assert _ranges(123, 2) == [(0, 61), (61, 123)]
    assert _ranges(123, 3) == [(0, 41), (41, 82), (82, 123)]
    assert _ranges(SPLIT_MIN_PAGES - 1, 2) == [(0, SPLIT_MIN_PAGES - 1)]
    assert _ranges(SPLIT_MIN_PAGES, 4) == [(0, 12), (12, 24)]  # at least 12 pages a process


def test_short_pdf_is_read_here() -> None:
    calls = []
    doc = pdf_to_document(ROOT / "samples/havering_vawg_strategy.pdf", workers=2,
                          while_waiting=lambda: calls.append(1))
    assert calls == [] and doc.pages == 19


def test_page_workers() -> None:
    assert page_workers(0, 1) == 1
    assert page_workers(1, 1) == 1
    assert page_workers(2, 1) == 2
    assert page_workers(2, 2) == 1
    assert page_workers(2, 50) == 1
    assert page_workers(4, 2) == 2
    assert page_workers(4, 3) == 1


def _pages_pdf(path: Path, n: int, text: bool, **kw) -> Path:
    c = canvas.Canvas(str(path), **kw)
    for i in range(n):
        if text:
            c.drawString(72, 720, f"page {i + 1}")
        else:
            c.rect(72, 400, 300, 200, fill=1)
        c.showPage()
    c.save()
    return path


def test_split_read_raises_what_the_serial_read_raises(tmp_path: Path) -> None:
    drawn = _pages_pdf(tmp_path / "drawn.pdf", 30, text=False)
    with pytest.raises(NoTextLayer):
        pdf_to_document(drawn, workers=2)
    locked = _pages_pdf(tmp_path / "locked.pdf", 30, text=True, encrypt="secret")
    with pytest.raises(EncryptedDocument):
        pdf_to_document(locked, workers=2)
    doc = extract_document(locked, password="secret", workers=2)
    assert doc == pdf_to_document(locked, password="secret")
    assert [b.text for b in doc.blocks][-1] == "page 30"


def test_one_file_with_two_jobs_imports_the_serial_records(tmp_path: Path) -> None:
    """The CLI: ``--jobs 2`` on one long file (pages split) stores what ``--jobs 0`` stores."""
    name = ROOT / "samples/triborough_vawg_annual_report.pdf"
    exported = []
    for jobs in ("0", "2"):
        url = f"sqlite:///{tmp_path / f'j{jobs}.db'}"
        run = subprocess.run([sys.executable, "-m", "councilplans", "import", str(name), "--db",
                              url, "--jobs", jobs, "--quiet"], capture_output=True, text=True,
                             timeout=300)
        assert run.returncode == 0, run.stderr
        out = subprocess.run([sys.executable, "-m", "councilplans", "export", "--db", url,
                              "--format", "jsonl"], capture_output=True, text=True, timeout=120)
        exported.append([json.loads(line) for line in out.stdout.splitlines() if line.strip()])
    assert exported[0] and exported[1] == exported[0]


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory) -> Path:
    """The benchmark's generated plan at 30 pages: 9 tables, 271 rows."""
    from evaluation.bigplan import write_big_plan

    return write_big_plan(tmp_path_factory.mktemp("big") / "plan.pdf", pages=30)


def test_split_normalisation_is_the_serial_one(big_plan: Path) -> None:
    from councilplans.normalise import normalise_document

    raw = pdf_to_document(big_plan)
    assert pdf_to_document(big_plan, workers=2) == raw
    serial = normalise_document(raw)
    assert len(serial.records) > 100
    assert normalise_document(raw, workers=2) == serial
    assert normalise_document(raw, workers=3, tag=False) == normalise_document(raw, tag=False)


def test_runs_of_tables(big_plan: Path) -> None:
    from councilplans.normalise import SPLIT_MIN_ROWS, _runs
    from councilplans.normalise.stitch import stitch_tables

    tables = stitch_tables(pdf_to_document(big_plan))
    rows = [len(t.rows) for t in tables]
    assert sum(rows) >= SPLIT_MIN_ROWS
    runs = _runs(tables, 2)
    assert len(runs) == 2 and [t for run in runs for t in run] == tables
    halves = [sum(len(t.rows) for t in run) for run in runs]
    assert abs(halves[0] - halves[1]) <= max(rows)  # near-equal: a table's rows at most apart
    assert _runs(tables, 1) == [tables]
    assert _runs(tables[:1], 2) == [tables[:1]]
    small = ROOT / LONG[1]  # 125 rows: one process
    assert len(_runs(stitch_tables(pdf_to_document(small)), 2)) == 1


def test_forked_errors_come_back() -> None:
    from councilplans.forked import map_forked

    assert map_forked(divmod, [(7, 2), (9, 4), (1, 1)], first_here=True) == [(3, 1), (2, 1),
                                                                          (1, 0)]
    with pytest.raises(ZeroDivisionError):
        map_forked(divmod, [(7, 2), (1, 0)])
