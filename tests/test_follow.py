"""Follow-through: targets paired with later results, on real sentences of the shared corpus
(national work reports and the Hailar district reports)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kb.follow import TargetRow, base_unit, follow, issuer_of, merge_ranges, unclaimed_results
from kb.metrics import match_metrics, metric_key, same_metric
from kb.report_html import render

_ids = iter(range(10_000))


def _row(kind: str, doc: str, doc_year: str, year: str, quote: str, metric: str, value: str, unit: str,
         qualifier: str = "", issuer: str = "全国", lead: str = "", start: int = 0) -> TargetRow:
    """A row as kb.targets gives it, with the document's issuer and year."""
    return TargetRow(f"r{next(_ids)}", doc, issuer, doc_year, kind, year, metric, value, None, unit, qualifier,
                     quote, start, start + len(quote), lead)


N13, N14 = "gov-report-national-2013.txt", "gov-report-national-2014.txt"
H12, H13 = "gov-report-hailar-district-2012.txt", "gov-report-hailar-district-2013.txt"


def test_met_target_national_jobs():
    target = _row("target", N13, "2013", "2013", "城镇新增就业900万人以上", "城镇新增就业", "900", "万人", "以上")
    result = _row("achievement", N14, "2014", "", "城镇新增就业1310万人", "新增就业", "1310", "万人")
    [pair] = follow([target], [result])
    assert (pair.status, pair.result, pair.year, pair.metric) == ("met", result, "2013", "城镇新增就业")
    assert pair.target_value == (9e6, 9e6) and pair.result_value == 1.31e7


def test_missed_target_hailar_gdp_and_its_growth_by_the_paragraph():
    lead = "2012年全区经济社会发展的预期目标是：地区生产总值达到240亿元，"
    level = _row("target", H12, "2012", "2012", "地区生产总值达到240亿元", "地区生产总值", "240", "亿元",
                 issuer="海拉尔区")
    growth = _row("target", H12, "2012", "2012", "同比增长21%", "同比", "21", "%", issuer="海拉尔区", lead=lead)
    results = [
        _row("achievement", H13, "2013", "", "全年地区生产总值完成235.2亿元", "地区生产总值", "235.2", "亿元",
             issuer="海拉尔区"),
        _row("achievement", H13, "2013", "", "同比增长18.5%", "同比", "18.5", "%", issuer="海拉尔区",
             lead="经济实力明显增强。全年地区生产总值完成235.2亿元，"),
    ]
    pairs = follow([level, growth], results)
    assert [(p.status, p.result.value) for p in pairs] == [("not_met", "235.2"), ("not_met", "18.5")]
    assert pairs[1].metric == "生产总值"


def test_range_split_by_the_extractor_is_joined_and_partly_met():
    # 2019 report: 国内生产总值增长6%－6.5%; the 2020 review reported 增长6.1%
    low = _row("target", "gov-report-national-2019.txt", "2019", "2019", "国内生产总值增长6%", "国内生产总值", "6", "%",
               start=100)
    high = _row("target", "gov-report-national-2019.txt", "2019", "2019", "－6.5%", "", "6.5", "%", start=111)
    [merged] = merge_ranges([low, high])
    assert merged.value == "6-6.5" and merged.quote == "国内生产总值增长6%－6.5%"
    for result_value, status in (("6.1", "partly"), ("6.7", "met"), ("5.9", "not_met")):
        result = _row("achievement", "gov-report-national-2020.txt", "2020", "2019", f"国内生产总值增长{result_value}%",
                      "国内生产总值", result_value, "%")
        [pair] = follow([low, high], [result])
        assert pair.status == status, result_value


def test_unit_conversion_wan_yi_and_percentage_points():
    assert base_unit("万亿元") == ("元", 1e12) and base_unit("亿元") == ("元", 1e8)
    assert base_unit("个百分点") == ("%", 1.0) and base_unit("万人") == ("人", 1e4)
    target = _row("target", N13, "2013", "2013", "今年拟安排财政赤字1.2万亿元", "财政赤字", "1.2", "万亿元")
    result = _row("achievement", N14, "2014", "2013", "财政赤字12000亿元", "财政赤字", "12000", "亿元")
    [pair] = follow([target], [result])
    assert pair.status == "met" and pair.result_value == pytest.approx(1.2e12)


def test_growth_5_2_against_about_5_and_user_tolerance():
    target = _row("target", "gov-report-national-2023.txt", "2023", "2023", "国内生产总值增长5%左右", "国内生产总值",
                  "5", "%", "左右")
    result = _row("achievement", "gov-report-national-2024.txt", "2024", "", "国内生产总值超过126万亿元，增长5.2%",
                  "国内生产总值", "5.2", "%")
    [pair] = follow([target], [result])
    assert pair.status == "met"
    # M2 is a reference value: 13%左右 against 13.6% is outside ±0.5 points, inside ±1
    m2 = _row("target", N13, "2013", "2013", "广义货币M2预期增长目标拟定为13%左右", "广义货币M2预期", "13", "%", "左右")
    reached = _row("achievement", N14, "2014", "", "广义货币M2增长13.6%", "广义货币M2", "13.6", "%")
    assert follow([m2], [reached])[0].status == "not_met"
    assert follow([m2], [reached], tolerance=1.0)[0].status == "met"


def test_metric_named_two_ways_and_traditional_characters():
    assert same_metric("城镇新增就业", "新增城镇就业")
    assert same_metric("居民消费价格涨幅", "居民消费价格上涨") and same_metric("CPI", "居民消费价格")
    assert same_metric("國內生產總值", "国内生产总值")
    assert not same_metric("城镇登记失业率", "城镇调查失业率")
    assert not same_metric("中西部地区生产总值比重", "地区生产总值")
    target = _row("target", "gov-report-national-2021.txt", "2021", "2021", "居民消费价格涨幅3%左右", "居民消费价格", "3",
                  "%", "左右")
    result = _row("achievement", "gov-report-national-2022.txt", "2022", "", "居民消费价格上涨0.9%", "居民消费价格",
                  "0.9", "%")
    assert follow([target], [result])[0].status == "met"  # a price ceiling: below it is met
    pairs, left, right = match_metrics(["城镇人均可支配收入", "棚户区改造"], ["城镇居民人均可支配收入", "保障性住房"])
    assert pairs == [("城镇人均可支配收入", "城镇居民人均可支配收入")] and left == ["棚户区改造"] and right == ["保障性住房"]


def test_no_report_and_unmatched_results_are_shown_not_forced():
    target = _row("target", "gov-report-national-2017.txt", "2017", "2017", "城镇登记失业率4.5%以内", "失业率", "4.5", "%",
                  "以内")
    five_years = _row("achievement", "gov-report-national-2018.txt", "2018", "", "城镇新增就业6600万人以上", "城镇新增就业",
                      "6600", "万人", "以上", lead="五年来，经济实力跃上新台阶。")
    other = _row("achievement", "gov-report-national-2018.txt", "2018", "2017", "实际使用外资1363亿美元", "实际使用外资",
                 "1363", "亿美元")
    jobs = _row("target", "gov-report-national-2017.txt", "2017", "2017", "城镇新增就业1100万人以上", "城镇新增就业",
                "1100", "万人", "以上")
    pairs = follow([target, jobs], [five_years, other])
    assert [p.status for p in pairs] == ["no_report", "no_report"]  # 6600万 is five years' total
    assert unclaimed_results(pairs, [five_years, other]) == [five_years, other]


def test_issuer_from_the_document_never_mixed():
    assert issuer_of("2013年海拉尔区政府工作报告", "呼伦贝尔市海拉尔区人民政府") == "海拉尔区"
    assert issuer_of("2014年中华人民共和国国务院政府工作报告", "国务院（向全国人民代表大会所作报告）") == "全国"
    assert issuer_of("2025年安徽省政府工作报告", "安徽省人民政府") == "安徽省"
    assert issuer_of("202x年上半年园区工作讲话", "") == ""
    national = _row("target", "gov-report-national-2024.txt", "2024", "2024", "国内生产总值增长5%左右", "国内生产总值",
                    "5", "%", "左右")
    province = _row("achievement", "gov-report-2025-anhui.txt", "2025", "2024", "地区生产总值增长5.8%", "地区生产总值",
                    "5.8", "%", issuer="安徽省")
    assert follow([national], [province])[0].status == "no_report"


def test_growth_target_with_only_a_level_result_is_not_comparable():
    target = _row("target", H12, "2012", "2012", "社会消费品零售总额达到100.8亿元，同比增长20％", "社会消费品零售总额", "20",
                  "％", issuer="海拉尔区")
    result = _row("achievement", H13, "2013", "", "全年社会消费品零售总额完成97.9亿元", "社会消费品零售总额", "97.9", "亿元",
                  issuer="海拉尔区")
    [pair] = follow([target], [result])
    assert pair.status == "not_comparable" and pair.result is result
    basis = _row("target", "gov-report-hailar-district-2014.txt", "2014", "2014", "农民人均纯收入增长14%", "收入", "14", "%",
                 issuer="海拉尔区")
    other_basis = _row("achievement", "x.txt", "2015", "2014", "农村居民人均可支配收入增长9%", "收入", "9", "%",
                       issuer="海拉尔区")
    assert follow([basis], [other_basis])[0].status == "not_comparable"
    assert metric_key("农民人均纯收入").family == metric_key("农村居民人均可支配收入").family


def _report_pairs():
    rows = [
        _row("target", N13, "2013", "2013", "国内生产总值增长7.5%左右", "国内生产总值", "7.5", "%", "左右"),
        _row("achievement", N14, "2014", "", "国内生产总值达到56.9万亿元，比上年增长7.7%", "国内生产总值", "7.7", "%"),
        _row("target", N14, "2014", "2014", "国内生产总值增长7.5%左右", "国内生产总值", "7.5", "%", "左右"),
        _row("achievement", "gov-report-national-2015.txt", "2015", "", "国内生产总值达到63.6万亿元，比上年增长7.4%",
             "国内生产总值", "7.4", "%"),
        _row("target", H12, "2012", "2012", "地区生产总值达到240亿元", "地区生产总值", "240", "亿元", issuer="海拉尔区"),
        _row("achievement", H13, "2013", "", "全年地区生产总值完成235.2亿元", "地区生产总值", "235.2", "亿元",
             issuer="海拉尔区"),
        _row("target", N13, "2013", "2013", "城镇登记失业率低于4.6%", "失业率", "4.6", "%"),
    ]
    return follow(rows, rows)


def test_report_html_is_self_contained_with_quotes_and_charts():
    html = render(_report_pairs())
    assert "<h3>全国 2013年</h3>" in html and "<h3>海拉尔区 2012年</h3>" in html
    assert "国内生产总值达到56.9万亿元，比上年增长7.7%" in html and "gov-report-national-2014.txt" in html
    assert "已完成" in html and "未完成" in html and "未见报告" in html
    assert html.count("<svg") == 3  # one chart per issuer and metric, a target without result too
    assert "<script" not in html and not re.search(r'(?:src|href)="(?:https?:)?//', html)  # nothing fetched


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
def test_report_opens_in_headless_chromium_without_console_errors(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "follow.html"
    page_file.write_text(render(_report_pairs()), encoding="utf-8")
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(page_file.as_uri())
        assert page.locator("h3").first.inner_text() == "全国 2013年"
        assert page.locator("svg").count() == 3
        shot = tmp_path / "follow.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert errors == []
    assert shot.stat().st_size > 10_000
