"""Routing: what a question asks decides which reader answers it.

:meth:`assistant.core.Assistant.respond` is the one entry point of the chat, the CLI, eval and
the benches; it hands the question to :class:`Router`, which sends it on by what it asks:

* where a phrase comes from → exact (then near-exact) phrase search over the whole library;
* which documents exist, or a named document's record → the catalogue;
* a comparison of regions → each region's cited answer beside the comparison table;
* several questions at once → each part answered on its own, then merged;
* anything else → an answer picked from the retrieved passages.

Every route returns the same :class:`Response` shape with a cited :class:`Answer`.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant import elliptic
from assistant.answer.cues import answers_intent, has_any, synonym_group
from assistant.conversation import Turn, own_words, resolve
from assistant.display import short_title
from assistant.index.docstore import StoredDocument
from assistant.intent import QUESTION_WORD, asks_effective
from assistant.numbering import ARTICLE_NUMERAL, cn_to_int, int_to_cn
from assistant.query import analyse, places_inside, search_form
from assistant.regions import find_regions
from assistant.responses import Response, ResponseKind, Scope
from assistant.retrieve import RetrieverMode
from assistant.route_records import RecordRouter
from assistant.schema import (
    Answer,
    Intent,
    Mode,
    Passage,
    QueryAnalysis,
)
from assistant.script import bare
from assistant.status import act_name
from assistant.vocab import question_words

if TYPE_CHECKING:
    from assistant.core import Assistant

# The longest question the chat, the API and batch Q&A accept (a pasted paragraph fits).
MAX_QUESTION_CHARS = 2000


class Router:
    """Sends one question to the reader that answers what it asks (one per question asked)."""

    def __init__(
        self,
        assistant: Assistant,
        scope: Scope | None = None,
        mode: Mode = "extractive",
        retriever: RetrieverMode = "hybrid",
    ) -> None:
        """One router per question: what the user limited it to and how to answer it."""
        self.a = assistant
        self.scope = scope or Scope()
        self.mode: Mode = mode
        self.retriever: RetrieverMode = retriever
        self.records = RecordRouter(assistant, retriever)

    def respond(self, question: str, history: list[Turn] | None = None) -> Response:
        """The one entry point the chat, ``policy-assistant ask``, eval and bench call.

        The question is routed by what it asks: where a phrase comes from (exact phrase search
        over the whole library), which documents exist or a document's record (the catalogue),
        a comparison of regions (the comparison table), several questions at once (each part
        answered), else an answer picked from the passages. Every route returns the same
        :class:`Response` shape with a cited :class:`Answer`.
        """
        from assistant import parts

        t0 = time.perf_counter()
        scope = self.scope
        asked, question = question, parts.without_requests(question)
        qa, carried = self.a.analyse(
            question
            if not scope.regions
            else f"{'、'.join(r.replace(' ', '') for r in scope.regions)} {question}",
            history,
        )
        doc_ids = scope.doc_ids or carried
        response = self._route(question, qa, history, doc_ids)
        if response.answer.abstained and history and (retried := self._breach_described(question, history)):
            response = retried
        if response.answer.abstained and history and (retried := self._own_act(question, qa, doc_ids)):
            response = retried
        answer = response.answer
        answer.question = asked
        answer.resolved_question = answer.resolved_question or qa.search
        answer.regions = answer.regions or qa.regions + qa.missing_regions
        statuses = self.a.statuses()
        for c in answer.citations:
            c.status = statuses[c.doc_id].label if c.doc_id in statuses else ""
        answer.timings["total"] = time.perf_counter() - t0
        return response

    def passages(
        self, question: str, history: list[Turn] | None = None, k: int = 10, response: Response | None = None
    ) -> list[Passage]:
        """The passages the question's route reads, best first: what retrieval means for it.

        A provenance question reads the places its phrase occurs (before the passages nearest
        its words); a question over several regions reads each region's passages, taken in turn
        (the first region's best, the second's, …); a question of several parts reads the whole
        question's and then each part's in turn, as each part is answered from its own. A
        question the catalogue answers (which documents, a document's record, its versions or its
        outline) reads the lines its answer quotes: a page header, a preamble, a heading, which
        share few words with the question. Any other question reads the passages its one answer
        is picked from. ``response``: the question's response, where the caller has it already.
        """
        from assistant import catalog, parts, provenance

        question = parts.without_requests(question)
        qa, carried = self.a.analyse(question, history)
        doc_ids = self.scope.doc_ids or carried

        def read(analysed: QueryAnalysis, scope: list[str] | None) -> list[Passage]:
            return self.a.retriever.retrieve(analysed, k=k, doc_ids=scope, mode=self.retriever)

        found = read(qa, doc_ids or None)
        lists: list[list[Passage]] = []
        response = response or self.respond(question, history)
        if response.kind == "documents":
            return _in_turn([[*self._quoted(response.answer), *found]], k)
        # (the parts of a question the catalogue answered read their record lines, in turn with
        # the others' passages)
        quoted = [
            self._quoted(a)
            for a, kind in zip(response.parts, response.part_kinds, strict=False)
            if kind == "documents"
        ]
        if catalog.is_list_question(qa.search) and not history:
            return found
        if provenance.is_provenance_question(question):
            scope = _phrase_scope(qa, doc_ids)
            hits = self.a.phrases.exact(provenance.phrase_of(question), self._scoped_docs(scope or None))
            chunks = [c for h in hits if (c := self.a.document(h.doc_id).chunk_at(h.start)) is not None]
            lists = [[Passage(chunk=c, score=1.0) for c in chunks], found]
        elif len(qa.regions) >= 2:
            by_region: dict[str, list[Passage]] = {}
            for p in found:
                by_region.setdefault(p.region_label or "", []).append(p)
            lists = list(by_region.values())
        elif len(pieces := parts.split_parts(question)) >= 2:
            # (the whole question's passages first: its words together may find what one
            # part's alone does not)
            lists += [q for q in quoted if q]
            lists.append(found)
            turns: list[Turn] = list(history or [])
            for piece in pieces:
                alone = analyse(piece, self.a.index.documents())
                own = alone.doc_ids or alone.regions or alone.missing_regions
                # (as the part is answered: an elliptic part leans on the parts before it, a part
                # that names no place of its own is about the places the question names)
                context = turns if elliptic.is_fragment(piece) else list(history or [])
                asked = (
                    piece
                    if own or not qa.regions
                    else f"{'、'.join(r.replace(' ', '') for r in qa.regions)} {piece}"
                )
                part_qa, part_carried = self.a.analyse(asked, context or None)
                lists.append(read(part_qa, None if own else (doc_ids or qa.doc_ids or part_carried or None)))
                turns = [*turns, {"role": "user", "content": part_qa.question}]
        return _in_turn(lists, k) if lists else found

    def _quoted(self, answer: Answer) -> list[Passage]:
        """The chunks that hold the quotes of ``answer``, in the order it cites them."""
        out: list[Passage] = []
        for c in answer.citations:
            chunk = self.a.document(c.doc_id).chunk_at(c.quote_start)
            if chunk is not None and all(p.chunk.chunk_id != chunk.chunk_id for p in out):
                out.append(Passage(chunk=chunk, score=1.0))
        return out

    def _own_act(self, question: str, qa: QueryAnalysis, doc_ids: list[str] | None) -> Response | None:
        """A follow-up that names an act of its own (what happens to an agency that works beyond
        its licence, after a question on when it must report closing down), unanswered with the
        previous question's words: asked on its own words, in the documents the conversation is
        about."""
        scope = doc_ids or qa.doc_ids
        if not scope or len(own_words(question)) < 2:
            return None
        alone, _ = self.a.analyse(question, None)
        retried = self._single(question, alone, None, scope)
        return None if retried.answer.abstained else retried

    def _breach_described(self, question: str, history: list[Turn]) -> Response | None:
        """ "要是卖了，被抓到怎么罚？" after "…保护区里能卖高毒农药吗？", when no sanction cites the
        article the answer quoted by its number: the one that describes the act ("…内销售…农药的，
        …"), found with the previous question's words."""

        previous = next((t["content"] for t in reversed(history) if t.get("role") == "user"), "")
        if not previous or not elliptic.names_breach(question):
            return None
        asked = f"{previous.rstrip('？?。 ')} {question}"
        qa, carried = self.a.analyse(asked, None)
        retried = self._single(asked, qa, None, self.scope.doc_ids or carried)
        return None if retried.answer.abstained else retried

    def _route(
        self,
        question: str,
        qa: QueryAnalysis,
        history: list[Turn] | None,
        doc_ids: list[str] | None,
    ) -> Response:
        from assistant import catalog, parts, provenance, responses

        search = qa.search
        if provenance.is_provenance_question(question) and (found := self._provenance(question, qa, doc_ids)):
            return found
        if all(catalog.is_versions_question(p) for p in parts.split_parts(search)) and (
            named := qa.doc_ids or (self.records.top_document(qa, doc_ids) if len(qa.regions) < 2 else [])
        ):
            # (a question with other parts, "何时施行？后来修正过吗？", answers each part; a text
            # described, not named — "常委会那份关于…的决议" — is the one its words find)
            return self.records.versions(question, named)
        if not history and catalog.is_list_question(search):
            result = catalog.list_documents(qa, self._scoped_docs(doc_ids), search)
            label = "、".join(r.replace(" ", "") for r in qa.regions)
            if qa.missing_regions and not qa.regions:
                answer = responses.abstention(
                    question,
                    f"文库中没有{'、'.join(r.replace(' ', '') for r in qa.missing_regions)}的文件。",
                    notice="文库中没有该地区的文件",
                )
            else:
                answer = responses.catalog_answer(question, result, label, self.a.document)
            return Response("documents", answer)
        if qa.doc_ids and catalog.asked_records(search):
            # a record of a named document ("《…》是哪天批准的", "…哪次会议通过？省里哪天批准？"):
            # the places in it are the document's (its approving 省人大常委会), not regions to compare
            if len(pieces := parts.split_parts(question)) < 2:
                return self._single(question, qa, history, doc_ids)
            return self._parts(question, pieces, qa, history, doc_ids)
        if (
            not self.scope.doc_ids
            and not self.scope.regions
            and (comparison := self.a.compare_question(question, history))
        ):
            has_rows = any(row.found for row in comparison.rows)
            # (regions the named documents' titles hold do not make it a question of regions:
            # "《甲省…条例》和《乙市…条例》分别…" asks each document all it asks)
            titled = len(qa.doc_ids) >= 2 and len(re.findall(r"《[^》]+》", question)) >= 2
            if len(qa.regions) + len(qa.missing_regions) >= 2 and not titled:
                # regions named: each region's own answer to the question, one cited line each;
                # the comparison table goes beside it
                answer = self._regions_asked(question, qa, history, doc_ids)
                if answer.abstained and has_rows:
                    answer = responses.comparison_answer(question, comparison, self.a.document)
            elif len(qa.doc_ids) >= 2:
                # documents named: each document's own answer, one cited line each
                rows = [
                    (
                        f"《{short_title(self.a.document(d).meta.title)}》",
                        self._of_document(question, qa, history, d),
                    )
                    for d in sorted(
                        qa.doc_ids, key=lambda d: _named_at(question, self.a.document(d).meta.title)
                    )
                ]
                answer = responses.per_document_answer(question, rows, self.a.document)
                if answer.abstained and has_rows:
                    answer = responses.comparison_answer(question, comparison, self.a.document)
            else:  # "各地…有何不同": the table's rows are the answer
                answer = responses.comparison_answer(question, comparison, self.a.document)
            return Response("comparison", answer, comparison if has_rows else None)
        pieces = parts.split_parts(question)
        if len(pieces) < 2:
            return self._followed(question, qa, history, self._single(question, qa, history, doc_ids))
        return self._parts(question, pieces, qa, history, doc_ids)

    def _regions_asked(
        self, question: str, qa: QueryAnalysis, history: list[Turn] | None, doc_ids: list[str] | None
    ) -> Answer:
        """Each region's own answer to a question over several regions; one of several parts
        ("…分别由谁划定？…分别怎么罚？") is asked part by part, each of the regions named."""
        from assistant import parts, responses

        pieces = parts.split_parts(question)
        if len(pieces) < 2:
            return self.a.ask(
                # ("…？两地的标准一样吗？": the question before, of each place)
                parts.without_compared_ask(question),
                history=history,
                doc_ids=doc_ids,
                retriever=self.retriever,
                mode=self.mode,
            )
        named = "和".join(r.replace(" ", "") for r in (*qa.regions, *qa.missing_regions))
        answered = []
        for piece in pieces:
            # (a part that names no place is about the places the question names)
            asked = piece if find_regions(piece) else f"{named}{piece}"
            answered.append(
                (
                    piece,
                    self.a.ask(
                        asked, history=history, doc_ids=doc_ids, retriever=self.retriever, mode=self.mode
                    ),
                )
            )
        return responses.merge_parts(question, answered, self.a.document)

    def _parts(
        self,
        question: str,
        pieces: list[str],
        qa: QueryAnalysis,
        history: list[Turn] | None,
        doc_ids: list[str] | None,
    ) -> Response:
        """Each part of a multi-part question answered on its own, then merged into one answer.

        Every part is about what the whole question names; a part that names nothing of its
        own ("罚多少？", "这部条例何时施行？") stays with the documents the first parts used.
        """
        from assistant import catalog, responses

        answered: list[tuple[str, Answer]] = []
        kinds: list[ResponseKind] = []
        # parts asked before any document was known, kept to be asked again in the documents a
        # later part found: (index, question asked, its analysis, its context)
        unscoped: list[tuple[int, str, QueryAnalysis, list[Turn]]] = []
        turns: list[Turn] = list(history or [])
        named: list[str] | None = doc_ids or qa.doc_ids or None
        docs = self.a.index.documents()
        for piece in pieces:
            alone = analyse(piece, docs)
            own = alone.doc_ids or alone.regions or alone.missing_regions
            piece_asked = piece
            only = self.a.document(named[0]) if named and len(named) == 1 else None
            home = {only.meta.doc_id: only} if only is not None else {}
            if only is not None and not alone.doc_ids and places_inside(alone, list(home), home):
                # a part asking about 莱芜区 of a named 济南市 regulation: a place inside the
                # document's region asks about that document
                piece_asked = f"《{only.meta.title}》{piece}"
                alone, own = analyse(piece_asked, docs), []
            elif (
                only is not None
                and qa.doc_ids
                and not alone.doc_ids
                and (
                    catalog.asked_records(alone.search)
                    or asks_effective(alone.search)
                    or catalog.is_versions_question(alone.search)
                )
            ):
                # "…条例何时通过？浙江省的批准日期呢？": the province is the one that approved
                # the named document, the record is that document's (and so is its commencement:
                # "…何时批准？哪天起正式实施？" does not ask when the approval took effect, and its
                # revisions: "…后来修正过没有？")
                unplaced = piece
                for m in reversed(find_regions(piece)):
                    unplaced = unplaced[: m.start] + unplaced[m.end :]
                # ("现行…是哪年修订的？经谁批准？": the approval of the text as it now stands)
                now = catalog.asks_latest(qa.search, catalog.asked_records(qa.search))
                piece_asked = f"{'现行' if now else ''}《{only.meta.title}》{unplaced}"
                alone, own = analyse(piece_asked, docs), []
            # only a fragment ("罚多少？", "副组长呢？") borrows the previous part's words; a part
            # that asks its own question ("这部条例何时施行？") keeps only its documents
            context = turns if elliptic.is_fragment(piece) else list(history or [])
            asked = piece_asked
            breach = False
            articles: list[str] = []
            if answered and elliptic.breaches_previous(piece, answered[-1][1].text):
                # "…有什么要求？违反了由谁处罚？": the sanction of the article the previous part cited
                articles = responses.cited_articles(answered[-1][1])
                if articles:
                    # (every article it cites: "要登记吗？" may be answered by two)
                    asked = f"{piece.rstrip('？?')} 违反本条例{'、'.join(articles)}规定"
                    breach = True
            # a part that names no place of its own is about the place the question names
            # ("某市的渣土车要办什么手续？没办的怎么罚？")
            # (after it is resolved against the earlier parts: an elliptic part takes the
            # earlier part's words and place; one that is not still needs the place)
            part_qa: QueryAnalysis | None = None
            if qa.regions and not own:
                resolved = resolve(asked, context or None, docs).question
                found = analyse(resolved, docs)
                if found.regions or found.missing_regions or found.doc_ids:
                    part_qa = found  # what Assistant.analyse(asked, context) would return
                else:
                    asked = f"{'、'.join(r.replace(' ', '') for r in qa.regions)} {resolved}"
            if part_qa is None:
                part_qa, _ = self.a.analyse(asked, context or None)
            part_docs = None if own else named
            part = self._single(asked, part_qa, context or None, part_docs)
            if part.answer.abstained and breach and named:
                # no sanction cites the article by number: the one that describes the act
                # ("…保护范围内…从事网箱养鱼…的，…逾期不改正的，…罚款") answers, in the same document
                own_qa, _ = self.a.analyse(piece_asked, context or None)
                described = self._single(piece_asked, own_qa, context or None, named)
                part = part if described.answer.abstained else described
            if breach and (
                part.answer.abstained
                or not (_cites_any(part.answer, articles) or _names_act(part.answer, piece))
            ):
                # nor by the words of the part alone: the act as the part before it asked it
                # ("…河道里能不能采砂？私自挖了要罚多少？" → the sanction on digging sand there);
                # also where the sanction found cites none of the articles broken: a sanction
                # that describes the act instead ("违反本条例规定，…废弃的…设施未在规定时间内
                # 拆除…的") is the one the act's words lead to, when it repeats more of the
                # duty's words than the one found on the article number
                joined = f"{answered[-1][0].rstrip('？?。')}，{piece}"
                with_act = self._single(joined, self.a.analyse(joined, None)[0], None, named or part_docs)
                if with_act.answer.abstained and (matter := _matter_of(answered[-1][0])):
                    # (the part before without its own ask: "…废弃的杆体要几天内拆完？" asks a time
                    # limit, and with it the sanction is not what the joined question asks)
                    joined = f"{matter}，{piece}"
                    with_act = self._single(joined, self.a.analyse(joined, None)[0], None, named or part_docs)
                duty = answered[-1][1]
                if not with_act.answer.abstained and (
                    part.answer.abstained
                    or _shared_bigrams(with_act.answer, duty) > _shared_bigrams(part.answer, duty)
                ):
                    part = with_act
            fuller = asked
            if (
                answered
                and not own
                and not breach
                # (a record the part asks, "哪天发的？", is answered by the catalogue itself)
                and part.kind == "answer"
                and part_qa.intent in _FACT_INTENTS
                and elliptic.is_fragment(piece)
                and not own_words(piece)
                and answers_intent(answered[-1][1].text, part_qa.intent)
            ):
                # "期限多长？" names nothing but the kind of fact, and the part before it was
                # answered with a provision that states one: that provision answers it (the merge
                # says "见（1）"), not another article that has the word 期限
                part = Response("answer", dataclasses.replace(answered[-1][1]))
            if part.answer.abstained and context and elliptic.is_fragment(piece) and not own:
                # "几天内要答复？" after "…由哪个部门受理？": a part that found
                # nothing on its own words asks about the previous part's matter
                whole = resolve(piece_asked, context, docs, fragment=True).question
                retried = self._single(whole, self.a.analyse(whole, None)[0], None, part_docs)
                part = part if retried.answer.abstained else retried
                fuller = whole
            if part.answer.abstained and not own and (beside := _answered_articles(answered)):
                # "…多久不办算拖延？退货运费谁出？": the answer may stand beside the earlier
                # part's, in the article it was answered from (asked with the matter a fragment
                # leans on: "多久出结果" shares no word with "…三十日内作出确认")
                within = self.a.ask_within(fuller, beside, context or None)
                part = part if within.abstained else Response("answer", within)
            elif (
                part.kind == "answer"
                and not part.answer.abstained
                and not own
                and not breach
                and part_qa.intent != "penalty"
                and (beside := _answered_articles(answered))
                and not set(responses.cited_article_refs(part.answer)) <= set(beside)
            ):
                # "…对水费有异议几天内提出？…几天内答复？不答复怎么办？": a part on the same matter
                # is answered from the article the earlier part was, when that article answers it
                # as well as any would, not from another that shares its words ("…供水企业应当
                # 自受理之日起十日内作出答复" of an application for supply)
                # (from those articles themselves, and with what no earlier part quoted: a part
                # asking another thing of the same matter may stand anywhere; unless the part's
                # own answer quotes the earlier one too, beside an article's that only shares its
                # words: then the earlier part answered it already)
                quoted = {(c.doc_id, c.quote) for _, earlier in answered for c in earlier.citations}
                echoed = any((c.doc_id, c.quote) in quoted for c in part.answer.citations)
                same = self._within_articles(fuller, beside, context or None, part_qa.intent)
                if (
                    same
                    and set(responses.cited_article_refs(same)) <= set(beside)
                    # (not when the part's own answer says what the part names and that article
                    # does not: "…缺水的地方还能新批取水吗？" beside the article on
                    # who approves 取水)
                    and not _says_more(part.answer, same, piece)
                ):
                    again = [(c.doc_id, c.quote) in quoted for c in same.citations]
                    # (as it did for a fragment that names nothing else: "期限多长？" after an
                    # answer that states the time limit)
                    if not any(again) or (all(again) and (echoed or elliptic.is_fragment(piece))):
                        part = Response("answer", same)
            if (
                answered
                and part.kind == "answer"
                and not part.answer.abstained
                and not elliptic.escalates(piece)
                and not elliptic.asks_if_said(piece)
                and _repeats_earlier(part.answer, [a for _, a in answered])
                and (unsaid := _unsaid(piece, [a for _, a in answered]))
            ):
                # "…检查至少几个人？执法人员没亮证件呢？": the sentence an earlier part quoted
                # matched this part's words too, but says nothing of what this part asks about
                # (没亮: "不出示…的，…有权拒绝接受检查"); the part is answered by another unit
                # that does, when one passes the usual bar
                quotes = frozenset((c.doc_id, c.quote) for _, a in answered for c in a.citations)
                other = self.a.ask(
                    asked,
                    history=context or None,
                    regions=self.scope.regions or None,
                    doc_ids=part_docs,
                    retriever=self.retriever,
                    mode=self.mode,
                    avoid=quotes,
                )
                if not other.abstained and any(has_any(other.text, g) for g in unsaid):
                    part = Response("answer", other)
            if (
                answered
                and not answered[-1][1].abstained
                and (act := elliptic.escalated_act(piece))
                and not elliptic.states_escalation(answered[-1][1].text, act)
                and (articles_before := _answered_articles(answered[-1:]))
            ):
                # "…毁了湿地罚多少？责令恢复后还是拒不恢复呢？": the article
                # the sanction was quoted from sets that case in a 款 of its own ("前款规定限期恢复
                # 原状的，…拒不恢复…的，由…代为恢复"), which has no fine to rank it by: the article
                # is read for the act the part names, not for a sanction
                # (asked as provisions write the case, not with the part's other words, which
                # the sanction's items share: "限期恢复原状")
                within = self.a.ask_within(elliptic.escalation_forms(act), articles_before)
                if not within.abstained and elliptic.states_escalation(within.text, act):
                    part = Response("answer", within)
            if (
                answered
                and not own
                and not answered[-1][1].abstained
                and (words := own_words(piece))
                and all(w in answered[-1][1].text for w in words)
                and elliptic.escalates(piece)
            ):
                # "…违反了罚多少？情节严重的呢？": the sanction quoted for the part before
                # sets it in its own clause ("…罚款；情节严重的，吊销…")
                part = Response("answer", dataclasses.replace(answered[-1][1]))
            if answered and elliptic.asks_if_said(piece):
                # "…补助标准是多少？文件里有规定吗？": what the part before found (or did not)
                # is the answer; not another provision that says 标准
                part = Response("answer", dataclasses.replace(answered[-1][1]))
            part.answer.question = piece
            if part.answer.abstained and part_docs is None and not alone.doc_ids:
                unscoped.append((len(answered), asked, part_qa, context))
            answered.append((piece, part.answer))
            kinds.append(part.kind)
            if named is None and part.answer.citations and not part.answer.abstained:
                named = list(dict.fromkeys(c.doc_id for c in part.answer.citations))
            # the part as resolved is what a following elliptic part leans on
            turns = [
                *turns,
                {"role": "user", "content": part_qa.question},
                {"role": "assistant", "content": part.text},
            ]
        for i, asked, part_qa, context in unscoped if named else []:
            # "…申请复核后几天内答复？对复核结果不服向谁申诉？": the first part, asked across the
            # library, found nothing; the document a later part found is the one the question is
            # about, so the first is asked again inside it
            retried = self._single(asked, part_qa, context or None, named)
            if not retried.answer.abstained:
                retried.answer.question = answered[i][0]
                answered[i] = (answered[i][0], retried.answer)
                continue
            # ("…多少天内出结论？对结论不服，多长时间内可以重新鉴定？": the first part's answer
            # stands beside the article a later part was answered from)
            others = [a for k, a in enumerate(answered) if k != i]
            if beside := _answered_articles(others, beside=True):
                within = self.a.ask_within(asked, beside, context or None)
                if not within.abstained:
                    within.question = answered[i][0]
                    answered[i] = (answered[i][0], within)
        merged = responses.merge_parts(question, answered, self.a.document)
        return Response("answer", merged, parts=[a for _, a in answered], part_kinds=kinds)

    def _provenance(self, question: str, qa: QueryAnalysis, doc_ids: list[str] | None) -> Response | None:
        """Where the question's phrase occurs, or None when an unquoted phrase is not in the
        library word for word (the question then describes a provision and is answered from
        passages)."""
        from assistant import provenance, responses

        phrase = provenance.phrase_of(question)
        scope = _phrase_scope(qa, doc_ids)
        docs = self._scoped_docs(scope or None)
        hits = self.a.phrases.exact(phrase, docs)
        quoted = provenance.is_quoted(question)
        if not hits and quoted:
            found = self.a.retriever.retrieve(qa, k=10, doc_ids=scope or None, mode=self.retriever)
            hits = self.a.phrases.near(phrase, found, {d.meta.doc_id: d for d in docs})
        if not hits and not quoted:
            return None
        return Response("provenance", responses.provenance_answer(question, phrase, hits, self.a.document))

    def _followed(
        self, question: str, qa: QueryAnalysis, history: list[Turn] | None, found: Response
    ) -> Response:
        """An elliptic follow-up ("要是停两天呢？") answered from the article the
        previous answer quoted, when that article answers it at the usual bar with something the
        previous answer did not say and ``found`` stands elsewhere: the matter is the same, and
        another article that shares its words answers another matter (as for a later part of one
        question, see :meth:`_parts`)."""
        from assistant import responses
        from assistant.conversation import is_elliptic, own_words, quoted_articles

        if not history or found.kind != "answer" or not is_elliptic(question):
            return found
        before = quoted_articles(history, self.a.index.documents())
        if not before or set(responses.cited_article_refs(found.answer)) & set(before):
            return found
        within = self._within_articles(question, before, history, qa.intent)
        said = re.sub(
            r"\s", "", next((t["content"] for t in reversed(history) if t["role"] == "assistant"), "")
        )
        if (
            within is None
            or all(re.sub(r"\s", "", c.quote) in said for c in within.citations)
            # (a follow-up naming a matter of its own, "那把承重墙拆了呢？", asks about that matter)
            or not all(w in said or w in within.text for w in own_words(question))
        ):
            return found
        return Response("answer", within)

    def _within_articles(
        self, question: str, articles: list[tuple[str, str]], history: list[Turn] | None, intent: Intent
    ) -> Answer | None:
        """The answer read inside ``articles`` at the usual bar that says the kind of thing asked
        (a question of which body to consult is not answered by the fine of the article a sanction
        before it was quoted from), or None."""
        within = self.a.ask_within(question, articles, history, ratio=1.0)
        if within.abstained or (intent in _FACT_INTENTS and not answers_intent(within.text, intent)):
            return None
        return within

    def _of_document(
        self, question: str, qa: QueryAnalysis, history: list[Turn] | None, doc_id: str
    ) -> Answer:
        """A question asked of one of the documents it names, with all its parts: a question
        asking two documents when each took effect and what each repealed asks each both."""
        from assistant import parts

        # (the places its title holds are this document's: no part is asked of them apart)
        own = dataclasses.replace(qa, doc_ids=[doc_id], regions=[], missing_regions=[])
        # (a part naming the other documents too, "《甲》和《乙》各自何时施行？", is asked of
        # this one alone: asked of all, it is answered from whichever ranks first)
        title = self.a.document(doc_id).meta.title
        pieces = [_named_alone(p, title) for p in parts.split_parts(question)]
        if len(pieces) >= 2:
            return self._parts(question, pieces, own, history, [doc_id]).answer
        # (asked naming this document alone: the other title's place is no region to answer for)
        answer = self._single(pieces[0] if pieces else question, own, history, [doc_id]).answer
        answer.question = question
        return answer

    def _single(
        self,
        question: str,
        qa: QueryAnalysis,
        history: list[Turn] | None,
        doc_ids: list[str] | None,
    ) -> Response:
        """One question (or one part of a question): a document's record, else an answer."""
        from assistant import catalog

        named_act = qa.doc_ids or doc_ids
        # the records this part itself asks ("哪天成文的？" after "文号是多少？"), not the earlier ones
        records = catalog.asked_records(search_form(question)) or catalog.asked_records(qa.search)
        if (recorded := self.records.of_the_record(question, qa, doc_ids, named_act, records)) is not None:
            return recorded
        answer = self.a.ask(
            question,
            history=history,
            regions=self.scope.regions or None,
            doc_ids=doc_ids,
            retriever=self.retriever,
            mode=self.mode,
        )
        if (dated := self.records.effective_after(question, answer, named_act, records)) is not None:
            return dated
        return Response("answer", answer)

    def _scoped_docs(self, doc_ids: list[str] | None) -> Sequence[StoredDocument]:
        docs = self.a.index.documents()
        if doc_ids:
            wanted = set(doc_ids)
            return [d for d in docs if d.meta.doc_id in wanted]
        return docs


_HAN = re.compile(r"[\u4e00-\u9fff]{2}")


# the intents whose answers state a fact of their kind: a time, a figure, who acts
_FACT_INTENTS = ("number", "deadline", "responsible")

# the other titles a part names beside a document's, with the word joining them
_OTHER_TITLE = re.compile(r"《([^》]+)》\s*(?:和|与|及|以及|、|，|,)?\s*")


def _phrase_scope(qa: QueryAnalysis, doc_ids: list[str] | None) -> list[str]:
    """Where a provenance question's phrase is looked for: the documents the user or the question
    names, else the question's regions' documents; [] for the whole library."""
    return doc_ids or qa.doc_ids or [i for r in qa.regions for i in qa.region_doc_ids.get(r, [])]


def _matter_of(part: str) -> str:
    """What a part asks about, without its ask: the words before its first question word, less a
    modal verb they end on ("某市的旧杆体要几天内拆完？" → "某市的旧杆体");
    "" when that leaves too little to name a matter."""
    m = QUESTION_WORD.search(part)
    matter = part[: m.start()].rstrip("，,、 要需应得必须能可以在是的") if m else ""
    return matter if len(matter) >= MATTER_MIN_CHARS else ""


# The fewest characters that name a matter of their own
MATTER_MIN_CHARS = 6


def _cites_any(answer: Answer, articles: Sequence[str]) -> bool:
    """Whether a quote of ``answer`` cites one of ``articles`` ("第十八条") by number (not as the
    end of another number: "第四十八条" is not "第十八条")."""
    return any(
        re.search(rf"(?<![{ARTICLE_NUMERAL}]){article[1:]}", c.quote)
        for c in answer.citations
        for article in articles
    )


def _names_act(answer: Answer, piece: str) -> bool:
    """Whether the quotes of ``answer`` name the act a part names of its own ("私自取水被查到罚
    多少？": 取水), beside the words that only say a rule was broken or a duty left undone
    ("违反了", "逾期不改", "擅自")."""
    q = question_words()
    markers = (*q.breaches, *q.negations, *q.done_manners, *q.persisting)
    words = [w for w in own_words(piece) if len(w) >= 2 and not any(m in w for m in markers)]
    quotes = "".join(c.quote for c in answer.citations)
    return bool(words) and all(w in quotes for w in words)


def _repeats_earlier(answer: Answer, earlier: Sequence[Answer]) -> bool:
    """Whether every quote of ``answer`` is one an earlier part's answer gave, or lies inside one
    (the merge would say "见（1）所引条文")."""
    said = {(c.doc_id, bare(c.quote)) for a in earlier for c in a.citations}
    return bool(answer.citations) and all(
        any(d == c.doc_id and bare(c.quote) in q for d, q in said) for c in answer.citations
    )


def _asked_words(piece: str) -> list[tuple[str, ...]]:
    """The words a part asks about, each with the ways provisions write it."""
    return [synonym_group(w) for w in own_words(piece)]


def _unsaid(piece: str, earlier: Sequence[Answer]) -> list[tuple[str, ...]]:
    """The words a part asks about that no earlier part's answer says."""
    said = "".join(a.text for a in earlier)
    return [g for g in _asked_words(piece) if not has_any(said, g)]


def _says_more(answer: Answer, other: Answer, piece: str) -> bool:
    """Whether ``answer`` says a word ``piece`` asks about that ``other`` does not."""
    return any(has_any(answer.text, g) and not has_any(other.text, g) for g in _asked_words(piece))


def _shared_bigrams(answer: Answer, other: Answer) -> int:
    """How many distinct two-character runs of Chinese the quotes of two answers share."""

    def runs(a: Answer) -> set[str]:
        text = "".join(c.quote for c in a.citations)
        return {text[i : i + 2] for i in range(len(text) - 1) if _HAN.fullmatch(text[i : i + 2])}

    return len(runs(answer) & runs(other))


def _in_turn(lists: Sequence[Sequence[Passage]], k: int) -> list[Passage]:
    """The first ``k`` distinct passages of ``lists`` taken in turn: each list's best, then each
    list's second, …, ranked in that order."""
    out: list[Passage] = []
    seen: set[str] = set()
    for rank in range(max(len(x) for x in lists)):
        for x in lists:
            if rank < len(x) and x[rank].chunk.chunk_id not in seen and len(out) < k:
                seen.add(x[rank].chunk.chunk_id)
                out.append(dataclasses.replace(x[rank], rank=len(out) + 1))
    return out


def _named_at(question: str, title: str) -> int:
    """Where the question names the document titled ``title`` (its rows follow the question)."""
    at = [m.start() for m in _OTHER_TITLE.finditer(question) if act_name(m.group(1)) == act_name(title)]
    return at[0] if at else len(question)


def _named_alone(piece: str, title: str) -> str:
    """``piece`` naming only ``title`` of the titles it names, when it names that one: the others
    are dropped with the word joining them ("《甲》和《乙》分别…" asked of 乙 is "《乙》分别…")."""
    named = [m.group(1) for m in _OTHER_TITLE.finditer(piece)]
    if len(named) < 2 or not any(act_name(t) == act_name(title) for t in named):
        return piece
    return _OTHER_TITLE.sub(
        lambda m: f"《{m.group(1)}》" if act_name(m.group(1)) == act_name(title) else "", piece
    )


def _answered_articles(answered: Sequence[tuple[str, Answer]], beside: bool = False) -> list[tuple[str, str]]:
    """(document id, "第N条") of every article the parts answered so far quote; ``beside``: with
    the articles on either side of each, for a part no document was found for on its own words
    (the questions an official asks together follow the document's order: 集会的时间 in 第二十五条
    beside 集会的地点 in 第二十四条)."""
    from assistant.responses import cited_article_refs

    out: list[tuple[str, str]] = []
    for _, answer in answered:
        if answer.abstained:
            continue
        for doc_id, article in cited_article_refs(answer):
            n = cn_to_int(article[1:-1])
            for k in ((n, n - 1, n + 1) if beside else (n,)) if n else ():
                if k > 0 and (doc_id, f"第{int_to_cn(k)}条") not in out:
                    out.append((doc_id, f"第{int_to_cn(k)}条"))
    return out
