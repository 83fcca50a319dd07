"""Park names: boundaries, generic kinds, gardens, one row per park, abbreviations.

Sentences are quoted from the corpus (corpus/ and ../shared/corpus/)."""

import re
from collections import Counter
from pathlib import Path

import pytest

from kb.eval_links import bootstrap_interval, candidate_coverage, fold_park_name, score_clusters, score_parks
from kb.link import Linker
from kb.load import load_document, read_catalog
from kb.park_candidates import candidate_parks
from kb.park_words import is_city_group, is_city_or_province, own_place_words, own_short_kinds, words_of
from kb.parks import (
    GENERIC_ZONES,
    canonical_parks,
    document_keys,
    find_abbreviations,
    find_park_names,
    find_renamings,
    nested_parks,
    park_key,
)
from kb.segment import segment
from kb.taxonomy import Taxonomy, to_taxonomy_toml
from kb.zones import known_zones


def _named(text: str) -> list[str]:
    return [p.name for p in find_park_names(text, []) if not p.generic]


@pytest.mark.parametrize("sentence", [
    "立完善产品碳足迹管理体系、碳标识认证制度，建设一批零碳园区，稳妥扩大碳交易市场",  # 碳园区
    "积极推广源网荷储一体化、微电网、绿电园区等模式，推进绿电制氢",  # 电园区
    "充分发挥国家高新技术开发区的集聚、引领和辐射作用",
    "负责组织领导自贸试验区全面建设，统筹协调自贸试验区改革创新中的重大问题",
    "推进京津冀智能网联新能源汽车科技生态港等重点园区建设，持续建设国家技术创新中心",
    "加快中原细胞和基因治疗等特色专业园区建设",
    "应当合理保障人工智能园区建设用地需求",
    "创建国家级绿色工厂25家、绿色工业园区10个",
    "加强中西部重点开发区建设，深化泛珠三角等区域合作",
    "新增留渝来渝青年34.5万人，新增公办园托位1.6万个",  # kindergartens
    "大力扶持闽剧、莆仙戏、梨园戏、高甲戏、歌仔戏等",  # 梨园 is opera
    "开展乡村古树园和“百村千树”乡村绿化行动",
    "推进河南省开发区高质量发展",  # the province's zones, a class
    "建设一批零碳园区，推动数实融合发展",  # new jargon before a kind of park (零碳园区)
    # session 8: designations named by their topic alone that are targets a report sets itself,
    # classes, fragments (2025 Chongqing, Xiong'an plan, Hailar 2014)
    "（三）聚力打造全面深化改革先行区，在探索首创性、差别化改革上走在前列",
    "建设成为绿色生态宜居新城区、创新驱动发展引领区、协调发展示范区、开放发展先行区",
    "规划实施一批国家级、省级文化产业园区和文化生态示范区",
    "继续做好国家级“慢性非传染性疾病综合防控示范区”创建工作",
    "加强生态示范区建设",
    "在浦东国际机场南侧区域设置新片区",
    "厦门园林植物园、龙岩冠豸山",  # the kind 园 ends inside the word 园林
    "厦门园林局",  # … also when it is the text's last kind
    "中国与冰岛、瑞士自贸区启动实施，中韩、中澳自贸区完成实质性谈判",  # agreements between countries
    "加快中日韩自贸区谈判",
    "以启动新城区建设为契机，全面加快",  # 新城区 is a district, not a 新城
    "按经济区域合理组织生产",  # 经济区 ends inside 区域
    # session 13: an 经济区 named after a lake or a stretch of country is a planning region
    # (2025 Hunan, Jiangxi)
    "加快推进新时代洞庭湖生态经济区建设，全面启",
    "粤港澳大湾区建设、海西经济区建设等国家重大战略",
    "推动鄱阳湖生态经济区、山东半岛蓝色经济区、成都平原经济区建设",
    "沈阳经济区、兰白经济区加快发展",
    "以粤西片区为重点实施潜力地区城镇化水平提升行动",  # a part of a province before 片区 is a region
    "支持各地建设特色产业园",  # a kind of park, not one being built
    "建设一批零碳产业园，推动园区循环化改造",
    "贯彻执行国家有关自贸试验区建设的法律、法规、规章和政策",  # jieba tags 国家有关 as an organisation
    "支持非公产业园建设",
    # a review of session 6's change: pronouns, places of a whole class, verbs whose object the
    # zone is, activities counted as items, lists sharing nothing
    "加快我市产业园建设",
    "加快县域产业园建设",
    "引导深圳企业入驻集聚区",
    "湖北省委省政府高度重视协同区",
    "国家层面统筹示范区布局",
    "规划研发、生产、物流三个功能园区",
    "建设南、北两个园区",
    "发展深海科技园",  # 非公 is jieba's adverb: a name never opens on a modifier (the issue's rule)
    "新建35个川渝产业合作示范园区",  # a count of zones named alike is a class of zones
    "天润新城、尚品国际等重点城市建设项目进展顺利",  # a housing estate: not a place before 新城
    # session 12: quoted slogans and classes, teams, regions, directions (several found by a review)
    "经济技术开发区打造“双百亿”园区",  # a quoted class of parks, not a name
    "建设一批“零碳”园区",
    "打造上海“五个新城”新区",
    "推进江苏“智改数转”园区建设",  # a province's parks, as 河南省开发区
    "打造特色产业园。",  # 特色, a count, a level: a class of parks however it is built
    "打造千亿级产业园，",
    "打造高水平产业园。",
    "推动两江科技创新区域合作",  # 区域: a region, not a zone
    "率先开发启动区，集约发展外围组团",  # 组团 with no name of its own
    "推动统一战线“地域+领域”组团式帮扶毕节",  # 组团式: sent as a team
    "福建组团参展东盟博览会。",  # 组团 'go as a group'
    "组织广州组团赴香港招商。",
    "推动宜昌、荆州组团发展。",
    "推进长株潭组团发展。",
    "推动东西、中西等产业合作示范区建设",  # directions, not counties' short forms
    "打造具有全球影响力的世界一流科学城",  # a modifier before a science city: a target
    "建设国际科技城",
    "建设一批科技城",
    "加快建设科学城",  # an action, a target, a class or a concept is no science city's field
    "全面实施科学城建设三年行动",
    "着力打造生命科学城",
    "鼓励各地建设农业科技城",
    "建设综合性科学城",
    "推广农业科技城经验",
    "上海医疗队组团援藏",
    "建设长沙“三高四新”示范区",  # a number in quotes: a slogan
])
def test_kinds_of_park_and_fragments_are_not_parks(sentence):
    assert _named(sentence) == []


@pytest.mark.parametrize("sentence, name", [
    ("推进黄冈国家中医药传承创新发展试验区建设，大力发展中医药产业", "黄冈国家中医药传承创新发展试验区"),
    ("武汉新城、襄阳东津城市新中心、宜昌东部产业新区等重点区域加快建设", "宜昌东部产业新区"),
    ("争创鄂州跨境电商综试区，持续提升湖北开放功能", "鄂州跨境电商综试区"),
    ("用好进博会、链博会等国际展会和中法生态城、中德产业园等合作平台", "中德产业园"),
    ("一是全力支持呼伦贝尔工业园区发展", "呼伦贝尔工业园区"),
    ("本条例适用于经国务院批准设立的中国（重庆）自由贸易试验区（以下简称自贸试验区）", "中国（重庆）自由贸易试验区"),
    ("支持青秀工业园区扩大规模，吸引优质企业向园区集中。", "青秀工业园区"),
    # found on test-1 (retired to development in session 5) and checked on the whole corpus:
    ("全面深化改革，扩大高水平对外开放，高标准高质量推进雄安新区建设", "雄安新区"),  # 雄安: jieba's HMM says 'a'
    ("实施自贸试验区提升战略，加快雄安综保区二期建设", "雄安综保区"),
    ("提升曹妃甸区、渤海新区、廊坊临空经济区等重点园区承载能力", "廊坊临空经济区"),
    ("落实“8337”思路重点项目规划、中俄蒙合作先导区建设等方面", "中俄蒙合作先导区"),
    ("实施奋斗镇新镇区和哈克镇滨河新区建设，真正", "哈克镇滨河新区"),
    ("洋山保税港区和上海浦东机场综合保税区执行相应的", "上海浦东机场综合保税区"),
    ("先行启动南汇新城、临港装备产业区、小洋山岛", "临港装备产业区"),
    # found on unannotated 2025 reports (Fujian, Hunan, Hainan):
    ("支持武夷新区建设、加快", "武夷新区"),  # 武夷 opens 武夷山市
    ("大湾区获国家支持，湘琼先进制造业共建产业园来势向好", "湘琼先进制造业共建产业园"),
    ("加快深赣共建产业园、湘赣产业合作园等省际产业", "湘赣产业合作园"),
    ("做优做强两江新区、高新区、经开区等开放平台", "两江新区"),  # 两 opens a place name, not a count
    ("支持国家级宁波经济技术开发区建设", "宁波经济技术开发区"),  # 国家级 before a name that is not a designation
    ("推进中新合作园区建设", "中新合作园区"),  # the longer kind wins
    ("支持重庆两江新区内的企业", "重庆两江新区"),  # jieba cuts 区内 as one word
    # session 6, the written definition (eval/test3/parks-guide.md), test-2 retired to development:
    ("深圳获批建设国家低空经济产业综合示范区", "国家低空经济产业综合示范区"),  # a designation named by its topic
    ("支持深圳建设新时代经济特区、新征程中国特色社会主义先行示范区", "中国特色社会主义先行示范区"),
    ("争取国家出台政策支持汕头经济特区高质量发展", "汕头经济特区"),  # jieba's one word 汕头经济特区
    ("推进河源龙川新城、湛江雷州新城建设", "湛江雷州新城"),
    ("健全光明科学城、松山湖科学城、南沙科学城等联动发展机制", "松山湖科学城"),
    ("完善深汕特别合作区、广清经济特别合作区管理体制", "广清经济特别合作区"),
    ("长江口产业创新绿色发展协同区建设", "长江口产业创新绿色发展协同区"),
    ("深入推进苏南国家自主创新示范区改革发展", "苏南国家自主创新示范区"),  # 苏南: a part of a province
    ("深入推进皖北承接产业转移集聚区建设", "皖北承接产业转移集聚区"),
    ("推进珠海西部生态新区、东莞滨海湾新区、中山翠亨新区", "东莞滨海湾新区"),  # 湾 is jieba's morpheme
    # a park named by what it does, where the text builds it (county reports, Hailar 2012/2014)
    ("加快中小微企业创业园建设", "中小微企业创业园"),
    ("支持前海深港现代服务业合作区建设", "前海深港现代服务业合作区"),  # jieba cuts 前/海: joined again
    ("重点扶持非公经济创业园建设", "非公经济创业园"),
    ("加快中俄蒙文化创意产业园项目建设", "中俄蒙文化创意产业园"),  # 创意 (jieba's verb) names the park's work
    ("提升曹妃甸区、渤海新区、廊坊临空经济区等重点承接平台能级", "渤海新区"),  # 渤海: a rare place word
    ("制定川渝高竹新区赋权清单", "川渝高竹新区"),  # jieba cut 川/渝 into one-character words
    # 经济开发区 is a kind of its own, named after a place (national 1992): 洋浦, a rare place word
    ("最近国务院批准海南省吸收外商投资开发洋浦经济开发区，批准黑河", "洋浦经济开发区"),
    ("申建中国-东盟经贸创新发展示范区", "中国-东盟经贸创新发展示范区"),  # a dash joins two places
    ("加快建设重庆国际生物城创新药产业生态圈", "重庆国际生物城"),
    ("用好进博会、链博会等国际展会和中法生态城、中德产业园等合作平台", "中法生态城"),
    # session 8: a designation named by its topic alone, where the text builds it or is granted it
    # (the guide's "designation"; 2025 Chongqing, Guizhou, Hunan, Jiangsu reports)
    ("加快推进数据赋能医保高质量发展先行区建设", "数据赋能医保高质量发展先行区"),
    ("国家文化和科技融合试验区创建工作稳步推进", "国家文化和科技融合试验区"),  # 和 inside a topic
    ("推进内陆开放型经济试验区提档升级", "内陆开放型经济试验区"),
    ("完善进口贸易促进创新示范区", "进口贸易促进创新示范区"),  # a verb acting on the zone stays out
    ("推动数实融合发展示范区和零碳园区建设", "数实融合发展示范区"),  # (kept out as jargon before s8)
    ("西部（重庆）科学城、两江协同创新区提质建设", "西部（重庆）科学城"),  # a region before a bracketed place
    ("推进横琴粤澳深度合作区建设", "横琴粤澳深度合作区"),
    ("健全光明科学城、松山湖科学城、南沙科学城等联动发展机制", "光明科学城"),  # the stem of 光明区
    ("深化新安江—千岛湖生态环境共同保护合作区建设", "新安江—千岛湖生态环境共同保护合作区"),  # 共同 (adverb) inside
    ("加快中医药省实验室、跨境电商产业园、琴澳创新产业园建设", "琴澳创新产业园"),  # jieba's 琴/澳
    ("启动区和昝岗片区加快建设", "昝岗片区"),  # jieba's 昝/岗: one-character words, one a name's
    # session 9: a kind jieba glued to the name before it (金凤科/创园) is cut off again
    ("做强明月湖科创园、金凤科创园和环大学创新生态圈", "金凤科创园"),
    # national reports (dev5, blind): 上海浦东新区 and 滨海新区 are one word of jieba's each
    ("更好发挥深圳等经济特区、上海浦东新区、天津滨海新区在改革开放中先行先试的作用", "上海浦东新区"),
    ("更好发挥深圳等经济特区、上海浦东新区、天津滨海新区在改革开放中先行先试的作用", "天津滨海新区"),
    ("更好发挥深圳等经济特区、上海浦东新区、天津滨海新区在改革开放中先行先试的作用", "深圳经济特区"),  # one place and 等  # 横琴: a noun jieba's dictionary rarely sees
    # session 12 (dev): a zone around a place (环, jieba's verb) and a side of a city open the name
    ("启动环南昆山—罗浮山县镇村高质量发展引领区建设", "环南昆山—罗浮山县镇村高质量发展引领区"),
    ("打造环太湖科技创新示范区", "环太湖科技创新示范区"),
    ("高水平建设南部融城片区，加快推进奥体中心等重大项目", "南部融城片区"),
    ("启动建设京津冀“机器人+”产业园，加快建设", "京津冀“机器人+”产业园"),  # a proper word, then a quoted topic
    ("建设重庆两江“数字”产业园", "重庆两江“数字”产业园"),  # both proper words before the quote
    ("西部（重庆）科学城、两江协同创新区提质建设", "两江协同创新区"),  # 创新区, though jieba glues 区提质
    ("2012年全面启动新城区海拉尔东山组团建设。", "海拉尔东山组团"),  # 组团 of town planning; 新城区 is no place here
    ("开展规范涉企执法专项行动。建好用好合肥法务区。", "合肥法务区"),  # 法务区: a zone of legal services
    ("畜牧科技城、农业科技城等加快建设", "农业科技城"),  # a science city named by its field
    ("加快推进生命科技城、东站TOD等项目", "生命科技城"),
    ("东山组团完成投资5亿元。", "东山组团"),  # a verb after a district of town planning (a second review)
    ("推进东山组团和河西组团开发。", "河西组团"),
    ("建设北京“中关村”科技园", "北京“中关村”科技园"),  # a municipality is a city before a quoted topic
    ("加快重庆高新区建设", "重庆高新区"),  # a municipality's 高新区 is one park, a province's a class
    # session 13: a pair of countries and a bracketed place (保亭 is a county's stem), the
    # pattern of bilateral parks
    ("推动中欧（保亭）绿色数字创新合作区、重点低碳园区等标志性项目", "中欧（保亭）绿色数字创新合作区"),
    ("建设中德（沈阳）高端装备制造产业园", "中德（沈阳）高端装备制造产业园"),
    ("外交部海南自由贸易港全球推介活动成功举办", "海南自由贸易港"),  # the body acting is not the name's
    ("推进招商局漳州开发区转型升级", "招商局漳州开发区"),  # … but a company's name is
    # an 经济区 that says what it is, not a region (a review's sentences)
    ("推进盘锦辽滨沿海经济区、绥中滨海经济区建设", "绥中滨海经济区"),
    ("满洲里口岸经济区", "满洲里口岸经济区"),
    ("重庆江北嘴总部经济区", "重庆江北嘴总部经济区"),
])
def test_named_parks_are_found_whole(sentence, name):
    assert name in _named(sentence)


@pytest.mark.parametrize("sentence, names", [
    ("珠海、阳江渔港经济区纳入国家试点", ["珠海渔港经济区", "阳江渔港经济区"]),
    ("启动汕头、湛江临港经济区建设", ["汕头临港经济区", "湛江临港经济区"]),
    ("启动建设佛山、茂名高州2个改革创新实验区", ["佛山改革创新实验区", "茂名高州改革创新实验区"]),
    ("武汉东湖、襄阳、宜昌3家高新区进入全国50强", ["武汉东湖高新区", "襄阳高新区", "宜昌高新区"]),
    ("深圳、佛山、中山入选国家中医药传承创新发展试验区",  # each subject receives the designation
     ["深圳国家中医药传承创新发展试验区", "佛山国家中医药传承创新发展试验区", "中山国家中医药传承创新发展试验区"]),
    ("支持苏州工业园区、南京江北新区发展", ["苏州工业园区", "南京江北新区"]),  # whole names stay whole
    ("推进江门大广海湾、肇庆新区等建设", ["肇庆新区"]),  # a longer item is not a member of 新区
    ("罗田、钟祥2个县市获批创建国家现代农业产业园", ["罗田国家现代农业产业园", "钟祥国家现代农业产业园"]),
    ("启动了光明、富强、友好三个蔬菜生产园区建设",  # the count vouches for village names that are common words
     ["光明蔬菜生产园区", "富强蔬菜生产园区", "友好蔬菜生产园区"]),
    ("新建两个园区", []),
    ("开发区设东江、诸由观2个片区，园中园有",  # jieba cuts 诸由观 into three characters
     ["东江片区", "诸由观片区"]),
    ("佛山、茂名高州２个改革创新实验区", ["佛山改革创新实验区", "茂名高州改革创新实验区"]),  # full-width count
    ("推进佛山三龙湾、珠海西部生态新区建设", ["珠海西部生态新区"]),  # 龙湾 is the tail of 佛山三龙湾
    ("支持北京、天津、河北雄安新区协同发展", ["河北雄安新区"]),  # 雄安 is a name: nothing is shared
    ("支持西部重庆两江新区、四川天府新区建设", ["重庆两江新区", "四川天府新区"]),  # a side of a place is not a name's
    ("加快广梅、莞韶等省产业转移园建设", ["广梅产业转移园", "莞韶产业转移园"]),  # the level 省 is not a name's
    ("当阳、宜城、江陵等7个县市获评全国农村电商与快递协同发展示范区",  # 当阳 is jieba's time word
     ["当阳全国农村电商与快递协同发展示范区", "宜城全国农村电商与快递协同发展示范区",
      "江陵全国农村电商与快递协同发展示范区"]),
    # session 13, from test-3's retired half (2025 Fujian, Hainan): 争创 gives the designation to
    # each subject; a level after the list opens what is shared; a pair of one-character names
    # jieba split (深/儋) is a member
    ("支持福州、厦门、泉州争创全国基础教育综合改革实验区，稳步扩大普通高中招生规模",
     ["福州全国基础教育综合改革实验区", "厦门全国基础教育综合改革实验区", "泉州全国基础教育综合改革实验区"]),
    ("巩固拓展宁德、龙岩国家级普惠金融改革试验区试点成果",
     ["宁德国家级普惠金融改革试验区", "龙岩国家级普惠金融改革试验区"]),
    ("推进福州、厦门国家级新区建设", ["福州新区", "厦门新区"]),
    ("淮安、宿迁获批综合保税区", ["淮安综合保税区", "宿迁综合保税区"]),  # an established kind is each city's own
    ("支持深圳、佛山争创国家级示范区", []),
    ("加快推进湘琼、粤琼、浙琼、琼港、深儋合作产业园建设",
     ["湘琼合作产业园", "粤琼合作产业园", "浙琼合作产业园", "琼港合作产业园", "深儋合作产业园"]),
    ("支持深圳、佛山争创示范区", []),  # a bare kind is shared by no one
])
def test_a_list_sharing_one_kind_names_one_park_per_member(sentence, names):
    assert _named(sentence) == names


def test_items_of_a_list_of_parks_are_parks_when_they_open_with_a_place():
    named = _named("推进珠海西部生态新区、佛山三龙湾、惠州潼湖生态智慧区、东莞滨海湾新区、江门大广海湾、肇庆新区等建设")
    assert {"佛山三龙湾", "江门大广海湾", "惠州潼湖生态智慧区"} <= set(named)
    assert "襄阳东津城市新中心" in _named("武汉新城、襄阳东津城市新中心、宜昌东部产业新区等重点区域加快建设")
    # a side of a place, or an item that is only a place, stays out
    assert "浦东国际机场南侧" not in _named("先行启动南汇新城、临港装备产业区、浦东国际机场南侧、洋山保税港区等区域")
    assert "新加坡" not in _named("深化与苏州工业园区、南京江北新区、新加坡合作")
    # items far from the kinds are read whole; a list mostly of other things lends nothing
    named = _named("推进珠海西部生态新区、东莞滨海湾新区、佛山三龙湾、江门大广海湾等建设")
    assert {"佛山三龙湾", "江门大广海湾"} <= set(named) and "佛山三" not in named
    assert _named("依托苏州工业园区、南京江北新区、杭州萧山机场、宁波舟山港、南京禄口机场等载体") == [
        "苏州工业园区", "南京江北新区"]
    # an item opening with a group of cities jieba split (长/株潭, 合芜/蚌) is read joined
    assert "长株潭融城核心区" in _named("推进珠海西部生态新区、长株潭融城核心区、东莞滨海湾新区等建设")
    assert _named("推进合肥高新区、合芜蚌创新走廊、芜湖经开区等建设") == ["合肥高新区", "芜湖经开区"]
    # but a process or a region of several cities is no park (长株潭一体化, 长株潭都市圈)
    assert _named("推动长沙经开区、长株潭一体化、岳阳经开区等协同发展") == ["长沙经开区", "岳阳经开区"]


def test_a_list_member_is_traced_to_its_characters():
    found = {p.name: "启动汕头、湛江临港经济区建设"[p.start:p.end]
             for p in find_park_names("启动汕头、湛江临港经济区建设", [])}
    assert found == {"汕头临港经济区": "汕头", "湛江临港经济区": "湛江临港经济区"}




def test_a_group_of_one_provinces_cities_opens_a_name():
    # jieba cuts 长/株/潭 into an adjective, a measure word and a noun; 合/六 into a verb and a numeral
    assert _named("长株潭国家自主创新示范区加快建设") == ["长株潭国家自主创新示范区"]
    assert _named("合肥都市圈发展规划获批实施，合淮、合六、合滁合作园区加快建设。") == [
        "合淮合作园区", "合六合作园区", "合滁合作园区"]
    # jieba cuts 合芜蚌 into 合芜/蚌 and 株潭 stays one word: the pieces are joined, none left over
    assert _named("支持长株潭、郑洛新、合芜蚌国家自主创新示范区建设。") == [
        "长株潭国家自主创新示范区", "郑洛新国家自主创新示范区", "合芜蚌国家自主创新示范区"]
    assert _named("推进兰白、郑洛新、长株潭等国家自主创新示范区建设") == [
        "兰白国家自主创新示范区", "郑洛新国家自主创新示范区", "长株潭国家自主创新示范区"]
    # words of the language made of such characters are not groups (文山 + 昆明; the Yangtze and Huai)
    assert not is_city_group("文明") and not is_city_group("江淮")
    assert is_city_group("郑洛新") and not is_city_group("长江")  # 长江: no city of one province for 江


@pytest.mark.parametrize("sentence", [
    "建设七大产业园区",  # 七台河 + 大庆: no capital leads them
    "今年新上开发区重点项目120个",  # 新余 + 上饶
    "建设三新经济示范区",
    "以水定城示范区建设稳步推进",
    "三年内达产业园区标准",
    "打造平白工业园区",
    "推进边城经济合作区建设",
    "差距太大园区发展",  # 太原 + 大同, but 太 is an adverb here
])
def test_common_characters_of_city_names_are_not_a_group(sentence):
    assert _named(sentence) == []


def test_a_verb_before_a_designation_ends_the_subject():
    assert _named("把湖北打造成全国数实融合发展示范区") == []


def test_a_site_verb_is_no_part_of_the_name():
    """选址 (site at; jieba's noun) stands before the zone as 落户 does (an investment guide of dev14)."""
    assert _named("创新药及高端制剂产业化项目，拟选址连云港经济技术开发区，总投资30亿元。") == ["连云港经济技术开发区"]


def test_some_of_a_zones_parks_are_no_named_part_of_it():
    """部分, 其他 after a zone's kind make a class of its parks; a part with a name stays one."""
    assert _named("晋江经济开发区部分老园区产值下降") == ["晋江经济开发区"]
    assert _named("苏州工业园区其他园区") == ["苏州工业园区"]
    assert "潞城经开区化工园区" in _named("推动潞城经开区化工园区扩区")
    assert "神木高新区锦界片区" in _named("神木高新区锦界片区")


def test_a_quality_after_a_zones_kind_is_what_it_works_towards():
    """dev15's 克拉玛依 tasks: 智慧化工园区 after the zone is the quality it is built for, no part."""
    assert _named("推进克拉玛依石化工业园区智慧化工园区建设") == ["克拉玛依石化工业园区"]
    assert _named("开展克拉玛依高新区绿色园区创建") == ["克拉玛依高新区"]
    # before 产业园 the quality is the industry of a named part
    assert "格尔木工业园循环经济产业园" in _named("支持格尔木工业园循环经济产业园发展盐湖化工。")
    assert "长治高新区数字产业园" in _named("建设长治高新区数字产业园")


def test_the_parts_a_zone_is_declared_to_have_are_parks():
    """An investment guide of dev14 introduces a zone with its parks (园中园) and areas (片区): each
    is one, whatever its name; industries before 园中园 are not."""
    assert _named("玉门经济开发区下设新能源装备制造产业园、循环经济产业园和现代物流园3个园中园。")[-3:] == [
        "新能源装备制造产业园", "循环经济产业园", "现代物流园"]
    assert {"城北片区", "柳园片区"} <= set(_named("瓜州工业园区由城北、柳园两个片区组成。"))
    assert {"老君庙片区", "玉门东片区"} <= set(_named("规划面积52.6平方公里，分为老君庙片区和玉门东片区。"))
    assert _named("建成先进陶瓷、MEMS传感器、生物医药等特色园中园") == []
    assert _named("由市政府和省政府共同负责") == []
    # a review's cases: 和 inside a part's name, the list after the last cue, areas of work or town
    assert _named("开发区下设和平产业园、和谐物流园2个园中园") == ["和平产业园", "和谐物流园"]
    assert _named("由国家发展改革委批准设立的玉门经济开发区下设新能源装备制造产业园、循环经济产业园和现代物流园"
                  "3个园中园")[-3:] == ["新能源装备制造产业园", "循环经济产业园", "现代物流园"]
    for sentence in ["新城分为生产、生活和生态三个片区", "包括学校、医院等片区配套设施", "由街道、社区两级片区长负责巡查",
                     "分为东区和西区两个片区"]:
        assert _named(sentence) == [], sentence
    assert _named("全部建成后推进内陆开放型经济试验区提档升级") == ["内陆开放型经济试验区"]


def test_a_zones_parks_named_by_their_place_and_garden_alone_are_parks():
    """A zone's 条例 (dev20's 万州, 福州) declares its parks 一区多园 style, each a name and 园 alone;
    gardens, schools and two items with nothing saying they are parks are not."""
    assert _named("下设高峰园、天城园、龙都园、新田园和九池园") == ["高峰园", "天城园", "龙都园", "新田园", "九池园"]
    assert {"洪山园", "仓山园", "长乐园", "闽侯园"} <= set(
        _named("包括核心区（海西高新技术产业园）和洪山园、仓山园、长乐园、闽侯园等园区"))
    assert _named("经开区下辖高峰园、天城园以及龙都园")[-3:] == ["高峰园", "天城园", "龙都园"]
    assert _named("万州经开区由高峰园、天城园和龙都园组成")[-3:] == ["高峰园", "天城园", "龙都园"]
    # 园区 parts too (dev17's 宜秀, 南充), and the characters jieba cut off a name found inside (大|龙山园区)
    assert _named("宜秀经开区分为大龙山园区和杨桥园区两个园区") == ["宜秀经开区", "大龙山园区", "杨桥园区"]
    assert _named("包含潆溪园区、芦溪园区两个区块") == ["潆溪园区", "芦溪园区"]
    assert _named("全省分为工业园区、物流园区和农业园区三类") == []
    for sentence in ["包括植物园、动物园和湿地公园", "包括百果园、百草园", "设有桃园、李园和杏园", "下设幼儿园、托儿所和敬老院",
                     "中医药文化公园建有百草园、本草园和药王园", "现代农业产业园包括葡萄园、猕猴桃园、蓝莓园等园区",
                     "创业孵化基地下设电商园、加工园和创意园", "文化产业园包括动漫园、影视园、文创园3个园区"]:
        assert _named(sentence) == [], sentence


def test_bare_zone_words_stay_generic():
    found = find_park_names("吸引优质企业向园区集中", [])
    assert [(p.name, p.generic) for p in found] == [("园区", True)]


def test_spellings_of_one_park_fold_to_one_row():
    rows = canonical_parks({
        "a.txt": ["上海自贸试验区", "中国（上海）自由贸易试验区", "上海浦东新区"],
        "b.txt": ["上海自由贸易试验区", "中国上海自由贸易试验区", "浦东新区", "浦东新区"],
    })
    assert set(rows) == {"中国（上海）自由贸易试验区", "浦东新区"}
    assert set(rows["中国（上海）自由贸易试验区"].aliases) == {"上海自贸试验区", "上海自由贸易试验区", "中国上海自由贸易试验区"}
    assert rows["浦东新区"].aliases == ["上海浦东新区"] and rows["浦东新区"].docs == ["a.txt", "b.txt"]


@pytest.mark.parametrize("a, b", [
    ("宁波经开区", "宁波经济技术开发区"), ("武汉东湖高新区", "武汉东湖高新技术产业开发区"),
    ("湖北自贸区", "中国（湖北）自由贸易试验区"), ("呼伦贝尔市中心城新区", "呼伦贝尔中心城新区"),
    ("宁德国家级普惠金融改革试验区", "宁德普惠金融改革试验区"),  # a level after the place
])
def test_abbreviated_kinds_and_prefixes_share_a_key(a, b):
    assert park_key(a) == park_key(b)


def test_different_cities_keep_their_own_row():
    assert park_key("宁波经开区") != park_key("合肥经开区")


def test_document_abbreviation_names_the_full_park():
    text = "为了规范和保障河北雄安新区（以下简称“新区”）的规划建设，制定本条例。\n新区管理委员会负责新区的规划实施。\n"
    assert find_abbreviations(text) == {"新区": "河北雄安新区"}
    doc_links = Linker.load().link_document(_doc(text), segment(text))
    second = [c for c in doc_links.clauses if c.start >= text.index("\n")]
    assert {lk.name for c in second for lk in c.links if lk.kind == "park"} == {"河北雄安新区"}
    rows = canonical_parks({"x": doc_links.park_names()}, {"x": doc_links.abbreviations})
    assert rows["河北雄安新区"].aliases == ["新区"]


def test_a_bureau_abbreviation_is_not_a_park():
    assert find_abbreviations("贸易试验区工作领导小组（以下简称领导小组）负责组织领导自贸试验区全面建设") == {}


def test_within_where_the_text_writes_them_together():
    found = find_park_names("支持中关村国家自主创新示范区海淀园建设", [])
    assert nested_parks(found) == {"海淀园": "中关村国家自主创新示范区"}
    rows = canonical_parks({"x": [p.name for p in found]}, None, {"x": nested_parks(found)})
    assert rows["海淀园"].within == "中关村国家自主创新示范区"


def test_taxonomy_export_reads_back():
    import tomllib

    rows = canonical_parks({"x": ["上海自贸试验区", "中国（上海）自由贸易试验区"]})
    taxonomy = Taxonomy()
    taxonomy.merge(tomllib.loads(to_taxonomy_toml(rows.values())))
    park = taxonomy.parks["中国（上海）自由贸易试验区"]
    assert park.aliases == ["上海自贸试验区"] and park.kind == "自由贸易试验区"


def test_score_parks_matches_any_alias_after_folding():
    gold = [{"doc": "d.txt", "name": "中国（重庆）自由贸易试验区", "aliases": ["自贸试验区"]},
            {"doc": "d.txt", "name": "两江新区", "aliases": []}]
    found = {"d.txt": [{"name": "重庆自由贸易试验区", "aliases": []}, {"name": "重点园区", "aliases": []}]}
    result = score_parks(gold, found)
    score = result["docs"]["d.txt"]
    assert (score["tp"], score["fp"], score["fn"]) == (1, 1, 1)
    assert result["units"] == [(1, 1, 1)]  # per document, for the bootstrap interval
    assert fold_park_name("中国（上海）自由贸易试验区") == fold_park_name("上海自由贸易试验区") == fold_park_name("上海自贸试验区")
    assert fold_park_name("中国（上海）自由贸易试验区") != fold_park_name("上海自由贸易区")


def test_score_parks_reads_a_parts_parent_by_its_short_kind():
    """dev36's 荣成 plan writes 山东自贸试验区烟台片区 for 烟台片区 within 中国（山东）自由贸易试验区: one part."""
    gold = [{"doc": "d.txt", "name": "烟台片区", "aliases": [], "within": "中国（山东）自由贸易试验区"}]
    found = {"d.txt": [{"name": "山东自贸试验区烟台片区", "aliases": []}]}
    assert score_parks(gold, found)["overall"] == {"precision": 1.0, "recall": 1.0, "tp": 1, "fp": 0, "fn": 0}


def test_score_parks_reads_a_part_written_after_its_parent_as_the_part():
    # session 20's anxi plan: 主动对接中国（福建）自由贸易试验区厦门片区, keyed as 厦门片区 within the zone
    gold = [{"doc": "d.txt", "name": "厦门片区", "aliases": [], "within": "中国（福建）自由贸易试验区"},
            {"doc": "d.txt", "name": "城东片区", "aliases": [], "within": "安溪经济开发区"}]
    found = {"d.txt": [{"name": "中国（福建）自由贸易试验区厦门片区", "aliases": []},
                       {"name": "安溪城东片区", "aliases": []}]}
    score = score_parks(gold, found)["docs"]["d.txt"]
    assert (score["tp"], score["fp"], score["fn"]) == (1, 1, 1)  # a name the text never writes is no match
    # kb's two rows for one park: both right as usual, the second wrong one to one
    twice = {"d.txt": [{"name": "厦门片区", "aliases": []}, {"name": "中国（福建）自由贸易试验区厦门片区", "aliases": []}]}
    result = score_parks(gold[:1], twice)
    assert result["overall"]["tp"] == 2 and result["overall"]["fp"] == 0
    assert (result["one_park_one_row"]["tp"], result["one_park_one_row"]["fp"]) == (1, 1)


def test_score_clusters_per_cluster_and_micro():
    gold = [{"doc": "d.txt", "line": 3, "clusters": ["化工", "新能源"]}, {"doc": "d.txt", "line": 4, "clusters": []}]
    got = {("d.txt", 3): {"化工"}, ("d.txt", 4): {"现代农业"}}
    result = score_clusters(gold, got)
    assert result["clusters"]["化工"]["precision"] == 1.0 and result["clusters"]["新能源"]["recall"] == 0.0
    assert (result["overall"]["tp"], result["overall"]["fp"], result["overall"]["fn"]) == (1, 1, 1)
    assert result["units"] == [(1, 1, 1)]  # per document, for the bootstrap interval


def test_a_list_of_parts_alike_needs_one_named_to_name_them_all():
    """dev17's 涪陵 and 盘州: parts of one shape (two or three characters and 园区 or 片区), one of them
    found, are all parks; parts named by what they are (核心, 化工) or common areas (老城) are not."""
    assert _named("李渡园区、龙桥园区、清溪园区分别设立企业服务中心") == ["李渡园区", "龙桥园区", "清溪园区"]
    with own_place_words(frozenset({"红果"})):  # 盘州's 红果街道 (towns.tsv): a common noun elsewhere
        assert _named("加快红果片区、柏果片区基础设施互联互通") == ["红果片区", "柏果片区"]
    assert _named("核心园区、起步园区、李渡园区基础设施") == ["李渡园区"]
    assert _named("化工园区、物流园区、李渡园区建设") == ["李渡园区"]
    assert _named("推进老城片区、城南片区改造") == []


def test_a_lists_last_part_and_a_zones_areas_named_by_a_place_word():
    """dev21's 红河 and 长寿: the last of parts alike ends at its kind (大屯片区 of 大屯片区错位发展), and an
    area jieba knows as a place (江南) names a zone's 片区 however common the word."""
    assert _named("推进鸡街片区、沙甸片区、大屯片区错位发展，") == ["鸡街片区", "沙甸片区", "大屯片区"]
    assert _named("开发区实行片区化管理，包括晏家、江南、八颗三个片区。") == ["晏家片区", "江南片区", "八颗片区"]


def test_an_industry_jieba_reads_as_a_verb_stands_inside_a_name():
    """dev21's 随州 plan: 铸造 (a verb to jieba) is the industry of 广水铸造产业园, as 制造 is of 装备制造园."""
    assert _named("在广水经济开发区建设广水铸造产业园，") == ["广水经济开发区", "广水铸造产业园"]


def test_a_part_opening_its_clause_with_its_role_is_named_by_two_or_three_characters():
    """dev21's 昌吉 意见 and 红河, dev19's 研和: 五彩湾产业园重点发展…, 鸡街片区重点发展… open their clause
    with a part's name and role; a pronoun, numeral, verb or common word before the kind names none."""
    assert _named("五彩湾产业园重点发展煤电、煤制油气和煤制烯烃；") == ["五彩湾产业园"]
    assert _named("将军庙产业园重点发展煤炭分质利用和煤焦油深加工；") == ["将军庙产业园"]
    assert _named("（二）上板城片区以装备制造为主。") == ["上板城片区"]
    for sentence in ["每个园区重点发展一至两个主导产业。", "二是园区定位不清。", "引导园区聚焦主导产业。",
                     "核心园区重点发展电子信息。", "化工园区重点发展精细化工。", "起步园区主要承接产业转移。"]:
        assert _named(sentence) == [], sentence


def test_a_park_named_by_its_town_and_industry():
    """dev17's 监利 and 盘州, dev8's 高家堡: a town (jieba's 毛|市镇, 高家|堡镇) and an industry before the
    kind name a park; classes of towns (乡镇, 城镇, 特色小镇) and 园 ending a word (田园) do not."""
    assert _named("调入毛市镇食品产业园1.52平方公里") == ["毛市镇食品产业园"]
    assert _named("支持石桥镇农产品加工园新引进") == ["石桥镇农产品加工园"]
    assert _named("推进高家堡镇现代农业产业园建设") == ["高家堡镇现代农业产业园"]
    for sentence in ["推动乡镇产业园发展", "建设特色小镇产业园", "盘活部分乡镇园区", "推进丹麻镇土族风情田园建设"]:
        assert _named(sentence) == [], sentence


def test_a_numbered_item_headed_by_a_parks_name_alone():
    """dev17's 荆州 approval, dev18's 天水: （二）滩桥精细化工园。 2.社棠工业园区。 head an item with a park's
    name; an item headed by a class of parks (重点园区, 承载园区, 市级特色产业园区) names none."""
    assert _named("（二）滩桥精细化工园。") == ["滩桥精细化工园"]
    assert _named("2.社棠工业园区。") == ["社棠工业园区"]
    assert _named("（五）北西庄片区。") == ["北西庄片区"]
    assert _named("推进张江高新园区建设") == ["张江高新园区"]  # a review's case: 高新园 is no kind ending 高新园区
    for sentence in ["（一）承载园区。", "（二）重点园区。", "（三）市级特色产业园区。", "（一）县域工业园区"]:
        assert _named(sentence) == [], sentence


def test_a_town_of_the_documents_county_jieba_cuts_is_joined_again():
    """dev22's 格尔木 and 内江: 大/格勒, 乌图/美仁, 椑/木 are the county's towns; in its documents they
    open their parks, an industry and a verb (装备制造园) before a bare 园 included."""
    with own_place_words(frozenset({"大格勒", "乌图美仁", "椑木", "胡村"})):
        assert _named("统筹昆仑核心园、察尔汗盐湖化工园、大格勒新能源园和乌图美仁光伏光热园规划建设")[-2:] == [
            "大格勒新能源园", "乌图美仁光伏光热园"]
        assert "椑木生物医药产业园" in _named("由汉安新城核心区、椑木生物医药产业园和数字经济产业园组成")
        assert _named("胡村装备制造园。") == ["胡村装备制造园"]
    assert "大格勒新能源园" not in _named("统筹大格勒新能源园规划建设")
    with own_place_words(frozenset({"昌东", "麻丘"})):  # dev22's 南昌高新区 条例: towns a zone runs are no parks
        assert _named("包括瑶湖片区、昌东工业区以及管理委员会托管的昌东镇、麻丘镇等区域") == ["瑶湖片区", "昌东工业区"]
    # dev22's 汉中 plan: a county listed with parks is no park
    assert _named("汉中经济技术开发区、汉中兴元新区和勉县、南郑区。") == ["汉中经济技术开发区", "汉中兴元新区"]


def test_the_country_a_park_abroad_lies_in_opens_its_name():
    """dev22's 温州 plan: 越南龙江工业园 (jionlp's world locations, kb/data/countries.txt)."""
    assert _named("推动越南龙江工业园扩区") == ["越南龙江工业园"]


def test_the_reviews_cases_of_session_28_name_no_park():
    """A review of session 28's rules: verbs before a town's park, classes a count declares, common
    nouns, industries and placeholders before a part's kind, a town's quarters renewed, and a zone the
    gazetteer holds as a place, each read rightly."""
    for sentence in ["在毛市镇建设食品产业园", "支持毛市镇发展食品产业园", "推动百强镇产业园提质", "建成化工园区、物流园区2个园区",
                     "静脉产业园重点发展资源循环利用", "电商产业园重点发展直播电商", "大学城片区以科教为主", "老城片区以商贸为主",
                     "新城片区重点发展总部经济", "（二）专精特新产业园。", "（三）大数据产业园。", "（四）村级工业园。", "（一）××产业园。"]:
        assert _named(sentence) == [], sentence
    assert _named("全县现有经济开发区、高新区2个园区") == []
    assert _named("监利市毛市镇食品产业园扩区") == ["毛市镇食品产业园"]
    assert _named("区内设电子信息产业园、高端装备产业园２个专业园区，") == ["电子信息产业园", "高端装备产业园"]
    assert _named("支持天府新区、贵安新区、西咸新区、兰州新区建设") == ["天府新区", "贵安新区", "西咸新区", "兰州新区"]
    assert "南门片区" not in _named("加快推进南门片区、北关片区、东关片区棚户区改造")


def test_two_countries_open_a_cross_border_zone_of_two_towns():
    """dev21's 防城港 speech: 中越 opens 中越东兴—芒街跨境经济合作区."""
    assert _named("加快建设中越东兴—芒街跨境经济合作区，") == ["中越东兴—芒街跨境经济合作区"]


def test_a_count_declares_a_zones_parts_named_by_their_industry():
    """dev17's 信阳 and 文昌, dev16's 廊坊: 2个专业园区 or 两个园中园 after as many items makes each a park,
    an industry's name and all; bare 园 of a zone's quarters (动漫园) needs 园中园, and a count that is not
    the items' (three items, 2个) declares nothing."""
    assert _named("区内设电子信息产业园、高端装备产业园2个专业园区，") == ["电子信息产业园", "高端装备产业园"]
    assert _named("椰子精深加工园、新型建材园两个园中园标准厂房全部出租") == ["椰子精深加工园", "新型建材园"]
    assert _named("区内设电子信息产业园、高端装备产业园、物流园2个专业园区") == []
    assert _named("文化产业园包括动漫园、影视园、文创园3个园区") == []


def test_candidate_coverage_counts_a_zone_once_named_or_listed():
    gold = [{"doc": "a.txt", "name": "卫星互联网产业园"}, {"doc": "a.txt", "name": "重庆高新区", "aliases": ["高新区"]},
            {"doc": "a.txt", "name": "明月湖科创园"}, {"doc": "b.txt", "name": ""}]
    named = {"a.txt": ["重庆高新区"]}
    listed = {"a.txt": ["卫星互联网产业园", "重庆高新区", "国际法务区"]}
    c = candidate_coverage(gold, named, listed)
    assert (c["zones"], c["named"], c["listed"], c["candidates"]) == (3, 1, 1, 2)
    assert round(c["recall_named"], 3) == 0.333 and round(c["recall_named_or_listed"], 3) == 0.667


def test_bootstrap_interval_holds_the_figure_and_narrows_with_more_documents():
    few = [(3, 0, 1), (1, 1, 2), (4, 0, 0)]  # (tp, fp, fn) per document
    band = bootstrap_interval(few)
    low, high = band["recall"]
    assert low < 8 / 11 < high and band == bootstrap_interval(few)  # seeded: the same each run
    many = bootstrap_interval(few * 20)["recall"]
    assert low <= many[0] < many[1] <= high and many[1] - many[0] < high - low
    assert bootstrap_interval([(2, 0, 0)] * 5) == {"precision": (1.0, 1.0), "recall": (1.0, 1.0), "units": 5}


def test_grain_output_is_not_modern_agriculture():
    text = "全省生产总值增长5.8%，粮食产量稳定在1300亿斤以上。\n"
    links = Linker.load().link_document(_doc(text), segment(text))
    assert not [lk for c in links.clauses for lk in c.links if lk.kind == "cluster"]


def _doc(text: str):
    from kb.load import Document

    return Document("doc.txt", text, "utf-8", "", "t", "202x", "报告", False)


SHIPPED = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.skipif(not SHIPPED.is_dir(), reason="the shipped corpus is not beside the tests")
def test_top_100_park_names_of_the_shipped_corpus_are_names():
    import jieba.posseg

    from kb.tokenize import plain_tokenizer

    linker = Linker.load()
    catalog = read_catalog(SHIPPED)
    passages_per_name: Counter = Counter()
    where: dict[str, str] = {}  # a passage text that names each park
    for path in sorted(SHIPPED.glob("*.txt")):
        doc = load_document(path, path.name, catalog)
        passages = segment(doc.text)
        links = linker.link_document(doc, passages)
        for passage in passages:
            names = {lk.name for lk in links.for_passage(passage)
                     if lk.kind == "park" and lk.name and lk.name not in GENERIC_ZONES}
            passages_per_name.update(names)
            for name in names:
                where.setdefault(name, doc.text[passage.char_start:passage.char_end])
    top = [name for name, _ in passages_per_name.most_common(100)]
    assert len(top) >= 20
    for name in top:
        clauses = re.split("[，,；;：:。]", where[name])  # a completed member (广梅产业转移园) is not written
        clause = next((c for c in clauses if name in c), next((c for c in clauses if name[:2] in c), ""))
        text, at = where[name], where[name].find(name)
        if at > 0:  # never starts inside a word of its sentence (碳园区 of 零碳园区)
            window = text[max(0, at - 12):at + len(name)]
            assert at - max(0, at - 12) in {w.start for w in words_of(window)}, name
        first = next(iter(jieba.posseg.cut(name)))
        # 雄安 (not a word jieba knows) is tagged 'a' by its HMM, and so is the city 茂名; 合 of
        # 合滁 (合肥 and 滁州) is a verb to jieba, and so is 环 (around) of 环南昆山…引领区
        if plain_tokenizer().in_dictionary(first.word) and not is_city_or_province(first.word + "市") \
                and not any(is_city_group(name[:n]) for n in (2, 3, 4)) and first.word != "环":
            assert first.flag not in ("v", "d", "p", "m", "a", "c", "ad"), name  # verb, modifier, numeral
        # whole, not generic: found on its own, or where the text builds it (a park named by its
        # topic), or in its clause as an item of a list of parks (佛山三龙湾) or a member of a list
        # sharing one kind (广梅、莞韶等省产业转移园 → 广梅产业转移园)
        assert (name in _named(name) or name in _named(f"加快{name}建设") or name in linker.taxonomy.parks
                or known_zones().knows(name)  # a zone kb knows by name (kb/data/zones.tsv)
                or (name in _named(clause) and (is_city_or_province(name[:2]) or "、" in clause))), name


# -- candidates: possible parks kb did not name, for a person to confirm (kb parks --candidates)


@pytest.mark.parametrize("sentence, name", [
    ("培育生物制造等未来产业，打造卫星互联网产业园。", "卫星互联网产业园"),  # named by its topic after 打造
    ("制定降低全社会物流成本行动方案，打造国家物流枢纽经济区，力争枢纽通道联运量增长20%。", "国家物流枢纽经济区"),
    ("务实推进“中赤几”产业园区建设", "“中赤几”产业园区"),  # a quoted name, read whole
    ("推动发展更具全球影响力和时代活力的新时代经济特区", "新时代经济特区"),  # 新 alone is no verb of the text
    ("大力发展数字经济产业园", "数字经济产业园"),  # the opening verb dropped
])
def test_a_zone_kb_does_not_name_is_a_candidate(sentence, name):
    assert name not in _named(sentence)
    assert name in [c.name for c in candidate_parks(sentence)]


@pytest.mark.parametrize("sentence", [
    "加快重庆高新区建设",  # kb names it: no candidate
    "建设一批特色产业园区",  # classes and counts
    "新创建国家农业优势特色产业集群2个、现代农业产业园2个",
    "开展近零碳园区建设17个",  # 碳园区 is the tail of 零碳
    "9家高新区进入国家高新区综合评价前50强",
    "推进43个城市片区更新",
    "河南省开发区条例",
    "打造“双百亿”园区",
    "推进中日韩自贸区谈判",  # an area of a trade agreement
    "健全园区开发区“管委会+运营公司”协调联动机制",  # an opening verb, then two kinds
    "亳州、黄山入选国家中医药传承创新发展试验区",  # kb names it as the members' park
    "推进公园城市建设，新建口袋公园100个",  # a bare 园 is left out
    # a second review of session 12: opening verbs jieba tags otherwise, classes, names cut short
    "持续深化园区改革",
    "全面优化园区营商环境",
    "进一步规范开发区建设",
    "推动园区循环化改造，创建绿色园区",
    "严控耕地、在产企业、化工园区等新增污染",
    "加快建设智慧园区",
    "支持长沙智能网联汽车产业园发展",  # jieba's 智能网/联: not 汽车产业园
    "我区工业园区发展势头良好",
    "推进乌鲁木齐国际陆港区建设",  # 陆港 inside 陆港区
    "建设“”产业园",
])
def test_kinds_named_or_classes_are_no_candidates(sentence):
    assert candidate_parks(sentence) == []


def test_a_known_name_is_no_candidate():
    sentence = "要充分利用铝基新材料产业园为铝精深加工产业发展平台"
    assert candidate_parks(sentence, frozenset({"铝基新材料产业园"})) == []
    found = candidate_parks("为横琴合作区、粤港澳大湾区建设指明前进方向")
    assert [(c.name, c.start, c.end) for c in found] == [("横琴合作区", 1, 6)]  # traced to its characters
    # but where the document names the park in full, its short form is no candidate
    assert candidate_parks("为横琴合作区、粤港澳大湾区建设指明前进方向", {"横琴粤澳深度合作区"}) == []


# Session 15: shapes the rules alone missed among the known zones (kb/data/zones.tsv) set in
# neutral sentences. The names are written for the test; the first two negatives are quoted
# from the corpus.
@pytest.mark.parametrize("sentence, name", [
    ("推进即墨经济开发区建设", "即墨经济开发区"),  # 即墨 (即墨区): jieba's verb
    ("遵义经济技术开发区实现营业收入增长10%", "遵义经济技术开发区"),
    ("颍上经济开发区获批省级开发区", "颍上经济开发区"),  # jieba's 颍/上
    ("推进五莲经济开发区建设", "五莲经济开发区"),  # a county whose name opens with a numeral
    ("冠县经济开发区", "冠县经济开发区"),  # a two-character county the gazetteer now keeps
    ("支持武进国家高新技术产业开发区创建一流园区", "武进国家高新技术产业开发区"),
    ("推进瑞丽边境经济合作区建设", "瑞丽边境经济合作区"),
    ("高水平建设杭州未来科技城", "杭州未来科技城"),  # 未来: jieba's word of time
    ("成都高新综合保税区进出口总额增长", "成都高新综合保税区"),
    ("共建深圳（哈尔滨）产业园区", "深圳（哈尔滨）产业园区"),  # one place's zone in another
    ("提升广州（清远）产业转移工业园发展水平", "广州（清远）产业转移工业园"),
    ("大连软件园", "大连软件园"),  # 大连: jieba's adverb
    ("推进昆山出口加工区转型", "昆山出口加工区"),
    ("推进厦门海沧台商投资区发展", "厦门海沧台商投资区"),
    ("加快东兴边境贸易区建设", "东兴边境贸易区"),
    ("支持合肥国家新一代人工智能创新发展试验区建设", "合肥国家新一代人工智能创新发展试验区"),  # 新一代: jieba's time
    ("推进自贸试验区开封片区建设", "开封片区"),  # 开封 (jieba's verb) names the area after its city
])
def test_zones_of_counties_and_paired_places_are_named_whole(sentence, name):
    assert _named(sentence) == [name]


@pytest.mark.parametrize("sentence, parks", [
    ("佛山高新区南海园", ["佛山高新区", "佛山高新区南海园"]),  # written whole, as 中国（山东）…济南片区
    ("高新区幼儿园", []),  # a word of its own
    # kindergartens a zone runs (a review's sentences)
    ("合肥高新区公办园新增学位600个", ["合肥高新区"]),
    ("芜湖经开区中心园扩建完成", ["芜湖经开区"]),
    ("高新区普惠园增加学位", []),
])
def test_a_name_between_a_zones_kind_and_a_bare_garden_names_one_of_its_parks(sentence, parks):
    assert _named(sentence) == parks


@pytest.mark.parametrize("sentence", [
    "金融监管部门应当会同自贸试验区和相关部门建立跨境资金流动风险监管机制",  # 会同 'together with', 会同县
    "（五）聚力打造城乡融合乡村振兴示范区，在推动大城市带大农村大山区大库区发展上探索新路子。",  # 振兴区
    "全年新建工业园区3个，新建产业园区一批",  # 新建 (the verb) opens 新建区
    "加快未来产业先导区建设",  # a designation's topic, not a time in a name
    "积极创建国家未来产业先导区",
    "推进老城片区改造",  # 老城区 is a district, 老城 no city
    "今年产业园区营收增长10%",
])
def test_common_words_that_are_also_places_open_no_name(sentence):
    assert _named(sentence) == []


# Session 15: shapes from the development half of the blind sentences (eval/sentences/)
@pytest.mark.parametrize("sentence, names", [
    ("支持格尔木、德令哈、大柴旦、乌兰四个工业园区延链补链强链",  # 大/柴旦: jieba cut a counted item
     ["格尔木工业园区", "德令哈工业园区", "大柴旦工业园区", "乌兰工业园区"]),
    ("支持正定、曹妃甸、大兴机场三个片区开展差别化探索", ["正定片区", "曹妃甸片区", "大兴机场片区"]),
    ("推动彭阳、西吉两个县级工业园区提档升级", ["彭阳工业园区", "西吉工业园区"]),  # the level is no part
    ("高水平推进嘉定、青浦、松江、奉贤、南汇等五个新城建设",  # 等 and a count close the list
     ["嘉定新城", "青浦新城", "松江新城", "奉贤新城", "南汇新城"]),
    ("推动空港新城、沣东新城、秦汉新城、沣西新城、泾河新城五个新城错位发展",  # 空港: like its neighbours
     ["空港新城", "沣东新城", "秦汉新城", "沣西新城", "泾河新城"]),
    ("支持会昌、寻乌工业园区特色化发展", ["会昌工业园区", "寻乌工业园区"]),  # 寻乌 (寻乌县) as a member
    ("建成运营滦平县返乡创业园，入驻创业实体46家", ["滦平县返乡创业园"]),
    ("推动于都工业园区纺织服装产业向中高端迈进", ["于都工业园区"]),  # jieba's 于/都
    ("定远盐化工业园获批省级化工园区", ["定远盐化工业园"]),  # 定远 (定远县): jieba's adverb
    ("深入推进兰白科技创新改革试验区和兰白国家自主创新示范区建设",  # jieba's 和兰白
     ["兰白科技创新改革试验区", "兰白国家自主创新示范区"]),
    ("推动福清融侨经济技术开发区、江阴工业集中区、元洪投资区协同发展",  # no item 元洪投资区协同
     ["福清融侨经济技术开发区", "江阴工业集中区"]),
    ("建好福州、厦门、泉州3个省级人工智能产业园",  # quoted from the corpus (Fujian 2025)
     ["福州人工智能产业园", "厦门人工智能产业园", "泉州人工智能产业园"]),
    ("做优黄河三角洲农业高新技术产业示范区", ["黄河三角洲农业高新技术产业示范区"]),  # 做/优: a complement
    ("积极申建大数据综合试验区", ["大数据综合试验区"]),  # 积极 (jieba's ad) opens no topic
    ("市政府会同开发区管委会研究", []),  # 会同 'together with' (会同县)
    ("创建市级以上农业现代化示范区2个", []),  # a class of zones
])
def test_lists_counties_and_joined_words_of_the_development_sentences(sentence, names):
    assert _named(sentence) == names


def test_traditional_characters_are_read_and_the_written_form_kept():
    sentence = "推動包頭稀土高新技術產業開發區建設全國稀土新材料基地"
    parks = [m for m in Linker.load().mentions(sentence, 0, len(sentence)) if m.kind == "park"]
    assert [(m.name, sentence[m.start:m.end]) for m in parks] == [("包頭稀土高新技術產業開發區",) * 2]
    assert park_key("包頭稀土高新技術產業開發區") == park_key("包头稀土高新技术产业开发区")


def test_a_candidate_in_traditional_characters_keeps_them():
    assert [(c.name, c.start, c.end) for c in candidate_parks("推動橫琴合作區建設")] == [("橫琴合作區", 2, 7)]


@pytest.mark.parametrize("sentence, names", [
    # a review's sentences: common words that are also places, times, industries, sides
    ("推进武昌科技园区建设", ["武昌科技园区"]),  # a district jieba sees often still names
    ("推进乾县经济开发区建设", ["乾县经济开发区"]),  # 乾 is simplified: no 干县
    ("推进科技、文化、金融等三个产业园区建设", []),  # industries counted after 等
    ("围绕绿色食品、装备制造两个产业园区强化招商", []),
    ("因地制宜建设一批富民产业园", []),  # a class (富民县 notwithstanding)
    ("打造灯塔工厂示范园区", []),  # 灯塔 (灯塔市) is no place before other kinds
    ("安徽现阶段开发区发展不平衡不充分", []),  # a time that dates the sentence
    ("推动沣东新城、沣西新城、周边新城等协同发展", ["沣东新城", "沣西新城"]),  # a side
    ("全市新建高新区2个", []),  # 新建 sets up
])
def test_words_that_look_like_names_but_are_not(sentence, names):
    assert _named(sentence) == names


def test_traditional_short_names_and_scores_fold_to_simplified():
    text = "設立中國（重慶）自由貿易試驗區（以下簡稱自貿試驗區）。市政府負責組織領導自貿試驗區全面建設。"
    assert find_abbreviations(text) == {"自貿試驗區": "中國（重慶）自由貿易試驗區"}
    assert candidate_parks(text, defined=find_abbreviations(text)) == []
    assert fold_park_name("包頭稀土高新技術產業開發區") == fold_park_name("包头稀土高新技术产业开发区")


@pytest.mark.parametrize("sentence, names", [
    # session 16: shapes of the blind development documents (eval/dev8)
    ("黄河流域生态保护和高质量发展先行区建设", ["黄河流域生态保护和高质量发展先行区"]),  # a noun, its verb, 和
    ("建设宁夏国家葡萄及葡萄酒产业开放发展综合试验区", ["宁夏国家葡萄及葡萄酒产业开放发展综合试验区"]),  # 及
    ("支持和推动示范区建设", []),  # 和 between two verbs joins no topic
    ("召开全县招商引资暨园区建设推进大会", []),  # 暨 ('and'; jieba's organisation) opens no name
    ("清河经开区汽车零部件产业园新入驻企业17家", ["清河经开区", "清河经开区汽车零部件产业园"]),  # 零部件/mq
    ("（3）包头金属深加工园区重点发展高端特钢", ["包头金属深加工园区"]),  # 包头, jieba's verb
    ("王官庄镇返乡创业园要发挥好示范带动作用", ["王官庄镇返乡创业园"]),  # a town jieba cut
    ("大保当镇返乡创业园新入驻小微企业22家", ["大保当镇返乡创业园"]),
    ("支持锦界镇工业园区发展", ["锦界镇工业园区"]),  # 镇 (jieba's verb)
    ("在各乡镇返乡创业园开展培训", []),  # townships in general
    ("依托神木高新区锦界片区，加快建设", ["神木高新区", "神木高新区锦界片区"]),  # a zone's part
    ("要依托经开区硬质合金产业园，围绕硬质合金刀具", ["经开区硬质合金产业园"]),  # the document's own zone
    ("全省开发区化工园区安全整治", []),  # zones in general have no parts of their own
    ("支持开发区管委会园区建设", []),  # a body between a zone and a kind
    ("推行“开发区事开发区办”", []),
    ("深化中国（浙江）自由贸易试验区嘉兴联动创新区建设",
     ["中国（浙江）自由贸易试验区", "中国（浙江）自由贸易试验区嘉兴联动创新区"]),
    ("秀洲区将王江泾、油车港、洪合3个工业功能区统一纳入秀洲高新区管理",
     ["王江泾工业功能区", "油车港工业功能区", "洪合工业功能区", "秀洲高新区"]),
    ("推进上海嘉定工业区转型，实施老工业区搬迁改造", ["上海嘉定工业区"]),  # 工业区 is a kind; 老工业区 no name
    ("包头市开发区高质量发展三年行动方案", []),  # a city's zones (written with 市)
    ("支持繁昌、南陵、无为等县域开发区发展先进高分子材料", []),  # what the members have
    ("周边的赣州、龙岩、河源、潮州等城市园区发展势头很猛", []),  # eval/dev27's 梅州 speech: the cities' parks
    ("推广新植良种甘蔗，建设甘蔗生产全程机械化示范区10个", []),  # eval/dev27's 德宏 意见: a counted class
    # the review of session 31: lists of a city and its county-level cities, 园 inside a word, a count
    # that opens a phrase, 城市 inside a designation
    ("推动苏州、昆山、江阴高新区创新发展", ["苏州高新区", "昆山高新区", "江阴高新区"]),
    ("推进成都、眉山、资阳公园城市示范区建设", ["成都公园城市示范区", "眉山公园城市示范区", "资阳公园城市示范区"]),
    ("推进农业产业化示范区10个重点项目建设", ["农业产业化示范区"]),
    ("申报国家产城融合示范区和海绵城市示范区", ["国家产城融合示范区", "海绵城市示范区"]),
    # eval/dev27's 阿拉尔 办法: a regiment jieba reads as one numeral names its park
    ("十团工业园区重点发展棉花加工，十二团工业园区重点发展红枣", ["十团工业园区", "十二团工业园区"]),
    # eval/dev27's 西安 plan: a district before its city's zone, and a zone's part after it, share no kind
    ("支持高陵区、临潼区、西安经开区泾渭新城建设汽车零部件配套集聚区", ["西安经开区", "西安经开区泾渭新城"]),
    ("东兴街片区城市更新项目一期完工", []),  # a block of streets
    ("推动福州现代物流城建设", ["福州现代物流城"]),  # kinds of the gazetteer's names the rules missed
    ("南昌瑶湖科学岛一期等项目开工建设", ["南昌瑶湖科学岛"]),
    # an inland port is a logistics hub, as a port is (since session 29: readers of eight development
    # documents that name one counted it in two, 贵阳 and 怀化, and left it out in six)
    ("贵阳国际陆港枢纽功能进一步增强", []),
    ("建设国际陆港，推进空港陆港海港联动", []),  # no name of its own
    ("申建合肥陆港保税物流中心（B型）", ["合肥陆港保税物流中心（B型）"]),  # since session 27 a zone; 陆港 no name
    ("高质量建设中国声谷、中国视谷、中国传感谷。", ["中国声谷", "中国视谷", "中国传感谷"]),  # hubs
    ("加快茂名华南钛谷建设，设合肥智能传感谷", ["茂名华南钛谷", "合肥智能传感谷"]),
    ("优化峰谷分时电价，提高湖南稻谷最低收购价", []),  # words ending in 谷
    ("推动太谷、祁县、平遥三个经济开发区协同联动", ["太谷经济开发区", "祁县经济开发区", "平遥经济开发区"]),
    ("推进重庆中央商务区建设", ["重庆中央商务区"]),  # jieba's one word 中央商务区
    ("推进大连经济技术开发区建设", ["大连经济技术开发区"]),  # and 大连经济技术开发区
    ("打造中央商务区", []),
    ("推进吕四港经济开发区建设", ["吕四港经济开发区"]),  # a rare place jieba tags a person
    ("推进幼儿园和公办园建设", []),  # two things joined name no park
    ("推进唐山湾生态城建设", ["唐山湾生态城"]),  # jieba cut a place's first character off (唐/山湾)
    ("推进渤龙湖科技园和梅溪湖国际新城建设", ["渤龙湖科技园", "梅溪湖国际新城"]),
    ("推进和林格尔新区建设", ["和林格尔新区"]),  # a county that opens with 和
    ("推进凭祥国家重点开发开放试验区建设", ["凭祥国家重点开发开放试验区"]),  # the place given it
    ("支持遵义经济技术开发区发展", ["遵义经济技术开发区"]),  # a city jieba tags a verb
    ("推进怀化国际陆港全面融入西部陆海新通道", []),  # an inland port (session 29)
    ("推进中国—马来西亚钦州产业园区建设", ["中国—马来西亚钦州产业园区"]),  # China and a country
    ("推进中国—上海合作组织地方经贸合作示范区建设", ["中国—上海合作组织地方经贸合作示范区"]),
    ("海峡两岸（三明）现代林业合作实验区建设取得新进展", ["海峡两岸（三明）现代林业合作实验区"]),
])
def test_shapes_of_the_blind_development_documents(sentence, names):
    assert _named(sentence) == names


@pytest.mark.parametrize("sentence, names", [
    # session 32, development documents (dev27 梅州, dev28 资阳 and 潜江) and their counter-cases
    ("蕉华工业园抓住锂电铜箔、高性能建材两条产业链", ["蕉华工业园"]),  # jieba's 蕉/华: a name it does not know
    ("依托蕉华工业园、平远稀土新材料产业园，重点发展电解铜箔", ["蕉华工业园", "平远稀土新材料产业园"]),
    ("推进新老园区协调发展", []),  # 新/老: new and old parks, no name
    ("资阳高新区、资阳经开区和资阳临空经济区已经具备承接重大产业项目的基础条件",
     ["资阳高新区", "资阳经开区", "资阳临空经济区"]),  # jieba's dictionary word 和资阳
    ("推进和林格尔新区与和县经开区合作", ["和林格尔新区", "和县经开区"]),  # counties that open with 和
    ("各乡镇工业园重点瞄准农产品加工和机械配套", []),  # jieba's 各乡镇 opening a clause: a class
    ("渔薪工业园重点发展服装加工", ["渔薪工业园"]),  # a part of the zone opening its clause
    ("推动鼓楼、白下、徐庄、建邺等高新园区错位发展", ["鼓楼高新园区", "白下高新园区", "徐庄高新园区", "建邺高新园区"]),
    ("推动化工、医药、徐庄等园区发展", []),  # industries between the marks: no list of names
    ("推动一二三产业融合发展，积极争创国家农业高新技术产业示范区", []),  # a title striven for
    ("推动产业融合发展，争创驻马店国家农业高新技术产业示范区", ["驻马店国家农业高新技术产业示范区"]),  # its own place
    ("古城获批创建国家文物保护利用示范区", ["国家文物保护利用示范区"]),  # granted
    ("推动天门经开区创建国家生态工业示范园区和省级绿色园区", ["天门经开区"]),  # worked for (session 37)
    ("创建国家全域旅游示范区", []),
    # the review of session 32: what the first version of these rules got wrong
    ("推进茶旅园区建设，打造菜旅示范区", []),  # an industry and tourism, nouns jieba knows
    ("2023年成功争创国家农业高新技术产业示范区，实现零的突破", ["国家农业高新技术产业示范区"]),  # won
    ("积极争创“国家农业高新技术产业示范区”", []),  # quoted, still striven for
    ("引导企业向东部、西部、江北等园区集聚", []),  # sides
    ("加强土地、资金、江宁、浦口等园区要素保障", ["江宁园区", "浦口园区"]),  # common nouns are no members
    ("推进城区、江北、江南等开发区建设", ["江北开发区", "江南开发区"]),
    ("推动与中国（四川）自由贸易试验区成都天府新区片区开展联动创新",
     ["中国（四川）自由贸易试验区", "中国（四川）自由贸易试验区成都天府新区片区"]),  # not …成都天府新区 besides
])
def test_names_of_session_32s_development_documents(sentence, names):
    assert _named(sentence) == names


@pytest.mark.parametrize("sentence, names", [
    # session 33, development documents (dev28 天门, dev17 孝义) and their counter-cases
    ("“N”即多宝、皂市、渔薪、卢市、拖市5个乡镇工业园，按照“一镇一业”要求发展",
     ["多宝乡镇工业园", "皂市乡镇工业园", "渔薪乡镇工业园", "卢市乡镇工业园", "拖市乡镇工业园"]),  # counted towns
    ("托管的兑镇、下堡两个乡镇工业园区实现统一规划", ["兑镇乡镇工业园区", "下堡乡镇工业园区"]),
    ("繁昌、南陵等5个乡镇工业园加快发展", []),  # after 等 the members go unnamed
    ("龙口开发区设东江、诸由观2个片区", ["龙口开发区", "东江片区", "诸由观片区"]),  # three characters, one item
    ("前湾新区慈溪片区去年新落地亿元以上项目11个", ["前湾新区慈溪片区"]),  # a known zone's part
    ("宁波前湾新区慈溪片区要发力", ["宁波前湾新区", "宁波前湾新区慈溪片区"]),
    ("支持开发区城东片区发展", ["城东片区"]),  # a zone of no name: the part by its own
    ("建设成为福厦泉国家自主创新示范区福州片区的核心载体", ["福厦泉国家自主创新示范区", "福厦泉国家自主创新示范区福州片区"]),
    ("依托尚卿藤铁工艺产业园和县经开区城东片区发展", ["尚卿藤铁工艺产业园", "城东片区"]),  # 和|县经开区: and the county's
    ("邯山经济开发区更名为冀南新区邯山产业园", ["邯山经济开发区", "冀南新区", "邯山产业园"]),  # a named park stands alone
    # dev29 (济源, 延边, 绥芬河, 宁东, 河津, 江阴): a clause's verbs are no designation's topic
    ("优势产业是示范区经济发展的“压舱石”", []),  # the copula
    ("济源高新技术产业开发区是示范区产业发展的主阵地", ["济源高新技术产业开发区"]),
    ("和龙边合区作为国家级边境经济合作区，这几年发展明显滞后", []),
    ("绥芬河边境经济合作区应当发挥国家级边境经济合作区的政策优势", ["绥芬河边境经济合作区"]),
    ("推进国家可持续发展议程创新示范区建设", ["国家可持续发展议程创新示范区"]),  # 可 of 可持续 stays
    ("支持宁东基地企业利用银川综合保税区开展保税加工", ["银川综合保税区"]),  # 利用 (jieba's noun) is the verb
    ("推进资源综合利用示范区建设", ["资源综合利用示范区"]),  # inside a topic it is the topic's
    ("试验区管委会应当根据国家产业政策和试验区功能定位", []),  # 和 before a bare kind
    ("学习借鉴山西转型综合改革示范区开发区改革经验", ["山西转型综合改革示范区"]),  # the zone's zones
    ("整合提升镇街工业集中区，严控新设各类园区", []),  # towns and streets: a class
    ("西安、宝鸡、汉中等市开发区发展势头强劲", []),  # the cities' zones, many each
    ("成都、西安等市高新区发展势头强劲", ["成都高新区", "西安高新区"]),  # one each
    ("支持庆城、合水、正宁等县工业集中区发展", ["庆城县工业集中区", "合水县工业集中区", "正宁县工业集中区"]),
    ("打造新兴产业集聚区和中小企业孵化基地", []),  # jieba's organisation 新兴产业: an industry
    ("建设杭州湾南翼先进制造业集聚区", []),  # an industry's quarter (1 of 14 such annotated in development)
    ("推进西安高新区金融服务集聚区建设", ["西安高新区"]),
    ("打造京南氢能产业集聚区", []),
    ("202×年，鹿邑县产业集聚区规模以上工业企业达到××家", ["鹿邑县产业集聚区"]),  # a county's zone (河南)
    ("推进秀洲工业集聚区建设", ["秀洲工业集聚区"]),  # 工业, industry at large, names none
    ("建设国家检验检测高技术服务业集聚区", ["国家检验检测高技术服务业集聚区"]),  # a national designation
    ("安徽皖北承接产业转移集聚区建设扎实推进", ["安徽皖北承接产业转移集聚区"]),
    # the review of session 33: what the first version of these rules got wrong
    ("建设全省一流樟树工业园", ["樟树工业园"]),  # a title before the name ends what precedes it
    ("打造华东重要平湖经开区", ["平湖经开区"]),
    ("打造纺织、机械2个乡镇工业园区", []),  # industries are no towns
    ("城关、新店、白沙共3个乡镇工业园区", ["城关乡镇工业园区", "新店乡镇工业园区", "白沙乡镇工业园区"]),  # 共, no member's
    ("西安、宝鸡等市工业园区发展较快", []),  # many each, whatever the kind's words
    ("建成国家重要清洁能源基地和东北亚重要临港产业集聚区", []),  # a title
    ("推进新兴经济开发区建设", ["新兴经济开发区"]),  # 新兴 (新兴县) still names
])
def test_names_of_session_33s_development_documents(sentence, names):
    assert _named(sentence) == names


@pytest.mark.parametrize("sentence, names", [
    # dev28 and dev30 (南京, 南安, 平果): a list right after a zone's name names its parts, with it
    ("高水平推进南京综合保税区龙潭、江宁两个片区转型发展", ["南京综合保税区", "南京综合保税区龙潭片区", "南京综合保税区江宁片区"]),
    ("中国（福建）自由贸易试验区福州、厦门、平潭片区改革试点经验加快复制推广",
     ["中国（福建）自由贸易试验区", "中国（福建）自由贸易试验区福州片区", "中国（福建）自由贸易试验区厦门片区",
      "中国（福建）自由贸易试验区平潭片区"]),
    ("对海南产业园西区、乌达产业园北区边界进行优化调整", ["海南产业园", "乌达产业园"]),  # parks, not parts
    # dev30 (龙口, 南安, 日喀则): a verb jieba tags a noun, a party's committee
    ("要借力烟台综合保税区，发展保税加工", ["烟台综合保税区"]),
    ("推动南安企业利用综保区开展保税仓储", []),  # enterprises use the bonded zone: its short kind
    ("推进秸秆利用示范区建设", ["秸秆利用示范区"]),  # 利用 inside a topic stays
    ("开发区设立中国共产党日喀则经济开发区工作委员会", ["日喀则经济开发区"]),
    # dev30 (日喀则, 汨罗, 龙口, 枣阳): parks named by their industry, listed with a named one or a
    # zone's own
    ("包括日喀则藏医药产业园、青稞牦牛产业园、民族手工业产业园和数字经济产业园等",
     ["日喀则藏医药产业园", "青稞牦牛产业园", "民族手工业产业园", "数字经济产业园"]),
    ("第三个是龙口高新技术产业开发区的光电子产业园。以中际旭创为龙头", ["龙口高新技术产业开发区", "光电子产业园"]),
    ("各开发区的新材料产业园要加快建设", []),  # each zone's: a class
    ("建设新材料产业园、智能装备产业园等专业园区", []),  # none named: kinds of park
    # the review of session 34: what the first version of these rules got wrong
    ("全省开发区的化工产业园要严格项目准入", []),  # the province's zones, a class
    ("每个开发区的主导产业园要明确发展方向", []),  # no industry
    ("龙口高新技术产业开发区的光电子产业园", ["龙口高新技术产业开发区", "光电子产业园"]),  # at a line's end
    ("积极推动企业向苏州工业园区、化工产业园、专业工业园集中", ["苏州工业园区"]),  # no parts declared
    ("支持企业管理示范区建设", ["企业管理示范区"]),  # management, a topic: no verb going to a place
])
def test_names_of_session_34s_development_documents(sentence, names):
    assert _named(sentence) == names


def test_a_list_before_the_documents_own_bare_kind_names_places_around_it():
    """咸阳、宝鸡等示范区周边 in the 杨凌示范区's own 条例 (dev29): the cities around the zone."""
    sentence = "咸阳、宝鸡等示范区周边设区的市人民政府应当支持示范区建设"
    assert _named(sentence) == ["咸阳示范区", "宝鸡示范区"]  # read alone, a list sharing the kind
    with own_short_kinds(frozenset({"示范区"})):
        assert _named(sentence) == []


@pytest.mark.parametrize("sentence, names", [
    # session 16's review: what the first version of the new rules got wrong
    ("推进长江新区建设，加快建设汉江新区", ["长江新区", "汉江新区"]),  # rivers jieba sees often
    ("南宁高新区保税物流中心封关运行", ["南宁高新区", "南宁高新区保税物流中心"]),  # a zone inside a zone (s27)
    ("推进南昌陆港型国家物流枢纽建设", []),  # a type of hub
    ("加快开发区扩区调区片区整合，推进开发区城市更新片区建设", []),  # activities, no part's name
    ("推进经开区产业用地园区", []),
    ("加快经开区物流园建设", ["经开区物流园"]),  # a kind that says what the part does
    ("推进经济开发区石材产业园建设", ["经济开发区石材产业园"]),  # jieba's 经济/开发区
    ("湖南省委书记陈谷调研，安徽合肥市市长罗谷", []),  # people, not hubs
    ("今年南方早籼稻谷最低收购价提高", []),  # grain
    ("推进张江机器人谷和青岛蓝谷建设", ["张江机器人谷", "青岛蓝谷"]),
    ("加快人才引进及培育示范区", []),  # a noun and its verb join a noun, not a verb
    ("加快小城镇产业园区建设，发展建制镇工业园区", []),  # classes of towns
    ("东城镇工业园新增企业5家", ["东城镇工业园"]),  # a town named after a place
    ("推进中国——马来西亚钦州产业园区", ["中国——马来西亚钦州产业园区"]),  # a double dash
    ("推进滨海新区中关村片区建设", ["滨海新区", "滨海新区中关村片区"]),  # 村 ends no street
    ("支持武汉东湖新技术开发区建设", ["武汉东湖新技术开发区"]),  # the head of one word segmented again
])
def test_what_the_review_of_session_16_found(sentence, names):
    assert _named(sentence) == names


@pytest.mark.parametrize("sentence, names", [
    # Anhui RCEP measures 2022: a report's verb acts on the zone; the name is the zone's
    ("深化跨境电子商务综合试验区建设，支持各综合试验区结合本地实际创新发展", []),
    ("优化杭州跨境电商综合试验区布局", ["杭州跨境电商综合试验区"]),
    ("推进全面深化改革先行区建设", ["全面深化改革先行区"]),  # the reform it deepens is its topic
    ("深化绿色金融改革创新试验区建设", ["绿色金融改革创新试验区"]),  # a reform inside the topic is not it
    ("深化内陆开放型经济试验区建设", ["内陆开放型经济试验区"]),
    # Jiangsu 2025: a designation granted city by city, written without a city, is the kind
    ("加快跨境电商综合试验区建设，壮大跨境电商特色产业带", []),
    # (session 8 named Chongqing's bare one, which its annotator counts; four documents' do not)
    ("跨境电商综合试验区加快建设，累计建成海外仓", []),
    ("加快我市跨境电商综合试验区建设", ["跨境电商综合试验区"]),  # the document's own city's
    ("支持×市跨境电商综合试验区建设", []),  # a placeholder's unit opens no name
    ("中国（包头）跨境电子商务综合试验区获批设立", ["中国（包头）跨境电子商务综合试验区"]),
    ("完善进口贸易促进创新示范区功能", ["进口贸易促进创新示范区"]),  # granted once: a zone
])
def test_designations_named_by_topic_after_a_verb_or_granted_to_every_city(sentence, names):
    assert _named(sentence) == names


@pytest.mark.parametrize("sentence, names", [
    # Anhui 2025: the valleys of a list share the brand of the first
    ("高质量建设中国声谷、视谷、传感谷。", ["中国声谷", "中国视谷", "中国传感谷"]),
    ("高质量建设中国声谷、视谷和传感谷", ["中国声谷", "中国视谷", "中国传感谷"]),
    ("借鉴中国声谷、硅谷经验；中国声谷、低谷、峰谷电价", ["中国声谷", "中国声谷"]),  # words, not brands
    ("建设中国声谷、合肥光谷", ["中国声谷"]),  # an item with a place of its own is not completed
    ("中原农谷、稻谷", ["中原农谷"]),  # grain is no brand
])
def test_a_list_of_branded_valleys_shares_its_opening(sentence, names):
    assert _named(sentence) == names


@pytest.mark.parametrize("sentence, names", [
    # session 20: shapes of the documents written blind for dev11 (zone reports, notices, county plans)
    ("支持官桥、龙门、蓬莱三个镇级工业集中区提升承载能力", ["官桥工业集中区", "龙门工业集中区", "蓬莱工业集中区"]),  # a level
    ("5.做精县域特色园区。永年经济开发区整合永年区标准件产业园", ["永年经济开发区", "永年区标准件产业园"]),  # 永年: jieba's time
    ("省政府认定的峰峰化工园区纳入峰峰经开区", ["峰峰化工园区", "峰峰经开区"]),  # 峰峰矿区's short form
    ("9.磁县、临漳、鸡泽、曲周、邱县、广平、馆陶、魏县、大名经济开发区（省级）：保持现有管理体制不变",
     ["磁县经济开发区", "临漳经济开发区", "鸡泽经济开发区", "曲周经济开发区", "邱县经济开发区", "广平经济开发区",
      "馆陶经济开发区", "魏县经济开发区", "大名经济开发区"]),  # 大名 (大名县), a common word, in its company
    ("推进苏州工业园区、昆山开发区建设", ["苏州工业园区", "昆山开发区"]),  # a whole name is no member
    ("加快中韩产业园内中韩中小企业合作园建设", ["中韩产业园", "中韩中小企业合作园"]),  # 园内 'inside the park'
    ("在商务部国家级经开区综合发展水平考核评价中位次前移6位", []),  # the zones a ministry oversees
    ("依托尚卿藤铁工艺产业园和县经开区城东片区，围绕藤铁工艺", ["尚卿藤铁工艺产业园", "城东片区"]),  # 和 'and', not 和县
    ("支持和县经济开发区建设", ["和县经济开发区"]),
    ("加快和龙边境经济合作区建设", ["和龙边境经济合作区"]),
    ("推进城东片区、龙桥片区、福田片区基础设施配套", ["城东片区", "龙桥片区", "福田片区"]),  # named like its company
    ("建设城东片区、周边片区、福田片区", ["城东片区", "福田片区"]),
    ("加快深汕比亚迪汽车工业园二期、茂名华南钛谷、肇庆宁德时代二阶段工程等产业项目建设",
     ["深汕比亚迪汽车工业园", "茂名华南钛谷"]),  # a project is no sibling of the parks
    ("统筹推进文峰中医药产业园、巩昌铝产业园和首阳循环经济产业园建设",
     ["文峰中医药产业园", "巩昌铝产业园", "首阳循环经济产业园"]),  # the last item, after 和
    ("依托安溪弘桥智谷电商产业园，引进直播电商", ["安溪弘桥智谷电商产业园"]),  # a hub inside a longer name
    ("赣州蓉江新区高校园区二期建成投用", ["赣州蓉江新区"]),  # the universities' campus
    ("秦汉新城依托秦汉新城智能制造产业园加快培育新能源汽车零部件", ["秦汉新城智能制造产业园"]),  # a known parent
    # the review of session 20: what the first version of these rules got wrong
    ("建设宁夏回族自治区内陆开放型经济试验区", ["宁夏回族自治区内陆开放型经济试验区"]),  # 内陆, not 区内
    ("支持两江新区内陆开放型经济示范区建设", ["两江新区", "两江新区内陆开放型经济示范区"]),
    ("加快和龙边境经济合作区建设", ["和龙边境经济合作区"]),  # 和 opening a place of two characters
    ("推进延吉高新区和龙井经开区建设", ["延吉高新区", "龙井经开区"]),
    ("推进火车站片区、老城片区、滨江片区和城东片区改造", ["滨江片区", "城东片区"]),  # blocks of a town
    ("加快城东片区、城西片区、老城片区改造", ["城东片区", "城西片区"]),
    ("统筹推进巩昌铝产业园、文峰中医药产业园和县城产业园建设", ["巩昌铝产业园", "文峰中医药产业园"]),
])
def test_shapes_of_the_documents_written_blind_in_session_20(sentence, names):
    assert _named(sentence) == names


def test_one_document_writes_one_park_with_and_without_its_parent_or_place():
    """dev11's documents: a part with and without its zone's name, and the document's own zone
    with and without its province, are one row; a zone of its own named after a new area is not."""
    names = {"longxi.txt": ["陇西经开区", "巩昌铝产业园", "陇西经开区巩昌铝产业园", "甘肃陇西经济开发区", "陇西经济开发区"],
             "handan.txt": ["河北峰峰经济开发区", "峰峰经济开发区"],
             "xixian.txt": ["陕西省西咸新区", "西咸新区", "中国（陕西）自由贸易试验区", "中国（陕西）自由贸易试验区西咸新区"]}
    rows = canonical_parks(names)
    by_name = {alias: row.name for row in rows.values() for alias in [row.name, *row.aliases]}
    assert by_name["巩昌铝产业园"] == by_name["陇西经开区巩昌铝产业园"] != by_name["陇西经开区"]
    assert by_name["陇西经济开发区"] == by_name["甘肃陇西经济开发区"]  # (经开区 folds to 经济技术开发区: apart)
    assert by_name["峰峰经济开发区"] == by_name["河北峰峰经济开发区"]
    assert by_name["西咸新区"] == by_name["陕西省西咸新区"]
    assert by_name["中国（陕西）自由贸易试验区西咸新区"] not in (by_name["西咸新区"], by_name["中国（陕西）自由贸易试验区"])
    # across documents a short form keeps its own row: 清河经开区 of one text is not another's
    apart = canonical_parks({"a.txt": ["河北清河经济开发区"], "b.txt": ["清河经开区"]})
    assert len(apart) == 2


def test_one_document_writes_one_park_short_bracketed_or_without_a_modifier():
    """dev11 and development reports: the document's own short name (以下简称"陇西经开区") of its
    经济开发区, a city in brackets written and left out, and a modifier a second mention drops
    are one row; across documents, and for a distinct kind (综合保税区), they stay apart."""
    lanbai = {"a.txt": ["滨湖数字文旅融合示范区", "滨湖示范区"]}
    assert len(canonical_parks(lanbai)) == 2  # apart by spelling alone
    (row,) = canonical_parks(lanbai, {"a.txt": {"滨湖示范区": "滨湖数字文旅融合示范区"}}).values()
    assert (row.name, row.aliases) == ("滨湖数字文旅融合示范区", ["滨湖示范区"])
    assert len(canonical_parks({"a.txt": ["甘肃陇西经济开发区"], "b.txt": ["陇西经开区"]})) == 2
    assert len(canonical_parks({"a.txt": ["中韩（盐城）产业园", "中韩产业园"]})) == 1
    assert len(canonical_parks({"a.txt": ["深汕特别合作区", "深汕合作区"]})) == 1
    assert len(canonical_parks({"a.txt": ["中俄蒙国际物流园区", "中俄蒙物流园"]})) == 1
    assert len(canonical_parks({"a.txt": ["中俄蒙国际物流园区"], "b.txt": ["中俄蒙物流园"]})) == 2
    assert len(canonical_parks({"a.txt": ["天津港综合保税区", "天津港保税区"]})) == 2
    assert len(canonical_parks({"a.txt": ["中国（福建）自由贸易试验区", "中国自由贸易试验区"]})) == 2


@pytest.mark.parametrize("sentence, names", [
    # dev12's documents (session 21): news, province reports and a 2006 report
    ("总投资120亿元的××新型储能电池项目落户滁州经济技术开发区，", ["滁州经济技术开发区"]),  # 落户, tagged a noun
    ("××智算中心项目签约落户琅琊经济开发区。", ["琅琊经济开发区"]),
    ("省政府批复同意来安汊河经济开发区更名为来安汊河高新技术产业开发区，",
     ["来安汊河经济开发区", "来安汊河高新技术产业开发区"]),  # 来|安汊河: the county 来安 cut in two
    ("深度参与长三角生态绿色一体化发展示范区建设。", ["长三角生态绿色一体化发展示范区"]),
    ("共青城开放开发区、永修星火、湖口金砂湾、彭泽矶山、瑞昌、德安等工业园区承载能力增强",
     ["湖口金砂湾工业园区", "彭泽矶山工业园区", "瑞昌工业园区", "德安工业园区"]),  # 星火: a common noun
    ("湖州南太湖、宁波前湾、绍兴滨海、温州湾、台州湾等新区新引进百亿元以上产业项目23个",
     ["湖州南太湖新区", "宁波前湾新区", "绍兴滨海新区", "温州湾新区", "台州湾新区"]),
    ("近日，安徽省化工园区认定复核结果公布，定远盐化工业园顺利通过复核。", ["定远盐化工业园"]),  # a class
    ("推进南京、苏州、无锡等城市群建设", []),  # places before no kind: no list of zones
])
def test_shapes_of_the_documents_written_blind_in_session_21(sentence, names):
    assert [n for n in _named(sentence) if n not in GENERIC_ZONES] == names


def test_a_renamed_park_and_the_short_forms_of_one_document_are_one_row():
    """A park's former name (更名为, 升级为 …定名为) is another name of it; a bare …开发区, …经开区,
    …园区 or a part written without its zone, of a zone the document names in full, too."""
    assert find_renamings("省政府批复同意来安汊河经济开发区更名为来安汊河高新技术产业开发区，纳入省级高新区管理序列。") \
        == {"来安汊河经济开发区": "来安汊河高新技术产业开发区"}
    assert find_renamings("同意太原不锈钢产业园区升级为省级高新技术产业开发区，定名为“太原不锈钢高新技术产业开发区”。") \
        == {"太原不锈钢产业园区": "太原不锈钢高新技术产业开发区"}
    assert find_renamings("台州、金华高新区获批升级为国家高新区。") == {}  # a class, not a new name
    rows_of = [(["乌鲁木齐甘泉堡经济技术开发区", "甘泉堡开发区"], 1),
               (["兰州连海经济开发区", "连海经济开发区", "连海开发区"], 1),
               (["清徐经济开发区", "清徐经开区"], 1),
               (["潇河产业园区", "潇河园区", "综改区潇河园区"], 1),
               (["凤阳经济开发区", "凤阳经济开发区硅基新材料产业园", "凤阳硅基新材料产业园"], 2)]
    for names, rows in rows_of:
        assert len(canonical_parks({"a.txt": names})) == rows, names
        assert len(canonical_parks({str(i): [n] for i, n in enumerate(names)})) > rows  # not across documents
    assert len(canonical_parks({"a.txt": ["清徐经济开发区", "清徐经济技术开发区", "清徐经开区"]})) == 2
    assert len(canonical_parks({"a.txt": ["甘泉堡经济技术开发区", "甘泉堡高新技术产业开发区", "甘泉堡开发区"]})) == 3


def test_what_the_review_of_session_21_found():
    """Renamings whose subject is another zone written as its kind, a part named after its zone as
    the new name, folds that spread across documents, stems of two kinds, two parents of one part,
    and lists of a city and its industry are no longer read as one park, or as parks."""
    assert find_renamings("丛台经济开发区更名为邯郸经开区丛台园区（以下简称“丛台园区”）。") \
        == {"丛台经济开发区": "邯郸经开区丛台园区"}
    assert find_renamings("邯山经济开发区更名为冀南新区邯山产业园。") == {"邯山经济开发区": "邯山产业园"}
    for sentence in ("滁州经开区与上海松江经开区共建的园区正式更名为沪滁合作产业园。",
                     "合肥高新区管委会下属的科技园更名为中安创谷科技园。",
                     "借鉴上海张江高科技园区经验，将园区更名为合肥科技园。"):
        assert find_renamings(sentence) == {}, sentence
    assert len(canonical_parks({"yc": ["中韩（盐城）产业园", "中韩产业园"], "yt": ["中韩（烟台）产业园", "中韩产业园"]})) == 3
    assert len(canonical_parks({"chuzhou": ["城东工业园区", "滁州城东经济开发区"], "xiaogan": ["城东工业园区"]},
                               {"chuzhou": {"城东工业园区": "滁州城东经济开发区"}})) == 2
    assert len(canonical_parks({"a": ["清徐经济开发区", "清徐经开区"], "b": ["清徐经济技术开发区"]})) == 2
    assert len(canonical_parks({"a": ["城南产业园区", "城南工业园"]})) == 2
    assert len(canonical_parks({"a": ["经开区中德产业园", "高新区中德产业园", "中德产业园"]})) == 3
    assert len(canonical_parks({"a": ["赣州经济技术开发区", "赣州高新区", "赣州开发区"]})) == 3
    # a place-named short form written alone elsewhere still joins the document's full name
    assert len(canonical_parks({"a": ["河北峰峰经济开发区", "峰峰经济开发区"], "b": ["峰峰经济开发区"]})) == 1
    for sentence in ("推进南昌城区、九江市区等园区建设。", "建设景德镇陶瓷、赣州稀土、鹰潭铜等产业园区。",
                     "支持上饶光学、抚州数字、吉安电子等产业园发展。"):
        assert [n for n in _named(sentence) if n not in GENERIC_ZONES] == [], sentence
    rows = score_parks([{"doc": "a", "name": "丛台经济开发区", "aliases": []},
                        {"doc": "a", "name": "邯郸经济技术开发区", "aliases": ["邯郸经开区"]}],
                       {"a": [{"name": "邯郸经济技术开发区", "aliases": ["丛台经济开发区"]}]})
    assert rows["overall"]["tp"] == 1 and rows["one_park_one_row"]["tp"] == 0  # one row for two parks
    assert rows["merged_rows"]["a"] == ["邯郸经济技术开发区"]


@pytest.mark.parametrize("sentence, names", [
    # a designation named by the reform it deepens: 林权 is jieba's person name, no proper part
    ("启动深化集体林权制度改革先行区建设", ["深化集体林权制度改革先行区"]),
    ("推进全国森林可持续经营试点重点省和深化集体林权制度改革先行区建设", ["深化集体林权制度改革先行区"]),
    ("加快建设全国深化集体林权制度改革先行区", ["全国深化集体林权制度改革先行区"]),
    ("全面深化改革先行区", ["全面深化改革先行区"]),
    # a place before the reform stays its proper part (宁德 is a city, whatever jieba tags it)
    ("宁德、龙岩国家级普惠金融改革试验区", ["宁德国家级普惠金融改革试验区", "龙岩国家级普惠金融改革试验区"]),
])
def test_a_designation_named_by_the_reform_it_deepens(sentence, names):
    assert [n for n in _named(sentence) if n not in GENERIC_ZONES] == names


@pytest.mark.parametrize("sentence, names", [
    # dev15 (session 24): a partner joined by a middle dot opens the name, not its parent's
    ("生物医药依托北京·沧州渤海新区生物医药产业园，累计承接北京转移", ["北京·沧州渤海新区生物医药产业园", "沧州渤海新区"]),
    ("推动中新·苏滁高新区建设", ["中新·苏滁高新区"]),
    # 升级 sets up a class (国家级高新区), as 创建 does; 会商 takes the zone as its object
    ("宿迁高新技术产业开发区升级国家级高新区的创建工作取得实质性进展", ["宿迁高新技术产业开发区"]),
    ("经认真研究，并会商漳州高新区管委会、市住建局", ["漳州高新区"]),
    ("同意将石镜工业园交由安徽怀宁经济开发区托管", ["安徽怀宁经济开发区"]),  # 交由 (jieba's noun) hands over
    ("古田国家现代农业产业园食用菌精深加工项目投产", ["古田国家现代农业产业园"]),  # 古田县 before 国家
    ("东邻烟台经济技术开发区，西邻烟台高新区", ["烟台经济技术开发区", "烟台高新区"]),  # 西邻 (jieba's name) borders
    # an industry's word jieba cuts into a noun and a verb (云|计算) stands whole inside a name
    ("推进克拉玛依云计算产业园区扩容，新增标准机架3000个", ["克拉玛依云计算产业园区"]),
])
def test_shapes_of_the_documents_written_blind_in_session_24(sentence, names):
    assert sorted(n for n in _named(sentence) if n not in GENERIC_ZONES) == sorted(names)


@pytest.mark.parametrize("sentence, names", [
    # the review of session 24: 深化 acts on a designation named after it …
    ("深化农村改革试验区建设", ["农村改革试验区"]),
    ("持续深化医疗卫生体制改革示范区建设", ["医疗卫生体制改革示范区"]),
    ("深化全国林长制改革示范区建设", ["全国林长制改革示范区"]),
    # … 升级 inside a name is no verb of setting up …
    ("推动萍乡产业转型升级示范区建设", ["萍乡产业转型升级示范区"]),
    ("支持国家消费升级示范区建设", ["国家消费升级示范区"]),  # (积极创建…: a title worked for, session 37)
    ("支持滁州经济技术开发区升级为国家级经开区", ["滁州经济技术开发区"]),
    # … and the province, nation or region a name lies in, or another zone, is no partner
    ("河北·雄安新区建设全面提速", ["雄安新区"]),
    ("江苏·苏州工业园区", ["苏州工业园区"]),
    ("中国·海南自由贸易港", ["海南自由贸易港"]),
    ("长三角·嘉兴高新区", ["嘉兴高新区"]),
    ("雄安新区·中关村科技园正式揭牌", ["雄安新区", "中关村科技园"]),
    ("依托北京・沧州渤海新区生物医药产业园", ["北京・沧州渤海新区生物医药产业园", "沧州渤海新区"]),
])
def test_what_the_review_of_session_24_found(sentence, names):
    assert sorted(n for n in _named(sentence) if n not in GENERIC_ZONES) == sorted(names)


def test_a_partners_park_keeps_its_parent_and_one_row():
    found = find_park_names("生物医药依托北京·沧州渤海新区生物医药产业园，累计承接北京转移", [])
    assert nested_parks(found) == {"北京·沧州渤海新区生物医药产业园": "沧州渤海新区"}
    assert len(canonical_parks({"a.txt": ["中新·苏滁高新区", "中新苏滁高新技术产业开发区"]})) == 1


def test_a_rural_complex_with_a_name_is_a_zone():
    """田园综合体 is a designated rural zone (dev16's 现代农业 plans): one with a name is a park,
    the designation alone is none."""
    assert _named("丹麻镇土族风情田园综合体完成一期建设") == ["丹麻镇土族风情田园综合体"]
    assert _named("支持各地创建田园综合体") == []
    # so is a processing park (加工园) with one
    assert _named("3.砀山县果蔬食品加工园。该园位于砀山经济开发区内") == ["砀山县果蔬食品加工园", "砀山经济开发区"]
    assert _named("建设农产品加工园") == []


def test_an_autonomous_county_is_written_with_its_unit_alone():
    """互助土族自治县 is 互助县 in its own documents: the gazetteer knows the short form with 县."""
    assert _named("互助县马铃薯省级现代农业产业园新建脱毒种薯繁育基地") == ["互助县马铃薯省级现代农业产业园"]


def test_a_science_enclave_one_place_runs_in_another_is_a_zone():
    """科创飞地 (dev16's 山海协作 agreement): a city's enclave in a richer one, named by both."""
    assert _named("建设龙岩（厦门）科创飞地，引进研发团队") == ["龙岩（厦门）科创飞地"]
    assert _named("支持各地建设科创飞地") == []


def test_a_level_inside_a_name_is_no_part_of_which_park_it_is():
    """五十镇县级现代农业产业园 and 五十镇现代农业产业园 are one park (one row)."""
    assert park_key("五十镇县级现代农业产业园") == park_key("五十镇现代农业产业园")
    assert park_key("兑镇乡镇工业园区") == park_key("兑镇工业园区")  # the class a counted list gives its towns
    assert park_key("马坪乡镇农业产业园") == park_key("马坪农业产业园")
    assert park_key("乡镇工业园") == "乡镇工业园"
    assert park_key("互助县马铃薯省级现代农业产业园") == park_key("互助县马铃薯现代农业产业园")
    assert park_key("省级开发区") == "省级开发区"  # a level that opens the text stays


def test_a_bare_yuan_after_an_industry_ends_a_name():
    """位于石家庄国际生物医药园 (dev17's news): a bare 园 after an industry's word, with a place
    before, names a park; after a word of no industry it stays no name (烈士纪念园)."""
    assert _named("其中，位于石家庄国际生物医药园的项目投产") == ["石家庄国际生物医药园"]
    assert _named("推进岑河生物医药园建设") == ["岑河生物医药园"]
    assert _named("建设烈士纪念园") == []


def test_a_province_before_a_county_the_gazetteer_drops_goes_from_the_key():
    """湖北江陵临港经济开发区 and 江陵临港经开区 are one park (dev17's 批复): 江陵 is 江陵县, in 湖北,
    though the gazetteer drops the short form; a province before a word of no county stays."""
    assert park_key("湖北江陵临港经济开发区") == park_key("江陵临港经济开发区")
    assert park_key("湖北石首经济开发区") == park_key("石首经济开发区")
    assert park_key("湖北长江经济带") == "湖北长江经济带"


def test_a_zones_short_forms_fold_into_its_full_name_in_one_document():
    """dev17's news and catalogue: 东侨经开区 is 福建宁德东侨经济技术开发区 (a province and its city
    before the name), 南充高新区 is 四川南充高新技术产业园区; 临沂河东经济开发区 stays 河东's."""
    keys = document_keys(["福建宁德东侨经济技术开发区", "东侨经开区", "四川南充高新技术产业园区", "南充高新区"], {})
    assert keys["东侨经开区"] == keys["福建宁德东侨经济技术开发区"]
    assert keys["南充高新区"] == keys["四川南充高新技术产业园区"]
    keys = document_keys(["临沂河东经济开发区", "河东经济开发区"], {})
    assert keys["临沂河东经济开发区"] == keys["河东经济开发区"]


def test_a_partner_city_jieba_reads_as_an_adverb_opens_the_name():
    """大连·盘州产业园 (dev17's county report): 大连 is jieba's adverb and no short form of the
    gazetteer, yet 大连市 is a city, the partner of 盘州's 东西部协作 park."""
    assert _named("推动大连·盘州产业园扩区提质") == ["大连·盘州产业园"]


def test_former_before_a_name_is_a_word_of_its_own():
    """原 'former' before a merged or abolished zone (dev17's catalogues and 批复) is no fragment
    of its name."""
    assert _named("1.已撤销。原蓬安县河舒工业园因长期未实质性开发") == ["蓬安县河舒工业园"]
    assert _named("原临汾甘亭工业园区整合为甘亭园区") == ["临汾甘亭工业园区", "甘亭园区"]


def test_a_place_jieba_cut_across_its_unit_is_one_word_again():
    """盘|州市 (jieba knows 州市): 盘州市大数据产业园 (dev17's county report) opens with the city."""
    assert _named("建设盘州市大数据产业园") == ["盘州市大数据产业园"]
    assert _named("推进沙市区工业园建设") == ["沙市区工业园"]


def test_a_list_ending_on_a_county_jieba_knows_as_a_name_shares_the_kind():
    """秦安 (秦安县) is a person's name to jieba, seen too often to be a rare place; last in a list
    of counties sharing one kind (dev18's 实施意见) it is one more member."""
    assert _named("支持甘谷、武山、秦安工业园区围绕两大产业集群发展") == ["甘谷工业园区", "武山工业园区", "秦安工业园区"]
    assert _named("发展科技、文化、金融工业园区") == []
    assert _named("支持兰州、白银、和平工业园区发展") == []  # 和平 (和平区) is a common word


def test_shapes_of_the_documents_written_blind_in_session_26():
    """dev18: a government is no part of the zone it reports on; a district jieba cut (头|屯河);
    化学工业区 is a kind."""
    assert _named("定期向市人民政府报告滨海开发区发展情况") == ["滨海开发区"]
    assert _named("由核心区、王家沟产业园、头屯河工业园和乌鲁木齐综合保税区等组成") == ["头屯河工业园", "乌鲁木齐综合保税区"]
    for jargon in ("推动数智工业园区建设", "开展危化工业园区认定", "整合规范乡属工业集中区"):
        assert _named(jargon) == []  # a word jieba does not know before 工业园区 may be new jargon
    assert _named("推进上海化学工业区与南京化学工业园区合作") == ["上海化学工业区", "南京化学工业园区"]


def test_a_countys_parks_and_zones_and_parks_are_classes():
    """涪陵区园区动态, 宁德市开发区园区动态 (dev17's portal news): the district's parks, a city's zones
    and parks: no park of its own."""
    assert _named("涪陵区园区动态") == []
    assert _named("宁德市开发区园区动态（2025年6月）") == []
    assert _named("推进涪陵高新区清溪园区建设") != []


def test_a_city_ending_in_zhen_is_no_town_jieba_cut():
    """景德镇 is a city, not a township whose first character jieba cut off: 用好 before it (dev19's
    实施意见) is no part of the designation given to it."""
    assert _named("用好景德镇国家陶瓷文化传承创新试验区政策") == ["景德镇国家陶瓷文化传承创新试验区"]
    assert _named("推动王官庄镇工业园建设") == ["王官庄镇工业园"]


def test_a_zone_named_before_a_designation_is_its_subject_not_its_topic():
    """dev20's 张家口 speech: 高新区抓住可再生能源示范区建设的机遇 names the zone and the city's
    designation as a kind, no zone called 高新区抓住可再生能源示范区."""
    assert _named("这几年，高新区抓住可再生能源示范区建设的机遇，在望山园区集中布局氢能产业") == ["望山园区"]
    assert _named("加快建设国家文化和科技融合示范区") == ["国家文化和科技融合示范区"]
    assert _named("推进××新区综合配套改革试验区建设") == []  # a placeholder's zone: no name written


def test_a_slogan_a_zone_sets_itself_is_no_designation():
    """dev20's zone 条例 (咸阳, 万州): 建设创新驱动发展示范区和高质量发展先行区 says what the zone strives
    for; a designation named by its topic holds words of its own (数据赋能医保, 黄河流域生态保护)."""
    assert _named("建设创新驱动发展示范区和高质量发展先行区，打造先进制造业基地") == []
    assert _named("建设重要的先进制造业基地、开放合作平台和产城融合示范区") == []
    assert _named("加快建设数据赋能医保高质量发展先行区") == ["数据赋能医保高质量发展先行区"]
    assert _named("为建设黄河流域生态保护和高质量发展先行区作出贡献") == ["黄河流域生态保护和高质量发展先行区"]


def test_a_bonded_logistics_centre_is_a_zone():
    """Seven of the eight development documents naming one count a 保税物流中心（B型） as a zone, like
    a 综合保税区; written bare it is the kind."""
    assert _named("提升榆林保税物流中心（B型）运营水平") == ["榆林保税物流中心（B型）"]
    assert _named("金霞保税物流中心要用好长沙黄花综合保税区") == ["金霞保税物流中心", "长沙黄花综合保税区"]
    assert _named("力争今年申建保税物流中心取得实质性进展") == []


def test_a_speechs_place_and_bare_park_is_the_one_park_named_so():
    """dev20's 泉州 speech: 泉港、泉惠两个园区 are its 泉港石化工业园区 and 泉惠石化工业区; a park that opens
    with the whole short name is a part of it, and a long name is no short form (中俄蒙国际汽车产业园)."""
    rows = canonical_parks({"d": ["泉港石化工业园区", "泉惠石化工业区", "泉港园区", "泉惠园区", "泉港石化园"]})
    assert {k: sorted(v.aliases) for k, v in rows.items()} == {
        "泉港石化工业园区": ["泉港园区", "泉港石化园"], "泉惠石化工业区": ["泉惠园区"]}
    assert len(canonical_parks({"d": ["泉港园区", "泉港园区化工产业园"]})) == 2
    assert len(canonical_parks({"d": ["中俄蒙国际汽车产业园", "中俄蒙国际汽车产业物流园"]})) == 2
    assert len(canonical_parks({"d": ["铜陵园区", "铜陵经开区", "铜陵狮子山高新区"]})) == 3


def test_a_park_named_by_its_industry_where_projects_are_placed():
    """dev20's 哈密 意见: 在新能源装备制造产业园布局风电整机 places projects in one park named by what it
    does; one word after 在 (在县城产业园建设) is a kind of park somewhere, and a class stays a class."""
    assert _named("重点在新能源装备制造产业园布局风电整机、叶片项目，在南部循环经济产业园布局精细化工项目") == [
        "新能源装备制造产业园", "南部循环经济产业园"]
    for sentence in ["在县城产业园建设标准厂房", "在各类产业园布局项目", "在产业园布局"]:
        assert _named(sentence) == [], sentence


def test_a_class_word_before_a_kind_names_no_park():
    """dev20's 银川 plan: 与江苏有关园区合作共建 means whichever of 江苏's parks take part."""
    assert _named("推进苏银产业园与江苏有关园区合作共建") == ["苏银产业园"]
    assert _named("推动省内相关开发区整合") == []


def test_a_list_of_cities_and_their_zone_of_a_kind_each_has_one_of():
    """dev20's 长沙 speech: 成都、西安的高新区 are two zones, each city's one 高新区; a bare 园区 of
    several cities is no zone of each."""
    assert _named("成都、西安的高新区也都在抢人才") == ["成都高新区", "西安高新区"]
    assert _named("苏州、无锡的园区") == []
    assert _named("发展好、建设好的高新区") == []


def test_a_list_a_verb_or_the_zone_alone_before_a_parks_name_is_none_of_it():
    """dev22 (session 29): a facility listed before a zone (冷链物流中心和…示范区), a verb of setting up
    before a zone run in another place (…建设濮阳经开区（郑州）…), and the document's own zone written
    alone before a part named by a place (高新区银东工业园, 银东 a town) stand outside the name; a part
    named by its industry or a slogan keeps the zone's (经开区硬质合金产业园, 经开区双创产业园)."""
    assert _named("建设有机农产品加工中心、冷链物流中心和朱鹮生态农业示范区。") == ["朱鹮生态农业示范区"]
    assert "濮阳经开区（郑州）科创飞地" in _named("在郑州航空港区建设濮阳经开区（郑州）科创飞地，推行")
    assert not any(n.startswith("郑州航空港区建设") for n in _named("在郑州航空港区建设濮阳经开区（郑州）科创飞地"))
    with own_place_words(frozenset({"银东"})):
        assert "银东工业园" in _named("加快高新区银东工业园有色金属精深加工基地建设")
    assert "经开区硬质合金产业园" in _named("推进经开区硬质合金产业园建设")
    # (the review of session 29) a word no dictionary holds may be a slogan, and an area is the zone's
    for part in ["双创产业园", "智造产业园", "芯谷产业园", "东区产业园"]:
        assert _named(f"推进经开区{part}建设") == [f"经开区{part}"], part


def test_an_item_headed_by_a_parks_name_and_a_colon_names_it():
    """dev23 (session 29): a zone's plan lays out its parts one per paragraph, each opening with its
    name and a colon (双福园：定位为…, 石门澳产业园：…, 华林经济开发区：…); a class before the colon is none."""
    assert _named("双福园：定位为科技创新和先进制造核心区") == ["双福园"]
    assert _named("石门澳产业园：作为省级化工园区，重点发展尼龙新材料") == ["石门澳产业园"]
    assert _named("华林经济开发区：重点发展显示模组、触控模组") == ["华林经济开发区"]
    for sentence in ["重点园区：加快建设标准厂房", "化工园区：严格安全准入", "专业园区：提升配套"]:
        assert _named(sentence) == [], sentence


def test_two_places_joined_by_a_dash_or_a_dot_open_the_name():
    """dev23 (session 29): 江津—习水产业合作园, 盱眙—江宁南北共建园区, 亦庄·巴彦淖尔…产业园 are named by both
    partners, even where jieba cuts the second into the topic (习|水产业); a region (长三角), the province
    the zone lies in (河北·雄安新区) and a pair in brackets (京蒙（昌平—乌兰察布）…) do not open it."""
    assert _named("与贵州省习水县共建江津—习水产业合作园，引导") == ["江津—习水产业合作园"]
    assert _named("提升盱眙—江宁南北共建园区发展水平") == ["盱眙—江宁南北共建园区"]
    assert _named("推进铁岭·常熟产业合作园建设") == ["铁岭·常熟产业合作园"]
    assert _named("共建亦庄·巴彦淖尔京蒙协作产业园，重点发展") == ["亦庄·巴彦淖尔京蒙协作产业园"]
    assert _named("与定州市共建北京亦庄·定州汽车零部件产业园") == ["北京亦庄·定州汽车零部件产业园"]
    assert _named("长三角·嘉兴高新区") == ["嘉兴高新区"]
    assert _named("河北·雄安新区") == ["雄安新区"]
    assert "昌平—乌兰察布）协作产业园" not in _named("（一）京蒙（昌平—乌兰察布）协作产业园。依托")


def test_a_citys_counties_are_its_documents_place_words():
    """dev23's 黄冈 通知 and 吕梁 方案 (session 29): a city's documents name parks by its counties' short
    forms, words the gazetteer does not hold short (麻城 of 麻城市, 龙感湖 of 龙感湖管理区, 交口 of 交口县);
    a district that is a zone (通辽经济技术开发区) gives none."""
    from kb.places import county_words, place_by_name

    assert {"麻城", "龙感湖", "蕲春"} <= county_words(place_by_name("黄冈市"))
    assert "交口" in county_words(place_by_name("吕梁市"))
    assert not any("开发" in word for word in county_words(place_by_name("通辽市")))
    assert county_words(place_by_name("麻城市")) == frozenset()  # a county's own document: its towns instead
    with own_place_words(county_words(place_by_name("黄冈市"))):
        assert "麻城石材产业园" in _named("麻城经济开发区整合麻城石材产业园，整合后统一使用名称")
        assert _named("（十一）撤销龙感湖工业园区，其已落地企业划归黄梅经济开发区") == ["龙感湖工业园区", "黄梅经济开发区"]


def test_a_list_item_without_a_kind_takes_the_kind_the_list_ends_with():
    """dev12's 九江 report: 永修星火、…、瑞昌、德安等工业园区 names 永修星火工业园区 too; a list with no
    kind after it (…东莞滨海湾新区等建设) leaves its items as written (佛山三龙湾)."""
    with own_place_words(frozenset({"永修", "湖口", "彭泽", "瑞昌", "德安"})):
        named = _named("共青城开放开发区、永修星火、湖口金砂湾、彭泽矶山、瑞昌、德安等工业园区建设加快")
    assert {"永修星火工业园区", "湖口金砂湾工业园区", "德安工业园区"} <= set(named)
    assert "佛山三龙湾" in _named("推进珠海西部生态新区、佛山三龙湾、东莞滨海湾新区等建设")


def test_gardens_a_count_declares_are_parts_and_the_count_no_name():
    """dev23's 江津 plan (session 29): 双福园、德感园、珞璜园、白沙园四大园区 declares four parts named by
    places (德|感园 cut by jieba), and 白沙园四大园区 is no park; quarters named by industries stay none."""
    named = _named("“一区多园”格局基本形成。双福园、德感园、珞璜园、白沙园四大园区错位发展")
    assert named == ["双福园", "德感园", "珞璜园", "白沙园"]
    assert _named("动漫园、影视园、文创园3个园区") == []


def test_a_count_of_many_ends_a_name_and_counts_the_list():
    """dev23's 义乌 report (session 29): 苏溪、佛堂、双江湖三大产业片区 names three parts (双|江湖 too, since
    the count says the list has three), and 三大 stands in none of them."""
    with own_place_words(frozenset({"苏溪", "佛堂"})):
        assert _named("统筹经开区所辖苏溪、佛堂、双江湖三大产业片区规划建设") == [
            "苏溪产业片区", "佛堂产业片区", "双江湖产业片区"]


def test_a_firm_opens_the_zone_it_runs_in_a_bracketed_place():
    """dev23's 贺州 方案 (session 29): 华润（贺州）循环经济产业示范区 is named by the firm and the place it
    runs the zone in, as 深圳（哈尔滨）产业园区 is by two places."""
    assert _named("华润（贺州）循环经济产业示范区。发挥电厂、水泥企业集聚优势") == ["华润（贺州）循环经济产业示范区"]
    assert _named("深圳（哈尔滨）产业园区") == ["深圳（哈尔滨）产业园区"]


def test_a_towns_industrial_concentration_zone_and_classes_of_towns():
    """dev23's 黄冈 通知 (session 29): 温泉镇工业集中区 is a town's park as 毛市镇食品产业园 is; parks of a
    class of towns (重点镇, 部分镇级) are none."""
    assert _named("推动温泉镇工业集中区内企业逐步向开发区集中") == ["温泉镇工业集中区"]
    for sentence in ["重点镇工业集中区", "推进重点镇工业园区建设", "整合部分镇级工业集中区"]:
        assert _named(sentence) == [], sentence


def test_the_reviews_cases_of_session_29():
    """A review by a helper session found these in session 29's first rules: gardens and classes
    before a colon, a partner cut out of a kind, a bare kind completing areas, industries counted
    as parts, a count jieba cut (两|大), a corridor between two places, a city's counties that are
    everyday words."""
    for sentence in ["城市公园：新建10个", "主题公园：", "一、森林公园", "低碳产业园：推进", "数智园区：建设",
                     "小微企业园：新建", "孵化器园区：提升", "加快郑州—开封城际沿线园区发展",
                     "做强汽车、电子、装备三大产业园区", "推进城北、城南两大园区建设"]:
        assert _named(sentence) == [], sentence
    assert _named("淮海经济区—徐州高新区") == ["徐州高新区"]
    named = _named("郑州航空港区、郑东新区、金水、中原等片区")
    assert "郑州航空港区" in named and "郑州航空港区片区" not in named
    assert "佛山三龙湾" in _named("推进珠海西部生态新区、佛山三龙湾、东莞滨海湾新区等园区建设")
    from kb.places import county_words, place_by_name

    for city, word in [("海东市", "平安"), ("怀化市", "通道"), ("邯郸市", "复兴"), ("伊春市", "友好"),
                       ("七台河市", "新兴"), ("石家庄市", "新华"), ("兰州市", "兰州新")]:
        assert word not in county_words(place_by_name(city)), (city, word)


def test_a_speech_naming_no_place_in_its_title_is_read_as_of_the_city_it_names_most():
    """dev24's 周口 speech (session 29): 在全市开发区…推进会上的讲话 names no place in its title or opening, and its
    body names 周口 and its counties (twice at least) far more than any other city; a document naming
    several cities alike gets none."""
    from kb.places import place_named_most

    speech = "同志们：\n" + "周口港建设加快，周口经开区、郸城县、沈丘县的开发区都有进步。" * 2 + "商丘开发区值得学习。\n"
    assert place_named_most(speech).name == "周口市"
    assert place_named_most("郑州、洛阳、开封三市开发区各有所长，郑州、洛阳、开封要互相学习。") is None
    # the same speech in traditional characters, and a traditional province's speech (全區)
    traditional = speech.replace("周口", "週口").replace("郸城县", "鄲城縣").replace("沈丘县", "沈丘縣")
    assert place_named_most(traditional).name == "周口市"
    assert place_named_most("在全區開發區工作會議上的講話\n" + speech) is None


def test_a_county_jieba_knows_as_a_name_counts_for_its_city_and_wins_where_it_is_most_named():
    """dev31's 乐清 speech (session 35): the gazetteer drops 乐清 (jieba's rare name) as a short form, so a
    speech naming 乐清 thirty times and 温州 a few was read as of no place, and 柳市, 北白象 (乐清's towns)
    were no place words; a common word that is a county's short form too (江汉, 全州) does not count."""
    from kb.places import place_named_most

    speech = "同志们：\n" + "乐清经开区、乐清湾港区和柳市镇都有进步，乐清要对标温州经开区。" * 3
    assert place_named_most(speech).name == "乐清市"
    plain = "同志们：\n" + "潜江经开区、江汉平原的园区都有进步，江汉油田和武汉的合作加深。" * 3
    assert place_named_most(plain) is None or place_named_most(plain).name != "武汉市"


def test_a_reports_verb_jieba_does_not_know_opens_no_zones_name():
    """dev31's 乐清 speech (session 35): 要做强经开区北白象片区 named 做强经开区, a verb taken for a coined name
    before a kind only a government sets up; the zone is the document's own and its 片区 the park."""
    with own_place_words(frozenset({"北白象", "柳市", "乐清"})):
        assert _named("建设智能电气产业创新港；要做强经开区北白象片区，推动乐清智能传感产业") == ["北白象片区"]


def test_a_known_zone_opening_on_a_numeral_and_its_part_after_verbs_in_its_name():
    """dev31's 南海 speech (session 35): jieba cuts 三/龙湾, and a numeral opens no name, so 三龙湾南海片区 was
    龙湾南海片区; the zone's own name holds verbs (创新, 集聚), which cut its part off it (南海片区 alone)."""
    assert _named("第四个是三龙湾南海片区。") == ["三龙湾南海片区"]
    assert _named("佛山三龙湾高端创新集聚区南海片区去年新引进研发机构") == [
        "佛山三龙湾高端创新集聚区", "佛山三龙湾高端创新集聚区南海片区"]


def test_classes_of_zones_and_a_verb_of_setting_up_end_no_name_in_them():
    """dev31's 黄山 意见, 西双版纳 speech and 东兴 条例 (session 35): each county's zones (各县区, jieba's rare
    place), the neighbouring prefectures' parks of a list (…等周边州市园区) are classes; 建立 sets a zone
    up, so the name after it holds no words before it."""
    assert _named("以黄山高新区和各县区经济开发区为主要载体") == ["黄山高新区"]
    assert _named("要加强与昆明、普洱等周边州市园区的协作。") == []
    assert "越南芒街园区管理机构建立跨境经济合作区" not in _named(
        "试验区管委会可以会同越南芒街园区管理机构建立跨境经济合作区联合协调机制")


def test_an_area_of_poverty_is_a_region_not_a_zones_part():
    """dev28's 张家界 意见 and dev31's 秀山 plan (session 35): 武陵山片区 is one of the state's contiguous areas
    of poverty, planned across four provinces, no zone's 片区."""
    assert _named("加强与湘西、铜仁合作，共同打造武陵山片区区域协作样板") == []
    assert _named("推进秀山工业园区平凯片区建设") == ["秀山工业园区", "秀山工业园区平凯片区"]


def test_a_rare_other_name_right_before_a_countys_kind_names_the_zone():
    """dev31's 福泉 意见 (session 35): 双龙 is jieba's rare other-name (nz), and the zone's place; a common
    word before the kind stays a kind of park (绿色工业园区)."""
    assert _named("优化双龙工业园区、罗尾塘新材料产业园和马场坪现代物流园功能")[:2] == ["双龙工业园区", "罗尾塘新材料产业园"]
    assert _named("新建化工项目一律进入双龙工业园区") == ["双龙工业园区"]
    assert _named("创建绿色工业园区") == []


def test_a_kind_ending_in_yuan_reads_on_to_its_yuanqu():
    """dev31's 共青城 条例 (session 35): 创新园 is a kind, and it stopped 共青城私募基金创新园区 one character short."""
    with own_place_words(frozenset({"共青城"})):
        named = _named("高新区内设立的电子信息产业园、纺织服装产业园、共青城私募基金创新园区等园中园")
    assert "共青城私募基金创新园区" in named and "共青城私募基金创新园" not in named


def test_the_states_programme_of_a_designation_is_no_zone():
    """dev31's 西双版纳 speech (session 35): 纳入国家跨境经济合作区规划布局 is the state's programme of such
    zones, which 打洛 strives to join; a named zone before its plan stays (国家级宁乡经济技术开发区规划)."""
    assert _named("推动打洛口岸基础设施提升改造，力争早日纳入国家跨境经济合作区规划布局。") == []
    assert _named("编制国家级宁乡经济技术开发区规划") == ["宁乡经济技术开发区"]


def test_counted_places_before_a_named_designation_each_hold_it():
    """dev31's 南海 speech (session 35): 里水、大沥两个广佛融合先导区 gives the designation to each of the two
    towns (广佛, the pair of cities, had read it as one zone of its own)."""
    with own_place_words(frozenset({"大沥", "里水", "南海"})):
        assert _named("要推动里水、大沥两个广佛融合先导区建设") == ["里水广佛融合先导区", "大沥广佛融合先导区"]


def test_the_reviews_cases_of_session_35():
    """The helper review of session 35: an industry's word before a park's kind is no rare name (锂电, 永磁);
    counted industries before a designation are no places (新材料、新能源两个…先导区); jieba's 周边城市 is a class;
    a region's part of an area of poverty is a region; a county's short form counts on word boundaries only,
    with a name's tag (提高要素 holds no 高要, 富民产业 no 富民县)."""
    from kb.places import place_named_most

    assert _named("推进锂电产业园、永磁产业园和汉服产业园建设") == []
    assert _named("支持新材料、新能源两个绿色低碳先导区建设") == ["绿色低碳先导区"]
    assert _named("加强与昆明、普洱等周边城市园区的协作") == []
    assert _named("支持湘西武陵山片区发展") == []
    assert place_named_most("同志们：\n" + "肇庆高新区要提高要素保障，提高要素配置，更高要求提高要素效率。" * 2) is None
    rich = place_named_most("同志们：\n" + "昆明高新区强村富民，富民产业做强，富民政策落实，昆明经开区也要跟上。" * 2)
    assert rich is None or rich.name != "富民县"


def test_a_project_listed_among_parks_is_no_park():
    """dev24's 周口 speech: 重点盯住周口港三期工程、…项城开发区…、鹿邑开发区…: a project and its phase stay
    out of a list whose other items are parks."""
    with own_place_words(frozenset({"周口", "项城", "鹿邑", "太康"})):
        named = _named("重点盯住周口港三期工程、经开区锂电池正极材料二期、项城开发区原料药绿色化改造、鹿邑开发区化妆刷产业链延伸")
    assert "周口港三期工程" not in named and {"项城开发区", "鹿邑开发区"} <= set(named)


def test_a_verb_jieba_tags_a_noun_and_a_class_before_a_kind_name_no_park():
    """dev24's 三亚 release and 广安 speech (session 29): 助力 (jieba's noun) is a verb before the zone; a
    city's 重点园区 and a region's 地区园区 are classes."""
    assert _named("以实际行动助力海南自由贸易港高质量建设") == ["海南自由贸易港"]
    assert _named("推动三亚市重点园区提质增效") == []
    assert _named("对标成都平原地区园区") == []


def test_three_cities_by_one_character_each_are_a_group_whoever_leads():
    """dev24's 汕头 工作要点 (session 29): 汕潮揭临港空铁经济合作区 opens with 汕头, 潮州 and 揭阳, no capital
    among them; words of the language made of such characters are none (大中小, 东中西, 上中下)."""
    assert _named("建设汕潮揭临港空铁经济合作区") == ["汕潮揭临港空铁经济合作区"]
    assert all(is_city_group(group) for group in ["汕潮揭", "厦漳泉", "珠中江", "苏锡常"])
    assert not any(is_city_group(word) for word in ["大中小", "东中西", "上中下", "高中低", "春夏秋"])


def test_a_countys_short_form_that_opens_with_a_numeral_names_its_park_in_its_citys_documents():
    """dev24's 台州 speech and 六盘水 release (session 29): 三门 (三门县) and 六枝 (六枝特区, less its two-character
    unit) are the city's counties; a count (三个开发区) stays one."""
    from kb.places import county_words, place_by_name

    assert "六枝" in county_words(place_by_name("六盘水市")) and "峰峰" in county_words(place_by_name("邯郸市"))
    with own_place_words(county_words(place_by_name("台州市")) | county_words(place_by_name("六盘水市"))):
        assert _named("三门经开区要用好核电这张牌") == ["三门经开区"]
        assert _named("六枝经济开发区新开工项目5个") == ["六枝经济开发区"]
        assert _named("三个开发区") == []


def test_a_part_of_a_province_opens_a_parks_name_before_its_topic():
    """dev24's 咸宁 办法 (session 29): 鄂南生物医药产业园 is named by the part of the province it serves, as
    苏南国家自主创新示范区 is; the region's zones (苏北开发区) and a plan's region (粤西片区) are none."""
    assert _named("规划建设鄂南生物医药产业园，依托京港澳高速公路") == ["鄂南生物医药产业园"]
    assert _named("苏南国家自主创新示范区") == ["苏南国家自主创新示范区"]
    assert _named("苏北开发区") == [] and _named("推进粤西片区发展") == []


def test_the_second_reviews_cases_of_session_29():
    """A second review found these in session 29's later rules: a city a text only compares itself
    with, a province's speech, the nation's list, a masked own place, a gazetteer's short form of
    another city (南沙 → 三沙) read as the document's place; 城中城 and 东西南北 read as groups of cities;
    助力 cutting a designation; a wharf listed among parks."""
    from kb.places import place_named_most

    for text in ["各县（市、区）人民政府：\n对标杭州，学习杭州高新区、杭州经开区经验，主动承接杭州产业外溢。\n加快城南片区、文昌片区开发建设",
                 "在全省园区工作会议上的讲话\n长沙经开区、长沙高新区发挥引领作用，长沙要当好排头兵，浏阳、宁乡要协同发展，长沙要…",
                 "深入实施南沙方案，南沙要…南沙新区、南沙自贸片区…广州要支持",
                 "××经开区融入郑州都市圈，对接郑州航空港，承接郑州经开区，郑州中牟、郑州新郑"]:
        assert place_named_most(text) is None, text
    assert place_named_most("项城市开发区…项城市要…项城市…周口市").name == "项城市"
    assert not is_city_group("城中城") and not is_city_group("东西南北")
    assert _named("加快城中城片区改造") == []
    assert _named("推进科技助力乡村振兴示范区建设") == ["科技助力乡村振兴示范区"]
    with own_place_words(frozenset({"周口", "项城", "鹿邑"})):
        assert _named("推进周口港集装箱码头、项城开发区、鹿邑开发区建设") == ["项城开发区", "鹿邑开发区"]


def test_a_taxonomy_parks_name_inside_a_longer_zone_name_yields_to_it():
    """dev23's 吕梁 方案 (session 30): 建设交口铝基新材料产业园 names 交口's park; the taxonomy's own
    铝基新材料产业园 (the reference corpus's) matched inside it and hid 交口. Written alone it is still the
    taxonomy's park."""
    linker = Linker.load()
    with own_place_words(frozenset({"交口", "孝义"})):
        for sentence, name in [("建设交口铝基新材料产业园，到2027年", "交口铝基新材料产业园"),
                               ("要充分利用铝基新材料产业园", "铝基新材料产业园")]:
            parks = [m.name for m in linker.mentions(sentence, 0, len(sentence)) if m.kind == "park"]
            assert parks == [name], sentence


def test_a_banner_written_short_names_its_park():
    """dev23's 通辽 通报 (session 30): 科左中旗工业园区 is 科尔沁左翼中旗's park; banners (and 喀左) are written
    by their first character, side and part (scripts/build_places.py), and jieba cuts the short form in
    three (科|左|中旗)."""
    from kb.places import places_in

    assert [p.name for p in places_in("科左中旗、察右前旗、乌前旗和喀左县")] == [
        "科尔沁左翼中旗", "察哈尔右翼前旗", "乌拉特前旗", "喀喇沁左翼蒙古族自治县"]
    assert _named("科左中旗工业园区、库伦工业园区2个开发区为合格等次") == ["科左中旗工业园区", "库伦工业园区"]
    assert _named("察右后旗农畜产品加工产业园") == ["察右后旗农畜产品加工产业园"]


def test_the_development_cases_of_dev25():
    """dev25 (session 30): a county whose whole name ends with the shared unit (环县) is not given it
    twice; a colon-headed list (镇雄、威信工业园区：) is a list; a 兵团 regiment by its number and two parts
    of the world name parks; a prefecture's 行政公署, like a government, ends the words before a zone; a
    national park's 片区 is none; 及 joins two industries inside a name; a free-trade area with 东盟
    is an agreement's."""
    assert _named("支持庆城、环县、华池等县工业集中区因地制宜发展特色产业") == [
        "庆城县工业集中区", "环县工业集中区", "华池县工业集中区"]
    assert _named("镇雄、威信工业园区：依托煤电资源和土地空间") == ["镇雄工业园区", "威信工业园区"]
    assert _named("协同发展。一二一团工业园区依托煤炭资源；一五〇团工业园区重点发展工业硅") == [
        "一二一团工业园区", "一五〇团工业园区"]
    assert _named("在开发区内规划建设中亚南亚工业园区、深喀科技创新产业园等特色园区") == [
        "中亚南亚工业园区", "深喀科技创新产业园"]
    assert _named("定期向自治区人民政府和喀什地区行政公署报告开发区建设发展情况") == []
    assert _named("以大熊猫国家公园雅安片区为依托") == [] and _named("祁连山国家公园青海片区") == []
    assert _named("打造中国－东盟自贸区升级版") == [] and _named("推进中国—东盟产业园建设") == ["中国—东盟产业园"]
    with own_place_words(frozenset({"开封", "兰考"})):
        assert _named("以开封经开区汽车及零部件产业园为主阵地") == ["开封经开区", "开封经开区汽车及零部件产业园"]


def test_a_citys_speech_comparing_itself_with_the_province_is_the_citys():
    """dev24's 广安 speech (session 30): 全市园区…高于全省平均 opens a city's speech (its first scope is 全市), and
    广安 (广安市, or its 广安区) counts for the city; where it writes 前锋区 whole, 前锋 (an everyday word the
    city's county words leave out) names 前锋区's park."""
    from kb.places import county_words, county_words_written_whole, place_by_name, place_named_most

    speech = ("在全市开发区高质量发展推进会上的讲话\n去年全市园区规上工业增加值增长9.6%，高于全省平均2.1个百分点。\n"
              + "广安经开区、华蓥高新区、岳池经开区都有进步，广安要当好龙头，华蓥要加油。" * 2)
    assert place_named_most(speech).name == "广安市"
    assert place_named_most(speech.replace("全市开发区", "全省开发区", 1)) is None
    guangan = place_by_name("广安市")
    assert "前锋" not in county_words(guangan)
    assert county_words_written_whole(guangan, "这个问题前锋区要拿出办法") == {"前锋"}
    assert county_words_written_whole(guangan, "前锋区域") == frozenset()
    # dev25's 邵阳 speech: 洞口 (an everyday word) written before its zone's kind is the county too
    assert county_words_written_whole(place_by_name("邵阳市"), "新建化工项目一律进入洞口经开区化工园区") == {"洞口"}


def test_a_known_zones_name_opening_before_the_rules_one_is_read_whole():
    """dev22's and dev20's cases (session 30): jieba cuts 与前|海 and 阅|海湾, and the rules read the name from
    深港 or 海湾 on; the gazetteer of known zones holds the whole name, which is read instead. A parent the
    rules read at the start of a longer known name stays (中国（新疆）自由贸易试验区 of its 喀什片区)."""
    linker = Linker.load()

    def parks(sentence: str) -> list[str]:
        return [m.name for m in linker.mentions(sentence, 0, len(sentence)) if m.kind == "park" and not m.generic]

    assert parks("加强与前海深港现代服务业合作区、南沙等重大合作平台对接") == ["前海深港现代服务业合作区", "南沙"]  # 南沙: a list of platforms (session 37)
    assert parks("依托阅海湾中央商务区和银川iBi育成中心") == ["阅海湾中央商务区"]
    assert "中国（新疆）自由贸易试验区" in parks("开发区内的中国（新疆）自由贸易试验区喀什片区")


def test_the_reviews_cases_of_session_30():
    """A review of session 30's rules found these: everyday words taken for counties written whole (新兴市场,
    振兴区 of 乡村振兴, 合作区, 比如市场); regiments written with ○, 十 or 第; units of two kinds shared by a list
    (等旗县, 等市县); a list whose kind holds a taxonomy park's name; 全市场化, 全市州 and 全州县 read as a city's
    scope; masked places written 某某市, ○○市 or ×市."""
    from kb.places import county_words_written_whole, place_by_name, place_named_most

    assert county_words_written_whole(place_by_name("云浮市"), "开拓新兴市场，新兴县") == frozenset()
    assert county_words_written_whole(place_by_name("丹东市"), "振兴区要主动作为") == frozenset()
    assert county_words_written_whole(place_by_name("广安市"), "前锋区要拿出办法") == {"前锋"}
    assert _named("原料；一五○团工业园区重点发展") == ["一五○团工业园区"]
    assert _named("支持二十九团工业园区发展") == ["二十九团工业园区"] and _named("组织三个团赴外招商") == []
    assert _named("杭后旗、乌前旗等旗县工业园区") == ["杭后旗工业园区", "乌前旗工业园区"]
    assert _named("三亚、儋州等市县产业园区") == ["三亚产业园区", "儋州产业园区"]
    linker = Linker.load()
    with own_place_words(frozenset({"交口", "孝义"})):
        sentence = "加快交口、孝义铝基新材料产业园建设"
        assert [m.name for m in linker.mentions(sentence, 0, len(sentence)) if m.kind == "park"] == [
            "交口铝基新材料产业园", "孝义铝基新材料产业园"]
    assert [m.name for m in linker.mentions("湖南凤凰工业园区", 0, 8) if m.kind == "park"] == ["凤凰工业园"]
    body = "广安经开区、华蓥高新区、岳池经开区都有进步，广安要当好龙头，华蓥要加油。" * 2
    for opening in ["推行全员聘任、全市场化运营，全省开发区…", "去年全市州开发区考核中，全省…", "某某市开发区", "○○市开发区", "×市开发区"]:
        assert place_named_most(opening + "\n" + body) is None, opening


def test_session_36_development_park_errors():
    """dev32 (滨海新区, 江油): a pair of countries opens a joint park's name, not a word ending on 中; a
    condition's 则 (开发区强则新区强) names nothing; places held up as models (深圳、苏州等先进地区园区)
    share no kind; a province's character opens a region before a bracketed place (川西北（江油）)."""
    assert _named("比如泰达的中日健康产业合作示范区、高新区的信创产业园。")[0] == "中日健康产业合作示范区"
    assert "中韩产业园" in _named("推进中韩产业园建设。")
    assert not any(name.startswith("中") for name in _named("推动企业集中新材料产业园发展。"))
    assert _named("可以说，开发区强则新区强，开发区兴则新区兴。") == []
    assert _named("低于深圳、苏州等先进地区园区水平；") == []
    assert _named("加快川西北（江油）现代物流园二期建设，完善铁路专用线。") == ["川西北（江油）现代物流园"]
    assert _named("建设西部（重庆）科学城。") == ["西部（重庆）科学城"]
    assert _named("围绕川渝西部（重庆）科学城建设") == ["西部（重庆）科学城"]  # (the review: not 渝西部)


def test_session_36_classes_and_committees():
    """dev31 (南海), dev32 (滨海新区, 金普): a new area's district before a bare 开发区 is its many zones;
    an 经济区 with a managing committee is a zone, not a region a plan covers; a name opening on a
    count of great ones (“三大主园区”) counts the parks just listed."""
    assert _named("在滨海新区开发区高质量发展大会上的讲话") == ["滨海新区"]
    assert "普湾经济区" in _named("大连保税区管理委员会、普湾经济区管理委员会和大连金州湾临空经济区管理委员会")
    assert _named("在狮山汽车产业园、南海智能装备产业园、博爱湖科技园“三大主园区”上集中发力") == [
        "狮山汽车产业园", "南海智能装备产业园", "博爱湖科技园"]


def test_a_list_opens_after_a_time_of_the_clause():
    """dev32 (宜都): a list of places sharing one kind may open right after 去年 or 今年, as after an
    adverb; jieba's reading of 当阳 as a word of time does not hide the city."""
    assert _named("去年枝江、当阳经开区规上工业产值增速都在12%以上。") == ["枝江经开区", "当阳经开区"]
    assert _named("今年宜昌、襄阳高新区都在扩区。") == ["宜昌高新区", "襄阳高新区"]


def test_a_way_of_carrying_stands_inside_a_name():
    """dev17, dev29, dev30, dev32, dev33: 公铁联运 (rail-road transport, jieba's verb 联运) names what a
    logistics park does, as 加工 or 制造 do; a class of such parks stays none."""
    assert _named("加快建设和田公铁联运物流园，完善铁路专用线。") == ["和田公铁联运物流园"]
    assert _named("要依托巴中公铁联运物流园，完善铁路专用线") == ["巴中公铁联运物流园"]
    assert _named("建设一批公铁联运物流园") == []


def test_acting_together_with_a_zone_names_no_county():
    """dev33 (开平): after a body or a modal, 会同 is 'together with' (统计部门会同新区管委会), not 会同县's short
    form opening a name; before a kind with no body in front, the county stays."""
    assert _named("由市统计主管部门会同新区管委会组织实施。") == []  # the bare 新区, the document's own
    assert "部门会同示范区" not in _named("的统计数据由省人民政府统计部门会同示范区管委会依法统计")
    assert _named("支持会同经开区发展。") == ["会同经开区"]


def test_a_zones_parks_listed_after_its_inside():
    """dev29, dev32 (金普): 开发区内的 declares the zone's parks as 包括 does; one item named by its place
    (大孤山化工园区) and the others by their industry are all parks."""
    text = "大连经济技术开发区内的集成电路产业园、汽车产业园、双D港生物医药产业园、大孤山化工园区，"
    assert "汽车产业园" in _named(text)
    assert _named("推动企业向苏州工业园区、化工产业园集中。") == ["苏州工业园区"]


def test_the_reviews_cases_of_session_37():
    """A helper review of session 37: 会同 after any office or a comma, or before its zone's 管委会, is the
    verb; 发展 with words after it ends the words before a park (口岸发展公铁联运物流园), not 农业发展园区; a
    designation created on approval (批准创建, 获准创建) is granted; 省内的 declares no zone's parks."""
    assert _named("省科技厅会同高新区管委会制定办法。") == []
    assert _named("负责数据汇总，会同经开区管委会报送。") == []
    assert _named("依托霍尔果斯口岸发展公铁联运物流园。") == []
    assert _named("海拉尔农业发展园区建设加快。") == ["海拉尔农业发展园区"]
    assert _named("经国务院批准创建国家农业高新技术产业示范区。") == ["国家农业高新技术产业示范区"]
    assert _named("古城获准创建国家文物保护利用示范区。") == ["国家文物保护利用示范区"]
    assert _named("推动企业向省内的苏州工业园区、化工产业园集中。") == ["苏州工业园区"]


def test_places_around_and_within_before_a_bare_kind_are_a_class():
    """dev33 (涿州, 丰镇): 京津周边先进园区 (the advanced parks around 京津) and 乌兰察布市域内开发区 (the zones
    within the city) are classes, as 有关 or 重点 before the kind make one."""
    assert _named("积极承接京津周边先进园区的产业转移。") == []
    assert _named("对乌兰察布市域内开发区实行统一管理。") == []
    assert _named("加快丰镇高新技术产业开发区建设。") == ["丰镇高新技术产业开发区"]


def test_a_universitys_science_park_is_named_by_the_university():
    """dev27, dev32: a university's short name jieba tags an abbreviation or a name (北大, 北航, 清华), or a
    name before 大学, opens its science park's name; the nation's 国家大学科技园 is a title, 生物科技园 a kind."""
    assert _named("支持塔里木大学科技园与开发区共建科技企业孵化器。") == ["塔里木大学科技园"]
    assert _named("推动清华科技园、北大科技园、北航科技园等大学科技园有机更新。") == ["清华科技园", "北大科技园", "北航科技园"]
    assert _named("推进国家大学科技园建设。") == []
    assert _named("建设生物科技园。") == []


def test_session_38_development_park_errors():
    """dev34 (长兴, 塔城, 禹州, 蒙自): a body listed after parks is no park (洪桥镇和县商务局); a count of
    places (两地) names no zone; villages jieba tags names are counted members (和平、夹浦两个小微企业园);
    中国 opens a cross-border zone before a county jieba knows as a place (河口), not before a lake or a
    region (中国鄱阳湖…, 中国长江经济带…); a body's person after it (商务局负责人) is a body too."""
    assert _named("长兴经开区、长兴高新区、洪桥镇和县商务局负责人作了交流发言。") == ["长兴经开区", "长兴高新区"]
    assert _named("把握中国鄱阳湖国家自主创新示范区建设机遇。") == ["鄱阳湖国家自主创新示范区"]
    assert _named("依托中国太湖经济开发区平台。") == ["太湖经济开发区"]
    assert _named("智慧、绿色两个小微企业园已建成投用。") == []
    assert _named("长兴经开区、长兴高新区、洪桥镇和县商务局作了交流发言。") == ["长兴经开区", "长兴高新区"]
    assert _named("乌苏、沙湾两地园区实现集中供热全覆盖。") == []
    assert _named("和平、夹浦两个小微企业园入驻率都超过了90%。") == ["和平小微企业园", "夹浦小微企业园"]
    assert _named("纺织、机械2个乡镇工业园区。") == []
    assert _named("深化与中国河口—越南老街跨境经济合作区的协同联动。") == ["中国河口—越南老街跨境经济合作区"]


def test_villages_and_regions_of_city_groups_open_names():
    """dev34 (静海, 长兴): a rare name of a village (大邱庄, jieba's person) opens its zone as a town's does;
    a region of city groups before a bracketed city opens the name as 西部（重庆） does."""
    assert _named("大邱庄工业区推动钢管、带钢等传统产业改造。") == ["大邱庄工业区"]
    assert _named("长三角（湖州）产业合作区建设全面提速。") == ["长三角（湖州）产业合作区"]
    assert _named("建设长三角（合肥）数字科技产业园。") == ["长三角（合肥）数字科技产业园"]  # a candidate before
    assert _named("推进长三角产业合作区建设。") == []


def test_session_39_development_park_errors():
    """dev35 (北辰, 博州, 余姚, 阿勒泰, 湘江新区, 怀柔, 曹妃甸): a modal (要) stands inside no name; 布局 and 明确提出,
    verbs jieba tags nouns, end the words before a zone; a plan's wing (东翼) opens no name; a pronoun (这些)
    ends a list's last item; a province before a middle dot partners a district of another province."""
    assert _named("天津北辰产城融合示范区要对标国家级产城融合示范区建设要求。") == ["天津北辰产城融合示范区"]
    assert "博乐边境经济合作区" in _named("依托博乐边境经济合作区布局新能源装备产业园，重点引进风电整机。")
    assert not any("布局" in n for n in _named("在城东新区布局光电科创园，形成空间布局。"))
    assert _named("北京市明确提出怀柔科学城要成为世界级原始创新承载区。") == ["怀柔科学城"]
    assert _named("“两翼”即东翼富蕴县喀拉通克工业园区和西翼吉木乃边境经济合作区。") == [
        "富蕴县喀拉通克工业园区", "吉木乃边境经济合作区"]
    assert _named("浦东新区、两江新区、天府新区这些先进新区，在产业能级上走在前面。") == ["浦东新区", "两江新区", "天府新区"]
    assert _named("开发区设东江、诸由观2个片区，园中园有8个。") == ["东江片区", "诸由观片区"]  # 诸 (jieba's pronoun)
    assert _named("北京·北辰协同创新产业园去年新落地项目23个。") == ["北京·北辰协同创新产业园"]
    assert _named("河北·雄安新区中关村科技园加快建设。") == ["雄安新区", "中关村科技园"]
    assert _named("浙江·西湖科技园加快建设。") == ["西湖科技园"]  # a 西湖区 lies in 浙江 (杭州's)


def test_a_bare_development_zone_is_the_one_zone_its_fuller_forms_name():
    """dev35's 北辰 speech: 北辰开发区 is 天津北辰经济技术开发区, which the speech also writes 北辰经开区 and
    北辰经济技术开发区: its fuller forms are one park, so it is that park, not a row of its own."""
    names = ["天津北辰经济技术开发区", "北辰经开区", "北辰经济技术开发区", "北辰开发区", "北辰科技园区"]
    keys = document_keys(names)
    assert keys["北辰开发区"] == keys["天津北辰经济技术开发区"] != keys["北辰科技园区"]


def test_session_40_development_park_errors():
    """Development sets (dev17, dev19, dev23 …dev35): a verb jieba cut from the industry word it opens
    (通用|航空) stands inside the name; a park two places share is named by their initials (深驻, 綦万, 荣泸)
    after a verb, a mark or 的, but a place before them makes a longer name and a word of the language
    (省际, 跨境, 共建, 化工) or a preposition (对韩) is no partner's initial."""
    assert _named("规划建设林州通用航空产业园，推进通用机场建设。") == ["林州通用航空产业园"]
    assert _named("石家庄栾城通用航空产业园目前已集聚通航制造企业。") == ["石家庄栾城通用航空产业园"]
    assert _named("合作共建深驻产业合作园、苏驻产业合作园。") == ["深驻产业合作园", "苏驻产业合作园"]
    assert _named("推进荣昌、泸县共建荣泸产业合作园区。") == ["荣泸产业合作园区"]
    with own_place_words(frozenset({"綦江"})):  # 綦江's own speech
        assert _named("共建綦万产业协作园。") == ["綦万产业协作园"]
    assert _named("推动合川、广安、长寿共建合广长产业合作园。") == ["合广长产业合作园"]
    assert _named("推动与合肥共建的合桐产业合作园建设。") == ["合桐产业合作园"]
    assert _named("推进沪滇临港保山产业合作园建设。") == ["沪滇临港保山产业合作园"]
    assert _named("支持东营港化工产业合作园发展。") == ["东营港化工产业合作园"]
    assert _named("推进省际产业合作园区和跨境产业合作园建设，共建产业合作园区，建设对韩产业合作园区。") == []
    assert _named("本办法所称宁凤产业合作园，是指凤阳县与南京市共建的园区。") == ["宁凤产业合作园"]  # 所称: not 称宁凤
    # the review of session 40: a verb of setting up is no initial (建|沪苏); a topic whose characters begin
    # some county's name (文旅, 茶旅) is no pair of partners: one initial must be a place named or a province's
    assert _named("两地合作建沪苏产业合作园。") == ["沪苏产业合作园"]
    assert _named("推进文旅产业合作园建设，打造茶旅产业合作园。") == []


def test_session_40_dev36_park_errors():
    """dev36 (凤阳, 冷水江, 府谷, 崖州湾, 启东): a zone jieba cut (科技|城) ends before 与, which then joins
    no designation's topic; a numbered task (2.建设…产业园。) is headed by its verb, not a park's name;
    深加工 (jieba's organisation) is an activity, no proper part; a county names its 物流园 as its
    工业园; in 启东's own documents 启|东海工 is 启东|海工."""
    assert _named("鼓励科技城与博鳌乐城国际医疗旅游先行区在创新药物领域合作。") == ["博鳌乐城国际医疗旅游先行区"]
    assert _named("2.建设锑新材料产业园。") == []
    assert "深加工产业园" not in _named("镁合金深加工产业园已经入驻企业17家。")
    assert _named("加快建设府谷铁路物流园，完善煤炭集运体系。") == ["府谷铁路物流园"]
    with own_place_words(frozenset({"启东"})):
        assert _named("推进启东海工船舶工业园建设。") == ["启东海工船舶工业园"]
    # a place's 集中区 of an industry (印染, 化工) and its 工业城 are zones; a 集中区 with no place is not named
    assert _named("推动印染企业全部进入伍堡工业集中区和祥芝印染集中区。") == ["伍堡工业集中区", "祥芝印染集中区"]
    assert _named("建设凤阳板桥化工集中区。") == ["凤阳板桥化工集中区"]
    assert _named("鹤山工业城去年新增规上企业30家。") == ["鹤山工业城"]
    assert _named("推动化工企业进入化工集中区。") == []
    assert _named("推进板桥镇农民集中区建设，完善县城居民集中区配套。") == []  # housing, not an industry's
    assert _named("支持株洲老工业城市调整改造，推进鞍山资源型工业城市转型发展。") == []  # 工业城市: a city
    # 临空港 (by the airport) is one word of a zone's name, not 临 'facing' and 空港
    assert _named("推动与武汉临空港经济技术开发区在产业上协作。") == ["武汉临空港经济技术开发区"]
    assert _named("以汉川临空港产业合作园为主要承载地。") == ["汉川临空港产业合作园"]
