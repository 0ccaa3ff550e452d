"""Legal status from the library's own texts, on the real pairs of the corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from assistant.status import CURRENT, NOT_YET, REPEALED, REVISED, library_status
from tests.conftest import REPO


@pytest.mark.slow
def test_status_of_the_real_pairs(corpus_assistant: Any) -> None:
    docs = corpus_assistant.documents()
    st = corpus_assistant.statuses()
    by_title: dict[str, list[Any]] = {}
    for d in docs:
        by_title.setdefault(d.meta.title, []).append(d)

    def status_of(title: str, year: str) -> Any:
        d = next(x for x in by_title[title] if year in (x.meta.revised_date or x.meta.adopted_date or ""))
        return d, st[d.meta.doc_id]

    old, s = status_of("中华人民共和国海洋环境保护法", "2017")
    new, s_new = status_of("中华人民共和国海洋环境保护法", "2023")
    assert s.label == REVISED and s.superseded_by == [new.meta.doc_id]
    assert s_new.label == CURRENT and s_new.supersedes == [old.meta.doc_id]
    _, s = status_of("中华人民共和国野生动物保护法", "2018")
    assert s.label == REVISED
    noise_old = by_title["中华人民共和国环境噪声污染防治法"][0]
    noise_new = by_title["中华人民共和国噪声污染防治法"][0]
    assert st[noise_old.meta.doc_id].label == REPEALED
    assert st[noise_old.meta.doc_id].repealed_by == [noise_new.meta.doc_id]
    assert st[noise_new.meta.doc_id].label == CURRENT


@pytest.mark.slow
def test_not_yet_in_force_and_recomputed_per_library(corpus_assistant: Any) -> None:
    docs = corpus_assistant.documents()
    noise_new = next(d for d in docs if d.meta.title == "中华人民共和国噪声污染防治法")
    before_it_took_effect = library_status([noise_new], today=dt.date(2022, 1, 1))
    assert before_it_took_effect[noise_new.meta.doc_id].label == NOT_YET
    # without the repealing act in the library, the old law has no known repeal
    noise_old = next(d for d in docs if d.meta.title == "中华人民共和国环境噪声污染防治法")
    alone = library_status([noise_old])
    assert alone[noise_old.meta.doc_id].label == CURRENT


@pytest.mark.slow
def test_manifest_overrides_what_the_texts_do_not_say(corpus_assistant: Any) -> None:
    import dataclasses

    docs = {d.meta.title: d for d in corpus_assistant.documents()}
    water = docs["中华人民共和国水法"]
    soil = docs["中华人民共和国土壤污染防治法"]
    forest = docs["中华人民共和国森林法"]
    # as the manifest would state them: a repeal by an act, and a status set outright
    water = dataclasses.replace(water, meta=dataclasses.replace(water.meta, repealed_by=soil.meta.doc_id))
    forest = dataclasses.replace(forest, meta=dataclasses.replace(forest.meta, legal_status=NOT_YET))
    st = library_status([water, soil, forest])
    assert st[water.meta.doc_id].label == REPEALED and st[water.meta.doc_id].repealed_by == [soil.meta.doc_id]
    assert st[forest.meta.doc_id].label == NOT_YET
    assert st[soil.meta.doc_id].label == CURRENT


def test_statuses_follow_every_write(small_library: Any, tmp_path: Path) -> None:
    before = small_library.statuses()
    assert small_library.statuses() is before  # unchanged library: not recomputed
    law = tmp_path / "law.md"
    law.write_text(
        (REPO / "corpus/regulations/国家法律/水法(2016-07-02).md").read_text(encoding="utf-8"), "utf-8"
    )
    report = small_library.ingest([law])
    (doc_id,) = [d.meta.doc_id for d in small_library.documents() if d.meta.title == "中华人民共和国水法"]
    assert small_library.statuses()[doc_id].label == CURRENT
    small_library.remove([doc_id])
    assert doc_id not in small_library.statuses(), report
