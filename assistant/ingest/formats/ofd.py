"""OFD (GB/T 33190, the national format for electronic official documents) through ofdkit.

An OFD file is a ZIP of XML: ``OFD.xml`` (DocInfo: title, author, dates) points to
``Doc_0/Document.xml``, whose pages (``Doc_0/Pages/Page_N/Content.xml``) place ``TextObject``s
with ``TextCode`` at X/Y positions, often one character per object. ofdkit (stdlib only) resolves
templates, composite objects and transforms into positioned text runs; the runs are then grouped
into lines and paragraphs here the same way OCR boxes are (:func:`.base.paragraphs_from_lines`),
so a wrapped paragraph of a 公文 comes out as one paragraph.
"""

from __future__ import annotations

from typing import Any

from assistant.ingest.formats.base import (
    PageText,
    Piece,
    Progress,
    bad,
    group_lines,
    join_pages,
    open_zip,
    page_paragraphs,
)
from assistant.schema import LoadedText

_MARGIN = 2.0  # mm a run may stick out of the page box and still count as on it


def read_ofd(data: bytes, filename: str, progress: Progress | None = None) -> LoadedText:
    open_zip(data, filename, "OFD").close()
    try:
        import ofdkit

        document = ofdkit.open(data)
    except Exception as e:  # ofdkit.OFDError and whatever a broken ZIP raises
        raise bad(filename, "无法读取 OFD 文件，文件可能已损坏", "cannot read OFD") from e
    try:
        n = len(document.pages)
        pages: list[PageText] = []
        for i, page in enumerate(document.pages):
            pages.append(_page_text(page))
            if progress:
                progress(i + 1, n, f"已读取第 {i + 1}/{n} 页")
        info = document.info
    except Exception as e:  # a page that cannot be parsed
        raise bad(filename, "无法读取 OFD 文件，文件可能已损坏", "cannot read OFD") from e
    finally:
        document.close()
    props = [
        (key, str(value).strip())
        for key, value in (
            ("title", info.title),
            ("author", info.author),
            ("created", info.creation_date),
        )
        if value and str(value).strip()
    ]
    return LoadedText(
        text="\n".join(join_pages(pages)),
        format="ofd",
        encoding="binary",
        pages=n,
        properties=tuple(props),
    )


def _page_text(page: Any) -> PageText:
    x0, y0, width, height = page.box
    seen: set[tuple[str, int, int]] = set()
    pieces: list[Piece] = []
    for run in page.runs:
        if not (
            x0 - _MARGIN <= run.x <= x0 + width + _MARGIN and y0 - _MARGIN <= run.y <= y0 + height + _MARGIN
        ):
            continue
        key = (run.text, round(run.x * 4), round(run.y * 4))
        if key in seen:  # text drawn twice (a bold effect) is read once
            continue
        seen.add(key)
        size = run.size or 1.0
        # y is the baseline: the glyphs sit above it, about one font size high
        pieces.append(Piece(run.text, run.x, run.x + run.width, run.y - 0.88 * size, run.y + 0.12 * size))
    text = page_paragraphs(group_lines(pieces), x0 + width)
    if not text.paragraphs:  # runs ofdkit places but we could not: take its own reading
        return PageText([ln for ln in str(page.text()).split("\n") if ln.strip()])
    return text
