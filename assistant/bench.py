"""Latency benchmark of :meth:`Assistant.respond` (what the chat calls), models loaded, over a question file.

Speed goals are checked here and reported in a committed Markdown file, never asserted in tests.
"""

from __future__ import annotations

import json
import platform
import statistics
import time
from pathlib import Path

from assistant.core import Assistant


def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def run_bench(assistant: Assistant, questions: Path, out: Path, limit: int | None = None) -> str:
    cases = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    cases = cases[:limit] if limit else cases
    assistant.warm()  # models, indexes and the phrase index loaded before timing
    totals: list[float] = []
    stages: dict[str, list[float]] = {}
    for case in cases:
        t0 = time.perf_counter()
        answer = assistant.respond(case["question"], history=case.get("history")).answer
        totals.append(time.perf_counter() - t0)
        for k, v in answer.timings.items():
            if k != "best_unit_score":
                stages.setdefault(k, []).append(v)
    ms = [t * 1000 for t in totals]
    lines = [
        "# respond latency (what the chat calls; extractive mode, models loaded)",
        "",
        f"- questions: {len(ms)} from `{questions}`",
        f"- machine: {platform.machine()}, {platform.python_version()}, documents indexed: {len(assistant.documents())}",
        f"- p50 {statistics.median(ms):.0f} ms, p95 {_percentile(ms, 0.95):.0f} ms, max {max(ms):.0f} ms",
        "",
        "| stage | p50 ms | p95 ms |",
        "|---|---|---|",
    ]
    for stage, values in stages.items():
        vm = [x * 1000 for x in values]
        lines.append(f"| {stage} | {statistics.median(vm):.1f} | {_percentile(vm, 0.95):.1f} |")
    report = "\n".join(lines) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    return report
