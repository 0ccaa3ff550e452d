"""文号 (document numbers): finding them, normalising them, and the place their prefix names.

A 文号 is 机关代字 + 〔年份〕 + 序号 + 号 (GB/T 9704-2012 §7.2.4): 淇政办〔2025〕7号. Offices
write the year bracket as 〔〕, [], ［］, (), （）, 【】 or with full-width digits; all are read and
written back with 〔〕. Regulations and rules are numbered by the order that promulgates them
(中华人民共和国国务院令第779号, 生态环境部令 第32号).

The 机关代字 starts with the abbreviation of the issuer's place (豫 河南省, 郑 郑州市, 淇 淇县,
浚 浚县) followed by the organ's code (政 people's government, 政办 its general office, 环 the
environment bureau …). :func:`region_from_prefix` reads the place through the gazetteer: a
province by its official one-character abbreviation, a city or county by its name without the
administrative suffix (淇县 → 淇) or that name's first character (郑州 → 郑, 鹤壁 → 鹤). When a
character could be several places (鹤 is 鹤壁 and 鹤岗; 济 is 济南, 济宁 and 济源) the places the
document itself names decide, and if they do not, the answer is "unknown", never a guess.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from assistant.regions import NATIONAL, Region, gazetteer

_BRACKETS_OPEN = "〔[［(（【"
_BRACKETS_CLOSE = "〕]］)）】"
DOC_NUMBER_RE = re.compile(
    rf"([\u4e00-\u9fff]{{1,12}})\s*[{re.escape(_BRACKETS_OPEN)}]\s*((?:19|20)\d{{2}})\s*"
    rf"[{re.escape(_BRACKETS_CLOSE)}]\s*第?\s*(\d{{1,4}})\s*[号號]"
)
# 中华人民共和国国务院令第779号; 生态环境部令 / 第32号 (the number often on the next line)
ORDER_RE = re.compile(r"([\u4e00-\u9fff]{2,24}令)\s*[(（]?\s*第\s*(\d{1,4})\s*[号號]")
_ORGAN_END = re.compile(r"(国务院|部|委员会|总局|局|署|银行|人民政府|办公厅|院)$")
_CITING = ("根据", "依据", "按照", "依照", "经", "由", "以")
_LEADING_DATE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*")
# A line that is only a 文号, maybe with the signer after it ("签发人：张三").
_ALONE_RE = re.compile(r"^\s*(?P<number>" + DOC_NUMBER_RE.pattern + r")\s*(?:签发人[:：].*)?$")
# Organ codes that follow the place abbreviation in a government's 机关代字.
_GOVERNMENT_CODES = ("政", "府")


def normalize_doc_number(s: str) -> str | None:
    """A 文号 with its year bracket made 〔〕: 济管办[2024]26号 → 济管办〔2024〕26号."""
    m = DOC_NUMBER_RE.search(unicodedata.normalize("NFKC", s))
    if not m:
        return None
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"


def standalone_number(lines: Iterable[str]) -> str | None:
    """The first line that is nothing but a 文号: this document's own number.

    A 文号 inside a sentence ("根据豫政办〔2023〕15号文件") is a reference to another document.
    """
    for line in lines:
        m = _ALONE_RE.match(unicodedata.normalize("NFKC", line.strip()))
        if m:
            return normalize_doc_number(m.group("number"))
    return None


def order_number(lines: list[str]) -> str | None:
    """The promulgating order's number (…令第N号), written on one line or over two."""
    for k, line in enumerate(lines):
        text = unicodedata.normalize("NFKC", line.strip())
        if text.endswith("令") and k + 1 < len(lines):
            text += unicodedata.normalize("NFKC", lines[k + 1].strip())
        text = _LEADING_DATE.sub("", text)  # "2024年4月6日中华人民共和国国务院令第779号公布"
        m = ORDER_RE.match(text)
        if m and _ORGAN_END.search(m.group(1)[:-1]) and not m.group(1).startswith(_CITING):
            return f"{m.group(1)}第{m.group(2)}号"
    return None


def prefix_of(doc_number: str) -> str:
    """The 机关代字 of a normalised 文号: 淇政办〔2025〕7号 → 淇政办."""
    return doc_number.split("〔", 1)[0]


@functools.cache
def _abbreviations() -> tuple[dict[str, tuple[Region, ...]], dict[str, tuple[Region, ...]]]:
    """Place abbreviations → places, as (exact, first-character) tables.

    Exact: provinces' official abbreviations and city/county names without their suffix (淇县 →
    淇). First character: of two-character-or-longer names (郑州 → 郑), a weaker reading.
    """
    g = gazetteer()
    exact: dict[str, set[Region]] = {}
    first: dict[str, set[Region]] = {}
    for alias, entries in g.aliases.items():
        for e in entries:
            if e.kind == "abbr":
                exact.setdefault(alias, set()).add(e.region)
    for r in (*g.cities, *g.districts):
        stem = _stem(r.district or r.city or "")
        if stem:
            exact.setdefault(stem, set()).add(r)
            if len(stem) >= 2:
                first.setdefault(stem[0], set()).add(r)
    return ({k: tuple(v) for k, v in exact.items()}, {k: tuple(v) for k, v in first.items()})


_SUFFIXES = ("特别行政区", "自治州", "自治县", "地区", "林区", "新区", "市", "县", "区", "盟", "旗")


def _stem(name: str) -> str:
    """淇县 → 淇, 郑州市 → 郑州, 济源市 → 济源; development zones and the like have none."""
    for s in _SUFFIXES:
        if name.endswith(s) and len(name) > len(s):
            stem = name[: -len(s)]
            return "" if any(w in stem for w in ("开发", "示范", "实验", "园")) else stem
    return ""


def region_from_prefix(prefix: str, context: Iterable[Region] = ()) -> Region | None:
    """The place a 机关代字 names (淇政办 → 淇县), or None when it names none or is ambiguous.

    ``context`` holds places the document names elsewhere; they choose among candidates. A code
    made of one place character and no government organ code (淇环, 济管办) is only trusted
    when ``context`` agrees, because the first character of an organ's own name is also used
    (环 for an environment ministry's 环办).
    """
    if prefix.startswith("国"):  # 国发, 国办发, 国函: the State Council and its office
        return NATIONAL
    exact, first = _abbreviations()
    places = list(context)
    for n, table in ((2, exact), (1, exact), (1, first)):
        head, rest = prefix[:n], prefix[n:]
        if not rest or head not in table:
            continue
        candidates = _outermost(table[head])
        # a province's own abbreviation wins over a county's name (苏政 is 江苏, not a 苏 county)
        provinces = [r for r in candidates if r.city is None]
        if provinces:
            candidates = provinces
        agreeing = [r for r in candidates if any(_related(r, p) for p in places)]
        if len(agreeing) == 1:
            return agreeing[0]
        if len(candidates) == 1 and (rest.startswith(_GOVERNMENT_CODES) or candidates[0].city is None):
            return candidates[0]
        if len(candidates) > 1:
            return None  # ambiguous, and the document does not say which
    return None


def _outermost(regions: Iterable[Region]) -> list[Region]:
    """Drop places that lie inside another candidate (郑东新区 inside 郑州市)."""
    rs = list(regions)
    return [r for r in rs if not any(o != r and o.contains(r) for o in rs)]


def _related(candidate: Region, place: Region) -> bool:
    """Whether a place the document names confirms a candidate (it lies inside it or holds it)."""
    if place.province is None:
        return False
    return candidate.contains(place) or place.contains(candidate)
