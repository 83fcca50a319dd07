"""Lists of parks: a list sharing one kind names one park per member (珠海、阳江渔港经济区;
深圳、佛山入选国家…试验区), and an item of a list of parks is one too (推进珠海西部生态新区、
佛山三龙湾、东莞滨海湾新区等建设). kb/parks.py calls these for each kind it finds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from .park_words import (
    CATEGORY_WORDS,
    DEVELOPMENT_ZONE_KINDS,
    DIRECTION,
    HAN,
    KIND_RE,
    KINDS,
    LEVEL_WORDS,
    NAMING_VERBS,
    NUMERAL,
    PLACE_NAMED_KINDS,
    QUALITY_WORDS,
    RARE_PLACE_FREQUENCY,
    RELATIVE_TIME,
    SETTING_UP,
    TOWN_WORDS,
    ParkName,
    Word,
    current_own_place_words,
    in_dictionary,
    industry_words,
    is_city_group,
    is_dropped_place,
    is_own_short_kind,
    is_place,
    is_place_pair,
    is_proper,
    is_rare_noun,
    join_city_groups,
    names_a_place,
    place_stems,
    stands_inside,
    words_of,
)
from .places import COUNTY_UNITS, place_by_name
from .quantities import normalise_value
from .segment import CLAUSE_MARKS
from .tokenize import plain_tokenizer

# -- items of a list of parks: 推进珠海西部生态新区、佛山三龙湾、东莞滨海湾新区等建设

# common nouns that open an item of a list of parks without naming one (县城产业园, 老城片区)
_COMMON_OPENINGS = {"县城", "城区", "市区", "老城", "老城区", "周边", "配套", "相关", "其他", "火车站", "中心"}
# an item's end that names a side or surroundings of a place, not a zone (浦东国际机场南侧), or
# a region or a process of several cities (长株潭一体化, 长株潭都市圈)
_SIDE_END = re.compile(r"(南侧|北侧|东侧|西侧|周边|沿线|一带|地区|片区|一体化|城市群|都市圈|经济圈|经济带)$")
# the tags of words a list opens after: a verb, conjunction, preposition, adverb, particle, punctuation
_LIST_OPENERS = ("c", "p", "v", "d", "x", "u")
# a pronoun ends a list's last item too (、天府新区这些先进新区), but opens items (诸 of 诸由观, jieba's pronoun)
_LAST_ITEM_ENDS = (*_LIST_OPENERS, "r")
_NUMBERING = re.compile(r"\d{1,2}[.．、]")  # 9. of a numbered item, before the list it opens


def list_siblings(text: str, found: list[ParkName]) -> list[ParkName]:
    """Items of a 、 list at least half of whose items are parks, named like them: 推进珠海西部
    生态新区、佛山三龙湾、东莞滨海湾新区等建设 makes 佛山三龙湾 a park too. An item counts when it
    opens with a place or another proper word and goes on past it, with no verb inside."""
    named = {(p.start, p.end) for p in found if not p.generic}
    if not named or "、" not in text:
        return []
    words = join_city_groups(words_of(text))  # the whole clause: items may lie far from its kinds
    items = _list_items(text, words)
    # an item is a park named, or the list's last item opens with one (福田片区 of 福田片区基础设施配套;
    # not 深汕比亚迪汽车工业园二期、…, an item 、 ends)
    listed = {(a, b): next(((x, y) for x, y in named if x == a and (y == b or y < b and text[b:b + 1] != "、")), None)
              for a, b in items}
    parts_alike = _named_parts_alike(text, items)  # 李渡园区、龙桥园区、清溪园区: one named is enough
    parks_listed = sum(park is not None for park in listed.values())
    # 包括日喀则藏医药产业园、青稞牦牛产业园、清洁能源产业园…: a zone's parks, declared as such, one named by
    # its place and the others by their industry (not 推动企业向苏州工业园区、化工产业园集中: kinds of park)
    kinded = parks_listed >= 1 and len(items) >= 2 and all(_kind_at_end(text[a:b]) in _PARK_KINDS or listed[(a, b)] for a, b in items) \
        and (text[max(0, items[0][0] - 4):items[0][0]].endswith(_PART_CUES) or _inside_a_named_zone(text, items[0][0], found))
    if not (parks_listed >= 2 and 2 * parks_listed >= len(items) or parks_listed and parts_alike or kinded):
        return []
    taken = [(p.start, p.end) for p in found if not p.generic]  # a bare 片区 gives way to its item
    shared_kinds = {_kind_at_end(text[a:b]) for a, b in items} if kinded else \
        {_kind_at_end(text[park[0]:park[1]]) for park in listed.values() if park} - {""}
    shared_kind = _kind_after_list(text, items)
    out = []
    for a, item_end in items:
        b = opening.end() if parts_alike and (opening := _PART_OPENING.match(text, a, item_end)) else item_end
        # (大屯片区 of 大屯片区错位发展, the list's last item)
        inside = [w for w in words if a <= w.start and w.end <= b]
        if listed[(a, item_end)] or any(x < b and a < y for x, y in taken) or not inside or not 3 <= b - a <= 12:
            continue
        head = inside[0]
        # 空港新城、沣东新城、秦汉新城: an item of the kind every named item has is named like them
        alike = (len(shared_kinds) == 1 or kinded) and _kind_at_end(text[a:b]) in shared_kinds \
            and head.flag.startswith("n") and head.text not in _COMMON_OPENINGS  # not 周边新城 (f), 县城产业园
        # 城东片区、龙桥片区: a 片区 named by a place word like its company's, not 老城片区 or 火车站片区
        placed = alike and (head.flag in ("ns", "nr", "nz") or is_place(head.text) or parts_alike)
        if len(inside) < 2 or not (is_place(head.text) or is_proper(head.text, head.flag) or alike) \
                or inside[-1].text in NAMING_VERBS \
                or any(w.flag.startswith("v") and w.flag != "vn" for w in inside) \
                or not HAN.fullmatch(text[a:b]) or (_SIDE_END.search(text[a:b]) and not placed) \
                or text[a:b].endswith(tuple(TOWN_WORDS)) or is_place(text[a:b]) and not _kind_at_end(text[a:b]) \
                or _PROJECT.search(text[a:b]) or _BODY_END.search(text[a:b]):
            # 托管的昌东镇、麻丘镇: towns a zone runs; …新区和勉县、南郑区: counties; 周口港三期工程: a project;
            # …高新区、洪桥镇和县商务局作了交流发言: a body
            continue
        completed = shared_kind and not _kind_at_end(text[a:b]) and not text[a:b].endswith(_AREA_ENDS)
        out.append(ParkName(text[a:b] + (shared_kind if completed else ""), a, b, False))
    return out


# what declares a zone's parks right after its name, as 包括 does (大连经济技术开发区内的集成电路产业园、汽车产业园…)
_INSIDE_CUE = re.compile(r"内(?:已)?(?:设立)?的$")


def _inside_a_named_zone(text: str, at: int, found: list[ParkName]) -> bool:
    """A list opening after a named zone's 内的 (or 内已设立的): the zone's parks; not 省内的 or 辖区内的."""
    cue = _INSIDE_CUE.search(text, max(0, at - 6), at)
    return cue is not None and any(p.end == cue.start() and not p.generic for p in found)


# the kinds of a park built for industries, which an industry may name (新材料产业园, 现代物流园)
_PARK_KINDS = {"产业园", "产业园区", "工业园", "工业园区", "物流园", "物流园区", "科技园", "创业园", "园中园"}


def _kind_after_list(text: str, items: list[tuple[int, int]]) -> str:
    """The kind the list's last item shares with the others (…瑞昌、德安等工业园区): what an item written
    without a kind of its own is completed with (永修星火 → 永修星火工业园区); "" when none follows or
    the kind is too bare to say what the items are (…等园区, …等片区)."""
    m = _SHARED_KIND_AFTER.match(text, items[-1][1]) if items else None
    return m.group(1) if m and m.group(1) not in _BARE_SHARED_KINDS else ""


# kinds too bare to complete an item with (…东莞滨海湾新区等园区: the items are areas already), and the
# ends of an item that is one (郑州航空港区, 佛山三龙湾)
_BARE_SHARED_KINDS = {"园区", "片区", "园", "新区", "新城", "区块", "组团"}
_AREA_ENDS = ("区", "园", "城", "湾", "港", "岛")


_SHARED_KIND_AFTER = re.compile(rf"等?({KIND_RE.pattern})")
_PROJECT = re.compile(r"工程|项目|码头|[一二三四五六七八九十\d]期")  # a project, a facility or a phase, listed among parks
# a body or a firm (or the person speaking for it), listed among parks
_BODY_END = re.compile("(?:局|委|厅|署|办|政府|管委会|公司|集团)(?:主要)?(?:负责人|同志|代表)?$")
_URBAN_RENEWAL = re.compile("棚户区|城中村|旧城|老旧小区|城市更新|征迁|拆迁|旧改")
_PART_OPENING = re.compile("[\u4e00-\u9fff]{2,3}?(?:园区|片区)")


def _named_parts_alike(text: str, items: list[tuple[int, int]]) -> bool:
    """Every item of the list a zone's part of one shape, a name of two or three characters and
    园区 or 片区 (李渡园区、龙桥园区、清溪园区; 红果片区、柏果片区), each name a place or a word that may
    name one (not 核心园区、起步园区, 化工园区、物流园区, 城区、郊区 …)."""
    if _URBAN_RENEWAL.search(text):
        return False  # 南门片区、北关片区、东关片区棚户区改造: a town's quarters, renewed
    names = [text[a:b] for a, b in items]
    if names and (last := _PART_OPENING.match(names[-1])):
        names[-1] = last.group()  # 柏果片区 of 柏果片区基础设施互联互通, the list's last item
    kinds = {name[-2:] for name in names}
    if len(names) < 2 or len(kinds) != 1 or not kinds <= {"园区", "片区"}:
        return False
    stems = [name[:-2] for name in names]
    alike = _names_a_garden if kinds == {"园区"} else names_an_area
    return all(2 <= len(stem) <= 3 and HAN.fullmatch(stem) and alike(stem) and may_name_a_part(stem) for stem in stems)


def _kind_at_end(name: str) -> str:
    """The kind a name ends with ('' for none)."""
    kinds = [m for m in KIND_RE.finditer(name) if m.end() == len(name)]
    return kinds[-1].group() if kinds else ""


# 巩昌铝产业园和首阳循环经济产业园: the last item of a list, joined by 'and'
_LAST_ITEM_JOINERS = ("和", "及", "以及")


def _list_items(text: str, words: list[Word]) -> list[tuple[int, int]]:
    """The items of the 、 lists of a clause: between separators, the first opening after a
    verb, conjunction or preposition, the last ending before 等, a count (五个) or the next such
    word."""
    items: list[tuple[int, int]] = []
    for i, w in enumerate(words):
        if w.text != "、":
            continue
        j = i - 1  # the item before this separator
        while j >= 0 and words[j].text != "、" and not words[j].flag.startswith(_LIST_OPENERS):
            j -= 1
        if j + 1 < i:
            items.append((words[j + 1].start, w.start))
        nxt = i + 1  # the item after it, when it is the list's last
        k = nxt
        while k < len(words) and words[k].text not in ("、", "等") and not words[k].flag.startswith(_LAST_ITEM_ENDS) \
                and (k == nxt or words[k].flag != "m" or words[k].text[-1] not in "个家类批处座"):
            # …、泾河新城五个新城: a count ends the list (三 of 佛山三龙湾 is no count)
            k += 1
        if k > nxt and (k == len(words) or words[k].text != "、"):
            items.append((words[nxt].start, words[k - 1].end))
            if k + 1 < len(words) and words[k].text in _LAST_ITEM_JOINERS:
                items += _joined_item(words, k + 1)
    return sorted(set(items))


def _joined_item(words: list[Word], first: int) -> list[tuple[int, int]]:
    """The item after a list's 和 (巩昌铝产业园和首阳循环经济产业园): up to the first kind within
    five words, with no verb (循环, jieba's vn, is a topic), separator or preposition before it."""
    for m in range(first, min(len(words), first + 5)):
        word = words[m]
        if KIND_RE.fullmatch(word.text):
            return [(words[first].start, word.end)] if m > first else []
        if word.text in ("、", "等") or word.flag.startswith(_LIST_OPENERS) and word.flag != "vn":
            return []
    return []


# -- lists sharing one kind: 珠海、阳江渔港经济区; 深圳、佛山入选国家…试验区

# what stands between a list and the kind it shares: 等, a count (2个), a level or class (省, 县市)
_LIST_SEPARATORS = {"等", "个", "家", "省", "市", "省级", "市级", "县市", "城市", "地区", "共", "共计"}  # …白沙共3个
# kinds of zone a city has one of: 成都、西安的高新区 names each city's
_ONE_PER_CITY = {"高新区", "经开区", "综保区", "综合保税区", "高新技术产业开发区", "经济技术开发区"}
# verbs whose subjects each receive the designation that follows (深圳、佛山、中山入选国家…试验区)
_RECEIVING_VERBS = {"入选", "获批", "获评", "创建", "获批创建", "成功创建", "列入", "争创"}
_COUNT = re.compile(r"^([0-9]+|[一二两三四五六七八九十]+)[个家大]?$")
COUNT_CHARS = "两二三四五六七八九十"  # the numerals of a count of parts (三大, 两个, 四大园区)
_COUNT_OF_MANY = re.compile(f"[{COUNT_CHARS}]大")  # 三大产业片区: a count, whatever jieba tags it


def _is_cut_count(words: list[Word], i: int) -> bool:
    """大 after a numeral (两|大园区): the count jieba cut in two, not a word of the shared kind."""
    return words[i].text == "大" and i > 0 and bool(_COUNT_CHARS.fullmatch(words[i - 1].text))


_COUNT_CHARS = re.compile(f"[{COUNT_CHARS}]+")


def shared_kind_members(words: list[Word], kind: re.Match, start: int | None, text: str,
                        zones: Mapping[int, int] | None = None) -> list[ParkName]:
    """Parks named by a list sharing one kind: 珠海、阳江渔港经济区 is 珠海渔港经济区 and
    阳江渔港经济区; 佛山、茂名高州2个改革创新实验区 names two; 深圳、佛山入选国家中医药传承创新
    发展试验区 and 罗田、钟祥2个县市获批创建国家现代农业产业园 give the designation to each.
    Empty unless at least two members are listed, or one place before 等 (深圳等经济特区).
    `zones` maps the end of each zone named before to its start: a list right after one names
    its parts (中国（福建）自由贸易试验区福州、厦门、平潭片区: each 片区 of that zone, named with it)."""
    zones = zones if zones and kind.group() in _PART_KINDS else {}
    members = _shared_kind_members(words, kind, start, text, frozenset(zones))
    if members and members[0].start in zones:
        zone = text[zones[members[0].start]:members[0].start]
        members = [ParkName(zone + p.name, p.start, p.end, p.generic) for p in members]
    return members


# the kinds that only ever name a zone's part (海南产业园西区、乌达产业园 lists two parks, not parts)
_PART_KINDS = {"片区", "分区", "区块", "组团"}


def _shared_kind_members(words: list[Word], kind: re.Match, start: int | None, text: str,
                         zone_ends: frozenset[int]) -> list[ParkName]:
    index = {w.start: i for i, w in enumerate(words)}
    if start is not None:
        if start not in index:
            return []
        i = index[start]
        list_end, count, received = _list_end_before(words, i)
        if received:  # the members are the subjects of 入选, 获批创建 …
            return _member_parks(words, list_end, (start, kind.end()), count, text)
        if count and list_end < i:  # 里水、大沥两个广佛融合先导区: each of the counted places holds the designation
            counted = _member_parks(words, list_end, (start, kind.end()), count, text)
            if len(counted) == count and all(_is_place_here(text[p.start:p.end]) for p in counted):
                return counted  # (not 新材料、新能源两个…先导区: no places)
        return _members_of_a_named_park(words, i, kind, text, zone_ends)
    i = index.get(kind.start())
    if i is None:
        return []
    while i > 0 and stands_inside(words[i - 1].text, words[i - 1].flag, kind.group()) \
            and words[i - 1].text not in SETTING_UP \
            and not NUMERAL.match(words[i - 1].text) and not _is_cut_count(words, i - 1):
        i -= 1
    if 0 < i == index[kind.start()] - 1 and words[i - 1].text == "、" and _is_county_short_form(words[i].text) \
            and plain_tokenizer().frequency(words[i].text) < RARE_PLACE_FREQUENCY:  # not 和平, 合作
        i += 1  # 甘谷、武山、秦安工业园区: the one word walked over is the list's last member
    # 成都、西安的高新区: each city's one zone of a kind a city has one of
    of = i == index[kind.start()] and i > 1 and words[i - 1].text == "的" and kind.group() in _ONE_PER_CITY
    list_end, count, received = _list_end_before(words, i - 1 if of else i)
    shared = (words[i].start, kind.end())
    if (words[i].text in CATEGORY_WORDS and words[i].text not in LEVEL_WORDS or words[i].text in _MEMBER_CLASSES) \
            and not _counted_towns(words, list_end, count, i, text):
        return []  # 繁昌、南陵等县域开发区, …等重点园区, 赣州、龙岩等城市园区: what the members have, not their zones' names
    if received and _is_bare_designation(text[shared[0]:shared[1]]):
        return []  # 深圳、佛山入选示范区: a bare kind is no designation to receive
    if _cities_zones(words, list_end, i, kind.group()):
        return []
    one = _one_member_and_others(words, list_end, i, text)
    if one:
        return _parks_for(one, shared, text, least=1)
    return _member_parks(words, list_end, shared, count, text)


# what the members of a list are, written before the kind they share (赣州、龙岩、河源、潮州等城市园区;
# 昆明、普洱等周边州市园区: the parks of the places around, a relation; 深圳、苏州等先进地区园区: places
# held up as models; 三亚、儋州等市县产业园区 names two)
_MEMBER_CLASSES = {"城市", "周边", "周边城市", "周边地区", "周边县市", "先进", "先进地区", "发达", "发达地区"}


def _cities_zones(words: list[Word], list_end: int, i: int, kind: str) -> bool:
    """西安、宝鸡、汉中等市开发区: the zones of cities of a class (等市), where a city has many of the
    kind (not 成都、西安等市高新区, one each; 庆城、合水等县工业集中区, a county's one); 咸阳、宝鸡等示范区 in the 示范区's own 条例: the
    places around the document's own zone, which it calls by its bare kind."""
    between = {w.text for w in words[list_end:i + 1]}  # 等|市|开发区: the walk back took 市 in
    return ("市" in between and kind in _MANY_PER_CITY) \
        or (i == list_end + 1 and words[list_end].text == "等" and is_own_short_kind(kind))


# kinds a city has many of, whatever the words before them say (经济开发区, 工业园区)
_MANY_PER_CITY = {"开发区", "园区", "经济开发区", "工业园区", "产业园区", "工业园", "产业园"}
# a class of zone its towns hold, which a counted list gives each member: 多宝、皂市…拖市5个乡镇工业园
_TOWN_CLASSES = {"乡镇", "小微"}  # (当湖、钟埭两个小微企业园)


def _counted_towns(words: list[Word], list_end: int, count: int | None, i: int, text: str) -> bool:
    """多宝、皂市、渔薪、卢市、拖市5个乡镇工业园: a count right after the list (not after 等, which
    leaves members unnamed), a town's class of zone, and every counted item a place or a word jieba
    rarely sees or tags a name (和平, 夹浦) that names no industry (not 纺织、机械2个乡镇工业园区): each member is one such zone,
    named with the class as the text gives it (多宝乡镇工业园)."""
    if words[i].text not in _TOWN_CLASSES or count is None or words[list_end].text == "等":
        return False
    spans = _counted_items_before(words, list_end, count)
    named = {w.text for w in words if w.flag in ("nz", "nr", "ns") and any(w.start == a and w.end == b for a, b in spans)}
    return bool(spans) and all(_is_place_word(item) or (plain_tokenizer().frequency(item) < RARE_PLACE_FREQUENCY
                                                       or item in named) and item not in industry_words()
                               and item not in QUALITY_WORDS
                               for item in (text[a:b] for a, b in spans))


def _is_bare_designation(shared: str) -> bool:
    """示范区, 国家级示范区: a kind of designation with nothing of its own, which no list can
    receive; a bare established kind is each member's own zone (淮安、宿迁获批综合保税区)."""
    level = _LEVEL.match(shared)
    kind = shared[level.end():] if level else shared
    return KIND_RE.fullmatch(kind) is not None and kind not in PLACE_NAMED_KINDS


def _one_member_and_others(words: list[Word], list_end: int, i: int, text: str) -> list[tuple[int, int]]:
    """深圳等经济特区, 上海等自贸试验区: the one place named right before 等 and the kind has a zone
    of that kind (the others go unnamed); empty for a list of several, which _member_parks reads."""
    if not (list_end + 1 == i and words[list_end].text == "等"):
        return []
    members = _members_before(words, list_end)
    return members if len(members) == 1 and _is_one_place_word(words, members[0], text) else []


def _is_one_place_word(words: list[Word], span: tuple[int, int], text: str) -> bool:
    """A list member that is one of jieba's words and a place (珠海, 深圳), not a longer run."""
    return _is_one_word(words, span) and _is_place_word(text[span[0]:span[1]])


def _is_one_word(words: list[Word], span: tuple[int, int]) -> bool:
    return any((w.start, w.end) == span for w in words)


def _each_one_place_word(words: list[Word], members: list[tuple[int, int]], text: str) -> bool:
    """Every member of a list is one of jieba's words and a place; in a list of three or more,
    one may be a county's short form jieba knows as a common word (大名 of 大名县: …、魏县、大名
    经济开发区), since its company says what it is."""
    if not all(_is_one_word(words, span) for span in members):
        return False
    strict = sum(_is_place_word(text[a:b]) for a, b in members)
    return strict == len(members) or (len(members) >= 3 and strict == len(members) - 1
                                      and all(_is_county_short_form(text[a:b]) for a, b in members))


def _is_county_short_form(word: str) -> bool:
    """大名 (大名县), 峰峰 (峰峰矿区): the short form of a gazetteer county or district, however
    common a word it also is."""
    return len(word) >= 2 and not KIND_RE.search(word) \
        and (_is_place_word(word) or names_a_place(word))


def _is_place_word(word: str) -> bool:
    """A place of the gazetteer, or a group of its cities (合淮, 合六 of 合淮、合六、合滁合作园区)."""
    return is_place(word) or is_dropped_place(word) or is_city_group(word)


def _is_place_here(word: str) -> bool:
    """A place word, or one of the document's own (a town of its county: 里水, 大沥)."""
    return _is_place_word(word) or word in current_own_place_words()


def _members_of_a_named_park(words: list[Word], i: int, kind: re.Match, text: str,
                             zone_ends: frozenset[int] = frozenset()) -> list[ParkName]:
    """珠海、阳江渔港经济区: the name found (阳江渔港经济区) opens with the list's last member, one
    place word like every other member; what follows it up to the kind is shared, and holds no
    place or name of its own (北京、天津、河北雄安新区 shares nothing: 雄安 is a name)."""
    if not (_is_place_word(words[i].text) or _is_county_short_form(words[i].text)) or i + 1 >= len(words):
        return []
    tail = words[i + 1:]
    tail = tail[:next((k for k, w in enumerate(tail) if w.start >= kind.start()), len(tail))]
    # 宁德、龙岩国家级普惠金融改革试验区: a level after the list opens what the members share
    opens_with_level = bool(tail) and tail[0].text in LEVEL_WORDS
    if not opens_with_level and any(is_place(w.text) or not in_dictionary(w.text) for w in tail):
        return []
    if any(k.group() in DEVELOPMENT_ZONE_KINDS for k in KIND_RE.finditer(text, words[i].end, kind.start())):
        return []  # 高陵区、临潼区、西安经开区泾渭新城: a zone's part, its parent zone no shared kind
    members = _members_before(words, i + 1, bare_kind=not tail, short_forms=True, after_zones=zone_ends)
    if not _each_one_place_word(words, members, text) or _one_inside_another(members, text):
        return []  # every member is one place word, as the last one is, and none is part of another
    return _parks_for(members, (words[i].end if tail else kind.start(), kind.end()), text)


def _one_inside_another(members: list[tuple[int, int]], text: str) -> bool:
    """临潼区、西安经开区: a district written with its unit before its own city is not a member sharing
    the city's kind (临潼区经开区), but a place of its own (苏州、昆山高新区 is a list); nor is a member
    that another opens (东营港、东营综合保税区)."""
    names = [text[a:b] for a, b in members]
    if any(x != y and x.startswith(y) for x in names for y in names):
        return True  # 东营港、东营综合保税区: the place's port, then the place's zone (no 东营港综合保税区)
    places = [place_by_name(name) for name in names]
    return any(name[-1] == "区" and p is not None and p.level == "district"
               and any(q is not None and q.level == "city" and q.name == p.city for q in places[k + 1:])
               for k, (name, p) in enumerate(zip(names, places)))


def _list_end_before(words: list[Word], i: int) -> tuple[int, int | None, bool]:
    """Walk back from words[i] over what may stand between a list and its shared kind
    (等, 2个, 县市, 获批创建): where the list ends, the count it gives (None when it gives none;
    after 等 too, for _member_parks to weigh) and whether a verb of receiving a designation stood
    there."""
    count_words, received = [], False  # 等 is passed over: a count after it counts the list too
    while i > 0:
        word, flag = words[i - 1].text, words[i - 1].flag
        if word in _RECEIVING_VERBS:
            received = True
        elif flag == "m" or word in _LIST_SEPARATORS or word.isdigit() or _COUNT_OF_MANY.fullmatch(word) \
                or _is_cut_count(words, i - 1):
            # ２ (full width) is a digit too; 三大 jieba's abbreviation
            if word not in ("等", "共", "共计"):
                count_words.insert(0, word)
        else:
            break
        i -= 1
    match = _COUNT.match(unicodedata.normalize("NFKC", "".join(count_words)).rstrip("省市县地区城"))
    value = normalise_value(match.group(1), "") if match else None  # 等五个新城 counts the list too
    return i, int(value) if value else None, received


def _member_parks(words: list[Word], list_end: int, shared: tuple[int, int], count: int | None,
                  text: str) -> list[ParkName]:
    """One park per member of the list ending before words[list_end], each named by the member
    and the `shared` span of the text (改革创新实验区); where the text counts the list, exactly
    that many items, village names that are common words included."""
    bare_kind = KIND_RE.fullmatch(text[shared[0]:shared[1]]) is not None
    members = _members_before(words, list_end, bare_kind)
    if not members:  # 甘谷、武山、秦安工业园区: the last member a county's short form jieba knows well
        members = _members_before(words, list_end, bare_kind, short_forms=True)
        members = members if _each_one_place_word(words, members, text) else []
    # 光明、富强、友好三个蔬菜生产园区: village names that are common words, counted; after 等, a
    # list mostly of places (嘉定…南汇等五个新城; 科技、文化、金融等三个产业园区 names none)
    if count and len(members) != count:
        counted = _counted_items_before(words, list_end, count)
        places = sum(_is_place_here(text[a:b]) for a, b in counted)
        # after 等 or a count of many (三大: 汽车、电子、装备三大产业园区 are industries), a list mostly of places
        big = any(_COUNT_OF_MANY.fullmatch(w.text) or _is_cut_count(words, k)
                  for k, w in enumerate(words[list_end:list_end + 3], start=list_end))
        if (words[list_end].text != "等" and not big) or (counted and 2 * places >= len(counted)):
            members = counted
    return _parks_for(members, shared, text)


_LEVEL = re.compile(rf"^(?:{'|'.join(LEVEL_WORDS)}|省|市)(?=..)")  # 彭阳、西吉两个县级工业园区


def _parks_for(members: list[tuple[int, int]], shared: tuple[int, int], text: str,
               least: int = 2) -> list[ParkName]:
    """Member + shared part for each member, given at least `least` of them; the last member's
    span reaches the kind when the shared part follows it directly (阳江渔港经济区 is written whole)."""
    if len(members) < least:
        return []
    tail = text[shared[0]:shared[1]]
    units = len(tail) - len(tail.lstrip(COUNTY_UNITS))
    if units >= 2:  # units of two kinds say what the members are (杭后旗、乌前旗等旗县工业园区, 三亚、儋州等市县…)
        tail = tail[units:]
    level = _LEVEL.match(tail)
    if level and KIND_RE.search(tail[level.end():]) \
            and (level.group() != "国家级" or tail[level.end():] in PLACE_NAMED_KINDS):
        # 广梅、莞韶等省产业转移园, 福州、厦门国家级新区: the level is not part of each name; a
        # designation keeps 国家级 as the text writes it (宁德国家级普惠金融改革试验区)
        tail = tail[level.end():]
    return [ParkName(_with_unit_once(text[a:b], tail), a, shared[1] if b == shared[0] else b, False) for a, b in members]


def _with_unit_once(member: str, tail: str) -> str:
    """A member and the shared part, the county's unit written once: 庆城、环县等县工业集中区 gives
    庆城县工业集中区 and 环县工业集中区 (环县 is the county's whole name)."""
    return member + (tail[1:] if tail[:1] in COUNTY_UNITS and member.endswith(tail[0]) else tail)


def _counted_items_before(words: list[Word], i: int, count: int) -> list[tuple[int, int]]:
    """Exactly `count` items (a word, or two jieba cut a name into) separated by 、 before
    words[i]: where the text counts its list (三个), village names that are common words (光明,
    富强, 友好) are members too; not activities (研发、生产、物流), single characters (南、北) or
    kinds."""
    items: list[tuple[int, int]] = []
    while i > 0 and len(items) < count:
        j = i - 1  # an item is one word, or two jieba cut a name into (大/柴旦, 大兴/机场; not 建好/福州,
        # nor the words of an industry: 装备/制造), or three single characters (诸/由/观, not 即/多/宝)
        if j > 1 and all(len(w.text) == 1 for w in words[j - 2:i]) and not words[j - 2].flag.startswith(_LIST_OPENERS) \
                and (j == 2 or words[j - 3].text == "、" or words[j - 3].flag.startswith(_LIST_OPENERS)):
            j -= 2
        elif j > 0 and words[j - 1].text != "、" and not words[j - 1].flag.startswith(_LIST_OPENERS) \
                and not is_place(words[j].text) \
                and (len(words[j - 1].text) == 1 or len(words[j].text) == 1 or _is_place_word(words[j - 1].text)) \
                and (j == 1 or words[j - 2].text == "、" or words[j - 2].flag.startswith(_LIST_OPENERS)):
            j -= 1
        item = "".join(w.text for w in words[j:i])
        if not HAN.fullmatch(item) or not 2 <= len(item) <= 4 or any(w.flag == "vn" for w in words[j:i]) \
                or KIND_RE.search(item) or DIRECTION.match(item):
            return []
        items.insert(0, (words[j].start, words[i - 1].end))
        i = j
        if len(items) < count:
            if i == 0 or words[i - 1].text != "、":
                return []
            i -= 1
    return items if len(items) == count and (i == 0 or words[i - 1].text != "、") else []


def _members_before(words: list[Word], i: int, bare_kind: bool = False,
                    short_forms: bool = False, after_zones: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """The spans of a list of places or proper names ending right before words[i], separated
    by 、 (佛山、茂名高州): each member is one to three such words of at most eight characters;
    before a bare kind at most two (武汉东湖、襄阳高新区; 江门大广海湾、肇庆新区 names two things).
    The list must open after a verb, conjunction, particle or punctuation (not 三 of 佛山三龙湾)."""
    members: list[tuple[int, int]] = []
    most = 2 if bare_kind else 3
    while True:
        j = i
        if j >= 2 and is_place_pair(words[j - 2], words[j - 1]):
            j -= 2  # 深/儋 of 湘琼、琼港、深儋合作产业园
        while j > 0 and i - j < most and (_is_member_word(words[j - 1].text, words[j - 1].flag)
                                          or short_forms and i - j == 0 and _is_county_short_form(words[j - 1].text)) \
                and words[i - 1].end - words[j - 1].start <= 8:
            j -= 1
        if bare_kind and j > 0 and _is_member_word(words[j - 1].text, words[j - 1].flag):
            return []  # a longer name than a list member: the items are whole names
        if j == i:
            j = _place_led_member(words, i)
        if j == i and len(members) >= 2 and _is_enclosed_item(words, i - 1):
            j = i - 1  # 鼓楼/n、白下/t、徐庄、建邺等高新园区: an item between 、 among named members
        if j == i:
            break
        members.insert(0, (words[j].start, words[i - 1].end))
        if j > 0 and words[j - 1].text == "、":
            i = j - 1
            continue
        if j > 0 and not words[j - 1].flag.startswith(_LIST_OPENERS) and not _NUMBERING.fullmatch(words[j - 1].text) \
                and words[j].start not in after_zones and not _is_relative_time(words[j - 1]):
            return []  # the first member is the tail of a longer word run (not after an item's 9., nor a zone's name)
        break
    return members


def _is_relative_time(word: Word) -> bool:
    """去年, 今年: a time of the clause, which a list opens after as after an adverb (去年枝江、当阳经开区)."""
    return word.flag == "t" and RELATIVE_TIME.search(word.text) is not None


def _is_enclosed_item(words: list[Word], k: int) -> bool:
    """words[k] is one word of two or three characters standing alone between 、 marks (or after the
    list's opening word), a place the gazetteer knows or a word jieba rarely sees, no industry,
    class, side or number: in a list whose later members (two or more) are names, a name jieba
    tags a common word (鼓楼, 白下, a former district; not 东部, 城区, 土地, 企业)."""
    word = words[k]
    if not (2 <= len(word.text) <= 3 and HAN.fullmatch(word.text)) or k + 1 >= len(words) or words[k + 1].text != "、":
        return False
    opens = k == 0 or words[k - 1].text == "、" or words[k - 1].flag.startswith(("v", "p", "c"))
    named = is_place(word.text) or is_dropped_place(word.text) \
        or plain_tokenizer().frequency(word.text) < RARE_PLACE_FREQUENCY
    return opens and named and word.text not in industry_words() and word.text not in CATEGORY_WORDS \
        and word.text not in _COMMON_OPENINGS and not DIRECTION.match(word.text) \
        and not word.flag.startswith(("m", "r", "q", "u", "v", "a", "f")) and not KIND_RE.search(word.text)


def _place_led_member(words: list[Word], i: int) -> int:
    """Where an item of an enumeration (between 、) is a county and a local name jieba cuts into
    common words (永修/星火, 湖口/金砂/湾, 彭泽/矶/山), the index of its first word; i when none."""
    for k in range(i - 2, max(i - 4, -1), -1):
        enumerated = words[i].text == "、" or k > 0 and words[k - 1].text == "、"
        opens = k == 0 or words[k - 1].text == "、" or words[k - 1].flag.startswith(_LIST_OPENERS)
        rest = words[k + 1:i]
        if enumerated and opens and (is_place(words[k].text) or is_dropped_place(words[k].text)) \
                and words[i - 1].end - words[k].start <= 6 and all(map(_names_a_spot, rest)):
            return k
    return i


_LANDFORMS = set("湾山岛湖洲岭矶滩")  # 台州/湾 (jieba tags 湾 a verb), 彭泽/矶/山


def _names_a_spot(word: Word) -> bool:
    """A word of a local name after a county (湖口金砂湾, 宁波前湾, 绍兴滨海): a landform, a name
    jieba tags as one, or a rare noun that is no industry (赣州稀土, 景德镇陶瓷, 南昌城区 and
    吉安电子 name an industry or a quarter, not a park)."""
    if word.text in _LANDFORMS or word.flag in ("ns", "nr", "nz", "nrt", "nrfg"):
        return True
    return is_rare_noun(word.text, word.flag) and word.text not in industry_words()


def _is_member_word(word: str, flag: str) -> bool:
    if KIND_RE.search(word):
        return False  # 苏州工业园区、南京江北新区: each item is a whole name already
    return is_place(word) or is_dropped_place(word) or is_proper(word, flag) or (len(word) == 1 and flag == "j") \
        or (word in place_stems() and flag in ("t", "nz", "ns") and not DIRECTION.match(word))  # 当阳 of 当阳市


# -- a zone's parts, declared as such: 下设A产业园、B产业园和C物流园3个园中园; 由城北、柳园两个片区组成

_PART_CUES = ("下设", "下辖", "设有", "包括", "包含", "建有", "规划建设", "分为", "由")
_PART_COUNT = r"(?:[\d一二三四五六七八九十两]+(?:个|大)?|等)?"
_PARKS_IN_A_PARK = re.compile(f"(?:{'|'.join(_PART_CUES)})(?P<items>[^，。；：！？\n]{{4,80}}?){_PART_COUNT}(?:特色)?园中园")
_AREAS_OF_A_ZONE = re.compile(f"(?:{'|'.join(_PART_CUES)})(?P<items>[\u4e00-\u9fff]{{2,4}}(?:片区)?"
                              f"(?:[、和及与][\u4e00-\u9fff]{{2,4}}(?:片区)?){{1,5}}?){_PART_COUNT}片区(?![长配])")
_COUNT_AT_END = re.compile(_PART_COUNT + "$")
_COUNTED_PARTS = re.compile("(?P<items>[^，。；：！？\n]{4,120}?)(?P<count>[2-9２-９两二三四五六七八九])[个大](?:专业|特色)?(?:园中园|园区)")
# 下设高峰园、天城园、龙都园、新田园和九池园; 包括核心区和洪山园、仓山园、长乐园等园区: a zone's parks
# named by two or three characters and 园 alone (一区多园), declared as its parts
_GARDEN_PART = re.compile("[\u4e00-\u9fff]{2,3}园区?")
_GARDEN_TAIL = re.compile(_PART_COUNT + "(?:个)?(?:园区|园中园|区块|片区)?(?:组成|构成)?$")
_GARDENS = ("公园", "植物园", "动物园", "幼儿园", "游乐园", "花园", "果园", "菜园", "茶园", "校园", "家园", "陵园", "庄园")
_NOT_A_PARK_GARDEN = (*_GARDENS, "产业园", "工业园", "科技园", "物流园", "创业园", "园中园", "博览园",
                      "产业园区", "工业园区", "物流园区", "科技园区", "农业园区", "示范园区", "加工园区", "合作园区",
                      "核心园区", "重点园区")
_COMMON_AREA_FREQUENCY = 1000  # 城区, 生产, 学校 … 片区: areas of a town or of work, not a zone's parts


def declared_parts(text: str, found: list[ParkName]) -> list[ParkName]:
    """The parts a text declares a zone to have, each a park (readers count them, with the zone
    as `within`): the items before 园中园 that end in a kind (新能源装备制造产业园 of 下设
    新能源装备制造产业园、循环经济产业园和现代物流园3个园中园; not 建成先进陶瓷、生物医药等特色
    园中园, industries), and the areas before 片区 with the kind shared (城北片区, 柳园片区 of 由城北、
    柳园两个片区组成; not 城区、郊区两个片区, 生产、生活和生态三个片区). What `found` names already is
    left to it; the last area's span takes the shared kind, as a list sharing one kind does."""
    out: list[ParkName] = []
    for m in _PARKS_IN_A_PARK.finditer(text):
        out += [ParkName(text[s:e], s, e, False) for s, e in _items(text, m.start("items"), m.end("items"))
                if text[s:e].endswith(KINDS) and "的" not in text[s:e]]
    spans = {(q.start, q.end) for q in out}
    out += [p for p in _counted_parts(text) if (p.start, p.end) not in spans]
    for m in _AREAS_OF_A_ZONE.finditer(text):
        areas = _items(text, m.start("items"), m.end("items"))
        if len(areas) < 2 or not all(names_an_area(text[s:e].removesuffix("片区")) for s, e in areas):
            continue
        out += [ParkName(text[s:e].removesuffix("片区") + "片区", s, m.end() if i == len(areas) - 1 else e, False)
                for i, (s, e) in enumerate(areas)]
    out = [p for p in out if not any(q.start < p.end and p.start < q.end and not q.generic for q in found)]
    spans = {(q.start, q.end) for q in out}
    # a declared part keeps the characters jieba cut off a name found inside it (大|龙山园区)
    return out + [p for p in _garden_parts(text) if not any(
        q.start < p.end and p.start < q.end and not q.generic
        and not (p.start <= q.start and q.end <= p.end and q.end - q.start < p.end - p.start)
        for q in found) and (p.start, p.end) not in spans]


def _counted_parts(text: str) -> list[ParkName]:
    """Parks a count declares parts of a zone, as many as the list has items, each ending in a kind
    (电子信息产业园 and 高端装备产业园 of 区内设电子信息产业园、高端装备产业园2个专业园区; 椰子精深加工园、
    新型建材园两个园中园): the count is the text saying each item is one park, not an industry. A bare
    园 needs 园中园 (not 动漫园、影视园、文创园3个园区, the kinds of a park's quarters)."""
    out: list[ParkName] = []
    for m in _COUNTED_PARTS.finditer(text):
        spans = _items(text, m.start("items"), m.end("items"))
        if spans:  # the first item opens after the clause's last verb (区内设|电子信息产业园)
            first = [w for w in words_of(text[spans[0][0]:spans[0][1]], spans[0][0]) if w.text.endswith("设")
                     or w.flag.startswith(("v", "p", "d")) and w.flag != "vn" and w.text not in NAMING_VERBS]
            spans[0] = (first[-1].end, spans[0][1]) if first else spans[0]
        names = [text[a:b] for a, b in spans]
        if len(names) != normalise_value(m.group("count"), "") or not all(_is_counted_part(n, m.group()) for n in names):
            continue
        out += [ParkName(name, a, b, False) for name, (a, b) in zip(names, spans, strict=True)]
    return out


def _is_counted_part(name: str, declaration: str) -> bool:
    """An item a count declares a part: ending in a kind (a bare 园 only of 园中园, or after a name:
    双福园、德感园、珞璜园、白沙园四大园区), no kind alone (化工园区、
    物流园区2个园区 are classes unless 专业园区 or 园中园 says they are a zone's), no level or class first."""
    kind = _kind_at_end(name)
    stem = name[: len(name) - len(kind)]
    specialised = declaration.endswith(("园中园", "专业园区", "特色园区"))
    named_garden = kind == "园" and 2 <= len(stem) <= 3 and names_an_area(stem) and may_name_a_part(stem)  # 双福园、德感园…四大园区
    return (kind not in ("", "园") or kind == "园" and (declaration.endswith("园中园") or named_garden)) and 3 <= len(name) <= 16 \
        and HAN.fullmatch(name) is not None and "的" not in name and not name.endswith(_GARDENS) \
        and name not in KINDS and not name.startswith((*LEVEL_WORDS, *CATEGORY_WORDS)) \
        and (specialised or stem not in industry_words() and len(stem) >= 2)


def _garden_parts(text: str) -> list[ParkName]:
    """The 园 and 园区 a cue declares a zone's parts (高峰园 of 下设高峰园、天城园和九池园; 分为大龙山园区和
    杨桥园区两个园区): at least two items of a list that runs to the clause's end, each two or three
    characters and 园 or 园区, none a garden, school or kind (植物园, 幼儿园, 产业园, 工业园区); three of
    them, or the list closing on 园区, 园中园, 区块 or 组成, and most of them names."""
    cue = max(((at, len(c)) for c in _PART_CUES if (at := text.rfind(c)) >= 0), default=None)
    if cue is None:
        return []
    start = cue[0] + cue[1]
    end = len(text.rstrip(CLAUSE_MARKS + "\n"))  # the clause's own mark (，) is no part of the list
    tail = _GARDEN_TAIL.search(text, start, end)
    closed = tail is not None and tail.end() > tail.start()  # …等园区, …两个园中园, 由…组成
    spans = _items(text, start, tail.start() if closed else end)
    parts = [(a, b) for a, b in spans if _GARDEN_PART.fullmatch(text[a:b]) and not text[a:b].endswith(_NOT_A_PARK_GARDEN)]
    if len(parts) < 2 or parts[-1] != spans[-1] or (len(parts) < 3 and not closed) \
            or 2 * sum(_names_a_garden(re.sub("园区?$", "", text[a:b])) for a, b in parts) <= len(parts):
        return []
    return [ParkName(text[a:b], a, b, False) for a, b in parts]


def _names_a_garden(word: str) -> bool:
    """高峰, 天城, 闽侯: a place or a name (jieba's ns, nr, nz, or a word it does not know); not what
    a garden grows or shows (牡丹 is a place to jieba too, hence most items, not every one)."""
    tagged = plain_tokenizer().tagged(word)
    return is_place(word) or not in_dictionary(word) or (len(tagged) == 1 and tagged[0][1] in ("ns", "nr", "nz"))


# classes, and industries the taxonomy leaves out (电商 names rural retail as often as a park)
_NOT_A_PART_NAME = {"双创", "众创", "专精特新", "城区", "城市", "近郊", "村级", "镇级", "县级", "电商", "大数据", "云计算",
                    "物联网", "互联网", "区块链", "算力", "数据", "直播", "文创", "总部", "商贸", "孵化"}
_TOWN_SIDE = re.compile("^(?:城[东西南北]|[东西南北]城)$")  # 城北片区: a town's side names its area
_RARE_NOUN_LIMIT = 10  # a dictionary noun this rare may be a place (将军庙, 丛台); 老城, 高铁, 静脉 are not


def may_name_a_part(stem: str) -> bool:
    """The two or three characters before a zone's part's kind may be its name: a word jieba does not
    know (五彩湾, 鸡街), a place, person's or other proper name it knows (大屯, 老君庙, 华林) short of an
    everyday one (城市),
    a very rare noun (将军庙), a town's side (城北); not an industry (电商, 大数据), a kind (新城), a
    class (村级) or a common noun (老城, 高铁, 大学城, 静脉)."""
    if not HAN.fullmatch(stem) or stem in industry_words() or stem in KINDS or stem in _NOT_A_PART_NAME \
            or stem in CATEGORY_WORDS:
        return False  # (××产业园: a placeholder)
    if is_place(stem) or stem in current_own_place_words() or _TOWN_SIDE.match(stem) or not in_dictionary(stem):
        return True
    tagged = plain_tokenizer().tagged(stem)
    frequency = plain_tokenizer().frequency(stem)
    return len(tagged) == 1 and (tagged[0][1] in ("ns", "nr", "nrt", "nz") and frequency < RARE_PLACE_FREQUENCY
                                 or tagged[0][1] == "n" and frequency < _RARE_NOUN_LIMIT)


def names_an_area(word: str) -> bool:
    """城北, 柳园, 老君庙, 江南 (a place to jieba): a word that may name a zone's area; not a common
    word (城区, 学校), nor one that is an area already (东区, 核心区, 一期)."""
    if word.endswith(("区", "期")) or len(word) < 2:
        return False
    tagged = plain_tokenizer().tagged(word)
    return is_place(word) or len(tagged) == 1 and tagged[0][1] == "ns" \
        or not (len(tagged) == 1 and plain_tokenizer().frequency(word) >= _COMMON_AREA_FREQUENCY)


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the items of a declared list in text[start:end], read from the last cue on
    (由…批准设立的…下设: the list is 下设's), split at 、 and at 和, 及, 以及, 与 where jieba reads a
    conjunction (not 和平产业园); a count after the last item is left out."""
    start = max((at + len(cue) for cue in _PART_CUES if (at := text.rfind(cue, start, end)) >= 0), default=start)
    cuts = [w for w in words_of(text[start:end], start)
            if w.text == "、" or (w.text in ("和", "及", "与", "以及") and w.flag == "c")]
    spans = []
    for a, b in zip([start, *(c.end for c in cuts)], [*(c.start for c in cuts), end], strict=True):
        item = _COUNT_AT_END.sub("", text[a:b]) if b == end else text[a:b]
        if len(item) >= 2:
            spans.append((a, a + len(item)))
    return spans
