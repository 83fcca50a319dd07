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

from links_quality import dirs_for, find_document, is_held_out, link_file, read_jsonl  # noqa: E402

from kb.eval_links import candidate_coverage  # noqa: E402
from kb.park_candidates import document_candidates  # noqa: E402
from kb.parks import GENERIC_ZONES, park_key  # noqa: E402


def coverage(gold_file: str, dirs: list[Path], show: bool) -> dict:
    """eval_links.candidate_coverage over one set, linking its documents as an ingest would."""
    gold = read_jsonl(gold_file)
    named: dict[str, set[str]] = {}
    listed: dict[str, set[str]] = {}
    for doc_name in dict.fromkeys(row["doc"] for row in gold if row["name"]):
        doc, links = link_file(find_document(doc_name, dirs))
        named[doc_name] = {n for n in links.park_names() if n not in GENERIC_ZONES}
        listed[doc_name] = {c.name for c in document_candidates(doc.text, named[doc_name])}
    if show:
        for row in (r for r in gold if r["name"]):
            keys = {park_key(n) for n in [row["name"], *row.get("aliases", [])]}
            if not keys & {park_key(n) for n in named[row["doc"]]}:
                held = keys & {park_key(n) for n in listed[row["doc"]]}
                print(f"  {'+' if held else '-'} {row['doc']}: {row['name']}")
    return candidate_coverage(gold, named, listed, key=park_key)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parks_gold", nargs="+")
    parser.add_argument("--corpus", action="append", default=[])
    parser.add_argument("--show", action="store_true", help="each zone kb does not name (development sets only)")
    args = parser.parse_args(argv)
    held_out = [f for f in args.parks_gold if is_held_out(f)]
    if args.show and held_out:
        parser.error(f"--show prints items, and {held_out[0]} is a held-out set: give totals only")
    dirs = dirs_for(args.parks_gold, args.corpus)
    print(f"{'set':28} {'zones':>5} {'kb names':>9} {'+ candidates':>13} {'candidates listed':>18}")
    for gold_file in args.parks_gold:
        c = coverage(gold_file, dirs, args.show)
        print(f"{Path(gold_file).stem:28} {c['zones']:5} {c['recall_named']:9.3f} "
              f"{c['recall_named_or_listed']:13.3f} {c['candidates']:18}")


if __name__ == "__main__":
    main()
