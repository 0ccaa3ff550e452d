"""A park named without the rest of its regulation's title, an item of a prohibition asked
whether it is allowed, a company fined as a 单位, and the whole of a short article beside the
sentence a provenance question asks about."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from tests.conftest import library_of

_PARK = """# 开封市滨河公园管理条例
第一条 为了加强滨河公园的管理，制定本条例。

第二条 本条例所称滨河公园，是指汴河两岸供公众休憩、观赏的公共绿地。

第十四条 公园内新建配套设施项目必须按照批准的设计方案进行。

第三十条 公园内禁止下列行为：

（一）乱丢果皮、纸屑；

（二）损毁花草树木；

（三）携犬进入公园，但盲人携带导盲犬的除外。

第三十一条 游客应当爱护公园设施。
"""

_SOIL = """# 某省水土保持办法
第十五条 禁止在泥石流易发区从事挖砂、采石等活动。

第四十六条 违反本办法第十五条规定，在泥石流易发区从事挖砂、采石等活动的，由县级以上人民政府水行政主管部门责令停止违法行为，并按下列标准处以罚款：

（一）个人挖砂、采石十立方米以下的处一千元的罚款；

（二）单位挖砂、采石十立方米以下的处二万元的罚款。
"""

_FARMING = """# 某省农业机械化促进条例
第二十一条 县级以上人民政府应当扶持农业机械化。

第二十二条 农民从事农业机械生产作业的，享受国家和省规定的农业生产电价。

未从事道路运输经营的拖拉机免征养路费。

第二十三条 本条例自2008年12月1日起施行。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    files = {
        "开封市滨河公园管理条例.md": _PARK,
        "某省水土保持办法.md": _SOIL,
        "某省农业机械化促进条例.md": _FARMING,
    }
    return library_of(tmp_path_factory.mktemp("parks"), files)


def test_an_item_of_a_prohibition_asked_whether_allowed_comes_with_its_lead(assistant: Assistant) -> None:
    # the park is named without "临江市" or "管理条例"; the item alone would read as allowed
    text = assistant.respond("滨河公园里可以带狗进去散步吗？").text
    assert "公园内禁止下列行为" in text and "携犬进入公园" in text, text
    assert "导盲犬" in text, text


def test_a_company_is_fined_as_a_unit(assistant: Assistant) -> None:
    text = assistant.respond("某省有公司在泥石流易发区挖了不到十立方米的砂，怎么罚？").text
    assert "单位挖砂、采石十立方米以下的处二万元的罚款" in text, text


def test_a_short_article_is_quoted_whole_beside_the_sentence_asked(assistant: Assistant) -> None:
    r = assistant.respond("“拖拉机免征养路费”出自哪条规定？")
    assert r.kind == "provenance" and not r.abstained
    assert "第二十二条第二款" in r.text, r.text
    assert "该条全文" in r.text and "农业生产电价" in r.text, r.text
    assert "本条例自2008年12月1日起施行" not in r.text, r.text


def test_a_park_named_without_its_title_scopes_the_question_to_its_regulation(assistant: Assistant) -> None:
    from assistant.query import scoped_query

    qa, _ = assistant.analyse("滨河公园里可以带狗进去散步吗？")
    (doc_id,) = qa.doc_ids
    doc = assistant.document(doc_id)
    assert doc.meta.title == "开封市滨河公园管理条例"
    # inside that regulation the park's name is in every article: no word to look for
    assert "滨河公园" not in scoped_query(qa.search, qa.doc_ids, [doc])


def test_a_national_law_named_with_the_state_name_drops_all_of_its_title() -> None:
    from assistant.query import scoped_query
    from tests.answer.builders import make_doc

    doc = make_doc("law", "第一条 为了规范建设项目，制定本法。\n", "中华人民共和国环境影响评价法").stored
    asked = scoped_query("中华人民共和国环境影响评价法 登记表没有备案的罚多少", ["law"], [doc])
    assert "中华" not in asked and "评价法" not in asked, asked
    assert "登记表" in asked, asked
