"""Uploads and the admin login of the 文库 tab.

Uploads are checked (type, size) before anything is written, then copied under the data directory
with generated names (``uploads/20261124-3f2a9c1b7d.pdf``): a user-supplied name never becomes a
path. The original name is kept only for the per-file result shown to the user. The document's
id is read from its content, not from either name: its date and short title
(``2025-05-01-淇县扬尘污染防治管理办法-3f2a9c``).

Admin login: set ``POLICY_ASSISTANT_ADMIN_USER`` and ``POLICY_ASSISTANT_ADMIN_PASSWORD`` (or
``POLICY_ASSISTANT_ADMIN_USERS="alice:pw1,bob:pw2"``) in the environment; nothing is stored in the
repository. Without them, upload and removal are open to whoever can reach the app (meant for a
local, single-user ``make run`` on 127.0.0.1).
"""

from __future__ import annotations

import hmac
import os
import secrets
import shutil
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.config import MAX_FILE_MB_ENV, Settings, is_loopback, max_file_mb
from assistant.ingest.loaders import too_large

if TYPE_CHECKING:
    from assistant.core import Assistant
    from assistant.ui.indexing import RWLock

ADMIN_USER_ENV = "POLICY_ASSISTANT_ADMIN_USER"
ADMIN_PASSWORD_ENV = "POLICY_ASSISTANT_ADMIN_PASSWORD"
ADMIN_USERS_ENV = "POLICY_ASSISTANT_ADMIN_USERS"
MAX_UPLOAD_MB_ENV = MAX_FILE_MB_ENV
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def admin_accounts(env: dict[str, str] | None = None) -> dict[str, str]:
    """user → password from the environment; empty when no admin login is configured."""
    env = dict(os.environ) if env is None else env
    accounts: dict[str, str] = {}
    user, password = env.get(ADMIN_USER_ENV, "").strip(), env.get(ADMIN_PASSWORD_ENV, "")
    if user and password:
        accounts[user] = password
    for pair in env.get(ADMIN_USERS_ENV, "").split(","):
        name, sep, pw = pair.partition(":")
        if sep and name.strip() and pw:
            accounts[name.strip()] = pw
    return accounts


def check_login(accounts: dict[str, str], user: str, password: str) -> bool:
    """Constant-time comparison; an unknown user costs the same as a wrong password."""
    expected = accounts.get((user or "").strip(), "")
    ok = hmac.compare_digest(expected.encode(), (password or "").encode())
    return bool(expected) and ok


ALLOW_OPEN_ENV = "POLICY_ASSISTANT_ALLOW_OPEN"


class LoginThrottle:
    """Failed logins per client: after ``max_failures`` within ``window_s`` the client is locked
    out for ``lockout_s``, whatever it sends (parallel guessing from one address stops there)."""

    def __init__(self, max_failures: int = 5, window_s: float = 900.0, lockout_s: float = 900.0) -> None:
        self.max_failures, self.window_s, self.lockout_s = max_failures, window_s, lockout_s
        self._failures: dict[str, deque[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def locked(self, client: str, now: float | None = None) -> float:
        """Seconds the client must still wait (0 when it may try)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            return max(0.0, self._locked_until.get(client, 0.0) - now)

    def failed(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            q = self._failures.setdefault(client, deque())
            q.append(now)
            while q and now - q[0] > self.window_s:
                q.popleft()
            if len(q) >= self.max_failures:
                self._locked_until[client] = now + self.lockout_s
                q.clear()

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


def check_exposure(host: str, env: dict[str, str] | None = None) -> None:
    """Refuse to serve an open library (no admin account) beyond this machine unless allowed."""
    env = dict(os.environ) if env is None else env
    if is_loopback(host) or admin_accounts(env) or env.get(ALLOW_OPEN_ENV) == "1":
        return
    from assistant.errors import UserInputError

    raise UserInputError(
        f"拒绝在 {host} 上启动：未配置管理员账号，任何能访问该地址的人都可以上传和删除文件。"
        f"请设置 POLICY_ASSISTANT_ADMIN_USER / POLICY_ASSISTANT_ADMIN_PASSWORD，"
        f"或确认风险后设置 {ALLOW_OPEN_ENV}=1。"
    )


def max_upload_bytes(env: dict[str, str] | None = None) -> int:
    """The same limit as ``policy-assistant ingest`` (:func:`assistant.config.max_file_mb`)."""
    return int(max_file_mb(env) * 1024 * 1024)


@dataclass
class StagedUploads:
    """Files copied into the upload directory, and the ones refused before copying."""

    stored: dict[Path, str] = field(default_factory=dict)  # stored path → original name
    refused: dict[str, str] = field(default_factory=dict)  # original name → reason


def upload_dir(settings: Settings) -> Path:
    return settings.data_dir / "uploads"


def sweep_uploads(assistant: Assistant) -> list[Path]:
    """Delete stored uploads that no document comes from (an upload killed before its commit);
    run at start, when no upload is in flight. Returns what was deleted."""
    root = upload_dir(assistant.settings)
    if not root.is_dir():
        return []
    kept = {p for d in assistant.documents() if (p := is_upload(d.meta.source_path, assistant.settings))}
    stray = [p for p in root.iterdir() if p.is_file() and p.resolve() not in kept]
    for p in stray:
        p.unlink(missing_ok=True)
    return stray


def generated_name(suffix: str) -> str:
    return f"{time.strftime('%Y%m%d')}-{secrets.token_hex(5)}{suffix}"


def stage_uploads(paths: list[Path], names: list[str], settings: Settings, limit: int) -> StagedUploads:
    """Check each file and copy the good ones under generated names into the upload directory."""
    out = StagedUploads()
    target = upload_dir(settings)
    for path, name in zip(paths, names, strict=True):
        suffix = Path(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            out.refused[name] = (
                f"不支持的文件类型 {suffix or '（无扩展名）'}；支持 {' '.join(UPLOAD_SUFFIXES)}"
            )
            continue
        try:
            size = path.stat().st_size
        except OSError as e:
            out.refused[name] = f"无法读取上传的文件：{e}"
            continue
        if size == 0:
            out.refused[name] = "文件为空"
            continue
        if size > limit:
            out.refused[name] = str(too_large(name, size, limit))
            continue
        target.mkdir(parents=True, exist_ok=True)
        dest = target / generated_name(".html" if suffix == ".htm" else suffix)
        shutil.copyfile(path, dest)
        out.stored[dest] = name
    return out


def is_upload(source_path: str, settings: Settings) -> Path | None:
    """The stored upload behind a document's ``source_path``, if it is one of ours."""
    if not source_path:
        return None
    p = Path(source_path)
    root = upload_dir(settings).resolve()
    try:
        resolved = p.resolve()
    except OSError:
        return None
    return resolved if resolved.parent == root else None


@dataclass(frozen=True)
class Imported:
    """What became of one uploaded file, in the user's own file name."""

    name: str
    status: Literal["imported", "refused", "duplicate", "failed"]
    message: str = ""
    doc_id: str = ""


def import_staged(
    assistant: Assistant, staged: StagedUploads, lock: RWLock, **progress: Any
) -> list[Imported]:
    """Ingest the staged uploads, holding the write lock only for the commit (parsing and embedding
    run beside the questions); a file that is refused, a duplicate or fails is deleted again, so
    nothing half-imported stays in the upload directory. ``progress`` goes to
    :meth:`Assistant.ingest` (``on_file``, ``on_embed``). The web upload and the API share this."""
    results = [Imported(name, "refused", why) for name, why in staged.refused.items()]
    stored = list(staged.stored)
    if not stored:
        return results
    try:
        report = assistant.ingest(
            stored, commit_lock=lock.write, readable_ids=True, in_worker=True, **progress
        )
    except Exception:
        for p in stored:
            p.unlink(missing_ok=True)
        raise
    ids = {str(Path(d.meta.source_path)): d.meta.doc_id for d in assistant.documents()}
    for p in stored:
        name = staged.stored[p]
        if err := report.errors.get(str(p)):
            p.unlink(missing_ok=True)
            results.append(Imported(name, "failed", err))
        elif dup := report.duplicates.get(str(p)):
            p.unlink(missing_ok=True)
            results.append(Imported(name, "duplicate", dup))
        else:
            # a new version of a document already held: imported beside it, the replacement offered
            offer = report.versions.get(str(p), "")
            results.append(Imported(name, "imported", offer, doc_id=ids.get(str(p), "")))
    return results
