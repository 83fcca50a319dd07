"""Load: read a file, decode or extract its text, and say what document it is.

Offsets everywhere in kb are indexes into the text returned here (Document.text), so
nothing in this module may rewrite the text (no normalisation, no newline
conversion). Only a leading byte-order mark is dropped. PDF, Word, web pages and OFD
go through kb.formats, whose extracted text is this text: the index stores it, and
Document.pages says where each page starts in it.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import stat
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .formats import EXTRACTORS, extract
from .formats import SUFFIXES as FORMAT_SUFFIXES
from .formats.base import LoadError

MAX_FILE_BYTES = int(float(os.environ.get("KB_MAX_FILE_MB", "64")) * 1024 * 1024)
SUFFIXES = FORMAT_SUFFIXES  # .txt .md .markdown .pdf .docx .doc .wps .html .htm .ofd
CATALOG_NAME = "SOURCES.tsv"  # read as the catalog, never reported as skipped
TAXONOMY_NAME = "taxonomy.toml"  # in a folder given to ingest: read as the taxonomy, never reported

__all__ = ["Document", "LoadError", "SUFFIXES", "find_files", "load_document", "read_bytes", "skipped_summary"]


@dataclass
class Document:
    path: str  # relative to the ingested root, with forward slashes
    text: str  # decoded text, or the text extracted from a PDF/Word/web page/OFD file
    encoding: str  # how the bytes were decoded; "utf-8" for extracted formats
    sha256: str  # of the file's bytes
    title: str
    year: str
    doc_type: str
    is_markdown: bool
    pages: list[int] = field(default_factory=list)  # char offset where each page starts; [] without pages
    source_format: str = "text"  # text | pdf | docx | doc | wps | html | ofd (pdf-ocr when OCR read it)

    def page_at(self, offset: int) -> int | None:
        """1-based page holding text[offset], None for formats without pages."""
        if not self.pages:
            return None
        return max(1, bisect_right(self.pages, offset))


def _is_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\x89PNG", b"PK\x03\x04", b"%PDF", b"\x7fELF", b"GIF8", b"\xff\xd8\xff")):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with BOM carries NULs by design
    if not head:
        return False
    nul = head.count(b"\x00")
    return nul > len(head) // 100 + 2


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); raise LoadError when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise LoadError(f"invalid UTF-16 at byte {exc.start}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise LoadError(
                f"not UTF-8 (bad byte at {utf8_error.start}) and not GB18030/GBK"
            ) from None
        if _looks_chinese(text):
            return text, "gb18030"
        raise LoadError(f"not UTF-8 (bad byte at {utf8_error.start}) and not GB18030/GBK")


def _looks_chinese(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    rare = sum(1 for ch in sample if "\u3400" <= ch <= "\u4dbf" or "\ue000" <= ch <= "\uf8ff")
    return cjk > 0 and rare * 20 < cjk


_YEAR_IN_TEXT = re.compile(r"(?<![0-9])((?:19|20)\d{2}|20\dx|20xx)(?=年)")
_YEAR_IN_NAME = re.compile(r"(?<![0-9])((?:19|20)\d{2}|20\dx|20xx)(?![0-9])")
_HEADING_START = re.compile(r"^\s*(#+\s*)?")


def guess_title(text: str, fallback: str) -> str:
    for line in text.splitlines()[:5]:
        line = _HEADING_START.sub("", line).strip()
        if not line:
            continue
        collapsed = re.sub(r"\s+", "", line)
        if len(collapsed) <= 60 and not re.search(r"[。！？；：:]$", collapsed) and not collapsed.startswith("各位代表"):
            return collapsed
        break
    return fallback


def guess_year(title: str, name: str, text: str) -> str:
    for source in (title, name):
        m = _YEAR_IN_NAME.search(source)
        if m:
            return m.group(1)
    m = _YEAR_IN_TEXT.search(text[:3000])
    return m.group(1) if m else ""


def guess_type(title: str, name: str) -> str:
    # order matters: 关于…意见的通知 is a 通知 carrying an 意见
    for word in ("讲话", "报告", "条例", "规划", "办法", "通知", "意见"):
        if word in title:
            return word
    lowered = name.lower()
    for key, word in (("speech", "讲话"), ("report", "报告"), ("reg", "条例"), ("plan", "规划")):
        if key in lowered:
            return word
    for word in ("措施", "决定", "规定", "函", "通报", "批复"):
        if word in title:
            return "other"
    return "other"


def catalog_folder(source: Path, rel: str) -> Path:
    """Where the SOURCES.tsv describing a document sits: the folder the ingest was given (rel, the
    document's path in the index, is relative to it), or the file's own folder when a file was
    given. A first ingest and a later re-link read the same catalog, so a document keeps its title."""
    depth = len(Path(rel).parts)
    return source.parents[depth - 1] if 0 < depth <= len(source.parents) else source.parent


def catalog_row(catalog: dict[str, dict[str, str]] | None, rel: str) -> dict[str, str]:
    """A document's row of its catalog: by its path under the ingested folder, else by its file name."""
    catalog = catalog or {}
    return catalog.get(rel) or catalog.get(os.path.basename(rel)) or {}


def read_catalog(root: Path) -> dict[str, dict[str, str]]:
    """SOURCES.tsv beside the documents (file, title, year, ...) overrides guesses."""
    catalog = root / "SOURCES.tsv"
    if not catalog.is_file():
        return {}
    rows: dict[str, dict[str, str]] = {}
    try:
        with catalog.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row.get("file"):
                    rows[row["file"]] = {k: (v or "") for k, v in row.items() if k}
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    return rows


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise LoadError("not a regular file")  # a FIFO would block the ingest forever
        size = st.st_size
        if size > max_bytes:
            raise LoadError(f"too large ({size / 2**20:.0f} MB > {max_bytes / 2**20:.0f} MB limit)")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
        after = path.stat()
    except PermissionError:
        raise LoadError("permission denied") from None
    except OSError as exc:
        raise LoadError(exc.strerror or str(exc)) from None
    if len(data) != after.st_size:
        raise LoadError("file changed while being read")
    return data


def load_document(
    path: Path, rel: str, catalog: dict[str, dict[str, str]] | None = None, data: bytes | None = None
) -> Document:
    """The document at path (rel is its path under the ingested root); LoadError says why not."""
    if data is None:
        data = read_bytes(path)
    if not data.strip():
        raise LoadError("empty file")
    suffix = path.suffix.lower()
    pages: list[int] = []
    source_format = "text"
    if suffix in EXTRACTORS:
        extracted = extract(suffix, data)
        text, encoding, pages = extracted.text, "utf-8", extracted.pages
        source_format = "html" if suffix == ".htm" else suffix.lstrip(".")
        source_format += "-ocr" if extracted.ocr else ""
        if not text.strip():
            raise LoadError(f"no text in the {source_format.upper()} file")
    else:
        text, encoding = _decode_text_file(data)
    meta = catalog_row(catalog, rel)
    stem = Path(rel).stem
    title = meta.get("title") or guess_title(text, stem)
    year = meta.get("year") or guess_year(title, stem, text)
    return Document(
        path=rel,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        title=title,
        year=year,
        doc_type=guess_type(title, stem),
        is_markdown=suffix in (".md", ".markdown"),
        pages=pages,
        source_format=source_format,
    )


def _decode_text_file(data: bytes) -> tuple[str, str]:
    if _is_binary(data):
        raise LoadError("binary file")
    text, encoding = decode(data)
    if "\x00" in text:
        raise LoadError("contains NUL characters (binary or corrupted text)")
    if not text.strip():
        raise LoadError("empty file")
    return text, encoding


def find_files(paths: list[Path]) -> tuple[list[tuple[Path, Path]], list[tuple[Path, str]]]:
    """Expand the given files and folders into (root, file) pairs; report what is skipped.

    The root is what document paths are made relative to: the folder given, or a
    single file's parent.
    """
    found: list[tuple[Path, Path]] = []
    problems: list[tuple[Path, str]] = []
    for given in paths:
        if given.is_file():
            found.append((given.parent, given))
            continue
        if not given.exists():
            problems.append((given, "no such file or folder"))
            continue
        seen_dirs: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(given, followlinks=True, onerror=None):
            try:
                st = os.stat(dirpath)
            except OSError:
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                problems.append((Path(dirpath), "symlink loop, not followed"))
                dirnames[:] = []
                continue
            seen_dirs.add(key)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or name == CATALOG_NAME or (name == TAXONOMY_NAME and Path(dirpath) == given):
                    continue
                file_path = Path(dirpath) / name
                if not name.lower().endswith(SUFFIXES):
                    problems.append((file_path, unsupported_reason(file_path)))
                    continue
                if not file_path.exists():
                    problems.append((file_path, "broken link or unreadable entry"))
                    continue
                found.append((given, file_path))
    return found, problems


def unsupported_reason(path: Path) -> str:
    return f"unsupported file type {path.suffix.lower()}" if path.suffix else "unsupported file type (no extension)"


def skipped_summary(problems: list[tuple[Path | str, str]], most: int = 3) -> list[str]:
    """One line per skipped file, but one summary line per extension and reason when more
    than `most` files share them: ".jpg: 120 files skipped (unsupported file type .jpg)"."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path, reason in problems:
        groups[(Path(str(path)).suffix.lower(), reason)].append(str(path))
    lines = []
    for (suffix, reason), paths in groups.items():
        if len(paths) > most:
            lines.append(f"{suffix or '(no extension)'}: {len(paths)} files skipped ({reason}), e.g. {paths[0]}")
        else:
            lines.extend(f"skipped {p}: {reason}" for p in paths)
    return lines
