"""Article-by-article version diff: on the real version pairs of the corpus, on a pair built here
whose truth is known exactly, and against the hand-checked alignment of 海洋环境保护法."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from docx import Document as DocxDocument
from markdown_it import MarkdownIt

from assistant.cli import main
from assistant.diff import Segment, VersionDiff, articles, diff_documents, word_diff
from assistant.errors import UserInputError
from assistant.evaluation.diff_alignment import alignment_quality, read_gold
from assistant.index.docstore import StoredDocument
from assistant.numbering import int_to_cn
from assistant.schema import DocumentMeta, NormalizedText
from tests.conftest import CORPUS, REPO, SEEDS

LAWS = CORPUS / "regulations" / "国家法律"
MARINE = ("海洋环境保护法(2017-11-04).md", "海洋环境保护法(2023-10-24).md")
WILDLIFE = ("野生动物保护法(2018-10-26).md", "野生动物保护法(2022-12-30).md")
NOISE = ("环境噪声污染防治法(2018-12-29).md", "噪声污染防治法(2021-12-24).md")
GOLD = REPO / "eval" / "diff_alignment.jsonl"
# Measured on GOLD with the default thresholds (eval/reports/diff_alignment.md): 82/85 and 81/93.
MEASURED_PRECISION, MEASURED_RECALL, MARGIN = 0.965, 0.871, 0.03


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The three real pairs ingested into a fresh library (hashing embedder: only texts matter)."""
    from assistant.config import Settings
    from assistant.core import Assistant

    root = tmp_path_factory.mktemp("diff")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in (*MARINE, *WILDLIFE, *NOISE, "水污染防治法(2017-06-27).md"):
        shutil.copy(LAWS / name, corpus / name)
    shutil.copy(SEEDS / "anhui-2024-work-points.txt", corpus / "anhui.txt")
    a = Assistant(Settings(data_dir=root / "data", corpus_dir=corpus), embedder="hash")
    report = a.ingest()
    assert not report.errors, report.errors
    return a


def _doc(library: Any, name: str) -> StoredDocument:
    return next(d for d in library.documents() if Path(d.meta.source_path).name == name)


def _diff(library: Any, pair: tuple[str, str]) -> VersionDiff:
    return diff_documents(_doc(library, pair[0]), _doc(library, pair[1]))


def _check_partition(d: VersionDiff) -> None:
    """Every article of both versions appears exactly once."""
    old = [p.old_label for p in d.pairs if p.old_label]
    new = [p.new_label for p in d.pairs if p.new_label]
    assert sorted(old) == sorted(a.label for a in articles(d.old_doc))
    assert new == [a.label for a in articles(d.new_doc)]  # pairs follow the new text's order
    assert sum(d.summary.values()) == len(d.pairs)


# --- the real pairs ------------------------------------------------------------------------------


def test_marine_2017_to_2023_renumbered(library: Any) -> None:
    d = _diff(library, MARINE)
    _check_partition(d)
    assert d.relation == "修订" and not d.swapped
    assert len(articles(d.old_doc)) == 97 and len(articles(d.new_doc)) == 124
    # the example: 倾倒废弃物评价程序和标准
    p = d.counterpart("第五十六条")
    assert p is not None and p.new_label == "第七十二条" and p.kind == "changed"
    assert (
        Segment("delete", "国家海洋行政") in p.segments and Segment("insert", "国务院生态环境") in p.segments
    )
    # read by hand: 第二十七条 (海岸防护设施) kept its words, 第四条 (义务) crossed the reordered 总则
    kept = d.counterpart("第二十七条")
    assert kept is not None and (kept.new_label, kept.kind) == ("第四十一条", "unchanged")
    moved = d.counterpart("第四条")
    assert moved is not None and moved.new_label == "第九条" and moved.kind == "moved"
    assert d.counterpart("第三十二条").kind == "removed"  # type: ignore[union-attr]  排污申报, dropped
    s = d.summary
    assert s["added"] == 124 - (97 - s["removed"])
    assert s["changed"] > s["unchanged"] and s["added"] >= 27  # a major revision: 97 → 124 articles


def test_wildlife_2018_to_2022(library: Any) -> None:
    d = _diff(library, WILDLIFE)
    _check_partition(d)
    assert d.relation == "修订"
    # read by hand: 2022 inserts 第二十七条 (人工繁育安全措施), so 2018 第二十七条 is 2022 第二十八条
    assert d.counterpart("第二十七条").new_label == "第二十八条"  # type: ignore[union-attr]
    assert d.counterpart("第二十八条").new_label == "第二十九条"  # type: ignore[union-attr]
    added = [p.new_label for p in d.pairs if p.kind == "added"]
    assert "第二十七条" in added
    assert d.summary["added"] == 64 - 58 + d.summary["removed"]


def test_noise_act_replaced_by_a_different_act(library: Any) -> None:
    d = _diff(library, NOISE)
    _check_partition(d)
    assert d.relation == "废止"
    assert "废止了旧文本" in "\n".join(d.preamble())
    # read by hand: 夜间施工 and 用语含义 (夜间 defined) have counterparts in the new act
    assert d.counterpart("第三十条").new_label == "第四十三条"  # type: ignore[union-attr]
    assert d.counterpart("第六十三条").new_label == "第八十八条"  # type: ignore[union-attr]
    assert d.counterpart("第一条").new_label == "第一条"  # type: ignore[union-attr]
    assert d.summary["removed"] > 0 and d.summary["added"] > 0


def test_arguments_in_either_order(library: Any) -> None:
    old, new = _doc(library, WILDLIFE[0]), _doc(library, WILDLIFE[1])
    forward, backward = diff_documents(old, new), diff_documents(new, old)
    assert backward.swapped and backward.old_doc is old
    assert [(p.old_label, p.new_label, p.kind) for p in backward.pairs] == [
        (p.old_label, p.new_label, p.kind) for p in forward.pairs
    ]


def test_unrelated_acts_and_documents_without_articles(library: Any) -> None:
    d = diff_documents(_doc(library, MARINE[0]), _doc(library, "水污染防治法(2017-06-27).md"))
    assert d.relation == ""
    assert "与《" in d.title()
    plan = _doc(library, "anhui.txt")
    with pytest.raises(UserInputError, match="第X条"):
        diff_documents(plan, _doc(library, MARINE[0]))


# --- a pair with known truth --------------------------------------------------------------------

_ARTICLES = {
    "A": "国家建立森林防火责任制度，县级以上人民政府统一领导本行政区域的森林防火工作。",
    "B": "排污单位必须按照规定安装自动监测设备，并与生态环境主管部门的监控设备联网。",
    "B2": "排污单位应当按照规定安装自动监测设备，并与生态环境主管部门的监控设备联网，保证正常运行。",
    "C": "禁止在饮用水水源一级保护区内新建、改建、扩建与供水设施和保护水源无关的建设项目。",
    "D": "船舶进入港口应当遵守港口管理机构关于垃圾接收的规定。",
    "E": "国家鼓励科研机构开展土壤污染防治技术研究，推广先进适用技术。",
    "F": "违反本法规定，拒不缴纳罚款的，按日加处罚款。",
    "G": "对举报环境违法行为的单位和个人给予奖励，并为举报人保密。",
    "H": "本法所称湿地，是指具有显著生态功能的自然或者人工的、常年或者季节性积水地带、水域。",
    "H2": "本法所称湿地，是指具有显著生态功能的自然或者人工的、常年或者季节性积水地带、水域，包括低潮时水深不超过六米的海域。",
    "I": "城市人民政府应当合理规划建设公共交通设施，减少机动车尾气排放。",
    "J": "本法自公布之日起施行。",
    "X": "县级以上地方人民政府应当组织编制农村生活垃圾治理规划。",
    "Y": "国务院有关部门应当建立生态保护补偿资金使用情况的审计制度。",
}


def _law(doc_id: str, date: str, keys: list[str]) -> StoredDocument:
    body = "\n\n".join(f"第{int_to_cn(k)}条 {_ARTICLES[key]}" for k, key in enumerate(keys, 1))
    text = f"# 中华人民共和国示例保护法\n\n## 第一章 总则\n\n{body}\n"
    meta = DocumentMeta(doc_id, "中华人民共和国示例保护法", revised_date=date, doc_type="法律", level="国家")
    return StoredDocument(meta, NormalizedText(text, text, "simplified"), doc_id, "", [])


def test_constructed_pair_with_known_truth() -> None:
    # 2020 → 2024: 第八条 (H) moves to the front, reworded; 第二条 (B) reworded; 第三条 (C)
    # deleted; X inserted after E; Y appended.
    old = _law("old", "2020-01-01", list("ABCDEFGHIJ"))
    new = _law("new", "2024-01-01", ["H2", "A", "B2", "D", "E", "X", "F", "G", "I", "J", "Y"])
    d = diff_documents(old, new)
    got = [(p.old_label, p.new_label, p.kind) for p in d.pairs]
    n = lambda k: f"第{int_to_cn(k)}条"  # noqa: E731
    assert got == [
        (n(8), n(1), "moved"),
        (n(1), n(2), "unchanged"),
        (n(2), n(3), "changed"),
        (n(3), None, "removed"),
        (n(4), n(4), "unchanged"),
        (n(5), n(5), "unchanged"),
        (None, n(6), "added"),
        (n(6), n(7), "unchanged"),
        (n(7), n(8), "unchanged"),
        (n(9), n(9), "unchanged"),
        (n(10), n(10), "unchanged"),
        (None, n(11), "added"),
    ]
    assert d.summary == {"changed": 1, "added": 2, "removed": 1, "moved": 1, "unchanged": 7}
    b = d.counterpart(n(2))
    assert b is not None
    assert [s for s in b.segments if s.op != "equal"] == [
        Segment("delete", "必须"),
        Segment("insert", "应当"),
        Segment("insert", "，保证正常运行"),
    ]
    assert d.pairs[0].heading == "原第八条 → 现第一条（移动并修改）"
    assert d.relation == "修订"


def test_word_diff_rebuilds_both_texts() -> None:
    old, new = _ARTICLES["H"], _ARTICLES["H2"]
    segs = word_diff(old, new)
    assert "".join(s.text for s in segs if s.op != "insert") == old
    assert "".join(s.text for s in segs if s.op != "delete") == new
    assert word_diff("", "新增条文") == [Segment("insert", "新增条文")]


# --- exports -------------------------------------------------------------------------------------


def _rendered_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("pair", [MARINE, WILDLIFE, NOISE])
def test_markdown_marks_render_in_commonmark(library: Any, pair: tuple[str, str]) -> None:
    """Every ~~…~~ and **…** is honoured by a CommonMark renderer, even next to Chinese punctuation."""
    d = _diff(library, pair)
    md = d.to_markdown()
    html = MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(md)
    assert "**" not in html and "~~" not in html
    assert "<strong>" in html and "<s>" in html and "<table>" in html
    assert md.startswith("# 《") and "| 修改 |" in md and "### 未变条文" in md


def test_markdown_of_a_known_change() -> None:
    d = diff_documents(_law("a", "2020-01-01", ["A", "B"]), _law("b", "2024-01-01", ["A", "B2"]))
    md = d.to_markdown()
    assert "### 第二条（修改）" in md
    assert "~~必须~~**应当**" in md
    # the inserted clause starts with "，" after a letter: the letter joins the change on both sides
    assert "~~网~~**网，保证正常运行**" in md
    assert "第一条" in md.split("### 未变条文")[1]
    full = d.to_markdown(include_unchanged=True)
    assert "### 第一条（未变）" in full


def test_docx_export(library: Any, tmp_path: Path) -> None:
    d = _diff(library, MARINE)
    out = d.to_docx(tmp_path / "对照.docx")
    doc = DocxDocument(str(out))
    table = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert table[0] == ["类别", "条数"]
    assert [(k, int(v)) for k, v in table[1:]] == d.summary_rows()
    runs = [r for p in doc.paragraphs for r in p.runs]
    assert any(r.font.strike and r.text == "国家海洋行政" for r in runs)
    assert any(r.bold and r.underline and r.text == "国务院生态环境" for r in runs)
    headings = [p.text for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert "原第五十六条 → 现第七十二条（修改）" in headings


def test_to_dict_for_the_web(library: Any) -> None:
    d = _diff(library, WILDLIFE).to_dict()
    assert d["summary"]["added"] == 6 and d["relation"] == "修订"
    first = d["pairs"][0]
    assert set(first) >= {"old_label", "new_label", "kind", "similarity", "segments"}
    assert all(op in ("equal", "delete", "insert") for op, _ in first["segments"])


def test_cli_diff(library: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_DATA_DIR", str(library.settings.data_dir))
    monkeypatch.setenv("POLICY_ASSISTANT_EMBEDDER", "hash")
    old, new = (_doc(library, n).meta.doc_id for n in MARINE)
    assert main(["diff", old, new]) == 0
    out = capsys.readouterr().out
    assert "原第五十六条 → 现第七十二条（修改）" in out and "| 新增 | 39 |" in out
    target = tmp_path / "x.docx"
    assert main(["diff", old, new, "--format", "docx", "--out", str(target)]) == 0
    assert target.exists() and "已写入" in capsys.readouterr().out
    assert main(["diff", old, "no-such-doc"]) == 2
    assert "错误" in capsys.readouterr().err


# --- measured quality on the hand-checked sample ------------------------------------------------


def test_gold_sample_is_well_formed(library: Any) -> None:
    gold = read_gold(GOLD)
    assert len(gold) >= 40
    old_labels = {a.label for a in articles(_doc(library, MARINE[0]))}
    new_labels = {a.label for a in articles(_doc(library, MARINE[1]))}
    for g in gold:
        assert g["old"] in old_labels
        assert {g["new"], *g.get("also", [])} - {None} <= new_labels
    assert len({g["old"] for g in gold}) == len(gold)


def test_alignment_quality_on_the_marine_pair(library: Any) -> None:
    q = alignment_quality(_diff(library, MARINE), read_gold(GOLD))
    assert q.precision >= MEASURED_PRECISION - MARGIN, q.errors
    assert q.recall >= MEASURED_RECALL - MARGIN, q.errors
    report = (REPO / "eval" / "reports" / "diff_alignment.md").read_text(encoding="utf-8")
    assert f"{MEASURED_PRECISION:.3f}" in report and f"{MEASURED_RECALL:.3f}" in report


def test_web_view_and_version_pairs(library: Any) -> None:
    from assistant.ui.versions_tab import diff_html

    old, new = _doc(library, MARINE[0]), _doc(library, MARINE[1])
    assert (old.meta.doc_id, new.meta.doc_id) in library.version_pairs()
    d = library.diff(new.meta.doc_id, old.meta.doc_id)  # either order: the older is the old text
    html = diff_html(d)
    assert "原第五十六条 → 现第七十二条" in html
    assert '<del class="diff-del">' in html and '<ins class="diff-ins">' in html
    assert html.count('class="diff-pair diff-unchanged"') == 0
    assert (
        diff_html(d, include_unchanged=True).count('class="diff-pair diff-unchanged"')
        == d.summary["unchanged"]
    )
