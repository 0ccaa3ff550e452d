"""Labels for document metadata, shared by the CLI and the web app so both say the same thing."""

from __future__ import annotations

import re

from assistant.schema import DocumentMeta
from assistant.script import to_simplified

_NOTICE_TITLE = re.compile(r"^.*?关于印发[《“]?(.+?)[》”]?的通知$")

META_LABELS: tuple[tuple[str, str], ...] = (
    ("issuer", "发文机关"),
    ("doc_number", "文号"),
    ("written_date", "成文日期"),
    ("published_date", "发布时间"),
    ("adopted_date", "通过日期"),
    ("revised_date", "修订日期"),
    ("effective_date", "施行日期"),
    ("region", "地区"),
    ("level", "层级"),
    ("doc_type", "类型"),
)


def meta_rows(meta: DocumentMeta) -> list[tuple[str, str | None]]:
    """(Chinese label, value) for every metadata field an official reads; ``None`` = unknown."""
    return [(label, getattr(meta, name)) for name, label in META_LABELS]


def short_title(title: str) -> str:
    """The title a reader cites: the work plan inside "关于印发《…》的通知", else the title,
    with a title inside it in 〈〉 as it stands inside the 《》 it is cited in
    ("甲省实施〈中华人民共和国水法〉办法", where the file may write 《》)."""
    t = title.strip()
    m = _NOTICE_TITLE.match(t)
    t = m.group(1).strip() if m else t
    return t.replace("《", "〈").replace("》", "〉")


def short_label(title: str) -> str:
    """A title as cited inside 《》: without the date a file name adds ("（2018-09-30）"), a title
    inside it in 〈〉 ("甲省实施〈中华人民共和国水法〉办法"), in simplified characters as answers are written."""
    bare = re.sub(r"[（(]\d{4}[-年][^）)]*[）)]$", "", to_simplified(title)).strip()
    return bare.replace("《", "〈").replace("》", "〉")
