"""The indicator matrix: every quantitative target of every document, with normalised names.

An indicator is a figure that a document sets as a target or limit for an environmental
indicator ("受污染耕地安全利用率达到95%以上", "细颗粒物(PM2.5)平均浓度36.8微克/立方米以下",
"清洁能源发电装机容量累计达到4万千瓦"), found as:

* a known indicator name (:data:`CANONICAL`, with the spellings documents use: 细颗粒物 / PM2.5,
  优良天数比例 / 比率, 劣V类 / 劣五类 …) before the figure in the same clause, or
* a rate or share word (…率, …比例, …比率) directly before the comparator and figure,

with a comparator (达到/不低于/以上/下降 …) or a target year. Penalties and fees (罚款, 元) are
never indicators, and neither are figures without a name (durations, counts of meetings).

:func:`extract` reads one document; :func:`extract_all` the library; :func:`to_csv`,
:func:`to_xlsx` and :func:`chart` export.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from assistant.answer.sources import Location, locate, reference
from assistant.display import short_title
from assistant.index.docstore import StoredDocument
from assistant.numbering import OUTLINE_NUMERAL
from assistant.quantities import (
    POST_COMPARATORS,
    PRE_COMPARATORS,
    ROMAN_OUT,
    Quantity,
    is_penalty,
    parse_quantities,
    search_text,
)
from assistant.schema import DocumentMeta
from assistant.sentences import protected_ranges, split_spans

# canonical name -> spellings in the Simplified, width-folded search form (longest tried first)
CANONICAL: dict[str, tuple[str, ...]] = {
    "PM2.5浓度": ("细颗粒物(PM2.5)", "细颗粒物（PM2.5）", "细颗粒物", "PM2.5"),
    "PM10浓度": ("可吸入颗粒物(PM10)", "可吸入颗粒物", "PM10"),
    "臭氧浓度": ("臭氧(O3)", "臭氧浓度"),
    "优良天数比例": (
        "空气质量优良天数比例",
        "空气质量优良天数比率",
        "优良天数比例",
        "优良天数比率",
        "优良天数",
        "AQI指数优良率",
        "空气质量优良率",
    ),
    "重污染天数比例": ("重污染天数比率", "重污染天数比例", "重污染天比例", "重污染天数"),
    "地表水水质优良比例": (
        "国考断面水质优良(Ⅰ—Ⅲ类)比例",
        "水质优良(Ⅰ—Ⅲ类)比例",
        "水质优良断面比例",
        "水质优良比例",
        "达到或优于三类水质",
        "达到或优于Ⅲ类",
    ),
    "劣V类水体比例": (
        "劣V类比例",
        "劣Ⅴ类比例",
        "劣五类水体比例",
        "劣V类水体",
        "劣Ⅴ类水体",
        "劣五类水体",
        "劣V类",
        "劣Ⅴ类",
    ),
    "饮用水水源地水质达标率": (
        "集中式饮用水水源地取水水质达标率",
        "饮用水水源地取水水质达标率",
        "饮用水水源地水质达标率",
        "饮用水水源水质达标率",
        "饮用水源水质达标率",
        "饮用水源地水质达标率",
        "取水水质达标率",
    ),
    "受污染耕地安全利用率": ("受污染耕地安全利用率",),
    "重点建设用地安全利用率": ("重点建设用地安全利用率", "建设用地安全利用率"),
    "农村生活污水治理率": ("农村生活污水治理率", "农村生活污水治理(管控)率"),
    "农村黑臭水体治理": ("农村黑臭水体",),
    "城市黑臭水体治理": ("黑臭水体",),
    "清洁能源装机容量": ("清洁能源发电装机容量", "清洁能源装机容量", "清洁能源装机"),
    "新能源汽车": ("新能源汽车",),
    "生活污水集中收集率": ("城市生活污水集中收集率", "生活污水集中收集率", "污水集中收集率"),
    "污水处理率": ("城市污水处理率", "生活污水处理率", "污水处理率"),
    "生态流量达标率": ("生态流量达标率",),
    "化肥农药利用率": ("化肥农药利用率",),
    "畜禽粪污综合利用率": ("畜禽粪污综合利用率",),
    "废旧农膜回收处理率": ("废旧农膜回收处理率", "农膜回收率"),
    "秸秆综合利用率": ("秸秆综合利用率",),
    "降尘量": ("平均降尘量", "降尘量"),
    "生活垃圾无害化处理率": ("生活垃圾无害化处理率",),
    "生活垃圾回收利用率": ("生活垃圾回收利用率",),
    "一般工业固体废物综合利用率": ("一般工业固体废物综合利用率", "工业固体废物综合利用率"),
    "森林覆盖率": ("森林覆盖率",),
    "建成区绿化覆盖率": ("建成区绿化覆盖率",),
    "湿地保护率": ("湿地保护率",),
    "单位GDP二氧化碳排放": ("单位国内生产总值二氧化碳排放", "单位GDP二氧化碳排放"),
    "化学需氧量减排": ("化学需氧量",),
    "氨氮减排": ("氨氮",),
    "氮氧化物减排": ("氮氧化物",),
    "挥发性有机物减排": ("挥发性有机物",),
    "二氧化硫减排": ("二氧化硫",),
    "水质类别": ("水质",),
}
# written and read as the same topic in search and comparison
EXTRA_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("PM2.5", "细颗粒物"),
    ("PM10", "可吸入颗粒物"),
    ("VOCs", "挥发性有机物"),
    ("优良天数比例", "优良天数比率"),
    ("劣V类", "劣Ⅴ类", "劣五类"),
)
_MONEY = ("元", "万元", "亿元")
_NAME_END = r"(?:率|比例|比率)"
_GENERIC = re.compile(rf"([\u4e00-\u9fffA-Za-z0-9.()（）—\-ⅠⅡⅢⅣⅤ]{{2,30}}?{_NAME_END})\s*$")
_GAP = re.compile(
    r"^(?:[\s要应须将]|力争|确保|稳定|保持|年均|累计|分别|均|全部|基本|总体|持续|平均|每年|进一步)*"
    rf"(?:{'|'.join(PRE_COMPARATORS)})?\s*(?:[\s约累计]|力争)*$"
)
_NAME_PREFIX = re.compile(
    r"^(?:[，、。；:：]|全省|全市|全区|全县|全域|全国|辖区|本市|本省|我市|我省|各地|各市|全年|其中|力争|确保|使|"
    r"推动|实现|保持|将|要|到\d{4}年|\d{4}年|年底前|年底|前|和|及|与|的|城市)+"
)
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?![—–\-－~～至到])")
_CLAUSE_CUT = re.compile(r"[，,；;。！？!?：:\n]")


@dataclass
class Indicator:
    """One quantitative target, normalised, with its source."""

    name: str  # normalised: "PM2.5浓度", "优良天数比例", or the document's own rate name
    raw_name: str  # as written (display script): "细颗粒物(PM2.5)平均浓度"
    value: float
    unit: str
    comparator: str  # 以上/以下/不低于/达到/下降 …
    verb: str
    year: int | None
    deadline: str | None
    baseline_year: int | None
    region: str  # "河南省 济源市"
    province: str | None
    doc_id: str
    title: str
    doc_number: str | None
    doc_type: str | None
    pinpoint: str
    section_path: list[str]
    quote: str  # the sentence, verbatim display text
    quote_start: int
    quote_end: int
    quantity_text: str  # the figure as written: "36.8微克/立方米以下"
    reference: str
    known: bool = True  # the name is one of CANONICAL (False: a rate named by the document)

    @property
    def value_text(self) -> str:
        return f"{self.value:g}"

    @property
    def target(self) -> str:
        """ "达到 95%以上", "下降 4%（较2015年）"."""
        post = self.comparator if self.comparator in POST_COMPARATORS else ""
        verb = self.verb if self.verb and self.verb != self.comparator else ("" if post else self.comparator)
        base = f"（较{self.baseline_year}年）" if self.baseline_year else ""
        value = ROMAN_OUT.get(int(self.value), self.value_text) if self.unit == "类" else self.value_text
        return f"{verb}{value}{self.unit}{post}{base}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["target"] = self.target
        return d

    def row(self) -> dict[str, str]:
        """A flat row with Chinese column names (CSV/XLSX/table)."""
        return {
            "指标": self.name,
            "原文指标名": self.raw_name,
            "数值": self.value_text,
            "单位": self.unit,
            "比较": self.comparator,
            "目标": self.target,
            "年份": str(self.year or ""),
            "期限": self.deadline or "",
            "地区": self.region,
            "文件": short_title(self.title),
            "文号": self.doc_number or "",
            "出处": self.pinpoint or " ".join(self.section_path),
            "原文": self.quote,
            "文件编号": self.doc_id,
        }


COLUMNS = [
    "指标",
    "原文指标名",
    "数值",
    "单位",
    "比较",
    "目标",
    "年份",
    "期限",
    "地区",
    "文件",
    "文号",
    "出处",
    "原文",
    "文件编号",
]


def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Spelling groups used to match topics across documents (longest spelling first)."""
    groups = [tuple(sorted(set(v), key=len, reverse=True)) for k, v in CANONICAL.items() if k != "水质类别"]
    groups += [tuple(sorted(g, key=len, reverse=True)) for g in EXTRA_SYNONYMS]
    return tuple(sorted(groups, key=lambda g: -len(g[0])))


_ALIASES: list[tuple[str, str]] = sorted(
    ((a, name) for name, aliases in CANONICAL.items() for a in aliases), key=lambda t: -len(t[0])
)


def normalise_name(raw: str) -> str:
    """The canonical name of an indicator spelling, or the spelling cleaned of place words."""
    s = search_text(raw)
    for alias, name in _ALIASES:
        if alias in s and name != "水质类别":
            return name
    return _NAME_PREFIX.sub("", s).strip() or s


def _alias_hits(seg: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, canonical) known-name hits in a search-form segment."""
    taken: list[tuple[int, int, str]] = []
    for alias, name in _ALIASES:
        for m in re.finditer(re.escape(alias), seg):
            if any(a < m.end() and m.start() < b for a, b, _ in taken):
                continue
            taken.append((m.start(), m.end(), name))
    return sorted(taken)


def _title_year(title: str) -> int | None:
    years = {int(y) for y in _TITLE_YEAR.findall(search_text(title))}
    return years.pop() if len(years) == 1 else None


def _frame_year(search: str, para_start: int, sent_start: int) -> int | None:
    """A year framing the paragraph before the sentence ("2024年，全省…总体目标：")."""
    before = search[para_start:sent_start]
    years = [
        int(m.group(1))
        for m in re.finditer(r"(?<!\d)((?:19|20)\d{2})\s*年", before)
        if not re.search(r"(?:较|比|与)\s*$", before[: m.start()])
    ]
    return years[-1] if years else None


def extract(doc: StoredDocument) -> list[Indicator]:
    """The indicators of one document, in reading order."""
    display = doc.text.display
    search = search_text(doc.text.search)
    meta = doc.meta
    ref = reference(meta, display)
    title_year = _title_year(meta.title)
    out: list[Indicator] = []
    pos = 0
    for line in display.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip() or len(line.strip()) < 8:
            continue
        if line.lstrip().startswith("|") and any(c.table for c in doc.chunks):
            continue  # a table row: read with its header below
        for a, b in split_spans(line):
            s0, s1 = line_start + a, line_start + b
            sent = search[s0:s1]
            if not re.search(r"\d|百分之", sent) or is_penalty(sent):
                continue
            qs = sorted(
                parse_quantities(display[s0:s1]) + _unitless(display[s0:s1], sent), key=lambda q: q.start
            )
            if not qs:
                continue
            out += _sentence_indicators(doc, s0, s1, sent, qs, ref, title_year, line_start)
    out += table_indicators(doc, ref, title_year)
    return sorted(out, key=lambda i: i.quote_start)


# -- targets in tables -------------------------------------------------------------------------

# a column of what is, not of what is to be: 基准/现状/实际 figures are no targets
_STATUS_COLUMN = re.compile(r"基准|基数|现状|实际|完成情况|监测值|现值|上年")
_CELL_FIGURE = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|‰)?\s*$")
_CELL_CLASS = re.compile(r"^\s*(?P<cls>劣?[ⅠⅡⅢⅣⅤ]|劣?[IV]{1,3})\s*类\s*$")
_BRACKET_UNIT = re.compile(r"[（(]\s*([^（）()]{1,12}?)\s*[）)]")
_ROMAN_VALUES = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def _row_label(part_path: Sequence[str]) -> int:
    m = re.fullmatch(r"第(\d+)行", part_path[-1]) if part_path else None
    return int(m.group(1)) if m else 0


def _indicator_name(text: str) -> str | None:
    """The indicator a cell or header names: a known one (细颗粒物 → PM2.5浓度), or a measure the
    document names itself (…率, …比例, …浓度); None for anything else."""
    s = search_text(_BRACKET_UNIT.sub("", text)).strip()
    # a column "2025年水质目标" names its indicator after its year and before 目标
    s = re.sub(r"^(?:19|20)\d{2}\s*年(?:底|末)?|(?:目标值?|指标值?|要求)$", "", s).strip()
    if not s:
        return None
    hits = [h for h in _alias_hits(s) if h[2] != "水质类别"]
    if hits:
        return hits[0][2]
    if _MEASURE_SUFFIX.search(s) and 2 <= len(s) <= 20:
        return normalise_name(s)
    return "水质类别" if s.endswith(("水质", "水质类别")) else None


def _unit_of(*texts: str) -> str:
    for t in texts:
        for m in _BRACKET_UNIT.finditer(t):
            unit = m.group(1)
            if re.search(r"/|%|‰|吨|天|个|米|公顷|亩|千瓦", unit):
                return unit
    return ""


def row_targets(doc: StoredDocument, start: int) -> list[Indicator]:
    """The targets of the table row that starts at display offset ``start`` (none: not a row)."""
    return [i for i in table_indicators(doc, "", _title_year(doc.meta.title)) if i.quote_start == start]


def _source_fields(meta: DocumentMeta, loc: Location, display: str, start: int, end: int) -> dict[str, Any]:
    """Where an indicator was read: its document, section and exact quote (one place for the
    sentence and the table readers)."""
    return {
        "province": meta.province,
        "doc_id": meta.doc_id,
        "title": meta.title,
        "doc_number": meta.doc_number,
        "doc_type": meta.doc_type,
        "pinpoint": loc.pinpoint,
        "section_path": list(loc.section_path),
        "quote": display[start:end],
        "quote_start": start,
        "quote_end": end,
    }


def table_indicators(doc: StoredDocument, ref: str, title_year: int | None) -> list[Indicator]:
    """Targets of a document's tables, one per target cell: row × column read with the header.

    A row names its place (a county of a city plan; else the document's region) and either its
    indicator (long layout "县区 | 指标 | 2025年目标") or the header does (wide layout "县区 |
    PM2.5浓度 | 优良天数比例"); the year comes from the column ("2025年目标"), else the caption or
    the title. Columns of what is (基准, 现状) are no targets. The quote is the row as written.
    """
    from assistant.chunking import split_row
    from assistant.query import region_label
    from assistant.regions import Region, find_regions

    meta = doc.meta
    display = doc.text.display
    context = Region(meta.province, meta.city) if meta.province else None
    out: list[Indicator] = []
    seen: set[int] = set()
    for chunk in doc.chunks:
        if not chunk.table or not chunk.table_header:
            continue
        header = chunk.table_header
        for part in chunk.parts:
            number = _row_label(part.section_path)
            if not number or part.start in seen:
                continue
            seen.add(part.start)
            cells = split_row(display[part.start : part.end])
            caption = " ".join(part.section_path[:-1])
            caption_year = _title_year(caption)
            region = meta.region
            names: dict[int, str] = {}
            for i, cell in enumerate(cells):
                places = find_regions(search_text(cell), context=context)
                if places and places[0].text == search_text(cell).strip() and places[0].region.province:
                    region = region_label(places[0].region)
                elif (name := _indicator_name(cell)) is not None:
                    names[i] = name
            row_name = next(iter(names.values()), None)
            # what the row is about when it names no indicator: its first label ("淇河新村断面")
            subject = next(
                (
                    c.strip()
                    for c in cells
                    if c.strip() and not _CELL_FIGURE.match(c) and c.strip() not in region
                ),
                "",
            )
            for j, cell in enumerate(cells[: len(header)]):
                if j in names:
                    continue
                head = header[j]
                if _STATUS_COLUMN.search(search_text(head)):
                    continue
                name = row_name or _indicator_name(head)
                figure, klass = _CELL_FIGURE.match(cell), _CELL_CLASS.match(search_text(cell))
                if name is None or not (figure or klass):
                    continue
                if klass:
                    value, unit = float(_ROMAN_VALUES.get(klass.group("cls").lstrip("劣"), 0)), "类"
                    if not value:
                        continue
                else:
                    assert figure is not None
                    value = float(figure.group("num"))
                    name_cell = cells[next(iter(names))] if names else ""
                    unit = figure.group("unit") or _unit_of(name_cell, head)
                year = _title_year(head) or caption_year or title_year
                if year is None:
                    continue
                loc = locate(doc, part.start)
                out.append(
                    Indicator(
                        name=name,
                        raw_name=(cells[next(iter(names))] if names else f"{subject}{head}").strip(),
                        value=value,
                        unit=unit,
                        comparator="",
                        verb="",
                        year=year,
                        deadline=None,
                        baseline_year=None,
                        region=region,
                        **_source_fields(meta, loc, display, part.start, part.end),
                        quantity_text=cell.strip(),
                        reference=ref,
                        known=name in CANONICAL,
                    )
                )
    return out


def _sentence_indicators(
    doc: StoredDocument,
    s0: int,
    s1: int,
    sent: str,
    qs: list[Quantity],
    ref: str,
    title_year: int | None,
    para_start: int,
) -> list[Indicator]:
    meta = doc.meta
    display = doc.text.display
    protected = protected_ranges(sent)
    cuts = [0] + [
        m.end() for m in _CLAUSE_CUT.finditer(sent) if not any(x <= m.start() <= y for x, y in protected)
    ]
    out: list[Indicator] = []
    named: list[tuple[Quantity, str, str, bool]] = []  # quantity, canonical name, raw name, known
    by_clause: dict[int, list[Quantity]] = {}
    for q in qs:
        if q.unit in _MONEY:
            continue
        c = max(x for x in cuts if x <= q.start)
        by_clause.setdefault(c, []).append(q)
    for c, cq in by_clause.items():
        first = cq[0]
        seg = sent[c : first.start]
        hits = _alias_hits(seg)
        if "分别" in sent[c : cq[-1].start] and len(hits) == len(cq) and len(cq) > 1:
            lead = cq[0]
            for q, (ha, hb, name) in zip(cq, hits, strict=True):
                if not q.comparator:
                    q = replace(
                        q, comparator=lead.comparator, verb=lead.verb, baseline_year=lead.baseline_year
                    )
                named.append((q, name, display[s0 + c + ha : s0 + c + hb], True))
            continue
        prev_end = c
        for q in cq:
            seg = sent[prev_end : q.start]
            hits = [h for h in _alias_hits(seg) if (h[2] == "水质类别") == (q.unit == "类")]
            gap_ok = True
            if hits:
                ha, hb, name = hits[-1]
                # the raw name runs from the alias to the comparator ("细颗粒物(PM2.5)平均浓度")
                tail = seg[hb:]
                gm = re.search(rf"(?:{'|'.join(PRE_COMPARATORS)})[\s约累计力争]*$", tail)
                raw_end = hb + (gm.start() if gm else len(tail))
                if name == "水质类别":  # the subject: "黄河干流水质"
                    pm = _NAME_PREFIX.match(seg)
                    ha = pm.end() if pm else 0
                raw = _clean_raw(display[s0 + prev_end + ha : s0 + prev_end + raw_end])
                if not _MEASURE_SUFFIX.search(name) and len(search_text(raw)) > len(name):
                    # a thing counted, not a measure ("新能源公交车" under "新能源汽车"): the
                    # document's own words name it more exactly than the alias does
                    name = search_text(_clean_raw(raw))
                gap_ok = len(re.sub(r"\s", "", tail)) <= 24
                if gap_ok:
                    named.append((q, name, raw or display[s0 + prev_end + ha : s0 + prev_end + hb], True))
            elif q.unit in _COUNT_UNITS and (after := _alias_after(sent, q.end)) is not None:
                # "完成1700个以上农村黑臭水体治理": the count comes before the name
                ha, hb, name = after
                named.append((q, name, display[s0 + ha : s0 + hb], True))
            else:
                m = _GENERIC.search(seg[: len(seg) - len(_gap_suffix(seg))])
                if m and q.unit in ("%", "‰") and _GAP.match(_gap_suffix(seg)):
                    raw_s = m.group(1)
                    # cut at the last word break inside the name ("…，城市生活垃圾回收利用率")
                    cut = max(raw_s.rfind(ch) for ch in "、的和及与")
                    start = m.start(1) + (cut + 1 if cut >= 0 else 0)
                    if cut >= 0 and raw_s[cut] == "的" and len(raw_s) - cut - 1 <= 4:
                        # "居住区的绿地率": the words before 的 say whose rate it is
                        q_start = max(raw_s.rfind(ch, 0, cut) for ch in "、，,；;：:（）()")
                        qualifier = raw_s[q_start + 1 : cut]
                        if 2 <= len(qualifier) <= 12:
                            raw = _clean_raw(
                                display[s0 + prev_end + m.start(1) + q_start + 1 : s0 + prev_end + m.end(1)]
                            )
                            name = normalise_name(qualifier + raw_s[cut + 1 :])
                            named.append((q, name, raw, False))
                            prev_end = q.end
                            continue
                    raw = _clean_raw(display[s0 + prev_end + start : s0 + prev_end + m.end(1)])
                    name = normalise_name(raw)
                    if len(name) >= 3:
                        named.append((q, name, raw, False))
            prev_end = q.end
    for q, name, raw, known in named:
        if not q.comparator and q.year is None:
            continue  # a bare figure (a status, not a target)
        year = q.year or _frame_year(search_text(doc.text.search), para_start, s0) or title_year
        loc = locate(doc, s0)
        out.append(
            Indicator(
                name=name,
                raw_name=raw,
                value=q.value,
                unit=q.unit,
                comparator=q.comparator,
                verb=q.verb,
                year=year,
                deadline=q.deadline,
                baseline_year=q.baseline_year,
                region=meta.region,
                **_source_fields(meta, loc, display, s0, s1),
                quantity_text=display[s0 + q.start : s0 + q.end],
                reference=ref,
                known=known,
            )
        )
    return out


_COUNT_UNITS = ("个", "条", "处", "座", "家", "项", "辆", "台", "户")
_RAW_TRIM_HEAD = re.compile(rf"^(?:[（(][{OUTLINE_NUMERAL}\d]+[）)]|[^（(]*?[）)])")
_RAW_TRIM_TAIL = re.compile(r"(?:(?:较|比|与)\s*(?:19|20)\d{2}\s*年.*|稳定|保持|持续|均|分别)+$")


_UNITLESS = re.compile(
    r"(?P<verb>保持为|降为|降至|控制为|为)\s*(?P<num>\d+(?:\.\d+)?)(?![\d.]|\s*[%‰\u4e00-\u9fff])"
)


def _unitless(display: str, sent: str) -> list[Quantity]:
    """ "劣V类比例保持为0": a figure without a unit right after a known rate name."""
    out = []
    for m in _UNITLESS.finditer(sent):
        hits = _alias_hits(sent[max(0, m.start() - 12) : m.start()])
        if not hits or not re.search(r"(?:率|比例|比率)$", sent[: m.start()]):
            continue
        out.append(
            Quantity(
                value=float(m.group("num")),
                unit="",
                comparator=m.group("verb"),
                text=display[m.start("num") : m.end("num")],
                start=m.start("num"),
                end=m.end("num"),
                verb=m.group("verb"),
            )
        )
    return out


def _clean_raw(raw: str) -> str:
    """A written indicator name without list numbers, stray brackets or a trailing baseline."""
    s = search_text(raw)
    a, b = 0, len(s)
    m = _RAW_TRIM_HEAD.match(s)
    if m:
        a = m.end()
    t = _RAW_TRIM_TAIL.search(s, a)
    if t and t.start() > a:
        b = t.start()
    return raw[a:b].strip()


# Indicator names of work that is counted ("完成1700个以上农村黑臭水体治理"): the count comes first.
_TREATED_SUFFIXES = ("治理", "整治", "改造", "建设", "创建", "修复")
# Names of a measure (a rate, a concentration, a share) rather than of a thing counted.
_MEASURE_SUFFIX = re.compile(
    r"(?:率|浓度|比例|比率|比重|天数|指数|面积|容量|总量|强度|类别|排放量|消费量|用量)$"
)


def _alias_after(sent: str, end: int) -> tuple[int, int, str] | None:
    """A known name right after a count ("…个以上农村黑臭水体治理"), as a sentence-relative hit."""
    window = sent[end : end + 16]
    for ha, hb, name in _alias_hits(window):
        if ha <= 3 and name.endswith(_TREATED_SUFFIXES):
            return end + ha, end + hb, name
    return None


def _gap_suffix(seg: str) -> str:
    """The comparator run at the end of ``seg`` ("稳定达到", "力争达到", "")."""
    m = re.search(
        rf"(?:[\s要应须将]|力争|确保|稳定|保持|年均|累计|分别|均|全部|基本|总体|持续|平均|每年|进一步)*"
        rf"(?:{'|'.join(PRE_COMPARATORS)})?[\s约累计]*$",
        seg,
    )
    return seg[m.start() :] if m else ""


def extract_all(docs: Iterable[StoredDocument]) -> list[Indicator]:
    """The indicators of all documents, ordered by document and position."""
    out: list[Indicator] = []
    for d in sorted(docs, key=lambda d: d.meta.doc_id):
        out += extract(d)
    return out


def filter_indicators(
    items: Sequence[Indicator], indicator: str | None = None, region: str | None = None
) -> list[Indicator]:
    """Indicators whose name matches ``indicator`` (any spelling) and whose region ``region``."""
    out = list(items)
    if indicator:
        want = normalise_name(indicator)
        key = search_text(indicator)
        out = [
            i for i in out if i.name == want or key in search_text(i.name) or key in search_text(i.raw_name)
        ]
    if region:
        from assistant.query import region_label
        from assistant.regions import resolve_region

        r = resolve_region(region)
        label = region_label(r) if r else search_text(region)
        if region in ("全国", "国家"):
            out = [i for i in out if i.region == "全国"]
        else:
            out = [i for i in out if i.region.startswith(label) or label in i.region]
    return out


# -- export ------------------------------------------------------------------------------------


def to_csv(items: Sequence[Indicator]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    for i in items:
        w.writerow(i.row())
    return buf.getvalue()


def to_table(items: Sequence[Indicator], width: int = 60) -> str:
    """A tab-separated table for the terminal (quote clipped)."""
    cols = ["指标", "目标", "年份", "期限", "地区", "文件", "文号", "出处", "原文"]
    lines = ["\t".join(cols)]
    for i in items:
        r = i.row()
        r["原文"] = r["原文"] if len(r["原文"]) <= width else r["原文"][: width - 1] + "…"
        lines.append("\t".join(r[c] for c in cols))
    return "\n".join(lines)


def to_xlsx(items: Sequence[Indicator], path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "指标"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i in items:
        row: list[Any] = [i.row()[c] for c in COLUMNS]
        row[COLUMNS.index("数值")] = i.value
        row[COLUMNS.index("年份")] = i.year
        ws.append(row)
    widths = {"指标": 18, "原文指标名": 22, "目标": 16, "地区": 18, "文件": 30, "出处": 18, "原文": 80}
    from openpyxl.utils import get_column_letter

    for k, c in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(k)].width = widths.get(c, 10)
    for row_cells in ws.iter_rows(min_row=2):
        row_cells[COLUMNS.index("原文")].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(out))
    return out


def _cjk_font() -> Any | None:
    """A CJK-capable font installed on the system (Noto CJK …), or None."""
    from matplotlib import font_manager

    for f in font_manager.findSystemFonts():
        low = f.lower()
        if any(k in low for k in ("notosanscjk", "notoserifcjk", "wqy", "sourcehansans", "simhei", "simsun")):
            try:
                return font_manager.FontProperties(fname=f)
            except (OSError, RuntimeError, ValueError):
                continue
    return None


def chart(items: Sequence[Indicator], indicator: str, path: str | Path) -> Path:
    """A PNG bar chart of one indicator across regions (one bar per region, year and document).

    Labels are in Chinese when a CJK font is installed (Noto CJK here), else in pinyin when
    pypinyin is installed, else left as they are.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from assistant.errors import UserInputError

    chosen = filter_indicators(items, indicator=indicator)
    if not chosen:
        raise UserInputError(f"没有找到指标“{indicator}” (no such indicator)")
    # the most common unit, so bars are comparable
    units: dict[str, int] = {}
    for i in chosen:
        units[i.unit] = units.get(i.unit, 0) + 1
    unit = max(units, key=lambda u: units[u])
    chosen = [i for i in chosen if i.unit == unit]
    font = _cjk_font()

    def label(text: str) -> str:
        if font is not None:
            return text
        try:
            from pypinyin import lazy_pinyin
        except ImportError:  # no CJK font and no pinyin: the figures still read
            return text
        return " ".join(lazy_pinyin(text))

    bars = [
        (label(f"{i.region.replace(' ', '')}\n{f'{i.year}年 ' if i.year else ''}{i.comparator}"), i.value, i)
        for i in chosen
    ]
    fig, ax = plt.subplots(figsize=(max(6.0, 1.2 * len(bars) + 2), 4.5), dpi=120)
    xs = range(len(bars))
    ax.bar(list(xs), [b[1] for b in bars], color="#3b7dd8")
    for x, (_, v, _i) in zip(xs, bars, strict=True):
        ax.text(x, v, f"{v:g}", ha="center", va="bottom", fontsize=9)
    ax.set_xticks(list(xs))
    kw: dict[str, Any] = {"fontproperties": font} if font is not None else {}
    ax.set_xticklabels([b[0] for b in bars], fontsize=8, **kw)
    name = chosen[0].name
    ax.set_title(label(f"{name}（{unit}）各地区目标对比"), **kw)
    ax.set_ylabel(label(unit), **kw)
    fig.tight_layout()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(str(out))
    plt.close(fig)
    return out
