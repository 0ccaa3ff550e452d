"""What a question asks, told from what it only describes: a verb used as an attribute, a "who"
question answered by a unit that names someone, a figure set per case, and a breach that counts
as another offence. The articles are quoted from
regulations of ../shared/corpus-new (a new user's library), as made-up city regulations."""

from __future__ import annotations

from assistant.answer import ExtractiveAnswerer, verify_citations
from assistant.answer.cues import states_time
from assistant.schema import Answer, Chunk
from tests.answer.builders import Doc, Store, analysis, answered, make_doc, passages, regulation


def city_rules(doc_id: str, title: str, *articles: str) -> tuple[Doc, list[Chunk]]:
    """A made-up city regulation of the given articles, one chunk per whole article (its lead-in
    and items), in the order given."""
    d = make_doc(doc_id, "\n\n".join(articles) + "\n", title, province="河南省", city="某市", doc_type="条例")
    chunks = []
    for a in articles:
        number = a.split(" ", 1)[0]
        chunks.append(d.chunk(number, a.rsplit("\n", 1)[-1], number=number))
    return d, chunks


def ask(question: str, *articles: str, first: int = 0) -> Answer:
    """The answer from a made-up city regulation of ``articles``, retrieved in the order given
    from the ``first``-th on (the rest after it), its citations checked."""
    d, chunks = city_rules("city-rules", "某市条例", *articles)
    store = Store(d)
    ans = ExtractiveAnswerer().answer(analysis(question), passages(chunks[first:] + chunks[:first]), store)
    assert verify_citations(ans, store) == []
    return ans


def test_a_verb_used_as_an_attribute_is_not_what_is_asked() -> None:
    ans = ask(
        "在划定的禁用区域里使用高排放的非道路移动机械，罚多少？",
        "第三十一条 市人民政府可以根据本市大气环境质量状况，划定高排放非道路移动机械禁止使用区域，并提前向社会公告。",
        "第三十五条 违反本条例规定，在禁止使用高排放非道路移动机械的区域使用高排放非道路移动机械的，"
        "由市生态环境主管部门责令改正，处五百元罚款。",
    )
    assert "处五百元罚款" in ans.text


def test_a_who_question_is_answered_by_a_unit_that_names_someone() -> None:
    # the prohibition shares more words with the question, but names no one
    ans = ask(
        "城区有人养鸡养猪影响环境卫生，由哪个部门查处？",
        "第三十七条 城市建成区内禁止下列影响环境卫生的行为：\n（一）随地吐痰或者便溺；\n"
        "（二）在道路、广场等露天公共场所屠宰家禽、家畜。",
        "第一百零二条 违反本条例第三十八条规定，在城市建成区内饲养家畜家禽影响环境卫生的，"
        "由综合行政执法部门责令限期处理；逾期未处理的，予以没收，可以按照每只禽二十元、每头畜五十元并处罚款。",
    )
    assert "综合行政执法部门" in ans.text


def test_a_figure_set_per_case_is_answered_with_every_case() -> None:
    ans = ask(
        "铁路桥梁上下游多大范围内不准挖砂、取土？",
        "第三十二条 禁止在地方铁路桥梁上下游下列范围内拦河筑坝、围垦造田、采石、挖砂、取土以及修建其他影响和危害桥涵安全的设施：\n"
        "（一）桥长一百米以上的大桥上下游各五百米；\n（二）桥长二十米以上一百米以下的中桥上下游各三百米；\n"
        "（三）桥长二十米以下的小桥上下游各二百米。",
    )
    for figure in ("各五百米", "各三百米", "各二百米"):
        assert figure in ans.text


def test_a_breach_counted_as_another_offence_is_answered_with_that_offence_sanction() -> None:
    # the fining lead-in ranks first; the clause that makes the breach a 拒报 matches nearly as well
    ans = ask(
        "企业收到《统计检查查询书》后一直拖着不回复，会怎么处理？",
        "第十二条 企业事业组织、个体工商户有下列违法行为之一的，由县级以上人民政府统计机构予以警告，"
        "并可对企业事业组织处以五千元至五万元罚款；对个体工商户处以一百元至三千元罚款：\n"
        "（一）虚报、瞒报统计资料的；\n（二）伪造、篡改统计资料的；\n（三）拒报或屡次迟报统计资料的。",
        "第六条 统计检查机构和统计检查员在执行任务时，有权发出《统计检查查询书》，被检查单位应当自接到"
        "《统计检查查询书》之日起十日内对所查询的问题如实答复。无正当理由逾期不答复的，按拒报统计资料处理。",
    )
    assert "按拒报统计资料处理" in ans.text
    assert "五千元至五万元" in ans.text
    # the sanction's lead-in is read before the offence it lists
    assert ans.text.index("有下列违法行为之一") < ans.text.index("拒报或屡次迟报")


def test_hours_of_the_day_state_a_time() -> None:
    assert states_time("举行集会、游行、示威的时间限于早六时至晚十时。")
    assert states_time("禁止在夜间二十二时至次日六时进行产生噪声的建筑施工作业")
    assert not states_time("违反第十条规定的，处五百元罚款")


def test_a_list_asked_beyond_another_is_the_list_that_says_so() -> None:
    ans = ask(
        "除了城区的禁放区域，还有哪些地方不能放烟花爆竹？",
        "第七条 下列区域内禁止燃放烟花爆竹：\n（一）城区：环山路以南，高新区一天门大街以北；\n（二）国家森林公园。",
        "第八条 本条例第七条规定的区域之外的下列场所，禁止燃放烟花爆竹：\n（一）机关、事业单位办公场所；\n"
        "（二）文物保护单位；\n（三）加油（气）站、液化气供应站（点）。",
    )
    assert "第八条" in ans.text and "文物保护单位" in ans.text
    assert "环山路" not in ans.text


def test_a_vocabulary_word_the_segmenter_cuts_up_is_asked_whole() -> None:
    d = regulation(
        "浙江/杭州市污染物排放许可管理条例(2010-12-31).md", "杭州市污染物排放许可管理条例", city="杭州市"
    )
    article = d.chunk("第十二条 污染物排放许可证有效期", "但最长不超过一年。", number="第十二条")
    # "排污许可证" (排污 + 许可证 to the segmenter) is the vocabulary's 污染物排放许可证: the general
    # term of the first 款 answers, not only the special cases of the second, which say 排污者
    ans = answered("排污许可证有效期最长几年？", d, article)
    assert "最长不超过五年" in ans.text
    # an everyday phrase cut up the same way ("不用" + "花钱") is asked as 免费
    ans = ask(
        "哪些人坐车不用花钱？",
        "第二十七条 公交经营者投入运营的公交车辆应当符合下列要求：\n（一）保持清洁，定期消毒；\n（二）张贴乘车规则。",
        "第三十条 下列人员享受免费乘车待遇：\n（一）持本人专用乘车票证年满七十周岁的老年人；\n（二）身高不超过一点二米的儿童。",
        first=1,
    )
    assert "年满七十周岁的老年人" in ans.text


def test_who_handles_a_matter_is_not_read_from_the_liability_chapter() -> None:
    d = regulation("国家法律/防沙治沙法(2018-10-26).md", "中华人民共和国防沙治沙法", doc_type="法律")
    sanction = d.chunk(
        "第四十条 违反本法规定，进行营利性治沙活动", path=("第六章  法律责任",), number="第六章.第四十条"
    )
    duty = d.chunk(
        "第二十六条 不具有土地所有权",
        "（三）治理所需的资金证明。",
        ("第四章  营利性治沙",),
        "第四章.第二十六条",
    )
    ans = answered("搞营利性治沙，开工前要向哪个部门申请？", d, sanction, duty)
    assert "第二十六条" in ans.text and "林业草原行政主管部门" in ans.text


def test_the_purpose_article_answers_only_a_question_about_purpose() -> None:
    purpose = (
        "第一条 为了规范省人民政府和设区的市人民政府制定的规章设定罚款处罚的行为，"
        "根据《中华人民共和国行政处罚法》的有关规定，结合本省实际，制定本规定。"
    )
    # it shares the subject's words with any question on the act, and says nothing of them
    assert ask("设区的市人民政府制定规章设定罚款有什么规定？", purpose).abstained
    ans = ask("制定规章设定罚款限额规定的目的是什么？", purpose)
    assert not ans.abstained and "制定本规定" in ans.text
    # the basis it names is asked too ("是依据哪部法律制定的")
    basis = ask("规章设定罚款处罚的这部规定是根据什么制定的？", purpose)
    assert not basis.abstained and "行政处罚法" in basis.text, basis.text


def test_an_article_naming_who_approves_is_not_replaced_by_one_naming_a_department() -> None:
    # "主管部门" marks a work plan's duty line; in a regulation it stands in many articles
    ans = ask(
        "城市道路确需挖掘的，要经谁批准？",
        "第十九条 新建、扩建、改建的城市道路交付使用后五年内、大修的城市道路竣工后三年内不得挖掘；"
        "因建设工程施工确需挖掘的，报县级以上人民政府批准。",
        "第三十二条 城市道路两侧的环境卫生设施，因建设确需拆除的，建设单位应当报市容环境卫生行政主管部门批准。",
    )
    assert "县级以上人民政府批准" in ans.text
    assert "环境卫生设施" not in ans.text


def test_the_outcome_of_the_step_asked_is_part_of_the_provision() -> None:
    d = regulation("国家法律/防沙治沙法(2018-10-26).md", "中华人民共和国防沙治沙法", doc_type="法律")
    article = d.chunk(
        "第二十九条 治理者完成治理任务后", path=("第四章  营利性治沙",), number="第四章.第二十九条"
    )
    ans = answered("营利性治沙治理完成后找谁验收？", d, article)
    # "经验收合格的，…发给治理合格证明文件" finishes the procedure the question asks about
    assert "提出验收申请" in ans.text and "治理合格证明文件" in ans.text


def test_a_list_asked_by_its_thing_is_the_enumeration_that_announces_it() -> None:
    sorts = (
        "第十一条 划入基本农田保护区的耕地分为下列两级：\n\n"
        "（一）生产条件好、产量高、长期不得占用的耕地，划为一级基本农田；\n\n"
        "（二）生产条件较好、产量较高、规划期内不得占用的耕地，划为二级基本农田。"
    )
    lists = (
        "第十条 下列耕地划入基本农田保护区：\n\n"
        "（一）高产、稳产田和有良好水利设施的耕地；\n\n"
        "（二）经过治理、改造达到基本农田等级标准的中低产田；\n\n"
        "（三）蔬菜生产基地；\n\n"
        "（四）县级以上人民政府确定的良种繁育基地。"
    )
    # "…的耕地分为下列两级" sorts the land already in; "下列耕地划入…" lists what goes in
    ans = ask("哪些耕地要划进基本农田保护区？", sorts, lists)
    assert "蔬菜生产基地" in ans.text and "良种繁育基地" in ans.text, ans.text
    assert "一级基本农田" not in ans.text, ans.text


def test_a_unit_that_forbids_is_told_from_one_naming_what_another_forbids() -> None:
    from assistant.answer.cues import prohibits

    assert prohibits("第三十四条 禁止向海域排放油类、酸液、碱液、剧毒废液和高、中水平放射性废水。")
    assert prohibits("任何单位和个人不得在划定的区域内放牧。")  # "在划定的" is the place, not the act
    # an enforcement duty that names what another provision forbids does not forbid
    assert not prohibits("环保部门应当及时查处向海域排放法律、法规禁止排放的污染物的违法行为。")


def test_a_figure_the_question_states_is_not_the_figure_it_asks() -> None:
    returns = (
        "第二十九条 经营者采用网络、电话、邮购等方式销售商品，适用七日无理由退货制度，经营者不得故意拖延。"
        "自收到消费者退货要求之日起十五日内未办理退货手续的，视为故意拖延。"
    )
    ans = ask("网购想七天无理由退货，商家拖多少天不给办就算故意拖延？", returns)
    assert "十五日内" in ans.text, ans.text


def test_who_does_the_act_asked_is_told_from_who_applies_for_it() -> None:
    ans = ask(
        "见义勇为由哪个部门来认定？",
        "第八条 见义勇为行为由见义勇为发生地的县级以上公安机关认定。见义勇为人员有单位的，由其单位向认定机关申报；"
        "无单位的，由见义勇为发生地的公安派出所向认定机关申报。",
    )
    assert "县级以上公安机关认定" in ans.text, ans.text


def test_a_sum_asked_by_a_long_name_of_its_fee_asks_for_money() -> None:
    from assistant.answer.cues import ASKED_MONEY

    assert ASKED_MONEY.search("八十岁以上老人每年能领多少高龄津贴补助费？")
    assert not ASKED_MONEY.search("补助对象有多少人？")
