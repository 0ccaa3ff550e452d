"""What a question asks in: a quantity word fused with its unit ("多少岁", "几月几日"), a measure
written in words ("一百五十米"), an institution's short name ("人大常委会"), and a provision that
ranks just below the passages first read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.answer import ExtractiveAnswerer, verify_citations
from assistant.answer.cues import FIGURE, asked_units, states_unit
from assistant.schema import Answer
from tests.answer.builders import Store, analysis, city_rules, make_doc, passages

RULES = (
    "第十条 在道路上驾驶电动自行车，驾驶人应当年满十六周岁。\n\n"
    "第十一条 城镇自来水厂取水口周围半径一百五十米内的水域，禁止网箱养鱼。\n\n"
    "第十二条 在禁渔期内，任何单位和个人不得随船携带禁止作业的网具。\n\n"
    "第十三条 常务委员会审议地方性法规案时，应当邀请有关的人民代表大会代表列席会议。\n\n"
    "第十四条 专门委员会审议时，应当邀请有关专家列席会议。\n"
)


def _doc():  # type: ignore[no-untyped-def]
    return make_doc("rules", RULES, "某市管理规定", province="浙江省", city="某市", doc_type="条例")


def test_a_measure_in_words_is_a_figure() -> None:
    assert FIGURE.findall("取水口周围半径一百五十米内") == ["一百五十米"]
    assert FIGURE.findall("最高时速不得超过十五公里") == ["十五公里"]
    assert FIGURE.findall("驾驶人应当年满十六周岁") == ["十六周岁"]
    assert not FIGURE.search("每千米") and not FIGURE.search("第一百五十条")
    # a fraction is a figure: "应当有三分之二以上的代表出席", "千分之五"
    assert FIGURE.findall("应当有三分之二以上的职工代表出席") == ["三分之二"]
    assert FIGURE.findall("不低于造价的千分之五") == ["千分之五"]


def test_a_quantity_word_fused_with_its_unit_asks_in_that_unit() -> None:
    assert asked_units("禁渔期是每年几月几日到几月几日？") == [("月",), ("日", "天")]
    assert asked_units("应提前几天申报？") == [("日", "天")]
    assert asked_units("驾驶人至少要满多少岁？") == [("岁",)]
    # a classifier asks in no unit, and "哪几种" asks which, not how many
    assert asked_units("需要几个工作日？") == [] and asked_units("哪几种情况下不发放？") == []


def test_an_answer_without_the_asked_unit_is_no_answer() -> None:
    d = _doc()
    chunks = [d.chunk("第十条", number="第十条"), d.chunk("第十二条", number="第十二条")]
    store = Store(d)
    age = ExtractiveAnswerer().answer(
        analysis("驾驶电动自行车的驾驶人至少要满多少岁？"), passages(chunks), store
    )
    assert "十六周岁" in age.text and verify_citations(age, store) == []
    # the article on the 禁渔期 states no date: "几月几日" is not answered by it
    dates = ExtractiveAnswerer().answer(analysis("禁渔期是每年几月几日到几月几日？"), passages(chunks), store)
    assert dates.abstained


def test_a_measure_in_words_answers_a_number_question() -> None:
    d = _doc()
    chunks = [d.chunk("第十一条", number="第十一条"), d.chunk("第十二条", number="第十二条")]
    ans = ExtractiveAnswerer().answer(
        analysis("自来水厂取水口周边多大半径内禁止网箱养鱼？"), passages(chunks), Store(d)
    )
    assert "一百五十米" in ans.text


def test_the_short_name_of_an_institution_matches_its_full_name() -> None:
    d = _doc()
    chunks = [d.chunk("第十四条", number="第十四条"), d.chunk("第十三条", number="第十三条")]
    ans = ExtractiveAnswerer().answer(
        analysis("人大常委会审议时应当邀请谁列席？"), passages(chunks), Store(d)
    )
    assert "人民代表大会代表列席会议" in ans.text and "专家" not in ans.text


def test_a_provision_ranked_just_below_the_passages_read_is_still_found() -> None:
    d = _doc()
    # six passages that do not answer, then the one that does (none of them the article before
    # it: the article after a passage read is read with it)
    noise = [d.chunk("第十二条", number="第十二条"), d.chunk("第十三条", number="第十三条")] * 3
    chunks = [*noise, d.chunk("第十一条", number="第十一条")]
    answerer = ExtractiveAnswerer(top_k=6)
    ans = answerer.answer(analysis("取水口周围多大半径内禁止网箱养鱼？"), passages(chunks), Store(d))
    assert "一百五十米" in ans.text
    narrow = ExtractiveAnswerer(top_k=6, widen=False)  # the seventh passage is not read
    assert narrow.answer(analysis("取水口周围多大半径内禁止网箱养鱼？"), passages(chunks), Store(d)).abstained


def test_a_water_class_in_words_is_a_figure() -> None:
    assert FIGURE.findall("水质应当达到地面水环境质量标准的二类（含二类）水质以上标准") == ["二类", "二类"]


def _answer(text: str, title: str, question: str, *articles: str, last: str | None = None) -> Answer:
    """The answer to ``question`` from the ``articles`` (their first words; the last one read up
    to ``last``) of one regulation."""
    d = make_doc("doc", text, title, province="河南省", city="某市")
    chunks = [d.chunk(a, last if a == articles[-1] else None, number=a) for a in articles]
    return ExtractiveAnswerer().answer(analysis(question), passages(chunks), Store(d))


def test_a_price_per_cubic_metre_is_not_answered_by_a_fine() -> None:
    # a figure with 元 answers "多少元" unless the price is asked per 立方米
    text = "第四十四条 未安装水计量设施的，按照水资源费征收标准计征水资源费，处五千元以上二万元以下罚款。\n"
    question = "水资源管理条例规定的水资源费征收标准是每立方米多少元？"
    assert _answer(text, "某市水资源管理条例", question, "第四十四条").abstained


def test_an_order_to_correct_is_the_sanction_of_an_article_without_a_fine() -> None:
    text = (
        "第十四条 违反本条例规定，单位燃用散煤的，由生态环境主管部门责令改正，并处一万元以上五万元以下罚款。\n\n"
        "第十五条 在禁煤区内，城乡居民生活燃用散煤的，由乡（镇）人民政府、街道办事处责令改正。\n"
    )
    question = "城乡居民在禁煤区内生活燃用散煤的，怎么处罚？"
    ans = _answer(text, "某市散煤污染防治条例", question, "第十四条", "第十五条")
    assert "街道办事处责令改正" in ans.text


def test_a_time_limit_in_minutes_answers_how_long() -> None:
    text = (
        "第十九条 紧急医疗救援机构受理呼救信息后，应当在一分钟内发出调度指令。"
        "紧急医疗救援机构应当保存受理的急救信息资料，保存时间不少于两年。\n"
    )
    ans = _answer(text, "某市社会急救医疗条例", "救援机构接到呼救后，多长时间内要发出调度指令？", "第十九条")
    assert "一分钟内发出调度指令" in ans.text and "两年" not in ans.text


def test_a_sanction_lead_in_keeps_its_fine_bounded_by_yixia() -> None:
    # "以下" after an amount bounds it; it does not introduce the items
    text = (
        "第二十四条 违反本条例规定，有下列行为之一的，由保护区管理机构责令改正，并可以根据不同情节处五百元以上"
        "五千元以下的罚款：\n\n（一）擅自移动或者破坏保护区界标和保护设施的；\n\n（二）未经批准进入保护区的。\n"
    )
    d = make_doc("reserve", text, "某自然保护区条例", province="河南省")
    chunks = [d.chunk("第二十四条", "未经批准进入保护区的。", ("第二十四条",), "第二十四条")]
    qa = analysis("擅自移动保护区界标的，最多罚多少？")
    ans = ExtractiveAnswerer().answer(qa, passages(chunks), Store(d))
    assert "五百元以上五千元以下的罚款" in ans.text


def test_a_threshold_or_temperature_is_a_figure_and_a_denominator_is_not() -> None:
    assert FIGURE.findall("常住人口五万以上的乡(镇)、街道应当设立图书馆分馆") == ["五万"]
    assert FIGURE.findall("职工一百人以上的企业") == ["一百人"]
    assert FIGURE.findall("室温不低于18摄氏度") == ["18摄氏度"]
    assert not FIGURE.search("确保每十万人口精神科执业医师数量不低于规定的目标")


def test_a_count_of_people_in_words_answers_at_least_how_many() -> None:
    # "不得少于两人": a count in words of people, bounded the way "至少" asks
    assert FIGURE.findall("行政执法人员不得少于两人") == ["两人"]
    text = (
        "第二十四条 行政执法部门对市场主体进行行政检查，行政执法人员不得少于两人，应当主动出示行政执法证件。\n\n"
        "第二十五条 行政执法部门应当公开行政执法主体、人员、职责、依据和程序。\n"
    )
    d = make_doc("biz", text, "某市优化营商环境条例", province="河南省")
    chunks = [
        d.chunk("第二十四条", "行政执法人员不得少于两人", ("第二十四条",), "第二十四条"),
        d.chunk("第二十五条", "公开行政执法主体", ("第二十五条",), "第二十五条"),
    ]
    qa = analysis("执法部门上门检查企业，至少要去几个人？")
    ans = ExtractiveAnswerer().answer(qa, passages(chunks), Store(d))
    assert "行政执法人员不得少于两人" in ans.text, ans.text


def test_a_compound_short_name_matches_its_full_name_in_the_unit_asked() -> None:
    from assistant.answer.cues import synonym_group

    assert "人民代表大会常务委员会" in synonym_group("人大常委会")
    d = make_doc(
        "meeting",
        "第四条 常务委员会会议每两个月至少举行一次。\n\n第五条 常务委员会会议由主任召集。\n",
        "某省人民代表大会常务委员会议事规则",
        province="浙江省",
        doc_type="条例",
    )
    chunks = [d.chunk("第四条", number="第四条"), d.chunk("第五条", number="第五条")]
    ans = ExtractiveAnswerer().answer(
        analysis("人大常委会多长时间至少开一次会？"), passages(chunks), Store(d)
    )
    assert "每两个月至少举行一次" in ans.text


def test_a_short_form_matches_where_its_long_form_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.answer import scoring

    d, chunks = city_rules(
        "lease",
        "某市房屋租赁管理条例",
        "第十条 出租人应当保证房屋安全。",
        "第九条 房地产管理部门应当自接到登记申请之日起十个工作日内进行审查。",
    )
    ans = ExtractiveAnswerer().answer(analysis("房管多久给答复？"), passages(chunks), Store(d))
    assert "十个工作日内" in ans.text
    # the characters in order, not across a clause: "房管" is not "房屋安全，管…"
    assert scoring._spread("房管").search("房地产管理部门")
    assert not scoring._spread("房管").search("房屋安全，管理")
    monkeypatch.setattr(scoring, "SHORT_FORM_CREDIT", 0.0)
    assert ExtractiveAnswerer().answer(analysis("房管多久给答复？"), passages(chunks), Store(d)).abstained


def test_a_fee_is_not_answered_by_the_amount_of_a_fine() -> None:
    d, chunks = city_rules(
        "lease-fee",
        "某市房屋租赁管理条例",
        "第三十三条 逾期不办理登记备案的，对出租人处以已收租金一倍以下罚款。",
        "第七条 房屋租赁当事人应当到房地产管理部门办理登记备案。",
    )
    fee = ExtractiveAnswerer().answer(
        analysis("办理登记备案一件要交多少登记费？"), passages(chunks), Store(d)
    )
    assert "一倍" not in fee.text
    fine = ExtractiveAnswerer().answer(analysis("逾期不办理登记备案罚多少？"), passages(chunks), Store(d))
    assert "一倍以下罚款" in fine.text


def _one_article(text: str, number: str, last: str, title: str) -> Callable[[str], str]:
    """The extractive answer to a question over one article as one chunk."""
    d = make_doc("one", text, title, province="山东省")
    chunks = [d.chunk(number, last, (number,), number)]
    return lambda question: ExtractiveAnswerer().answer(analysis(question), passages(chunks), Store(d)).text


def test_an_item_under_a_lead_in_is_a_sentence_of_its_own() -> None:
    # the lead-in shares most words with the question; the item asked about is the one that
    # names the share ("主要责任"), not the first under the lead-in
    text = (
        "第二十七条 当事人应当按照所负水上交通事故责任大小承担相应的损害赔偿责任：\n\n"
        "（一）负全部责任的，应承担损害赔偿数的百分之一百。\n\n"
        "（二）负主要责任的，应承担损害赔偿数的百分之五十五至百分之九十。\n\n"
        "（三）负同等责任的，应各承担损害赔偿数的百分之五十。\n"
    )
    ask = _one_article(text, "第二十七条", "百分之五十。", "某市水上交通事故处理条例")
    answer = ask("水上交通事故中，负主要责任的一方要承担多少比例的损害赔偿？")
    assert "百分之五十五至百分之九十" in answer and "百分之一百" not in answer, answer


def test_an_order_to_stop_business_or_a_ban_from_the_trade_is_a_sanction() -> None:
    text = (
        "第四十九条 违反本条例规定，小作坊未按规定建立进货查验记录的，责令改正，给予警告。\n\n"
        "第五十条 小作坊、小经营店在一年内两次受到责令停产停业处罚的，其业主及其他直接责任人员"
        "五年内不得从事食品生产经营活动。\n"
    )
    d = make_doc("food", text, "某省食品小作坊管理条例", province="河南省")
    chunks = [
        d.chunk("第四十九条", None, ("第四十九条",), "第四十九条"),
        d.chunk("第五十条", "五年内不得从事食品生产经营活动。", ("第五十条",), "第五十条"),
    ]
    qa = analysis("小作坊一年里两次被责令停产停业，老板会有什么后果？")
    ans = ExtractiveAnswerer().answer(qa, passages(chunks), Store(d))
    assert "五年内不得从事食品生产经营活动" in ans.text, ans.text


def test_items_asked_about_alike_stay_under_their_lead_in() -> None:
    text = (
        "第十六条 古树名木主管部门应当对古树名木进行定期检查、专业养护：\n\n"
        "（一）名木和一级保护的古树每半年至少组织检查一次；\n\n"
        "（二）二级保护的古树每年至少组织检查一次；\n\n"
        "（三）三级保护的古树每三年至少组织检查一次。\n"
    )
    ask = _one_article(text, "第十六条", "每三年至少组织检查一次。", "某市古树名木保护条例")
    every = ask("古树名木多久要检查一次？")
    assert all(f in every for f in ("每半年", "每年", "每三年")), every
    one = ask("一级保护的古树多久要检查一次？")
    assert "每半年至少组织检查一次" in one and "每三年" not in one, one


def test_a_compound_the_question_joins_matches_its_words_written_apart() -> None:
    from assistant.answer import scoring

    d, chunks = city_rules(
        "relics",
        "某市文物保护规定",
        "第八条 文物保护单位应当设置保护标志。",
        "第九条 文物行政部门接到报告后，应当在二十四小时内赶到现场。",
    )
    # "文物部门" is 文物 + 部门, written "文物行政部门" by the provision
    assert scoring._spread("文物部门").search("文物行政部门")
    assert not scoring._spread("文物部门").search("文物保护单位，部门")
    assert scoring._spread("挖出") is None  # one word: no parts to find apart
    ans = ExtractiveAnswerer().answer(
        analysis("挖出文物报上去以后，文物部门多长时间内得赶到现场？"), passages(chunks), Store(d)
    )
    assert "二十四小时内" in ans.text


def test_a_sum_of_money_asked_is_not_answered_by_a_time_limit() -> None:
    d, chunks = city_rules(
        "lease-deadline",
        "某市房屋租赁管理条例",
        "第七条 房屋租赁关系的设立、变更、终止，当事人应自租赁合同签订、变更、终止之日起三十日内，"
        "到房屋所在地的房地产管理部门办理登记备案。",
        "第八条 办理登记备案，应当提交租赁合同和身份证明。",
    )
    fee = ExtractiveAnswerer().answer(
        analysis("办理房屋租赁登记备案，一件要交多少登记费？"), passages(chunks), Store(d)
    )
    assert fee.abstained, fee.text
    days = ExtractiveAnswerer().answer(
        analysis("签订合同后多少天内办理登记备案？"), passages(chunks), Store(d)
    )
    assert "三十日内" in days.text
    d, chunks = city_rules(
        "lease-charge",
        "某市房屋租赁管理条例",
        "第九条 办理登记备案，每件收取登记费五十元。",
    )
    fee = ExtractiveAnswerer().answer(
        analysis("办理登记备案一件要交多少登记费？"), passages(chunks), Store(d)
    )
    assert "五十元" in fee.text


def test_a_share_answers_a_question_for_a_proportion() -> None:
    """ "投入比例不能低于多少" is answered by "不低于…造价的百分之一", which does not say 比例;
    a figure that is no share still does not answer it."""
    ans = _answer(
        "第十八条 建设工程造价二十亿元以内的，公共环境艺术品配置投资金额不低于本项目建设工程造价的百分之一。",
        "某省城市景观风貌条例",
        "造价二十亿元以内的项目，公共环境艺术品的投入比例不能低于多少？",
        "第十八条",
    )
    assert "百分之一" in ans.text, ans.text
    ans = _answer(
        "第十八条 建设工程造价二十亿元以内的，公共环境艺术品应当在竣工后三十日内配置完成。",
        "某省城市景观风貌条例",
        "造价二十亿元以内的项目，公共环境艺术品的投入比例不能低于多少？",
        "第十八条",
    )
    assert ans.abstained, ans.text


def test_a_fee_asked_is_not_answered_by_the_amount_of_a_fine() -> None:
    d, chunks = city_rules(
        "water",
        "某省水资源条例",
        "第二十条 取用水资源的单位和个人应当缴纳水资源费，征收标准由省人民政府制定。",
        "第六十七条 违反本条例规定，取用地下水十万立方米以上的单位未建设计量设施的，责令限期改正，"
        "处二万元以上五万元以下罚款。",
    )
    ans = ExtractiveAnswerer().answer(
        analysis("取用地下水，水资源费每立方米收多少钱？"), passages(chunks), Store(d)
    )
    assert ans.abstained, ans.text


_DRIVING = (
    "第三十七条 驾驶机动车从事道路旅客运输的，在二十四小时内累计驾驶时间不得超过八小时，"
    "日间连续驾驶机动车不得超过四小时，夜间连续驾驶机动车不得超过二小时。\n\n"
    "禁止长途客车和旅游客车凌晨二时至五时运行，按照规定进行接驳运输的车辆除外。\n"
)


def test_hours_asked_are_answered_by_a_time_limit_in_words() -> None:
    assert asked_units("一天累计最多能开几个小时？") == [("小时",)]
    question = "从事道路旅客运输的驾驶人，二十四小时内累计驾驶最多几个小时？"
    ans = _answer(_DRIVING, "某市道路交通安全条例", question, "第三十七条", last="车辆除外。")
    assert "不得超过八小时" in ans.text and "凌晨" not in ans.text, ans.text


def test_the_hour_of_the_day_asked_is_written_with_shi() -> None:
    assert states_unit("禁止长途客车和旅游客车凌晨二时至五时运行", ("点",))
    assert not states_unit("应当及时处理", ("点",))  # 时 alone is no hour
    question = "长途客车、旅游客车几点到几点禁止运行？"
    ans = _answer(_DRIVING, "某市道路交通安全条例", question, "第三十七条", last="车辆除外。")
    assert "凌晨二时至五时" in ans.text, ans.text


def test_an_example_of_the_class_asked_is_not_what_is_asked() -> None:
    from assistant.answer.scoring import exemplifies

    question = "在山东，房子外墙保温这类围护结构保温工程，保修期是多少年？"
    assert exemplifies("外墙", question) and not exemplifies("保修期", question)
    assert not exemplifies("外墙", "外墙保温这类工程的外墙要多厚？")  # asked again after the class
    text = (
        "第二十七条 在正常使用条件下，围护结构保温工程的保修期限为十年。\n\n"
        "第四十一条 有防水要求的厨房、卫生间和外墙面的防渗漏最低保修期限为五年。\n"
    )
    ans = _answer(text, "某省民用建筑节能条例", question, "第二十七条", "第四十一条")
    assert "十年" in ans.text, ans.text


def test_a_rate_asked_is_a_sum_of_money(tmp_path: Path) -> None:
    """ "有偿使用费每年的收费标准是多少" is not answered by how long the right lasts."""
    from tests.conftest import library_of

    text = """# 某省道路运输条例
第一条 为了规范道路运输市场，制定本条例。

第十八条 客运出租汽车营运权期限不得超过八年，根据单车服务质量考核结果可以予以奖励延长，但奖励延长的期限不得超过四年。

市、县人民政府对客运出租汽车营运权收取有偿使用费的，应当对本行政区域内的所有经营者逐步按照相同标准收取有偿使用费，保证经营者公平负担。有偿使用费应当按年收取。
"""
    a = library_of(tmp_path, {"某省道路运输条例.md": text})
    answer = a.respond("客运出租汽车营运权有偿使用费每年的收费标准是多少？")
    assert answer.abstained, answer.text


def test_people_counted_are_no_noun_of_what_they_do() -> None:
    from assistant.answer.cues import counted_noun

    assert counted_noun("代表几个人联名可以提出议案？") == "人"
    assert counted_noun("新增多少辆电动出租车？") == "出租车"


def test_the_hours_of_a_day_are_asked_without_a_clock_word() -> None:
    from assistant.answer.cues import asks_clock

    assert asks_clock("商场促销活动每天限定在哪个时段？")
    assert asks_clock("施工每天几点到几点不准进行？")
    assert not asks_clock("申请后多长时间内答复？")


def test_a_measure_granted_is_no_prohibition() -> None:
    from assistant.answer.cues import forbids_itself

    assert not forbids_itself(
        "县级以上地方人民政府根据应急需要可以采取限制部分机动车行驶、禁止燃放烟花爆竹等应急措施。"
    )
    assert forbids_itself("禁止在保护区内燃放烟花爆竹。")
