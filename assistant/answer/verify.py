"""Checks every answer passes before it is returned, extractive or LLM-written.

* :func:`verify_citations`: every ``[n]`` marker resolves to a citation, and every citation's quote
  is exactly the document's display text at its offsets.
* :func:`numbers_supported`: every figure, percentage and date in a sentence appears in one of the
  quotes it cites, after normalisation (Traditional → Simplified, full → half width,
  百分之九十五 → 95%, 五千元 → 5000元, 1.2万 ≡ 12000).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an

from assistant.index.docstore import StoredDocument
from assistant.numbering import LARGE_NUMERAL, SMALL_NUMERAL, cn_to_int
from assistant.schema import Answer, Chunk, Citation
from assistant.script import fold_width, to_simplified

GetDoc = Callable[[str], StoredDocument]

MARKER = re.compile(r"\[(\d+)\]")


# -- numbers ---------------------------------------------------------------------------------

_CN_NUMERAL = LARGE_NUMERAL
_CN_DIGIT = SMALL_NUMERAL
# A Chinese numeral is converted only before a measure word or as 百分之X: bare numerals are too
# often words (统一, 一是, 十四五, 二十大).
_CN_UNITS = (
    "元|年|月|日|号|天|个|家|吨|倍|万|亿|公里|千米|米|平方|立方|公顷|亩|千瓦|瓦|户|人|座|台|辆|次|"
    "小时|分贝|项|处|所|种|类|批|微克|毫克|%"
)
_PERCENT_CN = re.compile(rf"百分之([{_CN_NUMERAL}]+(?:点[{_CN_DIGIT}]+)?|\d+(?:\.\d+)?)")
_CN_QUANTITY = re.compile(rf"(?<!第)([{_CN_NUMERAL}]+(?:点[{_CN_DIGIT}]+)?)(?=(?:{_CN_UNITS}))")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_DOC_NUMBER = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
_NUMBER = re.compile(r"(?<![\d.A-Za-z第])(\d+(?:\.\d+)?)(?![\d.]*[A-Za-z])\s*(%|‰|万|亿)?")


def _cn_value(text: str) -> str | None:
    if not any(c in _CN_DIGIT for c in text):
        return None
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        iv = cn_to_int(text)
        return None if iv is None else str(iv)
    return str(value)


def normalize_numbers(text: str) -> str:
    """Simplified, half-width text with Chinese quantities rewritten in Arabic digits."""
    t = fold_width(to_simplified(text))
    t = MARKER.sub("", t)

    def percent(m: re.Match[str]) -> str:
        raw = m.group(1)
        value = raw if raw[0].isdigit() else _cn_value(raw)
        return f"{value}%" if value is not None else m.group(0)

    def quantity(m: re.Match[str]) -> str:
        value = _cn_value(m.group(1))
        return value if value is not None else m.group(0)

    t = _PERCENT_CN.sub(percent, t)
    t = _CN_QUANTITY.sub(quantity, t)
    return _THOUSANDS.sub("", t)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    percent: bool
    scaled: Decimal  # value times 万/亿 when one follows, else value


def extract_figures(text: str) -> list[Figure]:
    """The figures of ``text`` (numbers, percentages, dates' parts); names like PM2.5, ordinals
    (第三条) and document numbers (〔2024〕26号) are not figures."""
    t = _DOC_NUMBER.sub(" ", normalize_numbers(text))
    out = []
    for m in _NUMBER.finditer(t):
        try:
            value = Decimal(m.group(1)).normalize()
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            continue
        suffix = m.group(2) or ""
        scale = {"万": Decimal(10000), "亿": Decimal(100000000)}.get(suffix, Decimal(1))
        out.append(Figure(value, suffix in ("%", "‰"), (value * scale).normalize()))
    return out


def numbers_supported(sentence: str, quotes: list[str]) -> bool:
    """True when every figure of ``sentence`` appears in at least one of ``quotes``.

    >>> numbers_supported("受污染耕地安全利用率达到百分之九十五以上[1]。", ["受污染耕地安全利用率达到95%以上"])
    True
    >>> numbers_supported("利用率达到96%以上。", ["利用率达到95%以上"])
    False
    """
    available = [f for q in quotes for f in extract_figures(q)]
    for f in extract_figures(sentence):
        ok = any(
            (f.value in (q.value, q.scaled) or f.scaled in (q.value, q.scaled))
            and (q.percent or not f.percent)
            for q in available
        )
        if not ok:
            return False
    return True


# -- citations -------------------------------------------------------------------------------


def cite_span(chunk: Chunk, start: int, end: int, quote: str, marker: int = 0) -> Citation:
    """The citation of ``display[start:end]`` inside ``chunk``, with the exact section path of
    the quoted text (not the chunk's merged path). Callers check ``quote`` is that slice."""
    part = chunk.part_at(start)
    return Citation(
        marker=marker,
        doc_id=chunk.doc_id,
        title=chunk.meta.title,
        doc_number=chunk.meta.doc_number,
        section_path=list(part.section_path),
        section_number=part.section_number,
        quote=quote,
        quote_start=start,
        quote_end=end,
        chunk_id=chunk.chunk_id,
        meta=chunk.meta,
    )


def check_citation(c: Citation, get_doc: GetDoc) -> str | None:
    """Why citation ``c`` is not an exact quote of its document, or None when it is."""
    try:
        doc = get_doc(c.doc_id)
    except (KeyError, LookupError, ValueError) as e:
        return f"[{c.marker}] document {c.doc_id!r} cannot be loaded: {e}"
    if doc is None:
        return f"[{c.marker}] document {c.doc_id!r} not found"
    display = doc.text.display
    if not (0 <= c.quote_start < c.quote_end <= len(display)):
        return f"[{c.marker}] offsets {c.quote_start}:{c.quote_end} outside document of {len(display)} chars"
    if display[c.quote_start : c.quote_end] != c.quote:
        return f"[{c.marker}] quote differs from the document text at {c.quote_start}:{c.quote_end}"
    if not c.quote.strip():
        return f"[{c.marker}] empty quote"
    return None


def verify_citations(answer: Answer, get_doc: GetDoc) -> list[str]:
    """Problems with the answer's markers and citations; an empty list means all is well."""
    problems: list[str] = []
    by_marker: dict[int, Citation] = {}
    for c in answer.citations:
        if c.marker in by_marker:
            problems.append(f"[{c.marker}] has more than one citation")
        by_marker[c.marker] = c
    used = {int(m) for m in MARKER.findall(answer.text)}
    for n in sorted(used - by_marker.keys()):
        problems.append(f"[{n}] in the text has no citation")
    for n in sorted(by_marker.keys() - used):
        problems.append(f"[{n}] citation is not used in the text")
    for c in answer.citations:
        problem = check_citation(c, get_doc)
        if problem:
            problems.append(problem)
    return problems


def bad_markers(answer: Answer, get_doc: GetDoc) -> set[int]:
    """Markers whose sentences must go: unresolved markers and citations that are not exact."""
    known = {c.marker for c in answer.citations}
    bad = {int(m) for m in MARKER.findall(answer.text)} - known
    bad |= {c.marker for c in answer.citations if check_citation(c, get_doc)}
    return bad


def renumber(text: str, citations: list[Citation]) -> tuple[str, list[Citation]]:
    """Markers renumbered 1, 2, … in order of first appearance; citations no marker uses dropped."""
    order: list[int] = []
    for m in MARKER.findall(text):
        if int(m) not in order:
            order.append(int(m))
    remap = {old: new for new, old in enumerate(order, 1)}
    text = MARKER.sub(lambda m: f"[{remap.get(int(m.group(1)), 0)}]", text)
    kept = []
    for c in citations:
        if c.marker in remap:
            c.marker = remap[c.marker]
            kept.append(c)
    kept.sort(key=lambda c: c.marker)
    return text, kept
