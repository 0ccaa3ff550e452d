"""Follow-up questions ("那安徽呢？", "第二条具体怎么要求的？") resolved against earlier turns.

Officials ask in chains. An elliptic question borrows its topic from the last full question:
a new place name replaces the old one ("济源受污染耕地安全利用率目标？" + "那安徽呢？" →
"安徽受污染耕地安全利用率目标？"); a pointer to "this article/document" keeps the documents the
previous answer cited in scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.display import short_title
from assistant.elliptic import escalates, is_subjectless, leaves_undone, names_breach, without_step
from assistant.index.docstore import StoredDocument
from assistant.intent import QUESTION_WORD, detect_intent
from assistant.numbering import ARTICLE_NUMERAL
from assistant.regions import find_regions
from assistant.vocab import alternation, question_words, vocabulary

Turn = dict[str, str]

_Q = question_words()
_ELLIPTIC_START = _Q.follow_up_openers
_POINTERS = _Q.follow_up_pointers
_TITLE = re.compile(r"《([^》]{4,80})》")


@dataclass
class Resolved:
    question: str
    doc_ids: list[str] | None = None  # documents kept in scope from the previous answer
    used_history: bool = False
    notes: list[str] = field(default_factory=list)
    borrowed: str = ""  # the previous question's ask, added to a follow-up on a new matter
    # the previous question, put before a follow-up that leans on it: what it says was asked and
    # answered already, so its words set the matter but are not what the follow-up asks for
    context: str = ""


def _last(history: Sequence[Turn], role: str) -> str:
    for turn in reversed(history):
        if turn.get("role") == role and turn.get("content", "").strip():
            return turn["content"].strip()
    return ""


# "这个证要…", "该费用由…": a pointer and the head of a name the previous turn wrote in full
_DEMONSTRATED = re.compile(
    rf"(?:{alternation(_Q.follow_up_demonstratives)})({alternation(_Q.follow_up_name_heads)})"
)
_NAME_LEAD = re.compile(rf"(?:{alternation(_Q.follow_up_name_leads)}|[，,。；;：:、（(“])")
# the longest name read back from the turn before
_NAME_CHARS = 14


def named_thing(question: str, history: Sequence[Turn]) -> str:
    """The question with a thing it points at ("这个证") named as the turn before named it
    ("排污许可证"): retrieval then looks for that thing, not for any 证."""
    m = _DEMONSTRATED.search(question)
    if m is None:
        return question
    head = m.group(1)
    for text in (_last(history, "assistant"), _last(history, "user")):
        names = []
        for h in re.finditer(re.escape(head), text):
            before = text[max(0, h.start() - _NAME_CHARS) : h.start()]
            leads = list(_NAME_LEAD.finditer(before))
            name = before[leads[-1].end() :] + head if leads else ""
            if len(name) >= len(head) + 2 and re.fullmatch(r"[\u4e00-\u9fff]+", name):
                names.append(name)
        if names:
            return question[: m.start()] + max(names, key=len) + question[m.end() :]
    return question


def is_elliptic(question: str) -> bool:
    q = question.strip().rstrip("？?。 ")
    return (
        len(q) <= 8
        or q.startswith(_ELLIPTIC_START)
        or q.startswith(_Q.follow_up_unmet)
        or question.strip().rstrip("？?").endswith("呢")
    )


_GENERIC_REST = re.compile(rf"^的?(?:{alternation(_Q.generic_rest)})?$")


def _scope_of(question: str, docs: Iterable[StoredDocument]) -> str:
    """The places and document titles a question names, as text to prefix a follow-up with."""
    from assistant.query import docs_named, titles_named

    names = [m.text for m in find_regions(question)]
    titles = titles_named(question)
    if not titles:
        docs = docs if isinstance(docs, tuple) else tuple(docs)  # the library's: its titles are kept
        first = docs_named(question, docs)[:1]
        titles = [d.meta.title for d in docs if d.meta.doc_id in first]
    # a place the title already names ("日照市饮用水水源地保护条例") is said once, in the title
    places = [n for n in names if not any(n in t for t in titles)]
    return " ".join(dict.fromkeys([*places, *titles]))


def own_words(text: str) -> list[str]:
    """The words of a question that say what it is about (see :func:`_own_words`)."""
    return _own_words(text)


def _own_words(text: str) -> list[str]:
    """The words of a question that say what it is about: not the ones that ask (question and
    intent words, stopwords), nor single characters."""
    import jieba

    v = vocabulary()
    asking = {w for _, words in v.intents for w in words}
    return [
        w
        for w in jieba.lcut(text)
        if len(w) >= 2
        and w not in v.stopwords
        and not any(w in a for a in asking)  # "单位" of "哪个单位"
        and not QUESTION_WORD.fullmatch(w)
    ]


def _cited_title(history: Sequence[Turn]) -> str:
    """The first document title the last answer cites ("《某市某某条例》第N条…")."""
    titles = _TITLE.findall(_last(history, "assistant"))
    return f"《{titles[0]}》" if titles else ""


def _continued(question: str, history: Sequence[Turn], docs: Iterable[StoredDocument]) -> Resolved:
    """A full question that names no place or document, asked right after a turn about one,
    goes on about it when it shares a word with that turn ("审批部门多少日内办结？" after
    an answer on applying to the 房地产管理部门 under a city's regulation); a question about
    something else ("秸秆禁烧有什么要求？") is left as it is."""
    from assistant.query import titles_named

    if find_regions(question) or titles_named(question):
        return Resolved(question)
    previous = _last(history, "user")
    scope = _scope_of(f"{previous} {_cited_title(history)}", docs) if previous else ""
    if not scope:
        return Resolved(question)
    before = set(_own_words(f"{previous} {_last(history, 'assistant')}"))
    if not before & set(_own_words(question)):
        return Resolved(question)
    return Resolved(f"{scope} {question}", used_history=True)


PARALLEL_MIN_CHARS = 4  # "二级保护区", "次要责任的": shorter pieces pair up by chance
PARALLEL_SHARED = 2  # characters a parallel element ends with, as its counterpart does


def _parallel(previous: str, core: str) -> str | None:
    """``previous`` with the element ``core`` stands beside replaced by ``core``, or None.

    "那二级保护区呢？" after "一级保护区内禁止哪些行为？", "那施工单位呢？" after "建设单位
    不申报的罚多少？": the follow-up names an element of the same length and the same head as one
    of the previous question ("…保护区", "…单位") that differs before it.
    Of several, the one sharing the most characters in place wins; none when the core is
    already in the question or shares no head with it."""
    n = len(core)
    if n < PARALLEL_MIN_CHARS or core in previous or not re.fullmatch(r"[\u4e00-\u9fa5]+", core):
        return None
    best: tuple[int, int] | None = None
    for i in range(len(previous) - n + 1):
        piece = previous[i : i + n]
        if (
            not re.fullmatch(r"[\u4e00-\u9fa5]+", piece)
            or piece[-PARALLEL_SHARED:] != core[-PARALLEL_SHARED:]
        ):
            continue
        same = sum(a == b for a, b in zip(piece, core, strict=True))
        if same < n - 2 or same == n:
            continue  # more than two characters apart is another phrase, not a counterpart
        if best is None or same > best[1]:
            best = (i, same)
    if best is None:
        return None
    i = best[0]
    return previous[:i] + core + previous[i + n :]


def _parallel_word(previous: str, core: str) -> str | None:
    """``previous`` with a two-character word replaced by the counterpart ``core`` names ("那滥伐
    的呢？" after "对盗伐的罚多少？"): the same head, written once in ``previous``, after another
    character; None otherwise."""
    word = core.removesuffix("的")
    if len(word) != 2 or not re.fullmatch(r"[\u4e00-\u9fa5]+", word) or word in previous:
        return None
    if previous.count(word[1]) != 1:
        return None
    i = previous.index(word[1]) - 1
    if i < 0 or not re.fullmatch(r"[\u4e00-\u9fa5]", previous[i]):
        return None
    return previous[:i] + word + previous[i + 2 :]


ASK_TAIL_CHARS = 8  # the words that ask sit at the end of a question: "会怎么处罚", "由哪个部门负责"


def _ask_of(question: str) -> str:
    """The words that ask at the end of a one-clause question ("某市养犬不办登记会怎么处罚" →
    "会怎么处罚"), with the modal verb before them, or ""."""
    q = question.rstrip("？?。 ")
    starts = [
        i
        for _, words in vocabulary().intents
        for w in words
        if (i := q.rfind(w)) >= 0 and len(q) - i <= ASK_TAIL_CHARS
    ]
    if not starts:
        # an ask in question words alone ("会怎么处理")
        starts = [m.start() for m in QUESTION_WORD.finditer(q) if len(q) - m.start() <= ASK_TAIL_CHARS]
    if not starts:
        return ""
    i = min(starts)
    while i > 0 and q[i - 1] in "会要将被该":
        i -= 1
    return q[i:] if i > 0 else ""


def _matter_of(question: str, core: str) -> str:
    """A question without its clause that asks ("某市因为修管道要挖掘城市道路，最长能挖多久？" →
    "某市因为修管道要挖掘城市道路"), when another clause names the matter and ``core`` (what is
    asked now) takes up no word of the asking clause ("…收老人入住，必须签合同吗？" then
    "没签合同会怎么罚？" goes on with its 合同); else the whole question (one clause holds both,
    and cutting inside it may cut a word)."""
    import jieba

    q = question.rstrip("？?。 ")
    clauses = re.split(r"[，,]", q)
    last = clauses[-1]
    asking = len(clauses) > 1 and (QUESTION_WORD.search(last) or detect_intent(last) != "general")
    if asking and not any(len(w) >= 2 and w in core for w in jieba.lcut(last)):
        stem = q[: len(q) - len(last) - 1]
        if len(stem.strip("，, ")) >= 4:
            return stem
    if len(clauses) == 1 and (plain := _WHICH.sub("", q)) != q and len(plain) >= MATTER_CHARS:
        # one clause asking which ("哪些湿地要划入生态保护红线？"): its matter is the clause
        # without the ask, which the new question asks something else of ("划入以后由谁管理？")
        return plain
    return question


# the words that ask which ones inside a clause ("哪些地方", "哪几类"); and the least of a
# matter left without them
_WHICH = re.compile(r"哪(?:些|几|类|种)")
MATTER_CHARS = 6


NEW_KIND_CHARS = 3  # "火车站" before the head it shares: another kind of the thing asked


def _new_matter(core: str, previous: str) -> bool:
    """Whether ``core`` names a matter of its own: four or more characters, none of its words
    in the previous question but its head."""
    import jieba

    if len(re.findall(r"[\u4e00-\u9fa5]", core)) < 4:
        return False
    words = [w for w in jieba.lcut(core) if len(w) >= 2]
    shared = [w for w in words if w in previous]
    # (or only its head: "火车站的垃圾桶" after "街道上的垃圾桶由谁维护" names another thing of
    # the same kind, of which the same is asked)
    return not shared or (shared == words[-1:] and len("".join(words[:-1])) >= NEW_KIND_CHARS)


# the article an answer quotes, after its document's title ("根据《…》第四十四条，…")
_QUOTED_ARTICLE = re.compile(rf"》(第[{ARTICLE_NUMERAL}]+条)")


# "《某市城市供水条例》第三十条": a document and the article an answer quotes from it
_TITLED_ARTICLE = re.compile(rf"《([^》]{{4,80}})》(第[{ARTICLE_NUMERAL}]+条)")


def quoted_articles(history: Sequence[Turn], docs: Iterable[StoredDocument]) -> list[tuple[str, str]]:
    """(document id, "第N条") of the articles the last answer in ``history`` quotes, read from
    its text ("根据《…》第三十条，…"): a follow-up on the same matter may be answered there."""
    said = _last(history, "assistant")
    if not said:
        return []
    named = {m.group(1): m.group(2) for m in _TITLED_ARTICLE.finditer(said)}
    if not named:
        return []
    out: list[tuple[str, str]] = []
    for d in docs:
        title = short_title(d.meta.title)
        for written, article in named.items():
            if written in (title, d.meta.title, title.replace("〈", "《").replace("〉", "》")):
                out.append((d.meta.doc_id, article))
    return list(dict.fromkeys(out))


def _breach_of(question: str, history: Sequence[Turn], docs: Iterable[StoredDocument]) -> Resolved | None:
    """ "违反了会怎么罚？" after an answer that quoted a duty: the sanction of the articles that
    answer quoted, in its document ("违反本条例第十二条规定"), or None when the answer names no
    article."""
    previous = _last(history, "user")
    articles = list(dict.fromkeys(_QUOTED_ARTICLE.findall(_last(history, "assistant"))))
    scope = _scope_of(f"{previous} {_cited_title(history)}", docs) if previous else ""
    if not (articles and scope):
        return None
    return Resolved(f"{scope} {_core_of(question)} 违反本条例{'、'.join(articles)}规定", used_history=True)


_BREACH_OF_ARTICLES = re.compile(rf"违反本条例第[{ARTICLE_NUMERAL}]+条")
DUTY_CHARS = 120  # the first sentence of the previous answer, enough to name the duty
# "根据《…》第N条，", "《…》第N条第二款规定，": how an answer introduces what it quotes
_ANSWER_LEAD = re.compile(rf"^.*?《[^》]{{4,80}}》(?:第[{ARTICLE_NUMERAL}]+[条款项])*(?:规定)?[，,：:]?")


def _undone_duty(question: str, history: Sequence[Turn], docs: Iterable[StoredDocument]) -> Resolved | None:
    """ "那不及时清运的话会怎么样？" after an answer that quoted a duty: the sanction for leaving that
    duty undone, asked in the words of the duty as the answer quoted it ("产生的建筑垃圾，应当及时
    清运"). The sanction restates the duty in those words ("未及时清运建筑垃圾的，…处…"), which the
    asker's own words ("工地上的渣土") need not share. None unless the follow-up asks
    for a consequence and the previous turn was in one document."""
    if detect_intent(_core_of(question)) != "penalty" or _BREACH_OF_ARTICLES.search(question):
        return None  # (a part already asked as the breach of the articles cited: route._parts)
    previous = _last(history, "user")
    scope = _scope_of(f"{previous} {_cited_title(history)}", docs) if previous else ""
    answer = _last(history, "assistant")
    if not (scope and _TITLE.search(answer)):
        return None
    duty = re.split(r"(?<=[。！!])", _ANSWER_LEAD.sub("", answer.strip(), count=1))[0][:DUTY_CHARS]
    return Resolved(f"{scope} {duty} {_core_of(question)}", used_history=True)


def _core_of(question: str) -> str:
    """A follow-up without its question mark, opening 那(么) and closing 呢."""
    return (
        question.strip()
        .rstrip("？?")
        .removeprefix("那么")
        .removeprefix("那")
        .removesuffix("呢")
        .strip("，, ")
    )


def resolve(
    question: str,
    history: Sequence[Turn] | None,
    docs: Iterable[StoredDocument] = (),
    *,
    fragment: bool = False,
) -> Resolved:
    """The self-contained question to retrieve with, and any document scope carried over.

    ``fragment``: the question is a later part of a question of several parts that only makes
    sense with the part before it ("几天内要答复？" after "…由哪个部门受理？"), however long.
    """
    if history and names_breach(question) and (breach := _breach_of(question, history, docs)):
        return breach
    if history:
        question = without_step(question)  # "办下来以后多久…": the step is the last turn's outcome
        question = named_thing(question, history)
    if history and leaves_undone(question) and (found := _undone_duty(question, history, docs)):
        return found
    if history and not (fragment or is_elliptic(question)):
        return _continued(question, history, docs)
    if not history:
        return Resolved(question)
    previous = _last(history, "user")
    if not previous:
        return Resolved(question)
    from assistant.query import titles_named

    new_titles, old_titles = titles_named(question), titles_named(previous)
    if new_titles and old_titles:
        # "那《某省湿地保护条例》呢？" after a question about another regulation: same
        # question, other document.
        return Resolved(previous.replace(old_titles[0], new_titles[0]), used_history=True)
    new_regions = find_regions(question)
    old_regions = find_regions(previous)
    core = _core_of(question)
    if new_regions and old_regions:
        # Swap the place names of the previous question for the new ones.
        resolved = previous
        for m in sorted(old_regions, key=lambda m: -m.start):
            resolved = resolved[: m.start] + "、".join(n.text for n in new_regions) + resolved[m.end :]
            new_regions = []  # insert the new names once, at the last old mention
        rest = core
        for n in find_regions(core):
            rest = rest.replace(n.text, "")
        rest = _GENERIC_REST.sub("", rest)
        if rest.strip("的和与及、，, "):
            resolved = f"{resolved} {rest}"
        return Resolved(resolved, used_history=True)
    if new_regions:
        return Resolved(f"{core} {previous}", used_history=True)
    parallel = _parallel(previous, core) or _parallel_word(previous, core)
    if parallel is not None:
        # "那施工单位呢？" after "建设单位不申报的罚多少？": the same question of the element
        # it stands beside
        return Resolved(parallel, used_history=True)
    # (the document the previous answer cited is in scope when the question named none)
    scope = _scope_of(f"{previous} {_cited_title(history)}", docs)
    pointed = any(p in question for p in _POINTERS)
    # (a list's cue without a question word is a noun of the matter, not an ask: "那…不采取水土
    # 保持措施呢？")
    asks = QUESTION_WORD.search(core) is not None or detect_intent(core) not in ("general", "list")
    # "达不到的话…": the previous matter's words too; so for "如果还是拒不改正呢？" after a
    # sanction, whose graver case the same provision sets
    unmet = core.startswith(_Q.follow_up_unmet) or escalates(core)
    if (
        scope
        and asks
        and len(core) >= 6
        and not pointed
        and not unmet
        and _own_words(core)
        and not is_subjectless(core)
    ):
        # "那拒不改正的怎么处理？" asks its own question: it borrows only the place and the
        # document of the previous one, not its words. ("由谁处罚？" names nothing of
        # its own, and "由谁确认公布？" opens with its question: each asks another thing of the same
        # matter, and keeps the previous words.)
        return Resolved(f"{scope} {core}", used_history=True)
    last = re.split(r"[，,]", previous.rstrip("？?。 "))[-1]
    if last == previous.rstrip("？?。 "):
        # one clause: the words that ask at its end, for a matter that shares no word with it
        # ("夜间施工" after "…占道经营会怎么处罚"; "二级保护区" stands beside "一级保护区")
        last = _ask_of(previous) if _new_matter(core, previous) else ""
    elif _new_matter(core, previous):
        # (a last clause naming its own matter, "医药费谁来出", lends only its ask to a new one)
        last = _ask_of(last) or last
    if (
        scope
        and not asks
        and len(core) >= 5
        and not pointed
        and not unmet
        and last
        and (detect_intent(last) != "general" or QUESTION_WORD.search(last))
    ):
        # "那在楼道堆放杂物呢？" after "某市房屋未做安全检查，会被怎么罚？": the same ask
        # ("会被怎么罚") of a new matter, at the same place
        return Resolved(f"{scope} {core} {last}", used_history=True, borrowed=last)
    doc_ids = None
    if any(p in question for p in _POINTERS):
        answer = _last(history, "assistant")
        titles = set(_TITLE.findall(answer)) | set(_TITLE.findall(previous))
        doc_ids = [d.meta.doc_id for d in docs if d.meta.title in titles] or None
    # a part that asks its own question ("要经过谁同意？" after "…占用城市道路，最长能占多久？")
    # takes the previous matter, not the previous ask: both would pull towards the old answer
    matter = _matter_of(previous, core) if asks and not pointed and not unmet else previous
    return Resolved(f"{matter} {core}", doc_ids=doc_ids, used_history=True, context=previous)
