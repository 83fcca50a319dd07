"""Segment: follow a document's own numbering into sections, passages and sentences.

Chinese official documents number their parts (一、 （一） 一是 1. （1） 第X章 第X条);
the section path a user sees is that numbering, not a heuristic window. Every piece
carries [char_start, char_end) into the decoded text, and text[start:end] is the piece.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

MAX_PASSAGE_CHARS = 300
MAX_SENTENCE_CHARS = 400
# bare numbered lines in a row that make a list rather than headings of empty sections
LIST_RUN = 3

_CN_NUM = "一二三四五六七八九十百零〇两"
BOX = "专栏"
# (kind, pattern). Order only matters for overlapping prefixes.
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("编", re.compile(rf"^第[{_CN_NUM}\d]+编(?=[\s　]|$)")),
    # a five-year plan's part (第四篇　深化开发区改革), above its chapters as a code's 编 is: a bare title
    # only, no sentence end (a speech's 第一篇 文章，是做强整车。) and no PDF line holding only 第一篇
    ("篇", re.compile(rf"^第[{_CN_NUM}\d]+篇(?=[\s　]+[^。！？；!?;\n]{{2,40}}$)")),
    ("章", re.compile(rf"^第[{_CN_NUM}\d]+章(?=[\s　]|$)")),
    ("节", re.compile(rf"^第[{_CN_NUM}\d]+节(?=[\s　]|$)")),
    ("条", re.compile(rf"^第[{_CN_NUM}\d]+条(?=[\s　]|$)")),
    ("一、", re.compile(rf"^[{_CN_NUM}]+、")),
    ("（一）", re.compile(rf"^[（(][{_CN_NUM}]+[）)]")),
    ("一是", re.compile(rf"^(?:[{_CN_NUM}]+是|首先|其次|第[{_CN_NUM}]+[，,、])")),
    ("1.", re.compile(r"^\d{1,2}[\.．](?!\d)")),
    ("1、", re.compile(r"^\d{1,2}、")),
    ("（1）", re.compile(r"^[（(]\d{1,2}[）)]")),
    ("①", re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]")),
    # a plan's box (专栏3　重点产业集群): its own heading, not a paragraph of the section it sits in
    # (专栏3-1, and 专栏3重点产业集群 as PDF text runs it together; not a page's 专栏：… column header)
    (BOX, re.compile(rf"^(?:专栏|專欄)[{_CN_NUM}\d]+(?:[-－—][{_CN_NUM}\d]+)?")),
]
# Structural kinds keep a fixed order among themselves; the rest are ranked by
# first appearance, which is how a reader infers the outline of an unfamiliar document.
_FIXED_RANK = {"编": 0, "篇": 0, "章": 1, "节": 2}

_SENT_END = "。！？；!?;"
# where a clause ends, inside a sentence (，；：) or at its end (。！？), full- and half-width:
# links, targets, park names and phrase matching all cut clauses here
CLAUSE_MARKS = "，,；;：:。！？!?"
_CLOSERS = "”’」』）)】》\"'"
_SENT_RE = re.compile(rf"[^{_SENT_END}\n]*(?:[{_SENT_END}]+[{_CLOSERS}]*|\n|$)")
_SOFT_BREAK = "，,、：:"
_MD_PREFIX = re.compile(r"^(?:[>\s]*(?:[-*+]|\d{1,3}[.)])?\s+|>\s*)")


@dataclass
class Sentence:
    char_start: int
    char_end: int
    text: str


@dataclass
class Heading:
    kind: str  # marker kind ("一、", "一是", "条", "h2" ...)
    label: str  # what the section path shows
    char_start: int
    char_end: int


@dataclass
class Passage:
    char_start: int
    char_end: int
    line_start: int
    line_end: int
    text: str
    headings: list[Heading]
    paragraph: int  # passages cut from one paragraph share this number
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def section(self) -> str:
        return " > ".join(h.label for h in self.headings)


class LineIndex:
    """Maps a character offset to its 1-based line number."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def detect_marker(line: str) -> tuple[str, int] | None:
    """Return (kind, length of the marker) when the line starts with a numbering marker."""
    for kind, pattern in _MARKERS:
        m = pattern.match(line)
        if m:
            return kind, m.end()
    return None


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of text[start:end], trimmed of whitespace, with exact spans."""
    out: list[Sentence] = []
    pos = start
    segment = text[start:end]
    for m in _SENT_RE.finditer(segment):
        if m.start() == m.end():
            if m.end() >= len(segment):
                break
            continue
        s, e = start + m.start(), start + m.end()
        for a, b in _hard_split(text, s, e):
            a, b = _trim(text, a, b)
            if b > a:
                out.append(Sentence(a, b, text[a:b]))
        pos = e
    del pos
    return out


def _hard_split(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cut an over-long run (no sentence punctuation) at commas, else at a fixed size."""
    pieces: list[tuple[int, int]] = []
    while e - s > MAX_SENTENCE_CHARS:
        window_end = s + MAX_SENTENCE_CHARS
        cut = -1
        for i in range(window_end - 1, s + MAX_SENTENCE_CHARS // 2, -1):
            if text[i] in _SOFT_BREAK:
                cut = i + 1
                break
        if cut == -1:
            cut = window_end
            # never cut a surrogate-free pair of combining marks apart; plain cut is fine for str
        pieces.append((s, cut))
        s = cut
    pieces.append((s, e))
    return pieces


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _heading_label(text: str, start: int, end: int, marker_len: int, kind: str) -> tuple[str, int]:
    """Short label for the section path, and where the heading sentence ends."""
    line = text[start:end]
    m = re.search(rf"[{_SENT_END}]", line)
    head_end = m.start() if m else len(line)
    heading = line[:head_end].strip()
    if (kind == "条" or kind in _FIXED_RANK) and m is None and len(heading) > 40:
        heading = line[:marker_len]
    if kind == "条":
        label = line[:marker_len]
    else:
        label = heading
        comma = re.search(r"[，,]", heading)
        if comma and len(heading) > 14:
            label = heading[: comma.start()] + "…"
        if len(label) > 30:
            label = label[:29] + "…"
    return label.strip(), start + (head_end + 1 if m else head_end)


def _is_heading_only(line: str, kind: str | None) -> bool:
    """A bare title such as 第一章 总则 or 一、2024年工作回顾. A numbered line that ends
    like a sentence (九、秘书长负责处理日常工作。) is content and stays searchable."""
    if kind is None:
        return False
    body = line.strip()
    if re.search(rf"[{_SENT_END}]", body):
        return False
    return len(body) <= (40 if kind in _FIXED_RANK else 50)  # 编, 篇, 章, 节: a structural title


def _bare_numbered_lines(text: str) -> list[tuple[int, int, str]]:
    """Every line (span and marker kind) that is a number and a short text with no sentence end."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        a, b = _trim(text, m.start(), m.end())
        marker = detect_marker(text[a:b]) if b > a else None
        if marker and _is_heading_only(text[a:b], marker[0]):
            out.append((a, b, marker[0]))
    return out


def list_item_starts(text: str) -> set[int]:
    """Where the items of a list begin: at least LIST_RUN bare numbered lines in a row, numbered
    alike, with nothing under any (a ranking, a 名单: 1.苏州工业园区（苏州市） 2.昆山经济技术开发区…).
    Each is content, not a heading: a heading has a section under it. The items stay out of the
    section path, so what follows the list stays in the section the list is in."""
    return _list_items(text, _bare_numbered_lines(text))


def _list_items(text: str, lines: list[tuple[int, int, str]]) -> set[int]:
    """list_item_starts over the document's bare numbered lines, already found."""
    markers = [(m.start(), found[0]) for m in re.finditer(r"[^\n]+", text)
               if (found := detect_marker(m.group().strip(" \t　")))]
    out: set[int] = set()
    seen: set[str] = set()  # the kinds of numbering used before the run, read once in order
    read = 0
    run: list[tuple[int, int, str]] = []
    for line in [*lines, (-1, -1, "")]:
        follows = run and line[2] == run[-1][2] and text[run[-1][1]:line[0]].strip() == ""
        if not follows:
            while run and read < len(markers) and markers[read][0] < run[0][0]:
                seen.add(markers[read][1])
                read += 1
            if run and _has_section_under(text, run[-1], seen):
                run.pop()  # 4.推进乡村全面振兴 with （1）… under it, a contents list's last line
            if len(run) >= LIST_RUN and run[0][2] not in _FIXED_RANK and run[0][2] != "条":
                out.update(a for a, _, _ in run)
            run = []
        run.append(line)
    return out


def _has_section_under(text: str, line: tuple[int, int, str], seen: set[str]) -> bool:
    """Whether the next line is numbered in a way the document has not used before `line`'s
    list (seen): a level below it, so a section under it; （二） after a list under （一） is not."""
    following = text[line[1]:].lstrip("\n\r \t　").split("\n", 1)[0]
    marker = detect_marker(following)
    return marker is not None and marker[0] != line[2] and marker[0] not in seen


def heading_only_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines plain-text segmentation reads as a heading alone (第二节　新材料;
    二、新材料 right before 三、新能源 too): they make no passage of their own. A list's items
    (list_item_starts) are content."""
    lines = _bare_numbered_lines(text)
    items = _list_items(text, lines)
    return [(a, b) for a, b, _ in lines if a not in items]


class _Outline:
    def __init__(self) -> None:
        self.stack: list[Heading] = []
        self.order: dict[str, int] = {}

    def _rank(self, kind: str) -> float:
        if kind in _FIXED_RANK:
            return _FIXED_RANK[kind]
        if kind.startswith("h") and kind[1:].isdigit():
            return -10 + int(kind[1:])
        if kind not in self.order:
            self.order[kind] = 10 + len(self.order)
        return self.order[kind]

    def push(self, heading: Heading) -> None:
        self._close_box(heading.kind)
        kinds = [h.kind for h in self.stack]
        if heading.kind in kinds:
            del self.stack[kinds.index(heading.kind) :]
        else:
            rank = self._rank(heading.kind)
            while self.stack and self._rank(self.stack[-1].kind) >= rank and (
                heading.kind in _FIXED_RANK or heading.kind.startswith("h")
            ):
                self.stack.pop()
        self.stack.append(heading)

    def _close_box(self, kind: str) -> None:
        """A 专栏 box ends at a heading numbered as the document numbered before the box (（二）
        after a box under （一）); numbering first met inside the box (1. 2.) stays in it."""
        boxes = [i for i, h in enumerate(self.stack) if h.kind == BOX]
        if boxes and kind != BOX and self._rank(kind) < self._rank(BOX):
            del self.stack[boxes[0]:]

    def reset_below_markdown(self, level: int) -> None:
        self.stack = [h for h in self.stack if h.kind.startswith("h") and int(h.kind[1:]) < level]


def _paragraph_passages(
    text: str, start: int, end: int, outline: _Outline, lines: LineIndex, paragraph: int,
    list_items: set[int] | frozenset[int] = frozenset(),
) -> list[Passage]:
    start, end = _trim(text, start, end)
    if end <= start:
        return []
    line = text[start:end]
    marker = detect_marker(line)
    if marker and start not in list_items:
        kind, marker_len = marker
        label, _ = _heading_label(text, start, end, marker_len, kind)
        heading = Heading(kind, label, start, min(end, start + len(label)))
        outline.push(heading)
        if _is_heading_only(line, kind):
            return []
    sentences = split_sentences(text, start, end)
    passages: list[Passage] = []
    chunk: list[Sentence] = []

    def flush() -> None:
        if not chunk:
            return
        a, b = chunk[0].char_start, chunk[-1].char_end
        passages.append(
            Passage(a, b, lines.line_of(a), lines.line_of(max(a, b - 1)), text[a:b],
                    list(outline.stack), paragraph, list(chunk))
        )
        chunk.clear()

    size = 0
    for sentence in sentences:
        length = sentence.char_end - sentence.char_start
        if chunk and size + length > MAX_PASSAGE_CHARS:
            flush()
            size = 0
        chunk.append(sentence)
        size += length
    flush()
    return passages


def segment_text(text: str) -> list[Passage]:
    """Plain text: one paragraph per non-empty line."""
    lines = LineIndex(text)
    outline = _Outline()
    passages: list[Passage] = []
    paragraph = 0
    items = list_item_starts(text)
    for m in re.finditer(r"[^\n]+", text):
        found = _paragraph_passages(text, m.start(), m.end(), outline, lines, paragraph, items)
        if found:
            passages.extend(found)
            paragraph += 1
    return passages


def segment_markdown(text: str) -> list[Passage]:
    """Markdown: headings from markdown-it-py; blocks of text as paragraphs."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    lines = LineIndex(text)
    starts = lines.starts + [len(text) + 1]
    outline = _Outline()
    passages: list[Passage] = []
    paragraph = 0
    heading_level: int | None = None
    items = list_item_starts(text)
    for tok in tokens:
        if tok.type == "heading_open" and tok.map:
            heading_level = int(tok.tag[1:])
            continue
        if tok.type == "inline" and tok.map and heading_level is not None:
            a = starts[tok.map[0]]
            b = min(len(text), starts[tok.map[1]] - 1)
            raw = text[a:b]
            hashes = re.match(r"^\s*#{1,6}\s*", raw)
            off = hashes.end() if hashes else 0
            label = re.sub(r"\s*#*\s*$", "", raw[off:]).strip() or raw.strip()
            outline.reset_below_markdown(heading_level)
            outline.push(Heading(f"h{heading_level}", label[:40], a + off, a + off + len(label)))
            heading_level = None
            continue
        if tok.type in ("paragraph_open", "fence", "code_block", "table_open", "html_block") and tok.map:
            # code and HTML blocks are text of the file too: index them rather than lose them
            a = starts[tok.map[0] + (1 if tok.type == "fence" else 0)] if tok.map[0] + 1 < len(starts) else len(text)
            b = min(len(text), starts[tok.map[1]] - 1) if tok.map[1] < len(starts) else len(text)
            # each source line of the block may carry list or quote markup: strip it from spans
            first = text[a:b]
            prefix = _MD_PREFIX.match(first)
            if prefix and tok.type == "paragraph_open":
                a += prefix.end()
            found = _paragraph_passages(text, a, b, outline, lines, paragraph, items)
            if found:
                passages.extend(found)
                paragraph += 1
    return passages


def segment(text: str, is_markdown: bool = False) -> list[Passage]:
    return segment_markdown(text) if is_markdown else segment_text(text)
