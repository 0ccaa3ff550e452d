"""One normal form for matching answers, quotes and gold strings.

:func:`norm` is applied to *both* sides of every comparison in the evaluation, so it only has to
be consistent, not pretty. Steps, in order:

1. OpenCC ``t2s`` (Traditional → Simplified);
2. NFKC (full-width → half-width: ``１２％`` → ``12%``), then lower case;
3. pinyin glosses that some saved pages glue into words (``發(fā)展``) are dropped;
4. ``百分之X`` → ``X%``;
5. Chinese numerals → Arabic where that is safe (see :func:`_numerals`): ``三十五`` → ``35``,
   ``第十二条`` → ``第12条``, ``二〇二四年`` → ``2024年``, ``三千五百万`` → ``3500万``, but never
   ``一是``, ``统一``, ``十四五`` or ``千方百计``;
6. whitespace, control characters and punctuation are removed, except ``%`` and a decimal point
   between digits.

>>> norm("百分之三十五")
'35%'
>>> norm("第十二條　規定：")
'第12条规定'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import cn2an

__all__ = ["bigrams", "norm", "t2s"]

_DIGITS = "零〇一二三四五六七八九两"
_POSITIONAL = "十百千万亿"
_NUMERAL_RUN = re.compile(f"[{_DIGITS}{_POSITIONAL}点]+")
_PERCENT = re.compile(rf"百分之([{_DIGITS}{_POSITIONAL}点]+|\d+(?:\.\d+)?)")
# Characters after which a lone numeral is a count or an ordinal, not part of a word.
_UNITS = set("个项年月日天周次名人家所条款章节编倍元户台座位批届类种件只辆吨米亩岁级期轮处支套亿万%")
_GLOSS = re.compile(
    r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*\)"
)
_DIGIT_VALUE = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "两": "2"}
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    try:
        return opencc.OpenCC("t2s")
    except Exception:  # older bindings want the file name
        return opencc.OpenCC("t2s.json")


def t2s(text: str) -> str:
    """Traditional → Simplified (OpenCC ``t2s``)."""
    return str(_converter().convert(text)) if text else text


def _number(run: str) -> str | None:
    """Arabic form of a Chinese numeral, or None when ``run`` is not one number."""
    try:
        value = cn2an.cn2an(run, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if isinstance(value, float) and value.is_integer() and "点" not in run:
        value = int(value)
    return str(value)


def _convert_run(run: str, before: str, after: str) -> str:
    """The replacement for one maximal run of numeral characters (``before``/``after``: its
    neighbouring characters, "" at the ends)."""
    # A run may not start with a bare positional (万一, 千万) or end with 点 (一点儿).
    lead = ""
    while run and run[0] in "百千万亿点":
        lead, run = lead + run[0], run[1:]
        before = lead[-1]
    trail = ""
    while run and run[-1] == "点":
        run, trail = run[:-1], "点" + trail
        after = "点"
    if not run:
        return lead + trail
    out: str | None = None
    has_positional = any(c in _POSITIONAL for c in run)
    if len(run) == 1:
        # 一是 / 统一 / 十分 stay; 第三条, 三年, 两个 become numbers.
        if before == "第" or (after and after in _UNITS):
            out = _DIGIT_VALUE.get(run, "10" if run == "十" else None)
    elif has_positional:
        # Keep a trailing 万/亿 as a unit, as Arabic text writes it: 三千五百万 → 3500万.
        unit = ""
        body = run
        if body[-1] in "万亿" and len(body) > 1:
            body, unit = body[:-1], body[-1]
        num = _number(body)
        out = num + unit if num is not None else None
    elif "点" in run:
        out = _number(run)
    elif any(c in "零〇" for c in run) or (after == "年" and len(run) == 4):
        # Digit-by-digit numbers: years (二〇二四), codes; but not 一一对应.
        out = "".join(_DIGIT_VALUE[c] for c in run if c in _DIGIT_VALUE)
    return lead + (out if out is not None else run) + trail


def _numerals(s: str) -> str:
    def percent(m: re.Match[str]) -> str:
        body = m.group(1)
        if body[0].isdigit():
            return body + "%"
        num = _number(body.rstrip("点"))
        return (num + "%") if num is not None else m.group(0)

    s = _PERCENT.sub(percent, s)
    out: list[str] = []
    pos = 0
    for m in _NUMERAL_RUN.finditer(s):
        out.append(s[pos : m.start()])
        before = s[m.start() - 1] if m.start() > 0 else ""
        after = s[m.end()] if m.end() < len(s) else ""
        out.append(_convert_run(m.group(0), before, after))
        pos = m.end()
    out.append(s[pos:])
    return "".join(out)


def _keep(ch: str, prev: str, nxt: str) -> bool:
    if ch == "%":
        return True
    if ch == ".":
        return prev.isdigit() and nxt.isdigit()
    cat = unicodedata.category(ch)
    return not (cat[0] in "PZC" or ch.isspace())


_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")


@lru_cache(maxsize=65536)
def norm(s: str) -> str:
    """The matching form of ``s`` (see the module docstring)."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", t2s(s)).lower()
    s = _GLOSS.sub("", s)
    s = _numerals(s)
    # "2024-09-24" and "2024年9月24日" are one date
    s = _ISO_DATE.sub(lambda m: f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日", s)
    return "".join(
        ch for i, ch in enumerate(s) if _keep(ch, s[i - 1] if i else "", s[i + 1] if i + 1 < len(s) else "")
    )


def bigrams(s: str) -> set[str]:
    """Chinese-character bigrams of ``s`` (Simplified), within runs of Han characters."""
    s = t2s(s)
    out: set[str] = set()
    for run in _HAN.findall(s):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out
