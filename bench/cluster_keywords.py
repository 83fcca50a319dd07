"""Marginal effect of candidate cluster keywords on annotated cluster sets, without an index.

    python bench/cluster_keywords.py eval/dev/clusters-dev.jsonl eval/test/clusters-test.jsonl \
        eval/test2/clusters-test2.jsonl --try 节能环保:污染 --try 现代服务业:消费

Each candidate (CLUSTER:word, or CLUSTER:-word to drop one) is tried alone against the bundled
taxonomy; the change in right and wrong cluster links is printed. Session 6 kept a word where it
added at least two right links and at least twice as many right links as wrong ones, on the
development sets only (docs/quality.md).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.eval_links import clusters_by_line, score_clusters  # noqa: E402
from kb.link import Linker  # noqa: E402
from kb.load import load_document, read_catalog  # noqa: E402
from kb.segment import segment  # noqa: E402
from kb.taxonomy import Taxonomy, load_taxonomy  # noqa: E402


def _documents(gold: list[dict], dirs: list[Path]) -> dict:
    out = {}
    for row in gold:
        if row["doc"] in out:
            continue
        path = next((d / row["doc"] for d in dirs if (d / row["doc"]).is_file()), None)
        if path is None:
            raise SystemExit(f"document {row['doc']} not found")
        doc = load_document(path, path.name, read_catalog(path.parent))
        out[row["doc"]] = (doc, segment(doc.text))
    return out


def score(taxonomy: Taxonomy, gold: list[dict], documents: dict) -> dict:
    """Micro precision/recall of the cluster links the taxonomy gives the gold paragraphs."""
    linker = Linker(taxonomy)
    by_paragraph = {}
    for name, (doc, passages) in documents.items():
        for line, names in clusters_by_line(doc.text, linker.link_document(doc, passages)).items():
            by_paragraph[(name, line)] = names
    return score_clusters(gold, by_paragraph)["overall"]


def with_candidate(taxonomy: Taxonomy, candidate: str) -> Taxonomy:
    cluster_name, word = candidate.split(":", 1)
    changed = copy.deepcopy(taxonomy)
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
    args = parser.parse_args(argv)
    gold = [json.loads(line) for f in args.gold for line in Path(f).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    dirs = [ROOT / "corpus", ROOT.parent / "shared" / "corpus"]
    documents = _documents(gold, dirs)
    taxonomy = load_taxonomy()
    base = score(taxonomy, gold, documents)
    print(f"{'taxonomy as bundled':26} P {base['precision']:.3f} R {base['recall']:.3f}  tp {base['tp']} fp {base['fp']}")
    for candidate in args.candidates:
        o = score(with_candidate(taxonomy, candidate), gold, documents)
        print(f"{candidate:26} P {o['precision']:.3f} R {o['recall']:.3f}  "
              f"right {o['tp'] - base['tp']:+d} wrong {o['fp'] - base['fp']:+d}")


if __name__ == "__main__":
    main()
