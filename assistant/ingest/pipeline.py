"""From a file on disk to a :class:`StoredDocument` ready for the index.

load → normalise (two forms) → metadata → section tree → chunks. Pure: nothing is written here,
so a file that fails any step is reported and leaves the index untouched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.chunking import StructureChunker
from assistant.index.docstore import StoredDocument
from assistant.ingest.loaders import SUPPORTED_SUFFIXES, Progress, load_bytes
from assistant.ingest.manifest import ManifestEntry, doc_id_for, load_manifest
from assistant.ingest.metadata import extract_metadata
from assistant.ingest.normalize import normalize
from assistant.schema import Document
from assistant.sections import parse_sections

# Notes that live beside the documents but are not documents.
_NOT_DOCUMENTS = {"SOURCES.md", "README.md", "CHANGELOG.md"}
# 3: tables as table sections and row chunks, 附件 sections, metadata from 公文 layout and 文号s.
# 4: chunks record the attachments their text refers to (annex_links).
# 5: a text file hard-wrapped at a fixed width has its paragraphs joined back (ingest/unwrap.py).
# 6: a sentence longer than a chunk is cut after a clause, outside titles and brackets.
# 7: a saved page's header fields stay in its text (ingest/cleanup.py).
# 8, 9: a bare heading opens the chunk of its first child, which keeps its own path.
PIPELINE_VERSION = "9"


@dataclass
class Prepared:
    stored: StoredDocument
    sections: int
    path: Path


def pipeline_version(chunker: StructureChunker) -> str:
    """Changes whenever re-chunking would give different chunks, so stale documents are redone."""
    return f"{PIPELINE_VERSION}:{chunker.name}:{chunker.max_tokens}:{chunker.min_tokens}"


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to ingest under ``paths``: supported types, documentation notes skipped, sorted."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and f.name not in _NOT_DOCUMENTS:
                    yield f
        else:
            yield p


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def prepare(
    path: Path,
    chunker: StructureChunker,
    corpus_dir: Path | None = None,
    manifest: dict[str, ManifestEntry] | None = None,
    data: bytes | None = None,
    doc_id: str | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Run one file through every pure stage. Raises a :class:`UserInputError` for bad files.

    ``progress(done, total, message)`` hears about each page of a PDF/OFD/scan as it is read.
    """
    raw = data if data is not None else path.read_bytes()
    if manifest is None:
        manifest = load_manifest(corpus_dir) if corpus_dir else {}
    loaded = load_bytes(raw, path.name, progress)
    text = normalize(loaded)
    digest = content_hash(raw)
    doc_id = doc_id or doc_id_for(path, corpus_dir, manifest, digest)
    entry = _entry_for(path, corpus_dir, manifest)
    meta = extract_metadata(
        doc_id,
        text,
        str(_relative(path, corpus_dir)),
        entry.overrides if entry else None,
        properties=dict(loaded.properties),
    )
    tree = parse_sections(text.display)
    doc = Document(meta=meta, text=text, content_hash=digest)
    chunks = chunker.split(doc, tree)
    stored = StoredDocument(meta, text, digest, pipeline_version(chunker), chunks)
    return Prepared(stored=stored, sections=len(tree.root.walk()) - 1, path=path)


def _relative(path: Path, corpus_dir: Path | None) -> Path:
    if corpus_dir is not None:
        try:
            return path.resolve().relative_to(corpus_dir.resolve())
        except ValueError:
            pass
    return path


def _entry_for(
    path: Path, corpus_dir: Path | None, manifest: dict[str, ManifestEntry]
) -> ManifestEntry | None:
    return manifest.get(_relative(path, corpus_dir).as_posix())
