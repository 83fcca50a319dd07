"""Lexical: BM25 over memory-mapped posting arrays, scored exactly like FTS5's bm25().

FTS5 finds and scores every row that holds any query word before it sorts them: at a
million passages a question of ordinary words costs half a second. Here each word's
posting list already carries its BM25 term-frequency part (column weights and length
normalisation folded in at build time), so a query is a few array slices summed
into a scratch array and one partial sort, and a fresh process maps the files instead
of reading them. The formula is FTS5's (k1 1.2, b 0.75, idf log((N-n+0.5)/(n+0.5)) floored at
1e-6, row length over all columns), so the ranking is the one FTS5 gives.

The arrays are rebuilt from the FTS5 tables inside the ingest's transaction and named
by generation like the FAISS files; FTS5 stays the store of the words. The sorted
posting lists also answer "which sentences hold all these words" (rows_with_all), the
candidates `kb phrase` folds into one row. bm25s does the same eager scoring but has
no per-column weights, which the title/section/body ranking needs.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .files import atomic_write

K1 = 1.2
B = 0.75


# BM25 weight of each word column of a table's rows (store.LEXICAL_SQL gives the rows):
# a passage's title, section path and body; a sentence's body
COLUMN_WEIGHTS = {"passages": (1.0, 0.5, 1.0), "sentences": (1.0,)}
TABLES = tuple(COLUMN_WEIGHTS)
_CHUNK_ROWS = 50_000
_PARTS = ("rows", "postings", "weights", "starts")


@dataclass
class Lexicon:
    """One table's BM25 index: vocabulary, per-term posting slices, row -> ids."""

    terms: dict[str, int]
    starts: np.ndarray  # posting list of term t is [starts[t], starts[t+1])
    postings: np.ndarray  # row numbers (int32), sorted within each term
    weights: np.ndarray  # BM25 tf part per posting (float32)
    rows: np.ndarray  # (n, 2) int64: SQLite id and owning passage id per row number
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _scratch: np.ndarray | None = field(default=None, repr=False, compare=False)

    def scratch(self) -> np.ndarray:
        """A zeroed float64 accumulator, one slot per row (callers leave it zeroed)."""
        if self._scratch is None:
            self._scratch = np.zeros(self.size, dtype=np.float64)
        return self._scratch

    @property
    def size(self) -> int:
        return len(self.rows)

    def document_frequency(self, word: str) -> int:
        t = self.terms.get(word)
        return 0 if t is None else int(self.starts[t + 1] - self.starts[t])


def empty() -> Lexicon:
    return Lexicon({}, np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.float32),
                   np.zeros((0, 2), np.int64))


def parameters() -> dict[str, float]:
    """What the postings were scored with; the index records it beside them."""
    return {"k1": K1, "b": B}


def build(cursor, table: str) -> Lexicon:
    """Read a table's FTS5 words (a store cursor, so inside its transaction) into postings."""
    column_weights = COLUMN_WEIGHTS[table]
    terms: dict[str, int] = {}
    ids: list[tuple[int, int]] = []
    keys_parts: list[np.ndarray] = []
    freq_parts: list[np.ndarray] = []
    lengths: list[int] = []
    while True:
        chunk = cursor.fetchmany(_CHUNK_ROWS)
        if not chunk:
            break
        first = len(ids)
        term_ids: list[int] = []
        seg_lengths: list[int] = []
        seg_weights: list[float] = []
        for row in chunk:
            ids.append((row[0], row[1]))
            total = 0
            for text, weight in zip(row[2:], column_weights):
                words = text.split()
                term_ids.extend([terms.setdefault(w, len(terms)) for w in words])
                seg_lengths.append(len(words))
                seg_weights.append(weight)
                total += len(words)
            lengths.append(total)
        n_cols = len(column_weights)
        seg = np.asarray(seg_lengths, dtype=np.int64)
        row_of_token = np.repeat(np.repeat(np.arange(first, len(ids), dtype=np.int64), n_cols), seg)
        weight_of_token = np.repeat(np.asarray(seg_weights, dtype=np.float64), seg)
        # one key per (term, row); a chunk's rows are all new, so keys never repeat across chunks
        keys = np.asarray(term_ids, dtype=np.int64) << 32 | row_of_token
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        if len(keys):
            starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
            keys_parts.append(keys[starts])
            freq_parts.append(np.add.reduceat(weight_of_token[order], starts))
    n = len(ids)
    keys = np.concatenate(keys_parts) if keys_parts else np.zeros(0, np.int64)
    freqs = np.concatenate(freq_parts) if freq_parts else np.zeros(0, np.float64)
    order = np.argsort(keys, kind="stable")
    keys, freqs = keys[order], freqs[order]
    term_of = (keys >> 32).astype(np.int64)
    row_of = (keys & 0xFFFFFFFF).astype(np.int32)
    dl = np.asarray(lengths, dtype=np.float64)
    avgdl = float(dl.mean()) if n and dl.sum() else 1.0
    norm = K1 * (1 - B + B * dl[row_of] / avgdl)
    weights = (freqs * (K1 + 1) / (freqs + norm)).astype(np.float32)
    starts = np.searchsorted(term_of, np.arange(len(terms) + 1)).astype(np.int64)
    rows = np.asarray(ids, dtype=np.int64).reshape(n, 2)
    return Lexicon(terms, starts, row_of, weights, rows)


def _path(index_dir: Path, table: str, generation: int, part: str) -> Path:
    return index_dir / f"{table}.{generation}.{part}"


def paths(index_dir: Path, table: str, generation: int) -> list[Path]:
    """The files of a committed lexicon (none for an index that has never been written)."""
    if generation == 0:
        return []
    return [_path(index_dir, table, generation, part) for part in ("terms.json", *(f"{p}.npy" for p in _PARTS))]


def write(lexicon: Lexicon, index_dir: Path, table: str, generation: int) -> None:
    """Each part to a temporary name, fsynced, then renamed (the caller fsyncs the directory)."""
    parts = {"terms.json": json.dumps(list(lexicon.terms), ensure_ascii=False).encode("utf-8")}
    for name in _PARTS:
        parts[f"{name}.npy"] = getattr(lexicon, name)
    for suffix, payload in parts.items():
        def write_part(tmp: Path, payload=payload) -> None:
            if isinstance(payload, bytes):
                tmp.write_bytes(payload)
            else:
                with open(tmp, "wb") as fh:
                    np.save(fh, np.ascontiguousarray(payload), allow_pickle=False)

        atomic_write(_path(index_dir, table, generation, suffix), write_part)


def read(index_dir: Path, table: str, generation: int) -> Lexicon:
    """Map a committed lexicon; raises ValueError when a part is missing or damaged."""
    if generation == 0 and not _path(index_dir, table, generation, "terms.json").exists():
        return empty()
    try:
        words = json.loads(_path(index_dir, table, generation, "terms.json").read_text(encoding="utf-8"))
        arrays = {name: np.load(_path(index_dir, table, generation, f"{name}.npy"), mmap_mode="r",
                                allow_pickle=False) for name in _PARTS}
    except FileNotFoundError as exc:
        raise ValueError(f"{Path(exc.filename).name} is missing") from None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"{table} lexicon is damaged ({str(exc)[:120]})") from None
    lexicon = Lexicon({w: i for i, w in enumerate(words)}, **arrays)
    if (len(lexicon.starts) != len(words) + 1 or lexicon.rows.ndim != 2
            or len(lexicon.postings) != len(lexicon.weights) or int(lexicon.starts[-1]) != len(lexicon.postings)):
        raise ValueError(f"{table} lexicon is damaged (inconsistent parts)")
    return lexicon


def idf(document_frequency: int, size: int) -> float:
    value = math.log((size - document_frequency + 0.5) / (document_frequency + 0.5))
    return value if value > 0 else 1e-6


def rank(lexicon: Lexicon, words: list[str], limit: int,
         allowed_passages: np.ndarray | None = None) -> list[tuple[int, float]]:
    """Ids of the rows holding any of `words`, best BM25 first (ties: lower id first).

    A repeated word counts again, as an FTS5 OR query counts each phrase."""
    slices = []
    for word in words:
        t = lexicon.terms.get(word)
        if t is None:
            continue
        start, stop = int(lexicon.starts[t]), int(lexicon.starts[t + 1])
        slices.append((start, stop, idf(stop - start, lexicon.size)))
    if not slices or limit <= 0:
        return []
    rows = np.concatenate([lexicon.postings[a:b] for a, b, _ in slices]).astype(np.int64)
    values = np.concatenate([lexicon.weights[a:b].astype(np.float64) * w for a, b, w in slices])
    if len(slices) > 1:
        # sum per row in a scratch array the size of the table, kept between queries:
        # touching only the posting entries is what keeps a query in milliseconds
        with lexicon.lock:
            scratch = lexicon.scratch()
            np.add.at(scratch, rows, values)
            values = scratch[rows]
            scratch[rows] = 0.0
    if allowed_passages is not None:
        keep = np.isin(lexicon.rows[rows, 1], allowed_passages)
        rows, values = rows[keep], values[keep]
    # a row appears once per word it holds, always with its total: enough entries for
    # `limit` distinct rows, then one per row
    depth = limit * len(slices)
    if len(rows) > depth:
        top = np.argpartition(-values, depth - 1)[:depth]
        rows, values = rows[top], values[top]
    rows, first = np.unique(rows, return_index=True)
    values = values[first]
    ids = lexicon.rows[rows, 0]
    order = np.lexsort((ids, -values))[:limit]
    return [(int(ids[i]), float(values[i])) for i in order]


def rows_with_all(lexicon: Lexicon, words: list[str], limit: int) -> list[int]:
    """Ids of the first `limit` rows holding every one of `words`: the rarest word's
    postings, kept where each other (sorted) posting list has them too."""
    spans = []
    for word in dict.fromkeys(words):
        t = lexicon.terms.get(word)
        if t is None:
            return []
        spans.append((int(lexicon.starts[t]), int(lexicon.starts[t + 1])))
    if not spans:
        return []
    spans.sort(key=lambda span: span[1] - span[0])
    rows = np.asarray(lexicon.postings[spans[0][0]:spans[0][1]])
    for start, stop in spans[1:]:
        rows = rows[in_sorted(rows, lexicon.postings[start:stop])]
    return [int(i) for i in lexicon.rows[rows[:limit], 0]]


def in_sorted(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """Which of `values` occur in the ascending `sorted_values`: a binary search each,
    where np.isin would sort the long array again on every call."""
    values = np.asarray(values)
    if not len(values) or not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return np.asarray(sorted_values[at]) == values
