"""Batch Q&A: a spreadsheet of questions in, a spreadsheet of cited answers out, for review.

Offices review answers in bulk before a report goes out. Each row is answered by
:meth:`assistant.core.Assistant.respond` (the chat's own call) and written with its references
and quotes, whether it was answered, and an empty column for the reviewer's verdict. A bad row
(blank, too long, or one that fails) is reported in its own row and never stops the batch.

Input: ``.xlsx`` (the first sheet) or ``.csv`` (UTF-8 or GB18030). The question column is the
one headed 问题 / 提问 / question, else the first column; an optional 地区 / region column scopes
its row.

>>> results = run_batch(assistant, read_questions("questions.xlsx"))     # doctest: +SKIP
>>> write_results(results, "answers.xlsx")                             # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.citations import from_citation
from assistant.core import MAX_QUESTION_CHARS, Assistant, Scope
from assistant.errors import AssistantError, UserInputError

MAX_ROWS = 5000
QUESTION_HEADERS = ("问题", "提问", "question", "问")
REGION_HEADERS = ("地区", "region", "限定地区")
OUTPUT_COLUMNS = ("序号", "问题", "回答", "引用（参考文献与原文）", "未找到", "类型", "审核意见", "备注")

Progress = Callable[[int, int], None]


@dataclass
class BatchRow:
    number: int  # the row's number in the user's file (1 = first data row)
    question: str
    regions: list[str] = field(default_factory=list)


@dataclass
class BatchResult:
    row: BatchRow
    answer: str = ""
    references: str = ""
    abstained: bool = False
    kind: str = ""
    error: str = ""

    def cells(self) -> list[str]:
        return [
            str(self.row.number),
            self.row.question,
            self.answer,
            self.references,
            "是" if self.abstained else ("" if self.error else "否"),
            self.kind,
            "",
            self.error,
        ]


def _rows_from_table(table: list[list[str]], name: str) -> list[BatchRow]:
    table = [[(c or "").strip() for c in r] for r in table]
    table = [r for r in table if any(r)]
    if not table:
        raise UserInputError(f"文件《{name}》中没有问题。")
    header = [c.lower() for c in table[0]]
    q_col = next((i for i, h in enumerate(header) if h in QUESTION_HEADERS), None)
    r_col = next((i for i, h in enumerate(header) if h in REGION_HEADERS), None)
    body = table[1:] if q_col is not None else table
    q_col = 0 if q_col is None else q_col
    if len(body) > MAX_ROWS:
        raise UserInputError(f"文件《{name}》有 {len(body)} 行，超过上限 {MAX_ROWS} 行，请分批处理。")
    rows = []
    for i, r in enumerate(body, 1):
        question = r[q_col] if q_col < len(r) else ""
        region = r[r_col] if r_col is not None and r_col < len(r) else ""
        regions = [x for x in region.replace("，", ",").replace("、", ",").split(",") if x.strip()]
        rows.append(BatchRow(i, question, regions))
    return rows


def read_questions(path: Path | str, name: str | None = None) -> list[BatchRow]:
    """The questions of a spreadsheet; ``name`` is the file's name as the user knows it."""
    path = Path(path)
    name = name or path.name
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        import zipfile

        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as e:
            raise UserInputError(f"无法读取《{name}》：不是有效的 Excel 文件（{type(e).__name__}）。") from e
        sheet = wb.worksheets[0]
        table = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        wb.close()
        return _rows_from_table(table, name)
    if suffix == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UserInputError(f"无法读取《{name}》：编码不是 UTF-8 或 GB18030。")
        return _rows_from_table(list(csv.reader(io.StringIO(text))), name)
    raise UserInputError(f"《{name}》的格式不受支持：批量问答只接受 .xlsx 或 .csv 文件。")


def answer_row(assistant: Assistant, row: BatchRow) -> BatchResult:
    result = BatchResult(row)
    question = row.question.strip()
    if not question:
        result.error = "该行没有问题"
        return result
    if len(question) > MAX_QUESTION_CHARS:
        result.error = f"问题过长（{len(question)} 字，上限 {MAX_QUESTION_CHARS} 字）"
        return result
    try:
        response = assistant.respond(question, scope=Scope(regions=row.regions))
    except AssistantError as e:
        result.error = f"回答失败：{e}"
        return result
    result.answer = response.text
    result.abstained = response.abstained
    result.kind = {"answer": "问答", "comparison": "对比", "documents": "文件目录", "provenance": "出处"}[
        response.kind
    ]
    refs = []
    for c in sorted(response.citations, key=lambda c: c.marker):
        sc = from_citation(c, assistant.document(c.doc_id))
        where = f" {sc.pinpoint}" if sc.pinpoint else ""
        refs.append(f"[{c.marker}] {sc.reference}{where} 原文：“{c.quote.strip()}”")
    result.references = "\n".join(refs)
    return result


def run_batch(
    assistant: Assistant, rows: Sequence[BatchRow], progress: Progress | None = None
) -> list[BatchResult]:
    results = []
    for i, row in enumerate(rows):
        if progress:
            progress(i, len(rows))
        results.append(answer_row(assistant, row))
    if progress:
        progress(len(rows), len(rows))
    return results


def write_results(results: Sequence[BatchResult], out: Path | str) -> Path:
    """``.xlsx`` (wrapped text, a column for the reviewer) or ``.csv`` (UTF-8 with BOM, for Excel)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".csv":
        with out.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(OUTPUT_COLUMNS)
            for r in results:
                w.writerow(r.cells())
        return out
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "批量问答"
    ws.append(list(OUTPUT_COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in results:
        ws.append(r.cells())
    widths = (6, 40, 70, 70, 8, 10, 20, 24)
    for col, width in zip("ABCDEFGH", widths, strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    wb.save(out)
    return out
