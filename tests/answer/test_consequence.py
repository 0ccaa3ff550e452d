"""A question that names an act and asks what follows ("搞网箱养殖，怎么处理？") without saying the
act breaks a rule is answered with the sanction when the documents forbid the act, and with the
procedure when they do not."""

from __future__ import annotations

import pytest

from assistant.answer import ExtractiveAnswerer
from assistant.core import Assistant
from assistant.intent import asks_consequence, detect_intent
from tests.answer.builders import Store, analysis, city_rules, make_doc, passages
from tests.conftest import library_of

_RESERVOIR = """# 某市水库饮用水水源保护条例
第一条 为了保护水库饮用水水源，制定本条例。

第九条 在水库饮用水水源保护区内，禁止下列行为：

（一）新建、扩建排放污染物的建设项目；

（二）设置排污口；

（三）网箱养殖以及畜禽养殖；

（四）游泳、垂钓。

第十条 在水库保护区内发现文物的，应当保护现场，立即报告文物行政部门。

第十一条 水库管理单位应当定期巡查保护区，发现污染事故的，应当及时处置并报告生态环境主管部门。

第二十条 违反本条例第九条第三项规定的，由生态环境主管部门责令停止违法行为，处二万元以上十万元以下罚款。

第二十一条 违反本条例第九条第四项规定的，由生态环境主管部门责令停止违法行为，可以处五十元以上五百元以下罚款。

第二十二条 隐匿、私分所发现文物的，由文物行政部门依法处理。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return library_of(tmp_path_factory.mktemp("consequence"), {"某市水库饮用水水源保护条例.md": _RESERVOIR})


def test_the_question_asks_a_consequence_but_names_no_breach() -> None:
    question = "在水库里搞网箱养殖，怎么处理？"
    assert asks_consequence(question)
    assert detect_intent(question) != "penalty"


def test_a_forbidden_act_is_answered_with_its_sanction(assistant: Assistant) -> None:
    text = assistant.respond("在水库里搞网箱养殖，怎么处理？").text
    assert "二万元以上十万元以下罚款" in text, text
    text = assistant.respond("在水库游泳要承担什么责任？").text
    assert "五十元以上五百元以下罚款" in text, text


def test_a_procedure_is_answered_as_one(assistant: Assistant) -> None:
    text = assistant.respond("在水库保护区发现文物怎么处理？").text
    assert "保护现场" in text, text


def test_an_act_forbidden_without_a_penalty_is_not_answered_with_another_fine() -> None:
    """Retrieval found the chapter's sanctions, not the article that forbids the act: the fine of
    another offence is no answer when no sanction of the document enforces that article."""
    d, chunks = city_rules(
        "beach",
        "某市海岸带保护条例",
        "第二十四条 禁止在沙滩擅自打井、立桩、布网、敷设管线。",
        "第二十五条 禁止违法圈占沙滩，限制他人正常通行。",
        "第五十六条 违反本条例第二十五条规定，违法圈占沙滩，限制他人正常通行的，由海洋发展部门责令改正；"
        "拒不改正的，对个人处二百元以上二千元以下罚款。",
    )
    question = "在沙滩上擅自打井、立桩、布网的，要罚多少钱？"
    # (a low threshold: the fine would otherwise be kept out by its weak match alone)
    answer = ExtractiveAnswerer(min_score=0.1).answer(analysis(question), passages(chunks[2:]), Store(d))
    assert answer.abstained and "第二十四条" in answer.text, answer.text
    # a sanction that cites the article answers it
    d, chunks = city_rules(
        "beach2",
        "某市海岸带保护条例",
        "第二十四条 禁止在沙滩擅自打井、立桩、布网、敷设管线。",
        "第五十六条 违反本条例第二十四条规定的，由海洋发展部门责令改正，对个人处二百元以上二千元以下罚款。",
    )
    answer = ExtractiveAnswerer(min_score=0.1).answer(analysis(question), passages(chunks[1:]), Store(d))
    assert "二百元以上二千元以下罚款" in answer.text, answer.text


def test_the_clause_enforcing_the_acts_item_answers_though_it_sets_no_fine() -> None:
    text = (
        "第三十三条 禁止下列扰乱院前医疗急救秩序的行为：（一）冒用“120”急救车辆的标志图案；"
        "（二）设置“120”以外的急救服务电话；（三）恶意拨打“120”急救服务电话。\n\n"
        "第四十五条 违反本条例第三十三条第一项、第二项规定的，由卫生健康主管部门处一万元以上五万元以下罚款。\n\n"
        "违反本条例第三十三条第三项规定的，由公安机关依法处理。\n"
    )
    d = make_doc("aid", text, "某市院前医疗急救管理条例", province="山东省", city="某市", doc_type="条例")
    items = [("（一）", "图案；"), ("（二）", "电话；"), ("（三）", "电话。")]
    parts = [(a, b, (), f"第三十三条.{a}") for a, b in items]
    d.chunk("第三十三条", number="第三十三条", parts=[("第三十三条", "行为：", (), "第三十三条"), *parts])
    fines = d.chunk("第四十五条", "由公安机关依法处理。", number="第四十五条")
    answer = ExtractiveAnswerer().answer(
        analysis("恶意拨打“120”急救电话的，罚多少？"), passages([fines]), Store(d)
    )
    assert "公安机关依法处理" in answer.text and "一万元" not in answer.text, answer.text
    # asked how much, the documents set no amount: said, with the clause that enforces the act
    assert answer.abstained and "未找到所问的罚款数额" in answer.text, answer.text
    assert "《某市院前医疗急救管理条例》第四十五条规定，违反本条例第三十三条第三项规定的" in answer.text
    # asked what follows, the clause is the answer
    answer = ExtractiveAnswerer().answer(
        analysis("恶意拨打“120”急救电话，会怎么处理？"), passages([fines]), Store(d)
    )
    assert not answer.abstained and "公安机关依法处理" in answer.text, answer.text


def test_a_later_clause_for_the_item_naming_the_act_answers() -> None:
    # the act's words are all in item (二) of the cited article; the picked clause cites (一) and
    # (三), whose article text shares some of them: "违反第二项规定的" is the answer
    text = (
        "第九条 在饮用水水源二级保护区内，还禁止下列行为：（一）设置排污口；"
        "（二）经营有污染物排放的餐饮、住宿场所；（三）建设畜禽养殖场。已建成的排放污染物的项目，责令拆除。\n\n"
        "第二十条 违反本条例第九条第一项、第三项规定的，责令拆除，处十万元以上五十万元以下罚款。\n\n"
        "违反第二项规定的，责令停业，处一万元以上五万元以下罚款。\n"
    )
    d = make_doc("water", text, "某省水污染防治条例", province="河南省", doc_type="条例")
    items = [("（一）", "排污口；"), ("（二）", "场所；"), ("（三）", "责令拆除。")]
    parts = [(a, b, (), f"第九条.{a}") for a, b in items]
    d.chunk("第九条", number="第九条", parts=[("第九条", "行为：", (), "第九条"), *parts])
    fines = d.chunk("第二十条", "五万元以下罚款。", number="第二十条")
    answer = ExtractiveAnswerer().answer(
        analysis("在二级保护区开有污染物排放的饭馆，怎么罚？"), passages([fines]), Store(d)
    )
    assert "一万元以上五万元以下" in answer.text, answer.text


def test_a_breach_that_counts_as_another_offence_is_answered_with_that_offences_sanction() -> None:
    d, chunks = city_rules(
        "stats",
        "某市统计管理条例",
        "第六条 统计检查机构有权发出统计检查查询书，被检查单位应当自接到查询书之日起十日内如实答复。"
        "无正当理由逾期不答复的，按拒报统计资料处理。",
        "第十二条 企业事业组织有下列违法行为之一的，由统计机构予以警告，并可处以五千元至五万元罚款：\n\n"
        "（一）虚报、瞒报统计资料的；\n\n（二）拒报或屡次迟报统计资料的。",
    )
    d.chunk("第十二条", "（二）拒报或屡次迟报统计资料的。", number="第十二条")  # the article whole
    store = Store(d)
    ans = ExtractiveAnswerer().answer(
        analysis("被检查单位逾期不答复统计检查查询书，会怎么处理？"), passages(chunks[:1]), store
    )
    assert not ans.abstained, ans.notice
    # the clause that makes it another offence, and the fine the regulation sets for that one
    assert "按拒报统计资料处理" in ans.text
    assert "五千元至五万元罚款" in ans.text


def test_a_fine_whose_standard_is_left_to_the_government_is_no_amount() -> None:
    text = (
        "第三十五条 违反本条例第十条规定，在大堤上取土的，县级以上黄河河务部门除责令其纠正违法行为外，可以并处警告、罚款，"
        "具体罚款的标准由省人民政府另行制定。\n"
    )
    d = make_doc("dyke", text, "某省黄河工程管理条例", province="河南省", doc_type="条例")
    fines = d.chunk("第三十五条", number="第三十五条")
    for asked in ("在大堤上取土，具体罚款是多少？", "在大堤上取土的罚款标准是什么？"):
        answer = ExtractiveAnswerer(min_score=0.1).answer(analysis(asked), passages([fines]), Store(d))
        assert answer.abstained and "未找到所问的罚款数额" in answer.text, answer.text


def test_a_fee_whose_standard_is_left_to_another_body_is_said_to_be_unset() -> None:
    text = (
        "第十七条 经批准进入保护区从事参观考察、拍摄影片等活动的，应当按规定缴纳保护管理费。"
        "保护管理费的征收标准，由省人民政府另行制定。\n\n"
        "第十八条 进入景区的车辆应当缴纳停车费，停车费每车每次十元。\n"
    )
    d = make_doc("fees", text, "某省自然保护区管理办法", province="山东省", doc_type="办法")
    chunks = [d.chunk("第十七条", number="第十七条"), d.chunk("第十八条", number="第十八条")]
    answer = ExtractiveAnswerer(min_score=0.1).answer(
        analysis("进保护区拍摄影片，保护管理费按什么标准收？"), passages(chunks[:1]), Store(d)
    )
    assert answer.abstained and "未规定所问的具体标准" in answer.text, answer.text
    assert "由省人民政府另行制定" in answer.text
    # asked how much, where no unit states a sum at all
    answer = ExtractiveAnswerer(min_score=0.1).answer(
        analysis("进保护区拍摄影片，保护管理费收多少？"), passages(chunks[:1]), Store(d)
    )
    assert answer.abstained and "由省人民政府另行制定" in answer.text, answer.text
    # a provision that states the amount answers
    answer = ExtractiveAnswerer(min_score=0.1).answer(
        analysis("景区停车费按什么标准收？"), passages(chunks[1:]), Store(d)
    )
    assert not answer.abstained and "十元" in answer.text, answer.text
