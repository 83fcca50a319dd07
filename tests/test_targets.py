"""Targets: the commitments extracted from real sentences of the corpus."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.link import Linker
from kb.load import Document
from kb.segment import segment
from kb.targets import extract_targets
from kb.taxonomy import load_taxonomy
from tests.conftest import DATA, SPEECH


def _extract(text: str, path: str = "doc.txt", year: str = "202x"):
    """The document, its links and its targets, as an ingest computes them."""
    doc = Document(path, text, "utf-8", "", "t", year, "讲话", False)
    passages = segment(text)
    links = Linker.load().link_document(doc, passages)
    return doc, links, extract_targets(doc, passages, links)


def _speech():
    return _extract(SPEECH.read_text(encoding="utf-8"), SPEECH.name)



def test_all_six_speech_targets_with_every_field_and_no_extra():
    taxonomy = load_taxonomy()
    _, _, found = _speech()
    targets = [t for t in found if t.kind == "target"]
    gold = [json.loads(line) for line in (DATA / "commitments.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(targets) == len(gold) == 6
    for g in gold:
        t = next(t for t in targets if g["quote"] in t.quote or t.quote in g["quote"])
        assert (t.year, t.strength, t.metric, t.value, t.unit, t.qualifier) == (
            g["year"], g["strength"], g["metric"], g["value"], g["unit"], g["qualifier"])
        assert taxonomy.canonical_cluster(g["cluster"] or "") == (t.cluster if g["cluster"] else "")
        assert t.park == g["park"]


def test_placeholder_value_is_kept_and_zone_level_is_recorded():
    doc, _, found = _speech()
    t = next(t for t in found if "生态冶炼" in t.quote)
    assert t.value == "×" and t.value_normalised is None
    assert t.park == "" and t.resolution == "zone"
    assert doc.text[t.char_start:t.char_end] == t.quote


def test_normalises_values_and_tells_achievements_from_targets():
    text = ("一、2024年工作回顾\n全年地区生产总值完成1.5万亿元，比上年增长6%。\n"
            "二、2025年工作安排\n力争地区生产总值增长5%左右，确保城镇新增就业65万人以上。\n")
    _, _, found = _extract(text, year="2025")
    by_quote = {t.quote: t for t in found}
    past = next(t for q, t in by_quote.items() if "1.5万亿元" in q)
    assert past.kind == "achievement" and past.value_normalised == 1.5e12 and past.unit == "万亿元"
    growth = next(t for q, t in by_quote.items() if "5%" in q)
    assert (growth.kind, growth.strength, growth.value, growth.unit, growth.qualifier, growth.year) == (
        "target", "力争", "5", "%", "左右", "2025")
    jobs = next(t for q, t in by_quote.items() if "65万人" in q)
    assert (jobs.strength, jobs.metric, jobs.value, jobs.unit, jobs.qualifier) == ("确保", "城镇新增就业", "65", "万人", "以上")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("202x年园区工业园力争确保预计实现产值×亿元%万人，。；一、二是（一）新能源汽车凤凰\n5.3左右以上")),
               max_size=300))
def test_extraction_spans_hold_on_arbitrary_text(text):
    doc, links, found = _extract(text)
    for t in found:
        assert doc.text[t.char_start:t.char_end] == t.quote
    for c in links.clauses:
        for lk in c.links:
            assert 0 <= lk.evidence_start <= lk.evidence_end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_extraction_never_raises_on_unicode(text):
    doc, links, found = _extract(text)
    for t in found:
        assert doc.text[t.char_start:t.char_end] == t.quote


def test_report_targets_meet_precision_and_recall_on_our_annotation():
    """tests/data/commitments-reports.jsonl: two reports annotated exhaustively (see its README)."""
    from kb.load import read_catalog
    from tests.conftest import CORPUS

    gold = [json.loads(line) for line in (DATA / "commitments-reports.jsonl").read_text(encoding="utf-8").splitlines()]
    for doc_name in sorted({g["doc"] for g in gold}):
        from kb.load import load_document

        doc = load_document(CORPUS / doc_name, doc_name, read_catalog(CORPUS))
        passages = segment(doc.text)
        found = extract_targets(doc, passages, Linker.load().link_document(doc, passages))
        predicted = [t for t in found if t.kind == "target"]
        wanted = [g for g in gold if g["doc"] == doc_name]
        matched, fields_right = set(), 0
        for g in wanted:
            start = doc.text.find(g["quote"])
            end = start + len(g["quote"])
            i = next((i for i, t in enumerate(predicted)
                      if i not in matched and t.char_start < end and start < t.char_end), None)
            if i is None:
                continue
            matched.add(i)
            t = predicted[i]
            fields_right += (t.value, t.unit, t.year, t.strength, t.qualifier) == (
                g["value"], g["unit"], g["year"], g["strength"], g["qualifier"])
        assert len(matched) / len(wanted) >= 0.85, doc_name
        assert len(matched) / len(predicted) >= 0.90, doc_name
        assert fields_right / len(wanted) >= 0.85, doc_name


def test_review_estimates_are_achievements_not_targets():
    text = "一、2024年工作回顾\n软件产业主营业务收入预计增长16.4%。\n二、2025年主要任务\n力争软件从业人员突破50万人。\n"
    _, _, found = _extract(text, year="2025")
    kinds = {t.quote: t.kind for t in found}
    assert kinds["软件产业主营业务收入预计增长16.4%"] == "achievement"
    assert kinds["力争软件从业人员突破50万人"] == "target"

