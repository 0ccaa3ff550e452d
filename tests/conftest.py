"""Test setup: offline by default, and every test gets its own data directory.

The network guard makes any connection to a non-loopback address fail loudly, so a test that
would download a model or phone home cannot pass by accident (haystack's request_blocker idea).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.config import is_loopback

os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SEEDS = CORPUS / "seed"

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address: object) -> bool:
    if isinstance(address, str | bytes):  # AF_UNIX path
        return True
    if isinstance(address, tuple) and address:
        return is_loopback(str(address[0]))
    return False


class NetworkBlockedError(RuntimeError):
    pass


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_local(address):
        raise NetworkBlockedError(f"test tried to reach the network: {address!r}")
    _real_connect(self, address)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_local(address):
        raise NetworkBlockedError(f"test tried to reach the network: {address!r}")
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the one data-dir variable at a fresh temporary directory."""
    d = tmp_path / "data"
    monkeypatch.setenv("POLICY_ASSISTANT_DATA_DIR", str(d))
    yield d


def _corpus_key() -> str:
    """Changes whenever the corpus or anything that shapes the index changes."""
    import hashlib

    import assistant

    h = hashlib.sha256()
    for p in sorted(CORPUS.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(CORPUS).as_posix().encode())
            h.update(p.read_bytes())
    pkg = Path(assistant.__file__).parent
    shaping = [
        "ingest",
        "index",
        "embeddings",
        "sections.py",
        "numbering.py",
        "chunking.py",
        "tokens.py",
        "schema.py",
        "regions.py",
        "data",
    ]
    for name in shaping:
        for p in sorted((pkg / name).rglob("*")) if (pkg / name).is_dir() else [pkg / name]:
            if p.is_file() and p.suffix in (".py", ".yaml", ".json"):
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


@pytest.fixture(scope="session")
def corpus_assistant() -> object:
    """An Assistant over the whole bundled corpus with the real default embedder.

    Building the index takes minutes on two cores, so it is cached under .cache/ keyed by the
    corpus and the code; a warm machine reuses it, a fresh clone builds it once per run.
    """
    import shutil

    from assistant.config import Settings
    from assistant.core import Assistant

    root = REPO / ".cache" / "test-index"
    target = root / _corpus_key()
    if not (target / "complete").exists():
        # Build under a private name and rename into place, so that concurrent test runs
        # never share a half-built index; the first to finish wins, stale keys are dropped.
        building = root / f"building-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        a = Assistant(Settings(data_dir=building, corpus_dir=CORPUS))
        report = a.ingest()
        assert not report.errors, report.errors
        del a
        (building / "complete").write_text("ok", encoding="utf-8")
        try:
            building.rename(target)
        except OSError:
            shutil.rmtree(building, ignore_errors=True)  # another run finished first
        for old in root.iterdir():
            if old != target and not old.name.startswith("building-"):
                shutil.rmtree(old, ignore_errors=True)
    return Assistant(Settings(data_dir=target, corpus_dir=CORPUS))


def assert_citations_resolve(assistant: Any, answer: Any) -> None:
    """Every [n] in the answer has a citation whose quote is a slice of the stored display text."""
    import re

    markers = {int(m) for m in re.findall(r"\[(\d+)\]", answer.text)}
    assert markers == {c.marker for c in answer.citations}
    for c in answer.citations:
        assert assistant.document(c.doc_id).text.display[c.quote_start : c.quote_end] == c.quote


def library_of(root: Path, files: dict[str, str]) -> Any:
    """An assistant (hashing embedder) over a corpus of the given files, name → text, ingested."""
    from assistant.config import Settings
    from assistant.core import Assistant

    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    a = Assistant(Settings(data_dir=root / "data", corpus_dir=corpus), embedder="hash")
    assert len(a.ingest().added) == len(files)
    return a


def library_of_texts(root: Path, *texts: str) -> Any:
    """:func:`library_of` over texts, each filed under the title on its first line."""
    return library_of(root, {f"{text.split(chr(10), 1)[0].lstrip('# ').strip()}.md": text for text in texts})


def two_seed_corpus(tmp_path: Path) -> Path:
    """A corpus folder with two seed work plans (安徽, 济源): small enough to ingest per test."""
    import shutil

    d = tmp_path / "corpus"
    d.mkdir()
    for name in ("henan-jiyuan-2024-work-points.txt", "anhui-2024-work-points.txt"):
        shutil.copy(SEEDS / name, d / name)
    return d


@pytest.fixture
def small_library(tmp_path: Path) -> Any:
    """An assistant over two seed documents with the hashing embedder: uploads can change it."""
    from assistant.config import Settings
    from assistant.core import Assistant

    corpus = two_seed_corpus(tmp_path)
    a = Assistant(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), embedder="hash")
    a.ingest()
    return a


def assert_answers(lib: Any, question: str, said: list[str], unsaid: list[str]) -> None:
    """``lib`` answers ``question`` (no abstention) with every string of ``said`` and none of
    ``unsaid``: the check of the answer-reading tables (tests/test_provision_reads.py, …)."""
    answer = lib.respond(question).answer
    assert not answer.abstained, answer.text
    for s in said:
        assert s in answer.text, answer.text
    for s in unsaid:
        assert s not in answer.text, answer.text
