"""The Gradio web app: a thin layer that maps :class:`Answer` objects to components.

``create_app(assistant)`` builds the Blocks; ``launch()`` serves it. All logic lives in the core
API; this module only renders answers, citations and sources.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.schema import Answer

TITLE = "政策助手"


def render_sources(answer: Answer) -> str:
    """Markdown for the sources panel: each [n] with document, 文号, section path and quote."""
    if answer.citations:
        lines = ["### 来源"]
        for c in answer.citations:
            number = f"（{c.doc_number}）" if c.doc_number else ""
            lines.append(
                f"**[{c.marker}]** 《{html.escape(c.title)}》{html.escape(number)}  \n"
                f"{html.escape(' › '.join(c.section_path) or '正文')}  \n> {html.escape(c.quote)}"
            )
        return "\n\n".join(lines)
    if answer.passages:
        lines = ["### 可能相关"]
        for p in answer.passages[:3]:
            ch = p.chunk
            lines.append(
                f"《{html.escape(ch.meta.title)}》 {html.escape(' › '.join(ch.section_path))}  \n"
                f"> {html.escape(ch.text[:160])}…"
            )
        return "\n\n".join(lines)
    return ""


def create_app(assistant: Assistant) -> gr.Blocks:
    regions = sorted(
        {d.meta.region for d in assistant.documents() if d.meta.province or d.meta.level == "国家"}
    )

    def respond(
        message: str, history: list[dict[str, Any]], region_filter: list[str]
    ) -> Iterator[tuple[list[dict[str, Any]], str, str]]:
        turns = [{"role": str(m["role"]), "content": _text(m["content"])} for m in history]
        history = [*history, {"role": "user", "content": message}]
        try:
            scope = [r.split()[-1] for r in region_filter if r != "全国"] or None
            shown = ""
            for piece in assistant.ask_stream(message, history=turns, regions=scope):
                if isinstance(piece, Answer):
                    yield [*history, {"role": "assistant", "content": piece.text}], render_sources(piece), ""
                else:
                    shown += piece
                    yield [*history, {"role": "assistant", "content": shown}], "", ""
        except AssistantError as e:
            yield [*history, {"role": "assistant", "content": f"⚠️ {e}"}], "", ""

    with gr.Blocks(title=TITLE) as app:
        gr.Markdown(f"# {TITLE}\n面向政策文件的问答：每句回答都附有原文出处。")
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="问答", height=480)
                box = gr.Textbox(
                    label="问题", placeholder="例如：济源2024年受污染耕地安全利用率的目标是多少？"
                )
                region = gr.Dropdown(choices=regions, multiselect=True, label="限定地区（可选）")
            with gr.Column(scale=2):
                sources = gr.Markdown(label="来源")
        box.submit(respond, [box, chat, region], [chat, sources, box], concurrency_limit=4, api_name="ask")
    return app


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(c.get("text", "")) if isinstance(c, dict) else str(c) for c in content)
    return str(content)


def launch(assistant: Assistant | None = None, host: str | None = None, port: int | None = None) -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    app = create_app(assistant or Assistant())
    app.queue().launch(
        server_name=host or os.environ.get("POLICY_ASSISTANT_HOST", "127.0.0.1"),
        server_port=port or int(os.environ.get("POLICY_ASSISTANT_PORT", "7860")),
    )
