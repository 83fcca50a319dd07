"""Scale benchmark of the vector side: exact vs approximate FAISS search as the index grows.

    python bench/scale.py --index /tmp/kbfull [--sizes 10000 100000 1000000]

Larger collections reuse the vectors of real sentences from a built index: each copy is
the real vector plus Gaussian noise (sigma 0.05 per dimension), renormalised, so the
neighbourhood structure is that of real text. Queries are the real queries' vectors.
For each size it prints exact (IndexFlatIP) and IVF+SQ8 latency p50/p95, recall@10 of
the approximate index against exact, build time and memory of the index. This is how
the threshold and nprobe are chosen; kb itself still uses exact search at every size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _timed_search(index, queries: np.ndarray, k: int) -> tuple[np.ndarray, list[float]]:
    times, found = [], []
    for q in queries:
        start = time.perf_counter()
        _, ids = index.search(q.reshape(1, -1), k)
        times.append((time.perf_counter() - start) * 1000)
        found.append(ids[0])
    return np.array(found), times


def main() -> None:
    import faiss

    from kb.index import Index

    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=Path, default=ROOT.parent / "shared" / "eval" / "questions.jsonl")
    args = parser.parse_args()
    faiss.omp_set_num_threads(1)

    idx = Index.open(args.index)
    base = idx.vectors("sentences")
    flat = faiss.downcast_index(base.index)
    real = faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * flat.d).reshape(flat.ntotal, flat.d).copy()
    lines = args.queries.read_text(encoding="utf-8").splitlines() if args.queries.is_file() else []
    texts = [json.loads(x)["query"] for x in lines if x.strip()] or ["园区产业发展", "城镇新增就业目标"]
    queries = np.vstack([idx.embed_query(t) for t in texts]).astype(np.float32)
    rng = np.random.default_rng(0)
    results = []
    for size in args.sizes:
        reps = -(-size // len(real))
        parts = []
        for r in range(reps):
            block = real if r == 0 else real + rng.normal(0, 0.05, real.shape).astype(np.float32)
            parts.append(block)
        data = np.vstack(parts)[:size]
        data /= np.linalg.norm(data, axis=1, keepdims=True)
        exact = faiss.IndexFlatIP(data.shape[1])
        exact.add(data)
        truth, exact_times = _timed_search(exact, queries, 10)
        row = {"size": size, "exact_p50_ms": round(statistics.median(exact_times), 2),
               "exact_p95_ms": round(float(np.percentile(exact_times, 95)), 2),
               "exact_mib": round(data.nbytes / 2**20)}
        nlist = int(4 * np.sqrt(size))
        start = time.perf_counter()
        quantizer = faiss.IndexFlatIP(data.shape[1])
        ivf = faiss.IndexIVFScalarQuantizer(quantizer, data.shape[1], nlist, faiss.ScalarQuantizer.QT_8bit,
                                            faiss.METRIC_INNER_PRODUCT)
        faiss.omp_set_num_threads(2)
        sample = data[rng.choice(len(data), size=min(len(data), 50 * nlist), replace=False)]
        ivf.train(sample)
        ivf.add(data)
        faiss.omp_set_num_threads(1)
        row["ivf_build_s"] = round(time.perf_counter() - start, 1)
        row["ivf_nlist"] = nlist
        row["ivf_mib"] = round((data.shape[0] * data.shape[1] + nlist * data.shape[1] * 4) / 2**20)
        for nprobe in (16, 32, 64, 128, 256):
            ivf.nprobe = nprobe
            found, times = _timed_search(ivf, queries, 10)
            recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth, strict=True)])
            row[f"nprobe{nprobe}"] = {"p50_ms": round(statistics.median(times), 2),
                                      "p95_ms": round(float(np.percentile(times, 95)), 2),
                                      "recall@10": round(float(recall), 3)}
        results.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        del data, exact, ivf
    out = ROOT / "bench" / "scale-results.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
