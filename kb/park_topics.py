"""Parks and designations named by their topic alone, with no place or proper word in them.

A park named by what it does (互联网产业园) and a designation named by what it tries out
(跨境电商综合试验区, 国家低空经济产业综合示范区) are zones where the text builds them or is granted
them; the same words after 打造 or 一批 are a target or a class. kb/parks.py asks these when the
words before a kind hold no proper word.
"""

from __future__ import annotations

import re

from .park_words import (
    CATEGORY_WORDS,
    DESIGNATION_KINDS,
    DESIGNATION_OPENERS,
    HAN,
    KIND_RE,
    MEASURES,
    NATIONAL_WORDS,
    NOT_OPENING,
    NUMERAL,
    REPORT_VERBS,
    SETTING_UP,
    UNIT_CHARS,
    Word,
    in_dictionary,
    industry_words,
    is_place,
)
from .segment import CLAUSE_MARKS
from .tokenize import plain_tokenizer, to_simplified

# a park named by what it does (互联网产业园, 非公经济创业园) is one park where the text builds it:
# an action verb before, its construction or project after; a count or 一批 makes it a kind of park
_TOPIC_PARK_KINDS = {"产业园", "创业园", "物流园", "工业园", "园"}
_BUILDING_VERBS = {"加快", "启动", "支持", "扶持", "推进", "实施", "抓好", "全力支持"}
_BUILDING_AFTER = {"建设", "项目", "二期", "一期", "基础设施"}
# … or where the text places projects in it: 在新能源装备制造产业园布局风电整机项目
_PLACING_AFTER = {"布局", "落地", "集聚", "建设"}


def topic_park_start(words: list[Word], index: int, kind: re.Match) -> int | None:
    """Where a park named only by its topic begins (启动通用航空产业园项目建设 → 通用航空产业园),
    or None: the name runs back to an action verb over one to four words of at most eight
    characters, and the text must go on with the park's construction or project; or back to 在,
    where the text goes on placing projects there (在新能源装备制造产业园布局…)."""
    if kind.group() not in _TOPIC_PARK_KINDS:
        return None
    i = index
    while i > 0 and index - i < 4 and words[i - 1].text not in _BUILDING_VERBS and words[i - 1].text not in ("在", "的") \
            and HAN.fullmatch(words[i - 1].text):
        i -= 1
    opener, after = (words[i - 1].text if i > 0 else ""), (words[index + 1].text if index + 1 < len(words) else "")
    if not (opener in _BUILDING_VERBS and after in _BUILDING_AFTER or opener == "在" and after in _PLACING_AFTER
            or _a_zones_own(words, i, index)):
        return None
    if i == index or kind.start() - words[i].start > 8 or (opener == "在" and index - i < 2):
        return None  # 在县城产业园建设…: one word after 在 is a kind of park somewhere
    if any(w.text in CATEGORY_WORDS or w.text in SETTING_UP or NUMERAL.match(w.text)
           or w.flag == "c" or KIND_RE.search(w.text) for w in words[i:index]):
        return None  # nor two things joined (幼儿园和公办园), nor across another kind
    opening = words[i].text + words[i + 1].text if i + 1 < index else words[i].text
    first, flag = plain_tokenizer().tagged(opening)[0]
    if in_dictionary(first) and flag in NOT_OPENING:
        return None  # 非公产业园: a name never opens on a verb, a modifier or a numeral
    return words[i].start


def _a_zones_own(words: list[Word], first: int, index: int) -> bool:
    """龙口高新技术产业开发区的光电子产业园, 经开区的汽车零部件产业园: a named zone's (or the document's
    own zone's) park of an industry is one park; not each zone's or a class's (各开发区的…, 全省开发区的…,
    国家级开发区的…), nor a park of no industry (主导产业园)."""
    if first < 2 or words[first - 1].text != "的" or not KIND_RE.fullmatch(words[first - 2].text) \
            or not _is_industries("".join(w.text for w in words[first:index])):
        return False
    before = words[max(0, first - 6):first - 2]
    cut = max((k for k, w in enumerate(before) if not HAN.fullmatch(w.text)), default=-1)
    before = before[cut + 1:]  # the zone's own clause
    # a zone named (龙口高新技术产业开发区) or the document's own (还有经开区的…), not a class's
    return not any(w.text in CATEGORY_WORDS or w.text in _EACH or NUMERAL.match(w.text) for w in before[-2:])


_EACH = {"各", "各类", "相关", "有关", "其他", "每个", "全国", "国家级"}


# a science city named by its field (畜牧科技城, 生命科技城): every one the development documents
# name is a zone of its own, where the text builds it (加快推进生命科技城) or lists it; after a
# verb of setting oneself a target, a modifier, a level or an action it is a target, a class or a
# concept (着力打造生命科学城, 世界一流科学城, 综合性科学城, 建设科学城, 推广农业科技城经验)
_TOPIC_CITY_KINDS = {"科技城", "科学城", "科创城", "知识城", "生物城"}
_CITY_MODIFIERS = {"国际", "一流", "世界一流", "现代化", "高水平", "全球", "综合", "高端", "新型", "智慧", "特色",
                   "全国", "国家", "全省", "全市"}
_MODIFIER_ENDS = ("型", "性", "级", "化", "式")
_ACTION_ENDS = ("建设", "发展", "实施", "推进", "打造", "建成", "创建", "提升", "培育", "壮大", "推广")


def topic_city_start(words: list[Word], index: int, kind: re.Match) -> int | None:
    """Where a science city named by one word of its field begins (畜牧科技城, 生命科技城), or None:
    the field opens the clause or a list item, or follows a verb of building it (加快, 推进 …)."""
    if kind.group() not in _TOPIC_CITY_KINDS or index == 0:
        return None
    field = words[index - 1]
    if field.flag not in ("n", "vn") or len(field.text) < 2 or not HAN.fullmatch(field.text) \
            or field.text in CATEGORY_WORDS or field.text in _CITY_MODIFIERS \
            or field.text.endswith(_MODIFIER_ENDS) or field.text.endswith(_ACTION_ENDS):
        return None
    opener = words[index - 2] if index >= 2 else None
    if opener is not None and opener.text not in _BUILDING_VERBS and opener.text not in ("、", "，", "；", "。"):
        return None
    return field.start


def designation_start(run: list[tuple[str, str, int]], kind: str) -> int | None:
    """Where a designation named by its topic begins: at 国家/全国/中国 with at least one word
    of topic before the kind (国家低空经济产业综合示范区); None for anything else."""
    if kind not in DESIGNATION_KINDS:
        return None
    opener = next((i for i, (word, _, _) in enumerate(run) if word in DESIGNATION_OPENERS), None)
    if opener is None or opener == len(run) - 1 or any(w in NATIONAL_WORDS for w, _, _ in run[:opener]):
        return None
    return run[opener][2]


# designations a state body grants, named by their topic alone (跨境电商综合试验区,
# 国家文化和科技融合试验区): a zone when the text builds or is granted one, not when a report sets
# itself a target (聚力打造全面深化改革先行区; 建设成为…引领区、…示范区)
_TOPIC_DESIGNATION_KINDS = {"试验区", "实验区", "示范区", "先行区", "先导区", "引领区"}
_SELF_TARGETS = {"打造", "形成", "建成", "成为", "建设成为", "争当", "当好", "打造成", "建好", "聚力打造"}
_NOT_TOPIC = ("d", "ad", "m", "q", "r", "c", "p", "u", "v")
# the words of a slogan any zone may set itself (创新驱动发展, 高质量发展, 产城融合, 开放合作): a topic
# of these alone says what a place strives for, not which designation it holds
_SLOGAN_WORDS = {"创新", "驱动", "发展", "高质量", "融合", "产城", "协同", "转型", "升级", "开放", "合作", "平台",
                 "和", "与", "及"}
_LIST_ENDS = MEASURES | {"等"}
# what follows a verb to say how it is done (建好, 做优, 做强), when jieba cuts it off the verb;
# stripped from a topic's start with no verb checked, so not 大 (大数据综合试验区), which
# park_candidates' set holds because it asks for the verb before (做/大)
_COMPLEMENTS = {"好", "成", "完", "优", "强", "实", "精"}
_CLAUSE_ENDS = set(CLAUSE_MARKS) | {"\n"}
# designations the state grants city by city (over 160 cities hold a 中国（杭州）跨境电子商务综合
# 试验区): written bare, with no city, a report speaks of the kind (加快跨境电商综合试验区建设)
_GRANTED_CITY_BY_CITY = {"跨境电子商务综合试验区", "跨境电商综合试验区"}
# … unless the text says whose: the document's own city's (加快我市跨境电商综合试验区建设)
_OWN_CITY = {"我市", "本市"}


_KIND_ENDS = re.compile(f"(?:{KIND_RE.pattern})$")  # 科技|城|与博鳌乐城…先行区: a zone jieba cut ends before 与


def joins_topics(words: list[Word], j: int, kind: str) -> bool:
    """和/与/及 between two nouns of one designation's topic (国家文化和科技融合试验区, 农村电商与
    快递协同发展示范区, 葡萄及葡萄酒产业…试验区), or after a noun and its verb (生态保护和高质量
    发展先行区), not between two zones (自贸试验区和…, 科技城与…), two places or two verbs (支持和推动)."""
    if kind not in _TOPIC_DESIGNATION_KINDS or words[j].text not in ("和", "与", "及") or j == 0 or j + 1 >= len(words):
        return False
    before, after = words[j - 1], words[j + 1]
    noun_and_verb = before.flag == "v" and j >= 2 and words[j - 2].flag in ("n", "vn") \
        and before.text not in REPORT_VERBS
    after_ok = after.flag.startswith("n") if noun_and_verb else after.flag.startswith(("n", "v"))
    return (before.flag in ("n", "vn") or noun_and_verb) and after_ok \
        and not KIND_RE.search(before.text) and not is_place(before.text) and not is_place(after.text) \
        and not _KIND_ENDS.search("".join(w.text for w in words[max(0, j - 3):j])) \
        and not KIND_RE.fullmatch(after.text)  # 国家产业政策和试验区: 和 joins the topic to no second noun


def adverb_of_topic(word: str, flag: str, run: list[tuple[str, str, int]], kind: str) -> bool:
    """共同 of 新安江—千岛湖生态环境共同保护合作区: an adverb inside a designation's topic, before
    the verb it qualifies (run[-1] is the word after it); a name never opens on one."""
    return flag == "d" and kind in DESIGNATION_KINDS and bool(run) and run[-1][1] == "v" and len(word) == 2


def clause_before(words: list[Word], j: int) -> list[str]:
    """The words of words[j]'s clause before it, nearest first: a list of targets shares its
    verb (建设成为绿色生态宜居新城区、创新驱动发展引领区) and a class its 一批."""
    out = []
    for word in reversed(words[:j]):
        if word.text in _CLAUSE_ENDS:
            break
        out.append(word.text)
    return out


def is_action(word: str) -> bool:
    """A verb acting on the zone (完善, 共建), also where jieba's tag in context says otherwise
    or it is an adverb and a verb in one word (充分发挥, jieba's noun)."""
    tagged = plain_tokenizer().tagged
    return word in _BUILDING_VERBS or tagged(word)[0][1] == "v" \
        or (len(word) == 4 and tagged(word[:2])[0][1] in ("d", "ad") and tagged(word[2:])[0][1] == "v")


def _acts_on_the_zone(run: list[tuple[str, str, int]], i: int) -> bool:
    """A report's verb that jieba tags as a noun or abbreviation (深化/j, 优化/vn) opening the words
    before a designation acts on the zone (深化跨境电子商务综合试验区建设, 深化绿色金融改革创新试验区
    建设), unless the reform it deepens follows at once (全面 | 深化改革先行区)."""
    return run[i][0] in REPORT_VERBS and not (i + 1 < len(run) and run[i + 1][0].endswith("改革"))


def _granted_kind_written_bare(words: list[Word], first: int, run: list[tuple[str, str, int]], i: int,
                                kind: str) -> bool:
    """The topic from run[i] on is a designation granted city by city, with no city before it but
    (in the words skipped or right before the run) the document's own (我市)."""
    if "".join(w for w, _, _ in run[i:]) + kind not in _GRANTED_CITY_BY_CITY:
        return False
    own_city = any(w in _OWN_CITY for w, _, _ in run[:i]) or (first > 0 and words[first - 1].text in _OWN_CITY)
    return not own_city


def topic_designation_start(words: list[Word], first: int, run: list[tuple[str, str, int]], kind: str) -> int | None:
    """Where a designation named by its topic alone begins (推进内陆开放型经济试验区提档升级 →
    内陆开放型经济试验区), or None: a target the text sets itself, a class (一批…示范区), a topic of
    fewer than two words, a fragment (非 | 传染性疾病综合防控示范区), a kind shared by a list
    (佛山、茂名高州2个改革创新实验区: the members are the parks). Leading verbs act on the zone
    (完善进口贸易促进创新示范区). `run` is words[first:] up to the kind, as (word, flag, start)."""
    if kind not in _TOPIC_DESIGNATION_KINDS or not run:
        return None
    clause = clause_before(words, first)
    setter = next((w for w in clause if w in SETTING_UP or w in _SELF_TARGETS), "")
    if setter in _SELF_TARGETS or any(w in CATEGORY_WORDS for w in clause) \
            or (first > 0 and (words[first - 1].flag in ("h", "k") or words[first - 1].text in _LIST_ENDS)):
        return None
    # 高新区抓住可再生能源示范区: a zone named before is the subject, its words none of the topic's
    i = max((k + 1 for k, (word, _, _) in enumerate(run) if KIND_RE.fullmatch(word)), default=0)
    before = [words[first - 1].text] if first > 0 else []
    if i and any("×" in word or "X" in word for word in [*before, *(w for w, _, _ in run[:i])]):
        return None  # 推进××新区综合配套改革试验区建设: the zone is a placeholder's, the name unwritten
    while i < len(run) and (run[i][1].startswith(_NOT_TOPIC) and run[i][1] != "vn" or is_action(run[i][0])
                            or run[i][0] in _COMPLEMENTS  # 建/好, 做/优 …示范区: a verb's complement
                            or _acts_on_the_zone(run, i)):
        i += 1
    topic = run[i:]
    if topic and topic[0][0] in UNIT_CHARS:
        return None  # ×市跨境电商综合试验区: a place written as a placeholder leaves its unit, no name
    if len(topic) < 2 or sum(len(w) for w, _, _ in topic) < 4 or all(w in _SLOGAN_WORDS for w, _, _ in topic) \
            or any(w in CATEGORY_WORDS or w in ("简称", "称") for w, _, _ in run) \
            or _granted_kind_written_bare(words, first, run, i, kind):
        return None
    return topic[0][2]


# a park named by its industry that the document describes as one place: its site, its area or its
# role open a clause it is the subject of (锂电新能源产业园位于张范片区, 铝精深加工产业园规划面积18平方公里,
# 智能装备产业园重点布局…); not its duties (化工产业园应当…: a regulation's duties bind a class of parks)
_DEFINING = ("位于", "位於", "规划面积", "占地", "重点布局", "重点发展", "主要发展", "主导产业", "定位为")
_ITEM_OPENING = r"(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是])?"
_DEFINED_TOPIC_PARK = re.compile(
    rf"(?:^|(?<=[{CLAUSE_MARKS}、\s]))\s*{_ITEM_OPENING}[“\"]?"
    rf"(?P<name>(?P<topic>[\u4e00-\u9fff]{{2,8}}?)(?:产业园区|工业园区|产业园|工业园))[”\"]?[，,]?(?={'|'.join(_DEFINING)})",
    re.M)
# … or that the document lists as one of its parks: the park opens a numbered item or an article of
# its own (3.再生资源循环产业园。, 第三十条　电子信息产业园应当…), follows a named zone's colon or its
# 内的 (胶州经济技术开发区：智能装备产业园, 化工园内的高端新材料产业园), or is an item of a list of
# parks (汨罗循环经济产业园、再生铝精深加工产业园), or opens a sentence as the one given a task; not an item
# that is a project (3.…产业园项目：)
_TOPIC_NAME = r"(?P<name>(?P<topic>[\u4e00-\u9fff]{2,8}?)(?:产业园区|工业园区|产业园|工业园))(?!区|项目|建设项目|[\u4e00-\u9fff]{0,2}工程)"
_LISTED_TOPIC_PARKS = (
    re.compile(rf"^\s*{_ITEM_OPENING}(?:第[一二三四五六七八九十百]+条\s*)?{_TOPIC_NAME}", re.M),
    re.compile(rf"(?<=[区园城])(?:[：:]|内的|内设立的|包括){_TOPIC_NAME}"),
    re.compile(rf"(?<=[区园]、){_TOPIC_NAME}"),
    re.compile(rf"{_TOPIC_NAME}(?=、[\u4e00-\u9fff]{{2,10}}[区园][、和及，。；])"),
    # the subject a sentence gives a task (新材料产业园要聚焦…): development sets, session 38, 15 of 15 annotated
    re.compile(rf"(?:^|(?<=[。；！？]))\s*{_ITEM_OPENING}{_TOPIC_NAME}(?=要(?!素)|将)", re.M),
)
# … or that the document has a named zone build or plan inside it (在店下片区规划建设锂电新材料产业园,
# 梅州高新区要规划建设新能源产业园, 仙桃经开区重点建设新材料产业园); not where the clause supports the zones in
# it (支持资阳经济技术开发区建设汽车零部件配套产业园: a wish for any such park), nor a park's phase or project.
# Development sets, session 37: 20 such industry-named parks annotated, 2 of the kind not (支持 left out)
_ZONE_WORDS = r"(?:园区|片区|开发区|高新区|经开区|园)"
_BUILT_IN_A_ZONE = re.compile(rf"(?:在[^，,。；;：:\n]{{0,20}}?{_ZONE_WORDS}内?|(?<=[\u4e00-\u9fff]){_ZONE_WORDS}(?:要|将)?)"
                              rf"(?:重点|加快)?(?:规划)?建设{_TOPIC_NAME}(?![二三四五六七八九\d]期)")
_SUPPORTING = re.compile(rf"(?:支持|鼓励|引导|严禁|禁止)[^{CLAUSE_MARKS}]*$")
_ZONES_LISTED = re.compile(rf"{_ZONE_WORDS}[、和及与][^{CLAUSE_MARKS}]*$")  # 聊城经开区、聊城高新区要建设…: each its own
# … but a list of kinds of park is a class (…新材料产业园、生物医药产业园等特色产业园; 各开发区内的…)
_CLASS_AFTER_LIST = re.compile(r"[^，,。；;\n]*?等(?:特色|专业|各类|类型|新型|重点|一批|产业园区|园区)")
_CLASS_JUST_BEFORE = re.compile(r"(?:各|一批|若干|有条件的)[\u4e00-\u9fff]{0,6}$")
# a class of parks wherever the document writes the name so: 一批, 各县区, 新建, 省级 … before it
_CLASS_BEFORE = re.compile(r"(?:一批|各|新建|省级|市级|县级|国家级|若干|多个|每个|全省|全市|其他)[\u4e00-\u9fff]{0,3}$")


def defined_topic_parks(text: str, listed: bool = True, zones: frozenset[str] = frozenset()) -> frozenset[str]:
    """The parks named only by their industry (生物医药产业园) that the document describes or (where
    `listed`: not in a national document) lists as one place somewhere and never writes as a class
    (一批生物医药产业园, 各县区建设…): each names that park wherever the document writes it. The
    topic must be made of the taxonomy's industry words (锂电 + 新能源, 新能源 + 装备制造). Read on
    the simplified text; the names as the text writes them. `zones`: the named parks the document's clauses
    hold, one of which must be the zone a park is built in (not 有条件的开发区, 全市开发区)."""
    simplified = to_simplified(text)
    matches = list(_DEFINED_TOPIC_PARK.finditer(simplified))
    if listed:
        matches += [m for pattern in _LISTED_TOPIC_PARKS for m in pattern.finditer(simplified)
                    if not _CLASS_AFTER_LIST.match(simplified, m.end()) and not _CLASS_JUST_BEFORE.search(
                        simplified, max(0, m.start() - 10), m.start())]
        builder = _named_zone_building(zones)
        matches += [m for m in _BUILT_IN_A_ZONE.finditer(simplified)
                    if builder and builder.search(simplified, max(0, m.start("name") - 40), m.start("name"))
                    and not _SUPPORTING.search(simplified, max(0, m.start() - 30), m.start())
                    and not _ZONES_LISTED.search(simplified, max(0, m.start() - 30), m.start())
                    and not _CLASS_AFTER_LIST.match(simplified, m.end())]
    names = {text[m.start("name"):m.end("name")]: m.group("name") for m in matches if _is_industries(m.group("topic"))}
    return frozenset(written for written, name in names.items() if not _written_as_a_class(simplified, name))


def _named_zone_building(zones: frozenset[str]) -> re.Pattern | None:
    """A named zone, then what may stand between it and the park it builds (内, 要, 重点, 规划建设)."""
    if not zones:
        return None
    names = "|".join(re.escape(to_simplified(z)) for z in sorted(zones, key=len, reverse=True))
    return re.compile(rf"(?:{names})内?(?:要|将)?(?:重点|加快)?(?:规划)?建设$")


def _written_as_a_class(text: str, name: str) -> bool:
    pos = text.find(name)
    while pos != -1:
        if _CLASS_BEFORE.search(text, max(0, pos - 8), pos):
            return True
        pos = text.find(name, pos + len(name))
    return False


def _is_industries(topic: str) -> bool:
    """The topic is one to three of the taxonomy's industry words written together."""
    words = industry_words()
    reachable = {0: 0}  # end offset -> how many words reach it
    for end in range(1, len(topic) + 1):
        counts = [reachable[s] + 1 for s in range(end) if s in reachable and topic[s:end] in words]
        if counts:
            reachable[end] = min(counts)
    return 0 < reachable.get(len(topic), 9) <= 3
