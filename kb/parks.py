"""Parks: find the names of parks and zones in a stretch of text (a pure step).

A park name is a suffix that says what kind of zone it is (工业园, 开发区, 自贸试验区 …)
and the run of name-like words before it, cut at the first verb or function word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARK_SUFFIX = r"(?:自由贸易试验区|自贸试验区|综合保税区|经济技术开发区|高新技术产业开发区|工业园区|产业园区|工业园|产业园|科技园|开发区|高新区|经开区|新区|园区|园)"
_PARK_SUFFIX_RE = re.compile(_PARK_SUFFIX)
# characters that cannot begin a park name: verbs and function words before it
_PARK_BOUNDARY = set("，。；：、“”‘’（）《》()[]【】,.;:!?！？ \t\n")
# jieba parts of speech that can make up a park's proper name: places, organisations,
# other proper nouns, nouns, abbreviations, Latin letters (x工业园)
_NAME_POS = {"ns", "nz", "nt", "nr", "nrt", "nrfg", "n", "j", "eng", "an"}
# nouns that end a clause's subject rather than start a name (条例所称开发区, 示范园区)
_NOT_NAME_START = {"条例", "本条例", "规定", "政府", "部门", "企业", "项目", "示范", "所", "各类", "相关"}


_LEADING_VERBS = re.compile(r"^(?:努力|全力|大力|积极|加快|实现|支持|利用|依托|围绕|推动|推进|建设|打造|提升|完善|优化|"
                            r"加强|引导|吸引|鼓励|促进|带动|发展|服务|管理|入驻|进入|做强|做大|壮大|高标准|高水平)+")


def _name_prefix_length(window: str) -> int:
    """How many characters before a park suffix belong to the name: the trailing run of
    name-like words (苏州 in 举办苏州工业园区), nothing after a verb (完成园区 is 园区)."""
    if not window:
        return 0
    import jieba.posseg

    words = list(jieba.posseg.cut(window))  # HMM on: names jieba does not know (青秀)
    length = 0
    for word in reversed(words):
        if word.flag not in _NAME_POS or word.word in _NOT_NAME_START:
            break
        length += len(word.word)
    # jieba's dictionary tags some verb phrases as nouns (努力实现, 全力支持): cut them off
    prefix = _LEADING_VERBS.match(window[len(window) - length:])
    return length - (prefix.end() if prefix else 0)


GENERIC_ZONES = {"园区", "开发区", "高新区", "新区", "工业园区", "产业园区", "工业园", "产业园", "经开区",
                  "自贸试验区", "自由贸易试验区", "综合保税区"}
_PARK_NOT = re.compile(r"(公园|校园|家园|田园|乐园|花园|庄园|果园|菜园|茶园|幼儿园|动物园|植物园|陵园)$")


@dataclass
class ParkName:
    name: str
    start: int  # offsets into the text given to find_park_names
    end: int
    generic: bool  # 园区, 开发区: the zone itself, not a named park


def find_park_names(text: str, taken: list[tuple[int, int]]) -> list[ParkName]:
    """Park names in `text` that do not overlap the spans already `taken` (taxonomy hits)."""
    found = []
    taken = list(taken)
    for m in _PARK_SUFFIX_RE.finditer(text):
        e = m.end()
        # the name is the run of name characters before the suffix, after the last
        # function word or verb: 吸引…企业向园区集中 names 园区, not 企业向园区
        s = m.start()
        while s > 0 and m.start() - s < 10 and text[s - 1] not in _PARK_BOUNDARY:
            s -= 1
        s = m.start() - _name_prefix_length(text[s:m.start()])
        name = text[s:e]
        if any(a <= s < b or a < e <= b for a, b in taken) or _PARK_NOT.search(name):
            continue
        generic = s == m.start()
        if generic and name not in GENERIC_ZONES:
            continue  # a bare 园 or 新区 on its own is not a name
        taken.append((s, e))
        found.append(ParkName(name, s, e, generic))
    return found
