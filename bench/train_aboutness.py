"""Fit kb's aboutness model (kb/aboutness.py) on the development cluster annotations.

    python bench/train_aboutness.py            # report, and write kb/data/aboutness.json
    python bench/train_aboutness.py --dry-run  # report only

Every (paragraph, cluster) pair that kb links explicitly in an annotated paragraph is one
row: its FEATURES and whether the annotator gave the paragraph that cluster. The ninth, the topic
probe's probability (kb/topic_probe.py), is cross-fitted: each row's value comes from a probe
fitted on the other folds of documents; the probe kb ships is fitted on every annotated paragraph
and written beside the model (kb/data/topic_probe.npz), with a model fitted on the other eight
measures alone, its threshold chosen the same way, for clusters the probe does not know. The
report gives both, which is the probe's measured worth. (Session 20 tried
a ninth feature, each cluster's record of being given where kb names it, read fold by fold:
over eleven sets it gained 0.002 of F1, under aboutness_measures' GAIN, and was left out.) The threshold
is the one whose point, each document predicted by a model fitted on the others, comes nearest to
meeting both of the issue's targets (precision 0.85, recall 0.80), ties to the lower (session 26's
rule, fixed before its data; since session 29 precision is aimed 0.02 higher, PRECISION_MARGIN; sessions 17-25 took the lowest threshold within 0.005 of the best F1,
which favoured recall where the held-out sets were short of precision). The report also gives
each development set predicted by a model fitted on the other sets. Only development sets are
read, never the held-out test-3 to test-34 (dev11 to dev36,
documents written blind in sessions 20 to 40, are development sets, as dev8 is). Since session 38 the
recall side is read with what inheritance gives back (inheritance_gain): kb's output is the pairs the
model keeps plus what the clauses whose mention it drops inherit, and the pairs alone had kept
lowering the threshold for a recall the output already had. The threshold is then capped where the
reference speech keeps its ten links (issue 18 asks for 10/10; reference_speech_cap).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from links_quality import dirs_for, find_document, load_segmented, read_jsonl  # noqa: E402

from kb.aboutness import BUNDLED_MODEL, FEATURES, AboutnessModel, cluster_features, fit_logistic  # noqa: E402
from kb.eval_links import clusters_by_line, links_as_given, score_clusters  # noqa: E402
from kb.link import Linker, clause_clusters, paragraph_clauses  # noqa: E402
from kb.load import Document  # noqa: E402
from kb.segment import LineIndex, segment  # noqa: E402
from kb.topic_probe import fit_topic_probe  # noqa: E402

DEVELOPMENT_SETS = ["eval/dev/clusters-dev-guide.jsonl", "eval/test/clusters-test-guide.jsonl",
                    "eval/test2/clusters-test2-guide.jsonl", "eval/dev4/clusters-dev4.jsonl",
                    "eval/dev6/clusters-dev6.jsonl", "eval/dev7/clusters-dev7.jsonl", "eval/dev8/clusters-dev8.jsonl",
                    "eval/dev9/clusters-dev9.jsonl", "eval/dev9/clusters-dev9b.jsonl",
                    "eval/dev10/clusters-dev10.jsonl", "eval/dev11/clusters-dev11.jsonl",
                    "eval/dev12/clusters-dev12.jsonl", "eval/dev13/clusters-dev13.jsonl",
                    "eval/dev14/clusters-dev14.jsonl", "eval/dev15/clusters-dev15.jsonl",
                    "eval/dev16/clusters-dev16.jsonl", "eval/dev17/clusters-dev17.jsonl",
                    "eval/dev18/clusters-dev18.jsonl", "eval/dev19/clusters-dev19.jsonl",
                    "eval/dev20/clusters-dev20.jsonl", "eval/dev21/clusters-dev21.jsonl",
                    "eval/dev22/clusters-dev22.jsonl", "eval/dev23/clusters-dev23.jsonl",
                    "eval/dev24/clusters-dev24.jsonl", "eval/dev25/clusters-dev25.jsonl",
                    "eval/dev26/clusters-dev26.jsonl", "eval/dev27/clusters-dev27.jsonl",
                    "eval/dev28/clusters-dev28.jsonl", "eval/dev29/clusters-dev29.jsonl",
                    "eval/dev30/clusters-dev30.jsonl", "eval/dev31/clusters-dev31.jsonl",
                    "eval/dev32/clusters-dev32.jsonl",
                    "eval/dev33/clusters-dev33.jsonl", "eval/dev34/clusters-dev34.jsonl",
                    "eval/dev35/clusters-dev35.jsonl", "eval/dev36/clusters-dev36.jsonl"]
# Read on a grid of 0.01 since session 31 (0.05 before: session 30's coarse grid stepped over the rule's own
# choice); the report prints every 0.05 and the chosen one.
THRESHOLDS = [round(0.25 + 0.01 * i, 2) for i in range(36)]
TARGET_PRECISION, TARGET_RECALL = 0.85, 0.80  # issue 18: cluster-link precision 0.85 at recall 0.80
# The threshold aims 0.02 above the precision target: the leave-one-document-out estimate runs with a
# vocabulary chosen on the same documents, and held-out precision came out 0.03 or more below it (session
# 28); held-out recall came out at or above it (session 29's rule, fixed before its data).
PRECISION_MARGIN = 0.02
PROBE_FOLDS = 5  # the topic probe's values of the training pairs come from probes fitted without them
# issue 18: "the reference speech still 10/10 links": the threshold is capped where one of its links would go
REFERENCE_SPEECH = ROOT / "corpus" / "park-cluster-speech-202x-h1.txt"
REFERENCE_LINKS = ROOT / "tests" / "data" / "links.jsonl"


def annotated_paragraphs(gold_file: str, linker: Linker, dirs: list[Path]) -> Iterator[tuple]:
    """Each annotated line of a gold file with what kb reads there: the document, its links, the
    clauses of the paragraph that starts on the line (None where none does) and the gold row."""
    gold = read_jsonl(str(ROOT / gold_file))
    for doc_name in dict.fromkeys(row["doc"] for row in gold):
        doc, passages = load_segmented(find_document(doc_name, dirs))
        links = linker.link_document(doc, passages)
        lines = LineIndex(doc.text)
        at = {lines.line_of(p[0].start): p for p in paragraph_clauses(links.clauses, passages).values()}
        for row in (r for r in gold if r["doc"] == doc_name):
            yield doc, links, at.get(row["line"]), row


def weighed_paragraphs(gold_file: str, linker: Linker, dirs: list[Path]) -> Iterator[tuple]:
    """annotated_paragraphs, each with the PARAGRAPH_FEATURES of every cluster kb names in it
    (bench/aboutness_measures.py reads the same)."""
    titles: dict[str, set[str]] = {}
    for doc, links, paragraph, row in annotated_paragraphs(gold_file, linker, dirs):
        if row["doc"] not in titles:
            titles[row["doc"]] = linker.title_clusters(getattr(doc, "title", "") or "")
        features = cluster_features(clause_clusters(paragraph, doc.text), titles[row["doc"]]) if paragraph else {}
        yield doc, links, paragraph, row, features


@dataclass
class Pairs:
    """Every linked (paragraph, cluster) pair of the development sets with its FEATURES (the
    topic column at 0.5 until cross_fitted_topics fills it), label, document and set, each
    annotated paragraph's text and clusters (what the topic probe is fitted on), and the
    annotated clusters kb names nowhere."""

    x: list[list[float]] = field(default_factory=list)
    y: list[bool] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    sets: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # each pair's cluster
    paragraph_of: list[int] = field(default_factory=list)  # each pair's index into texts
    texts: list[str] = field(default_factory=list)
    given: list[list[str]] = field(default_factory=list)
    text_docs: list[str] = field(default_factory=list)
    unnamed: dict[str, int] = field(default_factory=dict)


def add_rows(pairs: Pairs, gold_file: str, linker: Linker, dirs: list[Path]) -> None:
    """One gold file's pairs; unnamed counts its annotated clusters kb names nowhere in their
    paragraph (recall's ceiling: no filter brings them back)."""
    pairs.unnamed[gold_file] = 0
    for doc, _, paragraph, row, features in weighed_paragraphs(gold_file, linker, dirs):
        pairs.unnamed[gold_file] += len(set(row["clusters"]) - set(features))
        if not paragraph:
            continue
        pairs.texts.append(doc.text[paragraph[0].start:paragraph[-1].end])
        pairs.given.append(row["clusters"])
        pairs.text_docs.append(row["doc"])
        for name, values in features.items():
            pairs.x.append(values)
            pairs.y.append(name in row["clusters"])
            pairs.docs.append(row["doc"])
            pairs.sets.append(gold_file)
            pairs.names.append(name)
            pairs.paragraph_of.append(len(pairs.texts) - 1)


def cross_fitted_topics(pairs: Pairs, clusters: list[str]) -> np.ndarray:
    """Each pair's topic probe value from a probe fitted on the other PROBE_FOLDS - 1 folds of
    documents, so that the aboutness model learns how far an unseen paragraph's probe is to be
    trusted, not how well the probe remembers its own paragraphs. A cluster a fold's probe does
    not know (given too rarely) takes the mean of the others: kb weighs such a cluster with the
    model without the probe, and these few rows only keep their place in the fit."""
    documents = sorted(set(pairs.text_docs))
    fold = {d: i % PROBE_FOLDS for i, d in enumerate(np.random.default_rng(22).permutation(documents))}
    of_text = np.array([fold[d] for d in pairs.text_docs])
    out = np.full(len(pairs.y), np.nan)
    for k in range(PROBE_FOLDS):
        probe = fit_topic_probe([t for t, f in zip(pairs.texts, of_text) if f != k],
                                [g for g, f in zip(pairs.given, of_text) if f != k], clusters)
        readers: dict[int, Callable[[str], float]] = {}  # a paragraph is read once for all its clusters
        for i, (name, p) in enumerate(zip(pairs.names, pairs.paragraph_of)):
            if of_text[p] == k and probe.knows(name):
                out[i] = readers.setdefault(p, probe.reader(pairs.texts[p]))(name)
    out[np.isnan(out)] = np.nanmean(out)
    return out


def held_out_probabilities(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each group's rows scored by a model fitted on every other group."""
    out = np.zeros(len(y))
    for group in dict.fromkeys(groups):
        rest = groups != group
        model = fit_logistic(x[rest], y[rest], threshold=0.5)
        out[~rest] = [model.probability(row) for row in x[~rest]]
    return out


def figures(y: np.ndarray, keep: np.ndarray, unnamed: int) -> tuple[float, float, float]:
    tp, fp = float(y[keep].sum()), float((~y[keep]).sum())
    gold = float(y.sum()) + unnamed
    return tp / max(tp + fp, 1), tp / max(gold, 1), 2 * tp / max(tp + fp + gold, 1)


def development_pairs(linker: Linker) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[str, int], Pairs]:
    """Features (the topic column cross-fitted), labels, documents and sets of every linked pair
    of the development sets, each set's annotated clusters kb names nowhere, as `linker` (no
    aboutness model) reads them, and the pairs they were read from."""
    dirs = dirs_for([str(ROOT / f) for f in DEVELOPMENT_SETS], [])
    pairs = Pairs()
    for gold_file in DEVELOPMENT_SETS:
        add_rows(pairs, gold_file, linker, dirs)
    x = np.array(pairs.x)
    x[:, FEATURES.index("reader_topic")] = cross_fitted_topics(pairs, list(linker.taxonomy.clusters))
    return x, np.array(pairs.y, dtype=bool), np.array(pairs.docs), np.array(pairs.sets), pairs.unnamed, pairs


def fitted_model(x: np.ndarray, y: np.ndarray, docs: np.ndarray, unnamed: int, pairs: Pairs,
                 linker: Linker) -> tuple[AboutnessModel, float]:
    """The model kb ships: weights over every measure, the probe fitted on every annotated
    development paragraph, and the model without the probe's measure; each threshold by
    chosen_threshold, recall credited with inheritance_gain (returned with the model)."""
    labels, without = y.astype(float), x[:, :-1]
    by_doc, without_by_doc = held_out_probabilities(x, labels, docs), held_out_probabilities(without, labels, docs)
    probe = fit_topic_probe(pairs.texts, pairs.given, list(linker.taxonomy.clusters))

    def model_at(gain: float) -> AboutnessModel:
        return replace(fit_logistic(x, labels, chosen_threshold(y, by_doc, unnamed, gain)), topic=probe,
                       without_topic=fit_logistic(without, labels, chosen_threshold(y, without_by_doc, unnamed, gain)))

    gain = inheritance_gain(model_at(0.0), pairs, y, unnamed, linker)
    model = model_at(gain)
    return replace(model, threshold=reference_speech_cap(model, linker)), gain


def reference_speech_cap(model: AboutnessModel, linker: Linker) -> float:
    """The highest threshold up to `model`'s at which the reference speech keeps every one of its
    ten links (the lowest of the grid if none does: the test suite then says so)."""
    doc = Document(REFERENCE_SPEECH.name, REFERENCE_SPEECH.read_text(encoding="utf-8"), "utf-8", "", "t", "202x", "讲话",
                   False)  # as tests/test_link.py reads it
    passages = segment(doc.text)
    gold = [json.loads(line) for line in REFERENCE_LINKS.read_text(encoding="utf-8").splitlines()]
    for t in sorted((t for t in THRESHOLDS if t <= model.threshold), reverse=True):
        links = Linker(linker.taxonomy, aboutness=replace(model, threshold=t)).link_document(doc, passages)
        if all(links_as_given(links, doc.text, g, linker.taxonomy.canonical_cluster) for g in gold):
            return t
    return THRESHOLDS[0]


def end_to_end_recall(model: AboutnessModel, linker: Linker) -> float:
    """kb's cluster recall over the development sets with `model`, as bench/links_quality.py
    measures it: the pairs the model keeps and what inheritance adds."""
    weighed = Linker(linker.taxonomy, aboutness=model)
    dirs = dirs_for([str(ROOT / f) for f in DEVELOPMENT_SETS], [])
    rows = [row for gold_file in DEVELOPMENT_SETS for row in read_jsonl(str(ROOT / gold_file))]
    by_line: dict[tuple[str, int], set[str]] = {}
    for doc_name in dict.fromkeys(row["doc"] for row in rows):
        doc, passages = load_segmented(find_document(doc_name, dirs))
        for line, names in clusters_by_line(doc.text, weighed.link_document(doc, passages)).items():
            by_line[(doc_name, line)] = names
    return score_clusters(rows, by_line)["overall"]["recall"]


def inheritance_gain(model: AboutnessModel, pairs: Pairs, y: np.ndarray, unnamed: int, linker: Linker) -> float:
    """The recall inheritance gives back at `model`'s thresholds: kb's end-to-end recall less the
    recall of the pairs `model` keeps, both as kb reads them (the probe fitted on every development
    paragraph, in sample on both sides, so that only inheritance differs). It is measured once, at
    the thresholds the pairs alone choose, and credited to the model without the probe as well."""
    return round(end_to_end_recall(model, linker) - figures(y, kept_as_kb_keeps(model, pairs), unnamed)[1], 3)


def kept_as_kb_keeps(model: AboutnessModel, pairs: Pairs) -> np.ndarray:
    """Whether kb keeps each pair: AboutnessModel.passing's reading of one pair, the probe's value
    from `model`'s own probe (0.5 for a cluster it does not know, read by the model without it)."""
    column = FEATURES.index("reader_topic")
    readers: dict[int, Callable[[str], float]] = {}
    kept = []
    for row, name, paragraph in zip(pairs.x, pairs.names, pairs.paragraph_of):
        knows = model.topic is not None and model.topic.knows(name)
        values = list(row)
        if knows and paragraph not in readers:
            readers[paragraph] = model.topic.reader(pairs.texts[paragraph])
        values[column] = readers[paragraph](name) if knows else 0.5
        kept.append(model.is_about(values, knows))
    return np.array(kept)


def shortfall(precision: float, recall: float) -> float:
    """How far a (precision, recall) point is from meeting both of the issue's targets, precision's
    with PRECISION_MARGIN: the larger of the two gaps, 0 when both are met."""
    return max(TARGET_PRECISION + PRECISION_MARGIN - precision, TARGET_RECALL - recall, 0.0)


def chosen_threshold(y: np.ndarray, by_doc: np.ndarray, unnamed: int, gain: float = 0.0) -> float:
    """The threshold whose leave-one-document-out point, recall plus `gain` (inheritance_gain),
    comes nearest to meeting both targets; ties (several meeting both) go to the lower threshold,
    which keeps more recall."""
    def point(t: float) -> tuple[float, float]:
        precision, recall, _ = figures(y, by_doc >= t, unnamed)
        return precision, recall + gain

    gap = {t: round(shortfall(*point(t)), 6) for t in THRESHOLDS}
    return min(THRESHOLDS, key=lambda t: (gap[t], t))


def fit_on_development(linker: Linker) -> AboutnessModel:
    """The model this script writes, fitted on what `linker` names (bench/cluster_vocabulary.py
    fits one on the taxonomy without its vocabulary)."""
    x, y, docs, _, unnamed, pairs = development_pairs(linker)
    return fitted_model(x, y, docs, sum(unnamed.values()), pairs, linker)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="report only; do not write the model")
    args = parser.parse_args()
    linker = Linker.load(weigh_aboutness=False)
    x, y, docs, sets, unnamed, pairs = development_pairs(linker)
    total_unnamed = sum(unnamed.values())
    print(f"{len(y)} linked (paragraph, cluster) pairs, {int(y.sum())} right; "
          f"{total_unnamed} annotated clusters kb names nowhere in their paragraph")
    model, gain = fitted_model(x, y, docs, total_unnamed, pairs, linker)
    print(f"recall inheritance gives back (end to end less the pairs alone): {gain:+.3f}")
    print(f"threshold kb uses: {model.threshold:.2f} (the rule's, capped where the reference speech keeps its ten links)")
    for label, columns in (("every measure", x), ("without the topic probe", x[:, :-1])):
        by_doc = held_out_probabilities(columns, y.astype(float), docs)
        print(f"\nleave one document out, {label}: pairs P / R / F1, and R + gain")
        print(f"  no model                     {'  '.join(f'{v:.3f}' for v in figures(y, by_doc >= 0, total_unnamed))}")
        best = chosen_threshold(y, by_doc, total_unnamed, gain)
        for t in (t for t in THRESHOLDS if t == best or round(t * 100) % 5 == 0):
            mark = "  <- chosen" if t == best else ""
            point = figures(y, by_doc >= t, total_unnamed)
            print(f"  threshold {t:.2f}              {'  '.join(f'{v:.3f}' for v in point)}  {point[1] + gain:.3f}{mark}")
    best = model.threshold
    by_set = held_out_probabilities(x, y.astype(float), sets)
    print(f"\nleave one set out at {best:.2f}          no model P / R     model P / R (pairs)")
    for gold_file in DEVELOPMENT_SETS:
        mine = sets == gold_file
        before = figures(y[mine], np.ones(mine.sum(), bool), unnamed[gold_file])
        after = figures(y[mine], by_set[mine] >= best, unnamed[gold_file])
        print(f"  {gold_file:42} {before[0]:.3f} / {before[1]:.3f}   {after[0]:.3f} / {after[1]:.3f}")
    print("\nweights (standardised):", ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, model.weights)),
          f"bias {model.bias:+.2f}")
    if not args.dry_run:
        model.save(BUNDLED_MODEL, {"sets": DEVELOPMENT_SETS, "pairs": len(y), "right": int(y.sum()),
                                   "inheritance_gain": gain,
                                   "chosen_by": "the threshold nearest to meeting precision "
                                                f"{TARGET_PRECISION + PRECISION_MARGIN:.2f} and recall {TARGET_RECALL}, each document "
                                                "predicted by a model fitted on the others, recall plus what "
                                                "inheritance gives back; capped where the reference speech keeps "
                                                "its ten links"})
        print(f"wrote {BUNDLED_MODEL.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
