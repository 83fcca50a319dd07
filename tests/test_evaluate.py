"""kb eval: commitments scored from the index as the bench scores a fresh extraction."""

import json

from kb.evaluate import evaluate_file
from tests.conftest import DATA, ROOT


def test_commitments_of_the_shipped_reports_are_scored_per_document(opened):
    report = evaluate_file(opened, DATA / "commitments-reports.jsonl")
    assert report["kind"] == "commitments"
    assert set(report["documents"]) == {"gov-report-2025-chongqing.txt", "gov-report-hailar-district-2013.txt"}
    overall = report["overall"]
    assert overall["recall"] >= 0.95 and overall["precision"] >= 0.9 and overall["value_unit_year"] >= 0.95


def _rows_of(path, doc: str) -> str:
    return "".join(line + "\n" for line in path.read_text(encoding="utf-8").splitlines()
                   if json.loads(line)["doc"] == doc)


def test_parks_and_clusters_are_scored_from_the_index_as_the_bench_scores_them(opened, tmp_path):
    # blind development annotations (2025 Chongqing of eval/dev4, 2025 Anhui and national 2022 of
    # eval/test2's guide sets), against the shipped index
    doc, other = "gov-report-2025-chongqing.txt", "gov-report-2025-anhui.txt"
    parks, clusters = tmp_path / "parks-cq.jsonl", tmp_path / "clusters-cq.jsonl"
    parks.write_text(_rows_of(ROOT / "eval/dev4/parks-dev4.jsonl", doc)
                     + _rows_of(ROOT / "eval/test2/parks-test2-guide.jsonl", other), encoding="utf-8")
    clusters.write_text(_rows_of(ROOT / "eval/dev4/clusters-dev4.jsonl", doc)
                        + _rows_of(ROOT / "eval/test2/clusters-test2-guide.jsonl", "gov-report-national-2022.txt"),
                        encoding="utf-8")
    park_report = evaluate_file(opened, parks)
    assert park_report["kind"] == "parks" and set(park_report["documents"]) == {doc, other}
    assert park_report["interval"]["units"] == 2
    o = park_report["overall"]
    assert o["tp"] >= 30 and o["precision"] >= 0.75 and "两江新区" not in park_report["missed"][doc]
    # the candidate list holds zones kb does not name (卫星互联网产业园, 国家物流枢纽经济区 of Chongqing)
    c = park_report["candidates"]
    assert c["zones"] == len([line for line in parks.read_text(encoding="utf-8").splitlines() if line])
    assert c["listed"] >= 2 and c["recall_named_or_listed"] > c["recall_named"] and c["candidates"] >= c["listed"]
    cluster_report = evaluate_file(opened, clusters)
    assert cluster_report["kind"] == "clusters" and cluster_report["interval"]["units"] == 2
    c = cluster_report["overall"]
    assert c["tp"] >= 10 and c["precision"] >= 0.6
    for report, figures in ((park_report, o), (cluster_report, c)):
        for name in ("precision", "recall"):  # the interval holds the figure
            low, high = report["interval"][name]
            assert low <= figures[name] <= high


def test_kb_eval_folds_parks_as_the_bench_does(opened, tmp_path):
    """kb eval reads the short names and parents each document's links stored (park_forms), so its
    park figures, one row per park included, are the bench's for the same documents."""
    from kb.eval_links import score_parks
    from kb.link import Linker
    from kb.load import load_document, read_catalog
    from kb.parks import canonical_parks
    from kb.segment import segment

    doc = "gov-report-2025-chongqing.txt"
    parks = tmp_path / "parks-cq.jsonl"
    parks.write_text(_rows_of(ROOT / "eval/dev4/parks-dev4.jsonl", doc), encoding="utf-8")
    report = evaluate_file(opened, parks)
    path = ROOT / "corpus" / doc
    document = load_document(path, doc, read_catalog(path.parent))
    links = Linker.load().link_document(document, segment(document.text))
    rows = canonical_parks({doc: [n for n in links.park_names()]}, {doc: links.abbreviations}, {doc: links.within})
    bench = score_parks([json.loads(x) for x in parks.read_text(encoding="utf-8").splitlines()],
                        {doc: list(rows.values())})
    assert report["overall"] == bench["overall"] and report["one_park_one_row"] == bench["one_park_one_row"]
