"""Aboutness: is a paragraph about a cluster it names, or does it name it in passing?

kb finds every keyword of a cluster; a reader gives a paragraph only the industries it is
about. A long paragraph on reform that names 油气 once, in a list, is not about 能源电力; a
short one that opens on 新能源 and names 光伏 and 风电 is about 新能源. Nine measures of each
(paragraph, cluster) pair are weighed by a logistic model fitted on the development
annotations (bench/train_aboutness.py writes kb/data/aboutness.json: weights, the
standardisation, the threshold and what they were fitted on, saved together, and the topic
probe of kb/topic_probe.py beside it, whose probability is the ninth measure).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .topic_probe import BUNDLED_PROBE, TopicProbe, logistic

BUNDLED_MODEL = Path(__file__).parent / "data" / "aboutness.json"

FEATURES = (
    "log_mentions",  # how often the paragraph names the cluster
    "log_paragraph_chars",  # how long the paragraph is: long ones name much in passing
    "clusters_named",  # how many clusters it names: a sector list is about each of them
    "share_of_mentions",  # the cluster's share of every cluster mention there
    "in_first_clause",  # named where the paragraph states its topic
    "share_listed",  # the share of its mentions that are items of a list (…、新材料等)
    "foreign_list_items",  # how many items of its list name no cluster (投向…、农业、重大水利、社会事业等领域)
    "title_names_it",  # the document's title names the cluster: a 无废城市 plan is about 节能环保 where it names it
    "reader_topic",  # the topic probe's probability that readers give the paragraph the cluster
)

# one clause of a paragraph: its start and end offsets and, in order, each cluster it names with
# whether that mention is an item of a list and how many items of the clause's list name no cluster
ClauseClusters = tuple[int, int, Sequence[tuple[str, bool, int]]]


def cluster_features(paragraph: Sequence[ClauseClusters], title_clusters: Collection[str] = frozenset(),
                     topic: Callable[[str], float] = lambda name: 0.5) -> dict[str, list[float]]:
    """FEATURES for every cluster the clauses of one paragraph name (title_clusters: those the
    document's title names; topic: the probe's value for a cluster in this paragraph)."""
    mentions = [mention for _, _, found in paragraph for mention in found]
    if not mentions:
        return {}
    chars = max(1, paragraph[-1][1] - paragraph[0][0])
    first = {name for name, _, _ in paragraph[0][2]}
    counts = Counter(name for name, _, _ in mentions)  # in the order the paragraph names them
    listed = Counter(name for name, is_item, _ in mentions if is_item)
    foreign: dict[str, int] = {}
    for name, _, items in mentions:
        foreign[name] = max(foreign.get(name, 0), items)
    return {name: [math.log(n), math.log(chars), float(len(counts)), n / len(mentions), float(name in first),
                   listed[name] / n, math.log1p(foreign[name]), float(name in title_clusters), topic(name)]
            for name, n in counts.items()}


@dataclass(frozen=True)
class AboutnessModel:
    """Logistic weights over standardised FEATURES and the probability a link needs, with the
    topic probe and a model fitted without the probe's measure (`without_topic`) for the clusters
    the probe does not know (a user's own, or one the readers gave too rarely): for those a
    constant in the probe's place would leave the model almost no evidence against a link."""

    bias: float
    weights: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float
    topic: TopicProbe | None = field(default=None, compare=False)
    without_topic: AboutnessModel | None = None

    def probability(self, features: Sequence[float]) -> float:
        return logistic(self.bias + sum(w * (x - m) / s for w, x, m, s
                                        in zip(self.weights, features, self.means, self.scales, strict=True)))

    def passing(self, paragraph: Sequence[ClauseClusters], title_clusters: Collection[str] = frozenset(),
                paragraph_text: str = "") -> set[str]:
        """The clusters the paragraph names only in passing."""
        topic = self.topic.reader(paragraph_text) if self.topic else None
        known = self.topic.knows if self.topic else (lambda name: False)
        features = cluster_features(paragraph, title_clusters, lambda name: topic(name) if known(name) else 0.5)
        return {name for name, x in features.items() if not self.is_about(x, known(name))}

    def is_about(self, features: Sequence[float], probe_knows: bool) -> bool:
        """Whether one cluster's FEATURES pass: the full model where the probe knows the cluster,
        else the model without the probe's measure (a stand-in model without one reads 0.5 there)."""
        if probe_knows or self.without_topic is None:
            return self.probability(features) >= self.threshold
        return self.without_topic.probability(features[:-1]) >= self.without_topic.threshold

    @classmethod
    def load(cls, path: Path = BUNDLED_MODEL, probe_path: Path | None = None) -> AboutnessModel:
        """The model saved at `path` with the probe beside it (topic_probe.npz), which must be
        the one it was fitted with."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: fitted on features {data['features']}, kb computes {list(FEATURES)}")
        probe_path = probe_path or path.with_name(BUNDLED_PROBE.name)
        probe = TopicProbe.load(probe_path)
        if data.get("topic_probe") != probe.digest:
            raise ValueError(f"{path}: fitted with another topic probe than {probe_path}; refit both together")
        fallback = data["without_topic"]
        return replace(_weights_of(data, len(FEATURES), path), topic=probe,
                       without_topic=_weights_of(fallback, len(FEATURES) - 1, path))

    def save(self, path: Path, fitted_on: dict, probe_path: Path | None = None) -> None:
        """The weights to `path`, the probe beside it (or to `probe_path`)."""
        if self.topic is None or self.without_topic is None:
            raise ValueError("a model is saved with its topic probe and its model without the probe")
        self.topic.save(probe_path or path.with_name(BUNDLED_PROBE.name))
        data = {"features": list(FEATURES), **_weights_dict(self), "topic_probe": self.topic.digest,
                "without_topic": _weights_dict(self.without_topic), "fitted_on": fitted_on}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _weights_dict(model: AboutnessModel) -> dict:
    return {"bias": model.bias, "weights": list(model.weights), "means": list(model.means),
            "scales": list(model.scales), "threshold": model.threshold}


def _weights_of(data: dict, features: int, path: Path) -> AboutnessModel:
    if not len(data["weights"]) == len(data["means"]) == len(data["scales"]) == features:
        raise ValueError(f"{path}: weights, means and scales must have one value per feature")
    return AboutnessModel(data["bias"], tuple(data["weights"]), tuple(data["means"]), tuple(data["scales"]),
                          data["threshold"])


def fit_logistic(x: np.ndarray, y: np.ndarray, threshold: float, l2: float = 1.0) -> AboutnessModel:
    """L2-regularised logistic regression by Newton's method on standardised columns (a
    few thousand rows and nine columns: no library needed beyond numpy). The threshold is
    not fitted: it is chosen by cross-validation (bench/train_aboutness.py) and kept with
    the weights."""
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - means) / scales])
    w = np.zeros(z.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(z.shape[1] - 1)])  # the bias is not shrunk
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        step = np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + penalty, z.T @ (p - y) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return AboutnessModel(float(w[0]), tuple(map(float, w[1:])), tuple(map(float, means)),
                          tuple(map(float, scales)), threshold)
