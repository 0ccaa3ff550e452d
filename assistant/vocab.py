"""The vocabularies every stage shares, loaded once from ``assistant/data/vocabulary.yaml``.

Question analysis, retrieval, answering and comparison read the same lists from here, so a word
added for one stage is seen by all of them and no two copies can disagree. Each entry of the data
file carries an example (a corpus file and the text it holds, or an example question), checked by
``tests/test_vocab.py``.

>>> "罚款" in vocabulary().sanctions
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from assistant.schema import Intent


@dataclass(frozen=True)
class Vocabulary:
    intents: tuple[tuple[Intent, tuple[str, ...]], ...]  # (intent, words), in priority order
    holder_nouns: tuple[str, ...]  # "主管部门": a "who" question unless the question asks for another thing
    consequence_asks: tuple[str, ...]  # "怎么处理", "承担什么责任": with a breach word, a penalty question
    breach_words: tuple[str, ...]  # "违反", "擅自", "逾期"
    consequence_alone: tuple[str, ...]  # "会怎么处理": a penalty question without a breach word
    consequence_undone: tuple[str, ...]  # "会怎么样": a penalty question after a duty left undone
    enforcement_words: tuple[str, ...]  # "查处": who acts on a breach is asked
    held_to_account: tuple[str, ...]  # "问责": the cases held to account are asked
    compare_words: tuple[str, ...]
    differ_words: tuple[str, ...]  # "不同", "区别": two rules differ
    agree_words: tuple[str, ...]  # "一样", "相同": two rules agree
    enumeration_asks: tuple[str, ...]  # "哪些", "哪几项": a list question answered by an enumeration
    doc_types: tuple[tuple[str, str], ...]  # (title ending, document type), most specific first
    question_doc_types: tuple[str, ...]
    plan_types: tuple[str, ...]  # "工作要点", "行动方案": kinds of yearly plan named with a year
    sanctions: tuple[str, ...]
    exemptions: tuple[str, ...]  # "不予行政处罚": a sanction waived
    penalty_powers: tuple[str, ...]  # "处罚权": who may impose sanctions
    definition_cues: tuple[str, ...]
    actor_nouns: tuple[str, ...]  # "部门", "机关": who acts, the answer of a "who" question
    form_suffixes: tuple[str, ...]  # "《…查询书》", "《…许可证》": a paper, not a document
    synonyms: tuple[tuple[str, ...], ...]
    # (everyday words, the provisions' words): "丢了" asks what a provision calls 丢失
    colloquial: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    stopwords: frozenset[str]
    topic_stopwords: frozenset[str]
    topic_frames: tuple[str, ...]  # "在…问题上": frames a topic, names none of it
    instructions_to_reader: tuple[str, ...]
    effective_dated: tuple[tuple[str, str], ...]  # (自, 施行): a date between states the start date
    effective_phrases: tuple[str, ...]  # "施行日期", "自公布之日"
    start_clause: str  # "自竣工验收合格之日起计算": the day a period counts from (a pattern)
    place_features: tuple[str, ...]  # "水库", "河": heads of named places that are not regions
    place_qualifiers: tuple[str, ...]  # "国家级": a level written between such a name and its head
    place_kinds: tuple[str, ...]  # "海岛": a head after a word that makes it a kind of place
    place_generic: tuple[str, ...]  # "湿地公园": a head and a word that name any such place
    measures: tuple[tuple[str, tuple[str, ...]], ...]  # ("坡度", ("度",)): a measure and its units


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of ``words`` in the order the data file gives them (a longer word that
    shares a start with a shorter one is written first there)."""
    return "|".join(re.escape(w) for w in words)


@cache
def raw_vocabulary() -> dict[str, Any]:
    """The data file as loaded (tests read the examples from it)."""
    text = resources.files("assistant.data").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def source_words() -> tuple[str, ...]:
    """Words asking for a provision's source ("出处", "哪一条"): a location intent and a provenance cue."""
    return tuple(raw_vocabulary()["source_words"]["words"])


def intent_words(rule: dict[str, Any]) -> tuple[str, ...]:
    """The words of one intent rule of the data file, the shared source words included if it says so."""
    return tuple(rule["words"]) + (source_words() if rule.get("with_source_words") else ())


@dataclass(frozen=True)
class QuestionWords:
    """The words of question analysis (the ``Question analysis`` part of the data file)."""

    question_words: tuple[str, ...]  # "哪", "多少", "是否": a piece of text that asks something
    quantity_words: tuple[str, ...]  # "多少", "几": the ones that ask a quantity ("多少岁")
    time_phrases: tuple[str, ...]  # "多长时间": a question for a time limit in several words
    period_dates: tuple[str, ...]  # "几月几日": a question for a date, before a period_bounds word
    period_bounds: tuple[str, ...]  # "开始", "结束": after a date question, the end of a period asked
    time_bounds: tuple[str, ...]  # "最晚": bounds the time asked, said by no provision
    a_not_a_modals: tuple[str, ...]  # "能", "是": an A-not-A of these asks with a modal alone
    level_fines: tuple[str, ...]  # "罚款", "处罚": fines whose amount the level words ask
    level_words: tuple[str, ...]  # "标准", "幅度": after a fine word, they ask its amount
    fine_amount: tuple[str, ...]  # "罚多少", "多少钱": a penalty question asking an amount
    standard: tuple[str, ...]  # "按什么标准收": a question asking what a fee or charge comes to
    particles: tuple[str, ...]  # "要", "的": glued by the segmenter to a word it does not know
    hedges: tuple[str, ...]  # "主要": before a verb, it only hedges it ("主要查哪些")
    illustrations: tuple[str, ...]  # "比如": a piece that only gives an example of the question before
    samples: tuple[str, ...]  # "举几类": a piece that only asks for some items of the list before
    occasions: tuple[str, ...]  # "日", "节": the end of a named day or event ("“全民健身日”")
    effective_words: tuple[str, ...]  # "施行", "生效": asks when a regulation takes effect
    purpose_asks: tuple[str, ...]  # "目的", "立法依据": asks why the act was made
    counted_from: tuple[str, ...]  # "施行后多少日内": the day only counts from it
    start_words: tuple[str, ...]  # "从哪天起算": asks the day a period counts from
    asked_things: tuple[str, ...]  # "哪些", "什么": followed by the thing asked for
    holder_heads: tuple[str, ...]  # first characters of a duty holder: 部(门), 单(位)…
    who: tuple[str, ...]  # "谁"
    holders_asked: tuple[str, ...]  # "哪些部门", "哪些单位"
    holders_unless: tuple[str, ...]  # penalty words: then not a "who" question
    duty_verbs: tuple[str, ...]  # "负责", "牵头": holders asked with a duty are a "who" question
    subjectless_leads: tuple[str, ...]
    subjectless_words: tuple[str, ...]
    subjectless_after: tuple[str, ...]  # "办下来以后…": a step after the one just asked about
    breach_leads: tuple[str, ...]  # "如果", "那么" (also before a negated duty)
    persisting: tuple[str, ...]  # "一直": how long a duty stays undone, before its negation
    breach_only_leads: tuple[str, ...]  # "对" (before a breach word only)
    breaches: tuple[str, ...]  # "违反上述规定", "违者"
    breach_asks: tuple[str, ...]  # what follows a breach word in a question: "由", "怎", "罚"
    breach_who: tuple[str, ...]  # "谁": follows a breach word only ("违反了，谁来罚")
    breach_actors: tuple[str, ...]  # "部门", "机关": the head of who acts, before the ask
    negations: tuple[str, ...]  # "不", "未", "逾期": a duty not done
    not_undone: tuple[str, ...]  # "不小心", "不服": a negation that leaves no duty undone
    done_leads: tuple[str, ...]  # "要是", "如果": before an act done ("要是卖了，…")
    done_manners: tuple[str, ...]  # "违规", "擅自": how an act was done against the rule ("私自挖了")
    done_pointers: tuple[str, ...]  # "这些", "上述": what the act was done to ("卖了这些")
    penalty_mentions: tuple[str, ...]  # "罚", "处分", "追究": an answer already about a sanction
    follow_up_openers: tuple[str, ...]
    follow_up_unmet: tuple[str, ...]  # "达不到的话…": the requirement just answered, not met
    follow_up_pointers: tuple[str, ...]
    follow_up_demonstratives: tuple[str, ...]  # "这个证": a thing the previous turn named in full
    follow_up_name_leads: tuple[str, ...]  # "办理", "的": the words before such a name
    follow_up_name_heads: tuple[str, ...]  # "证", "资金": what such a name ends with
    generic_rest: tuple[str, ...]
    provenance_words: tuple[str, ...]
    provenance_pointers: tuple[str, ...]
    provenance_context: tuple[str, ...]  # "原文前后": the sentences around the phrase are asked
    provenance_copulas: tuple[str, ...]
    source_verbs: tuple[str, ...]
    source_which: tuple[str, ...]
    source_nouns: tuple[str, ...]
    provenance_openers: tuple[str, ...]
    all_regions: tuple[str, ...]
    compare_tails: tuple[str, ...]
    compare_openers: tuple[str, ...]
    as_of_when: tuple[str, ...]
    as_of_still: tuple[str, ...]
    as_of_valid: tuple[str, ...]
    version_words: tuple[str, ...]


@cache
def question_words() -> QuestionWords:
    raw = raw_vocabulary()
    asked, holders, subj = raw["asked_things"], raw["holders_asked"], raw["subjectless_part"]
    breach, follow, prov = raw["breach_part"], raw["follow_up"], raw["provenance"]
    return QuestionWords(
        question_words=tuple(raw["question_words"]["words"]),
        quantity_words=tuple(raw["question_words"]["quantity"]),
        time_phrases=tuple(raw["question_words"]["time"]),
        period_dates=tuple(raw["question_words"]["period_bounds"]["dates"]),
        period_bounds=tuple(raw["question_words"]["period_bounds"]["words"]),
        time_bounds=tuple(raw["question_words"]["time_bounds"]),
        a_not_a_modals=tuple(raw["question_words"]["a_not_a_modals"]),
        level_fines=tuple(raw["question_words"]["fine_level"]["fines"]),
        level_words=tuple(raw["question_words"]["fine_level"]["words"]),
        fine_amount=tuple(raw["question_words"]["fine_amount"]),
        standard=tuple(raw["question_words"]["standard"]),
        particles=tuple(raw["question_words"]["particles"]),
        hedges=tuple(raw["question_words"]["hedges"]),
        illustrations=tuple(raw["question_words"]["illustrations"]),
        samples=tuple(raw["question_words"]["samples"]),
        occasions=tuple(raw["question_words"]["occasions"]),
        effective_words=tuple(raw["effective_words"]["words"]),
        purpose_asks=tuple(raw["purpose_asks"]["words"]),
        counted_from=tuple(raw["effective_words"]["counted_from"]),
        start_words=tuple(raw["start_words"]["words"]),
        asked_things=tuple(asked["words"]),
        holder_heads=tuple(asked["holder_heads"]),
        who=tuple(asked["who"]),
        holders_asked=tuple(holders["words"]),
        holders_unless=tuple(holders["unless"]),
        duty_verbs=tuple(holders["duty_verbs"]),
        subjectless_leads=tuple(subj["leads"]),
        subjectless_words=tuple(subj["words"]),
        subjectless_after=tuple(subj["after"]),
        breach_leads=tuple(breach["leads"]),
        breach_only_leads=tuple(breach["breach_leads"]),
        persisting=tuple(breach["persisting"]),
        breaches=tuple(breach["breaches"]),
        breach_asks=tuple(breach["asks"]),
        breach_who=tuple(breach["who_asks"]),
        breach_actors=tuple(breach["actor_heads"]),
        negations=tuple(breach["negations"]),
        not_undone=tuple(breach["not_undone"]),
        done_leads=tuple(breach["done_leads"]),
        done_manners=tuple(breach["done_manners"]),
        done_pointers=tuple(breach["done_pointers"]),
        penalty_mentions=tuple(e["word"] for e in raw["penalty_mentions"]),
        follow_up_openers=tuple(follow["openers"]),
        follow_up_unmet=tuple(follow["unmet"]),
        follow_up_pointers=tuple(follow["pointers"]),
        follow_up_demonstratives=tuple(follow["demonstratives"]),
        follow_up_name_leads=tuple(follow["name_leads"]),
        follow_up_name_heads=tuple(follow["name_heads"]),
        generic_rest=tuple(follow["generic_rest"]),
        provenance_words=tuple(prov["words"]) + source_words(),
        provenance_pointers=tuple(prov["pointers"]),
        provenance_context=tuple(prov["context"]),
        provenance_copulas=tuple(prov["copulas"]),
        source_verbs=tuple(prov["source_verbs"]),
        source_which=tuple(prov["which"]),
        source_nouns=tuple(prov["source_nouns"]),
        provenance_openers=tuple(prov["openers"]),
        all_regions=tuple(raw["all_regions"]["words"]),
        compare_tails=tuple(raw["compare_tails"]["words"]),
        compare_openers=tuple(raw["compare_tails"]["openers"]),
        as_of_when=tuple(raw["as_of"]["when"]),
        as_of_still=tuple(raw["as_of"]["still"]),
        as_of_valid=tuple(raw["as_of"]["valid"]),
        version_words=tuple(raw["version_of"]["words"]),
    )


@cache
def vocabulary() -> Vocabulary:
    raw = raw_vocabulary()
    return Vocabulary(
        intents=tuple((r["intent"], intent_words(r)) for r in raw["intents"]),
        holder_nouns=tuple(w for r in raw["intents"] for w in r.get("nouns", ())),
        consequence_asks=tuple(raw["consequence"]["asks"]),
        breach_words=tuple(raw["consequence"]["breach"]),
        consequence_alone=tuple(raw["consequence"]["alone"]),
        held_to_account=tuple(raw["consequence"]["held_to_account"]),
        consequence_undone=tuple(raw["consequence"]["undone"]),
        enforcement_words=tuple(raw["consequence"]["enforcement"]),
        compare_words=tuple(raw["compare_words"]["words"]),
        differ_words=tuple(raw["compare_words"]["differ"]),
        agree_words=tuple(raw["compare_words"]["agree"]),
        enumeration_asks=tuple(raw["enumeration_asks"]["words"]),
        doc_types=tuple((e["suffix"], e["type"]) for e in raw["doc_types"]),
        question_doc_types=tuple(e["word"] for e in raw["plan_types"] if e.get("asked"))
        + tuple(raw["question_doc_types"]["words"]),
        plan_types=tuple(e["word"] for e in raw["plan_types"]),
        sanctions=tuple(e["word"] for e in raw["sanctions"]),
        exemptions=tuple(e["word"] for e in raw["exemptions"]),
        penalty_powers=tuple(e["word"] for e in raw["penalty_powers"]),
        definition_cues=tuple(e["word"] for e in raw["definition_cues"]),
        actor_nouns=tuple(e["word"] for e in raw["actor_nouns"]),
        form_suffixes=tuple(e["suffix"] for e in raw["form_names"]),
        synonyms=tuple(tuple(e["words"]) for e in raw["synonyms"]),
        colloquial=tuple((tuple(e["say"]), tuple(e["means"])) for e in raw["colloquial"]),
        stopwords=frozenset(raw["stopwords"]["words"].split()),
        instructions_to_reader=tuple(raw["instructions_to_reader"]["words"]),
        topic_stopwords=frozenset(raw["stopwords"]["words"].split())
        | frozenset(raw["topic_stopwords"]["words"].split())
        | frozenset(raw["compare_words"]["differ"])
        | frozenset(raw["compare_words"]["agree"]),
        topic_frames=tuple(raw["topic_frames"]["words"]),
        effective_dated=tuple((e["open"], e["verb"]) for e in raw["effective_clause"]["dated"]),
        effective_phrases=tuple(e["word"] for e in raw["effective_clause"]["phrases"]),
        start_clause=raw["start_words"]["clause"],
        place_features=tuple(e["suffix"] for e in raw["place_features"]),
        place_kinds=tuple(k for e in raw["place_features"] for k in e.get("kinds", ())),
        place_generic=tuple(k for e in raw["place_features"] for k in e.get("generic", ())),
        place_qualifiers=tuple(q for e in raw["place_features"] for q in e.get("qualifiers", ())),
        measures=tuple((e["word"], tuple(e["units"])) for e in raw["measures"]),
    )


@cache
def sanction_pattern() -> re.Pattern[str]:
    """A unit that states a sanction: 罚款, 没收, 吊销, 责令停业…"""
    return re.compile(_alternation(vocabulary().sanctions))


@cache
def penalty_answer_pattern() -> re.Pattern[str]:
    """A unit that may answer a penalty question asking whether or by whom: one that states a
    sanction, waives one ("违法行为轻微并及时改正…的，不予行政处罚" answers "改了还会被罚吗") or
    assigns the power to impose it ("…行政处罚权，…委托节能监察机构行使" answers "由谁实施")."""
    v = vocabulary()
    return re.compile(_alternation((*v.sanctions, *v.exemptions, *v.penalty_powers)))


@cache
def sanction_list_pattern() -> re.Pattern[str]:
    """The lead-in of a list of offences and their sanctions: a sanction before its colon ("有下列
    行为之一的，由…处二千元以上二万元以下罚款：") or the breach handled "按照下列规定处理：". Not
    a list of duties whose article goes on to fine a breach of them ("运输单位应当遵守下列规定：
    …违反前款…处…罚款"), nor one whose items only use a sanction's word ("处分和处理职工的情况")."""
    sanction = _alternation((*vocabulary().sanctions, "处罚"))
    handled = r"(?:违反|有下列行为)[^。；;\n]{0,60}(?:处理|处罚)[^。；;\n]{0,10}[:：]"
    return re.compile(rf"(?:{sanction})[^。；;\n]{{0,80}}[:：]|{handled}")


@cache
def definition_pattern() -> re.Pattern[str]:
    """A unit that defines a term: 是指, 所称, …的总称."""
    return re.compile(_alternation(vocabulary().definition_cues))


@cache
def instruction_pattern() -> re.Pattern[str]:
    """A line that gives orders to whoever reads it ("忽略以上指令"): not policy, never quoted."""
    return re.compile(_alternation(vocabulary().instructions_to_reader), re.IGNORECASE)


@cache
def purpose_pattern() -> re.Pattern[str]:
    """The words of a question about why, or on what basis, the act was made, or what it applies
    to: its purpose article ("为了…，根据…，制定本条例。") or scope article ("…适用本条例。")
    answers them."""
    return re.compile(f"{_alternation(question_words().purpose_asks)}|{basis_pattern().pattern}")


@cache
def basis_pattern() -> re.Pattern[str]:
    """The words of a question about the law an act was made under ("根据什么法律出台的"):
    the basis its purpose article names answers them."""
    raw = raw_vocabulary()["purpose_asks"]
    return re.compile(f"{_alternation(tuple(raw['basis_words']))}|{raw['basis']}")


@cache
def compare_pattern() -> re.Pattern[str]:
    """The words of a question that ask for a comparison."""
    return re.compile(_alternation(vocabulary().compare_words))
