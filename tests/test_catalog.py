"""Catalogue questions: which questions ask for a list of documents, and what topic filters it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.catalog import _title_has_topic, is_list_question, topic_words
from assistant.schema import QueryAnalysis
from tests.conftest import library_of, library_of_texts


def _qa(question: str, regions: list[str] | None = None) -> QueryAnalysis:
    return QueryAnalysis(question=question, search=question, intent="list", regions=regions or [])


def test_a_list_question_may_be_followed_by_another_sentence() -> None:
    q = "文库里专门针对湿地保护的法规有几部？分别是哪一年通过的？"
    assert is_list_question(q)
    assert topic_words(q, _qa(q)) == "湿地保护"


def test_a_topic_matches_a_title_with_its_words_in_another_order() -> None:
    assert _title_has_topic("古树名木保护管理办法", "保护古树名木")
    assert _title_has_topic("大气污染防治条例", "大气污染防治")
    assert not _title_has_topic("水污染防治条例", "大气污染防治")


def test_asking_whether_a_place_has_a_regulation_of_its_own_is_a_list_question() -> None:
    from assistant.catalog import is_list_question

    assert is_list_question("某市有没有专门的养犬管理地方性法规？")
    assert is_list_question("某省是否有专门规范物业管理的条例？")
    assert not is_list_question("某市有没有规定养犬要办证？")
    assert is_list_question("某县有没有专治秸秆焚烧的条例？")
    # (whether a provision says something is asked of the provision)
    assert not is_list_question("这部条例有没有关于罚款的规定？")


def test_who_approved_asks_the_approval_record() -> None:
    from assistant.catalog import asked_records

    assert asked_records("这部条例是哪年通过的？谁批准的？") == ["adopted", "approved"]
    assert asked_records("谁批准的？") == ["approved"]
    # "谁通过、谁批准的": both records, in the order asked
    assert asked_records("这部条例是谁通过、谁批准的？") == ["adopted", "approved"]


def test_a_former_text_is_named_by_its_year_with_or_without_one() -> None:
    from assistant.catalog import asks_former

    assert asks_former("1998年那一版现在还适用吗？") and asks_former("以前那一部条例还适用吗？")
    assert not asks_former("这一版什么时候施行？")


def test_the_revision_asked_by_its_ordinal_is_a_record() -> None:
    from assistant.catalog import asked_records, asks_of_content

    assert asked_records("现行文本是第几次修正、什么时候修正的？") == ["revised"]
    # "现行文本" names the document, not a provision of it
    assert not asks_of_content("现行文本是第几次修正、什么时候修正的？", "某省人民代表大会常务委员会议事规则")


_RULES = (
    "# 某市基本农田保护办法\n\n"
    "1997年3月28日某市第十届人民代表大会常务委员会第三十次会议通过\n\n"
    "2000年5月31日某市第十一届人民代表大会常务委员会第十六次会议《关于修改〈某市基本农田保护办法〉的决定》第一次修正\n\n"
    "2018年8月29日某市第十五届人民代表大会常务委员会第十六次会议《关于修改〈某市国土绿化条例〉等十三件地方性法规的决定》第二次修正\n\n"
    "第一条 为了加强基本农田保护，制定本办法。\n"
)


def test_how_often_a_single_text_was_revised_is_read_from_its_preamble(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某市基本农田保护办法.md": _RULES})
    text = a.respond("《某市基本农田保护办法》修正过几次？").text
    for record in ("1997年3月28日", "第一次修正", "第二次修正"):
        assert record in text, text
    assert "共修改2次" in text, text  # counted, not left to the reader


def test_the_text_in_force_is_approved_after_its_latest_revision(tmp_path: Path) -> None:
    a = library_of(
        tmp_path,
        {
            "某市城市市容管理条例.md": "# 某市城市市容管理条例\n\n"
            "1999年9月17日 某市第十二届人民代表大会常务委员会第十次会议通过\n\n"
            "1999年10月25日 某省第九届人民代表大会常务委员会第十一次会议批准\n\n"
            "2015年8月28日 某市第十五届人民代表大会常务委员会第二十三次会议修订\n\n"
            "2015年9月24日 某省第十二届人民代表大会常务委员会第十六次会议批准\n\n"
            "第一条 为了加强城市市容管理，制定本条例。\n",
        },
    )
    text = a.respond("现行《某市城市市容管理条例》是哪次会议修订、哪次会议批准的？").text
    assert "第二十三次会议修订" in text and "2015年9月24日" in text, text
    assert "1999年10月25日" not in text, text
    assert text.index("修订") < text.index("批准"), text  # as the preamble records them


def test_which_provinces_have_a_named_kind_of_regulation_is_a_list_of_that_name() -> None:
    q = "文库里哪几个省有综合性的《节约能源条例》？分别是什么时候通过的？"
    assert is_list_question(q)
    assert topic_words(q, _qa(q)) == "节约能源"  # the name in book marks, not "综合性"


def _energy(province: str, adopted: str, effective: str) -> str:
    return (
        f"# {province}节约能源条例\n\n"
        f"{adopted} {province}人民代表大会常务委员会第二十八次会议通过\n\n"
        "第一条 为了推动全社会节约能源，制定本条例。\n\n"
        "第二条 节能目标责任评价考核办法由省人民政府自本条例施行之日起一年内制定。\n\n"
        f"第三条 本条例自{effective}起施行。\n"
    )


def test_a_list_asked_when_adopted_and_when_in_force_gives_both_for_each_document(tmp_path: Path) -> None:
    a = library_of(
        tmp_path,
        {
            "甲省节约能源条例.md": _energy("甲省", "1997年6月6日", "2009年11月1日"),
            "乙省节约能源条例.md": _energy("乙省", "2017年12月1日", "2018年5月1日"),
        },
    )
    text = a.respond("文库里哪几个省有《节约能源条例》？分别是什么时候通过、什么时候开始施行的？").text
    assert "共2件：" in text, text  # two documents, each once
    for record in ("1997年6月6日", "2009年11月1日", "2017年12月1日", "2018年5月1日"):
        assert record in text, text
    assert "一年内" not in text, text  # the clause that names the day, not one counting from it


_RESOLUTION = (
    "# 某省人民代表大会常务委员会关于加强司法监督工作的决议\n\n"
    "2003年11月28日某省第十届人民代表大会常务委员会第六次会议通过\n\n"
    "2004年1月9日某省第十届人民代表大会常务委员会第七次会议批准\n\n"
    + "".join(
        f"{n}、司法监督是宪法和法律赋予人大常委会的重要职权，各级人大常委会要加强对司法工作的监督，"
        "坚持集体行使职权，不直接处理具体案件，可以采取听取专项工作报告、执法检查、询问和质询等形式，"
        "对审判机关和检察机关执行法律的情况进行监督，督促其依法公正司法、提高司法公信力。\n\n"
        for n in "一二三四五六七八"
    )
)


def test_a_record_asked_of_a_described_document_retrieves_its_preamble(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"决议.md": _RESOLUTION})
    question = "关于加强司法监督工作的决议是哪个机关批准的？"
    assert "2004年1月9日" in a.retrieve(question, k=5)[0].chunk.text
    # as in a large library, where the body outranks the preamble: the best passages, all of one
    # document, bring its record lines first
    body = [p for p in a.retrieve(question, k=10) if "批准" not in p.chunk.text]
    assert "批准" not in body[0].chunk.text
    found = a.retriever._records_of_one(question, body, 5)
    assert "2004年1月9日" in found[0].chunk.text


def test_whether_a_text_was_ever_revised_asks_for_its_versions() -> None:
    from assistant.catalog import is_versions_question

    assert is_versions_question("这部条例后来修改过吗？")
    assert is_versions_question("中间有没有修订？")
    assert not is_versions_question("这部条例是哪年通过的？")


_PROPERTY = (
    "# 某省物业管理条例\n\n"
    "2017年9月29日某省第十二届人民代表大会常务委员会第三十一次会议通过\n\n"
    "第一条 为了规范物业管理活动，制定本条例。\n\n"
    "第九十四条 管理规约示范文本由省人民政府物业管理行政主管部门自本条例施行之日起一年内制定并公布。\n\n"
    "第九十五条 本条例自2018年1月1日起施行。\n"
)


def test_the_commencement_clause_is_the_one_that_names_a_day(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某省物业管理条例.md": _PROPERTY})
    text = a.respond("《某省物业管理条例》从哪天起施行？").text
    assert "2018年1月1日" in text and "一年内制定" not in text, text


def test_a_versions_question_with_other_parts_answers_each_part(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某省物业管理条例.md": _PROPERTY})
    # every part asks about the texts: the versions answer
    both = a.respond("《某省物业管理条例》收录了几个版本？各自对应哪次修改？")
    assert both.kind == "documents", both.text
    # a part asks something else: each part is answered
    mixed = a.respond("《某省物业管理条例》从哪天起施行？后来修改过吗？")
    assert mixed.kind == "answer" and "2018年1月1日" in mixed.text, mixed.text


def test_a_part_asking_how_often_a_text_was_revised_counts_its_revisions(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某市基本农田保护办法.md": _RULES})
    text = a.respond("《某市基本农田保护办法》最早是哪年通过的？后来改过几次，最近一次是什么时候？").text
    assert "共修改2次：" in text, text  # "改过几次" asks for the revisions, each cited
    for record in ("1997年3月28日", "第一次修正", "第二次修正"):
        assert record in text, text
    assert "文库中收录" not in text, text  # one text held: its revisions, not a list of versions


_ELECTION = (
    "# 某省县、乡两级人民代表大会代表选举实施细则\n\n"
    "1984年2月19日某省第六届人民代表大会常务委员会第五次会议通过\n\n"
    "2021年3月26日某省第十三届人民代表大会常务委员会第二十八次会议《关于修改〈某省县\n\n"
    "乡两级人民代表大会代表选举实施细则〉的决定》第一次修正\n\n"
    "第一条 根据《中华人民共和国全国人民代表大会和地方各级人民代表大会选举法》，结合本省情况，制定本细则。\n"
)


def test_a_record_line_broken_inside_its_decision_title_is_read_whole(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某省县乡两级人民代表大会代表选举实施细则.md": _ELECTION})
    text = a.respond("《某省县、乡两级人民代表大会代表选举实施细则》最近一次修正是哪天？").text
    assert "2021年3月26日" in text and "第一次修正" in text, text


def test_an_implementing_act_is_named_without_its_book_marks(tmp_path: Path) -> None:
    from assistant.query import docs_named

    a = library_of(
        tmp_path,
        {
            "环境影响评价法.md": "# 中华人民共和国环境影响评价法\n\n第一条 为了实施可持续发展战略，制定本法。\n",
            "某省实施办法.md": (
                "# 某省实施《中华人民共和国环境影响评价法》办法\n\n"
                "第一条 根据《中华人民共和国环境影响评价法》，制定本办法。\n"
            ),
        },
    )
    docs = a.index.documents()
    [named] = docs_named("某省实施环境影响评价法的办法是哪天起施行的？", docs)
    assert a.document(named).meta.title.startswith("某省实施")


def test_a_kind_word_is_no_topic_of_a_list_question() -> None:
    q = "库里有哪些专门规范新型墙体材料的地方性法规？"
    assert topic_words(q, _qa(q)) == "新型墙体材料"  # not "规范新型墙体材料", nor "性"


def test_a_document_described_by_its_titles_words_is_named(tmp_path: Path) -> None:
    from assistant.query import docs_described, scoped_query

    a = library_of(tmp_path, {"决议.md": _RESOLUTION, "某市基本农田保护办法.md": _RULES})
    docs = a.index.documents()
    question = "某省人大常委会那份加强司法监督工作的决议里，监督有哪些形式？"
    [named] = docs_described(question, docs)
    assert a.document(named).meta.title.endswith("关于加强司法监督工作的决议")
    assert a.analyse(question, None)[0].doc_ids == [named]
    # the words that name it are no words to look for in it
    assert "司法监督" not in scoped_query(question, [named], docs)
    assert docs_described("那份规定里，监督有哪些形式？", docs) == []  # too little to name one


def _cut_short(city: str) -> str:
    """A regulation whose text stops before its commencement clause: only its 题注 dates it."""
    return (
        f"# {city}劳动保障监察条例\n\n"
        f"2011年8月30日 {city}人民代表大会常务委员会第三十次会议通过\n\n"
        "2011年9月29日 山东省人民代表大会常务委员会第二十六次会议批准\n\n"
        "2011年11月1日 施行\n\n"
        "第一条 为了规范劳动保障监察工作，制定本条例。\n\n"
        "第二条 在本市行政区域内实施劳动保障监察，适用本条例。\n\n"
        "第三条 劳动保障监察文书应当直接送达。\n"
    )


def test_a_text_without_a_commencement_clause_is_dated_by_its_record_lines(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"乙市劳动保障监察条例.md": _cut_short("乙市")})
    text = a.respond("乙市劳动保障监察条例从哪天开始施行？").text
    assert "2011年11月1日" in text and "施行" in text, text


def test_records_of_a_named_document_in_several_parts_are_no_comparison(tmp_path: Path) -> None:
    # the approving 省人大常委会 names a second place, but the question is about one document
    other = (
        "# 山东省海洋环境保护条例\n\n"
        "2004年9月23日山东省第十届人民代表大会常务委员会第十次会议通过\n\n"
        "2018年11月30日山东省第十三届人民代表大会常务委员会第七次会议批准\n\n"
        "第一条 为了保护和改善海洋环境，制定本条例。\n"
    )
    a = library_of(
        tmp_path, {"潍坊市劳动保障监察条例.md": _cut_short("潍坊市"), "山东省海洋环境保护条例.md": other}
    )
    got = a.respond("潍坊市劳动保障监察条例是哪次会议通过的？山东省人大常委会哪天批准的？")
    assert got.kind != "comparison", got.text
    assert "第三十次会议" in got.text and "2011年9月29日" in got.text, got.text
    # the province asked is the one that approved the named document, not the author of its own acts
    assert "海洋" not in got.text, got.text


def test_how_many_articles_a_text_has_is_counted_from_its_headings(tmp_path: Path) -> None:
    text = (
        "# 某市烟花爆竹燃放管理条例\n\n"
        "2018年10月26日某市第十六届人民代表大会常务委员会第十七次会议通过\n\n"
        "## 第一章 总则\n\n第一条 为了加强烟花爆竹燃放管理，制定本条例。\n\n"
        "第二条 本条例适用于本市行政区域。\n\n"
        "## 第二章 附则\n\n第三条 本条例自2019年1月1日起施行。\n"
    )
    a = library_of(tmp_path, {"某市烟花爆竹燃放管理条例.md": text})
    got = a.respond("某市烟花爆竹燃放管理条例全文一共有多少条？")
    assert got.kind == "documents", got.text
    assert "全文共三条，分二章" in got.text and "第三条" in got.text, got.text


def _act(title: str, adopted: str, effective: str) -> str:
    return (
        f"# {title}\n\n{adopted} 第八次会议通过\n\n"
        "第一条 为了加强管理，根据有关法律，结合本地实际，制定本条例。\n\n"
        f"第二条 本条例自{effective}起施行。\n"
    )


def test_a_level_between_the_asking_words_and_the_kind_is_no_topic() -> None:
    q = "山东有没有省级的专门规范慈善事业的条例？"
    assert is_list_question(q)
    assert topic_words(q, _qa(q, ["山东省"])) == "慈善事业"


@pytest.fixture(scope="module")
def acts(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A library of regulations titled on the matters the list questions below ask about."""
    return library_of_texts(
        tmp_path_factory.mktemp("acts"),
        _act("浙江省水资源管理条例", "2002年10月31日", "2003年1月1日"),
        _act("宁波市水资源管理条例", "1997年12月22日", "1998年10月1日"),
        _act("温州市水资源管理条例", "2010年4月30日", "2010年7月1日"),
        _act("济南市绩效管理条例", "2018年9月30日", "2018年12月1日"),
        _act("济南市城市市容管理条例", "2015年8月28日", "2016年1月1日"),
        _act("德州市养犬管理条例", "2020年5月27日", "2020年10月1日"),
        _act("泰安市烟花爆竹燃放管理条例", "2018年10月31日", "2019年1月1日"),
        _act("聊城市禁止燃放烟花爆竹条例", "2018年11月2日", "2019年1月1日"),
        _act("济南市文物保护规定", "2007年9月27日", "2008年1月1日"),
        _act("滨州市渤海老区革命遗址遗迹保护条例", "2017年10月25日", "2018年1月1日"),
        _act("宁波市全民阅读促进条例", "2016年4月28日", "2016年9月1日"),
        _act("宁波市预防和制止家庭暴力条例", "2008年9月26日", "2008年11月1日"),
        _act("郑州市城市房屋租赁管理条例", "2002年8月30日", "2002年12月1日"),
        _act("郑州市城市供热管理条例", "2009年8月28日", "2010年1月1日"),
        _act("郑州市城市绿化条例", "2019年1月22日", "2019年5月1日"),
    )


@pytest.mark.parametrize(
    ("question", "said", "unsaid"),
    [
        # a province named beside a city of its own: the province's own level
        (
            "宁波市和浙江省分别有哪部水资源管理方面的法规？各自何时施行？",
            ["共2件", "2003年1月1日", "1998年10月1日"],
            ["温州"],
        ),
        # the province's level asked: its own act, not its cities'
        ("浙江有没有省级的专门水资源管理条例？", ["共1件", "浙江省水资源管理条例"], ["宁波"]),
        # a topic no title holds, by its rarest word
        ("济南关于机关绩效考评的条例有哪几部？", ["济南市绩效管理条例"], ["市容"]),
        # "养狗" as titles write it, 养犬
        ("山东哪几个市出台了养狗方面的条例？", ["德州市养犬管理条例"], ["烟花"]),
        # a four-character word of the topic by its halves ("燃放烟花" in "烟花爆竹燃放")
        ("山东哪些城市对燃放烟花爆竹立过法？", ["共2件", "泰安", "聊城"], ["养犬"]),
        # a verb no title holds before the matter ("鼓励"): the matter
        ("浙江有哪些鼓励全民阅读的条例？", ["宁波市全民阅读促进条例"], ["水资源"]),
        # two matters joined by 或者, each its own topic
        (
            "山东关于文物保护或者革命遗址保护的地方性法规有哪些？",
            ["共2件", "济南市文物保护规定", "滨州"],
            ["绩效"],
        ),
        # an everyday word as titles write it: 家暴 is 家庭暴力
        ("关于家暴的条例有哪些？", ["宁波市预防和制止家庭暴力条例"], ["阅读"]),
        # whether the library holds one: a list, its topic without "有关于"
        ("文库里有关于全民阅读的条例吗？", ["共1件", "宁波市全民阅读促进条例"], ["家庭暴力"]),
        # a two-character everyday word joined to a matter: each its own topic
        ("郑州关于租房和供暖的条例有哪些？", ["共2件", "房屋租赁", "供热"], ["绿化"]),
        # whether a place has a text on a topic: a 规定 is one, whatever the asker calls it; a place
        # without one is told so
        ("济南有没有保护文物的条例？", ["共1件", "济南市文物保护规定"], ["滨州"]),
        ("德州有没有禁止燃放烟花爆竹的条例？", ["文库中未找到"], ["聊城", "泰安"]),
    ],
)
def test_a_list_of_documents_reads_the_place_level_and_topic_asked(
    acts: Any, question: str, said: list[str], unsaid: list[str]
) -> None:
    text = acts.respond(question).text
    assert all(s in text for s in said), text
    assert not any(u in text for u in unsaid), text


def test_a_record_a_document_lacks_is_said_to_be_unrecorded(tmp_path: Path) -> None:
    a = library_of_texts(tmp_path, _act("河南省全民健身条例", "2019年3月29日", "2019年7月1日"))
    text = a.respond("《河南省全民健身条例》经哪个机关批准？").text
    assert text.startswith("所提供的文件中未载明") and "批准" in text and "2019年3月29日" in text, text


def test_how_often_a_described_act_was_amended_counts_its_revisions(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某市基本农田保护办法.md": _RULES})
    text = a.respond("基本农田保护那部办法一共修正了多少次？最后一次在哪一年？").text
    assert "共修改2次" in text and "2018年8月29日" in text, text


_CHAPTERS = (
    "# 丽水市物业管理条例\n\n2018年10月26日 丽水市第四届人民代表大会常务委员会第十六次会议通过\n\n"
    "## 第一章  总则\n\n第一条 为了规范物业管理活动，制定本条例。\n\n"
    "## 第二章  业主组织\n\n第二条 一个物业管理区域成立一个业主大会。\n\n"
    "## 第三章  附则\n\n第三条 本条例自2019年7月1日起施行。\n"
)


def test_a_chapter_asked_by_its_number_is_answered_by_its_heading(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"丽水市物业管理条例.md": _CHAPTERS})
    text = a.respond("《丽水市物业管理条例》第二章讲的是什么？").text
    assert "第二章 业主组织" in text and "第二条" not in text.split("[")[0], text
    text = a.respond("《丽水市物业管理条例》有几章几条？").text
    assert "共三条" in text and "三章" in text, text


@pytest.mark.parametrize(
    ("repealer", "question"),
    [
        (
            "# 洛阳市城乡规划条例\n\n2010年8月27日 洛阳市第十三届人民代表大会常务委员会第十四次会议通过\n\n"
            "第一条 为了加强城乡规划管理，制定本条例。\n\n"
            "第二条 本条例自2011年1月1日起施行。1992年10月9日通过的《洛阳市城市规划管理条例》同时废止。\n",
            "洛阳市城市规划管理条例目前还有效吗？",
        ),
        # (the former title as a user writes it: the law inside it without 〈中华人民共和国…〉)
        (
            "# 浙江省妇女权益保障条例\n\n2009年11月27日 浙江省第十一届人民代表大会常务委员会第十四次会议通过\n\n"
            "第一条 为了维护妇女的合法权益，制定本条例。\n\n"
            "第二条 本条例自2011年1月1日起施行。《浙江省实施〈中华人民共和国妇女权益保障法〉办法》同时废止。\n",
            "浙江省实施妇女权益保障法办法目前是否有效？",
        ),
    ],
)
def test_a_former_text_the_library_lacks_is_answered_by_the_act_that_repealed_it(
    tmp_path: Path, repealer: str, question: str
) -> None:
    a = library_of_texts(tmp_path, repealer)
    text = a.respond(question).text
    # (the repeal, and the day the act that repealed it took effect)
    assert "》同时废止" in text and "2011年1月1日" in text, text


_RUN_TOGETHER = (
    "# 某市档案管理条例\n\n"
    "1997年5月23日 某市第十一届人民代表大会常务委员会第三十一次会议通过\n\n"
    "1997年6月6日 某省第八届人民代表大会常务委员会第二十八次会议批准1997年6月6日某市人民代表大会常务委员会公告公布\n\n"
    "1997年7月1日 施行根据2001年8月18日某省第九届人民代表大会常务委员会第二十二次会议批准的2001年7月19日"
    "某市第十二届人民代表大会常务委员会第二十八次会议《关于修改〈某市古树名木保护管理办法〉等九件地方性法规的决定》"
    "第一次修正根据2018年9月7日某市第十六届人民代表大会常务委员会第十一次会议通过2018年11月30日某省第十三届"
    "人民代表大会常务委员会第七次会议批准的《关于修改〈某市档案管理条例〉的决定》第二次修正\n\n"
    "第一条 为加强档案管理，制定本条例。\n"
)


def test_records_a_converted_file_ran_into_one_line_are_read_one_by_one(tmp_path: Path) -> None:
    from assistant.catalog import preamble_spans, revision_count

    a = library_of(tmp_path, {"某市档案管理条例.md": _RUN_TOGETHER})
    doc = a.documents()[0]
    lines = [doc.text.search[x:y] for x, y in preamble_spans(doc)]
    assert lines[1].endswith("批准") and lines[2].endswith("公告公布"), lines
    assert lines[3] == "1997年7月1日 施行", lines
    # (a record opening with 根据 runs to its 修正: the decision's adoption and approval are in it)
    assert lines[-1].startswith("根据2018年9月7日") and lines[-1].endswith("第二次修正"), lines
    assert revision_count(doc) == 2
    text = a.respond("《某市档案管理条例》最后一次修正是在哪次会议上？").text
    assert "第二次修正" in text and "第一次修正" not in text, text
    text = a.respond("《某市档案管理条例》第三次修正是哪年？").text
    assert text.startswith("所提供的文件中未找到") and "共修改2次" in text, text


_SECTIONS = (
    "# 某省大气污染防治条例\n\n2016年7月22日 某省第十二届人民代表大会常务委员会第二十二次会议通过\n\n"
    "## 第一章 总则\n\n第一条 为了防治大气污染，制定本条例。\n\n"
    "## 第二章 防治措施\n\n### 第一节 燃煤污染防治\n\n第二条 禁止新建燃煤锅炉。\n\n"
    "### 第二节 扬尘污染防治\n\n第三条 施工工地应当设置围挡。\n\n"
    "## 第三章 法律责任\n\n第四条 违反本条例第三条规定的，处一万元以上十万元以下罚款。\n\n"
    "第五条 本条例自2016年11月1日起施行。\n"
)


_PLAN = (
    "# 某市2024年生态环境保护工作要点\n\n"
    "一、总体要求\n\n坚持以习近平新时代中国特色社会主义思想为指导，深入打好污染防治攻坚战。\n\n"
    "二、主要目标\n\n全市空气质量优良天数比率达到75%以上。\n\n"
    "三、重点任务\n\n（一）推进大气污染防治。开展重点行业深度治理。\n"
)
_BASIS = (
    "# 某区2024年大气污染防治行动方案\n\n"
    "为持续改善空气质量，根据《某市大气污染防治攻坚方案》（某政办〔2024〕5号），结合我区实际，制定本方案。\n\n"
    "一、总体要求\n\n坚持精准治污、科学治污、依法治污。\n\n二、重点任务\n\n开展扬尘污染专项整治。\n"
)


_NOTICE = (
    "当前位置: 首页>政务公开>文件\n"
    "发文机关: 某市生态环境局 发文字号: 某环发〔2024〕3号\n"
    "标  题: 某市生态环境局关于印发某市2024年水污染防治工作方案的通知\n"
    "成文日期: 2024-03-01 发布时间: 2024-03-05\n"
    "某市生态环境局关于印发某市2024年水污染防治工作方案的通知\n\n"
    "各县（市、区）人民政府，市直有关部门：\n\n"
    "现将《某市2024年水污染防治工作方案》印发给你们，请认真贯彻执行。\n\n"
    "一、总体要求\n\n持续改善水环境质量。\n\n二、重点任务\n\n开展入河排污口排查整治。\n\n"
    "附件：某市水污染防治重点任务清单.docx\n"
)
_REPORT = (
    "某区环保局2024年上半年工作进展情况和下半年工作安排\n"
    "今年以来，我局坚持治管并重，各项工作有序推进。\n"
    "一、上半年工作进展情况\n（一）狠抓治水工作。完成截污纳管工程。\n"
    "二、下半年工作安排\n（一）打好治气战役。推进工业废气治理。\n"
)


@pytest.fixture(scope="module")
def structured(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A library of texts whose records are read from their structure: chapters and sections, a
    plan's parts, a plan's basis, two acts of one city, a notice's head and end."""
    texts = (
        _SECTIONS,
        _PLAN,
        _BASIS,
        _act("安阳市城市绿化条例", "2017年10月26日", "2018年1月1日"),
        _act("安阳市城市市容管理条例", "2017年4月27日", "2017年7月1日"),
    )
    files = {f"{text.split(chr(10), 1)[0].lstrip('# ').strip()}.md": text for text in texts}
    # (and a notice saved from a government web page, its header kept, and a report whose title
    # names its author)
    return library_of(
        tmp_path_factory.mktemp("structured"), {**files, "notice.txt": _NOTICE, "report.txt": _REPORT}
    )


@pytest.mark.parametrize(
    ("question", "said", "unsaid"),
    [
        # a chapter, and a section under it, asked by its matter
        ("《某省大气污染防治条例》中工地扬尘在第几章第几节？", ["第二章 防治措施 第二节 扬尘污染防治"], []),
        (
            "《某省大气污染防治条例》哪一章规定防治措施？这章有几节？",
            ["第二章 防治措施（下设第一节 燃煤污染防治、第二节 扬尘污染防治）"],
            [],
        ),
        # a chapter asked by another name it goes by: the 罚则 are the 法律责任
        ("《某省大气污染防治条例》的罚则放在哪一章？", ["第三章 法律责任"], []),
        ("《某省大气污染防治条例》里处罚写在第几章？", ["第三章 法律责任"], []),
        # a plan's parts: its top-level headings, counted, or one by its place
        (
            "《某市2024年生态环境保护工作要点》正文分几部分？",
            ["正文共三部分", "一、总体要求", "二、主要目标", "三、重点任务"],
            [],
        ),
        ("《某市2024年生态环境保护工作要点》最后一个部分讲什么？", ["三、重点任务"], ["二、主要目标"]),
        # what a plan was made under: its basis clause, with the 文号 it names
        (
            "《某区2024年大气污染防治行动方案》是依据哪个文件制定的？",
            ["《某区2024年大气污染防治行动方案》根据《某市大气污染防治攻坚方案》", "某政办〔2024〕5号"],
            ["持续改善空气质量，根据"],
        ),
        # two acts of one city named together, the second without its place: each one's day, and
        # which came first
        (
            "安阳市城市市容管理条例和城市绿化条例，谁先生效？",
            ["2018年1月1日", "其中先施行的是《安阳市城市市容管理条例》"],
            [],
        ),
        # a text named by its 文号, however its brackets are typed; whom a notice is sent to
        ("某环发[2024]3号文件主送哪些单位？", ["主送：各县（市、区）人民政府，市直有关部门"], []),
        # what it carries with it, without the file's extension
        ("某市2024年那份工作方案附了哪些附件？", ["附件：某市水污染防治重点任务清单"], [".docx"]),
        # its full title, as its head writes it
        (
            "某环发〔2024〕3号的标题全称是什么？",
            ["标题全称为“某市生态环境局关于印发某市2024年水污染防治工作方案的通知”"],
            [],
        ),
        # a report named by its kind alone, the only one of the library: its author, from its title
        ("上半年那份工作总结由哪个单位编制？", ["由某区环保局发布"], []),
        # two records of one text, asked in two parts: each its own
        (
            "某环发〔2024〕3号由哪个部门印发？哪天发的？",
            ["发文机关：某市生态环境局", "2024年3月1日"],
            [],
        ),
    ],
)
def test_a_record_is_read_from_the_structure_of_the_text(
    structured: Any, question: str, said: list[str], unsaid: list[str]
) -> None:
    text = structured.respond(question).text
    assert all(x in text for x in said), text
    assert not any(x in text.split("[")[0] for x in unsaid), text


def test_the_year_of_the_text_in_force_is_a_question_of_versions(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某市基本农田保护办法.md": _RULES})
    text = a.respond("《某市基本农田保护办法》现在施行的是哪一年的文本？").text
    assert "2018年" in text and "现行" in text, text


def test_a_page_header_record_is_quoted_from_the_line_that_states_it(structured: Any) -> None:
    """A saved page's header fields stay in its text: the 发文机关 and the dates an answer gives
    are quoted where the page writes them, and retrieval reads that line first."""
    r = structured.respond("某环发〔2024〕3号由哪个部门印发？")
    assert "发文机关：某市生态环境局" in r.text, r.text
    assert r.citations[0].quote == "发文机关: 某市生态环境局", r.citations
    r = structured.respond("某环发〔2024〕3号是哪天成文的？")
    assert r.citations[0].quote == "成文日期: 2024-03-01 发布时间: 2024-03-05", r.citations
    first = structured.retrieve("某环发〔2024〕3号由哪个部门印发？")[0]
    assert "发文机关: 某市生态环境局" in first.chunk.text


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("《某省大气污染防治条例》中工地扬尘在第几章第几节？", "第二节 扬尘污染防治"),
        ("《某省大气污染防治条例》的罚则放在哪一章？", "第三章 法律责任"),
        ("《某市2024年生态环境保护工作要点》最后一个部分讲什么？", "三、重点任务"),
    ],
)
def test_a_heading_asked_for_is_quoted_itself(structured: Any, question: str, quoted: str) -> None:
    """A heading opens the passage of what it heads, so the answer that names it quotes it (not
    the first article under it), and retrieval for the question reads it."""
    r = structured.respond(question)
    assert [c.quote for c in r.citations] == [quoted], r.citations
    assert any(quoted in p.chunk.text for p in structured.retrieve(question)[:5])


def test_whether_a_described_act_was_amended_lists_its_texts(tmp_path: Path) -> None:
    """An act described by its words, not its title ("基本农田保护那部办法"), asked whether it was
    amended: its texts and their record lines, as when it is named."""
    a = library_of(tmp_path, {"某市基本农田保护办法.md": _RULES})
    r = a.respond("基本农田保护那部办法后来修订过没有？")
    assert r.kind == "documents" and "2018年8月29日" in r.text, r.text


def test_a_part_asking_whether_the_named_act_was_revised_keeps_to_it(tmp_path: Path) -> None:
    """ "…哪次会议批准？此后修正过没有？": the second part is about the act the first names, not
    another act of the places the question names (the province that approved it)."""
    rules = _RULES.replace("# 某市基本农田保护办法", "# 青岛市基本农田保护办法").replace("某市", "青岛市")
    rules = rules.replace(
        "通过\n\n2000年",
        "通过\n\n1997年5月30日山东省第八届人民代表大会常务委员会第二十八次会议批准\n\n2000年",
    )
    other = (
        "# 山东省青岛西海岸新区条例\n\n2017年12月1日山东省第十二届人民代表大会常务委员会第三十三次会议通过\n\n"
        "第一条 为了促进青岛西海岸新区发展，制定本条例。\n"
    )
    a = library_of(tmp_path, {"青岛市基本农田保护办法.md": rules, "山东省青岛西海岸新区条例.md": other})
    text = a.respond("青岛市基本农田保护办法由山东省哪次会议批准？此后修正过没有？").text
    assert "2018年8月29日" in text and "西海岸" not in text, text
