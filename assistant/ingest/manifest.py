"""The corpus manifest: stable document ids, and facts the texts do not state.

Chunk ids, citations and the eval set all refer to documents by ``doc_id``, so ids must not change
when files are re-ingested or new ones are added: ``corpus/manifest.yaml`` pins them (it is
generated and only ever appended to by ``corpus/build_manifest.py``). Its ``overrides`` carry
metadata known only from outside the text, e.g. the province of an anonymised report. Files not
in the manifest (user uploads) get an id from their name and content hash, which is stable for
the same bytes and never collides between two different files of the same name.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from assistant.schema import DocumentMeta

MANIFEST_NAME = "manifest.yaml"
_OVERRIDABLE = {f.name for f in dataclasses.fields(DocumentMeta)} - {"doc_id"}


@dataclasses.dataclass(frozen=True)
class ManifestEntry:
    doc_id: str
    path: str  # relative to the corpus directory, POSIX separators
    overrides: dict[str, object] = dataclasses.field(default_factory=dict)


def load_manifest(corpus_dir: Path) -> dict[str, ManifestEntry]:
    """Entries of ``corpus_dir/manifest.yaml`` keyed by relative path; ``{}`` when there is none.

    Raises ``ValueError`` for a malformed manifest: duplicate paths or ids, or an override that
    names no :class:`DocumentMeta` field (a typo there would otherwise be silently ignored).
    """
    f = corpus_dir / MANIFEST_NAME
    if not f.exists():
        return {}
    data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
    raw_docs = data.get("documents", []) if isinstance(data, dict) else None
    if not isinstance(raw_docs, list):
        raise ValueError(f"{f}: expected a mapping with a 'documents' list")
    out: dict[str, ManifestEntry] = {}
    ids: set[str] = set()
    for raw in raw_docs:
        entry = _entry(raw, f)
        if entry.path in out or entry.doc_id in ids:
            raise ValueError(f"{f}: duplicate entry for {entry.path} / {entry.doc_id}")
        out[entry.path] = entry
        ids.add(entry.doc_id)
    return out


def _entry(raw: Any, source: Path) -> ManifestEntry:
    if not isinstance(raw, dict) or not raw.get("path") or not raw.get("doc_id"):
        raise ValueError(f"{source}: every document needs 'path' and 'doc_id': {raw!r}")
    overrides = dict(raw.get("overrides") or {})
    unknown = set(overrides) - _OVERRIDABLE
    if unknown:
        raise ValueError(f"{source}: {raw['path']}: unknown override field(s) {sorted(unknown)}")
    return ManifestEntry(doc_id=str(raw["doc_id"]), path=str(raw["path"]), overrides=overrides)


def relative_key(path: Path, corpus_dir: Path | None) -> str | None:
    """``path`` relative to ``corpus_dir`` as a manifest key, or ``None`` when it lies outside."""
    if corpus_dir is None:
        return None
    try:
        return path.resolve().relative_to(corpus_dir.resolve()).as_posix()
    except ValueError:
        return None


def slug(text: str) -> str:
    """ASCII slug of a file stem; Chinese-only names give ``doc``."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:48].rstrip("-") or "doc"


def readable_id(meta: DocumentMeta, digest: str, today: str) -> str:
    """An id a person can read for a document that has no name of its own (an upload, stored
    under a random file name): its date, a short form of its title and 6 hex of its content,
    e.g. ``2025-05-01-淇县扬尘污染防治管理办法-3f2a9c``. The date is the document's own (成文,
    发布, 施行, 通过), else ``today``; the content hash keeps two uploads of one title apart."""
    from assistant.display import short_title  # display reads metadata; keep the import local

    date = meta.written_date or meta.published_date or meta.effective_date or meta.adopted_date or today
    title = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]+", "", short_title(meta.title or ""))[:20] or "doc"
    return f"{date}-{title}-{digest[:6]}"


def doc_id_for(
    path: Path,
    corpus_dir: Path | None,
    manifest: Mapping[str, ManifestEntry],
    digest: str | None = None,
) -> str:
    """The manifest's id for ``path``, else ``<slug of stem>-<first 8 hex of sha256(location)>``.

    Outside the manifest the id follows the file's *location* (its path relative to the corpus, or
    its absolute path), not its content: an edited file keeps its id, so re-ingesting it replaces
    its old chunks instead of adding a second copy. ``digest`` is accepted for callers that have
    the content hash at hand; it does not enter the id.
    """
    key = relative_key(path, corpus_dir)
    if key is not None and key in manifest:
        return manifest[key].doc_id
    location = key if key is not None else str(path.resolve())
    return f"{slug(path.stem)}-{hashlib.sha256(location.encode('utf-8')).hexdigest()[:8]}"
