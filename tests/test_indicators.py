"""Quantities and the indicator matrix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.indicators import normalise_name
from assistant.quantities import parse_quantities


def test_quantity_with_suffix_comparator() -> None:
    (q,) = parse_quantities("细颗粒物(PM2.5)平均浓度36.8微克/立方米以下")
    assert (q.value, q.unit, q.comparator) == (36.8, "微克/立方米", "以下")


def test_quantity_verbs_years_and_baselines() -> None:
    qs = parse_quantities("2016年,力争全年優良天數比例達到71.4%以上,PM2.5濃度較2015年下降4%。")
    assert [(q.value, q.unit, q.comparator, q.year) for q in qs] == [
        (71.4, "%", "以上", 2016),
        (4.0, "%", "下降", 2016),
    ]
    assert qs[1].baseline_year == 2015 and qs[0].verb == "达到"
    (q,) = parse_quantities("2025年年底前,清洁能源发电装机容量累计达到4万千瓦。")
    assert (q.value, q.unit, q.comparator, q.deadline) == (4.0, "万千瓦", "达到", "2025年年底前")
    (q,) = parse_quantities("到2025年，受污染耕地安全利用率达到百分之九十五以上")
    assert (q.value, q.unit, q.comparator, q.year) == (95.0, "%", "以上", 2025)
    (q,) = parse_quantities("重污染天比例不高于1.2%")
    assert q.comparator == "不高于"
    assert parse_quantities("PM2.5和第三条、济管办〔2024〕26号") == []


def test_names_normalise_across_spellings() -> None:
    assert normalise_name("细颗粒物(PM2.5)平均浓度") == "PM2.5浓度"
    assert normalise_name("空气质量优良天数比率") == normalise_name("優良天數比例") == "优良天数比例"
    assert normalise_name("劣五類水體比例") == "劣V类水体比例"


@pytest.mark.slow
def test_matrix_over_the_corpus(corpus_assistant: Any) -> None:
    items = corpus_assistant.indicators()
    assert len(items) > 50
    anhui = [i for i in items if i.doc_id == "anhui-2024-work-points" and i.name == "PM2.5浓度"]
    assert [(i.value, i.unit, i.comparator, i.year) for i in anhui] == [(36.8, "微克/立方米", "以下", 2024)]
    assert anhui[0].pinpoint == "第一部分"
    assert all("罚款" not in i.quote for i in items)  # penalties are not indicators
    pm = corpus_assistant.indicators(indicator="细颗粒物")
    assert {i.province for i in pm} >= {"安徽省", "河南省", "山西省"}
    soil = corpus_assistant.indicators(indicator="受污染耕地安全利用率", region="河南")
    assert {(i.doc_id, i.value) for i in soil} == {
        ("henan-jiyuan-2024-work-points", 95.0),
        ("henan-zhengzhou-jingkaiqu-2023-2025-action-plan", 95.0),
    }
    clean = corpus_assistant.indicators(indicator="清洁能源装机")
    assert [(i.value, i.unit, i.deadline) for i in clean] == [(4.0, "万千瓦", "2025年年底前")]
    for i in items:  # quotes are the stored text
        assert corpus_assistant.document(i.doc_id).text.display[i.quote_start : i.quote_end] == i.quote


@pytest.mark.slow
def test_exports_and_chart(
    corpus_assistant: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from openpyxl import load_workbook

    from assistant.cli import main
    from assistant.indicators import chart, to_xlsx

    items = corpus_assistant.indicators()
    x = to_xlsx(items, tmp_path / "m.xlsx")
    ws = load_workbook(str(x)).active
    assert ws is not None and ws.cell(1, 1).value == "指标" and ws.max_row == len(items) + 1
    png = chart(items, "PM2.5", tmp_path / "pm.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    monkeypatch.setenv("POLICY_ASSISTANT_DATA_DIR", str(corpus_assistant.settings.data_dir))
    assert main(["indicators", "--indicator", "PM2.5", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("指标,") and "36.8" in out
    assert (
        main(["indicators", "--region", "安徽", "--format", "xlsx", "--out", str(tmp_path / "a.xlsx")]) == 0
    )
    assert (tmp_path / "a.xlsx").exists()
