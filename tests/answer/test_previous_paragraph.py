"""A sanction that enforces the 款 before it ("违反前款规定，…") says what that 款 says; a fine
from another document's provisions does not answer for a place or thing the question names
that the picked document never does."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core import Assistant
from tests.conftest import library_of

_TIDY = """# 临江市城市市容和环境卫生管理条例
第十五条 城市道路两侧的建筑物应当保持整洁。

第十六条 城市道路上运输砂石、渣土、水泥等散装货物的车辆，应当采取密闭、全覆盖、清洗等措施，不得泄漏、散落或者带泥运行。

违反前款规定，密闭、覆盖不严密或者带泥运行的，责令改正，可以处二百元以上二千元以下罚款；密闭、覆盖不严密导致泄漏、散落或者未进行密闭、覆盖的，责令改正，处二千元以上二万元以下罚款。

第十七条 机动车清洗场所应当设置污水沉淀设施。

违反前款规定的，责令限期改正，可以处五百元以上五千元以下罚款。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return library_of(tmp_path_factory.mktemp("previous"), {"临江市城市市容和环境卫生管理条例.md": _TIDY})


def test_a_sanction_of_the_paragraph_before_names_what_it_names(assistant: Assistant) -> None:
    text = assistant.respond("临江市运砂石的车带泥上路，罚多少？").text
    assert "二百元以上二千元以下" in text, text
    assert "五百元以上五千元以下" not in text, text


def test_the_paragraph_before_a_sanction_is_read_by_its_opening() -> None:
    from assistant.answer.candidates import Candidate
    from assistant.answer.sanctions import own_paragraphs
    from assistant.script import fold_width
    from assistant.sentences import split_units
    from tests.answer.builders import Store, make_doc, passages

    display = _TIDY.split("\n", 1)[1]
    d = make_doc("tidy", display, "临江市城市市容和环境卫生管理条例", province="某省", city="临江市")
    chunk = d.chunk("第十六条", "二千元以上二万元以下罚款。", number="第十六条")
    (p,) = passages([chunk])
    start = display.index("违反前款规定，密闭")
    unit = next(u for u in split_units(chunk.text, chunk.start, in_article=True) if u.start == start)
    sanction = Candidate(p, 0, unit, fold_width(display[unit.start : unit.end]), "")
    said = own_paragraphs(Store(d), sanction)
    assert "砂石" in said and "带泥运行" in said, said


_GREENLINE = """# 开封市城市绿线管理条例
第九条 城市绿线确定后，应当设置绿线标识和界桩。

第十三条 禁止在城市绿线范围内进行拦河截溪、取土采石、设置垃圾场、排放污水以及其他破坏生态环境的活动。

第十六条 违反本条例第九条规定，损毁绿线标识或者擅自移动、破坏界桩的，由市城市绿化行政主管部门责令限期改正，可以处五百元以下罚款。
"""

_TOMBS = """# 开封市古墓群保护条例
第十四条 在古墓群保护范围内禁止下列行为：

（一）取土、采石；

（二）建房、建窑；

（三）倾倒垃圾、污物；

（四）排放污水。

第二十条 违反第十四条第（三）、（四）项规定的，处五百元以上二千元以下罚款。
"""


def test_a_fine_for_another_documents_provision_is_no_answer_for_what_it_never_names(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"开封市城市绿线管理条例.md": _GREENLINE, "开封市古墓群保护条例.md": _TOMBS})
    r = a.respond("在开封城市绿线范围内倒垃圾、排污水，罚款是多少？")
    assert "五百元以上二千元以下" not in r.text, r.text
