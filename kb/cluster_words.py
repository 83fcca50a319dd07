"""Cluster words: pure rules on a clause's text that decide whether a keyword found there names
the industry (kb/link.py finds the keywords and links them; these say when one does not count, or
how it sits in a list). Like park_words.py for parks: functions of text, no taxonomy, no state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .segment import CLAUSE_MARKS
from .tokenize import plain_tokenizer

# Two readings of "an item of a list". ITEM_OPENERS and ITEM_CLOSERS are strict (marks or a verb
# on both sides: 培育新一代信息技术、新材料等), for a broad cluster's own name to count as an item;
# _LIST_MARKS is loose (a mark on either side), the aboutness model's share_listed, fitted with it.
ITEM_OPENERS = set("、“（）和及与")
ITEM_CLOSERS = tuple(CLAUSE_MARKS) + ("、", "等", "和", "及", "”", "产业", "领域", "集群", "行业")
# what stands between two items of a list (光伏、新能源汽车; 光伏　汽车零部件; 新能源或智能网联汽车)
ITEM_SEPARATORS = frozenset(CLAUSE_MARKS + "、和及与或暨/／ \u3000")
_LIST_MARKS = frozenset("、和及与等")


def is_list_item(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] in _LIST_MARKS) or (end < len(text) and text[end] in _LIST_MARKS)


def foreign_list_items(text: str, start: int, end: int, mention_starts: Sequence[int]) -> int:
    """How many items of the clause's list (its parts between 、) name no cluster: 重点投向保障性安居
    工程、农业、重大水利、中西部铁路、节能环保、社会事业等领域 lists sectors, and a cluster among them is
    named in passing; 培育新一代信息技术、高端装备、生物医药等 lists industries. 0 for no list; a
    numbering (一、, 3、) opens no item, and an empty part (a list ending on 、) is none."""
    numbering = _NUMBERING.match(text, start, end)
    start = numbering.end() if numbering else start
    cuts = [start] + [i + 1 for i in range(start, end) if text[i] == "、"] + [end + 1]
    items = [(a, b - 1) for a, b in zip(cuts, cuts[1:]) if text[a:b - 1].strip()]
    if len(items) < 2:
        return 0
    return sum(not any(a <= at < b for at in mention_starts) for a, b in items)


# a heading's or an item's number before its text (一、, 3、, （二）、)
_NUMBERING = re.compile(r"\s*[（(]?[一二三四五六七八九十百\d]+[)）]?、")


def ends_on_verb(text: str) -> bool:
    """发展、培育 before a list of industries; 大力发展 too, which jieba tags as a noun phrase,
    by the verb it ends on."""
    words = plain_tokenizer().tagged(text[-12:])
    if not words:
        return False
    word, flag = words[-1]
    return flag.startswith("v") or (len(word) > 2 and plain_tokenizer().tagged(word[-2:])[0][1].startswith("v"))


def straddles_words(text: str, start: int, end: int) -> bool:
    """文化|工程, 强化|工业: a two-character keyword jieba knows as a word (化工) but cut here as the
    end of one word and the start of the next, both longer than a character, was never written."""
    if end - start != 2 or not plain_tokenizer().in_dictionary(text[start:end]):
        return False
    spans = _word_spans(text)
    middle = start + 1
    ends_inside = any(s < start and e == middle for _, s, e in spans)
    opens_inside = any(s == middle and e > end for _, s, e in spans)
    return ends_inside and opens_inside


_BODY_HEADS = ("部", "厅", "局", "委")
# institutions whose name holds an industry's word without being about it: a broadcaster asking
# a question (陕西广播电视台记者：), a research institute or a university (大同新材料研究院)
_INSTITUTION_HEADS = ("电视台", "电台", "研究院", "研究所", "大学", "学院", "日报", "报社")
_BODY_WORDS_BETWEEN = 3  # 农业|农村|部, 文化|和|旅游|厅, 工业|和|信息化|厅


# 推动铝板带箔向航空航天、新能源汽车等高端应用领域延伸; 推动大模型在装备制造、新材料等场景深度应用:
# the fields another product or technology is carried into, not the clause's industry
_APPLICATION_FIELDS = re.compile(r"(?:向|在|于|面向)(?P<items>[^，。；：向在]{2,50}?)等[^，。；：、等]{0,6}?(?:领域|场景)"
                                 r"(?:的|中)?[^，。；：、]{0,4}?(?:延伸|应用|渗透|推广)")
# who moves into the fields: firms and chains that do are taking up those industries (引导企业向新能源汽车、
# 新材料等领域延伸), not carrying a product into them
_INDUSTRY_SUBJECTS = re.compile("企业|产业链|龙头|集群|产业")


def names_an_application(text: str, start: int, end: int) -> bool:
    """The keyword is an item of the fields a product or technology is applied in or extended to
    (在…等场景深度应用, 向…等高端应用领域延伸): readers give the paragraph the thing applied, not its fields."""
    return any(m.start("items") <= start and end <= m.end("items") and not _INDUSTRY_SUBJECTS.search(text, 0, m.start())
               for m in _APPLICATION_FIELDS.finditer(text))


def names_a_body(text: str, start: int, end: int) -> bool:
    """农业农村部, 省文化和旅游厅, 国家能源局: a keyword that is part of a government body's name,
    the department, not the industry (（省农业农村厅负责）). The body's head is a word of its own
    or closes a longer word (农村部); a two-character word ending in one (格局, 东部, 干部, 党委)
    is no body, nor are 中西部, 俱乐部, 新局, and a preposition (向, 在) ends the name. An item
    of a list of departments (卫生健康、农业农村、市场监管等部门) is a body too; a sector's 电力部门
    alone, or a 建设单位, is not."""
    tail = _DEPARTMENTS_LIST.match(text, end)
    if tail and (text[start - 1:start] == "、" or "、" in tail.group()):
        return True
    following = [(word, s, e) for word, s, e in _word_spans(text) if e > end][: _BODY_WORDS_BETWEEN + 1]
    for word, _, _ in following:
        if (word in _BODY_HEADS or word.endswith(_INSTITUTION_HEADS) or _is_a_broadcaster(text, end, word)
                or (len(word) >= 3 and word.endswith(_BODY_HEADS) and word[-2:] not in _NOT_BODIES)
                or (len(word) == 2 and word[0] in _BODY_HEADS and word[1] in "等和与及按")):  # jieba's 局等
            return True
        if word in _NAME_ENDS or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
            return False
    return False


def _is_a_broadcaster(text: str, end: int, word: str) -> bool:
    """广播电视|台 as jieba cuts 陕西广播电视台: 台 right after 广播 or 电视 (not the measure word of
    新能源汽车四十万台)."""
    return word == "台" and text[end - 2:end] in ("广播", "电视") and text[end:end + 1] == "台"


# the rest of a list whose items are departments: …、农业农村、市场监管等部门 (the item the keyword
# opens, more items, 等, a word such as 主管, 部门)
_DEPARTMENTS_LIST = re.compile(r"[^、等，。；：\s]{0,4}(?:、[^、等，。；：\s]{1,8}){0,15}等?"
                               r"(?:有关|相关|主管|行政|职能)?部门")
_NOT_BODIES = ("格局", "布局", "大局", "全局", "开局", "新局", "总部", "干部", "内部", "外部", "全部", "局部",
               "东部", "西部", "南部", "北部", "中部", "乐部", "客厅", "党委")
_NAME_ENDS = {"向", "在", "到", "于", "从", "往", "朝", "赴"}  # no body's name holds a preposition


@lru_cache(maxsize=32)
def _word_spans(text: str) -> list[tuple[str, int, int]]:
    """jieba's cut of a clause, once for all its keywords (a list such as 铁路、电力、油气 asks
    for several)."""
    return plain_tokenizer().spans(text)


# a document's furniture, about no industry whatever its title: its number (国办发〔2018〕128号), its
# date (2018年12月29日, 2024年×月×日), 此件公开发布, its addressees or salutation (各省、自治区…：, 同志们：),
# its issuer alone or with the date (宜春市人民政府办公室　2024年4月19日印发): a body of a place or the
# nation, not a word ending in 局 or 厅 (产业布局, 发展大局, 城市会客厅)
_NUMERALS = "\\d×〇○零一二三四五六七八九十百"
_DATE = f"[{_NUMERALS}]{{4}}年[{_NUMERALS}]{{1,3}}月[{_NUMERALS}]{{1,3}}日"
_ISSUER = (r"(?:中共)?[\u4e00-\u9fff×（）()]{0,20}?(?:省|市|县|区|州|旗|盟|国家|国务院)[\u4e00-\u9fff×]{0,16}?"
           r"(?:人民政府|办公室|办公厅|委员会|管委会|发展改革委|(?<![布格大开当])局|(?<![客大展])厅)")
_FURNITURE = re.compile(r"[（(]?[\u4e00-\u9fff]{1,8}[〔\[（(［][\d×]{4}[〕\]）)］]第?[\d×]*号[）)]?"
                        rf"|{_DATE}|{_ISSUER}(?:[\s　]+{_ISSUER})*(?:[\s　]*{_DATE}(?:印发|发布)?)?"
                        r"|[（(]此件[^）)]*[）)]|各[^。；要]{0,80}(?:政府|机构|部门|单位|部委|厅|局|委|办|会)[：:]"
                        r"|[^。；，]{0,6}(?:们|代表|委员)[：:]")
# closing articles, about the document itself: who interprets it, when it takes effect, for how
# long, which rules it overrides (本措施由…负责解释。 本政策措施自印发之日起施行，有效期至…。); a line
# that is nothing else, not 本政策有效期内，对…给予奖励 nor 本措施所称新能源汽车…，自…起执行
_DOCUMENT = r"本(?:实施|若干|暂行)?(?:政策措施|措施|办法|条例|规定|意见|方案|细则|政策|通知|规划|计划|决定|指南|公告|通告|标准|法)"
_EFFECT = (r"(?:由[^，。；]{1,30}负责解释|的?解释权归[^，。；]{1,20}|自[^，。；]{1,20}起(?:施行|实施|执行)"
           r"|有效期(?:至|为)[^，。；]{1,20})")
_CLOSING_SENTENCE = rf"(?:{_DOCUMENT}{_EFFECT}(?:，{_EFFECT})*|[^。；]{{0,40}}以{_DOCUMENT}(?:的规定)?为准)[。；]?"
_CLOSING_ARTICLE = re.compile(rf"(?:[（(][{_NUMERALS}]+[）)]|[{_NUMERALS}]+[、.．]|第[{_NUMERALS}]+条)?\s*"
                              rf"(?:{_CLOSING_SENTENCE})+")


def is_furniture(line: str) -> bool:
    """A line of the document's furniture or its closing articles: no industry's, whatever the
    title. The caller folds traditional characters (kb/link.py reads to_simplified(line))."""
    line = line.strip()  # strip() takes \r and 　 too
    return _FURNITURE.fullmatch(line) is not None or _CLOSING_ARTICLE.fullmatch(line) is not None
