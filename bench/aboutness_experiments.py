"""Measure readers of clusters that kb does not ship, against the aboutness model it does (session 33).

    python bench/aboutness_experiments.py              # the fast model's vectors (about 4 minutes)
    python bench/aboutness_experiments.py --model e5   # the default model's (about 25 minutes on 2 cores)

Every linked (paragraph, cluster) pair of the development sets (bench/train_aboutness.py's), each
development set predicted by models fitted on the other sets, the way a held-out set is met. Printed
for each variant: precision where recall is the shipped model's (all sets, and the newest three, the
hardest and most like a fresh held-out set) and the best F1. The variants:

- a topic probe that reads the paragraph's embedding (one logistic regression per cluster, cross-fitted
  by the same folds of documents as the character probe), in place of the character probe, beside it
  as a tenth measure, or averaged with it;
- measures of a cluster's competition in its paragraph (its probe value against the best other one's,
  its rank among them);
- a gradient-boosted model (scikit-learn) over the same measures.

Session 33's figures: docs/quality.md. Reads development sets only.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from train_aboutness import (  # noqa: E402
    DEVELOPMENT_SETS,
    PROBE_FOLDS,
    Pairs,
    development_pairs,
    figures,
    held_out_probabilities,
)

from kb.aboutness import FEATURES  # noqa: E402
from kb.link import Linker  # noqa: E402

NEWEST = DEVELOPMENT_SETS[-3:]
GRID = np.round(np.arange(0.1, 0.8, 0.005), 3)
TOPIC = FEATURES.index("reader_topic")


def document_folds(pairs: Pairs) -> np.ndarray:
    """Each paragraph's fold, as bench/train_aboutness.py's cross_fitted_topics draws them."""
    documents = sorted(set(pairs.text_docs))
    fold = {d: i % PROBE_FOLDS for i, d in enumerate(np.random.default_rng(22).permutation(documents))}
    return np.array([fold[d] for d in pairs.text_docs])


def embedding_probe(vectors: np.ndarray, pairs: Pairs, n_pairs: int, regularisation: float) -> np.ndarray:
    """Each pair's probability from a per-cluster logistic regression on paragraph vectors, fitted
    without the pair's fold; clusters given fewer than three times in a fold take the mean."""
    from sklearn.linear_model import LogisticRegression

    of_text, names, paragraph = document_folds(pairs), np.array(pairs.names), np.array(pairs.paragraph_of)
    given = [set(g) for g in pairs.given]
    out = np.full(n_pairs, np.nan)
    for k in range(PROBE_FOLDS):
        train = of_text != k
        for cluster in sorted(set(pairs.names)):
            labels = np.array([cluster in g for g in given])
            rows = np.where((names == cluster) & (of_text[paragraph] == k))[0]
            if labels[train].sum() < 3 or not len(rows):
                continue
            model = LogisticRegression(C=regularisation, max_iter=2000).fit(vectors[train], labels[train])
            out[rows] = model.predict_proba(vectors[paragraph[rows]])[:, 1]
    out[np.isnan(out)] = np.nanmean(out)
    return out


def competition(x: np.ndarray, pairs: Pairs) -> np.ndarray:
    """Two columns: the pair's probe value less the best other cluster's in its paragraph, and how
    many clusters there score higher."""
    by_paragraph: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(pairs.paragraph_of):
        by_paragraph[p].append(i)
    topic, out = x[:, TOPIC], np.zeros((len(x), 2))
    for rows in by_paragraph.values():
        for i in rows:
            others = [topic[j] for j in rows if j != i]
            out[i] = (topic[i] - max(others, default=0.0), sum(v > topic[i] for v in others))
    return out


def boosted_by_set(x: np.ndarray, y: np.ndarray, sets: np.ndarray) -> np.ndarray:
    """Each set's pairs scored by a gradient-boosted model fitted on the other sets."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    out = np.zeros(len(y))
    for name in dict.fromkeys(sets):
        rest = sets != name
        model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15,
                                               l2_regularization=1.0, random_state=0).fit(x[rest], y[rest])
        out[~rest] = model.predict_proba(x[~rest])[:, 1]
    return out


def reporter(y: np.ndarray, sets: np.ndarray, unnamed: dict[str, int]) -> Callable[[str, np.ndarray], None]:
    """A function printing one variant's line, recall matched to the shipped model's at its threshold."""
    newest = np.isin(sets, NEWEST)
    masks = {"all": (np.ones(len(y), bool), sum(unnamed.values())),
             "newest three": (newest, sum(unnamed[s] for s in NEWEST))}
    targets: dict[str, float] = {}

    def report(label: str, scores: np.ndarray, threshold: float | None = None) -> None:
        cells = []
        for part, (mask, missing) in masks.items():
            if threshold is not None:
                targets[part] = figures(y[mask], scores[mask] >= threshold, missing)[1]
            reached = [figures(y[mask], scores[mask] >= t, missing) for t in GRID]
            at = [p for p, r, _ in reached if r >= targets[part]]
            cells.append(f"{part}: P {at[-1] if at else 0:.3f} at R {targets[part]:.3f}, "
                         f"best F1 {max(f for _, _, f in reached):.3f}")
        print(f"{label:36} " + "; ".join(cells))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", choices=("fast", "e5"), default="fast", help="whose paragraph vectors")
    args = parser.parse_args()
    from kb.aboutness import AboutnessModel
    from kb.embed import MultilingualE5Small, UniversalSentenceEncoder

    x, y, _, sets, unnamed, pairs = development_pairs(Linker.load(weigh_aboutness=False))
    report = reporter(y, sets, unnamed)
    report("shipped measures (logistic)", held_out_probabilities(x, y.astype(float), sets),
           threshold=AboutnessModel.load().threshold)
    embedder = UniversalSentenceEncoder() if args.model == "fast" else MultilingualE5Small()
    vectors = embedder.encode([text[:500] for text in pairs.texts])
    for regularisation in (1.0, 10.0):
        probe = embedding_probe(vectors, pairs, len(y), regularisation)
        replaced = x.copy()
        replaced[:, TOPIC] = probe
        averaged = x.copy()
        averaged[:, TOPIC] = (x[:, TOPIC] + probe) / 2
        for label, columns in ((f"{args.model} probe C={regularisation:g}, in place", replaced),
                               (f"{args.model} probe C={regularisation:g}, beside", np.column_stack([x, probe])),
                               (f"{args.model} probe C={regularisation:g}, averaged", averaged)):
            report(label, held_out_probabilities(columns, y.astype(float), sets))
    rivals = competition(x, pairs)
    report("+ competition", held_out_probabilities(np.column_stack([x, rivals]), y.astype(float), sets))
    report("boosted trees", boosted_by_set(x, y, sets))
    report("boosted trees + competition", boosted_by_set(np.column_stack([x, rivals]), y, sets))


if __name__ == "__main__":
    main()
