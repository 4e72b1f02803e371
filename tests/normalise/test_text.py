import pytest

from councilplans.normalise.text import clean_cell


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("Increased reporting\nof sexual violence", "Increased reporting of sexual violence"),
        (
            "• Deliver sessions\nquarterly\n• Train champions",
            "• Deliver sessions quarterly\n• Train champions",
        ),
        ("Intro line\n• one\n• two", "Intro line\n• one\n• two"),
        ("\uf0b7 one\n\uf0b7 two", "• one\n• two"),
        ("organi-\nsation", "organisation"),
        ("co-\nordination", "co-ordination"),
        ("  spaced    out  ", "spaced out"),
        ("zero\u200bwidth", "zerowidth"),
        ("", None),
        ("\n \n", None),
    ],
)
def test_clean_cell(raw, clean):
    assert clean_cell(raw) == clean
