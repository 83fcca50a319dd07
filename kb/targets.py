"""Targets: the quantified commitments (and reported results) of a document.

A pure step over a document's passages. Every quantity of kb/quantities.py's grammar (a value,
a multiplier, a unit or measure word, a qualifier) is a candidate; names, ordinals, dates,
background counts, thresholds and the start of a 从…提高到… are dropped; the rest become one
record each (an enumeration, 分别 and 均 give one per item) of kind `target` (forward: the plan
part, a strength word, a coming year) or `achievement` (the review of a past period). The
cluster and park come from the document's resolved links (link.DocumentLinks.scope_of).
See ../shared/eval/FORMAT.md ("Commitments") for what counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .link import DocumentLinks
from .quantities import Quantity, find_quantities, normalise_value
from .segment import CLAUSE_MARKS, Passage, Sentence


@dataclass
class Target:
    kind: str  # target | achievement
    year: str
    strength: str
    metric: str
    value: str
    value_normalised: float | None
    unit: str
    qualifier: str
    cluster: str
    park: str
    resolution: str
    char_start: int
    char_end: int
    quote: str
    passage_ord: int
    klass: str = ""  # indicator (a level or rate) | task (a count, size or sum of work to do); not stored yet


STRENGTHS = ("确保", "力争", "争取", "预计", "预期", "计划", "目标", "力求", "努力")
_STRENGTH = re.compile(r"预期目标|(?<![模虚比])拟(?=安排|发行|新增|新建|建设|投资|投入|实施|下达|按)|"
                       + "|".join(STRENGTHS))  # 拟安排: 计划
# a five-year plan is a period where the text says 期间/时期/末 (“十三五”时期…), not in a plan's name (“十三五”规划重大项目)
_CN_YEAR = r"(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2}"  # 一九七八, 二〇二五: years in older reports
_YEAR = re.compile(r"((?:19|20)\d{2}|20\dx|20xx)(?=年|期间|时期|末)"
                   r"|(十[一二三四五六七八九]五)(?=[”\"」]?(?:规划)?(?:期间|时期|末|时))"
                   rf"|({_CN_YEAR})(?=年)")
_CN_YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_PAST = re.compile(r"比上年|同比|较上年|比去年|上年|去年|过去一年|过去五年|累计|已经|已|完成了|实现了|达到了|增长了|"
                   r"取得|荣获|获评|获得|位居|居全")
# 同比/比上年 compare with last year; in a sentence that sets this year's figures (主要预期目标,
# 力争, 今年, 年内 …) they state a planned growth, not a result
_COMPARATIVE = re.compile(r"比上年|同比|较上年|比去年|上年|去年")
_FORWARD_LEAD = re.compile(r"预期目标|主要目标|目标是|力争|确保|争取|计划|今年|年内|全年|明年")
_REVIEW_SECTION = re.compile(r"回顾|过去|成绩|工作总结|主要成效|取得.{0,8}(?:成效|成绩|成就|进展)")
# how a review part opens when its heading does not say so (一、牢记殷殷嘱托，…取得新成效 / 过去一年，…)
_REVIEW_OPENING = re.compile(r"^\s*(?:过去一年|过去的一年|过去五年|过去的五年|一年来|五年来|回顾过去)")
# a sub-heading inside a review part that turns to the coming period (…今年的目标任务); the words of
# an ordinary review sub-heading (民生保障…, 重点项目…, 实施…) do not
_FORWARD_SECTION = re.compile(r"目标|任务|安排|计划|规划|打算")
_NOT_A_VALUE_BEFORE = re.compile(r"(?:第|前|近|每|约占|占|全省|全市|全国|全区|全县|全州|全盟|我国|我省|我市|我区|我县|"
                                 r"共有|现有|拥有|辖|有)$")
_FORMULA_OR_NAME = re.compile(r"(?:(?<![\d.])[×*＊/]|劣)$")
_DEFINES = re.compile(r"是指|指的是|系指")
_FROM = re.compile(r"[从由]$")
_CATEGORY_AFTER = re.compile(r"^及以[上下]")
_AMOUNT_BEFORE = re.compile(r"(?:金额|收入|营收|规模|资产|营业额|销售额|投资额?|产值)(?:在|达)?$")
_RULE_BEFORE = re.compile(r"(?:不得|原则上不|最高不|一般不)(?:低于|高于|超过|少于|多于)[^，,；;。]{0,12}$")
_FROM_OPEN = re.compile(r"[从由][^，,；;。到至]{0,20}$")  # 从 with no 到 yet between it and the value
_CHANGE_VERBS = "提高|提升|增加|增长|降低|下降|缩短|扩大|减少|压缩|上升|压减|降|缩减|延长|调整"
_TO_LATER = re.compile(rf"^[^，,；;。从由]{{0,20}}?(?:{_CHANGE_VERBS})(?:到|至)")
_TO_AFTER = re.compile(rf"^(?:{_CHANGE_VERBS})?(?:到|至)")
_THRESHOLD = re.compile(r"(?:低于|高于|小于|大于|不足|不到|不超过|不低于|超过|以下|以上)$")
_LEVEL_VERB = re.compile(r"(?:达到|达|突破|超过|超|保持在|稳定在|控制在|提高到|提升到|增加到|增长到|降低到|降到|降至|"
                         r"下降到|缩短到|缩短至|扩大到|压减到|减少到|提高至|提升至|实现|完成|为|在|到|至|是)$")
_METRIC_LEAD = re.compile(r"^(?:年内|全年|今年|明年|当年|到\d{4}年|\d{4}年|20\dx年|力争|确保|争取|预计|预期|计划|努力|目标|"
                          r"使|将|要|并|和|及|、|全市|全省|全区|全县|全国|再|共|均|分别|其中|带动|推动|\s)+")
# 今年, and 年内/全年 that do not follow a year or a count (2024年全年, 三年内 are other periods)
_WITHIN_THIS_YEAR = r"(?<![\d〇零○一二三四五六七八九十两数几多年])(?:年内|全年)"
_THIS_YEAR = re.compile(rf"今年|本年度|{_WITHIN_THIS_YEAR}")
_YEAR_WORDS = re.compile(rf"(?:到|至|在)?(?:(?:19|20)\d{{2}}|20\dx|{_CN_YEAR})年(?:底|末)?"
                         rf"|今年|{_WITHIN_THIS_YEAR}|年底|\d{{1,2}}月")
_QUALIFIER_BEFORE = re.compile(r"(?:突破|超过|超)$")
_INDICATOR_UNITS = ("%", "％", "‰", "个百分点", "百分点", "倍", "类", "天", "小时", "分钟", "岁")
_ENUM_SPLIT = re.compile(r"[、和及与]")
# a capacity that is part of a project's name (大唐700万吨露天矿, 兰州石化120万吨乙烯改造项目,
# 东电2×35万千瓦热电联产项目): a physical unit, a project word after it in the clause, and a name,
# not a verb, right before it (建设100万千瓦光伏项目 stays a task)
_CAPACITY_UNIT = re.compile(r"(?:吨|瓦|伏安?|米|公里|公顷|亩|标箱|标准箱|升)(?:/[日年时])?$")
_PROJECT_AFTER = re.compile(r"^[^，,；;。：:、]{0,12}?(?:项目|工程|[一二三]期|露天矿|煤矿|矿井|电站|电厂|生产线|风电|光伏|热电)")
_BUILDS = re.compile(r"实施|建设|新建|建成|开工|续建|扩建|启动|完成")
_TASK_VERB_BEFORE = re.compile(r"(?:建设|新建|建成|续建|扩建|改造|新增|实施|开工|投产|引进|落地|形成|打造|培育|布局|配套|"
                               r"装机|产能|年产|能力|规模|总量|面积|里程)$")


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in CLAUSE_MARKS) + 1


def _clause_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(ch, pos) for ch in CLAUSE_MARKS) if i >= 0]
    return min(ends, default=len(text))


def _is_commitment_value(s_text: str, q: Quantity, own_text: str) -> bool:
    """False for ordinals, background counts, thresholds, names and figures of speech, and the
    start value of 从X提高到Y (the value reached is Y)."""
    before, after = s_text[:q.start], s_text[q.end:]
    if _NOT_A_VALUE_BEFORE.search(before):
        return False
    if (_FROM.search(before) and _TO_AFTER.match(after)) or (_FROM_OPEN.search(before) and _TO_LATER.match(after)):
        return False  # 从每人每月202元、270元提高到209元、280元: the start values
    if _CATEGORY_AFTER.match(after) or (q.qualifier in ("以上", "以下") and q.unit == "岁") \
            or (q.qualifier in ("以上", "以下") and after.startswith("的") and _AMOUNT_BEFORE.search(before)):
        return False  # 65岁及以上老年人, 单户担保金额500万元以上的: a group or a class (95%以上的建制村 is a target)
    if "工作日" in q.unit or _RULE_BEFORE.search(before):
        return False  # 应当自受理之日起10个工作日内, 担保费率原则上不超过1%: a rule, not a commitment
    if _FORMULA_OR_NAME.search(before) or (q.unit.endswith("周") and after.startswith("年")) or _DEFINES.search(before):
        return False  # A/B×100%, 劣五类, 80周年, 日间手术是指…24小时内
    if before.endswith("新") and q.unit == "条":
        return False  # 新36条, 新10条: the name of a set of measures
    if _THRESHOLD.search(before) and after.startswith("的"):
        return False  # 禁止使用厚度低于0.01毫米的地膜: a standard, not a quantity to reach
    if _in_project_name(before, q, after, own_text):  # own_text: the clause up to the value
        return False
    return not q.chinese or _chinese_count_ok(s_text, q, own_text)


def _in_project_name(before: str, q: Quantity, after: str, clause_before: str) -> bool:
    """实施奋斗镇1.6万吨蔬菜仓储等项目 is a task (the clause builds it); 确保亘富200万吨褐煤提质一期投产
    names a project by its capacity."""
    if not _CAPACITY_UNIT.search(q.unit) or not _PROJECT_AFTER.match(after) or _BUILDS.search(clause_before):
        return False
    before = re.sub(r"\d+[×xX*]$", "", before)  # 东电2×35万千瓦: two units of 35
    return not (_LEVEL_VERB.search(before) or _TASK_VERB_BEFORE.search(before) or not before
                or not "\u4e00" <= before[-1] <= "\u9fff")


def _chinese_count_ok(s_text: str, q: Quantity, own_text: str) -> bool:
    """A count in Chinese numerals is a commitment when it sums up named items
    (建成哈萨尔和东升路两个市民广场) or is large (三十个); 一个, 两个维护, 三大 are not."""
    if q.value == "零":
        return True
    if (q.value[0] == "一" and len(q.value) == 1) or q.unit in ("次", "项"):
        return False  # 一个; 七次全会, 五项原则: figures of speech and names
    if len(q.value) >= 2 and q.value[0] != "两":
        return True
    # 建成哈萨尔和东升路两个市民广场 sums up what a task builds; 统筹国际、国内两个大局 is a figure of speech
    return (bool(re.search(r"[和、]", own_text)) and bool(_BUILDS.search(own_text))
            and not re.search(r"[“”\"]", s_text[q.start - 1:q.end + 2]))


def _strength(text: str, passage: Passage, sentence: Sentence, clause_abs: int, q_abs: int, carried: str) -> str:
    """The strength word that governs the value: the nearest before it in its clause, else the
    one of the sentence's previous value (力争A达到x，B达到y), else the lead-in of the list the
    sentence belongs to, else the heading (（四）试点目标), else 其他."""
    found = list(_STRENGTH.finditer(text[clause_abs:q_abs]))
    if not found and carried:
        return carried
    if not found:
        lead = text[_paragraph_start(text, clause_abs):clause_abs]  # the paragraph, not the passage
        lead = lead[lead.rfind("。") + 1:]
        found = list(_STRENGTH.finditer(lead[:lead.rfind("：")] if "：" in lead else ""))  # 主要预期目标是：A…；B…
    if found:
        word = found[-1].group(0)
        return {"预期目标": "预期", "拟": "计划"}.get(word, word)
    heading = passage.headings[-1].label if passage.headings else ""
    if "预期目标" in heading:
        return "预期"
    return "目标" if "目标" in heading else "其他"


def _year(text: str, passage: Passage, sentence: Sentence, q_abs: int, default: str) -> str:
    """The year named last before the value in its sentence, its paragraph (a long paragraph is
    cut into several passages: 到2025年，… opens only the first) or its list's lead-in, else default."""
    for start in _year_scopes(text, passage, sentence):
        found = list(_YEAR.finditer(text, start, q_abs))
        this_year = list(_THIS_YEAR.finditer(text, start, q_abs)) if start == sentence.char_start else []
        if this_year and (not found or this_year[-1].start() > found[-1].start()):
            return default  # 今年要关停…, 今年中央预算内投资拟安排…: not the 十一五 named before it
        if found:
            last = found[-1]
            return last.group(1) or last.group(2) or last.group(3).translate(_CN_YEAR_DIGITS)
    return default


def _names_year(text: str, passage: Passage, sentence: Sentence, q_abs: int) -> bool:
    return any(_YEAR.search(text, start, q_abs) for start in _year_scopes(text, passage, sentence))


def _year_scopes(text: str, passage: Passage, sentence: Sentence) -> tuple[int, int, int]:
    """Where a value's year is looked for, nearest first: its sentence, its paragraph, its passage."""
    return sentence.char_start, _paragraph_start(text, sentence.char_start), passage.char_start


def _paragraph_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _metric(own_text: str, noun_after: str) -> str:
    """The metric in the document's own words: the words before the value (less strength,
    time and level words: 力争软件从业人员突破 -> 软件从业人员), and for a task the noun after
    the measure word (协同推进320个川渝共建重点项目 -> 协同推进川渝共建重点项目)."""
    phrase = _YEAR_WORDS.sub("", own_text)
    phrase = _STRENGTH.sub("", phrase)
    phrase = _METRIC_LEAD.sub("", phrase)
    phrase = _LEVEL_VERB.sub("", phrase)
    phrase = re.sub(r"(?:实现|完成)(?=[^，、]{1,8}$)", "", phrase).strip("的 ，,")
    metric = phrase + noun_after
    return metric[-40:]


def _noun_after(s_text: str, q: Quantity, clause_end: int) -> tuple[str, int]:
    """The thing counted, when the measure word precedes it, and where it ends: up to the next
    enumeration mark, quantity or clause end (建设15个通用化试验验证和中试平台)."""
    rest = s_text[q.end:clause_end]
    if re.fullmatch(r"的[\u4e00-\u9fff]{1,6}", rest):  # 完成×亿元的产值
        return rest[1:], clause_end
    if q.unit in _INDICATOR_UNITS:
        return "", q.end
    rest = re.split(r"、|\d|[×]|等|，", rest)[0]
    if re.match(r"^(?:以上|左右|以内|的|，)", rest) or len(rest) > 30:
        return "", q.end
    return rest.rstrip("的"), q.end + len(rest.rstrip("的"))


def _enumerated_subjects(own_text: str) -> list[str]:
    """The subjects one value stands for: A、B和C均达到60% gives A, B and C; else none."""
    m = re.search(r"((?<![年人平亩户日月])均|都)[^，；。]{0,6}$", own_text)  # 年均, 人均 are averages
    if not m:
        return []
    subject = _METRIC_LEAD.sub("", _STRENGTH.sub("", own_text[:m.start()]))
    parts = [p.strip() for p in _ENUM_SPLIT.split(subject) if p.strip()]
    return parts if len(parts) > 1 else []


def _default_year(doc, passages: list[Passage]) -> str:
    """A report's targets are for its own year; a plan or 意见 without a review part aims at
    the year its first 到20xx年 names."""
    if any(_REVIEW_SECTION.search(p.section) for p in passages) or review_parts(passages, doc.year):
        return doc.year
    m = re.search(r"到((?:19|20)\d{2})年", doc.text)
    if m and doc.year.isdigit() and m.group(1) > doc.year:
        return m.group(1)
    return doc.year


def review_parts(passages: list[Passage], doc_year: str = "") -> set[str]:
    """The top-level sections that review a past period: their heading says so, or one of
    their first three passages opens the way reviews do (过去一年，… / 2024年是… in a 2025
    report). Headings are kept short in section paths, so the opening often decides."""
    opening = _REVIEW_OPENING
    if doc_year.isdigit():
        opening = re.compile(rf"{_REVIEW_OPENING.pattern}|^\s*{int(doc_year) - 1}年(?:是|，|,)")
    out: set[str] = set()
    seen: dict[str, int] = {}
    for passage in passages:
        top = passage.section.split(" > ")[0]
        if not top or seen.get(top, 0) >= 3:
            continue
        seen[top] = seen.get(top, 0) + 1
        if _REVIEW_SECTION.search(top) or opening.match(passage.text):
            out.add(top)
    return out


def _kind(passage: Passage, clause: str, s_text: str, q: Quantity,
          doc_year: str, year: str, review: set[str]) -> str:
    """achievement in a review part, or where the clause speaks of the past (比上年, 已);
    target otherwise."""
    in_review = _REVIEW_SECTION.search(passage.section) or passage.section.split(" > ")[0] in review
    if in_review and not _FORWARD_SECTION.search(passage.section.split(" > ")[-1]):
        return "achievement"
    past = _PAST.search(clause)
    if past and not (_COMPARATIVE.fullmatch(past.group(0)) and _FORWARD_LEAD.search(passage.text)):
        return "achievement"
    if year.isdigit() and doc_year.isdigit() and year < doc_year:
        return "achievement"
    return "target"


def extract_targets(doc, passages: list[Passage], links: DocumentLinks) -> list[Target]:
    """Targets and achievements, one per quantity (per item of an enumeration)."""
    text = doc.text
    default_year = _default_year(doc, passages)
    review = review_parts(passages, doc.year)
    targets: list[Target] = []
    for passage_ord, passage in enumerate(passages):
        for sentence in passage.sentences:
            targets.extend(_sentence_targets(doc, text, passage, passage_ord, sentence, links, default_year,
                                             review))
    return targets


def _sentence_targets(doc, text: str, passage: Passage, passage_ord: int, sentence: Sentence,
                      links: DocumentLinks, default_year: str, review: set[str]) -> list[Target]:
    s_text = sentence.text
    found: list[Target] = []
    previous_end, previous_metric = 0, ""
    quantities = [q for q in find_quantities(s_text)
                  if _is_commitment_value(s_text, q, s_text[_clause_start(s_text, q.start):q.start])]
    for n, q in enumerate(quantities):
        clause_start = _clause_start(s_text, q.start)
        own_start = max(clause_start, previous_end)
        own_text = s_text[own_start:q.start]
        clause_end = _clause_end(s_text, q.end)
        q_abs = sentence.char_start + q.start
        year = _year(text, passage, sentence, q_abs, default_year)
        kind = _kind(passage, s_text[clause_start:clause_end], s_text, q, doc.year, year, review)
        if kind == "achievement" and year == default_year and not _names_year(text, passage, sentence, q_abs):
            year = ""  # a result whose year the text leaves implicit (the review's year: kb follow reads it)
        noun, noun_end = _noun_after(s_text, q, clause_end)
        metric = _metric(own_text, noun)
        if not metric.strip("、和及与的 "):  # 增长20%，达到282亿元: the level of the same indicator
            metric = re.sub(r"(?:增长|下降|增加|减少|提高|降低)$", "", previous_metric)
        previous_end, previous_metric = noun_end, metric
        q_start = sentence.char_start + own_start
        while q_start < q_abs and (text[q_start].isspace() or text[q_start] in "、和及与"):
            q_start += 1
        q_end = sentence.char_start + noun_end
        cluster, park, resolution = links.scope_of(q_start, q_end)
        record = dict(
            kind=kind, year=year, strength=_strength(text, passage, sentence, sentence.char_start + clause_start, q_abs,
                               found[-1].strength if found else ""), metric=metric,
            value=q.value, value_normalised=normalise_value(q.value, q.unit), unit=q.unit,
            qualifier=_qualifier(s_text, quantities, n), cluster=cluster, park=park, resolution=resolution,
            char_start=q_start, char_end=q_end, quote=text[q_start:q_end], passage_ord=passage_ord,
            klass="indicator" if q.unit in _INDICATOR_UNITS or not noun else "task",
        )
        subjects = _enumerated_subjects(own_text)
        found.extend(Target(**{**record, "metric": subject}) for subject in subjects)
        if not subjects:
            found.append(Target(**record))
    return found


def _qualifier(s_text: str, quantities: list[Quantity], n: int) -> str:
    """As written; 突破/超过 read as 以上; 90%和98%以上: the last item's qualifier holds for all."""
    q = quantities[n]
    if q.qualifier:
        return q.qualifier
    for later in quantities[n + 1:]:
        if s_text[q.end:later.start] not in ("和", "、", "及"):
            break
        if later.qualifier:
            return later.qualifier
        q = later
    before = s_text[:quantities[n].start]
    return "以上" if _QUALIFIER_BEFORE.search(before) else ""
