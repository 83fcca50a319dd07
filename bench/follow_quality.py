"""Follow-through quality on a gold file: pairing precision/recall and status accuracy.

    python bench/follow_quality.py eval/dev/follow-dev.jsonl [--corpus DIR] [--tolerance 0.5] [--json]

Runs without an index: load → segment → link → extract_targets (kb.targets) on the
documents the gold file names, the issuer from SOURCES.tsv (kb.load.read_catalog), then
kb.follow.follow. Scored twice:

- extractor: on the rows kb.targets extracts today (pairing recall is bounded by it);
- oracle: on rows built from the gold quotes alone (metric = the quote's words before
  the value), so the pairing and status logic is measured on its own.

A system pair stands for a gold line when its target is in the same document, its span
overlaps the gold quote and its value equals the gold value (in one base unit); the
result is right when it matches the gold result the same way (or both are absent).
Gold files are not exhaustive, so precision counts only pairs whose target is in gold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.eval_follow import score  # noqa: E402
from kb.follow import TargetRow, follow, issuer_of  # noqa: E402

CORPUS = Path("/work/shared/corpus")


def extracted_rows(corpus: Path, files: list[str]) -> list[TargetRow]:
    """kb.targets rows of the named documents, with their issuer and year."""
    from kb.link import Linker
    from kb.load import load_document, read_catalog
    from kb.segment import segment
    from kb.targets import extract_targets

    catalog = read_catalog(corpus)
    linker = Linker.load()
    rows: list[TargetRow] = []
    for name in files:
        doc = load_document(corpus / name, name, catalog)
        passages = segment(doc.text, doc.is_markdown)
        issuer = issuer_of(doc.title, catalog.get(name, {}).get("issuing_body", ""))
        for i, t in enumerate(extract_targets(doc, passages, linker.link_document(doc, passages))):
            rows.append(TargetRow(f"{name}#{i}", name, issuer, doc.year, t.kind, t.year, t.metric, t.value,
                                  t.value_normalised, t.unit, t.qualifier, t.quote, t.char_start, t.char_end,
                                  paragraph_lead(doc.text, t.char_start)))
    return rows


def paragraph_lead(text: str, start: int) -> str:
    """The paragraph before a quote (what kb.follow reads for context)."""
    return text[text.rfind("\n", 0, start) + 1:start]


def _oracle_row(corpus: Path, years: dict[str, str], gold: dict, side: str, n: int) -> TargetRow:
    """A row as a perfect extractor would give it for one side of a gold line."""
    doc, quote = gold[f"{side}_doc"], gold[f"{side}_quote"]
    text = (corpus / doc).read_text(encoding="utf-8")
    start = text.find(quote)
    value = str(gold[f"{side}_value"])
    number_at = quote.rfind(value.split("-")[0])
    kind, qualifier = ("target", gold["target_qualifier"]) if side == "target" else ("achievement", "")
    return TargetRow(f"oracle-{side}-{n}", doc, gold["issuer"], years.get(doc, ""), kind, gold["year"],
                     quote[:number_at], value, None, gold[f"{side}_unit"], qualifier, quote, start, start + len(quote),
                     paragraph_lead(text, start))


def oracle_rows(corpus: Path, gold: list[dict]) -> list[TargetRow]:
    from kb.load import read_catalog

    years = {name: row.get("year", "") for name, row in read_catalog(corpus).items()}
    rows = []
    for n, line in enumerate(gold):
        rows.append(_oracle_row(corpus, years, line, "target", n))
        if line.get("result_doc"):
            rows.append(_oracle_row(corpus, years, line, "result", n))
    return rows


def _reader(corpus: Path):
    """The text of a gold document, read from the corpus folder."""
    return lambda doc: (corpus / doc).read_text(encoding="utf-8")


def _screenshot(page_file: Path, png: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(page_file.resolve().as_uri())
        page.screenshot(path=str(png), full_page=False)
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--tolerance", type=float, default=0.5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON, errors included")
    parser.add_argument("--html", type=Path, help="write the HTML report of the extractor's pairs here")
    parser.add_argument("--screenshot", type=Path, help="with --html: a PNG of it from headless /usr/bin/chromium")
    args = parser.parse_args(argv)
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    files = sorted({g["target_doc"] for g in gold} | {g["result_doc"] for g in gold if g.get("result_doc")})
    figures = {}
    extracted = extracted_rows(args.corpus, files)
    extracted_pairs = follow(extracted, extracted, args.tolerance)
    figures["extractor"] = score(_reader(args.corpus), gold, extracted_pairs)
    if args.html:
        from kb.report_html import render

        args.html.write_text(render(extracted_pairs), encoding="utf-8")
        if args.screenshot:
            _screenshot(args.html, args.screenshot)
    oracle = oracle_rows(args.corpus, gold)
    figures["oracle"] = score(_reader(args.corpus), gold, follow(oracle, oracle, args.tolerance))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        return 0
    print(f"{args.gold}: {len(gold)} gold lines, {len(files)} documents")
    for name, fig in figures.items():
        print(f"{name:9} targets found {fig['targets_found']}/{fig['gold_lines']}  "
              f"pairing P {fig['pairing_precision']:.3f} R {fig['pairing_recall']:.3f}  "
              f"status accuracy {fig['status_accuracy']:.3f} (on found {fig['status_accuracy_on_found']:.3f})")
        for err in fig["errors"]:
            print(f"    {err['year']} {err['metric']}: gold {err['gold']}, got {err['got']}  {err['result'] or ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
