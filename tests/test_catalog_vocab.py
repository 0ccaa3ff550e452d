"""Every entry of ``assistant/data/catalog.yaml`` carries an example, and the example is real: a
question the compiled pattern reads, or a text that occurs in the corpus."""

from __future__ import annotations

import re
from typing import Any

import pytest

from assistant import catalog
from assistant.catalog import raw_catalog, vocabulary
from tests.test_vocab import _text


def _in_corpus(entry: dict[str, str], words: list[str]) -> None:
    assert any(w in entry["text"] for w in words), entry
    assert entry["text"] in _text(entry["doc"]), entry


def test_list_words_read_their_example_and_each_word_asks_for_a_list() -> None:
    raw = raw_catalog()["list_words"]
    example = raw["question_example"]
    assert any(w in example for w in raw["words"])
    assert catalog.is_list_question(example)
    for w in raw["words"]:
        assert vocabulary().list_pattern.search(f"{w}条例？"), w


def test_kind_first_and_cities_read_their_examples() -> None:
    raw = raw_catalog()
    assert vocabulary().kind_first_pattern.search(raw["kind_first_example"])
    assert vocabulary().cities_pattern.search(raw["cities_example"])
    assert catalog.is_list_question(raw["kind_first_example"])
    assert catalog.is_list_question(raw["cities_example"])
    assert vocabulary().exists_pattern.search(raw["exists_example"])
    assert catalog.is_list_question(raw["exists_example"])


def test_versions_read_their_example() -> None:
    assert catalog.is_versions_question(raw_catalog()["versions_example"])


def test_texts_read_their_example() -> None:
    assert catalog.asks_texts(raw_catalog()["texts_example"])
    assert not catalog.asks_texts("这部法修改过几次？")


def test_validity_reads_its_example() -> None:
    assert catalog.asks_validity(raw_catalog()["validity_example"])
    # (what the act's text says of something else being valid is no such question)
    assert not catalog.asks_validity("许可证的有效期是几年？")


def test_a_record_question_of_asking_chars_only_asks_of_the_document() -> None:
    example = raw_catalog()["asking_chars_example"]
    title = re.search(r"《(.+?)》", example)
    assert title is not None
    assert catalog.asked_records(example)
    assert not catalog.asks_of_content(example, title.group(1))


@pytest.mark.parametrize("kind", list(raw_catalog()["kinds"]))
def test_each_kind_has_an_example(kind: str) -> None:
    entry = raw_catalog()["kinds"][kind]
    if entry["endings"]:
        _in_corpus(entry, entry["endings"])
    else:  # a kind without title endings ("文件") is a word of questions only
        assert kind in entry["question_example"]
    # every kind word is read as the kind of a list question
    assert catalog.is_list_question(f"有哪些大气污染防治方面的{kind}？"), kind


@pytest.mark.parametrize("record", list(raw_catalog()["events"]))
def test_each_record_question_asks_for_its_record(record: str) -> None:
    assert catalog.asked_records(raw_catalog()["event_examples"][record]) == [record]


@pytest.mark.parametrize("record", list(raw_catalog()["event_verbs"]))
def test_each_preamble_verb_has_a_corpus_example(record: str) -> None:
    entry = raw_catalog()["event_verbs"][record]
    _in_corpus(entry, entry["verbs"])


def test_filler_reads_its_example() -> None:
    raw = raw_catalog()
    example = raw["filler_example"]
    assert any(w in example for w in raw["filler"])
    topic = vocabulary().filler.sub("", example)
    assert "农药包装回收" in topic and "哪些" not in topic


def test_list_filler_reads_its_example() -> None:
    example = raw_catalog()["list_filler_example"]
    left = vocabulary().list_filler.sub(" ", example)
    assert "节能" in left and "常委会" not in left and "批准的" not in left and "有没有" not in left


def test_every_section_has_an_example() -> None:
    raw = raw_catalog()
    for key in ("list_words", "kinds", "events", "event_verbs"):
        assert raw[key], key
    for key in (
        "kind_first",
        "asking_chars",
        "versions",
        "texts",
        "validity",
        "cities",
        "filler",
        "list_filler",
    ):
        assert raw[f"{key}_example"], key
    assert set(raw["event_examples"]) == set(raw["events"])


def test_former_text_reads_its_example() -> None:
    raw = catalog.raw_catalog()
    assert catalog.asks_former(raw["former_example"])
    assert not catalog.asks_former("《河南省水污染防治条例》是哪年通过的？")


def test_earliest_commencement_reads_its_example() -> None:
    raw = catalog.raw_catalog()
    assert catalog.asks_earliest(raw["earliest_example"])
    assert not catalog.asks_earliest("《河南省水污染防治条例》是哪天施行的？")


def test_the_fate_of_a_former_text_reads_its_example() -> None:
    raw = catalog.raw_catalog()
    assert catalog.asks_former_fate(raw["former_fate_example"])
    assert not catalog.asks_former_fate(raw["former_example"])  # (a record of it is asked)
    assert not catalog.asks_former_fate("这种情况怎么处理？")  # (no former text)


def test_a_long_repeal_sentence_is_read_whole(tmp_path: Any) -> None:
    from tests.conftest import library_of

    records = "、".join(
        f"{y}年6月28日某市第十{n}届人民代表大会常务委员会第{n}次会议通过"
        for y, n in ((2011, "四"), (2014, "五"), (2018, "六"), (2020, "七"), (2021, "八"))
    )
    text = f"# 某市绿化条例\n\n第一条 为了推进绿化，制定本条例。\n\n第五十八条 本条例自2022年3月1日起施行。{records}的《某市城市绿化条例》同时废止。\n"
    a = library_of(tmp_path, {"某市绿化条例.md": text})
    (doc,) = a.documents()
    item = catalog.repeal_of(a.document(doc.meta.doc_id))
    assert (
        item is not None
        and item.fact.startswith("第五十八条：2011年6月28日")
        and item.fact.endswith("同时废止")
    ), item.fact


def test_levels_read_their_example() -> None:
    example = raw_catalog()["level_example"]
    assert catalog._level_asked(example) == "province"
    assert catalog.is_list_question(example)
    assert catalog._level_asked("济南有没有市级的养犬条例？") == "city"


def test_what_an_act_repealed_reads_its_example() -> None:
    assert catalog.asks_repealed(raw_catalog()["repealed_example"])
    assert catalog.asks_repealed("施行后废止了哪部规定？")
    assert not catalog.asks_repealed("这部条例什么时候废止的？")


def test_a_list_asked_of_the_library_after_the_kind_or_as_a_law_made() -> None:
    assert catalog.is_list_question("古树名木保护的法规，文库中一共有几部？")
    assert catalog.is_list_question("哪些城市就露天烧烤立了法？")


@pytest.mark.parametrize("group", raw_catalog()["chapter_names"], ids=lambda g: g["names"][0])
def test_each_chapter_name_group_has_a_heading_in_the_corpus(group: dict[str, Any]) -> None:
    _in_corpus(group, group["names"])
    assert re.search(rf"第[一二三四五六七八九十]+章\s*{group['text']}", _text(group["doc"]))
