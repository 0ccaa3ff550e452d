from __future__ import annotations

from assistant.answer.verify import extract_figures, numbers_supported, verify_citations
from assistant.schema import Answer, Citation
from tests.answer.builders import Store, jiyuan


def test_numbers_supported_normalises() -> None:
    quote = "土壤环境质量总体保持稳定,受污染耕地安全利用率达到95%以上"
    assert numbers_supported("受污染耕地安全利用率达到百分之九十五以上[1]。", [quote])
    assert numbers_supported("受污染耕地安全利用率达到９５％以上。", [quote])
    assert numbers_supported("处五千元以下罚款", ["處5000元以下罰款"])
    assert numbers_supported("完成12000吨", ["完成1.2万吨"])
    assert numbers_supported("PM2.5浓度较2015年下降4%", ["PM2.5濃度較2015年下降4%。"])
    assert numbers_supported(
        "根据第四十八条，应当整改。", ["违反规定的，责令改正。"]
    )  # an ordinal is no figure


def test_numbers_not_supported() -> None:
    quote = "受污染耕地安全利用率达到95%以上"
    assert not numbers_supported("受污染耕地安全利用率达到96%以上。", [quote])
    assert not numbers_supported("到2030年达到95%以上。", [quote])
    assert not numbers_supported("达到百分之九十六", [quote])
    assert not numbers_supported("处五百元罚款", ["处5000元罚款"])
    assert not numbers_supported("比例为95%", ["共95个"])  # a count is not a percentage


def test_extract_figures_skips_names_and_doc_numbers() -> None:
    figs = extract_figures("细颗粒物(PM2.5)平均浓度36.8微克/立方米,济管办〔2024〕26号")
    assert [str(f.value) for f in figs] == ["36.8"]


def test_verify_citations() -> None:
    d = jiyuan()
    store = Store(d)
    start, end = d.span("受污染耕地安全利用率达到95%以上", None)
    end = start + len("受污染耕地安全利用率达到95%以上")
    good = Citation(1, d.doc_id, "t", None, ["二、总体目标"], "二", d.display[start:end], start, end, "c")
    ans = Answer("q", "利用率达到95%以上[1]。", [good], [])
    assert verify_citations(ans, store) == []

    shifted = Citation(1, d.doc_id, "t", None, [], "", d.display[start:end], start + 1, end + 1, "c")
    assert verify_citations(Answer("q", "x[1]。", [shifted], []), store)
    assert any("[2]" in p for p in verify_citations(Answer("q", "x[1]，y[2]。", [good], []), store))
    missing = Citation(1, "no-such-doc", "t", None, [], "", "x", 0, 1, "c")
    assert verify_citations(Answer("q", "x[1]。", [missing], []), store)
