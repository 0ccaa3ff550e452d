"""Report-ready citations: GB/T 7714-2015 references, pinpoints, in-text quotes, a citation basket.

* :func:`reference` — the bibliography entry for a document, from its metadata and (for laws and
  regulations) the dates its own preamble states; unknown parts are left out, never guessed::

      济源示范区管委会办公室. 济源产城融合示范区管理委员会办公室关于印发济源示范区2024年生态环境保护工作要点的通知:
      济管办〔2024〕26号[EB/OL]. 2024-09-24成文, 2024-09-30发布.

* :func:`cite` / :func:`from_citation` / :func:`from_passage` — a :class:`SourceCitation` for a span
  of a document: verbatim quote (display text, the document's own script), pinpoint in the
  document's own numbering ("第三部分（三）第1项", "第十二条第二款") and the in-text form
  根据《济源示范区2024年生态环境保护工作要点》（济管办〔2024〕26号）第三部分（三）第1项的要求，“……”。
* :class:`CitationBasket` — citations collected from several answers, exported as Markdown
  (footnotes ``[^n]``) or Word (real footnotes, see :mod:`assistant.docx_footnotes`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.display import short_title
from assistant.errors import UserInputError
from assistant.index.docstore import StoredDocument
from assistant.numbering import ARTICLE_NUMERAL
from assistant.schema import Answer, Citation, DocumentMeta, Paragraph, Passage, Section, SectionTree
from assistant.sections import article_paragraph_index, parse_sections, pinpoint, section_number
from assistant.sentences import split_spans
from assistant.status import NOT_IN_FORCE

GetDoc = Callable[[str], StoredDocument]

_LAW_TYPES = ("法律", "条例", "规定", "办法", "决议", "决定", "细则")
_NOTICE_TITLE = re.compile(r"^.*?关于印发[《“]?(.+?)[》”]?的通知$")
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


def _trim(display: str, start: int, end: int) -> tuple[int, int]:
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
    start, end = _trim(display, start, end)
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


def _norm_number(s: str) -> str:
    s = s.strip().replace("(", "（").replace(")", "）").replace("．", ".").replace("、", "")
    return re.sub(r"\s+", "", s)


def _section_paths(tree: SectionTree) -> list[tuple[Section, ...]]:
    out: list[tuple[Section, ...]] = []

    def walk(s: Section, path: tuple[Section, ...]) -> None:
        here = (*path, s) if s.kind != "root" else path
        if s.kind != "root":
            out.append(here)
        for c in s.children:
            walk(c, here)

    walk(tree.root, ())
    return out


def find_section(doc: StoredDocument, section: str) -> Section:
    """The section named by ``section``: a pinpoint ("第三部分（三）第1项"), a dotted number
    ("三.（三）.1"), an article ("第十二条") or words of its heading ("蓝天保卫战")."""
    want = _norm_number(section)
    if not want:
        raise UserInputError("章节不能为空 (empty section)")
    paths = _section_paths(section_tree(doc))
    for match in (
        lambda p: _norm_number(section_number(p)) == want,
        lambda p: _norm_number(pinpoint(p)) == want,
        lambda p: _norm_number(p[-1].number) == want or _norm_number(p[-1].label) == want,
        lambda p: want in _norm_number(p[-1].heading),
    ):
        hits = [p for p in paths if match(p)]
        if hits:
            return min(hits, key=len)[-1]
    raise UserInputError(f"在 {doc.meta.doc_id} 中找不到章节“{section}” (section not found)")


def _first_sentences(display: str, start: int, end: int, limit: int = MAX_QUOTE_CHARS) -> tuple[int, int]:
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


def cite(
    doc: StoredDocument,
    section: str | None = None,
    quote: str | None = None,
    note: str = "",
) -> SourceCitation:
    """Cite ``doc``: a given quote (found verbatim, in either script), a section, or its opening.

    ``quote`` may be written in Simplified for a Traditional document: it is found in the
    Simplified search form and quoted from the display text at the same offsets.
    """
    display, search = doc.text.display, doc.text.search
    lo, hi = 0, len(display)
    if section:
        s = find_section(doc, section)
        lo, hi = s.start, s.end
    if quote:
        q = quote.strip().strip("“”「」\"'")
        from assistant.quantities import search_text

        i = display.find(q, lo, hi)
        if i < 0:
            i = search.find(search_text(q), lo, hi)
        if i < 0:
            i = search_text(search).find(search_text(q), lo, hi)
        if i < 0:
            raise UserInputError(
                f"在 {doc.meta.doc_id} 中找不到引文“{quote[:30]}” (quote not found verbatim)"
            )
        return cite_span(doc, i, i + len(q), note)
    if section:
        s = find_section(doc, section)
        body = s.body_start if s.body_start < s.end and display[s.body_start : s.end].strip() else s.start
        a, b = _first_sentences(display, *_trim(display, body, s.end))
        return cite_span(doc, a, b, note)
    # the document as a whole: quote its first sentence after the title
    first_nl = display.find("\n")
    a, b = _first_sentences(display, *_trim(display, max(first_nl, 0), len(display)), limit=120)
    return cite_span(doc, a, b, note)


def from_citation(c: Citation, doc: StoredDocument, note: str = "") -> SourceCitation:
    """A report citation for one :class:`~assistant.schema.Citation` of an answer."""
    return cite_span(doc, c.quote_start, c.quote_end, note)


def from_passage(p: Passage, doc: StoredDocument, note: str = "") -> SourceCitation:
    """A report citation for a retrieved passage (its text, cut at a sentence end if long)."""
    ch = p.chunk
    a, b = _first_sentences(doc.text.display, *_trim(doc.text.display, ch.start, ch.end))
    return cite_span(doc, a, b, note)


# -- the basket ------------------------------------------------------------------------------


@dataclass
class BasketEntry:
    """A piece of report text (an answer, or a note) and the citations supporting it."""

    text: str
    citations: list[SourceCitation] = field(default_factory=list)
    question: str = ""


_MARKER = re.compile(r"\[(\d+)\]")


@dataclass
class CitationBasket:
    """Citations collected across answers, for export into a report.

    >>> basket = CitationBasket()
    >>> basket.add_answer(answer, assistant.document)            # doctest: +SKIP
    >>> basket.add(assistant.cite("henan-jiyuan-2024-work-points", section="二"))  # doctest: +SKIP
    >>> basket.to_docx("引用.docx"); print(basket.to_markdown())  # doctest: +SKIP

    The basket is plain data (:meth:`to_json` / :meth:`from_json`), so a web session can keep it.
    """

    title: str = "政策文件引用"
    entries: list[BasketEntry] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, citation: SourceCitation, text: str = "") -> int:
        """Add one citation (with optional report text; default: its in-text form). Returns its index."""
        self.entries.append(BasketEntry(text=text, citations=[citation]))
        return len(self.entries) - 1

    def add_answer(self, answer: Answer, get_doc: GetDoc) -> int:
        """Add an answer: its text with its [n] markers, each resolved to a report citation."""
        cits = [from_citation(c, get_doc(c.doc_id)) for c in sorted(answer.citations, key=lambda c: c.marker)]
        self.entries.append(BasketEntry(text=answer.text, citations=cits, question=answer.question))
        return len(self.entries) - 1

    def remove(self, index: int) -> None:
        if not 0 <= index < len(self.entries):
            raise UserInputError(f"引用篮中没有第 {index + 1} 项 (no entry {index})")
        del self.entries[index]

    def clear(self) -> None:
        self.entries.clear()

    def citations(self) -> list[SourceCitation]:
        return [c for e in self.entries for c in e.citations]

    def references(self) -> list[str]:
        """Distinct bibliography entries, in order of first citation."""
        out: list[str] = []
        for c in self.citations():
            if c.reference not in out:
                out.append(c.reference)
        return out

    # -- export ------------------------------------------------------------------------------

    def _paragraphs(self) -> Iterable[tuple[BasketEntry, list[tuple[str, SourceCitation | None]]]]:
        """Each entry as pieces of text, each piece followed by the citation it carries (or None)."""
        for e in self.entries:
            if not e.text.strip():
                pieces: list[tuple[str, SourceCitation | None]] = [(c.in_text, c) for c in e.citations]
                yield e, pieces
                continue
            pieces = []
            pos = 0
            used: set[int] = set()
            for m in _MARKER.finditer(e.text):
                n = int(m.group(1))
                cit = e.citations[n - 1] if 0 < n <= len(e.citations) else None
                pieces.append((e.text[pos : m.start()], cit))
                used.add(n)
                pos = m.end()
            pieces.append((e.text[pos:], None))
            # citations the text does not mark go at its end
            for i, c in enumerate(e.citations, start=1):
                if i not in used:
                    pieces.append(("", c))
            yield e, pieces

    def to_markdown(self) -> str:
        """Markdown with footnotes ``[^n]`` holding reference, pinpoint and quote."""
        lines = [f"# {self.title}", ""]
        notes: list[str] = []
        for e, pieces in self._paragraphs():
            if e.question:
                lines.append(f"**问：** {e.question}")
                lines.append("")
            buf = []
            for text, cit in pieces:
                buf.append(text)
                if cit is not None:
                    notes.append(cit.footnote)
                    buf.append(f"[^{len(notes)}]")
            lines.append("".join(buf).strip())
            lines.append("")
        if notes:
            lines += [f"[^{i}]: {n}" for i, n in enumerate(notes, start=1)]
            lines.append("")
        refs = self.references()
        if refs:
            lines += ["## 参考文献", ""]
            lines += [f"[{i}] {r}" for i, r in enumerate(refs, start=1)]
            lines.append("")
        return "\n".join(lines)

    def to_docx(self, path: str | Path) -> Path:
        """A Word document: the report text with real footnotes, then the reference list."""
        from docx import Document
        from docx.oxml.ns import qn
        from docx.shared import Pt

        from assistant.docx_footnotes import Footnotes

        doc = Document()
        style = doc.styles["Normal"]
        style.font.name = "宋体"
        style.font.size = Pt(11)
        rpr = style.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
        doc.add_heading(self.title, level=1)
        notes = Footnotes(doc)
        for e, pieces in self._paragraphs():
            if e.question:
                q = doc.add_paragraph()
                q.add_run("问：").bold = True
                q.add_run(e.question)
            for i, line in enumerate(_split_lines(pieces)):
                p = doc.add_paragraph()
                if i == 0 and e.question:
                    p.add_run("答：").bold = True
                for text, cit in line:
                    if text:
                        p.add_run(text)
                    if cit is not None:
                        notes.add(p, cit.footnote)
        refs = self.references()
        if refs:
            doc.add_heading("参考文献", level=2)
            for i, r in enumerate(refs, start=1):
                doc.add_paragraph(f"[{i}] {r}")
        notes.finish()
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(out))
        return out

    def to_json(self) -> str:
        return json.dumps(
            {
                "title": self.title,
                "entries": [
                    {"text": e.text, "question": e.question, "citations": [c.to_dict() for c in e.citations]}
                    for e in self.entries
                ],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, data: str) -> CitationBasket:
        d = json.loads(data)
        return cls(
            title=d.get("title", "政策文件引用"),
            entries=[
                BasketEntry(
                    text=e.get("text", ""),
                    question=e.get("question", ""),
                    citations=[SourceCitation.from_dict(c) for c in e.get("citations", [])],
                )
                for e in d.get("entries", [])
            ],
        )


def _split_lines(
    pieces: list[tuple[str, SourceCitation | None]],
) -> list[list[tuple[str, SourceCitation | None]]]:
    """Pieces regrouped into lines at the newlines of their text (one Word paragraph a line)."""
    lines: list[list[tuple[str, SourceCitation | None]]] = [[]]
    for text, cit in pieces:
        parts = text.split("\n")
        for j, part in enumerate(parts):
            if j > 0:
                lines.append([])
            last = j == len(parts) - 1
            lines[-1].append((part, cit if last else None))
    return [ln for ln in lines if any(t.strip() or c is not None for t, c in ln)]
