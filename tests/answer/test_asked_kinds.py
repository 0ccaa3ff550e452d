"""What kind of fact a question asks, read from how officials and citizens word it, and the
part of a provision that states it: the day a period counts from ("从哪天起算"), a fine
set as a share of a sum, "会被罚吗", "哪个机关", the same figure set for two cases, the second
half of a list after a semicolon, an act named by its short title (《草原法》)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import library_of

_HEATING = """# 临江市供热条例
第二十四条 供热设施的保修期限为二年。供热设施的保修期，自供热设施竣工验收合格之日起计算。保修期内发生质量问题的，建设单位应当负责维修。

第二十五条 供热单位应当在供热期开始前完成设施检修。

第二十六条 在正常使用条件下，室内管道的最低保修期限为二年。埋地管道的最低保修期限为五年。保修期内的维修费用由建设单位承担。

第三十条 违反本条例第二十五条规定的，由供热主管部门责令改正，处供热合同价款百分之五以上百分之十以下罚款。罚款逾期不缴纳的，每日按罚款数额的百分之三加处罚款。

第三十一条 在供热管道保护范围内游泳、垂钓的，由供热主管部门责令停止违法行为，可以处一百元以上五百元以下罚款。

第三十三条 任何单位和个人不得有下列损害供热设施的行为：

（一）擅自改动供热管道；

（二）在供热管道上方堆放物品；

（三）在供热站点内野炊烧烤。

违反本条第一款第一项规定的，由供热主管部门责令改正，处一千元以上五千元以下罚款。

违反本条第一款第二项至第三项规定的，由供热主管部门责令改正，处二百元以上一千元以下罚款。

第三十四条 本条例所称供热设施巡检服务（以下简称“巡检服务”），是指供热单位组织实施的管道测温、阀门检查、泄漏排查、用户回访等活动。

第三十五条 市供热主管部门负责组织、协调、指导、监督巡检服务工作。区人民政府负责本辖区内供热设施巡检服务相关工作。

第三十二条 供热站点的保洁应当达到“三无三净”标准，做到无积水、无杂物、无油污；地面干净、设备干净、墙面干净。
"""


_RIVERS = """# 临江市河道条例

2001年5月19日 临江市第十二届人民代表大会常务委员会第二十七次会议通过 根据2018年9月7日临江市第十六届人民代表大会常务委员会第十一次会议《关于修改〈临江市河道条例〉的决定》修正

<!-- INFO END -->

第一条 为了加强河道管理，制定本条例。

第二条 禁止在河道管理范围内倾倒垃圾。

第三条 本条例自公布之日起施行。
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("asked_kinds")
    return library_of(root, {"heating.md": _HEATING, "rivers.md": _RIVERS})


def test_the_day_a_period_counts_from_is_the_clause_that_states_it(lib: Any) -> None:
    text = lib.respond("临江供热设施的保修期从哪天起算？").answer.text
    assert "自供热设施竣工验收合格之日起计算" in text


def test_the_length_of_a_period_is_still_its_length(lib: Any) -> None:
    text = lib.respond("临江供热设施的保修期是几年？").answer.text
    assert "保修期限为二年" in text


def test_the_same_figure_set_for_two_cases_gives_both(lib: Any) -> None:
    # (the question does not say which pipe)
    text = lib.respond("临江供热管道的最低保修期限是多久？").answer.text
    assert "二年" in text and "五年" in text


def test_a_fine_set_as_a_share_of_a_sum_is_an_amount(lib: Any) -> None:
    answer = lib.respond("临江供热罚款逾期不缴，每天加罚多少？").answer
    assert not answer.abstained and "未找到" not in answer.text
    assert "百分之三" in answer.text


def test_will_i_be_fined_asks_the_sanction(lib: Any) -> None:
    from assistant.intent import detect_intent

    assert detect_intent("在供热管道保护范围内游泳会被罚吗？") == "penalty"
    text = lib.respond("临江在供热管道保护范围内游泳会被罚吗？").answer.text
    assert "一百元以上五百元以下" in text


def test_a_list_goes_on_after_a_semicolon(lib: Any) -> None:
    text = lib.respond("临江供热站点保洁的“三无三净”标准包括哪些内容？").answer.text
    assert "无油污" in text and "墙面干净" in text


def test_which_body_asks_who() -> None:
    from assistant.intent import detect_intent

    assert detect_intent("养犬登记由哪个机关办理？") == "responsible"


def test_an_act_is_named_by_its_short_title() -> None:
    from assistant.query import titles_named

    assert "水法" in titles_named("按照《水法》，取水许可由谁审批？")
    # ("某市的…条例" names that place's regulation, which the library may lack; of several
    # places, each its own)
    assert titles_named("温州市的停车场管理条例有什么要求？", possessive=True) == ["温州市停车场管理条例"]
    assert titles_named("河南省、山东省与宁波市的停车场管理条例有何不同？", possessive=True) == []


def test_a_breach_may_name_who_acts_before_the_ask() -> None:
    from assistant.elliptic import is_fragment, names_breach

    assert names_breach("如果违反了，主管部门怎么处罚？")
    # (an act done, said in a few characters before the fine, is the act just asked about)
    assert is_fragment("停太久了罚多少？")
    assert not is_fragment("擅自占用绿地的单位怎么处罚？")


def test_a_new_matter_borrows_the_ask_in_question_words(lib: Any) -> None:
    from assistant.conversation import resolve

    history = [
        {"role": "user", "content": "在临江拖欠供热费会怎么处理？"},
        {"role": "assistant", "content": "根据《临江市供热条例》第三十条，责令限期缴纳。"},
    ]
    asked = resolve("把经营许可证转让给他人呢？", history, lib.index.documents()).question
    # (the new matter with the old ask, not the old matter: "拖欠供热费" would pull the old answer)
    assert "会怎么处理" in asked and "拖欠" not in asked


def test_an_article_past_the_last_one_is_said_not_to_exist(lib: Any) -> None:
    answer = lib.respond("《临江市河道条例》第十五条的内容是什么？").answer
    assert answer.abstained
    assert "全文共三条" in answer.text and "第十五条" in answer.text


def test_a_revision_in_a_year_the_record_lacks_is_not_found(lib: Any) -> None:
    answer = lib.respond("《临江市河道条例》2023年那次修正改了什么？").answer
    assert answer.abstained and "2023年" in answer.text
    # (a revision the record holds is not turned away)
    assert not lib.respond("《临江市河道条例》2018年那次修正改了什么？").answer.text.startswith(
        "所提供的文件中未找到"
    )


def test_an_item_fined_by_a_later_paragraph_of_its_article_gets_that_fine(lib: Any) -> None:
    text = lib.respond("临江在供热站点内野炊烧烤怎么罚？").answer.text
    assert "二百元以上一千元以下" in text
    assert "一千元以上五千元以下" not in text


def test_what_a_defined_term_covers_is_its_definition(lib: Any) -> None:
    text = lib.respond("临江的供热设施巡检服务包括哪些事项？").answer.text
    assert "管道测温" in text and "用户回访" in text
