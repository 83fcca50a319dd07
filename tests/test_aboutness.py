import json
from dataclasses import replace

import numpy as np
import pytest

from kb.aboutness import BUNDLED_MODEL, FEATURES, AboutnessModel, cluster_features, fit_logistic
from kb.eval_links import clusters_by_line
from kb.link import Linker, clause_clusters
from kb.load import load_document, read_catalog
from kb.segment import segment
from kb.taxonomy import load_taxonomy
from tests.conftest import ROOT

CHONGQING = ROOT / "corpus" / "gov-report-2025-chongqing.txt"
NATIONAL_2019 = ROOT / "corpus" / "gov-report-national-2019.txt"


def _clusters_by_line(path, linker: Linker) -> dict[int, set[str]]:
    doc = load_document(path, path.name, read_catalog(path.parent))
    return clusters_by_line(doc.text, linker.link_document(doc, segment(doc.text)))


def test_features_count_each_cluster_of_a_paragraph():
    paragraph = [(0, 10, [("新能源", False, 0)]), (10, 40, [("新能源", True, 3), ("新材料", True, 3)]), (40, 100, [])]
    features = cluster_features(paragraph)
    assert set(features) == {"新能源", "新材料"}
    log_mentions, log_chars, clusters_named, share, first, listed, foreign, in_title, topic = features["新能源"]
    assert log_mentions == pytest.approx(np.log(2)) and log_chars == pytest.approx(np.log(100))
    assert clusters_named == 2 and share == pytest.approx(2 / 3) and first == 1.0 and listed == 0.5
    assert foreign == pytest.approx(np.log(4)) and in_title == 0.0 and topic == 0.5  # no probe: neutral
    assert features["新材料"][4] == 0.0 and features["新材料"][5] == 1.0
    assert cluster_features([(0, 30, [])]) == {}
    titled = cluster_features(paragraph, {"新材料"})
    assert titled["新材料"][7] == 1.0 and titled["新能源"][7] == 0.0
    probed = cluster_features(paragraph, topic={"新能源": 0.9}.get)
    assert probed["新能源"][8] == 0.9


def test_a_title_naming_the_cluster_keeps_a_mention_the_paragraph_alone_would_drop():
    """The same paragraph (national 2014's list of investment areas) under a document title that
    names 节能环保 and under one that names no cluster: the title's weight says which way."""
    text = "中央预算内投资重点投向保障性安居工程、农业、重大水利、中西部铁路、节能环保、社会事业等领域。\n"
    model = AboutnessModel.load()
    paragraph = clause_clusters(_link_with(text, None).clauses, text)
    plain = model.probability(cluster_features(paragraph)["节能环保"])
    titled = model.probability(cluster_features(paragraph, {"节能环保"})["节能环保"])
    assert titled > plain and model.weights[FEATURES.index("title_names_it")] > 0
    title = Linker(load_taxonomy(), aboutness=model).title_clusters("“无废城市”建设试点工作方案")
    assert title == {"节能环保"}


def test_a_mention_between_list_marks_is_an_item_of_a_list():
    # real wording (national 2019): the industries of a list, and one named on its own
    text = "培育新一代信息技术、高端装备、生物医药等新兴产业集群。壮大数字经济。\n"
    linked = _link_with(text, None)
    items = {name: listed for c in linked.clauses for name, listed, _ in clause_clusters([c], text)[0][2]}
    assert items["高端装备"] and items["生物医药"] and not items["数字经济"]


def test_a_list_of_sectors_is_told_from_a_list_of_industries():
    """national 2014: investment goes to housing, 农业, water, railways, 节能环保 and social
    undertakings: four of the six items name no cluster; a list of industries has none."""
    text = ("中央预算内投资重点投向保障性安居工程、农业、重大水利、中西部铁路、节能环保、社会事业等领域。"
            "培育新一代信息技术、高端装备、生物医药等新兴产业集群。\n")
    linked = _link_with(text, None)
    foreign = {name: items for c in linked.clauses for name, _, items in clause_clusters([c], text)[0][2]}
    assert foreign["节能环保"] == foreign["现代农业"] == 4
    assert foreign["高端装备"] == foreign["生物医药"] == 0
    # a review's cases: a heading's number, a list ending on 、, and a list the cluster is not in
    for sentence, name in [("3、加快发展新能源汽车。", "新能源汽车"), ("培育新一代信息技术、高端装备、生物医药、", "高端装备"),
                           ("在北京、上海、广州等城市推广新能源汽车。", "新能源汽车")]:
        linked = _link_with(sentence + "\n", None)
        found = {n: items for c in linked.clauses for n, _, items in clause_clusters([c], sentence + "\n")[0][2]}
        assert found[name] == 0, sentence


def test_the_fit_separates_what_its_features_separate():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, len(FEATURES)))
    y = (x[:, 0] - x[:, 2] > 0).astype(float)
    model = fit_logistic(x, y, threshold=0.5)
    right = sum((model.probability(row) >= 0.5) == bool(label) for row, label in zip(x, y))
    assert right >= 190 and model.weights[0] > 0 > model.weights[2]


def test_a_model_saved_is_loaded_as_it_was(tmp_path):
    model = AboutnessModel.load()
    path = tmp_path / "aboutness.json"
    model.save(path, {"sets": ["x"]})  # the probe goes beside it, never over the bundled one
    again = AboutnessModel.load(path)
    assert again == model and again.topic.digest == model.topic.digest and (tmp_path / "topic_probe.npz").is_file()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="fitted on features"):
        AboutnessModel.load(path)


def test_a_model_loaded_beside_another_probe_is_refused(tmp_path):
    """The weights were fitted on one probe's values: the pair is saved and loaded together."""
    model = AboutnessModel.load()
    path, probe_path = tmp_path / "aboutness.json", tmp_path / "topic_probe.npz"
    model.save(path, {"sets": ["x"]}, probe_path)
    assert AboutnessModel.load(path, probe_path).topic.digest == model.topic.digest
    replace(model.topic, biases=model.topic.biases + 1.0).save(probe_path)
    with pytest.raises(ValueError, match="another topic probe"):
        AboutnessModel.load(path, probe_path)


def test_the_bundled_model_says_what_it_was_fitted_on():
    fitted_on = json.loads(BUNDLED_MODEL.read_text(encoding="utf-8"))["fitted_on"]
    assert fitted_on["sets"] and not any(held in s for s in fitted_on["sets"] for held in ("test3", "test4", "test5", "test6", "test7", "test8", "test9", "test10",
                                                                          "test11", "test12"))


def test_a_cluster_the_probe_does_not_know_is_weighed_without_it():
    """A user's own cluster, or one readers gave too rarely for the probe: the model fitted
    without the probe's measure weighs it, so a passing mention is still dropped (Chongqing
    2025, line 56: 化工园区 among the places to keep clean) and a paragraph about it still passes."""
    model = AboutnessModel.load()
    keep = [i for i, name in enumerate(model.topic.clusters) if name != "化工"]
    blind = replace(model.topic, clusters=tuple(model.topic.clusters[i] for i in keep),
                    weights=model.topic.weights[keep], biases=model.topic.biases[keep])
    assert not blind.knows("化工") and model.without_topic is not None
    linker = Linker(load_taxonomy(), aboutness=replace(model, topic=blind))
    assert "化工" not in _clusters_by_line(CHONGQING, linker)[56]
    assert "化工" in _clusters_of("推动化工产业高端化发展，建设现代化工产业基地。", linker)


def _clusters_of(sentence: str, linker: Linker) -> set[str]:
    from kb.load import Document

    text = sentence + "\n"
    doc = Document("doc.txt", text, "utf-8", "", "t", "202x", "报告", False)
    return {lk.name for c in linker.link_document(doc, segment(text)).clauses for lk in c.links if lk.kind == "cluster"}


def test_a_long_paragraph_naming_a_cluster_in_passing_is_not_about_it():
    # Chongqing 2025, line 56: pollution control; 化工园区 is one of the places to keep clean
    with_model = _clusters_by_line(CHONGQING, Linker.load())
    without = _clusters_by_line(CHONGQING, Linker.load(weigh_aboutness=False))
    assert "化工" in without[56] and "化工" not in with_model[56]
    assert "节能环保" in with_model[56]  # what the paragraph is about stays


def test_a_paragraph_listing_industries_is_about_each_of_them():
    # national 2019, line 111: 培育新一代信息技术、高端装备、生物医药、新能源汽车、新材料等新兴产业集群
    clusters = _clusters_by_line(NATIONAL_2019, Linker.load())[111]
    assert {"新一代信息技术", "高端装备", "生物医药", "新能源汽车", "新材料", "数字经济"} <= clusters



# a stand-in model: a paragraph is about what its first clause names and nothing else
FIRST_CLAUSE_ONLY = AboutnessModel(-5.0, (0.0, 0.0, 0.0, 0.0, 10.0, 0.0, 0.0, 0.0, 0.0), (0.0,) * 9, (1.0,) * 9, 0.5)


def _link_with(text: str, model: AboutnessModel | None):
    from kb.load import Document

    doc = Document("doc.txt", text, "utf-8", "", "t", "202x", "讲话", False)
    return Linker(load_taxonomy(), aboutness=model).link_document(doc, segment(text))


def test_a_cluster_named_in_passing_is_not_inherited_back():
    # the drop comes before scope inheritance copies the mentions: no clause gets 化工 back
    text = "做好安全生产工作，加强化工园区整治，推进化工企业搬迁，落实责任。\n"
    linked = _link_with(text, FIRST_CLAUSE_ONLY)
    assert not any(lk.name == "化工" for c in linked.clauses for lk in c.links)
    assert any(lk.name == "化工" for c in _link_with(text, None).clauses for lk in c.links)


def test_a_paragraph_cut_into_passages_is_weighed_whole():
    # over 300 characters, so segment cuts it into passages; the second opens on 高端装备,
    # which is not the paragraph's first clause
    opening = "加快发展新能源产业，" + "推动项目建设取得新进展。" * 24
    text = opening + "高端装备制造要提质增效，" + "持续优化营商环境。" * 10 + "\n"
    assert len({p.paragraph for p in segment(text)}) == 1 and len(segment(text)) > 1
    linked = _link_with(text, FIRST_CLAUSE_ONLY)
    assert not any(lk.name == "高端装备" for c in linked.clauses for lk in c.links)
    assert any(lk.name == "新能源" for c in linked.clauses for lk in c.links)
