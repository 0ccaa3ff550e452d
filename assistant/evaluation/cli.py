"""``policy-assistant eval``: run the question set and write the report.

The main CLI registers it with::

    s = sub.add_parser("eval", help="运行评测 (run the evaluation)")
    add_eval_arguments(s)
    s.set_defaults(func=cli_eval)

``cli_eval`` also takes a plain argument list: ``cli_eval(["--limit", "5"])``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.config import REPO_ROOT, Settings
from assistant.evaluation import runner
from assistant.evaluation.baselines import CHUNKER_NAMES, canonical_chunker
from assistant.evaluation.dataset import EvalCase
from assistant.evaluation.report import write_report
from assistant.evaluation.runner import MODES, RETRIEVERS, AssistantLike, EvalRun, Progress, run_eval

__all__ = ["COMPARE_CONFIGS", "DEFAULT_QUESTIONS", "DEFAULT_REPORTS", "add_eval_arguments", "cli_eval"]

DEFAULT_QUESTIONS = REPO_ROOT / "eval" / "questions.jsonl"
DEFAULT_REPORTS = REPO_ROOT / "eval" / "reports"
# (chunker, retriever) of --compare, ours first
COMPARE_CONFIGS = (
    ("structure", "hybrid"),
    ("baseline-recursive", "hybrid"),
    ("baseline-chatchat", "hybrid"),
    ("structure", "bm25"),
    ("structure", "dense"),
)
_CHUNKER_CHOICES = (*CHUNKER_NAMES, "recursive", "chatchat")


def add_eval_arguments(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="问题集 JSONL (question file)")
    p.add_argument("--mode", choices=MODES, default="extractive", help="回答方式 (answer mode)")
    p.add_argument("--retriever", choices=RETRIEVERS, default="hybrid", help="检索方式 (retriever)")
    p.add_argument("--chunker", choices=_CHUNKER_CHOICES, default="structure", help="切分方式 (chunker)")
    p.add_argument(
        "--out", type=Path, default=None, help="输出目录 (output directory; default eval/reports/…)"
    )
    p.add_argument("--limit", type=int, default=None, help="只跑前 N 题 (first N questions only)")
    p.add_argument(
        "--compare",
        action="store_true",
        help="运行本方案与全部基线并写合并报告 (ours + every baseline, one combined report)",
    )
    return p


def _progress(label: str) -> Progress:
    tty = sys.stderr.isatty()

    def show(i: int, n: int, case: EvalCase) -> None:
        if tty:
            print(f"\r[{label}] {i + 1}/{n} {case.id}   ", end="", file=sys.stderr, flush=True)
        elif i % 25 == 0 or i + 1 == n:
            print(f"[{label}] {i + 1}/{n} {case.id}", file=sys.stderr, flush=True)

    return show


def _summary(run: EvalRun) -> str:
    a = run.scores.overall

    def pct(v: float | None) -> str:
        return "–" if v is None else f"{v:.1%}"

    return (
        f"{run.label}: Hit@1 {pct(a.hit1)}, Hit@5 {pct(a.hit5)}, accuracy {pct(a.accuracy)}, "
        f"citation P/R {pct(a.citation_precision)}/{pct(a.citation_recall)}, "
        f"rejection {pct(a.rejection_rate)}, false rejection {pct(a.false_rejection_rate)}"
    )


def cli_eval(args: argparse.Namespace | Sequence[str] | None = None) -> int:
    if not isinstance(args, argparse.Namespace):
        parser = add_eval_arguments(argparse.ArgumentParser(prog="policy-assistant eval"))
        args = parser.parse_args(list(args) if args is not None else None)
    settings = Settings.from_env()
    configs = COMPARE_CONFIGS if args.compare else ((args.chunker, args.retriever),)
    if args.compare:
        root = args.out or DEFAULT_REPORTS
    else:
        root = args.out or DEFAULT_REPORTS / f"{args.chunker}-{args.retriever}-{args.mode}"
    runs: list[EvalRun] = []
    assistants: dict[str, AssistantLike] = {}  # one per chunker, shared by its retrievers
    for chunker, retriever in configs:
        key = canonical_chunker(chunker)
        if key not in assistants:
            assistants[key] = runner.build_assistant(settings, key)
        label = f"{chunker}+{retriever}"
        out_dir = root / f"{chunker}-{retriever}-{args.mode}" if args.compare else root
        run = run_eval(
            args.questions,
            mode=args.mode,
            retriever=retriever,
            chunker=chunker,
            settings=settings,
            out_dir=out_dir,
            limit=args.limit,
            assistant=assistants[key],
            progress=_progress(label),
        )
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(_summary(run))
        runs.append(run)
    paths = write_report(runs, root)
    print(f"报告 report: {paths['md']}")
    return 0
