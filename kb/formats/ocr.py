"""OCR for scanned pages: rapidocr-onnxruntime, whose wheel ships its detection and
recognition models (nothing is downloaded at run time). Optional: the `ocr` extra.

Without it a scanned PDF is skipped with one line that says how to enable OCR.
"""

from __future__ import annotations

from .base import Extracted, LoadError, assemble, drop_running_lines, join_lines

HINT = "no text layer (a scanned document?): install OCR with pip install 'kb[ocr]'"


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


_ENGINE = None


def _engine():
    global _ENGINE
    if _ENGINE is None:
        from rapidocr_onnxruntime import RapidOCR

        _ENGINE = RapidOCR()
    return _ENGINE


def image_lines(image) -> list[str]:
    """Text lines of one page image, top to bottom, left to right within a line."""
    import numpy as np

    result, _ = _engine()(np.asarray(image.convert("RGB")))
    boxes = []
    for box, text, _score in result or []:
        ys = [p[1] for p in box]
        xs = [p[0] for p in box]
        boxes.append((min(ys), max(ys), min(xs), text))
    boxes.sort()
    lines: list[list[tuple[float, str]]] = []
    bottoms: list[float] = []
    for top, bottom, left, text in boxes:
        if lines and top < bottoms[-1] - (bottom - top) * 0.5:  # overlaps the line above: same line
            lines[-1].append((left, text))
            bottoms[-1] = max(bottoms[-1], bottom)
        else:
            lines.append([(left, text)])
            bottoms.append(bottom)
    return ["".join(text for _, text in sorted(line)) for line in lines]


def ocr_pdf(data: bytes, page_count: int) -> Extracted:
    if not available():
        raise LoadError(HINT)
    from .pdf import render_pages

    pages = [image_lines(image) for image in render_pages(data)]
    if not any(any(line.strip() for line in lines) for lines in pages):
        raise LoadError(f"no text layer and OCR found no text on its {page_count} page(s)")
    extracted = assemble([join_lines(lines) for lines in drop_running_lines(pages)])
    extracted.ocr = True
    return extracted
