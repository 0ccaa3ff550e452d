"""The document store: one JSON file per document, the source of truth for what is indexed.

It keeps what citations and ``show`` need without the original file: metadata, the display and
search texts, the content hash (to skip unchanged files) and the document's chunks.
Writes go to a temporary file and are renamed into place, so a file is never half-written.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.schema import Chunk, DocumentMeta, NormalizedText


@dataclass
class StoredDocument:
    meta: DocumentMeta
    text: NormalizedText
    content_hash: str
    pipeline_version: str
    chunks: list[Chunk]

    def to_json(self) -> dict[str, Any]:
        return {
            "meta": self.meta.to_dict(),
            "display": self.text.display,
            "search": self.text.search,
            "script": self.text.script,
            "header": self.text.header,
            "content_hash": self.content_hash,
            "pipeline_version": self.pipeline_version,
            "chunks": [
                {"id": c.chunk_id, "text": c.text, "embed_text": c.embed_text, "meta": c.to_metadata()}
                for c in self.chunks
            ],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> StoredDocument:
        meta = DocumentMeta(**d["meta"])
        chunks = []
        for c in d["chunks"]:
            chunk = Chunk.from_metadata(c["id"], c["text"], c["embed_text"], c["meta"])
            chunk.meta = meta
            chunks.append(chunk)
        return cls(
            meta=meta,
            text=NormalizedText(d["display"], d["search"], d["script"], d.get("header", "")),
            content_hash=d["content_hash"],
            pipeline_version=d.get("pipeline_version", ""),
            chunks=chunks,
        )


def _safe_name(doc_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in doc_id) + ".json"


class DocStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self._cache: dict[str, StoredDocument] | None = None

    def _path(self, doc_id: str) -> Path:
        return self.root / _safe_name(doc_id)

    def all(self) -> dict[str, StoredDocument]:
        if self._cache is None:
            docs: dict[str, StoredDocument] = {}
            for p in sorted(self.root.glob("*.json")):
                sd = StoredDocument.from_json(json.loads(p.read_text(encoding="utf-8")))
                docs[sd.meta.doc_id] = sd
            self._cache = docs
        return self._cache

    def get(self, doc_id: str) -> StoredDocument | None:
        return self.all().get(doc_id)

    def put(self, doc: StoredDocument) -> None:
        path = self._path(doc.meta.doc_id)
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(doc.to_json(), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
        self.all()[doc.meta.doc_id] = doc

    def delete(self, doc_id: str) -> None:
        self._path(doc_id).unlink(missing_ok=True)
        self.all().pop(doc_id, None)

    def reload(self) -> None:
        self._cache = None
