"""Table cells answered with their header: the row the question names, the column it asks,
cited as 表N第M行 with the row as the quote; questions the table does not answer are not."""

from __future__ import annotations

import pytest

from assistant.answer import ExtractiveAnswerer
from assistant.answer.tables import TableReader, question_words, table_rows
from assistant.chunking import StructureChunker
from assistant.index.docstore import StoredDocument
from assistant.ingest.pipeline import prepare
from assistant.query import analyse
from assistant.schema import Passage

PLAN = """鹤壁市2025年大气污染防治攻坚方案
一、总体要求
全面推进大气污染防治工作，持续改善空气质量。
二、主要目标
表1 各县区空气质量目标
| 县区 | 指标 | 2024年基准 | 2025年目标 |
| --- | --- | --- | --- |
| 淇县 | PM2.5平均浓度（微克/立方米） | 45.2 | 41.3 |
| 浚县 | PM2.5平均浓度（微克/立方米） | 42.0 | 38 |
| 浚县 | 优良天数比例 | 68.5% | 75% |
三、重点任务
表2 重点任务分工
| 序号 | 任务 | 责任单位 | 完成时限 |
| --- | --- | --- | --- |
| 1 | 完成钢铁企业超低排放改造 | 市工业和信息化局 | 2025年6月底 |
| 2 | 淘汰燃煤锅炉 | 市生态环境局 | 2025年9月底 |
四、保障措施
加强组织领导，压实属地责任。"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> StoredDocument:
    path = tmp_path_factory.mktemp("plan") / "鹤壁市2025年大气污染防治攻坚方案.md"
    path.write_text(PLAN, encoding="utf-8")
    return prepare(path, StructureChunker()).stored


def _ask(doc: StoredDocument, question: str):  # type: ignore[no-untyped-def]
    qa = analyse(question, [doc])
    # every chunk retrieved, tables first: the answerer alone decides
    chunks = sorted(doc.chunks, key=lambda c: not c.table)
    passages = [Passage(chunk=c, score=1.0, rank=i + 1) for i, c in enumerate(chunks)]
    return ExtractiveAnswerer().answer(qa, passages, lambda _: doc)


def test_the_asked_cell_with_its_row_cited_as_table_and_row(plan: StoredDocument) -> None:
    a = _ask(plan, "浚县2025年PM2.5平均浓度目标是多少？")
    assert not a.abstained
    assert a.text == (
        "根据《鹤壁市2025年大气污染防治攻坚方案》表1第2行，县区：浚县，"
        "指标：PM2.5平均浓度（微克/立方米），2025年目标：38[1]。"
    )
    [c] = a.citations
    assert c.quote == "| 浚县 | PM2.5平均浓度（微克/立方米） | 42.0 | 38 |"
    assert plan.text.display[c.quote_start : c.quote_end] == c.quote
    assert c.section_number == "二.表1.第2行"
    assert c.table_header == ["县区", "指标", "2024年基准", "2025年目标"]


def test_the_year_in_the_header_picks_the_column(plan: StoredDocument) -> None:
    a = _ask(plan, "浚县2024年优良天数比例基准是多少？")
    assert "2024年基准：68.5%[1]" in a.text and "75%" not in a.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("钢铁企业超低排放改造什么时候完成？", "完成时限：2025年6月底"),
        ("淘汰燃煤锅炉由哪个部门负责？", "责任单位：市生态环境局"),
    ],
)
def test_the_kind_of_value_asked_picks_the_column(plan: StoredDocument, question: str, expected: str) -> None:
    a = _ask(plan, question)
    assert "表2" in a.text and expected in a.text
    assert a.citations[0].section_number.endswith("表2.第1行" if "钢铁" in question else "表2.第2行")


def test_the_whole_row_when_no_column_is_asked(plan: StoredDocument) -> None:
    a = _ask(plan, "淇县的PM2.5平均浓度是多少？")
    assert "2024年基准：45.2" in a.text and "2025年目标：41.3" in a.text


@pytest.mark.parametrize(
    "question",
    [
        "浚县2025年PM10平均浓度目标是多少？",  # no PM10 row or column
        "浚县2023年PM2.5平均浓度是多少？",  # no 2023 column
        "浚县2025年森林覆盖率目标是多少？",  # an indicator the table does not hold
        "淘汰燃煤锅炉的监测频次是多少？",  # a column no header names
        "钢铁企业超低排放改造安排了多少资金？",  # nor here: not the serial number, not the row
    ],
)
def test_a_question_the_table_does_not_answer_is_not_answered_from_it(
    plan: StoredDocument, question: str
) -> None:
    a = _ask(plan, question)
    assert a.abstained or not any("表1" in c.section_number for c in a.citations)


def test_two_regions_each_get_their_own_row(plan: StoredDocument) -> None:
    a = _ask(plan, "淇县和浚县2025年PM2.5平均浓度目标分别是多少？")
    lines = a.text.split("\n")
    assert lines[0].startswith("河南省鹤壁市淇县：") and "2025年目标：41.3" in lines[0]
    assert lines[1].startswith("河南省鹤壁市浚县：") and "2025年目标：38" in lines[1]


def test_a_county_row_of_a_city_plan_is_in_the_countys_scope(plan: StoredDocument) -> None:
    assert plan.meta.city == "鹤壁市" and plan.meta.district is None
    qa = analyse("浚县2025年PM2.5目标是多少？", [plan])
    assert qa.regions == ["河南省 鹤壁市 浚县"]
    assert qa.region_doc_ids[qa.regions[0]] == [plan.meta.doc_id]
    # a county the tables do not name is not given the city's plan
    assert analyse("滑县2025年PM2.5目标是多少？", [plan]).regions == []


def test_rows_carry_their_header_and_a_shared_word_names_no_row(plan: StoredDocument) -> None:
    rows = table_rows([Passage(chunk=c, score=1.0, rank=1) for c in plan.chunks if c.table])
    assert [r.number for r in rows[:3]] == [1, 2, 3] and rows[0].header[0] == "县区"
    # "PM2.5" is in most rows of 表1 but 表2 has none; alone it names no single row
    found = TableReader().best("PM2.5平均浓度", "number", [], rows)
    assert len(found) == 2 and {a.row.cells[0] for a in found} == {"淇县", "浚县"}
    assert ("PM2.5", 1.0) in question_words("浚县PM2.5是多少")
