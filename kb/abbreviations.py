"""Abbreviations and definitions a document gives itself, mined at ingest for query expansion.

Regulations name a thing once in full and then only by a short form: 北京经济技术开发区
（以下简称开发区）, 《国家组织药品集中采购和使用试点方案》（以下简称《方案》）, “两基”（基本普及
九年义务教育和基本扫除青壮年文盲）, 本办法所称政务数据，是指…. A question may use either form,
so `expansions` maps each to the other.

Mining runs on the original text (traditional 簡稱, half-width brackets and quotes too), so every
span indexes the stored text exactly: text[char_start:char_end] is the whole definition, from
the start of the full form to the end of the short one (or of the gloss).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE = "（(", "）)"
QUOTES = "“”\"「」『』‘’'"
# Where a noun phrase cannot extend further left.
_STOP = set("，,。；;：:、！？!?\n\r\t 　")
# Words after which the full form begins (…设立北京经济技术开发区管理委员会, …是人工智能产业主管部门).
_LEAD_WORDS = ("适用于", "设立", "建立", "成立", "组成", "根据", "依据", "按照", "通过", "批准", "印发",
               "制定", "制订", "设置", "上报了", "依托", "应当", "的", "是", "为")
_MAX_FULL = 40

_SHORT = r"[“\"「『《]*([^（）()，,。；;“”\"「」『』]{1,20}?)[”\"」』》]*"
_SHORT_IN_PAREN = re.compile(
    rf"[（(](?:[^（）()]*?[，,])?\s*(?:以下|下文)?[简簡][称稱][：:]?\s*{_SHORT}\s*(?:[，,；;]\s*下同)?\s*[）)]"
)
_QUOTED_GLOSS = re.compile(r"[“\"「『]([^”\"」』]{1,10})[”\"」』]\s*[（(](?:即|指)?[：:]?([^（）()]{2,60})[）)]")
_PLAIN_GLOSS = re.compile(r"[（(]即[：:]?([^（）()]{2,30})[）)]")
_QUOTED_DEFINITION = re.compile(r"[“\"「『]([^”\"」』]{2,16})[”\"」』][，,]?\s*是指([^。；;\n]{2,200})")
_SO_CALLED = re.compile(r"所[称稱]([^，,。；;“”\n]{2,20})[，,]?\s*是指([^。；;\n]{2,200})")

GENERIC_SHORTS = frozenset(["决定", "规划", "方案", "办法", "条例", "意见", "通知", "汇报", "报告", "本法", "本条例", "本办法", "总体方案", "总体规划"])


@dataclass(frozen=True)
class Abbreviation:
    """short stands for full in this document; kind is abbreviation, gloss or definition."""

    short: str
    full: str
    char_start: int
    char_end: int
    kind: str = "abbreviation"


def _clean(term: str) -> str:
    return term.strip().strip(QUOTES + "《》 　").strip()


def _phrase_start(text: str, end: int) -> int:
    """Start of the noun phrase that ends at `end`: back to a stop mark outside brackets."""
    depth, i = 0, end
    while i > 0 and end - i < _MAX_FULL * 2:
        ch = text[i - 1]
        if ch in CLOSE or ch == "》":
            depth += 1
        elif ch in OPEN or ch == "《":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch in _STOP:
            break
        i -= 1
    return i


def _trim_lead(text: str, start: int, end: int) -> int:
    """Move start past the last lead word outside brackets (…设立X -> X, …的X -> X)."""
    best, depth = start, 0
    for i in range(start, end):
        ch = text[i]
        if ch in OPEN or ch == "《":
            depth += 1
        elif ch in CLOSE or ch == "》":
            depth = max(0, depth - 1)
        elif depth == 0:
            for word in _LEAD_WORDS:
                if text.startswith(word, i) and i + len(word) < end:
                    best = max(best, i + len(word))
    return best


def _full_before(text: str, end: int) -> tuple[int, str] | None:
    """The full form that ends right before a bracket at `end`: a 《title》, else a noun phrase."""
    while end > 0 and text[end - 1] in " 　":
        end -= 1
    if end > 0 and text[end - 1] == "》":
        start = text.rfind("《", 0, end)
        return (start, text[start + 1:end - 1]) if start >= 0 else None
    start = _trim_lead(text, _phrase_start(text, end), end)
    full = text[start:end]
    return (start, full) if 2 <= len(full) <= _MAX_FULL else None


def _paren_abbreviations(text: str) -> list[Abbreviation]:
    found = []
    for m in _SHORT_IN_PAREN.finditer(text):
        short = _clean(m.group(1))
        before = _full_before(text, m.start())
        if before and short and short != _clean(before[1]):
            found.append(Abbreviation(short, _clean(before[1]), before[0], m.end()))
    return found


def _glosses(text: str) -> list[Abbreviation]:
    found = [Abbreviation(_clean(m.group(1)), _clean(m.group(2)), m.start(), m.end(), "gloss")
             for m in _QUOTED_GLOSS.finditer(text)]
    quoted_ends = {a.char_end for a in found}
    for m in _PLAIN_GLOSS.finditer(text):
        before = _full_before(text, m.start())
        if m.end() not in quoted_ends and before and len(before[1]) <= 12:
            found.append(Abbreviation(_clean(before[1]), _clean(m.group(1)), before[0], m.end(), "gloss"))
    return found


def _definitions(text: str) -> list[Abbreviation]:
    found = []
    for pattern in (_QUOTED_DEFINITION, _SO_CALLED):
        for m in pattern.finditer(text):
            clause = re.split(r"[，,]", m.group(2), maxsplit=1)[0]
            found.append(Abbreviation(_clean(m.group(1)), _clean(clause), m.start(), m.start(2) + len(clause),
                                      "definition"))
    return found


EXPANDING_KINDS = ("abbreviation", "gloss")  # what a query is expanded with (a definition is a clause)


def mine(text: str) -> list[Abbreviation]:
    """Every abbreviation, gloss and definition the text gives, in order, each (short, full) once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for abbr in sorted(_paren_abbreviations(text) + _glosses(text) + _definitions(text),
                       key=lambda a: a.char_start):
        key = (abbr.short, abbr.full)
        if abbr.short and abbr.full and abbr.short != abbr.full and key not in seen:
            seen.add(key)
            out.append(abbr)
    return out


def expansions(abbreviations: list[Abbreviation], max_fulls: int = 3, max_full_len: int = 24,
               kinds: tuple[str, ...] = ("abbreviation", "gloss")) -> dict[str, list[str]]:
    """Query expansion table, short -> full and full -> short.

    Left out: generic shorts (《方案》, 本条例) and shorts that stand for more than max_fulls
    different things across the documents given, which would expand to noise; long glosses;
    definitions (所称X，是指…: a clause, not another name for X) unless kinds asks for them.
    """
    fulls: dict[str, list[str]] = {}
    for abbr in abbreviations:
        if abbr.kind not in kinds or len(abbr.short) < 2 or abbr.short in GENERIC_SHORTS or len(abbr.full) > max_full_len:
            continue
        fulls.setdefault(abbr.short, [])
        if abbr.full not in fulls[abbr.short]:
            fulls[abbr.short].append(abbr.full)
    table: dict[str, list[str]] = {}
    for short, names in fulls.items():
        if len(names) > max_fulls:
            continue
        table.setdefault(short, []).extend(n for n in names if n not in table.get(short, []))
        for name in names:
            table.setdefault(name, [])
            if short not in table[name]:
                table[name].append(short)
    return table


def policy_thesaurus() -> dict[str, list[str]]:
    """kb/data/policy_thesaurus.txt as word -> the other words of its line (folded like the index)."""
    from importlib import resources

    from kb.tokenize import fold

    text = resources.files("kb.data").joinpath("policy_thesaurus.txt").read_text(encoding="utf-8")
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        words = [fold(w) for w in line.split()] if line.strip() and not line.startswith("#") else []
        for word in words:
            table.setdefault(word, []).extend(w for w in words if w != word and w not in table[word])
    return table
