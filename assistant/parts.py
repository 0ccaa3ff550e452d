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
from assistant.intent import QUESTION_WORD, detect_intent
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
    parts = _join_chapter_references(parts)
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
        elif out and not places and _PLACES_COMPARED.match(rest) and len(find_regions(out[-1])) >= 2:
            # ("甲省和乙省…多长时间内公布，规定有什么不同？": the places are the question's before;
            # setting their answers side by side is what answering it of each does)
            continue
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


# "这章下面分成哪几节": a part asked of the chapter the part before it finds; "分别叫什么": the
# names of the things the part before it counts
_OF_THAT_CHAPTER = re.compile(r"^(?:这|该|此)一?(?:章|节)")
# "…第三部分讲什么？其下设哪几项？": what stands under the part just asked (its sub-headings)
_UNDER_IT = re.compile(
    r"^(?:它|其|这部分|该部分|这一部分)?(?:下面|下边|底下|之下|下设)(?:还)?(?:了|有|包括|分|列了|设了)?(?:哪几|哪些|几)"
)
_EACH_NAMED = re.compile(
    r"^(?:它们|这些|其)?(?:分别|各自|各)(?:叫|是)?(?:什么|哪些|哪几个)(?:名称|名字|标题)?[？?]?$"
)


_CHAPTER_NUMBERED = re.compile(r"第[一二三四五六七八九十]+章")


def _join_chapter_references(parts: list[str]) -> list[str]:
    """A part that asks about "这章" joined to the question before it, which finds the chapter
    ("哪一章讲法律责任？这章有几节？"), and one that asks the names of what the
    part before it counts ("分了几大块？分别叫什么？"): alone they name nothing to look in."""
    out: list[str] = []
    for part in parts:
        # (not after a part that names the chapter by its number, "第二章叫什么？": "这章对…有何
        # 要求" then asks a provision of it, a part of its own)
        numbered = bool(out) and _CHAPTER_NUMBERED.search(out[-1]) is not None
        if out and (
            (_OF_THAT_CHAPTER.match(part.lstrip()) and not numbered)
            or _EACH_NAMED.match(part.strip())
            or _UNDER_IT.match(part.strip())
        ):
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
