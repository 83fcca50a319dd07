"""The `kb serve` page in real headless Chromium (Debian's, driven by playwright): a person
types a question, reads the results, opens a target's trace and the parks to confirm, looks up a
formula's timeline.
No console error may appear. The screenshot of the results is docs/img/serve.png
(written there when KB_UPDATE_DOCS=1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, docs_artifact
from tests.test_server import running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOT = ROOT / "docs" / "img" / "serve.png"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (scripts/setup installs it)")
def test_a_person_searches_traces_and_reads_a_timeline(corpus_index, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    problems: list[str] = []
    with running_server(corpus_index) as client, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            page.goto(client.base + "/")
            page.wait_for_selector("#stats:has-text('篇文档')")

            page.fill("#q", "园区电动车这块今年能做出多少产值")
            page.click("#search-form button[type=submit]")
            first = page.locator("#results li").first
            first.wait_for()
            assert "202x年新能源汽车产业预计实现产值×亿元" in first.inner_text()
            assert "park-cluster-speech-202x-h1.txt:8" in first.locator(".source").inner_text()
            assert "三是加快新能源汽车产业发展" in first.locator(".section").inner_text()
            assert "产值" in first.locator("mark").all_inner_texts()  # the query's words are highlighted
            assert "集群 · 新能源汽车" in first.locator(".chip").all_inner_texts()
            screenshot = docs_artifact(SCREENSHOT, tmp_path)
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))

            first.locator("button.chip.target").first.click()  # open the target's trace
            trace = page.locator("#trace")
            trace.locator(".paragraph").wait_for()
            assert page.locator("#tab-auditors").is_visible()
            assert trace.locator("mark.quote").inner_text() == "202x年新能源汽车产业预计实现产值×亿元"
            assert "新能源汽车产业" in trace.locator("mark.evidence").all_inner_texts()
            assert "“新能源汽车产业” @" in trace.inner_text()
            page.locator("#commitments tbody tr").first.wait_for()  # the table of commitments filled in
            page.click("#candidates summary")  # possible parks kb did not name, to confirm
            page.locator("#candidate-table tbody tr").first.wait_for()
            assert "卫星互联网产业园" in page.locator("#candidate-table").inner_text()

            page.click("nav button[data-tab=writers]")
            page.fill("#phrase-q", "大水漫灌")
            page.check("#exact")
            page.click("#phrase-form button[type=submit]")
            page.locator("#timeline .bars").wait_for()
            assert "最早见于 2017 年" in page.locator("#timeline").inner_text()
            assert page.locator("#timeline .bar").count() >= 5
        finally:
            browser.close()
    assert problems == []
