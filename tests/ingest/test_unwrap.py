"""Hard-wrapped text files get their paragraphs back; everything else is left as written."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.loaders import load_file
from assistant.ingest.normalize import normalize
from assistant.ingest.unwrap import join_hard_wraps

REPO = Path(__file__).resolve().parents[2]
# A bundled regulation whose source text breaks every paragraph at column 26 (28 after the
# two-character indent), with a blank line after each piece.
WRAPPED = REPO / "corpus" / "regulations" / "河南" / "焦作市城市绿化条例(2018-11-05).md"


def _wrapped(paragraphs: list[str], width: int = 20) -> str:
    """Paragraphs broken every ``width`` characters, a blank line after each piece."""
    pieces = [p[i : i + width] for p in paragraphs for i in range(0, len(p), width)]
    return "\n\n".join(pieces)


PARAGRAPHS = [
    "第十五条 新建建设工程项目的绿地指标应当符合下列规定：",
    "（一）居住区的绿地率不低于百分之三十；",
    "（二）机关团体、中小学校、医院、公共文化设施等的绿地率不低于百分之三十五；",
    "（三）高等院校、疗养院等的绿地率不低于百分之四十，其中新建的不低于百分之四十五；",
    "第十六条 城市绿化工程的设计，应当委托持有相应资格证书的设计单位承担，并符合国家有关标准和技术规范的要求。",
    "第十七条 任何单位和个人不得擅自占用城市绿地，确需临时占用的，应当依法办理审批手续，并在期满后恢复原状。",
]


def test_a_text_wrapped_at_one_column_gets_its_paragraphs_back() -> None:
    joined = join_hard_wraps(_wrapped(PARAGRAPHS))
    lines = [ln for ln in joined.split("\n") if ln]
    assert lines == PARAGRAPHS


def test_short_headings_without_punctuation_are_not_a_wrap() -> None:
    # A work plan: headings stop without punctuation and the paragraph under them starts with a
    # character, but the headings have no common length, so nothing is joined.
    text = "\n".join(
        [
            "一、总体要求",
            "坚持精准治污、科学治污、依法治污。",
            "二、重点任务",
            "持续深入打好蓝天保卫战。",
            "（一）深入推进重点行业超低排放改造",
            "钢铁、水泥行业完成改造。",
            "（二）强化移动源污染防治",
            "推广新能源汽车。",
            "（三）加强扬尘精细化管控",
            "严格落实六个百分之百。",
            "（四）持续推进秸秆综合利用工作",
            "全面禁止露天焚烧。",
        ]
    )
    assert join_hard_wraps(text) == text


def test_a_text_with_a_few_cut_lines_only_is_left_alone() -> None:
    text = _wrapped(PARAGRAPHS[:1], width=20) + "\n\n" + "\n\n".join(PARAGRAPHS[1:])
    assert join_hard_wraps(text) == text


def test_markdown_tables_and_numbered_lines_are_never_joined_on() -> None:
    wrapped = _wrapped(PARAGRAPHS)
    text = wrapped + "\n\n" + "| 指标 | 目标 |\n| --- | --- |\n| 绿地率 | 百分之三十 |"
    out = join_hard_wraps(text)
    assert out.endswith("| 指标 | 目标 |\n| --- | --- |\n| 绿地率 | 百分之三十 |")
    assert "\n（一）居住区" in out  # a numbered item still starts its own line


def test_a_wrapped_regulation_reads_as_whole_sentences() -> None:
    loaded = load_file(WRAPPED)
    assert "的绿地\n\n率不低于" in loaded.text  # the file as received
    display = normalize(loaded).display
    assert "公共文化设施等的绿地率不低于百分之三十五；" in display
    assert "第十五条" in display and "第一条" in display
