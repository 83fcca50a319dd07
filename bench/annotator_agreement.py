"""How far two blind annotators of the same documents agree: the ceiling kb is measured under.

    python bench/annotator_agreement.py eval/dev8/parks-dev8.jsonl eval/dev8/parks-dev8-second.jsonl
    python bench/annotator_agreement.py eval/dev8/clusters-dev8.jsonl eval/dev8/clusters-dev8-second.jsonl

The second file is scored against the first exactly as kb is (kb/eval_links.py): for parks,
precision is the share of the second annotator's parks the first also wrote (any name or alias
in common); for clusters, one unit per (paragraph, cluster). A park set is told from a cluster
set by its rows. Totals per document (parks) or per cluster (clusters) are printed for any set;
the items where the two differ only for a development set (--differences).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from links_quality import is_held_out, read_jsonl, score_row  # noqa: E402

from kb.eval_links import score_clusters, score_parks  # noqa: E402


def _parks(first: list[dict], second: list[dict], differences: bool) -> None:
    found: dict[str, list[dict]] = {}
    for row in second:
        found.setdefault(row["doc"], [])
        if row.get("name"):
            found[row["doc"]].append(row)
    score = score_parks(first, found)
    print("parks (second against first)                   P      R    tp fp fn")
    for doc, s in score["docs"].items():
        print(score_row(doc, s, 44))
        if differences:
            print(f"      first only:  {score['misses'][doc]}\n      second only: {score['extras'][doc]}")
    print(score_row("overall", score["overall"], 44))


def _clusters(first: list[dict], second: list[dict], differences: bool) -> None:
    score = score_clusters(first, {(r["doc"], r["line"]): set(r["clusters"]) for r in second})
    print("clusters (second against first)  P      R    tp fp fn")
    for name, s in sorted(score["clusters"].items()):
        print(score_row(name, s, 22))
    print(score_row("micro", score["overall"], 22))
    if differences:
        for e in score["errors"]:
            print(f"  {e['doc']}:{e['line']} first only {e['missing']} second only {e['extra']}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", help="the annotation kb is measured against")
    parser.add_argument("second", help="a second annotator's, of the same documents")
    parser.add_argument("--differences", action="store_true", help="list the items the two differ on")
    args = parser.parse_args(argv)
    if args.differences and any(is_held_out(f) for f in (args.first, args.second)):
        parser.error("--differences prints items, and this is a held-out set: give totals only")
    first, second = read_jsonl(args.first), read_jsonl(args.second)
    if not first or not second:
        parser.error("an annotation file is empty")
    if {r["doc"] for r in first} != {r["doc"] for r in second}:
        parser.error("the two files annotate different documents")
    if "clusters" in first[0]:
        _clusters(first, second, args.differences)
    else:
        _parks(first, second, args.differences)


if __name__ == "__main__":
    main()
