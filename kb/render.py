"""Render: the JSON rows and CSV text that `kb … --json/--csv` prints and `kb serve` answers.

One function per row kind, used by both the CLI and the server, so the two can never
drift apart: a client of the HTTP API and a script reading the CLI's JSON lines see the
same fields with the same values.
"""

from __future__ import annotations

import csv
import io
import json

from .search import Hit

TRACE_CONTEXT_FIELDS = ("before", "after")  # the text around the quote: the terminal view only


def hit_row(hit: Hit, understood=None) -> dict:
    """One `kb ask` answer: the passage, where it stands in its source, its links, and what
    was understood of the question (place, year, type: preferred in the ranking)."""
    return {
        "rank": hit.rank, "score": hit.score, "doc": hit.doc, "title": hit.title, "year": hit.year,
        "section": hit.section, "text": hit.text, "char_start": hit.char_start, "char_end": hit.char_end,
        "line_start": hit.line_start, "line_end": hit.line_end, "page": hit.page, "links": hit.links,
        "understood": understood.to_json() if understood is not None else None,
    }


def trace_row(row: dict, with_context: bool = False) -> dict:
    """`kb trace --json`: the target, its source and links; the surrounding text only when
    asked for (the web page shows the paragraph; the CLI's JSON never carried it)."""
    if with_context:
        return dict(row)
    return {k: v for k, v in row.items() if k not in TRACE_CONTEXT_FIELDS}


def json_line(row: dict) -> str:
    """One JSON object on one line, Chinese kept readable."""
    return json.dumps(row, ensure_ascii=False)


def csv_text(rows: list[dict], columns: list[str]) -> str:
    """The rows as CSV with a header: lists and dicts as JSON, other columns ignored
    (what `kb commitments --csv` prints)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                         for k, v in row.items()})
    return buf.getvalue()
