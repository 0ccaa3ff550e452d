"""Where a quote sits in a document and how the document is referenced: the base of every cited
passage, shared by answering, comparison and the citation basket.

* :func:`cite_span` — a :class:`SourceCitation` for a span of a document's display text: verbatim
  quote, pinpoint in the document's own numbering ("第三部分（三）第1项", "第十二条第二款"),
  GB/T 7714-2015 reference (:func:`reference`) and the in-text form (:func:`in_text`).
* :func:`verify` — the quote is exactly the stored text at its offsets.
* :func:`locate` / :func:`section_tree` — the section that holds an offset.

Report-level helpers (the basket, citing a section or a quote found in a document) are in
:mod:`assistant.citations`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from assistant.display import short_title
from assistant.errors import UserInputError
from assistant.index.docstore import StoredDocument
from assistant.numbering import ARTICLE_NUMERAL
from assistant.schema import DocumentMeta, Paragraph, Section, SectionTree
from assistant.sections import article_paragraph_index, parse_sections, pinpoint, section_number
from assistant.sentences import split_spans
from assistant.status import NOT_IN_FORCE

_LAW_TYPES = ("法律", "条例", "规定", "办法", "决议", "决定", "细则")
_CN_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PREAMBLE_VERB = re.compile(r"(通过|批准|修正|修订|修改|公布|施行)")
MAX_QUOTE_CHARS = 300


# -- document locations ----------------------------------------------------------------------

_TREES: dict[tuple[str, str], SectionTree] = {}


def section_tree(doc: StoredDocument) -> SectionTree:
    """The section tree of a stored document (parsed once per document version)."""
    key = (doc.meta.doc_id, doc.content_hash)
    tree = _TREES.get(key)
    if tree is None:
        if len(_TREES) > 512:
            _TREES.clear()
        tree = _TREES[key] = parse_sections(doc.text.display)
    return tree


@dataclass(frozen=True)
class Location:
    """Where an offset sits in a document: headings, dotted number and pinpoint."""

    section_path: tuple[str, ...]
    section_number: str  # "三.（三）.1"
    pinpoint: str  # "第三部分（三）第1项", "第十二条第二款"; "" before the first heading


def locate(doc: StoredDocument, offset: int, end: int | None = None) -> Location:
    """The section of ``doc`` that holds display-text ``offset`` (or the whole span up to ``end``:
    a quote across several 款 or items is pinpointed at their common section)."""
    tree = section_tree(doc)
    if end is not None and end - 1 > offset:
        first, last = _paragraph(tree, offset), _paragraph(tree, end - 1)
        if first is not None and last is not None and first is not last:
            common: list[Section] = []
            for x, y in zip(first.path, last.path, strict=False):
                if x is not y:
                    break
                common.append(x)
            if not common:
                return Location((), "", "")
            return Location(tuple(s.heading for s in common), section_number(common), pinpoint(common))
    para = _paragraph(tree, offset)
    if para is None:
        return Location((), "", "")
    path = para.path
    return Location(
        tuple(s.heading for s in path),
        section_number(path),
        pinpoint(path, article_paragraph_index(tree, para)),
    )


def _paragraph(tree: SectionTree, offset: int) -> Paragraph | None:
    para = next((p for p in tree.paragraphs if p.start <= offset < p.end), None)
    if para is None:
        # between paragraphs (blank line): the last paragraph that starts before the offset
        before = [p for p in tree.paragraphs if p.start <= offset]
        para = before[-1] if before else None
    return para


# -- references ------------------------------------------------------------------------------


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def preamble_dates(display: str) -> list[tuple[str, str]]:
    """(ISO date, verb) pairs from a law's or regulation's preamble lines, in order.

    "1987年9月5日 第六届全国人民代表大会常务委员会第二十二次会议通过" → ("1987-09-05", "通过").
    Only lines before the first chapter or article are read.
    """
    out: list[tuple[str, str]] = []
    for line in display.splitlines()[:30]:
        s = line.strip().lstrip("#").strip()
        if re.match(rf"^(第[{ARTICLE_NUMERAL}]+[章条编节])", s):
            break
        m = _CN_DATE.match(s.lstrip("（(").strip())
        if not m:
            continue
        verbs = _PREAMBLE_VERB.findall(s[m.end() :])
        if verbs:
            out.append((_iso(*m.groups()), verbs[-1]))
    return out


def _law_dates(meta: DocumentMeta, display: str | None) -> list[str]:
    """ "1987-09-05通过", "2018-10-26修正" for a law; from the preamble when it can be read."""
    dated = preamble_dates(display) if display else []
    out: list[str] = []
    adopted = next(((d, v) for d, v in dated if v == "通过"), None)
    revisions = [(d, v) for d, v in dated if v in ("修正", "修订", "修改")]
    if adopted:
        out.append(f"{adopted[0]}通过")
    elif meta.adopted_date:
        out.append(f"{meta.adopted_date}通过")
    if revisions:
        d, v = revisions[-1]
        out.append(f"{d}{'修正' if v == '修改' else v}")
    elif meta.revised_date and meta.revised_date != meta.adopted_date:
        out.append(f"{meta.revised_date}修订")
    if not out and meta.effective_date:
        out.append(f"{meta.effective_date}起施行")
    return out


def is_law(meta: DocumentMeta) -> bool:
    return (meta.doc_type or "") in _LAW_TYPES


def reference(meta: DocumentMeta, display: str | None = None) -> str:
    """A GB/T 7714-2015 style bibliography entry for a document.

    * laws and regulations: ``制定机关. 标题[Z]. 通过日期通过, 修订日期修订.``
    * documents published on the web (a 发布时间 is known): ``发文机关. 标题: 文号[EB/OL]. 日期.``
    * others (no publication record, e.g. an anonymised report): ``标题[Z].``

    Parts that are not known (issuer, 文号, dates) are omitted, never filled in.
    """
    head = f"{meta.issuer}. " if meta.issuer else ""
    title = meta.title.strip()
    if is_law(meta):
        dates = _law_dates(meta, display)
        tail = f". {', '.join(dates)}." if dates else "."
        return f"{head}{title}[Z]{tail}"
    number = f": {meta.doc_number}" if meta.doc_number else ""
    dates = []
    if meta.written_date:
        dates.append(f"{meta.written_date}成文")
    if meta.published_date:
        dates.append(f"{meta.published_date}发布")
    kind = "EB/OL" if meta.published_date else "Z"
    tail = f". {', '.join(dates)}." if dates else "."
    return f"{head}{title}{number}[{kind}]{tail}"


def quote_marks(quote: str) -> tuple[str, str]:
    """“” around a quote, or 「」 when the quote itself holds “”."""
    return ("「", "」") if ("“" in quote or "”" in quote) else ("“", "”")


def in_text(meta: DocumentMeta, where: str, quote: str) -> str:
    """根据《标题》（文号）第三部分（三）第1项的要求，“……”。"""
    number = f"（{meta.doc_number}）" if meta.doc_number else ""
    title = short_title(meta.title)
    if is_law(meta):
        lead = f"根据《{title}》{number}{where}的规定"
    else:
        lead = f"根据《{title}》{number}{where}的要求"
    o, c = quote_marks(quote)
    body = quote.strip().rstrip("。；;，,")
    return f"{lead}，{o}{body}{c}。"


# -- citations -------------------------------------------------------------------------------


@dataclass
class SourceCitation:
    """One cited passage, with everything a report needs.

    ``quote`` is exactly ``display[quote_start:quote_end]`` of the document (its own script).
    """

    doc_id: str
    title: str
    doc_number: str | None
    issuer: str | None
    region: str
    reference: str  # GB/T 7714-2015 entry
    pinpoint: str  # "第三部分（三）第1项"
    section_path: list[str]
    section_number: str
    quote: str
    quote_start: int
    quote_end: int
    in_text: str  # 根据《…》（文号）…的要求，“……”。
    note: str = ""  # the answer sentence or remark this citation supports
    status: str = ""  # legal status of the cited text (已修订, 已废止, …), see assistant.status

    @property
    def footnote(self) -> str:
        """The footnote text: reference, pinpoint and the quote; a text no longer in force says so."""
        where = f"{self.pinpoint}。" if self.pinpoint else ""
        o, c = quote_marks(self.quote)
        warn = f"（注：该文本{self.status}）" if self.status in NOT_IN_FORCE else ""
        return f"{self.reference} {where}原文：{o}{self.quote.strip()}{c}{warn}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SourceCitation:
        return cls(**d)


def trim_span(display: str, start: int, end: int) -> tuple[int, int]:
    while start < end and display[start] in " \t\u3000\r\n":
        start += 1
    while end > start and display[end - 1] in " \t\u3000\r\n，,；;：:":
        end -= 1
    return start, end


def cite_span(doc: StoredDocument, start: int, end: int, note: str = "") -> SourceCitation:
    """A citation of ``doc``'s display text ``[start, end)`` (whitespace trimmed)."""
    display = doc.text.display
    if not (0 <= start < end <= len(display)):
        raise UserInputError(f"引用位置超出文件范围 (span {start}:{end} outside {doc.meta.doc_id})")
    start, end = trim_span(display, start, end)
    quote = display[start:end]
    if not quote:
        raise UserInputError("引用内容为空 (empty quote)")
    loc = locate(doc, start, end)
    meta = doc.meta
    return SourceCitation(
        doc_id=meta.doc_id,
        title=meta.title,
        doc_number=meta.doc_number,
        issuer=meta.issuer,
        region=meta.region,
        reference=reference(meta, display),
        pinpoint=loc.pinpoint,
        section_path=list(loc.section_path),
        section_number=loc.section_number,
        quote=quote,
        quote_start=start,
        quote_end=end,
        in_text=in_text(meta, loc.pinpoint, quote),
        note=note,
    )


def verify(c: SourceCitation, doc: StoredDocument) -> bool:
    """Whether the citation's quote is exactly the document text at its offsets."""
    return doc.text.display[c.quote_start : c.quote_end] == c.quote and bool(c.quote.strip())


def first_sentences(display: str, start: int, end: int, limit: int = MAX_QUOTE_CHARS) -> tuple[int, int]:
    """``[start, end)`` cut at a sentence end so that it is at most ``limit`` characters."""
    if end - start <= limit:
        return start, end
    cut = start
    for _a, b in split_spans(display[start:end]):
        if b > limit and cut > start:
            break
        cut = start + b
        if b > limit:  # a single long first sentence is quoted whole
            break
    return (start, cut) if cut > start else (start, start + limit)
