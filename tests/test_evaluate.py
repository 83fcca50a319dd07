"""kb eval: commitments scored from the index as the bench scores a fresh extraction."""

from kb.evaluate import evaluate_file
from tests.conftest import DATA


def test_commitments_of_the_shipped_reports_are_scored_per_document(opened):
    report = evaluate_file(opened, DATA / "commitments-reports.jsonl")
    assert report["kind"] == "commitments"
    assert set(report["documents"]) == {"gov-report-2025-chongqing.txt", "gov-report-hailar-district-2013.txt"}
    overall = report["overall"]
    assert overall["recall"] >= 0.95 and overall["precision"] >= 0.9 and overall["value_unit_year"] >= 0.95
