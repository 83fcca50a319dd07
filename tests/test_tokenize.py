from kb import tokenize


def test_cached_prefix_dictionary_cuts_like_jieba_itself():
    import jieba

    reference = jieba.Tokenizer()
    reference.initialize()
    tokenize.Tokenizer().tokens("发展")  # writes the cache on first use
    ours = jieba.Tokenizer()
    tokenize._load_prefix_dictionary(ours)  # reads it back
    assert ours.FREQ == reference.FREQ and ours.total == reference.total


def test_fold_makes_traditional_full_width_and_quotes_match():
    assert tokenize.fold("發展重工業") == "发展重工业"
    assert tokenize.fold("２０２５年ＧＤＰ") == "2025年gdp"
    assert tokenize.fold("“放管服”改革") == tokenize.fold('"放管服"改革')


def test_domain_terms_stay_whole_and_stop_words_go():
    words = tokenize.Tokenizer().tokens("继续深化“放管服”改革，发展新质生产力，推行链长制")
    assert {"放管服", "新质生产力", "链长制"} <= set(words)
    assert "的" not in tokenize.Tokenizer().tokens("园区的发展")


def test_synonyms_expand_queries():
    expanded = tokenize.expand(tokenize.Tokenizer().tokens("电动车", for_query=True))
    assert "新能源汽车" in expanded


def test_a_query_cuts_the_taxonomy_names_exactly_as_the_ingest_did(opened):
    """The index records the names it was cut with; a fresh query's tokenizer is rebuilt
    from them, so whole-word BM25 can match 新能源汽车产业 on both sides."""
    from kb.index import Index
    from kb.link import Linker

    names = Linker.load().vocabulary()
    ingest_side = tokenize.Tokenizer(names)
    with Index.open(opened.dir) as fresh:
        query_side = fresh.tokenizer
        assert query_side.fingerprint == ingest_side.fingerprint
        for name in names:
            assert query_side.tokens(name, whole_words=True) == ingest_side.tokens(name, whole_words=True), name
    assert ingest_side.tokens("新能源汽车产业", whole_words=True) == ["新能源汽车产业"]
