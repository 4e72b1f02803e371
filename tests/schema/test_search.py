"""User text -> FTS5 query: web-search rules, never a syntax error."""

from __future__ import annotations

import sqlite3

import pytest

from councilplans.schema.search import fts5_query

CASES = [
    ("refuge", '"refuge"'),
    ("Asian women's refuge", '"Asian" "women s" "refuge"'),
    ('"safe accommodation" OR refuge', '"safe accommodation" OR "refuge"'),
    ("refuge -housing", '("refuge") NOT "housing"'),
    ('"unbalanced', '"unbalanced"'),
    ("NEAR(", '"NEAR"'),
    ("OR refuge OR", '"refuge"'),
    ("*", None),
    ("-only", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "query"), CASES, ids=[repr(c[0]) for c in CASES])
def test_fts5_query(text, query):
    assert fts5_query(text) == query


@pytest.mark.parametrize("text", [c[0] for c in CASES if c[1]])
def test_every_query_is_valid_fts5(text):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    con.execute("INSERT INTO t VALUES ('an Asian women''s refuge with safe accommodation')")
    con.execute("SELECT count(*) FROM t WHERE t MATCH ?", (fts5_query(text),)).fetchone()
