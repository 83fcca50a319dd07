"""Sample paragraphs (non-empty lines) of documents with a fixed seed, for blind cluster annotation.

Writes one JSON line per paragraph: doc, line (1-based), text. The annotator sees only these
and the taxonomy's cluster names, never kb's output.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path


def sample(paths: list[Path], count: int, seed: int) -> list[dict]:
    """Every non-empty line of every document, then `count` of them drawn with `seed`."""
    pool = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                pool.append({"doc": path.name, "line": number, "text": line.strip()})
    chosen = random.Random(seed).sample(pool, min(count, len(pool)))
    return sorted(chosen, key=lambda item: (item["doc"], item["line"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("documents", nargs="+", type=Path)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    for item in sample(args.documents, args.count, args.seed):
        print(json.dumps(item, ensure_ascii=False))


if __name__ == "__main__":
    main()
