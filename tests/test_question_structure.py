"""What a question's structure asks for, on the whole real corpus: the document it names is the
scope (its title words are no longer query words), a penalty question is answered by the
sanction, a start-date question by "本条例自…起施行", a comparison region without the named
regulation by 未涉及. None of these questions is in eval/questions.jsonl."""

from __future__ import annotations

import re
from typing import Any

import pytest

from assistant.query import scoped_query
from assistant.retrieve import answer_marks
from tests.conftest import assert_citations_resolve

pytestmark = pytest.mark.slow

LUOYANG = "洛阳市陆浑水库饮用水水源保护条例"
RIZHAO = "日照市饮用水水源地保护条例"


def test_named_title_and_place_leave_the_scoped_query(corpus_assistant: Any) -> None:
    question = f"{LUOYANG}对在二级保护区网箱养殖怎么处罚？"
    qa, _ = corpus_assistant.analyse(question)
    assert len(qa.doc_ids) == 1
    assert (
        scoped_query(qa.search, qa.doc_ids, corpus_assistant.documents())
        == "对在二级保护区网箱养殖怎么处罚？"
    )
    # without a scope nothing is removed; with too little left the question stays whole
    assert scoped_query(qa.search, [], corpus_assistant.documents()) == qa.search
    only_title = corpus_assistant.analyse(f"{LUOYANG}？")[0]
    assert (
        scoped_query(only_title.search, only_title.doc_ids, corpus_assistant.documents()) == only_title.search
    )


def test_penalty_found_through_the_article_it_enforces(corpus_assistant: Any) -> None:
    # 第二十七条: "违反本条例第十四条第一款第五项规定的…处二万元以上十万元以下罚款"; 网箱养殖 is
    # named only in 第十四条.
    a = corpus_assistant.ask(f"{LUOYANG}对在二级保护区网箱养殖怎么处罚？")
    assert not a.abstained
    assert a.text.split("[1]")[0].endswith("处二万元以上十万元以下罚款")
    assert a.citations[0].section_number.endswith("第二十七条")
    assert_citations_resolve(corpus_assistant, a)


def test_penalty_question_never_answered_by_the_duty(corpus_assistant: Any) -> None:
    qa, _ = corpus_assistant.analyse("郑州经开区三年行动对工地扬尘违规怎么罚款？")
    assert qa.intent == "penalty" and answer_marks(qa) is not None
    a = corpus_assistant.ask("郑州经开区三年行动对工地扬尘违规怎么罚款？")
    assert a.abstained  # a work plan sets no fines


def test_start_date_is_the_implementation_article(corpus_assistant: Any) -> None:
    passages = corpus_assistant.retrieve(f"{RIZHAO}自何时起施行？", k=3)
    assert any("本条例自2018年7月1日起施行" in p.chunk.text for p in passages)
    a = corpus_assistant.ask(f"{RIZHAO}自何时起施行？")
    assert "2018年7月1日" in a.text and a.citations[0].section_number.endswith("第四十五条")


def test_comparison_region_without_the_named_regulation(corpus_assistant: Any) -> None:
    a = corpus_assistant.ask("山东省、浙江省和洛阳市的饮用水水源保护条例分别什么时候施行？")
    lines = a.text.split("\n")
    assert lines[0].startswith("山东省：") and "未涉及" in lines[0]
    assert "2020年2月1日" in next(ln for ln in lines if ln.startswith("河南省洛阳市"))
    assert "同时废止" not in a.text  # the start date, not the repeal of the old version
    assert_citations_resolve(corpus_assistant, a)


def test_version_year_picks_the_revised_law(corpus_assistant: Any) -> None:
    qa, _ = corpus_assistant.analyse("2023年修订的海洋环境保护法规定了哪些海洋环境监督管理制度？")
    assert qa.years == []  # the year names the version, not the time asked about
    assert len(qa.doc_ids) == 1
    assert "2023" in (corpus_assistant.document(qa.doc_ids[0]).meta.revised_date or "")


def test_yearly_plan_the_library_lacks(corpus_assistant: Any) -> None:
    a = corpus_assistant.ask("安徽省2023年生态环境工作要点有哪些重点任务？")
    assert a.abstained and "《安徽省2023年生态环境工作要点》" in a.text
    # the 2023—2025 three-year plan covers 2024
    qa, _ = corpus_assistant.analyse("郑州经开区2024年行动计划有哪些重点任务？")
    assert qa.missing_docs == []


def test_figure_must_be_about_the_asked_measure(corpus_assistant: Any) -> None:
    a = corpus_assistant.ask("济源2024年城市污水处理率要达到多少？")
    assert a.abstained  # the plan sets figures for other measures, not this one


def test_duty_holder_not_the_helpers(corpus_assistant: Any) -> None:
    a = corpus_assistant.ask("郑州经开区工业炉窑清洁能源替代由哪个单位负责？")
    assert "责任单位" in a.text and "生态环境分局" in a.text and "配合单位" not in a.text
    assert_citations_resolve(corpus_assistant, a)


def test_follow_up_with_its_own_question_keeps_only_the_scope(corpus_assistant: Any) -> None:
    first = corpus_assistant.ask(f"{RIZHAO}自何时起施行？")
    history = [{"role": "user", "content": first.question}, {"role": "assistant", "content": first.text}]
    follow = corpus_assistant.ask("那在一级保护区游泳怎么处罚？", history=history)
    assert RIZHAO in follow.resolved_question and "施行" not in follow.resolved_question
    assert "二万元以上十万元以下" in follow.text
    assert_citations_resolve(corpus_assistant, follow)


def test_enumeration_after_a_lead_in_is_listed(corpus_assistant: Any) -> None:
    a = corpus_assistant.ask(f"{LUOYANG}规定一级保护区内还禁止哪些行为？")
    assert not a.abstained
    items = re.findall(r"^\d\. (.+)\[\d+\]", a.text, flags=re.M)
    assert len(items) >= 3 and "与水库管理和保护水源无关的船舶进入" in items
    assert_citations_resolve(corpus_assistant, a)


def test_list_for_one_year_leaves_out_the_other_years(corpus_assistant: Any) -> None:
    a = corpus_assistant.ask("晋城整改方案对2018年劣五类水体有什么要求？")
    assert not a.abstained and "2018年" in a.text and "全部消灭劣五类水体" in a.text
    assert "2016年" not in a.text and "2017年" not in a.text
    assert_citations_resolve(corpus_assistant, a)


def test_a_form_in_book_marks_is_no_missing_document(corpus_assistant: Any) -> None:
    # 《…通知书》 is a paper a regulation names, not a document the library lacks
    qa, _ = corpus_assistant.analyse("济南收到《建筑垃圾处置核准通知书》以后多久可以运输？")
    assert qa.missing_docs == []
    qa, _ = corpus_assistant.analyse("《济南市城市建筑垃圾管理办法》是哪年发布的？")
    assert qa.missing_docs == ["济南市城市建筑垃圾管理办法"]
    # (nor is a newspaper the laws are published in)
    qa, _ = corpus_assistant.analyse("地方性法规公布后多少天内要在《某某日报》上刊登？")
    assert qa.missing_docs == []
