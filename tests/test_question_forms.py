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
