"""Forms of asking and of saying that were missed: a compare ask after a comma ("…，浙江省和青岛市的
规定一样吗？") or naming the places' regulations ("衢州和舟山的城市绿化条例分别是怎么规定的"); a
date written in words ("每年十一月一日至次年五月三十一日"); a word the segmenter cut before the
preposition after it ("防火期从哪天到哪天"); a ban for some years ("三年之内不得参与") and a
discipline ("予以…免职") are sanctions.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.answer.cues import DATE, FINE
from assistant.parts import split_parts, without_compared_ask
from tests.conftest import library_of_texts

_FIRE = """# 鹤壁市森林防火条例

2018年11月30日 河南省第十三届人民代表大会常务委员会第七次会议批准

第一条 为了有效预防和扑救森林火灾，保障森林资源安全，制定本条例。

第六条 市、县（区）人民政府设立森林防火指挥机构，负责组织、协调和指导本行政区域的森林防火工作。森林防火指挥机构应当设立办公室，配备专职工作人员负责日常工作。

第八条 行政区域交界地带的森林防火工作，由上一级森林防火指挥机构协调建立森林防火联防组织。

第十二条 各级人民政府应当组织建设森林防火设施，森林防火重点区域应当建设森林防火隔离带。

第十八条 本市的森林防火期为每年十一月一日至次年五月三十一日。县（区）人民政府可以根据天气情况提前或者推迟森林防火期，并向社会公布。

第十九条 在森林防火期，森林防火指挥机构应当实行昼夜值班制度和森林防火巡查制度。
"""

_REVIEW = """# 鹤壁市环境影响评价办法

2019年5月31日 河南省第十三届人民代表大会常务委员会第十次会议批准

第一条 为了实施环境影响评价制度，制定本办法。

第二十五条 环境影响评价技术服务机构弄虚作假，致使环境影响评价结论失实的，依照有关法律的规定处罚。

参加环境影响评价论证的专家因弄虚作假造成严重后果的，三年之内不得参与环境影响评价论证；构成犯罪的，依法追究刑事责任。

第二十六条 有关行政机关工作人员有下列情形之一的，由上级机关依法给予行政处分：

（一）违法干预环境影响评价文件审批的；

（二）对依法应当审批的文件不予审批的。
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return library_of_texts(tmp_path_factory.mktemp("forms"), _FIRE, _REVIEW)


def test_a_compare_ask_after_a_comma_is_the_question_before_asked_of_each() -> None:
    assert (
        without_compared_ask("森林防火期从哪天到哪天，浙江省和青岛市的规定一样吗？")
        == "森林防火期从哪天到哪天，浙江省、青岛市分别怎么规定？"
    )


def test_places_asked_by_their_regulations_are_no_part_of_their_own() -> None:
    question = "临时占用城市绿地最长能占多久？衢州和舟山的城市绿化条例分别是怎么规定的？"
    assert split_parts(question) == [question]


def test_a_date_in_words_is_a_date() -> None:
    assert DATE.search("本市的森林防火期为每年十一月一日至次年五月三十一日")
    assert not DATE.search("第十一条 第三十一条")


def test_a_word_cut_before_its_preposition_is_still_asked(lib: Any) -> None:
    assert "防火期" in lib.retriever.keyword_query("鹤壁市森林防火期从哪天到哪天？").split()
    answer = lib.respond("鹤壁市森林防火期从哪天到哪天？").answer
    assert not answer.abstained
    assert "十一月一日至次年五月三十一日" in answer.text


def test_a_ban_for_some_years_and_a_discipline_are_sanctions(lib: Any) -> None:
    assert FINE.search("三年之内不得参与环境影响评价论证")
    assert FINE.search("予以调离岗位、降职、免职")
    answer = lib.respond("鹤壁参加环评论证的专家弄虚作假造成严重后果，会受到什么限制？").answer
    assert not answer.abstained
    assert "三年之内不得参与" in answer.text
