"""The original document from a source card: the whole text with its section tree, scrolled to the
cited passage, which is highlighted; also from a comparison and from the 文库 tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PHONE, ask, open_app, tab, wait_text

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]


def hit_in_view(page: Any) -> bool:
    """Whether the highlighted passage is inside the viewer's visible area."""
    return bool(
        page.evaluate(
            """() => { const m = document.querySelector('#doc-view mark.doc-hit');
              const v = document.querySelector('#doc-view');
              if (!m || !v) return false;
              const a = m.getBoundingClientRect(), b = v.getBoundingClientRect();
              return a.top >= b.top && a.bottom <= b.bottom; }"""
        )
    )


def test_open_the_cited_document_at_the_quote(page: Any, corpus_url: str, artifacts: Path) -> None:
    open_app(page, corpus_url)
    ask(page, "安徽农村生活污水治理率要提高到多少？")
    answer = page.locator("#chat .answer").last
    answer.locator(".cite-ref").first.click()  # the popover of [1] …
    pop = page.locator("#cite-pop.open")
    quote = pop.locator("mark").inner_text()
    pop.locator(".doc-open").click()  # … and its 查看原文
    page.locator("#doc-view mark.doc-hit.seen").wait_for()
    assert page.locator("#doc-view mark.doc-hit").inner_text() == quote
    assert "2024年安徽省生态环境工作要点" in page.inner_text("#doc-view .doc-title")
    page.wait_for_function("() => document.querySelectorAll('#doc-view .doc-jump').length > 3")
    assert hit_in_view(page)
    page.screenshot(path=str(artifacts / "document.png"))

    # the section tree jumps within the text
    last = page.locator("#doc-view .doc-jump").last
    target = last.get_attribute("class").split("jump-")[-1]  # type: ignore[union-attr]
    last.click()
    page.wait_for_function(
        """t => { const a = document.querySelector('#doc-view .doc-s-' + t), v = document.querySelector('#doc-view');
                  const r = a.getBoundingClientRect(), b = v.getBoundingClientRect();
                  return r.top >= b.top - 2 && r.top <= b.bottom; }""",
        arg=target,
    )
    page.keyboard.press("Escape")
    page.locator("#doc-viewer").wait_for(state="hidden")

    # from a comparison's card
    tab(page, "对比")
    page.fill("#cmp-topic textarea", "PM2.5浓度")
    page.click("#cmp-btn")
    page.locator("#cmp-table .cite-card .doc-open").first.click()
    page.locator("#doc-view mark.doc-hit.seen").wait_for()
    assert hit_in_view(page)
    page.click("#doc-close")
    page.locator("#doc-viewer").wait_for(state="hidden")

    # from the library: the document from its start, nothing highlighted
    tab(page, "文库")
    page.click("#doc-read")
    page.locator("#doc-view .doc-text").wait_for()
    assert page.locator("#doc-view mark.doc-hit").count() == 0


def test_document_view_on_a_phone(chromium: Any, corpus_url: str) -> None:
    page = chromium.new_context(viewport=PHONE, locale="zh-CN").new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, corpus_url)
        ask(page, "济源2024年受污染耕地安全利用率的目标是多少？")
        page.locator("#sources .doc-open").first.click()
        page.locator("#doc-view mark.doc-hit.seen").wait_for()
        wait_text(page, "#doc-view mark.doc-hit", "95%")
        assert hit_in_view(page)
        close = page.locator("#doc-close").bounding_box()
        assert close is not None and 0 <= close["y"] < 60  # the close button stays on screen
        viewer = page.locator("#doc-viewer").bounding_box()
        assert viewer is not None and viewer["width"] <= PHONE["width"] + 1
    finally:
        page.context.close()
