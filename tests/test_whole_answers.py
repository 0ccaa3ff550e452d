"""Answers that say the whole of what the provision says on the point asked: the act a time
limit limits, the 款 a sanction cites by number, both steps of a chained time limit, the 款 that
answers a yes-or-no question; and questions of several parts or documents answered part by part
from where each is said."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import library_of


def _one(root: Path, title: str, articles: str) -> Any:
    """An assistant over one regulation titled ``title`` with ``articles``."""
    return library_of(root, {f"{title}.md": f"# {title}\n\n{articles}"})


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return library_of(
        tmp_path_factory.mktemp("rules"),
        {
            "某省城市房屋拆迁管理条例.md": "# 某省城市房屋拆迁管理条例\n\n"
            "第一条 为了加强城市房屋拆迁管理，制定本条例。\n\n"
            "第九条 房屋拆迁管理部门应当自收到申请之日起三十日内，对符合下列条件的申请人颁发房屋拆迁许可证：\n\n"
            "（一）提交的资料齐全、合法、有效；\n\n"
            "（二）拆迁补偿安置资金足额落实到位。\n\n"
            "第十条 拆迁人应当在拆迁期限内实施房屋拆迁。\n",
            "某省渔业管理办法.md": "# 某省渔业管理办法\n\n"
            "第一条 为了加强渔业资源的保护，制定本办法。\n\n"
            "第八条 单位和个人使用水域、滩涂从事养殖生产的，应当向渔业行政主管部门提出申请。"
            "经审核符合下列条件的，由本级人民政府核发养殖证：\n\n"
            "（一）申请养殖的范围符合水域综合利用规划；\n\n"
            "（二）有相应的生产经营能力。\n\n"
            "核发养殖证，不得向申请人收取任何费用。\n",
            "某省促进科技成果转化条例.md": "# 某省促进科技成果转化条例\n\n"
            "第一条 为了促进科技成果转化，制定本条例。\n\n"
            "第十五条 高等学校应当于每年三月底前向其主管部门提交上一年度科技成果转化情况年度报告。"
            "主管部门应当对科技成果转化情况年度报告进行审核、汇总，并于四月底前报送同级科学技术部门。\n\n"
            "第十六条 高等学校应当建立科技成果转化工作机构。\n",
            "某市城镇容貌管理条例.md": "# 某市城镇容貌管理条例\n\n"
            "第一条 为了加强城镇容貌管理，制定本条例。\n\n"
            "第十八条 任何单位和个人不得在禁止区域进行露天烧烤。在其他区域进行露天烧烤经营的，应当使用无烟烧烤炉具。"
            "禁止区域由市、县人民政府确定并予公告。\n\n"
            "第三十三条 非机动车应当在允许停放的区域规范有序停放。禁止在人行道、绿地等公共场所乱停乱放。\n\n"
            "共享单车经营者应当及时整理违规停放的车辆。\n\n"
            "违反第一款规定，不按规定停放非机动车的，处以警告或者五元以上五十元以下的罚款。\n",
            "某省法律援助条例.md": "# 某省法律援助条例\n\n"
            "第一条 为了规范法律援助工作，制定本条例。\n\n"
            "第十六条 申请人对法律援助机构不予援助的决定有异议的，可以自接到通知之日起三十日内向司法行政部门提出。"
            "司法行政部门应当自收到异议之日起五个工作日内进行审查，作出书面审查意见。\n\n"
            "申请人对司法行政部门作出的书面审查意见不服的，可以自收到书面审查意见之日起六十日内向上一级司法行政部门申请复核。\n\n"
            "当事人对行政处罚决定不服的，可以依法申请行政复议。\n\n"
            "第十七条 法律援助机构应当指派律师提供法律援助。\n",
        },
    )


def test_a_time_limit_keeps_the_act_it_limits(rules: Any) -> None:
    r = rules.respond("某省房屋拆迁许可证申请后多少天内颁发？")
    assert "三十日内，对符合下列条件的申请人颁发房屋拆迁许可证" in r.text, r.text


def test_a_yes_or_no_question_is_answered_by_the_paragraph_that_says_which(rules: Any) -> None:
    r = rules.respond("某省办养殖证要交钱吗？")
    assert "不得向申请人收取任何费用" in r.text, r.text
    assert "生产经营能力" not in r.text, r.text


def test_a_paragraph_whose_sentences_each_set_the_asked_time_is_given_whole(rules: Any) -> None:
    r = rules.respond("《某省促进科技成果转化条例》对科技成果转化情况年度报告的报送时限有何规定？")
    assert "三月底前" in r.text and "四月底前" in r.text, r.text


def test_a_sanction_citing_a_paragraph_by_number_comes_with_it(rules: Any) -> None:
    r = rules.respond("某市把自行车乱停在人行道上怎么罚？")
    assert "禁止在人行道" in r.text and "五元以上五十元以下" in r.text, r.text
    assert r.text.index("禁止在人行道") < r.text.index("五元以上"), r.text


def test_who_decides_is_answered_by_the_sentence_naming_the_body(rules: Any) -> None:
    r = rules.respond("某市露天烧烤的禁止区域由谁确定？")
    assert "禁止区域由市、县人民政府确定并予公告" in r.text, r.text
    assert "无烟烧烤炉具" not in r.text, r.text


def test_a_later_part_is_answered_from_the_article_of_the_part_before(tmp_path: Path) -> None:
    a = _one(
        tmp_path,
        "某市城市供水条例",
        "第一条 为了加强城市供水管理，制定本条例。\n\n"
        "第二十条 用户需要供水企业供水、增加供水量的，应当向供水企业提出申请。供水企业应当自受理之日起十日内作出答复。\n\n"
        "第二十七条 用户应当按照规定的时间交纳水费。用户对水费有异议的，可以自接到水费催交通知之日起七日内向供水企业提出，"
        "供水企业应当进行核实并在七日内答复用户。供水企业不答复的，用户可以拒绝交纳水费。\n",
    )
    r = a.respond(
        "某市对水费有异议的话应该在几天内向供水企业提出？供水企业要在几天内答复？如果供水企业不答复怎么办？"
    )
    first, second, third = r.parts
    assert "七日内向供水企业提出" in first.text, first.text
    assert "十日内作出答复" not in second.text, second.text
    assert "拒绝交纳水费" in third.text, third.text


def test_two_named_documents_are_each_asked_every_part(tmp_path: Path) -> None:
    a = library_of(
        tmp_path,
        {
            "浙江省水土保持条例.md": "# 浙江省水土保持条例\n\n第一条 为了预防和治理水土流失，制定本条例。\n\n"
            "第三十九条 本条例自2015年3月1日起施行。《浙江省水土保持办法》同时废止。\n",
            "济南市水土保持条例.md": "# 济南市水土保持条例\n\n第一条 为了预防和治理水土流失，制定本条例。\n\n"
            "第三十六条 本条例自2017年1月1日起施行。1994年8月19日济南市第十一届人民代表大会常务委员会第九次会议通过，"
            "2002年8月22日济南市第十二届人民代表大会常务委员会第二十七次会议修订，"
            "2010年10月27日济南市第十四届人民代表大会常务委员会第二十四次会议修正的《济南市水土保持管理办法》同时废止。\n",
        },
    )
    r = a.respond("《济南市水土保持条例》和《浙江省水土保持条例》分别自何时起施行？各自同时废止了哪部法规？")
    for said in ("2017年1月1日", "济南市水土保持管理办法", "2015年3月1日", "浙江省水土保持办法"):
        assert said in r.text, (said, r.text)
    # (each document's line in the order the question names them)
    assert r.text.index("济南市") < r.text.index("浙江省"), r.text


def test_a_what_to_do_question_is_answered_by_the_paragraph_it_opens(tmp_path: Path) -> None:
    a = _one(
        tmp_path,
        "某省法律援助条例",
        "第一条 为了规范和促进法律援助工作，制定本条例。\n\n"
        "第十五条 法律援助机构受理申请后，应当在五个工作日内作出是否给予法律援助的书面决定。"
        "法律援助机构作出不予提供法律援助决定的，应当说明理由。\n\n"
        "第十六条 申请人对法律援助机构不予援助的决定有异议的，可以自接到通知之日起三十日内向司法行政部门提出。"
        "司法行政部门应当自收到异议之日起五个工作日内进行审查，作出书面审查意见。\n",
    )
    r = a.respond("某省法律援助机构不予援助，申请人有异议的怎么办？")
    assert "三十日内向司法行政部门提出" in r.text and "五个工作日内进行审查" in r.text, r.text


def test_a_duty_named_in_one_long_word_is_found_beside_sanctions() -> None:
    # the passages found are all sanctions; the one that punishes the act cites it by number
    # ("第三十九条第一项"), so the duty that names it is looked for in their documents, the
    # question's only word of its own being "随地吐痰" (the place and "处罚" are no words of a duty)
    from assistant.answer.sanctions import duty_passages
    from tests.answer.builders import Store, make_doc, passages

    d = make_doc(
        "pds",
        "第三十九条 禁止下列影响公共环境卫生的行为：\n（一）随地吐痰、便溺；\n（二）乱扔果皮、纸屑、烟头。\n"
        "第五十五条 违反第三十八条，第三十九条第一项、第二项规定的，责令立即清理；拒不清理的，处以五十元以上二百元以下罚款。\n",
        "平顶山市城市市容和环境卫生管理条例",
        city="平顶山市",
    )
    duty = d.chunk("第三十九条", "（二）乱扔果皮、纸屑、烟头。", ("第三十九条",), "第三十九条")
    fine = d.chunk("第五十五条", None, ("第五十五条",), "第五十五条")
    found = duty_passages("平顶山随地吐痰会被怎么处罚？", passages([fine]), Store(d))
    assert [p.chunk.chunk_id for p in found] == [duty.chunk_id]


def test_which_times_are_answered_by_the_lead_in_that_announces_times(tmp_path: Path) -> None:
    # its lead-in runs a whole clause before its colon; the articles around it list places, or
    # name the times only by article number
    fillers = "".join(
        f"第{n}条 燃放烟花爆竹应当遵守本条例关于时间、区域和场所的规定，{w}。\n\n"
        for n, w in (
            ("十", "其他禁止燃放烟花爆竹的时间由市人民政府确定"),
            ("十一", "禁止燃放烟花爆竹的时间应当向社会公布"),
            ("十二", "遇有重大活动，市人民政府可以临时决定禁止燃放烟花爆竹的时间"),
            ("十三", "在本条例第七条、第八条、第九条规定的时间和区域不得燃放烟花爆竹"),
            ("十四", "公安机关应当加强燃放烟花爆竹时间的监督检查"),
            ("十五", "鼓励在燃放烟花爆竹的时间内文明燃放"),
        )
    )
    a = _one(
        tmp_path,
        "某市烟花爆竹燃放管理条例",
        "第一条 为了加强烟花爆竹燃放管理，制定本条例。\n\n"
        "第七条 下列区域内禁止燃放烟花爆竹：\n\n（一）城区划定的范围；\n\n（二）森林公园。\n\n"
        "第八条 下列场所禁止燃放烟花爆竹：\n\n（一）文物保护单位；\n\n（二）医疗机构。\n\n"
        "第九条 下列时间内，本市行政区域内任何单位和个人不得燃放烟花爆竹、举办焰火晚会以及其他大型焰火燃放活动：\n\n"
        "（一）重污染天气黄色以上预警期间；\n\n（二）中考、高考期间。\n\n" + fillers,
    )
    r = a.respond("某市在哪些时间内全市都不得燃放烟花爆竹？")
    assert "重污染天气黄色以上预警期间" in r.text and "中考、高考期间" in r.text, r.text


def test_a_lead_in_may_reach_its_colon_a_clause_later() -> None:
    from assistant.intent import ASKED_LISTED, announcing
    from assistant.sentences import ENUMERATION_LEAD_IN

    lead = "第九条 下列时间内，本市行政区域内任何单位和个人不得燃放烟花爆竹、举办焰火晚会以及其他大型焰火燃放活动："
    assert ENUMERATION_LEAD_IN.search(lead)
    assert not ENUMERATION_LEAD_IN.search("下列时间内不得燃放。违反的，处罚款：")  # (not past a full stop)
    asked = ASKED_LISTED.search("某市在哪些时间内不得燃放烟花爆竹？")
    assert asked is not None and announcing(asked.group(1)).search(lead)


def test_a_question_of_what_is_allowed_is_not_answered_by_what_is_forbidden(tmp_path: Path) -> None:
    a = _one(
        tmp_path,
        "某市烟花爆竹燃放管理条例",
        "第一条 为了加强烟花爆竹燃放管理，制定本条例。\n\n"
        "第九条 下列时间内，本市行政区域内任何单位和个人不得燃放烟花爆竹：\n\n"
        "（一）重污染天气黄色以上预警期间；\n\n（二）中考、高考期间。\n",
    )
    r = a.respond("某市哪些时间允许燃放烟花爆竹？")
    assert "中考、高考期间" not in r.text, r.text


def test_by_what_rules_is_answered_by_the_lead_in_that_announces_them(tmp_path: Path) -> None:
    a = _one(
        tmp_path,
        "某省城市市容和环境卫生管理条例",
        "第一条 为了加强城市市容和环境卫生管理，制定本条例。\n\n"
        "第二十三条 环境卫生实行责任区制度。环境卫生责任区责任人按照下列规定确定：\n\n"
        "（一）聘请物业服务人的住宅小区，由物业服务人负责；\n\n"
        "（二）建设工程的施工现场，由施工单位负责；\n\n"
        "（三）公园、广场等公共场所，由经营管理单位负责。\n\n"
        "第二十四条 环境卫生责任区的具体范围和责任要求，由市容环境卫生主管部门确定，并书面告知责任人。"
        "环境卫生责任区的具体范围和责任要求确定并书面告知责任人前，由市容环境卫生主管部门负责环境卫生工作。\n\n"
        "第二十五条 环境卫生责任区的环境卫生应当符合国家和省城市环境卫生质量标准。"
        "环境卫生责任区责任人对在环境卫生责任区内发生的损害环境卫生的行为，应当予以劝阻。\n",
    )
    r = a.respond("某省城市环境卫生责任区的责任人按照什么规定确定？")
    assert "由施工单位负责" in r.text and "由物业服务人负责" in r.text, r.text


def test_an_elliptic_follow_up_is_answered_from_the_article_quoted_before(tmp_path: Path) -> None:
    a = _one(
        tmp_path,
        "某市城市供水条例",
        "第一条 为了加强城市供水管理，制定本条例。\n\n"
        "第三十条 供水企业应当保证不间断供水，不得擅自停止供水。\n\n"
        "供水企业因工程施工、设备维修等原因需停止供水的，应当提前向城市供水行政主管部门备案；"
        "连续停止供水十八小时以上的，应当经城市供水行政主管部门批准。\n\n"
        "供水企业按照前款规定的条件和程序停止供水的，应当在停止供水四十八小时前，通过报纸、广播、电视、网络等媒体"
        "或者在单元门口张贴告示等方式公告停水的原因、时间和范围。停止供水时间超过十八小时的，应当采取临时供水措施，"
        "保障居民基本生活用水。\n\n"
        "第四十九条 违反本条例规定，居民用户未按照规定交纳水费的，由城市供水行政主管部门责令限期改正；情节严重的，"
        "经市人民政府批准，可以在一定时间内停止供水。单位用户在接到水费催交通知后超过十五日无正当理由仍未交纳水费的，"
        "供水企业可以按照合同约定停止供水。\n\n"
        "停止供水的，供水企业应当提前四十八小时通知用户。用户交纳水费和违约金后，供水企业应当于二十四小时内恢复对其供水。\n",
    )
    history = [
        {"role": "user", "content": "某市供水企业因为施工要停水，需要提前多久通知居民？"},
        {
            "role": "assistant",
            "content": "根据《某市城市供水条例》第三十条，供水企业因工程施工、设备维修等原因需停止供水的，"
            "应当提前向城市供水行政主管部门备案，并应当在停止供水四十八小时前公告停水的原因、时间和范围[1]。",
        },
    ]
    r = a.respond("如果停水时间超过十八小时呢？", history=history)
    assert "采取临时供水措施" in r.text, r.text


def test_a_remedy_against_the_decision_quoted_comes_with_it(rules: Any) -> None:
    """ "还能怎么办" after a refusal: the objection, its review, and the 复核 against the review's
    outcome are one procedure; a generic appeal against a decision not quoted stays out."""
    r = rules.respond("某省法律援助机构决定不给我援助，我还能怎么办？")
    assert "六十日内向上一级司法行政部门申请复核" in r.text, r.text
    assert "行政复议" not in r.text, r.text


def test_every_rule_of_the_article_set_at_the_asked_quantity_is_given(tmp_path: Path) -> None:
    """Asked about a stoppage over 十八小时: both rules the article sets at that length."""
    a = _one(
        tmp_path,
        "某市城市供水条例",
        "第一条 为了加强城市供水管理，制定本条例。\n\n"
        "第三十条 供水企业应当保证不间断供水，不得擅自停止供水。\n\n"
        "供水企业因工程施工等原因需停止供水的，应当提前向供水主管部门备案；连续停止供水十八小时以上的，应当经供水主管部门批准。\n\n"
        "供水企业应当在停止供水四十八小时前公告停水的原因、时间和范围。停止供水时间超过十八小时的，应当采取临时供水措施，保障居民基本生活用水。\n\n"
        "第三十一条 供水企业应当建立水质检测制度。\n",
    )
    text = a.respond("某市停水如果超过十八小时呢？").text
    assert "应当经供水主管部门批准" in text and "应当采取临时供水措施" in text, text


def test_a_figure_is_not_read_from_the_record_lines_under_the_title(tmp_path: Path) -> None:
    """ "第八届…第6次会议通过" counts sessions: a question on how many may enter, which the
    regulation leaves to its management body, is not answered from it."""
    a = _one(
        tmp_path,
        "某市湿地自然保护区条例",
        "2017年10月24日 某市第八届人民代表大会常务委员会第6次会议通过并经2017年12月1日某省第十二届"
        "人民代表大会常务委员会第三十三次会议批准的《关于修改〈某市湿地自然保护区条例〉的决定》修正\n\n"
        "第一条 为了加强某市湿地自然保护区的保护和管理，制定本条例。\n\n"
        "第六条 某市湿地自然保护区管理机构负责自然保护区的具体管理工作。\n\n"
        "第三十条 自然保护区管理机构应当根据总量控制标准，科学确定阶段性进入自然保护区的人数上限，并对外发布。\n",
    )
    r = a.respond("某市湿地自然保护区最多能进多少人？").answer
    assert r.abstained or "人数上限" in r.text, r.text
    assert "第6次会议" not in r.text, r.text


def test_each_thing_asked_about_separately_gets_the_paragraph_on_it(tmp_path: Path) -> None:
    """ "核心区、缓冲区、实验区分别能干什么": the 款 on each zone, not only the sentence naming all."""
    a = _one(
        tmp_path,
        "某市湿地自然保护区条例",
        "第一条 为了加强湿地自然保护区的保护和管理，制定本条例。\n\n"
        "第十一条 自然保护区分为核心区、缓冲区、实验区三个功能区，实行分区管理。\n\n"
        "核心区内，除经依法批准从事科学研究的人员外，禁止任何单位和个人进入。\n\n"
        "缓冲区内，经依法批准可以从事科学研究、教学实习、调查观测和采集标本活动。\n\n"
        "实验区内，经依法批准可以从事参观考察、旅游和适当的生产经营活动。\n\n"
        "第十二条 自然保护区管理机构应当建立巡护制度。\n",
    )
    text = a.respond("某市湿地自然保护区的核心区、缓冲区、实验区分别能干什么？").text
    assert "禁止任何单位和个人进入" in text and "采集标本" in text and "参观考察" in text, text
