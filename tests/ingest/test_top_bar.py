"""A saved page's top bar is not the document's title."""

from __future__ import annotations

from pathlib import Path

from assistant.chunking import StructureChunker
from assistant.ingest.pipeline import prepare

PAGE = """<html><head><title>无障碍 | 长者模式 | 繁体 | English | 登录</title></head><body>
<div class="top">无障碍 | 长者模式 | 繁体 | English | 登录</div>
<div>首页 > 政务公开 > 政策文件</div>
<h1>关于印发某县2025年秸秆综合利用工作方案的通知</h1>
<p>某政办〔2025〕7号</p>
<p>各乡镇人民政府，县直各有关单位：</p>
<p>现将《某县2025年秸秆综合利用工作方案》印发给你们，请认真贯彻执行。</p>
<p>某县人民政府办公室</p><p>2025年3月1日</p>
</body></html>"""


def test_top_bar_of_a_saved_page_is_not_the_title(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    meta = prepare(page, StructureChunker(), doc_id="x").stored.meta
    assert meta.title == "关于印发某县2025年秸秆综合利用工作方案的通知"
    assert meta.doc_number == "某政办〔2025〕7号"
