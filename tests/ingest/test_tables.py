"""Tables stay tables: from every format to table sections, row chunks and 表N第M行 citations."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assistant.chunking import StructureChunker, split_row
from assistant.citations import cite, cite_span, locate
from assistant.ingest.pipeline import prepare
from assistant.schema import Chunk
from assistant.sections import format_tree, parse_sections, pinpoint
from assistant.tokens import count_tokens
from tests.ingest.files import text_pdf, word_binary

TARGETS = [
    ["县", "指标", "2025年目标"],
    ["淇县", "PM2.5平均浓度（微克/立方米）", "41.3"],
    ["浚县", "PM2.5平均浓度（微克/立方米）", "38"],
    ["滑县", "优良天数比例", "72%"],
]
PLAN = """淇县2025年大气污染防治攻坚方案
一、总体要求
全面推进大气污染防治工作，持续改善空气质量。
二、主要目标
表1 各县2025年空气质量目标
| 县 | 指标 | 2025年目标 |
| --- | --- | --- |
| 淇县 | PM2.5平均浓度（微克/立方米） | 41.3 |
| 浚县 | PM2.5平均浓度（微克/立方米） | 38 |
| 滑县 | 优良天数比例 | 72% |
注：浓度为年均值。
三、保障措施
加强组织领导。"""


def _rows(n: int) -> str:
    return "\n".join(
        f"| 乡镇{i} | PM2.5平均浓度（微克/立方米） | {30 + i}.5 | 县生态环境分局、乡镇人民政府按月调度 |"
        for i in range(1, n + 1)
    )


def test_table_section_with_caption_rows_and_pinpoints() -> None:
    tree = parse_sections(PLAN)
    assert format_tree(tree).split("\n") == [
        "一、总体要求",
        "二、主要目标",
        "  表1 各县2025年空气质量目标",
        "    第1行",
        "    第2行",
        "    第3行",
        "三、保障措施",
    ]
    rows = {PLAN[p.start : p.end]: pinpoint(p.path) for p in tree.paragraphs}
    assert rows["| 浚县 | PM2.5平均浓度（微克/立方米） | 38 |"] == "第二部分表1第2行"
    assert rows["注：浓度为年均值。"] == "第二部分"  # the note after a table is body text again


def test_caption_number_is_the_documents_own_and_unit_line_belongs_to_it() -> None:
    text = "表3 重点任务\n单位：万元\n| 任务 | 投资 |\n| --- | --- |\n| 改造 | 120 |\n\n| a | b |\n| --- | --- |\n| 1 | 2 |"
    tree = parse_sections(text)
    tables = [s for s in tree.root.walk() if s.kind == "table"]
    assert [(t.number, t.title) for t in tables] == [("表3", "重点任务 单位：万元"), ("表2", "")]


def test_pipe_lines_without_a_rule_are_not_a_table() -> None:
    tree = parse_sections("| 这不是表格 |\n| 只是竖线 |")
    assert not any(s.kind == "table" for s in tree.root.walk())


def test_split_row() -> None:
    assert split_row("| 淇县 | 41.3 |") == ["淇县", "41.3"]
    assert split_row(r"| a \| b | c |") == ["a | b", "c"]


def _prepare(tmp_path: Path, name: str, data: bytes, max_tokens: int = 400) -> list[Chunk]:
    path = tmp_path / name
    path.write_bytes(data)
    return prepare(path, StructureChunker(max_tokens=max_tokens, min_tokens=60)).stored.chunks


def test_small_table_is_one_chunk_of_its_own_with_table_fields(tmp_path: Path) -> None:
    chunks = _prepare(tmp_path, "plan.md", PLAN.encode())
    [table] = [c for c in chunks if c.table]
    assert table.text.startswith("表1 各县2025年空气质量目标\n| 县 |")
    assert table.text.endswith("| 滑县 | 优良天数比例 | 72% |")  # not merged with the note after it
    assert (table.table, table.row_start, table.row_end) == ("表1", 1, 3)
    assert table.table_header == ["县", "指标", "2025年目标"]
    assert table.section_path == ["二、主要目标", "表1 各县2025年空气质量目标"]


def test_long_table_is_cut_between_rows_and_every_chunk_carries_the_header(tmp_path: Path) -> None:
    text = (
        "二、分乡镇目标\n表2 各乡镇2025年目标\n| 乡镇 | 指标 | 目标 | 责任单位 |\n| --- | --- | --- | --- |\n"
        + _rows(40)
    )
    chunks = [c for c in _prepare(tmp_path, "long.md", text.encode(), max_tokens=300) if c.table]
    assert len(chunks) > 3
    covered = []
    for c in chunks:
        assert count_tokens(c.text) <= 300
        assert all(line.startswith("| ") for line in c.text.split("\n")[-1:])  # whole rows
        assert "表2 各乡镇2025年目标 | 乡镇 | 指标 | 目标 | 责任单位 |" in c.embed_text
        covered += list(range(c.row_start, c.row_end + 1))
        first_row = c.text.split("\n")[3 if c.row_start == 1 else 0]
        assert first_row.startswith(f"| 乡镇{c.row_start} |")
    assert covered == list(range(1, 41))


def test_chunk_table_fields_round_trip_and_old_indexes_still_load(tmp_path: Path) -> None:
    chunks = _prepare(tmp_path, "plan.md", PLAN.encode())
    table = next(c for c in chunks if c.table)
    again = Chunk.from_metadata(table.chunk_id, table.text, table.embed_text, table.to_metadata())
    assert (again.table, again.row_start, again.row_end, again.table_header) == (
        "表1",
        1,
        3,
        ["县", "指标", "2025年目标"],
    )
    plain = next(c for c in chunks if not c.table)
    old = {
        k: v
        for k, v in plain.to_metadata().items()
        if k not in ("table", "row_start", "row_end", "table_header")
    }
    assert "table" not in plain.to_metadata()
    loaded = Chunk.from_metadata(plain.chunk_id, plain.text, plain.embed_text, old)
    assert (loaded.table, loaded.row_start, loaded.table_header) == ("", 0, [])


def test_citation_of_a_row_pinpoints_table_and_row(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    doc = prepare(path, StructureChunker()).stored
    row = "| 浚县 | PM2.5平均浓度（微克/立方米） | 38 |"
    start = doc.text.display.index(row)
    assert locate(doc, start).pinpoint == "第二部分表1第2行"
    c = cite_span(doc, start, start + len(row))
    assert c.pinpoint == "第二部分表1第2行" and c.quote == row
    assert cite(doc, section="第二部分表1第3行").quote == "| 滑县 | 优良天数比例 | 72% |"


# --- every format reaches the same table sections ------------------------------------------


def _docx(tmp_path: Path) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("二、主要目标")
    d.add_paragraph("表1 各县2025年空气质量目标")
    t = d.add_table(rows=len(TARGETS), cols=3)
    for r, row in enumerate(TARGETS):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _xlsx(tmp_path: Path) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["表1 各县2025年空气质量目标"])
    ws.merge_cells("A1:C1")
    for row in TARGETS:
        ws.append([41.3 if v == "41.3" else 38 if v == "38" else v for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _html(tmp_path: Path) -> bytes:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TARGETS)
    return f"<p>二、主要目标</p><p>表1 各县2025年空气质量目标</p><table>{cells}</table>".encode()


def _doc(tmp_path: Path) -> bytes:
    return word_binary(["二、主要目标", "表1 各县2025年空气质量目标", TARGETS])


def _pdf(tmp_path: Path) -> bytes:
    return text_pdf(["二、主要目标", "表1 各县2025年空气质量目标", TARGETS], tmp_path)


@pytest.mark.parametrize(
    ("name", "make"),
    [("t.docx", _docx), ("t.xlsx", _xlsx), ("t.html", _html), ("t.doc", _doc), ("t.pdf", _pdf)],
)
def test_every_format_gives_the_same_table_chunk(tmp_path: Path, name: str, make: object) -> None:
    chunks = _prepare(tmp_path, name, make(tmp_path))  # type: ignore[operator]
    [table] = [c for c in chunks if c.table]
    assert (table.table, table.row_start, table.row_end) == ("表1", 1, 3)
    assert table.table_header == ["县", "指标", "2025年目标"]
    assert table.section_path[-1] == "表1 各县2025年空气质量目标"
    rows = [split_row(line) for line in table.text.split("\n")[3:]]
    # PDF text is NFKC-normalised (half-width brackets); the cells are the same otherwise
    norm = [[c.replace("(", "（").replace(")", "）") for c in r] for r in rows]
    assert norm == TARGETS[1:]
