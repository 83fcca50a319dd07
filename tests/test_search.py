"""Search: fusion (a plain function), the question's place and time as a preference, filters."""

from kb import search
from kb.store import Selection
from kb.understand import understand


def test_fusion_is_weighted_reciprocal_rank():
    fused = dict(search.fuse([([(1, 9.0), (2, 8.0)], 1.0), ([(2, 0.9)], 0.5)], k=2))
    assert fused[1] == 1.0 / 3
    assert fused[2] == 1.0 / 4 + 0.5 / 3


def test_a_province_and_this_year_in_the_question_prefer_that_provinces_report(opened):
    """安徽今年… is answered from Anhui's 2025 report first, other provinces' lists after."""
    hits = search.ask(opened, "安徽今年的地区生产总值增长目标定在多少", k=3)
    assert hits[0].doc == "gov-report-2025-anhui.txt"
    assert "5.5%" in hits[0].text


def test_the_preference_never_filters(opened):
    """A place nothing in the index comes from still gets answers from elsewhere."""
    assert understand("西藏今年的地区生产总值目标").place is not None
    assert search.ask(opened, "西藏今年的地区生产总值目标", k=3)


def test_filters_come_from_one_selection(opened):
    hits = search.ask(opened, "产值", k=5, filters=Selection(doc="park-cluster-speech-202x-h1.txt"))
    assert hits and {h.doc for h in hits} == {"park-cluster-speech-202x-h1.txt"}
    assert search.ask(opened, "產值", k=3)  # traditional characters fold to 产值


def test_the_preference_asks_again_inside_the_documents_a_question_singles_out(opened):
    """Jiangsu 今年 singles out one report: the preference ranking holds only its passages.
    今年 alone fits every place's latest report: no preference ranking at all."""
    query = "江苏今年粮食生产的目标"
    ranking = search.preference_ranking(opened, understand(query), query, vector=opened.embed_query(query))
    owners = opened.store.passage_documents([pid for pid, _ in ranking])
    assert ranking and set(owners.values()) == {"gov-report-2025-jiangsu.txt"}
    assert search.preference_ranking(opened, understand("今年粮食生产的目标"), "今年粮食生产的目标") == []


def test_the_preference_keeps_the_callers_filters_and_mode(opened, monkeypatch):
    """--doc names Anhui: a question about Jiangsu still answers from Anhui only; in dense
    mode the preference adds no lexical ranking."""
    anhui = Selection(doc="gov-report-2025-anhui.txt")
    ranked = search.rank_passages(opened, "江苏今年粮食生产的目标", "hybrid", anhui)
    assert ranked and set(opened.store.passage_documents([pid for pid, _ in ranked]).values()) == {
        "gov-report-2025-anhui.txt"}
    query = "江苏今年粮食生产的目标"
    vector = opened.embed_query(query)

    def no_lexical(*args, **kwargs):
        raise AssertionError("a lexical ranking in dense mode")

    monkeypatch.setattr(search, "lexical_ranking", no_lexical)
    assert search.preference_ranking(opened, understand(query), query, "dense", Selection(), vector)


def test_the_preference_chooses_among_the_documents_the_filters_let_through(opened):
    """全国今年… fits the 2025 national report best; with --year 2024 it fits the 2024 one best
    among those the filter lets through, and the question is asked there (not nowhere)."""
    query = "全国今年国内生产总值增长目标"

    def owners(filters):
        ranking = search.preference_ranking(opened, understand(query), query, "lexical", filters)
        return set(opened.store.passage_documents([pid for pid, _ in ranking]).values())

    assert owners(Selection()) == {"gov-report-national-2025.txt"}
    assert owners(Selection(year="2024")) == {"gov-report-national-2024.txt"}
