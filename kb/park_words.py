"""What park names are made of: kinds of zone, jieba's words and tags, places, proper words.

kb/parks.py finds names with these, kb/park_lists.py reads lists of parks with them. Places come
from kb's gazetteer (kb/places.py: provinces, cities, counties with short forms).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from .places import COUNTY_UNITS
from .tokenize import plain_tokenizer

# kinds of zone, longest first; a name ends with one of them
KINDS = (
    "高新技术产业开发区", "新技术产业开发试验区", "自由贸易试验区", "经济技术开发区", "高新技术开发区",
    "保税物流中心（B型）", "保税物流中心（A型）", "保税物流中心", "自由贸易航空港", "自由贸易港", "综合保税区", "保税港区", "自贸试验区", "经济开发区", "产业开发区", "自主创新示范区",
    "共建产业园区", "共建产业园", "田园综合体", "科创飞地", "飞地园区", "加工园区", "加工园", "化学工业园区", "化学工业区", "工业集中区", "工业功能区", "联动创新区", "经济贸易合作区", "经贸合作区", "合作园区", "科创园区", "创业园区", "创新园区", "软件园区", "科学园区", "科创园", "创业园", "创新园", "软件园", "科学园", "工业园区", "产业园区", "物流园区", "科技园区", "农业园区", "开发试验区", "工业园", "工业区", "产业园", "物流园",
    "科技园", "开发区", "高新区", "经开区", "自贸区", "综保区", "综试区", "保税区", "试验区", "实验区",
    "示范园区", "示范园", "示范区", "特别合作区", "合作区", "合作园", "先行区", "先导区", "引领区", "协同区", "集聚区", "化工集中区", "印染集中区", "加工集中区", "工贸集中区",
    "创新区", "法务区", "产业区", "临空经济区", "空港经济区", "经济特区", "经济区", "港务区", "出口加工区", "台商投资区", "互市贸易区", "边境贸易区", "商务区", "科学城", "科技城", "科创城", "创新城", "产业城", "工业城", "物流城", "金融城", "汽车城", "科学岛", "科技岛", "生物城", "生态城", "知识城", "新城", "新区", "片区", "组团", "园区", "园",
)
KIND_RE = re.compile("|".join(KINDS))
# jieba's tags of names: places, people, organisations' short forms, other proper nouns, abbreviations
PROPER_TAGS = ("ns", "nr", "nrt", "nrfg", "nz", "j")
# the bare zone words: a mention of the zone the text is about, not a named park
GENERIC_ZONES = {"园区", "开发区", "经济开发区", "高新区", "新区", "工业园区", "产业园区", "工业园", "产业园", "经开区",
                 "自贸试验区", "自由贸易试验区", "综合保税区", "自贸区", "片区", "试验区", "示范区", "保税物流中心"}
# abbreviated kinds and their full form: one park written two ways is one row
KIND_FULL = (
    ("高新技术开发区", "高新技术产业开发区"), ("高新区", "高新技术产业开发区"), ("经开区", "经济技术开发区"),
    ("自贸试验区", "自由贸易试验区"), ("自贸区", "自由贸易试验区"), ("综保区", "综合保税区"),
    ("综试区", "综合试验区"),
)
CHINA_BRACKETS = re.compile(r"(?:中国|海峡两岸)[（(]([^）)]{2,8})[）)]$")  # 海峡两岸（三明）现代林业合作实验区
# a region of the country, or a province's (a province's one-character name before it), before a
# bracketed place: 西部（重庆）科学城, 川西北（江油）现代物流园
_PROVINCE_CHARS = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云藏陕秦甘陇青宁新蒙"
REGION_BRACKETS = re.compile(
    rf"(?:中国|(?<![{_PROVINCE_CHARS}])[{_PROVINCE_CHARS}])?(?:[东西南北中]部|[华东西南北][东西南北中]|长三角|珠三角|京津冀|成渝)"
    rf"[（(]([^）)]{{2,8}})[）)]$")  # and a region of city groups (长三角（湖州）产业合作区)
# (not the last of two provinces joined: 川渝西部（重庆）科学城 is 西部（重庆）科学城)
# one-character names of countries after 中 in a pair (中德, 中俄蒙, 中欧)
_COUNTRY_CHARS = "美俄日韩德法英意荷瑞新马泰越老柬缅印巴哈蒙欧非阿以澳"
# a pair of countries before a bracketed place: 中德（沈阳）高端装备制造产业园, 中新（天津）生态城
PAIR_BRACKETS = re.compile(rf"中[{_COUNTRY_CHARS}]+[（(]([^）)]{{2,8}})[）)]$")
# jieba tags that may stand inside a name (nouns, abbreviations, adjectives, numerals …)
# (no numerals or measure words: 宜昌3家高新区, 友好三个蔬菜生产园区 count parks)
INNER_POS = ("n", "vn", "an", "a", "b", "l", "j", "eng", "f", "s", "i", "zg")
# verbs that name a park's activity and stand inside names of any kind (中俄蒙文化创意产业园,
# 装备制造园, 产业转移园); verbs of setting up or steering (推进, 发展) never do
NAMING_VERBS = {"创新", "创意", "制造", "转移", "合作", "协同", "集聚", "融合", "孵化", "保护", "加工", "承接", "返乡",
                "铸造", "锻造", "冶炼", "装配", "包装", "种植", "回收", "联运"}  # industries jieba reads as verbs (广水铸造产业园, 和田公铁联运物流园)
# dashes join two places in one name (新安江—千岛湖…合作区, 中国-东盟…示范区)
DASHES = {"—", "-", "－", "–", "——"}
# designations are named after what they try out (国家中医药传承创新发展试验区): verbs may stand inside
DESIGNATION_KINDS = {"试验区", "实验区", "示范区", "示范园区", "示范园", "先行区", "先导区", "引领区", "协同区", "集聚区", "化工集中区", "印染集中区", "加工集中区", "工贸集中区",
                      "合作区", "特别合作区", "自主创新示范区", "开发试验区"}
# kinds that must end a word: 园 (园林, 园艺), 新城 (新城区 is a district), 经济区 (经济区域), 组团
# (组团式帮扶: a team sent together)
WORD_END_KINDS = {"园", "新城", "经济区", "组团"}
# what a name never opens on, by jieba's dictionary (非公 of 非公产业园 is an adverb), and the words
# that make a kind of zone a class of zones (一批园区, 特色产业园, 省级开发区)
NOT_OPENING = {"v", "d", "p", "m", "a", "c", "ad", "r"}
# the levels of a class of zones (省级开发区); before a list's shared kind they open what the
# members share (宁德、龙岩国家级普惠金融改革试验区), not a name
LEVEL_WORDS = ("省级", "市级", "县级", "区级", "乡级", "镇级", "国家级")
CATEGORY_WORDS = {"一批", "各类", "若干", "多个", "一些", "各", "各地", "特色", "专业", "重点", *LEVEL_WORDS, "等",
                  "县域", "乡镇", "镇街", "现有", "全市", "全省", "全县", "上述", "以上", "小微"}  # 小微企业创业园: a class
# verbs and adverbs of reports that jieba's dictionary tags as nouns or abbreviations (深化/j,
# 规范/n, 利用/n, 全面/n): a name never opens on them either
REPORT_VERBS = ("深化", "优化", "规范", "全面", "大力", "利用", "实现", "努力", "持续", "进一步", "积极", "着力",
                "加强", "完善", "提升", "做强", "做优", "做大", "培育", "壮大", "用好", "办好", "规划", "整个",
                "新一轮", "发展", "推动", "推进", "加快", "支持", "打造", "建设", "创建", "引导", "鼓励")


# tags that make a word proper by themselves; a gazetteer place counts when jieba does
# not take it for a common word (会同 'together with', 深化 'deepen')
PROPER_POS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "eng"}
# directions and regions are not proper (中西部重点开发区)
# 翼: a plan's wing (东翼富蕴县…工业园区) is a direction everywhere DIRECTION is read, as 东部 is (南翼新城
# opens no name either, as 南部新城 does not)
DIRECTION = re.compile(r"^[东西南北中部内外上下沿边地区翼]+$")
MAX_NAME = 24
# measure words after a count of zones (35个…示范园区, 2个改革创新实验区)
MEASURES = {"个", "家", "批", "类", "处", "座"}
# a count of zones after a kind (现代农业产业园2个: a class), and any number in a quoted name
# (“三高四新”, “双百亿”, “零碳”: a slogan or a class, not a name)
COUNT_OF_ZONES = re.compile(rf"^[0-9０-９一二三四五六七八九十百千万两几]+[{''.join(sorted(MEASURES))}]")
NUMBER_CHARS = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两双零]")
NUMERAL = re.compile(r"^[0-9０-９一二三四五六七八九十百千万亿几]")
# kinds a city has many of: 包头市开发区 is the city's zones (芜湖市高新区 is one zone)
CITY_GENERIC = {"开发区", "园区"}
# kinds a province has many of: 河南省开发区 is a class of zones (湖北自贸区 is one zone)
PROVINCE_GENERIC = {"开发区", "经济开发区", "园区", "工业园区", "产业园区", "高新区", "经开区", "示范区", "片区", "新区",
                    "化工园区"}


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


# -- the gazetteer

PLACE_SUFFIX = re.compile(r"(新区|特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|省|市|县|区|旗|盟)$")


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Place names (full and short: 呼伦贝尔市 and 呼伦贝尔) → 6-digit adcode, from kb's
    gazetteer (kb/places.py: jionlp's administrative divisions, shipped as a small table)."""
    from .places import gazetteer

    out: dict[str, str] = {}
    for surface, candidates in gazetteer().by_surface.items():
        place = candidates[0]
        if len(surface) >= 2 and surface not in GENERIC_SHORT and place.level != "national" and place.adcode:
            out[surface] = place.adcode
    return out


# short forms that are ordinary words (城区 → 城, 矿区 → 矿 are cut by length already), and
# districts named by a word of town planning (新城区海拉尔东山组团: the new town, not 呼和浩特's)
GENERIC_SHORT = {"新区", "高新", "开发", "经济", "郊区", "城区", "新城", "工业", "新城区", "老城区"}


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """The world's countries by their short names (kb/data/countries.txt, from jionlp: 越南, 柬埔寨)."""
    text = resources.files("kb.data").joinpath("countries.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line)


def is_place(word: str) -> bool:
    return word in places()


# the municipalities directly under the State Council: provinces by their code, cities by
# their parks (重庆高新区 is one park, 河南省高新区 a class)
_MUNICIPALITY_CODES = {"110000", "120000", "310000", "500000"}


def is_province(word: str) -> bool:
    """A gazetteer province (河南, 江苏省), not a municipality (北京, 重庆)."""
    return is_place(word) and places()[word].endswith("0000") and places()[word] not in _MUNICIPALITY_CODES


def is_place_or_city(word: str) -> bool:
    """A gazetteer place, or a city whose short form the gazetteer drops as a common word (怀化,
    茂名: jieba's verb and adjective)."""
    return is_place(word) or is_city_or_province(word + "市")


def is_province_class(word: str, kind: str) -> bool:
    """河南省开发区, 江苏园区, 包头市开发区: a province (not a municipality) or a city written with
    市 before a kind it has many of names its zones, a class, not one park; so does a county or
    district written with its unit before a bare 园区 (涪陵区园区) or a document's own place before it
    (英德园区 in 英德's speech: development documents never named such a park, 0 of 5) or, for a county,
    before a bare 开发区 (讲好邓州开发区故事 in 邓州's speech; a city's 芜湖开发区 is its national zone), and
    a new area's district before either (滨海新区开发区: the new area's many zones)."""
    return kind in PROVINCE_GENERIC and is_province(word.removesuffix("省")) \
        or kind in CITY_GENERIC and word.endswith("市") and is_city_or_province(word) \
        or kind in CITY_GENERIC and word.endswith("新区") and is_place(word) \
        or kind == "园区" and word.endswith(("区", "县", "旗")) and is_place(word) \
        or kind == "园区" and word in _OWN_PLACE_NAMES.get() \
        or kind == "开发区" and word in _OWN_PLACE_NAMES.get() and not is_city_or_province(word + "市")


def is_city_or_province(word: str) -> bool:
    """A gazetteer place whose code ends in 00 (a city or a province, not a county)."""
    return is_place(word) and places()[word].endswith("00")


@lru_cache(maxsize=1)
def place_stems() -> frozenset[str]:
    """The two- and three-character openings of longer place names (武夷 of 武夷山市)."""
    return frozenset(name[:n] for name in places() for n in (2, 3) if len(name) > n)


SETTING_UP = {"获批", "创建", "建设", "设置", "设立", "打造", "争创", "申报", "申建", "新建", "推进", "推动", "支持", "加快",
              "获得", "成功",
               "建成", "批复", "同意", "组建", "入选", "获评", "列入", "纳入", "视察", "建好", "建", "成为", "建立"}
# 升级 sets up a zone only before its level (…开发区升级国家级高新区, 升级为…), not inside a name
# (萍乡产业转型升级示范区)
UPGRADED_TO = "升级"
MIDDLE_DOTS = "·・•"  # 北京·沧州渤海新区生物医药产业园: a partner joined to a name
OBJECT_VERBS = {"入驻", "重视", "高度重视", "统筹", "落户", "进入", "融入", "对接", "依托", "用好", "利用", "带动", "辐射",
                 "管理", "参与"}
# verbs whose object the zone is, which jieba tags a noun or a name (项目落户/n 滁州经济技术开发区,
# 西邻/nr 烟台高新区, 借力/n 烟台综合保税区) and which stand before a zone as the verb all the same
NOUN_TAGGED_VERBS = {"落户", "入驻", "进驻", "选址", "布局", "明确提出", "会商", "交由", "东邻", "西邻", "南邻", "北邻", "毗邻", "紧邻", "借力"}
NATIONAL_WORDS = {"国家", "全国", "国家级", "省级"}
# a designation named by its topic opens with the nation's name (国家数字经济创新发展试验区,
# 中国特色社会主义先行示范区); 国家级 and 省级 are levels of a class of zones, not names
DESIGNATION_OPENERS = {"国家", "全国", "中国"}
# verbs between a subject and its designation (湖北打造成…示范区) that SETTING_UP has not cut already
SUBJECT_VERBS = {"打", "造成", "打造成", "争当", "当好", "做好", "是"}
# verbs of a clause's predicate, never of a designation's topic (优势产业|是|示范区经济…, 和龙边合区|作为|国家级
# 边境经济合作区, 合作区|应当|发挥|国家级…): the copula, the modals, what a subject does with the zone
CLAUSE_VERBS = {"是", "作为", "应当", "必须", "可以", "要", "发挥", "根据", "依照", "按照"}  # not 可 (可|持续发展)
# one-character names of provinces and cities: 湘琼, 京津冀, 粤港澳 name a region of several
REGION_CHARS = set("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新港澳台蒙深厦")
TOWN_WORDS = {"镇", "乡", "村", "街道", "苏木", "嘎查"}
HAN = re.compile(r"[\u4e00-\u9fff]+")
ESTABLISHED_KINDS = {"新区", "综保区", "综合保税区", "经开区", "经济技术开发区", "高新区", "高新技术产业开发区", "自贸区",
                      "保税区", "保税港区", "临空经济区", "空港经济区"}
# the kinds of zone a place gives its own name to and that hold parts of their own (not 示范区, 科技城,
# 新城: designations and towns a region or a modifier names too, 长三角示范区, 深海科技城)
DEVELOPMENT_ZONE_KINDS = ESTABLISHED_KINDS | {"经济开发区", "开发区", "工业园区", "工业园", "产业园区"}
# kinds named after a place, where a word jieba lacks is as often a housing estate (天润新城)
PLACE_NAMED_KINDS = ESTABLISHED_KINDS | {"经济特区", "经济开发区", "科学城", "科技城", "新城"}
# kinds a county or city names its zone with (固安工业园区, 即墨经济开发区): right before one, the
# short form of a place the gazetteer drops as a common word is that place, whatever jieba tagged it
COUNTY_ZONE_KINDS = PLACE_NAMED_KINDS | {"工业园区", "产业园区", "园区", "工业园", "产业园", "开发区", "工业集中区", "合作区",
                                         "物流园", "物流园区"}  # 府谷铁路物流园 (府谷, jieba's noun)
# a dictionary place word rarer than this is a name (渤海, 南汇 …), not a common word jieba
# also tags ns (城市, 深度, 江南)
RARE_PLACE_FREQUENCY = 1000
# a two-character noun rarer than this right before a name is a place name (横琴, 河套)
RARE_NOUN_FREQUENCY = 300
GEO_SUFFIX = re.compile(r"(平原|山|湖|江|河|港|岛|湾|村|镇|乡|街道|口|滩|谷|庄|屯|铺)$")
COUNTRY_PAIR = re.compile(rf"^中[{_COUNTRY_CHARS}]+")
# the parts of the world a zone is named after as a country is (中亚南亚工业园区, 东盟产业园, 中东欧商品园区)
WORLD_REGIONS = {"中亚", "南亚", "西亚", "东南亚", "东北亚", "东盟", "中东", "中东欧", "欧亚", "亚欧", "非洲", "拉美", "上合"}


# the short forms of the place a document comes from (互助 of 互助土族自治县, a word jieba knows
# as the verb 'help each other'): in its own documents it is that place, whatever jieba tags it
_OWN_PLACE_WORDS: ContextVar[frozenset[str]] = ContextVar("own_place_words", default=frozenset())


def current_own_place_words() -> frozenset[str]:
    return _OWN_PLACE_WORDS.get()


# … and of those the names of that place itself, not of the counties and towns it holds
_OWN_PLACE_NAMES: ContextVar[frozenset[str]] = ContextVar("own_place_names", default=frozenset())


def own_place_names(names: frozenset[str]) -> AbstractContextManager[None]:
    """Read park names, within this block, as in a document of the place these names are of."""
    return _holding(_OWN_PLACE_NAMES, names)


# the bare kinds a document makes its own zone's short name (…先行区（以下简称先行区）): there a bare
# 先行区 is that zone, and the words before it are the clause's (研究决定|先行区发展规划), no topic's
_OWN_SHORT_KINDS: ContextVar[frozenset[str]] = ContextVar("own_short_kinds", default=frozenset())


def own_short_kinds(kinds: frozenset[str]) -> AbstractContextManager[None]:
    """Read park names, within this block, as in a document that calls its zone by these kinds."""
    return _holding(_OWN_SHORT_KINDS, kinds)


def is_own_short_kind(kind: str) -> bool:
    return kind in _OWN_SHORT_KINDS.get()


def own_place_words(words: frozenset[str]) -> AbstractContextManager[None]:
    """Read park names, within this block, as in a document of the place these words name."""
    return _holding(_OWN_PLACE_WORDS, words)


@contextmanager
def _holding(variable: ContextVar[frozenset[str]], value: frozenset[str]) -> Iterator[None]:
    """`variable` set to `value` within the block, as it was after."""
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)


def name_words_of(park_names: Iterable[str]) -> frozenset[str]:
    """新桥 of 合肥新桥科技创新示范区: the name word right after the place opening a park's name. jieba
    knows it as a common place word, so it names nothing on its own; once the document has used it
    in a park's name it names that place in the document's other parks (新桥智能电动汽车产业园). Not an
    industry's word jieba tags nz (锂电 of 宁德锂电新能源产业园) nor a side of town (城南, 江东): those
    name classes and blocks elsewhere."""
    own = _OWN_PLACE_WORDS.get()
    return frozenset(w for w in (_name_word(name, own) for name in park_names) if w)


@lru_cache(maxsize=4096)
def _name_word(name: str, own: frozenset[str]) -> str:
    words = words_of(name)
    k = 0
    while k < len(words) - 1 and (is_place_or_city(words[k].text) or words[k].text in own):
        k += 1
    word = words[k] if 0 < k < len(words) - 1 else None
    if not word or not (2 <= len(word.text) <= 3 and HAN.fullmatch(word.text)) or KIND_RE.search(word.text) \
            or is_proper(word.text, word.flag) or any(ch in "东西南北" for ch in word.text):
        return ""
    if word.flag in ("ns", "nr", "nrt") and plain_tokenizer().frequency(word.text) < RARE_PLACE_FREQUENCY:
        return word.text
    # 双桥 of 重庆双桥经济技术开发区 (jieba's noun): the whole name between the place and a national kind,
    # which places give their names to, a word jieba rarely sees and no industry
    if word.flag == "n" and name[word.end:] in ESTABLISHED_KINDS and word.text not in industry_words() \
            and plain_tokenizer().frequency(word.text) < RARE_NOUN_FREQUENCY:
        return word.text
    return ""


def is_proper(word: str, flag: str) -> bool:
    """A place (cpca), a geographic or organisation name, a name jieba's dictionary does not
    know (青秀, 中俄蒙), a Latin designation (x工业园), the document's own place (own_place_words).
    jieba's dictionary tags many common words ns/nr (城市, 深度, 文明, 高水平): those are not enough
    on their own."""
    if word in _OWN_PLACE_WORDS.get():
        return True
    if word in CATEGORY_WORDS:
        return False  # 镇街 (jieba's place): the towns and streets of a city, a class
    if DIRECTION.match(word) or word == "中国" or word.startswith(("国家", "全国")):
        return False  # 国家有关 (jieba's organisation): the nation is a designation's opener, not a name
    if is_place(word):  # a county's short form may be a common word (会同 'together with')
        return flag.startswith("n") and flag != "n" or word[-1] in "省市县区" or is_city_or_province(word)
    if len(word) >= 2 and is_place_or_city(word) and (
            not flag.startswith("v") or plain_tokenizer().frequency(word) < RARE_PLACE_FREQUENCY):
        return True  # 茂名 (jieba's adjective), 遵义 (its verb): a city whose short form the gazetteer
        # drops as a common word; not 开封, which jieba sees as a verb too often
    if (flag == "nt" and len(word) > 1 and not word.endswith(("产业", "行业", "加工"))) or flag == "eng" or COUNTRY_PAIR.match(word) or word in WORLD_REGIONS:
        return True  # not 暨 ('and'), which jieba tags an organisation, nor its 新兴产业 (an industry), nor 深加工;
        # 中亚南亚工业园区 is named by two regions
    if 2 <= len(word) <= 4 and all(ch in REGION_CHARS for ch in word):
        return True  # 湘琼先进制造业共建产业园, 京津冀协同发展示范区
    if is_city_group(word) and not flag.startswith(("v", *_FUNCTION_TAGS)):
        return True  # 长株潭国家自主创新示范区, 合淮合作园区: a group of one province's cities
    if flag in PROPER_TAGS and len(word) > 1:
        return (not in_dictionary(word) or (flag == "ns" and bool(GEO_SUFFIX.search(word)) and word[0] not in "各全每")
                or word in _zone_stems()  # 腾格里 (腾格里经济技术开发区): a known zone's place
                or bool(_ONE_WORD_REGIMENT.fullmatch(word))  # 十二团 (jieba's numeral): a regiment's farm
                or (flag == "nr" and bool(GEO_SUFFIX.search(word)) and word[-1] not in "镇乡村"  # 吕四港
                    and plain_tokenizer().frequency(word) < RARE_PLACE_FREQUENCY)
                or (flag == "ns" and word in place_stems()))  # 武夷新区: 武夷 opens 武夷山市
    return False


def _zone_stems() -> frozenset[str]:
    from .zones import zone_stems  # zones reads its names with this module's words_of

    return zone_stems()


# adverbs, prepositions, conjunctions, particles, pronouns: never a city group, nor a piece of
# one (太/大)
_FUNCTION_TAGS = ("d", "p", "c", "u", "r")
# a group of cities' abbreviation is rare in jieba's dictionary (苏锡常 2, 成渝 5) or absent
_CITY_GROUP_FREQUENCY = 100
_CITY_SUFFIX = re.compile(r"(市|地区|自治州|盟)$")


class _ProvinceCities(NamedTuple):
    capital_initial: str  # 长 of 长沙 (the capital's code ends in 0100)
    by_char: dict[str, frozenset[str]]  # a character of a city's short name → those cities
    initials: frozenset[str]  # the first characters of its cities' short names


@lru_cache(maxsize=1)
def _province_cities() -> tuple[_ProvinceCities, ...]:
    """Each province's capital initial and the characters of its cities' short names (first
    two): 长 → 长沙, 潭 → 湘潭, 淮 → 淮南 and 淮北."""
    from .places import gazetteer

    by_province: dict[str, dict[str, set[str]]] = {}
    capitals: dict[str, str] = {}
    initials: dict[str, set[str]] = {}
    for candidates in gazetteer().by_surface.values():
        for place in candidates:
            if place.level != "city" or not place.adcode:
                continue
            short = _CITY_SUFFIX.sub("", place.short)
            short = short if len(short) >= 2 else place.short
            if place.adcode.endswith("0100"):
                capitals[place.adcode[:2]] = short[0]
            initials.setdefault(place.adcode[:2], set()).add(short[0])
            for ch in short[:2]:
                by_province.setdefault(place.adcode[:2], {}).setdefault(ch, set()).add(place.adcode)
    return tuple(_ProvinceCities(capitals[code], {ch: frozenset(c) for ch, c in chars.items()}, frozenset(initials[code]))
                 for code, chars in by_province.items() if code in capitals)


def is_city_group(word: str) -> bool:
    """长株潭, 郑洛新, 合淮, 兰白, 汕潮揭: a metropolitan area's cities, one character each, led by its
    province's capital or mostly their initials (an abbreviation jieba does not know, or cuts into pieces); each
    character stands for a different city of that province. Words of the language made of
    such characters are not groups (文明: 文山 and 昆明; 七大, 新上: no capital leads them)."""
    if not 2 <= len(word) <= 4 or not HAN.fullmatch(word) or plain_tokenizer().frequency(word) >= _CITY_GROUP_FREQUENCY:
        return False  # 江淮, 中东: words of the language, not abbreviations coined for a plan
    for province in _province_cities():
        options = [province.by_char.get(ch, frozenset()) for ch in word]
        if (word[0] == province.capital_initial or _is_group_of_initials(word, province)) and all(options) \
                and _distinct_choice(options):
            return True
    return False


def _is_group_of_initials(word: str, province: _ProvinceCities) -> bool:
    """汕潮揭, 厦漳泉, 苏锡常: three or four distinct characters, all but one of them the first of a city's
    short name, make a group whoever leads it; not 城中城 (a character twice) nor 东西南北 (海东, 海西 …)."""
    return len(word) >= 3 and len(set(word)) == len(word) \
        and sum(ch in province.initials for ch in word) >= len(word) - 1


def _distinct_choice(options: list[frozenset[str]], used: frozenset[str] = frozenset()) -> bool:
    """Whether one city can be chosen per character with no city chosen twice."""
    if not options:
        return True
    return any(_distinct_choice(options[1:], used | {city}) for city in options[0] - used)


@lru_cache(maxsize=1)
def _place_initials() -> frozenset[str]:
    """The first characters of every city's and county's short name (深 of 深圳, 慈 of 慈溪, 酉 of 酉阳)."""
    from .places import gazetteer

    return frozenset(place.short[0] for candidates in gazetteer().by_surface.values() for place in candidates
                     if place.level in ("city", "district") and place.short)


def is_partner_initials(word: str) -> bool:
    """深驻, 沪慈, 綦万, 合广长: the initials of two or three places (of any provinces) that share a park,
    one character each; not a word of the language (省际, 跨境, 共建), which jieba knows well."""
    return 2 <= len(word) <= 3 and bool(HAN.fullmatch(word)) \
        and all(ch in REGION_CHARS or ch in _place_initials() for ch in word) \
        and plain_tokenizer().frequency(word) < _CITY_GROUP_FREQUENCY


def join_city_groups(words: list[Word]) -> list[Word]:
    """长/株/潭, 合/六, 长/株潭, 合芜/蚌: jieba cut a group of cities' abbreviation into pieces of
    one or two characters (a measure word, a verb, a numeral); joined again they are one name
    (tagged ns), so no piece is left over as the start of a kind (蚌国家自主创新示范区). So is a
    county's name jieba cut into characters (颍/上)."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        after_a_kind = 0 < i < len(words) - 1 and words[i].text in "和与及" \
            and _reads_and(words[i - 1].text, words[i + 1].text)  # not 产业园和/县经开区 again
        group = 0 if after_a_kind else next((n for n in (4, 3, 2) if i + n <= len(words)
                                             and _joins_a_group(words[i:i + n])), 0)
        if group:
            out.append(Word("".join(w.text for w in words[i:i + group]), "ns", words[i].start, words[i + group - 1].end))
            i += group
        else:
            out.append(words[i])
            i += 1
    return out


def _joins_a_group(pieces: list[Word]) -> bool:
    text = "".join(w.text for w in pieces)
    if len(text) <= 4 and text in _OWN_PLACE_WORDS.get() and not any(w.text in "、和与及" for w in pieces):
        return True  # 大/格勒, 椑/木, 新/习: a town of the document's county (towns.tsv), cut by jieba
    if len(text) <= 3 and all(len(w.text) == 1 for w in pieces) and (is_place(text) or is_dropped_place(text)):
        return True  # 颍/上, 来/安, 于/都 (工业园区): a county jieba does not know, cut into characters
    if len(text) > 4 or any(len(w.text) > 2 or w.flag.startswith(_FUNCTION_TAGS) for w in pieces):
        return False
    return any(len(w.text) == 1 for w in pieces) and is_city_group(text)


@lru_cache(maxsize=1)
def _city_initials() -> frozenset[str]:
    """The first character of each city's short name (深 of 深圳, 儋 of 儋州)."""
    from .places import gazetteer

    return frozenset(_CITY_SUFFIX.sub("", place.short)[0] for candidates in gazetteer().by_surface.values()
                     for place in candidates if place.level == "city" and len(_CITY_SUFFIX.sub("", place.short)) >= 2)


def is_place_pair(first: Word, second: Word) -> bool:
    """深/儋 of 深儋合作产业园: jieba split a pair of one-character names of provinces or cities
    (one of them a province's or a great city's, REGION_CHARS) that is no word of its own."""
    pair = (first, second)
    return len(first.text) == len(second.text) == 1 and not in_dictionary(first.text + second.text) \
        and any(w.text in REGION_CHARS for w in pair) \
        and all(w.text in REGION_CHARS or (w.text in _city_initials() and w.flag in _NAME_PIECE_TAGS) for w in pair) \
        and not any(w.flag.startswith(_FUNCTION_TAGS) for w in pair)


# a city's initial stands for the city where jieba has no word for it alone (儋/g), not where it
# is a word of the language (上/f of 今年新上开发区)
_NAME_PIECE_TAGS = ("g", "ns", "nr", "nz", "j")


def is_region_pair(words: list[str], i: int) -> bool:
    """川/渝 高竹新区, 渝/港 合作示范区: jieba split the one-character names of a pair of
    provinces or cities; the first of two such words opens a name."""
    return i + 1 < len(words) and all(len(w) == 1 and w in REGION_CHARS for w in words[i:i + 2])


def is_split_name(run: list[tuple[str, str, int]], i: int) -> bool:
    """昝/岗 片区: jieba cut a name it does not know into one-character words, one of them a
    name's (nr, ns); joined, they are no word of its dictionary."""
    pair = run[i:i + 2]
    return len(pair) == 2 and all(len(w) == 1 and HAN.fullmatch(w) for w, _, _ in pair) \
        and any(flag in ("nr", "ns", "nrfg") for _, flag, _ in pair) and not in_dictionary(pair[0][0] + pair[1][0])


# single characters that stand for a unit of government (市经开区, ×市; 村 is a village's too)
UNIT_CHARS = "省市县区镇乡"
# characters that open a class or a pointer, not a name (各乡镇, 全县, 每个, 本市, 该区)
CLASS_OPENING_CHARS = "各全每本该"


def is_town_name(word: str) -> bool:
    """官庄镇, 李集镇, 东城镇: a township jieba wrote as one word (whatever it tags it), seen rarely,
    whose name before 镇 or 乡 is no common word (小城镇, 建制镇, 中心镇, 各乡镇 are classes)."""
    if not (3 <= len(word) <= 5 and word[-1] in "镇乡" and HAN.fullmatch(word)) or word[0] in CLASS_OPENING_CHARS:
        return False
    stem = word[:-1]
    return plain_tokenizer().frequency(word) < RARE_NOUN_FREQUENCY and (
        plain_tokenizer().frequency(stem) < RARE_NOUN_FREQUENCY or is_place_or_city(stem) or is_dropped_place(stem))


def is_rare_noun(word: str, flag: str) -> bool:
    """横琴, 河套: a two-character noun jieba's dictionary holds but rarely sees is a place name."""
    return flag == "n" and len(word) == 2 and HAN.fullmatch(word) is not None \
        and 0 < plain_tokenizer().frequency(word) < RARE_NOUN_FREQUENCY


def is_province_part(word: str) -> bool:
    """苏南, 皖北, 湘西: a part of a province, named before the designations given to it
    (苏南国家自主创新示范区); before 片区 it is a region of the plan (粤西片区), not a zone."""
    return len(word) == 2 and word[0] in REGION_CHARS and word[1] in "东南西北中"


def is_coined_name(word: str, flag: str, kind: str) -> bool:
    """雄安新区, 渤海新区, 光明科学城: right before a kind only a government sets up, a word
    jieba's dictionary lacks (its HMM tagged 雄安 'a'), a county's short form it tags as a
    common noun, or the stem of one the gazetteer drops as a common word (光明 of 光明区), or a
    rare place word (渤海) is a place name; before 园区 or 示范区 such words are new jargon
    (零碳园区). Before a kind counties name zones with (工业园区, 产业园 …) a dropped short form
    counts too (即墨经济开发区, 固安工业园区), and a city before a free-trade zone's 片区."""
    if len(word) < 2 or not HAN.fullmatch(word) or word in REPORT_VERBS or word[0] in "各每" or word[-1] == "则":
        return False  # 做强经开区: a report's verb jieba's dictionary lacks, before the zone it acts on;
        # 各县区经济开发区 (各县区, jieba's rare place): each county's zones, a class; 开发区强则新区强:
        # a condition's 则 (jieba's noun 强则), no name
    if kind == "片区" and is_city_or_province(word + "市"):
        return True  # 自由贸易试验区开封片区: a free-trade zone's areas are named after their city
    if kind in PLACE_NAMED_KINDS and ((not in_dictionary(word) and kind in ESTABLISHED_KINDS) or is_place(word)
                                      or any(is_place(word + suffix) for suffix in "区县市")
                                      or (flag == "ns" and plain_tokenizer().frequency(word) < RARE_PLACE_FREQUENCY)):
        return True
    # 双龙工业园区 (jieba's rare other-name, nz): a name where it stands right before an industrial park's
    # kind, not an industry's word (锂电产业园, 永磁产业园, 藏药产业园: a review's cases)
    return kind in COUNTY_ZONE_KINDS and (is_dropped_place(word) or flag == "nz" and len(word) == 2
                                          and kind in _RARE_NAME_KINDS and word not in industry_words()
                                          and plain_tokenizer().frequency(word) < RARE_NOUN_FREQUENCY)


_RARE_NAME_KINDS = {"工业园区", "工业园", "工业集中区"}


@lru_cache(maxsize=1)
def industry_words() -> frozenset[str]:
    """Every name and word of the bundled taxonomy's clusters."""
    from .taxonomy import load_taxonomy

    return frozenset(word for c in load_taxonomy().clusters.values()
                     for word in (c.name, *c.aliases, *c.keywords, *c.vocabulary))


def is_rare_name(word: str, tags: tuple[str, ...] = ("ns", "nr", "nrt", "nz")) -> bool:
    """One of jieba's words, tagged a name (a place's, a person's or another proper one) and met
    rarely (双福, 华林, 马驹桥): a name of its own, not an everyday word jieba happens to tag so."""
    tagged = plain_tokenizer().tagged(word)
    return len(tagged) == 1 and tagged[0][1] in tags and plain_tokenizer().frequency(word) < RARE_PLACE_FREQUENCY


def is_rare_place(word: str, flag: str, kind: str) -> bool:
    """定远 (定远县), 义乌 (义乌市): a place the gazetteer drops that jieba sees rarely, anywhere in
    a name: whatever jieba tags it in the name of a kind counties name zones with (定远盐化工业园,
    进贤医疗器械产业园), tagged a name (nr, ns, nz) in any other (义乌国际贸易综合改革试验区).
    Such a word is as often an ordinary one (富民, 灯塔): a common noun before other kinds
    (灯塔工厂示范园区) is not read as a place."""
    return (kind in COUNTY_ZONE_KINDS or flag in ("nr", "ns", "nz", "nrt")) and is_dropped_place(word) \
        and plain_tokenizer().frequency(word) < RARE_NOUN_FREQUENCY


# what a county, district or city's short form drops (峰峰 of 峰峰矿区)
_PLACE_SUFFIXES = ("区", "县", "市", "旗", "矿区")


def names_a_place(word: str) -> bool:
    """Whether `word` with a place's unit (县, 区, 市, 旗, 矿区) is a gazetteer place: 大名 (大名县)."""
    return any(is_place(word + suffix) for suffix in _PLACE_SUFFIXES)


def is_dropped_place(word: str) -> bool:
    """即墨, 大同, 保定: the short form of a city, county or district (即墨区) that the gazetteer
    drops because jieba knows it as a common word; one it knows often (新建, 合作; a county's
    会同 'together with') stays a word."""
    if not names_a_place(word):
        return False  # a city's name is seen more often than a county's before it is a word
    return plain_tokenizer().frequency(word) < (RARE_PLACE_FREQUENCY if is_city_or_province(word + "市")
                                                else RARE_NOUN_FREQUENCY)


def opens_with_place(word: str, flag: str) -> bool:
    """上海浦东 (one ns word of jieba's dictionary) opens with a province or city's name."""
    return flag == "ns" and len(word) > 2 and any(is_city_or_province(word[:n]) for n in (2, 3) if len(word) > n)


def in_dictionary(word: str) -> bool:
    return plain_tokenizer().in_dictionary(word)


# -- finding names


def _reads_and(before: str, unit: str) -> bool:
    """和县 right after a kind (产业园和县经开区) reads 'and the county's …': a conjunction, then a
    unit (县, 市, 区, 旗) standing for the document's own; 和田, 和平, 和龙 and 和林格尔 keep their places."""
    return KIND_RE.fullmatch(before) is not None and unit in ("县", "市", "区", "旗")


# one-character conjunctions and prepositions jieba may join to the name after them (和|梅溪湖, 将|勤丰片区)
_JOINED_CHARS = "和与及将把对向从由在"


def words_of(text: str, offset: int = 0) -> list[Word]:
    """jieba's words of `text` with their tags and offsets, as the park rules read them: 和 cut off a
    name jieba joined it to, and a county's short form tagged a place, not a time (永年)."""
    out, pos = [], offset
    for word, flag in plain_tokenizer().tagged(text):  # HMM on: names jieba does not know (青秀)
        if len(word) > 1 and word[0] in _JOINED_CHARS and (
                not in_dictionary(word) and not is_place_or_city(word)
                or word[0] in "和与及" and len(word) == 2 and out and _reads_and(out[-1].text, word[1])  # not 和县
                or word[0] in "和与及" and len(word) > 2 and is_place_or_city(word[1:]) and not is_place_or_city(word)):
            # jieba's dictionary holds 和资阳 (…经开区和资阳临空经济区): 和 and a city
            out.append(Word(word[0], "c" if word[0] in "和与及" else "p", pos, pos + 1))  # 和梅 (…和梅溪湖), 和兰白,
            # 将勤 (将勤丰片区): jieba joined 和 or a preposition to a name (not 和林格尔 or 将乐, counties)
            word, pos = word[1:], pos + 1
            if len(word) == 1:
                flag = next(iter(plain_tokenizer().tagged(word)))[1]  # 县 of 和/县: a word of its own
        if flag == "t" and is_dropped_place(word):
            flag = "ns"  # 永年 (永年区), 万年 (万年县): a county's short form, not a word of time
        out.append(Word(word, flag, pos, pos + len(word)))
        pos += len(word)
    return _rejoin_places(_join_regiments(out))


# a 兵团 regiment by its number (一二一团, 一五〇团 or 一五○团, 二十九团, 第一二一团): the place its farm and
# its park are named by
_REGIMENT = re.compile("第?[一二三四五六七八九十〇○零]{2,4}团")
_ONE_WORD_REGIMENT = re.compile("第?(?:[一二三四五六七八九十〇○零]{2,4}|[二三四五六七八九十])团")  # not 一团


def _join_regiments(words: list[Word]) -> list[Word]:
    """一二|一团, 一五|〇|团: the words jieba cut a regiment's number into, joined as one place; one
    it read whole as a numeral (十二团/m, 十团/m) is a place too."""
    words = [Word(w.text, "ns", w.start, w.end) if w.flag == "m" and _ONE_WORD_REGIMENT.fullmatch(w.text) else w
             for w in words]
    text = "".join(w.text for w in words)
    base = words[0].start if words else 0
    for match in reversed(list(_REGIMENT.finditer(text))):
        first = next((k for k, w in enumerate(words) if w.start == base + match.start()), None)
        last = next((k for k, w in enumerate(words) if w.end == base + match.end()), None)
        if first is not None and last is not None:
            words[first:last + 1] = [Word(match.group(), "ns", words[first].start, words[last].end)]
    return words


def _cut_across_its_unit(first: str, second: str) -> bool:
    """盘|州市: a place with its unit that jieba cut into two words, neither of them the place;
    not a zone's kind after its name (天府|新区: the kind stays a word, 四川天府新区 a park)."""
    whole = first + second
    return len(whole) >= 3 and whole[-1] in COUNTY_UNITS and is_place(whole) and not is_place(first) \
        and KIND_RE.fullmatch(second) is None


def _rejoin_places(words: list[Word]) -> list[Word]:
    """来|安汊河 → 来安|汊河: a place jieba cut in two, its first character left as a word of its
    own (来 'come'; not a conjunction, preposition or adverb: 和|静湾湾 stays) and the rest joined
    to a name jieba coined (安汊河, no word of its dictionary) or, in the place's own documents, to
    any word (天|水电工 → 天水|电工); 盘|州市 → 盘州市, 头|屯河 → 头屯河; 科|左|中旗 → 科左中旗."""
    out: list[Word] = []
    for word in words:
        before = out[-1] if out else None
        if len(out) >= 2 and _three_make_a_place(out[-2], before, word):
            out[-2:] = [Word(out[-2].text + before.text + word.text, "ns", out[-2].start, word.end)]
            continue
        if before and _joins_into_a_place(before, word):
            out[-1] = Word(before.text + word.text, "ns", before.start, word.end)
            continue
        if before and _opens_the_next_place(before, word):
            out[-1] = Word(before.text + word.text[0], "ns", before.start, word.start + 1)
            word = Word(word.text[1:], "ns", word.start + 1, word.end)
        out.append(word)
    return out


def _is_one_char_word(word: Word) -> bool:
    """A one-character word that is no conjunction, preposition, adverb, particle or pronoun."""
    return len(word.text) == 1 and word.flag[0] not in "cpdur"


def _joins_into_a_place(before: Word, word: Word) -> bool:
    """盘|州市, 头|屯河 (工业园): two words that together are a place."""
    return _cut_across_its_unit(before.text, word.text) or (
        _is_one_char_word(before) and len(word.text) >= 2 and word.flag.startswith("n") and is_place(before.text + word.text))


def _three_make_a_place(first: Word, second: Word, third: Word) -> bool:
    """科|左|中旗 (科左中旗, 科尔沁左翼中旗 short): three short words, none a place, that together are
    a place with its unit."""
    whole = first.text + second.text + third.text
    return all(len(w.text) <= 2 and w.flag[0] not in "cpu" for w in (first, second, third)) \
        and whole[-1] in COUNTY_UNITS and is_place(whole) and not is_place(first.text + second.text)


def _opens_the_next_place(before: Word, word: Word) -> bool:
    """来|安汊河, 天|水电工, 启|东海工: a lone character and the next word's first make a place, the rest
    being a name jieba coined or, in the place's own documents, a word of its dictionary (one character
    too where jieba read a place across the two: 启|东海|工 in 启东's documents; 新|乡村 stays)."""
    return _is_one_char_word(before) and len(word.text) >= 2 and (
        (len(word.text) >= 3 and word.flag == "ns" and not in_dictionary(word.text))
        or (before.text + word.text[0] in _OWN_PLACE_WORDS.get() and in_dictionary(word.text[1:])
            and (len(word.text) >= 3 or word.flag == "ns"))) \
        and is_place(before.text + word.text[0])


# 今年, 目前, 近期, 现阶段, 当下, 2025年: times that date a sentence, never a word of a name (未来,
# 现代, 新一代 are)
RELATIVE_TIME = re.compile(r"[年月日时期今昨明前后近届初末]|现在|过去|将来|阶段|当下|眼下|如今|以来")
# the short kinds written inside a longer name (成都高新综合保税区, 郑州经开综合保税区)
ZONE_SHORT_KINDS = {"高新", "经开"}


def stands_inside(word: str, flag: str, kind: str) -> bool:
    """Whether a word may stand inside a name of this kind: a noun-like word, a verb naming
    the park's activity, a dash between two places; any verb in a designation's topic, since
    designations are named after what they try out (国家中医药传承创新发展试验区); a word of time
    that is no date (杭州未来科技城, 合肥国家新一代人工智能创新发展试验区; it opens no name: see
    parks._name_start); the short kind of a zone a zone lies in (成都高新综合保税区); 零部件; never
    a count of places (乌苏、沙湾两地园区)."""
    return (flag.startswith(INNER_POS) or (kind in DESIGNATION_KINDS and flag.startswith("v") and word not in CLAUSE_VERBS) \
        or word in NAMING_VERBS or word in DASHES or word in ZONE_SHORT_KINDS \
        or (flag == "t" and not RELATIVE_TIME.search(word)) or is_measured_noun(word, flag) or is_town_name(word) \
        or word in TOWN_WORDS) and not COUNTED_PLACES.fullmatch(word)  # 锦界/镇 (jieba's verb)


# qualities a zone is built or rated for (智慧化工园区, 绿色园区, 零碳园区): after a zone's kind they
# name the quality it works towards, not one of its parts; no village's name in a counted list either
QUALITY_WORDS = {"智慧", "绿色", "生态", "低碳", "零碳", "近零碳", "循环", "数字", "数智", "平安", "安全", "无废", "美丽"}
# a count of places (乌苏、沙湾两地园区: the zones of the two places, which no name holds)
COUNTED_PLACES = re.compile("[两二三四五六七八九十多]+[地市县省]")


def is_measured_noun(word: str, flag: str) -> bool:
    """零部件, 零件: nouns jieba tags as a numeral and its measure (mq) for their opening 零; a
    count (三件) or a pointer (这方面) is not."""
    return flag == "mq" and not NUMERAL.match(word) and word[0] not in "这那哪此第半每"



