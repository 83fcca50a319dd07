"""OFD (GB/T 33190): a zip of XML, read with zipfile and lxml.

Why not a reader from PyPI: easyofd, the maintained one, depends on PyMuPDF (AGPL) and
reportlab to render OFD to PDF/images; its text comes out per glyph object with no line
order. The text we need is in the XML: OFD.xml names the document, Document.xml lists
the pages, each page's Content.xml holds TextObjects with positions. We group their
TextCodes into lines by position (many writers emit one object per glyph), then join
lines into paragraphs and drop page numbers as for PDF. Page templates (running
headers) and annotations (seals) are not read.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from .base import Extracted, LoadError, assemble, check_page_count, drop_running_lines, join_lines

MAX_PART_BYTES = 64 * 1024 * 1024


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, name: str):
    return [e for e in element.iter() if _local(e.tag) == name]


def _numbers(value: str | None) -> list[float]:
    try:
        return [float(v) for v in (value or "").split()]
    except ValueError:
        return []


def _read_xml(archive: zipfile.ZipFile, name: str):
    from lxml import etree

    name = name.lstrip("/")
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise LoadError(f"damaged OFD file ({name} is missing)") from None
    if info.file_size > MAX_PART_BYTES:
        raise LoadError(f"OFD part {name} is too large ({info.file_size / 2**20:.0f} MB)")
    try:
        return etree.fromstring(archive.read(info), etree.XMLParser(resolve_entities=False, no_network=True))
    except (etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, OSError) as exc:
        raise LoadError(f"damaged OFD file ({name}: {str(exc)[:60]})") from None


def page_lines(content) -> list[str]:
    """A page's text lines: TextCodes at the same height, left to right."""
    pieces: list[tuple[float, float, float, str]] = []
    for obj in _children(content, "TextObject"):
        box = _numbers(obj.get("Boundary")) or [0.0, 0.0, 0.0, 0.0]
        size = (_numbers(obj.get("Size")) or [3.5])[0]
        for code in _children(obj, "TextCode"):
            x = box[0] + ((_numbers(code.get("X")) or [0.0])[0])
            y = box[1] + ((_numbers(code.get("Y")) or [0.0])[0])
            pieces.append((y, x, size, code.text or ""))
    pieces.sort()
    lines: list[list[tuple[float, str]]] = []
    last_y = None
    for y, x, size, text in pieces:
        if last_y is None or abs(y - last_y) > size * 0.5:
            lines.append([])
            last_y = y
        lines[-1].append((x, text))
    return ["".join(text for _, text in sorted(line)) for line in lines]


def document_pages(archive: zipfile.ZipFile) -> list[list[str]]:
    ofd = _read_xml(archive, "OFD.xml")
    roots = [e.text.strip() for e in _children(ofd, "DocRoot") if e.text and e.text.strip()]
    if not roots:
        raise LoadError("damaged OFD file (OFD.xml names no document)")
    document_path = roots[0].lstrip("/")
    document = _read_xml(archive, document_path)
    base = posixpath.dirname(document_path)
    locations = [p.get("BaseLoc") for p in _children(document, "Page") if p.get("BaseLoc")]
    check_page_count(len(locations))
    pages = []
    for location in locations:
        path = location.lstrip("/") if location.startswith("/") else posixpath.normpath(posixpath.join(base, location))
        pages.append(page_lines(_read_xml(archive, path)))
    return pages


def extract(data: bytes) -> Extracted:
    if not data.startswith(b"PK\x03\x04"):
        raise LoadError("not an OFD file (not a zip archive)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError) as exc:
        raise LoadError(f"damaged OFD file ({exc})") from None
    with archive:
        pages = document_pages(archive)
    if not any(line.strip() for lines in pages for line in lines):
        raise LoadError("no text in the OFD file (a scanned image?)")
    return assemble([join_lines(lines) for lines in drop_running_lines(pages)])
