"""Build kb/data/places.tsv, the compact gazetteer kb.places loads, from jionlp's china_location.

jionlp (MIT, https://github.com/dongrixinyu/JioNLP) keeps China's administrative divisions
(province, city, county/district) with each one's usual short name. Importing jionlp at query
time costs seconds and hundreds of MB, and `kb ask` runs in a fresh process, so the three upper
levels are derived once into a small TSV that ships with kb and loads in milliseconds.

    pip download --no-deps jionlp==1.5.31 -d /tmp/jio
    python scripts/build_places.py --wheel /tmp/jio/jionlp-1.5.31-py2.py3-none-any.whl

Without --wheel, an installed jionlp is read (its data file only: jionlp is never imported).
Short names that are everyday words as well (和平, 新华, 开发, 大同 …) are dropped by jieba's
part-of-speech tag, so a question saying 和平发展 does not name 和平区; full names stay.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import jieba

OUT = Path(__file__).resolve().parent.parent / "kb" / "data" / "places.tsv"
LOCATION_MEMBER = "jionlp/dictionary/china_location.zip"

# jieba tags of words that are ordinary vocabulary rather than place names: verbs, adjectives,
# adverbs, place-words (东方, 郊区), other proper nouns (新华, 和平). Plain nouns (n) are kept
# only when rare, since jieba tags many real places n (合肥, 鼓楼).
COMMON_WORD_TAGS = {"v", "vn", "vd", "a", "an", "ad", "d", "s", "nz", "f", "m", "q", "t"}
COMMON_NOUN_FREQ = 1000
# A two-character county/district short form (新兴, 惠民, 太平, 平原 …) is most often an ordinary
# word; it is kept only when jieba does not know it or knows it as a rare place name (ns).
DISTRICT_SHORT_NS_FREQ = 500

# One-character province abbreviations (行政区划简称) as listed by the Ministry of Civil Affairs
# (民政部 行政区划 table, also jionlp.rule.rule_pattern.CHINA_PROVINCE_ALIAS for the set).
# They are recognised in document numbers (皖开放办〔2022〕6号) and, for the characters that are
# rarely anything else, in questions (QUERY_SAFE below).
PROVINCE_CHAR = {
    "北京市": "京", "天津市": "津", "上海市": "沪", "重庆市": "渝", "河北省": "冀", "山西省": "晋",
    "内蒙古自治区": "蒙", "辽宁省": "辽", "吉林省": "吉", "黑龙江省": "黑", "江苏省": "苏",
    "浙江省": "浙", "安徽省": "皖", "福建省": "闽", "江西省": "赣", "山东省": "鲁", "河南省": "豫",
    "湖北省": "鄂", "湖南省": "湘", "广东省": "粤", "广西壮族自治区": "桂", "海南省": "琼",
    "四川省": "川", "贵州省": "黔", "云南省": "滇", "西藏自治区": "藏", "陕西省": "陕",
    "甘肃省": "甘", "青海省": "青", "宁夏回族自治区": "宁", "新疆维吾尔自治区": "新",
    "香港特别行政区": "港", "澳门特别行政区": "澳", "台湾省": "台",
}
QUERY_SAFE = set("沪渝冀皖闽赣鲁豫鄂湘粤琼黔滇")

# Inner Mongolia's banners (and 喀左) are written short by their first character, side and part, as
# their own documents write them: 科左中旗, 察右前旗, 土右旗, 乌前旗, 阿左旗, 喀左县.
_BANNER = re.compile(r"^(.)[^左右前中后]+?(?:(左|右)翼?)?(前|中|后)?(旗|蒙古族自治县)$")


@dataclass
class Division:
    """One administrative division as written to places.tsv."""

    name: str
    level: str
    adcode: str
    province: str
    city: str
    aliases: list[str] = field(default_factory=list)


def location_text(wheel: Path | None) -> str:
    """Read china_location.txt out of a jionlp wheel or installed package, without importing it."""
    if wheel is not None:
        with zipfile.ZipFile(wheel) as outer:
            inner_bytes = outer.read(LOCATION_MEMBER)
    else:
        spec = importlib.util.find_spec("jionlp")
        if spec is None or spec.origin is None:
            raise SystemExit("jionlp is not installed: pass --wheel")
        inner_bytes = (Path(spec.origin).parent / "dictionary" / "china_location.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(inner_bytes)) as inner:
        return inner.read("china_location.txt").decode("utf-8")


def jieba_tags() -> dict[str, tuple[int, str]]:
    """jieba's dictionary as word -> (frequency, tag)."""
    path = Path(jieba.__file__).parent / "dict.txt"
    tags: dict[str, tuple[int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) == 3:
            tags[parts[0]] = (int(parts[1]), parts[2])
    return tags


def is_common_word(word: str, tags: dict[str, tuple[int, str]]) -> bool:
    """True when jieba knows `word` mainly as ordinary vocabulary, not as a place."""
    if word not in tags:
        return False
    freq, tag = tags[word]
    return tag in COMMON_WORD_TAGS or (tag == "n" and freq >= COMMON_NOUN_FREQ)


def short_forms(name: str, alias_field: str, level: str, tags: dict[str, tuple[int, str]]) -> list[str]:
    """The alias jionlp gives, plus X州 and X县/X旗 for autonomous prefectures and counties, kept
    when safe to match."""
    # jionlp gives functional zones aliases like 经开区/高新区: only prefixes of the name are short forms
    forms = [a for a in alias_field.split("/") if 2 <= len(a) < len(name) and name.startswith(a) and "直辖" not in a]
    if name.endswith("自治州") and forms:
        forms.append(forms[0] + "州")  # 阿坝藏族羌族自治州 -> 阿坝州
    if name.endswith(("自治县", "自治旗")) and forms:
        forms.append(forms[0] + name[-1])  # 互助土族自治县 -> 互助县, as its own documents write it
    if banner := _BANNER.match(name):  # 科尔沁左翼中旗 -> 科左中旗, 喀喇沁左翼蒙古族自治县 -> 喀左县 and 喀左
        first, side, part, unit = banner.groups()
        if side or part:
            short = first + (side or "") + (part or "")
            forms += [short + unit[-1]] + ([short] if unit.endswith("县") else [])
    kept = []
    for form in forms:
        if level != "province" and is_common_word(form, tags):
            continue
        if level == "district" and len(form) == 2 and form in tags:
            freq, tag = tags[form]
            if tag != "ns" or freq >= DISTRICT_SHORT_NS_FREQ:
                continue
        kept.append(form)
    return list(dict.fromkeys(kept))


def parse_divisions(text: str, tags: dict[str, tuple[int, str]]) -> list[Division]:
    """Province, city and county lines of china_location.txt (tab depth gives the level)."""
    divisions: list[Division] = []
    province = city = ""
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if depth > 2 or len(parts) != 3:
            continue
        name, adcode, alias_field = parts
        level = ("province", "city", "district")[depth]
        if depth == 0:
            province, city = name, ""
        elif depth == 1:
            city = "" if "直辖" in name else name
        if "直辖" in name:
            continue  # 省直辖行政区划: a bookkeeping node, not a place
        if level == "city" and name == province:
            continue  # municipalities repeat themselves as their own city
        if len(name) <= 2 and level != "province" and (is_common_word(name, tags) or name in tags
                                                       and tags[name][1] != "ns" and not name.endswith("县")):
            continue  # 城区, 矿区, 郊区: generic words, not usable as names (冠县, 单县 are counties)
        aliases = short_forms(name, alias_field, level, tags)
        if level == "province" and name in PROVINCE_CHAR:
            aliases.append(PROVINCE_CHAR[name])
        divisions.append(Division(name, level, adcode, province, city if level == "district" else "", aliases))
    return divisions


def write_tsv(divisions: list[Division], out: Path, source: str) -> None:
    """Write the table with a header naming its source."""
    lines = [
        f"# Chinese administrative divisions (province, city, district/county) from {source},",
        "# dictionary/china_location.zip (MIT, github.com/dongrixinyu/JioNLP); generated by",
        "# scripts/build_places.py, do not edit by hand. Columns: name, level, adcode, province,",
        "# city (districts only), short forms (comma-separated; one-character province forms last).",
        "# Query-safe one-character forms: " + "".join(sorted(QUERY_SAFE)),
    ]
    for d in divisions:
        lines.append("\t".join([d.name, d.level, d.adcode, d.province, d.city, ",".join(d.aliases)]))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded jionlp wheel")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    source = f"jionlp ({args.wheel.name})" if args.wheel else "jionlp (installed)"
    divisions = parse_divisions(location_text(args.wheel), jieba_tags())
    write_tsv(divisions, args.out, source)
    print(f"{len(divisions)} divisions -> {args.out}")


if __name__ == "__main__":
    main()
