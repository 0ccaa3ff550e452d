"""Read a file (or uploaded bytes) into text: the only place that knows about file formats.

Government pages and documents arrive in every encoding China has used: UTF-8 with or without a
BOM, UTF-16 from Word "save as text", GBK/GB18030 from older sites and Big5 from Taiwan/Hong Kong.
We decode deliberately: a BOM wins, then strict UTF-8 (it almost never decodes wrong text by
accident), then charset-normalizer *only if* it names a Chinese-capable encoding, then GB18030 and
Big5 as fallbacks. Accepting whatever charset-normalizer guesses would sometimes turn Chinese into
a Cyrillic codepage. Anything we cannot read raises a user-facing error in Chinese and English.
"""

from __future__ import annotations

import io
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from assistant.errors import BadDocumentError, UnsupportedFormatError
from assistant.schema import LoadedText

TEXT_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
BINARY_FORMATS = {".docx": "docx", ".pdf": "pdf"}
SUPPORTED_SUFFIXES = tuple(sorted({*TEXT_FORMATS, *BINARY_FORMATS}))

# Encodings charset-normalizer may propose that we trust for Chinese text (normalised names).
_CHINESE_CAPABLE = {
    "utf_8",
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "gb18030",
    "gbk",
    "gb2312",
    "big5",
    "big5hkscs",
    "cp950",
    "cp936",
    "hz",
}
_CANONICAL = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "cp950": "big5", "big5hkscs": "big5"}


def load_file(path: Path) -> LoadedText:
    """Read ``path`` and return its text; the format is taken from the suffix."""
    path = Path(path)
    _format_of(path.name)  # reject unsupported types before reading anything
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BadDocumentError(f"无法读取文件 (cannot read file): {path.name}") from e
    return load_bytes(data, path.name)


def load_bytes(data: bytes, filename: str) -> LoadedText:
    """Decode uploaded ``data``; ``filename`` only supplies the format (suffix) and error messages."""
    fmt = _format_of(filename)
    if not data.strip():
        raise BadDocumentError(f"文件为空 (empty file): {filename}")
    if fmt == "docx":
        text, encoding = _docx_text(data, filename), "binary"
    elif fmt == "pdf":
        text, encoding = _pdf_text(data, filename), "binary"
    else:
        text, encoding = decode_text(data, filename)
        if fmt == "html":
            text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadDocumentError(f"文件中没有可读取的文字 (no readable text): {filename}")
    return LoadedText(text=text, format=fmt, encoding=encoding)


def _format_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    fmt = TEXT_FORMATS.get(suffix) or BINARY_FORMATS.get(suffix)
    if fmt is None:
        supported = " ".join(SUPPORTED_SUFFIXES)
        raise UnsupportedFormatError(
            f"不支持的文件类型 (unsupported file type): {filename}；支持 (supported): {supported}"
        )
    return fmt


# --- encodings -------------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe", "utf-16", "utf-16"),
    (b"\xfe\xff", "utf-16", "utf-16"),
)


def decode_text(data: bytes, filename: str = "") -> tuple[str, str]:
    """Decode bytes of a text format; return ``(text, encoding)`` with a canonical encoding name."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as e:
                raise BadDocumentError(f"无法识别文件编码 (cannot detect encoding): {filename}") from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _charset_normalizer_guess(data)
    candidates = [guess] if guess else []
    candidates += ["gb18030", "big5"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text, enc
    raise BadDocumentError(f"无法识别文件编码 (cannot detect encoding): {filename}")


def _charset_normalizer_guess(data: bytes) -> str | None:
    """charset-normalizer's best guess, but only if it is an encoding that can hold Chinese.

    Big5 bytes are usually also valid GB18030 (giving nonsense), so the order of our fallbacks
    alone cannot tell them apart; charset-normalizer's coherence check can.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    enc = best.encoding.lower().replace("-", "_")
    if enc not in _CHINESE_CAPABLE:
        return None
    return _CANONICAL.get(enc, enc.replace("_", "-"))


def _looks_like_text(text: str) -> bool:
    """Few control characters and few private-use characters: a plausible decoding."""
    if not text:
        return False
    bad = sum(1 for c in text if (unicodedata.category(c) in ("Cc", "Co") and c not in "\n\r\t\f"))
    return bad <= len(text) // 100


# --- HTML ------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "title",
    "dd",
    "dt",
    "dl",
    "hr",
    "tbody",
    "thead",
    "form",
    "center",
    "main",
}
_CELL_TAGS = {"td", "th"}
_SKIP_TAGS = {"script", "style", "nav", "noscript", "template", "iframe", "svg", "head"}


class _TextExtractor(HTMLParser):
    """Collects text, starting a new line at every block element, skipping scripts/styles/nav."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Text of an HTML page, one block (paragraph, heading, table row) per line.

    The page ``<title>`` is used only when the body holds no text at all.
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in raw.split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    if not text:
        text = " ".join("".join(parser._title).split())
    return text


# --- DOCX / PDF ------------------------------------------------------------------------------


def _docx_text(data: bytes, filename: str) -> str:
    """Paragraphs and table cells in document order, one per line."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several types for broken files
        raise BadDocumentError(f"无法打开 Word 文件 (cannot open DOCX): {filename}") from e
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(ln.strip() for ln in lines if ln.strip())


def _pdf_text(data: bytes, filename: str) -> str:
    """Text of every page, NFKC-normalised: pypdf returns Kangxi radicals (⽣) for common characters."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as e:  # pypdf raises many types for broken files
        raise BadDocumentError(f"无法读取 PDF 文件 (cannot read PDF): {filename}") from e
    return pdf_nfkc("\n".join(pages))


def pdf_nfkc(text: str) -> str:
    """NFKC for PDF text. PDFs carry no meaningful full-width punctuation distinction to keep."""
    return unicodedata.normalize("NFKC", text)
