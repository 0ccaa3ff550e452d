"""What a part of a question or a follow-up leaves unsaid, for the turn before to supply.

"由哪个部门负责？" opens with its question: its subject is the previous part's. "办下来以后多久要
公示？" names a step after the one just asked about. "违反了怎么罚？", "那逾期不改正的呢？" ask the
consequence of a duty just answered, or its graver case. :mod:`assistant.parts` splits a question;
:mod:`assistant.conversation` and :mod:`assistant.route` read its parts and follow-ups with these.
"""

from __future__ import annotations

import re

from assistant.intent import asks_effective, detect_intent, opens_undone
from assistant.vocab import alternation, question_words

_Q = question_words()


def _core(piece: str) -> str:
    return re.sub(r"[\s？?；;，,。！!]+", "", piece)


FRAGMENT_MAX_CHARS = 6
UNDONE_FRAGMENT_CHARS = 10
# a part that opens with its question ("由哪个部门负责？", "需要多长时间？"): its subject is the
# previous part's
_SUBJECTLESS = re.compile(
    rf"^(?:{alternation(_Q.subjectless_leads)})?(?:{alternation(_Q.subjectless_words)})"
)

AFTER_STEP_CHARS = 4  # "批下来", "拿到证": a step named without its matter ("其后" names none)
# "办下来以后多久要公示？": the step after the one the part before asked about
_AFTER_STEP = re.compile(
    rf"^(?:{alternation(_Q.subjectless_leads)})?[\u4e00-\u9fa5]{{2,{AFTER_STEP_CHARS}}}?"
    rf"(?:{alternation(_Q.subjectless_after)})[，,]?(?:{alternation(_Q.subjectless_words)})"
)


def without_step(question: str) -> str:
    """A question that opens with the step after which it asks ("办下来以后多久要公示？"), without
    that step ("多久要公示？"): the step restates the previous question's outcome in the asker's
    words, which the provision need not use ("核发之日起五日内"), and it is not what is asked."""
    core = question.strip()
    lead = re.match(rf"^(?:{alternation(_Q.subjectless_leads)})", core)
    start = lead.end() if lead else 0
    m = _AFTER_STEP.match(core[start:])
    if not m:
        return question
    asks = re.search(rf"(?:{alternation(_Q.subjectless_words)})$", m.group(0))
    rest = core[start + (asks.start() if asks else m.end()) :]
    # ("期满以后怎么办？": a step after which nothing of substance is asked is the matter itself)
    said = re.sub(rf"{alternation(_Q.subjectless_words)}|[^\u4e00-\u9fa5]", "", rest)
    return rest if len(said) >= 2 else question


def is_subjectless(text: str) -> bool:
    """Whether a question opens with its question ("由谁确认？", "需要多长时间？"): its subject is in
    what was asked before."""
    return bool(_SUBJECTLESS.match(text.strip()))


# "办法里有规定吗？", "这部条例有没有写？": whether the document says what the part before
# asked, whatever else it names (the document it names, the place)
_ASKS_IF_SAID = re.compile(
    r"^(?:那|这|那么)?(?:[\u4e00-\u9fa5]{0,12}?(?:条例|办法|规定|文件|法规|法))?(?:里|中|上)?"
    r"(?:有没有|有无|是否有|有)(?:写|规定|明确|说|提到|讲)?(?:统一|具体)?的?(?:标准|规定|要求)?(?:吗|没有)?$"
)


# "逾期不…" as an asker says it: "限期内还不拆", "到期了仍未恢复"
_OVERDUE = r"(?:逾期|过期|到期了?|限期内|期限内|期满)(?:还|仍|仍然|依然|也)?(?:不|未|没)"
# "情节严重的呢？", "如果还是拒不改正呢？": the graver case of a sanction, which the sanction just
# quoted sets in a clause of its own ("…罚款；拒不改正的，责令停产整治")
_ESCALATION = re.compile(rf"^[^，,。？?]{{0,6}}(?:情节严重|拒不|造成严重后果|{_OVERDUE})")
# the act a graver case names after its marker: "拒不恢复" → 恢复, "限期内还不拆" → 拆
_ESCALATED_ACT = re.compile(rf"(?:拒不|{_OVERDUE}(?:有)?)([\u4e00-\u9fa5]{{1,2}})")
# how a provision writes that case: "拒不恢复", "逾期不恢复", "逾期未恢复", "逾期仍不…"
_STATED_ESCALATION = r"(?:拒不|逾期(?:仍)?不|逾期(?:仍)?未|仍不|仍未)"


def escalated_act(part: str) -> str:
    """The act a graver case is about ("…当事人拒不恢复，又怎么处理？" → 恢复), or "" when the
    part asks none (情节严重的呢？)."""
    m = _ESCALATED_ACT.search(part)
    return m.group(1) if m else ""


def escalation_forms(act: str) -> str:
    """The ways a provision writes the graver case of ``act``: "拒不恢复，逾期不恢复"."""
    return f"拒不{act}，逾期不{act}"


def states_escalation(text: str, act: str) -> bool:
    """Whether ``text`` states the graver case of ``act`` ("拒不恢复或者恢复不符合…的，由…代为恢复")."""
    return bool(act) and re.search(_STATED_ESCALATION + re.escape(act[0]), text) is not None


def escalates(part: str) -> bool:
    """Whether a later part or follow-up asks the graver case of the sanction asked before it
    (a lead of a few characters, "要是一直", then 情节严重/逾期不/拒不…)."""
    return _ESCALATION.search(part.strip()) is not None


def asks_if_said(part: str) -> bool:
    """Whether a later part only asks whether the document says what the part before asked
    ("…补助标准是多少？文件里有规定吗？"): its answer is that part's."""
    return _ASKS_IF_SAID.match(_core(part)) is not None


def is_fragment(part: str) -> bool:
    """Whether a later part only makes sense with the one before it: short ("罚多少？"), an
    elliptic "…呢？" ("常务副组长呢？"), or the act just asked about, done ("私自挖了…")."""
    core = _core(part)
    if asks_effective(core):
        return False  # "条例何时施行？" asks about the document itself, not the part before
    return (
        len(core) <= FRAGMENT_MAX_CHARS
        or core.endswith("呢")
        or bool(_SUBJECTLESS.match(core))
        or bool(_AFTER_STEP.match(core))
        # ("私自挖了要罚多少？": the act is the one just asked about)
        or bool(_DONE.match(core))
        # ("不按规定公示的怎么处理？": a duty left undone, named by its verb alone, is the one just
        # asked about; "未取得许可证擅自在河道采砂的…" names its own)
        or (len(core) <= UNDONE_FRAGMENT_CHARS and leaves_undone(core))
    )


# who acts, named before the ask: "违反了，主管部门怎么处罚？"
_ACTOR = rf"(?:[\u4e00-\u9fa5]{{0,8}}?(?:{alternation(_Q.breach_actors)}))?"
# "违反了由谁处罚？", "违者怎么罚？", "如果违反上述规定呢？": a breach of the provision just asked about
_BREACH = re.compile(
    rf"^(?:{alternation(_Q.breach_leads + _Q.breach_only_leads)})?(?:{alternation(_Q.breaches)})"
    rf"(?=[，,]?{_ACTOR}(?:{alternation(_Q.breach_asks + _Q.breach_who)}|$))"
)
# "要是卖了，被查处会怎样？", "私自挖了要罚多少？", "停太久了罚多少？": the act just forbidden or
# limited, done (said in a few characters before a fine, it can only be that act)
_DONE = re.compile(
    rf"^(?:(?:{alternation(_Q.done_leads + _Q.done_manners)})[\u4e00-\u9fa5]{{1,3}}了"
    rf"|[\u4e00-\u9fa5]{{1,3}}了(?=[，,]?(?:要|会|将|被)?(?:怎么|如何)?处?罚))"
    rf"(?:(?:{alternation(_Q.done_pointers)})[\u4e00-\u9fa5]{{0,3}})?[，,]?(?:被[^，,？?]{{0,4}})?"
    rf"{_ACTOR}(?:{alternation(_Q.breach_asks)})"
)
_PENALTY_MENTION = re.compile(alternation(_Q.penalty_mentions))
# "没经批准就…", "未经许可就…": an act done without a step, not the step left undone
_WITHOUT = re.compile(
    rf"(?:{alternation(_Q.breach_leads)})?(?:{alternation(_Q.negations)})[^，,。？?]{{1,8}}就"
)


def names_breach(question: str) -> bool:
    """Whether a question opens by breaking what was just said ("违反了的话，…罚多少？", "违者
    怎么处理？"): it asks about that provision's sanction, whatever it goes on to name."""
    core = _core(question)
    return bool(_BREACH.search(core) or _DONE.search(core))


def leaves_undone(question: str) -> bool:
    """Whether a question opens with a duty not done ("不报告的怎么罚？", "那不及时清运的话…"): it is
    about the provision just answered. "没经批准就占用的" names an act of its own, done without
    what the duty required."""
    core = _core(question)
    return opens_undone(core) and not _WITHOUT.match(core)


def breaches_previous(part: str, previous_answer: str = "") -> bool:
    """Whether a later part asks about breaking the provision the part before it answered: it
    says so ("违反了…"), or it only asks the sanction ("罚多少？") after a part that answered a
    duty, not a sanction."""
    if names_breach(part):
        return True
    duty = bool(previous_answer) and not _PENALTY_MENTION.search(previous_answer)
    return duty and (is_fragment(part) or leaves_undone(part)) and detect_intent(part) == "penalty"
