"""``Assistant.respond``: one entry point, routed by what the question asks."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.core import Response, Scope
from tests.conftest import assert_citations_resolve

pytestmark = pytest.mark.slow


def test_plain_question_is_an_answer(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("济源2024年受污染耕地安全利用率要达到多少？")
    assert isinstance(r, Response) and r.kind == "answer"
    assert "95%" in r.text
    assert_citations_resolve(corpus_assistant, r.answer)


def test_catalog_list_is_filtered_by_region_kind_and_topic(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("山东省有哪些湿地保护方面的条例？")
    assert r.kind == "documents"
    for city in ("东营市湿地保护条例", "德州市湿地保护条例", "济南市湿地保护条例"):
        assert city in r.text
    assert "郑州" not in r.text and "浙江" not in r.text and "湿地保护法" not in r.text
    assert_citations_resolve(corpus_assistant, r.answer)


def test_catalog_record_reads_the_header_and_preamble(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("济源示范区2024年生态环境保护工作要点的文号是多少？")
    assert r.kind == "documents" and "济管办〔2024〕26号" in r.text
    r = corpus_assistant.respond("《河南省大气污染防治条例》是哪天通过的？")
    assert r.kind == "documents" and "2017年12月1日" in r.text
    assert_citations_resolve(corpus_assistant, r.answer)


def test_catalog_of_a_document_the_library_lacks_abstains(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("《广东省大气污染防治条例》是哪天通过的？")
    assert r.abstained


def test_multipart_answers_every_part(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("济源2024年受污染耕地安全利用率要达到多少？黄河干流水质要保持在几类？")
    assert r.kind == "answer" and len(r.parts) == 2
    assert "（1）" in r.text and "（2）" in r.text
    assert "95%" in r.text and "Ⅱ类" in r.text
    assert_citations_resolve(corpus_assistant, r.answer)


def test_comparison_answer_is_the_table_as_cited_lines(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("安徽和济源在秸秆禁烧方面的要求有何不同？")
    assert r.kind == "comparison" and r.comparison is not None
    assert "安徽省" in r.text and "济源" in r.text
    assert_citations_resolve(corpus_assistant, r.answer)


def test_scope_limits_the_answer(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("细颗粒物平均浓度要控制在多少？", scope=Scope(regions=["安徽"]))
    assert r.citations and all("安徽" in c.title for c in r.citations)


def test_partial_place_resolves_to_the_librarys_only_match(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("经开区到2025年主要农作物化肥农药利用率要达到多少？")
    assert not r.abstained and "43%" in r.text
    assert all("经开区" in c.title for c in r.citations)


def test_penalty_answer_keeps_the_aggravated_clause(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("信阳市大气污染防治条例对新建三十五蒸吨以下燃煤锅炉怎么处罚？")
    assert "二万元以上十万元以下" in r.text and "情节严重的，处十万元以上二十万元以下" in r.text


@pytest.mark.slow
def test_record_facts_cited_to_one_title_line_are_each_answered(corpus_assistant: Any) -> None:
    # a saved web page states 文号, 机关 and 日期 in its header: all three cite its title line,
    # and each part still gets its own fact (not "见（1）")
    r = corpus_assistant.respond("济源示范区2024年生态环境保护工作要点的文号是多少？哪天成文的？")
    assert "见（1）" not in r.text
    assert "济管办〔2024〕26号" in r.text and "2024年9月24日" in r.text


@pytest.mark.slow
def test_an_enumeration_is_answered_whole_with_its_lead_in(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("浙江省森林管理条例规定在什么情况下不得发放采伐许可证？")
    first = r.text.split("\n")[0]
    assert "有下列情形之一的，不得发放采伐许可证" in first and first.endswith("：")
    for item in ("权属有争议", "更新造林任务未完成", "无作业设计", "禁止采伐的其他林木"):
        assert item in r.text
    assert_citations_resolve(corpus_assistant, r.answer)


@pytest.mark.slow
def test_a_sanction_before_its_offences_keeps_its_last_clause(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond(
        "河南省大气污染防治条例对石化企业不收集处理挥发性有机物无组织排放废气的，怎么处罚？"
    )
    assert "二万元以上二十万元以下罚款；拒不改正的，责令停产整治" in r.text


@pytest.mark.slow
def test_a_record_cue_about_a_provision_is_not_a_record_question(corpus_assistant: Any) -> None:
    provision = corpus_assistant.respond("依照海洋环境保护法，海洋倾倒废弃物的评价程序和标准由哪个部门制定？")
    assert provision.kind == "answer" and "国务院生态环境主管部门" in provision.text
    record = corpus_assistant.respond("宁波市生活垃圾分类管理条例由哪个机关批准？")
    assert record.kind == "documents" and "批准" in record.text


@pytest.mark.slow
def test_a_breach_part_takes_the_sanction_of_the_article_just_cited(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("德州市扬尘污染防治条例对石材、木料加工作业有什么要求？违者怎么罚？")
    second = next(line for line in r.text.split("\n") if line.startswith("（2）"))
    assert "违反本条例第二十五条规定" in second and "五千元以上五万元以下" in second


@pytest.mark.slow
def test_subjectless_part_leans_on_the_previous_one(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("经开区到2025年底清洁能源发电装机容量累计要达到多少？由哪个单位负责？")
    assert "4万千瓦" in r.text and "区经济发展局" in r.text


@pytest.mark.slow
def test_versions_of_an_act_are_listed_with_their_status(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("《野生动物保护法》在文库中有哪些版本？")
    assert r.kind == "documents"
    assert "2018年修正文本（已修订）" in r.text and "2022年修订文本（现行有效）" in r.text
    assert_citations_resolve(corpus_assistant, r.answer)


def test_catalog_answers_when_documents_take_effect(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("山东省有哪些湿地保护方面的条例？各自什么时候施行？")
    assert r.kind == "documents"
    assert "本条例自2019年2月1日起施行（第四十九条）" in r.text and "通过" not in r.text
    r = corpus_assistant.respond("《河南省大气污染防治条例》是哪天通过、哪天施行的？")
    assert r.kind == "documents" and "2017年12月1日" in r.text and "2018年3月1日起施行" in r.text
    assert_citations_resolve(corpus_assistant, r.answer)


def test_a_record_of_the_former_text_is_read_where_the_current_one_repeals_it(
    corpus_assistant: Any,
) -> None:
    r = corpus_assistant.respond("现行《河南省水污染防治条例》施行以后，原来那部条例是哪年通过的？")
    assert r.kind == "documents" and "2009年11月27日" in r.text and "同时废止" in r.text
    assert "2019年5月31日" not in r.text
    assert_citations_resolve(corpus_assistant, r.answer)


def test_what_became_of_the_former_text_is_read_where_the_current_one_repeals_it(
    corpus_assistant: Any,
) -> None:
    r = corpus_assistant.respond("《河南省水污染防治条例》施行以后，以前那部条例怎么处理了？")
    assert r.kind == "documents" and "2009年11月27日" in r.text and "同时废止" in r.text
    assert_citations_resolve(corpus_assistant, r.answer)
