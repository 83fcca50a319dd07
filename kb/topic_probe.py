"""Topic probe: what readers would say a paragraph is about, read from its characters.

The aboutness model (kb/aboutness.py) weighs how a paragraph names a cluster: how often, where,
in a list or not. It cannot see what the rest of the paragraph talks about: a 储能电站 line of a
project list names 电站 (能源电力) and is about 新能源; a question from 陕西广播电视台 names 广播电视
and is about farming. The probe is one logistic regression per cluster over the paragraph's
character unigrams and bigrams (tf-idf, as a text classifier would have it), fitted on the readers'
annotations of the development sets (bench/train_aboutness.py), and its probability is one more
measure the aboutness model weighs. Measured leaving whole development sets out, with the
probe's own values cross-fitted: best F1 0.793 → 0.814 (docs/quality.md, session 22).

Saved as one .npz beside the aboutness model: the vocabulary, its idf, the weights and biases
(numpy arrays only, read without pickle).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

BUNDLED_PROBE = Path(__file__).parent / "data" / "topic_probe.npz"
READ_CHARS = 500  # a paragraph's topic is stated in its opening; long ones are read that far
MIN_DOCUMENT_FREQUENCY = 2  # an n-gram one paragraph holds says nothing about the others

_SPACES = re.compile(r"\s\s+")


def char_ngrams(text: str) -> Counter[str]:
    """The character unigrams and bigrams of a paragraph's opening, counted."""
    text = _SPACES.sub(" ", text[:READ_CHARS].lower())
    return Counter([*text, *(text[i:i + 2] for i in range(len(text) - 1))])


def fit_vocabulary(texts: Iterable[str]) -> tuple[dict[str, int], np.ndarray]:
    """The n-grams held by at least MIN_DOCUMENT_FREQUENCY paragraphs and their smoothed idf."""
    counted = [char_ngrams(t) for t in texts]
    frequency = Counter(gram for c in counted for gram in c)
    grams = sorted(g for g, n in frequency.items() if n >= MIN_DOCUMENT_FREQUENCY)
    idf = np.array([math.log((1 + len(counted)) / (1 + frequency[g])) + 1.0 for g in grams])
    return {g: i for i, g in enumerate(grams)}, idf


def tfidf(text: str, vocabulary: Mapping[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The paragraph's sparse vector: indices and values (1 + log tf, times idf, unit length)."""
    pairs = sorted((vocabulary[g], (1.0 + math.log(n)) * idf[vocabulary[g]])
                   for g, n in char_ngrams(text).items() if g in vocabulary)
    if not pairs:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    indices, values = (np.array(v) for v in zip(*pairs, strict=True))
    return indices.astype(np.int64), values / np.linalg.norm(values)


@dataclass(frozen=True, repr=False)
class TopicProbe:
    """Per-cluster logistic weights over a paragraph's tf-idf vector. A cluster it was not fitted
    on (too few annotated paragraphs, or a user's own cluster) gets `neutral`, the mean value
    the aboutness model was fitted with, so that the probe neither adds nor takes away."""

    clusters: tuple[str, ...]
    vocabulary: Mapping[str, int]
    idf: np.ndarray
    weights: np.ndarray  # clusters × vocabulary, float32
    biases: np.ndarray
    neutral: float

    def reader(self, text: str) -> Callable[[str], float]:
        """One paragraph's probability for a cluster (neutral for a cluster the probe was not
        fitted on); the paragraph is read once, on the first cluster asked for."""
        vector: list[tuple[np.ndarray, np.ndarray]] = []

        def probability(cluster: str) -> float:
            row = self._rows.get(cluster)
            if row is None:
                return self.neutral
            if not vector:
                vector.append(tfidf(text, self.vocabulary, self.idf))
            indices, values = vector[0]
            return float(1.0 / (1.0 + math.exp(-(self.weights[row, indices] @ values + self.biases[row]))))
        return probability

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.clusters)}

    def probabilities(self, text: str) -> dict[str, float]:
        indices, values = tfidf(text, self.vocabulary, self.idf)
        z = self.weights[:, indices] @ values + self.biases
        return {name: float(1.0 / (1.0 + math.exp(-v))) for name, v in zip(self.clusters, z, strict=True)}

    def value(self, probabilities: Mapping[str, float], cluster: str) -> float:
        return probabilities.get(cluster, self.neutral)

    def __repr__(self) -> str:  # what Linker.fingerprint reads: the probe's weights, not their print
        return f"TopicProbe({self.digest})"

    @property
    def digest(self) -> str:
        h = hashlib.sha256(repr((self.clusters, self.neutral)).encode())
        for array in (self.idf, self.weights, self.biases):
            h.update(np.ascontiguousarray(array).tobytes())
        return h.hexdigest()[:16]

    def save(self, path: Path) -> None:
        grams = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(path, clusters=np.array(self.clusters), grams=np.array(grams), idf=self.idf,
                            weights=self.weights, biases=self.biases,
                            neutral=np.array(self.neutral))

    @classmethod
    def load(cls, path: Path = BUNDLED_PROBE) -> TopicProbe:
        with np.load(path, allow_pickle=False) as data:
            grams = [str(g) for g in data["grams"]]
            probe = cls(tuple(str(c) for c in data["clusters"]), {g: i for i, g in enumerate(grams)},
                        data["idf"], data["weights"], data["biases"], float(data["neutral"]))
        if probe.weights.shape != (len(probe.clusters), len(grams)):
            raise ValueError(f"{path}: weights do not match its clusters and vocabulary")
        return probe


def fit_topic_probe(texts: Sequence[str], labels: Sequence[Iterable[str]], clusters: Sequence[str],
                    neutral: float = 0.5, regularisation: float = 10.0, min_positive: int = 3) -> TopicProbe:
    """One logistic regression per cluster with at least `min_positive` annotated paragraphs
    (scikit-learn's, installed with kb's dev extra; only bench/train_aboutness.py fits)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    vocabulary, idf = fit_vocabulary(texts)
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        indices, values = tfidf(text, vocabulary, idf)
        rows += [r] * len(indices)
        cols += indices.tolist()
        vals += values.tolist()
    x = csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocabulary)))
    given = [set(g) for g in labels]
    fitted, weights, biases = [], [], []
    for name in clusters:
        y = np.array([name in g for g in given])
        if y.sum() < min_positive or y.all():
            continue
        model = LogisticRegression(C=regularisation, max_iter=1000).fit(x, y)
        fitted.append(name)
        weights.append(model.coef_[0])
        biases.append(model.intercept_[0])
    return TopicProbe(tuple(fitted), vocabulary, idf,  # float32 weights: what is saved, half the size
                      np.array(weights, dtype=np.float32).reshape(len(fitted), len(vocabulary)), np.array(biases), neutral)
