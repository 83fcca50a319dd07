"""The topic probe: a textbook tf-idf over character unigrams and bigrams, one logistic
regression per cluster, shipped as arrays (kb/topic_probe.py)."""

import numpy as np
import pytest

from kb.topic_probe import BUNDLED_PROBE, TopicProbe, char_ngrams, fit_topic_probe, fit_vocabulary, tfidf

# real sentences: Chongqing's 2025 report, the national 2019 report, session 22's development documents
SENTENCES = [
    "加快发展新能源产业，推动光伏、风电和新型储能项目建设。",
    "培育新一代信息技术、高端装备、生物医药、新能源汽车、新材料等新兴产业集群。",
    "陕西广播电视台记者：杨凌示范区是我国唯一的农业高新技术产业示范区，请问在服务国家粮食安全方面有哪些安排？",
    "加强农业科技创新，建设高标准农田，发展现代种业，保障粮食安全。",
    "推动新能源汽车整车及零部件产业集聚发展。",
]


def test_ngrams_are_the_characters_and_their_pairs_of_the_opening():
    counted = char_ngrams("新能源  新能源A")
    assert counted["新"] == 2 and counted["新能"] == 2 and counted[" "] == 1 and counted["a"] == 1  # spaces folded, lowered
    assert sum(char_ngrams("字" * 2000).values()) == 500 + 499  # only the opening is read


def test_tfidf_is_the_textbook_one():
    """What scikit-learn's TfidfVectorizer(analyzer="char", ngram_range=(1, 2), min_df=2,
    sublinear_tf=True) computes, so that the probe is a standard text classifier."""
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    reference = sklearn_text.TfidfVectorizer(analyzer="char", ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    expected = reference.fit_transform(SENTENCES).toarray()
    vocabulary, idf = fit_vocabulary(SENTENCES)
    assert vocabulary == reference.vocabulary_
    for row, sentence in zip(expected, SENTENCES, strict=True):
        indices, values = tfidf(sentence, vocabulary, idf)
        mine = np.zeros(len(vocabulary))
        mine[indices] = values
        assert np.allclose(mine, row)


def test_a_fitted_probe_tells_its_clusters_apart_and_is_neutral_on_others(tmp_path):
    texts = SENTENCES * 3
    labels = [["新能源"], ["新一代信息技术", "高端装备"], ["现代农业"], ["现代农业"], ["新能源汽车"]] * 3
    probe = fit_topic_probe(texts, labels, ["新能源", "现代农业", "文化体育"], neutral=0.3)
    assert probe.clusters == ("新能源", "现代农业")  # 文化体育: no annotated paragraph
    farming = probe.probabilities("发展现代种业，建设高标准农田。")
    assert farming["现代农业"] > farming["新能源"]
    assert probe.value(farming, "文化体育") == 0.3
    probe.save(tmp_path / "probe.npz")
    again = TopicProbe.load(tmp_path / "probe.npz")
    assert again.digest == probe.digest and again.probabilities(SENTENCES[0]) == pytest.approx(probe.probabilities(SENTENCES[0]))


def test_the_bundled_probe_reads_what_a_paragraph_is_about():
    """A questioner from a broadcaster asking about farming: the paragraph is about 现代农业."""
    probe = TopicProbe.load(BUNDLED_PROBE)
    question = probe.probabilities(SENTENCES[2])
    assert question["现代农业"] > 0.5 > question["文化体育"]
    assert probe.probabilities(SENTENCES[0])["新能源"] > 0.5
