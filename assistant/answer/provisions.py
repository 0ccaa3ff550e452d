"""Provisions read beside the one picked: the units of the answering article that complete it.

A question is often answered by more than one unit of the same article: the sanction of each 款
that punishes the breach asked about, the 款 on each of the things a question asks about 分别,
each rule the article sets at the quantity asked. Each rule here takes the picks and the
candidates and returns the units to add, in the order the article reads; a figure question is
never answered from the record lines under a title (``record_line``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answer.candidates import Candidate, Pick
from assistant.answer.cues import ARTICLE_REF, FIGURE, PERIOD, has_any
from assistant.answer.sanctions import BREACH_REF, cited_articles, own_article

# words joining two things a question asks about together: "县级和市级", "单位与个人"
_JOINS = ("和", "与", "及", "以及", "、", "或", "或者", "还是")


def joined(question: str, a: str, b: str) -> bool:
    """Whether the question joins words ``a`` and ``b`` ("县级和市级", "市级或县级")."""
    return any(f"{x}{j}{y}" in question for j in _JOINS for x, y in ((a, b), (b, a)))


def _beside_first(
    picks: list[Pick], cands: Sequence[Candidate], kinds: tuple[str, ...], keep: Callable[[Candidate], bool]
) -> list[Pick]:
    """The units of the first pick's article, of ``kinds``, that ``keep`` accepts and no pick
    quotes yet, in the order the article reads."""
    first = picks[0].cand
    article = own_article(first)
    out: list[Pick] = []
    for c in sorted(cands, key=lambda c: c.unit.start):
        if (
            c.unit.kind in kinds
            and c.chunk.doc_id == first.chunk.doc_id
            and own_article(c) == article
            and keep(c)
            and not any(
                pk.cand.chunk.doc_id == c.chunk.doc_id and pk.start < c.unit.end and c.unit.start < pk.end
                for pk in [*picks, *out]
            )
        ):
            out.append(Pick(c, c.unit.start, c.unit.end))
    return out


def same_breach(picks: list[Pick], cands: Sequence[Candidate], question: str) -> list[Pick]:
    """The other 款 of the picked sanction's article that punish a breach of the article asked
    about: "违反了会怎么处理" after an article with two 款 is answered by the sanction of each
    ("违反本条例第十五条第一款规定…的，由公安机关按照…处罚。…违反本条例第十五条第二款规定…的，
    予以警告…"), not by one of them."""
    m = BREACH_REF.search(question)
    if not picks or not m:
        return []
    # ("…违反本条例第十五条、第十六条规定": each article named from the breach on)
    asked = {f"第{n}条" for n in ARTICLE_REF.findall(question[m.start() :])}
    first = picks[0].cand
    if not own_article(first) or not cited_articles(first) & asked:
        return []
    return _beside_first(picks, cands, ("paragraph",), lambda c: bool(cited_articles(c) & asked))


def each_named(
    picks: list[Pick], cands: Sequence[Candidate], terms: list[tuple[str, ...]], question: str
) -> list[Pick]:
    """The sentences (or 款) of the answering article that each speak of one of the things a question
    asks about "分别" ("一级、二级保护区分别禁止什么"): the sentence that names them all
    ("…划分为一级保护区和二级保护区") says what they are, the ones after it what each requires
    ("一级保护区内，禁止…。二级保护区内，禁止…")."""
    if not picks or "分别" not in question:
        return []
    named = [
        g for g in terms if len(g[0]) >= 2 and any(joined(question, g[0], h[0]) for h in terms if h != g)
    ]
    # (the words, not the pieces the segmenter also cut from them: 缓冲区, not 缓冲)
    named = [g for g in named if not any(g[0] != h[0] and g[0] in h[0] for h in named)]
    if len(named) < 2 or not own_article(picks[0].cand):
        return []
    out = _beside_first(
        picks, cands, ("sentence", "paragraph"), lambda c: sum(has_any(c.search, g) for g in named) == 1
    )
    # (each of at least two of the things named, or the article does not speak of them apart)
    spoken = {g for pk in out for g in named if has_any(pk.cand.search, g)}
    return out if len(spoken) >= 2 else []


# a record line under a title: "2017年10月24日 某市第八届人民代表大会常务委员会第6次会议通过…"
_RECORD_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*年[^。]{0,60}?会议[^。]{0,80}?(?:通过|批准|修正|修订)")


# what a record line answers: "后来修正过几次", "第几次会议通过"
ASKS_RECORD = re.compile(r"修正|修订|修改|通过|批准|会议|届")


def record_line(c: Candidate) -> bool:
    """Whether a unit is a record line before the first article of its document."""
    return not c.chunk.part_at(c.unit.start).section_number and bool(_RECORD_LINE.search(c.search))


def same_quantity(picks: list[Pick], cands: Sequence[Candidate], question: str) -> list[Pick]:
    """The other sentences of the answering article that state the quantity the question names:
    asked what a case beyond a length requires ("…超过二十四小时的…？"), the sentence that
    requires one thing for it is half the answer when the same article sets another rule at the
    same length ("…二十四小时以上的，应当报…批准"). Each is a rule set at that quantity."""
    asked = {m.group(0) for rx in (FIGURE, PERIOD) for m in rx.finditer(question)}
    if not picks or not asked:
        return []
    if not own_article(picks[0].cand) or not any(q in pk.cand.search for pk in picks for q in asked):
        return []
    return _beside_first(picks, cands, ("sentence",), lambda c: any(q in c.search for q in asked))
