"""The words and shapes that mark an answer: figures with units, fines, dates, duty holders,
definitions, the measure a number question asks about, and the years a text speaks of.

Kept apart from :mod:`assistant.answer.extractive` so the answerer reads as its steps (collect
units, score, select, focus, compose) and these cues can be read, and tested, on their own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache

import jieba

from assistant.display import short_title as display_short_title
from assistant.index.bm25 import join_glued_tails
from assistant.intent import QUESTION_WORD
from assistant.numbering import (
    AMOUNT_NUMERAL,
    ARTICLE_NUMERAL,
    COUNT_NUMERAL,
    OUTLINE_NUMERAL,
    SMALL_NUMERAL,
    int_to_cn,
    years_covered,
)
from assistant.schema import Intent, Passage
from assistant.script import to_simplified
from assistant.vocab import alternation, definition_pattern, question_words, sanction_pattern, vocabulary

__all__ = ["years_covered"]  # re-exported: the answerer reads it with the other cues

NOT_COVERED = "所提供的文件中未涉及"

STOPWORDS = vocabulary().stopwords
PUNCT = re.compile(r"^[\W_]+$")
SYNONYMS: tuple[tuple[str, ...], ...] = vocabulary().synonyms
COLLOQUIAL = vocabulary().colloquial


def synonym_group(term: str, limit: int = 8) -> tuple[str, ...]:
    """``term`` with its synonyms: the group it belongs to, or, for a compound that holds a
    synonym ("人大常委会" holds 人大 and 常委会), the compound with each held word written the
    other ways ("人民代表大会常务委员会"), so a question's short form matches the document's
    full one. An everyday word ("丢", "遛狗") brings the words provisions write for it (丢失, 携犬),
    not the other way round. Only words of two or more characters are replaced inside a compound."""
    if term.isascii() and term.isdigit() and 2 <= len(term) <= 4:
        # "100吨以下" asked of a provision that writes "一百吨以下" (not "2": its 二 is in every
        # article number)
        return (term, int_to_cn(int(term)))
    group = next((g for g in SYNONYMS if term in g or term.upper() in g), None)
    if group is not None:
        return (term, *[a for a in group if a != term])
    meant = next((means for say, means in COLLOQUIAL if term in say), None)
    if meant is not None:
        return (term, *meant)
    variants = [term]
    for say, means in COLLOQUIAL:
        held = next((w for w in say if len(w) >= 2 and w in term and w != term), None)
        if held is not None:
            variants += [term.replace(held, m) for m in means]
    for g in SYNONYMS:
        held = next((w for w in g if len(w) >= 2 and w in term and w != term), None)
        if held is None:
            continue
        variants += [v.replace(held, a) for v in variants if held in v for a in g if a != held]
        variants = list(dict.fromkeys(variants))[:limit]
    return tuple(variants)


PINYIN_GLOSS = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[）)]")

# a period: "有效期最长不超过五年", "届满三十日前", "十五个工作日内", "每半年" (not a date's "二〇二五年",
# "三月一日")
_PERIOD = (
    rf"(?<![{SMALL_NUMERAL}百\d月上下])[{OUTLINE_NUMERAL}两百半]+(?:个工作日|工作日|个月|年|日|天|周|分钟"
    # ("至少一个自然年的对比观测")
    r"|个(?:自然|日历|公历|完整)(?:年度|年|月))"
    r"|(?<![\d.])\d{1,3}\s*(?:个工作日|工作日|个月|日|天|周|小时|分钟)(?![\d])"
    # a count of years ("树龄500年以上", "5年以内"), never a year (2025年 has four digits)
    r"|(?<![\d.])\d{1,3}\s*年(?=以上|以下|以内|之内|内|不满|后)"
)
# (hours in words count as a time limit, "在十二小时内进行检测", not as a figure: a clause
# "夜间时段长度为八小时" does not answer "几点到几点")
PERIOD = re.compile(rf"{_PERIOD}|(?<![{SMALL_NUMERAL}百\d])[{OUTLINE_NUMERAL}两百半]+个?小时")
FIGURE = re.compile(
    r"(?:\d+(?:\.\d+)?\s*(?:%|‰|微克/立方米|毫克/立方米|毫克/升|微克/升|mg/L|毫克|微克|μg/m3|mg/m3|万千瓦|万吨|万亩|万元|亿元|万|亿|吨|个|家|座|台|辆|"
    r"户|人|公里|千米|平方米|平方公里|立方米|公顷|亩|天|小时|元|千瓦|分贝|摄氏度|℃|度|项|处|条|次|倍|类|米|蒸吨|起|件|批|所|套|名|只|头))"
    # a share or fraction: "百分之八十", "千分之五", "三分之二以上", "1/5"
    rf"|[{SMALL_NUMERAL}百千万]分之[{SMALL_NUMERAL}百点\d.]+|(?<![\d/])\d{{1,3}}/\d{{1,3}}(?![\d/])|[ⅠⅡⅢⅣⅤ]+类|[{AMOUNT_NUMERAL}]+(?:元|倍)"
    # (a share in words: "过半数的业主同意", "半数以上")
    r"|过半数|半数以上"
    # a rank: "排名第三", "位列全省第四", "位居全国第一"
    rf"|(?:排名?|(?:位列|位居|名列)[\u4e00-\u9fff]{{0,4}}?)第[{OUTLINE_NUMERAL}\d]+|第[{OUTLINE_NUMERAL}\d]+(?:名|位|届|批)"
    # a count in words: "选择一个渔业港口", "三家企业", "执法人员至少两人", "每年至少召开一次",
    # "每户限养一只"
    # (not "第一条", not the population of "每十万人口", not "一次性", not the next or the one
    # before: "向下一次职工大会报告", "上一级")
    rf"|(?<![{AMOUNT_NUMERAL}\d第上下])[{COUNT_NUMERAL}]+(?:个|家|座|台|辆|艘|处|项|名|人(?![口民员])|户(?!籍)|所|套|批|株|棵|只|头|次(?!性))"
    # a measure in words: "半径一百五十米内", "时速不得超过十五公里", "年满十六周岁", "二类水质",
    # a boiler's "每小时三十五蒸吨"
    # a threshold in words: "人口五万以上的镇", "职工一百人以上"
    rf"|(?<![{AMOUNT_NUMERAL}\d第])[一二两三四五六七八九十][{COUNT_NUMERAL}]*[百千万亿](?:人|户|名)?(?=以上|以下|以内)"
    rf"|(?<![{AMOUNT_NUMERAL}\d第])[一二两三四五六七八九十][{COUNT_NUMERAL}]*(?:米|公里|千米|厘米|平方米|平方公里|立方米|公顷|亩|吨|蒸吨|千瓦|千克|公斤|分贝|周岁|岁|摄氏度|度|类)"
    rf"|{_PERIOD}"
    # a time of day: "晚上十点至次日早晨六点", "二十二时至次日六时", "22:00"
    rf"|[{SMALL_NUMERAL}]{{1,3}}点|[{SMALL_NUMERAL}]{{1,3}}时(?=至|到|起|前|后|之间|[—～-])"
    r"|(?<!\d)\d{1,2}(?:点|时(?=至|到|起|前|后|之间|[—～-])|:\d{2})"
)
TARGET_VERB = re.compile(
    r"达到|达|不低于|不高于|不超过|不少于|不得低于|不得高于|不得超过|不得少于|以上|以下|以内|控制在|下降|降低|降至|提高到|提高|提升至|高于|低于|保持|稳定在|"
    r"力争|累计|完成|削减|减少|增加|增长|罚款|处"
)
DATE = re.compile(
    r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月(?:底|末|前)"
    # (a month's end in words: "每年三月底前", "十二月末")
    r"|(?<![一二三四五六七八九十])(?:十[一二]?|[一二三四五六七八九])月(?:底|末)"
    # (a day of a month in words: "每年十一月一日至次年五月三十一日")
    r"|(?<![一二三四五六七八九十])(?:十[一二]?|[一二三四五六七八九])月(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日"
)
# a time in words: at once ("立即报告", "当日清运", "及时处理") or how often ("每季度至少研究一次",
# "按月公布", "定期检查")
# the periods a thing is done once in: "每季度", "每半年", and a school's "每学年", "每学期"
_EVERY = "学年|学期|季度|季|月|年|周|日|天|半年"
_TIME_WORD = re.compile(
    rf"立即|立刻|及时|当即|即时|当日|当天|随时|定期|每(?:{_EVERY})|按(?:月|季|年|日)|年度"
)
# how often: "每日巡查不少于一次", "每年至少开展两次", "每季度…一次"
# (the count may be the question's own: "多久巡查一次" leaves "每日巡查不少于")
FREQUENCY = re.compile(
    rf"每(?:[{SMALL_NUMERAL}两\d]+个?)?(?:{_EVERY}|小时)"
    rf"(?=[^。；;，,]{{0,12}}?(?:[{SMALL_NUMERAL}两\d]+次|不少于|至少))"
)
# a time set against an event, not in figures: "不得迟于主体工程投入使用后的第二个年度的春季绿化
# 季节", "在主体工程竣工后的第一个绿化季节内完成"
EVENT_BOUND = re.compile(rf"不得?迟于|[前后]的?第[{SMALL_NUMERAL}]+个[^，,。；;]{{1,10}}?(?:内|前)")
# hours of the day: "早六时至晚十时", "凌晨二时至五时", "二十二时至次日六时"
_HOUR = rf"[{OUTLINE_NUMERAL}\d]{{1,3}}[时点](?:[{OUTLINE_NUMERAL}\d]{{1,2}}分)?"
CLOCK = re.compile(rf"{_HOUR}(?:至|到|—|-|－)")
# a time of day as written, also one that bounds a time only on one side: "二十二时至次日六时",
# "晚上十点以后", "8时30分前"
TIME_OF_DAY = re.compile(rf"{_HOUR}(?=至|到|起|前|后|之间|以前|以后|[—～\-－])")
# a length of time asked: "几个小时", "多少天", "几个工作日", "几年" (not "几月几日", a date)


# "每天什么时间段可以营业", "一天中哪个时段": the hours of a day asked without 几点
_DAY_HOURS_ASKED = re.compile(
    r"(?:一天|每天|每日|当天|一日)[^？?，,。]{0,12}(?:什么|哪个|哪些|哪一?)时(?:间)?段"
)


def asks_clock(question: str) -> bool:
    """Whether a question asks a time of day ("几点到几点", "一天中什么时间段")."""
    return any("点" in u for u in asked_units(question)) or bool(_DAY_HOURS_ASKED.search(question))


def states_unit(text: str, unit: tuple[str, ...]) -> bool:
    """Whether ``text`` states a quantity in ``unit`` (a synonym group from :func:`asked_units`).
    The hour of a day, asked "几点", is written with 时 as often as with 点 ("凌晨二时至五时"):
    a time of day counts for it, a bare 时 (时间, 及时) does not."""
    if "名" in unit:
        # "几名执法人员" is counted in persons as often ("不得少于两人")
        return _PERSONS.search(text) is not None
    return has_any(text, unit) or ("点" in unit and TIME_OF_DAY.search(text) is not None)


# a number of persons: "两名", "不得少于二人", "3名"
_PERSONS = re.compile(rf"[{ARTICLE_NUMERAL}两\d]+(?:名|人)")


def states_time(text: str) -> bool:
    """Whether ``text`` sets a time: a date, a period, or a word for at once or how often."""
    return bool(DATE.search(text) or PERIOD.search(text) or _TIME_WORD.search(text) or CLOCK.search(text))


# "自纳税义务发生之日起十五日内": the event a period is counted from, which the provision takes as given
COUNTED_FROM = re.compile(r"自([^，,。；;自]{2,24}?)之日起")
SHARED_RUN = 4  # characters an event must share with a question to be the event it asks of


def counts_from_asked(text: str, question: str) -> bool:
    """Whether ``text`` counts a period from the event ``question`` asks the day of ("纳税义务何时
    发生" beside "应当自纳税义务发生之日起十五日内申报"): it takes that day as given."""
    for m in COUNTED_FROM.finditer(text):
        event = m.group(1)
        if any(event[i : i + SHARED_RUN] in question for i in range(len(event) - SHARED_RUN + 1)):
            return True
    return False


BEFORE = re.compile(r"前|底|以前|之前|年末|月末|截至|期限|时限|起施行|之日起|(?<=[日天时周月])内")
RESPONSIBLE = re.compile(r"牵头|负责|责任单位|责任部门|主管部门|监督管理|按职责|职责分工|配合")
DEPARTMENT = re.compile(
    r"[（(][^（）()]{0,80}?(?:局|厅|委|办|部门|政府|管委会|中心|公司|单位)[^（）()]{0,40}[）)]"
)
DEFINITION = definition_pattern()
# who acts ("公安机关", "综合行政执法部门", "县级以上人民政府"): what a "who" question is answered by
ACTOR = re.compile(alternation(vocabulary().actor_nouns))
# a body named as the one that acts: "禁止区域由市、县（市）人民政府确定并予公告"
_ACTORS = alternation(vocabulary().actor_nouns)
DONE_BY = re.compile(rf"由[^，,。；;：:]{{0,24}}?(?:{_ACTORS})")
# a body named as the one that is the body asked: "市、县(市、区)综合行政执法部门是城市绿化行政
# 主管部门" (of "主管部门是哪个")
NAMED_AS = re.compile(rf"(?:{_ACTORS})(?:是|为)")
# "…归哪个部门主管", "主管部门是哪个": the question asks which body holds the competence over a
# matter, which the general provisions state ("X是城市绿化行政主管部门", "X负责本行政区域内…的
# 监督管理工作"), not an article where "主管部门" only stands as the one who acts
ASKS_COMPETENT = re.compile(r"主管|归口|归哪|由哪个?(?:部门|机关|单位)管|谁(?:来)?管")
COMPETENCE = re.compile(
    rf"(?:{_ACTORS})(?:是|为)[^，,。；;]{{0,24}}?(?:主管|管理)(?:部门|机关)"
    r"|负责[^。；;]{0,40}?(?:管理|监督|监管)(?:工作)?(?=[。；;，,]|$)"
)
# who bears a cost or a loss, named by whatever noun ("由肇事者支付", "由责任人承担"): the answer
# of "费用由谁出" as much as a body named as the one that acts
BORNE_BY = re.compile(r"由[^，,。；;]{1,12}?(?:支付|承担|负担|缴纳|赔偿|补偿)")
# the same, to the last body the clause names ("由共同的上一级人民政府或其水行政主管部门")
DONE_BY_ALL = re.compile(rf"由[^，,。；;：:]{{0,24}}(?:{_ACTORS})")
# Pollutants and indicator nouns: a figure found for a question about one of these must be
# about it, not about a neighbouring indicator (no 臭氧 target → not the PM2.5 figure).
INDICATOR_NOUNS = frozenset(
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
        "充电桩",
        "光伏",
        "风电",
    ]
)
# units of a quantity (not of time), which a question asks its figure in
_MEASURES = "微克/立方米|毫克/立方米|毫克/升|万千瓦|千瓦|万吨|吨|辆|公里|平方米|立方米|公顷|万亩|亩|蒸吨|分贝"
ASKED_UNIT = re.compile(rf"{_MEASURES}|秒|分钟")
# a sanction asked per quantity ("按平方米计缴多少", "一株赔多少"): one reckoned so states
# the unit ("每平方米五百元以上…")
PER_UNIT_ASKED = re.compile(rf"每(?:一)?({_MEASURES}|株|棵|头|只)")

# A share ("百分之一", "千分之五", "15%"): what a question asking a 比例 or 比率 is answered by,
# though the provision rarely repeats that word ("…按投资额的千分之五计提")
SHARE_FIGURE = re.compile(r"[百千万]分之|[%％]")
# a question's word for such a share ("百分之几" cut into 百分, 百分之)
SHARE_WORD = re.compile(r"[百千万]分之?")
# A question for a sum of money ("收多少手续费", "要交多少钱", "保证金是多少") and the figures
# that state one: an amount in 元, or a share or multiple of another sum ("按租金的百分之五收取")
# "多少辆", "几只", "几家企业": a count of things asked by their counter, which the figure that
# answers writes after its numeral ("每户限养一只"); a unit measured otherwise (年, 天, 米, 元)
# has forms of its own and is read by the period and money cues
ASKED_COUNTER = re.compile(r"(?:多少|几)(辆|只|头|艘|株|棵|户|家|座|台|所|套)")


def counts_asked(text: str, counter: str) -> bool:
    """Whether ``text`` states a count in ``counter`` ("一只", "20辆", "三家")."""
    return re.search(rf"[\d{AMOUNT_NUMERAL}两]{counter}", text) is not None


ASKED_MONEY = re.compile(
    r"多少钱|(?:多少|几)[\u4e00-\u9fa5]{0,7}?[费金](?!额)|[费金][是为收交缴]{0,2}多少"
    # ("不得低于多少万元": the unit asked is money)
    r"|(?:多少|几)[十百千万亿]*元"
    # ("收费标准是多少", "费用标准为多少": the rate is a sum of money)
    r"|(?:收费|费用?|价格)标准[是为]?多少"
)
MONEY_FIGURE = re.compile(
    r"[\d〇零一二三四五六七八九十百千万亿两]+(?:\.\d+)?\s*(?:万|亿)?元|百分之|%|倍|免费|不收"
)


def asked_units(question: str) -> list[tuple[str, ...]]:
    """The units a question asks its answer in, from a quantity word fused with one ("多少岁",
    "几月几日", "几类"): an answer without the unit is about something else. A unit written two
    ways (日, 天) takes its synonyms; a classifier alone ("几个") asks in no unit, and "哪几种"
    asks which, not how many."""
    units: list[tuple[str, ...]] = []
    # ("几个小时" is cut into "几个" and "小时": the unit after the classifier)
    fused = [*search_words(question), *(m.group(0) for m in _HOURS_ASKED.finditer(question))]
    for w in fused:
        unit = _fused_unit(w)
        if unit and "哪" + w not in question:
            group = next((g for g in SYNONYMS if unit in g), (unit,))
            if group not in units:
                units.append(group)
    return units


_HOURS_ASKED = re.compile(r"(?:几|多少)个?(?:小时|分钟)")


def _fused_unit(word: str) -> str:
    quantity = question_words().quantity_words
    asked = next((q for q in quantity if word.startswith(q) and len(word) > len(q)), "")
    unit = word[len(asked) :].removeprefix("个") if asked else ""
    # ("几月份": a month is written "六月", without 份)
    unit = unit.removesuffix("份") if unit in ("月份", "年份") else unit
    return "" if PUNCT.match(unit) else unit


def strip_question_word(word: str) -> str:
    """A search word without the question word it starts with ("哪些方面" → "方面"); a quantity
    word fused with its unit ("多少岁") leaves nothing, the unit being required of the answer
    (:func:`asked_units`), and a question word itself is left as it is (the stopwords drop it)."""
    asking = _asking_words()
    if word in asking:
        return word
    if _fused_unit(word):
        return ""
    asked = next((q for q in asking if word.startswith(q) and len(word) > len(q)), "")
    return word[len(asked) :]


def strip_particle(word: str) -> str:
    """A word the segmenter made up from a word it does not know and the particle after it
    ("养犬要办" → "养犬要"), asked as that word ("养犬")."""
    if len(word) >= 3 and word[-1] in question_words().particles and word not in pos_tags():
        return word[:-1]
    return word


def strip_guarding(word: str) -> str:
    """A word the segmenter made up from 防 and the thing guarded against ("防扬尘"), asked as
    that thing: a provision writes "扬尘污染防治", "防治扬尘". Words of its dictionary (防火,
    防汛) stay as they are."""
    if len(word) >= 3 and word[0] == "防" and word not in pos_tags():
        return word[1:]
    return word


def strip_locative(word: str) -> str:
    """A place word a question writes with its locative ("岛上", "楼里", "区里": jieba tags
    them ``s``) is asked as the noun itself: a provision writes "在无居民海岛", "住宅楼"."""
    if len(word) >= 2 and word[-1] in "里上内中" and pos_tags().get(word) == "s":
        return word[:-1]
    if len(word) == 2 and word[1] == "里" and word[0] in _LEVELS:
        return word[0]  # "报到市里", "县里登记": the government of that level
    return word


# the levels of government a question names by one character ("市里", "县里")
_LEVELS = "省市县区乡镇村"


def join_locatives(words: list[str]) -> list[str]:
    """A compound the segmenter split before a place word with its locative ("无人" "岛上" of
    "无人岛上"), joined back where the compound is a word of its dictionary ("无人岛"): its
    first half alone ("无人") asks something else ("无人认领")."""
    out: list[str] = []
    for w in words:
        bare = strip_locative(w)
        if out and bare != w and (out[-1] + bare) in pos_tags():
            out[-1] += bare
        else:
            out.append(w)
    return out


def join_particle_tails(words: list[str]) -> list[str]:
    """:func:`~assistant.index.bm25.join_glued_tails` with the words of jieba's part-of-speech
    dictionary as the known ones."""
    return join_glued_tails(words, question_words().particles, lambda w: w in pos_tags())


def join_named_periods(words: list[str]) -> list[str]:
    """A named period the segmenter cut from its unit ("读书" "月" of "读书月", "宣传" "周"),
    given back as one word: a month's name, which the documents write inside a longer one
    ("每年4月为籀园读书月"), not every passage that says 读书. The word before is kept too."""
    out: list[str] = []
    for w in words:
        named = (
            w in _PERIOD_UNITS
            and out
            and len(out[-1]) >= 2
            and re.fullmatch(r"[\u4e00-\u9fa5]+", out[-1]) is not None
            and out[-1][-1] not in OUTLINE_NUMERAL + "几每本当上下前后"
            and out[-1] not in question_words().question_words
        )
        out.append(out[-1] + w if named else w)
    return out


_PERIOD_UNITS = ("月", "周")


def join_rates(words: list[str]) -> list[str]:
    """A rate the segmenter cut from its noun ("湿地" "率定" of "湿地率定了多少", "湿地" "率"),
    given back as one word ("湿地率"), the rest of the piece kept: the documents write the rate
    ("湿地率不低于百分之五十"), and "率定" is no word of the question."""
    out: list[str] = []
    for w in words:
        joins = (
            w.startswith(_RATE)
            and out
            and len(out[-1]) >= 2
            and re.fullmatch(r"[\u4e00-\u9fa5]+", out[-1]) is not None
            and out[-1] not in question_words().question_words
        )
        if joins:
            out[-1] += _RATE
            if rest := w[len(_RATE) :]:
                out.append(rest)
        else:
            out.append(w)
    return out


_RATE = "率"


def join_negations(words: list[str]) -> list[str]:
    """The segmenter's "不" + verb joined back where the pair is a word of the synonym vocabulary
    ("不" "允许" → "不允许", asked as 禁止): alone, "允许" asks the opposite."""
    out: list[str] = []
    for w in words:
        if out and out[-1] == "不" and any("不" + w in g for g in SYNONYMS):
            out[-1] = "不" + w
        else:
            out.append(w)
    return out


@cache
def pos_tags() -> dict[str, str]:
    """jieba's part-of-speech dictionary (loaded once, ~0.4 s; :meth:`Assistant.warm` loads it)."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


@cache
def _asking_words() -> list[str]:
    words = question_words()
    return sorted({*words.question_words, *words.asked_things}, key=len, reverse=True)


DUTY_LABEL = re.compile(r"牵头单位|责任单位|责任部门|牵头部门|配合单位|主管部门|由[^，。；]{2,30}负责")
LEAD_DUTY = re.compile(r"牵头单位|责任单位|责任部门|牵头部门|主管部门|牵头")
FINE = sanction_pattern()
# a sanction waived or lessened ("…及时改正，没有造成危害后果的，不予行政处罚"): answers whether a
# breach is punished
WAIVED = re.compile(alternation(vocabulary().exemptions))
# the power to sanction, assigned ("…行使的行政处罚权，已设立节能监察机构的，由…委托节能监察机构行使"):
# answers who punishes
SANCTION_POWER = re.compile(alternation(vocabulary().penalty_powers))
# an amount a fine is set in: yuan, a multiple, or a share of a sum ("工程造价百分之五以上百分之十以下的
# 罚款", "每日按罚款数额的百分之三加处罚款")
FINE_AMOUNT = re.compile(rf"[{AMOUNT_NUMERAL}\d.]+(?:元|倍)|[百千万]分之[{AMOUNT_NUMERAL}\d.]+|\d[\d.]*[%‰]")
ARTICLE_REF = re.compile(rf"第([{ARTICLE_NUMERAL}]+)条")
LEAD_MARKERS = re.compile(
    rf"^(?:\s*(?:第[{ARTICLE_NUMERAL}\d]+条|[（(][零{OUTLINE_NUMERAL}\d]+[）)]|[{OUTLINE_NUMERAL}]+[、.．]"
    rf"|\d{{1,3}}[.．、](?!\d)|[{OUTLINE_NUMERAL}]{{1,3}}[是要]|[-•·*#]+)\s*)+"
)
ARTICLE_START = re.compile(rf"\s*第[{ARTICLE_NUMERAL}]+条")
# the article that states why and on what basis the act is made ("为了…，根据…，结合本省实际，
# 制定本条例。"): it answers a question about the act's purpose, no other
# (a resolution of a 人大常委会 states its purpose in its preamble: "为了…，特作如下决议：")
PURPOSE_CLAUSE = re.compile(
    rf"(?:第[{ARTICLE_NUMERAL}]+条)?\s*(?:为了?|根据)[^。]*?"
    rf"(?:制定本(?:{alternation(tuple(s for s, _ in vocabulary().doc_types))})。?|特?作(?:出)?如下(?:决议|决定)[：:]?)"
)


# the words that forbid ("禁止", "不得", "严禁"; questions also say 不准, 不许)
PROHIBITION = re.compile(alternation(synonym_group("禁止")))
# the words of an upper or a lower bound ("最多", "不得超过"; "至少", "不低于"): they ask a limit of
# something, which the other words of the question name
BOUND_WORDS = frozenset((*synonym_group("最多"), *synonym_group("至少")))
# the words that say what kind of answer is asked ("罚多少", "哪个部门"): no thing asked about
ASKING_WORDS = frozenset(w for _, words in vocabulary().intents for w in words)


def frames_ask(word: str) -> bool:
    """Whether a word of the question only frames what is asked — a question word, a word saying
    what kind of answer is asked ("处罚"), a bound ("最多", "不低于") — and names no thing a
    provision must name."""
    return bool(QUESTION_WORD.search(word)) or word in BOUND_WORDS or any(word in w for w in ASKING_WORDS)


# "…禁止排放的污染物": the prohibition only describes the noun after it
_ATTRIBUTE = re.compile(r"[^，,。；;：:、]{0,2}的")


def prohibits(text: str) -> bool:
    """Whether ``text`` itself forbids something ("禁止向海域排放油类、酸液…"), rather than naming
    what another provision forbids ("查处…排放法律、法规禁止排放的污染物的违法行为")."""
    return any(not _ATTRIBUTE.match(text, m.end()) for m in PROHIBITION.finditer(text))


def forbids_itself(text: str) -> bool:
    """Whether ``text`` forbids something itself (:func:`prohibits`), not as one of the measures it
    lets someone take: "…根据应急需要可以采取…禁止燃放烟花爆竹、停止露天烧烤等应急措施" grants
    powers, among them to forbid."""
    for m in PROHIBITION.finditer(text):
        if _ATTRIBUTE.match(text, m.end()):
            continue
        sentence = text[max(text.rfind("。", 0, m.start()), text.rfind("；", 0, m.start())) + 1 : m.start()]
        if "可以" not in sentence:
            return True
    return False


def only_purpose(text: str) -> bool:
    """Whether ``text`` says nothing but the act's purpose and basis, or what it applies to."""
    text = text.strip()
    return PURPOSE_CLAUSE.fullmatch(text) is not None or SCOPE_CLAUSE.fullmatch(text) is not None


def idf(df: int, n: int) -> float:
    """How well a word found in ``df`` of ``n`` passages tells them apart (BM25's idf)."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


_ACT = alternation(tuple(s for s, _ in vocabulary().doc_types))
# "本省行政区域内…的建立和管理，适用本办法的规定。", "本条例适用于本市行政区域内的绿化。",
# "在本市管辖海域内从事…活动的单位和个人，应当遵守本规定。": the scope article ("…适用本条例
# 第十条" cross-refers and stays)
SCOPE_CLAUSE = re.compile(
    rf"(?:第[{ARTICLE_NUMERAL}]+条)?\s*(?:[^。：:]*(?:适用|应当遵守)本(?:{_ACT})(?:的规定)?|本(?:{_ACT})适用于[^。：:]*)。?"
)

# What a document applies to, said in its scope article: "本条例所称的饮用水水源，包括板桥水库、
# 薄山水库…", "本条例适用于…", "在本市管辖海域内从事…活动的单位和个人，应当遵守本规定": every
# provision of the document is about what it names there
COVERS = re.compile(
    rf"本(?:{_ACT})(?:所称的?[^。；;，,：:]{{1,24}}[，,]?\s*包括|适用于)[^。]*|[^。\n]*应当遵守本(?:{_ACT})"
)

FULL_STOP = re.compile(r"[。！？!?]+[”’」』）)]*")
# a sentence ends at a full stop or at the end of its line: a lead-in ("…按责任大小承担：") and
# each item under it are sentences of their own
SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n+")
TRAILING_PUNCT = "。；;，,：:、 \t\u3000"

# (pattern, replacement): half-width punctuation of the source to the answer's full width
HALF_TO_FULL_WIDTH = [
    (re.compile(r"(?<!\d),|,(?!\d)"), "，"),
    (re.compile(r";"), "；"),
    (re.compile(r"(?<!\d):|:(?!\d)"), "："),
    (re.compile(r"\?"), "？"),
    (re.compile(r"!"), "！"),
    (re.compile(r"\("), "（"),
    (re.compile(r"\)"), "）"),
]


def search_words(text: str) -> list[str]:
    return [t.strip() for t in jieba.lcut_for_search(text) if t.strip()]


def short_title(title: str) -> str:
    """The cited title (:func:`assistant.display.short_title`) in Simplified script."""
    return display_short_title(to_simplified(title))


def topic_of(question: str) -> str:
    """The subject of a question, for "未找到关于……的规定": question words and punctuation removed."""
    t = to_simplified(question).strip()
    t = re.sub(r"^(?:请问|请告诉我|请说明|我想知道|想了解一下|想了解)[，,：:]?", "", t)
    t = t.rstrip("？?。！!，, ")
    suffixes = (
        "是多少", "为多少", "有多少", "多少", "是什么", "有哪些", "是哪些", "哪些", "有什么", "什么时候", "何时",
        "是哪个部门", "哪个部门负责", "由谁负责", "谁负责", "怎么样", "如何", "吗", "呢", "有什么规定", "有何规定",
        "有什么要求", "规定", "的要求", "怎么", "怎样",
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


def has_any(text: str, group: tuple[str, ...]) -> bool:
    return any(t in text for t in group)


def given_figures(question: str) -> tuple[str, ...]:
    """The figures a question states itself ("收到货七天内能退，超过几天算拖延"), as documents
    may write them (七天 / 七日): a clause holding only these does not answer how many."""
    found = {m.group() for p in (FIGURE, PERIOD) for m in p.finditer(question)}
    variants = {v for f in found for v in (f, f.replace("天", "日"), f.replace("日", "天"))}
    return tuple(sorted(variants, key=len, reverse=True))


def without_given(s: str, given: Sequence[str]) -> str:
    """``s`` without the figures the question states itself."""
    for f in given:
        s = s.replace(f, "")
    return s


def answers_intent(s: str, intent: Intent) -> bool:
    """Whether a clause holds the kind of fact the question asks for."""
    if intent == "number":
        return bool(FIGURE.search(s))
    if intent == "deadline":
        # "何时", "多久", "几点"; "多久巡查一次": how often
        return bool(
            DATE.search(s)
            or PERIOD.search(s)
            or CLOCK.search(s)
            or FREQUENCY.search(s)
            or EVENT_BOUND.search(s)
        )
    if intent == "responsible":
        return bool(RESPONSIBLE.search(s) or DEPARTMENT.search(s) or DONE_BY.search(s) or BORNE_BY.search(s))
    if intent == "penalty":
        return bool(FINE.search(s))
    return False


MEASURE_SUFFIX = (
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
    "费",  # a charge: 补偿费, 处理费
    "额",  # an amount: 税额, 限额
)
QUESTION_TAIL = re.compile(
    r"(?:目标|指标|要求)?(?:值)?(?:是|为|要|应|需|要达到|应达到|达到|控制在|提高到|降到|降至)?(?:多少|几)"
)


# "多少辆电动出租车", "几个污染地块": the thing a count question counts
COUNTED_NOUN = re.compile(
    # ("几个人联名…": people counted, 人, not a noun of what they do)
    r"(?:多少|几)(?:个|辆|座|台|家|所|处|条|套|名|户|项|批|艘|架|部|只|株|棵|块)(?!人)([\u4e00-\u9fff]{2,12}?)(?:呢|吗|了|的|[？?，,。]|$)"
)


# "由几个人组成": people counted one by one (not 人口, 人民, 人员, 人大); "多少人出席" may be
# answered by a share of the members ("三分之二以上的职工出席"), which names no 人
_PEOPLE_COUNTED = re.compile(r"(?:多少|几)个人(?![口民员大])")


def counted_noun(question: str) -> str:
    """The thing a "多少个/几家…" question counts ("多少个项目" → 项目; "几个人" → 人), or ""."""
    if _PEOPLE_COUNTED.search(question):
        return "人"
    counted = COUNTED_NOUN.search(question)
    nouns = [t for t in jieba.lcut(counted.group(1)) if len(t) >= 2] if counted else []
    return nouns[-1] if nouns else ""


def states_measure(where: str, unit: str, group: tuple[str, ...]) -> bool:
    """Whether a unit (``where``: its text and headings) states the measure ``group`` asked: by
    name, or, for a share asked as 比例/比率, by a share in the unit's own text."""
    if has_any(where, group):
        return True
    return bool(set(group) & set(synonym_group("比例"))) and SHARE_FIGURE.search(unit) is not None


def required_terms(question: str, terms: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Terms a figure must sit beside to answer a number question.

    The indicator nouns and codes the question names (臭氧, PM10), and the measure word the
    question ends on before "多少" (…的优良率要达到多少 → 优良率): a figure next to other words
    answers another question.
    """
    required = [g for g in terms if re.search(r"[A-Za-z]", g[0]) or g[0] in INDICATOR_NOUNS]
    noun = counted_noun(question)
    if noun:
        # "新增多少辆电动出租车": the figure counts 出租车, not any 辆 in the passage
        noun_group = next((g for g in terms if g[0] == noun), None) or next(
            (g for g in SYNONYMS if noun in g), (noun,)
        )
        if noun_group not in required:
            required.append(noun_group)
    m = QUESTION_TAIL.search(question)
    if m:
        head = question[: m.start()]
        # the last measure word before "多少": "…受污染耕地安全利用率提出了多少的目标" → 利用率
        words = [t for t in jieba.lcut(head) if len(t) >= 2 and t.endswith(MEASURE_SUFFIX)]
        # a measure the segmenter splits off its noun ("治理/率要"): two characters and the rate
        words += [m for m in re.findall(r"[\u4e00-\u9fa5]{2}率", head) if not any(m in w for w in words)]
        if words:
            # several measures asked at once ("利用率和优良天数比率"): a figure for any of them
            group: tuple[str, ...] = ()
            for w in dict.fromkeys(words):
                group += next((g for g in terms if g[0] == w), None) or next(
                    (g for g in SYNONYMS if w in g), (w,)
                )
            if group not in required:
                required.append(group)
    return required


def other_years_only(unit: str, years: Sequence[int]) -> bool:
    """The unit names years, and none of them (nor a range through them) is an asked year."""
    if not years:
        return False
    # explicit years decide; "十四五" counts only where no year is written out
    named = years_covered([re.sub(r"十[三四五]五", "", unit)]) or years_covered([unit])
    return bool(named) and not (named & set(years))


def article_number(section_number: str) -> str:
    """The article ("第十二条") a section number ("第五章.第十二条.（二）") lies in, or ""."""
    return next((x for x in reversed(section_number.split(".")) if re.fullmatch(r"第.+条", x)), "")


def passage_texts(p: Passage) -> list[str]:
    """Everything a passage says about years: its text, title, dates and section headings."""
    m = p.chunk.meta
    dates = [m.written_date, m.published_date, m.effective_date, m.adopted_date, m.revised_date]
    return [p.chunk.search_text, to_simplified(m.title), *[d for d in dates if d], *p.chunk.section_path]
