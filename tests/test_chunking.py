"""Chunking along the section tree, on the real seeds and regulations."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from assistant.chunking import StructureChunker
from assistant.ingest.pipeline import prepare
from assistant.schema import Chunk, ChunkPart
from assistant.tokens import count_tokens
from tests.conftest import CORPUS, SEEDS

DOCS = [
    *sorted(SEEDS.glob("*.txt")),
    CORPUS / "regulations" / "国家法律" / "大气污染防治法(2018-10-26).md",
    CORPUS
    / "regulations"
    / "河南"
    / sorted(p.name for p in (CORPUS / "regulations" / "河南").glob("*.md"))[0],
]


def _chunks(path: Path, chunker: StructureChunker | None = None) -> tuple[str, list[Chunk]]:
    p = prepare(path, chunker or StructureChunker(), CORPUS)
    return p.stored.text.display, p.stored.chunks


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem[:20])
def test_chunks_are_exact_slices_within_limits(path: Path) -> None:
    chunker = StructureChunker(max_tokens=400, min_tokens=60)
    display, chunks = _chunks(path, chunker)
    assert chunks
    for c in chunks:
        assert display[c.start : c.end] == c.text
        assert count_tokens(c.text) <= chunker.max_tokens
        assert c.embed_text.endswith(c.search_text)
        assert len(c.search_text) == len(c.text)
        for part in c.parts:
            assert c.start <= part.start < part.end <= c.end
    # Chunks do not overlap and appear in document order.
    for a, b in itertools.pairwise(chunks):
        assert a.end <= b.start


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem[:20])
def test_a_chunk_never_crosses_a_section_boundary(path: Path) -> None:
    """Every part of a chunk lies under the chunk's own section path, but for the bare heading of
    a section above it that opens the chunk (its path is a prefix of the chunk's)."""
    _, chunks = _chunks(path)
    for c in chunks:
        for part in _below_headings(c):
            assert list(part.section_path[: len(c.section_path)]) == c.section_path, (c.section_path, part)


def _below_headings(c: Chunk) -> list[ChunkPart]:
    """The parts of ``c`` after the bare headings of the sections above it that open it."""
    parts = list(c.parts)
    while len(parts) > 1 and list(parts[0].section_path) == c.section_path[: len(parts[0].section_path)]:
        if len(parts[0].section_path) >= len(c.section_path):
            break
        parts.pop(0)
    return parts


def test_jiyuan_target_sentence_keeps_its_heading_path() -> None:
    _, chunks = _chunks(SEEDS / "henan-jiyuan-2024-work-points.txt")
    hit = [c for c in chunks if "受污染耕地安全利用率达到95%以上" in c.text]
    assert len(hit) == 1
    c = hit[0]
    assert c.section_path == ["二、总体目标"] and c.section_number == "二"
    assert "济源" in c.embed_text.splitlines()[0]  # the title is embedded with the chunk
    assert "二、总体目标" in c.embed_text


def test_bare_headings_are_not_chunks() -> None:
    _, chunks = _chunks(SEEDS / "henan-zhengzhou-jingkaiqu-2023-2025-action-plan.txt")
    assert not any(c.text.strip() == "三、重点任务" for c in chunks)
    deep = [p for c in chunks for p in c.parts if p.section_number == "三.（一）.1"]
    assert deep and deep[0].section_path[:2] == ("三、重点任务", "(一)城市空气质量提升进位行动")
    assert deep[0].section_path[2].startswith("1.推进空气质量排名进位")


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem[:20])
def test_all_text_but_bare_headings_is_chunked(path: Path) -> None:
    from assistant.sections import parse_sections

    display, chunks = _chunks(path)
    covered = bytearray(len(display))
    for c in chunks:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    tree = parse_sections(display)
    headings = {"".join(s.heading.split()) for s in tree.root.walk()}
    for para in tree.paragraphs:
        text = display[para.start : para.end].strip()
        if any(not covered[i] for i in range(para.start, para.end) if not display[i].isspace()):
            assert "".join(text.lstrip("#").split()).rstrip("。：:；") in headings, text[:60]


def test_long_sections_split_and_tiny_siblings_merge() -> None:
    _, small = _chunks(SEEDS / "anhui-2024-work-points.txt", StructureChunker(max_tokens=120, min_tokens=40))
    _, large = _chunks(SEEDS / "anhui-2024-work-points.txt", StructureChunker(max_tokens=800, min_tokens=200))
    assert len(small) > len(large)
    merged = [c for c in large if len({p.section_number for p in c.parts}) > 1]
    assert merged, "with a large min_tokens some sibling sections must merge"
    for c in merged:
        # The merged chunk takes the parent's path; each part keeps its own exact path.
        assert all(len(p.section_path) >= len(c.section_path) for p in _below_headings(c))


def test_regulation_articles_are_cited_by_article() -> None:
    _, chunks = _chunks(CORPUS / "regulations" / "国家法律" / "大气污染防治法(2018-10-26).md")
    art = [c for c in chunks for p in c.parts if p.section_number.endswith("第九十九条")]
    assert art
    part = next(p for p in art[0].parts if p.section_number.endswith("第九十九条"))
    assert part.section_path[0].startswith("第七章")


def test_traditional_seed_is_embedded_in_simplified() -> None:
    display, chunks = _chunks(SEEDS / "shanxi-jincheng-inspection-rectification-plan.txt")
    assert "晉城" in display
    assert any("晋城" in c.embed_text for c in chunks)
    assert all("晉" not in c.search_text for c in chunks)


def test_ids_are_stable_content_hashes() -> None:
    _, a = _chunks(SEEDS / "anhui-2024-work-points.txt")
    _, b = _chunks(SEEDS / "anhui-2024-work-points.txt")
    assert [c.chunk_id for c in a] == [c.chunk_id for c in b]
    assert len({c.chunk_id for c in a}) == len(a)


def test_invalid_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        StructureChunker(max_tokens=50, min_tokens=60)


def test_a_sentence_longer_than_a_chunk_is_cut_after_a_clause_not_inside_a_title(tmp_path: Path) -> None:
    repealed = "、".join(
        f"{1990 + i}年5月{i + 1}日临江市人民代表大会常务委员会通过的《临江市人民代表大会常务委员会关于修改〈临江市第{i + 1}号管理条例〉的决定》"
        for i in range(12)
    )
    path = tmp_path / "临江市管理条例.md"
    path.write_text(
        f"# 临江市管理条例\n\n第九十条 本条例自2020年1月1日起施行。{repealed}同时废止。\n", encoding="utf-8"
    )
    chunker = StructureChunker(max_tokens=120, min_tokens=40)
    _, chunks = _chunks(path, chunker)
    long = [c for c in chunks if "废止" in c.text or "通过的" in c.text]
    assert len(long) > 1
    for c in long:
        assert c.text.count("《") == c.text.count("》")
        assert c.text.count("〈") == c.text.count("〉")
