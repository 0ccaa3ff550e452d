"""From picked units to the answer: each pick is cut to the clauses that carry the answer,
rendered as a sentence, cited with its exact quote, and the lines are joined with their markers.

Every [n] of the text resolves to a citation whose quote is checked against the stored display
text; a sentence whose marker does not verify is dropped, never shown unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from itertools import pairwise

from assistant.answer.candidates import GetDoc, Pick, search_slice
from assistant.answer.cues import (
    DATE,
    DONE_BY_ALL,
    FIGURE,
    FINE,
    FINE_AMOUNT,
    FREQUENCY,
    FULL_STOP,
    HALF_TO_FULL_WIDTH,
    LEAD_MARKERS,
    NAMED_AS,
    PERIOD,
    PINYIN_GLOSS,
    SENTENCE_END,
    TRAILING_PUNCT,
    answers_intent,
    article_number,
    has_any,
    prohibits,
    short_title,
    states_time,
    without_given,
)
from assistant.answer.verify import MARKER, bad_markers, cite_span, numbers_supported, renumber
from assistant.intent import EFFECTIVE_CLAUSE, START_CLAUSE
from assistant.numbering import AMOUNT_NUMERAL, ARTICLE_NUMERAL, ITEM_LABEL
from assistant.schema import Answer, Citation, Intent
from assistant.sentences import LEAD_IN_WORDS, paragraph_spans, split_clauses, split_spans
from assistant.vocab import sanction_pattern

# a word of the question a follow-up leans on, beside the follow-up's own
CONTEXT_WEIGHT = 0.5


def _item_alone(
    text: str,
    sentences: list[tuple[int, int]],
    score: Callable[[tuple[int, int]], tuple[bool, bool, float, int]],
    said: Callable[[tuple[int, int]], str],
    terms: list[tuple[str, ...]],
) -> tuple[int, int] | None:
    """The one item under a lead-in that answers, as a span of ``text``, or None.

    "按责任大小承担：（一）负全部责任的…（二）负主要责任的…": an item is the answer when it
    matches the question best (``score``, as the sentences are ranked) and, of the lines that could
    answer, it alone names something asked that no other line, lead-in included, names ("主要").
    When several items do ("二级、三级…") or none does, the question asks about them alike and
    the lead-in keeps them together (None). An enumeration lead-in ("有下列情形之一的…：") means
    its items too; the first item keeps the lead-in it completes ("绿地率应当符合下列标准：（一）…").
    """
    lines = split_spans(text, SENTENCE_END)
    if len(lines) <= len(sentences):
        return None
    ranked = sorted(lines, key=score, reverse=True)
    words = [{g for g in terms if len(g[0]) > 1 and has_any(said(line), g)} for line in lines]
    own = [
        line
        for i, line in enumerate(lines)
        if score(line)[1] and words[i] - set().union(*(w for j, w in enumerate(words) if j != i))
    ]
    best = ranked[0]
    if own != [best] or score(best)[:3] <= score(ranked[1])[:3] or ENUMERATION_LEAD.search(said(best)):
        return None
    a, b = best
    k = lines.index(best)
    if k and text[: lines[k - 1][1]].rstrip().endswith(("：", ":")) and not score(lines[k - 1])[1]:
        a = lines[k - 1][0]
    return a, b


def _per_case_run(
    sentences: list[tuple[int, int]],
    best: tuple[int, int],
    sentence_score: Callable[[tuple[int, int]], tuple[bool, bool, float, int]],
    said: Callable[[tuple[int, int]], str],
    terms: list[tuple[str, ...]],
) -> tuple[int, int]:
    """The best sentence and the sentences beside it that set the same figure for another case
    ("装饰装修工程的最低保修期限为二年。有防水要求的…防渗漏最低保修期限为五年。"): a question
    that does not say which case asks both. A neighbour counts when it states the fact asked,
    holds the longest question word the best one holds, and about as many of the others."""
    held = [g for g in terms if len(g[0]) > 1 and has_any(said(best), g)]
    if not held:
        return best
    key = max(held, key=lambda g: len(g[0]))
    top = sentence_score(best)[2]

    def same_kind(span: tuple[int, int]) -> bool:
        # (a labelled line, "二级保护区范围：…", is a case the question names by its label)
        _, fact, got, _ = sentence_score(span)
        labelled = any(m in said(span) for m in "：:")
        return fact and not labelled and has_any(said(span), key) and got >= CHAINED_SHARE * top

    k = sentences.index(best)
    lo = hi = k
    while lo > 0 and same_kind(sentences[lo - 1]):
        lo -= 1
    while hi < len(sentences) - 1 and same_kind(sentences[hi + 1]):
        hi += 1
    return sentences[lo][0], sentences[hi][1]


# a clause that ends a condition: "…的，" before the clause that says what follows
CONDITION_END = re.compile(r"的[，,]?\s*$")


# the question's words (of two or more characters) each sentence of a 款 holds for the 款 to
# answer whole, each sentence stating the fact asked, and their share of the most one holds
CHAINED_TERMS = 2
CHAINED_SHARE = 0.6


# what a sentence that times the act only in a word ("及时", "定期") adds to its share of a
# deadline question's words
VAGUE_TIME_CREDIT = 0.5


def focus(
    pk: Pick,
    terms: list[tuple[str, ...]],
    intent: Intent,
    years: Sequence[int],
    *,
    clause_chars: int,
    number_clause_chars: int,
    whole_chars: int = 0,
    units: Sequence[tuple[str, ...]] = (),
    given: Sequence[str] = (),
    lesser: Collection[tuple[str, ...]] = (),
    forbidding: bool = False,
) -> None:
    """Cut a long unit down to the contiguous clauses that carry the matched words/figure.

    ``lesser``: the terms only the previous question of a follow-up holds, counted at
    :data:`CONTEXT_WEIGHT` ("什么时候恢复" after a question on when to suspend: the sentence
    that says when to resume, not the list of cases to suspend in, whose words the context
    repeats). ``forbidding``: the question asks whether something is allowed ("能不能…"), which
    a clause that forbids answers ("…招生不得进行任何形式的考试").

    ``given``: the figures the question states itself ("七天无理由退货"); a sentence holding only
    these does not state the figure asked for.

    A list question answered by an article or 款 without items ("…有哪些要求" of an article
    whose sentences each set one: where the ceremony is held, what is sung, how the oath is taken) is answered by all of it, up to
    ``whole_chars``: each of its sentences is one of the requirements asked for.
    """
    c = pk.cand

    def counted(g: tuple[str, ...]) -> float:
        return (1.0 if len(g[0]) > 1 else 0.3) * (CONTEXT_WEIGHT if g in lesser else 1.0)

    own = [g for g in terms if g not in lesser and len(g[0]) > 1] if lesser else []

    def states(s: str) -> bool:
        # the fact asked: "从哪天起算" asks the day counted from ("自…之日起计算"), which
        # states no date or period of its own
        if intent == "deadline" and c.asks_start:
            return START_CLAUSE.search(s) is not None
        if intent == "general" and forbidding:
            return prohibits(s)
        return answers_intent(s, intent)

    if intent == "penalty" and c.sanction_span is not None:
        # "违反第一项规定的，处…；违反第四项规定的，处…": the clause for the offence asked about
        a, b = c.sanction_span
        if pk.start <= a and b <= pk.end:
            pk.start, pk.end = a, b
    limit = number_clause_chars if intent == "number" else clause_chars
    # a regulation's item (（三）) is a provision: its clauses all count ("…按二人（份）分给；按人
    # 分配…多分一人份；在…方面给予优先照顾")
    provision = (
        intent == "list"
        and pk.end - pk.start <= whole_chars
        and "条" in c.chunk.part_at(c.unit.start).section_number
    )
    text = c.chunk.text[pk.start - c.chunk.start : pk.end - c.chunk.start]
    if intent == "list" and (c.unit.kind in ("article", "paragraph") or provision):
        limit = max(limit, whole_chars)
    elif intent == "general" and c.unit.kind == "article" and ENUMERATION_LEAD.search(text.split("\n", 1)[0]):
        # "一级保护区里能不能游泳": an article that lists what it forbids is answered whole, its
        # lead-in with its items, not cut inside the lead-in ("…除…禁止的行为以外")
        limit = max(limit, whole_chars)
    if (
        intent in ("number", "deadline")
        and c.unit.kind in ("article", "paragraph")
        and pk.end - pk.start <= whole_chars
        and (cases_end := _figure_per_case(c.search[pk.start - c.unit.start : pk.end - c.unit.start], terms))
    ):
        # (the lead-in and its items: not the 款 after them, which set other things)
        pk.end = pk.start + cases_end
        return
    if intent == "list" and c.unit.kind in ("enum", "item") and not provision:
        # a work plan's item is named by its first sentence ("一是推进实施大气减排工程。")
        first = split_spans(text)
        if len(first) > 1 and first[0][1] - first[0][0] >= 6:
            pk.end = pk.start + first[0][1]
            text = text[: first[0][1]]
    if intent in ("number", "penalty", "responsible", "deadline"):
        # one fact sits in one sentence: narrow a multi-sentence unit to the best sentence
        # (cut at full stops only: "…责令改正；拒不改正的，处…罚款" is one sentence)

        def said(span: tuple[int, int]) -> str:
            return c.search[span[0] + pk.start - c.unit.start : span[1] + pk.start - c.unit.start]

        def sentence_score(span: tuple[int, int]) -> tuple[bool, bool, float, int]:
            # a fine or a figure is what was asked: a sentence with one comes first, and of
            # those one in the unit asked ("管几年" of "有效期为一年", not "届满三十日前"); a
            # duty holder is often named by a word of the question ("由…负责"), so counts
            s = said(span)
            got = sum(counted(g) for g in terms if has_any(s, g))
            if own and not any(has_any(s, g) for g in own):
                # (a sentence of the matter a follow-up leans on only, none of what it asks)
                got *= CONTEXT_WEIGHT
            in_units = bool(units) and all(has_any(s, u) for u in units)
            # ("几个小时": a time limit in words in the unit asked, "不得超过八小时", is the figure)
            fact = states(without_given(s, given)) or (
                intent == "number" and in_units and bool(PERIOD.search(s))
            )
            if intent == "responsible":
                # "宣誓仪式由…主任会议组织": the body named as doing the act asked ("由谁来组织")
                # (or as the one that is the body asked: "…执法部门是城市绿化行政主管部门")
                does = any(
                    any(has_any(s[m.end() : m.end() + DOER_REACH], g) for g in terms if len(g[0]) > 1)
                    for m in (*DONE_BY_ALL.finditer(s), *NAMED_AS.finditer(s))
                )
                return does, False, got + (2.0 if fact else 0.0), -span[0]
            in_unit = fact and in_units
            if intent == "deadline" and not fact and states_time(s):
                # (no day or period, but a time in a word: "…并将处理结果及时反馈" over the
                # sentence beside it that sets none)
                got += VAGUE_TIME_CREDIT
            return in_unit, fact, got, -span[0]

        def item_score(span: tuple[int, int]) -> tuple[bool, bool, float, int]:
            # (an item that names who acts or pays answers "由谁…" of it: "（二）村民参加扑救的
            # 误工费用，由引起火灾的责任人支付")
            does, fact, got, at = sentence_score(span)
            if intent == "responsible":
                fact = answers_intent(said(span), intent)
            return does, fact, got, at

        sentences = split_spans(text, FULL_STOP)
        if (
            intent in ("number", "deadline")
            and c.unit.kind == "paragraph"
            and len(sentences) > 1
            and pk.end - pk.start <= whole_chars
            # (a commencement clause stands alone: "本条例自…起施行。…同时废止" answers "何时施行"
            # with its first sentence)
            and not EFFECTIVE_CLAUSE.search(text)
            and all(sentence_score(s)[1] for s in sentences)
            and min(got := [sentence_score(s)[2] for s in sentences])
            >= max(CHAINED_TERMS, CHAINED_SHARE * max(got))
        ):
            # each sentence sets the asked time of the asked matter, one step after the other
            # ("…于每年三月底前向其主管部门提交…年度报告…。主管部门应当对…年度报告进行审核…并于
            # 四月底前报送…"): the 款 is the answer
            return
        item = _item_alone(text, sentences, item_score, said, terms)
        if item is not None or len(sentences) > 1:
            a, b = item or max(sentences, key=sentence_score)
            if item is None and intent in ("number", "deadline"):
                a, b = _per_case_run(sentences, (a, b), sentence_score, said, terms)
            # "确因建设需要延长的，…延长期限不得超过一年": an extension of the limit the sentence
            # before sets ("临时占用的时间不得超过一年。"), which it answers with
            k = next((k for k, sp in enumerate(sentences) if sp[0] == a), 0)
            if (
                intent in ("number", "deadline")
                and k > 0
                and EXTENDS.match(said((a, b)))
                and states(said(sentences[k - 1]))
            ):
                # (both whole: the limit, then how far it may run)
                pk.start, pk.end = pk.start + sentences[k - 1][0], pk.start + max(b, sentences[k][1])
                return
            pk.start, pk.end = pk.start + a, pk.start + b
            text = text[a:b]
    if pk.end - pk.start <= limit:
        return
    clauses = split_clauses(text, pk.start)
    if len(clauses) <= 1:
        return

    def clause_score(span: tuple[int, int], with_intent: bool = True) -> float:
        s = c.search[span[0] - c.unit.start : span[1] - c.unit.start]
        got = sum(counted(g) for g in terms if has_any(s, g))
        got += 3.0 if any(str(y) in s for y in years) else 0.0  # "2020年，" frames the figure
        return got + (2.0 if with_intent and states(s) else 0.0)

    scores = [clause_score(s) for s in clauses]
    # neighbours join on their words alone: a second figure is not context for the first
    lexical = [clause_score(s, with_intent=False) for s in clauses]
    # anchor on a clause holding the asked-for fact (figure, date, department) when there is one
    spans = [c.search[a - c.unit.start : b - c.unit.start] for a, b in clauses]
    anchors = [k for k in range(len(clauses)) if states(spans[k])] or list(range(len(clauses)))
    i = max(anchors, key=lambda k: (scores[k], -k))
    lo = hi = i
    bound = max(limit, clause_chars)
    while True:
        options = []
        if lo > 0:
            options.append((lexical[lo - 1], lo - 1, hi))
        if hi < len(clauses) - 1:
            options.append((lexical[hi + 1], lo, hi + 1))
        options = [o for o in options if clauses[o[2]][1] - clauses[o[1]][0] <= bound]
        if not options:
            break
        sc, nlo, nhi = max(options, key=lambda o: o[0])
        short = clauses[hi][1] - clauses[lo][0] < 12
        if sc < max(0.3 * scores[i], 1e-9) and not short:
            break
        lo, hi = nlo, nhi
    # a bare date clause just before ("2016年，") frames the figure after it
    if lo > 0 and re.fullmatch(
        r"\s*(?:力争)?(?:到|至|在)?\s*(?:19|20)\d{2}\s*年[^，,。；;]{0,6}[，,：:]?\s*", spans[lo - 1]
    ):
        lo -= 1
    if intent == "penalty":
        # "…的，" states the offence; the sanction follows it in the same sentence
        if lo > 0 and re.match(r"\s*由", spans[lo - 1]) and not re.match(r"\s*由", spans[lo]):
            lo -= 1  # who imposes it: "由…主管部门责令改正，处…罚款"
        later = [k for k in range(hi + 1, len(clauses)) if FINE_AMOUNT.search(spans[k])]
        if later and not FINE_AMOUNT.search("".join(spans[lo : hi + 1])):
            hi = later[0]  # through the amount: "没收违法所得，并处…一倍以上三倍以下罚款"
        while hi < len(clauses) - 1 and not FINE.search("".join(spans[lo : hi + 1])):
            hi += 1
    # a condition ("…出现裂缝、变形等情形的") says nothing without the clause that follows it
    while hi < len(clauses) - 1 and CONDITION_END.search(spans[hi]):
        hi += 1
    start, end = clauses[lo][0], clauses[hi][1]
    if end - start > bound and scores[i] > 0 and intent != "penalty":
        start, end = clauses[i]  # a single clause over the limit: keep it whole
    pk.start, pk.end = start, end


# how far after the body named ("由…委员会") the act it does is written ("…主任会议组织")
DOER_REACH = 8

# a sentence that extends the limit set before it: "确因…需要延长的", "确需延期的", "需要延长的"
EXTENDS = re.compile(r"\s*(?:确因[^，,。]{0,20}|确需|需要|需)(?:延长|延期|延续)")


def _figure_per_case(search: str, terms: list[tuple[str, ...]]) -> int:
    """Where the items end, when the unit is a lead-in whose items each set the figure for one
    case ("禁止在桥梁上下游下列范围内…：（一）…大桥上下游各五百米；（二）…中桥上下游各三百米；
    （三）…各二百米。") and the question names none of the cases more than another, or several of
    them ("大桥、中桥、小桥…各多大范围"): the figure asked is all of them. 0 otherwise."""
    lines = [
        (m.start(), m.end(), m.group().strip()) for m in re.finditer(r"[^\n]+", search) if m.group().strip()
    ]
    # (a lead-in may announce its cases by its colon alone: "…按照所负…责任大小承担…责任：")
    announced = ENUMERATION_LEAD.search(lines[0][2]) if lines else None
    if len(lines) < 3 or not (announced or lines[0][2].endswith(("：", ":"))):
        return 0
    # (the items, not the 款 after them: "休假期间，…视为出勤")
    items = [line for line in lines[1:] if ITEM_LABEL.match(line[2])] or lines[1:]
    texts = [line[2] for line in items]
    if len(items) < 2 or not all(FIGURE.search(line) for line in texts):
        return 0
    end = items[-1][1]
    matched = [sum(1 for g in terms if has_any(line, g)) for line in texts]
    if max(matched) == min(matched):
        return end
    # the words that tell one case from another, each case's own
    own = [{g for g in terms if has_any(line, g) and not all(has_any(x, g) for x in texts)} for line in texts]
    return end if sum(1 for words in own if words) >= 2 else 0


# A 款 or sentence that carries on the legal meaning of the one before it: its consequence when
# the duty is still not met, its aggravated case, the other party it applies to, how its amount
# is computed, or its cases in detail ("应当减收热费。其中，…按日减半…"). Cutting it off changes what the provision says.
CONTINUATION = re.compile(
    r"\s*(?:其中[，,]|逾期(?:不|未)|拒不|情节(?:特别)?严重|情节较轻|造成[^。；，]{0,20}(?:的|后果)|有前款|前款|单位有|对单位|"
    # (whoever breaks it again: "施工单位违反前款规定，受到罚款处罚，…拒不改正的，…按日连续处罚")
    r"[^。；，]{0,12}违反前款规定|"
    r"对个人|对其(?:直接负责|法定代表人)|对直接负责|对法定代表人|并处|没收|所需[^。；，]{0,12}不足|"
    r"[^。；，]{0,20}不足[^。；，]{0,12}的，按|[^。；，]{0,16}以上的，处|违法所得[^。；，]{0,10}(?:不足|以上|的)|"
    # a larger case of the same act: "调整面积3000平方米以上绿地的，应当…报…审议通过"
    rf"[^。；，]{{0,20}}[\d{AMOUNT_NUMERAL}][^。；，]{{0,8}}以上[^。；，]{{0,12}}的[，,]|"
    # the outcome of the step just stated: "…提出验收申请。经验收合格的，…发给治理合格证明文件"
    r"经[^。；，]{0,12}(?:合格|同意|批准|核准|审查|审核|验收)[^。；，]{0,8}的[，,]|"
    # the outcomes of a decision just required: "…日内作出决定。批准的，签发…；不批准的，书面说明原因"
    r"(?:对)?(?:不予?|未)?(?:批准|准予|同意|受理|许可|符合[^。；，]{0,12}?)的[，,]|"
    # the exception to the rule just stated: "…夜间不得进行产生噪声的施工作业。抢修、抢险作业除外。"
    r"[^。；]{0,40}的除外[。；;]?$|但(?:是)?[^。；]{0,40}除外|"
    # and how far a time limit may be extended: "…不得超过一年。确需延长的，应当办理延期手续。"
    r"(?:确需|需要|需)(?:延长|延期)|(?:延长|延期)(?:的)?期限)"
)
_ARTICLE = re.compile(rf"第[{ARTICLE_NUMERAL}]+条")
# where the next offence of a 款 begins: "…罚款；违反第六项规定的，…"
_NEXT_OFFENCE = re.compile(r"(?<=[；;。])\s*(?=违反)")


SHORT_PARAGRAPH = 80  # characters: a 款 this short is one statement

# "…的，" closing the case a sentence states; its rule is what follows
_CASE = re.compile(r"的[，,]")
PARALLEL_TAIL = 4  # characters: a rule ending in this many of the same words is the same rule


def _same_rule(stated: str, nxt: str) -> bool:
    """Whether ``nxt`` applies the rule of ``stated`` to another case: both state a case
    ("…的，") and end on the same words ("不按照…计划…取水的，多取的水量两倍征收水资源费。在
    …限制取水期间…多取水的，多取的水量按照三倍征收水资源费。"). The second case is half of the
    provision: quoting the first alone understates it."""
    a, b = stated.rstrip(" \n。；;"), nxt.strip().rstrip("。；;")
    if not (_CASE.search(a) and _CASE.search(b)) or len(a) < PARALLEL_TAIL or len(b) < PARALLEL_TAIL:
        return False
    return a[-PARALLEL_TAIL:] == b[-PARALLEL_TAIL:]


def complete_provision(pk: Pick, intent: Intent, *, budget: int) -> None:
    """Widen a pick inside a regulation article to the whole 款 it sits in, and to the 款 after
    it that carry on its legal meaning (逾期不改正的…, 情节严重的…, 对单位…对个人…,
    …不足…的，按…计算), as long as the provision fits in ``budget`` characters.

    An official pastes the provision into a report: "处所需处置费用三倍以上五倍以下罚款" without
    "所需处置费用不足二十万元的，按二十万元计算" misstates the law. Outside articles (work plans)
    and for list items the pick is left as it is.
    """
    c = pk.cand
    chunk = c.chunk
    part = chunk.part_at(pk.start)
    if not any(_ARTICLE.fullmatch(x) for x in part.section_number.split(".")):
        return
    if intent == "list":
        _parallel_rules(pk, budget)
        return
    text = chunk.text
    # (a chunk may hold an article's 款 as parts of their own: the article runs on through them)
    end = max(
        (
            p.end
            for p in chunk.parts or []
            if p.section_number == part.section_number and p.start >= part.start
        ),
        default=part.end,
    )
    lo, hi = max(part.start, chunk.start), min(max(part.end, end), chunk.end)

    def line_of(offset: int) -> tuple[int, int]:
        a = text.rfind("\n", lo - chunk.start, offset - chunk.start) + 1 + chunk.start
        a = max(a, lo)
        b = text.find("\n", offset - chunk.start, hi - chunk.start)
        b = b + chunk.start if b >= 0 else hi
        # (a 款 run on after an item on its line is a 款 of its own: see paragraph_spans)
        for x, y in paragraph_spans(text[a - chunk.start : b - chunk.start]):
            if a + x <= offset < a + y:
                return a + x, a + y
        return a, b

    a, b = line_of(pk.start)
    if pk.end > b:  # a pick over several 款 already: widen to the last one's end
        b = line_of(pk.end - 1)[1]
    # an item's own line is its 款; the lead-in that sets the sanction is picked separately
    is_item = c.unit.kind in ("item", "enum")
    # a 款 (or an item) may list the sanctions of several offences ("违反第五项规定的，处…；
    # 违反第六项规定的，处…"): each is a provision of its own, and only the one picked is widened
    cuts = (
        [a] + [a + m.start() for m in _NEXT_OFFENCE.finditer(text[a - chunk.start : b - chunk.start])] + [b]
    )
    own = [(x, y) for x, y in pairwise(cuts) if x < pk.end and pk.start < y]
    if own:
        a, b = own[0][0], own[-1][1]
    short_whole = (
        intent == "general"
        and b - a <= SHORT_PARAGRAPH
        and not EFFECTIVE_CLAUSE.search(text[a - chunk.start : b - chunk.start])
    )
    if intent != "penalty" and not is_item and not short_whole:
        # other questions are answered by the sentence that holds the fact, with the sentences
        # that carry it on; a 款's other sentences say other things ("…同时废止"). A short 款
        # answering an open question is quoted whole: its first sentence often only restates
        # what was asked ("湿地公园实行分区管理。根据湿地保护的实际需要，可分为…"), unless it is the clause
        # that sets when the document takes effect (what it repeals is another matter)
        line = text[a - chunk.start : b - chunk.start]
        ends = [a] + [a + m.end() for m in FULL_STOP.finditer(line)]
        if ends[-1] < b:
            ends.append(b)
        spans = list(pairwise(ends))
        own = [(x, y) for x, y in spans if x < pk.end and pk.start < y]
        if own:
            a, b = own[0][0], own[-1][1]
            for x, y in spans:
                nxt = text[x - chunk.start : y - chunk.start]
                if x == b and (
                    CONTINUATION.match(nxt) or _same_rule(text[a - chunk.start : b - chunk.start], nxt)
                ):
                    b = y
    # a sanctioned item is quoted whole: its offences and their fines are one provision
    if b - a <= budget and (not is_item or intent == "penalty"):
        pk.start, pk.end = min(pk.start, a), max(pk.end, b)
    elif pk.end < b:
        # too long to quote whole: keep the focused clauses, then the sentences that carry them on
        rest = text[pk.end - chunk.start : b - chunk.start]
        taken = 0
        inside = text[pk.end - chunk.start - 1] not in "。；;！？!?"
        for k, m in enumerate(re.finditer(r"[^。；;]*[。；;]", rest)):
            # the first piece finishes the sentence the pick stops inside
            carries_on = (k == 0 and inside) or CONTINUATION.match(m.group(0))
            if not carries_on or (pk.end + m.end()) - pk.start > budget:
                break
            taken = m.end()
        pk.end += taken
    if intent != "penalty":
        if not is_item:
            # the next 款 of the same article, while each contests what the quote decides
            _extend(pk, text, chunk.start, hi, budget, line_of, _contests)
        return
    # the next 款 of the same article, while they carry the sanction on
    _extend(pk, text, chunk.start, hi, budget, line_of, lambda _, nxt: CONTINUATION.match(nxt) is not None)


# the word a rule of a 款 opens with, which its parallel rules repeat ("禁止排放…；禁止堆积…；")
_RULE_OPENING = re.compile(r"禁止|严禁|不得")


def _parallel_rules(pk: Pick, budget: int) -> None:
    """Widen a list pick that is one sentence of a 款 stating several rules alike ("…禁止排放
    工业污水、废气；禁止堆积、倾倒工业废渣、生活垃圾；禁止使用…剧毒药物。") to the whole 款:
    each of its rules is one thing asked for."""
    c = pk.cand
    if c.unit.kind != "sentence" or not (m := _RULE_OPENING.search(c.search)):
        return
    text, start = c.chunk.text, c.chunk.start
    a, b = next(((x, y) for x, y in paragraph_spans(text) if x <= pk.start - start < y), (0, 0))
    rules = [x for x in re.split(r"[；;。]", text[a:b]) if x.strip().startswith(m.group())]
    if len(rules) >= 2 and b - a <= budget:
        pk.start, pk.end = min(pk.start, start + a), max(pk.end, start + b)


# a 款 that contests a decision: "申请人对司法行政部门作出的书面审查意见不服的，可以…申请复核"
_APPEAL = re.compile(r"[^。；，]{0,20}?对([^。；，]{2,30}?)(?:不服|有异议)的[，,]")
APPEAL_OBJECT_CHARS = 4  # the last characters of what is contested: "审查意见", "复核结果"


def _contests(stated: str, nxt: str) -> bool:
    """Whether ``nxt`` is the remedy against the decision ``stated`` ends on: "…作出书面审查
    意见。" then "申请人对…作出的书面审查意见不服的，可以…申请复核". The remedy is the rest
    of the procedure the provision sets; a generic "当事人对行政处罚决定不服的" after a 款 that
    decides nothing by that name is not."""
    m = _APPEAL.match(nxt)
    if not m:
        return False
    obj = m.group(1).rsplit("的", 1)[-1]
    return len(obj) >= 2 and obj[-APPEAL_OBJECT_CHARS:] in stated


def _extend(
    pk: Pick,
    text: str,
    base: int,
    hi: int,
    budget: int,
    line_of: Callable[[int], tuple[int, int]],
    carries: Callable[[str, str], bool],
) -> None:
    """Widen ``pk`` over the next 款 of its article (up to ``hi``, within ``budget`` characters)
    while ``carries(quoted so far, next 款)`` holds."""
    pos = pk.end
    while pos < hi:
        na = pos
        while na < hi and text[na - base] in "\n \t\u3000\r":
            na += 1
        if na >= hi:
            return
        nb = line_of(na)[1]
        nxt = text[na - base : nb - base]
        stated = text[pk.start - base : pk.end - base]
        if _ARTICLE.match(nxt.strip()) or nb - pk.start > budget or not carries(stated, nxt):
            return
        pk.end = pos = nb


def _ends_on_period(text: str) -> bool:
    """Whether a text ends on a time limit ("…之日起三十日内，"): the act it limits follows."""
    tail = text.rstrip("，,、 ")
    return any(m.end() >= len(tail) - 1 for m in PERIOD.finditer(tail))


def render(pk: Pick, get_doc: GetDoc, *, introduces: bool = False) -> str:
    """The picked span as an answer sentence: Simplified, one line, no numbering or glosses,
    full-width punctuation. ``introduces``: the span is the lead-in of items that follow it in
    the answer, so its last clause ("不得有下列行为：") stays."""
    s = search_slice(pk.cand.chunk, pk.start, pk.end, get_doc).strip()
    s = re.sub(r"\s*\n\s*", "", s)
    s = PINYIN_GLOSS.sub("", s)
    s = LEAD_MARKERS.sub("", s, count=1)
    # a trailing lead-in ("…如下：") introduces what the quote does not include
    clauses = split_clauses(s)
    if len(clauses) > 1 and s.rstrip().endswith(("：", ":")) and not introduces:
        # only when that clause introduces ("有下列行为之一的：", "具体如下："); a sanction before
        # its list of offences ("…罚款；拒不改正的，责令停产整治：") keeps its last clause
        # ("…按照下列规定办理，并将办理情况在五个工作日内回复来电人：" keeps its time limit)
        last = s[clauses[-1][0] :]
        states = FIGURE.search(last) or PERIOD.search(last) or DATE.search(last)
        # ("…处…罚款，情节严重的，吊销其许可证：" ends on a sanction)
        states = states or sanction_pattern().search(last)
        # (not when what is left is a condition: "乘客有下列情形之一的" says nothing alone)
        kept = s[: clauses[-1][0]]
        # (a clause that sets the time or figure of what it introduces keeps it: "并每两年对下列
        # 事项进行公告一次：")
        introduced = (
            INTRODUCES.search(last) and not (PERIOD.search(last) or FREQUENCY.search(last))
        ) or not (re.search(r"[；;]", s) or states)
        # (nor when it ends on the time limit of the act the last clause names: "…自收到申请
        # 之日起三十日内，对符合下列条件的申请人颁发…许可证：" without it says nothing is done)
        if introduced and not CONDITION_END.search(kept) and not _ends_on_period(kept):
            s = kept
    s = s.rstrip(TRAILING_PUNCT)
    for pattern, repl in HALF_TO_FULL_WIDTH:
        s = pattern.sub(repl, s)
    return s


def citation(pk: Pick, marker: int, get_doc: GetDoc) -> Citation | None:
    """The citation of a picked span, its quote checked to be the stored display text."""
    c = pk.cand.chunk
    try:
        display = get_doc(c.doc_id).text.display
    except (KeyError, LookupError, AttributeError):
        return None
    # trim trailing clause punctuation from the quote, as from the rendered text
    start, end = pk.start, pk.end
    while end > start and display[end - 1] in "，,；;：: \t\u3000\n":
        end -= 1
    # (a sentence picked after the full stop of a 款 starts on the blank line between them)
    while start < end and display[start] in " \t\u3000\r\n":
        start += 1
    quote = display[start:end]
    if not quote or quote != c.text[start - c.start : end - c.start]:
        return None
    return cite_span(c, start, end, quote, marker=marker)


# "…有下列情形之一的，不得…：", "…按照以下规定…：": a lead-in that introduces an enumeration
ENUMERATION_LEAD = re.compile(rf"{LEAD_IN_WORDS}[^。；]*[:：]\s*$")
# a lead-in that names what its items are, then a colon: "具体职责是：", "主要内容包括："
NAMED_LEAD = re.compile(r"(?:是|为|包括|有)[:：]\s*$")
# ("以下" after a figure bounds it: "处五百元以上五千元以下的罚款：" states the sanction)
INTRODUCES = re.compile(
    rf"下列|(?<![\d{AMOUNT_NUMERAL}元倍日天年月周岁米%])以下|如下|包括|主要|分别|是[:：]|为[:：]"
)
# a 款 that refers back to the items of the one before it: "本条第一款第一项至四项规定…",
# "前款第（二）项…", "有前款规定情形之一的", "发生前款规定的紧急情况…"
QUALIFIES_ITEMS = re.compile(
    rf"(?:本条第[{ARTICLE_NUMERAL}]+款|前款)(?:第[（(]?[{ARTICLE_NUMERAL}]+[)）]?项|(?:规定|所列)(?:的)?)"
)


def _lead_first(picks: list[Pick]) -> list[Pick]:
    """Items picked before the lead-in of their article that introduces them ("（二）造林成活率
    不足85%的" scored above "有下列情形之一的，由…责令…"): the lead-in first, as the article reads."""
    items = [pk for pk in picks if pk.cand.unit.kind in ("enum", "item")]
    leads = [pk for pk in picks if pk not in items and ENUMERATION_LEAD.search(pk.cand.search)]
    if len(leads) != 1 or picks[0] is leads[0] or len(items) + 1 != len(picks):
        return picks
    lead = leads[0]

    def article(pk: Pick) -> tuple[str, str]:
        return pk.cand.chunk.doc_id, article_number(pk.cand.chunk.section_number)

    if any(article(pk) != article(lead) for pk in items):
        return picks
    return [lead, *items]


def compose(
    picks: list[Pick], intent: Intent, get_doc: GetDoc, max_answer_chars: int
) -> tuple[str, list[Citation]]:
    """The answer text with [n] markers, and its citations numbered in order of appearance."""
    citations: list[Citation] = []
    by_quote: dict[tuple[str, str], int] = {}
    seen_bodies: set[str] = set()
    kept: list[Pick] = []
    for pk in picks:
        if not pk.body or pk.body in seen_bodies:
            continue
        cit = citation(pk, len(citations) + 1, get_doc)
        if cit is None or not numbers_supported(pk.body, [cit.quote]):
            continue
        key = (cit.doc_id, cit.quote)
        if key in by_quote:
            pk.marker = by_quote[key]
        else:
            citations.append(cit)
            pk.marker = by_quote[key] = cit.marker
        seen_bodies.add(pk.body)
        kept.append(pk)
    picks = _lead_first(kept)
    if not picks:
        return "", []

    # keep the answer short: drop the weakest trailing items while over the budget
    while sum(len(pk.body) + 4 for pk in picks) > max_answer_chars and len(picks) > 1:
        picks.pop()

    docs = {pk.cand.chunk.doc_id for pk in picks}
    lead = ""
    if len(docs) == 1:
        title = short_title(picks[0].cand.chunk.meta.title)
        if title:
            lead = f"根据《{title}》"
            # one article for the whole answer ("第七十五条" of its lead-in and its item): named once
            numbers = {article_number(citations[pk.marker - 1].section_number) for pk in picks}
            number = next(iter(numbers)) if len(numbers) == 1 else ""
            if number:
                lead += number
            elif intent == "location":
                # "Where is it stated?" — every sentence names its own article or section.
                for pk in picks:
                    cit = citations[pk.marker - 1]
                    where = article_number(cit.section_number) or "".join(cit.section_path[:3])
                    if where:
                        pk.body = f"{pk.body}（{where}）"
    else:
        # sentences from several documents each say which one they quote
        for pk in picks:
            art = article_number(citations[pk.marker - 1].section_number)
            pk.body = f"《{short_title(pk.cand.chunk.meta.title)}》{art}：{pk.body}"
    # (a 款 after the items that qualifies them, "本条第一款第一项至四项规定…", follows the list)
    listed = list(picks)
    after: list[Pick] = []
    # (as does a later 款 of the article read after them: "申请设立市级…，除应当具备前款…外")
    while (
        len(listed) > 2
        and listed[-1].cand.unit.kind not in ("enum", "item")
        and (
            QUALIFIES_ITEMS.search(listed[-1].cand.search)
            or (
                listed[-2].cand.unit.kind in ("enum", "item")
                and listed[-2].cand.chunk.doc_id == listed[-1].cand.chunk.doc_id
                and listed[-1].cand.unit.start >= listed[-2].cand.unit.end
            )
        )
    ):
        after.insert(0, listed.pop())
    qualified = "".join(f"\n{pk.body}[{pk.marker}]。" for pk in after)
    enumerated = all(pk.cand.unit.kind in ("enum", "item") for pk in listed[1:])
    if (
        len(listed) > 1
        and enumerated
        and (
            ENUMERATION_LEAD.search(listed[0].cand.search)
            or listed[0].cand.search.rstrip().endswith((":", "："))
        )
    ):
        # the article's own lead-in introduces its items: "…按照下列规定…：\n1. …", "…的内容为："
        head = listed[0]
        items = [f"{i}. {pk.body}[{pk.marker}]" for i, pk in enumerate(listed[1:], 1)]
        opening = f"{lead}，{head.body}[{head.marker}]" if lead else f"{head.body}[{head.marker}]"
        text = f"{opening}：\n" + "；\n".join(items) + "。" + qualified
    elif intent == "list" and len(listed) > 1:
        items = [f"{i}. {pk.body}[{pk.marker}]" for i, pk in enumerate(listed, 1)]
        text = (f"{lead}，主要包括：\n" if lead else "主要包括：\n") + "；\n".join(items) + "。" + qualified
    else:
        body = "；".join(f"{pk.body}[{pk.marker}]" for pk in picks)
        text = f"{lead}，{body}。" if lead else f"{body}。"

    # renumber markers in order of first appearance, drop unused citations
    text, final = renumber(text, citations)
    # last guard: any sentence whose marker does not verify is dropped
    probe = Answer(question="", text=text, citations=final, passages=[])
    bad = bad_markers(probe, get_doc)
    if bad:
        kept_lines = [ln for ln in text.split("\n") if not any(int(m) in bad for m in MARKER.findall(ln))]
        text = "\n".join(kept_lines)
        final = [c for c in final if c.marker not in bad]
    return text, final
