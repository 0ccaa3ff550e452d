"""Time limits and figures that stand apart from the words a question shares: the article after
the step a time limit times, the item of a prohibition with its lead-in, a time said as how often."""

from __future__ import annotations

from pathlib import Path

from assistant.answer.cues import counts_from_asked, states_time
from tests.answer.builders import REGULATIONS, answered, regulation
from tests.conftest import library_of


def test_a_time_limit_set_in_the_article_after_the_step_it_times() -> None:
    d = regulation("河南/信阳市河道采砂管理条例(2019-11-01).md", "信阳市河道采砂管理条例", city="信阳市")
    chapter = "第三章  河道采砂许可"
    apply = d.chunk(
        "第十八条 申请办理河道采砂许可",
        "（七）无违法采砂行为承诺书。",
        (chapter, "第十八条"),
        "第三章.第十八条",
    )
    d.chunk(
        "第十九条 市、县（区）人民政府水行政主管部门",
        "书面告知申请人。",
        (chapter, "第十九条"),
        "第三章.第十九条",
    )
    d.chunk("第二十条 河道采砂许可证颁发后", None, (chapter, "第二十条"), "第三章.第二十条")
    # retrieval found only the article on applying; the decision's time limit is the next one's
    ans = answered("在信阳申请河道采砂许可，交了申请以后多少天内作出决定？", d, apply)
    assert "二十日内作出是否准予许可的决定" in ans.text
    assert "第十九条" in ans.text


def test_an_item_of_a_prohibition_is_read_with_its_lead_in() -> None:
    d = regulation("河南/安阳市城市绿化条例(2019-01-07).md", "安阳市城市绿化条例", city="安阳市")
    article = d.chunk(
        "第三十二条 禁止下列损害城市古树名木的行为",
        "（四）其他损害古树名木的行为。",
        ("第三章  保护和管理", "第三十二条"),
        "第三章.第三十二条",
    )
    ans = answered("安阳的古树名木树冠多少米范围内不能挖坑取土？", d, article)
    assert "五米范围内" in ans.text
    # the item alone would read as permitted: the prohibition that governs it comes first
    assert "禁止下列损害城市古树名木的行为" in ans.text
    assert ans.text.index("禁止下列") < ans.text.index("五米范围内")


def test_how_often_is_a_time() -> None:
    assert states_time("市委常委会、政府常务会每季度至少研究一次环境保护工作")
    assert states_time("发现文物应当立即报告")
    assert states_time("应当自受理之日起二十日内作出决定")
    assert not states_time("由海域所在的县（市、区）人民政府登记，颁发海域使用权证书")


def test_the_day_of_an_event_is_not_a_period_counted_from_it(tmp_path: Path) -> None:
    law = (REGULATIONS / "国家法律/环境保护税法(2018-10-26).md").read_text(encoding="utf-8")
    a = library_of(tmp_path, {"环境保护税法(2018-10-26).md": law})
    text = a.respond("环境保护税的纳税义务何时发生？").text
    assert "排放应税污染物的当日" in text and "第十六条" in text, text
    # a period counted from that day takes it as given
    assert "十五日内" not in text, text
    assert counts_from_asked("应当自纳税义务发生之日起十五日内申报", "纳税义务何时发生")
    assert not counts_from_asked("应当自受理之日起二十日内作出决定", "纳税义务何时发生")
