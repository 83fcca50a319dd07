"""How many annotated zones kb names, and how many more its candidate list holds for a person to confirm.

    python bench/park_candidates_coverage.py eval/dev4/parks-dev4.jsonl eval/test3/parks-test3.jsonl

For each park set: the share of annotated zones kb names (a zone counts when its name or an
alias folds, by park_key, to a name kb gives the document), the share kb names or lists as a
candidate (`kb parks --candidates`, kb/park_candidates.py), and how many candidates a reader
would review. --show prints each zone not named, and whether the candidates hold it
(development sets only: the test sets' items are never read).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from links_quality import corpus_dirs, find_document, link_file, read_jsonl  # noqa: E402

from kb.park_candidates import candidate_parks  # noqa: E402
from kb.parks import GENERIC_ZONES, park_key  # noqa: E402


def coverage(gold_file: str, dirs: list[Path], show: bool) -> dict[str, int]:
    """Zones, zones kb names, zones a candidate holds, and candidates listed, over one set."""
    gold = [row for row in read_jsonl(gold_file) if row["name"]]
    counts = {"zones": 0, "named": 0, "candidates_hold": 0, "candidates": 0}
    for doc_name in dict.fromkeys(row["doc"] for row in gold):
        doc, links = link_file(find_document(doc_name, dirs))
        names = {n for n in links.park_names() if n not in GENERIC_ZONES}
        named = {park_key(n) for n in names}
        listed = {park_key(c.name) for c in candidate_parks(doc.text, frozenset(names))} - named
        counts["candidates"] += len(listed)
        for row in (r for r in gold if r["doc"] == doc_name):
            keys = {park_key(n) for n in [row["name"], *row.get("aliases", [])]}
            counts["zones"] += 1
            if keys & named:
                counts["named"] += 1
            elif keys & listed:
                counts["candidates_hold"] += 1
            if show and not keys & named:
                print(f"  {'+' if keys & listed else '-'} {doc_name}: {row['name']}")
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parks_gold", nargs="+")
    parser.add_argument("--corpus", action="append", default=[])
    parser.add_argument("--show", action="store_true", help="each zone kb does not name (development sets only)")
    args = parser.parse_args(argv)
    dirs = corpus_dirs(args.corpus)
    print(f"{'set':28} {'zones':>5} {'kb names':>9} {'+ candidates':>13} {'candidates listed':>18}")
    for gold_file in args.parks_gold:
        c = coverage(gold_file, dirs, args.show)
        with_candidates = (c["named"] + c["candidates_hold"]) / max(c["zones"], 1)
        print(f"{Path(gold_file).stem:28} {c['zones']:5} {c['named'] / max(c['zones'], 1):9.3f} "
              f"{with_candidates:13.3f} {c['candidates']:18}")


if __name__ == "__main__":
    main()
