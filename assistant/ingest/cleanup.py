"""Strip the chrome of saved web pages and separate a page's header fields from its body.

Policy documents are mostly saved from government sites, so the text carries breadcrumbs, view
counters, print/close buttons, QR-code prompts and copyright footers. Those lines must not be
indexed or quoted. The header fields (索引号, 发文机关, 发文字号, 成文日期 …) are the page's own
record of the document: they stay in the text where the page states them, so the 文号 or the
date an answer gives is quoted from the line that says it, and they are also returned
separately, verbatim, as the best metadata source.

Patterns are written in Simplified Chinese and matched against the OpenCC t2s form of each line,
so Traditional pages (發文機關, 來源) are handled by the same rules.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Any

# Labels of header fields (Simplified). Internal spaces are allowed: "索 引 号", "标  题".
_HEADER_LABELS = (
    "索引号",
    "有效性",
    "发文机关",
    "发文字号",
    "文号",
    "标题",
    "成文日期",
    "发布日期",
    "发布时间",
    "来源",
    "时间",
    "关键词",
    "主题分类",
    "主题词",
    "公文种类",
    "发布机构",
    "信息来源",
    "编号",
    "生效日期",
    "失效日期",
    "废止日期",
    "信息分类",
    "体裁分类",
    "组配分类",
    "作者",
    "日期",
)
_LABEL_RE = "|".join(r"\s*".join(map(re.escape, label)) for label in _HEADER_LABELS)
_BULLET = r"^[\s\-·•●▪*]*"
HEADER_FIELD_RE = re.compile(_BULLET + rf"(?:{_LABEL_RE})\s*[:：]")
# A bare date/time line at the top of a page ("- 2024/5/14 11:42:42", "2024-09-30").
# It needs a list bullet or a time of day: a bare "2016年1月22" line can be a broken preamble line.
_DATE = r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
_TIME = r"\d{1,2}:\d{2}(:\d{2})?"
_DATE_LINE_RE = re.compile(rf"^\s*([\-·•●▪*]\s*{_DATE}(\s+{_TIME})?|{_DATE}\s+{_TIME})\s*$")
# A bare view counter at the top of a page ("- 14362").
_COUNTER_LINE_RE = re.compile(r"^[\s\-·•]*\d{1,9}\s*$")

# Lines that are site chrome wherever they occur (matched on the t2s form).
_BOILERPLATE_RES = [
    re.compile(p)
    for p in (
        r"^\s*(当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*[:：]",  # breadcrumbs
        r"^\s*首页\s*[>＞›»/]",  # breadcrumb without a label
        r"扫一扫",
        r"在手机上?打开(当前|本)?页",
        r"打印(此文|本页|文章)|关闭(窗口|本页)|【\s*(打印|关闭)\s*】",
        r"版权所有|ICP\s*备|网站标识码|公网安备|版权与免责声明|(主办|承办|协办)单位\s*[:：]|技术支持\s*[:：]",
        r"(浏览次数|阅读量|访问量|点击数|阅读次数|访问次数|浏览量|点击量)\s*[:：]?\s*\d",
        r"字体\s*[:：]?\s*【?\s*大\s*中\s*小|字号\s*[:：]?\s*【?\s*大\s*中\s*小",
        r"^\s*分享(到)?\s*[:：]?\s*(微信|微博|QQ|朋友圈|\s*$)",
        r"^\s*(展开全部|收起|热门评论|相关阅读|相关文章|相关链接|上一篇|下一篇|我要纠错|网站地图|联系我们)",
        r"^\s*<!--.*-->\s*$",  # Markdown/HTML comments such as <!-- INFO END -->
    )
]
# A footer line after which nothing of the page body follows.
_FOOTER_START_RE = re.compile(r"版权与免责声明|版权所有|^\s*(热门评论|相关阅读|相关文章)")

_HEADER_ZONE_LINES = 12  # header fields are only looked for near the top of a page
_CHROME_MAX_LEN = 80  # chrome lines are short; a long line with "技术支持" is body text


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s.json")


def _simplified(line: str) -> str:
    return str(_converter().convert(line))


def is_boilerplate(line: str) -> bool:
    """Whether ``line`` is site chrome (breadcrumb, counter, print button, footer …)."""
    if len(line.strip()) > _CHROME_MAX_LEN:
        return False
    s = _simplified(line)
    return any(r.search(s) for r in _BOILERPLATE_RES)


def is_header_field(line: str) -> bool:
    """Whether ``line`` is a header field of a saved page ("发文机关: …", "- 来源:…")."""
    return bool(HEADER_FIELD_RE.match(_simplified(line)))


def is_header_line(line: str) -> bool:
    """Whether a line of a stored text is one of its page's header fields or the bare date the
    page was posted ("发文字号: …", "- 2024/5/14 11:42:42"): a record of the page, no heading,
    no title and no provision."""
    stripped = line.strip()
    return is_header_field(stripped) or bool(_DATE_LINE_RE.match(stripped))


def split_header_and_body(text: str) -> tuple[str, str]:
    """Return ``(header, body)``: the page's header field lines, and the text without any chrome.

    Header lines are returned verbatim (less list bullets), one per line, and stay in the body
    as the page writes them. The body keeps the line structure of ``text``; dropped lines are
    removed entirely.
    """
    lines = text.split("\n")
    lines = _cut_footer(lines)
    header: list[str] = []
    body: list[str] = []
    seen_nonblank = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            body.append("")
            continue
        seen_nonblank += 1
        in_header_zone = seen_nonblank <= _HEADER_ZONE_LINES
        is_date = bool(_DATE_LINE_RE.match(stripped)) and seen_nonblank <= 6
        is_counter = bool(_COUNTER_LINE_RE.match(stripped)) and stripped.startswith("-")
        if in_header_zone and (is_header_field(stripped) or is_date):
            header.append(re.sub(_BULLET, "", stripped))
            body.append(stripped)
        elif (in_header_zone and is_counter) or is_boilerplate(stripped):
            continue
        else:
            body.append(line)
    body = _drop_duplicate_titles(body)
    return "\n".join(header), "\n".join(body)


def remove_boilerplate(text: str) -> str:
    """The body of :func:`split_header_and_body`, for callers that do not need the header."""
    return split_header_and_body(text)[1]


def _cut_footer(lines: list[str]) -> list[str]:
    """Drop a copyright/comment footer and everything after it, if it sits in the last lines."""
    start = max(0, len(lines) - 10)
    for i in range(start, len(lines)):
        if lines[i].strip() and _FOOTER_START_RE.search(_simplified(lines[i])):
            return lines[:i]
    return lines


def _drop_duplicate_titles(lines: list[str]) -> list[str]:
    """Collapse a title repeated at the top of a page, and the site chrome above it.

    Saved pages often show the title twice (page heading + article heading), or follow it with a
    teaser line "<title> <first words of the body>". Such a repetition near the top identifies the
    title; lines above it are chrome (e.g. a link to another article) and are dropped too.
    """
    idx = [i for i, ln in enumerate(lines) if ln.strip()][:7]
    for n, (a, b) in enumerate(itertools.pairwise(idx)):
        title, second = lines[a].strip(), lines[b].strip()
        if second == title:
            return lines[a : a + 1] + lines[b + 1 :]
        if second.startswith(title) and n + 2 < len(idx):
            tail = second[len(title) :].strip()
            following = lines[idx[n + 2]].strip()
            if second[len(title) : len(title) + 1].isspace() and tail and following.startswith(tail):
                return lines[a : a + 1] + lines[b + 1 :]
    return lines
