"""Park names on sentences written blind, each with the parks a reader finds in it.

    python bench/park_sentences.py eval/sentences/parks-sentences.jsonl --split dev [--errors]
    python bench/park_sentences.py eval/sentences/parks-sentences.jsonl --split test
    python bench/park_sentences.py … --rules-only   # without the gazetteer of known zones

Helper sessions wrote the sentences from general knowledge, in the style of reports, plans and
regulations, about county and lesser-known zones and about words of parks that name none
(eval/sentences/README.md). kb reads each sentence as a clause of a document (Linker.mentions)
and its park names are scored against the reader's, folded as `kb eval` folds them. The split
is by region, fixed before kb read any sentence: development 华北, 西北, 华东; test the rest.
`--errors` prints sentences, so it refuses the test split.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.eval_links import PRF, bootstrap_interval, fold_park_name  # noqa: E402
from kb.link import Linker  # noqa: E402

DEVELOPMENT_REGIONS = {"华北", "西北", "华东"}


def found_parks(linker: Linker, sentence: str) -> set[str]:
    """The park names kb finds in one sentence, folded."""
    return {fold_park_name(m.name) for m in linker.mentions(sentence, 0, len(sentence))
            if m.kind == "park" and not m.generic}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--split", choices=("dev", "test"), required=True)
    parser.add_argument("--errors", action="store_true", help="print each sentence kb gets wrong (dev only)")
    parser.add_argument("--rules-only", action="store_true", help="empty the gazetteer of known zones")
    args = parser.parse_args(argv)
    if args.errors and args.split == "test":
        parser.error("--errors prints items of the held-out split: give totals only")
    if args.rules_only:
        import kb.link
        from kb.zones import ZoneGazetteer

        empty = ZoneGazetteer([])
        kb.link.known_zones = lambda: empty
    linker = Linker.load()
    rows = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if (r["region"] in DEVELOPMENT_REGIONS) == (args.split == "dev")]
    total, units = PRF(), []
    for row in rows:
        gold = {fold_park_name(name) for name in row["parks"]}
        found = found_parks(linker, row["sentence"])
        score = PRF(len(found & gold), len(found - gold), len(gold - found))
        total.add(score)
        units.append((score.true_pos, score.false_pos, score.false_neg))
        if args.errors and (found != gold):
            print(f"{row['id']}  missed {sorted(gold - found)}  extra {sorted(found - gold)}\n    {row['sentence']}")
    band = bootstrap_interval(units)
    print(f"{args.split}: {len(rows)} sentences, {sum(len(r['parks']) for r in rows)} parks  "
          f"P {total.precision:.3f}  R {total.recall:.3f}  (tp {total.true_pos} fp {total.false_pos} "
          f"fn {total.false_neg}; 95% interval P {band['precision'][0]:.3f}–{band['precision'][1]:.3f}, "
          f"R {band['recall'][0]:.3f}–{band['recall'][1]:.3f} over sentences)")


if __name__ == "__main__":
    main()
