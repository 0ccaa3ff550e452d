"""Conversations and the basket survive a reload, per browser; 新对话 and the chatbot's clear button
start a new conversation; the history list reopens and deletes past ones."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, ask, open_app, tab, wait_text

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]

Q_ANHUI = "安徽今年细颗粒物平均浓度要控制在多少？"
Q_JIYUAN = "济源2024年受污染耕地安全利用率的目标是多少？"


def history_labels(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("#history label").all_inner_texts()]


def open_history(page: Any) -> None:
    if not page.locator("#history").is_visible():
        page.click("#history-box button")  # the accordion's toggle
    page.locator("#history").wait_for()


def test_conversation_and_basket_survive_a_reload_and_stay_in_their_browser(
    chromium: Any, corpus_url: str
) -> None:
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, corpus_url)
        ask(page, Q_ANHUI)
        page.locator("#sources .basket-add").first.click()
        tab(page, "引用")
        wait_text(page, "#basket", "已收集 1 条")

        page.reload()
        open_app(page, corpus_url)
        wait_text(page, "#chat", "36.8")  # the conversation is back, with its cited answer
        wait_text(page, "#sources", "2024年安徽省生态环境工作要点")
        tab(page, "引用")
        wait_text(page, "#basket", "已收集 1 条")  # so is the basket
        tab(page, "问答")
        # a follow-up still knows what was asked before the reload
        ask(page, "那济源呢？")
        wait_text(page, "#chat .answer:last-of-type, #chat", "济源")

        # another browser sees nothing of it
        other = chromium.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
        other.set_default_timeout(60_000)
        open_app(other, corpus_url)
        open_history(other)
        assert other.locator("#chat .answer").count() == 0
        assert history_labels(other) == []
        tab(other, "引用")
        wait_text(other, "#basket", "引用篮是空的")
        other.context.close()
    finally:
        context.close()


def test_new_chat_history_reopen_delete_and_clear(chromium: Any, corpus_url: str) -> None:
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, corpus_url)
        ask(page, Q_ANHUI)
        open_history(page)
        page.wait_for_function("() => document.querySelectorAll('#history label').length === 1")

        page.click("#new-chat")
        page.wait_for_function("() => document.querySelectorAll('#chat .answer').length === 0")
        ask(page, Q_JIYUAN)
        page.wait_for_function("() => document.querySelectorAll('#history label').length === 2")
        assert history_labels(page)[0].startswith("济源")  # the latest first

        # reopen the first conversation from the list
        page.locator("#history label", has_text="安徽").click()
        wait_text(page, "#chat", "36.8")
        assert "95%" not in page.inner_text("#chat")

        # the chatbot's own clear button behaves like 新对话: the next question starts afresh
        page.locator("#chat .answer").last.hover()
        page.locator('#chat button[aria-label="清空对话"], #chat button[aria-label="Clear"]').first.click()
        page.wait_for_function("() => document.querySelectorAll('#chat .answer').length === 0")
        ask(page, "那济源呢？")
        page.wait_for_function("() => document.querySelectorAll('#history label').length === 3")
        assert page.locator("#chat .answer").count() == 1  # not appended to the 安徽 conversation

        # a reload reopens the conversation that was open, and deleting it starts afresh
        page.reload()
        open_app(page, corpus_url)
        page.wait_for_function("() => document.querySelectorAll('#chat .answer').length === 1")
        open_history(page)
        page.locator("#history label").first.click()
        page.wait_for_function("() => document.querySelectorAll('#chat .answer').length === 1")
        page.click("#history-delete")
        page.wait_for_function("() => document.querySelectorAll('#history label').length === 2")
        page.wait_for_function("() => document.querySelectorAll('#chat .answer').length === 0")
    finally:
        context.close()
