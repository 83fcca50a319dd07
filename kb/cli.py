"""The `kb` command line: parse options, call the pipeline, render. Nothing imports this."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .settings import settings

DEFAULT_INDEX = "index"
EXIT_SKIPPED = 3  # ingest finished but skipped some files


class KbError(click.ClickException):
    exit_code = 1

    def show(self, file=None) -> None:  # one line, no usage dump
        click.echo(f"kb: error: {self.format_message()}", err=True)


def _index_dir(index: str | None) -> Path:
    return Path(index) if index else settings().index_dir


index_option = click.option(
    "--index", "index", metavar="DIR", default=None,
    help=f"Index folder (default: $KB_INDEX or ./{DEFAULT_INDEX}).",
)


def _open(index: str | None, model: str | None = None):
    from .index import Index

    return Index.open(_index_dir(index), model=model)


def _use_color() -> bool:
    return sys.stdout.isatty() and not settings().no_color


def _highlight(text: str, words: list[str]) -> str:
    if not _use_color() or not words:
        return text
    from .tokenize import fold

    folded = fold(text)
    if len(folded) != len(text):
        folded = text
    marks = [False] * len(text)
    for w in sorted(set(words), key=len, reverse=True):
        if len(w) < 2 and not w.isdigit():
            continue
        start = folded.find(w)
        while start != -1:
            for i in range(start, start + len(w)):
                marks[i] = True
            start = folded.find(w, start + len(w))
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        piece = text[i:j]
        out.append(click.style(piece, fg="yellow", bold=True) if marks[i] else piece)
        i = j
    return "".join(out)


def _emit_rows(rows: list[dict], fmt: str, columns: list[str]) -> None:
    from .render import csv_text, json_line

    if fmt == "json":
        for row in rows:
            click.echo(json_line(row))
    elif fmt == "csv":
        click.echo(csv_text(rows, columns), nl=False)
    elif fmt == "md":
        click.echo("| " + " | ".join(columns) + " |")
        click.echo("|" + "---|" * len(columns))
        for row in rows:
            click.echo("| " + " | ".join(str(row.get(c, "")).replace("|", "\\|") for c in columns) + " |")
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*[str(row.get(c, "")) for c in columns])
        # on a pipe or file, no folding: one row a line, however wide
        Console(width=None if sys.stdout.isatty() else 1000).print(table)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kb")
def cli() -> None:
    """kb: search Chinese policy and speech texts, trace their targets to the source."""


# ------------------------------------------------------------------ ingest


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--model", default=None, metavar="NAME_OR_PATH",
              help="Embedding model of a new index: multilingual-e5-small (default, alias e5: better answers), "
                   "use-multilingual-v3 (alias fast: ingest ~16x quicker), or a sentence-transformers model.")
@click.option("--taxonomy", type=click.Path(path_type=Path), default=None, help="Extra taxonomy TOML file.")
@click.option("--prune", is_flag=True, help="Drop documents whose files no longer exist.")
@click.option("--rebuild", is_flag=True, help="Re-read, re-link and re-index everything; sentences keep their vectors unless --model changes.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, stage lines or summary.")
@click.option("--ray", "ray_address", is_flag=False, flag_value="", default=None, metavar="[ADDRESS]",
              help="Embed on a Ray cluster (needs pip install 'kb[ray]'): ADDRESS, else $RAY_ADDRESS, "
                   "else a local Ray. Put paths before --ray, or write --ray=ADDRESS.")
@click.option("--actors", type=click.IntRange(1, 4096), default=None, metavar="N",
              help="Ray actors, one model each (default: the cluster's CPUs).")
def ingest(paths, index, model, taxonomy, prune, rebuild, quiet, ray_address, actors) -> None:
    """Index .txt and .md files or folders (default: corpus/).

    A killed or interrupted ingest keeps the sentences it embedded: run the same command to resume."""
    from .ingest import IngestInterrupted
    from .ingest import ingest as run_ingest

    paths = list(paths)
    if ray_address and "://" not in ray_address and Path(ray_address).exists():
        paths.append(Path(ray_address))  # `kb ingest --ray docs/`: a folder, not an address
        ray_address = ""
    if actors and ray_address is None:
        raise KbError("--actors counts Ray actors: add --ray")
    paths = paths or [Path("corpus")]
    try:
        report = run_ingest(paths, _index_dir(index), model=model, prune=prune, rebuild=rebuild,
                            warn=lambda m: click.echo(f"kb: warning: {m}", err=True),
                            progress=not quiet, taxonomy_path=taxonomy, ray=ray_address, actors=actors)
    except IngestInterrupted as stopped:
        if stopped.total is None:
            click.echo("kb: interrupted before embedding began; run the same command to start again", err=True)
        else:
            click.echo(f"kb: interrupted: {stopped.kept:,} of {stopped.total:,} sentences embedded are kept; "
                       "run the same command to resume", err=True)
        sys.exit(130)
    if not quiet:
        for path, encoding in report.decoded:
            click.echo(f"kb: {path}: decoded as {encoding}", err=True)
        click.echo(
            f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
            f"{report.pruned} pruned, {len(report.skipped)} skipped; "
            f"{report.passages} passages, {report.sentences} sentences in {report.seconds:.1f} s"
        )
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


# ------------------------------------------------------------------ ask


def _understood_line(understood) -> str:
    data = understood.to_json()
    period = "–".join(map(str, data["period"])) if data.get("period") else None
    parts = [p for p in (data.get("place"), data.get("year") or data.get("year_placeholder") or period,
                         data.get("relative"), data.get("doc_type")) if p]
    return " · ".join(str(p) for p in parts)


def _links_line(links: dict) -> str:
    parts = []
    if links.get("clusters"):
        parts.append("cluster " + ", ".join(sorted({c["name"] for c in links["clusters"]})))
    if links.get("parks"):
        parts.append("park " + ", ".join(sorted({p["name"] for p in links["parks"]})))
    for t in links.get("targets", []):
        parts.append(f"target {t['year']} {t['strength']} {t['metric']} {t['value']}{t['unit']}{t['qualifier']}")
    return " · ".join(parts)


@cli.command()
@click.argument("question")
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 1000), help="Number of passages.")
@click.option("--mode", type=click.Choice(["hybrid", "dense", "lexical"]), default="hybrid", show_default=True)
@click.option("--doc", default=None, help="Only this document (path as ingested).")
@click.option("--year", default=None, help="Only documents of this year (e.g. 2025, 202x).")
@click.option("--park", default=None, help="Only passages linked to this park.")
@click.option("--cluster", default=None, help="Only passages linked to this cluster.")
@click.option("--model", default=None, help="Fail unless the index was built with this model.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per result per line.")
@index_option
def ask(question, k, mode, doc, year, park, cluster, model, as_json, index) -> None:
    """Answer a question with passages, their sources and links."""
    from .search import Filters
    from .search import ask as run_ask
    from .understand import understand

    idx = _open(index, model)
    results = run_ask(idx, question, k=k, mode=mode,
                      filters=Filters(doc=doc, year=year, park=park, cluster=cluster))
    understood = understand(question)
    if as_json:
        from .render import hit_row, json_line

        for h in results:
            click.echo(json_line(hit_row(h, understood)))
        return
    if not results:
        click.echo("no passage matches", err=True)
        return
    words = idx.tokenizer.tokens(question, for_query=True)
    if not understood.is_empty():
        click.echo(f"understood: {_understood_line(understood)} (preferred, not required)")
    for h in results:
        head = f"{h.rank}. {h.title}"
        if h.section:
            head += f" · {h.section}"
        click.echo(click.style(head, bold=True) if _use_color() else head)
        page = f" (page {h.page})" if h.page else ""
        click.echo(f"   {h.doc}:{h.line_start}-{h.line_end}{page}  score {h.score:.4f}")
        click.echo("   " + _highlight(h.text, words))
        links = _links_line(h.links)
        if links:
            click.echo("   links: " + links)
        click.echo()


# ------------------------------------------------------------------ stats


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@index_option
def stats(as_json, index) -> None:
    """Documents, passages, sentences, model and size of the index."""
    from .check import stats as index_stats

    data = index_stats(_open(index))
    size = data["bytes"]
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(f"documents  {data['documents']}")
    click.echo(f"passages   {data['passages']}")
    click.echo(f"sentences  {data['sentences']}")
    click.echo(f"targets    {data['targets']}")
    click.echo(f"model      {data['model']} ({data['dim']}-d)")
    click.echo(f"index      {data['index']} ({size / 2**20:.1f} MiB on disk)")


# ------------------------------------------------------------------ eval


@cli.command("eval")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True)
@index_option
def eval_cmd(files, k, as_json, index) -> None:
    """Score the index against gold files (questions, commitments or links JSONL)."""
    from . import evaluate

    idx = _open(index)
    reports = [evaluate.evaluate_file(idx, path, k=k) for path in files]
    if not files:
        raise KbError("give at least one gold file, e.g. ../shared/eval/questions.jsonl")
    for report in reports:
        if as_json:
            click.echo(json.dumps(report, ensure_ascii=False))
        else:
            click.echo(evaluate.render(report))


# ------------------------------------------------------------------ commitments and trace



@cli.command()
@click.option("--park", default=None)
@click.option("--cluster", default=None)
@click.option("--year", default=None)
@click.option("--doc", default=None)
@click.option("--kind", type=click.Choice(["target", "achievement", "all"]), default="target", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "md"]), default="table",
              show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--csv", "as_csv", is_flag=True, help="Same as --format csv.")
@index_option
def commitments(park, cluster, year, doc, kind, fmt, as_json, as_csv, index) -> None:
    """List quantitative targets (and achievements) with their exact source."""
    from .commitments import COLUMNS, listing
    from .store import Selection

    fmt = "json" if as_json else "csv" if as_csv else fmt
    rows = listing(_open(index), Selection(park=park, cluster=cluster, year=year, doc=doc), kind)
    if not rows and fmt == "table":
        click.echo("no commitment matches", err=True)
        return
    _emit_rows(rows, fmt, COLUMNS if fmt != "json" else list(rows[0]) if rows else [])


@cli.command()
@click.argument("target_id", type=int)
@click.option("--context", default=120, show_default=True, help="Characters of source shown on each side.")
@click.option("--json", "as_json", is_flag=True)
@index_option
def trace(target_id, context, as_json, index) -> None:
    """Show a target in its source, its links and related passages."""
    from .commitments import trace as run_trace

    row = run_trace(_open(index), target_id, context)
    if as_json:
        from .render import json_line, trace_row

        click.echo(json_line(trace_row(row)))
        return
    click.echo(f"target {row['id']} ({row['kind']}): {row['year']} {row['strength']} {row['metric']} "
               f"{row['value']}{row['unit']}{row['qualifier']}")
    page = f"  page {row['page']}" if row["page"] else ""
    click.echo(f"source   {row['doc']}:{row['line']}{page}  chars {row['char_start']}-{row['char_end']}  "
               f"({row['status']})")
    click.echo(f"title    {row['title']}")
    click.echo(f"section  {row['section']}")
    quote = click.style(row["quote"], fg="yellow", bold=True) if _use_color() else f"[[{row['quote']}]]"
    click.echo(f"context  …{row['before'].replace(chr(10), '⏎')}{quote}{row['after'].replace(chr(10), '⏎')}…")
    click.echo(f"cluster  {row['cluster'] or '-'}   park {row['park'] or '(zone as a whole)'}   "
               f"resolved {row['resolution']}")
    for lk in row["links"]:
        click.echo(f"  link {lk['kind']:7} {lk['name']:12} {lk['resolution']:9} evidence “{lk['evidence']}” "
                   f"@{lk['evidence_start']}")
    if row.get("follow_up"):
        f = row["follow_up"]
        click.echo(f"follow-up {f['status']}: {f['result_quote'] or '(no result reported)'}"
                   + (f"  {f['result_doc']} chars {f['result_start']}-{f['result_end']}" if f["result_doc"] else ""))
    if row["related"]:
        click.echo("related (same metric and cluster):")
        for r in row["related"]:
            click.echo(f"  #{r['id']} {r['kind']:11} {r['year']} {r['strength']} {r['value']}{r['unit']}"
                       f"{r['qualifier']}  {r['doc']}:{r['line']}  {r['quote']}")


def _named(index: str | None, kind: str, as_json: bool, show_all: bool = False, as_csv: bool = False) -> None:
    from .commitments import NAMED_COLUMNS, PARK_COLUMNS, named

    rows = named(_open(index), kind, show_all)
    columns = PARK_COLUMNS if kind == "park" else NAMED_COLUMNS
    if as_json or as_csv:
        _emit_rows(rows, "json" if as_json else "csv", columns)
        return
    _emit_rows([{**r, "docs": _first_docs(r["docs"]), "aliases": "、".join(r.get("aliases", []))} for r in rows],
               "table", columns)


def _first_docs(docs: list[str]) -> str:
    """The first three documents of a listing's row, for a table cell."""
    return ", ".join(docs[:3]) + (" …" if len(docs) > 3 else "")


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--csv", "as_csv", is_flag=True)
@click.option("--all", "show_all", is_flag=True, help="Also list bare zone words (园区, 开发区).")
@click.option("--export-taxonomy", "export", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the discovered parks (with aliases) as taxonomy TOML to curate and pass to --taxonomy.")
@click.option("--candidates", is_flag=True,
              help="Instead, possible parks kb did not name (a kind of zone and the words before it), to confirm.")
@index_option
def parks(as_json, as_csv, show_all, export, candidates, index) -> None:
    """Parks, zones and bodies: passages, targets and documents that name each, one row per park."""
    if candidates:
        if show_all or export is not None:
            raise click.UsageError("--candidates lists possible parks on its own: leave out --all and --export-taxonomy")
        from .commitments import CANDIDATE_COLUMNS, park_candidates

        rows = park_candidates(_open(index))
        if as_json or as_csv:
            _emit_rows(rows, "json" if as_json else "csv", CANDIDATE_COLUMNS)
            return
        _emit_rows([{**r, "docs": _first_docs(r["docs"])} for r in rows], "table", CANDIDATE_COLUMNS)
        return
    if export is not None:
        from .commitments import export_taxonomy

        export.write_text(export_taxonomy(_open(index)), encoding="utf-8")
        click.echo(f"wrote {export}: edit it, then `kb ingest --taxonomy {export}`", err=True)
        return
    _named(index, "park", as_json, show_all, as_csv)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--csv", "as_csv", is_flag=True)
@index_option
def clusters(as_json, as_csv, index) -> None:
    """Industry clusters: passages, targets and documents about each."""
    _named(index, "cluster", as_json, as_csv=as_csv)


# ------------------------------------------------------------------ phrase


@cli.command()
@click.argument("text")
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(1, 200))
@click.option("--exact", is_flag=True, help="Every occurrence of the exact phrase, with a timeline.")
@click.option("--since", default=None, help="Only documents from this year on.")
@click.option("--until", default=None, help="Only documents up to this year.")
@click.option("--type", "doc_type", default=None, help="Only this document type (报告, 讲话, 条例 …).")
@click.option("--doc", default=None)
@click.option("--json", "as_json", is_flag=True)
@index_option
def phrase(text, k, exact, since, until, doc_type, doc, as_json, index) -> None:
    """Precedent wording: closest sentences, near-duplicates folded."""
    from . import phrase as phrase_mod
    from .search import Filters

    idx = _open(index)
    filters = Filters(doc=doc, doc_type=doc_type, since=since, until=until)
    if exact:
        result = phrase_mod.exact(idx, text, filters)
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False))
            return
        first = result["first_seen"]
        click.echo(f"“{result['phrase']}”: {result['count']} occurrences"
                   + (f", first seen {first['year']} in {first['doc']}" if first else ""))
        click.echo("per year: " + ", ".join(f"{y} ×{n}" for y, n in result["per_year"].items()))
        click.echo("per type: " + ", ".join(f"{t} ×{n}" for t, n in result["per_type"].items()))
        for o in result["occurrences"]:
            click.echo(f"  {o['year'] or '?':5} {o['doc']}:{o['line_start']}  {_highlight(o['text'], [text])}")
        return
    rows = phrase_mod.phrase(idx, text, k=k, filters=filters)
    if as_json:
        from .render import json_line

        for r in rows:
            click.echo(json_line(r))
        return
    words = idx.tokenizer.tokens(text, for_query=True)
    for n, r in enumerate(rows, 1):
        occ = r["occurrences"]
        years = sorted({o["year"] for o in occ if o["year"]})
        fold = f"  ×{len(occ)}: {', '.join(years)}" if len(occ) > 1 else ""
        click.echo(f"{n}. {_highlight(r['text'], words)}")
        click.echo(f"   {r['title']} ({r['year'] or '?'}) · {r['section'] or '-'} · {r['doc']}:{r['line_start']}{fold}")


# ------------------------------------------------------------------ check


@cli.command()
@index_option
def check(index) -> None:
    """Verify the index: counts, vector files, model, and that sources still match."""
    from .check import check as run_check

    idx = _open(index)
    report = run_check(idx)
    counts = report.counts
    click.echo(f"index    {idx.dir}  schema {report.schema}  model {idx.model} ({idx.dim}-d)")
    click.echo(f"counts   {counts['documents']} documents, {counts['passages']} passages, "
               f"{counts['sentences']} sentences, {counts['targets']} targets")
    for c in report.changed:
        click.echo(f"changed  {c}: run `kb ingest` to re-index it (add --prune to drop missing files)")
    for p in report.problems:
        click.echo(f"problem  {p}: run `kb ingest --rebuild`")
    if report.problems:
        sys.exit(1)
    click.echo("ok" if not report.changed else "ok, but some sources changed")


# ------------------------------------------------------------------ follow

FOLLOW_COLUMNS = ["issuer", "year", "metric", "status", "target_id", "target_quote", "result_quote", "target_doc",
                  "result_doc"]


@cli.command()
@click.option("--issuer", default=None, help="Only this issuer (全国, 安徽省, 海拉尔区 …).")
@click.option("--year", default=None, help="Only targets for this year.")
@click.option("--tolerance", default=0.5, show_default=True, type=click.FloatRange(0, 100),
              help="Allowance of 左右: percentage points for % targets, percent of the target otherwise.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--csv", "as_csv", is_flag=True)
@click.option("--html", "html", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a self-contained report (targets, results, status, quotes, charts).")
@index_option
def follow(issuer, year, tolerance, as_json, as_csv, html, index) -> None:
    """Was each target met? Pairs targets with the results later documents report."""
    from .commitments import follow_through

    pairs, unclaimed = follow_through(_open(index), tolerance, issuer, year)
    if html is not None:
        from .report_html import render

        html.write_text(render(pairs), encoding="utf-8")
        click.echo(f"wrote {html}: {len(pairs)} targets", err=True)
        return
    rows = [p.to_json() for p in pairs]
    if as_json or as_csv:
        _emit_rows(rows, "json" if as_json else "csv", list(rows[0]) if rows else FOLLOW_COLUMNS)
        return
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    _emit_rows(rows, "table", FOLLOW_COLUMNS)
    click.echo(", ".join(f"{status} {n}" for status, n in sorted(counts.items()))
               + f"; {len(unclaimed)} reported results no target claimed")


# ------------------------------------------------------------------ serve


@cli.command()
@index_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default answers this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", default=None, envvar="KB_TOKEN", metavar="T",
              help="Require `Authorization: Bearer T` on every API request (default: $KB_TOKEN).")
def serve(index, host, port, token) -> None:
    """A web page and JSON API over the index, read-only (needs the `serve` extra)."""
    try:
        import uvicorn

        from .server import create_app
    except ImportError as exc:
        raise KbError(f"kb serve needs the serve extra ({exc.name} is missing): pip install 'kb[serve]'")
    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        click.echo("kb: warning: serving beyond this machine without --token: anyone on the network can read "
                   "the index", err=True)
    click.echo(f"kb: serving {_index_dir(index)} at http://{host}:{port}/", err=True)
    uvicorn.run(create_app(_index_dir(index), token), host=host, port=port, log_level="warning")


def main() -> None:
    from .commitments import NotFound
    from .embed import ModelError
    from .evaluate import GoldError
    from .ingest import IngestError
    from .search import QueryError
    from .store import IndexUnavailable
    from .taxonomy import TaxonomyError

    try:
        code = cli.main(prog_name="kb", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except click.exceptions.Abort:
        click.echo("kb: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (IngestError, QueryError, IndexUnavailable, ModelError, TaxonomyError, GoldError, NotFound) as exc:
        click.echo(f"kb: error: {exc}", err=True)
        sys.exit(2 if isinstance(exc, QueryError) else 1)
    except KeyboardInterrupt:
        click.echo("kb: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the last line of defence: never a traceback for the user
        if settings().debug:
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        click.echo(f"kb: internal error: {type(exc).__name__}: {first} (set KB_DEBUG=1 for details)", err=True)
        sys.exit(70)
