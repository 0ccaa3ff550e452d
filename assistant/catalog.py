"""Questions about the documents themselves, answered from the library's catalogue.

"某省近年制定过哪些水污染防治方面的条例？", "《…条例》是哪天通过的？", "…的文号是多少？",
"…由哪个机关批准？" are not answered by a passage that ranks well: the first is a filtered list
of documents, the others are facts of a document's record (its preamble, 文号, 落款). Every item
is cited with the line of the document that states it (the preamble line, the title line, the
line holding the 文号), so a list of documents is as checkable as any other answer.

The routing words (what makes a question a catalogue question, which record it asks for) are data
in ``assistant/data/catalog.yaml``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jieba
import yaml

from assistant.catalog_outline import (
    ARTICLE_OR_CHAPTER,
    addressees_of,
    attachments_of,
    basis_of,
    chapter_asked,
    chapter_on,
    issuer_in_title,
    length_of,
    sentence_item,
    title_of,
)
from assistant.display import short_label
from assistant.index.docstore import StoredDocument
from assistant.ingest.cleanup import is_header_line
from assistant.ingest.normalize import to_simplified_aligned as to_simplified
from assistant.intent import EFFECTIVE_CLAUSE, SELF_REF, asks_effective
from assistant.numbering import ARTICLE_NUMERAL, cn_date, cn_to_int
from assistant.query import title_matches
from assistant.schema import CatalogItem, CatalogResult, QueryAnalysis
from assistant.vocab import question_words
from assistant.vocab import vocabulary as question_vocabulary


@dataclass(frozen=True)
class Vocabulary:
    """The words of ``data/catalog.yaml``."""

    list_pattern: re.Pattern[str]
    kind_first_pattern: re.Pattern[str]
    cities_pattern: re.Pattern[str]
    exists_pattern: re.Pattern[str]
    versions_pattern: re.Pattern[str]
    validity_pattern: re.Pattern[str]
    texts_pattern: re.Pattern[str]
    former_pattern: re.Pattern[str]
    former_fate_words: tuple[str, ...]
    repealed_pattern: re.Pattern[str]
    earliest_pattern: re.Pattern[str]
    asking_chars: frozenset[str]
    kinds: dict[str, tuple[str, ...]]  # a kind word in the question -> title suffixes it covers
    events: dict[str, tuple[str, ...]]  # record asked -> question patterns
    event_verbs: dict[str, tuple[str, ...]]  # record -> preamble verbs that state it
    filler: re.Pattern[str]
    list_filler: re.Pattern[str]
    levels: dict[str, tuple[str, ...]]  # "province" / "city" -> the words that ask for that level
    level_pattern: re.Pattern[str]


@cache
def raw_catalog() -> dict[str, Any]:
    """``data/catalog.yaml`` as loaded (tests read the examples from it)."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("assistant.data").joinpath("catalog.yaml").read_text(encoding="utf-8")
    )
    return raw


@cache
def vocabulary() -> Vocabulary:
    raw = raw_catalog()
    kinds = {k: tuple(v["endings"]) for k, v in raw["kinds"].items()}
    kind_alt = "|".join(sorted(kinds, key=len, reverse=True))
    list_words = "|".join(raw["list_words"]["words"])
    return Vocabulary(
        # ("库里有关于…的法规吗？": the kind may close with 吗)
        list_pattern=re.compile(
            rf"(?:{list_words})[^？?。；]{{0,24}}?(?:{kind_alt})(?:吗)?\s*(?:[？?。；，,]|$)"
        ),
        # ("…的法规，库里有哪些？": where the list is asked of between the kind and the ask)
        kind_first_pattern=re.compile(
            rf"(?:{kind_alt})[”\"」]?(?:的)?(?:法规|文件)?(?:[，,]?(?:文库|库)[里中])?{raw['kind_first']}"
        ),
        cities_pattern=re.compile(raw["cities_pattern"]),
        exists_pattern=re.compile(raw["exists_pattern"]),
        versions_pattern=re.compile(raw["versions_pattern"]),
        validity_pattern=re.compile(raw["validity_pattern"]),
        texts_pattern=re.compile(raw["texts_pattern"]),
        former_pattern=re.compile(raw["former_pattern"]),
        former_fate_words=tuple(raw["former_fate_words"]),
        repealed_pattern=re.compile(raw["repealed_pattern"]),
        earliest_pattern=re.compile(raw["earliest_pattern"]),
        asking_chars=frozenset(raw["asking_chars"]),
        kinds=kinds,
        events={k: tuple(v) for k, v in raw["events"].items()},
        event_verbs={k: tuple(v["verbs"]) for k, v in raw["event_verbs"].items()},
        filler=re.compile("|".join(sorted(raw["filler"], key=len, reverse=True))),
        list_filler=re.compile("|".join(sorted(raw["list_filler"], key=len, reverse=True))),
        levels={k: tuple(v) for k, v in raw["levels"].items()},
        level_pattern=re.compile(
            "|".join(sorted((w for ws in raw["levels"].values() for w in ws), key=len, reverse=True))
        ),
    )


def asked_records(search: str) -> list[str]:
    """The records a question asks of a document ("adopted", "number", …), in question order."""
    found: list[tuple[int, str]] = []
    for record, patterns in vocabulary().events.items():
        hits = [m.start() for p in patterns if (m := re.search(p, search))]
        if hits:
            found.append((min(hits), record))
    return [r for _, r in sorted(found)]


# (or of the revised text: "修正后由哪次会议批准", "修订后哪天通过")
_LATEST = re.compile(r"现行|最新|目前|现在|后来|修正|修订|修改")


def asks_latest(search: str, records: Sequence[str]) -> bool:
    """Whether a question asks about the text as it now stands: it says so ("现行"), or asks
    when it was revised beside another record ("哪次会议修订、哪次会议批准")."""
    return bool(_LATEST.search(search)) or ("revised" in records and len(records) > 1)


def asks_of_content(search: str, title: str) -> bool:
    """Whether a question with a record cue asks about a provision rather than the document:
    "某法中，排污许可的具体办法由谁制定？" names a subject of its own (words neither in the title
    nor question words); "某法是哪个机关制定的？" and "某要点的文号" do not."""
    rest = search
    for patterns in vocabulary().events.values():
        for p in patterns:
            rest = re.sub(p, "", rest)
    # "现行的…", "自何日起施行" ask about the document too
    rest = _EFFECTIVE_ASK.sub("", vocabulary().filler.sub("", rest))
    known = set(to_simplified(title)) | vocabulary().asking_chars
    own = [ch for ch in rest if "\u4e00" <= ch <= "\u9fff" and ch not in known]
    return len(own) >= 6


_EFFECTIVE_ASK = re.compile(rf"(?:开始)?(?:{'|'.join(question_words().effective_words)}|实施)")


def asks_former(search: str) -> bool:
    """ "旧条例何时通过": the question asks about the text the named one replaced."""
    return bool(vocabulary().former_pattern.search(search))


def asks_former_fate(search: str) -> bool:
    """ "以前那部条例怎么处理了？": what became of the text the named one replaced."""
    v = vocabulary()
    return bool(v.former_pattern.search(search)) and any(w in search for w in v.former_fate_words)


def asks_repealed(search: str) -> bool:
    """ "新办法把哪部旧规定废掉了": which text the act repealed, the former one unnamed."""
    return bool(vocabulary().repealed_pattern.search(search))


REPEAL_SENTENCE_CHARS = 400


def repeal_of(doc: StoredDocument) -> CatalogItem | None:
    """The sentence in which the document repeals the text it replaces ("2009年11月27日…通过的
    《某某条例》同时废止。"), the last one that names a document."""
    search = doc.text.search
    hits = [m for m in re.finditer(r"废止", search) if "《" in search[max(0, m.start() - 120) : m.start()]]
    if not hits:
        return None
    # (the records of the repealed text run long: "2011年…通过、…批准，2018年…修正的《…》同时废止")
    item = sentence_item(doc, hits[-1].start(), hits[-1].end(), limit=REPEAL_SENTENCE_CHARS)
    article = re.match(rf"\s*(第[{ARTICLE_NUMERAL}]+条)", search[search.rfind("\n", 0, item.start) + 1 :])
    item.fact = f"{article.group(1)}：{item.fact}" if article else item.fact
    return item


def repealer_of(title: str, docs: Iterable[StoredDocument]) -> StoredDocument | None:
    """The document whose repeal sentence (:func:`repeal_of`) names ``title`` ("…通过的《某某管理
    办法》同时废止"): a former text the library does not hold is answered for by the text that
    replaced it."""
    return next((d for d in docs if (item := repeal_of(d)) is not None and _names(item.fact, title)), None)


def _names(sentence: str, title: str) -> bool:
    """Whether a repeal sentence names ``title`` as a user writes it: exactly, or a title in its
    book marks that the user's form names ("实施某某法办法" for 《某省实施〈中华人民共和国
    某某法〉办法》)."""
    return title in sentence or any(title_matches(title, named) for named in _BOOK_TITLE.findall(sentence))


# a title in book marks, one inside it in 〈〉 or nested 《》 ("《某省实施〈某某法〉办法》")
_BOOK_TITLE = re.compile(r"《((?:[^《》]|《[^《》]*》)+)》")


def is_versions_question(search: str) -> bool:
    """ "文库里有几个版本的《某法》？各自是哪次修改的？": the versions of an act."""
    return bool(vocabulary().versions_pattern.search(search))


def asks_validity(search: str) -> bool:
    """ "该办法目前是否仍然有效": whether the act named is in force."""
    return bool(vocabulary().validity_pattern.search(search))


def asks_texts(search: str) -> bool:
    """ "有哪几个版本": the texts of an act the library holds, not one text's amendments."""
    return bool(vocabulary().texts_pattern.search(search))


def is_list_question(search: str) -> bool:
    v = vocabulary()
    # (a level between the asking words and the kind: "某省有没有省级的专门…条例")
    search = v.level_pattern.sub("", search)
    return bool(
        v.list_pattern.search(search)
        or v.kind_first_pattern.search(search)
        or v.cities_pattern.search(search)
        or v.exists_pattern.search(search)
    )


def _lines(display: str, limit: int = -1) -> list[tuple[int, int]]:
    """The (start, end) of each line of ``display``; of its first ``limit`` lines only, when given."""
    out, pos = [], 0
    for line in display.split("\n", limit)[: limit if limit >= 0 else None]:
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def preamble_spans(doc: StoredDocument) -> list[tuple[int, int]]:
    """The display spans of the record lines before the first chapter or article."""
    display = doc.text.display
    search = doc.text.search
    spans = []
    title_end = title_span(doc)[1]
    lines = [x for x in _lines(display) if x[0] > title_end][:59]
    i = 0
    while i < len(lines):
        a, b = lines[i]
        i += 1
        s = search[a:b].strip().lstrip("#").strip()
        if ARTICLE_OR_CHAPTER.match(s) or s.startswith("总则") or _OUTLINE_HEAD.match(s):
            break
        if not _YEAR.search(s) or is_header_line(s):
            # (a saved page's header field states no adoption: it is read as the page's record)
            continue
        # a record whose decision title runs onto the next lines ("《关于修改〈某省县" /
        # "乡两级…细则〉的决定》第一次修正": a converted file broke the title at its 、)
        while i < len(lines):
            nxt = search[lines[i][0] : lines[i][1]].strip()
            if nxt and (_YEAR.search(nxt[:12]) or ARTICLE_OR_CHAPTER.match(nxt)):
                break
            # (or one a converted file broke inside a word: "…会议关于修" / "改《某规定》的决定
            # 第一次修正…"; a line that opens with no date goes on the record before it)
            if not nxt:
                k = next((j for j in range(i, len(lines)) if search[lines[j][0] : lines[j][1]].strip()), None)
                after = search[lines[k][0] : lines[k][1]].strip() if k is not None else ""
                if s.count("《") <= s.count("》") and not _CONTINUES.match(after):
                    break
            b = lines[i][1]
            s += nxt
            i += 1
        if re.search(r"通过|批准|修正|修订|公布|施行|印发|发布", s):
            a2 = a + (len(display[a:b]) - len(display[a:b].lstrip()))
            spans.extend(_records_of_line(search, a2, b))
    return spans


# where a converted file ran several records into one line ("1997年7月1日 施行根据2001年…
# 第一次修正根据2004年…第二次修正"): after the verb that ends one record, a date or 根据 opens
# the next (a verb followed by 的 — "…会议批准的2001年…会议" — ends none)
_NEXT_RECORD = re.compile(r"(?<=通过|批准|修正|修订|公布|施行)(?=\s*(?:根据)?(?:19|20)\d{2}\s*年)")


def _records_of_line(search: str, a: int, b: int) -> list[tuple[int, int]]:
    """The spans of the records one preamble line holds, each its own span. A record that opens
    with 根据 runs to its 修正 or 修订 ("根据2018年…会议通过2018年…会议批准的《…的决定》修正":
    the decision's adoption and approval are part of it)."""
    cuts = [a]
    for m in _NEXT_RECORD.finditer(search[a:b]):
        at = a + m.start()
        if search[cuts[-1] : at].lstrip().startswith("根据") and search[at - 2 : at] not in ("修正", "修订"):
            continue
        cuts.append(at)
    cuts.append(b)
    out = []
    for x, y in itertools.pairwise(cuts):
        x += len(search[x:y]) - len(search[x:y].lstrip())
        if x < y:
            out.append((x, y))
    return out


_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|[一二〇○零]{4}年")
# a line that carries on the record before it: it opens inside a word of the decision's title
# ("改《…》的决定第一次修正"), not with a date, an article, a heading or a note
_CONTINUES = re.compile(r"^(?:改|正|订|布|准|过)?《")
# a plan's first heading ("一、总体要求"): its body, no record, follows
_OUTLINE_HEAD = re.compile(r"^[一二三四五六七八九十]+、")


def title_span(doc: StoredDocument) -> tuple[int, int]:
    """The title line: the first line of the text that is no field of its page's header."""
    display = doc.text.display
    for a, b in _lines(display, 20):
        line = display[a:b]
        if line.strip() and not is_header_line(line):
            lead = len(line) - len(line.lstrip("# \u3000\t"))
            return a + lead, b
    return 0, min(len(display), 40)


def _find(display: str, search: str, needle: str | None) -> tuple[int, int] | None:
    if not needle:
        return None
    i = search.find(to_simplified(needle))
    if i < 0:
        return None
    # the whole line it sits on
    a = display.rfind("\n", 0, i) + 1
    b = display.find("\n", i)
    return a, (b if b >= 0 else len(display))


def record_of(
    doc: StoredDocument, record: str, *, latest: bool = False, asked: str = ""
) -> CatalogItem | None:
    """The span of ``doc`` that states the asked record, or None when the text does not.

    ``latest``: the question asks about the text as it now stands ("现行…是哪次会议修订、哪次
    会议批准的"): the approval is the one of the latest revision, not the first. ``asked``: the
    question, whose word may name one kind of revision ("哪年全面修订的": a 修订, not the
    修正 since)."""
    display, search = doc.text.display, doc.text.search
    meta = doc.meta
    v = vocabulary()
    verbs = v.event_verbs.get(record, ())
    span: tuple[int, int] | None = None
    if verbs:
        lines = preamble_spans(doc)
        hits = [(a, b) for a, b in lines if any(w in search[a:b] for w in verbs)]
        if record == "revised" and "修订" in asked and not re.search(r"修正|修改|改过|改了", asked):
            hits = [(a, b) for a, b in hits if "修订" in search[a:b]] or hits
        if record == "published" and not hits and "颁布" in asked:
            # "哪年颁布的" of a text whose record has no line of its publication: the adoption
            # the standing committee published it upon
            hits = [
                (a, b) for a, b in lines if any(w in search[a:b] for w in v.event_verbs.get("adopted", ()))
            ][:1]
        if hits:
            # the first adoption is the adoption; "修正/修订" asks for the latest (and "修改决定由
            # 哪次会议通过" for the adoption of the latest amending decision)
            of_decision = latest and record == "adopted" and "决定" in asked
            span = (
                hits[-1]
                if record == "revised" or (latest and record == "approved") or of_decision
                else hits[0]
            )
    elif record in _HEADER_FIELDS:
        dated = meta.written_date or meta.published_date
        value = {
            "number": meta.doc_number,
            "issuer": meta.issuer,
            "date": cn_date(dated) if dated else None,
        }[record]
        if fact := header_field(doc, record):
            # a saved web page states 文号, 发文机关 and dates in its header: the fields are quoted
            # where the page writes them (the title line, where a text lacks them)
            a, b = header_span(doc, record) or title_span(doc)
            return CatalogItem(doc, a, b, f"《{short_label(meta.title)}》", fact=fact)
        span = _find(display, search, value)
        if span is None and record in ("issuer", "date") and (lines := preamble_spans(doc)):
            # (a report's first line under its title, "某某局  2024年7月": a short line, not the
            # plan's first paragraph; a date only where that line holds one)
            first = search[lines[0][0] : lines[0][1]].strip()
            if len(first) <= BYLINE_CHARS and (record == "issuer" or _ANY_DATE.search(first)):
                span = lines[0]
        if span is None and record == "issuer":
            # (a report whose title opens with its author: "市环保局2024年上半年…")
            return issuer_in_title(doc)
    elif record == "length":
        return length_of(doc, asked)
    elif record == "chapter":
        return chapter_asked(doc, asked)
    elif record == "chapter_on":
        raw = raw_catalog()
        names = [group["names"] for group in raw["chapter_names"]]
        return chapter_on(doc, asked, raw["chapter_on_stopwords"], names)
    elif record == "basis":
        return basis_of(doc)
    elif record == "attachment":
        return attachments_of(doc)
    elif record == "addressees":
        return addressees_of(doc)
    elif record == "title":
        return title_of(doc)
    if span is None:
        return None
    return CatalogItem(doc, span[0], span[1], f"《{short_label(meta.title)}》")


# a preamble line recording a revision ("…的决定》第二次修正", "…修订")
_REVISION_LINE = re.compile(r"修正|修订|(?<!关于)修改(?!〈)")
_REVISION_END = re.compile(r"(?:修正|修订)(?=\s*(?:$|[）)，,。；;]|\d|根据|本))")


def revisions_of(doc: StoredDocument) -> list[CatalogItem]:
    """Every revision the preamble records, oldest first, under a label that counts them
    ("《某条例》题注所载共修改2次："), or [] when it records none."""
    lines = _revision_lines(doc)
    if not lines:
        return []
    label = f"《{short_label(doc.meta.title)}》题注所载共修改{_count(doc, lines)}次："
    # (a record broken over lines is quoted line by line: each line is a passage of its own)
    display = doc.text.display
    return [
        CatalogItem(doc, max(x, a), min(y, b), label)
        for a, b in lines
        for x, y in _lines(display)
        if x < b and a < y and display[max(x, a) : min(y, b)].strip()
    ]


def _revision_lines(doc: StoredDocument) -> list[tuple[int, int]]:
    search = doc.text.search
    return [(a, b) for a, b in preamble_spans(doc) if _REVISION_LINE.search(search[a:b])]


# "2019年那次修订改了什么", "2015年修订的那一版": a revision asked by its year
_REVISION_YEAR = re.compile(r"((?:19|20)\d{2})年[^，,。？?]{0,6}?(?:修正|修订|修改)")


def unrecorded_revision(doc: StoredDocument, search: str) -> int | None:
    """The year of a revision a question asks about when the document's preamble records none
    that year ("…2019年那次修订改了什么" of a text last amended in 2020), else None: the
    library holds no such revision, and the current text cannot say what it changed."""
    m = _REVISION_YEAR.search(search)
    if m is None:
        return None
    year = m.group(1)
    said = " ".join(doc.text.search[a:b] for a, b in preamble_spans(doc))
    return None if f"{year}年" in said else int(year)


# "第三次修正改了什么": a revision asked by its ordinal
_REVISION_ORDINAL = re.compile(rf"第([{ARTICLE_NUMERAL}]+)次(修正|修订|修改)")


def unrecorded_ordinal(doc: StoredDocument, search: str) -> tuple[str, int] | None:
    """A revision a question asks about by its ordinal ("第五次修正") past the last the preamble
    records of that kind, as ("第五次修正", revisions recorded), else None: the text in the
    library has not had it."""
    m = _REVISION_ORDINAL.search(search)
    if m is None or (asked := cn_to_int(m.group(1))) is None:
        return None
    said = " ".join(doc.text.search[a:b] for a, b in preamble_spans(doc))
    count = revision_count(doc)
    if m.group(2) == "修改":
        recorded = count
    else:
        ordinals = [
            n for o in re.findall(rf"第([{ARTICLE_NUMERAL}]+)次{m.group(2)}", said) if (n := cn_to_int(o))
        ]
        recorded = max(ordinals) if ordinals else len(re.findall(m.group(2), said))
    return (m.group(0), count) if asked > recorded else None


def revision_count(doc: StoredDocument) -> int:
    """How many revisions the preamble records."""
    return _count(doc, _revision_lines(doc))


def _count(doc: StoredDocument, lines: list[tuple[int, int]]) -> int:
    # a line may record two ("…的决定》修正2008年8月29日…会议修订"): each verb that ends a record counts
    return sum(max(1, len(_REVISION_END.findall(doc.text.search[a:b]))) for a, b in lines)


def stated_effective(doc: StoredDocument) -> CatalogItem | None:
    """When ``doc`` takes effect, where only its record lines say so ("2011年11月1日 施行"): a
    text whose articles stop before the clause on its effect (an excerpt, a copy cut short)
    still dates it in its 题注. None when an article states it (``effective_of`` reads that)."""
    if EFFECTIVE_CLAUSE.search(doc.text.search):
        return None
    return first_stated_effective(doc)


def asks_earliest(search: str) -> bool:
    """ "最初哪年起施行": the first commencement, not the current text's."""
    return bool(vocabulary().earliest_pattern.search(search))


def first_stated_effective(doc: StoredDocument) -> CatalogItem | None:
    """The first record line that dates the document's taking effect ("2006年1月1日 施行"), the
    original text's when it was revised since; None when its record lines state none."""
    for a, b in preamble_spans(doc):
        if "施行" in doc.text.search[a:b]:
            return CatalogItem(doc, a, b, f"《{short_label(doc.meta.title)}》")
    return None


def effective_on_publication(doc: StoredDocument) -> list[CatalogItem]:
    """A document that takes effect "自公布之日起施行": that clause, then the record line of its
    publication, or failing one of its adoption, which dates the publication the clause counts
    from ("2001年4月19日 …通过"); []
    when the clause names a day of its own or no record line dates the text."""
    clause = effective_of(doc)
    if clause is None or "公布之日" not in doc.text.search[clause.start : clause.end]:
        return []
    # (the line of its publication where the record has one: a city's act is published after
    # the province approves it, weeks after its adoption)
    dated = record_of(doc, "published") or record_of(doc, "adopted")
    return [clause, dated] if dated is not None else []


def effective_of(doc: StoredDocument) -> CatalogItem | None:
    """The sentence that says when the document takes effect ("本条例自2020年2月1日起施行。"):
    the one that names the document itself ("本条例", "本规定") with a date, else the first."""
    search = doc.text.search
    hits = list(EFFECTIVE_CLAUSE.finditer(search))
    if not hits:
        return None
    own = [h for h in hits if SELF_REF.search(search[max(0, h.start() - 6) : h.end()])]
    # (a date names the day; "自本条例施行之日起一年内制定" only counts from it)
    dated = [h for h in own if re.search(r"\d{4}\s*年|[〇○零一二三四五六七八九]{4}年|公布之日", h.group())]
    m = (dated or own or hits)[0]
    item = sentence_item(doc, m.start(), m.end())
    article = re.match(rf"\s*(第[{ARTICLE_NUMERAL}]+条)", doc.text.display[item.start : item.end])
    item.fact = f"{item.fact}（{article.group(1)}）" if article else item.fact
    return item


# record -> the header labels of a saved government web page that state it
_HEADER_FIELDS: dict[str, tuple[str, ...]] = {
    "number": ("发文字号", "文号"),
    "issuer": ("发文机关", "发布机构", "来源"),
    "date": ("成文日期", "发布时间", "发布日期", "时间"),
}
# a header that opens with the day a page was posted, unlabelled ("2024/5/14 11:42:42")
_HEADER_DATE = re.compile(r"^\s*((?:19|20)\d{2}[-/]\d{1,2}[-/]\d{1,2})(?:\s|$)")
_HEADER_LINES = 15  # a saved page's header fields stand in its first lines
RECORD_LINE_CHARS = 200  # a record line under a title ("…第八次会议通过"), at most
BYLINE_CHARS = 40  # a line under a title that states who issued it and when, at most
_ANY_DATE = re.compile(r"(?:19|20)\d{2}\s*(?:年|[-/.]\d)")
_ISO_DAY = re.compile(r"(?:19|20)\d{2}[-/]\d{1,2}[-/]\d{1,2}")


def header_field(doc: StoredDocument, record: str) -> str:
    """ "发文字号: 济管办〔2024〕26号" as the header writes it, or ""."""
    header = to_simplified(doc.text.header or "")
    found = []
    for label in _HEADER_FIELDS.get(record, ()):
        # (a label of its own, not the end of a longer one: "时间" beside "发布时间")
        m = re.search(rf"(?<![\u4e00-\u9fff]){label}\s*[:：]\s*(\S+)", header)
        if m:
            value = m.group(1)
            # "2024-09-24" as a page header writes it, "2024年9月24日" as a report does
            if _ISO_DAY.fullmatch(value):
                value = cn_date(value.replace("/", "-"))
            found.append(f"{label}：{value}")
    if record == "date" and not found and (m := _HEADER_DATE.match(header)):
        found.append(f"发布时间：{cn_date(m.group(1).replace('/', '-'))}")
    return "，".join(found)


def header_span(doc: StoredDocument, record: str) -> tuple[int, int] | None:
    """Where the text states the header fields :func:`header_field` reads: on the first header
    line that holds one, from the first to the end of the last ("成文日期: 2024-09-24 发布时间:
    2024-09-30"); else the bare date a page opens with."""
    search = doc.text.search
    lines = [(a, b) for a, b in _lines(search, _HEADER_LINES) if is_header_line(search[a:b])]
    labels = [r"\s*".join(label) for label in _HEADER_FIELDS.get(record, ())]
    for a, b in lines:
        found = [
            m
            for label in labels
            if (m := re.search(rf"(?<![\u4e00-\u9fff]){label}\s*[:：]\s*\S+", search[a:b]))
        ]
        if found:
            return a + min(m.start() for m in found), a + max(m.end() for m in found)
    for a, b in lines if record == "date" else []:
        line = search[a:b]
        if _HEADER_DATE.match(line.lstrip("-·•●▪* ")):
            return a + len(line) - len(line.lstrip()), b
    return None


def _kinds_asked(search: str) -> tuple[str, ...]:
    """Title suffixes the question's kind word covers (法规 → 条例, 办法, 规定 …)."""
    v = vocabulary()
    for word in sorted(v.kinds, key=len, reverse=True):
        if word in search:
            return v.kinds[word]
    return ()


def topic_words(search: str, analysis: QueryAnalysis) -> str:
    """The topic a list question filters titles by: what is left once places, years, kind words
    and question words are removed ("某省近年制定过哪些水污染防治方面的条例" → 水污染防治)."""
    v = vocabulary()
    # the sentence that asks for the list ("…的法规有几部？分别是哪一级…通过的？" → its first)
    sentences = [x for x in re.split(r"[？?。]", search) if x.strip()]
    s = next((x for x in sentences if is_list_question(x + "？")), search)
    # a title-like name in book marks is the topic itself ("哪几个省有《节约能源条例》" → 节约能源)
    quoted = re.search(r"《([^》]{2,40})》", s)
    if quoted:
        name = quoted.group(1)
        for ending in sorted({e for endings in v.kinds.values() for e in endings}, key=len, reverse=True):
            name = name.removesuffix(ending)
        if len(name) >= 2:
            return name
    # (the level first: "浙江省本级" is the province's level, not 浙江省 and a stray 本级)
    s = v.level_pattern.sub(" ", s)
    for label in (*analysis.regions, *analysis.missing_regions):
        for name in label.split():
            s = s.replace(name, "").replace(name.rstrip("省市区县"), "")
    s = re.sub(r"(?:19|20)\d{2}\s*年?", "", s)
    # kind words first: "地方性法规" is one, not the filler "地方" and a stray "性"
    for word in sorted(v.kinds, key=len, reverse=True):
        s = s.replace(word, " ")
    s = v.filler.sub(" ", v.list_filler.sub(" ", s))
    s = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]+", " ", s)
    # (a preposition before the matter: "哪些城市对露天烧烤立了法")
    # (or "跟…有关的": "跟森林有关的法规"; or the verb 管 of "管…的条例", which governs the matter,
    # not of a word it begins: 管理, 管道, 管网)
    parts = [
        re.sub(r"^(?:[对就跟与同]|管(?![理道网线护控辖制]))(?=[\u4e00-\u9fff]{2})", "", p) for p in s.split()
    ]
    parts = [p for p in parts if len(p) >= 2]
    return max(parts, key=len) if parts else ""


TOPIC_PIECE_CHARS = 3  # each topic a list question joins names a matter ("古遗址"), not a word ("水")


def _topics(topic: str) -> list[str]:
    """The topics a list question joins ("在大气污染防治和扬尘治理方面" → 大气污染防治, 扬尘治理),
    each a title may be about; the words before a "在" name who acted, not the topic ("人大常委会在…").
    A two-character piece is a topic where it is an everyday word for one ("租房和物业管理"; not
    the verb "限制" of "限制或禁止…", which some title may hold)."""
    topic = re.sub(r"^[^在]{2,12}在(?=[\u4e00-\u9fff]{4})", "", topic)
    pieces = [p for p in re.split(r"和|及|与|以及|、|或者|或", topic) if p]

    def matter(p: str) -> bool:
        return len(p) >= TOPIC_PIECE_CHARS or (len(p) == 2 and bool(_in_title_words(p)))

    return pieces if len(pieces) >= 2 and all(matter(p) for p in pieces) else [topic]


def _title_has_topic(title: str, topic: str) -> bool:
    if not topic:
        return True
    if topic in title:
        return True
    # "大气污染防治" in "大气污染防治条例", "垃圾分类" in "生活垃圾分类管理条例": the topic's
    # two-character pieces all in the title
    pieces = [topic[i : i + 2] for i in range(0, len(topic) - 1, 2)]
    if len(pieces) >= 1 and all(p in title for p in pieces):
        return True
    # or its words, in any order and with neighbours between them: "保护古树名木" in
    # "古树名木保护管理办法" (保护 / 古树名木)
    # (a four-character word by its halves: "燃放烟花" in "烟花爆竹燃放管理条例")
    words = [w for w in jieba.lcut(topic) if len(w) >= 2]
    return len(words) >= 2 and all(
        w in title or (len(w) == 4 and w[:2] in title and w[2:] in title) for w in words
    )


def _in_title_words(topic: str) -> list[str]:
    """The topic with an everyday word put as provisions and titles write it ("养狗管理" →
    养犬管理), one rewording each."""
    return [
        topic.replace(say, means)
        for says, meaning in question_vocabulary().colloquial
        for say in says
        if say in topic
        for means in meaning
    ]


def _titles_of_held_words(
    topic: str, pool: Sequence[StoredDocument], docs: Sequence[StoredDocument]
) -> list[StoredDocument]:
    """The documents of ``pool`` whose titles hold the topic without the verb it opens with, a
    word no title of the library holds ("管养犬" → 养犬, "倡导文明行为" → 文明行为): one character,
    or a word of two. Nothing when no title holds the rest."""
    joined = "\n".join(to_simplified(short_label(d.meta.title)) for d in docs)
    first = next(iter(jieba.lcut(topic)), "")
    for k in (1, 2):
        prefix, rest = topic[:k], topic[k:]
        # (a character some title holds inside a word — 管 of 管理 — still opens the topic as a
        # word of its own: "管养犬")
        held = prefix in joined and not (k == 1 and first == prefix)
        if (k == 2 and first != prefix) or held or len(rest) < 2 or rest not in joined:
            continue
        return [d for d in pool if rest in to_simplified(short_label(d.meta.title))]
    return []


RARE_TITLE_WORD = 3  # at most this many titles of the library hold a topic word read alone


def _titles_by_rare_word(
    topic: str, pool: Sequence[StoredDocument], docs: Sequence[StoredDocument]
) -> list[StoredDocument]:
    """The documents of ``pool`` whose titles hold the topic's rarest word, where that word is
    in at most :data:`RARE_TITLE_WORD` titles of the library: a word so rare names the matter
    itself, where a common one ("管理", "政府") would name half the library."""
    titles = [to_simplified(short_label(d.meta.title)) for d in docs]
    counts = {
        w: n
        for w in {w for w in jieba.lcut_for_search(topic) if len(w) >= 2}
        if 0 < (n := sum(w in t for t in titles)) <= RARE_TITLE_WORD
    }
    if not counts:
        return []
    rarest = min(counts, key=lambda w: (counts[w], -len(w)))
    return [d for d in pool if rarest in to_simplified(short_label(d.meta.title))]


def _level_asked(search: str) -> str:
    """The level of the documents a list question asks for ("省一级的法规" → province), or ""."""
    v = vocabulary()
    return next((level for level, words in v.levels.items() if any(w in search for w in words)), "")


def _abbreviates(short: str, title: str) -> bool:
    """Whether ``short`` may be a short form (简称) of words of ``title`` ("节能" of 节约能源): its
    characters in order, each within two of the one before. Loose, so only asked where no title
    holds the topic itself."""
    for start in (i for i, ch in enumerate(title) if ch == short[0]):
        at = start
        for ch in short[1:]:
            nxt = title.find(ch, at + 1, at + 3)
            if nxt < 0:
                break
            at = nxt
        else:
            return True
    return False


def _years_of(doc: StoredDocument) -> set[int]:
    m = doc.meta
    dates = [m.adopted_date, m.revised_date, m.effective_date, m.written_date, m.published_date]
    return {int(d[:4]) for d in dates if d}


def listed_years(search: str) -> list[int]:
    """The years a list question filters documents by: "2017年通过了哪些条例" asks for the
    documents of that year, though the analysis reads "2017年通过的某条例" as naming a version."""
    return sorted({int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*年", search)})


def _record_lines(doc: StoredDocument, verbs: Sequence[str], years: Iterable[int]) -> list[tuple[int, int]]:
    """The preamble lines that record any of ``verbs`` ("通过", "批准") in one of ``years``: a
    city's regulation adopted in one year may be approved the next, an act revised several
    times."""
    wanted = set(years)
    pattern = re.compile(r"((?:19|20)\d{2})\s*年[^年]*?(?:" + "|".join(verbs) + ")")
    return [
        (a, b)
        for a, b in preamble_spans(doc)
        if any(int(m.group(1)) in wanted for m in pattern.finditer(doc.text.search[a:b]))
    ]


def _asked_verbs(search: str) -> tuple[str, ...]:
    """The preamble verbs a list question's year goes with ("2020年批准的" → 批准)."""
    after_year = "".join(re.findall(r"(?:19|20)\d{2}\s*年([^，,？?。]{0,12})", search))
    verbs = vocabulary().event_verbs
    return tuple(
        v
        for record in ("adopted", "approved", "revised", "published")
        for v in verbs.get(record, ())
        if v in after_year
    )


def list_documents(analysis: QueryAnalysis, docs: Sequence[StoredDocument], search: str) -> CatalogResult:
    """The library's documents that match a "有哪些…条例" question: region, kind, year, topic."""
    if analysis.regions:
        # the whole region (a province with its cities), not the documents a title narrowed it to;
        # a province named beside a city of its own is the province's level ("甲省和其下的乙市各有…")
        named = [label.split() for label in analysis.regions]

        def within(d: StoredDocument, parts: list[str]) -> bool:
            held = {d.meta.province, d.meta.city, d.meta.district}
            if not all(part in held for part in parts):
                return False
            beside_city = len(parts) == 1 and any(len(o) > 1 and o[0] == parts[0] for o in named)
            return not (beside_city and d.meta.city)

        pool = [d for d in docs if any(within(d, parts) for parts in named)]
    else:
        pool = list(docs)
    level = _level_asked(search)
    if level:
        pool = [d for d in pool if bool(d.meta.city) == (level == "city")]
    filters: list[str] = []
    kinds = _kinds_asked(search)
    if kinds and vocabulary().exists_pattern.search(search):
        # ("某市有没有…的条例": whether a text on the topic exists; a 规定 or 办法 of the place is
        # one, whatever the asker calls it)
        kinds = tuple(vocabulary().kinds.get("法规", kinds))
    if kinds:
        pool = [d for d in pool if any(to_simplified(short_label(d.meta.title)).endswith(k) for k in kinds)]
    years = sorted(set(analysis.years) | set(listed_years(search)))
    if years:
        verbs = _asked_verbs(search)
        pool = [d for d in pool if (_record_lines(d, verbs, years) if verbs else _years_of(d) & set(years))]
        filters.append("、".join(f"{y}年" for y in years))
    topic = topic_words(search, analysis)
    if topic:
        topics = _topics(topic)
        held = [d for d in pool if any(_title_has_topic(to_simplified(d.meta.title), t) for t in topics)]
        if not held and 2 <= len(topic) <= 4:
            # (the topic in short: "节能方面的条例")
            held = [d for d in pool if _abbreviates(topic, to_simplified(short_label(d.meta.title)))]
        # a topic no title holds, named in the asker's words: in the words titles use ("养狗管理"
        # for 养犬管理条例), or by the words of it some title holds ("倡导文明行为" for 文明行为
        # 促进条例: no title says 倡导), else by its rarest word ("政府绩效考核" for 绩效管理条例),
        # where few titles of the library hold it
        for t in topics:
            if not any(_title_has_topic(to_simplified(d.meta.title), t) for d in held):
                worded = _in_title_words(t)
                said = [d for w in worded for d in pool if _title_has_topic(to_simplified(d.meta.title), w)]
                said = said or [d for w in (t, *worded) for d in _titles_of_held_words(w, pool, docs)]
                ids = {d.meta.doc_id for d in held}
                # (the rarest word of the topic as titles write it, too: "家暴" is no title's)
                # (looked for only where the title words found nothing)
                rare = (
                    []
                    if said
                    else next((r for w in (t, *worded) if (r := _titles_by_rare_word(w, pool, docs))), [])
                )
                for d in said or rare:
                    if d.meta.doc_id not in ids:
                        held.append(d)
                        ids.add(d.meta.doc_id)
        pool = held
        filters.append("、".join(topics))
    pool.sort(
        key=lambda d: (d.meta.province or "", d.meta.city or "", d.meta.adopted_date or "", d.meta.title)
    )
    items = []
    effective = asks_effective(search)
    # "各自哪年通过、哪天起施行": the adoption line as well as the clause
    asked = asked_records(search)
    with_adoption = not effective or "adopted" in asked
    verbs = _asked_verbs(search) if years else ()
    for d in pool:
        lines = preamble_spans(d)
        adopted = next((s for s in lines if "通过" in d.text.search[s[0] : s[1]]), None)
        # (a list by the year of a record: each document's line of that record)
        dated = _record_lines(d, verbs, years) if verbs else []
        a, b = dated[0] if dated else adopted or (lines[0] if lines else title_span(d))
        # a list asked with "何时施行": each document's own clause on when it takes effect
        clause = effective_of(d) if effective else None
        if with_adoption or clause is None:
            items.append(CatalogItem(d, a, b, f"《{short_label(d.meta.title)}》"))
        # asked who approved each, when each was last revised ("…修正", "…修订" in its record) or
        # when each was published: each document's line of that record too
        for record in ("approved", "revised", "published"):
            if record in asked and (item := record_of(d, record)) is not None and item.start != a:
                items.append(item)
        if clause is not None:
            items.append(clause)
    return CatalogResult(kind="list", items=items, filters=filters)
