"""IndexWriter: the only code that changes an index, one transaction per ingest.

It takes the ingest lock (a second writer gets a one-line error; readers are never
blocked, SQLite WAL), opens SQLite's write transaction, collects the rows and vectors of
the run, and on commit writes the FAISS and BM25 postings files of a new generation
(fsynced) before the transaction that names them commits. Anything that goes wrong
rolls the transaction back and removes the new generation's files, so readers keep
the previous complete index.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import numpy as np

from . import lexical, segment, vectors
from .index import Index
from .settings import settings
from .store import IndexUnavailable
from .tokenize import Tokenizer, fold

LOCK_NAME = "ingest.lock"
# Fault injection for the crash tests: KB_TEST_KILL_AT=<point> makes the ingest SIGKILL
# itself there (<point>:N at its N-th time, for "embedded_batch", reached once per batch
# of embedded sentences kept in the resume cache), KB_TEST_PAUSE_AT=<point> sleeps
# KB_TEST_PAUSE_SECONDS there.
CHECKPOINTS = ("loaded", "embedded_batch", "embedded", "rows_written", "vectors_written", "committed")
_reached: dict[str, int] = {}


def checkpoint(name: str) -> None:
    options = settings()
    _reached[name] = _reached.get(name, 0) + 1
    if options.test_pause_at == name:
        time.sleep(options.test_pause_seconds)
    if options.test_kill_at == name and _reached[name] >= options.test_kill_count:
        import os
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


class WriterBusy(Exception):
    """Another ingest holds the index; one line for the user."""


@dataclass
class DocumentRows:
    """What one document adds: its rows and, per sentence, the vector to store."""

    doc: object  # load.Document
    source: str
    passages: list[segment.Passage]
    links: object  # link.DocumentLinks
    targets: list
    words: tuple[str, dict[str, str], list[list[str]]]  # title, section -> words, per passage per sentence
    place: str = ""
    abbreviations: list = field(default_factory=list)
    park_candidates: list = field(default_factory=list)  # park_candidates.Candidate


class IndexWriter:
    """Lock, transaction, new generation: `with index.writer(model=…) as w: …; w.commit(…)`."""

    def __init__(self, index: Index, rebuild: bool = False) -> None:
        self.index = index
        self.store = index.store
        self.rebuild = rebuild
        self._lock = None
        self._passage_index = None
        self._sentence_index = None
        self._removed: tuple[list[int], list[int]] = ([], [])
        self._added_passages: tuple[list[int], list[np.ndarray]] = ([], [])
        self._added_sentences: tuple[list[int], list[np.ndarray]] = ([], [])
        self._in_transaction = False
        self.committed = False

    # ------------------------------------------------------------ lock

    def __enter__(self) -> IndexWriter:
        from filelock import FileLock, Timeout

        path = self.index.dir / LOCK_NAME
        self._lock = FileLock(str(path))
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise WriterBusy(f"another `kb ingest` is writing to {self.index.dir}; wait for it to finish "
                             f"(lock {path})") from None
        if self.index.needs_reset:
            self.store.reset()
            self.index.needs_reset = False
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if not self.committed:
                self.abandon()
        finally:
            self._lock.release()

    # ------------------------------------------------------------ reading what is there

    def vector_indexes(self, dim: int) -> tuple:
        """Writable copies of the committed passage and sentence vectors (empty on --rebuild)."""
        if self._passage_index is None:
            generation = self.index.generation
            if self.rebuild or not dim:
                self._passage_index, self._sentence_index = vectors.new_index(dim or 1), vectors.new_index(dim or 1)
            else:
                self._passage_index = vectors.read(self.index.dir, "passages", generation, dim, writable=True)
                self._sentence_index = vectors.read(self.index.dir, "sentences", generation, dim, writable=True)
        return self._passage_index, self._sentence_index

    def reusable_vectors(self, texts: list[str], model: str) -> dict[str, np.ndarray]:
        """Vectors of sentences already in the index, so re-ingesting a changed file (or
        rebuilding with the same model, to re-link and re-extract) is cheap."""
        if model != self.index.model or not self.index.dim or not texts:
            return {}
        try:
            sentence_index = self.index.vectors("sentences")  # the committed generation
        except IndexUnavailable:
            return {}  # damaged files: everything is embedded afresh
        if sentence_index.ntotal == 0:
            return {}
        found: dict[str, np.ndarray] = {}
        for key, sid in self.store.first_sentence_with_key(texts).items():
            try:
                found[key] = sentence_index.reconstruct(int(sid))
            except RuntimeError:
                continue
        return found

    # ------------------------------------------------------------ changing rows

    def begin(self) -> None:
        self.store.begin()
        self._in_transaction = True

    def remove_document(self, doc_id: int) -> None:
        passages, sentences = self.store.delete_document(doc_id)
        self._removed[0].extend(passages)
        self._removed[1].extend(sentences)

    def add_document(self, rows: DocumentRows, vector_of: dict[str, np.ndarray]) -> tuple[int, int]:
        """Insert a document's rows; returns (passages, sentences) added."""
        store = self.store
        doc = rows.doc
        doc_id = store.insert_document(doc, rows.source, rows.place)
        lines = segment.LineIndex(doc.text)
        title_words, section_words, passage_words = rows.words
        passage_ids: dict[int, int] = {}
        sentences = 0
        for ordinal, passage in enumerate(rows.passages):
            words = passage_words[ordinal]
            page = doc.page_at(passage.char_start) if hasattr(doc, "page_at") else None
            passage_id = passage_ids[ordinal] = store.insert_passage(
                doc_id, ordinal, passage, page, title_words, section_words[passage.section], " ".join(words))
            vecs = []
            for sentence, sentence_words in zip(passage.sentences, words):
                key = fold(sentence.text)
                sid = store.insert_sentence(doc_id, passage_id, sentence, lines.line_of(sentence.char_start), key,
                                            sentence_words)
                self._added_sentences[0].append(sid)
                self._added_sentences[1].append(vector_of[key])
                vecs.append(vector_of[key])
            mean = np.mean(vecs, axis=0)
            self._added_passages[0].append(passage_id)
            self._added_passages[1].append(mean / (float(np.linalg.norm(mean)) or 1.0))
            sentences += len(passage.sentences)
            store.insert_links(doc_id, passage_id, rows.links.for_passage(passage))
        store.insert_targets(doc_id, rows.targets, rows.passages, passage_ids)
        store.insert_abbreviations(doc_id, rows.abbreviations)
        store.insert_park_candidates(doc_id, rows.park_candidates)
        store.insert_park_forms(doc_id, rows.links.abbreviations, rows.links.within)
        return len(rows.passages), sentences

    # ------------------------------------------------------------ commit

    def commit(self, model: str, dim: int, tokenizer: Tokenizer, linker_fingerprint: str = "",
               aliases: dict[str, str] | None = None, stages: dict[str, float] | None = None,
               parents: dict[str, str] | None = None) -> None:
        """Write the new generation's files, then commit the transaction that names them."""
        stages = stages if stages is not None else {}
        store, index_dir = self.store, self.index.dir
        generation = self.index.generation
        if not self._in_transaction:
            self.begin()
        checkpoint("rows_written")
        t = time.perf_counter()
        if dim:
            passage_index, sentence_index = self.vector_indexes(dim)
            for vector_index, removed, (ids, vecs) in ((passage_index, self._removed[0], self._added_passages),
                                                       (sentence_index, self._removed[1], self._added_sentences)):
                vectors.remove_ids(vector_index, removed)
                if ids:
                    vectors.add(vector_index, ids, np.vstack(vecs))
            t = _lap(stages, "store", t)
            for table in lexical.TABLES:
                lexical.write(lexical.build(store.lexical_rows(table), table), index_dir, table, generation + 1)
            t = _lap(stages, "bm25", t)
            vectors.write(vectors.fit_to_size(passage_index), index_dir, "passages", generation + 1)
            vectors.write(vectors.fit_to_size(sentence_index), index_dir, "sentences", generation + 1)
            store.record_files(index_dir, generation + 1)
            store.set_meta("dim", str(dim))
            store.set_meta("generation", str(generation + 1))
        store.set_meta("model", model)
        store.set_meta("vocabulary", json.dumps(list(tokenizer.words), ensure_ascii=False))
        store.set_meta("tokenizer", tokenizer.fingerprint)
        store.set_meta("linker", linker_fingerprint)
        store.set_meta("park_candidates", linker_fingerprint)  # every document's, found under these links
        store.set_meta("bm25", json.dumps(lexical.parameters()))
        if aliases is not None:
            store.set_aliases("park", aliases)
        if parents is not None:
            store.set_park_parents(parents)
        checkpoint("vectors_written")
        store.commit()
        self._in_transaction = False
        self.committed = True
        checkpoint("committed")
        vectors.clean_other_generations(index_dir, generation + 1 if dim else generation)
        store.checkpoint()
        _lap(stages, "store", t)

    def abandon(self) -> None:
        """Roll back and remove files of a generation that never committed."""
        if self._in_transaction:
            self.store.rollback()
            self._in_transaction = False
        vectors.clean_other_generations(self.index.dir, self.index.generation)


def _lap(stages: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    stages[name] = stages.get(name, 0.0) + now - since
    return now
