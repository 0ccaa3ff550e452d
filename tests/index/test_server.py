"""The library with its vectors on a real Chroma server (``chroma run``), as several app processes
use it: ``POLICY_ASSISTANT_CHROMA_URL`` set, one SQLite store, one server.

Waits are on state (heartbeat, a reply line), with generous limits: the machine may be loaded.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
import pytest
from chromadb.config import Settings as ChromaSettings

from assistant import cli
from assistant.config import Settings
from assistant.core import Assistant
from assistant.index.chroma_server import ChromaServer, chroma_server
from tests.conftest import REPO, two_seed_corpus

pytestmark = pytest.mark.server

REPLY_TIMEOUT_S = 300.0

NEW_DOC = """青山市低空飞行器登记管理办法

第一条 为加强低空飞行器管理，保障飞行安全，制定本办法。
第二条 在本市行政区域内使用低空飞行器的单位和个人，应当在首次飞行前向市交通运输局办理低空飞行器登记。
第三条 本办法自2025年1月1日起施行。
"""
NEW_QUESTION = "低空飞行器应当向哪个部门办理登记？"
NEW_NAME = "qingshan-low-altitude-registration"
SEED_QUESTION = "安徽今年细颗粒物平均浓度要控制在多少？"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ChromaServer]:
    with chroma_server(tmp_path / "vectors") as s:
        yield s


@pytest.fixture
def env(tmp_path: Path, server: ChromaServer, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment every app process of a test shares: one store, one server, hash vectors."""
    values = {
        "POLICY_ASSISTANT_DATA_DIR": str(tmp_path / "data"),
        "POLICY_ASSISTANT_CORPUS_DIR": str(two_seed_corpus(tmp_path)),
        "POLICY_ASSISTANT_EMBEDDER": "hash",
        "POLICY_ASSISTANT_CHROMA_URL": server.url,
    }
    for k, v in values.items():
        monkeypatch.setenv(k, v)
    return values


def _server_ids(server: ChromaServer, collection: str = "policy_chunks") -> set[str]:
    """The ids the server itself holds (a client of our own, not the app's)."""
    client = chromadb.HttpClient(
        host="127.0.0.1", port=server.port, settings=ChromaSettings(anonymized_telemetry=False)
    )
    return set(client.get_collection(collection).get(include=[])["ids"])


def test_ingest_answer_restart_answer(env: dict[str, str], server: ChromaServer) -> None:
    a = Assistant(Settings.from_env())
    report = a.ingest()
    assert len(report.added) == 2 and not report.errors
    chunk_ids = a.index.chunk_ids()
    assert _server_ids(server) == chunk_ids  # the vectors are on the server ...
    assert not a.settings.chroma_dir.exists()  # ... and not in an embedded store

    before = a.respond(SEED_QUESTION).answer
    assert before.citations and not before.abstained
    dense_before = [p.chunk.chunk_id for p in a.retrieve(SEED_QUESTION, retriever="dense")]
    assert dense_before

    server.stop()  # while it is down, questions are answered from the keyword index
    down = a.respond(SEED_QUESTION).answer
    assert down.citations and not down.abstained
    server.start()
    after = a.respond(SEED_QUESTION).answer  # the same client reconnects
    assert after.text == before.text
    assert [p.chunk.chunk_id for p in a.retrieve(SEED_QUESTION, retriever="dense")] == dense_before
    assert a.health().ok and a.health().vectors_pending == 0


class Probe:
    """An app process (``tests/index/server_probe.py``) driven over its stdin and stdout."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.index.server_probe"],
            cwd=REPO,
            env={**os.environ, **env},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            encoding="utf-8",
        )
        self._replies: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self._next() == {"ready": True}

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("@@"):
                self._replies.put(json.loads(line[2:]))
        self._replies.put(None)  # the process ended

    def _next(self) -> dict[str, Any]:
        reply = self._replies.get(timeout=REPLY_TIMEOUT_S)
        assert reply is not None, f"probe exited ({self.process.poll()}); see {self._log.name}"
        assert "error" not in reply, reply["error"]
        return reply

    def __call__(self, op: str, **args: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"op": op, **args}, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        return self._next()

    def close(self) -> None:
        with contextlib.suppress(OSError):  # quit has no reply; the process may be gone already
            assert self.process.stdin is not None
            self.process.stdin.write('{"op": "quit"}\n')
            self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        self._log.close()


def test_two_processes_share_one_server_and_store(
    env: dict[str, str], server: ChromaServer, tmp_path: Path
) -> None:
    Assistant(Settings.from_env()).ingest()  # the library both processes open
    new_file = tmp_path / "uploads" / f"{NEW_NAME}.txt"
    new_file.parent.mkdir()
    new_file.write_text(NEW_DOC, encoding="utf-8")

    first = Probe(env, tmp_path / "first.log")
    second = Probe(env, tmp_path / "second.log")
    try:
        seeds = first("docs")["docs"]
        assert len(seeds) == 2 and second("docs")["docs"] == seeds
        # the second process has looked for it before: its caches are warm and without it
        assert not any(d.startswith(NEW_NAME) for d in second("keyword", q=NEW_QUESTION)["docs"])

        added = first("ingest", paths=[str(new_file)])
        assert len(added["added"]) == 1 and not added["errors"]
        new_id = added["added"][0]

        assert sorted(second("docs")["docs"]) == sorted([*seeds, new_id])
        assert second("keyword", q=NEW_QUESTION)["docs"][0] == new_id
        assert new_id in second("dense", q=NEW_QUESTION)["docs"]
        assert new_id in second("ask", q=NEW_QUESTION)["cited"]

        # and back: the second removes it, the first no longer finds it anywhere
        assert second("remove", ids=[new_id])["removed"] == [new_id]
        assert first("docs")["docs"] == seeds
        assert new_id not in first("keyword", q=NEW_QUESTION)["docs"]
        assert new_id not in first("dense", q=NEW_QUESTION)["docs"]
        assert new_id not in first("ask", q=NEW_QUESTION)["cited"]
    finally:
        first.close()
        second.close()

    assert _check() == 0
    assert _server_ids(server) == Assistant(Settings.from_env()).index.chunk_ids()


def _check(*args: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()):
        return cli.main(["check", *args])


def test_check_and_repair_against_the_server(env: dict[str, str], server: ChromaServer) -> None:
    a = Assistant(Settings.from_env())
    a.ingest()
    assert _check() == 0
    kept = sorted(a.index.chunk_ids())[0]
    a.index.dense.delete([kept])  # a chunk left without its vector: pending, not an error
    a.index.dense.add(["orphan-chunk"], np.ones((1, 256), dtype=np.float32) / 16.0, [{"doc_id": "gone"}])

    health = Assistant(Settings.from_env(), reconcile=False).health()
    assert (health.vectors_orphan, health.vectors_pending) == (1, 1)
    assert _check() == 1
    assert _check("--repair") == 0
    assert _server_ids(server) == a.index.chunk_ids()
