"""The caches on the answer path give what computing afresh gives, and follow library changes."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from assistant.compare import _Weights
from assistant.config import Settings
from assistant.core import Assistant
from assistant.index.docstore import StoredDocument
from assistant.query import docs_named
from assistant.schema import DocumentMeta, NormalizedText


def _doc(doc_id: str, title: str) -> StoredDocument:
    meta = DocumentMeta(doc_id=doc_id, title=title, source_path=f"{doc_id}.md")
    return StoredDocument(meta, NormalizedText(title, title, "simplified"), doc_id, "", [])


def test_weights_count_each_text_once_as_a_loop_would() -> None:
    texts = ["扬尘污染防治扬尘", "秸秆禁烧", "", "PM2.5浓度 细颗粒物", "禁烧秸秆 扬尘", "a\x00b"]
    w = _Weights(texts)
    groups = [("扬尘",), ("秸秆", "禁烧"), ("PM2.5", "细颗粒物"), ("",), ("不存在",), ("尘禁",), ("\x00",)]
    for g in groups:
        df = sum(1 for t in texts if any(a in t for a in g))
        expected = max(math.log((len(texts) + 1) / (df + 0.5)), 0.05)
        assert w.idf(g) == expected, g


def test_analysis_is_a_fresh_copy_and_follows_removals(small_library: Any) -> None:
    a = small_library
    question = "安徽2024年的空气质量目标是什么？"
    first, _ = a.analyse(question)
    assert first.regions
    first.regions.append("改动")
    first.region_doc_ids.clear()
    again, _ = a.analyse(question)
    assert "改动" not in again.regions and again.region_doc_ids
    anhui = [d.meta.doc_id for d in a.documents() if d.meta.province == "安徽省"]
    a.remove(anhui)
    after, _ = a.analyse(question)
    assert not after.regions and after.missing_regions


def test_titles_named_follow_an_ingest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "第一条 为了防治扬尘污染，制定本条例。\n第二条 施工工地应当设置围挡。\n"
    (corpus / "甲市扬尘污染防治条例.md").write_text(f"甲市扬尘污染防治条例\n{body}", encoding="utf-8")
    a = Assistant(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), embedder="hash")
    a.ingest()
    question = "乙市扬尘污染防治条例对施工工地有什么要求？"
    before, _ = a.analyse(question)
    assert before.doc_ids == []
    second = tmp_path / "乙市扬尘污染防治条例.md"
    second.write_text(f"乙市扬尘污染防治条例\n{body}", encoding="utf-8")
    (added,) = a.ingest([second]).added
    after, _ = a.analyse(question)
    assert after.doc_ids == [added]


def test_the_longest_title_a_question_names_wins() -> None:
    docs = [_doc("law", "中华人民共和国大气污染防治法"), _doc("henan", "河南省大气污染防治条例")]
    docs += [_doc("henan-2", "河南省大气污染防治条例")]  # an older text of the same title
    assert docs_named("河南省大气污染防治条例第十条", docs) == ["henan", "henan-2"]
    assert docs_named("大气污染防治法第十条", tuple(docs)) == ["law"]
    assert docs_named("扬尘怎么管", docs) == []


def test_comparison_weights_are_kept_across_a_small_write_and_redone_after_a_large_one(
    tmp_path: Path,
) -> None:
    """The weights estimate term rarity over the library: an upload of a few documents keeps them
    (reading the whole library again after every write stalled the questions), a change of more
    than a tenth of the library computes them again."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "第一条 为了防治扬尘污染，制定本条例。\n第二条 施工工地应当设置围挡。\n"
    for i in range(20):
        (corpus / f"{i:02d}市扬尘污染防治条例.md").write_text(
            f"市{i}扬尘污染防治条例\n{body}", encoding="utf-8"
        )
    a = Assistant(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), embedder="hash")
    a.ingest()
    first = a.comparer._weights()
    one = tmp_path / "新增扬尘污染防治条例.md"
    one.write_text(f"新增扬尘污染防治条例\n{body}秸秆\n", encoding="utf-8")
    a.ingest([one])
    assert a.comparer._weights() is first  # 1 of 21 documents: within the drift
    more = []
    for i in range(5):
        p = tmp_path / f"后加{i}扬尘污染防治条例.md"
        p.write_text(f"后加{i}扬尘污染防治条例\n{body}", encoding="utf-8")
        more.append(p)
    a.ingest(more)
    again = a.comparer._weights()
    assert again is not first and again.n == a.index.chunk_count()
