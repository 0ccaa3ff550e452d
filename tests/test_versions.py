"""Answers use the text in force; a chosen version or date gets its text; real pairs of the corpus."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from assistant.core import Scope
from assistant.query import laws_abbreviated
from assistant.status import REPEALED, REVISED
from assistant.versions import as_of, version_year


def test_as_of_and_version_phrases() -> None:
    assert as_of("2020年时有效的规定是什么") == dt.date(2020, 12, 31)
    assert as_of("2019年6月施行的条文") == dt.date(2019, 6, 30)
    assert as_of("2021年3月5日适用的标准") == dt.date(2021, 3, 5)
    assert as_of("到2025年森林覆盖率达到多少") is None
    assert version_year("2017年版的规定") == "2017"
    assert version_year("2018年修正文本第十条") == "2018"
    assert version_year("2025年目标是多少") is None


def _titled(assistant: Any, title: str, year: str) -> str:
    return next(
        d.meta.doc_id
        for d in assistant.documents()
        if d.meta.title == title and year in (d.meta.revised_date or d.meta.adopted_date or "")
    )


@pytest.mark.slow
def test_law_short_forms_name_the_law(corpus_assistant: Any) -> None:
    docs = corpus_assistant.documents()
    titles = {d.meta.doc_id: d.meta.title for d in docs}

    def named(q: str) -> set[str]:
        return {titles[i] for i in laws_abbreviated(q, docs)}

    assert named("噪声法对商业经营活动有何规定") == {"中华人民共和国噪声污染防治法"}
    assert named("按固废法的规定") == {"中华人民共和国固体废物污染环境防治法"}
    assert named("环保法规定的按日连续处罚") == {"中华人民共和国环境保护法"}
    # a run of many titles is a plain word, and 办法/法规 are not laws
    assert named("各地的污染防治法规") == set()
    assert named("防治方法和管理办法") == set()


@pytest.mark.slow
def test_text_in_force_answers_by_default(corpus_assistant: Any) -> None:
    old = _titled(corpus_assistant, "中华人民共和国海洋环境保护法", "2017")
    new = _titled(corpus_assistant, "中华人民共和国海洋环境保护法", "2023")
    r = corpus_assistant.respond("海洋环境保护法关于海洋倾倒废弃物评价程序和标准由谁制定？")
    cited = {c.doc_id for c in r.answer.citations}
    assert new in cited and old not in cited, r.text
    assert "国务院生态环境主管部门" in r.text


@pytest.mark.slow
def test_old_version_on_request_says_where_it_stands_now(corpus_assistant: Any) -> None:
    old = _titled(corpus_assistant, "中华人民共和国海洋环境保护法", "2017")
    new = _titled(corpus_assistant, "中华人民共和国海洋环境保护法", "2023")
    r = corpus_assistant.respond("2017年修正文本的海洋环境保护法中，海洋倾倒废弃物评价程序和标准由谁制定？")
    first = min(r.answer.citations, key=lambda c: c.marker)
    assert first.doc_id == old and first.status == REVISED
    assert "该条款出自2017年修正文本（已修订），现行文本为2023年修订文本第七十二条" in r.text
    assert any(c.doc_id == new and "第七十二条" in c.quote for c in r.answer.citations)
    # the report citation of the old text says it is no longer the text in force
    footnote = corpus_assistant.cite_answer(r.answer)[0].footnote
    assert "（注：该文本已修订）" in footnote


@pytest.mark.slow
def test_a_chosen_old_text_is_answered_from(corpus_assistant: Any) -> None:
    old = _titled(corpus_assistant, "中华人民共和国海洋环境保护法", "2017")
    r = corpus_assistant.respond("倾倒废弃物评价程序和标准由谁制定？", scope=Scope(doc_ids=[old]))
    assert {c.doc_id for c in r.answer.citations} >= {old}
    assert "现行文本为2023年修订文本" in r.text


@pytest.mark.slow
def test_as_of_a_date_gets_the_text_then_in_force(corpus_assistant: Any) -> None:
    v2018 = _titled(corpus_assistant, "中华人民共和国野生动物保护法", "2018")
    v2022 = _titled(corpus_assistant, "中华人民共和国野生动物保护法", "2022")
    then = corpus_assistant.respond("2021年时有效的野生动物保护法是否禁止猎捕、杀害国家重点保护野生动物？")
    assert min(then.answer.citations, key=lambda c: c.marker).doc_id == v2018, then.text
    assert "2021年" not in then.answer.notice  # the date chose the text; it is not a year asked about
    now = corpus_assistant.respond("野生动物保护法是否禁止猎捕、杀害国家重点保护野生动物？")
    assert {c.doc_id for c in now.answer.citations} == {v2022}, now.text


@pytest.mark.slow
def test_a_repealed_act_is_answered_from_its_replacement(corpus_assistant: Any) -> None:
    old = next(d for d in corpus_assistant.documents() if d.meta.title == "中华人民共和国环境噪声污染防治法")
    new = next(d for d in corpus_assistant.documents() if d.meta.title == "中华人民共和国噪声污染防治法")
    assert corpus_assistant.statuses()[old.meta.doc_id].label == REPEALED
    r = corpus_assistant.respond("环境噪声污染防治法所称的噪声敏感建筑物是指什么？")
    assert r.text.startswith(
        "《中华人民共和国环境噪声污染防治法》已被《中华人民共和国噪声污染防治法》废止，自2022年6月5日起不再施行[1]"
    ), r.text
    first = min(r.answer.citations, key=lambda c: c.marker)
    assert first.doc_id == new.meta.doc_id and "同时废止" in first.quote
    assert {c.doc_id for c in r.answer.citations} == {new.meta.doc_id}
    assert "噪声敏感建筑物" in r.text


@pytest.mark.slow
def test_a_repealed_act_named_answers_where_its_replacement_is_silent(corpus_assistant: Any) -> None:
    # the act in force sets no such time limit: the named act's own text answers, said repealed
    old = next(d for d in corpus_assistant.documents() if d.meta.title == "中华人民共和国环境噪声污染防治法")
    r = corpus_assistant.respond(
        "依照《环境噪声污染防治法》，城市市区建筑施工使用机械设备可能产生环境噪声污染的，施工单位要在开工前几日申报？"
    )
    assert not r.answer.abstained, r.text
    assert {c.doc_id for c in r.answer.citations} == {old.meta.doc_id}, r.text
    assert "开工十五日以前" in r.text and "已被《中华人民共和国噪声污染防治法》废止" in r.text, r.text


@pytest.mark.slow
def test_requirements_of_a_current_law_by_its_short_form(corpus_assistant: Any) -> None:
    # "现行的" and the short form name the law; its duties answer, not the offences the
    # 法律责任 chapter lists
    r = corpus_assistant.respond("现行的噪声法对建设单位在施工噪声方面有哪些要求？")
    titles = {c.title for c in r.answer.citations}
    assert titles == {"中华人民共和国噪声污染防治法"}, r.text
    assert not any("法律责任" in "".join(c.section_path) for c in r.answer.citations), r.text
    assert "噪声污染防治费用列入工程造价" in r.text
