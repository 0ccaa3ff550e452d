"""Attachments (附件) of an official document become their own sections, cited as 附件1."""

from __future__ import annotations

import io
from pathlib import Path

from assistant.chunking import StructureChunker
from assistant.citations import cite, cite_span
from assistant.ingest.pipeline import prepare
from assistant.sections import format_tree, parse_sections, pinpoint

NOTICE = """淇县人民政府办公室关于印发淇县2025年大气污染防治攻坚方案的通知
淇政办〔2025〕7号
各乡镇人民政府，县政府各部门：
现将《淇县2025年大气污染防治攻坚方案》和重点任务清单印发给你们，请认真贯彻落实。
附件：1．淇县2025年大气污染防治攻坚方案
2．淇县2025年大气污染防治重点任务清单
淇县人民政府办公室
2025年3月1日
附件1
淇县2025年大气污染防治攻坚方案
一、总体要求
以改善空气质量为核心，全面推进大气污染防治工作。
二、主要任务
（一）工业污染治理。完成钢铁企业超低排放改造。
（二）扬尘污染治理。严格落实施工工地“六个百分之百”要求。
附件2：淇县2025年大气污染防治重点任务清单
一、工业领域
| 序号 | 任务 | 责任单位 | 完成时限 |
| --- | --- | --- | --- |
| 1 | 完成钢铁超低排放改造 | 县工信局 | 2025年6月 |
| 2 | 淘汰35蒸吨以下燃煤锅炉 | 县生态环境分局 | 2025年9月 |
二、扬尘领域
（一）建立扬尘治理台账。"""


def _paths() -> dict[str, str]:
    tree = parse_sections(NOTICE)
    return {NOTICE[p.start : p.end]: pinpoint(p.path) for p in tree.paragraphs}


def test_attachments_are_sections_with_their_titles_and_fresh_numbering() -> None:
    assert format_tree(parse_sections(NOTICE)).split("\n") == [
        "附件1 淇县2025年大气污染防治攻坚方案",
        "  一、总体要求",
        "  二、主要任务",
        "    （一）工业污染治理",
        "    （二）扬尘污染治理",
        "附件2 淇县2025年大气污染防治重点任务清单",
        "  一、工业领域",
        "    表1",
        "      第1行",
        "      第2行",
        "  二、扬尘领域",
        "    （一）建立扬尘治理台账",
    ]


def test_pinpoints_name_the_attachment() -> None:
    paths = _paths()
    assert paths["（一）工业污染治理。完成钢铁企业超低排放改造。"] == "附件1第二部分（一）"
    assert paths["| 2 | 淘汰35蒸吨以下燃煤锅炉 | 县生态环境分局 | 2025年9月 |"] == "附件2第一部分表1第2行"
    assert paths["（一）建立扬尘治理台账。"] == "附件2第二部分（一）"


def test_the_list_of_attachments_in_the_body_is_not_an_attachment() -> None:
    paths = _paths()
    assert paths["附件：1．淇县2025年大气污染防治攻坚方案"] == ""
    assert paths["淇县人民政府办公室"] == ""  # the signature stays with the main text


def test_single_attachment_after_the_signature() -> None:
    text = (
        "关于做好秸秆禁烧工作的通知\n各乡镇人民政府：\n请按要求做好秸秆禁烧工作，确保不发生火点。请于每周五前报送进展情况。\n"
        "附件：秸秆禁烧工作进展统计表\n浚县人民政府办公室\n2025年5月20日\n"
        "附件\n秸秆禁烧工作进展统计表\n| 乡镇 | 火点数 |\n| --- | --- |\n| 善堂镇 | 0 |"
    )
    tree = parse_sections(text)
    # the title line is also the table's caption
    assert format_tree(tree).split("\n") == [
        "附件 秸秆禁烧工作进展统计表",
        "  表1 秸秆禁烧工作进展统计表",
        "    第1行",
    ]
    row = next(p for p in tree.paragraphs if text[p.start : p.end] == "| 善堂镇 | 0 |")
    assert pinpoint(row.path) == "附件表1第1行"


def test_attachment_sent_as_a_separate_file_or_named_in_a_sentence_is_no_section() -> None:
    text = (
        "关于印发整改方案的通知\n各县区人民政府：\n现将整改方案印发给你们，请认真组织实施，确保各项整改任务按期完成。\n"
        "附件中所列问题须逐项整改。\n附件：整改措施清单.doc"
    )
    assert not any(s.kind == "annex" for s in parse_sections(text).root.walk())


def test_attachment_heading_in_markdown() -> None:
    text = "# 某市条例\n第一条 为了规范管理，制定本条例。\n第二条 本条例自2025年1月1日起施行。\n## 附件1 收费标准\n一、基本收费\n按月收取。"
    tree = parse_sections(text)
    annex = next(s for s in tree.root.walk() if s.kind == "annex")
    assert (annex.number, annex.title) == ("附件1", "收费标准")
    assert [c.heading for c in annex.children] == ["一、基本收费"]


def test_chunks_and_citations_of_an_attachment(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    doc = prepare(path, StructureChunker(max_tokens=400, min_tokens=20)).stored
    annex_chunks = [c for c in doc.chunks if c.section_path and c.section_path[0].startswith("附件")]
    assert {c.section_path[0] for c in annex_chunks} == {
        "附件1 淇县2025年大气污染防治攻坚方案",
        "附件2 淇县2025年大气污染防治重点任务清单",
    }
    table = next(c for c in doc.chunks if c.table)
    assert table.table == "附件2表1"
    quote = "完成钢铁企业超低排放改造"
    start = doc.text.display.index(quote)
    c = cite_span(doc, start, start + len(quote))
    assert c.pinpoint == "附件1第二部分（一）"
    assert "附件1第二部分（一）的要求" in c.in_text
    assert cite(doc, section="附件2第一部分表1第1行").quote.startswith("| 1 | 完成钢铁超低排放改造")


def test_attachment_in_a_docx(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    for line in NOTICE.split("\n")[:16]:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    path = tmp_path / "notice.docx"
    path.write_bytes(buf.getvalue())
    doc = prepare(path, StructureChunker()).stored
    assert any(c.section_path[:1] == ["附件1 淇县2025年大气污染防治攻坚方案"] for c in doc.chunks)
