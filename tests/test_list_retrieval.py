"""A "哪些" question also ranks the enumerations of the documents it finds first."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import library_of

_BANS = [
    "清洗车辆、宠物",
    "种植农作物",
    "放养畜禽",
    "使用木筏、橡皮艇",
    "倾倒垃圾、渣土",
    "取土、挖砂",
    "烧烤、野炊",
]
_RIVER = (
    "某市清水河保护条例\n第一条 为了保护清水河，制定本条例。\n"
    "第五条 清水河保护管理区域内的河道应当保持畅通，保护管理区域内的设施由管理机构维护。\n"
    "第六条 保护管理区域内的绿化由园林部门负责，保护管理区域内的环境卫生由环卫部门负责。\n"
    "第三十条 在清水河保护管理区域内，除法律、法规另有规定外，禁止从事下列活动：\n"
    + "".join(f"（{n}）{t}；\n" for n, t in zip("一二三四五六七", _BANS, strict=True))
)


def test_the_enumeration_of_a_document_found_first_ranks_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.retrieve as retrieve

    a = library_of(tmp_path, {"某市清水河保护条例.md": _RIVER})
    qa, _ = a.analyse("清水河保护管理区域内，哪些事情是明令不准干的？")
    assert qa.intent == "list"

    def first() -> str:
        return a.retriever.retrieve(qa, k=3)[0].chunk.section_number

    assert first() == "第三十条"
    monkeypatch.setattr(retrieve, "LIST_WEIGHT", 0.0)
    assert first() != "第三十条"  # the keyword counts alone put the shorter text first
