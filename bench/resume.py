"""Resume cost: an ingest SIGKILLed at ~80 % of its embedding, then run again, against
one uninterrupted ingest of the same documents (target: total <= 1.1x).

    python bench/resume.py                      # e5 (the default model) on 10 corpus documents
    python bench/resume.py --model fast --docs 4

Each run is the CLI in a fresh process, as a user runs it. The kill uses the crash
tests' fault injection (KB_TEST_KILL_AT=embedded_batch:K); KB_EMBED_BATCH is set so the
embedding is 20 batches (the same for the uninterrupted run) and the kill falls after 16
of them. Writes bench/resume-results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEFAULT_DOCS = ["park-cluster-speech-202x-h1.txt", "sc-2018-government-new-media.txt",
                "sc-2018-zero-waste-city-pilot.txt", "sc-2018-employment-promotion.txt",
                "local-reg-shenzhen-ai-industry-promotion.txt", "sc-2004-state-council-work-rules.txt",
                "policy-aba-government-data-management.txt", "local-reg-henan-development-zones.txt",
                "gov-report-2025-anhui.txt", "gov-report-2025-jiangsu.txt"]
EMBEDDED = re.compile(r"kb: embedded ([\d,]+) sentences in ([\d.]+) s \(([\d,]+) reused from the index, "
                      r"([\d,]+) resumed from the cache\)")
BATCHES = 20
KILL_AFTER = 16  # of BATCHES: 80 %


def run_ingest(docs: Path, index: Path, model: str, **env: str) -> tuple[tuple[float, float], int, str]:
    """(wall seconds, CPU seconds), exit code and stderr of one `kb ingest` in a fresh
    process. CPU seconds (user + system of the child) are what this run cost whatever else
    the shared machine was doing; wall seconds move with the other work on it."""
    environment = {**os.environ, "KB_INDEX": str(index), **env}
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", str(docs), "--model", model],
                          env=environment, capture_output=True, text=True)
    wall = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = cpu_after.ru_utime - cpu_before.ru_utime + cpu_after.ru_stime - cpu_before.ru_stime
    return (wall, cpu), done.returncode, done.stderr


def counts(stderr: str) -> dict[str, int]:
    found = EMBEDDED.search(stderr)
    if not found:
        raise SystemExit(f"no embedding line in the ingest's output:\n{stderr}")
    embedded, seconds, reused, resumed = found.groups()
    return {"embedded": int(embedded.replace(",", "")), "resumed": int(resumed.replace(",", ""))}


def count_sentences(docs: Path) -> int:
    """Distinct folded sentences of the documents: what the ingest will embed."""
    sys.path.insert(0, str(ROOT))
    from kb.segment import segment
    from kb.tokenize import fold

    return len({fold(s.text) for path in docs.iterdir() for p in segment(path.read_text(encoding="utf-8"), False)
                for s in p.sentences})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="e5")
    parser.add_argument("--docs", type=int, default=10, help="how many of the corpus documents")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kb-resume-"))
    try:
        docs = work / "docs"
        docs.mkdir()
        for name in DEFAULT_DOCS[: args.docs]:
            shutil.copy(CORPUS / name, docs / name)
        sentences = count_sentences(docs)
        batch = max(1, -(-sentences // BATCHES))
        full_seconds, code, err = run_ingest(docs, work / "full", args.model, KB_EMBED_BATCH=str(batch))
        assert code == 0, err
        full = counts(err)
        killed_seconds, code, err = run_ingest(docs, work / "resumed", args.model, KB_EMBED_BATCH=str(batch),
                                               KB_TEST_KILL_AT=f"embedded_batch:{KILL_AFTER}")
        assert code == -9, f"the ingest was not killed (exit {code}): {err}"
        resume_seconds, code, err = run_ingest(docs, work / "resumed", args.model, KB_EMBED_BATCH=str(batch))
        assert code == 0, err
        resumed = counts(err)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = [k + r for k, r in zip(killed_seconds, resume_seconds)]
    result = {
        "model": args.model, "documents": args.docs, "sentences_to_embed": full["embedded"], "batch": batch,
        "killed_after_batches": KILL_AFTER, "batches": -(-full["embedded"] // batch),
        "resumed_sentences": resumed["resumed"], "embedded_after_resume": resumed["embedded"],
    }
    for i, kind in enumerate(("wall", "cpu")):
        result[kind] = {"uninterrupted_s": round(full_seconds[i], 1), "killed_run_s": round(killed_seconds[i], 1),
                        "resumed_run_s": round(resume_seconds[i], 1), "killed_plus_resumed_s": round(total[i], 1),
                        "ratio": round(total[i] / full_seconds[i], 3)}
    print(f"{'run':<28}{'wall s':>8}{'CPU s':>8}  sentences embedded")
    print(f"{'uninterrupted':<28}{full_seconds[0]:>8.1f}{full_seconds[1]:>8.1f}  {full['embedded']:,}")
    print(f"{'killed at 80 % of embedding':<28}{killed_seconds[0]:>8.1f}{killed_seconds[1]:>8.1f}  "
          f"{KILL_AFTER * batch:,} kept")
    print(f"{'resumed':<28}{resume_seconds[0]:>8.1f}{resume_seconds[1]:>8.1f}  {resumed['embedded']:,} "
          f"({resumed['resumed']:,} from the cache)")
    print(f"{'killed + resumed':<28}{total[0]:>8.1f}{total[1]:>8.1f}  ratio wall {result['wall']['ratio']:.3f}, "
          f"CPU {result['cpu']['ratio']:.3f} (target <= 1.1)")
    out = ROOT / "bench" / "resume-results.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
