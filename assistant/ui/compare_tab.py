"""The 对比 tab: one topic across regions or documents, from :meth:`Assistant.compare`, shown as a
table with a citation per cell (:mod:`assistant.ui.compare_view`), an indicator chart when the
topic is an indicator, and exports (.md, .docx, .csv)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.ui import compare_view
from assistant.ui.context import CONCURRENCY, SharedState, UiContext, fail

INTRO = (
    '<div class="sources-empty">输入主题并选择地区，比较各地文件的规定与目标。'
    "主题为指标（如“PM2.5浓度”“受污染耕地安全利用率”）时另附指标对比图。</div>"
)


@dataclass
class CompareTab:
    """Layout, handlers and events of the 对比 tab."""

    ctx: UiContext
    topic: gr.Textbox
    regions: gr.Dropdown
    docs: gr.Dropdown
    button: gr.Button
    table: gr.HTML
    chart: gr.Image
    md_btn: gr.Button
    docx_btn: gr.Button
    csv_btn: gr.Button
    file: gr.File
    result: gr.State

    @classmethod
    def build(cls, ctx: UiContext, regions: list[str], docs: list[tuple[str, str]]) -> CompareTab:
        with gr.Row():
            topic = gr.Textbox(
                label="对比主题",
                placeholder="例如：细颗粒物（PM2.5）平均浓度目标",
                scale=3,
                elem_id="cmp-topic",
            )
            cmp_regions = gr.Dropdown(
                choices=regions,
                multiselect=True,
                label="地区（可多选）",
                scale=3,
                elem_id="cmp-regions",
                allow_custom_value=True,
            )
            cmp_docs = gr.Dropdown(
                choices=docs,
                multiselect=True,
                label="文件（可选）",
                scale=3,
                elem_id="cmp-docs",
                allow_custom_value=True,
            )
        button = gr.Button("对比", variant="primary", elem_id="cmp-btn")
        table = gr.HTML(INTRO, elem_id="cmp-table")
        chart = gr.Image(
            label="指标对比图", type="filepath", visible=False, interactive=False, elem_id="cmp-chart"
        )
        with gr.Row():
            md_btn = gr.Button("导出 Markdown (.md)", size="sm", elem_id="cmp-export-md")
            docx_btn = gr.Button("导出 Word (.docx)", size="sm", elem_id="cmp-export-docx")
            csv_btn = gr.Button("导出表格 (.csv)", size="sm", elem_id="cmp-export-csv")
        file = gr.File(label="下载", interactive=False, elem_id="cmp-file")
        result = gr.State(None)
        return cls(
            ctx, topic, cmp_regions, cmp_docs, button, table, chart, md_btn, docx_btn, csv_btn, file, result
        )

    # -- handlers --------------------------------------------------------------------------

    def compare(
        self, topic: str, regions: list[str] | None, doc_ids: list[str] | None, entries: dict[str, Any]
    ) -> tuple[str, Any, Any, dict[str, Any]]:
        assistant = self.ctx.assistant
        topic = (topic or "").strip()
        if not topic:
            raise fail("请输入对比主题，例如“秸秆综合利用”。")
        if doc_ids and len(doc_ids) == 1:
            raise fail("按文件对比时请至少选择两个文件。")
        try:
            with self.ctx.lock.read():
                result = assistant.compare(topic, regions=regions or None, docs=doc_ids or None)
                run = f"c{len([k for k in entries if k.startswith('c')]) + 1}x"
                table, cites = compare_view.render(result, assistant, run)
                image = compare_view.chart(assistant, topic, regions or None)
        except AssistantError as e:
            raise fail(str(e)) from e
        return table, gr.update(value=image, visible=image is not None), result, {**entries, **cites}

    @staticmethod
    def export(result: Any, suffix: str) -> str:
        if result is None:
            raise fail("请先进行一次对比。")
        return compare_view.export(result, suffix)

    def lists(self) -> tuple[Any, Any]:
        """The document and region lists as the index has them now."""
        with self.ctx.lock.read():
            return gr.update(choices=self.ctx.doc_choices()), gr.update(choices=self.ctx.regions())

    # -- events ----------------------------------------------------------------------------

    def wire(self, shared: SharedState) -> None:
        inputs = [self.topic, self.regions, self.docs, shared.entries]
        outputs = [self.table, self.chart, self.result, shared.entries]
        self.button.click(self.compare, inputs, outputs, concurrency_limit=CONCURRENCY, api_name="compare")
        self.topic.submit(
            self.compare, inputs, outputs, concurrency_limit=CONCURRENCY, api_visibility="private"
        )
        for btn, suffix in ((self.md_btn, ".md"), (self.docx_btn, ".docx"), (self.csv_btn, ".csv")):
            btn.click(
                lambda r, s=suffix: self.export(r, s),
                self.result,
                self.file,
                api_name=f"export_compare_{suffix[1:]}",
            )
