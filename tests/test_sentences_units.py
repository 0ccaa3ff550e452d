from __future__ import annotations

from assistant.sentences import split_clauses, split_units
from tests.answer.builders import anhui, jincheng, jiyuan, sanmenxia


def _texts(display: str, start: int, end: int) -> list[tuple[str, str]]:
    return [(u.kind, display[u.start : u.end]) for u in split_units(display[start:end], start)]


def test_sentences_keep_absolute_offsets() -> None:
    d = jiyuan()
    start, end = d.span("二、总体目标", "有效保障。")
    units = _texts(d.display, start, end)
    assert units[0] == ("heading", "二、总体目标")
    assert (
        "sentence",
        "土壤环境质量总体保持稳定,受污染耕地安全利用率达到95%以上,重点建设用地安全利用得到有效保障。",
    ) in units
    assert units[1][1].endswith("目标任务;")  # half-width ; ends a sentence too


def test_enumeration_items_are_units() -> None:
    d = jiyuan()
    start, end = d.span("1.持续深入打好蓝天保卫战")
    units = _texts(d.display, start, end)
    enums = [t for k, t in units if k == "enum"]
    assert len(enums) == 9
    assert enums[0].startswith("一是推进实施大气减排工程。") and enums[1].startswith("二是")
    assert ("lead", "重点推进九项工作。") in units
    # the quoted plan title with its 《》 stays inside its item
    assert any("《济源市砖瓦行业发展和大气污染防治规划》" in t for t in enums)


def test_no_cut_inside_brackets() -> None:
    text = "他指出：“要加强监管。要严格执法。”随后部署工作。"
    units = split_units(text, 100)
    assert [(u.start - 100, u.end - 100) for u in units] == [(0, len(text))]


def test_regulation_article_and_paragraphs() -> None:
    d = sanmenxia()
    start, end = d.span("第五条 市人民政府", "共同做好大气污染防治监督管理工作。")
    units = _texts(d.display, start, end)
    kinds = [k for k, _ in units]
    assert kinds.count("paragraph") == 2 and "article" in kinds
    assert ("paragraph", "第五条 市人民政府生态环境主管部门对大气污染防治实施统一监督管理。") in units


def test_traditional_enumeration() -> None:
    d = jincheng()
    start, end = d.span("2.推進能源結")
    units = _texts(d.display, start, end)
    assert [k for k, _ in units].count("enum") == 3
    assert all(d.display.find(t) >= 0 for _, t in units)


def test_clauses() -> None:
    d = anhui()
    text = "基本目标:细颗粒物(PM2.5)平均浓度36.8微克/立方米以下,空气质量优良天数比率高于82.1%;"
    start = d.display.index(text)
    clauses = [d.display[a:b] for a, b in split_clauses(text, start)]
    assert clauses == [
        "基本目标:",
        "细颗粒物(PM2.5)平均浓度36.8微克/立方米以下,",
        "空气质量优良天数比率高于82.1%;",
    ]


def test_short_numbered_lines_inside_an_article_are_items() -> None:
    text = (
        "第七十五条 违反本条例规定，有下列行为之一的，由主管部门责令改正，处一万元以上十万元以下的罚款：\n\n"
        "（一）未采取扬尘防治措施的；\n\n（二）高空抛撒施工垃圾的。"
    )
    units = [(u.kind, text[u.start : u.end]) for u in split_units(text)]
    assert ("item", "（二）高空抛撒施工垃圾的。") in units
    assert not any(k == "heading" for k, _ in units)


def test_duty_holder_line_is_not_a_heading() -> None:
    text = "15.强化露天焚烧综合治理。加强监控。\n\n责任单位:区社会事业局\n\n配合单位:区工信局、公安分局"
    units = [(u.kind, text[u.start : u.end]) for u in split_units(text)]
    assert ("sentence", "责任单位:区社会事业局") in units
    # outside an article a short numbered line is still a heading
    assert split_units("（二）水环境质量改善目标")[0].kind == "heading"


def test_a_chunk_that_continues_an_article_has_items_not_headings() -> None:
    from assistant.sentences import chunk_units

    text = "（二）乱扔果皮；\n\n（三）将垃圾扫入道路；"
    assert [u.kind for u in split_units(text)] == ["heading", "heading"]
    kinds = [u.kind for u in chunk_units(text, 0, "第四章.第三十条")]
    assert kinds == ["item", "item"]
    # a chunk that starts with the last items of an article and runs on into the next one
    assert [u.kind for u in chunk_units(text, 0, "第三章.第二十九条.（七）")] == ["item", "item"]
    assert chunk_units("第三十条 本条例自公布之日起施行。", 0, "第三十条")[0].kind == "paragraph"


def test_a_short_sentence_of_an_article_is_not_a_heading() -> None:
    units = split_units("第十条 相关设区的市可以制定具体管理办法。\n\n本规定自公布之日起施行。")
    assert "heading" not in [u.kind for u in units]


def test_a_short_lead_in_of_an_article_keeps_its_items() -> None:
    # a lead-in short enough to look like a heading ("禁止下列行为：") is a 款 of its article, and
    # the enumeration after it stays the article's items: a list question is answered by them
    text = (
        "第五十九条 任何单位和个人不得在禁止区域内露天烧烤食品。\n\n"
        "禁止在下列场所新建排放油烟的餐饮服务项目：\n\n"
        "（一）居民住宅楼等非商用建筑；\n\n（二）未设立专用烟道的商住综合楼。"
    )
    units = [(u.kind, text[u.start : u.end]) for u in split_units(text)]
    assert ("paragraph", "禁止在下列场所新建排放油烟的餐饮服务项目：") in units
    assert ("item", "（二）未设立专用烟道的商住综合楼。") in units
    assert "heading" not in [k for k, _ in units]
