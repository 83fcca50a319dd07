"""End to end, as a user: a fresh process, the shipped corpus, the real model."""

import json
import os
import shutil

import numpy as np
import pytest

from tests.conftest import CORPUS, SPEECH, run_kb


def _speech_index(tmp_path, *options):
    """A folder holding the reference speech, indexed: (folder, index)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SPEECH, docs / SPEECH.name)
    index = tmp_path / "index"
    built = run_kb("ingest", str(docs), "-q", *options, index=index)
    assert built.returncode == 0, built.stderr
    return docs, index


def test_ask_finds_the_speech_target_with_source_and_links(corpus_index):
    result = run_kb("ask", "园区电动车这块今年能做出多少产值", "--json", index=corpus_index)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 5
    top = rows[0]
    assert top["doc"] == "park-cluster-speech-202x-h1.txt"
    assert "202x年新能源汽车产业预计实现产值×亿元" in top["text"]
    assert top["section"] == "二、建设现代产业体系… > 三是加快新能源汽车产业发展"
    assert (top["line_start"], top["line_end"]) == (8, 8)
    source = SPEECH.read_text(encoding="utf-8")
    assert source[top["char_start"]:top["char_end"]] == top["text"]
    assert {c["name"] for c in top["links"]["clusters"]} == {"新能源汽车"}
    assert top["links"]["targets"][0]["value"] == "×"
    for key in ("title", "score", "rank", "char_end"):
        assert key in top


def test_ask_human_output_names_file_and_lines(corpus_index):
    result = run_kb("ask", "国务院常务会议一个月召开几次", "-k", "3", index=corpus_index)
    assert result.returncode == 0, result.stderr
    assert "sc-2004-state-council-work-rules.txt:" in result.stdout
    assert "国务院常务会议一般每月召开三次" in result.stdout


def test_traditional_query_finds_the_same_passage(opened):
    from kb.search import ask

    simplified = [h.passage_id for h in ask(opened, "集中主要力量发展重工业", k=3, mode="lexical")]
    traditional = [h.passage_id for h in ask(opened, "集中主要力量發展重工業", k=3, mode="lexical")]
    assert simplified and simplified == traditional


def test_year_and_region_in_the_title_find_the_document(opened):
    from kb.search import ask

    hits = ask(opened, "海拉尔2013年政府投入多少引导资金保障蔬菜供应", k=5)
    assert any(h.doc == "gov-report-hailar-district-2013.txt" and "6000万元" in h.text for h in hits)


def test_filters_restrict_results(opened):
    from kb import ask

    hits = ask(opened, "产业发展", k=10, doc="park-cluster-speech-202x-h1.txt")
    assert hits and all(h.doc == "park-cluster-speech-202x-h1.txt" for h in hits)
    hits = ask(opened, "产值", k=10, cluster="新能源汽车")
    assert hits and all(any(c["name"] == "新能源汽车" for c in h.links["clusters"]) for h in hits)
    hits = ask(opened, "新增就业", k=5, year="2024")
    assert hits and all(h.year == "2024" for h in hits)


@pytest.mark.parametrize("query", ["", "   ", "？！。，……", "\x01\x02\x7f"])
def test_queries_without_words_get_one_line_and_exit_2(corpus_index, query):
    result = run_kb("ask", query, index=corpus_index)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("kb: error:")
    assert "Traceback" not in result.stderr


def test_long_and_english_queries_answer(corpus_index):
    assert run_kb("ask", "新能源汽车" * 2000, "-k", "1", index=corpus_index).returncode == 0
    result = run_kb("ask", "free trade zone RCEP", "-k", "2", "--mode", "lexical", index=corpus_index)
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_stats_and_unchanged_reingest(corpus_index, tmp_path):
    result = run_kb("stats", "--json", index=corpus_index)
    stats = json.loads(result.stdout)
    assert stats["documents"] == len(list(CORPUS.glob("*.txt")))
    assert stats["model"] == "use-multilingual-v3" and stats["dim"] == 512
    again = run_kb("ingest", str(CORPUS), index=corpus_index)
    assert again.returncode == 0, again.stderr
    assert f"0 added, 0 updated, {stats['documents']} unchanged" in again.stdout


def test_missing_index_is_a_clear_error(tmp_path):
    result = run_kb("ask", "产值", index=tmp_path / "nowhere")
    assert result.returncode == 1
    assert "no index" in result.stderr and "kb ingest" in result.stderr and "Traceback" not in result.stderr


def test_commitments_and_trace(corpus_index):
    result = run_kb("commitments", "--doc", SPEECH.name, "--format", "json", index=corpus_index)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 6 and all(r["kind"] == "target" for r in rows)
    source = SPEECH.read_text(encoding="utf-8")
    for r in rows:
        assert source[r["char_start"]:r["char_end"]] == r["quote"]
    ev = next(r for r in rows if r["cluster"] == "新能源汽车")
    traced = json.loads(run_kb("trace", str(ev["id"]), "--json", index=corpus_index).stdout)
    assert traced["status"] == "source matches" and traced["quote"] == ev["quote"]
    assert any(lk["name"] == "新能源汽车" for lk in traced["links"])
    csv_out = run_kb("commitments", "--cluster", "新能源汽车", "--format", "csv", index=corpus_index).stdout
    assert csv_out.splitlines()[0].startswith("id,kind,year,strength,metric,value")


def test_parks_and_clusters_listings(corpus_index):
    parks = [json.loads(x) for x in run_kb("parks", "--json", index=corpus_index).stdout.splitlines()]
    assert {"凤凰工业园", "河南园", "x工业园"} <= {p["name"] for p in parks}
    csv_lines = run_kb("parks", "--csv", index=corpus_index).stdout.splitlines()
    assert csv_lines[0] == "name,passages,targets,documents,docs,aliases,within" and len(csv_lines) == len(parks) + 1
    clusters = [json.loads(x) for x in run_kb("clusters", "--json", index=corpus_index).stdout.splitlines()]
    assert next(c for c in clusters if c["name"] == "新能源汽车")["targets"] >= 1


def test_parks_fold_a_short_name_the_document_gives_and_show_what_holds_a_part(tmp_path):
    """One park, one row in the index as in the scores: the document's own short name of its
    经济开发区 (经开区 alone would fold to 经济技术开发区) is an alias, and a part it names after
    its zone lies within it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "longxi-plan.txt").write_text(
        "陇西县工业园区发展规划\n"
        "一、发展基础\n"
        "甘肃陇西经济开发区（以下简称“陇西经开区”）是省级开发区，规划面积12.6平方公里。\n"
        "二、主要任务\n"
        "（一）壮大铝产业。依托陇西经开区巩昌铝产业园，引进铝型材精深加工项目，到2027年铝产业产值达到80亿元。\n"
        "（二）发展中医药产业。陇西经开区新增规模以上工业企业5家。\n", encoding="utf-8")
    assert run_kb("ingest", str(docs), "--index", str(tmp_path / "index")).returncode == 0
    rows = {r["name"]: r for r in map(json.loads, run_kb("parks", "--json", index=tmp_path / "index").stdout.splitlines())}
    assert rows["甘肃陇西经济开发区"]["aliases"] == ["陇西经开区"] and "陇西经开区" not in rows
    assert rows["陇西经开区巩昌铝产业园"]["within"] == "甘肃陇西经济开发区"
    exported = run_kb("parks", "--export-taxonomy", str(tmp_path / "parks.toml"), index=tmp_path / "index")
    assert exported.returncode == 0
    assert 'within = "甘肃陇西经济开发区"' in (tmp_path / "parks.toml").read_text(encoding="utf-8")


def test_park_candidates_list_what_kb_did_not_name(corpus_index):
    rows = [json.loads(x) for x in run_kb("parks", "--candidates", "--json", index=corpus_index).stdout.splitlines()]
    names = {r["name"] for r in rows}
    # Chongqing 2025 (development): zones named by their topic, which kb leaves to a person
    assert {"卫星互联网产业园", "国家物流枢纽经济区"} <= names
    parks = {json.loads(x)["name"] for x in run_kb("parks", "--json", index=corpus_index).stdout.splitlines()}
    assert not names & parks
    row = next(r for r in rows if r["name"] == "卫星互联网产业园")
    assert row["docs"] == ["gov-report-2025-chongqing.txt"] and "卫星互联网产业园" in row["quote"]
    csv_lines = run_kb("parks", "--candidates", "--csv", index=corpus_index).stdout.splitlines()
    assert csv_lines[0] == "name,mentions,documents,docs,quote" and len(csv_lines) == len(rows) + 1


def test_phrase_folds_repeated_wording_and_exact_gives_a_timeline(corpus_index):
    result = run_kb("phrase", "就业是民生之本", "--json", index=corpus_index)
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert rows and all({"text", "doc", "year", "occurrences", "char_start"} <= set(r) for r in rows)
    exact = json.loads(run_kb("phrase", "--exact", "新质生产力", "--json", index=corpus_index).stdout)
    assert exact["count"] >= 3 and exact["first_seen"]["year"] == "2024"
    half_width = json.loads(run_kb("phrase", "--exact", "“放管服”改革", "--json", index=corpus_index).stdout)
    full = json.loads(run_kb("phrase", "--exact", '"放管服"改革', "--json", index=corpus_index).stdout)
    assert half_width["count"] == full["count"] >= 1


def test_bad_files_are_skipped_and_the_rest_indexed(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SPEECH, docs / SPEECH.name)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (docs / "gbk.txt").write_bytes("202x年园区实际利用外资预计达到×亿美元。".encode("gbk"))
    (docs / "broken.md").write_text("# 标题\n\n```\n未闭合的代码块\n## 二、**加粗未闭合\n- 列表项。", encoding="utf-8")
    os.mkfifo(docs / "pipe.txt")  # would block a naive reader forever
    index = tmp_path / "index"
    result = run_kb("ingest", str(docs), index=index)
    assert result.returncode == 3  # finished, but skipped some files
    warnings = [line for line in result.stderr.splitlines() if line.startswith("kb: warning:")]
    assert any("empty.txt" in w and "empty" in w for w in warnings)
    assert any("image.txt" in w and "binary" in w for w in warnings)
    assert any("pipe.txt" in w and "not a regular file" in w for w in warnings)
    assert "kb: gbk.txt: decoded as gb18030" in result.stderr
    assert "3 added" in result.stdout
    hit = json.loads(run_kb("ask", "实际利用外资", "--json", "-k", "1", "--doc", "gbk.txt", index=index).stdout
                     .splitlines()[0])
    assert hit["doc"] == "gbk.txt"


def test_model_mismatch_and_damaged_vectors_are_clear_errors(tmp_path):
    docs, index = _speech_index(tmp_path)
    other = run_kb("ask", "产值", "--model", "all-MiniLM-L6-v2", index=index)
    assert other.returncode == 1 and "rebuild" in other.stderr and "Traceback" not in other.stderr
    for path in index.glob("passages.*.faiss"):
        path.write_bytes(path.read_bytes()[:100])
    broken = run_kb("ask", "产值", "--mode", "dense", index=index)
    assert broken.returncode == 1 and "damaged" in broken.stderr and "Traceback" not in broken.stderr
    lexical = run_kb("ask", "产值", "--mode", "lexical", "--json", index=index)
    assert lexical.returncode == 0 and lexical.stdout  # SQLite side still answers


def test_changed_file_is_replaced_and_pruned_file_dropped(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SPEECH, docs / SPEECH.name)
    extra = docs / "notice.txt"
    extra.write_text("关于推进园区管理体制改革的通知\n一、深化改革。推进园区管理体制改革。\n", encoding="utf-8")
    index = tmp_path / "index"
    assert run_kb("ingest", str(docs), "-q", index=index).returncode == 0
    extra.write_text("关于推进园区管理体制改革的通知\n一、深化改革。力争园区营业收入增长8%。\n", encoding="utf-8")
    result = run_kb("ingest", str(docs), index=index)
    assert "0 added, 1 updated, 1 unchanged" in result.stdout
    hits = [json.loads(x) for x in run_kb("ask", "营业收入", "--json", "--doc", "notice.txt", index=index)
            .stdout.splitlines()]
    assert "增长8%" in hits[0]["text"]
    extra.unlink()
    pruned = run_kb("ingest", str(docs), "--prune", index=index)
    assert "1 pruned" in pruned.stdout
    assert json.loads(run_kb("stats", "--json", index=index).stdout)["documents"] == 1
    assert run_kb("check", index=index).returncode == 0


def test_any_sentence_transformers_model_offline(tmp_path):
    """--model takes a sentence-transformers model; the bundled MiniLM proves the path offline."""
    docs, index = _speech_index(tmp_path, "--model", "all-MiniLM-L6-v2")
    stats = json.loads(run_kb("stats", "--json", index=index).stdout)
    assert stats["model"] == "all-MiniLM-L6-v2" and stats["dim"] == 384
    hit = run_kb("ask", "凤凰工业园", "--json", "-k", "1", index=index)
    assert hit.returncode == 0 and "凤凰工业园" in json.loads(hit.stdout.splitlines()[0])["text"]
    mixed = run_kb("ingest", str(docs), "--model", "use-multilingual-v3", index=index)
    assert mixed.returncode == 1 and "--rebuild" in mixed.stderr


@pytest.mark.parametrize("draft, years", [
    ("保持人民币汇率在合理均衡水平上基本稳定", {"2021", "2022", "2023", "2024", "2025"}),
    ("支持工会共青团妇联等群团组织发挥作用", {"2019", "2021", "2022", "2023", "2024", "2025"}),
    ("坚持不搞大水漫灌式的强刺激", {"2017", "2018", "2019"}),
])
def test_phrase_folds_a_formula_repeated_across_years_into_one_row(opened, draft, years):
    from kb.phrase import phrase

    rows = phrase(opened, draft, k=5)
    folded = [r for r in rows if years <= {o["year"] for o in r["occurrences"]}]
    assert folded, [(r["text"], [o["year"] for o in r["occurrences"]]) for r in rows]
    row = folded[0]
    assert row["year"] == max(o["year"] for o in row["occurrences"])  # newest wording shown


def test_check_reports_a_changed_source_and_a_vector_count_mismatch(tmp_path):
    docs, index = _speech_index(tmp_path)
    with open(docs / SPEECH.name, "a", encoding="utf-8") as fh:
        fh.write("\n新增一段。")
    changed = run_kb("check", index=index)
    assert changed.returncode == 0 and "changed since ingest" in changed.stdout and "kb ingest" in changed.stdout
    import faiss

    path = next(index.glob("passages.*.faiss"))
    vectors = faiss.read_index(str(path))
    vectors.remove_ids(np.array([int(faiss.vector_to_array(vectors.id_map)[0])], dtype=np.int64))
    faiss.write_index(vectors, str(path))
    resized = run_kb("check", index=index)
    assert resized.returncode == 1 and "the index recorded" in resized.stdout and "--rebuild" in resized.stdout
    from kb.store import Store

    store = Store.open(index)
    store.record_files(index, int(store.meta("generation")))  # same size as recorded now
    store.close()
    broken = run_kb("check", index=index)
    assert broken.returncode == 1 and "vectors in FAISS" in broken.stdout and "--rebuild" in broken.stdout


def test_phrase_filters_keep_rows_and_their_occurrences_within_the_filter(corpus_index):
    result = run_kb("phrase", "稳就业 扩大就业", "--since", "2024", "--type", "报告", "--json", index=corpus_index)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert rows
    for row in rows:
        assert row["year"] >= "2024"
        assert all(o["year"] >= "2024" for o in row["occurrences"])


def test_e5_model_by_its_alias(tmp_path):
    """--model e5 builds with multilingual-e5-small, records its full name, and an index
    keeps its model: asking or adding with another one is a one-line refusal."""
    docs, index = _speech_index(tmp_path, "--model", "e5")
    stats = json.loads(run_kb("stats", "--json", index=index).stdout)
    assert stats["model"] == "multilingual-e5-small" and stats["dim"] == 384
    hit = run_kb("ask", "园区管理体制改革", "--json", "-k", "1", "--model", "e5", index=index)
    assert hit.returncode == 0 and "园区管理体制改革" in json.loads(hit.stdout.splitlines()[0])["text"]
    rows = [json.loads(x) for x in run_kb("phrase", "给园区松绑、改革管理方式的表述", "--json", "-k", "3",
                                          index=index).stdout.splitlines()]
    assert any("园区管理体制改革" in r["text"] for r in rows)
    other = run_kb("ask", "产值", "--model", "use-multilingual-v3", index=index)
    assert other.returncode == 1 and "multilingual-e5-small" in other.stderr and "Traceback" not in other.stderr
    again = run_kb("ingest", str(docs), index=index)
    assert again.returncode == 0 and "1 unchanged" in again.stdout
