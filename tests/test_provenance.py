"""Provenance questions: which phrase is asked about, and how both sides are folded."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.provenance import fold, is_provenance_question, phrase_of
from assistant.sentences import sentence_around
from tests.conftest import assert_citations_resolve


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("‘名录之外无审批’这个说法的出处？", "名录之外无审批"),
        ("名录之外无审批这句话出自哪里？", "名录之外无审批"),
        ("“严禁露天焚烧秸秆”的原文出处是哪里？", "严禁露天焚烧秸秆"),
        ("请问：强化九项重点工作——这个规定出自哪个文件？", "强化九项重点工作"),
        ("“严禁露天焚烧秸秆”这句话是哪部法规第几条规定的？", "严禁露天焚烧秸秆"),
        ("“严禁露天焚烧秸秆”，这话是哪个法规里的？", "严禁露天焚烧秸秆"),
    ],
)
def test_phrase_of(question: str, phrase: str) -> None:
    assert is_provenance_question(question)
    assert phrase_of(question) == phrase


@pytest.mark.parametrize("question", ["济源今年PM2.5目标是多少？", "“三个不到”具体是哪三个？"])
def test_not_provenance(question: str) -> None:
    assert not is_provenance_question(question)


def test_fold_ignores_script_width_punctuation_and_space() -> None:
    assert (
        fold("環境保護，「一廠一策」 ＰＭ２．５") == fold("环境保护一厂一策PM2.5") == "环境保护一厂一策pm25"
    )


def test_sentence_around_stops_at_sentence_ends() -> None:
    text = "第一句。第二句里有短语，还有别的；第三句。"
    a, b = sentence_around(text, text.index("短语"), text.index("短语") + 2)
    assert text[a:b] == "第二句里有短语，还有别的；"


@pytest.mark.slow
def test_provenance_answer_names_document_and_section(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("“看不到突出问题、闻不到明显异味”这段话是哪个文件里的？出处在哪？")
    assert r.kind == "provenance" and not r.abstained
    assert "济源" in r.text and "三、（四）7." in r.text
    assert "参考文献" in r.text
    assert_citations_resolve(corpus_assistant, r.answer)


@pytest.mark.slow
def test_provenance_matches_across_punctuation_and_script(corpus_assistant: Any) -> None:
    exact = corpus_assistant.respond("“看不到突出问题、闻不到明显异味”出自哪里？")
    folded = corpus_assistant.respond("「看不到突出問題 闻不到明显异味」出自哪里？")
    assert [c.quote for c in folded.citations] == [c.quote for c in exact.citations]


@pytest.mark.slow
def test_provenance_absent_phrase_says_so(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("“全面推行河长制湖长制林长制田长制”这句话出自哪里？")
    assert r.kind == "provenance" and r.abstained
    assert "未找到" in r.text


@pytest.mark.slow
def test_a_phrase_quoted_with_an_ellipsis_is_found_by_its_pieces(corpus_assistant: Any) -> None:
    r = corpus_assistant.respond("“看不到突出问题……明显异味”出自哪里？")
    assert r.kind == "provenance" and not r.abstained
    assert "济源" in r.text and "三、（四）7." in r.text
    assert_citations_resolve(corpus_assistant, r.answer)
    # the pieces must stand in that order, in one provision
    assert corpus_assistant.respond("“明显异味……看不到突出问题”出自哪里？").abstained


_RESOLUTION = """# 某省人民代表大会常务委员会关于加强某项监督工作的决议

（2019年9月27日某省第十三届人民代表大会常务委员会第十四次会议通过）

为了加强某项监督工作，作如下决议：

一、监督工作是保障法律统一正确实施的重要职责。各级机关应当依法履行职责。

二、行政监督工作是依法平等保护当事人合法权益的重要手段。各级机关应当全面开展行政监督工作，维护社会公平正义。

三、本决议自公布之日起施行。
"""


def test_numbered_paragraph_of_a_resolution_is_named_once(tmp_path: Any) -> None:
    """A resolution's paragraph heads itself: the pinpoint is its part, not the sentence again."""
    from tests.conftest import library_of

    a = library_of(tmp_path, {"某省关于加强某项监督工作的决议.md": _RESOLUTION})
    r = a.respond("“行政监督工作是依法平等保护当事人合法权益的重要手段”出自哪份文件的哪一部分？").answer
    assert "第二部分" in r.text
    assert r.text.count("依法平等保护当事人合法权益") == 2  # the phrase asked and the quote, no heading
    assert_citations_resolve(a, r)


_ZONES = """# 甲市生活饮用水源保护条例

2003年12月19日 甲市第十一届人民代表大会常务委员会第八次会议通过

第一条 为了保护生活饮用水源，制定本条例。

第十三条 在饮用水源二级保护区内，应当遵守下列规定：

（一）禁止新建、扩建、改建排放污染物的建设项目，已建成的排放污染物的建设项目，由县级以上人民政府责令拆除或关闭；

（二）禁止设置污水排放口，已有的污水排放口应当限期拆除；

（三）禁止堆放、填埋、倾倒剧毒、高残留农药等危险废物，及工业废物、生活垃圾、粪便、建设工程渣土和其他废弃物；

（四）禁止破坏饮用水源涵养林、护岸林以及与饮用水源保护相关的植被；

（五）禁止开山采石、采砂和围水造田；

（六）禁止使用炸药、有毒物品捕杀动物。
"""


def test_an_item_found_is_read_with_the_lead_in_of_its_list(tmp_path: Any) -> None:
    from tests.conftest import library_of

    a = library_of(tmp_path, {"甲市生活饮用水源保护条例.md": _ZONES})
    answer = a.respond("“禁止使用炸药、有毒物品捕杀动物”出自哪部法规的哪一条？").answer
    assert "第十三条" in answer.text and "（六）" in answer.text
    assert "在饮用水源二级保护区内，应当遵守下列规定" in answer.text
    assert_citations_resolve(a, answer)
