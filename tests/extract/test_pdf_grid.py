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


def test_lone_figures_in_two_columns_line_over_line_start_a_row() -> None:
    from councilplans.extract.pdf_figures import figures_restart, lone_figures

    xs = (0.0, 100.0, 150.0, 200.0)

    def line(top: float, *words: tuple[str, float]):
        return [_word(w, x, top, 100 * k) for k, (w, x) in enumerate(words)]

    first = line(0.0, ("Engineering", 0.0), ("47.1", 110.0), ("47,400", 160.0))
    second = line(12.0, ("Humanities", 0.0), ("52.8", 110.0), ("32,800", 160.0))
    wrapped = line(24.0, ("science", 0.0), ("(est.)", 110.0), ("2,800", 160.0))
    assert lone_figures(first, xs) == {1, 2}
    assert figures_restart(first, second, xs)
    assert not figures_restart(second, wrapped, xs)  # one column of figures is not enough


def test_text_runs_on_into_the_next_cell_only_as_one_known_text_object() -> None:
    from councilplans.extract.pdf_overflow import running_on

    # "Name" ends at x=95, "Value" starts a word space on at x=98, over the line at x=100
    name, value = _word("Name", 75.0, 5.0, 0), _word("Value", 98.0, 5.0, 5)
    slots = {(0, 0): name, (0, 1): value}
    owners = {(r, c): (r, c) for r in range(2) for c in range(2)}
    assert running_on(slots, lambda i: 1, owners) == {c.index: (0, 0) for c in value}
    assert running_on(slots, lambda i: 1 if i < 5 else 2, owners) == {}  # two objects
    assert running_on(slots, lambda i: None, owners) == {}  # unknown: no overlap, no move
    assert running_on(slots, None, owners) == {}
