"""Chinese BM25 over chunks: jieba words, scored by bm25s.

bm25s's default tokenizer treats a whole Chinese clause as one token, so we segment with jieba
(search mode, so that 受污染耕地安全利用率 also yields 利用率) and pass token lists. BM25 catches
what the dense model misses: exact figures, indicator names and 文号.
The index is rebuilt from all chunks on every change (seconds for the whole corpus) and swapped in
with a directory rename.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from pathlib import Path

import numpy as np

_PUNCT = re.compile(r"^[\s\W_]+$")
_jieba_lock = threading.Lock()
_jieba_ready = False


def _jieba() -> object:
    global _jieba_ready
    import jieba

    with _jieba_lock:
        if not _jieba_ready:
            jieba.setLogLevel(60)
            jieba.initialize()
            _jieba_ready = True
    return jieba


def tokenize(text: str) -> list[str]:
    """Words for BM25: jieba search-mode segmentation, punctuation dropped, Latin lower-cased."""
    jieba = _jieba()
    words = jieba.lcut_for_search(text)  # type: ignore[attr-defined]
    return [w.lower() for w in words if w.strip() and not _PUNCT.match(w)]


class BM25Index:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._retriever: object | None = None
        self._ids: list[str] = []
        self._vocab: set[str] = set()

    @property
    def ids(self) -> list[str]:
        self._load()
        return self._ids

    def _load(self) -> None:
        if self._retriever is not None or not (self.root / "ids.json").exists():
            return
        import bm25s

        self._ids = json.loads((self.root / "ids.json").read_text(encoding="utf-8"))
        if not self._ids:
            return
        self._retriever = bm25s.BM25.load(str(self.root), show_progress=False)
        self._vocab = set(json.loads((self.root / "vocab.json").read_text(encoding="utf-8")))

    def build(self, ids: list[str], tokens: list[list[str]]) -> None:
        """Rebuild from scratch and swap the new index into place atomically."""
        import bm25s

        tmp = self.root.with_name(self.root.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if ids:
            retriever = bm25s.BM25()
            # An empty token list breaks bm25s; an impossible token keeps the row aligned.
            retriever.index([t or ["\x00"] for t in tokens], show_progress=False)
            retriever.save(str(tmp), show_progress=False)
        vocab = sorted({w for t in tokens for w in t})
        (tmp / "ids.json").write_text(json.dumps(ids, ensure_ascii=False), encoding="utf-8")
        (tmp / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        old = self.root.with_name(self.root.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.root.exists():
            os.replace(self.root, old)
        os.replace(tmp, self.root)
        shutil.rmtree(old, ignore_errors=True)
        self._retriever, self._ids, self._vocab = None, [], set()

    def search(self, query: str, k: int = 20, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """(chunk_id, score) pairs, best first; only chunks sharing a word with the query.

        ``allowed`` restricts the result to those chunk ids (a region or document scope).
        """
        self._load()
        if self._retriever is None or not self._ids:
            return []
        q = [w for w in tokenize(query) if w in self._vocab]
        if not q:
            return []
        scores = np.asarray(self._retriever.get_scores(q), dtype=np.float64)  # type: ignore[attr-defined]
        if allowed is not None:
            mask = np.fromiter((i in allowed for i in self._ids), dtype=bool, count=len(self._ids))
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(self._ids))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self._ids[i], float(scores[i])) for i in top if scores[i] > 0]
