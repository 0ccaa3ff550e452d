"""Gradio's own upload route behind the admin login, and its temporary files cleaned.

Gradio stores whatever is POSTed to ``/gradio_api/upload`` in its temporary folder before any
handler of ours runs, and serves it back by path: an anonymous client could park 65 MB there. The
app's own login (文库 tab) lives in a Gradio session that this route knows nothing of, so when admin
accounts are configured :class:`UploadGuard` (an ASGI middleware on the Gradio app) lets an upload
through only with

* the cookie :data:`COOKIE` holding a token :class:`AdminTokens` issued at a successful login in
  the page (the page script sets it), or
* HTTP Basic credentials of an admin account (API clients such as ``gradio_client``); failures
  count towards the same per-client lockout as the login form.

Everything else is answered 401 with a Chinese message, before a byte is stored. Without admin
accounts the library is open (loopback only, see :func:`assistant.ui.library.check_exposure`) and
nothing is checked. Temporary files: Gradio's ``delete_cache`` sweeps its folder every
:data:`CACHE_SWEEP` seconds, and the upload and batch handlers delete their inputs once read.
"""

from __future__ import annotations

import base64
import contextlib
import secrets
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.ui import library

COOKIE = "policy_admin"
TOKEN_TTL_S = 12 * 3600
# (every, older than) in seconds: Gradio's temporary uploads and outputs are deleted after an hour
CACHE_SWEEP = (1800, 3600)
GUARDED = ("/gradio_api/upload", "/gradio_api/process_recording")  # the routes that write files
REFUSED = "上传需要管理员登录（在“文库”页登录后再试）。"


class AdminTokens:
    """Tokens handed to a browser at a successful admin login, valid for ``ttl_s``."""

    def __init__(self, ttl_s: float = TOKEN_TTL_S) -> None:
        self.ttl_s = ttl_s
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def issue(self) -> str:
        token = secrets.token_urlsafe(32)
        now = time.monotonic()
        with self._lock:
            self._until = {t: u for t, u in self._until.items() if u > now}  # drop expired ones
            self._until[token] = now + self.ttl_s
        return token

    def valid(self, token: str | None) -> bool:
        if not token:
            return False
        with self._lock:
            until = self._until.get(token, 0.0)
        return until > time.monotonic()


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers") or []:
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


def _cookie(scope: Scope, name: str) -> str | None:
    jar: SimpleCookie = SimpleCookie()
    with contextlib.suppress(Exception):
        jar.load(_header(scope, b"cookie"))
    morsel = jar.get(name)
    return morsel.value if morsel is not None else None


class UploadGuard:
    """ASGI middleware: POSTs to Gradio's upload routes need an admin (see the module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        accounts: dict[str, str],
        tokens: AdminTokens,
        throttle: library.LoginThrottle | None = None,
    ) -> None:
        self.app = app
        self.accounts = accounts
        self.tokens = tokens
        self.throttle = throttle or library.LoginThrottle()

    def allowed(self, scope: Scope) -> bool:
        if self.tokens.valid(_cookie(scope, COOKIE)):
            return True
        auth = _header(scope, b"authorization")
        if not auth.lower().startswith("basic "):
            return False
        client = (scope.get("client") or ("?", 0))[0]
        if self.throttle.locked(client):
            return False
        try:
            user, _, password = base64.b64decode(auth[6:].strip()).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            user, password = "", ""
        if library.check_login(self.accounts, user, password):
            self.throttle.succeeded(client)
            return True
        self.throttle.failed(client)
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.accounts
            and scope["type"] == "http"
            and scope.get("method") == "POST"
            and str(scope.get("path", "")).rstrip("/").endswith(GUARDED)
            and not self.allowed(scope)
        ):
            await PlainTextResponse(REFUSED, status_code=401)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def middleware(accounts: dict[str, str], tokens: AdminTokens, throttle: library.LoginThrottle) -> Middleware:
    """The guard as Gradio's ``app_kwargs={"middleware": [...]}`` takes it."""
    return Middleware(UploadGuard, accounts=accounts, tokens=tokens, throttle=throttle)


def discard(paths: Any) -> None:
    """Delete Gradio's temporary copies of files a handler has read (they would otherwise stay
    until the next sweep). Only files inside Gradio's upload folder are touched."""
    from gradio.utils import get_upload_folder

    root = Path(get_upload_folder()).resolve()
    for p in paths if isinstance(paths, list | tuple) else [paths]:
        if not p:
            continue
        with contextlib.suppress(OSError):
            path = Path(str(p)).resolve()
            if path.is_file() and root in path.parents:
                path.unlink()
