"""Provisions read whole for what they say beside the sentence that matched: a schedule of
figures by case, a 款 run on after an enumeration's last item, the exception that follows a
rule, a time of day, and the 款 after an enumeration that says what its items allow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.core import Assistant
from assistant.sentences import split_units
from tests.conftest import library_of

NEW_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus-new"

_HEATING = """# 临江市供热条例
第十九条 用户应当按照供用热合同的约定，及时足额交纳热费。

第二十三条 在室外温度不低于供热系统最低设计温度、建筑围护结构符合当时采暖设计规范标准和室内采暖系统正常运行条件下，供热企业应当保证采暖供热期内用户卧室、起居室的温度不低于十八摄氏度。供用热合同另有约定的，从其约定。

第二十五条 对城镇低收入困难家庭，实行政府采暖热费补贴。

第三十四条 因供热企业原因导致室内温度不达标的，供热企业应当采取措施保证供热温度达到规定标准。温度不达标天数自用户申请测温之日起至供热企业复（回）测供热温度达标之日止，供热企业应当按照下列标准进行退费：

（一）用户室内温度高于或者等于十六摄氏度、低于十八摄氏度的，退还不合格天数收费额的30%。

（二）用户室内温度高于或者等于十四摄氏度、低于十六摄氏度的，退还不合格天数收费额的50%。

（三）用户室内温度低于十四摄氏度的，退还不合格天数收费额的100%。

不属于供热企业责任的，供热企业应当向用户作出说明。

供用热合同另有约定的，从其约定。
"""

_WATER = """# 某省实施水法办法
第二十五条 在地下水禁止开采区内，不得新建取用地下水的建设项目。

第四十三条 违反本办法规定，有下列行为之一的，由县级以上人民政府水行政主管部门责令其停止违法行为，并处罚款：

（一）在河道内弃置、堆放阻碍行洪的物体的；

（二）在地下水禁止开采区内取用地下水的；

（三）未经批准在地下水限制开采区内取用地下水的。有前款（一）项规定行为的，处以一万元以上五万元以下罚款；有前款（二）、（三）项规定行为之一的，处以二万元以上八万元以下罚款。
"""

_ASSEMBLY = """# 某省集会游行示威实施办法
第七条 举行集会、游行、示威，必须依照本办法向主管机关提出申请。

第十二条 主管机关认为按照申请的时间、地点、路线举行集会、游行、示威将对交通秩序造成严重影响的，可以变更原申请的时间、地点、路线。

第十九条 对于依法举行的集会、游行、示威，主管机关应当派出人民警察维持交通秩序。

第二十五条 举行集会、游行、示威的时间限于早六时至晚十时。经当地人民政府决定或者批准的除外。
"""

_PROPERTY = """# 临江市物业管理条例
第七十三条 共有部分发生下列危及公共安全的紧急情况的，物业服务人应当及时报告业主委员会，并采取应急措施：

（一）电梯严重故障；

（二）消防设施严重损坏；

（三）建筑外立面存在脱落危险。

发生前款规定的紧急情况，需要立即使用物业专项维修资金维修的，维修方案经业主委员会审核后，可以不经业主共同决定，直接申请使用物业专项维修资金。

第七十四条 物业专项维修资金的使用情况应当每年公布一次。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    files = {
        "临江市供热条例.md": _HEATING,
        "某省实施水法办法.md": _WATER,
        "某省集会游行示威实施办法.md": _ASSEMBLY,
        "临江市物业管理条例.md": _PROPERTY,
    }
    return library_of(tmp_path_factory.mktemp("schedules"), files)


def _units(display: str, title: str, city: str | None = None) -> dict[str, Any]:
    """Candidates of a made-up regulation, keyed by the text they start with."""
    from assistant.answer.candidates import Candidate
    from tests.answer.builders import make_doc, passages

    d = make_doc("doc", display, title, province="某省", city=city, doc_type="条例")
    first = display.split(" ", 1)[0]
    (p,) = passages([d.chunk(first, number=first)])
    units = {}
    for u in split_units(display, 0):
        units.setdefault(display[u.start : u.end][:12], Candidate(p, 0, u, display[u.start : u.end], ""))
    return units


def test_a_word_whose_modifier_the_title_implies_is_said_by_its_head() -> None:
    from assistant.answer.scoring import _implied_by_title

    units = _units(_HEATING.split("\n", 1)[1], "临江市供热条例", city="临江市")
    item = next(c for k, c in units.items() if k.startswith("（一）"))
    assert _implied_by_title(item, "热费")  # 供热条例: the fee is the 收费额 refunded
    assert not _implied_by_title(item, "水费")  # nothing in the title implies 水
    assert not _implied_by_title(item, "温度计")


def test_a_schedule_of_figures_by_case_is_answered_whole() -> None:
    from assistant.answer.extractive import _parallel_items

    units = _units(_HEATING.split("\n", 1)[1], "临江市供热条例", city="临江市")
    items = [c for k, c in units.items() if k.startswith("（")]
    assert len(items) == 3
    for c in items:
        c.has_figure, c.score = True, 0.4
    assert _parallel_items(items[2], items, 0.8)
    # a lone item with a figure, or items scoring far apart, are no schedule
    assert not _parallel_items(items[2], items[1:], 0.8)
    items[0].score = items[1].score = 0.2
    assert not _parallel_items(items[2], items, 0.8)


def test_a_paragraph_run_on_after_the_last_item_is_a_paragraph_of_its_own() -> None:
    line = "（三）未经批准取用地下水的。有前款（一）项规定行为的，处以一万元罚款。"
    units = split_units(line, 0, in_article=True)
    items = [line[u.start : u.end] for u in units if u.kind == "item"]
    assert items == ["（三）未经批准取用地下水的。"], units
    assert any(line[u.start : u.end].startswith("有前款") and u.kind == "paragraph" for u in units), units


def test_the_fine_for_the_items_a_later_paragraph_names_is_found(assistant: Assistant) -> None:
    text = assistant.respond("某省有人在地下水禁止开采区内抽取地下水，罚款是多少？").text
    assert "二万元以上八万元以下" in text, text
    # (the last item is no part of the sanction quoted)
    assert "未经批准在地下水限制开采区内取用地下水的。有前款" not in text, text


def test_a_time_of_day_asked_is_answered_with_its_exception(tmp_path: Path) -> None:
    # the whole regulation: every article speaks of 举行集会、游行、示威, the one that sets the
    # hours shares nothing else with the question
    name = "河南省《集会游行示威法》实施办法(2010-07-30).md"
    a = library_of(tmp_path, {name: (NEW_CORPUS / "河南" / name).read_text(encoding="utf-8")})
    text = a.respond("河南的集会游行一天里从几点到几点可以举行？").text
    assert "早六时至晚十时" in text, text
    assert "经当地人民政府决定或者批准的除外" in text, text


def test_the_paragraph_on_what_the_listed_cases_allow_follows_the_list(assistant: Assistant) -> None:
    text = assistant.respond("临江市遇到哪些紧急情况，维修资金能不经业主共同决定直接申请使用？").text
    assert "电梯严重故障" in text and "建筑外立面存在脱落危险" in text, text
    assert "可以不经业主共同决定" in text, text
    assert "每年公布一次" not in text, text
