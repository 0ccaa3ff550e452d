"""A named place that is not a region (a reservoir, a river) read against the library's titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.index.docstore import StoredDocument
from assistant.query import analyse, docs_of_feature, names_feature_elsewhere
from assistant.schema import DocumentMeta, NormalizedText
from tests.conftest import library_of


def _doc(doc_id: str, title: str, province: str | None = None, city: str | None = None) -> StoredDocument:
    meta = DocumentMeta(doc_id=doc_id, title=title, source_path=f"{doc_id}.md", province=province, city=city)
    return StoredDocument(meta, NormalizedText(title, title, "simplified"), doc_id, "", [])


LIBRARY = (
    _doc("law", "中华人民共和国水污染防治法"),
    _doc("res", "甲市青石岭水库饮用水水源保护条例", "河南省", "甲市"),
    _doc("res-plan", "甲市青石岭水库库区管理办法", "河南省", "甲市"),
    _doc("river-a", "乙市白沙河保护条例", "山东省", "乙市"),
    _doc("river-b", "丙市白沙河管理办法", "浙江省", "丙市"),
    _doc("lake", "丁市南湖保护条例", "浙江省", "丁市"),
    _doc("national", "中华人民共和国黑石江保护法"),
)


def test_a_reservoir_titled_by_one_citys_documents_names_them() -> None:
    assert docs_of_feature("在青石岭水库二级保护区网箱养鱼罚多少？", LIBRARY) == ["res", "res-plan"]
    qa = analyse("在青石岭水库二级保护区网箱养鱼罚多少？", LIBRARY)
    assert qa.doc_ids == ["res", "res-plan"]


def test_a_place_of_several_regions_or_only_national_titles_names_nothing() -> None:
    assert docs_of_feature("白沙河沿岸禁止哪些行为？", LIBRARY) == []
    assert docs_of_feature("黑石江流域禁止哪些行为？", LIBRARY) == []


def test_two_character_names_and_plain_words_are_not_places() -> None:
    assert docs_of_feature("南湖周边禁止哪些行为？", LIBRARY) == []
    assert docs_of_feature("水库管理有哪些规定？", LIBRARY) == []


def test_a_question_naming_a_region_keeps_its_region() -> None:
    qa = analyse("山东省青石岭水库有什么规定？", LIBRARY)
    assert qa.doc_ids == [] and qa.regions == ["山东省"]


def test_a_province_asked_as_a_province_keeps_its_own_documents() -> None:
    docs = (
        _doc("prov", "河南省企业职工民主权利保障条例", "河南省"),
        _doc("city", "郑州市非公有制企业权益保障条例", "河南省", "郑州市"),
    )
    for asked in ("河南的非公有制企业要公开哪些事项？", "河南省的非公有制企业要公开哪些事项？"):
        assert analyse(asked, docs).region_doc_ids == {"河南省": ["prov"]}, asked
    # named without "的", the province stands for all its documents
    assert analyse("河南非公有制企业要公开哪些事项？", docs).region_doc_ids == {"河南省": ["prov", "city"]}


def test_a_whole_province_ranks_its_own_regulation_above_a_citys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.retrieve as retrieve

    a = library_of(
        tmp_path,
        {
            "河南省企业民主管理条例.md": "河南省企业民主管理条例\n第十条 企业应当向职工公开下列事项：规章制度、社会保险费缴纳情况。\n",
            "郑州市企业权益保障条例.md": "郑州市企业权益保障条例\n"
            + "".join(f"第{n}条 企业公开事项，企业应当公开事项。\n" for n in "一二三"),
        },
    )
    qa, _ = a.analyse("河南企业应当公开哪些事项？")
    assert len(qa.region_doc_ids["河南省"]) == 2

    def first() -> str:
        return a.retriever.retrieve(qa, k=3)[0].chunk.meta.title

    assert first() == "河南省企业民主管理条例"
    monkeypatch.setattr(retrieve, "PROVINCIAL_WEIGHT", 0.0)
    monkeypatch.setattr(retrieve, "LIST_WEIGHT", 0.0)  # (the provincial lead-in would win too)
    monkeypatch.setattr(retrieve, "PLACE_ELSEWHERE_DISCOUNT", 1.0)  # (a city's ranks below too)
    assert first() == "郑州市企业权益保障条例"  # keyword counts alone put the city's first


def test_a_regulation_titled_by_a_place_holds_there_only() -> None:
    res = _doc("res", "河南省青石岭水库饮用水水源保护条例", "河南省").meta
    assert names_feature_elsewhere(res, "河南省饮用水水源二级保护区禁止哪些行为？")
    assert not names_feature_elsewhere(res, "青石岭水库二级保护区禁止哪些行为？")
    # region names and plain heads ("河道", "湖泊") name no place
    for title, province, city in (
        ("河南省水污染防治条例", "河南省", None),
        ("浙江省水资源条例", "浙江省", None),
        ("甲市河道管理条例", "浙江省", "甲市"),
        ("山东省湖泊保护条例", "山东省", None),
        ("湖州市大气污染防治规定", "浙江省", "湖州市"),
        ("甲市无居民海岛管理条例", "山东省", "甲市"),  # a kind of island, not one
    ):
        assert not names_feature_elsewhere(_doc("x", title, province, city).meta, "禁止哪些行为？"), title


def test_a_question_not_naming_the_place_ranks_the_general_regulation_first(tmp_path: Path) -> None:
    a = library_of(
        tmp_path,
        {
            "河南省水污染防治条例.md": "河南省水污染防治条例\n第五条 饮用水水源二级保护区内禁止设置排污口。\n",
            "河南省青石岭水库饮用水水源保护条例.md": "河南省青石岭水库饮用水水源保护条例\n"
            + "".join(f"第{n}条 青石岭水库饮用水水源二级保护区内禁止网箱养殖。\n" for n in "一二三"),
        },
    )
    qa, _ = a.analyse("河南省饮用水水源二级保护区内禁止什么？")
    assert a.retriever.retrieve(qa, k=3)[0].chunk.meta.title == "河南省水污染防治条例"
    qa, _ = a.analyse("青石岭水库饮用水水源二级保护区内禁止什么？")
    assert a.retriever.retrieve(qa, k=3)[0].chunk.meta.title == "河南省青石岭水库饮用水水源保护条例"
