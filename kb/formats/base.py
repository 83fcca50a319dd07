"""What every format extractor shares: the result type, the error, and the text steps
that turn a page of lines into paragraphs (PDF, OFD) and a table row into one line.

Extraction builds the text once; kb indexes that text, so every offset kb stores is an
offset into `Extracted.text` and `Extracted.pages` says where each page starts in it.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field

MAX_PAGES = int(os.environ.get("KB_MAX_PAGES", "300"))


class LoadError(Exception):
    """A file that cannot be ingested; the message is one line for the user."""


@dataclass
class Extracted:
    text: str
    pages: list[int] = field(default_factory=list)  # char offset where each page starts
    is_markdown: bool = False
    ocr: bool = False  # the text came from OCR of page images


def check_page_count(count: int, what: str = "pages") -> None:
    """A document longer than the limit is refused up front, before minutes of extraction."""
    if count > MAX_PAGES:
        raise LoadError(f"too many {what} ({count} > {MAX_PAGES} limit; set KB_MAX_PAGES to read it)")


# --- tables -------------------------------------------------------------------------

CELL_SEPARATOR = "｜"


def _clean_cell(cell: str) -> str:
    return re.sub(r"\s+", " ", cell).strip()


def table_lines(rows: list[list[str]]) -> list[str]:
    """Each body row becomes one line that names its columns:
    `【指标】地区生产总值｜【2025年目标】增长6%左右`.

    The header is bracketed (not followed by a colon) so the row stays one clause for the
    commitments extractor, which cuts clauses at ，；：: it sees 地区生产总值…增长6%左右 together.
    The first row is taken as the header when the table has more than one row.
    """
    rows = [[_clean_cell(c) for c in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    if len(rows) == 1:
        return [CELL_SEPARATOR.join(c for c in rows[0] if c)]
    header, body = rows[0], rows[1:]
    lines = []
    for row in body:
        parts = []
        for i, cell in enumerate(row):
            if not cell:
                continue
            name = header[i] if i < len(header) else ""
            parts.append(f"【{name}】{cell}" if name and name != cell else cell)
        if parts:
            lines.append(CELL_SEPARATOR.join(parts))
    return lines


# --- pages of lines into paragraphs ----------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·•]*(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?|"
    r"[-—–－]\s*\d{1,4}\s*[-—–－]|page\s*\d+(?:\s*of\s*\d+)?)[\s\-—–－·•]*$",
    re.IGNORECASE,
)
_PARAGRAPH_END = re.compile(r"[。！？；：!?;:…”’）)」』]$")
_MARKER_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d{1,2}[\.．、](?!\d)|[（(]\d{1,2}[）)]|"
    r"第[一二三四五六七八九十百千\d]+[编章节条]|——|[一二三四五六七八九十]+是|【)"
)


def _signature(line: str) -> str:
    """A line with its digits blanked: 'Page 3 of 9' and 'Page 4 of 9' are the same header."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def drop_running_lines(pages: list[list[str]], edge: int = 2) -> list[list[str]]:
    """Remove page numbers, and headers/footers: lines within `edge` of a page's top or
    bottom whose digit-blanked form recurs on at least half of the pages (and 2+ pages)."""
    counts: Counter[str] = Counter()
    for lines in pages:
        # a line that ends a sentence is body text, however often its shape recurs
        edges = {_signature(line) for line in lines[:edge] + lines[-edge:]
                 if line.strip() and not _PARAGRAPH_END.search(line.strip())}
        counts.update(edges)
    threshold = max(2, (len(pages) + 1) // 2)
    running = {sig for sig, n in counts.items() if n >= threshold}
    cleaned = []
    for lines in pages:
        kept = []
        for i, line in enumerate(lines):
            at_edge = i < edge or i >= len(lines) - edge
            if _PAGE_NUMBER.match(line) and line.strip():
                continue
            if at_edge and _signature(line) in running:
                continue
            kept.append(line)
        cleaned.append(kept)
    return cleaned


def _is_latin_edge(a: str, b: str) -> bool:
    """Words wrapped at a space need one back; digits (10|0) and CJK wrap anywhere and need none."""
    return bool(re.match(r"[A-Za-z,.;:]", a[-1:])) and bool(re.match(r"[A-Za-z]", b[:1]))


# not East Asian Wide/Fullwidth (unicodedata.east_asian_width not in "WF"), as one class
_NARROW = re.compile(
    "[^\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


def display_width(line: str) -> float:
    """Width in ems: CJK and full-width characters 1, the rest (digits, Latin, “”) half."""
    return len(line) - 0.5 * len(_NARROW.findall(line))


def join_lines(lines: list[str]) -> list[str]:
    """Re-join a page's wrapped lines into paragraphs.

    A line continues into the next unless it ends a sentence block (。；：…), is clearly
    shorter than the page's full lines (90 % of them), or the next line starts a numbering marker.
    CJK lines join with nothing between them (no break inside 发展), Latin ones with a space.
    """
    lines = [line.strip() for line in lines]
    widths = sorted(display_width(line) for line in lines if line)
    full = widths[int(len(widths) * 0.9)] if widths else 0
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if current and _MARKER_START.match(line):
            paragraphs.append(current)
            current = ""
        current = current + (" " if current and _is_latin_edge(current, line) else "") + line
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        width = display_width(line)
        short = width < full * 0.9
        ends_block = bool(_PARAGRAPH_END.search(line)) and width < full - 1
        if not nxt or short or ends_block or _MARKER_START.match(nxt):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def continue_across_pages(previous: list[str], following: list[str]) -> bool:
    """A paragraph cut by a page break: the last one does not end a sentence block and the
    next page does not open with a marker."""
    if not previous or not following:
        return False
    return not _PARAGRAPH_END.search(previous[-1]) and not _MARKER_START.match(following[0])


def assemble(pages: list[list[str]]) -> Extracted:
    """Paragraph lists per page -> one text with one paragraph a line, and page starts.

    A paragraph that runs over a page break is kept whole and belongs to the page where
    it starts; the next page starts after it.
    """
    text_parts: list[str] = []
    starts: list[int] = []
    length = 0
    carry: list[str] = []
    for paragraphs in pages:
        paragraphs = list(paragraphs)
        if carry and paragraphs and continue_across_pages(carry, paragraphs):
            joined = paragraphs.pop(0)
            sep = " " if _is_latin_edge(text_parts[-1], joined) else ""
            text_parts[-1] = text_parts[-1] + sep + joined
            length += len(sep) + len(joined)
        starts.append(length)
        for para in paragraphs:
            if text_parts:
                text_parts.append("\n")
                length += 1
            text_parts.append(para)
            length += len(para)
        carry = paragraphs or carry
    text = "".join(text_parts)
    if text:
        text += "\n"
    return Extracted(text=text, pages=starts)
