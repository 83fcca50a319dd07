"""Ingest: run files through load -> segment -> tokenize -> link -> embed -> store.

All writes for one run happen in one SQLite transaction, and the FAISS and BM25
postings files of the new generation (the postings are rebuilt whole from the
transaction's FTS5 rows, ~1.5 s for the 110-document corpus) are on disk (fsynced)
before it commits: an interrupted ingest leaves the previous index as it was, and the
next run redoes the work. A lock file keeps a second
ingest from writing at the same time; readers are never blocked (SQLite WAL).
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import lexical, link, segment, store, targets, tokenize, vectors
from .embed import DEFAULT_MODEL, Embedder, canonical_name, load_embedder
from .load import Document, LoadError, find_files, load_document, read_bytes, read_catalog

LOCK_NAME = "ingest.lock"
# Fault injection for the crash tests: KB_TEST_KILL_AT=<point> makes the ingest SIGKILL
# itself there, KB_TEST_PAUSE_AT=<point> sleeps KB_TEST_PAUSE_SECONDS there.
CHECKPOINTS = ("loaded", "embedded", "rows_written", "vectors_written", "committed")


def _checkpoint(name: str) -> None:
    import os

    if os.environ.get("KB_TEST_PAUSE_AT") == name:
        time.sleep(float(os.environ.get("KB_TEST_PAUSE_SECONDS", "5")))
    if os.environ.get("KB_TEST_KILL_AT") == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


class IngestError(Exception):
    """The ingest cannot run at all; one line for the user."""


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    pruned: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    passages: int = 0
    sentences: int = 0
    characters: int = 0
    embedded: int = 0
    reused_vectors: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    model: str = ""
    decoded: list[tuple[str, str]] = field(default_factory=list)  # (path, encoding) when not plain UTF-8


@dataclass
class _Prepared:
    doc: Document
    source: str
    passages: list[segment.Passage]
    doc_links: link.DocumentLinks | None  # filled while the model embeds
    targets: list[targets.Target] = field(default_factory=list)


def _timer(stages: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    stages[name] = stages.get(name, 0.0) + now - since
    return now


def ingest(
    paths: list[Path],
    index_dir: Path,
    model: str | None = None,
    prune: bool = False,
    rebuild: bool = False,
    warn: Callable[[str], None] = lambda msg: print(msg, file=sys.stderr),
    progress: bool = False,
    embedder: Embedder | None = None,
    taxonomy_path: Path | None = None,
) -> IngestReport:
    from filelock import FileLock, Timeout

    started = time.perf_counter()
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise IngestError(
            f"another `kb ingest` is writing to {index_dir}; wait for it to finish (lock {index_dir / LOCK_NAME})"
        ) from None
    try:
        return _ingest_locked(paths, index_dir, model, prune, rebuild, warn, progress, embedder,
                              taxonomy_path, started)
    finally:
        lock.release()


def _ingest_locked(paths, index_dir, model, prune, rebuild, warn, progress, embedder, taxonomy_path, started):
    report = IngestReport()
    stages = report.stages
    conn = store.connect(index_dir, create=True)
    built_with = store.get_meta(conn, "model")
    has_docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
    wanted = canonical_name(model) if model else built_with or DEFAULT_MODEL
    if built_with and has_docs and wanted != built_with and not rebuild:
        raise IngestError(
            f"the index at {index_dir} was built with model {built_with!r}, not {wanted!r}: "
            f"add --rebuild to re-embed everything with {wanted!r}, or use another --index"
        )
    report.model = wanted
    linker = link.Linker.load(taxonomy_path, [p if p.is_dir() else p.parent for p in paths])
    tokenize.add_words(linker.vocabulary())

    existing = {row[0]: (row[1], row[2]) for row in conn.execute("SELECT path, id, sha256 FROM documents")}
    if rebuild:
        existing_for_skip: dict[str, tuple[int, str]] = {}
    else:
        existing_for_skip = existing

    t = time.perf_counter()
    files, problems = find_files(paths)
    for path, reason in problems:
        report.skipped.append((str(path), reason))
        warn(f"skipped {path}: {reason}")
    catalogs: dict[Path, dict] = {}
    prepared: list[_Prepared] = []
    seen_paths: set[str] = set()
    bar = _progress(len(files), "read", "file") if progress else None
    for root, file_path in files:
        if bar:
            bar.update(1)
        rel = file_path.relative_to(root).as_posix() if file_path != root else file_path.name
        if rel in seen_paths:
            continue
        seen_paths.add(rel)
        try:
            data = read_bytes(file_path)
            digest = hashlib.sha256(data).hexdigest()
            if rel in existing_for_skip and existing_for_skip[rel][1] == digest:
                report.unchanged += 1
                continue
            if root not in catalogs:
                catalogs[root] = read_catalog(root)
            doc = load_document(file_path, rel, catalogs[root], data=data)
            passages = segment.segment(doc.text, doc.is_markdown)
            if not passages:
                raise LoadError("no text to index (only headings or punctuation)")
        except LoadError as exc:
            report.skipped.append((rel, str(exc)))
            warn(f"skipped {file_path}: {exc}")
            continue
        prepared.append(_Prepared(doc, str(file_path.resolve()), passages, None))
        if doc.encoding != "utf-8":
            report.decoded.append((rel, doc.encoding))
        report.characters += len(doc.text)
    if bar:
        bar.close()
    t = _timer(stages, "load+segment", t)

    _checkpoint("loaded")
    # which documents leave the index
    replaced_ids = [existing[p.doc.path][0] for p in prepared if p.doc.path in existing]
    pruned_ids: list[int] = []
    if prune:
        for path, (doc_id, _) in existing.items():
            if path in seen_paths:
                continue
            source = conn.execute("SELECT source FROM documents WHERE id=?", (doc_id,)).fetchone()[0]
            if not Path(source).exists():
                pruned_ids.append(doc_id)
    if rebuild:
        replaced_ids = [doc_id for doc_id, _ in existing.values()]

    if not prepared and not replaced_ids and not pruned_ids and not (rebuild and existing):
        if not built_with:
            store.set_meta(conn, "model", wanted)
        # files of another generation are leftovers of an interrupted run
        vectors.clean_other_generations(index_dir, int(store.get_meta(conn, "generation") or 0))
        report.seconds = time.perf_counter() - started
        return report

    # embed: identical sentences once, and a sentence already in the index keeps its vector
    sentence_texts = [tokenize.fold(s.text) for p in prepared for ps in p.passages for s in ps.sentences]
    if embedder is None and sentence_texts:
        embedder = load_embedder(wanted)
    dim = embedder.dim if embedder else int(store.get_meta(conn, "dim") or 0)
    generation = int(store.get_meta(conn, "generation") or 0)
    try:
        sentence_index = vectors.read(index_dir, "sentences", generation, dim, writable=True) if dim else None
        passage_index = vectors.read(index_dir, "passages", generation, dim, writable=True) if dim else None
    except (FileNotFoundError, ValueError) as exc:
        if not rebuild:
            raise IngestError(f"vector files of the index are damaged ({exc}): run `kb ingest --rebuild`") from None
        sentence_index = vectors.new_index(dim)
        passage_index = vectors.new_index(dim)
    if rebuild and dim:
        sentence_index = vectors.new_index(dim)
        passage_index = vectors.new_index(dim)
    t = _timer(stages, "load+segment", t)
    unique = list(dict.fromkeys(sentence_texts))
    reuse = {} if rebuild else _reusable_vectors(conn, sentence_index, unique)
    to_embed = [s for s in unique if s not in reuse]
    t = _timer(stages, "store", t)
    # linking and jieba (pure Python, they hold the GIL) run while the model's BLAS threads
    # embed: they need only the segments, and the model is the slowest stage
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(_encode, embedder, to_embed, progress) if to_embed else None
        for item in prepared:
            item.doc_links = linker.link_document(item.doc, item.passages)
            item.targets = targets.extract_targets(item.doc, item.passages, item.doc_links)
        t = _timer(stages, "link (during embed)", t)
        cut = _cut_words(prepared)
        t = _timer(stages, "tokenize (during embed)", t)
        fresh = pending.result() if pending is not None else np.zeros((0, dim), dtype=np.float32)
    t = _timer(stages, "embed", t)
    report.embedded = len(to_embed)
    report.reused_vectors = len(unique) - len(to_embed)
    by_text = dict(zip(to_embed, fresh))
    by_text.update(reuse)
    _checkpoint("embedded")

    conn.execute("BEGIN IMMEDIATE")
    try:
        removed_passages: list[int] = []
        removed_sentences: list[int] = []
        for doc_id in set(replaced_ids) | set(pruned_ids):
            p_ids, s_ids = store.delete_document(conn, doc_id)
            removed_passages += p_ids
            removed_sentences += s_ids
        report.pruned = len(pruned_ids)
        new_p_ids: list[int] = []
        new_p_vecs: list[np.ndarray] = []
        new_s_ids: list[int] = []
        new_s_vecs: list[np.ndarray] = []
        for item in prepared:
            doc = item.doc
            if doc.path in existing and not rebuild:
                report.updated += 1
            else:
                report.added += 1
            cur = conn.execute(
                "INSERT INTO documents(path, title, year, doc_type, encoding, sha256, source, chars, lines)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (doc.path, doc.title, doc.year, doc.doc_type, doc.encoding, doc.sha256, item.source,
                 len(doc.text), doc.text.count("\n") + 1),
            )
            doc_id = cur.lastrowid
            lines = segment.LineIndex(doc.text)
            title_tokens, section_tokens, passage_words = cut[id(item)]
            passage_ids: dict[int, int] = {}
            for ordinal, passage in enumerate(item.passages):
                cur = conn.execute(
                    "INSERT INTO passages(doc_id, ord, paragraph, section, char_start, char_end, line_start,"
                    " line_end, text) VALUES (?,?,?,?,?,?,?,?,?)",
                    (doc_id, ordinal, passage.paragraph, passage.section, passage.char_start, passage.char_end,
                     passage.line_start, passage.line_end, passage.text),
                )
                passage_id = passage_ids[ordinal] = cur.lastrowid
                sentence_words = passage_words[ordinal]
                conn.execute(
                    "INSERT INTO passages_fts(rowid, title, section, body) VALUES (?,?,?,?)",
                    (passage_id, title_tokens, section_tokens[passage.section], " ".join(sentence_words)),
                )
                vecs = []
                for sentence, words in zip(passage.sentences, sentence_words):
                    key = tokenize.fold(sentence.text)
                    cur = conn.execute(
                        "INSERT INTO sentences(doc_id, passage_id, char_start, char_end, line_start, text, fold_key)"
                        " VALUES (?,?,?,?,?,?,?)",
                        (doc_id, passage_id, sentence.char_start, sentence.char_end,
                         lines.line_of(sentence.char_start), sentence.text, key),
                    )
                    conn.execute(
                        "INSERT INTO sentences_fts(rowid, body) VALUES (?,?)",
                        (cur.lastrowid, words),
                    )
                    vec = by_text[key]
                    new_s_ids.append(cur.lastrowid)
                    new_s_vecs.append(vec)
                    vecs.append(vec)
                mean = np.mean(vecs, axis=0)
                norm = float(np.linalg.norm(mean)) or 1.0
                new_p_ids.append(passage_id)
                new_p_vecs.append(mean / norm)
                report.passages += 1
                report.sentences += len(passage.sentences)
                store.insert_links(conn, doc_id, passage_id, item.doc_links.for_passage(passage))
            store.insert_targets(conn, doc_id, item.targets, item.passages, passage_ids)
        t = _timer(stages, "store", t)
        _checkpoint("rows_written")
        if dim:
            vectors.remove_ids(passage_index, removed_passages)
            vectors.remove_ids(sentence_index, removed_sentences)
            if new_p_ids:
                vectors.add(passage_index, new_p_ids, np.vstack(new_p_vecs))
                vectors.add(sentence_index, new_s_ids, np.vstack(new_s_vecs))
            passage_index = vectors.fit_to_size(passage_index)
            sentence_index = vectors.fit_to_size(sentence_index)
            t = _timer(stages, "store", t)
            for table in lexical.TABLES:
                lexical.write(lexical.build(conn, table), index_dir, table, generation + 1)
            t = _timer(stages, "bm25", t)
            vectors.write(passage_index, index_dir, "passages", generation + 1)
            vectors.write(sentence_index, index_dir, "sentences", generation + 1)
            store.record_files(conn, index_dir, generation + 1)
            store.set_meta(conn, "dim", str(dim))
            store.set_meta(conn, "generation", str(generation + 1))
        store.set_meta(conn, "model", wanted)
        _checkpoint("vectors_written")
        conn.execute("COMMIT")
        _checkpoint("committed")
    except BaseException:
        conn.execute("ROLLBACK")
        vectors.clean_other_generations(index_dir, generation)
        raise
    vectors.clean_other_generations(index_dir, generation + 1 if dim else generation)
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    t = _timer(stages, "store", t)
    report.seconds = time.perf_counter() - started
    return report


def _cut_words(prepared: list[_Prepared]) -> dict[int, tuple[str, dict[str, str], list[list[str]]]]:
    """BM25 words per document: title line, section paths, and each passage's sentences
    (a passage is its sentences: each is cut once and serves both indexes)."""
    out = {}
    for item in prepared:
        doc = item.doc
        title = " ".join(tokenize.tokens(f"{doc.title} {doc.year} {doc.doc_type}"))
        sections: dict[str, str] = {}
        passages = []
        for passage in item.passages:
            if passage.section not in sections:
                sections[passage.section] = " ".join(tokenize.tokens(passage.section))
            passages.append([" ".join(tokenize.tokens(s.text)) for s in passage.sentences])
        out[id(item)] = (title, sections, passages)
    return out


def _reusable_vectors(conn, sentence_index, texts: list[str]) -> dict[str, np.ndarray]:
    """Vectors of sentences already in the index, so re-ingesting a changed file is cheap."""
    if sentence_index is None or sentence_index.ntotal == 0 or not texts:
        return {}
    found: dict[str, np.ndarray] = {}
    for i in range(0, len(texts), 500):
        chunk = texts[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for key, sid in conn.execute(
            f"SELECT fold_key, min(id) FROM sentences WHERE fold_key IN ({marks}) GROUP BY fold_key", chunk
        ):
            try:
                found[key] = sentence_index.reconstruct(int(sid))
            except RuntimeError:
                continue
    return found


def _progress(total: int, desc: str, unit: str):
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, desc=desc, leave=False, file=sys.stderr)


def _encode(embedder: Embedder, texts: list[str], progress: bool) -> np.ndarray:
    """The model is most of an ingest (minutes with e5): on a terminal, embed in chunks
    under a bar counting sentences. Chunks follow text length, as the models batch."""
    bar = _progress(len(texts), "embed", "sentence") if progress else None
    if bar is None:
        return embedder.encode(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    step = 4 * getattr(embedder, "batch_size", 64)
    out = np.empty((len(texts), embedder.dim), dtype=np.float32)
    with bar:
        for i in range(0, len(order), step):
            chunk = order[i : i + step]
            out[chunk] = embedder.encode([texts[j] for j in chunk])
            bar.update(len(chunk))
    return out
