"""Provisions that state one rule for several cases or subjects: the answer quotes every case of
the rule, the subject asked and not its twin, and the 款 of each subject the question joins."""

from __future__ import annotations

from pathlib import Path

from assistant.answer.extractive import _twin_for_another
from assistant.answer.scoring import _in_its_units
from assistant.intent import detect_intent
from tests.conftest import library_of

_WATER = """# 某市水源地水资源管理办法
第一条 为了加强水源地水资源管理，制定本办法。

第九条 水源地取用水单位应当执行市水行政主管部门作出的取用水调整计划或者供水应急限制取水决定。

不按照取用水计划、调整计划分配的水量取水的,多取的水量两倍征收水资源费。在供水应急限制取水期间,违反供水应急限制取水决定多取水的,多取的水量按照三倍征收水资源费。

第十条 取用水单位应当健全节约用水制度。
"""

_SHOPS = """# 某省食品小作坊和小经营店管理条例
第一条 为了加强食品小作坊和小经营店管理，制定本条例。

第十一条 县级人民政府食品药品监督管理部门应当对申请材料进行审查，材料齐全的，当场登记，七个工作日内发放食品小作坊登记证；材料不齐全的，一次性告知应当补正的材料。

登记证应当载明小作坊名称、地址、经营者姓名等信息。

登记证有效期为三年。有效期届满需要延续的，应当在有效期届满三十日前向原登记机关申请延续。

第二十一条 县级人民政府食品药品监督管理部门应当对申请材料进行审查，材料齐全的，当场登记，七个工作日内发放食品小经营店登记证；材料不齐全的，一次性告知应当补正的材料。

登记证应当载明小经营店名称、地址、经营者姓名等信息。
"""

_TAXI = """# 某市客运出租汽车管理条例
第一条 为了规范客运出租汽车管理，制定本条例。

第二十五条 出租汽车驾驶员应当在营运中遵守下列规定：

（一）随车携带道路运输证和驾驶员从业资格证，按照规定办理使用服务监督卡；

（二）安全行车，服务规范，衣着整洁，举止文明；

（三）保持车辆技术状况良好、车容整洁；

（四）保持车辆设施设备、标志正常使用；

（五）在每年的七月一日至九月三十日期间和十二月一日至次年三月三十一日期间，按照乘客要求使用空调；

（六）按照规定标准和方式收取车费；

（七）在机场、车站、港口等客流集散地服从调度管理，按序营运。

第二十六条 乘客应当文明乘车。
"""

_SOIL = """# 某省水土保持条例
第一条 为了预防和治理水土流失，制定本条例。

第十九条 在省水土保持规划划定的山区、丘陵区和容易发生水土流失的其他区域，开办涉及土石方开挖、填筑或者堆放、排弃等生产建设项目，生产建设单位应当按照下列规定编制水土保持方案：

（一）占地面积十公顷以上或者挖填土石方总量五万立方米以上的，应当编制水土保持方案报告书；

（二）占地面积五公顷以上不足十公顷的，应当编制水土保持方案报告表。

第二十七条 依照本条例第十九条规定需要编制水土保持方案报告书的生产建设项目，生产建设单位应当自行对生产建设活动造成的水土流失进行监测。占地面积五十公顷以上或者挖填土石方总量五十万立方米以上的生产建设项目，生产建设单位不具备相应监测能力的，应当委托具备水土保持监测技术条件的机构进行监测。
"""

_PARKS = """# 某市森林公园管理条例
第一条 为了加强森林公园管理，制定本条例。

第十条 申请设立县级森林公园，应当具备下列条件：

（一）符合本市森林公园建设发展规划；

（二）面积不少于七十公顷，森林覆盖率百分之七十以上；

（三）有相应的建设资金。

申请设立市级森林公园，除应当具备前款第（一）（三）项条件外，还应当具备面积不少于一百公顷，森林覆盖率百分之七十以上的条件。

第十一条 森林公园的名称由设立机关核定。
"""


def test_every_case_of_a_rule_in_the_paragraph_is_quoted(tmp_path: Path) -> None:
    """ "…的，多取的水量两倍征收水资源费。在…期间…的，多取的水量按照三倍征收水资源费": the second
    sentence applies the same rule to another case; without it the answer understates the law."""
    a = library_of(tmp_path, {"某市水源地水资源管理办法.md": _WATER})
    answer = a.respond("不按计划多取水的，水资源费怎么征收？").text
    assert "两倍征收水资源费" in answer and "按照三倍征收水资源费" in answer, answer


def test_the_subject_asked_is_answered_not_its_twin(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某省食品小作坊和小经营店管理条例.md": _SHOPS})
    answer = a.respond("开食品小作坊，材料交齐后登记证几天能拿到？").text
    assert "七个工作日内发放食品小作坊登记证" in answer, answer
    assert "小经营店登记证" not in answer, answer
    # the rule that keeps the twin out when it scores as close as the one asked
    first, twin = (
        f"材料齐全的，当场登记，七个工作日内发放食品{x}登记证；材料不齐全的，一次性告知应当补正的材料。"
        for x in ("小作坊", "小经营店")
    )
    asked = "开食品小作坊，材料交齐后登记证几天能拿到？"
    assert _twin_for_another(first, twin, asked)
    assert not _twin_for_another(first, twin, "开食品小作坊或者小经营店，登记证几天能拿到？")
    assert not _twin_for_another(first, "登记证有效期为三年。", asked)


def test_a_sentence_after_a_full_stop_is_cited_with_its_article(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某省食品小作坊和小经营店管理条例.md": _SHOPS})
    answer = a.respond("食品小作坊登记证能管几年？")
    assert "有效期为三年" in answer.text, answer.text
    cited = [c for c in answer.citations if "有效期为三年" in c.quote]
    assert cited and cited[0].section_path[-1] == "第十一条", cited
    assert not cited[0].quote[0].isspace()


def test_the_paragraph_of_each_subject_the_question_joins_is_quoted(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某市森林公园管理条例.md": _PARKS})
    answer = a.respond("申请设立县级和市级森林公园，面积分别有什么要求？").text
    assert "面积不少于七十公顷" in answer and "面积不少于一百公顷" in answer, answer
    # the 款 that qualifies the items follows the list
    assert answer.index("一百公顷") > answer.index("有相应的建设资金"), answer
    asked_one = a.respond("申请设立县级森林公园，面积有什么要求？").text
    assert "一百公顷" not in asked_one, asked_one


def test_asking_for_the_penalty_provisions_asks_for_the_sanction() -> None:
    assert detect_intent("条例对未采取扬尘防治措施的，规定了怎样的罚则？") == "penalty"


def test_a_measure_is_answered_by_a_figure_in_its_unit(tmp_path: Path) -> None:
    """ "坡度多大" is answered by "二十五度以上陡坡地", though only other articles write 坡度."""
    text = """# 某市水土保持若干规定
第一条 为了预防和治理水土流失，制定本规定。

第七条 禁止任何单位和个人在二十五度以上陡坡地开垦种植农作物，其具体范围由区（县）人民政府划定。

第八条 开垦禁止开垦坡度以下、五度以上荒坡地，必须提出申请并附防治水土流失措施，报区（县）水行政主管部门审查批准。

第二十二条 违反本规定有下列行为之一的，由水行政主管部门责令其停止违法行为，采取补救措施，可以并处罚款：

（一）在禁止开垦坡度以上陡坡地开垦种植农作物的，按照开垦面积，对个人处每平方米二元以下的罚款、对单位处每平方米十元以下的罚款；

（二）在林区采伐林木，不采取防治水土流失措施的，处五千元以下的罚款。
"""
    a = library_of(tmp_path, {"某市水土保持若干规定.md": text})
    answer = a.respond("坡度多大的陡坡地不准开荒种庄稼？").text
    assert "二十五度以上陡坡地" in answer, answer
    # (the rule that keeps an article naming 坡度 from outdoing the one that states it in 度)
    assert _in_its_units("禁止在二十五度以上陡坡地开垦", ("坡度",))
    assert not _in_its_units("禁止在陡坡地开垦种植农作物", ("坡度",))
    assert not _in_its_units("禁止在二十五度以上陡坡地开垦", ("面积",))


def test_a_question_choosing_between_two_is_answered_by_the_provision_naming_both(tmp_path: Path) -> None:
    text = """# 某省企业职工民主权利保障条例
第一条 为了保障企业职工的民主权利，制定本条例。

第八条 企业应当建立职工（代表）大会制度。

企业职工一百人以下的建立职工大会制度；一百人以上的建立职工代表大会制度。

第十五条 职工代表由职工直接选举产生。职工代表任期与职工代表大会届期一致。职工代表对选举单位的职工负责，选举单位的职工有权依照规定监督、撤换本单位职工代表。职工代表出现缺额时，原选举单位应按规定补选。
"""
    a = library_of(tmp_path, {"某省企业职工民主权利保障条例.md": text})
    answer = a.respond("公司有两百名职工，按规定应该建立职工大会还是职工代表大会？").text
    assert "一百人以上的建立职工代表大会制度" in answer, answer
    assert "职工代表由职工直接选举产生" not in answer, answer


def test_the_item_that_matched_best_stays_in_the_enumeration_its_lead_in_introduces() -> None:
    """The article runs over two chunks; the item asked about is in the second, found first.
    Read with the lead-in of the first, the enumeration must still hold it."""
    from tests.answer.builders import answered, make_doc

    d = make_doc("taxi", _TAXI, "某市客运出租汽车管理条例", province="山东省", city="某市", doc_type="条例")
    path, number = ("第三章 营运服务", "第二十五条"), "第三章.第二十五条"
    first = d.chunk("第二十五条 出租汽车驾驶员", "（四）保持车辆设施设备、标志正常使用；", path, number)
    second = d.chunk(
        "（五）在每年的七月一日", "（七）在机场、车站、港口等客流集散地服从调度管理，按序营运。", path, number
    )
    ans = answered("打车时，一年里哪些时间段司机必须按乘客要求开空调？", d, second, first)
    assert "按照乘客要求使用空调" in ans.text, ans.text


def test_an_item_says_what_its_lead_in_says() -> None:
    """ "山区" asked of item (一) is said by the lead-in it completes ("在…山区…开办…项目…：")."""
    from assistant.answer.candidates import Candidate
    from assistant.answer.scoring import _leads_of
    from assistant.sentences import Unit
    from tests.answer.builders import make_doc, passages

    d = make_doc("soil", _SOIL, "某省水土保持条例", province="某省", doc_type="条例")
    chunk = d.chunk("第十九条", "应当编制水土保持方案报告表。", ("第十九条",), "第十九条")
    (p,) = passages([chunk])

    def unit(first: str, kind: str) -> Candidate:
        start, end = d.span(first)
        return Candidate(p, 0, Unit(start, end, kind), d.display[start:end], "")  # type: ignore[arg-type]

    lead = unit("第十九条", "paragraph")
    item = unit("（一）占地面积", "item")
    assert _leads_of(item, [lead, item]) == [lead]
    assert _leads_of(lead, [lead, item]) == []
