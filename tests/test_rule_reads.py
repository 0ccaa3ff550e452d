"""How a provision is found and read when its words lean on another: an article that goes on
with the measure the one before it takes ("暂扣、查封的期限…"), a special case that departs from
the rule another article sets ("可以少于本细则第三十三条规定的期限"), a time set against an
event ("不得迟于…春季绿化季节"), a period in words ("一个自然年"), a threshold ("连续停热十二小时
以上的"), a figure asked in Arabic numerals of a provision that writes it in words, the body a
"由谁来组织" question asks for, and an article number the document does not reach."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.parts import split_parts
from tests.conftest import assert_answers, library_of

_WASTE = """# 临江市固体废物污染环境防治条例
第一条 为了防治固体废物污染环境，制定本条例。

第三十一条 产生危险废物的单位应当建立危险废物台账，危险废物台账应当保存十年以上。

第五十三条 有下列情形之一的，环境保护主管部门可以对涉嫌违法处置危险废物的设备、场所、工具予以暂扣、查封：

（一）可能造成证据灭失的；

（二）可能造成重大污染的。

第五十四条 暂扣、查封的期限不得超过三十日；情况复杂的，经环境保护主管部门负责人批准，可以延长三十日。
"""

_ELECTION = """# 临江市人民代表大会代表选举实施细则
第一条 为了做好代表选举工作，制定本细则。

第三十三条 选民名单应当在选举日的二十日以前公布。

第三十五条 代表候选人名单应当在选举日的十五日以前公布。

第五十九条 补选代表时，由常务委员会主持。从公布选民名单到选举日的期限，可以少于本细则第三十三条规定的期限，但不得少于十二日。
"""

_OATH = """# 临江市实施宪法宣誓制度办法
第一条 为了实施宪法宣誓制度，制定本办法。

第四条 市人民代表大会选举的市人民检察院检察长，在依照法定程序报经上一级人民检察院检察长提请该级人民代表大会常务委员会批准后，进行宪法宣誓。宣誓仪式由市人民代表大会常务委员会主任会议组织。
"""

_GREEN = """# 临江市城市管理条例
第一条 为了加强城市管理，制定本条例。

第四十五条 建设项目的附属绿化工程应当与主体工程同步设计、同步施工。附属绿化工程的完成时间不得迟于主体工程投入使用后的第二个年度的春季绿化季节。
"""

_WEATHER = """# 临江市气象设施保护条例
第一条 为了保护气象设施，制定本条例。

第十九条 经批准迁移的气象台站，应当在新、旧站址之间进行至少一个自然年的对比观测。

前款所称自然年，是指以公历计算的一个完整年度，即1月1日至12月31日。
"""

_HEAT = """# 临江市集中供热条例
第一条 为了规范集中供热，制定本条例。

第二十五条 热经营企业应当在供热期间实行二十四小时不间断服务，发现问题应当及时处理，不得擅自停热。

第二十七条 供热期间热经营企业应当连续稳定供热。

因供热设施发生故障需要停热八小时以上的，热经营企业应当及时通知热用户。连续停热十二小时以上的，热经营企业应当按照停热的时间退还相应的热费。

第二十九条 室温连续四十八小时以上不达标的，应当减收热费。
"""

_SAND = """# 临江市河道采砂管理条例
第一条 为了加强河道采砂管理，制定本条例。

第三十二条 违反本条例规定，未经许可擅自从事河道采砂活动的，由水行政主管部门责令停止违法行为。违法采砂一百吨以下的，并处五万元以上十万元以下罚款；违法采砂超过一百吨的，并处十万元以上三十万元以下罚款。
"""


_READING = """# 临江市全民阅读促进条例
第一条 为了促进全民阅读，制定本条例。

第十九条 本市设立全民阅读节。

每年4月为临江读书月。

第二十条 公共图书馆应当组织开展读书交流分享、图书展览等阅读推广活动。

第三十五条 本条例自2022年3月1日起施行。2001年5月1日临江市人民代表大会常务委员会通过的《临江市图书馆管理办法》同时废止。
"""

_VIEW = """# 临江市城市景观风貌条例
第一条 为了塑造城市景观风貌，制定本条例。

第八条 下列区域应当列入城市景观风貌重点管控区域：

（一）城市核心区；

（二）新城新区。

城市景观风貌重点管控区域应当编制详细城市设计，细化总体城市设计提出的控制和引导要求。其他区域可以根据需要编制详细城市设计。

第九条 总体城市设计由自然资源主管部门组织编制。
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("rule_reads")
    return library_of(
        root,
        {
            "waste.md": _WASTE,
            "election.md": _ELECTION,
            "oath.md": _OATH,
            "green.md": _GREEN,
            "weather.md": _WEATHER,
            "heat.md": _HEAT,
            "sand.md": _SAND,
            "reading.md": _READING,
            "view.md": _VIEW,
        },
    )


# (question, what the answer says, what it must not say)
CASES = {
    # "暂扣、查封的期限…" goes on with the measure the article before takes against the devices
    # (and "环保部门" asks no "环保部" of the segmenter)
    "measure_of_the_article_before": (
        "临江环保部门对涉嫌违法处置危废的设备暂扣、查封，最长能扣多久？",
        ["不得超过三十日"],
        [],
    ),
    # the by-election's shorter period departs from the rule asked
    "the_rule_not_its_exception": (
        "临江选民名单最晚要在选举日前多少天公布？",
        ["选举日的二十日以前"],
        ["十二日"],
    ),
    "the_body_that_does_the_act_asked": (
        "临江市人民检察院检察长选出来以后，宪法宣誓仪式由谁来组织？",
        ["宣誓仪式由市人民代表大会常务委员会主任会议组织"],
        [],
    ),
    "time_set_against_an_event": (
        "临江建设项目的附属绿化工程最迟什么时候必须完工？",
        ["不得迟于主体工程投入使用后的第二个年度的春季绿化季节"],
        [],
    ),
    # not the 款 that defines 自然年, whose dates are no answer
    "period_in_words": (
        "临江批准迁移的气象台站，新老站址之间至少要对比观测多久？",
        ["至少一个自然年的对比观测"],
        ["1月1日"],
    ),
    "threshold_of_a_time": (
        "临江供暖期间连续停热多久，热企就得退热费？",
        ["连续停热十二小时以上的"],
        ["二十四小时不间断服务"],
    ),
    "figure_in_arabic_numerals": (
        "临江没证采砂100吨以下的怎么罚？",
        ["五万元以上十万元以下"],
        [],
    ),
    # 读书月 is one name, not every passage that says 读书
    "named_month": ("临江有没有设读书月？", ["每年4月为临江读书月"], ["读书交流分享"]),
    # the former text named in 《》 is the one the current text repeals
    "former_text_named": ("以前的《临江市图书馆管理办法》还有效吗？", ["同时废止"], []),
    # the part after a question asking which ones asks about the matter, not which ones again
    "after_which_ones": (
        "临江哪些区域要划进城市景观风貌重点管控区域？划进去以后要做什么设计？",
        ["城市核心区", "应当编制详细城市设计"],
        [],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_answer_says_what_was_asked(lib: Any, case: str) -> None:
    assert_answers(lib, *CASES[case])


def test_an_article_number_past_the_last_is_said_to_be_missing(lib: Any) -> None:
    answer = lib.respond("临江市集中供热条例第三十五条是怎么规定的？").answer
    assert answer.abstained
    assert "没有第三十五条" in answer.text


def test_places_asked_each_in_turn_ask_the_question_before() -> None:
    question = "附属绿化工程最迟什么时候必须完工？郑州、洛阳两地分别怎么规定？"
    assert split_parts(question) == [question]
    two = "附属绿化工程最迟什么时候必须完工？违反了怎么罚？"
    assert len(split_parts(two)) == 2


def test_two_asks_in_one_clause_each_with_its_predicate_are_two_parts() -> None:
    # "几天内可以申请复核、多久给复核决定": the first has a predicate of its own; "哪些单位、哪些
    # 个人需要登记" lists two things asked one thing
    assert split_parts("对考核结果不服，几天内可以申请复核、多久给复核决定？") == [
        "对考核结果不服，几天内可以申请复核？",
        "多久给复核决定？",
    ]
    assert split_parts("哪些单位、哪些个人需要登记？") == ["哪些单位、哪些个人需要登记？"]
