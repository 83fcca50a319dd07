"""Evaluate: score an index against gold files (formats in ../shared/eval/FORMAT.md).

Questions: recall@k and MRR@10 per mode, overall and per role; a hit is a returned
passage from gold.doc that contains gold.quote. Commitments: target recall, precision
on documents marked exhaustive, field accuracy. Links: park and cluster accuracy of the
clause holding each gold quote.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from . import link, search
from .commitments import candidates_by_document
from .eval_commitments import score_commitments
from .eval_follow import score as score_follow
from .eval_links import bootstrap_interval, candidate_coverage, clusters_by_line, score_clusters, score_parks
from .index import Index
from .load import Document, load_document, read_catalog
from .parks import GENERIC_ZONES, canonical_parks, park_key
from .segment import segment


class GoldError(Exception):
    pass


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{path}:{n}: not JSON ({exc.msg})") from None
    return rows


def evaluate_file(index: Index, path: Path, k: int = 5) -> dict:
    rows = read_jsonl(path)
    if not rows:
        raise GoldError(f"{path} holds no gold rows")
    if "query" in rows[0]:
        return evaluate_questions(index, rows, k, str(path))
    if "strength" in rows[0]:
        return evaluate_commitments(index, rows, str(path))
    if "target_quote" in rows[0]:
        return evaluate_follow(index, rows, str(path))
    if "aliases" in rows[0]:
        return evaluate_parks(index, rows, str(path))
    if "line" in rows[0] and "clusters" in rows[0]:
        return evaluate_clusters(index, rows, str(path))
    if "parks" in rows[0] or "clusters" in rows[0]:
        return evaluate_links(index, rows, str(path))
    raise GoldError(f"{path}: unknown gold format (no query, strength or parks field)")


def _is_hit(hit_doc: str, text: str, gold: list[dict]) -> bool:
    return any((hit_doc == g["doc"] or hit_doc.endswith("/" + g["doc"])) and g["quote"] in text for g in gold)


def evaluate_questions(index: Index, rows: list[dict], k: int, name: str) -> dict:
    from .phrase import phrase

    report: dict = {"file": name, "kind": "questions", "model": index.model, "k": k, "modes": {}}
    for mode in search.MODES:
        ranks = []
        for row in rows:
            hits = search.ask(index, row["query"], k=max(k, 10), mode=mode)
            rank = next((h.rank for h in hits if _is_hit(h.doc, h.text, row["gold"])), None)
            ranks.append((row.get("role", ""), rank, row["id"]))
        report["modes"][mode] = _scores(ranks, k)
    writer_rows = [r for r in rows if r.get("role") == "writer"]
    if writer_rows:
        ranks = []
        for row in writer_rows:
            found = phrase(index, row["query"], k=10)
            rank = None
            for n, item in enumerate(found, 1):
                places = [(o["doc"], o["text"]) for o in item["occurrences"]] + [(item["doc"], item["text"])]
                if any(_is_hit(doc, text, row["gold"]) for doc, text in places):
                    rank = n
                    break
            ranks.append(("writer", rank, row["id"]))
        report["phrase_writer"] = _scores(ranks, 10)
    return report


def _scores(ranks: list[tuple[str, int | None, str]], k: int) -> dict:
    def summary(items):
        n = len(items)
        recall = sum(1 for _, r, _ in items if r is not None and r <= k) / n if n else 0.0
        mrr = sum(1.0 / r for _, r, _ in items if r is not None and r <= 10) / n if n else 0.0
        return {"n": n, f"recall@{k}": round(recall, 3), "mrr@10": round(mrr, 3)}

    out = {"all": summary(ranks)}
    for role in sorted({r for r, _, _ in ranks if r}):
        out[role] = summary([x for x in ranks if x[0] == role])
    out["missed"] = [qid for _, r, qid in ranks if r is None or r > k]
    return out


def evaluate_commitments(index: Index, rows: list[dict], name: str) -> dict:
    """The index's stored commitments scored like bench/commitments_quality.py scores a
    fresh extraction (kb.eval_commitments): recall, precision on exhaustive documents,
    value/unit/year, strength, qualifier, metric and kind, per document and overall."""
    predicted: dict[str, tuple[str, list]] = {}
    for doc in sorted({r["doc"] for r in rows}):
        drow = index.store.find_document(doc)
        if drow is None:
            continue
        stored = [SimpleNamespace(**t) for t in index.store.targets_of_document(drow["id"], kind="all")]
        predicted[doc] = (index.store.document_text(drow["id"]), stored)
    scores = score_commitments(rows, predicted)
    overall = scores["overall"]
    return {"file": name, "kind": "commitments", "overall": overall, "documents": scores["documents"],
            "missed": overall["missed"], "extra": overall["extra"]}


def evaluate_follow(index: Index, rows: list[dict], name: str) -> dict:
    """kb follow's pairs on the indexed documents against gold target/result pairs."""
    from .commitments import follow_through

    pairs, _ = follow_through(index)

    def text_of(doc: str) -> str:
        found = index.store.find_document(doc)
        return index.store.document_text(found["id"]) if found else ""

    return {"file": name, "kind": "follow", **score_follow(text_of, rows, pairs)}


def evaluate_parks(index: Index, rows: list[dict], name: str) -> dict:
    """Park names found in each gold document, one row per park, against the annotation; and how
    many annotated zones kb names or lists as a candidate to confirm (kb parks --candidates)."""
    names = index.store.names_by_document("park")
    forms = index.store.park_forms()  # the document's short names and parents, as kb parks folds them
    found: dict[str, list] = {}
    named: dict[str, list[str]] = {}
    listed: dict[str, list[str]] = {}
    candidates = candidates_by_document(index)
    for doc in {r["doc"] for r in rows}:
        drow = index.store.find_document(doc)
        if drow is None:  # scored as naming nothing
            named[doc], found[doc], listed[doc] = [], [], []
            continue
        named[doc] = [n for n in names.get(drow["path"], []) if n not in GENERIC_ZONES]
        short_names, within = forms.get(drow["path"], ({}, {}))
        found[doc] = list(canonical_parks({doc: named[doc]}, {doc: short_names}, {doc: within}).values())
        listed[doc] = [c["name"] for c in candidates.get(drow["id"], [])]
    scores = score_parks(rows, found)
    return {"file": name, "kind": "parks", "overall": scores["overall"], "one_park_one_row": scores["one_park_one_row"],
            "documents": scores["docs"],
            "interval": bootstrap_interval(scores["units"]), "missed": scores["misses"], "extra": scores["extras"],
            "candidates": candidate_coverage(rows, named, listed, key=park_key)}


def evaluate_clusters(index: Index, rows: list[dict], name: str) -> dict:
    """The clusters linked in each annotated paragraph (a line of the document), per cluster."""
    linker = link.Linker.load()
    by_line: dict[tuple[str, int], set[str]] = {}
    for doc in {r["doc"] for r in rows}:
        drow = index.store.find_document(doc)
        if drow is None:
            continue
        text = index.store.document_text(drow["id"])
        meta = Document(drow["path"], text, "utf-8", drow["sha256"], drow["title"], drow["year"], drow["doc_type"],
                        False)
        links = linker.link_document(meta, segment(text))
        for line, clusters in clusters_by_line(text, links).items():
            by_line[(doc, line)] = clusters
    scores = score_clusters(rows, by_line)
    interval = bootstrap_interval(scores.pop("units"))
    return {"file": name, "kind": "clusters", **scores, "interval": interval}


def evaluate_links(index: Index, rows: list[dict], name: str) -> dict:
    """Re-links each gold document from its source, then compares the clause of each quote."""
    linker = link.Linker.load()
    taxonomy = linker.taxonomy
    right = {"parks": 0, "clusters": 0, "both": 0}
    wrong: list[dict] = []
    cache: dict[str, tuple] = {}
    for row in rows:
        drow = index.store.find_document(row["doc"])
        if drow is None or not Path(drow["source"]).exists():
            wrong.append({"quote": row["quote"], "reason": "document not in the index"})
            continue
        if row["doc"] not in cache:
            source = Path(drow["source"])
            doc = load_document(source, drow["path"], read_catalog(source.parent))
            passages = segment(doc.text, doc.is_markdown)
            cache[row["doc"]] = (doc, linker.link_document(doc, passages))
        doc, links = cache[row["doc"]]
        start = doc.text.find(row["quote"])
        got = links.links_at(start, start + len(row["quote"])) if start >= 0 else []
        parks = {lk.name for lk in got if lk.kind == "park" and lk.name and lk.name not in ("园区",)}
        clusters = {taxonomy.canonical_cluster(lk.name) or lk.name for lk in got if lk.kind == "cluster"}
        want_parks = {taxonomy.canonical_park(p) for p in row.get("parks", [])}
        want_clusters = {taxonomy.canonical_cluster(c) or c for c in row.get("clusters", [])}
        ok_p, ok_c = parks == want_parks, clusters == want_clusters
        right["parks"] += ok_p
        right["clusters"] += ok_c
        right["both"] += ok_p and ok_c
        if not (ok_p and ok_c):
            wrong.append({"quote": row["quote"], "parks": sorted(parks), "clusters": sorted(clusters),
                          "want_parks": sorted(want_parks), "want_clusters": sorted(want_clusters)})
    n = len(rows)
    return {"file": name, "kind": "links", "n": n, "right": right["both"],
            "park_accuracy": round(right["parks"] / n, 3), "cluster_accuracy": round(right["clusters"] / n, 3),
            "wrong": wrong}


def render(report: dict) -> str:
    lines = [f"{report['file']} ({report['kind']})"]
    if report["kind"] == "questions":
        k = report["k"]
        lines[0] += f" with model {report['model']}"
        lines.append(f"  {'mode':8} {'role':8} {'n':>3} {'recall@' + str(k):>9} {'MRR@10':>7}")
        for mode, scores in report["modes"].items():
            for role, s in scores.items():
                if role == "missed":
                    continue
                lines.append(f"  {mode:8} {role:8} {s['n']:>3} {s[f'recall@{k}']:>9.3f} {s['mrr@10']:>7.3f}")
        if "phrase_writer" in report:
            s = report["phrase_writer"]["all"]
            lines.append(f"  phrase   writer   {s['n']:>3} {'recall@10':>9} {s['recall@10']:.3f}  MRR@10 {s['mrr@10']:.3f}")
        missed = report["modes"].get("hybrid", {}).get("missed", [])
        if missed:
            lines.append("  hybrid missed: " + " ".join(missed))
    elif report["kind"] == "commitments":
        o = report["overall"]
        lines.append(f"  {'document':44} {'gold':>5} {'recall':>7} {'prec.':>7} {'v/u/y':>6} {'strength':>8} "
                     f"{'metric':>7} {'kind':>5}")
        for doc, d in [*report["documents"].items(), ("overall", o)]:
            lines.append(f"  {doc[:44]:44} {d['gold']:>5} {_f(d['recall']):>7} {_f(d['precision']):>7} "
                         f"{_f(d['value_unit_year']):>6} {_f(d['strength']):>8} {_f(d['metric']):>7} {_f(d['kind']):>5}")
        lines += [f"  missed: {q}" for q in report["missed"]] + [f"  extra:  {q}" for q in report["extra"]]
    elif report["kind"] == "follow":
        lines.append(f"  targets found {report['targets_found']}/{report['gold_lines']}, pairing precision "
                     f"{report['pairing_precision']} recall {report['pairing_recall']}, status accuracy "
                     f"{report['status_accuracy']}")
    elif report["kind"] in ("parks", "clusters"):
        lines.append(f"  {'':44} {'P':>6} {'R':>6}")
        for key, d in [*report.get("documents", report.get("clusters", {})).items(), ("overall", report["overall"])]:
            lines.append(f"  {key[:44]:44} {_f(d.get('precision')):>6} {_f(d.get('recall')):>6}")
        if "one_park_one_row" in report:
            d = report["one_park_one_row"]
            lines.append(f"  {'one park, one row (a second row is wrong)':44} {_f(d['precision']):>6} {_f(d['recall']):>6}")
        band = report["interval"]
        lines.append(f"  {'95% interval (bootstrap)':44} P {band['precision'][0]:.3f}–{band['precision'][1]:.3f}"
                     f"  R {band['recall'][0]:.3f}–{band['recall'][1]:.3f}  ({band['units']} documents resampled)")
        if "candidates" in report:
            c = report["candidates"]
            lines.append(f"  {'zones named → named or listed (by park_key)':44} {c['recall_named']:.3f} → "
                         f"{c['recall_named_or_listed']:.3f}  ({c['candidates']} candidates to confirm: "
                         "kb parks --candidates)")
    else:
        lines.append(f"  links: {report['right']}/{report['n']} right; park accuracy {report['park_accuracy']}, "
                     f"cluster accuracy {report['cluster_accuracy']}")
        for w in report["wrong"]:
            lines.append(f"  wrong: {json.dumps(w, ensure_ascii=False)}")
    return "\n".join(lines)


def _f(value) -> str:
    return "-" if value is None else f"{value:.3f}"
