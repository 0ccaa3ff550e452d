"""Do the documents, the keyword index and the vectors agree? (``policy-assistant check``)

Documents and keywords live in one database and commit together, so a disagreement between them
means damage. Vectors live in Chroma and follow the database: a chunk without a vector is *pending*
(a ``dense=False`` ingest, a crash, or the background embedding still running) and is not an error;
a vector without a chunk is an *orphan* and is. Opening the library deletes orphans
(:meth:`~assistant.index.index.Index.reconcile`); ``check --repair`` also embeds the pending chunks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.index.migrate import legacy_paths

if TYPE_CHECKING:
    from assistant.index.index import Index


@dataclass
class LibraryHealth:
    """Counts from the three stores and what disagrees between them."""

    documents: int
    chunks: int  # chunks the documents list
    keyword_rows: int
    keywords_missing: int  # chunks of a document without keyword rows
    keywords_stray: int  # keyword rows of no document's chunk
    vectors: int
    vectors_pending: int  # chunks without a vector: to be embedded, not an error
    vectors_orphan: int  # vectors without a chunk: an error until reconciled
    errors: list[str] = field(default_factory=list)  # database integrity, leftover old files

    @property
    def ok(self) -> bool:
        return not (self.keywords_missing or self.keywords_stray or self.vectors_orphan or self.errors)

    def report(self) -> str:
        """The Chinese report ``check`` prints, one line per store."""
        lines = [
            f"文件 {self.documents} 个，片段 {self.chunks} 个",
            f"关键词索引 {self.keyword_rows} 行：缺少 {self.keywords_missing}，多余 {self.keywords_stray}",
            f"向量 {self.vectors} 个：待补全 {self.vectors_pending}，多余 {self.vectors_orphan}",
        ]
        lines += [f"错误：{e}" for e in self.errors]
        if self.ok and self.vectors_pending:
            lines.append("一致（部分片段尚待向量化；运行 check --repair 或启动 serve 补全）")
        elif self.ok:
            lines.append("一致")
        else:
            lines.append("不一致：运行 policy-assistant check --repair 修复")
        return "\n".join(lines)


@dataclass
class Reconciled:
    """What a reconciliation changed in Chroma."""

    orphans_deleted: int = 0
    embedded: int = 0


def inspect(index: Index) -> LibraryHealth:
    """Compare the committed database with Chroma; changes nothing."""
    store = index.chunk_ids()
    rows = index.bm25.chunk_doc_ids()
    keyword_ids = set(index.bm25.ids)
    documents = index.docstore.ids()
    vectors = index.dense.ids()
    errors = index.bm25.integrity_errors()
    stray_rows = sum(1 for doc_id in rows.values() if doc_id not in documents)
    if stray_rows:
        errors.append(f"{stray_rows} chunk rows belong to no document")
    errors += [f"旧版文件未迁移 (legacy files left): {p.name}" for p in legacy_paths(index.settings.data_dir)]
    return LibraryHealth(
        documents=len(documents),
        chunks=len(store),
        keyword_rows=len(keyword_ids),
        keywords_missing=len(store - keyword_ids),
        keywords_stray=len(keyword_ids - store),
        vectors=len(vectors),
        vectors_pending=len(store - vectors),
        vectors_orphan=len(vectors - store),
        errors=errors,
    )
