"""Benchmark: ingest throughput, re-ingest, query latency, fresh-process ask, memory, size.

    python bench/bench.py [CORPUS] [--index DIR] [--queries FILE]
    python bench/bench.py --small --check bench/baseline-small.json   # what CI runs
    python bench/bench.py --small --record bench/baseline-small.json  # new baseline
    python bench/bench.py --index DIR --reuse   # queries only, on an index already built

CORPUS defaults to ../shared/corpus (or corpus/ when that is absent). Queries come
from ../shared/eval/questions.jsonl when present, else from a built-in list. --small
is the shipped corpus/ with the built-in queries, so its figures compare across
machines and clones. --model picks the embedding model of the ingest; --reuse skips the
ingest (and the raw-encode measurement) and times queries on an existing --index, e.g.
one built with the slow multilingual-e5-small. Prints a table and writes
bench/results*.json; --check fails (exit 1) when a time is more than twice its recorded
baseline (query latencies: the better of two passes, since one pass's median wanders by half
on a shared two-core machine).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import timing  # noqa: E402

FALLBACK_QUERIES = [
    "园区电动车这块今年能做出多少产值", "国务院常务会议一个月召开几次", "政务数据能不能收费",
    "就业是最大的民生", "开发区管理机构审批时限", "新质生产力", "育儿补贴", "离境退税",
]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    shared = ROOT.parent / "shared"
    default_corpus = shared / "corpus" if (shared / "corpus").is_dir() else ROOT / "corpus"
    parser.add_argument("corpus", nargs="?", type=Path, default=default_corpus)
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--queries", type=Path, default=shared / "eval" / "questions.jsonl")
    parser.add_argument("--small", action="store_true", help="shipped corpus/ and built-in queries")
    parser.add_argument("--check", type=Path, default=None, help="baseline JSON: fail on a 2x regression")
    parser.add_argument("--record", type=Path, default=None, help="write the figures as the new baseline")
    parser.add_argument("--model", default=None, help="embedding model of the ingest (default: kb's default)")
    parser.add_argument("--reuse", action="store_true", help="time queries on the existing --index, no ingest")
    args = parser.parse_args()
    if args.small:  # the CI gate: the fast model, so its figures compare with the baseline
        args.corpus = ROOT / "corpus"
        args.queries = Path("/nonexistent")
        args.model = args.model or "fast"
    if args.reuse and (args.index is None or not (args.index / "kb.sqlite").is_file()):
        parser.error("--reuse needs --index DIR holding a built index")
    return args


def main() -> None:
    args = _arguments()
    from kb.embed import FAST_MODEL
    from kb.index import Index
    from kb.ingest import ingest

    index_dir = args.index or Path(tempfile.mkdtemp(prefix="kb-bench-"))
    results: dict = {"corpus": str(args.corpus)}
    if not args.reuse:
        if index_dir.exists():
            shutil.rmtree(index_dir)
        results.update(_ingest_figures(ingest, args.corpus, index_dir, args.model))

    index = Index.open(index_dir)
    results["model"] = index.model
    if not args.reuse:
        results["embed"] = _embed_figures(index, results["ingest"])
    queries = _queries(args.queries)
    results["latency"] = _latency_figures(index, queries)
    if args.check:  # one pass's p50 is noisy on a shared machine: the better of two passes is checked
        again = _latency_figures(index, queries)
        results["latency"] = {name: min(value, again[name], key=lambda v: v["p50_ms"])
                              for name, value in results["latency"].items()}
    results["fresh_process_ask_s"] = timing.fresh_ask_seconds(ROOT / "cli.py", queries[1], index_dir)
    results["peak_memory_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    results["index_mib"] = round(sum(p.stat().st_size for p in index_dir.iterdir() if p.is_file()) / 2**20, 1)
    index.close()

    name = "results-small" if args.small else "results"
    if args.reuse:
        name += "-queries"
    if index.model != FAST_MODEL:
        name += f"-{index.model.replace('/', '_')}"
    out = ROOT / "bench" / f"{name}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _print_results(results, args.reuse)
    if args.index is None:
        shutil.rmtree(index_dir, ignore_errors=True)
    figures = _timings(results)
    if args.record:
        args.record.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.check:
        _check_baseline(figures, args.check)


def _embed_figures(index, ingest_figures: dict) -> dict:
    """Raw encode throughput of the same model on the same texts (every distinct sentence the
    ingest embedded, in one call as the ingest makes it): the physical limit of ingest."""
    sample = index.store.distinct_sentence_keys()
    start = time.perf_counter()
    index.embedder.encode(sample)
    raw = len(sample) / (time.perf_counter() - start)
    ingest_rate = ingest_figures["embedded_sentences"] / ingest_figures["seconds"]
    return {"raw_sentences_per_s": round(raw), "ingest_sentences_per_s": round(ingest_rate),
            "ingest_to_raw_ratio": round(ingest_rate / raw, 2)}


def _queries(path: Path) -> list[str]:
    if path.is_file():
        return [json.loads(line)["query"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return FALLBACK_QUERIES


def _latency_figures(index, queries: list[str]) -> dict:
    from kb import phrase as phrase_mod
    from kb import search

    index.cache.clear()  # every pass starts alike: no question's vector cached but the warm-up's
    search.ask(index, queries[0])  # warm: model, FAISS files, SQLite pages
    latency = {f"ask_{mode}": timing.latency(lambda q, m=mode: search.ask(index, q, k=5, mode=m), queries)
               for mode in search.MODES}
    # phrase after ask has the query vector cached: forget it, a writer's query is new
    latency["phrase"] = timing.latency(
        lambda q: (index.cache.clear(), phrase_mod.phrase(index, q, k=10)), queries)
    return latency


def _print_results(results: dict, reuse: bool) -> None:
    print(f"corpus                 {results['corpus']}")
    print(f"model                  {results['model']}")
    if not reuse:
        i = results["ingest"]
        print(f"ingest from scratch    {i['seconds']} s  ({i['documents']} docs, {i['passages']} passages, "
              f"{i['sentences']} sentences; {i['chars_per_s']} chars/s, {i['passages_per_s']} passages/s)")
        print("  by stage             " + ", ".join(f"{k} {v} s" for k, v in i["stages"].items()))
        print(f"re-ingest, unchanged   {results['reingest_unchanged_s']} s")
        e = results["embed"]
        print(f"embedding              raw {e['raw_sentences_per_s']}/s, in ingest {e['ingest_sentences_per_s']}/s "
              f"(ratio {e['ingest_to_raw_ratio']})")
    for name, v in results["latency"].items():
        print(f"{name:22} p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms")
    print(f"fresh-process kb ask   {results['fresh_process_ask_s']} s")
    print(f"peak memory            {results['peak_memory_mib']} MiB")
    print(f"index on disk          {results['index_mib']} MiB")


def _check_baseline(figures: dict, baseline_path: Path) -> None:
    """Exit 1 when a figure is more than twice its baseline (and beyond the noise slack)."""
    baseline = json.loads(baseline_path.read_text(encoding="utf-8"))
    failed = [f"{name}: {figures[name]} vs baseline {base}" for name, base in baseline.items()
              if name in figures and figures[name] > 2 * base
              and figures[name] - base > _SLACK.get(name, 5.0 if name.endswith("_ms") else 0.5)]
    for line in failed:
        print(f"REGRESSION {line}")
    if failed:
        sys.exit(1)
    print(f"no figure regressed more than 2x against {baseline_path}")


def _ingest_figures(ingest, corpus: Path, index_dir: Path, model: str | None) -> dict:
    first = ingest([corpus], index_dir, model=model, warn=lambda m: None)
    second = ingest([corpus], index_dir, warn=lambda m: None)
    return {
        "ingest": {
            "seconds": round(first.seconds, 1), "documents": first.added, "passages": first.passages,
            "sentences": first.sentences, "characters": first.characters,
            "chars_per_s": round(first.characters / first.seconds),
            "passages_per_s": round(first.passages / first.seconds),
            "stages": {k: round(v, 1) for k, v in first.stages.items()}, "embedded_sentences": first.embedded,
        },
        "reingest_unchanged_s": round(second.seconds, 2),
    }


# absolute slack, so that noise on tiny figures is not a regression
_SLACK = {"fresh_process_ask_s": 0.3}


def _timings(results: dict) -> dict[str, float]:
    """The figures the regression check compares: seconds and milliseconds, lower is better."""
    figures = {"fresh_process_ask_s": results["fresh_process_ask_s"]}
    if "ingest" in results:
        figures.update(ingest_s=results["ingest"]["seconds"], reingest_s=results["reingest_unchanged_s"])
    for name, value in results["latency"].items():
        figures[f"{name}_p50_ms"] = value["p50_ms"]
    return figures


if __name__ == "__main__":
    main()
