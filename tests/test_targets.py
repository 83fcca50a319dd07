"""Targets: the commitments extracted from real sentences of the corpus."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.link import Linker
from kb.load import Document
from kb.segment import segment
from kb.targets import extract_targets
from kb.taxonomy import load_taxonomy
from tests.conftest import DATA, SPEECH


def _extract(text: str, path: str = "doc.txt", year: str = "202x"):
    """The document, its links and its targets, as an ingest computes them."""
    doc = Document(path, text, "utf-8", "", "t", year, "讲话", False)
    passages = segment(text)
    links = Linker.load().link_document(doc, passages)
    return doc, links, extract_targets(doc, passages, links)


def _speech():
    return _extract(SPEECH.read_text(encoding="utf-8"), SPEECH.name)



def test_all_six_speech_targets_with_every_field_and_no_extra():
    taxonomy = load_taxonomy()
    _, _, found = _speech()
    targets = [t for t in found if t.kind == "target"]
    gold = [json.loads(line) for line in (DATA / "commitments.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(targets) == len(gold) == 6
    for g in gold:
        t = next(t for t in targets if g["quote"] in t.quote or t.quote in g["quote"])
        assert (t.year, t.strength, t.value, t.unit, t.qualifier) == (
            g["year"], g["strength"], g["value"], g["unit"], g["qualifier"])
        assert g["metric"] in t.metric  # the metric in the speech's own words: 铝电产业集群产值
        assert taxonomy.canonical_cluster(g["cluster"] or "") == (t.cluster if g["cluster"] else "")
        assert t.park == g["park"]


def test_placeholder_value_is_kept_and_zone_level_is_recorded():
    doc, _, found = _speech()
    t = next(t for t in found if "生态冶炼" in t.quote)
    assert t.value == "×" and t.value_normalised is None
    assert t.park == "" and t.resolution == "zone"
    assert doc.text[t.char_start:t.char_end] == t.quote


def test_normalises_values_and_tells_achievements_from_targets():
    text = ("一、2024年工作回顾\n全年地区生产总值完成1.5万亿元，比上年增长6%。\n"
            "二、2025年工作安排\n力争地区生产总值增长5%左右，确保城镇新增就业65万人以上。\n")
    _, _, found = _extract(text, year="2025")
    by_quote = {t.quote: t for t in found}
    past = next(t for q, t in by_quote.items() if "1.5万亿元" in q)
    assert past.kind == "achievement" and past.value_normalised == 1.5e12 and past.unit == "万亿元"
    growth = next(t for q, t in by_quote.items() if "5%" in q)
    assert (growth.kind, growth.strength, growth.value, growth.unit, growth.qualifier, growth.year) == (
        "target", "力争", "5", "%", "左右", "2025")
    jobs = next(t for q, t in by_quote.items() if "65万人" in q)
    assert (jobs.strength, jobs.metric, jobs.value, jobs.unit, jobs.qualifier) == ("确保", "城镇新增就业", "65", "万人", "以上")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(
    [*"202x年园区工业园力争确保预计实现产值×亿元%万人，。；一、二是（一）新能源汽车凤凰\n5.3左右以上和均两个零发生“”",
     "分别增长", "从", "由", "提高到", "缩短到", "控制在", "以内", "公顷", "微克/立方米", "万吨/日", "主要预期目标是：",
     "Ⅱ类", "十九届", "建设", "座", "条", "户", "亿斤", "２０２５", "５％", "發展",
     "拟安排", "一九七八年", "个工作日", "×100%", "及以上", "的", "“十四五”时期", "大唐", "万千瓦", "项目", "全年",
     "不得低于", "周年"]), max_size=150).map("".join))
def test_extraction_spans_hold_on_arbitrary_text(text):
    doc, links, found = _extract(text)
    for t in found:
        assert doc.text[t.char_start:t.char_end] == t.quote
    for c in links.clauses:
        for lk in c.links:
            assert 0 <= lk.evidence_start <= lk.evidence_end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_extraction_never_raises_on_unicode(text):
    doc, links, found = _extract(text)
    for t in found:
        assert doc.text[t.char_start:t.char_end] == t.quote


def test_report_targets_meet_precision_and_recall_on_the_dev_annotation():
    """tests/data/commitments-reports.jsonl: the blind dev annotation of two reports (see its README)."""
    from kb.eval_commitments import score_commitments
    from kb.load import load_document, read_catalog
    from tests.conftest import CORPUS

    gold = [json.loads(line) for line in (DATA / "commitments-reports.jsonl").read_text(encoding="utf-8").splitlines()]
    predicted = {}
    for doc_name in sorted({g["doc"] for g in gold}):
        doc = load_document(CORPUS / doc_name, doc_name, read_catalog(CORPUS))
        passages = segment(doc.text)
        predicted[doc_name] = (doc.text, extract_targets(doc, passages, Linker.load().link_document(doc, passages)))
    result = score_commitments(gold, predicted)
    for doc_name, figures in result["documents"].items():
        assert figures["recall"] >= 0.90, (doc_name, figures["missed"])
        assert figures["precision"] >= 0.90, (doc_name, figures["extra"])
        assert figures["value_unit_year"] >= 0.95, doc_name
        assert figures["kind"] >= 0.95, doc_name


def test_review_estimates_are_achievements_not_targets():
    text = "一、2024年工作回顾\n软件产业主营业务收入预计增长16.4%。\n二、2025年主要任务\n力争软件从业人员突破50万人。\n"
    _, _, found = _extract(text, year="2025")
    kinds = {t.quote: t.kind for t in found}
    assert kinds["软件产业主营业务收入预计增长16.4%"] == "achievement"
    assert kinds["力争软件从业人员突破50万人"] == "target"



PLAN = "二、2025年主要任务\n"


def _targets_of(sentence: str, year: str = "2025"):
    """The forward targets of one corpus sentence placed in a report's plan part."""
    _, _, found = _extract(PLAN + sentence + "\n", year=year)
    return [t for t in found if t.kind == "target"]


def _fields(targets):
    return [(t.value, t.unit, t.qualifier) for t in targets]


def test_quantified_tasks_are_commitments():
    """gov-report-2025-chongqing, gov-report-2025-anhui."""
    found = _targets_of("协同推进320个川渝共建重点项目，建成投用600个公共文化空间。")
    assert _fields(found) == [("320", "个", ""), ("600", "个", "")]
    assert found[0].metric == "协同推进川渝共建重点项目" and found[0].klass == "task"
    assert found[0].quote == "协同推进320个川渝共建重点项目"


def test_enumeration_gives_one_record_per_item():
    """gov-report-hailar-district-2013: six items of one task list."""
    found = _targets_of("新建5条主干道路、2台热水锅炉、12公里热力主管网、10公里供水管网、13公里双线燃气管道、"
                        "20公里给排水管网等项目。", year="2013")
    assert _fields(found) == [("5", "条", ""), ("2", "台", ""), ("12", "公里", ""), ("10", "公里", ""),
                              ("13", "公里", ""), ("20", "公里", "")]
    assert [t.metric for t in found][:2] == ["新建主干道路", "热水锅炉"]


def test_fenbie_gives_one_record_per_value():
    """gov-report-2025-anhui: 分别增长18%和28.2%, read as a plan sentence."""
    found = _targets_of("力争规上科技服务业、人力资源服务业营收分别增长18%和28.2%。")
    assert _fields(found) == [("18", "%", ""), ("28.2", "%", "")]
    assert {t.strength for t in found} == {"力争"}


def test_jun_gives_one_record_per_subject():
    """gov-report-2025-beijing: 入园率和普惠率均达到93% is two commitments of 93."""
    found = _targets_of("适龄儿童入园率和普惠率均达到93%。")
    assert _fields(found) == [("93", "%", ""), ("93", "%", "")]
    assert [t.metric for t in found] == ["适龄儿童入园率", "普惠率"]


def test_from_to_is_the_value_reached():
    """gov-report-national-2003: 从36%提高到59% commits 59, not 36."""
    assert _fields(_targets_of("高考录取率从36%提高到59%。")) == [("59", "%", "")]


def test_control_within_keeps_its_qualifier():
    """gov-report-2025-beijing, gov-report-2025-hainan."""
    assert _fields(_targets_of("城镇调查失业率控制在5%以内。")) == [("5", "%", "以内")]
    assert _fields(_targets_of("城镇调查失业率控制在5.5%以内。")) == [("5.5", "%", "以内")]


def test_units_outside_any_closed_list():
    """gov-report-2025-guangdong (微克/立方米); gov-report-2025-fujian (公顷, a result: 累计)."""
    assert _fields(_targets_of("PM2.5平均浓度降至20.6微克/立方米。")) == [("20.6", "微克/立方米", "")]
    _, _, found = _extract(PLAN + "累计清退超规划网箱养殖719.7公顷。\n", year="2025")
    assert [(t.value, t.unit, t.kind) for t in found] == [("719.7", "公顷", "achievement")]


def test_placeholders_and_their_year():
    """park-cluster-speech-202x-h1: × and 202x."""
    found = _targets_of("202x年园区实际利用外资预计达到×亿美元。", year="202x")
    assert [(t.value, t.unit, t.year, t.strength) for t in found] == [("×", "亿美元", "202x", "预计")]
    assert found[0].value_normalised is None


def test_main_expected_targets_list_is_forward_with_its_lead_in_strength():
    """gov-report-2025-anhui: the 主要预期目标 list, across its semicolon; 增长 is a target here."""
    found = _targets_of("经济社会发展的主要预期目标是：全省地区生产总值增长5.5%以上，在实际工作中争取更好结果；"
                        "全员劳动生产率16.8万元/人左右，固定资产投资增长5%左右。")
    assert _fields(found) == [("5.5", "%", "以上"), ("16.8", "万元/人", "左右"), ("5", "%", "左右")]
    assert [t.strength for t in found] == ["预期", "预期", "预期"]


def test_names_ordinals_and_chinese_counts():
    """gov-report-hailar-district-2013, sc-2018-zero-waste-city-pilot: 两个市民广场 and 零发生 count;
    十九届二中全会 and 一个 do not."""
    found = _targets_of("全面贯彻党的十九大和十九届二中全会精神，建成哈萨尔和东升路两个市民广场，"
                        "打造一个示范区，非法转移倾倒固体废物事件零发生。", year="2013")
    assert _fields(found) == [("两", "个", ""), ("零", "", "")]


def test_full_width_digits_and_traditional_characters():
    """gov-report-national-1997 writes full-width digits (here in traditional characters)."""
    found = _targets_of("今年全社會固定資產投資調控目標為２５３００億元。")
    assert [(t.value, t.unit, t.value_normalised) for t in found] == [("２５３００", "億元", 2.53e12)]


def test_a_review_part_is_known_by_its_opening_when_its_heading_does_not_say_so():
    """Fujian 2025 heads its review 一、牢记殷殷嘱托，在接续奋斗中新福建建设取得新成效 and opens it
    with 2024年是…: its figures are results, the plan part's are targets."""
    text = ("一、牢记殷殷嘱托，在接续奋斗中新福建建设取得新成效\n"
            "2024年是中华人民共和国成立75周年，也是福建发展历程中具有重要意义的一年。\n"
            "数字中国建设峰会效应持续放大，数字经济增加值预计达3.2万亿元。\n"
            "二、牢记历史使命，在中国式现代化建设中奋勇争先\n"
            "今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。\n")
    _, _, found = _extract(text, year="2025")
    kinds = {t.value: t.kind for t in found}
    assert kinds["3.2"] == "achievement" and kinds["5.5"] == "target"


def test_an_average_is_not_an_enumeration_and_a_named_set_of_measures_is_not_a_count():
    """National 2011: 年均增长7% is one target (年均 is not 均); 新36条 is a name."""
    text = ("二、2011年工作安排\n今后五年，我国经济增长预期目标是在明显提高质量和效益的基础上年均增长7%。\n"
            "认真落实国务院关于鼓励引导民间投资新36条。\n")
    _, _, found = _extract(text, year="2011")
    values = [t.value for t in found if t.kind == "target"]
    assert values == ["7"]


def test_a_review_sub_heading_about_livelihood_guarantees_stays_in_the_review():
    """Hebei 2025: （五）民生保障扎实有力 is a part of 一、2024年工作回顾; its figures are results."""
    text = ("一、2024年工作回顾\n（五）民生保障扎实有力、暖心惠民。\n"
            "坚持财力向民生倾斜、向基层倾斜，尽心尽力办好民生实事。20项民生工程全面完成。改造老旧小区827个。\n"
            "二、2025年目标任务和主要工作\n（一）聚力抓投资促消费\n新改造城市老旧小区1000个。\n")
    _, _, found = _extract(text, year="2025")
    kinds = {t.value: t.kind for t in found}
    assert kinds["20"] == kinds["827"] == "achievement" and kinds["1000"] == "target"


def test_a_long_paragraph_keeps_the_year_that_opens_it():
    """sc-2018-agricultural-machinery: 到2025年，… opens a paragraph long enough to be cut into
    several passages; its last figures are for 2025, not for the document's first 到2020年."""
    filler = "农机装备产业迈入高质量发展阶段，产品和技术供给基本满足需要，" * 30
    text = ("一、总体要求\n到2020年，全国农机总动力超过10亿千瓦。\n"
            f"到2025年，{filler}薄弱环节机械化全面突破，其中棉花收获机械化率达到60%。\n")
    _, _, found = _extract(text, year="2018")
    years = {t.value: t.year for t in found}
    assert years == {"10": "2020", "60": "2025"}


def test_capacities_in_project_names_are_not_commitments_unless_the_clause_builds_the_project():
    """Hailar 2015 names projects by their capacity (大唐700万吨露天矿, 东电2×35万千瓦热电联产项目);
    Hailar 2013's 实施奋斗镇1.6万吨蔬菜仓储等项目 is a task."""
    found = _targets_of("确保大唐700万吨露天矿一季度完成核准并开工建设，全力推进东电2×35万千瓦热电联产项目前期工作。"
                        "实施奋斗镇1.6万吨蔬菜仓储等项目。", year="2015")
    assert [t.value for t in found] == ["1.6"]


def test_formulas_anniversaries_classes_definitions_and_quoted_names_are_not_commitments():
    """sc-2019-tertiary-public-hospital-performance (计算方法 …×100%, 是指), Beijing 2025 (80周年,
    劣五类水体), Hebei 2025 (打造“15分钟就业服务圈”)."""
    found = _targets_of("计算方法：点评处方数/处方总数×100%。日间手术是指患者在24小时内入出院。"
                        "做好中国人民抗日战争胜利80周年纪念活动服务保障。动态消除黑臭水体和劣五类水体。"
                        "打造“15分钟就业服务圈”。建成电动汽车超充站1000座。", year="2025")
    assert [t.value for t in found] == ["1000"]


def test_this_year_in_the_sentence_beats_a_plan_period_earlier_in_the_paragraph_and_ni_is_a_plan():
    """National 2025: 今年中央预算内投资拟安排7350亿元 follows a 十四五 sentence of its paragraph;
    national 2012: 今年拟安排财政赤字8000亿元 (拟 = 计划)."""
    found = _targets_of("高质量完成“十四五”规划目标任务。今年中央预算内投资拟安排7350亿元。"
                        "今年拟安排财政赤字8000亿元。", year="2025")
    assert [(t.value, t.year, t.strength) for t in found] == [("7350", "2025", "计划"), ("8000", "2025", "计划")]


def test_start_values_of_an_enumerated_from_to_age_groups_and_per_second_units():
    """Guangdong 2025 (unannotated): 分别从每人每月202元、270元提高到209元、280元 commits 209 and
    280; 65岁及以上 and 3岁以下 name age groups; 600立方米/秒 is one unit."""
    found = _targets_of("困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月202元、270元提高到209元、280元。"
                        "65岁及以上老年人医养结合服务率超过40%。每千人口拥有3岁以下托位数不少于5.5个。"
                        "提升改造城市排涝能力600立方米/秒。", year="2025")
    assert [(t.value, t.unit) for t in found] == [("209", "元"), ("280", "元"), ("40", "%"), ("5.5", "个"),
                                                  ("600", "立方米/秒")]


def test_rules_deadlines_and_classes_of_a_regulation_are_not_commitments():
    """sc-2019-financing-guarantee-smes-agriculture and policy-aba-government-data-management
    (unannotated): fee caps, procedural deadlines and size classes are rules; 确保…80% is a target."""
    found = _targets_of("确保支小支农担保业务占比达到80%以上，其中单户担保金额500万元及以下的占比不得低于50%。"
                        "对单户担保金额500万元以上的小微企业收取的担保费率原则上不超过1.5%。"
                        "政务部门应当自情形发生之日起10个工作日内更新目录。", year="2019")
    assert [(t.value, t.unit, t.qualifier) for t in found] == [("80", "%", "以上")]


def test_a_plan_named_in_a_project_list_is_not_the_period_of_this_years_tasks():
    """National 2016: 完成铁路投资8000亿元以上 is for 2016 though its sentence follows “十三五”规划重大项目;
    national 2007: “十一五”期间，关停5000万千瓦…，今年要关停1000万千瓦."""
    found = _targets_of("启动“十三五”规划重大项目。完成铁路投资8000亿元以上。"
                        "“十一五”期间，关停5000万千瓦小火电机组，今年要关停1000万千瓦。", year="2007")
    assert [(t.value, t.year) for t in found] == [("8000", "2007"), ("5000", "十一五"), ("1000", "2007")]


def test_years_written_in_chinese_numerals_date_a_result():
    """National 1979 (unannotated): 一九七八年仍然夺得了丰收…总产量达到三亿零四百七十五万吨 is a
    result of the year before the report, not a target."""
    text = ("一、伟大的历史性转变\n一九七八年仍然夺得了丰收，总产量达到三亿零四百七十五万吨。\n"
            "二、打好四个现代化的第一个战役\n全国将用三十亿元建设职工住宅。\n")
    _, _, found = _extract(text, year="1979")
    assert [(t.value, t.kind, t.year) for t in found] == [
        ("三亿零四百七十五万", "achievement", "1978"), ("三十亿", "target", "1979")]


def test_review_corrections_shares_with_de_plan_periods_this_year_and_ni():
    """Shares before 的 stay targets (确保95%以上的建制村通客车); 十四五”规划期间 is a period;
    2024年全年 in a review is 2024, not this year; 拟定标准 is a metric, not a plan."""
    found = _targets_of("确保95%以上的建制村通客车。\n“十四五”规划期间，新建改建农村公路20万公里。\n拟定标准20项。",
                        year="2025")
    assert [(t.value, t.year, t.strength) for t in found] == [("95", "2025", "确保"), ("20", "十四五", "其他"),
                                                                ("20", "2025", "其他")]
    assert found[2].metric == "拟定标准"
    text = "一、2024年工作回顾\n2024年全年粮食产量达到740亿斤。\n二、2025年主要任务\n新建学校10所。\n"
    _, _, found = _extract(text, year="2025")
    assert [(t.value, t.kind, t.year) for t in found] == [("740", "achievement", "2024"), ("10", "target", "2025")]


def test_second_review_counts_of_years_amounts_in_and_simulations():
    """数年内 is not this year; 总投资10亿元以上的项目 is a class; 模拟建设 is not a plan, 拟新建 is."""
    assert [(t.value, t.year) for t in _targets_of("到2030年，数年内新增学位5万个。")] == [("5", "2030")]
    found = _targets_of("对总投资10亿元以上的项目给予支持。开展模拟建设演练20次。拟新建学校3所。", year="2025")
    assert [(t.value, t.strength) for t in found] == [("20", "其他"), ("3", "计划")]
