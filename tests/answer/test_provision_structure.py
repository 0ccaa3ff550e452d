"""What an article's structure says beside the unit that matched: a second enumeration with its
own lead-in, the bound a later 款 sets on an item's fine, a schedule announced by a colon alone,
the persons a "几名" question counts, the purpose article a question on the act's basis asks
for, and the date a text "自公布之日起施行" takes effect."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import library_of

_WATERS = """# 临江市水域保护条例
第十二条 在江河、湖泊及其管理范围内禁止下列行为：

（一）向水体倾倒工业废物、建筑垃圾、生活垃圾等废弃物；

（二）未经批准设置排污口；

（三）法律、法规禁止的其他行为。

重点湖泊及其管理范围内除前款禁止的行为外，还禁止下列行为：

（一）新建排放生产性污染物的工业项目；

（二）新建规模化畜禽养殖场；

（三）在水域内洗砂。

重点湖泊的范围由市人民政府划定并公告。

第二十条 违反本条例规定，有下列行为之一的，由生态环境主管部门责令停止违法行为，并按照下列规定处罚：

（一）擅自填埋湿地的，处每平方米十元以上三十元以下罚款；

（二）擅自排干湿地蓄水的，处三千元以上一万元以下罚款；

（三）违法放牧的，处二百元以上一千元以下罚款。

前款第（一）项、第（三）项规定的处罚，最高不得超过三万元。
"""

_SHIPS = """# 临江市水上事故处理条例
第一条 为了规范水上事故处理，保护当事人合法权益，根据《中华人民共和国海上交通安全法》等法律、法规，结合本市实际，制定本条例。

第九条 事故责任分为全部责任、主要责任、同等责任和次要责任。

第二十条 当事人应当按照所负事故责任大小承担相应的赔偿责任：

（一）负全部责任的，承担赔偿数额的百分之一百。

（二）负主要责任的，承担赔偿数额的百分之六十至百分之九十。

（三）负次要责任的，承担赔偿数额的百分之十至百分之四十。

第二十二条 执法部门进行现场检查时，执法人员不得少于两人，并应当出示执法证件。

第三十条 本条例自公布之日起施行。
"""

_SHIPS_RECORD = """# 临江市水上事故处理条例

2003年5月20日 临江市第十二届人民代表大会常务委员会第三次会议通过

<!-- INFO END -->

""" + _SHIPS.split("\n", 1)[1]


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("provision_structure")
    return library_of(root, {"waters.md": _WATERS, "ships.md": _SHIPS_RECORD})


def test_a_second_enumeration_is_given_after_its_own_lead_in(lib: Any) -> None:
    text = lib.respond("临江市重点湖泊还禁止哪些行为？").answer.text
    assert "还禁止下列行为" in text
    assert "在水域内洗砂" in text and "新建规模化畜禽养殖场" in text
    # (the first enumeration's items are not listed under the second's lead-in)
    assert "未经批准设置排污口" not in text


def test_a_yes_or_no_question_answered_by_a_lead_in_gets_its_items(lib: Any) -> None:
    text = lib.respond("临江市重点湖泊是不是还有另外的禁止性规定？").answer.text
    assert "在水域内洗砂" in text


def test_the_bound_a_later_paragraph_sets_on_an_item_fine_comes_with_it(lib: Any) -> None:
    text = lib.respond("临江擅自填埋湿地怎么罚？").answer.text
    assert "每平方米十元以上三十元以下" in text
    assert "最高不得超过三万元" in text


def test_a_schedule_announced_by_a_colon_is_given_whole(lib: Any) -> None:
    text = lib.respond("临江水上事故里主要责任方和次要责任方分别按多少比例赔？").answer.text
    assert "百分之六十至百分之九十" in text and "百分之十至百分之四十" in text


def test_how_many_persons_is_answered_in_persons(lib: Any) -> None:
    answer = lib.respond("临江现场检查时至少要有几名执法人员？").answer
    assert not answer.abstained
    assert "不得少于两人" in answer.text


def test_the_basis_of_an_act_is_its_purpose_article(lib: Any) -> None:
    text = lib.respond("《临江市水上事故处理条例》的制定依据是哪部法律？").answer.text
    assert "海上交通安全法" in text


def test_a_text_in_force_on_publication_is_dated_by_its_adoption(lib: Any) -> None:
    text = lib.respond("《临江市水上事故处理条例》哪天起生效？").answer.text
    assert "自公布之日起施行" in text and "2003年5月20日" in text


def test_a_great_river_named_by_two_characters_names_its_law() -> None:
    from assistant.query import names_feature_elsewhere
    from assistant.schema import DocumentMeta

    meta = DocumentMeta(doc_id="x", title="中华人民共和国长江保护法", source_path="x.md")
    assert not names_feature_elsewhere(meta, "长江干流岸线三公里范围内能不能建尾矿库？")
    assert names_feature_elsewhere(meta, "岸线三公里范围内能不能建尾矿库？")


def test_a_list_of_documents_on_two_joined_topics_lists_both(tmp_path: Path) -> None:
    a = library_of(
        tmp_path,
        {
            "a.md": "# 临江市湿地保护条例\n第一条 为了保护湿地，制定本条例。\n",
            "b.md": "# 临江市养犬管理条例\n第一条 为了规范养犬，制定本条例。\n",
            "c.md": "# 临江市物业管理条例\n第一条 为了规范物业管理，制定本条例。\n",
        },
    )
    text = a.respond("临江市在湿地保护和养犬管理方面出台了哪些条例？").answer.text
    assert "湿地保护条例" in text and "养犬管理条例" in text
    assert "物业管理条例" not in text


def test_the_bound_comes_with_an_item_asked_as_a_figure(lib: Any) -> None:
    text = lib.respond("临江在湿地违法放牧最多罚多少钱？").answer.text
    assert "二百元以上一千元以下" in text and "最高不得超过三万元" in text


def test_a_text_found_in_force_on_publication_is_dated_too(lib: Any) -> None:
    text = lib.respond("临江的水上事故处理条例哪天起生效？").answer.text
    assert "自公布之日起施行" in text and "2003年5月20日" in text
