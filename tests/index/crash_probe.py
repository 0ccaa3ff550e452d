"""Run in a fresh process by ``test_crash.py``: open a library as a start does and report on it.

A fresh process each time, because Chroma caches an open library per path inside a process and
would not see what the killed process left on disk.

``python -m tests.index.crash_probe state``: answer a question, run ``check``, print the
documents and the results as JSON; ``drop-vectors``: delete every vector; ``strand-vectors``: every vector deleted and vectors
without a chunk added, as a crash can leave them; ``serve-start``: what ``serve`` does before it
listens (reconcile, then embed in a background thread), waiting for the embedding to end;
``make-legacy``: rewrite the library as
the JSON-file store wrote it. Data and corpus directories come from the usual environment.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

from assistant import cli
from assistant.config import Settings
from assistant.core import Assistant

QUESTION = "安徽今年细颗粒物平均浓度要控制在多少？"


def state() -> dict[str, object]:
    a = Assistant()  # a start: deletes orphan vectors
    answer = a.ask(QUESTION)
    display = {d.meta.doc_id: d.text.display for d in a.documents()}
    quotes_ok = all(display[c.doc_id][c.quote_start : c.quote_end] == c.quote for c in answer.citations)
    health = Assistant(reconcile=False).health()
    with contextlib.redirect_stdout(io.StringIO()):
        check_rc = cli.main(["check"])
    return {
        "check_rc": check_rc,
        "docs": {d.meta.doc_id: d.content_hash for d in a.documents()},
        "answered": bool(answer.citations) and not answer.abstained and quotes_ok,
        "ok": health.ok,
        "report": health.report(),
        "keywords_match": set(a.index.bm25.ids) == a.index.chunk_ids(),
        "vectors_pending": health.vectors_pending,
    }


def drop_vectors() -> None:
    a = Assistant()
    a.index.dense.delete(sorted(a.index.dense.ids()))


ORPHANS = 40


def strand_vectors() -> None:
    """No chunk has a vector, and ``ORPHANS`` vectors belong to no chunk."""
    a = Assistant()
    dense = a.index.dense
    ids = sorted(dense.ids())
    chunks = {c.chunk_id: c for d in a.documents() for c in d.chunks}
    kept = dense.get_vectors(ids[:ORPHANS])
    dense.delete(ids)
    stray = [f"gone-{cid}" for cid in kept]
    dense.add(stray, list(kept.values()), [chunks[cid].to_metadata() for cid in kept])
    assert dense.ids() == set(stray)


def serve_start() -> None:
    from assistant.ui.app import prepare

    backfill = prepare(Assistant())
    backfill.join()
    assert backfill.status.complete, backfill.status


def make_legacy() -> None:
    settings = Settings.from_env()
    a = Assistant(settings)
    # documents are read from the database on demand: take their bodies before it goes
    docs = [(d.meta.doc_id, d.to_json()) for d in a.documents()]
    a.index.db.close()
    data = settings.data_dir
    for suffix in ("", "-wal", "-shm"):
        Path(str(settings.store_path) + suffix).unlink(missing_ok=True)
    (data / "docs").mkdir()
    for doc_id, body in docs:
        path = data / "docs" / f"{doc_id}.json"
        path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    (data / "bm25").mkdir()
    (data / "bm25" / "ids.json").write_text("[]", encoding="utf-8")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "state":
        print(json.dumps(state(), ensure_ascii=False))
    elif command == "drop-vectors":
        drop_vectors()
    elif command == "strand-vectors":
        strand_vectors()
    elif command == "serve-start":
        serve_start()
    elif command == "make-legacy":
        make_legacy()
    else:
        raise SystemExit(f"unknown command {command}")
