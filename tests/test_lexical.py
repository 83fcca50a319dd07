"""The BM25 postings rank like SQLite FTS5's bm25() over the same words."""

from __future__ import annotations

import numpy as np
import pytest

from kb import lexical, search

QUERIES = [
    "园区电动车这块今年能做出多少产值",
    "城镇新增就业目标",
    "锰系新材料产业集群",
    "推进高水平对外开放，稳外贸稳外资",
    "「數字經濟」核心產業增加值",  # traditional characters, fullwidth brackets
]


def _fts5(opened, table: str, words: list[str], limit: int) -> list[tuple[int, float]]:
    weights = ", 1.0, 0.5, 1.0" if table == "passages" else ""
    match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
    rows = opened.store.conn.execute(
        f"SELECT rowid, bm25({table}_fts{weights}) AS s FROM {table}_fts WHERE {table}_fts MATCH ?"
        " ORDER BY s LIMIT ?", [match, limit]).fetchall()
    return [(r[0], -r[1]) for r in rows]


@pytest.mark.parametrize("table", ["passages", "sentences"])
@pytest.mark.parametrize("query", QUERIES)
def test_scores_are_fts5_bm25(opened, table, query):
    words = search.query_words(opened, query, whole_words=True)
    ours = lexical.rank(opened.lexicon(table), words, 20)
    theirs = dict(_fts5(opened, table, words, 10_000))
    assert ours, query
    # same rows, same scores up to FTS5's token counting of words with punctuation in them
    for row_id, score in ours:
        assert row_id in theirs
        assert score == pytest.approx(theirs[row_id], rel=0.03)
    top = [i for i, _ in _fts5(opened, table, words, 5)]
    assert len(set(top) & {i for i, _ in ours[:10]}) >= 4


def test_a_passage_filter_keeps_only_its_rows(opened):
    words = search.query_words(opened, "产业集群", whole_words=True)
    allowed = [r[0] for r in opened.store.conn.execute(
        "SELECT p.id FROM passages p JOIN documents d ON d.id = p.doc_id WHERE d.path LIKE '%speech%'")]
    ranked = lexical.rank(opened.lexicon("sentences"), words, 50, np.asarray(allowed))
    assert ranked
    owners = dict(opened.store.conn.execute("SELECT id, passage_id FROM sentences"))
    assert all(owners[sid] in set(allowed) for sid, _ in ranked)


def test_unknown_words_and_an_empty_lexicon_rank_nothing(opened):
    assert lexical.rank(opened.lexicon("passages"), ["不存在的词语甲乙丙"], 10) == []
    assert lexical.rank(lexical.empty(), ["园区"], 10) == []


def test_written_lexicon_reads_back_identically(opened, tmp_path):
    built = lexical.build(opened.store.lexical_rows("sentences"), "sentences")
    lexical.write(built, tmp_path, "sentences", 7)
    read = lexical.read(tmp_path, "sentences", 7)
    assert read.terms == built.terms
    for part in ("starts", "postings", "weights", "rows"):
        assert np.array_equal(getattr(read, part), getattr(built, part))
    words = search.query_words(opened, "新增就业", whole_words=True)
    assert lexical.rank(read, words, 10) == lexical.rank(opened.lexicon("sentences"), words, 10)


@pytest.mark.parametrize("words", [["新能源汽车", "产值"], ["园区"], ["产业", "集群", "发展"], ["没有", "这个词组合"]])
def test_rows_with_all_are_the_sentences_holding_every_word(opened, words):
    found = lexical.rows_with_all(opened.lexicon("sentences"), words, 100_000)
    expected = [rowid for rowid, body in opened.store.conn.execute("SELECT rowid, body FROM sentences_fts ORDER BY rowid")
                if set(words) <= set(body.split())]
    assert found == expected
    assert found or "这个词组合" in words  # the real word combinations do occur in the corpus
