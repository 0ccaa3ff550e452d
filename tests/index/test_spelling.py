"""The keyword search also looks for the library's usual spelling of a word the question asks in
a way the library rarely uses (房子 → 房屋, 不准 → 不得), never for a rarer one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import library_of

CITIES = ("甲市", "乙市", "丙市", "丁市", "戊市")


def _cities(tmp_path: Path, title: str, articles: str) -> Any:
    """One regulation per city, the same articles in each: a library where every word of them is
    common and a word of no article is rare."""
    files = {
        f"{city}{title}.md": f"# {city}{title}\n{articles}本条例自202{i}年1月1日起施行。\n"
        for i, city in enumerate(CITIES)
    }
    return library_of(tmp_path, files)


def test_a_rare_spelling_brings_the_librarys_usual_one(tmp_path: Path) -> None:
    a = _cities(
        tmp_path,
        "房屋租赁管理条例",
        "第一条 为了规范房屋租赁，制定本条例。\n\n"
        "第二条 出租人应当保证房屋安全，不得擅自改变房屋用途。\n\n"
        "第三条 有下列情形之一的房屋，不得出租：（一）权属有争议的；（二）危险房屋。\n\n"
        "第四条 禁止在出租房屋内存放危险物品。",
    )
    r = a.retriever
    expanded = r.keyword_query("哪几类房子是不准出租的？")
    assert "房屋" in expanded and "不得" in expanded
    # words the library itself uses are searched as asked
    assert r.keyword_query("禁止存放什么？") == "禁止存放什么？"
    # "能不能" asks whether, it does not say "不能"
    assert r.keyword_query("出租房屋能不能存放物品？") == "出租房屋能不能存放物品？"
    # the keyword search finds the provision by the added spelling alone: no word of this question
    # is in the library as written (each document is one chunk, so the hit itself is the check)
    hits = a.retrieve("房子不准？", retriever="bm25")
    assert hits and "不得出租" in hits[0].chunk.text


def test_an_everyday_word_brings_the_provisions_word_one_way_only(tmp_path: Path) -> None:
    a = _cities(
        tmp_path,
        "文物保护规定",
        "第一条 为了加强文物保护，制定本规定。\n\n"
        "第二条 不可移动文物丢失或者损毁的，县级文物行政管理部门应当在十二小时内报告。\n\n"
        "第三条 文物保护单位应当设置保护标志。",
    )
    r = a.retriever
    expanded = r.keyword_query("文物丢了多久内要报告？")
    assert "丢失" in expanded
    # the documents' own word does not bring the everyday one
    assert r.keyword_query("文物丢失了多久内要报告？") == "文物丢失了多久内要报告？"
    hits = a.retrieve("丢了", retriever="bm25")
    assert hits and "丢失" in hits[0].chunk.text


def test_a_word_glued_to_its_particle_is_searched_as_the_word(tmp_path: Path) -> None:
    # jieba makes "养犬要" of "养犬要办什么手续", a token no chunk holds
    a = _cities(tmp_path, "养犬管理条例", "第七条 养犬人应当到养犬登记服务场所办理登记。")
    assert "养犬" in a.retriever.keyword_query("养犬要办什么手续？").split()
    assert a.retrieve("养犬要办什么手续？", retriever="bm25")


def test_an_everyday_word_the_library_never_writes_brings_a_rare_provision_word(tmp_path: Path) -> None:
    # one city's regulation says 废旧车辆 once: rare, but the only way the library says 僵尸车
    files = {
        "甲市市容管理条例.md": "# 甲市市容管理条例\n第十八条 在公共停车泊位连续停放三十日以上的废旧车辆，应当限期移离。\n",
        "乙市市容管理条例.md": "# 乙市市容管理条例\n第三条 禁止在道路上晾晒物品。\n",
    }
    a = library_of(tmp_path, files)
    assert "废旧车辆" in a.retriever.keyword_query("路边的僵尸车停多久要挪走？")
