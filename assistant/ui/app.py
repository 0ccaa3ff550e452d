"""The Gradio app: the tabs 问答, 对比, 引用, 批量问答, 文库 and 反馈 side by side, over one
:class:`assistant.core.Assistant`.

A thin layer: each tab lives in its own module (:mod:`.chat_tab`, :mod:`.compare_tab`,
:mod:`.cite_tab`, :mod:`.batch_tab`, :mod:`.library_tab`, :mod:`.feedback_tab`), where every handler calls one core method
and renders its result with :mod:`assistant.ui.render`. This module builds them in order, wires
the events that cross tabs, and serves the result. Index writes (upload, removal, background
vectors) take the write side of one :class:`~assistant.ui.indexing.RWLock`; questions take the read
side.

Named API endpoints (for ``gradio_client``; per-session state such as the citation basket is kept
between calls of one client): ``/ask``, ``/add_source``, ``/add_answer``, ``/export_md``,
``/export_docx``, ``/compare``, ``/export_compare_md`` (``_docx``, ``_csv``), ``/batch``, ``/login``,
``/upload``, ``/remove``, ``/document``, ``/feedback``, ``/export_feedback``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from assistant.core import Assistant
from assistant.feedback import DB_NAME as FEEDBACK_DB
from assistant.feedback import FeedbackStore
from assistant.sessions import DB_NAME, ConversationStore
from assistant.ui import library
from assistant.ui.assets import CSS, HEAD
from assistant.ui.batch_tab import BatchTab
from assistant.ui.chat_tab import ChatTab
from assistant.ui.cite_tab import CiteTab
from assistant.ui.compare_tab import CompareTab
from assistant.ui.context import CONCURRENCY, SharedState, UiContext
from assistant.ui.document_view import DocumentViewer
from assistant.ui.feedback_tab import FeedbackTab
from assistant.ui.guard import CACHE_SWEEP, middleware
from assistant.ui.i18n import I18N
from assistant.ui.indexing import DenseBackfill, RWLock, status_html
from assistant.ui.library_tab import LibraryTab
from assistant.ui.versions_tab import VersionsTab

log = logging.getLogger(__name__)

TITLE = "政策助手"


def serving_options(app: gr.Blocks | None = None) -> dict[str, Any]:
    """What Gradio takes at launch (or mount) rather than at build: styles, the page script, the
    Chinese for Gradio's own words, the upload size limit, and the guard on its upload route."""
    options: dict[str, Any] = {
        "css": CSS,
        "head": HEAD,
        "show_error": True,
        "max_file_size": library.max_upload_bytes(),
        "footer_links": ["api"],
        "i18n": I18N,
    }
    if isinstance(app, PolicyApp) and app.guard is not None:
        options["app_kwargs"] = {"middleware": [app.guard]}
    return options


class PolicyApp(gr.Blocks):
    """``gr.Blocks`` whose ``launch`` brings :func:`serving_options` (Gradio 6 takes them there)."""

    guard: Middleware | None = None  # set by create_app: Gradio's upload route behind the admin login

    def launch(self, *args: Any, **kwargs: Any) -> Any:
        for key, value in serving_options(self).items():
            kwargs.setdefault(key, value)
        return super().launch(*args, **kwargs)


def _status_bar(backfill: DenseBackfill | None) -> None:
    """The line at the top: how complete the index is, polled while vectors are being built."""
    status = gr.HTML(status_html(backfill), elem_id="status-bar")
    if backfill is None:
        return
    timer = gr.Timer(2.0, active=backfill.status.running)

    def tick() -> tuple[str, Any]:
        return status_html(backfill), gr.Timer(active=backfill.status.running)

    timer.tick(tick, None, [status, timer], queue=False, show_progress="hidden")


def create_app(
    assistant: Assistant,
    backfill: DenseBackfill | None = None,
    lock: RWLock | None = None,
    admins: dict[str, str] | None = None,
    store: ConversationStore | None = None,
) -> gr.Blocks:
    """Build the app. ``admins`` (user → password) defaults to the environment (see :mod:`.library`);
    ``store`` (conversations per browser) to ``web.sqlite3`` in the assistant's data directory;
    feedback is kept beside it (``feedback.sqlite3``)."""
    store = store or ConversationStore(assistant.settings.data_dir / DB_NAME)
    ctx = UiContext(
        assistant=assistant,
        lock=lock or RWLock(),
        accounts=library.admin_accounts() if admins is None else admins,
        store=store,
        feedback=FeedbackStore(store.path.parent / FEEDBACK_DB),
        backfill=backfill,
    )
    regions, docs = ctx.regions(), ctx.doc_choices()
    # Gradio's temporary files (uploads, outputs) are swept every half hour once an hour old
    with PolicyApp(title=TITLE, fill_width=True, delete_cache=CACHE_SWEEP) as app:
        app.guard = middleware(ctx.accounts, ctx.tokens, ctx.throttle)
        shared = SharedState.create(ctx)
        gr.Markdown(f"## {TITLE}\n面向政策文件的问答、对比与引用：每句回答都附有原文出处。")
        _status_bar(backfill)
        viewer = DocumentViewer.build(ctx)
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("问答", id="chat", elem_id="tab-chat"):
                chat = ChatTab.build(ctx, regions, docs)
            with gr.Tab("对比", id="compare", elem_id="tab-compare"):
                compare = CompareTab.build(ctx, regions, docs)
                # wired at once: the public /compare keeps its name whatever later tabs call theirs
                # (Gradio names an unnamed event after its function and renames a second "compare")
                compare.wire(shared)
            with gr.Tab("引用", id="cite", elem_id="tab-cite"):
                cite = CiteTab.build(ctx)
            with gr.Tab("批量问答", id="batch", elem_id="tab-batch"):
                batch = BatchTab.build(ctx)
            with gr.Tab("文库", id="library", elem_id="tab-library"):
                lib = LibraryTab.build(ctx, docs)
            with gr.Tab("版本对照", id="versions", elem_id="tab-versions"):
                VersionsTab.build(ctx, docs)
            with gr.Tab("反馈", id="feedback", elem_id="tab-feedback") as feedback_tab:
                feedback = FeedbackTab.build(ctx)

        batch.wire()
        chat.wire(app, shared, cite.view)
        cite.wire(shared, chat.memory.save_basket)
        feedback.wire(feedback_tab, shared)
        viewer.wire(shared, lib.doc_pick, lib.read_btn)
        lib.wire(app, shared, chat.doc_filter, chat.region, (compare.lists, [compare.docs, compare.regions]))
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
    if stray := library.sweep_uploads(assistant):
        print(f"删除 {len(stray)} 个未完成导入的上传文件 (stray uploads removed)", flush=True)
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
    return gr.mount_gradio_app(create_api(assistant, lock), blocks, path="/", **serving_options(blocks))


__all__ = ["TITLE", "PolicyApp", "create_app", "launch", "prepare"]
