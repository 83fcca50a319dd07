"""Extraction speed: pages per second for PDF and DOCX (and the web page and OFD readers).

Makes one multi-page document from corpus text (the opening of the 2025 Chongqing report
plus its 二、 section repeated), writes it as a web page, prints that with headless
Chromium to PDF, writes it as DOCX with python-docx and as OFD, then times
kb.load.load_document on each. DOCX has no pages: its rate is the PDF's page count of the
same text over the DOCX time, so the two rows compare.

    python bench/extract.py [--repeat 8] [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.load import load_document  # noqa: E402
from tests import formats_samples as samples  # noqa: E402


def _time(path: Path, runs: int) -> tuple[float, int, int]:
    best = float("inf")
    doc = None
    for _ in range(runs):
        start = time.perf_counter()
        doc = load_document(path, path.name)
        best = min(best, time.perf_counter() - start)
    return best, len(doc.text), len(doc.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=8, help="how many times the 二、 section is repeated")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {
            "html": samples.write_html(folder / "doc.html", repeat=args.repeat),
            "docx": samples.write_docx(folder / "doc.docx", repeat=args.repeat),
        }
        if samples.chromium():
            printable = samples.write_html(folder / "print.html", repeat=args.repeat, site=False)
            files["pdf"] = samples.print_pdf(printable, folder / "doc.pdf")
        files["ofd"] = samples.write_ofd(folder / "doc.ofd")
        results = {kind: _time(path, args.runs) for kind, path in files.items()}
    pdf_pages = results["pdf"][2] if "pdf" in results else 0
    print(f"{'format':<6} {'seconds':>8} {'chars':>8} {'pages':>6} {'pages/s':>8}")
    for kind, (seconds, chars, pages) in results.items():
        counted = pages or (pdf_pages if kind in ("docx", "html") else 0)
        rate = f"{counted / seconds:8.1f}" if counted else f"{'-':>8}"
        print(f"{kind:<6} {seconds:8.3f} {chars:8d} {counted:6d} {rate}")
    if pdf_pages:
        print(f"(docx and html: pages of the same text as printed to PDF, {pdf_pages} A4 pages)")


if __name__ == "__main__":
    main()
