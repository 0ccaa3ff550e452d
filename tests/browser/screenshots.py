"""Screenshots of every tab at 1280 and 390 px for docs/.

    .venv/bin/python -m tests.browser.screenshots [--data-dir DIR] [--out docs/screenshots]

Serves the web app over the bundled corpus, drives Debian's Chromium through Playwright (as the
browser tests do), puts each tab in a state worth showing (an answer with its citation open, a
comparison, a basket, a batch run, the library, a rating) and writes ``{tab}-{width}.png``;
``docs/chat.png`` and ``docs/compare.png`` (shown in the README) are the 1280 px ones. Every step
waits on what the page shows, never on a clock.

Without ``--data-dir`` the corpus is indexed into a temporary directory with the hashing embedder
(seconds; retrieval leans on the keyword index anyway), so the script needs nothing built first.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    ask,
    choose_files,
    open_app,
    serve,
    tab,
    wait_text,
)
from tests.conftest import CORPUS, REPO

DESKTOP = {"width": 1280, "height": 860}
QUESTION = "安徽今年细颗粒物平均浓度要控制在多少？"
BATCH = (
    "问题,地区\n济源2024年受污染耕地安全利用率要达到多少？,\n安徽农村生活污水治理率要提高到多少？,安徽省\n"
)


def _top(page: Any) -> None:
    """Scroll so that the tab bar is at the top of the window."""
    page.evaluate("document.querySelector('#tabs').scrollIntoView()")


def small(path: Path) -> None:
    """Re-save a screenshot with 128 colours: a third of the size in git, text still crisp."""
    from PIL import Image

    with Image.open(path) as im:
        quantized = im.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    quantized.save(path, optimize=True)


def shoot(page: Any, url: str, out: Path, width: int, work: Path) -> None:
    """One pass over the app at one width; files ``{tab}-{width}.png``."""

    def save(tab_name: str) -> None:
        # toasts ("已加入引用篮" …) would cover the tab: close them first
        page.evaluate("document.querySelectorAll('[data-testid=toast-close]').forEach(b => b.click())")
        page.wait_for_function("() => !document.querySelector('[data-testid=toast-body]')")
        path = out / f"{tab_name}-{width}.png"
        page.screenshot(path=str(path))
        small(path)

    open_app(page, url)
    # 问答: an answer, its first citation pinned open
    ask(page, QUESTION)
    page.locator("#chat .answer .cite-ref").first.click()
    page.locator("#cite-pop.open").wait_for()
    save("chat")
    page.keyboard.press("Escape")
    # a 👎 with a reason, for the 反馈 tab
    if width > PHONE["width"]:  # the message buttons show on hover; on a phone they always show
        page.locator("#chat .answer").last.hover()
    page.locator('#chat button[aria-label="踩"]').last.click()
    page.locator("#feedback-row").wait_for()
    page.fill("#feedback-reason textarea", "希望同时给出2023年的实际值")
    page.click("#feedback-send")
    page.locator("#feedback-row").wait_for(state="hidden")
    # the original document at the cited passage
    page.locator("#sources .doc-open").first.click()
    page.locator("#doc-view mark.doc-hit.seen").wait_for()
    save("document")
    page.click("#doc-close")
    page.locator("#doc-viewer").wait_for(state="hidden")
    # 引用: one source into the basket, exported
    page.locator("#sources .basket-add").first.click()
    tab(page, "引用")
    wait_text(page, "#basket", "已收集 1 条")
    page.click("#export-md")
    page.locator("#export-file a").first.wait_for()
    _top(page)
    save("cite")
    # 对比
    tab(page, "对比")
    page.fill("#cmp-topic textarea", "PM2.5浓度")
    page.click("#cmp-btn")
    page.locator("#cmp-table table.cmp-table").wait_for()
    _top(page)
    save("compare")
    # 批量问答
    tab(page, "批量问答")
    table = work / f"问题表-{width}.csv"
    table.write_text(BATCH, encoding="utf-8-sig")
    choose_files(page, "batch-in", [table])
    page.click("#batch-run")
    wait_text(page, "#batch-msg", "已完成")
    _top(page)
    save("batch")
    # 文库
    tab(page, "文库")
    wait_text(page, "#lib-count", "个文件")
    page.locator("#doc-table .body-cell").first.wait_for()
    _top(page)
    save("library")
    # 版本对照 (the first pair of versions the library has)
    if page.locator("#tab-versions-button").count():
        tab(page, "版本对照")
        page.click("#diff-run")
        page.wait_for_function(
            "() => !document.querySelector('#diff-view').innerText.includes('选择旧文本与新文本后')"
            " || document.querySelector('.toast-body')"
        )
        _top(page)
        save("versions")
    # 反馈
    tab(page, "反馈")
    wait_text(page, "#fb-table", "希望同时给出")
    _top(page)
    save("feedback")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, help="an indexed library (default: index the corpus now)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from assistant.config import Settings
    from assistant.core import Assistant
    from assistant.sessions import ConversationStore
    from assistant.ui import create_app

    work = Path(tempfile.mkdtemp(prefix="policy-screenshots-"))
    try:
        if args.data_dir:
            assistant = Assistant(Settings(data_dir=args.data_dir, corpus_dir=CORPUS))
        else:
            assistant = Assistant(Settings(data_dir=work / "data", corpus_dir=CORPUS), embedder="hash")
            assistant.ingest()
        app = create_app(assistant, admins={}, store=ConversationStore(work / "web.sqlite3"))
        url = serve(app)
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for viewport in (DESKTOP, PHONE):
                    context = browser.new_context(viewport=viewport, locale="zh-CN")
                    page = context.new_page()
                    page.set_default_timeout(120_000)
                    shoot(page, url, args.out, viewport["width"], work)
                    context.close()
                browser.close()
        finally:
            app.close()
        for name in ("chat", "compare"):  # the README's two pictures
            shutil.copy(args.out / f"{name}-{DESKTOP['width']}.png", args.out.parent / f"{name}.png")
        print(f"screenshots in {args.out}", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
