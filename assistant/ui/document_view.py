"""The original document, read in full: opened from any source card ("查看原文" in the chat, the
sources panel, a citation popover or a comparison) scrolled to the cited passage with it
highlighted, or from the 文库 tab ("阅读全文").

The viewer is one panel over the page (outside the tabs, so every tab can open it); the text is
:func:`assistant.ui.render.document_html`. A card's button puts its key into the hidden
``#doc-key`` box and clicks the hidden ``#doc-open-btn`` (the same route as "加入引用篮"); the key
resolves to the citation through the per-browser ``entries``, so only passages this browser was
shown can be asked for by key. The page script scrolls the highlight into view once it appears.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.ui.context import SharedState, UiContext, warn
from assistant.ui.render import document_html


@dataclass
class DocumentViewer:
    """The panel and its events."""

    ctx: UiContext
    panel: gr.Column
    view: gr.HTML
    close: gr.Button
    key: gr.Textbox
    open_btn: gr.Button

    @classmethod
    def build(cls, ctx: UiContext) -> DocumentViewer:
        with gr.Column(visible=False, elem_id="doc-viewer") as panel:
            close = gr.Button("关闭原文 ✕", size="sm", elem_id="doc-close")
            view = gr.HTML("", elem_id="doc-view")
        key = gr.Textbox(visible="hidden", elem_id="doc-key")
        open_btn = gr.Button("查看原文", visible="hidden", elem_id="doc-open-btn")
        return cls(ctx, panel, view, close, key, open_btn)

    def render(self, doc_id: str, highlight: tuple[int, int] | None = None) -> str:
        assistant = self.ctx.assistant
        with self.ctx.lock.read():
            d = assistant.document(doc_id)
            status = assistant.statuses().get(doc_id)
            return document_html(d, highlight, status.label if status is not None else "")

    def open_source(self, key: str, entries: dict[str, Any]) -> tuple[Any, Any, str]:
        """A source card's "查看原文": the document of that citation, its quote highlighted."""
        c = (entries or {}).get((key or "").strip())
        if c is None:
            warn("找不到该来源，请重新提问后再试。")
            return gr.skip(), gr.skip(), ""
        try:
            html = self.render(c.doc_id, (c.quote_start, c.quote_end))
        except AssistantError:
            warn("该文件已不在文库中。")
            return gr.skip(), gr.skip(), ""
        return html, gr.update(visible=True), ""

    def open_document(self, doc_id: str | None) -> tuple[Any, Any]:
        """The 文库 tab's "阅读全文": the document from its beginning."""
        if not doc_id:
            warn("请先选择一个文件。")
            return gr.skip(), gr.skip()
        try:
            return self.render(doc_id), gr.update(visible=True)
        except AssistantError as e:
            warn(str(e))
            return gr.skip(), gr.skip()

    def wire(self, shared: SharedState, library_pick: gr.Dropdown, library_btn: gr.Button) -> None:
        self.open_btn.click(
            self.open_source,
            [self.key, shared.entries],
            [self.view, self.panel, self.key],
            api_visibility="private",
            show_progress="minimal",
        )
        library_btn.click(self.open_document, library_pick, [self.view, self.panel], api_visibility="private")
        self.close.click(lambda: gr.update(visible=False), None, self.panel, api_visibility="private")
