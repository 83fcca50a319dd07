"""Write kb/data/cluster_vocabulary.toml: the blind industry vocabulary, less what development shows harmful.

    python bench/cluster_vocabulary.py

Two lists of industry words per cluster were written blind, from general knowledge, by helper
sessions that never saw kb's output (bench/cluster-vocabulary-s14.tsv, -s18.tsv). Until session 18 a
word joined the taxonomy only where the development sets showed it useful (at least two right
links and twice as many right as wrong: bench/cluster_keywords.py). That rule cannot accept a word
the annotated paragraphs hold once or never, and what it accepted did not carry over: on dev10,
documents no vocabulary was chosen on, the rule's vocabulary found 0.29 of the links, the
whole blind vocabulary 0.45 (leave one document out). Session 19 turned the rule round: every blind
word is kept unless the development sets show it harmful, at least two wrong links and more wrong
than right (旅游: one right, twelve wrong).

Each word is measured alone against the bundled taxonomy without this vocabulary, with the bundled
aboutness model; refit that model afterwards (bench/train_aboutness.py). Writes the measurements to
bench/cluster-vocabulary-effects.tsv. Takes about six minutes on two cores.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cluster_keywords import _documents, score, with_candidate  # noqa: E402
from links_quality import dirs_for, is_held_out, read_jsonl  # noqa: E402
from train_aboutness import DEVELOPMENT_SETS  # noqa: E402

from kb.taxonomy import Taxonomy, load_taxonomy  # noqa: E402

BLIND_LISTS = [ROOT / "bench" / "cluster-vocabulary-s14.tsv", ROOT / "bench" / "cluster-vocabulary-s18.tsv"]
VOCABULARY = ROOT / "kb" / "data" / "cluster_vocabulary.toml"
EFFECTS = ROOT / "bench" / "cluster-vocabulary-effects.tsv"

_state: dict = {}  # what the worker processes read (forked)


def blind_words(taxonomy: Taxonomy, lists: list[Path]) -> list[tuple[str, str]]:
    """(cluster, word) of the blind lists, once each, for clusters of the taxonomy and words it
    does not already hold."""
    known = {w for c in taxonomy.clusters.values() for w in (c.name, *c.aliases, *c.keywords)}
    out: dict[tuple[str, str], None] = {}
    for path in lists:
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            cluster, word = line.split("\t")
            if cluster in taxonomy.clusters and word not in known:
                out[(cluster, word)] = None
    return list(out)


def is_harmful(right: int, wrong: int) -> bool:
    """The rule: a blind word goes when development shows it brings more wrong links than right."""
    return wrong >= 2 and wrong > right


def _effect(pair: tuple[str, str]) -> tuple[int, int]:
    base, taxonomy, gold, documents = _state["base"], _state["taxonomy"], _state["gold"], _state["documents"]
    o = score(with_candidate(taxonomy, f"{pair[0]}:{pair[1]}"), gold, documents)
    return o["tp"] - base["tp"], o["fp"] - base["fp"]


def _toml(kept: list[tuple[str, str]]) -> str:
    lines = ["# Blind industry vocabulary of kb's clusters, merged after taxonomy.toml (kb/taxonomy.py).",
             "# Written by bench/cluster_vocabulary.py: the words of bench/cluster-vocabulary-s14.tsv and -s18.tsv",
             "# (written from general knowledge by readers who never saw kb's output), less those the",
             "# development cluster sets show harmful (bench/cluster-vocabulary-effects.tsv). Do not edit by",
             "# hand; add your own words to a taxonomy.toml beside your corpus.", ""]
    for cluster in dict.fromkeys(c for c, _ in kept):
        words = ", ".join(f'"{w}"' for c, w in kept if c == cluster)
        lines += ["[[cluster]]", f'name = "{cluster}"', f"keywords = [{words}]", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", default=[str(ROOT / f) for f in DEVELOPMENT_SETS])
    args = parser.parse_args()
    if held_out := [f for f in args.gold if is_held_out(f)]:
        parser.error(f"{held_out[0]} is a held-out set: words are chosen on development sets only")
    gold = [row for f in args.gold for row in read_jsonl(f)]
    documents = _documents(gold, dirs_for(args.gold, []))
    taxonomy = load_taxonomy(vocabulary=False)
    text = "".join(doc.text for doc, _ in documents.values())
    pairs = blind_words(taxonomy, BLIND_LISTS)
    present = [p for p in pairs if p[1] in text]  # a word the documents never write changes nothing
    _state.update(base=score(taxonomy, gold, documents), taxonomy=taxonomy, gold=gold, documents=documents)
    with multiprocessing.get_context("fork").Pool() as pool:
        effects = dict(zip(present, pool.map(_effect, present, chunksize=4), strict=True))
    rows, kept = ["cluster\tword\tright\twrong\tkept"], []
    for pair in pairs:
        right, wrong = effects.get(pair, (0, 0))
        keep = not is_harmful(right, wrong)
        rows.append(f"{pair[0]}\t{pair[1]}\t{right}\t{wrong}\t{'yes' if keep else 'no'}")
        if keep:
            kept.append(pair)
    EFFECTS.write_text("\n".join(rows) + "\n", encoding="utf-8")
    VOCABULARY.write_text(_toml(kept), encoding="utf-8")
    print(f"{len(pairs)} blind words, {len(present)} in the development documents; {len(kept)} kept, "
          f"{len(pairs) - len(kept)} dropped; wrote {VOCABULARY.relative_to(ROOT)} and {EFFECTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
