"""Lists: the items of an enumeration, given whole and in their own order.

A "有哪些/哪些情形" question is answered by an enumeration ("有下列情形之一的…：（一）…（二）…")
with its lead-in, from its first item: one item, or the best-scoring three, is not the
provision. Without an enumeration the best sentences of the same provision or section are
listed. An enumeration often runs past its chunk's end, so the rest of the article's chunks
are fetched too (``enumeration_chunks``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import jieba

from assistant.answer.candidates import Candidate, GetDoc
from assistant.answer.compose import ENUMERATION_LEAD, NAMED_LEAD, QUALIFIES_ITEMS
from assistant.answer.cues import FINE
from assistant.intent import ASKED_LISTED, announcing
from assistant.numbering import ARTICLE_NUMERAL
from assistant.schema import Chunk, Passage

# a unit that says items follow ("…禁止下列行为：", "…按照以下规定")
_ANNOUNCES = re.compile(r"[:：]\s*$|下列|以下")


def enumeration_after(lead: Candidate, units: Sequence[Candidate]) -> list[Candidate]:
    """The items that follow an enumeration's lead-in, up to the first plain paragraph."""
    out: list[Candidate] = []
    for c in sorted(units, key=lambda c: c.unit.start):
        if c.unit.start <= lead.unit.start:
            continue
        if c.unit.kind in ("enum", "item"):
            out.append(c)
        elif c.unit.kind == "paragraph" and out:
            break
    return out


_ASKED_THING = ASKED_LISTED
# "依什么程序办理": what a lead-in announcing "下列程序" lists
_ASKED_WHAT = re.compile(r"什么([\u4e00-\u9fa5]{2})")
# the noun phrase a "哪些" question asks for, from its first word on
_ASKED_PHRASE = re.compile(r"[\u4e00-\u9fa5]{2,6}")
# A lead-in that announces the asked thing replaces a better-scoring unit of its document when it
# scores at least this share of it
ANNOUNCED_THING = 0.8


def announcing_lead(cands: Sequence[Candidate], best: Candidate, question: str) -> Candidate | None:
    """The lead-in of ``best``'s document that announces the very thing the question asks for
    ("哪些耕地要划入…" → "下列耕地划入基本农田保护区：", "哪些单位要做强制审核" → "有下列情形之一的
    单位，应当…实施强制性清洁生产审核："), when ``best`` does not ("…的耕地分为下列两级：" sorts
    the land already in; "自愿实施…审核的单位…" is another case)."""
    asked = _ASKED_THING.search(question) or _ASKED_WHAT.search(question)
    if asked is None:
        return None
    # the thing is the first word after 哪些, or a later word of its phrase ("哪些管控措施要求":
    # 措施, which "应当采取下列扬尘污染防治措施：" announces)
    phrase = _ASKED_PHRASE.match(question, asked.start(1))
    words = (
        [asked.group(1)] + [w for w in jieba.lcut(phrase.group()) if len(w) >= 2]
        if phrase
        else [asked.group(1)]
    )
    announces = re.compile("|".join(announcing(w).pattern for w in dict.fromkeys(words)))
    if announces.search(best.search):
        return None
    for c in sorted(cands, key=lambda c: -c.score):
        if c.score < ANNOUNCED_THING * best.score:
            break
        if (
            c.chunk.doc_id == best.chunk.doc_id
            and c.unit.kind not in ("enum", "item", "lead")
            and ENUMERATION_LEAD.search(c.search)
            and announces.search(c.search)
            and not FINE.search(c.search)
            and len(enumeration_after(c, [x for x in cands if _same_article(x, c)])) >= 2
        ):
            return c
    return None


def inline_list(pool: Sequence[Candidate], best: Candidate, question: str) -> Candidate:
    """Of units that match a "哪些信息" question nearly as well as ``best``, one that lists the
    thing asked in its own sentence ("网格名称、区域范围、网格员姓名及联系方式、监督电话等信息，
    应当…公示"), when ``best`` names no such thing: the items are the answer."""
    asked = _ASKED_THING.search(question)
    if asked is None:
        return best
    thing = re.escape(asked.group(1).rstrip("的"))  # ("哪几个区的建设": 区)
    # (or items that each end with it: "推进粮食生产核心区、中原经济区、…实验区建设" of "哪几个区")
    listed = re.compile(
        rf"、[^。；;：:]{{0,40}}等{thing}|[^、，,。；;：:]{{2,20}}{thing}、[^、，,。；;：:]{{2,20}}{thing}"
    )
    if listed.search(best.search) or announcing(asked.group(1)).search(best.search):
        return best
    rivals = [c for c in pool if c.score >= INLINE_LIST * best.score and listed.search(c.search)]
    return max(rivals, key=lambda c: c.score, default=best)


# An inline list of the asked thing replaces a better-scoring unit from this share of its score
INLINE_LIST = 0.6


RICHER_LIST = 0.95  # of units about equally good for a list question, the one that lists most
RICHER_BY = 3  # items more it must list
# what separates listed items (not the 、 between the articles a unit cites: "第七条、第八条")
_ITEM_BREAK = re.compile(r"(?<![条款项])[、；;]")


def richer_list(pool: Sequence[Candidate], best: Candidate) -> Candidate:
    """Of units that match a list question about as well as ``best`` (the same provision in two
    regulations of one city: "可以采取限制部分机动车行驶等临时应急措施" and "可以采取责令有关企业
    限产或者停产、限制部分机动车辆行驶、禁止燃放烟花爆竹…等应急措施"), the one that names several
    more items in its own words."""
    if best.unit.kind in ("enum", "item", "lead") or _ANNOUNCES.search(best.search):
        return best  # (it introduces its own items)

    def items(c: Candidate) -> int:
        return len(_ITEM_BREAK.findall(c.search))

    rivals = [
        c
        for c in pool
        if c is not best and c.score >= RICHER_LIST * best.score and c.unit.kind == best.unit.kind
    ]
    richer = max(rivals, key=items, default=None)
    return richer if richer is not None and items(richer) >= items(best) + RICHER_BY else best


def _same_article(x: Candidate, c: Candidate) -> bool:
    """Whether ``x`` is a unit of ``c``'s article (of any passage: its items may be another's)."""
    return x.chunk.doc_id == c.chunk.doc_id and x.chunk.section_number == c.chunk.section_number


# An enumeration's lead-in answers a "哪些" question in place of a unit that introduces nothing when
# it scores at least this share of that unit's score
RIVAL_ENUMERATION = 0.85


def _enumeration_instead(cands: list[Candidate], best: Candidate) -> Candidate:
    """The lead-in of an enumeration of ``best``'s document that scores nearly as well, when
    ``best`` itself neither introduces nor belongs to one: "哪些人…不予办理" is answered by "下列人员
    …不予办理：（一）…", not by sentences gathered from other articles. A sanction's lead-in
    ("有下列行为之一的，处…罚款：") is no answer to a question that does not ask for a sanction."""
    if best.unit.kind in ("enum", "item", "lead") or _ANNOUNCES.search(best.search):
        return best
    if _lead_in(best) is not None and _listed(best, cands) >= 2:
        return best  # (an article that lists its items after a colon: "…审计的内容为：（一）…")
    for c in sorted(cands, key=lambda c: -c.score):
        if c.score < RIVAL_ENUMERATION * best.score:
            break
        if (
            c is best
            or c.chunk.doc_id != best.chunk.doc_id
            or c.unit.kind in ("enum", "item", "lead")
            or not ENUMERATION_LEAD.search(c.search)
            or FINE.search(c.search)
        ):
            continue
        if len(enumeration_after(c, [x for x in cands if x.passage is c.passage])) >= 2:
            return c
    return best


# "哪些地方属于…禁采区", "哪些人员是…的责任人": the class the items are said to belong to (its last
# two characters), which the enumeration announces ("下列区域为禁采区：")
_ASKED_CLASS = re.compile(r"(?:属于|算作|算是|列为)[^，,。；;？?]*?([\u4e00-\u9fa5]{2})[？?]?\s*$")
# Of the enumerations of the best unit's document that score at least this share of it, the one
# whose lead-in says what the question asks about answers a list question
SUBJECT_RIVAL = 0.6
# how much more of the question a rival's lead-in must say than the best unit's own lead-in
SUBJECT_MARGIN = 0.15
# what a lead-in that announces the asked thing or class counts as, in shares of the question
ANNOUNCED_CREDIT = 0.2


def _lead_in(c: Candidate) -> str | None:
    """The lead-in an article or paragraph opens with when it ends on a colon ("…应当履行下列职责：",
    "…审计的内容为："), or None; a sanction's lead-in ("有下列行为之一的，处…罚款：") introduces no
    answer to a list question."""
    if c.unit.kind not in ("article", "paragraph", "sentence"):
        return None
    first = c.search.strip().split("\n", 1)[0].strip()
    return first if first.endswith((":", "：")) and not FINE.search(first) else None


# an item of an enumeration at the start of a line: "（一）", "(二)", "1."
_ITEM_LINE = re.compile(rf"^\s*(?:[（(][{ARTICLE_NUMERAL}]+[)）]|\d+[.．、])", re.M)


def _listed(c: Candidate, cands: Sequence[Candidate]) -> int:
    """How many items follow ``c``'s lead-in: in its own text (a whole article) or as units."""
    return max(
        len(_ITEM_LINE.findall(c.search)),
        len(enumeration_after(c, [x for x in cands if _same_article(x, c)])),
    )


def _asked(question: str) -> list[str]:
    """The things a list question asks for ("哪几项内容" → 内容) and the class it says they belong
    to ("…属于禁采区" → 采区)."""
    return [m.group(1) for pattern in (_ASKED_THING, _ASKED_CLASS) if (m := pattern.search(question))]


def _announces(lead: str, thing: str) -> bool:
    return bool(
        re.search(rf"(?:下列|以下)[^，,。；;：:]*?{thing}", lead)
        or re.search(rf"{thing}(?:为|是|包括|有)?[:：]\s*$", lead)
    )


def subject_enumeration(
    cands: Sequence[Candidate], best: Candidate, question: str, shares: dict[tuple[str, ...], float]
) -> Candidate:
    """The enumeration whose lead-in says what a list question asks about, in place of one whose
    items merely mention the question's words.

    A whole article is scored on all its text: "急救站应当履行下列职责：（一）服从市急救指挥中心的
    调度，负责完成急救工作…" holds every word of "急救指挥中心负责哪些工作" in its items, while
    "市急救指挥中心应当履行下列职责：" says them in its lead-in, which is what the list is of. So the
    enumerations of the best unit's document are compared by the question's words in their lead-in
    (``shares``: each term's share of the question), with credit for one that announces the asked
    thing ("…审计的内容为：" for "哪几项内容", "下列区域为禁采区：" for "哪些地方属于…禁采区").
    A best unit that is no enumeration is replaced only where an enumeration scores nearly as well
    (as in :func:`_enumeration_instead`)."""
    if best.unit.kind in ("enum", "item", "lead"):
        return best
    asked = _asked(question)

    def said(c: Candidate) -> float:
        lead = _lead_in(c) or ""
        credit = ANNOUNCED_CREDIT if lead and any(_announces(lead, t) for t in asked) else 0.0
        return sum(w for g, w in shares.items() if any(x in lead for x in g)) + credit

    rivals = [
        c
        for c in cands
        if c is not best
        and c.chunk.doc_id == best.chunk.doc_id
        and c.score >= SUBJECT_RIVAL * best.score
        and _lead_in(c) is not None
        and _listed(c, cands) >= 2
    ]
    if not rivals:
        return best
    top = max(rivals, key=lambda c: (said(c), c.score))
    if _lead_in(best) is None:
        # (an enumeration's own lead-in, "…应报送下列资料：", nearly as good as the best unit)
        near = any(
            c.score >= RIVAL_ENUMERATION * best.score and ENUMERATION_LEAD.search(c.search) for c in rivals
        )
        return top if near and not _ANNOUNCES.search(best.search) else best
    return top if said(top) >= said(best) + SUBJECT_MARGIN else best


def list_items(
    cands: list[Candidate], best: Candidate, *, limit: int, enumeration_limit: int, min_score: float
) -> list[Candidate]:
    """Several items for a "哪些/措施" question, from the best unit's passage and section.

    * best unit is a lead ("（一）全面加强黄河流域生态保护。"): the question asks for the
      headings, so the leads of the sibling sections among the passages are the items;
    * the best passage has an enumeration (一是…/（一）… items): its items, best first;
    * otherwise its best sentences, then sentences of passages in the same section.
    """
    best = _enumeration_instead(cands, best)
    chosen = [best]

    def overlaps(c: Candidate) -> bool:
        return any(
            x.chunk.doc_id == c.chunk.doc_id and x.unit.start < c.unit.end and c.unit.start < x.unit.end
            for x in chosen
        )

    def take(group: list[Candidate], floor: float) -> None:
        for c in sorted(group, key=lambda c: (-round(c.score, 2), c.unit.start)):
            if len(chosen) >= limit:
                return
            if c.score >= floor and not overlaps(c):
                chosen.append(c)

    same_doc = [c for c in cands if c.chunk.doc_id == best.chunk.doc_id and c is not best]
    if best.unit.kind == "lead":
        parent = best.chunk.section_path[:-1]
        siblings = [c for c in same_doc if c.unit.kind == "lead" and c.chunk.section_path[:-1] == parent]
        if len(siblings) >= 2:
            take(siblings, 0.0)
            return chosen
    # (the article the best unit stands in: a chunk may hold several, "第二章" of 第八条 and 第九条)
    # (and of an item, "第二章.第十九条.（八）", the article it is an item of)
    within = re.match(r".*条", best.chunk.part_at(best.unit.start).section_number)
    article = within.group(0) if within else None

    def same_provision(c: Candidate) -> bool:
        if c.passage is best.passage:
            return True
        number = c.chunk.part_at(c.unit.start).section_number
        return article is not None and (number == article or number.startswith(article + "."))

    own = [c for c in same_doc if same_provision(c) and c.unit.kind != "lead"]
    items = [c for c in own if c.unit.kind in ("enum", "item")]
    # the enumeration answers when the best unit is one of its items or introduces it
    # ("…下列单位创建环境教育基地：", "…禁止下列行为："), not when it sits beside it
    introduces = best.unit.kind in ("enum", "item", "article", "lead") or bool(_ANNOUNCES.search(best.search))
    # an article's enumeration with its lead-in ("…按照下列规定…：（一）…（二）…") is the
    # provision a "有哪些规定" question asks for, even when another paragraph of the same
    # article matched a little better
    # (a best unit that introduces an enumeration of its own is its lead-in, not the article's
    # first: "重点…除前款禁止的行为外，还禁止下列行为：" lists other items than "…禁止下列行为：")
    own_lead = (
        best.unit.kind not in ("enum", "item")
        and ENUMERATION_LEAD.search(best.search) is not None
        and len(enumeration_after(best, own)) >= 2
    )
    intro = (
        best
        if own_lead
        else next(
            (
                c
                for c in sorted([best, *own], key=lambda c: c.unit.start)
                if c.unit.kind not in ("enum", "item")
                and (
                    ENUMERATION_LEAD.search(c.search)
                    # ("…负责组织、协调…工作，具体职责是：" opens its items without 下列)
                    or NAMED_LEAD.search(c.search)
                    # (the opening paragraph of an article read whole for its items: "…的内容为：")
                    or (
                        c is not best
                        and best.unit.kind == "article"
                        and c.unit.start == best.unit.start
                        and _lead_in(c)
                    )
                )
                and c.score >= 0.5 * best.score
            ),
            None,
        )
    )
    if intro is not None and intro is not best and article is not None:
        listed = [c for c in items if c.unit.start > intro.unit.start]
        if len(listed) >= 2:
            if best.unit.kind in ("enum", "item") and same_provision(best):
                # (the item that matched best is one of the enumeration the lead-in introduces)
                own.append(best)
                items.append(best)
            elif same_provision(best) and not ENUMERATION_LEAD.search(best.search):
                # (a later 款 that matched best may qualify the items: "发生前款规定的紧急情况…")
                own.append(best)
            best, introduces = intro, True
    if len(items) >= 2 and introduces:
        # an enumeration is listed in its own order, from its first item, after its lead-in
        best_item = best if best.unit.kind in ("enum", "item") else None
        chosen = [best] if best is intro else []
        items = enumeration_after(best, own) if best is intro else items
        # the whole enumeration is the provision (compose trims past the answer budget)
        for c in sorted(items, key=lambda c: c.unit.start):
            if len(chosen) >= enumeration_limit:
                break
            if not overlaps(c):
                chosen.append(c)
        if best_item is not None and best_item not in chosen:
            chosen[-1] = best_item
        # a later 款 that qualifies the items ("本条第一款第一项至四项规定属于旧城改造的，绿地率可以
        # 降低五个百分点") is part of what they provide
        last = max(c.unit.end for c in chosen)
        qualifying = sorted(
            (
                c
                for c in own
                if c.unit.start >= last
                and c.unit.kind not in ("enum", "item")
                # (or goes on with the ban they are cases of: "有下列情形之一的，不得设置户外广告：
                # …" and "建筑物屋顶不得设置大型户外广告")
                and (QUALIFIES_ITEMS.search(c.search) or _same_ban(best.search, c.search))
                # (the sanction for breaking them is another provision: "违反前款第一项…规定的，处…")
                and not FINE.search(c.search)
            ),
            key=lambda c: (c.unit.start, -(c.unit.end - c.unit.start)),
        )
        for c in qualifying:
            if not overlaps(c):
                chosen.append(c)
        return chosen
    take(own, max(0.4 * best.score, 0.5 * min_score))
    if len(chosen) < 3:
        section = best.chunk.section_path[:1]
        others = [
            c
            for c in same_doc
            if c.passage is not best.passage and c.chunk.section_path[:1] == section and c.unit.kind != "lead"
        ]
        take(others, 0.6 * best.score)
    return chosen


_BAN = re.compile(r"(?:不得|禁止|严禁)([\u4e00-\u9fff]{2})")


def _same_ban(lead: str, later: str) -> bool:
    """Whether a later 款 forbids what the lead-in of an enumeration forbids (the same verb
    after 不得/禁止/严禁), for other cases than its items."""
    ban = _BAN.search(lead.split("：")[0].split(":")[0])
    return ban is not None and any(m.group(1) == ban.group(1) for m in _BAN.finditer(later))


def enumeration_chunks(best: Sequence[Passage], passages: Sequence[Passage], get_doc: GetDoc) -> list[Chunk]:
    """Every chunk of the articles of the ``best`` passages and of any passage whose chunk
    introduces an enumeration, whose items a lead-in alone would leave out (a chunk may start
    with an article's last items and run on into the next)."""
    leads = [p for p in passages if any(ENUMERATION_LEAD.search(line) for line in p.chunk.text.splitlines())]
    seen_articles: set[tuple[str, str]] = set()
    out: list[Chunk] = []
    for p in [*best, *leads]:
        doc = get_doc(p.chunk.doc_id)
        # (a chunk of an article's later items, "第四十三条.（八）", stands for its whole article)
        article = re.match(rf".*第[{ARTICLE_NUMERAL}]+条(?=$|\.)", p.chunk.section_number)
        if not (doc and article):
            continue
        number = article.group()
        if (p.chunk.doc_id, number) in seen_articles:
            continue
        seen_articles.add((p.chunk.doc_id, number))
        for chunk in doc.chunks:
            parts = [part.section_number for part in chunk.parts] or [chunk.section_number]
            if any(n == number or n.startswith(number + ".") for n in parts):
                out.append(chunk)
    return out
