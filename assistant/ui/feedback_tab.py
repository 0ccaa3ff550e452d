"""The 反馈 tab: the 👍/👎 users gave answers, for whoever maintains the library. Behind the admin
login of the 文库 tab when admin accounts are set (users' questions are not for everyone to read).

Flagged answers can be exported as evaluation candidates (JSON Lines in the schema of
``eval/*.jsonl``, see :func:`assistant.feedback.eval_candidate`) for a reviewer to check and add
to a question set.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import gradio as gr

from assistant.feedback import FeedbackRecord, Rating, export_candidates
from assistant.ui.context import SharedState, UiContext, fail

# words, not emoji: an office PC without a colour-emoji font shows empty boxes
FILTERS = [("踩：认为有误", "down"), ("赞：认为正确", "up"), ("全部", "all")]
COLUMNS = ["时间", "评价", "问题", "回答", "原因", "引用文件"]
CLIP = 120


def _clip(text: str, n: int = CLIP) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def feedback_row(r: FeedbackRecord) -> list[str]:
    files = "；".join(dict.fromkeys(f"《{c.get('title', '')}》" for c in r.citations if c.get("title")))
    return [
        time.strftime("%Y-%m-%d %H:%M", time.localtime(r.updated)),
        "赞" if r.rating == "up" else "踩",
        _clip(r.question, 80),
        _clip(r.answer),
        _clip(r.reason) or "—",
        files or ("（未找到答案）" if r.abstained else "—"),
    ]


@dataclass
class FeedbackTab:
    """Layout, handlers and events of the 反馈 tab."""

    ctx: UiContext
    note: gr.Markdown
    which: gr.Radio
    refresh: gr.Button
    count: gr.Markdown
    table: gr.Dataframe
    export_btn: gr.Button
    file: gr.File

    @classmethod
    def build(cls, ctx: UiContext) -> FeedbackTab:
        note = gr.Markdown(
            "用户对回答的评价（赞、踩及原因）。"
            + ("查看与导出需要管理员登录（在“文库”页登录）。" if ctx.auth_required else ""),
            elem_id="fb-note",
        )
        with gr.Row():
            which = gr.Radio(choices=FILTERS, value="down", label="显示", scale=3, elem_id="fb-which")
            refresh = gr.Button("刷新", size="sm", scale=1, elem_id="fb-refresh")
        count = gr.Markdown("", elem_id="fb-count")
        table = gr.Dataframe(
            headers=COLUMNS,
            interactive=False,
            wrap=True,
            max_height=480,
            column_widths=["13%", "5%", "22%", "36%", "14%", "10%"],
            elem_id="fb-table",
        )
        export_btn = gr.Button("导出为评测候选（.jsonl）", elem_id="fb-export")
        file = gr.File(label="评测候选", interactive=False, elem_id="fb-file")
        return cls(ctx, note, which, refresh, count, table, export_btn, file)

    def _records(self, which: str, is_admin: bool) -> list[FeedbackRecord]:
        if self.ctx.auth_required and not is_admin:
            raise fail("请先在“文库”页以管理员身份登录。")
        rating = None if which == "all" else cast(Rating, which)
        return self.ctx.feedback.list(rating)

    def listed(self, which: str, is_admin: bool) -> tuple[Any, str]:
        if self.ctx.auth_required and not is_admin:  # opening the tab before logging in: no error
            return gr.update(value=[]), "请先在“文库”页以管理员身份登录。"
        records = self._records(which, is_admin)
        return gr.update(value=[feedback_row(r) for r in records]), f"共 {len(records)} 条"

    def export(self, which: str, is_admin: bool) -> str:
        records = self._records(which, is_admin)
        if not records:
            raise fail("没有可导出的评价。")
        out = (
            Path(tempfile.mkdtemp(prefix="policy-feedback-"))
            / f"评测候选-{time.strftime('%Y%m%d-%H%M%S')}.jsonl"
        )
        out.write_text(export_candidates(records), encoding="utf-8")
        return str(out)

    def wire(self, tab: gr.Tab, shared: SharedState) -> None:
        inputs = [self.which, shared.is_admin]
        outputs = [self.table, self.count]
        tab.select(self.listed, inputs, outputs, api_visibility="private")
        self.refresh.click(self.listed, inputs, outputs, api_name="feedback")
        self.which.change(self.listed, inputs, outputs, api_visibility="private")
        self.export_btn.click(self.export, inputs, self.file, api_name="export_feedback")
