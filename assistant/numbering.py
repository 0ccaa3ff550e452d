"""Numbering schemes of Chinese official documents: recognising labels and parsing numerals.

Kept apart from :mod:`assistant.sections` so the tree builder reads as the policy it implements
(which heading nests where) while the fiddly character classes live here. Everything works on
the display text as written, Simplified or Traditional, with full- or half-width punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.schema import SectionKind
from assistant.vocab import alternation, question_words

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}

# The Chinese numeral classes of official documents, each written once here and used inside
# regex classes everywhere: [{ARTICLE_NUMERAL}]+ and so on.
DIGIT_NUMERAL = "〇零一二三四五六七八九"  # a year written digit by digit: 二〇二五年
OUTLINE_NUMERAL = "一二三四五六七八九十"  # outline numbers and their dates: 一、 （三） 一是 三月
SMALL_NUMERAL = "零〇一二两三四五六七八九十"  # up to ten: 十点, 百分之五点五
ARTICLE_NUMERAL = SMALL_NUMERAL + "百千"  # article and chapter numbers: 第一百零二条
# an item's label at the start of its line: "（三）", "(2)"
ITEM_LABEL = re.compile(rf"[（(][{OUTLINE_NUMERAL}\d]+[）)]")
AMOUNT_NUMERAL = ARTICLE_NUMERAL + "万"  # amounts: 二万元, 三千
LARGE_NUMERAL = AMOUNT_NUMERAL + "亿"
COUNT_NUMERAL = AMOUNT_NUMERAL.lstrip("零〇")  # a count in words: 三家, 两万 (never a zero first)
CN_NUM = f"[{ARTICLE_NUMERAL}兩]"  # a numbering label, Traditional 兩 too
# a date written in Chinese numerals, as signed under a document: 二〇二四年九月二十四日
CN_WRITTEN_DATE = f"[{DIGIT_NUMERAL}]{{4}}年[{OUTLINE_NUMERAL}]{{1,3}}月[{OUTLINE_NUMERAL}]{{1,3}}日"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral ("十二" → 12, "一百零二" → 102, "二〇" → 20); None if not one.

    A tiny parser rather than cn2an: numbering only needs integers below 10000, and this one
    accepts the digit-by-digit form ("二〇") that appears in some article numbers too.
    """
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    if not any(c in _CN_UNITS for c in text):  # digit-by-digit: 二〇 → 20
        value = 0
        for c in text:
            value = value * 10 + _CN_DIGITS[c]
        return value
    total, digit = 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """Chinese numeral for 0 < n < 10000, as used in 第二款 / 第十二条."""
    if n <= 0 or n >= 10000:
        return str(n)
    digits = "零一二三四五六七八九"
    out: list[str] = []
    zero = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit_value)
        if d:
            if zero:
                out.append("零")
                zero = False
            out.append(digits[d] + unit)
        elif out:
            zero = True
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


@dataclass(frozen=True)
class Label:
    """A numbering label found at the start of a line."""

    kind: SectionKind
    label: str  # as written: "（三）", "1．", "第十二条"
    number: str  # normalised: "（三）", "1", "第十二条"
    value: int  # numeric value for sequence checks
    end: int  # offset just after the label (and any spaces after it) in the matched text
    suffix: str = ""  # 编 / 部分 / 章 / 节 / 条: distinguishes 第X编 from 第X部分 in one scheme


# 第X编 / 第X部分 / 第X章 / 第X节 / 第X条. An article must not be a cross-reference
# ("第三条、第四条规定…"), so the character after it may not be a list or link word.
_DI = re.compile(rf"第({CN_NUM}+|[0-9０-９]+)(编|編|部分|章|节|節|条|條)(?![、，,和及或至到之])[ \t\u3000]*")
_CN = re.compile(rf"({CN_NUM}+)[、．.][ \t\u3000]*")
_PAREN_CN = re.compile(rf"[（(]({CN_NUM}+)[）)][ \t\u3000]*")
# 1. / 1、 / １． but never 1.2% or 3、4月: no digit may follow the separator.
_ARABIC = re.compile(r"([0-9０-９]{1,3})[.．、](?![0-9０-９])[ \t\u3000]*")
_PAREN_ARABIC = re.compile(r"[（(]([0-9０-９]{1,3})[）)][ \t\u3000]*")

_DI_KINDS: dict[str, SectionKind] = {
    "编": "part",
    "編": "part",
    "部分": "part",
    "章": "chapter",
    "节": "subchapter",
    "節": "subchapter",
    "条": "article",
    "條": "article",
}


def _int(text: str) -> int | None:
    text = text.translate(_FULLWIDTH_DIGITS)
    return int(text) if text.isdigit() else cn_to_int(text)


def match_label(text: str) -> Label | None:
    """The numbering label opening ``text`` (a stripped line), or None.

    Only the shape is checked here; whether the number fits the running sequence is the tree
    builder's business.
    """
    m = _DI.match(text)
    if m:
        value = _int(m.group(1))
        if value is None:
            return None
        kind = _DI_KINDS[m.group(2)]
        label = m.group(0).rstrip()
        return Label(kind, label, label, value, m.end(), suffix=m.group(2))
    for pattern, kind in (
        (_PAREN_CN, "paren_cn"),
        (_PAREN_ARABIC, "paren_arabic"),
        (_CN, "cn"),
        (_ARABIC, "arabic"),
    ):
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group(1)
        value = _int(raw)
        if value is None or value == 0:
            return None
        label = m.group(0).rstrip()
        if kind == "cn" and cn_to_int(text[m.end() : m.end() + 1]) == value + 1:
            return None  # "一、二级保护区": a range of numbers, not a heading
        if kind == "paren_cn":
            number = f"（{raw}）"
        elif kind == "paren_arabic":
            number = f"（{value}）"
        elif kind == "cn":
            number = raw
        else:
            number = str(value)
        return Label(kind, label, number, value, m.end())
    return None


# Inline enumerations 一是…二是… / 一要…二要…: a marker counts only at the start of the text or
# right after punctuation, so words like 统一是 or 第一要务 are not taken for markers.
_ENUM = re.compile(rf"(?:^|(?<=[。；;，,：:！!？?、”）)]))([{OUTLINE_NUMERAL}]{{1,3}})(是|要)")


@dataclass(frozen=True)
class EnumMarker:
    start: int  # offset of the marker in the searched text
    label: str  # "一是"
    value: int


def find_enum_markers(text: str) -> list[EnumMarker]:
    """The markers of the inline enumeration in ``text`` (一是, 二是, …), in order.

    The run starts at the first 一是/一要 and continues with consecutive numbers of the same
    verb; fewer than two markers is no enumeration and gives [].
    """
    found = [(m.start(), m.group(1), m.group(2)) for m in _ENUM.finditer(text)]
    for i, (start, numeral, verb) in enumerate(found):
        if numeral != "一":
            continue
        run = [EnumMarker(start, numeral + verb, 1)]
        for s, n, v in found[i + 1 :]:
            if v == verb and cn_to_int(n) == run[-1].value + 1:
                run.append(EnumMarker(s, n + v, run[-1].value + 1))
        if len(run) >= 2:
            return run
    return []


YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})")
FIVE_YEAR_PLANS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}


def years_covered(texts: Sequence[str]) -> set[int]:
    """Every year the texts speak of: written years, ranges ("2023—2025年") and five-year plans."""
    years: set[int] = set()
    for text in texts:
        years |= {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)}
        for a, b in YEAR_RANGE.findall(text):
            lo, hi = int(a), int(b)
            if lo <= hi <= lo + 20:
                years |= set(range(lo, hi + 1))
        for word, (lo, hi) in FIVE_YEAR_PLANS.items():
            if word in text:
                years |= set(range(lo, hi + 1))
    return years


# "2020年时有效的规定", "2019年6月施行的": the law asked "as of" a date, not a year the text covers
_Q = question_words()
AS_OF = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年(?:(\d{1,2})\s*月(?:(\d{1,2})\s*日)?)?"
    rf"(?:{alternation(_Q.as_of_when)})?(?:{alternation(_Q.as_of_still)})?(?:{alternation(_Q.as_of_valid)})"
)
# "2017年版", "2017年修正文本", "2018年修正的…": a version of an act
VERSION_OF = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:的)?"
    rf"(?:{alternation(_Q.version_words)})"
)


def cn_date(iso: str | None) -> str:
    """ "2024-09-24" as a report writes it: "2024年9月24日" ("" when unknown)."""
    if not iso:
        return ""
    y, mo, d = iso.split("-")[:3]
    return f"{int(y)}年{int(mo)}月{int(d)}日"
