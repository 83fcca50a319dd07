"""Possible parks kb did not name, for a person to confirm.

kb names a park only where it can tell a name of its own before the kind (kb/parks.py); on
documents nobody annotated it misses zones named by their topic (卫星互联网产业园), by a place
jieba takes for a verb (怀化), or by a kind it does not name on its own (国际陆港). An auditor
who needs every zone reads this list as well: each kind of zone with the words before it that
could be its name, where kb named nothing there. `kb parks --candidates` lists them with a
quote; the ones confirmed go into taxonomy.toml, after which kb links them like any park. The
bare forms of known zones (前海, 博鳌乐城; kb/zones.py) are listed too, where the document names
no form of their zone: kb never names a bare form itself.
What is plainly not one zone stays out: a bare kind (园区), a class (一批园区, 2个化工园区,
国家高新区, 河南省开发区, 智慧园区), a name cut short (碳园区 of 零碳园区, 汽车产业园 of
智能网/联汽车产业园), a trade agreement (中日韩自贸区), a short form of a park the document names
(横琴合作区 beside 横琴粤澳深度合作区); an opening verb is dropped (持续深化园区改革 → nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .park_words import (
    CATEGORY_WORDS,
    COUNT_OF_ZONES,
    DESIGNATION_OPENERS,
    GENERIC_ZONES,
    HAN,
    KIND_RE,
    KINDS,
    NAMING_VERBS,
    NOT_OPENING,
    NUMBER_CHARS,
    NUMERAL,
    PROPER_POS,
    RARE_NOUN_FREQUENCY,
    REPORT_VERBS,
    SETTING_UP,
    UNIT_CHARS,
    WORD_END_KINDS,
    Word,
    in_dictionary,
    is_place_or_city,
    is_province_class,
    words_of,
)
from .parks import find_abbreviations, find_park_names, issued_nationally
from .segment import CLAUSE_MARKS
from .tokenize import plain_tokenizer, to_simplified
from .zones import known_zones

# the kinds kb names parks by, and kinds of zone it does not name on its own (annotators differ
# on them); not a bare 园 (公园, 梨园 and 幼儿园 would flood the list), nor 自贸区: kb names every
# place's, and the rest are areas of trade agreements (中日韩自贸区, 亚太自贸区)
CANDIDATE_KINDS = tuple(sorted({*(k for k in KINDS if len(k) > 1 and k != "自贸区"), "国际陆港", "陆港", "专区"},
                               key=len, reverse=True))
_CANDIDATE_RE = re.compile("|".join(CANDIDATE_KINDS))
_CLAUSE = re.compile(f"[^{re.escape(CLAUSE_MARKS)}\n]+")
# what a name never holds: particles, conjunctions, prepositions, pronouns, adverbs, counts
_NEVER_INSIDE = ("u", "c", "p", "r", "d", "m", "q", "x")
# a name's opening tag of jieba's dictionary it never has (NOT_OPENING), and idioms and phrases
_NEVER_OPENING = (*NOT_OPENING, "i", "l")
# single characters that stand for a unit of government before a kind (我区工业园区, 市经开区)
_UNIT_CHARS = set(UNIT_CHARS + "村")
_COMPLEMENTS = set("好大强优实")  # 办好, 做大, 做强: what a verb just before achieves (park_topics' set has no 大)
_PAIRS = {"”": "“", "）": "（"}  # a quoted name, a place in brackets (长三角（合肥）…): read whole
_COMMON_NAME_FREQUENCY = 1000
# kinds a common word before makes a class (化工园区, 智慧园区, 城市片区), where before a park's
# kind it may name one (互联网产业园, counted by the annotator of Hebei's report)
_CLASS_KINDS = {"园区", "片区", "开发区", "新区", "产业园区", "工业园区", "高新区", "经开区", "示范区", "试验区"}
MOST_WORDS = 4
MOST_CHARS = 14


class Candidate(NamedTuple):
    """A possible park: the words before a kind and the kind, where kb named nothing."""

    name: str
    start: int
    end: int


def document_candidates(text: str, park_names: Iterable[str], defined: Iterable[str] | None = None) -> list[Candidate]:
    """A whole document's candidates, given the park names kb linked in it (bare zone words such
    as 园区 name nothing, so they hide no candidate): what an ingest stores. A kind the document
    defines as its short name for a park (中国（重庆）自由贸易试验区（以下简称自贸试验区）) names that
    park wherever it is written (负责组织领导自贸试验区全面建设: no candidate 领导自贸试验区); `defined`
    gives those short names where the links already found them, else they are found here."""
    if defined is None:
        defined = find_abbreviations(text, not issued_nationally(text))
    return candidate_parks(text, {n for n in park_names if n not in GENERIC_ZONES}, set(defined))


def candidate_parks(text: str, known: Iterable[str] = (), defined: Iterable[str] = ()) -> list[Candidate]:
    """Every kind of zone in `text` that kb names no park at, with the one to four words before
    it that could name it (打造国家物流枢纽经济区 → 国家物流枢纽经济区), clause by clause; the
    `known` park names (kb's for the document, a taxonomy's) count as named, and so does a kind
    that is one of the document's `defined` short names. Traditional characters are read as
    simplified ones; a candidate keeps the characters the text writes."""
    written, text = text, to_simplified(text)
    known, defined = {to_simplified(n) for n in known}, {to_simplified(n) for n in defined}
    out: list[Candidate] = []
    for clause in _CLAUSE.finditer(text):
        part = clause.group()
        found = [p for p in find_park_names(part, []) if not p.generic]
        names = known | {p.name for p in found}
        words: list[Word] | None = None
        in_clause: list[Candidate] = []
        for kind in _CANDIDATE_RE.finditer(part):
            if kind.group() in defined or any(p.start < kind.end() and kind.start() < p.end for p in found):
                continue
            words = words if words is not None else words_of(part)
            start = _candidate_start(words, kind, part)
            if start is None:
                continue
            name = part[start:kind.end()]
            if not _names_something(name, kind, part, names):
                continue
            in_clause.append(Candidate(name, start, kind.end()))
        taken = [(p.start, p.end) for p in found] + [(c.start, c.end) for c in in_clause]
        out += [c._replace(start=clause.start() + c.start, end=clause.start() + c.end) for c in in_clause]
        out += _bare_zones(part, clause.start(), taken, names)
    return [c._replace(name=written[c.start:c.end]) for c in out]


def _bare_zones(part: str, offset: int, taken: list[tuple[int, int]], names: set[str]) -> list[Candidate]:
    """Bare forms of known zones (前海, 博鳌乐城) in a clause, outside any name or candidate, where
    the document names no form of any zone they may stand for: kb never names a bare form
    (kb/zones.py), a person may."""
    zones = known_zones()
    taken = taken + [(z.start, z.end) for z in zones.find(part, taken)]
    named = {zones.identity(n) or n for n in names}
    return [Candidate(z.surface, offset + z.start, offset + z.end) for z in zones.find_bare(part, taken)
            if not any(zone.name in named or named & set(zone.aliases) for zone in zones.zones_of(z.surface))]


def _names_something(name: str, kind: re.Match, part: str, names: set[str]) -> bool:
    """Not a park named already, nor a short form of one (横琴合作区 of 横琴粤澳深度合作区), nor a
    class of zones (国家高新区, 河南省开发区, 智慧园区, 现代农业产业园2个)."""
    head = name[: len(name) - len(kind.group())]
    if any(n.endswith(name) or (n.startswith(head) and n.endswith(kind.group())) for n in names):
        return False
    if name.startswith(tuple(CATEGORY_WORDS)) or KIND_RE.fullmatch(head):
        return False  # 重点园区, 园区开发区
    topic = head[2:] if head[:2] in DESIGNATION_OPENERS else head
    if not topic or (kind.group() in _CLASS_KINDS and _is_common_word(topic)):
        return False  # 国家高新区, 智慧园区, 化工园区, 城市片区: a class, not one zone
    return not is_province_class(head, kind.group()) and not COUNT_OF_ZONES.match(part[kind.end():])


def _is_common_word(text: str) -> bool:
    """One word of jieba's dictionary, seen often and no name (智慧, 化工, 城市, 境外, 现代农业)."""
    tagged = plain_tokenizer().tagged(text)
    if len(tagged) != 1 or is_place_or_city(text):
        return False
    word, flag = tagged[0]
    frequency = plain_tokenizer().frequency(word)
    # jieba tags some common words as names (智慧/nr, 城市/ns): a frequent one is common all the same
    return frequency >= RARE_NOUN_FREQUENCY and (flag not in PROPER_POS or frequency >= _COMMON_NAME_FREQUENCY)


def _candidate_start(words: list[Word], kind: re.Match, part: str) -> int | None:
    """Where the words that could name `kind` begin: back over nouns, names, naming verbs, a
    quoted name or a place in brackets, to a verb, a particle or punctuation; then past opening
    verbs and units (我区). None for a bare kind, a kind ending inside a word (园林, 组团式,
    陆港区), or a name cut short by a count or a loose character (零/碳园区, 智能网/联汽车产业园)."""
    if (kind.group() in WORD_END_KINDS or kind.group() not in KINDS) \
            and not any(w.end == kind.end() for w in words):
        return None
    index = next((i for i, w in enumerate(words) if w.start <= kind.start() < w.end), None)
    if index is None:
        return None
    i = index if words[index].start < kind.start() else index - 1
    first, taken = i + 1, 0
    while i >= 0 and taken < MOST_WORDS and kind.end() - words[i].start <= MOST_CHARS:
        pair = _pair_before(words, i)
        if pair is not None:
            first, taken, i = pair, taken + 1, pair - 1
        elif _may_name(words[i]):
            first, taken, i = i, taken + 1, i - 1
        else:
            break
    if i >= 0 and kind.end() - words[i].start <= MOST_CHARS and _cuts_a_name(words[i]):
        return None
    while first < index and (_opens_badly(words[first]) or words[first].text in _UNIT_CHARS
                             or _completes_a_verb(words, first)):
        first += 1
    start = words[first].start if first <= index else kind.start()
    return start if start < kind.start() else None


def _may_name(word: Word) -> bool:
    """A word that may stand in a zone's name: a noun, a name, a naming verb (合作, 协同), or a
    place jieba takes for a verb (怀化); not a count, a particle or a verb of setting up."""
    if is_place_or_city(word.text):
        return True
    return bool(HAN.fullmatch(word.text)) and not word.flag.startswith(_NEVER_INSIDE) \
        and not NUMERAL.match(word.text) and word.text not in SETTING_UP \
        and not (word.flag == "v" and word.text not in NAMING_VERBS)


def _completes_a_verb(words: list[Word], i: int) -> bool:
    """好 of 办/好综合保税区, 规划/好: a character that completes the verb before it."""
    return words[i].text in _COMPLEMENTS and i > 0 \
        and (words[i - 1].flag.startswith("v") or words[i - 1].text in REPORT_VERBS)


def _cuts_a_name(word: Word) -> bool:
    """The word the scan stopped at belongs to the name and was cut from it: a count (零/碳园区,
    2个化工园区) or a lone character that is no particle or unit (智能网/联)."""
    if NUMERAL.match(word.text) or word.flag in ("m", "q"):
        return True
    return len(word.text) == 1 and bool(HAN.fullmatch(word.text)) \
        and not word.flag.startswith(("u", "c", "p", "r", "x")) and word.text not in _UNIT_CHARS


def _opens_badly(word: Word) -> bool:
    """健全, 深化, 大力发展: a verb, adverb or modifier a name never opens on (jieba's dictionary
    tag, or a verb of reports it tags otherwise); a character alone stays (新 of 新时代经济特区)."""
    if is_place_or_city(word.text) or not HAN.fullmatch(word.text) or len(word.text) < 2:
        return False
    if word.text.startswith(REPORT_VERBS):
        return True
    head, flag = plain_tokenizer().tagged(word.text)[0]
    return in_dictionary(head) and flag.startswith(_NEVER_OPENING)


def _pair_before(words: list[Word], i: int) -> int | None:
    """The index of the opening “ or （ of a quoted name or a bracketed place of two to eight
    characters that ends at words[i] and holds no number (“双百亿”园区 is a class), or None."""
    opening = _PAIRS.get(words[i].text)
    if opening is None:
        return None
    for j in range(i - 1, max(-1, i - 8), -1):
        if words[j].text == opening:
            inside = "".join(w.text for w in words[j + 1:i])
            if not 2 <= len(inside) <= 8 or NUMBER_CHARS.search(inside):
                return None
            return j
    return None
