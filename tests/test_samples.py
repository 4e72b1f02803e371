"""The five seed documents, rebuilt by the sample generator, import as a careful person would.

DOCX samples must give exactly their expected records; the PDFs (LibreOffice's conversion of
the DOCX, and reportlab's drawing with rows split across pages) are held to the bar of the
normalisation issue: record recall and precision >= 0.97, field accuracy >= 0.95.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from councilplans.evaluation.samples import FIELDS, score_records
from councilplans.extract import extract_document
from councilplans.normalise import normalise_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DOCX = sorted(SAMPLES.glob("*.docx"))
PDF = sorted(SAMPLES.glob("*.pdf"))


def expected_of(path: Path) -> list[dict]:
    data = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    return data["records"]


def produced(path: Path) -> list[dict]:
    doc = normalise_document(extract_document(path))
    return [{name: getattr(r, name) for name in FIELDS} | {"extra": r.extra}
            for r in doc.records]


def test_every_seed_has_a_docx_and_two_pdfs() -> None:
    assert len(DOCX) == 5 and len(PDF) == 10


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.name)
def test_docx_sample_gives_exactly_its_records(path: Path) -> None:
    score = score_records(expected_of(path), produced(path))
    wrong = [(m.ref, m.field, m.expected, m.got) for m in score.mismatches]
    assert (score.recall, score.precision, wrong) == (1.0, 1.0, [])


@pytest.mark.parametrize("path", PDF, ids=lambda p: p.name)
def test_pdf_sample_meets_the_bar(path: Path) -> None:
    score = score_records(expected_of(path), produced(path))
    assert score.recall >= 0.97
    assert score.precision >= 0.97
    assert score.field_accuracy >= 0.95
