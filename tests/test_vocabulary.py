"""One table for the shared vocabulary: each printed mark, and what every reader takes it for.

A row of the table is one text as a plan prints it; its columns are the answers of each
question the stages ask of it, so two readers can no longer disagree about "5.2 (ii)".
"""

from __future__ import annotations

import pytest

from councilplans.vocabulary import (
    blank_refs,
    bulletise,
    clean_ref,
    is_numbered,
    is_ref,
    leading_ref,
    strip_tags,
)

# text, is_ref, is_numbered, clean_ref, strict leading ref, loose leading ref
ROW_NUMBERS = [
    ("1", True, False, "1", None, None),
    ("1.2", True, True, "1.2", "1.2", None),
    ("2.3.4", True, True, "2.3.4", "2.3.4", None),
    ("1.2a", True, True, "1.2a", "1.2a", None),
    ("5.2 (ii)", True, True, "5.2 (ii)", "5.2 (ii)", None),
    ("5.2(b)", True, True, "5.2(b)", "5.2(b)", None),
    ("1.1.", True, True, "1.1", "1.1", None),
    ("A1", True, False, "A1", None, None),
    ("P1.2", True, False, "P1.2", None, None),
    ("(4)", True, False, "4", None, None),
    ("1)", True, False, "1", None, None),
    ("Action 3", True, False, "3", None, None),
    ("KPI 7", True, False, "7", None, None),
    ("1.2.1 Continue the helpline", False, False, "1.2.1 Continue the helpline", "1.2.1",
     "1.2.1"),
    ("5.2 (ii) Train staff", False, False, "5.2 (ii) Train staff", "5.2 (ii)", "5.2 (ii)"),
    ("1 - Title of the action", False, False, "1 - Title of the action", None, "1"),
    ("1) Title", False, False, "1) Title", None, "1"),
    ("A1: Title", False, False, "A1: Title", None, "A1"),
    ("3 new refuges", False, False, "3 new refuges", None, None),
    ("2024", False, False, "2024", None, None),
    ("1 – 1.2", False, False, "1 – 1.2", None, "1"),
    ("Train staff", False, False, "Train staff", None, None),
]


@pytest.mark.parametrize(("text", "ref", "numbered", "clean", "strict", "loose"), ROW_NUMBERS)
def test_row_numbers(text, ref, numbered, clean, strict, loose):
    assert (is_ref(text), is_numbered(text), clean_ref(text), leading_ref(text)[0],
            leading_ref(text, loose=True)[0]) == (ref, numbered, clean, strict, loose)


# text as printed -> as every reader writes it
BULLETS = [
    ("• one", "• one"),
    ("●  one", "• one"),
    ("\uf0b7 one", "• one"),
    ("▪one", "• one"),
    ("- one", "• one"),
    ("– one", "• one"),
    ("o one", "• one"),
    ("* one", "• one"),
    ("– 2015", "– 2015"),  # the end of a range that wrapped
    ("- 89%", "- 89%"),  # a figure
    ("-  12 staff", "-  12 staff"),  # however many spaces before it
    ("-one", "-one"),  # a hyphen, not a list
    ("•", ""),
    ("one", "one"),
]


@pytest.mark.parametrize(("text", "written"), BULLETS)
def test_bullets(text, written):
    assert bulletise(text) == written


@pytest.mark.parametrize(("text", "plain"), [
    ("Domestic<br>abuse", "Domestic abuse"),
    ("<b>Red</b>", " Red "),
    ("a < b and c > d", "a < b and c > d"),  # comparison signs, no tag between them
])
def test_html_remnants(text, plain):
    assert strip_tags(text) == plain


@pytest.mark.parametrize(("text", "blanked"), [
    ("see 1.2 by March 2025", "see     by March 2025"),
    ("5.2 (ii) by 2025", "         by 2025"),
    ("by 31.12.2025", "by 31.12.2025"),  # a date
    ("1.5 million", "    million"),
    ("up 2.5% on 2024", "up    % on 2024"),  # a figure with levels reads as one too
])
def test_numbers_inside_text(text, blanked):
    assert blank_refs(text) == blanked


# text, a section heading to the stitcher and the section-row reader, a numbered section label
# the title finder will not take for part of the title
@pytest.mark.parametrize(("text", "heading", "label"), [
    ("Priority 2: Preventing harm", True, True),
    ("Strategic priority 1 – Safer streets", True, True),
    ("Appendix A: Action plan", True, True),
    ("Workstream 3. Housing", True, True),
    ("Theme: Housing", True, False),
    ("Prioritise repairs to refuges", False, False),
    ("Sectional review of contracts", False, False),
    ("Partnership board meets monthly", False, False),
])
def test_section_heading_words(text: str, heading: bool, label: bool) -> None:
    """The stitcher, the section-row reader and the title finder read the same words."""
    from councilplans.normalise import layout, metadata, stitch

    assert bool(stitch._SECTION_RE.match(text)) is heading
    assert bool(layout._SECTION_ROW_RE.match(text)) is heading
    assert bool(metadata._SECTION_LABEL.match(text)) is label
