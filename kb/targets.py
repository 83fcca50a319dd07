"""Targets: the quantified commitments (and reported results) of a document.

A pure step over a document's passages: each value with a unit becomes a target or an
achievement, with its exact span, year, strength, metric and qualifier; the cluster and
park come from the document's resolved links (link.DocumentLinks.scope_of).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .link import DocumentLinks
from .segment import Passage


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


STRENGTHS = ("确保", "力争", "争取", "预计", "预期", "计划", "目标", "力求", "努力")
METRICS = (
    "地区生产总值", "国内生产总值", "生产总值", "实际利用外资", "实际使用外资", "利用外资", "规上工业增加值",
    "工业增加值", "增加值", "产值", "营业收入", "营收", "主营业务收入", "固定资产投资", "投资", "社会消费品零售总额",
    "一般公共预算收入", "财政收入", "进出口", "外贸", "出口", "城镇新增就业", "新增就业", "就业", "城镇调查失业率",
    "失业率", "居民消费价格", "居民人均可支配收入", "研发投入强度", "研发经费", "粮食产量", "单位国内生产总值能耗",
    "单位地区生产总值能耗", "能耗", "赤字率", "税收", "收入", "比重", "产量", "总量", "规模", "人口",
)
_UNITS = (
    "万亿元", "亿美元", "万美元", "亿元", "万元", "元", "个百分点", "%", "％", "万人次", "人次", "万人", "人", "万吨", "亿吨", "吨",
    "万亩", "亩", "万千瓦", "千瓦", "公里", "千米", "平方公里", "万户", "户", "家", "个", "项", "所", "倍", "万套", "套",
    "万辆", "辆", "座", "张", "万平方米", "平方米",
)
_NUM = r"(?:\d+(?:\.\d+)?|[×xX]+|[一二三四五六七八九十百千万两零〇]+(?:点[一二三四五六七八九十]+)?)"
_VALUE = re.compile(
    rf"(?P<value>{_NUM}(?:\s*[-~—～至到]\s*{_NUM})?)\s*(?P<mult>万亿|亿|万|千)?(?P<unit>{'|'.join(map(re.escape, sorted(_UNITS, key=len, reverse=True)))})"
    r"(?P<qual>左右|以上|以内|以下|上下|)"
)
_METRIC_AFTER = re.compile(rf"的?({'|'.join(METRICS)})")
_YEAR = re.compile(r"((?:19|20)\d{2}|20\dx|20xx)(?=年|期间|时期|末)|(十[一二三四五六七八九]五)")
_PAST = re.compile(r"(完成了|实现了|达到了|比上年|同比|较上年|增长了|累计完成|全年完成|全年实现|过去一年|去年)")
_REVIEW_SECTION = re.compile(r"(回顾|过去|总结|成绩)")
_PLAN_CONTEXT = re.compile(r"(预期目标|主要目标|目标任务|发展目标|工作安排|重点工作|任务|计划|规划|安排)")


def _normalise_value(value: str, mult: str, unit: str) -> float | None:
    if re.search(r"[×xX]", value) or re.search(r"[-~—～至到]", value):
        return None
    try:
        number = float(value)
    except ValueError:
        try:
            import cn2an

            number = float(cn2an.cn2an(value, "smart"))
        except Exception:
            return None
    scale = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "": 1.0}[mult or ""]
    for prefix, factor in (("万亿", 1e12), ("亿", 1e8), ("万", 1e4)):
        if unit.startswith(prefix) and len(unit) > len(prefix):
            scale *= factor
            break
    return number * scale


_LEVEL_VERB = re.compile(r"(增长|达到|达|突破|超过|控制在|保持在|新增|提高到|提高|下降|实现|完成|投入|增加|减少|降低)")
_INDICATOR_END = re.compile(r"(率|量|额|值|数|收入|投资|企业|人员|人数|能力|产量|规模|比重|资金|总量|人次)$")
_METRIC_TRIM = re.compile(r"^(?:年内|全年|今年|明年|全市|全省|全区|全县|全国|力争|确保|争取|预计|计划|努力|使|将|要|并|和|、)+")


def _metric_phrase(clause_text: str) -> str:
    """The indicator a clause commits, when no known metric word names it: the words
    between the verb and the value (投入引导资金6000万元), else the words before the verb
    (入园企业达到7家)."""
    verbs = list(_LEVEL_VERB.finditer(clause_text))
    if not verbs:
        return ""
    verb = verbs[-1]
    between = clause_text[verb.end():].strip("的 ")
    if 2 <= len(between) <= 12 and not re.search(r"[0-9×%]", between) and _INDICATOR_END.search(between):
        return between
    phrase = _METRIC_TRIM.sub("", clause_text[: verb.start()]).strip("均都 ")
    phrase = re.sub(r"^(?:(?:19|20)\d{2}|20\dx)年", "", phrase)
    phrase = _METRIC_TRIM.sub("", phrase)
    return phrase if 2 <= len(phrase) <= 24 else ""


def extract_targets(doc, passages: list[Passage], links: DocumentLinks) -> list[Target]:
    """Targets and achievements, per value with a unit: see tests/data/README.md for
    what counts as a target (an indicator tied to a number, not a construction task)."""
    text = doc.text
    targets: list[Target] = []
    for passage_ord, passage in enumerate(passages):
        in_review = bool(_REVIEW_SECTION.search(passage.section))
        plan_context = bool(_PLAN_CONTEXT.search(passage.section))
        for sentence in passage.sentences:
            s_text = sentence.text
            previous_metric = ""
            previous_end = 0
            for m in _VALUE.finditer(s_text):
                value = m.group("value").strip()
                clause_start = max(s_text.rfind(ch, 0, m.start()) for ch in "，,；;：:") + 1
                # a second value in one clause starts its quote after the first (90%和98%以上)
                own_start = max(clause_start, previous_end)
                clause_text = s_text[clause_start:m.start()]
                own_text = s_text[own_start:m.start()]
                metric = max((w for w in METRICS if w in own_text), key=len, default="")
                after = _METRIC_AFTER.match(s_text, m.end())
                if after:  # 完成×亿元的产值: the metric follows the value
                    metric = after.group(1)
                phrase = "" if metric else _metric_phrase(own_text)
                bare = own_text.strip("、和及 ")
                if not metric and not phrase and previous_metric and (not bare or _LEVEL_VERB.match(bare)):
                    metric = previous_metric  # 地区生产总值增长20%，达到282亿元 / 90%和98%以上
                if re.fullmatch(r"[一二三四五六七八九十两]", value) and m.group("unit") in ("个", "项", "家", "所"):
                    continue  # 一个, 两项: counting words, not targets
                strength = next((w for w in STRENGTHS if w in clause_text), "")
                if not strength:
                    strength = next((w for w in STRENGTHS if w in s_text[: m.start()]), "")
                if not strength:
                    # 主要预期目标是：A增长20%，达到282亿元；B增长20%…: the list's lead-in speaks
                    # for every item up to the full stop, across its semicolons
                    lead = text[passage.char_start:sentence.char_start]
                    lead = lead[lead.rfind("。") + 1:]
                    strength = next((w for w in STRENGTHS if w in lead), "")
                past = bool(_PAST.search(clause_text)) or in_review
                if in_review or (past and not strength):
                    if not metric:
                        continue
                    kind = "achievement"  # 预计 in a review is last year's estimate, not a promise
                elif strength and (metric or phrase):
                    kind = "target"
                elif (plan_context and _LEVEL_VERB.search(own_text)
                      and (metric or _INDICATOR_END.search(phrase))):
                    kind, strength = "target", "其他"
                else:
                    continue
                metric = metric or phrase
                previous_metric, previous_end = metric, m.end()
                year_m = None
                for y in _YEAR.finditer(s_text[: m.start()]):
                    year_m = y
                year = (year_m.group(1) or year_m.group(2)) if year_m else (doc.year if kind == "target" else "")
                q_start = sentence.char_start + own_start
                while q_start < sentence.char_end and (text[q_start].isspace() or text[q_start] in "、和及"):
                    q_start += 1
                q_end = sentence.char_start + (after.end() if after else m.end())
                cluster, park, resolution = links.scope_of(q_start, q_end)
                targets.append(Target(
                    kind=kind, year=year, strength=strength, metric=metric, value=value,
                    value_normalised=_normalise_value(value, m.group("mult") or "", m.group("unit")),
                    unit=(m.group("mult") or "") + m.group("unit"), qualifier=m.group("qual") or "",
                    cluster=cluster, park=park, resolution=resolution,
                    char_start=q_start, char_end=q_end, quote=text[q_start:q_end], passage_ord=passage_ord,
                ))
    return targets


