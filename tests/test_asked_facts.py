"""What a question asks, found where the provision says it: a time asked how often is one the
sentence of the act states; a sanction's lead-in read whole with the item that fines the act; a
scope article ("…应当遵守本规定") names no act; a commencement asked of a text that states none;
two things asked "分别" each answered by its own 款; a term's definition, not an article that
names a short form of it; a later part asking whether the text says it at all; an implementing
act named with a 的 that the library lacks; a record of a revision broken over two lines; an
everyday word read as provisions write it (购房人, 亮明, 上学, 员工, 孩子, 年龄, 上路, 尾气,
电动汽车, 拒载); a time said only in a word ("及时") over a sentence that says none; a graver case
asked after a sanction that sets it ("情节严重的会怎样？")."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import assert_answers, library_of

_WATER = """# 金华市水环境保护条例

2019年8月20日 金华市第十五届人民代表大会常务委员会第二十次会议通过

第一条 为了保护和改善水环境，制定本条例。

第六条 水环境保护实行目标责任制和考核评价制度。市、县（市、区）人民政府应当根据本行政区域水环境保护目标制定年度考核评价指标。考核结果向社会公布。

第二十条 城市公共供水设施发生损坏的，供水企业应当在发现或者接到报告一个小时内到达现场进行维修。
"""

_RIVER = """# 济南市河道管理保护条例

2019年10月25日 济南市第十六届人民代表大会常务委员会第十四次会议通过

第一条 为了加强河道管理，制定本条例。

第二十六条 在河道管理范围内未经批准，不得进行下列行为：

（一）采砂、取土、淘金；

（二）弃置砂石或者淤泥。

第四十三条 违反本条例第二十六条规定，未经许可有下列行为之一的，责令停止违法行为，没收违法所得，限期恢复原状或者采取其他补救措施；逾期不恢复原状也不采取其他补救措施的，代为恢复原状或者采取其他补救措施，所需费用由违法者承担，可以按照下列规定予以处罚：

（一）采砂、取土、淘金的，有违法所得的，处违法所得二倍以下罚款；没有违法所得的，处五百元以上一千元以下罚款；

（二）弃置砂石或者淤泥的，处一千元以上一万元以下罚款。
"""

_SEA = """# 青岛市海洋环境保护规定

2009年12月24日 青岛市第十四届人民代表大会常务委员会第十四次会议通过

2016年1月22日 河南省第十二届人民代表大会常务委员会第十八次会议批准的2015年12月25日青岛市第十五届人民代表大会常务委员会第三十二次会议关于修

改《青岛市海洋环境保护规定》的决定第一次修正根据2018年9月7日青岛市第十六届人民代表大会常务委员会第十一次会议《关于修改〈青岛市环境噪声管理规定〉等十九件地方性法规的决定》第二次修正

第一条 为了保护海洋环境，制定本规定。

第二条 在本市管辖海域内从事航行、勘探、开发、生产、旅游、科学研究以及其他活动的单位和个人，应当遵守本规定。

第二十一条 在前款规定区域内，禁止采挖砂石。

第四十三条 违反本规定，在海上采挖砂石的，由海洋与渔业部门责令改正，扣押违法作业工具，没收违法所得，并处五万元以上二十万元以下罚款。
"""

_HOUSING = """# 烟台市城市房地产开发经营管理条例

2016年3月25日 烟台市第十五届人民代表大会常务委员会第三十五次会议通过

第一条 为了规范房地产开发经营，制定本条例。

第二十九条 房地产开发企业或者代理销售机构应当在商品房销售场所向买受人明示商品房预售许可证、建设工程规划许可证、测绘报告以及项目土地、在建工程抵押情况等文件和材料。

第三十三条 业主委员会任期为三至五年。业主委员会应当在任期届满三个月前，向所在地的街道办事处书面报告本届业主委员会届满日期。
"""

_RECYCLING = """# 宁波市再生资源回收利用管理条例

2008年10月30日 宁波市第十三届人民代表大会常务委员会第十二次会议通过

第一条 为了规范再生资源回收利用，制定本条例。

第五条 市和县（市）区再生资源回收管理部门主管本行政区域内再生资源回收管理工作。

市和县（市）区综合经济管理部门主管本行政区域内再生资源利用管理工作。

其他有关行政管理部门和乡镇人民政府（街道办事处），按照各自职责做好再生资源回收利用管理的相关工作。
"""

_WALLS = """# 浙江省发展新型墙体材料条例

2018年11月30日 浙江省第十三届人民代表大会常务委员会第七次会议通过

第二条 本省行政区域内新型墙体材料的研究开发、生产销售、使用和监督管理，适用本条例。

本条例所称新型墙体材料，是指以非粘土为原料生产的，具有资源综合利用、环境保护、节约土地和能源等特性，符合国家产业政策的墙体材料。

第五条 墙体材料主管部门依法设立的发展新型墙体材料工作机构（以下简称新墙材工作机构）按照规定职责承担发展新型墙体材料的具体工作。新墙材工作机构负责新型墙体材料的推广。
"""

_READING = """# 温州市全民阅读促进条例

2018年12月28日 温州市第十五届人民代表大会常务委员会第十七次会议通过

第一条 为了保障市民阅读权利，制定本条例。

第五条 市新闻出版主管部门组织拟定全民阅读促进工作规划和年度工作计划，报本级全民阅读指导委员会审定后组织实施。
"""

_ENTERPRISES = """# 郑州市非公有制企业权益保障条例

2001年6月8日 郑州市第十一届人民代表大会常务委员会第二十一次会议通过

第一条 为了保障非公有制企业的合法权益，制定本条例。

第二十五条 非公有制企业中外地从业人员要求子女在本市入学的，中、小学校应按规定接收。中、小学校吸收非公有制企业外地从业人员的子女入学，除按规定标准收取借读费外，收取其他费用应同本市学生适用同一标准，不得擅自提高。
"""

_BIKES = """# 衢州市市区电动自行车管理规定

2016年12月12日 衢州市第七届人民代表大会常务委员会第三次会议通过

第一条 为了加强电动自行车管理，制定本规定。

第二十一条 在道路上驾驶电动自行车，驾驶人应当年满十六周岁。
"""

_OATH = """# 山东省实施宪法宣誓制度办法

2018年3月29日 山东省第十三届人民代表大会常务委员会第二次会议通过

第一条 为了实施宪法宣誓制度，制定本办法。

第三条 乡、民族乡、镇的人民代表大会选举的人民代表大会主席、副主席，乡长、副乡长，镇长、副镇长，在依照法定程序产生后，进行宪法宣誓。宣誓仪式由本级人民代表大会会议主席团组织。
"""

_WETLAND = """# 郑州市湿地保护条例

2020年8月5日 郑州市第十五届人民代表大会常务委员会第十一次会议通过

第一条 为了加强湿地保护，制定本条例。

第十六条 湿地公园应当按照有关规定进行命名和挂牌。任何单位和个人不得擅自命名、挂牌湿地公园。

第四十条 违反本条例第十六条规定，擅自命名、挂牌湿地公园的，由市、县（市、区）湿地保护管理部门责令改正，处以五千元以上二万元以下罚款。
"""

_PARK = """# 杭州西溪国家湿地公园保护管理条例

2011年10月17日 杭州市第十二届人民代表大会常务委员会第三十五次会议通过

第一条 为了保护西溪国家湿地公园，制定本条例。

第六十八条 违反本条例规定，未经批准擅自举办群众性活动的，责令停止违法行为，并处一千元以上一万元以下罚款。
"""

_OWNERS = """# 杭州市物业管理条例

2021年6月29日 杭州市第十三届人民代表大会常务委员会第三十六次会议第二次修订

第一条 为了规范物业管理活动，制定本条例。

第十六条 业主共同决定事项，应当由专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与表决。决定前款第六项至第八项规定的事项，应当经参与表决专有部分面积四分之三以上的业主且参与表决人数四分之三以上的业主同意。决定前款其他事项，应当经参与表决专有部分面积过半数的业主且参与表决人数过半数的业主同意。
"""

_EXHAUST = """# 济南市机动车排气污染防治条例

2020年1月15日 济南市第十七届人民代表大会常务委员会第十三次会议通过

第一条 为了防治机动车排气污染，制定本条例。

第十条 公民、法人和其他组织有权对违反本条例规定的行为进行投诉举报。有关国家机关和单位接到投诉举报后，应当依法处理，并将处理结果及时反馈投诉举报人。

第二十三条 纯电动机动车免于环保检验。拖拉机排气污染防治按照国家和省有关规定执行。
"""

_TAXI = """# 青岛市客运出租汽车管理条例

2021年5月27日 青岛市第十七届人民代表大会常务委员会第二十九次会议通过

第一条 为了规范客运出租汽车管理，制定本条例。

第二十六条 巡游车驾驶员不得有下列行为：

（一）巡游车空车待租状态下，乘客告知目的地后，拒绝载客；

（二）未按照规定使用计价器。

第四十三条 出租汽车驾驶员违反本条例规定，有下列情形之一的，由交通运输主管部门责令改正，处五百元以上二千元以下罚款；情节严重的，吊销驾驶员从业资格证：

（一）违反本条例第二十六条规定之一的；

（二）转借、出租、涂改从业资格证的。
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("asked_facts")
    return library_of(
        root,
        {
            "water.md": _WATER,
            "river.md": _RIVER,
            "sea.md": _SEA,
            "housing.md": _HOUSING,
            "recycling.md": _RECYCLING,
            "walls.md": _WALLS,
            "reading.md": _READING,
            "enterprises.md": _ENTERPRISES,
            "bikes.md": _BIKES,
            "oath.md": _OATH,
            "wetland.md": _WETLAND,
            "park.md": _PARK,
            "owners.md": _OWNERS,
            "exhaust.md": _EXHAUST,
            "taxi.md": _TAXI,
        },
    )


# (question, what the answer says, what it must not say)
CASES = {
    # "一个小时内" is a time limit
    "an_hour_counted_in_words": ("金华市供水设施坏了，供水企业多久要到现场？", ["一个小时内到达现场"], []),
    # the lead-in the first sentence of which was found, whole, with the item that fines the act
    "lead_in_read_whole_with_its_item": (
        "在济南市河道管理范围内没经许可乱倒砂石、淤泥，要罚多少钱？",
        ["可以按照下列规定予以处罚", "一千元以上一万元以下"],
        [],
    ),
    # "管辖海域" is where the text applies (its scope article), not an act it leaves unsanctioned
    "scope_words_name_no_act": (
        "要是有人在青岛市管辖海域里偷挖砂石，会被怎么处罚？",
        ["五万元以上二十万元以下"],
        [],
    ),
    "everyday_words_for_buyers": (
        "在烟台市买房，开发商在售楼处必须向购房人亮明哪些证件和材料？",
        ["商品房预售许可证", "测绘报告"],
        [],
    ),
    # each of the two things asked, by the 款 that names it
    "each_of_two_by_its_own_paragraph": (
        "宁波市再生资源的回收管理和利用管理分别归哪个部门主管？",
        ["再生资源回收管理部门主管", "综合经济管理部门主管"],
        ["按照各自职责"],
    ),
    # the definition of the term asked, not the article that names its short form
    "definition_of_the_term_asked": (
        "浙江省墙材条例里“新型墙体材料”是怎么定义的？",
        ["节约土地和能源"],
        ["新墙材工作机构"],
    ),
    "schooling_in_everyday_words": (
        "郑州市非公有制企业外地员工的孩子来上学，学校怎么收费？",
        ["借读费", "同本市学生适用同一标准"],
        [],
    ),
    "age_in_everyday_words": ("衢州市骑电动自行车上路，对驾驶人的年龄有没有要求？", ["年满十六周岁"], []),
    # how long a term lasts is a time asked
    "how_long_a_term_lasts": ("烟台市业主委员会一届任期多长？", ["三至五年"], []),
    # a congress acts through its presidium: the sentence that names it as the organiser
    "organised_by_the_presidium": (
        "山东乡镇人大选出来的乡长、镇长宣誓，仪式由谁组织？",
        ["本级人民代表大会会议主席团组织"],
        [],
    ),
    # "湿地公园" alone is any wetland park, not the one a regulation is titled by
    "a_kind_of_park_is_no_park_named": (
        "在郑州，没经批准就给湿地公园起名挂牌，要罚多少？",
        ["五千元以上二万元以下"],
        ["群众性活动"],
    ),
    # "过半数" is a share: the 款's three rules, each setting one, are answered together
    # a time said in a word ("及时") is the time the text sets, not the sentence beside it
    "time_in_a_word": ("济南群众投诉机动车排气污染，处理答复有什么时限？", ["及时反馈"], []),
    "exhaust_in_everyday_words": (
        "在济南开纯电动汽车，还需要去做尾气环保检验吗？",
        ["纯电动机动车免于环保检验"],
        [],
    ),
    "majority_is_a_figure": ("杭州业主共同决定事项，表决要多少业主同意？", ["四分之三以上", "过半数"], []),
}


@pytest.mark.parametrize("case", CASES)
def test_the_answer_says_what_was_asked(lib: Any, case: str) -> None:
    assert_answers(lib, *CASES[case])


@pytest.mark.parametrize(
    "question",
    [
        # the yearly indicators are another sentence's: none says how often results are published
        "金华市考核结果多久向社会公布一次？",
        # a yearly plan dates nothing: the text states no day it takes effect
        "温州市全民阅读促进条例是从哪一天开始施行的？",
        # the library holds no such implementing act
        "河南省实施宪法宣誓制度的办法里，县长的宣誓仪式由谁组织？",
        # the second part asks only whether the text says what the first found nothing on
        "温州市阅读推广人每个月能领多少补贴？条例有统一标准吗？",
    ],
)
def test_what_no_provision_says_is_not_found(lib: Any, question: str) -> None:
    answer = lib.respond(question).answer
    assert answer.abstained, answer.text


def test_a_revision_broken_over_two_lines_is_dated(lib: Any) -> None:
    answer = lib.respond("《青岛市海洋环境保护规定》修正过几次，分别是什么时候？").answer
    assert not answer.abstained, answer.text
    for date in ("2016年1月22日", "2018年9月7日"):
        assert date in answer.text, answer.text


def test_a_graver_case_asked_after_its_sanction_points_back_to_it(lib: Any) -> None:
    # the sanction quoted for the first part sets the graver case in its own clause
    answer = lib.respond("青岛巡游车司机空车拒载，会被怎么罚？情节严重的会怎样？").answer
    assert not answer.abstained, answer.text
    assert "五百元以上二千元以下" in answer.text and "吊销驾驶员从业资格证" in answer.text, answer.text
    assert "（2）情节严重的会怎样：见（1）" in answer.text, answer.text


_WORKS = """# 某省公共工程审计条例

2012年5月30日 某省第十一届人民代表大会常务委员会第二十八次会议通过

第一条 为了加强公共工程审计监督，制定本条例。

第二条 本条例所称公共工程，是指财政全额投资和以财政投资为主的工程。

以财政投资为主的工程是指财政资金占总投资百分之五十以上的工程；财政资金占总投资不足百分之五十，但政府拥有工程运营控制权的工程。

第三条 职业院校应当每学期至少组织一次消防疏散演练。

第四条 禁止新建每小时二十蒸吨以下的燃煤锅炉。
"""


@pytest.mark.parametrize(
    ("question", "said", "unsaid"),
    [
        # a term the question quotes is defined by the 款 that opens with it, whole
        (
            "某省的公共工程审计条例里，“以财政投资为主”的公共工程是如何界定的？",
            ["百分之五十以上", "运营控制权"],
            ["全额投资"],
        ),
        # how often, in a school's period: "每学期"
        ("某省的职业院校隔多长时间得搞一回消防疏散演练？", ["每学期至少组织一次"], []),
        # a size in a boiler's unit: "二十蒸吨"
        ("某省不准新建多大的燃煤锅炉？", ["二十蒸吨以下"], []),
    ],
)
def test_a_fact_in_a_unit_of_its_own_is_found(
    tmp_path_factory: Any, question: str, said: list[str], unsaid: list[str]
) -> None:
    lib = library_of(tmp_path_factory.mktemp("works"), {"某省公共工程审计条例.md": _WORKS})
    assert_answers(lib, question, said, unsaid)
