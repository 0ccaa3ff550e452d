"""A level of government asked ("县级") is named by a provision that lists the levels or units it
sets a rule for ("县、乡两级", "市辖区、县、自治县"): that provision answers, although another
article says "县级" in so many words."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from tests.conftest import library_of

_ELECTION = """# 青阳省县乡两级人民代表大会代表选举实施细则
第一条 为了做好县、乡两级人民代表大会代表的选举工作，制定本细则。

第十五条 县、乡两级人民代表大会代表的名额，按以下规定确定：

（一）不设区的市、市辖区、县、自治县的代表名额基数为一百四十名，每五千人可以增加一名代表；

（二）乡、民族乡、镇的代表名额基数为四十五名，每一千五百人可以增加一名代表。

第二十条 县级人民代表大会常务委员会主持本级人民代表大会代表的选举。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return library_of(
        tmp_path_factory.mktemp("levels"), {"青阳省县乡两级人民代表大会代表选举实施细则.md": _ELECTION}
    )


def test_a_level_is_named_by_the_list_of_its_units(assistant: Assistant) -> None:
    answer = assistant.respond("青阳省县级人大代表名额的基数是多少？").answer
    assert not answer.abstained, answer.text
    assert "一百四十名" in answer.text, answer.text
