"""The 引用 tab: the citation basket collected from answers and comparisons, exported as Markdown
(footnotes) or Word (real footnotes). The basket itself is :class:`assistant.citations.CitationBasket`;
this module only shows it and offers removal and export."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.citations import CitationBasket
from assistant.ui.context import SharedState, UiContext, fail
from assistant.ui.render import esc

EMPTY = '<div class="sources-empty">引用篮是空的。在“问答”页点击来源下的“加入引用篮”即可收集引用。</div>'


def basket_of(data: str) -> CitationBasket:
    return CitationBasket.from_json(data) if data else CitationBasket()


def render_basket(data: str) -> str:
    b = basket_of(data)
    if not len(b):
        return EMPTY
    items = []
    for e in b.entries:
        head = f"<div><b>问：</b>{esc(e.question)}</div>" if e.question else ""
        text = f"<div>{esc(e.text)}</div>" if e.text.strip() else ""
        cits = "".join(
            f"<li>{esc(c.in_text)}<div class='quote'>{esc(c.reference)}"
            f"{'　' + esc(c.pinpoint) if c.pinpoint else ''}</div></li>"
            for c in e.citations
        )
        items.append(f"<li>{head}{text}<ul>{cits}</ul></li>")
    refs = "".join(f"<li>{esc(r)}</li>" for r in b.references())
    return (
        f'<div class="basket-list"><div class="sources-title">已收集 {len(b)} 条</div>'
        f"<ol>{''.join(items)}</ol><div class='sources-title'>参考文献</div><ol>{refs}</ol></div>"
    )


def basket_choices(data: str) -> Any:
    b = basket_of(data)
    choices = []
    for i, e in enumerate(b.entries):
        first = e.citations[0] if e.citations else None
        label = e.question or (first.in_text if first else e.text)
        choices.append((f"{i + 1}. {label[:40]}", i))
    return gr.update(choices=choices, value=[])


def remove_entries(data: str, picked: list[int] | None) -> tuple[str, str]:
    b = basket_of(data)
    for i in sorted(picked or [], reverse=True):
        if 0 <= int(i) < len(b):
            b.remove(int(i))
    out = b.to_json()
    return out, render_basket(out)


def clear_basket() -> tuple[str, str]:
    return "", render_basket("")


def _export(data: str, title: str, suffix: str) -> str:
    b = basket_of(data)
    if not len(b):
        raise fail("引用篮是空的，没有可导出的内容。")
    b.title = (title or "").strip() or "政策文件引用"
    out = (
        Path(tempfile.mkdtemp(prefix="policy-cite-"))
        / f"政策文件引用-{time.strftime('%Y%m%d-%H%M%S')}{suffix}"
    )
    if suffix == ".docx":
        b.to_docx(out)
    else:
        out.write_text(b.to_markdown(), encoding="utf-8")
    return str(out)


def export_md(data: str, title: str) -> tuple[str, str]:
    path = _export(data, title, ".md")
    return path, Path(path).read_text(encoding="utf-8")


def export_docx(data: str, title: str) -> str:
    return _export(data, title, ".docx")


@dataclass
class CiteTab:
    """Layout and events of the 引用 tab."""

    view: gr.HTML
    picked: gr.CheckboxGroup
    title: gr.Textbox
    md_btn: gr.Button
    docx_btn: gr.Button
    file: gr.File
    drop_btn: gr.Button
    clear_btn: gr.Button
    preview: gr.Code

    @classmethod
    def build(cls, ctx: UiContext) -> CiteTab:
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                view = gr.HTML(render_basket(""), elem_id="basket")
            with gr.Column(scale=2, min_width=280):
                title = gr.Textbox(label="导出文档标题", value="政策文件引用", elem_id="export-title")
                with gr.Row():
                    md_btn = gr.Button("下载 Markdown (.md)", elem_id="export-md")
                    docx_btn = gr.Button("下载 Word (.docx)", variant="primary", elem_id="export-docx")
                file = gr.File(label="导出文件", interactive=False, elem_id="export-file")
                picked = gr.CheckboxGroup(label="选择要移除的条目", choices=[], elem_id="basket-pick")
                with gr.Row():
                    drop_btn = gr.Button("移除所选", size="sm")
                    clear_btn = gr.Button("清空引用篮", size="sm", variant="stop")
        preview = gr.Code(label="Markdown 预览", language="markdown", interactive=False, lines=10)
        return cls(view, picked, title, md_btn, docx_btn, file, drop_btn, clear_btn, preview)

    def wire(self, shared: SharedState, keep: Callable[[str, str], None]) -> None:
        """``keep(session, basket)`` stores the basket for a reload: called by the handlers that
        change it, before the page shows the change (not by a later event a reload could cut off)."""
        basket = shared.basket

        def drop(data: str, picked: list[int] | None, session: str) -> tuple[str, str]:
            out, shown = remove_entries(data, picked)
            keep(session, out)
            return out, shown

        def clear(session: str) -> tuple[str, str]:
            out, shown = clear_basket()
            keep(session, out)
            return out, shown

        basket.change(basket_choices, basket, self.picked, api_visibility="private")
        self.md_btn.click(export_md, [basket, self.title], [self.file, self.preview], api_name="export_md")
        self.docx_btn.click(export_docx, [basket, self.title], self.file, api_name="export_docx")
        self.drop_btn.click(
            drop, [basket, self.picked, shared.session], [basket, self.view], api_visibility="private"
        )
        self.clear_btn.click(clear, shared.session, [basket, self.view], api_visibility="private")
