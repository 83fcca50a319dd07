"""Index: the one owner of an index folder.

An `Index` holds the store (SQLite: rows, manifest, every query), the FAISS vector files
and the BM25 postings (loaded lazily and size-checked against the manifest), the
embedder and the tokenizer the index was built with. Search, phrase and the auditors'
commands read its parts; only an `IndexWriter` (`index.writer()`, kb/writer.py) changes
them, under the ingest lock, in one transaction per run.

    with Index.open(Path("index")) as index:
        hits = search.ask(index, "园区电动车这块今年能做出多少产值")
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import numpy as np

from . import lexical, vectors
from .abbreviations import Abbreviation, expansions, policy_thesaurus
from .embed import Embedder, canonical_name, load_embedder
from .places import Place
from .store import SCHEMA_VERSION, IndexUnavailable, Store
from .tokenize import Tokenizer, fold, merge_tables
from .understand import DocMeta, mark_latest


class QueryCache:
    """Small per-index memo for what one query computes and the next may reuse (the
    query's vector, the ids a set of filters lets through, the last sentence search)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = self._items[key] = compute()
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        self._items.clear()


class Index:
    """An opened index folder: store, vectors, postings, embedder and tokenizer."""

    def __init__(self, index_dir: Path, store: Store, embedder: Embedder | None = None) -> None:
        self.dir = index_dir
        self.store = store
        self.model = store.meta("model") or canonical_name(None)
        self.dim = int(store.meta("dim") or 0)
        self.generation = int(store.meta("generation") or 0)
        self.cache = QueryCache()
        self._embedder = embedder
        self._vectors: dict[str, Any] = {}
        self._lexicons: dict[str, lexical.Lexicon] = {}
        self._tokenizer: Tokenizer | None = None
        self.needs_reset = False  # an older schema, rebuilt by the writer under its lock

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, index_dir: Path, model: str | None = None, embedder: Embedder | None = None) -> Index:
        """A committed index for reading; a one-line IndexUnavailable when there is none,
        or when it was built with another model, tokenizer or BM25 parameters."""
        index = cls(index_dir, Store.open(index_dir), embedder)
        if model and canonical_name(model) != index.model:
            index.close()
            raise IndexUnavailable(
                f"the index at {index_dir} was built with model {index.model!r}, not {model!r}: "
                f"query it without --model, or rebuild it with `kb ingest --rebuild --model {model}`")
        recorded = index.store.meta("bm25")
        if recorded and json.loads(recorded) != lexical.parameters():
            index.close()
            raise IndexUnavailable(f"the index's BM25 postings were scored with {recorded}, this kb uses "
                                   f"{json.dumps(lexical.parameters())}: rebuild with `kb ingest --rebuild`")
        return index

    @classmethod
    def create(cls, index_dir: Path, embedder: Embedder | None = None, rebuild: bool = False) -> Index:
        """The index at `index_dir`, made empty when there is none (what an ingest opens).
        An index of an older schema is refused, or rebuilt in place with `rebuild`."""
        store = Store.open(index_dir, create=True)
        version = store.meta("schema_version")
        if version != SCHEMA_VERSION and not rebuild:
            store.close()
            raise IndexUnavailable(f"index schema {version} differs from this kb's {SCHEMA_VERSION}: "
                                   "rebuild with `kb ingest --rebuild`")
        index = cls(index_dir, store, embedder)
        index.needs_reset = version != SCHEMA_VERSION
        return index

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def writer(self, **options):
        """An IndexWriter: the lock, one transaction, a new generation of files."""
        from .writer import IndexWriter

        return IndexWriter(self, **options)

    # ------------------------------------------------------------ parts

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.model)
        if self.dim and self._embedder.dim != self.dim:
            raise IndexUnavailable(
                f"model {self.model!r} gives {self._embedder.dim}-d vectors, the index holds {self.dim}-d: "
                "rebuild with `kb ingest --rebuild`")
        return self._embedder

    @property
    def has_embedder(self) -> bool:
        """Whether the model is loaded already (the first query of a process loads it)."""
        return self._embedder is not None

    @property
    def tokenizer(self) -> Tokenizer:
        """The tokenizer the index was built with: kb's dictionary plus the taxonomy names
        the ingest recorded. A different kb dictionary or jieba is a one-line error."""
        if self._tokenizer is None:
            words = json.loads(self.store.meta("vocabulary") or "[]")
            tokenizer = Tokenizer(words)
            recorded = self.store.meta("tokenizer")
            if recorded and recorded != tokenizer.fingerprint:
                raise IndexUnavailable(
                    "the index was cut into words with another dictionary (kb or jieba was upgraded): "
                    "rebuild it with `kb ingest --rebuild`")
            self._tokenizer = tokenizer
        return self._tokenizer

    def vectors(self, kind: str):
        if kind not in self._vectors:
            try:
                if self.generation:
                    self.store.check_file(self.dir / vectors.file_name(kind, self.generation))
                self._vectors[kind] = vectors.read(self.dir, kind, self.generation, self.dim or 1)
            except (FileNotFoundError, ValueError) as exc:
                raise IndexUnavailable(
                    f"the index's vector files are damaged ({exc}): run `kb ingest --rebuild`") from None
        return self._vectors[kind]

    def lexicon(self, table: str) -> lexical.Lexicon:
        if table not in self._lexicons:
            try:
                for path in lexical.paths(self.dir, table, self.generation):
                    self.store.check_file(path)
                self._lexicons[table] = lexical.read(self.dir, table, self.generation)
            except ValueError as exc:
                raise IndexUnavailable(
                    f"the index's lexical files are damaged ({exc}): run `kb ingest --rebuild`") from None
        return self._lexicons[table]

    def embed_query(self, query: str) -> np.ndarray:
        key = fold(query)
        return self.cache.get(("query vector", key), lambda: self.embedder.encode_query(key))

    def documents(self) -> dict[str, DocMeta]:
        """Indexed path -> what a question's place, time and type are matched with."""
        def compute() -> dict[str, DocMeta]:
            metas = [DocMeta(row["path"], row["title"], row["year"], row["doc_type"], _place(row["place"]))
                     for row in self.store.documents()]
            return {m.path: m for m in mark_latest(metas)}

        return self.cache.get(("documents",), compute)

    def expansions(self) -> dict[str, list[str]]:
        """Folded word -> its other names: the policy thesaurus and the abbreviations the
        indexed documents define (以下简称…), each kept once (kb's synonyms are in every query)."""
        def compute() -> dict[str, list[str]]:
            defined = [Abbreviation(fold(short), fold(full), 0, 0, "abbreviation")
                       for short, full in self.store.abbreviations()]
            return merge_tables(policy_thesaurus(), expansions(defined))

        return self.cache.get(("expansions",), compute)

    def size_on_disk(self) -> int:
        return sum(p.stat().st_size for p in self.dir.iterdir() if p.is_file())


def _place(stored: str) -> Place | None:
    """The issuing place an ingest recorded (a Place as JSON; '' when unknown)."""
    if not stored:
        return None
    try:
        return Place(**json.loads(stored))
    except (ValueError, TypeError):
        return None
