"""The words a question is scored on: place words with their locative, negated verbs, fillers."""

from __future__ import annotations

from assistant.answer import ExtractiveAnswerer
from assistant.answer.cues import join_negations, strip_locative, strip_particle, synonym_group
from assistant.schema import QueryAnalysis


def _terms(question: str) -> list[tuple[str, ...]]:
    qa = QueryAnalysis(question=question, search=question)
    return ExtractiveAnswerer()._question_terms(question, qa)


def test_a_place_word_is_asked_as_its_noun() -> None:
    # jieba tags "楼里", "岛上" as place words (s); provisions write "住宅楼", "海岛"
    assert strip_locative("楼里") == "楼"
    assert strip_locative("岛上") == "岛"
    assert strip_locative("马上") == "马上"  # an adverb, not a place
    assert strip_locative("以上") == "以上"
    assert strip_locative("油烟") == "油烟"
    # a level of government named by one character ("报到市里")
    assert strip_locative("县里") == "县" and strip_locative("市里") == "市"
    assert strip_locative("公里") == "公里"


def test_a_negated_verb_stays_one_word() -> None:
    assert join_negations(["哪些", "不", "允许", "开设"]) == ["哪些", "不允许", "开设"]
    assert join_negations(["不", "开设"]) == ["不", "开设"]  # "不开设" is no word of the vocabulary


def test_not_allowed_is_asked_as_forbidden() -> None:
    terms = _terms("哪些楼里不允许开店？")
    forbidden = next(g for g in terms if "禁止" in g)
    assert forbidden[0] == "不允许"
    assert not any(g[0] == "允许" for g in terms)  # alone it would ask the opposite
    assert ("楼",) in terms and not any("楼里" in g for g in terms)


def test_filler_words_are_not_terms() -> None:
    terms = [g[0] for g in _terms("河道两岸有哪些事情是明令不准干的？")]
    assert "事情" not in terms and "干" not in terms and "明令" not in terms
    assert "河道" in terms


def test_everyday_words_for_a_ban_and_an_exception_are_the_provisions_words() -> None:
    # "不让车进，哪些车可以例外": provisions write "禁止车辆通行，但下列车辆除外"
    terms = _terms("公园一般不让车进，哪些车可以例外？")
    assert any("禁止" in g for g in terms if g[0] == "不让")
    assert any("除外" in g for g in terms if g[0] == "例外")


def test_the_bound_of_an_asked_time_limit_is_no_term() -> None:
    # "多长时间内要赶到": the 内 of the time limit asked would join the next word ("内要")
    terms = [g[0] for g in _terms("文物部门接到报告以后多长时间内要赶到现场？")]
    assert "内要" not in terms and "以后" not in terms
    assert "赶到" in terms and "现场" in terms


def test_a_filler_word_joined_to_a_term_is_asked_as_the_term() -> None:
    terms = [g[0] for g in _terms("无居民海岛上明令禁止哪些活动？")]
    assert "明令禁止" not in terms and "禁止" in terms


def test_the_level_of_a_fine_is_asked_as_the_fine() -> None:
    # "罚款标准" asks how much the fine is; a provision states the fine, not a 标准
    terms = [g[0] for g in _terms("在禁止区域燃放烟花爆竹，罚款标准是多少？")]
    assert "标准" not in terms and "罚款" in terms
    assert "幅度" not in [g[0] for g in _terms("无证采砂的，处罚幅度是多少？")]
    # a standard that is the subject of the question stays
    assert "标准" in [g[0] for g in _terms("超过排放标准排放的，怎么罚？")]


def test_a_particle_glued_to_an_unknown_word_is_left_out() -> None:
    # jieba does not know 养犬 and makes "养犬要" of "养犬要遵守"
    assert strip_particle("养犬要") == "养犬"
    assert ("养犬",) in _terms("城市建成区养犬要遵守哪些规定？")
    assert strip_particle("重要") == "重要" and strip_particle("需要") == "需要"  # words of their own


def test_a_compound_split_before_a_locative_is_one_term() -> None:
    # jieba cuts "无人岛上" as 无人 / 岛上; "无人" alone would match "无人认领"
    terms = [g[0] for g in _terms("青岛的无人岛上，明令禁止哪些活动？")]
    assert "无人岛" in terms and "无人" not in terms
    assert "楼" in [g[0] for g in _terms("哪些楼里不允许开店？")]  # no compound: the noun alone


def test_an_everyday_word_is_matched_by_the_provisions_word() -> None:
    # "丢了", "遛狗": provisions write 丢失, 携犬; the documents' word does not bring the everyday one
    terms = _terms("文物丢了要在多长时间内报告？")
    assert any("丢失" in g for g in terms if g[0] == "丢")
    assert synonym_group("丢失") == ("丢失",)
    assert "携犬" in synonym_group("遛狗")


def test_the_words_asking_for_a_consequence_are_no_terms() -> None:
    # "怎么处理" asks what follows; "处理" would match every "处理机制" of the document
    terms = [g[0] for g in _terms("从窗户往外扔垃圾，按环境卫生条例怎么处理？")]
    assert "处理" not in terms
    assert "垃圾" in terms


def test_a_hedging_adverb_before_a_verb_is_no_term() -> None:
    # "主要查哪些" hedges the verb; "主要履行以下职责" would match the wrong list on it
    assert not any(g[0] == "主要" for g in _terms("工会主要查用人单位哪些方面的情况？"))
    # before a noun it is part of what is asked ("主要责任" against "次要责任")
    assert any(g[0] == "主要" for g in _terms("负主要责任的一方承担多少比例的赔偿？"))


def test_a_character_glued_to_a_particle_goes_back_to_its_word() -> None:
    from assistant.answer.cues import join_particle_tails

    # the segmenter reads "防火期是" as 防火 / 期是
    assert join_particle_tails(["森林", "防火", "期是", "每年"]) == ["森林", "防火", "防火期", "每年"]
    assert join_particle_tails(["就是", "这样"]) == ["就是", "这样"]  # a word of its own


def test_a_day_asked_as_hao_is_written_ri() -> None:
    from assistant.answer.cues import asked_units

    assert asked_units("森林防火期是每年从几月几号到几月几号？") == [("月",), ("号", "日")]


def test_a_compound_said_with_its_halves_apart_is_said() -> None:
    from assistant.answer.scoring import _split_compound

    # coordination and modifiers split a compound inside one clause
    assert _split_compound("浓度值低于国家和地方规定的污染物排放标准百分之三十的", "国家标准")
    assert _split_compound("由市级人民政府批准", "市级政府")
    assert not _split_compound("国家鼓励节能。地方标准由省制定", "国家标准")  # not one clause
    assert not _split_compound("国家标准", "国家")  # only four-character words


def test_a_frame_around_the_topic_is_no_term() -> None:
    # "在…问题上" frames the topic: "问题" would match "对同一问题再次发言" better than the topic
    terms = _terms("在扬尘污染问题上，各地有什么规定？")
    assert not any("问题" in g[0] for g in terms), terms
    assert any(g[0] == "扬尘" for g in terms), terms


def test_the_whole_consequence_phrase_is_taken_out() -> None:
    # "会被怎么处理": not "会被怎么" leaving "处理" as a word a provision must say
    terms = _terms("破坏保护标志会被怎么处理？")
    assert not any(g[0] == "处理" for g in terms), terms


def test_a_pair_of_levels_asked_in_short_is_read_as_listed() -> None:
    terms = _terms("县乡人大换届时，选民名单何时公布？")
    assert ("县乡", "县、乡") in terms, terms
