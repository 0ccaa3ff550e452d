"""The 批量问答 tab: a question table (.xlsx/.csv) in, each question answered by
:func:`assistant.batch.run_batch` (the chat's own call), a result table with a 审核意见 column out."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.ui.context import UiContext, fail
from assistant.ui.guard import discard


@dataclass
class BatchTab:
    """Layout, handler and event of the 批量问答 tab."""

    ctx: UiContext
    file_in: gr.File
    button: gr.Button
    message: gr.Markdown
    file_out: gr.File

    @classmethod
    def build(cls, ctx: UiContext) -> BatchTab:
        gr.Markdown(
            "上传问题表（.xlsx 或 .csv，列名“问题”，可选“地区”），逐题回答并附参考文献与原文，"
            "结果表留有“审核意见”列供审核。"
            # Gradio's upload route needs the admin login when accounts are set (see .guard)
            + ("上传问题表需先在“文库”页以管理员身份登录。" if ctx.auth_required else "")
        )
        file_in = gr.File(label="问题表", file_types=[".xlsx", ".csv"], elem_id="batch-in")
        button = gr.Button("开始批量问答", variant="primary", elem_id="batch-run")
        message = gr.Markdown(elem_id="batch-msg")
        file_out = gr.File(label="结果表", interactive=False, elem_id="batch-out")
        return cls(ctx, file_in, button, message, file_out)

    def answer(self, file: Any, progress: gr.Progress = gr.Progress()) -> tuple[str, str]:  # noqa: B008
        from assistant.batch import read_questions, run_batch, write_results

        if not file:
            raise fail("请先选择问题表（.xlsx 或 .csv）。")
        path = Path(str(file))
        try:
            rows = read_questions(path, name=path.name)
        except AssistantError as e:
            raise fail(str(e)) from e
        finally:
            discard(path)  # read: Gradio's temporary copy can go

        def on_row(done: int, total: int) -> None:
            progress((done, total), desc="批量问答", unit="题")

        with self.ctx.lock.read():
            results = run_batch(self.ctx.assistant, rows, on_row)
        out = write_results(results, Path(tempfile.mkdtemp(prefix="batch-")) / "批量问答结果.xlsx")
        failed = sum(1 for r in results if r.error)
        abstained = sum(1 for r in results if r.abstained)
        return (
            str(out),
            f"已完成 {len(results)} 题：未找到 {abstained} 题，出错 {failed} 题。请在“审核意见”列填写审核结果。",
        )

    def wire(self) -> None:
        self.button.click(self.answer, [self.file_in], [self.file_out, self.message], api_name="batch")
