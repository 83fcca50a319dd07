"""What a mixed build would cost: e5 over whole passages, e5 over their sentences, fast over
the sentences, on a random sample of an index's passages.

    python bench/mixed_build.py --index DIR [--sample 200]

kb embeds sentences and makes a passage's vector the mean of its sentences' vectors, so a
build needs one model over every sentence. A mixed build (e5 passages embedded whole, fast
sentences) pays e5 over the passages' text instead: this measures whether that is cheaper.
Writes bench/mixed-build-results.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.embed import Embedder  # noqa: E402


def _timed(embedder: Embedder, texts: list[str]) -> float:
    start = time.perf_counter()
    embedder.encode(texts)
    return round(time.perf_counter() - start, 2)


def main() -> None:
    from kb.embed import load_embedder
    from kb.index import Index

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    with Index.open(args.index) as index:
        ids = index.store.passage_ids()
        random.Random(0).shuffle(ids)
        sample = ids[:args.sample]
        passages = [row["text"] for row in index.store.passages(sample).values()]
        sentence_ids = [sid for sids in index.store.sentences_of_passages(sample).values() for sid in sids]
        sentences = [row["text"] for row in index.store.sentences(sentence_ids).values()]
    e5, fast = load_embedder("e5"), load_embedder("fast")
    e5.encode(passages[:2])  # load the weights before timing
    fast.encode(sentences[:2])
    result = {
        "passages": len(passages), "sentences": len(sentences), "chars": sum(map(len, passages)),
        "e5_passages_whole_s": _timed(e5, passages),
        "e5_sentences_s": _timed(e5, sentences),
        "fast_sentences_s": _timed(fast, sentences),
    }
    result["mixed_e5_passages_fast_sentences_s"] = round(result["e5_passages_whole_s"] + result["fast_sentences_s"], 2)
    out = ROOT / "bench" / "mixed-build-results.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
