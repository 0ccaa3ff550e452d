"""Sanctions: how a regulation's 法律责任 chapter answers a penalty question.

A regulation sets its fines apart from the duties they enforce: "违反本条例第二十七条规定的，
由…处五百元以上五千元以下罚款" says nothing of what 第二十七条 requires, and an offence listed as
"（二）…的" takes the sanction of its article's lead-in. The helpers here follow those
references: the cited article's words count for the sanction (``inherit_coverage``), the
lead-in that sets the fine or names the authority is quoted with the item
(``sanction_lead``, ``enforcer_lead``, ``offence_item``), and the sanctions that cite the duty
articles among the passages are fetched from the document (``sanction_chunks``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import jieba

from assistant.answer.candidates import Candidate, GetDoc
from assistant.answer.compose import ENUMERATION_LEAD
from assistant.answer.cues import (
    ARTICLE_REF,
    ARTICLE_START,
    FINE,
    FINE_AMOUNT,
    STOPWORDS,
    has_any,
    idf,
    only_purpose,
    synonym_group,
)
from assistant.index.docstore import StoredDocument
from assistant.intent import QUESTION_WORD, detect_intent
from assistant.lru import LRU
from assistant.numbering import ARTICLE_NUMERAL, OUTLINE_NUMERAL, cn_to_int
from assistant.regions import find_regions
from assistant.schema import Chunk, Citation, Passage
from assistant.script import fold_width
from assistant.vocab import question_words


def inherit_coverage(
    cands: Sequence[Candidate], cover: Callable[[str], float], get_doc: GetDoc | None
) -> None:
    """A sanction "违反本条例第二十七条规定的，…处五百元以上五千元以下罚款" is about what
    第二十七条 says, in words it does not repeat: it takes (nine tenths of) the coverage of its own
    words together with the article it cites — read from the document when it is not among the
    passages — when that is higher than its own."""
    by_article: dict[tuple[str, str], str] = {}

    def article_coverage(c: Candidate, article: str) -> float:
        # the sanction's own words count with the duty's: "违反本条例第三十条规定的，责令限期处理；
        # 逾期未处理的…" says the step asked ("逾期不处理"), 第三十条 the act ("饲养鸡、鸭…")
        key = (c.chunk.doc_id, article)
        if key not in by_article:
            by_article[key] = article_text(get_doc, c.chunk.doc_id, article)
        text = by_article[key]
        return cover(c.search + "\n" + text) if text else 0.0

    for c in cands:
        # a sanction, or an offence its article's lead-in sanctions ("（五）客运出租汽车驾驶人员有
        # 违反本条例第二十三条规定行为的" under "有下列情形之一的，…处…罚款")
        if not FINE.search(c.search) and sanction_lead(c, cands) is None:
            continue
        # an article cited by its items ("第三十六条第四项") is about those items, not all of it
        by_items = _inherit_from_items(c, cands, cover, get_doc)
        # an article cited by one of its 款 ("第十五条第二款") is about that 款, not all of it,
        # unless the unit also cites it whole
        body = _after_heading(c.search)
        paragraphs = {(f"第{a}条", cn_to_int(n)) for a, n in _PARAGRAPH_REF.findall(body)}
        whole = {f"第{a}条" for a in _WHOLE_ARTICLE_REF.findall(body)}
        articles = (cited_articles(c) - {a for a, _ in paragraphs} | whole) - {f"第{a}条" for a in by_items}
        # (not the number its own article opens with, "第四十五条 有下列情形之一的，…": a lead-in
        # is about the item it sanctions, each with its words, not all its items' words together)
        own = next(iter(own_article(c)), "")
        cited_by_body = {f"第{n}条" for n in ARTICLE_REF.findall(body)}
        if own in articles and own not in cited_by_body and not re.search(r"违反本条(?!例|第)", body):
            articles.discard(own)
            articles_items = _item_texts(get_doc, c.chunk.doc_id, own)
            own_cover = (
                max(cover(c.search + "\n" + t) for t in articles_items)
                if len(articles_items) >= 2
                else article_coverage(c, own)
            )
        else:
            own_cover = 0.0
        inherited = max(
            [own_cover]
            + [article_coverage(c, a) for a in articles]
            + [
                cover(c.search + "\n" + text)
                for a, n in paragraphs
                if a not in articles and (text := paragraph_text(get_doc, c.chunk.doc_id, a, n))
            ],
            default=0.0,
        )
        own = own_paragraphs(get_doc, c)
        c.coverage = max(c.coverage, 0.9 * max(inherited, cover(own) if own else 0.0))


def _inherit_from_items(
    c: Candidate, cands: Sequence[Candidate], cover: Callable[[str], float], get_doc: GetDoc | None
) -> set[str]:
    """A sanction that punishes listed items clause by clause ("违反本条例第三十六条第一项规定的，
    处…；违反第四项规定的，处…", or "违反第（一）项规定的，…" under a lead-in "违反本条例第九条
    规定的，按照下列规定处罚：") is about what each cited item says: it takes the coverage of its
    best clause's items, and that clause is the part of it that answers."""
    carried = _lead_article(c, cands)
    best: tuple[float, int, int] | None = None
    clauses = list(_CLAUSE.finditer(c.search))
    cited: set[str] = set()
    for m in clauses:
        refs, carried = item_refs(m.group(0), carried)
        texts = [item_text(get_doc, c.chunk.doc_id, f"第{a}条", n) for a, n in refs]
        cited |= {a for (a, _), t in zip(refs, texts, strict=True) if t}
        # each item with the clause's own words, which may name the act too ("违反本条例第十五条
        # 第二项规定，清洗衣物或者其他器具的，…")
        got = max((cover(f"{m.group(0)}\n{t}") for t in texts if t), default=0.0)
        if got and (best is None or got > best[0]):
            best = (got, m.start(), m.end())
    if best is None:
        return cited
    got, start, end = best
    c.coverage = max(c.coverage, 0.9 * got)
    if len(clauses) > 1:
        c.sanction_span = (c.unit.start + start, c.unit.start + end)
    return cited


def cited_item_texts(c: Candidate, cands: Sequence[Candidate], get_doc: GetDoc | None) -> list[str]:
    """What the items a sanction cites say ("违反第（一）项规定的" under "违反本条例第九条规定
    的，按照下列规定处罚：" cites 第九条's first item)."""
    article = _lead_article(c, cands)
    if _PREVIOUS_ITEMS.search(c.search) and (own := own_article(c)):
        article = next(iter(own))[1:-1]
    refs, _ = item_refs(c.search, article)
    return [t for a, n in refs if (t := item_text(get_doc, c.chunk.doc_id, f"第{a}条", n))]


def _lead_article(c: Candidate, cands: Sequence[Candidate]) -> str | None:
    """The article the lead-in of an item's article cites ("违反本条例第九条规定的，…："), which
    the item's bare "第（一）项" refers to; so does a later 款's ("违反第四项规定的，…")."""
    later = c.unit.kind == "paragraph" and not ARTICLE_START.match(c.search)
    lead = article_lead(c, cands) if c.unit.kind in ("item", "enum", "sentence") or later else None
    cited = ARTICLE_REF.findall(lead.search) if lead is not None else []
    return cited[-1] if cited else None


# a sanction's clauses: "违反…第一项规定的，处…；违反第四项规定的，处…"
_CLAUSE = re.compile(r"[^；;]+[；;]?")
_NUM = rf"[（(]?([{ARTICLE_NUMERAL}]+)[）)]?"
# an article, or items ("第四项", "第(二)、(三)项", "第一项至第三项") of the article last named
_REF = re.compile(
    rf"第([{ARTICLE_NUMERAL}]+)条"
    rf"|(?:第|(?<=前款)){_NUM}((?:项?[、和及或至到]第?[（(]?[{ARTICLE_NUMERAL}]+[）)]?)*)项"
)
# "有前款（七）、（八）项规定行为之一的", "违反本条第一款第六项至第八项规定的": items of an
# enumeration before, in the same article
_PREVIOUS_ITEMS = re.compile(rf"(?:前款|本条第[{ARTICLE_NUMERAL}]+款)第?{_NUM}")


def item_refs(text: str, article: str | None) -> tuple[list[tuple[str, int]], str | None]:
    """The (article, item number) pairs ``text`` cites, reading "第N项" as an item of the article
    named last before it (``article`` when the text names none); returns them and the article
    named last, which the text's next clause inherits."""
    refs: list[tuple[str, int]] = []
    for m in _REF.finditer(text):
        if m.group(1):
            article = m.group(1)
            continue
        if article is None:
            continue
        first = cn_to_int(m.group(2))
        numbers = [first] if first else []
        rest = m.group(3) or ""
        for sep, n in re.findall(rf"([、和及或至到])第?[（(]?([{ARTICLE_NUMERAL}]+)[）)]?", rest):
            k = cn_to_int(n)
            if not k:
                continue
            if sep in "至到" and numbers:
                numbers += list(range(numbers[-1] + 1, k + 1))
            else:
                numbers.append(k)
        refs += [(article, k) for k in numbers]
    return refs, article


# an item's number where an item starts: after the lead-in's colon, the previous item or a line break
_ITEM_START = re.compile(rf"(?:^|(?<=[：:；;。\s]))[（(]([{OUTLINE_NUMERAL}]+)[）)]")


def _item_texts(get_doc: GetDoc | None, doc_id: str, article: str) -> list[str]:
    """The search text of each item of an article, each after the lead-in that says what its
    items are; [] for an article without items."""
    return list(_items(article_text(get_doc, doc_id, article)).values())


def item_text(get_doc: GetDoc | None, doc_id: str, article: str, number: int) -> str:
    """The search text of item (number) of an article, after the lead-in that says what its
    items are ("装修房屋时，禁止下列行为：（二）拆改承重墙；"); "" when the article has
    no such item."""
    return _items(article_text(get_doc, doc_id, article)).get(number, "")


def _items(text: str) -> dict[int, str]:
    """An article's items by number, each after its lead-in (the first item of a number)."""
    starts = [(m.start(), cn_to_int(m.group(1))) for m in _ITEM_START.finditer(text)]
    out: dict[int, str] = {}
    for i, (at, n) in enumerate(starts):
        if n and n not in out:
            out[n] = text[: starts[0][0]] + text[at : starts[i + 1][0] if i + 1 < len(starts) else len(text)]
    return out


# "第十五条第二款" (not followed by its items: "第十五条第一款第三项" cites those), and an article
# cited whole ("第十五条规定", "第十五条、第十六条")
_PARAGRAPH_REF = re.compile(rf"第([{ARTICLE_NUMERAL}]+)条第([{ARTICLE_NUMERAL}]+)款(?!第)")
_WHOLE_ARTICLE_REF = re.compile(rf"第([{ARTICLE_NUMERAL}]+)条(?!第)")


def paragraph_text(get_doc: GetDoc | None, doc_id: str, article: str, number: int | None) -> str:
    """The search text of 款 (number) of an article, with the items listed under it; "" when
    the article has no such 款."""
    paragraphs = _paragraphs(get_doc, doc_id, article)
    return paragraphs[number - 1] if number and 0 < number <= len(paragraphs) else ""


def _paragraphs(get_doc: GetDoc | None, doc_id: str, article: str) -> list[str]:
    """The 款 of an article, each with the items listed under it."""
    paragraphs: list[str] = []
    for line in _article_lines(get_doc, doc_id, article):
        if not line.strip():
            continue
        if paragraphs and _ITEM_START.match(line.strip()):
            paragraphs[-1] += line  # an item belongs to the 款 that lists it
        else:
            paragraphs.append(line)
    return paragraphs


def forbids(get_doc: GetDoc | None, citation: Citation) -> bool:
    """Whether the 款 a quoted unit belongs to forbids what the unit names: the unit says 禁止 or
    不得 itself, or is an item of a 款 that does ("禁止下列行为：…（五）网箱养殖以及畜禽养殖")."""
    doc = _document(get_doc, citation.doc_id)
    if doc is None:
        return False
    quote = doc.text.search[citation.quote_start : citation.quote_end]
    article = _article_of(citation.section_number)
    paragraphs = _paragraphs(get_doc, citation.doc_id, article) if article else []
    where = next((p for p in paragraphs if quote in p), quote)
    return has_any(where, synonym_group("禁止"))


def _article_of(section_number: str) -> str:
    """The article a section number is in ("第九条" of "第二章.第九条.（十一）"), or ""."""
    return next((x for x in section_number.split(".") if _ARTICLE.fullmatch(x)), "")


def _spans(chunk: Chunk) -> list[tuple[str, int, int]]:
    """(section number, start, end) of each part of a chunk, or of the chunk as one part."""
    return [(p.section_number, p.start, p.end) for p in chunk.parts or []] or [
        (chunk.section_number, chunk.start, chunk.end)
    ]


_ARTICLE = re.compile(rf"第[{ARTICLE_NUMERAL}]+条")


def paragraphs_before(get_doc: GetDoc | None, c: Candidate) -> str:
    """The 款 of ``c``'s article before the one it stands in, joined ("" for its first 款): the
    procedure a later 款 sets the time of ("…向省气象主管机构报告" before "省气象主管机构应当
    自受理之日起二十日内作出决定")."""
    article = next(iter(own_article(c)), "")
    if not article:
        return ""
    paragraphs = [fold_width(p) for p in _paragraphs(get_doc, c.chunk.doc_id, article)]
    head = c.search.strip()[:PARAGRAPH_HEAD]
    at = next((i for i, p in enumerate(paragraphs) if head in p), 0)
    return "".join(paragraphs[:at])


def own_paragraphs(get_doc: GetDoc | None, c: Candidate) -> str:
    """ "违反本条第二款和第三款规定的，…": what those 款 of the sanction's own article say; "违反前款
    规定，…": what the 款 before it says."""
    article = next(iter(own_article(c)), "")
    if _PREVIOUS_PARAGRAPH.search(c.search):
        paragraphs = [fold_width(p) for p in _paragraphs(get_doc, c.chunk.doc_id, article)]
        head = c.search.strip()[:PARAGRAPH_HEAD]
        at = next((i for i, p in enumerate(paragraphs) if head in p), 0)
        return paragraphs[at - 1] if at > 0 else ""
    m = OWN_PARAGRAPHS.search(c.search)
    if not m:
        return ""
    wanted = [cn_to_int(n) for n in re.findall(rf"第([{ARTICLE_NUMERAL}]+)款", m.group(0))]
    return "".join(paragraph_text(get_doc, c.chunk.doc_id, article, n) for n in dict.fromkeys(wanted))


# "违反前款规定": the 款 before the sanction's own, found by the sanction's opening characters
_PREVIOUS_PARAGRAPH = re.compile(r"违反前款")
PARAGRAPH_HEAD = 16

# "违反本条第二款和第三款规定", "违反第一款规定": 款 of the sanction's own article (a 款 cited
# without its article is one of the article it stands in)
OWN_PARAGRAPHS = re.compile(rf"违反(?:本条)?(?:第[{ARTICLE_NUMERAL}]+款[和、及或]?)+")


# a duty cited by number is quoted beside its sanction when no longer than this
CITED_DUTY_CHARS = 200


def cited_paragraph(c: Candidate, cands: Sequence[Candidate]) -> Candidate | None:
    """The 款 of its own article a sanction cites by number alone ("违反第一款规定，不按规定停放
    非机动车的，处…"), when it sets no sanction itself: without it the answer names what is
    punished only as "第一款"."""
    m = OWN_PARAGRAPHS.search(c.search)
    if not m:
        return None
    numbers = {cn_to_int(n) for n in re.findall(rf"第([{ARTICLE_NUMERAL}]+)款", m.group(0))}
    article = next(iter(own_article(c)), "")
    if len(numbers) != 1 or not article:
        return None
    paragraphs = sorted(
        {
            x.unit.start: x
            for x in cands
            if x.unit.kind == "paragraph"
            and x.chunk.doc_id == c.chunk.doc_id
            and _article_of(x.chunk.part_at(x.unit.start).section_number) == article
        }.values(),
        key=lambda x: x.unit.start,
    )
    n = numbers.pop() or 0
    # (the article read from its first 款, or the 款 are not counted right)
    if not (0 < n <= len(paragraphs)) or not paragraphs[0].search.lstrip().startswith(article):
        return None
    duty = paragraphs[n - 1]
    if duty.unit.start == c.unit.start or FINE.search(duty.search) or len(duty.search) > CITED_DUTY_CHARS:
        return None
    return duty


def own_article(c: Candidate) -> set[str]:
    article = _article_of(c.chunk.part_at(c.unit.start).section_number)
    return {article} if article else set()


def cited_articles(c: Candidate) -> set[str]:
    """The articles a unit refers to ("违反本条例第二十七条规定的"), its own for "违反本条…"."""
    cited = {f"第{n}条" for n in ARTICLE_REF.findall(c.search)}
    if re.search(r"违反本条(?!例|第)", c.search):
        # "…违反本条规定的，…": the article the sanction closes (its 款 when it names them)
        cited |= own_article(c)
    return cited


def _after_heading(search: str) -> str:
    """A unit's text after the number its own article opens with ("第四十五条 "), which it does
    not cite."""
    heading = ARTICLE_START.match(search)
    return search[heading.end() :] if heading else search


def article_text(get_doc: GetDoc | None, doc_id: str, article: str) -> str:
    """The search text of one article of a document ("" when it cannot be read): its parts
    joined without what lies between them, so a long article cut into one part per 款 reads as
    one line (:func:`_article_lines` keeps the breaks)."""
    doc = _document(get_doc, doc_id)
    if doc is None:
        return ""
    # an item reference reads its article once per item ("第一项至五项"): kept per document version
    key = (doc_id, doc.content_hash, article)
    held = _ARTICLES.get(key)
    if held is None:
        held = "".join(
            ch.search_text[a - ch.start : b - ch.start] for ch, a, b in _article_spans(doc, article)
        )
        _ARTICLES.put(key, held)
    return held


def _article_lines(get_doc: GetDoc | None, doc_id: str, article: str) -> list[str]:
    """The lines of one article as the document writes them, one per 款 or item."""
    doc = _document(get_doc, doc_id)
    if doc is None:
        return []
    key = (doc_id, doc.content_hash, article)
    held = _LINES.get(key)
    if held is None:
        spans = _article_spans(doc, article)
        text = doc.text.search[min(a for _, a, _ in spans) : max(b for _, _, b in spans)] if spans else ""
        held = text.split("\n") if text else []
        _LINES.put(key, held)
    return held


def _document(get_doc: GetDoc | None, doc_id: str) -> StoredDocument | None:
    try:
        return get_doc(doc_id) if get_doc else None
    except (KeyError, LookupError):
        return None


def _article_spans(doc: StoredDocument, article: str) -> list[tuple[Chunk, int, int]]:
    """(chunk, start, end) of each part of ``doc``'s chunks that belongs to ``article``."""
    return [
        (chunk, a, b)
        for chunk in doc.chunks
        for number, a, b in _spans(chunk)
        if article in number.split(".")
    ]


_ARTICLES: LRU[tuple[str, str, str], str] = LRU(1024)
_LINES: LRU[tuple[str, str, str], list[str]] = LRU(1024)


def in_liability_chapter(c: Candidate, cands: Sequence[Candidate] = ()) -> bool:
    """Whether a unit is of the document's sanctions: in its 法律责任 chapter, or (in a text
    without chapters) a sanction's list of offences, "违反本条例规定，有下列行为之一的，…处…罚款："
    and its items (their lead-in looked for among ``cands`` too)."""
    if any("法律责任" in h for h in c.chunk.section_path):
        return True
    return _SANCTION_LIST.search(c.search) is not None or sanction_lead(c, [c, *cands]) is not None


# the lead-in of a list of offences that states their sanction
_SANCTION_LIST = re.compile(rf"下列[^。]{{0,6}}之一的[^。]*?(?:{FINE.pattern})")


def sanction_lead(item: Candidate, cands: Sequence[Candidate]) -> Candidate | None:
    """The lead-in 款 of the article an item belongs to, when it states the sanction."""
    if item.unit.kind not in ("item", "enum", "sentence"):
        return None
    if not re.match(rf"\s*[（(][零{OUTLINE_NUMERAL}\d]+[）)]", item.search):
        return None
    lead = article_lead(item, cands)
    if lead is None:
        return None
    return lead if FINE.search(lead.search) and re.search(r"下列[^。]{0,6}之一", lead.search) else None


def article_lead(item: Candidate, cands: Sequence[Candidate]) -> Candidate | None:
    """The first 款 ("第N条 …") of the article an item belongs to: in the item's passage, or in
    another passage of the same article (a long article's items are chunked apart from its
    lead-in, "第三十三条.（二）")."""
    article = own_article(item)
    before = [
        c
        for c in cands
        if (
            c.passage is item.passage
            or (article and c.chunk.doc_id == item.chunk.doc_id and own_article(c) == article)
        )
        and c.unit.kind == "paragraph"
        and c.unit.end <= item.unit.start
        and ARTICLE_START.match(c.search)
    ]
    return max(before, key=lambda c: c.unit.start) if before else None


def enforcer_lead(item: Candidate, cands: Sequence[Candidate]) -> Candidate | None:
    """The lead-in of the article a sanctioned item belongs to, when the item sets its own fine
    and the lead-in says who imposes it and what else follows ("违反本规定有下列行为之一的，由公安
    部门责令改正，根据不同情节予以处罚：" before "（一）…的，处以二百元以下罚款"): the item
    alone would drop the authority and the order to correct."""
    if item.unit.kind not in ("item", "enum") or not FINE.search(item.search):
        return None
    lead = article_lead(item, cands)
    if lead is None:
        return None
    return lead if ENUMERATION_LEAD.search(lead.search) and re.search(r"由|责令", lead.search) else None


def offence_item(best: Candidate, pool: list[Candidate], leads: dict[int, Candidate]) -> Candidate | None:
    """The listed offence a penalty question matches: the best unit itself, or an item that
    matches the question almost as well and belongs to the best unit (the whole article, or
    the lead-in that sets the sanction)."""
    if id(best) in leads:
        return best

    def belongs(item: Candidate) -> bool:
        lead = leads[id(item)].unit
        inside = best.unit.start <= item.unit.start and item.unit.end <= best.unit.end
        return inside or (lead.start < best.unit.end and best.unit.start < lead.end)

    inner = [
        c
        for c in pool
        if id(c) in leads and c.passage is best.passage and c.coverage >= 0.8 * best.coverage and belongs(c)
    ]
    return max(inner, key=lambda c: c.coverage, default=None)


def fine_of_item(item: Candidate, cands: Sequence[Candidate]) -> Candidate | None:
    """The later 款 of an item's article that sets the fine for it by number, when the lead-in
    only says one is set ("…并处罚款：（二）…；有前款（二）、（三）项规定行为之一的，处以二万元以上
    八万元以下罚款"), or None."""
    later = [
        c for c in _citing_item(item, cands) if FINE_AMOUNT.search(c.search) and not _CAP.search(c.search)
    ]
    return min(later, key=lambda c: c.unit.end - c.unit.start, default=None)


def cap_of_item(item: Candidate, cands: Sequence[Candidate]) -> Candidate | None:
    """The later 款 of an item's article that bounds the fine the item sets ("前款第（一）项、
    第（三）项规定的处罚，最高不得超过三万元"), which changes what the item says, or None."""
    later = [c for c in _citing_item(item, cands) if _CAP.search(c.search)]
    return min(later, key=lambda c: c.unit.end - c.unit.start, default=None)


# a bound on a fine set before ("最高不得超过三万元", "累计不超过…")
_CAP = re.compile(r"(?:最高|最多|累计|总额)[^，。；]{0,6}(?:不得|不)超过")


def _citing_item(item: Candidate, cands: Sequence[Candidate]) -> list[Candidate]:
    # the later 款 of the item's article that cite it by number ("前款第（一）项")
    label = re.match(rf"\s*[（(]([{OUTLINE_NUMERAL}]+)[）)]", item.search)
    article = own_article(item)
    if label is None or not article:
        return []
    number, own = cn_to_int(label.group(1)), next(iter(article))[1:-1]
    return [
        c
        for c in cands
        if c.chunk.doc_id == item.chunk.doc_id
        and own_article(c) == article
        and c.unit.kind in ("sentence", "paragraph")
        and c.unit.start >= item.unit.end
        and _PREVIOUS_ITEMS.search(c.search)
        and (own, number) in item_refs(c.search, own)[0]
    ]


@dataclass
class AskedAct:
    """The act a penalty question names that the picked sanction does not enforce: the question's
    words the picks do not say (nor the items or articles they cite), and the parts of the picks'
    document that name two or more of them, (article, item or None) → how many."""

    doc: StoredDocument
    unsaid: list[tuple[str, ...]]
    named: dict[tuple[str, int | None], int]
    # the question's words the picks say ("城市建成区", "屠宰" of a fine for "从事饲养、屠宰活动的")
    stated: list[tuple[str, ...]] = field(default_factory=list)


def whole_words(groups: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """``groups`` without the search-mode pieces of a longer one: "高等" of "高等级" is that word
    again, not a second word of the question (two would name an act of their own)."""
    return [g for g in groups if not any(g[0] != h[0] and g[0] in h[0] for h in groups)]


def asked_act(
    picks: Sequence[Candidate], cands: Sequence[Candidate], terms: Sequence[tuple[str, ...]], get_doc: GetDoc
) -> AskedAct | None:
    """The act a penalty question asks about, when the picks leave it unsaid (see :class:`AskedAct`);
    None when they say it, or no part of their document names it."""
    if not picks:
        return None
    doc = _document(get_doc, picks[0].chunk.doc_id)
    if doc is None:
        return None
    text = doc.text.search
    said = [c.search + c.context for c in picks]
    by_number = False  # whether the picks name the offences they punish by article number
    for c in picks:
        # what the picks enforce: the items they cite ("第三十三条第一款第一项至第三项"), else
        # the articles
        items = cited_item_texts(c, cands, get_doc)
        cited = cited_articles(c)
        said += items or [article_text(get_doc, c.chunk.doc_id, a) for a in cited]
        # (a unit's own number, "第三十四条 违反本条例规定的…", cites nothing)
        by_number = by_number or bool(items or cited - own_article(c))
    # (the words of an article number a question refers to, "第三十一条", name no act)
    words = [g for g in terms if len(g[0]) >= 2 and not _NUMBERING.fullmatch(g[0])]
    unsaid = [g for g in words if not any(has_any(t, g) for t in said) and has_any(text, g)]
    unsaid = whole_words(unsaid)
    if len(unsaid) >= 2:
        # the words of what the act applies to ("…适用本条例。本条例所称交通建设工程，是指…公路工程
        # 和水运工程") frame the question, they name no one's act (read only when needed: the
        # whole document is walked)
        scope = _scope_text(doc)
        unsaid = [g for g in unsaid if not has_any(scope, g)]
    if len(unsaid) < 2:
        return None
    # a sanction that names its offences in words ("违反本条例规定，有下列情形之一的…（二）造林
    # 成活率不足85%的") may say the act and leave unsaid only who does it and when ("单位…年度" of
    # "单位承担的年度造林任务，成活率达不到的话"): there the act is unsaid only when the words the
    # picks leave out weigh at least as much, in the passages read, as the words they say
    stated = [g for g in words if g not in unsaid and any(has_any(t, g) for t in said)]
    if not by_number and _weight(unsaid, cands) < _weight(stated, cands):
        return None
    named: dict[tuple[str, int | None], int] = {}
    for chunk in doc.chunks:
        for number, start, end in _spans(chunk):
            part = text[start:end]
            article = _article_of(number)
            count = sum(has_any(part, g) for g in unsaid)
            # (a part that speaks of sanctions, "负责…行政处罚工作", names no act)
            if article and count >= 2 and not any(w in part for w in question_words().penalty_mentions):
                levels = number.split(".")
                item = next((cn_to_int(m.group(1)) for x in levels if (m := _ITEM_NUMBER.fullmatch(x))), None)
                named[(article, item)] = max(named.get((article, item), 0), count)
    return AskedAct(doc, unsaid, named, whole_words(stated)) if named else None


def _scope_text(doc: StoredDocument) -> str:
    """The articles of ``doc`` that say what it applies to or why it is made, whole: the one
    whose first 款 is a purpose or scope clause, with the 款 after it (what its terms mean, what
    it leaves out)."""
    text = doc.text.search
    scope: set[str] = set()
    out: list[str] = []
    for chunk in doc.chunks:
        for number, start, end in _spans(chunk):
            article = _article_of(number)
            if article and (article in scope or only_purpose(text[start:end])):
                scope.add(article)
                out.append(text[start:end])
    return "\n".join(out)


def _weight(words: Sequence[tuple[str, ...]], cands: Sequence[Candidate]) -> float:
    """How much ``words`` tell the passages read apart: the sum of their idf among ``cands``."""
    return sum(idf(sum(has_any(c.search, g) for c in cands), len(cands)) for g in words)


def unsanctioned_article(act: AskedAct, get_doc: GetDoc, enforced: str = "") -> str:
    """The article that names the asked act, when no sanction of its document enforces it: ""
    otherwise. When no sanction cites such an article (whole, by 款, or by that item) or names the
    act, the document forbids the act without setting a penalty for it ("（一）擅自打井、立桩、
    布网"), and the fines picked belong to other offences."""
    for article, _ in act.named:
        # the article that sets the duty may say itself what a breach counts as ("逾期不答复的，
        # 按拒报统计资料处理"): that offence's sanction is the answer
        if BY_REFERENCE.search(article_text(get_doc, act.doc.meta.doc_id, article)):
            return ""
    for article in _articles(act.doc):
        # a sanction article, read whole: its lead-in cites the duty, its items set the fines
        body = article_text(get_doc, act.doc.meta.doc_id, article)
        if not FINE.search(body):
            continue
        if (
            any(_enforces(body, a, item) for a, item in act.named)
            or sum(has_any(body, g) for g in act.unsaid) >= 2
        ):
            return ""
    # (``enforced``: what enforced_in_words found, when the caller has it already)
    return "" if enforced or enforced_in_words(act, get_doc) else _duty(act)


def _duty(act: AskedAct) -> str:
    """The article that names most of the asked act's words."""
    return max(act.named, key=lambda key: act.named[key])[0]


def enforced_in_words(act: AskedAct, get_doc: GetDoc) -> str:
    """The text of the duty that names the asked act, when a sanction of its document names that
    act in general words and by no article number; "" otherwise.

    "城市建成区内不得饲养牛、马…鸡、鸭、鹅等家畜家禽，禁止在公共场所屠宰家畜家禽" is enforced by
    "在城市建成区内，从事饲养、屠宰活动的，处…": of the question's words the picks say, the sanction
    says two that the duty says too, in two places of one offence (side by side, "城市" and
    "建成区" are one place: the frame, not the act), or that repeats a long run of the duty's
    words. The duty's own words (家禽) are then said by the answer too, through it."""
    duty = _duty(act)
    duty_text = article_text(get_doc, act.doc.meta.doc_id, duty)
    shared = [g for g in act.stated if has_any(duty_text, g)]
    asked = [*act.stated, *act.unsaid]
    for article in _articles(act.doc):
        if article == duty:
            continue
        body = article_text(get_doc, act.doc.meta.doc_id, article)
        if FINE.search(body) and any(
            (_places(clause, shared, duty_text) >= 2 or repeats(clause, duty_text, asked))
            and not _CITES_ARTICLE.search(clause)
            # (nor a lead-in, "…单位有下列行为之一的，", whose items are the offences)
            and "下列" not in clause
            for clause in _OFFENCES.findall(_OWN_LABEL.sub("", body))
        ):
            return duty_text
    return ""


# An offence that repeats this many characters of a duty word for word ("因线路改造废弃的管线、
# 杆体、箱体等设施未在规定时间内拆除…的" of "因线路改造废弃的管线、杆体、箱体等设施，产权单位应当…拆除")
# states that duty's breach, however few of the question's words stand apart in it
REPEATED_RUN = 12


def repeats(clause: str, duty: str, words: Sequence[tuple[str, ...]] = ()) -> bool:
    """Whether ``clause`` repeats a run of :data:`REPEATED_RUN` characters of ``duty``, one that
    holds one of ``words`` when given: the act asked, not the frame both share ("市、区（县级市）
    人民政府" opens a duty and the sanction of officials alike)."""
    return any(
        (run := clause[i : i + REPEATED_RUN]) in duty and (not words or any(has_any(run, g) for g in words))
        for i in range(len(clause) - REPEATED_RUN + 1)
    )


def _places(text: str, words: Sequence[tuple[str, ...]], duty: str = "") -> int:
    """In how many separate places of ``text`` the words stand: "城市" and "建成区" side by side
    are one place ("城市建成区"), the frame of the act, not a second word of it; so are two words
    the ``duty`` writes side by side, a word or two apart ("海岸带范围" in "海岸带陆域范围")."""
    spans = sorted((i, i + len(w), w) for g in words for w in g if (i := text.find(w)) >= 0)
    places, end, last = 0, -1, ""
    for start, stop, word in spans:
        near = bool(last and duty) and start <= end + PLACE_GAP and last + word in duty
        if start > end and not near:
            places += 1
        end, last = max(end, stop), word
    return places


# characters between two words the duty writes side by side that still leave them one place
PLACE_GAP = 2


# (an offence named by the article it breaks, "违反本条例第十四条规定…的", is that article's)
_CITES_ARTICLE = re.compile(rf"第[{ARTICLE_NUMERAL}]+条")
# the label an article's text opens with ("第四十五条 违反本条例规定…"): its own number, no citation
_OWN_LABEL = re.compile(rf"^第[{ARTICLE_NUMERAL}]+条\s*")
# an offence as a sanction states it: the clause before "的，(由…)处…" / "的，责令…"
_OFFENCES = re.compile(r"[^。；;:：\n]+的[，,](?=[^。；;]*?(?:处|罚款|责令|没收))")


# a breach that counts as another offence: "…的，按拒报统计资料处理", "…的，依照前款规定处罚"
BY_REFERENCE = re.compile(r"的[，,](?:按|按照|依照)([^。；;，,]{2,20}?)(?:处理|论处|处罚)")


def enforcing_clause(
    act: AskedAct, picks: Sequence[Candidate], cands: Sequence[Candidate]
) -> Candidate | None:
    """Another clause of the picked sanction's article that enforces the item naming the asked
    act, when the picked clause cites other items: "违反…第一项至第三项规定的，处…罚款" picked
    for an act of the fourth item, answered by "违反…第四项至第八项规定的，由公安机关依法处理"."""
    own = {a for c in picks for a in own_article(c)}
    enforcing = [
        c
        for c in cands
        if c not in picks
        and own_article(c) & own
        and BREACH_REF.search(c.search)
        # (by the item itself: a lead-in citing the whole article is the picked clause's own)
        and any((a, item) in _cited_items(c, cands) for a, item in act.named if item is not None)
        # (not a unit that holds the picked clause as well: the whole article)
        and not any(p.search in c.search for p in picks)
    ]
    return min(enforcing, key=lambda c: len(c.search), default=None)


def _articles(doc: StoredDocument) -> list[str]:
    """The articles of a document, in order."""
    articles = (_article_of(number) for chunk in doc.chunks for number, _, _ in _spans(chunk))
    return list(dict.fromkeys(a for a in articles if a))


def _cited_items(c: Candidate, cands: Sequence[Candidate]) -> set[tuple[str, int]]:
    """The (article, item) pairs a unit cites, "第N项" read under the article its lead-in names."""
    return {(f"第{a}条", k) for a, k in item_refs(c.search, _lead_article(c, cands))[0]}


# a clause that says what follows from breaking a provision it cites ("违反本条例第三十三条…规定的",
# or, after the article's first clause, "违反第四项规定的")
BREACH_REF = re.compile(
    rf"违反本(?:条例|办法|规定|细则|法)第[{ARTICLE_NUMERAL}]+条|违反第[（(]?[{ARTICLE_NUMERAL}]+[）)]?(?:项|款)"
)


def _enforces(sanction: str, article: str, item: int | None) -> bool:
    """Whether a sanction's text cites ``article`` (its item ``item``, when the act is an item):
    the article whole or one of its 款, or that item ("第四十九条第三项", "第一项至第三项")."""
    whole = {f"第{n}条" for n in _WHOLE_ARTICLE_REF.findall(sanction)}
    whole |= {f"第{n}条" for n, _ in _PARAGRAPH_REF.findall(sanction)}
    items = {(f"第{n}条", k) for n, k in item_refs(sanction, None)[0]}
    if article in whole:
        return True
    if item is None:
        return any(a == article for a, _ in items)
    return (article, item) in items


# an item's number in a section number ("第三十三条.（四）")
_ITEM_NUMBER = re.compile(rf"[（(]([{OUTLINE_NUMERAL}]+)[）)]")
# a question word that is an article number ("第三十一条", "三十一")
_NUMBERING = re.compile(rf"[第{ARTICLE_NUMERAL}条款项]+")


DUTY_WORDS = 2  # words of the question a duty must hold: one is a topic any provision shares
DUTIES_PER_DOCUMENT = 2  # of those holding the most
LONE_DUTY_WORD = 4  # characters of the one word a question names its act in, to do alone


def duty_passages(
    question: str, passages: Sequence[Passage], get_doc: GetDoc, terms: Sequence[tuple[str, ...]] = ()
) -> list[Passage]:
    """The provisions that name the asked act in the question's own words ("任何单位和个人不得擅自
    占用城市绿地"), in the documents of ``passages`` when all of them are sanctions: a sanction
    that cites its duty by number only ("违反本条例第二十五条第一款规定的，…每平方米…罚款") shares
    no word with the question, and is found through the duty (:func:`sanction_chunks`)."""
    if not passages or not all(FINE.search(p.chunk.search_text) for p in passages):
        return []
    # each word as the provisions may write it ("狗粪" as "宠物…的粪便"): the question's terms as
    # the answer reads them (the segmenter cuts "狗粪" in two), else its own words
    groups = (
        [g for g in terms if _names_act(g[0])] if terms else [synonym_group(w) for w in _act_words(question)]
    )
    words = {g[0] for g in groups}
    # (a question naming its act in one long word, "随地吐痰", needs no second)
    needed = DUTY_WORDS if len(words) != 1 or len(next(iter(words))) < LONE_DUTY_WORD else 1
    out: list[Passage] = []
    for doc_id in dict.fromkeys(p.chunk.doc_id for p in passages):
        doc = get_doc(doc_id)
        duties = [c for c in doc.chunks if not FINE.search(c.search_text)] if doc else []
        held = [[g for g in groups if has_any(c.search_text, g)] for c in duties]
        # (a word few of the document's provisions use tells the act: "粪便" more than "及时")
        weight = {g: idf(sum(g in h for h in held), len(duties)) for g in groups}
        ranked = sorted(
            ((sum(weight[g] for g in h), c) for h, c in zip(held, duties, strict=True) if len(h) >= needed),
            key=lambda x: -x[0],
        )
        out += [Passage(chunk=c, score=0.0, rank=0) for _, c in ranked[:DUTIES_PER_DOCUMENT]]
    return out


def _names_act(word: str) -> bool:
    """Whether a word of the question may name the act: not a question word, a sanction or the
    word that asks for one ("处罚"), nor a single character."""
    return (
        len(word) >= 2
        and not QUESTION_WORD.search(word)
        and not FINE.search(word)
        and detect_intent(word) != "penalty"
    )


def _act_words(question: str) -> list[str]:
    """The words the segmenter cuts from ``question`` that may name the act: not the place it
    names, which is no word of a provision."""
    places = find_regions(question)
    words = {w for w in jieba.lcut(question) if _names_act(w) and w not in STOPWORDS}
    return sorted(w for w in words if not any(w in m.text or m.text in w for m in places))


def sanction_chunks(passages: Sequence[Passage], get_doc: GetDoc) -> list[Chunk]:
    """The chunks of the passages' documents whose sanctions cite a duty article among the
    passages (sanctions rank high for penalty questions, so the duties are the passages that
    set no fine; the first three of them)."""
    refs: dict[str, set[str]] = {}
    for p in [p for p in passages if not FINE.search(p.chunk.search_text)][:3]:
        for part in p.chunk.parts or []:
            # (an item's part, "第九条.（十一）", is enforced through its article)
            article = _article_of(part.section_number)
            if article:
                refs.setdefault(p.chunk.doc_id, set()).add(article)
    out: list[Chunk] = []
    for doc_id, articles in refs.items():
        doc = get_doc(doc_id)
        for chunk in doc.chunks if doc else []:
            if not FINE.search(chunk.search_text):
                continue
            cited = {f"第{n}条" for n in ARTICLE_REF.findall(chunk.search_text)}
            if not cited:
                # an item in a chunk of its own ("（二）违反第二项规定，…处一百元以上五百元以下罚款")
                # cites the duty through its article's lead ("违反本条例第二十一条规定，按照下列规定
                # 予以处罚：")
                for article in {_article_of(part.section_number) for part in chunk.parts} - {""}:
                    lines = _article_lines(get_doc, doc_id, article)
                    cited |= {f"第{n}条" for n in ARTICLE_REF.findall(lines[0])} if lines else set()
            if cited & articles:
                out.append(chunk)
    return out


def duty_chunks(passages: Sequence[Passage], get_doc: GetDoc) -> list[Chunk]:
    """The chunks of the duty articles the passages' sanctions cite ("（七）违反本条例第二十九条
    规定，未按照规定使用高噪声设备的，…"): a question that asks what is required, not what is
    punished, is answered by the article the sanction enforces, which the sanction outranks
    when it repeats the question's words."""
    out: list[Chunk] = []
    for p in [p for p in passages if FINE.search(p.chunk.search_text)][:2]:
        doc = get_doc(p.chunk.doc_id)
        cited = {f"第{n}条" for n in ARTICLE_REF.findall(p.chunk.search_text)}
        for chunk in doc.chunks if doc and cited else []:
            numbers = [part.section_number for part in chunk.parts] or [chunk.section_number]
            if any(_article_of(n) in cited for n in numbers):
                out.append(chunk)
    return out
