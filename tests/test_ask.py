"""Question analysis, hybrid retrieval, follow-ups and answers, on the whole real corpus."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.errors import EmptyQuestionError
from assistant.retrieve import to_langchain
from tests.conftest import assert_citations_resolve

pytestmark = pytest.mark.slow


def test_region_parsing_and_missing_regions(corpus_assistant: Any) -> None:
    qa, _ = corpus_assistant.analyse("安徽和郑州经开区的PM2.5目标有何不同？")
    assert "安徽省" in qa.regions
    assert any("郑州经济技术开发区" in r for r in qa.regions)
    assert qa.is_comparison
    qa, _ = corpus_assistant.analyse("北京市2024年的细颗粒物目标是多少？")
    assert qa.missing_regions == ["北京市"] and qa.regions == [] and qa.years == [2024]
    qa, _ = corpus_assistant.analyse("晉城市的整改方案有哪些目標？")  # Traditional input
    assert any("晋城市" in r for r in qa.regions)


def test_named_document_scopes_retrieval(corpus_assistant: Any) -> None:
    qa, _ = corpus_assistant.analyse("大气污染防治法对超标排放怎么处罚？")
    titles = {corpus_assistant.document(i).meta.title for i in qa.doc_ids}
    assert titles and all("大气污染防治法" in t for t in titles)


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_retrievers_find_the_jiyuan_target(corpus_assistant: Any, mode: str) -> None:
    passages = corpus_assistant.retrieve("济源受污染耕地安全利用率目标", k=10, retriever=mode)
    assert passages and [p.rank for p in passages] == list(range(1, len(passages) + 1))
    assert any("受污染耕地安全利用率达到95%以上" in p.chunk.text for p in passages[:5])


def test_region_filter_never_leaks_other_regions(corpus_assistant: Any) -> None:
    passages = corpus_assistant.retrieve("安徽 秸秆综合利用", k=10)
    assert passages and all(p.chunk.meta.province == "安徽省" for p in passages)


def test_langchain_retriever_interface(corpus_assistant: Any) -> None:
    docs = corpus_assistant.retriever.invoke("安徽2024年农村生活污水治理率目标")
    assert docs and docs[0].metadata["passage"].chunk.chunk_id == docs[0].id
    assert to_langchain(docs[0].metadata["passage"]).page_content == docs[0].page_content


def test_number_question_is_answered_with_a_verified_citation(corpus_assistant: Any) -> None:
    a = corpus_assistant.ask("安徽今年细颗粒物平均浓度要控制在多少？")
    assert not a.abstained and "36.8" in a.text and len(a.text) < 200
    assert_citations_resolve(corpus_assistant, a)
    assert a.citations[0].section_path and a.mode == "extractive"


def test_unknown_region_abstains(corpus_assistant: Any) -> None:
    a = corpus_assistant.ask("广东省2024年空气质量优良天数比率目标是多少？")
    assert a.abstained and "未找到" in a.text


def test_follow_up_swaps_the_region(corpus_assistant: Any) -> None:
    first = corpus_assistant.ask("安徽今年细颗粒物平均浓度目标是多少？")
    assert "36.8" in first.text
    history = [{"role": "user", "content": first.question}, {"role": "assistant", "content": first.text}]
    follow = corpus_assistant.ask("那郑州经开区呢？", history=history)
    assert "郑州经开区" in follow.resolved_question and "安徽" not in follow.resolved_question
    assert "40" in follow.text and "36.8" not in follow.text
    assert all(c.meta and c.meta.city == "郑州市" for c in follow.citations)
    assert_citations_resolve(corpus_assistant, follow)


def test_year_outside_a_documents_scope_abstains(corpus_assistant: Any) -> None:
    # Anhui's work points cover 2024 only: a 2025 target for Anhui is not in the documents.
    a = corpus_assistant.ask("安徽细颗粒物浓度到2025年要达到多少？")
    assert a.abstained


def test_traditional_quote_stays_in_its_own_script(corpus_assistant: Any) -> None:
    a = corpus_assistant.ask("晋城2017年PM2.5浓度比2013年下降多少？")
    assert not a.abstained
    assert any("晉城" in c.title or "濃度" in c.quote for c in a.citations)
    assert_citations_resolve(corpus_assistant, a)


def test_stream_yields_text_then_answer(corpus_assistant: Any) -> None:
    pieces = list(corpus_assistant.ask_stream("安徽农村生活污水治理率要提高到多少？"))
    final = pieces[-1]
    assert "".join(p for p in pieces[:-1] if isinstance(p, str)) == final.text


def test_empty_question_is_a_user_error(corpus_assistant: Any) -> None:
    with pytest.raises(EmptyQuestionError):
        corpus_assistant.ask("  ")


def test_a_follow_up_on_an_exception_is_answered_by_the_provision_that_allows_it(
    corpus_assistant: Any,
) -> None:
    first = corpus_assistant.ask("杭州城区擅自砍伐树木会怎么处罚？")
    history = [{"role": "user", "content": first.question}, {"role": "assistant", "content": first.text}]
    # the follow-up takes the previous ask ("会怎么处罚"); nothing sanctions felling in an emergency,
    # and the provision that allows it, with its time limit, is the answer
    follow = corpus_assistant.ask("那遇上火灾抢险，来不及报批就先把树砍倒了呢？", history=history)
    assert not follow.abstained
    assert "四十八小时内" in follow.text and "补办" in follow.text
