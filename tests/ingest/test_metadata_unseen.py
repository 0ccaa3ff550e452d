"""Metadata of files never seen before: 文号 forms, the place a 文号 names, 公文 layout, orders."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from assistant.ingest.docnumber import normalize_doc_number, region_from_prefix, standalone_number
from assistant.ingest.layout import is_org_name, read_layout
from assistant.ingest.metadata import extract_metadata, parse_date
from assistant.ingest.normalize import normalize
from assistant.regions import NATIONAL, Region
from assistant.schema import DocumentMeta, LoadedText

QIXIAN = Region("河南省", "鹤壁市", "淇县")
XUNXIAN = Region("河南省", "鹤壁市", "浚县")


def _meta(text: str) -> DocumentMeta:
    return extract_metadata("t", normalize(LoadedText(text=text, format="txt", encoding="utf-8")))


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("淇政办〔2025〕7号", "淇政办〔2025〕7号"),
        ("鹤政办[2024]15号", "鹤政办〔2024〕15号"),
        ("鲁政办字［２０２３］５６号", "鲁政办字〔2023〕56号"),
        ("浙环发(2024)19号", "浙环发〔2024〕19号"),
        ("豫环文（2024）88号", "豫环文〔2024〕88号"),
        ("济管办【2025】4号", "济管办〔2025〕4号"),
        ("浚政辦〔2025〕21號", "浚政辦〔2025〕21号"),
    ],
)
def test_doc_number_forms(raw: str, norm: str) -> None:
    assert normalize_doc_number(raw) == norm


def test_only_a_line_that_is_a_doc_number_is_the_documents_own() -> None:
    assert (
        standalone_number(["根据豫政办〔2023〕15号文件要求", "淇政办〔2025〕7号　　签发人：张明"])
        == "淇政办〔2025〕7号"
    )
    assert standalone_number(["根据豫政办〔2023〕15号文件要求"]) is None


@pytest.mark.parametrize(
    ("prefix", "context", "region"),
    [
        ("淇政办", [], QIXIAN),
        ("浚政", [], XUNXIAN),
        ("郑政办", [], Region("河南省", "郑州市")),
        ("豫环文", [], Region("河南省")),
        ("鲁政办字", [], Region("山东省")),
        ("国办发", [], NATIONAL),
        # 鹤 is 鹤壁 (河南) and 鹤岗 (黑龙江): the document's own places decide, or nothing does
        ("鹤政办", [], None),
        ("鹤政办", [Region("河南省")], Region("河南省", "鹤壁市")),
        # 淇环 has no government code: trusted only when the text agrees
        ("淇环", [], None),
        ("淇环", [QIXIAN], QIXIAN),
        # 环办 is an organ's code, not a place
        ("环办", [], None),
    ],
)
def test_region_from_doc_number_prefix(prefix: str, context: list[Region], region: Region | None) -> None:
    assert region_from_prefix(prefix, context) == region


def test_org_names() -> None:
    assert is_org_name("淇县人民政府办公室")
    assert is_org_name("淇县生态环境分局    淇县发展和改革委员会")
    assert not is_org_name("各乡镇人民政府，县政府各部门：")
    assert not is_org_name("一、工作目标")


NOTICE = """淇县人民政府办公室文件
淇政办〔2025〕7号
淇县人民政府办公室
关于印发淇县2025年大气污染防治攻坚方案的通知
各乡镇人民政府，县政府各部门：
《淇县2025年大气污染防治攻坚方案》已经县政府同意，现印发给你们，请认真贯彻落实。
淇县人民政府办公室
二〇二五年三月一日
附件
淇县2025年大气污染防治攻坚方案
一、主要目标
到2025年底，全县PM2.5平均浓度控制在41.3微克/立方米以下。"""


def test_a_notice_received_as_a_file() -> None:
    m = _meta(NOTICE)
    assert m.title == "淇县人民政府办公室关于印发淇县2025年大气污染防治攻坚方案的通知"
    assert (m.doc_number, m.issuer) == ("淇政办〔2025〕7号", "淇县人民政府办公室")
    assert m.written_date == "2025-03-01"  # 落款 in Chinese numerals
    assert m.published_date is None  # the 落款 date is when it was written, not published
    assert (m.province, m.city, m.district, m.level) == ("河南省", "鹤壁市", "淇县", "区县级")
    assert m.doc_type == "方案"


def test_region_from_the_doc_number_when_no_name_says_it() -> None:
    m = _meta(
        "浚政办〔2024〕5号\n关于做好春节期间烟花爆竹禁放工作的通知\n各乡镇人民政府：\n请做好禁放工作，确保空气质量。\n2024年1月30日"
    )
    assert m.issuer is None  # the text never names it: unknown, not guessed from the code
    assert (m.district, m.level, m.written_date) == ("浚县", "区县级", "2024-01-30")


def test_traditional_notice() -> None:
    m = _meta(
        "浚縣人民政府辦公室\n關於做好2025年秸稈禁燒工作的通知\n浚政辦〔2025〕21號\n各鄉鎮人民政府：\n"
        "為切實做好秸稈禁燒工作，確保空氣質量持續改善，現將有關事項通知如下。\n浚縣人民政府辦公室\n二〇二五年五月二十日"
    )
    assert m.title == "浚縣人民政府辦公室關於做好2025年秸稈禁燒工作的通知"  # as written
    assert (m.doc_number, m.district, m.written_date) == ("浚政办〔2025〕21号", "浚县", "2025-05-20")


def test_state_council_regulation_issuer_is_the_body_not_the_meeting() -> None:
    m = _meta(
        "# 生态保护补偿条例\n\n2024年2月23日国务院第26次常务会议通过\n\n2024年4月6日中华人民共和国国务院令第779号公布\n\n"
        "自2024年6月1日起施行\n\n## 第一章 总则\n\n第一条 为了保护和改善生态环境，制定本条例。"
    )
    assert m.issuer == "国务院"
    assert (m.doc_number, m.level) == ("中华人民共和国国务院令第779号", "国家")
    assert (m.adopted_date, m.published_date, m.effective_date) == ("2024-02-23", "2024-04-06", "2024-06-01")


def test_ministry_order() -> None:
    m = _meta(
        "生态环境部令\n第32号\n《排污许可管理办法》已于2024年3月29日由生态环境部2024年第2次部务会议审议通过，"
        "现予公布，自2024年7月1日起施行。\n部长 黄润秋\n2024年4月1日\n排污许可管理办法\n第一章 总则\n"
        "第一条 为了规范排污许可管理，制定本办法。"
    )
    assert (m.title, m.doc_number, m.issuer, m.level, m.doc_type) == (
        "排污许可管理办法",
        "生态环境部令第32号",
        "生态环境部",
        "国家",
        "办法",
    )
    assert (m.adopted_date, m.published_date, m.effective_date, m.written_date) == (
        "2024-03-29",
        "2024-04-01",
        "2024-07-01",
        None,
    )


def test_short_form_of_a_city_congress_in_a_preamble() -> None:
    m = _meta(
        "# 宁波市某条例\n\n2020年12月29日 宁波市十五届人大常委会第三十四次会议通过\n\n## 第一章 总则\n\n第一条 为了规范管理，制定本条例。"
    )
    assert m.issuer == "宁波市人民代表大会常务委员会"


def test_preamble_record_broken_inside_a_decision_title() -> None:
    m = _meta(
        "# 浙江省某办法\n\n1994年1月29日 浙江省第八届人民代表大会常务委员会第八次会议通过\n\n"
        "2016年5月27日 浙江省第十二届人民代表大会常务委员会第二十九次会议《关于修改〈浙江省县\n\n"
        "乡两级人民代表大会代表选举实施细则〉的决定》修正\n\n## 第一章 总则\n\n第一条 为了规范管理，制定本办法。"
    )
    assert (m.adopted_date, m.revised_date) == ("1994-01-29", "2016-05-27")


def test_date_with_a_letter_l_for_one() -> None:
    assert parse_date("本条例自1999年10月l日起施行") == "1999-10-01"


def test_layout_joint_issuers_and_the_lead_one() -> None:
    lines = [
        "中共淇县县委办公室",
        "淇县人民政府办公室",
        "淇办〔2025〕2号",
        "关于加强农村人居环境整治的通知",
        "各乡镇：",
        "正文。",
        "中共淇县县委办公室        淇县人民政府办公室",
        "二〇二五年一月八日",
    ]
    layout = read_layout(lines)
    # the names above the 文号 are the joint issuers' mark, not part of the title
    assert layout.title == "关于加强农村人居环境整治的通知"
    assert (layout.title_issuer, layout.sign_issuer, layout.sign_date_line) == (
        "",
        "中共淇县县委办公室",
        "二〇二五年一月八日",
    )


@pytest.mark.slow
def test_hand_checked_sample_every_field_at_least_95_percent() -> None:
    """eval/metadata_truth.jsonl (105 documents, truth written by reading them)."""
    repo = Path(__file__).resolve().parents[2]
    if not (repo.parent / "shared" / "corpus-new").is_dir():
        pytest.skip("../shared/corpus-new is not here")
    sys.path.insert(0, str(repo / "eval" / "tools"))
    from metadata_score import FIELDS, TRUTH, score

    truth = [json.loads(line) for line in TRUTH.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts, _ = score(truth)
    n = len(truth)
    assert n >= 60
    for f in FIELDS:
        assert counts["all"][f]["correct"] / n >= 0.95, f
        assert counts["all"][f]["wrong"] / n <= 0.05, f
