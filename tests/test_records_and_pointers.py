"""What a document's record says and what a question points at: a list of the documents adopted,
approved or amended in a year is read from the record lines of that year; "现在还有效吗" and "经过几次修改"
of one act are answered from the texts the library holds and their status; an implementing act
named with the act it implements in 〈〉 is that act alone; "哪年颁布的" of a text that records no
publication is its adoption; "这个证" after an answer that named the
licence asks about that licence; a fine or charge asked per square metre is not answered by a
range reckoned by no unit; "X部门是…主管部门" says who the competent body is (a lead-in that sets
how often what it introduces is done keeps its time: tests/answer/test_whole_provision.py); a figure
set for others of a kind ("三轮汽车、…、轻便摩托车最高时速为…") is no answer for one not listed; a
later 款 that goes on with the ban an enumeration's lead-in states is part of the list; "…法规"
names regulations on a matter, not the law of that name.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant import catalog
from assistant.conversation import named_thing
from tests.conftest import library_of_texts

_HEATING = """# 日照市供热条例

2020年10月28日 日照市第十七届人民代表大会常务委员会第二十九次会议通过

2020年11月27日 山东省第十三届人民代表大会常务委员会第二十四次会议批准

## 第一章 总则

第一条 为了规范供热用热行为，制定本条例。

第五条 市、县（市、区）城市管理部门是供热行政主管部门，负责本行政区域内的供热监督管理工作。

有关部门按照各自职责，做好供热相关工作。

有关法律、法规规定由住房城乡建设、水利等行政主管部门管理的供热设施，依照有关法律、法规执行。

## 第四章 监督管理

第三十条 供热行政主管部门应当科学规划，合理设置供热监测站点，完善供热监测网络，对供热质量进行动态监测，并每两年对下列事项进行公告一次：

（一）供热面积；

（二）用户投诉处理情况。

对特定区域的监测情况，应当适时发布。

## 第五章 法律责任

第四十条 擅自改动供热设施的，由供热行政主管部门责令改正，处一千元以上一万元以下罚款。

## 第六章 附则

第五十三条 本条例自2021年1月1日起施行。
"""

_ENERGY = """# 山东省节约能源条例

2017年12月1日 山东省第十二届人民代表大会常务委员会第三十二次会议通过

第一条 为了推进全社会节约能源，制定本条例。

第二条 本条例适用于本省行政区域内节约能源活动。
"""

_FISHERY = """# 山东省实施《中华人民共和国渔业法》办法

2018年9月29日 山东省第十三届人民代表大会常务委员会第六次会议通过

第一条 根据《中华人民共和国渔业法》，结合本省实际，制定本办法。

第十条 从事水产苗种生产的单位和个人，应当向县级以上人民政府渔业行政主管部门申请办理水产苗种生产许可证。

第十一条 申请水产苗种生产许可证应当具备下列条件：

（一）有固定的生产场地，水源充足；

（二）有与水产苗种生产相适应的专业技术人员。

第十二条 使用全民所有的水域从事养殖生产的，应当申请养殖证，并具备下列条件：

（一）养殖范围符合水域综合利用规划；

（二）有相应的生产经营能力。
"""

_FISHERY_LAW = """# 中华人民共和国渔业法

2013年12月28日 第十二届全国人民代表大会常务委员会第六次会议修正

第一条 为了加强渔业资源的保护，制定本法。

第五十条 本法自1986年7月1日起施行。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return library_of_texts(tmp_path_factory.mktemp("records"), _HEATING, _ENERGY, _FISHERY, _FISHERY_LAW)


def test_a_list_by_the_year_of_a_record_reads_that_record(library: Any) -> None:
    approved = library.respond("山东省2020年批准了哪些条例？")
    assert approved.kind == "documents"
    assert "日照市供热条例" in approved.text and "节约能源" not in approved.text
    assert "批准" in approved.text  # the line of that record, cited
    adopted = library.respond("2017年山东省人大常委会通过了哪些地方性法规？")
    assert "山东省节约能源条例" in adopted.text and "日照市供热条例" not in adopted.text


def test_a_topic_asked_in_short_finds_the_title_that_writes_it_out(library: Any) -> None:
    found = library.respond("山东有没有专门的节能方面的条例？")
    assert "山东省节约能源条例" in found.text


def test_whether_an_act_is_in_force_is_its_status(library: Any) -> None:
    r = library.respond("日照市供热条例现在还有效吗？")
    assert not r.abstained and "现行有效" in r.text
    assert catalog.asks_validity("该办法是否已经废止？")
    assert not catalog.asks_validity("许可证的有效期是几年？")


def test_how_often_an_act_unamended_was_amended(library: Any) -> None:
    r = library.respond("山东省节约能源条例是什么时候通过的，经过几次修改？")
    assert "2017年12月1日" in r.text and "未经修改" in r.text


def test_the_year_an_act_was_approved(library: Any) -> None:
    r = library.respond("日照市供热条例是哪一年批准的？")
    assert r.kind == "documents" and "2020年11月27日" in r.text


def test_the_year_an_act_was_published_is_its_adoption_when_no_line_records_publication(library: Any) -> None:
    r = library.respond("山东省节约能源条例是哪一年颁布的？")
    assert r.kind == "documents" and "2017年12月1日" in r.text


def test_this_licence_is_the_one_the_answer_named(library: Any) -> None:
    history = [
        {"role": "user", "content": "在山东从事水产苗种生产需要办什么证？"},
        {
            "role": "assistant",
            "content": "根据《山东省实施〈中华人民共和国渔业法〉办法》第十条，应当向县级以上人民政府渔业行政主管部门申请办理水产苗种生产许可证。",
        },
    ]
    assert named_thing("那申请这个证要满足哪些条件？", history) == "那申请水产苗种生产许可证要满足哪些条件？"
    r = library.respond("那申请这个证要满足哪些条件？", history)
    assert "专业技术人员" in r.text and "养殖范围" not in r.text


def test_a_fine_asked_per_square_metre_is_not_a_range(library: Any) -> None:
    r = library.respond("日照市供热条例对擅自改动供热设施的，按面积每平方米罚多少钱？")
    assert r.abstained
    assert not library.respond("日照市供热条例对擅自改动供热设施的，罚多少钱？").abstained


def test_the_body_named_as_the_competent_one(library: Any) -> None:
    r = library.respond("日照市的供热行政主管部门是哪个部门？")
    assert "城市管理部门是供热行政主管部门" in r.text


_TRAFFIC = """# 日照市道路交通安全条例

2019年8月1日 日照市第十九届人民代表大会常务委员会第二十次会议通过

第十条 下列机动车在道路上行驶的速度，应当遵守以下规定：

（一）三轮汽车、轮式专用机械车、轻便摩托车最高时速为四十公里；

（二）全挂汽车列车、低速载货汽车最高时速为六十公里。
"""

_ADS = """# 日照市户外广告设置管理条例

2019年8月1日 日照市第十九届人民代表大会常务委员会第二十次会议通过

第十二条 有下列情形之一的，不得设置户外广告：

（一）利用交通安全设施、交通标志的；

（二）妨碍生产生活、损害市容市貌的。

建筑物屋顶不得设置大型户外广告。

第十三条 设置户外广告应当符合户外广告设置规划。
"""


_SOIL_LAW = """# 中华人民共和国水土保持法

2010年12月25日 第十一届全国人民代表大会常务委员会第十八次会议修订

第一条 为了预防和治理水土流失，制定本法。

第六十条 本法自2011年3月1日起施行。
"""

_SOIL_MEASURES = """# 山东省实施《中华人民共和国水土保持法》办法

2014年9月26日 山东省第十二届人民代表大会常务委员会第十次会议通过

第一条 根据《中华人民共和国水土保持法》，结合本省实际，制定本办法。

第十条 县级以上人民政府水行政主管部门应当每五年组织一次水土流失调查。
"""


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return library_of_texts(tmp_path_factory.mktemp("kinds"), _TRAFFIC, _ADS, _SOIL_LAW, _SOIL_MEASURES)


def test_a_figure_set_for_others_of_a_kind_is_not_the_one_asked(kinds: Any) -> None:
    # (the speed is set for three kinds of vehicle; the one asked is not among them)
    assert kinds.respond("日照的电动自行车最高时速是多少公里？").abstained
    assert "四十公里" in kinds.respond("日照的轻便摩托车最高时速是多少公里？").text


def test_a_later_paragraph_that_goes_on_with_the_ban_is_part_of_the_list(kinds: Any) -> None:
    r = kinds.respond("日照哪些情形下不得设置户外广告？")
    assert "利用交通安全设施" in r.text and "建筑物屋顶不得设置大型户外广告" in r.text
    assert "设置规划" not in r.text


def test_regulations_on_a_matter_are_not_the_law_of_that_name(kinds: Any) -> None:
    from assistant.query import docs_named

    assert docs_named("日照和青岛的水土保持法规分别怎么规定", kinds.documents()) == []
    assert docs_named("水土保持法怎么规定", kinds.documents()) != []


def test_an_implementing_act_named_with_its_act_in_angle_marks_is_that_act(kinds: Any) -> None:
    r = kinds.respond("《山东省实施〈中华人民共和国水土保持法〉办法》是从哪一天开始施行的？")
    # (the law's own commencement clause says nothing of when the 办法 takes effect)
    assert r.abstained and "2011年" not in r.text
