"""Each part of a question answered by what says it: a later part the sentence quoted for the part
before does not answer takes the sentence beside it that does (not "见（1）"); a lake a document
lists under a group's name is that group ("南四湖（…）"); a zone named short (禁燃区) is the one a
provision writes out ("禁止燃放烟花爆竹的区域"); "限期内还不拆" asks the graver case of the
sanction just quoted, which its article may set in a 款 of its own ("…拒不恢复的，由…代为恢复"); a comparison naming each place's regulation by its own short name ("甲市的
古城保护条例和乙市的殷墟保护条例") reads each place's; a list the provision leaves to a list kept elsewhere ("具体物种按照…名录执行")
is not found, with the provision that says so."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import library_of

_BUSINESS = """# 漯河市优化营商环境条例

2021年9月1日 漯河市第七届人民代表大会常务委员会第三十次会议通过

第一条 为了优化营商环境，制定本条例。

第二十六条 行政执法部门对市场主体进行行政检查，行政执法人员不得少于两人，应当文明执法，主动出示行政执法证件，检查结束后，执法主体应当向被检查对象作出书面决定或者结论。不出示行政执法证件、不按法定程序执法的，市场主体有权拒绝接受检查并向执法监督部门投诉。
"""

_LAKES = """# 山东省湖泊保护条例

2012年1月13日 山东省第十一届人民代表大会常务委员会第二十八次会议通过

第一条 为了加强湖泊保护，制定本条例。

第三条 湖泊保护实行名录制度。南四湖（南阳湖、独山湖、昭阳湖、微山湖）、东平湖和其他常年水面面积在0.5平方公里以上的湖泊，应当纳入湖泊保护名录。

第三十六条 违反本条例规定，有下列情形之一的，由县级以上人民政府水行政主管部门按照下列规定予以处罚：

（一）围湖造田的，责令停止违法行为，限期恢复原状；对湖泊造成破坏的，处每平方米十元以上三十元以下的罚款；

（二）擅自挖筑鱼塘的，责令停止违法行为，限期恢复原状；对湖泊造成破坏的，处三百元以上一万元以下的罚款。

前款规定限期恢复原状的，有关单位和个人拒不恢复的，由水行政主管部门代为恢复，所需费用由违法者承担。

第三十七条 违反本条例规定，在南四湖、东平湖以及承担生活供水的湖泊内设置排污口的，由县级以上人民政府责令限期拆除，处十万元以上五十万元以下的罚款；逾期不拆除的，强制拆除，所需费用由违法者承担，处五十万元以上一百万元以下的罚款，并可以责令停产整顿。
"""

_FIREWORKS = """# 泰安市烟花爆竹燃放管理条例

2018年12月4日 山东省第十三届人民代表大会常务委员会第七次会议批准

第一条 为了加强烟花爆竹燃放管理，制定本条例。

第七条 下列区域内禁止燃放烟花爆竹：

（一）泰安城区；

（二）烟花爆竹生产、经营和存储场所。

第十一条 在禁止燃放烟花爆竹的区域、场所内，禁止生产、经营（储存）烟花爆竹。

第十三条 在本条例第七条规定的禁燃区域之外燃放烟花爆竹的，应当确保安全。

第十七条 违反本条例第七条、第十三条规定，在禁止燃放烟花爆竹的区域内燃放烟花爆竹的，由公安机关责令停止燃放，处一百元以上五百元以下罚款。

第十八条 违反本条例第十一条规定，在禁止燃放烟花爆竹的区域、场所内生产、经营烟花爆竹的，由安全生产监督管理部门责令停止非法生产、经营活动，处两万元以上十万元以下罚款。
"""

_OLD_TOWN = """# 枣庄市台儿庄古城保护条例

2018年9月21日 山东省第十三届人民代表大会常务委员会第五次会议批准

第一条 为了保护台儿庄古城，制定本条例。

第三十条 违反本条例规定，涂污、损毁古城保护标志的，由文物主管部门责令恢复原状，并处一千元以上三千元以下罚款。
"""

_RUINS = """# 安阳市殷墟保护条例

2016年7月29日 河南省第十二届人民代表大会常务委员会第二十三次会议批准

第一条 为了保护殷墟，制定本条例。

第二十九条 违反本条例规定，刻划、涂污殷墟保护标志的，由殷墟保护管理机构给予警告，可以并处一百元以上二百元以下罚款。
"""

_PLANTS = """# 杭州市野生植物保护条例

2010年6月24日 杭州市第十一届人民代表大会常务委员会第二十六次会议通过

第一条 为了保护野生植物资源，制定本条例。

第三条 本条例所称野生植物，是指原生地天然生长的珍贵植物和原生地天然生长并具有重要经济、科学研究、文化价值的濒危、稀有植物。具体物种按照国家和省重点保护野生植物名录执行。
"""

_RESOLUTION = """# 浙江省人民代表大会常务委员会关于加强生态环境司法保护工作的决议

2021年5月28日 浙江省第十三届人民代表大会常务委员会第二十九次会议通过

为了加强生态环境司法保护，作如下决议：

一、全省各级人民代表大会常务委员会应当加强对生态环境司法保护工作的监督。

二、各级人民法院应当完善环境资源审判机制，依法审理破坏生态环境的案件，推行恢复性司法。

三、各级人民检察院应当加强生态环境领域公益诉讼，依法提起环境民事公益诉讼。
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return library_of(
        tmp_path_factory.mktemp("apart"),
        {
            "business.md": _BUSINESS,
            "lakes.md": _LAKES,
            "fireworks.md": _FIREWORKS,
            "old_town.md": _OLD_TOWN,
            "ruins.md": _RUINS,
            "plants.md": _PLANTS,
            "resolution.md": _RESOLUTION,
        },
    )


def test_a_later_part_takes_the_sentence_that_says_what_it_asks(lib: Any) -> None:
    answer = lib.respond(
        "漯河行政执法人员来检查，至少要几人？执法人员没亮出证件，被检查的企业能怎么做？"
    ).answer
    assert not answer.abstained, answer.text
    assert "不得少于两人" in answer.text, answer.text
    assert "有权拒绝接受检查" in answer.text and "见（1）" not in answer.text, answer.text


def test_a_lake_listed_under_a_group_is_fined_as_the_group(lib: Any) -> None:
    answer = lib.respond("在昭阳湖设排污口，按山东湖泊保护条例罚多少？到期了仍不拆除呢？").answer
    assert not answer.abstained, answer.text
    assert "十万元以上五十万元以下" in answer.text, answer.text
    assert "（2）到期了仍不拆除呢：见（1）" in answer.text, answer.text


def test_a_zone_named_short_is_the_one_written_out(lib: Any) -> None:
    answer = lib.respond("泰安禁燃区里销售烟花爆竹怎么罚？").answer
    assert not answer.abstained, answer.text
    # (the sanction on setting them off may stand second: its duty lists 经营场所 among the zones)
    assert answer.citations[0].quote.find("两万元以上十万元以下") >= 0, answer.text


def test_a_group_listed_with_its_members_names_each_member() -> None:
    from types import SimpleNamespace

    from assistant.answer.scoring import _groups_holding

    doc = SimpleNamespace(text=SimpleNamespace(search=_LAKES))
    groups = _groups_holding(lambda _: doc, "lakes", "昭阳湖")
    assert "南四湖" in groups
    assert _groups_holding(lambda _: doc, "lakes", "东平湖") == []  # named beside the group, not in it


def test_a_zone_named_short_matches_its_written_out_form() -> None:
    from assistant.answer.scoring import _zone

    zone = _zone(("禁燃区", "禁止燃放区"))
    assert zone is not None and zone.search("在禁止燃放烟花爆竹的区域、场所内生产")
    assert _zone(("禁燃",)) is None


def test_each_place_is_read_in_the_regulation_named_after_it(lib: Any) -> None:
    answer = lib.respond("涂污保护标志，枣庄的古城保护条例和安阳的殷墟保护条例分别怎么罚？").answer
    assert not answer.abstained, answer.text
    assert "一千元以上三千元以下" in answer.text and "一百元以上二百元以下" in answer.text, answer.text


def test_a_graver_case_set_in_a_paragraph_of_its_own_is_quoted_from_it(lib: Any) -> None:
    answer = lib.respond(
        "按山东湖泊保护条例，围湖造田怎么罚？责令恢复原状后当事人一直拒不恢复，又怎么处理？"
    ).answer
    assert not answer.abstained, answer.text
    assert "每平方米十元以上三十元以下" in answer.text and "代为恢复" in answer.text, answer.text


def test_a_list_kept_elsewhere_is_not_found_with_the_pointer(lib: Any) -> None:
    answer = lib.respond("杭州的重点保护野生植物具体有哪些种类？").answer
    assert answer.abstained, answer.text
    assert "名录执行" in answer.text, answer.text


def test_a_resolution_described_in_a_few_words_is_the_one_of_its_place(lib: Any) -> None:
    from assistant.query import analyse

    docs = lib.index.documents()
    qa = analyse("浙江省人大常委会关于司法保护的决议，对各级人民法院有什么要求？", docs)
    titles = [d.meta.title for d in docs if d.meta.doc_id in qa.doc_ids]
    assert titles == ["浙江省人民代表大会常务委员会关于加强生态环境司法保护工作的决议"], titles
    answer = lib.respond("浙江省人大常委会关于司法保护的决议，对各级人民法院有什么要求？").answer
    assert "完善环境资源审判机制" in answer.text, answer.text
