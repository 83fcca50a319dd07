"""Shared fixtures: the shipped corpus, indexed once per test session with the real model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# the tests build their indexes with the fast model (an e5 ingest of the corpus takes minutes);
# tests of the e5 model ask for it by name
os.environ.setdefault("KB_MODEL", "fast")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SPEECH = CORPUS / "park-cluster-speech-202x-h1.txt"
DATA = Path(__file__).resolve().parent / "data"


def docs_artifact(tracked: Path, scratch: Path) -> Path:
    """Where a test writes what the docs show (a screenshot, the faults table): the tracked file
    when KB_UPDATE_DOCS=1 asks for it, else a scratch path, so a test run leaves the tree clean."""
    return tracked if os.environ.get("KB_UPDATE_DOCS") == "1" else scratch / tracked.name


def run_kb(*args: str, index: Path | None = None, cwd: Path | None = None, timeout: int = 600):
    """Run the CLI as a user would: a fresh process through cli.py."""
    env = dict(os.environ)
    if index is not None:
        env["KB_INDEX"] = str(index)
    env.pop("KB_DEBUG", None)
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env, timeout=timeout)


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    index = tmp_path_factory.mktemp("index")
    from kb.ingest import ingest

    report = ingest([CORPUS], index)
    assert report.added == len(list(CORPUS.glob("*.txt")))
    return index


@pytest.fixture(scope="session")
def opened(corpus_index):
    from kb.index import Index

    idx = Index.open(corpus_index)
    yield idx
    idx.close()
