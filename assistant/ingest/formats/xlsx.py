"""Excel 2007+ (.xlsx): every visible sheet as tables.

A sheet often holds a title row merged across the columns ("2025年各县空气质量目标"), then the
header row, then data, and sometimes a second table below a blank row. So a sheet is cut into
blocks at empty rows, and a block's leading row with a single value becomes its caption.
Values are shown as a person sees them in Excel (41.3, 38, 95%, 2025-03-01), not as floats.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from assistant.ingest.formats.base import Table, bad, open_zip, table_lines
from assistant.schema import LoadedText

_MAX_ROWS = 50000
_MAX_COLS = 200
_DEFAULT_SHEET = re.compile(r"^(sheet|工作表)\s*\d*$", re.I)


def read_xlsx(data: bytes, filename: str) -> LoadedText:
    open_zip(data, filename, "Excel").close()
    try:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as e:  # openpyxl raises many types for broken files
        raise bad(filename, "无法打开 Excel 文件，文件可能已损坏", "cannot open XLSX") from e
    sheets = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    lines: list[str] = []
    for ws in sheets:
        grid = _grid(ws)
        name = str(ws.title).strip()
        named = bool(name) and not _DEFAULT_SHEET.match(name)
        blocks = _blocks(grid)
        if named and len(sheets) > 1:
            lines.append(name)
        for k, block in enumerate(blocks):
            titles: list[str] = []
            while len({c for c in block[0] if c}) == 1 and len(block) > 2:
                titles.append(next(c for c in block[0] if c))
                block = block[1:]
            caption = " ".join(titles)
            if not caption and named and len(sheets) == 1 and k == 0:
                caption = name
            lines.extend(table_lines(Table(block, caption)))
    return LoadedText(text="\n".join(lines), format="xlsx", encoding="binary", pages=len(sheets))


def _grid(ws: Any) -> list[list[str]]:
    """Cell texts of a sheet, merged ranges filled with their top-left value."""
    rows = min(ws.max_row or 0, _MAX_ROWS)
    cols = min(ws.max_column or 0, _MAX_COLS)
    grid = [[_format(c) for c in row] for row in ws.iter_rows(min_row=1, max_row=rows, max_col=cols)]
    for rng in ws.merged_cells.ranges:
        top = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= rows and rng.min_col <= cols else ""
        for r in range(rng.min_row, min(rng.max_row, rows) + 1):
            for c in range(rng.min_col, min(rng.max_col, cols) + 1):
                grid[r - 1][c - 1] = top
    return grid


def _blocks(grid: list[list[str]]) -> list[list[list[str]]]:
    """Runs of non-empty rows."""
    out: list[list[list[str]]] = []
    current: list[list[str]] = []
    for row in grid:
        if any(c.strip() for c in row):
            current.append(row)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def _format(cell: Any) -> str:
    v = cell.value
    if v is None:
        return ""
    fmt = str(getattr(cell, "number_format", "") or "")
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ", timespec="minutes")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, int | float):
        if "%" in fmt:
            return f"{_number(v * 100)}%"
        return _number(v)
    return str(v).strip()


def _number(v: float) -> str:
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.10g}"
