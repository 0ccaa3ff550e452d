"""The default answerer: picks the sentences that answer the question and cites them. No LLM.

For each of the top passages the chunk is cut into units (:mod:`assistant.answer.sentences`) and
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
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import jieba

from assistant.answer.intent import EFFECTIVE_CLAUSE, detect_intent
from assistant.answer.sentences import Unit, split_clauses, split_spans, split_units
from assistant.answer.verify import (
    MARKER,
    bad_markers,
    cite_span,
    fold_width,
    numbers_supported,
    to_simplified,
)
from assistant.index.docstore import StoredDocument
from assistant.schema import Answer, Chunk, Citation, Intent, Passage, QueryAnalysis

jieba.setLogLevel(60)  # its loading chatter is not for officials' terminals

GetDoc = Callable[[str], StoredDocument]

NOT_COVERED = "所提供的文件中未涉及"

# Words that say what kind of answer is wanted, not what it is about.
_STOPWORD_TEXT = """的 了 是 要 在 和 与 及 或 对 有 为 将 由 被 把 等 中 里 上 下 其 该 这 那 这个 那个 此 之 以 于 从 到 向
    吗 呢 吧 啊 么 呀 我 我们 你 您 请 请问 问 一下 告诉 关于 根据 按照 有关 相关 什么 怎么 怎样 如何 哪 哪些 哪个
    哪里 哪儿 哪年 哪一年 多少 几 多 是否 能否 可以 应该 应当 需要 需 会 能 都 也 还 又 就 并 且 个 项 方面
    何时 什么时候 时候 谁 负责 哪个部门 部门 规定 要求 文件 政策 提出 提到 内容 具体 主要 分别 各自 之前 以前
    目前 现在 今年 明年 年 月 日 省 市 区 县 全省 全市 全区 地区 地方 及其 是指 指 含义 意思 定义 出处 原文
    一条 哪条 哪一条 达到 为多少"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_PUNCT = re.compile(r"^[\W_]+$")
# Words written two ways in the documents: a question with one matches a unit with the other.
_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("PM2.5", "细颗粒物"),
    ("PM10", "可吸入颗粒物"),
    ("O3", "臭氧"),
    ("COD", "化学需氧量"),
    ("VOCs", "挥发性有机物"),
    ("NOx", "氮氧化物"),
    ("优良天数比例", "优良天数比率", "优良天数"),
    ("罚款", "罚金"),
    ("比例", "比率"),
    ("黑臭水体", "黑臭"),
)
_PINYIN_GLOSS = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[）)]")
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})")
_FIVE_YEAR_PLANS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}

_FIGURE = re.compile(
    r"(?:\d+(?:\.\d+)?\s*(?:%|‰|微克/立方米|毫克/立方米|毫克/升|微克/升|mg/L|毫克|微克|μg/m3|mg/m3|万千瓦|万吨|万亩|万元|亿元|万|亿|吨|个|家|座|台|辆|"
    r"户|人|公里|千米|平方米|平方公里|立方米|公顷|亩|天|小时|元|千瓦|分贝|项|处|条|次|倍|类|米|蒸吨|起|件|批|所|套|名))"
    r"|百分之[零〇一二两三四五六七八九十百点\d.]+|[ⅠⅡⅢⅣⅤ]+类|[零〇一二两三四五六七八九十百千万]+(?:元|倍)"
    r"|排名?第[一二三四五六七八九十\d]+|第[一二三四五六七八九十\d]+(?:名|位|届|批)"
)
_TARGET_VERB = re.compile(
    r"达到|达|不低于|不高于|不超过|不少于|以上|以下|以内|控制在|下降|降低|降至|提高到|提高|提升至|高于|低于|保持|稳定在|"
    r"力争|累计|完成|削减|减少|增加|增长|罚款|处"
)
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月(?:底|末|前)"
)
_BEFORE = re.compile(r"前|底|以前|之前|年末|月末|截至|期限|时限|起施行|之日起")
_RESPONSIBLE = re.compile(r"牵头|负责|责任单位|责任部门|主管部门|监督管理|按职责|职责分工|配合")
_DEPARTMENT = re.compile(
    r"[（(][^（）()]{0,80}?(?:局|厅|委|办|部门|政府|管委会|中心|公司|单位)[^（）()]{0,40}[）)]"
)
_DEFINITION = re.compile(r"是指|系指|指的是|所称|的总称|是…的")
# Pollutants and indicator nouns: a figure found for a question about one of these must be
# about it, not about a neighbouring indicator (no 臭氧 target → not the PM2.5 figure).
_INDICATOR_NOUNS = frozenset(
    [
        "臭氧",
        "二氧化硫",
        "二氧化氮",
        "一氧化碳",
        "氮氧化物",
        "氨氮",
        "总磷",
        "总氮",
        "化学需氧量",
        "挥发性有机物",
        "可吸入颗粒物",
        "细颗粒物",
        "降尘",
        "扬尘",
        "噪声",
        "碳排放",
        "二氧化碳",
        "能耗",
        "森林覆盖率",
        "绿地率",
        "湿地",
        "公交车",
        "充电桩",
        "光伏",
        "风电",
    ]
)
_ASKED_UNIT = re.compile(
    r"微克/立方米|毫克/立方米|毫克/升|万千瓦|千瓦|万吨|吨|辆|公里|平方米|公顷|万亩|亩|蒸吨|分贝"
)
_DUTY_LABEL = re.compile(r"牵头单位|责任单位|责任部门|牵头部门|配合单位|主管部门|由[^，。；]{2,30}负责")
_LEAD_DUTY = re.compile(r"牵头单位|责任单位|责任部门|牵头部门|主管部门|牵头")
_FINE = re.compile(r"罚款|罚金|没收|拘留|处分|吊销|责令停业|责令关闭")
_FINE_AMOUNT = re.compile(r"[零〇一二两三四五六七八九十百千万\d.]+(?:元|倍)")
_EFFECTIVE = EFFECTIVE_CLAUSE
_ARTICLE_REF = re.compile(r"第([零〇一二两三四五六七八九十百千]+)条")
_LEAD_MARKERS = re.compile(
    r"^(?:\s*(?:第[零〇一二两三四五六七八九十百千\d]+条|[（(][零一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]"
    r"|\d{1,3}[.．、](?!\d)|[一二三四五六七八九十]{1,3}[是要]|[-•·*#]+)\s*)+"
)
_ARTICLE_START = re.compile(r"\s*第[零〇一二两三四五六七八九十百千]+条")
_SELF_REF = re.compile(r"本(?:条例|法|办法|规定|决定|细则)")
_FULL_STOP = re.compile(r"[。！？!?]+[”’」』）)]*")
_TRAILING_PUNCT = "。；;，,：:、 \t\u3000"
_NOTICE_TITLE = re.compile(r"关于印发[《“]?(.+?)[》”]?的通知$")

# (pattern, replacement): half-width punctuation of the source to the answer's full width
_WIDTH = [
    (re.compile(r"(?<!\d),|,(?!\d)"), "，"),
    (re.compile(r";"), "；"),
    (re.compile(r"(?<!\d):|:(?!\d)"), "："),
    (re.compile(r"\?"), "？"),
    (re.compile(r"!"), "！"),
    (re.compile(r"\("), "（"),
    (re.compile(r"\)"), "）"),
]


@dataclass
class _Candidate:
    passage: Passage
    pos: int  # position of the passage in the ranked list considered
    unit: Unit
    search: str  # Simplified, width-folded text of the unit
    context: str  # Simplified title + section path of the chunk
    score: float = 0.0
    coverage: float = 0.0
    has_figure: bool = False
    asks_effective: bool = False  # the question asks when a regulation takes effect

    @property
    def chunk(self) -> Chunk:
        return self.passage.chunk


@dataclass
class _Pick:
    """A unit chosen for the answer, cut to the clauses that carry the answer."""

    cand: _Candidate
    start: int
    end: int
    body: str = ""  # the rendered Simplified sentence (no marker)
    marker: int = 0


@dataclass
class _Line:
    """One sentence of the composed answer and the picks it cites."""

    prefix: str
    picks: list[_Pick] = field(default_factory=list)
    text: str = ""  # a fixed text (no citations), e.g. "北京市：所提供的文件中未涉及"


def _search_slice(chunk: Chunk, start: int, end: int, get_doc: GetDoc | None = None) -> str:
    """Simplified text at display offsets [start, end) of the chunk's document."""
    if len(chunk.search_text) == len(chunk.text):
        return chunk.search_text[start - chunk.start : end - chunk.start]
    if get_doc is not None:
        return get_doc(chunk.doc_id).text.search[start:end]
    return to_simplified(chunk.text[start - chunk.start : end - chunk.start])


def _tokens(text: str) -> list[str]:
    return [t.strip() for t in jieba.lcut_for_search(text) if t.strip()]


def _short_title(title: str) -> str:
    t = to_simplified(title).strip()
    m = _NOTICE_TITLE.search(t)
    return m.group(1) if m else t


def topic_of(question: str) -> str:
    """The subject of a question, for "未找到关于……的规定": question words and punctuation removed."""
    t = to_simplified(question).strip()
    t = re.sub(r"^(?:请问|请告诉我|请说明|我想知道|想了解一下|想了解)[，,：:]?", "", t)
    t = t.rstrip("？?。！!，, ")
    suffixes = (
        "是多少", "为多少", "有多少", "多少", "是什么", "有哪些", "是哪些", "哪些", "有什么", "什么时候", "何时",
        "是哪个部门", "哪个部门负责", "由谁负责", "谁负责", "怎么样", "如何", "吗", "呢", "有什么规定", "有何规定",
        "有什么要求", "规定", "的要求",
        "要达到", "应达到", "达到", "要求", "是", "要", "有", "的", "了", "在",
    )  # fmt: skip
    changed = True
    while changed and t:
        changed = False
        for s in suffixes:
            if t.endswith(s) and len(t) > len(s):
                t = t[: -len(s)].rstrip("，, ")
                changed = True
    return t[:40] or "该问题"


def _years_covered(texts: Sequence[str]) -> set[int]:
    years: set[int] = set()
    for text in texts:
        years |= {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)}
        for a, b in _YEAR_RANGE.findall(text):
            lo, hi = int(a), int(b)
            if lo <= hi <= lo + 20:
                years |= set(range(lo, hi + 1))
        for word, (lo, hi) in _FIVE_YEAR_PLANS.items():
            if word in text:
                years |= set(range(lo, hi + 1))
    return years


def _has(text: str, group: tuple[str, ...]) -> bool:
    return any(t in text for t in group)


def _answers_intent(s: str, intent: Intent) -> bool:
    """Whether a clause holds the kind of fact the question asks for."""
    if intent == "number":
        return bool(_FIGURE.search(s))
    if intent == "deadline":
        return bool(_DATE.search(s))
    if intent == "responsible":
        return bool(_RESPONSIBLE.search(s) or _DEPARTMENT.search(s))
    if intent == "penalty":
        return bool(_FINE.search(s))
    return False


_MEASURE_SUFFIX = (
    "率",
    "浓度",
    "比例",
    "比率",
    "覆盖率",
    "面积",
    "总量",
    "强度",
    "数量",
    "排放量",
    "产量",
    "标准",
)
_QUESTION_TAIL = re.compile(
    r"(?:目标|指标|要求)?(?:值)?(?:是|为|要|应|需|要达到|应达到|达到|控制在|提高到|降到|降至)?(?:多少|几)"
)


def _required_terms(question: str, terms: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Terms a figure must sit beside to answer a number question.

    The indicator nouns and codes the question names (臭氧, PM10), and the measure word the
    question ends on before "多少" (…水质达标率是多少 → 达标率): a figure next to other words
    answers another question.
    """
    required = [g for g in terms if re.search(r"[A-Za-z]", g[0]) or g[0] in _INDICATOR_NOUNS]
    m = _QUESTION_TAIL.search(question)
    if m:
        head = question[: m.start()]
        # the last measure word before "多少": "…受污染耕地安全利用率提出了多少的目标" → 利用率
        words = [t for t in jieba.lcut(head) if len(t) >= 2 and t.endswith(_MEASURE_SUFFIX)]
        if words:
            # several measures asked at once ("利用率和优良天数比率"): a figure for any of them
            group: tuple[str, ...] = ()
            for w in dict.fromkeys(words):
                group += next((g for g in terms if g[0] == w), None) or next(
                    (g for g in _SYNONYMS if w in g), (w,)
                )
            if group not in required:
                required.append(group)
    return required


def _other_years_only(unit: str, years: Sequence[int]) -> bool:
    """The unit names years, and none of them (nor a range through them) is an asked year."""
    if not years:
        return False
    # explicit years decide; "十四五" counts only where no year is written out
    named = _years_covered([re.sub(r"十[三四五]五", "", unit)]) or _years_covered([unit])
    return bool(named) and not (named & set(years))


def article_number(section_number: str) -> str:
    """The article ("第十二条") a section number ("第五章.第十二条.（二）") lies in, or ""."""
    return next((x for x in reversed(section_number.split(".")) if re.fullmatch(r"第.+条", x)), "")


def _inherit_coverage(
    cands: Sequence[_Candidate], cover: Callable[[str], float], get_doc: GetDoc | None
) -> None:
    """A sanction "违反本条例第二十七条规定的，…处五百元以上五千元以下罚款" is about what
    第二十七条 says, in words it does not repeat: it takes (nine tenths of) the coverage of the
    article it cites — read from the document when it is not among the passages — when that is
    higher than its own."""
    by_article: dict[tuple[str, str], float] = {}

    def article_coverage(doc_id: str, article: str) -> float:
        key = (doc_id, article)
        if key not in by_article:
            text = ""
            try:
                doc = get_doc(doc_id) if get_doc else None
            except (KeyError, LookupError):
                doc = None
            for chunk in doc.chunks if doc else []:
                spans = [(p.section_number, p.start, p.end) for p in chunk.parts or []] or [
                    (chunk.section_number, chunk.start, chunk.end)
                ]
                for number, start, end in spans:
                    if article in number.split("."):
                        text += chunk.search_text[start - chunk.start : end - chunk.start]
            by_article[key] = cover(text) if text else 0.0
        return by_article[key]

    for c in cands:
        if not _FINE.search(c.search):
            continue
        cited = {f"第{n}条" for n in _ARTICLE_REF.findall(c.search)}
        inherited = max((article_coverage(c.chunk.doc_id, a) for a in cited), default=0.0)
        c.coverage = max(c.coverage, 0.9 * inherited)


def _sanction_lead(item: _Candidate, cands: Sequence[_Candidate]) -> _Candidate | None:
    """The lead-in 款 of the article an item belongs to, when it states the sanction."""
    if item.unit.kind not in ("item", "enum", "sentence"):
        return None
    if not re.match(r"\s*[（(][零一二三四五六七八九十\d]+[）)]", item.search):
        return None
    before = [
        c
        for c in cands
        if c.passage is item.passage
        and c.unit.kind == "paragraph"
        and c.unit.end <= item.unit.start
        and _ARTICLE_START.match(c.search)
    ]
    if not before:
        return None
    lead = max(before, key=lambda c: c.unit.start)
    return lead if _FINE.search(lead.search) and re.search(r"下列[^。]{0,6}之一", lead.search) else None


def _passage_texts(p: Passage) -> list[str]:
    m = p.chunk.meta
    dates = [m.written_date, m.published_date, m.effective_date, m.adopted_date, m.revised_date]
    return [p.chunk.search_text, to_simplified(m.title), *[d for d in dates if d], *p.chunk.section_path]


class ExtractiveAnswerer:
    """Answers from the passages' own sentences, each cited with an exact quote.

    >>> answerer = ExtractiveAnswerer()
    >>> answer = answerer.answer(analysis, passages, store.get)   # doctest: +SKIP
    """

    def __init__(
        self,
        min_score: float = 0.3,  # calibrated on eval/questions.jsonl: fewest total errors (see eval/reports)
        top_k: int = 6,
        max_clause_chars: int = 120,
        number_clause_chars: int = 40,
        max_answer_chars: int = 400,
        list_items: int = 5,
        second_ratio: float = 0.8,
        region_coverage_ratio: float = 0.5,
    ) -> None:
        self.min_score = min_score
        self.top_k = top_k
        self.max_clause_chars = max_clause_chars
        self.number_clause_chars = number_clause_chars
        self.max_answer_chars = max_answer_chars
        self.list_items = list_items
        self.second_ratio = second_ratio
        self.region_coverage_ratio = region_coverage_ratio

    # -- entry point -------------------------------------------------------------------------

    def answer(self, analysis: QueryAnalysis, passages: list[Passage], get_doc: GetDoc) -> Answer:
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
            return abstain(reason="文库中没有该地区的文件：" + "、".join(analysis.missing_regions))
        if analysis.years:
            covered = _years_covered([t for p in ordered for t in _passage_texts(p)])
            absent = [y for y in analysis.years if y not in covered]
            if absent:
                return abstain(reason="文件未涵盖所问年份：" + "、".join(f"{y}年" for y in absent))

        related = self._related(question_search, intent, ordered, get_doc)
        multi = len(analysis.regions) >= 2 or (analysis.regions and analysis.missing_regions)
        groups: list[tuple[str, list[Passage]]]
        if multi:
            groups = []
            for r in analysis.regions:
                ps = self._region_passages(r, ordered, analysis)
                extra = self._related(question_search, intent, ps, get_doc)
                for p in extra:
                    p.region_label = r
                related += extra
                groups.append((r, ps + extra))
        else:
            groups = [("", ordered[: self.top_k] + related)]

        # the words of a title the question names match every unit of that document: drop them
        from assistant.query import scoped_query  # query imports this package: import late

        named_docs = [get_doc(i) for i in analysis.doc_ids] if analysis.doc_ids else []
        terms = self._question_terms(scoped_query(question_search, analysis.doc_ids, named_docs), analysis)
        all_cands = [c for _, ps in groups for c in self._candidates(ps, get_doc)]
        asks_effective = any(w in question_search for w in ("施行", "生效", "实施"))
        for c in all_cands:
            c.asks_effective = asks_effective
        self._score(all_cands, terms, intent, analysis.years, get_doc)
        best = max((c.score for c in all_cands), default=0.0)
        if intent == "number":
            # An indicator code the question names (PM10, VOCs, COD) must appear in the passages,
            # or the figure found belongs to another indicator.
            unknown_codes = [
                g[0]
                for g in terms
                if (re.search(r"[A-Za-z]", g[0]) or g[0] in _INDICATOR_NOUNS)
                and not any(_has(c.search, g) or _has(c.context, g) for c in all_cands)
            ]
            if unknown_codes:
                return abstain(best, reason="相关文件中没有该指标：" + "、".join(unknown_codes))
            # A unit the question asks in ("降到多少微克/立方米") must be the unit of the figure.
            asked_units = _ASKED_UNIT.findall(question_search)
            if asked_units:
                for c in all_cands:
                    c.has_figure = c.has_figure and any(u in c.search for u in asked_units)
            # The figure must be about the asked quantity: the indicator the question names
            # (臭氧, 森林覆盖率) or the measure it ends on (达标率, 浓度) is in the unit or its heading.
            required = _required_terms(question_search, terms)
            for c in all_cands:
                where = c.search + " " + " ".join(c.chunk.section_path)
                c.has_figure = c.has_figure and all(_has(where, g) for g in required)
                # (in a comparison a year may belong to one region's document only)
                c.has_figure = c.has_figure and (
                    bool(multi) or not _other_years_only(c.search, analysis.years)
                )

        # In a comparison, a region whose best unit matches far fewer of the question's words
        # than another region's does not speak about the asked thing ("未涉及").
        top_coverage = max((c.coverage for c in all_cands if c.score >= self.min_score), default=0.0)
        coverage_floor = self.region_coverage_ratio * top_coverage if multi else 0.0
        lines: list[_Line] = []
        for region, ps in groups:
            ids = {id(p) for p in ps}
            cands = [c for c in all_cands if id(c.passage) in ids and c.coverage >= coverage_floor]
            picks = self._select(cands, intent, question_search, [] if multi else analysis.years)
            if region:
                label = region.replace(" ", "")
                lines.append(
                    _Line(f"{label}：", picks) if picks else _Line("", text=f"{label}：{NOT_COVERED}")
                )
            elif picks:
                lines.append(_Line("", picks))
        for r in analysis.missing_regions if multi else []:
            lines.append(_Line("", text=f"{r.replace(' ', '')}：{NOT_COVERED}"))
        if not any(line.picks for line in lines):
            return abstain(best, reason="检索到的段落与问题匹配度不足")

        for line in lines:
            for pk in line.picks:
                self._focus(pk, terms, intent, analysis.years)
                pk.body = self._render(pk, get_doc)
        text, citations = self._compose(lines, intent, multi=bool(multi), get_doc=get_doc)
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

    # -- candidates and scores ---------------------------------------------------------------

    def _related(
        self, question: str, intent: Intent, ordered: list[Passage], get_doc: GetDoc
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
            refs: dict[str, set[str]] = {}
            # the duty articles among the top passages (sanctions rank high for penalty questions)
            for p in [p for p in ordered[: self.top_k] if not _FINE.search(p.chunk.search_text)][:3]:
                for part in p.chunk.parts or []:
                    m = re.search(r"(第[零〇一二两三四五六七八九十百千]+条)$", part.section_number)
                    if m:
                        refs.setdefault(p.chunk.doc_id, set()).add(m.group(1))
            for doc_id, articles in refs.items():
                doc = get_doc(doc_id)
                for chunk in doc.chunks if doc else []:
                    cited = {f"第{n}条" for n in _ARTICLE_REF.findall(chunk.search_text)}
                    if _FINE.search(chunk.search_text) and cited & articles:
                        add(chunk)
        if intent == "responsible":
            # Work plans list 牵头单位/责任单位 at the end of an item, often in the next chunk.
            for p in top[:2]:
                doc = get_doc(p.chunk.doc_id)
                number = p.chunk.section_number
                for chunk in doc.chunks if doc and number else []:
                    same = chunk.section_number == number or chunk.section_number.startswith(number + ".")
                    if same and _DUTY_LABEL.search(chunk.search_text):
                        add(chunk)
        if intent == "deadline" and any(w in question for w in ("施行", "生效", "实施")):
            for doc_id in dict.fromkeys(p.chunk.doc_id for p in top[:2]):
                doc = get_doc(doc_id)
                for chunk in doc.chunks if doc else []:
                    if _EFFECTIVE.search(chunk.search_text):
                        add(chunk)
        return extra[:6]

    def _region_passages(self, region: str, ordered: list[Passage], analysis: QueryAnalysis) -> list[Passage]:
        if any(p.region_label for p in ordered):
            ps = [p for p in ordered if p.region_label == region]
        else:
            docs = set(analysis.region_doc_ids.get(region, []))
            ps = [p for p in ordered if p.chunk.doc_id in docs or region in p.chunk.meta.region]
        return ps[: self.top_k]

    def _question_terms(self, question: str, analysis: QueryAnalysis) -> list[tuple[str, ...]]:
        places = [w for r in (*analysis.regions, *analysis.missing_regions) for w in r.split()]
        place_stems = {w.rstrip("省市区县") for w in places} | set(places)
        years = {str(y) for y in analysis.years}
        terms: list[str] = []
        for t in _tokens(fold_width(question)):
            if t in _STOPWORDS or _PUNCT.match(t) or t in years or (t.isdigit() and len(t) == 4):
                continue
            if any(t in s or s in t for s in place_stems if len(s) >= 2) and len(t) >= 2:
                continue
            if t not in terms:
                terms.append(t)
        groups: list[tuple[str, ...]] = []
        for t in terms:
            alts = next((g for g in _SYNONYMS if t in g or t.upper() in g), (t,))
            group = (t, *[a for a in alts if a != t])
            if group not in groups:
                groups.append(group)
        return groups

    def _candidates(self, passages: list[Passage], get_doc: GetDoc) -> list[_Candidate]:
        out = []
        for pos, p in enumerate(passages):
            c = p.chunk
            context = to_simplified(" ".join([c.meta.title, *c.section_path]))
            for u in split_units(c.text, c.start):
                if u.kind == "heading":
                    continue
                search = fold_width(_search_slice(c, u.start, u.end, get_doc))
                out.append(_Candidate(p, pos, u, search, context))
        return out

    def _score(
        self,
        cands: list[_Candidate],
        terms: list[tuple[str, ...]],
        intent: Intent,
        years: list[int],
        get_doc: GetDoc | None = None,
    ) -> None:
        n = max(len(cands), 1)
        weights: dict[tuple[str, ...], float] = {}
        heads = [g[0] for g in terms]
        for g in terms:
            df = sum(1 for c in cands if _has(c.search, g))
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            sub = any(g[0] != h and g[0] in h for h in heads)  # a search-mode sub-word of another term
            weights[g] = idf * (0.3 if len(g[0]) == 1 else 1.0) * (0.5 if sub else 1.0)
        total = sum(weights.values()) or 1.0
        npos = max((c.pos for c in cands), default=0) + 1
        year_strs = [str(y) for y in years]
        for c in cands:
            # "本条例自…起施行" names its document: the title's words count as its own
            self_ref = c.asks_effective and _EFFECTIVE.search(c.search) and _SELF_REF.search(c.search)
            title_credit = 1.0 if self_ref else 0.5
            got = sum(
                w if _has(c.search, g) else (title_credit * w if _has(c.context, g) else 0.0)
                for g, w in weights.items()
            )
            c.coverage = got / total
        if intent == "penalty":

            def cover(text: str) -> float:
                return sum(w for g, w in weights.items() if _has(text, g)) / total

            _inherit_coverage(cands, cover, get_doc)
        for c in cands:
            c.has_figure = bool(_FIGURE.search(c.search))
            bonus = self._intent_bonus(c, intent)
            shape = 1.0
            length = c.unit.end - c.unit.start
            if length < 8:
                shape *= 0.5
            if c.search.rstrip().endswith(("：", ":")):
                shape *= 0.7
            shape *= 1 - min(length, 300) / 3000  # the shorter of two equal matches wins
            rank_bonus = 0.1 * (1 - c.pos / npos)
            year_bonus = 0.0
            if year_strs:
                unit_years = set(re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", c.search))
                if unit_years & set(year_strs):
                    year_bonus = 0.1
                elif unit_years and intent in ("number", "deadline"):
                    shape *= 0.5  # a figure for another year
            c.score = c.coverage * (1 + bonus) * shape + rank_bonus + year_bonus

    @staticmethod
    def _intent_bonus(c: _Candidate, intent: Intent) -> float:
        s = c.search
        if intent == "number":
            return (0.3 if c.has_figure else 0.0) + (0.1 if c.has_figure and _TARGET_VERB.search(s) else 0.0)
        if intent == "deadline":
            effective = 0.4 if _EFFECTIVE.search(s) and c.asks_effective else 0.0
            return (0.2 if _DATE.search(s) else 0.0) + (0.1 if _BEFORE.search(s) else 0.0) + effective
        if intent == "penalty":
            return (0.4 if _FINE.search(s) else 0.0) + (0.3 if _FINE_AMOUNT.search(s) else 0.0)
        if intent == "responsible":
            return (0.2 if _RESPONSIBLE.search(s) else 0.0) + (0.1 if _DEPARTMENT.search(s) else 0.0)
        if intent == "definition":
            return 0.3 if _DEFINITION.search(s) else 0.0
        if intent == "location":
            # the whole provision, when it is short enough to quote whole
            whole = c.unit.kind in ("paragraph", "article") and c.unit.end - c.unit.start <= 120
            return 0.1 if whole else 0.0
        if intent == "list":
            return 0.1 if c.unit.kind in ("enum", "item") else 0.0
        return 0.0

    # -- selection ---------------------------------------------------------------------------

    def _select(
        self, cands: list[_Candidate], intent: Intent, question_search: str = "", years: Sequence[int] = ()
    ) -> list[_Pick]:
        """The units to answer with, in reading order, or [] when none is good enough."""
        pool = [c for c in cands if c.score >= self.min_score]
        leads: dict[int, _Candidate] = {}  # listed offence -> its article's sanction lead-in
        if intent == "number":
            pool = [c for c in pool if c.has_figure]
        elif intent == "deadline" and any(c.asks_effective and _EFFECTIVE.search(c.search) for c in pool):
            # "何时施行" is answered by "本条例自…起施行", not by the dates of its adoption
            pool = [c for c in pool if _EFFECTIVE.search(c.search)]
        elif intent == "penalty":
            # a penalty question is answered by a sanction, never by the duty it enforces; an
            # offence listed as an item ("（二）…高空抛撒施工垃圾的。") takes the sanction of its
            # article's lead-in ("有下列行为之一的，由…处一万元以上十万元以下的罚款")
            leads = {
                id(c): lead for c in pool if not _FINE.search(c.search) and (lead := _sanction_lead(c, cands))
            }
            pool = [c for c in pool if _FINE.search(c.search) or id(c) in leads]
            # a whole article's words and its fine may belong to different 款: judge each 款
            pool = [c for c in pool if c.unit.kind != "article"] or pool
        elif intent == "responsible" and pool:
            # The unit naming the duty holder ("责任单位：区经济发展局") shares few words with the
            # question; it is found as the labelled line of the section the best match is in.
            top = max(pool, key=lambda c: c.score)
            section = top.chunk.part_at(top.unit.start).section_number
            same = [
                c
                for c in cands
                if _DUTY_LABEL.search(c.search)
                and c.chunk.doc_id == top.chunk.doc_id
                and c.chunk.part_at(c.unit.start).section_number == section
            ]
            labelled = [c for c in pool if _DUTY_LABEL.search(c.search)]
            if "配合" not in question_search:
                # "责任单位：X / 配合单位：Y": the question asks who is responsible, not who helps
                same = [c for c in same if _LEAD_DUTY.search(c.search)] or same
                labelled = [c for c in labelled if _LEAD_DUTY.search(c.search)] or labelled
            if same:
                for c in same:
                    c.score = max(c.score, top.score)
                pool = same
            elif labelled:
                pool = labelled
        if not pool:
            return []
        pool.sort(key=lambda c: -c.score)
        best = pool[0]
        chosen: list[_Candidate] = [best]

        def overlaps(c: _Candidate) -> bool:
            return any(
                x.chunk.doc_id == c.chunk.doc_id and x.unit.start < c.unit.end and c.unit.start < x.unit.end
                for x in chosen
            )

        if intent == "general":
            # "…如何确定？" answered by "责任主体按照下列要求确定：" is answered by its items
            intro = [
                c
                for c in pool[:3]
                if c.score >= 0.7 * best.score and re.search(r"(?:下列|以下|如下)[^。；]*[:：]\s*$", c.search)
            ]
            if intro:
                best, intent = intro[0], "list"
        if intent == "list":
            # "2018年…有什么要求": the items of that year, not the whole timetable
            same_year = [c for c in cands if c is best or not _other_years_only(c.search, years)]
            chosen = self._list_items(same_year, best)
        elif intent == "penalty" and (item := self._offence_item(best, pool, leads)) is not None:
            # the offence as listed, then the sanction its article sets for all its items
            return [_Pick(c, c.unit.start, c.unit.end) for c in (item, leads[id(item)])]
        else:
            limit = 3 if intent == "general" else 2
            for c in pool[1:]:
                if len(chosen) >= limit:
                    break
                close = c.score >= self.second_ratio * best.score and c.coverage >= 0.85 * best.coverage
                fits = intent not in ("number", "deadline", "responsible", "penalty") or _answers_intent(
                    c.search, intent
                )
                if close and fits and c.unit.kind != "lead" and not overlaps(c):
                    chosen.append(c)
        chosen.sort(
            key=lambda c: (c.pos, c.unit.start) if intent != "list" else (c.chunk.doc_id, c.unit.start)
        )
        if intent == "list":
            # reading order within the document of the best unit first
            chosen.sort(key=lambda c: (c.chunk.doc_id != best.chunk.doc_id, c.unit.start))
        return [_Pick(c, c.unit.start, c.unit.end) for c in chosen]

    @staticmethod
    def _offence_item(
        best: _Candidate, pool: list[_Candidate], leads: dict[int, _Candidate]
    ) -> _Candidate | None:
        """The listed offence a penalty question matches: the best unit itself, or an item that
        matches the question almost as well and belongs to the best unit (the whole article, or
        the lead-in that sets the sanction)."""
        if id(best) in leads:
            return best

        def belongs(item: _Candidate) -> bool:
            lead = leads[id(item)].unit
            inside = best.unit.start <= item.unit.start and item.unit.end <= best.unit.end
            return inside or (lead.start < best.unit.end and best.unit.start < lead.end)

        inner = [
            c
            for c in pool
            if id(c) in leads
            and c.passage is best.passage
            and c.coverage >= 0.8 * best.coverage
            and belongs(c)
        ]
        return max(inner, key=lambda c: c.coverage, default=None)

    def _list_items(self, cands: list[_Candidate], best: _Candidate) -> list[_Candidate]:
        """Several items for a "哪些/措施" question, from the best unit's passage and section.

        * best unit is a lead ("（一）全面加强黄河流域生态保护。"): the question asks for the
          headings, so the leads of the sibling sections among the passages are the items;
        * the best passage has an enumeration (一是…/（一）… items): its items, best first;
        * otherwise its best sentences, then sentences of passages in the same section.
        """
        chosen = [best]

        def overlaps(c: _Candidate) -> bool:
            return any(
                x.chunk.doc_id == c.chunk.doc_id and x.unit.start < c.unit.end and c.unit.start < x.unit.end
                for x in chosen
            )

        def take(group: list[_Candidate], floor: float) -> None:
            for c in sorted(group, key=lambda c: (-round(c.score, 2), c.unit.start)):
                if len(chosen) >= self.list_items:
                    return
                if c.score >= floor and not overlaps(c):
                    chosen.append(c)

        same_doc = [c for c in cands if c.chunk.doc_id == best.chunk.doc_id and c is not best]
        if best.unit.kind == "lead":
            parent = best.chunk.section_path[:-1]
            siblings = [c for c in same_doc if c.unit.kind == "lead" and c.chunk.section_path[:-1] == parent]
            if len(siblings) >= 2:
                take(siblings, 0.0)
                return chosen
        own = [c for c in same_doc if c.passage is best.passage and c.unit.kind != "lead"]
        items = [c for c in own if c.unit.kind in ("enum", "item")]
        # the enumeration answers when the best unit is one of its items or introduces it
        # ("…下列单位创建环境教育基地：", "…禁止下列行为："), not when it sits beside it
        introduces = best.unit.kind in ("enum", "item", "article", "lead") or bool(
            re.search(r"[:：]\s*$|下列|以下", best.search)
        )
        if len(items) >= 2 and introduces:
            # an enumeration is listed in its own order, from its first item
            best_item = best if best.unit.kind in ("enum", "item") else None
            chosen = []
            for c in sorted(items, key=lambda c: c.unit.start):
                if len(chosen) >= self.list_items:
                    break
                if not overlaps(c):
                    chosen.append(c)
            if best_item is not None and best_item not in chosen:
                chosen[-1] = best_item
            return chosen
        take(own, max(0.4 * best.score, 0.5 * self.min_score))
        if len(chosen) < 3:
            section = best.chunk.section_path[:1]
            others = [
                c
                for c in same_doc
                if c.passage is not best.passage
                and c.chunk.section_path[:1] == section
                and c.unit.kind != "lead"
            ]
            take(others, 0.6 * best.score)
        return chosen

    # -- rendering ---------------------------------------------------------------------------

    def _focus(self, pk: _Pick, terms: list[tuple[str, ...]], intent: Intent, years: list[int]) -> None:
        """Cut a long unit down to the contiguous clauses that carry the matched words/figure."""
        c = pk.cand
        limit = self.number_clause_chars if intent == "number" else self.max_clause_chars
        text = c.chunk.text[pk.start - c.chunk.start : pk.end - c.chunk.start]
        if intent == "list" and c.unit.kind in ("enum", "item"):
            # an item is named by its first sentence ("一是推进实施大气减排工程。")
            first = split_spans(text)
            if len(first) > 1 and first[0][1] - first[0][0] >= 6:
                pk.end = pk.start + first[0][1]
                text = text[: first[0][1]]
        if intent in ("number", "penalty", "responsible"):
            # one fact sits in one sentence: narrow a multi-sentence unit to the best sentence
            # (cut at full stops only: "…责令改正；拒不改正的，处…罚款" is one sentence)
            sentences = split_spans(text, _FULL_STOP)
            if len(sentences) > 1:

                def sentence_score(span: tuple[int, int]) -> tuple[bool, float, int]:
                    # a fine or a figure is what was asked: a sentence with one comes first; a
                    # duty holder is often named by a word of the question ("由…负责"), so counts
                    s = c.search[span[0] + pk.start - c.unit.start : span[1] + pk.start - c.unit.start]
                    got = sum(1.0 if len(g[0]) > 1 else 0.3 for g in terms if _has(s, g))
                    fact = _answers_intent(s, intent)
                    if intent == "responsible":
                        return False, got + (2.0 if fact else 0.0), -span[0]
                    return fact, got, -span[0]

                a, b = max(sentences, key=sentence_score)
                pk.start, pk.end = pk.start + a, pk.start + b
                text = text[a:b]
        if pk.end - pk.start <= limit:
            return
        clauses = split_clauses(text, pk.start)
        if len(clauses) <= 1:
            return

        def clause_score(span: tuple[int, int], with_intent: bool = True) -> float:
            s = c.search[span[0] - c.unit.start : span[1] - c.unit.start]
            got = sum(1.0 if len(g[0]) > 1 else 0.3 for g in terms if _has(s, g))
            got += 3.0 if any(str(y) in s for y in years) else 0.0  # "2020年，" frames the figure
            return got + (2.0 if with_intent and _answers_intent(s, intent) else 0.0)

        scores = [clause_score(s) for s in clauses]
        # neighbours join on their words alone: a second figure is not context for the first
        lexical = [clause_score(s, with_intent=False) for s in clauses]
        # anchor on a clause holding the asked-for fact (figure, date, department) when there is one
        spans = [c.search[a - c.unit.start : b - c.unit.start] for a, b in clauses]
        anchors = [k for k in range(len(clauses)) if _answers_intent(spans[k], intent)] or list(
            range(len(clauses))
        )
        i = max(anchors, key=lambda k: (scores[k], -k))
        lo = hi = i
        bound = max(limit, self.max_clause_chars)
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
            later = [k for k in range(hi + 1, len(clauses)) if _FINE_AMOUNT.search(spans[k])]
            if later and not _FINE_AMOUNT.search("".join(spans[lo : hi + 1])):
                hi = later[0]  # through the amount: "没收违法所得，并处…一倍以上三倍以下罚款"
            while hi < len(clauses) - 1 and not _FINE.search("".join(spans[lo : hi + 1])):
                hi += 1
        start, end = clauses[lo][0], clauses[hi][1]
        if end - start > bound and scores[i] > 0 and intent != "penalty":
            start, end = clauses[i]  # a single clause over the limit: keep it whole
        pk.start, pk.end = start, end

    def _render(self, pk: _Pick, get_doc: GetDoc) -> str:
        s = _search_slice(pk.cand.chunk, pk.start, pk.end, get_doc).strip()
        s = re.sub(r"\s*\n\s*", "", s)
        s = _PINYIN_GLOSS.sub("", s)
        s = _LEAD_MARKERS.sub("", s, count=1)
        # a trailing lead-in ("…如下：") introduces what the quote does not include
        clauses = split_clauses(s)
        if len(clauses) > 1 and s.rstrip().endswith(("：", ":")):
            s = s[: clauses[-1][0]]
        s = s.rstrip(_TRAILING_PUNCT)
        for pattern, repl in _WIDTH:
            s = pattern.sub(repl, s)
        return s

    def _citation(self, pk: _Pick, marker: int, get_doc: GetDoc) -> Citation | None:
        c = pk.cand.chunk
        try:
            display = get_doc(c.doc_id).text.display
        except (KeyError, LookupError, AttributeError):
            return None
        # trim trailing clause punctuation from the quote, as from the rendered text
        start, end = pk.start, pk.end
        while end > start and display[end - 1] in "，,；;：: \t\u3000\n":
            end -= 1
        quote = display[start:end]
        if not quote or quote != c.text[start - c.start : end - c.start]:
            return None
        return cite_span(c, start, end, quote, marker=marker)

    def _compose(
        self, lines: list[_Line], intent: Intent, multi: bool, get_doc: GetDoc
    ) -> tuple[str, list[Citation]]:
        citations: list[Citation] = []
        by_quote: dict[tuple[str, str], int] = {}
        seen_bodies: set[str] = set()
        for line in lines:
            kept = []
            for pk in line.picks:
                if not pk.body or pk.body in seen_bodies:
                    continue
                cit = self._citation(pk, len(citations) + 1, get_doc)
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
            line.picks = kept
        cited_lines = [ln for ln in lines if ln.picks]
        if not cited_lines:
            return "", []

        # keep the answer short: drop the weakest trailing items while over the budget
        def size() -> int:
            return sum(len(pk.body) + 4 for ln in lines for pk in ln.picks)

        budget = self.max_answer_chars
        while size() > budget and sum(len(ln.picks) for ln in lines) > 1:
            longest = max(
                (ln for ln in lines if len(ln.picks) > 1), key=lambda ln: len(ln.picks), default=None
            )
            if longest is None:
                break
            longest.picks.pop()

        docs = {pk.cand.chunk.doc_id for ln in lines for pk in ln.picks}
        lead = ""
        if not multi and len(docs) == 1:
            first = next(pk for ln in lines for pk in ln.picks)
            title = _short_title(first.cand.chunk.meta.title)
            if title:
                lead = f"根据《{title}》"
                # one article for the whole answer ("第七十五条" of its lead-in and its item): named once
                numbers = {
                    article_number(citations[pk.marker - 1].section_number) for ln in lines for pk in ln.picks
                }
                number = next(iter(numbers)) if len(numbers) == 1 else ""
                if number:
                    lead += number
                elif intent == "location":
                    # "Where is it stated?" — every sentence names its own article or section.
                    for ln in lines:
                        for pk in ln.picks:
                            cit = citations[pk.marker - 1]
                            where = article_number(cit.section_number) or "".join(cit.section_path[:3])
                            if where:
                                pk.body = f"{pk.body}（{where}）"

        for ln in lines:
            # sentences of one answer line from several documents each say which one they quote
            line_docs = {pk.cand.chunk.doc_id for pk in ln.picks}
            if len(line_docs if multi else docs) < 2:
                continue
            for pk in ln.picks:
                cit = citations[pk.marker - 1]
                art = article_number(cit.section_number)
                pk.body = f"《{_short_title(pk.cand.chunk.meta.title)}》{art}：{pk.body}"
        out: list[str] = []
        if multi:
            for ln in lines:
                if ln.picks:
                    out.append(ln.prefix + "；".join(f"{pk.body}[{pk.marker}]" for pk in ln.picks))
                else:
                    out.append(ln.text)
            text = "；\n".join(out) + "。"
        else:
            picks = [pk for ln in lines for pk in ln.picks]
            if intent == "list" and len(picks) > 1:
                items = [f"{i}. {pk.body}[{pk.marker}]" for i, pk in enumerate(picks, 1)]
                text = (f"{lead}，主要包括：\n" if lead else "主要包括：\n") + "；\n".join(items) + "。"
            else:
                body = "；".join(f"{pk.body}[{pk.marker}]" for pk in picks)
                text = f"{lead}，{body}。" if lead else f"{body}。"

        # renumber markers in order of first appearance, drop unused citations
        order: list[int] = []
        for m in MARKER.findall(text):
            if int(m) not in order:
                order.append(int(m))
        remap = {old: new for new, old in enumerate(order, 1)}
        text = MARKER.sub(lambda m: f"[{remap[int(m.group(1))]}]", text)
        final = []
        for c in citations:
            if c.marker in remap:
                c.marker = remap[c.marker]
                final.append(c)
        final.sort(key=lambda c: c.marker)
        # last guard: any sentence whose marker does not verify is dropped
        probe = Answer(question="", text=text, citations=final, passages=[])
        bad = bad_markers(probe, get_doc)
        if bad:
            kept_lines = [ln for ln in text.split("\n") if not any(int(m) in bad for m in MARKER.findall(ln))]
            text = "\n".join(kept_lines)
            final = [c for c in final if c.marker not in bad]
        return text, final
