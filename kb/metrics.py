"""Metric meaning: when two differently worded metrics name the same indicator.

Reports word one indicator several ways (城镇新增就业 / 新增城镇就业, 居民消费价格涨幅 /
居民消费价格上涨 / CPI). Matching is in two steps, both pure:

1. a table of canonical indicators with their variants, kept as data with sources
   (kb/data/indicators.toml): the longest variant contained in the metric names it;
2. otherwise the metric is reduced to its content words (jieba, with change words such
   as 增长/涨幅/上涨/目标 and scope words such as 全区/全年 dropped) and two metrics match
   when one word set contains the other and they share at least two characters' worth
   of words, or their Jaccard overlap is at least `WORD_OVERLAP`.

国内生产总值 and 地区生产总值 deliberately share one canonical name: they are the same kind
of indicator, and the issuer (never the metric word) keeps the national and a local one
apart. Nothing here forces a pair: `match_metrics` returns what it could not match.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .tokenize import fold, plain_tokenizer

WORD_OVERLAP = 0.6
# change and framing words: they say how a metric moves, not what it is
_CHANGE_WORDS = re.compile(
    r"(预期增长目标|预期目标|增长目标|目标|预期|增长率|增速|增幅|增长|涨幅|上涨|下降|降低|减少|提高|提升|"
    r"达到|完成|实现|突破|超过|控制在|保持在|保持|拟定为|拟按|安排|力争|确保|争取|预计|比上年|同比|"
    r"全年|今年|去年|全区|全市|全省|全国|全县|年内|年均|累计|平均|总体|的)"
)
# words that turn an indicator into another one (地区生产总值比重 is a share, not the GDP)
_MODIFIERS = ("比重", "占比", "比例", "人均", "单位")
_PUNCT = re.compile(r"[\s，,、；;：:（）()“”\"'《》\[\]【】]")


@dataclass(frozen=True)
class Indicator:
    name: str
    direction: str  # up | down | band
    family: str
    source: str


@dataclass(frozen=True)
class MetricKey:
    """What a metric means: a canonical indicator, or (unknown) its content words."""

    name: str  # canonical name, or the cleaned metric text when not in the table
    words: frozenset[str]
    indicator: Indicator | None

    @property
    def direction(self) -> str:
        return self.indicator.direction if self.indicator else "up"

    @property
    def family(self) -> str:
        return self.indicator.family if self.indicator else self.name


@cache
def indicator_table() -> tuple[tuple[str, Indicator], ...]:
    """(variant, indicator) pairs, longest variant first."""
    data = tomllib.loads(resources.files("kb.data").joinpath("indicators.toml").read_text(encoding="utf-8"))
    pairs: list[tuple[str, Indicator]] = []
    for entry in data.get("indicator", []):
        indicator = Indicator(entry["name"], entry.get("direction", "up"), entry.get("family", entry["name"]),
                              entry.get("source", ""))
        pairs.extend((fold(variant).upper(), indicator) for variant in entry["variants"])
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


def content_words(metric: str) -> frozenset[str]:
    """The words that say what is measured, without change or framing words."""
    cleaned = _CHANGE_WORDS.sub(" ", _PUNCT.sub(" ", fold(metric).upper()))
    return frozenset(w for w in plain_tokenizer().cut(cleaned, whole_words=True) if w.strip() and not re.fullmatch(r"[\d.%％]+", w))


@cache
def metric_key(metric: str) -> MetricKey:
    """The meaning of a metric as written in a document."""
    upper = fold(metric).upper()  # 國內生產總值 and ＣＰＩ read as 国内生产总值 and CPI
    for variant, indicator in indicator_table():
        if variant in upper:
            modifiers = [m for m in _MODIFIERS if m in upper and m not in variant]
            if modifiers:  # 中西部地区生产总值比重: another indicator, matched by its words
                break
            return MetricKey(indicator.name, frozenset({indicator.name}), indicator)
    words = content_words(metric)
    return MetricKey("".join(sorted(words)) or metric.strip(), words, None)


def metric_similarity(a: str, b: str) -> float:
    """1.0 for the same canonical indicator, 0.0 for two different ones, else word overlap."""
    key_a, key_b = metric_key(a), metric_key(b)
    if key_a.indicator or key_b.indicator:
        return 1.0 if key_a.name == key_b.name else 0.0
    if not key_a.words or not key_b.words:
        return 0.0
    shared = key_a.words & key_b.words
    if (key_a.words <= key_b.words or key_b.words <= key_a.words) and sum(map(len, shared)) >= 2:
        return max(WORD_OVERLAP, len(shared) / len(key_a.words | key_b.words))
    return len(shared) / len(key_a.words | key_b.words)


def same_metric(a: str, b: str) -> bool:
    return metric_similarity(a, b) >= WORD_OVERLAP


def same_family(a: str, b: str) -> bool:
    """Two indicators on another basis of one thing (纯收入 vs 可支配收入): not comparable."""
    key_a, key_b = metric_key(a), metric_key(b)
    return bool(key_a.indicator and key_b.indicator and key_a.family == key_b.family)


def match_metrics(left: list[str], right: list[str]) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """Pair metrics of two lists by meaning, best first, each used once; return the pairs
    and the metrics of each side left unmatched (shown, never forced into a pair)."""
    scored = sorted(
        ((metric_similarity(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[tuple[str, str]] = []
    for score, i, j in scored:
        if score < WORD_OVERLAP or i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append((left[i], right[j]))
    return (pairs, [m for i, m in enumerate(left) if i not in used_left],
            [m for j, m in enumerate(right) if j not in used_right])
