"""Cross-region comparison over the whole corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.citations import verify
from assistant.compare import NOT_FOUND, topic_from_question
from assistant.docx_footnotes import read_footnotes


def test_topic_from_question() -> None:
    assert topic_from_question("安徽和济源在秸秆禁烧方面的要求有何不同？") == "秸秆禁烧"
    assert topic_from_question("各地扬尘污染防治规定有何不同") == "扬尘污染防治"
    assert topic_from_question("安徽和郑州经开区对比：新能源汽车推广有何要求？") == "新能源汽车推广"


def _row(comparison: Any, label: str) -> Any:
    return next(r for r in comparison.rows if r.label == label)


@pytest.mark.slow
def test_rows_cite_the_right_sections_and_absent_region(corpus_assistant: Any) -> None:
    c = corpus_assistant.compare("秸秆禁烧", regions=["安徽", "济源", "北京"])
    assert [r.label for r in c.rows] == ["安徽省", "河南省 济源市", "北京市"]
    anhui, jiyuan, beijing = c.rows
    assert anhui.found and anhui.requirements[0].citation.pinpoint == "第三部分（三）"
    assert "秸秆禁烧" in anhui.requirements[0].quote
    assert jiyuan.found and jiyuan.requirements[0].citation.pinpoint.startswith("第三部分（三）第1项")
    assert jiyuan.requirements[0].citation.doc_number == "济管办〔2024〕26号"
    assert beijing.status == "no_documents" and NOT_FOUND in beijing.message
    for row in (anhui, jiyuan):
        for r in row.requirements:  # every quote is the stored text, exactly
            assert verify(r.citation, corpus_assistant.document(r.citation.doc_id))
    md = c.to_markdown()
    assert "北京市" in md and NOT_FOUND in md and "济管办〔2024〕26号" in md


@pytest.mark.slow
def test_not_found_shows_closest_passage_as_such(corpus_assistant: Any) -> None:
    c = corpus_assistant.compare("受污染耕地安全利用率", regions=["安徽", "济源"])
    anhui, jiyuan = c.rows
    assert anhui.status == "not_found" and anhui.closest is not None
    assert "受污染耕地" in anhui.closest.quote
    assert jiyuan.found
    q = jiyuan.requirements[0].quantities[0]
    assert (q.value, q.unit, q.comparator, q.year) == (95.0, "%", "以上", 2024)
    md = c.to_markdown()
    assert "未检索到相关规定" in md and "最接近的段落（非直接规定）" in md


@pytest.mark.slow
def test_responsible_units_from_work_plan(corpus_assistant: Any) -> None:
    c = corpus_assistant.compare("新能源汽车推广", regions=["郑州经济技术开发区"])
    row = c.rows[0]
    assert row.found
    resp = row.requirements[0].responsible
    assert any(r.startswith("责任单位：区工信局") for r in resp)
    assert row.requirements[0].citation.pinpoint == "第三部分（二）第2项"


@pytest.mark.slow
def test_chat_routing(corpus_assistant: Any) -> None:
    c = corpus_assistant.compare_question("安徽和济源在秸秆禁烧方面的要求有何不同？")
    assert c is not None and c.topic == "秸秆禁烧"
    assert [r.label for r in c.rows] == ["安徽省", "河南省 济源市"]
    assert corpus_assistant.compare_question("济源的受污染耕地安全利用率是多少？") is None
    every = corpus_assistant.compare_question("各地扬尘污染防治规定有何不同")
    assert every is not None and len(every.rows) >= 5


@pytest.mark.slow
def test_exports(corpus_assistant: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    from docx import Document

    c = corpus_assistant.compare("秸秆禁烧", regions=["安徽", "济源", "北京"])
    out = c.to_docx(tmp_path / "c.docx")
    doc = Document(str(out))
    cells = [cell.text for row in doc.tables[0].rows for cell in row.cells]
    assert "北京市" in cells and any("秸秆" in t for t in cells)
    notes = read_footnotes(str(out))
    assert len(notes) == 2 and any("济管办〔2024〕26号" in n for n in notes)
    csv_text = c.to_csv()
    assert csv_text.splitlines()[0].startswith("地区,") and "北京市" in csv_text

    from assistant.cli import main

    monkeypatch.setenv("POLICY_ASSISTANT_DATA_DIR", str(corpus_assistant.settings.data_dir))
    assert main(["compare", "秸秆禁烧", "--regions", "安徽,济源,北京", "--format", "md"]) == 0
    printed = capsys.readouterr().out
    assert "| 安徽省 |" in printed and NOT_FOUND in printed
