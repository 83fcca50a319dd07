"""Topic probe: what readers would say a paragraph is about, read from its characters.

The aboutness model (kb/aboutness.py) weighs how a paragraph names a cluster: how often, where,
in a list or not. It cannot see what the rest of the paragraph talks about: a 储能电站 line of a
project list names 电站 (能源电力) and is about 新能源; a question from 陕西广播电视台 names 广播电视
and is about farming. The probe is one logistic regression per cluster over the paragraph's
character unigrams and bigrams (tf-idf, as a text classifier would have it), fitted on the readers'
annotations of the development sets (bench/train_aboutness.py), and its probability is one more
measure the aboutness model weighs. Measured on the development sets, each document predicted
by models fitted without it (bench/train_aboutness.py prints both): docs/quality.md, "Session 22".

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

from .tokenize import to_simplified

BUNDLED_PROBE = Path(__file__).parent / "data" / "topic_probe.npz"
READ_CHARS = 500  # a paragraph's topic is stated in its opening; long ones are read that far
MIN_DOCUMENT_FREQUENCY = 2  # an n-gram one paragraph holds says nothing about the others

_SPACES = re.compile(r"\s\s+")


def char_ngrams(text: str) -> Counter[str]:
    """The character unigrams and bigrams of a paragraph's opening, counted; traditional
    characters are read as simplified ones, as kb reads its keywords (發展 is 发展)."""
    text = _SPACES.sub(" ", to_simplified(text[:READ_CHARS]).lower())
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


def logistic(z: float) -> float:
    """The logistic function, without overflow either way."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    return math.exp(z) / (1.0 + math.exp(z))


class ProbeError(ValueError):
    """The probe file is missing or does not hold a probe; one line for the user."""


@dataclass(frozen=True, repr=False, eq=False)
class TopicProbe:
    """Per-cluster logistic weights over a paragraph's tf-idf vector. A cluster it was not fitted
    on (too few annotated paragraphs, or a user's own cluster) it does not know: the aboutness
    model weighs that cluster without it (kb/aboutness.py)."""

    clusters: tuple[str, ...]
    vocabulary: Mapping[str, int]
    idf: np.ndarray
    weights: np.ndarray  # clusters × vocabulary, float32
    biases: np.ndarray

    def knows(self, cluster: str) -> bool:
        return cluster in self._rows

    def reader(self, text: str) -> Callable[[str], float]:
        """One paragraph's probability for a cluster the probe knows; the paragraph is read
        once, on the first cluster asked for (most paragraphs name no cluster and are not read)."""
        vector: list[tuple[np.ndarray, np.ndarray]] = []

        def probability(cluster: str) -> float:
            if not vector:
                vector.append(tfidf(text, self.vocabulary, self.idf))
            indices, values = vector[0]
            row = self._rows[cluster]
            return logistic(float(self.weights[row, indices] @ values + self.biases[row]))
        return probability

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.clusters)}

    def probabilities(self, text: str) -> dict[str, float]:
        """Every known cluster's probability for one paragraph (what the fit's folds read)."""
        probability = self.reader(text)
        return {name: probability(name) for name in self.clusters}

    def __repr__(self) -> str:  # what Linker.fingerprint reads: the probe's weights, not their print
        return f"TopicProbe({self.digest})"

    @property
    def digest(self) -> str:
        """A short hash of everything the probe computes with; aboutness.json names it."""
        h = hashlib.sha256(repr(self.clusters).encode())
        h.update("\n".join(sorted(self.vocabulary, key=self.vocabulary.__getitem__)).encode())
        for array in (self.idf, self.weights, self.biases):
            h.update(np.ascontiguousarray(array).tobytes())
        return h.hexdigest()[:16]

    def save(self, path: Path) -> None:
        """numpy arrays only: the file is read without pickle."""
        grams = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(path, clusters=np.array(self.clusters), grams=np.array(grams), idf=self.idf,
                            weights=self.weights, biases=self.biases)

    @classmethod
    def load(cls, path: Path = BUNDLED_PROBE) -> TopicProbe:
        """The probe saved at `path`; ProbeError when the file is missing or not a probe."""
        try:
            with np.load(path, allow_pickle=False) as data:
                grams = [str(g) for g in data["grams"]]
                probe = cls(tuple(str(c) for c in data["clusters"]), {g: i for i, g in enumerate(grams)},
                            data["idf"], data["weights"], data["biases"])
        except (OSError, ValueError, KeyError) as e:
            raise ProbeError(f"{path}: no topic probe can be read there ({type(e).__name__}); reinstall kb, "
                             "or refit with python bench/train_aboutness.py") from None
        if probe.weights.shape != (len(probe.clusters), len(grams)) or len(probe.idf) != len(grams) \
                or len(probe.biases) != len(probe.clusters):
            raise ProbeError(f"{path}: its weights, biases and idf do not match its clusters and vocabulary")
        return probe


def fit_topic_probe(texts: Sequence[str], labels: Sequence[Iterable[str]], clusters: Sequence[str],
                    regularisation: float = 10.0, min_positive: int = 3) -> TopicProbe:
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
                      np.array(weights, dtype=np.float32).reshape(len(fitted), len(vocabulary)), np.array(biases))
