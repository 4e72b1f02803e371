"""The benchmark's plumbing: the generated plan, per-process measurement, profile summary."""

from __future__ import annotations

import cProfile
import sys

import pypdfium2

from evaluation.bench import measure, profile_top
from evaluation.bigplan import write_big_plan


def test_big_plan_is_deterministic_and_long_enough(tmp_path):
    a = write_big_plan(tmp_path / "a.pdf", pages=4)
    b = write_big_plan(tmp_path / "b.pdf", pages=4)
    assert a.read_bytes() == b.read_bytes()
    assert len(pypdfium2.PdfDocument(a)) >= 4
    mtime = a.stat().st_mtime_ns
    assert write_big_plan(a, pages=4).stat().st_mtime_ns == mtime  # cached: not redrawn


def test_big_plan_has_the_six_column_header_and_bullets(tmp_path):
    pdf = pypdfium2.PdfDocument(write_big_plan(tmp_path / "p.pdf", pages=3))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    for header in ("No.", "Action", "Output", "Outcome", "Timescales", "Lead Officer"):
        assert header in text
    assert "\u2022" in text and "Priority 1:" in text


def test_measure_reads_the_bench_line_and_peak_memory():
    code = "b = b'x' * (50 * 2**20); print('BENCH {\"seconds\": 0.5, \"rows\": 3}')"
    m = measure("t", [sys.executable, "-c", code])
    assert m.ok and m.task_s == 0.5 and m.info == {"rows": 3}
    assert m.peak_mb >= 50


def test_measure_reports_a_failing_child():
    m = measure("t", [sys.executable, "-c", "raise SystemExit('boom')"])
    assert not m.ok and m.error == "boom"


def test_profile_top_lists_functions(tmp_path):
    def work():
        return sorted(range(10000), key=lambda x: -x)

    prof = cProfile.Profile()
    prof.runcall(work)
    prof.dump_stats(tmp_path / "p.prof")
    out = profile_top(tmp_path / "p.prof", n=5)
    assert "work" in out and len(out.splitlines()) <= 6


def test_child_reports_its_own_high_water_mark_not_the_parents(tmp_path):
    from evaluation.bench import child_cmd

    ballast = b"\x01" * (300 * 2**20)  # the parent is big; the child's figure must not be
    m = measure("baseline", child_cmd("baseline", tmp_path / "unused.pdf"))
    assert m.ok and 0 < m.peak_mb < 150, m
    del ballast


def test_batch_lines_put_the_batch_beside_the_single_plan():
    from evaluation.bench import Measure, batch_lines

    single = Measure("import-cli", True, 11.0, 10.0, 150, {}, cpu_s=5.0)  # 100 pages
    batch = Measure("import-batch", True, 21.0, 20.0, 300, {"pages": 400, "files": 80},
                    cpu_s=8.0)
    lines = batch_lines(single, batch, 100)
    assert lines[0].split()[:9] == ["single", "plan", "100", "pages", "1", "file", "10.0",
                                    "pages/s", "0.10"]
    assert lines[1].split()[:9] == ["samples", "batch", "400", "pages", "80", "files", "20.0",
                                    "pages/s", "4.00"]
    assert lines[2] == "batch / single pages/s: 2.00x   cpu per page, batch / single: 0.40x"


def test_extract_ratio_line_is_our_extraction_over_camelot_vector():
    from evaluation.bench import Measure, extract_ratio_line

    ours = Measure("ours-extract", True, 2.5, 2.0, 100.0, {})
    cam = Measure("camelot-vector", True, 9.0, 8.0, 300.0, {})
    assert extract_ratio_line(ours, cam) == (
        "raw extraction (ours-extract, one process) / camelot vector: 0.25x task time")
    failed = Measure("camelot-vector", False, 1.0, None, 0.0, {}, "no camelot")
    assert extract_ratio_line(ours, failed) == (
        "raw extraction / camelot vector: not measured (no camelot)")
