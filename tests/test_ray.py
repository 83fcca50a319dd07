"""`kb ingest --ray`: embedding batches on a Ray actor pool give the same vectors, index
and answers as in-process embedding; a bad address and a missing extra are one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import ROOT, SPEECH, run_kb
from tests.test_resume import answers, assert_same_index, docs_folder

DOCS = [SPEECH.name, "sc-2018-government-new-media.txt"]


def test_ray_is_not_imported_without_ray(tmp_path):
    code = ("import sys; from pathlib import Path; from kb.ingest import ingest; import kb.cli; "
            f"ingest([Path({str(ROOT / 'corpus' / SPEECH.name)!r})], Path({str(tmp_path / 'index')!r})); "
            "print('ray' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_ray_without_the_extra_is_one_line(tmp_path):
    blocker = tmp_path / "no-ray" / "ray"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError(\"No module named 'ray'\")\n")
    env = {**os.environ, "PYTHONPATH": str(blocker.parent), "KB_INDEX": str(tmp_path / "index")}
    docs = docs_folder(tmp_path / "docs", DOCS[:1])
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", str(docs), "--ray"], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert result.stderr == "kb: error: --ray needs the ray extra: pip install 'kb[ray]'\n"


ray = pytest.importorskip("ray")


def _free_port() -> int:
    """A loopback port nobody listens on (bound, then let go)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_unreachable_ray_address_is_one_line(tmp_path):
    docs = docs_folder(tmp_path / "docs", DOCS[:1])
    address = f"127.0.0.1:{_free_port()}"
    result = run_kb("ingest", str(docs), "--ray", address, index=tmp_path / "index", timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith(f"kb: error: cannot reach the Ray cluster at {address}: connection refused")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "index" / "kb.sqlite").exists() or run_kb("stats", index=tmp_path / "index").returncode


@pytest.fixture(scope="session")
def ray_cluster():
    """One local Ray for every test here: 2 CPUs, the machine's cores. Yields its address."""
    import kb

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1",
             runtime_env={"py_modules": [str(Path(kb.__file__).parent)]})
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


def test_ray_pool_gives_the_same_vectors_as_in_process(ray_cluster):
    import threading

    from kb.embed import FAST_MODEL, load_embedder
    from kb.embedding_pool import RayPool
    from kb.segment import segment

    text = SPEECH.read_text(encoding="utf-8")
    sentences = [s.text for p in segment(text, False) for s in p.sentences][:300]
    batches = [sentences[i : i + 50] for i in range(0, len(sentences), 50)]
    pool = RayPool(FAST_MODEL, actors=2)
    try:
        assert pool.workers == 2 and pool.dim == 512
        results = list(pool.map(batches, threading.Event()))
    finally:
        pool.close()
    assert sorted(len(b) for b, _ in results) == sorted(len(b) for b in batches)
    remote = {t: v for batch, vectors in results for t, v in zip(batch, vectors)}
    local = load_embedder(FAST_MODEL).encode(sentences)
    assert np.allclose(np.stack([remote[s] for s in sentences]), local, atol=1e-5)


def test_ingest_with_ray_gives_the_same_index_and_answers(ray_cluster, tmp_path):
    docs = docs_folder(tmp_path / "docs", DOCS)
    in_process, on_ray = tmp_path / "in-process", tmp_path / "on-ray"
    assert run_kb("ingest", str(docs), "-q", index=in_process).returncode == 0
    result = run_kb("ingest", str(docs), "--ray", ray_cluster, "--actors", "2", index=on_ray)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "2 added" in result.stdout
    assert_same_index(on_ray, in_process)
    assert answers(on_ray) == answers(in_process)
