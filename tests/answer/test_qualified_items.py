"""An enumeration comes with the 款 after it that qualifies its items ("本条第一款第一项至四项规定
属于旧城改造的，绿地率可以降低五个百分点"), and a later part asking for items the first part
already quoted points back to it instead of quoting them twice."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from tests.conftest import library_of

_GREEN = """# 青州市城市绿化条例
第十四条 城市绿化工程的设计，应当委托具有相应资质的设计单位承担。

第十五条 新建建设工程项目绿地指标按照以下规定执行：

（一）居住区的绿地率不低于百分之三十；

（二）交通枢纽、商业中心的绿地率不低于百分之二十；

（三）机关团体、中小学校、医院等的绿地率不低于百分之三十五；

（四）高等院校、疗养院等的绿地率不低于百分之四十。

本条第一款第一项至四项规定属于旧城改造的，绿地率可以降低五个百分点。

立体绿化可以按照规定折算绿地面积。

建设单位违反本条第一款第一项规定的，责令限期改正，处一千元以上五千元以下罚款。

第十六条 城市绿线确定后，不得擅自调整。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return library_of(tmp_path_factory.mktemp("qualified"), {"青州市城市绿化条例.md": _GREEN})


def test_the_paragraph_qualifying_the_items_follows_them(assistant: Assistant) -> None:
    text = assistant.respond("青州市新建项目的绿地率有哪些要求？").text
    for item in ("居住区的绿地率不低于百分之三十", "高等院校、疗养院等的绿地率不低于百分之四十"):
        assert item in text, text
    assert "绿地率可以降低五个百分点" in text, text
    assert "立体绿化" not in text, text  # a 款 that does not refer back to the items stays out
    assert "一千元以上五千元以下" not in text, text  # nor does the sanction for breaking them
    # the qualifying 款 follows the list, not as one more item of it
    assert text.index("居住区") < text.index("降低五个百分点"), text
    assert "\n本条第一款第一项至四项规定属于旧城改造的" in text, text


def test_a_part_asking_for_items_already_quoted_points_back(assistant: Assistant) -> None:
    text = assistant.respond("青州市新建项目的绿地率有什么要求？居住区、商业中心各是多少？").text
    assert "（2）" in text and "见（1）所引条文" in text, text
