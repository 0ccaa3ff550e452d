"""Multi-part questions are split at question boundaries only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.parts import split_parts


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("工作专班的召集人由谁担任？副召集人呢？", ["工作专班的召集人由谁担任？", "副召集人呢？"]),
        ("许可证有效期几年？最晚何时申请延续？", ["许可证有效期几年？", "最晚何时申请延续？"]),
        ("申报门槛是多少，达不到怎么处理？", ["申报门槛是多少？", "达不到怎么处理？"]),
        ("对在一级保护区游泳的，怎么处罚？", ["对在一级保护区游泳的，怎么处罚？"]),
        ("济源2024年PM2.5浓度目标是多少？", ["济源2024年PM2.5浓度目标是多少？"]),
        # a closing 呢 before a comma sets the topic of the question after it
        ("那夜间施工呢，需要审批吗？", ["那夜间施工呢，需要审批吗？"]),
        ("夜间施工呢，谁来审批？几天内批？", ["夜间施工呢，谁来审批？", "几天内批？"]),
        (
            "《某条例》什么时候施行？违反第十条的归谁管、怎么罚？",
            ["《某条例》什么时候施行？", "违反第十条的归谁管、怎么罚？"],
        ),
        # two questions joined by an enumeration comma; a condition before them stays with the first
        ("证件有效期几年、期满前多久申请换证？", ["证件有效期几年？", "期满前多久申请换证？"]),
        (
            "施工中发现文物报告后，文物部门多长时间内赶到现场、几天内提出处理意见？",
            ["施工中发现文物报告后，文物部门多长时间内赶到现场？", "几天内提出处理意见？"],
        ),
        # things listed before one question, a document's records, one sanction's clauses
        ("哪些单位、哪些个人需要办理登记？", ["哪些单位、哪些个人需要办理登记？"]),
        # "哪几天" asks which days of what the next ask says
        ("春节期间哪几天、几点到几点允许燃放？", ["春节期间哪几天、几点到几点允许燃放？"]),
        ("城区哪些路段、哪些时段禁止鸣喇叭？", ["城区哪些路段、哪些时段禁止鸣喇叭？"]),
        ("这部条例是哪个机关通过、谁批准的？", ["这部条例是哪个机关通过、谁批准的？"]),
        # a chapter named by its number, then a provision of it: two parts; what stands under a
        # part just asked is asked with it
        (
            "《某条例》第二章叫什么？这章对施工扬尘有何要求？",
            ["《某条例》第二章叫什么？", "这章对施工扬尘有何要求？"],
        ),
        ("那份方案的最后一块是什么？其下设了哪几项？", ["那份方案的最后一块是什么？其下设了哪几项？"]),
        ("逾期不改正怎么罚、情节严重的怎么罚？", ["逾期不改正怎么罚、情节严重的怎么罚？"]),
        ("涂改、伪造专用标识的罚多少？", ["涂改、伪造专用标识的罚多少？"]),
        # "这章…", "分别叫什么" ask of what the part before finds: one part with it
        (
            "讲法律责任的是哪一章？这章分几节？",
            ["讲法律责任的是哪一章？这章分几节？"],
        ),
        (
            "这份要点正文分几个部分？分别叫什么？什么时候印发的？",
            ["这份要点正文分几个部分，分别叫什么？", "什么时候印发的？"],
        ),
        # a question of alternatives asks, though it holds no question word
        (
            "排污费按年缴还是按月缴？按月缴的，月底后几天内缴清？",
            ["排污费按年缴还是按月缴？", "按月缴的，月底后几天内缴清？"],
        ),
    ],
)
def test_split_parts(question: str, parts: list[str]) -> None:
    assert split_parts(question) == parts


def test_a_statement_before_a_question_is_not_a_part() -> None:
    q = "根据条例规定。请问罚款多少？"
    assert split_parts(q) == [q]


def test_how_long_asks() -> None:
    assert split_parts("规划期一般多长？批准后多久要公布？") == ["规划期一般多长？", "批准后多久要公布？"]


def test_an_a_not_a_question_is_a_part() -> None:
    assert split_parts("城区能不能鸣喇叭？夜间怎么示意？") == ["城区能不能鸣喇叭？", "夜间怎么示意？"]


def test_a_negated_duty_asked_for_its_sanction_breaks_the_part_before() -> None:
    from assistant.elliptic import breaches_previous

    duty = "根据《某条例》第十四条，使用单位应当每月报告使用情况[1]。"
    assert breaches_previous("不报告的怎么罚？", duty)
    assert not breaches_previous("不报告的怎么罚？", "处一万元以上五万元以下的罚款[1]。")
    # an act done without a step ("没经批准就占用的") is an offence of its own
    approved = "根据《某办法》第十六条，经批准占用耕地的，应当负责开垦相当的耕地[1]。"
    assert not breaches_previous("没经批准就占用耕地的，罚多少？", approved)


def test_how_fast_asks_and_splits_a_question() -> None:
    assert split_parts("手扶拖拉机最高能开多快？运危险品的车在高速公路上限速多少？") == [
        "手扶拖拉机最高能开多快？",
        "运危险品的车在高速公路上限速多少？",
    ]


def test_a_part_opening_with_a_prepositional_question_has_the_previous_parts_subject() -> None:
    from assistant.elliptic import is_fragment, is_subjectless

    # "从什么时候起算？", "向哪个机关申请？": what starts or who receives is asked of the part before
    assert is_subjectless("从什么时候起算？") and is_fragment("从什么时候起算？")
    assert is_subjectless("向哪个机关申请？")
    assert not is_subjectless("在山东，失信记录最长公开几年？")


def test_a_negated_part_is_asked_of_every_article_the_part_before_cites(tmp_path: Path) -> None:
    from tests.conftest import library_of

    a = library_of(
        tmp_path,
        {
            "某市电动自行车管理规定.md": "# 某市电动自行车管理规定\n第一条 为了加强电动自行车管理，制定本规定。\n\n"
            "第九条 未列入产品目录的电动自行车，不得在市区销售和登记上牌。\n\n"
            "第十条 电动自行车经公安机关交通管理部门登记，取得行驶证并悬挂号牌后，方可上道路行驶。\n\n"
            "第三十一条 违反本规定第九条规定，销售未列入产品目录的电动自行车的，由市场监督管理部门处一千元罚款。\n\n"
            "第三十二条 违反本规定第十条规定的，由公安机关交通管理部门处五十元罚款。\n",
        },
    )
    r = a.respond("某市电动自行车要登记吗？不登记上路怎么罚？")
    first, second = r.parts
    cited = {c.section_number for c in first.citations}
    assert {"第九条", "第十条"} <= cited, cited
    assert "五十元罚款" in second.text, second.text


def test_a_case_asked_with_its_own_question_mark_is_one_question_with_the_next() -> None:
    # "要是…呢？" only sets the case the next question asks about
    assert split_parts("要是企业一直拖着不回复呢？会怎么处理？") == ["要是企业一直拖着不回复呢？会怎么处理？"]
    # an elliptic part after a question is still a part of its own
    assert split_parts("组长由谁担任？副组长呢？") == ["组长由谁担任？", "副组长呢？"]
    # "那…呢？" followed by a question that names a matter of its own is a part of its own
    assert split_parts("那乱贴广告呢？乱摆摊又怎么罚？") == ["那乱贴广告呢？", "乱摆摊又怎么罚？"]
    # the formal "有何…" asks as "有什么…" does
    assert split_parts("《某市条例》对公共场所的消防检查有何要求？逾期未检查的如何处罚？") == [
        "《某市条例》对公共场所的消防检查有何要求？",
        "逾期未检查的如何处罚？",
    ]


_BRAVERY = (
    "# 某市保护和奖励见义勇为人员条例\n\n"
    "2002年8月29日某市第十一届人民代表大会常务委员会第三十次会议通过\n\n"
    "第一条 为了弘扬社会正气，制定本条例。\n\n"
    "第八条 见义勇为行为由见义勇为发生地的县级以上公安机关认定。见义勇为人员有单位的，由其单位向认定机关申报。\n\n"
    "见义勇为认定机关应当在接到申报或者举荐之日起三十日内作出确认。\n\n"
    "第十条 救治见义勇为人员的医疗费用，本人参加工伤保险的，由工伤保险机构支付。\n\n"
    "第十二条 市、县人民政府应当设立见义勇为奖励基金，基金来源包括财政拨款和社会捐赠。\n"
)


def test_a_later_part_that_finds_nothing_alone_asks_about_the_part_before(tmp_path: Path) -> None:
    from tests.conftest import library_of

    a = library_of(tmp_path, {"某市见义勇为条例.md": _BRAVERY})
    text = a.respond("某市见义勇为由哪个部门来认定？多少天内要给出结论？").text
    assert "公安机关认定" in text and "三十日内" in text, text


_ELECTION = (
    "# 某省县乡两级人民代表大会代表选举实施细则\n第一条 为了做好县乡两级人民代表大会代表选举工作，制定本细则。\n\n"
    "第十五条 县、乡两级人民代表大会代表的名额，按以下规定确定：\n\n"
    "（一）县的代表名额基数为一百四十名，每五千人可以增加一名代表；\n\n"
    "（二）乡、镇的代表名额基数为四十五名，每一千五百人可以增加一名代表。\n"
)


def test_a_part_that_found_nothing_across_the_library_is_asked_again_in_the_document_a_later_part_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from assistant.route import Router
    from tests.conftest import library_of

    a = library_of(tmp_path, {"某省县乡两级人民代表大会代表选举实施细则.md": _ELECTION})
    single = Router._single

    def across_the_library_finds_nothing(
        self: Router, question: str, qa: Any, history: Any, doc_ids: Any
    ) -> Any:
        # as in a large library, where other documents' passages crowd the first part out
        found = single(self, question, qa, history, doc_ids)
        if "基数" in question and doc_ids is None:
            found.answer = dataclasses.replace(found.answer, abstained=True, citations=[], text="未找到")
        return found

    monkeypatch.setattr(Router, "_single", across_the_library_finds_nothing)
    r = a.respond("县的代表名额基数是多少？每多少人可以增加一名代表？")
    first, _ = r.parts
    assert not first.abstained and "一百四十名" in first.text, first.text


_RETURNS = """# 某省消费者权益保护条例
第二十八条 经营者提供商品或者服务，应当明码标价。

第二十九条 经营者采用网络、电视、电话、邮购等方式销售商品，消费者有权自收到商品之日起七日内退货，且无需说明理由。

经营者应当自收到消费者退货要求之日起十五日内办理退货手续；十五日内未办理退货手续的，视为故意拖延。

消费者退回商品应当同时退回该次消费获得的奖赠品或者奖赠品的等值价款，退回商品的运费由消费者承担。另有约定的，从其约定。

第三十条 经营者以格式条款与消费者订立合同的，应当以显著方式提请消费者注意。

第四十一条 经营者运输商品的，运输费用由经营者承担。
"""


def test_a_later_part_is_answered_beside_the_earlier_parts_answer(tmp_path: Path) -> None:
    from tests.conftest import library_of

    a = library_of(tmp_path, {"某省消费者权益保护条例.md": _RETURNS})
    text = a.respond("网购想七天无理由退货，商家多久不给办就算故意拖延？退货运费谁出？").text
    assert "视为故意拖延" in text and "退回商品的运费由消费者承担" in text, text


_ASSEMBLY = """# 某省集会游行示威法实施办法
第二十三条 集会、游行、示威应当和平地进行，不得携带武器。

第二十四条 国宾下榻处、重要军事设施、航空港、火车站周边距离十米至三百米内，不得举行集会、游行、示威。经省人民政府批准的除外。

第二十五条 举行集会、游行、示威的时间限于早六时至晚十时。经当地人民政府决定或者批准的除外。

第二十六条 主管机关应当派出人民警察维持交通秩序和社会秩序。
"""


def test_an_unanswered_part_is_read_beside_the_article_another_part_was_answered_from(tmp_path: Path) -> None:
    from tests.conftest import library_of

    a = library_of(tmp_path, {"某省集会游行示威法实施办法.md": _ASSEMBLY})
    text = a.respond("集会一天中只能在什么时段举行？火车站周边多大范围内不准举行集会？").text
    assert "十米至三百米" in text and "早六时至晚十时" in text, text


def test_the_articles_beside_an_answered_one_are_read_only_when_asked_for() -> None:
    from assistant.route import _answered_articles
    from assistant.schema import Answer, Citation

    cite = Citation(1, "doc", "某办法", None, [], "第五章.第二十四条", "…", 0, 1, "doc#0")
    answered = [("第二问", Answer(question="", text="…[1]", citations=[cite], passages=[]))]
    assert _answered_articles(answered) == [("doc", "第二十四条")]
    assert _answered_articles(answered, beside=True) == [
        ("doc", "第二十四条"),
        ("doc", "第二十三条"),
        ("doc", "第二十五条"),
    ]
    refused = [("第一问", Answer(question="", text="未找到", citations=[cite], passages=[], abstained=True))]
    assert _answered_articles(refused, beside=True) == []


_LAKE = (
    "# 某省某湖水域保护条例\n第一条 为了保护某湖水域，制定本条例。\n\n"
    "第十四条 某湖水域保护范围内自来水厂取水口周围半径一百五十米内的水域，禁止种菱、网箱养鱼。\n\n"
    "第十五条 禁止在某湖水域倾倒垃圾。\n\n"
    "第十七条 违反本条例规定，有关法律、法规已有行政处罚规定的，从其规定。\n\n"
    "在某湖水域保护范围内违反规定从事种菱、网箱养鱼或者畜禽养殖等活动的，由环境保护部门责令限期改正；"
    "逾期不改正的，强制拆除，并处一万元以下的罚款。\n"
)


def test_a_breach_part_takes_the_sanction_that_describes_the_act(tmp_path: Path) -> None:
    # no sanction cites 第十四条 by number: the one naming the act answers
    from tests.conftest import library_of

    a = library_of(tmp_path, {"某省某湖水域保护条例.md": _LAKE})
    text = a.respond("某湖取水口周围多大范围内不准网箱养鱼？要是违规养殖，逾期不改的罚多少？").text
    assert "一百五十米" in text and "一万元以下" in text, text


def test_a_part_opening_with_the_step_after_the_one_before_is_about_its_matter() -> None:
    from assistant.elliptic import is_fragment, without_step

    assert is_fragment("办下来以后多久要公示？")
    assert without_step("那办下来以后，多久要公示？") == "多久要公示？"
    # a place or a matter of its own before "以后" is not a step
    assert not is_fragment("城市建成区以后要做什么？")
    assert without_step("城市建成区以后要做什么？") == "城市建成区以后要做什么？"
    # nor is one after which nothing but the ask is left: the step is what is asked about
    assert without_step("证照到期以后需要做什么？") == "证照到期以后需要做什么？"


def test_the_step_after_which_a_later_part_asks_is_read_as_the_part_before(tmp_path: Path) -> None:
    """ "…多少天内能批？办下来以后几天内要公告？": the notice after the licence is issued, though
    the provision says 核发 and not the asker's 办下来."""
    from tests.conftest import library_of

    a = library_of(
        tmp_path,
        {
            "某省城市房屋拆迁管理条例.md": "# 某省城市房屋拆迁管理条例\n\n"
            "第一条 为了加强城市房屋拆迁管理，制定本条例。\n\n"
            "第九条 房屋拆迁管理部门应当自收到申请之日起三十日内，对符合条件的申请人颁发房屋拆迁许可证。\n\n"
            "第十条 房屋拆迁管理部门应当自房屋拆迁许可证核发之日起五日内，以房屋拆迁公告的形式予以公布。\n\n"
            "第十四条 自拆迁公告公布之日起，拆迁范围内暂停办理相关手续。暂停期限最长不得超过十二个月；"
            "需要延长暂停期限的，必须经房屋拆迁管理部门批准。\n",
        },
    )
    text = a.respond("在某省搞房屋拆迁，拆迁许可证递上申请后多少天内能批？办下来以后几天内要公告？").text
    assert "三十日内" in text and "核发之日起五日内" in text, text


_RECYCLING = """# 某市再生资源回收利用管理条例

第一条 为了规范再生资源回收利用活动，制定本条例。

第十二条 再生资源回收经营者应当在取得营业执照后三十日内，向工商登记地再生资源回收管理部门备案。

第十四条 再生资源回收经营者应当如实登记收购的物品，登记资料保存期限不得少于两年。

第二十五条 再生资源回收经营者违反本条例第十二条规定未备案的，由再生资源回收管理部门责令限期改正。
"""


def test_a_fragment_the_earlier_answer_already_answers_points_to_it(tmp_path: Path) -> None:
    """ "期限多长？" after an answer that states the time limit: that answer, not the 保存期限 of
    another article; "不备案会怎样？" asks the sanction of the duty just quoted."""
    from tests.conftest import library_of

    a = library_of(tmp_path, {"某市再生资源回收利用管理条例.md": _RECYCLING})
    text = a.respond("在某市开废品回收站，拿到营业执照后还要去哪里备案？期限多长？不备案会怎样？").text
    assert "（2）" in text and "见（1）" in text, text
    assert "保存期限" not in text, text
    assert "责令限期改正" in text, text


def test_an_act_done_against_the_rule_is_the_act_just_asked_about() -> None:
    from assistant.elliptic import is_fragment, names_breach

    part = "擅自盖了要承担什么责任？"
    assert names_breach(part) and is_fragment(part)
    assert not is_fragment("擅自砍伐道路两旁的行道树会受什么处理？")


def test_a_breach_part_is_answered_with_the_act_the_part_before_asked(tmp_path: Path) -> None:
    from tests.conftest import library_of

    a = library_of(
        tmp_path,
        {
            "park.md": "# 临江市湿地公园条例\n第九条 禁止在湿地公园内新建宾馆、度假村。\n\n"
            "第三十条 违反本条例规定，在湿地公园内新建宾馆、度假村的，由林业主管部门责令拆除，"
            "处十万元以上五十万元以下罚款。\n",
        },
    )
    text = a.respond("临江湿地公园里能不能新建度假村？擅自盖了要罚多少？").answer.text
    assert "十万元以上五十万元以下" in text


def test_a_closing_ask_to_compare_the_places_named_before_is_no_part_of_its_own() -> None:
    q = "浙江和山东的养犬登记证有效期多长？规定有什么不同？"
    assert split_parts(q) == [q]
    # one place named: the ask is a question of its own, as written
    assert len(split_parts("浙江的养犬登记证有效期多长？规定有什么不同？")) == 2


@pytest.mark.parametrize("part", ["超期不动工怎么处罚？", "过期不开工的怎么罚？", "超过期限不申请的怎么罚？"])
def test_a_duty_left_undone_past_its_time_asks_the_sanction_of_the_part_before(part: str) -> None:
    from assistant import elliptic

    assert elliptic.breaches_previous(part, "应当自领取采矿许可证之日起一年内进行建设或者生产")
