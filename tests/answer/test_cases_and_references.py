"""How a provision answers when its parts live apart: a sanction that cites its duty by number
reads with that duty's words and its own; a lead-in whose items each set the figure for one case
is all of them when the question names several; "多久…一次" is answered by how often; a sanction
left to another law ("按照《…法》进行处罚") is a sanction; a text that sets no start date says
so; a revision's approval is the revision's record."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from tests.conftest import library_of

_CITY = """# 青阳市城市市容和环境卫生管理条例
第一条 为了加强城市市容和环境卫生管理，制定本条例。

第十八条 城镇道路上设置的各种井盖、雨箅等设施，应当保持完好。产权单位或者管理单位对城镇道路上设置的各种井盖、雨箅等设施，每日巡查不少于一次。发现井盖、雨箅等设施丢失或者破损时，应当在半小时内设立警示标志，并在二十四小时内补装。

第三十条 城市建成区内禁止饲养鸡、鸭、鹅、兔、羊、猪等家禽家畜。

第三十一条 饲养犬类等宠物应当符合有关规定，不得影响环境卫生。宠物在公共场所排泄的粪便，饲养人应当立即清除。

第三十二条 在城市道路两侧堆放物料的，应当经批准，并及时清理。

第四十五条 违反本条例第三十条规定的，责令限期处理；逾期未处理的，予以没收，并处禽类每只五十元，畜类每头一百元罚款。

第四十六条 违反本条例第三十一条规定的，处五十元以上一百元以下罚款。

第四十七条 违反本条例第三十二条规定，擅自堆放物料的，责令限期改正，逾期未改正的，处二百元以上一千元以下罚款。

第四十八条 未按照规定填写并运行危险废物转移联单的，由生态环境主管部门按照《中华人民共和国固体废物污染环境防治法》进行处罚。
"""

_FARM = """# 青阳市循环农业促进条例
第一条 为了促进循环农业，制定本条例。

第十三条 禁止随意抛弃病死畜禽。

第四十条 违反本条例第十三条规定，随意抛弃病死畜禽的，由动物卫生监督机构责令其无害化处理，并处禽类每只二百元、畜类每头一千元以上二千元以下的罚款。
"""

_RAIL = """# 青阳省地方铁路管理条例
第一条 为了保障地方铁路运营安全，制定本条例。

第三十二条 禁止在地方铁路桥梁上下游下列范围内拦河筑坝、采石、挖砂、取土：

（一）桥长一百米以上的大桥上下游各五百米；

（二）桥长二十米以上一百米以下的中桥上下游各三百米；

（三）桥长二十米以下的小桥上下游各二百米。

在前款范围内确需作业的，应当经铁路运输企业同意。
"""

_PATENT = """# 青阳市专利保护规定
2004年10月25日 青阳市第十三届人民代表大会常务委员会第十五次会议通过

2004年11月25日 青阳省第十届人民代表大会常务委员会第十一次会议批准

2011年11月25日 青阳省第十一届人民代表大会常务委员会第二十七次会议批准的2011年11月15日青阳市第十四届人民代表大会常务委员会第三十三次会议《关于修改〈青阳市专利保护规定〉的决定》修正

第一条 为了保护专利权人的合法权益，制定本规定。

第二条 市专利管理部门负责本市的专利保护工作。

第二十六条 本规定自2005年1月1日起施行。
"""

_MARKET = """# 青阳市集贸市场管理条例
第一条 为了加强集贸市场管理，制定本条例。

第九条 市场开办者应当在市场内显著位置设置公示栏。

第十八条 城市管理主管部门应当会同有关部门，在不影响消防安全、道路通行、居民生活和广泛听取居民意见的前提下，在本辖区内划定临时设摊经营的区域，报本级人民政府批准后，向社会公布施行。
"""

_FAMILY = """# 青阳省人口与计划生育条例
第一条 为了实行计划生育，制定本条例。

第二十九条 按照规定采取避孕措施的，分别享受以下待遇：

（一）放置宫内节育器，休息二日，七日内不安排重体力劳动；

（二）结扎输精管，休息二十一日；

（三）结扎输卵管，休息二十一日。

休假期间，是国家机关工作人员或者企业事业单位职工的，视为出勤，发给工资、福利。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return library_of(
        tmp_path_factory.mktemp("cases"),
        {
            "青阳市城市市容和环境卫生管理条例.md": _CITY,
            "青阳市循环农业促进条例.md": _FARM,
            "青阳省地方铁路管理条例.md": _RAIL,
            "青阳市专利保护规定.md": _PATENT,
            "青阳市集贸市场管理条例.md": _MARKET,
            "青阳省人口与计划生育条例.md": _FAMILY,
        },
    )


def test_a_sanction_citing_its_duty_reads_with_the_duty_and_its_own_words(assistant: Assistant) -> None:
    # 第四十五条 says the step asked (逾期未处理), 第三十条 the act (饲养鸡、羊); 第四十条 of the
    # other regulation says 畜禽 once, which both 养鸡 and 养羊 may mean
    text = assistant.respond("青阳市区有人在家里养鸡、养羊，责令处理后逾期不处理的，罚款怎么算？").text
    assert "禽类每只五十元" in text, text
    assert "二百元" not in text, text


def test_how_often_is_answered_by_the_frequency(assistant: Assistant) -> None:
    text = assistant.respond("青阳市道路上的井盖、雨箅子，管理单位多久要巡查一次？").text
    assert "每日巡查不少于一次" in text, text
    assert "半小时内" not in text, text


def test_several_cases_named_are_each_answered_without_the_paragraph_after(assistant: Assistant) -> None:
    text = assistant.respond("青阳省地方铁路的大桥、中桥、小桥，上下游各多大范围内不准挖砂取土？").text
    for figure in ("上下游各五百米", "上下游各三百米", "上下游各二百米"):
        assert figure in text, text
    assert "铁路运输企业同意" not in text, text
    # one case asked: its item alone
    one = assistant.respond("青阳省地方铁路的大桥上下游多大范围内不准挖砂取土？").text
    assert "上下游各五百米" in one and "上下游各二百米" not in one, one
    # (the items, without the 款 after them, which another part asks)
    leave = assistant.respond("在青阳省放置宫内节育器、做输卵管或输精管结扎，各能休几天？").text
    assert "休息二日" in leave and leave.count("休息二十一日") == 2, leave
    assert "视为出勤" not in leave, leave


def test_a_sanction_set_by_another_law_answers(assistant: Assistant) -> None:
    text = assistant.respond("在青阳市，危险废物转移联单没按规定填写，按什么处罚？").text
    assert "固体废物污染环境防治法" in text, text


def test_a_duty_cited_by_number_is_found_through_the_words_of_the_question(assistant: Assistant) -> None:
    # "狗粪", which the segmenter cuts in two, is "宠物…排泄的粪便" of 第三十一条, fined by 第四十六条
    text = assistant.respond("在青阳市遛狗不及时清理狗粪，会被罚多少？").text
    assert "五十元以上一百元以下" in text, text


def test_a_text_that_sets_no_start_date_says_so(assistant: Assistant) -> None:
    answer = assistant.respond("《青阳市集贸市场管理条例》什么时候施行？").answer
    assert answer.abstained, answer.text
    assert "青阳市集贸市场管理条例" in answer.text and "公布施行" not in answer.text, answer.text


def test_the_approval_of_a_revision_is_the_revisions_record(assistant: Assistant) -> None:
    text = assistant.respond("《青阳市专利保护规定》后来的修正是哪天经省人大常委会批准的？").text
    assert "2011年11月25日" in text, text
    assert "2004年11月25日" not in text, text
