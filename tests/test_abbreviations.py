"""Abbreviations mined from real corpus sentences: spans exact, traditional and half-width forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.abbreviations import expansions, mine, policy_thesaurus

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def pairs(text: str) -> list[tuple[str, str]]:
    return [(a.short, a.full) for a in mine(text)]


@pytest.mark.parametrize(("sentence", "short", "full"), [
    ("第二条 本条例适用于经国务院批准设立的北京经济技术开发区（以下简称开发区）。", "开发区", "北京经济技术开发区"),
    ("第八条 市人民政府设立北京经济技术开发区管理委员会（以下简称开发区管委会），代表市人民政府",
     "开发区管委会", "北京经济技术开发区管理委员会"),
    ("第二条 本条例适用于经国务院批准设立的中国（上海）自由贸易试验区（以下简称“自贸试验区”）。",
     "自贸试验区", "中国（上海）自由贸易试验区"),
    ("第四十三条 药品和医疗器械网络交易平台经营者（以下简称平台经营者）应当遵守国家", "平台经营者", "药品和医疗器械网络交易平台经营者"),
    ("第一条　根据《中华人民共和国个人所得税法》（以下简称个人所得税法），制定本条例。",
     "个人所得税法", "中华人民共和国个人所得税法"),
    ("家医保局、国家卫生健康委、国家药监局组成国家组织药品集中采购和使用试点工作小组（以下简称试点工作小组），领导试点",
     "试点工作小组", "国家组织药品集中采购和使用试点工作小组"),
    ("从通过质量和疗效一致性评价（含按化学药品新注册分类批准上市，简称一致性评价，下同）的仿制药中",
     "一致性评价", "质量和疗效一致性评价"),
    ("实行“两头在外”（即原材料来源在外和产品销售市场在外）", "两头在外", "原材料来源在外和产品销售市场在外"),
    ("“两基”（基本普及九年义务教育和基本扫除青壮年文盲）", "两基", "基本普及九年义务教育和基本扫除青壮年文盲"),
    # traditional characters and half-width brackets
    ("建立外向型、開放型的新技術產業開發試驗區(以下簡稱試驗區)。", "試驗區", "新技術產業開發試驗區"),
])
def test_mines_short_and_full(sentence, short, full):
    assert (short, full) in pairs(sentence)


def test_spans_index_the_text_exactly():
    text = "　　本办法适用于经国务院批准设立的中国（上海）自由贸易试验区临港新片区（以下简称新片区）。"
    (abbr,) = mine(text)
    span = text[abbr.char_start:abbr.char_end]
    assert span.startswith(abbr.full) and span.endswith("（以下简称新片区）")


def test_book_title_full_form():
    text = "国务院批准的《中国（上海）自由贸易试验区总体方案》（以下简称“《总体方案》”）、《国"
    (abbr,) = mine(text)
    assert (abbr.short, abbr.full) == ("总体方案", "中国（上海）自由贸易试验区总体方案")
    assert text[abbr.char_start] == "《"


def test_definitions():
    text = "本条例所称自动驾驶汽车，是指可以由自动驾驶系统操作在道路上安全行驶的汽车，包括有条件自动驾驶汽车。"
    (abbr,) = mine(text)
    assert (abbr.kind, abbr.short, abbr.full) == ("definition", "自动驾驶汽车", "可以由自动驾驶系统操作在道路上安全行驶的汽车")
    assert text[abbr.char_start:abbr.char_end].endswith(abbr.full)


def test_undefined_shorthand_is_not_invented():
    text = "出台落实“两重”“两新”政策配套举措，争取超长期特别国债支持“两重”项目13个。"
    assert mine(text) == []


def test_expansions_both_ways_and_generic_shorts_dropped():
    text = ("一、原则同意《河北雄安新区总体规划（2018—2035年）》（以下简称《总体规划》）。"
            "《国家组织药品集中采购和使用试点方案》（以下简称《方案》）已经国务院同意。"
            "本条例适用于经国务院批准设立的中国（重庆）自由贸易试验区（以下简称自贸试验区）。")
    table = expansions(mine(text))
    assert table["自贸试验区"] == ["中国（重庆）自由贸易试验区"]
    assert table["中国（重庆）自由贸易试验区"] == ["自贸试验区"]
    assert "方案" not in table and "总体规划" not in table  # generic: every plan has one


def test_expansions_drop_shorts_with_many_meanings():
    text = "".join(f"{city}开发区管理委员会（以下简称管委会）。" for city in ("宁波", "北京", "上海", "天津"))
    assert "管委会" not in expansions(mine(text))
    assert "管委会" in expansions(mine(text), max_fulls=4)


def test_shipped_corpus_spans_are_exact():
    """Every abbreviation mined from the shipped corpus points at text holding both forms."""
    mined = 0
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for abbr in mine(text):
            span = text[abbr.char_start:abbr.char_end]
            assert abbr.short in span and abbr.full in span, (path.name, abbr)
            mined += 1
    assert mined >= 10


def test_policy_thesaurus_is_small_and_symmetric():
    table = policy_thesaurus()
    assert "个人所得税" in table["个税"] and "个税" in table["个人所得税"]
    assert "规模以上" in table["规上"]
    assert "cpi" in table  # folded like the index (lower case)
    lines = [ln for ln in (Path(__file__).resolve().parent.parent / "kb" / "data" / "policy_thesaurus.txt")
             .read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(lines) <= 150
