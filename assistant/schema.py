"""The typed records that flow between the stages.

ingest → :class:`LoadedText` → normalise → :class:`NormalizedText` → metadata → :class:`DocumentMeta`
→ :class:`Document` → sections → :class:`SectionTree` → chunking → :class:`Chunk` → index.

A :class:`Chunk` carries every piece of provenance a citation needs, so citations render from
index metadata alone, without re-reading the source file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from assistant.index.docstore import StoredDocument

Script = Literal["simplified", "traditional"]

SectionKind = Literal[
    "root",  # the document itself
    "part",  # 第X编 / 第X部分
    "chapter",  # 第X章
    "subchapter",  # 第X节
    "article",  # 第X条
    "cn",  # 一、
    "paren_cn",  # （一） / (一)
    "arabic",  # 1. / 1、 / １．
    "paren_arabic",  # （1） / (1)
    "markdown",  # # heading
    "lead",  # unnumbered lead-phrase heading: "严格督察执法。" opening a paragraph
    "enum",  # inline 一是…二是… item inside a paragraph
    "annex",  # 附件1 / 附件: an attachment after the main text, numbered afresh inside
    "table",  # 表N: a Markdown pipe table in the display text (caption as its title)
    "row",  # one data row of a table (第M行; the header row belongs to the table itself)
]


@dataclass(frozen=True)
class LoadedText:
    """A file read into text, before any cleanup.

    Tables are written into ``text`` as Markdown pipe tables (header row, ``| --- |`` rule, data
    rows), whatever the source format, so one section parser turns them into table sections.
    """

    text: str
    format: str  # "txt", "md", "html", "docx", "pdf", "xlsx", "doc", "wps", "ofd", "image"
    encoding: str  # the detected encoding ("utf-8", "gb18030", "big5", "utf-16", or "binary")
    pages: int = 0  # pages (PDF, OFD) or sheets (xlsx) read; 0 where the format has none
    ocr_pages: tuple[int, ...] = ()  # 1-based pages whose text came from OCR
    # What the file says about itself outside its text (OFD DocInfo, DOCX core properties):
    # ("title", …), ("author", …), ("created", ISO date). Only a fallback for metadata.
    properties: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NormalizedText:
    """The two forms every document is kept in.

    ``display`` is in the document's own script (quotes come from it); ``search`` is its Simplified
    form used for indexing, matching and place-name recognition. Both have the same length and are
    aligned character by character, so an offset in one is the same offset in the other.
    """

    display: str
    search: str
    script: Script
    header: str = ""  # header block of a saved web page (发文机关, 文号, dates …), kept for metadata


@dataclass
class DocumentMeta:
    """Metadata of one document. ``None`` means unknown: we never guess."""

    doc_id: str
    title: str
    source_path: str = ""
    issuer: str | None = None  # 发文机关 / 来源 / 制定机关
    doc_number: str | None = None  # 文号, e.g. 济管办〔2024〕26号
    written_date: str | None = None  # 成文日期, ISO yyyy-mm-dd
    published_date: str | None = None  # 发布时间
    adopted_date: str | None = None  # regulations: first adoption
    revised_date: str | None = None  # regulations: latest amendment/revision
    effective_date: str | None = None  # 施行日期
    province: str | None = None  # full name, e.g. 河南省; None for national documents
    city: str | None = None  # e.g. 郑州市
    district: str | None = None  # e.g. 郑州经济技术开发区
    level: str | None = None  # 国家 / 省级 / 市级 / 区县级
    doc_type: str | None = None  # 工作要点, 行动计划, 整改方案, 工作总结, 条例, 法律 …
    script: Script = "simplified"
    # manifest overrides of the legal status derived from the texts (assistant.status): for an act
    # repealed by a decision the library does not hold, or a status the texts do not show
    legal_status: str | None = None  # 现行有效 / 已修订 / 已废止 / 尚未施行
    repealed_by: str | None = None  # doc_id of the act that repealed this one
    superseded_by: str | None = None  # doc_id of the later version of this act

    @property
    def region(self) -> str:
        """Human label of the region: "河南省 郑州市 郑州经济技术开发区", "全国" or "未知"."""
        parts = [p for p in (self.province, self.city, self.district) if p]
        if parts:
            return " ".join(parts)
        return "全国" if self.level == "国家" else "未知"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Document:
    meta: DocumentMeta
    text: NormalizedText
    content_hash: str  # sha256 of the source file bytes

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id


@dataclass
class Section:
    """A node of the section tree.

    ``label`` is the numbering as written ("三、", "（三）", "1.", "第十二条", "一是"), ``title`` the
    heading text after it (may be empty, e.g. for articles). ``start``/``end`` are offsets into the
    display text covering the heading and everything under it; ``body_start`` is where the text
    after the heading begins.
    """

    kind: SectionKind
    label: str
    title: str
    start: int
    end: int
    body_start: int
    depth: int = 0
    number: str = ""  # normalised number used in pinpoints: "三", "（三）", "1", "第十二条"
    children: list[Section] = field(default_factory=list)

    @property
    def heading(self) -> str:
        # "表2 各县目标", "附件1 重点任务清单": these labels are not punctuated like 一、 or （一）
        sep = " " if self.kind in ("table", "annex") and self.title else ""
        return f"{self.label}{sep}{self.title}".strip()

    def walk(self) -> list[Section]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out


@dataclass(frozen=True)
class Paragraph:
    """A span of display text with the section path it belongs to (outermost first, root excluded)."""

    start: int
    end: int
    path: tuple[Section, ...]


@dataclass
class SectionTree:
    root: Section
    paragraphs: list[Paragraph]


@dataclass(frozen=True)
class ChunkPart:
    """A piece of a chunk that sits in one section: merged tiny siblings keep exact pinpoints."""

    start: int
    end: int
    section_number: str
    section_path: tuple[str, ...]


@dataclass
class Chunk:
    """The unit that is embedded, indexed, retrieved and cited."""

    chunk_id: str
    doc_id: str
    text: str  # verbatim display text of the chunk
    start: int  # offsets into the document's display text
    end: int
    section_path: list[str]  # headings, outermost first
    section_number: str  # e.g. "三.（三）.1"
    embed_text: str  # Simplified: title + section path + chunk text
    search_text: str  # Simplified chunk text, for BM25 and matching
    meta: DocumentMeta
    ordinal: int = 0  # position of the chunk within its document
    parts: list[ChunkPart] = field(default_factory=list)
    # Table chunks only: "表2" (or "附件1表2"), the 1-based data rows they hold, and the header
    # cells, which every chunk of a table carries in its embed_text. Empty / 0 elsewhere.
    table: str = ""
    row_start: int = 0
    row_end: int = 0
    table_header: list[str] = field(default_factory=list)
    # The attachments the chunk's text refers to ("目标见附件1"), by section number ("附件1"):
    # what the passage points at is in another chunk, which retrieval cannot know to fetch.
    annex_links: list[str] = field(default_factory=list)

    def part_at(self, offset: int) -> ChunkPart:
        """The part (section) that contains a display-text offset inside this chunk."""
        for p in self.parts:
            if p.start <= offset < p.end:
                return p
        return ChunkPart(self.start, self.end, self.section_number, tuple(self.section_path))

    def to_metadata(self) -> dict[str, str | int | float | bool]:
        """Flat, scalar-only metadata as Chroma stores it."""
        m: dict[str, str | int | float | bool] = {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "ordinal": self.ordinal,
            "section_path": json.dumps(self.section_path, ensure_ascii=False),
            "section_number": self.section_number,
            "search_text": self.search_text,
            "parts": json.dumps(
                [[p.start, p.end, p.section_number, list(p.section_path)] for p in self.parts],
                ensure_ascii=False,
            ),
        }
        if self.table:
            m["table"] = self.table
            m["row_start"] = self.row_start
            m["row_end"] = self.row_end
            m["table_header"] = json.dumps(self.table_header, ensure_ascii=False)
        if self.annex_links:
            m["annex_links"] = json.dumps(self.annex_links, ensure_ascii=False)
        for k, v in self.meta.to_dict().items():
            if v is not None and k != "doc_id":
                m[f"doc_{k}"] = v
        return m

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, embed_text: str, m: dict[str, Any]) -> Chunk:
        meta_fields = {k[4:]: v for k, v in m.items() if k.startswith("doc_") and k != "doc_id"}
        meta = DocumentMeta(doc_id=str(m["doc_id"]), **meta_fields)
        return cls(
            chunk_id=chunk_id,
            doc_id=str(m["doc_id"]),
            text=text,
            start=int(m["start"]),
            end=int(m["end"]),
            section_path=list(json.loads(str(m["section_path"]))),
            section_number=str(m["section_number"]),
            embed_text=embed_text,
            search_text=str(m["search_text"]),
            meta=meta,
            ordinal=int(m.get("ordinal", 0)),
            parts=[
                ChunkPart(int(a), int(b), str(n), tuple(path))
                for a, b, n, path in json.loads(str(m.get("parts", "[]")))
            ],
            # absent in indexes stored before tables existed
            table=str(m.get("table", "")),
            row_start=int(m.get("row_start", 0)),
            row_end=int(m.get("row_end", 0)),
            table_header=list(json.loads(str(m.get("table_header", "[]")))),
            annex_links=list(json.loads(str(m.get("annex_links", "[]")))),
        )


def content_id(*parts: str) -> str:
    """A stable id from content: re-ingesting the same text gives the same id."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


# -- retrieval and answers ------------------------------------------------------------------

Mode = Literal["extractive", "llm"]


@dataclass
class Passage:
    """A retrieved chunk with how it was found. ``rank`` is 1-based in the fused list."""

    chunk: Chunk
    score: float  # fused score (higher is better)
    rank: int = 0
    dense_score: float | None = None  # cosine similarity
    bm25_score: float | None = None
    region_label: str = ""  # the region (or doc) quota this passage was retrieved for, if any


@dataclass
class Citation:
    """What one [n] marker in an answer resolves to.

    ``quote`` is a verbatim substring of the document's stored display text at
    ``[quote_start, quote_end)``; this is checked in code before an answer is returned.
    """

    marker: int  # the n of [n]
    doc_id: str
    title: str
    doc_number: str | None
    section_path: list[str]
    section_number: str
    quote: str
    quote_start: int
    quote_end: int
    chunk_id: str
    meta: DocumentMeta | None = None
    status: str = ""  # legal status of the cited text (已修订, 已废止, …), see assistant.status
    # a quoted table row: its table's header cells, which say what the row's cells are
    table_header: list[str] = field(default_factory=list)


@dataclass
class Answer:
    """The result of :meth:`assistant.core.Assistant.ask`."""

    question: str
    text: str  # short answer in Simplified Chinese with [n] markers
    citations: list[Citation]
    passages: list[Passage]  # the sources shown beside the answer
    abstained: bool = False
    mode: Mode = "extractive"
    notice: str = ""  # e.g. why the LLM answer fell back to extractive
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    resolved_question: str = ""  # the question after follow-up resolution
    regions: list[str] = field(default_factory=list)  # regions the question was scoped to


Intent = Literal["number", "penalty", "deadline", "responsible", "list", "location", "definition", "general"]


@dataclass
class QueryAnalysis:
    """What the question asks about, found before retrieval.

    ``regions`` are labels of regions the corpus covers ("安徽省", "河南省 济源市");
    ``missing_regions`` are places the question names that the corpus does not cover ("北京市"):
    those must be answered as "not in the documents", never with other regions' text.
    """

    question: str
    search: str  # Simplified, width-normalised form used for retrieval
    regions: list[str] = field(default_factory=list)
    missing_regions: list[str] = field(default_factory=list)
    region_doc_ids: dict[str, list[str]] = field(default_factory=dict)  # region label -> its docs
    years: list[int] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)
    intent: Intent = "general"
    is_comparison: bool = False
    doc_ids: list[str] = field(default_factory=list)  # documents the question names by title
    missing_docs: list[str] = field(default_factory=list)  # titles it names that the library lacks
    borrowed_ask: str = ""  # a follow-up's ask taken from the question before it ("会怎么处罚")
    context: str = ""  # search form of the previous question a follow-up was resolved with


@dataclass
class CatalogItem:
    """One document of a catalogue answer and the display span that states the asked fact."""

    doc: StoredDocument
    start: int
    end: int
    label: str  # "《…》"
    # the record in words, when the quoted span does not read as one (a header field, a clause)
    fact: str = ""


@dataclass
class CatalogResult:
    kind: str  # "list", "repealed" or the record asked: "adopted", "approved", "number", "issuer", "date", "length", "effective"
    items: list[CatalogItem] = field(default_factory=list)
    filters: list[str] = field(default_factory=list)  # what the list was filtered by, for the lead
