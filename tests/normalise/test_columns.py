"""The one column decision per table: wording and cell content weighed together."""

from __future__ import annotations

from councilplans.extract.model import Cell
from councilplans.normalise.columns import Columns, assign_columns
from councilplans.normalise.grid import table_to_grid
from councilplans.normalise.layout import Header
from councilplans.normalise.stitch import LogicalTable


def columns_of(headers: list[str], *rows: list[str], fills=None) -> Columns:
    """The decision for a one-row header over body rows given as plain strings."""
    cells = [tuple(Cell(h) for h in headers)]
    for r, row in enumerate(rows):
        cells.append(tuple(Cell(t, fill=(fills[r][c] if fills else None))
                           for c, t in enumerate(row)))
    table = LogicalTable(index=0, rows=cells, row_pages=[None] * len(cells), header_rows=1,
                         context=(), section=None)
    grid = table_to_grid(table)
    return assign_columns(grid, Header(0, 1, tuple(headers), ()))


def test_action_column_of_numbers_is_the_ref_and_second_action_column_is_extra():
    cols = columns_of(
        ["Action", "Strategic Action", "Operational group with responsibility to deliver",
         "Actions for 2016/17"],
        ["1.1", "Improve awareness", "CHOG", "Increase profile"],
        ["1.2", "Map funding", "HOG", ""],
    )
    assert cols.fields == ("ref", "action", "lead", None)
    assert cols.unmapped == ("Actions for 2016/17",)
    assert (cols.main, cols.kind, cols.is_plan) == (1, "action", True)


def test_status_column_holding_rag_words_is_rag():
    cols = columns_of(["Action", "Status"], ["Do x", "Green"], ["Do y", "Amber"])
    assert cols.fields == ("action", "rag")


def test_current_status_holding_rag_words_is_the_rag_column():
    cols = columns_of(["Action", "Current status"], ["Train staff", "Green"],
                      ["Open hub", "Amber"])
    assert cols.fields == ("action", "rag")


def test_two_update_columns_first_is_progress_second_kept_extra():
    cols = columns_of(["Outcome", "Current: Q1 Update", "Q2 Update"])
    assert cols.fields == ("outcome", "progress", None)
