"""Scoring of park names and cluster links against blind annotations (pure functions).

Parks: one gold row per distinct park of a document (name, aliases); a found park
matches when one of its names equals one of the gold row's names after folding
中国（X） prefixes. A part written after its parent (中国（福建）自由贸易试验区厦门片区) is the
row of the part (厦门片区, within 中国（福建）自由贸易试验区): annotators write it either way.
Clusters: one gold row per paragraph (a line of the file); kb's clusters for it are the union
of the cluster links of the clauses in that line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .segment import LineIndex
from .tokenize import to_simplified

if TYPE_CHECKING:
    from .link import DocumentLinks

_CHINA_PREFIX = re.compile(r"^中国[（(]([^）)]+)[）)]")


def fold_park_name(name: str) -> str:
    """中国（上海）自由贸易试验区 and 上海自由贸易试验区 are one name, and so are its traditional
    and simplified forms and its short kind (上海自贸试验区: the two words mean one thing, and a part's
    parent is written either way, 山东自贸试验区烟台片区 for 中国（山东）自由贸易试验区's 烟台片区)."""
    return _CHINA_PREFIX.sub(r"\1", to_simplified(name.strip())).replace("自由贸易试验区", "自贸试验区")


@dataclass
class PRF:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_pos + self.false_neg
        return self.true_pos / gold if gold else 1.0

    def add(self, other: PRF) -> None:
        self.true_pos += other.true_pos
        self.false_pos += other.false_pos
        self.false_neg += other.false_neg

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "tp": self.true_pos, "fp": self.false_pos, "fn": self.false_neg}


def bootstrap_interval(units: list[tuple[int, int, int]], rounds: int = 2000, seed: int = 0,
                       level: float = 0.95) -> dict:
    """Percentile bootstrap interval of micro precision and recall over resampled documents,
    each a (tp, fp, fn) count: how far a figure on a few documents may move on others like
    them. Documents, not paragraphs, are resampled: a document's paragraphs share its style.
    With every document free of wrong links the interval of precision is 1.0–1.0, which says
    nothing of the documents not seen; `units` says how many documents it rests on."""
    import numpy as np

    if not units:
        return {"precision": (1.0, 1.0), "recall": (1.0, 1.0), "units": 0}
    counts = np.asarray(units, dtype=float)
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(len(counts), [1 / len(counts)] * len(counts), size=rounds)  # draws per document
    tp, fp, fn = (weights @ counts[:, k] for k in range(3))
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 1.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 1.0)
    tail = (1 - level) / 2 * 100
    out: dict = {name: (round(float(np.percentile(values, tail)), 3), round(float(np.percentile(values, 100 - tail)), 3))
                 for name, values in (("precision", precision), ("recall", recall))}
    out["units"] = len(counts)
    return out


def _names_of(row: Mapping | object) -> set[str]:
    """The folded names of a gold row (dict) or a found canonical park (object or dict); a gold
    row's part is named with its parent's name before it too."""
    if isinstance(row, Mapping):
        names = [row["name"], *row.get("aliases", [])]
        parent = row.get("within") or ""
        if parent and row["name"] and not row["name"].startswith(parent):
            names.append(parent + row["name"])
    else:
        names = [row.name, *row.aliases]
    return {fold_park_name(n) for n in names if n}


def _rows_met(names: set[str], gold: list[set[str]]) -> int:
    """How many gold rows a found park's names meet."""
    return sum(1 for g in gold if names & g)


def _one_to_one(found: list[set[str]], gold: list[set[str]]) -> dict[int, int]:
    """Each found park matched to at most one gold row and each row to at most one park (found
    index → gold index), in the order kb lists them: a second row of kb for one park (巩昌铝产业园
    and 陇西经开区巩昌铝产业园) is a wrong one, as "one park, one row" asks, and so is one row that
    names two parks of the key."""
    pairs: dict[int, int] = {}
    for i, names in enumerate(found):
        if _rows_met(names, gold) > 1:
            continue  # one row for two parks of the key (丛台经济开发区 folded into 邯郸经开区): wrong
        row = next((j for j, g in enumerate(gold) if j not in pairs.values() and names & g), None)
        if row is not None:
            pairs[i] = row
    return pairs


def _doc_key(doc: str) -> str:
    return doc.rsplit("/", 1)[-1]


def score_parks(gold_rows: Iterable[Mapping], found: Mapping[str, list]) -> dict:
    """Park-name precision and recall per document and over all of them.

    `found` maps a document name to its canonical parks (anything with .name and .aliases,
    or dicts with those keys). A found park is right when it names a gold row, even a row
    another found park names too; "one_park_one_row" scores them one to one, so kb's second row
    for one park is wrong there. Returns {"docs": {doc: {...}}, "overall": {...},
    "misses": {doc: [gold names]}, "extras": {doc: [found names]}, "second_rows": {doc: [found
    names right but not matched one to one]}, "merged_rows": {doc: [found names of two gold rows]},
    "units": [(tp, fp, fn) per document]}, as score_clusters gives its units for bootstrap_interval.
    """
    gold_by_doc: dict[str, list[Mapping]] = {}
    for row in gold_rows:
        gold_by_doc.setdefault(_doc_key(row["doc"]), []).append(row)
    found_by_doc = {_doc_key(doc): rows for doc, rows in found.items()}
    out: dict = {"docs": {}, "misses": {}, "extras": {}, "second_rows": {}, "merged_rows": {}}
    overall, one_row = PRF(), PRF()
    for doc, gold in gold_by_doc.items():
        rows = found_by_doc.get(doc, [])
        gold = [g for g in gold if g.get("name")]  # a line with no name: the document names no park
        gold_names = [_names_of(g) for g in gold]
        found_names = [_names_of(f) for f in rows]
        score = PRF()
        score.true_pos = sum(1 for f in found_names if any(f & g for g in gold_names))
        score.false_pos = len(found_names) - score.true_pos
        score.false_neg = sum(1 for g in gold_names if not any(f & g for f in found_names))
        out["docs"][doc] = score.as_dict()
        out["misses"][doc] = [g["name"] for g, names in zip(gold, gold_names)
                              if not any(f & names for f in found_names)]
        out["extras"][doc] = [_name(f) for f, names in zip(rows, found_names)
                              if not any(names & g for g in gold_names)]
        pairs = _one_to_one(found_names, gold_names)
        met = [_rows_met(names, gold_names) for names in found_names]
        out["second_rows"][doc] = [_name(f) for i, f in enumerate(rows) if i not in pairs and met[i] == 1]
        out["merged_rows"][doc] = [_name(f) for i, f in enumerate(rows) if met[i] > 1]
        one_row.add(PRF(len(pairs), len(found_names) - len(pairs), len(gold_names) - len(pairs)))
        overall.add(score)
    out["overall"] = overall.as_dict()
    out["one_park_one_row"] = one_row.as_dict()
    out["units"] = [(d["tp"], d["fp"], d["fn"]) for d in out["docs"].values()]
    return out


def candidate_coverage(gold_rows: Iterable[Mapping], named: Mapping[str, Iterable[str]],
                       listed: Mapping[str, Iterable[str]], key: Callable[[str], str] = fold_park_name) -> dict:
    """How many annotated zones kb names, and how many more its candidate list holds for a person
    to confirm (kb parks --candidates): a zone counts when its name or an alias, folded by `key`,
    folds like a name kb gives (`named`) or lists (`listed`) for the document. Returns zones,
    named, listed (held by a candidate only), candidates (listed names kb does not name) and the
    two shares."""
    out = {"zones": 0, "named": 0, "listed": 0, "candidates": 0}
    gold_by_doc: dict[str, list[Mapping]] = {}
    for row in gold_rows:
        if row.get("name"):
            gold_by_doc.setdefault(_doc_key(row["doc"]), []).append(row)
    named_by_doc = {_doc_key(doc): {key(n) for n in names} for doc, names in named.items()}
    listed_by_doc = {_doc_key(doc): {key(n) for n in names} for doc, names in listed.items()}
    for doc, gold in gold_by_doc.items():
        kb_names = named_by_doc.get(doc, set())
        candidates = listed_by_doc.get(doc, set()) - kb_names
        out["candidates"] += len(candidates)
        for row in gold:
            keys = {key(n) for n in [row["name"], *row.get("aliases", [])] if n}
            out["zones"] += 1
            out["named"] += bool(keys & kb_names)
            out["listed"] += bool(keys & candidates) and not keys & kb_names
    zones = max(out["zones"], 1)
    return {**out, "recall_named": out["named"] / zones, "recall_named_or_listed": (out["named"] + out["listed"]) / zones}


def _name(row) -> str:
    return row["name"] if isinstance(row, Mapping) else row.name


def score_clusters(gold_rows: Iterable[Mapping], clusters_of_paragraph: Mapping[tuple[str, int], set[str]]) -> dict:
    """Cluster precision and recall per cluster and micro over all, one unit per
    (paragraph, cluster). `clusters_of_paragraph` maps (doc, 1-based line) to kb's clusters;
    "units" holds each document's (tp, fp, fn)."""
    per_cluster: dict[str, PRF] = {}
    overall = PRF()
    errors: list[dict] = []
    units: dict[str, list[int]] = {}  # tp, fp, fn per document, for bootstrap_interval
    for row in gold_rows:
        doc = _doc_key(row["doc"])
        gold = set(row["clusters"])
        got = set(clusters_of_paragraph.get((doc, row["line"]), set()))
        unit = units.setdefault(doc, [0, 0, 0])
        for k, n in enumerate((len(gold & got), len(got - gold), len(gold - got))):
            unit[k] += n
        for name in gold | got:
            score = per_cluster.setdefault(name, PRF())
            if name in gold and name in got:
                score.true_pos += 1
            elif name in got:
                score.false_pos += 1
            else:
                score.false_neg += 1
        if gold != got:
            errors.append({"doc": doc, "line": row["line"], "missing": sorted(gold - got),
                           "extra": sorted(got - gold)})
    for score in per_cluster.values():
        overall.add(score)
    return {"clusters": {name: s.as_dict() for name, s in sorted(per_cluster.items())},
            "overall": overall.as_dict(), "errors": errors, "units": [tuple(u) for u in units.values()]}


def clusters_by_line(text: str, links) -> dict[int, set[str]]:
    """1-based line → union of the cluster links of the clauses starting in it."""
    lines = LineIndex(text)
    out: dict[int, set[str]] = {}
    for clause in links.clauses:
        line = lines.line_of(clause.start)
        out.setdefault(line, set()).update(lk.name for lk in clause.links if lk.kind == "cluster")
    for start, names in links.heading_clusters().items():  # a heading alone on its line
        out.setdefault(lines.line_of(start), set()).update(names)
    return out


def links_as_given(links: DocumentLinks, text: str, given: Mapping, canonical_cluster: Callable[[str], str | None]) -> bool:
    """Whether the clause holding `given["quote"]` carries exactly the parks and clusters the row
    gives, names as written (no folding): the reference speech's strict reading (issue 18), shared
    by its test and by the threshold cap that keeps it."""
    start = text.find(given["quote"])
    if start < 0:
        return False  # a quote the text does not hold is no link kept
    got = links.links_at(start, start + len(given["quote"]))
    parks = {lk.name for lk in got if lk.kind == "park" and lk.name}
    clusters = {lk.name for lk in got if lk.kind == "cluster"}
    return parks == set(given["parks"]) and clusters == {canonical_cluster(c) for c in given["clusters"]}
