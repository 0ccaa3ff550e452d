"""Scoring: how well each candidate unit answers the question, and whether the answer picked
is about the asked thing at all.

``score`` sets every candidate's coverage and score by the formula in
:mod:`assistant.answer.extractive`; ``neighbour_only`` catches an answer that states the fine,
figure or date of a neighbouring provision instead of the one asked about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.candidates import Candidate, GetDoc, Pick
from assistant.answer.compose import CONTEXT_WEIGHT, ENUMERATION_LEAD, NAMED_LEAD
from assistant.answer.cues import (
    ASKED_UNIT,
    BEFORE,
    BOUND_WORDS,
    COVERS,
    DATE,
    DEFINITION,
    DEPARTMENT,
    FIGURE,
    FINE,
    FINE_AMOUNT,
    PERIOD,
    RESPONSIBLE,
    SANCTION_POWER,
    SHARE_WORD,
    TARGET_VERB,
    frames_ask,
    has_any,
    idf,
    pos_tags,
)
from assistant.answer.sanctions import (
    article_text,
    cited_articles,
    cited_item_texts,
    inherit_coverage,
    own_article,
    own_paragraphs,
    paragraphs_before,
)
from assistant.intent import EFFECTIVE_CLAUSE, SELF_REF, START_CLAUSE
from assistant.numbering import AMOUNT_NUMERAL, ARTICLE_NUMERAL, OUTLINE_NUMERAL, cn_to_int, int_to_cn
from assistant.schema import Intent
from assistant.script import to_simplified
from assistant.vocab import question_words, vocabulary


@dataclass
class Term:
    """A question term's weight among the candidates: its idf, and its share of the coverage."""

    idf: float
    share: float


# a regulation's chapter heading ("第二章 计税依据和应纳税额")
CHAPTER_HEAD = re.compile(rf"^第[{ARTICLE_NUMERAL}]+章")
DEFINES = re.compile(
    rf"^\s*(?:第[^条]{{1,8}}条\s*)?(?:[（(][{OUTLINE_NUMERAL}\d]{{1,3}}[）)])?\s*(?:本\S{{1,4}}所称(?:的)?)?"
    r"[“\"]?([\u4e00-\u9fa5]{2,12})[”\"]?\s*(?:[（(][^）)]{1,20}[）)])?\s*[，,]?\s*(?:是指|指)"
)
# a definition of a word the question does not name says what that word means, nothing asked
# ("本条例所称民用建筑节能，是指…" of a question on a public building's art budget)
UNASKED_DEFINITION = 0.6


# what a provision excepts from itself: "除二级保护区和准保护区禁止的行为以外", "除…之外"
_EXCEPTED = re.compile(r"除[^，,。；;：:]{1,40}?(?:以外|之外)")
EXCEPTED_CREDIT = 0.5


def score(
    cands: list[Candidate],
    terms: list[tuple[str, ...]],
    intent: Intent,
    years: list[int],
    get_doc: GetDoc | None = None,
    lesser: set[tuple[str, ...]] | None = None,
) -> dict[tuple[str, ...], Term]:
    """Set every candidate's coverage and score (the formula is in :mod:`assistant.answer.extractive`);
    returns the weight of each term some candidate contains, for :func:`neighbour_only`.
    ``lesser``: terms that only set the matter a follow-up asks about (see
    :func:`~assistant.answer.extractive._context_only`), weighed at :data:`CONTEXT_WEIGHT`."""
    n = max(len(cands), 1)
    weights: dict[tuple[str, ...], float] = {}
    found: dict[tuple[str, ...], Term] = {}
    heads = [g[0] for g in terms]
    # a search-mode sub-word ("常委" of "常委会") is found where its word, or that word's synonym
    # ("常务委员会"), is: the question did not ask for the fragment
    within = {g: [h for h in terms if g[0] != h[0] and g[0] in h[0]] for g in terms}

    def has(text: str, g: tuple[str, ...]) -> bool:
        return has_any(text, g) or any(has_any(text, h) for h in within[g])

    def matched(text: str) -> list[tuple[str, ...]]:
        """The terms ``text`` holds, each word of it counted for one term: "病死畜禽" says 畜禽,
        which both 养鸡 and 养羊 may mean, once (a term its own word is said for counts)."""
        used: set[str] = set()
        out: list[tuple[str, ...]] = []
        for g in weights:
            if not has(text, g):
                continue
            forms = {t for t in g[1:] if t in text}
            if g[0] in text or any(has_any(text, h) for h in within[g]) or not forms <= used:
                out.append(g)
            used |= forms
        return out

    for g in terms:
        df = sum(1 for c in cands if has(c.search, g))
        weight = idf(df, n)
        if df:
            found[g] = Term(weight, 0.0)
        sub = bool(within[g])  # a search-mode sub-word of another term
        # "擅自", "未经许可" say that an offence is asked about, which every sanction states: the
        # offence itself is in the other words ("取水")
        marker = intent == "penalty" and _offence_marker(g[0])
        weights[g] = weight * (0.3 if len(g[0]) == 1 or marker else 1.0) * (0.5 if sub else 1.0)
        if lesser and g in lesser:
            weights[g] *= CONTEXT_WEIGHT
    total = sum(weights.values()) or 1.0
    for g, t in found.items():
        t.share = weights[g] / total
    # a word no passage holds may be a short form of one it writes out ("房管" of 房地产管理,
    # "职代会" of 职工代表大会): its characters in order, each word's first, a few apart
    short = {g: _spread(g[0]) for g in terms if g not in found and 2 <= len(g[0]) <= 4}
    # or the word itself, with what it covers put in brackets inside it: "井(箱)盖" is a 井盖
    inserted = {g: _bracketed(g[0]) for g in terms if g not in found and 2 <= len(g[0]) <= 6}
    # or a zone named short ("禁燃区") written out as the area where the act is barred
    zones = {g: z for g in terms if g not in found and (z := _zone(g))}
    npos = max((c.pos for c in cands), default=0) + 1
    year_strs = [str(y) for y in years]
    for c in cands:
        # "本条例自…起施行" names its document: the title's words count as its own
        self_ref = c.asks_effective and EFFECTIVE_CLAUSE.search(c.search) and SELF_REF.search(c.search)
        title_credit = 1.0 if self_ref else 0.5
        said = set(matched(c.search))
        # (a word said only in what the unit excepts, "除二级保护区和准保护区禁止的行为以外，还禁止
        # 下列行为", is not what the unit is about)
        outside = set(matched(_EXCEPTED.sub("，", c.search))) if _EXCEPTED.search(c.search) else said
        got = sum(
            (w if g in outside else EXCEPTED_CREDIT * w)
            if g in said
            else (
                title_credit * w
                if has(c.context, g)
                else (
                    w
                    if ((b := inserted.get(g)) and b.search(c.search))
                    or ((z := zones.get(g)) and z.search(c.search))
                    else (SHORT_FORM_CREDIT * w if (p := short.get(g)) and p.search(c.search) else 0.0)
                )
            )
            for g, w in weights.items()
        )
        # "这项规定何时施行？" of a named document leaves no word to match: its own start
        # clause is the whole answer
        c.coverage = got / total if weights else (1.0 if self_ref else 0.0)
    if intent == "penalty":

        def cover(text: str) -> float:
            return sum(weights[g] for g in matched(text)) / total

        inherit_coverage(cands, cover, get_doc)
    for c in cands:
        c.has_figure = bool(FIGURE.search(c.search))
        bonus = intent_bonus(c, intent)
        shape = 1.0
        length = c.unit.end - c.unit.start
        if length < 8:
            shape *= 0.5
        if c.search.rstrip().endswith(("：", ":")) and not (
            ENUMERATION_LEAD.search(c.search) or NAMED_LEAD.search(c.search)
        ):
            shape *= 0.7  # a lead-in says little itself; an enumeration's is answered with its items
        shape *= 1 - min(length, 300) / 3000  # the shorter of two equal matches wins
        rank_bonus = 0.1 * (1 - c.pos / npos)
        year_bonus = 0.0
        if year_strs:
            unit_years = set(re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", c.search))
            if unit_years & set(year_strs):
                year_bonus = 0.1
            elif unit_years and intent in ("number", "deadline"):
                shape *= 0.5  # a figure for another year
        # "（二）夜间，是指晚上十点至…": the definition of a term the question names says what
        # the term is, whatever the question asks of it (its hours, its scope, its amount)
        defined = DEFINES.match(c.search)
        defines = 0.1 if defined and _made_of(defined.group(1), heads) else 0.0
        # (a definition as laws write one: "本条例所称…" or "…是指", not the 指 of "指定", "指导")
        stated = defined is not None and ("所称" in defined.group(0) or defined.group(0).endswith("是指"))
        if defined and stated and _named_share(defined.group(1), heads) <= 0.5:
            shape *= UNASKED_DEFINITION
        c.score = c.coverage * (1 + bonus) * shape + rank_bonus + year_bonus + defines
    return found


def _offence_marker(word: str) -> bool:
    """A breach word of the vocabulary ("擅自", "违反"), or "未经" with what was not obtained
    ("未经许可", "未经批准")."""
    return word in vocabulary().breach_words or word.startswith("未经")


SHORT_FORM_CREDIT = 0.5  # a short form's match is less sure than the word itself


def _spread(word: str) -> re.Pattern[str] | None:
    """For a word the segmenter's dictionary marks as an abbreviation (POS "j": 房管, 发改委),
    its characters in order, up to three others between each two, within one clause: where
    the word's long form is written ("房管" in "房地产管理部门"). For a compound the question
    joins from two words ("文物部门"), those words in order, up to four characters apart in one
    clause ("文物行政部门"). Other words (verbs, pieces the segmenter cut, "以后") are not short
    forms of anything."""
    if not re.fullmatch(r"[\u4e00-\u9fa5]+", word):
        return None
    if pos_tags().get(word) == "j":
        return re.compile(r"[^，。；、,;:：\s]{0,3}".join(re.escape(ch) for ch in word))
    pieces = _halves(word)
    if pieces is None:
        return None
    return re.compile(r"[^，。；、,;:：\s]{0,4}".join(map(re.escape, pieces)))


def _bracketed(word: str) -> re.Pattern[str] | None:
    """``word`` as a provision may write it with a bracketed aside inside it, which says what
    else it covers: "井(箱)盖" for 井盖 (the text's brackets are folded to half width)."""
    if not re.fullmatch(r"[\u4e00-\u9fa5]+", word):
        return None
    aside = r"(?:\([^()\n]{1,8}\))?"
    return re.compile(aside.join(re.escape(ch) for ch in word))


ZONE_SPAN = 10  # characters between the act and 区域: "禁止燃放|烟花爆竹的|区域"


def _zone(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    """A zone named short ("禁燃区", or its written-out form "禁止燃放区") as a provision writes it
    out: the words before 区, what they bar, then 区域, in one clause ("禁止燃放烟花爆竹的区域");
    None for a word that names no 区."""
    heads = [
        f[:-1] for f in forms if f.endswith("区") and len(f) >= 3 and re.fullmatch(r"[\u4e00-\u9fa5]+", f)
    ]
    if not heads:
        return None
    alternatives = "|".join(re.escape(h) for h in heads)
    return re.compile(rf"(?:{alternatives})[^，,。；;：:\n]{{0,{ZONE_SPAN}}}?区域")


def _halves(word: str) -> tuple[str, str] | None:
    """``word`` as two words of two or more characters each that the segmenter knows ("文物部门"
    → 文物, 部门), or None."""
    tags = pos_tags()
    for i in range(2, len(word) - 1):
        head, tail = word[:i], word[i:]
        if head in tags and tail in tags:
            return head, tail
    return None


def _named_share(term: str, words: list[str]) -> float:
    """The share of ``term``'s characters that ``words`` (of two characters or more) write."""
    rest = term
    for w in sorted(words, key=len, reverse=True):
        if len(w) >= 2:
            rest = rest.replace(w, "")
    return 1 - len(rest) / len(term)


def _made_of(term: str, words: list[str]) -> bool:
    """Whether ``term`` is one of ``words`` or written with them ("大型户外广告" of 大型 and
    户外广告: the search words cut a term the question names)."""
    rest = term
    for w in sorted(words, key=len, reverse=True):
        if len(w) >= 2:
            rest = rest.replace(w, "")
    return not rest


def intent_bonus(c: Candidate, intent: Intent) -> float:
    s = c.search
    if intent == "number":
        return (0.3 if c.has_figure else 0.0) + (0.1 if c.has_figure and TARGET_VERB.search(s) else 0.0)
    if intent == "deadline":
        effective = 0.4 if EFFECTIVE_CLAUSE.search(s) and c.asks_effective else 0.0
        # "从哪天起算": the clause naming the day counted from, not the period's length
        start = 0.3 if c.asks_start and START_CLAUSE.search(s) else 0.0
        when = DATE.search(s) or PERIOD.search(s)
        return (0.2 if when else 0.0) + (0.1 if BEFORE.search(s) else 0.0) + effective + start
    if intent == "penalty":
        # (a unit assigning the power to sanction answers only who punishes: see _select)
        return (0.4 if FINE.search(s) or SANCTION_POWER.search(s) else 0.0) + (
            0.3 if FINE_AMOUNT.search(s) else 0.0
        )
    if intent == "responsible":
        return (0.2 if RESPONSIBLE.search(s) else 0.0) + (0.1 if DEPARTMENT.search(s) else 0.0)
    if intent == "definition":
        return 0.3 if DEFINITION.search(s) else 0.0
    if intent == "location":
        # the whole provision, when it is short enough to quote whole
        whole = c.unit.kind in ("paragraph", "article") and c.unit.end - c.unit.start <= 120
        return 0.1 if whole else 0.0
    if intent == "list":
        # items, or the lead-in of an enumeration ("有下列情形之一的，不得…：") that lists them
        if c.unit.kind in ("enum", "item"):
            return 0.1
        return 0.2 if ENUMERATION_LEAD.search(s.split("\n", 1)[0]) else 0.0
    return 0.0


# -- selection ---------------------------------------------------------------------------


# a four-character word said with its halves apart, in one clause: "国家标准" in "国家和地方规定的
# 污染物排放标准", "市级政府" in "市级人民政府" (coordination and modifiers split a compound)
_COMPOUND_SPAN = 16


def _leads_of(item: Candidate, cands: Sequence[Candidate]) -> list[Candidate]:
    """The lead-ins ("…应当按照下列规定…：") of the article an enumerated item stands in."""
    if item.unit.kind not in ("enum", "item") or not (article := own_article(item)):
        return []
    return [
        c
        for c in cands
        if c.chunk.doc_id == item.chunk.doc_id
        and c.unit.kind not in ("enum", "item")
        and c.unit.start < item.unit.start
        and own_article(c) == article
        and ENUMERATION_LEAD.search(c.search)
    ]


def _in_its_units(text: str, key: tuple[str, ...]) -> bool:
    """Whether ``text`` states the measure ``key`` names by a figure in its unit: "坡度多大" is
    answered by "禁止在二十五度以上陡坡地开垦", which never writes 坡度."""
    units = [u for word, us in vocabulary().measures if word in key for u in us]
    if not units:
        return False
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.search(rf"[\d{AMOUNT_NUMERAL}两](?:{alternatives})", text) is not None


# the longest word an article may open on and still go on with the article before ("暂扣")
CONTINUED_WORD = 4
# what an article opens on: "第五十四条 暂扣、查封的期限…" → 暂扣、查封
_OPENING_SUBJECT = re.compile(rf"\s*(?:第[{ARTICLE_NUMERAL}]+条\s*)?([^，,。；;：:的]{{2,12}})的")


def _continued_from(get_doc: GetDoc, c: Candidate) -> str:
    """The article before ``c``'s, when ``c`` opens its own article on what that one names
    ("第五十四条 暂扣、查封的期限不得超过三十日" after "…可以对涉嫌违法…的设备、场所…予以暂扣、
    查封"): the article goes on with that measure, and is about what it was taken against; ""
    otherwise."""
    article = next(iter(own_article(c)), "")
    number = cn_to_int(article[1:-1]) if article else None
    m = _OPENING_SUBJECT.match(c.search)
    if not number or number < 2 or not m or not c.search.lstrip().startswith(article):
        return ""
    before = article_text(get_doc, c.chunk.doc_id, f"第{int_to_cn(number - 1)}条")
    named = [w for w in re.split(r"[、和及与或]", m.group(1)) if w]
    # (a measure or two, "暂扣、查封", not a thing both articles name, "临时建设工程规划许可证")
    short = all(2 <= len(w) <= CONTINUED_WORD for w in named)
    return before if before and short and all(w in before for w in named) else ""


def _implied_by_title(c: Candidate, word: str) -> bool:
    """Whether ``c`` says a two-character ``word`` whose modifier its document's title implies:
    in a 供热条例, "热费" is the fee of the title's subject, written "收费额" or "退费"."""
    if len(word) != 2:
        return False
    meta = c.chunk.meta
    subject = to_simplified(meta.title)
    for place in (meta.province, meta.city):
        if place:
            subject = subject.replace(to_simplified(place), "")
    return word[0] in subject and word[1] in c.search and word[1] not in subject


def _split_compound(text: str, word: str) -> bool:
    """Whether ``text`` says a four-character ``word`` with its two halves apart, in order, within
    one clause of :data:`_COMPOUND_SPAN` characters."""
    if len(word) != 4:
        return False
    head, tail = word[:2], word[2:]
    pattern = rf"{re.escape(head)}[^，,。；;：:]{{0,{_COMPOUND_SPAN}}}?{re.escape(tail)}"
    return re.search(pattern, text) is not None


# a count of terms or times: "一届", "两年", "一次"
_COUNT = re.compile(rf"[{OUTLINE_NUMERAL}两]+[届年次天日月周]")


# A pick whose match with the question is less than this share beyond the words framing the
# figure asked matches it only by those
FRAMED_ONLY = 0.25
# A rival to a pick matched only by the words framing the figure matches besides the word the
# pick leaves out at least this share of what the pick matches
RIVAL_REST = 0.2
# A unit of the best passage naming what the pick's document never names outdoes the pick from
# this share of its coverage
BEST_PASSAGE_RIVAL = 0.3


def neighbour_only(
    chosen: list[Pick],
    cands: list[Candidate],
    terms: dict[tuple[str, ...], Term],
    intent: Intent,
    get_doc: GetDoc,
    question: str = "",
    enforced: Sequence[str] = (),
) -> str:
    """The question's most specific term, when the answer picked leaves it out although
    another unit names it and matches the question as well: the pick then
    states the fine, figure or date of a neighbouring provision (a question about one banned
    act answered with the fine the chapter sets for another). "" when the answer is about what was asked.
    ``terms`` is what :func:`score` returned; ``enforced``: texts of duties a picked sanction
    enforces without citing them (see :func:`~assistant.answer.sanctions.enforced_in_words`),
    whose words it says through them.

    A unit that shares only that word with the question is no rival: a question on how soon a
    supplier must come and test is answered by "应当在十二小时内进行检测", although another
    article is the one that says "上门";
    when the pick's document names the asked thing elsewhere, a rival must match the rest of
    the question nearly as well as the pick does."""
    picks = [pk.cand for pk in chosen]
    if not picks:
        return ""
    present = [
        (t.idf, len(g[0]), g)
        for g, t in terms.items()
        # the words that ask ("处罚", "多少"), and the unit the answer is asked in ("多少平方米"),
        # are not what is asked about
        if len(g[0]) >= 2
        # nor the bound or the share that frames the figure asked ("不低于百分之几"): any limit
        # states one
        and not _frames_figure(g[0])
        and not ASKED_UNIT.fullmatch(g[0])
        # nor a count of terms or times the question frames it with ("一届干几年", "一年开几次"):
        # a provision writes it 每届, 每年
        and not _COUNT.fullmatch(g[0])
        # nor are the words that only say an offence is asked about ("擅自")
        and not (intent == "penalty" and _offence_marker(g[0]))
        # nor a word of the title of every pick's document ("实施办法"): each of its units is
        # about it
        and not all(has_any(c.chunk.meta.title, g) for c in picks)
        # a piece the segmenter cut from a longer word of the question ("常委" of "常委会") is
        # asked as that word, which may be written out in full ("常务委员会")
        and not any(g[0] in h[0] and g[0] != h[0] for h in terms)
        # a verb that only describes the noun after it ("在划定的区域内") is not asked about
        and not _describes(g[0], question)
        # nor is the instance that only exemplifies the class asked about ("垃圾桶这类环境卫生
        # 设施": the class is asked, 垃圾桶 is one case of it)
        and not exemplifies(g[0], question)
    ]
    if not present:
        return ""
    # a pick that matches the question almost only by the words that frame the figure asked
    # ("不低于百分之几") is weighed by the rest: a provision stating some other share matches
    # those as well as any
    framing = [g for g in terms if g[0] in BOUND_WORDS or SHARE_WORD.fullmatch(g[0])]

    def unframed(c: Candidate) -> float:
        return c.coverage - sum(terms[g].share for g in framing if has_any(c.search, g))

    framed_only = any(unframed(c) < FRAMED_ONLY * c.coverage for c in picks)

    def matched(c: Candidate) -> float:
        return unframed(c) if framed_only else c.coverage

    best = max(matched(c) for c in picks)

    def names(c: Candidate, key: tuple[str, ...]) -> bool:
        if has_any(c.search, key) or has_any(c.context, key) or _split_compound(c.search, key[0]):
            return True
        if _implied_by_title(c, key[0]):
            return True
        if has_any(_continued_from(get_doc, c), key):
            return True
        if _names_level(c.search, key[0]):
            return True
        if _covered(get_doc, c.chunk.doc_id, key):
            return True
        # a member of a group the document names in brackets after the group ("南四湖（南阳湖、
        # 独山湖、昭阳湖、微山湖）"): a unit naming the group names it
        if any(g in c.search for g in _groups_holding(get_doc, c.chunk.doc_id, key[0])):
            return True
        # an item says what its lead-in says ("在…山区…开办…项目…：（一）占地面积十公顷以上的…")
        if any(has_any(lead.search, key) for lead in _leads_of(c, cands)):
            return True
        if intent == "number" and _in_its_units(c.search, key):
            return True
        if intent == "deadline" and has_any(paragraphs_before(get_doc, c), key):
            # a 款 that times the procedure an earlier 款 of its article sets ("确实无法避免
            # 的，…向省气象主管机构报告" then "省气象主管机构应当自受理之日起二十日内…作出决定"):
            # that 款 names what the question asks the time of
            return True
        if intent == "penalty":
            cited = [article_text(get_doc, c.chunk.doc_id, a) for a in cited_articles(c)]
            cited += cited_item_texts(c, cands, get_doc)
            return any(has_any(t, key) for t in [*cited, *enforced, own_paragraphs(get_doc, c)])
        return False

    ranked = [g for _, _, g in sorted(present, reverse=True)]

    def rival(key: tuple[str, ...], floor: float, rest: float) -> bool:
        # (a unit naming the term that matches the question better than the pick does lost only
        # for not stating what is asked: the documents do not state it for the thing asked)
        # (and, beside a pick matched only by the words framing the figure, it matches more
        # of the question than that word)
        return any(
            matched(c) >= floor
            and (matched(c) - terms[key].share >= rest or matched(c) > best)
            and (not framed_only or matched(c) - terms[key].share > RIVAL_REST * best)
            and has_any(c.search, key)
            for c in cands
        )

    # each term looked up once: in the picks (with the articles they cite), in their documents
    docs = {c.chunk.doc_id for c in picks}
    in_picks = {g: any(names(c, g) for c in picks) for g in ranked}
    in_docs = {g: any(_document_names(get_doc, d, g) for d in docs) for g in ranked}
    # the things asked that the picks' documents never name, all named together by a unit of
    # another document: the question is about that document's subject, the pick about another
    # (the time limit of one licence given for a licence the picked regulation never mentions)
    unnamed = [g for g in ranked if not in_picks[g] and not in_docs[g]]
    # (a unit of the top passages, which retrieval judged the question to be about)
    if len(unnamed) >= 2 and any(
        c.pos < 3
        and c.chunk.doc_id not in docs
        and matched(c) >= 0.4 * best
        and all(has_any(c.search, g) for g in unnamed)
        for c in cands
    ):
        return unnamed[0][0]
    for i, key in enumerate(ranked[:3]):
        if in_picks[key]:
            continue
        # a pick from a document that never names the asked thing answers about something
        # else; a pick from one that names it elsewhere is outdone only by a unit that also
        # matches the rest of the question (and only the most specific term is held to that)
        elsewhere = in_docs[key]
        if elsewhere and i == 0 and rival(key, 0.8 * best, 0.7 * best):
            return key[0]
        if not elsewhere and rival(key, 0.6 * best, 0.0):
            return key[0]
    for key in ranked:
        if (
            not in_picks[key]
            and not in_docs[key]
            and any(
                c.pos == 0
                and c.chunk.doc_id not in docs
                and matched(c) >= BEST_PASSAGE_RIVAL * best
                and has_any(c.search, key)
                for c in cands
            )
        ):
            # a thing asked that the pick's document never names, named by the best passage,
            # of another document: the pick is about something else (a green space's area given
            # for a reading room's)
            return key[0]
    return ""


# a level of government asked ("县级"), as provisions name it in a list of levels ("县、乡两级",
# "省、市、县三级") or of units ("不设区的市、市辖区、县、自治县")
_LEVEL_UNITS = "省市县乡镇村"
_LEVEL = re.compile(rf"([{_LEVEL_UNITS}])级")


def level_pair(word: str) -> tuple[str, ...]:
    """The ways a pair of levels asked in short ("县乡") is written in provisions ("县、乡两级"):
    the word itself and the pair listed; () for any other word."""
    if len(word) == 2 and word[0] != word[1] and all(ch in _LEVEL_UNITS for ch in word):
        return (word, f"{word[0]}、{word[1]}")
    return ()


def _names_level(text: str, word: str) -> bool:
    """Whether ``text`` names the level ``word`` ("县级") without the word itself."""
    m = _LEVEL.fullmatch(word)
    if m is None:
        return False
    unit = m.group(1)
    listed = rf"{unit}(?:、[\u4e00-\u9fa5]{{1,2}}){{1,4}}[两三四五]级|[\u4e00-\u9fa5]{{1,2}}、{unit}(?:、[\u4e00-\u9fa5]{{1,2}})*[两三四五]级"
    return bool(
        re.search(listed, text)
        or re.search(rf"(?<=、){unit}(?=[、，,])|(?:^|(?<=[，,：:）)\s])){unit}(?=、)", text)
    )


def _frames_figure(word: str) -> bool:
    """Whether a word only frames the figure asked: it asks (:func:`~assistant.answer.cues.
    frames_ask`) or is the share the figure is asked as ("百分之")."""
    return frames_ask(word) or SHARE_WORD.fullmatch(word) is not None


def _describes(word: str, question: str) -> bool:
    """Whether the question uses ``word``, a verb, only as an attribute ("划定的区域"), not
    negated ("未登记的" names the offence)."""
    i = question.find(f"{word}的")
    if i < 0 or pos_tags().get(word, "")[:1] != "v":
        return False
    return not question[:i].endswith(question_words().negations)


# "垃圾桶这类设施", "像渣土车这种车辆": the instance before the word that names its class
_EXEMPLIFIED = re.compile(r"([^，,。；;？?]{1,12}?)(?:这类|这种|这一类|之类的?|一类的)")


def exemplifies(word: str, question: str) -> bool:
    """Whether the question uses ``word`` only in an example of the class it asks about."""
    return any(
        word in m.group(1) and word not in question[m.end() :] for m in _EXEMPLIFIED.finditer(question)
    )


def _covered(get_doc: GetDoc, doc_id: str, key: tuple[str, ...]) -> bool:
    """Whether the document's scope article names ``key`` among what the document applies to
    (a reservoir its "本条例所称的饮用水水源，包括…" lists): then each of its provisions is
    about it, whether or not it repeats the name."""
    try:
        doc = get_doc(doc_id)
    except (KeyError, LookupError):
        return False
    return bool(doc) and has_any(_scope_of(doc.text.search), key)


@lru_cache(maxsize=256)
def _scope_of(search: str) -> str:
    """What a document's scope articles name (see :data:`COVERS`), read once per text."""
    return "\n".join(m.group(0) for m in COVERS.finditer(search))


# a name with its members in brackets after it: "南四湖（南阳湖、独山湖、昭阳湖、微山湖）"
_GROUP = re.compile(r"([\u4e00-\u9fa5]{3,12})[（(]([\u4e00-\u9fa5、]{4,60})[）)]")
GROUP_NAME_CHARS = 3  # the least of the words before the brackets taken as the group's name


def _groups_holding(get_doc: GetDoc, doc_id: str, word: str) -> list[str]:
    """The names a document gives groups it lists ``word`` in as a member: for 微山湖, "南四湖"
    of "…名录制度。南四湖(南阳湖、独山湖、昭阳湖、微山湖)" (each tail of the words before the
    brackets of at least :data:`GROUP_NAME_CHARS` characters, since where the name starts is not
    marked)."""
    if len(word) < 2:
        return []
    try:
        doc = get_doc(doc_id)
    except (KeyError, LookupError):
        return []
    if not doc or word not in doc.text.search:
        return []
    out: list[str] = []
    for m in _GROUP.finditer(doc.text.search):
        if word in m.group(2).split("、"):
            head = m.group(1)
            out += [head[i:] for i in range(len(head) - GROUP_NAME_CHARS + 1)]
    return out


def _document_names(get_doc: GetDoc, doc_id: str, key: tuple[str, ...]) -> bool:
    try:
        doc = get_doc(doc_id)
    except (KeyError, LookupError):
        return False
    return bool(doc) and has_any(doc.text.search, key)
