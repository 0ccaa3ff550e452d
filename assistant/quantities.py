"""Quantities in requirement text: value, unit, comparator, target year or deadline.

>>> q = parse_quantities("细颗粒物(PM2.5)平均浓度36.8微克/立方米以下")[0]
>>> (q.value, q.unit, q.comparator)
(36.8, '微克/立方米', '以下')

Parsing works on the Simplified, width-folded form of a text, which has the same length as the
display text (both are aligned character by character), so a quantity's ``start``/``end`` are
offsets into the text as given. Years (2024年), ordinals (第三条), document numbers (〔2024〕26号),
names with digits (PM2.5, 国六) and five-year-plan names (十四五) are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from assistant.numbering import SMALL_NUMERAL
from assistant.script import fold_width, to_simplified

# Longest first: the regex alternation takes the first alternative that matches.
UNITS: tuple[str, ...] = (
    "个百分点",
    "微克/立方米",
    "毫克/立方米",
    "微克每立方米",
    "μg/m3",
    "mg/m3",
    "吨/月·平方公里",
    "吨/月·平方千米",
    "万千瓦时",
    "万千瓦",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "万吨标准煤",
    "吨标准煤",
    "万立方米",
    "立方米",
    "平方公里",
    "平方千米",
    "平方米",
    "万吨",
    "吨",
    "万亩",
    "亩",
    "公顷",
    "公里",
    "千米",
    "万辆",
    "辆",
    "万户",
    "户",
    "万人",
    "人",
    "万元",
    "亿元",
    "元",
    "分贝",
    "小时",
    "天",
    "个",
    "家",
    "座",
    "台",
    "条",
    "处",
    "项",
    "所",
    "次",
    "倍",
    "%",
    "‰",
    "万",
    "亿",
)
# comparators written before the number, longest first
PRE_COMPARATORS: tuple[str, ...] = (
    "不低于",
    "不高于",
    "不超过",
    "不少于",
    "不大于",
    "不小于",
    "不多于",
    "控制在",
    "稳定在",
    "保持在",
    "维持在",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增加到",
    "增加至",
    "增长到",
    "降低到",
    "降低至",
    "下降到",
    "下降至",
    "降到",
    "降至",
    "减少到",
    "压减至",
    "压减到",
    "削减到",
    "达到",
    "超过",
    "高于",
    "低于",
    "下降",
    "降低",
    "提高",
    "提升",
    "增加",
    "增长",
    "减少",
    "削减",
    "压减",
    "保持",
    "稳定",
    "达",
    "为",
    "完成",
)
POST_COMPARATORS: tuple[str, ...] = ("以上", "以下", "以内", "左右", "之内")
_PRE_GAP = r"[\s约累计力争分别均全部基本年均平均每年]{0,6}"

_NUM = r"(?P<num>\d+(?:\.\d+)?)\s*"
_CN_PERCENT = rf"百分之(?P<cnpct>[{SMALL_NUMERAL}百点]+)"
_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
_QUANTITY = re.compile(
    rf"(?:{_CN_PERCENT}|(?<![\d.A-Za-z第〔\[（(])(?<!PM)(?<!国){_NUM}\s*(?P<unit>{_UNIT_RE}))"
    rf"(?P<post>{'|'.join(POST_COMPARATORS)})?"
)
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "V": 5, "Ⅵ": 6, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
ROMAN_OUT = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ", 5: "Ⅴ", 6: "劣Ⅴ"}
_WATER_CLASS = re.compile(
    r"(?P<pre>达到|保持在|保持|稳定在|稳定达到|优于|好于|为)(?:或优于)?\s*(?P<cls>[ⅠⅡⅢⅣⅤ]|[一二三四五])类(?P<post>及以上|以上)?"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_DEADLINE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年\s*(?:(\d{1,2})\s*月\s*)?(?:(?:年|月)?(?:底|末))?\s*(?:前|以前|之前)"
)
_BASELINE = re.compile(r"(?:较|比|相比|对比|与)\s*$")
_RANGE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[—–\-－~～至到]\s*$")
# context that makes a number a penalty, a fee or a size rule rather than a target
_PENALTY = re.compile(r"罚款|罚金|处以|没收|拘留|吊销|责令停业|违法所得")


@dataclass(frozen=True)
class Quantity:
    """One figure of a requirement.

    ``comparator`` is what the text says about the figure: a suffix (以上/以下/以内) when there is
    one, else the verb before it (不低于/达到/下降/提高到/控制在 …), else "". ``verb`` keeps the verb
    when a suffix is the comparator ("提高到37%以上": comparator 以上, verb 提高到).
    ``year`` is the target year the text states for it, ``deadline`` a "…前" phrase as written,
    ``baseline_year`` the year a change is measured from ("较2015年下降4%").
    """

    value: float
    unit: str
    comparator: str
    text: str  # the matched text, as written (display script)
    start: int  # offsets into the text that was parsed
    end: int
    verb: str = ""
    year: int | None = None
    deadline: str | None = None
    baseline_year: int | None = None

    @property
    def value_text(self) -> str:
        """The value without a trailing ".0": 95, 36.8."""
        return f"{self.value:g}" if abs(self.value) < 1e15 else str(self.value)

    def describe(self) -> str:
        """Short Chinese rendering: "到2025年 达到 95%以上"."""
        parts = []
        if self.deadline:
            parts.append(self.deadline)
        elif self.year:
            parts.append(f"{self.year}年")
        if self.baseline_year:
            parts.append(f"较{self.baseline_year}年")
        verb = self.verb if self.verb and self.verb != self.comparator else ""
        post = self.comparator if self.comparator in POST_COMPARATORS else ""
        pre = verb or (self.comparator if not post else "")
        value = ROMAN_OUT.get(int(self.value), self.value_text) if self.unit == "类" else self.value_text
        parts.append(f"{pre}{value}{self.unit}{post}")
        return " ".join(p for p in parts if p)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def search_text(text: str) -> str:
    """Simplified, width-folded form of ``text`` with the same length (offsets stay valid)."""
    folded = fold_width(to_simplified(text))
    return folded if len(folded) == len(text) else fold_width(text)


def _cn_number(s: str) -> float | None:
    try:
        import cn2an

        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _pre_comparator(before: str) -> str:
    """The comparator verb ending ``before`` (with a short gap of 约/累计/力争… allowed)."""
    for c in PRE_COMPARATORS:
        if re.search(rf"{re.escape(c)}{_PRE_GAP}$", before):
            return c
    return ""


def _years(s: str, end: int) -> tuple[int | None, str | None, int | None]:
    """Target year, deadline phrase and baseline year for a figure ending at ``end`` of ``s``.

    ``s`` is the sentence (search form) holding the figure. The target year is the nearest year
    before the figure that is not a baseline (较2015年) nor the start of a range, else the first
    such year after it.
    """
    year: int | None = None
    baseline: int | None = None
    deadline: str | None = None
    candidates: list[tuple[int, int]] = []  # (position, year)
    for m in _YEAR.finditer(s):
        before = s[: m.start()]
        if _BASELINE.search(before):
            if m.start() < end:
                baseline = int(m.group(1))
            continue
        if _RANGE_YEAR.search(before):
            pass  # the end of a range "2023—2025年" is a target year
        candidates.append((m.start(), int(m.group(1))))
    before_fig = [y for pos, y in candidates if pos < end]
    after_fig = [y for pos, y in candidates if pos >= end]
    if before_fig:
        year = before_fig[-1]
    elif after_fig:
        year = after_fig[0]
    dl = [m for m in _DEADLINE.finditer(s)]
    if dl:
        near = [m for m in dl if m.start() < end] or dl
        m = near[-1]
        deadline = re.sub(r"\s+", "", m.group(0))
        year = int(m.group(1))
    return year, deadline, baseline


def parse_quantities(text: str, sentence: str | None = None, offset: int = 0) -> list[Quantity]:
    """The quantities of ``text`` (display or search form).

    ``sentence`` is the wider text the target year is looked for in (default: ``text``), with
    ``text`` starting at ``offset`` inside it. Returned offsets are relative to ``text``.
    """
    s = search_text(text)
    ctx = search_text(sentence) if sentence is not None else s
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(s):
        before = s[max(0, m.start() - 12) : m.start()]
        if m.group("cnpct"):
            value = _cn_number(m.group("cnpct"))
            unit = "%"
        else:
            try:
                value = float(m.group("num"))
            except ValueError:
                continue
            unit = m.group("unit")
        if value is None:
            continue
        if unit == "微克每立方米":
            unit = "微克/立方米"
        post = m.group("post") or ""
        verb = _pre_comparator(before)
        comparator = post or verb
        year, deadline, baseline = _years(ctx, offset + m.end())
        out.append(
            Quantity(
                value=value,
                unit=unit,
                comparator=comparator,
                text=text[m.start() : m.end()],
                start=m.start(),
                end=m.end(),
                verb=verb,
                year=year,
                deadline=deadline,
                baseline_year=baseline
                if verb in ("下降", "降低", "提高", "提升", "增加", "增长", "减少")
                else None,
            )
        )
    for m in _WATER_CLASS.finditer(s):
        cls = _ROMAN.get(m.group("cls"))
        if cls is None:
            continue
        post = "以上" if m.group("post") else ""
        verb = m.group("pre")
        year, deadline, _ = _years(ctx, offset + m.end())
        out.append(
            Quantity(
                value=float(cls),
                unit="类",
                comparator=post or verb,
                text=text[m.start("cls") : m.end()],
                start=m.start("cls"),
                end=m.end(),
                verb=verb,
                year=year,
                deadline=deadline,
            )
        )
    out.sort(key=lambda q: q.start)
    return out


def is_penalty(text: str) -> bool:
    """Whether ``text`` states a penalty or fine (not a target)."""
    return bool(_PENALTY.search(search_text(text)))
