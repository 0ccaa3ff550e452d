"""What a question's route reads and answers with: the passages of each part of a question and
of each region in turn, the places a quoted phrase occurs, the sanction that describes the act a
part asks about when none cites its article by number, a place named in a document's scope
article, and a follow-up that names an act of its own."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import library_of

_ISLANDS = """# 临江市海岛保护条例
第一条 为了保护海岛生态，制定本条例。

第二条 本条例适用于本市行政区域内海岛的保护。

本条例所称的海岛，包括青螺岛、白鹭岛和石门岛。

第十三条 禁止在灯塔周围五百米范围内从事爆破、采石以及其他可能改变海岛地形的活动。

第十四条 因科学研究需要登岛的单位，应当提前十日向海洋主管部门报告。

第十五条 距海岛岸线二百米以内不得从事餐饮、住宿等经营活动。

第十六条 海岛上的旅游码头由海洋主管部门统一规划。

第二十八条 违反本条例规定，拒绝海洋主管部门监督检查，或者在接受监督检查时弄虚作假的，由海洋主管部门责令改正，可以处二万元以下的罚款。

第二十九条 违反本条例规定，在灯塔周围保护范围内进行爆破、采石或者其他可能改变海岛地形活动的，由海洋主管部门责令停止违法行为，处一万元以上十万元以下的罚款。
"""

_RESERVES = """# 临江市海洋特别保护区管理条例
第一条 为了加强海洋特别保护区管理，制定本条例。

第二条 本条例适用于临江青螺岛海洋特别保护区、临江白鹭岛海洋特别保护区的规划、建设和管理。

保护区的具体范围以批准的边界坐标连线成区为准。

第二十八条 保护区内的休闲渔业活动禁止拖网作业。
"""

_MARKET_RULES = """# 临江市农贸市场管理条例

2011年6月2日 临江市第十三届人民代表大会常务委员会第五次会议通过

<!-- INFO END -->

第三条 市人民政府设立农贸市场管理委员会，负责统筹本市农贸市场工作，具体职责是：

（一）编制农贸市场布局规划；

（二）协调解决农贸市场建设中的重大问题；

（三）督促检查农贸市场食品安全工作。

农贸市场管理委员会的日常工作由市场监督管理部门承担。

第四十条 本条例自2012年1月1日起施行。2001年3月5日临江市第十一届人民代表大会常务委员会第九次会议通过的《临江市集市贸易管理条例》同时废止。
"""

_POLES = """# 临江市城镇容貌管理条例
第十八条 电力、通信等各类管线、杆体的设置应当规范、安全。因线路改造废弃的管线、杆体、箱体等设施，产权单位应当自线路改造完成之日起十五日内拆除并清理完毕。

第四十五条 违反本条例规定，各类管线、杆体的设置不符合城镇容貌标准的，或者因线路改造废弃的管线、杆体、箱体等设施未在规定时间内拆除并清理完毕的，由城镇容貌主管部门责令限期改正；逾期不改正的，处一千元以上五千元以下的罚款。

第四十八条 违反本条例规定，在城镇中设置门店招牌不符合设置规划的，由城镇容貌主管部门责令限期改正；逾期不改正的，处五百元以上二千元以下的罚款。
"""

_PARKS = """# 衢州市公园条例
第一条 为了加强公园管理，制定本条例。

第八条 公园内禁止攀折花木、采摘果实。

第九条 公园的夜间开放期为每年五月一日至十月三十一日，具体开放时间由公园管理机构确定并公示。

第二十条 违反本条例第八条规定的，由园林主管部门责令改正，处五十元以上二百元以下罚款。
"""

_MARKETS = """# 丽水市集贸市场条例
第一条 为了规范集贸市场，制定本条例。

第六条 市场开办者应当建立商品质量追溯制度，坚持绿色发展、共建共享的原则。

第七条 市场内禁止销售野生动物。
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("route_reads")
    return library_of(
        root,
        {
            "islands.md": _ISLANDS,
            "reserves.md": _RESERVES,
            "parks.md": _PARKS,
            "markets.md": _MARKETS,
            "market_rules.md": _MARKET_RULES,
            "poles.md": _POLES,
        },
    )


def test_a_part_sanctioned_in_words_gets_the_sanction_on_its_act(lib: Any) -> None:
    # (no sanction cites 第十三条 by number; the one on the same act describes it)
    text = lib.respond("临江灯塔四周多大范围内禁止采石？违反了要怎么罚？").answer.text
    assert "五百米" in text
    assert "一万元以上十万元以下" in text
    assert "二万元以下" not in text


def test_a_place_the_scope_article_names_is_what_every_provision_is_about(lib: Any) -> None:
    text = lib.respond("临江的青螺岛和白鹭岛，岸线附近多近的地方不许开饭店、旅馆？").answer.text
    assert "二百米以内不得从事餐饮、住宿" in text


def test_a_scope_article_does_not_answer_what_the_reserve_forbids(lib: Any) -> None:
    # (its first 款 names the reserves asked about; its second adds no word of the question)
    text = lib.respond("临江青螺岛特别保护区内开展休闲渔业，不准用什么作业方式？").answer.text
    assert "禁止拖网作业" in text


def test_a_follow_up_naming_its_own_act_is_asked_on_its_own_words(lib: Any) -> None:
    history = [
        {"role": "user", "content": "按《临江市海岛保护条例》，科研单位要登岛，需提前多少天报告？"},
        {
            "role": "assistant",
            "content": "根据《临江市海岛保护条例》第十四条，因科学研究需要登岛的单位，应当提前十日向海洋主管部门报告。",
        },
    ]
    answer = lib.respond("那要是科研单位登岛后在灯塔周围搞爆破，会怎么处理？", history).answer
    assert not answer.abstained
    assert "一万元以上十万元以下" in answer.text


def test_each_part_of_a_question_is_read(lib: Any) -> None:
    found = lib.retrieve("衢州公园里能不能摘果子？丽水的市场能卖野生动物吗？", k=2)
    docs = {p.chunk.meta.title for p in found}
    assert docs == {"衢州市公园条例", "丽水市集贸市场条例"}


def test_a_quoted_phrase_is_read_where_it_occurs(lib: Any) -> None:
    found = lib.retrieve("“共建共享”一语见于哪份文件？", k=1)
    assert "共建共享" in found[0].chunk.text


def test_each_region_of_a_comparison_is_read_in_turn(lib: Any) -> None:
    found = lib.retrieve("丽水和衢州分别禁止哪些行为？", k=2)
    assert {p.chunk.meta.title for p in found} == {"丽水市集贸市场条例", "衢州市公园条例"}


def test_what_a_committee_is_charged_with_is_each_item_its_lead_in_names(lib: Any) -> None:
    # ("具体职责是：" opens the items without 下列)
    text = lib.respond("临江的农贸市场管理委员会具体管哪些事？").answer.text
    assert "编制农贸市场布局规划" in text
    assert "协调解决农贸市场建设中的重大问题" in text
    assert "督促检查农贸市场食品安全工作" in text


@pytest.mark.parametrize(
    "question",
    ["《临江市农贸市场管理条例》生效以后，废止了哪些老法规？", "原来的临江集市贸易管理条例现在还用吗？"],
)
def test_what_became_of_the_former_regulation_is_its_repeal_clause(lib: Any, question: str) -> None:
    text = lib.respond(question).answer.text
    assert "《临江市集市贸易管理条例》同时废止" in text


def test_a_period_asked_from_which_day_to_which_is_its_span(lib: Any) -> None:
    # ("是从…到…": 是从 is no word of the period)
    text = lib.respond("按《衢州市公园条例》，公园夜间开放期是从何日起、至何日止？").answer.text
    assert "五月一日至十月三十一日" in text


def test_a_sanction_repeating_the_duty_word_for_word_enforces_it(lib: Any) -> None:
    # (no sanction cites 第十八条; the one that repeats its words is its sanction, not "未设罚则")
    answer = lib.respond("临江线路改造后废了的杆体，到期没拆怎么罚？").answer
    assert not answer.abstained
    assert "一千元以上五千元以下" in answer.text


def test_a_parts_sanction_is_found_on_the_matter_without_the_earlier_ask(lib: Any) -> None:
    # (no sanction cites 第十八条; asked with the part before's time limit, nothing answers: the
    # part is asked on that part's matter alone)
    text = lib.respond("临江线路改造后废了的杆体要几天内拆完？到期没拆会怎么罚？").answer.text
    assert "十五日内" in text
    assert "一千元以上五千元以下" in text
    assert "五百元以上二千元以下" not in text
