"""Scoring kb follow's pairs against a gold file of target/result pairs (eval/*/follow-*.jsonl).

A gold line is found when a pair's target overlaps the gold target quote with the same
value; its pairing is right when the pair's result overlaps the gold result quote with the
same value (or both have none). Pure: `text_of(doc)` gives a gold document's text, from
the corpus folder (bench/follow_quality.py) or from the index (`kb eval`).
"""

from __future__ import annotations

from collections.abc import Callable

from .follow import Pair, TargetRow, base_unit, row_values


def _gold_value(value, unit: str) -> tuple[float, float]:
    _, factor = base_unit(unit)
    parts = [float(p) for p in str(value).split("-")]
    return min(parts) * factor, max(parts) * factor


def _same_span(text_of: Callable[[str], str], doc: str, quote: str, row: TargetRow, value, unit: str) -> bool:
    if row.doc != doc:
        return False
    text = text_of(doc)
    start = text.find(quote)
    overlaps = row.char_start < start + len(quote) and start < row.char_end
    found = row_values(row)
    want = _gold_value(value, unit)
    return overlaps and found is not None and all(abs(a - b) <= 1e-9 * max(1.0, abs(b)) for a, b in zip(found, want))


def score(text_of: Callable[[str], str], gold: list[dict], pairs: list[Pair]) -> dict:
    """Pairing precision/recall and status accuracy of pairs against gold lines."""
    aligned: list[tuple[dict, Pair | None]] = []
    for line in gold:
        match = next((p for p in pairs if _same_span(text_of, line["target_doc"], line["target_quote"], p.target,
                                                      line["target_value"], line["target_unit"])), None)
        aligned.append((line, match))

    def result_right(line: dict, pair: Pair) -> bool:
        if not line.get("result_doc"):
            return pair.result is None
        return pair.result is not None and _same_span(text_of, line["result_doc"], line["result_quote"], pair.result,
                                                      line["result_value"], line["result_unit"])

    with_result = [(g, p) for g, p in aligned if g.get("result_doc")]
    proposed = [(g, p) for g, p in aligned if p is not None and p.result is not None]
    correct = sum(1 for g, p in proposed if g.get("result_doc") and result_right(g, p))
    found = [(g, p) for g, p in aligned if p is not None]
    status_right = sum(1 for g, p in found if p.status == g["status"])
    errors = [{"year": g["year"], "metric": g["metric"], "gold": g["status"],
               "got": p.status if p else "target not extracted",
               "result": p.result.quote if p and p.result else None}
              for g, p in aligned if p is None or p.status != g["status"] or not result_right(g, p)]
    return {
        "gold_lines": len(gold), "gold_with_result": len(with_result),
        "targets_found": len(found), "target_recall": round(len(found) / len(gold), 3) if gold else 0.0,
        "pairing_precision": round(correct / len(proposed), 3) if proposed else 0.0,
        "pairing_recall": round(correct / len(with_result), 3) if with_result else 0.0,
        "status_accuracy": round(status_right / len(gold), 3) if gold else 0.0,
        "status_accuracy_on_found": round(status_right / len(found), 3) if found else 0.0,
        "errors": errors,
    }
