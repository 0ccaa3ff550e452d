"""The manifest: every corpus file has a stable id; uploads get a content-derived one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.ingest.manifest import ManifestEntry, doc_id_for, load_manifest, slug
from tests.conftest import CORPUS, REPO

SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


def _corpus_files() -> set[str]:
    return {
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.rglob("*")
        if p.is_file() and p.suffix in SUFFIXES and p.name != "SOURCES.md"
    }


def test_manifest_covers_the_corpus() -> None:
    manifest = load_manifest(CORPUS)
    assert set(manifest) == _corpus_files()
    assert len(manifest) == 301
    ids = [e.doc_id for e in manifest.values()]
    assert len(set(ids)) == len(ids)
    assert all(i.isascii() for i in ids)
    assert sum(i.startswith("law-") for i in ids) == 27
    assert sum(i.startswith("reg-henan-") for i in ids) == 91
    assert sum(i.startswith("reg-shandong-") for i in ids) == 113
    assert sum(i.startswith("reg-zhejiang-") for i in ids) == 65


def test_seed_ids_match_file_names() -> None:
    manifest = load_manifest(CORPUS)
    for rel, entry in manifest.items():
        if rel.startswith("seed/"):
            assert entry.doc_id == Path(rel).stem


def test_only_unparseable_facts_are_overridden() -> None:
    manifest = load_manifest(CORPUS)
    with_overrides = {rel: e.overrides for rel, e in manifest.items() if e.overrides}
    assert with_overrides == {
        "seed/zhejiang-anon-city-2024-midyear-report.txt": {
            "province": "浙江省",
            "level": "市级",
            "doc_type": "工作总结",
        }
    }


def test_doc_id_for_corpus_and_uploads(tmp_path: Path) -> None:
    manifest = load_manifest(CORPUS)
    seed = CORPUS / "seed" / "anhui-2024-work-points.txt"
    assert doc_id_for(seed, CORPUS, manifest) == "anhui-2024-work-points"
    upload = tmp_path / "My Plan 2024.txt"
    upload.write_text("内容", encoding="utf-8")
    first = doc_id_for(upload, CORPUS, manifest)
    assert first.startswith("my-plan-2024-") and len(first.rsplit("-", 1)[1]) == 8
    assert doc_id_for(upload, None, {}) == first
    upload.write_text("另一个内容", encoding="utf-8")
    assert doc_id_for(upload, CORPUS, manifest) == first  # an edited file keeps its id
    other = tmp_path / "sub" / "My Plan 2024.txt"
    other.parent.mkdir()
    other.write_text("内容", encoding="utf-8")
    assert doc_id_for(other, None, {}) != first  # same name and bytes elsewhere: another document
    assert slug("济源工作要点") == "doc"


def test_bad_manifests_fail_loudly(tmp_path: Path) -> None:
    assert load_manifest(tmp_path) == {}
    (tmp_path / "manifest.yaml").write_text(
        "documents:\n- {path: a.txt, doc_id: a, overrides: {provnce: 浙江省}}\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="provnce"):
        load_manifest(tmp_path)
    (tmp_path / "manifest.yaml").write_text(
        "documents:\n- {path: a.txt, doc_id: a}\n- {path: b.txt, doc_id: a}\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="duplicate"):
        load_manifest(tmp_path)


def test_builder_keeps_ids_and_appends(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    before = load_manifest(corpus)
    new = corpus / "regulations" / "河南" / "一个新条例(2024-01-01).md"
    new.write_text("# 一个新条例\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, str(corpus / "build_manifest.py")], check=True, cwd=REPO, capture_output=True
    )
    after = load_manifest(corpus)
    assert {k: v for k, v in after.items() if k in before} == before
    assert after["regulations/河南/一个新条例(2024-01-01).md"] == ManifestEntry(
        doc_id="reg-henan-0092", path="regulations/河南/一个新条例(2024-01-01).md"
    )
