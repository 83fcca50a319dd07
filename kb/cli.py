"""The `kb` command line: parse options, call the pipeline, render. Nothing imports this."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

import click

from . import __version__

DEFAULT_INDEX = "index"
EXIT_SKIPPED = 3  # ingest finished but skipped some files


class KbError(click.ClickException):
    exit_code = 1

    def show(self, file=None) -> None:  # one line, no usage dump
        click.echo(f"kb: error: {self.format_message()}", err=True)


def _index_dir(index: str | None) -> Path:
    return Path(index or os.environ.get("KB_INDEX") or DEFAULT_INDEX)


index_option = click.option(
    "--index", "index", metavar="DIR", default=None,
    help=f"Index folder (default: $KB_INDEX or ./{DEFAULT_INDEX}).",
)


def _open(index: str | None, model: str | None = None):
    from .search import Index

    return Index(_index_dir(index), model=model)


def _use_color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


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
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                             for k, v in row.items()})
        click.echo(buf.getvalue(), nl=False)
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
        Console(soft_wrap=False).print(table)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kb")
def cli() -> None:
    """kb: search Chinese policy and speech texts, trace their targets to the source."""


# ------------------------------------------------------------------ ingest


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--model", default=None, metavar="NAME_OR_PATH",
              help="Embedding model: the offline default, or any sentence-transformers model.")
@click.option("--taxonomy", type=click.Path(path_type=Path), default=None, help="Extra taxonomy TOML file.")
@click.option("--prune", is_flag=True, help="Drop documents whose files no longer exist.")
@click.option("--rebuild", is_flag=True, help="Re-read and re-embed everything (e.g. with another --model).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def ingest(paths, index, model, taxonomy, prune, rebuild, quiet) -> None:
    """Index .txt and .md files or folders (default: corpus/)."""
    from .ingest import ingest as run_ingest

    paths = list(paths) or [Path("corpus")]
    report = run_ingest(paths, _index_dir(index), model=model, prune=prune, rebuild=rebuild,
                        warn=lambda m: click.echo(f"kb: warning: {m}", err=True),
                        progress=not quiet, taxonomy_path=taxonomy)
    if not quiet:
        click.echo(
            f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
            f"{report.pruned} pruned, {len(report.skipped)} skipped; "
            f"{report.passages} passages, {report.sentences} sentences in {report.seconds:.1f} s"
        )
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


# ------------------------------------------------------------------ ask


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
    from .tokenize import tokens

    idx = _open(index, model)
    results = run_ask(idx, question, k=k, mode=mode,
                      filters=Filters(doc=doc, year=year, park=park, cluster=cluster))
    if as_json:
        for h in results:
            click.echo(json.dumps({
                "rank": h.rank, "score": h.score, "doc": h.doc, "title": h.title, "year": h.year,
                "section": h.section, "text": h.text, "char_start": h.char_start, "char_end": h.char_end,
                "line_start": h.line_start, "line_end": h.line_end, "links": h.links,
            }, ensure_ascii=False))
        return
    if not results:
        click.echo("no passage matches", err=True)
        return
    words = tokens(question, for_query=True)
    for h in results:
        head = f"{h.rank}. {h.title}"
        if h.section:
            head += f" · {h.section}"
        click.echo(click.style(head, bold=True) if _use_color() else head)
        click.echo(f"   {h.doc}:{h.line_start}-{h.line_end}  score {h.score:.4f}")
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
    from . import store

    idx = _open(index)
    data = store.counts(idx.conn)
    size = sum(p.stat().st_size for p in idx.dir.iterdir() if p.is_file())
    data.update({"model": idx.model, "dim": idx.dim, "index": str(idx.dir), "bytes": size})
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


def main() -> None:
    from .embed import ModelError
    from .ingest import IngestError
    from .link import TaxonomyError
    from .search import QueryError
    from .store import IndexUnavailable

    try:
        code = cli.main(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except click.exceptions.Abort:
        click.echo("kb: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (IngestError, QueryError, IndexUnavailable, ModelError, TaxonomyError) as exc:
        click.echo(f"kb: error: {exc}", err=True)
        sys.exit(2 if isinstance(exc, QueryError) else 1)
    except KeyboardInterrupt:
        click.echo("kb: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the last line of defence: never a traceback for the user
        if os.environ.get("KB_DEBUG"):
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        click.echo(f"kb: internal error: {type(exc).__name__}: {first} (set KB_DEBUG=1 for details)", err=True)
        sys.exit(70)
