"""Each thing a question asks is answered by the provision that says it, in full: a closing request
for a few of the items listed ("请列举几项") or for the source ("请注明出自哪一条") is no question of
its own; the cases "会被问责" are
the 法律责任 chapter's; a follow-up asking when to resume reads the sentence on resuming, not the
list of cases its context repeats; a cost is
borne by whoever the provision names ("由肇事者支付"); "能不能…" is answered by the clause that
forbids it; a bound of another thing than the one asked ("包裹单件重量不超过十千克" for "快递丢了
最多赔多少") is no answer, and an offence named in general words ("违法行为") is the one a provision
names in its own ("违反行政管理秩序的行为"); an act done on one's own ("私装") asks its consequence; a case set before two asks
("要是不满意，可以向谁申诉，多久答复") is read with each; "多粗" asks; two places named by their
documents' titles and asked to compare are the question before, asked of each.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.intent import detect_intent
from assistant.parts import split_parts, without_requests
from tests.conftest import library_of_texts

_TRADING = """# 鹤壁市公共资源交易管理条例

2020年6月1日 河南省第十三届人民代表大会常务委员会第十八次会议批准

第一条 为了规范公共资源交易活动，制定本条例。

第八条 下列项目应当进入公共资源交易平台交易：

（一）依法必须招标的工程建设项目；

（二）政府采购项目；

（三）国有产权转让项目。

第二十条 有下列情形之一的，应当暂停交易：

（一）公共资源交易电子系统发生故障且其他备用方案无法弥补，导致交易不能进行的；

（二）因不可抗力致使公共资源交易不能进行的；

（三）交易期间发现公共资源交易项目权属有争议的；

（四）其他依法应当暂停交易的情形。

暂停交易的情形消除后，应当及时恢复交易。

第二十一条 交易监督人员进行检查时，有权采取下列措施：

（一）查阅、复制有关文件和资料；

（二）询问有关人员。

被检查单位拒不改正违法行为的，经交易监督机构负责人批准，可以暂扣有关交易设备。

第三十条 交易服务机构有下列情形之一的，由主管部门责令改正，通报批评；对直接负责的主管人员依法给予处分：

（一）未按照规定公开交易信息的；

（二）违规收取费用的。

第三十一条 交易服务机构工作人员有下列情形之一的，由交易服务机构依法给予处理：

（一）泄露评标信息的；

（二）滥用职权的。
"""

_FORESTS = """# 鹤壁市森林防火条例

2019年3月1日 河南省第十三届人民代表大会常务委员会第九次会议批准

第一条 为了预防和扑救森林火灾，制定本条例。

第十九条 森林火灾扑救费用按照下列规定承担：

（一）专业森林消防队扑救本地、本单位森林火灾的费用，由组建单位承担；跨区域、跨单位扑救的，扑救费用由火灾发生地人民政府支付；

（二）村民参加扑救的误工费用，由引起火灾的责任人支付；责任人不明的，由起火单位支付；

（三）扑救人员的医疗费、抚恤费，按照国家有关规定办理。

第二十五条 林业主管部门应当为专业森林消防队员投保人身意外伤害保险。村民护林员的保险费用，由县级人民政府给予补助。
"""

_POSTAL = """# 鹤壁市邮政条例

2017年5月1日 河南省第十二届人民代表大会常务委员会第二十九次会议批准

第一条 为了保障邮政普遍服务，制定本条例。

第二十条 邮政企业应当对信件、单件重量不超过五千克的印刷品、单件重量不超过十千克的包裹的寄递以及邮政汇兑按照国家规定的标准提供邮政普遍服务。

第三十条 快递企业不得擅自中断快递业务。
"""

_FINE_LIMITS = """# 鹤壁市政府规章设定罚款限额规定

2018年1月1日 河南省第十三届人民代表大会常务委员会第二次会议批准

第一条 为了规范政府规章设定罚款，制定本规定。

第三条 尚未制定法律、法规的，政府规章对违反行政管理秩序的行为设定罚款的限额为十万元。
"""

_LAKES = """# 鹤壁市湖泊保护条例

2019年1月1日 河南省第十三届人民代表大会常务委员会第八次会议批准

第一条 为了保护湖泊，制定本条例。

第四十条 违反本条例规定，法律、法规已有处罚规定的，从其规定；未经批准在湖泊保护范围内建设的，由水行政主管部门责令停止违法行为，处一万元以上五万元以下罚款。
"""

_NURSERY = """# 鹤壁市学前教育条例

2018年9月1日 河南省第十三届人民代表大会常务委员会第五次会议批准

第一条 为了促进学前教育发展，制定本条例。

第十二条 学前教育机构招生应当公开进行。

学前教育机构的招生计划应当经教育行政部门核定。

学前教育机构的招生方案应当报教育行政部门备案。教育行政部门应当对公办幼儿园和普惠性民办幼儿园的招生范围进行指导和监督。

学前教育机构的招生简章应当真实，并在发布前报教育行政部门备案。

学前教育机构招生不得组织任何形式的考试或者测查。
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return library_of_texts(
        tmp_path_factory.mktemp("in_full"), _TRADING, _FORESTS, _NURSERY, _POSTAL, _FINE_LIMITS, _LAKES
    )


def test_a_request_for_a_few_items_or_the_source_is_answered_by_the_list(lib: Any) -> None:
    assert without_requests("哪些项目要进平台？请列举几项。") == "哪些项目要进平台？"
    assert without_requests("有哪些禁止行为，举几个例子") == "有哪些禁止行为？"
    # (a later question of its own stays)
    assert without_requests("有哪些措施？违反了怎么罚？") == "有哪些措施？违反了怎么罚？"
    # (nor is one for the source every answer cites)
    assert without_requests("哪些项目要进平台？请注明出自哪一条。") == "哪些项目要进平台？"
    answer = lib.respond("鹤壁哪些项目必须进入公共资源交易平台？举几类。").answer
    assert not answer.abstained and "文件中未找到" not in answer.text
    assert "政府采购项目" in answer.text and "国有产权转让项目" in answer.text
    sourced = lib.respond("鹤壁哪些项目必须进入公共资源交易平台？请注明出自哪一条。").answer
    assert "文件中未找到" not in sourced.text and "第八条" in sourced.text


def test_the_cases_held_to_account_are_the_liability_chapters_list(lib: Any) -> None:
    answer = lib.respond("鹤壁交易服务机构出现哪些情形会被责令改正、通报批评？").answer
    assert not answer.abstained
    assert "第三十条" in answer.text and "违规收取费用" in answer.text


def test_a_follow_up_on_resuming_reads_the_sentence_on_resuming(lib: Any) -> None:
    history = [
        {"role": "user", "content": "鹤壁公共资源交易遇到什么情况要暂停交易？"},
        {
            "role": "assistant",
            "content": "根据《鹤壁市公共资源交易管理条例》第二十条，交易系统故障等情形应当暂停交易。",
        },
    ]
    answer = lib.respond("那暂停以后什么时候恢复？", history=history).answer
    assert not answer.abstained
    assert "情形消除后，应当及时恢复交易" in answer.text
    assert "权属有争议" not in answer.text


def test_a_cost_is_borne_by_whoever_the_provision_names(lib: Any) -> None:
    answer = lib.respond("鹤壁村民参加扑救森林火灾的误工费用由谁出？").answer
    assert not answer.abstained
    assert "由引起火灾的责任人支付" in answer.text
    assert "保险费用" not in answer.text


def test_whether_something_is_allowed_is_answered_by_the_clause_that_forbids_it(lib: Any) -> None:
    answer = lib.respond("鹤壁的幼儿园招生时能不能给孩子考试？").answer
    assert not answer.abstained
    assert "不得组织任何形式的考试或者测查" in answer.text


def test_a_bound_of_another_thing_is_not_the_figure_asked(lib: Any) -> None:
    from assistant.answer.candidates import Candidate, Pick
    from assistant.answer.extractive import _holds_nothing_asked
    from assistant.answer.scoring import Term
    from assistant.schema import Passage
    from assistant.sentences import Unit

    postal = next(d for d in lib.index.documents() if "邮政" in d.meta.title)
    chunk = next(c for c in postal.chunks if "第二十条" in c.text)
    a = chunk.text.index("第二十条")
    b = chunk.text.index("。", a) + 1
    start, end = chunk.start + a, chunk.start + b
    unit = Candidate(
        Passage(chunk=chunk, score=1.0), 0, Unit(start, end, "article"), chunk.text[a:b], chunk.meta.title
    )
    picks = [Pick(unit, start, end)]
    # (the passages read hold 快递; the weight limit names none of what is asked but its bound)
    found = {("快递",): Term(1.0, 0.5), ("最多", "不超过"): Term(2.0, 0.5)}
    assert _holds_nothing_asked(picks, [("快递",), ("丢",), ("最多", "不超过"), ("赔",)], found)
    assert not _holds_nothing_asked(picks, [("包裹",), ("最多", "不超过")], {("包裹",): Term(1.0, 0.5)})
    # (a count framing the ask, "一年", is no such word)
    assert not _holds_nothing_asked(picks, [("一年",), ("最多", "不超过")], {("一年",): Term(1.0, 0.5)})
    answer = lib.respond("按鹤壁邮政条例，快递丢了最多能赔多少钱？").answer
    assert answer.abstained
    # (the bound of the thing asked is)
    weight = lib.respond("鹤壁邮政普遍服务的包裹单件重量最多多少千克？").answer
    assert not weight.abstained and "不超过十千克" in weight.text


def test_offences_named_in_general_words_are_the_offences_the_provision_names(lib: Any) -> None:
    answer = lib.respond("在鹤壁，还没有法律、法规的情况下，政府规章对违法行为最多能设定罚多少钱？").answer
    assert not answer.abstained
    assert "限额为十万元" in answer.text


def test_an_act_done_on_ones_own_asks_its_consequence() -> None:
    assert detect_intent("有人在小区公共车位上私装地锁，怎么处理？") == "penalty"


def test_a_case_set_before_two_asks_is_read_with_the_first() -> None:
    assert split_parts("投诉后多久答复？要是对处理结果不满意，可以向谁申诉，对方多久答复？") == [
        "投诉后多久答复？",
        "要是对处理结果不满意，可以向谁申诉？",
        "对方多久答复？",
    ]


def test_how_thick_asks() -> None:
    assert len(split_parts("条例说的大树是指多粗的树？另外，砍伐大树要经谁批准？")) == 2


def test_places_named_by_their_documents_titles_are_the_question_before_asked_of_each() -> None:
    for question in (
        "业主委员会任期几年？河南省物业管理条例和杭州市物业管理条例的规定有什么不同？",
        "物业管理用房按什么标准配置？河南省和丽水市的规定分别是多少？",
        "工地扬尘怎么罚？郑州、洛阳两地分别怎么规定？",
    ):
        assert split_parts(question) == [question]
