#!/usr/bin/env python3
"""Load on `kb serve`: N requests from C concurrent clients on the shipped corpus, loopback only.

A mix of what an office sends (ask 60 %, phrase 25 %, commitments 15 %), every answer must
be a 200; prints p50, p95 and the throughput and writes bench/serve-results.json.

    python bench/serve_load.py                      # builds ./index from corpus/ if needed
    python bench/serve_load.py --index /tmp/idx --requests 200 --clients 8
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "serve-results.json"
HOST = "127.0.0.1"  # loopback only: this benchmark never sends traffic off the machine

ASKS = ["园区电动车这块今年能做出多少产值", "国务院常务会议一个月召开几次", "海拉尔2013年政府投入多少引导资金保障蔬菜供应",
        "新能源汽車產業鏈", "数字经济核心产业增加值占GDP比重", "稳就业的政策措施", "生态冶炼争取实现产值×亿元",
        "人工智能产业发展目标", "减税降费规模", "202x年园区规上工业总产值"]
PHRASES = ["坚持不搞“大水漫灌”式强刺激", "稳中求进工作总基调", "就业是最大的民生", "大力发展新质生产力"]
COMMITMENTS = [{}, {"year": "202x"}, {"cluster": "新能源汽车", "kind": "all"}, {"year": "2025"}]


def request_mix(n: int) -> list[tuple[str, dict]]:
    """n requests, the same mix every run: 12 of every 20 ask, 5 phrase, 3 commitments."""
    out: list[tuple[str, dict]] = []
    for i in range(n):
        slot = i % 20
        if slot < 12:
            out.append(("/api/ask", {"q": ASKS[i % len(ASKS)], "k": 5}))
        elif slot < 17:
            out.append(("/api/phrase", {"q": PHRASES[i % len(PHRASES)], "k": 10}))
        else:
            out.append(("/api/commitments", COMMITMENTS[i % len(COMMITMENTS)]))
    return out


def timed_get(base: str, path: str, params: dict) -> tuple[float, int]:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}" if params else base + path
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return time.perf_counter() - start, status


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(index: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--index", str(index), "--host", HOST,
                                "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if timed_get(base, "/api/stats", {})[1] == 200:
                return process, base
        except (urllib.error.URLError, ConnectionError):
            pass
        if process.poll() is not None:
            break
        time.sleep(0.3)
    process.kill()
    raise SystemExit(f"kb serve did not start: {process.stderr.read().decode(errors='replace')}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def run(base: str, requests: int, clients: int) -> dict:
    mix = request_mix(requests)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        answers = list(pool.map(lambda item: (item[0], *timed_get(base, *item)), mix))
    wall = time.perf_counter() - start
    errors = [(path, status) for path, _, status in answers if status != 200]
    latency = {}
    for kind in ("/api/ask", "/api/phrase", "/api/commitments", None):
        times = [t for path, t, _ in answers if kind is None or path == kind]
        latency[kind.rsplit("/", 1)[1] if kind else "all"] = {
            "n": len(times), "p50_ms": round(1000 * statistics.median(times), 1),
            "p95_ms": round(1000 * percentile(times, 0.95), 1)}
    return {"requests": requests, "clients": clients, "errors": len(errors), "wall_s": round(wall, 2),
            "requests_per_s": round(requests / wall, 1), "latency": latency}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=ROOT / "index")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not (args.index / "kb.sqlite").exists():  # kb.store.DB_NAME
        subprocess.run([sys.executable, str(ROOT / "cli.py"), "ingest", str(ROOT / "corpus"), "--index",
                        str(args.index), "-q"], check=True)
    process, base = start_server(args.index)
    try:
        stats = json.loads(urllib.request.urlopen(base + "/api/stats", timeout=60).read())
        result = run(base, args.requests, args.clients)
    finally:
        process.terminate()
        process.wait(timeout=30)
    result.update({"documents": stats["documents"], "passages": stats["passages"], "model": stats["model"],
                   "cores": os.cpu_count(), "python": platform.python_version()})
    for kind, figures in result["latency"].items():
        print(f"{kind:12} n={figures['n']:4}  p50 {figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms")
    print(f"{result['requests']} requests from {result['clients']} clients in {result['wall_s']} s "
          f"({result['requests_per_s']} req/s), {result['errors']} errors")
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if result["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
