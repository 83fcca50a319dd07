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

from .park_lists import (
    COUNT_CHARS,
    declared_parts,
    list_siblings,
    may_name_a_part,
    names_an_area,
    shared_kind_members,
)
from .park_topics import (
    adverb_of_topic,
    designation_start,
    joins_topics,
    topic_city_start,
    topic_designation_start,
    topic_park_start,
)
from .park_words import (
    CATEGORY_WORDS,
    CHINA_BRACKETS,
    CLASS_OPENING_CHARS,
    COUNT_OF_ZONES,
    COUNTED_PLACES,
    COUNTRY_PAIR,
    DASHES,
    DESIGNATION_KINDS,
    DESIGNATION_OPENERS,
    DIRECTION,
    GENERIC_SHORT,
    GENERIC_ZONES,
    GEO_SUFFIX,
    HAN,
    KIND_FULL,
    KIND_RE,
    KINDS,
    LEVEL_WORDS,
    MAX_NAME,
    MEASURES,
    MIDDLE_DOTS,
    NAMING_VERBS,
    NATIONAL_WORDS,
    NOUN_TAGGED_VERBS,
    NUMBER_CHARS,
    NUMERAL,
    OBJECT_VERBS,
    PAIR_BRACKETS,
    PLACE_SUFFIX,
    QUALITY_WORDS,
    REGION_BRACKETS,
    REGION_CHARS,
    REPORT_VERBS,
    SETTING_UP,
    SUBJECT_VERBS,
    TOWN_WORDS,
    UPGRADED_TO,
    WORD_END_KINDS,
    WORLD_REGIONS,
    ParkName,
    Word,
    countries,
    current_own_place_words,
    in_dictionary,
    industry_words,
    is_city_group,
    is_city_or_province,
    is_coined_name,
    is_dropped_place,
    is_measured_noun,
    is_own_short_kind,
    is_partner_initials,
    is_place,
    is_place_or_city,
    is_place_pair,
    is_proper,
    is_province_class,
    is_province_part,
    is_rare_name,
    is_rare_noun,
    is_rare_place,
    is_region_pair,
    is_split_name,
    is_town_name,
    join_city_groups,
    names_a_place,
    opens_with_place,
    place_stems,
    places,
    stands_inside,
    words_of,
)
from .places import COUNTY_UNITS, gazetteer
from .segment import CLAUSE_MARKS
from .tokenize import as_written, plain_tokenizer, to_simplified
from .zones import known_zones


@dataclass
class Canonical:
    """One park: its canonical name, every other way it was written, its parent park."""

    name: str
    aliases: list[str] = field(default_factory=list)
    within: str = ""
    docs: list[str] = field(default_factory=list)


def _name_start(words: list[Word], kind: re.Match, text: str, topic_designations: bool = True) -> int | None:
    """Where the name before `kind` begins, or None when the words before it hold no
    proper word (a kind of park) or the kind is the tail of a common word (梨园); a designation
    with no place in it counts only with `topic_designations`."""
    kind_start = kind.start()
    index = next((i for i, w in enumerate(words) if w[2] <= kind_start < w[3]), None)
    if index is None:
        return None
    if words[index].start != kind_start:
        start = _start_of_one_word_name(words, index, kind)
        if start is not None:
            return start
        split = _split_at_kind(words, index, kind)
        return None if split is None else _name_start(split, kind, text, topic_designations)
    run = _words_standing_before(words, index, kind)
    cut = max((i for i in range(len(run)) if _ends_the_words_before(run, i, text, kind)), default=-1)
    run = run[cut + 1:]
    before_run = text[:kind_start] if not run else text[:run[0][2]]
    china = CHINA_BRACKETS.search(before_run)
    if china:
        return china.start()
    region = REGION_BRACKETS.search(before_run) or PAIR_BRACKETS.search(before_run)
    if region and (is_place(region.group(1)) or region.group(1) in place_stems()):
        return region.start()
    if run and run[-1][0] in _CLASS_BEFORE_KIND or run and kind.group() in ("开发区", "园区") and KIND_RE.fullmatch(run[-1][0]):
        return None  # 江苏有关园区, 省内相关开发区: parks of a class; 示范区开发区: the zone's zones
    proper = _proper_words(run, kind.group()) or _lone_chars_name(words, run)
    if (titled := _after_a_title(run, proper, kind.group())) is not None:
        run, proper = titled
        if not run:
            return None
    if (deepened := _deepened_reform_start(run, proper)) is not None:
        return deepened
    if proper and _part_after_a_zone(run, proper, kind.group(), text):  # 前湾新区慈溪片区: the known zone's part
        zone_start = _sub_zone_start(words, run, text, kind.group(), topic_designations)
        opens_on_and = any(w.start == zone_start and w.flag == "c" for w in words)  # 产业园|和|县经开区城东片区
        proper = [] if zone_start is not None and not opens_on_and else proper
    # a word of time stands inside a name after its proper part (合肥国家新一代…试验区), never
    # before it: 国家未来产业先导区 is a designation's topic, (国家)未来 no part of a name
    times = [i for i, (_, flag, _) in enumerate(run) if flag == "t" and not any(p < i for p in proper)]
    if times:
        run = run[times[-1] + 1:]
        proper = _proper_words(run, kind.group())
    if not proper and (paired := _paired_place_start(words, text, len(before_run), kind.group())) is not None:
        return paired
    if not proper and (sub_zone := _sub_zone_start(words, run, text, kind.group(), topic_designations)) is not None:
        return sub_zone
    if not proper and is_own_short_kind(kind.group()) and not text.startswith(tuple(DESIGNATION_OPENERS), run[0][2] if run else kind_start):
        return None  # 研究决定先行区 in the 先行区's own 条例: the zone, by its short name (国家全域旅游示范区 stays)
    if not proper and _counted_after(text, kind.end()):
        return None  # 建设甘蔗生产全程机械化示范区10个: a class of zones, counted
    if not proper:
        start = None
        if topic_designations:
            start = _with_place_before(run, designation_start(run, kind.group()))
            if start is None:
                start = topic_designation_start(words, index - len(run), run, kind.group())
        if start is not None and text.startswith(tuple(NATIONAL_WORDS), start) and _STRIVING.search(text, 0, start):
            return None  # 积极争创国家农业高新技术产业示范区: a title the place strives for, no zone yet
        if start is None:
            start = topic_city_start(words, index, kind)
        return start if start is not None else topic_park_start(words, index, kind)
    if kind.group() == "园" and proper[-1] != len(run) - 1 and run[-1][0] not in industry_words() \
            and run[-1][0] not in NAMING_VERBS:
        # a bare 园 follows its proper name directly (not 纪念园), or an industry (滩桥精细化工园, 胡村装备制造园)
        return _sub_park_start(run, text)
    if _part_names_nothing(run, kind.group()):
        return None  # 晋江经济开发区部分老园区: some of the zone's parks, not one named part
    return _start_from_proper(words, run, proper, kind.group())


# who acts on a zone: after them an object verb is the verb whatever jieba's tag (南安企业利用/n 综保区;
# 秸秆利用/n 示范区 is a designation's topic)
_ACTORS = {"企业", "项目"}
# … the object verbs that go to a place (not 企业管理示范区: management, a designation's topic)
_GOING_TO = {"利用", "入驻", "进驻", "进入", "融入", "对接", "依托", "用好", "落户"}
# a body or a modal before 会同 ('together with': 统计部门会同新区管委会, 应当会同示范区): the verb, not
# the county 会同县's short form opening a name
_ACTING_TOGETHER = re.compile(r"(?:部门|局|厅|办|办公室|委|政府|管委会|机构|单位|中心|小组|应当|要|可以|负责|，)$")
_BODY_AFTER = re.compile(r"(?:管委会|管理委员会|管理机构)")  # 会同高新区管委会: the zone's body, with whom


def _ends_the_words_before(run: list[tuple[str, str, int]], i: int, text: str, kind: re.Match) -> bool:
    """获批创建…示范区, 区域设置新片区: a verb of setting up ends the words before the name, and so
    does a verb whose object the zone is (引导企业入驻集聚区, 统筹示范区布局), a government
    (向市人民政府报告滨海开发区…, 向喀什地区行政公署报告开发区…: no zone's name holds one), 会同 'together
    with', and 发展 with words after it before a park that is no designation (口岸发展公铁联运物流园; not
    海拉尔农业发展园区, nor a designation's topic, 国家…融合发展示范区)."""
    word, flag, _ = run[i]
    return word in SETTING_UP or word in NOUN_TAGGED_VERBS or word.endswith(("政府", "公署", "委员会", "常委会")) \
        or (word == "助力" and i + 1 < len(run) and is_proper(*run[i + 1][:2])) \
        or (word in OBJECT_VERBS and flag not in ("n", "vn")) \
        or (word in _GOING_TO and i > 0 and run[i - 1][0] in _ACTORS) \
        or (word == "会同" and (_ACTING_TOGETHER.search(text, max(0, run[i][2] - 3), run[i][2]) is not None
                               or (i == len(run) - 1 and _BODY_AFTER.match(text, kind.end()) is not None))) \
        or (word == "发展" and i < len(run) - 1 and kind.group() not in DESIGNATION_KINDS) \
        or (word == UPGRADED_TO and i + 1 < len(run) and run[i + 1][0] in (*LEVEL_WORDS, "为")) \
        or _joins_a_facility(run, i) or _COUNT_BEFORE_KIND.fullmatch(word) is not None


_TITLE_WORDS = {"重要", "重要的", "领先", "一流"}


def _after_a_title(run: list[tuple[str, str, int]], proper: list[int],
                   kind: str) -> tuple[list[tuple[str, str, int]], list[int]] | None:
    """A title's word (重要, 一流) in the run: after a proper word it makes the whole a title the
    place sets itself (东北亚重要临港产业集聚区: no zone's name says it matters), an empty run; before
    them it ends what precedes the name (全省一流|樟树工业园). None where the run holds no such word."""
    titles = [i for i, (word, _, _) in enumerate(run) if word in _TITLE_WORDS]
    if not titles:
        return None
    if any(i < titles[-1] for i in proper):
        return [], []
    rest = run[titles[-1] + 1:]
    return rest, [i - titles[-1] - 1 for i in proper] if proper else _proper_words(rest, kind)


# development documents: 3 of 3 such designations no annotator counted; not one won (成功争创, 已争创);
# 创建 too (园区创建国家生态工业示范园区: a title the zone works for; session 37: 10 of 10 not counted)
_STRIVING = re.compile(r"(?<!成功)(?<!已)(?<!先后)(?<!获批)(?<!批准)(?<!获准)(?<!获批并)(?<!正式)"
                       r"(?:争创|争取创建|创建(?:成为|成)?)[“\"]?$")


def _names_a_programme(words: list[Word], text: str, start: int, kind: re.Match) -> bool:
    """A designation the state names by its topic alone (国家跨境经济合作区, no place in it), followed
    by 规划布局, 名单 …: the state's programme of such zones, which a place strives to join."""
    return text.startswith(tuple(NATIONAL_WORDS), start) and _PROGRAMME_AFTER.match(text, kind.end()) is not None \
        and not any(start <= w.start and w.end <= kind.start() and is_proper(w.text, w.flag) for w in words)


# what follows a designation named by the state alone when the text means the state's programme
_PROGRAMME_AFTER = re.compile(r"(?:建设)?(?:规划布局|总体布局|布局|名单|名录|规划)")


def _counted_after(text: str, end: int) -> bool:
    """示范区10个。, 示范区3个以上: a count closing the phrase after the kind (not 示范区10个重点项目)."""
    count = COUNT_OF_ZONES.match(text[end:])
    return count is not None and (end + count.end() == len(text) or text[end + count.end()] in CLAUSE_MARKS
                                  or text.startswith(("以上", "左右", "以内"), end + count.end()))


# the heads of facilities and projects a list joins to a zone (冷链物流中心和朱鹮生态农业示范区)
_FACILITY_HEADS = ("中心", "基地", "平台", "项目", "工程", "设施", "体系", "网络", "集群")


def _joins_a_facility(run: list[tuple[str, str, int]], i: int) -> bool:
    """A conjunction after a facility or a project (…冷链物流中心和|朱鹮生态农业示范区): the list's
    earlier item, not part of the zone's name."""
    return run[i][0] in ("和", "与", "及", "以及") and i > 0 and run[i - 1][0].endswith(_FACILITY_HEADS)


def _deepened_reform_start(run: list[tuple[str, str, int]], proper: list[int]) -> int | None:
    """A designation named by the reform it deepens (深化集体林权制度改革先行区) begins at 深化
    when its only "proper" words are jieba's person names that are no place (林权/nr): a person
    never names a designation, so the name is the reform, not what follows the mistagged word."""
    if not proper or not run[-1][0].endswith("改革") \
            or any(run[i][1] != "nr" or is_place(run[i][0]) for i in proper):
        return None
    deepening = [i for i in range(proper[0]) if run[i][0] == "深化"]
    if not deepening:
        return None
    first = deepening[-1]
    if run[first + 1][0] in DESIGNATION_OPENERS:
        return run[first + 1][2]  # 深化 | 全国林长制改革示范区: it acts on a designation named after it
    if first > 0 and run[first - 1][0] in DESIGNATION_OPENERS:
        first -= 1  # 全国深化集体林权制度改革先行区: the designation's level opens it
    return run[first][2]


# a count before a kind (四大园区, 三大产业片区): it ends the words before the name, as a verb does
_COUNT_BEFORE_KIND = re.compile(f"[{COUNT_CHARS}]+[大个]")
# words of a class right before a kind (江苏有关园区): no name of one park however it opens
_CLASS_BEFORE_KIND = {"有关", "相关", "各类", "若干", "多个", "一些", "上述", "以上", "现有", "其他", "其余", "部分", "所有",
                      "重点", "地区", "先进", "周边", "内"}  # (三亚市重点园区, 成都平原地区园区, 京津周边先进园区, 市域内开发区)
_SOME_OF = {"部分", "其他", "其余", "全部", "所有"}  # some of a zone's parks (a class, as CATEGORY_WORDS make one)


def _part_names_nothing(run: list[tuple[str, str, int]], kind: str) -> bool:
    """A zone's kind inside the run, then a word of a class (部分, 其他, 各类), or of a quality
    (智慧, 绿色) before a bare 园区: some of the zone's parks or what it works towards, not one
    named part (晋江经济开发区部分老园区, 石化工业园区智慧化工园区; 潞城经开区化工园区 and
    格尔木工业园循环经济产业园 are one)."""
    k = max((i for i, (word, _, _) in enumerate(run) if KIND_RE.fullmatch(word)), default=None)
    if k is None or k == len(run) - 1:
        return False
    return run[k + 1][0] in CATEGORY_WORDS | _SOME_OF or (kind == "园区" and run[k + 1][0] in QUALITY_WORDS)



# bodies and common nouns that stand between a zone and a kind without naming a part of it
# (开发区管委会, 园区企业, 区内项目)
_BODY_OR_COMMON = re.compile(r"(会|委|局|厅|部|办|处|企业|项目|范围|周边|内|外)$")
# the abbreviated kinds a document writes alone for its own zone (经开区硬质合金产业园)
_OWN_ZONE_KINDS = {"经开区", "高新区", "开发区", "经济开发区", "综保区"}


def _sub_zone_start(words: list[Word], run: list[tuple[str, str, int]], text: str, kind: str,
                    topic_designations: bool) -> int | None:
    """神木高新区锦界片区, 经开区硬质合金产业园, 经开区物流园: a zone's kind, then up to three nouns
    (a place or name before a bare 片区 or 园区, which say nothing of their own: not 扩区调区片区),
    then a kind name one of the zone's parts; the name opens with the zone's. A zone of no name
    (全省开发区化工园区) has no parts of its own, except the document's own zone written alone by
    its abbreviated kind."""
    k = _last_kind_end(run, text)
    if k is None or len(run) - k - 1 > 3 or (k == len(run) - 1 and kind in GENERIC_ZONES):
        return None
    part = run[k + 1:]
    if part and not (2 <= sum(len(word) for word, _, _ in part) <= 8 and all(
            _names_a_part(word, flag, kind) for word, flag, _ in part)):
        return None
    zone_end = run[k][2] + len(run[k][0])
    parent = next((m for _, _, s in run[:k + 1] if (m := KIND_RE.match(text, s)) and m.end() == zone_end), None)
    if parent is None:
        return None
    start = _name_start(words, parent, text, topic_designations)
    if start is None:
        start = _known_zone_start(words, parent, text)  # 秦汉新城智能制造产业园: the gazetteer knows 秦汉新城
    if start is None and parent.start() == run[0][2] and parent.group() in _OWN_ZONE_KINDS:
        prior = next((w for w in reversed(words) if w.end == run[0][2]), None)
        if prior is None or prior.flag.startswith(("v", "p", "x", "c")):
            # 高新区银东工业园: a part with a name of its own is named by it; 经开区物流园 by the zone's
            start = part[0][2] if part and any(_names_itself(word, flag) for word, flag, _ in part) else run[0][2]
    return start


def _last_kind_end(run: list[tuple[str, str, int]], text: str) -> int | None:
    """The last word of the run that ends a zone's kind, one word (开发区) or more jieba cut
    (集聚/区 of 三龙湾高端创新集聚区): where a zone's name ends and its part's may begin."""
    starts = {s for _, _, s in run}
    return max((i for i, (word, _, s) in enumerate(run) if KIND_RE.fullmatch(word) or any(
        (m := KIND_RE.match(text, a)) and m.end() == s + len(word) for a in starts if a < s)), default=None)


def _part_after_a_zone(run: list[tuple[str, str, int]], proper: list[int], kind: str, text: str) -> bool:
    """前湾新区|慈溪|片区: a zone's kind stands before every proper word of the run, so the proper
    word names a part of that zone, whose own name holds no proper word (jieba's 前湾/n), or holds
    verbs that would end the name read from its proper words (三龙湾高端创新集聚区|南海|片区);
    _sub_zone_start finds where the zone's name begins (a known zone's written form). Only a bare
    片区 or 园区, which say nothing of their own (冀南新区邯山产业园: 邯山产业园 is a name)."""
    k = _last_kind_end(run, text)
    if kind not in ("片区", "园区") or k is None or k == 0:
        return False
    return k < proper[0] or k < proper[-1] and any(flag == "v" for _, flag, _ in run[:k])


def _names_itself(word: str, flag: str) -> bool:
    """A word that names a part on its own: a place, a town, a proper word (the document's own
    words among them); not an area of the zone (东区, 南区), nor a word no dictionary holds, which
    may be a slogan as well as a name (双创, 智造, 芯谷; 银东 goes with them)."""
    return (_is_place_name(word) or is_town_name(word) or is_proper(word, flag)) and not word.endswith(("区", "园"))


def _known_zone_start(words: list[Word], kind: re.Match, text: str) -> int | None:
    """Where a known zone's written form (zones.tsv) ending at this kind begins, one or two of
    jieba's words before it (秦汉新城, jieba's name and place word): what the rules cannot read."""
    before = [w for w in words if w.end <= kind.start()][-2:]
    for w in before:
        if known_zones().knows(text[w.start:kind.end()]):
            return w.start
    return None


def _names_a_part(word: str, flag: str, kind: str) -> bool:
    """A word of a zone's part's name: a noun that is no class, body or report verb; before a
    bare 片区 or 园区, a place or a name (锦界, 希望), since those kinds say nothing of their own."""
    if kind in ("片区", "园区"):
        return _is_place_name(word) or is_town_name(word) or is_proper(word, flag) \
            or not (in_dictionary(word) or word.endswith(("区", "园")))  # 锦界, not 扩区, 调区
    return (flag.startswith("n") or flag == "j" or is_measured_noun(word, flag) or word in NAMING_VERBS) \
        and word not in CATEGORY_WORDS and word not in REPORT_VERBS and not _BODY_OR_COMMON.search(word) \
        and word[-1] != "则"  # 开发区强则新区强: a condition's 则 (jieba's noun 强则), no part


def _with_place_before(run: list[tuple[str, str, int]], start: int | None) -> int | None:
    """凭祥国家重点开发开放试验区: a place the gazetteer drops as a word (凭祥市), right before a
    national designation, is the place it was given to."""
    i = next((i for i, (_, _, s) in enumerate(run) if s == start), None)
    return run[i - 1][2] if i and _is_place_name(run[i - 1][0]) and len(run[i - 1][0]) > 1 else start


def _words_standing_before(words: list[Word], index: int, kind: re.Match) -> list[tuple[str, str, int]]:
    """The words right before the kind at words[index] that may stand inside a park's name,
    nearest last: proper words, places, topics, coined names, an industry's word jieba cuts into a
    noun and a verb (云|计算产业园区) or a verb and a noun (通用|航空产业园), within MAX_NAME characters; never a count of places (京津冀三地园区)."""
    run: list[tuple[str, str, int]] = []
    for j in range(index - 1, -1, -1):
        word, flag, s, _ = words[j]
        if kind.start() - s > MAX_NAME or COUNTED_PLACES.fullmatch(word) or not (stands_inside(word, flag, kind.group())
                                               or joins_topics(words, j, kind.group()) or _joins_industries(words, j)
                                               or adverb_of_topic(word, flag, run, kind.group())
                                               or is_proper(word, flag)  # 大连 (jieba's adverb) 软件园
                                               or is_rare_place(word, flag, kind.group())
                                               or (not run and is_coined_name(word, flag, kind.group()))
                                               or (j > 0 and words[j - 1].text + word in industry_words())
                                               or (j + 1 < index and word + words[j + 1].text in industry_words())):
            break
        run.append((word, flag, s))
    run.reverse()
    return run


def _joins_industries(words: list[Word], j: int) -> bool:
    """及 between two industries a park hosts (汽车及零部件产业园, 石化及精细化工园区): inside its name."""
    if words[j].text != "及" or not 0 < j < len(words) - 1:
        return False
    before, after = words[j - 1].text, words[j + 1].text
    return before + after in industry_words() or (before in industry_words() and after in industry_words())


def _start_from_proper(words: list[Word], run: list[tuple[str, str, int]], proper: list[int], kind: str) -> int | None:
    """Where a name whose run holds proper words begins: at the first proper word after the
    last verb, widened or refused by what stands around it."""
    # a verb before the last proper word ends a clause: 湖北推进黄冈…试验区 names 黄冈…; a word
    # read as a place is none (包头, jieba's verb, 金属深加工园区)
    verbs = [i for i, (word, flag, _) in enumerate(run)
             if (flag.startswith("v") and flag != "vn" or word in OBJECT_VERBS and i + 1 in proper)
             and i < proper[-1] and i not in proper]  # 宁东基地企业|利用/n|银川综合保税区: the verb all the same
    first = next(i for i in proper if not verbs or i > verbs[-1])
    if _is_body_before_place(run, first):
        first += 1  # 外交部海南自由贸易港(推介活动): the body acting on the zone is not its name
    if first > 0 and is_rare_noun(*run[first - 1][:2]) and not DIRECTION.match(run[first - 1][0]):
        first -= 1  # 横琴 (jieba's noun) 粤澳深度合作区: a rare noun right before a name opens it
    if first + 1 < len(run) and run[first + 1][1] == "v" and run[first + 1][0] in SUBJECT_VERBS:
        return None  # 湖北打造成…示范区: a subject and its verb (湘南湘西承接产业转移示范区 is a name)
    if kind in DESIGNATION_KINDS and any(word in NATIONAL_WORDS for word, _, _ in run[:first]):
        return designation_start(run, kind)  # 国家中医药传承创新发展试验区, not 中医药…
    if first > 0 and run[first - 1][0] == "中国" and (is_place(run[first][0]) or _is_county_stem(run[first][0])
                                                             and any(w in DASHES for w, _, _ in run[first:])):
        return run[first - 1][2]  # 中国上海自由贸易试验区: the country before a place, as in 中国（上海）;
        # 中国河口—越南老街跨境经济合作区 (河口, a county the gazetteer knows only in full, paired with a place
        # abroad); not 中国鄱阳湖…, 中国太湖经济开发区 (太湖 is a county too)
    if NUMERAL.match(run[first][0]) and run[first][1] not in ("ns", "nz") and not is_dropped_place(run[first][0]) \
            and run[first][0] not in current_own_place_words():  # 三门 (三门县) in 台州's documents
        # 两江新区, 六盘水, 五莲 (五莲县) are names
        return None  # 万兆园区: a numeral opens a count or a measure, not a name
    if first == len(run) - 1 and is_province_class(run[first][0], kind) \
            or first == len(run) - 2 and is_province_class(run[first][0], run[-1][0] + kind):
        return None  # 河南省开发区, 安徽省化工园区: the province's zones, not one park
    return _start_at_proper(words, run, first)


# a place in brackets right before a park's kind or its topic (深圳（哈尔滨）产业园区)
_BRACKETED_AT_END = re.compile(r"[（(]([^（）()]{2,8})[）)]$")


def _paired_place_start(words: list[Word], text: str, end: int, kind: str) -> int | None:
    """深圳（哈尔滨）产业园区, 广州（清远）产业转移工业园, 上海外高桥（启东）产业园: a zone one place runs
    in another is named by the first and, in brackets, the second; the name opens at the first
    proper word before the brackets."""
    bracket = _BRACKETED_AT_END.search(text[:end])
    if bracket is None or not _is_place_name(bracket.group(1)):
        return None
    run: list[tuple[str, str, int]] = []
    for word in reversed([w for w in words if w.end <= bracket.start()]):
        if word.end != (run[-1][2] if run else bracket.start()) or word.text in SETTING_UP or not (
                stands_inside(word.text, word.flag, kind) or is_proper(word.text, word.flag)):
            break  # 在郑州航空港区建设|濮阳经开区（郑州）科创飞地: a verb of setting up ends the words before it
        run.append((word.text, word.flag, word.start))
    run.reverse()
    proper = _proper_words(run, kind) or [i for i, (word, flag, _) in enumerate(run) if _is_rare_brand(word, flag)]
    return run[proper[0]][2] if proper else None


_RARE_BRAND = 100  # 华润 29, 国投 40, 中粮 14: a firm's name jieba knows, rarely met in general text


def _is_rare_brand(word: str, flag: str) -> bool:
    """华润（贺州）循环经济产业示范区: a firm or brand (jieba's nz, nt, j) that opens a zone it runs in a
    place, the place in brackets after it."""
    return flag in ("nz", "nt", "j") and len(word) >= 2 and plain_tokenizer().frequency(word) < _RARE_BRAND


def _is_county_stem(word: str) -> bool:
    """A county or city the gazetteer knows only with its unit (河口 of 河口县)."""
    return len(word) >= 2 and any(is_place(word + unit) for unit in "县市")


def _is_place_name(text: str) -> bool:
    """A place of the gazetteer, a city, a county the gazetteer drops, or a place's opening."""
    return is_place_or_city(text) or is_dropped_place(text) or text in place_stems()


def _sub_park_start(run: list[tuple[str, str, int]], text: str) -> int | None:
    """佛山高新区南海园: a place or name between a zone's kind and a bare 园 names one of the zone's
    parks; otherwise a bare 园 after words of topic is no name (纪念园), nor a kindergarten the
    zone runs (高新区公办园, 开发区中心园, 实验园, 普惠园)."""
    word, flag, start = run[-1]
    if len(word) >= 2 and HAN.fullmatch(word) and text[:start].endswith(KINDS) \
            and (is_proper(word, flag) or is_place(word) or is_dropped_place(word)):
        return start
    return None


def _proper_words(run: list[tuple[str, str, int]], kind: str) -> list[int]:
    """Which words of the run before a kind are a proper part of a name: a place, an organisation
    or brand, a name jieba does not know, a pair of countries or regions, a town's name …"""
    run_words = [word for word, _, _ in run]
    return [i for i, (word, flag, _) in enumerate(run) if is_proper(word, flag)
            or (word == "中" and i + 1 < len(run) and COUNTRY_PAIR.match(word + run[i + 1][0]))
            or (i == len(run) - 1 and is_coined_name(word, flag, kind))
            or is_rare_place(word, flag, kind)  # 武进国家高新技术产业开发区, 瑞丽边境经济合作区
            or (i + 1 < len(run) and run[i + 1][0] in TOWN_WORDS and word[-1] not in "县镇乡村"  # 哈克镇滨河新区
                and word + run[i + 1][0] not in _CLASSES_OF_TOWN and word not in CATEGORY_WORDS)  # not 重点镇
            or is_town_name(word)  # 官庄镇返乡创业园
            or _names_a_university(run, i, kind)  # 清华科技园, 北航科技园, 塔里木大学科技园
            or (i + 1 < len(run) and run[i + 1][0] in NATIONAL_WORDS and names_a_place(word))  # 古田国家…产业园
            or opens_with_place(word, flag)
            or is_region_pair(run_words, i)
            or (i + 1 < len(run) and is_place_pair(Word(word, flag, 0, 0), Word(*run[i + 1][:2], 0, 0)))
            or is_split_name(run, i)
            # 苏南…示范区; 鄂南生物医药产业园 (a topic after it); not 粤西片区, 苏北开发区 (the region's zones),
            # nor a zone's part (冀南新区邯山产业园: 冀南 is the zone's)
            or (is_province_part(word) and (kind in DESIGNATION_KINDS or kind != "片区" and i < len(run) - 1
                                             and not any(KIND_RE.fullmatch(w) for w, _, _ in run[i + 1:])))]


def _names_a_university(run: list[tuple[str, str, int]], i: int, kind: str) -> bool:
    """A university's name before its science park: a short form jieba tags an abbreviation or a
    name (清华, 北大, 北航) right before 科技园, or a name before 大学 (塔里木大学科技园); not a level,
    a class or the nation (国家大学科技园 is a title)."""
    word, flag, _ = run[i]
    if kind not in _UNIVERSITY_PARKS or word in CATEGORY_WORDS or word in NATIONAL_WORDS or word in GENERIC_SHORT:
        return False
    if i + 1 < len(run) and run[i + 1][0] in ("大学", "学院"):
        return flag.startswith("n") and len(word) >= 2
    return i == len(run) - 1 and flag in ("j", "nz") and len(word) == 2 and word not in industry_words()


_UNIVERSITY_PARKS = {"科技园", "科学园", "软件园"}


def _start_at_proper(words: list[Word], run: list[tuple[str, str, int]], first: int) -> int | None:
    """Where a name opens, given the first proper word of the run before its kind: there, or a
    word earlier (环, a side, a split opening), or nowhere (a count of zones, a fragment)."""
    before = next((w for w in reversed(words) if w.end == run[first][2]), None)
    if (opening := _around_or_side(words, run, first, before)) is not None:
        return opening
    if before and is_town_name(run[first][0]) and len(run[first][0]) == 3 and not is_place(run[first][0]) \
            and _cut_opening(before, _TOWN_OPENING_TAGS):
        return before.start  # 王/官庄镇, 大/保当镇: jieba cut the town's first character off (景德镇 is whole)
    if before and before.text in MEASURES and any(w.end == before.start and NUMERAL.match(w.text) for w in words):
        return None  # 35个川渝产业合作示范园区: a count of zones named alike is a class of zones
    if before and _is_loose_char(before):
        prior = next((w for w in reversed(words) if w.end == before.start), None)
        if prior and _is_loose_char(prior):
            return prior.start  # 前/海 深港现代服务业合作区: jieba split the name's own opening (前海)
        if first > 0:
            return None  # a fragment of a name whose opening jieba could not tell
    if before and _cut_opening(before, _PLACE_OPENING_TAGS) and _opens_clause(words, before) and is_proper(*run[first][:2]):
        return before.start  # 唐/山湾, 渤/龙湖, 南/大港: jieba cut a place's first character off
    return run[first][2]


# the tags of a one-character word jieba cut off a name it did not know: a place's (唐 of 唐山湾)
# as a name or a morpheme; a township's (王 of 王官庄镇, 大 of 大保当镇) as most anything nominal
_PLACE_OPENING_TAGS = ("nr", "ns", "zg", "ng")
_TOWN_OPENING_TAGS = ("nr", "a", "n", "ng", "nz", "ns", "j", "b")


def _cut_opening(word: Word, tags: tuple[str, ...]) -> bool:
    """A one-character word that may be a name's first character jieba cut off, not a word of its
    own before the name (在, 市) nor one that opens a class or a new thing (新, 各, 全)."""
    return _is_lone_char(word, tags) and word.text not in "新原" + CLASS_OPENING_CHARS


def _split_at_kind(words: list[Word], index: int, kind: re.Match) -> list[Word] | None:
    """中央商务区, 大连经济技术开发区: jieba wrote a modifier or a place and the kind as one word;
    the words with its head segmented again and the kind apart, to read the name as if jieba had
    cut it (None when the kind does not end the word, the head is one character or the kind is
    short: 梨园, 公园, 公办园)."""
    word = words[index]
    head = word.text[: kind.start() - word.start]
    if word.end != kind.end() or len(head) < 2 or not HAN.fullmatch(head) \
            or len(kind.group()) < 3 or kind.group() in WORD_END_KINDS:
        return None
    kind_word = Word(kind.group(), "n", kind.start(), word.end)
    return [*words[:index], *words_of(head, word.start), kind_word, *words[index + 1:]]


def _start_of_one_word_name(words: list[Word], index: int, kind: re.Match) -> int | None:
    """The kind is the tail of one of jieba's words: 梨园, 幼儿园 are common words, while 海淀园,
    滨海新区 and 上海浦东新区 are a place and its zone (with the city or province before it: 天津
    滨海新区)."""
    word, flag, start, end = words[index]
    head = word[: kind.start() - start]
    before = words[index - 1] if index else None
    if end != kind.end() or not (is_place(head) or opens_with_place(head, flag) or is_dropped_place(head)):
        return None
    return before.start if before and is_city_or_province(before.text) else start


# a one-character word jieba leaves of a name it does not know (蕉/华 of 蕉华工业园, 夏 of 夏南牛)
_UNKNOWN_NAME_TAGS = ("n", "f", "ng", "j", "nr", "ns", "tg")


def _lone_chars_name(words: list[Word], run: list[tuple[str, str, int]]) -> list[int]:
    """蕉/华 工业园: the whole run before the kind is two or three one-character words jieba could
    not join, opening the clause; they spell a name jieba does not know, the first its proper part
    (not 市/新/各 before a kind: standalone, new or class-opening characters)."""
    if not 2 <= len(run) <= 3:
        return []
    lone = [Word(word, flag, s, s + len(word)) for word, flag, s in run]
    if any(w.flag == "n" for w in lone) and all(w.flag in ("n", "f") for w in lone) or any(w.text == "旅" for w in lone):
        return []  # 茶/旅, 菜/旅 (nouns jieba knows: an industry and tourism), 东/西 (sides)
    if all(_cut_opening(w, _UNKNOWN_NAME_TAGS) for w in lone) and _opens_clause(words, lone[0]):
        return [0]
    return []


def _is_loose_char(word: Word) -> bool:
    """A one-character noun-like word that is not a word of its own before a name (海 of 前/海;
    not 市 of 市经开区)."""
    return _is_lone_char(word, ("n", "f", "ng", "j"))


def _is_lone_char(word: Word, tags: tuple[str, ...]) -> bool:
    """A one-character word of these tags that is not a word of its own before a name (市, 在)."""
    return len(word.text) == 1 and bool(HAN.fullmatch(word.text)) and word.flag in tags \
        and word.text not in _STANDALONE_CHARS


# the side of a place that opens a zone's name (南部融城片区), as jieba writes it
_SIDES = {"东部", "西部", "南部", "北部"}


def _around_or_side(words: list[Word], run: list[tuple[str, str, int]], first: int, before: Word | None) -> int | None:
    """Where a name opens before its first proper word, if it does: 环太湖科技创新示范区 lies
    around the place (环, jieba's verb, where a name may open), 南部融城片区 is a side of the city."""
    if before and before.text == "环" and _opens_clause(words, before):
        return before.start
    if first > 0 and run[first - 1][0] in _SIDES and not is_place(run[first][0]) \
            and not GEO_SUFFIX.search(run[first][0]):
        return run[first - 1][2]  # not 西部 of 西部重庆两江新区, 西部长江…: a side of a place or river
    return None


def _opens_clause(words: list[Word], word: Word) -> bool:
    """The word stands where a name may open: first, or after a verb, conjunction, preposition or
    punctuation (打造环太湖…, not 二/环 of a ring road)."""
    prior = next((w for w in reversed(words) if w.end == word.start), None)
    return prior is None or prior.flag.startswith(("v", "c", "p", "x", "u"))


# the last character of a government body's name (外交部, 发改委, 商务厅, 海关总署); not 局,
# which ends companies' names too (招商局漳州开发区 is that zone's name)
_BODY_ENDS = set("部委厅署办党")  # 党: 中国共产党日喀则经济开发区工作委员会 is the party's committee


def _is_body_before_place(run: list[tuple[str, str, int]], i: int) -> bool:
    """The run's word i is a government body (jieba's organisation) right before a place."""
    word, flag, _ = run[i]
    return flag == "nt" and word[-1] in _BODY_ENDS and i + 1 < len(run) and is_place(run[i + 1][0])


# a hub branded as a valley (中国声谷): read apart from the kinds, which 太谷 (a county) would join
_HUB = re.compile("谷")
# the parts of the country a hub's brand may open with (华南钛谷, 中原农谷)
_COUNTRY_PARTS = {"华南", "华北", "华东", "华中", "西部", "东部", "中部", "北方", "南方", "东北", "西北", "西南", "中原"}


def _hub_start(words: list[Word], kind: re.Match) -> int | None:
    """中国声谷, 茂名华南钛谷, 合肥智能传感谷: a hub branded as a valley: 谷 ends a word jieba does
    not know (声谷, 蓝谷), not after a title (书记陈谷), or stands alone after a noun (传感/谷); the
    name opens at 中国, a part of the country or a place right before it or one noun earlier
    (稻谷, 峰谷, 光谷 are words, 光谷 the gazetteer's; grain is no brand: 籼稻谷)."""
    index = next((i for i, w in enumerate(words) if w.end == kind.end()), None)
    if index is None:
        return None
    word = words[index]
    if word.text == "谷":
        index -= 1  # the topic before a bare 谷
        if index < 0 or not words[index].flag.startswith("n") or words[index].flag.startswith("nr") \
                or len(words[index].text) > 3:
            return None
    elif in_dictionary(word.text):
        return None
    if _GRAIN.search(words[index].text) or (index and _TITLE_END.search(words[index - 1].text)):
        return None  # 籼稻谷; 书记陈谷, 市长罗谷 (a person after a title)
    for k in (index - 1, index - 2):
        w = words[k] if k >= 0 else None
        if w is None:
            return None
        if w.text == "中国" or w.text in _COUNTRY_PARTS or is_proper(w.text, w.flag):
            prior = words[k - 1] if k else None
            return prior.start if prior and w.text in _COUNTRY_PARTS and is_proper(prior.text, prior.flag) else w.start
        if not w.flag.startswith("n") or w.flag.startswith("nr") or _TITLE_END.search(w.text):
            return None
    return None


def _hub_list_member(text: str, m: re.Match, found: list[ParkName]) -> ParkName | None:
    """中国声谷、视谷和传感谷: a bare valley right after a branded hub and a 、 (or the 和, 及 before a
    list's last item) is a hub of the same brand, its name completed with the opening they share
    (中国视谷, 中国传感谷); not a word of the dictionary (硅谷, 低谷, 河谷) nor one with a place."""
    last = found[-1] if found else None
    if last is None or last.generic or not last.name.endswith("谷") or text[last.end:last.end + 1] not in "、和及":
        return None
    opening = next((o for o in ("中国", *_COUNTRY_PARTS) if last.name.startswith(o)), None)
    item = text[last.end + 1:m.end()]
    if opening is None or not 2 <= len(item) <= 4 or not HAN.fullmatch(item) or _GRAIN.search(item) \
            or in_dictionary(item) or any(is_place(item[:n]) for n in (2, 3)):
        return None
    return ParkName(opening + item, last.end + 1, m.end(), False)


_GRAIN = re.compile("[稻粮米麦黍粟籼粳]")
# the end of a title a person's name follows (书记, 市长, 主任, 委员)
_TITLE_END = re.compile("(记|长|任|员|席|理|官)$")


# the end of a street's, road's or neighbourhood's name before 片区
_URBAN_BLOCK = re.compile(r"(街|路|巷|社区)$")  # not 村: 中关村片区
# a kind and 内 'inside it', within the span of a longer name (中韩产业园内中韩中小企业合作园)
_INSIDE_A_ZONE = re.compile(r"(?:园区|园|区)内(?=..)")


def _inside_a_zone(words: list[Word], text: str, start: int, end: int) -> int | None:
    """Where a name opens after 园内 / 区内 'inside the zone' within text[start:end], when jieba
    reads 内 as a word of place (内, 区内, 内中); None for 内 opening a word of its own (两江新区
    内陆开放型经济示范区, 内江)."""
    for inside in _INSIDE_A_ZONE.finditer(text, start, end):
        at = inside.end() - 1  # the 内
        word = next((w for w in words if w.start <= at < w.end), None)
        if word is not None and (word.text == "内" or word.flag == "s"):
            return inside.end()
    return None


def _is_body_and_level(words: list[Word], start: int, kind: re.Match) -> bool:
    """商务部国家级经开区, 省商务厅省级开发区: a body, a level and the kind, nothing else, name the
    zones of that level the body oversees, not one park."""
    inner = [w for w in words if start <= w.start and w.end <= kind.start()]
    return len(inner) == 2 and inner[0].flag == "nt" and inner[0].text[-1] in _BODY_ENDS \
        and inner[1].text in LEVEL_WORDS


# one-character words that stand alone before a name (市经开区 is the city's own 经开区): units,
# conjunctions, prepositions, and 原 'former' (原蓬安县河舒工业园)
_STANDALONE_CHARS = set("省市县区镇乡村和与及在对向把将为由从等原")


def find_park_names(text: str, taken: list[tuple[int, int]], topic_designations: bool = True) -> list[ParkName]:
    """Park names in `text` that do not overlap the spans already `taken` (taxonomy hits).

    A kind with no proper name before it is reported as generic when it is a bare zone
    word (园区, 开发区) and dropped otherwise (公办园, 重点园区 → 园区 generic). Without
    `topic_designations`, a designation named by its topic alone (美丽中国先行区) is not a park:
    see issued_nationally."""
    kinds = sorted([*KIND_RE.finditer(text), *_HUB.finditer(text)], key=lambda m: m.start())
    if not kinds:
        return []
    # segment only what a name can span: clauses are long, posseg's HMM is the cost of linking
    offset = max(0, kinds[0].start() - MAX_NAME - 8)
    # (a few characters past the last kind: 厦门园林局 must show that 园 ends inside 园林)
    words = _numbered_zone_words(join_city_groups(words_of(text[offset:kinds[-1].end() + 4], offset)))
    found: list[ParkName] = []
    given = list(taken)  # the taxonomy's hits: zones a list of parts may follow, as the found ones
    taken = list(taken)
    for m in kinds:
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if m.group() in WORD_END_KINDS and not any(w[3] == m.end() for w in words):
            continue  # 厦门园林植物园: a bare 园 ending inside a word (园林, 园艺); 新区内 is jieba's 区内
        if m.group().endswith("区") and text[m.end():m.end() + 1] == "域":
            continue  # 科技创新区域合作: a region (区域), not a zone
        if m.group().endswith("城") and text[m.end():m.end() + 1] == "市":
            continue  # 株洲老工业城市, 科技城市: a city (城市), not a zone
        if m.group() == "组团" and _forms_a_team(words, m):
            continue
        if m.group() == "谷":
            if (start := _hub_start(words, m)) is not None:
                found.append(ParkName(text[start:m.end()], start, m.end(), False))
                taken.append((start, m.end()))
            elif (member := _hub_list_member(text, m, found)) is not None:
                found.append(member)
                taken.append((member.start, member.end))
            continue
        if m.group() == "片区" and _URBAN_BLOCK.search(text[max(0, m.start() - 2):m.start()]):
            continue  # 东兴街片区城市更新: a block of a town's streets, not a zone's area
        if m.group() == "园区" and text[max(0, m.start() - 2):m.start()] == "高校":
            continue  # 蓉江新区高校园区: the universities' campus, not a zone
        if m.group() == "园区" and text[max(0, m.start() - 3):m.start()] == "开发区":
            continue  # 宁德市开发区园区动态: zones and parks, a class
        start = _dash_joined_start(text, _first_start(words, m, text, topic_designations), m)
        if start is not None and any(k.start() < start < k.end() for k in kinds):
            start = None  # 合肥经开区…示范区 cut at 开区: never start inside another kind
        if start is not None and (inside := _inside_a_zone(words, text, start, m.start())) is not None:
            start = inside  # 中韩产业园内中韩中小企业合作园: the part named after 园内 'inside the park'
        if start is not None and _is_body_and_level(words, start, m):
            continue  # 商务部国家级经开区(考核评价): the national zones a ministry oversees, a class
        if start is not None and _after_a_category(words, start):
            continue  # 建设一批富民产业园: a class of parks, not one
        if start is not None and _names_a_programme(words, text, start, m):
            continue  # 纳入国家跨境经济合作区规划布局: the state's programme of such zones, not one
        if start is not None:
            start = _country_start(text, _country_pair_start(text, _partner_joined_start(text, _china_paired_start(text, start))))
        if start is not None and (_is_trade_agreement(text, start, m) or _is_planning_region(text, start, m)
                                  or _is_a_gardens_part(text, start, m) or _is_an_industrys_quarter(text, start, m)):
            continue
        members = shared_kind_members(words, m, start, text, {b: a for a, b in given} | {
            p.end: p.start for p in found if not p.generic})
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
    return _with_list_members(_less_kind_modifiers(found, text), text)


# a park two places share, named by their initials (深驻产业合作园, 綦万产业协作园, 荣泸产业合作园区);
# development sets, session 40: eleven such parks annotated, none found before
_SHARED_BY_INITIALS = re.compile(r"产业(?:合作|协作)(?:园区|园|区)$")
_NOT_INITIALS = ("p", "c", "u", "d", "m", "q", "r")  # 对韩产业合作园区: a preposition, no place's initial
# … and the initials open the name: after a verb, a mark or 的 (共建深驻…, 、广黔…), not after a place
# (沪滇临港保山产业合作园, 东戴河京津产业合作园: longer names) nor inside a word (东营港|化工产业合作园)
_OPENS_INITIALS = ("v", "x", "u", "p", "c")


def _partner_initials_start(words: list[Word], kind: re.Match, text: str) -> int | None:
    """Where a park named by its partners' initials begins: the three or two characters before
    产业合作园 (产业协作园) when they open a word, hold no function word nor a verb of setting up (建|沪苏),
    are each a province's one-character name or a city's or county's initial (is_partner_initials) and one
    of them a place the text or the document names (_an_initial_is_known)."""
    tail = _SHARED_BY_INITIALS.search(text, max(0, kind.end() - 7), kind.end())
    if tail is None or tail.start() > kind.start():
        return None
    two = tail.start() - 2
    one_word = any(w.start == two and w.end == tail.start() for w in words)  # 所称|宁凤: not 称宁凤
    for start in (two,) if one_word else (tail.start() - 3, two):
        inside = [w for w in words if start <= w.start < tail.start()]
        before = next((w for w in words if w.end == start), None)
        if start >= 0 and _starts_word(words, start) and is_partner_initials(text[start:tail.start()]) \
                and not any(w.flag.startswith(_NOT_INITIALS) or len(w.text) > 1 and in_dictionary(w.text)
                            or w.text in SETTING_UP for w in inside) \
                and (before is None or before.flag.startswith(_OPENS_INITIALS)) \
                and _an_initial_is_known(text[start:tail.start()], words):
            return start
    return None


def _an_initial_is_known(initials: str, words: list[Word]) -> bool:
    """One of the initials is a province's one-character name (沪, 黔, 苏) or the first character of a place
    the text or the document names (深 of 深圳市, 荣 of 荣昌, 綦 of 綦江 in 綦江's own plan): 文旅, 茶旅 and
    农文旅 are topics whose characters begin some county's name, not partners' initials."""
    named = {w.text[0] for w in words if len(w.text) > 1 and (is_place_or_city(w.text) or is_dropped_place(w.text))}
    named |= {word[0] for word in current_own_place_words() if word}
    return any(ch in REGION_CHARS or ch in named for ch in initials)


def _first_start(words: list[Word], kind: re.Match, text: str, topic_designations: bool) -> int | None:
    """Where the name before `kind` begins, by the first rule that reads one: partners' initials, the
    words before the kind, a quoted topic, a subject's part, a town, an item's head."""
    for start in (lambda: _partner_initials_start(words, kind, text),
                  lambda: _name_start(_cut_at_kind(words, kind, text), kind, text, topic_designations),
                  lambda: _quoted_name_start(words, kind, text), lambda: _subject_part_start(text, kind),
                  lambda: _town_start(words, kind), lambda: _item_head_start(text, words, kind)):
        if (found := start()) is not None:
            return found
    return None


def _numbered_zone_words(words: list[Word]) -> list[Word]:
    """A numeral jieba cut off a known zone's place word joined to it again (三/龙湾 → 三龙湾, a place
    word, of 三龙湾高端创新集聚区): a numeral opens a count, never a name, so the name was lost."""
    out: list[Word] = []
    for word in words:
        prior = out[-1] if out else None
        if prior and len(prior.text) == 1 and NUMERAL.match(prior.text) and prior.end == word.start \
                and known_zones().zones_of(prior.text + word.text):
            out[-1] = Word(prior.text + word.text, "ns", prior.start, word.end)
        else:
            out.append(word)
    return out


def _less_kind_modifiers(found: list[ParkName], text: str) -> list[ParkName]:
    """…自由贸易试验区成都天府新区片区: a name that 片区 follows at once names the longer one's area
    (天府新区 of 天府新区片区), not a zone of its own with the longer one's opening (南宁高新区保税物流中心
    is a zone in a zone: both)."""
    return [a for a in found if a.generic or not any(
        b.start == a.start and b.end == a.end + 2 and not b.generic and text[a.end:b.end] == "片区" for b in found)]


_SUBJECT_PART_KINDS = {"产业园", "工业园", "园区", "片区", "组团"}
_ROLE_WORDS = ("重点", "主要", "主导", "聚焦", "着力", "定位", "以")  # 重点发展, 以…为主
_ITEM_NUMBER = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}、)?\s*")
_NOT_IN_A_NAME = ("r", "m", "v", "p", "d", "q", "u")  # 每个园区, 二是园区, 引导园区, 起步园区: no name


def _subject_part_start(text: str, kind: re.Match) -> int | None:
    """五彩湾产业园重点发展…, 鸡街片区重点发展…: a zone's part opening its clause and stating its role,
    named by two or three characters that may name an area (not a common word, a pronoun, a
    numeral or a verb: 核心园区, 每个园区, 二是园区, 引导园区)."""
    if kind.group() not in _SUBJECT_PART_KINDS or not text.startswith(_ROLE_WORDS, kind.end()):
        return None
    opening = _ITEM_NUMBER.match(text).end()
    stem = text[opening:kind.start()]
    if not 2 <= len(stem) <= 3 or stem[0] in CLASS_OPENING_CHARS \
            or any(flag.startswith(_NOT_IN_A_NAME) and flag != "vn" for _, flag in plain_tokenizer().tagged(stem)):
        return None  # (各乡镇工业园重点…: jieba's one word 各乡镇, a class)
    return opening if names_an_area(stem) and may_name_a_part(stem) else None  # (no class, industry or placeholder)


def _item_head_start(text: str, words: list[Word], kind: re.Match) -> int | None:
    """（一）城南高新园。 （二）滩桥精细化工园。 双福园：定位为…: an item headed by a park's name, numbered
    and alone or heading its paragraph before a colon, opening on a word that may name an area (not
    承载园区, 重点园区, 市级特色产业园区, 县域工业园区: classes; 镇雄、威信工业园区： is a list; an item headed by a
    verb of setting up, 2.建设锑新材料产业园。, is a task)."""
    opening = _ITEM_NUMBER.match(text).end()
    alone = opening > 0 and not text[kind.end():].strip(CLAUSE_MARKS + " \u3000\n")
    if not (alone or text.startswith(_HEAD_COLONS, kind.end())) or not 2 <= kind.start() - opening <= 10 \
            or (kind.group() == "园" and text[kind.start() - 1] in "公乐"):
        return None  # (一、森林公园; 主题公园：: gardens)
    inside = [w for w in words if opening <= w.start and w.end <= kind.start()]
    if not inside and any(w.start == opening and w.end == kind.end() for w in words):
        inside = [Word(text[opening:kind.start()], "nr", opening, kind.start())]  # 双福园: jieba's one word
    if not inside or inside[0].start != opening or inside[0].text in CATEGORY_WORDS or inside[0].text in industry_words() \
            or inside[0].text in SETTING_UP \
            or "、" in text[opening:kind.start()] \
            or any(w.flag.startswith(_NOT_IN_A_NAME) and w.flag != "vn" and w.text not in NAMING_VERBS for w in inside):
        return None
    # the head: the first word, or it and the next when it is one character (社|棠) or they make a
    # three-character name jieba cut (石门|澳)
    heads = [inside[0].text] if len(inside[0].text) > 1 or len(inside) == 1 else []
    if len(inside) > 1 and len(inside[0].text) + len(inside[1].text) <= 3:
        heads.append(inside[0].text + inside[1].text)
    return opening if any(names_an_area(h) and may_name_a_part(h) and (alone or _is_proper_head(h)) for h in heads) else None


_HEAD_COLONS = ("：", ":")


# the heads of parks any zone has, which jieba tags as names (小微 nr, 孵化器 nz): 小微企业园, 孵化器园区
_CLASS_HEADS = {"小微", "孵化器", "众创", "双创", "创客", "总部", "楼宇", "标准"}


def _is_proper_head(head: str) -> bool:
    """A paragraph's head before a colon that names a park, not a class (低碳产业园：, 小微企业园：): a place,
    a town, one of the document's own words, a rare name jieba knows (双福, 华林, 马驹桥), or three
    characters it does not know as one word (石门|澳)."""
    if head in _CLASS_HEADS:
        return False
    if _is_place_name(head) or is_town_name(head) or head in current_own_place_words():
        return True
    return is_rare_name(head) or (len(head) == 3 and not in_dictionary(head))


_TOWN_PARK_KINDS = {"产业园", "工业园", "园区", "工业园区", "产业园区", "园", "加工园", "物流园", "创业园", "工业集中区"}
_NOT_A_TOWN = {"乡", "城", "村", "小", "集", "重点", "专业", "特色", "特色小", "中心", "建制", "各", "全", "每个"}
_OPENING_TAGS = ("v", "p", "c", "x", "u", "d")
_CLASSES_OF_TOWN = {"乡镇", "城镇", "村镇", "小镇", "集镇", "重镇", "名镇", "古镇", "小城镇", "建制镇", "特色镇", "重点镇", "中心镇",
                    "专业镇", "特色小镇", "强镇", "百强镇", "千强镇"}
_UNIT_CHARS = set("省市县区州旗")  # not 毛|市镇, 高家|堡镇


def _town_start(words: list[Word], kind: re.Match) -> int | None:
    """毛市镇食品产业园, 石桥镇农产品加工园, 高家堡镇现代农业产业园: a park named by its town (two or three
    characters and 镇, jieba's cut wherever it falls: 毛|市镇, 高家|堡镇) and its industry, the town
    opening after a verb, preposition or mark; not 乡镇, 城镇, 特色小镇 or 重点镇, classes of towns."""
    if kind.group() not in _TOWN_PARK_KINDS:
        return None
    index = next((i for i, w in enumerate(words) if w.start <= kind.start() < w.end), None)
    if index is None:
        return None
    if kind.group() == "园" and words[index].text != "园":
        return None  # 丹麻镇土族风情田园: 园 the tail of a word (田园, 花园)
    i = index - 1 if words[index].start == kind.start() else index
    while i >= 0 and "镇" not in words[i].text and (words[i].flag.startswith(("n", "b", "j"))
                                                    or words[i].flag == "vn" and words[i].text in NAMING_VERBS):
        i -= 1  # the industry between the town and the kind (食品, 农产品加工, 县级现代农业; not 建设, 发展)
    if i < 0 or "镇" not in words[i].text or words[i].text in _CLASSES_OF_TOWN or kind.start() - words[i].end > 10 \
            or "镇级" in words[i].text:
        return None  # (部分镇级工业集中区: parks of the towns' level, a class)
    town_end = words[i].start + words[i].text.index("镇")
    first = i
    while first > 0 and not words[first - 1].flag.startswith(_OPENING_TAGS) and words[first - 1].flag != "vn":
        first -= 1
    stem = "".join(w.text for w in words[first:i + 1])[: town_end - words[first].start]
    opening = words[first].start
    if stem[:1] in _UNIT_CHARS:  # 监利|市|毛市镇: the county's unit is no part of the town
        stem, opening = stem[1:], opening + 1
    if not (2 <= len(stem) <= 3 and HAN.fullmatch(stem)) or stem in _NOT_A_TOWN or stem in CATEGORY_WORDS \
            or stem in _CLASS_BEFORE_KIND \
            or stem + "镇" in _CLASSES_OF_TOWN or any(flag.startswith(("m", "r")) for _, flag in plain_tokenizer().tagged(stem)):
        return None
    return opening


def _with_list_members(found: list[ParkName], text: str) -> list[ParkName]:
    """The names the kinds gave, with the members of the clause's lists of parks, in order."""
    # 北京·沧州渤海新区生物医药产业园: the partner opens the park's name, not its parent's inside it
    found = [_after_partner(p) if _partner_of(p.name) and any(q.start == p.start and q.end > p.end for q in found)
             else p for p in found]
    siblings = list_siblings(text, found)
    siblings += declared_parts(text, found + siblings)  # it leaves out what either names already
    found = [p for p in found if not any(s.start <= p.start and p.end <= s.end and (p.generic or p.end - p.start < s.end - s.start)
                                         for s in siblings)]  # a bare 园区, or 龙山园区 of a declared 大龙山园区
    # 安溪弘桥智谷电商产业园: a hub read on its own inside a longer name is a word of that name
    found = [p for p in found if not (p.name.endswith("谷") and any(
        q.start < p.start and p.end < q.end for q in found))]
    found = [_with_century(p, text) for p in found]
    return sorted(found + siblings, key=lambda p: p.start)


def _with_century(park: ParkName, text: str) -> ParkName:
    """21世纪海上丝绸之路先行区: the century's number, a numeral to jieba, opens the name with it."""
    number = re.search(r"\d{1,2}$", text[:park.start]) if park.name.startswith("世纪") else None
    return ParkName(text[number.start():park.end], number.start(), park.end, park.generic) if number else park


def _after_a_category(words: list[Word], start: int) -> bool:
    """The word right before the name says it is one of a class (一批, 各类, 若干), or the name opens
    on a count of great ones (“三大主园区”, 两大园区: the parks just listed, counted)."""
    before = next((w for w in reversed(words) if w.end == start), None)
    opening = next((w for w in words if w.start == start), None)
    return before is not None and before.text in CATEGORY_WORDS and before.text not in LEVEL_WORDS \
        or opening is not None and _COUNT_OF_GREAT.fullmatch(opening.text) is not None  # (jieba: 三大主)


_COUNT_OF_GREAT = re.compile(f"[{COUNT_CHARS}一几]+大.?")  # the count's numerals, as park_lists reads them


# 中国— and the country or body paired with it, right before a name (中国—马来西亚钦州产业园区)
_CHINA_PAIRED = re.compile(r"中国[—－\-–]+([\u4e00-\u9fff]{0,6})$")


def _china_paired_start(text: str, start: int) -> int:
    """中国—上海合作组织地方经贸合作示范区, 中国—马来西亚钦州产业园区: a zone China runs with another
    country or body opens at 中国, when what stands between the dash and the name is that
    country, one of jieba's place words (not a clause: 中国—东盟合作推进…)."""
    paired = _CHINA_PAIRED.search(text[:start])
    if paired is None:
        return start
    between = paired.group(1)
    tagged = plain_tokenizer().tagged(between) if between else []
    return paired.start() if not between or (len(tagged) == 1 and tagged[0][1] == "ns") else start


def _partner_joined_start(text: str, start: int) -> int:
    """北京·沧州渤海新区生物医药产业园, 中新·苏滁高新区: a partner place or pair of countries
    joined to the name by a middle dot opens it; not the province or nation the name lies in
    (河北·雄安新区, 中国·海南自由贸易港), a region (长三角·嘉兴高新区) or another zone's kind
    (雄安新区·中关村科技园)."""
    if start < 2 or text[start - 1] not in MIDDLE_DOTS:
        return start
    for n in (4, 3, 2):
        if start - 1 - n >= 0 and COUNTRY_PAIR.fullmatch(text[start - 1 - n:start - 1]):
            return start - 1 - n
    tagged = plain_tokenizer().tagged(text[max(0, start - 9):start - 1])
    if not tagged:
        return start
    partner = tagged[-1][0]
    # 大连 (jieba's adverb, which the gazetteer drops as a short form) is 大连市
    place = partner if is_place(partner) else partner + "市" if is_city_or_province(partner + "市") else ""
    if not place and _names_a_partner(partner):
        opening = start - 1 - len(partner)  # 亦庄·巴彦淖尔…: a partner no gazetteer holds, after its city (北京亦庄)
        return next((opening - n for n in (3, 2) if opening >= n and is_place_or_city(text[opening - n:opening])), opening)
    if not place or KIND_RE.search(partner) or partner in NATIONAL_WORDS or partner == "中国":
        return start
    inner = _place_prefix(text[start:start + 12])
    if inner:
        lies_in = _lies_in(inner, place)
    else:  # (or may: 河北·雄安新区), unless the name opens with a district of another province
        lies_in = places()[place].endswith("0000") and not _county_elsewhere(text[start:start + 12], place)
    if lies_in:
        return start  # the province or city the name lies in, not a partner
    return start - 1 - len(partner)


def _county_elsewhere(text: str, province: str) -> bool:
    """北京·北辰协同创新产业园: the name opens with a county or district the gazetteer knows only in
    full (北辰区, _county_opening), and every place of that name lies in another province than the
    one before the dot (浙江·西湖科技园: one 西湖区 is Hangzhou's)."""
    county = _county_opening(text)
    province_code = places()[province][:2]
    candidates = gazetteer().by_surface.get(county, ())
    return bool(candidates) and all(not c.adcode.startswith(province_code) for c in candidates)


# regions a name may open with but that partner no place (长三角·嘉兴高新区)
_WIDE_REGION_ENDS = ("三角", "湾区", "经济带", "经济圈", "城市群")
# what lies along a line between two places (郑州—开封城际沿线园区): a class of parks, not one
_ALONG_A_LINE = ("沿线", "走廊", "城际", "一带", "沿岸", "之间")
# verbs a pair's topic may hold (盱眙—江宁南北共建园区, 亦庄—雄安产业协同发展园)
_PAIR_VERBS = {"共建", "合作", "协作", "协同", "发展", "共管", "共享"}


def _names_a_partner(word: str) -> bool:
    """A side of a pair joined by a dash or a dot (江津—习水, 海沧—上杭, 亦庄·巴彦淖尔): a place, one of the
    document's own towns, or a place, person's or other proper name jieba knows that is no everyday
    word; never a kind, a level or the nation."""
    if not HAN.fullmatch(word) or KIND_RE.search(word) or word in NATIONAL_WORDS or word == "中国" \
            or word.endswith(_WIDE_REGION_ENDS):
        return False
    return _is_place_name(word) or word in current_own_place_words() or is_rare_name(word, ("ns", "nr", "nz"))


def _partner_before(text: str, join: int) -> int | None:
    """Where the partner ending right before text[join] (a dash or a dot) begins, longest first; never
    inside a kind (淮海经济区—徐州高新区: 济区 is no partner)."""
    kinds = list(KIND_RE.finditer(text, max(0, join - 12), join))
    return next((join - n for n in (4, 3, 2) if join - n >= 0 and not any(k.start() < join - n < k.end() for k in kinds)
                 and _names_a_partner(text[join - n:join])), None)


def _dash_joined_start(text: str, start: int | None, kind: re.Match) -> int | None:
    """江津—习水产业合作园, 盱眙—江宁南北共建园区: two places joined by a dash open the name: the name found
    widened to the first, or, where none was found (jieba cut the second into the topic: 习|水产业;
    铁岭·常熟产业合作园, joined by a dot), the pair and a topic of nouns up to the kind."""
    if start is not None:
        if start >= 3 and text[start - 1] in DASHES and (left := _partner_before(text, start - 1)) is not None:
            return left
        return start
    dash = next((d for d in range(kind.start() - 1, max(0, kind.start() - MAX_NAME), -1)
                 if text[d] in DASHES or text[d] in MIDDLE_DOTS), None)
    if dash is None or (left := _partner_before(text, dash)) is None:
        return None
    right = next((n for n in (4, 3, 2) if _names_a_partner(text[dash + 1:dash + 1 + n])), 0)
    between = text[dash + 1 + right:kind.start()]
    if not right or len(between) > 10 or any(ch in CLAUSE_MARKS + "（）()" for ch in between) \
            or any(word in between for word in _ALONG_A_LINE) \
            or any(flag.startswith(("v", "p", "c", "u", "m", "r", "d")) and flag != "vn" and word not in _PAIR_VERBS
                   for word, flag in plain_tokenizer().tagged(between)):
        return None
    return left


def _country_pair_start(text: str, start: int) -> int:
    """中越东兴—芒街跨境经济合作区: the two countries open a name that pairs a town of each by a dash."""
    if not any(dash in text[start:start + 8] for dash in DASHES):
        return start
    return next((start - n for n in (3, 2) if start >= n and COUNTRY_PAIR.fullmatch(text[start - n:start])), start)


def _country_start(text: str, start: int) -> int:
    """越南龙江工业园, 韩国新万金韩中产业园: the country a park abroad lies in opens its name; so does
    the pair of countries a joint park is named after (泰达的中日健康产业合作示范区), but not a word
    ending on 中 (集中新材料…, 其中)."""
    abroad = next((start - n for n in (5, 4, 3, 2) if start >= n and text[start - n:start] in countries()), start)
    if abroad != start:
        return abroad
    return next((start - n for n in (3, 2) if start >= n and COUNTRY_PAIR.fullmatch(text[start - n:start])
                 and not (start > n and in_dictionary(text[start - n - 1:start - n + 1]))), start)


def _partner_of(name: str) -> int:
    """How many characters a partner and its middle dot open the name with (0: none)."""
    return next((i + 1 for i, ch in enumerate(name) if ch in MIDDLE_DOTS), 0)


def _after_partner(park: ParkName) -> ParkName:
    """The park's name without the partner that opens it (沧州渤海新区 of 北京·沧州渤海新区…)."""
    cut = _partner_of(park.name)
    return ParkName(park.name[cut:], park.start + cut, park.end, park.generic)


# a topic quoted right before its kind (京津冀“机器人+”产业园)
_QUOTED_BEFORE_KIND = re.compile(r"“[^“”，。、；]{1,8}”$")


def _quoted_name_start(words: list[Word], kind: re.Match, text: str) -> int | None:
    """京津冀“机器人+”产业园, 重庆两江“数字”产业园: proper words, then a quoted topic, then the kind.
    A quote alone before a kind is left out (“双百亿”园区 and “零碳”园区 are classes of parks), and
    so is a province before a kind it has many of (江苏“智改数转”园区: the province's parks, as
    河南省开发区; 重庆“数字”产业园 is one park)."""
    quoted = _QUOTED_BEFORE_KIND.search(text[max(0, kind.start() - 10):kind.start()])
    if quoted is None or NUMBER_CHARS.search(quoted.group()):
        return None
    start = kind.start() - len(quoted.group())
    proper = []
    while len(proper) < 2:
        before = next((w for w in words if w.end == start), None)
        if not before or not (is_place(before.text) or is_proper(before.text, before.flag)):
            break
        proper.insert(0, before)
        start = before.start
    if not proper or (len(proper) == 1 and is_province_class(proper[0].text, kind.group())):
        return None
    return start


# what a group does after 组团 'go as a group' (组团参展, 组团赴港, 组团发展), where a district of
# town planning is built, invested in or finished (东山组团完成投资, 河西组团建成)
_GROUP_ACTS = ("参展", "赴", "参加", "参会", "出访", "出海", "考察", "前往", "发展", "援", "招商", "走出去")


def _forms_a_team(words: list[Word], kind: re.Match) -> bool:
    """组团参展, 广州组团赴港, 宜昌、荆州组团发展: 组团 'go as a group', not a district of town planning."""
    after = next((w for w in words if w.start == kind.end()), None)
    return after is not None and after.text.startswith(_GROUP_ACTS)


def _cut_at_kind(words: list[Word], kind: re.Match, text: str) -> list[Word]:
    """金凤科/创园: jieba glued the opening of a kind of three or more characters to the name
    before it; the kind is one unit, so the words before it are cut again on their own (金凤)."""
    inside = next((w for w in words if w.start < kind.start() < w.end), None)
    if inside is None or inside.end >= kind.end() or len(kind.group()) < 3:
        return words
    before = [w for w in words if w.end <= inside.start]
    after = [w for w in words if w.start >= inside.end]
    recut = words_of(text[inside.start:kind.start()], inside.start)
    return before + recut + words_of(text[kind.start():inside.end], kind.start()) + after


_NATIONAL_ISSUER = re.compile(r"^\s*国务院|代表国务院")
_ISSUER_CHARS = 300  # the title and the opening address name the issuer


def issued_nationally(text: str) -> bool:
    """A State Council document or a national government work report (我代表国务院…). There a
    designation named by its topic alone (全域旅游示范区, 美丽中国先行区) is a national programme
    with many zones in it, while in a province's or county's text it is the zone it builds."""
    return bool(_NATIONAL_ISSUER.search(to_simplified(text[:_ISSUER_CHARS])))


# the state's contiguous areas of poverty (集中连片特困地区), each planned as a 片区 of several provinces
_POVERTY_AREAS = {"武陵山", "乌蒙山", "秦巴山", "六盘山", "滇桂黔石漠化", "滇西边境", "大别山", "罗霄山", "吕梁山",
                  "燕山—太行山", "燕山-太行山", "燕山太行山", "大兴安岭南麓"}


def _is_planning_region(text: str, start: int, kind: re.Match) -> bool:
    """洞庭湖生态经济区, 山东半岛蓝色经济区, 沈阳经济区, 兰白经济区: an 经济区 named by a lake, a
    plain, a peninsula, a place or a group of cities alone is a region a plan covers; a zone of
    that kind says what it is (花园口经济区, 辽滨沿海经济区, 临港经济区, 总部经济区). So is one of the
    state's areas of poverty (武陵山片区). A region has no managing committee (普湾经济区管理委员会)."""
    if kind.group() == "片区":  # (湘西武陵山片区: a region's part of it)
        return text[start:kind.start()].endswith(tuple(_POVERTY_AREAS))
    if kind.group() != "经济区" or text.startswith(("管理委员会", "管委会"), kind.end()):
        return False
    place = _REGION_MODIFIERS.sub("", text[start:kind.start()])
    return bool(place) and (place.endswith(_REGION_ENDS) or is_place_or_city(place) or is_city_group(place))


def _is_an_industrys_quarter(text: str, start: int, kind: re.Match) -> bool:
    """太湖新城现代服务业集聚区, 京南氢能产业集聚区, 渔薪服装加工集聚区: a 集聚区 named by an industry is
    where a city gathers that industry, no zone (development annotators named 1 of 14 such); a county's
    产业集聚区 or 工业集聚区 (鹿邑县产业集聚区, 河南's zones) names none, and a national designation keeps its name."""
    if kind.group() != "集聚区" or text.startswith(tuple(DESIGNATION_OPENERS), start):
        return False
    before = to_simplified(text[start:kind.start()]).removesuffix("产业").removesuffix("工业")
    return _NAMES_AN_INDUSTRY.search(before) is not None or any(word in before for word in industry_words() if len(word) >= 2)


_NAMES_AN_INDUSTRY = re.compile(r"(?:业|服务|加工|制造)$")  # 先进制造业, 金融服务, 服装加工 (not 鹿邑县|产业)


def _is_a_gardens_part(text: str, start: int, kind: re.Match) -> bool:
    """大熊猫国家公园雅安片区, 湿地公园东片区: the part of a national park or a garden, no zone (the
    park guide's gardens and scenic spots)."""
    return kind.group() in ("片区", "园区") and "公园" in text[max(0, start - 2):kind.start()]


# what a region's name may add to its place (鄱阳湖生态经济区, 山东半岛蓝色经济区), and how the
# names of lakes, rivers, plains, peninsulas and gulfs end
_REGION_MODIFIERS = re.compile(r"(?:高效生态|生态|蓝色|绿色)$")
_REGION_ENDS = ("湖", "江", "河", "平原", "半岛", "湾", "盆地")


def _is_trade_agreement(text: str, start: int, kind: re.Match) -> bool:
    """中韩、中澳自贸区, 中日韩自贸区, 中国－东盟自贸区: free-trade areas of agreements between countries,
    or with a part of the world, not zones."""
    if kind.group() != "自贸区":
        return False
    partner = text[start:kind.start()].removeprefix("中国").strip("".join(DASHES))
    return bool(COUNTRY_PAIR.match(text[start:kind.start()])) or text[max(0, start - 1):start] == "中" \
        or partner in WORLD_REGIONS or partner in countries()


def _starts_word(words: list[Word], offset: int) -> bool:
    return any(w[2] == offset for w in words)


def nested_parks(found: Iterable[ParkName]) -> dict[str, str]:
    """Child → parent where one name opens with another or follows it directly: 中国（重庆）
    自由贸易试验区两江片区 and 中关村国家自主创新示范区海淀园 (the text writes them together)."""
    named = [p for p in found if not p.generic]
    out: dict[str, str] = {}
    for child in named:
        opens = child.start + _partner_of(child.name)  # 沧州渤海新区 of 北京·沧州渤海新区生物医药产业园
        parents = [p for p in named if (p.start in (child.start, opens) and p.end < child.end) or p.end == child.start]
        if parents:
            out.setdefault(child.name, max(parents, key=lambda p: p.end).name)
    return out


# -- document-level abbreviations: 河北雄安新区（以下简称“新区”）

_ABBREVIATION = re.compile(r"[（(](?:以下|下文)?(?:简称|称)[：:]?[“\"「]?([^”\"」）)，,、]{1,12})[”\"」]?[）)]")


def find_abbreviations(text: str, topic_designations: bool = True) -> dict[str, str]:
    """Short name → full park name, where the text says 'X（以下简称“Y”）' of a park X (a topic
    designation counts as X only where find_park_names would count it)."""
    out: dict[str, str] = {}
    simple = to_simplified(text)  # 以下簡稱 too; both names as the text writes them
    for m in _ABBREVIATION.finditer(simple):
        offset = max(0, m.start() - 40)
        before = simple[offset:m.start()]
        names = [p for p in find_park_names(before, [], topic_designations)
                 if p.end == len(before) and not p.generic]
        if names and names[-1].name != m.group(1):
            park = names[-1]
            out.setdefault(text[m.start(1):m.end(1)],
                           as_written(text, simple, offset + park.start, offset + park.end, park.name))
    return out


# a park's new name (来安汊河经济开发区获批更名为来安汊河高新技术产业开发区; …升级为…，定名为“…”)
_RENAMING = re.compile(r"(?:获批|正式)?(?:更名|定名|升级)为[“\"「]?")


def find_renamings(text: str, topic_designations: bool = True) -> dict[str, str]:
    """Former name → new name, where the text says a park X 更名为 (or 升级为, 定名为) a park Y;
    only a specific park on both sides (升级为国家高新区 names a class, not a new name), and X is
    the last park named before, in the same sentence."""
    out: dict[str, str] = {}
    simple = to_simplified(text)
    for m in _RENAMING.finditer(simple):
        sentence_start = max(simple.rfind(c, 0, m.start()) for c in "。；;\n") + 1
        offset = max(sentence_start, m.start() - 60)
        before = [p for p in find_park_names(simple[offset:m.start()], [], topic_designations) if not p.generic]
        new = _new_name(find_park_names(simple[m.end():m.end() + 40], [], topic_designations))
        if not before or not new or before[-1].name == new.name:
            continue
        old = before[-1]
        between = simple[offset + old.end:m.start()]
        if KIND_RE.search(between[: m2.start()] if (m2 := _RENAMING.search(between)) else between):
            continue  # 与…经开区共建的园区更名为: the subject is another zone, written as its kind
        out.setdefault(as_written(text, simple, offset + old.start, offset + old.end, old.name),
                       as_written(text, simple, m.end() + new.start, m.end() + new.end, new.name))
    return out


def _new_name(parks: list[ParkName]) -> ParkName | None:
    """The park a renaming gives: the longest name written right after the verb, or, where a part
    follows its zone (更名为冀南新区邯山产业园), the part."""
    first = max((p for p in parks if p.start == 0 and not p.generic), key=lambda p: p.end, default=None)
    part = next((p for p in parks if first and p.start == first.end and not p.generic), None)
    return part or first


# -- one park, one row


def park_key(name: str) -> str:
    """The form two spellings of one park share: 中国（上海）自由贸易试验区, 上海自贸试验区 and
    中国上海自由贸易试验区 → 上海自由贸易试验区; 上海浦东新区 → 浦东新区; 呼伦贝尔市X → 呼伦贝尔X;
    宁德国家级X → 宁德X; 五十镇县级现代农业产业园 → 五十镇现代农业产业园."""
    key = re.sub(r"^中国[（(]([^）)]+)[）)]", r"\1", to_simplified(name.strip()))
    key = re.sub(f"[{MIDDLE_DOTS}]", "", key)  # 中新·苏滁高新区 is 中新苏滁高新区
    key = re.sub(r"^中国(?=..)", "", key) if _place_prefix(key[2:]) else key
    for short, full in KIND_FULL:
        if key.endswith(short) and not key.endswith(full):
            key = key[: -len(short)] + full
            break
    while True:
        head = _place_prefix(key)
        if not head:
            break
        rest = key[len(head):]
        short = PLACE_SUFFIX.sub("", head)
        sub = _place_prefix(rest) or _county_opening(rest)
        # a province or city before one of its own counties or cities goes: 上海浦东新区
        if sub and _lies_in(sub, head) and sub != head:
            key = rest
            continue
        if rest.startswith("国家级") and len(rest) > 5:  # a kind of at least three characters follows
            rest = rest[3:]  # 宁德国家级普惠金融改革试验区 is 宁德普惠金融改革试验区
        key = (short if len(short) >= 2 else head) + rest
        break
    return _LEVEL_INSIDE.sub("", key)


# a level written inside a name is no part of which park it is (五十镇县级现代农业产业园 is
# 五十镇现代农业产业园, as a list that shares the level writes it): never the name's opening or end
# (nor the town class a counted list gives each member: 兑镇乡镇工业园区 of 兑镇、下堡两个乡镇工业园区 is 兑镇工业园区)
_LEVEL_INSIDE = re.compile(r"(?<=[^\W\d_]{2})(?:国家级|省级|市级|县级|乡镇)(?=[^\W\d_]{2})")


def _lies_in(inner: str, outer: str) -> bool:
    """Whether the place `inner` lies in `outer`, by their codes: a province's first two digits,
    a city's four (浦东 in 上海, 沧州 not in 北京)."""
    code = places()[outer]
    return places()[inner].startswith(code[: 2 if code.endswith("0000") else 4])


def _county_opening(text: str) -> str:
    """The county or district text opens with by a short form the gazetteer drops as a common word
    (江陵 of 湖北江陵临港经济开发区: 江陵县), as its full name ('' when none)."""
    for length in (3, 2):
        full = next((text[:length] + unit for unit in COUNTY_UNITS if is_place(text[:length] + unit)), "")
        if full and len(text) > length + 2:
            return full
    return ""


def _place_prefix(text: str) -> str:
    """The longest place name text begins with ('' when none)."""
    table = places()
    for length in range(min(len(text) - 1, 12), 1, -1):
        if text[:length] in table:
            return text[:length]
    return ""


def _has_full_kind(name: str) -> bool:
    return not any(name.endswith(short) and not name.endswith(full) for short, full in KIND_FULL)


def document_keys(names: Iterable[str], abbreviations: Mapping[str, str] | None = None) -> dict[str, str]:
    """park_key of each of one document's park names, where the forms of one park the document
    writes share the key of the fullest (_other_forms): a known zone's forms (前海合作区 and
    深圳前海深港现代服务业合作区), a part with and without its zone, a short name the document
    gives a park (`abbreviations`: 以下简称, a former name) and the like. Only within a document:
    across documents a short form without a place (中德产业园) may be another province's zone."""
    names = list(dict.fromkeys(names))
    zone_of = {n: known_zones().identity(n) for n in names}
    longest: dict[str, str] = {}
    for name in names:
        zone = zone_of[name]
        if zone and len(name) > len(longest.get(zone, "")):
            longest[zone] = name
    own = {n: park_key(longest[zone_of[n]] if zone_of[n] else n) for n in names}
    fuller = _other_forms(names, own, abbreviations or {})
    return {n: own[_fullest_form(n, fuller)] for n in names}


def _fullest_form(name: str, fuller: Mapping[str, str]) -> str:
    """The end of the chain name → its fuller form → …; in a cycle, its least member, so that
    every name of the cycle ends on the same one."""
    path = [name]
    while path[-1] in fuller and fuller[path[-1]] not in path:
        path.append(fuller[path[-1]])
    last = path[-1]
    if last in fuller:  # a cycle closes on fuller[last]
        return min(path[path.index(fuller[last]):])
    return last


def _other_forms(names: list[str], own: Mapping[str, str], abbreviations: Mapping[str, str]) -> dict[str, str]:
    """name → the fuller name of the document it is another form of, where one park's forms are:
    a part without and with its zone (巩昌铝产业园, 陇西经开区巩昌铝产业园; 唐槐产业园区,
    综改区唐槐园区; 凤阳硅基新材料产业园, 凤阳经济开发区硅基新材料产业园), a zone without and with
    its place (峰峰经济开发区, 河北峰峰经济开发区) or its city in brackets (中韩产业园, 中韩（盐城）
    产业园), without and with a modifier a second mention drops (深汕合作区, 深汕特别合作区; 潇河园区,
    潇河产业园区), …经开区 or a bare …开发区 of the one full development zone the document writes
    with that name, and the document's own short and former names. A form that could be two of
    the document's parks is left alone."""
    by_key = {}
    for name in names:
        by_key.setdefault(own[name], name)
    found: dict[str, set[str]] = {}

    def fold(short: str | None, full: str | None) -> None:
        if short and full and short != full and own[short] != own[full]:
            found.setdefault(short, set()).add(full)

    plain = {name: _without_modifiers(name) for name in names}
    by_plain: dict[str, list[str]] = {}
    for name in names:
        by_plain.setdefault(plain[name], []).append(name)
    zone_parts = _zone_parts(names)
    for name in names:
        fold(_part_after_parent(name, names), name)
        fold(by_key.get(_key_without_place(name)), name)
        fold(by_key.get(_key_without_bracketed_place(name)), name)
        fold(_after_short_parent(name, by_plain), name)
        for other in by_plain[plain[name]]:
            if len(other) > len(name) and _same_modifier(name, other):
                fold(name, other)
        if name.endswith("经开区"):  # 清徐经开区 of the document's 清徐经济开发区
            fold(name, by_key.get(park_key(name[:-3] + "经济开发区")))
        if name.endswith("高新区"):  # 南充高新区 of the document's 四川南充高新技术产业园区
            fold(name, by_key.get(park_key(name[:-3] + "高新技术产业园区")))
        if park_kind(name) == "开发区":  # 甘泉堡开发区 of its 乌鲁木齐甘泉堡经济技术开发区
            for zone in _fuller_zones(name[:-3], names):
                fold(name, zone)
        fold(name, _with_parent_left_out(name, zone_parts))
        fold(name, _fuller_of_bare_park(name, names))
    for short, full in abbreviations.items():
        if short in own and full in own:
            fold(short, full)
    fuller = {short: next(iter(fulls)) for short, fulls in found.items() if len(fulls) == 1}
    # two fuller forms of one park (兰州连海经济开发区, 连海经济开发区; 北辰经开区, 天津北辰经济技术开发区: one key):
    # the short form is that park, folded to its longest form (any of them keys the same row)
    for short, fulls in found.items():
        ends = {_fullest_form(full, fuller) for full in fulls}
        if len(fulls) > 1 and len({own[end] for end in ends}) == 1:
            fuller[short] = max(ends, key=lambda end: (len(end), end))
    return fuller


def _fuller_of_bare_park(name: str, names: list[str]) -> str | None:
    """泉港石化工业园区 of a speech's 泉港园区: a place's two or three characters and a bare 园区 or 园
    is the one park of the document whose name opens with them and goes on, unless that park opens
    with the whole name (a part of it: 泉港园区化工产业园)."""
    stem = _bare_park_stem(name)
    if not 2 <= len(stem) <= 3:
        return None  # a place's short word, as a speech writes it; not 中俄蒙国际汽车产业园 of its 物流园
    fuller = {n for n in names if n.startswith(stem) and len(n) > len(name) and not n.startswith(name)}
    # of those, the fullest forms: 泉港石化园 is 泉港石化工业园区 again
    fullest = {n for n in fuller if not any(o != n and len(o) > len(n) and o.startswith(_bare_park_stem(n) or n)
                                            for o in fuller)}
    return fullest.pop() if len(fullest) == 1 else None


def _bare_park_stem(name: str) -> str:
    """The words before a name's bare 园区 or 园 (泉港 of 泉港园区), or ""."""
    kind = next((k for k in ("园区", "园") if name.endswith(k)), "")
    return name[:-len(kind)] if kind else ""


# 产业 or 工业 before a park's 园: a second mention may drop it (潇河园区 of 潇河产业园区), but an
# 产业园 and a 工业园 of one stem are two parks
_PARK_MODIFIER = re.compile(r"(产业|工业)(?=园区?$)")


def _same_modifier(name: str, other: str) -> bool:
    ours, theirs = _PARK_MODIFIER.search(name), _PARK_MODIFIER.search(other)
    return not ours or not theirs or ours.group() == theirs.group()


def _key_without_place(name: str) -> str:
    """park_key of a name without the places it opens with, a province and its city too
    (福建宁德东侨经济技术开发区 → 东侨…; '' when it opens with none)."""
    rest = to_simplified(name)
    while (head := _place_prefix(rest)) and len(rest) - len(head) >= 4 and not KIND_RE.fullmatch(rest[len(head):]):
        rest = rest[len(head):]  # not the last place before a bare kind (临沂河东经济开发区 → 河东经济开发区)
    return park_key(rest) if len(rest) < len(name) and KIND_RE.search(rest) else ""


# words a text drops when it writes a park again (中俄蒙国际物流园区 → 中俄蒙物流园, 深汕特别合作区 →
# 深汕合作区), never its first word; and 产业 or 工业 before 园 (潇河产业园区 → 潇河园区)
_DROPPED_MODIFIERS = re.compile(r"(?<=..)(国际|特别|产业(?=园)|工业(?=园))")  # not 综合: 天津港保税区 ≠ …综合保税区


def _without_modifiers(name: str) -> str:
    """A name without the words a second mention drops and without the 区 of 园区."""
    plain = _DROPPED_MODIFIERS.sub("", park_key(name))
    return plain[:-1] if plain.endswith("园区") else plain


_BRACKETED_PLACE = re.compile(r"[（(]([^（）()]{2,6})[）)]")


def _key_without_bracketed_place(name: str) -> str:
    """park_key of a name without the place it holds in brackets (中韩（盐城）产业园 → 中韩产业园;
    '' when it holds none): the document's one 中韩产业园 with and without its city."""
    m = _BRACKETED_PLACE.search(name, 1)
    if not m or name[: m.start()] == "中国" or _place_prefix(m.group(1) + "。") != m.group(1):
        return ""
    rest = name[: m.start()] + name[m.end():]
    return park_key(rest) if len(rest) >= 4 and KIND_RE.search(rest) else ""


_FULL_DEVELOPMENT_KINDS = ("经济技术开发区", "经济开发区", "高新技术产业开发区")


def _fuller_zones(stem: str, names: list[str]) -> list[str]:
    """The document's names that write `stem` with a full kind of development zone, spelt out
    (连海 → 兰州连海经济开发区; 赣州 → 赣州高新区, 赣州经济技术开发区): a bare …开发区 is short
    for one of them."""
    if len(stem) < 2:
        return []
    return [n for n in names if any(park_key(n).endswith(stem + kind) for kind in _FULL_DEVELOPMENT_KINDS)]


def _zone_parts(names: list[str]) -> list[tuple[str, str, str]]:
    """(name, zone, part) for each name of a document written as another of its names, a zone,
    then a part (凤阳经济开发区 + 硅基新材料产业园)."""
    return [(other, zone, other[len(zone):]) for other in names for zone in names
            if other.startswith(zone) and len(zone) < len(other) - 3 and other.endswith(_PART_KINDS)]


def _with_parent_left_out(name: str, zone_parts: list[tuple[str, str, str]]) -> str | None:
    """凤阳硅基新材料产业园 of the document's 凤阳经济开发区硅基新材料产业园: a part written after its
    place with its zone, itself a name of the document that opens with that place, left out."""
    for other, zone, part in zone_parts:
        place = name[: -len(part)]
        if name.endswith(part) and len(place) >= 2 and zone.startswith(place) and zone != place:
            return other
    return None


def _after_short_parent(name: str, by_plain: Mapping[str, list[str]]) -> str | None:
    """The document's part that `name` writes after a short parent (综改区唐槐园区: 综改区 +
    唐槐产业园区), a word of at most four characters ending in 区; None otherwise."""
    for cut in range(2, min(len(name) - 3, 5)):
        head, tail = name[:cut], name[cut:]
        if head.endswith("区") and tail.endswith(_PART_KINDS):
            found = [n for n in by_plain.get(_without_modifiers(tail), []) if n != name and _same_modifier(n, tail)]
            if found:
                return found[0]
    return None


# the kinds of a zone's part (a park or area inside a zone), which a text writes with or without
# its zone's name before it; not a zone of its own (西咸新区 of …自由贸易试验区西咸新区 is a new area)
_PART_KINDS = ("片区", "园", "园区")


def _part_after_parent(name: str, names: list[str]) -> str | None:
    """The document's other name that `name` writes after a parent's name, itself a name of the
    document (陇西经开区 + 巩昌铝产业园), when it is a part's; None otherwise."""
    for part in names:
        if part != name and name.endswith(part) and part.endswith(_PART_KINDS) and len(part) >= 4:
            parent = name[: -len(part)]
            if parent in names or any(other.endswith(parent) and KIND_RE.search(parent) for other in names):
                return part
    return None


def _row_keys(keys_by_doc: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """name → its row's key over every document (a name is one row of the index): the fuller form
    its documents fold it into (document_keys) where they agree, else its own park_key. A
    document that writes the name alone agrees when the name holds a place or the gazetteer knows
    it (峰峰经济开发区, 前海合作区), not when it could be any town's park (中韩产业园, 城东工业园区):
    one document's reading of such a name does not spread to another's."""
    own: dict[str, str] = {}
    folded: dict[str, set[str]] = {}
    alone: set[str] = set()
    for keys in keys_by_doc:
        for name, key in keys.items():
            if name not in own:
                own[name] = park_key(name)
            if key == own[name]:
                alone.add(name)
            else:
                folded.setdefault(name, set()).add(key)
    out = dict(own)
    for name, keys in folded.items():
        if len(keys) == 1 and (name not in alone or _names_its_park(name)):
            out[name] = next(iter(keys))
    return out


_TOWN_QUARTER = re.compile(r"[城东西南北中]+")  # 城东 (西宁's 城东区) names a quarter of any town


def _names_its_park(name: str) -> bool:
    """A park name that holds its place (峰峰经济开发区, 陇西经开区) or that the gazetteer knows
    (前海合作区): the same park in every document that writes it."""
    simple = to_simplified(name)
    head = _place_prefix(simple) or next((simple[:n] for n in (3, 2) if is_dropped_place(simple[:n])), "")
    return bool(head) and not _TOWN_QUARTER.fullmatch(head) or known_zones().identity(name) is not None


def canonical_parks(
    names_by_doc: Mapping[str, Iterable[str]],
    abbreviations_by_doc: Mapping[str, Mapping[str, str]] | None = None,
    within_by_doc: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, Canonical]:
    """One row per park over all documents, keyed by canonical name.

    Names fold by park_key, and the forms of one known zone within a document (document_keys);
    the canonical name is the most written full-kind spelling (ties: the longest). A document's
    abbreviations (新区 for 河北雄安新区) become aliases of their full name only; `within_by_doc`
    gives a park's parent where a text says so."""
    keys_by_doc = {doc: document_keys(list(names), (abbreviations_by_doc or {}).get(doc))
                   for doc, names in names_by_doc.items()}
    row_key = _row_keys(keys_by_doc.values())
    counts: dict[str, dict[str, int]] = {}
    docs: dict[str, list[str]] = {}
    for doc, names in names_by_doc.items():
        for name in names:
            key = row_key[name]
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

    def row_of(name: str) -> Canonical | None:
        return by_key.get(row_key.get(name) or park_key(name))

    for abbreviations in (abbreviations_by_doc or {}).values():
        for short, full in abbreviations.items():
            row = row_of(full)
            if row and short != row.name and short not in row.aliases:
                row.aliases.append(short)
    for within in (within_by_doc or {}).values():
        for child, parent in within.items():
            row, parent_row = row_of(child), row_of(parent)
            if row and not row.within and parent_row is not row:  # never a park within itself
                row.within = parent_row.name if parent_row else parent
    return rows


def park_kind(name: str) -> str:
    """The kind a park name ends with (工业园区, 自贸试验区 …), '' when none."""
    return next((kind for kind in KINDS if name.endswith(kind)), "")
