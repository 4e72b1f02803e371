"""The sample scorer end to end through the real CLI, on one sample (skipped until generated)."""

from __future__ import annotations

import json

import pytest

from councilplans.evaluation import ROOT
from councilplans.evaluation.samples import expected_path, find_samples, main

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
