"""A fast slice of the evaluation (every 4th question) with floors just under what is achieved.

The floors catch regressions; they are never set above the measured values (see
eval/reports/ for the full run). Raise them when the system improves.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from assistant.evaluation.dataset import load_cases
from assistant.evaluation.metrics import score_cases
from assistant.evaluation.runner import run_cases
from tests.conftest import REPO

QUESTIONS = REPO / "eval" / "questions.jsonl"

# Measured on this slice (53 questions) on 2026-11-24: Hit@5 1.000, MRR 0.976, accuracy 0.833,
# citation precision 0.986, recall 0.952, rejection 1.000, false rejection 0.024. Retrieval
# varies by a question between runs (approximate nearest neighbours), hence some slack.
FLOORS = {
    "hit5": 0.96,
    "mrr": 0.94,
    "accuracy": 0.80,
    "citation_precision": 0.96,
    "citation_recall": 0.92,
    "rejection_rate": 0.90,
}
CEILINGS = {"false_rejection_rate": 0.05}

# eval/holdout.jsonl and eval/dev_extra.jsonl are development sets now (the team has read their
# failures). eval/testset.jsonl is the blind test set: it is checked for shape here and measured
# with `policy-assistant eval --questions eval/testset.jsonl` on the test library, never gated.
DEV_EXTRA = REPO / "eval" / "dev_extra.jsonl"
# written 2026-12-02 from the documents alone (liability asked in general words, unanswerables
# beside an answerable provision, multi-part, whole enumerations, catalogue, provenance)
DEV_EXTRA2 = REPO / "eval" / "dev_extra2.jsonl"
# written 2026-12-02 (second session), mostly over ../shared/corpus-new: scored on the test library,
# so only its shape is checked here
DEV_EXTRA3 = REPO / "eval" / "dev_extra3.jsonl"
# dev_extra4 onwards: written blind in later sessions, scored on the test library too
LATER_DEV_SETS = sorted(
    p for p in (REPO / "eval").glob("dev_extra*.jsonl") if p.stem[9:].isdigit() and int(p.stem[9:]) >= 4
)
TESTSET = REPO / "eval" / "testset.jsonl"


def test_question_set_passes_its_own_checks() -> None:
    spec = importlib.util.spec_from_file_location("check_questions", REPO / "eval" / "check_questions.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.check(QUESTIONS) == []
    assert mod.check(DEV_EXTRA, set_level=False) == []
    assert mod.check(DEV_EXTRA2, set_level=False) == []
    assert mod.check(DEV_EXTRA3, set_level=False) == []
    for path in LATER_DEV_SETS:
        assert mod.check(path, set_level=False) == [], path.name
    assert mod.check(TESTSET) == []


@pytest.mark.slow
def test_eval_slice_meets_floors(corpus_assistant: Any, tmp_path: Path) -> None:
    cases = load_cases(QUESTIONS)[::4]
    _, per_case = run_cases(corpus_assistant, cases)
    overall = score_cases(per_case).overall
    got = vars(overall)
    low = {k: got[k] for k, floor in FLOORS.items() if got[k] is None or got[k] < floor}
    high = {k: got[k] for k, ceil in CEILINGS.items() if got[k] is None or got[k] > ceil}
    assert not low and not high, (low, high)


# Floors of the smaller development sets, each set measured on the dev library:
# - eval/dev_extra.jsonl (provenance, catalogue, multi-part; 36 then) on 2026-12-01: accuracy
#   0.889, citation precision 1.000;
# - eval/dev_extra2.jsonl (liability asked in general words, unanswerables beside an answerable
#   provision, …) 0.625 when written, 0.900 after the answer changes it was used to develop
#   (2026-12-02).
DEV_SET_FLOORS = [
    (DEV_EXTRA, {"accuracy": 0.80, "citation_precision": 0.95}),
    (DEV_EXTRA2, {"accuracy": 0.75, "citation_precision": 0.95}),
]


@pytest.mark.slow
@pytest.mark.parametrize(("questions", "floors"), DEV_SET_FLOORS, ids=lambda v: getattr(v, "stem", ""))
def test_development_sets_meet_floors(
    corpus_assistant: Any, questions: Path, floors: dict[str, float]
) -> None:
    _, per_case = run_cases(corpus_assistant, load_cases(questions))
    got = vars(score_cases(per_case).overall)
    low = {k: got[k] for k, floor in floors.items() if got[k] is None or got[k] < floor}
    assert not low, low
