"""Faults that must lose nothing: a killed ingest, a second ingest, a reader during an ingest."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from kb.writer import CHECKPOINTS
from tests.conftest import CORPUS, ROOT, SPEECH, run_kb

QUESTIONS = ["园区电动车这块今年能做出多少产值", "重庆城镇新增就业目标", "凤凰工业园负责哪些产业"]
FIRST = [SPEECH.name]
SECOND = [SPEECH.name, "gov-report-2025-chongqing.txt"]


def _docs(folder, names):
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def _answers(index):
    out = []
    for q in QUESTIONS:
        result = run_kb("ask", q, "--json", "-k", "3", index=index)
        assert result.returncode == 0, result.stderr
        out.append([(r["doc"], r["char_start"], r["char_end"]) for r in map(json.loads, result.stdout.splitlines())])
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """Answers of indexes built without interruption, before and after the second document."""
    base = tmp_path_factory.mktemp("reference")
    docs = _docs(base / "docs", FIRST)
    index = base / "index"
    assert run_kb("ingest", str(docs), "-q", index=index).returncode == 0
    before = _answers(index)
    _docs(docs, SECOND)
    assert run_kb("ingest", str(docs), "-q", index=index).returncode == 0
    return before, _answers(index)


@pytest.mark.parametrize("point", CHECKPOINTS)
def test_ingest_killed_at_any_point_loses_nothing(tmp_path, reference, point):
    before, after = reference
    docs = _docs(tmp_path / "docs", FIRST)
    index = tmp_path / "index"
    assert run_kb("ingest", str(docs), "-q", index=index).returncode == 0
    _docs(docs, SECOND)
    env = {**os.environ, "KB_INDEX": str(index), "KB_TEST_KILL_AT": point}
    killed = subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", str(docs), "-q"], env=env,
                            capture_output=True, text=True, timeout=600)
    assert killed.returncode == -9  # really killed, by SIGKILL
    expected_now = after if point == "committed" else before
    assert _answers(index) == expected_now  # the last complete index answers
    assert run_kb("check", index=index).returncode == 0
    resumed = run_kb("ingest", str(docs), index=index)
    assert resumed.returncode == 0, resumed.stderr
    assert _answers(index) == after  # the next ingest completes the work
    assert run_kb("check", index=index).returncode == 0
    assert len(list(index.glob("*.faiss"))) == 2  # one generation of vector files, no leftovers
    assert not list(index.glob("*.tmp"))


def test_second_ingest_is_refused_and_readers_see_the_last_complete_index(tmp_path, reference):
    before, after = reference
    docs = _docs(tmp_path / "docs", FIRST)
    index = tmp_path / "index"
    assert run_kb("ingest", str(docs), "-q", index=index).returncode == 0
    _docs(docs, SECOND)
    env = {**os.environ, "KB_INDEX": str(index), "KB_TEST_PAUSE_AT": "rows_written", "KB_TEST_PAUSE_SECONDS": "20"}
    slow = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "ingest", str(docs), "-q"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        from filelock import FileLock, Timeout

        deadline = time.time() + 120
        while time.time() < deadline:  # wait until the slow ingest holds the lock
            probe = FileLock(str(index / "ingest.lock"))
            try:
                probe.acquire(timeout=0)
                probe.release()
                time.sleep(0.2)
            except Timeout:
                break
        second = run_kb("ingest", str(docs), "-q", index=index)
        assert second.returncode == 1
        assert "another `kb ingest`" in second.stderr and second.stderr.count("\n") == 1
        assert _answers(index) == before  # readers are not blocked and see the committed index
    finally:
        out, err = slow.communicate(timeout=300)
    assert slow.returncode == 0, err
    assert _answers(index) == after


def test_damaged_sqlite_file_is_a_clear_error(tmp_path):
    docs = _docs(tmp_path / "docs", FIRST)
    index = tmp_path / "index"
    assert run_kb("ingest", str(docs), "-q", index=index).returncode == 0
    db = index / "kb.sqlite"
    for extra in index.glob("kb.sqlite-*"):
        extra.unlink()
    db.write_bytes(b"this is not a database" * 100)
    result = run_kb("ask", "产值", index=index)
    assert result.returncode == 1 and "unreadable" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def _rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_soak_a_thousand_mixed_queries_do_not_grow_memory(opened):
    """1,000 ask/phrase queries in one process: resident memory grows by less than 10%."""
    from kb.phrase import phrase
    from kb.search import ask

    texts = [r[0] for r in opened.store.conn.execute(
        "SELECT text FROM sentences WHERE length(text) > 12 ORDER BY id LIMIT 1000")]
    queries = [t[: 6 + i % 20] for i, t in enumerate(texts)]
    modes = ["hybrid", "lexical", "dense"]
    for q in queries[:100]:  # warm up: model, FAISS, SQLite page cache, jieba
        ask(opened, q, k=5)
    before = _rss_bytes()
    for i, q in enumerate(queries):
        if i % 4 == 3:
            phrase(opened, q, k=10)
        else:
            ask(opened, q, k=5, mode=modes[i % 3])
    growth = (_rss_bytes() - before) / before
    assert growth < 0.10, f"resident memory grew {growth:.1%}"


def test_ingest_on_a_terminal_shows_the_embedding_progress(tmp_path, monkeypatch):
    """The embedding is most of an ingest (minutes with e5): a terminal sees it count up."""
    import importlib
    import io

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    ingest_module = importlib.import_module("kb.ingest")
    report = ingest_module.ingest([SPEECH], tmp_path / "index", progress=True)
    shown = terminal.getvalue()
    assert report.embedded > 0 and f"{report.embedded}/{report.embedded}" in shown and "embed" in shown


def test_a_changed_keyword_links_the_indexed_documents_again(tmp_path):
    # the taxonomy's names are unchanged (so is the tokenizer): only what the links rest on (广投,
    # a company of the speech, is a keyword here only to be seen)
    from kb.ingest import ingest

    docs, index = _docs(tmp_path / "docs", FIRST), tmp_path / "index"
    ingest([docs], index)

    def aerospace_passages() -> int:
        rows = [json.loads(x) for x in run_kb("clusters", "--json", index=index).stdout.splitlines()]
        return next((r["passages"] for r in rows if r["name"] == "航空航天"), 0)

    before = aerospace_passages()
    (docs / "taxonomy.toml").write_text('[[cluster]]\nname = "航空航天"\nkeywords = ["广投"]\n', encoding="utf-8")
    report = ingest([docs], index)
    assert report.updated == 1 and aerospace_passages() > before
    assert not report.skipped  # the taxonomy beside the documents is read, not a skipped file
    assert ingest([docs], index).updated == 0  # linked under the same rules: nothing to do


def test_the_rules_digest_reads_every_module_and_data_file(tmp_path):
    from kb.link import digest_of_sources

    package = tmp_path / "kb"
    (package / "data").mkdir(parents=True)
    (package / "parks.py").write_text("KINDS = ('园区',)\n", encoding="utf-8")
    (package / "data" / "places.tsv").write_text("长沙市\tcity\n", encoding="utf-8")
    first = digest_of_sources(package)
    (package / "parks.py").write_text("KINDS = ('园区', '经济开发区')\n", encoding="utf-8")
    second = digest_of_sources(package)
    (package / "data" / "places.tsv").write_text("长沙市\tcity\n株洲市\tcity\n", encoding="utf-8")
    third = digest_of_sources(package)
    (package / "parks.py").unlink()  # bytecode only: the .pyc stands for the module
    (package / "parks.pyc").write_bytes(b"\x00compiled")
    assert len({first, second, third, digest_of_sources(package)}) == 4


def test_changed_link_rules_link_the_indexed_documents_again(tmp_path, monkeypatch):
    # kb upgraded in place with the same version but another park or cluster rule
    import kb.link
    from kb.ingest import ingest

    docs, index = _docs(tmp_path / "docs", FIRST), tmp_path / "index"
    ingest([docs], index)
    assert ingest([docs], index).updated == 0
    monkeypatch.setattr(kb.link, "rules_digest", lambda: "the rules of another kb")
    assert ingest([docs], index).updated == 1
    assert ingest([docs], index).updated == 0


def test_an_index_an_earlier_kb_wrote_gets_every_documents_possible_parks(tmp_path):
    # an earlier kb stored no possible parks; the next ingest links the documents it can read
    # again, and finds those of a document it keeps (its source gone) from the stored text
    from kb.index import Index
    from kb.ingest import ingest

    docs, index = _docs(tmp_path / "docs", SECOND), tmp_path / "index"
    ingest([docs], index)
    with sqlite3.connect(index / "kb.sqlite") as conn:
        conn.execute("DELETE FROM park_candidates")
        conn.execute("DELETE FROM meta WHERE key = 'park_candidates'")
        conn.execute("UPDATE meta SET value = 'an earlier kb' WHERE key = 'linker'")
    opened = Index.open(index)
    assert opened.store.park_candidate_rows() is None  # not current: searched when asked
    opened.close()
    (docs / "gov-report-2025-chongqing.txt").unlink()
    ingest([docs], index)
    opened = Index.open(index)
    try:
        rows = opened.store.park_candidate_rows()
        assert rows is not None and any(r["name"] == "卫星互联网产业园" and r["path"] == "gov-report-2025-chongqing.txt"
                                        for r in rows)
    finally:
        opened.close()


def test_a_relinked_document_in_a_subfolder_keeps_the_title_its_catalog_gives(tmp_path, monkeypatch):
    """The folder's SOURCES.tsv names sub/speech.txt; when changed rules re-link the index from a
    run given another folder, the document is read again with the same catalog, not sub/'s."""
    import kb.link
    from kb.index import Index
    from kb.ingest import ingest

    docs, other, index = tmp_path / "docs", tmp_path / "other", tmp_path / "index"
    (docs / "sub").mkdir(parents=True)
    shutil.copy(SPEECH, docs / "sub" / "speech.txt")
    (docs / "SOURCES.tsv").write_text("file\ttitle\tyear\nsub/speech.txt\t园区产业集群发展务虚会讲话\t2025\n",
                                      encoding="utf-8")
    _docs(other, FIRST)
    ingest([docs], index)

    def titles() -> dict[str, str]:
        with Index.open(index) as opened:
            return {row["path"]: row["title"] for row in opened.store.documents()}

    assert titles()["sub/speech.txt"] == "园区产业集群发展务虚会讲话"
    monkeypatch.setattr(kb.link, "rules_digest", lambda: "the rules of another kb")
    assert ingest([other], index).updated == 1  # speech.txt re-linked, read from its source
    assert titles()["sub/speech.txt"] == "园区产业集群发展务虚会讲话"
