"""The HTTP API on a real server (uvicorn on loopback), through httpx and the ``openai`` client."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.api import MAX_QUESTION_CHARS, RateLimiter, create_api
from tests.conftest import SEEDS

pytestmark = [pytest.mark.slow, pytest.mark.server]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Server:
    """uvicorn in a thread, started and stopped by the test; waits on its ``started`` flag."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = _free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("API server did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def api_url(corpus_assistant: Any) -> Iterator[str]:
    with _Server(create_api(corpus_assistant, token="", admins={})) as url:
        yield url


def test_ask_is_the_chat_answer_with_its_citations(api_url: str, corpus_assistant: Any) -> None:
    q = "济源2024年受污染耕地安全利用率要达到多少？"
    r = httpx.post(f"{api_url}/api/ask", json={"question": q}, timeout=60)
    assert r.status_code == 200
    body = r.json()
    assert body["answer"] == corpus_assistant.respond(q).text
    assert body["kind"] == "answer" and not body["abstained"]
    c = body["citations"][0]
    assert c["marker"] == 1 and c["quote"] and c["doc_number"] == "济管办〔2024〕26号"
    assert "[EB/OL]" in c["reference"] and c["section_path"]
    doc = corpus_assistant.document(c["doc_id"])
    assert doc.text.display[c["quote_start"] : c["quote_end"]] == c["quote"]


def test_ask_with_scope_and_history(api_url: str) -> None:
    first = httpx.post(
        f"{api_url}/api/ask", json={"question": "安徽对PM2.5浓度定的目标？"}, timeout=60
    ).json()
    follow = httpx.post(
        f"{api_url}/api/ask",
        json={
            "question": "那郑州经开区呢？",
            "history": [
                {"role": "user", "content": "安徽对PM2.5浓度定的目标？"},
                {"role": "assistant", "content": first["answer"]},
            ],
        },
        timeout=60,
    ).json()
    assert follow["citations"] and all("经开区" in c["title"] for c in follow["citations"])
    scoped = httpx.post(
        f"{api_url}/api/ask",
        json={"question": "农村生活污水治理率要提高到多少？", "regions": ["安徽"]},
        timeout=60,
    ).json()
    assert scoped["citations"] and all("安徽" in c["title"] for c in scoped["citations"])


def test_errors_are_json_with_a_stable_code(api_url: str) -> None:
    r = httpx.post(f"{api_url}/api/ask", json={"question": "  "}, timeout=30)
    assert r.status_code == 400 and r.json()["error"]["code"] == "empty_question"
    r = httpx.post(f"{api_url}/api/ask", json={"question": "问" * (MAX_QUESTION_CHARS + 1)}, timeout=30)
    assert r.status_code == 413 and r.json()["error"]["code"] == "question_too_long"
    r = httpx.post(f"{api_url}/api/ask", json={"q": "缺少字段"}, timeout=30)
    assert r.status_code == 422 and "请求格式不正确" in r.json()["error"]["message"]
    r = httpx.get(f"{api_url}/api/documents/没有这个编号", timeout=30)
    assert r.status_code == 404 and r.json()["error"]["code"] == "document_not_found"
    r = httpx.delete(f"{api_url}/api/documents/henan-jiyuan-2024-work-points", timeout=30)
    assert r.status_code == 403 and r.json()["error"]["code"] == "admin_not_configured"


def test_documents_compare_cite_and_schema(api_url: str, corpus_assistant: Any) -> None:
    docs = httpx.get(f"{api_url}/api/documents", timeout=30).json()
    assert docs["count"] == len(corpus_assistant.documents())
    one = httpx.get(f"{api_url}/api/documents/henan-jiyuan-2024-work-points", timeout=30).json()
    assert one["meta"]["doc_number"] == "济管办〔2024〕26号"
    assert one["status"]["label"] == "未知"  # a work plan has no legal status
    law = next(d for d in docs["documents"] if d["title"] == "中华人民共和国环境噪声污染防治法")
    assert law["status"]["label"] == "已废止" and law["status"]["repealed_by"]
    assert any(s["heading"].startswith("三、") for s in one["sections"])
    cmp = httpx.post(
        f"{api_url}/api/compare", json={"topic": "秸秆禁烧", "regions": ["安徽", "济源"]}, timeout=60
    )
    assert cmp.status_code == 200 and len(cmp.json()["rows"]) == 2 and "| 地区 |" in cmp.json()["markdown"]
    cite = httpx.post(
        f"{api_url}/api/cite",
        json={"doc_id": "henan-jiyuan-2024-work-points", "quote": "受污染耕地安全利用率达到95%以上"},
        timeout=30,
    ).json()
    assert cite["quote"] == "受污染耕地安全利用率达到95%以上" and cite["reference"]
    schema = httpx.get(f"{api_url}/api/openapi.json", timeout=30).json()
    assert "/api/ask" in schema["paths"] and "/v1/chat/completions" in schema["paths"]


def test_openai_client_gets_markers_and_citations(api_url: str, corpus_assistant: Any) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{api_url}/v1", api_key="unused", max_retries=0)
    assert [m.id for m in client.models.list()] == ["policy-assistant"]
    q = "济源2024年受污染耕地安全利用率要达到多少？"
    done = client.chat.completions.create(model="policy-assistant", messages=[{"role": "user", "content": q}])
    content = done.choices[0].message.content or ""
    assert content.startswith(corpus_assistant.respond(q).text)
    assert "[1]" in content and "参考文献" in content
    citations = (done.model_extra or {})["citations"]
    assert citations[0]["marker"] == 1 and citations[0]["quote"]
    stream = client.chat.completions.create(
        model="policy-assistant", messages=[{"role": "user", "content": q}], stream=True
    )
    pieces, streamed_citations = [], None
    for chunk in stream:
        extra = chunk.model_extra or {}
        streamed_citations = streamed_citations or extra.get("citations")
        if chunk.choices and chunk.choices[0].delta.content:
            pieces.append(chunk.choices[0].delta.content)
    assert "".join(pieces) == content
    assert streamed_citations == citations


def test_upload_and_removal_need_the_token(small_library: Any, tmp_path: Path) -> None:
    doc = tmp_path / "新文件.txt"
    shutil.copy(SEEDS / "zhejiang-anon-city-2024-midyear-report.txt", doc)
    with _Server(create_api(small_library, token="token-for-test", admins={})) as url:
        files = [("files", ("新文件.txt", doc.read_bytes(), "text/plain"))]
        r = httpx.post(f"{url}/api/documents", files=files, timeout=120)
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
        bad = {"Authorization": "Bearer wrong"}
        assert httpx.post(f"{url}/api/documents", files=files, headers=bad, timeout=120).status_code == 401
        ok = {"Authorization": "Bearer token-for-test"}
        files.append(("files", ("说明.exe", b"MZ", "application/octet-stream")))
        results = httpx.post(f"{url}/api/documents", files=files, headers=ok, timeout=120).json()["results"]
        by_file = {x["file"]: x for x in results}
        assert by_file["新文件.txt"]["status"] == "imported"
        assert (
            by_file["说明.exe"]["status"] == "refused"
            and "不支持的文件类型" in by_file["说明.exe"]["message"]
        )
        new_id = by_file["新文件.txt"]["doc_id"]
        again = httpx.post(f"{url}/api/documents", files=files[:1], headers=ok, timeout=120).json()["results"]
        assert again[0]["status"] == "duplicate" and "已存在" in again[0]["message"]
        listed = httpx.get(f"{url}/api/documents", timeout=30).json()
        assert new_id in {d["doc_id"] for d in listed["documents"]}
        gone = httpx.delete(f"{url}/api/documents/{new_id}", headers=ok, timeout=60)
        assert gone.status_code == 200
        assert new_id not in {d.meta.doc_id for d in small_library.documents()}


def test_rate_limit_answers_429(small_library: Any) -> None:
    with _Server(create_api(small_library, token="", admins={}, rate_per_minute=2)) as url:
        codes = [httpx.get(f"{url}/api/documents", timeout=30).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_rate_limiter_forgets_after_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr("assistant.api.time.monotonic", lambda: clock[0])
    limiter = RateLimiter(1)
    assert limiter.allow("a") and not limiter.allow("a") and limiter.allow("b")
    clock[0] += 61
    assert limiter.allow("a")


def test_batch_endpoint_returns_the_answer_sheet(api_url: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    csv = "问题\n济源2024年受污染耕地安全利用率要达到多少？\n".encode()
    r = httpx.post(f"{api_url}/api/batch", files={"file": ("问题.csv", csv, "text/csv")}, timeout=120)
    assert r.status_code == 200
    out = tmp_path / "a.xlsx"
    out.write_bytes(r.content)
    ws = load_workbook(out).active
    assert ws is not None and "95%" in str(ws["C2"].value)
    bad = httpx.post(
        f"{api_url}/api/batch", files={"file": ("问题.docx", b"x", "application/msword")}, timeout=60
    )
    assert bad.status_code == 400 and "问题.docx" in bad.json()["error"]["message"]


def test_one_server_serves_the_web_app_and_the_api(small_library: Any) -> None:
    from assistant.ui.app import create_server

    with _Server(create_server(small_library)) as url:
        page = httpx.get(f"{url}/", timeout=60)
        assert page.status_code == 200 and "gradio" in page.text.lower()
        docs = httpx.get(f"{url}/api/documents", timeout=30).json()
        assert docs["count"] == len(small_library.documents())
        answer = httpx.post(
            f"{url}/api/ask", json={"question": "安徽农村生活污水治理率要提高到多少？"}, timeout=60
        )
        assert answer.status_code == 200 and answer.json()["citations"]
