"""A question that names no place is answered from a national law that answers it about as well
as a local regulation; a time limit comes with how far it may be extended; a list question
answered by a 款 of parallel prohibitions gets all of them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import library_of

_LAW = """# 中华人民共和国水污染防治法
第六十五条 禁止在饮用水水源一级保护区内从事网箱养殖、旅游、游泳、垂钓或者其他可能污染饮用水水体的活动。

第九十一条 在饮用水水源一级保护区内从事网箱养殖或者组织进行旅游、垂钓或者其他可能污染饮用水水体的活动的，由县级以上地方人民政府环境保护主管部门责令停止违法行为，处二万元以上十万元以下的罚款。
"""

_CITY = """# 日照市饮用水水源地保护条例
第十五条 饮用水水源一级保护区内禁止从事网箱养殖、旅游、游泳、垂钓等活动。

第三十七条 违反本条例规定，在饮用水水源保护区内从事网箱养殖，或者在饮用水水源一级保护区内组织进行旅游、垂钓的，由环境保护主管部门责令停止违法行为，处二万元以上五万元以下罚款。
"""

_GREEN = """# 安阳市城市绿化条例
第二十六条 任何单位和个人不得擅自占用城市绿地。

临时占用绿地期限不得超过一年。确需延长的，应当办理延期手续。延长期限最长不得超过一年。占用单位应当在规定的期限内恢复绿地原状。

第二十七条 城市绿地内禁止下列行为：

（一）践踏草坪；

（二）攀折花木。
"""

_WILDLIFE = """# 河南省实施野生动物保护法办法
第十三条 在自然保护区以及国家和省重点保护野生动物集中繁殖地、越冬地、停歇地、产卵场、洄游通道、索饵场等，禁止排放工业污水、废气；禁止堆积、倾倒工业废渣、生活垃圾；禁止使用危及国家和省重点保护野生动物生存的剧毒药物。因特殊情况确需使用剧毒药物的，应报经当地县级野生动物行政主管部门批准，并采取有效的防范措施，防止对野生动物及其栖息地造成危害，使用单位应当对使用情况进行登记，并定期向野生动物行政主管部门报告使用剧毒药物的种类、数量和范围。

第十四条 县级以上人民政府应当组织野生动物资源调查。
"""


def test_a_question_naming_no_place_is_answered_by_the_national_law(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"中华人民共和国水污染防治法.md": _LAW, "日照市饮用水水源地保护条例.md": _CITY})
    text = a.respond("在饮用水水源一级保护区里组织人去旅游钓鱼，会怎么罚？").text
    assert "水污染防治法" in text and "二万元以上十万元以下" in text, text
    # named, the city's own regulation answers
    text = a.respond("在日照饮用水水源一级保护区里组织人去旅游钓鱼，会怎么罚？").text
    assert "日照市饮用水水源地保护条例" in text, text


def test_a_time_limit_comes_with_how_far_it_may_be_extended(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"安阳市城市绿化条例.md": _GREEN})
    text = a.respond("安阳临时占用城市绿地最长能占多久？").text
    assert "不得超过一年" in text and "延长期限最长不得超过一年" in text, text


def test_parallel_prohibitions_of_one_paragraph_are_listed_together(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"河南省实施野生动物保护法办法.md": _WILDLIFE})
    text = a.respond("河南在野生动物越冬地这些地方，禁止干哪些事？").text
    for rule in (
        "禁止排放工业污水",
        "禁止堆积、倾倒工业废渣",
        "禁止使用危及国家和省重点保护野生动物生存的剧毒药物",
    ):
        assert rule in text, text
    # quoted as the one 款 they are, not cut into items of a list
    assert "废气；禁止堆积" in text, text
