"""The two things a question sets side by side, and the units that name them.

"…A还是B？" asks which of two: a provision naming both answers it before a better-scoring one
that names one. "…A和B分别…？" asks the same of each: each is answered by the unit that names it,
not by one that names neither in passing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.candidates import Candidate
from assistant.answer.cues import ARTICLE_START

# "…A还是B？": a question asking which of two
CHOICE = re.compile(r"([^，,。；;？?、]{2,30})还是([^，,。；;？?、]{2,30})[？?]?")
# a unit naming both answers before a better-scoring one naming one, down to this share of its score
CHOICE_RIVAL = 0.6


def names_both(c: Candidate, sides: tuple[str, str]) -> bool:
    """Whether a unit names both things a question sets side by side."""
    return all(side in c.search for side in sides)


# "甲工作和乙工作分别由哪个部门主管": the two things asked each of (a run of the question
# without 的, so the subject before them is left out)
EACH = re.compile(r"([^\W的]{2,6})(?:和|与|及)([^\W的]{2,6})(?:分别|各自|各)")
# a unit that names one of them answers for it when it scores this share of the best unit
EACH_RIVAL = 0.5


def each_asked(question: str) -> tuple[str, str] | None:
    """The two things a "…A和B分别…" question asks the same of."""
    m = EACH.search(question)
    return (m.group(1), m.group(2)) if m else None


def units_for_each(
    chosen: list[Candidate], cands: Sequence[Candidate], each: tuple[str, str], floor: float
) -> list[Candidate]:
    """The units that answer for each of the two things asked, when those chosen do not name
    both: "…主管本行政区域内再生资源回收管理工作。" and "…主管…再生资源利用管理工作。", not the
    款 that names neither ("…按照各自职责做好再生资源回收利用管理的相关工作"). ``chosen`` as it
    is when one 款 or sentence names both, or a thing asked is named by no unit of its own in the
    best one's document. (An article naming both is cut to its best sentence further on.)"""
    if any(c.unit.kind != "article" and names_both(c, each) for c in chosen):
        return chosen
    doc = chosen[0].chunk.doc_id
    named = []
    for side in each:
        # (a sentence whose subject is the side answers for it though it names the other in
        # passing: "用人单位按照本单位应参保职工…的百分之二缴纳")
        own = [
            c
            for c in cands
            if c.chunk.doc_id == doc
            and side in c.search
            and (not names_both(c, each) or (c.unit.kind == "sentence" and _opens_with(c, side)))
            and c.score >= floor
        ]
        if not own:
            return chosen
        # (of the units naming it, one of the best unit's own article first: the provision that
        # answers for one side answers for the other)
        named.append(max(own, key=lambda c: (_section(c) == _section(chosen[0]), c.score)))
    return named if named[0] is not named[1] else chosen


def _section(c: Candidate) -> str:
    return c.chunk.part_at(c.unit.start).section_number


def _opens_with(c: Candidate, side: str) -> bool:
    """Whether a unit's sentence opens with ``side`` (after its article's number): its subject."""
    return ARTICLE_START.sub("", c.search, count=1).lstrip().startswith(side)


def choice(question: str) -> tuple[str, str] | None:
    """The two things a "…A还是B" question asks to choose between, each as the fewest of its
    characters the other does not share: "按月计算还是按季申报" → ("计算", "按季"), which a
    provision naming both ("环境保护税按月计算，按季申报缴纳") holds, and one naming only the
    quarterly filing does not. (A 职工大会 asked against a 职工代表大会 is "工大会" against
    "职工代": the one name is no part of the other.)"""
    m = CHOICE.search(question)
    if m is None:
        return None
    left, right = m.group(1), m.group(2)
    a = next((left[-n:] for n in range(2, len(left) + 1) if left[-n:] not in right), "")
    b = next((right[:n] for n in range(2, len(right) + 1) if right[:n] not in left), "")
    return (a, b) if a and b else None
