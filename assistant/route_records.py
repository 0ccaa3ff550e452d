"""Questions about a document's record, routed to the catalogue before any passage is read.

"《…》是哪天通过的", "现在还有效吗", "有几个版本", "以前那部条例怎么处理了", "哪一部先施行":
each is answered from the lines of a document that state its record (its preamble, its
commencement clause, the sentence repealing the text it replaced) or from the texts of an act
the library holds, never from whichever passage ranks best. :class:`~assistant.route.Router`
asks :class:`RecordRouter` first for every question (or part of one) it answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant import versions
from assistant.display import short_title
from assistant.intent import EFFECTIVE_CLAUSE, SELF_REF, asks_effective
from assistant.numbering import ARTICLE_NUMERAL
from assistant.query import search_form
from assistant.responses import Response
from assistant.retrieve import RetrieverMode
from assistant.schema import Answer, CatalogItem, CatalogResult, QueryAnalysis
from assistant.status import REPEALED, Status, act_name

if TYPE_CHECKING:
    from assistant.core import Assistant


class RecordRouter:
    """Answers what a document's record says of it: its record lines, texts, status and repeals."""

    def __init__(self, assistant: Assistant, retriever: RetrieverMode = "hybrid") -> None:
        self.a = assistant
        self.retriever: RetrieverMode = retriever

    def versions(self, question: str, named: list[str]) -> Response:
        """The texts of the act a question names, oldest first, with their status."""
        from assistant import responses

        statuses = self.a.statuses()
        # the act named exactly ("《野生动物保护法》", not a province's 实施…办法 that quotes it);
        # else the longest name ("海洋环境保护法" also contains the title 环境保护法)
        names = {i: act_name(self.a.document(i).meta.title) for i in named}
        asked = {act_name(t) for t in re.findall(r"《([^》]+)》", question)}
        exact = [i for i, n in names.items() if n in asked]
        longest = max(len(n) for n in names.values())
        named = exact or [i for i, n in names.items() if len(n) == longest]
        ids = list(dict.fromkeys(v for i in named for v in versions.same_act(i, statuses)))
        docs = sorted((self.a.document(i) for i in ids), key=versions.in_force_from)
        found = [(d, versions.version_label(d), self._status_said(statuses[d.meta.doc_id])) for d in docs]
        return Response("documents", responses.versions_answer(question, found, self.a.document))

    def _status_said(self, status: Status) -> str:
        """A text's status as the answer states it: a repealed one with the act that repealed it."""
        if status.label == REPEALED and status.repealed_by:
            by = "、".join(f"《{short_title(self.a.document(i).meta.title)}》" for i in status.repealed_by)
            return f"{REPEALED}，由{by}废止"
        return status.label

    def of_the_record(
        self,
        question: str,
        qa: QueryAnalysis,
        doc_ids: list[str] | None,
        named_act: list[str] | None,
        records: list[str],
    ) -> Response | None:
        """What the catalogue answers before any passage is read: an article or a revision the
        named act lacks, its texts and their status, its record lines, the day it takes effect
        as stated; None when the question is not about the document as such."""
        from assistant import catalog, catalog_outline, responses

        one = self.a.document(named_act[0]) if named_act and len(named_act) == 1 else None
        if one is not None and (absent := catalog_outline.missing_article(one, search_form(question))):
            return Response("answer", responses.abstention(question, f"所提供的文件中未找到该条：{absent}"))
        if one is not None and (year := catalog.unrecorded_revision(one, search_form(question))):
            title = one.meta.title
            return Response(
                "answer",
                responses.abstention(
                    question, f"所提供的文件中未找到《{title}》{year}年的修改记录，无法说明该次修改的内容。"
                ),
            )
        if one is not None and (ordinal := catalog.unrecorded_ordinal(one, search_form(question))):
            asked, count = ordinal
            recorded = f"题注所载共修改{count}次" if count else "题注未载有修改"
            return Response(
                "answer",
                responses.abstention(
                    question, f"所提供的文件中未找到《{one.meta.title}》{asked}的记载：{recorded}。"
                ),
            )
        if named_act and catalog.is_versions_question(search_form(question)):
            # a part of a question about one act ("…哪年通过的？后来改过几次？"): the revisions its
            # preamble records, or, when the library holds several texts of it, those texts
            # (how often it was amended is a record of the text named: "2017年修正的某法…之后
            # 经过了几次修正" is answered by that text's record lines, not by the library's texts)
            several = len(versions.same_act(named_act[0], self.a.statuses())) > 1
            if several and catalog.asks_texts(search_form(question)):
                return self.versions(question, named_act)
            if revised := catalog.revisions_of(self.a.document(named_act[0])):
                result = CatalogResult(kind="revised", items=revised)
                return Response("documents", responses.catalog_answer(question, result, "", self.a.document))
            # (none recorded: the one text, whose record says it was not amended)
            return self.versions(question, named_act)
        if (
            named_act
            and catalog.asks_validity(search_form(question))
            and not catalog.asks_former(search_form(question))
        ):
            # "该办法目前是否仍然有效": the texts of the act the library holds, with their status
            return self.versions(question, named_act)
        if (
            qa.missing_docs
            and not qa.doc_ids
            and catalog.asks_validity(search_form(question))
            and (repealers := self._repealers(qa.missing_docs))
            and (repealed := self._repeal(question, repealers, "repealed", since=True))
        ):
            # "某某办法目前是否仍然有效" of a text the library does not hold: the act that repealed
            # it says so ("…通过的《某某管理条例》同时废止")
            return repealed
        asked_fate = catalog.asks_former_fate(search_form(question)) or catalog.asks_repealed(
            search_form(question)
        )
        if asked_fate and (
            # "以前那部条例怎么处理了？": the current text says so where it repeals the former one
            repealed := self._repeal(
                question,
                qa.doc_ids or doc_ids or self._repealers(qa.missing_docs) or self.top_document(qa, doc_ids),
                "repealed",
                since=catalog.asks_validity(search_form(question)),
            )
        ):
            return repealed
        if records and not (qa.missing_docs and not qa.doc_ids):
            named = qa.doc_ids or doc_ids or self.top_document(qa, doc_ids)
            if (
                not named_act
                and named
                and catalog.is_versions_question(search_form(question))
                and (revised := catalog.revisions_of(self.a.document(named[0])))
            ):
                # ("鉴湖那部条例修正过多少次", the act described, not named): its revisions, counted
                result = CatalogResult(kind="revised", items=revised)
                return Response("documents", responses.catalog_answer(question, result, "", self.a.document))
            if catalog.asks_former(search_form(question)) and (
                # "原来那部…是哪年通过的": the current text says so where it repeals the former one
                repealed := self._repeal(question, named, records[0])
            ):
                return repealed
            latest = catalog.asks_latest(search_form(question), records)
            items = [
                item
                for d in named[:3]
                for r in records
                # (a chapter asked by its matter names the matter, and the parts of a plan are asked
                # with words of their own: no sign of a provision asked)
                if r in ("chapter_on", "parts")
                or not catalog.asks_of_content(qa.search, self.a.document(d).meta.title)
                for item in (
                    catalog_outline.parts_of(self.a.document(d), search_form(question))
                    if r == "parts"
                    else [
                        catalog.record_of(self.a.document(d), r, latest=latest, asked=search_form(question))
                    ]
                )
                if item is not None
            ]
            # (a document's records as its preamble states them, in order: revised, then approved)
            order = {d: i for i, d in enumerate(named[:3])}
            items.sort(key=lambda item: (order.get(item.doc.meta.doc_id, 0), item.start))
            if items and asks_effective(search_form(question)):
                # "哪年通过、哪天施行": the clause on when it takes effect as well
                items += [
                    item for d in named[:3] if (item := catalog.effective_of(self.a.document(d))) is not None
                ]
            if items:
                result = CatalogResult(kind=records[0], items=items)
                return Response("documents", responses.catalog_answer(question, result, "", self.a.document))
            # (the document named; or, asked a page header's record, 文号 or 日期, the one the
            # question describes: no provision states those)
            header_only = all(r in ("number", "date", "issuer") for r in records)
            lacking = qa.doc_ids[:1] or (named[:1] if header_only else [])
            if (
                lacking
                and all(r in _UNRECORDED for r in records)
                and not catalog.asks_of_content(qa.search, self.a.document(lacking[0]).meta.title)
                and all(catalog.record_of(self.a.document(lacking[0]), r) is None for r in records)
            ):
                # "…是哪一天公布的" of a text whose record lines state no publication: they are
                # what the documents say of it
                doc = self.a.document(lacking[0])
                # (its record lines, "…通过", "…批准": a work plan's first paragraphs record nothing)
                verbs = [w for ws in catalog.vocabulary().event_verbs.values() for w in ws]
                lines = [
                    line
                    for a, b in catalog.preamble_spans(doc)
                    if any(w in (line := doc.text.display[a:b].strip()) for w in verbs)
                    and len(line) <= catalog.RECORD_LINE_CHARS
                ]
                asked = "、".join(_UNRECORDED[r] for r in records)
                noted = f"，其题注载明：{'；'.join(lines)}" if lines else ""
                return Response(
                    "answer",
                    responses.abstention(
                        question, f"所提供的文件中未载明《{doc.meta.title}》的{asked}{noted}。"
                    ),
                )
        if named_act and not records and asks_effective(search_form(question)):
            # ("最初哪年起施行": the original text's date, which only the record lines keep)
            first = catalog.asks_earliest(search_form(question))
            stated_by = catalog.first_stated_effective if first else catalog.stated_effective
            stated = [item for d in named_act[:3] if (item := stated_by(self.a.document(d)))]
            if stated:
                return self._effective(question, stated)
            # ("自公布之日起施行": the day it was published, which its record lines date; a question
            # that also asks what it repealed is answered by the whole clause, "…同时废止")
            published = [
                item
                for d in named_act[:3]
                if "废止" not in question
                for item in catalog.effective_on_publication(self.a.document(d))
            ]
            if published:
                return self._effective(question, published)
        return None

    def effective_after(
        self, question: str, answer: Answer, named_act: list[str] | None, records: list[str]
    ) -> Response | None:
        """When the passages read answered "何时施行" with a clause that is not the named act's own
        (another matter's 实施, a law's beside its implementing 办法, "自公布之日起"), the act's
        own commencement, dated; None when the answer stands."""
        from assistant import catalog, responses

        published_on = [
            c.doc_id for c in answer.citations if "公布之日" in c.quote and EFFECTIVE_CLAUSE.search(c.quote)
        ]
        if not records and asks_effective(search_form(question)) and published_on and "废止" not in question:
            # "本办法自公布之日起施行" found for a text the question does not name by its title:
            # dated as well, by the record line of its adoption
            items = catalog.effective_on_publication(self.a.document(published_on[0]))
            if items:
                return self._effective(question, items)
        if named_act and not records and asks_effective(search_form(question)):
            clauses_cited = [
                (self.a.document(c.doc_id).meta.title, search_form(c.quote))
                for c in answer.citations
                if EFFECTIVE_CLAUSE.search(c.quote) and SELF_REF.search(c.quote)
            ]
            if clauses_cited and (undated := _undated_revision(question, clauses_cited)) is not None:
                return Response("answer", undated)
        # (the commencement clause of the act named: "本法自…施行" of the law a province's
        # implementing 办法 implements says nothing of when the 办法 takes effect; of acts named
        # together — "甲条例和乙条例哪一部先施行" — each act's own)
        dated = {
            c.doc_id
            for c in answer.citations
            if EFFECTIVE_CLAUSE.search(c.quote) and SELF_REF.search(c.quote)
        }
        if (
            named_act
            and not records
            and asks_effective(search_form(question))
            and (not dated & set(named_act) or (len(named_act) >= 2 and not set(named_act[:3]) <= dated))
        ):
            # "…哪天起正式实施？" answered from an article that 实施s something else: the act's
            # own commencement clause answers it
            clauses = [item for d in named_act[:3] if (item := catalog.effective_of(self.a.document(d)))]
            if clauses:
                return self._effective(question, clauses)
            if len(named_act) == 1 and not answer.abstained:
                # a text that sets no date of its own ("…报本级人民政府批准后，向社会公布施行" is
                # another matter's): the documents do not say when it takes effect
                title = self.a.document(named_act[0]).meta.title
                return Response(
                    "answer",
                    responses.abstention(question, f"所提供的文件中未找到《{title}》自何时起施行的规定。"),
                )
        return None

    def _effective(self, question: str, items: list[CatalogItem]) -> Response:
        """When the named acts take effect, as the lines of the catalogue that state it."""
        from assistant import responses

        said = [(it.doc.meta.title, it.doc.text.search[it.start : it.end]) for it in items]
        if (undated := _undated_revision(question, said)) is not None:
            return Response("answer", undated)
        result = CatalogResult(kind="effective", items=items)
        answer = responses.catalog_answer(question, result, "", self.a.document)
        if _ASKS_ORDER.search(search_form(question)) and (first := _first_dated(answer)):
            # "哪一部先施行": which, said as well as each one's day
            answer.text = f"{answer.text}\n{first}"
        return Response("documents", answer)

    def _repeal(self, question: str, named: list[str], kind: str, *, since: bool = False) -> Response | None:
        """The sentence in which the first named document repeals the text it replaced, as a
        catalogue answer of ``kind``; None when it repeals nothing. ``since``: asked whether the
        former text is in force, the day the repealing one took effect too."""
        from assistant import catalog, responses

        former = [item for d in named[:1] if (item := catalog.repeal_of(self.a.document(d)))]
        if not former:
            return None
        effective = catalog.effective_of(former[0].doc) if since else None
        if effective is not None and (effective.end <= former[0].start or former[0].end <= effective.start):
            # (the day the repealing text takes effect is the day the former one ceased: "本条例
            # 自2013年1月1日起施行。…《某某条例》同时废止")
            former.insert(0, effective)
        result = CatalogResult(kind=kind, items=former)
        return Response("documents", responses.catalog_answer(question, result, "", self.a.document))

    def _repealers(self, titles: Sequence[str]) -> list[str]:
        """The documents that repeal the named texts the library does not hold ("以前的《某某管理
        办法》还有效吗"): their repeal sentences say what became of them."""
        from assistant import catalog

        docs = self.a.index.documents()
        return [d.meta.doc_id for t in titles if (d := catalog.repealer_of(t, docs)) is not None]

    def top_document(self, qa: QueryAnalysis, doc_ids: list[str] | None) -> list[str]:
        """The document a record question means when it names no title exactly ("济源示范区2024年
        生态环境保护工作要点的文号"): the best passage's document, if the question names its kind
        ("…要点", "…条例"); else the one document of the question's place (and year) of the kind
        it names ("某市2024年那份要点", "那份半年总结")."""
        found = self.a.retriever.retrieve(qa, k=3, doc_ids=doc_ids, mode=self.retriever)
        if found and _kind_named(qa, found[0].chunk.meta.title, found[0].chunk.meta.doc_type):
            return [found[0].chunk.meta.doc_id]
        placed = {i for label in qa.regions for i in qa.region_doc_ids.get(label, [])}
        scope = [
            d
            for d in self.a.index.documents()
            if (not doc_ids or d.meta.doc_id in doc_ids) and (not qa.regions or d.meta.doc_id in placed)
        ]
        years = [str(y) for y in qa.years]
        of_kind = [
            d
            for d in scope
            if d.meta.doc_type
            and _kind_named(qa, "", d.meta.doc_type)
            and all(y in d.meta.title for y in years)
        ]
        return [of_kind[0].meta.doc_id] if len(of_kind) == 1 else []


# a kind of document named by its last two characters ("要点" of 工作要点, "总结" of 工作总结)
KIND_TAIL_CHARS = 2


def _kind_named(qa: QueryAnalysis, title: str, doc_type: str | None) -> bool:
    """Whether the question names the kind of a document: a kind word its title holds
    ("…条例"), or its type, whole or by its tail ("2024年那份要点" of a 工作要点)."""
    if any(t in title for t in qa.doc_types):
        return True
    if not doc_type:
        return False
    return doc_type in qa.search or doc_type[-KIND_TAIL_CHARS:] in qa.search


# "哪一部先施行", "哪个最早生效": the order of the days asked, not only each day
_ASKS_ORDER = re.compile(
    r"(?:哪(?:一|个)?(?:部|个|件)?|谁)[^，,。？?]{0,4}(?:先|最早|最晚|更早|更晚|后)(?:施行|实施|生效)"
)
_CN_DAY = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")


def _first_dated(answer: Answer) -> str:
    """ "其中最早施行的是《甲》（2012年3月1日）[1]。" of an answer that dates two or more acts'
    commencement, one citation each; "" when fewer are dated or two share the first day."""
    dated: dict[str, tuple[tuple[int, int, int], str, int]] = {}
    for c in answer.citations:
        m = _CN_DAY.search(c.quote)
        if m and c.doc_id not in dated:
            day = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
            dated[c.doc_id] = (day, c.title, c.marker)
    if len(dated) < 2:
        return ""
    ranked = sorted(dated.values())
    if ranked[0][0] == ranked[1][0]:
        return f"其中《{ranked[0][1]}》与《{ranked[1][1]}》同日施行[{ranked[0][2]}][{ranked[1][2]}]。"
    (y, mo, d), title, marker = ranked[0]
    first = "最早" if len(ranked) > 2 else "先"
    return f"其中{first}施行的是《{title}》（{y}年{mo}月{d}日）[{marker}]。"


def _undated_revision(question: str, clauses: list[tuple[str, str]]) -> Answer | None:
    """ "2019年修正后自何日施行" answered by commencement clauses (title, text) all dated before
    that revision: they date the text they were written for, and the documents do not say when
    the revision took effect. None when the question asks of no revision or a clause dates it."""
    from assistant import responses

    if (revised := _REVISION_ASKED.search(search_form(question))) is None or not clauses:
        return None
    year = int(revised.group(1))
    for _, text in clauses:
        dated = re.search(r"(\d{4})年", text)
        if str(year) in text or dated is None or int(dated.group(1)) >= year:
            return None
    title = clauses[0][0]
    quoted = "；".join(
        f"《{t}》{m.group(1) if (m := _ARTICLE_LEAD.match(text)) else ''}规定“{text[m.end() if m else 0 :].strip().rstrip('。')}”"
        for t, text in clauses
    )
    return responses.abstention(
        question,
        f"所提供的文件中未找到《{title}》{year}年修改部分的施行日期：{quoted}，为修改前文本的施行日期。",
    )


# records a text states in its record lines when it has them at all: a text with none was not
# (by the documents) published by notice or revised
# records a document may lack, and how an answer names the one it lacks: a provincial act is
# approved by no one, a work plan saved without its page header carries no 文号
_UNRECORDED = {
    "published": "公布日期",
    "revised": "修改情况",
    "approved": "批准情况",
    "number": "文号",
    "date": "成文或发布日期",
    "issuer": "发文机关",
}
_ARTICLE_LEAD = re.compile(rf"\s*(第[{ARTICLE_NUMERAL}]+条)\s*")
# a question asking about one revision of a text: "2019年第一次修正以后…", "2018年修订后"
_REVISION_ASKED = re.compile(r"(\d{4})年[^，,。？?]{0,8}?(?:修正|修订|修改)")
