"""`kb serve` as a client sees it: a real server process on a real index, over HTTP.

The JSON answers must equal `kb … --json` for the same query; bad requests get a 4xx
with one line of JSON; an ingest committing beside the server is seen at the next request.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT, SPEECH, run_kb

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

EMPLOYMENT = CORPUS / "sc-2018-employment-promotion.txt"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """A tiny HTTP client on the standard library: (status, headers, body) per request."""

    def __init__(self, base: str, token: str | None = None) -> None:
        self.base = base
        self.token = token

    def request(self, path: str, params: dict | None = None, body: bytes | None = None,
                headers: dict | None = None) -> tuple[int, dict, bytes]:
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        sent = dict(headers or {})
        if self.token:
            sent.setdefault("Authorization", f"Bearer {self.token}")
        if body is not None:
            sent.setdefault("Content-Type", "application/json")
        req = urllib.request.Request(url, data=body, headers=sent, method="POST" if body is not None else "GET")
        try:
            with urllib.request.urlopen(req, timeout=120) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def json(self, path: str, params: dict | None = None) -> dict:
        status, _, body = self.request(path, params)
        assert status == 200, body.decode()
        return json.loads(body)


@contextmanager
def running_server(index: Path, *options: str, wait_for: str = "/api/stats") -> Iterator[Client]:
    """`python cli.py serve` on a free port, as a user starts it; stopped on exit."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("KB_DEBUG", "KB_TOKEN", "KB_INDEX")}
    process = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--index", str(index),
                                "--port", str(port), *options], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    client = Client(f"http://127.0.0.1:{port}", token=None)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                client.request(wait_for)
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"kb serve did not start: {process.stderr.read()}") from None
                time.sleep(0.3)
        yield client
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(corpus_index) -> Iterator[Client]:
    with running_server(corpus_index) as client:
        yield client


def cli_lines(index: Path, *args: str) -> list[dict]:
    result = run_kb(*args, "--json", index=index)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


# ------------------------------------------------------------------ the same answers as the CLI


@pytest.mark.parametrize("question, options", [
    ("园区电动车这块今年能做出多少产值", {}),
    ("坚持不搞“大水漫灌”式强刺激，保持宏观政策连续性稳定性", {"k": 3, "mode": "lexical"}),
    ("新能源汽車產業鏈", {"k": 4, "year": "202x"}),  # traditional characters, the placeholder year
    ("生态冶炼产值×亿元", {"k": 3, "mode": "dense", "cluster": "锰系新材料"}),
])
def test_ask_answers_what_the_cli_answers(server, corpus_index, question, options):
    args = ["ask", question]
    for key, value in options.items():
        args += ["-k" if key == "k" else f"--{key}", str(value)]
    expected = cli_lines(corpus_index, *args)
    got = server.json("/api/ask", {"q": question, **options})
    assert expected, "the CLI found nothing: the comparison would prove nothing"
    assert got["results"] == expected
    assert got["query"] == question and got["words"]
    status, _, body = server.request("/api/ask", body=json.dumps({"q": question, **options}).encode())
    assert status == 200 and json.loads(body)["results"] == expected


def test_phrase_and_its_timeline_answer_what_the_cli_answers(server, corpus_index):
    text = "坚持不搞大水漫灌式强刺激"
    expected = cli_lines(corpus_index, "phrase", text, "-k", "3")
    got = server.json("/api/phrase", {"q": text, "k": 3})
    assert got["results"] == expected and len(expected) == 3
    assert {o["year"] for o in expected[0]["occurrences"]} >= {"2017", "2018", "2019"}

    exact = cli_lines(corpus_index, "phrase", "大水漫灌", "--exact", "--since", "2018")
    assert server.json("/api/phrase", {"q": "大水漫灌", "exact": "true", "since": "2018"}) == exact[0]
    assert exact[0]["count"] >= 2 and "2017" not in exact[0]["per_year"]


def test_commitments_json_and_csv_download_equal_the_cli(server, corpus_index):
    expected = cli_lines(corpus_index, "commitments", "--year", "202x")
    assert expected and server.json("/api/commitments", {"year": "202x"})["results"] == expected

    csv_cli = run_kb("commitments", "--cluster", "新能源汽车", "--kind", "all", "--csv", index=corpus_index)
    status, headers, body = server.request("/api/commitments", {"cluster": "新能源汽车", "kind": "all",
                                                                "format": "csv"})
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert "attachment" in headers["content-disposition"]
    assert body.decode("utf-8").replace("\r\n", "\n") == csv_cli.stdout  # run_kb reads text: \r\n -> \n
    assert "202x年新能源汽车产业预计实现产值×亿元" in csv_cli.stdout


def test_trace_equals_the_cli_and_gives_context_on_request(server, corpus_index):
    rows = cli_lines(corpus_index, "commitments", "--doc", SPEECH.name)
    target = next(r for r in rows if r["metric"] == "新能源汽车产业产值")
    expected = cli_lines(corpus_index, "trace", str(target["id"]))[0]
    assert server.json(f"/api/trace/{target['id']}") == expected
    assert expected["quote"] == "202x年新能源汽车产业预计实现产值×亿元"
    assert expected["links"] and all(lk["evidence"] for lk in expected["links"])

    with_context = server.json(f"/api/trace/{target['id']}", {"context": 50})
    assert {k: v for k, v in with_context.items() if k not in ("before", "after")} == expected
    source = SPEECH.read_text(encoding="utf-8")
    a, b = expected["char_start"], expected["char_end"]
    assert with_context["before"] == source[a - 50:a] and with_context["after"] == source[b:b + 50]


@pytest.mark.parametrize("command, path", [("parks", "/api/parks"), ("clusters", "/api/clusters")])
def test_parks_and_clusters_equal_the_cli(server, corpus_index, command, path):
    expected = cli_lines(corpus_index, command)
    assert expected and server.json(path)["results"] == expected


def test_the_parks_csv_download_equals_the_cli(server, corpus_index):
    """Every column kb parks --csv writes (aliases and the park each lies within too)."""
    csv_cli = run_kb("parks", "--csv", index=corpus_index)
    status, headers, body = server.request("/api/parks", {"format": "csv"})
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.decode("utf-8").replace("\r\n", "\n") == csv_cli.stdout
    assert csv_cli.stdout.startswith("name,passages,targets,documents,docs,aliases,within\n")


def test_park_candidates_equal_the_cli(server, corpus_index):
    expected = cli_lines(corpus_index, "parks", "--candidates")
    assert expected and server.json("/api/parks/candidates")["results"] == expected


def test_stats_equal_the_cli(server, corpus_index):
    assert server.json("/api/stats") == cli_lines(corpus_index, "stats")[0]


def test_openapi_describes_every_endpoint(server):
    spec = server.json("/openapi.json")
    for path in ("/api/ask", "/api/phrase", "/api/commitments", "/api/trace/{target_id}", "/api/parks",
                 "/api/parks/candidates", "/api/clusters", "/api/stats"):
        assert path in spec["paths"], path
    ask_params = {p["name"] for p in spec["paths"]["/api/ask"]["get"]["parameters"]}
    assert ask_params == {"q", "k", "mode", "doc", "year", "park", "cluster"}


def test_the_page_and_its_files_are_served(server):
    status, headers, body = server.request("/")
    assert status == 200 and "检索" in body.decode("utf-8")
    for name in ("app.js", "style.css"):
        assert server.request(f"/static/{name}")[0] == 200


def test_concurrent_requests_get_the_sequential_answers(server):
    queries = ["园区电动车这块今年能做出多少产值", "国务院常务会议一个月召开几次", "海拉尔2013年蔬菜供应",
               "锰系新材料产业基地", "数字经济核心产业增加值"]
    sequential = {q: server.json("/api/ask", {"q": q, "k": 3})["results"] for q in queries}
    answers: list[tuple[str, int, bytes]] = []

    def client(offset: int) -> None:
        for i in range(5):
            q = queries[(offset + i) % len(queries)]
            status, _, body = server.request("/api/ask", {"q": q, "k": 3})
            answers.append((q, status, body))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 40
    for q, status, body in answers:
        assert status == 200, body
        assert json.loads(body)["results"] == sequential[q]


# ------------------------------------------------------------------ bad requests


@pytest.mark.parametrize("path, params, status, words", [
    ("/api/ask", {"q": ""}, 400, "empty"),
    ("/api/ask", {"q": "　 "}, 400, "empty"),  # a full-width space only
    ("/api/ask", {"q": "，。！？"}, 400, "punctuation"),
    ("/api/ask", {}, 422, "q"),
    ("/api/ask", {"q": "园区产值", "k": 10**9}, 422, "k"),
    ("/api/ask", {"q": "园区产值", "k": 0}, 422, "k"),
    ("/api/ask", {"q": "园区产值", "province": "安徽"}, 422, "unknown parameter 'province'"),
    ("/api/ask", {"q": "园区产值", "mode": "fuzzy"}, 422, "mode"),
    ("/api/phrase", {"q": "大水漫灌", "k": 5000}, 422, "k"),
    ("/api/commitments", {"kind": "plan"}, 422, "kind"),
    ("/api/commitments", {"region": "安徽"}, 422, "unknown parameter"),
    ("/api/trace/99999999", {}, 404, "no target 99999999"),
    ("/api/trace/abc", {}, 422, "target_id"),
    ("/api/trace/1", {"context": -1}, 422, "context"),
    ("/api/nothing", {}, 404, "/api/nothing"),
])
def test_bad_requests_get_a_4xx_and_one_line_of_json(server, path, params, status, words):
    got, headers, body = server.request(path, params)
    assert got == status, body
    assert headers["content-type"].startswith("application/json")
    data = json.loads(body)
    assert list(data) == ["error"] and "\n" not in data["error"] and words in data["error"]
    assert "Traceback" not in body.decode()


@pytest.mark.parametrize("body, status, words", [
    ('{"q": "园区'.encode(), 400, "malformed JSON"),
    (b'not json at all', 400, "malformed JSON"),
    (json.dumps({"q": "园区产值", "filters": {"park": "x"}}).encode(), 422, "unknown parameter 'filters'"),
    (json.dumps({"q": "园区产值", "k": 10**9}).encode(), 422, "k"),
])
def test_bad_json_bodies_get_a_4xx(server, body, status, words):
    got, _, answer = server.request("/api/ask", body=body)
    assert got == status, answer
    data = json.loads(answer)
    assert list(data) == ["error"] and words in data["error"]


# ------------------------------------------------------------------ token, missing index, live ingest


def test_a_token_guards_every_api_request(corpus_index):
    token = "office-7f3a9c"
    with running_server(corpus_index, "--token", token, wait_for="/") as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": token}):
            status, got_headers, body = client.request("/api/stats", headers=headers)
            assert status == 401 and "token" in json.loads(body)["error"]
            assert got_headers.get("www-authenticate") == "Bearer"
        assert client.request("/openapi.json")[0] == 401
        assert client.request("/api/stats", headers={"Authorization": f"Bearer {token}"})[0] == 200
        assert client.request("/")[0] == 200  # the page itself holds no data; it asks for the token


def test_missing_index_then_ingests_committing_while_the_server_answers(tmp_path):
    docs, index = tmp_path / "docs", tmp_path / "index"
    docs.mkdir()
    with running_server(index, wait_for="/") as client:
        status, _, body = client.request("/api/ask", {"q": "园区产值"})
        assert status == 404 and "no index" in json.loads(body)["error"]

        shutil.copy(SPEECH, docs / SPEECH.name)
        assert run_kb("ingest", str(docs), "-q", index=index).returncode == 0
        first = client.json("/api/ask", {"q": "促进就业工作的若干意见", "k": 5, "mode": "lexical"})
        assert {r["doc"] for r in first["results"]} == {SPEECH.name}

        answers: list[int] = []
        stop = threading.Event()

        def keep_asking() -> None:
            while not stop.is_set():
                answers.append(client.request("/api/ask", {"q": "园区电动车这块今年能做出多少产值", "k": 3})[0])

        asker = threading.Thread(target=keep_asking)
        asker.start()
        shutil.copy(EMPLOYMENT, docs / EMPLOYMENT.name)
        try:
            assert run_kb("ingest", str(docs), "-q", index=index).returncode == 0
        finally:
            stop.set()
            asker.join()
        assert answers and set(answers) == {200}

        after = client.json("/api/ask", {"q": "促进就业工作的若干意见", "k": 5, "mode": "lexical"})
        assert after["results"][0]["doc"] == EMPLOYMENT.name
        assert client.json("/api/stats")["documents"] == 2
