"""A random sample of `kb parks` rows, for a person to judge as the issue's new user did.

    kb ingest ../shared/corpus --index /tmp/audit-index
    kb parks --json --index /tmp/audit-index > /tmp/parks.jsonl
    python bench/sample_park_listing.py /tmp/parks.jsonl --count 60 --seed 14 > /tmp/sample.jsonl

Each line of the output is one row (name, aliases, the first two documents naming it), for a
judge who reads the documents and eval/test3/parks-guide.md (docs/quality.md, "Session 14").
"""

from __future__ import annotations

import argparse
import json
import random


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parks_jsonl", help="the output of `kb parks --json`")
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    with open(args.parks_jsonl, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    random.Random(args.seed).shuffle(rows)
    for row in rows[: args.count]:
        print(json.dumps({"name": row["name"], "aliases": row.get("aliases", []), "docs": row["docs"][:2]},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
