"""The section tree: headings, nesting, sequence sanity, enumerations, offsets and pinpoints.

Seeds go through the real loader and normaliser, so these trees are what `policy-assistant show`
prints for them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from assistant.ingest.loaders import load_file
from assistant.ingest.normalize import normalize
from assistant.numbering import cn_to_int, find_enum_markers, int_to_cn, match_label
from assistant.schema import Paragraph, Section, SectionTree
from assistant.sections import (
    article_paragraph_index,
    format_tree,
    parse_sections,
    pinpoint,
    section_number,
)
from tests.conftest import CORPUS, SEEDS

JIYUAN = "henan-jiyuan-2024-work-points.txt"
ZHENGZHOU = "henan-zhengzhou-jingkaiqu-2023-2025-action-plan.txt"
JINCHENG = "shanxi-jincheng-inspection-rectification-plan.txt"
ZHEJIANG = "zhejiang-anon-city-2024-midyear-report.txt"
ANHUI = "anhui-2024-work-points.txt"
REGS = CORPUS / "regulations"
ENV_LAW = REGS / "国家法律" / "环境保护法(2014-04-24).md"
AIR_LAW = REGS / "国家法律" / "大气污染防治法(2018-10-26).md"
JIAXING = REGS / "浙江" / "嘉兴市建筑垃圾管理条例(2021-04-13).md"


@cache
def display_of(path: Path) -> str:
    return normalize(load_file(path)).display


@cache
def tree_of(path: Path) -> SectionTree:
    return parse_sections(display_of(path))


def find(tree: SectionTree, title: str, kind: str | None = None) -> Section:
    """The one section titled ``title`` (and of ``kind``, if given)."""
    hits = [s for s in tree.root.walk()[1:] if s.title == title and kind in (None, s.kind)]
    assert len(hits) == 1, [h.heading for h in hits]
    return hits[0]


def path_to(tree: SectionTree, target: Section) -> tuple[Section, ...]:
    def walk(node: Section, trail: tuple[Section, ...]) -> tuple[Section, ...] | None:
        for c in node.children:
            if c is target:
                return (*trail, c)
            found = walk(c, (*trail, c))
            if found:
                return found
        return None

    found = walk(tree.root, ())
    assert found is not None
    return found


def texts(display: str, paragraphs: list[Paragraph]) -> list[str]:
    return [display[p.start : p.end] for p in paragraphs]


# --- the top two levels of every seed ---------------------------------------------------------

SEED_TREES = {
    JIYUAN: """\
一、总体要求
二、总体目标
三、重点任务
  (一)全面加强黄河流域生态保护
  (二)高标准做好生态环境保护督察整改工作
  (三)持之以恒打好污染防治攻坚战
  (四)强化九项重点工作""",
    ZHENGZHOU: """\
一、总体要求
二、主要目标
三、重点任务
  (一)城市空气质量提升进位行动
  (二)交通运输清洁行动
  (三)能源绿色低碳发展行动
  (四)工业行业升级改造行动
  (五)黑臭水体消除行动
  (六)美丽主福河湖建设行动
  (七)南水北调水质安全保障行动
  (八)农业绿色发展及农村人居环境整治行动
  (九)生态环境突出问题整治行动
  (十)环境监管能力提升行动
四、保障措施
  (一)加强组织领导
  (二)压实工作责任
  (三)完善政策措施
  (四)强化宣传引导""",
    JINCHENG: """\
一、指導思想
二、總體目標
  (一)空氣質量改善目標
  (二)水環境質量改善目標
  (三)土壤環境質量改善目標
  (四)環境安全保障目標
三、主要措施
  （一）堅決貫徹落實中央和省委、省政府的決策部署
  (二)堅定不移推進經濟轉型與結構調整
  (三)全力以赴深化環境治理
  (四)進一步提升環境監管執法和安全防控能力
  (五)持續加大生態環境建設力度
  (六)不斷建立完善生態環境保護管理長效機制
四、組織保障
  （一）強化組織領導
  (二)強化責任追究
  (三)強化任務落實
  （四）強化督導檢查
  (五)強化信息公開""",
    ZHEJIANG: """\
一、上半年工作进展情况
  (一)狠抓“治水”工作
  (二)狠抓“治气”工作
  (三)狠抓“治土”工作
  (四)狠抓重点行业整治提升
  (五)狠抓生态文明建设
  (六)狠抓生态文明制度改革
  (七)狠抓执法监管工作
二、下半年工作安排
  (一)打好“治水”、“治气”和“治土”三大战役,改善环境质量
  (二)全面启动“xxx”美丽x建设行动,有效推进生态文明建设
  (三)深化生态文明制度改革,大力推进绿色发展
  (四)加强环境执法监管,确保区域环境安全
  (五)加强环保宣传发动,营造良好环境保护氛围""",
    ANHUI: """\
一、总体要求
二、全面推进生态强省美丽安徽建设
  (一)加强生态强省美丽安徽建设全面布局
  (二)深化共保联治共建美丽长三角
三、持之以恒打好污染防治攻坚战
  (三)持续深入打好蓝天保卫战
  (四)持续深入打好碧水保卫战
  (五)持续深入打好净土保卫战
  (六)加强固体废物综合治理和新污染物治理
四、推动发展方式绿色低碳转型
  (七)服务支撑经济高质量发展
  (八)积极应对气候变化
  (九)深化新能源和节能环保产业“双招双引”
五、加大生态保护修复和监管力度
  (十)强化生态保护修复统一监管
  (十一)加强生物多样性保护
  (十二)强化示范创建和引领
六、全力抓好突出生态环境问题整改
  (十三)高质量推进突出生态环境问题整改
  (十四)持续推动环境信访问题解决
七、守牢生态强省美丽安徽建设安全底线
  (十五)严密防控环境风险
  (十六)严格核与辐射安全监管
八、不断健全现代环境治理体系
  (十七)推进生态环境保护地方法规标准体系建设
  (十八)全面提升生态环境支撑保障能力
  严格督察执法
  强化生态环境领域科技建设
  加快建立现代化生态环境监测体系
  加大生态环境保护宣传力度
九、深入推进全面从严治党
  (十九)切实加强政治机关建设
  (二十)持续强化思想理论武装
  (二十一)深入推进党风廉政建设
  (二十二)强力推进生态环境保护铁军建设""",
}


@pytest.mark.parametrize("name", sorted(SEED_TREES))
def test_seed_top_two_levels(name: str) -> None:
    assert format_tree(tree_of(SEEDS / name), max_depth=2) == SEED_TREES[name]


# --- deep items in the seeds ------------------------------------------------------------------


def test_jiyuan_arabic_item_under_paren_cn() -> None:
    tree, display = tree_of(SEEDS / JIYUAN), display_of(SEEDS / JIYUAN)
    item = find(tree, "持续深入打好蓝天保卫战")
    path = path_to(tree, item)
    assert [s.kind for s in path] == ["cn", "paren_cn", "arabic"]
    assert section_number(path) == "三.（三）.1"
    assert pinpoint(path) == "第三部分（三）第1项"
    assert (item.label, item.number, item.depth) == ("1.", "1", 3)
    assert display[item.start : item.body_start] == "1.持续深入打好蓝天保卫战。"
    assert display[item.body_start :].startswith("重点推进九项工作。一是推进实施大气减排工程。")
    # Its nine 一是…九是 items are enum children, each a span inside the one paragraph.
    enums = item.children
    assert [e.label for e in enums] == [f"{n}是" for n in "一二三四五六七八九"]
    assert enums[0].title == "推进实施大气减排工程"
    assert enums[-1].title == "加强噪声污染防治"
    assert display[enums[0].start : enums[1].start].startswith("一是推进实施大气减排工程。实施确定的")
    assert display[enums[-1].start : enums[-1].end].endswith("推进自动监测站点建设、调试和联网。")
    assert enums[-1].end == item.end
    assert display[enums[-1].body_start :].startswith("结合声环境质量标准")
    assert "\n" not in display[item.start : item.end]


def test_jiyuan_lead_sentence_title_and_body() -> None:
    tree, display = tree_of(SEEDS / JIYUAN), display_of(SEEDS / JIYUAN)
    s = find(tree, "全面加强黄河流域生态保护")
    assert s.kind == "paren_cn" and s.number == "（一）"
    assert display[s.body_start :].startswith("强化黄河流域生态保护治理")
    # A heading line without a lead sentence: the whole line is the title, the body is the next line.
    s3 = find(tree, "持之以恒打好污染防治攻坚战")
    assert display[s3.body_start :].startswith("1.持续深入打好蓝天保卫战。")
    # numbering restarts under a new parent
    s4 = find(tree, "强化九项重点工作")
    assert [c.number for c in s4.children] == [str(n) for n in range(1, 10)]


def test_jincheng_repaired_heading_and_enum_paragraphs() -> None:
    tree, display = tree_of(SEEDS / JINCHENG), display_of(SEEDS / JINCHENG)
    s = find(tree, "堅決貫徹落實中央和省委、省政府的決策部署")
    assert s.kind == "paren_cn" and s.number == "（一）"
    assert section_number(path_to(tree, s)) == "三.（一）"
    assert [c.title for c in s.children] == [
        "切實把環境保護擺在更為突出的位置",
        "嚴格落實環境保護主體責任",
        "強化考核評價和責任追究",
    ]
    water = find(tree, "扎實推進水污染防治")
    assert section_number(path_to(tree, water)) == "三.（三）.2"
    assert [e.label for e in water.children] == ["一是", "二是", "三是", "四是", "五是"]
    first = water.children[0]
    assert first.title == "深化“涉水企事業單位”污水減排專項整治"
    # The paragraph is split into its lead-in and one Paragraph per item.
    paras = [p for p in tree.paragraphs if p.path and water in p.path]
    assert texts(display, paras)[0] == "2.扎實推進水污染防治。"
    assert texts(display, paras)[1].startswith("一是深化“涉水企事業單位”污水減排專項整治。通過實施")
    assert [p.path[-1] for p in paras[1:]] == water.children
    assert paras[0].end == paras[1].start
    assert section_number(paras[1].path) == "三.（三）.2.一是"
    assert pinpoint(paras[1].path) == "第三部分（三）第2项一是"


def test_jincheng_title_line_followed_by_enum_paragraph() -> None:
    tree, display = tree_of(SEEDS / JINCHENG), display_of(SEEDS / JINCHENG)
    s = find(tree, "引深市區生態建設")
    assert display[s.body_start :].startswith("一是完善“城市園林化發展規劃”")
    assert [e.title for e in s.children] == [
        "完善“城市園林化發展規劃”,堅持城鎮建設與城市綠化美化一同推進,逐步實現“城在林中、林在城中、人在綠中”的愿景",
        "完善“建成區污染企業搬遷修復規劃”,推進污染企業搬遷,開展廢棄場地生態修復",
    ]
    # the enum paragraph starts with 一是: no empty lead-in paragraph
    paras = [p for p in tree.paragraphs if p.path and s in p.path]
    assert texts(display, paras)[0] == "1.引深市區生態建設"
    assert [p.path[-1].label for p in paras[1:]] == ["一是", "二是"]


def test_zhengzhou_numbering_runs_on_across_parents() -> None:
    tree, display = tree_of(SEEDS / ZHENGZHOU), display_of(SEEDS / ZHENGZHOU)
    task = find(tree, "重点任务")
    numbers = [c.number for p in task.children for c in p.children]
    assert numbers == [str(n) for n in range(1, 22)]
    s = find(tree, "推进空气质量排名进位")
    paras = [display[p.start : p.end] for p in tree.paragraphs if p.path and p.path[-1] is s]
    assert paras[1:] == ["牵头单位:区攻坚办", "责任单位:区攻坚办各成员单位"]
    assert pinpoint(path_to(tree, s)) == "第三部分（一）第1项"


def test_anhui_unnumbered_lead_paragraphs_are_siblings() -> None:
    tree, display = tree_of(SEEDS / ANHUI), display_of(SEEDS / ANHUI)
    eight = find(tree, "不断健全现代环境治理体系")
    assert [(c.kind, c.title) for c in eight.children] == [
        ("paren_cn", "推进生态环境保护地方法规标准体系建设"),
        ("paren_cn", "全面提升生态环境支撑保障能力"),
        ("lead", "严格督察执法"),
        ("lead", "强化生态环境领域科技建设"),
        ("lead", "加快建立现代化生态环境监测体系"),
        ("lead", "加大生态环境保护宣传力度"),
    ]
    lead = eight.children[2]
    assert display[lead.start : lead.body_start] == "严格督察执法。"
    assert display[lead.body_start :].startswith("制订省生态环境保护督察工作领导小组工作规则")
    assert pinpoint(path_to(tree, lead)) == "第八部分“严格督察执法”"
    assert section_number(path_to(tree, lead)) == "八"
    # numbering resumes after the lead paragraphs, under the next parent
    assert find(tree, "切实加强政治机关建设").number == "（十九）"


def test_lead_headings_fire_only_in_anhui() -> None:
    for name in (JIYUAN, ZHENGZHOU, JINCHENG, ZHEJIANG):
        assert [s.title for s in tree_of(SEEDS / name).root.walk() if s.kind == "lead"] == [], name
    assert len([s for s in tree_of(SEEDS / ANHUI).root.walk() if s.kind == "lead"]) == 4


def test_zhejiang_restart_under_second_part() -> None:
    tree = tree_of(SEEDS / ZHEJIANG)
    first, second = tree.root.children
    assert [c.number for c in first.children] == [f"（{n}）" for n in "一二三四五六七"]
    assert [c.number for c in second.children] == [f"（{n}）" for n in "一二三四五"]
    assert second.children[0].title == "打好“治水”、“治气”和“治土”三大战役,改善环境质量"


# --- regulations ------------------------------------------------------------------------------


def test_regulation_chapters_and_articles() -> None:
    tree, display = tree_of(ENV_LAW), display_of(ENV_LAW)
    chapters = tree.root.children
    assert [(c.kind, c.number, c.title) for c in chapters] == [
        ("chapter", "第一章", "总则"),
        ("chapter", "第二章", "监督管理"),
        ("chapter", "第三章", "保护和改善环境"),
        ("chapter", "第四章", "防治污染和其他公害"),
        ("chapter", "第五章", "信息公开和公众参与"),
        ("chapter", "第六章", "法律责任"),
        ("chapter", "第七章", "附则"),
    ]
    articles = [s for s in tree.root.walk() if s.kind == "article"]
    assert [cn_to_int(a.number[1:-1]) for a in articles] == list(range(1, 71))
    assert [a.number for a in chapters[0].children][-1] == "第十二条"
    # The document title "# 中华人民共和国环境保护法" names the document: no section, empty path.
    assert tree.paragraphs[0].path == ()
    assert display[tree.paragraphs[0].start : tree.paragraphs[0].end] == "# 中华人民共和国环境保护法"
    # An article: empty title, its text is the body; the following paragraphs are its 款.
    art4 = next(a for a in articles if a.number == "第四条")
    assert art4.title == "" and art4.children == []
    assert display[art4.body_start :].startswith("保护环境是国家的基本国策。")
    paras = [p for p in tree.paragraphs if p.path and p.path[-1] is art4]
    assert texts(display, paras)[1].startswith("国家采取有利于节约和循环利用资源")
    assert [article_paragraph_index(tree, p) for p in paras] == [0, 1]
    assert pinpoint(paras[1].path, article_paragraph_index(tree, paras[1])) == "第四条第二款"
    assert section_number(paras[1].path) == "第一章.第四条"
    art5 = next(a for a in articles if a.number == "第五条")
    one = next(p for p in tree.paragraphs if p.path and p.path[-1] is art5)
    assert article_paragraph_index(tree, one) is None  # a one-款 article is cited without 款


def test_regulation_with_subchapters() -> None:
    tree = tree_of(AIR_LAW)
    four = find(tree, "大气污染防治措施", "chapter")
    assert [(c.number, c.title) for c in four.children] == [
        ("第一节", "燃煤和其他能源污染防治"),
        ("第二节", "工业污染防治"),
        ("第三节", "机动车船等污染防治"),
        ("第四节", "扬尘污染防治"),
        ("第五节", "农业和其他污染防治"),
    ]
    first = four.children[0]
    assert (first.children[0].number, first.children[-1].number) == ("第三十二条", "第四十二条")
    # After the 节 of chapter 4, chapter 5 holds its articles directly; numbering runs on.
    five = find(tree, "重点区域大气污染联合防治", "chapter")
    assert five.children[0].number == "第八十六条"
    assert section_number(path_to(tree, first.children[0])) == "第四章.第一节.第三十二条"
    assert pinpoint(path_to(tree, first.children[0])) == "第三十二条"
    articles = [s for s in tree.root.walk() if s.kind == "article"]
    assert [cn_to_int(a.number[1:-1]) for a in articles] == list(range(1, 130))


def test_regulation_without_chapters_items_and_later_paragraphs() -> None:
    tree = tree_of(JIAXING)
    assert {c.kind for c in tree.root.children} == {"article"}
    art6 = next(a for a in tree.root.children if a.number == "第六条")
    assert [(c.kind, c.number) for c in art6.children] == [("paren_cn", f"（{n}）") for n in "一二三四五"]
    assert art6.children[0].title == "建筑垃圾产生和需求信息"
    item = art6.children[2]
    paras = [p for p in tree.paragraphs if p.path and p.path[-1] is item]
    assert article_paragraph_index(tree, paras[0]) == 1  # the items hang off the second 款
    assert pinpoint(paras[0].path, 1) == "第六条第二款第（三）项"
    # A paragraph after the items is a new 款 of the article, not part of the last item.
    art12 = next(a for a in tree.root.children if a.number == "第十二条")
    after = [p for p in tree.paragraphs if p.path and p.path[-1] is art12]
    assert len(after) >= 2
    assert all(p.start > art12.children[-1].end for p in after[1:])


# --- synthetic documents ----------------------------------------------------------------------

MIXED = """\
关于某事的通知
第一部分 总体安排
一、目标
（一）空气。到2025年，PM2.5浓度下降。
1．加强管控。严格执行。
2、推进治理。加快推进。
1.重新从一开始的编号不是标题。
3.5万元以上的项目纳入监管。
（二）水体
(1)河流
(2)湖泊
二、任务
重点工程
1.第一项
2.第二项
第二部分 保障
一、组织领导
1.2%的企业完成改造。
2024年全面完成。
五、跳号太多不是标题
"""


def test_mixed_schemes_exact_tree() -> None:
    tree = parse_sections(MIXED)
    assert (
        format_tree(tree)
        == """\
第一部分 总体安排
  一、目标
    （一）空气
      1．加强管控
      2、推进治理
    （二）水体
      (1)河流
      (2)湖泊
  二、任务
    重点工程
      1.第一项
      2.第二项
第二部分 保障
  一、组织领导"""
    )
    kinds = [(s.kind, s.number) for s in tree.root.walk()[1:]]
    assert kinds == [
        ("part", "第一部分"),
        ("cn", "一"),
        ("paren_cn", "（一）"),
        ("arabic", "1"),
        ("arabic", "2"),
        ("paren_cn", "（二）"),
        ("paren_arabic", "（1）"),
        ("paren_arabic", "（2）"),
        ("cn", "二"),
        ("lead", ""),
        ("arabic", "1"),
        ("arabic", "2"),
        ("part", "第二部分"),
        ("cn", "一"),
    ]
    assert format_tree(tree, max_depth=1) == "第一部分 总体安排\n第二部分 保障"
    by_text = {MIXED[p.start : p.end]: p for p in tree.paragraphs}
    # A restarted "1." without a new parent, a decimal, a percentage, a year and a number
    # that skips too far are all body text of the section they sit in.
    assert section_number(by_text["1.重新从一开始的编号不是标题。"].path) == "第一部分.一.（一）.2"
    assert section_number(by_text["3.5万元以上的项目纳入监管。"].path) == "第一部分.一.（一）.2"
    assert section_number(by_text["1.2%的企业完成改造。"].path) == "第二部分.一"
    assert section_number(by_text["2024年全面完成。"].path) == "第二部分.一"
    assert section_number(by_text["五、跳号太多不是标题"].path) == "第二部分.一"
    assert by_text["关于某事的通知"].path == ()
    assert pinpoint(by_text["2.第二项"].path) == "第一部分第二项“重点工程”第2项"
    assert pinpoint(by_text["(2)湖泊"].path) == "第一部分第一项（二）（2）"


def test_decimals_years_and_cross_references_are_not_labels() -> None:
    for text in (
        "1.2%的企业",
        "2024年全面完成",
        "3、4月份开展",
        "2024.5.14",
        "第三条、第四条规定",
        "一、二级森林火险区内",
        "一",
    ):
        assert match_label(text) is None, text
    assert match_label("１．加强")  # full-width digits and dot
    assert match_label("１．加强").number == "1"  # type: ignore[union-attr]
    assert match_label("(十二)持续").number == "（十二）"  # type: ignore[union-attr]
    assert match_label("第一百零二条 违反").number == "第一百零二条"  # type: ignore[union-attr]


def test_markdown_headings_and_articles_restarting_chapters() -> None:
    text = "# 某条例\n\n## 第一章 总则\n\n第一条 目的。\n\n## 附则\n\n第二条 施行日期。\n\n第二条 重复的条号不是标题。\n"
    tree = parse_sections(text)
    assert format_tree(tree) == "第一章 总则\n  第一条\n附则\n  第二条"
    assert [s.kind for s in tree.root.children] == ["chapter", "markdown"]
    last = tree.paragraphs[-1]
    assert text[last.start : last.end] == "第二条 重复的条号不是标题。"
    assert section_number(last.path) == "第二条"
    assert pinpoint(last.path) == "第二条"


def test_title_line_groups_a_restarted_list() -> None:
    text = "一、总体要求\n（一）目标\n（二）原则\n重点任务\n（一）第一项任务\n（二）第二项任务\n二、保障"
    tree = parse_sections(text)
    assert format_tree(tree) == (
        "一、总体要求\n  （一）目标\n  （二）原则\n  重点任务\n    （一）第一项任务\n    （二）第二项任务\n二、保障"
    )


def test_enum_markers() -> None:
    assert [m.label for m in find_enum_markers("一是加强领导；二是完善制度，三是严格考核。")] == [
        "一是",
        "二是",
        "三是",
    ]
    assert [m.label for m in find_enum_markers("要求：一要提高认识。二要狠抓落实。")] == ["一要", "二要"]
    # 统一是 / 第一要务 are words, a lone 一是 is no enumeration
    assert find_enum_markers("标准统一是前提，二是关键。") == []
    assert find_enum_markers("一是加强领导。") == []
    tree = parse_sections("（一）工作。标准统一是前提。")
    assert tree.root.children[0].children == []


def test_chinese_numerals() -> None:
    assert [cn_to_int(t) for t in ("一", "十", "十二", "二十", "一百零二", "一百一十", "二〇")] == [
        1,
        10,
        12,
        20,
        102,
        110,
        20,
    ]
    assert cn_to_int("十x") is None
    assert [int_to_cn(n) for n in (1, 2, 10, 12, 21, 102, 110)] == [
        "一",
        "二",
        "十",
        "十二",
        "二十一",
        "一百零二",
        "一百一十",
    ]


# --- invariants over every seed and a few regulations -----------------------------------------

INVARIANT_DOCS = [
    *(SEEDS / n for n in (JIYUAN, ZHENGZHOU, JINCHENG, ZHEJIANG, ANHUI)),
    ENV_LAW,
    AIR_LAW,
    JIAXING,
    REGS / "山东" / "山东省循环经济条例(2016-07-22).md",
    REGS / "山东" / "烟台市森林防火条例(2016-09-23).md",
]


@pytest.mark.parametrize("path", INVARIANT_DOCS, ids=lambda p: p.stem)
def test_paragraphs_cover_every_line_exactly_once(path: Path) -> None:
    display = display_of(path)
    tree = tree_of(path)
    line_chars: set[int] = set()
    offset = 0
    for line in display.split("\n"):
        stripped = line.strip()
        if stripped:
            s = offset + line.index(stripped)
            line_chars.update(range(s, s + len(stripped)))
        offset += len(line) + 1
    covered: list[int] = []
    for p in tree.paragraphs:
        assert p.start < p.end and "\n" not in display[p.start : p.end]
        covered.extend(range(p.start, p.end))
    assert len(covered) == len(set(covered))  # no overlap
    assert set(covered) == line_chars  # nothing left out
    assert [p.start for p in tree.paragraphs] == sorted(p.start for p in tree.paragraphs)


@pytest.mark.parametrize("path", INVARIANT_DOCS, ids=lambda p: p.stem)
def test_section_spans_nest(path: Path) -> None:
    display = display_of(path)
    tree = tree_of(path)
    assert (tree.root.start, tree.root.end) == (0, len(display))

    def check(node: Section) -> None:
        for c in node.children:
            assert node.start <= c.start <= c.body_start <= c.end <= node.end
            assert c.depth == node.depth + 1
            if c.kind not in ("lead", "markdown"):
                assert display[c.start : c.end].lstrip("# ").startswith(c.label)
            assert c.title in display[c.start : c.end]
            check(c)
        starts = [c.start for c in node.children]
        ends = [c.end for c in node.children]
        assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))

    check(tree.root)
    # every paragraph's path is a chain of the tree, and lies inside the deepest section
    for p in tree.paragraphs:
        for parent, child in zip(p.path, p.path[1:], strict=False):
            assert any(c is child for c in parent.children)
        if p.path:
            assert p.path[0] in tree.root.children
            assert p.path[-1].start <= p.start and p.end <= p.path[-1].end
