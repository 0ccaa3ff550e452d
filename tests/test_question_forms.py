"""Ways officials and citizens ask that the analysis must read: "给予何种处分" asks the sanction,
"改过没有" asks a question, "开始实行" asks when a text takes effect, "什么时候定的" asks when it
was adopted, and a scenic area named without its head ("泰山景区") names its regulation."""

from __future__ import annotations

from assistant import parts
from assistant.catalog import asked_records
from assistant.intent import asks_effective, detect_intent
from assistant.query import names_feature_elsewhere
from assistant.schema import DocumentMeta


def test_a_disciplinary_sanction_asked_is_a_penalty_question() -> None:
    assert detect_intent("拒不进行宪法宣誓的，应当给予何种处分？") == "penalty"


def test_whether_it_was_ever_changed_is_a_part_of_its_own() -> None:
    asked = parts.split_parts("这部条例是哪天通过的？什么时候开始实行？后来改过没有？")
    assert asked == ["这部条例是哪天通过的？", "什么时候开始实行？", "后来改过没有？"]
    assert asks_effective("什么时候开始实行？")
    assert not asks_effective("莱芜区从哪天起执行？")


def test_when_a_text_was_made_asks_its_adoption() -> None:
    assert "adopted" in asked_records("这个办法是什么时候定的？")


def test_a_scenic_area_named_by_its_proper_name_is_named() -> None:
    meta = DocumentMeta(doc_id="x", title="某省泰山风景名胜区生态保护条例", province="某省")
    assert not names_feature_elsewhere(meta, "把松类植物运进泰山景区的，要承担什么法律责任？")
    assert names_feature_elsewhere(meta, "把松类植物运进风景名胜区的，要承担什么法律责任？")


def test_words_pointing_at_a_document_are_no_part_of_its_name() -> None:
    from assistant.query import title_matches, titles_named

    named = titles_named("青岛现在这部出租车管理条例是从哪天开始施行的？")
    assert named == ["青岛出租车管理条例"]
    assert title_matches(named[0], "青岛市客运出租汽车管理条例")


def test_the_name_of_the_text_replaced_is_its_fate() -> None:
    from assistant.catalog import asks_former_fate

    assert asks_former_fate("它替换掉的旧条例叫什么？")
    # a former text named by its year
    assert asks_former_fate("2010年那版办法还适用吗？")
    assert not asks_former_fate("2010年那些项目怎么处理？")


def test_two_matters_asked_the_same_thing_formally_are_two_parts() -> None:
    asked = parts.split_parts("《某条例》对编制保护规划的期限，以及移交投诉举报的期限，分别作何规定？")
    assert asked == ["《某条例》对编制保护规划的期限作何规定？", "移交投诉举报的期限作何规定？"]
