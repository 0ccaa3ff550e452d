"""Attachments (附件) of an official document become their own sections, cited as 附件1."""

from __future__ import annotations

import io
from pathlib import Path

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.chunking import StructureChunker
from assistant.citations import cite, cite_span
from assistant.index.docstore import StoredDocument
from assistant.ingest.pipeline import prepare
from assistant.query import analyse
from assistant.schema import Chunk, Document, Passage
from assistant.sections import annex_references, format_tree, parse_sections, pinpoint
from tests.answer.builders import Doc, make_doc

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


# A work plan whose targets are only in its attachment: the item says "见附件1".
PLAN = """淇县2025年空气质量提升工作方案
一、工作目标
到2025年底，全县空气质量持续改善，各乡镇PM2.5浓度和优良天数比例目标见附件1。
二、重点任务
（一）工业污染治理。完成钢铁企业超低排放改造，具体任务清单（附件2）由县工信局牵头落实。
（二）扬尘污染治理。严格落实施工工地“六个百分之百”要求。
淇县人民政府办公室
2025年3月1日
附件1
各乡镇空气质量改善目标
| 乡镇 | PM2.5浓度（微克/立方米） | 优良天数比例 |
| --- | --- | --- |
| 北阳镇 | 40 | 73% |
| 西岗镇 | 42 | 70% |
| 高村镇 | 39 | 75% |
附件2
工业污染治理任务清单
一、钢铁行业
完成两家钢铁企业有组织排放和无组织排放超低排放改造。"""


def _plan(tmp_path: Path) -> StoredDocument:
    path = tmp_path / "淇县2025年空气质量提升工作方案.txt"
    path.write_text(PLAN, encoding="utf-8")
    return prepare(path, StructureChunker(max_tokens=400, min_tokens=20)).stored


def test_a_reference_in_the_text_links_its_chunk_to_the_attachment(tmp_path: Path) -> None:
    doc = _plan(tmp_path)
    links = {c.text.split("\n")[0][:12]: c.annex_links for c in doc.chunks if c.annex_links}
    target = next(c for c in doc.chunks if "目标见附件1" in c.text)
    assert target.annex_links == ["附件1"]
    task = next(c for c in doc.chunks if "（附件2）" in c.text)
    assert "附件2" in task.annex_links
    # the attachments' own headings and rows refer to nothing
    assert all(not c.section_number.startswith("附件") for c in doc.chunks if c.annex_links), links
    # the link survives the index's flat metadata
    back = Chunk.from_metadata(target.chunk_id, target.text, target.embed_text, target.to_metadata())
    assert back.annex_links == ["附件1"]


def test_an_unnumbered_reference_names_the_only_attachment_and_no_one_of_several() -> None:
    assert [r.number for r in annex_references("具体要求详见附件。")] == [None]
    assert annex_references("附件：1．方案\n附件1\n附件中所列问题须逐项整改。") == []
    one = "关于报送进展的通知\n各乡镇：\n请按统计表格式按时报送秸秆禁烧进展，详见附件。\n附件\n统计表\n| 乡镇 | 火点数 |\n| --- | --- |\n| 善堂镇 | 0 |"
    doc = make_doc("one", one, "关于报送进展的通知")
    tree = parse_sections(one)
    chunks = StructureChunker(max_tokens=400, min_tokens=5).split(_document(doc), tree)
    assert next(c for c in chunks if "详见附件" in c.text).annex_links == ["附件"]
    two = PLAN.replace("目标见附件1", "目标详见附件")
    chunks = StructureChunker(max_tokens=400, min_tokens=20).split(
        _document(make_doc("two", two, "方案")), parse_sections(two)
    )
    assert next(c for c in chunks if "目标详见附件" in c.text).annex_links == []


def test_an_answer_from_the_referring_passage_reaches_the_attachment_table(tmp_path: Path) -> None:
    doc = _plan(tmp_path)
    # retrieval found only the item that announces the targets, not the attachment's table
    item = next(c for c in doc.chunks if "目标见附件1" in c.text)
    question = "北阳镇2025年PM2.5浓度目标是多少？"
    answer = ExtractiveAnswerer().answer(
        analyse(question, [doc]), [Passage(item, 1.0, rank=1)], lambda _: doc
    )
    assert not answer.abstained
    assert "40" in answer.text and "附件1表1第1行" in answer.text
    (cit,) = answer.citations
    assert cit.quote == "| 北阳镇 | 40 | 73% |"
    assert cit.section_number == "附件1.表1.第1行"
    assert cite_span(doc, cit.quote_start, cit.quote_end).pinpoint == "附件1表1第1行"


def _document(doc: Doc) -> Document:
    return Document(doc.stored.meta, doc.stored.text, doc.stored.content_hash)
