"""How a provision is read for the kind of thing asked: the items a lead-in names the duty
holders or conditions in, the clause that waives a sanction, the unit that assigns the power
to sanction, a date asked as the start of a period, a breach asked with "谁来罚", and an offence
stated in the first clause of its article; a quoted name, a time asked "最晚", a verb asked
"受不受理", a limit's extension read with the limit, a sanction sharing only a duty's frame,
and a quoted phrase asked with what surrounds it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import assert_answers, library_of

_DUST = """# 临江市扬尘污染防治规定
第一条 为了防治扬尘污染，制定本规定。

第十八条 对城市建成区内裸露土地应当采取绿化、透水铺装或者遮盖等有效防尘措施，并按照下列规定确定责任人：

（一）用地单位范围内的，由用地单位负责。

（二）住宅小区内的，由物业服务人负责。

（三）国有储备土地内的，由土地储备管理机构负责。

（四）其他区域内的，由所在地街道办事处负责。

第十九条 施工单位应当在施工工地出入口设置车辆冲洗设施。
"""

_ENERGY = """# 临江市节约能源条例
第一条 为了推进全社会节约能源，制定本条例。

第二十七条 公共机构应当发挥示范引领作用，加强能源消费计量、统计、监测、审计，在能源消耗定额范围内使用能源。

公共机构具备下列情形之一的，应当按照规定开展能源审计：

（一）年能源消费量达五百吨标准煤以上的；

（二）年电力消耗二百万千瓦时以上的；

（三）建筑面积一万平方米以上的。

第二十八条 重点用能单位应当每年报送上一年度的能源利用状况报告。

第三十条 每年六月为全市的“节能宣传月”。

第四十三条 违反本条例规定，被监督检查单位妨碍节能监督检查的，由发展改革部门予以警告，责令限期整改；拒不改正的，处一万元以上三万元以下罚款。

第四十六条 本条例规定由发展改革部门行使的行政处罚权，已设立节能监察机构的，由发展改革部门委托节能监察机构行使。

第四十七条 发展改革部门、节能监察机构的工作人员滥用职权、玩忽职守的，依法给予处分。
"""

_BUSINESS = """# 临江市优化营商环境条例
第一条 为了优化营商环境，制定本条例。

第十三条 外籍人士工作许可证七个工作日内一次办结。

第二十一条 市场主体违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚；初次违法且危害后果轻微并及时改正的，可以不予行政处罚。

第四十条 违反本条例规定，擅自向市场主体收取费用的，由有关主管部门责令退还，处五千元以上五万元以下的罚款。
"""

_FIRE = """# 临江市森林防火条例
第一条 为了预防和扑救森林火灾，制定本条例。

第十八条 本市的森林防火期为每年十一月一日至次年五月三十一日，其中二月一日至五月十日为高火险期。

第十九条 每年的十一月份为本市的森林防火宣传月。

第二十一条 森林防火期内，禁止在森林防火区野外用火。

第四十一条 违反本条例第二十一条规定，在森林防火区野外用火的，由林业主管部门责令停止违法行为，对个人处二百元以上三千元以下罚款。
"""

_POLES = """# 临江市城镇容貌管理条例
第十七条 在建筑物外立面架设管线，应当符合城镇容貌标准。

第十八条 电力、通信等各类管线、杆体的设置，应当标明产权单位，并符合城镇容貌标准。

因线路改造废弃的管线、杆体、箱体等设施，产权单位应当自线路改造完成之日起十五日内拆除并清理完毕。

第二十三条 产权单位应当对管线、杆体定期巡查维护。

第四十五条 违反本条例规定，各类管线、杆体的设置不符合城镇容貌标准的，或者因线路改造废弃的管线、杆体、箱体等设施未在规定时间内拆除并清理完毕的，由城镇容貌主管部门责令限期改正；逾期不改正的，处一千元以上五千元以下的罚款。

第四十八条 违反本条例规定，在城镇中设置门店招牌不符合设置规划的，由城镇容貌主管部门责令限期改正；逾期不改正的，处五百元以上二千元以下的罚款。
"""


_LABOUR = """# 临江市劳动保障监察条例
第二十六条 人力资源和社会保障行政部门应当自接到投诉之日起五个工作日内作出是否受理的决定；不予受理的，应当书面告知并说明理由。

第三十一条 调查完成，应在十五个工作日内作出行政处理决定。
"""


_GREEN = """# 临江市城市绿化条例
第二十二条 任何单位和个人不得擅自占用城市绿地。占用的城市绿地，应当限期归还。

因工程建设或者其他特殊需要临时占用的，应当经城市绿化行政主管部门同意，办理临时占用绿地手续。

临时占用的时间不得超过一年。确因建设需要延长的，应当在期限届满二十日前申请延期，延长期限不得超过一年；临时占用期满，占用单位应当恢复原状。
"""


_RESOLUTION = """# 临江市人民代表大会常务委员会关于建设美丽临江的决议
一、全市人民要围绕目标任务，积极投身美丽临江建设。要明确战略目标，到2025年全市森林覆盖率达到百分之四十；到2035年全面建成美丽临江。要坚持战略方针，统筹推进各项工作。
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("provision_reads")
    return library_of(
        root,
        {
            "dust.md": _DUST,
            "energy.md": _ENERGY,
            "business.md": _BUSINESS,
            "fire.md": _FIRE,
            "poles.md": _POLES,
            "labour.md": _LABOUR,
            "green.md": _GREEN,
            "resolution.md": _RESOLUTION,
        },
    )


# (question, what the answer says, what it must not say)
CASES = {
    # "…并按照下列规定确定责任人：" says who only through its items, one per case
    "holders_by_case": (
        "临江城区的裸露土地要防尘，具体由谁来负责？",
        ["由用地单位负责", "由物业服务人负责", "由所在地街道办事处负责"],
        [],
    ),
    "holders_no_case_named": (
        "临江城区的裸露土地由谁负责防尘？",
        ["由用地单位负责", "由所在地街道办事处负责"],
        [],
    ),
    "holders_everyday_words": (
        "临江的裸露土地防尘谁来管？",
        ["由用地单位负责", "由所在地街道办事处负责"],
        [],
    ),
    "holder_of_the_case_named": ("临江住宅小区内的裸露土地由谁负责防尘？", ["由物业服务人负责"], []),
    # "具备下列情形之一的": every case is a condition asked
    "conditions": (
        "临江的公共机构达到什么条件就必须开展能源审计？",
        ["五百吨标准煤以上", "二百万千瓦时以上", "一万平方米以上"],
        [],
    ),
    "sanction_waived": (
        "临江的企业违法行为很轻微、也及时改了，还会被处罚吗？",
        ["不予行政处罚"],
        ["五千元以上五万元以下"],
    ),
    "power_to_sanction": (
        "临江已经设了节能监察机构的地方，节能方面的处罚由谁实施？",
        ["委托节能监察机构行使"],
        [],
    ),
    # "几月几日开始": 开始 is no word of the provision
    "start_of_a_period": ("按《临江市森林防火条例》，森林防火期是从几月几日开始？", ["十一月一日"], []),
    # (the article's own label, "第四十五条", cites no other article)
    "offence_in_the_first_clause": (
        "临江的管线产权单位，线路改造后废弃的杆体，到期没拆怎么罚？",
        ["一千元以上五千元以下"],
        [],
    ),
    # “节能宣传月”: not the other month its words 宣传 and 月份 are said of
    "quoted_name": ("临江的“节能宣传月”是每年几月份？", ["每年六月"], ["十一月份"]),
    # "最晚" bounds the time asked; "受不受理" asks whether 受理
    "latest_and_a_verb_asked_whether": (
        "临江人社部门接到投诉后，最晚几天内要决定受不受理？",
        ["五个工作日内"],
        [],
    ),
    # "确因建设需要延长的…" extends the limit the sentence before it sets
    "limit_with_its_extension": (
        "临江临时占用城市绿地，最长期限是怎么规定的？",
        ["临时占用的时间不得超过一年"],
        [],
    ),
    "phrase_with_its_context": (
        "“到2035年全面建成美丽临江”出自哪份文件？原文前后怎么说？",
        ["到2025年全市森林覆盖率达到百分之四十", "要坚持战略方针"],
        [],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_answer_says_what_was_asked(lib: Any, case: str) -> None:
    assert_answers(lib, *CASES[case])


def test_a_breach_asked_with_who_fines_it_is_the_previous_provisions_sanction(lib: Any) -> None:
    history = [
        {"role": "user", "content": "临江森林防火期内能不能在防火区野外用火？"},
        {
            "role": "assistant",
            "content": "根据《临江市森林防火条例》第二十一条，森林防火期内，禁止在森林防火区野外用火。",
        },
    ]
    text = lib.respond("要是违反了，谁来罚、罚多少？", history).answer.text
    assert "二百元以上三千元以下" in text


def test_a_sanction_sharing_only_the_frame_of_a_duty_does_not_repeat_it() -> None:
    # (the sanction of officials opens "市、区（县级市）人民政府" as the duty does: the frame, not
    # the act asked)
    from assistant.answer.sanctions import _places, repeats

    duty = "市、区（县级市）人民政府应当加强海洋垃圾污染防治工作。在海岸带范围内禁止丢弃、掩埋、焚烧垃圾等废弃物。"
    officials = "市、区（县级市）人民政府或者有关部门及其工作人员在海岸带保护工作中玩忽职守的，"
    dumping = "在海岸带范围内丢弃、掩埋、焚烧垃圾等废弃物的，"
    asked = [("焚烧",), ("垃圾",)]
    assert repeats(officials, duty) and not repeats(officials, duty, asked)
    assert repeats(dumping, duty, asked)
    # (nor does a place the duty names, "海岸带范围", count twice when the sanction widens it)
    frame = [("海岸带",), ("范围",)]
    assert _places("在海岸带陆域范围内新建畜禽养殖场的，", frame, duty) == 1
    assert _places("在海岸带陆域范围内新建畜禽养殖场的，", frame) == 2
