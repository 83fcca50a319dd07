"""Commitments: what auditors read from an index (a collaborator: reads, never writes).

`listing` gives the targets and achievements with their exact source spans, `trace` one
target in its source with the evidence of each link and the related figures, `named`
the parks or clusters with their passages, targets, documents and aliases. The CLI and
the server render these rows as they are.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .index import Index
from .load import LoadError, load_document
from .parks import GENERIC_ZONES
from .store import Selection

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
    })
    return out


def named(index: Index, kind: str, show_all: bool = False) -> list[dict]:
    """Parks ('park') or clusters ('cluster') with their passages, targets, documents and
    aliases; bare zone words (园区, 开发区) only with show_all."""
    rows = index.store.named(kind)
    if kind == "park" and not show_all:  # 园区, 开发区 on their own are the zone, not a park
        rows = [r for r in rows if r["name"] not in GENERIC_ZONES]
    aliases = index.store.aliases(kind) if kind == "park" else {}
    for r in rows:
        r["aliases"] = aliases.get(r["name"], [])
    return rows
