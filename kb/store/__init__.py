"""Store: the one home of SQL. One SQLite file for documents, passages, sentences, links,
targets and the words of the BM25 index.

SQLite's FTS5 keeps the jieba words (space-joined, so FTS5 only splits on spaces) inside
the same transactions as the rows; kb.lexical builds its postings from them. The `meta`
table is the index manifest: schema version, model, dimension, tokenizer and BM25
parameters, and the generation number naming the FAISS and postings files that belong
to the committed data. It is updated in the same transaction as the rows, so a crash
leaves the previous state. Nothing outside this module calls `execute`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = "3"  # 3: documents.place, passages.page, tokenizer and BM25 parameters in meta
DB_NAME = "kb.sqlite"
_CHUNK = 500  # ids per IN (...) list: far below SQLite's variable limit

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
    lines INTEGER NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT ''
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
    text TEXT NOT NULL,
    page INTEGER
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
    resolution TEXT NOT NULL,    -- explicit | sentence | point | paragraph | section | zone
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS links_passage ON links(passage_id);
CREATE INDEX IF NOT EXISTS links_name ON links(kind, name);
CREATE INDEX IF NOT EXISTS links_doc ON links(doc_id);
CREATE TABLE IF NOT EXISTS aliases (
    kind TEXT NOT NULL,          -- park
    alias TEXT NOT NULL,
    name TEXT NOT NULL,          -- the canonical name links carry
    PRIMARY KEY (kind, alias)
);
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
    quote TEXT NOT NULL,
    klass TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS targets_doc ON targets(doc_id);
CREATE INDEX IF NOT EXISTS targets_passage ON targets(passage_id);
CREATE TABLE IF NOT EXISTS abbreviations (
    doc_id INTEGER NOT NULL,
    short TEXT NOT NULL,
    full TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS abbreviations_doc ON abbreviations(doc_id);
CREATE TABLE IF NOT EXISTS park_candidates (  -- kb/park_candidates.py: possible parks to confirm
    doc_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS park_candidates_doc ON park_candidates(doc_id);
CREATE TABLE IF NOT EXISTS park_forms (  -- one park, one row: what a document says of its park names
    doc_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    relation TEXT NOT NULL,  -- 'short': name is another name the document gives other (以下简称, a former
                             -- name); 'within': other holds it
    other TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS park_forms_doc ON park_forms(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(title, section, body, tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(body, tokenize='unicode61 remove_diacritics 0');
"""

# what kb.lexical builds its postings from: (id, owning passage id, *columns of words)
LEXICAL_SQL = {
    "passages": "SELECT f.rowid, f.rowid, f.title, f.section, f.body FROM passages_fts f ORDER BY f.rowid",
    "sentences": "SELECT s.id, s.passage_id, f.body FROM sentences s JOIN sentences_fts f ON f.rowid = s.id"
                 " ORDER BY s.id",
}

_SENTENCE_COLUMNS = ("SELECT s.id, s.text, s.fold_key, s.char_start, s.char_end, s.line_start, p.section, p.page,"
                     " d.path AS doc, d.title, d.year, d.doc_type FROM sentences s"
                     " JOIN passages p ON p.id = s.passage_id JOIN documents d ON d.id = s.doc_id")
_COMMITMENT_COLUMNS = ("SELECT t.id, t.kind, t.klass, t.year, t.strength, t.metric, t.value, t.value_normalised,"
                       " t.unit, t.qualifier, t.cluster, t.park, t.resolution, d.path AS doc, p.section, p.page,"
                       " t.line, t.quote, t.char_start, t.char_end"
                       " FROM targets t JOIN documents d ON d.id = t.doc_id JOIN passages p ON p.id = t.passage_id")


class IndexUnavailable(Exception):
    """The index is missing, unreadable or built differently; one line for the user."""


@dataclass(frozen=True)
class Selection:
    """Which passages a query may return: the filters of `kb ask`, `kb phrase`,
    `kb commitments` in one place (empty fields select everything)."""

    doc: str | None = None
    year: str | None = None
    doc_type: str | None = None
    park: str | None = None
    cluster: str | None = None
    since: str | None = None
    until: str | None = None

    def active(self) -> bool:
        return any(v for v in vars(self).values())


def _marks(values: list) -> str:
    return ",".join("?" * len(values))


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def _doc_clause(doc: str, alias: str = "d") -> tuple[str, list]:
    """A document given as its indexed path or as its file name (the doc filter)."""
    return f"({alias}.path = ? OR {alias}.path LIKE ?)", [doc, "%/" + doc]


def _selection_sql(sel: Selection, passage: str = "p") -> tuple[str, list]:
    clauses, params = [], []
    if sel.doc:
        clause, more = _doc_clause(sel.doc)
        clauses.append(clause)
        params += more
    for value, clause in ((sel.year, "d.year = ?"), (sel.since, "d.year >= ?"),
                          (sel.until, "d.year <= ? AND d.year != ''"), (sel.doc_type, "d.doc_type = ?")):
        if value:
            clauses.append(clause)
            params.append(value)
    for kind, value in (("park", sel.park), ("cluster", sel.cluster)):
        if value:
            # a park asked for by any of its aliases finds the canonical name the links carry
            clauses.append(
                f"{passage}.id IN (SELECT passage_id FROM links WHERE kind = ? AND (name = ? OR name LIKE ?"
                " OR name IN (SELECT name FROM aliases WHERE kind = ? AND alias = ?)))")
            params += [kind, value, f"%{value}%", kind, value]
    return (" AND ".join(clauses) or "1"), params


class Store:
    """The SQLite side of an index: the connection and every query kb makes."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, index_dir: Path, create: bool = False) -> Store:
        path = index_dir / DB_NAME
        if not path.exists():
            if not create:
                raise IndexUnavailable(f"no index at {index_dir}: run `kb ingest` first")
            index_dir.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            store = cls(conn, path)
            store._check_schema(create)
        except sqlite3.DatabaseError as exc:
            raise IndexUnavailable(
                f"index database {path} is unreadable ({exc}): rebuild it with `kb ingest --rebuild`") from None
        return store

    def _check_schema(self, create: bool) -> None:
        version = self.meta("schema_version")
        if create and (version is None or not self.has_documents()):
            if version not in (None, SCHEMA_VERSION):
                self._drop_all()
            self.conn.executescript(_SCHEMA)
            self.set_meta("schema_version", SCHEMA_VERSION)
            return
        if create:
            if version == SCHEMA_VERSION and not all(map(self._has_table, ("park_candidates", "park_forms"))):
                self.conn.executescript(_SCHEMA)  # a table added since (an earlier kb's index): the ingest fills it
            return  # an index with documents: the ingest decides (Index.create)
        if version is None:
            raise IndexUnavailable(f"{self.path} is not a kb index (no schema): rebuild it with `kb ingest --rebuild`")
        if version != SCHEMA_VERSION:
            raise IndexUnavailable(
                f"index schema {version} differs from this kb's {SCHEMA_VERSION}: rebuild with `kb ingest --rebuild`")

    def _has_table(self, name: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() \
            is not None

    def _drop_all(self) -> None:
        names = [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        tables = [n for n in names if n != "meta" and "_fts_" not in n and not n.startswith("sqlite_")]
        for table in tables:  # a virtual table takes its shadow tables with it
            self.conn.execute(f"DROP TABLE IF EXISTS {table}")

    def reset(self) -> None:
        """An old-schema index rebuilt in place (`kb ingest --rebuild`): a fresh schema."""
        self._drop_all()
        self.conn.executescript(_SCHEMA)
        self.set_meta("schema_version", SCHEMA_VERSION)

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------ transactions

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def checkpoint(self) -> None:
        self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def integrity(self) -> str:
        return self.conn.execute("PRAGMA quick_check").fetchone()[0]

    # ------------------------------------------------------------ manifest

    def meta(self, key: str) -> str | None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def record_files(self, index_dir: Path, generation: int) -> None:
        """Put the byte size of each file of a generation in the manifest: the vector files
        are memory-mapped, and mapping a truncated file would crash the reader instead of
        failing, so a reader compares sizes first (check_file)."""
        sizes = {p.name: p.stat().st_size for p in sorted(index_dir.iterdir())
                 if p.name.split(".")[1:2] == [str(generation)] and not p.name.endswith(".tmp")}
        self.set_meta("files", json.dumps(sizes, sort_keys=True))

    def check_file(self, path: Path) -> None:
        """Raise ValueError when `path` is missing or not the size the manifest recorded."""
        sizes = json.loads(self.meta("files") or "{}")
        if not path.exists():
            raise ValueError(f"{path.name} is missing")
        expected = sizes.get(path.name)
        if expected is not None and path.stat().st_size != expected:
            raise ValueError(f"{path.name} is {path.stat().st_size} bytes, the index recorded {expected}")

    def counts(self) -> dict[str, int]:
        return {table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "passages", "sentences", "targets")}

    def has_documents(self) -> bool:
        try:
            return self.conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None
        except sqlite3.OperationalError:
            return False

    # ------------------------------------------------------------ documents

    def document_hashes(self) -> dict[str, tuple[int, str]]:
        """Indexed path -> (document id, SHA-256 of its file)."""
        return {r[0]: (r[1], r[2]) for r in self.conn.execute("SELECT path, id, sha256 FROM documents")}

    def document_source(self, doc_id: int) -> str:
        return self.conn.execute("SELECT source FROM documents WHERE id=?", (doc_id,)).fetchone()[0]

    def find_document(self, doc: str) -> dict | None:
        """A document by its indexed path or file name."""
        clause, params = _doc_clause(doc)
        row = self.conn.execute(
            f"SELECT id, path, source, title, year, doc_type, place, sha256 FROM documents d WHERE {clause}",
            params).fetchone()
        return dict(row) if row else None

    def documents(self) -> list[dict]:
        return [dict(r) for r in self.conn.execute(
            "SELECT id, path, source, sha256, title, year, doc_type, place FROM documents ORDER BY path")]

    def document_text(self, doc_id: int) -> str:
        """The text the passages' offsets point into, as extracted at ingest."""
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else ""

    def insert_document(self, doc, source: str, place: str = "") -> int:
        cur = self.conn.execute(
            "INSERT INTO documents(path, title, year, doc_type, encoding, sha256, source, chars, lines, place, text)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (doc.path, doc.title, doc.year, doc.doc_type, doc.encoding, doc.sha256, source, len(doc.text),
             doc.text.count("\n") + 1, place, doc.text))
        return int(cur.lastrowid)

    def delete_document(self, doc_id: int) -> tuple[list[int], list[int]]:
        """Remove a document's rows; return the passage and sentence ids whose vectors go too."""
        passage_ids = [r[0] for r in self.conn.execute("SELECT id FROM passages WHERE doc_id=?", (doc_id,))]
        sentence_ids = [r[0] for r in self.conn.execute("SELECT id FROM sentences WHERE doc_id=?", (doc_id,))]
        self.conn.execute("DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE doc_id=?)",
                          (doc_id,))
        self.conn.execute("DELETE FROM sentences_fts WHERE rowid IN (SELECT id FROM sentences WHERE doc_id=?)",
                          (doc_id,))
        for table in ("passages", "sentences", "links", "targets", "abbreviations", "park_candidates", "park_forms"):
            self.conn.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc_id,))
        self.conn.execute("DELETE FROM documents WHERE id=?", (doc_id,))
        return passage_ids, sentence_ids

    # ------------------------------------------------------------ passages and sentences

    def insert_passage(self, doc_id: int, ordinal: int, passage, page: int | None,
                       title_words: str, section_words: str, body_words: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO passages(doc_id, ord, paragraph, section, char_start, char_end, line_start, line_end, text,"
            " page) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (doc_id, ordinal, passage.paragraph, passage.section, passage.char_start, passage.char_end,
             passage.line_start, passage.line_end, passage.text, page))
        passage_id = int(cur.lastrowid)
        self.conn.execute("INSERT INTO passages_fts(rowid, title, section, body) VALUES (?,?,?,?)",
                          (passage_id, title_words, section_words, body_words))
        return passage_id

    def insert_sentence(self, doc_id: int, passage_id: int, sentence, line: int, fold_key: str, words: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO sentences(doc_id, passage_id, char_start, char_end, line_start, text, fold_key)"
            " VALUES (?,?,?,?,?,?,?)",
            (doc_id, passage_id, sentence.char_start, sentence.char_end, line, sentence.text, fold_key))
        sentence_id = int(cur.lastrowid)
        self.conn.execute("INSERT INTO sentences_fts(rowid, body) VALUES (?,?)", (sentence_id, words))
        return sentence_id

    def passages(self, ids: list[int]) -> dict[int, dict]:
        """Passage rows with their document, by id (what a hit shows)."""
        out: dict[int, dict] = {}
        for chunk in _chunks(ids):
            for r in self.conn.execute(
                "SELECT p.id, p.section, p.text, p.char_start, p.char_end, p.line_start, p.line_end, p.page,"
                " d.path, d.title, d.year, d.doc_type, d.place FROM passages p JOIN documents d ON d.id = p.doc_id"
                f" WHERE p.id IN ({_marks(chunk)})", chunk):
                out[r["id"]] = dict(r)
        return out

    def passage_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM passages ORDER BY id")]

    def passage_spans(self, doc_id: int) -> list[tuple[int, int, str]]:
        return [tuple(r) for r in self.conn.execute(
            "SELECT char_start, char_end, text FROM passages WHERE doc_id = ?", (doc_id,))]

    def selected_documents(self, sel: Selection) -> set[str]:
        """Indexed paths of the documents that have a passage the selection lets through."""
        where, params = _selection_sql(sel)
        return {r[0] for r in self.conn.execute(
            f"SELECT DISTINCT d.path FROM passages p JOIN documents d ON d.id = p.doc_id WHERE {where}", params)}

    def passage_documents(self, ids: list[int]) -> dict[int, str]:
        """Passage id -> indexed path of its document."""
        out: dict[int, str] = {}
        for chunk in _chunks(ids):
            out.update((r[0], r[1]) for r in self.conn.execute(
                f"SELECT p.id, d.path FROM passages p JOIN documents d ON d.id = p.doc_id WHERE p.id IN ({_marks(chunk)})",
                chunk))
        return out

    def sentences(self, ids: list[int]) -> dict[int, dict]:
        """Sentence rows with their passage's section and their document, by id."""
        out: dict[int, dict] = {}
        for chunk in _chunks(ids):
            for r in self.conn.execute(f"{_SENTENCE_COLUMNS} WHERE s.id IN ({_marks(chunk)})", chunk):
                out[r["id"]] = dict(r)
        return out

    def sentence_owners(self, ids: list[int]) -> dict[int, int]:
        """Sentence id -> passage id."""
        out: dict[int, int] = {}
        for chunk in _chunks(ids):
            out.update(self.conn.execute(f"SELECT id, passage_id FROM sentences WHERE id IN ({_marks(chunk)})", chunk))
        return out

    def sentences_of_passages(self, ids: list[int]) -> dict[int, list[int]]:
        """Passage id -> its sentence ids, in order."""
        out: dict[int, list[int]] = {}
        for chunk in _chunks(ids):
            for sid, pid in self.conn.execute(
                    f"SELECT id, passage_id FROM sentences WHERE passage_id IN ({_marks(chunk)}) ORDER BY id", chunk):
                out.setdefault(pid, []).append(sid)
        return out

    def sentence_keys(self, ids: list[int]) -> list[tuple[int, str]]:
        """(sentence id, folded text) pairs."""
        out: list[tuple[int, str]] = []
        for chunk in _chunks(ids):
            out += [tuple(r) for r in self.conn.execute(
                f"SELECT id, fold_key FROM sentences WHERE id IN ({_marks(chunk)})", chunk)]
        return out

    def distinct_sentence_keys(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT fold_key FROM sentences")]

    def first_sentence_with_key(self, keys: list[str]) -> dict[str, int]:
        """Folded text -> the smallest sentence id holding it (its vector can be reused)."""
        found: dict[str, int] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            found.update((k, sid) for k, sid in self.conn.execute(
                f"SELECT fold_key, min(id) FROM sentences WHERE fold_key IN ({_marks(chunk)}) GROUP BY fold_key",
                chunk))
        return found

    def sentences_containing(self, needle: str, sel: Selection) -> list[dict]:
        """Every sentence whose folded text contains `needle`, oldest document first."""
        where, params = _selection_sql(sel)
        return [dict(r) for r in self.conn.execute(
            f"{_SENTENCE_COLUMNS} WHERE instr(s.fold_key, ?) > 0 AND {where} ORDER BY d.year, d.path, s.char_start",
            [needle, *params])]

    def selected_passages(self, sel: Selection) -> list[int]:
        where, params = _selection_sql(sel)
        return [r[0] for r in self.conn.execute(
            f"SELECT p.id FROM passages p JOIN documents d ON d.id = p.doc_id WHERE {where} ORDER BY p.id", params)]

    def lexical_rows(self, table: str) -> sqlite3.Cursor:
        """(id, owning passage id, *word columns) rows for kb.lexical.build, in id order."""
        return self.conn.execute(LEXICAL_SQL[table])

    # ------------------------------------------------------------ links

    def insert_links(self, doc_id: int, passage_id: int, links: Iterable) -> None:
        self.conn.executemany(
            "INSERT INTO links(passage_id, doc_id, kind, name, resolution, evidence_start, evidence_end)"
            " VALUES (?,?,?,?,?,?,?)",
            [(passage_id, doc_id, lk.kind, lk.name, lk.resolution, lk.evidence_start, lk.evidence_end)
             for lk in links if lk.name])

    def set_aliases(self, kind: str, aliases: dict[str, str]) -> None:
        """alias -> canonical name, for --park and `kb parks` (replaces the kind's table)."""
        self.conn.execute("DELETE FROM aliases WHERE kind = ?", (kind,))
        self.conn.executemany("INSERT OR REPLACE INTO aliases(kind, alias, name) VALUES (?,?,?)",
                              [(kind, a, n) for a, n in aliases.items() if a != n])

    def set_park_parents(self, parents: Mapping[str, str]) -> None:
        """Canonical park name -> the park it lies within, as the index's rows fold them (kb parks)."""
        self.set_meta("park_within", json.dumps(dict(parents), ensure_ascii=False))

    def park_parents(self) -> dict[str, str]:
        """What set_park_parents wrote; empty for an index an earlier kb wrote."""
        return json.loads(self.meta("park_within") or "{}")

    def aliases(self, kind: str) -> dict[str, list[str]]:
        """Canonical name -> its aliases."""
        out: dict[str, list[str]] = {}
        for alias, name in self.conn.execute("SELECT alias, name FROM aliases WHERE kind = ? ORDER BY alias", (kind,)):
            out.setdefault(name, []).append(alias)
        return out

    def names_by_document(self, kind: str) -> dict[str, list[str]]:
        """Indexed path -> the distinct park (or cluster) names its links carry."""
        out: dict[str, list[str]] = {}
        for path, name in self.conn.execute(
                "SELECT DISTINCT d.path, l.name FROM links l JOIN documents d ON d.id = l.doc_id"
                " WHERE l.kind = ? AND l.name != '' ORDER BY d.path, l.name", (kind,)):
            out.setdefault(path, []).append(name)
        return out

    def passage_links(self, passage_ids: list[int]) -> dict[int, dict]:
        """Parks, clusters and forward targets of each passage (what a hit carries)."""
        out: dict[int, dict] = {pid: {"parks": [], "clusters": [], "targets": []} for pid in passage_ids}
        for chunk in _chunks(passage_ids):
            for r in self.conn.execute(
                f"SELECT passage_id, kind, name, resolution FROM links WHERE passage_id IN ({_marks(chunk)})", chunk
            ):
                key = "parks" if r["kind"] == "park" else "clusters"
                out[r["passage_id"]][key].append({"name": r["name"], "resolution": r["resolution"]})
            for r in self.conn.execute(
                "SELECT id, passage_id, year, strength, metric, value, unit, qualifier, cluster, park, quote"
                f" FROM targets WHERE passage_id IN ({_marks(chunk)}) AND kind = 'target' ORDER BY char_start", chunk
            ):
                item = {k: r[k] for k in r.keys() if k != "passage_id"}  # noqa: SIM118 (sqlite3.Row)
                out[r["passage_id"]]["targets"].append(item)
        return out

    def links_of_passage(self, passage_id: int) -> list[dict]:
        return [dict(r) for r in self.conn.execute(
            "SELECT kind, name, resolution, evidence_start, evidence_end FROM links WHERE passage_id = ?",
            (passage_id,))]

    def named(self, kind: str) -> list[dict]:
        """Each park or cluster name with its passages, forward targets and documents."""
        rows = [dict(r) for r in self.conn.execute(
            "SELECT l.name, count(DISTINCT l.passage_id) AS passages, count(DISTINCT l.doc_id) AS documents,"
            " group_concat(DISTINCT d.path) AS docs FROM links l JOIN documents d ON d.id = l.doc_id"
            " WHERE l.kind = ? AND l.name != '' GROUP BY l.name ORDER BY passages DESC, l.name", (kind,))]
        column = "park" if kind == "park" else "cluster"
        targets = dict(self.conn.execute(
            f"SELECT {column}, count(*) FROM targets WHERE kind = 'target' AND {column} != '' GROUP BY {column}"))
        for r in rows:
            r["targets"] = targets.get(r["name"], 0)
            r["docs"] = sorted((r["docs"] or "").split(","))
        return rows

    # ------------------------------------------------------------ targets

    def insert_targets(self, doc_id: int, targets: Iterable, passages: list, passage_ids: dict[int, int]) -> None:
        rows = []
        for t in targets:
            passage = passages[t.passage_ord]
            line = passage.line_start + passage.text.count("\n", 0, t.char_start - passage.char_start)
            rows.append((doc_id, passage_ids[t.passage_ord], t.kind, getattr(t, "klass", ""), t.year, t.strength,
                         t.metric, t.value, t.value_normalised, t.unit, t.qualifier, t.cluster, t.park, t.resolution,
                         t.char_start, t.char_end, line, t.quote))
        self.conn.executemany(
            "INSERT INTO targets(doc_id, passage_id, kind, klass, year, strength, metric, value, value_normalised,"
            " unit, qualifier, cluster, park, resolution, char_start, char_end, line, quote)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)

    def commitments(self, sel: Selection, kind: str = "target") -> list[dict]:
        """Targets (or achievements, or both) with their document and section; park,
        cluster and year match as substrings, a park also by any of its aliases."""
        where, params = ["1"], []
        if sel.park:
            where.append("(t.park LIKE ? OR t.park IN (SELECT name FROM aliases WHERE kind = 'park' AND alias = ?))")
            params += [f"%{sel.park}%", sel.park]
        for column, value in (("t.cluster", sel.cluster), ("t.year", sel.year)):
            if value:
                where.append(f"{column} LIKE ?")
                params.append(f"%{value}%")
        if sel.doc:
            clause, more = _doc_clause(sel.doc)
            where.append(clause)
            params += more
        if kind != "all":
            where.append("t.kind = ?")
            params.append(kind)
        return [dict(r) for r in self.conn.execute(
            f"{_COMMITMENT_COLUMNS} WHERE {' AND '.join(where)} ORDER BY d.path, t.char_start", params)]

    def target(self, target_id: int) -> dict | None:
        row = self.conn.execute(
            "SELECT t.*, d.path AS doc, d.source, d.sha256, d.title, d.year AS doc_year, d.place, p.section, p.page"
            " FROM targets t JOIN documents d ON d.id = t.doc_id JOIN passages p ON p.id = t.passage_id"
            " WHERE t.id = ?", (target_id,)).fetchone()
        return dict(row) if row else None

    def related_targets(self, target: dict, limit: int = 20) -> list[dict]:
        """Other targets and results of the same metric and cluster (or document)."""
        return [dict(r) for r in self.conn.execute(
            "SELECT t.id, t.kind, t.year, t.strength, t.value, t.unit, t.qualifier, d.path AS doc, t.line, t.quote"
            " FROM targets t JOIN documents d ON d.id = t.doc_id WHERE t.id != ? AND t.metric = ?"
            " AND (t.cluster = ? OR (? = '' AND t.doc_id = ?)) ORDER BY d.year, d.path LIMIT ?",
            (target["id"], target["metric"], target["cluster"], target["cluster"], target["doc_id"], limit))]

    def all_targets(self) -> list[dict]:
        """Every target and achievement with its document's title, year and place (for `kb follow`)."""
        return [dict(r) for r in self.conn.execute(
            "SELECT t.*, d.path AS doc, d.title, d.year AS doc_year, d.place FROM targets t"
            " JOIN documents d ON d.id = t.doc_id ORDER BY d.year, d.path, t.char_start")]

    def targets_of_document(self, doc_id: int, kind: str = "target") -> list[dict]:
        """A document's targets, achievements, or both (kind 'all'), in text order."""
        return [dict(r) for r in self.conn.execute(
            "SELECT * FROM targets WHERE doc_id = ? AND (kind = ? OR ? = 'all') ORDER BY char_start",
            (doc_id, kind, kind))]

    # ------------------------------------------------------------ abbreviations

    def insert_abbreviations(self, doc_id: int, items: Iterable) -> None:
        self.conn.executemany(
            "INSERT INTO abbreviations(doc_id, short, full, char_start, char_end) VALUES (?,?,?,?,?)",
            [(doc_id, a.short, a.full, a.char_start, a.char_end) for a in items])

    def abbreviations(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self.conn.execute("SELECT DISTINCT short, full FROM abbreviations")]

    # ------------------------------------------------------------ possible parks

    def insert_park_candidates(self, doc_id: int, items: Iterable) -> None:
        self.conn.executemany(
            "INSERT INTO park_candidates(doc_id, name, char_start, char_end) VALUES (?,?,?,?)",
            [(doc_id, c.name, c.start, c.end) for c in items])

    def insert_park_forms(self, doc_id: int, short_names: Mapping[str, str], within: Mapping[str, str]) -> None:
        """A document's short names of its parks (陇西经开区 → 甘肃陇西经济开发区) and the parks it
        puts inside others (巩昌铝产业园 → 陇西经开区), as its links found them."""
        self.conn.executemany(
            "INSERT INTO park_forms(doc_id, name, relation, other) VALUES (?,?,?,?)",
            [(doc_id, a, "short", b) for a, b in short_names.items()] + [(doc_id, a, "within", b) for a, b in within.items()])

    def park_forms(self) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
        """Indexed path -> (another name the document gives a park (以下简称, a former name) -> the
        park, park -> the park it lies within). Empty for an index an earlier kb wrote, and for a
        document its ingest keeps without linking it again (its source gone) until it is linked."""
        out: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
        if not self._has_table("park_forms"):
            return out
        for path, name, relation, other in self.conn.execute(
                "SELECT d.path, f.name, f.relation, f.other FROM park_forms f JOIN documents d ON d.id = f.doc_id"
                " ORDER BY d.path, f.rowid"):
            short_names, within = out.setdefault(path, ({}, {}))
            (short_names if relation == "short" else within)[name] = other
        return out

    def replace_park_candidates(self, doc_id: int, items: Iterable) -> None:
        self.conn.execute("DELETE FROM park_candidates WHERE doc_id = ?", (doc_id,))
        self.insert_park_candidates(doc_id, items)

    def park_candidates_current(self) -> bool:
        """Whether every document's possible parks were stored by the kb whose links the index
        holds (the meta records the linker's fingerprint they were found under); not for an
        index an earlier kb wrote or rewrote, where rows are missing or stale."""
        return self.meta("park_candidates") == self.meta("linker") and self._has_table("park_candidates")

    def park_candidate_rows(self) -> list[dict] | None:
        """Every possible park stored at ingest, by document and position; None when they are
        not current (the caller searches the documents instead)."""
        if not self.park_candidates_current():
            return None
        return [dict(r) for r in self.conn.execute(
            "SELECT c.doc_id, d.path, c.name, c.char_start, c.char_end FROM park_candidates c"
            " JOIN documents d ON d.id = c.doc_id ORDER BY d.path, c.char_start")]
