"""Answers that are not picked from passages: provenance, catalogue lists, comparison tables and
multi-part questions, each turned into the one :class:`~assistant.schema.Answer` shape that the
chat shows and the eval scores — text with [n] markers, every marker an exact, checked quote.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.answer.cues import LEAD_MARKERS
from assistant.answer.verify import MARKER, bad_markers, renumber
from assistant.answer.verify import cite_span as chunk_citation
from assistant.catalog import preamble_spans, record_of, revision_count
from assistant.citations import locate, reference
from assistant.compare import Comparison
from assistant.display import short_label
from assistant.index.docstore import StoredDocument
from assistant.numbering import ARTICLE_NUMERAL, ITEM_LABEL, OUTLINE_NUMERAL, cn_date
from assistant.provenance import PhraseHit
from assistant.schema import Answer, CatalogResult, Citation
from assistant.sentences import sentence_around
from assistant.status import UNKNOWN
from assistant.vocab import question_words

GetDoc = Callable[[str], StoredDocument]

NOT_FOUND_PART = "文件中未找到"


def span_citation(doc: StoredDocument, start: int, end: int, marker: int) -> Citation | None:
    """A checked citation of ``display[start:end]`` (cut at its chunk's end), or None."""
    display = doc.text.display
    while start < end and display[start] in " \t\u3000\r\n#":
        start += 1
    chunk = doc.chunk_at(start)
    if chunk is None:
        return None
    end = min(end, chunk.end)
    while end > start and display[end - 1] in " \t\u3000\r\n，,；;：:":
        end -= 1
    quote = display[start:end]
    if not quote or quote != chunk.text[start - chunk.start : end - chunk.start]:
        return None
    return chunk_citation(chunk, start, end, quote, marker=marker)


def outline_label(doc: StoredDocument, start: int, end: int) -> str:
    """Where a span sits, as officials write it: "第十二条第二款" in a regulation, the outline
    numbers "三、（二）1." in a work plan; "" before the first heading."""
    loc = locate(doc, start, end)
    if any(re.fullmatch(rf"第[{ARTICLE_NUMERAL}\d]+条", x) for x in loc.section_number.split(".")):
        return loc.pinpoint or ""
    out = []
    for x in (x for x in loc.section_number.split(".") if x):
        if re.fullmatch(rf"[{OUTLINE_NUMERAL}]+", x):
            out.append(f"{x}、")
        elif re.fullmatch(r"\d+", x):
            out.append(f"{x}.")
        elif ITEM_LABEL.fullmatch(x):
            out.append("（" + x.strip("（）()") + "）")
        else:
            out.append(x)
    label = "".join(out) or loc.pinpoint
    # a work plan's headings say what the part is about: "三、重点任务 › （三）… › 2.…"
    # A resolution's numbered paragraph is its own heading ("三、某项监督工作是…"): the
    # number is already in the label, and a heading the quoted span repeats says nothing new.
    span = re.sub(r"\s+", "", doc.text.display[start:end])
    headings = []
    for h in loc.section_path:
        h = h.strip()
        said = re.sub(r"\s+", "", LEAD_MARKERS.sub("", h, count=1))
        if h and not re.match(rf"^[{OUTLINE_NUMERAL}]+是", h) and said not in span:
            headings.append(h)  # (with its number: "三、重点任务" is how a part is cited)
    if headings:
        label += "（" + " › ".join(_clip(h, 30) for h in headings[-3:]) + "）"
    elif re.fullmatch(rf"[{OUTLINE_NUMERAL}]+、", label):
        label = f"第{label[:-1]}部分"  # a bare "三、" reads as a stray number before the quote
    return label


def _clip(text: str, n: int) -> str:
    text = re.sub(r"\s+", "", text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _record(doc: StoredDocument) -> str:
    """（文号，日期） of a document, whatever of them is known."""
    m = doc.meta
    bits = [b for b in (m.doc_number, cn_date(m.written_date or m.published_date or m.adopted_date)) if b]
    return f"（{'，'.join(bits)}）" if bits else ""


def _finish(question: str, text: str, citations: list[Citation], get_doc: GetDoc, **kw: object) -> Answer:
    """Renumber markers in order of appearance and drop any line whose marker does not verify."""
    text, kept = renumber(text, citations)
    answer = Answer(question=question, text=text, citations=kept, passages=[], **kw)  # type: ignore[arg-type]
    bad = bad_markers(answer, get_doc)
    if bad:
        answer.text = "\n".join(
            ln for ln in text.split("\n") if not any(int(m) in bad for m in MARKER.findall(ln))
        )
        answer.citations = [c for c in kept if c.marker not in bad]
    return answer


def abstention(question: str, text: str, notice: str = "") -> Answer:
    return Answer(question=question, text=text, citations=[], passages=[], abstained=True, notice=notice)


def _with_neighbours(doc: StoredDocument, a: int, b: int) -> tuple[int, int]:
    """The sentence ``[a, b)`` with the one before and the one after it in its paragraph, where
    they are in the same passage (a quote is cited from one)."""
    display, chunk = doc.text.display, doc.chunk_at(a)
    if chunk is None:
        return a, b
    if a > chunk.start and display[a - 1] != "\n":
        a = max(chunk.start, sentence_around(display, a - 1, a - 1)[0])
    if b < chunk.end and display[b - 1] != "\n" and display[b] != "\n":
        b = min(chunk.end, sentence_around(display, b, b + 1)[1])
    return a, b


def provenance_answer(question: str, phrase: str, hits: Sequence[PhraseHit], get_doc: GetDoc) -> Answer:
    """“…”出自《标题》（文号，日期）三、（二）1.：“…原句…”[1] — every document that holds it."""
    if not hits:
        return abstention(
            question,
            f"文库中未找到“{phrase}”这一表述（已按简繁、全半角、标点和空格差异检索全部文件）。",
            notice="短语检索无结果",
        )
    citations: list[Citation] = []
    lines: list[str] = []
    refs: list[str] = []
    seen: set[tuple[str, str]] = set()
    # "原文前后怎么说": the sentence before and after it too, inside its paragraph
    around = any(w in question for w in question_words().provenance_context)
    for hit in hits:
        doc = get_doc(hit.doc_id)
        a, b = sentence_around(doc.text.display, hit.start, hit.end)
        if around:
            a, b = _with_neighbours(doc, a, b)
        where = outline_label(doc, hit.start, hit.end)
        key = (hit.doc_id, where)
        if key in seen:
            continue
        cit = span_citation(doc, a, b, len(citations) + 1)
        if cit is None:
            continue
        seen.add(key)
        citations.append(cit)
        quote = re.sub(r"\s*\n\s*", "", cit.quote)
        label = re.match(rf"第[{ARTICLE_NUMERAL}]+条\s*", quote)
        if label and label.group(0).strip() in where:
            quote = quote[label.end() :]  # the pinpoint already names the article
        line = f"《{short_label(doc.meta.title)}》{_record(doc)}{where}：“{quote}”[{cit.marker}]"
        whole = _article_around(doc.text.display, a, b) if len(hits) == 1 else None
        lead = _lead_in_of(doc.text.display, a) if whole is None else None
        if whole is not None and (full := span_citation(doc, *whole, len(citations) + 1)) is not None:
            # (a short article read whole: the provision the sentence stands in, its other 款)
            citations.append(full)
            text = re.sub(r"\s*\n\s*", "", full.quote)
            line += f"。该条全文：“{text}”[{full.marker}]"
        elif lead is not None and (intro := span_citation(doc, *lead, len(citations) + 1)) is not None:
            # (an item of a list read with the lead-in that says what the list is: "在…二级保护区
            # 内，应当遵守下列规定：")
            citations.append(intro)
            text = re.sub(r"\s*\n\s*", "", intro.quote)
            label = re.match(rf"第[{ARTICLE_NUMERAL}]+条\s*", text)
            line += f"。所在条款的引语：“{text[label.end() if label else 0 :]}”[{intro.marker}]"
        lines.append(line)
        refs.append(f"[{cit.marker}] {reference(doc.meta, doc.text.display)}")
    if not citations:
        return abstention(question, f"文库中未找到“{phrase}”这一表述。")
    exact = all(h.exact for h in hits)
    verb = "出自" if exact else "最接近的原文见于"
    if len(lines) == 1:
        text = f"“{phrase}”{verb}{lines[0]}。"
    else:
        text = f"“{phrase}”{verb}以下{len(lines)}处：\n" + "\n".join(
            f"{i}. {ln}；" for i, ln in enumerate(lines, 1)
        )
    text += "\n参考文献：\n" + "\n".join(refs)
    notice = "" if exact else "未找到完全相同的表述，以下为最接近的原文，请核对措辞。"
    return _finish(question, text, citations, get_doc, notice=notice)


# An article this short is quoted whole beside the sentence a provenance question asks about
WHOLE_ARTICLE_CHARS = 300
_ARTICLE_OPENING = re.compile(rf"(?m)^\s*第[{ARTICLE_NUMERAL}]+条")
_NEXT_PROVISION = re.compile(rf"(?m)^\s*(?:第[{ARTICLE_NUMERAL}]+[条章节]|#)")


_ITEM_OPENING = re.compile(rf"\s*{ITEM_LABEL.pattern}")


def _lead_in_of(display: str, start: int) -> tuple[int, int] | None:
    """The span of the lead-in ("…应当遵守下列规定：") of the list whose item starts at the line of
    ``start``, within its article; None when that line is no item or no lead-in is found."""
    line_start = display.rfind("\n", 0, start) + 1
    if not _ITEM_OPENING.match(display, line_start):
        return None
    openings = [m.start() for m in _ARTICLE_OPENING.finditer(display, 0, start)]
    floor = openings[-1] if openings else 0
    i = line_start - 1
    while i > floor:
        a = display.rfind("\n", 0, i) + 1
        line = display[a:i].strip()
        if line and not _ITEM_OPENING.match(line):
            if line.endswith(("：", ":")):
                return a + (len(display[a:i]) - len(display[a:i].lstrip())), a + len(display[a:i].rstrip())
            return None
        i = a - 1
    return None


def _article_around(display: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the regulation article that holds ``display[start:end]`` when it says more
    than that span and is at most :data:`WHOLE_ARTICLE_CHARS` long; else None."""
    openings = [m.start() for m in _ARTICLE_OPENING.finditer(display, 0, end) if m.start() <= start]
    if not openings:
        return None
    a = openings[-1]
    after = _NEXT_PROVISION.search(display, max(end, a + 1))
    b = after.start() if after else len(display)
    body = display[a:b].strip()
    said = display[start:end].strip()
    if len(body) > WHOLE_ARTICLE_CHARS or len(re.sub(r"\s", "", body)) <= len(re.sub(r"\s", "", said)) + 4:
        return None
    return a, a + len(display[a:b].rstrip())


def catalog_answer(question: str, result: CatalogResult, scope_label: str, get_doc: GetDoc) -> Answer:
    """A cited list of documents, or one document's record (通过日期, 文号, 发文机关)."""
    if not result.items:
        what = "、".join(result.filters) or "所问"
        where = f"{scope_label}" if scope_label else ""
        return abstention(
            question, f"文库中未找到{where}{what}方面的相关文件。", notice="文库目录中无匹配文件"
        )
    citations: list[Citation] = []
    lines: list[str] = []
    by_span: dict[tuple[str, int, int], int] = {}
    facts: dict[str, list[str]] = {}  # one line per document for a record question
    for item in result.items[:30]:
        key = (item.doc.meta.doc_id, item.start, item.end)
        marker = by_span.get(key)
        if marker is None:
            cit = span_citation(item.doc, item.start, item.end, len(citations) + 1)
            if cit is None:
                continue
            citations.append(cit)
            marker = by_span[key] = cit.marker
        quote = citations[marker - 1].quote
        record = item.fact or re.sub(r"\s+", " ", quote.strip().lstrip("#").strip())
        facts.setdefault(item.label, [])
        fact = f"{record}[{marker}]"
        cut = citations[marker - 1].quote_end
        if (
            not item.fact
            and cut < item.end
            and (rest := span_citation(item.doc, cut, item.end, len(citations) + 1))
        ):
            # (a record line longer than its passage goes on in the next one: cited there too)
            citations.append(rest)
            more = re.sub(r"\s+", " ", rest.quote.strip())
            fact += f"{more}[{rest.marker}]"
        if fact not in facts[item.label]:
            facts[item.label].append(fact)
    # one line per document: a list names each document once, with every record asked of it
    joiner = "：" if result.kind == "list" else ""
    lines += [f"{label}{joiner}{'；'.join(fs)}" for label, fs in facts.items()]
    if not citations:
        return abstention(question, "文库中未找到所问文件的相关记载。")
    if result.kind == "list":
        head = f"文库中{scope_label}{'、'.join(result.filters)}相关的文件共{len(lines)}件"
        listed = len({item.doc.meta.doc_id for item in result.items})
        more = f"（仅列出前{len(lines)}件）" if listed > len(lines) else ""
        text = f"{head}{more}：\n" + "\n".join(f"{i}. {ln}；" for i, ln in enumerate(lines, 1))
    else:
        text = "；\n".join(lines) + "。"
    return _finish(question, text, citations, get_doc)


def versions_answer(
    question: str, versions: Sequence[tuple[StoredDocument, str, str]], get_doc: GetDoc
) -> Answer:
    """The texts of one act the library holds, oldest first: each with its version, its status
    and the preamble line that records it. ``versions``: (document, "2017年修正文本", "已修订")."""
    citations: list[Citation] = []
    lines: list[str] = []
    for doc, label, status in versions:
        item = record_of(doc, "revised") or record_of(doc, "adopted")
        cit = span_citation(doc, item.start, item.end, len(citations) + 1) if item else None
        if cit is None:
            continue
        citations.append(cit)
        record = re.sub(r"\s+", " ", cit.quote.strip().lstrip("#").strip())
        # (a text whose status the library cannot tell is listed without one)
        shown = f"（{status}）" if status and status != UNKNOWN else ""
        lines.append(f"{label}{shown}：{record}[{cit.marker}]")
    if not citations:
        return abstention(question, "文库中未找到所问文件的版本记载。")
    if len(versions) == 1:
        # one text held: its preamble records every adoption and revision ("修改过几次", "历次修正")
        doc = versions[0][0]
        history: list[str] = []
        for a, b in preamble_spans(doc):
            cit = span_citation(doc, a, b, len(history) + 2)
            if cit is not None and cit.quote_start != citations[0].quote_start:
                citations.append(cit)
                record = re.sub(r"\s+", " ", cit.quote.strip())
                history.append(f"{record}[{cit.marker}]")
        if history:
            lines[0] += "；该文本题注所载历次制定、修改情况：" + "；".join(history)
    title = short_label(versions[0][0].meta.title)
    text = f"文库中收录《{title}》的{len(lines)}个文本：\n" + "\n".join(
        f"{i}. {ln}；" for i, ln in enumerate(lines, 1)
    )
    text = text.rstrip("；") + "。"
    if len(versions) == 1:
        # "修改过几次": the count the preamble records, said once rather than left to be counted
        revisions = revision_count(versions[0][0])
        if revisions:
            text += f"\n据题注，该法规制定后共修改{revisions}次。"
        elif versions[0][0].meta.adopted_date:
            text += "\n题注未载有修改记录：该法规制定后未经修改。"
    return _finish(question, text, citations, get_doc)


def comparison_answer(question: str, comparison: Comparison, get_doc: GetDoc) -> Answer:
    """The comparison table as cited lines, one per region: what the chat's table says."""
    citations: list[Citation] = []
    lines: list[str] = []
    for row in comparison.rows:
        label = row.label.replace(" ", "")
        if not row.found:
            lines.append(f"{label}：{row.message}")
            continue
        bits = []
        for req in row.requirements[:3]:
            sc = req.citation
            try:
                doc = get_doc(sc.doc_id)
            except (KeyError, LookupError):
                continue
            cit = span_citation(doc, sc.quote_start, sc.quote_end, len(citations) + 1)
            if cit is None:
                continue
            citations.append(cit)
            body = re.sub(r"\s*\n\s*", "", cit.quote).rstrip("。；;，,")
            where = outline_label(doc, cit.quote_start, cit.quote_end)
            bits.append(f"《{short_label(doc.meta.title)}》{where}：{body}[{cit.marker}]")
        lines.append(f"{label}：" + "；".join(bits) if bits else f"{label}：{NOT_FOUND_PART}")
    if not citations:
        return abstention(question, f"所提供的文件中未找到各地关于{comparison.topic}的规定。")
    return _finish(question, "；\n".join(lines) + "。", citations, get_doc)


def per_document_answer(question: str, rows: Sequence[tuple[str, Answer]], get_doc: GetDoc) -> Answer:
    """A comparison of named documents ("国家《…法》和《某省…条例》对此各怎么规定"), one cited
    line per document: each its own answer to the question, as a region's row is its answer."""
    citations: list[Citation] = []
    lines: list[str] = []
    passages = []
    for label, ans in rows:
        if ans.abstained or not ans.citations:
            lines.append(f"{label}：{NOT_FOUND_PART}")
            continue
        offset = len(citations)
        citations += [dataclasses.replace(c, marker=c.marker + offset) for c in ans.citations]
        lines.append(f"{label}：{_shift_markers(ans.text, offset).rstrip('。')}")
        passages += [p for p in ans.passages if p not in passages]
    if not citations:
        return abstention(
            question, "所提供的文件中未找到所问文件对此的规定。", notice="所问文件均未涉及所问内容"
        )
    answer = _finish(question, "；\n".join(lines) + "。", citations, get_doc)
    answer.passages = passages
    return answer


def cited_article_refs(answer: Answer) -> list[tuple[str, str]]:
    """(document id, "第二十五条") of every article an answer quotes, in marker order."""
    out: list[tuple[str, str]] = []
    for c in sorted(answer.citations, key=lambda c: c.marker):
        m = re.search(rf"第[{ARTICLE_NUMERAL}]+条", c.section_number)
        if m and (c.doc_id, m.group(0)) not in out:
            out.append((c.doc_id, m.group(0)))
    return out


def cited_articles(answer: Answer) -> list[str]:
    """The articles ("第二十五条") an answer quotes, in marker order."""
    return list(dict.fromkeys(article for _, article in cited_article_refs(answer)))


def _shift_markers(text: str, offset: int) -> str:
    return MARKER.sub(lambda m: f"[{int(m.group(1)) + offset}]", text)


# "根据《…》第十四条，" before the words of an answer
_LEAD_IN = re.compile(r"^根据《[^》]+》(?:第[^，,]{1,12}条(?:第[^，,]{1,6}款)?)?[，,]\s*")


def _plain(text: str) -> str:
    """An answer's words without how they are laid out: the item labels of the source ("（二）"),
    the numbering of a rendered list ("\n2. "), punctuation and spaces."""
    return re.sub(rf"[（(][{ARTICLE_NUMERAL}]+[）)]|\n\d+\.\s*|[；;。，,：:、\s]", "", text)


def merge_parts(question: str, parts: Sequence[tuple[str, Answer]], get_doc: GetDoc) -> Answer:
    """One answer for a multi-part question: （1）…（2）…, a part not answered says so."""
    citations: list[Citation] = []
    lines: list[str] = []
    passages = []
    quoted: list[tuple[frozenset[tuple[str, str]], str]] = []
    for i, (part, ans) in enumerate(parts, 1):
        # a part answered with exactly what an earlier part said, from the same quotes, has no
        # answer of its own; two record facts cited to one title line (文号, 日期) are two answers
        said = (frozenset((c.doc_id, c.quote) for c in ans.citations), MARKER.sub("", ans.text))
        # or with words an earlier part already quoted ("…不得鸣喇叭" inside (1)'s longer answer)
        body = _LEAD_IN.sub("", said[1]).rstrip("。；")
        within = next(
            (
                k
                for k, (q, text) in enumerate(quoted)
                if q and not ans.abstained and len(body) >= 10 and _plain(body) in _plain(text)
            ),
            None,
        )
        if said[0] and (said in quoted or within is not None):
            # the same provision answers this part too: say so instead of quoting it twice
            first = (quoted.index(said) if said in quoted else within or 0) + 1
            lines.append(f"（{i}）{part.rstrip('？?')}：见（{first}）所引条文。")
            quoted.append(said)
            continue
        quoted.append(said)
        if ans.abstained or not ans.citations:
            lines.append(f"（{i}）{part.rstrip('？?')}：{NOT_FOUND_PART}相关内容。")
            continue
        offset = len(citations)
        for c in ans.citations:
            c.marker += offset
            citations.append(c)
        body = _shift_markers(ans.text, offset)
        lines.append(f"（{i}）{body}")
        passages += [p for p in ans.passages if p not in passages]
    if not citations:
        return abstention(question, "所提供的文件中未找到上述各问的相关规定。")
    answer = _finish(question, "\n".join(lines), citations, get_doc)
    answer.passages = passages
    return answer


ResponseKind = Literal["answer", "comparison", "documents", "provenance"]


@dataclass
class Scope:
    """What the user limited a question to in the interface: regions and/or documents."""

    regions: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)


@dataclass
class Response:
    """What :meth:`Assistant.respond` returns: what the chat shows, the CLI prints and eval scores.

    ``answer`` is always set: the text with its [n] markers and citations (for a comparison, the
    table's rows as cited lines). ``comparison`` is the table itself for a comparison; ``parts``
    holds each part's answer of a multi-part question, and ``part_kinds`` the route each took.
    """

    kind: ResponseKind
    answer: Answer
    comparison: Comparison | None = None
    parts: list[Answer] = field(default_factory=list)
    part_kinds: list[ResponseKind] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.answer.text

    @property
    def citations(self) -> list[Citation]:
        return self.answer.citations

    @property
    def abstained(self) -> bool:
        return self.answer.abstained
