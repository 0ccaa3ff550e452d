"""Word 2007+ (.docx): paragraphs and tables in document order.

python-docx repeats a merged cell in every grid position it covers (both ``gridSpan`` and
``vMerge``), which is exactly what a row-by-row reading needs: the 县 cell merged down three
indicator rows must stand in each of those rows, or a row quoted alone loses its place.
"""

from __future__ import annotations

from typing import Any

from assistant.ingest.formats.base import Table, bad, open_zip, table_lines
from assistant.schema import LoadedText


def read_docx(data: bytes, filename: str) -> LoadedText:
    """Paragraphs one a line; data tables as Markdown tables; one-row/one-column grids as lines."""
    open_zip(data, filename, "Word").close()
    try:
        import io

        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several types for broken files
        raise bad(filename, "无法打开 Word 文件，文件可能已损坏", "cannot open DOCX") from e
    lines: list[str] = []
    for block in _blocks(document.element.body):
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            lines.extend(_table_lines(block, document))
    text = "\n".join(ln.strip() for ln in lines if ln.strip())
    props = []
    title = (document.core_properties.title or "").strip()
    if title:
        props.append(("title", title))
    return LoadedText(text=text, format="docx", encoding="binary", properties=tuple(props))


def _blocks(body: Any) -> list[Any]:
    """Body-level paragraphs and tables, including those inside content controls (w:sdt)."""
    out = []
    for el in body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "sdt":
            content = next((c for c in el.iterchildren() if c.tag.endswith("}sdtContent")), None)
            if content is not None:
                out.extend(_blocks(content))
        elif tag in ("p", "tbl"):
            out.append(el)
    return out


def _table_lines(tbl: Any, document: Any) -> list[str]:
    from docx.table import Table as DocxTable

    table = DocxTable(tbl, document)
    grid: list[list[str]] = []
    paragraphs: list[list[str]] = []  # per distinct cell, for grids that are no real table
    above: list[Any] = []  # the previous row's cell elements, to skip a vertically merged cell
    for row in table.rows:
        cells = list(row.cells)
        grid.append([" ".join(p.text.strip() for p in c.paragraphs if p.text.strip()) for c in cells])
        elements = [c._tc for c in cells]
        for j, (c, tc) in enumerate(zip(cells, elements, strict=True)):
            merged_left = j > 0 and elements[j - 1] is tc
            merged_up = j < len(above) and above[j] is tc
            if not (merged_left or merged_up):
                paragraphs.append([p.text for p in c.paragraphs])
        above = elements
    width = max((len(r) for r in grid), default=0)
    if len(grid) < 2 or width < 2:
        return [ln for cell in paragraphs for ln in cell]
    return table_lines(Table(grid))
