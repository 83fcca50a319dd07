"""Embedding batch size by measurement: raw encode throughput of the default model on
real sentences of the shipped corpus, for several batch sizes.

    python bench/batch.py [--sentences 3000] [--sizes 16 32 64 128 256 512]

Prints sentences/s per batch size (best of two runs) and writes bench/batch-results.json.
kb.embed.UniversalSentenceEncoder.batch_size is set from this table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from kb import segment, tokenize
    from kb.embed import load_embedder
    from kb.load import find_files, load_document

    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[16, 32, 64, 128, 256, 512])
    args = parser.parse_args()
    texts: list[str] = []
    found, _ = find_files([ROOT / "corpus"])
    for _, path in found:
        doc = load_document(path, path.name)
        texts += [tokenize.fold(s.text) for p in segment.segment(doc.text, doc.is_markdown) for s in p.sentences]
    texts = list(dict.fromkeys(texts))[: args.sentences]
    embedder = load_embedder(None)
    embedder.encode(texts[:200])  # warm up: tables mapped, threads started
    default = embedder.batch_size
    rows = []
    for size in args.sizes:
        embedder.batch_size = size
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            embedder.encode(texts)
            best = min(best, time.perf_counter() - start)
        rows.append({"batch_size": size, "sentences_per_s": round(len(texts) / best, 1)})
        print(f"batch {size:>4}: {len(texts) / best:8.1f} sentences/s", flush=True)
    embedder.batch_size = default
    result = {"model": embedder.name, "sentences": len(texts), "rows": rows, "default": default}
    (ROOT / "bench" / "batch-results.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
