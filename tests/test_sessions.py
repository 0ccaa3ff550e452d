"""The conversation store: per-session isolation, history order, basket, pruning, JSON round trips."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.citations import SourceCitation
from assistant.schema import Answer, Citation, DocumentMeta
from assistant.sessions import (
    ConversationStore,
    answer_from_json,
    answer_to_json,
    citation_from_json,
    citation_to_json,
    is_session_id,
    new_session_id,
    secret_for,
)
from assistant.ui.conversations import ChatState


def _citation() -> Citation:
    meta = DocumentMeta(doc_id="d1", title="工作要点", doc_number="皖环〔2024〕1号", province="安徽省")
    return Citation(
        marker=1,
        doc_id="d1",
        title="工作要点",
        doc_number=meta.doc_number,
        section_path=["一、总体要求"],
        section_number="一",
        quote="36.8微克",
        quote_start=2,
        quote_end=8,
        chunk_id="c1",
        meta=meta,
    )


def test_sessions_see_only_their_own_conversations(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "web.sqlite3")
    alice, bob = new_session_id(), new_session_id()
    assert is_session_id(alice) and alice != bob
    a1 = store.save(alice, None, "安徽PM2.5目标？", {"chat": [1]})
    a2 = store.save(alice, None, "济源耕地？", {"chat": [2]})
    assert store.save(alice, a1, "ignored", {"chat": [1, 1]}) == a1  # an update keeps its id and title
    b1 = store.save(bob, None, "郑州？", {"chat": [3]})
    assert [c.id for c in store.list(alice)] == [a1, a2]  # the latest touched first
    assert [c.title for c in store.list(alice)] == ["安徽PM2.5目标？", "济源耕地？"]
    assert [c.id for c in store.list(bob)] == [b1]
    assert store.load(alice, a1) == {"chat": [1, 1]}
    assert store.load(bob, a1) is None  # another browser cannot open it …
    assert not store.delete(bob, a1)  # … nor delete it
    assert store.save(bob, a1, "x", {"chat": []}) != a1  # nor overwrite it: bob gets a new one
    assert store.load(alice, a1) == {"chat": [1, 1]}
    assert store.current(alice) == a1
    assert store.delete(alice, a1) and store.current(alice) == ""
    assert [c.id for c in store.list(alice)] == [a2]


def test_session_ids_are_not_stored_and_baskets_are_per_session(tmp_path: Path) -> None:
    path = tmp_path / "web.sqlite3"
    store = ConversationStore(path)
    sid = new_session_id()
    store.save(sid, None, "问", {})
    store.set_basket(sid, '{"entries": []}')
    assert store.basket(sid) == '{"entries": []}' and store.basket(new_session_id()) == ""
    with sqlite3.connect(path) as db:
        dump = "\n".join(db.iterdump())
    assert sid not in dump  # only its hash
    assert not is_session_id("short") and not is_session_id(None) and not is_session_id("x" * 30 + "/")


def test_old_conversations_are_pruned_and_each_session_is_bounded(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "web.sqlite3", max_per_session=3, max_age_days=1)
    sid = new_session_id()
    ids = [store.save(sid, None, f"问题{i}", {}) for i in range(5)]
    assert [c.id for c in store.list(sid)] == ids[:1:-1]  # the 3 latest
    import time

    assert store.prune(now=time.time() + 2 * 86400) == 3
    assert store.list(sid) == []


def test_secret_is_created_once(tmp_path: Path) -> None:
    first = secret_for(tmp_path)
    assert first == secret_for(tmp_path) and len(first) >= 32
    assert (tmp_path / "web-secret").stat().st_mode & 0o077 == 0


def test_citations_and_answers_round_trip_through_json() -> None:
    c = _citation()
    assert citation_from_json(citation_to_json(c)) == c
    sc = SourceCitation(
        doc_id="d1",
        title="t",
        doc_number=None,
        issuer=None,
        region="安徽省",
        reference="ref",
        pinpoint="第一条",
        section_path=["一"],
        section_number="一",
        quote="q",
        quote_start=0,
        quote_end=1,
        in_text="根据…",
    )
    assert citation_from_json(citation_to_json(sc)) == sc
    assert citation_from_json({"kind": "answer", "unknown_field": 1}) is None  # a future version's
    a = Answer(question="问", text="答[1]", citations=[c], passages=[])
    back = answer_from_json(answer_to_json(a))
    assert back is not None and back.text == "答[1]" and back.citations == [c]


def test_chat_state_keeps_the_conversation_cards_only() -> None:
    c = _citation()
    state = ChatState(
        chat=[{"role": "user", "content": "问"}],
        turns=[{"role": "user", "content": "问"}],
        entries={"t1-1": c, "c1x-1": c},
        answers={"1": {**answer_to_json(Answer("问", "答[1]", [c], [])), "turn": 1}},
    )
    back = ChatState.from_json(state.to_json())
    assert set(back.entries) == {"t1-1"}  # the 对比 tab's cards are not part of a conversation
    assert back.last_answer is not None and back.last_answer.citations == [c]
