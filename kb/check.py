"""Check: what an index holds (`kb stats`) and whether it is whole (`kb check`).

A collaborator that only reads: counts in SQLite against the FAISS vectors and the BM25
postings, file sizes against the manifest, SQLite's own integrity check, every passage
against the text it was cut from, and every source file against its hash at ingest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .index import Index
from .store import IndexUnavailable


@dataclass
class CheckReport:
    counts: dict[str, int]
    schema: str
    problems: list[str] = field(default_factory=list)  # the index is damaged: rebuild
    changed: list[str] = field(default_factory=list)  # a source changed or went: re-ingest


def stats(index: Index) -> dict:
    data: dict = dict(index.store.counts())
    data.update({"model": index.model, "dim": index.dim, "index": str(index.dir), "bytes": index.size_on_disk()})
    return data


def check(index: Index) -> CheckReport:
    store = index.store
    report = CheckReport(store.counts(), store.meta("schema_version") or "")
    for table in ("passages", "sentences"):
        try:
            total = index.vectors(table).ntotal
            if total != report.counts[table]:
                report.problems.append(f"{table}: {report.counts[table]} rows in SQLite but {total} vectors in FAISS")
            rows = index.lexicon(table).size
            if rows != report.counts[table]:
                report.problems.append(f"{table}: {report.counts[table]} rows in SQLite but {rows} in the BM25 postings")
        except IndexUnavailable as exc:
            report.problems.append(f"{table}: {str(exc).split(': run')[0]}")
    integrity = store.integrity()
    if integrity != "ok":
        report.problems.append(f"SQLite integrity: {integrity}")
    for doc in store.documents():
        text = store.document_text(doc["id"])
        for start, end, passage in store.passage_spans(doc["id"]):
            if text[start:end] != passage:
                report.problems.append(f"{doc['path']}: passage at {start}-{end} does not match its text")
                break
        source = Path(doc["source"])
        try:
            digest = hashlib.sha256(source.read_bytes()).hexdigest()
        except OSError:
            report.changed.append(f"{doc['path']} (missing or unreadable)")
            continue
        if digest != doc["sha256"]:
            report.changed.append(f"{doc['path']} (changed since ingest)")
    return report
