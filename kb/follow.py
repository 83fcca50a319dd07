"""Follow-through: pair each forward commitment with the result later reported for it.

A pure step over target rows (kb.targets output plus the document's issuer and year):
for a target of year Y by an issuer, the result is an achievement of the same issuer,
the same metric (by meaning, kb.metrics) and the same year Y, from another document
(the next year's report review, a half-year speech). Values are compared in one base
unit (万亿元/亿元/万元 → 元, 万人 → 人, 个百分点 → %).

Status rules (documented for auditors; the gold files follow them):

- 以上 / 不低于 / 超过 (and a bare value of an "up" indicator): met when result ≥ target.
- 以内 / 以下 / 低于 / 不超过 (and a bare value of a "down" indicator): met when result ≤ target.
- 左右: within the tolerance, which is in percentage points for a % target and relative
  (tolerance % of the target) for any other unit. An "up" indicator (生产总值, 就业) is
  met from target − tolerance upwards, a "down" one (物价, 失业率) up to target +
  tolerance, a "band" one (M2, 赤字) only within ± tolerance; a bare value of a band
  indicator counts as 左右.
- a range (6%-6.5%): met when the whole range is reached (≥ the upper end for "up"),
  partly when only its near end is (between the ends), not_met below it.
- no_report: no result of that issuer, metric and year in any other document.
- not_comparable: the only results are in another unit (增长% vs 亿元) or on another
  basis of the same indicator (纯收入 vs 可支配收入), or a value is a placeholder (×).

A result's year is the year its sentence names, else the year before its document's
(a work report, given early in the year, reviews the last one). Results over several
years (年均, 累计, 五年来) are never a single year's result.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .metrics import content_words, indicator_table, metric_key, metric_similarity, same_family
from .tokenize import fold

_MULTI_YEAR = re.compile(r"年均|累计|五年来|以来|平均每年")
# a paragraph that opens on a period (五年来，… / 过去五年 / “十二五”时期) reports that period
_PERIOD_LEAD = re.compile(r"^\s*(?:——)?(?:过去|这|近)?[两三四五六七八九十\d]+年(?:来|间|中|里|，)|^\s*“?十[一二三四五六七八九]五”?(?:时期|期间)")
_SHARE = re.compile(r"比重|占比|比例|占.{1,12}的?比")
_AT_MOST = re.compile(r"低于|不超过|不高于|控制在.{0,6}以内|以内|以下")
_AT_LEAST = re.compile(r"以上|不低于|不少于|超过|突破")
_CHANGE = re.compile(r"增长|增速|增幅|上涨|涨幅|下降|降低|减少|提高")
_RANGE_START = re.compile(r"^[-－~—～至到]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SCALE = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3))
_PERCENT_UNITS = ("%", "％", "个百分点", "百分点")
STATUSES = ("met", "not_met", "partly", "no_report", "not_comparable")


@dataclass
class TargetRow:
    """One extracted target or achievement, with the document facts follow needs."""

    id: str
    doc: str
    issuer: str
    doc_year: str
    kind: str  # target | achievement
    year: str
    metric: str
    value: str
    value_normalised: float | None
    unit: str
    qualifier: str
    quote: str
    char_start: int
    char_end: int
    lead: str = ""  # the paragraph before the quote: names the metric of 同比增长21% and a 五年来 framing


@dataclass
class Pair:
    issuer: str
    year: str
    metric: str  # canonical name (kb.metrics)
    status: str
    target: TargetRow
    result: TargetRow | None
    target_value: tuple[float, float] | None  # (low, high) in base_unit; low == high unless a range
    result_value: float | None
    base_unit: str
    rule: str  # the comparison applied, in words (Chinese: the report shows it)

    def to_json(self) -> dict:
        """One object per pair, as `kb follow --json` prints it."""
        t, r = self.target, self.result
        return {
            "issuer": self.issuer, "year": self.year, "metric": self.metric, "status": self.status,
            "target_id": t.id, "target_doc": t.doc, "target_quote": t.quote, "target_value": t.value,
            "target_unit": t.unit, "target_qualifier": t.qualifier, "target_start": t.char_start,
            "target_end": t.char_end, "target_metric": t.metric,
            "result_id": r.id if r else None, "result_doc": r.doc if r else None,
            "result_quote": r.quote if r else None, "result_value": r.value if r else None,
            "result_unit": r.unit if r else None, "result_start": r.char_start if r else None,
            "result_end": r.char_end if r else None,
            "target_low": self.target_value[0] if self.target_value else None,
            "target_high": self.target_value[1] if self.target_value else None,
            "result_normalised": self.result_value, "base_unit": self.base_unit, "rule": self.rule,
        }


def base_unit(unit: str) -> tuple[str, float]:
    """(base unit, factor): 万亿元 → (元, 1e12), 个百分点 → (%, 1), 万人 → (人, 1e4)."""
    unit = unit.strip()
    if unit in _PERCENT_UNITS:
        return "%", 1.0
    for prefix, factor in _SCALE:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            rest, inner = base_unit(unit[len(prefix):])
            return rest, factor * inner
    return unit, 1.0


def _number(text: str) -> float | None:
    text = text.strip()
    if not text or re.search(r"[×xX]", text):
        return None
    try:
        return float(text)
    except ValueError:
        try:
            import cn2an

            return float(cn2an.cn2an(text, "smart"))
        except Exception:
            return None


def row_values(row: TargetRow) -> tuple[float, float] | None:
    """(low, high) of a row in its base unit; a range (5-5.5) gives two ends."""
    _, factor = base_unit(row.unit)
    parts = re.split(r"\s*[-－~—～至到]\s*", row.value.strip()) if not row.value.startswith("-") else [row.value]
    numbers = [_number(p) for p in parts if p]
    if numbers and all(n is not None for n in numbers):
        return min(numbers) * factor, max(numbers) * factor
    if row.value_normalised is not None and len(parts) == 1:
        return row.value_normalised, row.value_normalised
    return None


def bound_of(row: TargetRow) -> str:
    """at_least | at_most | about | '' from the qualifier and the words before the value."""
    qualifier = row.qualifier or ""
    if qualifier in ("左右", "上下"):
        return "about"
    head = row.quote
    if _AT_MOST.search(qualifier) or _AT_MOST.search(head):
        return "at_most"
    if _AT_LEAST.search(qualifier) or _AT_LEAST.search(head):
        return "at_least"
    return ""


def merge_ranges(rows: list[TargetRow]) -> list[TargetRow]:
    """Join 6%-6.5% split into two rows (6% and -6.5%) back into one range row."""
    merged: list[TargetRow] = []
    for row in rows:
        last = merged[-1] if merged else None
        if (last and last.doc == row.doc and last.kind == row.kind and _RANGE_START.match(row.quote)
                and 0 <= row.char_start - last.char_end <= 1 and base_unit(last.unit)[0] == base_unit(row.unit)[0]):
            low = last.value.rstrip("%％")
            merged[-1] = TargetRow(**{**asdict(last), "value": f"{low}-{row.value}", "qualifier": row.qualifier,
                                      "quote": last.quote + row.quote, "char_end": row.char_end})
            continue
        merged.append(row)
    return merged


def effective_metric(row: TargetRow) -> str:
    """The metric a row measures, read from its own words first: the quote before the
    value (农民人均纯收入达到16892元 when the extractor says 收入), then the extractor's
    metric, then, for a bare 同比增长21%, the last indicator named earlier in its sentence."""
    number = _NUMBER.search(row.quote)
    prefix = row.quote[: number.start()] if number else row.quote
    if _SHARE.search(prefix):
        return prefix  # 研发支出占国内生产总值比重: a share, matched by its words only
    for text in (prefix, row.metric):
        key = metric_key(text)
        if key.indicator:
            return text
    if content_words(row.metric) or not row.lead:
        return row.metric or prefix
    sentence = re.split(r"[。！？]", row.lead)[-1]
    folded = fold(sentence).upper()
    named = [(folded.rfind(v), v) for v, _ in indicator_table() if v in folded]
    return max(named)[1] if named else row.metric


def result_year(row: TargetRow) -> str:
    if row.year:
        return row.year
    return str(int(row.doc_year) - 1) if row.doc_year.isdigit() else ""


def _is_year(year: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d|20\dx", year))


def _dedupe_targets(targets: list[TargetRow]) -> list[TargetRow]:
    """One target per issuer, year, metric, unit, value and bound: a report restates its
    growth target (增长7.5%左右 … 增长预期目标定为7.5%左右); the first statement stands."""
    seen: set[tuple] = set()
    kept: list[TargetRow] = []
    for row in targets:
        key = (row.issuer, row.year, metric_key(effective_metric(row)).name, base_unit(row.unit)[0], row_values(row), bound_of(row))
        if key in seen:
            continue
        seen.add(key)
        kept.append(row)
    return kept


def _candidates(target: TargetRow, results: list[TargetRow]) -> list[tuple[tuple, TargetRow, bool]]:
    """Results that could report on the target, each with a rank key and whether it is
    the same metric (False: only the same family, another basis)."""
    found = []
    unit = base_unit(target.unit)[0]
    target_change = bool(_CHANGE.search(target.quote))
    target_metric = effective_metric(target)
    for row in results:
        if row.issuer != target.issuer or row.doc == target.doc or result_year(row) != target.year:
            continue
        if target.year.isdigit() and row.doc_year.isdigit() and int(row.doc_year) < int(target.year):
            continue
        if _MULTI_YEAR.search(row.quote) or _PERIOD_LEAD.search(row.lead):
            continue
        similarity = metric_similarity(target_metric, effective_metric(row))
        same = similarity >= 0.6
        if not same and not same_family(target_metric, effective_metric(row)):
            continue
        year_gap = abs(int(row.doc_year) - int(target.year) - 1) if row.doc_year.isdigit() and target.year.isdigit() else 9
        rank = (same, base_unit(row.unit)[0] == unit, bool(row.year), bool(_CHANGE.search(row.quote)) == target_change,
                similarity, -year_gap, -row.char_start)
        found.append((rank, row, same))
    found.sort(key=lambda item: item[0], reverse=True)
    return found


def judge(target: tuple[float, float], result: float, bound: str, direction: str, percent: bool,
          tolerance: float) -> tuple[str, str]:
    """(status, rule in words) for one numeric comparison; see the module docstring."""
    low, high = target
    if low != high:
        if direction == "down":
            status = "met" if result <= low else "partly" if result <= high else "not_met"
        elif direction == "band":
            status = "met" if low <= result <= high else "not_met"
        else:
            status = "met" if result >= high else "partly" if result >= low else "not_met"
        return status, f"区间 {low:,.10g}–{high:,.10g}"
    slack = tolerance if percent else abs(low) * tolerance / 100
    if bound == "about" or (not bound and direction == "band"):
        if direction == "up":
            return ("met" if result >= low - slack else "not_met"), f"左右：≥ {low - slack:,.10g}"
        if direction == "down":
            return ("met" if result <= low + slack else "not_met"), f"左右：≤ {low + slack:,.10g}"
        return ("met" if abs(result - low) <= slack else "not_met"), f"左右：{low:,.10g} ± {slack:,.10g}"
    if bound == "at_most" or (not bound and direction == "down"):
        return ("met" if result <= low else "not_met"), f"≤ {low:,.10g}"
    return ("met" if result >= low else "not_met"), f"≥ {low:,.10g}"


def _pair_one(target: TargetRow, results: list[TargetRow], tolerance: float) -> Pair:
    key = metric_key(effective_metric(target))
    unit = base_unit(target.unit)[0]
    target_value = row_values(target)
    candidates = _candidates(target, results)
    if not candidates:
        return Pair(target.issuer, target.year, key.name, "no_report", target, None, target_value, None, unit,
                    "未找到同一发布主体、指标、年份的结果")
    _, result, same_metric = candidates[0]
    result_values = row_values(result)
    result_value = result_values[1] if result_values else None
    if not same_metric:
        rule = f"口径不同：{effective_metric(target)} 与 {effective_metric(result)}"
        return Pair(target.issuer, target.year, key.name, "not_comparable", target, result, target_value,
                    result_value, unit, rule)
    if base_unit(result.unit)[0] != unit or target_value is None or result_values is None \
            or result_values[0] != result_values[1]:
        rule = f"单位不同：{target.unit} 与 {result.unit}" if base_unit(result.unit)[0] != unit else "数值不唯一"
        return Pair(target.issuer, target.year, key.name, "not_comparable", target, result, target_value,
                    result_value, unit, rule)
    status, rule = judge(target_value, result_value, bound_of(target), key.direction, unit == "%", tolerance)
    return Pair(target.issuer, target.year, key.name, status, target, result, target_value, result_value, unit, rule)


def follow(targets: list[TargetRow], results: list[TargetRow], tolerance: float = 0.5) -> list[Pair]:
    """One pair per forward commitment (kind target, a single year) with its status.

    `targets` and `results` may be the same list: kinds are filtered here. `tolerance`
    is the 左右 allowance: percentage points for % targets, percent of the target otherwise.
    """
    commitments = [r for r in merge_ranges(targets) if r.kind == "target" and _is_year(r.year) and r.issuer]
    reports = [r for r in merge_ranges(results) if r.kind == "achievement" and r.issuer]
    return [_pair_one(t, reports, tolerance) for t in _dedupe_targets(commitments)]


def unclaimed_results(pairs: list[Pair], results: list[TargetRow]) -> list[TargetRow]:
    """Achievements no target was paired with: shown to the auditor, never forced."""
    taken = {p.result.id for p in pairs if p.result}
    return [r for r in results if r.kind == "achievement" and r.id not in taken]


_ISSUER_SUFFIX = re.compile(r"(人民政府|人民代表大会常务委员会|人民代表大会|政府工作报告|政府|办公厅|（.*?）|\(.*?\))")
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,}?(?:特别行政区|自治区|自治州|自治县|省|市|盟|州|县|旗|新区|开发区|园区|区)")


def issuer_of(title: str, issuing_body: str = "") -> str:
    """Who sets and reports a target: 全国 for the State Council, else the most specific
    place of the issuing body (呼伦贝尔市海拉尔区人民政府 → 海拉尔区), else of the title;
    '' when neither names one, never a guess that mixes two places."""
    for text in (issuing_body, title):
        if not text:
            continue
        if text.startswith("国务院") or "中华人民共和国国务院" in text or text.startswith("中华人民共和国"):
            return "全国"
        cleaned = _ISSUER_SUFFIX.sub("|", re.sub(r"^(?:(?:19|20)\d{2}|20\dx|20xx)年(?:上半年|下半年|全年)?", "", text))
        head = cleaned.split("|")[0]
        places = _PLACE.findall(head)
        if places:
            return places[-1]
    return ""
