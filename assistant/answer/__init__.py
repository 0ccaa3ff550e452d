"""Answer composition: intent detection, extractive answers and citation checks.

>>> from assistant.answer import ExtractiveAnswerer
>>> answer = ExtractiveAnswerer().answer(analysis, passages, store.get)   # doctest: +SKIP
"""

from __future__ import annotations

from assistant.answer.cues import topic_of
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.verify import numbers_supported, verify_citations
from assistant.intent import detect_intent
from assistant.sentences import Unit, split_clauses, split_units

__all__ = [
    "ExtractiveAnswerer",
    "Unit",
    "detect_intent",
    "numbers_supported",
    "split_clauses",
    "split_units",
    "topic_of",
    "verify_citations",
]
