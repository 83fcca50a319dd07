from hypothesis import given, settings
from hypothesis import strategies as st

from kb.segment import heading_only_lines, segment, split_sentences
from tests.conftest import SPEECH


def _speech():
    text = SPEECH.read_text(encoding="utf-8")
    return text, segment(text)


def test_every_span_is_its_text():
    text, passages = _speech()
    assert passages
    for p in passages:
        assert text[p.char_start:p.char_end] == p.text
        for s in p.sentences:
            assert text[s.char_start:s.char_end] == s.text


def test_section_path_follows_the_speech_numbering():
    text, passages = _speech()
    p = next(p for p in passages if "动力电池" in p.text)
    assert p.section == "二、建设现代产业体系… > 三是加快新能源汽车产业发展"
    assert (p.line_start, p.line_end) == (8, 8)


def test_no_text_is_lost_numbered_one_line_points_are_passages():
    text = "第二章　组成人员职责\n九、秘书长在总理领导下，负责处理国务院的日常工作。\n十、总理出国访问期间，由负责常务工作的副总理代行总理职务。\n"
    passages = segment(text)
    joined = "".join(p.text for p in passages)
    assert "代行总理职务" in joined and "秘书长" in joined
    assert passages[1].section.startswith("第二章")


def test_a_list_of_bare_numbered_lines_is_content_not_headings():
    """A ranking (dev16's 江苏 通报): three or more bare numbered lines in a row, nothing under
    any, are a list's items and searchable; a heading with its section under it stays one."""
    text = ("二、考核评价结果\n（一）国家级经济技术开发区综合排名前十位\n1.苏州工业园区（苏州市）\n"
            "2.昆山经济技术开发区（苏州市）\n3.江宁经济技术开发区（南京市）\n（二）存在的问题\n"
            "部分开发区主导产业不突出。\n")
    passages = segment(text)
    assert [p.text for p in passages][:3] == ["1.苏州工业园区（苏州市）", "2.昆山经济技术开发区（苏州市）",
                                              "3.江宁经济技术开发区（南京市）"]
    assert passages[1].section == "二、考核评价结果 > （一）国家级经济技术开发区综合排名前十位"
    assert [p.text for p in passages][3:] == ["部分开发区主导产业不突出。"]
    assert passages[3].section == "二、考核评价结果 > （二）存在的问题"  # no list item above it
    two = "1.苏州工业园区（苏州市）\n2.昆山经济技术开发区（苏州市）\n"
    assert segment(two) == []  # two in a row may be headings of empty sections
    assert "昆山经济技术开发区" in "".join(p.text for p in segment(text, is_markdown=True))
    after = segment("一、受表扬的开发区\n1.苏州工业园区\n2.昆山经济技术开发区\n3.江宁经济技术开发区\n希望再接再厉。\n")
    assert after[-1].section == "一、受表扬的开发区"  # what follows a list stays in the list's section
    under = segment("1.稳定粮食生产\n2.发展特色产业\n3.壮大加工业\n4.推进乡村振兴\n（1）种粮\n种好粮。\n")
    assert [p.text for p in under] == ["1.稳定粮食生产", "2.发展特色产业", "3.壮大加工业", "种好粮。"]
    assert under[-1].section == "4.推进乡村振兴 > （1）种粮"  # the last line has a section under it


def test_articles_and_items_nest():
    text = "第一章 总则\n第一条 为加快开发区建设，制定本条例。\n（一）产品属于高科技的；\n（二）出口创汇的。\n第二条 本条例适用于本省。\n"
    passages = segment(text)
    sections = [p.section for p in passages]
    assert sections[0] == "第一章 总则 > 第一条"
    assert sections[1] == "第一章 总则 > 第一条 > （一）产品属于高科技的"
    assert sections[-1] == "第一章 总则 > 第二条"


def test_long_paragraphs_split_at_sentence_ends_with_bounded_size():
    text = "一、总体要求\n" + "推进产业集群发展，提升园区综合实力。" * 60 + "\n"
    passages = segment(text)
    assert len(passages) > 1
    assert all(len(p.text) <= 300 for p in passages)
    assert all(p.text.endswith("。") for p in passages)


def test_text_without_punctuation_is_still_bounded():
    text = "园区产业发展" * 2000
    passages = segment(text)
    assert passages and all(len(s.text) <= 400 for p in passages for s in p.sentences)
    assert "".join(p.text for p in passages) == text


def test_markdown_headings_make_the_section_path():
    text = "# 202x年工作要点\n\n## 一、产业发展\n\n重点发展新能源汽车产业。力争产值增长10%。\n\n- 加快充电设施建设。\n"
    passages = segment(text, is_markdown=True)
    assert passages[0].section == "202x年工作要点 > 一、产业发展"
    for p in passages:
        assert text[p.char_start:p.char_end] == p.text
    assert passages[-1].text == "加快充电设施建设。"


def test_full_width_and_traditional_text_split_into_sentences():
    text = "集中主要力量發展重工業！建立國家工業化的基礎？是的；２０２５年目標。"
    sentences = split_sentences(text, 0, len(text))
    assert [s.text for s in sentences] == ["集中主要力量發展重工業！", "建立國家工業化的基礎？", "是的；", "２０２５年目標。"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_spans_hold_on_arbitrary_unicode(text):
    for markdown in (False, True):
        for p in segment(text, is_markdown=markdown):
            assert text[p.char_start:p.char_end] == p.text
            assert p.line_start <= p.line_end
            for s in p.sentences:
                assert text[s.char_start:s.char_end] == s.text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["一、", "（一）", "一是", "1.", "（1）", "第一条 ", "第一章 ", "产值", "×亿元", "。", "，",
                                 "\n", "202x年", "力争", "園區", "# ", "## ", "- "]), max_size=80))
def test_spans_hold_on_numbering_soup(parts):
    text = "".join(parts)
    for markdown in (False, True):
        for p in segment(text, is_markdown=markdown):
            assert text[p.char_start:p.char_end] == p.text


def test_a_plans_box_is_its_own_heading_until_the_numbering_resumes():
    """A 十五五 plan's 专栏 (dev19's 渭南) sits at the end of 第四节 but lists the whole chapter's
    clusters: its items fall under the box, not under the section's last paragraph; the box ends
    at the next heading numbered as before it, and numbering first met inside it stays inside."""
    text = ("第四节　提升现代服务业发展水平\n（一）发展现代物流。建设物流枢纽。\n专栏4　重点产业集群\n"
            "能源化工产业集群：韩城经济技术开发区。\n1.增材制造产业集群：渭南高新区。\n"
            "（二）做强文化旅游。串联韩城古城。\n第五节　建设开放平台\n专栏5\n陕西自由贸易试验区渭南协同创新区。\n")
    passages = segment(text)
    box = text.index("专栏4　重点产业集群")
    assert any(a == box for a, _ in heading_only_lines(text))
    section = {p.text.split("：")[0].split("。")[0]: p.section for p in passages}
    assert section["能源化工产业集群"].endswith("> 专栏4　重点产业集群")
    assert section["1.增材制造产业集群"].endswith("专栏4　重点产业集群 > 1.增材制造产业集群：渭南高新区")
    assert "专栏" not in section["（二）做强文化旅游"]
    assert section["陕西自由贸易试验区渭南协同创新区"] == "第五节　建设开放平台 > 专栏5"


def test_a_box_is_numbered_and_may_run_into_its_title():
    """PDF text runs 专栏3重点产业集群 together and numbers sub-boxes 专栏3-1; a page's 专栏：… column
    header and a bare 专栏 are no box."""
    for line in ["专栏3-1　重点产业集群", "专栏3重点产业集群", "專欄4　重大開放平台"]:
        text = f"第四节　壮大先进制造业\n{line}\n能源化工产业集群：韩城经济技术开发区。\n"
        assert segment(text)[0].section.endswith(line), line
    for line in ["专栏：深入学习贯彻党的二十大精神", "专栏"]:
        text = f"{line}\n一、总体要求\n推进高质量发展。\n"
        assert not segment(text)[-1].section.startswith("专栏"), line


def test_a_plans_part_ends_the_chapter_before_it():
    """A 十五五 纲要 numbers its parts 第X篇 above its chapters (dev36's 汝州, 启东, 石狮): a new part
    closes the last chapter, so its opening paragraph is no paragraph of the chapter on farming."""
    text = ("第三篇　推进乡村振兴\n第十一章　发展现代农业\n强化农业科技和装备支撑。\n"
            "第四篇　深化开发区改革　打造高能级发展平台\n开发区是稳增长、调结构、促开放的主阵地。\n"
            "第十二章　推动汝州经济技术开发区争先晋位\n汝州经济技术开发区规划面积42.6平方公里。\n")
    section = {p.text.split("。")[0]: p.section for p in segment(text)}
    assert section["强化农业科技和装备支撑"] == "第三篇　推进乡村振兴 > 第十一章　发展现代农业"
    assert section["开发区是稳增长、调结构、促开放的主阵地"] == "第四篇　深化开发区改革　打造高能级发展平台"
    assert section["汝州经济技术开发区规划面积42.6平方公里"] == (
        "第四篇　深化开发区改革　打造高能级发展平台 > 第十二章　推动汝州经济技术开发区争先晋位")


def test_a_part_is_a_bare_title_not_a_sentence_nor_a_lone_number():
    """The review of session 40: a speech's 第一篇 文章，是做强整车。 is a sentence and a PDF line holding only
    第一篇 is no title: neither opens a part that would hold the rest of the document."""
    text = "一、关于产业\n第一篇 文章，是做强整车。\n二、关于改革\n深化开发区改革。\n第一篇\n推进园区整合。\n"
    section = {p.text.split("。")[0]: p.section for p in segment(text)}
    assert section["深化开发区改革"] == "二、关于改革"
    assert not any("篇" in s for s in section.values())

