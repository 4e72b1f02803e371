import pytest

from councilplans.normalise.text import clean_cell, document_words, words_of


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
        ("organi-\nsation", "organi-sation"),  # no evidence of a typesetter's break
        ("intelligence-\nled work", "intelligence-led work"),
        ("the Pan-\nLondon plan", "the Pan-London plan"),
        ("guidelines (80-\n100%)", "guidelines (80-100%)"),
        ("co-\nordination", "co-ordination"),
        ("  spaced    out  ", "spaced out"),
        ("zero\u200bwidth", "zerowidth"),
        ("", None),
        ("\n \n", None),
    ],
)
def test_clean_cell(raw, clean):
    assert clean_cell(raw) == clean


def test_hyphen_dropped_where_the_document_prints_the_joined_word():
    words = words_of(["Each organisation signs up", "a second line"])
    with document_words(words):
        assert clean_cell("the organi-\nsation and the multi-\nagency team") == (
            "the organisation and the multi-agency team")
    assert clean_cell("the organi-\nsation") == "the organi-sation"


def test_hyphen_kept_where_the_document_prints_both_forms_hyphenated():
    with document_words(words_of(["co-ordinate", "coordinate"])):
        assert clean_cell("co-\nordinate") == "co-ordinate"
