"""PDF: the text layer through pypdfium2 (PDFium, the engine Chromium uses to show PDFs).

Chosen by measurement (docs/formats.md): ~90 pages/s against pdfplumber's ~4.5 on the
same Chromium-printed Chinese pages, lines in reading order, Apache-2.0/BSD licence.
A page without a text layer goes to OCR when the `ocr` extra is installed.
"""

from __future__ import annotations

from .base import Extracted, LoadError, assemble, check_page_count, drop_running_lines, join_lines

MIN_CHARS_PER_PAGE = 10  # fewer non-space characters than this on every page: a scan


def _open(data: bytes):
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise LoadError("PDF support is not installed: pip install 'kb[formats]'") from None
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise LoadError("encrypted PDF: it needs a password, save an unprotected copy") from None
        reason = str(exc).split(":")[-1].strip(" .)") or "cannot be parsed"
        raise LoadError(f"damaged or truncated PDF ({reason})") from None


def page_lines(data: bytes) -> list[list[str]]:
    """The text layer's lines, page by page."""
    pdf = _open(data)
    try:
        check_page_count(len(pdf))
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            raw = textpage.get_text_range()
            textpage.close()
            page.close()
            pages.append(raw.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").split("\n"))
        return pages
    finally:
        pdf.close()


def render_pages(data: bytes, scale: float = 2.0) -> list:
    """Each page as a PIL image, for OCR."""
    pdf = _open(data)
    try:
        return [pdf[i].render(scale=scale).to_pil() for i in range(len(pdf))]
    finally:
        pdf.close()


def extract(data: bytes) -> Extracted:
    pages = page_lines(data)
    if all(sum(len(line.strip()) for line in lines) < MIN_CHARS_PER_PAGE for lines in pages):
        from . import ocr

        return ocr.ocr_pdf(data, len(pages))
    cleaned = drop_running_lines(pages)
    return assemble([join_lines(lines) for lines in cleaned])
