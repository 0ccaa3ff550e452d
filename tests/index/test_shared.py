"""Two app processes over one library see each other's commits; the Chroma client follows the
settings. Fast: two :class:`Assistant` objects in one process stand in for two processes (each has
its own caches and database connections), sharing one embedded Chroma client. The same over a real
``chroma run`` server, in separate processes, is in ``test_server.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import CHROMA_URL_ENV, Settings
from assistant.core import Assistant
from assistant.errors import RuntimeFailure
from assistant.index.chroma import http_client
from tests.conftest import SEEDS, two_seed_corpus
from tests.llm_server import free_port


def test_a_second_library_object_sees_the_first_ones_commits(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=two_seed_corpus(tmp_path))
    first = Assistant(settings, embedder="hash")
    first.ingest()
    second = Assistant(settings, embedder="hash", chroma_client=first.index.client)
    seeds = {d.meta.doc_id for d in second.documents()}
    assert len(seeds) == 2 and set(second.statuses()) == seeds  # caches warm

    extra = tmp_path / "extra" / "moved.txt"
    extra.parent.mkdir()
    extra.write_text(
        (SEEDS / "anhui-2024-work-points.txt").read_text(encoding="utf-8") + "\n附：新增一行。\n"
    )
    (new_id,) = first.ingest([extra]).added

    assert {d.meta.doc_id for d in second.documents()} == seeds | {new_id}
    assert new_id in second.statuses() and new_id in set(
        second.index.doc_ids_of(second.index.chunk_ids()).values()
    )
    second.remove([new_id])
    assert {d.meta.doc_id for d in first.documents()} == seeds
    assert new_id not in set(first.index.doc_ids_of(first.index.chunk_ids()).values())
    assert first.health().ok


def test_settings_read_the_server_url(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env().chroma_url is None
    monkeypatch.setenv(CHROMA_URL_ENV, "http://127.0.0.1:8000")
    assert Settings.from_env().chroma_url == "http://127.0.0.1:8000"


@pytest.mark.parametrize("url", ["127.0.0.1:8000", "ftp://host:21", "http://host:8000/chroma"])
def test_a_malformed_server_url_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="Chroma"):
        http_client(url)


def test_an_unreachable_server_is_reported_in_chinese() -> None:
    with pytest.raises(RuntimeFailure, match="无法连接向量库服务"):
        http_client(f"http://127.0.0.1:{free_port()}")
