"""The Gradio app: 问答, 对比, 引用 and 文库 tabs over :class:`assistant.core.Assistant`.

A thin layer: every handler calls one core method and renders its result with
:mod:`assistant.ui.render`. Index writes (upload, removal, background vectors) take the write side
of one :class:`~assistant.ui.indexing.RWLock`; questions take the read side.

Named API endpoints (for ``gradio_client``; per-session state such as the citation basket is kept
between calls of one client): ``/ask``, ``/add_source``, ``/add_answer``, ``/export_md``,
``/export_docx``, ``/compare``, ``/export_compare_md`` (``_docx``, ``_csv``), ``/login``, ``/upload``,
``/remove``, ``/document``.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import gradio as gr

from assistant.citations import SourceCitation
from assistant.core import MAX_QUESTION_CHARS, Assistant, Scope
from assistant.errors import AssistantError
from assistant.schema import Answer, Citation, Mode
from assistant.ui import library
from assistant.ui.assets import CSS, HEAD
from assistant.ui.indexing import DenseBackfill, RWLock, status_html
from assistant.ui.render import (
    DOCUMENT_COLUMNS,
    doc_date,
    document_meta_html,
    document_row,
    esc,
    plain_text,
    render_answer,
    section_tree_html,
)

log = logging.getLogger(__name__)

TITLE = "政策助手"
EXAMPLES = [
    "安徽省2024年PM2.5浓度目标定为多少？",
    "郑州经济技术开发区对工业炉窑提出了哪些整治要求？",
    "各地对扬尘污染防治有哪些要求？",
]
MODES = [("抽取式：逐句引用原文", "extractive"), ("大模型：依据原文改写（需核对）", "llm")]
CONCURRENCY = 4  # questions answered at once; writes are serialised by the lock anyway


class PolicyApp(gr.Blocks):
    """``gr.Blocks`` whose ``launch`` brings the app's styles and script (Gradio 6 takes them there)."""

    def launch(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("css", CSS)
        kwargs.setdefault("head", HEAD)
        kwargs.setdefault("show_error", True)
        kwargs.setdefault("max_file_size", library.max_upload_bytes())
        kwargs.setdefault("footer_links", ["api"])
        return super().launch(*args, **kwargs)


def _regions(assistant: Assistant) -> list[str]:
    return sorted({d.meta.region for d in assistant.documents() if d.meta.province or d.meta.level == "国家"})


def _doc_choices(assistant: Assistant) -> list[tuple[str, str]]:
    """(label, doc_id) for every list of documents; the label is unique (title, region, date, id),
    so two versions or two copies of a document can be told apart."""
    out = []
    for d in assistant.documents():
        t = d.meta.title if len(d.meta.title) <= 40 else d.meta.title[:39] + "…"
        date = doc_date(d.meta)
        bits = "，".join(x for x in (d.meta.region, date, d.meta.doc_id) if x)
        out.append((f"{t}（{bits}）", d.meta.doc_id))
    return out


def _attr(text: str) -> str:
    """Text as an HTML attribute value on one line: the chat renders messages as Markdown, where a
    blank line, even inside an attribute, ends the HTML block."""
    return esc(text).replace("\n", "&#10;")


def _user_html(text: str) -> str:
    return esc(text).replace("\n", "<br>")


def _basket(data: str) -> Any:
    from assistant.citations import CitationBasket

    return CitationBasket.from_json(data) if data else CitationBasket()


def create_app(
    assistant: Assistant,
    backfill: DenseBackfill | None = None,
    lock: RWLock | None = None,
    admins: dict[str, str] | None = None,
) -> gr.Blocks:
    """Build the app. ``admins`` (user → password) defaults to the environment (see :mod:`.library`)."""
    lock = lock or RWLock()
    accounts = library.admin_accounts() if admins is None else admins
    auth_required = bool(accounts)
    llm_ok = assistant.settings.llm_configured
    upload_limit = library.max_upload_bytes()
    throttle = library.LoginThrottle()

    # -- 问答 ------------------------------------------------------------------------------

    def respond(
        message: str,
        chat: list[dict[str, Any]],
        regions: list[str] | None,
        doc_ids: list[str] | None,
        mode: str | None,
        turns: list[dict[str, str]],
        entries: dict[str, Citation],
    ) -> Iterator[tuple[Any, ...]]:
        message = (message or "").strip()
        chat = list(chat or [])
        if not message:
            gr.Warning("请输入问题。")
            yield chat, gr.skip(), "", turns, entries, gr.skip()
            return
        if len(message) > MAX_QUESTION_CHARS:
            gr.Warning(f"问题过长（{len(message)} 字），请控制在 {MAX_QUESTION_CHARS} 字以内。")
            yield chat, gr.skip(), message, turns, entries, gr.skip()
            return
        chat = [*chat, {"role": "user", "content": _user_html(message)}]
        turn = f"t{len(turns) // 2 + 1}"
        yield (
            [*chat, {"role": "assistant", "content": "正在检索文件…"}],
            gr.skip(),
            "",
            turns,
            entries,
            gr.skip(),
        )
        # a region label's last word is its most specific place ("河南省 济源市" → 济源市)
        scope = [r.split()[-1] for r in (regions or []) if r.strip() and r != "全国"] or None
        chosen_mode: Mode = "llm" if (mode == "llm" and llm_ok) else "extractive"
        try:
            with lock.read():
                if not assistant.is_indexed():
                    raise AssistantError("文库为空：请先在“文库”页导入文件，或运行 make index。")
                response = assistant.respond(
                    message,
                    history=turns,
                    scope=Scope(regions=scope or [], doc_ids=list(doc_ids or [])),
                    mode=chosen_mode,
                )
                table, cites = "", cast("dict[str, Any]", {})
                if response.comparison is not None:
                    from assistant.ui import compare_view

                    table, cites = compare_view.render(
                        response.comparison, assistant, f"{turn}c", open_cards=False
                    )
                piece = response.answer
                r = render_answer(piece, turn, assistant.document)
                new_turns = [
                    *turns,
                    {"role": "user", "content": message},
                    {"role": "assistant", "content": r.history_text},
                ]
                yield (
                    [
                        *chat,
                        {
                            "role": "assistant",
                            "content": f'<div class="answer" data-plain="{_attr(plain_text(piece, assistant.document))}">'
                            f"{r.message}{table}</div>",
                        },
                    ],
                    r.sources,
                    "",
                    new_turns,
                    {**entries, **r.entries, **cites},
                    piece,
                )
        except AssistantError as e:
            error = f'<div class="answer answer-error">⚠️ {esc(e)}</div>'
            yield [*chat, {"role": "assistant", "content": error}], "", "", turns, entries, None

    def add_source(key: str, entries: dict[str, Any], basket: str) -> tuple[str, str, str]:
        from assistant.citations import from_citation

        c = entries.get((key or "").strip())
        if c is None:
            gr.Warning("找不到该来源，请重新提问后再试。")
            return basket, render_basket(basket), ""
        b = _basket(basket)
        try:
            b.add(c if isinstance(c, SourceCitation) else from_citation(c, assistant.document(c.doc_id)))
        except AssistantError as e:
            gr.Warning(str(e))
            return basket, render_basket(basket), ""
        gr.Info(f"已加入引用篮（共 {len(b)} 条）")
        data = b.to_json()
        return data, render_basket(data), ""

    def add_answer(answer: Answer | None, basket: str) -> tuple[str, str]:
        if answer is None or not answer.citations:
            gr.Warning("当前没有带引用的回答可加入。")
            return basket, render_basket(basket)
        b = _basket(basket)
        try:
            b.add_answer(answer, assistant.document)
        except AssistantError as e:
            gr.Warning(str(e))
            return basket, render_basket(basket)
        gr.Info(f"已将整条回答加入引用篮（共 {len(b)} 条）")
        data = b.to_json()
        return data, render_basket(data)

    def new_chat() -> tuple[Any, ...]:
        return [], '<div class="sources-empty">提问后，这里显示回答所依据的原文段落。</div>', [], {}, None

    # -- 引用 ------------------------------------------------------------------------------

    def render_basket(data: str) -> str:
        b = _basket(data)
        if not len(b):
            return '<div class="sources-empty">引用篮是空的。在“问答”页点击来源下的“加入引用篮”即可收集引用。</div>'
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
        b = _basket(data)
        choices = []
        for i, e in enumerate(b.entries):
            first = e.citations[0] if e.citations else None
            label = e.question or (first.in_text if first else e.text)
            choices.append((f"{i + 1}. {label[:40]}", i))
        return gr.update(choices=choices, value=[])

    def remove_entries(data: str, picked: list[int] | None) -> tuple[str, str]:
        b = _basket(data)
        for i in sorted(picked or [], reverse=True):
            if 0 <= int(i) < len(b):
                b.remove(int(i))
        out = b.to_json()
        return out, render_basket(out)

    def clear_basket() -> tuple[str, str]:
        return "", render_basket("")

    def _export(data: str, title: str, suffix: str) -> str:
        b = _basket(data)
        if not len(b):
            raise gr.Error("引用篮是空的，没有可导出的内容。")
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

    # -- 文库 ------------------------------------------------------------------------------

    def library_rows() -> list[list[str]]:
        with lock.read():
            return [document_row(d) for d in assistant.documents()]

    def show_document(doc_id: str | None) -> tuple[str, str]:
        if not doc_id:
            return '<div class="sources-empty">选择一个文件查看其信息与章节结构。</div>', ""
        try:
            with lock.read():
                d = assistant.document(doc_id)
                return document_meta_html(d), section_tree_html(d)
        except AssistantError as e:
            return f'<div class="sources-empty">{esc(e)}</div>', ""

    def pick_row(evt: gr.SelectData) -> Any:
        row = evt.row_value if hasattr(evt, "row_value") else None
        if row:
            return gr.update(value=str(row[0]))
        return gr.skip()

    def login(user: str, password: str, request: gr.Request) -> tuple[bool, str, Any, Any]:
        if not auth_required:
            return (
                True,
                "未配置管理员账号：上传与删除对所有人开放。",
                gr.update(interactive=True),
                gr.update(interactive=True),
            )
        client = getattr(getattr(request, "client", None), "host", None) or "?"
        closed = gr.update(interactive=False)
        if wait := throttle.locked(client):
            return False, f"登录失败次数过多，请 {wait / 60:.0f} 分钟后再试。", closed, closed
        if library.check_login(accounts, user, password):
            throttle.succeeded(client)
            return True, f"已登录：{esc(user)}", gr.update(interactive=True), gr.update(interactive=True)
        throttle.failed(client)
        time.sleep(1.0)  # slows down guessing
        return False, "用户名或密码错误。", closed, closed

    def refreshed() -> tuple[Any, ...]:
        rows = library_rows()
        with lock.read():
            docs = _doc_choices(assistant)
            regions = _regions(assistant)
        return (
            gr.update(value=rows),
            gr.update(choices=docs),
            gr.update(choices=docs),
            gr.update(choices=docs, value=[]),
            gr.update(choices=regions),
            f"共 {len(rows)} 个文件",
        )

    def upload(
        files: list[Any] | None, is_admin: bool, progress: gr.Progress | None = None
    ) -> list[list[str]]:
        progress = progress or gr.Progress()
        if auth_required and not is_admin:
            raise gr.Error("请先以管理员身份登录。")
        if not files:
            raise gr.Error("请先选择要上传的文件。")
        # gr.File(type="filepath") keeps the uploaded file's own name as the basename.
        paths = [Path(str(f)) for f in files]
        names = [p.name for p in paths]
        staged = library.stage_uploads(paths, names, assistant.settings, upload_limit)

        def on_file(path: Path, i: int, n: int) -> None:
            progress((i, n), desc=f"解析 {staged.stored.get(path, path.name)}", unit="个文件")

        def on_embed(done: int, total: int) -> None:
            progress((done, total), desc="向量化", unit="个片段")

        progress(0, desc="开始导入")
        try:
            results = library.import_staged(assistant, staged, lock, on_file=on_file, on_embed=on_embed)
        except AssistantError as e:
            raise gr.Error(f"导入失败：{e}") from e
        shown = {"imported": "已导入", "refused": "未导入：", "duplicate": "未导入：", "failed": "失败："}
        return [
            [r.name, shown[r.status] + r.message if r.status != "imported" else shown[r.status], r.doc_id]
            for r in results
        ]

    def remove(doc_ids: list[str] | None, confirmed: bool, is_admin: bool) -> tuple[str, Any]:
        if auth_required and not is_admin:
            raise gr.Error("请先以管理员身份登录。")
        if not doc_ids:
            raise gr.Error("请先选择要删除的文件。")
        if not confirmed:
            # a toast, not an error badge over the form: nothing went wrong, a step is missing
            gr.Warning("请先勾选“确认删除”，再点删除。")
            return "未删除：请先勾选“确认删除”。", gr.skip()
        try:
            with lock.write():
                sources = {d: assistant.document(d).meta.source_path for d in doc_ids}
                assistant.remove(doc_ids)
        except AssistantError as e:
            raise gr.Error(str(e)) from e
        for src in sources.values():
            if (p := library.is_upload(src, assistant.settings)) is not None:
                p.unlink(missing_ok=True)
        return f"已删除 {len(doc_ids)} 个文件：{esc('、'.join(doc_ids))}", gr.update(value=False)

    # -- 对比 ------------------------------------------------------------------------------

    def compare(
        topic: str, regions: list[str] | None, doc_ids: list[str] | None, entries: dict[str, Any]
    ) -> tuple[str, Any, Any, dict[str, Any]]:
        from assistant.ui import compare_view

        topic = (topic or "").strip()
        if not topic:
            raise gr.Error("请输入对比主题，例如“秸秆综合利用”。")
        if doc_ids and len(doc_ids) == 1:
            raise gr.Error("按文件对比时请至少选择两个文件。")
        try:
            with lock.read():
                result = assistant.compare(topic, regions=regions or None, docs=doc_ids or None)
                run = f"c{len([k for k in entries if k.startswith('c')]) + 1}x"
                table, cites = compare_view.render(result, assistant, run)
                image = compare_view.chart(assistant, topic, regions or None)
        except AssistantError as e:
            raise gr.Error(str(e)) from e
        return table, gr.update(value=image, visible=image is not None), result, {**entries, **cites}

    def export_compare(result: Any, suffix: str) -> str:
        from assistant.ui import compare_view

        if result is None:
            raise gr.Error("请先进行一次对比。")
        return compare_view.export(result, suffix)

    # -- 批量问答 ----------------------------------------------------------------------------

    def batch_answer(file: Any, progress: gr.Progress = gr.Progress()) -> tuple[str, str]:  # noqa: B008
        from assistant.batch import read_questions, run_batch, write_results

        if not file:
            raise gr.Error("请先选择问题表（.xlsx 或 .csv）。")
        path = Path(str(file))
        try:
            rows = read_questions(path, name=path.name)
        except AssistantError as e:
            raise gr.Error(str(e)) from e

        def on_row(done: int, total: int) -> None:
            progress((done, total), desc="批量问答", unit="题")

        with lock.read():
            results = run_batch(assistant, rows, on_row)
        out = write_results(results, Path(tempfile.mkdtemp(prefix="batch-")) / "批量问答结果.xlsx")
        failed = sum(1 for r in results if r.error)
        abstained = sum(1 for r in results if r.abstained)
        return (
            str(out),
            f"已完成 {len(results)} 题：未找到 {abstained} 题，出错 {failed} 题。请在“审核意见”列填写审核结果。",
        )

    # -- layout ----------------------------------------------------------------------------

    initial_regions = _regions(assistant)
    initial_docs = _doc_choices(assistant)
    with PolicyApp(title=TITLE, fill_width=True) as app:
        turns = gr.State([])
        entries = gr.State({})
        last_answer = gr.State(None)
        basket = gr.State("")
        is_admin = gr.State(not auth_required)

        gr.Markdown(f"## {TITLE}\n面向政策文件的问答、对比与引用：每句回答都附有原文出处。")
        status = gr.HTML(status_html(backfill), elem_id="status-bar")
        if backfill is not None:
            timer = gr.Timer(2.0, active=backfill.status.running)

            def tick() -> tuple[str, Any]:
                return status_html(backfill), gr.Timer(active=backfill.status.running)

            timer.tick(tick, None, [status, timer], queue=False, show_progress="hidden")

        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("问答", id="chat", elem_id="tab-chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=320):
                        chatbot = gr.Chatbot(
                            label="问答",
                            elem_id="chat",
                            height=520,
                            buttons=["copy"],
                            feedback_options=None,
                            placeholder="请输入问题。回答中的 [1] [2] 可点击或悬停查看原文。",
                        )
                        with gr.Row(equal_height=True):
                            box = gr.Textbox(
                                show_label=False,
                                placeholder="例如：郑州经济技术开发区对工业炉窑提出了哪些整治要求？",
                                scale=5,
                                min_width=200,
                                elem_id="question",
                                max_lines=4,
                            )
                            send = gr.Button(
                                "提问", variant="primary", scale=1, min_width=80, elem_id="ask-btn"
                            )
                        gr.Examples(EXAMPLES, inputs=box, label="示例问题")
                        with gr.Accordion("筛选与设置", open=False, elem_id="filters"):
                            region = gr.Dropdown(
                                choices=initial_regions,
                                multiselect=True,
                                label="限定地区（可选）",
                                elem_id="region",
                                allow_custom_value=True,
                            )
                            doc_filter = gr.Dropdown(
                                choices=initial_docs,
                                multiselect=True,
                                label="限定文件（可选）",
                                elem_id="doc-filter",
                                allow_custom_value=True,
                            )
                            mode = gr.Radio(
                                choices=MODES,
                                value="extractive",
                                label="回答方式",
                                visible=llm_ok,
                                interactive=llm_ok,
                                elem_id="mode",
                            )
                            if not llm_ok:
                                gr.Markdown("回答方式：抽取式（未配置大模型接口，不提供大模型改写）。")
                        with gr.Row():
                            clear = gr.Button("新对话", size="sm")
                            add_all = gr.Button("整条回答加入引用篮", size="sm", elem_id="add-answer")
                    with gr.Column(scale=2, min_width=300):
                        sources = gr.HTML(
                            '<div class="sources-empty">提问后，这里显示回答所依据的原文段落。</div>',
                            elem_id="sources",
                            max_height=640,
                        )
                basket_key = gr.Textbox(visible="hidden", elem_id="basket-key")
                basket_btn = gr.Button("加入", visible="hidden", elem_id="basket-add-btn")

            with gr.Tab("对比", id="compare", elem_id="tab-compare"):
                with gr.Row():
                    topic = gr.Textbox(
                        label="对比主题",
                        placeholder="例如：细颗粒物（PM2.5）平均浓度目标",
                        scale=3,
                        elem_id="cmp-topic",
                    )
                    cmp_regions = gr.Dropdown(
                        choices=initial_regions,
                        multiselect=True,
                        label="地区（可多选）",
                        scale=3,
                        elem_id="cmp-regions",
                        allow_custom_value=True,
                    )
                    cmp_docs = gr.Dropdown(
                        choices=initial_docs,
                        multiselect=True,
                        label="文件（可选）",
                        scale=3,
                        elem_id="cmp-docs",
                        allow_custom_value=True,
                    )
                cmp_btn = gr.Button("对比", variant="primary", elem_id="cmp-btn")
                cmp_table = gr.HTML(
                    '<div class="sources-empty">输入主题并选择地区，比较各地文件的规定与目标。'
                    "主题为指标（如“PM2.5浓度”“受污染耕地安全利用率”）时另附指标对比图。</div>",
                    elem_id="cmp-table",
                )
                cmp_chart = gr.Image(
                    label="指标对比图", type="filepath", visible=False, interactive=False, elem_id="cmp-chart"
                )
                with gr.Row():
                    cmp_md = gr.Button("导出 Markdown (.md)", size="sm", elem_id="cmp-export-md")
                    cmp_docx = gr.Button("导出 Word (.docx)", size="sm", elem_id="cmp-export-docx")
                    cmp_csv = gr.Button("导出表格 (.csv)", size="sm", elem_id="cmp-export-csv")
                cmp_file = gr.File(label="下载", interactive=False, elem_id="cmp-file")
                cmp_state = gr.State(None)

            with gr.Tab("引用", id="cite", elem_id="tab-cite"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=320):
                        basket_view = gr.HTML(render_basket(""), elem_id="basket")
                    with gr.Column(scale=2, min_width=280):
                        doc_title = gr.Textbox(
                            label="导出文档标题", value="政策文件引用", elem_id="export-title"
                        )
                        with gr.Row():
                            md_btn = gr.Button("下载 Markdown (.md)", elem_id="export-md")
                            docx_btn = gr.Button(
                                "下载 Word (.docx)", variant="primary", elem_id="export-docx"
                            )
                        export_file = gr.File(label="导出文件", interactive=False, elem_id="export-file")
                        picked = gr.CheckboxGroup(label="选择要移除的条目", choices=[], elem_id="basket-pick")
                        with gr.Row():
                            drop_btn = gr.Button("移除所选", size="sm")
                            clear_btn = gr.Button("清空引用篮", size="sm", variant="stop")
                md_preview = gr.Code(label="Markdown 预览", language="markdown", interactive=False, lines=10)

            with gr.Tab("批量问答", id="batch", elem_id="tab-batch"):
                gr.Markdown(
                    "上传问题表（.xlsx 或 .csv，列名“问题”，可选“地区”），逐题回答并附参考文献与原文，"
                    "结果表留有“审核意见”列供审核。"
                )
                batch_in = gr.File(label="问题表", file_types=[".xlsx", ".csv"], elem_id="batch-in")
                batch_btn = gr.Button("开始批量问答", variant="primary", elem_id="batch-run")
                batch_msg = gr.Markdown(elem_id="batch-msg")
                batch_out = gr.File(label="结果表", interactive=False, elem_id="batch-out")
                batch_btn.click(batch_answer, [batch_in], [batch_out, batch_msg], api_name="batch")

            with gr.Tab("文库", id="library", elem_id="tab-library"):
                lib_count = gr.Markdown(f"共 {len(assistant.documents())} 个文件", elem_id="lib-count")
                table = gr.Dataframe(
                    value=library_rows(),
                    headers=DOCUMENT_COLUMNS,
                    interactive=False,
                    wrap=True,
                    max_height=360,
                    column_widths=["18%", "30%", "14%", "12%", "8%", "10%", "5%", "3%"],
                    elem_id="doc-table",
                )
                with gr.Row(equal_height=False):
                    with gr.Column(scale=2, min_width=300):
                        doc_pick = gr.Dropdown(
                            choices=initial_docs,
                            value=initial_docs[0][1] if initial_docs else None,
                            label="选择文件",
                            elem_id="doc-pick",
                            allow_custom_value=True,
                        )
                        doc_meta = gr.HTML(show_document(None)[0])
                    with gr.Column(scale=3, min_width=300):
                        doc_tree = gr.HTML("", label="章节结构", elem_id="doc-tree")
                with gr.Accordion("管理：上传与删除", open=True, elem_id="admin"):
                    if auth_required:
                        with gr.Row():
                            user = gr.Textbox(label="管理员用户名", scale=2, elem_id="admin-user")
                            password = gr.Textbox(
                                label="密码", type="password", scale=2, elem_id="admin-password"
                            )
                            login_btn = gr.Button("登录", scale=1, elem_id="admin-login")
                    login_msg = gr.Markdown(
                        "上传与删除需要管理员登录。"
                        if auth_required
                        else "未配置管理员账号（POLICY_ASSISTANT_ADMIN_USER / POLICY_ASSISTANT_ADMIN_PASSWORD）："
                        "上传与删除对所有人开放。"
                    )
                    files = gr.File(
                        label=f"上传文件（txt / md / html / docx / pdf，每个不超过 {upload_limit // 1048576} MB）",
                        file_count="multiple",
                        file_types=list(library.UPLOAD_SUFFIXES),
                        elem_id="upload-files",
                    )
                    upload_btn = gr.Button(
                        "导入", variant="primary", interactive=not auth_required, elem_id="upload-btn"
                    )
                    upload_result = gr.Dataframe(
                        headers=["文件", "结果", "编号"],
                        interactive=False,
                        wrap=True,
                        elem_id="upload-result",
                    )
                    with gr.Row():
                        rm_pick = gr.Dropdown(
                            choices=initial_docs,
                            multiselect=True,
                            label="要删除的文件",
                            scale=3,
                            elem_id="rm-pick",
                            allow_custom_value=True,
                        )
                        rm_confirm = gr.Checkbox(label="确认删除", scale=1, elem_id="rm-confirm")
                        rm_btn = gr.Button(
                            "删除", variant="stop", scale=1, interactive=not auth_required, elem_id="rm-btn"
                        )
                    rm_msg = gr.Markdown("", elem_id="rm-msg")

        # -- events --------------------------------------------------------------------------
        ask_inputs = [box, chatbot, region, doc_filter, mode, turns, entries]
        ask_outputs = [chatbot, sources, box, turns, entries, last_answer]
        box.submit(respond, ask_inputs, ask_outputs, concurrency_limit=CONCURRENCY, api_name="ask")
        send.click(respond, ask_inputs, ask_outputs, concurrency_limit=CONCURRENCY, api_visibility="private")
        clear.click(new_chat, None, [chatbot, sources, turns, entries, last_answer], api_visibility="private")
        basket_btn.click(
            add_source,
            [basket_key, entries, basket],
            [basket, basket_view, basket_key],
            api_name="add_source",
        )
        add_all.click(add_answer, [last_answer, basket], [basket, basket_view], api_name="add_answer")
        basket.change(basket_choices, basket, picked, api_visibility="private")

        md_btn.click(export_md, [basket, doc_title], [export_file, md_preview], api_name="export_md")
        docx_btn.click(export_docx, [basket, doc_title], export_file, api_name="export_docx")
        drop_btn.click(remove_entries, [basket, picked], [basket, basket_view], api_visibility="private")
        clear_btn.click(clear_basket, None, [basket, basket_view], api_visibility="private")

        cmp_btn.click(
            compare,
            [topic, cmp_regions, cmp_docs, entries],
            [cmp_table, cmp_chart, cmp_state, entries],
            concurrency_limit=CONCURRENCY,
            api_name="compare",
        )
        topic.submit(
            compare,
            [topic, cmp_regions, cmp_docs, entries],
            [cmp_table, cmp_chart, cmp_state, entries],
            concurrency_limit=CONCURRENCY,
            api_visibility="private",
        )
        for btn, suffix in ((cmp_md, ".md"), (cmp_docx, ".docx"), (cmp_csv, ".csv")):
            btn.click(
                lambda r, s=suffix: export_compare(r, s),
                cmp_state,
                cmp_file,
                api_name=f"export_compare_{suffix[1:]}",
            )
        doc_pick.change(show_document, doc_pick, [doc_meta, doc_tree], api_name="document")
        app.load(show_document, doc_pick, [doc_meta, doc_tree], api_visibility="private")
        table.select(pick_row, None, doc_pick, api_visibility="private")
        if auth_required:
            login_btn.click(
                login, [user, password], [is_admin, login_msg, upload_btn, rm_btn], api_name="login"
            )
        lib_outputs = [table, doc_pick, doc_filter, rm_pick, region, lib_count]

        def compare_lists() -> tuple[Any, Any]:
            with lock.read():
                return gr.update(choices=_doc_choices(assistant)), gr.update(choices=_regions(assistant))

        # every page load reads the lists from the index: a reload, or another browser, sees
        # the uploads and removals made since the app started
        app.load(refreshed, None, lib_outputs, api_visibility="private").then(
            compare_lists, None, [cmp_docs, cmp_regions], api_visibility="private"
        )
        upload_btn.click(
            upload, [files, is_admin], upload_result, concurrency_limit=1, api_name="upload"
        ).then(lambda: None, None, files, api_visibility="private").success(
            refreshed, None, lib_outputs, api_visibility="private"
        ).then(compare_lists, None, [cmp_docs, cmp_regions], api_visibility="private")
        rm_btn.click(
            remove,
            [rm_pick, rm_confirm, is_admin],
            [rm_msg, rm_confirm],
            concurrency_limit=1,
            api_name="remove",
        ).success(refreshed, None, lib_outputs, api_visibility="private")
    return app


# -- serving ---------------------------------------------------------------------------------


def prepare(assistant: Assistant) -> DenseBackfill:
    """Make the library answerable now: keyword-index the corpus if the index is empty, then start
    embedding whatever has no vector yet in the background."""
    if not assistant.is_indexed() and assistant.settings.corpus_dir.exists():
        t0 = time.perf_counter()
        print("索引为空：先建立关键词索引，向量索引随后在后台构建 (empty index: BM25 first)", flush=True)
        report = assistant.ingest(dense=False)
        print(
            f"已导入 {report.documents} 个文件、{report.chunks} 个片段，用时 {time.perf_counter() - t0:.1f} s；"
            f"失败 {len(report.errors)} 个",
            flush=True,
        )
    backfill = DenseBackfill(assistant)
    if backfill.start():
        print(f"后台向量化 {backfill.status.missing} 个片段 (embedding in the background)", flush=True)
    return backfill


def warm_up(assistant: Assistant, lock: RWLock) -> threading.Thread:
    """Load the lazy parts (documents, BM25, jieba, the embedding model) before the first question."""

    def run() -> None:
        try:
            with lock.read():
                if assistant.is_indexed():
                    assistant.warm()
        except Exception:
            log.exception("warm-up failed")

    t = threading.Thread(target=run, name="warm-up", daemon=True)
    t.start()
    return t


def launch(assistant: Assistant | None = None, host: str | None = None, port: int | None = None) -> None:
    """Serve the app (blocking). Host and port default to ``POLICY_ASSISTANT_HOST`` / ``_PORT``."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    host = host or os.environ.get("POLICY_ASSISTANT_HOST", "127.0.0.1")
    port = port or int(os.environ.get("POLICY_ASSISTANT_PORT", "7860"))
    library.check_exposure(host)  # before anything is loaded: an open library stays on loopback
    t0 = time.perf_counter()
    assistant = assistant or Assistant()
    lock = RWLock()
    backfill = prepare(assistant)
    warm_up(assistant, lock)
    server = create_server(assistant, backfill=backfill, lock=lock)
    print(f"政策助手：http://{host}:{port}  （启动用时 {time.perf_counter() - t0:.1f} s）", flush=True)
    print(f"接口文档：http://{host}:{port}/api/docs", flush=True)
    import uvicorn

    uvicorn.run(server, host=host, port=port, log_level="warning")


def create_server(
    assistant: Assistant, backfill: DenseBackfill | None = None, lock: RWLock | None = None
) -> Any:
    """One ASGI app: the REST and OpenAI-compatible API (:mod:`assistant.api`) with the web app
    mounted at ``/``, sharing one assistant and one read/write lock."""
    from assistant.api import create_api

    lock = lock or RWLock()
    blocks = create_app(assistant, backfill=backfill, lock=lock)
    blocks.queue(default_concurrency_limit=CONCURRENCY)
    return gr.mount_gradio_app(
        create_api(assistant, lock),
        blocks,
        path="/",
        css=CSS,
        head=HEAD,
        show_error=True,
        max_file_size=library.max_upload_bytes(),
        footer_links=["api"],
    )


__all__ = ["TITLE", "PolicyApp", "create_app", "launch", "prepare"]
