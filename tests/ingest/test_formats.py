"""Every format through the one loader interface, with real files the tests write themselves."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from assistant.errors import BadDocumentError
from assistant.ingest.formats.base import Piece, group_lines, page_with_tables
from assistant.ingest.loaders import load_bytes, sniff
from tests.ingest.files import (
    NOTO_SERIF,
    SC,
    compound_file,
    image_bytes,
    ofd_file,
    render_page,
    render_table_page,
    scanned_pdf,
    text_pdf,
    word_binary,
)

TARGETS = [
    ["县", "指标", "2025年目标"],
    ["淇县", "PM2.5平均浓度（微克/立方米）", "41.3"],
    ["浚县", "PM2.5平均浓度（微克/立方米）", "38"],
]
TABLE_LINES = [
    "| 县 | 指标 | 2025年目标 |",
    "| --- | --- | --- |",
    "| 淇县 | PM2.5平均浓度（微克/立方米） | 41.3 |",
    "| 浚县 | PM2.5平均浓度（微克/立方米） | 38 |",
]


# --- DOCX ------------------------------------------------------------------------------------


def _docx_bytes(build: object) -> bytes:
    import docx

    document = docx.Document()
    build(document)  # type: ignore[operator]
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_table_becomes_a_markdown_table_with_merged_cells_filled() -> None:
    def build(d: object) -> None:
        d.add_paragraph("表1 各县2025年空气质量目标")  # type: ignore[attr-defined]
        t = d.add_table(rows=4, cols=3)  # type: ignore[attr-defined]
        for r, row in enumerate(
            [["县", "指标", "目标"], ["淇县", "PM2.5", "41.3"], ["", "PM10", "70"], ["浚县", "PM2.5", "38"]]
        ):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
        t.cell(1, 0).merge(t.cell(2, 0))  # 淇县 spans its two indicator rows
        d.add_paragraph("二、保障措施")  # type: ignore[attr-defined]

    loaded = load_bytes(_docx_bytes(build), "目标.docx")
    assert loaded.text.split("\n") == [
        "表1 各县2025年空气质量目标",
        "| 县 | 指标 | 目标 |",
        "| --- | --- | --- |",
        "| 淇县 | PM2.5 | 41.3 |",
        "| 淇县 | PM10 | 70 |",
        "| 浚县 | PM2.5 | 38 |",
        "二、保障措施",
    ]


def test_docx_header_merged_across_columns_repeats_in_each() -> None:
    def build(d: object) -> None:
        t = d.add_table(rows=3, cols=3)  # type: ignore[attr-defined]
        t.cell(0, 0).text = "县"
        t.cell(0, 1).text = "2025年目标"
        t.cell(0, 1).merge(t.cell(0, 2))
        for c, v in enumerate(["", "PM2.5", "PM10"]):
            t.cell(1, c).text = v
        for c, v in enumerate(["淇县", "41.3", "70"]):
            t.cell(2, c).text = v

    lines = load_bytes(_docx_bytes(build), "a.docx").text.split("\n")
    assert lines[0] == "| 县 | 2025年目标 | 2025年目标 |"
    assert lines[-1] == "| 淇县 | 41.3 | 70 |"


# --- XLSX ------------------------------------------------------------------------------------


def test_xlsx_sheet_with_title_row_percentages_and_dates() -> None:
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "空气质量目标"
    ws.append(["2025年各县空气质量目标"])
    ws.merge_cells("A1:D1")
    ws.append(["县", "PM2.5（微克/立方米）", "优良天数比例", "完成时限"])
    ws.append(["淇县", 41.3, 0.725, dt.datetime(2025, 12, 31)])
    ws.append(["浚县", 38, 0.8, dt.datetime(2025, 12, 31)])
    for row in (3, 4):
        ws.cell(row, 3).number_format = "0.0%"
    extra = wb.create_sheet("Sheet2")
    extra.append(["说明"])
    buf = io.BytesIO()
    wb.save(buf)
    loaded = load_bytes(buf.getvalue(), "目标.xlsx")
    assert loaded.format == "xlsx"
    assert loaded.text.split("\n") == [
        "空气质量目标",
        "2025年各县空气质量目标",
        "| 县 | PM2.5（微克/立方米） | 优良天数比例 | 完成时限 |",
        "| --- | --- | --- | --- |",
        "| 淇县 | 41.3 | 72.5% | 2025-12-31 |",
        "| 浚县 | 38 | 80% | 2025-12-31 |",
        "说明",
    ]


# --- .doc / .wps -----------------------------------------------------------------------------

BLOCKS = [
    "关于印发淇县2025年大气污染防治攻坚方案的通知",
    "Work plan 2025.",  # ASCII: stored 8-bit in the file
    TARGETS,
    "一、总体要求",
]
EXPECTED = ["关于印发淇县2025年大气污染防治攻坚方案的通知", "Work plan 2025.", *TABLE_LINES, "一、总体要求"]


@pytest.mark.parametrize("reorder", [False, True])
@pytest.mark.parametrize("name", ["方案.doc", "方案.wps"])
def test_word_binary_follows_the_piece_table_and_keeps_table_rows(name: str, reorder: bool) -> None:
    loaded = load_bytes(word_binary(BLOCKS, reorder=reorder), name)
    assert loaded.format == name.rsplit(".", 1)[1]
    assert loaded.text.split("\n") == EXPECTED


def test_word_binary_fixture_is_read_alike_by_an_independent_parser() -> None:
    """wps2md reads the fixture's paragraph properties the same way (cells, row ends)."""
    wps2md = pytest.importorskip("wps2md")
    doc = wps2md.parse(word_binary(["标题", TARGETS]))
    flags = [(p.text, p.in_table, p.is_row_end) for p in doc.paragraphs if p.in_table]
    assert flags[:4] == [
        ("县", True, False),
        ("指标", True, False),
        ("2025年目标", True, False),
        ("", True, True),
    ]


def test_encrypted_word_binary_names_the_file() -> None:
    with pytest.raises(BadDocumentError, match=r"已加密.*机密方案\.doc"):
        load_bytes(word_binary(["内容"], encrypted=True), "机密方案.doc")


def test_doc_that_is_really_html_is_read_as_html() -> None:
    page = "<html><body><p>关于印发方案的通知</p><p>一、总体要求</p></body></html>".encode("gb18030")
    loaded = load_bytes(page, "网页另存.doc")
    assert loaded.text.split("\n") == ["关于印发方案的通知", "一、总体要求"]


def test_docx_saved_with_a_doc_suffix_is_read_as_docx() -> None:
    loaded = load_bytes(_docx_bytes(lambda d: d.add_paragraph("改了扩展名的文件")), "old.doc")
    assert loaded.format == "docx"
    assert loaded.text == "改了扩展名的文件"


def test_excel_97_file_named_doc_is_explained() -> None:
    data = compound_file({"Workbook": b"\x09\x08" + b"\0" * 100})
    with pytest.raises(BadDocumentError, match=r"Excel 97-2003.*统计表\.doc"):
        load_bytes(data, "统计表.doc")


# --- OFD -------------------------------------------------------------------------------------

OFD_PARAGRAPHS = [
    ("title", "淇县人民政府办公室文件"),
    ("title", "淇政办〔2025〕7号"),
    ("title", "关于印发淇县2025年大气污染防治攻坚方案的通知"),
    ("plain", "各乡镇人民政府，县政府各部门："),
    (
        "body",
        "现将《淇县2025年大气污染防治攻坚方案》印发给你们，请认真贯彻落实。全县PM2.5平均浓度控制在"
        "41.3微克/立方米以下，优良天数比例达到72%以上，重污染天数控制在5天以内。",
    ),
    ("body", "一、总体要求"),
    ("body", "（一）加强组织领导。各单位要高度重视，切实履行职责，确保各项任务按期完成。"),
]


def test_ofd_text_in_reading_order_with_wrapped_paragraphs_joined() -> None:
    data = ofd_file(
        OFD_PARAGRAPHS, title="淇县大气污染防治攻坚方案", author="淇县人民政府办公室", created="2025-03-01"
    )
    loaded = load_bytes(data, "通知.ofd")
    assert loaded.format == "ofd"
    assert loaded.text.split("\n") == [text for _, text in OFD_PARAGRAPHS]
    assert dict(loaded.properties) == {
        "title": "淇县大气污染防治攻坚方案",
        "author": "淇县人民政府办公室",
        "created": "2025-03-01",
    }


def test_ofd_pages_are_reported_and_read_in_order() -> None:
    paras = [("body", f"第{i}段，" + "内容" * 30) for i in range(1, 9)]
    seen: list[tuple[int, int]] = []
    loaded = load_bytes(ofd_file(paras, lines_per_page=6), "多页.ofd", lambda d, t, m: seen.append((d, t)))
    assert loaded.pages == 4 and seen == [(1, 4), (2, 4), (3, 4), (4, 4)]  # 3 lines a paragraph
    assert [ln.split("，")[0] for ln in loaded.text.split("\n")] == [f"第{i}段" for i in range(1, 9)]


def test_broken_ofd_names_the_file() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("Doc_0/Document.xml", "<x/>")
    with pytest.raises(BadDocumentError, match=r"OFD.*坏了\.ofd"):
        load_bytes(buf.getvalue(), "坏了.ofd")


# --- PDF with a text layer -------------------------------------------------------------------


def test_pdf_ruled_table_becomes_a_markdown_table(tmp_path: Path) -> None:
    data = text_pdf(
        ["表1 各县2025年空气质量目标", TARGETS, "一、总体要求。确保地表水Ⅱ类水质比例持续提升。"], tmp_path
    )
    loaded = load_bytes(data, "目标.pdf")
    assert loaded.ocr_pages == ()
    lines = loaded.text.split("\n")
    assert lines[0] == "表1 各县2025年空气质量目标"
    # NFKC turns the full-width brackets of the text layer half-width; Ⅱ stays a Roman numeral
    assert lines[1:5] == [ln.replace("（", "(").replace("）", ")") for ln in TABLE_LINES]
    assert lines[5] == "一、总体要求。确保地表水Ⅱ类水质比例持续提升。"


# --- bad files -------------------------------------------------------------------------------


def test_zip_bomb_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w:document/>")
        zf.writestr("word/media/huge.bin", b"\0" * (40 * 1024 * 1024))
    with pytest.raises(BadDocumentError, match=r"压缩炸弹.*炸弹\.docx"):
        load_bytes(buf.getvalue(), "炸弹.docx")


def test_encrypted_pdf_names_the_file(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(text_pdf(["机密内容"], tmp_path))).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(BadDocumentError, match=r"已加密.*机密\.pdf"):
        load_bytes(buf.getvalue(), "机密.pdf")


def test_binary_data_named_txt_is_refused() -> None:
    with pytest.raises(BadDocumentError, match=r"无法识别文件编码.*程序\.txt"):
        load_bytes(bytes(range(256)) * 40, "程序.txt")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\x89PNG\r\n\x1a\n", "image"),
        (b"\xff\xd8\xff\xe0", "image"),
        (b"{\\rtf1\\ansi", "rtf"),
        ("纯文本".encode(), None),
        ("纯文本".encode("utf-16-le"), None),
    ],
)
def test_sniff(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind


# --- HTML tables -----------------------------------------------------------------------------


def test_html_table_with_row_and_column_spans() -> None:
    from assistant.ingest.loaders import html_to_text

    html = """<p>表2 重点任务</p><table>
    <tr><th>县</th><th colspan="2">2025年目标</th></tr>
    <tr><td rowspan="2">淇县</td><td>PM2.5</td><td>41.3</td></tr>
    <tr><td>PM10</td><td>70</td></tr></table><p>二、保障措施</p>"""
    assert html_to_text(html).split("\n") == [
        "表2 重点任务",
        "| 县 | 2025年目标 | 2025年目标 |",
        "| --- | --- | --- |",
        "| 淇县 | PM2.5 | 41.3 |",
        "| 淇县 | PM10 | 70 |",
        "二、保障措施",
    ]


def test_html_header_grid_of_labels_and_values_stays_lines() -> None:
    from assistant.ingest.loaders import html_to_text

    html = (
        "<table><tr><td>索引号：</td><td>0056/2024-00312</td><td>发文机关：</td><td>郑州市人民政府办公厅</td></tr>"
        "<tr><td>发文字号：</td><td>郑政办〔2024〕41号</td><td>成文日期：</td><td>2024年10月12日</td></tr></table>"
    )
    assert html_to_text(html).split("\n") == [
        "索引号： 0056/2024-00312 发文机关： 郑州市人民政府办公厅",
        "发文字号： 郑政办〔2024〕41号 成文日期： 2024年10月12日",
    ]


def test_html_layout_table_is_read_as_blocks() -> None:
    from assistant.ingest.loaders import html_to_text

    body = "各单位要高度重视。" * 40
    html = f"<table><tr><td><table><tr><td>导航</td><td>首页</td></tr></table></td></tr><tr><td><p>关于印发方案的通知</p><p>{body}</p></td></tr></table>"
    assert html_to_text(html).split("\n")[-2:] == ["关于印发方案的通知", body]


# --- OCR (slow: the models take seconds a page on two cores) ---------------------------------


def test_ocr_models_come_from_the_installed_wheel() -> None:
    import rapidocr

    from assistant.ingest.formats.ocr import _packaged_models

    root = Path(rapidocr.__file__).parent
    assert all(p.is_file() and root in p.parents for p in _packaged_models().values())


@pytest.mark.slow
def test_png_scan_is_read_by_ocr_offline() -> None:
    """The network guard of conftest is active: OCR must not fetch anything."""
    page = render_page(
        ["淇政办〔2024〕7号", "地表水Ⅱ类水质比例达到60%，PM2.5浓度控制在41.3微克/立方米以下。"]
    )
    loaded = load_bytes(image_bytes(page), "扫描件.png")
    assert loaded.format == "image" and loaded.ocr_pages == (1,)
    assert "淇政办〔2024〕7号" in loaded.text
    assert "Ⅱ类" in loaded.text and "41.3微克/立方米" in loaded.text


@pytest.mark.slow
def test_jpeg_scan_of_traditional_text() -> None:
    page = render_page(
        ["晉環發〔2024〕18號", "嚴格執行排放標準，確保環境質量持續改善。"], font=NOTO_SERIF, face=3
    )
    loaded = load_bytes(image_bytes(page, "JPEG"), "掃描.jpg")
    assert "晉環發〔2024〕18號" in loaded.text
    assert "嚴格執行排放標準" in loaded.text


@pytest.mark.slow
def test_pdf_pages_are_decided_one_by_one(tmp_path: Path) -> None:
    """A typed page and a scanned page in one PDF: only the scanned one goes through OCR."""
    from pypdf import PdfReader, PdfWriter

    typed = text_pdf(["一、总体要求。全面推进大气污染防治工作。"], tmp_path)
    scan = scanned_pdf(
        [render_page(["附件1", "淇县重点任务清单", "二、浚政〔2025〕12号文件要求加快整治。"], face=SC)]
    )
    writer = PdfWriter()
    for data in (typed, scan):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    progress: list[tuple[int, int, str]] = []
    loaded = load_bytes(buf.getvalue(), "混合.pdf", lambda d, t, m: progress.append((d, t, m)))
    assert loaded.ocr_pages == (2,)
    assert loaded.text.split("\n")[0] == "一、总体要求。全面推进大气污染防治工作。"
    assert "浚政〔2025〕12号" in loaded.text
    assert [(d, t) for d, t, _ in progress] == [(1, 2), (1, 2), (2, 2)]
    assert "OCR" in progress[1][2]


@pytest.mark.slow
def test_scan_without_any_text_says_so() -> None:
    from PIL import Image

    blank = Image.new("L", (800, 1100), 255)
    with pytest.raises(BadDocumentError, match=r"没有可读取的文字.*空白\.pdf"):
        load_bytes(scanned_pdf([blank]), "空白.pdf")


# --- OCR'd tables: text boxes grouped into rows and columns ----------------------------------


def _boxes(rows: list[list[tuple[str, float]]], char: float = 40.0) -> list[Piece]:
    """Text boxes as OCR gives them: each (text, left edge) on rows 2 characters apart."""
    return [
        Piece(text, x, x + char * len(text), 2 * char * r, 2 * char * r + char)
        for r, row in enumerate(rows)
        for text, x in row
    ]


def test_a_grid_of_boxes_is_a_table_and_the_lines_around_it_stay_text() -> None:
    boxes = _boxes(
        [
            [("表1 各乡镇目标", 200)],
            [("乡镇", 200), ("PM2.5浓度", 500), ("比例", 1100)],
            [("北阳镇", 200), ("40", 500), ("73%", 1100)],
            [("西岗镇", 200), ("42.5", 500), ("70%", 1100)],
            [("各乡镇要落实属地责任。", 200)],
        ]
    )
    assert page_with_tables(group_lines(boxes), 1600).paragraphs == [
        "表1 各乡镇目标",
        "| 乡镇 | PM2.5浓度 | 比例 |",
        "| --- | --- | --- |",
        "| 北阳镇 | 40 | 73% |",
        "| 西岗镇 | 42.5 | 70% |",
        "各乡镇要落实属地责任。",
    ]


def test_an_empty_cell_keeps_its_column() -> None:
    boxes = _boxes(
        [
            [("县", 200), ("目标", 500), ("时限", 900)],
            [("淇县", 200), ("6月", 900)],
            [("浚县", 200), ("38", 500), ("9月", 900)],
        ]
    )
    assert page_with_tables(group_lines(boxes)).paragraphs[2:] == ["| 淇县 |  | 6月 |", "| 浚县 | 38 | 9月 |"]


def test_too_few_rows_or_misaligned_boxes_stay_text() -> None:
    two = _boxes(
        [[("淇县人民政府办公室", 200), ("2025年3月1日", 1000)], [("抄送：县委办", 200), ("县人大办", 1000)]]
    )
    assert not any(p.startswith("|") for p in page_with_tables(group_lines(two)).paragraphs)
    # one box per line (body text) is no table, however many lines
    text = _boxes([[("一、总体要求", 200)], [("全面推进大气污染防治。", 280)], [("二、主要任务", 200)]])
    assert page_with_tables(group_lines(text)).paragraphs == [
        "一、总体要求",
        "全面推进大气污染防治。",
        "二、主要任务",
    ]


@pytest.mark.slow
def test_scanned_ruled_table_is_read_as_rows(tmp_path: Path) -> None:
    from assistant.chunking import StructureChunker
    from assistant.ingest.pipeline import prepare

    rows = [
        ["乡镇", "PM2.5浓度（微克/立方米）", "优良天数比例"],
        ["北阳镇", "40", "73%"],
        ["西岗镇", "42.5", "70%"],
        ["高村镇", "39", "75%"],
    ]
    page = render_table_page(
        ["淇环〔2024〕15号", "表1 各乡镇2025年空气质量目标"], rows, ["各乡镇要落实属地责任，确保目标完成。"]
    )
    path = tmp_path / "目标表.png"
    path.write_bytes(image_bytes(page))
    doc = prepare(path, StructureChunker(max_tokens=60, min_tokens=10)).stored
    lines = doc.text.display.split("\n")
    assert "淇环〔2024〕15号" in lines[0]
    head = next(i for i, ln in enumerate(lines) if ln.startswith("| 乡镇"))
    assert "微克/立方米" in lines[head] and lines[head].count("|") == 4
    assert lines[head + 1] == "| --- | --- | --- |"
    assert lines[head + 2 : head + 5] == [
        "| 北阳镇 | 40 | 73% |",
        "| 西岗镇 | 42.5 | 70% |",
        "| 高村镇 | 39 | 75% |",
    ]
    assert lines[head + 5].startswith("各乡镇要落实属地责任")
    # a table section like a DOCX or PDF table: chunked by rows, every chunk with the header
    tables = [c for c in doc.chunks if c.table]
    assert {c.table for c in tables} == {"表1"} and tables[-1].row_end == 3
    assert all(c.table_header[0] == "乡镇" and "微克/立方米" in c.embed_text for c in tables)
