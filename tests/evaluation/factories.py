"""Hand-made Chunks, Passages, Citations and Answers for the evaluation tests."""

from __future__ import annotations

from typing import Any

from assistant.evaluation.dataset import EvalCase, GoldSource, Turn
from assistant.schema import Answer, Chunk, Citation, DocumentMeta, Passage


def chunk(text: str, cid: str = "", title: str = "测试文件", section: list[str] | None = None) -> Chunk:
    meta = DocumentMeta(doc_id="doc", title=title)
    return Chunk(
        chunk_id=cid or f"c{abs(hash(text))}",
        doc_id="doc",
        text=text,
        start=0,
        end=len(text),
        section_path=section or ["一、总体要求"],
        section_number="一",
        embed_text=text,
        search_text=text,
        meta=meta,
    )


def passages(*texts: str) -> list[Passage]:
    return [Passage(chunk=chunk(t, cid=f"c{i}"), score=1.0 / i, rank=i) for i, t in enumerate(texts, 1)]


def citation(marker: int, quote: str, chunk_id: str = "none", title: str = "测试文件") -> Citation:
    return Citation(
        marker=marker,
        doc_id="doc",
        title=title,
        doc_number=None,
        section_path=["一、总体要求"],
        section_number="一",
        quote=quote,
        quote_start=0,
        quote_end=len(quote),
        chunk_id=chunk_id,
    )


def answer(
    text: str,
    citations: list[Citation] | None = None,
    shown: list[Passage] | None = None,
    abstained: bool = False,
    **kw: Any,
) -> Answer:
    return Answer(
        question="q", text=text, citations=citations or [], passages=shown or [], abstained=abstained, **kw
    )


def case(
    cid: str = "q001",
    type: str = "factoid",
    answer: str = "参考答案",
    must_include: list[str] | None = None,
    quotes: list[str] | None = None,
    docs: list[str] | None = None,
    regions: list[str] | None = None,
    history: list[Turn] | None = None,
    question: str = "问题？",
) -> EvalCase:
    quotes = quotes or []
    docs = docs or ["seed/a.txt"] * len(quotes)
    return EvalCase(
        id=cid,
        question=question,
        type=type,  # type: ignore[arg-type]
        answer=answer,
        must_include=must_include or [],
        sources=[GoldSource(d, "一", q) for d, q in zip(docs, quotes, strict=True)],
        history=history or [],
        regions=regions or [],
    )
