"""The 对比 tab: a :class:`assistant.compare.Comparison` as an HTML table with a citation per cell,
the indicator chart when the topic is an indicator, and exports (.md, .docx, .csv)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.citations import SourceCitation
from assistant.core import Assistant
from assistant.ui.render import esc, highlighted_passage, section_label

EMPTY = '<div class="sources-empty">输入主题并选择地区，比较各地文件的规定与目标。</div>'


def comparison_card(key: str, c: SourceCitation, display: str | None, number: int) -> str:
    bits = []
    if c.doc_number:
        bits.append(f"文号：{esc(c.doc_number)}")
    if c.region:
        bits.append(esc(c.region))
    passage = (
        highlighted_passage(display, c.quote_start, c.quote_end)
        if display is not None and display[c.quote_start : c.quote_end] == c.quote
        else f"<mark>{esc(c.quote)}</mark>"
    )
    where = esc(c.pinpoint or section_label(c.section_path))
    return (
        f'<div class="cite-card card-k-{esc(key)}">'
        f'<div class="cite-head"><span class="cite-no">[{number}]</span>《{esc(c.title)}》</div>'
        f'<div class="cite-meta">{" · ".join(bits) or "文号不详"}</div>'
        f'<div class="cite-path">出处：{where}</div>'
        f'<blockquote class="cite-passage">{passage}</blockquote>'
        f'<div class="cite-meta">参考文献：{esc(c.reference)}</div>'
        f'<button type="button" class="basket-add add-k-{esc(key)}">加入引用篮</button>'
        f'<button type="button" class="doc-open open-k-{esc(key)}">查看原文</button></div>'
    )


def render(
    result: Any, assistant: Assistant, run: str, open_cards: bool = True
) -> tuple[str, dict[str, SourceCitation]]:
    """The table (one line per requirement) with clickable [n] in each cell, and the cards."""
    head = "地区" if result.scope == "region" else "文件"
    lines: list[str] = []
    cards: list[str] = []
    entries: dict[str, SourceCitation] = {}

    def cite(c: SourceCitation) -> str:
        n = len(entries) + 1
        key = f"{run}-{n}"
        entries[key] = c
        try:
            display: str | None = assistant.document(c.doc_id).text.display
        except Exception:
            display = None
        cards.append(comparison_card(key, c, display, n))
        return f'<span class="cite-ref cite-k-{esc(key)}" role="button" tabindex="0" title="{esc(c.title)}">[{n}]</span>'

    for row in result.rows:
        label = esc(row.label)
        reqs = row.requirements if row.found else ([row.closest] if row.closest else [])
        if not reqs:
            lines.append(
                f"<tr><td class='c-label'>{label}</td><td class='c-none' colspan='4'><b>{esc(row.message)}</b></td></tr>"
            )
            continue
        for i, r in enumerate(reqs):
            marker = cite(r.citation)
            quote = f"“{esc(r.quote.strip())}”{marker}"
            if not row.found:
                quote = f"<b>{esc(row.message)}</b>。最接近的段落（非直接规定）：{quote}"
            quantities = "；".join(esc(q.describe()) for q in r.quantities) or "—"
            responsible = esc("；".join(r.responsible)) or "—"
            where = esc(r.citation.pinpoint or section_label(r.citation.section_path))
            first = f"<td class='c-label' rowspan='{len(reqs)}'>{label}</td>" if i == 0 else ""
            # the classes name each cell, so that a phone can show every row as a card with
            # labelled fields (the chat's sanitiser drops data-* attributes, classes stay)
            lines.append(
                f"<tr>{first}<td class='c-quote'>{quote}</td><td class='c-qty'>{quantities}</td>"
                f"<td class='c-resp'>{responsible}</td><td class='c-where'>《{esc(r.citation.title)}》{where}</td></tr>"
            )
    absent = f"<p>未检索到相关规定：{esc('、'.join(result.absent))}</p>" if result.absent else ""
    table = (
        f'<div class="sources-title">对比主题：{esc(result.topic)}</div>'
        f'<div class="cmp-wrap"><table class="cmp-table"><thead><tr><th>{head}</th><th>规定（原文）</th>'
        f"<th>量化指标</th><th>责任单位</th><th>出处</th></tr></thead><tbody>{''.join(lines)}</tbody></table></div>"
        f"{absent}"
    )
    if cards:
        table += f'<details class="msg-sources"{" open" if open_cards else ""}><summary>出处原文（{len(cards)}）</summary>{"".join(cards)}</details>'
    return table, entries


def chart(assistant: Assistant, topic: str, regions: list[str] | None) -> str | None:
    """A PNG of the indicator across regions when ``topic`` names an indicator, else ``None``."""
    from assistant.indicators import chart as draw
    from assistant.indicators import filter_indicators

    items = assistant.indicators(indicator=topic)
    if regions:
        items = [i for r in regions for i in filter_indicators(items, region=r)]
    if not items:
        return None
    out = Path(tempfile.mkdtemp(prefix="policy-chart-")) / "indicator.png"
    try:
        return str(draw(items, topic, out))
    except Exception:  # an indicator the chart cannot draw (mixed units …): no chart, table stays
        return None


def export(result: Any, suffix: str) -> str:
    out = Path(tempfile.mkdtemp(prefix="policy-compare-")) / f"对比-{time.strftime('%Y%m%d-%H%M%S')}{suffix}"
    if suffix == ".docx":
        result.to_docx(out)
    elif suffix == ".csv":
        out.write_text("\ufeff" + result.to_csv(), encoding="utf-8")  # BOM: Excel opens it as UTF-8
    else:
        out.write_text(result.to_markdown(), encoding="utf-8")
    return str(out)
