"""Plain text, Markdown and HTML: decoding, and HTML blocks and tables into lines.

Government pages and documents arrive in every encoding China has used: UTF-8 with or without a
BOM, UTF-16 from Word "save as text", GBK/GB18030 from older sites and Big5 from Taiwan/Hong Kong.
We decode deliberately: a BOM wins, then strict UTF-8 (it almost never decodes wrong text by
accident), then charset-normalizer *only if* it names a Chinese-capable encoding, then GB18030 and
Big5 as fallbacks. Accepting whatever charset-normalizer guesses would sometimes turn Chinese into
a Cyrillic codepage.

HTML tables that hold data become Markdown tables (see :mod:`.base`); tables used for page layout
(old government sites put the whole article in one) are read as ordinary blocks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from assistant.ingest.formats.base import Table, bad, table_lines

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
                raise bad(filename, "无法识别文件编码", "cannot detect encoding") from e
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
    raise bad(filename, "无法识别文件编码", "cannot detect encoding")


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
    bad_chars = sum(1 for c in text if (unicodedata.category(c) in ("Cc", "Co") and c not in "\n\r\t\f"))
    return bad_chars <= len(text) // 100


# --- HTML ------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
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
    "caption",
}
_CELL_TAGS = {"td", "th"}
_SKIP_TAGS = {"script", "style", "nav", "noscript", "template", "iframe", "svg", "head"}
# A cell this long is an article in a layout table, not a value.
_LAYOUT_CELL_CHARS = 300


@dataclass
class _Cell:
    parts: list[str] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1


@dataclass
class _TableState:
    rows: list[list[_Cell]] = field(default_factory=list)
    caption: list[str] = field(default_factory=list)
    in_caption: bool = False
    layout: bool = False  # holds a nested table or an article-sized cell

    def cell(self) -> _Cell | None:
        return self.rows[-1][-1] if self.rows and self.rows[-1] else None


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    value = dict(attrs).get(name) or "1"
    try:
        return max(1, min(int(value), 100))
    except ValueError:
        return 1


class _TextExtractor(HTMLParser):
    """Collects text, starting a new line at every block element, skipping scripts/styles/nav.

    Inside a ``<table>`` text goes to the current cell instead; at ``</table>`` the table is
    written out as a Markdown table, or, for a layout table, as the blocks it holds.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._title: list[str] = []
        self._in_title = False
        self._tables: list[_TableState] = []

    def _out(self) -> list[str]:
        """Where text goes now: the open cell or caption of the innermost table, or the page."""
        if self._tables:
            t = self._tables[-1]
            if t.in_caption:
                return t.caption
            c = t.cell()
            if c is not None:
                return c.parts
            return []  # text between rows is whitespace or junk
        return self.parts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "table":
            self._tables.append(_TableState())
        elif self._tables and tag == "tr":
            self._tables[-1].rows.append([])
        elif self._tables and tag in _CELL_TAGS:
            t = self._tables[-1]
            if not t.rows:
                t.rows.append([])
            t.rows[-1].append(_Cell(colspan=_span(attrs, "colspan"), rowspan=_span(attrs, "rowspan")))
        elif self._tables and tag == "caption":
            self._tables[-1].in_caption = True
        elif tag in _BLOCK_TAGS:
            self._out().append("\n")
        elif tag in _CELL_TAGS:
            self._out().append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._out().append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "table" and self._tables:
            lines = self._finish(self._tables.pop())
            if self._tables:
                self._tables[-1].layout = True
            out = self._out()
            out.append("\n")
            out.extend(f"{ln}\n" for ln in lines)
        elif self._tables and tag == "caption":
            self._tables[-1].in_caption = False
        elif tag in _BLOCK_TAGS and tag != "tr":
            self._out().append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if not self._skip:
            self._out().append(data)

    def _finish(self, t: _TableState) -> list[str]:
        """Lines for a closed table: a Markdown table, or the blocks of a layout table."""
        texts = [["".join(c.parts) for c in row] for row in t.rows]
        long_cell = any(len(x.strip()) > _LAYOUT_CELL_CHARS for row in texts for x in row)
        width = max((sum(c.colspan for c in row) for row in t.rows), default=0)
        if t.layout or long_cell or width < 2:
            return [ln for row in texts for x in row for ln in _block_lines(x)]
        grid: list[list[str]] = []
        pending: dict[tuple[int, int], str] = {}  # (row, col) filled by a rowspan from above
        for r, row in enumerate(t.rows):
            out: list[str] = []
            cells = iter(row)
            col = 0
            while True:
                if (r, col) in pending:
                    out.append(pending.pop((r, col)))
                    col += 1
                    continue
                cell = next(cells, None)
                if cell is None:
                    break
                text = " ".join("".join(cell.parts).split())
                for k in range(cell.colspan):
                    out.append(text)
                    for dr in range(1, cell.rowspan):
                        pending[(r + dr, col + k)] = text
                col += cell.colspan
            grid.append(out)
        caption = " ".join("".join(t.caption).split())
        return table_lines(Table(grid, caption), plain_joiner=" ")


def _block_lines(text: str) -> list[str]:
    return [ln for ln in (re.sub(r"[ \t\u00a0]+", " ", x).strip() for x in text.split("\n")) if ln]


def html_to_text(html: str) -> str:
    """Text of an HTML page, one block (paragraph, heading, table row) per line.

    The page ``<title>`` is used only when the body holds no text at all.
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    while parser._tables:  # an unclosed table at the end of a broken page
        parser.handle_endtag("table")
    raw = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in raw.split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    if not text:
        text = " ".join("".join(parser._title).split())
    return text
