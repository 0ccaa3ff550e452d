"""Hand-built documents, chunks and passages from the real seed and regulation texts.

The ingest pipeline is not used: these tests pin the answerer alone. Each document's display text
is the source file as saved; its search text is the character-by-character Simplified form, as
:class:`assistant.schema.NormalizedText` requires.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.index.docstore import StoredDocument
from assistant.schema import (
    Answer,
    Chunk,
    ChunkPart,
    DocumentMeta,
    NormalizedText,
    Passage,
    QueryAnalysis,
    Script,
)
from assistant.script import to_simplified

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "corpus" / "seed"
REGULATIONS = REPO / "corpus" / "regulations"


def simplified_aligned(display: str) -> str:
    """Simplified form of ``display`` with exactly the same length (char by char when needed)."""
    whole = to_simplified(display)
    if len(whole) == len(display):
        return whole
    out = []
    for ch in display:
        s = to_simplified(ch)
        out.append(s if len(s) == 1 else ch)
    return "".join(out)


@dataclass
class Doc:
    stored: StoredDocument
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def display(self) -> str:
        return self.stored.text.display

    @property
    def doc_id(self) -> str:
        return self.stored.meta.doc_id

    def chunk(
        self,
        first: str,
        last: str | None = None,
        path: tuple[str, ...] = (),
        number: str = "",
        parts: list[tuple[str, str | None, tuple[str, ...], str]] | None = None,
    ) -> Chunk:
        """A chunk from the start of ``first`` to the end of ``last`` (or of ``first``'s line).

        ``parts`` are (first, last, path, number) sub-spans with their own section paths.
        """
        start, end = self.span(first, last)
        text = self.display[start:end]
        chunk = Chunk(
            chunk_id=f"{self.doc_id}#{len(self.chunks)}",
            doc_id=self.doc_id,
            text=text,
            start=start,
            end=end,
            section_path=list(path),
            section_number=number,
            embed_text=self.stored.text.search[start:end],
            search_text=self.stored.text.search[start:end],
            meta=self.stored.meta,
            ordinal=len(self.chunks),
            parts=[ChunkPart(*self.span(f, la, start), n, p) for f, la, p, n in parts or []],
        )
        self.chunks.append(chunk)
        self.stored.chunks.append(chunk)
        return chunk

    def span(self, first: str, last: str | None = None, after: int = 0) -> tuple[int, int]:
        start = self.display.index(first, after)
        if last is None:
            nl = self.display.find("\n", start)
            return start, nl if nl >= 0 else len(self.display)
        return start, self.display.index(last, start) + len(last)


def make_doc(doc_id: str, display: str, title: str, script: Script = "simplified", **meta: str | None) -> Doc:
    search = simplified_aligned(display)
    assert len(search) == len(display)
    m = DocumentMeta(doc_id=doc_id, title=title, script=script, **meta)  # type: ignore[arg-type]
    return Doc(StoredDocument(m, NormalizedText(display, search, script), "hash-" + doc_id, "test", []))


def regulation(
    path: str,
    title: str,
    *,
    province: str | None = None,
    city: str | None = None,
    level: str | None = None,
    doc_type: str = "条例",
) -> Doc:
    """A document of corpus/regulations, whole (its id is its path)."""
    text = (REGULATIONS / path).read_text(encoding="utf-8")
    return make_doc(path, text, title, province=province, city=city, level=level, doc_type=doc_type)


def answered(question: str, doc: Doc, *chunks: Chunk) -> Answer:
    """The extractive answer from ``chunks`` of ``doc``, retrieved in that order, its citations
    checked against the document."""
    from assistant.answer import ExtractiveAnswerer, verify_citations

    store = Store(doc)
    ans = ExtractiveAnswerer().answer(analysis(question), passages(list(chunks)), store)
    assert verify_citations(ans, store) == []
    return ans


def city_rules(doc_id: str, title: str, *articles: str) -> tuple[Doc, list[Chunk]]:
    """A made-up city regulation of the given articles ("第九条 …"), with one chunk per article
    in the order given (passages are read in that order)."""
    d = make_doc(doc_id, "\n\n".join(articles) + "\n", title, province="河南省", city="某市", doc_type="条例")
    numbers = [a.split(" ", 1)[0] for a in articles]
    return d, [d.chunk(n, number=n) for n in numbers]


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def jiyuan() -> Doc:
    return make_doc(
        "jiyuan-2024-work-points",
        seed("henan-jiyuan-2024-work-points.txt"),
        "济源产城融合示范区管理委员会办公室关于印发济源示范区2024年生态环境保护工作要点的通知",
        doc_number="济管办〔2024〕26号",
        province="河南省",
        city="济源市",
        level="市级",
        written_date="2024-09-24",
        published_date="2024-09-30",
        doc_type="工作要点",
    )


def anhui() -> Doc:
    return make_doc(
        "anhui-2024-work-points",
        seed("anhui-2024-work-points.txt"),
        "2024年安徽省生态环境工作要点",
        province="安徽省",
        level="省级",
        published_date="2024-05-14",
        doc_type="工作要点",
    )


def jincheng() -> Doc:
    return make_doc(
        "jincheng-rectification-plan",
        seed("shanxi-jincheng-inspection-rectification-plan.txt"),
        "晉城市貫徹落實省委省政府環境保護督察組督察反饋意見整改方案",
        script="traditional",
        province="山西省",
        city="晋城市",
        level="市级",
        doc_type="整改方案",
    )


def sanmenxia() -> Doc:
    return make_doc(
        "sanmenxia-air-pollution-regulation",
        (REGULATIONS / "河南" / "三门峡市大气污染防治条例(2019-08-27).md").read_text(encoding="utf-8"),
        "三门峡市大气污染防治条例",
        province="河南省",
        city="三门峡市",
        level="市级",
        doc_type="条例",
        effective_date="2019-11-01",
    )


def sanmenxia_fines(doc: Doc) -> Chunk:
    """Articles 47–49 of the 三门峡 regulation merged into one chunk, each keeping its own path."""
    law = ("第六章  法律责任",)
    return doc.chunk(
        "第四十七条",
        "没收烧烤工具，并处五百元以上二千元以下罚款。",
        law,
        "第六章",
        parts=[
            (f"第{n}条", None, (*law, f"第{n}条"), f"第六章.第{n}条") for n in ("四十七", "四十八", "四十九")
        ],
    )


def passages(chunks: list[Chunk], region_label: str = "") -> list[Passage]:
    return [
        Passage(c, score=1.0 / (60 + i + 1), rank=i + 1, region_label=region_label)
        for i, c in enumerate(chunks)
    ]


def analysis(question: str, **kw: object) -> QueryAnalysis:
    from assistant.intent import detect_intent

    search = to_simplified(question)
    return QueryAnalysis(question=question, search=search, intent=detect_intent(search), **kw)  # type: ignore[arg-type]


class Store:
    """``get_doc`` over a few documents."""

    def __init__(self, *docs: Doc) -> None:
        self.docs = {d.doc_id: d.stored for d in docs}

    def __call__(self, doc_id: str) -> StoredDocument:
        return self.docs[doc_id]
