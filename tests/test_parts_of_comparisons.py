"""A question over several regions with several parts is asked part by part, each part of
every region; a term a question quotes is read where its document defines it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core import Assistant
from tests.conftest import library_of

NEW_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus-new"

_KAIFENG = """# 开封市煤炭清洁利用条例
第十七条 区县人民政府应当划定本行政区域的煤炭禁燃区，报市人民政府审核同意后公布实施。

第二十条 煤炭经营企业应当建立购销台账。

第三十九条 违反本条例第十七条规定，在煤炭禁燃区内燃用煤炭的，由生态环境部门没收燃煤设施，并处二万元以上二十万元以下的罚款。
"""

_LUOYANG = """# 洛阳市清洁取暖条例
第十九条 市、县人民政府可以划定并公布高污染燃料禁燃区。

第二十二条 供热单位应当保障清洁取暖设施正常运行。

第四十五条 违反本条例第十九条规定，在禁燃区内燃用高污染燃料的，由生态环境主管部门没收燃用设施，处一万元以上十万元以下的罚款。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    files = {"开封市煤炭清洁利用条例.md": _KAIFENG, "洛阳市清洁取暖条例.md": _LUOYANG}
    return library_of(tmp_path_factory.mktemp("parts"), files)


def test_each_part_of_a_question_over_two_regions_is_answered_for_both(assistant: Assistant) -> None:
    r = assistant.respond("开封和洛阳的禁燃区各由哪级政府划定？在禁燃区里烧煤又各罚多少？")
    text = r.text
    assert "（1）" in text and "（2）" in text, text
    assert "报市人民政府审核同意后公布实施" in text and "划定并公布高污染燃料禁燃区" in text, text
    assert "二万元以上二十万元以下" in text and "一万元以上十万元以下" in text, text


def test_a_quoted_term_is_answered_by_its_definition(tmp_path: Path) -> None:
    # the whole regulation: every article names the term, one defines it
    name = "滨州市社会治理网格化服务管理条例(2021-08-05).md"
    a = library_of(tmp_path, {name: (NEW_CORPUS / "山东" / name).read_text(encoding="utf-8")})
    text = a.respond("滨州所说的“网格化服务管理”指的是哪些活动？").text
    assert "基础信息采集" in text and "矛盾纠纷排查化解" in text, text


def test_the_definition_of_a_quoted_term_is_read_beside_the_passages_retrieved() -> None:
    from assistant.answer import ExtractiveAnswerer
    from tests.answer.builders import Store, make_doc, passages

    display = (
        "第三条 本条例所称网格服务，是指以网格为单元组织实施的基础信息采集、矛盾纠纷排查化解等活动。\n\n"
        "第九条 居民应当配合网格员做好网格服务工作。\n"
    )
    d = make_doc("grid", display, "某市网格服务条例", province="某省", city="某市", doc_type="条例")
    definition = d.chunk("第三条", number="第三条")
    duty = d.chunk("第九条", number="第九条")
    related = ExtractiveAnswerer()._related("“网格服务”包括哪些活？", "list", passages([duty]), Store(d))
    assert definition.chunk_id in [p.chunk.chunk_id for p in related]
    # (a term not quoted, asked about something inside it rather than what it covers, reads no
    # definition)
    plain = ExtractiveAnswerer()._related(
        "居民在网格服务中有哪些事要配合？", "list", passages([duty]), Store(d)
    )
    assert definition.chunk_id not in [p.chunk.chunk_id for p in plain]
