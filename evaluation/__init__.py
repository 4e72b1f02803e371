"""Measurement tooling: how right (samples, ICDAR 2013) and how fast (bench) the import is.

It lives beside ``samples/`` in the repository, not in the installed package: the tool never
imports it, and it reads the repository's own files (samples, ``.cache/``, ``../shared/``). Run it
from the repository root (``make eval``, ``make bench``); its modules run the real CLI or
extractors from the outside so a figure they print is a figure a user would see.

- ``python -m evaluation.samples``: records of each sample vs its expected.json.
- ``python -m evaluation.icdar``: raw table extraction on ICDAR 2013, against pdfplumber and
  camelot.
- ``python -m evaluation.bench``: time and peak memory on a 120-page plan, and a samples batch.
- ``evaluation.scoring``: the record scoring both ``make eval`` and the tests use.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository root this folder sits in (samples/, .cache/ and ../shared/ are found from
here); never an installed location, as this folder is not part of the wheel."""
