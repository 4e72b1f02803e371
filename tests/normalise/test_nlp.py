"""spaCy loaded for the matchers without its command line, which stays importable."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_blank_english_leaves_spacy_cli_unloaded_and_importable() -> None:
    # a fresh interpreter: in this one another test may have imported spaCy already
    code = textwrap.dedent("""
        import sys
        from councilplans.normalise.nlp import blank_english
        from councilplans.normalise.organisations import organisations_in
        from councilplans.normalise.themes import themes_in
        nlp = blank_english()
        print([t.text for t in nlp.make_doc("Head of Housing, LBTH")])
        print(organisations_in("Tower Hamlets Council and the MPS"), themes_in("refuges"))
        print(sorted(m for m in sys.modules if m.startswith(("spacy.cli", "weasel", "typer"))))
        import spacy.cli
        from spacy.cli.info import info
        print(spacy.cli.__file__.endswith("spacy/cli/__init__.py"), info.__module__)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == [
        "['Head', 'of', 'Housing', ',', 'LBTH']",
        "('Tower Hamlets Council', 'Metropolitan Police Service') ('housing',)",
        "[]",
        "True spacy.cli.info",
    ]
