"""A sanction that names its offences in words ("违反本条例规定，有下列情形之一的…（二）造林成活率不足
85%的") answers a question that also says who bears the duty and when, words only the duty's own
article holds; a sanction that names its offences by article number does not answer for an
article it does not cite."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from tests.conftest import library_of

_GREEN = """# 某市国土绿化条例
第一条 为了推进国土绿化，改善生态环境，制定本条例。

第二十三条 部门、单位、个人的年度绿化任务由区县、乡镇人民政府下达。

部门、单位、个人应当完成年度绿化任务，除特别干旱年份或者其他不可抗力外，造林成活率应当达到85％以上。

第二十四条 林业行政主管部门应当组织专业技术培训，推广先进适用的绿化技术和优良品种。

第三十四条 违反本条例规定，有下列情形之一的，由林业行政主管部门责令限期完成绿化任务；逾期未完成的，处以完成绿化任务所需费用2倍的罚款：

（一）连续2年未完成绿化任务的；

（二）造林成活率不足85%的。
"""

_RADIATION = """# 某省辐射污染防治条例
第一条 为了防治辐射污染，制定本条例。

第十一条 使用放射性同位素的单位，应当进行年度评估，编写年度评估报告，并于每年1月31日前提交。

第十四条 在室外使用放射性同位素的单位，应当按照规定作业，并报告使用情况。

第四十二条 放射性辐射单位有下列行为之一的，由环境保护行政主管部门责令限期改正，并按照下列规定给予处罚：

（一）违反本条例第十四条规定，在室外使用放射性同位素未报告使用情况的，处一万元以上五万元以下的罚款。
"""


_WORKS = """# 某市交通建设工程监督管理条例
第一条 为了加强交通建设工程监督管理，制定本条例。

第二条 本市行政区域内交通建设工程的建设活动及其监督管理适用本条例。

本条例所称交通建设工程，是指交通运输主管部门负责监督管理的新建、改建、扩建的公路工程和水运工程。

第十七条 关键工序完工后，建设单位应当委托试验检测单位进行中间交工质量检测。

施工单位应当在中间交工质量检测合格后进行下一道工序施工。

第二十条 公路和水运设施的大修工程，可以简化工程验收等程序。

第四十条 施工单位违反本条例第十七条第二款规定，未经中间交工质量检测合格即进行下一道工序施工的，由质量安全监督机构责令限期改正，处二万元以上五万元以下罚款。
"""


_LIVESTOCK = """# 某市城镇容貌管理条例
第一条 为了加强城镇容貌管理，制定本条例。

第五十四条 城市建成区内不得饲养牛、马、猪、羊、鸡、鸭、鹅等家畜家禽，禁止在公共场所屠宰家畜家禽。

第六十条 违反本条例规定，有下列行为之一的，由城市管理部门责令改正，按照下列规定处罚：

（十二）沿街门店在临街门窗张贴广告的，处一百元以上五百元以下的罚款；

（十三）在城市建成区内，从事饲养、屠宰活动的，处二百元以上二千元以下的罚款；情节严重的，处二千元以上二万元以下的罚款。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return library_of(
        tmp_path_factory.mktemp("in-words"),
        {
            "某市国土绿化条例.md": _GREEN,
            "某省辐射污染防治条例.md": _RADIATION,
            "某市交通建设工程监督管理条例.md": _WORKS,
            "某市城镇容貌管理条例.md": _LIVESTOCK,
        },
    )


def test_the_words_of_what_the_act_applies_to_name_no_offence(assistant: Assistant) -> None:
    # "公路、水运工程" frames the question with the regulation's own scope (its 第二条), and the
    # 大修 article that repeats them is not the act asked about
    text = assistant.respond("公路、水运工程的施工单位没等中间交工质量检测合格就做下一道工序，罚多少？").text
    assert "二万元以上五万元以下" in text and "未设相应罚则" not in text, text


def test_an_offence_named_in_words_is_answered_with_its_sanction(assistant: Assistant) -> None:
    text = assistant.respond("单位承担的年度造林任务，造林成活率达不到的话会怎么处理？").text
    assert "所需费用2倍的罚款" in text and "未设相应罚则" not in text, text


def test_a_sanction_citing_other_articles_does_not_answer_for_this_one(assistant: Assistant) -> None:
    text = assistant.respond("使用放射性同位素的单位没按期提交年度评估报告，罚多少？").text
    assert "一万元以上五万元以下" not in text and "未设相应罚则" in text, text


def test_a_sanction_naming_the_duty_in_general_words_answers_for_it(assistant: Assistant) -> None:
    # the duty lists the animals, the sanction says "饲养、屠宰" in the same place: it enforces it,
    # though it cites no article number and none of the animals the question names
    text = assistant.respond("在城市建成区里养鸡养鸭、屠宰家畜家禽，会被罚多少钱？").text
    assert "二百元以上二千元以下" in text and "二千元以上二万元以下" in text, text
    assert "未设相应罚则" not in text, text


def test_an_item_picked_before_its_lead_in_is_answered_after_it() -> None:
    from assistant.answer.candidates import Candidate, Pick
    from assistant.answer.compose import compose, render
    from assistant.sentences import Unit
    from tests.answer.builders import Store, make_doc, passages

    text = (
        "第三十四条 违反本条例规定，有下列情形之一的，由林业行政主管部门责令限期完成绿化任务：\n"
        "（一）连续2年未完成绿化任务的；\n（二）造林成活率不足85%的。\n"
    )
    d = make_doc("green", text, "某市国土绿化条例", province="山东省", city="某市")
    chunk = d.chunk("第三十四条", "不足85%的。", number="第三十四条")
    (passage,) = passages([chunk])
    lead_end = text.index("：") + 1
    item_start = text.index("（二）")
    lead = Candidate(passage, 0, Unit(0, lead_end, "paragraph"), d.stored.text.search[:lead_end], "")
    item = Candidate(passage, 0, Unit(item_start, len(text) - 1, "item"), text[item_start:-1], "")
    picks = [Pick(item, item.unit.start, item.unit.end), Pick(lead, 0, lead_end)]
    for pk in picks:
        pk.body = render(pk, Store(d))
    answer, _ = compose(picks, "penalty", Store(d), 400)
    assert answer.index("责令限期完成绿化任务") < answer.index("造林成活率不足85%"), answer


_GREEN_SPACE = """# 某市城市绿化条例
第一条 为了促进城市绿化事业的发展，制定本条例。

第二十五条 任何单位和个人不得擅自占用城市绿地。

第二十六条 禁止下列损害城市绿地及其设施的行为：

（一）在绿地内倾倒垃圾；

（二）攀折花木。

第三十六条 违反本条例第二十五条第一款规定的，责令限期退还、恢复原状，并处每平方米一千元以上五千元以下罚款。

第三十七条 违反本条例第二十六条规定，损害城市绿地及其设施的，责令立即改正，可以并处一百元以上一千元以下罚款。

第三十八条 违反本条例规定，擅自修剪城市树木的，处五百元以上二千元以下罚款。
"""


def test_a_sanction_citing_its_duty_by_number_only_is_found_through_the_duty() -> None:
    from assistant.answer import ExtractiveAnswerer
    from tests.answer.builders import Store, analysis, make_doc, passages

    d = make_doc("green", _GREEN_SPACE, "某市城市绿化条例", province="河南省", city="某市", doc_type="条例")
    numbers = ("二十五", "二十六", "三十六", "三十七", "三十八")
    chunks = {
        n: d.chunk(f"第{n}条", number=f"第{n}条", parts=[(f"第{n}条", None, (), f"第{n}条")]) for n in numbers
    }
    # the retriever found only sanctions: the one for this act names it by number only
    found = passages([chunks["三十七"], chunks["三十八"]])
    answer = ExtractiveAnswerer().answer(analysis("擅自占用城市绿地，罚款标准是多少？"), found, Store(d))
    assert "每平方米一千元以上五千元以下罚款" in answer.text, answer.text
