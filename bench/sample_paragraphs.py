"""Sample paragraphs (non-empty lines) of documents with a fixed seed, for blind cluster annotation.

Writes one JSON line per paragraph: doc, line (1-based), text. The annotator sees only these
and the taxonomy's cluster names, never kb's output.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path


def sample(paths: list[Path], count: int, seed: int, exclude: frozenset[tuple[str, int]] = frozenset()) -> list[dict]:
    """Every non-empty line of every document (but those in `exclude`, doc and line), then `count`
    of them drawn with `seed`."""
    pool = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() and (path.name, number) not in exclude:
                pool.append({"doc": path.name, "line": number, "text": line.strip()})
    chosen = random.Random(seed).sample(pool, min(count, len(pool)))
    return sorted(chosen, key=lambda item: (item["doc"], item["line"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("documents", nargs="+", type=Path)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="a sample or annotation file (JSON lines with doc and line) whose paragraphs are not drawn again")
    args = parser.parse_args()
    exclude = frozenset((row["doc"], row["line"]) for f in args.exclude
                        for row in map(json.loads, filter(str.strip, f.read_text(encoding="utf-8").splitlines())))
    for item in sample(args.documents, args.count, args.seed, exclude):
        print(json.dumps(item, ensure_ascii=False))


if __name__ == "__main__":
    main()
