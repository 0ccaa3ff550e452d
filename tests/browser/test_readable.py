"""Readable everywhere: a comparison in the chat stays inside its bubble, 对比 and 文库 work at 390 px,
and Gradio's own words reach users in Chinese whatever the browser's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, ask, open_app, serve, tab, wait_text
from tests.conftest import SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]


def _context(chromium: Any, viewport: dict[str, int], locale: str = "zh-CN") -> Any:
    page = chromium.new_context(viewport=viewport, locale=locale).new_page()
    page.set_default_timeout(60_000)
    return page


def test_comparison_in_the_chat_scrolls_inside_its_bubble(chromium: Any, corpus_url: str) -> None:
    page = _context(chromium, DESKTOP)
    try:
        open_app(page, corpus_url)
        ask(page, "安徽和济源对PM2.5浓度的目标有何不同？")
        page.locator("#chat .answer .cmp-table").wait_for()
        box = page.evaluate(
            """() => { const a = document.querySelector('#chat .answer'), w = a.querySelector('.cmp-wrap');
              const chat = document.querySelector('#chat').getBoundingClientRect();
              return {answer: a.getBoundingClientRect().right, wrap: w.getBoundingClientRect().right,
                      chat: chat.right, style: getComputedStyle(w).overflowX}; }"""
        )
        assert box["wrap"] <= box["answer"] + 1 <= box["chat"] + 1  # never wider than the bubble
        assert box["style"] == "auto"  # any excess scrolls inside the table
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    finally:
        page.context.close()


def test_compare_and_library_at_phone_width(chromium: Any, corpus_url: str, artifacts: Path) -> None:
    page = _context(chromium, PHONE)
    try:
        open_app(page, corpus_url)
        # every tab is reachable without a "more" menu
        labels = page.locator("#tabs [role=tab]").all_inner_texts()
        assert {"问答", "对比", "引用", "文库", "反馈"} <= {t.strip() for t in labels}
        tab(page, "对比")
        page.fill("#cmp-topic textarea", "PM2.5浓度")
        page.click("#cmp-btn")
        page.locator("#cmp-table table.cmp-table").wait_for()
        quote = page.locator("#cmp-table td.c-quote").first.bounding_box()
        assert quote is not None and quote["width"] > 250  # a card across the screen, not a 70 px column
        assert "规定（原文）" in page.evaluate(
            "getComputedStyle(document.querySelector('#cmp-table td.c-quote'), '::before').content"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(artifacts / "compare-phone.png"))

        tab(page, "文库")
        page.locator("#doc-table .body-cell").first.wait_for()
        date = page.locator("#doc-table .virtual-row").first.locator(".body-cell").nth(4)
        box = date.bounding_box()
        text = date.inner_text().strip()
        assert box is not None and len(text) == 10 and box["width"] >= 90  # 2024-05-14 on one line
        line = page.evaluate(
            "e => parseFloat(getComputedStyle(e).lineHeight) || 20",
            date.locator("span").first.element_handle(),
        )
        assert date.locator("span").first.bounding_box()["height"] < 2 * line
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(artifacts / "library-phone.png"))
    finally:
        page.context.close()


@pytest.fixture
def tiny_upload_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A small open library whose upload limit (1 KB) any real file exceeds."""
    import shutil

    from assistant.config import Settings
    from assistant.core import Assistant
    from assistant.ui import create_app

    monkeypatch.setenv("POLICY_ASSISTANT_MAX_UPLOAD_MB", "0.001")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "anhui-2024-work-points.txt", corpus)
    a = Assistant(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), embedder="hash")
    a.ingest()
    app = create_app(a, admins={})
    try:
        yield serve(app)
    finally:
        app.close()


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_gradio_words_are_chinese(chromium: Any, tiny_upload_url: str, locale: str) -> None:
    page = _context(chromium, DESKTOP, locale)
    try:
        open_app(page, tiny_upload_url)
        page.click("#ask-btn")  # an empty question: a toast titled in Chinese
        wait_text(page, ".toast-body", "请输入问题")
        assert "Warning" not in page.inner_text(".toast-body") and "提示" in page.inner_text(".toast-body")
        page.wait_for_function(
            "() => document.querySelector('[data-testid=toast-close]').getAttribute('aria-label') === '关闭'"
        )
        ask(page, "安徽农村生活污水治理率要提高到多少？")
        page.locator("#chat .answer").last.hover()
        labels = page.evaluate(
            "() => [...document.querySelectorAll('#chat button')].map(b => b.getAttribute('aria-label') || '')"
        )
        assert "复制回答" in labels and "踩" in labels and "赞" in labels
        assert not [x for x in labels if x and x.isascii()]  # no English label left
        tab(page, "文库")
        page.set_input_files("#upload-files input[type=file]", [str(SEEDS / "anhui-2024-work-points.txt")])
        wait_text(page, "body", "文件超过大小上限")
        text = page.inner_text("body")
        assert "exceed" not in text and "anhui-2024-work-points.txt" in text
    finally:
        page.context.close()
