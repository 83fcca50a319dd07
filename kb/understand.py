"""Query understanding: the place, time and kind of document a question asks about.

An official who asks "安徽今年…目标定在多少" means Anhui's latest report, not any province's.
`understand` reads the place (kb.places), an explicit year, a relative year and a document
type out of the question; `preference` turns that into a soft score in [0, 1] for one document,
which the search fuses as one more ranking (a preference, never a filter).

Relative years are read against the documents, not the clock (a 2013 district report says
今年 of 2013):

- 今年/本年 (offset 0): the latest document of the place, whose targets are "this year's".
- 去年/上年 (-1): also the latest document, whose review covers the year before it;
  the one before it scores half.
- 前年 (-2): the document one year older than the latest (its review covers that year).
- 明年/来年 (+1), 后年 (+2): the latest document, the only one that plans ahead.
- 那年/当年: a year named earlier in a conversation; recorded, not scored.

In short, the target document year is latest + min(0, offset + 1), where latest is the newest
year among the documents of that document's place. A document dated 202x (a placeholder for a
current, undated year) scores half on any relative time, since it cannot be ordered.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace

from kb.places import NATIONAL, Place, places_in

# Document types a question can ask for, with the words that name them; longest word first.
DOC_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("政府工作报告", "报告"), ("工作报告", "报告"), ("报告", "报告"),
    ("讲话", "讲话"), ("发言", "讲话"), ("致辞", "讲话"), ("务虚会", "讲话"),
    ("通知", "通知"), ("通报", "通知"),
    ("指导意见", "意见"), ("实施意见", "意见"), ("意见", "意见"),
    ("五年计划", "规划"), ("规划", "规划"), ("纲要", "规划"),
    ("地方性法规", "条例"), ("条例", "条例"), ("法规", "条例"),
    ("实施细则", "办法"), ("细则", "办法"), ("办法", "办法"),
    ("方案", "方案"), ("规定", "规定"), ("批复", "批复"), ("决定", "决定"),
)
DOC_TYPES = tuple(dict.fromkeys(t for _, t in DOC_TYPE_WORDS))

RELATIVE_OFFSETS: dict[str, int | None] = {
    "今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2,
    "明年": 1, "来年": 1, "后年": 2, "那年": None, "当年": None,
}

_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_CN = "〇零一二三四五六七八九"
_YEAR_4 = re.compile(r"(?<!\d)((?:1[89]|20)\d\d)(?!\d)(?:\s*年|(?![\d万亿元个件家人%.]))")
_YEAR_CN_4 = re.compile(rf"(?<![{_CN}十百千万两])([{_CN}]{{4}})年")
# 九四年, 五七年; not 三五年内 (three to five years) nor 二十年
_YEAR_CN_2 = re.compile(rf"(?<![{_CN}十百千万两])([{_CN}]{{2}})年(?!内|间|来|左右|多|以[上下内])")
_YEAR_PLACEHOLDER = re.compile(r"(?<![0-9])(20[0-9])[x×X](?![0-9a-z])")
_RELATIVE = re.compile("|".join(RELATIVE_OFFSETS))
# 八十年代末, 上世纪五十年代中期: a decade of the last century and the part of it named
_DECADE = re.compile(r"(?<!本世纪)(?<!二十一世纪)(?<!21世纪)([三四五六七八九])十年代(初期|初|中期|中|末期|末|后期)?")
_DECADE_PART = {"初": (0, 3), "初期": (0, 3), "中": (3, 7), "中期": (3, 7), "末": (7, 9), "末期": (7, 9), "后期": (6, 9)}


@dataclass(frozen=True)
class Understood:
    """What a question names: its place(s), year, relative year and document type."""

    query: str
    places: tuple[Place, ...] = ()
    year: int | None = None
    years: tuple[int, ...] = ()
    year_placeholder: str | None = None
    relative: str | None = None
    doc_type: str | None = None
    period: tuple[int, int] | None = None  # first and last year of a decade named (八十年代末)

    @property
    def place(self) -> Place | None:
        return self.places[0] if self.places else None

    @property
    def offset(self) -> int | None:
        return RELATIVE_OFFSETS.get(self.relative) if self.relative else None

    def names_place_or_time(self) -> bool:
        """What can single documents out; a type word alone cannot (see search.preference_ranking)."""
        return bool(self.places or self.year or self.year_placeholder or self.relative or self.period)

    def is_empty(self) -> bool:
        return not (self.names_place_or_time() or self.doc_type)

    def to_json(self) -> dict:
        """The `understood` object of `kb ask --json`."""
        place = self.place
        return {
            "place": place.name if place else None,
            "place_level": place.level if place else None,
            "province": place.province if place else None,
            "places": [p.name for p in self.places],
            "year": self.year,
            "year_placeholder": self.year_placeholder,
            "relative": self.relative,
            "relative_offset": self.offset,
            "doc_type": self.doc_type,
            "period": list(self.period) if self.period else None,
        }


def _cn_number(digits: str) -> int:
    return int("".join(_CN_DIGIT[c] for c in digits))


def _two_digit_year(yy: int, today_year: int) -> int:
    """九四 -> 1994, 二三 -> 2023: the latest year ending in yy that is not after today_year."""
    year = 2000 + yy
    return year if year <= today_year else 1900 + yy


def years_in(text: str, today_year: int | None = None) -> list[int]:
    """Explicit years in order: 2025, 2025年, 二〇二五年, 九四年 (two digits: the latest such year
    not after today_year, the clock's year by default). Arabic two-digit years (10年) are counts."""
    today = today_year or datetime.date.today().year
    found: list[tuple[int, int]] = []
    found += [(m.start(), int(m.group(1))) for m in _YEAR_4.finditer(text)]
    found += [(m.start(), _cn_number(m.group(1))) for m in _YEAR_CN_4.finditer(text)]
    found += [(m.start(), _two_digit_year(_cn_number(m.group(1)), today)) for m in _YEAR_CN_2.finditer(text)]
    return list(dict.fromkeys(y for _, y in sorted(found)))


def period_in(text: str) -> tuple[int, int] | None:
    """八十年代 -> (1980, 1989); 八十年代末 -> (1987, 1989); 五十年代中期 -> (1953, 1957)."""
    m = _DECADE.search(text)
    if not m:
        return None
    start = 1900 + 10 * int(_CN_DIGIT[m.group(1)])
    first, last = _DECADE_PART.get(m.group(2) or "", (0, 9))
    return start + first, start + last


def doc_type_in(text: str) -> str | None:
    """The document type a text names; the last one written wins (关于印发…办法的通知 -> 通知)."""
    best: tuple[int, str] | None = None
    for word, doc_type in DOC_TYPE_WORDS:
        at = text.rfind(word)
        if at >= 0 and (best is None or at + len(word) > best[0]):
            best = (at + len(word), doc_type)
    return best[1] if best else None


def understand(query: str, today_year: int | None = None) -> Understood:
    """Read place, year, relative year and document type from a question (see module docstring)."""
    from kb.tokenize import fold

    folded = fold(query)
    years = years_in(folded, today_year)
    placeholder = _YEAR_PLACEHOLDER.search(folded)
    relative = _RELATIVE.search(folded)
    return Understood(
        query=query,
        places=tuple(places_in(query)),
        year=years[0] if years else None,
        years=tuple(years),
        year_placeholder=placeholder.group(0).replace("×", "x").lower() if placeholder else None,
        relative=relative.group(0) if relative else None,
        doc_type=doc_type_in(folded),
        period=None if years else period_in(folded),
    )


@dataclass(frozen=True)
class DocMeta:
    """What preference needs to know of a document; place_latest_year comes from mark_latest."""

    path: str
    title: str = ""
    year: str = ""
    doc_type: str = ""
    place: Place | None = None
    place_latest_year: int | None = field(default=None, compare=False)

    @property
    def year_number(self) -> int | None:
        return int(self.year) if self.year.isdigit() else None


def mark_latest(docs: list[DocMeta]) -> list[DocMeta]:
    """Fill each document's place_latest_year: the newest numeric year among documents of its place."""
    latest: dict[Place | None, int] = {}
    for doc in docs:
        if doc.year_number is not None:
            latest[doc.place] = max(latest.get(doc.place, doc.year_number), doc.year_number)
    return [replace(doc, place_latest_year=latest.get(doc.place)) for doc in docs]


def _place_score(asked: tuple[Place, ...], place: Place | None) -> float:
    """1 for the place asked, 0.6 for a place inside it, 0.3 for the province around it."""
    if place is None:
        return 0.0
    best = 0.0
    for wanted in asked:
        if place == wanted:
            return 1.0
        if wanted is not NATIONAL and place.within(wanted):
            best = max(best, 0.6)
        elif place is not NATIONAL and wanted.within(place):
            best = max(best, 0.3)
    return best


def _year_score(understood: Understood, doc: DocMeta) -> float:
    """1 for the year asked; 0.6 for the next year's document (it reviews the year); 0.3 the year before."""
    if understood.year_placeholder:
        return 1.0 if doc.year.lower().replace("×", "x") == understood.year_placeholder else 0.0
    year, asked = doc.year_number, understood.year
    if asked is None:
        return 0.0
    if year is None:
        placeholder = _YEAR_PLACEHOLDER.fullmatch(doc.year.lower())
        return 0.3 if placeholder and str(asked).startswith(placeholder.group(1)) else 0.0
    return {0: 1.0, 1: 0.6, -1: 0.3}.get(year - asked, 0.0)


def _relative_score(offset: int, doc: DocMeta) -> float:
    """Against the latest document of the doc's own place: target year latest + min(0, offset + 1)."""
    year, latest = doc.year_number, doc.place_latest_year
    if year is None:
        return 0.5 if _YEAR_PLACEHOLDER.fullmatch(doc.year.lower()) else 0.0
    if latest is None:
        return 0.0
    target = latest + min(0, offset + 1)
    if year == target:
        return 1.0
    return 0.5 if abs(year - target) == 1 and year <= latest else 0.0


def _type_score(doc_type: str, doc: DocMeta) -> float:
    if doc.doc_type == doc_type:
        return 1.0
    return 0.5 if any(word in doc.title for word, t in DOC_TYPE_WORDS if t == doc_type) else 0.0


# How much each understood part weighs when the question states it.
WEIGHTS = {"place": 0.5, "time": 0.3, "type": 0.2}


def preference(understood: Understood, doc: DocMeta) -> float:
    """Soft boost in [0, 1]: how well a document fits the place, time and type the question names.

    Only the parts the question states count, each weighted by WEIGHTS and normalised, so a
    document that fits everything asked scores 1 and a question that names nothing gives 0.
    """
    parts: list[tuple[float, float]] = []
    if understood.places:
        parts.append((WEIGHTS["place"], _place_score(understood.places, doc.place)))
    if understood.year is not None or understood.year_placeholder:
        parts.append((WEIGHTS["time"], _year_score(understood, doc)))
    elif understood.offset is not None:
        parts.append((WEIGHTS["time"], _relative_score(understood.offset, doc)))
    elif understood.period is not None:
        first, last = understood.period
        in_period = doc.year_number is not None and first <= doc.year_number <= last
        parts.append((WEIGHTS["time"], 1.0 if in_period else 0.0))
    if understood.doc_type:
        parts.append((WEIGHTS["type"], _type_score(understood.doc_type, doc)))
    total = sum(w for w, _ in parts)
    return sum(w * s for w, s in parts) / total if total else 0.0
