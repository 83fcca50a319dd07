"""Quantities in Chinese policy text: a number (or placeholder), a multiplier and a unit or
measure word, with the qualifier that follows.

A grammar, not a list of metrics: the unit is any measure word of kb/data/measure_words.txt,
optionally a multiplier before it (万, 亿), a compound unit (微克/立方米, 万吨/日) and a
qualifier (左右, 以上, 以内). Number parsing of Chinese numerals is cn2an's; jionlp was tried and
left out (see normalise_value).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

_CN_DIGITS = "零〇一二三四五六七八九十百千两"
_ARABIC = r"\d+(?:[.．]\d+)?"
_PLACEHOLDER = r"[×xX]+(?:[.．][×xX]+)?"
_CHINESE = rf"[一二三四五六七八九十两][{_CN_DIGITS}万亿]*(?:点[{_CN_DIGITS}]+)?"
_ROMAN = r"[ⅠⅡⅢⅣⅤⅥ]+|(?<![A-Za-z])(?:IV|V|I{1,3})(?![A-Za-z])"
NUMBER = rf"(?:{_ARABIC}|{_PLACEHOLDER}|{_CHINESE})"
_KILO_UNITS = ("千米", "千克", "千瓦", "千伏", "千瓦时", "千公顷")
QUALIFIERS = ("左右", "以上", "以内", "以下", "上下", "多")


@lru_cache(maxsize=1)
def measure_words() -> tuple[str, ...]:
    """Units and measure words, longest first so 平方公里 wins over 公里 and 万吨 over 吨."""
    lines = (DATA / "measure_words.txt").read_text(encoding="utf-8").splitlines()
    words = {w.strip() for line in lines for w in line.split("#")[0].split() if w.strip()}
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def quantity_pattern() -> re.Pattern[str]:
    """value, optional range end, multiplier, unit (with a /time or /volume denominator),
    qualifier. A bare multiplier is a unit too (为200万中小学生), 零 before a happening is a
    quantity (事件零发生), and a Roman numeral before 类 is a water-quality class."""
    units = "|".join(map(re.escape, measure_words()))
    per = r"(?:/(?:立方米|平方米|日|天|年|小时|秒|升|吨|人|千瓦时|标准立方米))?"
    return re.compile(
        rf"(?<![“《〈「\d.．{_CN_DIGITS}])(?P<value>{NUMBER}(?:\s*[-~—～至到]\s*{NUMBER})?)\s*"
        rf"(?P<mult>万亿|萬億|亿|億|万|萬|千)?(?P<unit>(?:{units}){per})?"
        rf"(?P<qual>{'|'.join(QUALIFIERS)})?"
        rf"|(?P<roman>{_ROMAN})(?P<class>类)"
        rf"|(?<![趋近])(?P<zero>零)(?=发生|排放|填埋|事故|死亡|伤亡|感染|污染)"
    )


@dataclass(frozen=True)
class Quantity:
    """One quantity of a sentence: offsets are into the text that was scanned."""

    start: int
    end: int
    value: str
    unit: str  # multiplier and unit as written: 万人, 亿元, 万吨/日
    qualifier: str
    chinese: bool  # written in Chinese numerals (两个, 三十): often a name or a figure of speech


def _is_chinese_number(value: str) -> bool:
    return bool(re.fullmatch(_CHINESE, value))


def find_quantities(text: str) -> list[Quantity]:
    """Every value with a unit (or a multiplier) in text; bare numbers and dates are left out."""
    found = []
    for m in quantity_pattern().finditer(text):
        if m.group("zero"):
            found.append(Quantity(m.start(), m.end(), "零", "", "", True))
            continue
        if m.group("roman"):
            found.append(Quantity(m.start(), m.end(), m.group("roman"), "类", "", False))
            continue
        value, mult, unit = m.group("value"), m.group("mult") or "", m.group("unit") or ""
        if not unit and not mult:
            continue
        if not unit and mult and not _bare_multiplier_ok(text, m.end()):
            continue
        qualifier = m.group("qual") or ""
        end = m.end()
        if qualifier == "多":  # 3000多万元: 多 sits between value and unit; leave it out
            qualifier, end = "", end - 1
        found.append(Quantity(m.start(), end, value.strip(), mult + unit, qualifier, _is_chinese_number(value)))
    return found


def _bare_multiplier_ok(text: str, end: int) -> bool:
    """为200万中小学生: a count in 万 of people or things named right after, not 万 ending a clause."""
    return end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in "余多元"


def normalise_value(value: str, unit: str) -> float | None:
    """The number a value and unit stand for (1.5 万亿元 -> 1.5e12); None for placeholders,
    ranges and classes. cn2an reads Chinese numerals; jionlp (money, time parsing) was measured
    and not taken: with its jiojio dependency it is 218 MB and its import pulls requests and
    network-facing modules, while only number reading is needed here."""
    if re.search(r"[×xX]|[-~—～至到]|[ⅠⅡⅢⅣⅤⅥ]", value) or unit == "类":
        return None
    plain = unicodedata.normalize("NFKC", value).replace("．", ".")
    try:
        number = float(plain)
    except ValueError:
        try:
            import cn2an

            number = float(cn2an.cn2an(plain, "smart"))
        except (ValueError, KeyError, TypeError, IndexError):
            return None
    for prefix, factor in (("万亿", 1e12), ("萬億", 1e12), ("亿", 1e8), ("億", 1e8), ("万", 1e4), ("萬", 1e4),
                           ("千", 1e3)):
        if unit.startswith(prefix) and unit not in _KILO_UNITS:
            number *= factor
            break
    return number
