"""What one write costs on a built library: open, add one small document, remove it, keyword search.

Run against a copy of a library (the source is never changed), with the code checked out:

    python -m assistant.bench_storage /tmp/wt-lib --label after --out /tmp/storage-after.json

It only uses what both the JSON/bm25s store and the SQLite store offer (``Assistant.ingest``,
``remove``, ``index.bm25.search``), so the same file measures the code before and after a change.
Opening an old library with the new code includes its one-time import (reported as ``open_s``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SMALL_DOC = """# 某县农村生活垃圾分类管理暂行办法

第一条 为了推进农村生活垃圾分类，改善农村人居环境，根据有关法律法规，结合本县实际，制定本办法。

第二条 本办法适用于本县行政区域内农村生活垃圾的分类投放、收集、运输和处理。

第三条 农村生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾。村民应当按照分类标准将生活垃圾投放到指定的收集容器。

第四条 乡镇人民政府负责本辖区农村生活垃圾分类的组织实施，村民委员会协助做好宣传引导工作。

第五条 本办法自发布之日起施行。
"""


@dataclass
class StorageBench:
    """Seconds per operation; lists hold one value per repetition."""

    label: str
    documents: int = 0
    chunks: int = 0
    open_s: float = 0.0
    add_s: list[float] = field(default_factory=list)
    add_write_s: list[float] = field(default_factory=list)  # of add_s: the store writes only
    remove_s: list[float] = field(default_factory=list)
    search_p50_ms: float = 0.0
    search_p95_ms: float = 0.0
    disk_mb: float = 0.0


def _chunk_count(index: Any) -> int:
    """Chunks in the library, by whichever API the checked-out code has."""
    if hasattr(index, "chunk_count"):
        return int(index.chunk_count())
    return len(index.chunks())


def _disk_mb(root: Path) -> float:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6


def _settings(data: Path, corpus: Path) -> Any:
    """Settings from the environment (the embedder must be the library's) on the copied library."""
    from assistant.config import Settings

    s = Settings.from_env()
    s.data_dir, s.corpus_dir = data, corpus
    return s


def run(source: Path, label: str, repeats: int, questions: Path, corpus: Path) -> StorageBench:
    from assistant.core import Assistant

    bench = StorageBench(label=label)
    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(source, data)
        t0 = time.perf_counter()
        a = Assistant(_settings(data, corpus))
        bench.documents, bench.chunks = (
            len(a.documents()),
            _chunk_count(a.index),
        )
        bench.open_s = time.perf_counter() - t0
        a.index.bm25.search("预热", 5)  # first query loads jieba (and bm25s) before timing
        upload = Path(tmp) / "upload" / "某县农村生活垃圾分类管理暂行办法.md"
        upload.parent.mkdir()
        for i in range(repeats):
            upload.write_text(SMALL_DOC.replace("暂行办法", f"暂行办法（第{i + 1}版）"), encoding="utf-8")
            t = time.perf_counter()
            report = a.ingest([upload])
            bench.add_s.append(time.perf_counter() - t)
            bench.add_write_s.append(report.write_s)
            doc_id = (report.added or report.replaced)[0]
            t = time.perf_counter()
            a.remove([doc_id])
            bench.remove_s.append(time.perf_counter() - t)
        lines = questions.read_text(encoding="utf-8").splitlines()
        asked = [json.loads(x)["question"] for x in lines if x.strip()][:100]
        times = []
        for q in asked:
            t = time.perf_counter()
            a.index.bm25.search(q, 50)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        bench.search_p50_ms = statistics.median(times)
        bench.search_p95_ms = times[int(0.95 * (len(times) - 1))]
        bench.disk_mb = _disk_mb(data)
    return bench


@dataclass
class UploadLoad:
    """Chat latency (``POST /api/ask``, one client) without and during an upload of ``files``."""

    files: int = 0
    upload_s: float = 0.0
    idle_ms: list[float] = field(default_factory=list)
    during_ms: list[float] = field(default_factory=list)
    errors: int = 0

    def summary(self) -> dict[str, float]:
        def pct(xs: list[float], q: float) -> float:
            xs = sorted(xs)
            return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))] if xs else 0.0

        return {
            "files": self.files,
            "upload_s": round(self.upload_s, 1),
            "idle_p50_ms": round(pct(self.idle_ms, 0.5)),
            "idle_p95_ms": round(pct(self.idle_ms, 0.95)),
            "during_n": len(self.during_ms),
            "during_p50_ms": round(pct(self.during_ms, 0.5)),
            "during_p95_ms": round(pct(self.during_ms, 0.95)),
            "during_max_ms": round(max(self.during_ms, default=0.0)),
            "errors": self.errors,
        }


def upload_files(corpus: Path, n: int, target: Path, tag: str = "") -> list[Path]:
    """``n`` mid-sized corpus texts with a line added, so they are new documents to the library
    (``tag`` makes each run's copies new content again: the load bench uploads several times)."""
    picked = sorted(p for p in corpus.rglob("*.md") if 6_000 < p.stat().st_size < 15_000)[:n]
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for i, p in enumerate(picked):
        label = f"{tag}-{i}" if tag else str(i)
        dest = target / f"bench-upload-{label}.md"
        dest.write_text(p.read_text(encoding="utf-8") + f"\n（基准测试副本 {label}）\n", encoding="utf-8")
        out.append(dest)
    return out


def run_upload_load(source: Path, n_files: int, questions: Path, corpus: Path, limit: int) -> UploadLoad:
    """A real API server over a copy of ``source``; one chat client asks the first ``limit``
    questions, then keeps asking while ``n_files`` are uploaded through ``POST /api/documents``.
    Bounded and loopback only."""
    import socket
    import threading

    import httpx
    import uvicorn

    from assistant.api import create_api
    from assistant.core import Assistant

    load = UploadLoad(files=n_files)
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(source, data)
        files = upload_files(corpus, n_files, Path(tmp))
        a = Assistant(_settings(data, corpus))
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        app = create_api(a, token="bench-token", admins={}, rate_per_minute=0)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        a.warm()
        base = f"http://127.0.0.1:{port}/api"
        lines = questions.read_text(encoding="utf-8").splitlines()
        qs = [c["question"] for c in map(json.loads, filter(None, lines)) if not c.get("history")][:limit]

        def ask(client: httpx.Client, q: str) -> float:
            t = time.perf_counter()
            r = client.post(f"{base}/ask", json={"question": q}, timeout=600)
            load.errors += r.status_code != 200
            return (time.perf_counter() - t) * 1000

        def upload() -> None:
            t = time.perf_counter()
            with httpx.Client() as c:
                handles = [("files", (p.name, p.read_bytes(), "text/markdown")) for p in files]
                r = c.post(
                    f"{base}/documents",
                    files=handles,
                    headers={"Authorization": "Bearer bench-token"},
                    timeout=3600,
                )
                load.errors += r.status_code != 200
            load.upload_s = time.perf_counter() - t

        try:
            with httpx.Client() as c:
                load.idle_ms = [ask(c, q) for q in qs]
                uploader = threading.Thread(target=upload)
                uploader.start()
                i = 0
                while uploader.is_alive():
                    load.during_ms.append(ask(c, qs[i % len(qs)]))
                    i += 1
                uploader.join()
        finally:
            server.should_exit = True
            thread.join(timeout=30)
    return load


def bm25s_rebuild_s(library: Path) -> tuple[int, float]:
    """(chunks, seconds) to rebuild a bm25s index from the token ids the SQLite store keeps: what
    every write would cost with the other candidate (bm25s with persisted token ids), whose
    precomputed scores depend on corpus-wide statistics. Needs ``pip install bm25s``."""
    import sqlite3

    import bm25s  # type: ignore[import-not-found,unused-ignore]

    conn = sqlite3.connect(library / "library.sqlite3")
    docs = [[int(x) for x in t.split()] or [0] for (t,) in conn.execute("SELECT tokens FROM keywords")]
    vocab = {str(i): i for i in range(max(max(d) for d in docs) + 1)}
    t = time.perf_counter()
    bm25s.BM25().index(bm25s.tokenization.Tokenized(ids=docs, vocab=vocab), show_progress=False)
    return len(docs), time.perf_counter() - t


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("library", type=Path, help="a built data directory (copied, never changed)")
    p.add_argument("--label", default="current")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--questions", type=Path, default=Path("eval/questions.jsonl"))
    p.add_argument("--corpus", type=Path, default=Path("corpus"))
    p.add_argument("--out", type=Path, help="write the result as JSON here too")
    p.add_argument("--bm25s", action="store_true", help="only time a bm25s rebuild from stored token ids")
    p.add_argument("--upload-load", type=int, metavar="N", help="only: chat latency while N files upload")
    args = p.parse_args()
    if args.upload_load:
        load = run_upload_load(args.library, args.upload_load, args.questions, args.corpus, limit=30)
        text = json.dumps(load.summary(), ensure_ascii=False)
        print(text)
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        return
    if args.bm25s:
        n, seconds = bm25s_rebuild_s(args.library)
        print(json.dumps({"chunks": n, "bm25s_rebuild_s": seconds}))
        return
    result = run(args.library, args.label, args.repeats, args.questions, args.corpus)
    text = json.dumps(asdict(result), ensure_ascii=False, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
