"""Whole provisions on real regulation texts: an enumeration that runs over several chunks, a
sanctioned item with the lead-in that names its authority, and an answer that would quote a
neighbouring provision's figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer import ExtractiveAnswerer, verify_citations
from tests.answer.builders import REGULATIONS, Doc, Store, analysis, city_rules, make_doc, passages


def _regulation(doc_id: str, path: str, title: str, city: str) -> Doc:
    text = (REGULATIONS / path).read_text(encoding="utf-8")
    return make_doc(doc_id, text, title, province="", city=city, level="市级", doc_type="条例")


def test_an_enumeration_split_over_chunks_is_given_whole() -> None:
    d = _regulation(
        "zhoukou",
        "河南/周口市城市市容和环境卫生管理条例(2019-01-24).md",
        "周口市城市市容和环境卫生管理条例",
        "周口市",
    )
    path = ("第四章 城市环境卫生管理", "第三十条")
    first = d.chunk(
        "第三十条 任何单位和个人应当维护公共环境卫生", "（一）随地吐痰、便溺；", path, "第四章.第三十条"
    )
    # the chunker's continuation chunks: the article's later items, without its first line
    d.chunk("（二）乱扔瓜果皮", "（四）乱丢废电池、荧光灯管、显示屏等有毒有害物品；", path, "第四章.第三十条")
    d.chunk("（五）乱倒垃圾", "（七）在道路或者公共场所抛撒、焚烧物品；", path, "第四章.第三十条")
    d.chunk("（八）向花坛", "（十）法律、法规规定的影响环境卫生的其他行为。", path, "第四章.第三十条")
    store = Store(d)
    ans = ExtractiveAnswerer().answer(
        analysis("周口市城区不准有哪些影响环境卫生的行为？"), passages([first]), store
    )
    assert verify_citations(ans, store) == []
    assert "禁止下列影响环境卫生的行为" in ans.text
    for item in ("随地吐痰", "乱丢废电池", "抛撒、焚烧物品", "露天烧烤"):
        assert item in ans.text, item


def test_a_sanctioned_item_comes_with_the_authority_its_lead_in_names() -> None:
    d = _regulation(
        "qingdao-noise", "山东/青岛市环境噪声管理规定(2020-03-26).md", "青岛市环境噪声管理规定", "青岛市"
    )
    article = d.chunk(
        "第三十一条 违反本规定有下列行为之一的",
        "(二)违反第十六条规定的,处以二百元以下罚款。",
        ("第六章 法律责任", "第三十一条"),
        "第六章.第三十一条",
    )
    store = Store(d)
    qa = analysis("在青岛违规使用声响装置的，由哪个部门罚、罚多少？")
    ans = ExtractiveAnswerer().answer(qa, passages([article]), store)
    assert verify_citations(ans, store) == []
    assert "由公安部门责令改正" in ans.text
    assert "使用声响装置的，处以二百元以下罚款" in ans.text


def test_a_figure_of_a_neighbouring_provision_is_not_the_answer() -> None:
    waste = _regulation(
        "jinan-waste",
        "山东/济南市城市建筑垃圾管理条例(2018-03-29).md",
        "济南市城市建筑垃圾管理条例",
        "济南市",
    )
    green = _regulation("jinan-green", "山东/济南市绿化条例(2021-12-03).md", "济南市绿化条例", "济南市")
    deadline = waste.chunk(
        "第十七条 城市管理局应当自受理申请之日起七个工作日内", None, ("第十七条",), "第十七条"
    )
    felling = green.chunk(
        "第三十八条 任何单位和个人不得擅自砍伐和移植城市树木。",
        "由市行政审批服务主管部门审批。",
        ("第三十八条",),
        "第三十八条",
    )
    # what retrieval brings beside them: the neighbouring articles of both
    around = [
        waste.chunk(f"第{n}条", None, (f"第{n}条",), f"第{n}条") for n in ("十五", "十六", "十八", "十九")
    ] + [green.chunk(f"第{n}条", None, (f"第{n}条",), f"第{n}条") for n in ("三十六", "三十七")]
    store = Store(waste, green)
    qa = analysis("济南砍伐城市树木的申请，审批要在几个工作日内作出决定？")
    ans = ExtractiveAnswerer().answer(qa, passages([deadline, felling, *around]), store)
    # the seven working days are those of a 建筑垃圾 licence; felling trees has no time limit
    assert ans.abstained, ans.text


def test_a_time_limit_of_another_procedure_of_the_same_document_is_not_the_answer() -> None:
    # the document names the asked procedure (信用修复) in an article that sets no time limit, and
    # matches the question better there than the time limit of another procedure (异议) does
    text = (
        "第三十九条 信用信息提供单位收到异议申请后，应当自收到异议申请之日起三个工作日内进行审核并处理。\n\n"
        "第四十条 需要其他单位协助核查信息的，应当自收到异议申请之日起七个工作日内进行核查。\n\n"
        "第四十一条 信用主体主动纠正其失信行为的，可以向信用信息提供单位提出信用修复申请，"
        "受理单位应当按照国家有关规定进行处理。\n\n"
        "第四十二条 行政机关应当自作出决定之日起七个工作日内公示。\n"
    )
    d = _plain("credit", text, "某省社会信用条例")
    chunks = [d.chunk(f"第{n}条", number=f"第{n}条") for n in ("三十九", "四十", "四十一", "四十二")]
    ans = ExtractiveAnswerer().answer(
        analysis("申请信用修复，相关单位要在多少个工作日内办完？"), passages(chunks), Store(d)
    )
    assert ans.abstained, ans.text
    # asked of the procedure that has one, the time limit is the answer
    ans = ExtractiveAnswerer().answer(
        analysis("提出异议申请后，相关单位要在多少个工作日内审核？"), passages(chunks), Store(d)
    )
    assert "三个工作日内" in ans.text, ans.text


def _plain(doc_id: str, text: str, title: str) -> Doc:
    return make_doc(doc_id, text, title, province="某省", city="某市", level="市级", doc_type="条例")


def test_a_lead_in_keeps_the_time_limit_it_states() -> None:
    d = _plain(
        "hotline",
        "第二十四条 对转交的事项，承办单位应当按照下列规定办理，并将办理情况在五个工作日内答复来电人：\n"
        "（一）能够当场办理的，应当及时办理；\n（二）不能当场办理的，应当告知办理进度。\n",
        "某市热线条例",
    )
    chunk = d.chunk("第二十四条", "应当告知办理进度。", ("第二十四条",), "第二十四条")
    store = Store(d)
    ans = ExtractiveAnswerer().answer(
        analysis("承办单位应在几个工作日内答复来电人？"), passages([chunk]), store
    )
    assert verify_citations(ans, store) == []
    assert "五个工作日内答复来电人" in ans.text


def test_a_time_limit_in_hours_is_answered_though_a_word_of_the_question_is_elsewhere() -> None:
    d = _plain(
        "heating",
        "第二十九条 用户认为室温不达标的，可以提出检测要求，供热单位应当在十二小时内进行检测。\n"
        "用户室温连续四十八小时以上不达标的，应当减收热费。\n"
        "第三十条 供热单位上门维修设施时，应当事先告知用户。\n",
        "某市供热条例",
    )
    first = d.chunk("第二十九条", "应当减收热费。", ("第二十九条",), "第二十九条")
    second = d.chunk("第三十条", None, ("第三十条",), "第三十条")
    store = Store(d)
    qa = analysis("用户要求测室温，供热单位要在多少小时内上门检测？")
    ans = ExtractiveAnswerer().answer(qa, passages([first, second]), store)
    assert not ans.abstained, ans.notice
    assert "十二小时内进行检测" in ans.text


def test_a_list_question_answered_by_an_article_without_items_gets_all_its_sentences() -> None:
    from tests.answer.builders import make_doc

    text = (
        "第十条 宣誓场所应当庄重、严肃，悬挂中华人民共和国国旗或者国徽。宣誓仪式应当奏唱中华人民共和国国歌。\n\n"
        "单独宣誓时，宣誓人应当左手抚按《中华人民共和国宪法》，右手举拳，诵读誓词。集体宣誓时，由宣誓仪式"
        "组织者指定一名领誓人，领誓人左手抚按《中华人民共和国宪法》，右手举拳，领诵誓词；其他宣誓人整齐排列，"
        "右手举拳，跟诵誓词。宣誓仪式应当公开进行。\n"
    )
    d = make_doc("oath", text, "某省实施宪法宣誓制度办法", province="山东省", doc_type="办法")
    store = Store(d)
    chunk = d.chunk("第十条", "宣誓仪式应当公开进行。", ("第十条",), "第十条")
    ans = ExtractiveAnswerer().answer(
        analysis("宪法宣誓仪式对场所和宣誓动作有哪些要求？"), passages([chunk]), store
    )
    assert verify_citations(ans, store) == []
    for required in ("国旗或者国徽", "国歌", "左手抚按"):
        assert required in ans.text, required


def test_a_lead_in_ending_on_a_sanction_keeps_it() -> None:
    d = make_doc(
        "coast",
        "第二十四条 违反本条例，出海船舶或者人员有下列情形之一的，由公安边防机关处以五千元以上三万元以下"
        "罚款，对直接责任人员可以并处吊销出海边防证件：\n\n"
        "（一）擅自拆换船名、船号出海的；\n\n"
        "（二）擅自搭靠外国籍船舶的。\n",
        "某省沿海船舶边防治安管理条例",
        province="山东省",
        doc_type="条例",
    )
    article = d.chunk("第二十四条", "（二）擅自搭靠外国籍船舶的。", ("第二十四条",), "第二十四条")
    store = Store(d)
    ans = ExtractiveAnswerer().answer(
        analysis("出海船舶擅自搭靠外国籍船舶的怎么罚？"), passages([article]), store
    )
    assert verify_citations(ans, store) == []
    assert "五千元以上三万元以下罚款" in ans.text and "并处吊销出海边防证件" in ans.text


def test_a_member_is_asked_as_the_class_the_regulation_defines() -> None:
    d, chunks = city_rules(
        "machines",
        "某市非道路移动机械排气污染防治条例",
        "第二十五条 在城市道路上堆放物料的，由城市管理部门责令改正，处二百元以上一千元以下的罚款。",
        "第二十四条 使用排放不合格的非道路移动机械的，由生态环境主管部门责令改正，处五千元的罚款。",
        "第二条 本条例所称非道路移动机械，是指装配有发动机的移动机械，主要包括挖掘机、起重机、推土机等机械类型。",
    )
    chunks = chunks[:2]  # the definition is read from the document, not from a passage
    store = Store(d)
    ans = ExtractiveAnswerer().answer(analysis("工地上用排放不达标的挖掘机罚多少？"), passages(chunks), store)
    assert verify_citations(ans, store) == []
    assert "五千元的罚款" in ans.text and "二百元" not in ans.text


def test_a_definition_includes_only_what_it_lists() -> None:
    from assistant.answer.definitions import members

    body = "装配有发动机的移动机械，主要包括挖掘机、起重机、推土机等机械类型"
    assert members(body) == {"挖掘机", "起重机", "推土机"}
    assert members("向大气排放的污染物") == set()


def test_the_sentence_in_the_unit_asked_answers() -> None:
    # "管几年" asks in years: of an article's two sentences with a time, the one in years
    d, chunks = city_rules(
        "licence",
        "某市经营许可条例",
        "第七条 临时许可证有效期为二年。需要延续的，应当在有效期届满三十日前向市主管部门提出申请并说明临时许可证的使用情况。",
    )
    store = Store(d)
    ans = ExtractiveAnswerer().answer(
        analysis("向市主管部门申领的临时许可证有效期几年？"), passages(chunks), store
    )
    assert verify_citations(ans, store) == []
    assert "有效期为二年" in ans.text


def test_the_offence_not_the_word_for_breaking_a_rule_finds_the_sanction() -> None:
    # "未经许可擅自取水": every sanction states some breach ("擅自", "未经批准"); the offence
    # asked about is 取水
    d, chunks = city_rules(
        "water",
        "某市水资源条例",
        "第三十条 违反本条例规定，未经批准擅自占用城市绿地的，处一千元以上五千元以下罚款。",
        "第三十一条 对未依法取得取水许可证取水的，由水行政主管部门责令停止违法行为，处以三万元以下的罚款。",
    )
    store = Store(d)
    ans = ExtractiveAnswerer().answer(analysis("未经许可擅自取水的怎么罚？"), passages(chunks), store)
    assert verify_citations(ans, store) == []
    assert "三万元以下" in ans.text and "一千元以上五千元以下" not in ans.text


def test_a_listed_offence_outranks_a_broader_sanction_elsewhere() -> None:
    # the item names the offence asked about and takes its lead-in's fine, above another
    # article's fine for much the same breach. (Here the lead-in already wins on the items' words;
    # the rescaling of an item's score by its lead-in's fine in ExtractiveAnswerer._select is
    # needed where it does not, as on a real regulation of dev_extra5, and has no test of its own.)
    d = _plain(
        "reserve",
        "第二十二条 对擅自移动或者破坏保护区设施的，处一千元以上一万元以下的罚款。\n"
        "第二十四条 违反本条例规定，有下列行为之一的，由管理机构责令改正，并可以处五百元以上五千元以下的罚款：\n"
        "（一）擅自移动或者破坏保护区界标和保护设施的；\n（二）在保护区内乱扔垃圾的。\n",
        "某市自然保护区条例",
    )
    broad = d.chunk("第二十二条", None, ("第二十二条",), "第二十二条")
    listed = d.chunk("第二十四条", "乱扔垃圾的。", ("第二十四条",), "第二十四条")
    store = Store(d)
    ans = ExtractiveAnswerer().answer(
        analysis("擅自移动或破坏保护区的界标，罚多少？"), passages([broad, listed]), store
    )
    assert verify_citations(ans, store) == []
    assert "五百元以上五千元以下" in ans.text and "界标" in ans.text


def test_a_which_question_is_answered_by_the_enumeration_beside_the_best_sentence() -> None:
    from assistant.answer import ExtractiveAnswerer
    from assistant.answer.lists import list_items
    from tests.answer.builders import Store, make_doc, passages

    d = make_doc(
        "border",
        "第七条 出海人员应当向公安机关申请办理出海证件。公安机关办理出海证件，应当简化手续。\n\n"
        "第十条 下列人员申请出海证件，公安机关不予办理：\n（一）未满十六周岁的；\n"
        "（二）被吊销出海证件未满六个月的。\n\n"
        "第二十条 违反本条例，有下列行为之一的，处一千元以下罚款：\n（一）未申请出海证件出海的；\n"
        "（二）涂改出海证件的。\n",
        "某市出海船舶管理条例",
        province="河南省",
        city="某市",
        doc_type="条例",
    )
    chunks = [
        d.chunk("第七条", number="第七条"),
        d.chunk("第十条", "未满六个月的。", number="第十条"),
        d.chunk("第二十条", "涂改出海证件的。", number="第二十条"),
    ]
    cands = ExtractiveAnswerer()._candidates(passages(chunks), Store(d))
    # the duty sentence scores best, the enumeration of who is refused nearly as well, the
    # sanction's lead-in better still
    for c in cands:
        c.score = 0.1
    duty = next(c for c in cands if c.search.startswith("第七条") and c.unit.kind == "sentence")
    lead = next(c for c in cands if c.search.startswith("第十条") and c.unit.kind == "paragraph")
    fine = next(c for c in cands if c.search.startswith("第二十条") and c.unit.kind == "paragraph")
    duty.score, lead.score, fine.score = 0.55, 0.54, 0.57
    chosen = list_items(cands, duty, limit=5, enumeration_limit=12, min_score=0.3)
    assert chosen[0] is lead
    assert [c.search[:5] for c in chosen[1:]] == ["(一)未满", "(二)被吊"]


def _rendered_lead_in(text: str, title: str) -> str:
    """The rendered answer of the lead-in ``text`` ("第N条 …：") of a one-article document."""
    from assistant.answer.candidates import Candidate, Pick
    from assistant.answer.compose import render
    from assistant.sentences import Unit

    number = text.split(" ", 1)[0]
    d = make_doc("lead", text, title, province="山东省", city="某市")
    chunk = d.chunk(number, number=number)
    end = text.index("：") + 1
    cand = Candidate(passages([chunk])[0], 0, Unit(0, end, "paragraph"), d.stored.text.search[:end], "")
    return render(Pick(cand, 0, end), Store(d))


@pytest.mark.parametrize(
    ("text", "title", "ends", "holds"),
    [
        # the last clause is what the article says; the condition before it says nothing alone
        (
            "第二十七条 乘客有下列情形之一的，出租汽车驾驶员有权拒绝或者终止提供营运服务：\n",
            "某市客运出租汽车管理条例",
            "出租汽车驾驶员有权拒绝或者终止提供营运服务",
            "",
        ),
        # a lead-in whose last clause only introduces the items keeps what comes before it
        ("第九条 禁止在公园内从事下列活动：\n", "某市公园管理条例", "", "禁止在公园内从事下列活动"),
        # (its items not quoted, the clause that introduces them keeps the time it states)
        (
            "第三十条 供热行政主管部门应当对供热质量进行动态监测，并每两年对下列事项进行公告一次：\n",
            "某市供热条例",
            "并每两年对下列事项进行公告一次",
            "",
        ),
    ],
)
def test_a_lead_in_alone_keeps_what_it_says(text: str, title: str, ends: str, holds: str) -> None:
    rendered = _rendered_lead_in(text, title)
    assert rendered.endswith(ends) and holds in rendered, rendered


def test_an_item_that_is_a_case_is_answered_with_its_lead_in() -> None:
    # "（二）…出现裂缝、变形等情形的；" says when; its lead-in says who must do what
    text = (
        "第十六条 房屋有下列情形之一的，房屋使用安全责任人应当委托鉴定单位进行安全鉴定：\n\n"
        "（一）房屋达到设计使用年限需继续使用的；\n\n"
        "（二）房屋基础、墙体或者其他承重结构出现下沉、倾斜、裂缝、变形等情形的；\n\n"
        "（三）因自然灾害或者火灾等事故可能造成房屋结构损伤的。\n"
    )
    d = _plain("house", text, "某市房屋使用安全条例")
    items = [("（一）", "的；"), ("（二）", "情形的；"), ("（三）", "损伤的。")]
    parts = [(a, b, (), f"第十六条.{a}") for a, b in items]
    chunk = d.chunk(
        "第十六条", "损伤的。", number="第十六条", parts=[("第十六条", "鉴定：", (), "第十六条"), *parts]
    )
    ans = ExtractiveAnswerer(min_score=0.1).answer(
        analysis("房屋承重结构出现下沉、倾斜、裂缝、变形，要找谁？"), passages([chunk]), Store(d)
    )
    assert "房屋使用安全责任人应当委托鉴定单位进行安全鉴定" in ans.text, ans.text
    assert "裂缝" in ans.text, ans.text


def test_a_clause_cut_down_to_a_condition_keeps_what_follows_it() -> None:
    from assistant.answer.candidates import Candidate, Pick
    from assistant.answer.compose import focus
    from assistant.sentences import Unit

    text = (
        "第十二条 施工单位应当在施工现场设置硬质围挡，围挡高度不低于二点五米，并设置冲洗设施，保持出入口道路清洁，"
        "建筑垃圾应当及时清运，不得在施工现场焚烧废弃物，夜间施工应当依法办理手续，"
        "房屋基础出现下沉、倾斜、裂缝等情形的，施工单位应当立即停止施工并报告主管部门。\n"
    )
    d = _plain("site", text, "某市扬尘污染防治条例")
    chunk = d.chunk("第十二条", number="第十二条")
    end = len(text) - 1
    cand = Candidate(passages([chunk])[0], 0, Unit(0, end, "paragraph"), d.stored.text.search[:end], "")
    pk = Pick(cand, 0, end)
    focus(pk, [("裂缝",), ("倾斜",), ("下沉",)], "general", [], clause_chars=40, number_clause_chars=40)
    assert text[pk.start : pk.end].endswith("施工单位应当立即停止施工并报告主管部门。")


def test_a_sentence_detailing_the_one_before_carries_it_on() -> None:
    d, chunks = city_rules(
        "heat",
        "某市集中供热条例",
        "第二十九条 居民热用户自提出温度检测要求之日起，室温连续四十八小时以上不达标的，应当减收热费。"
        "其中，室温低于18摄氏度、高于14摄氏度的，按日减半收取热费；室温低于14摄氏度的，按日免收热费。"
        "减收或者免收的热费，应当在每年供热期结束后二个月内结清。",
    )
    store = Store(d)
    ans = ExtractiveAnswerer().answer(analysis("室温连续不达标的，热费怎么减收？"), passages(chunks), store)
    assert verify_citations(ans, store) == []
    # "应当减收热费" says nothing of how much: the sentence of its cases goes with it
    assert "按日减半" in ans.text and "按日免收" in ans.text, ans.text


def test_a_listed_item_of_a_regulation_is_answered_with_all_its_clauses(tmp_path: Path) -> None:
    from tests.conftest import library_of

    text = """# 某省人口与计划生育条例
第一条 为了实行计划生育，制定本条例。

第三十一条 凡领取《独生子女父母光荣证》的，凭证享受下列待遇：

（一）从发证之月起至子女满十八周岁止，奖给独生子女父母每人每月奖励费二十元以上。

（二）农村在调整责任田时，对独生子女父母每人按二人（份）分给；按人分配城镇拆迁安置、移民搬迁安置、新农村建设安置、集体经济收入、集体福利、征地补偿等经济利益时，独生子女家庭多分一人份；在招收乡（镇）、村集体企业事业职工及农业经济发展、贷款、扶贫、救灾等方面给予优先照顾。

（三）申请最低生活保障时，应当优先保障，并给予优惠。其享受的各种计划生育奖励不计入家庭收入。
"""
    a = library_of(tmp_path, {"某省人口与计划生育条例.md": text})
    for asked in ("领了《独生子女父母光荣证》，能享受哪些待遇？", "凭《独生子女父母光荣证》能享受什么待遇？"):
        answer = a.respond(asked).text
        assert "农村在调整责任田时" in answer and "独生子女家庭多分一人份" in answer, answer
        assert "给予优先照顾" in answer and "不计入家庭收入" in answer, answer


def test_a_later_paragraph_that_punishes_the_same_breach_again_is_part_of_the_sanction(
    tmp_path: Path,
) -> None:
    """ "施工单位违反前款规定，受到罚款处罚，…拒不改正的，…按日连续处罚" carries the first 款's
    sanction on, though each 款 is a part of its own in the chunk; "违反前款第四项规定的" is another
    offence, not this one's."""
    from assistant.answer.compose import CONTINUATION
    from tests.conftest import library_of

    text = """# 某市环境污染防治规定
第一条 为了防治环境污染，制定本规定。

第二十二条 在城市噪声敏感建筑物集中区域内，禁止夜间二十二时至次日六时进行产生环境噪声污染的建筑施工作业。

第三十二条 违反本规定第二十二条规定，在城市噪声敏感建筑物集中区域内，夜间进行产生环境噪声污染的建筑施工作业的，由环境保护主管部门责令改正，可以处一万元以上十万元以下的罚款。

施工单位违反前款规定，受到罚款处罚，被责令改正，拒不改正的，环境保护主管部门可以自责令改正之日的次日起，按照原处罚数额按日连续处罚。

第三十三条 违反本规定第二十三条第一项规定的，责令改正，处五百元以上二千元以下罚款。

违反前款第四项规定的，责令改正；拒不改正的，处二百元以上一千元以下罚款。
"""
    a = library_of(tmp_path, {"某市环境污染防治规定.md": text})
    answer = a.respond("在居民区附近半夜搞建筑施工，环保部门怎么罚？").text
    assert "一万元以上十万元以下" in answer and "按日连续处罚" in answer, answer
    assert CONTINUATION.match("施工单位违反前款规定，受到罚款处罚") is not None
    assert CONTINUATION.match("违反前款第四项规定的，责令改正") is None


def test_a_larger_case_of_the_same_act_carries_the_sentence_on(tmp_path: Path) -> None:
    """ "调整面积3000平方米以上…的，应当…审议通过" is the same provision for a larger case: an
    answer that stops before it misstates what the adjustment needs."""
    from assistant.answer.compose import CONTINUATION
    from tests.conftest import library_of

    text = """# 某市城市绿线管理条例
第一条 为了加强城市绿线管理，制定本条例。

第八条 城市绿线划定后，不得擅自调整。因城市建设确需调整的，规划主管部门在不减少绿地总量的前提下，应当征求绿化主管部门的意见，并报原审批机关批准。调整面积3000平方米以上绿地绿线的，应当由市人民政府提出议案，报市人大常委会审议通过。

第九条 城市绿线应当设置统一的绿线标识。
"""
    a = library_of(tmp_path, {"某市城市绿线管理条例.md": text})
    answer = a.respond("城市绿线确需调整的，要经过什么程序？").text
    assert "报原审批机关批准" in answer and "报市人大常委会审议通过" in answer, answer
    assert CONTINUATION.match("调整面积三千平方米以上绿地的，应当报批") is not None
