"""VectorCache: the sentence vectors an ingest has computed but not yet committed.

An ingest of a large library spends hours in the model; the index itself is committed
once, at the end (kb/writer.py), so without this cache a killed run loses every vector.
Each batch of embedded sentences is written here in one SQLite transaction as soon as
it is computed, keyed by the model and the SHA-256 of the folded sentence: a run killed
at any moment (SIGKILL, a reboot, Ctrl-C) keeps every batch that committed, and the next
run of the same command embeds only the rest.

Where: <index>/cache/vectors.sqlite, beside the index it feeds (same disk, removed with
the index folder). WAL with synchronous=NORMAL: a killed process loses nothing that
committed; a power cut may lose the last batches but never leaves a torn one.
Pruning: the file is deleted when the ingest's commit succeeds (its vectors are in the
index then, where `IndexWriter.reusable_vectors` finds them), so it never holds more
than one unfinished run's sentences.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np

CACHE_FOLDER = "cache"
CACHE_FILE = "vectors.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL,
    key BLOB NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, key)
) WITHOUT ROWID
"""
_LOOKUP_CHUNK = 500  # keys per SELECT, under SQLite's bound-parameter limit


def sentence_key(text: str) -> bytes:
    """The cache key of a folded sentence: its SHA-256 (fixed size, whatever the sentence's length)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def cache_path(index_dir: Path) -> Path:
    return index_dir / CACHE_FOLDER / CACHE_FILE


class VectorCache:
    """Vectors of one model, put in batches (one transaction each) and looked up by sentence."""

    def __init__(self, path: Path, model: str, dim: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.model = model
        self.dim = dim
        # the embedding thread writes while the main thread has finished with it
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute(_SCHEMA)

    @classmethod
    def for_index(cls, index_dir: Path, model: str, dim: int) -> VectorCache:
        return cls(cache_path(index_dir), model, dim)

    def __enter__(self) -> VectorCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def get_many(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """The cached vectors of these sentences (of this model and dimension)."""
        by_key = {sentence_key(t): t for t in texts}
        keys = list(by_key)
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = keys[start : start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",
                                      [self.model, *chunk])
            for key, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape[0] == self.dim:
                    found[by_key[key]] = vector
        return found

    def put_batch(self, texts: list[str], vectors: np.ndarray) -> None:
        """Keep one batch: all of it or, if the process dies meanwhile, none of it."""
        rows = [(self.model, sentence_key(t), np.ascontiguousarray(v, dtype=np.float32).tobytes())
                for t, v in zip(texts, vectors)]
        self._conn.execute("BEGIN")
        try:
            self._conn.executemany("INSERT OR REPLACE INTO vectors (model, key, vector) VALUES (?, ?, ?)", rows)
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM vectors WHERE model = ?", [self.model]).fetchone()[0])


def prune(index_dir: Path) -> None:
    """Delete the cache once the index holds its vectors (the ingest committed)."""
    path = cache_path(index_dir)
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass
    try:
        path.parent.rmdir()
    except OSError:
        pass  # not empty (someone's file) or already gone
