"""The evaluation question set: JSON Lines, one question per line.

Each line is an object with ``id``, ``question``, ``type`` (one of :data:`TYPES`), ``answer`` (the
reference answer), ``must_include`` (strings a correct answer contains, after normalisation),
``sources`` (``[{doc, section, quote}]``: the gold passages, ``quote`` verbatim from the file
under ``corpus/``), and optionally ``history`` (``[{role, content}]``, follow-ups only) and
``regions`` (comparison questions: the regions compared, in the order of their sources).

:func:`load_cases` checks the *shape* of every line and raises one :class:`DatasetError` listing
every problem with its line number. Content checks against the corpus (quotes are verbatim, set
sizes) live in ``eval/check_questions.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast, get_args

from assistant.errors import UserInputError

__all__ = [
    "TYPES",
    "DatasetError",
    "EvalCase",
    "GoldSource",
    "Turn",
    "load_cases",
    "parse_case",
    "parse_lines",
]

CaseType = Literal[
    "factoid",
    "list",
    "comparison",
    "citation",
    "unanswerable",
    "traditional",
    "followup",
    "multipart",
    "provenance",
    "catalog",
]
TYPES: tuple[CaseType, ...] = get_args(CaseType)
_REQUIRED = ("id", "question", "type", "answer", "must_include", "sources")
_OPTIONAL = ("history", "regions")
_ROLES = ("user", "assistant")
_MAX_LISTED = 30


class DatasetError(UserInputError, ValueError):
    """The question file is malformed; ``problems`` lists every problem found."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        shown = problems[:_MAX_LISTED]
        more = f"\n  … and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        super().__init__(
            f"评测问题文件格式错误 (invalid question file) {path}: {len(problems)} problem(s)\n  "
            + "\n  ".join(shown)
            + more
        )


@dataclass(frozen=True)
class GoldSource:
    doc: str  # path under corpus/, e.g. "seed/anhui-2024-work-points.txt"
    section: str  # human description of the section, e.g. "三、（二）"
    quote: str  # verbatim text of the document


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    content: str


@dataclass
class EvalCase:
    id: str
    question: str
    type: CaseType
    answer: str
    must_include: list[str]
    sources: list[GoldSource]
    history: list[Turn] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"

    def history_dicts(self) -> list[dict[str, str]]:
        """The conversation so far, as the assistant's ``ask(history=...)`` takes it."""
        return [{"role": t.role, "content": t.content} for t in self.history]

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "question": self.question,
            "type": self.type,
            "answer": self.answer,
            "must_include": list(self.must_include),
            "sources": [{"doc": s.doc, "section": s.section, "quote": s.quote} for s in self.sources],
        }
        if self.history:
            d["history"] = self.history_dicts()
        if self.regions:
            d["regions"] = list(self.regions)
        return d


def _nonempty_str(v: object) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _str_list(v: object) -> bool:
    return isinstance(v, list) and all(_nonempty_str(x) for x in v)


def parse_case(obj: object, where: str = "") -> tuple[EvalCase | None, list[str]]:
    """One decoded JSON value → an :class:`EvalCase`, or ``None`` and the problems found."""
    at = where or "record"
    if not isinstance(obj, dict):
        return None, [f"{at}: expected a JSON object, got {type(obj).__name__}"]
    if "id" in obj:
        at = f"{at} (id {obj['id']!r})"
    problems = [f"{at}: missing key {k!r}" for k in _REQUIRED if k not in obj]
    problems += [
        f"{at}: unknown key {k!r} (allowed: {', '.join(_REQUIRED + _OPTIONAL)})"
        for k in obj
        if k not in _REQUIRED and k not in _OPTIONAL
    ]
    if problems:
        return None, problems

    for k in ("id", "question", "answer"):
        if not _nonempty_str(obj[k]):
            problems.append(f"{at}: {k!r} must be a non-empty string")
    if obj["type"] not in TYPES:
        problems.append(f"{at}: type {obj['type']!r} is not one of {', '.join(TYPES)}")
    if not _str_list(obj["must_include"]):
        problems.append(f"{at}: 'must_include' must be a list of non-empty strings")

    sources: list[GoldSource] = []
    if not isinstance(obj["sources"], list):
        problems.append(f"{at}: 'sources' must be a list")
    else:
        for i, s in enumerate(obj["sources"]):
            if not isinstance(s, dict):
                problems.append(f"{at}: sources[{i}] must be an object with doc, section, quote")
                continue
            bad = [k for k in ("doc", "section", "quote") if not _nonempty_str(s.get(k))]
            extra = sorted(set(s) - {"doc", "section", "quote"})
            if bad:
                problems.append(f"{at}: sources[{i}] needs non-empty string(s) {', '.join(bad)}")
            if extra:
                problems.append(f"{at}: sources[{i}] has unknown key(s) {', '.join(extra)}")
            if not bad and not extra:
                sources.append(GoldSource(s["doc"], s["section"], s["quote"]))

    history: list[Turn] = []
    h = obj.get("history", [])
    if not isinstance(h, list):
        problems.append(f"{at}: 'history' must be a list of {{role, content}}")
    else:
        for i, t in enumerate(h):
            if (
                not isinstance(t, dict)
                or set(t) != {"role", "content"}
                or t["role"] not in _ROLES
                or not _nonempty_str(t["content"])
            ):
                problems.append(f"{at}: history[{i}] must be {{'role': 'user'|'assistant', 'content': str}}")
            else:
                history.append(Turn(t["role"], t["content"]))
    if obj["type"] == "followup" and not h:
        problems.append(f"{at}: a followup question needs a non-empty 'history'")

    regions = obj.get("regions", [])
    if not _str_list(regions):
        problems.append(f"{at}: 'regions' must be a list of non-empty strings")
    elif obj["type"] == "comparison" and len(regions) < 2:
        problems.append(f"{at}: a comparison question needs 'regions' with at least two names")

    if obj["type"] == "unanswerable" and (obj["must_include"] or obj["sources"]):
        problems.append(f"{at}: an unanswerable question must have empty must_include and sources")
    if obj["type"] in TYPES and obj["type"] != "unanswerable":
        if isinstance(obj["must_include"], list) and not obj["must_include"]:
            problems.append(f"{at}: must_include must not be empty for an answerable question")
        if isinstance(obj["sources"], list) and not obj["sources"]:
            problems.append(f"{at}: sources must not be empty for an answerable question")

    if problems:
        return None, problems
    case = EvalCase(
        id=obj["id"],
        question=obj["question"],
        type=cast(CaseType, obj["type"]),
        answer=obj["answer"],
        must_include=list(obj["must_include"]),
        sources=sources,
        history=history,
        regions=list(regions),
    )
    return case, []


def parse_lines(lines: Iterable[str], name: str = "<questions>") -> list[EvalCase]:
    """Parse JSON Lines text; blank lines are skipped. Raises :class:`DatasetError`."""
    cases: list[EvalCase] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {n}: invalid JSON ({e.msg} at column {e.colno})")
            continue
        case, found = parse_case(obj, f"line {n}")
        problems.extend(found)
        if case is None:
            continue
        if case.id in seen:
            problems.append(f"line {n}: id {case.id!r} already used on line {seen[case.id]}")
            continue
        seen[case.id] = n
        cases.append(case)
    if problems:
        raise DatasetError(name, problems)
    if not cases:
        raise DatasetError(name, ["no questions in file"])
    return cases


def load_cases(path: Path | str) -> list[EvalCase]:
    """Load and validate a question file. Raises :class:`DatasetError` (a ``ValueError``) listing
    every malformed line, or ``FileNotFoundError``."""
    p = Path(path)
    text = p.read_text(encoding="utf-8-sig")
    return parse_lines(text.splitlines(), str(p))
