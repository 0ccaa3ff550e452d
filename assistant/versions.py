"""Which version of an act answers: the text in force, unless the question asks for another.

Officials must cite the law as it stands. The library may hold an act twice (the 2017 and the
2023 text of one law) or an act another one repealed; :mod:`assistant.status` says which is which.
Before retrieval, :func:`plan` decides which documents may answer:

* by default only texts in force: older versions and repealed acts are left out of the search;
* a question naming a repealed act ("某某法规定的…") is answered from the act that repealed it,
  and the answer first says so — by what and since when, citing the repealing clause;
* a question asking for a version ("2017年版", "2017年修正文本") or for the law "as of" a date
  ("2020年时有效的规定") gets the text in force then;

and after answering, :func:`annotate` adds, for a quote from a text no longer in force, where the
provision now stands: "该条款出自2017年修正文本，现行文本为2023年修订文本第七十二条：…".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from assistant.index.docstore import StoredDocument
from assistant.ingest.docnumber import DOC_NUMBER_RE
from assistant.lru import ByIdentity
from assistant.numbering import ARTICLE_NUMERAL, AS_OF, VERSION_OF, cn_date
from assistant.responses import outline_label, span_citation
from assistant.schema import Answer, Citation, Passage, QueryAnalysis
from assistant.script import to_simplified
from assistant.sentences import split_spans
from assistant.status import NOT_IN_FORCE, REPEALED, Status, act_name, version_date

GetDoc = Callable[[str], StoredDocument]
# the best passage of a document for a query: used to find where an old provision now stands
FindIn = Callable[[str, str], Passage | None]

_OLD = NOT_IN_FORCE
ARTICLE_HEAD = re.compile(rf"^第[{ARTICLE_NUMERAL}\d]+条\s*")


@dataclass
class VersionPlan:
    """What retrieval may use, and what the answer must say first."""

    exclude: set[str] = field(default_factory=set)  # texts not in force, left out of the search
    doc_ids: list[str] | None = None  # a chosen version, or the act that replaced the one named
    lead: str = ""  # e.g. "《…》已被《…》废止…" — said before the answer
    lead_citation: tuple[str, int, int] | None = None  # (doc_id, start, end) the lead quotes
    asked_version: bool = False  # the user chose a text: do not redirect to the current one


def as_of(search: str) -> dt.date | None:
    """The date a question asks the law "as of" ("2020年时有效的规定" → 2020-12-31)."""
    m = AS_OF.search(search)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month and day:
        return _safe_date(year, int(month), int(day))
    if month:
        nxt = dt.date(year + (int(month) == 12), int(month) % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(year, 12, 31)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def version_year(search: str) -> str | None:
    """The year of the text a question asks for ("2017年版", "2018年修正的…")."""
    m = VERSION_OF.search(search)
    return m.group(1) if m else None


def in_force_from(d: StoredDocument) -> str:
    """When this text took effect: the latest of its effective, revision and adoption dates (a
    revised text's stored 施行日期 is often the original act's)."""
    m = d.meta
    return max((x for x in (m.effective_date, m.revised_date, m.adopted_date) if x), default="")


def version_label(d: StoredDocument) -> str:
    """How officials name a text: "2017年修正文本", "2023年修订文本", "2021年文本"."""
    m = d.meta
    date = m.revised_date or m.adopted_date or m.effective_date or m.written_date or ""
    if not date:
        return "该文本"
    year = date[:4]
    head = to_simplified(d.text.display[:800])
    kind = ""
    if m.revised_date:
        hit = re.search(rf"{year}年[^。；]{{0,80}}?(修订|修正)", head)
        kind = hit.group(1) if hit else "修订"
    return f"{year}年{kind}文本"


def _reach(doc_id: str, step: Callable[[Status], Iterable[str]], statuses: Mapping[str, Status]) -> list[str]:
    """Every document reached from ``doc_id`` by following ``step`` (itself included), in order."""
    seen, todo = [doc_id], [doc_id]
    while todo:
        s = statuses.get(todo.pop())
        for other in step(s) if s else ():
            if other not in seen:
                seen.append(other)
                todo.append(other)
    return seen


def _later(s: Status) -> list[str]:
    return [*s.superseded_by, *s.repealed_by]


def _versions(doc_id: str, statuses: Mapping[str, Status]) -> list[str]:
    """Every text linked to ``doc_id`` by revision or repeal, itself included, and the acts its
    versions repealed."""
    seen = set(_reach(doc_id, lambda s: (*s.superseded_by, *s.supersedes, *s.repealed_by), statuses))
    seen |= {other for other, st in statuses.items() if seen & set(st.repealed_by)}
    return sorted(seen)


def same_act(doc_id: str, statuses: Mapping[str, Status]) -> list[str]:
    """Every version of the act ``doc_id`` is a text of (revisions, not repealing acts)."""
    return sorted(_reach(doc_id, lambda s: (*s.superseded_by, *s.supersedes), statuses))


def current_of(doc_id: str, statuses: Mapping[str, Status]) -> list[str]:
    """The texts in force that replaced ``doc_id`` (itself when it is in force)."""
    return [i for i in _reach(doc_id, _later, statuses) if not (i in statuses and _later(statuses[i]))]


def in_force_on(
    ids: Iterable[str], when: dt.date, get_doc: GetDoc, statuses: Mapping[str, Status]
) -> list[str]:
    """Of linked texts, those in force on ``when``: taken effect, and not yet replaced."""
    day = when.isoformat()
    out = []
    for i in ids:
        if not (start := in_force_from(get_doc(i))) or start > day:
            continue
        later = _later(statuses[i]) if i in statuses else []
        if any(in_force_from(get_doc(j)) and in_force_from(get_doc(j)) <= day for j in later):
            continue
        out.append(i)
    return out


def _old_texts(statuses: Mapping[str, Status]) -> frozenset[str]:
    return frozenset(i for i, s in statuses.items() if s.label in _OLD)


# by the identity of the status map (one per library version): 7 ms a question at 30k documents
_not_in_force: ByIdentity[Mapping[str, Status], frozenset[str]] = ByIdentity(_old_texts, size=2)


def plan(
    qa: QueryAnalysis,
    statuses: Mapping[str, Status],
    get_doc: GetDoc,
    chosen: list[str] | None = None,
) -> VersionPlan:
    """Which texts may answer ``qa``; ``chosen`` are documents the user picked in the UI (used
    as they are: a user who picks an old text wants that text)."""
    old = _not_in_force(statuses)
    if chosen:
        return VersionPlan(asked_version=bool(set(chosen) & old))
    named = list(qa.doc_ids)
    when = as_of(qa.search)
    year = version_year(qa.search)
    if named and when:
        linked = sorted({v for i in named for v in _versions(i, statuses)})
        then = in_force_on(linked, when, get_doc, statuses)
        if then:
            return VersionPlan(doc_ids=then, asked_version=True)
    if named and year and (dated := [i for i in named if _year_of(get_doc(i)) == year]):
        return VersionPlan(doc_ids=dated, asked_version=True)
    if named and all(i in old for i in named):
        # the question names only texts no longer in force: a repealed act, or an old version
        # matched by a title the current text no longer carries
        now = list(dict.fromkeys(c for i in named for c in current_of(i, statuses) if c not in named))
        repealed = [i for i in named if statuses[i].label == REPEALED]
        if now and repealed:
            lead, cite = _repeal_lead(get_doc(repealed[0]), [get_doc(c) for c in now])
            return VersionPlan(exclude=set(old), doc_ids=now, lead=lead, lead_citation=cite)
        if now:
            return VersionPlan(exclude=set(old), doc_ids=now)
    return VersionPlan(exclude=set(old))


def _year_of(d: StoredDocument) -> str:
    m = d.meta
    return (m.revised_date or m.adopted_date or m.effective_date or "")[:4]


def _repeal_lead(old: StoredDocument, now: list[StoredDocument]) -> tuple[str, tuple[str, int, int] | None]:
    """ "《甲》已被《乙》废止，自…起不再施行。以下依据现行《乙》：", citing the repealing clause."""
    new = now[0]
    since = in_force_from(new)
    when = f"，自{cn_date(since)}起不再施行" if since else ""
    lead = f"《{old.meta.title}》已被《{new.meta.title}》废止{when}"
    display = new.text.display
    simplified = to_simplified(display)
    name = re.sub(r"^中华人民共和国", "", to_simplified(old.meta.title))
    cite = None
    for m in re.finditer(r"《([^》]{2,60})》[^。]{0,12}废止", simplified):
        if name in m.group(1):
            # the sentence that holds the clause ("本法自…起施行。《…》同时废止。")
            start = max(simplified.rfind("。", 0, m.start()) + 1, simplified.rfind("\n", 0, m.start()) + 1)
            end = simplified.find("。", m.end())
            cite = (new.meta.doc_id, start, end + 1 if end >= 0 else m.end())
            break
    return lead, cite


def annotate(
    answer: Answer,
    vplan: VersionPlan,
    statuses: Mapping[str, Status],
    get_doc: GetDoc,
    find_in: FindIn,
) -> Answer:
    """The plan's lead before the answer; after a quote from a text no longer in force, where the
    provision stands in the text in force."""
    if answer.abstained:
        if vplan.lead:
            answer.text = f"{vplan.lead}。{answer.text}"
        return answer
    notes: list[str] = []
    done: set[str] = set()
    for c in list(answer.citations):
        s = statuses.get(c.doc_id)
        if s is None or s.label not in _OLD or c.doc_id in done:
            continue
        done.add(c.doc_id)
        old = get_doc(c.doc_id)
        now_ids = current_of(c.doc_id, statuses)
        if not now_ids:
            continue
        now = get_doc(now_ids[0])
        if s.label == REPEALED:
            note = f"《{old.meta.title}》已被《{now.meta.title}》废止"
            if since := in_force_from(now):
                note += f"，自{cn_date(since)}起不再施行"
            notes.append(note + "。")
            continue
        head = f"该条款出自{version_label(old)}（已修订），现行文本为{version_label(now)}"
        where = _counterpart(c, now, find_in)
        if where is None:
            notes.append(head + "，其中未见对应条款。")
            continue
        marker = max((x.marker for x in answer.citations), default=0) + 1
        cite = span_citation(now, where[0], where[1], marker)
        if cite is None:
            notes.append(head + "。")
            continue
        answer.citations.append(cite)
        label = outline_label(now, where[0], where[1])
        before, after = _body(c.quote), _body(cite.quote)
        if before == after:
            notes.append(f"{head}{label}，表述未变[{marker}]。")
        else:
            notes.append(f"{head}{label}：{after}[{marker}]。")
    if vplan.lead:
        answer = _prepend_lead(answer, vplan, get_doc)
    if notes:
        answer.text = answer.text.rstrip() + "\n" + "".join(notes)
    return answer


def _prepend_lead(answer: Answer, vplan: VersionPlan, get_doc: GetDoc) -> Answer:
    """The lead first, citing the repealing clause as [1]; the answer's markers move up by one."""
    cite = None
    if vplan.lead_citation:
        doc_id, start, end = vplan.lead_citation
        cite = span_citation(get_doc(doc_id), start, end, 1)
    if cite is None:
        answer.text = f"{vplan.lead}。以下依据现行文本：\n{answer.text}"
        return answer
    answer.text = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + 1}]", answer.text)
    for c in answer.citations:
        c.marker += 1
    answer.citations.insert(0, cite)
    answer.text = f"{vplan.lead}[1]。以下依据现行文本：\n{answer.text}"
    return answer


def _body(quote: str) -> str:
    """A quoted provision without its article heading and closing stop."""
    return ARTICLE_HEAD.sub("", quote.strip()).rstrip("。；;").strip()


def _counterpart(c: Citation, now: StoredDocument, find_in: FindIn) -> tuple[int, int] | None:
    """Where the quoted provision stands in the text in force: the closest sentence of the best
    passage for the quote, if it is close enough to be the same provision."""
    found = find_in(c.quote, now.meta.doc_id)
    if found is None:
        return None
    chunk = found.chunk
    best: tuple[float, int, int] | None = None
    for s, e in split_spans(chunk.text):
        ratio = difflib.SequenceMatcher(None, c.quote, chunk.text[s:e], autojunk=False).ratio()
        if best is None or ratio > best[0]:
            best = (ratio, chunk.start + s, chunk.start + e)
    if best is None or best[0] < 0.5:
        return None
    return best[1], best[2]


# -- a new version uploaded ---------------------------------------------------------------------


def by_act_name(library: Iterable[StoredDocument]) -> dict[str, list[StoredDocument]]:
    """The library's documents by the name their versions share (:func:`status.act_name`)."""
    out: dict[str, list[StoredDocument]] = {}
    for d in library:
        out.setdefault(act_name(d.meta.title), []).append(d)
    return out


@dataclass(frozen=True)
class NumberStem:
    """A 文号 without its year: the 机关代字 (who issues) and the 序号 (淇政办〔2025〕7号 →
    淇政办, 7), and the year apart."""

    prefix: str
    serial: int
    year: int


def number_stem(doc_number: str | None) -> NumberStem | None:
    """The stem of a 文号 in any bracket form; None for none or an order number (…令第N号)."""
    m = DOC_NUMBER_RE.search(unicodedata.normalize("NFKC", doc_number or ""))
    return NumberStem(m.group(1), int(m.group(3)), int(m.group(2))) if m else None


# "2024年", "2024年度", "2021—2025年": the years a yearly plan's title carries
_TITLE_YEARS = re.compile(r"(?:19|20)\d{2}\s*(?:[-—–～~至到]\s*(?:19|20)\d{2}\s*)?(?:年度?)?")


def title_family(title: str) -> str:
    """A title without its years: "淇县2025年大气污染防治攻坚方案" → "淇县大气污染防治攻坚方案"."""
    return _TITLE_YEARS.sub("", act_name(title)).strip()


def older_versions(new: StoredDocument, named: Mapping[str, list[StoredDocument]]) -> list[StoredDocument]:
    """Documents of the library (``named``: :func:`by_act_name`) that ``new`` is a later version
    of. Two ways to be one:

    * the same title as acts and plans are named across versions (no trailing "（2024年修订）"),
      the same issuer when both say, and an earlier date (an undated document is nobody's
      later version);
    * the same 文号 but for its year (淇政办〔2025〕7号 after 淇政办〔2024〕7号) and the same
      title once years are taken out: an office reissuing a yearly plan under its standing
      number. The 文号 years order the two when a date is missing.

    Documents whose 文号 name different issuers (机关代字 淇政办 and 浚政办) are never versions
    of each other, whatever their titles: two counties issue plans of the same name.
    """
    name, when = act_name(new.meta.title), version_date(new)
    stem = number_stem(new.meta.doc_number)
    out: list[StoredDocument] = []

    def other_issuer(d: StoredDocument) -> bool:
        theirs = number_stem(d.meta.doc_number)
        if stem and theirs and stem.prefix != theirs.prefix:
            return True
        return bool(new.meta.issuer and d.meta.issuer and new.meta.issuer != d.meta.issuer)

    for d in named.get(name, []) if name and when else []:
        if d.meta.doc_id == new.meta.doc_id or other_issuer(d):
            continue
        if (old := version_date(d)) and old < when:
            out.append(d)
    if stem:
        family = title_family(new.meta.title)
        for docs in named.values():
            for d in docs:
                theirs = number_stem(d.meta.doc_number)
                if d in out or d.meta.doc_id == new.meta.doc_id or other_issuer(d) or theirs is None:
                    continue
                if (theirs.prefix, theirs.serial) != (stem.prefix, stem.serial) or not family:
                    continue
                old = version_date(d)
                earlier = old < when if old and when else theirs.year < stem.year
                if theirs.year < stem.year and earlier and title_family(d.meta.title) == family:
                    out.append(d)
    return sorted(out, key=lambda d: (version_date(d), d.meta.doc_number or ""))


def replacement_offer(new: StoredDocument, older: Sequence[StoredDocument], replaced: bool) -> str:
    """The message that offers (or reports) the replacement of the older versions."""
    olds = "、".join(f"{d.meta.doc_id}（{version_date(d)}）" for d in older)
    head = f"《{new.meta.title}》（{version_date(new)}）是文库中已有文件的新版本：{olds}"
    if replaced:
        return f"{head}；旧版本已替换"
    return f"{head}；可替换旧版本"
