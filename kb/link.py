"""Link: which cluster a passage is about, which target it commits to, and who answers for it.

Links are resolved per clause (split at ，；), because one sentence of a speech often
hands different work to different parks. A clause that names no park or cluster
inherits them, nearest first: from the earlier clauses of its sentence, its point
heading (一是…), its paragraph, its section. A paragraph that names several parks hands
an unnamed target to the zone as a whole, not to the nearest park. Every link keeps
its evidence span and how it was resolved, so an auditor can check it.
"""

from __future__ import annotations

import re
import sqlite3
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .segment import Passage

# ---------------------------------------------------------------- taxonomy


@dataclass
class Park:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""
    within: str = ""


@dataclass
class Cluster:
    name: str
    aliases: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    broad: bool = False


class TaxonomyError(Exception):
    """A taxonomy file that cannot be read; one line for the user."""


def _read_toml(path: Path | None, text: str | None = None) -> dict:
    try:
        if text is not None:
            return tomllib.loads(text)
        assert path is not None
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"cannot read taxonomy {path}: {exc}") from None


@dataclass
class Taxonomy:
    parks: dict[str, Park] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)

    def merge(self, data: dict) -> None:
        for item in data.get("park", []):
            name = item["name"]
            park = self.parks.setdefault(name, Park(name))
            park.aliases += [a for a in item.get("aliases", []) if a not in park.aliases]
            park.kind = item.get("kind", park.kind)
            park.within = item.get("within", park.within)
        for item in data.get("cluster", []):
            name = item["name"]
            cluster = self.clusters.setdefault(name, Cluster(name))
            cluster.aliases += [a for a in item.get("aliases", []) if a not in cluster.aliases]
            cluster.keywords += [k for k in item.get("keywords", []) if k not in cluster.keywords]
            cluster.broad = bool(item.get("broad", cluster.broad))

    def canonical_cluster(self, name: str) -> str:
        """The canonical name for a cluster name or alias ('' when unknown)."""
        bare = _strip_cluster_suffix(name)
        for cluster in self.clusters.values():
            names = [cluster.name, *cluster.aliases]
            if name in names or bare in [_strip_cluster_suffix(n) for n in names]:
                return cluster.name
        return ""

    def canonical_park(self, name: str) -> str:
        for park in self.parks.values():
            if name == park.name or name in park.aliases:
                return park.name
        return name


def _strip_cluster_suffix(name: str) -> str:
    return re.sub(r"(产业集群|产业链|产业|集群)$", "", name)


def load_taxonomy(extra: list[Path] | None = None) -> Taxonomy:
    taxonomy = Taxonomy()
    text = resources.files("kb.data").joinpath("taxonomy.toml").read_text(encoding="utf-8")
    taxonomy.merge(_read_toml(None, text))
    for path in extra or []:
        taxonomy.merge(_read_toml(path))
    return taxonomy


# ---------------------------------------------------------------- mentions

_PARK_SUFFIX = r"(?:自由贸易试验区|自贸试验区|综合保税区|经济技术开发区|高新技术产业开发区|工业园区|产业园区|工业园|产业园|科技园|开发区|高新区|经开区|新区|园区|园)"
_PARK_SUFFIX_RE = re.compile(_PARK_SUFFIX)
# characters that cannot begin a park name: verbs and function words before it
_PARK_BOUNDARY = set("，。；：、“”‘’（）《》()[]【】,.;:!?！？ \t\n")
# jieba parts of speech that can make up a park's proper name: places, organisations,
# other proper nouns, nouns, abbreviations, Latin letters (x工业园)
_NAME_POS = {"ns", "nz", "nt", "nr", "nrt", "nrfg", "n", "j", "eng", "an"}
# nouns that end a clause's subject rather than start a name (条例所称开发区, 示范园区)
_NOT_NAME_START = {"条例", "本条例", "规定", "政府", "部门", "企业", "项目", "示范", "所", "各类", "相关"}


_LEADING_VERBS = re.compile(r"^(?:努力|全力|大力|积极|加快|实现|支持|利用|依托|围绕|推动|推进|建设|打造|提升|完善|优化|"
                            r"加强|引导|吸引|鼓励|促进|带动|发展|服务|管理|入驻|进入|做强|做大|壮大|高标准|高水平)+")


def _name_prefix_length(window: str) -> int:
    """How many characters before a park suffix belong to the name: the trailing run of
    name-like words (苏州 in 举办苏州工业园区), nothing after a verb (完成园区 is 园区)."""
    if not window:
        return 0
    import jieba.posseg

    words = list(jieba.posseg.cut(window))  # HMM on: names jieba does not know (青秀)
    length = 0
    for word in reversed(words):
        if word.flag not in _NAME_POS or word.word in _NOT_NAME_START:
            break
        length += len(word.word)
    # jieba's dictionary tags some verb phrases as nouns (努力实现, 全力支持): cut them off
    prefix = _LEADING_VERBS.match(window[len(window) - length:])
    return length - (prefix.end() if prefix else 0)


GENERIC_ZONES = {"园区", "开发区", "高新区", "新区", "工业园区", "产业园区", "工业园", "产业园", "经开区",
                  "自贸试验区", "自由贸易试验区", "综合保税区"}
_PARK_NOT = re.compile(r"(公园|校园|家园|田园|乐园|花园|庄园|果园|菜园|茶园|幼儿园|动物园|植物园|陵园)$")


@dataclass
class Mention:
    kind: str  # park | cluster
    name: str  # canonical for clusters and taxonomy parks; as written for discovered parks
    start: int
    end: int
    generic: bool = False  # 园区, 开发区: the zone itself; broad clusters (新材料) too


@dataclass
class Link:
    kind: str
    name: str
    resolution: str  # explicit | sentence | point | paragraph | section | zone
    evidence_start: int
    evidence_end: int


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
    clauses: list[Clause]
    targets: list[Target]

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


_CLAUSE_SPLIT = re.compile(r"[，,；;：:]")


class Linker:
    def __init__(self, taxonomy: Taxonomy) -> None:
        import ahocorasick

        self.taxonomy = taxonomy
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, tuple[str, str]] = {}
        for cluster in taxonomy.clusters.values():
            for word in [cluster.name, *cluster.aliases, *cluster.keywords]:
                entries.setdefault(word, ("cluster", cluster.name))
        for park in taxonomy.parks.values():
            for word in [park.name, *park.aliases]:
                entries[word] = ("park", park.name)
        for word, (kind, name) in entries.items():
            self._automaton.add_word(word, (kind, name, len(word)))
        self._automaton.make_automaton()

    @classmethod
    def load(cls, taxonomy_path: Path | None = None, roots: list[Path] | None = None) -> Linker:
        extra = []
        for root in roots or []:
            candidate = root / "taxonomy.toml"
            if candidate.is_file():
                extra.append(candidate)
        if taxonomy_path is not None:
            if not taxonomy_path.is_file():
                raise TaxonomyError(f"taxonomy file {taxonomy_path} does not exist")
            extra.append(taxonomy_path)
        return cls(load_taxonomy(extra))

    def vocabulary(self) -> list[str]:
        words = []
        for park in self.taxonomy.parks.values():
            words += [park.name, *park.aliases]
        for cluster in self.taxonomy.clusters.values():
            words += [cluster.name, *cluster.aliases]
        return words

    # -- mentions
    def mentions(self, text: str, start: int, end: int) -> list[Mention]:
        found: list[Mention] = []
        segment_text = text[start:end]
        taken: list[tuple[int, int]] = []
        clusters: list[Mention] = []
        for last, (kind, name, length) in self._automaton.iter_long(segment_text):
            s = last - length + 1
            mention = Mention(kind, name, start + s, start + last + 1)
            if kind == "park":
                taken.append((s, last + 1))
                found.append(mention)
            else:
                mention.generic = self.taxonomy.clusters[name].broad
                clusters.append(mention)
        if any(not m.generic for m in clusters):
            clusters = [m for m in clusters if not m.generic]
        found += clusters
        for m in _PARK_SUFFIX_RE.finditer(segment_text):
            e = m.end()
            # the name is the run of name characters before the suffix, after the last
            # function word or verb: 吸引…企业向园区集中 names 园区, not 企业向园区
            s = m.start()
            while s > 0 and m.start() - s < 10 and segment_text[s - 1] not in _PARK_BOUNDARY:
                s -= 1
            s = m.start() - _name_prefix_length(segment_text[s:m.start()])
            name = segment_text[s:e]
            if any(a <= s < b or a < e <= b for a, b in taken) or _PARK_NOT.search(name):
                continue
            generic = s == m.start()
            if generic and name not in GENERIC_ZONES:
                continue  # a bare 园 or 新区 on its own is not a name
            taken.append((s, e))
            found.append(Mention("park", name, start + s, start + e, generic=generic))
        found.sort(key=lambda m: m.start)
        return found

    # -- document
    def link_document(self, doc, passages: list[Passage]) -> DocumentLinks:
        text = doc.text
        clauses: list[Clause] = []
        sentence_no = 0
        for ordinal, passage in enumerate(passages):
            for sentence in passage.sentences:
                pos = sentence.char_start
                for m in list(_CLAUSE_SPLIT.finditer(sentence.text)) + [None]:
                    end = sentence.char_start + (m.end() if m else len(sentence.text))
                    if end > pos:
                        clauses.append(Clause(pos, end, sentence_no, ordinal, self.mentions(text, pos, end)))
                    pos = end
                sentence_no += 1
        scope = _Scopes(clauses, passages)
        self._resolve(clauses, passages, scope)
        targets = extract_targets(doc, passages, scope)
        return DocumentLinks(clauses, targets)

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

    def _parents(self, name: str) -> list[str]:
        out = []
        park = self.taxonomy.parks.get(name)
        while park and park.within and park.within not in out:
            out.append(park.within)
            park = self.taxonomy.parks.get(park.within)
        return out


class _Scopes:
    """Lookups for scope inheritance: mentions by paragraph, clauses by offset."""

    def __init__(self, clauses: list[Clause], passages: list[Passage]) -> None:
        self.clauses = clauses
        self.starts = [c.start for c in clauses]
        self.by_paragraph: dict[int, list[Mention]] = {}
        self.by_sentence: dict[int, list[Clause]] = {}
        for clause in clauses:
            self.by_paragraph.setdefault(passages[clause.passage_ord].paragraph, []).extend(clause.mentions)
            self.by_sentence.setdefault(clause.sentence, []).append(clause)

    def clauses_between(self, start: int, end: int) -> list[Clause]:
        import bisect

        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.clauses[lo:hi]

    def sentence_at(self, offset: int) -> list[Clause]:
        import bisect

        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0 or not (self.clauses[i].start <= offset < self.clauses[i].end):
            return []
        return self.by_sentence[self.clauses[i].sentence]


_POINT_KINDS = ("一是", "1.", "1、", "（1）", "①")


def _inherit(kind: str, i: int, clauses: list[Clause], passage: Passage, scope: _Scopes) -> list[Link]:
    clause = clauses[i]
    # 1. earlier clauses of the same sentence, nearest first
    for j in range(i - 1, -1, -1):
        if clauses[j].sentence != clause.sentence:
            break
        named = [m for m in clauses[j].mentions if m.kind == kind and not m.generic]
        if named:
            return [Link(kind, m.name, "sentence", m.start, m.end) for m in named]
    # 2. the point heading (一是…): the sentence that opens the point
    point = next((h for h in reversed(passage.headings) if h.kind in _POINT_KINDS), None)
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
    # 4. the section heading (一、…), innermost first
    for heading in reversed(passage.headings):
        named = [m for c in scope.clauses_between(heading.char_start, heading.char_end) for m in c.mentions
                 if m.kind == kind and not m.generic]
        if named:
            return _dedupe([Link(kind, m.name, "section", m.start, m.end) for m in named])
    return []


def _dedupe(links: list[Link]) -> list[Link]:
    seen: set[tuple[str, str]] = set()
    out = []
    for lk in links:
        if (lk.kind, lk.name) not in seen:
            seen.add((lk.kind, lk.name))
            out.append(lk)
    return out


# ---------------------------------------------------------------- targets

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


def extract_targets(doc, passages: list[Passage], scope: _Scopes) -> list[Target]:
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
                cluster, park, resolution = _scope_of(scope.clauses_between(q_start - 400, q_end), q_start, q_end)
                targets.append(Target(
                    kind=kind, year=year, strength=strength, metric=metric, value=value,
                    value_normalised=_normalise_value(value, m.group("mult") or "", m.group("unit")),
                    unit=(m.group("mult") or "") + m.group("unit"), qualifier=m.group("qual") or "",
                    cluster=cluster, park=park, resolution=resolution,
                    char_start=q_start, char_end=q_end, quote=text[q_start:q_end], passage_ord=passage_ord,
                ))
    return targets


def _scope_of(clauses: list[Clause], start: int, end: int) -> tuple[str, str, str]:
    cluster = park = ""
    resolution = ""
    generic_here = ""
    for clause in clauses:
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


# ---------------------------------------------------------------- storage


def store_passage_links(conn: sqlite3.Connection, doc_id: int, passage_id: int, links: list[Link]) -> None:
    conn.executemany(
        "INSERT INTO links(passage_id, doc_id, kind, name, resolution, evidence_start, evidence_end)"
        " VALUES (?,?,?,?,?,?,?)",
        [(passage_id, doc_id, lk.kind, lk.name, lk.resolution, lk.evidence_start, lk.evidence_end)
         for lk in links if lk.name],
    )


def store_targets(conn: sqlite3.Connection, doc_id: int, doc_links: DocumentLinks, passages: list[Passage],
                  passage_ids: dict[int, int]) -> None:
    rows = []
    for t in doc_links.targets:
        passage = passages[t.passage_ord]
        line = passage.line_start + passage.text.count("\n", 0, t.char_start - passage.char_start)
        rows.append((doc_id, passage_ids[t.passage_ord], t.kind, t.year, t.strength, t.metric, t.value,
                     t.value_normalised, t.unit, t.qualifier, t.cluster, t.park, t.resolution, t.char_start,
                     t.char_end, line, t.quote))
    conn.executemany(
        "INSERT INTO targets(doc_id, passage_id, kind, year, strength, metric, value, value_normalised, unit,"
        " qualifier, cluster, park, resolution, char_start, char_end, line, quote)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
