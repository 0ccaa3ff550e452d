"""Which text a question names, and which of its provisions answers: a provincial regulation
titled by one city's reservoir is that city's; a reserve named with its level ("国家级") is named
without it too; "某省的水法实施办法" is the 某省实施《水法》办法; a sanction's list of offences is
no answer to what a body does; a word a provision says only in what it excepts ("除…以外") is not
what it is about; an everyday word ("禁用", "谈不拢") read as provisions write it; a rate the
segmenter cuts ("湿地率定了"); a "多久" question no provision sets a time for; the items a
sentence lists; two titles named side by side."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import assert_answers, library_of

_RESERVOIR = """# 河南省信阳青龙湖水库饮用水水源保护条例

2009年9月25日 河南省第十一届人民代表大会常务委员会第十一次会议通过

第一条 为了保护青龙湖水库饮用水水源，制定本条例。

第八条 青龙湖水库饮用水水源保护区分为一级保护区、二级保护区。保护区外围划定一定的区域作为准保护区。

第十七条 距水库兴利水位线300米以内陆域不得从事餐饮、住宿等经营活动。

第十九条 青龙湖水库饮用水水源准保护区内禁止下列行为：

（一）新建、扩建对水体造成污染的建设项目；

（二）向水体排放工业废渣。

第二十一条 青龙湖水库饮用水水源一级保护区内，除二级保护区和准保护区禁止的行为以外，还禁止下列行为：

（一）网箱养殖、旅游、游泳、垂钓；

（二）与水库管理无关的船舶通行。
"""

_CITY = """# 信阳市城市绿化条例

2019年5月30日 信阳市第五届人民代表大会常务委员会第十二次会议通过

第一条 为了促进城市绿化，制定本条例。

第十二条 餐饮、住宿等经营场所应当按照规定进行绿化。
"""

_RESERVE = """# 河南鸡公山国家级自然保护区条例

2018年8月28日 信阳市第五届人民代表大会常务委员会第九次会议通过

第一条 为了加强河南鸡公山国家级自然保护区（以下简称鸡公山保护区）的建设和管理，制定本条例。

第八条 鸡公山保护区管理机构统一管理鸡公山保护区，主要职责是：

（一）编制鸡公山保护区总体规划，按照程序报批后组织实施；

（二）组织开展日常巡护，对违反保护管理规定的行为进行制止并处理；

（三）做好森林火灾的预防、监测、扑救工作。

第十一条 在鸡公山保护区内禁止从事下列活动：

（一）砍伐、放牧、狩猎、开垦、烧荒；

（二）野外吸烟、燃放孔明灯。

第二十四条 违反本条例规定，有下列行为之一的，由鸡公山保护区管理机构责令改正，并可以处五百元以上五千元以下的罚款：

（一）擅自移动或者破坏鸡公山保护区界标的；

（二）未经批准进入鸡公山保护区或者不服从鸡公山保护区管理机构管理的。
"""

_PROVINCE = """# 河南省湿地保护条例

2015年3月26日 河南省第十二届人民代表大会常务委员会第十三次会议通过

第一条 为了加强湿地保护，制定本条例。

第二十条 在湿地自然保护区内禁止从事下列活动：

（一）开垦、填埋湿地；

（二）猎捕野生动物。
"""

_WATER = """# 河南省实施《中华人民共和国水法》办法

2018年9月29日 河南省第十三届人民代表大会常务委员会第六次会议修正

第一条 为了实施《中华人民共和国水法》，制定本办法。

第三十六条 省辖市、县（市、区）之间发生水事纠纷，应本着互让互谅、团结协作的原则，通过协商或者调解解决。协商、调解不成的，由共同的上一级人民政府或其水行政主管部门处理。

第四十四条 未经批准利用国有水库从事养殖、旅游、餐饮等活动的，责令限期改正；逾期不改正的，处以一百元以上五百元以下罚款。
"""

_SOIL = """# 河南省实施《中华人民共和国水土保持法》办法

2014年9月26日 河南省第十二届人民代表大会常务委员会第十次会议通过

第一条 为了实施《中华人民共和国水土保持法》，制定本办法。

第三十条 在水库周边从事养殖活动的，应当采取水土保持措施。
"""

_BRICK = """# 浙江省发展新型墙体材料条例

2018年11月30日 浙江省第十三届人民代表大会常务委员会第七次会议修正

第一条 为了发展新型墙体材料，制定本条例。

第十五条 本省行政区域内禁止生产、销售和使用实心粘土砖。

第二十条 新型墙体材料的认定办法由省墙体材料主管部门制定。
"""

_WETLAND = """# 东营市湿地城市建设条例

2020年10月22日 东营市第九届人民代表大会常务委员会第二十九次会议通过

第一条 为了推进湿地城市建设，制定本条例。

第五条 市人民政府应当制定湿地城市建设指标评价体系，统筹推进湿地城市建设工作。

第七条 湿地城市建设应当形成功能完善、层级清晰、湿地率不低于百分之五十、蓝绿空间占比不低于百分之七十的组团式生态型城市。

第三十四条 水环境保护实行水域管理责任人制度。水域管理责任人应当牵头组织开展河流的水污染防治工作。

第四十条 违反本条例第三十四条规定，向河道倾倒垃圾的，由城市管理部门责令改正，处二百元以下罚款。
"""


_GRID = """# 滨州市社会治理网格化服务管理条例

2021年6月30日 滨州市第十届人民代表大会常务委员会第三十一次会议通过

第一条 为了推进社会治理网格化服务管理，制定本条例。

第三条 本条例所称网格，是指根据相应标准，在本市所辖城乡社区、行政村及其他特定空间区域内划分的基本服务管理单元。

第六条 乡镇人民政府、街道办事处应当科学合理划分网格。网格名称、区域范围、网格员姓名及联系方式、监督电话等信息，应当在村民、居民主要活动场所公示。
"""

_RELICS_CITY = """# 济南市文物保护规定

2016年1月22日 济南市第十六届人民代表大会常务委员会第二十二次会议通过

第一条 为了加强文物保护，制定本规定。

第三十二条 违反本规定有下列行为之一的，由文物行政管理部门给予处罚：

（一）擅自在不可移动文物的占地范围内进行建设工程的，处以三万元以上三十万元以下罚款；

（二）在地下文物保护区内未经考古调查、勘探、发掘擅自进行工程建设的，处以二万元以上十万元以下罚款。
"""

_RELICS_PROVINCE = """# 河南省实施《中华人民共和国文物保护法》办法

2016年3月29日 河南省第十二届人民代表大会常务委员会第二十次会议通过

第一条 为了实施《中华人民共和国文物保护法》，制定本办法。

第六十四条 违反本办法第二十七条规定，未经考古调查、勘探，擅自进行工程建设的，由文物行政部门责令改正；造成严重后果的，处五万元以上五十万元以下罚款。
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("named_texts")
    return library_of(
        root,
        {
            "reservoir.md": _RESERVOIR,
            "city.md": _CITY,
            "reserve.md": _RESERVE,
            "province.md": _PROVINCE,
            "water.md": _WATER,
            "soil.md": _SOIL,
            "brick.md": _BRICK,
            "wetland.md": _WETLAND,
            "grid.md": _GRID,
            "relics_city.md": _RELICS_CITY,
            "relics_province.md": _RELICS_PROVINCE,
        },
    )


# (question, what the answer says, what it must not say)
CASES = {
    # the provincial regulation titled by 信阳's reservoir answers a question about 信阳
    "city_named_in_a_provincial_title": (
        "信阳青龙湖水库边上多远以内不能开饭店、旅馆？",
        ["300米以内"],
        [],
    ),
    # "河南" beside the reserve's name does not make the question the province's
    "reserve_named_with_its_region": (
        "在河南鸡公山国家级自然保护区里，哪些活动是明令禁止的？",
        ["砍伐、放牧、狩猎", "燃放孔明灯"],
        ["猎捕野生动物"],
    ),
    # the duties list, not the sanction's list of offences its lead-in names the body in
    "duties_not_offences": (
        "鸡公山保护区管理机构具体负责哪些工作？",
        ["编制鸡公山保护区总体规划", "组织开展日常巡护"],
        ["擅自移动"],
    ),
    # the implementing measure named in the other order; not the 水土保持法's
    "implementing_measure_in_the_other_order": (
        "河南省的水法实施办法对未经批准在国有水库搞养殖的怎么罚？",
        ["一百元以上五百元以下"],
        [],
    ),
    # the body that handles it when talks fail, not the talks
    "when_talks_fail": (
        "河南省辖市之间的水事纠纷，协商调解谈不拢，由谁处理？",
        ["共同的上一级人民政府或其水行政主管部门处理"],
        ["互让互谅"],
    ),
    # the 准保护区's own list, not the 一级保护区's that excepts it
    "the_zone_asked_not_the_one_that_excepts_it": (
        "青龙湖水库饮用水水源准保护区内有哪些行为是禁止的？",
        ["向水体排放工业废渣"],
        ["网箱养殖"],
    ),
    # an article that lists what it forbids, answered whole: not cut inside its lead-in
    "whether_a_listed_act_is_forbidden": (
        "青龙湖水库一级保护区里能不能游泳？",
        ["还禁止下列行为", "网箱养殖、旅游、游泳、垂钓"],
        [],
    ),
    "banned_in_everyday_words": ("浙江哪里禁用实心粘土砖？", ["禁止生产、销售和使用实心粘土砖"], []),
    "rate_the_segmenter_cut": (
        "东营湿地城市的湿地率定了多少？",
        ["湿地率不低于百分之五十"],
        [],
    ),
    # the items a sentence lists of the thing asked ("…、监督电话等信息，应当…公示"), not the
    # definition of 网格
    "items_listed_in_a_sentence": ("滨州网格划好以后要公示哪些信息？", ["监督电话"], []),
    # each region's own text, named by its title
    "two_titles_named": (
        "没做考古调查勘探就开工，济南市文物保护规定和河南省实施文物保护法办法各怎么罚？",
        ["二万元以上十万元以下", "五万元以上五十万元以下"],
        [],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_answer_says_what_was_asked(lib: Any, case: str) -> None:
    assert_answers(lib, *CASES[case])


def test_how_often_is_not_answered_without_a_time(lib: Any) -> None:
    answer = lib.respond("东营水域管理责任人多久巡查一次？").answer
    assert answer.abstained, answer.text
