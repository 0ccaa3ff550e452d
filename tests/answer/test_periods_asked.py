"""Questions asking how long ("多少天内去上牌", "几个工作日能办完"): the article that sets the
period is found among the articles that only repeat the act's words, the document's own case for
today (not its transitional one) answers, and nothing without a time answers at all."""

from __future__ import annotations

from pathlib import Path

from assistant.index.bm25 import said_whole
from tests.conftest import library_of

_BIKES = """# 某市电动自行车管理规定
第一条 为了加强电动自行车管理，制定本规定。

第九条 未列入产品公告目录的电动自行车，不得在市区销售和登记上牌。消费者购买的电动自行车因未列入产品公告目录无法在本市登记上牌的，可以要求更换或者退货。

第十一条 本规定施行后购买的电动自行车，所有人应当自购买之日起十五个工作日内，向公安机关交通管理部门交验电动自行车，申请办理登记。

本规定施行前已经购买的电动自行车，所有人应当自本规定施行之日起三个月内，按照前款规定申请办理登记。

第十五条 已经登记上牌的电动自行车更换车身、车架的，电动自行车所有人应当向公安机关交通管理部门交验车辆，申请办理变更登记。

第十六条 已经登记上牌的电动自行车的所有权发生转移的，受让人应当向公安机关交通管理部门交验车辆，申请办理转移登记。

第十七条 已经登记上牌的电动自行车灭失的，电动自行车所有人应当向公安机关交通管理部门申请办理注销登记。

第十八条 电动自行车号牌应当按照规定安装，保持清晰、完整，不得故意遮挡、污损。
"""


def test_the_article_setting_the_period_answers_how_long(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某市电动自行车管理规定.md": _BIKES})
    answer = a.respond("刚买了辆电动自行车，要在多少天内去上牌？").text
    # (the case of a bike bought before the rules took effect is not the one asked)
    assert answer.index("十五个工作日内") < answer.find("三个月内") or "三个月内" not in answer, answer
    assert "十五个工作日内" in answer, answer


def test_a_question_for_a_period_is_not_answered_without_one(tmp_path: Path) -> None:
    text = """# 某市优化营商环境条例
第一条 为了优化营商环境，制定本条例。

第六条 行政审批服务部门应当会同有关部门，在政务服务中心设置企业开办专区或者窗口，实现营业执照办理、印章刻制、税务信息确认、社保缴费登记等同步申请，并联办理。

第七条 市场主体可以自主选择住所登记方式。
"""
    a = library_of(tmp_path, {"某市优化营商环境条例.md": text})
    answer = a.respond("新开一家公司，从领营业执照到刻好公章几个工作日能办完？")
    assert answer.abstained, answer.text


def test_an_everyday_word_the_segmenter_cuts_up_is_read_whole() -> None:
    assert said_whole("刚买", "在某市刚买了辆电动自行车")
    assert not said_whole("买了", "已经购买了电动自行车")
