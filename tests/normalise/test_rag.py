"""Table-driven tests for RAG ratings from text and from cell fills."""

from __future__ import annotations

import pytest

from councilplans.normalise.rag import is_rag_value, parse_rag


def hex_rgb(code: str) -> tuple[float, float, float]:
    code = code.lstrip("#")
    r, g, b = (int(code[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return r, g, b


TEXT_CASES: list[tuple[str | None, str | None]] = [
    ("Green", "green"),
    ("GREEN", "green"),
    ("**GREEN**", "green"),
    ("<p>Amber</p>", "amber"),
    ("amber", "amber"),
    ("Red", "red"),
    ("G", "green"),
    ("A", "amber"),
    ("R", "red"),
    ("Yellow", "amber"),
    ("Orange", "amber"),
    ("Red/Amber", "red"),
    ("Amber/Green", "amber"),
    ("Amber - Green", "amber"),
    ("G/A", "amber"),
    ("RAG: Red", "red"),
    ("Amber: delays in recruitment", "amber"),
    ("Green (complete)", "green"),
    ("Complete", None),
    ("Completed", None),
    ("On track", None),
    ("Blue", None),
    ("Reduce repeat victimisation", None),
    ("Red light district outreach", None),
    ("A strategy was agreed", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "expected"), TEXT_CASES, ids=[repr(c[0]) for c in TEXT_CASES])
def test_parse_rag_text(text: str | None, expected: str | None) -> None:
    assert parse_rag(text) == expected


FILL_CASES: list[tuple[str, str | None]] = [
    ("#00B050", "green"),
    ("#92D050", "green"),
    ("#00FF00", "green"),
    ("#FFC000", "amber"),
    ("#FFFF00", "amber"),
    ("#FF9900", "amber"),
    ("#FF0000", "red"),
    ("#C00000", "red"),
    ("#D9D9D9", None),
    ("#DEEAF6", None),
    ("#FFFFFF", None),
    ("#000000", None),
    ("#808080", None),
    ("#4472C4", None),
    ("#1F3864", None),
    ("#7030A0", None),
]


@pytest.mark.parametrize(("code", "expected"), FILL_CASES, ids=[c[0] for c in FILL_CASES])
def test_parse_rag_fill(code: str, expected: str | None) -> None:
    assert parse_rag(None, hex_rgb(code)) == expected
    assert parse_rag("  ", hex_rgb(code)) == expected


def test_text_beats_fill() -> None:
    assert parse_rag("Red", hex_rgb("#00B050")) == "red"
    assert parse_rag("On track", hex_rgb("#00B050")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Green", True), ("A", True), ("Blue", True), ("Amber/Green", True),
     ("On track", False), ("", False), (None, False), ("Partly", False)],
)
def test_is_rag_value(text: str | None, expected: bool) -> None:
    assert is_rag_value(text) is expected
