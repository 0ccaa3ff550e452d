"""👍/👎 with a reason on an answer, kept across a reload; the admin view behind the login lists it and
exports it as evaluation candidates the eval loader accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.evaluation.dataset import parse_lines
from tests.browser.conftest import admin_login, ask, open_app, tab, wait_text

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]

DISLIKE = '#chat button[aria-label="踩"], #chat button[aria-label="Dislike"]'


def test_dislike_with_reason_then_admin_lists_and_exports(
    page: Any, library_url: str, artifacts: Path
) -> None:
    open_app(page, library_url)
    ask(page, "安徽农村生活污水治理率要提高到多少？")
    page.locator("#chat .answer").last.hover()
    page.locator(DISLIKE).last.click()
    page.locator("#feedback-row").wait_for()
    page.fill("#feedback-reason textarea", "应为40%以上")
    page.click("#feedback-send")
    page.locator("#feedback-row").wait_for(state="hidden")

    # the thumb is still down after a reload
    page.reload()
    open_app(page, library_url)
    wait_text(page, "#chat", "37%")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#chat button')].some(b => "
        "['已踩', 'Disliked'].includes(b.getAttribute('aria-label')))"
    )

    # the admin view needs the login
    tab(page, "反馈")
    wait_text(page, "#fb-count", "请先")
    assert "应为40%以上" not in page.inner_text("#fb-table")
    admin_login(page)
    tab(page, "反馈")
    wait_text(page, "#fb-table", "应为40%以上")
    assert "安徽农村生活污水治理率" in page.inner_text("#fb-table")
    page.click("#fb-export")
    link = page.locator("#fb-file a").first
    link.wait_for()
    with page.expect_download() as dl:
        link.click()
    saved = artifacts / "feedback-candidates.jsonl"
    dl.value.save_as(str(saved))
    (case,) = parse_lines(saved.read_text(encoding="utf-8").splitlines())
    assert case.answer == "应为40%以上" and case.must_include == ["40%以上"]
    assert case.sources and case.sources[0].doc.endswith("anhui-2024-work-points.txt")
