"""Scoring on hand-made answers and passages: every number checked against a hand count."""

from __future__ import annotations

import pytest

from assistant.evaluation.metrics import (
    CaseScore,
    aggregate,
    citation_sentences,
    concise_limit,
    percentile,
    score_case,
    score_cases,
    source_regions,
)
from tests.evaluation.factories import answer, case, chunk, citation, passages

GOLD = "到2025年底，全市PM2.5平均浓度控制在35微克"


# -- retrieval ----------------------------------------------------------------------------------


def test_hit_rank_and_reciprocal_rank() -> None:
    c = case(quotes=[GOLD], must_include=["35微克"])
    retrieved = passages("无关内容一", "无关内容二", f"总体目标：{GOLD}/立方米以下。", GOLD)
    s = score_case(c, answer("35微克"), retrieved)
    assert s.hit_rank == 3
    assert (s.hit_at(1), s.hit_at(5), s.hit_at(10)) == (False, True, True)
    assert s.reciprocal_rank == pytest.approx(1 / 3)


def test_hit_matches_traditional_and_full_width_chunks() -> None:
    c = case(quotes=["加强生态环境保护督察整改"], must_include=["整改"])
    s = score_case(c, answer("整改"), passages("加強生態環境保護督察整改，", "其他"))
    assert s.hit_rank == 1
    c2 = case(quotes=["PM2.5浓度下降5%"], must_include=["5%"])
    assert score_case(c2, answer("5%"), passages("ＰＭ２.５浓度下降５％")).hit_rank == 1


def test_no_hit_and_no_gold() -> None:
    c = case(quotes=[GOLD], must_include=["35微克"])
    s = score_case(c, answer("x"), passages("到2025年底", "全市PM2.5平均浓度"))  # split quote: no hit
    assert s.hit_rank is None and s.reciprocal_rank == 0.0 and s.has_gold
    u = score_case(case(type="unanswerable"), answer("未找到", abstained=True), passages(GOLD))
    assert not u.has_gold and u.hit_rank is None


# -- accuracy -----------------------------------------------------------------------------------


def test_traditional_answer_matches_simplified_must_include() -> None:
    c = case(type="traditional", must_include=["环境保护督察", "整改方案"], quotes=[GOLD])
    s = score_case(c, answer("晉城市制定了環境保護督察反饋意見整改方案[1]。"), [])
    assert s.correct and s.missing == []


def test_percent_and_numeral_forms() -> None:
    c = case(must_include=["35%", "2025年"], quotes=[GOLD])
    assert score_case(c, answer("到二〇二五年达到百分之三十五。"), []).correct
    c2 = case(must_include=["百分之三十五"], quotes=[GOLD])
    assert score_case(c2, answer("比例为35％。"), []).correct


def test_missing_string_and_abstention_make_it_wrong() -> None:
    c = case(must_include=["35微克", "2025年"], quotes=[GOLD])
    s = score_case(c, answer("控制在35微克。"), [])
    assert not s.correct and s.missing == ["2025年"]
    s2 = score_case(c, answer("文件中未找到2025年35微克", abstained=True), [])
    assert not s2.correct and s2.missing == []


def test_unanswerable_is_correct_only_when_refused() -> None:
    u = case(type="unanswerable", answer="文件中未找到北京市的规定。")
    assert score_case(u, answer("文件中未找到。", abstained=True), []).correct
    assert not score_case(u, answer("北京市要求……"), []).correct


def test_concise_limit() -> None:
    assert concise_limit("短") == 400
    assert concise_limit("字" * 100) == 600
    c = case(answer="短答案", must_include=["关键"], quotes=[GOLD])
    assert score_case(c, answer("关键" + "字" * 398), []).concise  # exactly 400 chars
    long = score_case(c, answer("关键" + "字" * 399), [])
    assert long.correct and not long.concise and long.answer_len == 401
    c600 = case(answer="字" * 100, must_include=["关键"], quotes=[GOLD])
    assert score_case(c600, answer("关键" + "字" * 500), []).concise
    wrong = score_case(c, answer("短"), [])
    assert not wrong.correct and not wrong.concise


# -- citations ----------------------------------------------------------------------------------


def test_citation_sentences() -> None:
    text = "目标是35微克[1]。措施包括加强监管。[2]\n[3] 行首引文。另见[1,4]"
    s = citation_sentences(text)
    assert s[1] == ["目标是35微克", "另见"]
    assert s[2] == ["措施包括加强监管"]
    assert s[3] == [" 行首引文".strip()]
    assert s[4] == ["另见"]


def test_citation_precision_and_recall() -> None:
    gold2 = "建立健全环境保护督察整改长效机制"
    c = case(must_include=["35微克"], quotes=[GOLD, gold2])
    shown = passages(f"总体目标：{GOLD}/立方米。")  # chunk id c1
    text = "到2025年底浓度控制在35微克[1]。空气质量优良天数比例稳步提升[2]。另有说明[3]。还有[4]。"
    cites = [
        citation(1, "平均浓度", chunk_id="c1"),  # short quote, its chunk holds the gold quote
        citation(2, "空气质量优良天数比例稳步提升到80%"),  # supports its sentence (bigrams)
        citation(3, "浓度控制在35微克/立方米"),  # holds a must_include string
        citation(4, "完全无关的一句话"),  # unsupported
    ]
    s = score_case(c, answer(text, cites, shown), [])
    assert (s.n_citations, s.n_supported) == (4, 3)
    assert s.citation_precision == pytest.approx(0.75)
    assert s.citation_recall == pytest.approx(0.5)  # gold2 never cited


def test_bigram_support_threshold() -> None:
    c = case(must_include=["无关"], quotes=["不会出现的金标准引文"])
    text = "甲乙丙丁戊己庚辛壬癸[1]。"  # 9 bigrams
    six = citation(1, "甲乙丙丁戊己庚")  # 6 of 9 bigrams: 67 %
    five = citation(1, "甲乙丙丁戊己")  # 5 of 9: 56 %
    assert score_case(c, answer(text, [six]), []).citation_precision == 1.0
    assert score_case(c, answer(text, [five]), []).citation_precision == 0.0


def test_citation_scores_absent_without_citations_or_gold() -> None:
    c = case(must_include=["x"], quotes=[GOLD])
    s = score_case(c, answer("x"), [])
    assert s.citation_precision is None and s.citation_recall == 0.0
    u = score_case(case(type="unanswerable"), answer("未找到", abstained=True), [])
    assert u.citation_precision is None and u.citation_recall is None


def test_comparison_recall_per_region() -> None:
    qa, qb = "安徽省推进排污许可制度改革", "济源市开展大气污染防治攻坚"
    c = case(type="comparison", must_include=["排污许可"], quotes=[qa, qb], regions=["安徽省", "济源市"])
    s = score_case(c, answer("安徽：排污许可[1]。", [citation(1, qa)]), [])
    assert s.region_recall == {"安徽省": 1.0, "济源市": 0.0}
    assert s.citation_recall == 0.5


def test_source_regions_fallbacks() -> None:
    by_name = case(
        type="comparison",
        quotes=["甲文引文一二三四", "甲文引文五六七八", "乙文引文一二三四"],
        docs=["regulations/河南/x.md", "regulations/河南/x.md", "regulations/山东/y.md"],
        regions=["河南省", "山东省"],
    )
    assert source_regions(by_name) == ["河南省", "河南省", "山东省"]
    by_doc = case(
        type="comparison",
        quotes=["甲文引文一二三四", "甲文引文五六七八", "乙文引文一二三四"],
        docs=["seed/anhui.txt", "seed/anhui.txt", "seed/jiyuan.txt"],
        regions=["安徽省", "济源市"],
    )
    assert source_regions(by_doc) == ["安徽省", "安徽省", "济源市"]


# -- aggregation --------------------------------------------------------------------------------


def _score(cid: str, type: str, **kw: object) -> CaseScore:
    base: dict[str, object] = {
        "id": cid,
        "type": type,
        "answerable": type != "unanswerable",
        "abstained": False,
        "has_gold": type != "unanswerable",
        "hit_rank": None,
        "correct": False,
        "concise": False,
        "missing": [],
        "n_citations": 0,
        "n_supported": 0,
        "citation_precision": None,
        "citation_recall": None,
        "answer_len": 100,
        "latency_ms": 100.0,
    }
    base.update(kw)
    return CaseScore(**base)  # type: ignore[arg-type]


def test_aggregate_by_hand() -> None:
    cases = [
        _score(
            "q1",
            "factoid",
            hit_rank=1,
            correct=True,
            concise=True,
            n_citations=2,
            n_supported=2,
            citation_recall=1.0,
            answer_len=50,
            latency_ms=100.0,
        ),
        _score(
            "q2",
            "factoid",
            hit_rank=4,
            correct=True,
            concise=False,
            n_citations=2,
            n_supported=1,
            citation_recall=0.5,
            answer_len=500,
            latency_ms=200.0,
        ),
        _score(
            "q3", "list", hit_rank=None, abstained=True, citation_recall=0.0, answer_len=10, latency_ms=300.0
        ),
        _score("q4", "unanswerable", abstained=True, correct=True, answer_len=10, latency_ms=400.0),
        _score("q5", "unanswerable", abstained=False, answer_len=80, latency_ms=1000.0),
    ]
    a = aggregate(cases)
    assert (a.n, a.n_answerable, a.n_unanswerable) == (5, 3, 2)
    assert a.hit1 == pytest.approx(1 / 3) and a.hit5 == pytest.approx(2 / 3) and a.hit10 == a.hit5
    assert a.mrr == pytest.approx((1 + 0.25 + 0) / 3)
    assert a.accuracy == pytest.approx(2 / 3) and a.concise_accuracy == pytest.approx(1 / 3)
    assert a.correct_rate == pytest.approx(3 / 5)
    assert a.citation_precision == pytest.approx(3 / 4)  # micro: 3 supported of 4
    assert a.citation_recall == pytest.approx(0.5)
    assert a.rejection_rate == pytest.approx(0.5) and a.false_rejection_rate == pytest.approx(1 / 3)
    assert a.median_length == 50
    assert a.latency_p50_ms == 300.0 and a.latency_p95_ms == pytest.approx(880.0)
    assert a.region_recall is None

    s = score_cases(cases)
    assert list(s.per_type) == ["factoid", "list", "unanswerable"]
    assert s.per_type["factoid"].accuracy == 1.0 and s.per_type["unanswerable"].accuracy is None
    assert s.per_type["unanswerable"].correct_rate == 0.5
    assert s.to_dict()["cases"][0]["id"] == "q1"


def test_percentile_and_empty() -> None:
    assert percentile([], 50) is None
    assert percentile([5.0], 95) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    empty = aggregate([])
    assert empty.n == 0 and empty.accuracy is None and empty.median_length is None


def test_chunk_factory_sanity() -> None:
    assert chunk("abc").text == "abc"
