"""Score every held-out link set (totals only) and sum them as the README and docs/quality.md report them.

    python bench/heldout_figures.py s39 --last 32          # writes bench/links-s39-*.txt, prints the sums
    python bench/heldout_figures.py s39 --last 32 --sums   # the sums of files already written

Each set is scored by bench/links_quality.py, which prints totals and per-document totals only for a
held-out set (never its items). The sums: the issue's four kinds (test16 to --last, written blind since
session 26), the written sets (parks test7 and test10–17, clusters test7 and test10–15) and the six real
sets' clusters (test3–6, test8, test9; their documents live in ../shared/corpus). A set scored first in a
session has its own file (links-sNN-testNN-first.txt), written by hand before any change.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import links_quality  # noqa: E402

REAL_CLUSTERS = (3, 4, 5, 6, 8, 9)
WRITTEN_PARKS = (7, *range(10, 18))
WRITTEN_CLUSTERS = (7, *range(10, 16))


def runs(last: int) -> list[tuple[str, list[str]]]:
    """(file name suffix, links_quality arguments) of every held-out set up to test`last`."""
    out = [("test3-clusters", ["-", "eval/test3/clusters-test3.jsonl"]), ("parks-test3b", ["eval/test3/parks-test3b.jsonl"])]
    for n in (4, 5, 6):
        out += [(f"parks-test{n}", [f"eval/test{n}/parks-test{n}.jsonl"]),
                (f"test{n}-clusters", ["-", f"eval/test{n}/clusters-test{n}.jsonl"])]
    out += [(f"test{n}-clusters", ["-", f"eval/test{n}/clusters-test{n}.jsonl"]) for n in (8, 9)]
    out += [(f"test{n}", [f"eval/test{n}/parks-test{n}.jsonl", f"eval/test{n}/clusters-test{n}.jsonl"])
            for n in (7, *range(10, last + 1))]
    return out


def score(tag: str, last: int) -> None:
    """Write bench/links-TAG-SUFFIX.txt for every held-out set."""
    for suffix, argv in runs(last):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            links_quality.main([str(ROOT / a) if a != "-" else a for a in argv])
        (BENCH / f"links-{tag}-{suffix}.txt").write_text(buffer.getvalue(), encoding="utf-8")
        print(f"links-{tag}-{suffix}.txt", file=sys.stderr)


def totals(path: Path, section: str, row: str) -> tuple[int, int, int] | None:
    """(tp, fp, fn) of a section's total row (parks: overall, clusters: micro), None when absent."""
    if not path.exists():
        return None
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        inside = inside or line.startswith(section)
        if inside and line.strip().startswith(row + " "):
            tp, fp, fn = (int(x) for x in line.split()[-3:])
            return tp, fp, fn
    return None


def summed(files: list[Path], section: str, row: str) -> str:
    found = [t for f in files if (t := totals(f, section, row))]
    tp, fp, fn = (sum(t[i] for t in found) for i in range(3))
    if not tp:
        return "no sets scored"
    return f"{tp / (tp + fp):.3f} / {tp / (tp + fn):.3f}  (tp {tp} fp {fp} fn {fn}, {len(found)} sets)"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tag", help="the files' tag: bench/links-TAG-*.txt (sNN for session NN)")
    parser.add_argument("--last", type=int, required=True, help="the last held-out set scored (testNN)")
    parser.add_argument("--sums", action="store_true", help="only sum files already written")
    args = parser.parse_args(argv)
    if not args.sums:
        score(args.tag, args.last)

    def file(name: str) -> Path:
        return BENCH / f"links-{args.tag}-{name}.txt"

    kinds = [file(f"test{n}") for n in range(16, args.last + 1)]
    print(f"parks, the issue's kinds (test16-{args.last})     {summed(kinds, 'parks', 'overall')}")
    print(f"clusters, the issue's kinds (test16-{args.last})  {summed(kinds, 'clusters', 'micro')}")
    print(f"parks, written (test7, 10-17)          {summed([file(f'test{n}') for n in WRITTEN_PARKS], 'parks', 'overall')}")
    print(f"clusters, written (test7, 10-15)       {summed([file(f'test{n}') for n in WRITTEN_CLUSTERS], 'clusters', 'micro')}")
    print(f"clusters, six real sets                {summed([file(f'test{n}-clusters') for n in REAL_CLUSTERS], 'clusters', 'micro')}")


if __name__ == "__main__":
    main()
