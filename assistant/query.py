"""Question analysis, before retrieval: which regions, years and document types it is about,
and what kind of answer it wants.

Place names decide scope. A region the corpus covers becomes a filter (or, for a comparison, one
retrieval quota per region); a region it does not cover is reported as missing, so the answer can
say "文件中未涉及" instead of quietly answering from other regions' documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from assistant.answer.intent import detect_intent
from assistant.index.docstore import StoredDocument
from assistant.ingest.normalize import to_simplified_aligned as to_simplified
from assistant.regions import Region, find_regions
from assistant.schema import QueryAnalysis

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_COMPARE_WORDS = (
    "对比",
    "比较",
    "有何不同",
    "有什么不同",
    "有哪些不同",
    "差异",
    "区别",
    "各地",
    "各省",
    "分别",
)
_DOC_TYPES = (
    "工作要点",
    "行动计划",
    "行动方案",
    "实施方案",
    "整改方案",
    "工作总结",
    "条例",
    "办法",
    "规定",
    "法",
)


def search_form(text: str) -> str:
    """Simplified script, half-width letters and digits: the form both indexes were built on."""
    folded = "".join(
        unicodedata.normalize("NFKC", ch) if ("０" <= ch <= "９" or "Ａ" <= ch <= "ｚ") else ch for ch in text
    )
    return to_simplified(folded)


def region_label(r: Region) -> str:
    return " ".join(p for p in (r.province, r.city, r.district) if p)


def docs_in_region(r: Region, docs: Iterable[StoredDocument]) -> list[str]:
    """Documents issued for region ``r`` (a province includes its cities' documents)."""
    out = []
    for d in docs:
        m = d.meta
        if r.district:
            ok = m.district == r.district
        elif r.city:
            ok = m.city == r.city
        else:
            ok = r.province is not None and m.province == r.province
        if ok:
            out.append(m.doc_id)
    return out


def _short_title(title: str) -> str:
    t = re.sub(r"[（(][^）)]*[）)]$", "", to_simplified(title)).strip()
    return t.removeprefix("中华人民共和国")


def docs_named(search: str, docs: Iterable[StoredDocument]) -> list[str]:
    """Documents whose title the question names ("大气污染防治法", "《郑州市扬尘污染防治条例》").

    The longest matching title wins, so "河南省大气污染防治条例" is not read as "大气污染防治法".
    """
    best: list[str] = []
    best_len = 0
    for d in docs:
        short = _short_title(d.meta.title)
        if len(short) >= 4 and short in search:
            if len(short) > best_len:
                best, best_len = [d.meta.doc_id], len(short)
            elif len(short) == best_len:
                best.append(d.meta.doc_id)
    return best


def analyse(question: str, docs: Iterable[StoredDocument]) -> QueryAnalysis:
    search = search_form(question)
    docs = list(docs)
    qa = QueryAnalysis(question=question, search=search, intent=detect_intent(search))
    seen: set[str] = set()
    for mention in find_regions(search):
        label = region_label(mention.region)
        if not label or label in seen:
            continue
        seen.add(label)
        ids = docs_in_region(mention.region, docs)
        if ids:
            qa.regions.append(label)
            qa.region_doc_ids[label] = ids
        else:
            qa.missing_regions.append(label)
    qa.doc_ids = docs_named(search, docs)
    qa.years = sorted({int(y) for y in _YEAR.findall(search)})
    qa.doc_types = [t for t in _DOC_TYPES if t in search and not (t == "法" and "办法" in search)]
    qa.is_comparison = len(qa.regions) + len(qa.missing_regions) >= 2 or any(
        w in search for w in _COMPARE_WORDS
    )
    return qa
