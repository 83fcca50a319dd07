"""Write kb/data/cluster_vocabulary.toml: the blind industry vocabulary, less what development shows harmful.

    python bench/cluster_vocabulary.py

Three lists of industry words per cluster were written blind, from general knowledge, by helper
sessions that never saw kb's output (bench/cluster-vocabulary-s14.tsv, -s18.tsv, and -s34.tsv, 1,293
words written in session 34 without the earlier lists, told only each cluster's names and a few words). Until session 18 a
word joined the taxonomy only where the development sets showed it useful (at least two right
links and twice as many right as wrong: bench/cluster_keywords.py). That rule cannot accept a word
the annotated paragraphs hold once or never, and what it accepted did not carry over: on dev10,
documents no vocabulary was chosen on, the rule's vocabulary found 0.29 of the links, the
whole blind vocabulary 0.45 (leave one document out). Session 19 turned the rule round: every blind
word is kept unless the development sets show it harmful, at least two wrong links and more wrong
than right, counting the right links it takes from another word as harm (旅游: one right, 13 wrong;
人形机器人, which takes 机器人's mentions from 高端装备: two right links lost, one wrong).

Each word is measured alone against the bundled taxonomy without this vocabulary, with an aboutness
model fitted on that taxonomy (bench/train_aboutness.py's fit), so that a run reproduces the file
whatever model kb ships; refit kb's model afterwards (python bench/train_aboutness.py). Writes the
measurements to bench/cluster-vocabulary-effects.tsv. Each word relinks only the development documents
that write it (before session 31 every one, over an hour on two cores for twenty-six sets).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cluster_keywords import _documents, score, with_candidate  # noqa: E402
from links_quality import dirs_for, is_held_out, read_jsonl  # noqa: E402
from train_aboutness import DEVELOPMENT_SETS, fit_on_development  # noqa: E402

from kb.link import Linker  # noqa: E402
from kb.taxonomy import Taxonomy, load_taxonomy, toml_string  # noqa: E402
from kb.tokenize import to_simplified  # noqa: E402

BLIND_LISTS = [ROOT / "bench" / "cluster-vocabulary-s14.tsv", ROOT / "bench" / "cluster-vocabulary-s18.tsv",
               ROOT / "bench" / "cluster-vocabulary-s34.tsv"]
VOCABULARY = ROOT / "kb" / "data" / "cluster_vocabulary.toml"
EFFECTS = ROOT / "bench" / "cluster-vocabulary-effects.tsv"

_state: dict = {}  # what the worker processes read (forked)


def blind_words(taxonomy: Taxonomy, lists: list[Path]) -> list[tuple[str, str]]:
    """(cluster, word) of the blind lists, once each, for clusters of the taxonomy and words it
    does not already hold; a word the lists give two clusters (元宇宙) is left out, as its writers
    could not say which industry it names."""
    known = {w for c in taxonomy.clusters.values() for w in (c.name, *c.aliases, *c.keywords)}
    out: dict[tuple[str, str], None] = {}
    for path in lists:
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            cluster, word = line.split("\t")
            if cluster in taxonomy.clusters and word not in known:
                out[(cluster, word)] = None
    owners = Counter(word for _, word in out)
    return [pair for pair in out if owners[pair[1]] == 1]


def is_harmful(right: int, wrong: int) -> bool:
    """The rule: a blind word goes when its harm on development (its wrong links, and the right
    links it takes from another word, a negative `right`) is two or more and exceeds its good."""
    harm = wrong + max(0, -right)
    return harm >= 2 and harm > max(0, right)


def _effect(pair: tuple[str, str]) -> tuple[int, int]:
    """Right and wrong links the word adds alone (read in a forked worker: the state is the parent's).
    Only the documents that write the word are relinked: a document links each of its own clauses, so
    one that never writes the word links as before (since session 31; the same counts, found in minutes)."""
    taxonomy, gold, documents, texts = _state["taxonomy"], _state["gold"], _state["documents"], _state["texts"]
    writing = {name for name, text in texts.items() if pair[1] in text}
    if not writing:
        return 0, 0
    o = score(with_candidate(taxonomy, f"{pair[0]}:{pair[1]}"), [r for r in gold if r["doc"] in writing],
              {name: documents[name] for name in writing}, _state["model"])
    base = _state["base_by_document"]
    return o["tp"] - sum(base[n]["tp"] for n in writing), o["fp"] - sum(base[n]["fp"] for n in writing)


def _toml(kept: list[tuple[str, str]]) -> str:
    """The vocabulary file: a header saying where it comes from, then one entry per cluster."""
    lines = ["# Blind industry vocabulary of kb's clusters, merged after taxonomy.toml (kb/taxonomy.py).",
             "# Written by bench/cluster_vocabulary.py: the words of bench/cluster-vocabulary-s14.tsv, -s18.tsv and -s34.tsv",
             "# (written from general knowledge by readers who never saw kb's output), less those the",
             "# development cluster sets show harmful (bench/cluster-vocabulary-effects.tsv). Do not edit by",
             "# hand; add your own words to a taxonomy.toml beside your corpus.", ""]
    for cluster in dict.fromkeys(c for c, _ in kept):
        words = ", ".join(toml_string(w) for c, w in kept if c == cluster)
        lines += ["[[cluster]]", f"name = {toml_string(cluster)}", f"keywords = [{words}]", ""]
    return "\n".join(lines)


def _effects(present: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, int]]:
    """Each word's effect, on every core where processes fork (Linux), else one by one."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return {pair: _effect(pair) for pair in present}
    with multiprocessing.get_context("fork").Pool() as pool:
        return dict(zip(present, pool.map(_effect, present, chunksize=4), strict=True))


def main() -> None:
    """Measure every blind word the development documents write, keep what is not harmful, write both files."""
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()  # the development sets, always
    files = [str(ROOT / f) for f in DEVELOPMENT_SETS]
    assert not any(is_held_out(f) for f in files), "words are chosen on development sets only"
    gold = [row for f in files for row in read_jsonl(f)]
    documents = _documents(gold, dirs_for(files, []))
    taxonomy = load_taxonomy(vocabulary=False)
    text = to_simplified("".join(doc.text for doc, _ in documents.values()))  # kb reads simplified
    pairs = blind_words(taxonomy, BLIND_LISTS)
    present = [p for p in pairs if p[1] in text]  # a word the documents never write changes nothing
    model = fit_on_development(Linker(taxonomy, aboutness=None))
    base_by_document = {name: score(taxonomy, [r for r in gold if r["doc"] == name], {name: documents[name]}, model)
                        for name in documents}
    texts = {name: to_simplified(doc.text) for name, (doc, _) in documents.items()}
    _state.update(base_by_document=base_by_document, texts=texts, taxonomy=taxonomy, gold=gold, documents=documents,
                  model=model)
    effects = _effects(present)
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
