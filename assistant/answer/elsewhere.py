"""What a provision leaves to another text, said as such instead of quoted as an answer.

A question may ask for a figure, a standard or a list that the provision found does not set: it
leaves the standard to another body ("征收标准…由省人民政府另行制定"), the list to a catalogue
kept elsewhere ("具体物种按照…名录执行"), or enforces an act with no fine ("…由公安机关依法处理").
The answer then says the documents do not state it, and quotes the sentence that says where it is
set: what an official needs to know before asking that body.
"""

from __future__ import annotations

import re

from assistant.answer.candidates import Candidate, Pick
from assistant.answer.cues import ARTICLE_START
from assistant.answer.sanctions import BREACH_REF, in_liability_chapter, own_article
from assistant.vocab import question_words

# a standard or amount left to another body: "征收标准和管理办法，由省人民政府另行制定"
# a standard set by another body ("补偿标准由省人民政府制定"), or a sum granted as the law
# elsewhere sets it ("由所在地县级以上人民政府依法给予补偿")
# (or as another text sets it: "赔偿的范围和标准依照法律、法规或国家有关规定确定", "资本金占项目
# 总投资的比例按照国家规定的标准执行")
DELEGATED = re.compile(
    r"(?:标准|数额|费率|比例|具体办法)[^。；;]{0,20}?(?:由[^。；;]{1,30}?(?:另行)?(?:制定|规定|确定)"
    r"|(?:依照|按照)[^。；;]{0,20}?(?:有关|国家|省)[^。；;]{0,12}?(?:规定|标准)(?:确定|执行))"
    r"|依法(?:给予|予以)(?:补偿|赔偿)"
    # a charge made as rules kept elsewhere set it: "可以按照国家和省有关规定向用户收取…维护费"
    r"|(?:按照|依照)[^。；;]{0,12}?有关规定[^。；;]{0,16}?(?:收取|缴纳|征收)"
    # a bound set by another body: "两个评估结果在省规定的误差范围之内的"
    r"|(?:国家|省|市)(?:人民政府)?(?:有关部门)?规定的[^。；;，,]{0,8}?(?:范围|幅度|比例|限额)"
)
# a sentence that only leaves the matter to another body: "承担修剪费用的办法，由市、县（市）人民
# 政府规定", "具体办法由省人民政府制定"
ONLY_DELEGATES = re.compile(
    r"^[^。；;，,]{0,30}?(?:的)?(?:具体)?(?:办法|标准|数额|比例)[，,]?(?:由|按照|依照)[^。；;]{1,40}?"
    r"(?:另行)?(?:制定|规定|确定|执行)[。；;]?$"
)
# a question asking who sets the rule ("具体办法由谁制定"): that sentence answers it
_ASKS_MAKER = re.compile(r"办法|制定|制订|出台|(?:谁|哪[个级些]?(?:部门|机关|单位)?)[^，,。？?]{0,4}[定订]")


def only_delegates(text: str, question: str) -> bool:
    """Whether a unit picked says nothing but who will set the matter asked: the documents then
    do not state it (unless the question asks who sets it)."""
    lead = ARTICLE_START.match(text)
    bare = re.sub(r"\s+", "", text[lead.end() if lead else 0 :])
    return ONLY_DELEGATES.match(bare) is not None and _ASKS_MAKER.search(question) is None


def left_to_another(pick: Pick) -> str:
    """The answer when the sentence picked only leaves the matter to another body: that sentence,
    said to settle nothing itself."""
    c = pick.cand.chunk
    quoted = c.text[max(pick.start - c.start, 0) : pick.end - c.start]
    lead = ARTICLE_START.match(quoted)
    clause = quoted[lead.end() if lead else 0 :].strip().rstrip("。；;")
    article = next(iter(own_article(pick.cand)), "")
    return f"所提供的文件中未规定所问的具体内容：《{c.meta.title}》{article}规定，{clause}。"


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
