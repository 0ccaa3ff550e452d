"""Baseline chunkers on the real seed documents: exact offsets, sizes, coverage."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import pytest

from assistant.chunking import StructureChunker
from assistant.evaluation.baselines import (
    ChatchatChunker,
    RecursiveChunker,
    canonical_chunker,
    get_chunker,
    locate,
)
from assistant.evaluation.normalize import t2s
from assistant.schema import Document, DocumentMeta, NormalizedText, Script
from tests.conftest import CORPUS, SEEDS

SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))
TRADITIONAL = "shanxi-jincheng-inspection-rectification-plan.txt"


def _by_hand(path: Path) -> Document:
    display = path.read_text(encoding="utf-8")
    search = t2s(display)
    if len(search) != len(display):  # keep the two forms aligned, one character at a time
        search = "".join(s if len(s := t2s(ch)) == 1 else ch for ch in display)
    script: Script = "traditional" if search != display else "simplified"
    title = display.strip().splitlines()[0].strip()
    meta = DocumentMeta(doc_id=path.stem, title=title, source_path=path.name, script=script)
    return Document(meta=meta, text=NormalizedText(display, search, script), content_hash="h" + path.stem)


@cache
def document(name: str) -> Document:
    path = SEEDS / name
    try:
        from assistant.ingest.pipeline import prepare
    except ImportError:  # the ingest modules are not all there yet
        return _by_hand(path)
    stored = prepare(path, StructureChunker(), CORPUS).stored
    return Document(meta=stored.meta, text=stored.text, content_hash=stored.content_hash)


@pytest.mark.parametrize("name", SEED_FILES)
@pytest.mark.parametrize(("chunker", "size"), [(RecursiveChunker(), 1000), (ChatchatChunker(), 750)])
def test_offsets_sizes_and_coverage(
    name: str, chunker: RecursiveChunker | ChatchatChunker, size: int
) -> None:
    doc = document(name)
    display = doc.text.display
    chunks = chunker.split(doc, None)
    assert len(chunks) >= 3
    covered = [False] * len(display)
    for i, c in enumerate(chunks):
        assert display[c.start : c.end] == c.text
        assert c.search_text == doc.text.search[c.start : c.end]
        assert 0 < len(c.text) <= size
        assert c.ordinal == i and c.section_path == [] and c.section_number == "" and c.parts == []
        assert c.meta is doc.meta and c.doc_id == doc.doc_id
        assert c.embed_text.split("\n", 1)[1] == c.search_text
        for j in range(c.start, c.end):
            covered[j] = True
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    uncovered = [display[j] for j, ok in enumerate(covered) if not ok]
    assert "".join(uncovered).strip() == ""  # only whitespace between chunks is left out
    assert any(len(c.text) > size // 2 for c in chunks)  # sizes are used, not tiny pieces


@pytest.mark.parametrize("chunker", [RecursiveChunker(), ChatchatChunker()])
def test_neighbouring_chunks_overlap(chunker: RecursiveChunker | ChatchatChunker) -> None:
    chunks = chunker.split(document("anhui-2024-work-points.txt"), None)
    overlaps = [a.end - b.start for a, b in itertools.pairwise(chunks) if b.start < a.end]
    assert overlaps and max(overlaps) <= chunker.min_tokens  # min_tokens holds the overlap


def test_embed_text_is_simplified_title_plus_text() -> None:
    doc = document(TRADITIONAL)
    assert doc.meta.script == "traditional"
    c = ChatchatChunker().split(doc, None)[0]
    title, body = c.embed_text.split("\n", 1)
    assert title == t2s(doc.meta.title) and t2s(title) == title
    assert body == c.search_text and c.text != c.search_text


def test_chatchat_cuts_at_chinese_punctuation() -> None:
    doc = document("anhui-2024-work-points.txt")
    ends = [c.text[-1] for c in ChatchatChunker().split(doc, None)]
    assert sum(e in "。！？；;，," for e in ends) >= len(ends) - 2


def test_chunk_ids_differ_between_chunkers() -> None:
    doc = document("anhui-2024-work-points.txt")
    a = {c.chunk_id for c in RecursiveChunker().split(doc, None)}
    b = {c.chunk_id for c in ChatchatChunker().split(doc, None)}
    assert not (a & b)


def test_locate_prefers_the_next_occurrence() -> None:
    text = "甲乙甲乙甲乙"
    assert locate(text, "甲乙", -1) == 0
    assert locate(text, "甲乙", 0) == 2
    assert locate(text, "甲乙甲乙", 2) == 2  # only at the previous start
    with pytest.raises(ValueError):
        locate(text, "丙", 0)


def test_get_chunker() -> None:
    assert isinstance(get_chunker("structure"), StructureChunker)
    rec = get_chunker("baseline-recursive")
    assert isinstance(rec, RecursiveChunker) and (rec.name, rec.max_tokens, rec.min_tokens) == (
        "baseline-recursive",
        1000,
        200,
    )
    chat = get_chunker("chatchat")
    assert isinstance(chat, ChatchatChunker) and (chat.max_tokens, chat.min_tokens) == (750, 150)
    assert canonical_chunker("recursive") == "baseline-recursive"
    with pytest.raises(ValueError, match="unknown chunker"):
        get_chunker("semantic")
    with pytest.raises(ValueError):
        RecursiveChunker(chunk_size=100, chunk_overlap=100)
