"""Resume: an ingest killed or interrupted while embedding keeps what it embedded, and the
next run of the same command embeds only the rest and builds the same index."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import CORPUS, ROOT, SPEECH, run_kb

FIRST = [SPEECH.name]
ADDED = ["sc-2018-government-new-media.txt", "sc-2018-zero-waste-city-pilot.txt"]
QUESTIONS = ["园区电动车这块今年能做出多少产值", "政府网站和政务新媒体的监管", "无废城市建设试点的目标"]
BATCH = 40  # sentences per kept batch: small, so a few documents make several batches
EMBEDDED_LINE = re.compile(r"kb: embedded ([\d,]+) sentences in .* \(([\d,]+) reused from the index, "
                           r"([\d,]+) resumed from the cache\)")


def docs_folder(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def ingest_env(index: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "KB_INDEX": str(index), "KB_EMBED_BATCH": str(BATCH), **extra}
    env.pop("KB_DEBUG", None)
    return env


def embedded_counts(stderr: str) -> tuple[int, int, int]:
    """(embedded, reused from the index, resumed from the cache) from the ingest's stage line."""
    found = EMBEDDED_LINE.search(stderr)
    assert found, stderr
    return tuple(int(n.replace(",", "")) for n in found.groups())


def answers(index: Path) -> list[list[tuple[str, int]]]:
    import json

    out = []
    for question in QUESTIONS:
        result = run_kb("ask", question, "--json", "-k", "3", index=index)
        assert result.returncode == 0, result.stderr
        out.append([(r["doc"], r["char_start"]) for r in map(json.loads, result.stdout.splitlines())])
    return out


def snapshot(index: Path) -> tuple[list[tuple], dict[str, np.ndarray]]:
    """The index's sentence rows, and each sentence's vector by its folded text."""
    import faiss

    conn = sqlite3.connect(index / "kb.sqlite")
    rows = conn.execute("SELECT d.path, s.passage_id, s.char_start, s.char_end, s.fold_key FROM sentences s "
                        "JOIN documents d ON d.id = s.doc_id ORDER BY d.path, s.char_start").fetchall()
    generation = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0]
    ids = conn.execute("SELECT id, fold_key FROM sentences").fetchall()
    conn.close()
    vector_index = faiss.read_index(str(index / f"sentences.{generation}.faiss"))
    return rows, {key: vector_index.reconstruct(int(sid)) for sid, key in ids}


def assert_same_index(built: Path, reference: Path) -> None:
    rows, vectors = snapshot(built)
    reference_rows, reference_vectors = snapshot(reference)
    assert rows == reference_rows
    assert vectors.keys() == reference_vectors.keys()
    keys = sorted(vectors)
    assert np.allclose(np.stack([vectors[k] for k in keys]), np.stack([reference_vectors[k] for k in keys]),
                       atol=1e-5)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    """The index built without interruption: the first document, then the added ones."""
    base = tmp_path_factory.mktemp("uninterrupted")
    docs, index = docs_folder(base / "docs", FIRST), base / "index"
    assert run_kb("ingest", str(docs), "-q", index=index).returncode == 0
    before = answers(index)
    docs_folder(docs, ADDED)
    second = subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", str(docs)], env=ingest_env(index),
                            capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    embedded, reused, resumed = embedded_counts(second.stderr)
    assert embedded > 3 * BATCH and resumed == 0
    return index, before, embedded


def _old_index(tmp_path: Path) -> tuple[Path, Path]:
    docs, index = docs_folder(tmp_path / "docs", FIRST), tmp_path / "index"
    assert run_kb("ingest", str(docs), "-q", index=index).returncode == 0
    docs_folder(docs, ADDED)
    return docs, index


def _ctrl_c_as_at_a_terminal() -> None:
    """A CI runner may start the tests in the background, where the shell ignores SIGINT and
    every child inherits that (Python then installs no KeyboardInterrupt); the ingest under
    test gets Ctrl-C as it would at a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _documents_committed(index: Path) -> int:
    conn = sqlite3.connect(f"file:{index / 'kb.sqlite'}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def test_killed_ingest_resumes_embedding_only_the_rest(tmp_path, uninterrupted):
    reference, before, to_embed = uninterrupted
    docs, index = _old_index(tmp_path)
    env = ingest_env(index, KB_TEST_KILL_AT="embedded_batch:3", KB_TEST_PAUSE_AT="embedded_batch",
                     KB_TEST_PAUSE_SECONDS="1")
    killed = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "ingest", str(docs), "-q"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = []
    while killed.poll() is None:  # a reader all through the killed run: the old index, one document
        seen.append(_documents_committed(index))
        time.sleep(0.1)
    assert killed.returncode == -signal.SIGKILL
    assert len(seen) > 10 and set(seen) == {1}
    assert answers(index) == before
    assert (index / "cache" / "vectors.sqlite").exists()

    resumed_run = subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", str(docs)], env=ingest_env(index),
                                 capture_output=True, text=True, timeout=600)
    assert resumed_run.returncode == 0, resumed_run.stderr
    embedded, reused, resumed = embedded_counts(resumed_run.stderr)
    assert resumed == 3 * BATCH  # the three batches kept before the kill
    assert embedded == to_embed - 3 * BATCH  # and only the rest embedded again
    assert_same_index(index, reference)
    assert answers(index) == answers(reference)
    assert not (index / "cache").exists()  # pruned once the index holds the vectors
    assert run_kb("check", index=index).returncode == 0


def test_ctrl_c_is_a_clean_stop_that_keeps_the_embedded_batches(tmp_path, uninterrupted):
    reference, before, to_embed = uninterrupted
    docs, index = _old_index(tmp_path)
    env = ingest_env(index, KB_TEST_PAUSE_AT="embedded_batch", KB_TEST_PAUSE_SECONDS="1.5")
    running = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "ingest", str(docs)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_ctrl_c_as_at_a_terminal)
    deadline = time.time() + 120
    while time.time() < deadline and not (index / "cache" / "vectors.sqlite").exists():
        time.sleep(0.1)
    time.sleep(2)  # in the second batch's pause
    running.send_signal(signal.SIGINT)
    out, err = running.communicate(timeout=60)
    assert running.returncode == 130, err
    last = err.strip().splitlines()[-1]
    kept = re.fullmatch(r"kb: interrupted: ([\d,]+) of ([\d,]+) sentences embedded are kept; "
                        r"run the same command to resume", last)
    assert kept, err
    assert int(kept.group(2)) == to_embed and 0 < int(kept.group(1)) < to_embed
    assert "Traceback" not in err and _documents_committed(index) == 1
    assert answers(index) == before

    again = subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", str(docs)], env=ingest_env(index),
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    embedded, reused, resumed = embedded_counts(again.stderr)
    assert resumed == int(kept.group(1)) and embedded == to_embed - resumed
    assert_same_index(index, reference)


def test_a_stage_line_per_stage_on_a_log_and_none_with_q(tmp_path):
    docs, index = docs_folder(tmp_path / "docs", FIRST), tmp_path / "index"
    logged = run_kb("ingest", str(docs), index=index)
    assert logged.returncode == 0, logged.stderr
    stages = [line.split()[1] for line in logged.stderr.splitlines()]
    assert stages == ["read", "linked", "embedded", "stored"]
    quiet = run_kb("ingest", str(docs), "-q", "--rebuild", index=index)
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""
