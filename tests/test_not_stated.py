"""What the documents do not say is said to be unsaid, not answered from what they say nearby: a
matter a provision only leaves to another body ("…的办法，由…人民政府规定"), a charge collected
"按照国家和省有关规定", a grade the documents never make ("一级古树"), an act a sanction's list
does not hold (its lead-in "有下列行为之一的" alone answers nothing), a quoted name no document
holds, a commencement date for a later revision the record lines leave undated, a publication
they do not record, a definition of a word the question does not name, a time limit asked of a
provision that sets no time. A piece that only
gives an example of the question before ("比如…") is no part of its own, nor is a closing ask to
compare ("…？两地的规定有什么不同？"), and a place whose short name is also a common word (日照)
is read as the place where a place stands.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.parts import split_parts, without_compared_ask
from assistant.regions import find_regions
from tests.conftest import library_of

_GREENING = """# 鹤壁市城市绿化条例

2018年11月5日 河南省第十三届人民代表大会常务委员会第七次会议批准

第一条 为了促进城市绿化事业的发展，制定本条例。

第三十一条 为保证管线的安全使用需要修剪城市树木时，应当按照兼顾管线安全使用和树木正常生长的原则，由城市绿化专业人员进行修剪。承担修剪费用的办法，由市、县（市）人民政府规定。

第四十条 本条例所称古树名木，是指树龄在百年以上的，以及珍贵、稀有或者具有历史、科学、文化价值、重要纪念意义的树木。
"""

_TOWNSCAPE = """# 鹤壁市城市市容管理条例

2019年3月29日 河南省第十三届人民代表大会常务委员会第九次会议批准

第一条 为了加强城市市容管理，制定本条例。

第六十条 违反本条例规定，有下列行为之一的，责令限期改正；逾期不改正的，由城市管理行政执法部门处以一百元以上一千元以下罚款：

（一）在建（构）筑物及其附属设施、公共设施以及树木上涂写、刻画的；

（二）在建筑物顶部乱搭、乱放的；

（三）利用建筑物的阳台、门窗发布信息的。
"""

_READING = """# 鹤壁市全民阅读促进条例

2021年12月6日 河南省第十三届人民代表大会常务委员会第二十八次会议批准

第一条 为了促进全民阅读，制定本条例。

第十九条 每年4月为鹤壁读书月。

第二十六条 幼儿园、学校应当建立图书馆（室）等阅读设施，开展阅读节等多种形式校园阅读活动，推进书香校园建设。
"""

_BROADCAST = """# 浙江省广播电视管理条例

1997年4月20日 浙江省第八届人民代表大会常务委员会第三十五次会议通过

2021年3月26日 浙江省第十三届人民代表大会常务委员会第二十八次会议《关于修改〈浙江省防震减灾条例〉等五件地方性法规的决定》第二次修正

第一条 为了加强广播电视管理，制定本条例。

第三十四条 传输广播电视节目的运营单位可以按照国家和省有关规定向用户收取有线电视收视维护费。

第四十七条 本条例自1997年8月1日起施行。
"""


_BUILDING = """# 鹤壁市民用建筑节能条例

2019年5月31日 河南省第十三届人民代表大会常务委员会第十次会议批准

第一条 为了加强民用建筑节能管理，制定本条例。

第三条 本条例所称民用建筑节能（以下简称建筑节能），是指在保证民用建筑使用功能和室内热环境质量的前提下，降低其使用过程中能源消耗的活动。

本条例所称民用建筑，是指居住建筑、国家机关办公建筑和商业、金融、文化、教育、体育、卫生、交通等公共建筑。
"""

_ASSEMBLY = """# 鹤壁市集会游行示威管理办法

2001年7月27日 河南省第九届人民代表大会常务委员会第二十三次会议批准

第一条 为了保障公民依法行使集会、游行、示威的权利，制定本办法。

第二十三条 集会、游行、示威在下列单位所在地举行或者经过的，主管机关为了维持秩序，可以在附近设置临时警戒线：

（一）党政机关；

（二）广播电台、电视台和关系国计民生的要害单位。
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return library_of(
        tmp_path_factory.mktemp("unsaid"),
        {
            "鹤壁市城市绿化条例.md": _GREENING,
            "鹤壁市城市市容管理条例.md": _TOWNSCAPE,
            "鹤壁市全民阅读促进条例.md": _READING,
            "浙江省广播电视管理条例.md": _BROADCAST,
            "鹤壁市民用建筑节能条例.md": _BUILDING,
            "鹤壁市集会游行示威管理办法.md": _ASSEMBLY,
        },
    )


def test_a_matter_left_to_another_body_is_not_stated(lib: Any) -> None:
    answer = lib.respond("鹤壁电力部门为了线路安全修剪行道树，这笔费用由谁出？").answer
    assert answer.abstained
    assert "未规定" in answer.text and "第三十一条" in answer.text
    # asked who sets it, the same sentence answers
    asked = lib.respond("鹤壁承担修剪树木费用的办法由谁来定？").answer
    assert not asked.abstained and "市、县（市）人民政府" in asked.text


def test_a_charge_collected_as_rules_elsewhere_set_it_has_no_standard_here(lib: Any) -> None:
    answer = lib.respond("浙江有线电视收视维护费按什么标准收？").answer
    assert answer.abstained
    assert "第三十四条" in answer.text


def test_a_grade_the_documents_never_make_is_not_answered_from_the_ungraded_thing(lib: Any) -> None:
    answer = lib.respond("鹤壁的二级古树名木要求树龄多少年以上？").answer
    assert answer.abstained
    # "哪一类" asks a grade, naming none
    assert not lib.respond("鹤壁的古树名木是指树龄在多少年以上的树木？").answer.abstained


def test_an_act_no_item_of_the_sanction_holds_is_not_answered_by_its_lead_in(lib: Any) -> None:
    answer = lib.respond("在鹤壁当街随地吐痰，市容条例罚多少？").answer
    assert answer.abstained
    listed = lib.respond("在鹤壁的建筑物上涂写刻画，市容条例怎么罚？").answer
    assert not listed.abstained
    assert "涂写、刻画" in listed.text and "一百元以上一千元以下" in listed.text


def test_a_quoted_name_no_document_holds_is_said_to_be_unnamed(lib: Any) -> None:
    answer = lib.respond("鹤壁的“书香鹤壁节”在每年几月举办？").answer
    assert answer.abstained
    assert "“书香鹤壁节”" in answer.text


def test_an_example_of_the_question_is_no_part_of_its_own() -> None:
    assert split_parts("停车收费标准是多少，比如一个月交多少？") == ["停车收费标准是多少，比如一个月交多少？"]
    assert len(split_parts("停车收费标准是多少？比方说一个月交多少？")) == 1
    assert len(split_parts("收费标准是多少？由哪个部门制定？")) == 2


def test_a_short_name_that_is_a_common_word_names_the_place_where_a_place_stands() -> None:
    assert [m.region.city for m in find_regions("日照对乱摆摊点怎么罚？")] == ["日照市"]
    assert [m.region.city for m in find_regions("在日照，养犬要办证吗？")] == ["日照市"]
    assert [m.region.city for m in find_regions("日照城区禁止燃放烟花吗？")] == ["日照市"]
    assert find_regions("住宅的日照标准是多少？") == []
    assert find_regions("满足采光、日照、通风的要求") == []


def test_the_commencement_of_a_revision_the_record_lines_leave_undated_is_not_stated(lib: Any) -> None:
    answer = lib.respond("《浙江省广播电视管理条例》2021年修正以后从哪天起施行？").answer
    assert answer.abstained
    assert "1997年8月1日" in answer.text and "2021" in answer.text
    assert "1997年8月1日" in lib.respond("《浙江省广播电视管理条例》从哪天起施行？").answer.text


def test_a_closing_ask_to_compare_is_the_question_before_asked_of_each_place() -> None:
    question = "施工工地夜间作业要办什么手续？济南和郑州的规定有什么不同？"
    assert split_parts(question) == [question]
    assert without_compared_ask(question) == "施工工地夜间作业要办什么手续，济南、郑州分别怎么规定？"
    assert without_compared_ask("施工工地夜间作业要办什么手续？") == "施工工地夜间作业要办什么手续？"


def test_a_publication_the_record_lines_do_not_state_is_not_stated(lib: Any) -> None:
    answer = lib.respond("《鹤壁市城市绿化条例》是哪一天公布的？").answer
    assert answer.abstained
    assert "公布日期" in answer.text and "2018年11月5日" in answer.text
    assert "2018年11月5日" in lib.respond("《鹤壁市城市绿化条例》是哪一天批准的？").answer.text


def test_a_definition_of_a_word_not_asked_does_not_answer(lib: Any) -> None:
    answer = lib.respond("鹤壁对文化、体育类公共建筑配置雕塑壁画的投资比例有什么要求？").answer
    assert answer.abstained
    assert not lib.respond("鹤壁的民用建筑节能是指什么？").answer.abstained


def test_a_time_limit_asked_is_answered_by_a_time_or_not_at_all(lib: Any) -> None:
    answer = lib.respond("鹤壁新开办的电视台试播期限是怎么规定的？").answer
    assert answer.abstained
