"""Run the question set through one configuration of the assistant and score it.

A configuration is (answer mode, retriever, chunker). The default chunker uses the normal index
under ``settings.data_dir``; a baseline chunker gets its own index in
``<data_dir>/eval-<chunker>``, built from the corpus the first time it is needed.

Each question is asked once (follow-ups with their history) and timed; the ranked top-10
retrieval list is fetched separately (untimed) for the retrieval metrics. With ``out_dir`` the
answers are written to ``<out_dir>/answers.jsonl``, one JSON object per question.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, cast

from assistant.config import Settings
from assistant.errors import AssistantError, UserInputError
from assistant.evaluation.baselines import canonical_chunker, get_chunker
from assistant.evaluation.dataset import EvalCase, load_cases
from assistant.evaluation.metrics import CaseScore, Scores, score_case, score_cases
from assistant.schema import Answer, Passage

__all__ = [
    "RETRIEVERS",
    "AssistantLike",
    "EvalRun",
    "answer_record",
    "build_assistant",
    "run_cases",
    "run_eval",
]

RETRIEVERS = ("hybrid", "dense", "bm25")
MODES = ("extractive", "llm")
TOP_K = 10
Progress = Callable[[int, int, EvalCase], None]


class AssistantLike(Protocol):
    """The part of :class:`assistant.core.Assistant` the harness uses."""

    def ask(self, question: str, history: Any = ..., *, retriever: Any = ...) -> Answer: ...

    def retrieve(
        self, question: str, k: int = ..., *, retriever: Any = ..., history: Any = ...
    ) -> list[Passage]:
        """``history`` is optional: without it the harness retrieves for ``answer.resolved_question``."""
        ...

    def ingest(self) -> Any: ...

    def is_indexed(self) -> bool: ...


@dataclass
class EvalRun:
    """One configuration's answers and scores."""

    mode: str
    retriever: str
    chunker: str
    questions: str
    cases: list[EvalCase]
    records: list[dict[str, Any]]  # the rows of answers.jsonl, same order as cases
    scores: Scores
    started: str = ""
    duration_s: float = 0.0
    out_dir: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_ours(self) -> bool:
        return self.chunker == "structure" and self.retriever == "hybrid"

    @property
    def slug(self) -> str:
        return f"{self.chunker}-{self.retriever}-{self.mode}"

    @property
    def label(self) -> str:
        base = f"{self.chunker} + {self.retriever}"
        if self.is_ours:
            base = f"ours ({base})"
        return base if self.mode == "extractive" else f"{base} [{self.mode}]"

    def config(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "mode": self.mode,
            "retriever": self.retriever,
            "chunker": self.chunker,
            "questions": self.questions,
            "started": self.started,
            "duration_s": round(self.duration_s, 3),
            **self.extra,
        }

    def to_dict(self) -> dict[str, Any]:
        by_id = {r["id"]: r for r in self.records}
        cases = []
        for c in self.scores.cases:
            rec = by_id.get(c.id, {})
            cases.append(
                {**c.to_dict(), "question": rec.get("question", ""), "answer": rec.get("answer", "")}
            )
        return {
            "config": self.config(),
            "overall": self.scores.overall.to_dict(),
            "per_type": {t: a.to_dict() for t, a in self.scores.per_type.items()},
            "cases": cases,
        }


def build_assistant(settings: Settings, chunker: str = "structure") -> AssistantLike:
    """An :class:`~assistant.core.Assistant` for ``chunker``, its index built if missing.

    Assumes ``Assistant(settings, chunker=<chunker object>)``.
    """
    from assistant.core import Assistant

    factory = cast("Callable[..., AssistantLike]", Assistant)
    obj = get_chunker(chunker, settings)
    if obj.name == "structure":
        assistant = factory(settings)
    else:
        eval_settings = dataclasses.replace(settings, data_dir=settings.data_dir / f"eval-{obj.name}")
        assistant = factory(eval_settings, chunker=obj)
    if not assistant.is_indexed():
        assistant.ingest()
    return assistant


def _accepts(fn: Callable[..., Any], name: str) -> bool:
    """Whether ``fn`` takes a keyword argument ``name`` (or ``**kwargs``)."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == name or p.kind is inspect.Parameter.VAR_KEYWORD for p in params)


def _title(p: Passage) -> str:
    return p.chunk.meta.title


def answer_record(
    case: EvalCase, answer: Answer, retrieved: Sequence[Passage], latency_ms: float
) -> dict[str, Any]:
    """One row of answers.jsonl."""
    return {
        "id": case.id,
        "type": case.type,
        "question": case.question,
        "answer": answer.text,
        "abstained": answer.abstained,
        "citations": [
            {"title": c.title, "section_path": list(c.section_path), "quote": c.quote}
            for c in answer.citations
        ],
        "retrieved": [
            {"title": _title(p), "section_path": list(p.chunk.section_path), "text": p.chunk.text[:200]}
            for p in retrieved[:TOP_K]
        ],
        "latency_ms": round(latency_ms, 1),
    }


def run_cases(
    assistant: AssistantLike,
    cases: Sequence[EvalCase],
    mode: str = "extractive",
    retriever: str = "hybrid",
    progress: Progress | None = None,
) -> tuple[list[dict[str, Any]], list[CaseScore]]:
    """Ask every case; return the answers.jsonl rows and the per-case scores."""
    ask_mode: dict[str, Any] = {}
    if _accepts(getattr(assistant, "respond", assistant.ask), "mode"):
        ask_mode["mode"] = mode
    elif mode != "extractive":
        raise UserInputError(f"此助手不支持回答方式 {mode} (Assistant.ask takes no mode= argument)")
    history_in_retrieve = _accepts(assistant.retrieve, "history")
    # (the retrieval scored is what the answer's route read: given the response, it is not asked twice)
    response_in_retrieve = _accepts(assistant.retrieve, "response")
    respond = getattr(assistant, "respond", None)
    if cases:  # load models and indexes before anything is timed, as the web app does at start
        warm = getattr(assistant, "warm", None)
        if callable(warm):
            warm()
        assistant.retrieve(cases[0].question, k=1, retriever=retriever)
    records: list[dict[str, Any]] = []
    scores: list[CaseScore] = []
    for i, case in enumerate(cases):
        if progress:
            progress(i, len(cases), case)
        history = case.history_dicts() or None
        error = ""
        given: dict[str, Any] = {}
        t0 = time.perf_counter()
        try:
            if respond is not None:  # what the chat shows: the same routing, the same answer
                response = respond(case.question, history=history, retriever=retriever, **ask_mode)
                answer = response.answer
                if response_in_retrieve:
                    given["response"] = response
            else:
                answer = assistant.ask(case.question, history=history, retriever=retriever, **ask_mode)
        except AssistantError as e:  # counted as a wrong answer, and shown in the row
            answer = Answer(question=case.question, text="", citations=[], passages=[])
            error = f"{type(e).__name__}: {e}"
        latency_ms = (time.perf_counter() - t0) * 1000.0
        if history_in_retrieve:  # the same follow-up resolution as ask
            found = assistant.retrieve(case.question, k=TOP_K, retriever=retriever, history=history, **given)
        else:
            found = assistant.retrieve(
                answer.resolved_question or case.question, k=TOP_K, retriever=retriever
            )
        retrieved = list(found)[:TOP_K]
        row = answer_record(case, answer, retrieved, latency_ms)
        if error:
            row["error"] = error
        records.append(row)
        scores.append(score_case(case, answer, retrieved, latency_ms))
    return records, scores


def write_answers(records: Sequence[dict[str, Any]], out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "answers.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def run_eval(
    questions: Path | str,
    mode: str = "extractive",
    retriever: str = "hybrid",
    chunker: str = "structure",
    settings: Settings | None = None,
    out_dir: Path | str | None = None,
    limit: int | None = None,
    *,
    assistant: AssistantLike | None = None,
    progress: Progress | None = None,
) -> EvalRun:
    """Evaluate one configuration on the question file ``questions``.

    ``assistant`` replaces the one built from ``settings``/``chunker`` (tests pass a fake).
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    if retriever not in RETRIEVERS:
        raise ValueError(f"unknown retriever {retriever!r}; choose one of {', '.join(RETRIEVERS)}")
    chunker_name = canonical_chunker(chunker)
    cases = load_cases(questions)
    if limit is not None:
        cases = cases[: max(0, limit)]
    started = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    if assistant is None:
        assistant = build_assistant(settings or Settings.from_env(), chunker_name)
    records, case_scores = run_cases(assistant, cases, mode=mode, retriever=retriever, progress=progress)
    run = EvalRun(
        mode=mode,
        retriever=retriever,
        chunker=chunker_name,
        questions=str(questions),
        cases=list(cases),
        records=records,
        scores=score_cases(case_scores),
        started=started,
        duration_s=time.perf_counter() - t0,
    )
    if out_dir is not None:
        run.out_dir = str(write_answers(records, Path(out_dir)).parent)
    return run
