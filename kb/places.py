"""Places: which province, city or district a question names and which one issued a document.

The gazetteer is kb/data/places.tsv, derived from jionlp's administrative-division dictionary
by scripts/build_places.py (full names such as 安徽省 with their short forms 安徽/皖,
内蒙古自治区/内蒙古, 海拉尔区/海拉尔). `kb ask` runs in a fresh process, so the table is a
small TSV read once per process (a few ms) rather than the library itself.

Matching runs on folded text (traditional -> simplified, full-width -> half-width), longest
name first. A short form shared by several places (鼓楼, 朝阳) is resolved by the other places
named beside it (南京鼓楼 -> 南京市鼓楼区), else by level (朝阳 -> 朝阳市 over 朝阳区), else all
candidates are kept. National documents and questions (国务院, 全国, 中华人民共和国) give NATIONAL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LEVELS = ("national", "province", "city", "district")
_DEPTH = {level: i for i, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Place:
    """A place with its canonical (full) name, level and parents; NATIONAL is the whole country."""

    name: str
    level: str
    province: str | None = None
    city: str = ""
    adcode: str = ""
    short: str = ""

    def within(self, other: Place) -> bool:
        """True when self is other or lies inside it (海拉尔区 within 内蒙古自治区; all within 全国)."""
        if self == other or other.level == "national":
            return True
        if other.level == "province":
            return self.province == other.name
        return other.level == "city" and self.city == other.name

    def to_json(self) -> dict[str, str | None]:
        return {"name": self.name, "level": self.level, "province": self.province,
                "city": self.city or None, "short": self.short or None}


NATIONAL = Place("全国", "national", None, adcode="100000", short="全国")

# Words that make a text national: the State Council, the NPC, the PRC, the whole country.
_NATIONAL_WORDS = ("中华人民共和国", "全国人民代表大会", "全国人大", "国务院", "党中央", "全国", "我国")


@dataclass(frozen=True)
class Gazetteer:
    """Surface form -> the places it may name, plus the length of the longest form."""

    by_surface: dict[str, tuple[Place, ...]]
    province_chars: dict[str, Place]
    query_safe_chars: frozenset[str]
    longest: int


def _read_rows() -> tuple[list[list[str]], str]:
    text = resources.files("kb.data").joinpath("places.tsv").read_text(encoding="utf-8")
    rows, safe = [], ""
    for line in text.splitlines():
        if line.startswith("# Query-safe one-character forms:"):
            safe = line.split(":", 1)[1].strip()
        elif line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows, safe


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load places.tsv once per process."""
    rows, safe = _read_rows()
    by_surface: dict[str, list[Place]] = {}
    province_chars: dict[str, Place] = {}
    for name, level, adcode, province, city, aliases in rows:
        forms = [a for a in aliases.split(",") if a]
        short = forms[0] if forms and len(forms[0]) > 1 else name
        place = Place(name, level, province, city, adcode, short)
        for form in [name, *forms]:
            if len(form) == 1:
                province_chars[form] = place
            else:
                by_surface.setdefault(form, []).append(place)
    for word in _NATIONAL_WORDS:
        by_surface[word] = [NATIONAL]
    ordered = {k: tuple(sorted(v, key=lambda p: _DEPTH[p.level])) for k, v in by_surface.items()}
    return Gazetteer(ordered, province_chars, frozenset(safe), max(map(len, ordered)))


def _fold(text: str) -> str:
    from kb.tokenize import fold

    return fold(text)


def _word_boundaries(text: str) -> tuple[set[int], set[int]]:
    """Offsets where jieba (kb's tokenizer) starts or ends a word: plain cut, and search cut.

    The search cut also splits long words (北京市人民政府 -> 北京市, 人民政府), which a full
    name may end inside; a short form must sit on the plain cut's boundaries.
    """
    from kb.tokenize import plain_tokenizer

    plain, search = {0, len(text)}, {0, len(text)}
    for _word, start, end in plain_tokenizer().spans(text):
        plain.update((start, end))
    for _word, start, end in plain_tokenizer().spans(text, search_mode=True):
        search.update((start, end))
    return plain, search | plain


def _aligned(surface: str, candidates: tuple[Place, ...], start: int, bounds: tuple[set[int], set[int]]) -> bool:
    if candidates[0] is NATIONAL:
        return True  # 国务院, 全国: never part of another word that names something else
    full_name = any(p.name == surface for p in candidates)
    edges = bounds[1] if full_name else bounds[0]
    return start in edges and start + len(surface) in edges


def _scan(text: str, gaz: Gazetteer, single_chars: bool) -> list[tuple[Place, ...]]:
    """Longest-match scan: the candidate places of each name found, in order of appearance.

    A name must start and end on word boundaries, so 沿海港口 does not name 海港区 nor
    工农业 工农区; a one-character province form needs no boundary (粤港澳, 皖北).
    """
    found: list[tuple[Place, ...]] = []
    bounds = _word_boundaries(text)
    i = 0
    while i < len(text):
        for length in range(min(gaz.longest, len(text) - i), 1, -1):
            surface = text[i:i + length]
            candidates = gaz.by_surface.get(surface)
            if candidates and _aligned(surface, candidates, i, bounds):
                found.append(candidates)
                i += length
                break
        else:
            if single_chars and text[i] in gaz.query_safe_chars:
                found.append((gaz.province_chars[text[i]],))
            i += 1
    return found


def _resolve(found: list[tuple[Place, ...]]) -> list[Place]:
    """Pick, for each ambiguous name, the candidates that sit inside another place named."""
    unique = [c[0] for c in found if len(c) == 1]
    out: list[Place] = []
    for candidates in found:
        if len(candidates) > 1:
            inside = [p for p in candidates if any(p != u and p.within(u) for u in unique)]
            if inside:
                candidates = tuple(inside)
            else:
                top = _DEPTH[candidates[0].level]
                candidates = tuple(p for p in candidates if _DEPTH[p.level] == top)
        out.extend(p for p in candidates if p not in out)
    return out


def places_in(text: str) -> list[Place]:
    """Places a question or text names, in order, each once (short forms, traditional, full-width too)."""
    gaz = gazetteer()
    return _resolve(_scan(_fold(text), gaz, single_chars=True))


# 皖开放办〔2022〕6号, 京经信发〔2022〕87号: the first character of a document number is the
# issuing province's one-character name.
_DOC_NUMBER = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])[\u4e00-\u9fff]{0,6}[\[〔(（]\s*(?:19|20)\d\d\s*[\]〕)）]")


def _most_specific(places: list[Place]) -> Place | None:
    """The deepest local place (a district over its city over its province); national only if alone."""
    local = [p for p in places if p.level != "national"]
    if not local:
        return places[0] if places else None
    first = local[0]
    nested = [p for p in local if p.within(first) or first.within(p)]
    return max(nested, key=lambda p: _DEPTH[p.level])


def _issuer_part(title: str) -> str:
    """The issuer at the head of a title (国务院办公厅关于… -> 国务院办公厅), else the whole title."""
    head = re.split(r"关于|印发|转发", title, maxsplit=1)[0]
    return head if head and head != title else title


def place_of_document(title: str, text_head: str, catalog_row: dict | None = None) -> Place | None:
    """The issuing place: SOURCES.tsv's issuing_body, else the title's issuer, else the first lines.

    A document number (皖开放办〔2022〕6号) names the province; the State Council, the NPC and the
    PRC give NATIONAL; an anonymised park (园区管委会) gives None.
    """
    gaz = gazetteer()
    body = (catalog_row or {}).get("issuing_body", "") or ""
    for source in (body, _issuer_part(title), title):
        chosen = _most_specific(_places_with_doc_numbers(source, gaz))
        if chosen is not None:
            return chosen
    # The body text names many places; its first lines name the issuer (在北京市第十六届人民代表大会…)
    for line in [ln for ln in text_head.splitlines() if ln.strip()][:_HEAD_LINES]:
        places = _places_with_doc_numbers(line, gaz)
        if places:
            return places[0]
    return None


_HEAD_LINES = 3


def place_named_most(text: str) -> Place | None:
    """The city a document's body names far more than any other (周口 in a speech 在全市开发区…推进会上的
    讲话, whose title and opening name no place): at least _MOST_NAMED times, twice the next, its counties
    counting for it and named at least twice (a city one only compares itself with, 对标杭州, names none of
    its counties), its own short name written. None for a province's or the nation's text (the first scope its
    opening names 全省 or 各省, not 全市: a city's speech says 高于全省平均 after 全市), a text whose own
    place is masked (××经开区), or where no city stands out."""
    folded = _fold(text)  # every check on the simplified, half-width text: 全區, 週口 read as 全区, 周口
    scope = _SCOPE.search(folded[:300])  # the first scope the opening names: 全市 before 高于全省平均
    if (scope and scope.group() not in _CITY_SCOPES) or _MASKED_PLACE.search(folded):
        return None
    counts: dict[str, int] = {}
    county_mentions: dict[str, int] = {}
    by_county: dict[Place, int] = {}
    for candidates in _scan(folded, gazetteer(), single_chars=False):
        candidates = _one_citys(candidates)  # 广安: 广安市 or its 广安区, 广安市's either way
        if len(candidates) == 1 and candidates[0].level in ("city", "district"):
            place = candidates[0]
            city = place.name if place.level == "city" else place.city
            if city:
                counts[city] = counts.get(city, 0) + 1
                county_mentions[city] = county_mentions.get(city, 0) + (place.level == "district")
            if place.level == "district":
                by_county[place] = by_county.get(place, 0) + 1
    for county, times in _dropped_counties_written(folded, counts).items():
        counts[county.city] += times
        county_mentions[county.city] = county_mentions.get(county.city, 0) + times
        by_county[county] = by_county.get(county, 0) + times
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < _MOST_NAMED or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    city = place_by_name(ranked[0][0])
    written = city is not None and (city.short or city.name)[:2] in folded
    if not written or county_mentions.get(ranked[0][0], 0) < 2:
        return None
    county, times = max(by_county.items(), key=lambda item: item[1], default=(None, 0))
    # a county-level city's own speech (项城市…项城市…周口市): the county, most of the mentions its own
    return county if county and county.city == ranked[0][0] and times >= 0.75 * ranked[0][1] else city


def _dropped_counties_written(folded: str, cities: Mapping[str, int]) -> dict[Place, int]:
    """Counties whose short form the gazetteer drops (乐清, 慈溪, 顺德: names jieba knows, seen
    rarely), written at least _MOST_NAMED times in a text that names their city too (温州, 宁波):
    there they are the county, and they count for it as its other forms do. Not a form jieba sees
    often (江汉 of 江汉平原, 全州 'the whole prefecture', 资源, 新兴)."""
    out: dict[Place, int] = {}
    candidates = {short: county for short, county in _dropped_county_forms().items()
                  if county.city in cities and short in folded}
    if not candidates:
        return out
    plain, _ = _word_boundaries(folded)
    for short, county in candidates.items():
        times = sum(1 for m in re.finditer(re.escape(short), folded) if m.start() in plain and m.end() in plain
                    and not folded.startswith(county.name, m.start()))  # 乐清市 is the scan's already
        if times >= _MOST_NAMED:
            out[county] = times
    return out


@lru_cache(maxsize=1)
def _dropped_county_forms() -> dict[str, Place]:
    """Three-character counties' two-character short forms the gazetteer holds no place for."""
    from .tokenize import plain_tokenizer

    gaz = gazetteer()
    counties = {p for places in gaz.by_surface.values() for p in places if p.level == "district" and p.city}
    forms: dict[str, list[Place]] = {}
    for county in counties:
        short = county.name[:2]
        if len(county.name) == 3 and county.name[-1] in "市县区" and short not in gaz.by_surface \
                and plain_tokenizer().frequency(short) < _RARE_NAME \
                and plain_tokenizer().tagged(short)[0][1] in _NAME_TAGS:  # not 富民 (n), 安居 (v), 资中 (n)
            forms.setdefault(short, []).append(county)
    return {short: places[0] for short, places in forms.items() if len(places) == 1}


def _one_citys(candidates: tuple[Place, ...]) -> tuple[Place, ...]:
    """A city and its own district of the same name (广安市, 广安区) as the city alone."""
    cities = [p for p in candidates if p.level == "city"]
    if len(cities) == 1 and all(p == cities[0] or p.city == cities[0].name for p in candidates):
        return (cities[0],)
    return candidates


_MOST_NAMED = 3
_RARE_NAME = 300  # jieba's count of a word it rarely sees (乐清 27, 顺德 111; 全州 366, 江汉 1652)
_NAME_TAGS = ("nr", "nrt", "ns", "nz")  # jieba's tags of names: 乐清 nr, 慈溪 nrt (惠民, nr, passes too)
# a province's, a region's or the nation's text (全省, 各省, 全区, 全国), or a city's (全市, 全县)
# (not 全市场化, 全员 … 全市州 is a province's prefectures, 全州县 a county)
_SCOPE = re.compile(r"全省|各省|全区|全国|自治区、直辖市|全市州|全市(?!场)|全县|全州(?!县)|全盟")
_CITY_SCOPES = ("全市", "全县", "全州", "全盟")
_MASKED_PLACE = re.compile(r"(?:[×Xx○〇]{2}|某某|(?<![\u4e00-\u9fff])×)(?:市|县|区|经开区|高新区|开发区|园区)")


def _places_with_doc_numbers(source: str, gaz: Gazetteer) -> list[Place]:
    """Places named in source, plus the provinces its document numbers name."""
    folded = _fold(source)
    places = _resolve(_scan(folded, gaz, single_chars=False))
    for match in _DOC_NUMBER.finditer(folded):
        char_place = gaz.province_chars.get(match.group(1))
        if char_place and char_place not in places:
            places.append(char_place)
    return places


# the one-character units a county's, district's or city's name ends with (互助县, 盘州市, 鄂伦春旗)
COUNTY_UNITS = "县区市旗"


@lru_cache(maxsize=64)
def short_words(place: Place) -> frozenset[str]:
    """What a county's or city's own documents call it short, whatever jieba makes of the word:
    each written form less its unit (互助县 → 互助, 砀山县 → 砀山), of two characters or more."""
    if place.level not in ("city", "district"):
        return frozenset()
    forms = [form for form, candidates in gazetteer().by_surface.items() if place in candidates]
    return frozenset(_less_unit(form) for form in [place.name, *forms]
                     if form[-1] in COUNTY_UNITS and len(form) >= 3 and "自治" not in form)


def _less_unit(form: str) -> str:
    """A county's form less its unit: 互助县 → 互助, 六枝特区 → 六枝, 峰峰矿区 → 峰峰 (a two-character unit)."""
    two = form[:-2] if form.endswith(_TWO_CHARACTER_UNITS) else ""
    return two if len(two) >= 2 else form[:-1]


_TWO_CHARACTER_UNITS = ("特区", "矿区", "林区")


@lru_cache(maxsize=1)
def _towns_by_county() -> dict[str, tuple[str, ...]]:
    """kb/data/towns.tsv (scripts/build_towns.py): each county's towns, short (青杠 of 青杠街道)."""
    text = resources.files("kb.data").joinpath("towns.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines()[1:] if line)
    return {code: tuple(towns.split(",")) for code, towns in rows}


@lru_cache(maxsize=64)
def town_words(place: Place) -> frozenset[str]:
    """The towns of a county, or of a city's counties, by their short forms: what the place's own
    documents name its parks by (青杠智能装备产业园 in 璧山's); a province's thousands are left out."""
    if place.level == "district" and place.adcode:
        return frozenset(_towns_by_county().get(place.adcode, ()))
    if place.level == "city" and place.adcode:
        prefix = place.adcode[:4]
        return frozenset(t for code, towns in _towns_by_county().items() if code.startswith(prefix) for t in towns)
    return frozenset()


@lru_cache(maxsize=64)
def county_words(place: Place) -> frozenset[str]:
    """A city's counties and districts by their short forms (交口 of 吕梁's 交口县, 麻城 of 黄冈's 麻城市,
    龙感湖 of its 龙感湖管理区): words the gazetteer drops as everyday or does not hold short, which the
    city's own documents name its parks by."""
    return frozenset(word for word in _county_short_forms(place) if not _is_everyday_word(word))  # not 平安, 通道


def county_words_written_whole(place: Place, text: str) -> frozenset[str]:
    """The counties' short forms that are everyday nouns (前锋 of 广安's 前锋区, 洞口 of 邵阳's 洞口县), in a
    document of the city that writes the county whole, with its own unit, or before its zone's kind
    (洞口经开区): there 前锋工业园 is 前锋区's park, 洞口经开区化工园区 洞口's, 中方片区 中方县's. Not a verb, an
    adjective or a very frequent word (振兴, 新兴, 比如, 资源), whatever the document writes."""
    counties = _everyday_counties(place)
    if not counties:
        return frozenset()  # most cities: no text to read
    folded = _fold(text)
    return frozenset(word for word, whole in counties.items()  # not 前锋区域
                     if re.search(f"(?:{'|'.join(whole)})(?!域)|{word}(?:{_COUNTY_ZONES})", folded))


_COUNTY_ZONES = "经开区|高新区|经济开发区|经济技术开发区|高新技术产业开发区|工业园区"
# verbs, adjectives, distinguishing words, adverbs, conjunctions, prepositions (振兴, 平安, 新兴, 比如, 合作):
# never the county, even where it is written whole; nouns and place words (前锋, 洞口, 中方 f) may be
_NOT_A_PLACES_CLASS = tuple("vabdcp")
_RARE_ENOUGH = 5000  # 前锋 790, 中方 1408: rare enough for a document to mean the county by it; not 资源 17453


@lru_cache(maxsize=64)
def _everyday_counties(place: Place) -> dict[str, tuple[str, ...]]:
    """The city's counties whose short form is an everyday noun or place word rare enough to mean the
    county (county_words_written_whole): short form -> the forms with its unit."""
    everyday = {word for word in _county_short_forms(place) - county_words(place) if _may_mean_the_county(word)}
    out: dict[str, list[str]] = {}
    for form, candidates in gazetteer().by_surface.items():
        if form[-1] in COUNTY_UNITS and any(c.level == "district" and c.city == place.name for c in candidates):
            short = _less_unit(form)
            if short in everyday:
                out.setdefault(short, []).append(form)
    return {word: tuple(forms) for word, forms in out.items()}


def _may_mean_the_county(word: str) -> bool:
    tag, frequency = _tag_and_frequency(word)
    return bool(tag) and tag[:1] not in _NOT_A_PLACES_CLASS and frequency < _RARE_ENOUGH


@lru_cache(maxsize=64)
def _county_short_forms(place: Place) -> frozenset[str]:
    """Every short form of a city's counties and districts, everyday words too (county_words)."""
    if place.level != "city" or not place.adcode:
        return frozenset()
    prefix = place.adcode[:4]
    counties = {candidate for candidates in gazetteer().by_surface.values() for candidate in candidates
                if candidate.level == "district" and candidate.adcode.startswith(prefix)}
    forms = {form for form, candidates in gazetteer().by_surface.items() if counties.intersection(candidates)}
    words = {word for county in counties for word in short_words(county)} \
        | {form for form in forms if form[-1] not in COUNTY_UNITS and "自治" not in form}
    # not 通辽经济技术开发(区), 龙感湖管理(区)
    return frozenset(word for word in words if 2 <= len(word) <= 4 and not _ZONE_OR_OFFICE.search(word))


# districts that are zones or offices (通辽经济技术开发区, 龙感湖管理区, 兰州新区): their forms less the unit
# are no place
_ZONE_OR_OFFICE = re.compile(r"开发|高新|管理|新区|园|实验|示范|新$|回族")
_EVERYDAY_FREQUENCY, _FUNCTION_FREQUENCY = 500, 100


def is_everyday(frequency: int, tag: str) -> bool:
    """A word jieba counts `frequency` times with `tag` is everyday vocabulary, no place word: frequent
    with a tag no place has (平安 a, 通道 v, 新兴 b, 新华 nz; 建设, 花园 among towns), or a function word
    met often; place tags (黄州 ns, 麻城 nr) and rare words (交口 n 17, 大路 n 368) stay. The rule
    scripts/build_towns.py keeps towns by, and county_words keeps counties by."""
    return (tag not in ("ns", "nr", "nrt") and frequency >= _EVERYDAY_FREQUENCY) \
        or (tag[:1] in tuple("vadbcpqrtuf") and frequency >= _FUNCTION_FREQUENCY)


def _is_everyday_word(word: str) -> bool:
    tag, frequency = _tag_and_frequency(word)
    return is_everyday(frequency, tag)


def _tag_and_frequency(word: str) -> tuple[str, int]:
    """jieba's tag of a word it holds as one ("" where it cuts it) and its count."""
    from .tokenize import plain_tokenizer

    tagged = plain_tokenizer().tagged(word)
    return (tagged[0][1] if len(tagged) == 1 else ""), plain_tokenizer().frequency(word)


def place_by_name(name: str) -> Place | None:
    """The place a canonical or short name stands for (first candidate), e.g. for stored metadata."""
    if name == NATIONAL.name:
        return NATIONAL
    candidates = gazetteer().by_surface.get(_fold(name))
    return candidates[0] if candidates else None
