"""Places inside a named document's region ("《济南市…规定》…莱芜区从哪天起执行？") say where in
it the question asks about, not regions to compare, also in one part of a multi-part question."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from tests.conftest import library_of

_RULES = """# 济南市禁止燃放烟花爆竹的规定
第一条 为了保障公共安全，制定本规定。

第五条 本市下列区域禁止燃放烟花爆竹：

（一）绕城高速公路环线以内；

（二）长清区、莱芜区的城区范围内的区域。

第十九条 本规定自2018年1月1日起施行。

莱芜区自2019年5月1日起执行本规定。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return library_of(tmp_path_factory.mktemp("places"), {"济南市禁止燃放烟花爆竹的规定.md": _RULES})


def test_a_place_inside_the_named_document_is_not_a_region_to_compare(assistant: Assistant) -> None:
    qa, _ = assistant.analyse("《济南市禁止燃放烟花爆竹的规定》莱芜区从哪天起执行？")
    assert qa.doc_ids and not qa.missing_regions and not qa.is_comparison


def test_a_part_naming_a_place_inside_the_document_asks_that_document(assistant: Assistant) -> None:
    r = assistant.respond("《济南市禁止燃放烟花爆竹的规定》从什么时候开始施行？莱芜区从哪天起执行？")
    assert r.kind == "answer" and "2018年1月1日" in r.text and "2019年5月1日" in r.text
    assert "未找到" not in r.text
