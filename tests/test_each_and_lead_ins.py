"""Who answers for each side of "甲和乙各…", and what a sanction's lead-in is about."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tests.conftest import library_of

_INSURANCE = (
    "# 某市失业保险条例\n\n"
    "第七条 用人单位按照本单位应参保职工上年度月平均工资总额的百分之二缴纳失业保险费。"
    "职工按照本人上年度月平均工资的百分之一缴纳失业保险费；用人单位招用的农民合同制工人本人不缴纳失业保险费。\n\n"
    "用人单位上年度月平均工资总额或者职工本人上年度月平均工资无法核定的，按照当地上年度职工月平均工资计算。\n\n"
    "第八条 用人单位应当每年向职工公布本单位全年失业保险费缴纳情况。"
    "职工发现用人单位未按规定缴纳失业保险费的，有权向劳动保障行政部门举报。\n\n"
    "第十条 缓缴期满后，用人单位未按照补缴计划足额补缴失业保险费的，自缓缴期满之日起按日加收万分之五的滞纳金。\n"
)


def test_each_side_is_answered_by_the_sentence_it_is_the_subject_of(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某市失业保险条例.md": _INSURANCE})
    text = a.respond("某市职工和用人单位各自按工资的什么比例缴纳失业保险费？").text
    # (the employer's sentence names 职工 in passing; it is still the employer's rate)
    assert "百分之二" in text and "百分之一" in text, text
    assert "万分之五" not in text and "举报" not in text, text


_WATER = (
    "# 某市水资源管理条例\n\n"
    "第四十五条 有下列情形之一的，由水行政主管部门责令停止违法行为，采取补救措施，处一万元以上五万元以下罚款：\n\n"
    "（一）在水库库区保护范围内爆破、打井、采石、取土等影响水库及用水安全活动的；\n\n"
    "（二）围湖造地，擅自填埋或者围垦河道、湿地以及其他影响水库、河道功能的。\n"
)
_WETLAND = (
    "# 某市湿地保护条例\n\n"
    "第三十七条 违反本条例规定，在湿地保护范围内，有下列行为的，由林业主管部门责令停止违法行为，"
    "并按照下列规定进行处罚：\n\n"
    "（一）擅自围垦、填埋湿地或者改变湿地用途的，责令恢复原状，处每平方米十元以上三十元以下罚款；\n\n"
    "（二）擅自抽采、排放湿地蓄水，截断湿地水源的，处三千元以上一万元以下罚款。\n"
)


def test_a_lead_in_is_about_each_item_it_sanctions_not_all_their_words_together(tmp_path: Path) -> None:
    # the water act's lead-in has 保护范围 in one item and 擅自填埋…湿地 in another; the wetland
    # act's first item says the whole act asked about
    a = library_of(tmp_path, {"某市水资源管理条例.md": _WATER, "某市湿地保护条例.md": _WETLAND})
    text = a.respond("某市有人在湿地保护范围内擅自填埋、围垦湿地，怎么处罚？").text
    assert "每平方米十元以上三十元以下" in text, text
    assert "一万元以上五万元以下" not in text, text


def _unit(kind: str, search: str, section: str, score: float) -> Any:
    """A scored unit as :func:`units_for_each` reads it: its kind, text, article and score."""
    part = SimpleNamespace(section_number=section)
    chunk = SimpleNamespace(doc_id="d", part_at=lambda _start: part)
    return SimpleNamespace(unit=SimpleNamespace(kind=kind, start=0), search=search, chunk=chunk, score=score)


def test_each_side_takes_the_sentence_of_the_best_article_whose_subject_it_is() -> None:
    from assistant.answer.sides import units_for_each

    article = _unit("article", "第七条 用人单位按照…职工…百分之二…。职工按照…百分之一…", "第七条", 0.40)
    employer = _unit("sentence", "第七条 用人单位按照本单位应参保职工工资总额的百分之二缴纳", "第七条", 0.39)
    worker = _unit("sentence", "职工按照本人上年度月平均工资的百分之一缴纳失业保险费", "第七条", 0.30)
    # (a sentence of another article naming the employer alone, scored higher than the worker's)
    late = _unit("sentence", "缓缴期满后，用人单位未足额补缴的，按日加收万分之五的滞纳金", "第十条", 0.35)
    reports = _unit("sentence", "职工发现用人单位未按规定缴纳的，有权举报", "第八条", 0.36)
    chosen = units_for_each([article], [article, employer, worker, late, reports], ("用人单位", "职工"), 0.2)
    assert chosen == [employer, worker]
