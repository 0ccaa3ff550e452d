"""A follow-up resolved with the question before it ("养老机构收老人入住要签合同吗？ 那要是没签
合同会怎么处罚") is answered by the sanction of what it asks, though the words that only set the
matter ("入住") stand in another provision and not in the sanction."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import library_of

_CARE = """# 某省社会养老服务促进条例
第一条 为了促进社会养老服务发展，制定本条例。

第十九条 最低生活保障家庭中的失能、高龄老年人，申请入住政府投资设立的养老机构的，应当安排收住。

第二十三条 养老机构应当与收住的老年人或者其代理人订立养老服务合同，明确双方的权利和义务。

第五十三条 违反本条例规定，养老机构有下列行为之一的，由民政部门责令限期改正；逾期不改正的，处一万元以上三万元以下罚款；情节严重的，处三万元以上十万元以下罚款：

（一）未与老年人或者其代理人订立服务合同的；

（二）未按照有关标准和规定开展服务的。
"""


def test_words_that_only_set_the_matter_need_not_be_in_the_sanction(tmp_path: Path) -> None:
    a = library_of(tmp_path, {"某省社会养老服务促进条例.md": _CARE})
    history = [
        {"role": "user", "content": "养老机构收老人入住要签合同吗？"},
        {
            "role": "assistant",
            "content": "根据《某省社会养老服务促进条例》第二十三条，养老机构应当与收住的老年人订立养老服务合同。",
        },
    ]
    text = a.respond("那要是没签合同会怎么处罚？", history).text
    assert "一万元以上三万元以下罚款" in text, text
