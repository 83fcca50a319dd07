"""Parks: find the names of parks and zones in text, and fold them to one row per park.

A park name is a proper part (a place, an organisation or brand, a designation such as
中国（重庆）) followed by a kind (工业园, 经开区, 自贸试验区, 片区 …). Boundaries come from
jieba's segmentation of the whole clause: a kind must begin a word (梨园, 公园 are words
of their own), the name runs back over noun-like words and starts at its first proper
word, so a verb (领导, 发挥), a modifier (零碳, 绿色) or a numeral never opens it and a
phrase without any proper word (重点园区, 人工智能园区) is a kind of park, not a park.
Places come from kb's gazetteer (kb/places.py: provinces, cities, counties with short forms).

Discovery runs at ingest only; `kb ask` never imports this module's heavy parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .tokenize import plain_tokenizer

# kinds of zone, longest first; a name ends with one of them
_KINDS = (
    "高新技术产业开发区", "新技术产业开发试验区", "自由贸易试验区", "经济技术开发区", "高新技术开发区",
    "自由贸易航空港", "自由贸易港", "综合保税区", "保税港区", "自贸试验区", "产业开发区", "自主创新示范区",
    "共建产业园区", "共建产业园", "合作园区", "创业园", "工业园区", "产业园区", "物流园区", "科技园区", "农业园区", "开发试验区", "工业园", "产业园", "物流园",
    "科技园", "开发区", "高新区", "经开区", "自贸区", "综保区", "综试区", "保税区", "试验区", "实验区",
    "示范园区", "示范园", "示范区", "特别合作区", "合作区", "合作园", "先行区", "先导区", "引领区", "协同区", "集聚区",
    "产业区", "临空经济区", "空港经济区", "经济特区", "经济区", "港务区", "科学城", "新城", "新区", "片区", "园区", "园",
)
_KIND_RE = re.compile("|".join(_KINDS))
# the bare zone words: a mention of the zone the text is about, not a named park
GENERIC_ZONES = {"园区", "开发区", "高新区", "新区", "工业园区", "产业园区", "工业园", "产业园", "经开区",
                 "自贸试验区", "自由贸易试验区", "综合保税区", "自贸区", "片区", "试验区", "示范区"}
# abbreviated kinds and their full form: one park written two ways is one row
_KIND_FULL = (
    ("高新技术开发区", "高新技术产业开发区"), ("高新区", "高新技术产业开发区"), ("经开区", "经济技术开发区"),
    ("自贸试验区", "自由贸易试验区"), ("自贸区", "自由贸易试验区"), ("综保区", "综合保税区"),
    ("综试区", "综合试验区"),
)
_CHINA_BRACKETS = re.compile(r"中国[（(]([^）)]{2,8})[）)]$")
# jieba tags that may stand inside a name (nouns, abbreviations, adjectives, numerals …)
# (no numerals or measure words: 宜昌3家高新区, 友好三个蔬菜生产园区 count parks)
_INNER_POS = ("n", "vn", "an", "a", "b", "l", "j", "eng", "f", "s", "i", "zg")
# designations are named after what they try out (国家中医药传承创新发展试验区): verbs may stand inside
_DESIGNATION_KINDS = {"试验区", "实验区", "示范区", "示范园区", "示范园", "先行区", "先导区", "引领区", "协同区", "集聚区",
                      "合作区", "特别合作区", "自主创新示范区", "开发试验区"}
# kinds that must end a word: 园 (园林, 园艺), 新城 (新城区 is a district), 经济区 (经济区域)
_WORD_END_KINDS = {"园", "新城", "经济区"}
# tags that make a word proper by themselves; a gazetteer place counts when jieba does
# not take it for a common word (会同 'together with', 深化 'deepen')
_PROPER_POS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "eng"}
# directions and regions are not proper (中西部重点开发区)
_DIRECTION = re.compile(r"^[东西南北中部内外上下沿边地区]+$")
_MAX_NAME = 24
_NUMERAL = re.compile(r"^[0-9０-９一二三四五六七八九十百千万亿几]")
# kinds a province has many of: 河南省开发区 is a class of zones (湖北自贸区 is one zone)
_PROVINCE_GENERIC = {"开发区", "园区", "工业园区", "产业园区", "高新区", "经开区", "示范区", "片区", "新区"}


@dataclass
class ParkName:
    name: str
    start: int  # offsets into the text given to find_park_names; for an earlier member of a list
    end: int  # sharing one kind (珠海 of 珠海、阳江渔港经济区) the span is the member's own characters
    generic: bool  # 园区, 开发区: the zone itself, not a named park


class Word(NamedTuple):
    """One of jieba's words with its part of speech and its offsets into the text."""

    text: str
    flag: str
    start: int
    end: int


@dataclass
class Canonical:
    """One park: its canonical name, every other way it was written, its parent park."""

    name: str
    aliases: list[str] = field(default_factory=list)
    within: str = ""
    docs: list[str] = field(default_factory=list)


# -- the gazetteer

_PLACE_SUFFIX = re.compile(r"(新区|特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|省|市|县|区|旗|盟)$")


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Place names (full and short: 呼伦贝尔市 and 呼伦贝尔) → 6-digit adcode, from kb's
    gazetteer (kb/places.py: jionlp's administrative divisions, shipped as a small table)."""
    from .places import gazetteer

    out: dict[str, str] = {}
    for surface, candidates in gazetteer().by_surface.items():
        place = candidates[0]
        if len(surface) >= 2 and surface not in _GENERIC_SHORT and place.level != "national" and place.adcode:
            out[surface] = place.adcode
    return out


# short forms that are ordinary words (城区 → 城, 矿区 → 矿 are cut by length already)
_GENERIC_SHORT = {"新区", "高新", "开发", "经济", "郊区", "城区", "新城", "工业"}


def _is_place(word: str) -> bool:
    return word in places()


def _is_city_or_province(word: str) -> bool:
    """A gazetteer place whose code ends in 00 (a city or a province, not a county)."""
    return _is_place(word) and places()[word].endswith("00")


@lru_cache(maxsize=1)
def _place_stems() -> frozenset[str]:
    """The two- and three-character openings of longer place names (武夷 of 武夷山市)."""
    return frozenset(name[:n] for name in places() for n in (2, 3) if len(name) > n)


_SETTING_UP = {"获批", "创建", "建设", "设置", "设立", "打造", "争创", "申报", "推进", "推动", "支持", "加快", "获得", "成功",
               "建成", "批复", "同意", "组建", "入选", "获评", "列入", "纳入", "视察", "建好", "建", "成为"}
_OBJECT_VERBS = {"入驻", "重视", "高度重视", "统筹", "布局", "落户", "进入", "融入", "对接", "依托", "用好", "利用", "带动", "辐射",
                 "管理"}
_NATIONAL_WORDS = {"国家", "全国", "国家级", "省级"}
# a designation named by its topic opens with the nation's name (国家数字经济创新发展试验区,
# 中国特色社会主义先行示范区); 国家级 and 省级 are levels of a class of zones, not names
_DESIGNATION_OPENERS = {"国家", "全国", "中国"}
# verbs between a subject and its designation (湖北打造成…示范区) that _SETTING_UP has not cut already
_SUBJECT_VERBS = {"打", "造成", "打造成", "争当", "当好", "做好", "是"}
# one-character names of provinces and cities: 湘琼, 京津冀, 粤港澳 name a region of several
_REGION_CHARS = set("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新港澳台蒙深厦")
_TOWN_WORDS = {"镇", "乡", "村", "街道", "苏木", "嘎查"}
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_ESTABLISHED_KINDS = {"新区", "综保区", "综合保税区", "经开区", "经济技术开发区", "高新区", "高新技术产业开发区", "自贸区",
                      "保税区", "保税港区", "临空经济区", "空港经济区"}
_GEO_SUFFIX = re.compile(r"(平原|山|湖|江|河|港|岛|湾|村|镇|乡|街道|口|滩|谷)$")
_COUNTRY_PAIR = re.compile(r"^中[美俄日韩德法英意荷新马泰越老柬缅印巴哈蒙欧非阿以澳]+")


def _is_proper(word: str, flag: str) -> bool:
    """A place (cpca), a geographic or organisation name, a name jieba's dictionary does not
    know (青秀, 中俄蒙), a Latin designation (x工业园). jieba's dictionary tags many common
    words ns/nr (城市, 深度, 文明, 高水平): those are not enough on their own."""
    if _DIRECTION.match(word) or word == "中国" or word.startswith(("国家", "全国")):
        return False  # 国家有关 (jieba's organisation): the nation is a designation's opener, not a name
    if _is_place(word):  # a county's short form may be a common word (会同 'together with')
        return flag.startswith("n") and flag != "n" or word[-1] in "省市县区" or _is_city_or_province(word)
    if len(word) >= 2 and _is_city_or_province(word + "市") and not flag.startswith("v"):
        return True  # 茂名 (jieba's adjective): a city whose short form the gazetteer drops as a common word
    if flag in ("nt", "eng") or _COUNTRY_PAIR.match(word):
        return True
    if 2 <= len(word) <= 4 and all(ch in _REGION_CHARS for ch in word):
        return True  # 湘琼先进制造业共建产业园, 京津冀协同发展示范区
    if flag in ("ns", "nr", "nrt", "nrfg", "nz", "j"):
        return (not _in_dictionary(word) or (flag == "ns" and bool(_GEO_SUFFIX.search(word)))
                or (flag == "ns" and word in _place_stems()))  # 武夷新区: 武夷 opens 武夷山市
    return False


def _is_province_part(word: str) -> bool:
    """苏南, 皖北, 湘西: a part of a province, named before the designations given to it
    (苏南国家自主创新示范区); before 片区 it is a region of the plan (粤西片区), not a zone."""
    return len(word) == 2 and word[0] in _REGION_CHARS and word[1] in "东南西北中"


def _is_coined_name(word: str, kind: str) -> bool:
    """雄安新区, 雄安综保区: a word jieba's dictionary lacks (its HMM tagged 雄安 'a') right before
    a kind only a government sets up is a place name; before 园区 or 示范区 such words are
    new jargon (零碳园区, 数实融合发展示范区)."""
    return kind in _ESTABLISHED_KINDS and len(word) >= 2 and not _in_dictionary(word) and bool(_HAN.fullmatch(word))


def _opens_with_place(word: str, flag: str) -> bool:
    """上海浦东 (one ns word of jieba's dictionary) opens with a province or city's name."""
    return flag == "ns" and len(word) > 2 and any(_is_city_or_province(word[:n]) for n in (2, 3) if len(word) > n)


def _in_dictionary(word: str) -> bool:
    return plain_tokenizer().in_dictionary(word)


# -- finding names


def _words(text: str, offset: int = 0) -> list[Word]:
    out, pos = [], offset
    for word, flag in plain_tokenizer().tagged(text):  # HMM on: names jieba does not know (青秀)
        out.append(Word(word, flag, pos, pos + len(word)))
        pos += len(word)
    return out


def _inner_tags(kind: str) -> tuple[str, ...]:
    """The tags of words that may stand inside a name of this kind: designations are named
    after what they try out (国家中医药传承创新发展试验区), so verbs may stand inside them."""
    return _INNER_POS + (("v",) if kind in _DESIGNATION_KINDS else ())


def _name_start(words: list[Word], kind: re.Match, text: str) -> int | None:
    """Where the name before `kind` begins, or None when the words before it hold no
    proper word (a kind of park) or the kind starts inside a word."""
    kind_start = kind.start()
    index = next((i for i, w in enumerate(words) if w[2] <= kind_start < w[3]), None)
    if index is None:
        return None
    word, flag, start, end = words[index]
    if start != kind_start:
        # 梨园, 幼儿园: the kind is the tail of a common word; 海淀园 is a place and its 园
        return start if end == kind.end() and _is_place(word[: kind_start - start]) else None
    inner = _inner_tags(kind.group())
    run = []
    for word, flag, s, _ in reversed(words[:index]):
        if kind_start - s > _MAX_NAME or not flag.startswith(inner):
            break
        run.append((word, flag, s))
    run.reverse()
    # 获批创建…示范区, 区域设置新片区: a verb of setting up ends the words before the name, and so
    # does a verb whose object the zone is (引导企业入驻集聚区, 统筹示范区布局)
    cut = max((i for i, (word, flag, _) in enumerate(run)
               if word in _SETTING_UP or (word in _OBJECT_VERBS and flag not in ("n", "vn"))), default=-1)
    run = run[cut + 1:]
    china = _CHINA_BRACKETS.search(text[:kind_start] if not run else text[:run[0][2]])
    if china:
        return china.start()
    proper = [i for i, (word, flag, _) in enumerate(run) if _is_proper(word, flag)
              or (word == "中" and i + 1 < len(run) and _COUNTRY_PAIR.match(word + run[i + 1][0]))
              or (i == len(run) - 1 and _is_coined_name(word, kind.group()))
              or (i + 1 < len(run) and run[i + 1][0] in _TOWN_WORDS and word[-1] not in "县镇乡村")  # 哈克镇滨河新区
              or _opens_with_place(word, flag)
              or (kind.group() in _DESIGNATION_KINDS and _is_province_part(word))]
    if not proper:
        start = _designation_start(run, kind.group())
        return start if start is not None else _topic_park_start(words, index, kind)
    if kind.group() == "园" and proper[-1] != len(run) - 1:
        return None  # 纪念园, 公办园: a bare 园 follows its proper name directly (河南园)
    # a verb before the last proper word ends a clause: 湖北推进黄冈…试验区 names 黄冈…
    verbs = [i for i, (_, flag, _) in enumerate(run) if flag.startswith("v") and flag != "vn" and i < proper[-1]]
    first = next(i for i in proper if not verbs or i > verbs[-1])
    if first + 1 < len(run) and run[first + 1][1] == "v" and run[first + 1][0] in _SUBJECT_VERBS:
        return None  # 湖北打造成…示范区: a subject and its verb (湘南湘西承接产业转移示范区 is a name)
    if kind.group() in _DESIGNATION_KINDS and any(word in _NATIONAL_WORDS for word, _, _ in run[:first]):
        return _designation_start(run, kind.group())  # 国家中医药传承创新发展试验区, not 中医药…
    if _NUMERAL.match(run[first][0]) and run[first][1] not in ("ns", "nz"):  # 两江新区, 六盘水 are names
        return None  # 万兆园区: a numeral opens a count or a measure, not a name
    if first == len(run) - 1 and _is_place(run[first][0]) and places()[run[first][0]].endswith("0000") \
            and kind.group() in _PROVINCE_GENERIC:
        return None  # 河南省开发区: the province's zones, not one park
    before = next((w for w in reversed(words) if w.end == run[first][2]), None)
    if before and _is_loose_char(before):
        prior = next((w for w in reversed(words) if w.end == before.start), None)
        if prior and _is_loose_char(prior):
            return prior.start  # 前/海 深港现代服务业合作区: jieba split the name's own opening (前海)
        if first > 0:
            return None  # a fragment of a name whose opening jieba could not tell
    return run[first][2]


def _is_loose_char(word: Word) -> bool:
    """A one-character noun-like word that is not a word of its own before a name (海 of 前/海;
    not 市 of 市经开区)."""
    return len(word.text) == 1 and bool(_HAN.fullmatch(word.text)) and word.flag in ("n", "f", "ng", "j") \
        and word.text not in _STANDALONE_CHARS


# -- parks named by their topic, designations named by their topic

# a park named by what it does (互联网产业园, 非公经济创业园) is one park where the text builds it:
# an action verb before, its construction or project after; a count or 一批 makes it a kind of park
_TOPIC_PARK_KINDS = {"产业园", "创业园", "物流园", "工业园", "园"}
_BUILDING_VERBS = {"加快", "启动", "支持", "扶持", "推进", "实施", "抓好", "全力支持"}
_BUILDING_AFTER = {"建设", "项目", "二期", "一期", "基础设施"}
_NOT_OPENING = {"v", "d", "p", "m", "a", "c", "ad", "r"}
_CATEGORY_WORDS = {"一批", "各类", "若干", "多个", "一些", "各", "各地", "特色", "专业", "重点", "省级", "国家级", "等",
                   "县域", "乡镇", "现有", "全市", "全省", "全县", "上述"}


def _topic_park_start(words: list[Word], index: int, kind: re.Match) -> int | None:
    """Where a park named only by its topic begins (启动通用航空产业园项目建设 → 通用航空产业园),
    or None: the name runs back to an action verb over one to four words of at most eight
    characters, and the text must go on with the park's construction or project."""
    if kind.group() not in _TOPIC_PARK_KINDS or index + 1 >= len(words) or words[index + 1][0] not in _BUILDING_AFTER:
        return None
    i = index
    while i > 0 and index - i < 4 and words[i - 1][0] not in _BUILDING_VERBS and _HAN.fullmatch(words[i - 1][0]):
        i -= 1
    if i == index or i == 0 or words[i - 1][0] not in _BUILDING_VERBS or kind.start() - words[i][2] > 8:
        return None
    if any(w[0] in _CATEGORY_WORDS or w[0] in _SETTING_UP or _NUMERAL.match(w[0]) for w in words[i:index]):
        return None
    first, flag = plain_tokenizer().tagged(words[i][0] + words[i + 1][0] if i + 1 < index else words[i][0])[0]
    if _in_dictionary(first) and flag in _NOT_OPENING:
        return None  # 非公产业园: a name never opens on a verb, a modifier or a numeral
    return words[i][2]


# one-character words that stand alone before a name (市经开区 is the city's own 经开区)
_STANDALONE_CHARS = set("省市县区镇乡村和与及在对向把将为由从等")


def _designation_start(run: list[tuple[str, str, int]], kind: str) -> int | None:
    """Where a designation named by its topic begins: at 国家/全国/中国 with at least one word
    of topic before the kind (国家低空经济产业综合示范区); None for anything else."""
    if kind not in _DESIGNATION_KINDS:
        return None
    opener = next((i for i, (word, _, _) in enumerate(run) if word in _DESIGNATION_OPENERS), None)
    if opener is None or opener == len(run) - 1 or any(w in _NATIONAL_WORDS for w, _, _ in run[:opener]):
        return None
    return run[opener][2]


def find_park_names(text: str, taken: list[tuple[int, int]]) -> list[ParkName]:
    """Park names in `text` that do not overlap the spans already `taken` (taxonomy hits).

    A kind with no proper name before it is reported as generic when it is a bare zone
    word (园区, 开发区) and dropped otherwise (公办园, 重点园区 → 园区 generic)."""
    kinds = list(_KIND_RE.finditer(text))
    if not kinds:
        return []
    # segment only what a name can span: clauses are long, posseg's HMM is the cost of linking
    offset = max(0, kinds[0].start() - _MAX_NAME - 8)
    # (a few characters past the last kind: 厦门园林局 must show that 园 ends inside 园林)
    words = _words(text[offset:kinds[-1].end() + 4], offset)
    found: list[ParkName] = []
    taken = list(taken)
    for m in kinds:
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if m.group() in _WORD_END_KINDS and not any(w[3] == m.end() for w in words):
            continue  # 厦门园林植物园: a bare 园 ending inside a word (园林, 园艺); 新区内 is jieba's 区内
        start = _name_start(words, m, text)
        if start is not None and any(k.start() < start < k.end() for k in kinds):
            start = None  # 合肥经开区…示范区 cut at 开区: never start inside another kind
        if start is not None and _is_trade_agreement(text, start, m):
            continue
        members = _shared_kind_members(words, m, start, text)
        if members:
            found += members
            taken += [(p.start, p.end) for p in members]
            taken.append((start if start is not None else m.start(), m.end()))
            continue  # the members are the parks (深圳、佛山入选国家…试验区: not the bare designation)
        if start is None:
            if m.group() in GENERIC_ZONES and _starts_word(words, m.start()):
                found.append(ParkName(m.group(), m.start(), m.end(), True))
                taken.append((m.start(), m.end()))
            continue
        found.append(ParkName(text[start:m.end()], start, m.end(), False))
        taken.append((start, m.end()))
    found += _list_siblings(text, found)
    return sorted(found, key=lambda p: p.start)


# -- items of a list of parks: 推进珠海西部生态新区、佛山三龙湾、东莞滨海湾新区等建设

# an item's end that names a side or surroundings of a place, not a zone (浦东国际机场南侧)
_SIDE_END = re.compile(r"(南侧|北侧|东侧|西侧|周边|沿线|一带|地区|片区)$")
# the tags of words a list opens after: a verb, conjunction, preposition, adverb, particle, punctuation
_LIST_OPENERS = ("c", "p", "v", "d", "x", "u")


def _list_siblings(text: str, found: list[ParkName]) -> list[ParkName]:
    """Items of a 、 list at least half of whose items are parks, named like them: 推进珠海西部
    生态新区、佛山三龙湾、东莞滨海湾新区等建设 makes 佛山三龙湾 a park too. An item counts when it
    opens with a place or another proper word and goes on past it, with no verb inside."""
    named = {(p.start, p.end) for p in found if not p.generic}
    if len(named) < 2 or "、" not in text:
        return []
    words = _words(text)  # the whole clause: a list's items may lie far from its kinds
    items = _list_items(text, words)
    parks_listed = sum((a, b) in named for a, b in items)
    if parks_listed < 2 or 2 * parks_listed < len(items):
        return []
    taken = [(p.start, p.end) for p in found]
    out = []
    for a, b in items:
        inside = [w for w in words if a <= w[2] and w[3] <= b]
        if (a, b) in named or any(x < b and a < y for x, y in taken) or not inside or not 3 <= b - a <= 12:
            continue
        head = inside[0]
        if len(inside) < 2 or not (_is_place(head[0]) or _is_proper(head[0], head[1])) \
                or any(f.startswith("v") and f != "vn" for _, f, _, _ in inside) \
                or not _HAN.fullmatch(text[a:b]) or _SIDE_END.search(text[a:b]):
            continue
        out.append(ParkName(text[a:b], a, b, False))
    return out


def _list_items(text: str, words: list[Word]) -> list[tuple[int, int]]:
    """The items of the 、 lists of a clause: between separators, the first opening after a
    verb, conjunction or preposition, the last ending before 等 or the next such word."""
    items: list[tuple[int, int]] = []
    for i, w in enumerate(words):
        if w[0] != "、":
            continue
        j = i - 1  # the item before this separator
        while j >= 0 and words[j][0] != "、" and not words[j][1].startswith(_LIST_OPENERS):
            j -= 1
        if j + 1 < i:
            items.append((words[j + 1][2], w[2]))
        nxt = i + 1  # the item after it, when it is the list's last
        k = nxt
        while k < len(words) and words[k][0] not in ("、", "等") and not words[k][1].startswith(_LIST_OPENERS):
            k += 1
        if k > nxt and (k == len(words) or words[k][0] != "、"):
            items.append((words[nxt][2], words[k - 1][3]))
    return sorted(set(items))


def _is_trade_agreement(text: str, start: int, kind: re.Match) -> bool:
    """中韩、中澳自贸区, 中日韩自贸区: free-trade areas of agreements between countries, not zones."""
    return kind.group() == "自贸区" and (bool(_COUNTRY_PAIR.match(text[start:kind.start()]))
                                       or text[max(0, start - 1):start] == "中")


# -- lists sharing one kind: 珠海、阳江渔港经济区; 深圳、佛山入选国家…试验区

# what stands between a list and the kind it shares: 等, a count (2个), a level or class (省, 县市)
_LIST_SEPARATORS = {"等", "个", "家", "省", "市", "省级", "市级", "县市", "城市", "地区"}
# verbs whose subjects each receive the designation that follows (深圳、佛山、中山入选国家…试验区)
_RECEIVING_VERBS = {"入选", "获批", "获评", "创建", "获批创建", "成功创建", "列入"}
_COUNT = re.compile(r"^([0-9]+|[一二两三四五六七八九十]+)[个家]?$")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _shared_kind_members(words: list[Word], kind: re.Match, start: int | None, text: str) -> list[ParkName]:
    """Parks named by a list sharing one kind: 珠海、阳江渔港经济区 is 珠海渔港经济区 and
    阳江渔港经济区; 佛山、茂名高州2个改革创新实验区 names two; 深圳、佛山入选国家中医药传承创新
    发展试验区 and 罗田、钟祥2个县市获批创建国家现代农业产业园 give the designation to each.
    Empty unless at least two members are listed."""
    index = {w.start: i for i, w in enumerate(words)}
    if start is not None:
        if start not in index:
            return []
        i = index[start]
        list_end, count, received = _list_end_before(words, i)
        if received:  # the members are the subjects of 入选, 获批创建 …
            return _member_parks(words, list_end, (start, kind.end()), count, text)
        return _members_of_a_named_park(words, i, kind, text)
    i = next((k for k, w in enumerate(words) if w.start == kind.start()), None)
    if i is None:
        return []
    inner = _inner_tags(kind.group())
    while i > 0 and words[i - 1].flag.startswith(inner) and words[i - 1].text not in _SETTING_UP \
            and not _NUMERAL.match(words[i - 1].text):
        i -= 1
    list_end, count, _ = _list_end_before(words, i)
    return _member_parks(words, list_end, (words[i].start, kind.end()), count, text)


def _members_of_a_named_park(words: list[Word], i: int, kind: re.Match, text: str) -> list[ParkName]:
    """珠海、阳江渔港经济区: the name found (阳江渔港经济区) opens with the list's last member, one
    place word like every other member; what follows it up to the kind is shared, and holds no
    place or name of its own (北京、天津、河北雄安新区 shares nothing: 雄安 is a name)."""
    if not _is_place(words[i].text) or i + 1 >= len(words):
        return []
    tail = words[i + 1:]
    tail = tail[:next((k for k, w in enumerate(tail) if w.start >= kind.start()), len(tail))]
    if any(_is_place(w.text) or not _in_dictionary(w.text) for w in tail):
        return []
    members = _members_before(words, i + 1, bare_kind=not tail)
    one_word = {(w.start, w.end) for w in words}
    if not all((a, b) in one_word and _is_place(text[a:b]) for a, b in members):
        return []  # every member is one place word, as the last one is
    return _parks_for(members, (words[i].end if tail else kind.start(), kind.end()), text)


def _list_end_before(words: list[Word], i: int) -> tuple[int, int | None, bool]:
    """Walk back from words[i] over what may stand between a list and its shared kind
    (等, 2个, 县市, 获批创建): where the list ends, the count it gives (None after 等 or when it
    gives none) and whether a verb of receiving a designation stood there."""
    count_words, open_list, received = [], False, False
    while i > 0:
        word, flag = words[i - 1].text, words[i - 1].flag
        if word in _RECEIVING_VERBS:
            received = True
        elif word == "等":
            open_list = True
        elif flag == "m" or word in _LIST_SEPARATORS or word.translate(_FULL_WIDTH_DIGITS).isdigit():
            count_words.insert(0, word)
        else:
            break
        i -= 1
    match = _COUNT.match("".join(count_words).translate(_FULL_WIDTH_DIGITS).rstrip("省市县地区城"))
    count = None
    if match and not open_list:
        digits = match.group(1)
        count = int(digits) if digits.isdigit() else _CN_DIGITS.get(digits)
    return i, count, received


def _member_parks(words: list[Word], list_end: int, shared: tuple[int, int], count: int | None,
                  text: str) -> list[ParkName]:
    """One park per member of the list ending before words[list_end], each named by the member
    and the `shared` span of the text (改革创新实验区); where the text counts the list, exactly
    that many items, village names that are common words included."""
    bare_kind = _KIND_RE.fullmatch(text[shared[0]:shared[1]]) is not None
    members = _members_before(words, list_end, bare_kind)
    if count and len(members) != count:
        members = _counted_items_before(words, list_end, count)  # 光明、富强、友好三个蔬菜生产园区
    return _parks_for(members, shared, text)


def _parks_for(members: list[tuple[int, int]], shared: tuple[int, int], text: str) -> list[ParkName]:
    """Member + shared part for each member; the last member's span reaches the kind when the
    shared part follows it directly (阳江渔港经济区 is written whole)."""
    if len(members) < 2:
        return []
    tail = text[shared[0]:shared[1]]
    return [ParkName(text[a:b] + tail, a, shared[1] if b == shared[0] else b, False) for a, b in members]


def _counted_items_before(words: list[Word], i: int, count: int) -> list[tuple[int, int]]:
    """Exactly `count` one-word items separated by 、 before words[i]: where the text counts its
    list (三个), village names that are common words (光明, 富强, 友好) are members too; not
    activities (研发、生产、物流), single characters (南、北) or kinds."""
    items: list[tuple[int, int]] = []
    while i > 0 and len(items) < count:
        word = words[i - 1]
        if not _HAN.fullmatch(word.text) or not 2 <= len(word.text) <= 4 or word.flag == "vn" \
                or _KIND_RE.search(word.text) or _DIRECTION.match(word.text):
            return []
        items.insert(0, (word.start, word.end))
        i -= 1
        if len(items) < count:
            if i == 0 or words[i - 1].text != "、":
                return []
            i -= 1
    return items if len(items) == count and (i == 0 or words[i - 1].text != "、") else []


def _members_before(words: list[Word], i: int, bare_kind: bool = False) -> list[tuple[int, int]]:
    """The spans of a list of places or proper names ending right before words[i], separated
    by 、 (佛山、茂名高州): each member is one to three such words of at most eight characters;
    before a bare kind at most two (武汉东湖、襄阳高新区; 江门大广海湾、肇庆新区 names two things).
    The list must open after a verb, conjunction, particle or punctuation (not 三 of 佛山三龙湾)."""
    members: list[tuple[int, int]] = []
    most = 2 if bare_kind else 3
    while True:
        j = i
        while j > 0 and i - j < most and _is_member_word(words[j - 1].text, words[j - 1].flag) \
                and words[i - 1].end - words[j - 1].start <= 8:
            j -= 1
        if bare_kind and j > 0 and _is_member_word(words[j - 1].text, words[j - 1].flag):
            return []  # a longer name than a list member: the items are whole names
        if j == i:
            break
        members.insert(0, (words[j].start, words[i - 1].end))
        if j > 0 and words[j - 1].text == "、":
            i = j - 1
            continue
        if j > 0 and not words[j - 1].flag.startswith(_LIST_OPENERS):
            return []  # the first member is the tail of a longer word run
        break
    return members


def _is_member_word(word: str, flag: str) -> bool:
    if _KIND_RE.search(word):
        return False  # 苏州工业园区、南京江北新区: each item is a whole name already
    return _is_place(word) or _is_proper(word, flag) or (len(word) == 1 and flag == "j")


def _starts_word(words: list[Word], offset: int) -> bool:
    return any(w[2] == offset for w in words)


def nested_parks(found: Iterable[ParkName]) -> dict[str, str]:
    """Child → parent where one name opens with another or follows it directly: 中国（重庆）
    自由贸易试验区两江片区 and 中关村国家自主创新示范区海淀园 (the text writes them together)."""
    named = [p for p in found if not p.generic]
    out: dict[str, str] = {}
    for child in named:
        parents = [p for p in named if (p.start == child.start and p.end < child.end) or p.end == child.start]
        if parents:
            out.setdefault(child.name, max(parents, key=lambda p: p.end).name)
    return out


# -- document-level abbreviations: 河北雄安新区（以下简称“新区”）

_ABBREVIATION = re.compile(r"[（(](?:以下|下文)?(?:简称|称)[：:]?[“\"「]?([^”\"」）)，,、]{1,12})[”\"」]?[）)]")


def find_abbreviations(text: str) -> dict[str, str]:
    """Short name → full park name, where the text says 'X（以下简称“Y”）' of a park X."""
    out: dict[str, str] = {}
    for m in _ABBREVIATION.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        names = [p for p in find_park_names(before, []) if p.end == len(before) and not p.generic]
        if names and names[-1].name != m.group(1):
            out.setdefault(m.group(1), names[-1].name)
    return out


# -- one park, one row


def park_key(name: str) -> str:
    """The form two spellings of one park share: 中国（上海）自由贸易试验区, 上海自贸试验区 and
    中国上海自由贸易试验区 → 上海自由贸易试验区; 上海浦东新区 → 浦东新区; 呼伦贝尔市X → 呼伦贝尔X."""
    key = re.sub(r"^中国[（(]([^）)]+)[）)]", r"\1", name.strip())
    key = re.sub(r"^中国(?=..)", "", key) if _place_prefix(key[2:]) else key
    for short, full in _KIND_FULL:
        if key.endswith(short) and not key.endswith(full):
            key = key[: -len(short)] + full
            break
    while True:
        head = _place_prefix(key)
        if not head:
            break
        rest = key[len(head):]
        code = places()[head]
        short = _PLACE_SUFFIX.sub("", head)
        sub = _place_prefix(rest)
        # a province or city before one of its own counties or cities goes: 上海浦东新区
        if sub and places()[sub].startswith(code[: 2 if code.endswith("0000") else 4]) and sub != head:
            key = rest
            continue
        key = (short if len(short) >= 2 else head) + rest
        break
    return key


def _place_prefix(text: str) -> str:
    """The longest place name text begins with ('' when none)."""
    table = places()
    for length in range(min(len(text) - 1, 12), 1, -1):
        if text[:length] in table:
            return text[:length]
    return ""


def _has_full_kind(name: str) -> bool:
    return not any(name.endswith(short) and not name.endswith(full) for short, full in _KIND_FULL)


def canonical_parks(
    names_by_doc: Mapping[str, Iterable[str]],
    abbreviations_by_doc: Mapping[str, Mapping[str, str]] | None = None,
    within_by_doc: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, Canonical]:
    """One row per park over all documents, keyed by canonical name.

    Names fold by park_key; the canonical name is the most written full-kind spelling
    (ties: the longest). A document's abbreviations (新区 for 河北雄安新区) become aliases
    of their full name only; `within_by_doc` gives a park's parent where a text says so."""
    counts: dict[str, dict[str, int]] = {}
    docs: dict[str, list[str]] = {}
    for doc, names in names_by_doc.items():
        for name in names:
            key = park_key(name)
            counts.setdefault(key, {}).setdefault(name, 0)
            counts[key][name] += 1
            if doc not in docs.setdefault(key, []):
                docs[key].append(doc)
    rows: dict[str, Canonical] = {}
    by_key: dict[str, Canonical] = {}
    for key, spellings in counts.items():
        best = max(spellings, key=lambda n: (_has_full_kind(n), spellings[n], len(n)))
        row = Canonical(best, sorted(n for n in spellings if n != best), "", docs[key])
        rows[best] = by_key[key] = row
    for abbreviations in (abbreviations_by_doc or {}).values():
        for short, full in abbreviations.items():
            row = by_key.get(park_key(full))
            if row and short != row.name and short not in row.aliases:
                row.aliases.append(short)
    for within in (within_by_doc or {}).values():
        for child, parent in within.items():
            row, parent_row = by_key.get(park_key(child)), by_key.get(park_key(parent))
            if row and not row.within:
                row.within = parent_row.name if parent_row else parent
    return rows


def park_kind(name: str) -> str:
    """The kind a park name ends with (工业园区, 自贸试验区 …), '' when none."""
    return next((kind for kind in _KINDS if name.endswith(kind)), "")
