"""Cross-region (or cross-document) comparison of what the documents require on a topic.

:func:`compare` retrieves within each scope separately (one quota per region or document, never
blended), picks the sentences that state the requirement, and returns one row per scope with

* the requirement(s) as verbatim quotes (display text, the document's own script; each checked
  against the stored text before it is returned),
* the quantities in them (:mod:`assistant.quantities`),
* the responsible units the text names (牵头/责任单位 lines of a work plan, 由…负责, …牵头),
* a citation per requirement (document, 文号, section path, pinpoint, GB/T 7714 reference).

A scope whose best sentence does not cover the topic gets ``status="not_found"``
("未检索到相关规定") with the closest passage attached and marked as such; a region with no
documents at all gets ``status="no_documents"``.
"""

from __future__ import annotations

import csv
import io
import math
import re
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import jieba

from assistant.answer.sources import SourceCitation, cite_span, first_sentences, section_tree, verify
from assistant.chunking import split_row
from assistant.display import short_title
from assistant.index.docstore import StoredDocument
from assistant.numbering import ARTICLE_NUMERAL
from assistant.parts import without_compared_ask
from assistant.quantities import Quantity, parse_quantities, search_text
from assistant.query import docs_in_region, region_label, search_form
from assistant.regions import Region, find_regions, resolve_region
from assistant.retrieve import HybridRetriever
from assistant.schema import Chunk
from assistant.sentences import Unit, chunk_units
from assistant.vocab import alternation, compare_pattern, question_words, vocabulary

NOT_FOUND = "未检索到相关规定"
NO_DOCUMENTS = "文库中没有该地区的文件，未检索到相关规定"
CLOSEST = "最接近的段落（非直接规定）"

RowStatus = Literal["found", "not_found", "no_documents"]

_STOP = vocabulary().topic_stopwords
_COMPARE_WORDS = compare_pattern()
_Q = question_words()
_Q_TAIL = re.compile(rf"(?:{alternation(_Q.compare_tails)}|[？?。！!，,、：:\s])+$")
_OPENER = re.compile(rf"^(?:{alternation(_Q.compare_openers)})")
_CONNECT = re.compile(r"^(?:[和与及跟同、，,\s]|以及)+|(?:[和与及跟同、，,\s]|以及)+$")
_RESP_LINE = re.compile(r"^\s*((?:牵头|责任|配合|主办|协办)(?:单位|部门))\s*[:：]\s*(.+?)\s*$")
_RESP_PAREN = re.compile(
    r"[（(]\s*(?:(?:牵头|责任|配合)(?:单位|部门)\s*[:：]\s*)?"
    r"([^（）()]{2,80}?(?:厅|局|委|办|部门|政府|管委会|分局|中心|公司|单位)(?:[^（）()]{0,40}?)"
    r"(?:牵头|负责|按职责分工负责|配合)?)[）)]"
)
_RESP_BY = re.compile(r"由([^，。；,;：:]{2,40}?)(?:负责|牵头|组织实施|统一)")
_RESP_SUBJ = re.compile(
    r"([^，。；,;：:、（）()]{2,30}?(?:主管部门|部门|厅|局|委员会|委|办公室|管委会|人民政府|政府))"
    r"(?:牵头|负责|会同|统一监督管理|对[^，。；]{0,20}实施统一监督管理)"
)
_ARTICLE_LABEL = re.compile(rf"\s*第[{ARTICLE_NUMERAL}\d]+条\s*")
_UNIT_KINDS = ("sentence", "enum", "paragraph", "item", "article", "lead")


@dataclass
class Requirement:
    """One quoted requirement with its figures, responsible units and citation."""

    citation: SourceCitation
    quantities: list[Quantity] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    score: float = 0.0  # topic coverage in [0, 1]

    @property
    def quote(self) -> str:
        return self.citation.quote

    def to_dict(self) -> dict[str, Any]:
        return {
            "citation": self.citation.to_dict(),
            "quantities": [q.to_dict() for q in self.quantities],
            "responsible": list(self.responsible),
            "score": self.score,
        }


@dataclass
class ComparisonRow:
    """One region (or document) of a comparison."""

    label: str  # "安徽省", "河南省 济源市", or a document's short title
    doc_ids: list[str]
    status: RowStatus
    requirements: list[Requirement] = field(default_factory=list)
    closest: Requirement | None = None  # only when nothing matched: the nearest passage, as such

    @property
    def found(self) -> bool:
        return self.status == "found"

    @property
    def message(self) -> str:
        """ "" when found, else the Chinese note shown in the cell."""
        if self.status == "no_documents":
            return NO_DOCUMENTS
        return NOT_FOUND if self.status == "not_found" else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "doc_ids": list(self.doc_ids),
            "status": self.status,
            "message": self.message,
            "requirements": [r.to_dict() for r in self.requirements],
            "closest": self.closest.to_dict() if self.closest else None,
        }


@dataclass
class Comparison:
    """The result of :meth:`assistant.core.Assistant.compare`: one row per region or document."""

    topic: str
    rows: list[ComparisonRow]
    scope: Literal["region", "document"] = "region"
    question: str = ""  # the chat question this comparison answers, if any

    @property
    def absent(self) -> list[str]:
        """Labels of rows with no matching provision (or no documents)."""
        return [r.label for r in self.rows if not r.found]

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "scope": self.scope,
            "question": self.question,
            "rows": [r.to_dict() for r in self.rows],
        }

    # -- rendering ---------------------------------------------------------------------------

    def table(self) -> list[dict[str, str]]:
        """Flat table rows (one per requirement; one per absent scope), Chinese column names."""
        out: list[dict[str, str]] = []
        head = "地区" if self.scope == "region" else "文件"
        for row in self.rows:
            reqs = row.requirements or ([row.closest] if row.closest else [])
            if not reqs:
                out.append(_cells(head, row.label, row.message, None))
            for r in reqs:
                note = f"{row.message}；{CLOSEST}：" if not row.found else ""
                out.append(_cells(head, row.label, note + r.quote, r))
        return out

    def to_markdown(self) -> str:
        """A Markdown table with a citation per cell, then the references."""
        head = "地区" if self.scope == "region" else "文件"
        lines = [f"**对比主题：{self.topic}**", ""]
        lines.append(f"| {head} | 规定（原文） | 量化指标 | 责任单位 | 出处 |")
        lines.append("|---|---|---|---|---|")
        for row in self.rows:
            label = _md(row.label.replace(" ", ""))
            if row.found:
                for i, r in enumerate(row.requirements):
                    lines.append(
                        f"| {label if i == 0 else ''} | “{_md(_oneline(r.quote))}” | "
                        f"{_md(_quantities(r.quantities)) or '—'} | {_md('；'.join(r.responsible)) or '—'} | "
                        f"{_md(_where(r.citation))} |"
                    )
            elif row.closest is not None:
                r = row.closest
                lines.append(
                    f"| {label} | **{row.message}**。{CLOSEST}：“{_md(_oneline(r.quote))}” | — | — | "
                    f"{_md(_where(r.citation))} |"
                )
            else:
                lines.append(f"| {label} | **{row.message}** | — | — | — |")
        refs: list[str] = []
        for row in self.rows:
            for r in [*row.requirements, *([row.closest] if row.closest else [])]:
                if r.citation.reference not in refs:
                    refs.append(r.citation.reference)
        if refs:
            lines += ["", "参考文献：", ""]
            lines += [f"[{i}] {_md(ref)}" for i, ref in enumerate(refs, start=1)]
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        rows = self.table()
        if not rows:
            return ""
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
        return buf.getvalue()

    def to_docx(self, path: str | Path) -> Path:
        """A Word table (one line per requirement) with footnotes holding the references."""
        from docx import Document
        from docx.oxml.ns import qn
        from docx.shared import Pt

        from assistant.docx_footnotes import Footnotes

        doc = Document()
        style = doc.styles["Normal"]
        style.font.name = "宋体"
        style.font.size = Pt(10)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
        doc.add_heading(f"对比：{self.topic}", level=1)
        notes = Footnotes(doc)
        head = "地区" if self.scope == "region" else "文件"
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, (head, "规定（原文）", "量化指标", "责任单位", "出处"), strict=True
        ):
            cell.text = text
        for row in self.rows:
            reqs = row.requirements or ([row.closest] if row.closest else [])
            if not reqs:
                cells = table.add_row().cells
                cells[0].text = row.label
                cells[1].text = row.message
                continue
            for r in reqs:
                cells = table.add_row().cells
                cells[0].text = row.label
                prefix = "" if row.found else f"{row.message}。{CLOSEST}："
                cells[1].text = f"{prefix}“{_oneline(r.quote)}”"
                notes.add(cells[1].paragraphs[0], r.citation.footnote)
                cells[2].text = _quantities(r.quantities) or "—"
                cells[3].text = "；".join(r.responsible) or "—"
                cells[4].text = _where(r.citation)
        notes.finish()
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(out))
        return out


def _oneline(s: str) -> str:
    return re.sub(r"\s*\n\s*", " ", s.strip())


def _md(s: str) -> str:
    return s.replace("|", "\\|")


def _quantities(qs: Sequence[Quantity]) -> str:
    return "；".join(q.describe() for q in qs)


def _where(c: SourceCitation) -> str:
    number = f"（{c.doc_number}）" if c.doc_number else ""
    where = c.pinpoint or " ".join(c.section_path)
    return f"《{short_title(c.title)}》{number}{where}"


def _cells(head: str, label: str, text: str, r: Requirement | None) -> dict[str, str]:
    return {
        head: label,
        "规定（原文）": text,
        "量化指标": _quantities(r.quantities) if r else "",
        "责任单位": "；".join(r.responsible) if r else "",
        "文件": r.citation.title if r else "",
        "文号": (r.citation.doc_number or "") if r else "",
        "章节": " > ".join(r.citation.section_path) if r else "",
        "出处": r.citation.pinpoint if r else "",
        "参考文献": r.citation.reference if r else "",
    }


# -- topics ----------------------------------------------------------------------------------


# a title in book marks, with a title inside it, and "国家" before a national law's
_TITLE_NAMED = re.compile(r"(?:国家)?《[^《》]*(?:[《〈][^《》〈〉]*[》〉][^《》]*)*》")


def topic_from_question(question: str) -> str:
    """The topic of a comparison question: place names, compare words and question tails removed.

    "安徽和济源在秸秆禁烧方面的要求有何不同？" → "秸秆禁烧"
    """
    s = without_compared_ask(search_form(question).strip(), ask="")
    # the documents compared, named by title ("国家《循环经济促进法》和《某省…条例》"), are whose
    # rules are compared, not what about
    s = _TITLE_NAMED.sub(" ", s)
    for m in sorted(find_regions(s), key=lambda m: -m.start):
        s = s[: m.start] + " " + s[m.end :]
    s = _COMPARE_WORDS.sub(" ", s)
    s = re.sub(r"(?:在|关于|对于|就)?\s*([^\s]*?)\s*(?:方面|领域)", r"\1", s)
    s = _OPENER.sub("", s.strip())
    parts = [_CONNECT.sub("", p) for p in s.split()]
    s = " ".join(p for p in parts if p and p not in _STOP)
    s = _Q_TAIL.sub("", s).strip()
    s = re.sub(r"^(?:[在对的：:，,、\s]|关于)+|的$", "", s).strip()
    return s or search_form(question).strip()


# -- term weights ----------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _synonym_groups() -> tuple[tuple[str, ...], ...]:
    from assistant.indicators import synonym_groups

    return synonym_groups()


def topic_terms(topic: str) -> list[tuple[str, ...]]:
    """The topic's words, each with its synonyms (PM2.5 ≡ 细颗粒物), stopwords removed."""
    s = search_form(topic)
    groups: list[tuple[str, ...]] = []
    used = ""
    for g in _synonym_groups():
        hit = next((a for a in g if a in s), None)
        if hit:
            groups.append(g)
            used += hit + " "
            s = s.replace(hit, " ")
    s = s + " " + used  # the words of a matched name also count alone (partial matches rank)
    for t in jieba.lcut(s):
        t = t.strip()
        if not t or t in _STOP or re.fullmatch(r"[\W_]+", t):
            continue
        if len(t) == 1 and not re.match(r"[A-Za-z0-9]", t):
            continue
        if all(t not in g for g in groups) and (t,) not in groups:
            groups.append((t,))
    return groups


class _Weights:
    """IDF of term groups over all chunks of the library (substring document frequency).

    The texts are held as one string, each ended by a character no text holds, so a term is
    looked for by ``str.find`` over all of them at once (each text counted once, the search going
    on from the next text): a comparison's new words cost a few milliseconds, not a Python loop
    over every chunk per word.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.n = len(texts)
        # a control character no text holds (texts hold none of them; the loop keeps it exact)
        self.sep = next(chr(c) for c in range(0x20) if not any(chr(c) in t for t in texts))
        self.joined = "".join(t + self.sep for t in texts)
        self.cache: dict[tuple[str, ...], float] = {}

    def idf(self, group: tuple[str, ...]) -> float:
        w = self.cache.get(group)
        if w is None:
            df = len(set().union(*(self._holding(a) for a in group)))
            w = self.cache[group] = math.log((self.n + 1) / (df + 0.5))
        return max(w, 0.05)

    def _holding(self, term: str) -> set[int]:
        """Where the texts holding ``term`` end (one position per text, which names it)."""
        joined, sep = self.joined, self.sep
        if sep in term:
            return set()  # no text holds it
        needle = term or sep  # the empty word is in every text: each text's end
        found: set[int] = set()
        at = joined.find(needle)
        while at >= 0:
            end = joined.find(sep, at)
            found.add(end)
            at = joined.find(needle, end + 1)
        return found


IDF_SAMPLE = 50_000  # chunks whose texts give the term weights of a comparison
# The weights are an estimate over a sample of the library, kept while the library stays within
# this fraction of the size they were computed at: an upload of a few documents moves every IDF
# by well under log(1 + REWEIGH_DRIFT), and reading the whole library again after each write was a
# comparison's 0.7 s alone, 2.5-4.6 s under ten users (eval/reports/load.md, run 13). So the
# whole-library read is paid once per tenth of growth or shrinkage: amortised, a write still
# costs what it changes.
REWEIGH_DRIFT = 0.1
# library (its Index) -> (chunks when computed, weights); one computation at a time
_WEIGHTS: weakref.WeakKeyDictionary[Any, tuple[int, _Weights]] = weakref.WeakKeyDictionary()
_WEIGHTS_LOCK = threading.Lock()


# -- responsible units -----------------------------------------------------------------------


def responsible_units(doc: StoredDocument, start: int, end: int) -> list[str]:
    """Responsible units the text states for the requirement at display ``[start, end)``.

    Looks in the requirement itself (由…负责, X牵头/负责, a bracketed list after it) and in the
    labelled lines (牵头单位: / 责任单位: / 配合单位:) of the numbered item it belongs to.
    Returned as written (display text), labelled where the text labels them.
    """
    display, search = doc.text.display, search_text(doc.text.search)
    out: list[str] = []

    def add(s: str) -> None:
        s = s.strip(" ：:，,。；;")
        if s and s not in out and len(s) <= 120:
            out.append(s)

    # the rest of the line after the requirement: a bracketed list "（省生态环境厅牵头…）"
    line_end = display.find("\n", end)
    line_end = len(display) if line_end < 0 else line_end
    tail = search[end : min(line_end, end + 160)]
    m = _RESP_PAREN.match(tail.lstrip("。；;，, "))
    if m:
        off = end + (len(tail) - len(tail.lstrip("。；;，, "))) + m.start(1)
        add(display[off : off + len(m.group(1))])
    for m in _RESP_PAREN.finditer(search[start:end]):
        if re.search(r"牵头|负责|责任|配合", m.group(0)):
            add(display[start + m.start(1) : start + m.end(1)])
    for pat in (_RESP_BY, _RESP_SUBJ):
        for m in pat.finditer(search[start:end]):
            a = start + m.start(1)
            label = _ARTICLE_LABEL.match(search, a, start + m.end(1))
            if label:
                a = label.end()
            add(display[a : start + m.end(1)] + ("负责" if pat is _RESP_BY else ""))
    # labelled lines of the enclosing numbered section (work plans)
    tree = section_tree(doc)
    para = next((p for p in tree.paragraphs if p.start <= start < p.end), None)
    if para is not None and para.path:
        sec = next((s for s in reversed(para.path) if s.kind not in ("enum", "lead")), para.path[-1])
        pos = sec.start
        for line in display[sec.start : sec.end].split("\n"):
            lm = _RESP_LINE.match(search_text(line))
            if lm:
                add(f"{line[lm.start(1) : lm.end(1)]}：{line[lm.start(2) : lm.end(2)]}")
            pos += len(line) + 1
    return out[:6]


# -- comparison ------------------------------------------------------------------------------


@dataclass
class Scope:
    """One row's scope: a label and the documents searched for it (empty: no documents)."""

    label: str
    doc_ids: list[str]


def region_scopes(regions: Sequence[str], docs: Sequence[StoredDocument]) -> list[Scope]:
    """Scopes for region names ("安徽", "河南省 济源市", "北京"); unknown places keep their name."""
    out: list[Scope] = []
    for name in regions:
        name = name.strip()
        if not name:
            continue
        if name in ("全国", "国家"):
            ids = [d.meta.doc_id for d in docs if d.meta.level == "国家"]
            out.append(Scope("全国", ids))
            continue
        region = resolve_region(name)
        if region is None:
            out.append(Scope(name, []))
            continue
        label = region_label(region) or name
        if any(s.label == label for s in out):
            continue
        out.append(Scope(label, docs_in_region(region, docs)))
    return out


def default_scopes(docs: Sequence[StoredDocument]) -> list[Scope]:
    """Every province of the library, plus 全国 for national laws."""
    provinces: list[str] = sorted({d.meta.province for d in docs if d.meta.province})
    scopes = [Scope(p, docs_in_region(Region(p), docs)) for p in provinces]
    national = [d.meta.doc_id for d in docs if d.meta.level == "国家"]
    if national:
        scopes.append(Scope("全国", national))
    return scopes


def doc_scopes(doc_ids: Sequence[str], get_doc: Callable[[str], StoredDocument]) -> list[Scope]:
    out = []
    for did in doc_ids:
        d = get_doc(did)
        out.append(Scope(short_title(d.meta.title), [did]))
    return out


@dataclass
class _Cand:
    doc: StoredDocument
    unit: Unit
    coverage: float
    rank: int
    core: bool  # the rarest topic word is in the unit (or its section heading)

    @property
    def key(self) -> float:
        lead = 0.1 if self.unit.kind == "lead" else 0.0  # a heading-like lead says less than its body
        return self.coverage + (0.15 if self.core else 0.0) + 0.05 / (1 + self.rank) - lead


class Comparer:
    """Builds :class:`Comparison` objects over a retriever and a document getter."""

    def __init__(
        self,
        retriever: HybridRetriever,
        documents: Callable[[], Sequence[StoredDocument]],
        get_doc: Callable[[str], StoredDocument],
        per_scope_k: int = 8,
        max_requirements: int = 2,
        min_coverage: float = 0.6,
        max_quote_chars: int = 260,
    ) -> None:
        self.retriever = retriever
        self.documents = documents
        self.get_doc = get_doc
        self.per_scope_k = per_scope_k
        self.max_requirements = max_requirements
        self.min_coverage = min_coverage
        self.max_quote_chars = max_quote_chars

    def warm(self) -> None:
        """Compute the library's word weights now, not on the first comparison."""
        self._weights()

    def _weights(self) -> _Weights:
        index = self.retriever.index
        n = index.chunk_count()
        with _WEIGHTS_LOCK:  # ten users after a large change: one of them reads the library
            held = _WEIGHTS.get(index)
            if held is None or abs(n - held[0]) > REWEIGH_DRIFT * held[0]:
                # every chunk up to IDF_SAMPLE, else an even sample: memory stays bounded in a
                # large library and document frequencies are estimated as well
                stride = max(1, -(-n // IDF_SAMPLE))
                every = (c.search_text for d in index.documents() for c in d.chunks)
                held = _WEIGHTS[index] = (n, _Weights([t for i, t in enumerate(every) if i % stride == 0]))
            return held[1]

    def compare(
        self,
        topic: str,
        regions: Sequence[str] | None = None,
        docs: Sequence[str] | None = None,
        question: str = "",
    ) -> Comparison:
        topic = topic.strip()
        from assistant.errors import UserInputError

        if not topic:
            raise UserInputError("对比主题不能为空 (empty topic)")
        all_docs = self.documents()
        if docs:
            scopes = doc_scopes(docs, self.get_doc)
            kind: Literal["region", "document"] = "document"
        elif regions:
            scopes = region_scopes(regions, all_docs)
            kind = "region"
        else:
            scopes = default_scopes(all_docs)
            kind = "region"
        terms = topic_terms(topic)
        weights = self._weights()
        rows = [self._row(s, topic, terms, weights) for s in scopes]
        return Comparison(topic=topic, rows=rows, scope=kind, question=question)

    def _row(
        self, scope: Scope, topic: str, terms: list[tuple[str, ...]], weights: _Weights
    ) -> ComparisonRow:
        if not scope.doc_ids:
            return ComparisonRow(scope.label, [], "no_documents")
        passages = self.retriever.search(search_form(topic), self.per_scope_k, scope.doc_ids)
        if not passages:
            return ComparisonRow(scope.label, list(scope.doc_ids), "not_found")
        idf = {g: weights.idf(g) for g in terms}
        total = sum(idf.values()) or 1.0
        core = max(terms, key=lambda g: idf[g]) if terms else None
        cands: list[_Cand] = []
        place = scope.label.split()[-1] if scope.label else ""
        for p in passages:
            ch = p.chunk
            doc = self.get_doc(ch.doc_id)
            context = search_form(" ".join(ch.section_path))
            if ch.table:
                # a table is compared row by row, each read with its header; a row of another
                # place (the 淇县 row of a city plan, in 浚县's scope) is not this scope's
                for u, text in _table_rows(ch, place):
                    s = search_form(f"{' '.join(ch.table_header)} {text}")
                    got = sum(idf[g] if any(a in s for a in g) else 0.0 for g in terms)
                    has_core = core is None or any(a in s or a in context for a in core)
                    cands.append(_Cand(doc, u, got / total, p.rank, has_core))
                continue
            for u in chunk_units(ch.text, ch.start, ch.part_at(ch.start).section_number):
                if u.kind not in _UNIT_KINDS or u.end - u.start < 6:
                    continue
                s = search_text(doc.text.search[u.start : u.end])
                got = sum(
                    idf[g]
                    if any(a in s for a in g)
                    else (0.5 * idf[g] if any(a in context for a in g) else 0.0)
                    for g in terms
                )
                has_core = core is None or any(a in s or a in context for a in core)
                cands.append(_Cand(doc, u, got / total, p.rank, has_core))
        if not cands:
            return ComparisonRow(scope.label, list(scope.doc_ids), "not_found")
        cands.sort(key=lambda c: -c.key)
        good = [c for c in cands if c.coverage >= self.min_coverage and c.core]
        if not good:
            closest = self._requirement(cands[0])
            return ComparisonRow(scope.label, list(scope.doc_ids), "not_found", closest=closest)
        chosen: list[_Cand] = []
        for c in good:
            if len(chosen) >= self.max_requirements:
                break
            if c.coverage < 0.8 * good[0].coverage:
                break
            if any(
                x.doc.meta.doc_id == c.doc.meta.doc_id
                and x.unit.start < c.unit.end
                and c.unit.start < x.unit.end
                for x in chosen
            ):
                continue
            chosen.append(c)
        reqs = [r for r in (self._requirement(c) for c in chosen) if r is not None]
        if not reqs:
            return ComparisonRow(scope.label, list(scope.doc_ids), "not_found")
        return ComparisonRow(scope.label, list(scope.doc_ids), "found", requirements=reqs)

    def _requirement(self, c: _Cand) -> Requirement | None:
        doc = c.doc
        start, end = c.unit.start, c.unit.end
        display = doc.text.display
        if end - start > self.max_quote_chars:
            start, end = first_sentences(display, start, end, self.max_quote_chars)
        cit = cite_span(doc, start, end)
        if not verify(cit, doc):  # the quote must be the stored text, exactly
            return None
        sentence_start = cit.quote_start
        para = display.rfind("\n", 0, sentence_start) + 1
        context = display[para : cit.quote_end]
        qs = [
            q
            for q in parse_quantities(cit.quote, sentence=context, offset=cit.quote_start - para)
            if q.unit not in ("元",) or "罚" not in context
        ] or _row_quantities(doc, cit.quote_start, cit.quote)
        return Requirement(
            citation=cit,
            quantities=qs,
            responsible=responsible_units(doc, cit.quote_start, cit.quote_end),
            score=round(c.coverage, 3),
        )


def _row_quantities(doc: StoredDocument, start: int, quote: str) -> list[Quantity]:
    """The targets of a quoted table row, read with its header (:func:`indicators.row_targets`)."""
    from assistant.indicators import row_targets

    out = []
    for i in row_targets(doc, start):
        at = quote.find(i.quantity_text)
        out.append(
            Quantity(
                value=i.value,
                unit=i.unit,
                comparator=i.comparator,
                text=i.quantity_text,
                start=max(at, 0),
                end=max(at, 0) + len(i.quantity_text),
                year=i.year,
            )
        )
    return out


def _table_rows(chunk: Chunk, place: str) -> list[tuple[Unit, str]]:
    """The data rows of a table chunk as units, leaving out rows that name a place other than
    ``place`` (rows naming no place, or naming it, stay)."""
    out: list[tuple[Unit, str]] = []
    for part in chunk.parts:
        if not part.section_path or not re.fullmatch(r"第\d+行", part.section_path[-1]):
            continue
        text = chunk.text[part.start - chunk.start : part.end - chunk.start]
        cells = [search_form(c) for c in split_row(text)]
        named = [m.text for c in cells for m in find_regions(c) if m.text == c.strip()]
        if named and place and not any(place.startswith(n) or n.startswith(place) for n in named):
            continue
        out.append((Unit(part.start, part.end, "paragraph"), text))
    return out


_ALL_REGIONS = re.compile(alternation(_Q.all_regions))


def is_comparison_question(search: str) -> bool:
    """Whether a question with no place named asks to compare across all regions ("各地…有何不同")."""
    return bool(_ALL_REGIONS.search(search))
