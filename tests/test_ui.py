"""The web app served for real and driven through gradio_client (API level).

Browser tests with Playwright belong to the web-app issue; this checks that `serve` gives a
working chat whose answers carry their sources.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest

from assistant.ui import create_app, render_sources

pytestmark = [pytest.mark.slow, pytest.mark.server]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_chat_answers_with_sources_over_http(corpus_assistant: Any) -> None:
    from gradio_client import Client

    app = create_app(corpus_assistant)
    port = _free_port()
    app.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        chat, sources, box = client.predict("安徽今年细颗粒物平均浓度要控制在多少？", [], [], api_name="/ask")
        assert box == ""
        reply = chat[-1]["content"]
        reply = reply if isinstance(reply, str) else str(reply)
        assert "36.8" in reply and "[1]" in reply
        assert "来源" in sources and "2024年安徽省生态环境工作要点" in sources
    finally:
        app.close()


def test_abstention_shows_closest_passages(corpus_assistant: Any) -> None:
    answer = corpus_assistant.ask("广东省的扬尘污染防治有什么规定？")
    assert answer.abstained
    md = render_sources(answer)
    assert md == "" or md.startswith("### 可能相关")
