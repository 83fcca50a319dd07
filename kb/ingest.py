"""Ingest: run files through load -> segment -> link -> targets -> tokenize -> embed -> store.

The stages are plain functions over the files of one run; the IndexWriter (kb/writer.py)
owns the lock and the one transaction in which the run's rows and the files of a new
generation are committed, so an interrupted ingest leaves the previous index as it was
and the next run redoes the work, except the embedding: each batch of vectors is kept in
the resume cache as it is computed (kb/vector_cache.py), so the next run embeds only the
rest. The batches are embedded in this process or on a Ray cluster (kb/embedding_pool.py).
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from . import abbreviations, segment, targets
from .commitments import park_rows
from .embed import Embedder, canonical_name
from .embedding_pool import EmbeddingPool, RayUnavailable, open_pool, preflight
from .index import Index
from .link import Linker
from .load import (
    Document,
    LoadError,
    catalog_folder,
    catalog_row,
    find_files,
    load_document,
    read_bytes,
    read_catalog,
)
from .park_candidates import document_candidates
from .places import place_of_document
from .settings import settings
from .store import IndexUnavailable, Store, vector_cache
from .tokenize import Tokenizer, fold
from .writer import DocumentRows, IndexWriter, WriterBusy, checkpoint


class IngestError(Exception):
    """The ingest cannot run at all; one line for the user."""


class IngestInterrupted(Exception):
    """Ctrl-C: the index is as it was; `kept` of the `total` sentences to embed are in
    the resume cache (total is None when the run stopped before counting them)."""

    def __init__(self, kept: int, total: int | None) -> None:
        super().__init__(f"{kept} of {total} sentences embedded are kept")
        self.kept = kept
        self.total = total


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
    embedded: int = 0  # sentences the model embedded in this run
    reused_vectors: int = 0  # sentences whose vector the committed index already held
    resumed: int = 0  # sentences whose vector an interrupted run had kept in the resume cache
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    model: str = ""
    decoded: list[tuple[str, str]] = field(default_factory=list)  # (path, encoding) when not plain UTF-8


@dataclass
class _Loaded:
    doc: Document
    source: str
    passages: list[segment.Passage]
    catalog_row: dict[str, str] = field(default_factory=dict)  # its SOURCES.tsv row


@dataclass
class _Run:
    """What one ingest is asked to do, and what it has found so far."""

    paths: list[Path]
    rebuild: bool
    prune: bool
    warn: Callable[[str], None]
    progress: bool
    report: IngestReport
    loaded: list[_Loaded] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    ray: str | None = None  # embed on Ray: "" for RAY_ADDRESS or a local Ray, else the cluster's address
    actors: int | None = None
    to_embed: int | None = None  # sentences not in the index, once counted
    kept: int = 0  # of those, how many have their vector in the resume cache


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
    ray: str | None = None,
    actors: int | None = None,
) -> IngestReport:
    """`ray`: embed on a Ray cluster at this address ("" for RAY_ADDRESS or a new local
    Ray), with `actors` actors (default: the cluster's CPUs). Ctrl-C raises IngestInterrupted."""
    started = time.perf_counter()
    index_dir.mkdir(parents=True, exist_ok=True)
    run = _Run(paths, rebuild, prune, warn, progress, IngestReport(), ray=ray, actors=actors)
    try:
        if ray is not None:
            preflight(ray)
        with Index.create(index_dir, rebuild=rebuild) as index, index.writer(rebuild=rebuild) as writer:
            _ingest_locked(run, index, writer, model, embedder, taxonomy_path)
    except (WriterBusy, IndexUnavailable, RayUnavailable) as exc:
        raise IngestError(str(exc)) from None
    except KeyboardInterrupt:
        raise IngestInterrupted(run.kept, run.to_embed) from None
    run.report.seconds = time.perf_counter() - started
    return run.report


def _ingest_locked(run: _Run, index: Index, writer: IndexWriter, model: str | None, embedder: Embedder | None,
                   taxonomy_path: Path | None) -> None:
    report, store = run.report, index.store
    report.model = wanted = _model_to_use(index, model, run.rebuild)
    linker = Linker.load(taxonomy_path, [p if p.is_dir() else p.parent for p in run.paths])
    tokenizer = Tokenizer(linker.vocabulary())
    linked_under = linker.fingerprint  # hashes kb's code and the taxonomy: once a run
    existing = store.document_hashes()
    # names the index was cut with, or what its links rest on (taxonomy keywords, kb's
    # rules, the aboutness model), changed: every document is re-cut and re-linked; its
    # sentences keep their vectors
    recut = bool(existing) and ((store.meta("tokenizer") or "") != tokenizer.fingerprint
                                or (store.meta("linker") or "") != linked_under)
    t = time.perf_counter()
    _load_files(run, {} if run.rebuild or recut else existing)
    if recut:
        _load_indexed_sources(run, store.documents())
    t = _lap(report.stages, "load+segment", t)
    _stage_line(run, f"read {len(run.loaded):,} new or changed files ({report.unchanged:,} unchanged) "
                     f"in {report.stages['load+segment']:.1f} s")
    checkpoint("loaded")
    leaving = _documents_leaving(run, index, existing)
    if not run.loaded and not leaving:
        if not store.meta("model") or recut:
            writer.begin()
            _find_kept_candidates(writer, linked_under, set())
            writer.commit(wanted, index.dim, tokenizer, linked_under)
        else:
            writer.abandon()  # files of another generation are leftovers of an interrupted run
        return
    pool = open_pool(wanted, embedder, run.ray, run.actors) if run.loaded else None
    try:
        dim = pool.dim if pool is not None else index.dim
        rows, vector_of = _link_and_embed(run, writer, linker, tokenizer, pool, dim, wanted)
    finally:
        if pool is not None:
            pool.close()
    checkpoint("embedded")
    t = time.perf_counter()
    writer.begin()
    for doc_id in leaving:
        writer.remove_document(doc_id)
    for item in rows:
        added_passages, added_sentences = writer.add_document(item, vector_of)
        report.passages += added_passages
        report.sentences += added_sentences
        if item.doc.path in existing and not run.rebuild:
            report.updated += 1
        else:
            report.added += 1
    _find_kept_candidates(writer, linked_under, {item.doc.path for item in rows})
    _lap(report.stages, "store", t)
    aliases, parents = park_aliases_and_parents(store)
    writer.commit(wanted, dim, tokenizer, linked_under, aliases=aliases, stages=report.stages, parents=parents)
    vector_cache.prune(index.dir)  # the index holds this run's vectors now
    _stage_line(run, f"stored {report.passages:,} passages and {report.sentences:,} sentences "
                     f"in {report.stages.get('store', 0.0) + report.stages.get('bm25', 0.0):.1f} s")


def _find_kept_candidates(writer: IndexWriter, linked_under: str, linked_now: set[str]) -> None:
    """Where an earlier kb wrote the index, the documents this run keeps without linking them
    again (their source gone) have no possible parks stored, or stale ones: they are found from
    the stored text, so that every document's are current when the commit says so."""
    store = writer.store
    if store.meta("park_candidates") == linked_under:
        return
    names = store.names_by_document("park")
    for document in store.documents():
        if document["path"] not in linked_now:
            found = document_candidates(store.document_text(document["id"]), names.get(document["path"], ()))
            store.replace_park_candidates(document["id"], found)


def park_aliases_and_parents(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    """alias -> canonical name over the whole index (上海自贸试验区 -> 上海自由贸易试验区), so
    `--park` finds a park by any way it was written and `kb parks` lists it once; and canonical
    name -> the park it lies within, for `kb parks` to show without folding the index again."""
    rows = park_rows(store).values()
    return {alias: row.name for row in rows for alias in row.aliases}, {row.name: row.within for row in rows if row.within}


def _model_to_use(index: Index, model: str | None, rebuild: bool) -> str:
    built_with = index.store.meta("model")
    wanted = canonical_name(model) if model else built_with or canonical_name(None)
    if built_with and index.store.has_documents() and wanted != built_with and not rebuild:
        raise IngestError(
            f"the index at {index.dir} was built with model {built_with!r}, not {wanted!r}: "
            f"add --rebuild to re-embed everything with {wanted!r}, or use another --index")
    return wanted


def _load_files(run: _Run, skip_unchanged: dict[str, tuple[int, str]]) -> None:
    """Read, decode and segment the run's files; unchanged ones (same SHA-256) are counted."""
    report = run.report
    files, problems = find_files(run.paths)
    for path, reason in problems:
        report.skipped.append((str(path), reason))
        run.warn(f"skipped {path}: {reason}")
    catalogs: dict[Path, dict] = {}
    bar = _progress(len(files), "read", "file") if run.progress else None
    for root, file_path in files:
        if bar:
            bar.update(1)
        rel = file_path.relative_to(root).as_posix() if file_path != root else file_path.name
        if rel in run.seen:
            continue
        run.seen.add(rel)
        try:
            data = read_bytes(file_path)
            if rel in skip_unchanged and skip_unchanged[rel][1] == hashlib.sha256(data).hexdigest():
                report.unchanged += 1
                continue
            catalog = _catalog_of(catalogs, file_path, rel)
            _add_loaded(run, load_document(file_path, rel, catalog, data=data), file_path, catalog_row(catalog, rel))
        except LoadError as exc:
            report.skipped.append((rel, str(exc)))
            run.warn(f"skipped {file_path}: {exc}")
    if bar:
        bar.close()


def _load_indexed_sources(run: _Run, documents: list[dict]) -> None:
    """The indexed documents this run was not given, read again from their sources."""
    catalogs: dict[Path, dict] = {}
    for row in documents:
        source, rel = Path(row["source"]), row["path"]
        if rel in run.seen or not source.exists():
            continue
        run.seen.add(rel)
        catalog = _catalog_of(catalogs, source, rel)
        try:
            _add_loaded(run, load_document(source, rel, catalog), source, catalog_row(catalog, rel))
        except LoadError as exc:
            run.warn(f"kept {row['path']} as indexed: {exc}")


def _catalog_of(catalogs: dict[Path, dict], source: Path, rel: str) -> dict[str, dict[str, str]]:
    """The SOURCES.tsv rows describing a document (load.catalog_folder's), read once per folder."""
    folder = catalog_folder(source, rel)
    if folder not in catalogs:
        catalogs[folder] = read_catalog(folder)
    return catalogs[folder]


def _add_loaded(run: _Run, doc: Document, file_path: Path, row: dict[str, str]) -> None:
    passages = segment.segment(doc.text, doc.is_markdown)
    if not passages:
        raise LoadError("no text to index (only headings or punctuation)")
    run.loaded.append(_Loaded(doc, str(file_path.resolve()), passages, row))
    if doc.encoding != "utf-8":
        run.report.decoded.append((doc.path, doc.encoding))
    run.report.characters += len(doc.text)


def _documents_leaving(run: _Run, index: Index, existing: dict[str, tuple[int, str]]) -> list[int]:
    """Ids of the documents the run replaces, and of those pruned because their file is gone."""
    if run.rebuild:
        return [doc_id for doc_id, _ in existing.values()]
    leaving = [existing[item.doc.path][0] for item in run.loaded if item.doc.path in existing]
    if run.prune:
        pruned = [doc_id for path, (doc_id, _) in existing.items()
                  if path not in run.seen and not Path(index.store.document_source(doc_id)).exists()]
        run.report.pruned = len(pruned)
        leaving += pruned
    return leaving


def _link_and_embed(run: _Run, writer: IndexWriter, linker: Linker, tokenizer: Tokenizer,
                    pool: EmbeddingPool | None, dim: int, model: str) -> tuple[list[DocumentRows], dict[str, np.ndarray]]:
    """Identical sentences are embedded once; a sentence already in the index keeps its
    vector, and one an interrupted run embedded comes from the resume cache. Linking and
    jieba (pure Python, they hold the GIL) run while the model's threads (or the Ray
    actors) embed: they need only the segments, and the model is the slowest stage."""
    report, stages = run.report, run.report.stages
    t = time.perf_counter()
    unique = list(dict.fromkeys(fold(s.text) for item in run.loaded for p in item.passages for s in p.sentences))
    reuse = writer.reusable_vectors(unique, model)
    missing = [s for s in unique if s not in reuse]
    cache = vector_cache.VectorCache.for_index(writer.index.dir, model, dim) if missing else None
    vector_of = cache.get_many(missing) if cache is not None else {}
    to_embed = [s for s in missing if s not in vector_of]
    run.to_embed, run.kept = len(missing), len(vector_of)
    report.reused_vectors, report.resumed, report.embedded = len(reuse), len(vector_of), len(to_embed)
    t = _lap(stages, "store", t)
    stop = threading.Event()
    embed_started = t
    embedding = _Background(_encode, pool, to_embed, cache, run, stop) if to_embed else None
    try:
        rows = [_document_rows(item, linker) for item in run.loaded]
        t = _lap(stages, "link (during embed)", t)
        for row in rows:
            row.words = _words(row.doc, row.passages, tokenizer)
        t = _lap(stages, "tokenize (during embed)", t)
        _stage_line(run, f"linked and cut {len(rows):,} documents in "
                         f"{stages['link (during embed)'] + stages['tokenize (during embed)']:.1f} s")
        if embedding is not None:
            vector_of.update(embedding.result())
    except KeyboardInterrupt:
        stop.set()  # the batch being embedded is dropped; every kept one stays in the cache
        raise
    finally:
        if cache is not None:
            cache.close()
    _lap(stages, "embed", t)
    _stage_line(run, f"embedded {len(to_embed):,} sentences in {time.perf_counter() - embed_started:.1f} s "
                     f"({len(reuse):,} reused from the index, {report.resumed:,} resumed from the cache)")
    vector_of.update(reuse)
    return rows, vector_of


class _Background:
    """A function on a daemon thread: Ctrl-C in the main thread need not wait for the
    model to finish its batch (a daemon thread dies with the process)."""

    def __init__(self, function: Callable, *args) -> None:
        self._result = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(function, *args), daemon=True)
        self._thread.start()

    def _run(self, function: Callable, *args) -> None:
        try:
            self._result = function(*args)
        except BaseException as exc:  # handed to the main thread by result()
            self._error = exc

    def result(self):
        while self._thread.is_alive():
            self._thread.join(0.5)  # a timed join lets Ctrl-C through
        if self._error is not None:
            raise self._error
        return self._result


def _document_rows(item: _Loaded, linker: Linker) -> DocumentRows:
    """Links, commitments, the issuing place, the abbreviations a document defines and the
    possible parks kb did not name (stored, so `kb parks --candidates` need not search again)."""
    doc = item.doc
    doc_links = linker.link_document(doc, item.passages)
    found = targets.extract_targets(doc, item.passages, doc_links)
    place = place_of_document(doc.title, doc.text[:300], item.catalog_row)
    defined = [a for a in abbreviations.mine(doc.text) if a.kind in abbreviations.EXPANDING_KINDS]
    return DocumentRows(doc, item.source, item.passages, doc_links, found, ("", {}, []),
                        place=json.dumps(asdict(place), ensure_ascii=False) if place else "",
                        abbreviations=defined,
                        park_candidates=document_candidates(doc.text, doc_links.park_names(), doc_links.abbreviations))


def _words(doc: Document, passages: list[segment.Passage],
           tokenizer: Tokenizer) -> tuple[str, dict[str, str], list[list[str]]]:
    """BM25 words of a document: title line, section paths, and each passage's sentences
    (a passage is its sentences: each is cut once and serves both indexes)."""
    title = " ".join(tokenizer.tokens(f"{doc.title} {doc.year} {doc.doc_type}"))
    sections: dict[str, str] = {}
    per_passage = []
    for passage in passages:
        if passage.section not in sections:
            sections[passage.section] = " ".join(tokenizer.tokens(passage.section))
        per_passage.append([" ".join(tokenizer.tokens(s.text)) for s in passage.sentences])
    return title, sections, per_passage


def _lap(stages: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    stages[name] = stages.get(name, 0.0) + now - since
    return now


def _progress(total: int, desc: str, unit: str, initial: int = 0):
    """A bar with rate and ETA on a terminal; None elsewhere (a log gets _stage_line)."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit=unit, desc=desc, leave=False, file=sys.stderr,
                smoothing=0.1)


def _stage_line(run: _Run, text: str) -> None:
    """One line per stage when stderr is a log, not a terminal (unless -q)."""
    if run.progress and not sys.stderr.isatty():
        print(f"kb: {text}", file=sys.stderr, flush=True)


def _batches(texts: list[str], size: int) -> Iterator[list[str]]:
    """Batches of similar length (the models pad a batch to its longest sentence)."""
    ordered = sorted(texts, key=len)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def _encode(pool: EmbeddingPool, texts: list[str], cache: vector_cache.VectorCache, run: _Run,
            stop: threading.Event) -> dict[str, np.ndarray]:
    """Embed in batches (KB_EMBED_BATCH sentences), each kept in the resume cache as
    soon as it is done; on a terminal, a bar counts sentences with an ETA."""
    bar = _progress(run.to_embed or len(texts), "embed", "sentence", initial=run.kept) if run.progress else None
    fresh: dict[str, np.ndarray] = {}
    try:
        for batch, vectors in pool.map(_batches(texts, settings().embed_batch), stop):
            vectors = np.asarray(vectors, dtype=np.float32)
            cache.put_batch(batch, vectors)
            fresh.update(zip(batch, vectors))
            run.kept += len(batch)
            if bar is not None:
                bar.update(len(batch))
            checkpoint("embedded_batch")
    finally:
        if bar is not None:
            bar.close()
    return fresh
