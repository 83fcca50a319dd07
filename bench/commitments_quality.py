"""Commitment extraction against an annotation file, per document, without an index.

    python bench/commitments_quality.py eval/dev/commitments-dev.jsonl [--verbose]

Documents are read from ../shared/corpus, falling back to ../main/corpus and ./corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.eval_commitments import score_commitments  # noqa: E402
from kb.link import Linker  # noqa: E402
from kb.load import load_document, read_catalog  # noqa: E402
from kb.segment import segment  # noqa: E402
from kb.targets import Target, extract_targets  # noqa: E402

CORPORA = (Path("/work/shared/corpus"), Path("/work/main/corpus"), ROOT / "corpus")


def find_document(name: str) -> Path:
    """The first corpus that holds the document."""
    for corpus in CORPORA:
        if (corpus / name).exists():
            return corpus / name
    raise FileNotFoundError(name)


def extract(path: Path, linker: Linker) -> tuple[str, list[Target]]:
    """The pipeline of an ingest, up to the targets."""
    doc = load_document(path, path.name, read_catalog(path.parent))
    passages = segment(doc.text, doc.is_markdown)
    return doc.text, extract_targets(doc, passages, linker.link_document(doc, passages))


def print_table(result: dict) -> None:
    columns = ("gold", "predicted", "matched", "recall", "precision", "value_unit_year", "strength",
               "qualifier", "metric", "kind")
    print(f"{'document':46} " + " ".join(f"{c[:9]:>9}" for c in columns))
    rows = [*result["documents"].items(), ("OVERALL", result["overall"])]
    for name, figures in rows:
        cells = ["-" if figures[c] is None else str(figures[c]) for c in columns]
        print(f"{name[:46]:46} " + " ".join(f"{c:>9}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--verbose", action="store_true", help="print missed and extra quotes")
    args = parser.parse_args()
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    linker = Linker.load()
    predicted, seconds = {}, 0.0
    for name in sorted({g["doc"] for g in gold}):
        start = time.perf_counter()
        predicted[name] = extract(find_document(name), linker)
        seconds += time.perf_counter() - start
    result = score_commitments(gold, predicted)
    print_table(result)
    print(f"pipeline (load, segment, link, extract): {seconds:.2f} s")
    if args.verbose:
        for name, figures in result["documents"].items():
            for quote in figures["missed"]:
                print(f"MISSED {name[:24]}: {quote}")
            for quote in figures["extra"]:
                print(f"EXTRA  {name[:24]}: {quote}")


if __name__ == "__main__":
    main()
