"""The evaluation harness: question set, normalisation, metrics, baselines, runner and report.

    >>> from assistant.evaluation import run_eval, write_report      # doctest: +SKIP
    >>> run = run_eval("eval/questions.jsonl", retriever="hybrid")   # doctest: +SKIP
    >>> write_report([run], "eval/reports/latest")                   # doctest: +SKIP

Command line: ``policy-assistant eval [--compare]`` (see :func:`cli_eval`).
"""

from assistant.evaluation.baselines import ChatchatChunker, RecursiveChunker, get_chunker
from assistant.evaluation.cli import add_eval_arguments, cli_eval
from assistant.evaluation.dataset import DatasetError, EvalCase, GoldSource, Turn, load_cases
from assistant.evaluation.metrics import Aggregate, CaseScore, Scores, aggregate, score_case, score_cases
from assistant.evaluation.normalize import norm
from assistant.evaluation.report import write_report
from assistant.evaluation.runner import EvalRun, run_eval

__all__ = [
    "Aggregate",
    "CaseScore",
    "ChatchatChunker",
    "DatasetError",
    "EvalCase",
    "EvalRun",
    "GoldSource",
    "RecursiveChunker",
    "Scores",
    "Turn",
    "add_eval_arguments",
    "aggregate",
    "cli_eval",
    "get_chunker",
    "load_cases",
    "norm",
    "run_eval",
    "score_case",
    "score_cases",
    "write_report",
]
