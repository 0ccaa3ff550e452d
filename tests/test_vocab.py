"""Every vocabulary entry carries an example, and the example is real."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from assistant import compare, conversation, elliptic, intent, numbering, provenance, query
from assistant.intent import detect_intent
from assistant.vocab import intent_words, question_words, raw_vocabulary, source_words, vocabulary
from tests.conftest import REPO

NEW_CORPUS = REPO.parent / "shared" / "corpus-new"


@cache
def _text(doc: str) -> str:
    path = NEW_CORPUS / doc.removeprefix("new/") if doc.startswith("new/") else REPO / "corpus" / doc
    return Path(path).read_text(encoding="utf-8")


DOCUMENT_SIDE = (
    "doc_types",
    "sanctions",
    "definition_cues",
    "actor_nouns",
    "form_names",
    "synonyms",
    "penalty_mentions",
    "place_features",
    "exemptions",
    "penalty_powers",
)


@pytest.mark.parametrize("section", DOCUMENT_SIDE)
def test_document_words_have_a_corpus_example(section: str) -> None:
    for entry in raw_vocabulary()[section]:
        words = entry.get("words") or [entry.get("suffix") or entry["word"]]
        assert any(w in entry["text"] for w in words), entry
        assert entry["text"] in _text(entry["doc"]), entry


@pytest.mark.parametrize(
    "section",
    [
        "compare_words",
        "question_doc_types",
        "stopwords",
        "topic_stopwords",
        "topic_frames",
        "instructions_to_reader",
        "source_words",
    ],
)
def test_question_words_have_an_example_question(section: str) -> None:
    entry = raw_vocabulary()[section]
    words = entry["words"].split() if isinstance(entry["words"], str) else entry["words"]
    assert words and any(w in entry["example"] for w in words)


def test_each_intent_rule_classifies_its_example() -> None:
    for rule in raw_vocabulary()["intents"]:
        assert any(w in rule["example"] for w in intent_words(rule)), rule
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
    # a duty left undone, asked what follows: its sanction; a disagreement asks a procedure
    assert detect_intent(rule["undone_example"]) == "penalty"
    assert any(w in rule["undone_example"] for w in rule["undone"])
    assert detect_intent("不同意的怎么处理？") != "penalty"
    # a late-payment surcharge is set beside the fines
    assert detect_intent("拖欠水费的，滞纳金怎么算？") == "penalty"


def test_no_word_is_listed_twice_in_one_vocabulary() -> None:
    v = vocabulary()
    for name in ("compare_words", "question_doc_types", "sanctions", "definition_cues"):
        words = getattr(v, name)
        assert len(words) == len(set(words)), name
    suffixes = [s for s, _ in v.doc_types]
    assert len(suffixes) == len(set(suffixes))


def test_kinds_and_generic_names_of_place_end_with_their_head_and_are_written_in_the_corpus() -> None:
    for entry in raw_vocabulary()["place_features"]:
        for kind in entry.get("kinds", ()):
            assert kind.endswith(entry["suffix"]), entry
            where = entry.get("kinds_doc", "regulations/山东/山东省长岛海洋生态保护条例(2019-07-26).md")
            assert kind in _text(where), kind
        for word in entry.get("generic", ()):
            assert word.endswith(entry["suffix"]) and word in _text(entry["generic_doc"]), entry


def test_everyday_words_have_an_example_question_and_a_provision_in_the_documents_words() -> None:
    says: list[str] = []
    for entry in raw_vocabulary()["colloquial"]:
        assert any(w in entry["example"] for w in entry["say"]), entry
        assert any(m in entry["text"] for m in entry["means"]), entry
        assert entry["text"] in _text(entry["doc"]), entry
        assert not set(entry["say"]) & set(entry["means"]), entry
        says += entry["say"]
    assert len(says) == len(set(says))


# Question analysis: each pattern compiled from the data file matches its entry's example question,
# and every word of a plain word list is seen by its pattern on its own.
def _example(section: str, key: str = "question_example") -> str:
    example: str = raw_vocabulary()[section][key]
    return example


def test_question_words_match_their_example_and_each_word_asks() -> None:
    assert intent.QUESTION_WORD.search(_example("question_words"))
    assert intent.QUESTION_WORD.search("能不能")  # A-not-A, the grammar in code
    for w in question_words().question_words:
        assert intent.QUESTION_WORD.search(w), w
    assert intent.asks_effective(_example("effective_words"))
    # a quantity word fused with its unit asks the answer in that unit
    from assistant.answer.cues import asked_units

    assert asked_units(_example("question_words", "quantity_example")) == [("岁",)]
    assert set(question_words().quantity_words) <= set(question_words().question_words)
    assert any(p in _example("question_words", "time_example") for p in question_words().time_phrases)
    from assistant.answer.cues import search_words, strip_particle
    from assistant.answer.extractive import _FINE_LEVEL, _PERIOD_BOUND, _TIME_BOUND, _VERB_A_NOT_A

    assert any(strip_particle(w) != w for w in search_words(_example("question_words", "particles_example")))
    assert _FINE_LEVEL.sub(r"\1", _example("question_words", "fine_level_example")).endswith("罚款是多少？")
    assert _PERIOD_BOUND.sub(r"\1", _example("question_words", "period_bounds_example")).endswith("哪天？")
    assert _TIME_BOUND.search(_example("question_words", "time_bounds_example"))
    assert _VERB_A_NOT_A.sub(r"，\1", _example("question_words", "a_not_a_example")) == "部门，受理这类投诉？"
    for w in question_words().effective_words:
        assert intent.asks_effective(w), w
    from assistant.answer.extractive import _asks_enforcement

    assert _asks_enforcement(_example("consequence", "enforcement_example"))
    assert not _asks_enforcement("营利性治沙要向哪个部门申请？")
    # a time limit counted from the day it takes effect does not ask for that day
    assert not intent.asks_effective(_example("effective_words", "counted_from_example"))
    from assistant.vocab import basis_pattern, purpose_pattern

    assert purpose_pattern().search(_example("purpose_asks", "example"))
    assert purpose_pattern().search(_example("purpose_asks", "basis_example"))
    assert basis_pattern().search(_example("purpose_asks", "basis_example"))
    assert not purpose_pattern().search("根据哪条规定处罚？")
    from assistant.conversation import is_elliptic

    assert is_elliptic(_example("follow_up", "unmet_example"))


def test_asked_things_and_holders_asked_classify_their_examples() -> None:
    m = intent._ASKED_THING.search(_example("asked_things"))
    assert m is not None and not m.group(1).startswith(question_words().holder_heads)
    assert detect_intent(_example("asked_things")) == "list"
    assert detect_intent(_example("holders_asked")) == "responsible"
    assert detect_intent(_example("holders_asked", "list_example")) == "list"


def test_parts_of_a_question_read_their_examples() -> None:
    assert elliptic._SUBJECTLESS.match(elliptic._core(_example("subjectless_part")))
    assert elliptic.is_fragment(_example("subjectless_part"))
    assert elliptic._BREACH.search(elliptic._core(_example("breach_part")))
    assert elliptic.breaches_previous(_example("breach_part"))
    assert elliptic.names_breach(_example("breach_part", "who_example"))
    assert elliptic.names_breach(_example("breach_part", "done_example"))
    assert elliptic.names_breach(_example("breach_part", "done_manner_example"))
    assert elliptic.names_breach(_example("breach_part", "done_pointer_example"))
    assert not elliptic.names_breach("要是用了多少钱，怎么算？")
    negated = _example("breach_part", "negated_example")
    assert elliptic.breaches_previous(negated, "应当按时报告。")
    assert not elliptic.breaches_previous(negated, "处五千元以下罚款。")
    assert elliptic.leaves_undone(negated)
    assert not elliptic.leaves_undone(_example("breach_part", "not_undone_example"))
    assert elliptic.is_fragment(_example("subjectless_part", "after_example"))


def test_follow_up_words_read_their_examples() -> None:
    example = _example("follow_up")
    assert conversation.is_elliptic(example)
    assert any(p in example for p in question_words().follow_up_pointers)
    assert conversation._GENERIC_REST.fullmatch(_example("follow_up", "generic_example"))


def test_provenance_words_read_their_example() -> None:
    example = _example("provenance")
    assert provenance.is_provenance_question(example)
    assert provenance._PHRASE_TAIL.search(example)
    unquoted = example.replace("“", "").replace("”", "")
    for opener in question_words().provenance_openers:
        assert provenance.phrase_of(opener + unquoted) == provenance.phrase_of(unquoted) != "", opener
    around = _example("provenance", "context_example")
    assert provenance.is_provenance_question(around)
    assert any(w in around for w in question_words().provenance_context)


def test_comparison_words_read_their_examples() -> None:
    assert compare.is_comparison_question(_example("all_regions"))
    for w in question_words().all_regions:
        assert compare.is_comparison_question(w), w
    assert compare._Q_TAIL.search(_example("compare_tails"))


def test_dates_and_versions_asked_read_their_examples() -> None:
    assert numbering.AS_OF.search(_example("as_of"))
    assert numbering.VERSION_OF.search(_example("version_of"))
    for w in question_words().version_words:
        assert numbering.VERSION_OF.search("2017年" + w), w


def test_no_word_is_listed_twice_in_one_question_word_list() -> None:
    q = question_words()
    for name, words in vars(q).items():
        assert len(words) == len(set(words)), name


def test_source_words_are_kept_once_for_location_questions_and_provenance_cues() -> None:
    location = dict(vocabulary().intents)["location"]
    for w in source_words():
        assert w in location and w in question_words().provenance_words, w
    assert detect_intent(raw_vocabulary()["source_words"]["example"]) == "location"


def test_effective_clause_words_have_a_corpus_example_the_pattern_matches() -> None:
    raw = raw_vocabulary()["effective_clause"]
    for e in raw["dated"]:
        assert e["text"].startswith(e["open"]) or e["open"] in e["text"], e
        assert e["text"] in _text(e["doc"]), e
        assert intent.EFFECTIVE_CLAUSE.search(e["text"]), e
    without = [e["word"] for e in raw["phrases"] if e["doc"] is None]
    # 起生效: no text of the library uses it yet; 施行日期: only texts named by test-set questions
    assert without == ["起生效", "施行日期"]
    for e in raw["phrases"]:
        assert intent.EFFECTIVE_CLAUSE.search(e["word"]), e
        if e["doc"] is not None:
            assert e["word"] in e["text"] and e["text"] in _text(e["doc"]), e


def test_plan_types_have_an_example_and_are_one_list_for_dated_plans_and_asked_kinds() -> None:
    entries = raw_vocabulary()["plan_types"]
    for e in entries:
        if "question_example" in e:
            assert e["word"] in e["question_example"], e
            assert query.dated_plans_named(e["question_example"]), e
        else:
            assert e["word"] in e["text"] and e["text"] in _text(e["doc"]), e
        # every plan type is read after a year
        assert query._DATED_PLAN.search(f"2024年某市{e['word']}"), e
    asked = [e["word"] for e in entries if e.get("asked")]
    assert vocabulary().question_doc_types[: len(asked)] == tuple(asked)
    assert len(vocabulary().plan_types) == len(set(vocabulary().plan_types))


def test_words_asking_a_fines_amount_read_their_example() -> None:
    example = _example("question_words", "fine_amount_example")
    assert any(w in example for w in question_words().fine_amount)
    assert detect_intent(example) == "penalty"


def test_measures_have_a_provision_stating_them_in_their_units() -> None:
    for entry in raw_vocabulary()["measures"]:
        assert any(u in entry["text"] for u in entry["units"]), entry
        assert entry["text"] in _text(entry["doc"]), entry
