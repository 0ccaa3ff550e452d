"""The extractive answerer on hand-built passages of the real seed and regulation texts."""

from __future__ import annotations

import re

import pytest

from assistant.answer import ExtractiveAnswerer, verify_citations
from assistant.schema import Answer, Chunk, Passage
from tests.answer.builders import (
    Doc,
    Store,
    analysis,
    anhui,
    jincheng,
    jiyuan,
    passages,
    sanmenxia,
    sanmenxia_fines,
)


@pytest.fixture(scope="module")
def docs() -> dict[str, Doc]:
    return {"jiyuan": jiyuan(), "anhui": anhui(), "jincheng": jincheng(), "sanmenxia": sanmenxia()}


@pytest.fixture(scope="module")
def store(docs: dict[str, Doc]) -> Store:
    return Store(*docs.values())


@pytest.fixture(scope="module")
def chunks(docs: dict[str, Doc]) -> dict[str, Chunk]:
    j, a, jc, s = docs["jiyuan"], docs["anhui"], docs["jincheng"], docs["sanmenxia"]
    return {
        "j_req": j.chunk("一、总体要求", "美丽济源。", ("一、总体要求",), "一"),
        "j_goal": j.chunk("二、总体目标", "有效保障。", ("二、总体目标",), "二"),
        "j_yellow": j.chunk(
            "(一)全面加强黄河流域生态保护",
            None,
            ("三、重点任务", "(一)全面加强黄河流域生态保护。"),
            "三.（一）",
        ),
        "j_sky": j.chunk(
            "1.持续深入打好蓝天保卫战",
            None,
            ("三、重点任务", "(三)持之以恒打好污染防治攻坚战", "1.持续深入打好蓝天保卫战。"),
            "三.（三）.1",
        ),
        "a_goal": a.chunk("一、总体要求", "完成国家下达的年度目标。", ("一、总体要求",), "一"),
        "a_sky": a.chunk(
            "(三)持续深入打好蓝天保卫战",
            None,
            ("三、持之以恒打好污染防治攻坚战", "(三)持续深入打好蓝天保卫战。"),
            "三.（三）",
        ),
        "jc_goal": jc.chunk("二、總體目標", "應急能力有效提升。", ("二、總體目標",), "二"),
        # a merged chunk of three articles: each keeps its own section path as a part
        "s_fines": sanmenxia_fines(s),
        "s_art5": s.chunk(
            "第五条 市人民政府",
            "共同做好大气污染防治监督管理工作。",
            ("第一章  总则", "第五条"),
            "第一章.第五条",
        ),
        "s_art52": s.chunk("第五十二条", None, ("第七章  附则", "第五十二条"), "第七章.第五十二条"),
    }


def _check(answer: Answer, store: Store) -> None:
    """Invariants of every answer: markers resolve, quotes are exact, numbered 1.. in order."""
    assert verify_citations(answer, store) == []
    markers = [int(m) for m in re.findall(r"\[(\d+)\]", answer.text)]
    first_seen = list(dict.fromkeys(markers))
    assert first_seen == list(range(1, len(first_seen) + 1))
    assert [c.marker for c in answer.citations] == first_seen
    for c in answer.citations:
        assert store(c.doc_id).text.display[c.quote_start : c.quote_end] == c.quote


def test_number_question_cites_the_target(chunks: dict[str, Chunk], store: Store) -> None:
    ps = passages([chunks["j_req"], chunks["j_yellow"], chunks["j_goal"], chunks["j_sky"]])
    qa = analysis("济源2024年受污染耕地安全利用率要达到多少？", regions=["河南省 济源市"], years=[2024])
    ans = ExtractiveAnswerer().answer(qa, ps, store)
    _check(ans, store)
    assert not ans.abstained
    assert "受污染耕地安全利用率达到95%以上[1]" in ans.text
    assert re.findall(r"\[\d+\]", ans.text) == ["[1]"]
    assert len(ans.citations) == 1
    c = ans.citations[0]
    assert c.quote == "受污染耕地安全利用率达到95%以上"
    assert c.section_path == ["二、总体目标"] and c.section_number == "二"
    assert c.doc_number == "济管办〔2024〕26号"
    assert ans.timings["best_unit_score"] > 0.35
    assert len(ans.text) < 80  # a short answer, not the passage


def test_number_question_anhui(chunks: dict[str, Chunk], store: Store) -> None:
    ps = passages([chunks["a_sky"], chunks["a_goal"]])
    qa = analysis("安徽2024年PM2.5平均浓度目标是多少？", regions=["安徽省"], years=[2024])
    ans = ExtractiveAnswerer().answer(qa, ps, store)
    _check(ans, store)
    assert "细颗粒物（PM2.5）平均浓度36.8微克/立方米以下[1]" in ans.text
    assert ans.citations[0].quote == "细颗粒物(PM2.5)平均浓度36.8微克/立方米以下"


def test_traditional_document_quotes_in_its_own_script(chunks: dict[str, Chunk], store: Store) -> None:
    qa = analysis("晋城2020年PM2.5浓度要下降多少？", years=[2020])
    ans = ExtractiveAnswerer().answer(qa, passages([chunks["jc_goal"]]), store)
    _check(ans, store)
    assert len(ans.citations) == 1
    quote = ans.citations[0].quote
    assert quote.startswith("2020年,PM2.5、PM10濃度較2015年均下降20%")  # Traditional, verbatim
    assert "浓度较2015年均下降20%" in ans.text  # the answer is Simplified
    assert "濃" not in ans.text and "(zhì)" not in ans.text and "（y" not in ans.text
    assert "2017年" not in ans.text


def test_regulation_fine_uses_precise_part(chunks: dict[str, Chunk], store: Store) -> None:
    ps = passages([chunks["s_fines"], chunks["s_art5"]])
    qa = analysis("三门峡露天烧烤罚款多少？", regions=["河南省 三门峡市"])
    ans = ExtractiveAnswerer().answer(qa, ps, store)
    _check(ans, store)
    assert "一千元以上二万元以下罚款" in ans.text
    assert "货值金额" not in ans.text and "五百元以上五千元以下" not in ans.text
    for c in ans.citations:
        assert c.section_number == "第六章.第四十九条"  # the part, not the merged chunk's 第六章
        assert c.section_path == ["第六章  法律责任", "第四十九条"]
        assert "烧烤" in c.quote


def test_responsible_and_deadline(chunks: dict[str, Chunk], store: Store) -> None:
    ps = passages([chunks["s_art5"], chunks["s_fines"], chunks["s_art52"]])
    a = ExtractiveAnswerer()
    resp = a.answer(
        analysis("三门峡大气污染防治由哪个部门统一监督管理？", regions=["河南省 三门峡市"]), ps, store
    )
    _check(resp, store)
    assert "生态环境主管部门" in resp.text and len(resp.citations) == 1
    when = a.answer(
        analysis("三门峡市大气污染防治条例什么时候施行？", regions=["河南省 三门峡市"]), ps, store
    )
    _check(when, store)
    assert "2019年11月1日起施行[1]" in when.text and len(when.citations) == 1
    assert when.citations[0].section_number == "第七章.第五十二条"


def test_list_question_gives_several_items(chunks: dict[str, Chunk], store: Store) -> None:
    ps = passages([chunks["j_sky"], chunks["j_yellow"], chunks["j_goal"]])
    ans = ExtractiveAnswerer().answer(analysis("济源蓝天保卫战重点推进哪些工作？"), ps, store)
    _check(ans, store)
    # the whole enumeration is the provision (一是…九是), within the answer budget
    assert 3 <= len(ans.citations) <= 10
    assert len(ans.text) <= ExtractiveAnswerer().max_answer_chars + 100
    assert len({c.quote for c in ans.citations}) == len(ans.citations)
    assert "推进实施大气减排工程[1]" in ans.text
    assert all(re.match(r"[一二三四五六七八九十]+是", c.quote) for c in ans.citations)
    assert ans.citations[-1].quote.startswith("九是")  # to its last item, in order
    assert "一是" not in ans.text  # enumeration markers are trimmed in the answer


def test_multi_region_one_line_per_region(chunks: dict[str, Chunk], store: Store) -> None:
    ps = passages([chunks["a_goal"], chunks["a_sky"]], "安徽省") + passages(
        [chunks["j_goal"], chunks["j_req"]], "河南省 济源市"
    )
    qa = analysis(
        "安徽和济源的细颗粒物浓度目标分别是多少？北京呢？",
        regions=["安徽省", "河南省 济源市"],
        missing_regions=["北京市"],
        is_comparison=True,
    )
    ans = ExtractiveAnswerer().answer(qa, ps, store)
    _check(ans, store)
    lines = ans.text.split("\n")
    assert len(lines) == 3
    assert lines[0].startswith("安徽省：") and "36.8微克/立方米以下[1]" in lines[0]
    assert lines[1] == "河南省济源市：所提供的文件中未涉及；"  # Jiyuan's goals name no PM2.5 figure
    assert lines[2] == "北京市：所提供的文件中未涉及。"
    assert not ans.abstained


def test_multi_region_both_answered(chunks: dict[str, Chunk], store: Store) -> None:
    ps = passages([chunks["a_goal"]], "安徽省") + passages([chunks["j_goal"]], "河南省 济源市")
    qa = analysis(
        "安徽和济源的受污染耕地安全利用率和优良天数比率目标分别是多少", regions=["安徽省", "河南省 济源市"]
    )
    ans = ExtractiveAnswerer().answer(qa, ps, store)
    _check(ans, store)
    lines = ans.text.split("\n")
    assert len(lines) == 2 and "[1]" in lines[0] and "95%以上" in lines[1]
    assert {c.doc_id for c in ans.citations} == {"anhui-2024-work-points", "jiyuan-2024-work-points"}
    # each row is the question asked of that region alone: it names its document, as a
    # one-region answer does, and the other region's name is not a word it must match
    assert lines[0].startswith("安徽省：根据《2024年安徽省生态环境工作要点》")
    assert lines[1].startswith("河南省济源市：根据《济源示范区2024年生态环境保护工作要点》")


@pytest.mark.parametrize(
    ("question", "kw", "keys", "topic"),
    [
        (
            "济源2030年受污染耕地安全利用率要达到多少？",
            {"years": [2030]},
            ["j_goal", "j_req"],
            "济源2030年受污染耕地安全利用率",
        ),
        ("北京2024年PM2.5目标是多少？", {"missing_regions": ["北京市"]}, ["a_goal"], "北京2024年PM2.5目标"),
        (
            "济源的核电站退役有什么规定？",
            {"regions": ["河南省 济源市"]},
            ["j_req", "j_yellow"],
            "济源的核电站退役",
        ),
        ("济源总体要求中的思想指导目标是多少？", {}, ["j_req"], "济源总体要求中的思想指导目标"),
    ],
)
def test_abstains(
    question: str,
    kw: dict[str, list[object]],
    keys: list[str],
    topic: str,
    chunks: dict[str, Chunk],
    store: Store,
) -> None:
    ps = passages([chunks[k] for k in keys])
    ans = ExtractiveAnswerer().answer(analysis(question, **kw), ps, store)
    assert ans.abstained
    assert ans.text == f"所提供的文件中未找到关于{topic}的规定。"
    assert ans.citations == [] and ans.passages == ps  # the closest passages are still shown
    assert "best_unit_score" in ans.timings


def test_abstains_without_passages(store: Store) -> None:
    ans = ExtractiveAnswerer().answer(analysis("济源受污染耕地安全利用率是多少"), [], store)
    assert ans.abstained and ans.passages == [] and ans.text.startswith("所提供的文件中未找到关于")


def test_min_score_is_the_abstention_threshold(chunks: dict[str, Chunk], store: Store) -> None:
    ps = passages([chunks["j_goal"]])
    qa = analysis("济源2024年受污染耕地安全利用率要达到多少？", years=[2024])
    best = ExtractiveAnswerer().answer(qa, ps, store).timings["best_unit_score"]
    assert not ExtractiveAnswerer(min_score=best - 0.01).answer(qa, ps, store).abstained
    assert ExtractiveAnswerer(min_score=best + 0.01).answer(qa, ps, store).abstained


def test_follow_up_is_independent(chunks: dict[str, Chunk], store: Store) -> None:
    a = ExtractiveAnswerer()
    q1 = analysis("济源2024年受污染耕地安全利用率要达到多少？", years=[2024])
    p1 = passages([chunks["j_goal"]])
    first = a.answer(q1, p1, store)
    second = a.answer(
        analysis("那么安徽的细颗粒物浓度目标呢？", regions=["安徽省"]), passages([chunks["a_goal"]]), store
    )
    _check(second, store)
    assert second.citations[0].marker == 1
    assert all(c.doc_id == "anhui-2024-work-points" for c in second.citations)
    assert "95%" not in second.text
    again = a.answer(q1, p1, store)
    assert again.text == first.text and again.citations == first.citations


def test_answer_is_short(chunks: dict[str, Chunk], store: Store) -> None:
    ps = passages([chunks["j_yellow"], chunks["j_sky"]])
    ans = ExtractiveAnswerer().answer(analysis("济源示范区黄河流域生态保护有哪些措施？"), ps, store)
    _check(ans, store)
    assert len(ans.citations) >= 3
    assert len(ans.text) <= max(400, sum(len(c.quote) for c in ans.citations) + 60)
    assert len(ans.text) < len(chunks["j_yellow"].text)


def test_bad_document_text_drops_the_sentence(chunks: dict[str, Chunk], store: Store) -> None:
    """A chunk whose text no longer matches its document is never quoted."""
    c = chunks["j_goal"]
    stale = Chunk(**{**c.__dict__, "text": c.text.replace("95%", "96%"), "chunk_id": "stale"})
    ps = [Passage(stale, 1.0, 1)]
    ans = ExtractiveAnswerer().answer(analysis("济源受污染耕地安全利用率要达到多少？"), ps, store)
    assert ans.abstained or all("96%" not in q.quote for q in ans.citations)
    assert verify_citations(ans, store) == []
