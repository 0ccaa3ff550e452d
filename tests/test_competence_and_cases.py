"""Who holds the competence over a matter is the general provision that assigns it, not an
article where the competent body only acts; a sum asked in 万元 is not answered by a temperature;
"下一次" counts nothing; a head count asked ("人数达到多少") is answered in 人; a 款 that times the
procedure an earlier 款 of its article sets names what that 款 names; 提交 and 提出 are one act,
缴税 is 缴纳税款; "那X的厕所呢？" after a question on another kind of 厕所 asks the same of X;
"不按规定设置的怎么罚？" leans on the part before it; a record asked of the text in force after
"现行…是哪年修订的？" is that revision's; two regulations of one place named by their titles
without the place are both asked; a question naming several cases of a lead-in that assigns a
holder per case is answered by all of them; a question on a "时间限制" asks a time.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.answer.cues import FIGURE
from assistant.conversation import resolve
from assistant.elliptic import is_fragment
from assistant.intent import detect_intent
from tests.conftest import assert_answers, library_of_texts

_GREENING = """# 丽水市城市绿化条例

2018年6月27日 丽水市第四届人民代表大会常务委员会第十二次会议通过

## 第一章 总则

第一条 为了促进城市绿化事业的发展，制定本条例。

第五条 市、县（市、区）住房和城乡建设部门是城市绿化行政主管部门，负责本行政区域内城市绿化的监督管理工作。

第六条 城市绿化行政主管部门应当加强城市绿化资源调查和监测，建立城市绿化管理信息系统，定期公布城市绿化的相关信息。

第七条 单位和个人有权对损害城市绿化的行为向城市绿化行政主管部门举报。
"""

_HEATING = """# 丽水市集中供热条例

2018年10月22日 丽水市第四届人民代表大会常务委员会第十五次会议通过

第一条 为了规范集中供热，制定本条例。

第二十八条 在供热期间，热经营企业应当保证居民热用户卧室、起居室的室温不低于十八摄氏度。

第二十九条 热经营企业应当建立健全服务制度，公开服务项目和收费标准。
"""

_WORKERS = """# 丽水市企业职工民主管理条例

2019年3月28日 丽水市第四届人民代表大会常务委员会第十八次会议通过

第一条 为了保障企业职工的民主权利，制定本条例。

第八条 企业应当建立职工（代表）大会制度。

企业职工一百人以下的建立职工大会制度；一百人以上的建立职工代表大会制度。

第二十一条 人数较多的企业的职工（代表）大会可以建立联席会议制度。

联席会议负责处理职工（代表）大会闭会期间需要解决的重要问题，并向下一次职工（代表）大会报告予以确认。
"""

_WEATHER = """# 丽水市气象探测环境保护条例

2017年9月28日 丽水市第四届人民代表大会常务委员会第五次会议通过

第一条 为了保护气象探测环境，制定本条例。

第十七条 在气象探测环境保护范围内新建建设工程的，应当避免危害气象探测环境；确实无法避免的，建设单位应当向市气象主管机构报告，并说明理由。

市气象主管机构应当自受理之日起二十日内作出决定。决定不同意的，应当说明理由。

第二十条 确实需要迁移气象台站的，应当经市气象主管机构批准，迁建费用由建设单位承担。

第二十四条 临街建筑物进行外部装修的，所有人应当向区城市管理部门提出申请，区城市管理部门应当自接到申请之日起二十个工作日内作出书面决定。

第二十五条 临街建筑物外部装修的申请人应当提交真实的申请材料，对材料的真实性负责。
"""

_SANITATION = """# 丽水市市容和环境卫生管理条例

2016年8月30日 丽水市第三届人民代表大会常务委员会第三十二次会议通过

2016年9月29日 浙江省第十二届人民代表大会常务委员会第三十三次会议批准

2021年6月30日 丽水市第四届人民代表大会常务委员会第四十次会议修订

2021年7月30日 浙江省第十三届人民代表大会常务委员会第三十一次会议批准

第一条 为了加强市容和环境卫生管理，制定本条例。

第四十四条 城市建成区内新建、改建公共厕所，应当执行国家城市公共厕所一类标准。

第四十五条 农贸市场应当设置二类标准以上的厕所。违反规定的，责令改正，处五百元以上二千元以下罚款。

第五十一条 农贸市场的责任人应当合理设置废弃物分类收集容器，并负责维护和保洁。

第六十条 本条例自2021年9月1日起施行。
"""

_SORTING = """# 丽水市生活垃圾分类管理条例

2019年8月28日 丽水市第四届人民代表大会常务委员会第二十次会议通过

第一条 为了推进生活垃圾分类，制定本条例。

第十八条 生活垃圾分类投放实行管理责任人制度：

（一）实行物业管理的居住小区，物业服务企业为管理责任人；未实行物业管理的居住区，由所在地的村（居）民委员会为管理责任人；

（二）机关、团体、学校，本单位为管理责任人；

（三）在建建设工程的施工区域，其施工单位为管理责任人；

（四）大型群众性活动，其承办组织者为管理责任人。

第六十条 本条例自2020年1月1日起施行。
"""

_TAX = """# 中华人民共和国环境保护税法

2016年12月25日 第十二届全国人民代表大会常务委员会第二十五次会议通过

第一条 为了保护和改善环境，制定本法。

第十五条 税务机关应当将纳税人的纳税申报、税款入库、欠缴税款等涉税信息，定期交送生态环境主管部门。

第十九条 纳税人按季申报缴纳的，应当自季度终了之日起十五日内，向税务机关办理纳税申报并缴纳税款。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return library_of_texts(
        tmp_path_factory.mktemp("competence"),
        _GREENING,
        _HEATING,
        _WORKERS,
        _WEATHER,
        _SANITATION,
        _SORTING,
        _TAX,
    )


# (question, what the answer says, what it does not say), in the order of the module docstring
_ANSWERS = [
    ("丽水的城市绿化归哪个部门主管？", ["住房和城乡建设部门是城市绿化行政主管部门"], ["资源调查"]),
    ("丽水的企业职工人数达到多少就要建立职工代表大会制度？", ["一百人以上的建立职工代表大会制度"], []),
    (
        "丽水在气象探测环境保护范围内搞建设、确实避不开的，报市气象主管机构后多长时间内会作出决定？",
        ["二十日内"],
        [],
    ),
    ("丽水临街建筑想做外部装修，提交申请后区城市管理部门多长时间内给决定？", ["二十个工作日内"], []),
    ("环境保护税按季申报的，最晚什么时候缴税？", ["季度终了之日起十五日内"], []),
    ("现行《丽水市市容和环境卫生管理条例》是哪一年修订的？经谁批准？", ["2021年7月30日"], ["2016年9月29日"]),
    (
        "丽水市的生活垃圾分类管理条例和市容和环境卫生管理条例，分别从什么时候开始施行？",
        ["2020年1月1日", "2021年9月1日"],
        [],
    ),
    (
        "丽水垃圾分类的管理责任人怎么确定？物业小区以外的居住区和施工工地各由谁负责？",
        ["村（居）民委员会为管理责任人", "其施工单位为管理责任人"],
        [],
    ),
]


@pytest.mark.parametrize(("question", "said", "unsaid"), _ANSWERS)
def test_answers(library: Any, question: str, said: list[str], unsaid: list[str]) -> None:
    assert_answers(library, question, said, unsaid)


def test_a_sum_asked_in_ten_thousand_yuan_is_not_answered_by_a_temperature(library: Any) -> None:
    r = library.respond("丽水市集中供热条例规定热经营企业的注册资本不得低于多少万元？")
    assert r.abstained, r.text


def test_the_next_session_counts_nothing() -> None:
    assert FIGURE.search("并向下一次职工（代表）大会报告") is None
    assert FIGURE.search("每年至少召开一次") is not None


def test_another_kind_of_the_thing_asked_before_takes_the_same_question(library: Any) -> None:
    history = [
        {"role": "user", "content": "丽水城市建成区里新建公共厕所要执行什么标准？"},
        {
            "role": "assistant",
            "content": "根据《丽水市市容和环境卫生管理条例》第四十四条，应当执行国家城市公共厕所一类标准。",
        },
    ]
    resolved = resolve("那农贸市场里的厕所呢？", history, library.index.documents()).question
    assert "农贸市场里的厕所" in resolved and "新建" not in resolved
    r = library.respond("那农贸市场里的厕所呢？不按规定设置的怎么罚？", history=history)
    assert "二类标准以上" in r.text and "五百元以上二千元以下" in r.text, r.text
    assert "一类标准" not in r.text


def test_a_duty_left_undone_by_its_verb_alone_leans_on_the_part_before() -> None:
    assert is_fragment("不按规定设置的怎么罚？")
    assert not is_fragment("未取得许可证擅自在河道采砂的，会怎么罚？")


def test_a_time_limit_asked_as_such_is_a_deadline() -> None:
    assert detect_intent("代表发言有没有时间限制？") == "deadline"
