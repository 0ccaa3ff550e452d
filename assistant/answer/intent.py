"""What kind of answer a question wants, from Chinese keyword rules.

The rules are checked in a fixed order, because one question often carries words of several
kinds: "哪些部门负责" is about responsibility, not a list; "2025年之前要降到多少" wants a number,
not a deadline; "主要目标有哪些" wants a list of targets. Strong, unambiguous cues come first,
weak single-word cues ("率", "之前") last.
"""

from __future__ import annotations

import re

from assistant.schema import Intent

# The clause that sets a regulation's start date: "本条例自2019年3月1日（起）施行".
EFFECTIVE_CLAUSE = re.compile(r"自[^。；]{2,24}?施行|起生效|施行日期|自公布之日")
_ASKS_EFFECTIVE = re.compile(r"施行|生效")


def asks_effective(question: str) -> bool:
    """Whether a question asks when a regulation takes effect (answered by ``EFFECTIVE_CLAUSE``)."""
    return _ASKS_EFFECTIVE.search(question) is not None


# (intent, keywords), in priority order; the first rule with a keyword in the question wins.
_RULES: tuple[tuple[Intent, tuple[str, ...]], ...] = (
    (
        "location",
        (
            "哪里规定",
            "哪里有规定",
            "在哪规定",
            "出处",
            "哪一条",
            "哪条",
            "哪一款",
            "原文",
            "哪个文件",
            "哪份文件",
            "依据是什么",
        ),
    ),
    # Penalties come before responsibility: "由哪个部门处罚、罚多少" wants the penalty article.
    (
        "penalty",
        (
            "怎么罚",
            "如何罚",
            "罚多少",
            "罚款多少",
            "怎么处罚",
            "如何处罚",
            "怎样处罚",
            "处罚",
            "罚款",
            "法律责任",
        ),
    ),
    (
        "responsible",
        (
            "哪个部门",
            "什么部门",
            "哪个单位",
            "谁负责",
            "由谁",
            "谁来",
            "牵头",
            "责任单位",
            "责任部门",
            "主管部门",
            "负责部门",
            "负责单位",
            "谁主管",
            "归谁管",
        ),
    ),
    (
        "deadline",
        (
            "何时",
            "什么时候",
            "哪天",
            "哪一天",
            "开始施行",
            "起施行",
            "施行日期",
            "施行时间",
            "生效日期",
            "更早",
            "更晚",
            "生效",
            "什么时间",
            "哪年",
            "哪一年",
            "几月",
            "几号",
            "期限",
            "截止",
            "时限",
            "多久",
            "多长时间",
        ),
    ),
    ("definition", ("是指", "指的是", "什么是", "含义", "定义", "是什么意思", "什么意思", "何为", "所称")),
    ("list", ("哪几", "几个方面", "几项")),
    ("number", ("多少", "几", "多高", "多大", "百分之几", "数值")),
    (
        "list",
        (
            "哪些",
            "措施",
            "举措",
            "有什么要求",
            "有何要求",
            "什么要求",
            "主要任务",
            "重点任务",
            "重点工作",
            "任务有",
            "包括什么",
            "包括哪",
            "怎么做",
            "如何做",
        ),
    ),
    ("number", ("比例", "比率", "目标", "达到", "率", "浓度", "指标", "控制在", "罚款", "下降", "提高到")),
    ("deadline", ("之前", "以前", "前完成", "年底", "截至", "到期")),
)


_PENALTY_WORDS = ("罚", "处罚", "法律责任")
_DUTY_VERBS = ("负责", "牵头", "监管", "主管", "管理", "处罚", "查处", "承担", "组织", "实施")


def detect_intent(question: str) -> Intent:
    """The answer type a question asks for (Simplified or Traditional-converted text).

    >>> detect_intent("济源2024年受污染耕地安全利用率要达到多少？")
    'number'
    >>> detect_intent("哪个部门负责扬尘污染监管？")
    'responsible'
    """
    q = question.strip()
    if any(w in q for w in ("怎么处理", "如何处理", "怎样处理")) and any(
        w in q for w in ("违反", "未", "不按", "擅自")
    ):
        return "penalty"  # "…未公示…的，怎么处理？" asks for the legal consequence
    if any(w in q for w in ("哪些部门", "哪些单位")) and not any(w in q for w in _PENALTY_WORDS):
        # "由哪些单位负责" asks for duty holders; "鼓励哪些单位创建…" for a list
        return "responsible" if any(w in q for w in _DUTY_VERBS) else "list"
    for intent, words in _RULES:
        if any(w in q for w in words):
            return intent
    return "general"
