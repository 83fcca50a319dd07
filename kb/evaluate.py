"""Evaluate: score an index against gold files (formats in ../shared/eval/FORMAT.md).

Questions: recall@k and MRR@10 per mode, overall and per role; a hit is a returned
passage from gold.doc that contains gold.quote. Commitments: target recall, precision
on documents marked exhaustive, field accuracy. Links: park and cluster accuracy of the
clause holding each gold quote.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import link, search
from .index import Index
from .load import load_document, read_catalog
from .segment import segment
from .taxonomy import load_taxonomy


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
    taxonomy = load_taxonomy()
    docs = sorted({r["doc"] for r in rows})
    gold_n = matched = 0
    predicted_exhaustive = matched_exhaustive = 0
    fields = {f: [0, 0] for f in ("value", "unit", "year", "strength", "metric", "qualifier", "cluster", "park")}
    misses: list[str] = []
    extras: list[str] = []
    for doc in docs:
        drow = index.store.find_document(doc)
        gold = [r for r in rows if r["doc"] == doc]
        gold_n += len(gold)
        if drow is None:
            misses += [g["quote"] for g in gold]
            continue
        preds = index.store.targets_of_document(drow["id"])
        text = index.store.document_text(drow["id"])
        used: set[int] = set()
        for g in gold:
            start = text.find(g["quote"])
            end = start + len(g["quote"])
            best = None
            for p in preds:
                if p["id"] in used:
                    continue
                if start >= 0 and p["char_start"] < end and start < p["char_end"]:
                    best = p
                    break
                if start < 0 and (g["quote"] in p["quote"] or p["quote"] in g["quote"]):
                    best = p
                    break
            if best is None:
                misses.append(g["quote"])
                continue
            used.add(best["id"])
            matched += 1
            for f in fields:
                if f in ("cluster", "park") and g.get("scope_annotated") is False:
                    continue  # an annotation of targets only, not of their scope
                want, got = str(g.get(f, "")), str(best.get(f, ""))
                if f == "cluster":
                    ok = (taxonomy.canonical_cluster(want) or want) == (taxonomy.canonical_cluster(got) or got)
                elif f == "park":
                    ok = taxonomy.canonical_park(want) == taxonomy.canonical_park(got)
                else:
                    ok = want == got
                fields[f][0] += ok
                fields[f][1] += 1
        if any(g.get("exhaustive_doc") for g in gold):
            predicted_exhaustive += len(preds)
            matched_exhaustive += len(used)
            extras += [p["quote"] for p in preds if p["id"] not in used]
    return {
        "file": name, "kind": "commitments", "gold": gold_n, "matched": matched,
        "recall": round(matched / gold_n, 3) if gold_n else 0.0,
        "precision_exhaustive": round(matched_exhaustive / predicted_exhaustive, 3) if predicted_exhaustive else None,
        "field_accuracy": {f: round(a / n, 3) if n else None for f, (a, n) in fields.items()},
        "missed": misses, "extra": extras,
    }


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
        lines.append(f"  targets: {report['matched']}/{report['gold']} found, recall {report['recall']:.3f}, "
                     f"precision (exhaustive docs) {report['precision_exhaustive']}")
        lines.append("  field accuracy: " + ", ".join(f"{f} {v}" for f, v in report["field_accuracy"].items()))
        for q in report["missed"]:
            lines.append(f"  missed: {q}")
        for q in report["extra"]:
            lines.append(f"  extra:  {q}")
    else:
        lines.append(f"  links: {report['right']}/{report['n']} right; park accuracy {report['park_accuracy']}, "
                     f"cluster accuracy {report['cluster_accuracy']}")
        for w in report["wrong"]:
            lines.append(f"  wrong: {json.dumps(w, ensure_ascii=False)}")
    return "\n".join(lines)
