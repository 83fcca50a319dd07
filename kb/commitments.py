"""Commitments: what auditors read from an index (a collaborator: reads, never writes).

`listing` gives the targets and achievements with their exact source spans, `trace` one
target in its source with the evidence of each link and the related figures, `named`
the parks or clusters with their passages, targets, documents and aliases, `park_candidates`
the possible parks kb did not name. The CLI and
the server render these rows as they are.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .follow import Pair, TargetRow, follow, issuer_of, unclaimed_results
from .index import Index
from .load import LoadError, load_document
from .park_candidates import document_candidates
from .parks import GENERIC_ZONES, Canonical, canonical_parks, park_key
from .store import Selection, Store
from .taxonomy import to_taxonomy_toml

COLUMNS = ["id", "kind", "year", "strength", "metric", "value", "unit", "qualifier", "cluster", "park",
           "resolution", "doc", "section", "line", "quote"]


class NotFound(Exception):
    """A target id, document or name the index does not hold; one line for the user."""


def listing(index: Index, selection: Selection, kind: str = "target") -> list[dict]:
    """Targets (kind 'target'), achievements, or 'all', in document order."""
    return index.store.commitments(selection, kind)


def source_status(row: dict) -> str:
    """Whether the document's file is as it was at ingest: the quote is shown from the
    text the index stores either way, so a moved or edited file never hides the evidence."""
    source = Path(row["source"])
    if not source.exists():
        return "source missing since ingest (shown as indexed)"
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() == row["sha256"]:
        return "source matches"
    try:
        text = load_document(source, row["doc"], data=data).text
    except LoadError:
        return "source changed since ingest (shown as indexed)"
    if text[row["char_start"]:row["char_end"]] == row["quote"]:
        return "source changed, the quote is still at its place"
    return "source changed since ingest (shown as indexed)"


def trace(index: Index, target_id: int, context: int = 120) -> dict:
    """A target with its source status and context, the evidence of its passage's links
    and the other figures of the same metric."""
    row = index.store.target(target_id)
    if row is None:
        raise NotFound(f"no target {target_id}: list them with `kb commitments`")
    text = index.store.document_text(row["doc_id"])
    links = index.store.links_of_passage(row["passage_id"])
    for lk in links:
        lk["evidence"] = text[lk["evidence_start"]:lk["evidence_end"]]
    a, b = row["char_start"], row["char_end"]
    out = {k: row[k] for k in ("id", "kind", "klass", "year", "strength", "metric", "value", "value_normalised",
                               "unit", "qualifier", "cluster", "park", "resolution", "doc", "title", "section",
                               "page", "line", "char_start", "char_end", "quote")}
    out.update({
        "status": source_status(row),
        "before": text[max(0, a - context):a], "after": text[b:b + context],
        "links": links,
        "related": index.store.related_targets(row),
        "follow_up": _follow_up(index, row) if row["kind"] == "target" else None,
    })
    return out


def _follow_up(index: Index, row: dict) -> dict | None:
    """The result reported for this target, with its status (kb follow's pair)."""
    pairs, _ = follow_through(index)
    pair = next((p for p in pairs if p.target.id == str(row["id"])), None)
    return pair.to_json() if pair else None


NAMED_COLUMNS = ["name", "passages", "targets", "documents", "docs"]  # `kb parks/clusters --csv`
PARK_COLUMNS = NAMED_COLUMNS + ["aliases", "within"]


def named(index: Index, kind: str, show_all: bool = False) -> list[dict]:
    """Parks ('park') or clusters ('cluster') with their passages, targets, documents, aliases
    and the park each lies within; bare zone words (园区, 开发区) only with show_all."""
    rows = index.store.named(kind)
    if kind == "park" and not show_all:  # 园区, 开发区 on their own are the zone, not a park
        rows = [r for r in rows if r["name"] not in GENERIC_ZONES]
    if kind != "park":
        return rows
    canonical = {alias: name for name, aliases in index.store.aliases("park").items() for alias in aliases}
    parents = index.store.park_parents()
    merged: dict[str, dict] = {}
    for r in rows:  # one park, one row: the ways it was written fold into its canonical name
        name = canonical.get(r["name"], r["name"])
        row = merged.setdefault(name, {"name": name, "passages": 0, "targets": 0, "docs": [], "aliases": []})
        row["passages"] += r["passages"]
        row["targets"] += r["targets"]
        row["docs"] = sorted(set(row["docs"]) | set(r["docs"]))
        if r["name"] != name:
            row["aliases"].append(r["name"])
    out = sorted(merged.values(), key=lambda r: (-r["passages"], r["name"]))
    for r in out:
        r["documents"] = len(r["docs"])
        r["within"] = parents.get(r["name"], "")
    return [{k: r[k] for k in PARK_COLUMNS} for r in out]


CANDIDATE_COLUMNS = ["name", "mentions", "documents", "docs", "quote"]
_QUOTE_AROUND = 20  # characters of text shown on each side of a candidate


def park_candidates(index: Index) -> list[dict]:
    """Possible parks kb named nowhere in the index (kb/park_candidates.py), one row per name as
    park_key folds it: how often and where it is written, and the first place in context, most
    documents first. A person confirms them; confirmed names go into taxonomy.toml."""
    named = {park_key(n) for found in index.store.names_by_document("park").values() for n in found
             if n not in GENERIC_ZONES}
    store = index.store
    rows: dict[str, dict] = {}
    texts: dict[int, str] = {}
    for candidate in (c for found in candidates_by_document(index).values() for c in found):
        key = park_key(candidate["name"])
        if key in named:
            continue
        if key not in rows:
            if candidate["doc_id"] not in texts:
                texts[candidate["doc_id"]] = store.document_text(candidate["doc_id"])
            text = texts[candidate["doc_id"]]
            start, end = candidate["char_start"], candidate["char_end"]
            rows[key] = {"name": candidate["name"], "mentions": 0, "docs": [],
                         "quote": text[max(0, start - _QUOTE_AROUND):end + _QUOTE_AROUND].replace("\n", " ")}
        row = rows[key]
        row["mentions"] += 1
        if candidate["path"] not in row["docs"]:
            row["docs"].append(candidate["path"])
    out = sorted(rows.values(), key=lambda r: (-len(r["docs"]), -r["mentions"], r["name"]))
    return [{"name": r["name"], "mentions": r["mentions"], "documents": len(r["docs"]), "docs": r["docs"],
             "quote": r["quote"]} for r in out]


def candidates_by_document(index: Index) -> dict[int, list[dict]]:
    """Each document's possible parks (doc_id, path, name, char_start, char_end), as its ingest
    stored them; searched now where they are not current (an index an earlier kb wrote)."""
    store = index.store
    found = store.park_candidate_rows()
    if found is None:
        names = store.names_by_document("park")
        found = [{"doc_id": d["id"], "path": d["path"], "name": c.name, "char_start": c.start, "char_end": c.end}
                 for d in store.documents()
                 for c in document_candidates(store.document_text(d["id"]), names.get(d["path"], ()))]
    by_document: dict[int, list[dict]] = {}
    for row in found:
        by_document.setdefault(row["doc_id"], []).append(row)
    return by_document


def park_rows(store: Store) -> dict[str, Canonical]:
    """One row per park over the index, from what each document names and says of its names
    (its short names, the parks it puts inside others): the rows `kb parks` lists, --park finds
    by any alias and the taxonomy export writes. Bare zone words (园区, 开发区) are no row."""
    names = {doc: [n for n in found if n not in GENERIC_ZONES] for doc, found in store.names_by_document("park").items()}
    forms = store.park_forms()
    return canonical_parks(names, {doc: forms[doc][0] for doc in forms}, {doc: forms[doc][1] for doc in forms})


def export_taxonomy(index: Index) -> str:
    """The parks the index discovered, one row each with aliases and parent, as taxonomy
    TOML for the user to curate and pass back with --taxonomy."""
    return to_taxonomy_toml(park_rows(index.store).values())


def target_rows(index: Index) -> list[TargetRow]:
    """Every stored target and achievement as kb.follow reads it: with its issuer (from the
    document's title, else the place recorded at ingest) and the paragraph before it."""
    texts: dict[int, str] = {}
    rows = []
    for t in index.store.all_targets():
        if t["doc_id"] not in texts:
            texts[t["doc_id"]] = index.store.document_text(t["doc_id"])
        text = texts[t["doc_id"]]
        issuer = issuer_of(t["title"]) or _place_name(t["place"])
        lead = text[text.rfind("\n", 0, t["char_start"]) + 1:t["char_start"]]
        rows.append(TargetRow(str(t["id"]), t["doc"], issuer, t["doc_year"], t["kind"], t["year"], t["metric"],
                              t["value"], t["value_normalised"], t["unit"], t["qualifier"], t["quote"],
                              t["char_start"], t["char_end"], lead))
    return rows


def follow_through(index: Index, tolerance: float = 0.5, issuer: str | None = None,
                   year: str | None = None) -> tuple[list[Pair], list[TargetRow]]:
    """Each forward commitment paired with the result reported for its metric, year and
    issuer, with a status; and the results no target claimed (shown, never forced)."""
    rows = target_rows(index)
    pairs = follow(rows, rows, tolerance)
    pairs = [p for p in pairs if (not issuer or issuer in p.issuer) and (not year or p.year == year)]
    return pairs, unclaimed_results(pairs, rows)


def _place_name(stored: str) -> str:
    import json

    try:
        return json.loads(stored).get("name", "") if stored else ""
    except ValueError:
        return ""
