"""A sanction that punishes listed items clause by clause ("违反第（一）项规定的，处…；违反第四项规定
的，处…") answers a question about one offence with the clause for that offence's item."""

from __future__ import annotations

import pytest

from assistant.answer import ExtractiveAnswerer
from assistant.answer.sanctions import item_refs
from assistant.core import Assistant
from assistant.schema import Chunk
from tests.answer.builders import Doc, Store, analysis, answered, make_doc, passages, regulation
from tests.conftest import library_of

_RULES = """# 某市古城遗址保护条例
第一条 为了加强古城遗址保护，制定本条例。

第九条 在古城遗址保护范围内，禁止下列行为：

（一）野炊、拉吊床、随意丢弃垃圾；

（二）攀爬、破坏古城墙；

（三）刻划、涂污界桩和标志碑；

（四）从室内向外抛洒物品。

第十三条 违反本条例第九条规定的，按照下列规定处罚：

（一）违反第（一）项规定的，由保护管理机构给予警告，可以并处二百元以下罚款；

（二）违反第（二）、（三）项规定的，由公安机关给予警告，可以并处一百元以上二百元以下罚款；

（三）违反本条例第九条第四项规定的，处五十元以上一百元以下罚款；违反第三项规定情节严重的，处五百元罚款。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return library_of(tmp_path_factory.mktemp("items"), {"某市古城遗址保护条例.md": _RULES})


def test_item_references_are_read_with_the_article_named_before_them() -> None:
    assert item_refs("违反本条例第三十六条第一项规定的，处…；", None) == ([("三十六", 1)], "三十六")
    assert item_refs("违反第四项规定的，处…", "三十六") == ([("三十六", 4)], "三十六")
    assert item_refs("违反第（二）、（三）项规定的", "九")[0] == [("九", 2), ("九", 3)]
    assert item_refs("违反本条例第三十三条第一款第一项至第三项规定的", None)[0] == [
        ("三十三", 1),
        ("三十三", 2),
        ("三十三", 3),
    ]


def test_the_clause_for_the_offences_item_answers(assistant: Assistant) -> None:
    text = assistant.respond("在古城遗址野炊罚多少？").text
    assert "二百元以下罚款" in text and "一百元以上二百元以下" not in text
    text = assistant.respond("在古城遗址攀爬古城墙罚多少？").text
    assert "一百元以上二百元以下罚款" in text
    text = assistant.respond("从室内向外抛洒物品怎么罚？").text
    assert "五十元以上一百元以下罚款" in text and "五百元" not in text


_WATER = """# 某市水库饮用水水源保护条例
第一条 为了保护水库饮用水水源，制定本条例。

第十五条 在饮用水水源二级保护区内，禁止下列行为：

（一）修建墓地或者丢弃、掩埋动物尸体；

（二）围水造田、筑土拦坝；

（三）露营、野炊、放生。

风景区（点）及其游船应当按照规定设置生活污水和垃圾收集处理设施。

第三十三条 违反本条例第十五条第一款规定的，按照下列规定予以处罚：

（一）违反第一项规定，修建墓地的，责令恢复原状，处以每个墓穴三千元罚款；

（二）违反第三项规定的，责令停止违法行为，处一百元以上五百元以下罚款。

违反本条例第十五条第二款规定，风景区（点）及其游船未按照规定设置生活污水和垃圾收集处理设施的，责令设置；逾期不改正的，处二千元以上二万元以下罚款。
"""


def test_a_sanction_citing_one_paragraph_is_about_that_paragraph(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    a = library_of(tmp_path_factory.mktemp("water"), {"某市水库饮用水水源保护条例.md": _WATER})
    text = a.respond("在水库二级保护区露营、野炊会被怎么处理？").text
    assert "一百元以上五百元以下罚款" in text and "二千元" not in text, text


def _city_rules(doc_id: str, title: str, text: str) -> Doc:
    return make_doc(doc_id, text, title, province="河南省", city="某市", doc_type="条例")


def _answer(question: str, d: Doc, chunks: list[Chunk]) -> str:
    return ExtractiveAnswerer().answer(analysis(question), passages(chunks), Store(d)).text


def test_an_item_chunked_apart_from_its_lead_in_reads_the_items_the_lead_in_cites() -> None:
    d = _city_rules(
        "reservoir",
        "某市水库饮用水水源保护条例",
        "第十五条 在饮用水水源二级保护区内，禁止下列行为：\n（一）修建墓地；\n（二）围水造田；\n（三）露营、野炊、放生。\n\n"
        "第三十三条 违反本条例第十五条第一款规定的，按照下列规定予以处罚：\n"
        "（一）违反第一项规定的，责令恢复原状，处以每个墓穴三千元罚款；\n"
        "（二）违反第三项规定的，责令停止违法行为，处一百元以上五百元以下罚款。\n",
    )
    d.chunk("第十五条", "放生。", number="第十五条")  # in the document, not among the passages
    chunks = [
        d.chunk("第三十三条", "按照下列规定予以处罚：", number="第三十三条"),
        d.chunk("（一）违反第一项", number="第三十三条.（一）"),
        d.chunk("（二）违反第三项", number="第三十三条.（二）"),
    ]
    text = _answer("在保护区露营、野炊会被怎么处理？", d, chunks)
    assert "一百元以上五百元以下" in text and "三千元" not in text, text


def test_a_sanction_closing_its_own_article_reads_the_paragraph_it_names() -> None:
    d = _city_rules(
        "estate",
        "某市物业管理条例",
        "第二十条 物业服务企业应当定期清理公共区域。\n业主不得在楼道等公共区域堆放杂物。\n"
        "违反本条第二款规定的，由街道办事处责令改正，处二百元以上五百元以下罚款。\n\n"
        "第三十条 物业服务企业未定期清理公共区域的，处五千元以上一万元以下罚款。\n",
    )
    # in the document, not among the passages: one chunk of two parts, one per 款, as the chunker
    # cuts a long article
    parts = [("第二十条", "公共区域。", (), "第二十条"), ("业主不得", "堆放杂物。", (), "第二十条")]
    d.chunk("第二十条", "堆放杂物。", number="第二十条", parts=parts)
    chunks = [d.chunk("违反本条第二款", number="第二十条"), d.chunk("第三十条", number="第三十条")]
    text = _answer("在楼道里堆放杂物罚多少？", d, chunks)
    assert "二百元以上五百元以下" in text and "五千元" not in text, text


def test_a_lead_in_that_leaves_the_amounts_to_its_items_is_answered_with_the_asked_item() -> None:
    d = regulation(
        "浙江/浙江省森林消防条例(2009-11-27).md", "浙江省森林消防条例", province="浙江省", level="省级"
    )
    article = d.chunk(
        "第四十四条 违反本条例规定，在森林防火期内",
        "对单位处一万元以上五万元以下的罚款。",
        ("第七章　法律责任", "第四十四条"),
        "第七章.第四十四条",
    )
    ans = answered("浙江森林防火期内在林区烤火、野炊，没引起火灾罚多少？", d, article)
    assert not ans.abstained, ans.notice
    # the lead-in sets "并处罚款" with no amount: the asked item sets it
    assert "并处罚款" in ans.text and "处二百元以上三千元以下的罚款" in ans.text
    assert "农业生产性用火" not in ans.text
