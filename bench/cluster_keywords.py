"""Marginal effect of candidate cluster keywords on annotated cluster sets, without an index.

    python bench/cluster_keywords.py eval/dev/clusters-dev.jsonl eval/test/clusters-test.jsonl \
        eval/test2/clusters-test2.jsonl --try 节能环保:污染 --try 现代服务业:消费

Each candidate (CLUSTER:word, or CLUSTER:-word to drop one; changes joined by " + " are tried
together, so "新一代信息技术:-5G + 数字经济:5G" moves a word) is tried alone against the bundled
taxonomy, with the bundled aboutness model (not refitted: a candidate's gain may not survive
python bench/train_aboutness.py); the change in right and wrong cluster links is printed. `--words FILE` tries every word
of a TSV (header `cluster<TAB>word`) that the annotated documents contain, as session 14 did with
a vocabulary written from general knowledge (bench/cluster-vocabulary-s14.tsv):

    python bench/cluster_keywords.py eval/dev/clusters-dev-guide.jsonl eval/test/clusters-test-guide.jsonl \
        eval/test2/clusters-test2-guide.jsonl eval/dev4/clusters-dev4.jsonl eval/dev6/clusters-dev6.jsonl \
        eval/dev7/clusters-dev7.jsonl --words bench/cluster-vocabulary-s14.tsv

Session 6 kept a word where it added at least two right links and at least twice as many right
links as wrong ones, on the development sets only (docs/quality.md).
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from links_quality import dirs_for, find_document, is_held_out, load_segmented, read_jsonl  # noqa: E402

from kb.aboutness import AboutnessModel  # noqa: E402
from kb.eval_links import clusters_by_line, score_clusters  # noqa: E402
from kb.link import Linker  # noqa: E402
from kb.taxonomy import Taxonomy, load_taxonomy  # noqa: E402


def _documents(gold: list[dict], dirs: list[Path]) -> dict:
    """Each gold document once, read and segmented (the links are what a candidate changes)."""
    return {name: load_segmented(find_document(name, dirs)) for name in dict.fromkeys(r["doc"] for r in gold)}


def score(taxonomy: Taxonomy, gold: list[dict], documents: dict, model: AboutnessModel | None = None) -> dict:
    """Micro precision/recall of the cluster links the taxonomy gives the gold paragraphs
    (with kb's aboutness model, as an ingest links them, unless another `model` is given)."""
    linker = Linker(taxonomy, aboutness=model or AboutnessModel.load())
    by_paragraph = {}
    for name, (doc, passages) in documents.items():
        for line, names in clusters_by_line(doc.text, linker.link_document(doc, passages)).items():
            by_paragraph[(name, line)] = names
    return score_clusters(gold, by_paragraph)["overall"]


def with_candidate(taxonomy: Taxonomy, candidate: str) -> Taxonomy:
    changed = copy.deepcopy(taxonomy)
    for change in candidate.split(" + "):  # spaced: a word may hold + (互联网+)
        cluster_name, word = change.strip().split(":", 1)
        cluster = changed.clusters[cluster_name]
        if word.startswith("-"):
            cluster.keywords = [k for k in cluster.keywords if k != word[1:]]
            cluster.aliases = [k for k in cluster.aliases if k != word[1:]]
        else:
            cluster.keywords.append(word)
    return changed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+")
    parser.add_argument("--try", dest="candidates", action="append", default=[], metavar="CLUSTER:WORD")
    parser.add_argument("--words", type=Path, help="a TSV of cluster and word to try, one per line")
    args = parser.parse_args(argv)
    if held_out := [f for f in args.gold if is_held_out(f)]:
        parser.error(f"{held_out[0]} is a held-out set: words are chosen on development sets only")
    gold = [row for f in args.gold for row in read_jsonl(f)]
    documents = _documents(gold, dirs_for(args.gold, []))
    taxonomy = load_taxonomy()
    if args.words:
        text = "".join(doc.text for doc, _ in documents.values())
        for line in args.words.read_text(encoding="utf-8").splitlines()[1:]:
            cluster_name, word = line.split("\t")
            if cluster_name in taxonomy.clusters and word in text:
                args.candidates.append(f"{cluster_name}:{word}")
    base = score(taxonomy, gold, documents)
    print(f"{'taxonomy as bundled':26} P {base['precision']:.3f} R {base['recall']:.3f}  tp {base['tp']} fp {base['fp']}")
    for candidate in args.candidates:
        o = score(with_candidate(taxonomy, candidate), gold, documents)
        print(f"{candidate:26} P {o['precision']:.3f} R {o['recall']:.3f}  "
              f"right {o['tp'] - base['tp']:+d} wrong {o['fp'] - base['fp']:+d}")


if __name__ == "__main__":
    main()
