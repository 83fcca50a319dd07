"""Formats kb reads besides plain text: which suffix goes to which extractor.

Each extractor takes the file's bytes and returns `Extracted` (text, page starts) or
raises LoadError with one line for the user. Libraries are imported inside the
extractors, so a missing optional one costs one skip line, not the ingest.
"""

from __future__ import annotations

from collections.abc import Callable

from .base import Extracted, LoadError

TEXT_SUFFIXES = (".txt", ".md", ".markdown")


def _pdf(data: bytes) -> Extracted:
    from . import pdf

    return pdf.extract(data)


def _docx(data: bytes) -> Extracted:
    from . import docx

    return docx.extract(data)


def _legacy_word(suffix: str) -> Callable[[bytes], Extracted]:
    def convert(data: bytes) -> Extracted:
        from . import docx

        return docx.extract_legacy(data, suffix)

    return convert


def _html(data: bytes) -> Extracted:
    from . import html

    return html.extract(data)


def _ofd(data: bytes) -> Extracted:
    from . import ofd

    return ofd.extract(data)


EXTRACTORS: dict[str, Callable[[bytes], Extracted]] = {
    ".pdf": _pdf,
    ".docx": _docx,
    ".doc": _legacy_word(".doc"),
    ".wps": _legacy_word(".wps"),
    ".html": _html,
    ".htm": _html,
    ".ofd": _ofd,
}
SUFFIXES = TEXT_SUFFIXES + tuple(EXTRACTORS)


def extract(suffix: str, data: bytes) -> Extracted:
    """Text and page starts of a non-text file; LoadError when it cannot be read."""
    extractor = EXTRACTORS.get(suffix.lower())
    if extractor is None:
        raise LoadError(f"unsupported file type {suffix or '(no extension)'}")
    try:
        return extractor(data)
    except LoadError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise LoadError(f"could not extract text ({type(exc).__name__})") from None
    except Exception as exc:  # a library's own error on a broken file must cost one line, not the ingest
        raise LoadError(f"could not extract text ({type(exc).__name__}: {str(exc).splitlines()[0][:80] if str(exc) else ''})") from None


__all__ = ["EXTRACTORS", "SUFFIXES", "TEXT_SUFFIXES", "Extracted", "LoadError", "extract"]
