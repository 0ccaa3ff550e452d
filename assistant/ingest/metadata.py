"""Document metadata from the text itself: header fields, regulation preambles, titles.

Saved government pages carry a header block ("发文机关: … 发文字号: …", "来源:… 时间:…");
regulations carry a preamble of dated lines ("2019年6月25日 三门峡市…会议通过"); a 公文 received as a
file says the same things through its layout (版头, 文号 line, 落款, see :mod:`.layout`). All are
parsed here, in that order of trust. The region comes from the issuer, else from the 文号's place
abbreviation (淇政办 → 淇县, see :mod:`.docnumber`), else from the title. Anything the text does not
state stays ``None``: an unknown field is honest, a guessed one becomes a wrong citation. The
manifest's ``overrides`` (facts known from outside the text, such as the province of an anonymised
report) win over parsed values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

from assistant.ingest.docnumber import (
    DOC_NUMBER_RE,
    normalize_doc_number,
    order_number,
    prefix_of,
    region_from_prefix,
)
from assistant.ingest.layout import Layout, read_layout
from assistant.numbering import ARTICLE_NUMERAL, DIGIT_NUMERAL, OUTLINE_NUMERAL
from assistant.regions import NATIONAL, Region, find_regions, resolve_region
from assistant.schema import DocumentMeta, NormalizedText
from assistant.vocab import vocabulary

_HEAD_LINES = 12  # header-like lines are looked for this far into the body
_TAIL_LINES = 10  # a signature date is looked for this far from the end

# Header keys, by the field they feed; the rest only delimit values.
_ISSUER_KEYS = ("发文机关", "发布机构", "发文单位", "来源", "信息来源")
_NUMBER_KEYS = ("发文字号", "文号")
_TITLE_KEYS = ("标题", "名称")
_WRITTEN_KEYS = ("成文日期", "成文时间")
_PUBLISHED_KEYS = ("发布日期", "发布时间", "公开日期", "时间", "日期")
_EFFECTIVE_KEYS = ("施行日期", "实施日期", "生效日期")
_OTHER_KEYS = (
    "索引号",
    "有效性",
    "主题分类",
    "关键词",
    "主题词",
    "分类",
    "当前位置",
    "浏览次数",
    "字号",
    "作者",
)
_ALL_KEYS = sorted(
    {
        *_ISSUER_KEYS,
        *_NUMBER_KEYS,
        *_TITLE_KEYS,
        *_WRITTEN_KEYS,
        *_PUBLISHED_KEYS,
        *_EFFECTIVE_KEYS,
        *_OTHER_KEYS,
    },
    key=len,
    reverse=True,
)
# "标  题:" and "索 引 号:" are spaced out on many pages.
_KEY_RE = re.compile(
    r"(?:^|(?<=[\s\-|｜]))(" + "|".join(r"\s*".join(map(re.escape, k)) for k in _ALL_KEYS) + r")\s*[:：]"
)

_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_CN_DATE_RE = re.compile(
    rf"([{DIGIT_NUMERAL}]{{4}})年([{OUTLINE_NUMERAL}]{{1,3}})月([{OUTLINE_NUMERAL}]{{1,3}})日"
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_TYPO_ONE = re.compile(r"(?<=[\d年月])[lI](?=[\d日月])")
_ONLY_DATE_RE = re.compile(
    r"^[-\s]*(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)

# Title suffix → doc_type, most specific first (data/vocabulary.yaml). Checked after unwrapping
# "关于印发…的通知".
_DOC_TYPES: tuple[tuple[str, str], ...] = vocabulary().doc_types
_WRAPPED_RE = re.compile(r"关于印发(.+?)的通知$")
_TRAILING_PAREN_RE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_NATIONAL_BODIES = ("全国人民代表大会", "国务院", "中共中央")
_SESSION_RE = re.compile(rf"第?[{ARTICLE_NUMERAL}\d]+届")


def parse_date(s: str) -> str | None:
    """The first date in ``s`` as ISO yyyy-mm-dd ("2024/5/14 11:42", "２００２年６月２９日",
    "二〇二四年九月二十四日"), or ``None`` when there is none or it is not a real date."""
    s = unicodedata.normalize("NFKC", s)
    s = _TYPO_ONE.sub("1", s)  # "10月l日": a letter l typed for the digit 1
    m = _DATE_RE.search(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        c = _CN_DATE_RE.search(s)
        if not c:
            return None
        y = int("".join(str(_CN_DIGITS[ch]) for ch in c.group(1)))
        mo, d = _cn_small(c.group(2)), _cn_small(c.group(3))
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _cn_small(s: str) -> int:
    """一..三十一 → int."""
    if "十" not in s:
        return _CN_DIGITS[s]
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def header_fields(lines: list[str]) -> dict[str, str]:
    """The key: value pairs of header lines, keys with spaces removed; the first value of a key wins."""
    out: dict[str, str] = {}
    for line in lines:
        matches = list(_KEY_RE.finditer(line))
        for k, m in enumerate(matches):
            end = matches[k + 1].start() if k + 1 < len(matches) else len(line)
            key = re.sub(r"\s+", "", m.group(1))
            value = line[m.end() : end].strip().strip("-|｜").strip()
            if value and key not in out:
                out[key] = value
    return out


def _first(fields: Mapping[str, str], keys: tuple[str, ...]) -> str | None:
    return next((fields[k] for k in keys if k in fields), None)


# --- regulations -------------------------------------------------------------------------------


@dataclasses.dataclass
class _Preamble:
    issuer: str | None = None
    adopted: str | None = None
    revised: str | None = None
    published: str | None = None
    effective: str | None = None


_EVENT_WORDS = re.compile(r"通过|批准|修正|修订|公布|施行")


def _preamble_lines(search: str) -> list[str] | None:
    """The dated lines under a Markdown regulation's "# title" (adoption, approval, revisions).

    They end at ``<!-- INFO END -->`` when the file still has it (the normaliser may drop it), or
    at the first line that is not such a record: a heading, an article, a sentence. A date broken
    over two lines ("2016年1月22" / "日山东省…") is rejoined.
    """
    if not search.lstrip().startswith("# "):
        return None
    raw: list[str] = []
    for line in (x.strip() for x in search.lstrip().splitlines()[1:80]):
        if raw and line.startswith("日") and raw[-1][-1:].isdigit():
            raw[-1] += line
        elif raw and line and _continues_record(raw[-1], line):
            raw[-1] += line  # a record broken inside a long decision title
        elif line:
            raw.append(line)
    lines: list[str] = []
    for line in raw:
        if line.startswith(("#", "<!--")) or "。" in line or len(line) > 400 or not _EVENT_WORDS.search(line):
            break
        lines.append(line)
    return lines


def _continues_record(record: str, line: str) -> bool:
    """Whether ``line`` carries on a dated preamble record rather than starting something new."""
    return (
        bool(_DATE_RE.match(unicodedata.normalize("NFKC", record)))
        and not _DATE_RE.match(unicodedata.normalize("NFKC", line))
        and not _EVENT_END.search(record)
        and not line.startswith(("#", "<!--"))
        and "。" not in line
        and len(line) < 200
    )


_EVENT_END = re.compile(r"(通过|批准|修正|修订|公布|施行)$")
# Short forms in preambles: 宁波市十五届人大常委会 → 宁波市人民代表大会常务委员会
_BODY_SHORT = (("人大常委会", "人民代表大会常务委员会"), ("人大", "人民代表大会"))


def _body_name(segment: str) -> str | None:
    """The body in a preamble line: 河南省第十三届人民代表大会常务委员会第十一次会议通过 → 河南省人民代表大会常务委员会;
    2024年2月23日国务院第26次常务会议通过 → 国务院 (the meeting is not part of the body's name)."""
    seg = unicodedata.normalize("NFKC", segment)
    seg = _DATE_RE.sub("", seg, count=1).strip(" 　经")
    m = re.match(
        rf"(.*?)(?:(?:19|20)\d{{2}}年)?(?:第[{ARTICLE_NUMERAL}\d]+次)?(?:全体|常务|部务|主任|审议)?会议", seg
    )
    if not m:
        return None
    name = _SESSION_RE.sub("", m.group(1)).strip()
    name = re.sub(r"^由", "", name)
    for short, full in _BODY_SHORT:
        if name.endswith(short):
            name = name[: -len(short)] + full
            break
    return name or None


def _parse_preamble(lines: list[str]) -> _Preamble:
    p = _Preamble()
    revision_seen = False
    revised: list[str] = []
    for line in lines:
        date = parse_date(line)
        if re.search(r"修正|修订|修改", line) and date:
            revision_seen = True
            revised.extend(d for d in (parse_date(m.group(0)) for m in _DATE_RE.finditer(line)) if d)
            continue
        if "通过" in line:
            if p.adopted is None and date:
                p.adopted = date
                p.issuer = _body_name(line)
            elif date:
                revised.append(date)
        elif "批准" in line and date and revision_seen:
            revised.append(date)
        if "公布" in line and date:
            p.published = date
        eff = re.search(r"自(.{6,14}?)(?:起)?施行", line)
        if eff:
            p.effective = parse_date(eff.group(1)) or p.effective
        elif line.endswith("施行") and date:
            p.effective = date
    p.revised = max(revised) if revised else None
    return p


def _effective_clause(search: str) -> str | None:
    """The date of 本条例自2020年1月1日起施行 near the end of a regulation: the current version's date."""
    hits = re.findall(r"本(?:法|条例|规定|办法|决定|细则|实施办法)自(.{6,16}?)起?施行", search)
    for h in reversed(hits):
        d = parse_date(h)
        if d:
            return d
    return None


# --- titles and types --------------------------------------------------------------------------


def _is_header_line(line: str) -> bool:
    s = line.strip()
    return bool(_KEY_RE.search(s)) or s.startswith("-") or ">" in s or bool(_ONLY_DATE_RE.match(s))


def _title_span(search: str) -> tuple[int, int] | None:
    """Offsets of the title line in the body: the page's article heading.

    Saved pages often open with navigation (a related article's title) before the real heading;
    the real heading is usually repeated at the start of the next line, so a repeated candidate
    wins over the first one.
    """
    candidates: list[tuple[int, int, str]] = []
    pos = 0
    for line in search.splitlines(keepends=True)[:_HEAD_LINES]:
        text = line.strip()
        start = pos + len(line) - len(line.lstrip())
        pos += len(line)
        if not text or _is_header_line(text) or text.startswith("|"):
            continue  # a table's row or rule is no heading, however often it repeats
        if text.startswith("# "):
            return start + 2, start + len(text)
        if (
            5 <= len(text) <= 120
            and not text.endswith(("。", "：", ":", "，", ",", "；"))
            and "。" not in text
        ):
            candidates.append((start, start + len(text), text))
    if not candidates:
        return None
    later = search[:pos]
    for start, end, text in candidates:
        if later.count(text) > 1:
            return start, end
    return candidates[0][0], candidates[0][1]


def doc_type_of(title: str, national: bool = False) -> str | None:
    """The document type from its title; a notice that issues a plan takes the plan's type."""
    t = re.sub(r"\s+", "", title)
    wrapped = _WRAPPED_RE.search(t)
    if wrapped:
        t = wrapped.group(1).strip("《》")
    t = _TRAILING_PAREN_RE.sub("", t)
    if "工作进展情况" in t or "工作总结" in t:
        return "工作总结"
    if (t.startswith("中华人民共和国") or national) and t.endswith("法") and not t.endswith("办法"):
        return "法律"
    for suffix, kind in (*_DOC_TYPES, *_GENERIC_TYPES):
        if t.endswith(suffix):
            return kind
    return None


# The kinds of 公文 (党政机关公文处理工作条例, art. 8) and of rules and plans, by the last word of a
# title; checked after the vocabulary's more specific suffixes (行动计划, 工作方案 …).
_GENERIC_TYPES = tuple(
    (w, w)
    for w in (
        "方案",
        "计划",
        "要点",
        "规则",
        "细则",
        "报告",
        "通报",
        "公告",
        "通告",
        "批复",
        "请示",
        "纪要",
        "函",
    )
)


# --- assembly ----------------------------------------------------------------------------------


def _local_issuer(issuer: str, title: str) -> str:
    """Qualify a bare 县人民代表大会 in 景宁畲族自治县's own preamble → "景宁畲族自治县人民代表大会"."""
    if issuer[:1] not in ("县", "市") or issuer.startswith(("县级", "市级")):
        return issuer
    mentions = find_regions(title)
    if mentions and mentions[0].start == 0 and mentions[0].text.endswith(issuer[0]):
        return mentions[0].text + issuer[1:]
    return issuer


def extract_metadata(
    doc_id: str,
    text: NormalizedText,
    source_path: str = "",
    overrides: Mapping[str, object] | None = None,
    properties: Mapping[str, str] | None = None,
) -> DocumentMeta:
    """Everything the document states about itself; ``overrides`` (from the manifest) win.

    ``properties`` are what the file says about itself outside its text (OFD DocInfo, DOCX core
    properties); they only fill a title the text does not show.

    Raises ``ValueError`` for an override naming a field :class:`DocumentMeta` does not have,
    so a typo in the manifest fails loudly instead of being ignored.
    """
    search = text.search
    lines = [ln for ln in search.splitlines() if ln.strip()]
    head = text.header.splitlines() + search.splitlines()[:_HEAD_LINES]
    fields = header_fields(head)
    layout = read_layout(lines)
    order = layout.order

    span = _title_span(search)
    title_field = _first(fields, _TITLE_KEYS)
    title, title_search = _title(text, title_field, span, layout)
    if not title and properties and properties.get("title"):
        from assistant.ingest.normalize import to_simplified_aligned

        title = properties["title"].strip()
        title_search = to_simplified_aligned(title)

    issuer = _first(fields, _ISSUER_KEYS)
    number_field = _first(fields, _NUMBER_KEYS)
    doc_number = normalize_doc_number(number_field) if number_field else None
    doc_number = doc_number or layout.doc_number or (order.number if order else None)
    written = parse_date(fields.get("成文日期") or fields.get("成文时间") or "")
    published = next((d for d in (parse_date(fields[k]) for k in _PUBLISHED_KEYS if k in fields) if d), None)
    if published is None:
        published = next(
            (parse_date(s) for s in _page_top(text, layout) if _ONLY_DATE_RE.match(s.strip())), None
        )
    effective = next((d for d in (parse_date(fields[k]) for k in _EFFECTIVE_KEYS if k in fields) if d), None)
    adopted = revised = None

    preamble = _preamble_lines(search) or None  # a "# title" without dated lines has none
    title_region = resolve_region(title_search) if title_search else None
    if preamble is not None:
        p = _parse_preamble(preamble)
        national_body = p.issuer is not None and p.issuer.startswith(_NATIONAL_BODIES)
        # A local regulation whose preamble names a national body was saved with the wrong preamble
        # (山东省清洁生产促进条例 carries the national law's): trust none of it.
        if not (national_body and title_region is not None):
            issuer = _local_issuer(p.issuer, title_search) if p.issuer else issuer
            adopted, revised, published = p.adopted, p.revised, p.published or published
            effective = _effective_clause(search) or p.effective or effective
            doc_number = doc_number or order_number(preamble)
    elif order is not None:
        issuer = issuer or order.issuer
        adopted = parse_date(order.adopted) if order.adopted else None
        effective = effective or (parse_date(order.effective) if order.effective else None)
        published = published or (parse_date(order.signed) if order.signed else None)
    elif written is None and layout.sign_date_line:
        written = parse_date(layout.sign_date_line)
    if issuer is None and preamble is None:
        issuer = layout.mark_issuer or layout.title_issuer or layout.sign_issuer or None

    region = _region(issuer, doc_number, title_search, lines)
    national = (
        (issuer is not None and issuer.startswith(_NATIONAL_BODIES))
        or title_search.startswith("中华人民共和国")
        or region == NATIONAL
        or (region is None and issuer is not None and _MINISTRY.search(issuer) is not None)
    )
    if region == NATIONAL:
        region = None
    if national and region is None:
        level: str | None = "国家"
    else:
        level = region.level if region else None

    meta = DocumentMeta(
        doc_id=doc_id,
        title=title,
        source_path=source_path,
        issuer=issuer,
        doc_number=doc_number,
        written_date=written,
        published_date=published,
        adopted_date=adopted,
        revised_date=revised,
        effective_date=effective,
        province=region.province if region else None,
        city=region.city if region else None,
        district=region.district if region else None,
        level=level,
        doc_type=doc_type_of(title_search, national=national) if title_search else None,
        script=text.script,
    )
    return apply_overrides(meta, overrides)


# A central ministry or agency: 生态环境部, 国家林业和草原局 (a local one names its place first).
_MINISTRY = re.compile(r"^(国家|中央|全国)|^[\u4e00-\u9fff]{2,8}部$")


def _title(
    text: NormalizedText, title_field: str | None, span: tuple[int, int] | None, layout: Layout
) -> tuple[str, str]:
    """(display title, its search form): a header field, a "# " title, the 公文 title, a rule
    promulgated by an order, or the first title-like line."""
    if title_field:
        return title_field, title_field
    search = text.search
    if span and search[span[0] - 2 : span[0]] == "# ":
        return text.display[span[0] : span[1]].strip(), search[span[0] : span[1]].strip()
    if layout.title:
        return _display_of(text, layout.title_parts), layout.title
    if layout.order and layout.order.title:
        return _display_of(text, [layout.order.title]), layout.order.title
    if span:
        return text.display[span[0] : span[1]].strip(), search[span[0] : span[1]].strip()
    return "", ""


def _display_of(text: NormalizedText, parts: list[str]) -> str:
    """The display-script form of pieces of the search text (same offsets there), joined as the
    title is: without the spaces between joint issuers."""
    out = []
    for part in parts:
        i = text.search.find(part)
        out.append(text.display[i : i + len(part)] if i >= 0 else part)
    return "".join("".join(p.split()) if k < len(out) - 1 else p for k, p in enumerate(out))


def _page_top(text: NormalizedText, layout: Layout) -> list[str]:
    """Lines where a saved page shows its publication date: its header, and the lines above the
    body (never a 公文's 落款, which carries the date it was written)."""
    top: list[str] = []
    for ln in text.search.splitlines()[:_HEAD_LINES]:
        s = ln.strip()
        if len(s) > 30 or (layout.sign_date_line and s == layout.sign_date_line):
            break
        top.append(ln)
    return text.header.splitlines() + top


def _region(issuer: str | None, doc_number: str | None, title: str, lines: list[str]) -> Region | None:
    """Where the document applies: its issuer's place, else its 文号's place, else its title's."""
    if issuer:
        r = resolve_region(issuer)
        if r is not None:
            return r
    if doc_number and DOC_NUMBER_RE.search(doc_number):
        context = [m.region for ln in lines[:_HEAD_LINES] for m in find_regions(ln)]
        r = region_from_prefix(prefix_of(doc_number), context)
        if r is not None:
            return r
    return resolve_region(title) if title else None


def apply_overrides(meta: DocumentMeta, overrides: Mapping[str, object] | None) -> DocumentMeta:
    """``meta`` with the manifest's values put in; unknown field names raise ``ValueError``."""
    if not overrides:
        return meta
    names = {f.name for f in dataclasses.fields(DocumentMeta)} - {"doc_id"}
    unknown = set(overrides) - names
    if unknown:
        raise ValueError(f"unknown metadata override(s): {sorted(unknown)}")
    return dataclasses.replace(meta, **{k: (None if v is None else v) for k, v in overrides.items()})  # type: ignore[arg-type]
