"""The 文库 tab: the documents in the index (table, metadata, section tree) and, behind the admin
login, upload and removal. The rules for uploads and the login live in :mod:`assistant.ui.library`.

Every page load reads the lists from the index, so a reload or another browser sees the uploads
and removals made since the app started; :meth:`LibraryTab.refreshed` is that read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.ui import library
from assistant.ui.context import SharedState, UiContext, fail, warn
from assistant.ui.guard import COOKIE, TOKEN_TTL_S, discard
from assistant.ui.render import (
    DOCUMENT_COLUMNS,
    document_meta_html,
    document_row,
    esc,
    section_tree_html,
    status_text,
)

# The login's second (and last) step runs in the page: it stores the upload token as the cookie
# Gradio's upload route asks for (see .guard), empties the hidden box that carried it, and only
# then opens 导入 and 删除. So the buttons are enabled exactly when an upload would be accepted,
# without a second round trip through the queue (under load a file picked between the two used
# to be refused).
SET_COOKIE_JS = f"""(t) => {{
  if (t) document.cookie = '{COOKIE}=' + t + '; path=/; max-age={TOKEN_TTL_S}; SameSite=Strict';
  const open = {{__type__: 'update', interactive: !!t}};
  return ['', open, open];
}}"""
NO_DOCUMENT = '<div class="sources-empty">选择一个文件查看其信息与章节结构。</div>'


def status_of(ctx: UiContext, doc_id: str, statuses: dict[str, Any] | None = None) -> str:
    """A document's legal status as the table and the document view show it (:mod:`assistant.status`)."""
    statuses = statuses if statuses is not None else ctx.assistant.statuses()
    return status_text(statuses.get(doc_id), lambda i: ctx.assistant.document(i).meta.title)


@dataclass
class LibraryTab:
    """Layout, handlers and events of the 文库 tab."""

    ctx: UiContext
    count: gr.Markdown
    table: gr.Dataframe
    doc_pick: gr.Dropdown
    read_btn: gr.Button  # 阅读全文: the whole document in the viewer (see .document_view)
    doc_meta: gr.HTML
    doc_tree: gr.HTML
    login_msg: gr.Markdown
    files: gr.File
    upload_btn: gr.Button
    upload_result: gr.Dataframe
    rm_pick: gr.Dropdown
    rm_confirm: gr.Checkbox
    rm_btn: gr.Button
    rm_msg: gr.Markdown
    user: gr.Textbox | None = None
    password: gr.Textbox | None = None
    login_btn: gr.Button | None = None
    token: gr.Textbox | None = None  # carries the upload token to the page script, then is emptied

    @classmethod
    def build(cls, ctx: UiContext, docs: list[tuple[str, str]]) -> LibraryTab:
        rows = cls.rows(ctx)
        count = gr.Markdown(f"共 {len(rows)} 个文件", elem_id="lib-count")
        table = gr.Dataframe(
            value=rows,
            headers=DOCUMENT_COLUMNS,
            interactive=False,
            wrap=True,
            max_height=360,
            # wide enough for a date (2024-05-14) and 片段数 on one line at 1280 px
            column_widths=["13%", "27%", "13%", "11%", "9%", "9%", "6%", "7%", "5%"],
            elem_id="doc-table",
        )
        with gr.Row(equal_height=False):
            with gr.Column(scale=2, min_width=300):
                doc_pick = gr.Dropdown(
                    choices=docs,
                    value=docs[0][1] if docs else None,
                    label="选择文件",
                    elem_id="doc-pick",
                    allow_custom_value=True,
                )
                read_btn = gr.Button("阅读全文", size="sm", elem_id="doc-read")
                doc_meta = gr.HTML(NO_DOCUMENT)
            with gr.Column(scale=3, min_width=300):
                doc_tree = gr.HTML("", label="章节结构", elem_id="doc-tree")
        user = password = login_btn = None
        with gr.Accordion("管理：上传与删除", open=True, elem_id="admin"):
            if ctx.auth_required:
                with gr.Row():
                    user = gr.Textbox(label="管理员用户名", scale=2, elem_id="admin-user")
                    password = gr.Textbox(label="密码", type="password", scale=2, elem_id="admin-password")
                    login_btn = gr.Button("登录", scale=1, elem_id="admin-login")
            token = gr.Textbox(visible="hidden", elem_id="admin-token")
            login_msg = gr.Markdown(
                "上传与删除需要管理员登录。"
                if ctx.auth_required
                else "未配置管理员账号（POLICY_ASSISTANT_ADMIN_USER / POLICY_ASSISTANT_ADMIN_PASSWORD）："
                "上传与删除对所有人开放。",
                elem_id="login-msg",
            )
            files = gr.File(
                label=f"上传文件（txt / md / html / docx / pdf，每个不超过 {ctx.upload_limit / 1048576:g} MB）",
                file_count="multiple",
                file_types=list(library.UPLOAD_SUFFIXES),
                elem_id="upload-files",
            )
            upload_btn = gr.Button(
                "导入", variant="primary", interactive=not ctx.auth_required, elem_id="upload-btn"
            )
            upload_result = gr.Dataframe(
                headers=["文件", "结果", "编号"], interactive=False, wrap=True, elem_id="upload-result"
            )
            with gr.Row():
                rm_pick = gr.Dropdown(
                    choices=docs,
                    multiselect=True,
                    label="要删除的文件",
                    scale=3,
                    elem_id="rm-pick",
                    allow_custom_value=True,
                )
                rm_confirm = gr.Checkbox(label="确认删除", scale=1, elem_id="rm-confirm")
                rm_btn = gr.Button(
                    "删除", variant="stop", scale=1, interactive=not ctx.auth_required, elem_id="rm-btn"
                )
            rm_msg = gr.Markdown("", elem_id="rm-msg")
        return cls(
            ctx,
            count,
            table,
            doc_pick,
            read_btn,
            doc_meta,
            doc_tree,
            login_msg,
            files,
            upload_btn,
            upload_result,
            rm_pick,
            rm_confirm,
            rm_btn,
            rm_msg,
            user,
            password,
            login_btn,
            token,
        )

    # -- handlers --------------------------------------------------------------------------

    @staticmethod
    def rows(ctx: UiContext) -> list[list[str]]:
        with ctx.lock.read():
            statuses = ctx.assistant.statuses()
            return [
                document_row(d, status_of(ctx, d.meta.doc_id, statuses)) for d in ctx.assistant.documents()
            ]

    def show_document(self, doc_id: str | None) -> tuple[str, str]:
        if not doc_id:
            return NO_DOCUMENT, ""
        try:
            with self.ctx.lock.read():
                d = self.ctx.assistant.document(doc_id)
                return document_meta_html(d, status_of(self.ctx, doc_id)), section_tree_html(d)
        except AssistantError as e:
            return f'<div class="sources-empty">{esc(e)}</div>', ""

    @staticmethod
    def pick_row(evt: gr.SelectData) -> Any:
        row = evt.row_value if hasattr(evt, "row_value") else None
        if row:
            return gr.update(value=str(row[0]))
        return gr.skip()

    def login(self, user: str, password: str, request: gr.Request) -> tuple[bool, str, str]:
        """Whether the login succeeded, its message, and (on success) a token for Gradio's upload
        route, which the page stores as a cookie before it enables 导入 and 删除 (SET_COOKIE_JS)."""
        ctx = self.ctx
        if not ctx.auth_required:
            return True, "未配置管理员账号：上传与删除对所有人开放。", ""
        client = getattr(getattr(request, "client", None), "host", None) or "?"
        if wait := ctx.throttle.locked(client):
            return False, f"登录失败次数过多，请 {wait / 60:.0f} 分钟后再试。", ""
        if library.check_login(ctx.accounts, user, password):
            ctx.throttle.succeeded(client)
            return True, f"已登录：{esc(user)}", ctx.tokens.issue()
        ctx.throttle.failed(client)
        time.sleep(1.0)  # slows down guessing
        return False, "用户名或密码错误。", ""

    def refreshed(self, removed: bool = False) -> tuple[Any, ...]:
        """Table, document lists (viewer, chat filter, removal), regions and count, read now.

        Only after a removal is the removal list's selection emptied: after a page load or an
        upload this step may arrive while someone is already picking files to delete."""
        rows = self.rows(self.ctx)
        with self.ctx.lock.read():
            docs = self.ctx.doc_choices()
            regions = self.ctx.regions()
        return (
            gr.update(value=rows),
            gr.update(choices=docs),
            gr.update(choices=docs),
            gr.update(choices=docs, value=[]) if removed else gr.update(choices=docs),
            gr.update(choices=regions),
            f"共 {len(rows)} 个文件",
        )

    def refreshed_after_removal(self) -> tuple[Any, ...]:
        return self.refreshed(removed=True)

    def upload(
        self, files: list[Any] | None, is_admin: bool, progress: gr.Progress | None = None
    ) -> list[list[str]]:
        ctx = self.ctx
        progress = progress or gr.Progress()
        if ctx.auth_required and not is_admin:
            raise fail("请先以管理员身份登录。")
        if not files:
            raise fail("请先选择要上传的文件。")
        # gr.File(type="filepath") keeps the uploaded file's own name as the basename.
        paths = [Path(str(f)) for f in files]
        names = [p.name for p in paths]
        staged = library.stage_uploads(paths, names, ctx.assistant.settings, ctx.upload_limit)
        discard(paths)  # copied under the data directory (or refused): Gradio's copies can go

        def on_file(path: Path, i: int, n: int) -> None:
            progress((i, n), desc=f"解析 {staged.stored.get(path, path.name)}", unit="个文件")

        def on_embed(done: int, total: int) -> None:
            progress((done, total), desc="向量化", unit="个片段")

        progress(0, desc="开始导入")
        try:
            results = library.import_staged(
                ctx.assistant, staged, ctx.lock, on_file=on_file, on_embed=on_embed
            )
        except AssistantError as e:
            raise fail(f"导入失败：{e}") from e
        shown = {"imported": "已导入", "refused": "未导入：", "duplicate": "未导入：", "failed": "失败："}
        return [
            [
                r.name,
                shown[r.status] + (f"；{r.message}" if r.status == "imported" and r.message else r.message),
                r.doc_id,
            ]
            for r in results
        ]

    def remove(self, doc_ids: list[str] | None, confirmed: bool, is_admin: bool) -> tuple[str, Any]:
        ctx = self.ctx
        if ctx.auth_required and not is_admin:
            raise fail("请先以管理员身份登录。")
        if not doc_ids:
            raise fail("请先选择要删除的文件。")
        if not confirmed:
            # a toast, not an error badge over the form: nothing went wrong, a step is missing
            warn("请先勾选“确认删除”，再点删除。")
            return "未删除：请先勾选“确认删除”。", gr.skip()
        try:
            sources = {d: ctx.assistant.document(d).meta.source_path for d in doc_ids}
            # the lock is taken inside, for the commit only (one lock order for every writer)
            ctx.assistant.remove(doc_ids, commit_lock=ctx.lock.write)
        except AssistantError as e:
            raise fail(str(e)) from e
        for src in sources.values():
            if (p := library.is_upload(src, ctx.assistant.settings)) is not None:
                p.unlink(missing_ok=True)
        return f"已删除 {len(doc_ids)} 个文件：{esc('、'.join(doc_ids))}", gr.update(value=False)

    # -- events ----------------------------------------------------------------------------

    def wire(
        self,
        app: gr.Blocks,
        shared: SharedState,
        doc_filter: gr.Dropdown,
        region: gr.Dropdown,
        followers: tuple[Callable[[], Any], list[Any]],
    ) -> None:
        """``doc_filter`` and ``region`` (the chat's filters) are refreshed with this tab's lists;
        ``followers`` (a function of no input, and its outputs) refreshes the other lists that
        follow the index (the 对比 tab's), after every load, upload and removal."""
        self.doc_pick.change(
            self.show_document, self.doc_pick, [self.doc_meta, self.doc_tree], api_name="document"
        )
        app.load(self.show_document, self.doc_pick, [self.doc_meta, self.doc_tree], api_visibility="private")
        self.table.select(self.pick_row, None, self.doc_pick, api_visibility="private")
        if self.login_btn is not None and self.user is not None and self.password is not None and self.token:
            # one step on the server (the login, and a token for Gradio's own upload route, see
            # .guard), one in the page (the cookie, then the buttons): nothing else is queued between
            # the login and the buttons, and they open only once an upload would be accepted
            self.login_btn.click(
                self.login,
                [self.user, self.password],
                [shared.is_admin, self.login_msg, self.token],
                api_name="login",
            ).then(
                None,
                self.token,
                [self.token, self.upload_btn, self.rm_btn],
                js=SET_COOKIE_JS,
                api_visibility="private",
            )
        outputs = [self.table, self.doc_pick, doc_filter, self.rm_pick, region, self.count]
        then_fn, then_outputs = followers
        app.load(self.refreshed, None, outputs, api_visibility="private").then(
            then_fn, None, then_outputs, api_visibility="private"
        )
        self.upload_btn.click(
            self.upload,
            [self.files, shared.is_admin],
            self.upload_result,
            concurrency_limit=1,
            api_name="upload",
        ).then(lambda: None, None, self.files, api_visibility="private").success(
            self.refreshed, None, outputs, api_visibility="private"
        ).then(then_fn, None, then_outputs, api_visibility="private")
        self.rm_btn.click(
            self.remove,
            [self.rm_pick, self.rm_confirm, shared.is_admin],
            [self.rm_msg, self.rm_confirm],
            concurrency_limit=1,
            api_name="remove",
        ).success(self.refreshed_after_removal, None, outputs, api_visibility="private").then(
            then_fn, None, then_outputs, api_visibility="private"
        )
