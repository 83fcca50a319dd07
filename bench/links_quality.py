"""Park-name and cluster-link quality against blind annotations, without an index.

    python bench/links_quality.py eval/dev/parks-dev.jsonl eval/dev/clusters-dev.jsonl

Runs load → segment → link over the documents a gold file names (found in corpus/ and
../shared/corpus/ beside the repository, or --corpus DIR) and prints park precision/recall
per document and cluster precision/recall per cluster, each total with its 95% bootstrap
interval (documents resampled), then the errors (--errors).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.eval_links import bootstrap_interval, clusters_by_line, score_clusters, score_parks  # noqa: E402
from kb.parks import canonical_parks  # noqa: E402
from kb.segment import LineIndex, heading_only_lines  # noqa: E402


def corpus_dirs(extra: list[str]) -> list[Path]:
    dirs = [Path(d) for d in extra]
    for base in (ROOT, Path("/work/main")):
        dirs += [base / "corpus", base.parent / "shared" / "corpus"]
    return [d for d in dirs if d.is_dir()]


def dirs_for(gold_files: list[str], extra: list[str]) -> list[Path]:
    """The corpus folders, and the docs/ folder beside a set that ships its own documents (dev8)."""
    beside = [str(Path(f).parent / "docs") for f in gold_files if f and (Path(f).parent / "docs").is_dir()]
    return corpus_dirs(extra + beside)


def find_document(doc: str, dirs: list[Path]) -> Path:
    for d in dirs:
        if (d / doc).is_file():
            return d / doc
    raise SystemExit(f"document {doc} not found in {', '.join(map(str, dirs))}")


def load_segmented(path: Path):
    """The document and its passages, as an ingest reads and segments them."""
    import kb.load
    import kb.segment

    doc = kb.load.load_document(path, path.name, kb.load.read_catalog(path.parent))
    return doc, kb.segment.segment(doc.text)


def link_file(path: Path):
    """The document and its links, as an ingest computes them."""
    import kb.link

    doc, passages = load_segmented(path)
    return doc, kb.link.Linker.load().link_document(doc, passages)


# eval/ folders whose items are never read (held out) …
HELD_OUT = ("test3", "test4", "test5", "test6", "test7", "test8", "test9", "test10", "test11", "test12", "test13", "test14", "test15",
            "test16", "test17", "test18", "test19", "test20", "test21", "test22",
            "test23", "test24", "test25", "test26", "test27", "test28", "test29", "test30", "test31", "test32", "test33",
            "test34")
# … but for test-3's park half retired to development in session 13
DEVELOPMENT_IN_HELD_OUT = ("parks-test3a-dev",)


def is_held_out(path: str) -> bool:
    """A held-out set: its totals may be printed, its items (--errors, --show) not."""
    return any(part in Path(path).parts for part in HELD_OUT) and not Path(path).name.startswith(DEVELOPMENT_IN_HELD_OUT)


def read_jsonl(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def score_row(label: str, s: dict, width: int) -> str:
    """One line of a P/R table: a document, a cluster or the total, its precision, recall and counts."""
    return f"  {label:{width}} {s['precision']:.3f}  {s['recall']:.3f}  {s['tp']:3} {s['fp']:2} {s['fn']:2}"


def _interval(units: list[tuple[int, int, int]]) -> str:
    band = bootstrap_interval(units)
    return "P {:.3f}–{:.3f}  R {:.3f}–{:.3f}  ({} documents resampled)".format(
        *band["precision"], *band["recall"], band["units"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parks_gold", help="a park set, or - for none (a cluster set alone)")
    parser.add_argument("clusters_gold", nargs="?")
    parser.add_argument("--corpus", action="append", default=[])
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args(argv)
    args.parks_gold, args.clusters_gold = (None if f == "-" else f for f in (args.parks_gold, args.clusters_gold))
    if not args.parks_gold and not args.clusters_gold:
        parser.error("give a park set, a cluster set or both")
    held_out = [f for f in (args.parks_gold, args.clusters_gold) if f and is_held_out(f)]
    if args.errors and held_out:
        parser.error(f"--errors prints items, and {held_out[0]} is a held-out set: give totals only")
    dirs = dirs_for([f for f in (args.parks_gold, args.clusters_gold) if f], args.corpus)
    cache: dict[str, tuple] = {}

    def linked(doc: str):
        if doc not in cache:
            cache[doc] = link_file(find_document(doc, dirs))
        return cache[doc]

    if args.parks_gold:
        print_parks(read_jsonl(args.parks_gold), linked, args.errors)
    if args.clusters_gold:
        print_clusters(read_jsonl(args.clusters_gold), linked, args.errors)


def print_parks(park_rows: list[dict], linked: Callable[[str], tuple], errors: bool) -> None:
    found = {}
    for doc in dict.fromkeys(r["doc"] for r in park_rows):
        _, links = linked(doc)
        found[doc] = list(canonical_parks({doc: links.park_names()}, {doc: links.abbreviations},
                                          {doc: links.within}).values())
    parks = score_parks(park_rows, found)
    print("parks                                          P      R    tp fp fn")
    for doc, s in parks["docs"].items():
        print(score_row(doc, s, 44))
        if errors:
            print(f"      missed: {parks['misses'][doc]}\n      extra:  {parks['extras'][doc]}")
            if parks["second_rows"][doc]:
                print(f"      second: {parks['second_rows'][doc]}")
            if parks["merged_rows"][doc]:
                print(f"      merged: {parks['merged_rows'][doc]}")
    print(score_row("overall", parks["overall"], 44))
    print(f"  {'95% interval':44} {_interval(parks['units'])}")
    print(score_row("one park, one row (a second row is wrong)", parks["one_park_one_row"], 44))


def print_clusters(cluster_rows: list[dict], linked: Callable[[str], tuple], errors: bool) -> None:
    by_paragraph = {}
    headings: set[tuple[str, int]] = set()  # (doc, line) of each line that is a heading alone
    for doc in dict.fromkeys(r["doc"] for r in cluster_rows):
        document, links = linked(doc)
        for line, names in clusters_by_line(document.text, links).items():
            by_paragraph[(doc, line)] = names
        lines = LineIndex(document.text)
        headings.update((doc, lines.line_of(a)) for a, _ in heading_only_lines(document.text))
    clusters = score_clusters(cluster_rows, by_paragraph)
    print("clusters                      P      R    tp fp fn")
    for name, s in clusters["clusters"].items():
        print(score_row(name, s, 22))
    print(score_row("micro", clusters["overall"], 22))
    # since session 24 a heading alone on its line is scored with the topic kb reads from it;
    # the same score without those lines, on both sides, compares with earlier sessions' figures
    body = score_clusters([r for r in cluster_rows if (r["doc"], r["line"]) not in headings],
                          {k: v for k, v in by_paragraph.items() if k not in headings})
    print(score_row("micro, no headings", body["overall"], 22))
    print(f"  {'95% interval':22} {_interval(clusters['units'])}")
    if errors:
        for e in clusters["errors"]:
            print(f"  {e['doc']}:{e['line']} missing {e['missing']} extra {e['extra']}")


if __name__ == "__main__":
    main()
