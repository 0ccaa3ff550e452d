"""Concurrency load test of the real web server (``make bench-load``; not part of ``make test``).

A copy of a built library is served by ``policy-assistant serve`` on a free loopback port, and chat
users drive it through Gradio's own API (``gradio_client``, endpoint ``/ask``: exactly what the chat
box calls), each question in a fresh session so no question is read as a follow-up. Measured:

1. one user asking every question once (the single-user p50/p95);
2. ten users at once; and ten users while eight files are uploaded through ``/upload`` (the web
   upload: the same :func:`assistant.ui.library.import_staged` path, parse and embedding outside
   the write lock). Each load runs twice: with a think time between a user's questions (people read
   the cited answer before asking again: the realistic case the target is about) and without
   (every user asks again at once: the saturation case, reported for capacity).

Targets (issue 11): zero errors; ten-user p95 ≤ 3 × single-user p95, with and without the upload.
Bounded (a fixed question list, a time limit per phase) and loopback only. Timings are reported,
never asserted: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.bench_storage import upload_files
from assistant.index.chroma_server import ChromaServer, free_port, stop_process

LIBRARY_PARTS = ("library.sqlite3", "chroma", "uploads")  # what a served library consists of
PHASE_LIMIT_S = 900.0  # no phase runs longer than this, whatever happens
START_LIMIT_S = 300.0


@dataclass
class Phase:
    """One measured load: who asked, how long each question took, what failed."""

    name: str
    users: int
    think_s: tuple[float, float]  # a user's pause between questions, uniform in this range
    upload: bool = False
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    upload_s: float = 0.0
    upload_result: str = ""
    wall_s: float = 0.0

    def p(self, q: float) -> float:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))] if xs else 0.0


@dataclass
class LoadRun:
    library: str
    documents: int
    questions: int
    cores: int
    load_before: tuple[float, float, float]
    processes: int = 1
    phases: list[Phase] = field(default_factory=list)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)


def dev_questions(path: Path, every: int = 5) -> list[str]:
    """Every ``every``-th stand-alone question of the dev set: a fixed spread over all types."""
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [c["question"] for c in cases if not c.get("history")][::every]


def _get_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return bool(r.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _wait_until(ready: Any, process: subprocess.Popen[bytes], log: Path, stop: Any) -> None:
    deadline = time.monotonic() + START_LIMIT_S
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            stop()
            raise RuntimeError(f"a server did not start; see {log}")
        time.sleep(0.5)


class Server:
    """``policy-assistant serve`` over a library directory, in a child process of ours."""

    def __init__(self, data: Path, log: Path, chroma_url: str | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {k: v for k, v in os.environ.items() if not k.startswith("POLICY_ASSISTANT_ADMIN")}
        env.update(
            POLICY_ASSISTANT_DATA_DIR=str(data),
            POLICY_ASSISTANT_HOST="127.0.0.1",
            POLICY_ASSISTANT_PORT=str(self.port),
            GRADIO_ANALYTICS_ENABLED="False",
            ANONYMIZED_TELEMETRY="False",
        )
        if chroma_url:
            env["POLICY_ASSISTANT_CHROMA_URL"] = chroma_url
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "serve"],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        _wait_until(lambda: _get_ok(self.url + "config"), self.process, log, self.stop)

    def stop(self) -> None:
        stop_process(self.process, timeout=60)
        self._log.close()


def _client(url: str) -> Any:
    from gradio_client import Client

    # a generous, bounded timeout: a slow answer is measured, a hung one counts as an error
    return Client(url, verbose=False, httpx_kwargs={"timeout": 300.0})


def ask(client: Any, question: str) -> tuple[float, str]:
    """(milliseconds, error or ""): one question in a fresh session, as a new chat would ask it."""
    client.reset_session()
    t = time.perf_counter()
    try:
        chat, _sources, _box = client.predict(question, api_name="/ask")
    except Exception as e:  # any failure of the request is an error of the run
        return (time.perf_counter() - t) * 1000, f"{type(e).__name__}: {e}"[:200]
    ms = (time.perf_counter() - t) * 1000
    last = str(chat[-1].get("content", "")) if chat else ""
    if "answer-error" in last or not last:
        return ms, f"error bubble: {last[:120]}"
    return ms, ""


def run_phase(
    urls: list[str], phase: Phase, questions: list[str], rounds: int, upload: list[Path], seed: int
) -> None:
    """``phase.users`` users, each asking ``rounds`` questions (its own order), or with an upload:
    asking until the upload is done; only questions started while it ran are counted then."""
    clients = [_client(urls[i % len(urls)]) for i in range(phase.users)]  # users spread over processes
    lock = threading.Lock()
    uploading = threading.Event()
    finished = threading.Event()
    deadline = time.monotonic() + PHASE_LIMIT_S

    def user(i: int) -> None:
        rnd = random.Random(seed * 1000 + i)
        order = questions[:]
        rnd.shuffle(order)
        time.sleep(rnd.uniform(*phase.think_s) * (i > 0))  # users do not all start at once
        n = 0
        while time.monotonic() < deadline:
            if phase.upload and finished.is_set():
                break
            if not phase.upload and n >= rounds:
                break
            counted = not phase.upload or uploading.is_set()
            ms, err = ask(clients[i], order[n % len(order)])
            n += 1
            if counted:
                with lock:
                    phase.latencies_ms.append(ms)
                    if err:
                        phase.errors.append(err)
            if phase.think_s[1] > 0:
                time.sleep(rnd.uniform(*phase.think_s))

    def uploader() -> None:
        from gradio_client import handle_file

        client = _client(urls[0])
        time.sleep(2.0)  # the users are asking by now
        uploading.set()
        t = time.perf_counter()
        try:
            rows = client.predict([handle_file(str(p)) for p in upload], api_name="/upload")
            data = rows.get("data", rows) if isinstance(rows, dict) else rows
            imported = sum(1 for r in data if str(r[1]).startswith("已导入"))
            phase.upload_result = f"{imported}/{len(upload)} 个文件已导入"
            if imported != len(upload):
                phase.errors.append(f"upload: {data}")
        except Exception as e:
            phase.errors.append(f"upload: {type(e).__name__}: {e}"[:200])
            phase.upload_result = "上传失败"
        phase.upload_s = time.perf_counter() - t
        finished.set()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=user, args=(i,)) for i in range(phase.users)]
    if phase.upload:
        threads.append(threading.Thread(target=uploader))
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    phase.wall_s = time.perf_counter() - t0
    for c in clients:
        c.close()


def copy_library(source: Path, target: Path) -> None:
    target.mkdir(parents=True)
    for name in LIBRARY_PARTS:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, target / name)
        elif src.is_file():
            shutil.copy2(src, target / name)
    if not (target / "library.sqlite3").exists():
        raise SystemExit(f"{source} holds no built library (library.sqlite3); run make index first")


def _documents(data: Path) -> int:
    import sqlite3

    with sqlite3.connect(data / "library.sqlite3") as conn:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def run(
    library: Path,
    questions_path: Path,
    corpus: Path,
    rounds: int,
    think: tuple[float, float],
    processes: int = 1,
) -> LoadRun:
    """The whole run. With ``processes`` > 1, that many app processes share the library's SQLite
    store and one ``chroma run`` server over its vectors (the deployment of the README), and the
    users are spread over them; the upload goes to the first."""
    questions = dev_questions(questions_path)
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        data = Path(tmp) / "data"
        copy_library(library, data)
        result = LoadRun(
            library=str(library),
            documents=_documents(data),
            questions=len(questions),
            cores=os.cpu_count() or 0,
            load_before=os.getloadavg(),
            processes=processes,
        )
        chroma = None
        if processes > 1:
            chroma = ChromaServer(data / "chroma", free_port(), Path(tmp) / "chroma.log", START_LIMIT_S)
            chroma.start()
        servers: list[Server] = []
        try:
            for i in range(processes):
                servers.append(Server(data, Path(tmp) / f"serve-{i}.log", chroma.url if chroma else None))
            urls = [s.url for s in servers]
            for url in urls:
                warm = _client(url)
                for q in questions[:5]:  # models, indexes and jieba loaded before anything is timed
                    ask(warm, q)
                warm.close()
            plan = [
                Phase("1 位用户", 1, (0.0, 0.0)),
                Phase("10 位用户（思考时间）", 10, think),
                Phase("10 位用户（思考时间）+ 上传 8 个文件", 10, think, upload=True),
                Phase("10 位用户（无思考时间）", 10, (0.0, 0.0)),
                Phase("10 位用户（无思考时间）+ 上传 8 个文件", 10, (0.0, 0.0), upload=True),
            ]
            for k, phase in enumerate(plan):
                files = upload_files(corpus, 8, Path(tmp) / f"upload-{k}", str(k)) if phase.upload else []
                n = len(questions) if phase.users == 1 else rounds
                print(f"[bench-load] {phase.name} …", flush=True)
                run_phase(urls, phase, questions, n, files, seed=k)
                print(
                    f"[bench-load] {phase.name}: {len(phase.latencies_ms)} 问，p50 {phase.p(0.5):.0f} ms，"
                    f"p95 {phase.p(0.95):.0f} ms，错误 {len(phase.errors)}",
                    flush=True,
                )
                result.phases.append(phase)
        finally:
            for server in servers:
                server.stop()
            if chroma is not None:
                chroma.stop()
        result.load_after = os.getloadavg()
    return result


def report(run: LoadRun, think: tuple[float, float]) -> str:
    single = run.phases[0]
    base = single.p(0.95)

    def row(ph: Phase) -> str:
        ratio = ph.p(0.95) / base if base else 0.0
        target = "—" if ph.users == 1 else ("达到" if ratio <= 3.0 and not ph.errors else "未达到")
        return (
            f"| {ph.name} | {len(ph.latencies_ms)} | {len(ph.errors)} | {ph.p(0.5):.0f} | {ph.p(0.95):.0f} | "
            f"{max(ph.latencies_ms, default=0):.0f} | {ratio:.1f}× | {target} |"
        )

    lines = [
        "# 并发负载测试（真实网页服务，Gradio 接口 `/ask`）",
        "",
        f"- 文库：`{run.library}` 的副本，{run.documents} 个文件；问题：`eval/questions.jsonl` 中每隔 5 条取 1 条"
        f"（共 {run.questions} 条，不含追问），每问使用新会话",
        f"- 机器：{platform.machine()}，{run.cores} 核，Python {platform.python_version()}；"
        f"与其他任务共用（开始时负载 {run.load_before[0]:.1f}，结束时 {run.load_after[0]:.1f}），数字有噪声",
        f"- 思考时间：用户每问之后停 {think[0]:g}–{think[1]:g} 秒（均匀分布）再问；“无思考时间”即每位用户连续发问（饱和负载）",
        "- 上传：8 个语料中的中等篇幅文件（各加一行，内容为新），经网页上传接口 `/upload` 导入；"
        "只统计上传进行期间发出的问题",
        f"- 应用进程：{run.processes} 个"
        + (
            "（共用一个 `chroma run` 向量库服务和同一个 SQLite 文库，用户平均分配）"
            if run.processes > 1
            else ""
        ),
        "- 目标：零错误；10 位用户的 p95 ≤ 单用户 p95 的 3 倍（含上传期间）",
        "",
        "| 负载 | 问题数 | 错误 | p50 ms | p95 ms | 最大 ms | p95 / 单用户 p95 | 目标 |",
        "|---|---|---|---|---|---|---|---|",
        *[row(ph) for ph in run.phases],
        "",
    ]
    for ph in run.phases:
        if ph.upload:
            lines.append(f"- {ph.name}：上传用时 {ph.upload_s:.1f} s，{ph.upload_result}")
    errors = [e for ph in run.phases for e in ph.errors]
    if errors:
        lines += ["", "错误（前 10 条）：", "", *[f"- `{e}`" for e in errors[:10]]]
    return "\n".join(lines) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "library", type=Path, nargs="?", default=Path("data"), help="a built data directory (copied)"
    )
    p.add_argument("--questions", type=Path, default=Path("eval/questions.jsonl"))
    p.add_argument("--corpus", type=Path, default=Path("corpus"))
    p.add_argument("--rounds", type=int, default=15, help="questions per user in the ten-user loads")
    p.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN_S", "MAX_S"))
    p.add_argument("--processes", type=int, default=1, help="app processes sharing a chroma run server")
    p.add_argument("--out", type=Path, default=Path("eval/reports/load.md"))
    args = p.parse_args()
    think = (float(args.think[0]), float(args.think[1]))
    result = run(args.library, args.questions, args.corpus, args.rounds, think, args.processes)
    text = report(result, think)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
