"""Page chrome goes, header fields are returned separately, document text stays intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.cleanup import is_boilerplate, is_header_line, remove_boilerplate, split_header_and_body
from assistant.ingest.normalize import clean_unicode

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "corpus" / "seed"


def _seed(name: str) -> str:
    """A seed as cleanup receives it in the pipeline: odd spaces already made plain."""
    return clean_unicode((SEED / name).read_text(encoding="utf-8"))


def test_jiyuan_breadcrumb_and_header_fields() -> None:
    header, body = split_header_and_body(_seed("henan-jiyuan-2024-work-points.txt"))
    assert header.split("\n") == [
        "索 引 号: 005691947/2024-00345 有 效 性: 有效",
        "发文机关: 济源示范区管委会办公室 发文字号: 济管办〔2024〕26号",
        "标  题: 济源产城融合示范区管理委员会办公室关于印发济源示范区2024年生态环境保护工作要点的通知",
        "成文日期: 2024-09-24 发布时间: 2024-09-30",
    ]
    assert "当前位置" not in body
    assert "扫一扫" not in body
    assert "在手机上打开当前页面" not in body
    # the header fields stay in the text where the page states them, quotable as its record
    lines = [ln for ln in body.split("\n") if ln.strip()]
    assert lines[:4] == header.split("\n")
    assert lines[4] == "济源产城融合示范区管理委员会办公室关于印发济源示范区2024年生态环境保护工作要点的通知"
    assert all(is_header_line(ln) for ln in lines[:4]) and not is_header_line(lines[4])
    assert body.rstrip().endswith("2024年9月24日")


def test_anhui_counter_source_and_footer() -> None:
    header, body = split_header_and_body(_seed("anhui-2024-work-points.txt"))
    assert header.split("\n") == ["2024/5/14 11:42:42", "来源:安徽生态环境厅", "关键词:净土保卫战土壤修复"]
    lines = body.split("\n")
    assert lines[0] == "2024年安徽省生态环境工作要点"
    # (the page's date and fields, as written; its view counter is chrome)
    assert lines[1:4] == ["- 2024/5/14 11:42:42", "- 来源:安徽生态环境厅", "- 关键词:净土保卫战土壤修复"]
    assert lines[4] == "一、总体要求"
    assert "- 14362" not in lines
    assert not any(ln.startswith("- ") for ln in lines[4:])
    assert "版权与免责声明" not in body
    assert "热门评论" not in body and "展开全部" not in body
    assert lines[-1].endswith("共同构建廉政防火墙。")


def test_zhengzhou_source_line_and_print_buttons() -> None:
    header, body = split_header_and_body(_seed("henan-zhengzhou-jingkaiqu-2023-2025-action-plan.txt"))
    assert header == "来源:郑州经济技术开发区管委会  时间:2023-11-01 10:30"
    assert "打印此文" not in body and "关闭窗口" not in body
    assert body.lstrip().startswith("经开区推动生态环境质量稳定向好 三年行动计划(2023—2025年)")
    assert "来源:郑州经济技术开发区管委会  时间:2023-11-01 10:30" in body


def test_jincheng_title_teaser_and_foreign_link_are_dropped() -> None:
    _, body = split_header_and_body(_seed("shanxi-jincheng-inspection-rectification-plan.txt"))
    lines = body.split("\n")
    assert lines[0].startswith("晉城市貫徹落實省委省政府環")
    assert lines[0].endswith("督察反饋意見整改方案")
    assert lines[1].startswith("為了認真貫徹落實")
    assert not any("國務院關于印發" in ln for ln in lines[:3])


def test_regulation_info_marker_goes_preamble_stays() -> None:
    path = next((REPO / "corpus" / "regulations" / "浙江").glob("浙江省固体废物污染环境防治条例*.md"))
    text = path.read_text(encoding="utf-8")
    header, body = split_header_and_body(text)
    assert header == ""
    assert "<!-- INFO END -->" not in body
    assert "2006年3月29日 浙江省第十届人民代表大会常务委员会第二十四次会议通过" in body
    assert "## 第一章  总则" in body
    assert body.count("\n") == text.count("\n") - 1


@pytest.mark.parametrize(
    "line",
    [
        "当前位置: 首页>政务公开>政府文件库",
        "扫一扫在手机打开当前页",
        "【打印】【关闭】",
        "打印此文 关闭窗口",
        "版权所有：晋城市人民政府",
        "主办单位：某某市人民政府办公室",
        "网站标识码：1405000001 晋ICP备05000001号",
        "技术支持: 某某网络公司",
        "浏览次数：1234",
        "阅读量: 56",
        "字体：【大 中 小】",
        "分享到：微信 微博",
        "當前位置: 首頁>政務公開",  # Traditional
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "加强对重点企业的技术支持和服务，提升治理水平。",
        "一、总体要求",
        "（二）压实工作责任",
        "第三条 固体废物污染环境的防治，实行减少固体废物的产生量和危害性。",
    ],
)
def test_body_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_header_fields_only_near_the_top() -> None:
    body_lines = [f"第{i}段正文内容。" for i in range(20)]
    text = "\n".join(["标题行", *body_lines, "来源:这是正文里的一句话"])
    header, body = split_header_and_body(text)
    assert header == ""
    assert body.endswith("来源:这是正文里的一句话")


def test_exact_duplicate_title_is_collapsed() -> None:
    assert remove_boilerplate("通知标题\n通知标题\n正文第一段。") == "通知标题\n正文第一段。"
