"""The 版本对照 tab: two versions of an act (or an act and the one that repealed it) side by side,
article by article, changed words marked — what officials brief on as "修改了什么".

The alignment is :meth:`assistant.core.Assistant.diff`; this module only lays it out and offers
the Markdown and Word exports the CLI writes.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.ui.context import UiContext
from assistant.ui.render import esc

EMPTY = '<div class="sources-empty">选择旧文本与新文本后点“对照”，逐条列出修改、新增、删除的条文。</div>'


def segments_html(segments: Any) -> str:
    """A word diff as HTML: deleted words struck through, inserted words underlined."""
    out = []
    for seg in segments:
        text = esc(seg.text).replace("\n", "<br>")
        if seg.op == "delete":
            out.append(f'<del class="diff-del">{text}</del>')
        elif seg.op == "insert":
            out.append(f'<ins class="diff-ins">{text}</ins>')
        else:
            out.append(text)
    return "".join(out)


def diff_html(diff: Any, include_unchanged: bool = False) -> str:
    """The summary table, then one card per article that changed (or every article)."""
    rows = "".join(f"<tr><td>{esc(label)}</td><td>{n}</td></tr>" for label, n in diff.summary_rows())
    parts = [
        f'<div class="diff-view"><h3>{esc(diff.title())}</h3>',
        "".join(f"<div>{esc(line)}</div>" for line in diff.preamble()),
        f'<table class="diff-summary"><tr><th>类别</th><th>条数</th></tr>{rows}</table>',
    ]
    for p in diff.pairs:
        if p.kind == "unchanged" and not include_unchanged:
            continue
        parts.append(
            f'<div class="diff-pair diff-{p.kind}"><div class="diff-head">{esc(p.heading)}</div>'
            f'<div class="diff-body">{segments_html(p.segments)}</div></div>'
        )
    parts.append("</div>")
    return "".join(parts)


@dataclass
class VersionsTab:
    """Layout, handlers and events of the 版本对照 tab."""

    ctx: UiContext
    old: gr.Dropdown
    new: gr.Dropdown
    show_all: gr.Checkbox
    run: gr.Button
    view: gr.HTML
    md_file: gr.File
    docx_file: gr.File

    @classmethod
    def build(cls, ctx: UiContext, docs: list[tuple[str, str]]) -> VersionsTab:
        pairs = ctx.assistant.version_pairs()
        first = pairs[0] if pairs else (None, None)
        gr.Markdown("对照同一法规的两个文本（或被废止的法规与废止它的新法），条文重新编号时按内容对应。")
        with gr.Row():
            old = gr.Dropdown(
                docs, value=first[0], label="旧文本", elem_id="diff-old", allow_custom_value=True
            )
            new = gr.Dropdown(
                docs, value=first[1], label="新文本", elem_id="diff-new", allow_custom_value=True
            )
        with gr.Row():
            show_all = gr.Checkbox(False, label="同时列出未修改的条文", elem_id="diff-all")
            run = gr.Button("对照", variant="primary", elem_id="diff-run")
        view = gr.HTML(EMPTY, elem_id="diff-view")
        with gr.Row():
            md_file = gr.File(label="Markdown", interactive=False, elem_id="diff-md")
            docx_file = gr.File(label="Word", interactive=False, elem_id="diff-docx")
        tab = cls(ctx, old, new, show_all, run, view, md_file, docx_file)
        run.click(tab.compare, [old, new, show_all], [view, md_file, docx_file], api_name="diff")
        return tab

    def compare(self, old: str | None, new: str | None, show_all: bool) -> tuple[str, Any, Any]:
        if not old or not new:
            return '<div class="sources-empty">请选择旧文本和新文本。</div>', None, None
        if old == new:
            return (
                '<div class="sources-empty">旧文本和新文本是同一个文件，请选择两个不同的文本。</div>',
                None,
                None,
            )
        try:
            with self.ctx.lock.read():
                diff = self.ctx.assistant.diff(old, new)
        except AssistantError as e:
            return f'<div class="sources-empty">{esc(str(e))}</div>', None, None
        # one folder, files overwritten per pair: exports never pile up in the temp dir
        out = Path(tempfile.gettempdir()) / "policy-assistant-diff"
        out.mkdir(exist_ok=True)
        name = f"{diff.old_doc.meta.doc_id}-{diff.new_doc.meta.doc_id}-对照"
        md = out / f"{name}.md"
        md.write_text(diff.to_markdown(include_unchanged=show_all), encoding="utf-8")
        docx = diff.to_docx(out / f"{name}.docx", include_unchanged=show_all)
        return diff_html(diff, show_all), str(md), str(docx)
