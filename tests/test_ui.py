"""The web app: rendering and upload rules (fast), then the served app through ``gradio_client``.

Browser tests with Playwright live in tests/browser/.
"""

from __future__ import annotations

import base64
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.schema import Answer, Citation, DocumentMeta
from assistant.ui import create_app, library, render_answer, render_sources
from assistant.ui.indexing import RWLock
from tests.conftest import SEEDS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answer(
    title: str = "2024年安徽省生态环境工作要点", text: str = "浓度36.8微克/立方米以下[1]。"
) -> Answer:
    meta = DocumentMeta(doc_id="d1", title=title, doc_number="皖环〔2024〕1号", written_date="2024-05-14")
    c = Citation(
        marker=1,
        doc_id="d1",
        title=title,
        doc_number=meta.doc_number,
        section_path=["一、总体要求"],
        section_number="一",
        quote="36.8微克",
        quote_start=2,
        quote_end=8,
        chunk_id="c1",
        meta=meta,
    )
    return Answer(question="q", text=text, citations=[c], passages=[])


# -- rendering (fast) ---------------------------------------------------------------------------


def test_markers_become_clickable_and_cards_carry_the_source() -> None:
    r = render_answer(_answer(), "t1")
    assert 'class="cite-ref cite-k-t1-1"' in r.message and ">[1]</span>" in r.message
    assert "card-k-t1-1" in r.sources and "<mark>36.8微克</mark>" in r.sources
    assert "皖环〔2024〕1号" in r.sources and "2024-05-14" in r.sources and "一、总体要求" in r.sources
    assert "add-k-t1-1" in r.sources  # 加入引用篮
    assert set(r.entries) == {"t1-1"}
    assert "《2024年安徽省生态环境工作要点》" in r.history_text  # follow-ups can point back to it


def test_a_quoted_table_row_shows_its_header() -> None:
    answer = _answer(text="2025年目标：38[1]。")
    answer.citations[0].table_header = ["县区", "指标", "2025年目标"]
    r = render_answer(answer, "t5")
    assert "表头：县区 | 指标 | 2025年目标" in r.sources
    assert "表头：" not in render_answer(_answer(), "t6").sources


def test_everything_from_documents_is_escaped() -> None:
    r = render_answer(_answer(title="<script>alert(1)</script>", text="<b>x</b>[1][9]"), "t2")
    assert "<script>" not in r.message + r.sources
    assert "&lt;b&gt;x&lt;/b&gt;" in r.message
    assert "[9]" in r.message and "cite-k-t2-9" not in r.message  # unknown markers stay text


@pytest.mark.slow
def test_abstention_is_marked_and_lists_possibly_related(corpus_assistant: Any) -> None:
    answer = corpus_assistant.ask("广东省的扬尘污染防治有什么规定？")
    assert answer.abstained
    r = render_answer(answer, "t3", corpus_assistant.document)
    assert "未在文件中找到明确答案" in r.message
    html = render_sources(answer, corpus_assistant.document)
    assert "可能相关" in html or "未检索到相关段落" in html


def test_whole_document_marks_the_quote_and_anchors_its_sections() -> None:
    import re

    from assistant.index.docstore import StoredDocument
    from assistant.schema import NormalizedText
    from assistant.ui.render import document_html

    text = "关于<测试>的通知\n一、总体要求\n细颗粒物浓度36.8微克以下。\n二、重点任务\n（一）治理扬尘。"
    doc = StoredDocument(
        meta=DocumentMeta(doc_id="d1", title="关于<测试>的通知", province="安徽省"),
        text=NormalizedText(display=text, search=text, script="simplified"),
        content_hash="h",
        pipeline_version="v",
        chunks=[],
    )
    start = text.index("36.8微克")
    html = document_html(doc, (start, start + len("36.8微克")), status="已废止")
    assert '<mark class="doc-hit">36.8微克</mark>' in html
    assert "<测试>" not in html and "&lt;测试&gt;" in html  # escaped, title and text
    assert '<span class="status-old">已废止</span>' in html
    jumps = re.findall(r"doc-jump jump-(\d+)", html)
    assert jumps and all(f"doc-s-{j}" in html for j in jumps)  # every heading link has its anchor
    assert int(jumps[0]) == text.index("一、总体要求")
    plain = document_html(doc, (5, 10_000))  # offsets outside the text: no highlight, no crash
    assert "doc-hit" not in plain and "黄色标出" not in plain


# -- uploads and admin login (fast) -------------------------------------------------------------


def test_uploads_are_checked_and_stored_under_generated_names(tmp_path: Path) -> None:
    from assistant.config import Settings

    settings = Settings(data_dir=tmp_path / "data")
    good = tmp_path / "报告 (最终版).txt"
    good.write_text("关于印发某某工作要点的通知\n一、总体要求\n细颗粒物浓度下降。", encoding="utf-8")
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF" + b"0" * 2048)
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    staged = library.stage_uploads(
        [good, big, empty, exe], [good.name, big.name, empty.name, exe.name], settings, limit=1024
    )
    assert list(staged.stored.values()) == [good.name]
    (stored,) = staged.stored
    assert stored.parent == library.upload_dir(settings)
    assert stored.suffix == ".txt" and stored.name.isascii() and " " not in stored.name
    assert library.is_upload(str(stored), settings) == stored.resolve()
    assert "过大" in staged.refused["big.pdf"]
    assert "为空" in staged.refused["empty.md"]
    assert "不支持" in staged.refused["tool.exe"]


def test_admin_accounts_come_from_the_environment_only() -> None:
    env = {
        library.ADMIN_USER_ENV: "admin",
        library.ADMIN_PASSWORD_ENV: "s3cret",
        library.ADMIN_USERS_ENV: "li:pw2",
    }
    accounts = library.admin_accounts(env)
    assert accounts == {"admin": "s3cret", "li": "pw2"}
    assert library.check_login(accounts, "admin", "s3cret")
    assert not library.check_login(accounts, "admin", "wrong")
    assert not library.check_login(accounts, "nobody", "")
    assert library.admin_accounts({}) == {}


def test_rw_lock_lets_readers_share_and_writers_wait() -> None:
    import threading

    lock = RWLock()
    order: list[str] = []
    with lock.read(), lock.read():
        t = threading.Thread(target=lambda: (lock.write().__enter__(), order.append("w")))
        t.start()
        t.join(0.2)
        assert order == []  # the writer waits for the readers
    t.join(2)
    assert order == ["w"]


def test_rw_lock_lets_a_waiting_writer_in_before_new_readers() -> None:
    import threading

    lock = RWLock()
    order: list[str] = []
    writer_waits = threading.Event()

    def write() -> None:
        writer_waits.set()
        with lock.write():
            order.append("w")

    def read() -> None:
        with lock.read():
            order.append("r")

    with lock.read():
        w = threading.Thread(target=write)
        w.start()
        writer_waits.wait(5)
        while not lock._writers_waiting:  # the writer is queued behind this reader
            threading.Event().wait(0.01)
        r = threading.Thread(target=read)
        r.start()
        with lock.read():  # a nested read of a reading thread does not wait for the writer
            order.append("nested")
        r.join(0.2)
        assert order == ["nested"]  # the new reader waits behind the writer
    w.join(5)
    r.join(5)
    assert order == ["nested", "w", "r"]


# -- served app through gradio_client ----------------------------------------------------------


@pytest.fixture
def served(corpus_assistant: Any, tmp_path: Path) -> Iterator[Any]:
    from gradio_client import Client

    from assistant.sessions import ConversationStore

    app = create_app(corpus_assistant, admins={}, store=ConversationStore(tmp_path / "web.sqlite3"))
    port = _free_port()
    app.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield Client(f"http://127.0.0.1:{port}/", verbose=False)
    finally:
        app.close()


@pytest.mark.slow
@pytest.mark.server
def test_chat_answers_with_sources_and_fills_the_basket(served: Any, tmp_path: Path) -> None:
    chat, sources, box = served.predict(
        "安徽今年细颗粒物平均浓度要控制在多少？", [], [], [], "extractive", api_name="/ask"
    )
    assert box == ""
    reply = str(chat[-1]["content"])
    assert "36.8" in reply and "cite-ref cite-k-t1-1" in reply
    assert "来源" in sources and "2024年安徽省生态环境工作要点" in sources and "<mark>" in sources

    basket_html, _key = served.predict("t1-1", api_name="/add_source")
    assert "已收集 1 条" in basket_html
    path, preview = served.predict("报告引用", api_name="/export_md")
    text = Path(path).read_text(encoding="utf-8")
    assert (
        text.startswith("# 报告引用")
        and "36.8" in text
        and "[^1]:" in text
        and preview.strip() == text.strip()
    )
    docx = served.predict("报告引用", api_name="/export_docx")
    assert Path(docx).suffix == ".docx" and Path(docx).stat().st_size > 5000


@pytest.mark.slow
@pytest.mark.server
def test_region_filter_and_comparison(served: Any) -> None:
    _chat, sources, _ = served.predict(
        "细颗粒物平均浓度目标是多少？", [], ["河南省 济源市"], [], "extractive", api_name="/ask"
    )
    assert "济源" in sources and "安徽省生态环境工作要点" not in sources
    table, _chart = served.predict(
        "受污染耕地安全利用率", ["安徽省", "河南省 济源市"], [], api_name="/compare"
    )
    assert "cmp-table" in table and "安徽省" in table and "济源" in table and "cite-ref" in table
    md = served.predict(api_name="/export_compare_md")
    assert "对比主题" in Path(md).read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.server
def test_upload_and_removal_need_the_admin_login(small_library: Any, tmp_path: Path) -> None:
    from gradio_client import Client, handle_file

    app = create_app(small_library, admins={"admin": "pw-for-test"})
    port = _free_port()
    app.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        doc = tmp_path / "新文件.txt"
        shutil.copy(SEEDS / "zhejiang-anon-city-2024-midyear-report.txt", doc)
        bad = tmp_path / "坏文件.pdf"
        bad.write_bytes(b"not a pdf at all")
        # Gradio's own upload route refuses an anonymous client before storing anything …
        with pytest.raises(Exception, match="401"):
            Client(url, verbose=False).predict([handle_file(str(doc))], api_name="/upload")
        # … and lets an admin's HTTP Basic credentials through; importing still needs /login
        basic = base64.b64encode(b"admin:pw-for-test").decode()
        client = Client(url, verbose=False, headers={"Authorization": f"Basic {basic}"})
        with pytest.raises(Exception, match="管理员"):
            client.predict([handle_file(str(doc))], api_name="/upload")
        client.predict("admin", "wrong", api_name="/login")
        with pytest.raises(Exception, match="管理员"):
            client.predict([handle_file(str(doc))], api_name="/upload")
        client.predict("admin", "pw-for-test", api_name="/login")
        result = client.predict([handle_file(str(doc)), handle_file(str(bad))], api_name="/upload")
        rows = {r[0]: r for r in result["data"]}
        assert rows["新文件.txt"][1] == "已导入" and rows["新文件.txt"][2]
        assert rows["坏文件.pdf"][1].startswith("失败")
        new_id = rows["新文件.txt"][2]
        stored = [p.name for p in library.upload_dir(small_library.settings).iterdir()]
        assert len(stored) == 1 and stored[0].endswith(".txt") and stored[0].isascii()
        assert new_id in {d.meta.doc_id for d in small_library.documents()}
        msg, _ = client.predict([new_id], False, api_name="/remove")
        assert "确认删除" in msg and new_id in {d.meta.doc_id for d in small_library.documents()}
        msg, _ = client.predict([new_id], True, api_name="/remove")
        assert "已删除" in msg
        assert new_id not in {d.meta.doc_id for d in small_library.documents()}
        assert not any(library.upload_dir(small_library.settings).iterdir())  # the stored file is gone
    finally:
        app.close()


@pytest.mark.slow
@pytest.mark.server
def test_blank_region_and_overlong_question_do_not_break_the_chat(served: Any) -> None:
    chat, _sources, _box = served.predict(
        "安徽农村生活污水治理率要提高到多少？", [], [" "], [], "extractive", api_name="/ask"
    )
    assert "[1]" in str(chat[-1]["content"])  # answered, not "list index out of range"
    long_q = "问" * 3000
    chat, _sources, box = served.predict(long_q, [], [], [], "extractive", api_name="/ask")
    assert chat == [] and box == long_q  # refused with a warning, the text kept for editing


def _library_tab(assistant: Any, tmp_path: Path, accounts: dict[str, str]) -> Any:
    import gradio as gr

    from assistant.feedback import FeedbackStore
    from assistant.sessions import ConversationStore
    from assistant.ui.context import UiContext
    from assistant.ui.library_tab import LibraryTab

    ctx = UiContext(
        assistant=assistant,
        lock=RWLock(),
        accounts=accounts,
        store=ConversationStore(tmp_path / "web.sqlite3"),
        feedback=FeedbackStore(tmp_path / "feedback.sqlite3"),
    )
    with gr.Blocks():
        return LibraryTab.build(ctx, ctx.doc_choices())


def test_login_answers_with_the_upload_token_in_one_step(small_library: Any, tmp_path: Path) -> None:
    """The page opens 导入 only with a token in hand (see library_tab.SET_COOKIE_JS): the login
    itself hands it out, no later queued step does."""
    from types import SimpleNamespace

    lib = _library_tab(small_library, tmp_path, {"admin": "pw-for-test"})
    request: Any = SimpleNamespace(client=SimpleNamespace(host="192.0.2.1"))
    ok, msg, token = lib.login("admin", "pw-for-test", request)
    assert ok and "已登录" in msg and lib.ctx.tokens.valid(token)
    ok, msg, token = lib.login("admin", "wrong", request)
    assert not ok and "错误" in msg and token == ""


def test_library_refresh_keeps_the_removal_selection_except_after_a_removal(
    small_library: Any, tmp_path: Path
) -> None:
    """A refresh after a page load or an upload can arrive while files are being picked for
    removal: it updates the choices only; the one after a removal also empties the selection."""
    lib = _library_tab(small_library, tmp_path, {})
    rm_pick = 3  # table, viewer list, chat filter, removal list, regions, count
    assert "value" not in lib.refreshed()[rm_pick] and lib.refreshed()[rm_pick]["choices"]
    assert lib.refreshed_after_removal()[rm_pick]["value"] == []


def test_stray_uploads_are_swept_at_start(small_library: Any, tmp_path: Path) -> None:
    """A file staged by an upload that was killed before its commit is deleted at the next start;
    the files of imported uploads stay."""
    root = library.upload_dir(small_library.settings)
    root.mkdir(parents=True, exist_ok=True)
    kept = root / library.generated_name(".md")
    kept.write_text("# 某办法\n\n第一条 为了测试，制定本办法。\n", encoding="utf-8")
    small_library.ingest([kept])
    stray = root / library.generated_name(".md")
    stray.write_text("# 未完成的导入\n", encoding="utf-8")
    assert library.sweep_uploads(small_library) == [stray]
    assert kept.exists() and not stray.exists()


@pytest.mark.slow
@pytest.mark.server
def test_gradio_upload_route_needs_the_admin_login(small_library: Any, tmp_path: Path) -> None:
    import httpx
    from gradio.utils import get_upload_folder

    app = create_app(small_library, admins={"admin": "pw-for-test"})
    port = _free_port()
    app.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    upload = f"http://127.0.0.1:{port}/gradio_api/upload"
    payload = b"<html>" + b"x" * 4096
    before = {p for p in Path(get_upload_folder()).rglob("*") if p.is_file()}
    try:
        assert app.guard is not None  # type: ignore[attr-defined]
        tokens = app.guard.kwargs["tokens"]  # type: ignore[attr-defined]

        def post(**kw: Any) -> httpx.Response:
            return httpx.post(upload, files={"files": ("a.html", payload)}, timeout=30, **kw)

        refused = post()
        assert refused.status_code == 401 and "管理员" in refused.text
        assert post(auth=("admin", "wrong")).status_code == 401
        assert post(cookies={"policy_admin": "made-up"}).status_code == 401
        assert {p for p in Path(get_upload_folder()).rglob("*") if p.is_file()} == before  # nothing stored
        assert post(auth=("admin", "pw-for-test")).status_code == 200
        assert post(cookies={"policy_admin": tokens.issue()}).status_code == 200
    finally:
        app.close()


def test_gradio_temporary_copies_are_discarded_and_nothing_else(tmp_path: Path) -> None:
    from gradio.utils import get_upload_folder

    from assistant.ui.guard import AdminTokens, discard

    inside = Path(get_upload_folder()) / "policy-test" / "upload.txt"
    inside.parent.mkdir(parents=True, exist_ok=True)
    inside.write_text("x", encoding="utf-8")
    outside = tmp_path / "mine.txt"
    outside.write_text("x", encoding="utf-8")
    discard([str(inside), str(outside), None])
    assert not inside.exists() and outside.exists()
    inside.parent.rmdir()
    tokens = AdminTokens(ttl_s=-1)
    assert not tokens.valid(tokens.issue())  # expired at once
    assert AdminTokens().valid(AdminTokens().issue()) is False  # another app's token is unknown


@pytest.mark.slow
@pytest.mark.server
def test_the_served_app_guards_the_upload_route_too(
    small_library: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """create_server (the API with the web app mounted at /) carries the same guard."""
    import httpx

    from assistant.ui.app import create_server
    from tests.test_api import _Server

    monkeypatch.setenv(library.ADMIN_USER_ENV, "admin")
    monkeypatch.setenv(library.ADMIN_PASSWORD_ENV, "pw-for-test")
    with _Server(create_server(small_library)) as url:
        files = {"files": ("a.txt", b"x" * 1024)}
        assert httpx.post(f"{url}/gradio_api/upload", files=files, timeout=30).status_code == 401
        ok = httpx.post(f"{url}/gradio_api/upload", files=files, auth=("admin", "pw-for-test"), timeout=30)
        assert ok.status_code == 200
        assert httpx.get(f"{url}/", timeout=30).status_code == 200  # the page itself stays open
