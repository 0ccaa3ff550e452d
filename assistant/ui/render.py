"""Answers, sources and documents as HTML. Pure functions: no Gradio, no index writes.

Every string that comes from a document or a user is escaped here; the chat can then render the
result without trusting it. A citation ``[n]`` of answer ``turn`` gets the key ``"{turn}-{n}"``:
the marker ``<span class="cite-ref cite-k-KEY">`` and the source card ``cite-card card-k-KEY`` share
it (see :mod:`assistant.ui.assets` for the popover that joins them). The key travels in a class
name because the chat's HTML sanitiser drops ``data-*`` attributes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from assistant.answer.verify import cite_span
from assistant.display import meta_rows
from assistant.index.docstore import StoredDocument
from assistant.schema import Answer, Citation, DocumentMeta, Passage, Section
from assistant.sections import parse_sections
from assistant.status import NOT_IN_FORCE, Status

DocLookup = Callable[[str], StoredDocument]
CONTEXT_CHARS = 140  # display text shown on each side of a quote

_MARKER = re.compile(r"\[(\d{1,3})\]")


def esc(s: object) -> str:
    return html.escape(str(s), quote=True)


def doc_date(meta: DocumentMeta | None) -> str:
    """The date a reader expects on a reference: written, else published, revised, adopted."""
    if meta is None:
        return ""
    return (meta.written_date or meta.published_date or meta.revised_date or meta.adopted_date or "") or (
        meta.effective_date or ""
    )


def section_label(path: Iterable[str]) -> str:
    return " › ".join(p for p in path if p) or "正文"


@dataclass
class RenderedAnswer:
    """One answer ready for the page: the chat bubble, the sources panel and what can be cited."""

    message: str  # HTML for the chat bubble (answer with clickable [n], folded source cards)
    sources: str  # HTML for the sources panel beside the chat
    entries: dict[str, Citation] = field(default_factory=dict)  # card key → citation
    history_text: str = ""  # plain text of the answer for follow-up resolution


def highlighted_passage(
    display: str, start: int, end: int, span: tuple[int, int] | None = None, context: int = CONTEXT_CHARS
) -> str:
    """Escaped text around ``display[start:end]`` with that quote in ``<mark>``.

    ``span`` (the chunk's offsets) bounds the context so a passage never runs into another section.
    """
    lo, hi = span if span else (0, len(display))
    lo = max(lo, start - context)
    hi = min(hi, end + context)
    if not (0 <= lo <= start <= end <= hi <= len(display)):
        return esc(display[start:end])
    before = ("…" if lo > 0 else "") + display[lo:start]
    after = display[end:hi] + ("…" if hi < len(display) else "")
    return f"{esc(before)}<mark>{esc(display[start:end])}</mark>{esc(after)}"


def source_card(key: str, c: Citation, passage_html: str, addable: bool = True, number: str = "") -> str:
    meta = c.meta
    bits = []
    if c.doc_number:
        bits.append(f"文号：{esc(c.doc_number)}")
    if date := doc_date(meta):
        bits.append(f"日期：{esc(date)}")
    if meta is not None and meta.region not in ("未知", ""):
        bits.append(esc(meta.region))
    if c.status in NOT_IN_FORCE:
        # a text no longer in force must not pass as the law: say so on the card
        bits.append(f'<span class="status-old">{esc(c.status)}</span>')
    button = (
        f'<button type="button" class="basket-add add-k-{esc(key)}">加入引用篮</button>' if addable else ""
    )
    button += f'<button type="button" class="doc-open open-k-{esc(key)}">查看原文</button>'
    no = f'<span class="cite-no">{esc(number)}</span>' if number else ""
    return (
        f'<div class="cite-card card-k-{esc(key)}">'
        f'<div class="cite-head">{no}《{esc(c.title)}》</div>'
        f'<div class="cite-meta">{" · ".join(bits) or "文号、日期不详"}</div>'
        f'<div class="cite-path">章节：{esc(section_label(c.section_path))}</div>'
        f"{_table_header_html(c)}"
        f'<blockquote class="cite-passage">{passage_html}</blockquote>{button}</div>'
    )


def _table_header_html(c: Citation) -> str:
    """A quoted table row's header: what its cells are ("县区 | 指标 | 2025年目标")."""
    if not c.table_header:
        return ""
    return f'<div class="cite-path">表头：{esc(" | ".join(c.table_header))}</div>'


def citation_from_passage(p: Passage, max_chars: int = 200) -> Citation:
    """A citable excerpt of a retrieved passage (its opening, verbatim) for the abstention view."""
    ch = p.chunk
    text = ch.text[:max_chars]
    return cite_span(ch, ch.start, ch.start + len(text), text)


def _display(lookup: DocLookup | None, doc_id: str) -> str | None:
    if lookup is None:
        return None
    try:
        return lookup(doc_id).text.display
    except Exception:  # a document removed since the answer was given
        return None


def _citation_passage(c: Citation, answer: Answer, lookup: DocLookup | None) -> str:
    display = _display(lookup, c.doc_id)
    if display is None or display[c.quote_start : c.quote_end] != c.quote:
        return f"<mark>{esc(c.quote)}</mark>"
    span = next(
        ((p.chunk.start, p.chunk.end) for p in answer.passages if p.chunk.chunk_id == c.chunk_id), None
    )
    if span and not (span[0] <= c.quote_start and c.quote_end <= span[1]):
        span = None
    return highlighted_passage(display, c.quote_start, c.quote_end, span)


def answer_text_html(answer: Answer, turn: str) -> str:
    """The answer text, escaped, with each known ``[n]`` turned into a clickable, focusable marker."""
    known = {c.marker: c for c in answer.citations}

    def link(m: re.Match[str]) -> str:
        n = int(m.group(1))
        c = known.get(n)
        if c is None:
            return m.group(0)
        tip = f"《{c.title}》 {section_label(c.section_path)}"
        return (
            f'<span class="cite-ref cite-k-{esc(turn)}-{n}" role="button" tabindex="0" '
            f'title="{esc(tip)}">[{n}]</span>'
        )

    return _MARKER.sub(link, esc(answer.text)).replace("\n", "<br>")


def plain_text(answer: Answer, lookup: DocLookup | None = None) -> str:
    """What "copy" puts on the clipboard: the answer with its [n], then the numbered references
    (GB/T 7714 entry, pinpoint and quote) an official pastes under it."""
    from assistant.citations import from_citation

    refs = []
    for c in sorted(answer.citations, key=lambda c: c.marker):
        try:
            doc = lookup(c.doc_id) if lookup else None
        except (KeyError, LookupError):
            doc = None
        if doc is not None:
            sc = from_citation(c, doc)
            where = f" {sc.pinpoint}。" if sc.pinpoint else ""
            head = f"（表头：{' | '.join(c.table_header)}）" if c.table_header else ""
            refs.append(f"[{c.marker}] {sc.reference}{where}原文：“{c.quote.strip()}”{head}")
        else:
            refs.append(f"[{c.marker}] 《{c.title}》 原文：“{c.quote.strip()}”")
    text = answer.text
    if answer.notice:
        text += f"\n（提示：{answer.notice}）"
    return text + ("\n\n参考文献：\n" + "\n".join(refs) if refs else "")


def render_answer(answer: Answer, turn: str, lookup: DocLookup | None = None) -> RenderedAnswer:
    """Chat bubble, sources panel and citable entries for one answer."""
    entries: dict[str, Citation] = {}
    cards: list[str] = []
    if answer.citations:
        for c in answer.citations:
            key = f"{turn}-{c.marker}"
            entries[key] = c
            cards.append(source_card(key, c, _citation_passage(c, answer, lookup), number=f"[{c.marker}]"))
    body = answer_text_html(answer, turn)
    if answer.abstained:
        body = (
            '<div class="abstain-box"><div class="abstain-title">未在文件中找到明确答案</div>'
            f"<div>{body}</div></div>"
        )
        for i, p in enumerate(answer.passages[:3], start=1):
            key = f"{turn}-p{i}"
            c = citation_from_passage(p)
            entries[key] = c
            text = p.chunk.text
            passage = esc(text[:300]) + ("…" if len(text) > 300 else "")
            cards.append(source_card(key, c, passage))
    if answer.notice:
        body += f'<div class="answer-notice">提示：{esc(answer.notice)}</div>'
    if answer.citations:
        title = f"来源（{len(answer.citations)}）"
    elif cards:
        title = "可能相关"
    else:
        title = ""
    message = body
    if cards:
        message += f'<details class="msg-sources"><summary>{title}</summary>{"".join(cards)}</details>'
    if cards:
        hint = (
            ""
            if answer.citations
            else '<div class="sources-empty">以下段落可能相关，但不足以回答该问题：</div>'
        )
        sources = f'<div class="sources-title">{title}</div>{hint}{"".join(cards)}'
    else:
        sources = '<div class="sources-empty">未检索到相关段落。</div>'
    titles = "；".join(dict.fromkeys(f"《{c.title}》" for c in answer.citations))
    history_text = f"{answer.text}\n{titles}" if titles else answer.text
    return RenderedAnswer(message=message, sources=sources, entries=entries, history_text=history_text)


def render_sources(answer: Answer, lookup: DocLookup | None = None) -> str:
    """HTML of the sources panel for an answer (turn key ``"a"``)."""
    return render_answer(answer, "a", lookup).sources


# -- library ---------------------------------------------------------------------------------


def document_row(d: StoredDocument, status: str = "") -> list[str]:
    m = d.meta
    return [
        m.doc_id,
        m.title,
        m.issuer or "—",
        m.doc_number or "—",
        doc_date(m) or "—",
        m.region,
        m.doc_type or "—",
        status or "—",
        str(len(d.chunks)),
    ]


DOCUMENT_COLUMNS = ["编号", "标题", "发文机关", "文号", "日期", "地区", "类型", "效力", "片段数"]


def status_text(status: Status | None, title_of: Callable[[str], str]) -> str:
    """ "已修订（新文本：《…》）", "已废止（被《…》废止）", or the bare label."""
    if status is None:
        return ""
    if status.repealed_by:
        return f"{status.label}（被《{title_of(status.repealed_by[0])}》废止）"
    if status.superseded_by:
        return f"{status.label}（新文本：{status.superseded_by[0]}）"
    return status.label


def document_meta_html(d: StoredDocument, status: str = "") -> str:
    m = d.meta
    rows = [
        ("标题", m.title),
        ("编号", m.doc_id),
        ("效力", status),
        *meta_rows(m),
        ("来源文件", m.source_path),
        ("片段数", str(len(d.chunks))),
    ]
    cells = "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in rows if v)
    return f'<table class="doc-meta">{cells}</table>'


def section_tree_html(d: StoredDocument, max_depth: int = 4) -> str:
    """The heading tree of a document as nested lists (one heading per line, as ``show`` prints)."""
    tree = parse_sections(d.text.display)

    def walk(s: Section, depth: int) -> str:
        kids = [c for c in s.children if depth < max_depth]
        if not kids:
            return ""
        items = []
        for c in kids:
            heading = c.heading or c.label
            items.append(f"<li>{esc(heading[:80])}{walk(c, depth + 1)}</li>")
        return f"<ul>{''.join(items)}</ul>"

    inner = walk(tree.root, 0)
    return f'<div class="section-tree">{inner or "<p>（此文件没有可识别的章节标题）</p>"}</div>'


# -- the whole document ----------------------------------------------------------------------


def _section_nav(tree_root: Section, max_depth: int = 4) -> str:
    """The heading tree, each heading a link to its place in the text (``jump-{offset}``)."""

    def walk(s: Section, depth: int) -> str:
        kids = [c for c in s.children if depth < max_depth]
        if not kids:
            return ""
        items = "".join(
            f'<li><a href="#" class="doc-jump jump-{c.start}">{esc((c.heading or c.label)[:60])}</a>'
            f"{walk(c, depth + 1)}</li>"
            for c in kids
        )
        return f"<ul>{items}</ul>"

    return walk(tree_root, 0)


def document_html(d: StoredDocument, highlight: tuple[int, int] | None = None, status: str = "") -> str:
    """The whole document for reading: its record, the heading tree as links into the text, and
    the text itself (display script, line breaks kept) with ``highlight`` (offsets into the display
    text, e.g. a citation's quote) in ``<mark class="doc-hit">``, which the page scrolls to.

    Section headings get anchors ``doc-s-{offset}`` so the tree can jump to them; the anchors and
    the mark are inserted by offset, everything else is escaped text.
    """
    display = d.text.display
    tree = parse_sections(display)
    inserts: dict[int, list[str]] = {}
    for sec in tree.root.walk()[1:]:
        inserts.setdefault(sec.start, []).append(f'<span class="doc-anchor doc-s-{sec.start}"></span>')
    if highlight is not None:
        a, b = highlight
        if 0 <= a < b <= len(display):
            inserts.setdefault(a, []).append('<mark class="doc-hit">')
            inserts.setdefault(b, []).insert(0, "</mark>")
        else:
            highlight = None
    parts, pos = [], 0
    for at in sorted(inserts):
        parts.append(esc(display[pos:at]))
        parts.extend(inserts[at])
        pos = at
    parts.append(esc(display[pos:]))
    m = d.meta
    bits = [x for x in (m.doc_number, doc_date(m), m.region if m.region not in ("未知", "") else "") if x]
    badge = f' <span class="status-old">{esc(status)}</span>' if status in NOT_IN_FORCE else ""
    nav = _section_nav(tree.root)
    nav_html = (
        f'<details class="doc-nav" open><summary>章节（点击跳转）</summary>{nav}</details>'
        if nav
        else '<div class="doc-nav sources-empty">（此文件没有可识别的章节标题）</div>'
    )
    hint = '<div class="doc-hint">黄色标出的是引用的原文。</div>' if highlight else ""
    return (
        f'<div class="doc-view doc-{esc(m.doc_id)}">'
        f'<div class="doc-title">《{esc(m.title)}》{badge}</div>'
        f'<div class="cite-meta">{esc(" · ".join(bits))}</div>{hint}'
        f'<div class="doc-layout">{nav_html}<div class="doc-text">{"".join(parts)}</div></div></div>'
    )
