"""Import a library written before the database (``docs/*.json`` + ``bm25/``) on first open.

The import is one transaction: killed half-way, the database stays empty and the next open
imports again from the untouched JSON files. Only after the commit (recorded in ``meta``) are the
old folders deleted; a crash before that only leaves folders that the next open deletes.
Vectors in Chroma are kept as they are: chunk ids do not change.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.index.bm25 import BM25Index
from assistant.index.crashpoints import crashpoint
from assistant.index.database import Database
from assistant.index.docstore import DocStore, read_legacy_documents

MIGRATED_KEY = "legacy_json_imported"


def legacy_paths(data_dir: Path) -> list[Path]:
    """What a pre-database library leaves in the data directory."""
    names = ("docs", "bm25", "bm25.tmp", "bm25.old")
    return [p for n in names if (p := data_dir / n).exists()]


def migrate_legacy(db: Database, data_dir: Path) -> int:
    """Import ``data_dir/docs/*.json`` into ``db`` unless done before; return how many documents
    were imported. Safe to call on every open: a library without old files costs one ``stat``."""
    leftovers = legacy_paths(data_dir)
    if not leftovers:
        return 0
    imported = 0
    if db.get_meta(MIGRATED_KEY) is None:
        docs = read_legacy_documents(data_dir / "docs") if (data_dir / "docs").is_dir() else []
        with db.transaction() as tx:
            already = {r[0] for r in tx.execute("SELECT doc_id FROM documents")}
            for d in docs:
                if d.meta.doc_id in already:  # written by the new code meanwhile: it wins
                    continue
                DocStore.put(tx, d)
                BM25Index.add(tx, d.chunks)
                imported += 1
            crashpoint("migrate:imported")
            tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (MIGRATED_KEY,))
        crashpoint("migrate:committed")
    for p in leftovers:
        shutil.rmtree(p, ignore_errors=True)
    return imported
