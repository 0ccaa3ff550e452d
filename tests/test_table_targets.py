"""Targets read from tables: the indicator matrix and comparisons take place × indicator × year
from table rows, each row read with its header, and a county's row of a city plan is that
county's."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.chunking import StructureChunker
from assistant.config import Settings
from assistant.core import Assistant
from assistant.indicators import extract
from assistant.ingest.pipeline import prepare

PLAN = """鹤壁市2025年大气污染防治攻坚方案
一、主要目标
表1 各县区空气质量目标
| 县区 | 指标 | 2024年基准 | 2025年目标 |
| --- | --- | --- | --- |
| 淇县 | PM2.5平均浓度（微克/立方米） | 45.2 | 41.3 |
| 浚县 | PM2.5平均浓度（微克/立方米） | 42.0 | 38 |
| 浚县 | 优良天数比例 | 68.5% | 75% |
二、水质目标
表2 地表水断面水质目标
| 断面名称 | 所在县区 | 2025年水质目标 |
| --- | --- | --- |
| 卫河刘庄断面 | 浚县 | Ⅳ类 |
三、保障措施
各县区要落实属地责任，确保目标完成。"""

WIDE = """淇县2025年环境质量目标
表1 各乡镇目标
| 乡镇 | PM2.5浓度（微克/立方米） | 优良天数比例 |
| --- | --- | --- |
| 北阳镇 | 40 | 73% |
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("tables")
    (root / "corpus").mkdir()
    (root / "corpus" / "鹤壁市2025年大气污染防治攻坚方案.md").write_text(PLAN, encoding="utf-8")
    a = Assistant(Settings(data_dir=root / "data", corpus_dir=root / "corpus"), embedder="hash")
    assert not a.ingest().errors
    return a


def _doc(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return prepare(path, StructureChunker()).stored


def test_targets_of_a_long_table_are_place_indicator_year(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "鹤壁市2025年大气污染防治攻坚方案.md", PLAN)
    # the repeated rule line "| --- | --- | --- |" is not the title
    assert (doc.meta.title, doc.meta.city) == ("鹤壁市2025年大气污染防治攻坚方案", "鹤壁市")
    found = {(i.region, i.name, i.year): (i.value, i.unit, i.pinpoint) for i in extract(doc)}
    assert found[("河南省 鹤壁市 浚县", "PM2.5浓度", 2025)] == (38.0, "微克/立方米", "第一部分表1第2行")
    assert found[("河南省 鹤壁市 淇县", "PM2.5浓度", 2025)] == (41.3, "微克/立方米", "第一部分表1第1行")
    assert found[("河南省 鹤壁市 浚县", "优良天数比例", 2025)] == (75.0, "%", "第一部分表1第3行")
    assert found[("河南省 鹤壁市 浚县", "水质类别", 2025)] == (4.0, "类", "第二部分表2第1行")
    # a baseline column is what is, not a target; every quote is the row as written
    assert all(i.value not in (45.2, 42.0, 68.5) for i in extract(doc))
    assert all(doc.text.display[i.quote_start : i.quote_end] == i.quote for i in extract(doc))


def test_targets_of_a_wide_table_take_the_indicator_from_the_header(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "淇县2025年环境质量目标.md", WIDE)
    found = {(i.name, i.year): (i.value, i.unit) for i in extract(doc)}
    assert found == {("PM2.5浓度", 2025): (40.0, "微克/立方米"), ("优良天数比例", 2025): (73.0, "%")}


def test_the_indicator_matrix_filters_table_targets_by_county(library: Assistant) -> None:
    rows = library.indicators(indicator="PM2.5", region="浚县")
    assert [(r.value, r.year, r.quote) for r in rows] == [
        (38.0, 2025, "| 浚县 | PM2.5平均浓度（微克/立方米） | 42.0 | 38 |")
    ]


def test_comparison_of_two_counties_reads_each_countys_row(library: Assistant) -> None:
    c = library.compare("2025年PM2.5浓度目标", regions=["淇县", "浚县"])
    qixian, xunxian = c.rows
    assert qixian.found and qixian.requirements[0].quote.startswith("| 淇县 |")
    assert xunxian.found and xunxian.requirements[0].quote.startswith("| 浚县 | PM2.5")
    q = xunxian.requirements[0].quantities[0]
    assert (q.value, q.unit, q.year) == (38.0, "微克/立方米", 2025)
    assert xunxian.requirements[0].citation.pinpoint == "第一部分表1第2行"


def test_a_comparison_question_answers_each_county_from_its_row(library: Assistant) -> None:
    r = library.respond("淇县和浚县2025年PM2.5平均浓度目标有何不同？")
    assert r.kind == "comparison"
    first, second = r.text.split("\n")
    assert "淇县" in first and "2025年目标：41.3" in first
    assert "浚县" in second and "2025年目标：38" in second
    assert [c.section_number.rsplit(".", 1)[-1] for c in r.citations] == ["第1行", "第2行"]


def test_a_countys_question_finds_the_city_plan_by_its_stored_cells(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "鹤壁市2025年大气污染防治攻坚方案.md").write_text(PLAN, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    a = Assistant(settings, embedder="hash")
    assert not a.ingest().errors
    (plan,) = a.index.docstore.all()

    def stored_cells(db) -> list[str | None]:  # type: ignore[no-untyped-def]
        return [r[0] for r in db.reader().execute("SELECT cells FROM documents")]

    (cells,) = stored_cells(a.index.db)
    assert cells is not None and "浚县" in cells and "卫河刘庄断面" in cells
    qa, _ = a.analyse("浚县2025年PM2.5浓度目标是多少？")
    assert qa.region_doc_ids == {"河南省 鹤壁市 浚县": [plan]}
    with a.index.db.transaction() as tx:  # as a library written before documents kept cells
        tx.execute("UPDATE documents SET cells = NULL")
    a.index.db.close()
    b = Assistant(settings, embedder="hash")
    assert stored_cells(b.index.db) == [cells]
    qa, _ = b.analyse("浚县2025年PM2.5浓度目标是多少？")
    assert qa.region_doc_ids == {"河南省 鹤壁市 浚县": [plan]}
