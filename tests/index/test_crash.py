"""SIGKILL at every named crash point of an ingest, a removal, the background embedding and the
import of an old library; after each kill the next start must open the library, answer, and find
documents, keyword index and vectors in agreement, and the library must hold either the whole
write or none of it.

Each kill runs ``policy-assistant`` in a subprocess with ``POLICY_ASSISTANT_CRASH_AT`` set, on a
copy of a two-document library with the hashing embedder, so a run takes seconds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.index.crashpoints import CRASH_AT_ENV, POINTS
from tests.conftest import REPO, two_seed_corpus

pytestmark = pytest.mark.slow

REPLACED = "henan-jiyuan-2024-work-points.txt"
NEW_FILE = "new-rules.md"
NEW_TEXT = (
    "# 某市秸秆禁烧管理办法\n\n第一条 为了防治秸秆焚烧污染，制定本办法。\n\n第二条 禁止露天焚烧秸秆。\n"
)

INGEST_POINTS = [p for p in POINTS if p.startswith(("write:", "store:", "dense:"))]
REMOVE_POINTS = [
    p for p in INGEST_POINTS if p not in ("store:document", "store:keywords-batch", "dense:batch")
]
# a start's reconciliation (deleting vectors without a chunk) and the background embedding after it
BACKFILL_POINTS = [p for p in POINTS if p.startswith(("reconcile:", "backfill:"))] + [
    "dense:delete-batch",
    "dense:batch",
]
MIGRATE_POINTS = ["migrate:imported", "migrate:committed"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(corpus, data dir, doc id -> content hash) of a two-document library built once."""
    root = tmp_path_factory.mktemp("crash-template")
    corpus, data = two_seed_corpus(root), root / "data"
    assert _run(["-m", "assistant.cli", "ingest", str(corpus)], corpus, data).returncode == 0
    return corpus, data, _state(corpus, data)


Template = tuple[Path, Path, dict[str, str]]


def _copy(template: Template, tmp_path: Path) -> tuple[Path, Path]:
    corpus, data, _ = template
    c, d = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(corpus, c)
    shutil.copytree(data, d)
    return c, d


def _run(
    args: list[str], corpus: Path, data: Path, crash_at: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update(
        POLICY_ASSISTANT_DATA_DIR=str(data),
        POLICY_ASSISTANT_CORPUS_DIR=str(corpus),
        POLICY_ASSISTANT_EMBEDDER="hash",
    )
    env.pop(CRASH_AT_ENV, None)
    if crash_at:
        env[CRASH_AT_ENV] = crash_at
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


def _cli(args: list[str], corpus: Path, data: Path, crash_at: str | None = None) -> int:
    return _run(["-m", "assistant.cli", *args], corpus, data, crash_at).returncode


def _probe(command: str, corpus: Path, data: Path) -> Any:
    proc = _run(["-m", "tests.index.crash_probe", command], corpus, data)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1]) if command == "state" else None


def _started(corpus: Path, data: Path) -> dict[str, Any]:
    """Start the library in a fresh process: it opens, answers (with citations that resolve), and
    documents, keyword index and vectors agree (vectors still pending are not an error)."""
    s = _probe("state", corpus, data)
    assert s["answered"] and s["keywords_match"], s
    assert s["ok"] and s["check_rc"] == 0, s["report"]
    return dict(s)


def _state(corpus: Path, data: Path) -> dict[str, str]:
    """:func:`_started`, returning doc id -> content hash."""
    return dict(_started(corpus, data)["docs"])


def test_points_are_listed_once() -> None:
    assert len(set(POINTS)) == len(POINTS)
    assert len(INGEST_POINTS) >= 10 and len(REMOVE_POINTS) >= 10 and len(BACKFILL_POINTS) >= 10


@pytest.mark.parametrize("point", INGEST_POINTS)
def test_ingest_killed(point: str, template: Template, tmp_path: Path) -> None:
    corpus, data = _copy(template, tmp_path)
    before = template[2]
    target = corpus / REPLACED
    target.write_text(target.read_text(encoding="utf-8").replace("95%", "97%"), encoding="utf-8")
    (corpus / NEW_FILE).write_text(NEW_TEXT, encoding="utf-8")

    assert _cli(["ingest", str(corpus)], corpus, data, crash_at=point) == -9  # the point was reached
    after_crash = _state(corpus, data)
    assert len(after_crash) in (len(before), len(before) + 1)
    changed = {i for i in after_crash if before.get(i) != after_crash[i]}
    # all or nothing: the old library, or the new file and the replaced one together
    assert (after_crash == before) or len(changed) == 2, (before, after_crash)
    if after_crash == before:  # a retry completes the write
        assert _cli(["ingest", str(corpus)], corpus, data) == 0
        assert len(_state(corpus, data)) == len(before) + 1


@pytest.mark.parametrize("point", REMOVE_POINTS)
def test_remove_killed(point: str, template: Template, tmp_path: Path) -> None:
    corpus, data = _copy(template, tmp_path)
    before = template[2]
    victim = next(i for i in before if "jiyuan" in i)

    assert _cli(["remove", victim], corpus, data, crash_at=point) == -9
    after_crash = _state(corpus, data)
    assert after_crash in (before, {i: h for i, h in before.items() if i != victim})

    if victim in after_crash:  # a retry works: the document is still there to be removed
        assert _cli(["remove", victim], corpus, data) == 0
        assert victim not in _state(corpus, data)


@pytest.mark.parametrize("point", BACKFILL_POINTS)
def test_background_embedding_killed(point: str, template: Template, tmp_path: Path) -> None:
    """A server start killed while it deletes stray vectors or embeds the pending chunks in the
    background (three batches here), as after a crash or an ``ingest(dense=False)``."""
    corpus, data = _copy(template, tmp_path)
    _probe("strand-vectors", corpus, data)

    assert _run(["-m", "tests.index.crash_probe", "serve-start"], corpus, data, point).returncode == -9
    _started(corpus, data)
    _probe("serve-start", corpus, data)  # the next start completes the embedding
    assert _started(corpus, data)["vectors_pending"] == 0


@pytest.mark.parametrize("point", ["reconcile:orphans-listed", "backfill:embedded", "backfill:written"])
def test_repair_killed(point: str, template: Template, tmp_path: Path) -> None:
    """``check --repair`` runs the same reconciliation and embedding in the foreground."""
    corpus, data = _copy(template, tmp_path)
    _probe("strand-vectors", corpus, data)

    assert _cli(["check", "--repair"], corpus, data, crash_at=point) == -9
    _started(corpus, data)
    assert _cli(["check", "--repair"], corpus, data) == 0
    assert _started(corpus, data)["vectors_pending"] == 0


@pytest.mark.parametrize("point", MIGRATE_POINTS)
def test_import_of_old_library_killed(point: str, template: Template, tmp_path: Path) -> None:
    corpus, data = _copy(template, tmp_path)
    before = template[2]
    _probe("make-legacy", corpus, data)

    assert _cli(["docs"], corpus, data, crash_at=point) == -9
    assert _state(corpus, data) == before
    assert not (data / "docs").exists() and not (data / "bm25").exists()
