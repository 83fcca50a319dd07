"""The approximate index that large collections switch to, exercised on a small one."""

import json
import os
import shutil

import faiss
import numpy as np

from kb import vectors
from tests.conftest import CORPUS, SPEECH, run_kb

DOCS = [SPEECH.name, "gov-report-2025-chongqing.txt"]
QUESTIONS = ["园区电动车这块今年能做出多少产值", "重庆城镇新增就业目标", "川渝共建重点项目"]


def _top(index, env=None):
    out = []
    for q in QUESTIONS:
        result = run_kb("ask", q, "--json", "-k", "3", index=index)
        assert result.returncode == 0, result.stderr
        out.append([json.loads(x)["char_start"] for x in result.stdout.splitlines()][0])
    return out


def _flat_and_ivf(data: np.ndarray, ids: np.ndarray):
    """The exact index of these vectors, and what fit_to_size makes of it past a threshold of 1000."""
    flat = vectors.new_index(data.shape[1])
    flat.add_with_ids(data, ids)
    return flat, vectors.fit_to_size(flat, threshold=1000)


def test_fit_to_size_keeps_ids_and_finds_the_same_neighbours():
    rng = np.random.default_rng(1)
    data = rng.normal(size=(4000, 64)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    ids = np.arange(10_000, 14_000, dtype=np.int64)
    flat, ivf = _flat_and_ivf(data, ids)
    assert vectors.is_approximate(ivf) and ivf.ntotal == 4000
    hits = 0
    for q in data[:50]:
        exact, _ = vectors.search(flat, q, 10)
        approx, _ = vectors.search(ivf, q, 10)
        assert approx[0] == exact[0]  # the vector itself comes first
        hits += len(set(exact) & set(approx))
    assert hits / 500 >= 0.9
    np.testing.assert_allclose(ivf.reconstruct(10_005), data[5], atol=0.02)
    vectors.remove_ids(ivf, [10_005])
    assert ivf.ntotal == 3999


def test_an_index_past_the_threshold_answers_like_the_exact_one(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in DOCS:
        shutil.copy(CORPUS / name, docs / name)
    exact, approx = tmp_path / "exact", tmp_path / "approx"
    assert run_kb("ingest", str(docs), "-q", index=exact).returncode == 0
    env_before = os.environ.get("KB_IVF_THRESHOLD")
    os.environ["KB_IVF_THRESHOLD"] = "500"
    try:
        assert run_kb("ingest", str(docs), "-q", index=approx).returncode == 0
        kinds = {p.name.split(".")[0]: faiss.read_index(str(p)) for p in approx.glob("*.faiss")}
        assert vectors.is_approximate(kinds["sentences"])  # ~700 sentences: past 500
        assert _top(approx) == _top(exact)
        with open(docs / SPEECH.name, "a", encoding="utf-8") as fh:
            fh.write("\n202x年园区工业总产值力争增长10%。\n")
        assert run_kb("ingest", str(docs), "-q", index=approx).returncode == 0  # add/remove on IVF
        assert run_kb("check", index=approx).returncode == 0
    finally:
        if env_before is None:
            os.environ.pop("KB_IVF_THRESHOLD", None)
        else:
            os.environ["KB_IVF_THRESHOLD"] = env_before


def test_a_filtered_search_on_ivf_finds_the_allowed_neighbours_exact_search_finds():
    """A filter letting through 2 % of the ids (one document's worth) or 60 % of them:
    the IVF index must still return allowed ids only, and the ones exact search ranks
    first (it probes more lists the narrower the filter)."""
    rng = np.random.default_rng(2)
    data = rng.normal(size=(6000, 32)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    ids = np.arange(6000, dtype=np.int64) * 3 + 7  # sparse, like SQLite ids after deletes
    flat, ivf = _flat_and_ivf(data, ids)
    for share in (0.02, 0.6):
        allowed = np.sort(rng.choice(ids, size=int(share * len(ids)), replace=False))
        for q in data[:20]:
            exact, _ = vectors.search(flat, q, 10, allowed)
            approx, _ = vectors.search(ivf, q, 10, allowed)
            assert set(approx) <= set(allowed.tolist()) and len(approx) == 10
            assert approx[0] == exact[0]
