"""Whole-pipeline scale benchmark: a kb index of N passages made from a real one.

    python bench/scale_index.py --from /tmp/kbfull --passages 100000 [--out DIR]

Embedding a million passages would take hours on two cores, so (as the scale issue
allows) the index is grown from a real index built by `kb ingest`: each copy of every
document gets a new path, its passages and sentences keep their text and spans, their
BM25 tokens lose a random tenth (so copies do not tie), and their vectors are the real
vectors plus Gaussian noise (sigma 0.05), renormalised. The BM25 postings are built by
kb.lexical as `kb ingest` builds them (bm25_build_s is that step alone); vector files
past the threshold are IVF+SQ8 exactly as `kb ingest` makes them. Then a fresh process
(--measure-only, also usable on its own) measures what a user sees: in-process `ask`
(each mode) and `phrase` p50/p95 (second pass over the questions; the first, from cold
pages, is kept as first_pass), FTS5's own bm25() on the same words for comparison, a
fresh-process `kb ask`, peak memory while querying, and the index size. Prints one JSON
line; appends it to bench/scale-index-results.jsonl.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import timing  # noqa: E402

QUERIES = ROOT.parent / "shared" / "eval" / "questions.jsonl"


def _copy_rows(src: sqlite3.Connection, dst: sqlite3.Connection, copies: int, rng) -> dict[str, list]:
    """Insert `copies` copies of every row; return the old->new id lists for vectors."""
    docs = src.execute("SELECT * FROM documents").fetchall()
    passages = src.execute("SELECT * FROM passages").fetchall()
    sentences = src.execute("SELECT * FROM sentences").fetchall()
    p_tokens = dict(src.execute("SELECT rowid, title || char(1) || section || char(1) || body FROM passages_fts"))
    s_tokens = dict(src.execute("SELECT rowid, body FROM sentences_fts"))
    links = src.execute("SELECT * FROM links").fetchall()
    targets = src.execute("SELECT * FROM targets").fetchall()

    def thin(tokens: str) -> str:
        words = tokens.split(" ")
        keep = rng.random(len(words)) > 0.1
        return " ".join(w for w, k in zip(words, keep, strict=True) if k)

    order = {"passages": [], "sentences": []}
    dst.execute("BEGIN")
    for c in range(copies):
        doc_map, p_map = {}, {}
        for d in docs:
            cur = dst.execute("INSERT INTO documents(path, title, year, doc_type, encoding, sha256, source, chars, lines)"
                              " VALUES (?,?,?,?,?,?,?,?,?)", (f"copy{c}/{d[1]}", *d[2:]))
            doc_map[d[0]] = cur.lastrowid
        for p in passages:
            cur = dst.execute("INSERT INTO passages(doc_id, ord, paragraph, section, char_start, char_end, line_start,"
                              " line_end, text) VALUES (?,?,?,?,?,?,?,?,?)", (doc_map[p[1]], *p[2:]))
            p_map[p[0]] = cur.lastrowid
            title, section, body = p_tokens[p[0]].split("\x01")
            dst.execute("INSERT INTO passages_fts(rowid, title, section, body) VALUES (?,?,?,?)",
                        (cur.lastrowid, title, section, thin(body) if c else body))
            order["passages"].append((p[0], cur.lastrowid))
        for s in sentences:
            cur = dst.execute("INSERT INTO sentences(doc_id, passage_id, char_start, char_end, line_start, text,"
                              " fold_key) VALUES (?,?,?,?,?,?,?)", (doc_map[s[1]], p_map[s[2]], *s[3:]))
            dst.execute("INSERT INTO sentences_fts(rowid, body) VALUES (?,?)",
                        (cur.lastrowid, thin(s_tokens[s[0]]) if c else s_tokens[s[0]]))
            order["sentences"].append((s[0], cur.lastrowid))
        dst.executemany("INSERT INTO links VALUES (?,?,?,?,?,?,?)",
                        [(p_map[r[0]], doc_map[r[1]], *r[2:]) for r in links])
        dst.executemany("INSERT INTO targets(doc_id, passage_id, kind, year, strength, metric, value, value_normalised,"
                        " unit, qualifier, cluster, park, resolution, char_start, char_end, line, quote)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        [(doc_map[r[1]], p_map[r[2]], *r[3:]) for r in targets])
    return order


def _vectors(src_index, pairs: list[tuple[int, int]], rng, threshold: int):
    import faiss

    from kb import vectors

    flat = faiss.downcast_index(src_index.index)
    real = faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * flat.d).reshape(flat.ntotal, flat.d)
    row_of = {int(i): n for n, i in enumerate(faiss.vector_to_array(src_index.id_map))}
    n = len(pairs)
    if n <= threshold:
        index = vectors.new_index(flat.d)
    else:
        nlist = max(1, min(int(4 * np.sqrt(n)), n // 39))
        quantizer = faiss.IndexFlatIP(flat.d)
        index = faiss.IndexIVFScalarQuantizer(quantizer, flat.d, nlist, faiss.ScalarQuantizer.QT_8bit,
                                              faiss.METRIC_INNER_PRODUCT)
        index.own_fields = True
        quantizer.this.disown()
        sample = real[rng.choice(len(real), size=min(len(real), 50 * nlist), replace=len(real) < 50 * nlist)]
        sample = sample + rng.normal(0, 0.05, sample.shape).astype(np.float32)
        index.train(sample / np.linalg.norm(sample, axis=1, keepdims=True))
        index.set_direct_map_type(faiss.DirectMap.Hashtable)
    for start in range(0, n, 200_000):
        chunk = pairs[start:start + 200_000]
        block = real[[row_of[old] for old, _ in chunk]].copy()
        if start >= len(real):
            block += rng.normal(0, 0.05, block.shape).astype(np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        index.add_with_ids(block, np.array([new for _, new in chunk], dtype=np.int64))
    return index


def _build(source: Path, passages: int, out: Path):
    from kb import lexical, vectors
    from kb.settings import settings
    from kb.store import Store

    rng = np.random.default_rng(0)
    if out.exists():
        shutil.rmtree(out)
    src_store = Store.open(source)
    src = src_store.conn
    per_copy = src.execute("SELECT count(*) FROM passages").fetchone()[0]
    copies = max(1, round(passages / per_copy))
    started = time.perf_counter()
    dst_store = Store.open(out, create=True)
    dst = dst_store.conn
    order = _copy_rows(src, dst, copies, rng)
    generation = 1
    dim = int(src_store.meta("dim"))
    lexicon_started = time.perf_counter()
    for table in lexical.TABLES:
        lexical.write(lexical.build(dst_store.lexical_rows(table), table), out, table, generation)
    lexicon_s = time.perf_counter() - lexicon_started
    for kind in ("passages", "sentences"):
        src_index = vectors.read(source, kind, int(src_store.meta("generation")), dim, writable=True)
        index = _vectors(src_index, order[kind], rng, settings().ivf_threshold)
        vectors.write(index, out, kind, generation)
        del index
    for key in ("model", "dim", "vocabulary", "tokenizer", "bm25"):
        if src_store.meta(key) is not None:
            dst_store.set_meta(key, src_store.meta(key))
    dst_store.set_meta("generation", str(generation))
    dst_store.record_files(out, generation)
    dst.execute("COMMIT")
    dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return copies, time.perf_counter() - started, lexicon_s, dst


def _fts5_bm25(idx, query: str) -> list:
    """What the lexical ranking cost with SQLite FTS5's own bm25() (kb before kb.lexical)."""
    from kb import search

    words = search.selective(idx, search.query_words(idx, query, whole_words=True))
    match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
    return idx.store.conn.execute("SELECT rowid, bm25(passages_fts, 1.0, 0.5, 1.0) AS s FROM passages_fts"
                            " WHERE passages_fts MATCH ? ORDER BY s LIMIT 100", [match]).fetchall()


def main() -> None:
    import faiss

    from kb import vectors
    from kb.index import Index

    parser = argparse.ArgumentParser()
    parser.add_argument("--from", dest="source", type=Path, required=True)
    parser.add_argument("--passages", type=int, required=True)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--measure-only", action="store_true",
                        help="measure an index this script built before, in --out (no rebuild)")
    args = parser.parse_args()
    out = args.out or Path(f"/tmp/kb-scale-{args.passages}")
    if not args.measure_only:
        copies, build_s, lexicon_s, dst = _build(args.source, args.passages, out)
        dst.close()
        (out / "bench-build.json").write_text(json.dumps(
            {"copies": copies, "build_s": round(build_s, 1), "bm25_build_s": round(lexicon_s, 1)}))
        # measure in a fresh process, so peak memory is that of querying, not of building
        sys.exit(subprocess.run([sys.executable, __file__, "--from", str(args.source), "--passages",
                                 str(args.passages), "--out", str(out), "--measure-only"]).returncode)
    from kb.store import Store

    dst = Store.open(out).conn
    built = json.loads((out / "bench-build.json").read_text()) if (out / "bench-build.json").exists() else {}
    faiss.omp_set_num_threads(1)

    from kb import phrase as phrase_mod
    from kb import search

    texts = [json.loads(x)["query"] for x in QUERIES.read_text(encoding="utf-8").splitlines() if x.strip()] \
        if QUERIES.is_file() else ["园区电动车这块今年能做出多少产值", "城镇新增就业目标"]
    idx = Index.open(out)
    search.ask(idx, texts[0])
    result = {"passages": dst.execute("SELECT count(*) FROM passages").fetchone()[0],
              "sentences": dst.execute("SELECT count(*) FROM sentences").fetchone()[0],
              **built,
              "approximate": {k: vectors.is_approximate(idx.vectors(k)) for k in ("passages", "sentences")}}
    # the first pass over the questions reads SQLite and index pages from disk; a library
    # in daily use has them cached, so the table reports the second pass and keeps the first
    result["first_pass"] = {"ask_hybrid": timing.latency(lambda q: search.ask(idx, q, k=5), texts),
                            "phrase": timing.latency(lambda q: phrase_mod.phrase(idx, q, k=10), texts)}
    for mode in search.MODES:
        result[f"ask_{mode}"] = timing.latency(lambda q, m=mode: search.ask(idx, q, k=5, mode=m), texts)
    result["phrase"] = timing.latency(lambda q: phrase_mod.phrase(idx, q, k=10), texts)
    result["lexical_fts5_for_comparison"] = timing.latency(lambda q: _fts5_bm25(idx, q), texts)
    result["peak_memory_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    result["fresh_process_ask_s"] = timing.fresh_ask_seconds(ROOT / "cli.py", texts[1], out)
    result["index_mib"] = round(sum(p.stat().st_size for p in out.iterdir() if p.is_file()) / 2**20)
    line = json.dumps(result, ensure_ascii=False)
    print(line)
    with (ROOT / "bench" / "scale-index-results.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


if __name__ == "__main__":
    main()
