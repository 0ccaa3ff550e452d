"""The default answerer: picks the sentences that answer the question and cites them. No LLM.

For each of the top passages the chunk is cut into units (:mod:`assistant.sentences`) and
every unit is scored against the question::

    score = coverage × (1 + intent_bonus) × shape + rank_bonus + year_bonus

* ``coverage`` ∈ [0, 1]: IDF-weighted share of the question's words found in the unit
  (Simplified text; jieba search-mode words; stopwords, question words and region names
  removed; single characters weigh 0.3). A word found only in the chunk's title or section
  heading earns half credit. IDF is computed over all candidate units of this question, so a
  word every unit has counts for little.
* ``intent_bonus``: the unit has what the question type asks for: a figure with a unit and a
  target verb (number), a date or 前/底 (deadline), 牵头/负责/主管部门 or a department in
  brackets (responsible), 是指/所称 (definition), an enumeration item (list).
* ``shape`` < 1 for units that are probably not answers: very short ones (×0.5), lead-ins ending
  in ： (×0.7), units naming only other years than the asked one in a number/deadline question
  (×0.5), and up to ×0.9 by length so the shorter of two equal matches wins.
* ``rank_bonus`` = 0.1 × (1 − position / passages considered), from the fused ranking.
* ``year_bonus`` 0.1 when the unit names a year the question asks about.

The best unit's score (``Answer.timings["best_unit_score"]``) below ``min_score`` means the
documents do not answer the question, and the answerer abstains.

The cues scored here (figures, fines, dates, duty holders) are in :mod:`assistant.answer.cues`;
cutting the chosen units to their clauses, citing and joining them is :mod:`assistant.answer.compose`.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import re
import time
from collections.abc import Callable, Iterable, Sequence

import jieba

from assistant.answer.candidates import Candidate, GetDoc, Pick, search_slice
from assistant.answer.compose import (
    CONDITION_END,
    ENUMERATION_LEAD,
    EXTENDS,
    complete_provision,
    compose,
    focus,
    render,
)
from assistant.answer.cues import (
    ACTOR,
    ARTICLE_START,
    ASKED_COUNTER,
    ASKED_MONEY,
    ASKED_UNIT,
    ASKS_COMPETENT,
    BORNE_BY,
    COLLOQUIAL,
    COMPETENCE,
    DATE,
    DEFINITION,
    DUTY_LABEL,
    FIGURE,
    FINE,
    FINE_AMOUNT,
    INDICATOR_NOUNS,
    LEAD_DUTY,
    MONEY_FIGURE,
    NOT_COVERED,
    PER_UNIT_ASKED,
    PERIOD,
    PROHIBITION,
    PUNCT,
    PURPOSE_CLAUSE,
    RESPONSIBLE,
    SANCTION_POWER,
    STOPWORDS,
    SYNONYMS,
    TIME_OF_DAY,
    WAIVED,
    answers_intent,
    article_number,
    asked_units,
    asks_clock,
    counted_noun,
    counts_asked,
    counts_from_asked,
    forbids_itself,
    frames_ask,
    given_figures,
    has_any,
    join_locatives,
    join_named_periods,
    join_negations,
    join_particle_tails,
    join_rates,
    only_purpose,
    other_years_only,
    passage_texts,
    pos_tags,
    prohibits,
    required_terms,
    search_words,
    states_measure,
    states_time,
    states_unit,
    strip_guarding,
    strip_locative,
    strip_particle,
    strip_question_word,
    synonym_group,
    topic_of,
    years_covered,
)
from assistant.answer.definitions import widen_by_definitions
from assistant.answer.elsewhere import (
    DELEGATED,
    LISTED_ELSEWHERE,
    asks_standard,
    left_to_another,
    lists_itself,
    no_amount,
    only_delegates,
    set_elsewhere,
)
from assistant.answer.lists import (
    announcing_lead,
    enumeration_chunks,
    inline_list,
    list_items,
    richer_list,
    subject_enumeration,
)
from assistant.answer.provisions import (
    ASKS_RECORD,
    each_named,
    joined,
    record_line,
    same_breach,
    same_quantity,
)
from assistant.answer.sanctions import (
    BY_REFERENCE,
    article_lead,
    asked_act,
    cap_of_item,
    cited_paragraph,
    duty_chunks,
    duty_passages,
    enforced_in_words,
    enforcer_lead,
    enforcing_clause,
    fine_of_item,
    forbids,
    in_liability_chapter,
    offence_item,
    own_article,
    sanction_chunks,
    sanction_lead,
    unsanctioned_article,
)
from assistant.answer.scoring import (
    CHAPTER_HEAD,
    Term,
    exemplifies,
    intent_bonus,
    level_pair,
    neighbour_only,
    score,
)
from assistant.answer.sides import CHOICE_RIVAL, EACH_RIVAL, choice, each_asked, names_both, units_for_each
from assistant.answer.tables import TableReader, compose_rows, table_rows
from assistant.answer.verify import MARKER
from assistant.index.bm25 import glued_to, said_whole
from assistant.intent import (
    A_NOT_A,
    ASKED_DURATION,
    ASKED_PERIOD,
    EFFECTIVE_CLAUSE,
    TIME_LIMIT,
    asks_consequence,
    asks_effective,
    asks_start,
    asks_who,
    detect_intent,
)
from assistant.numbering import ARTICLE_NUMERAL, OUTLINE_NUMERAL
from assistant.query import for_region, names_feature_elsewhere, scoped_query
from assistant.schema import Answer, Chunk, Citation, Intent, Passage, QueryAnalysis
from assistant.script import bare, fold_width, in_order, to_simplified
from assistant.sentences import ENUMERATION_LEAD_IN, chunk_units
from assistant.vocab import (
    alternation,
    basis_pattern,
    instruction_pattern,
    purpose_pattern,
    question_words,
    vocabulary,
)

jieba.setLogLevel(60)  # its loading chatter is not for officials' terminals
# passages whose documents are searched for the duty a penalty question names, when they are
# all sanctions: the sanctions of many acts rank alike, so the document with the duty may be fifth
DUTY_SEARCH_PASSAGES = 5
# why an answer abstained when no passage read matched the question well enough (not when the
# documents were found to leave the thing asked unset)
NO_MATCH = "检索到的段落与问题匹配度不足"
# why it abstained when the unit picked leaves out the question's most specific word, which
# another provision names (``neighbour_only``)
NOT_IN_PICK = "相关条文未规定所问的"
# a question naming the time limit it asks ("试用期限多长"): answered by a time
_LIMIT_NAMED = re.compile(r"期限|时限")
# a question that names the article it asks about ("第六十条规定的行为罚多少")
ARTICLE_NAMED = re.compile(rf"第[{ARTICLE_NUMERAL}\d]+条")
# a grade or class ("一级", "乙类", "Ⅲ类", "二等"): a numbered rank of a thing, not a count
_GRADE = re.compile(r"[一二三四五六甲乙丙丁戊ⅠⅡⅢⅣⅤ][级类等]")
# a caller's second way to a penalty question's answer (see ``ExtractiveAnswerer.answer``)
Reread = Callable[[QueryAnalysis], Answer | None]


def _framed(c: Candidate, terms: Iterable[tuple[str, ...]]) -> bool:
    """Whether ``c`` is an article whose first 款 only states the act's purpose or scope, and
    whose later 款 match no word of the question that one does not."""
    paragraphs = [p for p in c.search.split("\n") if p.strip()]
    if c.unit.kind != "article" or len(paragraphs) < 2 or not only_purpose(paragraphs[0]):
        return False
    rest = "\n".join(paragraphs[1:])
    return not any(has_any(rest, g) and not has_any(paragraphs[0], g) for g in terms)


class ExtractiveAnswerer:
    """Answers from the passages' own sentences, each cited with an exact quote.

    >>> answerer = ExtractiveAnswerer()
    >>> answer = answerer.answer(analysis, passages, store.get)   # doctest: +SKIP
    """

    def __init__(
        self,
        # Swept on eval/questions.jsonl with the final scoring (wrong answers + wrong refusals +
        # answered unanswerables): 0.2 → 21, 0.25 → 21, 0.3 → 20, 0.35 → 20, 0.4 → 22, 0.5 → 33.
        # 0.3 ties for fewest errors and refuses less often (false rejection 0.018 vs 0.024).
        min_score: float = 0.3,
        top_k: int = 6,
        max_clause_chars: int = 120,
        number_clause_chars: int = 40,
        max_answer_chars: int = 500,
        # a regulation's 款 is quoted whole up to this length, with the 款 that carry it on
        provision_chars: int = 300,
        list_items: int = 5,
        second_ratio: float = 0.8,
        city_discount: float = 0.9,
        off_topic_discount: float = 0.85,
        # a question no passage of the first ``top_k`` answers reads twice as many (see answer)
        widen: bool = True,
    ) -> None:
        self.min_score = min_score
        self.top_k = top_k
        self.max_clause_chars = max_clause_chars
        self.number_clause_chars = number_clause_chars
        self.max_answer_chars = max_answer_chars
        self.provision_chars = provision_chars
        self.list_items = list_items
        # an enumeration is the provision and is given whole; compose trims past the answer budget
        self.enumeration_items = 30
        self.second_ratio = second_ratio
        self.city_discount = city_discount
        self.off_topic_discount = off_topic_discount
        self.widen = widen
        # (document id, quote) an earlier part of the question was answered with: a unit inside
        # one, or holding one, is not this part's answer (see ``Assistant.ask(avoid=…)``)
        self.avoid: frozenset[tuple[str, str]] = frozenset()

    # -- entry point -------------------------------------------------------------------------

    def answer(
        self,
        analysis: QueryAnalysis,
        passages: list[Passage],
        get_doc: GetDoc,
        *,
        reread: Reread | None = None,
    ) -> Answer:
        """The cited answer to ``analysis`` from ``passages``, or an abstention that says why.

        ``reread``: how the caller answers a penalty question its passages do not (through the
        duties the act is found in); a comparison asks it of each region row that found nothing,
        so a row is as complete as the region's own answer would be.

        "在河道里私搭棚屋，怎么处理？" names an act without saying it breaks a rule: read as
        it is asked, it finds the provision that forbids the act; what it asks is what follows
        from doing it, so when the provision found forbids, the sanction is the answer.
        """
        found = self._answer(analysis, passages, get_doc, reread)
        question = analysis.search or to_simplified(analysis.question)
        if (
            found.abstained
            or _several_regions(analysis)
            or analysis.intent == "penalty"
            or detect_intent(question) == "penalty"
            or not asks_consequence(question)
            or not forbids(get_doc, found.citations[0])
        ):
            return found
        sanction = self._answer(dataclasses.replace(analysis, intent="penalty"), passages, get_doc)
        return found if sanction.abstained else sanction

    def _answer(
        self, analysis: QueryAnalysis, passages: list[Passage], get_doc: GetDoc, reread: Reread | None = None
    ) -> Answer:
        t0 = time.perf_counter()
        question_search = analysis.search or to_simplified(analysis.question)
        intent: Intent = analysis.intent if analysis.intent != "general" else detect_intent(question_search)
        ranked = sorted(enumerate(passages), key=lambda ip: (ip[1].rank if ip[1].rank > 0 else 10**6, ip[0]))
        ordered = [p for _, p in ranked]
        topic = topic_of(analysis.question)

        def abstain(best: float = 0.0, reason: str = "", text: str = "") -> Answer:
            return Answer(
                question=analysis.question,
                text=text or f"所提供的文件中未找到关于{topic}的规定。",
                citations=[],
                passages=ordered[: self.top_k],
                abstained=True,
                mode="extractive",
                notice=reason,
                timings={"best_unit_score": best, "extract": time.perf_counter() - t0},
                resolved_question=analysis.question,
                regions=list(analysis.regions),
            )

        if not ordered:
            return abstain(reason="未检索到相关段落")
        if analysis.missing_docs and not analysis.doc_ids:
            named = "、".join(f"《{t}》" for t in analysis.missing_docs)
            return abstain(
                reason="文库中没有所问文件：" + named,
                text=f"所提供的文件中未找到{named}，文库中没有该文件，无法据此回答。",
            )
        if analysis.missing_regions and not analysis.regions:
            return abstain(
                reason="文库中没有该地区的文件："
                + "、".join(r.replace(" ", "") for r in analysis.missing_regions)
            )
        if _several_regions(analysis):
            return self._per_region(analysis, ordered, get_doc, t0, reread)
        if analysis.years:
            covered = years_covered([t for p in ordered for t in passage_texts(p)])
            absent = [y for y in analysis.years if y not in covered]
            if absent:
                return abstain(reason="文件未涵盖所问年份：" + "、".join(f"{y}年" for y in absent))

        # a table row the question names is read with its header (see answer.tables)
        # what the best passages refer to in an attachment ("各乡镇目标见附件1") is read with them
        annexed = self._annexed(ordered, get_doc)
        tabled = self._from_tables(analysis, question_search, intent, ordered, get_doc, annexed)
        if tabled is not None:
            text, citations = tabled
            used = [p for p in ordered + annexed if any(p.chunk.chunk_id == c.chunk_id for c in citations)]
            return Answer(
                question=analysis.question,
                text=text,
                citations=citations,
                passages=used + [p for p in ordered[: self.top_k] if p not in used],
                abstained=False,
                mode="extractive",
                timings={"best_unit_score": 1.0, "extract": time.perf_counter() - t0},
                resolved_question=analysis.question,
                regions=list(analysis.regions),
            )
        # the words of a title the question names match every unit of that document: drop them
        named_docs = [get_doc(i) for i in analysis.doc_ids] if analysis.doc_ids else []
        terms = self._question_terms(scoped_query(question_search, analysis.doc_ids, named_docs), analysis)
        related = _unique(annexed + self._related(question_search, intent, ordered, get_doc, terms))
        considered = ordered[: self.top_k] + related
        all_cands = self._candidates(considered, get_doc)
        if self.avoid:
            all_cands = [c for c in all_cands if not _repeats(c, self.avoid)]
        # "挖掘机" is asked as the class a document defines it in ("非道路移动机械")
        terms = widen_by_definitions(terms, (c.chunk.doc_id for c in all_cands), get_doc)
        # a quoted name no passage writes as quoted ("以农民投资为主" of "农村集体经济组织或农民投资
        # 为主") is asked by its words alone, which stay terms of their own
        quoted = set(_QUOTED_TERM.findall(question_search))
        # a quoted name of a day or an event the documents read do not hold (a "…读书日" where
        # they speak of a 读书月): they do not name it, and nothing they say of its words is
        # about it
        occasions = question_words().occasions
        occasion_names = [q for q in sorted(quoted) if len(q) >= 4 and q.endswith(occasions)]
        read_texts = (
            [get_doc(d).text.search for d in {c.chunk.doc_id for c in all_cands}] if occasion_names else []
        )
        if unnamed := [q for q in occasion_names if not any(q in t for t in read_texts)]:
            said = "所提供的文件中未提及" + "、".join(f"“{q}”" for q in unnamed)
            return abstain(reason=said, text=said + "。")
        terms = [
            g
            for g in terms
            if g[0] not in quoted
            or any(has_any(c.search, g) for c in all_cands)
            or not any(h[0] != g[0] and h[0] in g[0] for h in terms)
        ]
        effective = asks_effective(question_search)
        start = asks_start(question_search)
        for c in all_cands:
            c.asks_effective = effective
            c.asks_start = start
        # (and the instances the question gives of the class it asks about: "水管爆裂、外墙开裂
        # 这类险情，经费如何使用" asks of 险情, not of the list of cases 外墙 stands in)
        lesser = _context_only(terms, analysis) | {g for g in terms if exemplifies(g[0], question_search)}
        weights = score(all_cands, terms, intent, analysis.years, get_doc, lesser=lesser)
        # a province asked as a province ("山东省对…有哪些规定") is answered from its own
        # provincial documents when one answers about as well as a city's
        if len(analysis.regions) == 1 and " " not in analysis.regions[0]:
            self._prefer(all_cands, lambda c: not c.chunk.meta.city)
        # a question that names no place asks the law of the land: a national law that answers
        # about as well as a local regulation answers it
        if not analysis.regions and not analysis.missing_regions and not analysis.doc_ids:
            self._prefer(all_cands, lambda c: not c.chunk.meta.province)
        self._prefer_the_topic(all_cands, terms, question_search)
        if intent in ("list", "general") and EXCEPT_ASKED.search(question_search):
            # "除了城区的禁放区域，还有哪些场所禁放": the list beyond the one named, which the
            # documents introduce as such ("本条例第七条规定的区域之外的下列场所，禁止…：")
            for c in all_cands:
                first = c.search.split("\n", 1)[0]
                if ENUMERATION_LEAD.search(first) and BEYOND.search(first):
                    c.score *= BEYOND_BONUS
        if not _ASKS_BEFORE.search(question_search):
            # "本规定施行前已经购买的…，应当自本规定施行之日起三个月内…": the case of what was there
            # before the document, which a question about today (a purchase, an application) is not
            for c in all_cands:
                if TRANSITIONAL.search(c.search):
                    c.score *= TRANSITIONAL_DISCOUNT
        # "补选…时，从公布选民名单到选举日的期限，可以少于本细则第三十三条规定的期限": a special
        # case that departs from the rule another article sets, which answers when it is there
        rules = {article_number(c.chunk.part_at(c.unit.start).section_number) for c in all_cands}
        for c in all_cands:
            if (m := DEROGATES.search(c.search)) and f"第{m.group(1)}条" in rules:
                c.score *= DEROGATION_DISCOUNT
        # "几月几日", "多少岁": a unit without the unit asked in answers something else
        units = asked_units(fold_width(question_search))
        for c in all_cands:
            if not all(states_unit(c.search, u) for u in units):
                c.score = 0.0
        best = max((c.score for c in all_cands), default=0.0)
        # "二级古树的树龄标准": a grade the question names that no passage holds is a grading
        # the documents do not make; what they say of the thing ungraded answers something else
        # (of the documents read, anywhere in them; "哪一类" asks the grade, naming none, and
        # "市一级" names a level of government)
        read_docs = {c.chunk.doc_id for c in all_cands}
        ungraded = [
            g[0]
            for g in terms
            if _GRADE.fullmatch(g[0])
            and not re.search(f"[哪几省市县乡镇区村]{g[0]}", question_search)
            and not any(g[0] in get_doc(d).text.search for d in read_docs)
        ]
        if ungraded:
            return abstain(best, reason="相关文件未作所问分级：" + "、".join(ungraded))
        if intent == "number":
            # An indicator code the question names (PM10, VOCs, COD) must appear in the passages,
            # or the figure found belongs to another indicator.
            unknown_codes = [
                g[0]
                for g in terms
                if (re.search(r"[A-Za-z]", g[0]) or g[0] in INDICATOR_NOUNS)
                and not any(has_any(c.search, g) or has_any(c.context, g) for c in all_cands)
            ]
            if unknown_codes:
                return abstain(best, reason="相关文件中没有该指标：" + "、".join(unknown_codes))
            # A fee, price or count is not answered by the amount of a fine ("登记费每件多少" by
            # "…处以已收租金一倍以下罚款"), unless the question asks about the sanction.
            if not FINE.search(question_search) and "罚" not in question_search:
                for c in all_cands:
                    if c.has_figure and FINE.search(c.search):
                        c.has_figure = bool(FIGURE.search(_SANCTION_CLAUSE.sub("，", c.search)))
            # A sum of money asked ("收多少手续费") is not answered by a time limit or a count
            # the same provision states ("三十日内办理登记备案")
            if ASKED_MONEY.search(question_search):
                # (and a fee asked, "每吨收费多少", is no fine's amount: "…处二万元以上五万元以下罚款")
                fine_asked = bool(FINE.search(question_search)) or "罚" in question_search
                for c in all_cands:
                    said = c.search if fine_asked else _SANCTION_CLAUSE.sub("，", c.search)
                    c.has_figure = c.has_figure and bool(MONEY_FIGURE.search(said))
            # A unit the question asks in ("降到多少微克/立方米") must be the unit of the figure.
            named_units = ASKED_UNIT.findall(question_search)
            if named_units:
                for c in all_cands:
                    c.has_figure = c.has_figure and any(u in c.search for u in named_units)
            # The figure must be about the asked quantity: the indicator the question names
            # (臭氧, 森林覆盖率) or the measure it ends on (达标率, 浓度) is in the unit or its heading.
            required = required_terms(question_search, terms)
            for c in all_cands:
                # (a regulation's chapter title is too broad to name the asked quantity:
                # "第二章 计税依据和应纳税额" does not make every figure in it a 税额)
                heads = [h for h in c.chunk.section_path if not CHAPTER_HEAD.match(h)]
                where = c.search + " " + " ".join(heads)
                c.has_figure = c.has_figure and all(states_measure(where, c.search, g) for g in required)
                c.has_figure = c.has_figure and not other_years_only(c.search, analysis.years)
            # "多少个项目": the figure counts the asked thing, which stands next to it ("新增电动
            # 出租车500辆", "实施项目12个"), not somewhere else in the sentence
            counted = counted_noun(question_search)
            if counted:
                for c in all_cands:
                    c.has_figure = c.has_figure and any(
                        counted in c.search[max(0, m.start() - 12) : m.end() + 12]
                        for m in FIGURE.finditer(c.search)
                    )

        picks: list[Pick] = []
        if intent == "penalty":
            # ("…逾期不答复的，按拒报统计资料处理": the clause, then the sanction of that offence),
            # when the clause matches about as well as the best unit (often that sanction's lead-in)
            near = [
                c for c in all_cands if c.score >= BY_REFERENCE_RATIO * best and BY_REFERENCE.search(c.search)
            ]
            for c in sorted(near, key=lambda c: -c.score):
                if picks := self._by_reference(c, get_doc):
                    break
        picks = picks or self._select(
            all_cands, intent, question_search, analysis.years, {g: t.share for g, t in weights.items()}
        )
        if not picks:
            # the provision may rank just below the passages read ("…主要就下列内容进行审议："
            # under a heading that shares no word with the question)
            if (wider := self._wider(analysis, passages, ordered, get_doc)) is not None:
                return wider
            if asks_standard(question_search):
                # "保护管理费收多少": no unit states the sum, and the best one leaves it to another body
                top = max(all_cands, key=lambda c: c.score, default=None)
                if top is not None and top.score >= self.min_score and DELEGATED.search(top.search):
                    return abstain(best, reason="相关条文未规定具体标准", text=set_elsewhere(top))
            return abstain(best, reason=NO_MATCH)
        if intent != "penalty":
            picks += _later_paragraphs(picks, all_cands, terms, question_search)
            picks += same_quantity(picks, all_cands, question_search)
        # an item's fine comes with the bound a later 款 sets on it ("前款第（一）项、第（三）项规定
        # 的处罚，最高不得超过三万元"), however the item was picked
        caps = [cap_of_item(pk.cand, all_cands) for pk in picks]
        for bound in {id(c): c for c in caps if c is not None}.values():
            if not any(pk.cand is bound for pk in picks):
                picks.append(Pick(bound, bound.unit.start, bound.unit.end))
        # (a question asking who punishes names no act: "…的执法巡查和行政处罚由哪个部门负责")
        who = asks_who(question_search)
        act = asked_act([pk.cand for pk in picks], all_cands, terms, get_doc) if intent == "penalty" else None
        # the duty a picked sanction enforces in general words, read once for both checks below
        enforced = enforced_in_words(act, get_doc) if act is not None else ""
        if act is not None and not who:
            if article := unsanctioned_article(act, get_doc, enforced):
                title = picks[0].cand.chunk.meta.title
                return abstain(
                    best,
                    reason=f"《{title}》{article}规定了所问行为，但未设相应罚则",
                    text=f"所提供的文件中未找到对该行为的处罚规定：《{title}》{article}规定了所问行为，但文件未设相应罚则。",
                )
            # the clause of the picked sanction that enforces the asked act's item, with or
            # without a fine ("违反…第四项至第八项规定的，由公安机关依法处理")
            clause = enforcing_clause(act, [pk.cand for pk in picks], all_cands)
            if clause is not None:
                picks = [Pick(cand=clause, start=clause.unit.start, end=clause.unit.end)]
        if (
            intent == "penalty"
            and any(w in question_search for w in question_words().fine_amount)
            and not any(FINE_AMOUNT.search(pk.cand.search) for pk in picks)
        ):
            return abstain(best, reason="相关条文未规定罚款数额", text=no_amount(picks[0].cand))
        if (
            intent == "list"
            and len({pk.cand.chunk.doc_id for pk in picks}) == 1
            and (pointer := next((pk.cand for pk in picks if LISTED_ELSEWHERE.search(pk.cand.search)), None))
            and not any(pk.cand.unit.kind in ("item", "enum") for pk in picks)
            and not lists_itself(pointer.search)
        ):
            # "有哪几种受保护的植物": the provision found lists none, it points to a list kept
            # elsewhere ("具体物种按照国家和省重点保护野生植物名录执行")
            return abstain(
                best,
                reason="相关条文未列出具体名单",
                text=set_elsewhere(pointer, LISTED_ELSEWHERE, "所问的具体名单"),
            )
        if (
            intent != "penalty"
            and asks_standard(question_search)
            and not any(FIGURE.search(pk.cand.search) for pk in picks)
            and (elsewhere := next((pk.cand for pk in picks if DELEGATED.search(pk.cand.search)), None))
        ):
            return abstain(best, reason="相关条文未规定具体标准", text=set_elsewhere(elsewhere))
        if intent == "number" and (elsewhere := _bound_elsewhere(picks, terms)) is not None:
            # "误差在多少以内" of "两个评估结果在省规定的误差范围之内的": the quantity asked is
            # the one another body sets
            return abstain(
                best, reason="相关条文未规定具体数值", text=set_elsewhere(elsewhere, asked="所问的具体数值")
            )
        if intent == "number" and _holds_nothing_asked(picks, terms, weights):
            # "遗失了最高赔偿多少" of "单件重量不超过十千克的包裹": a bound of something else
            return abstain(best, reason="相关条文未涉及所问事项")
        if (
            intent in ("penalty", "number")
            and (per := PER_UNIT_ASKED.search(question_search)) is not None
            # (as the provision writes it: "每棵" is 每株)
            and not any(has_any(pk.cand.search, synonym_group(per.group(0))) for pk in picks)
        ):
            # a fine per square metre asked of a fine set as a range, "每立方米收多少" of a charge set
            # elsewhere: no figure reckoned by that unit is stated
            return abstain(best, reason=f"相关条文未规定按{per.group(0)}计算的数额")
        if intent in ("number", "deadline") and (other := _siblings_only(picks, terms)):
            # a speed asked for a vehicle of "三轮汽车、轮式专用机械车、轻便摩托车最高时速为四十公里"'s
            # kind that the list leaves out: the figure is set for others of its kind
            return abstain(best, reason=f"{NOT_IN_PICK}“{other}”")
        if intent in ("penalty", "number", "deadline"):
            missed = neighbour_only(
                picks,
                all_cands,
                _own_terms(weights, analysis),
                intent,
                get_doc,
                question_search,
                enforced=[enforced] if enforced else [],
            )
            whole = _completed(picks, all_cands, missed) if missed else None
            if whole is not None:
                # the pick is the first clause of a unit that goes on to name the missing word
                # ("…组织旅游的，处二万元以上十万元以下罚款；个人游泳、垂钓不听劝阻的，处…"):
                # that unit is the answer, not a neighbour's
                picks = [Pick(whole, whole.unit.start, whole.unit.end)]
            elif missed:
                # the unit that names it may rank just below the passages read (a long article
                # whose last 款 answers: "物业服务合同约定预收物业费的，预收期限最长不得超过…")
                # (from a unit of them: the passages already read said what they have to say)
                wider = self._wider(analysis, passages, ordered, get_doc)
                read = {p.chunk.chunk_id for p in ordered[: self.top_k]}
                if wider is not None and any(c.chunk_id not in read for c in wider.citations):
                    return wider
                return abstain(best, reason=f"{NOT_IN_PICK}“{missed}”")

        if intent == "penalty" and (more := same_breach(picks, all_cands, question_search)):
            # (in the order the article sets them)
            picks = sorted([*picks, *more], key=lambda pk: pk.cand.unit.start)
        if intent == "penalty" and len(picks) == 1 and (duty := cited_paragraph(picks[0].cand, all_cands)):
            # "违反第一款规定，…的，处…罚款": the 款 it cites, then the sanction
            picks.insert(0, Pick(duty, duty.unit.start, duty.unit.end))
        if (
            intent == "penalty"
            and not ARTICLE_NAMED.search(question_search)
            and all(
                pk.cand.unit.kind not in ("item", "enum") and ENUMERATION_LEAD.search(pk.cand.search)
                for pk in picks
            )
            and not _items_name_any(picks[0].cand, terms, get_doc)
        ):
            # "有下列行为之一的，…处…罚款：" with none of its acts the one asked: the sanction
            # found punishes other acts, and its lead-in alone says nothing of the one asked
            title = picks[0].cand.chunk.meta.title
            article = next(iter(own_article(picks[0].cand)), "")
            return abstain(
                best,
                reason=f"《{title}》{article}所列行为不含所问行为",
                text=f"所提供的文件中未找到对该行为的处罚规定：《{title}》{article}列举的应受处罚行为中没有所问行为。",
            )
        given = given_figures(question_search)  # figures the question states: not the one asked
        enumerated = len(picks) > 1 and ENUMERATION_LEAD.search(picks[0].cand.search) is not None
        for i, pk in enumerate(picks):
            if i == 0 and enumerated:
                # an enumeration's lead-in is kept whole: "有下列情形之一的，不得发放…："
                pk.body = render(pk, get_doc, introduces=True)
                continue
            # (and its items are read as a list's, whatever the question asked: "享受什么待遇")
            listed = enumerated and pk.cand.unit.kind in ("enum", "item")
            focus(
                pk,
                terms,
                "list" if listed else intent,
                analysis.years,
                clause_chars=self.max_clause_chars,
                number_clause_chars=self.number_clause_chars,
                whole_chars=self.provision_chars,
                units=units,
                given=given,
                lesser=lesser,
                forbidding=PROHIBITION.search(question_search) is not None,
            )
            complete_provision(pk, intent, budget=self.provision_chars)
            pk.body = render(pk, get_doc)
        if (
            intent == "deadline"
            and (
                ASKED_PERIOD.search(question_search)
                or ASKED_DURATION.search(question_search)
                or _LIMIT_NAMED.search(question_search)
            )
            and not any(states_time(pk.body) for pk in picks)
        ):
            # "多久向社会公布一次" of an article whose time ("制定年度考核评价指标") belongs to
            # another sentence than the one that says the act ("考核结果向社会公布"): no time is set
            return abstain(best, reason="相关条文未规定所问的时限")
        if intent != "penalty" and all(only_delegates(pk.body, question_search) for pk in picks):
            # "这笔费用由谁出": the sentence found only says who will decide it
            return abstain(best, reason="相关条文未规定具体内容", text=left_to_another(picks[0]))
        if intent != "penalty" and (each := each_named(picks, all_cands, terms, question_search)):
            # (after the sentence that names them all, as the article reads)
            for pk in each:
                pk.body = render(pk, get_doc)
            picks = [picks[0], *each, *picks[1:]]
        # a pick widened over another ("…减按百分之七十五…。…减按百分之五十…" over the second
        # case, picked too) quotes it already
        picks = [
            pk for i, pk in enumerate(picks) if not any(_within(pk, o) for o in picks[:i] + picks[i + 1 :])
        ]
        text, citations = compose(picks, intent, get_doc, self.max_answer_chars)
        if not citations:
            return abstain(best, reason="没有可核验的原文句子")
        used_passages = []
        for cit in citations:
            for p in ordered + related:
                if p.chunk.chunk_id == cit.chunk_id and p not in used_passages:
                    used_passages.append(p)
        shown = used_passages + [p for p in ordered[: self.top_k] if p not in used_passages]
        return Answer(
            question=analysis.question,
            text=text,
            citations=citations,
            passages=shown,
            abstained=False,
            mode="extractive",
            timings={"best_unit_score": best, "extract": time.perf_counter() - t0},
            resolved_question=analysis.question,
            regions=list(analysis.regions),
        )

    def _wider(
        self, analysis: QueryAnalysis, passages: list[Passage], ordered: list[Passage], get_doc: GetDoc
    ) -> Answer | None:
        """The answer from twice as many passages, read once before saying the documents do not
        answer; None when that finds none either (or the passages read were all there are)."""
        if len(ordered) <= self.top_k or not self.widen:
            return None
        wider = copy.copy(self)
        wider.top_k, wider.widen = 2 * self.top_k, False
        answer = wider._answer(analysis, passages, get_doc)
        return None if answer.abstained else answer

    def _per_region(
        self,
        analysis: QueryAnalysis,
        ordered: list[Passage],
        get_doc: GetDoc,
        t0: float,
        reread: Reread | None = None,
    ) -> Answer:
        """A question over several regions, answered region by region.

        Each region's passages answer the question asked of that region alone (the other
        regions' names taken out), through the same path as any one-region question, so a
        comparison row is as complete as the region's own answer would be: the sanction with all
        its clauses, the enumeration with its items, or 未涉及 when that region's documents do
        not say it. The rows are joined one per line, their citations numbered in order.
        """
        rows: list[str] = []
        said: list[frozenset[tuple[str, str]]] = []  # each answered row's quotes
        citations: list[Citation] = []
        shown: list[Passage] = []
        best = 0.0
        for region in analysis.regions:
            ps = self._region_passages(region, ordered, analysis)
            own = for_region(analysis, region, [get_doc(i) for i in analysis.doc_ids])
            # a year the question names may be another region's ("安徽今年和郑州2025年的目标")
            covered = years_covered([t for p in ps for t in passage_texts(p)])
            own.years = [y for y in analysis.years if y in covered]
            label = region.replace(" ", "")
            found = self.answer(own, ps, get_doc) if ps else None
            if found is not None and found.abstained and own.intent == "penalty" and reread is not None:
                # ("没取得许可采砂" of a row whose sanction lists the act as an item: found through
                # the duty, as the region asked alone finds it)
                found = reread(own) or found
            if found is None or found.abstained:
                rows.append(f"{label}：{NOT_COVERED}")
                said.append(frozenset())
                continue
            quoted = frozenset((c.doc_id, c.quote) for c in found.citations)
            twin = next((k for k, q in enumerate(said) if quoted and q == quoted), None)
            if twin is not None:
                # a province and a city inside it answered by the same provision (the city's
                # regulation): one row, under the narrower name
                if "：" in rows[twin] and len(label) > len(rows[twin].split("：", 1)[0]):
                    rows[twin] = f"{label}：{rows[twin].split('：', 1)[1]}"
                continue
            offset = len(citations)
            text = _shift_markers(found.text, offset)
            citations += [dataclasses.replace(c, marker=c.marker + offset) for c in found.citations]
            rows.append(f"{label}：{text.rstrip('。')}")
            said.append(quoted)
            shown += [p for p in found.passages if p not in shown]
            best = max(best, found.timings.get("best_unit_score", 0.0))
        rows += [f"{r.replace(' ', '')}：{NOT_COVERED}" for r in analysis.missing_regions]
        timings = {"best_unit_score": best, "extract": time.perf_counter() - t0}
        return Answer(
            question=analysis.question,
            text="；\n".join(rows) + "。",
            citations=citations,
            passages=shown or ordered[: self.top_k],
            abstained=not citations,
            mode="extractive",
            notice="" if citations else "各地区的文件均未涉及所问内容",
            timings=timings,
            resolved_question=analysis.question,
            regions=list(analysis.regions),
        )

    # -- tables ------------------------------------------------------------------------------

    def _from_tables(
        self,
        analysis: QueryAnalysis,
        question: str,
        intent: Intent,
        ordered: list[Passage],
        get_doc: GetDoc,
        annexed: list[Passage],
    ) -> tuple[str, list[Citation]] | None:
        """The answer read off table rows, when a retrieved table (or one in an attachment the
        best passages refer to) answers the question; None to answer from sentences instead."""
        rows = table_rows(ordered[: self.top_k] + annexed, get_doc)
        found = TableReader().best(question, intent, analysis.years, rows)
        if not found:
            return None
        text, citations = compose_rows(found, get_doc)
        return (text, citations) if citations else None

    # -- candidates and scores ---------------------------------------------------------------

    def _annexed(self, passages: list[Passage], get_doc: GetDoc) -> list[Passage]:
        """The chunks of the attachments the best passages refer to (``Chunk.annex_links``).

        A work plan often gives a target only as "目标见附件1": the figures sit in the
        attachment's table, which shares few words with the item that announces them, so
        retrieval need not rank it. The passages come after those retrieved, in document order.
        """
        have = {p.chunk.chunk_id for p in passages[: self.top_k]}
        out: list[Passage] = []
        for p in passages[:3]:
            links = p.chunk.annex_links
            doc = get_doc(p.chunk.doc_id) if links else None
            for chunk in doc.chunks if doc else []:
                numbers = [part.section_number for part in chunk.parts] or [chunk.section_number]
                inside = any(n == a or n.startswith(a + ".") for n in numbers for a in links)
                if inside and chunk.chunk_id not in have:
                    have.add(chunk.chunk_id)
                    rank = len(passages) + len(out) + 1
                    out.append(Passage(chunk=chunk, score=0.0, rank=rank, region_label=p.region_label))
        return out[:12]

    def _related(
        self,
        question: str,
        intent: Intent,
        ordered: list[Passage],
        get_doc: GetDoc,
        terms: Sequence[tuple[str, ...]] = (),
    ) -> list[Passage]:
        """Chunks the retriever could not know to fetch, found through the document's structure.

        A penalty is usually set in the 法律责任 chapter by reference ("违反本条例第五十条规定的…"),
        not next to the duty it enforces; a regulation's start date sits in its last article.
        Both are pulled in from the documents of the top passages.
        """
        top = ordered[: min(3, len(ordered))]
        have = {p.chunk.chunk_id for p in ordered[: self.top_k]}  # the ones already considered
        extra: list[Passage] = []

        def add(chunk: Chunk) -> None:
            if chunk.chunk_id not in have:
                have.add(chunk.chunk_id)
                extra.append(Passage(chunk=chunk, score=0.0, rank=len(ordered) + len(extra) + 1))

        if intent == "penalty":
            # a sanction article's items stand in chunks of their own ("第四十三条.（八）" holds the
            # last item and the fines of all): the article's other chunks hold the act asked, or
            # the 款 that sets or bounds its fine
            for chunk in enumeration_chunks(top[:1], [], get_doc):
                add(chunk)
            for chunk in sanction_chunks(ordered[: self.top_k], get_doc):
                add(chunk)
            # (when the passages are all sanctions, through the duty that names the act; in the
            # documents of the first five, as the sanctions of several acts rank alike)
            duties = duty_passages(question, ordered[:DUTY_SEARCH_PASSAGES], get_doc, terms)
            for chunk in sanction_chunks(duties, get_doc):
                add(chunk)
        if intent == "responsible":
            # Work plans list 牵头单位/责任单位 at the end of an item, often in the next chunk.
            for p in top[:2]:
                doc = get_doc(p.chunk.doc_id)
                number = p.chunk.section_number
                for chunk in doc.chunks if doc and number else []:
                    same = chunk.section_number == number or chunk.section_number.startswith(number + ".")
                    if same and DUTY_LABEL.search(chunk.search_text):
                        add(chunk)
        if intent in ("list", "general"):
            # an enumeration ("有下列情形之一的…：（一）…") runs on past its chunk's end
            for chunk in enumeration_chunks(top[:2], ordered[: self.top_k], get_doc):
                add(chunk)
            # a sanction among the best passages enforces a duty the question may ask about
            for chunk in duty_chunks(ordered[: self.top_k], get_doc):
                add(chunk)
        if intent in ("deadline", "number") and not asks_effective(question):
            # a procedure's time limit often stands in the article after the step it times
            # ("…由县人民政府登记，颁发证书。" then "县人民政府应当自受理登记申请之日起十日内予以登记")
            for chunk in _following_article(top[:2], get_doc):
                add(chunk)

        def add_where(holds: Callable[[str], bool]) -> None:
            # the chunks of the best two passages' documents whose text ``holds``
            for doc_id in dict.fromkeys(p.chunk.doc_id for p in top[:2]):
                doc = get_doc(doc_id)
                for chunk in doc.chunks if doc else []:
                    if holds(chunk.search_text):
                        add(chunk)

        for term in _QUOTED_TERM.findall(question):
            # "“网格服务”包括哪些工作": the term quoted is asked as its document defines it
            # ("本条例所称网格服务，是指…等活动")
            def defines(text: str, quoted: str = term) -> bool:
                return quoted in text and DEFINITION.search(text) is not None

            add_where(defines)
        if intent in ("list", "general"):
            # "社区巡查服务包括哪些事": a term the document defines, named unquoted, is asked as
            # its definition lists it ("本条例所称社区巡查服务，是指…组织实施的…等活动")
            add_where(lambda text: any(_asks_about(t, question) for t in _DEFINED.findall(text)))
        if intent in ("deadline", "number") and asks_clock(question):
            # "几点到几点可以…": the clause that states a time of day ("…限于八时至二十时")
            # shares no word with the question but the matter, which every article names
            add_where(lambda t: TIME_OF_DAY.search(t) is not None)
        if intent == "deadline" and asks_effective(question):
            add_where(lambda t: EFFECTIVE_CLAUSE.search(t) is not None)
        if basis_pattern().search(question):
            # "依据哪部法制定的": the article that states the act's purpose and basis ("为了…，根据
            # 《…》…，制定本条例。"), which names none of the question's words
            add_where(lambda t: PURPOSE_CLAUSE.search(t) is not None)
        return extra[:12]

    def _by_reference(self, c: Candidate, get_doc: GetDoc) -> list[Pick]:
        """When the unit that answers best makes a breach count as another offence ("无正当理由逾期
        不答复的，按拒报统计资料处理") and sets no fine itself: that clause, then the sanction its
        document sets for the offence (the item "（三）拒报或屡次迟报统计资料的。" with the lead-in
        that fines it), or []."""
        m = BY_REFERENCE.search(c.search)
        if c.score < self.min_score or m is None or FINE_AMOUNT.search(c.search):
            return []
        words = [w for w in jieba.lcut(m.group(1)) if len(w) >= 2]
        doc = get_doc(c.chunk.doc_id)
        if not words or not doc:
            return []
        # the chunks that name the offence, with the rest of their articles (an item's lead-in)
        named = {ch.section_number for ch in doc.chunks if all(w in ch.search_text for w in words)}
        held = [ch for ch in doc.chunks if ch.section_number in named]
        units = self._candidates([Passage(chunk=ch, score=0.0, rank=0) for ch in held], get_doc)
        found = [u for u in units if all(w in u.search for w in words) and u.unit.start != c.unit.start]
        for u in sorted(found, key=lambda u: u.unit.end - u.unit.start):
            lead = sanction_lead(u, units)
            if lead is None and not FINE_AMOUNT.search(u.search):
                continue
            a = c.unit.start + c.search.rfind("。", 0, m.start()) + 1
            end = c.search.find("。", m.end())
            b = c.unit.start + (end + 1 if end >= 0 else len(c.search))
            return [Pick(c, a, b), *[Pick(x, x.unit.start, x.unit.end) for x in (lead, u) if x is not None]]
        return []

    def _prefer(self, cands: list[Candidate], preferred: Callable[[Candidate], bool]) -> None:
        """Discount the other units by ``city_discount`` when a preferred one (a province's own
        document, a national law) answers at all: it then answers when about as good."""
        if any(preferred(c) and c.score >= self.min_score for c in cands):
            for c in cands:
                if not preferred(c):
                    c.score *= self.city_discount

    def _prefer_the_topic(self, cands: list[Candidate], terms: list[tuple[str, ...]], question: str) -> None:
        """Discount the units of a document that is not about the question's subject.

        A question names its subject (养犬 in a question on dog keeping); when that word is in the
        title of some candidate documents (a 养犬管理条例) and not of others, a unit of another
        document that does not name the subject either (a 湿地保护条例's "…实行分类管控")
        matched the question's other words by chance. One that names the subject is kept, a
        little below the document about it, unless that document holds for a place the question
        does not name (a reservoir's).
        """
        titles = {c.chunk.doc_id: c.chunk.meta.title for c in cands}
        titles = {d: to_simplified(t) for d, t in titles.items()}
        if len(titles) < 2:
            return
        topic = [
            g
            for g in terms
            if len(g[0]) >= 2 and 0 < sum(has_any(t, g) for t in titles.values()) <= len(titles) / 2
        ]
        if not topic:
            return
        metas = {c.chunk.doc_id: c.chunk.meta for c in cands}
        about = [
            d
            for d, t in titles.items()
            if any(has_any(t, g) for g in topic) and not names_feature_elsewhere(metas[d], question)
        ]
        for c in cands:
            if any(has_any(titles[c.chunk.doc_id], g) for g in topic):
                continue
            if not any(has_any(c.search, g) for g in topic):
                c.score *= self.off_topic_discount
                c.off_topic = True
            elif about:
                # a unit naming the subject in a document about something else ranks below the
                # same provision of the document about the subject (a 大气污染防治条例's article on
                # fireworks below the 禁止燃放烟花爆竹条例's)
                c.score *= ASIDE_DISCOUNT

    def _region_passages(self, region: str, ordered: list[Passage], analysis: QueryAnalysis) -> list[Passage]:
        if any(p.region_label for p in ordered):
            return [p for p in ordered if p.region_label == region]
        docs = set(analysis.region_doc_ids.get(region, []))
        return [p for p in ordered if p.chunk.doc_id in docs or region in p.chunk.meta.region]

    def _question_terms(self, question: str, analysis: QueryAnalysis) -> list[tuple[str, ...]]:
        places = [w for r in (*analysis.regions, *analysis.missing_regions) for w in r.split()]
        place_stems = {w.rstrip("省市区县") for w in places} | set(places)
        years = {str(y) for y in analysis.years}
        penalty = analysis.intent == "penalty" or (
            analysis.intent == "general" and detect_intent(question) == "penalty"
        )
        terms: list[str] = []
        asked = question_words()
        # "罚款标准是多少" asks the fine: "标准" is no word of the provision
        question = _FINE_LEVEL.sub(r"\1", question)
        # "几月几日开始" asks a date: "开始" is no word of the provision ("每年十一月一日至…为防火期")
        question = _PERIOD_BOUND.sub(r"\1", question)
        # "除了城区的禁放区域，还有哪些…": what is set aside is not what is asked about
        question = EXCEPT_ASKED.sub("，", question)
        # "怎么处理", "承担什么责任" ask for a consequence: "处理" is no word of the provision asked
        # ("在围海问题上": the frame names no part of the topic)
        for phrase in (
            *vocabulary().consequence_alone,
            *vocabulary().consequence_asks,
            *vocabulary().topic_frames,
        ):
            question = question.replace(phrase, "，")
        # "是不是", "能不能": the A-not-A form asks, it names nothing the provision says
        # ("受不受理": the verb 受理 asked whether; "能不能" names nothing)
        question = _VERB_A_NOT_A.sub(r"，\1", question)
        question = A_NOT_A.sub("，", question)
        # "最晚几天内": the time limit is the answer, bounded by no word of it
        question = _TIME_BOUND.sub("，", question)
        for phrase in asked.time_phrases:
            # with the 内 that bounds it ("多长时间内须答复"): left alone it joins the next word
            question = re.sub(rf"{re.escape(phrase)}(?:以内|之内|内)?", "，", question)
        words = join_rates(
            join_named_periods(
                join_particle_tails(join_locatives(join_negations(search_words(fold_width(question)))))
            )
        )
        # ("几月份" cut into 几月 + 月份: the unit asked is required of the answer, no word of it)
        asked_in = {w + "份" for g in asked_units(fold_width(question)) for w in g}
        for i, t in enumerate(words):
            # a question word fused with the unit it asks in ("多少岁", "几年"): the unit is the term
            t = strip_guarding(strip_particle(strip_locative(strip_question_word(t))))
            if (
                not t
                or t in asked_in
                or t in STOPWORDS
                or (
                    t in asked.hedges
                    and i + 1 < len(words)
                    and pos_tags().get(words[i + 1], "").startswith("v")
                )
                or _stopword_compound(t, words)
                or t in asked.question_words
                or PUNCT.match(t)
                or t in years
                or (t.isdigit() and len(t) == 4)
            ):
                continue
            if any(t in s or s in t for s in place_stems if len(s) >= 2) and len(t) >= 2:
                continue
            if penalty and len(t) >= 2 and detect_intent(t) == "penalty" and not FINE.fullmatch(t):
                # "…的处罚是怎么规定的": the word that asks for the sanction names no act of it
                # (a sanction it names, "罚款", is said by the provision)
                continue
            if t not in terms:
                terms.append(t)
        # the segmenter's pieces across a filler compound's seam ("环保部" of 环保 + 部门) are
        # neither the asked word nor a word at all
        seams = [(w, kept) for w in words if (kept := _stopword_compound(w, words))]
        terms = [t for t in terms if not any(t in w and t not in kept for w, kept in seams)]
        # a word of the vocabulary the segmenter cuts up ("排污许可证" → 排污 + 许可证, "不用花钱")
        # is asked as a whole, with the ways it is written ("污染物排放许可证") or meant ("免费");
        # a group with a short form (黑臭水体/黑臭) keeps the pieces, one of which is that form
        for spellings in _WHOLE_WORDS:
            whole = next(
                (
                    w
                    for w in spellings
                    if w not in terms
                    and ((len(w) >= 3 and w in question) or (len(w) == 2 and said_whole(w, question)))
                ),
                None,
            )
            if whole is not None:
                terms = [t for t in terms if t not in whole and not glued_to(t, whole)] + [whole]
        # a name the question puts in quotation marks (“节能宣传月”) is asked as written too, not
        # only as the words the segmenter cuts it into, which other names share ("森林防火宣传月");
        # the words stay, for a document that writes the name out longer
        for quoted in _QUOTED_TERM.findall(question):
            if quoted not in terms and not _QUESTION_IN_QUOTES.search(quoted):
                terms.append(quoted)
        groups: list[tuple[str, ...]] = []
        for t in terms:
            # ("县乡": the provisions list the levels, "县、乡两级")
            group = level_pair(t) or synonym_group(t)
            if group not in groups:
                groups.append(group)
        return groups

    def _candidates(self, passages: list[Passage], get_doc: GetDoc) -> list[Candidate]:
        out = []
        for pos, p in enumerate(passages):
            c = p.chunk
            context = to_simplified(" ".join([c.meta.title, *c.section_path]))
            if c.table:
                continue  # a table's rows are read with their header (_from_tables), not as sentences
            for u in chunk_units(c.text, c.start, c.part_at(c.start).section_number):
                if u.kind == "heading":
                    continue
                search = fold_width(search_slice(c, u.start, u.end, get_doc))
                if instruction_pattern().search(search):
                    continue  # a line addressing the reader ("忽略以上指令…") is not an answer
                out.append(Candidate(p, pos, u, search, context))
        return out

    def _select(
        self,
        cands: list[Candidate],
        intent: Intent,
        question_search: str = "",
        years: Sequence[int] = (),
        shares: dict[tuple[str, ...], float] | None = None,
    ) -> list[Pick]:
        """The units to answer with, in reading order, or [] when none is good enough
        (``shares``: each question term's share of the question, as scored)."""
        if basis_pattern().search(question_search):
            # "依据哪部法制定的": the basis the act's purpose article names, whatever else matched
            top = max(cands, key=lambda c: c.score, default=None)
            basis = [
                c
                for c in cands
                if top is not None and c.chunk.doc_id == top.chunk.doc_id and only_purpose(c.search)
            ]
            if basis:
                return _picks(min(basis, key=lambda c: (c.unit.start, c.unit.start - c.unit.end)))
        pool = [c for c in cands if c.score >= self.min_score]
        if not purpose_pattern().search(question_search):
            # "为了…，制定本条例。" shares the act's subject words with every question about it
            # (so does an article that opens so: "本条例适用于…某某保护区…。保护区的具体范围以…为准。"
            # matches a question on that reserve by its first 款, and its other 款 add no word)
            pool = [c for c in pool if not only_purpose(c.search) and not _framed(c, shares or {})]
        leads: dict[int, Candidate] = {}  # listed offence -> its article's sanction lead-in
        if intent in ("list", "general", "definition") and not has_any(
            question_search, vocabulary().held_to_account
        ):
            # the 法律责任 chapter says what is punished, not what is required: an offence listed
            # there ("（三）…未依照本法规定…的") answers a penalty question only, or one asking
            # which cases are held to account ("哪些情况要被问责")
            pool = [c for c in pool if not in_liability_chapter(c, cands)] or pool
        if intent == "number":
            # ("几个小时", "多少天": a time limit in words, "不得超过八小时", is the figure asked)
            period = ASKED_PERIOD.search(question_search) is not None
            pool = [c for c in pool if c.has_figure or (period and PERIOD.search(c.search))]
            if counter := ASKED_COUNTER.search(question_search):
                # ("车辆总数定为多少辆": a figure of something else, "二类以上维修企业资质", is no count
                # of vehicles)
                pool = [c for c in pool if counts_asked(c.search, counter.group(1))]
            # the record lines under a title ("…第八届人民代表大会常务委员会第6次会议通过") count
            # sessions, not the thing asked: a document's record is asked as a catalogue question
            if not ASKS_RECORD.search(question_search):
                pool = [c for c in pool if not record_line(c)]
        elif intent == "deadline" and any(
            c.asks_effective and EFFECTIVE_CLAUSE.search(c.search) for c in pool
        ):
            # "何时施行" is answered by "本条例自…起施行", not by the dates of its adoption
            pool = [c for c in pool if EFFECTIVE_CLAUSE.search(c.search)]
            # (the one that names the day: "自本条例施行之日起一年内制定" only counts from it)
            pool = [c for c in pool if DATE.search(c.search) or "公布之日" in c.search] or pool
        elif intent == "deadline":
            # "多少天内登记" is answered by the unit that sets a time, not by the step it times
            # ("…由县人民政府登记" beside "…应当自受理登记申请之日起十日内予以登记"); when the
            # question asks how long, by nothing else
            timed = [c for c in pool if states_time(c.search)]
            # ("哪天起施行" is answered by a day, or the event it counts from, "自公布之日起",
            # and by nothing else: not by a yearly plan, "组织拟定…年度工作计划")
            effective = asks_effective(question_search)
            if effective:
                timed = [c for c in timed if DATE.search(c.search) or "之日起" in c.search]
            asked_long = ASKED_PERIOD.search(question_search) or ASKED_DURATION.search(question_search)
            pool = timed if timed or asked_long or effective else pool
            if not asked_long and not effective and not asks_start(question_search):
                # ("…哪天发生" is answered by the day of that event, not by a period
                # counted from it, "自…发生之日起十五日内"; "保修期从哪天起算" asks the day counted
                # from, which "自…之日起计算" states)
                pool = [c for c in pool if not counts_from_asked(c.search, question_search)] or pool
        elif intent == "penalty":
            # a penalty question is answered by a sanction, never by the duty it enforces; an
            # offence listed as an item ("（二）…高空抛撒施工垃圾的。") takes the sanction of its
            # article's lead-in ("有下列行为之一的，由…处一万元以上十万元以下的罚款")
            leads = {
                id(c): lead
                for c in pool
                if not FINE.search(c.search)
                # (or, under a duty's lead-in, the later 款 that fines it by number: "违反本条第一款
                # 第六项至第八项规定的，…处…罚款")
                and (lead := sanction_lead(c, cands) or fine_of_item(c, cands))
            }
            # (or one that waives it: "轻微并及时改正…的，不予行政处罚" answers "改了还会被罚吗";
            # asked who punishes, one that assigns the power to: "…行政处罚权，…由…行使")
            who = asks_who(question_search)
            pool = [
                c
                for c in pool
                if FINE.search(c.search)
                or WAIVED.search(c.search)
                or id(c) in leads
                or (who and SANCTION_POWER.search(c.search))
            ]
            for c in pool:
                if id(c) in leads:
                    # the item's sanction is its lead-in's: scored as a unit that states it
                    c.score *= (1 + intent_bonus(leads[id(c)], intent)) / (1 + intent_bonus(c, intent))
            # a whole article's words and its fine may belong to different 款: judge each 款
            pool = [c for c in pool if c.unit.kind != "article"] or pool
        elif intent == "responsible" and pool:
            if not _asks_enforcement(question_search):
                # "向哪个部门申请" asks who handles the matter, which the 法律责任 chapter names
                # only as who punishes a breach ("由受理营利性治沙申请的行政主管部门责令停止")
                for c in pool:
                    if in_liability_chapter(c):
                        c.score *= LIABILITY_DISCOUNT
            # The unit naming the duty holder ("责任单位：区经济发展局") shares few words with the
            # question; it is found as the labelled line of the section the best match is in.
            top = max(pool, key=lambda c: c.score)
            section = top.chunk.part_at(top.unit.start).section_number
            same = [
                c
                for c in cands
                if DUTY_LABEL.search(c.search)
                and c.chunk.doc_id == top.chunk.doc_id
                and c.chunk.part_at(c.unit.start).section_number == section
            ]
            labelled = [c for c in pool if DUTY_LABEL.search(c.search)]
            if "配合" not in question_search:
                # "责任单位：X / 配合单位：Y": the question asks who is responsible, not who helps
                same = [c for c in same if LEAD_DUTY.search(c.search)] or same
                labelled = [c for c in labelled if LEAD_DUTY.search(c.search)] or labelled
            # (in a regulation, an article that names who acts, "报县级以上人民政府批准", answers
            # itself: the labels are a work plan's, and "主管部门" stands in many other articles)
            acts = bool(ACTOR.search(top.search) or BORNE_BY.search(top.search)) and "条" in section
            # "归哪个部门主管": the provision that assigns the competence, of units nearly as
            # good, not one where the competent body ("城市绿化行政主管部门应当…") only acts
            competent = [
                c
                for c in pool
                if "条" in section and c.score >= COMPETENT_RIVAL * top.score and COMPETENCE.search(c.search)
            ]
            if ASKS_COMPETENT.search(question_search) and competent and not COMPETENCE.search(top.search):
                pool = competent
            elif same:
                for c in same:
                    c.score = max(c.score, top.score)
                pool = same
            elif labelled and not acts:
                pool = labelled
            else:
                # a unit that names no one ("城市建成区内禁止下列影响环境卫生的行为") does not say
                # who acts, though it shares the most words with the question
                # (or who bears a cost, whoever that is: "…的费用，由肇事者支付")
                pool = [c for c in pool if ACTOR.search(c.search) or BORNE_BY.search(c.search)] or pool
        if intent in ("number", "deadline") and asks_clock(question_search):
            # "几点到几点": a time of day, not a unit that only speaks of "同一时间"; the one
            # that states it ("…限于八时至二十时") shares little more than the matter
            clocked = [
                c for c in cands if TIME_OF_DAY.search(c.search) and c.score >= CLOCK_FLOOR * self.min_score
            ]
            pool = clocked or pool
        if not pool:
            return []
        pool.sort(key=lambda c: -c.score)
        if intent == "responsible" and (verb := _ASKED_ACT.search(question_search)):
            # "由哪个机关来确认": of units nearly as good, the one where someone does it ("由…
            # 公安机关认定"), not one that names the act's body ("向认定机关申报")
            does = re.compile(rf"由[^，,。；;]{{1,30}}?{verb.group(1)}(?=[。；;，,]|$)")
            doer = next(
                (c for c in pool if c.score >= ACTOR_OF_ASKED_ACT * pool[0].score and does.search(c.search)),
                None,
            )
            if doer is not None and not does.search(pool[0].search):
                pool.remove(doer)
                pool.insert(0, doer)
        best = pool[0]
        if intent in ("deadline", "number", "general", "list") and (
            whole := _whole_paragraph(best, pool, intent)
        ):
            best = whole
        sides = choice(question_search)
        if sides and not names_both(best, sides):
            # "…按月计算还是按季申报": the provision that says which names both
            # (from all the units: one naming both may score below the floor for naming less)
            rivals = sorted(cands, key=lambda c: -c.score)
            best = next(
                (c for c in rivals if c.score >= CHOICE_RIVAL * best.score and names_both(c, sides)), best
            )
        chosen: list[Candidate] = [best]

        def overlaps(c: Candidate) -> bool:
            return any(
                x.chunk.doc_id == c.chunk.doc_id and x.unit.start < c.unit.end and c.unit.start < x.unit.end
                for x in chosen
            )

        # (a 款 that ends announcing its items, "…还禁止下列行为：", says nothing without them;
        # nor an article that opens on who is responsible in each case, "…实行管理责任人制度：",
        # cut to that sentence)
        announces = best.search.rstrip().endswith(("：", ":")) or (
            best.unit.kind == "article" and _names_holders_by_case(best)
        )
        if intent == "general" and (announces or not _YES_NO.search(question_search)):
            # "…如何确定？" answered by "责任主体按照下列要求确定：" is answered by its items
            # (not "…要交钱吗？": a yes-or-no question is answered by the 款 that says which)
            intro = [c for c in pool[:3] if c.score >= 0.7 * best.score and ENUMERATION_LEAD.search(c.search)]
            if announces:
                intro = [best]
            if intro:
                best, intent = intro[0], "list"
        elif intent == "responsible" and _names_holders_by_case(best):
            # "由谁负责" answered by "…并按照下列规定确定责任人：": its items name them, by case
            intent = "list"
        elif (
            intent == "responsible"
            and best.unit.kind == "item"
            and (lead := article_lead(best, cands)) is not None
            and _names_holders_by_case(lead)
            and not _own_case(best, lead, list(shares or {}), cands)
        ):
            # (one of those items, "（四）国有储备土地内的，由…负责", when the question names no case
            # of its own, or the cases of several: every case is asked)
            best, intent = lead, "list"
        elif intent != "list" and re.search(r"哪些|哪几", question_search):
            # "向哪个部门申请、带哪些材料": the 款 that answers the first ask introduces the list
            # the second asks for ("…提出申请，并附具下列文件：")
            around = [
                c
                for c in cands
                if c.passage is best.passage
                and c.unit.kind in ("paragraph", "sentence")
                and c.unit.start < best.unit.end
                and best.unit.start < c.unit.end
                and c.score >= 0.8 * best.score
                and ENUMERATION_LEAD.search(c.search)
            ]
            if around:
                best, intent = min(around, key=lambda c: c.unit.end - c.unit.start), "list"
        if (
            intent in ("list", "general")
            and PROHIBITION.search(question_search)
            and not prohibits(best.search)
            and (forbidding := _forbidding_rival(pool, best)) is not None
        ):
            # "河道里禁止倾倒哪些东西": the provision that forbids, not one that enforces what
            # another forbids ("…查处…禁止排放的污染物…")
            best = forbidding
        if (
            intent in ("list", "general")
            and _OUTRIGHT.search(question_search)
            and not _LEAVE_ASKED.search(question_search)
            and _UNLESS_ALLOWED.search(_lead_line(best))
            and (outright := _outright_rival(pool, best)) is not None
        ):
            # "禁止做哪些事": what is forbidden outright ("禁止…进行下列活动"), not what is
            # forbidden without approval ("未经批准，…不得擅自进行下列活动")
            best = outright
        if (
            intent in ("list", "general")
            and _PERMISSION.search(question_search)
            and not PROHIBITION.search(question_search)
            and forbids_itself(best.search)
        ):
            # "哪几天允许燃放" is not answered by the times it is forbidden: by a unit nearly as
            # good that does not forbid, else by nothing
            allowing = [
                c for c in pool if c.score >= FORBIDDING_RIVAL * best.score and not forbids_itself(c.search)
            ]
            if not allowing:
                return []
            best = allowing[0]
        if intent in ("list", "responsible", "general") and (
            lead := announcing_lead(cands, best, question_search)
        ):
            # "哪些耕地要划入…": the enumeration that says "下列耕地…" lists them ("依什么程序办理"
            # is answered by "…按照下列程序办理：" and its items)
            best, intent = lead, "list"
        if intent == "definition" and (defined := _definition_asked(pool, best, question_search, named=True)):
            # "“新型墙体材料”是怎么定义的": "本条例所称新型墙体材料，是指…", not an article that
            # names it beside a short form of its own ("（以下简称新墙材工作机构）")
            return _picks(defined)
        if intent == "list":
            # "急救指挥中心负责哪些工作": the enumeration whose lead-in names it, not one whose
            # items mention it ("服从市急救指挥中心的调度")
            best = subject_enumeration(pool, best, question_search, shares or {})
            best = richer_list(pool, inline_list(pool, best, question_search))
            # (what a term the document defines covers, asked of that term: its definition)
            if (defined := _definition_asked(pool, best, question_search)) is not None:
                return _picks(defined)
            # "2018年…有什么要求": the items of that year, not the whole timetable
            same_year = [c for c in cands if c is best or not other_years_only(c.search, years)]
            if not purpose_pattern().search(question_search):
                # (nor the purpose and scope articles beside the best unit: they list nothing)
                same_year = [c for c in same_year if c is best or not only_purpose(c.search)]
            chosen = list_items(
                same_year,
                best,
                limit=self.list_items,
                enumeration_limit=self.enumeration_items,
                min_score=self.min_score,
            )
        elif intent == "penalty" and (item := offence_item(best, pool, leads)) is not None:
            # the offence as listed, then the sanction its article sets for all its items, with
            # the amount a later 款 sets for it when the lead-in names none
            lead = leads[id(item)]
            fine = fine_of_item(item, cands) if not FINE_AMOUNT.search(lead.search) else None
            return _picks(item, lead, fine, cap_of_item(item, cands))
        elif intent == "penalty" and (enforcer := enforcer_lead(best, cands)) is not None:
            # the lead-in that names the authority, then the item with its fine (and the bound a
            # later 款 sets on it: "前款第（一）项…规定的处罚，最高不得超过三万元")
            return _picks(enforcer, best, cap_of_item(best, cands))
        elif intent == "penalty" and (fined := _fined_item(_paragraph_of(best, cands), cands)) is not None:
            # a lead-in that fines "下列行为之一" by amounts its items set: it, then the asked item
            # (all of it, when its first sentence was the unit found: "…之一的，责令停止违法行为…；
            # 逾期不…的，…可以按照下列规定予以处罚：")
            return _picks(_paragraph_of(best, cands), fined, cap_of_item(fined, cands))
        elif (inner := _answering_item(best, pool, cands, intent)) is not None and (
            condition := _condition_lead(inner, cands, modal=True)
        ) is not None:
            # a whole article read for one of its items ("禁止下列…行为：…（三）在铁路两侧20米以内
            # 的地域放牧；…"): the lead-in and that item, not the item cut from its prohibition
            return [Pick(c, c.unit.start, c.unit.end) for c in (condition, inner)]
        elif (condition := _condition_lead(best, cands, modal=intent == "general")) is not None:
            # "（二）…出现裂缝、变形等情形的；" is one of the cases of its lead-in ("有下列情形之一
            # 的，房屋所有人应当委托鉴定："), which says what follows: the lead-in, then the item
            # (as is an item of a prohibition asked whether it is allowed, "（五）携犬进入公园…",
            # which alone reads as allowed; an item with the figure asked answers on its own)
            return [Pick(c, c.unit.start, c.unit.end) for c in (condition, best)]
        elif intent in ("number", "deadline") and _parallel_items(best, pool, self.second_ratio):
            # "退多少": a schedule of figures by case ("（一）…的，退还…30%；（二）…50%；（三）…
            # 100%"), whose items match the question alike, is answered whole, after its lead-in
            chosen = list_items(
                cands,
                best,
                limit=self.list_items,
                enumeration_limit=self.enumeration_items,
                min_score=self.min_score,
            )
        else:
            limit = 3 if intent == "general" else 2
            # (a unit that says which of the two a question asks about answers it alone)
            if sides and names_both(best, sides):
                limit = 1
            for c in pool[1:]:
                if len(chosen) >= limit:
                    break
                close = c.score >= self.second_ratio * best.score and c.coverage >= 0.85 * best.coverage
                fits = intent not in ("number", "deadline", "responsible", "penalty") or answers_intent(
                    c.search, intent
                )
                # a second sanction comes from the same regulation: another's is another law
                same_law = intent != "penalty" or c.chunk.doc_id == best.chunk.doc_id
                if (
                    close
                    and fits
                    and same_law
                    and not c.off_topic
                    and c.unit.kind != "lead"
                    # (nor an enumeration: beside another answer it is cut to its lead-in, which
                    # announces a list it does not quote, "…按照下列方法计算：")
                    and not ENUMERATION_LEAD_IN.search(c.search)
                    and not overlaps(c)
                    and not _twin_for_another(best.search, c.search, question_search)
                ):
                    chosen.append(c)
        if intent not in ("list", "penalty") and (each := each_asked(question_search)):
            chosen = units_for_each(chosen, cands, each, EACH_RIVAL * best.score)
        chosen.sort(
            key=lambda c: (c.pos, c.unit.start) if intent != "list" else (c.chunk.doc_id, c.unit.start)
        )
        if intent == "list":
            # reading order within the document of the best unit first
            chosen.sort(key=lambda c: (c.chunk.doc_id != best.chunk.doc_id, c.unit.start))
        return [Pick(c, c.unit.start, c.unit.end) for c in chosen]


def _names_holders_by_case(c: Candidate) -> bool:
    """Whether an article or 款 opens with a lead-in that says its items name who is responsible
    ("…并按照下列规定确定责任人：", "…由下列单位负责："), not one whose items are other things
    ("禁止下列行为：")."""
    first = c.search.lstrip().split("\n", 1)[0].rstrip()
    # (or "…实行管理责任区以及管理责任人制度：", whose items say who it is in each case)
    return (
        c.unit.kind in ("article", "paragraph")
        and first.endswith(("：", ":"))
        and _HOLDER_LEAD.search(first) is not None
    )


def _own_case(
    item: Candidate, lead: Candidate, terms: Sequence[tuple[str, ...]], cands: Sequence[Candidate]
) -> bool:
    """Whether the question names the case of ``item`` itself: a word of it its lead-in does not
    say, other than the words that ask who ("负责"), and no other item's ("学校和建设工地各由谁
    负责" names two cases, and asks each)."""

    def named(c: Candidate) -> bool:
        return any(
            has_any(c.search, g) and not has_any(lead.search, g) and not RESPONSIBLE.search(g[0])
            for g in terms
        )

    others = [
        c
        for c in cands
        if c.unit.kind == "item"
        and c.chunk.doc_id == item.chunk.doc_id
        and own_article(c) == own_article(item)
        and c.unit.start != item.unit.start
    ]
    return named(item) and not any(named(c) for c in others)


# a lead-in about who is responsible: "确定责任人", "由下列单位负责"
_HOLDER_LEAD = re.compile(r"责任|负责")


def _parallel_items(best: Candidate, pool: list[Candidate], ratio: float) -> bool:
    """Whether ``best`` is an item of an article two more of whose items, each with a figure,
    score within ``ratio`` of it: the cases of one schedule, none the answer without the others."""
    if best.unit.kind not in ("enum", "item") or not (article := own_article(best)):
        return False
    floor = ratio * best.score
    alike = [
        c
        for c in pool
        if c is not best
        and c.chunk.doc_id == best.chunk.doc_id
        and c.unit.kind in ("enum", "item")
        and own_article(c) == article
        and c.has_figure
        and c.score >= floor
    ]
    return len(alike) >= 2


# The vocabulary's words asked whole when the segmenter cuts them up (see _question_terms): the
# synonym groups written out in full every way, and the everyday phrases
_WHOLE_WORDS = (
    *(g for g in SYNONYMS if all(len(w) >= 3 for w in g)),
    *(say for say, _ in COLLOQUIAL),
)


# a term a question quotes ("“网格化服务管理”"), which its document may define
def _bound_elsewhere(picks: list[Pick], terms: list[tuple[str, ...]]) -> Candidate | None:
    """The pick whose quantity asked is named inside the words that leave it to another body
    ("省规定的误差范围"): a question word of two characters or more written there."""
    for pk in picks:
        if MONEY_FIGURE.search(pk.cand.search) or TIME_LIMIT.search(pk.cand.search):
            continue  # (it states an amount or a time itself)
        for m in DELEGATED.finditer(pk.cand.search):
            if any(len(g[0]) >= 2 and has_any(m.group(0), g) for g in terms):
                return pk.cand
    return None


def _holds_nothing_asked(
    picks: list[Pick], terms: list[tuple[str, ...]], found: dict[tuple[str, ...], Term]
) -> bool:
    """Whether the picks hold none of the words that name what the question is about, though the
    passages read hold them (``found``; of two characters or more; not its asking words, a count,
    "一年", nor a bound, "最多", which any limit states): the figure they state is of another
    thing."""
    named = [
        g
        for g in terms
        if g in found
        and len(g[0]) >= 2
        and not re.search(rf"[\d{OUTLINE_NUMERAL}两]", g[0])
        and not frames_ask(g[0])
    ]
    return bool(named) and not any(
        has_any(pk.cand.search, g) or has_any(pk.cand.context, g) for pk in picks for g in named
    )


_NEXT_ARTICLE = re.compile(rf"\n{ARTICLE_START.pattern}")


def _items_name_any(lead: Candidate, terms: list[tuple[str, ...]], get_doc: GetDoc) -> bool:
    """Whether the items a sanction's lead-in announces ("有下列行为之一的，…罚款：") hold a word
    of the question its lead-in and title do not: one of them may be the act asked, though not
    picked."""
    text = get_doc(lead.chunk.doc_id).text.search
    rest = text[lead.unit.end :]
    if (stop := _NEXT_ARTICLE.search(rest)) is not None:
        rest = rest[: stop.start()]
    # (nor of its title: "市容" of "…市容管理条例" is in "城市容貌")
    said = lead.search + lead.chunk.meta.title
    return any(len(g[0]) >= 2 and has_any(rest, g) and not has_any(said, g) for g in terms)


_QUOTED_TERM = re.compile(r"[“\"「]([\u4e00-\u9fa5]{2,12})[”\"」]")
# (a quoted piece that itself asks, “是否”, “多少”, is no name)
_QUESTION_IN_QUOTES = re.compile(r"哪|什么|多少|是否|怎么|如何")


def _repeats(c: Candidate, quotes: frozenset[tuple[str, str]]) -> bool:
    """Whether unit ``c`` says what one of ``quotes`` says: it lies inside the quote, or holds it."""
    own = bare(c.search)
    return bool(own) and any(
        doc_id == c.chunk.doc_id and (quote := bare(q)) and (own in quote or quote in own)
        for doc_id, q in quotes
    )


def _asks_about(term: str, question: str) -> bool:
    """Whether a question asks what ``term`` itself covers ("社区巡查服务包括什么"), not about
    something inside it ("哪些路段要纳入社区巡查服务")."""
    return re.search(rf"{re.escape(term)}[，,的]?(?:{_COVERS_ASK})", question) is not None


# what asks what a thing covers, right after its name
_COVERS_ASK = "(?:具体|主要|都|一般)?(?:包括|包含|涵盖|有哪些|是指|指什么|指的是|要做哪些|做哪些|是什么)"
# a definition of a term the question names answers a list question on it when it scores at
# least this share of the best unit
DEFINED_RATIO = 0.7
# the term a definition defines, long enough to name one thing ("本条例所称社区巡查服务（以下
# 简称…），是指…")
_DEFINED = re.compile(r"所称([\u4e00-\u9fa5]{4,30}?)(?=[（(，,]|是指)")


def _definition_asked(
    pool: Sequence[Candidate], best: Candidate, question: str, *, named: bool = False
) -> Candidate | None:
    """The unit defining a term the question asks about ("本条例所称…，是指"), when ``best`` is
    another and it scores at least ``DEFINED_RATIO`` of it. ``named``: the question asks for a
    definition, so naming the term is asking about it."""

    # (a term the question quotes, "“以政府投资为主”的项目", is asked by the definition of the
    # term that opens with it: "以政府投资为主的建设项目是指…")
    quoted = _QUOTED_TERM.findall(question) if named else []

    def asked(term: str) -> bool:
        if any(term.startswith(q) for q in quoted):
            return True
        return term in question if named else _asks_about(term, question)

    def terms(c: Candidate) -> list[str]:
        opening = _OPENS_DEFINED.match(c.search) if named else None
        return _DEFINED.findall(c.search) + ([opening.group(1)] if opening else [])

    defined = sorted((c for c in pool if any(asked(t) for t in terms(c))), key=lambda c: -c.score)
    # (of two definitions the question names, the one of the term it quotes: "所称公共工程" is
    # not what "“以财政投资为主”的公共工程" asks)
    defined = [c for c in defined if any(t.startswith(q) for t in terms(c) for q in quoted)] or defined
    if defined and best not in defined and defined[0].score >= DEFINED_RATIO * best.score:
        top = defined[0]
        # (the whole 款 that defines it, not its first clause: "…百分之五十以上的建设项目；…但
        # 政府拥有项目建设或者运营控制权的建设项目")
        return max(
            (c for c in defined if c.unit.start <= top.unit.start and c.unit.end >= top.unit.end),
            key=lambda c: c.unit.end - c.unit.start,
        )
    return None


# a 款 that opens with the term it defines: "以政府投资为主的建设项目是指…"
_OPENS_DEFINED = re.compile(
    rf"^(?:第[{ARTICLE_NUMERAL}]+条\s*)?([\u4e00-\u9fa5]{{4,30}}?)[，,]?(?:是指|指的是)"
)


# A unit stating a time of day answers "几点" from this share of the answer floor
CLOCK_FLOOR = 0.8

# A "who" question that does not ask about a breach ranks the 法律责任 chapter's units this much
# lower: they name who punishes, not who handles the matter
LIABILITY_DISCOUNT = 0.8


def _asks_enforcement(question: str) -> bool:
    """Whether a question asks about a breach or its sanction ("由哪个部门查处", "违反了谁来罚")."""
    vocab = vocabulary()
    words = (
        *question_words().penalty_mentions,
        *vocab.consequence_asks,
        *vocab.consequence_alone,
        *vocab.enforcement_words,
    )
    return any(w in question for w in words) or any(w in question for w in vocab.breach_words if len(w) >= 2)


# "由哪个部门(来)认定", "由谁负责审批": the act a who-question asks about
_ASKED_ACT = re.compile(
    r"由(?:哪个|哪些|哪一|什么|谁)[^，,。？?]{0,4}?(?:来|负责|去)?([\u4e00-\u9fa5]{2})[？?。]?$"
)
# how far below the best unit one that assigns the competence asked may score and still answer
COMPETENT_RIVAL = 0.9
# a unit saying who does the asked act answers before a better-scoring one of at least this share
ACTOR_OF_ASKED_ACT = 0.95


# A unit that forbids what a prohibition question asks replaces a better-scoring unit of its
# document that does not when it scores at least this share of it
FORBIDDING_RIVAL = 0.85


# a question asking what is allowed ("哪几天允许燃放")
_PERMISSION = re.compile(r"允许|准许|准予")


# a question asking what is forbidden outright, and a prohibition that holds only without leave
_OUTRIGHT = re.compile(r"禁止|严禁")
# ("不得擅自改装" forbids outright: 擅自 says only that the act is one's own doing)
_UNLESS_ALLOWED = re.compile(r"未经[^，,。；;：:]{0,20}?(?:批准|许可|同意|审批|登记|备案)")
# (a question that itself speaks of leave asks what needs it: "禁止擅自从事哪些活动")
_LEAVE_ASKED = re.compile(r"未经|擅自|批准|许可|同意")
# the share of the best unit's score a unit forbidding outright needs to replace it
OUTRIGHT_RIVAL = 0.7


def _outright_rival(pool: Sequence[Candidate], best: Candidate) -> Candidate | None:
    """The best unit of ``best``'s document, nearly as good, that forbids without exception of
    leave, or None."""
    for c in pool:  # (best first)
        if c.score < OUTRIGHT_RIVAL * best.score:
            return None
        if (
            c.chunk.doc_id == best.chunk.doc_id
            and prohibits(_lead_line(c))
            and not _UNLESS_ALLOWED.search(_lead_line(c))
        ):
            return c
    return None


def _lead_line(c: Candidate) -> str:
    """A unit's first line: an article's lead-in says what its items are (an item of it may
    need leave, "（五）未经许可…", while the article forbids outright)."""
    return c.search.split("\n", 1)[0]


def _forbidding_rival(pool: Sequence[Candidate], best: Candidate) -> Candidate | None:
    """The best unit of ``best``'s document, nearly as good, that itself forbids, or None."""
    for c in pool:  # (best first)
        if c.score < FORBIDDING_RIVAL * best.score:
            return None
        if c.chunk.doc_id == best.chunk.doc_id and prohibits(c.search):
            return c
    return None


# the 款 of the best sentence replaces it when it scores at least this share of it
WHOLE_PARAGRAPH = 0.95
WHOLE_PARAGRAPH_CHARS = 300
PARAGRAPH_HEAD_CHARS = 12  # "第二十六条 " before a 款's first sentence


def _whole_paragraph(best: Candidate, pool: Sequence[Candidate], intent: Intent) -> Candidate | None:
    """The 款 a best sentence stands in, when its other sentences set the kind of fact asked as
    well and it scores nearly as high: "…应当于每年三月底前向主管部门提交…年度报告…。主管部门…于
    四月底前报送…" answers a question on the report's time limits with both, not the second
    alone."""
    if best.unit.kind != "sentence":
        return None
    if intent in ("number", "deadline") and EXTENDS.match(best.search):
        # an extension of a limit set just before ("确因建设需要延长的，…"): the 款 that sets both
        whole = _paragraph_of(best, pool)
        if whole.unit.start < best.unit.start:
            return whole
    for c in pool:
        if c.score < WHOLE_PARAGRAPH * best.score:
            return None
        if (
            c.unit.kind == "paragraph"
            and c.passage is best.passage
            and c.unit.start <= best.unit.start
            and best.unit.end <= c.unit.end
            and len(c.search) <= WHOLE_PARAGRAPH_CHARS
            # (a commencement clause stands alone: "本条例自…起施行" without the repeal after it)
            and not EFFECTIVE_CLAUSE.search(c.search)
            and (
                answers_intent(c.search.replace(best.search, " "), intent)
                # (asked what to do, the 款 the best sentence opens: "…有异议的，可以…提出。
                # 司法行政部门应当…进行审查…" is one procedure; a sentence inside a 款 is not
                # all it says on the point asked)
                or (intent == "general" and best.unit.start - c.unit.start <= PARAGRAPH_HEAD_CHARS)
                # (a list its 款 goes on with after a semicolon: "做到无果皮纸屑、…无人畜粪便；
                # 路面干净、…" names the second half of what the sentence announced)
                or (intent == "list" and best.search.rstrip().endswith((";", "；")))
            )
        ):
            return c
    return None


def _within(pk: Pick, other: Pick) -> bool:
    """Whether ``pk`` quotes nothing ``other`` does not (the first of two equal spans stays)."""
    same = pk.cand.chunk.doc_id == other.cand.chunk.doc_id
    inside = other.start <= pk.start and pk.end <= other.end
    return (
        same
        and inside
        and ((other.start, other.end) != (pk.start, pk.end) or other.cand.unit.start < pk.cand.unit.start)
    )


def _later_paragraphs(
    picks: list[Pick], cands: Sequence[Candidate], terms: list[tuple[str, ...]], question: str
) -> list[Pick]:
    """The later 款 of the answering article that hold a word of the question the picks do not:
    a question on what 县级 and 市级 parks each need is answered by the 款 on the first and the
    one after it, "申请设立市级…，除应当具备前款…外，还应当…". Asked words the article leaves out are
    not looked for elsewhere: only its own 款 complete the answer. The word must be one the question
    joins to a word the picks hold: any other may be a word the answer does not need."""
    last = picks[-1].cand
    article = own_article(last)
    if not article:
        return []
    said = "".join(pk.cand.search for pk in picks)
    covered = [w for g in terms for w in g if len(w) >= 2 and w in said]
    # (only a word the question joins to one the picks answer: the other of "县级和市级")
    missing = [
        g
        for g in terms
        if len(g[0]) >= 2 and not has_any(said, g) and any(joined(question, v, w) for v in covered for w in g)
    ]
    later: list[Pick] = []
    for c in sorted(cands, key=lambda c: c.unit.start):
        if not (
            missing
            and c.unit.kind == "paragraph"
            and c.chunk.doc_id == last.chunk.doc_id
            and c.unit.start >= max(pk.cand.unit.end for pk in picks)
            and own_article(c) == article
        ) or any(pk.cand.unit.start == c.unit.start for pk in later):
            continue
        found = [g for g in missing if has_any(c.search, g)]
        if found:
            later.append(Pick(c, c.unit.start, c.unit.end))
            missing = [g for g in missing if g not in found]
    return later


# Two units this alike (the share of the shorter found in the longer) are one provision written
# for different subjects
TWIN_SIMILARITY = 0.8


def _twin_for_another(a: str, b: str, question: str) -> bool:
    """Whether unit ``b`` repeats unit ``a`` word for word but for its subject, which the question
    does not name while it names ``a``'s: "…七个工作日内发放食品小作坊登记证" beside "…发放
    食品小经营店登记证" answers "开小作坊…几天能拿到" once, with the 小作坊 one."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # (the shorter of the two read against the longer: a sentence of the twin article is a twin)
    same = sum(block.size for block in matcher.get_matching_blocks())
    if same < TWIN_SIMILARITY * min(len(a), len(b)):
        return False
    own = [a[i1:i2] for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]
    theirs = [b[j1:j2] for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    named = [w for w in own if len(w) >= 2 and w in question]
    return bool(named) and not any(len(w) >= 2 and w in question for w in theirs)


# "除了X，还有哪些…" / "除X以外，还…": the question sets X aside and asks for the rest
EXCEPT_ASKED = re.compile(r"除了?[^，,。？?]{2,24}?(?:以外|之外|外)?[，,]\s*(?=还)")
# a question asking yes or no ("…要交钱吗？", "…能不能…？")
_YES_NO = re.compile(r"吗[？?\s]*$|能不能|要不要|可不可以|是不是|有没有(?!哪些|什么)")

# a lead-in that lists what lies beyond another list ("第七条规定的区域之外的下列场所")
BEYOND = re.compile(r"之外|以外|除[^，,。；]{1,30}外")
BEYOND_BONUS = 1.5

# a transitional provision: the case of what existed before the document took effect
TRANSITIONAL = re.compile(r"本(?:条例|规定|办法|法|决定|细则)(?:施行|实施|生效)(?:前|以前|之前)")
_ASKS_BEFORE = re.compile(r"(?:施行|实施|生效|出台)(?:前|以前|之前)|已经|早就|原来|以前")
TRANSITIONAL_DISCOUNT = 0.8
# a provision that lets a case depart from what another article sets: "可以少于本细则第三十三条规定
# 的期限", "不受本条例第十条规定的限制"
DEROGATES = re.compile(
    rf"(?:可以|可|得)(?:少于|短于|多于|长于|超过|低于|高于|不受|不适用)本(?:条例|规定|办法|法|细则|决定)第([{ARTICLE_NUMERAL}]+)条"
)
DEROGATION_DISCOUNT = 0.75

# a clause that sets a sanction: "处二百元以上一千元以下罚款", "并处吊销…", "没收违法所得"
_SANCTION_CLAUSE = re.compile(rf"[^，,；;。]*(?:{FINE.pattern})[^，,；;。]*")


def _shift_markers(text: str, by: int) -> str:
    """``text`` with each [n] marker moved up by ``by`` (rows joined after other rows' citations)."""
    return MARKER.sub(lambda m: f"[{int(m.group(1)) + by}]", text)


def _unique(passages: list[Passage]) -> list[Passage]:
    """``passages`` with each chunk once (an attachment's chunk may also be fetched otherwise)."""
    seen: set[str] = set()
    out = []
    for p in passages:
        if p.chunk.chunk_id not in seen:
            seen.add(p.chunk.chunk_id)
            out.append(p)
    return out


def _ends_on_article(section_number: str) -> bool:
    """Whether a chunk's section number ends on an article ("第三章.第二十六条")."""
    return ARTICLE_START.fullmatch(section_number.rsplit(".", 1)[-1]) is not None


def _following_article(passages: Sequence[Passage], get_doc: GetDoc) -> list[Chunk]:
    """The rest of each passage's article and the whole article after it, in document order."""
    out: list[Chunk] = []
    for p in passages:
        doc = get_doc(p.chunk.doc_id)
        number = p.chunk.section_number
        if not (doc and _ends_on_article(number)):
            continue
        after = sorted((c for c in doc.chunks if c.start > p.chunk.start), key=lambda c: c.start)
        following = ""
        for chunk in after:
            n = chunk.section_number
            if n == number or n.startswith(number + "."):
                out.append(chunk)
                continue
            if not following and _ends_on_article(n):
                following = n
            if not (n == following or n.startswith(following + ".")):
                break
            out.append(chunk)
    return out


def _several_regions(analysis: QueryAnalysis) -> bool:
    """Whether a question is asked of several regions (one of them may hold no documents)."""
    return len(analysis.regions) >= 2 or bool(analysis.regions and analysis.missing_regions)


def _context_only(terms: list[tuple[str, ...]], analysis: QueryAnalysis) -> set[tuple[str, ...]]:
    """The terms only the previous question a follow-up was resolved with holds ("中止交易" of
    "…哪些情形下暂停？ 多久恢复"): they set the matter, which the answer's unit
    need not repeat as often as the words the follow-up asks about."""
    rest = analysis.search.replace(analysis.context, " ") if analysis.context else ""
    if not rest or rest == analysis.search:
        return set()
    return {g for g in terms if not has_any(rest, g) and has_any(analysis.context, g)}


# a list of things of one kind in a provision: "三轮汽车、轮式专用机械车、轻便摩托车"
_LISTED_KIND = re.compile(r"(?:[\u4e00-\u9fff]{2,8}、){1,8}[\u4e00-\u9fff]{2,8}")


def _siblings_only(picks: list[Pick], terms: list[tuple[str, ...]]) -> str:
    """A thing the question asks of (a noun of three characters or more) that the picks never
    name, though the sentence stating the figure lists others of its kind, ending as it ends
    ("…摩托车" beside a "…自行车" asked); "" when there is none. The list is what the figure is set
    for."""
    for pk in picks:
        for sentence in re.split(r"[。；;]", pk.cand.search):
            if not FIGURE.search(sentence) and not PERIOD.search(sentence):
                continue
            for m in _LISTED_KIND.finditer(sentence):
                items = [x for x in m.group(0).split("、") if x]
                for g in terms:
                    word = g[0]
                    if (
                        len(word) >= 3
                        and pos_tags().get(word, "n")[:1] == "n"
                        and not any(has_any(p.cand.search, g) or has_any(p.cand.context, g) for p in picks)
                        # (the last item runs on into what is said of them all)
                        and all(x[-1] == word[-1] for x in items[:-1])
                        and word[-1] in items[-1]
                        # (not one of them in short: "省政府" is 省人民政府)
                        and not any(in_order(word, x) for x in items)
                    ):
                        return word
    return ""


def _own_terms(weights: dict[tuple[str, ...], Term], analysis: QueryAnalysis) -> dict[tuple[str, ...], Term]:
    """The terms a follow-up asks about itself: not those only the previous question it was
    resolved with holds ("办理入学" of "孩子办理入学要体检吗？ 那不体检的会怎样"), which set the
    matter already answered and need not be in the sanction that answers."""
    rest = analysis.search.replace(analysis.context, " ") if analysis.context else ""
    if not rest or rest == analysis.search:
        return weights
    return {g: t for g, t in weights.items() if has_any(rest, g) or not has_any(analysis.context, g)}


def _completed(picks: list[Pick], cands: list[Candidate], missed: str) -> Candidate | None:
    """The candidate of the same chunk whose text holds the one pick and goes on to name
    ``missed`` (a whole 项 of which the pick is the first clause), or ``None``."""
    if len(picks) != 1:
        return None
    pick = picks[0].cand
    return next(
        (
            c
            for c in cands
            if c.chunk.chunk_id == pick.chunk.chunk_id
            and c is not pick
            and c.search.startswith(pick.search)
            and missed in c.search[len(pick.search) :]
        ),
        None,
    )


def _condition_lead(item: Candidate, cands: Sequence[Candidate], modal: bool = False) -> Candidate | None:
    """The lead-in of an item that does not stand alone, when that lead-in introduces its
    enumeration: an item that is only a case ("…等情形的；") would state a condition and not
    what follows from it. With ``modal``, so is an item of a prohibition or a duty read alone
    ("（三）在铁路两侧20米以内的地域放牧；" under "禁止下列危害铁路行车安全的行为："), which would
    read as permitted."""
    if item.unit.kind not in ("item", "enum"):
        return None
    case = CONDITION_END.search(item.search.rstrip("；;。. \n"))
    if not case and (not modal or _MODAL.search(item.search)):
        return None
    lead = article_lead(item, cands)
    if lead is None or not ENUMERATION_LEAD.search(lead.search):
        return None
    return lead if case or _MODAL.search(lead.search) else None


def _answering_item(
    whole: Candidate, pool: Sequence[Candidate], cands: Sequence[Candidate], intent: Intent
) -> Candidate | None:
    """The item of an enumerating article or 款 that answers in place of the whole of it: the
    one item stating what is asked (a figure, a time, a fine). When several items state one
    ("一级保护的古树…3米；二级…2米"), the whole article answers: the question may not say which."""
    first_line = whole.search.split("\n", 1)[0]
    fact = intent in ("number", "deadline", "penalty", "responsible")
    if not fact or whole.unit.kind not in ("article", "paragraph") or not ENUMERATION_LEAD.search(first_line):
        return None
    items = {
        (c.unit.start, c.unit.end): c
        for c in cands
        if c.chunk.doc_id == whole.chunk.doc_id
        and c.unit.kind in ("item", "enum")
        and whole.unit.start <= c.unit.start < whole.unit.end
        and answers_intent(c.search, intent)
    }
    if len(items) != 1:
        return None
    item = next(iter(items.values()))
    return item if item in pool and item.score >= LONE_ITEM_RATIO * whole.score else None


def _picks(*units: Candidate | None) -> list[Pick]:
    """Each unit given, whole, in the order given."""
    return [Pick(c, c.unit.start, c.unit.end) for c in units if c is not None]


def _paragraph_of(c: Candidate, cands: Sequence[Candidate]) -> Candidate:
    """The 款 a sentence unit stands in (itself when it is no sentence, or none is found)."""
    if c.unit.kind != "sentence":
        return c
    return next(
        (
            p
            for p in cands
            if p.unit.kind == "paragraph"
            and p.chunk.chunk_id == c.chunk.chunk_id
            and p.unit.start <= c.unit.start
            and c.unit.end <= p.unit.end
        ),
        c,
    )


def _fined_item(lead: Candidate, cands: Sequence[Candidate]) -> Candidate | None:
    """The best-matching item of a sanction lead-in that sets no amount itself ("…有下列行为之一
    …的，由…责令停止违法行为，给予警告，并处罚款："), when its items set the amounts ("（一）…
    烤火、野炊…的，处二百元以上三千元以下的罚款；")."""
    first_line = lead.search.split("\n", 1)[0]
    if not ENUMERATION_LEAD.search(first_line) or FINE_AMOUNT.search(first_line):
        return None
    article = own_article(lead)
    items = [
        c
        for c in cands
        if c.chunk.doc_id == lead.chunk.doc_id
        and c.unit.kind in ("item", "enum")
        and own_article(c) == article
        and c.unit.start > lead.unit.start
        and FINE_AMOUNT.search(c.search)
        and c.score > 0
    ]
    return max(items, key=lambda c: c.score, default=None)


# A clause that makes a breach count as another offence answers a penalty question when it scores
# at least this share of the best unit
BY_REFERENCE_RATIO = 0.75


# An article's only item that states the fact asked answers in place of the article when it
# scores at least this share of it
LONE_ITEM_RATIO = 0.7

# what makes a provision a prohibition or a duty
_MODAL = re.compile(r"禁止|严禁|不得|不准|应当|必须")


# The score kept by a unit that names the question's subject in a document titled by another.
ASIDE_DISCOUNT = 0.95

_FINE_LEVEL = re.compile(
    f"({alternation(question_words().level_fines)})(?:{alternation(question_words().level_words)})"
)
# "受不受理": a verb of two characters asked in the A-not-A form of its first
_VERB_A_NOT_A = re.compile(
    rf"(?!{alternation(question_words().a_not_a_modals)})([\u4e00-\u9fa5])[不没]\1(?=[\u4e00-\u9fa5])"
)
_TIME_BOUND = re.compile(alternation(question_words().time_bounds))
# "几月几日开始": the date asked, then which end of the period (not before 施行, 实施, 计算)
_PERIOD_BOUND = re.compile(
    f"({alternation(question_words().period_dates)})(?:{alternation(question_words().period_bounds)})"
    "(?!施行|实施|实行|生效|算|计算)"
)


def _stopword_compound(term: str, words: list[str]) -> str:
    """The piece of ``term`` that is not filler, when ``term`` is a filler word joined to another
    of the question's words ("明令禁止" of 明令 and 禁止), else "": the segmenter's search mode
    gives the joined form beside its pieces, and only the piece that is not filler is asked."""
    for stop in STOPWORDS:
        if len(stop) >= 2 and len(term) > len(stop):
            if term.startswith(stop) and term[len(stop) :] in words:
                return term[len(stop) :]
            if term.endswith(stop) and term[: -len(stop)] in words:
                return term[: -len(stop)]
    return ""
