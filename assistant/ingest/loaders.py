"""Read a file (or uploaded bytes) into text: the only place that knows about file formats.

Every format goes through one interface, ``load_bytes(data, filename, progress)`` →
:class:`~assistant.schema.LoadedText`; the readers live in :mod:`assistant.ingest.formats`.

The format is decided from the *content* first and the suffix second, because government sites
serve .doc files that are really HTML or DOCX, and users rename files. A file whose content is a
format we read is read as that format; a file whose content contradicts its suffix and is no
format we read gets a message saying so. Every message is Chinese (with an English gloss) and
names the file as the user named it.
"""

from __future__ import annotations

from pathlib import Path

from assistant.errors import BadDocumentError, UnsupportedFormatError
from assistant.ingest.formats.base import Progress, bad
from assistant.ingest.formats.pdf import pdf_nfkc
from assistant.ingest.formats.text import decode_text, html_to_text
from assistant.schema import LoadedText

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Progress",
    "decode_text",
    "html_to_text",
    "load_bytes",
    "load_file",
    "pdf_nfkc",
    "sniff",
    "too_large",
]

TEXT_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
BINARY_FORMATS = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    ".doc": "doc",
    ".wps": "wps",
    ".ofd": "ofd",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
}
SUPPORTED_SUFFIXES = tuple(sorted({*TEXT_FORMATS, *BINARY_FORMATS}))
# Formats the user may know by another name; for messages only.
_UNSUPPORTED_HINTS = {
    "xls": "Excel 97-2003 (.xls)，请另存为 .xlsx",
    "rtf": "RTF，请另存为 .docx",
    "zip": "压缩包，请解压后导入其中的文件",
    "ole": "Office 97-2003 文件，请另存为新格式（.docx/.xlsx）",
}


def too_large(filename: str, size: int, limit: int) -> BadDocumentError:
    """The one message for a file over the size limit, in the CLI, the web app and the API."""
    return bad(
        filename,
        f"文件过大（{_size(size)}），超过上限 {_size(limit)}；"
        f"可拆分文件，或由管理员设置环境变量 POLICY_ASSISTANT_MAX_UPLOAD_MB 调整上限",
        "file too large",
    )


def _size(n: int) -> str:
    return f"{n / 1048576:.3g} MB" if n >= 1048576 else f"{n / 1024:.3g} KB"


def load_file(path: Path, progress: Progress | None = None) -> LoadedText:
    """Read ``path`` and return its text; the format is taken from the content and suffix."""
    path = Path(path)
    _format_of(path.name)  # reject unsupported types before reading anything
    try:
        data = path.read_bytes()
    except OSError as e:
        raise bad(path.name, "无法读取文件", "cannot read file") from e
    return load_bytes(data, path.name, progress)


def load_bytes(data: bytes, filename: str, progress: Progress | None = None) -> LoadedText:
    """Decode uploaded ``data``; ``filename`` supplies the suffix and the name in messages.

    ``progress(done, total, message)`` is called per page for paged formats (PDF, OFD, images),
    where OCR can take seconds a page.
    """
    declared = _format_of(filename)
    if not data.strip():
        raise bad(filename, "文件为空", "empty file")
    fmt = _decide(sniff(data), declared, filename)
    loaded = _read(fmt, declared, data, filename, progress)
    text = loaded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        if loaded.format == "pdf" or loaded.format == "image":
            raise bad(filename, "文件中没有可读取的文字（扫描件也未能识别出文字）", "no readable text")
        raise bad(filename, "文件中没有可读取的文字", "no readable text")
    return LoadedText(
        text=text,
        format=loaded.format,
        encoding=loaded.encoding,
        pages=loaded.pages,
        ocr_pages=loaded.ocr_pages,
        properties=loaded.properties,
    )


def _format_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    fmt = TEXT_FORMATS.get(suffix) or BINARY_FORMATS.get(suffix)
    if fmt is None:
        supported = " ".join(SUPPORTED_SUFFIXES)
        raise UnsupportedFormatError(
            f"不支持的文件类型 (unsupported file type): {filename}；支持 (supported): {supported}"
        )
    return fmt


# --- content sniffing ------------------------------------------------------------------------


def sniff(data: bytes) -> str | None:
    """The format the bytes are in, from their signature; None for text (or unknown) data.

    Besides our formats it names a few we do not read ("xls", "rtf", "zip", "ole", "binary") so the
    message can say what the file really is.
    """
    head = data[:8]
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff"):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _ole_kind(data)
    if _is_binary(data):
        return "binary"
    return None


def _zip_kind(data: bytes) -> str:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = {n.lower().lstrip("/") for n in zf.namelist()}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ofd.xml" in names:
        return "ofd"
    return "zip"


def _ole_kind(data: bytes) -> str:
    import io

    try:
        import olefile

        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("WordDocument"):
                return "doc"
            if ole.exists("EncryptedPackage"):
                return "encrypted"
            if ole.exists("Workbook") or ole.exists("Book"):
                return "xls"
    except Exception:  # a broken OLE header: leave it to the reader's message
        return "ole"
    return "ole"


_CONTROL = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20))


def _is_binary(data: bytes) -> bool:
    """Control bytes in both the even and the odd bytes: an executable, an archive, a database.

    Text in any of our encodings has almost none; UTF-16 without a BOM has them in the low
    bytes of its code units only, never in both halves.
    """
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or len(sample) < 16:
        return False
    halves = (sample[0::2], sample[1::2])
    return all(sum(1 for b in half if b in _CONTROL) > 0.03 * len(half) for half in halves)


_WORD_LIKE = {"doc", "wps"}
_ZIP_BASED = {"docx", "xlsx", "ofd"}


def _decide(content: str | None, declared: str, filename: str) -> str:
    """The format to read: the content's when it is one we read, else the declared one."""
    if content is None:
        if declared in TEXT_FORMATS.values():
            return declared
        return declared  # the binary reader names the damage in its own message
    if content == "encrypted":
        raise bad(filename, "文件已加密，请先解除密码保护", "encrypted")
    if content == "doc":
        return declared if declared in _WORD_LIKE else "doc"
    if content in BINARY_FORMATS.values():
        return content
    if content == "zip" and declared in _ZIP_BASED:
        return declared  # its reader says what is missing (no OFD.xml, no word/document.xml)
    if content == "binary":
        return declared  # the decoder or reader says it cannot make sense of it
    hint = _UNSUPPORTED_HINTS.get(content)
    if hint:
        raise bad(filename, f"文件实际是 {hint}", f"actually {content}")
    raise bad(filename, "文件内容与扩展名不符", "content does not match the extension")


def _read(fmt: str, declared: str, data: bytes, filename: str, progress: Progress | None) -> LoadedText:
    if fmt == "docx":
        from assistant.ingest.formats.docx import read_docx

        return read_docx(data, filename)
    if fmt == "xlsx":
        from assistant.ingest.formats.xlsx import read_xlsx

        return read_xlsx(data, filename)
    if fmt in _WORD_LIKE:
        if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return _text_in_disguise(data, filename, fmt)
        from assistant.ingest.formats.word_binary import read_word_binary

        return read_word_binary(data, filename, fmt)
    if fmt == "ofd":
        from assistant.ingest.formats.ofd import read_ofd

        return read_ofd(data, filename, progress)
    if fmt == "pdf":
        from assistant.ingest.formats.pdf import read_pdf

        return read_pdf(data, filename, progress)
    if fmt == "image":
        from assistant.ingest.formats.ocr import read_image

        return read_image(data, filename, progress)
    text, encoding = decode_text(data, filename)
    if fmt == "html":
        text = html_to_text(text)
    return LoadedText(text=text, format=fmt, encoding=encoding)


def _text_in_disguise(data: bytes, filename: str, fmt: str) -> LoadedText:
    """A .doc/.wps that is really a saved web page (common on government sites), or nothing."""
    try:
        text, encoding = decode_text(data, filename)
    except BadDocumentError as e:
        raise bad(filename, "文件已损坏或不是 Word/WPS 文件", "broken or not a Word/WPS file") from e
    if "<html" in text[:2000].lower() or "<body" in text[:4000].lower():
        return LoadedText(text=html_to_text(text), format="html", encoding=encoding)
    raise bad(filename, "文件已损坏或不是 Word/WPS 文件", "broken or not a Word/WPS file")
