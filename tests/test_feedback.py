"""Feedback store (one rating per answer, reasons per session) and its export as eval candidates
that the evaluation loader accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.evaluation.dataset import parse_case, parse_lines
from assistant.feedback import FeedbackStore, cited_sources, eval_candidate, export_candidates
from assistant.sessions import new_session_id

SOURCE = {
    "doc": "seed/anhui-2024-work-points.txt",
    "section": "一、总体要求",
    "quote": "农村生活污水治理率提高到37%以上",
}


def _rate(store: FeedbackStore, sid: str, message: int, rating: Any, **kw: Any) -> int:
    args: dict[str, Any] = {
        "question": "安徽农村生活污水治理率要提高到多少？",
        "answer": "农村生活污水治理率提高到37%以上[1]。",
        "citations": [SOURCE],
    }
    args.update(kw)
    return store.record(sid, "conv1", message, rating, **args)


def test_one_rating_per_answer_and_reasons_stay_with_their_session(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    alice, bob = new_session_id(), new_session_id()
    first = _rate(store, alice, 1, "up")
    assert _rate(store, alice, 1, "down") == first  # changing the thumb replaces the rating
    assert store.set_reason(alice, first, "应为40%以上")
    assert not store.set_reason(bob, first, "恶意改写")  # another browser cannot touch it
    _rate(store, bob, 1, "up")
    assert store.ratings(alice, "conv1") == {1: "down"}
    downs = store.list("down")
    assert [(r.rating, r.reason) for r in downs] == [("down", "应为40%以上")]
    assert len(store.list()) == 2 and len(store.list("up")) == 1
    assert store.withdraw(alice, "conv1", 1) and store.ratings(alice, "conv1") == {}


def test_candidates_follow_the_eval_schema(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    sid = new_session_id()
    up = _rate(store, sid, 1, "up")
    down = _rate(
        store,
        sid,
        3,
        "down",
        history=[{"role": "user", "content": "安徽呢"}, {"role": "assistant", "content": "…"}],
    )
    store.set_reason(sid, down, "应为40%以上")
    _rate(store, sid, 5, "down", answer="未在文件中找到明确答案。", citations=[], abstained=True)
    records = {r.id: r for r in store.list()}

    good = eval_candidate(records[up])
    assert good["answer"] == "农村生活污水治理率提高到37%以上[1]。" and good["must_include"] == ["37%以上"]
    assert good["sources"] == [SOURCE] and good["type"] == "factoid"

    corrected = eval_candidate(records[down])
    assert corrected["answer"] == "应为40%以上" and corrected["must_include"] == ["40%以上"]
    assert corrected["type"] == "followup" and corrected["history"][0]["content"] == "安徽呢"

    lines = export_candidates(store.list()).splitlines()
    assert len(lines) == 3
    for line in lines:  # each line passes the loader's own checks
        case, problems = parse_case(json.loads(line))
        assert case is not None, problems
    assert len(parse_lines(lines)) == 3
    unanswered = [json.loads(x) for x in lines if json.loads(x)["type"] == "unanswerable"]
    assert len(unanswered) == 1 and unanswered[0]["answer"].startswith("（待审核")


def test_cited_sources_name_the_file_and_the_pinpoint(small_library: Any) -> None:
    answer = small_library.respond("安徽农村生活污水治理率要提高到多少？").answer
    assert answer.citations
    (first, *_) = cited_sources(answer.citations, small_library.document)
    assert first["doc"].endswith("anhui-2024-work-points.txt")
    assert first["quote"] in small_library.document(first["doc_id"]).text.display
    assert first["section"]
