"""Grid operations on hand-built grids and characters (no PDF needed)."""

from __future__ import annotations

from councilplans.extract.pdf_grid import Grid, GridCell, join_cut_words
from councilplans.extract.pdf_page import Char


def _word(text: str, x: float, top: float, first_index: int, space_first: bool = True):
    """Chars of one word set at 5 pt per letter, 10 pt tall, touching each other."""
    return [Char(ch, x + 5 * k, top, x + 5 * (k + 1), top + 10, first_index + k,
                 space_first and k == 0, top + 8) for k, ch in enumerate(text)]


GRID = Grid((0.0, 100.0, 200.0), (0.0, 20.0, 40.0),
            (GridCell(0, 0, 1, 1), GridCell(0, 1, 1, 1), GridCell(1, 0, 1, 1),
             GridCell(1, 1, 1, 1)))


def test_a_word_across_a_column_line_joins_the_cells_of_its_row_only() -> None:
    # "enable" starts at x=90: its "e" and "n" sit either side of the line at x=100
    chars = _word("enable", 90.0, 5.0, 0) + _word("left", 10.0, 25.0, 10) + _word(
        "right", 110.0, 25.0, 20)
    out = join_cut_words(GRID, chars)
    assert out.cells == (GridCell(0, 0, 1, 2), GridCell(1, 0, 1, 1), GridCell(1, 1, 1, 1))
    assert (out.xs, out.ys) == (GRID.xs, GRID.ys)


def test_words_apart_or_with_a_space_between_keep_the_column_line() -> None:
    spaced = _word("that", 75.0, 5.0, 0) + _word("enable", 100.0, 5.0, 4)  # space before
    apart = _word("one", 80.0, 25.0, 20) + _word("two", 104.0, 25.0, 23, space_first=False)
    assert join_cut_words(GRID, spaced + apart) is GRID
