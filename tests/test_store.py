"""Store: the one home of SQL (filters, aliases, deletion, schema)."""

import sqlite3

import pytest

from kb.store import IndexUnavailable, Selection, Store


def test_a_selection_filters_by_document_year_and_park(opened):
    store = opened.store
    speech = store.selected_passages(Selection(doc="park-cluster-speech-202x-h1.txt"))
    fenghuang = store.selected_passages(Selection(park="凤凰工业园"))
    assert speech and fenghuang and set(fenghuang) <= set(speech)
    assert store.selected_passages(Selection(year="1954")) != store.selected_passages(Selection())


def test_commitments_of_a_document_with_their_exact_spans(opened):
    rows = opened.store.commitments(Selection(doc="gov-report-2025-chongqing.txt"))
    assert rows and all(r["kind"] == "target" for r in rows)
    for r in rows[:10]:
        text = opened.store.document_text(opened.store.find_document(r["doc"])["id"])
        assert text[r["char_start"]:r["char_end"]] == r["quote"]


def test_an_index_of_another_schema_is_a_one_line_error(tmp_path):
    conn = sqlite3.connect(tmp_path / "kb.sqlite")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.commit()
    conn.close()
    with pytest.raises(IndexUnavailable, match="rebuild"):
        Store.open(tmp_path)
