"""Baseline chunkers, to measure what the section-aware :class:`StructureChunker` buys.

Both have the chunker interface the ingest pipeline uses (``name``, ``max_tokens``,
``min_tokens`` — which go into the pipeline version string — and ``split(doc, tree)``) and both
ignore the section tree:

* :class:`RecursiveChunker` — LangChain's ``RecursiveCharacterTextSplitter`` with its default
  separators (``"\\n\\n"``, ``"\\n"``, ``" "``, ``""``) and ``chunk_size=1000``,
  ``chunk_overlap=200`` characters. The class defaults are 4000/200, but 4000 Chinese characters
  is a whole document section of several thousand tokens, beyond what sentence embedders read
  (256–512 tokens); 1000/200 is the setting LangChain's own tutorials and most RAG quick-starts
  use, i.e. the baseline a team would actually start from.
* :class:`ChatchatChunker` — a Chinese punctuation splitter in the manner of Langchain-Chatchat's
  ``ChineseRecursiveTextSplitter``: regex separators ``"\\n\\n"``, ``"\\n"``, ``"。|！|？"``,
  ``"；|;"``, ``"，|,"`` kept at the end of each piece, ``chunk_size=750``,
  ``chunk_overlap=150`` characters. Unlike Chatchat we do not collapse blank lines inside a
  chunk, so every chunk stays a verbatim slice of the document.

For these chunkers ``max_tokens``/``min_tokens`` hold the chunk size and overlap in *characters*.
Chunks carry exact display offsets (each piece is found in the display text in order), an empty
section path, ``section_number == ""`` and ``embed_text = title + "\\n" + Simplified text``.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.schema import Chunk, Document, SectionTree, content_id

__all__ = [
    "CHUNKER_NAMES",
    "ChatchatChunker",
    "Chunker",
    "RecursiveChunker",
    "canonical_chunker",
    "get_chunker",
]

CHUNKER_NAMES = ("structure", "baseline-recursive", "baseline-chatchat")


class Chunker(Protocol):
    name: str
    max_tokens: int
    min_tokens: int

    def split(self, doc: Document, tree: SectionTree) -> list[Chunk]: ...


class _ChineseRecursiveSplitter(RecursiveCharacterTextSplitter):
    """Langchain-Chatchat's ChineseRecursiveTextSplitter, minus its blank-line rewrite."""

    def __init__(self, separators: list[str], **kwargs: Any) -> None:
        super().__init__(separators=separators, keep_separator=True, is_separator_regex=True, **kwargs)

    @staticmethod
    def _split_from_end(text: str, separator: str) -> list[str]:
        parts = re.split(f"({separator})", text)
        splits = ["".join(pair) for pair in zip(parts[0::2], parts[1::2], strict=False)]
        if len(parts) % 2 == 1:
            splits += parts[-1:]
        return [s for s in splits if s]

    def _split_text(self, text: str, separators: list[str]) -> list[str]:
        final: list[str] = []
        separator = separators[-1]
        rest: list[str] = []
        for i, sep in enumerate(separators):
            if sep == "":
                separator = sep
                break
            if re.search(sep, text):
                separator, rest = sep, separators[i + 1 :]
                break
        splits = self._split_from_end(text, separator) if separator else list(text)
        good: list[str] = []
        for s in splits:
            if self._length_function(s) < self._chunk_size:
                good.append(s)
                continue
            if good:
                final.extend(self._merge_splits(good, ""))
                good = []
            if rest:
                final.extend(self._split_text(s, rest))
            else:
                final.append(s)
        if good:
            final.extend(self._merge_splits(good, ""))
        return [c.strip() for c in final if c.strip()]


class _SplitterChunker:
    name = "baseline"

    def __init__(self, chunk_size: int, chunk_overlap: int) -> None:
        if chunk_size <= 0 or not 0 <= chunk_overlap < chunk_size:
            raise ValueError("need chunk_size > 0 and 0 <= chunk_overlap < chunk_size")
        self.max_tokens = chunk_size  # characters, for the pipeline version string
        self.min_tokens = chunk_overlap

    def _pieces(self, text: str) -> list[str]:
        raise NotImplementedError

    def split(self, doc: Document, tree: SectionTree | None = None) -> list[Chunk]:
        display = doc.text.display
        search = doc.text.search
        title = doc.meta.title
        if doc.meta.script == "traditional":
            from assistant.evaluation.normalize import t2s

            title = t2s(title)
        chunks: list[Chunk] = []
        prev = -1
        for piece in self._pieces(display):
            start = locate(display, piece, prev)
            end = start + len(piece)
            prev = start
            chunks.append(
                Chunk(
                    chunk_id=content_id(self.name, doc.doc_id, doc.content_hash, str(start), str(end), piece),
                    doc_id=doc.doc_id,
                    text=piece,
                    start=start,
                    end=end,
                    section_path=[],
                    section_number="",
                    embed_text=f"{title}\n{search[start:end]}",
                    search_text=search[start:end],
                    meta=doc.meta,
                    ordinal=len(chunks),
                )
            )
        return chunks


def locate(text: str, piece: str, prev_start: int) -> int:
    """Offset of ``piece`` in ``text``: the first occurrence after the previous chunk's start
    (chunks come in order and overlap), else at it, else anywhere. Raises ``ValueError``."""
    for origin in (prev_start + 1, max(prev_start, 0), 0):
        pos = text.find(piece, origin)
        if pos >= 0:
            return pos
    raise ValueError(f"chunk text not found in the document: {piece[:40]!r}")


class RecursiveChunker(_SplitterChunker):
    """LangChain ``RecursiveCharacterTextSplitter`` (default separators), 1000/200 characters."""

    name = "baseline-recursive"

    def __init__(self, chunk_size: int = 1000, chunk_overlap: int = 200) -> None:
        super().__init__(chunk_size, chunk_overlap)
        self._splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap)

    def _pieces(self, text: str) -> list[str]:
        return self._splitter.split_text(text)


class ChatchatChunker(_SplitterChunker):
    """Chinese punctuation splitter (Langchain-Chatchat style), 750/150 characters."""

    name = "baseline-chatchat"
    SEPARATORS = ("\n\n", "\n", "。|！|？", "；|;", "，|,")

    def __init__(self, chunk_size: int = 750, chunk_overlap: int = 150) -> None:
        super().__init__(chunk_size, chunk_overlap)
        self._splitter = _ChineseRecursiveSplitter(
            list(self.SEPARATORS), chunk_size=chunk_size, chunk_overlap=chunk_overlap
        )

    def _pieces(self, text: str) -> list[str]:
        return self._splitter.split_text(text)


def canonical_chunker(name: str) -> str:
    """``"recursive"`` → ``"baseline-recursive"`` etc.; raises ``ValueError`` for unknown names."""
    key = name if name in CHUNKER_NAMES else f"baseline-{name}"
    if key not in CHUNKER_NAMES:
        raise ValueError(f"unknown chunker {name!r}; choose one of {', '.join(CHUNKER_NAMES)}")
    return key


def get_chunker(name: str, settings: Any | None = None) -> Chunker:
    """``"structure"`` (sizes from ``settings``, a :class:`~assistant.config.Settings`),
    ``"baseline-recursive"`` or ``"baseline-chatchat"`` (``"recursive"``/``"chatchat"`` too)."""
    key = canonical_chunker(name)
    if key == "structure":
        from assistant.chunking import StructureChunker
        from assistant.config import Settings

        s = settings or Settings.from_env()
        return StructureChunker(s.chunk_max_tokens, s.chunk_min_tokens)
    if key == "baseline-recursive":
        return RecursiveChunker()
    return ChatchatChunker()
