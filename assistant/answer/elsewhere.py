"""What a provision leaves to another text, said as such instead of quoted as an answer.

A question may ask for a figure, a standard or a list that the provision found does not set: it
leaves the standard to another body ("征收标准…由省人民政府另行制定"), the list to a catalogue
kept elsewhere ("具体物种按照…名录执行"), or enforces an act with no fine ("…由公安机关依法处理").
The answer then says the documents do not state it, and quotes the sentence that says where it is
set: what an official needs to know before asking that body.
"""

from __future__ import annotations

import re

from assistant.answer.candidates import Candidate
from assistant.answer.cues import ARTICLE_START
from assistant.answer.sanctions import BREACH_REF, in_liability_chapter, own_article
from assistant.vocab import question_words

# a standard or amount left to another body: "征收标准和管理办法，由省人民政府另行制定"
# a standard set by another body ("补偿标准由省人民政府制定"), or a sum granted as the law
# elsewhere sets it ("由所在地县级以上人民政府依法给予补偿")
DELEGATED = re.compile(
    r"(?:标准|数额|费率)[^。；;]{0,20}?由[^。；;]{1,30}?(?:另行)?(?:制定|规定|确定)|依法(?:给予|予以)(?:补偿|赔偿)"
)


def asks_standard(question: str) -> bool:
    """Whether a question asks what a fee or charge comes to ("按什么标准收", "收多少")."""
    return any(w in question for w in question_words().standard)


def displayed(pick: Candidate) -> tuple[str, str]:
    """(article, text) of a unit as the document displays it, without its article number."""
    c = pick.chunk
    quoted = c.text[pick.unit.start - c.start : pick.unit.end - c.start]
    lead = ARTICLE_START.match(quoted)
    return next(iter(own_article(pick)), ""), quoted[lead.end() if lead else 0 :]


# a list kept in another text: "具体物种按照国家和省重点保护野生植物名录执行", "具体名单由…公布"
LISTED_ELSEWHERE = re.compile(
    r"具体(?:物种|品种|名单|目录|范围|种类|项目)[^。；;]{0,6}?(?:按照|依照|以|由)[^。；;]{1,40}?"
    r"(?:名录|目录|名单)?(?:执行|确定|为准|公布)"
)
# a sentence that lists things itself: three names in a row ("包括甲、乙、丙等，具体名单由…公布")
_LISTS = re.compile(r"[^、，。；]{1,12}、[^、，。；]{1,12}、")


def _sentence_at(text: str, pattern: re.Pattern[str]) -> str:
    """The sentence of ``text`` where ``pattern`` is first found ("" when it is not)."""
    m = pattern.search(text)
    if m is None:
        return ""
    start = text.rfind("。", 0, m.start()) + 1
    stop = text.find("。", m.end())
    return text[start : stop if stop >= 0 else len(text)]


def set_elsewhere(
    pick: Candidate, pattern: re.Pattern[str] = DELEGATED, asked: str = "所问的具体标准"
) -> str:
    """The answer to "按什么标准收" when the provision found leaves the standard to another body
    (or to "有哪些物种" when it points to a list kept elsewhere): the sentence that does so, said
    to set none."""
    article, quoted = displayed(pick)
    m = pattern.search(quoted)
    if m is not None:  # (that sentence, not the whole article)
        start = max(quoted.rfind(end, 0, m.start()) for end in ("。", "\n")) + 1
        stop = min((i for end in ("。", "\n") if (i := quoted.find(end, m.end())) >= 0), default=len(quoted))
        quoted = quoted[start:stop]
    clause = quoted.strip().rstrip("。；;")
    return f"所提供的文件中未规定{asked}：《{pick.chunk.meta.title}》{article}规定，{clause}。"


def no_amount(pick: Candidate) -> str:
    """The answer to "罚多少" when the provisions found set no amount: the sanction clause that
    enforces the act without one ("…的，由公安机关依法处理") is pointed to; a duty is not."""
    text = "所提供的文件中未找到所问的罚款数额"
    if in_liability_chapter(pick) or BREACH_REF.search(pick.search):
        article, quoted = displayed(pick)
        clause = quoted.strip().rstrip("。；;")
        return f"{text}：《{pick.chunk.meta.title}》{article}规定，{clause}，未规定罚款数额。"
    return f"{text}。"


def lists_itself(text: str) -> bool:
    """Whether the sentence pointing to a list kept elsewhere names some of it itself ("包括甲、乙、
    丙等，具体名单由…公布"): then it answers in part, and is quoted."""
    return _LISTS.search(_sentence_at(text, LISTED_ELSEWHERE)) is not None
