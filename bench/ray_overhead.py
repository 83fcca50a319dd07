"""Ray overhead: the same sentences embedded in this process and on a local Ray with 1
and 2 actors (one model, one CPU and one model thread each).

    python bench/ray_overhead.py                      # e5, 1,000 sentences of the corpus
    python bench/ray_overhead.py --model fast --sentences 4000

Start-up (Ray, the actors loading their model) is timed apart from the embedding; the
speedup is in-process embedding seconds over Ray's. The configurations run in turn,
--repeat rounds, best of each (the machine is shared). Writes bench/ray-overhead-results.json
(or -<model>.json for a model other than e5).
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.embed import canonical_name, load_embedder  # noqa: E402
from kb.embedding_pool import LocalPool, RayPool  # noqa: E402
from kb.segment import segment  # noqa: E402
from kb.settings import settings  # noqa: E402
from kb.tokenize import fold  # noqa: E402


def corpus_sentences(limit: int) -> list[str]:
    """Unique folded sentences of the shipped corpus, as an ingest embeds them."""
    found: dict[str, None] = {}
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for passage in segment(path.read_text(encoding="utf-8"), False):
            for sentence in passage.sentences:
                found[fold(sentence.text)] = None
        if len(found) >= limit:
            break
    return list(found)[:limit]


def batches(texts: list[str], size: int) -> list[list[str]]:
    ordered = sorted(texts, key=len)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


def time_pool(make_pool, work: list[list[str]]) -> tuple[float, float, int]:
    """(start-up seconds, embedding seconds, sentences embedded)."""
    started = time.perf_counter()
    pool = make_pool()
    ready = time.perf_counter()
    try:
        done = sum(len(batch) for batch, _ in pool.map(work, threading.Event()))
    finally:
        pool.close()
    return ready - started, time.perf_counter() - ready, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="e5")
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2, help="rounds; the best of each configuration is kept")
    parser.add_argument("--batch", type=int, default=None, help="sentences per batch (default: KB_EMBED_BATCH, "
                                                                 "capped so each actor gets several)")
    args = parser.parse_args()
    import ray

    model = canonical_name(args.model)
    texts = corpus_sentences(args.sentences)
    size = args.batch or max(1, min(settings().embed_batch, len(texts) // 8))
    work = batches(texts, size)
    import kb

    started = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"py_modules": [str(Path(kb.__file__).parent)]})
    ray_start = time.perf_counter() - started
    pools = {0: lambda: LocalPool(load_embedder(model))}
    pools.update({n: (lambda n=n: RayPool(model, actors=n)) for n in (1, 2)})
    best: dict[int, tuple[float, float, int]] = {}
    try:
        # rounds in turn, best of each: the machine is shared, and load drifts over minutes
        for _ in range(args.repeat):
            for actors, make_pool in pools.items():
                measured = time_pool(make_pool, work)
                if actors not in best or measured[1] < best[actors][1]:
                    best[actors] = measured
    finally:
        ray.shutdown()
    rows = [{"run": "in-process" if actors == 0 else f"local Ray, {actors} actor{'s' if actors > 1 else ''}",
             "actors": actors, "startup_s": round(setup, 2), "embed_s": round(seconds, 2), "sentences": done}
            for actors, (setup, seconds, done) in best.items()]
    base = rows[0]["embed_s"]
    for row in rows:
        row["sentences_per_s"] = round(row["sentences"] / row["embed_s"], 1)
        row["speedup"] = round(base / row["embed_s"], 2)
    print(f"model {model}, {len(texts):,} sentences in batches of {size}; ray.init {ray_start:.1f} s; 2 cores; "
          f"best of {args.repeat}")
    print(f"{'run':<22}{'start-up s':>11}{'embed s':>9}{'sent/s':>9}{'speedup':>9}")
    for row in rows:
        print(f"{row['run']:<22}{row['startup_s']:>11.2f}{row['embed_s']:>9.2f}{row['sentences_per_s']:>9.1f}"
              f"{row['speedup']:>9.2f}")
    suffix = "" if model == canonical_name("e5") else f"-{model}"
    out = ROOT / "bench" / f"ray-overhead-results{suffix}.json"
    out.write_text(json.dumps({"model": model, "sentences": len(texts), "batch": size, "cores": 2,
                               "ray_init_s": round(ray_start, 2), "repeat": args.repeat, "runs": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
