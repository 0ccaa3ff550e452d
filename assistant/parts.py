"""Questions with several parts ("有效期几年？最晚何时申请延续？"), split before analysis.

An official often asks two things at once. Each part is answered on its own; a later part that
leans on the first ("副召集人呢？", "最晚何时申请延续？") is resolved against it the way a
follow-up is resolved against the previous turn (:mod:`assistant.conversation`).

A split happens only at a question boundary: a question mark or semicolon between two pieces that
each ask something, or a comma between two pieces that each carry a question word. "对擅自砍伐
树木的，怎么处罚？" stays one question: its first piece asks nothing.
"""

from __future__ import annotations

import re

from assistant.catalog import asked_records
from assistant.intent import QUESTION_WORD, asks_effective, detect_intent, opens_undone
from assistant.regions import RegionMention, find_regions
from assistant.vocab import alternation, question_words, source_words, vocabulary

_Q = question_words()

_HARD = re.compile(r"(?<=[？?；;])")
_SOFT = re.compile(r"(?<=[，,])")
# an enumeration comma between two questions ("有效期多长、能延期几次？"); between things it only
# lists ("涂改、伪造…的罚多少？") the pieces do not each ask
_LISTED = re.compile(r"(?<=、)")
MIN_PART_CHARS = 3
MAX_PARTS = 4


# "…甲…，以及…乙…，分别作何规定？": two matters asked the same thing, written formally
_EACH = re.compile(
    r"^(.{4,80}?)[，,]\s*以及(.{4,80}?)[，,]?\s*分别(作何规定|有何规定|如何规定|是怎样规定的|是什么|是多少|有什么要求|有何要求)[？?]?$"
)

# "郑州、洛阳两地分别怎么规定？", "山东省和温州市的标准分别是多少？": the places the question
# before is asked of, each in turn (what is left once the places and their 和 are taken out)
_PLACES_EACH = re.compile(
    r"^(?:[两三四]?[地市省])?的?(?:[\u4e00-\u9fa5]{0,12}?(?:条例|办法))?的?(?:规定|标准|要求|做法)?(?:各|分别|各自)(?:是|都是)?"
    r"(?:(?:怎么|怎样|如何)规定的?|多少|什么|几[年天日个]?|怎样的?|如何)[？?\s]*$"
)
_DIFFER = alternation(vocabulary().differ_words)
_AGREE = alternation(vocabulary().agree_words)
# "两地的做法有何区别？", "甲省和乙省的标准一样吗？": the question before, asked of each
# place to be set side by side (its words of comparing name nothing to look for)
_PLACES_COMPARED = re.compile(
    r"^(?:[两三四]?[地市省])?的?(?:[\u4e00-\u9fa5]{0,12}?(?:条例|办法))?的?(?:规定|标准|要求|做法)?"
    rf"(?:有(?:什么|何|哪些)(?:{_DIFFER})|(?:{_AGREE})吗|是否(?:{_AGREE})|有没有(?:{_DIFFER}))[？?\s]*$"
)

# "按年缴还是按月缴？": a question of alternatives asks, though it holds no question word
_ALTERNATIVES = re.compile(r"还是[^，,。；;？?]{1,10}[？?]\s*$")


def _asks(piece: str) -> bool:
    return bool(QUESTION_WORD.search(piece) or _ALTERNATIVES.search(piece))


def _asks_before_comma(piece: str) -> bool:
    """Whether a piece ending at a comma asks something itself. "天黑以后呢，还能出海吗？": a
    closing 呢 before a comma only sets the topic ("what about after dark") of the question that
    follows, so the piece asks something only if a question word remains without it."""
    return _asks(re.sub(r"呢[，,\s]*$", "", piece))


def _core(piece: str) -> str:
    return re.sub(r"[\s？?；;，,。！!]+", "", piece)


def split_parts(question: str) -> list[str]:
    """The parts of a question, in order; ``[question]`` when it asks one thing.

    >>> split_parts("工作专班的召集人由谁担任？副召集人呢？")
    ['工作专班的召集人由谁担任？', '副召集人呢？']
    >>> split_parts("对擅自砍伐树木的，怎么处罚？")
    ['对擅自砍伐树木的，怎么处罚？']
    """
    q = question.strip()
    if (each := _EACH.match(q)) is not None:
        # "《…》对甲的期限，以及乙的期限，分别作何规定？": two matters, one ask each
        return [f"{each.group(1)}{each.group(3)}？", f"{each.group(2)}{each.group(3)}？"]
    pieces = _join_conditions([p for p in _HARD.split(q) if _core(p)])
    parts: list[str] = []
    for piece in pieces:
        soft = [s for s in _SOFT.split(piece) if _core(s)]
        # ("要是对结果不满意，可以向谁申诉，多久答复？": a case set first, then its questions, the
        # case read with the first of them)
        k = next((i for i, s in enumerate(soft) if _asks(s)), len(soft))
        if 0 < k < len(soft) - 1:
            soft = ["".join(soft[: k + 1]), *soft[k + 1 :]]
        if (
            len(soft) >= 2
            and all(_asks_before_comma(s) for s in soft[:-1])
            and all(_asks(s) and len(_core(s)) >= MIN_PART_CHARS + 1 for s in soft)
        ):
            parts.extend(s.rstrip("，,？?") + "？" for s in soft)
        else:
            parts.append(piece)
    parts = [q for p in parts for q in _listed_questions(p)]
    parts = _join_places(parts)
    parts = _join_illustrations(parts)
    parts = [p for p in parts if len(_core(p)) >= MIN_PART_CHARS]
    if len(parts) < 2 or not all(_asks(p) for p in parts):
        return [question]
    return parts[:MAX_PARTS]


# a document's name after a place ("鹤壁市绿化条例和安阳市绿化条例的规定…"): the
# place is what is asked of, its document the one read
_TITLE_TAIL = re.compile(
    r"^(?!的)(?:(?!分别|各|怎|如何|[两三四]地)[^，,。；;？?、和与及的]){0,14}?(?:条例|办法|规定)(?=[、和与及的，,？?]|分别|各|$)"
)


def _without_places(part: str) -> tuple[list[RegionMention], str]:
    """The places a part names, and what it says besides them and the words that join them."""
    places = find_regions(part)
    rest = part
    for m in reversed(places):
        tail = _TITLE_TAIL.match(rest[m.end :])
        rest = rest[: m.start] + rest[m.end + (tail.end() if tail else 0) :]
    rest = re.sub(r"[、和与及跟同]+(?=[的分各有一是])|^[、，,和与及跟同以]+", "", rest.strip())
    return places, rest


def without_compared_ask(question: str, ask: str = "分别怎么规定？") -> str:
    """A question whose closing ask to compare is asked of each place ("…？甲市和乙市的规定有什么
    不同？" → "…，甲市、乙市分别怎么规定？"): what is compared is the question before it."""
    pieces = [p for p in _HARD.split(question.strip()) if _core(p)]
    if len(pieces) < 2:
        # ("禁渔期是哪几个月，鹤壁市和安阳市的规定一样吗？": the ask after a comma)
        pieces = [p for p in _SOFT.split(question.strip()) if _core(p)]
    if len(pieces) < 2:
        return question
    places, rest = _without_places(pieces[-1])
    if not places or not _PLACES_COMPARED.match(rest):
        return question
    return "".join(pieces[:-1]).rstrip("？?，, ") + "，" + "、".join(m.text for m in places) + ask


def _join_places(parts: list[str]) -> list[str]:
    """A part that names only places and asks how each rules ("郑州、洛阳两地分别怎么规定？")
    joined to the question before it: it asks that question of those places, nothing of its own."""
    out: list[str] = []
    for part in parts:
        places, rest = _without_places(part)
        if out and places and _PLACES_EACH.match(rest):
            out[-1] = out[-1] + part
        elif out and places and _PLACES_COMPARED.match(rest):
            out[-1] = without_compared_ask(out[-1] + part)
        else:
            out.append(part)
    return out


def _join_illustrations(parts: list[str]) -> list[str]:
    """A part that opens with an example ("比如一个月交多少？") joined to the question before it:
    it asks that question again of one case, and is answered with it."""
    out: list[str] = []
    for part in parts:
        if out and part.lstrip().startswith(_Q.illustrations):
            out[-1] = out[-1].rstrip("？?") + "，" + part
        else:
            out.append(part)
    return out


# what may surround a request about the answer's form: a polite opening, a hedge, a closing ask
_REQUEST_FRAME = re.compile(
    r"^(?:请|麻烦|能否|能不能|可以|可否|并)?(?P<ask>.*?)(?:即可|就行|就可以|就好|吧|一下|谢谢)?[。？?！!\s]*$"
)
MAX_REQUEST_CHARS = 10
# a request for the source the answer always cites ("请注明出自哪一条", "给出依据"): what is left
# of it once these and a source word are taken out is nothing
_SOURCE_REQUEST = re.compile(
    r"注明|标明|写明|说明|给出|指出|附上|引用|引述|出自|依据是|依据|是|在|的|具体|法律|法规|条文|规定|哪里|哪儿"
)


def _only_requests_form(piece: str) -> bool:
    """Whether a piece only asks for a few of the items the question before lists ("举几类") or for
    the source of the answer ("请注明出自哪一条"), or only thanks."""
    frame = _REQUEST_FRAME.match(piece.strip())
    ask = _core(frame.group("ask")) if frame else ""
    if len(ask) > MAX_REQUEST_CHARS:
        return False
    if ask.startswith(_Q.samples) or not ask:
        return True
    sourced = sorted((w for w in source_words() if w in ask), key=len, reverse=True)
    for w in sourced:
        ask = ask.replace(w, "")
    return bool(sourced) and not _SOURCE_REQUEST.sub("", ask)


def without_requests(question: str) -> str:
    """A question without the closing requests about its answer's form: a few of the items it asks
    for ("有哪些场所？举几类。", "…有哪些职责，请列举几项"; the whole list answers), the source
    ("…？请注明出自哪一条。"; every answer cites it), thanks. On its own such a piece names nothing
    to look for.

    >>> without_requests("有哪些禁止行为？请列举几项。")
    '有哪些禁止行为？'
    """
    pieces = [p for p in re.split(r"(?<=[？?。；;，,！!])", question.strip()) if _core(p)]
    kept = list(pieces)
    while len(kept) >= 2 and _only_requests_form(kept[-1]):
        kept.pop()
    if len(kept) == len(pieces) or not _core("".join(kept)):
        return question
    return re.sub(r"[，,；;]\s*$", "？", "".join(kept).rstrip())


def _join_conditions(pieces: list[str]) -> list[str]:
    """A piece that only sets a case ("要是逾期不答复呢？") joined to the question after it
    ("会怎么处理？"): it opens with a condition word and asks nothing but its closing 呢."""
    out: list[str] = []
    for piece in pieces:
        if out and _sets_case(out[-1]) and not _own_matter(piece):
            out[-1] = re.sub(r"呢?[？?\s]*$", "，", out[-1]) + piece
        else:
            out.append(piece)
    return out


def _own_matter(piece: str) -> bool:
    """Whether a piece names a matter of its own before what it asks: "乱摆摊又怎么罚？" is a
    question of its own after "那乱贴广告呢？"; "会怎么处理？" asks about the case before it."""
    asked = QUESTION_WORD.search(piece)
    before = piece[: asked.start()] if asked else piece
    return len(_core(re.sub(r"[又还也再就会要将]+$", "", before))) >= MIN_PART_CHARS


def _sets_case(piece: str) -> bool:
    bare = piece.strip()
    return (
        bare.startswith(_Q.breach_leads)
        and bool(re.search(r"呢[？?\s]*$", bare))
        and not _asks(re.sub(r"呢[？?\s]*$", "", bare))
    )


# a modal that gives a piece its own predicate ("几日内可以提出异议")
_OWN_PREDICATE = re.compile(r"可以|能够|应当|需要|必须")

# a piece that ends asking which ones ("…哪几天", "…哪些"): its predicate comes after the next ask
_WHICH_END = re.compile(r"哪(?:几|些|一)?[个类种项天年月日处]?[\u4e00-\u9fa5]{0,2}$")


def _listed_questions(part: str) -> list[str]:
    """``part`` split at the enumeration commas of its last clause when each piece asks
    something ("证件有效期几年、期满前多久申请换证？"), the first does not open with its question
    word, and they are not one document's records or one sanction's clauses; ``[part]``
    otherwise. What precedes the clause (a condition before a comma) stays with the first piece,
    whose question the later ones lean on."""
    head, _, last = part.rpartition("，") if "，" in part else ("", "", part)
    pieces = [s for s in _LISTED.split(last) if _core(s)]
    if len(pieces) < 2 or not all(_asks(s) and len(_core(s)) >= MIN_PART_CHARS + 1 for s in pieces):
        return [part]
    if QUESTION_WORD.match(pieces[0]) and not _OWN_PREDICATE.search(pieces[0]):
        # "哪些单位、哪些个人需要登记？": things listed, then one question about them ("几日内可以
        # 提出异议、多久作出决定？" asks twice: its first piece has a predicate of its own)
        return [part]
    if _WHICH_END.search(_core(pieces[0]).rstrip("、")):
        # "哪几天、几点开放？", "哪些路段、哪些时段禁止鸣笛？": "哪几天" asks which days of what the
        # last piece says; "有效期几年" asks a measure and stands alone
        return [part]
    if asked_records(part) or any(detect_intent(s) == "penalty" for s in pieces):
        # a document's records ("何时通过、谁批准的") are read together from its header, and a
        # sanction's clauses ("逾期不改正的处多少罚款、情节严重的呢") are one provision's
        return [part]
    first = (head + "，" if head else "") + pieces[0]
    return [s.rstrip("、？?") + "？" for s in (first, *pieces[1:])]


FRAGMENT_MAX_CHARS = 6
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
