"""norm(): the one matching form used on both sides of every comparison."""

from __future__ import annotations

import pytest

from assistant.evaluation.normalize import bigrams, norm, t2s


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Traditional → Simplified
        ("環境保護督察", "环境保护督察"),
        ("第十二條　規定：", "第12条规定"),
        # width folding, case, whitespace, punctuation
        ("１２％", "12%"),
        ("ＡＢＣ abc", "abcabc"),
        ("达到 95 % 以上。", "达到95%以上"),
        ("“两个确保”、（一）", "2个确保一"),
        ("济管办〔2024〕26号", "济管办202426号"),
        ("3.5亿元。", "3.5亿元"),
        ("完成。5", "完成5"),
        # 百分之X
        ("百分之三十五", "35%"),
        ("百分之3.5", "3.5%"),
        ("百分之十点五以上", "10.5%以上"),
        ("百分之百", "百分之百"),
        # Chinese numerals, where safe
        ("三十五", "35"),
        ("二〇二四年", "2024年"),
        ("二零二四年", "2024年"),
        ("三千五百万元", "3500万元"),
        ("一千零一", "1001"),
        ("一点五倍", "1.5倍"),
        ("第一百零一条", "第101条"),
        ("三年行动", "3年行动"),
        ("第三章", "第3章"),
        # … and where it is not
        ("一是加强", "一是加强"),
        ("统一部署", "统一部署"),
        ("十四五规划", "十四五规划"),
        ("千方百计", "千方百计"),
        ("万众一心", "万众一心"),
        ("一一对应", "一一对应"),
        ("十分重要", "十分重要"),
        ("一点儿", "一点儿"),
        # pinyin glosses glued into the Traditional seed
        ("發(fā)展", "发展"),
        ("(a)项", "a项"),
        ("", ""),
    ],
)
def test_norm(raw: str, expected: str) -> None:
    assert norm(raw) == expected


def test_traditional_and_simplified_forms_meet() -> None:
    assert norm("堅持問題導向和目標導向相結合") == norm("坚持问题导向和目标导向相结合")
    assert norm("百分之九十五") == norm("95％") == norm("95%")
    assert norm("二〇二五年底前") == norm("2025年底前")


def test_arabic_text_is_left_alone() -> None:
    assert norm("2024年完成120个项目") == "2024年完成120个项目"


def test_t2s_and_bigrams() -> None:
    assert t2s("國務院") == "国务院"
    assert bigrams("加強監管，") == {"加强", "强监", "监管"}
    assert bigrams("a，b") == set()
