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


def run_api_bench(
    assistant: Assistant, questions: Path, out: Path, limit: int = 50, clients: int = 10
) -> str:
    """Latency of ``POST /api/ask`` on a real server on loopback: one client, then ``clients``
    concurrent ones, over the first ``limit`` questions (bounded: each client asks each once)."""
    import socket
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import httpx
    import uvicorn

    from assistant.api import create_api

    cases = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    qs = [c["question"] for c in cases if not c.get("history")][:limit]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(
            create_api(assistant, rate_per_minute=0), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}/api/ask"
    assistant.warm()

    def ask(client: httpx.Client, q: str) -> tuple[float, int]:
        t0 = time.perf_counter()
        r = client.post(url, json={"question": q}, timeout=120)
        return (time.perf_counter() - t0) * 1000, r.status_code

    try:
        with httpx.Client() as c:
            single = [ask(c, q) for q in qs]

        def one_client(_: int) -> list[tuple[float, int]]:
            with httpx.Client() as c:
                return [ask(c, q) for q in qs]

        with ThreadPoolExecutor(clients) as pool:
            many = [x for part in pool.map(one_client, range(clients)) for x in part]
    finally:
        server.should_exit = True
        thread.join(timeout=30)

    def row(name: str, xs: list[tuple[float, int]]) -> str:
        ms = [x for x, _ in xs]
        errors = sum(1 for _, code in xs if code != 200)
        return (
            f"| {name} | {len(xs)} | {errors} | {statistics.median(ms):.0f} | {_percentile(ms, 0.95):.0f} | "
            f"{max(ms):.0f} |"
        )

    lines = [
        "# API latency (`POST /api/ask`, real server on loopback)",
        "",
        f"- questions: first {len(qs)} of `{questions}` (follow-ups left out), documents indexed: "
        f"{len(assistant.documents())}",
        f"- machine: {platform.machine()}, {platform.python_version()}; {clients} concurrent clients each "
        "ask every question once",
        "",
        "| load | requests | errors | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---|---|",
        row("1 client", single),
        row(f"{clients} clients", many),
    ]
    report = "\n".join(lines) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    return report
