"""Metadata parsed from the seeds' header blocks and the regulations' preambles."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from assistant.ingest.loaders import load_file
from assistant.ingest.manifest import ManifestEntry, load_manifest
from assistant.ingest.metadata import (
    doc_type_of,
    extract_metadata,
    header_fields,
    normalize_doc_number,
    parse_date,
)
from assistant.ingest.normalize import normalize
from assistant.schema import DocumentMeta, NormalizedText
from tests.conftest import CORPUS, SEEDS


def _normalized(path: Path) -> NormalizedText:
    return normalize(load_file(path))


@functools.cache
def _manifest() -> dict[str, ManifestEntry]:
    return load_manifest(CORPUS)


def _meta(rel: str, use_manifest: bool = True) -> DocumentMeta:
    manifest = _manifest()
    entry = manifest.get(rel)
    overrides = entry.overrides if entry and use_manifest else None
    return extract_metadata(entry.doc_id if entry else "t", _normalized(CORPUS / rel), rel, overrides)


def test_seed_000_jiyuan() -> None:
    m = _meta("seed/henan-jiyuan-2024-work-points.txt")
    assert m.title == "济源产城融合示范区管理委员会办公室关于印发济源示范区2024年生态环境保护工作要点的通知"
    assert m.issuer == "济源示范区管委会办公室"
    assert m.doc_number == "济管办〔2024〕26号"
    assert (m.written_date, m.published_date) == ("2024-09-24", "2024-09-30")
    assert (m.province, m.city, m.district, m.level) == ("河南省", "济源市", None, "市级")
    assert m.doc_type == "工作要点"
    assert m.doc_id == "henan-jiyuan-2024-work-points"


def test_seed_001_zhengzhou_jingkaiqu() -> None:
    m = _meta("seed/henan-zhengzhou-jingkaiqu-2023-2025-action-plan.txt")
    assert m.title.startswith("经开区推动生态环境质量稳定向好")
    assert m.issuer == "郑州经济技术开发区管委会"
    assert (m.province, m.city, m.district) == ("河南省", "郑州市", "郑州经济技术开发区")
    assert m.level == "区县级"
    assert m.published_date == "2023-11-01"
    assert m.doc_type == "行动计划"
    assert m.doc_number is None  # the body cites 郑政办〔2023〕39号, which is another document's


def test_seed_002_jincheng_traditional() -> None:
    m = _meta("seed/shanxi-jincheng-inspection-rectification-plan.txt")
    assert m.title.startswith("晉城市貫徹落實")  # the page's own heading, not the navigation line
    assert (m.province, m.city, m.level) == ("山西省", "晋城市", "市级")
    assert m.doc_type == "整改方案"
    assert m.script == "traditional"
    assert m.issuer is None and m.doc_number is None


def test_seed_003_anonymised_never_guessed() -> None:
    rel = "seed/zhejiang-anon-city-2024-midyear-report.txt"
    parsed = _meta(rel, use_manifest=False)
    assert parsed.title == "市环保局2024年上半年工作进展情况和下半年工作安排"
    assert parsed.issuer is None
    assert (parsed.province, parsed.city, parsed.district, parsed.level) == (None, None, None, None)
    assert parsed.doc_type == "工作总结"
    # the province comes only from the manifest (SOURCES.md: a Zhejiang city bureau); city stays unknown
    m = _meta(rel)
    assert (m.province, m.city, m.level) == ("浙江省", None, "市级")
    assert m.region == "浙江省"
    assert m.issuer is None


def test_seed_004_anhui() -> None:
    m = _meta("seed/anhui-2024-work-points.txt")
    assert m.title == "2024年安徽省生态环境工作要点"
    assert m.issuer == "安徽生态环境厅"  # as the page states it; not rewritten to 安徽省生态环境厅
    assert (m.province, m.city, m.level) == ("安徽省", None, "省级")
    assert m.published_date == "2024-05-14"
    assert m.doc_type == "工作要点"


def test_header_block_and_body_are_both_read() -> None:
    header = (
        "索 引 号: 005691947/2024-00345 有 效 性: 有效\n"
        "发文机关: 济源示范区管委会办公室 发文字号: 济管办[2024]26号\n"
        "标  题: 关于印发济源示范区2024年生态环境保护工作要点的通知\n"
        "成文日期: 2024-09-24 发布时间: 2024-09-30"
    )
    body = "关于印发济源示范区2024年生态环境保护工作要点的通知\n\n各有关单位:\n"
    m = extract_metadata("d", NormalizedText(display=body, search=body, script="simplified", header=header))
    assert m.doc_number == "济管办〔2024〕26号"
    assert m.issuer == "济源示范区管委会办公室"
    assert (m.written_date, m.published_date) == ("2024-09-24", "2024-09-30")
    assert m.doc_type == "工作要点"


REG = "regulations"


def test_city_regulation() -> None:
    m = _meta(f"{REG}/河南/三门峡市大气污染防治条例(2019-08-27).md")
    assert m.title == "三门峡市大气污染防治条例"
    assert m.issuer == "三门峡市人民代表大会常务委员会"
    assert (m.province, m.city, m.level) == ("河南省", "三门峡市", "市级")
    assert m.adopted_date == "2019-06-25"
    assert m.revised_date is None  # the 批准 of the first version is not a revision
    assert m.effective_date == "2019-11-01"
    assert m.doc_type == "条例"
    assert m.doc_id == "reg-henan-0002"


def test_revised_city_regulation() -> None:
    m = _meta(f"{REG}/河南/郑州市大气污染防治条例(2020-08-05).md")
    assert (m.adopted_date, m.revised_date) == ("2014-06-27", "2020-06-03")
    assert (m.province, m.city) == ("河南省", "郑州市")


def test_national_law() -> None:
    m = _meta(f"{REG}/国家法律/环境保护法(2014-04-24).md")
    assert m.title == "中华人民共和国环境保护法"
    assert m.issuer == "全国人民代表大会常务委员会"
    assert (m.level, m.province, m.region) == ("国家", None, "全国")
    assert (m.adopted_date, m.revised_date) == ("1989-12-26", "2014-04-24")
    assert m.effective_date == "2015-01-01"
    assert m.doc_type == "法律"


def test_provincial_regulation_naming_a_place_stays_provincial() -> None:
    m = _meta(f"{REG}/山东/山东省青岛西海岸新区条例(2017-12-01).md")
    assert m.issuer == "山东省人民代表大会常务委员会"
    assert (m.province, m.city, m.level) == ("山东省", None, "省级")


def test_autonomous_county_regulation() -> None:
    m = _meta(f"{REG}/浙江/景宁畲族自治县水资源管理条例(2021-06-15).md")
    assert m.issuer == "景宁畲族自治县人民代表大会"
    assert (m.province, m.city, m.district, m.level) == ("浙江省", "丽水市", "景宁畲族自治县", "区县级")
    assert (m.adopted_date, m.revised_date) == ("2001-04-12", "2021-05-28")


def test_regulation_with_publication_and_revisions() -> None:
    m = _meta(f"{REG}/山东/青岛市实施《水法》若干规定.md")
    assert m.doc_type == "规定"
    assert m.adopted_date == "1992-11-21"
    assert m.revised_date == "2011-11-25"
    assert m.published_date == "2004-07-30"


def test_wrong_preamble_is_not_trusted() -> None:
    # This file carries the national 清洁生产促进法's preamble: keep what the title says, no more.
    m = _meta(f"{REG}/山东/山东省清洁生产促进条例(2020-11-27).md")
    assert m.issuer is None and m.adopted_date is None
    assert (m.province, m.level) == ("山东省", "省级")


def test_every_regulation_gets_a_region_and_type() -> None:
    for rel in sorted(k for k in _manifest() if k.startswith(REG)):
        m = _meta(rel)
        assert m.doc_type is not None, rel
        if rel.split("/")[1] == "国家法律":
            assert m.level == "国家" and m.province is None, rel
        else:
            assert m.province is not None and m.province.startswith(rel.split("/")[1]), rel
            assert m.adopted_date is not None or m.issuer is None, rel


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-09-24", "2024-09-24"),
        ("- 2024/5/14 11:42:42", "2024-05-14"),
        ("2019年6月25日 三门峡市…通过", "2019-06-25"),
        ("２００２年６月２９日", "2002-06-29"),
        ("二〇二四年九月二十四日", "2024-09-24"),
        ("2024年13月1日", None),
        ("无日期", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("济管办〔2024〕26号", "济管办〔2024〕26号"),
        ("济管办[2024]26号", "济管办〔2024〕26号"),
        ("郑政办（2023）39号", "郑政办〔2023〕39号"),
        ("皖环发【2024】5号", "皖环发〔2024〕5号"),
        ("无", None),
    ],
)
def test_doc_number(raw: str, norm: str | None) -> None:
    assert normalize_doc_number(raw) == norm


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        (
            "郑州市人民政府办公厅关于印发郑州市推动生态环境质量稳定向好三年行动计划(2023—2025年)的通知",
            "行动计划",
        ),
        ("关于印发《某市2024年大气污染防治实施方案》的通知", "实施方案"),
        ("关于做好汛期环境应急工作的通知", "通知"),
        ("市环保局2024年上半年工作进展情况和下半年工作安排", "工作总结"),
        ("中华人民共和国水法", "法律"),
        ("河南省实施《水法》办法", "办法"),
        ("青岛市实施《中华人民共和国水法》若干规定", "规定"),
        ("某某工作情况说明", None),
    ],
)
def test_doc_type(title: str, kind: str | None) -> None:
    assert doc_type_of(title) == kind


def test_header_fields_split_several_keys_per_line() -> None:
    f = header_fields(
        ["来源:郑州经济技术开发区管委会\xa0\xa0时间:2023-11-01 10:30 ", "- 来源:安徽生态环境厅"]
    )
    assert f == {"来源": "郑州经济技术开发区管委会", "时间": "2023-11-01 10:30"}


def test_overrides_win_and_typos_fail() -> None:
    t = NormalizedText(
        display="市环保局工作总结\n正文。", search="市环保局工作总结\n正文。", script="simplified"
    )
    m = extract_metadata("d", t, overrides={"province": "浙江省", "doc_type": "工作总结"})
    assert (m.province, m.doc_type) == ("浙江省", "工作总结")
    with pytest.raises(ValueError, match="provnce"):
        extract_metadata("d", t, overrides={"provnce": "浙江省"})


def test_seed_files_exist() -> None:
    assert len(list(SEEDS.glob("*.txt"))) == 5
