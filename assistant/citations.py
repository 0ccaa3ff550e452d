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
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer.sources import (
    Location,
    SourceCitation,
    cite_span,
    first_sentences,
    locate,
    preamble_dates,
    reference,
    section_tree,
    trim_span,
    verify,
)
from assistant.errors import UserInputError
from assistant.index.docstore import StoredDocument
from assistant.schema import Answer, Citation, Passage, Section, SectionTree
from assistant.sections import pinpoint, section_number

# The citation basics live in assistant.answer.sources (comparison uses them too); they are
# re-exported here for the report-level callers.
__all__ = [
    "BasketEntry",
    "CitationBasket",
    "Location",
    "SourceCitation",
    "cite",
    "cite_span",
    "find_section",
    "from_citation",
    "from_passage",
    "locate",
    "preamble_dates",
    "reference",
    "section_tree",
    "verify",
]

GetDoc = Callable[[str], StoredDocument]

_NOTICE_TITLE = re.compile(r"^.*?关于印发[《“]?(.+?)[》”]?的通知$")


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
        a, b = first_sentences(display, *trim_span(display, body, s.end))
        return cite_span(doc, a, b, note)
    # the document as a whole: quote its first sentence after the title
    first_nl = display.find("\n")
    a, b = first_sentences(display, *trim_span(display, max(first_nl, 0), len(display)), limit=120)
    return cite_span(doc, a, b, note)


def from_citation(c: Citation, doc: StoredDocument, note: str = "") -> SourceCitation:
    """A report citation for one :class:`~assistant.schema.Citation` of an answer."""
    return cite_span(doc, c.quote_start, c.quote_end, note)


def from_passage(p: Passage, doc: StoredDocument, note: str = "") -> SourceCitation:
    """A report citation for a retrieved passage (its text, cut at a sentence end if long)."""
    ch = p.chunk
    a, b = first_sentences(doc.text.display, *trim_span(doc.text.display, ch.start, ch.end))
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
