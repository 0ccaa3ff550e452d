"""The HTTP API beside the web app: REST under ``/api`` and an OpenAI-compatible ``/v1``.

Every answer comes from :meth:`assistant.core.Assistant.respond`, the call the chat makes, so the
API, the CLI and the web app answer a question identically. Answers keep their citations: the
REST response lists them, and the OpenAI-compatible response carries the ``[n]`` markers in the
message text and the cited passages in a ``citations`` field, so an OA plug-in or chat client
that knows nothing of this project loses nothing.

Errors are JSON ``{"error": {"code": "...", "message": "中文说明"}}`` with a stable code.
Uploads and removals need ``Authorization: Bearer <token>`` (the token is read from the variable
named by ``API_TOKEN_ENV``) or the web app's admin account over HTTP Basic; with neither
configured they are refused.

>>> app = create_api(Assistant())          # doctest: +SKIP
>>> uvicorn.run(app, port=7860)            # doctest: +SKIP
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, File, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from assistant.citations import from_citation
from assistant.core import MAX_QUESTION_CHARS, Assistant, Response, Scope
from assistant.errors import AssistantError, EmptyQuestionError, UnknownDocumentError, UserInputError
from assistant.sections import parse_sections
from assistant.ui import library
from assistant.ui.indexing import RWLock

API_TOKEN_ENV = "POLICY_ASSISTANT_API_TOKEN"
RATE_ENV = "POLICY_ASSISTANT_RATE_PER_MINUTE"
DEFAULT_RATE_PER_MINUTE = 120
MODEL_ID = "policy-assistant"


class ApiError(Exception):
    """An error answered as JSON with a stable ``code`` and a Chinese ``message``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


# -- request and response shapes ------------------------------------------------------------


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class AskRequest(BaseModel):
    question: str = Field(description="问题（简体或繁体）")
    history: list[Turn] = Field(default_factory=list, description="此前的对话，用户在先")
    regions: list[str] = Field(default_factory=list, description="限定地区，如 ['安徽']")
    doc_ids: list[str] = Field(default_factory=list, description="限定文件编号")


class CompareRequest(BaseModel):
    topic: str
    regions: list[str] = Field(default_factory=list)
    doc_ids: list[str] = Field(default_factory=list)


class CiteRequest(BaseModel):
    doc_id: str
    section: str | None = Field(default=None, description="章节，如 三.（三）.1 或 第十二条")
    quote: str | None = Field(default=None, description="原文片段")


class ChatMessage(BaseModel):
    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    model: str = MODEL_ID
    messages: list[ChatMessage]
    stream: bool = False


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message}})


def _citations(assistant: Assistant, response: Response) -> list[dict[str, Any]]:
    out = []
    for c in sorted(response.citations, key=lambda c: c.marker):
        doc = assistant.document(c.doc_id)
        sc = from_citation(c, doc)
        out.append(
            {
                "marker": c.marker,
                "doc_id": c.doc_id,
                "title": c.title,
                "doc_number": c.doc_number,
                "issuer": sc.issuer,
                "region": sc.region,
                "section_path": list(c.section_path),
                "section_number": c.section_number,
                "pinpoint": sc.pinpoint,
                "quote": c.quote,
                "quote_start": c.quote_start,
                "quote_end": c.quote_end,
                "table_header": list(c.table_header),
                "reference": sc.reference,
            }
        )
    return out


def response_json(assistant: Assistant, response: Response) -> dict[str, Any]:
    """The JSON form of a :class:`Response`: what the chat shows, with every citation."""
    a = response.answer
    return {
        "kind": response.kind,
        "question": a.question,
        "resolved_question": a.resolved_question,
        "answer": a.text,
        "abstained": a.abstained,
        "notice": a.notice,
        "citations": _citations(assistant, response),
        "comparison": response.comparison.to_dict() if response.comparison is not None else None,
        "timings_ms": {k: round(v * 1000, 1) for k, v in a.timings.items() if k != "best_unit_score"},
    }


def _references(citations: list[dict[str, Any]]) -> str:
    if not citations:
        return ""
    lines = [
        f"[{c['marker']}] {c['reference']} {c['pinpoint']}。原文：“{c['quote'].strip()}”" for c in citations
    ]
    return "\n\n参考文献：\n" + "\n".join(lines)


# -- limits ---------------------------------------------------------------------------------


class RateLimiter:
    """At most ``per_minute`` requests per client in any sliding minute (in memory, per process)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            q = self._seen.setdefault(client, deque())
            while q and now - q[0] > 60.0:
                q.popleft()
            if len(q) >= self.per_minute:
                return False
            q.append(now)
            return True


def _rate_from_env() -> int:
    try:
        return int(os.environ.get(RATE_ENV, "") or DEFAULT_RATE_PER_MINUTE)
    except ValueError:
        return DEFAULT_RATE_PER_MINUTE


def check_question(question: str) -> str:
    question = (question or "").strip()
    if not question:
        raise ApiError(400, "empty_question", "问题不能为空。")
    if len(question) > MAX_QUESTION_CHARS:
        raise ApiError(
            413,
            "question_too_long",
            f"问题过长（{len(question)} 字），请控制在 {MAX_QUESTION_CHARS} 字以内。",
        )
    return question


# -- the app --------------------------------------------------------------------------------


def create_api(
    assistant: Assistant,
    lock: RWLock | None = None,
    *,
    token: str | None = None,
    admins: dict[str, str] | None = None,
    rate_per_minute: int | None = None,
) -> FastAPI:
    """The API app. ``token`` defaults to the variable ``POLICY_ASSISTANT_API_TOKEN``, ``admins``
    to the web app's admin accounts; mount the web app on it with ``gr.mount_gradio_app``."""
    lock = lock or RWLock()
    token = os.environ.get(API_TOKEN_ENV) if token is None else token
    accounts = library.admin_accounts() if admins is None else admins
    limiter = RateLimiter(_rate_from_env() if rate_per_minute is None else rate_per_minute)
    app = FastAPI(
        title="政策助手 API",
        description="政策文件问答、对比与引用。回答与网页聊天一致，每句附引文。",
        version="1.0",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
    )

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, e: ApiError) -> JSONResponse:
        return _error(e.status, e.code, e.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, e: RequestValidationError) -> JSONResponse:
        where = "；".join(".".join(str(p) for p in err.get("loc", ())) for err in e.errors()[:3])
        return _error(422, "invalid_request", f"请求格式不正确：{where}")

    @app.middleware("http")
    async def _limits(request: Request, call_next: Any) -> Any:
        if request.url.path.startswith(("/api/", "/v1/")) and not request.url.path.startswith(
            ("/api/docs", "/api/openapi")
        ):
            client = request.client.host if request.client else "?"
            if not limiter.allow(client):
                return _error(429, "rate_limited", "请求过于频繁，请稍后再试。")
        return await call_next(request)

    def respond(question: str, history: list[dict[str, str]], scope: Scope) -> Response:
        try:
            with lock.read():
                if not assistant.is_indexed():
                    raise ApiError(503, "library_empty", "文库为空：请先导入文件。")
                return assistant.respond(question, history=history or None, scope=scope)
        except EmptyQuestionError as e:
            raise ApiError(400, "empty_question", str(e)) from e
        except UnknownDocumentError as e:
            raise ApiError(404, "document_not_found", str(e)) from e
        except UserInputError as e:
            raise ApiError(400, "bad_request", str(e)) from e
        except AssistantError as e:
            raise ApiError(500, "internal_error", f"处理失败：{e}") from e

    def require_admin(request: Request) -> None:
        header = request.headers.get("authorization", "")
        if not token and not accounts:
            raise ApiError(
                403,
                "admin_not_configured",
                f"未配置管理凭据（{API_TOKEN_ENV} 或管理员账号），不能通过接口修改文库。",
            )
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer" and token and library.check_login({"t": token}, "t", value.strip()):
            return
        if scheme.lower() == "basic" and accounts:
            try:
                user, _, password = base64.b64decode(value.strip()).decode("utf-8").partition(":")
            except (ValueError, UnicodeDecodeError):
                user, password = "", ""
            if library.check_login(accounts, user, password):
                return
        raise ApiError(401, "unauthorized", "需要管理员凭据（Bearer 令牌或管理员账号）。")

    # -- REST ------------------------------------------------------------------------------

    @app.post("/api/ask", summary="问答：与网页聊天相同的回答，附引文")
    def ask(body: AskRequest) -> dict[str, Any]:
        question = check_question(body.question)
        history = [t.model_dump() for t in body.history]
        scope = Scope(regions=[r for r in body.regions if r.strip()], doc_ids=body.doc_ids)
        return response_json(assistant, respond(question, history, scope))

    @app.post("/api/compare", summary="对比：各地区（或文件）对同一主题的规定")
    def compare(body: CompareRequest) -> dict[str, Any]:
        topic = check_question(body.topic)
        with lock.read():
            try:
                result = assistant.compare(topic, regions=body.regions or None, docs=body.doc_ids or None)
            except UnknownDocumentError as e:
                raise ApiError(404, "document_not_found", str(e)) from e
        return {**result.to_dict(), "markdown": result.to_markdown()}

    @app.post("/api/cite", summary="引用：规范参考文献、章节定位与原文")
    def cite(body: CiteRequest) -> dict[str, Any]:
        with lock.read():
            try:
                return assistant.cite(body.doc_id, section=body.section, quote=body.quote).to_dict()
            except UnknownDocumentError as e:
                raise ApiError(404, "document_not_found", str(e)) from e
            except UserInputError as e:
                raise ApiError(400, "bad_request", str(e)) from e

    @app.get("/api/documents", summary="文库中的文件及其元数据")
    def documents() -> dict[str, Any]:
        with lock.read():
            docs = assistant.documents()
            statuses = assistant.statuses()
        return {
            "count": len(docs),
            "documents": [
                {**d.meta.to_dict(), "region": d.meta.region, "status": statuses[d.meta.doc_id].to_dict()}
                for d in docs
            ],
        }

    @app.get("/api/documents/{doc_id}", summary="一个文件的元数据与章节结构")
    def document(doc_id: str) -> dict[str, Any]:
        with lock.read():
            try:
                doc = assistant.document(doc_id)
                status = assistant.statuses()[doc_id].to_dict()
            except UnknownDocumentError as e:
                raise ApiError(404, "document_not_found", str(e)) from e
        tree = parse_sections(doc.text.display)
        sections = [
            {"number": s.number, "heading": s.heading, "depth": s.depth, "start": s.start, "end": s.end}
            for s in tree.root.walk()[1:]
        ]
        meta = {**doc.meta.to_dict(), "region": doc.meta.region}
        return {"meta": meta, "status": status, "sections": sections}

    @app.post("/api/documents", summary="上传文件（需管理员凭据）")
    def upload(request: Request, files: list[UploadFile] = File(...)) -> dict[str, Any]:  # noqa: B008
        require_admin(request)
        limit = library.max_upload_bytes()
        too_big: dict[str, str] = {}
        with tempfile.TemporaryDirectory() as tmp:
            paths: list[Path] = []
            names: list[str] = []
            for f in files:
                name = Path(f.filename or "未命名").name
                dest = Path(tmp) / f"{len(paths)}{Path(name).suffix.lower()}"
                size = 0
                with dest.open("wb") as out:
                    while chunk := f.file.read(1 << 20):
                        size += len(chunk)
                        if size > limit:  # stop reading: nothing past the limit is stored
                            break
                        out.write(chunk)
                if size > limit:
                    too_big[name] = f"文件过大（超过上限 {limit / 1048576:.0f} MB）"
                    continue
                paths.append(dest)
                names.append(name)
            staged = library.stage_uploads(paths, names, assistant.settings, limit)
        staged.refused.update(too_big)
        try:
            imported = library.import_staged(assistant, staged, lock)
        except AssistantError as e:
            raise ApiError(500, "import_failed", f"导入失败：{e}") from e
        results = []
        for r in imported:
            row: dict[str, str] = {"file": r.name, "status": r.status}
            row.update({"message": r.message} if r.status != "imported" else {"doc_id": r.doc_id})
            if r.status == "imported" and r.message:
                row["message"] = r.message  # a new version: its replacement offered
            results.append(row)
        return {"results": results}

    @app.delete("/api/documents/{doc_id}", summary="删除文件（需管理员凭据）")
    def remove(doc_id: str, request: Request) -> dict[str, Any]:
        require_admin(request)
        try:
            source = assistant.document(doc_id).meta.source_path
            # the lock is taken inside, for the commit only (one lock order for every writer)
            assistant.remove([doc_id], commit_lock=lock.write)
        except UnknownDocumentError as e:
            raise ApiError(404, "document_not_found", str(e)) from e
        if upload := library.is_upload(source, assistant.settings):
            upload.unlink(missing_ok=True)
        return {"removed": doc_id}

    @app.post("/api/batch", summary="批量问答：上传 .xlsx/.csv 问题表，返回带引文的答案表（.xlsx）")
    def batch(file: UploadFile = File(...)) -> Any:  # noqa: B008
        from fastapi.responses import FileResponse

        from assistant.batch import read_questions, run_batch, write_results

        name = Path(file.filename or "问题表.xlsx").name
        tmp = Path(tempfile.mkdtemp(prefix="batch-"))
        src = tmp / f"in{Path(name).suffix.lower()}"
        src.write_bytes(file.file.read(library.max_upload_bytes() + 1))
        if src.stat().st_size > library.max_upload_bytes():
            raise ApiError(413, "file_too_large", f"《{name}》过大。")
        try:
            rows = read_questions(src, name=name)
        except UserInputError as e:
            raise ApiError(400, "bad_file", str(e)) from e
        with lock.read():
            results = run_batch(assistant, rows)
        out = write_results(results, tmp / "批量问答结果.xlsx")
        return FileResponse(out, filename="批量问答结果.xlsx")

    # -- OpenAI-compatible -------------------------------------------------------------------

    @app.get("/v1/models", summary="OpenAI 兼容：模型列表")
    def models() -> dict[str, Any]:
        return {
            "object": "list",
            "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": MODEL_ID}],
        }

    @app.post("/v1/chat/completions", summary="OpenAI 兼容：对话补全，回答附 [n] 标注与 citations 字段")
    def chat(body: ChatRequest) -> Any:
        turns = [(m.role, _text(m.content)) for m in body.messages if m.role in ("user", "assistant")]
        if not turns or turns[-1][0] != "user":
            raise ApiError(400, "bad_request", "最后一条消息必须是用户的问题。")
        question = check_question(turns[-1][1])
        history = [{"role": r, "content": c} for r, c in turns[:-1]]
        response = respond(question, history, Scope())
        data = response_json(assistant, response)
        content = data["answer"] + _references(data["citations"])
        created, cid = int(time.time()), f"chatcmpl-{uuid.uuid4().hex[:24]}"
        extra = {
            "citations": data["citations"],
            "policy_assistant": {"kind": data["kind"], "abstained": data["abstained"]},
        }
        if not body.stream:
            return {
                "id": cid,
                "object": "chat.completion",
                "created": created,
                "model": MODEL_ID,
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                **extra,
            }
        return StreamingResponse(_stream(cid, created, content, extra), media_type="text/event-stream")

    return app


def _text(content: str | list[dict[str, Any]] | None) -> str:
    if isinstance(content, list):  # OpenAI content parts
        return "".join(str(p.get("text", "")) for p in content if p.get("type") == "text")
    return content or ""


def _stream(cid: str, created: int, content: str, extra: dict[str, Any]) -> Iterator[str]:
    """Server-sent events as the OpenAI clients read them; the citations ride on the first chunk."""

    def chunk(delta: dict[str, Any], finish: str | None = None, **more: Any) -> str:
        body = {
            "id": cid,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **more,
        }
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""}, **extra)
    for piece in _pieces(content):
        yield chunk({"content": piece})
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"


def _pieces(text: str, size: int = 24) -> Iterator[str]:
    for i in range(0, len(text), size):
        yield text[i : i + size]
