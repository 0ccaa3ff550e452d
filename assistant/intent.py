"""What kind of answer a question wants, from Chinese keyword rules (``data/vocabulary.yaml``).

Question analysis reads this before retrieval; the answerer reads the same result, so it sits
below both in the flow.

The rules are checked in a fixed order, because one question often carries words of several
kinds: "哪些部门负责" is about responsibility, not a list; "2025年之前要降到多少" wants a number,
not a deadline; "主要目标有哪些" wants a list of targets. Strong, unambiguous cues come first,
weak single-word cues ("率", "之前") last.
"""

from __future__ import annotations

import re

from assistant.schema import Intent
from assistant.vocab import alternation, question_words, vocabulary

_Q = question_words()

# The clause that sets a regulation's start date: "本条例自2019年3月1日（起）施行" (a short date
# between 自 and 施行, within one sentence), or a phrase that states it.
EFFECTIVE_CLAUSE = re.compile(
    "|".join(
        [
            *(rf"{re.escape(a)}[^。；]{{2,24}}?{re.escape(b)}" for a, b in vocabulary().effective_dated),
            *(re.escape(w) for w in vocabulary().effective_phrases),
        ]
    )
)
# a question for a length of time ("几个小时", "多少天", "几年", "多长时间"): answered by a period
# ("十五个工作日内"), not by a date
ASKED_PERIOD = re.compile(
    r"(?:几|多少)个?(?:小时|工作日|天|周|星期|月(?!几))|(?:几|多少)年(?!级)|(?<!月)(?:几|多少)日"
)
# the ways of asking for one in several words ("多长时间", "提前多久")
ASKED_DURATION = re.compile(rf"多久|{alternation(_Q.time_phrases)}")
# a time limit a provision sets: "自购买之日起十五个工作日内", "三十日内", "二十四小时以内"; or
# the time after which it applies: "连续停热十二小时以上的，…应当…退还相应的热费"
TIME_LIMIT = re.compile(
    r"[一二三四五六七八九十两百零\d]+(?:个工作日|工作日|个月|日|天|个?小时)(?:内|以内|之内|以上)"
)
# a document naming itself ("本条例自…起施行", "本规定")
SELF_REF = re.compile(r"本(?:条例|法|办法|规定|决定|细则)")
_ASKS_EFFECTIVE = re.compile(rf"(?:{alternation(_Q.effective_words)})(?!{alternation(_Q.counted_from)})")
# the clause that states the day a period counts from ("自竣工验收合格之日起计算"), and a
# question asking for it ("保修期从哪天起算")
START_CLAUSE = re.compile(vocabulary().start_clause)
_ASKS_START = re.compile(alternation(_Q.start_words))


def asks_start(question: str) -> bool:
    """Whether a question asks the day a period is counted from (answered by ``START_CLAUSE``)."""
    return _ASKS_START.search(question) is not None and not asks_effective(question)


# a word that makes a piece of text ask something, or an A-not-A question: "能不能", "是不是",
# "可不可以", "有没有"
_A_NOT_A = r"([\u4e00-\u9fa5])[不没]\1"
QUESTION_WORD = re.compile(rf"{alternation(_Q.question_words)}|{_A_NOT_A}")
# the A-not-A form alone ("是不是", "有没有", the "可不可" of "可不可以")
A_NOT_A = re.compile(_A_NOT_A)


def asks_who(question: str) -> bool:
    """Whether a question asks who acts ("由谁实施", "哪个部门处罚"), whatever else it asks."""
    return any(w in question for w in _WHO_WORDS)


_WHO_WORDS = dict(vocabulary().intents)["responsible"]
# a question asking whether, not what: "还会被处罚吗", "会不会罚", "是否处罚"
ASKS_WHETHER = re.compile(rf"吗[？?。\s]*$|是否|{_A_NOT_A}")


def asks_effective(question: str) -> bool:
    """Whether a question asks when a regulation takes effect (answered by ``EFFECTIVE_CLAUSE``)."""
    return _ASKS_EFFECTIVE.search(question) is not None


# "哪些活动", "什么材料": the thing a question asks for, when it names one
_ASKED_THING = re.compile(rf"(?:{alternation(_Q.asked_things)})([\u4e00-\u9fa5])")

# "哪些耕地", "哪几类单位": the thing a list question asks which of (two characters of it), after
# the words that ask which ones ("什么" asks what, not which of a list)
ASKED_LISTED = re.compile(
    rf"(?:{alternation(tuple(w for w in _Q.asked_things if w.startswith('哪')))})"
    # (the thing after a kind word: "哪些类型的事" asks 事, which "以下事项" announces)
    rf"(?:(?:类型|种类|方面)的?|[类种项个])?([\u4e00-\u9fa5]{{2}}|[\u4e00-\u9fa5](?![\u4e00-\u9fa5]))"
)


def announcing(thing: str) -> re.Pattern[str]:
    """A lead-in that announces ``thing`` as its items: "下列耕地…：", "以下情形…"."""
    return re.compile(rf"(?:下列|以下)[^，,。；;：:]{{0,6}}?{re.escape(thing)}")


def asks_consequence(question: str) -> bool:
    """Whether a question asks what follows from an act ("…搞网箱养殖，怎么处理？") without saying
    the act breaks a rule: a sanction question when the documents forbid that act, a procedure
    question ("这类纠纷怎么处理") when they do not (see the extractive answerer)."""
    return any(w in question for w in vocabulary().consequence_asks)


def without_penalty_ask(question: str) -> str:
    """``question`` without the words that ask for a sanction ("会怎么处罚", "罚多少"): the act
    it asks about, as a provision that forbids or requires it would say it."""
    v = vocabulary()
    asks = [*dict(v.intents)["penalty"], *v.consequence_alone, *v.consequence_asks]
    for w in sorted(asks, key=len, reverse=True):
        question = question.replace(w, "，")
    return question


_DECISION = re.compile(r"(?:行政)?处罚决定")
# "那不及时清运的话会怎么样？": a question that opens with a duty left undone asks its consequence
_UNDONE = re.compile(
    rf"(?:^|(?<=[？?。！!\s]))(?:{alternation(_Q.breach_leads)})?(?:{alternation(_Q.persisting)})?"
    rf"(?!{alternation(_Q.not_undone)})"
    rf"(?:{alternation(_Q.negations)})[\u4e00-\u9fa5]"
)


def opens_undone(question: str) -> bool:
    """Whether a clause of the question opens with a duty left undone ("那不清理的话…",
    "不备案…"); an accident or an appeal ("不小心…", "不服…") is none."""
    return _UNDONE.search(question) is not None


# points of a text counted ("哪几点", "几点要求/意见/建议/措施"), which "几点" of the hours is not
_POINTS = re.compile(r"哪几点|几点(?=要求|意见|建议|措施|内容|做法|规定|注意)")


def detect_intent(question: str) -> Intent:
    """The answer type a question asks for; "处罚决定" names a decision ("…处罚决定撤销后，几日内
    …" asks for a time limit), unless nothing else in the question asks (then its sanction is
    asked: "作出处罚决定的部门是哪个？")."""
    # ("要求做到哪几点", "提了几点意见": points counted, not the hour of "几点开门")
    question = _POINTS.sub("哪几项", question)
    masked = _DECISION.sub("决定", question)
    intent = _detect_intent(masked)
    return _detect_intent(question) if intent == "general" and masked != question else intent


def _detect_intent(question: str) -> Intent:
    """The answer type a question asks for (Simplified or Traditional-converted text).

    >>> detect_intent("到2025年城市生活污水集中收集率要达到多少？")
    'number'
    >>> detect_intent("哪个部门负责扬尘污染监管？")
    'responsible'
    """
    q = question.strip()
    vocab = vocabulary()
    breach = asks_consequence(q) and any(w in q for w in vocab.breach_words)
    breach = breach or (opens_undone(q) and any(w in q for w in vocab.consequence_undone))
    if breach or any(w in q for w in vocab.consequence_alone):
        return "penalty"  # "…未公示…的，怎么处理？" asks for the legal consequence
    if any(w in q for w in _Q.holders_asked) and not any(w in q for w in _Q.holders_unless):
        # "由哪些单位负责" asks for duty holders; "支持哪些单位开展…" for a list
        return "responsible" if any(w in q for w in _Q.duty_verbs) else "list"
    # (of the last sentence: a follow-up is read after the question it follows)
    last = re.split(r"[？?。！!]\s*(?=\S)|\s+", q)[-1]
    asked = _ASKED_THING.search(last)
    asks_other = (
        asked is not None
        and not asked.group(1).startswith(_Q.holder_heads)
        and not any(w in last for w in _Q.who)
    )
    # a holder noun names who acts in a question that asks something else of them ("主管部门要在
    # 多长时间内核实？" asks for a time limit)
    asks_other = asks_other or any(
        w in last for intent, words in vocab.intents if intent != "responsible" for w in words
    )
    # a follow-up that asks with a question word of its own ("…哪些人可以领取？ 到
    # 哪里领") asks what its own words ask, not what the question it follows asked
    # (a follow-up is read after the question it follows, past a space; sentences of one
    # question, "…有哪些？比如…行不行？", ask together)
    tail = re.split(r"\s+", q)[-1]
    own = tail if tail != q and QUESTION_WORD.search(tail) else q
    for intent, words in vocab.intents:
        if any(w in own for w in words):
            return intent
        if intent == "responsible" and not asks_other and any(w in own for w in vocab.holder_nouns):
            return intent
    return "general"
