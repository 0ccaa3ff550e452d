"""Every vocabulary entry carries an example, and the example is real."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from assistant.intent import detect_intent
from assistant.vocab import raw_vocabulary, vocabulary
from tests.conftest import REPO

NEW_CORPUS = REPO.parent / "shared" / "corpus-new"


@cache
def _text(doc: str) -> str:
    path = NEW_CORPUS / doc.removeprefix("new/") if doc.startswith("new/") else REPO / "corpus" / doc
    return Path(path).read_text(encoding="utf-8")


DOCUMENT_SIDE = ("doc_types", "sanctions", "definition_cues", "synonyms")


@pytest.mark.parametrize("section", DOCUMENT_SIDE)
def test_document_words_have_a_corpus_example(section: str) -> None:
    for entry in raw_vocabulary()[section]:
        words = entry.get("words") or [entry.get("suffix") or entry["word"]]
        assert any(w in entry["text"] for w in words), entry
        assert entry["text"] in _text(entry["doc"]), entry


@pytest.mark.parametrize(
    "section",
    ["compare_words", "question_doc_types", "stopwords", "topic_stopwords", "instructions_to_reader"],
)
def test_question_words_have_an_example_question(section: str) -> None:
    entry = raw_vocabulary()[section]
    words = entry["words"].split() if isinstance(entry["words"], str) else entry["words"]
    assert words and any(w in entry["example"] for w in words)


def test_each_intent_rule_classifies_its_example() -> None:
    for rule in raw_vocabulary()["intents"]:
        assert any(w in rule["example"] for w in rule["words"]), rule
        assert detect_intent(rule["example"]) == rule["intent"], rule


def test_a_duty_holder_named_in_a_question_asks_who_only_when_nothing_else_is_asked() -> None:
    rule = next(r for r in raw_vocabulary()["intents"] if "nouns" in r)
    assert any(w in rule["noun_example"] for w in rule["nouns"])
    assert detect_intent(rule["noun_example"]) == rule["intent"]
    assert detect_intent("哪些情形须报自然资源主管部门审批？") == "list"


def test_a_consequence_of_a_breach_is_a_penalty_question() -> None:
    rule = raw_vocabulary()["consequence"]
    assert detect_intent(rule["example"]) == "penalty"
    assert detect_intent(rule["alone_example"]) == "penalty"
    # a consequence word alone asks for a procedure, a breach word alone for anything
    assert detect_intent("这类纠纷怎么处理？") != "penalty"
    assert detect_intent("未经批准的项目有哪些？") != "penalty"


def test_no_word_is_listed_twice_in_one_vocabulary() -> None:
    v = vocabulary()
    for name in ("compare_words", "question_doc_types", "sanctions", "definition_cues"):
        words = getattr(v, name)
        assert len(words) == len(set(words)), name
    suffixes = [s for s, _ in v.doc_types]
    assert len(suffixes) == len(set(suffixes))
