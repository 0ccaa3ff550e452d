"""Gradio's own upload route in a real browser: refused with a Chinese message before the admin
login, open after it (the login leaves a token cookie that the route asks for)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import admin_login, choose_files, open_app, tab, wait_text
from tests.conftest import SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]


def test_upload_route_needs_the_login(page: Any, library_url: str, tmp_path: Path) -> None:
    doc = tmp_path / "济源工作要点.txt"
    shutil.copy(SEEDS / "henan-jiyuan-2024-work-points.txt", doc)
    open_app(page, library_url)
    tab(page, "文库")
    page.set_input_files("#upload-files input[type=file]", [str(doc)])
    wait_text(page, ".toast-body", "上传需要管理员登录")
    assert "HTTP 401" not in page.inner_text("body")
    assert not [c for c in page.context.cookies() if c["name"] == "policy_admin"]

    admin_login(page)
    page.wait_for_function("() => document.cookie.includes('policy_admin=')")
    page.wait_for_function("() => !document.querySelector('#admin-token textarea, #admin-token input').value")
    choose_files(page, "upload-files", [doc])
    page.click("#upload-btn")
    wait_text(page, "#upload-result", "已导入")
