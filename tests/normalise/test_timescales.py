"""Table-driven tests for printed timescales; cases are taken from the seed documents."""

from __future__ import annotations

from datetime import date

import pytest

from councilplans.normalise.model import Timescale
from councilplans.normalise.timescales import parse_timescale

D = date
NOT = Timescale(parsed=False)

CASES: list[tuple[str | None, Timescale]] = [
    # month + year
    ("March 2025", Timescale(due_date=D(2025, 3, 31))),
    ("Mar 2026", Timescale(due_date=D(2026, 3, 31))),
    ("February 2016", Timescale(due_date=D(2016, 2, 29))),
    ("Sept 2014", Timescale(due_date=D(2014, 9, 30))),
    ("Sep-14", Timescale(due_date=D(2014, 9, 30))),
    ("Jan-15", Timescale(due_date=D(2015, 1, 31))),
    ("<p>December 2024</p>", Timescale(due_date=D(2024, 12, 31))),
    ("Oct 2015 as result of perpetrator review", Timescale(due_date=D(2015, 10, 31))),
    # two-digit years and financial quarters as printed in real plans
    ("March 25", Timescale(due_date=D(2025, 3, 31))),
    ("Dec 24", Timescale(due_date=D(2024, 12, 31))),
    ("March '26", Timescale(due_date=D(2026, 3, 31))),
    ("Sept 24", Timescale(due_date=D(2024, 9, 30))),
    ("Q3 2025/26", Timescale(due_date=D(2025, 12, 31))),
    ("Q1 of 2025/26", Timescale(due_date=D(2025, 6, 30))),
    ("Q3 25/26", Timescale(due_date=D(2025, 12, 31))),
    ("Quarter 2 2025/26", Timescale(due_date=D(2025, 9, 30))),
    ("2025/26 Q4", Timescale(due_date=D(2026, 3, 31))),
    ("June 30, 2025", Timescale(due_date=D(2025, 6, 30))),  # a day, not a year
    ("Mar 25/26", NOT),  # a month of which financial year: not guessed
    # several months / dates: latest wins
    ("March/April 2025", Timescale(due_date=D(2025, 4, 30))),
    ("Nov / Dec 2024", Timescale(due_date=D(2024, 12, 31))),
    ("July/August 2025", Timescale(due_date=D(2025, 8, 31))),
    ("December 2024 April 2025", Timescale(due_date=D(2025, 4, 30))),
    ("April 2025/ Jun 2025", Timescale(due_date=D(2025, 6, 30))),
    (
        "<p>December 2024</p> <p>November 2024</p> <p>September 2024</p>",
        Timescale(due_date=D(2024, 12, 31)),
    ),
    ("3.1.1 March 20153.1.2 November 2014", Timescale(due_date=D(2015, 3, 31))),
    # with recurrence
    ("December 2024/ Quarterly", Timescale(due_date=D(2024, 12, 31), recurrence="quarterly")),
    ("Quarterly/ March 2025", Timescale(due_date=D(2025, 3, 31), recurrence="quarterly")),
    ("1.3.1 Ongoing1.3.2 May 2013", Timescale(due_date=D(2013, 5, 31), recurrence="ongoing")),
    # exact dates
    ("31/03/2015", Timescale(due_date=D(2015, 3, 31))),
    ("31 March 2015", Timescale(due_date=D(2015, 3, 31))),
    ("2015-03-31", Timescale(due_date=D(2015, 3, 31))),
    ("1st April 2016", Timescale(due_date=D(2016, 4, 1))),
    ("31.03.2015", Timescale(due_date=D(2015, 3, 31))),
    ("01/04/15", Timescale(due_date=D(2015, 4, 1))),
    ("24 October 2012", Timescale(due_date=D(2012, 10, 24))),
    # financial years and quarters
    ("2015/16", Timescale(due_date=D(2016, 3, 31))),
    ("2015-16", Timescale(due_date=D(2016, 3, 31))),
    ("2015/2016", Timescale(due_date=D(2016, 3, 31))),
    ("FY 2021-2022", Timescale(due_date=D(2022, 3, 31))),
    # two whole years joined by a dash or "to": a calendar span (Chelsea, Quebec: "2021-2022")
    ("2021-2022", Timescale(due_date=D(2022, 12, 31))),
    ("2021 – 2022", Timescale(due_date=D(2022, 12, 31))),
    ("2021 to 2022", Timescale(due_date=D(2022, 12, 31))),
    ("2015 – 16", Timescale(due_date=D(2016, 3, 31))),
    ("Q3 2024/25", Timescale(due_date=D(2024, 12, 31))),
    ("H1 2025/26", Timescale(due_date=D(2025, 9, 30))),
    ("H2 2025/26", Timescale(due_date=D(2026, 3, 31))),
    ("Q4 2024/25", Timescale(due_date=D(2025, 3, 31))),
    ("Q1 2024-25", Timescale(due_date=D(2024, 6, 30))),
    ("2024/25 Q2", Timescale(due_date=D(2024, 9, 30))),
    ("Q3 2024", Timescale(due_date=D(2024, 9, 30))),  # single year: calendar quarter
    ("2015-18", Timescale(due_date=D(2018, 12, 31))),  # multi-year: calendar years
    # years
    ("2025", Timescale(due_date=D(2025, 12, 31))),
    ("By end of 2025", Timescale(due_date=D(2025, 12, 31))),
    ("mid 2025", Timescale(due_date=D(2025, 6, 30))),
    ("End of March 2025", Timescale(due_date=D(2025, 3, 31))),
    ("by end of March 2017", Timescale(due_date=D(2017, 3, 31))),
    # seasons
    ("by Spring 2025", Timescale(due_date=D(2025, 5, 31))),
    ("Summer 2016", Timescale(due_date=D(2016, 8, 31))),
    ("Autumn 2024", Timescale(due_date=D(2024, 11, 30))),
    ("Winter 2024", Timescale(due_date=D(2025, 2, 28))),
    ("Winter 2023/24", Timescale(due_date=D(2024, 2, 29))),
    # starts
    ("From April 2015", Timescale(start_date=D(2015, 4, 1), recurrence="ongoing")),
    ("April 2015 onwards", Timescale(start_date=D(2015, 4, 1), recurrence="ongoing")),
    ("Jan 2024 onwards", Timescale(start_date=D(2024, 1, 1), recurrence="ongoing")),
    (
        "From March-April 2016",
        Timescale(start_date=D(2016, 3, 1), due_date=D(2016, 4, 30)),
    ),
    (
        "from April 2015 to March 2016",
        Timescale(start_date=D(2015, 4, 1), due_date=D(2016, 3, 31)),
    ),
    # recurrence only
    ("Ongoing", Timescale(recurrence="ongoing")),
    ("On-going", Timescale(recurrence="ongoing")),
    ("<p>Quarterly</p>", Timescale(recurrence="quarterly")),
    ("Annual", Timescale(recurrence="annual")),
    ("Annually", Timescale(recurrence="annual")),
    ("Monthly", Timescale(recurrence="monthly")),
    ("Six-monthly", Timescale(recurrence="six-monthly")),
    ("Throughout the strategy", Timescale(recurrence="ongoing")),
    # nothing usable
    ("TBC", NOT),
    ("tba", NOT),
    ("N/A", NOT),
    ("", NOT),
    ("   ", NOT),
    (None, NOT),
    ("-", NOT),
    ("Summer", NOT),
    ("March", NOT),
    ("When funding allows", NOT),
    ("MARAC 30", NOT),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[repr(c[0]) for c in CASES])
def test_parse_timescale(text: str | None, expected: Timescale) -> None:
    assert parse_timescale(text) == expected


def test_enough_cases() -> None:
    assert len(CASES) >= 40
