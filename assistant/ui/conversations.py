"""The chat's state as the conversation store keeps it, the history list, and the 问答 tab's
handlers that keep things (:class:`ChatMemory`: conversations, basket, ratings).

A conversation is saved after every answer, so a reload (or the browser closed and reopened) shows
it again with its sources, its follow-up context and its citable cards; the basket is saved by every
handler that changes it, before the page shows the change. What is kept (JSON, see :class:`assistant.sessions.ConversationStore`)::

    {"chat": [{"role", "content"}, …],     # the messages as shown (HTML, already escaped)
     "sources": "<div …>",                  # the sources panel
     "turns": [{"role", "content"}, …],     # plain text, for follow-up questions
     "entries": {"t1-1": {citation}, …},    # the cards that "加入引用篮" can add
     "answers": {"1": {answer}, …}}         # chat index of each answer → the answer (for feedback)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from assistant.feedback import cited_sources
from assistant.schema import Answer
from assistant.sessions import (
    ConversationStore,
    answer_from_json,
    answer_to_json,
    citation_from_json,
    citation_to_json,
    is_session_id,
    new_session_id,
)
from assistant.ui.cite_tab import render_basket
from assistant.ui.context import EMPTY_SOURCES, UiContext, info, warn

MAX_TITLE = 30


@dataclass
class ChatState:
    """What one open conversation consists of in the page."""

    chat: list[dict[str, Any]] = field(default_factory=list)
    sources: str = ""
    turns: list[dict[str, str]] = field(default_factory=list)
    entries: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def last_answer(self) -> Answer | None:
        """The latest answer, for "整条回答加入引用篮"."""
        if not self.answers:
            return None
        return answer_from_json(self.answers[max(self.answers, key=int)])

    def to_json(self) -> dict[str, Any]:
        return {
            "chat": self.chat,
            "sources": self.sources,
            "turns": self.turns,
            # the 对比 tab's cards ("c…") belong to that tab, not to the conversation
            "entries": {k: citation_to_json(c) for k, c in self.entries.items() if k.startswith("t")},
            "answers": self.answers,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ChatState:
        entries = {}
        for k, v in (d.get("entries") or {}).items():
            if isinstance(v, dict) and (c := citation_from_json(v)) is not None:
                entries[k] = c
        return cls(
            chat=list(d.get("chat") or []),
            sources=str(d.get("sources") or ""),
            turns=list(d.get("turns") or []),
            entries=entries,
            answers=dict(d.get("answers") or {}),
        )


def answer_json(answer: Answer, turn: int, comparison: bool = False) -> dict[str, Any]:
    """An answer as the conversation keeps it: what feedback and "整条回答加入引用篮" need."""
    return {
        **answer_to_json(answer),
        "turn": turn,  # 1-based; the turns before it are its follow-up context
        "abstained": answer.abstained,
        "mode": answer.mode,
        "comparison": comparison,
    }


def history_label(title: str, updated: float) -> str:
    t = title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"
    return f"{t}（{time.strftime('%m-%d %H:%M', time.localtime(updated))}）"


def history_choices(store: ConversationStore, session_id: str) -> list[tuple[str, str]]:
    """(label, id) of the session's conversations, the latest first."""
    if not session_id:
        return []
    return [(history_label(c.title, c.updated), c.id) for c in store.list(session_id)]


class ChatMemory:
    """The 问答 tab's handlers that keep things: the conversation and the basket in the store,
    the history list, and ratings of answers. Each returns what :meth:`ChatTab.wire
    <assistant.ui.chat_tab.ChatTab.wire>` puts on the page; none answers a question."""

    def __init__(self, ctx: UiContext) -> None:
        self.ctx = ctx

    def save(self, session: str, conv: str, state: ChatState) -> str:
        """Keep the conversation (created on its first answer) and return its id. A client without
        a session (``gradio_client``) keeps its conversation in memory only."""
        if not session:
            return conv
        title = state.turns[0]["content"] if state.turns else "对话"
        return self.ctx.store.save(session, conv or None, title, state.to_json())

    def _shown(
        self, state: ChatState, conv: str, entries: dict[str, Any], session: str = ""
    ) -> tuple[Any, ...]:
        """Outputs that put ``state`` on the page (see :meth:`wire`), with the thumbs given before;
        the 对比 tab's cards stay."""
        kept = {k: v for k, v in entries.items() if not k.startswith("t")}
        rated = self.ctx.feedback.ratings(session, conv) if session and conv else {}
        thumbs = [
            {"up": "Like", "down": "Dislike"}.get(rated.get(i, ""))
            for i, m in enumerate(state.chat)
            if m.get("role") == "assistant"
        ]
        return (
            gr.update(value=state.chat, feedback_value=thumbs),
            state.sources or EMPTY_SOURCES,
            state.turns,
            {**kept, **state.entries},
            state.last_answer,
            conv,
            state.answers,
        )

    def new_chat(self, session: str, entries: dict[str, Any]) -> tuple[Any, ...]:
        """新对话 (and the chatbot's own clear button): the next question starts a conversation of
        its own; the previous one stays in the history."""
        if session:
            self.ctx.store.set_current(session, "")
        return *self._shown(ChatState(), "", entries or {}), gr.update(value=None)

    def open_conversation(self, session: str, cid: str | None, entries: dict[str, Any]) -> tuple[Any, ...]:
        data = self.ctx.store.load(session, cid) if session and cid else None
        if data is None:
            warn("找不到该对话，可能已被删除。")
            return *self._shown(ChatState(), "", entries or {}), self.history_list(session, None)
        self.ctx.store.set_current(session, str(cid))
        state = ChatState.from_json(data)
        return *self._shown(state, str(cid), entries or {}, session), gr.update(value=cid)

    def delete_conversation(
        self, session: str, cid: str | None, conv: str, entries: dict[str, Any]
    ) -> tuple[Any, ...]:
        if not (session and cid):
            warn("请先在列表中选择要删除的对话。")
            return *(gr.skip(),) * 7, gr.skip()
        self.ctx.store.delete(session, cid)
        info("已删除该对话。")
        if cid == conv:  # the open one: the page starts afresh
            return *self._shown(ChatState(), "", entries or {}), self.history_list(session, None)
        return *(gr.skip(),) * 7, self.history_list(session, conv or None)

    def history_list(self, session: str, value: str | None) -> Any:
        return gr.update(choices=history_choices(self.ctx.store, session), value=value or None)

    def rate(
        self,
        session: str,
        conv: str,
        answers: dict[str, dict[str, Any]],
        turns: list[dict[str, str]],
        evt: gr.LikeData,
    ) -> tuple[Any, Any, Any]:
        """👍/👎 on an answer: stored with the question, the answer, its citations and the turns
        before it; the reason box opens for an optional word. Clicking the same thumb again
        withdraws the rating."""
        index = evt.index if isinstance(evt.index, int) else evt.index[0]
        rec = answers.get(str(index))
        if rec is None or not session or not conv:
            info("这条消息不是回答，无需评价。")
            return 0, gr.update(visible=False), gr.skip()
        store = self.ctx.feedback
        if evt.liked in ("", None):
            store.withdraw(session, conv, index)
            return 0, gr.update(visible=False), ""
        answer = answer_from_json(rec)
        cited = cited_sources(answer.citations if answer else [], self.ctx.assistant.document)
        rid = store.record(
            session,
            conv,
            index,
            "up" if evt.liked is True else "down",
            question=str(rec.get("question", "")),
            answer=str(rec.get("text", "")),
            citations=cited,
            history=turns[: 2 * (int(rec.get("turn", 1)) - 1)],
            abstained=bool(rec.get("abstained")),
            mode=str(rec.get("mode", "extractive")),
        )
        info("已记录您的评价。可在下方补充原因（选填）。")
        return rid, gr.update(visible=True), ""

    def send_reason(self, session: str, record_id: int, reason: str) -> tuple[Any, Any]:
        if not (reason or "").strip():
            warn("请先填写原因，或直接关闭。")
            return gr.skip(), gr.skip()
        if not (session and record_id and self.ctx.feedback.set_reason(session, record_id, reason)):
            warn("找不到对应的评价，请重新点一次“赞”或“踩”。")
            return gr.update(visible=False), gr.skip()
        info("感谢反馈，原因已记录。")
        return gr.update(visible=False), ""

    def restore(self, browser: Any) -> tuple[Any, ...]:
        """Page load: this browser's session (a new one on first visit), its open conversation and
        its basket, as they were before the reload."""
        session = browser if is_session_id(browser) else new_session_id()
        store = self.ctx.store
        cid = store.current(session)
        data = store.load(session, cid) if cid else None
        state = ChatState.from_json(data) if data is not None else ChatState()
        basket = store.basket(session)
        return (
            session,
            session,
            *self._shown(state, cid if data is not None else "", {}, session),
            self.history_list(session, cid if data is not None else None),
            basket,
            render_basket(basket),
            gr.update(interactive=True),
            gr.update(interactive=True),
        )

    def save_basket(self, session: str, basket: str) -> None:
        if session:
            self.ctx.store.set_basket(session, basket)
