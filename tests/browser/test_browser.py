"""End to end in a real Chromium: ask, open a citation, compare, export a citation file, upload.

Each test leaves a screenshot of its tab in test-artifacts/; the latency test writes
test-artifacts/latency.json (seconds from pressing 提问 to the rendered answer, 10 questions).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    admin_login,
    ask,
    choose_files,
    open_app,
    tab,
    wait_text,
)
from tests.conftest import REPO, SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]


def test_ask_open_citation_collect_and_export(page: Any, corpus_url: str, artifacts: Path) -> None:
    open_app(page, corpus_url)
    ask(page, "安徽今年细颗粒物平均浓度要控制在多少？")
    answer = page.locator("#chat .answer").last
    assert "36.8" in answer.inner_text()
    marker = answer.locator(".cite-ref").first
    marker.hover()
    page.wait_for_selector("#cite-pop.open")
    marker.click()
    pop = page.locator("#cite-pop.open")
    assert pop.get_attribute("data-pinned") == "1"
    text = pop.inner_text()
    assert "2024年安徽省生态环境工作要点" in text and "章节" in text and "日期" in text
    assert "36.8" in pop.locator("mark").inner_text()  # the quoted sentence is highlighted
    page.screenshot(path=str(artifacts / "chat.png"))

    pop.locator(".basket-add").click()  # 加入引用篮, from the popover
    page.keyboard.press("Escape")
    tab(page, "引用")
    wait_text(page, "#basket", "已收集 1 条")
    assert "36.8" in page.inner_text("#basket")
    page.click("#export-docx")
    link = page.locator("#export-file a").first
    link.wait_for()
    with page.expect_download() as dl:
        link.click()
    saved = artifacts / "citations.docx"
    dl.value.save_as(str(saved))
    assert saved.stat().st_size > 5000 and saved.read_bytes()[:2] == b"PK"
    page.click("#export-md")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#export-file a')].some(a => a.href.endsWith('.md'))"
    )
    page.screenshot(path=str(artifacts / "cite.png"), full_page=True)


def test_comparison_table_with_citations_and_chart(page: Any, corpus_url: str, artifacts: Path) -> None:
    open_app(page, corpus_url)
    tab(page, "对比")
    page.fill("#cmp-topic textarea", "PM2.5浓度")
    page.click("#cmp-btn")
    page.wait_for_selector("#cmp-table table.cmp-table")
    table = page.inner_text("#cmp-table table")
    assert "安徽省" in table and "36.8" in table
    chart = page.wait_for_selector("#cmp-chart img", state="attached")
    assert chart is not None and (chart.get_attribute("src") or "").endswith(".png")
    page.locator("#cmp-table .cite-ref").first.click()
    page.wait_for_selector("#cite-pop.open mark")
    page.keyboard.press("Escape")
    page.click("#cmp-export-md")
    page.wait_for_selector("#cmp-file a")
    page.evaluate("document.querySelector('#tabs').scrollIntoView()")
    page.screenshot(path=str(artifacts / "compare.png"))


def test_phone_width_chat_and_citation(chromium: Any, corpus_url: str, artifacts: Path) -> None:
    context = chromium.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, corpus_url)
        ask(page, "济源2024年受污染耕地安全利用率的目标是多少？")
        page.locator("#chat .answer .cite-ref").first.click()
        pop = page.locator("#cite-pop.open")
        pop.wait_for()
        page.screenshot(path=str(artifacts / "phone.png"))
        box = pop.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert "95%" in pop.inner_text()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1  # no sideways scrolling
    finally:
        context.close()


def test_answer_latency_for_ten_questions(page: Any, corpus_url: str, artifacts: Path) -> None:
    rows = [
        json.loads(line)
        for line in (REPO / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    questions = [r["question"] for r in rows[:10]]
    open_app(page, corpus_url)
    ask(page, "预热")  # the first question loads the models
    timings = []
    for q in questions:
        page.click("button:has-text('新对话')")
        page.wait_for_function("() => document.querySelectorAll('#chat .answer').length === 0")
        timings.append({"question": q, "seconds": round(ask(page, q), 3)})
    secs = sorted(t["seconds"] for t in timings)
    report = {"questions": timings, "median_s": secs[len(secs) // 2], "max_s": secs[-1]}
    (artifacts / "latency.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(f"\nbrowser answer latency: median {report['median_s']:.2f} s, max {report['max_s']:.2f} s")
    assert report["max_s"] < 30


def test_upload_after_admin_login(page: Any, library_url: str, artifacts: Path, tmp_path: Path) -> None:
    open_app(page, library_url)
    tab(page, "文库")
    wait_text(page, "#doc-table", "anhui-2024-work-points")
    assert page.locator("#upload-btn").is_disabled()
    admin_login(page)
    doc = tmp_path / "济源工作要点.txt"
    shutil.copy(SEEDS / "henan-jiyuan-2024-work-points.txt", doc)
    bad = tmp_path / "损坏.docx"
    bad.write_bytes(b"this is not a docx")
    choose_files(page, "upload-files", [doc, bad])
    page.click("#upload-btn")
    wait_text(page, "#upload-result", "已导入")
    result = page.inner_text("#upload-result")
    assert "济源工作要点.txt" in result and "损坏.docx" in result and "失败" in result
    wait_text(page, "#doc-table", "济源示范区2024年生态环境保护工作要点")
    page.screenshot(path=str(artifacts / "library.png"), full_page=True)


def test_copy_puts_the_answer_and_its_references_as_plain_text(page: Any, corpus_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=corpus_url.rstrip("/"))
    open_app(page, corpus_url)
    ask(page, "安徽农村生活污水治理率要提高到多少？")
    page.locator("#chat .answer").last.hover()
    copy = page.locator('#chat button[aria-label="复制回答"]').last
    copy.click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.includes('参考文献'))")
    text = page.evaluate("() => navigator.clipboard.readText()")
    assert "[1]" in text and "参考文献：\n[1] " in text and "原文：“" in text
    assert "<div" not in text and "cite-ref" not in text


def test_library_lists_follow_the_index_on_reload_and_in_another_browser(
    chromium: Any, library_url: str, tmp_path: Path
) -> None:
    first = chromium.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    first.set_default_timeout(60_000)
    open_app(first, library_url)
    admin_login(first)
    doc = tmp_path / "济源工作要点.txt"
    shutil.copy(SEEDS / "henan-jiyuan-2024-work-points.txt", doc)
    choose_files(first, "upload-files", [doc])
    first.click("#upload-btn")
    wait_text(first, "#upload-result", "已导入")
    wait_text(first, "#lib-count", "共 2 个文件")
    # the picker is cleared, so the next 导入 does not import the same file again
    first.wait_for_function(
        "() => !document.querySelector('#upload-files').innerText.includes('济源工作要点.txt')"
    )

    # another browser, opened after the upload, lists it everywhere
    other = chromium.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    other.set_default_timeout(60_000)
    open_app(other, library_url)
    tab(other, "文库")
    wait_text(other, "#lib-count", "共 2 个文件")
    wait_text(other, "#doc-table", "济源示范区2024年生态环境保护工作要点")
    other.click("#rm-pick input")
    wait_text(other, "body", "济源产城融合示范区管理委员会办公室关于印发")

    # the same file again is refused as already there
    choose_files(first, "upload-files", [doc])
    first.click("#upload-btn")
    wait_text(first, "#upload-result", "已存在")
    wait_text(first, "#lib-count", "共 2 个文件")

    # 删除 without 确认删除: a message, no error badge, nothing removed
    first.click("#rm-pick input")
    first.keyboard.type("henan")
    first.keyboard.press("Enter")
    first.click("#rm-btn")
    wait_text(first, "#rm-msg", "请先勾选“确认删除”")
    assert first.locator("#rm-confirm .error, #rm-pick .error").count() == 0
    wait_text(first, "#lib-count", "共 2 个文件")
    first.context.close()
    other.context.close()
