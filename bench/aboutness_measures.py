"""Would another measure help kb's aboutness model? Session 17's search, on development sets only.

    python bench/aboutness_measures.py

Candidate measures of a (paragraph, cluster) pair (`_candidates`), each read from the document alone, are
added to the model's FEATURES (kb/aboutness.py) one at a time and then by forward selection: a
measure joins only if it raises the best F1 by at least GAIN, each document predicted by a model
fitted on the others (bench/train_aboutness.py's figures). kb adopts a measure that passes on
the taxonomy it ships: in session 17 names_itself passed on the first taxonomy and failed on the
next, where listed passed (0.765 -> 0.771) and became FEATURES' share_listed. Session 18 tried
foreign_list_items (how many items of the mention's list name no cluster): 0.769 -> 0.775 over eight
sets, a gain in 96% of 500 resamplings of the documents; it became a FEATURE. Session 19, with dev10
(ten sets, 899 pairs): title_names_it (the document's title names the cluster) 0.747 -> 0.752, a gain
in 93% of 500 resamplings, became a FEATURE; economy_words, sector_words and figure_density (a
paragraph on the economy as a whole) gained nothing. Session 20 (eleven sets, 1,209 pairs):
nothing passes (the best, names_itself, 0.786 -> 0.789 when rounded, is just under GAIN); a
cluster's record, read fold by fold (bench/train_aboutness.py's docstring), gained 0.002.
Session 22 (thirteen sets, 1,485 pairs before dev13): as_industry (the word followed by 产业, 集群,
项目 …), after_build_verb (发展, 培育, 打造 … before it in its clause) and figure_after (a figure
follows) gained nothing, nor did a word's own record read fold by fold; what passed is a measure of
the whole paragraph's text, the topic probe (kb/topic_probe.py), which became FEATURES' reader_topic.
This script holds reader_topic at 0.5 (the probe is cross-fitted only in bench/train_aboutness.py,
which prints the model with and without it), so its figures are the other eight measures'.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from links_quality import dirs_for  # noqa: E402
from train_aboutness import (  # noqa: E402
    DEVELOPMENT_SETS,
    THRESHOLDS,
    figures,
    held_out_probabilities,
    weighed_paragraphs,
)

from kb.link import Linker  # noqa: E402

GAIN = 0.003

# session 19's candidates: words of the economy as a whole, and sectors the taxonomy has no cluster for
ECONOMY_WORDS = ("国内生产总值", "国民生产总值", "国民经济", "经济增长", "财政收入", "固定资产投资", "社会消费品零售",
                 "进出口", "居民收入", "工业增加值", "物价", "外汇储备", "城镇新增就业", "财政赤字", "经济效益")
SECTOR_WORDS = ("工业", "轻工业", "重工业", "基础工业", "交通运输", "建筑业", "第一产业", "第二产业", "第三产业",
                "制造业", "原材料", "邮电", "对外贸易", "基本建设")
_FIGURE = re.compile(r"\d[\d.,，]*\s*(?:%|％|万|亿|倍)")
# session 22's candidates: how the paragraph uses the word (an industry it builds, or a figure it counts)
_INDUSTRY_HEAD = re.compile(r"(?:等)?(?:产业|产业链|产业园|集群|企业|项目|行业|基地|制造|龙头)")
_BUILD_VERBS = ("发展", "培育", "壮大", "打造", "引进", "招引", "布局", "做强", "做大", "聚焦", "围绕", "支持", "推动",
                "加快", "延链", "补链", "强链")
_FIGURE_AFTER = re.compile(r"[^，。；]{0,12}?(?:增长|下降|达到|达|为|实现)?\s*[\d×]")


def _candidates(text: str, doc_counts: dict[str, int], paragraph, name: str,
                linker: Linker) -> dict[str, float]:
    """The candidate measures of one cluster in one paragraph."""
    mentions = [m for c in paragraph for m in c.mentions if m.kind == "cluster"]
    mine = [m for m in mentions if m.name == name]
    words = {text[m.start:m.end] for m in mine}
    cluster = linker.taxonomy.clusters[name]
    start, end = paragraph[0].start, paragraph[-1].end
    return {
        "distinct_words": math.log(len(words)),
        "names_itself": float(bool(words & {cluster.name, *cluster.aliases})),
        "first_position": (mine[0].start - start) / max(1, end - start),
        "document_share": doc_counts.get(name, 0) / max(1, sum(doc_counts.values())),
        "document_count": math.log(1 + doc_counts.get(name, 0)),
        "economy_words": math.log1p(sum(text.count(w, start, end) for w in ECONOMY_WORDS)),
        "sector_words": math.log1p(sum(text.count(w, start, end) for w in SECTOR_WORDS)),
        "figure_density": len(_FIGURE.findall(text, start, end)) / max(1, end - start) * 100,
        "as_industry": sum(bool(_INDUSTRY_HEAD.match(text, m.end, m.end + 6)) for m in mine) / len(mine),
        "after_build_verb": sum(any(v in _clause_before(text, m.start) for v in _BUILD_VERBS) for m in mine) / len(mine),
        "figure_after": sum(bool(_FIGURE_AFTER.match(text, m.end, m.end + 16)) for m in mine) / len(mine),
    }


def _clause_before(text: str, at: int) -> str:
    """The clause's text before a mention, back to the last 。；，: or the paragraph's start."""
    cut = max(text.rfind(ch, 0, at) for ch in "。；，：\n")
    return text[cut + 1:at]


def rows(linker: Linker) -> tuple[list[list[float]], list[dict], list[bool], list[str], int]:
    """FEATURES, candidate measures, label and document of every explicit link in the annotated
    development paragraphs, and the annotated clusters kb names nowhere in theirs."""
    base, extra, labels, docs, unnamed = [], [], [], [], 0
    for gold_file in DEVELOPMENT_SETS:
        measured = None  # the document whose counts are read below
        for doc, links, paragraph, row, features in weighed_paragraphs(gold_file, linker,
                                                                       dirs_for([str(ROOT / gold_file)], [])):
            if measured is not doc:
                measured = doc
                doc_counts = Counter(m.name for c in links.clauses for m in c.mentions if m.kind == "cluster")
            unnamed += len(set(row["clusters"]) - set(features))
            for name, values in features.items():
                base.append(values)
                extra.append(_candidates(doc.text, doc_counts, paragraph, name, linker))
                labels.append(name in row["clusters"])
                docs.append(row["doc"])
    return base, extra, labels, docs, unnamed


def best_f1(x: np.ndarray, y: np.ndarray, docs: np.ndarray, unnamed: int) -> tuple[float, float]:
    """The best leave-one-document-out F1 over the thresholds, and its threshold."""
    p = held_out_probabilities(x, y.astype(float), docs)
    return max((figures(y, p >= t, unnamed)[2], t) for t in THRESHOLDS)


def main() -> None:
    linker = Linker.load(weigh_aboutness=False)
    base, extra, labels, docs, unnamed = rows(linker)
    y, groups = np.array(labels, dtype=bool), np.array(docs)
    names = list(extra[0])

    def matrix(chosen: list[str]) -> np.ndarray:
        return np.array([b + [e[n] for n in chosen] for b, e in zip(base, extra)])

    current, t = best_f1(matrix([]), y, groups, unnamed)
    print(f"{len(y)} pairs; FEATURES alone: best F1 {current:.3f} at {t:.2f}")
    for name in names:
        f1, t = best_f1(matrix([name]), y, groups, unnamed)
        print(f"  + {name:16} {f1:.3f} at {t:.2f}")
    chosen: list[str] = []
    while len(chosen) < len(names):
        f1, name = max((best_f1(matrix(chosen + [n]), y, groups, unnamed)[0], n) for n in names if n not in chosen)
        if f1 - current < GAIN:
            break
        chosen.append(name)
        current = f1
    print(f"forward selection (gain >= {GAIN}): {chosen or 'nothing'}; best F1 {current:.3f}")


if __name__ == "__main__":
    main()
