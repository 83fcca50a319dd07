"""Known zones (kb/zones.py, kb/data/zones.tsv): names the rules cannot read, and one row per zone.

Sentences are quoted from the corpus (corpus/gov-report-2025-anhui.txt, -jiangsu.txt)."""

import sys

from kb.link import Linker
from kb.parks import canonical_parks, find_park_names
from kb.zones import KnownZone, Zone, ZoneGazetteer, known_zones

JIANGSU = ("开行中欧班列2286列、增长7.7%，中哈物流合作基地实现远洋干线、深水大港等互联贯通，"
           "中阿产能合作示范园新签约入园项目15个，柬埔寨西哈努克港经济特区入园企业达190家")
ANHUI = "推进智能终端、工业软件等技术攻关，高质量建设中国声谷、视谷、传感谷"


def _linked_parks(text: str) -> list[str]:
    linker = Linker.load()
    return [m.name for m in linker.mentions(text, 0, len(text)) if m.kind == "park" and not m.generic]


def test_a_kind_met_once_is_found_by_name():
    """基地, 谷 and a 经济特区 abroad are no kinds the rules read; the gazetteer knows these zones."""
    rules = [p.name for p in find_park_names(JIANGSU, [])]
    assert "中哈物流合作基地" not in rules and "柬埔寨西哈努克港经济特区" not in rules
    linked = _linked_parks(JIANGSU)
    assert {"中哈物流合作基地", "中阿产能合作示范园", "柬埔寨西哈努克港经济特区"} <= set(linked)
    assert "中国声谷" in _linked_parks(ANHUI)


def test_what_the_rules_found_is_not_found_twice():
    linked = _linked_parks(JIANGSU)
    assert linked.count("中阿产能合作示范园") == 1  # the rules' name, the gazetteer's skipped


def test_a_name_inside_a_longer_word_is_not_found():
    gazetteer = ZoneGazetteer([Zone("海丝法务区", (), (), "法务区", "福建", "")])
    assert [z.surface for z in gazetteer.find("建设海丝法务区，", [])] == ["海丝法务区"]
    assert gazetteer.find("建设海丝法务区，", [(2, 4)]) == []  # a span the rules took
    # jieba reads 开发区 here: a zone 发区 would start inside that word
    assert ZoneGazetteer([Zone("发区", (), (), "区", "", "")]).find("经济技术开发区", []) == []


def test_a_bare_kind_the_rules_found_inside_a_known_name_is_that_name():
    """示范区 alone is the rules' generic kind; inside 博鳌近零碳示范区 it is that zone's
    (corpus/../gov-report-2025-hainan.txt); offsets are the text's, not the clause's."""
    text = "前言。三是博鳌近零碳示范区减碳96.2%"
    parks = [m for m in Linker.load().mentions(text, 3, len(text)) if m.kind == "park"]
    assert [(m.name, m.generic) for m in parks] == [("博鳌近零碳示范区", False)]
    assert text[parks[0].start:parks[0].end] == "博鳌近零碳示范区"


def test_a_name_jieba_joins_to_a_preposition_or_a_place_word_is_found():
    """在于/家堡, 金融/区内 as jieba cuts them: the preposition and the place word stand outside."""
    assert [z.surface for z in known_zones().find("支持企业在于家堡金融区落地", [])] == ["于家堡金融区"]
    assert [z.surface for z in known_zones().find("于家堡金融区内企业营收增长", [])] == ["于家堡金融区"]


def test_a_bare_name_is_never_found_alone():
    """临港 is a zone and a modifier (临港产业); bare forms only fold into their zone's row."""
    gazetteer = ZoneGazetteer([Zone("中国（上海）自由贸易试验区临港新片区", ("临港新片区",), ("临港",), "片区", "上海", "")])
    assert gazetteer.find("大力发展临港产业，", []) == []
    assert gazetteer.find("推进临港新片区建设", []) == [
        KnownZone("临港新片区", gazetteer.zones[0], 2, 7)]


def test_forms_of_one_zone_fold_to_one_row_within_a_document():
    rows = canonical_parks({"a.txt": ["前海合作区", "深圳前海深港现代服务业合作区"]})
    assert len(rows) == 1
    (row,) = rows.values()
    assert {row.name, *row.aliases} == {"前海合作区", "深圳前海深港现代服务业合作区"}


def test_a_short_form_without_a_place_does_not_fold_across_documents():
    """Anhui's 中德产业园 is not Shenyang's 中德（沈阳）高端装备制造产业园, though the list gives
    the short form to Shenyang's."""
    assert known_zones().identity("中德产业园") == "中德（沈阳）高端装备制造产业园"
    rows = canonical_parks({"anhui.txt": ["中德产业园"], "liaoning.txt": ["中德（沈阳）高端装备制造产业园"]})
    assert len(rows) == 2


def test_spellings_park_key_folds_still_fold():
    """A listed form and an unlisted spelling of it (经开区 / 经济技术开发区) are one row, as before."""
    assert len(canonical_parks({"a.txt": ["天津西青经开区"], "b.txt": ["天津西青经济技术开发区"]})) == 1
    assert len(canonical_parks({"a.txt": ["天津西青经开区", "天津西青经济技术开发区"]})) == 1


def test_a_form_of_several_zones_does_not_fold():
    """张江 stands for 张江科学城 and for 上海张江国家自主创新示范区 alike."""
    assert known_zones().identity("张江") is None
    assert len(canonical_parks({"a.txt": ["张江", "张江科学城"]})) == 2


def test_what_the_build_keeps_and_leaves_out():
    """Zones jionlp lists as units stay; districts, ports, corridors, platforms and pilots go;
    a zone two helpers wrote under two names is one row."""
    gazetteer = known_zones()
    assert len(gazetteer.zones) > 2000
    for kept in ("苏州工业园区", "郑州航空港经济综合实验区", "中国声谷", "柬埔寨西哈努克港经济特区"):
        assert gazetteer.knows(kept), kept
    for left_out in ("浦东新区", "武汉新港", "杭州城西科创大走廊", "秦创原创新驱动平台", "义乌市国际贸易综合改革试点",
                     "庆阳数据中心集群", "科学岛", "高新区"):
        assert not gazetteer.knows(left_out), left_out
    by_form: dict[tuple[str, str], str] = {}
    for zone in gazetteer.zones:
        for form in (zone.name, *zone.aliases):
            assert by_form.setdefault((zone.province, form), zone.name) == zone.name, form


def test_the_shipped_file_is_what_the_build_script_makes_of_the_parts():
    """kb/data/zones.tsv is never edited by hand: it is scripts/build_zones.py's output."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("build_zones", root / "scripts" / "build_zones.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules["build_zones"] = build  # its dataclass looks its module up
    try:
        spec.loader.exec_module(build)
        zones = build.read_parts(list(build.PARTS.glob("part-*.tsv")))
    finally:
        del sys.modules["build_zones"]
    assert build.render(zones) == (root / "kb" / "data" / "zones.tsv").read_text(encoding="utf-8")


def test_a_bare_form_is_a_candidate_where_the_document_names_no_form_of_its_zone():
    from kb.park_candidates import candidate_parks

    sentence = "前海实施14项全国“首创”、“首批”金融政策"  # corpus/gov-report-2025-guangdong.txt
    assert [c.name for c in candidate_parks(sentence)] == ["前海"]
    assert candidate_parks(sentence, {"前海合作区"}) == []  # the document names the zone
    assert candidate_parks("支持前海深港现代服务业合作区、河套深港科技创新合作区建设") == []  # inside names


def test_a_form_folded_in_one_document_keeps_every_document_in_one_row():
    """Folding within a document must not split a name across rows, nor drop a document."""
    rows = canonical_parks({"a.txt": ["前海合作区"], "b.txt": ["前海合作区", "前海合作区", "深圳前海深港现代服务业合作区"]})
    assert len(rows) == 1
    (row,) = rows.values()
    assert sorted(row.docs) == ["a.txt", "b.txt"]
    xiongan = canonical_parks({"plan.txt": ["河北雄安新区"] * 3 + ["雄安新区"] * 17, "report.txt": ["雄安新区"]})
    assert [sorted(r.docs) for r in xiongan.values()] == [["plan.txt", "report.txt"]]


def test_a_generic_kind_overlapping_a_known_name_is_dropped():
    """jieba reads 产业园/区: the rules' generic 产业园区 overlaps 自贡航空产业园, which is the name."""
    text = "支持自贡航空产业园区建设"
    parks = [(m.name, m.generic) for m in Linker.load().mentions(text, 0, len(text)) if m.kind == "park"]
    assert ("产业园区", True) not in parks


def test_a_zone_two_helpers_wrote_under_two_provinces_is_one():
    assert known_zones().identity("深哈产业园") is not None
    assert len(canonical_parks({"d.txt": ["深哈产业园", "深圳（哈尔滨）产业园区"]})) == 1


def test_a_bare_candidate_overlaps_no_candidate_and_checks_every_zone_it_may_be():
    from kb.park_candidates import candidate_parks

    assert [c.name for c in candidate_parks("推动前海国际陆港建设")] == ["前海国际陆港"]
    assert candidate_parks("张江改革深化", {"张江科学城"}) == []  # 张江 may be the science city, named


def test_a_kind_the_document_defines_as_a_short_name_is_no_candidate():
    """The issue's 领导自贸试验区: where 自贸试验区 is the document's short name for its zone
    (../shared/corpus/local-reg-chongqing-pilot-free-trade-zone.txt), it is no candidate."""
    from kb.park_candidates import candidate_parks, document_candidates

    definition = "第二条 本条例适用于经国务院批准设立的中国（重庆）自由贸易试验区（以下简称自贸试验区）。\n"
    use = "第七条 工作领导小组（以下简称领导小组）负责组织领导自贸试验区全面建设，统筹协调自贸试验区重大事项。"
    assert "领导自贸试验区" in [c.name for c in candidate_parks(use)]
    assert document_candidates(definition + use, ["中国（重庆）自由贸易试验区"]) == []


def test_a_list_of_platforms_names_its_bare_zones():
    """A bare form alone is a candidate (临港产业 is no zone), but a list that ends 等重大合作平台 or
    三大平台 says what its members are: each, as written, with its city or one short of its kind (南沙
    of 南沙新区). A list with a member that is no known zone names nothing."""
    assert _linked_parks("要主动对接横琴、前海、南沙等重大合作平台") == ["横琴", "前海", "南沙"]
    assert _linked_parks("广州南沙、深圳前海、珠海横琴三大平台改革红利加快释放") == ["广州南沙", "深圳前海", "珠海横琴"]
    assert _linked_parks("加强与前海深港现代服务业合作区、南沙等重大合作平台对接") == ["前海深港现代服务业合作区", "南沙"]
    assert _linked_parks("对接前海、苏州等重大合作平台") == []
    assert _linked_parks("前海等重大合作平台") == []  # one bare form, no list
    assert _linked_parks("发展临港产业，对接前海") == []
