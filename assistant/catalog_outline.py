"""Records read from a text's structure rather than from its preamble.

How many articles and chapters a regulation has, what its third chapter is titled, which chapter
deals with a matter, the parts of a work plan and the basis a text was made under are all answered
from the headings and opening of the text itself — the lines an official would point at — and each
is cited to the passage under the heading (a heading is no passage of its own). The catalogue
(``assistant.catalog``) asks these readers when a question asks such a record.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

import jieba

from assistant.display import short_label
from assistant.index.docstore import StoredDocument
from assistant.ingest.normalize import to_simplified_aligned as to_simplified
from assistant.numbering import ARTICLE_NUMERAL, cn_to_int, int_to_cn
from assistant.schema import CatalogItem
from assistant.sentences import sentence_around

# an article or chapter heading at a line's start ("第三条", "第二章"): no record line, no part
ARTICLE_OR_CHAPTER = re.compile(rf"^第[{ARTICLE_NUMERAL}]+[章条编节]")


def sentence_item(doc: StoredDocument, start: int, end: int, limit: int = 160) -> CatalogItem:
    """The sentence of ``doc`` that holds ``[start, end)`` as a catalogue item; its fact is the
    sentence without the article number it may open with and without its full stop (``limit``:
    the characters read each way at most)."""
    a, b = sentence_around(doc.text.display, start, end, limit)
    clause = re.sub(rf"^第[{ARTICLE_NUMERAL}]+条\s*", "", doc.text.display[a:b].strip()).rstrip("。；;")
    return CatalogItem(doc, a, b, f"《{short_label(doc.meta.title)}》", fact=clause)


ARTICLE_HEAD = re.compile(rf"^第([{ARTICLE_NUMERAL}]+)条", re.M)
CHAPTER_HEAD = re.compile(rf"^(?:#+\s*)?第([{ARTICLE_NUMERAL}]+)章", re.M)


def article_numbers(doc: StoredDocument) -> list[int]:
    """The numbers of ``doc``'s article headings ("第三十三条 …" at a line's start), in order."""
    return [n for m in ARTICLE_HEAD.finditer(doc.text.search) if (n := cn_to_int(m.group(1)))]


def heading_line(doc: StoredDocument, start: int) -> tuple[int, int] | None:
    """The heading line that starts at ``start`` (its "#" marks left out), where a passage holds
    it: the heading itself is quoted for what it titles; None where no passage does."""
    display = doc.text.display
    end = display.find("\n", start)
    end = len(display) if end < 0 else end
    a = start + len(display[start:end]) - len(display[start:end].lstrip("# \t\u3000"))
    b = a + len(display[a:end].rstrip())
    chunk = doc.chunk_at(a)
    if a >= b or chunk is None or chunk.end < b:
        return None
    return a, b


CHAPTER_ASKED = re.compile(rf"第([{ARTICLE_NUMERAL}]+)章")


def chapter_asked(doc: StoredDocument, asked: str) -> CatalogItem | None:
    """The heading of the chapter a question asks by its number ("第三章讲什么" → "第三章
    监督管理"): what the chapter is about, as the document titles it."""
    m = CHAPTER_ASKED.search(asked)
    if m is None:
        return None
    search = doc.text.search
    for head in CHAPTER_HEAD.finditer(search):
        if head.group(1) != m.group(1):
            continue
        end = search.find("\n", head.start())
        heading = search[head.start() : len(search) if end < 0 else end].lstrip("# ").strip()
        # (the heading line, quoted where a passage holds it; else the chapter's first article)
        first = ARTICLE_HEAD.search(search, head.end())
        if (span := heading_line(doc, head.start())) is not None:
            a, b = span
        elif first is not None:
            a, b = sentence_around(doc.text.display, first.start(), first.end(), 160)
        else:
            return None
        fact = "：" + re.sub(r"\s+", " ", heading)
        return CatalogItem(doc, a, b, f"《{short_label(doc.meta.title)}》", fact=fact)
    return None


_SECTION_HEAD = re.compile(rf"^(?:#+\s*)?第([{ARTICLE_NUMERAL}]+)节", re.M)


_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def headings(doc: StoredDocument) -> list[tuple[int, str, bool]]:
    """``doc``'s chapter and section headings in order: (offset, heading, is a section)."""
    search = doc.text.search
    heads = [(m.start(), False) for m in CHAPTER_HEAD.finditer(search)]
    heads += [(m.start(), True) for m in _SECTION_HEAD.finditer(search)]
    out = []
    for start, section in sorted(heads):
        end = search.find("\n", start)
        heading = re.sub(r"\s+", " ", search[start : len(search) if end < 0 else end].lstrip("# ").strip())
        # (a name spaced out for the page, "第一章 总 则", read as it is written: "第一章 总则")
        number, _, name = heading.partition(" ")
        heading = f"{number} {_SPACED.sub('', name)}".strip()
        # (a heading is a short line, not an article that opens with "第一章…")
        if len(heading) <= HEADING_CHARS:
            out.append((start, heading, section))
    return out


HEADING_CHARS = 30  # a chapter or section heading ("第四节 扬尘污染防治"), at most


def chapter_on(
    doc: StoredDocument,
    asked: str,
    stopwords: Collection[str] = (),
    names: Sequence[Sequence[str]] = (),
) -> CatalogItem | None:
    """The chapter (and section) whose heading holds the matter a question asks about ("某事的
    条文在第几章第几节" → "第三章 大气污染防治措施 第四节 扬尘污染防治"), cited to its first
    article; with the sections under it where the question asks for them. None when no heading
    holds a word of the question beyond the title's."""
    if CHAPTER_ASKED.search(asked):
        return None
    heads = headings(doc)
    if not heads:
        return None
    title = to_simplified(doc.meta.title)
    stop = set(stopwords)
    words = {w for w in jieba.lcut_for_search(asked) if len(w) >= 2 and w not in stop and w not in title}
    # (the names one chapter goes by: "罚则" is the chapter another act heads "法律责任")
    words |= {n for group in names if any(n in asked for n in group) for n in group}

    def score(heading: str) -> int:
        return sum(len(w) for w in words if w in heading)

    # (of headings that hold as much, the kind asked — "哪一节" a section — and the shortest)
    of_section = bool(re.search(r"哪一?节|第几节", asked))
    best = max(
        range(len(heads)),
        key=lambda i: (score(heads[i][1]), heads[i][2] == of_section, -len(heads[i][1])),
    )
    if score(heads[best][1]) == 0:
        return None
    start, heading, section = heads[best]
    shown = heading
    if section:
        # (a section under its chapter: "第三章 大气污染防治措施 第四节 扬尘污染防治")
        chapter = next((h for s, h, sec in reversed(heads[:best]) if not sec), "")
        shown = f"{chapter} {heading}".strip()
    elif re.search(r"几节|哪些节", asked):
        under = []
        for _, h, sec in heads[best + 1 :]:
            if not sec:
                break
            under.append(h)
        if under:
            shown = f"{heading}（下设{'、'.join(under)}）"
    first = ARTICLE_HEAD.search(doc.text.search, start)
    if (span := heading_line(doc, start)) is not None:
        a, b = span
    elif first is not None:
        a, b = sentence_around(doc.text.display, first.start(), first.end(), 160)
    else:
        return None
    return CatalogItem(doc, a, b, f"《{short_label(doc.meta.title)}》", fact="：" + shown)


# a top-level heading of a work plan or report: "一、总体要求", on a line of its own
_PART_HEAD = re.compile(r"^[ \t\u3000]*([一二三四五六七八九十]+)、(.{2,30})$", re.M)
_PART_ASKED = re.compile(r"第([一二三四五六七八九十]+)(?:个)?大?(?:部分|块)")


# a part's sub-heading, "（一）强化组织领导。…" at a line's start (up to its first full stop)
_SUB_HEAD = re.compile(r"^[ \t\u3000?？]*[（(][一二三四五六七八九十]+[）)][^\n]{1,40}", re.M)
_UNDER_ASKED = re.compile(r"下面|下边|底下|之下|下设|包括哪|分为哪|有哪几(?:条|项|个方面)")


def parts_of(doc: StoredDocument, asked: str) -> list[CatalogItem]:
    """The parts of a text set out under top-level headings ("一、总体要求"): the ones a
    question asks by number ("第五部分", "最后一部分"), else all, the first counting them
    ("正文共三部分：一、总体要求"). [] for a text without such headings (a regulation's
    articles are its 条, counted by ``length``)."""
    search, display = doc.text.search, doc.text.display
    heads = [m for m in _PART_HEAD.finditer(search) if not ARTICLE_OR_CHAPTER.match(m.group(2))]
    # (numbered in order from 一: an enumeration inside an article is no outline)
    heads = [m for i, m in enumerate(heads) if cn_to_int(m.group(1)) == i + 1] if heads else []
    if len(heads) < 2:
        return []
    label = f"《{short_label(doc.meta.title)}》"
    asked_numbers = [n for m in _PART_ASKED.finditer(asked) if (n := cn_to_int(m.group(1)))]
    if re.search(r"最后一(?:个)?大?(?:部分|块)", asked):
        asked_numbers.append(len(heads))
    wanted = [heads[n - 1] for n in dict.fromkeys(asked_numbers) if 0 < n <= len(heads)]
    items = []
    for m in wanted or heads:
        a = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t\u3000"))
        # (as the question reads it: a traditional-script text's heading in simplified characters)
        heading = search[a : m.end()].strip()
        body = re.search(r"\S", display[m.end() :])
        if body is None:
            continue
        if (span := heading_line(doc, a)) is not None:
            items.append(CatalogItem(doc, *span, label, fact=heading))
            continue
        # (a heading no passage holds: the first sentence under it is cited)
        x, y = sentence_around(display, m.end() + body.start(), m.end() + body.start() + 1, 160)
        # (within its first line: a sub-heading that runs on into the item under it is no sentence)
        if (line_end := display.find("\n", x)) > x:
            y = min(y, line_end)
        if doc.chunk_at(x) is None and (under := next((c for c in doc.chunks if c.start >= x), None)):
            # (a sub-heading that is no passage either, "（一）坚决贯彻…": the first passage under it)
            x, y = sentence_around(display, under.start, under.start + 1, 160)
        items.append(CatalogItem(doc, x, y, label, fact=heading))
    if not items:
        return []
    if wanted and _UNDER_ASKED.search(asked):
        # ("第三部分讲什么，其下设哪几项": the sub-headings under each part asked)
        for item, m in zip(items, wanted, strict=False):
            nxt = next((h.start() for h in heads if h.start() > m.start()), len(search))
            subs = [
                re.sub(
                    r"^[^（(]*[（(]([一二三四五六七八九十]+)[）)]",
                    r"（\1）",
                    re.sub(r"[。.；;].*$", "", h.group(0)),
                )
                for h in _SUB_HEAD.finditer(search, m.end(), nxt)
            ]
            if subs:
                item.fact = f"{item.fact}（下设{'、'.join(subs)}）"
    if not wanted:
        items[0].fact = f"正文共{int_to_cn(len(heads))}部分：{items[0].fact}"
    elif asked_numbers:
        items[0].fact = f"正文共{int_to_cn(len(heads))}部分，其中{items[0].fact}"
    return items


# "根据《中华人民共和国某法》…，结合本市实际，制定本条例": what a text was made under
_BASIS = re.compile(
    r"(?:根据|依据)[^。；\n]{0,300}?制定本(?:条例|办法|规定|细则|决定|方案|计划|行动计划|要点|意见)"
)
BASIS_WITHIN = 3000  # the basis is stated in a text's first article or opening paragraph


def basis_of(doc: StoredDocument) -> CatalogItem | None:
    """The sentence that says what ``doc`` was made under ("根据《…通知》（郑政办〔2023〕39号），
    结合我区实际，制定本行动计划"), or None when its opening states none."""
    m = _BASIS.search(doc.text.search[:BASIS_WITHIN])
    if m is None:
        return None
    item = sentence_item(doc, m.start(), m.end(), limit=400)
    # (the clause itself is the answer, "根据《…》，结合…实际，制定本…"; the purposes before it
    # are in the sentence cited)
    item.fact = re.sub(r"\s+", "", doc.text.display[m.start() : m.end()])
    return item


def length_of(doc: StoredDocument, asked: str = "") -> CatalogItem | None:
    """How many articles (and chapters) ``doc`` has, counted from its headings, cited to its last
    article: "全文共三十三条，分六章"; asked how many chapters, with their headings ("分六章：第一章
    总则、…") where the text heads every one. None for a text without numbered articles (a work
    plan)."""
    search = doc.text.search
    articles = list(ARTICLE_HEAD.finditer(search))
    numbers = article_numbers(doc)
    if not numbers:
        return None
    chapters = {n for m in CHAPTER_HEAD.finditer(search) if (n := cn_to_int(m.group(1)))}
    last = articles[-1]
    item = sentence_item(doc, last.start(), last.end())
    count = f"全文共{int_to_cn(max(numbers))}条，" + (
        f"分{int_to_cn(max(chapters))}章" if chapters else "不分章"
    )
    chapter_heads = [h for _, h, section in headings(doc) if not section]
    if "章" in asked and chapters and len(chapter_heads) == max(chapters) <= LISTED_CHAPTERS:
        count += "：" + "、".join(chapter_heads)
    item.fact = f"{count}（最后一条为第{last.group(1)}条：{item.fact}）"
    return item


LISTED_CHAPTERS = 15  # a chapter count is given with the headings of this many chapters at most


# "第九十条写了哪些内容": an article asked for itself (not one a breach or a basis names:
# "违反第十条…", "依照第五条…")
_ASKED_ARTICLE = re.compile(
    rf"(?<![违反依照根据按本])第([{ARTICLE_NUMERAL}]+)条(?:第[{ARTICLE_NUMERAL}]+款)?的?"
    r"(?:规定了|规定的|规定是|说了|讲了|写了|内容|是什么|讲的|说的"
    r"|(?:是|又是)?(?:怎么|怎样|如何)规定|(?:有)?(?:什么|何)规定|原文)"
)


def missing_article(doc: StoredDocument, search: str) -> str | None:
    """The article a question asks for by number ("第九十条写了哪些内容") when ``doc`` has no
    such article — its numbered articles end before it — else None."""
    m = _ASKED_ARTICLE.search(search)
    if m is None:
        return None
    asked = cn_to_int(m.group(1))
    numbers = article_numbers(doc)
    if not asked or not numbers or asked <= max(numbers):
        return None
    return f"《{short_label(doc.meta.title)}》全文共{int_to_cn(max(numbers))}条，没有第{m.group(1)}条。"


# "附件：某某清单.doc", "附件1：…", "附表：…": what a text carries with it, each on a line of its own
_ATTACHMENT = re.compile(r"^[ \t\u3000]*(?:附件|附表)\s*\d*\s*[:：]\s*(\S[^\n]*)$", re.M)
_FILE_EXTENSION = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|ofd|txt)\s*$", re.I)


def attachments_of(doc: StoredDocument) -> CatalogItem | None:
    """The attachments a text lists ("附件：晋城市…整改措施清单.doc"), cited to the lines that
    list them; None when it lists none."""
    search = doc.text.search
    hits = list(_ATTACHMENT.finditer(search))
    if not hits:
        return None
    names = [_FILE_EXTENSION.sub("", m.group(1)).strip() for m in hits]
    a = hits[0].start() + len(hits[0].group(0)) - len(hits[0].group(0).lstrip(" \t\u3000"))
    return CatalogItem(
        doc, a, hits[-1].end(), f"《{short_label(doc.meta.title)}》", fact="附件：" + "；".join(names)
    )


# the line a notice is sent to, under its title: "各开发区管理办公室,各镇人民政府,…:"
_ADDRESSEES = re.compile(r"^[ \t\u3000]*(各[^。\n]{2,300}?)\s*[:：]\s*$", re.M)
ADDRESSEES_WITHIN = 1500  # the line stands before the notice's first paragraph


def addressees_of(doc: StoredDocument) -> CatalogItem | None:
    """Whom a notice is sent to (主送机关), as the line under its title states; None when the text
    opens with no such line (a regulation, a plan saved without its notice)."""
    m = _ADDRESSEES.search(doc.text.search[:ADDRESSEES_WITHIN])
    if m is None:
        return None
    fact = "主送：" + re.sub(r"\s+", "", doc.text.display[m.start(1) : m.end(1)])
    return CatalogItem(doc, m.start(1), m.end(1), f"《{short_label(doc.meta.title)}》", fact=fact)


TITLE_WITHIN = 1500  # a text's title stands at its head, under a saved page's header at most


def title_of(doc: StoredDocument) -> CatalogItem | None:
    """The line that states a text's full title, as the text writes it; None when its head does
    not (the title then is only the file's name)."""
    search = doc.text.search
    title = to_simplified(doc.meta.title).strip()
    at = search.find(title, 0, TITLE_WITHIN)
    if at < 0 or not title:
        return None
    return CatalogItem(
        doc, at, at + len(title), f"《{short_label(doc.meta.title)}》", fact=f"标题全称为“{title}”"
    )


# an issuing body at the head of a title: "市环保局2024年上半年…", "某某办公室关于印发…的通知"
_ISSUER_IN_TITLE = re.compile(
    r"^([\u4e00-\u9fff]{1,30}?(?:人民政府办公厅|人民政府办公室|人民政府|管理委员会办公室|管理委员会"
    r"|管委会办公室|管委会|办公厅|办公室|委员会|厅|局))(?=关于|(?:19|20)\d{2}年)"
)


def issuer_in_title(doc: StoredDocument) -> CatalogItem | None:
    """The body a title names as its author ("市环保局2024年上半年工作进展情况…"), cited to the
    title line, for a text whose header states no issuer; None when the title opens otherwise."""
    item = title_of(doc)
    if item is None:
        return None
    m = _ISSUER_IN_TITLE.match(doc.text.search[item.start : item.end])
    if m is None:
        return None
    item.fact = f"由{m.group(1)}发布（见标题）"
    return item
