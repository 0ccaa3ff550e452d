"""Legal status of the library's documents, derived from the library's own texts.

* 已废止 — a later act in the library says so: "《中华人民共和国环境噪声污染防治法》同时废止",
  "…予以废止";
* 已修订 — a later version of the same act is in the library (same title in the same region,
  a later adoption or revision date): the 2017 text of 海洋环境保护法 beside the 2023 one;
* 尚未施行 — its effective date is after today;
* 现行有效 — none of the above, and the document is a law or regulation with known dates;
* 未知 — anything else (a work plan has no status in this sense).

Relations (``superseded_by``, ``repealed_by``) are recomputed from the documents every time, so
adding or removing a document changes them at once. The manifest can state what the texts do not
(``legal_status``, ``repealed_by``, ``superseded_by`` overrides of a document's metadata).

>>> statuses = library_status(assistant.documents())       # doctest: +SKIP
>>> statuses["reg-national-0011"].label                     # doctest: +SKIP
'已修订'
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.index.docstore import StoredDocument
from assistant.script import to_simplified

CURRENT, REVISED, REPEALED, NOT_YET, UNKNOWN = "现行有效", "已修订", "已废止", "尚未施行", "未知"
NOT_IN_FORCE = (REVISED, REPEALED)  # texts an official must not cite as the law in force
_REPEAL = re.compile(r"《([^》]{2,60})》(?:同时|即行|自[^。]{0,20}起)?(?:废止|予以废止)")
_LAW_TYPES = ("法律", "条例", "办法", "规定", "决定", "细则", "规则")
# (doc id, content hash) -> the act names its text repeals. Finding them reads every document's
# whole text from the database: 2.4 s on 300 documents, paid by the first questions after every
# upload (eval/reports/load.md, run 9). A text never changes under its hash, so only the
# documents a write added are read again.
_REPEALS: dict[tuple[str, str], tuple[str, ...]] = {}
_REPEALS_LOCK = threading.Lock()


@dataclass
class Status:
    label: str
    superseded_by: list[str] = field(default_factory=list)  # doc ids of later versions
    repealed_by: list[str] = field(default_factory=list)  # doc ids of the acts that repeal it
    supersedes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "superseded_by": list(self.superseded_by),
            "repealed_by": list(self.repealed_by),
            "supersedes": list(self.supersedes),
        }


def act_name(title: str) -> str:
    """A title as an act is named across versions: Simplified, no 中华人民共和国, no trailing date."""
    t = to_simplified(title).strip()
    t = re.sub(r"[（(][^）)]*[）)]$", "", t).strip()
    return t.removeprefix("中华人民共和国")


def version_date(d: StoredDocument) -> str:
    m = d.meta
    return m.revised_date or m.adopted_date or m.effective_date or m.written_date or m.published_date or ""


def _key(d: StoredDocument) -> tuple[str, str, str]:
    return (act_name(d.meta.title), d.meta.province or "", d.meta.city or "")


def repealed_names(d: StoredDocument) -> tuple[str, ...]:
    """The act names ``d``'s text declares repealed (read once per document version)."""
    key = (d.meta.doc_id, d.content_hash)
    names = _REPEALS.get(key)
    if names is None:
        names = tuple(_REPEAL.findall(to_simplified(d.text.search)))
        with _REPEALS_LOCK:
            if len(_REPEALS) >= 1 << 17:  # bounded: a long-running server sees many versions
                _REPEALS.clear()
            _REPEALS[key] = names
    return names


def library_status(docs: Sequence[StoredDocument], today: dt.date | None = None) -> dict[str, Status]:
    """Each document's status and relations, from the documents themselves."""
    today = today or dt.date.today()
    out = {d.meta.doc_id: Status(UNKNOWN) for d in docs}
    by_name: dict[str, list[StoredDocument]] = {}
    versions: dict[tuple[str, str, str], list[StoredDocument]] = {}
    for d in docs:
        by_name.setdefault(act_name(d.meta.title), []).append(d)
        versions.setdefault(_key(d), []).append(d)
    # later versions of the same act
    for group in versions.values():
        if len(group) < 2:
            continue
        ordered = sorted(group, key=version_date)
        latest = ordered[-1]
        for older in ordered[:-1]:
            if version_date(older) and version_date(older) < version_date(latest):
                out[older.meta.doc_id].superseded_by.append(latest.meta.doc_id)
                out[latest.meta.doc_id].supersedes.append(older.meta.doc_id)
    # acts another document repeals
    for d in docs:
        for name in repealed_names(d):
            for target in by_name.get(act_name(name), []):
                if target.meta.doc_id != d.meta.doc_id and version_date(target) <= version_date(d):
                    out[target.meta.doc_id].repealed_by.append(d.meta.doc_id)
    # the manifest says what the texts cannot ("repealed by a decision not in the library")
    for d in docs:
        m, s = d.meta, out[d.meta.doc_id]
        if m.repealed_by and m.repealed_by not in s.repealed_by:
            s.repealed_by.append(m.repealed_by)
        if m.superseded_by and m.superseded_by not in s.superseded_by:
            s.superseded_by.append(m.superseded_by)
            if m.superseded_by in out and m.doc_id not in out[m.superseded_by].supersedes:
                out[m.superseded_by].supersedes.append(m.doc_id)
    for d in docs:
        s = out[d.meta.doc_id]
        effective = d.meta.effective_date
        if s.repealed_by:
            s.label = REPEALED
        elif s.superseded_by:
            s.label = REVISED
        elif effective and effective > today.isoformat():
            s.label = NOT_YET
        elif (d.meta.doc_type or "") in _LAW_TYPES and version_date(d):
            s.label = CURRENT
        if d.meta.legal_status in (CURRENT, REVISED, REPEALED, NOT_YET, UNKNOWN):
            s.label = d.meta.legal_status
    return out
