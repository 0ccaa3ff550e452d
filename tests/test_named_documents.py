"""A question naming two documents of different places ("《山东省…条例》和《东营市…条例》各是怎么
规定的") is answered document by document: each row is that document's answer, not split again
by the places its title holds; and the word that asks for the sanction ("处罚") is no word of it."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from tests.conftest import library_of

_PROVINCE = """# 山东省海洋生态保护条例
第一条 为了保护海洋生态，制定本条例。

第十五条 在赤潮高发区、污染严重海域等区域内禁止投饵式海水养殖。

第三十二条 违反本条例规定，在赤潮高发区、污染严重海域等区域内进行投饵式海水养殖的，由农业农村部门责令停止违法行为，处一千元以上一万元以下罚款。

第三十四条 违反本条例规定，在海水浴场设置入海排污口的，由生态环境主管部门责令关闭，并处二万元以上十万元以下的罚款。

自然资源部门发现违法设置入海排污口的，应当通报生态环境主管部门依照前款规定予以处罚。
"""

_CITY = """# 东营市海岸线保护条例
第一条 为了保护海岸线，制定本条例。

第三十八条 违反本条例规定，在水产养殖禁养区从事养殖活动的，由渔业主管部门责令停止违法行为，拆除违法养殖设施，并处五万元以上十万元以下的罚款。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return library_of(
        tmp_path_factory.mktemp("named"),
        {"山东省海洋生态保护条例.md": _PROVINCE, "东营市海岸线保护条例.md": _CITY},
    )


def test_each_named_document_answers_in_its_own_row(assistant: Assistant) -> None:
    text = assistant.respond(
        "违规搞水产养殖的处罚，《山东省海洋生态保护条例》和《东营市海岸线保护条例》各是怎么规定的？"
    ).text
    rows = text.split("\n")
    assert len(rows) == 2, text
    assert rows[0].startswith("《山东省海洋生态保护条例》：") and "一千元以上一万元以下" in rows[0], text
    assert rows[1].startswith("《东营市海岸线保护条例》：") and "五万元以上十万元以下" in rows[1], text
    assert "山东省东营市：" not in text and "二万元以上十万元以下" not in text, text
