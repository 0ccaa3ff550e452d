"""Index bookkeeping on real documents and a real embedded Chroma: idempotent re-ingest,
replacement, removal, all-or-nothing writes and the embedder guard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from assistant.core import Assistant
from assistant.errors import IndexMismatchError, UnknownDocumentError
from assistant.index.index import Index
from tests.conftest import two_seed_corpus


def _settings(tmp_path: Path, corpus: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=corpus)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return two_seed_corpus(tmp_path)


def _state(a: Assistant) -> tuple[set[str], set[str], list[str], dict[str, str]]:
    docs = {d.meta.doc_id: d.content_hash for d in a.documents()}
    store_ids = {c.chunk_id for d in a.documents() for c in d.chunks}
    return a.index.dense.ids(), store_ids, sorted(a.index.bm25.ids), docs


def test_ingest_is_idempotent_and_consistent(tmp_path: Path, corpus: Path) -> None:
    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    r1 = a.ingest()
    assert len(r1.added) == 2 and not r1.errors
    dense, store, bm25, _ = _state(a)
    assert dense == store == set(bm25) and len(store) == r1.chunks > 10

    r2 = a.ingest()
    assert r2.added == [] and r2.replaced == [] and sorted(r2.unchanged) == sorted(r1.added)
    assert _state(a) == (dense, store, bm25, _state(a)[3])


def test_vectors_carry_no_second_copy_of_the_texts_and_are_still_found(tmp_path: Path, corpus: Path) -> None:
    """The document store holds the chunk texts; Chroma gets ids, vectors, filter fields and an
    empty document (langchain-chroma drops a hit without one)."""
    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    got = a.index.dense.collection.get(include=["documents", "metadatas"])
    assert got["ids"] and all(d == "" for d in got["documents"])
    assert all(m["doc_id"] and m["doc_province"] for m in got["metadatas"])
    dense = a.retrieve("受污染耕地安全利用率", retriever="dense")
    assert dense and all(p.chunk.text for p in dense)


def test_changed_file_replaces_its_chunks(tmp_path: Path, corpus: Path) -> None:
    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    target = corpus / "anhui-2024-work-points.txt"
    doc_id = next(d.meta.doc_id for d in a.documents() if "安徽" in d.meta.title)
    before = {c.chunk_id for c in a.document(doc_id).chunks}
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace("做好离退休干部工作。", "做好离退休干部工作。本要点自印发之日起施行。"), encoding="utf-8"
    )

    r = a.ingest()
    assert r.replaced == [doc_id]
    after = {c.chunk_id for c in a.document(doc_id).chunks}
    assert not (before & after), "old chunks of a changed file must all be gone"
    dense, store, bm25, _ = _state(a)
    assert dense == store == set(bm25)
    assert before.isdisjoint(dense)
    assert any("本要点自印发之日起施行" in c.text for c in a.document(doc_id).chunks)


def test_remove(tmp_path: Path, corpus: Path) -> None:
    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    doc_id = a.documents()[0].meta.doc_id
    gone = {c.chunk_id for c in a.document(doc_id).chunks}
    a.remove([doc_id])
    dense, _store, bm25, docs = _state(a)
    assert doc_id not in docs and gone.isdisjoint(dense | set(bm25))
    with pytest.raises(UnknownDocumentError):
        a.remove(["no-such-doc"])
    assert _state(a)[3] == docs


def test_failed_write_leaves_index_as_it_was(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    before = _state(a)
    target = corpus / "henan-jiyuan-2024-work-points.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("95%", "97%"), encoding="utf-8")

    def broken_add(tx: object, chunks: object, words: object = None) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("assistant.index.bm25.BM25Index.add", broken_add)
    with pytest.raises(OSError):
        a.ingest()
    monkeypatch.undo()
    fresh = Assistant(_settings(tmp_path, corpus), embedder="hash")
    assert _state(fresh) == before


def test_failed_embedding_changes_nothing(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    before = _state(a)
    (corpus / "new.md").write_text("# 新文件\n\n第一条 为了测试，制定本条例。\n", encoding="utf-8")

    def broken(texts: list[str]) -> None:
        raise RuntimeError("model crashed")

    monkeypatch.setattr(a.index.embedder, "embed_documents", broken)
    with pytest.raises(RuntimeError):
        a.ingest()
    assert _state(a) == before


def test_bad_file_is_reported_and_skipped(tmp_path: Path, corpus: Path) -> None:
    (corpus / "broken.pdf").write_bytes(b"this is not a pdf")
    (corpus / "empty.txt").write_bytes(b"")
    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    r = a.ingest()
    assert len(r.added) == 2
    assert set(map(lambda p: Path(p).name, r.errors)) == {"broken.pdf", "empty.txt"}
    assert all(msg for msg in r.errors.values())


def test_embedder_mismatch_is_refused(tmp_path: Path, corpus: Path) -> None:
    s = _settings(tmp_path, corpus)
    Assistant(s, embedder="hash").ingest()
    with pytest.raises(IndexMismatchError, match="hashing-bigram-256"):
        Index(s, embedder="use-multilingual")


def test_bm25_first_then_dense_in_the_background(tmp_path: Path, corpus: Path) -> None:
    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    calls: list[int] = []
    real = a.index.embedder.embed_documents

    def spy(texts: list[str]):  # type: ignore[no-untyped-def]
        calls.append(len(texts))
        return real(texts)

    a.index.embedder.embed_documents = spy  # type: ignore[method-assign]
    r = a.ingest(dense=False)
    assert r.chunks > 10 and calls == []
    done, total = a.dense_status()
    assert done == 0 and total == r.chunks
    assert a.index.bm25.search("受污染耕地安全利用率", 5)  # answerable from BM25 at once
    seen: list[tuple[int, int]] = []
    assert a.complete_dense(lambda d, t: seen.append((d, t))) == total
    assert sum(calls) == total
    assert a.dense_status() == (total, total) and seen[-1] == (total, total)
    dense, store, bm25, _ = _state(a)
    assert dense == store == set(bm25)
    assert a.complete_dense() == 0  # nothing left to do


def test_same_content_under_another_name_is_not_imported_twice(tmp_path: Path, corpus: Path) -> None:
    import shutil

    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    before = _state(a)
    elsewhere = tmp_path / "uploads"
    elsewhere.mkdir()
    copies = [elsewhere / f"副本{i}.txt" for i in range(3)]
    for c in copies:
        shutil.copy(corpus / "anhui-2024-work-points.txt", c)
    r = a.ingest(copies)
    assert r.added == [] and not r.errors
    assert set(r.duplicates) == {str(c) for c in copies}
    assert "已存在：《2024年安徽省生态环境工作要点》" in r.duplicates[str(copies[0])]
    assert _state(a) == before

    fresh = Assistant(_settings(tmp_path / "other", corpus), embedder="hash")
    r = fresh.ingest([corpus / "anhui-2024-work-points.txt", *copies[:2]])
    assert len(r.added) == 1 and len(r.duplicates) == 2  # twins within one batch: the first wins
    assert "内容相同" in next(iter(r.duplicates.values()))


def test_failed_vector_write_rolls_the_store_back(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    before = _state(a)
    (corpus / "new.md").write_text("# 新文件\n\n第一条 为了测试，制定本条例。\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("chroma down")

    monkeypatch.setattr(a.index.dense, "add", broken)
    with pytest.raises(RuntimeError):
        a.ingest()
    monkeypatch.undo()
    assert _state(a) == before
    assert _state(Assistant(_settings(tmp_path, corpus), embedder="hash")) == before


def test_check_reports_orphans_and_repair_fixes_them(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import numpy as np

    from assistant import cli

    monkeypatch.setenv("POLICY_ASSISTANT_EMBEDDER", "hash")
    monkeypatch.setenv("POLICY_ASSISTANT_CORPUS_DIR", str(corpus))
    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    pending = sorted(a.index.dense.ids())[:3]
    a.index.dense.delete(pending)
    vector = np.ones((1, a.index.embedder.dimension), dtype=np.float32)
    a.index.dense.add(["orphan"], vector, [{"doc_id": "gone"}])

    health = Assistant(_settings(tmp_path, corpus), embedder="hash", reconcile=False).health()
    assert not health.ok and health.vectors_orphan == 1 and health.vectors_pending == 3
    assert cli.main(["check"]) == 1
    assert "不一致" in capsys.readouterr().out
    assert cli.main(["check", "--repair"]) == 0
    assert "删除多余向量 1 个，补全向量 3 个" in capsys.readouterr().out
    dense, store, bm25, _ = _state(Assistant(_settings(tmp_path, corpus), embedder="hash"))
    assert dense == store == set(bm25)


def test_orphan_vectors_are_deleted_on_open(tmp_path: Path, corpus: Path) -> None:
    import numpy as np

    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    vector = np.ones((1, a.index.embedder.dimension), dtype=np.float32)
    a.index.dense.add(["orphan"], vector, [{"doc_id": "gone"}])
    b = Assistant(_settings(tmp_path, corpus), embedder="hash")
    assert "orphan" not in b.index.dense.ids() and b.health().ok


def test_old_json_library_is_imported_on_open(tmp_path: Path, corpus: Path) -> None:
    import json

    s = _settings(tmp_path, corpus)
    a = Assistant(s, embedder="hash")
    a.ingest()
    before = _state(a)
    hits = a.index.bm25.search("受污染耕地安全利用率", 5)
    docs = a.documents()
    a.index.db.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(s.store_path) + suffix).unlink(missing_ok=True)
    (s.data_dir / "docs").mkdir()
    for d in docs:
        path = s.data_dir / "docs" / f"{d.meta.doc_id}.json"
        path.write_text(json.dumps(d.to_json(), ensure_ascii=False), encoding="utf-8")
    s.bm25_dir.mkdir()

    b = Assistant(s, embedder="hash")
    assert b.index.migrated == len(docs)
    assert _state(b) == before and b.index.bm25.search("受污染耕地安全利用率", 5) == hits
    assert not (s.data_dir / "docs").exists() and not s.bm25_dir.exists()
    assert b.health().ok and Assistant(s, embedder="hash").index.migrated == 0


def test_only_the_commit_holds_the_lock(tmp_path: Path, corpus: Path) -> None:
    """Parsing, embedding and the Chroma writes run outside ``commit_lock``; once no other writer
    can run, what another writer committed meanwhile is checked again (the same file imported
    twice is written once)."""
    from collections.abc import Iterator
    from contextlib import contextmanager

    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    upload = tmp_path / "upload.md"
    upload.write_text("# 某办法\n\n第一条 为了测试并发导入，制定本办法。\n", encoding="utf-8")
    held = {"now": False, "embedded_under_lock": False, "raced": False}
    real = a.index.embedder.embed_documents

    def spy(texts: list[str]):  # type: ignore[no-untyped-def]
        held["embedded_under_lock"] |= held["now"]
        if not held["raced"]:  # another upload of the same file commits while this one embeds
            held["raced"] = True
            assert len(a.ingest([upload]).added) == 1
        return real(texts)

    a.index.embedder.embed_documents = spy  # type: ignore[method-assign]

    @contextmanager
    def lock() -> Iterator[None]:
        held["now"] = True
        yield
        held["now"] = False

    report = a.ingest([upload], commit_lock=lock)
    assert held["raced"] and not held["embedded_under_lock"]
    uploaded = [d.meta.doc_id for d in a.documents() if Path(d.meta.source_path).name == upload.name]
    assert report.added == [] and report.unchanged == uploaded
    dense, store, bm25, docs = _state(a)
    assert dense == store == set(bm25) and len(docs) == 3


def test_questions_are_answered_while_an_upload_writes_its_vectors(tmp_path: Path, corpus: Path) -> None:
    """The web app's write lock (which keeps questions out) is taken only for the SQL rows and
    the commit: when it is requested the new vectors are already in Chroma, and a question asked
    then is answered from the library as it was (a vector without a committed chunk is not
    cited). Removal takes the lock the same way."""
    from collections.abc import Iterator
    from contextlib import contextmanager

    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    before = {d.meta.doc_id for d in a.documents()}
    upload = tmp_path / "upload.md"
    upload.write_text("# 某市秸秆禁烧办法\n\n第一条 禁止露天焚烧秸秆。\n", encoding="utf-8")
    seen: dict[str, object] = {}

    @contextmanager
    def lock() -> Iterator[None]:
        new = a.index.dense.ids() - a.index.chunk_ids()
        answer = a.ask("禁止露天焚烧秸秆")  # in the serving process: the commit is pending
        seen.update(
            vectors_first=bool(new),
            docs={d.meta.doc_id for d in a.documents()},
            cited={c.doc_id for c in answer.citations},
        )
        yield

    report = a.ingest([upload], commit_lock=lock)
    assert seen["vectors_first"] and seen["docs"] == before
    assert isinstance(seen["cited"], set) and seen["cited"] <= before
    (new_id,) = report.added
    dense, store, bm25, _docs = _state(a)
    assert dense == store == set(bm25)
    assert new_id in {c.doc_id for c in a.ask("禁止露天焚烧秸秆").citations}

    seen.clear()
    a.remove([new_id], commit_lock=lock)
    assert seen["docs"] == before | {new_id}  # asked before the removal's commit
    dense, store, bm25, docs = _state(a)
    assert dense == store == set(bm25) and set(docs) == before


def test_a_write_segments_only_its_own_chunks(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding or removing a document costs that document: the rest of the library is not
    re-tokenised (the old BM25 rebuild segmented every chunk on every write)."""
    import assistant.index.bm25 as bm25

    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    calls: list[str] = []
    real = bm25.tokenize

    def counting(text: str) -> list[str]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(bm25, "tokenize", counting)
    (corpus / "new.md").write_text("# 新文件\n\n第一条 为了测试，制定本条例。\n", encoding="utf-8")
    report = a.ingest()
    assert len(calls) == report.chunks < 5
    calls.clear()
    a.remove(report.added)
    assert calls == []
    assert all(c in a.index.chunk_ids() for c, _ in a.index.bm25.search("制定本条例", 20))


def test_documents_hold_metadata_and_read_chunks_on_demand(tmp_path: Path, corpus: Path) -> None:
    """Serving memory does not grow with the library: texts and chunks come from the store."""
    a = Assistant(_settings(tmp_path, corpus), embedder="hash")
    a.ingest()
    b = Assistant(_settings(tmp_path, corpus), embedder="hash")  # a fresh process's view
    store = b.index.docstore
    store._recent_size = 1
    first, second = b.documents()
    assert first._text is None and first._chunks is None  # metadata only
    chunks = first.chunks
    assert chunks and all(c.meta is first.meta for c in chunks)
    assert second.text.display and len(store._recent) == 1  # the first one was let go
    assert first.chunks == chunks  # read again, the same
    ids = {c.chunk_id for d in (first, second) for c in d.chunks}
    assert b.index.chunk_ids() == ids == set(b.index.bm25.ids)
    wanted = sorted(ids)[:3]
    assert sorted(b.index.get_chunks([*wanted, "missing"])) == wanted
    assert b.index.scope_chunk_ids([first.meta.doc_id]) == {c.chunk_id for c in chunks}
    # another process sees a removal (the library's generation moved), and a document written
    # after opening is held the same way, as metadata
    assert b.remove([second.meta.doc_id]).removed == [second.meta.doc_id]
    assert second.meta.doc_id not in {d.meta.doc_id for d in a.documents()}
    assert b.ingest().added
    assert b.index.document(second.meta.doc_id)._chunks is None


def test_an_upload_embedded_in_a_worker_process_is_indexed_the_same(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsed, embedded and segmented in the worker process (the serving process does not parse:
    its ``prepare`` is broken here), the upload is stored exactly as in-process; a bad file is
    reported the same way from the worker."""
    from assistant import core
    from assistant.ingest import worker

    here = Assistant(Settings(data_dir=tmp_path / "here", corpus_dir=corpus), embedder="hash")
    there = Assistant(Settings(data_dir=tmp_path / "there", corpus_dir=corpus), embedder="hash")
    assert len(here.ingest().added) == 2
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")

    def not_here(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed in the serving process")

    monkeypatch.setattr(core, "prepare", not_here)
    try:
        report = there.ingest([corpus, bad], in_worker=True)
    finally:
        worker.shutdown()
    monkeypatch.undo()
    assert len(report.added) == 2 and list(report.errors) == [str(bad)]
    assert _state(there)[1:] == _state(here)[1:]
    ids = sorted(here.index.dense.ids())
    assert ids == sorted(there.index.dense.ids())
    a, b = here.index.dense.get_vectors(ids), there.index.dense.get_vectors(ids)
    assert all((a[i] == b[i]).all() for i in ids)
    assert there.index.bm25.search("受污染耕地安全利用率", 10) == here.index.bm25.search(
        "受污染耕地安全利用率", 10
    )


def test_the_upload_worker_runs_one_thread_below_the_server() -> None:
    """The worker yields the CPU to the serving process's questions: a lower priority, and the
    thread pools of the numeric libraries capped to one thread."""
    import os

    from assistant.ingest import worker

    try:
        niceness = worker._worker().submit(os.nice, 0).result()
        env = worker._worker().submit(os.getenv, "OMP_NUM_THREADS").result()
    finally:
        worker.shutdown()
    assert niceness == min(19, os.nice(0) + worker.WORKER_NICE) and env == "1"


def test_a_paced_vector_write_pauses_between_its_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """The embedded Chroma holds the GIL for a whole call: a write beside questions pauses after
    each call but the last, as long as ``pace`` times the call took, so the questions run."""
    import chromadb
    import numpy as np

    import assistant.index.chroma as chroma

    pauses: list[float] = []
    monkeypatch.setattr(chroma, "sleep", pauses.append)
    store = chroma.ChromaIndex(chromadb.EphemeralClient(), "paced_test", "hash", 8)
    vectors = np.eye(8, dtype=np.float32)[:5]
    meta = [{"doc_id": "d"}] * 5
    store.add([f"c{i}" for i in range(5)], vectors, meta, batch=2)
    assert pauses == [] and store.count() == 5
    store.add([f"p{i}" for i in range(5)], vectors, meta, batch=2, pace=1.0)
    assert len(pauses) == 2 and all(p > 0 for p in pauses) and store.count() == 10


def test_the_vector_store_keeps_its_pending_log_short(tmp_path: Path) -> None:
    """Every embedded Chroma write costs time in proportion to the updates not yet written into its
    HNSW files: a store, also one created before the setting existed, is opened with the short
    log, and the setting survives a reopen."""

    import assistant.index.chroma as chroma

    client = chroma.persistent_client(tmp_path / "v")
    client.get_or_create_collection("old_store", embedding_function=None, metadata={"hnsw:space": "cosine"})
    assert (
        client.get_collection("old_store").configuration_json["hnsw"]["sync_threshold"]
        != chroma.SYNC_THRESHOLD
    )
    chroma.ChromaIndex(client, "old_store", "hash", 8)
    chroma.ChromaIndex(client, "new_store", "hash", 8)
    again = chroma.persistent_client(tmp_path / "v")
    for name in ("old_store", "new_store"):
        assert (
            again.get_collection(name).configuration_json["hnsw"]["sync_threshold"] == chroma.SYNC_THRESHOLD
        )


def test_a_vector_write_makes_calls_of_even_size() -> None:
    """A call costs a fixed part: 270 vectors at 256 a call are two calls of 135, not 256 and a
    14-vector call that pays the fixed part for almost nothing."""
    import chromadb
    import numpy as np

    import assistant.index.chroma as chroma

    store = chroma.ChromaIndex(chromadb.EphemeralClient(), "even_test", "hash", 8)
    sizes: list[int] = []

    class Recording:
        def __init__(self, collection: Any) -> None:
            self.collection = collection

        def upsert(self, **kw: Any) -> None:
            sizes.append(len(kw["ids"]))
            self.collection.upsert(**kw)

    store.collection = Recording(store.collection)
    vectors = np.random.default_rng(0).standard_normal((270, 8)).astype(np.float32)
    store.add([f"c{i}" for i in range(270)], vectors, [{"doc_id": "d"}] * 270, batch=256)
    assert sizes == [135, 135]
    sizes.clear()
    store.add([f"e{i}" for i in range(5)], vectors[:5], [{"doc_id": "d"}] * 5, batch=256)
    assert sizes == [5]


def test_the_upload_worker_ends_when_its_server_is_killed(tmp_path: Path) -> None:
    """A server stopped by a signal never shuts its pool down: the worker notices its parent is
    gone and exits, instead of staying behind with its model loaded."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import os, sys, time\n"
        "from assistant.ingest import worker\n"
        "print(worker._worker().submit(os.getpid).result(), flush=True)\n"
        "time.sleep(600)\n"
    )
    server = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        pid = int(server.stdout.readline())
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)

    def alive() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        # (an exited child of init is reaped at once; a zombie would still answer)
        return not Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].startswith("Z")

    deadline = time.monotonic() + 30  # waits on the state, polled; the worker polls each second
    while alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive()
