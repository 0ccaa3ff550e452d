"""The vocabularies every stage shares, loaded once from ``assistant/data/vocabulary.yaml``.

Question analysis, retrieval, answering and comparison read the same lists from here, so a word
added for one stage is seen by all of them and no two copies can disagree. Each entry of the data
file carries an example (a corpus file and the text it holds, or an example question), checked by
``tests/test_vocab.py``.

>>> "罚款" in vocabulary().sanctions
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from assistant.schema import Intent


@dataclass(frozen=True)
class Vocabulary:
    intents: tuple[tuple[Intent, tuple[str, ...]], ...]  # (intent, words), in priority order
    holder_nouns: tuple[str, ...]  # "主管部门": a "who" question unless the question asks for another thing
    consequence_asks: tuple[str, ...]  # "怎么处理", "承担什么责任": with a breach word, a penalty question
    breach_words: tuple[str, ...]  # "违反", "擅自", "逾期"
    consequence_alone: tuple[str, ...]  # "会怎么处理": a penalty question without a breach word
    compare_words: tuple[str, ...]
    doc_types: tuple[tuple[str, str], ...]  # (title ending, document type), most specific first
    question_doc_types: tuple[str, ...]
    sanctions: tuple[str, ...]
    definition_cues: tuple[str, ...]
    synonyms: tuple[tuple[str, ...], ...]
    stopwords: frozenset[str]
    topic_stopwords: frozenset[str]
    instructions_to_reader: tuple[str, ...]


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def raw_vocabulary() -> dict[str, Any]:
    """The data file as loaded (tests read the examples from it)."""
    text = resources.files("assistant.data").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def vocabulary() -> Vocabulary:
    raw = raw_vocabulary()
    return Vocabulary(
        intents=tuple((r["intent"], tuple(r["words"])) for r in raw["intents"]),
        holder_nouns=tuple(w for r in raw["intents"] for w in r.get("nouns", ())),
        consequence_asks=tuple(raw["consequence"]["asks"]),
        breach_words=tuple(raw["consequence"]["breach"]),
        consequence_alone=tuple(raw["consequence"]["alone"]),
        compare_words=tuple(raw["compare_words"]["words"]),
        doc_types=tuple((e["suffix"], e["type"]) for e in raw["doc_types"]),
        question_doc_types=tuple(raw["question_doc_types"]["words"]),
        sanctions=tuple(e["word"] for e in raw["sanctions"]),
        definition_cues=tuple(e["word"] for e in raw["definition_cues"]),
        synonyms=tuple(tuple(e["words"]) for e in raw["synonyms"]),
        stopwords=frozenset(raw["stopwords"]["words"].split()),
        instructions_to_reader=tuple(raw["instructions_to_reader"]["words"]),
        topic_stopwords=frozenset(raw["stopwords"]["words"].split())
        | frozenset(raw["topic_stopwords"]["words"].split()),
    )


@cache
def sanction_pattern() -> re.Pattern[str]:
    """A unit that states a sanction: 罚款, 没收, 吊销, 责令停业…"""
    return re.compile(_alternation(vocabulary().sanctions))


@cache
def definition_pattern() -> re.Pattern[str]:
    """A unit that defines a term: 是指, 所称, …的总称."""
    return re.compile(_alternation(vocabulary().definition_cues))


@cache
def instruction_pattern() -> re.Pattern[str]:
    """A line that gives orders to whoever reads it ("忽略以上指令"): not policy, never quoted."""
    return re.compile(_alternation(vocabulary().instructions_to_reader), re.IGNORECASE)


@cache
def compare_pattern() -> re.Pattern[str]:
    """The words of a question that ask for a comparison."""
    return re.compile(_alternation(vocabulary().compare_words))
