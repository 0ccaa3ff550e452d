"""Loaders: every encoding and format we promise to read, and the errors for what we cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import BadDocumentError, UnsupportedFormatError
from assistant.ingest.loaders import html_to_text, load_bytes, load_file, pdf_nfkc

SIMPLIFIED = "晋城市贯彻落实省委省政府环境保护督察组督察反馈意见整改方案。\n（一）坚决贯彻落实中央和省委、省政府的决策部署，全面深化督察整改工作。"
TRADITIONAL = "晉城市貫徹落實省委省政府環境保護督察組督察反饋意見整改方案。\n（一）堅決貫徹落實中央和省委、省政府的決策部署，全面深化督察整改工作。"


@pytest.mark.parametrize(
    ("text", "data_encoding", "expected_encoding"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "utf-8-sig", "utf-8"),
        (SIMPLIFIED, "utf-16", "utf-16"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
    ],
)
def test_text_encodings_round_trip(
    tmp_path: Path, text: str, data_encoding: str, expected_encoding: str
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(data_encoding))
    loaded = load_file(path)
    assert loaded.text == text
    assert loaded.encoding == expected_encoding
    assert loaded.format == "txt"


def test_short_gbk_text_is_not_read_as_a_cyrillic_codepage() -> None:
    loaded = load_bytes("环境保护".encode("gbk"), "a.txt")
    assert loaded.text == "环境保护"


def test_crlf_becomes_lf() -> None:
    assert load_bytes("第一行\r\n第二行\r\n".encode(), "a.md").text == "第一行\n第二行\n"


def test_html_keeps_blocks_and_drops_script_style_nav() -> None:
    html = """<html><head><title>页面标题</title><style>p{color:red}</style></head>
    <body><nav>首页 &gt; 政务公开</nav><script>var x = "不要";</script>
    <h1>关于印发方案的通知</h1><p>第一段&nbsp;文字，<b>加粗</b>部分。</p><div>第二段</div>
    <table><tr><td>单元格一</td><td>单元格二</td></tr></table></body></html>"""
    text = html_to_text(html)
    assert text.split("\n") == [
        "关于印发方案的通知",
        "第一段 文字，加粗部分。",
        "第二段",
        "单元格一 单元格二",
    ]


def test_html_file_in_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes("<p>生态环境保护工作要点</p><p>一、总体要求</p>".encode("gb18030"))
    loaded = load_file(path)
    assert loaded.format == "html"
    assert loaded.text == "生态环境保护工作要点\n一、总体要求"


def test_docx_paragraphs_and_table_cells(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("关于印发工作要点的通知")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "牵头单位"
    table.rows[0].cells[1].text = "生态环境分局"
    document.add_paragraph("一、总体要求")
    path = tmp_path / "doc.docx"
    document.save(str(path))
    loaded = load_file(path)
    assert loaded.format == "docx"
    assert loaded.text.split("\n") == ["关于印发工作要点的通知", "牵头单位", "生态环境分局", "一、总体要求"]


def _ascii_pdf(text: str) -> bytes:
    """A minimal one-page PDF with Helvetica text, xref offsets computed."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_text_via_pypdf(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(_ascii_pdf("Policy 2024 work points"))
    loaded = load_file(path)
    assert loaded.format == "pdf"
    assert loaded.encoding == "binary"
    assert loaded.text.strip() == "Policy 2024 work points"


def test_pdf_nfkc_turns_kangxi_radicals_into_characters() -> None:
    # U+2F63 KANGXI RADICAL LIFE, U+2F42 KANGXI RADICAL SCRIPT, as pypdf returns them
    assert pdf_nfkc("\u2f63态环境\u2f42件") == "生态环境文件"


def test_unsupported_format() -> None:
    with pytest.raises(UnsupportedFormatError, match="不支持的文件类型"):
        load_bytes(b"x", "slides.pptx")


def test_unsupported_format_is_rejected_before_reading(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError):
        load_file(tmp_path / "missing.exe")


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_empty_files(data: bytes) -> None:
    with pytest.raises(BadDocumentError, match="文件为空"):
        load_bytes(data, "empty.txt")


def test_empty_html_body_without_title() -> None:
    with pytest.raises(BadDocumentError, match="没有可读取的文字"):
        load_bytes(b"<html><body><script>x()</script></body></html>", "a.html")


def test_undecodable_bytes() -> None:
    with pytest.raises(BadDocumentError, match="无法识别文件编码"):
        load_bytes(b"\x80\xff\x00\x01" * 64, "junk.txt")


@pytest.mark.parametrize("name", ["broken.docx", "broken.pdf"])
def test_broken_binary_files(name: str) -> None:
    with pytest.raises(BadDocumentError):
        load_bytes(b"this is not a real file" * 10, name)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadDocumentError, match="无法读取文件"):
        load_file(tmp_path / "missing.txt")
