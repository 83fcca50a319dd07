"""The topic probe: a textbook tf-idf over character unigrams and bigrams, one logistic
regression per cluster, shipped as arrays (kb/topic_probe.py)."""

import numpy as np
import pytest

from kb.topic_probe import (
    BUNDLED_PROBE,
    ProbeError,
    TopicProbe,
    char_ngrams,
    fit_topic_probe,
    fit_vocabulary,
    tfidf,
)

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


def test_a_fitted_probe_tells_its_clusters_apart_and_knows_only_those(tmp_path):
    texts = SENTENCES * 3
    labels = [["新能源"], ["新一代信息技术", "高端装备"], ["现代农业"], ["现代农业"], ["新能源汽车"]] * 3
    probe = fit_topic_probe(texts, labels, ["新能源", "现代农业", "文化体育"])
    assert probe.clusters == ("新能源", "现代农业") and not probe.knows("文化体育")  # no annotated paragraph
    farming = probe.probabilities("发展现代种业，建设高标准农田。")
    assert farming["现代农业"] > farming["新能源"]
    read = probe.reader("发展现代种业，建设高标准农田。")  # what kb links with: the same, cluster by cluster
    assert read("现代农业") == pytest.approx(farming["现代农业"]) and read("新能源") == pytest.approx(farming["新能源"])
    probe.save(tmp_path / "probe.npz")
    again = TopicProbe.load(tmp_path / "probe.npz")
    assert again.digest == probe.digest and again.probabilities(SENTENCES[0]) == pytest.approx(probe.probabilities(SENTENCES[0]))


def test_traditional_characters_are_read_as_simplified():
    probe = TopicProbe.load(BUNDLED_PROBE)
    simplified = probe.probabilities("加强农业科技创新，建设高标准农田，发展现代种业，保障粮食安全。")
    traditional = probe.probabilities("加強農業科技創新，建設高標準農田，發展現代種業，保障糧食安全。")
    assert traditional == pytest.approx(simplified)


def test_a_file_that_holds_no_probe_is_one_clear_error(tmp_path):
    (tmp_path / "broken.npz").write_bytes(b"not a probe")
    for path in (tmp_path / "broken.npz", tmp_path / "missing.npz"):
        with pytest.raises(ProbeError, match="no topic probe can be read there"):
            TopicProbe.load(path)


def test_the_bundled_probe_reads_what_an_unseen_paragraph_is_about():
    """Sentences written for this test (no annotated paragraph): a broadcaster's reporter asking
    about seed breeding is asking about 现代农业 more than anything else (a short question says little:
    the probe is one measure the aboutness model weighs, not a classifier on its own); a paragraph
    on solar and wind is about 新能源."""
    probe = TopicProbe.load(BUNDLED_PROBE)
    question = probe.probabilities("甘肃广播电视台记者：请问今年在种业振兴和高标准农田建设方面有哪些具体举措？")
    assert max(question, key=question.get) == "现代农业" and question["现代农业"] > 10 * question["文化体育"]
    energy = probe.probabilities("建成一批光伏发电和风电项目，新增新能源装机容量三百万千瓦。")
    assert energy["新能源"] > 0.5 > energy["化工"]


def test_every_data_file_is_packaged():
    """A file of kb/data the wheel leaves out works in a checkout and fails after pip install."""
    import fnmatch
    import tomllib

    from tests.conftest import ROOT

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["kb.data"]
    data = [p.name for p in (ROOT / "kb" / "data").iterdir() if p.is_file() and p.name != "__init__.py"]
    assert data and [n for n in data if not any(fnmatch.fnmatch(n, pat) for pat in patterns)] == []
