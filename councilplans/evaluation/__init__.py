"""Measurement tooling: how right (samples, ICDAR 2013) and how fast (bench) the import is.

Nothing here is imported by the tool itself; these modules run the real CLI or extractors from
the outside so a figure they print is a figure a user would see.

- ``python -m councilplans.evaluation.samples``: records of each sample vs its expected.json.
- ``python -m councilplans.evaluation.icdar``: raw table extraction on ICDAR 2013, against
  pdfplumber and camelot.
- ``python -m councilplans.evaluation.bench``: time and peak memory on a 120-page plan.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository root (samples/, .cache/ and ../shared/ are found from here)."""
