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


def test_possible_parks_are_stored_at_ingest_as_the_search_finds_them(opened):
    from kb.park_candidates import document_candidates

    store = opened.store
    rows = store.park_candidate_rows()
    assert rows, "an index written by this kb stores its possible parks"
    named = store.names_by_document("park")
    for document in store.documents():
        text = store.document_text(document["id"])
        expected = [(c.name, c.start, c.end) for c in document_candidates(text, named.get(document["path"], ()))]
        stored = [(r["name"], r["char_start"], r["char_end"]) for r in rows if r["doc_id"] == document["id"]]
        assert stored == expected, document["path"]
        assert all(text[a:b] == name for name, a, b in stored)  # traced to the characters


def test_an_index_written_before_candidates_were_stored_still_lists_them(opened, tmp_path):
    import shutil

    from kb.commitments import park_candidates
    from kb.index import Index

    shutil.copytree(opened.dir, tmp_path / "old")
    with sqlite3.connect(tmp_path / "old" / "kb.sqlite") as conn:  # as an earlier kb left it
        conn.execute("DELETE FROM meta WHERE key = 'park_candidates'")
        conn.execute("DROP TABLE park_candidates")
    old = Index.open(tmp_path / "old")
    try:
        assert old.store.park_candidate_rows() is None
        assert park_candidates(old) == park_candidates(opened)  # computed when asked
    finally:
        old.close()


def test_deleting_a_document_deletes_its_possible_parks(tmp_path):
    from kb.park_candidates import Candidate

    store = Store.open(tmp_path, create=True)
    store.conn.execute("INSERT INTO documents(path, title, year, doc_type, encoding, sha256, source, chars, lines,"
                       " place, text) VALUES ('a.txt', '', '', '', 'utf-8', '', '', 9, 1, '', '建设卫星互联网产业园')")
    store.insert_park_candidates(1, [Candidate("卫星互联网产业园", 2, 10)])
    store.delete_document(1)
    assert store.conn.execute("SELECT count(*) FROM park_candidates").fetchone()[0] == 0
    store.close()


def test_deleting_a_document_deletes_what_it_says_of_its_parks(tmp_path):
    store = Store.open(tmp_path, create=True)
    store.conn.execute("INSERT INTO documents(path, title, year, doc_type, encoding, sha256, source, chars, lines,"
                       " place, text) VALUES ('a.txt', '', '', '', 'utf-8', '', '', 9, 1, '', '陇西经开区')")
    store.insert_park_forms(1, {"陇西经开区": "甘肃陇西经济开发区"}, {"巩昌铝产业园": "陇西经开区"})
    assert store.park_forms() == {"a.txt": ({"陇西经开区": "甘肃陇西经济开发区"}, {"巩昌铝产业园": "陇西经开区"})}
    store.delete_document(1)
    assert store.park_forms() == {}
    store.close()


def test_an_index_written_before_park_forms_were_stored_still_lists_its_parks(opened, tmp_path):
    import shutil

    from kb.commitments import named
    from kb.index import Index

    shutil.copytree(opened.dir, tmp_path / "old")
    with sqlite3.connect(tmp_path / "old" / "kb.sqlite") as conn:  # as an earlier kb left it
        conn.execute("DROP TABLE park_forms")
    old = Index.open(tmp_path / "old")
    try:
        assert old.store.park_forms() == {}
        assert {r["name"] for r in named(old, "park")} == {r["name"] for r in named(opened, "park")}
    finally:
        old.close()
