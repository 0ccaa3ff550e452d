"""Catalogue questions: which questions ask for a list of documents, and what topic filters it."""

from __future__ import annotations

from assistant.catalog import _title_has_topic, is_list_question, topic_words
from assistant.schema import QueryAnalysis


def _qa(question: str, regions: list[str] | None = None) -> QueryAnalysis:
    return QueryAnalysis(question=question, search=question, intent="list", regions=regions or [])


def test_a_list_question_may_be_followed_by_another_sentence() -> None:
    q = "文库里专门针对湿地保护的法规有几部？分别是哪一年通过的？"
    assert is_list_question(q)
    assert topic_words(q, _qa(q)) == "湿地保护"


def test_a_topic_matches_a_title_with_its_words_in_another_order() -> None:
    assert _title_has_topic("古树名木保护管理办法", "保护古树名木")
    assert _title_has_topic("大气污染防治条例", "大气污染防治")
    assert not _title_has_topic("水污染防治条例", "大气污染防治")


def test_who_approved_asks_the_approval_record() -> None:
    from assistant.catalog import asked_records

    assert asked_records("这部条例是哪年通过的？谁批准的？") == ["adopted", "approved"]
    assert asked_records("谁批准的？") == ["approved"]
