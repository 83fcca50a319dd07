"""Possible parks kb did not name, for a person to confirm.

kb names a park only where it can tell a name of its own before the kind (kb/parks.py); on
documents nobody annotated it misses zones named by their topic (卫星互联网产业园), by a place
jieba takes for a verb (怀化), or by a kind it does not name on its own (国际陆港). An auditor
who needs every zone reads this list as well: each kind of zone with the words before it that
could be its name, where kb named nothing there. `kb parks --candidates` lists them with a
quote; the ones confirmed go into taxonomy.toml, after which kb links them like any park.
What is plainly not one park stays out: a bare kind (园区), a class (一批园区, 2个化工园区,
国家高新区, 河南省开发区), a fragment after a count (碳园区 of 零碳园区), a trade agreement
(中日韩自贸区), and an opening verb or modifier is dropped (健全园区 → nothing).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .park_topics import CATEGORY_WORDS
from .park_words import (
    DESIGNATION_OPENERS,
    HAN,
    KIND_RE,
    KINDS,
    NAMING_VERBS,
    NUMERAL,
    PROVINCE_GENERIC,
    SETTING_UP,
    WORD_END_KINDS,
    Word,
    in_dictionary,
    is_city_or_province,
    is_place,
    is_province,
    words_of,
)
from .parks import find_park_names
from .segment import CLAUSE_MARKS
from .tokenize import plain_tokenizer

# the kinds kb names parks by, and kinds of zone it does not name on its own (annotators differ
# on them); not a bare 园 (公园, 梨园 and 幼儿园 would flood the list), nor 自贸区: kb names every
# place's, and the rest are areas of trade agreements (中日韩自贸区, 亚太自贸区)
CANDIDATE_KINDS = tuple(sorted({*(k for k in KINDS if len(k) > 1 and k != "自贸区"), "国际陆港", "陆港", "专区"},
                               key=len, reverse=True))
_CANDIDATE_RE = re.compile("|".join(CANDIDATE_KINDS))
_CLAUSE = re.compile(f"[^{re.escape(CLAUSE_MARKS)}\n]+")
# what a name never holds: particles, conjunctions, prepositions, pronouns, adverbs, counts
_NEVER_INSIDE = ("u", "c", "p", "r", "d", "m", "q", "x")
# what a name never opens on, by jieba's dictionary: a verb, an adverb, an adjective (健全, 优化)
_NEVER_OPENING = ("v", "d", "a", "ad", "p", "c", "r", "m", "i", "l")
_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两双零]")
_COUNT_AFTER = re.compile(r"^[0-9０-９一二两三四五六七八九十]+[个家批处座]")
MOST_WORDS = 4
MOST_CHARS = 12


class Candidate(NamedTuple):
    """A possible park: the words before a kind and the kind, where kb named nothing."""

    name: str
    start: int
    end: int


def candidate_parks(text: str, known: frozenset[str] = frozenset()) -> list[Candidate]:
    """Every kind of zone in `text` that kb names no park at, with the one to four words before
    it that could name it (打造国家物流枢纽经济区 → 国家物流枢纽经济区), clause by clause; `known`
    park names (a taxonomy's) count as named."""
    out: list[Candidate] = []
    for clause in _CLAUSE.finditer(text):
        part = clause.group()
        found = [p for p in find_park_names(part, []) if not p.generic]
        words: list[Word] | None = None
        for kind in _CANDIDATE_RE.finditer(part):
            if any(p.start < kind.end() and kind.start() < p.end for p in found):
                continue
            words = words if words is not None else words_of(part)
            start = _candidate_start(words, kind, part)
            if start is None:
                continue
            name = part[start:kind.end()]
            if any(p.name.endswith(name) for p in found) or any(k.endswith(name) or name.endswith(k) for k in known):
                continue  # 亳州、黄山入选国家中医药传承创新发展试验区: named as the members' park
            if _is_a_class(name, kind, part):
                continue
            out.append(Candidate(name, clause.start() + start, clause.start() + kind.end()))
    return out


def _candidate_start(words: list[Word], kind: re.Match, part: str) -> int | None:
    """Where the words that could name `kind` begin: back over nouns, names and naming verbs
    to a verb, a particle or punctuation, then past an opening verb or modifier; None for a bare
    kind, a kind ending inside a word (园林, 组团式), or a count or number before it (2个化工园区,
    零碳园区)."""
    if kind.group() in WORD_END_KINDS and not any(w.end == kind.end() for w in words):
        return None
    index = next((i for i, w in enumerate(words) if w.start <= kind.start() < w.end), None)
    if index is None:
        return None
    i = index if words[index].start < kind.start() else index - 1
    first, taken = i + 1, 0
    quoted = _quote_before(words, i)
    if quoted is not None:  # “中赤几”产业园区: a quoted name before the kind is read whole
        first, taken, i = quoted, 1, quoted - 1
    while i >= 0 and taken < MOST_WORDS and kind.end() - words[i].start <= MOST_CHARS and _may_name(words[i]):
        first, taken, i = i, taken + 1, i - 1
    if i >= 0 and (NUMERAL.match(words[i].text) or words[i].flag in ("m", "q")) and kind.end() - words[i].start <= MOST_CHARS:
        return None  # a count of zones, or the tail of a word jieba cut after a number
    while first < index and _opens_badly(words[first]):
        first += 1
    start = words[first].start if first <= index else kind.start()
    return start if start < kind.start() else None


def _is_a_class(name: str, kind: re.Match, part: str) -> bool:
    """一批园区, 重点园区, 国家高新区, 河南省开发区, 现代农业产业园2个: a class of zones, not one."""
    head = name[: len(name) - len(kind.group())]
    if name.startswith(tuple(CATEGORY_WORDS)) or head in DESIGNATION_OPENERS or KIND_RE.fullmatch(head):
        return True  # 国家高新区, 园区开发区
    if kind.group() in PROVINCE_GENERIC and is_province(head.removesuffix("省")):
        return True
    return bool(_COUNT_AFTER.match(part[kind.end():]))


def _may_name(word: Word) -> bool:
    """A word that may stand in a zone's name: a noun, a name, a naming verb (合作, 协同), or a
    place jieba takes for a verb (怀化); not a count, a particle or a verb of setting up."""
    if _is_place(word.text):
        return True
    return bool(HAN.fullmatch(word.text)) and not word.flag.startswith(_NEVER_INSIDE) \
        and not NUMERAL.match(word.text) and word.text not in SETTING_UP \
        and not (word.flag == "v" and word.text not in NAMING_VERBS)


def _opens_badly(word: Word) -> bool:
    """健全, 优化, 充分利用: a verb or modifier jieba's dictionary knows, which a name never opens on."""
    if _is_place(word.text) or not HAN.fullmatch(word.text) or len(word.text) < 2:
        return False  # 新 of 新时代经济特区 stays: a character alone is no verb of the text's
    head, flag = plain_tokenizer().tagged(word.text)[0]
    return in_dictionary(head) and flag.startswith(_NEVER_OPENING)


def _quote_before(words: list[Word], i: int) -> int | None:
    """The index of the opening “ of a quoted span of at most eight characters that ends at
    words[i] and holds no number (“双百亿”园区 is a class), or None."""
    if i < 0 or words[i].text != "”":
        return None
    for j in range(i - 1, max(-1, i - 8), -1):
        if words[j].text == "“":
            inside = words[j + 1:i]
            if words[i].end - words[j].start > 10 or any(_NUMBER.search(w.text) for w in inside):
                return None
            return j
    return None


def _is_place(word: str) -> bool:
    """A gazetteer place, or a city whose short form jieba takes for a common word (怀化)."""
    return is_place(word) or is_city_or_province(word + "市")
