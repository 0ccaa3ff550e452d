"""Loading and validating the question file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import UserInputError
from assistant.evaluation.dataset import DatasetError, load_cases, parse_lines
from tests.conftest import REPO

SRC = {"doc": "seed/anhui-2024-work-points.txt", "section": "一、", "quote": "深入打好污染防治攻坚战"}


def _rec(**kw: object) -> dict[str, object]:
    r: dict[str, object] = {
        "id": "q001",
        "question": "安徽省2024年的重点是什么？",
        "type": "factoid",
        "answer": "深入打好污染防治攻坚战。",
        "must_include": ["污染防治攻坚战"],
        "sources": [SRC],
    }
    r.update(kw)
    return r


def _write(tmp_path: Path, *recs: object) -> Path:
    p = tmp_path / "q.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    return p


def test_loads_every_type(tmp_path: Path) -> None:
    recs = [
        _rec(),
        _rec(id="q002", type="unanswerable", answer="文件中未找到。", must_include=[], sources=[]),
        _rec(
            id="q003",
            type="followup",
            history=[{"role": "user", "content": "安徽呢？"}, {"role": "assistant", "content": "……"}],
        ),
        _rec(id="q004", type="comparison", regions=["安徽省", "济源市"], sources=[SRC, SRC]),
    ]
    cases = load_cases(_write(tmp_path, *recs))
    assert [c.id for c in cases] == ["q001", "q002", "q003", "q004"]
    assert cases[0].sources[0].quote == "深入打好污染防治攻坚战" and cases[0].answerable
    assert not cases[1].answerable
    assert cases[2].history_dicts() == recs[2]["history"]
    assert cases[3].regions == ["安徽省", "济源市"]
    assert cases[3].to_dict() == recs[3]


def test_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    lines = [
        json.dumps(_rec()),
        "{not json",
        json.dumps(_rec(id="q002", type="essay")),
        json.dumps(_rec(id="q003", must_include="污染")),
        json.dumps(_rec(id="q004", type="followup")),
        json.dumps(_rec(id="q001")),
        json.dumps(_rec(id="q006", sources=[{"doc": "x", "quote": "y"}])),
        json.dumps({"id": "q007", "question": "?"}),
        json.dumps(_rec(id="q008", extra=1)),
        json.dumps(_rec(id="q009", type="unanswerable")),
        json.dumps(_rec(id="q010", type="comparison", regions=["安徽省"])),
        json.dumps(["a list"]),
    ]
    with pytest.raises(DatasetError) as err:
        parse_lines(lines, "q.jsonl")
    msg = str(err.value)
    for needle in (
        "line 2: invalid JSON",
        "line 3 (id 'q002'): type 'essay'",
        "line 4 (id 'q003'): 'must_include' must be a list",
        "line 5 (id 'q004'): a followup question needs",
        "line 6: id 'q001' already used on line 1",
        "line 7 (id 'q006'): sources[0] needs non-empty string(s) section",
        "line 8 (id 'q007'): missing key 'type'",
        "line 9 (id 'q008'): unknown key 'extra'",
        "line 10 (id 'q009'): an unanswerable question must have empty",
        "line 11 (id 'q010'): a comparison question needs 'regions'",
        "line 12: expected a JSON object",
    ):
        assert needle in msg, needle
    assert len({p.split(":")[0].split(" (")[0] for p in err.value.problems}) == 11  # lines 2-12
    assert sum("missing key" in p for p in err.value.problems) == 4  # line 8 lacks four keys
    assert isinstance(err.value, UserInputError) and isinstance(err.value, ValueError)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    p = tmp_path / "empty.jsonl"
    p.write_text("\n\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="no questions"):
        load_cases(p)
    with pytest.raises(FileNotFoundError):
        load_cases(tmp_path / "missing.jsonl")


def test_the_project_question_file_loads() -> None:
    path = REPO / "eval" / "questions.jsonl"
    if not path.exists():
        pytest.skip("eval/questions.jsonl not written yet")
    cases = load_cases(path)
    assert len(cases) >= 1
    assert all(c.sources for c in cases if c.answerable)


def test_the_held_out_question_file_is_valid() -> None:
    """eval/holdout.jsonl: questions never used to tune the assistant, checked like the main set."""
    import sys

    sys.path.insert(0, str(REPO / "eval"))
    from check_questions import check

    path = REPO / "eval" / "holdout.jsonl"
    assert check(path, set_level=False) == []
    cases = load_cases(path)
    assert len(cases) >= 50 and {c.type for c in cases} >= {"factoid", "comparison", "unanswerable"}
    questions = {c.question for c in load_cases(REPO / "eval" / "questions.jsonl")}
    assert not questions & {c.question for c in cases}
