"""A "哪些" question also ranks the enumerations of the documents it finds first."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import library_of

_BANS = [
    "清洗车辆、宠物",
    "种植农作物",
    "放养畜禽",
    "使用木筏、橡皮艇",
    "倾倒垃圾、渣土",
    "取土、挖砂",
    "烧烤、野炊",
]
_RIVER = (
    "某市清水河保护条例\n第一条 为了保护清水河，制定本条例。\n"
    "第五条 清水河保护管理区域内的河道应当保持畅通，保护管理区域内的设施由管理机构维护。\n"
    "第六条 保护管理区域内的绿化由园林部门负责，保护管理区域内的环境卫生由环卫部门负责。\n"
    "第三十条 在清水河保护管理区域内，除法律、法规另有规定外，禁止从事下列活动：\n"
    + "".join(f"（{n}）{t}；\n" for n, t in zip("一二三四五六七", _BANS, strict=True))
)


def test_the_enumeration_of_a_document_found_first_ranks_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.retrieve as retrieve

    a = library_of(tmp_path, {"某市清水河保护条例.md": _RIVER})
    qa, _ = a.analyse("清水河保护管理区域内，哪些事情是明令不准干的？")
    assert qa.intent == "list"

    def first() -> str:
        return a.retriever.retrieve(qa, k=3)[0].chunk.section_number

    assert first() == "第三十条"
    monkeypatch.setattr(retrieve, "LIST_WEIGHT", 0.0)
    assert first() != "第三十条"  # the keyword counts alone put the shorter text first


def test_a_question_for_requirements_is_not_answered_by_any_enumeration(tmp_path: Path) -> None:
    """ "…有什么要求" asks what a provision requires: the article that matches it ranks first, not
    the document's enumeration."""
    from assistant.vocab import vocabulary

    a = library_of(tmp_path, {"某市清水河保护条例.md": _RIVER})
    qa, _ = a.analyse("清水河保护管理区域内的环境卫生有什么要求？")
    assert qa.intent == "list"
    assert not any(w in qa.search for w in vocabulary().enumeration_asks)
    assert "环境卫生由环卫部门负责" in a.retriever.retrieve(qa, k=3)[0].chunk.text


_DUTIES = ["宣传教育", "监督检查", "举报投诉", "信息公开", "行业自律", "志愿服务", "社会参与", "表彰奖励"]
_RULES = (
    "# 某市养犬管理条例\n\n"
    "2019年8月30日某市第十五届人民代表大会常务委员会第二十二次会议通过\n\n"
    "2019年9月27日某省第十三届人民代表大会常务委员会第十四次会议批准\n\n"
    + "".join(
        f"第{n}条 养犬{w}的具体事项，由养犬管理部门会同有关部门拟订方案，经会议研究后报批准。"
        f"{w}方案应当明确工作目标、责任分工和保障措施，向社会公开，接受监督。\n\n"
        for n, w in zip("一二三四五六七八", _DUTIES, strict=True)
    )
)


def test_a_record_question_finds_the_preamble_that_states_it(tmp_path: Path) -> None:
    """ "哪次会议批准的" shares only the title with the preamble, which every article of the
    document matches as well: the preamble line that states the record comes first."""
    a = library_of(tmp_path, {"某市养犬管理条例.md": _RULES})
    first = a.retrieve("《某市养犬管理条例》是哪次会议批准的？", k=3)[0]
    assert "第十四次会议批准" in first.chunk.text


def test_a_question_for_which_documents_exist_retrieves_their_records(tmp_path: Path) -> None:
    """ "有哪些城市制定了…条例" is searched in the catalogue: the passages are the record lines
    of the documents it lists, not articles that mention the topic."""

    def regulation(title: str, adopted: str, topic: str) -> str:
        return f"# {title}\n\n{adopted}通过\n\n" + "".join(
            f"第{n}条 {topic}工作应当坚持预防为主、综合治理，落实{w}责任。\n\n"
            for n, w in zip("一二三", ("属地", "部门", "单位"), strict=True)
        )

    a = library_of(
        tmp_path,
        {
            "德州市扬尘污染防治条例.md": regulation(
                "德州市扬尘污染防治条例", "2018年12月27日", "扬尘污染防治"
            ),
            "滨州市扬尘污染防治条例.md": regulation(
                "滨州市扬尘污染防治条例", "2019年11月1日", "扬尘污染防治"
            ),
            "德州市大气污染防治条例.md": regulation("德州市大气污染防治条例", "2019年6月1日", "扬尘污染防治"),
        },
    )
    found = a.retrieve("山东省有哪些城市制定了扬尘污染防治条例？", k=5)
    assert sorted(p.chunk.meta.title for p in found) == ["德州市扬尘污染防治条例", "滨州市扬尘污染防治条例"]
    assert all("通过" in p.chunk.text for p in found)


def test_of_two_units_about_as_good_the_one_listing_more_items_answers_a_list_question() -> None:
    from assistant.answer.candidates import Candidate
    from assistant.answer.lists import richer_list
    from assistant.sentences import Unit
    from tests.answer.builders import make_doc, passages

    short = "第二十五条 重污染天气时，可以采取限制部分机动车行驶等临时应急措施。"
    full = "第十九条 重污染天气时，可以采取责令企业限产或者停产、限制部分机动车辆行驶、禁止燃放烟花爆竹、停止露天烧烤等应急措施。"
    cands = []
    for i, (text, score) in enumerate(((short, 0.87), (full, 0.84))):
        d = make_doc(f"d{i}", text, f"某市条例{i}", province="山东省", city="某市")
        (p,) = passages([d.chunk(text[:4])])
        cands.append(Candidate(p, 0, Unit(0, len(text), "paragraph"), text, "", score=score))
    assert richer_list(cands, cands[0]) is cands[1]
    # one that scores clearly lower does not
    cands[1].score = 0.7
    assert richer_list(cands, cands[0]) is cands[0]


def test_a_lead_in_of_items_is_not_replaced_by_a_unit_citing_several_articles() -> None:
    from assistant.answer.candidates import Candidate
    from assistant.answer.lists import richer_list
    from assistant.sentences import Unit
    from tests.answer.builders import make_doc, passages

    def unit(i: int, text: str, score: float) -> Candidate:
        d = make_doc(f"d{i}", text, "某市烟花爆竹燃放管理条例", province="山东省", city="某市")
        (p,) = passages([d.chunk(text[:4])])
        return Candidate(p, 0, Unit(0, len(text), "paragraph"), text, "", score=score)

    # a lead-in introduces its own items, however many 、 a rival has
    lead = unit(0, "第八条 第七条规定的区域之外的下列场所，禁止燃放烟花爆竹：", 0.87)
    rival = unit(1, "第十三条 在第七条规定的禁燃区域、场所、时间、地点之外燃放的，应当确保安全。", 0.86)
    assert richer_list([lead, rival], lead) is lead
    # the 、 between the articles a unit cites are no items
    plain = unit(2, "第九条 燃放烟花爆竹应当遵守安全规定。", 0.87)
    cites = unit(3, "第十四条 违反第七条、第八条、第九条、第十条规定燃放的，由公安机关处理。", 0.86)
    assert richer_list([plain, cites], plain) is plain
    assert richer_list([plain, rival], plain) is rival


_EMERGENCY = (
    "# 某市院前急救条例\n\n"
    "第一条 为了规范院前急救，制定本条例。\n\n"
    "第十一条 市急救指挥中心应当履行下列职责：\n\n（一）组织急救网络和调度；\n\n（二）储备应急物资；\n\n"
    "（三）实行二十四小时值班制度。\n\n"
    "第十四条 急救站应当履行下列职责：\n\n（一）服从市急救指挥中心的调度，负责完成急救工作；\n\n"
    "（二）定期向市急救指挥中心报告工作；\n\n（三）负责配合市急救指挥中心开展培训工作。\n"
)
_AUDIT = (
    "# 某市建设项目审计条例\n\n"
    "第一条 为了加强建设项目审计监督，制定本条例。\n\n"
    "第七条 实行开工前审计的建设项目，建设单位在办理开工手续前，应当向审计机关申请开工前审计。\n\n"
    "第八条 建设项目开工前审计的内容为：\n\n（一）是否列入年度投资计划；\n\n（二）建设资金是否落实；\n\n"
    "（三）建设规模是否与批准的方案相符。\n\n"
    "第九条 建设单位申请建设项目开工前审计，应当报送下列资料：\n\n（一）投资计划批准文件；\n\n（二）资金到位证明。\n"
)


def test_a_list_question_is_answered_by_the_enumeration_whose_lead_in_names_its_subject(
    tmp_path: Path,
) -> None:
    """The 急救站's duties name the 指挥中心 in every item, so the article scores best on the words
    of "指挥中心负责哪些工作"; the list asked for is the one the 指挥中心's own lead-in introduces."""
    a = library_of(tmp_path, {"某市院前急救条例.md": _EMERGENCY})
    text = a.ask("某市的急救指挥中心要负责哪些工作？").text
    assert "市急救指挥中心应当履行下列职责" in text and "储备应急物资" in text
    assert "服从市急救指挥中心的调度" not in text


def test_a_lead_in_that_announces_the_asked_thing_without_saying_which_follow(tmp_path: Path) -> None:
    """ "…的内容为：（一）…" introduces its items as "下列…：" does, and it announces the 内容 a
    question asks for; the lead-in stays the head of the list."""
    a = library_of(tmp_path, {"某市建设项目审计条例.md": _AUDIT})
    text = a.ask("某市对建设项目搞开工前审计，审计机关主要审查哪几项内容？").text
    assert "开工前审计的内容为" in text and "建设资金是否落实" in text and "资金到位证明" not in text
    assert "开工前审计的内容为[1]：\n1. 是否列入年度投资计划" in text


def test_the_class_a_list_question_says_its_items_belong_to_is_announced_by_a_lead_in() -> None:
    from assistant.answer.lists import _announces, _asked

    asked = _asked("某市哪些水域属于禁渔区？")
    assert "渔区" in asked
    assert any(_announces("第十二条 下列水域为禁渔区：", t) for t in asked)
    assert not any(_announces("第十一条 渔业规划应当包括下列内容：", t) for t in asked)
    assert _asked("审查哪几项内容？") == ["内容"] and _announces("第八条 审计的内容为：", "内容")


def test_only_a_list_of_offences_is_kept_out_of_the_enumerations_ranked() -> None:
    """A sanction's list of offences answers no "哪些" question about duties; a list of duties
    whose items or closing 款 use a sanction's word ("处分和处理职工的情况", "违反前款…处…罚款")
    is still one."""
    from assistant.vocab import sanction_list_pattern

    offences = (
        "有下列行为之一的，由城市管理部门责令改正，处二千元以上二万元以下罚款：",
        "违反本条例规定，有下列行为之一的，按照下列规定处理：",
    )
    for lead in offences:
        assert sanction_list_pattern().search(lead), lead
    duties = (
        "非公有制企业应当公开下列事项：\n（一）企业制订的规章制度；\n（二）处分和处理职工的情况及理由；",
        "运输单位应当遵守下列规定：\n（一）按规定的时间、路线行驶；\n违反前款第一项规定的，处五百元以上五千元以下罚款。",
    )
    for text in duties:
        assert not sanction_list_pattern().search(text), text
