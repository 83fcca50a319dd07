"""Link: which cluster a passage is about and who answers for it.

Links are resolved per clause (split at ，；), because one sentence of a speech often
hands different work to different parks. A clause that names no park or cluster
inherits them, nearest first: from the earlier clauses of its sentence, its point
heading (一是…), its paragraph, its section, and for clusters the document's title
(…体育竞赛表演产业的指导意见). A paragraph that names several parks hands
an unnamed target to the zone as a whole, not to the nearest park. Every link keeps
its evidence span and how it was resolved, so an auditor can check it. The taxonomy
lives in taxonomy.py, park-name discovery in parks.py, when a cluster keyword does not count in
cluster_words.py, commitments in targets.py.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from .aboutness import AboutnessModel, ClauseClusters
from .cluster_words import (
    ITEM_CLOSERS,
    ITEM_OPENERS,
    ITEM_SEPARATORS,
    ends_on_verb,
    foreign_list_items,
    is_furniture,
    is_list_item,
    names_a_body,
    names_an_application,
    straddles_words,
)
from .park_topics import defined_topic_parks
from .park_words import (
    DEVELOPMENT_ZONE_KINDS,
    KIND_RE,
    current_own_place_words,
    name_words_of,
    own_place_names,
    own_place_words,
    own_short_kinds,
)
from .parks import ParkName, find_abbreviations, find_park_names, find_renamings, issued_nationally, nested_parks
from .places import (
    county_words,
    county_words_written_whole,
    place_named_most,
    place_of_document,
    short_words,
    town_words,
)
from .segment import BOX, CLAUSE_MARKS, Heading, LineIndex, Passage, detect_marker, heading_only_lines
from .taxonomy import Taxonomy, find_extra_taxonomies, load_taxonomy
from .tokenize import as_written, plain_tokenizer, to_simplified
from .zones import KnownZone, known_zones


@dataclass
class Mention:
    kind: str  # park | cluster
    name: str  # canonical for clusters and taxonomy parks; as written for discovered parks
    start: int
    end: int
    generic: bool = False  # 园区, 开发区: the zone itself; a broad cluster's umbrella word (绿色低碳) too


@dataclass
class Link:
    kind: str
    name: str
    resolution: str  # explicit | sentence | point | paragraph | section | document | zone
    evidence_start: int
    evidence_end: int


@dataclass
class Clause:
    start: int
    end: int
    sentence: int  # index of its sentence within the document
    passage_ord: int
    mentions: list[Mention]
    links: list[Link] = field(default_factory=list)


@dataclass
class DocumentLinks:
    """The clauses of one document with their resolved links; targets read their scope here."""

    clauses: list[Clause]
    scope: _Scopes
    abbreviations: dict[str, str] = field(default_factory=dict)  # 新区 → 河北雄安新区 (以下简称), a former name → the new
    within: dict[str, str] = field(default_factory=dict)  # child park → parent, as written

    def heading_clusters(self) -> dict[int, set[str]]:
        """The clusters each heading standing alone on its line names (第二节　新材料), by its
        offset: the topic of its section, which the passages under it inherit."""
        return {start: {m.name for m in found if m.kind == "cluster" and not m.generic}
                for start, found in self.scope.bare_headings.items()}

    def park_names(self) -> list[str]:
        """Every named park mention of the document, as written (one per mention)."""
        return [m.name for c in self.clauses for m in c.mentions if m.kind == "park" and not m.generic]

    def for_passage(self, passage: Passage) -> list[Link]:
        out: dict[tuple[str, str], Link] = {}
        for clause in self.clauses:
            if passage.char_start <= clause.start < passage.char_end:
                for lk in clause.links:
                    key = (lk.kind, lk.name)
                    if key not in out or (out[key].resolution != "explicit" and lk.resolution == "explicit"):
                        out[key] = lk
        return list(out.values())

    def links_at(self, start: int, end: int) -> list[Link]:
        """Links of the clauses overlapping [start, end): what eval compares with gold."""
        out: dict[tuple[str, str], Link] = {}
        for clause in self.clauses:
            if clause.start < end and start < clause.end:
                for lk in clause.links:
                    out.setdefault((lk.kind, lk.name), lk)
        return list(out.values())

    def scope_of(self, start: int, end: int) -> tuple[str, str, str]:
        """The cluster, park and park resolution of the clauses overlapping [start, end)."""
        cluster = park = ""
        resolution = ""
        generic_here = ""
        for clause in self.scope.clauses_between(start - 400, end):
            if clause.start < end and start < clause.end:
                for m in clause.mentions:
                    if m.kind == "park" and m.generic and not generic_here:
                        generic_here = m.name
                for lk in clause.links:
                    if lk.kind == "cluster" and not cluster:
                        cluster = lk.name
                    if lk.kind == "park" and not park and lk.name:
                        park, resolution = lk.name, lk.resolution
                    if lk.kind == "park" and lk.resolution == "zone" and not resolution:
                        resolution = "zone"
        if not park and generic_here:
            park, resolution = generic_here, "explicit"
        return cluster, park, resolution or ("zone" if not park else "explicit")


_FACT_MARKS = frozenset("，,；;：:%％")  # a numbered line holding them states a fact, it heads nothing
_CLAUSE_SPLIT = re.compile(f"[{re.escape(CLAUSE_MARKS)}]")
_SHARED_ACROSS = 3  # characters a longer cluster word shares with a broad cluster's word it crosses
_TITLE_LINES = 300  # characters at a document's start where its title is written


class Linker:
    def __init__(self, taxonomy: Taxonomy, *, aboutness: AboutnessModel | None) -> None:
        """`aboutness` drops the clusters a paragraph names only in passing (kb/aboutness.py);
        None links every cluster a clause names. An ingest uses the bundled model
        (Linker.load); the argument has no default so that no caller drops it unawares."""
        import ahocorasick

        self.taxonomy = taxonomy
        self.aboutness = aboutness
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, tuple[str, str]] = {}
        for cluster in taxonomy.clusters.values():
            for word in [cluster.name, *cluster.aliases, *cluster.keywords]:
                entries.setdefault(word, ("cluster", cluster.name))
        for cluster in taxonomy.clusters.values():  # the blind vocabulary yields to every other word
            for word in cluster.vocabulary:
                entries.setdefault(word, ("cluster", cluster.name))
        for cluster in taxonomy.clusters.values():
            for phrase in cluster.not_about:  # the longer match hides the word, then is dropped;
                entries[phrase] = ("none", cluster.name)  # it wins over any cluster's word
        for park in taxonomy.parks.values():
            for word in [park.name, *park.aliases]:
                entries[word] = ("park", park.name)
        for word, (kind, name) in entries.items():
            self._automaton.add_word(word, (kind, name, len(word)))
        self._automaton.make_automaton()

    @classmethod
    def load(cls, taxonomy_path: Path | None = None, roots: list[Path] | None = None,
             weigh_aboutness: bool = True) -> Linker:
        """The bundled taxonomy and any user taxonomy.toml, with the bundled aboutness model."""
        aboutness = AboutnessModel.load() if weigh_aboutness else None
        return cls(load_taxonomy(find_extra_taxonomies(taxonomy_path, roots)), aboutness=aboutness)

    @property
    def fingerprint(self) -> str:
        """What the links depend on besides the text: kb's version and its code and data (a kb
        upgraded in place may keep its version), the taxonomy with every keyword, the aboutness
        model. An index linked under another one is linked again."""
        from . import __version__

        digest = hashlib.sha256(f"kb {__version__}\n".encode())
        digest.update(rules_digest().encode())
        for group in (self.taxonomy.parks, self.taxonomy.clusters):
            digest.update(json.dumps([asdict(v) for _, v in sorted(group.items())], ensure_ascii=False).encode())
        digest.update(repr(self.aboutness).encode())
        return digest.hexdigest()[:16]

    def vocabulary(self) -> list[str]:
        words = []
        for park in self.taxonomy.parks.values():
            words += [park.name, *park.aliases]
        for cluster in self.taxonomy.clusters.values():
            words += [cluster.name, *cluster.aliases]
        return words

    # -- mentions
    def mentions(self, text: str, start: int, end: int, topic_designations: bool = True) -> list[Mention]:
        """Clusters and parks the clause text[start:end] names. Traditional characters are read as
        simplified ones; a park keeps the characters the text writes."""
        found: list[Mention] = []
        original = text[start:end]
        segment_text = to_simplified(original)
        taken: list[tuple[int, int]] = []
        clusters: list[Mention] = []
        matched: list[tuple[int, int]] = []  # every longest match's span, a park's and not_about's too
        for last, (kind, name, length) in self._automaton.iter_long(segment_text):
            s = last - length + 1
            mention = Mention(kind, name, start + s, start + last + 1)
            matched.append((s, last + 1))
            if kind == "park":
                taken.append((s, last + 1))
                found.append(mention)
            elif (kind == "cluster" and not straddles_words(segment_text, s, last + 1)
                  and not names_a_body(segment_text, s, last + 1)
                  and not names_an_application(segment_text, s, last + 1)):
                mention.generic = self._is_umbrella(name, segment_text, s, last + 1)
                clusters.append(mention)
        clusters += self._crossing_clusters(segment_text, start, clusters, matched)
        rules = find_park_names(segment_text, taken, topic_designations)
        if taken and (wider := _wider_than_taxonomy_parks(segment_text, taken, topic_designations)):
            found = [m for m in found if not any(w.start <= m.start - start and m.end - start <= w.end for w in wider)]
            taken = [(a, b) for a, b in taken if not any(w.start <= a and b <= w.end for w in wider)]
            rules = find_park_names(segment_text, taken, topic_designations)  # 交口、孝义铝基新材料产业园: both
        # the known zones the rules' names may lie in or open, found once for both readings
        beside = known_zones().find(segment_text, taken) if any(not p.generic for p in rules) else []
        rules = _less_what_known_names_hold(rules, beside)
        parents = _known_parents(segment_text, rules, beside)  # 前湾新区 of 前湾新区慈溪片区
        taken += [(p.start, p.end) for p in rules if not p.generic]
        known = known_zones().find(segment_text, taken) + parents  # what the rules could not read (中国声谷)
        known += known_zones().platform_members(segment_text, taken + [(z.start, z.end) for z in known])
        for p in rules:  # a bare kind in a known name (示范区 of 博鳌近零碳示范区) is that name's
            if not (p.generic and any(z.start < p.end and p.start < z.end for z in known)):
                found.append(Mention("park", as_written(original, segment_text, p.start, p.end, p.name),
                                     start + p.start, start + p.end, generic=p.generic))
        found += [Mention("park", original[z.start:z.end], start + z.start, start + z.end) for z in known]
        found += _without_modifying_umbrellas(segment_text, start, clusters, found)
        found.sort(key=lambda m: m.start)
        return found

    def _crossing_clusters(self, text: str, offset: int, kept: list[Mention],
                           matched: list[tuple[int, int]]) -> list[Mention]:
        """A cluster's word that crosses the end of a specific cluster's longer match (新能源汽车零部件:
        新能源汽车, and 汽车零部件 across it) names its cluster too; across a broad cluster's word only a
        longer word does (氢燃料电池汽车: 燃料电池汽车; 新能源基地 stays 新能源). Not across a park or a
        not_about phrase, nor an umbrella itself (服务业 across 信息技术服务业); a word inside a match
        names nothing more."""
        specific = {(m.start - offset, m.end - offset): m.name for m in kept if not m.generic}
        umbrella = {(m.start - offset, m.end - offset): m.name for m in kept if m.generic
                    and not self._is_cluster_name(m.name, text[m.start - offset:m.end - offset])}  # not 新能源 itself
        if not specific and not umbrella:
            return []  # nothing to cross: most clauses, spared a second pass of the automaton
        # (a, b, cluster, whether a broad cluster's word is there); cluster None: no cluster there
        spans = [(a, b, specific.get((a, b)) or umbrella.get((a, b)), (a, b) in umbrella) for a, b in matched]
        out = []
        for last, (kind, name, length) in self._automaton.iter(text):
            s, e = last - length + 1, last + 1
            crossed = [(a, b, n, broad) for a, b, n, broad in spans if a < e and s < b]
            # a broad cluster's word is crossed only by a longer one sharing most of it (氢燃料电池|汽车:
            # 燃料电池汽车; not 氢能源|基地: 能源基地 shares two characters)
            if kind == "cluster" and crossed and all(a < s < b < e and n not in (None, name)
                                                     and (not broad or e - s > b - a and b - s >= _SHARED_ACROSS)
                                                     for a, b, n, broad in crossed) \
                    and not straddles_words(text, s, e) and not names_a_body(text, s, e) \
                    and not self._is_umbrella(name, text, s, e):
                out.append(Mention(kind, name, offset + s, offset + e))
                spans.append((s, e, name, False))
        return out

    def _is_cluster_name(self, cluster_name: str, word: str) -> bool:
        cluster = self.taxonomy.clusters[cluster_name]
        return word == cluster.name or word in cluster.aliases

    def _is_umbrella(self, cluster_name: str, text: str, start: int, end: int) -> bool:
        """A broad cluster's mention is an umbrella (linked where it is written, weighed by the
        aboutness model like any mention, but never inherited, and left out of a title that
        names a specific cluster) unless the text names that cluster as an item of its own: its name or
        one of its words opening after a list mark or a verb and closing before one (培育新一代信息
        技术、高端装备、新材料等; 光伏、智能家电、新能源汽车零部件), not a modifier inside a product's
        name (锰铁合金新材料, 新能源电池, 光伏组件)."""
        cluster = self.taxonomy.clusters[cluster_name]
        if not cluster.broad:
            return False
        opens = start == 0 or text[start - 1] in ITEM_OPENERS or ends_on_verb(text[:start])
        return not (opens and (end == len(text) or text.startswith(ITEM_CLOSERS, end)))

    # -- document
    def link_document(self, doc, passages: list[Passage]) -> DocumentLinks:
        """Every clause's mentions, resolved and inherited, read as in a document of the place
        its title or first lines name (互助 is a place in 互助土族自治县's documents), or, where they
        name none (在全市…会议上的讲话), of the city its body names far more than any other."""
        place = place_of_document(getattr(doc, "title", "") or "", doc.text[:300]) or place_named_most(doc.text)
        names = short_words(place) if place else frozenset()  # the place's own; `own` adds its counties and towns
        own = names | county_words(place) | county_words_written_whole(place, doc.text) | town_words(place) \
            if place else frozenset()
        topic_designations = not issued_nationally(doc.text)
        abbreviations = find_abbreviations(doc.text, topic_designations)
        short_kinds = frozenset(to_simplified(s) for s in abbreviations if KIND_RE.fullmatch(to_simplified(s)))
        with own_place_words(own), own_place_names(names), own_short_kinds(short_kinds):
            return self._link_document(doc, passages, abbreviations, topic_designations)

    def _link_document(self, doc, passages: list[Passage], abbreviations: dict[str, str],
                       topic_designations: bool) -> DocumentLinks:
        text = doc.text
        clauses: list[Clause] = []
        sentence_no = 0
        for ordinal, passage in enumerate(passages):
            for sentence in passage.sentences:
                pos = sentence.char_start
                for m in list(_CLAUSE_SPLIT.finditer(sentence.text)) + [None]:
                    end = sentence.char_start + (m.end() if m else len(sentence.text))
                    if end > pos:
                        clauses.append(Clause(pos, end, sentence_no, ordinal, self.mentions(text, pos, end, topic_designations)))
                    pos = end
                sentence_no += 1
        self._reread_with_name_words(text, clauses, topic_designations)
        for former, new in find_renamings(text, topic_designations).items():
            abbreviations.setdefault(former, new)  # one park, one row: a former name is another name of it
        within: dict[str, str] = {}
        # the document's own forms of its parks: its short names, then the industry parks it describes
        # (生物医药产业园位于…: one park), read the same way in clauses and headings
        forms = abbreviations | {short: full for short, full in _described_parks(text, clauses, topic_designations).items()
                                 if short not in abbreviations}
        for clause in clauses:
            if forms:
                _apply_abbreviations(text, clause, forms)
            within.update(nested_parks(m for m in clause.mentions if m.kind == "park"))
        furniture = _furniture_lines(text, clauses)
        for clause in clauses:  # 各…管委会：, 国家能源局 alone: a document's furniture names no industry
            if clause.start in furniture:
                clause.mentions = [m for m in clause.mentions if m.kind != "cluster"]
        paragraphs = paragraph_clauses(clauses, passages)
        title = getattr(doc, "title", "") or ""
        named = self._title_mentions(title)  # read once: the aboutness model and inheritance use it
        if self.aboutness is not None:  # before _Scopes copies the mentions for inheritance
            _drop_passing_clusters(paragraphs, self.aboutness, text, {m.name for m in named})
        scope = _Scopes(clauses, paragraphs, self._bare_heading_mentions(
            text, passages, clauses, title, topic_designations, forms), _points_followed(passages))
        self._resolve(clauses, passages, scope)
        for clause in clauses:  # 公主岭市人民政府, 2026年3月6日 under the last point: furniture inherits no industry
            if clause.start in furniture:
                clause.links = [lk for lk in clause.links if lk.kind != "cluster"]
        naming = {passages[c.passage_ord].paragraph for c in clauses if any(lk.kind == "cluster" for lk in c.links)}
        eligible = [c for c in clauses if c.start not in furniture and passages[c.passage_ord].paragraph not in naming]
        _inherit_counted_clusters(title, named, text, eligible)
        self._inherit_title(title, named, text, [c for c in eligible if not _under_safeguards(passages[c.passage_ord])])
        return DocumentLinks(clauses, scope, abbreviations, within)

    def _reread_with_name_words(self, text: str, clauses: list[Clause], topic_designations: bool) -> None:
        """Clauses where only a bare kind was found (新桥智能电动汽车产业园 read as 产业园), read again
        knowing the name words the document's parks use (新桥 of 合肥新桥科技创新示范区)."""
        bare = [c for c in clauses if any(m.kind == "park" and m.generic for m in c.mentions)]
        if not bare:
            return
        learned = name_words_of({m.name for c in clauses for m in c.mentions if m.kind == "park" and not m.generic})
        if not learned:
            return
        with own_place_words(current_own_place_words() | learned):
            for clause in bare:
                if any(w in text[clause.start:clause.end] for w in learned):
                    clause.mentions = self.mentions(text, clause.start, clause.end, topic_designations)

    def _bare_heading_mentions(self, doc_text: str, passages: list[Passage], clauses: list[Clause],
                               title: str, topic_designations: bool,
                               abbreviations: dict[str, str]) -> dict[int, list[Mention]]:
        """What each heading standing alone on its line names (第二节　新材料), by its offset: no
        clause holds it, yet the passages under it inherit from it as from any section heading.
        Not the document's title (a markdown # line) nor a numbered fact (（二）产量增长35%，…)."""
        starts = sorted(c.start for c in clauses)
        spans = {h.char_start: _line_end(doc_text, h.char_start) for p in passages for h in p.headings}
        spans.update(heading_only_lines(doc_text))
        out: dict[int, list[Mention]] = {}
        for start, end in spans.items():
            line = doc_text[start:end]
            at = bisect.bisect_left(starts, start)
            if (at < len(starts) and starts[at] < end) or line.lstrip("#").strip() == title.strip() \
                    or any(ch in _FACT_MARKS for ch in line):
                continue  # a clause starts on the line (no heading alone), the title, a fact
            marker = detect_marker(line)  # read after its number: 第三节　新能源 names 新能源 as an item
            begin = start + (marker[1] if marker else len(line) - len(line.lstrip("# ")))
            while begin < end and doc_text[begin].isspace():
                begin += 1
            heading = Clause(begin, end, -1, -1, self.mentions(doc_text, begin, end, topic_designations))
            if abbreviations:
                _apply_abbreviations(doc_text, heading, abbreviations)
            clusters = [m for m in heading.mentions if m.kind == "cluster"]
            if all(m.generic for m in clusters):
                for m in clusters:  # 四、壮大数字经济, 第一节 硅基新材料产业: the umbrella is the topic
                    m.generic = False
            out[start] = heading.mentions
        return out

    def title_clusters(self, title: str) -> set[str]:
        """The clusters a document's title names, as a clause would name them (an umbrella only
        where the title names no specific cluster): the aboutness model weighs them."""
        return {m.name for m in self._title_mentions(title)}

    def _title_mentions(self, title: str) -> list[Mention]:
        """The title's clusters, less those named only inside a development zone's or a base's
        name: 宁东能源化工基地条例 is about the base (its bodies, its planning, its land), and names 化工
        because the base does; its articles are about 化工 where they say so. A park or a designation
        named by its industry (苏州生物医药产业园, 国家生物医药产业创新示范区) is that industry's."""
        found = self.mentions(title, 0, len(title))
        zones = [(m.start, m.end) for m in found if m.kind == "park" and not m.generic
                 and _ends_on_zone_kind(title[m.start:m.end])]
        return [m for m in found if m.kind == "cluster"
                and not any(start <= m.start and m.end <= end for start, end in zones)]

    def _resolve(self, clauses: list[Clause], passages: list[Passage], scope: _Scopes) -> None:
        for i, clause in enumerate(clauses):
            passage = passages[clause.passage_ord]
            for kind in ("park", "cluster"):
                explicit = [m for m in clause.mentions if m.kind == kind]
                if explicit:
                    for m in explicit:
                        clause.links.append(Link(kind, m.name, "explicit", m.start, m.end))
                        if kind == "park":
                            for parent in self._parents(m.name):
                                clause.links.append(Link(kind, parent, "explicit", m.start, m.end))
                    continue
                clause.links.extend(_inherit(kind, i, clauses, passage, scope))

    def _inherit_title(self, title: str, named: list[Mention], text: str, clauses: list[Clause]) -> None:
        """A document whose title names an industry (加快发展体育竞赛表演产业的指导意见, 数字经济促进
        条例) is about it throughout: a clause that names no cluster, and inherits none from
        its sentence, point, paragraph or section, takes the title's (resolution "document");
        the caller leaves out the document's furniture (its number, date, addressees, closing articles)
        and the paragraphs that have a cluster of their own. A title that names two industries gives
        neither (on the development sets, 45 such links right and 77 wrong; one industry's: 43 and 12).
        Clusters whose words overlap name one industry (新能源汽车关键零部件: 新能源汽车 and 汽车配件)."""
        chosen = [m for m in named if not m.generic] or named  # a title naming only 数字经济 gives it
        if (len({m.name for m in chosen}) != 1 and not _one_industry(chosen)) or _joins_two_industries(title):
            return  # 加快新能源和化工新材料产业集群发展: each paragraph is about one of them, or neither
        links = _dedupe([Link("cluster", m.name, "document", *_title_evidence(text, title[m.start:m.end]))
                         for m in chosen])
        for clause in clauses:
            if not any(lk.kind == "cluster" for lk in clause.links):
                clause.links.extend(links)

    def _parents(self, name: str) -> list[str]:
        out = []
        park = self.taxonomy.parks.get(name)
        while park and park.within and park.within not in out:
            out.append(park.within)
            park = self.taxonomy.parks.get(park.within)
        return out


# the industries a title names, counted in its body (两大产业集群, 三大集群, 兩大集群); not an ordinal (第二大产业),
# a part of a larger number (十二大产业集群) nor the economy's three sectors (三大产业, no 集群)
_COUNTED_INDUSTRIES = re.compile(r"(?<![第十百千0-9０-９一二三四五六七八九])([两兩三])大(?:产业|產業)?集群")
_COUNTS = {"两": 2, "兩": 2, "三": 3}


def _inherit_counted_clusters(title: str, named: list[Mention], text: str, clauses: list[Clause]) -> None:
    """加快推进汽车零部件和碳纤维及复合材料产业集群…的实施意见: a title that names two industries gives
    neither to the document (_inherit_title), but a clause that counts them (对两大集群企业…, 建立两大产业
    集群统计监测制度) is about each: it takes every cluster the title names, when it counts as many
    industries as the title joins (_title_industries). Under the safeguards too (统计监测, 考核督查 of the two
    clusters), unlike the title's inheritance: the count names them there. A clause naming a cluster of its
    own keeps only its own (推动两大集群与数字经济深度融合: that is what it adds), as with every inheritance.
    On the development sets +265 right links, +74 wrong (session 39, the model refitted)."""
    industries = _title_industries(title)
    names = list(dict.fromkeys(m.name for m in named))
    if industries < 2 or not names:
        return
    for clause in clauses:
        counted = _COUNTED_INDUSTRIES.search(text, clause.start, clause.end)
        if counted and _COUNTS[counted.group(1)] == industries and not any(lk.kind == "cluster" for lk in clause.links):
            clause.links.extend(Link("cluster", name, "document", counted.start(), counted.end()) for name in names)


def _title_industries(title: str) -> int:
    """How many industries a title's verb sets out to build, joined by 和, 与 or 、 (汽车零部件和碳纤维及复合
    材料: two; 及 joins one industry's parts), as _joins_two_industries reads them."""
    most = 0
    for m in _TITLE_INDUSTRY.finditer(to_simplified(title)):
        words = [w for w, _ in plain_tokenizer().tagged(m.group(1))]
        most = max(most, 1 + sum(w in ("和", "与", "、") and 0 < k < len(words) - 1 for k, w in enumerate(words)))
    return most


# the closing parts of a plan, 意见 or 措施 (五、保障措施, 组织实施, 申报和资金管理): how it will be carried
# out, not its industry; the whole heading, not a task that says 组织实施 nor a speech's 工作要求
_SAFEGUARDS = re.compile(r"(?:第[一二三四五六七八九十百]+[章节]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])?\s*"
                         r"(?:保障措施|组织实施|实施保障|组织保障|申报程序|申报和资金管理|资金管理|附则)")


# the industry a title's verb sets out to build, up to 产业 (…关于加快推进中医药和马铃薯产业集群…)
_TITLE_VERBS = "关于|推进|推动|培育|加快|发展|打造|支持"
_TITLE_INDUSTRY = re.compile(f"(?:{_TITLE_VERBS})((?:(?!{_TITLE_VERBS})[^，。（）()])+?)产业")


def _joins_two_industries(title: str) -> bool:
    """中医药和马铃薯产业集群, 不锈钢新材料和新能源产业集群: the title's industry is two joined, whether or not
    kb's clusters name both (马铃薯, 不锈钢 name none): its paragraphs are about one, the other or neither
    (development sets: 74 such links right, 126 wrong). 和 or 与 is jieba's word of its own between two words
    (not 共和县, 和县); 及 joins one industry's parts (汽车及零部件)."""
    return _title_industries(title) >= 2


def _one_industry(mentions: list[Mention]) -> bool:
    """Whether the mentions' words are one run of overlapping spans (新能源汽车|关键零部件 across
    汽车关键零部件): one industry written with two clusters' words."""
    spans = sorted((m.start, m.end) for m in mentions)
    reach = spans[0][1] if spans else 0
    for start, end in spans[1:]:
        if start >= reach:
            return False
        reach = max(reach, end)
    return bool(spans)


# the kinds of a zone or base that a place sets up and names (宁东能源化工基地, 泰州医药高新技术产业开发区):
# industry words inside its name name the zone, not what every paragraph about it is about
_ZONE_KINDS_IN_TITLES = (DEVELOPMENT_ZONE_KINDS - {"工业园区", "工业园", "产业园区"}) | {"基地"}


def _ends_on_zone_kind(name: str) -> bool:
    return name.endswith(tuple(_ZONE_KINDS_IN_TITLES))


def _under_safeguards(passage: Passage) -> bool:
    """A passage under a plan's safeguards (加强组织领导, 强化要素保障 under 五、保障措施) takes no
    cluster from the document's title: readers give such lines the industry only where they name it."""
    return any(h.kind != "h1" and _SAFEGUARDS.fullmatch(h.label.strip()) for h in passage.headings)


@lru_cache(maxsize=1)
def rules_digest() -> str:
    """A digest of kb's code and bundled data as installed, which decide the links: every
    module (a list of the ones that matter would go stale as imports change) and every data
    file (gazetteer, dictionary, taxonomy, model)."""
    from importlib import resources

    return digest_of_sources(resources.files("kb"))


def digest_of_sources(package) -> str:
    """sha256 over a package folder's modules (.py, or .pyc where only bytecode is installed)
    and its data/ files, in name order."""
    digest = hashlib.sha256()
    files = [f for f in package.iterdir() if f.is_file() and f.name.endswith((".py", ".pyc"))]
    data = package.joinpath("data")
    if data.is_dir():
        files += [f for f in data.iterdir() if f.is_file()]
    for f in sorted(files, key=lambda f: (f.parent.name, f.name)):
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:16]


def _furniture_lines(text: str, clauses: list[Clause]) -> set[int]:
    """The starts of the clauses whose line is the document's furniture (kb/cluster_words.py's
    is_furniture); each line is read once, whatever number of clauses it holds."""
    lines = LineIndex(text)
    furniture: dict[int, bool] = {}
    out: set[int] = set()
    for clause in clauses:
        line = lines.line_of(clause.start)  # 1-based: the line runs from starts[line - 1]
        if line not in furniture:
            end = lines.starts[line] - 1 if line < len(lines.starts) else len(text)
            furniture[line] = is_furniture(to_simplified(text[lines.starts[line - 1]:end]))
        if furniture[line]:
            out.add(clause.start)
    return out


def _drop_passing_clusters(paragraphs: dict[int, list[Clause]], model: AboutnessModel, text: str,
                           title_clusters: set[str]) -> None:
    """A cluster a paragraph names only in passing is not linked there: its mentions go, so
    those clauses inherit like any clause that names none."""
    for paragraph in paragraphs.values():
        passing = model.passing(clause_clusters(paragraph, text), title_clusters,
                                text[paragraph[0].start:paragraph[-1].end])
        if passing:
            for c in paragraph:
                c.mentions = [m for m in c.mentions if not (m.kind == "cluster" and m.name in passing)]


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _wider_than_taxonomy_parks(text: str, taken: list[tuple[int, int]],
                               topic_designations: bool) -> list[ParkName]:
    """Names the rules read ending with a taxonomy park's name and opening before it (交口铝基新材料产业园
    around the taxonomy's 铝基新材料产业园): another zone, named by its place, which the taxonomy's shorter
    match would hide. Not a name running past it (湖南凤凰工业园区 around 凤凰工业园: the taxonomy's park)."""
    return [p for p in find_park_names(text, [], topic_designations)
            if not p.generic and any(p.start < a and b == p.end for a, b in taken)]


def _known_parents(text: str, rules: list[ParkName], known: list[KnownZone]) -> list[KnownZone]:
    """The `known` zones (found outside the taken spans) that open a name the rules read and end
    inside it: the zone whose part that name is (前湾新区 of 前湾新区慈溪片区, where jieba's 前湾 is no
    proper word the rules read a name by)."""
    named = [p for p in rules if not p.generic]
    spans = {(p.start, p.end) for p in named}
    return [z for z in known if (z.start, z.end) not in spans
            and any(p.start == z.start and z.end < p.end and not KIND_RE.fullmatch(text, z.end, p.end)
                    for p in named)]  # not 海口药谷|工业园: the zone itself, with a kind


def _less_what_known_names_hold(rules: list[ParkName], known: list[KnownZone]) -> list[ParkName]:
    """The rules' names less those one of the `known` zones (found outside the taken spans) opens
    earlier than (深港现代服务业合作区 of 与前海深港现代服务业合作区, where jieba cut 与前|海): the known zone's
    name is read there instead (Linker.mentions); a parent the rules read at its start (中国（新疆）自由贸易
    试验区 of …喀什片区) stays, and so do names inside it."""
    named = [p for p in rules if not p.generic]
    around = [z for z in known if any(z.start < p.start and p.end == z.end for p in named)]
    return [p for p in rules if not any(z.start <= p.start and p.end <= z.end for z in around)]


def _without_modifying_umbrellas(text: str, offset: int, clusters: list[Mention],
                                 parks: list[Mention]) -> list[Mention]:
    """The clusters of a clause less the umbrella words that only modify: before what a specific
    cluster names in the same item (新能源电池锰系材料), as a part of a specific cluster's own name
    (锰铁合金新材料: 锰系新材料), sharing its head across a list mark (新能源和智能网联汽车), or inside
    a park's name (包头稀土高新区). An umbrella that is an item of its own stays (焦化化产深加工、碳基
    新材料和氢能; 电子信息新材料: the material). `text` is the clause, `offset` where it starts."""
    specific = [m for m in clusters if not m.generic]
    named_parks = [m for m in parks if m.kind == "park" and not m.generic]

    def modifies(umbrella: Mention) -> bool:
        if any(p.start <= umbrella.start and umbrella.end <= p.end for p in named_parks):
            return True
        written = text[umbrella.start - offset:umbrella.end - offset]
        for other in specific:
            between = text[min(umbrella.end, other.end) - offset:max(umbrella.start, other.start) - offset]
            one_item = not any(ch in ITEM_SEPARATORS for ch in between)
            if one_item and (umbrella.start < other.start or umbrella.name in other.name):
                return True
            if other.name.startswith(written) and 0 < other.start - umbrella.end <= 1 and between in ITEM_SEPARATORS:
                return True  # 新能源和智能网联汽车: one head, 汽车, for both (not 光伏组件与新能源汽车: a product)
        return False

    return [m for m in clusters if not (m.generic and modifies(m))]


def paragraph_clauses(clauses: list[Clause], passages: list[Passage]) -> dict[int, list[Clause]]:
    """The clauses of each paragraph (a paragraph may be cut into several passages), in order."""
    out: dict[int, list[Clause]] = {}
    for clause in clauses:
        out.setdefault(passages[clause.passage_ord].paragraph, []).append(clause)
    return out


def clause_clusters(paragraph: list[Clause], text: str) -> list[ClauseClusters]:
    """What the aboutness model reads of a paragraph (the same at ingest and in
    bench/train_aboutness.py): each clause's span and each cluster it names, with whether the
    mention is an item of a list and how many items of the clause's list name no cluster."""
    out: list[ClauseClusters] = []
    for c in paragraph:
        found = [m for m in c.mentions if m.kind == "cluster"]
        foreign = foreign_list_items(text, c.start, c.end, [m.start for m in found])
        items = [is_list_item(text, m.start, m.end) for m in found]
        out.append((c.start, c.end, [(m.name, item, foreign if item else 0) for m, item in zip(found, items, strict=True)]))
    return out


def _title_evidence(text: str, word: str) -> tuple[int, int]:
    """Where the document's opening lines write the title's industry word (a title is often
    broken over lines there); an empty span at 0 when they do not (a title from SOURCES.tsv)."""
    at = text.find(word, 0, _TITLE_LINES)
    return (at, at + len(word)) if at >= 0 else (0, 0)


def _described_parks(text: str, clauses: list[Clause], listed: bool = True) -> dict[str, str]:
    """The industry-named parks the document describes (kb/park_topics.py), each to its full name
    where the document writes one park's name ending in it (枣庄高新区锂电新能源产业园), else to itself;
    `listed`: those it lists as its parks too (not in a national document, which has no parks of its own)."""
    named = {m.name for c in clauses for m in c.mentions if m.kind == "park" and not m.generic}
    described = defined_topic_parks(text, listed, frozenset(named))
    if not described:
        return {}
    out = {}
    for short in described:
        longer = {name for name in named if name.endswith(short) and name != short}
        out[short] = longer.pop() if len(longer) == 1 else short
    return out


def _apply_abbreviations(text: str, clause: Clause, abbreviations: dict[str, str]) -> None:
    """A document's short name (以下简称“新区”) names its full park wherever it is written."""
    for short, full in abbreviations.items():
        pos = text.find(short, clause.start, clause.end)
        while pos != -1:
            end = pos + len(short)
            overlapping = [m for m in clause.mentions if m.kind == "park" and m.start < end and pos < m.end]
            if all(m.generic and pos <= m.start and m.end <= end for m in overlapping):
                clause.mentions = [m for m in clause.mentions if m not in overlapping]
                clause.mentions.append(Mention("park", full, pos, end))
            pos = text.find(short, end, clause.end)
    clause.mentions.sort(key=lambda m: m.start)


class _Scopes:
    """Lookups for scope inheritance: mentions by paragraph, clauses by offset."""

    def __init__(self, clauses: list[Clause], paragraphs: dict[int, list[Clause]],
                 bare_headings: dict[int, list[Mention]], points_followed: frozenset[int] = frozenset()) -> None:
        self.clauses = clauses
        self.points_followed = points_followed  # the point headings another point of their list follows
        self.bare_headings = bare_headings
        self.starts = [c.start for c in clauses]
        self.by_paragraph = {number: [m for c in group for m in c.mentions] for number, group in paragraphs.items()}
        self.paragraphs = paragraphs
        self.paragraph_of = {c.start: number for number, group in paragraphs.items() for c in group}
        self.by_sentence: dict[int, list[Clause]] = {}
        for clause in clauses:
            self.by_sentence.setdefault(clause.sentence, []).append(clause)

    def clauses_between(self, start: int, end: int) -> list[Clause]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.clauses[lo:hi]

    def sentence_at(self, offset: int) -> list[Clause]:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0 or not (self.clauses[i].start <= offset < self.clauses[i].end):
            return []
        return self.by_sentence[self.clauses[i].sentence]


_POINT_KINDS = ("一是", "1.", "1、", "（1）", "①")
# a plan's box that lists the city's clusters or platforms (专栏4　重点产业集群, 重大开放平台), wherever it
# sits; a box of one section's projects (专栏3　重点项目) is part of that section
_LISTING_BOX = re.compile("集群|平台|产业链|园区|开发区")


def _inherit(kind: str, i: int, clauses: list[Clause], passage: Passage, scope: _Scopes) -> list[Link]:
    clause = clauses[i]
    # 1. earlier clauses of the same sentence, nearest first
    for j in range(i - 1, -1, -1):
        if clauses[j].sentence != clause.sentence:
            break
        named = [m for m in clauses[j].mentions if m.kind == kind and not m.generic]
        if named:
            return [Link(kind, m.name, "sentence", m.start, m.end) for m in named]
    # 2. the point heading (一是…): the sentence that opens the point; a cluster only within the point's
    # own paragraph (the paragraphs after 六是培育数字经济… in a speech are not about 数字经济: on the
    # development sets 1 such link right, 28 wrong)
    point = next((h for h in reversed(passage.headings) if h.kind in _POINT_KINDS), None)
    if point is not None and kind == "cluster" and not _in_its_paragraph(point, passage, scope):
        point = None
    if point is not None:
        named = [m for c in scope.sentence_at(point.char_start) for m in c.mentions
                 if m.kind == kind and not m.generic]
        if named:
            return _dedupe([Link(kind, m.name, "point", m.start, m.end) for m in named])
    # 3. the paragraph; several parks there means the zone as a whole
    named = [m for m in scope.by_paragraph.get(passage.paragraph, []) if m.kind == kind and not m.generic]
    if kind == "park":
        if len({m.name for m in named}) > 1:
            return [Link(kind, "", "zone", clause.start, clause.end)]
        if named:
            return [Link(kind, named[0].name, "paragraph", named[0].start, named[0].end)]
    elif named:
        counts: dict[str, int] = {}
        for m in named:
            counts[m.name] = counts.get(m.name, 0) + 1
        best = max(counts, key=lambda name: counts[name])
        m = next(m for m in named if m.name == best)
        return [Link(kind, best, "paragraph", m.start, m.end)]
    # 4. the section heading (一、…), innermost first (a point heading as above)
    for heading in reversed(passage.headings):
        if kind == "cluster" and ((heading.kind in _POINT_KINDS and not _in_its_paragraph(heading, passage, scope))
                                  or heading.kind == "篇"):
            continue  # a plan's part (第三篇　…打造先进制造业和绿色食品…) spans chapters that name their own
            # industries: on the development sets its one industry was right 0 times in 8
        mentions = scope.bare_headings.get(heading.char_start) \
            or [m for c in scope.clauses_between(heading.char_start, heading.char_end) for m in c.mentions]
        named = [m for m in mentions if m.kind == kind and not m.generic]
        if kind == "cluster" and len({m.name for m in named}) > 1:
            named = []  # a heading over several industries: its paragraphs name their own (over the
            # development sets such links were right 0 times in 33, a heading's one industry 65 in 137)
        if named:
            return _dedupe([Link(kind, m.name, "section", m.start, m.end) for m in named])
        if heading.kind == BOX and _LISTING_BOX.search(heading.label):
            break  # a box of clusters or platforms: each item names its own, none takes the section's
    return []


def _points_followed(passages: list[Passage]) -> frozenset[int]:
    """The point headings (一是, 1.) that another point of the same list follows: the paragraphs between
    them carry the point on; after the last one they return to the section."""
    followed = set()
    last: dict[tuple, int] = {}
    for passage in passages:
        points = [k for k, h in enumerate(passage.headings) if h.kind in _POINT_KINDS]
        if not points:
            continue
        k = points[-1]
        key = (passage.headings[k].kind, *(h.char_start for h in passage.headings[:k]))
        start = passage.headings[k].char_start
        if key in last and last[key] != start:
            followed.add(last[key])
        last[key] = start
    return frozenset(followed)


def _in_its_paragraph(heading: Heading, passage: Passage, scope: _Scopes) -> bool:
    """Whether the heading opens the paragraph the passage is cut from, stands alone on its line
    (一是加快发展数字经济 over the paragraphs that carry it out), or is followed by another point of its
    list (the paragraphs between two points carry the first on)."""
    opening = scope.sentence_at(heading.char_start)
    if not opening or heading.char_start in scope.points_followed:
        return True
    number = scope.paragraph_of.get(opening[0].start)
    return number == passage.paragraph or all(c.sentence == opening[0].sentence for c in scope.paragraphs.get(number, []))


def _dedupe(links: list[Link]) -> list[Link]:
    seen: set[tuple[str, str]] = set()
    out = []
    for lk in links:
        if (lk.kind, lk.name) not in seen:
            seen.add((lk.kind, lk.name))
            out.append(lk)
    return out


