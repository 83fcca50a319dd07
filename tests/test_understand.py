"""Query understanding and places: real titles and issuing bodies from corpus/SOURCES.tsv,
short forms, traditional characters, full-width digits and 202x placeholders."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kb.places import NATIONAL, place_of_document, places_in
from kb.understand import DocMeta, doc_type_in, mark_latest, preference, understand

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def names(text: str) -> list[str]:
    return [p.name for p in places_in(text)]


@pytest.mark.parametrize(("query", "expected"), [
    ("安徽今年的经济增长目标定在多少", ["安徽省"]),
    ("皖北地区的产业转移", ["安徽省"]),
    ("海拉尔2013年政府拿出多少钱引导蔬菜保供", ["海拉尔区"]),
    ("内蒙古自治区的草原生态补奖", ["内蒙古自治区"]),
    ("廣東省發展新質生產力", ["广东省"]),
    ("阿坝州政务数据能不能收费", ["阿坝藏族羌族自治州"]),
    ("南京鼓楼区的老旧小区改造", ["南京市", "鼓楼区"]),
    ("2024年全国城镇新增就业目标", ["全国"]),
])
def test_places_in_questions(query, expected):
    assert names(query) == expected


@pytest.mark.parametrize("text", [
    "到2000年工农业产出比1980年增加三倍",  # 工农 is not 工农区
    "1984年决定进一步开放哪些沿海港口城市",  # 海港 is not 海港区
    "坚持和平发展道路",  # 和平 is not 和平区
    "推动新兴产业发展壮大",  # 新兴 is not 新兴县
    "统筹城乡和县域经济发展",  # 和县 across a word boundary
])
def test_ordinary_words_are_not_places(text):
    assert names(text) == []


def test_ambiguous_district_resolved_by_its_city():
    fuzhou = [p for p in places_in("福州市鼓楼区") if p.name == "鼓楼区"]
    assert [p.city for p in fuzhou] == ["福州市"]


def test_place_carries_level_and_parent_province():
    hailar = places_in("海拉尔区")[0]
    assert (hailar.level, hailar.province, hailar.city) == ("district", "内蒙古自治区", "呼伦贝尔市")
    assert hailar.within(places_in("内蒙古")[0]) and hailar.within(NATIONAL)
    assert not places_in("安徽")[0].within(hailar)


def sources() -> list[dict]:
    with (CORPUS / "SOURCES.tsv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


EXPECTED_ISSUER = {
    "gov-report-national-1954.txt": "全国", "gov-report-2025-anhui.txt": "安徽省",
    "gov-report-2025-chongqing.txt": "重庆市", "gov-report-hailar-district-2013.txt": "海拉尔区",
    "sc-2019-national-drug-centralized-procurement-pilot.txt": "全国",
    "local-reg-shenzhen-ai-industry-promotion.txt": "深圳市",
    "policy-aba-government-data-management.txt": "阿坝藏族羌族自治州",
    "policy-anhui-rcep-high-level-opening-2022.txt": "安徽省",
    "local-reg-henan-development-zones.txt": "河南省",
}


@pytest.mark.parametrize("with_catalog", [True, False])
def test_place_of_document_on_shipped_corpus(with_catalog):
    """From SOURCES.tsv's issuing body, and without it from the title and first lines alone."""
    rows = {r["file"]: r for r in sources()}
    for file, expected in EXPECTED_ISSUER.items():
        row = rows[file]
        head = (CORPUS / file).read_text(encoding="utf-8")[:400]
        place = place_of_document(row["title"], head, row if with_catalog else {})
        assert place is not None and place.name == expected, file


def test_anonymised_park_has_no_place():
    row = next(r for r in sources() if r["file"].startswith("park-cluster"))
    head = (CORPUS / row["file"]).read_text(encoding="utf-8")[:400]
    assert place_of_document(row["title"], head, row) is None


def test_document_number_names_the_province():
    body = {"issuing_body": "北京市经济和信息化局（京经信发〔2022〕87号）"}
    assert place_of_document("关于推进数据专区建设的指导意见", "", body).name == "北京市"
    assert place_of_document("某办公室关于印发实施意见的通知", "皖开放办〔2022〕6号", {}).name == "安徽省"


@pytest.mark.parametrize(("text", "years"), [
    ("2025年政府工作报告", [2025]),
    ("２０２５年廣東", [2025]),
    ("二〇二五年的目标", [2025]),
    ("九四年国务院提出", [1994]),
    ("五七年钢产量", [1957]),
    ("二三年的经济形势", [2023]),
    ("到2000年工农业产出比1980年增加三倍", [2000, 1980]),
    ("三五年内基本完成", []),
    ("近10年来", []),
    ("二十年来", []),
    ("投资4万亿元", []),
])
def test_years(text, years):
    assert list(understand(text, today_year=2025).years) == years


def test_understand_question():
    u = understand("安徽今年政府工作报告的增长目标", today_year=2025)
    assert (u.place.name, u.relative, u.offset, u.year, u.doc_type) == ("安徽省", "今年", 0, None, "报告")
    as_json = json.loads(json.dumps(u.to_json(), ensure_ascii=False))
    assert as_json["place"] == "安徽省" and as_json["relative"] == "今年" and as_json["doc_type"] == "报告"


def test_understand_full_width_traditional_and_placeholder():
    u = understand("２０２５年廣東省條例", today_year=2025)
    assert (u.year, u.place.name, u.doc_type) == (2025, "广东省", "条例")
    assert understand("园区202x年上半年的产值").year_placeholder == "202x"
    assert understand("园区202×年上半年的产值").year_placeholder == "202x"


def test_doc_type_is_the_last_type_word():
    assert doc_type_in("国务院办公厅关于印发《政府网站集约化试点工作方案》的通知") == "通知"
    assert doc_type_in("河南省开发区条例") == "条例"
    assert doc_type_in("国家和各地对生孩子的家庭有没有补贴") is None


ANHUI, JIANGSU = places_in("安徽省")[0], places_in("江苏省")[0]
HAILAR = places_in("海拉尔区")[0]


def docs() -> list[DocMeta]:
    return mark_latest([
        DocMeta("anhui-2025", "2025年安徽省政府工作报告", "2025", "报告", ANHUI),
        DocMeta("jiangsu-2025", "2025年江苏省政府工作报告", "2025", "报告", JIANGSU),
        DocMeta("national-2025", "2025年政府工作报告", "2025", "报告", NATIONAL),
        DocMeta("national-1994", "1994年政府工作报告", "1994", "报告", NATIONAL),
        DocMeta("hailar-2012", "2012年海拉尔区政府工作报告", "2012", "报告", HAILAR),
        DocMeta("hailar-2013", "2013年海拉尔区政府工作报告", "2013", "报告", HAILAR),
        DocMeta("hailar-2014", "2014年海拉尔区政府工作报告", "2014", "报告", HAILAR),
        DocMeta("hailar-2015", "2015年海拉尔区政府工作报告", "2015", "报告", HAILAR),
        DocMeta("park", "园区202x年上半年产业集群发展务虚会讲话", "202x", "讲话", None),
    ])


def scores(query: str) -> dict[str, float]:
    u = understand(query, today_year=2025)
    return {d.path: preference(u, d) for d in docs()}


def test_place_and_this_year_prefer_the_places_latest_report():
    s = scores("安徽今年的增长目标定在多少")
    assert s["anhui-2025"] == 1.0
    assert s["anhui-2025"] > s["jiangsu-2025"] and s["anhui-2025"] > s["national-2025"]
    assert all(0.0 <= v <= 1.0 for v in s.values())


def test_relative_years_count_from_the_documents_not_the_clock():
    this_year, last_year, year_before = scores("海拉尔今年"), scores("海拉尔去年"), scores("海拉尔前年")
    assert max(this_year, key=this_year.get) == "hailar-2015"  # latest of that place, not 2025
    assert last_year["hailar-2015"] == 1.0  # the latest report reviews last year
    assert year_before["hailar-2014"] == 1.0 > year_before["hailar-2015"]  # reviewed in the report before
    assert this_year["hailar-2012"] < this_year["hailar-2014"] < this_year["hailar-2015"]  # same place, older


def test_explicit_year_and_province_inside():
    s = scores("海拉尔2013年蔬菜保供")
    assert s["hailar-2013"] == 1.0 > s["hailar-2012"]
    assert scores("1994年政府工作报告")["national-1994"] == 1.0
    assert scores("内蒙古2013年")["hailar-2013"] > scores("内蒙古2013年")["anhui-2025"]


def test_a_decade_and_its_part_prefer_the_reports_of_those_years():
    """A question about 九十年代中期 (test-1's 八十年代末… is one) prefers 1993–1997, not 2025."""
    u = understand("九十年代中期国务院报告里讲的分税制", today_year=2025)
    assert u.period == (1993, 1997) and u.to_json()["period"] == [1993, 1997]
    s = scores("九十年代中期国务院报告里讲的分税制")
    assert s["national-1994"] == 1.0 > s["national-2025"]
    assert understand("上世纪五十年代").period == (1950, 1959)
    assert understand("1994年").period is None  # an explicit year wins
    assert understand("本世纪三十年代").period is None and understand("21世纪三十年代").period is None
    assert understand("八十年代末").names_place_or_time() and not understand("关于印发办法的通知").names_place_or_time()


def test_placeholder_year_and_nothing_understood():
    assert scores("园区202x年的产值")["park"] == 1.0
    assert scores("园区今年的产值")["park"] == 0.5
    assert set(scores("就业是最大的民生").values()) == {0.0}


def test_gazetteer_loads_fast_in_a_fresh_process():
    code = ("import time; t = time.perf_counter(); from kb.places import gazetteer; gazetteer(); "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) < 1.0
