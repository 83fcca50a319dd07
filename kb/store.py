"""Store: one SQLite file for documents, passages, sentences, links and the BM25 index.

SQLite's FTS5 gives BM25 ranking, incremental updates and transactions in one
well-kept engine; jieba tokens are stored space-joined so FTS5 only splits on spaces.
The `meta` table is the index manifest: schema version, model, dimension and the
generation number naming the FAISS files that belong to the committed data. It is
updated in the same transaction as the rows, so a crash leaves the previous state.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

SCHEMA_VERSION = "2"  # 2: BM25 postings files beside the FAISS files
DB_NAME = "kb.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    year TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    encoding TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    chars INTEGER NOT NULL,
    lines INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    section TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id);
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL,
    passage_id INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    line_start INTEGER NOT NULL,
    text TEXT NOT NULL,
    fold_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sentences_doc ON sentences(doc_id);
CREATE INDEX IF NOT EXISTS sentences_passage ON sentences(passage_id);
CREATE INDEX IF NOT EXISTS sentences_key ON sentences(fold_key);
CREATE TABLE IF NOT EXISTS links (
    passage_id INTEGER NOT NULL,
    doc_id INTEGER NOT NULL,
    kind TEXT NOT NULL,          -- park | cluster
    name TEXT NOT NULL,
    resolution TEXT NOT NULL,    -- explicit | point | paragraph | section | zone
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS links_passage ON links(passage_id);
CREATE INDEX IF NOT EXISTS links_name ON links(kind, name);
CREATE INDEX IF NOT EXISTS links_doc ON links(doc_id);
CREATE TABLE IF NOT EXISTS targets (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL,
    passage_id INTEGER NOT NULL,
    kind TEXT NOT NULL,          -- target | achievement
    year TEXT NOT NULL,
    strength TEXT NOT NULL,
    metric TEXT NOT NULL,
    value TEXT NOT NULL,
    value_normalised REAL,
    unit TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    cluster TEXT NOT NULL,
    park TEXT NOT NULL,
    resolution TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    line INTEGER NOT NULL,
    quote TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS targets_doc ON targets(doc_id);
CREATE INDEX IF NOT EXISTS targets_passage ON targets(passage_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(title, section, body, tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(body, tokenize='unicode61 remove_diacritics 0');
"""


class IndexUnavailable(Exception):
    """The index is missing, unreadable or built differently; one line for the user."""


def connect(index_dir: Path, create: bool = False) -> sqlite3.Connection:
    path = index_dir / DB_NAME
    if not path.exists():
        if not create:
            raise IndexUnavailable(f"no index at {index_dir}: run `kb ingest` first")
        index_dir.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=OFF")
        if create:
            conn.executescript(_SCHEMA)
            if get_meta(conn, "schema_version") is None:
                set_meta(conn, "schema_version", SCHEMA_VERSION)
        else:
            version = get_meta(conn, "schema_version")
            if version is None:
                raise IndexUnavailable(f"{path} is not a kb index (no schema): rebuild it with `kb ingest --rebuild`")
            if version != SCHEMA_VERSION:
                raise IndexUnavailable(
                    f"index schema {version} differs from this kb's {SCHEMA_VERSION}: rebuild with `kb ingest --rebuild`"
                )
    except sqlite3.DatabaseError as exc:
        raise IndexUnavailable(f"index database {path} is unreadable ({exc}): rebuild with `kb ingest --rebuild`") from None
    return conn


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def record_files(conn: sqlite3.Connection, index_dir: Path, generation: int) -> None:
    """Put the byte size of each file of a generation in the manifest: the vector files
    are memory-mapped, and mapping a truncated file would crash the reader instead of
    failing, so a reader compares sizes first (check_file)."""
    sizes = {p.name: p.stat().st_size for p in sorted(index_dir.iterdir())
             if p.name.split(".")[1:2] == [str(generation)] and not p.name.endswith(".tmp")}
    set_meta(conn, "files", json.dumps(sizes, sort_keys=True))


def check_file(conn: sqlite3.Connection, path: Path) -> None:
    """Raise ValueError when `path` is missing or not the size the manifest recorded."""
    sizes = json.loads(get_meta(conn, "files") or "{}")
    if not path.exists():
        raise ValueError(f"{path.name} is missing")
    expected = sizes.get(path.name)
    if expected is not None and path.stat().st_size != expected:
        raise ValueError(f"{path.name} is {path.stat().st_size} bytes, the index recorded {expected}")


def delete_document(conn: sqlite3.Connection, doc_id: int) -> tuple[list[int], list[int]]:
    """Remove a document's rows; return the passage and sentence ids whose vectors go too."""
    passage_ids = [r[0] for r in conn.execute("SELECT id FROM passages WHERE doc_id=?", (doc_id,))]
    sentence_ids = [r[0] for r in conn.execute("SELECT id FROM sentences WHERE doc_id=?", (doc_id,))]
    conn.execute("DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE doc_id=?)", (doc_id,))
    conn.execute("DELETE FROM sentences_fts WHERE rowid IN (SELECT id FROM sentences WHERE doc_id=?)", (doc_id,))
    for table in ("passages", "sentences", "links", "targets"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc_id,))
    conn.execute("DELETE FROM documents WHERE id=?", (doc_id,))
    return passage_ids, sentence_ids


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    out = {}
    for table in ("documents", "passages", "sentences", "targets"):
        out[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return out


def insert_links(conn: sqlite3.Connection, doc_id: int, passage_id: int, links) -> None:
    conn.executemany(
        "INSERT INTO links(passage_id, doc_id, kind, name, resolution, evidence_start, evidence_end)"
        " VALUES (?,?,?,?,?,?,?)",
        [(passage_id, doc_id, lk.kind, lk.name, lk.resolution, lk.evidence_start, lk.evidence_end)
         for lk in links if lk.name],
    )


def insert_targets(conn: sqlite3.Connection, doc_id: int, targets, passages, passage_ids: dict[int, int]) -> None:
    rows = []
    for t in targets:
        passage = passages[t.passage_ord]
        line = passage.line_start + passage.text.count("\n", 0, t.char_start - passage.char_start)
        rows.append((doc_id, passage_ids[t.passage_ord], t.kind, t.year, t.strength, t.metric, t.value,
                     t.value_normalised, t.unit, t.qualifier, t.cluster, t.park, t.resolution, t.char_start,
                     t.char_end, line, t.quote))
    conn.executemany(
        "INSERT INTO targets(doc_id, passage_id, kind, year, strength, metric, value, value_normalised, unit,"
        " qualifier, cluster, park, resolution, char_start, char_end, line, quote)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
