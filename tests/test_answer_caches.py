"""The caches on the answer path give what computing afresh gives, and follow library changes."""

from __future__ import annotations

import math
from typing import Any

from assistant.compare import _Weights


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
