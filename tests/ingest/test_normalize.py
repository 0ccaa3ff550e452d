"""Normalisation: mojibake repair, pinyin glosses, Unicode cleanup, script, aligned search text."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest

from assistant.ingest.loaders import load_file
from assistant.ingest.normalize import (
    UNKNOWN_CHAR,
    clean_unicode,
    detect_script,
    normalize,
    repair_gbk_mojibake,
    strip_pinyin_glosses,
    to_simplified_aligned,
)
from assistant.schema import LoadedText, NormalizedText

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "corpus" / "seed"
JINCHENG = SEED / "shanxi-jincheng-inspection-rectification-plan.txt"
SEEDS = sorted(SEED.glob("*.txt"))
REGULATIONS = sorted((REPO / "corpus" / "regulations").rglob("*.md"))


def _norm(path: Path) -> NormalizedText:
    return normalize(load_file(path))


@pytest.fixture(scope="module")
def jincheng() -> NormalizedText:
    return _norm(JINCHENG)


# --- seed 002: Traditional, pinyin glosses, GBK mojibake ------------------------------------


def test_jincheng_section_markers_repaired(jincheng: NormalizedText) -> None:
    lines = jincheng.display.split("\n")
    assert "（一）堅決貫徹落實中央和省委、省政府的決策部署" in lines
    assert any(ln.startswith("（一）強化組織領導。成立由市委副書記") for ln in lines)
    assert any(ln.startswith("（四）強化督導檢查。加大對各級各部門") for ln in lines)


def test_jincheng_other_garbled_runs_repaired(jincheng: NormalizedText) -> None:
    d = jincheng.display
    assert "通過實施環保“黃牌、紅牌”管理制度" in d
    assert "“重度污染耕地”專項整治。科學劃定治理與修復重點區域" in d
    assert "以及生態補償的立法進程。" in d
    assert "推動全市生態環境質量實現根本好轉。\n二、總體目標" in d
    assert "依法依規實施責任追究。\n(三)強化任務落實" in d


def test_jincheng_has_no_mojibake_glosses_or_tags(jincheng: NormalizedText) -> None:
    d = jincheng.display
    assert "?" not in d
    assert "?。" not in d
    assert UNKNOWN_CHAR not in d
    assert "</p>" not in d and "/p>" not in d
    for junk in "ㄒ唬﹫詻娀綄茖牧⒎ㄟ":
        assert junk not in d, junk
    assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]", d)


def test_jincheng_keeps_real_parentheses(jincheng: NormalizedText) -> None:
    d = jincheng.display
    assert "各縣(市、區)要成立相應的組織機構" in d
    assert "(一)空氣質量改善目標" in d
    assert "PM2.5" in d


def test_jincheng_script_and_search(jincheng: NormalizedText) -> None:
    assert jincheng.script == "traditional"
    assert jincheng.search.startswith("晋城市贯彻落实省委省政府环境保护督察组督察反馈意见整改方案")
    assert "晋城市" in jincheng.search
    assert "晉" not in jincheng.search
    i = jincheng.display.index("（一）堅決貫徹")
    assert jincheng.search[i : i + 7] == "（一）坚决贯彻"


def test_jincheng_mojibake_report_counts() -> None:
    text = JINCHENG.read_text(encoding="utf-8")
    _, report = repair_gbk_mojibake(text, "traditional")
    assert report.found == 8
    assert report.repaired == 8
    assert report.unknown_chars == 0
    assert ("?。ㄒ唬﹫詻Q", "（一）堅決") in report.runs


# --- mojibake mechanics on synthetic text ---------------------------------------------------


def _garble(text: str, lost_lead_at: int) -> str:
    """Reproduce the damage seen in seed 002: one GBK lead byte becomes "?", the rest is read
    in byte pairs shifted by one, invalid pairs are dropped whole, an ASCII byte resyncs."""
    data = bytearray(text.encode("gbk"))
    data[lost_lead_at] = 0x3F
    out, i = [], 0
    while i < len(data):
        if data[i] < 0x80:
            out.append(chr(data[i]))
            i += 1
            continue
        with contextlib.suppress(UnicodeDecodeError):
            out.append(bytes(data[i : i + 2]).decode("gbk"))
        i += 2
    return "".join(out)


BODY = "為了認真貫徹落實反饋意見，全面深化督察整改工作，加快整改進度。各縣要嚴格執行環境保護責任制度，強化監督檢查。\n"


def test_synthetic_shifted_run_with_a_dropped_pair_is_repaired() -> None:
    garbled = _garble(BODY + "　（二）嚴格執行環境保護責任制度", len(BODY.encode("gbk")))
    garbled_line = garbled.split("\n")[1]
    assert garbled_line.startswith("?。ǘ")
    assert garbled_line.endswith("境保護責任制度")  # the decoder got back in step
    repaired, report = repair_gbk_mojibake(garbled, "traditional")
    assert report.found == 1 and report.repaired == 1
    assert repaired.split("\n")[1] == "（二）嚴格執行環境保護責任制度"


def test_a_wholly_hidden_character_is_marked_not_guessed() -> None:
    # Two adjacent dropped pairs hide "）" entirely: the repair marks what it cannot know.
    garbled = _garble(BODY + "　（三）強化監督檢查。", len(BODY.encode("gbk")))
    repaired, report = repair_gbk_mojibake(garbled, "traditional")
    line = repaired.split("\n")[1]
    assert line.startswith("（") and line.endswith("督檢查。")
    assert UNKNOWN_CHAR in line
    assert report.partial == 1 and report.unknown_chars == line.count(UNKNOWN_CHAR)


def test_genuine_question_marks_are_left_alone() -> None:
    text = "这是一个问题吗?是的。\n网址 http://example.com/a.php?id=3 不变。\n为什么?!"
    repaired, report = repair_gbk_mojibake(text, "simplified")
    assert repaired == text
    assert report.found == 0


# --- pinyin glosses -------------------------------------------------------------------------


def test_pinyin_glosses_removed_real_parentheses_kept() -> None:
    text = "國務院關于印發(fā)《節(jié)能降碳行動方案》,各縣(市、區(qū))(2023—2025年)(PM2.5)(一)(x)"
    assert (
        strip_pinyin_glosses(text)
        == "國務院關于印發《節能降碳行動方案》,各縣(市、區)(2023—2025年)(PM2.5)(一)(x)"
    )


# --- Unicode cleanup ------------------------------------------------------------------------


def test_clean_unicode_is_targeted() -> None:
    raw = "⽣态\u2ee2\uf900\u200b（一）坚持，推进：完成；\u00a0\u3000甲\r\n乙"
    out = clean_unicode(raw)
    assert out == "生态\u2ee2\u8c48（一）坚持，推进：完成；  甲\n乙"
    assert "（" in out and "，" in out and "：" in out  # full-width punctuation kept


def test_indentation_and_blank_lines() -> None:
    loaded = LoadedText(
        text="标题\n\n\n\n    一、总体要求\n\n    正文。  \n\n\n", format="txt", encoding="utf-8"
    )
    assert normalize(loaded).display == "标题\n\n一、总体要求\n\n正文。"


def test_zhengzhou_indentation_stripped() -> None:
    n = _norm(SEED / "henan-zhengzhou-jingkaiqu-2023-2025-action-plan.txt")
    assert not any(ln.startswith(" ") for ln in n.display.split("\n"))
    assert "\n\n\n" not in n.display
    assert n.header == "来源:郑州经济技术开发区管委会  时间:2023-11-01 10:30"
    assert "打印此文" not in n.display


# --- boilerplate on the real seeds ----------------------------------------------------------


def test_jiyuan_display_has_no_chrome() -> None:
    n = _norm(SEED / "henan-jiyuan-2024-work-points.txt")
    assert "当前位置" not in n.display
    assert "扫一扫" not in n.display
    # (the header fields are the page's record, quoted from where it states them)
    assert "发文字号: 济管办〔2024〕26号" in n.display
    assert n.header.startswith("索 引 号: 005691947/2024-00345")
    assert "发文字号: 济管办〔2024〕26号" in n.header


def test_anhui_display_has_no_chrome() -> None:
    n = _norm(SEED / "anhui-2024-work-points.txt")
    lines = n.display.split("\n")
    assert "- 14362" not in lines and "14362" not in n.display
    assert "- 来源:安徽生态环境厅" in lines
    assert "来源:安徽生态环境厅" in n.header.split("\n")
    assert "版权与免责声明" not in n.display


# --- script and alignment -------------------------------------------------------------------


def test_detect_script() -> None:
    assert detect_script("晉城市貫徹落實省委省政府環境保護督察組督察反饋意見整改方案") == "traditional"
    assert detect_script("晋城市贯彻落实省委省政府环境保护督察组督察反馈意见整改方案") == "simplified"
    assert detect_script("PM2.5") == "simplified"


def test_aligned_conversion_keeps_length_when_opencc_would_not() -> None:
    # Each character converted alone: the result has the same length and converts what it can.
    text = "鬱鬱蔥蔥的著作\n發展"
    out = to_simplified_aligned(text)
    assert len(out) == len(text)
    assert out.endswith("发展")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_display_and_search_align(path: Path) -> None:
    n = _norm(path)
    assert len(n.display) == len(n.search)
    assert n.display.count("\n") == n.search.count("\n")
    assert n.display.strip() == n.display


@pytest.mark.parametrize("path", REGULATIONS[::12], ids=lambda p: p.name)
def test_regulation_sample(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    n = _norm(path)
    assert len(n.display) == len(n.search)
    assert n.script == "simplified"
    assert n.header == ""
    assert "INFO END" not in n.display
    assert n.display.startswith("# ")
    first_article = re.search(r"^第[一二]条.*$", raw, re.M)
    if first_article:
        assert first_article.group(0).strip()[:20] in n.display
