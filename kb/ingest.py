"""Ingest: run files through load -> segment -> link -> targets -> tokenize -> embed -> store.

The stages are plain functions over the files of one run; the IndexWriter (kb/writer.py)
owns the lock and the one transaction in which the run's rows and the files of a new
generation are committed, so an interrupted ingest leaves the previous index as it was
and the next run redoes the work.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from . import abbreviations, segment, targets
from .embed import Embedder, canonical_name, load_embedder
from .index import Index
from .link import Linker
from .load import Document, LoadError, find_files, load_document, read_bytes, read_catalog
from .parks import GENERIC_ZONES, canonical_parks
from .places import place_of_document
from .store import IndexUnavailable
from .tokenize import Tokenizer, fold
from .writer import DocumentRows, IndexWriter, WriterBusy, checkpoint


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
    started = time.perf_counter()
    index_dir.mkdir(parents=True, exist_ok=True)
    run = _Run(paths, rebuild, prune, warn, progress, IngestReport())
    try:
        with Index.create(index_dir, rebuild=rebuild) as index, index.writer(rebuild=rebuild) as writer:
            _ingest_locked(run, index, writer, model, embedder, taxonomy_path)
    except WriterBusy as exc:
        raise IngestError(str(exc)) from None
    except IndexUnavailable as exc:
        raise IngestError(str(exc)) from None
    run.report.seconds = time.perf_counter() - started
    return run.report


def _ingest_locked(run: _Run, index: Index, writer: IndexWriter, model: str | None, embedder: Embedder | None,
                   taxonomy_path: Path | None) -> None:
    report, store = run.report, index.store
    report.model = wanted = _model_to_use(index, model, run.rebuild)
    linker = Linker.load(taxonomy_path, [p if p.is_dir() else p.parent for p in run.paths])
    tokenizer = Tokenizer(linker.vocabulary())
    existing = store.document_hashes()
    # names the index was cut with changed (a new taxonomy): every document is re-cut
    # and re-linked; its sentences keep their vectors
    recut = bool(existing) and (store.meta("tokenizer") or "") != tokenizer.fingerprint
    t = time.perf_counter()
    _load_files(run, {} if run.rebuild or recut else existing)
    if recut:
        _load_indexed_sources(run, store.documents())
    t = _lap(report.stages, "load+segment", t)
    checkpoint("loaded")
    leaving = _documents_leaving(run, index, existing)
    if not run.loaded and not leaving:
        if not store.meta("model") or recut:
            writer.commit(wanted, index.dim, tokenizer)
        else:
            writer.abandon()  # files of another generation are leftovers of an interrupted run
        return
    if run.loaded and embedder is None:
        embedder = load_embedder(wanted)
    dim = embedder.dim if embedder is not None else index.dim
    rows, vector_of = _link_and_embed(run, writer, linker, tokenizer, embedder, dim, wanted)
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
    _lap(report.stages, "store", t)
    writer.commit(wanted, dim, tokenizer, aliases=park_aliases(store.names_by_document("park")),
                  stages=report.stages)


def park_aliases(names_by_doc: dict[str, list[str]]) -> dict[str, str]:
    """alias -> canonical name over the whole index (上海自贸试验区 -> 上海自由贸易试验区), so
    `--park` finds a park by any way it was written and `kb parks` lists it once."""
    specific = {doc: [n for n in names if n not in GENERIC_ZONES] for doc, names in names_by_doc.items()}
    return {alias: row.name for row in canonical_parks(specific).values() for alias in row.aliases}


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
            if root not in catalogs:
                catalogs[root] = read_catalog(root)
            row = catalogs[root].get(rel) or catalogs[root].get(file_path.name) or {}
            _add_loaded(run, load_document(file_path, rel, catalogs[root], data=data), file_path, row)
        except LoadError as exc:
            report.skipped.append((rel, str(exc)))
            run.warn(f"skipped {file_path}: {exc}")
    if bar:
        bar.close()


def _load_indexed_sources(run: _Run, documents: list[dict]) -> None:
    """The indexed documents this run was not given, read again from their sources."""
    for row in documents:
        source = Path(row["source"])
        if row["path"] in run.seen or not source.exists():
            continue
        run.seen.add(row["path"])
        catalog = read_catalog(source.parent)
        try:
            _add_loaded(run, load_document(source, row["path"], catalog), source, catalog.get(source.name, {}))
        except LoadError as exc:
            run.warn(f"kept {row['path']} as indexed: {exc}")


def _add_loaded(run: _Run, doc: Document, file_path: Path, catalog_row: dict[str, str]) -> None:
    passages = segment.segment(doc.text, doc.is_markdown)
    if not passages:
        raise LoadError("no text to index (only headings or punctuation)")
    run.loaded.append(_Loaded(doc, str(file_path.resolve()), passages, catalog_row))
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
                    embedder: Embedder | None, dim: int, model: str) -> tuple[list[DocumentRows], dict[str, np.ndarray]]:
    """Identical sentences are embedded once, and a sentence already in the index keeps
    its vector. Linking and jieba (pure Python, they hold the GIL) run while the model's
    BLAS threads embed: they need only the segments, and the model is the slowest stage."""
    report, stages = run.report, run.report.stages
    t = time.perf_counter()
    unique = list(dict.fromkeys(fold(s.text) for item in run.loaded for p in item.passages for s in p.sentences))
    reuse = writer.reusable_vectors(unique, model)
    to_embed = [s for s in unique if s not in reuse]
    t = _lap(stages, "store", t)
    rows: list[DocumentRows] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(_encode, embedder, to_embed, run.progress) if to_embed else None
        for item in run.loaded:
            rows.append(_document_rows(item, linker))
        t = _lap(stages, "link (during embed)", t)
        for row in rows:
            row.words = _words(row.doc, row.passages, tokenizer)
        t = _lap(stages, "tokenize (during embed)", t)
        fresh = pending.result() if pending is not None else np.zeros((0, dim), dtype=np.float32)
    _lap(stages, "embed", t)
    report.embedded = len(to_embed)
    report.reused_vectors = len(unique) - len(to_embed)
    vector_of = dict(zip(to_embed, fresh))
    vector_of.update(reuse)
    return rows, vector_of


def _document_rows(item: _Loaded, linker: Linker) -> DocumentRows:
    """Links, commitments, the issuing place and the abbreviations a document defines."""
    doc = item.doc
    doc_links = linker.link_document(doc, item.passages)
    found = targets.extract_targets(doc, item.passages, doc_links)
    place = place_of_document(doc.title, doc.text[:300], item.catalog_row)
    defined = [a for a in abbreviations.mine(doc.text) if a.kind in abbreviations.EXPANDING_KINDS]
    return DocumentRows(doc, item.source, item.passages, doc_links, found, ("", {}, []),
                        place=json.dumps(asdict(place), ensure_ascii=False) if place else "",
                        abbreviations=defined)


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
