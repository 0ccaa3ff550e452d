"""The chat's state as the conversation store keeps it, and the history list.

A conversation is saved after every answer, so a reload (or the browser closed and reopened) shows
it again with its sources, its follow-up context and its citable cards; the basket is saved on every
change. What is kept (JSON, see :class:`assistant.sessions.ConversationStore`)::

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

from assistant.schema import Answer
from assistant.sessions import (
    ConversationStore,
    answer_from_json,
    answer_to_json,
    citation_from_json,
    citation_to_json,
)

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
