"""The runner with a fake assistant, the report on two runs, and the eval command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import assistant.evaluation.runner as runner_mod
from assistant.errors import LLMUnavailableError, UserInputError
from assistant.evaluation import cli_eval, run_eval, write_report
from assistant.evaluation.report import failures, ours
from assistant.evaluation.runner import EvalRun
from assistant.schema import Answer, Passage
from tests.evaluation.factories import answer, citation, passages

Q1_QUOTE = "到2025年底空气优良天数比例达到85%"
Q2_QUOTE = "建立健全督察整改长效机制"
QUESTIONS: list[dict[str, Any]] = [
    {
        "id": "q001",
        "question": "2025年优良天数比例目标是多少？",
        "type": "factoid",
        "answer": "达到85%。",
        "must_include": ["85%"],
        "sources": [{"doc": "seed/a.txt", "section": "一", "quote": Q1_QUOTE}],
    },
    {
        "id": "q002",
        "question": "整改有什么长效机制？",
        "type": "list",
        "answer": "建立健全督察整改长效机制。",
        "must_include": ["长效机制"],
        "sources": [{"doc": "seed/b.txt", "section": "二", "quote": Q2_QUOTE}],
    },
    {
        "id": "q003",
        "question": "北京市的规定是什么？",
        "type": "unanswerable",
        "answer": "文件中未找到北京市的规定。",
        "must_include": [],
        "sources": [],
    },
    {
        "id": "q004",
        "question": "那它的期限呢？",
        "type": "followup",
        "answer": "2025年底。",
        "must_include": ["2025年底"],
        "sources": [{"doc": "seed/a.txt", "section": "一", "quote": Q1_QUOTE}],
        "history": [
            {"role": "user", "content": "优良天数比例目标是多少？"},
            {"role": "assistant", "content": "85%。"},
        ],
    },
]


class FakeAssistant:
    """Answers q001 and q004 right, q002 wrongly, refuses q003; fails on request."""

    def __init__(self, good: bool = True, fail_on: str = "") -> None:
        self.good = good
        self.fail_on = fail_on
        self.asked: list[tuple[str, Any, str, str]] = []
        self.retrieved: list[tuple[str, Any]] = []

    def ask(
        self,
        question: str,
        history: list[dict[str, str]] | None = None,
        *,
        mode: str = "",
        retriever: str = "",
    ) -> Answer:
        self.asked.append((question, history, mode, retriever))
        if question == self.fail_on:
            raise LLMUnavailableError("LLM 不可用")
        shown = passages(f"一、目标。{Q1_QUOTE}。", "无关")
        if question.startswith("2025"):
            text = "到2025年底达到百分之八十五[1]。" if self.good else "没有找到。"
            return answer(text, [citation(1, Q1_QUOTE, "c1")], shown)
        if question.startswith("整改"):
            return answer("加强宣传[1]。", [citation(1, "加强宣传教育")], shown)
        if question.startswith("那它"):
            return answer("2025年底[1]。", [citation(1, Q1_QUOTE)], shown, resolved_question="优良天数期限")
        return answer("文件中未找到相关内容。", abstained=True)

    def retrieve(self, question: str, k: int = 10, *, retriever: str = "") -> list[Passage]:
        self.retrieved.append((question, None))
        return passages("无关", f"（一）{Q1_QUOTE}。", "无关2")[:k]


class FakeWithHistory(FakeAssistant):
    """Like the real Assistant: retrieve takes history=, ask takes no mode=."""

    def ask(  # type: ignore[override]
        self, question: str, history: list[dict[str, str]] | None = None, retriever: str = "hybrid"
    ) -> Answer:
        return super().ask(question, history, mode="-", retriever=retriever)

    def retrieve(  # type: ignore[override]
        self,
        question: str,
        k: int = 10,
        retriever: str = "hybrid",
        history: list[dict[str, str]] | None = None,
    ) -> list[Passage]:
        self.retrieved.append((question, history))
        return passages("无关", f"（一）{Q1_QUOTE}。", "无关2")[:k]

    def ingest(self) -> None:
        raise AssertionError("not expected")

    def is_indexed(self) -> bool:
        return True


@pytest.fixture
def questions(tmp_path: Path) -> Path:
    p = tmp_path / "questions.jsonl"
    p.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in QUESTIONS), encoding="utf-8")
    return p


def test_run_eval_writes_answers_and_scores(questions: Path, tmp_path: Path) -> None:
    fake = FakeAssistant()
    run = run_eval(questions, out_dir=tmp_path / "out", assistant=fake, retriever="bm25", mode="llm")
    rows = [json.loads(line) for line in (tmp_path / "out" / "answers.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["q001", "q002", "q003", "q004"]
    r1 = rows[0]
    assert set(r1) == {
        "id",
        "type",
        "question",
        "answer",
        "abstained",
        "citations",
        "retrieved",
        "latency_ms",
    }
    assert r1["answer"] == "到2025年底达到百分之八十五[1]。" and r1["abstained"] is False
    assert r1["citations"] == [{"title": "测试文件", "section_path": ["一、总体要求"], "quote": Q1_QUOTE}]
    assert len(r1["retrieved"]) == 3 and r1["retrieved"][1]["text"].startswith("（一）")
    assert r1["latency_ms"] >= 0 and rows[2]["abstained"] is True

    # follow-up: history passed; retrieval uses the resolved question; mode and retriever passed on
    assert fake.asked[3][1] == QUESTIONS[3]["history"]
    assert fake.asked[0][1] is None and {a[2:] for a in fake.asked} == {("llm", "bm25")}
    assert fake.retrieved[-1] == ("优良天数期限", None)  # retrieve takes no history: resolved question

    s = {c.id: c for c in run.scores.cases}
    assert s["q001"].correct and s["q001"].hit_rank == 2 and s["q001"].citation_recall == 1.0
    assert not s["q002"].correct and s["q002"].missing == ["长效机制"] and s["q002"].hit_rank is None
    assert s["q003"].correct and s["q003"].abstained
    assert s["q004"].correct
    o = run.scores.overall
    assert o.accuracy == pytest.approx(2 / 3) and o.rejection_rate == 1.0 and o.false_rejection_rate == 0.0
    assert o.hit1 == 0.0 and o.hit5 == pytest.approx(2 / 3) and o.mrr == pytest.approx(1 / 3)
    assert run.label == "structure + bm25 [llm]" and not run.is_ours


def test_history_goes_to_retrieve_and_mode_is_checked(questions: Path) -> None:
    fake = FakeWithHistory()
    run = run_eval(questions, assistant=fake)
    assert fake.retrieved[-1] == ("那它的期限呢？", QUESTIONS[3]["history"])
    assert fake.asked[-1][2] == "-"  # no mode= passed on
    assert run.scores.overall.accuracy == pytest.approx(2 / 3)
    with pytest.raises(UserInputError, match="mode"):
        run_eval(questions, assistant=FakeWithHistory(), mode="llm")


def test_limit_and_errors_are_recorded(questions: Path) -> None:
    fake = FakeAssistant(fail_on="整改有什么长效机制？")
    run = run_eval(questions, limit=2, assistant=fake)
    assert [r["id"] for r in run.records] == ["q001", "q002"]
    assert run.records[1]["error"].startswith("LLMUnavailableError") and run.records[1]["answer"] == ""
    assert not run.scores.cases[1].correct


def test_bad_configuration(questions: Path) -> None:
    with pytest.raises(ValueError, match="retriever"):
        run_eval(questions, retriever="magic", assistant=FakeAssistant())
    with pytest.raises(ValueError, match="chunker"):
        run_eval(questions, chunker="semantic", assistant=FakeAssistant())


def _two_runs(questions: Path) -> list[EvalRun]:
    a = run_eval(questions, assistant=FakeAssistant())
    b = run_eval(questions, chunker="baseline-recursive", assistant=FakeAssistant(good=False))
    return [b, a]


def test_report_on_two_runs(questions: Path, tmp_path: Path) -> None:
    runs = _two_runs(questions)
    assert ours(runs).chunker == "structure"
    paths = write_report(runs, tmp_path / "rep")
    md = paths["md"].read_text(encoding="utf-8")
    assert "| ours (structure + hybrid) | 4 |" in md
    assert "| baseline-recursive + hybrid | 4 |" in md
    assert "## Per question type — ours (structure + hybrid)" in md
    assert "| unanswerable |" in md and "| followup |" in md
    assert "## Failures — ours (structure + hybrid) (1)" in md
    assert "| q002 | list | 整改有什么长效机制？ | 长效机制 | 加强宣传[1]。 |" in md
    assert "![per-type accuracy](per_type.png)" in md

    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert data["ours"] == "ours (structure + hybrid)"
    assert [r["config"]["chunker"] for r in data["runs"]] == ["baseline-recursive", "structure"]
    ours_json = data["runs"][1]
    assert ours_json["overall"]["accuracy"] == pytest.approx(2 / 3)
    assert data["runs"][0]["overall"]["accuracy"] == pytest.approx(1 / 3)
    assert set(ours_json["per_type"]) == {"factoid", "list", "unanswerable", "followup"}
    assert [c["id"] for c in ours_json["cases"]] == ["q001", "q002", "q003", "q004"]
    assert ours_json["cases"][0]["answer"].startswith("到2025年底")

    png = paths["png"].read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5000


def test_failures_table_content(questions: Path) -> None:
    bad = _two_runs(questions)[0]
    f = {x["id"]: x for x in failures(bad)}
    assert set(f) == {"q001", "q002"}
    assert f["q001"]["expected"] == "85%" and f["q001"]["answer"] == "没有找到。"
    assert f["q001"]["top3"][0] == "测试文件 › 一、总体要求"


def test_write_report_needs_runs(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_report([], tmp_path)


def test_cli_compare_runs_every_configuration(
    questions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    built: list[str] = []

    def fake_build(settings: object, chunker: str = "structure") -> FakeAssistant:
        built.append(chunker)
        return FakeAssistant()

    monkeypatch.setattr(runner_mod, "build_assistant", fake_build)
    out = tmp_path / "reports"
    assert cli_eval(["--questions", str(questions), "--out", str(out), "--compare", "--limit", "3"]) == 0
    assert built == ["structure", "baseline-recursive", "baseline-chatchat"]  # one assistant per chunker
    assert (out / "report.md").exists() and (out / "report.json").exists() and (out / "per_type.png").exists()
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [r["config"]["retriever"] for r in data["runs"]] == ["hybrid", "hybrid", "hybrid", "bm25", "dense"]
    assert all(len(r["cases"]) == 3 for r in data["runs"])
    assert (out / "baseline-chatchat-hybrid-extractive" / "answers.jsonl").exists()
    assert "ours (structure + hybrid): Hit@1" in capsys.readouterr().out


def test_cli_single_run(questions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_mod, "build_assistant", lambda s, c="structure": FakeAssistant())
    out = tmp_path / "one"
    assert cli_eval(["--questions", str(questions), "--out", str(out), "--chunker", "chatchat"]) == 0
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [r["config"]["chunker"] for r in data["runs"]] == ["baseline-chatchat"]
    assert (out / "answers.jsonl").exists()
