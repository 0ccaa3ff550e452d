"""What every tab of the web app shares: the assistant, the index lock, the admin accounts and the
per-browser states that cross tabs (the conversation's citations feed the basket, a login in 文库
opens the admin parts of other tabs).

Each tab module (:mod:`.chat_tab`, :mod:`.compare_tab`, …) builds its layout from a
:class:`UiContext` and wires its own events; :mod:`.app` only puts them side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from assistant.core import Assistant
from assistant.feedback import FeedbackStore
from assistant.sessions import ConversationStore
from assistant.ui import library
from assistant.ui.guard import AdminTokens
from assistant.ui.indexing import DenseBackfill, RWLock
from assistant.ui.render import doc_date, esc

CONCURRENCY = 4  # questions answered at once; writes are serialised by the lock anyway
EMPTY_SOURCES = '<div class="sources-empty">提问后，这里显示回答所依据的原文段落。</div>'


@dataclass
class UiContext:
    """The app's fixed parts, built once per :func:`assistant.ui.app.create_app` call."""

    assistant: Assistant
    lock: RWLock
    accounts: dict[str, str]
    store: ConversationStore
    feedback: FeedbackStore
    backfill: DenseBackfill | None = None
    throttle: library.LoginThrottle = field(default_factory=library.LoginThrottle)
    tokens: AdminTokens = field(default_factory=AdminTokens)  # upload-route tokens (see .guard)

    @property
    def auth_required(self) -> bool:
        return bool(self.accounts)

    @property
    def llm_ok(self) -> bool:
        return self.assistant.settings.llm_configured

    @property
    def upload_limit(self) -> int:
        return library.max_upload_bytes()

    def regions(self) -> list[str]:
        """Region labels for the filters: every place a document belongs to, and 全国."""
        return sorted(
            {d.meta.region for d in self.assistant.documents() if d.meta.province or d.meta.level == "国家"}
        )

    def doc_choices(self) -> list[tuple[str, str]]:
        """(label, doc_id) for every list of documents; the label is unique (title, region, date,
        id), so two versions or two copies of a document can be told apart."""
        out = []
        for d in self.assistant.documents():
            t = d.meta.title if len(d.meta.title) <= 40 else d.meta.title[:39] + "…"
            date = doc_date(d.meta)
            bits = "，".join(x for x in (d.meta.region, date, d.meta.doc_id) if x)
            out.append((f"{t}（{bits}）", d.meta.doc_id))
        return out


@dataclass
class SharedState:
    """Per-browser-tab values that more than one tab reads or writes (``gr.State``: server side)."""

    turns: Any  # the conversation so far, as ``Assistant.respond(history=…)`` takes it
    entries: Any  # card key → citation, for "加入引用篮" from any answer or comparison
    last_answer: Any  # the latest Answer, for "整条回答加入引用篮"
    basket: Any  # the citation basket as JSON
    is_admin: Any  # logged in as admin (always True when no admin account is configured)
    session: Any  # this browser's session id in the conversation store ('' for API clients)

    @classmethod
    def create(cls, ctx: UiContext) -> SharedState:
        return cls(
            turns=gr.State([]),
            entries=gr.State({}),
            last_answer=gr.State(None),
            basket=gr.State(""),
            is_admin=gr.State(not ctx.auth_required),
            session=gr.State(""),
        )


# Toasts carry a title, which Gradio defaults to English ("Warning", "Info", "Error"): every
# message of the app goes through these three, so users only ever read Chinese.


def warn(message: str) -> None:
    """A toast for a step the user missed (empty question, nothing selected …)."""
    gr.Warning(message, title="提示")


def info(message: str) -> None:
    gr.Info(message, title="提示")


def fail(message: str) -> gr.Error:
    """The error to raise from a handler: shown as a toast, nothing on the page changes."""
    return gr.Error(message, title="出错了")


def attr(text: str) -> str:
    """Text as an HTML attribute value on one line: the chat renders messages as Markdown, where a
    blank line, even inside an attribute, ends the HTML block."""
    return esc(text).replace("\n", "&#10;")


def user_html(text: str) -> str:
    return esc(text).replace("\n", "<br>")
