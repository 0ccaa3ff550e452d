"""A question over several regions, asked of one of them (assistant.query.for_region), and a
place the library holds a document about but none issued for."""

from __future__ import annotations

from assistant.query import analyse, for_region
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


def test_a_regulation_named_loosely_is_each_regions_own() -> None:
    from assistant.index.docstore import StoredDocument
    from assistant.query import analyse
    from assistant.schema import DocumentMeta, NormalizedText

    def doc(doc_id: str, title: str, city: str) -> StoredDocument:
        meta = DocumentMeta(
            doc_id=doc_id, title=title, source_path=f"{doc_id}.md", province="河南省", city=city
        )
        return StoredDocument(meta, NormalizedText(title, title, "simplified"), doc_id, "", [])

    docs = (
        doc("sx", "三门峡市城市环境卫生管理条例", "三门峡市"),
        doc("sx-water", "三门峡市饮用水水源保护条例", "三门峡市"),
        doc("jz", "焦作市城市市容和环境卫生管理条例", "焦作市"),
        doc("ly", "洛阳市城乡规划条例", "洛阳市"),
    )
    qa = analyse("焦作和三门峡的市容环卫条例对乱贴小广告分别怎么罚？", docs)
    # "市容环卫条例" is 焦作's title in order; 三门峡's lacks 市容's 容, and is still its own
    assert qa.region_doc_ids == {"河南省 焦作市": ["jz"], "河南省 三门峡市": ["sx"]}
    qa = analyse("焦作和洛阳的市容环卫条例对乱贴小广告分别怎么罚？", docs)
    assert qa.region_doc_ids["河南省 洛阳市"] == []  # no such regulation: its line says 未涉及


def test_the_words_asking_for_a_comparison_are_taken_out() -> None:
    # asked of one region, "分别" and "有什么不同" ask nothing; "不同" had become a term no unit has
    own = for_region(_qa(), "山东省 日照市")
    assert "分别" not in own.search and "罚多少" in own.search
    qa = _qa()
    qa.search = "潍坊和日照对占道经营的罚款有什么不同？"
    assert "不同" not in for_region(qa, "山东省 潍坊市").search


def test_a_place_no_document_is_issued_for_is_answered_from_the_one_about_it() -> None:
    # a provincial regulation on one of its 新区: the 新区 has no documents of its own
    from tests.test_place_features import _doc

    library = (
        _doc("area", "山东省青岛西海岸新区条例", "山东省"),
        _doc("city", "青岛市城市绿化条例", "山东省", "青岛市"),
    )
    qa = analyse("对青岛西海岸新区管委会的行政行为不服，向谁申请行政复议？", library)
    assert not qa.missing_regions, qa
    assert [i for ids in qa.region_doc_ids.values() for i in ids] == ["area"], qa
