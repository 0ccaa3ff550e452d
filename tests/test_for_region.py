"""A question over several regions, asked of one of them (assistant.query.for_region)."""

from __future__ import annotations

from assistant.query import for_region
from assistant.schema import QueryAnalysis


def _qa() -> QueryAnalysis:
    return QueryAnalysis(
        question="潍坊和日照对占道经营分别罚多少？",
        search="潍坊和日照对占道经营分别罚多少？",
        regions=["山东省 潍坊市", "山东省 日照市"],
        region_doc_ids={"山东省 潍坊市": ["wf-1", "wf-2"], "山东省 日照市": ["rz-1"]},
        years=[2024],
        doc_ids=["wf-2", "rz-1"],
    )


def test_other_regions_names_are_taken_out() -> None:
    own = for_region(_qa(), "山东省 日照市")
    assert "潍坊" not in own.search and "占道经营" in own.search
    assert own.regions == ["山东省 日照市"] and own.missing_regions == []
    assert own.region_doc_ids == {"山东省 日照市": ["rz-1"]}
    assert own.doc_ids == ["rz-1"]  # the named document of this region only
    assert own.years == [2024]


def test_its_own_name_stays() -> None:
    qa = _qa()
    qa.doc_ids = []
    assert "日照" in for_region(qa, "山东省 日照市").search


def test_the_question_itself_is_unchanged() -> None:
    qa = _qa()
    for_region(qa, "山东省 潍坊市")
    assert qa.regions == ["山东省 潍坊市", "山东省 日照市"] and qa.doc_ids == ["wf-2", "rz-1"]


def test_a_province_beside_its_city_keeps_its_own_name() -> None:
    qa = QueryAnalysis(
        question="济南和山东省对考古勘探的期限",
        search="济南和山东省对考古勘探的期限",
        regions=["山东省 济南市", "山东省"],
        region_doc_ids={"山东省 济南市": ["jn"], "山东省": ["sd"]},
    )
    assert "济南" in for_region(qa, "山东省 济南市").search
    province = for_region(qa, "山东省").search
    assert "济南" not in province and "山东省" in province
