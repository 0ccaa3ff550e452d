"""Question analysis, before retrieval: which regions, years and document types it is about,
and what kind of answer it wants.

Place names decide scope. A region the corpus covers becomes a filter (or, for a comparison, one
retrieval quota per region); a region it does not cover is reported as missing, so the answer can
say "文件中未涉及" instead of quietly answering from other regions' documents.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from assistant.display import short_title as display_short_title
from assistant.index.docstore import StoredDocument
from assistant.ingest.normalize import to_simplified_aligned as to_simplified
from assistant.intent import QUESTION_WORD, detect_intent
from assistant.lru import ByIdentity
from assistant.numbering import AS_OF, OUTLINE_NUMERAL, VERSION_OF, years_covered
from assistant.regions import Region, RegionMention, find_regions, resolve_region
from assistant.schema import DocumentMeta, QueryAnalysis
from assistant.script import in_order
from assistant.vocab import alternation, compare_pattern, vocabulary

_VERSION_YEAR = re.compile(
    rf"(?<!\d)(?:19|20)\d{{2}}\s*年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?(?:第[{OUTLINE_NUMERAL}]+次)?(?:修订|修正|修改|通过|颁布|公布|制定)"
)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")


def search_form(text: str) -> str:
    """Simplified script, half-width letters and digits: the form both indexes were built on."""
    folded = "".join(
        unicodedata.normalize("NFKC", ch) if ("０" <= ch <= "９" or "Ａ" <= ch <= "ｚ") else ch for ch in text
    )
    return to_simplified(folded)


def region_label(r: Region) -> str:
    return " ".join(p for p in (r.province, r.city, r.district) if p)


def _homes(doc_ids: Iterable[str], by_id: dict[str, StoredDocument]) -> list[Region]:
    """The regions the documents were issued for."""
    return [Region(by_id[i].meta.province, by_id[i].meta.city, by_id[i].meta.district) for i in doc_ids]


def places_inside(qa: QueryAnalysis, doc_ids: Iterable[str], by_id: dict[str, StoredDocument]) -> bool:
    """Whether every place the question names lies inside the region of one of the documents
    (莱芜区 in a 济南市 regulation): such places say where in it, not which documents."""
    labels = qa.regions + qa.missing_regions
    homes = _homes([i for i in doc_ids if i in by_id], by_id)
    return bool(labels) and all(any(h.contains(Region(*label.split())) for h in homes) for label in labels)


def docs_in_region(r: Region, docs: Iterable[StoredDocument]) -> list[str]:
    """Documents issued for region ``r`` (a province includes its cities' documents), those of
    the level above whose title names ``r`` (a provincial regulation of one city's reservoir), and
    those whose tables give ``r`` its own rows (a city's plan with one row of targets per county
    speaks for each county)."""
    lib = _library(docs)
    if r.district:
        ok, above = lib.issued.get(("district", r.district), []), lib.level.get(("city", r.city), [])
        ok = [*ok, *lib.titled.get(("district", r.district), [])]
    elif r.city:
        ok, above = lib.issued.get(("city", r.city), []), lib.level.get(("province", r.province), [])
        ok = [*ok, *lib.titled.get(("city", r.city), [])]
    else:
        ok, above = lib.issued.get(("province", r.province), []) if r.province else [], []
    place = r.district or r.city or ""
    rows = [i for i in above if _has_row_for(lib.by_id[i], place)]
    return sorted({*ok, *rows}, key=lib.order.__getitem__)


def _has_row_for(doc: StoredDocument, place: str) -> bool:
    """Whether a table of ``doc`` has a row whose cell is the place ("浚县", "鹤壁市浚县")."""
    if not place:
        return False
    return any(c.endswith(place) for c in doc.table_cells())


@functools.lru_cache(maxsize=1 << 16)
def _title_place(title: str) -> Region | None:
    """The most specific region a title names, cached by title as :func:`_short_title` is."""
    return resolve_region(title)


@functools.lru_cache(maxsize=1 << 16)
def _short_title(title: str) -> str:
    """A title as questions name it: Simplified, without a trailing (…) and the national prefix.

    Cached by title: every question compares itself with every title of the library (named
    documents, law short forms), and converting thousands of titles to Simplified per question
    was a third of a question's time at 100k chunks. Bounded, so removed titles age out.
    """
    t = re.sub(r"[（(][^）)]*[）)]$", "", to_simplified(title)).strip()
    return t.removeprefix("中华人民共和国")


@dataclasses.dataclass(frozen=True)
class _Library:
    """What question analysis looks up in a library — titles as questions name them, documents
    by place — worked out once per library version."""

    by_id: dict[str, StoredDocument]
    order: dict[str, int]  # document id -> its place in the library
    shorts: dict[str, list[str]]  # short title of 4 characters or more -> document ids
    longest: int  # characters of the longest of them
    laws: list[tuple[str, str]]  # (document id, short title) of every 法 (not 办法)
    titles: list[tuple[str, str]]  # (document id, short title) of every document
    # ("province" | "city" | "district", name) -> ids of the documents issued for that place
    issued: dict[tuple[str, str | None], list[str]]
    # ("province", name) -> ids of that province's own documents (no city); ("city", name) -> of
    # that city's own (no county)
    level: dict[tuple[str, str | None], list[str]]
    # ("city" | "district", name) -> ids of documents issued above that place whose title names it
    # ("某省某市某某水库饮用水水源保护条例", "某省某某新区条例"): they hold for that place alone
    titled: dict[tuple[str, str | None], list[str]]

    @classmethod
    def of(cls, docs: Sequence[StoredDocument]) -> _Library:
        shorts: dict[str, list[str]] = {}
        laws = []
        titles = []
        issued: dict[tuple[str, str | None], list[str]] = {}
        level: dict[tuple[str, str | None], list[str]] = {}
        titled: dict[tuple[str, str | None], list[str]] = {}
        for d in docs:
            m = d.meta
            named = _title_place(m.title)
            if (
                named is not None
                and named.city
                and named.province == m.province
                and (named.city, named.district) != (m.city, m.district)
                and (named.district or named.city != m.city)
            ):
                kind = "district" if named.district else "city"
                titled.setdefault((kind, named.district or named.city), []).append(m.doc_id)
            short = _short_title(m.title)
            if len(short) >= 4:
                for form in dict.fromkeys((short, _unquoted(short))):
                    shorts.setdefault(form, []).append(m.doc_id)
            if short.endswith("法") and not short.endswith("办法"):
                laws.append((m.doc_id, short))
            titles.append((m.doc_id, short))
            for kind, name in (("province", m.province), ("city", m.city), ("district", m.district)):
                if name:
                    issued.setdefault((kind, name), []).append(m.doc_id)
            if not m.city:
                level.setdefault(("province", m.province), []).append(m.doc_id)
            if not m.district:
                level.setdefault(("city", m.city), []).append(m.doc_id)
        order = {d.meta.doc_id: n for n, d in enumerate(docs)}
        longest = max(map(len, shorts), default=0)
        by_id = {d.meta.doc_id: d for d in docs}
        return cls(by_id, order, shorts, longest, laws, titles, issued, level, titled)


# By the identity of the document tuple (Index.documents(): one per library version). Matching a
# question against 30k titles one by one was a third of a question's time in a large library.
# Two: the library being answered from and the one a write has just swapped in (an older one
# would only hold its documents' metadata in memory).
_LIBRARIES: ByIdentity[tuple[StoredDocument, ...], _Library] = ByIdentity(_Library.of, size=2)


def _library(docs: Iterable[StoredDocument]) -> _Library:
    if isinstance(docs, tuple):
        return _LIBRARIES(docs)
    return _Library.of(list(docs))  # a list may change: worked out afresh


def _unquoted(title: str) -> str:
    """A title that quotes an act as questions say it: "甲省实施《中华人民共和国水法》办法" →
    "甲省实施水法办法"."""
    return re.sub(r"[《》〈〉]", "", title).replace("中华人民共和国", "")


# "实施水法的那部办法", "实施某某法的规定": an implementing act named with a
# particle between the act it implements and its kind (the act in 《》, or in 〈〉 as a title
# inside a title is written)
_IMPLEMENTING = re.compile(
    r"(实施[《〈]?[\u4e00-\u9fff]{1,24}?法[》〉]?)(?:的|之)?(?:那个|那部|这个|这部)?(办法|条例|细则|规定)"
)


def docs_named(search: str, docs: Iterable[StoredDocument]) -> list[str]:
    """Documents whose title the question names ("大气污染防治法", "《某市扬尘污染防治条例》").

    The longest matching title wins, so "河南省大气污染防治条例" is not read as "大气污染防治法".
    """
    lib = _library(docs)
    found = [i for _, _, ids in _named_spans(_implementing_form(search), docs) for i in ids]
    # (each title named: "甲市某规定与乙省某办法各怎么罚" names two)
    return sorted(set(found), key=lib.order.__getitem__)


def _implementing_form(search: str) -> str:
    """The question with an implementing act named as its title reads ("实施水法的那部办法" →
    "实施水法办法")."""
    return _IMPLEMENTING.sub(lambda m: _unquoted(m.group(1)) + m.group(2), search)


def _named_spans(search: str, docs: Iterable[StoredDocument]) -> list[tuple[int, int, list[str]]]:
    """Where ``search`` names a document's short title, and which documents bear it: the longest
    first, a shorter one inside a longer no title of its own."""
    lib = _library(docs)
    out: list[tuple[int, int, list[str]]] = []
    for n in range(min(lib.longest, len(search)), 3, -1):
        for k in range(len(search) - n + 1):
            ids = lib.shorts.get(search[k : k + n], ())
            # (a law's title inside a common word: "水土保持法规" are the regulations on it)
            if ids and search[k + n - 1] == "法" and _NOT_A_LAW_AFTER.match(search, k + n):
                continue
            if ids and not any(a < k + n and k < b for a, b, _ in out):
                out.append((k, k + n, list(ids)))
    return out


_CURRENT = re.compile(r"现行(?:有效)?的?")
# what follows 法 where it ends a word that is no law's name: 法规, 法律, 法院…
_NOT_A_LAW_AFTER = re.compile(r"规(?!定)|律|典|院|庭|官")
_LAW_ABBREVIATION = re.compile(rf"[\u4e00-\u9fa5]{{2,9}}法(?!{_NOT_A_LAW_AFTER.pattern})")


def _abbreviations(search: str, docs: Iterable[StoredDocument]) -> list[tuple[int, int, list[str]]]:
    """Laws a question names by their short form (简称), with where it stands: "噪声法" for
    噪声污染防治法, "固废法" for 固体废物污染环境防治法 — the short form starts as the title starts
    and keeps its characters in order. A short form that is a plain run of some law's title
    ("防治法") is a common word, not a name; of several laws, the closest title (环保法 is
    环境保护法, not 环境保护税法)."""
    laws = _library(docs).laws
    out = []
    for m in _LAW_ABBREVIATION.finditer(search):
        word = m.group(0)
        for n in range(len(word), 2, -1):  # the longest tail that names a law
            short = word[-n:]
            if any(short in t for _, t in laws):
                continue
            hits = [(len(t), i) for i, t in laws if t[0] == short[0] and in_order(short, t)]
            if hits:
                out.append((m.end() - n, m.end(), [i for k, i in hits if k == min(hits)[0]]))
                break
    return out


# a 文号 as a question writes it: the issuer's short name, the year in any brackets, the number
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,10}[〔\[［（(【]\s*(?:19|20)\d{2}\s*[〕\]］）)】]\s*第?\d{1,4}\s*号"
)
_NUMBER_BRACKETS = str.maketrans({c: "〔" for c in "[［（(【"} | {c: "〕" for c in "]］）)】"})


def _folded_number(number: str) -> str:
    return re.sub(r"\s|第", "", number).translate(_NUMBER_BRACKETS)


def docs_numbered(search: str, docs: Iterable[StoredDocument]) -> list[str]:
    """Documents whose 文号 the question names ("济管办〔2024〕26号这份要点…"): a 文号 names one
    document as surely as its title, however the brackets are typed."""
    asked = {_folded_number(m.group(0)) for m in _DOC_NUMBER.finditer(search)}
    if not asked:
        return []
    return [
        d.meta.doc_id
        for d in docs
        if d.meta.doc_number
        and any(a.endswith(n) or n.endswith(a) for a in asked if (n := _folded_number(d.meta.doc_number)))
    ]


def laws_abbreviated(search: str, docs: Iterable[StoredDocument]) -> list[str]:
    """The laws a question names only by their short forms."""
    return list(dict.fromkeys(i for _, _, ids in _abbreviations(search, docs) for i in ids))


def _title_core(title: str, r: Region) -> str:
    """A title without its region names: "河南省大气污染防治条例" → "大气污染防治条例"."""
    core = _short_title(title)
    for name in (r.district, r.city, r.province):
        if name:
            core = core.replace(name, "").replace(name.rstrip("省市区县"), "")
    return core.strip()


def cores_named(r: Region, doc_ids: list[str], search: str, docs: dict[str, StoredDocument]) -> list[str]:
    """The documents of one region a question names by their titles without the place
    ("某市的养犬管理条例和城市供水条例" names two); of titles one inside another
    ("城市绿化条例", "绿化条例"), the longer."""
    cores = {
        i: core for i in doc_ids if len(core := _title_core(docs[i].meta.title, r)) >= 4 and core in search
    }
    return [i for i, core in cores.items() if not any(core != c and core in c for c in cores.values())]


def _named_together(
    placed: dict[str, Region], qa: QueryAnalysis, search: str, by_id: dict[str, StoredDocument]
) -> list[str]:
    """One place's regulations named together by their titles without the place ("某市的A条例
    和B条例"): each of them, when the question names two or more so."""
    named = [
        i
        for label, r in placed.items()
        for i in cores_named(r, qa.region_doc_ids.get(label, []), search, by_id)
    ]
    return named if len(named) >= 2 else []


def narrow_to_named(r: Region, doc_ids: list[str], search: str, docs: dict[str, StoredDocument]) -> list[str]:
    """Within one region's documents, the ones the question points at.

    "河南和山东两省的大气污染防治条例" names, for 河南省, the provincial 大气污染防治条例 — not the
    ninety city regulations of Henan. A title named in the question wins; else a province asked
    as a province ("两省", "河南省的…") keeps its provincial documents.
    """
    named = [i for name in titles_named(search) for i in doc_ids if title_matches(name, docs[i].meta.title)]
    if named:
        if _COORDINATED.search(search):
            # (and those named after it without the place: "某市A条例和B条例")
            named += cores_named(r, doc_ids, search, docs)
        return list(dict.fromkeys(named))
    best = cores_named(r, doc_ids, search, docs)
    if best:
        return best
    if r.province and not r.city:
        # "河南省的…" and "河南的…" (no city named) ask the province as a province
        short = r.province.removesuffix("省")
        as_province = any(
            w in search
            for w in ("两省", "三省", "各省", "省级", "全省", f"{r.province}的", f"{short}的", "省的")
        )
        provincial = [i for i in doc_ids if docs[i].meta.city is None]
        if as_province and provincial:
            return provincial
    return doc_ids


# titles named together: "…条例和…条例", "…条例、…办法"
_COORDINATED = re.compile(r"(?:条例|办法|规定)(?:和|与|及|以及|、)")
_KIND_NAMED = re.compile(r"的([\u4e00-\u9fa5]{2,16}?(?:条例|办法))")
_QUOTED_TITLE = re.compile(r"《([^》]{2,60})》")
# (an implementing act names the law inside it: "甲省实施〈中华人民共和国水法〉办法")
_REGION_TITLE = re.compile(r"[\u4e00-\u9fa5〈〉《》]{2,40}?(?:条例|办法)")
_NOT_IN_TITLE = set("的和与及、两三各等了")  # (了 follows a verb: "某市也出台了…条例")
_IMPLEMENTING_OF = re.compile(r"(实施[\u4e00-\u9fa5]{2,16}?)的(?=(?:办法|条例|细则|规定)$)")
# words that point at a document a question describes, written inside its name
_POINTING = re.compile(r"现在的?|现行的?|目前的?|这部|那部|这个|那个|这份|那份")


def titles_named(search: str, *, possessive: bool = False) -> list[str]:
    """Document titles a question names: 《…》, or a place name directly followed by "…条例".

    ``possessive``: also the one place's regulation named with a 的 ("某市的养犬管理条例"), which
    says what the question is about but is no title to match exactly (the library's may be
    named otherwise): asked to tell the titles the library lacks."""
    names = [t for t in _QUOTED_TITLE.findall(search)]
    places = find_regions(search)
    for m in places:
        hit = _REGION_TITLE.match(search, m.start)
        # ("某市现在这部养犬管理条例": the words that point at it are no part of its name)
        name = _POINTING.sub("", hit.group(0)) if hit else ""
        # ("某省实施某某制度的办法": an implementing act named with a 的 before its kind)
        name = _IMPLEMENTING_OF.sub(r"\1", name)
        place = search[m.start : m.end]
        # (of one place: "甲省、乙省和丙市的…条例" names each place's regulation of that kind; and
        # with a subject before its kind: "某省的条例" names no one regulation)
        if possessive and len(places) == 1 and name.startswith(f"{place}的"):
            rest = name[len(place) + 1 :]
            name = place + rest if len(re.sub(r"(?:条例|办法)$", "", rest)) >= 2 else ""
        # (nor one that asks: "某县的居委会有什么调解办法" asks for ways of doing, it names no text)
        if (
            name
            and not (_NOT_IN_TITLE & set(name.replace("中华人民共和国", "")))
            and not QUESTION_WORD.search(name)
        ):
            names.append(name)
    return list(dict.fromkeys(names))


def _loose(title: str) -> str:
    """A title without 省/市, the national prefix and the marks of a title inside it:
    "山东大气污染防治条例" names 山东省's, and "甲省实施〈中华人民共和国水法〉办法" (the inner
    title in 〈〉, as official texts write it) the file titled "甲省实施《中华人民共和国水法》办法"."""
    title = re.sub(r"[《》〈〉<>]", "", title)
    # "甲省森林法实施办法" is how one says 甲省实施《森林法》办法: the two orders read alike
    title = _IMPLEMENTING_ORDER.sub("", title)
    return title.replace("中华人民共和国", "").replace("省", "").replace("市", "")


# "实施" before or after the act an implementing measure names ("实施森林法办法", "森林法实施办法")
_IMPLEMENTING_ORDER = re.compile(r"实施(?=[^实]{1,24}法)|(?<=法)实施(?=(?:办法|细则|规定)$)")


# "那份关于加强某项工作的决议": a document described by its title's words
_DESCRIBED = re.compile(
    rf"(?:那份|这份|那部|这部|那个|这个|那件|这件|关于)([\u4e00-\u9fa5、]{{4,40}}?)的?"
    rf"({alternation(tuple(s for s, _ in vocabulary().doc_types))})"
)
# a description this short, or matching more titles, names no one document
_DESCRIBED_MIN = 8
_DESCRIBED_MAX_DOCS = 2
# a shorter one names the one document of its kind among the places the question names
_DESCRIBED_IN_PLACE_MIN = 4
# the most characters between a place and a description that name who issued the document
_ISSUER_CHARS = 12


def docs_described(search: str, docs: Iterable[StoredDocument], places: Iterable[str] = ()) -> list[str]:
    """Documents a question describes by their title's words in order, without naming it whole:
    "甲省人大那份加强某项监督的决议" is the 《甲省人民代表大会常务委员会关于加强某项
    监督工作的决议》. ``places``: the documents of the places the question names, among which a
    shorter description ("甲省人大关于某项监督的决议") names the one it fits."""
    lib = _library(docs)
    local = set(places)
    found: list[str] = []
    for m in _DESCRIBED.finditer(search):
        words = m.group(1).replace("、", "")
        if len(words) < _DESCRIBED_IN_PLACE_MIN:
            continue
        hits = [i for i, t in lib.titles if t.endswith(m.group(2)) and in_order(words, t)]
        if len(words) >= _DESCRIBED_MIN and 0 < len(hits) <= _DESCRIBED_MAX_DOCS:
            found += hits
        elif len(local_hits := [i for i in hits if i in local]) == 1:
            found += local_hits
    return list(dict.fromkeys(found))


# the fewest characters of a title's own name (no place, no kind) a question writes whole to
# name the document without its kind ("某市的城镇燃气安全管理有哪些要求")
_CORE_NAMED_MIN = 6
_KIND_END = re.compile(rf"(?:{alternation(tuple(s for s, _ in vocabulary().doc_types))})$")


def docs_by_core(
    search: str, docs: Iterable[StoredDocument], places: Iterable[str], labels: Iterable[str]
) -> list[str]:
    """The one document of the places a question names whose title's own name (without place
    and kind: "城镇燃气安全管理" of 《某市城镇燃气安全管理条例》) the question writes
    whole: it is named, though without "条例". It is a document of the place named itself (a
    province's, not one of its cities'), and the question names no title the library lacks."""
    local, named = set(places), set(labels)
    docs = list(docs)
    hits = []
    for d in docs:
        home = Region(d.meta.province, d.meta.city, d.meta.district)
        if d.meta.doc_id not in local or region_label(home) not in named:
            continue
        core = _KIND_END.sub("", _title_core(d.meta.title, home))
        if len(core) < _CORE_NAMED_MIN or core not in search:
            continue
        # (a name no other title holds: "大气污染防治" is a subject many titles share, and a
        # question on it may be answered by another of them)
        if len({o.meta.title for o in docs if core in o.meta.title}) == 1:
            hits.append(d.meta.doc_id)
    return hits if len(hits) == 1 else []


def _in_order_but_one(short: str, long: str) -> bool:
    """Whether ``short`` without one of its characters is a subsequence of ``long``."""
    return any(in_order(short[:k] + short[k + 1 :], long) for k in range(len(short)))


# Characters (省/市 left out) of a regulation's name a question writes before one of its
# characters may be missing from the title it means
_LOOSE_KIND_MIN = 5


def title_matches(name: str, title: str) -> bool:
    """Whether a title as a user writes it ("嘉兴市秸秆露天禁烧条例") names a document title
    ("嘉兴市秸秆露天禁烧和综合利用条例"): equal, contained, or an in-order abbreviation."""
    a, b = _loose(name), _loose(_short_title(title))
    if len(a) < 4 or len(b) < 4:
        return a == b
    # "山东省生活垃圾分类管理条例" written for 山东省生活垃圾管理条例: the title in order, within
    # a few extra characters
    return a in b or b in a or in_order(a, b) or (len(a) - len(b) <= 3 and in_order(b, a))


def _titled(name: str, docs: Iterable[StoredDocument]) -> list[StoredDocument]:
    """The documents a title as written names: the one titled exactly so when there is one
    ("《环境噪声污染防治法》" is that law, not the 噪声污染防治法 its title contains), else all it
    matches."""
    hits = [d for d in docs if title_matches(name, d.meta.title)]
    exact = [d for d in hits if _loose(name) == _loose(_short_title(d.meta.title))]
    return exact or hits


def missing_titles(search: str, docs: Iterable[StoredDocument]) -> list[str]:
    """Named titles that match no document: the answer must say the library lacks them."""
    # (a form or licence in book marks, "《统计检查查询书》", is a paper the documents name)
    names = [n for n in titles_named(search, possessive=True) if not n.endswith(vocabulary().form_suffixes)]
    if not names:
        return []
    titles = [d.meta.title for d in docs]
    return [name for name in names if not any(title_matches(name, t) for t in titles)]


_QUERY_MIN_CHARS = 2


def scoped_query(search: str, scope: Iterable[str], docs: Iterable[StoredDocument]) -> str:
    """The question as a query inside ``scope``: place names and in-scope titles removed.

    Once retrieval is restricted to a region's or a named document's chunks, the words of that
    document's title and of the place carry no information, yet their corpus-wide IDF is high, so
    they outweigh the words that matter: in "开封市城市饮用水水源保护条例对丢弃动物尸体的怎么罚",
    every article of the regulation matches 城市/饮用水/水源/保护, and the penalty article for
    动物尸体 was not among the top eight (it is first once scoped). Falls back to ``search``
    when too little would remain.
    """
    wanted = set(scope)
    if not wanted:
        return search
    # (an implementing act as its title reads, where its name is found: "实施某法的若干规定")
    search = _implementing_form(search)
    spans = [(a, b) for a, b, ids in _named_spans(search, docs) if set(ids) <= wanted]
    titles = [d.meta.title for d in docs if d.meta.doc_id in wanted] if len(wanted) <= 20 else []
    for name in (*_QUOTED_TITLE.findall(search), *titles_named(search)):
        if any(title_matches(name, t) for t in titles) and (i := search.find(name)) >= 0:
            spans.append((i, i + len(name)))
    for t in titles:
        short = _short_title(t)
        # (or as an answer cites it, with the title inside it in 〈〉)
        cited = display_short_title(short)
        i = search.find(short) if len(short) >= 4 else -1
        if i < 0 and len(short) >= 4 and (i := search.find(cited)) >= 0:
            short = cited
        if i >= 0:
            # "按国家森林法…": the national law, named with the word that says so
            # (or with the state's name a national law's title opens with: "中华人民共和国…法")
            lead = next((w for w in ("国家", "中华人民共和国") if search[max(0, i - len(w)) : i] == w), "")
            spans.append((i - len(lead), i + len(short)))
    spans += [(a, b) for a, b, ids in _abbreviations(search, docs) if wanted & set(ids)]
    # (or by its kind after the place: "某省的某法实施办法" of 某省实施《中华人民共和国某法》办法)
    loose_titles = [_loose(_short_title(t)) for t in titles]
    spans += [
        m.span(1)
        for m in _KIND_NAMED.finditer(search)
        if any(in_order(_loose(m.group(1)), t) for t in loose_titles)
    ]
    # (the place the one document in scope is about, named without the rest of its title:
    # "洛浦公园…"; beside another document, the place tells them apart)
    for d in docs:
        if d.meta.doc_id in wanted and len(wanted) == 1:
            named = [n for n in _feature_names(d.meta.title, d.meta.province, d.meta.city) if n in search]
            if named:
                i = search.find(named[0])
                spans.append((i, i + len(named[0])))
    if len(wanted) <= _DESCRIBED_MAX_DOCS and set(docs_described(search, docs, wanted)) & wanted:
        # (with the body that issued it, between the place and the description: "甲省|人大常委会
        # 2019年|关于某项监督的决议")
        ends = [m.end for m in find_regions(search)]
        for m in _DESCRIBED.finditer(search):
            issuer = max((e for e in ends if 0 <= m.start() - e <= _ISSUER_CHARS), default=m.start())
            spans.append((issuer, m.end()))
    spans += [(m.start, m.end) for m in find_regions(search)]
    # "现行的", "2017年版", "2020年时有效的" choose the text, they are not words to look for
    spans += [m.span() for p in (AS_OF, VERSION_OF, _CURRENT) for m in p.finditer(search)]
    keep = [True] * len(search)
    for a, b in spans:
        for i in range(max(a, 0), b):
            keep[i] = False
    reduced = "".join(ch for ch, k in zip(search, keep, strict=True) if k)
    core = re.sub(r"[\W_]+", "", reduced)
    return reduced.strip() if len(core) >= _QUERY_MIN_CHARS + 2 else search


_DATED_PLAN = re.compile(
    rf"((?:19|20)\d{{2}})\s*年(?:度)?[\u4e00-\u9fa5]{{0,16}}?({alternation(vocabulary().plan_types)})"
)


def dated_plans_named(search: str) -> list[str]:
    """Yearly plans a question names by year ("济源示范区2025年生态环境保护工作要点")."""
    places = {m.end: m.start for m in find_regions(search)}
    return [search[places.get(m.start(), m.start()) : m.end()] for m in _DATED_PLAN.finditer(search)]


def _dated_plan_exists(name: str, docs: Iterable[StoredDocument]) -> bool:
    """Whether a document of that type covers that year (a 2023—2025 plan covers 2024)."""
    m = _DATED_PLAN.search(name)
    if not m:
        return True
    year, kind = int(m.group(1)), m.group(2)
    titles = (to_simplified(d.meta.title) for d in docs)
    return any(kind in t and year in years_covered([t]) for t in titles)


def _library_places(search: str, docs: Sequence[StoredDocument]) -> list[RegionMention]:
    """A partial place ("经开区", "高新区") read against the places the library holds documents
    for: when exactly one of them knows the name, the question is about that one."""
    cities = {(d.meta.province, d.meta.city) for d in docs if d.meta.city}
    found: dict[Region, list[RegionMention]] = {}
    for province, city in cities:
        for m in find_regions(search, context=Region(province, city)):
            if m.region.district and docs_in_region(m.region, docs):
                found.setdefault(m.region, []).append(m)
    return next(iter(found.values())) if len(found) == 1 else []


# A named place is its head (水库, 河) and at least this many characters before it: two-character
# names ("南湖", "泰山") are too often plain words or parts of region names to be read this way.
_FEATURE_NAME_MIN = 2
_FEATURE_NAME_MAX = 6


def _titled_by(r: Region, docs: Iterable[StoredDocument]) -> list[str]:
    """The documents whose title names the place ``r`` itself (its own, lowest-level name), such
    as a provincial regulation on one of its 新区; [] for a place named by no title."""
    name = r.district or r.city or ""
    if len(name) < 3:
        return []
    return [i for i, short in _library(docs).titles if name in short]


def docs_of_feature(search: str, docs: Iterable[StoredDocument]) -> list[str]:
    """The documents titled by a named place that is not a region ("某某水库", "某某河") when
    they are all one region's: "在某某水库二级保护区网箱养鱼罚多少" asks about the local regulation
    of that reservoir, not about a national law that lists it among others. The longest name
    written before the head that some title holds is the place; titled by documents of several
    regions, or only national ones, it says nothing about where."""
    lib = _library(docs)
    # ("给湿地公园命名" names no park: "湿地公园" is any of them, "森林公园" a kind of park)
    generic = {*vocabulary().place_kinds, *vocabulary().place_generic}
    for head in vocabulary().place_features:
        for m in re.finditer(re.escape(head), search):
            end = m.end()
            for start in range(max(0, m.start() - _FEATURE_NAME_MAX), m.start() - _FEATURE_NAME_MIN + 1):
                name = search[start:end]
                ids = [i for i, short in lib.titles if name in short]
                if not ids or name in generic:
                    continue
                homes = {(lib.by_id[i].meta.province, lib.by_id[i].meta.city) for i in ids}
                if len(homes) == 1 and next(iter(homes))[0]:
                    return ids
                break  # the longest name some title holds decides
    return []


def names_feature_elsewhere(meta: DocumentMeta, search: str) -> bool:
    """Whether a document is titled by a named place that is not a region (a "某省某某水库饮用水水源
    保护条例", a "某市某某河保护条例") and the question does not name that place. Such a regulation
    holds for that one place: a question on what a province forbids in its protected zones asks the
    rule of the whole province, which its general regulation states, though the reservoir's
    repeats its words. The place named without its head ("泰山景区" for 泰山风景名胜区, "崂山"
    for 崂山风景区) is named all the same."""
    names = _feature_names(meta.title, meta.province, meta.city)
    heads = vocabulary().place_features
    proper = [n.removesuffix(h) for n in names for h in heads if n.endswith(h)]
    named = any(n in search for n in names) or any(p in search for p in proper if len(p) >= _FEATURE_NAME_MIN)
    # (a great river is named by its two characters, "长江" of "…长江保护法": too short a name to
    # find a place by, but the question that writes it names the place)
    tails = [n[-len(h) - 1 :] for n in names for h in heads if n.endswith(h) and len(n) > len(h) + 1]
    named = named or any(t in search for t in tails if len(t) >= 2)
    return bool(names) and not named


@functools.lru_cache(maxsize=4096)
def _feature_names(title: str, province: str | None, city: str | None) -> tuple[str, ...]:
    """The ways a question may name the place a title is about ("青石岭水库", "石岭水库"), or ()
    when the title names none. Cached by title: retrieval asks it of every document it ranks."""
    title = to_simplified(title)
    for place in (province, city):
        if place:
            title = title.replace(place, " ").replace(place.rstrip("省市"), " ")
    for head in vocabulary().place_features:
        for m in re.finditer(re.escape(head), title):
            if any(title[: m.end()].endswith(k) for k in vocabulary().place_kinds):
                continue  # a kind of place ("无居民海岛"), not one
            names = [
                title[start : m.end()]
                for start in range(max(0, m.start() - _FEATURE_NAME_MAX), m.start() - _FEATURE_NAME_MIN + 1)
            ]
            # ("小秦岭国家级自然保护区" is also named "小秦岭自然保护区")
            level = next((q for q in vocabulary().place_qualifiers if title[: m.start()].endswith(q)), "")
            if level:
                core = m.start() - len(level)
                starts = range(max(0, core - _FEATURE_NAME_MAX), core - _FEATURE_NAME_MIN + 1)
                names = [title[start : m.end()] for start in starts] + [
                    title[start:core] + head for start in starts
                ]
            names = [n for n in names if not re.search(r"[\s《》（）()、]", n)]
            if names:
                return tuple(names)
    return ()


def _qualified(mentions: list[RegionMention]) -> list[RegionMention]:
    """The mentions without a province written as the qualifier of the place right after it:
    "河南洛阳", "山东省泰安市" name one city, not the province beside it."""
    out = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        qualifies = (
            nxt is not None
            and nxt.start == m.end
            and m.region != nxt.region
            and m.region.contains(nxt.region)
        )
        if not qualifies:
            out.append(m)
    return out


def for_region(qa: QueryAnalysis, region: str, docs: Iterable[StoredDocument] = ()) -> QueryAnalysis:
    """The question asked of one of the regions it names ("潍坊和日照分别罚多少" of 日照): the
    other places' names, the words that ask for a comparison, and the titles it names of other
    regions' documents (``docs`` holds them), taken out of its words; its documents those of
    that region."""
    own = region.split()
    others = {w for r in (*qa.regions, *qa.missing_regions) if r != region for w in r.split() if w not in own}
    mine = qa.region_doc_ids.get(region, [])
    elsewhere = [i for i in qa.doc_ids if i not in mine]
    # (the other regions' titles first, while their place names are in them)
    search = scoped_query(qa.search, elsewhere, docs) if elsewhere else qa.search
    for name in sorted(others | {w.rstrip("省市区县") for w in others}, key=len, reverse=True):
        if len(name) >= 2:
            search = search.replace(name, " ")
    # asked of one region, the words that set regions side by side ("有什么不同", "分别") ask nothing
    search = compare_pattern().sub("", search)
    return dataclasses.replace(
        qa,
        search=search,
        regions=[region],
        missing_regions=[],
        region_doc_ids={region: mine},
        doc_ids=[i for i in qa.doc_ids if i in mine],
    )


def analyse(question: str, docs: Iterable[StoredDocument]) -> QueryAnalysis:
    search = search_form(question)
    # one tuple for every lookup below (Index.documents() is one already): a list would be worked
    # out afresh by each
    docs = docs if isinstance(docs, tuple) else tuple(docs)
    by_id = _library(docs).by_id
    qa = QueryAnalysis(question=question, search=search, intent=detect_intent(search))
    seen: set[str] = set()
    mentions = _qualified(find_regions(search)) or _library_places(search, docs)
    with_city = any(m.region.city for m in mentions)
    placed: dict[str, Region] = {}
    # the kind of regulation named right after a place ("甲市的古城保护条例和乙市的某遗址条例")
    own_kind: dict[str, str] = {}
    for mention in mentions:
        label = region_label(mention.region)
        if label and label not in own_kind and (after := _KIND_NAMED.match(search, mention.end)):
            own_kind[label] = after.group(1)
        if not label or label in seen:
            continue
        seen.add(label)
        placed[label] = mention.region
        ids = docs_in_region(mention.region, docs)
        if ids:
            narrowed = narrow_to_named(mention.region, ids, search, by_id)
            if narrowed == ids and with_city and not mention.region.city and len(mentions) >= 2:
                # "甲省、乙省和丙市的罚款标准": set beside a city, a province stands for its
                # own provincial regulations, not for its cities'
                narrowed = [i for i in ids if by_id[i].meta.city is None] or ids
            qa.regions.append(label)
            qa.region_doc_ids[label] = narrowed
        elif titled := _titled_by(mention.region, docs):
            # a place no document is issued for, but one is about ("某省某某新区条例" for its 新区)
            qa.regions.append(label)
            qa.region_doc_ids[label] = titled
        else:
            qa.missing_regions.append(label)
    named = [d.meta.doc_id for name in titles_named(search) for d in _titled(name, docs)]
    titled_docs = list(dict.fromkeys([*docs_named(search, docs), *named, *docs_numbered(search, docs)]))
    kind = _KIND_NAMED.search(search)
    if len(qa.regions) >= 2 and kind:
        # "山东省、浙江省和洛阳市的饮用水水源保护条例": per region, its regulation of that name;
        # a region without one gets no documents, so its line says 未涉及
        for label in qa.regions:
            # (each place's own kind when the question names one after it, else the one named)
            wanted = _loose(own_kind.get(label, kind.group(1)))
            ids = qa.region_doc_ids[label]
            # (a region whose own text the question names by its title: "甲省的某法实施办法和乙市
            # 实施某法的规定")
            if own := [i for i in ids if i in titled_docs]:
                qa.region_doc_ids[label] = own
                continue
            titles = {i: _loose(_short_title(by_id[i].meta.title)) for i in ids}
            kept = [i for i in ids if in_order(wanted, titles[i])]
            # (of several, those whose title adds the fewest characters to the name asked:
            # "某法实施办法" is the 实施某法办法, not the 实施某某某法办法 that holds its characters too)
            fewest = min((len(titles[i]) for i in kept), default=0)
            kept = [i for i in kept if len(titles[i]) == fewest]
            if not kept and len(wanted) >= _LOOSE_KIND_MIN:
                # a name shortened loosely ("市容环卫条例" of a 城市环境卫生管理条例): one of
                # its characters may be missing from the title
                kept = [i for i in ids if _in_order_but_one(wanted, titles[i])]
            qa.region_doc_ids[label] = kept
    placed_docs = [i for label in qa.regions for i in qa.region_doc_ids[label]]
    if len(titled_docs) == 1 and len(placed) == 1 and _COORDINATED.search(search):
        # "某市A条例和B条例": the first named in full, the second without its place
        together = _named_together(placed, qa, search, by_id)
        titled_docs = together if set(titled_docs) < set(together) else titled_docs
    qa.doc_ids = (
        titled_docs
        or laws_abbreviated(search, docs)
        or docs_described(search, docs, placed_docs)
        or (
            _named_together(placed, qa, search, by_id)
            if len(placed) == 1 and _COORDINATED.search(search)
            else []
        )
        or (docs_by_core(search, docs, placed_docs, qa.regions) if not missing_titles(search, docs) else [])
    )
    if not qa.doc_ids:
        # a named place that is not a region ("某某水库", "某某国家级自然保护区") names its
        # regulation, also beside the region it lies in ("河南某某国家级自然保护区")
        featured = docs_of_feature(search, docs)
        within = {i for label in qa.regions for i in qa.region_doc_ids[label]}
        if not mentions or (featured and not qa.missing_regions and set(featured) <= within):
            qa.doc_ids = featured
    if qa.doc_ids and len(placed) >= 2 and places_inside(qa, qa.doc_ids, by_id):
        # a 济南市 regulation asked about its 莱芜区 ("莱芜区自…起执行本规定"): places inside the
        # named document's own region are parts of where it applies, not regions to compare
        homes = _homes(qa.doc_ids, by_id)
        qa.regions = [label for label in qa.regions if placed[label] in homes]
        qa.missing_regions = []
    versions = [m.group(0)[:4] for m in _VERSION_YEAR.finditer(search)]
    if versions and len(qa.doc_ids) > 1:
        # "2018年修正的某某法": of the law's versions in the library, the one revised then
        dated = [
            i
            for i in qa.doc_ids
            if any(
                v in f"{by_id[i].meta.revised_date or ''} {by_id[i].meta.adopted_date or ''}"
                for v in versions
            )
        ]
        qa.doc_ids = dated or qa.doc_ids
    qa.missing_docs = missing_titles(search, docs) if not qa.doc_ids else []
    scope = [by_id[i] for label in qa.regions for i in qa.region_doc_ids[label]] or docs
    qa.missing_docs += [name for name in dated_plans_named(search) if not _dated_plan_exists(name, scope)]
    # "2018年修正的某某法", "2017年版", "2020年时有效的" name a version of the law, not the time
    # asked about
    undated = AS_OF.sub("", VERSION_OF.sub("", _VERSION_YEAR.sub("", search)))
    qa.years = sorted({int(y) for y in _YEAR.findall(undated)})
    kinds = vocabulary().question_doc_types
    qa.doc_types = [t for t in kinds if t in search and not (t == "法" and "办法" in search)]
    qa.is_comparison = len(qa.regions) + len(qa.missing_regions) >= 2 or any(
        w in search for w in vocabulary().compare_words
    )
    return qa
