"""Fusion settings by cross-validation: the preference weight, the dense weight (and k, expansion).

    python bench/tune_fusion.py --index DIR [--questions FILE ...] [--folds 5]

Every setting of a small grid is scored on every development question once (hybrid mode,
rank of the first gold hit). Then, per fold, the setting with the best recall@5 + MRR@10 on
the other folds is chosen and scored on the held-out fold: the spread of the held-out
scores and of the chosen settings says how much the choice can be trusted. Only
development questions go in (session 5: eval/dev and the retired eval/test); eval/test2 is
never tuned on. Writes bench/tune-fusion-<model>.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WEIGHTS = (0.5, 1.0, 2.0, 3.0)  # preference weight (the question asked again inside the documents it singles out)
EXPANSIONS = (0.5,)  # expansion weight (no effect on the dev questions in session 4's grid: kept at 0.5)
RRF_KS = (2,)  # k = 5 lost in every fold of sessions 4 and 5
DENSE = (None, 1.5)  # each dense ranking's weight (None: the model's own, kb.embed.dense_weight)


def _ranks(index, rows: list[dict], weight: float, expansion: float, rrf_k: int,
           dense: float | None = None) -> list[int | None]:
    from kb import embed, search
    from kb.evaluate import _is_hit

    original = embed.dense_weight
    search.dense_weight = original if dense is None else (lambda _model: dense)
    search.PREFERENCE_WEIGHT = weight
    search.EXPANSION_WEIGHT = expansion
    search.RRF_K = rrf_k
    out = []
    for row in rows:
        hits = search.ask(index, row["query"], k=10)
        out.append(next((h.rank for h in hits if _is_hit(h.doc, h.text, row["gold"])), None))
    return out


def _score(ranks: list[int | None]) -> tuple[float, float]:
    n = len(ranks) or 1
    recall = sum(1 for r in ranks if r is not None and r <= 5) / n
    mrr = sum(1 / r for r in ranks if r is not None) / n
    return recall, mrr


def main() -> None:
    from kb.index import Index

    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--questions", type=Path, nargs="+", default=[ROOT / "eval" / "dev" / "questions-dev.jsonl"],
                        help="development question files (eval/test-1's became development in session 5)")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = [json.loads(x) for path in args.questions for x in path.read_text(encoding="utf-8").splitlines()
            if x.strip()]
    index = Index.open(args.index)
    grid = {(w, e, k, d): _ranks(index, rows, w, e, k, d)
            for w in WEIGHTS for e in EXPANSIONS for k in RRF_KS for d in DENSE}
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    folds = [order[i::args.folds] for i in range(args.folds)]
    held_out = []
    for fold in folds:
        train = [i for i in order if i not in fold]

        def train_score(setting, train=train):
            recall, mrr = _score([grid[setting][i] for i in train])
            return recall + mrr

        best = max(grid, key=train_score)
        recall, mrr = _score([grid[best][i] for i in fold])
        held_out.append({"weight": best[0], "expansion": best[1], "rrf_k": best[2], "dense": best[3],
                         "recall@5": round(recall, 3), "mrr@10": round(mrr, 3)})
    everything = {f"{w}/{e}/{k}/{d}": [round(x, 3) for x in _score(r)] for (w, e, k, d), r in grid.items()}
    result = {
        "model": index.model, "questions": [str(p) for p in args.questions], "folds": held_out,
        "held_out_recall@5": {"mean": round(statistics.mean(f["recall@5"] for f in held_out), 3),
                              "min": min(f["recall@5"] for f in held_out), "max": max(f["recall@5"] for f in held_out)},
        "held_out_mrr@10": {"mean": round(statistics.mean(f["mrr@10"] for f in held_out), 3),
                            "min": min(f["mrr@10"] for f in held_out), "max": max(f["mrr@10"] for f in held_out)},
        "all_questions_by_setting (preference/expansion/k/dense: recall@5, mrr@10)": everything,
    }
    out = ROOT / "bench" / f"tune-fusion-{index.model.replace('/', '_')}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for f in held_out:
        print(f"fold: chose preference {f['weight']}, expansion {f['expansion']}, k {f['rrf_k']}, "
              f"dense {f['dense']}: held-out recall@5 {f['recall@5']}, MRR@10 {f['mrr@10']}")
    print(f"held-out recall@5 {result['held_out_recall@5']}, MRR@10 {result['held_out_mrr@10']}")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
