"""The question's subject and the terms it names: a unit of a document about something else
that matched the question's other words is not the answer, and a defined term the search words
cut in two is still the term the question names."""

from __future__ import annotations

from pathlib import Path

from assistant.answer import ExtractiveAnswerer, verify_citations
from tests.answer.builders import Store, analysis, make_doc, passages

DOGS = "第四条 养犬管理按照重点管理区和一般管理区实行分区管理。街道办事处辖区为重点管理区。\n"
WETLANDS = "第十二条 湿地保护规划应当明确保护重点，依法划定湿地范围，实行分类管控，确定禁止开发区。\n"
ADS = (
    "第十九条 单体面积超过三十平方米的大型户外广告设施设置人应当提交安全检测报告。\n\n"
    "第四十条 本条例中下列用语的含义：\n\n"
    "（一）大型户外广告，是指任一边长大于四米或者单面面积大于十平方米的户外广告。\n"
)


def test_a_unit_of_a_document_about_another_subject_is_not_the_answer() -> None:
    dogs = make_doc("dogs", DOGS, "德州市养犬管理条例", province="山东省", city="德州市")
    wet = make_doc("wet", WETLANDS, "德州市湿地保护条例", province="山东省", city="德州市")
    chunks = [wet.chunk("第十二条", number="第十二条"), dogs.chunk("第四条", number="第四条")]
    store = Store(dogs, wet)
    ans = ExtractiveAnswerer().answer(
        analysis("德州市养犬实行分区管理，重点管理区按什么范围划定？"), passages(chunks), store
    )
    assert verify_citations(ans, store) == []
    assert "养犬管理" in ans.text and "湿地" not in ans.text


def test_a_short_paragraph_answering_an_open_question_is_quoted_whole() -> None:
    # its first sentence only restates what was asked; the second says which area
    dogs = make_doc("dogs", DOGS, "德州市养犬管理条例", province="山东省", city="德州市")
    chunks = [dogs.chunk("第四条", number="第四条")]
    ans = ExtractiveAnswerer().answer(
        analysis("德州市养犬实行分区管理，重点管理区按什么范围划定？"), passages(chunks), Store(dogs)
    )
    assert "街道办事处辖区为重点管理区" in ans.text


def test_the_definition_of_a_term_the_question_quotes_answers_it() -> None:
    d = make_doc("ads", ADS, "舟山市户外广告和招牌设置管理条例", province="浙江省", city="舟山市")
    chunks = [
        d.chunk("第十九条", number="第十九条"),
        d.chunk("第四十条", "十平方米的户外广告。", number="第四十条"),
    ]
    ans = ExtractiveAnswerer().answer(
        analysis("户外广告管理中，什么尺寸的广告算“大型户外广告”？"), passages(chunks), Store(d)
    )
    assert "是指任一边长大于四米或者单面面积大于十平方米" in ans.text


def test_a_term_is_made_of_the_search_words_that_cut_it() -> None:
    from assistant.answer.scoring import _made_of

    assert _made_of("大型户外广告", ["户外", "广告", "户外广告", "大型"])
    assert _made_of("夜间", ["夜间", "噪声"])
    assert not _made_of("大型户外广告", ["户外广告", "设置"])


def test_the_document_about_the_subject_answers_before_one_that_mentions_it() -> None:
    fireworks = make_doc(
        "fw",
        "第十四条 在禁止燃放烟花爆竹区域燃放烟花爆竹的，由公安机关责令改正，处以三百元以上五百元以下罚款。\n",
        "某市禁止燃放烟花爆竹条例",
        province="山东省",
        city="某市",
    )
    air = make_doc(
        "air",
        "第九十条 在禁止燃放烟花爆竹区域燃放烟花爆竹的，由公安部门责令改正，处一百元以上五百元以下的罚款。\n",
        "某市大气污染防治条例",
        province="山东省",
        city="某市",
    )
    # retrieval ranks the general regulation's article first
    chunks = [air.chunk("第九十条", number="第九十条"), fireworks.chunk("第十四条", number="第十四条")]
    ans = ExtractiveAnswerer().answer(
        analysis("某市在禁止燃放烟花爆竹区域燃放烟花爆竹，罚多少？"), passages(chunks), Store(fireworks, air)
    )
    assert "三百元以上五百元以下" in ans.text, ans.text


def test_a_regulation_of_a_place_not_asked_about_is_no_document_about_the_subject() -> None:
    general = make_doc(
        "water",
        "第五十二条 在饮用水水源二级保护区内，还禁止下列行为：（一）设置排污口；（二）建设畜禽养殖场。\n",
        "某省水污染防治条例",
        province="河南省",
    )
    reservoir = make_doc(
        "res",
        "第二十一条 青石岭水库饮用水水源二级保护区内，还禁止下列行为：（一）网箱养殖；（二）游泳、垂钓。\n",
        "某省青石岭水库饮用水水源保护条例",
        province="河南省",
    )
    # (retrieval ranks the reservoir's regulation below: tests/test_place_features.py)
    chunks = [
        general.chunk("第五十二条", number="第五十二条"),
        reservoir.chunk("第二十一条", number="第二十一条"),
    ]
    ans = ExtractiveAnswerer().answer(
        analysis("饮用水水源二级保护区内还禁止哪些行为？"), passages(chunks), Store(general, reservoir)
    )
    assert "设置排污口" in ans.text, ans.text


def test_the_purpose_and_scope_articles_say_only_what_the_act_is_for() -> None:
    from assistant.answer.cues import only_purpose

    assert only_purpose("第一条 为了加强自然保护区的管理，根据有关法律，结合本省实际，制定本办法。")
    assert only_purpose("第二条 本省行政区域内自然保护区的建立和管理，适用本办法的规定。")
    assert only_purpose("本条例适用于本市行政区域内的城市绿化。")
    # a cross-reference and an enumeration's lead-in say more
    assert not only_purpose("违反前款规定的，适用本条例第十条的规定。")
    assert not only_purpose("下列活动适用本条例：")


def test_a_list_is_not_made_of_the_purpose_and_scope_articles(tmp_path: Path) -> None:
    from tests.conftest import library_of

    text = """# 某省森林自然保护区管理办法
第一条 为了加强森林自然保护区的管理，结合本省实际，制定本办法。

第二条 本省行政区域内森林自然保护区的建立和管理，适用本办法的规定。

第十四条 自然保护区可以划为核心区、缓冲区和实验区。
"""
    a = library_of(tmp_path, {"某省森林自然保护区管理办法.md": text})
    answer = a.respond("某省的森林自然保护区有哪些要求？").text
    assert "为了加强" not in answer and "适用本办法" not in answer, answer
