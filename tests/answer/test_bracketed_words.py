"""A provision may write a word with a bracketed aside inside it that says what else it covers
("井（箱）盖", "县（市、区）"): a question's 井盖 is that word."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from tests.conftest import library_of

_ROADS = """# 青阳市城市道路管理条例
第一条 为了加强城市道路管理，制定本条例。

第十六条 城市道路路面出现坍塌、坑槽等损毁情况的，养护单位应当在七日内修复。

第十七条 城市道路上设置的井（箱）盖、雨箅丢失、破损的，产权单位应当立即补缺；无法立即补缺的，应当设置警示标志，并在二十四小时内补缺。

第十八条 城市道路两侧的建筑物应当保持整洁。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return library_of(tmp_path_factory.mktemp("bracketed"), {"青阳市城市道路管理条例.md": _ROADS})


def test_a_word_written_with_an_aside_inside_it_is_that_word(assistant: Assistant) -> None:
    answer = assistant.respond("青阳市的井盖丢了，要多快补上？").answer
    assert not answer.abstained, answer.text
    assert "二十四小时内补缺" in answer.text, answer.text
