"""Batch Q&A: spreadsheets in and out, bad rows reported, never fatal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from assistant.batch import OUTPUT_COLUMNS, BatchRow, read_questions, run_batch, write_results
from assistant.errors import UserInputError


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_reads_the_question_and_region_columns(tmp_path: Path) -> None:
    p = _xlsx(
        tmp_path / "问题.xlsx",
        [["序号", "问题", "地区"], ["1", "秸秆禁烧有什么要求？", "安徽、济源"], ["2", "", ""]],
    )
    rows = read_questions(p)
    assert [(r.number, r.question, r.regions) for r in rows] == [
        (1, "秸秆禁烧有什么要求？", ["安徽", "济源"]),
        (2, "", []),
    ]
    csv = tmp_path / "问题.csv"
    csv.write_bytes("问题\n第一个问题？\n".encode("gb18030"))
    assert [r.question for r in read_questions(csv)] == ["第一个问题？"]
    plain = tmp_path / "无表头.csv"
    plain.write_text("没有表头的问题？\n第二个？\n", encoding="utf-8")
    assert [r.question for r in read_questions(plain)] == ["没有表头的问题？", "第二个？"]


def test_bad_files_name_the_users_file(tmp_path: Path) -> None:
    broken = tmp_path / "坏表格.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(UserInputError, match=r"坏表格\.xlsx"):
        read_questions(broken)
    with pytest.raises(UserInputError, match="只接受"):
        read_questions(tmp_path / "问题.docx", name="问题.docx")
    empty = tmp_path / "空.csv"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(UserInputError, match=r"空\.csv"):
        read_questions(empty)


@pytest.mark.slow
def test_batch_answers_with_references_and_reports_bad_rows(corpus_assistant: Any, tmp_path: Path) -> None:
    rows = [
        BatchRow(1, "济源2024年受污染耕地安全利用率要达到多少？"),
        BatchRow(2, "   "),
        BatchRow(3, "问" * 3000),
        BatchRow(4, "广东省的扬尘污染防治条例对工地有什么要求？"),
    ]
    seen: list[tuple[int, int]] = []
    results = run_batch(corpus_assistant, rows, lambda d, n: seen.append((d, n)))
    assert seen[-1] == (4, 4)
    first, blank, long, absent = results
    assert first.answer == corpus_assistant.respond(rows[0].question).text
    assert "[1]" in first.references and "原文" in first.references and not first.abstained
    assert blank.error == "该行没有问题" and "过长" in long.error
    assert absent.abstained
    out = write_results(results, tmp_path / "结果.xlsx")
    ws = load_workbook(out).active
    assert ws is not None
    table = [[c.value for c in r] for r in ws.iter_rows()]
    assert tuple(table[0]) == OUTPUT_COLUMNS
    assert table[1][2] == first.answer and table[2][7] == "该行没有问题" and table[1][6] is None
    csv_out = write_results(results, tmp_path / "结果.csv")
    assert csv_out.read_text(encoding="utf-8-sig").startswith("序号,问题,回答")


@pytest.mark.slow
def test_cli_batch(corpus_assistant: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant import cli

    monkeypatch.setattr(cli, "_assistant", lambda: corpus_assistant)
    src = _xlsx(tmp_path / "q.xlsx", [["问题"], ["济源2024年受污染耕地安全利用率要达到多少？"], [""]])
    out = tmp_path / "a.xlsx"
    assert cli.main(["batch", str(src), "--out", str(out)]) == 0
    ws = load_workbook(out).active
    assert ws is not None and ws.max_row == 2  # a blank line is no question
