"""A title inside a title: official texts write it in 〈〉 inside the 《》 they cite it in, files
and users may write 《》. Both name the same document, and answers cite it the official way."""

from __future__ import annotations

from pathlib import Path

from assistant.display import short_title
from assistant.query import title_matches
from tests.conftest import library_of


def test_a_title_inside_a_title_matches_in_either_marks() -> None:
    title = "浙江省实施《中华人民共和国老年人权益保障法》办法"
    assert title_matches("浙江省实施〈中华人民共和国老年人权益保障法〉办法", title)
    assert title_matches("浙江省实施《中华人民共和国老年人权益保障法", title)
    assert short_title(title) == "浙江省实施〈中华人民共和国老年人权益保障法〉办法"


def test_a_question_naming_the_title_the_official_way_is_answered_from_it(tmp_path: Path) -> None:
    text = """# 甲省实施《中华人民共和国老年人权益保障法》办法
第一条 为了保障老年人合法权益，制定本办法。

第二十七条 对一百周岁以上的老年人，县级以上人民政府应当发给长寿保健补助费。
"""
    a = library_of(tmp_path, {"甲省实施《中华人民共和国老年人权益保障法》办法.md": text})
    answer = a.respond("《甲省实施〈中华人民共和国老年人权益保障法〉办法》对百岁老人有什么补助？")
    assert "长寿保健补助费" in answer.text, answer.text
    assert "《甲省实施〈中华人民共和国老年人权益保障法〉办法》" in answer.text, answer.text


def test_two_documents_named_are_compared_each_by_its_own_answer(tmp_path: Path) -> None:
    from assistant.compare import topic_from_question

    law = """# 中华人民共和国循环经济促进法
第一条 为了促进循环经济发展，制定本法。

第二十三条 禁止损毁耕地烧砖。在国务院或者省、自治区、直辖市人民政府规定的期限和区域内，禁止生产、销售和使用粘土砖。
"""
    rule = """# 甲省发展新型墙体材料条例
第一条 为了发展新型墙体材料，制定本条例。

第十五条 本省行政区域内禁止生产、销售和使用实心粘土砖（烧结普通砖）。
"""
    a = library_of(tmp_path, {"循环经济促进法.md": law, "甲省发展新型墙体材料条例.md": rule})
    question = "关于禁止使用粘土砖，国家《循环经济促进法》和《甲省发展新型墙体材料条例》的规定有什么不同？"
    assert topic_from_question(question) == "禁止使用粘土砖"
    answer = a.respond(question).text
    assert "规定的期限和区域内" in answer and "实心粘土砖" in answer, answer
    assert "《甲省发展新型墙体材料条例》：" in answer, answer


def test_a_plan_named_inside_its_notice_title_is_taken_out_of_a_scoped_query() -> None:
    from assistant.index.docstore import StoredDocument
    from assistant.query import scoped_query
    from assistant.schema import DocumentMeta, NormalizedText

    title = "关于印发《某市空气质量提升行动方案》的通知"
    meta = DocumentMeta(doc_id="plan", title=title, province="某省", city="某市")
    doc = StoredDocument(meta, NormalizedText(title, title, "simplified"), "hash", "test", [])
    reduced = scoped_query("某市空气质量提升行动方案的细颗粒物目标是多少？", ["plan"], [doc])
    assert "空气质量提升行动方案" not in reduced and "细颗粒物" in reduced, reduced


def test_a_verb_before_a_kind_of_regulation_is_no_part_of_a_title() -> None:
    # "某市也出台了…条例" says the place has one; the words with 了 name no title to look for
    from assistant.query import titles_named

    assert titles_named("宁波市和嘉兴市都制定了湿地保护条例，分别什么时候施行？") == []
    assert titles_named("嘉兴市湿地保护条例什么时候施行？") == ["嘉兴市湿地保护条例"]


def test_measures_asked_for_are_no_title() -> None:
    # "用哪些办法" asks for the ways a thing is done: no text the library could lack
    from assistant.query import titles_named

    assert titles_named("温州的居委会有什么调解办法？", possessive=True) == []
    assert titles_named("温州的居委会有什么办法？", possessive=True) == []
    assert titles_named("温州市物业管理办法什么时候施行？", possessive=True) == ["温州市物业管理办法"]


def test_a_title_named_whole_but_for_its_kind_names_the_document(tmp_path: Path) -> None:
    grid = """# 鹤壁市社会治理网格化服务管理条例
第一条 为了规范社会治理网格化服务管理，制定本条例。

第三条 本条例所称社会治理网格化服务管理，是指以网格为单元，开展基础信息采集、矛盾纠纷排查化解、公共服务代办等工作的管理模式。

第五条 负责网格化服务管理工作的机构，负责组织、协调、指导、监督本辖区内网格化服务管理工作。

第六条 乡镇人民政府、街道办事处应当协助做好网格化服务管理工作。
"""
    greening = """# 鹤壁市城市绿化条例
第一条 为了促进城市绿化，制定本条例。
"""
    a = library_of(tmp_path, {"鹤壁市社会治理网格化服务管理条例.md": grid, "鹤壁市城市绿化条例.md": greening})
    from assistant.query import analyse

    qa = analyse("鹤壁的社会治理网格化服务管理都做哪些工作？", a.index.documents())
    assert [a.document(d).meta.title for d in qa.doc_ids] == ["鹤壁市社会治理网格化服务管理条例"]
    # a few of a title's words are no name of it, nor is a city's title a name of its province's
    assert not analyse("鹤壁的城市绿化有哪些规定？", a.index.documents()).doc_ids
    assert not analyse("河南的社会治理网格化服务管理有哪些规定？", a.index.documents()).doc_ids
