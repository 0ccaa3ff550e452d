"""Report citations: GB/T 7714 references, pinpoints, in-text quotes, the basket and its DOCX."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.citations import CitationBasket, SourceCitation, preamble_dates, reference, verify
from assistant.docx_footnotes import read_footnotes
from assistant.schema import DocumentMeta

JIYUAN = "henan-jiyuan-2024-work-points"
ANON = "zhejiang-anon-city-2024-midyear-report"
JINCHENG = "shanxi-jincheng-inspection-rectification-plan"


def test_reference_omits_unknown_parts() -> None:
    meta = DocumentMeta(
        doc_id="x", title="市环保局2024年上半年工作进展情况和下半年工作安排", doc_type="工作总结"
    )
    assert reference(meta) == "市环保局2024年上半年工作进展情况和下半年工作安排[Z]."


def test_reference_of_a_law_uses_its_preamble() -> None:
    display = (
        "# 中华人民共和国大气污染防治法\n\n1987年9月5日 第六届全国人民代表大会常务委员会第二十二次会议通过\n\n"
        "2018年10月26日 第十三届全国人民代表大会常务委员会第六次会议《关于修改…的决定》第二次修正\n\n"
        "## 第一章 总则\n\n第一条 为保护和改善环境……\n"
    )
    assert preamble_dates(display) == [("1987-09-05", "通过"), ("2018-10-26", "修正")]
    meta = DocumentMeta(
        doc_id="law",
        title="中华人民共和国大气污染防治法",
        issuer="全国人民代表大会常务委员会",
        doc_type="法律",
    )
    assert reference(meta, display) == (
        "全国人民代表大会常务委员会. 中华人民共和国大气污染防治法[Z]. 1987-09-05通过, 2018-10-26修正."
    )


def _citation(quote: str = "受污染耕地安全利用率达到95%以上") -> SourceCitation:
    return SourceCitation(
        doc_id="d",
        title="某市2024年工作要点",
        doc_number="某办〔2024〕1号",
        issuer="某市人民政府办公室",
        region="某省 某市",
        reference="某市人民政府办公室. 某市2024年工作要点: 某办〔2024〕1号[EB/OL]. 2024-01-02发布.",
        pinpoint="第二部分",
        section_path=["二、总体目标"],
        section_number="二",
        quote=quote,
        quote_start=0,
        quote_end=len(quote),
        in_text=f"根据《某市2024年工作要点》（某办〔2024〕1号）第二部分的要求，“{quote}”。",
    )


def test_basket_docx_has_real_footnotes(tmp_path: Path) -> None:
    from docx import Document

    basket = CitationBasket()
    basket.add(_citation())
    basket.add(_citation("黄河干流水质保持在Ⅱ类"), text="黄河干流水质要保持在Ⅱ类。")
    out = basket.to_docx(tmp_path / "basket.docx")
    doc = Document(str(out))  # opens with python-docx
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "根据《某市2024年工作要点》" in body and "参考文献" in body
    notes = read_footnotes(str(out))
    assert len(notes) == 2
    assert "受污染耕地安全利用率达到95%以上" in notes[0] and "某办〔2024〕1号" in notes[0]
    assert "黄河干流水质保持在Ⅱ类" in notes[1]
    xml = doc.element.xml
    assert xml.count("w:footnoteReference") == 2
    md = basket.to_markdown()
    assert "[^1]" in md and "[^2]:" in md and "## 参考文献" in md
    again = CitationBasket.from_json(basket.to_json())
    assert again.to_markdown() == md


@pytest.mark.slow
def test_jiyuan_reference_carries_number_and_dates(corpus_assistant: Any) -> None:
    c = corpus_assistant.cite(JIYUAN, quote="受污染耕地安全利用率达到95%以上")
    assert "济管办〔2024〕26号" in c.reference
    assert "2024-09-24" in c.reference and "2024-09-30" in c.reference
    assert c.reference.startswith("济源示范区管委会办公室. ")
    assert c.pinpoint == "第二部分"
    assert c.in_text == (
        "根据《济源示范区2024年生态环境保护工作要点》（济管办〔2024〕26号）第二部分的要求，"
        "“受污染耕地安全利用率达到95%以上”。"
    )
    assert verify(c, corpus_assistant.document(JIYUAN))


@pytest.mark.slow
def test_anonymised_document_gets_no_issuer(corpus_assistant: Any) -> None:
    c = corpus_assistant.cite(ANON)
    meta = corpus_assistant.document(ANON).meta
    assert meta.issuer is None
    assert c.reference == f"{meta.title}[Z]."
    assert c.issuer is None


@pytest.mark.slow
def test_pinpoints_in_the_documents_own_numbering(corpus_assistant: Any) -> None:
    c = corpus_assistant.cite(JIYUAN, section="三.(三).1")
    assert c.pinpoint == "第三部分（三）第1项"
    assert c.in_text.startswith(
        "根据《济源示范区2024年生态环境保护工作要点》（济管办〔2024〕26号）第三部分（三）第1项的要求"
    )
    assert c.section_path[0] == "三、重点任务"
    same = corpus_assistant.cite(JIYUAN, section="第三部分（三）第1项")
    assert same.quote == c.quote
    law = corpus_assistant.cite("reg-shandong-0002", section="第五条")
    assert law.pinpoint == "第五条"  # the quote spans both 款: no 款 in the pinpoint
    one = corpus_assistant.cite(
        "reg-shandong-0002", quote="市、县（区）其他有关部门在各自职责范围内对大气污染防治实施监督管理"
    )
    assert one.pinpoint == "第五条第二款"
    assert "2019-10-24通过" in law.reference and "[Z]" in law.reference


@pytest.mark.slow
def test_traditional_document_is_quoted_in_its_own_script(corpus_assistant: Any) -> None:
    c = corpus_assistant.cite(JINCHENG, quote="市委常委会、政府常务会每季度至少研究一次环境保护工作")
    assert c.quote == "市委常委會、政府常務會每季度至少研究一次環境保護工作"
    assert c.pinpoint == "第三部分（一）第1项"
    assert c.issuer is None and c.reference.endswith("[Z].")


@pytest.mark.slow
def test_basket_from_a_real_answer(corpus_assistant: Any, tmp_path: Path) -> None:
    answer = corpus_assistant.ask("济源2024年受污染耕地安全利用率要达到多少？")
    assert answer.citations
    basket = corpus_assistant.new_basket()
    basket.add_answer(answer, corpus_assistant.document)
    basket.add(corpus_assistant.cite(JIYUAN, section="三.（三）.1"))
    out = basket.to_docx(tmp_path / "r.docx")
    notes = read_footnotes(str(out))
    assert len(notes) == len(answer.citations) + 1
    assert all("济管办〔2024〕26号" in n for n in notes)
    assert answer.citations[0].quote.strip() in notes[0]
    md = basket.to_markdown()
    assert "济管办〔2024〕26号" in md and "[^1]" in md


@pytest.mark.slow
def test_cli_cite(
    corpus_assistant: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from assistant.cli import main

    monkeypatch.setenv("POLICY_ASSISTANT_DATA_DIR", str(corpus_assistant.settings.data_dir))
    out = tmp_path / "c.docx"
    assert main(["cite", JIYUAN, "--section", "二", "--format", "docx", "--out", str(out)]) == 0
    notes = read_footnotes(str(out))
    assert notes and "济管办〔2024〕26号" in notes[0] and "受污染耕地安全利用率" in notes[0]
    assert main(["cite", JIYUAN, "--section", "二", "--format", "md"]) == 0
    assert "[^1]" in capsys.readouterr().out
