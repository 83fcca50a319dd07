"""Scoring extracted commitments against an exhaustive annotation (eval/*/commitments-*.jsonl).

A pure function, so `kb eval`, the bench and the tests score the same way. Matching (FORMAT.md,
"Commitments"): a gold line matches an unused predicted target of kind "target" whose span
overlaps the gold quote's span and whose value equals the gold value after stripping. Several
gold lines of one enumeration share a quote; the value decides which prediction each takes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .targets import Target

FIELDS = ("value_unit_year", "strength", "qualifier", "metric")


@dataclass
class _Tally:
    """Counts of one document (or of all of them), summed before the ratios are taken."""

    gold: int = 0
    matched: int = 0
    predicted: int = 0
    predicted_on_exhaustive: int = 0
    matched_on_exhaustive: int = 0
    found_any_kind: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def add(self, other: _Tally) -> None:
        for name in ("gold", "matched", "predicted", "predicted_on_exhaustive", "matched_on_exhaustive",
                     "found_any_kind"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for f in FIELDS:
            self.right[f] += other.right[f]

    def figures(self) -> dict:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "recall": ratio(self.matched, self.gold),
            "precision": ratio(self.matched_on_exhaustive, self.predicted_on_exhaustive),
            **{f: ratio(self.right[f], self.matched) for f in FIELDS},
            "kind": ratio(self.matched, self.found_any_kind),
            "missed": self.missed, "extra": self.extra,
        }


def _same_metric(predicted: str, gold: str) -> bool:
    """Metrics are free text in the document's words: right when one holds the other
    (ignoring quotes and 的), so 高新技术企业 and 高新技术企业数 both pass."""
    def norm(s: str) -> str:
        return "".join(ch for ch in s if ch not in "“”\"'‘’的 ")

    p, g = norm(predicted), norm(gold)
    return bool(p and g) and (p in g or g in p)


def _overlapping(targets: Sequence[Target], start: int, end: int, value: str, used: set[int],
                 kinds: tuple[str, ...]) -> int | None:
    return next((i for i, t in enumerate(targets)
                 if i not in used and t.kind in kinds and t.char_start < end and start < t.char_end
                 and t.value.strip() == value), None)


def _score_document(text: str, targets: Sequence[Target], gold: list[dict]) -> _Tally:
    tally = _Tally(gold=len(gold))
    forward = [t for t in targets if t.kind == "target"]
    tally.predicted = len(forward)
    exhaustive = any(g.get("exhaustive_doc") for g in gold)
    used: set[int] = set()
    used_any: set[int] = set()
    for g in gold:
        start = text.find(g["quote"])
        end = start + len(g["quote"])
        value = str(g["value"]).strip()
        if start < 0:
            tally.missed.append(g["quote"])
            continue
        any_kind = _overlapping(targets, start, end, value, used_any, ("target", "achievement"))
        if any_kind is not None:
            used_any.add(any_kind)
            tally.found_any_kind += 1
        i = _overlapping(forward, start, end, value, used, ("target",))
        if i is None:
            tally.missed.append(f"{g['quote']} [{value}{g['unit']}]")
            continue
        used.add(i)
        tally.matched += 1
        t = forward[i]
        tally.right["value_unit_year"] += (t.unit, t.year) == (g["unit"], g["year"])
        tally.right["strength"] += t.strength == g["strength"]
        tally.right["qualifier"] += t.qualifier == g["qualifier"]
        tally.right["metric"] += _same_metric(t.metric, g["metric"])
    if exhaustive:
        tally.predicted_on_exhaustive = len(forward)
        tally.matched_on_exhaustive = tally.matched
        tally.extra = [f"{t.quote} [{t.value}{t.unit}]" for i, t in enumerate(forward) if i not in used]
    return tally


def score_commitments(gold_rows: list[dict], predicted: dict[str, tuple[str, list[Target]]]) -> dict:
    """Per document and overall: recall, precision (exhaustive documents only), field accuracy
    of the matches (value/unit/year together, strength, qualifier, metric), kind accuracy (of
    the gold lines some prediction finds at all, the share found as a forward target), and the
    missed and extra quotes. A document absent from `predicted` scores as nothing found."""
    by_doc: dict[str, list[dict]] = {}
    for row in gold_rows:
        by_doc.setdefault(row["doc"], []).append(row)
    overall = _Tally()
    documents = {}
    for doc_name, gold in by_doc.items():
        text, targets = predicted.get(doc_name, ("", []))
        tally = _score_document(text, targets, gold)
        documents[doc_name] = tally.figures()
        overall.add(tally)
    return {"documents": documents, "overall": overall.figures()}
