from __future__ import annotations

import pytest

from assistant.intent import detect_intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("济源2024年受污染耕地安全利用率要达到多少？", "number"),
        ("安徽细颗粒物平均浓度目标", "number"),
        ("露天烧烤罚款几千元", "penalty"),
        ("2025年之前PM2.5要降到多少？", "number"),
        ("这项整改什么时候完成？", "deadline"),
        ("条例何时施行", "deadline"),
        ("要求在哪年之前完成", "deadline"),
        ("哪个部门负责扬尘污染监管？", "responsible"),
        ("哪些部门负责", "responsible"),
        ("鼓励哪些单位创建环境教育基地？", "list"),
        ("由哪些单位负责露天焚烧管控？", "responsible"),
        ("两部条例哪个施行得更早？", "deadline"),
        ("由谁牵头推进黄河流域治理", "responsible"),
        ("济源蓝天保卫战有哪些措施？", "list"),
        ("主要目标有哪些", "list"),
        ("对重点排污单位有什么要求", "list"),
        ("包括哪几个方面", "list"),
        ("这条规定的出处在哪里", "location"),
        ("在哪一条规定了露天烧烤", "location"),
        ("什么是生态流量", "definition"),
        ("黑臭水体是指什么", "definition"),
        ("济源的生态环境怎么样", "general"),
        ("介绍一下美丽安徽建设", "general"),
    ],
)
def test_detect_intent(question: str, intent: str) -> None:
    assert detect_intent(question) == intent


def test_a_duty_holder_named_in_a_question_asking_something_else() -> None:
    # the holder noun is who acts; the question asks how soon
    assert detect_intent("养护人报告古树死亡后，主管部门要在多长时间内核实？") == "deadline"
    assert detect_intent("这项任务的牵头单位是？") == "responsible"
    # a follow-up is read by its last sentence
    assert detect_intent("到2025年要达到多少？这项工作的责任单位是谁？") == "responsible"


def test_penalty_questions() -> None:
    assert detect_intent("对施工单位未在出入口公示扬尘防治信息的，怎么处理？") == "penalty"
    assert detect_intent("超标排放由哪个部门处罚、罚多少？") == "penalty"
    assert detect_intent("单位和个人分别最高罚到什么幅度？") == "penalty"
    assert detect_intent("污水怎么处理？") != "penalty"


def test_periods_and_counts_in_words_are_figures() -> None:
    from assistant.answer.cues import FIGURE, PERIOD, answers_intent

    assert PERIOD.search("有效期最长不超过五年") and PERIOD.search("届满三十日前申请")
    assert not PERIOD.search("二〇二五年三月一日") and not FIGURE.search("二〇二五年三月一日")
    assert PERIOD.search("每半年至少组织检查一次") and not PERIOD.search("上半年完成")
    assert FIGURE.search("选择一个渔业港口") and not FIGURE.search("第一条")
    assert FIGURE.search("会员大会每年至少召开一次。") and not FIGURE.search("一次性告知申请人")
    # (a count of animals: "每户限养一只", "存栏五百头以上")
    assert FIGURE.search("居民养犬的，每户限养一只。") and FIGURE.search("生猪存栏五百头以上的")
    assert FIGURE.search("我市环境空气质量位列全省第四") and not FIGURE.search("居民委员会第一次会议")
    assert answers_intent("应当在有效期届满三十日前提出申请", "deadline")


def test_fraud_asks_for_the_sanction() -> None:
    # obtaining by fraud is a breach: "…怎么处理" of it asks what follows
    assert detect_intent("有人骗领养老服务补贴怎么处理？") == "penalty"
    assert detect_intent("伪造检测报告的怎么处理？") == "penalty"


def test_a_penalty_decision_named_is_no_sanction_asked() -> None:
    # "处罚决定" names a decision when something else is asked of it
    assert detect_intent("处罚决定被撤销后，几个工作日内要更正记录？") == "deadline"
    assert detect_intent("擅自排放的怎么处罚？") == "penalty"
    assert detect_intent("对处罚决定不服，可以向谁申请复议？") == "penalty"  # nothing else asks


def test_a_duty_left_undone_for_long_asks_its_consequence() -> None:
    # "一直不交": how long it stays undone does not change what is asked
    assert detect_intent("如果一直不缴纳，会怎么样？") == "penalty"
    assert detect_intent("要是迟迟不改，会怎么样？") == "penalty"


def test_a_count_asked_by_its_counter_is_answered_by_a_count_in_it() -> None:
    from assistant.answer.cues import ASKED_COUNTER, counts_asked

    m = ASKED_COUNTER.search("全市出租车总量定为多少辆？")
    assert m is not None and m.group(1) == "辆"
    assert counts_asked("每户限养一只", "只") and counts_asked("不超过20辆", "辆")
    assert not counts_asked("应当具备二类以上维修企业资质", "辆")
    # (a period or a sum is no counter: read by the period and money cues)
    assert ASKED_COUNTER.search("多少天内办结？") is None and ASKED_COUNTER.search("罚多少元？") is None
