"""Playwright driving Debian's Chromium (``make browser-deps`` installs it; no browser download).

Screenshots and downloads go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, SEEDS

CHROMIUM = os.environ.get("POLICY_ASSISTANT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ADMIN_PASSWORD = "browser-test-pw"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(app: Any) -> str:
    port = free_port()
    app.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    return f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser-deps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def corpus_url(corpus_assistant: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over the whole corpus (read-only use: nothing is uploaded into the cached index;
    conversations and feedback go to a temporary directory, not beside the cached index)."""
    from assistant.sessions import ConversationStore
    from assistant.ui import create_app

    store = ConversationStore(tmp_path_factory.mktemp("web") / "web.sqlite3")
    app = create_app(corpus_assistant, admins={}, store=store)
    try:
        yield serve(app)
    finally:
        app.close()


@pytest.fixture
def library_url(tmp_path: Path) -> Iterator[str]:
    """A small library (hashing embedder) behind an admin login, so uploads change nothing shared."""
    from assistant.config import Settings
    from assistant.core import Assistant
    from assistant.ui import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "anhui-2024-work-points.txt", corpus)
    a = Assistant(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), embedder="hash")
    a.ingest()
    app = create_app(a, admins={"admin": ADMIN_PASSWORD})
    try:
        yield serve(app)
    finally:
        app.close()


# -- helpers shared by the browser tests: they wait on what the page shows, never on a clock --


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN", accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(60_000)
    yield p
    context.close()


def open_app(page: Any, url: str) -> None:
    """Open the app and wait until the page load has restored the session (提问 is enabled then)."""
    page.goto(url, wait_until="load")
    page.wait_for_selector("#question textarea")
    page.wait_for_function(
        "() => { const b = document.querySelector('#ask-btn'); return !!b && !b.disabled; }"
    )


def ask(page: Any, question: str) -> float:
    """Ask in the chat; return the seconds until the answer is rendered."""
    done = page.locator("#chat .answer").count()
    page.fill("#question textarea", question)
    t0 = time.perf_counter()
    page.click("#ask-btn")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .answer').length > n", arg=done, timeout=120_000
    )
    return time.perf_counter() - t0


def wait_text(page: Any, selector: str, text: str) -> None:
    """Wait until the visible text of ``selector`` contains ``text``."""
    page.wait_for_function(
        "([sel, t]) => { const e = document.querySelector(sel); return !!e && e.innerText.includes(t); }",
        arg=[selector, text],
    )


def tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()


LOGIN_ANSWERED = "() => /已登录|错误|过多/.test(document.querySelector('#login-msg')?.innerText ?? '')"
# the login's last step (in the page) sets the upload cookie and opens 导入 at once: read both at
# the moment the button opens, so a button that opens before uploads are accepted fails here
UPLOAD_OPEN = """() => { const b = document.querySelector('#upload-btn');
  return !!b && !b.disabled && {cookie: document.cookie.includes('policy_admin=')}; }"""


def admin_login(page: Any, password: str = ADMIN_PASSWORD) -> None:
    """Log in on the 文库 tab; return once the login has answered (one queued event) and the page
    holds the upload cookie with 导入 enabled, i.e. once a picked file would be accepted."""
    tab(page, "文库")
    page.fill("#admin-user textarea, #admin-user input", "admin")
    page.fill("#admin-password input, #admin-password textarea", password)
    page.click("#admin-login")
    page.wait_for_function(LOGIN_ANSWERED)
    message = page.inner_text("#login-msg")
    assert "已登录" in message, message
    state = page.wait_for_function(UPLOAD_OPEN).json_value()
    assert state == {"cookie": True}, "导入 opened before the upload cookie was set"


def choose_files(page: Any, elem_id: str, paths: list[Path]) -> None:
    """Pick files in a ``gr.File`` and wait until Gradio has uploaded every one (its link points
    at the server's copy): clicking a button before that sends no file."""
    page.set_input_files(f"#{elem_id} input[type=file]", [str(p) for p in paths])
    page.wait_for_function(
        """([id, names]) => { const links = [...document.querySelectorAll('#' + id + ' a')]
              .filter(a => a.href.includes('/gradio_api/file=')).map(a => decodeURIComponent(a.href));
            return names.every(n => links.some(h => h.endsWith('/' + n))); }""",
        arg=[elem_id, [p.name for p in paths]],
    )
