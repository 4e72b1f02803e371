"""The sample scorer end to end through the real CLI, on one sample (skipped until generated)."""

from __future__ import annotations

import json

import pytest

from evaluation import ROOT
from evaluation.samples import expected_path, find_samples, main

SAMPLES = [p for p in find_samples(ROOT / "samples") if expected_path(p).is_file()]


@pytest.mark.slow
@pytest.mark.skipif(not SAMPLES, reason="no generated samples with expected records yet")
def test_one_sample_runs_and_saves_json(tmp_path, capsys):
    out = tmp_path / "eval.json"
    assert main([str(SAMPLES[0]), "--json", str(out), "--verbose"]) == 0
    saved = json.loads(out.read_text())
    assert saved["files"][0]["file"].endswith(SAMPLES[0].name)
    assert 0.0 <= saved["overall"]["recall"] <= 1.0
    assert "OVERALL (micro)" in capsys.readouterr().out


def test_holdout_files_are_added_only_by_the_flag():
    plain = find_samples(ROOT / "samples")
    held = [p for p in find_samples(ROOT / "samples", holdout=True) if p not in plain]
    manifest = json.loads((ROOT / "samples" / "holdout" / "manifest.json").read_text())
    assert sorted(p.name for p in held) == sorted(e["file"] for e in manifest["samples"])
    assert all(p.parent.name == "holdout" for p in held)


@pytest.mark.slow
def test_a_holdout_file_gets_a_report_of_its_own(capsys):
    path = ROOT / "samples" / "holdout" / "ruled-grid--docx--police_crime_plan_scorecard.docx"
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("held-out set (holdout/")
    assert out.count("OVERALL (micro)") == 1
    assert "\nruled-grid         docx           1    12" in out
    assert "samples/layouts" not in out
