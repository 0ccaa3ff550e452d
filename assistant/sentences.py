"""Cut a chunk's display text into the units an extractive answer is built from.

A unit is a span of display text with absolute offsets (so its quote is exact):

* ``sentence``: ends in 。！？； (full or half width), never cut inside a matched pair of quotes
  or brackets (“…”, 《…》, （…）, 「…」);
* ``enum``: one item of an inline enumeration 一是…二是… (the text before 一是 is split into
  sentences as usual);
* ``paragraph``: one 款 of a regulation article (a line inside a 第X条), kept whole;
* ``item``: a numbered line inside an article, （一）… / 1. …;
* ``article``: a whole short multi-款 article;
* ``lead``: a sentence that introduces others rather than states a fact: the short first
  sentence of a numbered line ("（一）全面加强黄河流域生态保护。") or the short sentence just
  before 一是 ("重点推进九项工作。");
* ``heading``: a heading or header line with no sentence of its own ("二、总体目标"); kept so
  callers can see it, never scored.

Units may overlap (an article and its 款, a 款 and its sentences); the selector never picks two
overlapping units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.numbering import find_enum_markers, match_label

UnitKind = Literal["sentence", "lead", "enum", "paragraph", "item", "article", "heading"]

_OPEN_CLOSE = {
    "“": "”",
    "《": "》",
    "（": "）",
    "(": ")",
    "「": "」",
    "『": "』",
    "‘": "’",
    "〔": "〕",
    "[": "]",
}
_MAX_PROTECTED = 160  # a "bracket" longer than this is mojibake or an unclosed quote: ignore it
_SENTENCE_END = re.compile(r"[。！？；;!?]+[”’」』）)]*")
_CLAUSE_END = re.compile(r"[。！？；;!?，,：:]+[”’」』）)]*")
_HEADING_MAX = 40
_ARTICLE_UNIT_MAX = 240
_PARAGRAPH_UNIT_MAX = 240
_WS = " \t\u3000\r\xa0"
_LEAD_MAX = 30
_DUTY_LINE = re.compile(r"\s*(?:牵头单位|责任单位|责任部门|牵头部门|配合单位|主管部门|实施主体)\s*[:：]")
_ITEM_KINDS = ("paren_cn", "paren_arabic", "arabic")


@dataclass(frozen=True)
class Unit:
    start: int  # absolute offsets into the document's display text
    end: int
    kind: UnitKind


def protected_ranges(text: str) -> list[tuple[int, int]]:
    """Spans strictly inside matched quote/bracket pairs, where no cut may fall."""
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in _OPEN_CLOSE:
            stack.append((ch, i))
        elif stack and ch in _OPEN_CLOSE.values():
            # close the nearest matching opener; unmatched closers are ignored
            for j in range(len(stack) - 1, -1, -1):
                if _OPEN_CLOSE[stack[j][0]] == ch:
                    start = stack[j][1]
                    del stack[j:]
                    if i - start <= _MAX_PROTECTED:
                        out.append((start + 1, i))
                    break
    return out


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos <= b for a, b in ranges)


def _cuts(text: str, pattern: re.Pattern[str]) -> list[int]:
    """Offsets just after each end mark of ``pattern`` that is not inside quotes/brackets."""
    ranges = protected_ranges(text)
    cuts = [m.end() for m in pattern.finditer(text) if not _inside(m.start(), ranges)]
    if not cuts or cuts[-1] != len(text):
        cuts.append(len(text))
    return cuts


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` shrunk to exclude surrounding whitespace of ``text``."""
    while start < end and text[start] in _WS:
        start += 1
    while end > start and text[end - 1] in _WS:
        end -= 1
    return start, end


def split_spans(text: str, pattern: re.Pattern[str] = _SENTENCE_END) -> list[tuple[int, int]]:
    """Relative spans of ``text`` cut after each end mark (outside brackets), whitespace trimmed."""
    spans = []
    begin = 0
    for cut in _cuts(text, pattern):
        a, b = _trimmed(text, begin, cut)
        if b > a:
            spans.append((a, b))
        begin = cut
    return spans


def split_clauses(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Clauses (cut after ，；：。 etc., outside brackets) as absolute spans."""
    return [(base + a, base + b) for a, b in split_spans(text, _CLAUSE_END)]


def _is_heading(line: str) -> bool:
    if line.startswith("#"):
        return True
    if _DUTY_LINE.match(line):
        return False  # "责任单位：区社会事业局" is the answer to "由谁负责", not a heading
    if len(line) > _HEADING_MAX:
        return False
    body = line.rstrip("。；;")
    if _SENTENCE_END.search(body):
        return False
    label = match_label(line)
    if label is not None and label.kind == "article":
        return False
    # numbered heading without a sentence, or a short header line (title, date, 来源:…)
    return label is not None or len(line) <= 30


def _line_units(line: str, base: int) -> list[Unit]:
    """Sentence and enumeration units of one non-heading line."""
    units: list[Unit] = []
    markers = find_enum_markers(line)
    labelled = match_label(line) is not None
    if not markers:
        spans = split_spans(line)
        return [
            Unit(
                base + a,
                base + b,
                "lead" if i == 0 and labelled and len(spans) > 1 and b - a <= _LEAD_MAX else "sentence",
            )
            for i, (a, b) in enumerate(spans)
        ]
    lead_end = markers[0].start
    spans = split_spans(line[:lead_end])
    for i, (a, b) in enumerate(spans):
        lead = (i == 0 and labelled) or (
            i == len(spans) - 1 and (b - a <= _LEAD_MAX or line[a:b].rstrip().endswith(("：", ":")))
        )
        units.append(Unit(base + a, base + b, "lead" if lead else "sentence"))
    bounds = [m.start for m in markers] + [len(line)]
    items = [_trimmed(line, bounds[i], bounds[i + 1]) for i in range(len(markers))]
    # The last item runs to the end of the line, which may hold a closing remark: when it is
    # much longer than the others, end it at its first sentence and split the rest.
    a, b = items[-1]
    if len(items) > 1:
        avg = sum(y - x for x, y in items[:-1]) / (len(items) - 1)
        if b - a > max(150, 2 * avg):
            first = split_spans(line[a:b])
            if len(first) > 1:
                items[-1] = (a, a + first[0][1])
                units += [Unit(base + a + x, base + a + y, "sentence") for x, y in first[1:]]
    units += [Unit(base + x, base + y, "enum") for x, y in items if y > x]
    return units


def continues_article(section_number: str, text: str) -> bool:
    """Whether a chunk is the continuation of an article: its first section is an article or one of
    its items ("第四章.第三十条", "第三章.第二十九条.（七）") but its text does not open with the
    article's number, so its first lines are that article's
    items ("（二）乱扔瓜果皮…；") and 款, not headings."""
    if not re.search(r"条(?:\.|$)", section_number):
        return False
    first = text.lstrip().split("\n", 1)[0]
    label = match_label(first)
    return label is None or label.kind != "article"


def chunk_units(text: str, start: int, section_number: str) -> list[Unit]:
    """The candidate units of a chunk (its display text, offset and the section number it starts in)."""
    return split_units(text, start, continues_article(section_number, text))


# A 款 run on after the last item of an enumeration, on the item's line ("（八）…取用地下水的。有前款
# （一）至（六）项规定行为之一的，处以…罚款"): it speaks of the items, so it is no part of one
_RUN_ON_PARAGRAPH = re.compile(r"。(?=(?:有|违反|依照|对)?前(?:款|[两二三]款))")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The 款 of ``text``: its non-empty lines, trimmed, and a 款 run on after an item on a line
    of its own."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        a, b = _trimmed(text, pos, pos + len(raw))
        pos += len(raw) + 1
        if a >= b:
            continue
        # (the label is read only for the rare line with a run-on 款: split_units reads each line's)
        run_on = _RUN_ON_PARAGRAPH.search(text, a, b)
        label = match_label(text[a:b]) if run_on is not None else None
        if run_on is not None and label is not None and label.kind in _ITEM_KINDS:
            spans += [(a, run_on.end()), (run_on.end(), b)]
        else:
            spans.append((a, b))
    return spans


def split_units(text: str, base: int = 0, in_article: bool = False) -> list[Unit]:
    """Candidate units of ``text`` (a chunk's display text starting at offset ``base``), in order.

    ``in_article``: the text continues an article begun in an earlier chunk (see
    :func:`continues_article`), so its numbered lines are items until a heading or a new article.
    """
    units: list[Unit] = []
    article: list[tuple[int, int]] = []  # line spans (relative) of the open article
    inside = in_article  # inside an article whose first line is in an earlier chunk

    def close_article() -> None:
        if len(article) > 1 and article[-1][1] - article[0][0] <= _ARTICLE_UNIT_MAX:
            units.append(Unit(base + article[0][0], base + article[-1][1], "article"))
        article.clear()

    for a, b in paragraph_spans(text):
        line = text[a:b]
        label = match_label(line)
        # inside an article a short numbered line is an item of it ("（二）…高空抛撒施工垃圾的。"),
        # not a heading
        in_article_item = (bool(article) or inside) and label is not None and label.kind in _ITEM_KINDS
        # and a short sentence of an article ("本规定自公布之日起施行。") is one of its 款, as is
        # the short lead-in of its enumeration ("禁止下列行为：")
        in_article_line = (bool(article) or inside) and line.endswith(("。", "；", ";", "：", ":"))
        if _is_heading(line) and not in_article_item and not in_article_line:
            close_article()
            inside = False
            units.append(Unit(base + a, base + b, "heading"))
            continue
        if label is not None and label.kind == "article":
            close_article()
            inside = False
            article.append((a, b))
            kind: UnitKind = "paragraph"
        elif article:
            article.append((a, b))
            kind = "item" if label is not None else "paragraph"
        elif inside:
            kind = "item" if label is not None else "paragraph"
        else:
            units += _line_units(line, base + a)
            continue
        # a line of an article: the 款 (or item) whole, plus its sentences when it has several
        sentences = split_spans(line)
        if b - a <= _PARAGRAPH_UNIT_MAX or len(sentences) == 1:
            units.append(Unit(base + a, base + b, kind))
        if len(sentences) > 1:
            units += [Unit(base + a + x, base + a + y, "sentence") for x, y in sentences]
    close_article()
    units.sort(key=lambda u: (u.start, -u.end))
    return units


# The words that announce an enumeration ("禁止下列行为：", "应当公开以下信息：", "规定如下：")
LEAD_IN_WORDS = r"(?:下列|以下|如下)"
LEAD_IN_CHARS = 60  # from the word to the colon
# The lead-in of an enumeration inside a text: a chunk holding one can answer a question asking
# which things. (The colon may come a whole clause later: "下列期间，本行政区域内的单位和个人
# 应当停止露天焚烧、室外喷涂等排放大气污染物的作业活动：")
ENUMERATION_LEAD_IN = re.compile(rf"{LEAD_IN_WORDS}[^。；;\n]{{0,{LEAD_IN_CHARS}}}[:：]")


def sentence_around(display: str, start: int, end: int, limit: int = 160) -> tuple[int, int]:
    """The sentence (to 。；！？ or a line break) that holds ``[start, end)``, bounded by ``limit``."""
    stops = "。；;！？!?\n"
    a = start
    while a > 0 and display[a - 1] not in stops and start - a < limit:
        a -= 1
    b = end
    while b < len(display) and display[b - 1] not in stops and b - end < limit:
        b += 1
    while a < start and display[a] in " \t\u3000\r\n":
        a += 1
    return a, b
