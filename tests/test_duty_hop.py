"""A penalty question whose sanction cites its duty by number only, in a document none of the
passages read came from ("违反本条例第十一条第五项规定，…的，由公安机关处警告"), is answered through
the duty: found on the words of the act, asked without its words for the sanction."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from tests.conftest import library_of

_CIVIL = """# 青阳市文明行为促进条例
第一条 为了培育和践行社会主义核心价值观，制定本条例。

第十一条 公民应当维护公共秩序，自觉遵守下列规范：

（四）爱护公共设施；

（五）在公共场所开展广场舞、文艺表演等活动时，合理选择时间、场地、器材，控制音量，不影响他人正常的生活；

（六）文明使用网络。

第三十八条 违反本条例第十一条第五项规定，制造噪声干扰他人正常生活的，由公安机关处警告；警告后不改正的，处二百元以上五百元以下罚款。
"""


def _sanctions(subject: str) -> str:
    """A regulation whose sanctions all speak of squares and public places."""
    acts = ("擅自占用广场", "在广场堆放物料", "损坏广场设施", "在广场设摊", "在广场焚烧杂物")
    articles = ("第四十条", "第四十一条", "第四十二条", "第四十三条", "第四十四条")
    body = [
        f"{a} 违反本条例规定，{act}的，处五百元以上二千元以下罚款。"
        for a, act in zip(articles, acts, strict=True)
    ]
    return "\n\n".join([f"# 青阳市{subject}管理条例", "第一条 为了加强管理，制定本条例。", *body]) + "\n"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return library_of(
        tmp_path_factory.mktemp("hop"),
        {
            "青阳市文明行为促进条例.md": _CIVIL,
            "青阳市广场管理条例.md": _sanctions("广场"),
            "青阳市市容管理条例.md": _sanctions("市容"),
            "青阳市公共场所管理条例.md": _sanctions("公共场所"),
        },
    )


def test_a_sanction_citing_its_duty_by_number_is_found_through_the_duty(assistant: Assistant) -> None:
    answer = assistant.respond("在青阳市的广场上跳广场舞时音量过大，会怎么处罚？").answer
    assert not answer.abstained, answer.text
    assert "二百元以上五百元以下" in answer.text and "公安机关" in answer.text, answer.text
