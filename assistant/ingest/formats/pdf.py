"""PDF: the text layer page by page, ruled tables as tables, OCR for pages that have no text.

Each page is decided on its own: a PDF assembled from a typed notice and a scanned signed
attachment has both kinds of page. A page whose text layer holds fewer than a handful of letters
or characters is a picture of text and goes through OCR (:mod:`.ocr`).

Text pages are read with pdfplumber, which gives line positions (so wrapped lines are joined
into paragraphs, see :func:`.base.paragraphs_from_lines`) and finds ruled tables: a table drawn
with lines becomes a Markdown table; a borderless one stays text. pypdf is the fallback for a
page pdfplumber cannot parse. Text-layer output is NFKC-normalised: PDF fonts map many common
characters to Kangxi radicals (⽣ for 生).
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from assistant.errors import BadDocumentError
from assistant.ingest.formats.base import (
    PageText,
    Piece,
    Progress,
    Table,
    bad,
    group_lines,
    join_pages,
    page_paragraphs,
    table_lines,
)
from assistant.schema import LoadedText

# Fewer letters/digits/CJK characters than this on a page: it is a scan.
MIN_TEXT_CHARS = 10


_ROMAN = re.compile(r"[\u2160-\u217f]+")


def pdf_nfkc(text: str) -> str:
    """NFKC for PDF text. PDFs carry no meaningful full-width punctuation distinction to keep.

    Roman numerals are kept as written: Ⅱ类 (a water quality class) must not become "II类".
    """
    if not _ROMAN.search(text):
        return unicodedata.normalize("NFKC", text)
    out, last = [], 0
    for m in _ROMAN.finditer(text):
        out.append(unicodedata.normalize("NFKC", text[last : m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(unicodedata.normalize("NFKC", text[last:]))
    return "".join(out)


def _meaningful(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def read_pdf(data: bytes, filename: str, progress: Progress | None = None) -> LoadedText:
    """Every page's text in order; scanned pages through OCR, reported to ``progress``."""
    pypdf_pages = _pypdf_pages(data, filename)
    n = len(pypdf_pages)
    plumber = _open_plumber(data)
    pages: list[PageText] = []
    ocr_pages: list[int] = []
    try:
        for i in range(n):
            page = _plumber_page(plumber, i) if plumber is not None else None
            fallback = _pypdf_page_text(pypdf_pages[i])
            # pdfminer drops the text of some embedded fonts that pypdf still decodes
            if page is None or _meaningful(_joined(page)) < 0.8 * _meaningful(fallback):
                page = PageText([ln for ln in fallback.split("\n") if ln.strip()])
            if _meaningful(_joined(page)) < MIN_TEXT_CHARS:
                if progress:
                    progress(i, n, f"第 {i + 1}/{n} 页没有文字层，正在识别文字（OCR）")
                scanned = _ocr_page(data, i)
                if _meaningful(_joined(scanned)) > _meaningful(_joined(page)):
                    page = scanned
                    ocr_pages.append(i + 1)
            if progress:
                progress(i + 1, n, f"已读取第 {i + 1}/{n} 页")
            pages.append(page)
    finally:
        if plumber is not None:
            plumber.close()
    return LoadedText(
        text="\n".join(join_pages(pages)),
        format="pdf",
        encoding="binary",
        pages=n,
        ocr_pages=tuple(ocr_pages),
    )


def _joined(page: PageText) -> str:
    return "\n".join(page.paragraphs)


def _pypdf_pages(data: bytes, filename: str) -> list[Any]:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise bad(filename, "PDF 文件已加密，请先解除密码保护", "encrypted PDF")
        return list(reader.pages)
    except BadDocumentError:
        raise
    except Exception as e:  # pypdf raises many types for broken files
        if "encrypted" in type(e).__name__.lower() or "password" in str(e).lower():
            raise bad(filename, "PDF 文件已加密，请先解除密码保护", "encrypted PDF") from e
        raise bad(filename, "无法读取 PDF 文件，文件可能已损坏", "cannot read PDF") from e


def _pypdf_page_text(page: Any) -> str:
    try:
        text = pdf_nfkc(page.extract_text() or "")
    except Exception:  # one bad page must not lose the document
        return ""
    return "\n".join(_despace(line) for line in text.split("\n"))


def _despace(line: str) -> str:
    """Undo "表 1   各 县" (a space after every glyph, as pypdf gives for some CJK fonts).

    Only a line spaced out throughout is touched: single spaces go, wider gaps become one space.
    """
    chars = line.strip()
    if len(chars) < 6:
        return line
    spaced = sum(1 for a, b in itertools.pairwise(chars) if a != " " and b == " ")
    glyphs = sum(1 for c in chars if c != " ")
    if spaced < 0.8 * (glyphs - 1):
        return line
    return " ".join(part.replace(" ", "") for part in re.split(r"\s{2,}", chars))


def _open_plumber(data: bytes) -> Any:
    try:
        import pdfplumber

        return pdfplumber.open(io.BytesIO(data), password="")
    except Exception:  # not installed, or pdfminer cannot parse it: pypdf alone then
        return None


def _plumber_page(pdf: Any, index: int) -> PageText | None:
    """The page's paragraphs and ruled tables in reading order, or None if pdfplumber fails."""
    try:
        page = pdf.pages[index]
        tables = page.find_tables() if page.chars else []
        boxes = [t.bbox for t in tables]

        def outside(obj: dict[str, Any]) -> bool:
            x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
            y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
            return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

        text_page = page.filter(outside) if boxes else page
        lines = text_page.extract_text_lines(strip=True)
        pieces = [
            Piece(pdf_nfkc(ln["text"]), ln["x0"], ln["x1"], ln["top"], ln["bottom"])
            for ln in lines
            if ln["text"].strip()
        ]
    except Exception:  # pdfminer fails on some pages; pypdf reads them
        return None
    ordered = sorted(((t.bbox[1], _table_text(t)) for t in tables), key=lambda b: b[0])
    # Paragraphs between tables are joined on their own, so a table never glues two together.
    cuts = [top for top, _ in ordered]
    segments: list[list[Piece]] = [[] for _ in range(len(cuts) + 1)]
    for p in pieces:
        segments[sum(1 for c in cuts if p.top >= c)].append(p)
    texts = [page_paragraphs(group_lines(seg), float(page.width)) for seg in segments]
    out: list[str] = []
    for k, seg_text in enumerate(texts):
        out.extend(seg_text.paragraphs)
        if k < len(ordered):
            out.extend(ordered[k][1])
    return PageText(
        out,
        open_end=texts[-1].open_end and bool(texts[-1].paragraphs),
        continues=texts[0].continues and bool(texts[0].paragraphs),
    )


def _table_text(table: Any) -> list[str]:
    """A pdfplumber table as lines, spanned cells (None) filled from the left or from above."""
    raw: list[list[str | None]] = table.extract()
    rows = getattr(table, "rows", [])
    grid: list[list[str]] = []
    for r, row in enumerate(raw):
        out: list[str] = []
        for c, cell in enumerate(row):
            if cell is not None:
                out.append(_unwrap(pdf_nfkc(cell)))
            elif r > 0 and _spans_down(rows, r, c):
                out.append(grid[r - 1][c] if c < len(grid[r - 1]) else "")
            else:
                out.append(out[-1] if out else "")
        grid.append(out)
    return table_lines(Table(grid))


def _spans_down(rows: Sequence[Any], r: int, c: int) -> bool:
    """Whether the cell above (r-1, c) reaches down into row r (a vertical merge)."""
    try:
        above = rows[r - 1].cells[c]
        here = [b for b in rows[r].cells if b is not None]
    except (IndexError, AttributeError):
        return False
    if above is None or not here:
        return True
    top = min(b[1] for b in here)
    return bool(above[3] > top + 1)


def _unwrap(text: str) -> str:
    """A cell's wrapped lines joined: no space between CJK characters, one between words."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = parts[0] if parts else ""
    for p in parts[1:]:
        glue = " " if out[-1].isascii() and p[0].isascii() and out[-1].isalnum() and p[0].isalnum() else ""
        out += glue + p
    return out


def _ocr_page(data: bytes, index: int) -> PageText:
    """OCR of one page rendered at OCR_DPI with pdfium."""
    from assistant.ingest.formats.ocr import OCR_DPI, ocr_page

    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(data)
        try:
            image = doc[index].render(scale=OCR_DPI / 72).to_pil()
        finally:
            doc.close()
    except Exception:  # a page pdfium cannot render has no text to recover
        return PageText([])
    return ocr_page(image)
