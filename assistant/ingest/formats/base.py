"""What every reader shares: the reader signature, tables as Markdown, safe ZIP opening, layout lines.

Tables are handed on as Markdown pipe tables because the display text is the one thing every
later stage (sections, chunks, citations, quotes) works on: a table in the text with a ``| --- |``
rule under its header row is recognised by :mod:`assistant.sections` whichever format it came from.

Laid-out formats (OCR boxes, OFD text runs) give positioned pieces of lines, not paragraphs;
:func:`paragraphs_from_lines` rebuilds the paragraphs the way a reader of a printed 公文 does: a
paragraph starts indented (two characters) or after a short line, and wraps at the right margin.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.errors import BadDocumentError
from assistant.numbering import match_label

# progress(done, total, message): called once per page (PDF, OFD, image) so a long OCR job can
# show where it is. ``message`` is Chinese, fit for a progress bar.
Progress = Callable[[int, int, str], None]


def bad(filename: str, chinese: str, english: str) -> BadDocumentError:
    """A user-facing error naming the file as the user named it."""
    return BadDocumentError(f"{chinese} ({english}): {filename}")


# --- tables ----------------------------------------------------------------------------------


@dataclass
class Table:
    """A table as a grid of cell texts, merged cells already filled into every cell they span."""

    rows: list[list[str]]
    caption: str = ""

    def cleaned(self) -> Table:
        """Without empty rows and empty columns, every row as wide as the widest."""
        rows = [[_cell_text(c) for c in r] for r in self.rows]
        rows = [r for r in rows if any(r)]
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows]
        keep = [j for j in range(width) if any(r[j] for r in rows)]
        return Table([[r[j] for j in keep] for r in rows], self.caption)


def _cell_text(value: str) -> str:
    # A pipe inside a cell would split it; the full-width bar reads the same.
    return " ".join(str(value).split()).replace("|", "｜")


def table_lines(table: Table, plain_joiner: str = "\n") -> list[str]:
    """Lines of text for ``table``: a Markdown pipe table, or plain lines when it is no real table.

    A grid of one row or one column is a layout device (a boxed title, a signature block), not a
    table of data: its distinct cells become plain text, one a line (``plain_joiner`` "\\n") or
    one row a line (" "), as each format read them before tables were kept.
    """
    t = table.cleaned()
    out = [t.caption] if t.caption else []
    if _key_value(t.rows):  # "索引号： | … | 发文机关： | …": a page's header laid out in a grid
        return out + [" ".join(c for c in row if c) for row in t.rows]
    if len(t.rows) < 2 or len(t.rows[0]) < 2:
        for row in t.rows:
            cells = [c for k, c in enumerate(row) if c and (k == 0 or row[k - 1] != c)]
            if plain_joiner == "\n":
                out.extend(cells)
            elif cells:
                out.append(plain_joiner.join(cells))
        return out
    width = len(t.rows[0])
    out.append(_row(t.rows[0]))
    out.append("|" + "|".join([" --- "] * width) + "|")
    out.extend(_row(r) for r in t.rows[1:])
    return out


def _key_value(rows: list[list[str]]) -> bool:
    """A grid of "label：" cells each followed by its value, not a table of data."""
    cells = [c for r in rows for c in r if c]
    labels = sum(1 for c in cells if c.endswith(("：", ":")) and len(c) <= 12)
    return len(cells) >= 4 and labels >= 0.4 * len(cells)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


# --- ZIP containers (DOCX, XLSX, OFD) --------------------------------------------------------

MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200  # a real office file compresses XML 5-20 times; a zip bomb thousands of times
MAX_MEMBERS = 20000


def open_zip(data: bytes, filename: str, kind: str) -> zipfile.ZipFile:
    """Open a ZIP container after checking it cannot explode in memory (a zip bomb)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError) as e:
        raise bad(filename, f"文件已损坏或不是 {kind} 文件", f"broken or not {kind}") from e
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if (
        len(infos) > MAX_MEMBERS
        or total > MAX_UNZIPPED_BYTES
        or (total > 16 * 1024 * 1024 and total / packed > MAX_RATIO)
    ):
        zf.close()
        raise bad(filename, "文件解压后异常巨大，疑似压缩炸弹，已拒绝", "zip bomb refused")
    if any(i.flag_bits & 0x1 for i in infos):
        zf.close()
        raise bad(filename, "文件已加密，请先解除密码保护", "encrypted")
    return zf


# --- laid-out lines → paragraphs --------------------------------------------------------------


@dataclass
class Piece:
    """A piece of text placed on a page: left/right edges, top/bottom, in any one unit."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-6)


@dataclass
class Line:
    pieces: list[Piece] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(p.x0 for p in self.pieces)

    @property
    def x1(self) -> float:
        return max(p.x1 for p in self.pieces)

    @property
    def top(self) -> float:
        return min(p.top for p in self.pieces)

    @property
    def bottom(self) -> float:
        return max(p.bottom for p in self.pieces)

    @property
    def char(self) -> float:
        """Typical character width: the height of the line's glyphs."""
        hs = sorted(p.height for p in self.pieces)
        return hs[len(hs) // 2]

    def text(self) -> str:
        """The pieces left to right; a wide gap (a tab stop, a table column) becomes a space."""
        ps = sorted(self.pieces, key=lambda p: p.x0)
        out = ps[0].text
        for a, b in itertools.pairwise(ps):
            gap = b.x0 - a.x1
            out += (" " if gap > 1.5 * self.char else "") + b.text
        return out


def group_lines(pieces: Sequence[Piece]) -> list[Line]:
    """Pieces grouped into visual lines (vertical overlap), top to bottom."""
    lines: list[Line] = []
    for p in sorted(pieces, key=lambda p: (p.top + p.bottom) / 2):
        mid = (p.top + p.bottom) / 2
        if lines:
            last = lines[-1]
            if last.top <= mid <= last.bottom and abs(p.height - last.char) < 0.6 * last.char:
                last.pieces.append(p)
                continue
        lines.append(Line([p]))
    return lines


_CLOSERS = "。！？!?：:；;"
# "— 3 —", "-3-", "3": a page number at the head or foot of a page, not text
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,4}[-—–－\s]*$")


@dataclass
class PageText:
    """A page's paragraphs, and whether its first/last paragraph may run over the page break."""

    paragraphs: list[str]
    open_end: bool = False  # the last line ran to the right margin: its paragraph may go on
    continues: bool = False  # the first line is flush left and unnumbered: it may go on one


def _wraps(prev: Line, left: float, right: float, c: float) -> bool:
    """Whether ``prev`` is a wrapped line: from the margin (or the paragraph indent) to the right
    margin. A centred title that happens to be long does neither."""
    aligned = min(abs(prev.x0 - left), abs(prev.x0 - left - 2 * c)) <= 0.5 * c
    centred = prev.x0 - left > 0.5 * c and abs((prev.x0 - left) - (right - prev.x1)) < 0.5 * c
    return prev.x1 >= right - 1.5 * c and aligned and not centred


def _goes_on(ln: Line, text: str, left: float) -> bool:
    """Whether ``ln`` can continue a paragraph: flush left, no section number (一、 （二） 第三条)."""
    return ln.x0 <= left + 0.8 * ln.char and match_label(text) is None


def page_paragraphs(lines: Sequence[Line], page_width: float | None = None) -> PageText:
    """Join a page's visual lines into paragraphs.

    A line continues the previous one when the previous line ran to the right margin and this
    one starts at the left margin without the two-character indent of a new paragraph and without
    a section number. Short lines (headings, signatures, dates) therefore stay lines of their own.
    With ``page_width`` the right margin is taken to mirror the left one, so that on a page of a
    few short lines the longest of them does not count as reaching the margin.
    """
    kept = [(ln, ln.text().strip()) for ln in lines]
    kept = [(ln, t) for ln, t in kept if t]
    while kept and _PAGE_NUMBER.match(kept[-1][1]):
        kept.pop()
    while kept and _PAGE_NUMBER.match(kept[0][1]):
        kept.pop(0)
    if not kept:
        return PageText([])
    left = min(ln.x0 for ln, _ in kept)
    right = max(ln.x1 for ln, _ in kept)
    if page_width is not None:
        right = max(right, page_width - left)
    out: list[str] = []
    prev: Line | None = None
    for ln, text in kept:
        if prev is not None:
            c = ln.char
            gap_ok = ln.top - prev.bottom < 1.6 * c
            ends = out[-1][-1] in _CLOSERS and prev.x1 < right - 0.6 * c
            if _wraps(prev, left, right, c) and _goes_on(ln, text, left) and gap_ok and not ends:
                out[-1] += text
                prev = ln
                continue
        out.append(text)
        prev = ln
    first, last = kept[0], kept[-1]
    return PageText(
        out,
        open_end=len(kept) > 1 and _wraps(last[0], left, right, last[0].char),
        continues=_goes_on(first[0], first[1], left),
    )


# A grid of text boxes is a table from this size on: fewer rows or columns are as likely a
# signature block or a line with a tab stop as a table.
MIN_TABLE_ROWS = 3
MIN_TABLE_COLUMNS = 2


def _cells_apart(ln: Line) -> bool:
    """Whether a line is two or more boxes apart from each other (may be a table row).

    The gap alone cannot tell: the text of a ruled table's cells may stand closer than a
    character's width. What makes the boxes cells is that rows of them line up (:func:`_grid`)."""
    ps = sorted(ln.pieces, key=lambda p: p.x0)
    return len(ps) >= MIN_TABLE_COLUMNS and all(
        b.x0 - a.x1 > 0.3 * ln.char for a, b in itertools.pairwise(ps)
    )


def _columns(lines: Sequence[Line]) -> list[tuple[float, float]]:
    """Column extents of a run of rows: the boxes' horizontal extents, overlapping ones merged."""
    spans = sorted((p.x0, p.x1) for ln in lines for p in ln.pieces)
    out: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if out and x0 < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], x1))
        else:
            out.append((x0, x1))
    return out


def _grid(lines: Sequence[Line]) -> Table | None:
    """The table a run of rows forms, or None when its boxes do not line up in columns."""
    columns = _columns(lines)
    if len(columns) < MIN_TABLE_COLUMNS:
        return None
    rows: list[list[str]] = []
    for ln in lines:
        cells: list[list[Piece]] = [[] for _ in columns]
        for p in ln.pieces:
            k = next(i for i, (x0, x1) in enumerate(columns) if x0 <= p.x0 <= x1)
            cells[k].append(p)
        if sum(1 for c in cells if c) < MIN_TABLE_COLUMNS:
            return None
        rows.append([Line(c).text() if c else "" for c in cells])
    # a column that one box alone makes is a box out of line, not a column
    if any(sum(1 for r in rows if r[k]) < 2 for k in range(len(columns))):
        return None
    return Table(rows)


def table_runs(lines: Sequence[Line]) -> list[tuple[int, int, Table]]:
    """The tables among a page's lines, as (first line, line after the last, table).

    A scan gives text boxes, not cells: a row is a line of boxes (grouped by vertical overlap)
    with a cell's gap between each, and a table is a run of at least three such rows whose boxes
    fall into the same two or more columns (the boxes' horizontal extents, overlapping ones
    merged). Where the columns of a run do not line up, it is text as before.
    """
    out: list[tuple[int, int, Table]] = []
    k = 0
    while k < len(lines):
        if not _cells_apart(lines[k]):
            k += 1
            continue
        j = k
        while j < len(lines) and _cells_apart(lines[j]):
            j += 1
        table = _grid(lines[k:j]) if j - k >= MIN_TABLE_ROWS else None
        if table is not None:
            out.append((k, j, table))
        k = j
    return out


def page_with_tables(lines: Sequence[Line], page_width: float | None = None) -> PageText:
    """:func:`page_paragraphs`, with each grid of text boxes (:func:`table_runs`) written as a
    Markdown table in its place, so a scanned table reaches the sections as DOCX and PDF ones do."""
    runs = table_runs(lines)
    if not runs:
        return page_paragraphs(lines, page_width)
    out: list[str] = []
    at = 0
    for start, end, table in runs:
        if start > at:
            out.extend(page_paragraphs(lines[at:start], page_width).paragraphs)
        out.extend(table_lines(table))
        at = end
    after = page_paragraphs(lines[at:], page_width) if at < len(lines) else PageText([])
    out.extend(after.paragraphs)
    first = page_paragraphs(lines[: runs[0][0]], page_width) if runs[0][0] > 0 else PageText([])
    # a page that starts or ends with a table runs over no page break
    return PageText(
        out,
        open_end=after.open_end if after.paragraphs else False,
        continues=first.continues if first.paragraphs else False,
    )


def paragraphs_from_lines(lines: Sequence[Line], page_width: float | None = None) -> list[str]:
    return page_paragraphs(lines, page_width).paragraphs


def join_pages(pages: Sequence[PageText]) -> list[str]:
    """Paragraphs of consecutive pages, a paragraph broken by a page break joined again."""
    out: list[str] = []
    open_end = False
    for page in pages:
        paras = list(page.paragraphs)
        if paras and out and open_end and page.continues:
            out[-1] += paras.pop(0)
        out.extend(paras)
        if page.paragraphs:
            open_end = page.open_end
    return out
