"""Known zones: named development zones kb recognises by name, where its rules cannot read one.

parks.py reads a zone's name from its kind and the proper words before it. A kind met once
escapes that reading (中国声谷, 中哈物流合作基地, 柬埔寨西哈努克港经济特区), and so does a name
around a word the rules take for a bare kind (博鳌近零碳示范区). kb/data/zones.tsv lists some
two thousand zones with their other written forms (its header says where it comes from): a name
or alias found in a text is a park where the rules found none; a bare form (前海, 博鳌乐城) is only
a candidate for a person to confirm (park_candidates.py); the forms of one zone a document
writes fold to one row (`identity`, parks.document_keys).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .park_words import DEVELOPMENT_ZONE_KINDS, PROPER_TAGS, REGION_CHARS, Word, is_city_or_province, words_of


@dataclass(frozen=True)
class Zone:
    """One zone of the gazetteer, as scripts/build_zones.py wrote it."""

    name: str
    aliases: tuple[str, ...]  # other written forms that keep a kind word (前海合作区)
    bare: tuple[str, ...]  # forms without one (前海): candidates, and folded into the zone's row
    kind: str
    province: str
    within: str


@dataclass(frozen=True)
class KnownZone:
    """A form of a known zone found in a text; offsets are into that text."""

    surface: str
    zone: Zone  # the first zone the form is given to (未来科技城 names three): see identity
    start: int
    end: int


class ZoneGazetteer:
    """The zones and their forms, with an automaton for the names and one for the bare forms."""

    def __init__(self, zones: list[Zone]) -> None:
        self.zones = zones
        self._by_surface: dict[str, list[Zone]] = {}
        for zone in zones:
            for form in (zone.name, *zone.aliases, *zone.bare):
                owners = self._by_surface.setdefault(form, [])
                if zone not in owners:
                    owners.append(zone)
        # a bare form is never a park by itself: alone, 临港 is as often a modifier (临港产业) and
        # 梅山 a reservoir as the zone, and the development sets lost by it; it is a candidate
        names = {form for zone in zones for form in (zone.name, *zone.aliases)}
        self._names = _automaton_of(names)
        self._bare = _automaton_of({form for zone in zones for form in zone.bare} - names)

    def knows(self, form: str) -> bool:
        """Whether `form` is the name or an alias of a known zone (what `find` finds)."""
        return any(form in (zone.name, *zone.aliases) for zone in self._by_surface.get(form, []))

    def zones_of(self, form: str) -> tuple[Zone, ...]:
        """Every zone a written form is given to (未来科技城: three)."""
        return tuple(self._by_surface.get(form, ()))

    def identity(self, name: str) -> str | None:
        """The name of the one zone a written form stands for (前海合作区 → 深圳前海深港现代服务业
        合作区); None for a form of several zones (张江) or of none."""
        owners = self._by_surface.get(name, [])
        return owners[0].name if len(owners) == 1 else None

    def find(self, text: str, taken: list[tuple[int, int]]) -> list[KnownZone]:
        """Names of known zones in `text` (the longest at each place) that overlap no `taken`
        span and start and end on one of jieba's word boundaries."""
        return self._aligned(self._names, text, taken)

    def find_bare(self, text: str, taken: list[tuple[int, int]]) -> list[KnownZone]:
        """Bare forms (前海, 博鳌乐城) in `text`, on word boundaries, outside the `taken` spans: the
        zone or a modifier or a place (临港产业, 梅山水库), for a person to tell."""
        return self._aligned(self._bare, text, taken)

    def platform_members(self, text: str, taken: list[tuple[int, int]]) -> list[KnownZone]:
        """The members of a list of platforms (对接横琴、前海、南沙等重大合作平台, 广州南沙、深圳前海、珠海
        横琴三大平台), where every member is a form of a known zone: a bare form, with its city (深圳前海)
        or without, or one short of a kind (南沙 of 南沙新区). The list says what the bare forms are, as
        a bare form alone does not (临港产业). Members already `taken` are not given again."""
        out = []
        for tail in _PLATFORM_TAIL.finditer(text):
            head = text[:tail.start()]
            chunks = head.split("、")
            if len(chunks) < 2:
                continue
            members: list[tuple[Zone, int, int]] = []
            end = tail.start()
            for chunk in reversed(chunks):  # each member fills its chunk but the first, which opens the list
                member = self._zone_suffix(chunk)
                if member is None:
                    members = []  # a member that is no known zone: not a list of platforms
                    break
                members.append((member[0], end - len(member[1]), end))
                if len(member[1]) < len(chunk):
                    break
                end -= len(chunk) + 1
            if len(members) < 2 or len({zone.province for zone, _, _ in members}) > 1:
                continue  # (江北、两江等重大平台 in 重庆: 江北 is no 南京江北新区)
            out += [KnownZone(text[s:e], zone, s, e) for zone, s, e in members
                    if not any(a < e and s < b for a, b in taken)]
        return out

    def _zone_suffix(self, chunk: str) -> tuple[Zone, str] | None:
        """The longest end of `chunk` that is a known zone's form: a name, an alias, a bare form (with
        its city before it), or a bare stem its zone writes with a kind (南沙 of 南沙新区)."""
        for n in range(min(len(chunk), 20), 1, -1):
            form = chunk[-n:]
            owners = self._by_surface.get(form)
            if not owners and is_city_or_province(form[:2]):
                owners = self._by_surface.get(form[2:])  # 深圳前海
            if not owners and not is_city_or_province(form):  # not 苏州 of 苏州新区: a city is no platform
                owners = next((self._by_surface[form + k] for k in _STEM_KINDS if form + k in self._by_surface), None)
            if owners:
                return owners[0], form
        return None

    def _aligned(self, automaton, text: str, taken: list[tuple[int, int]]) -> list[KnownZone]:
        if automaton is None:
            return []
        hits = [(last - len(form) + 1, last + 1, form) for last, form in automaton.iter_long(text)]
        hits = [(s, e, f) for s, e, f in hits if not any(a < e and s < b for a, b in taken)]
        if not hits:
            return []  # jieba only where a form is met: segmenting every clause is linking's cost
        words = words_of(text)
        starts, ends = _boundaries(text, words)
        return [KnownZone(form, self._by_surface[form][0], start, end)
                for start, end, form in hits if start in starts and end in ends]


# what ends a list of platforms (等重大合作平台, 三大平台, 这些重大平台) and the kinds a bare stem is
# one short of (南沙 of 南沙新区)
_PLATFORM_TAIL = re.compile(r"(?:等|这些|[两二三四五六七八九十]大)(?:重大|重要|国家级|开放|合作|改革|战略|创新|发展){0,3}平台")
_STEM_KINDS = ("新区", "合作区")

# a character jieba joins to a name's first or last one (以上/海…, 在于/家堡…, …园区/内企业 as 区内)
# that stands outside the name: a preposition before it, a place word after it
_JOINED_BEFORE = set("以在于对与和及向从把将为")
_JOINED_AFTER = set("内外中")


def _boundaries(text: str, words: list[Word]) -> tuple[set[int], set[int]]:
    """Where a name may start and end: jieba's word boundaries, and one character into a word
    that opens with a preposition or closes with a place word."""
    starts = {w.start for w in words if not (w.flag == "c" and w.text in _JOINED_BEFORE)}  # not 和/县经开区: 'and'
    ends = {w.end for w in words}
    for w in words:
        if len(w.text) >= 2 and text[w.start] in _JOINED_BEFORE:
            starts.add(w.start + 1)
        if len(w.text) >= 2 and text[w.end - 1] in _JOINED_AFTER:
            ends.add(w.end - 1)
    return starts, ends


def _automaton_of(forms: set[str]):
    """An Aho-Corasick automaton over `forms` (each found as itself), None when there are none."""
    import ahocorasick

    if not forms:
        return None
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, form)
    automaton.make_automaton()
    return automaton


def _read_zones(text: str) -> list[Zone]:
    """The zones of zones.tsv's text (comments and the header line skipped)."""
    zones = []
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, aliases, bare, kind, province, within = line.split("\t")
        zones.append(Zone(name, tuple(a for a in aliases.split("|") if a), tuple(b for b in bare.split("|") if b),
                          kind, province, within))
    return zones


@lru_cache(maxsize=1)
def known_zones() -> ZoneGazetteer:
    """The bundled gazetteer, read once per process."""
    return ZoneGazetteer(_read_zones(resources.files("kb.data").joinpath("zones.tsv").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def zone_stems() -> frozenset[str]:
    """The one word that names a known development zone before its kind (腾格里 of 腾格里经济技术开发区,
    洋浦 of 洋浦经济开发区): a name jieba's dictionary holds with a name's tag (ns, nr, nz …), which on its
    own is not enough to open a park's name, but which names this zone's place wherever it opens one
    (腾格里新能源装备产业园)."""
    stems = set()
    for zone in known_zones().zones:
        words = words_of(zone.name)
        if len(words) >= 2 and len(words[0].text) >= 2 and words[0].flag in PROPER_TAGS \
                and zone.name[words[0].end:] in DEVELOPMENT_ZONE_KINDS and not set(words[0].text) <= REGION_CHARS:
            stems.add(words[0].text)  # not a region (京津新城)
    return frozenset(stems)
