"""The fixed parts of a 公文's layout (GB/T 9704-2012), read from its lines.

A document received as a file, not as a saved web page, has no "发文机关: …" header: what it says
about itself is in its layout.

* 版头: the issuer's mark ("淇县人民政府办公室文件"), the 文号 line, then the title, often with the
  issuer's name on the line above "关于印发…的通知", and the addressees line ending in "：".
* 落款: after the body, the issuer's name (two names side by side for a joint document) directly
  above the date it was written (成文日期), in Arabic or Chinese numerals (二〇二五年三月一日).
* An order (令) promulgating a rule: "生态环境部令 / 第32号 / 《排污许可管理办法》已于2024年3月29日由…
  审议通过，现予公布，自2024年7月1日起施行。 / 部长 … / 2024年4月1日", then the rule's title.

Only shapes are used, never particular names: an organisation is recognised by the suffix of
its kind (人民政府, 办公室, 厅, 局, 委员会 …).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from assistant.ingest.docnumber import order_number, standalone_number
from assistant.numbering import CN_WRITTEN_DATE, match_label

# Kinds of organisation, by the end of their name.
_ORG_END = re.compile(
    r"(人民政府|政府|办公室|办公厅|委员会|管委会|厅|局|分局|部|委|院|署|中心|领导小组|指挥部|党委|党组|"
    r"人大常委会|示范区|管理区|总队|支队)$"
)
_DOC_TYPE_END = re.compile(
    r"(通知|通报|意见|决定|决议|报告|请示|批复|函|纪要|公告|通告|方案|规划|计划|要点|办法|规定|细则|条例|规则|总结|命令)$"
)
_DATE = (
    rf"(?:(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|"
    rf"{CN_WRITTEN_DATE})"
)
DATE_LINE = re.compile(rf"^\s*{_DATE}\s*(?:[(（][^()（）]{{0,12}}[)）])?\s*$")
_PROMULGATION = re.compile(
    rf"^《(?P<title>[^》]{{2,60}})》(?:已(?:于)?)?\s*(?P<adopted>{_DATE})?.{{0,40}}?(?:审议)?通过"
)
_EFFECTIVE = re.compile(rf"自\s*(?P<date>{_DATE})\s*起?施行")
_HEAD = 12  # lines of the 版头 zone
_HEAD_MIN_BODY = 30  # a line longer than this is body text


def is_org_name(text: str) -> bool:
    """An organisation's name alone on a line (or two side by side, for a joint document)."""
    parts = [p for p in re.split(r"[\s、　]+", text.strip()) if p]
    return bool(parts) and all(_one_org(p) for p in parts)


def _one_org(text: str) -> bool:
    return (
        2 <= len(text) <= 40
        and not any(c in text for c in '，,。；;：:！？《》“”"')
        and not text.startswith(("关于", "各", "附件"))
        and match_label(text) is None
        and bool(_ORG_END.search(text))
    )


def lead_org(text: str) -> str:
    """The first (lead) organisation of a line that may name several."""
    return re.split(r"[\s、　]+", text.strip())[0]


@dataclass
class Layout:
    """What the layout of a 公文 says; every field is empty where it says nothing."""

    mark_issuer: str = ""  # from the issuer's mark "X文件"
    doc_number: str = ""
    title: str = ""  # "关于…" with the issuer line(s) above it joined in front
    title_parts: list[str] = field(default_factory=list)  # the lines the title was joined from
    title_issuer: str = ""  # the issuer line(s) above the "关于" title line
    sign_issuer: str = ""  # the 落款 organisation (the lead one of a joint document)
    sign_date_line: str = ""  # the 落款 date as written
    order: Order | None = None
    title_line: int = -1  # index of the title line in the lines given


@dataclass
class Order:
    """A promulgating order (令): its number, issuer, the rule's title and dates as written."""

    number: str
    issuer: str
    title: str = ""
    adopted: str = ""
    effective: str = ""
    signed: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def read_layout(lines: list[str]) -> Layout:
    """The layout parts of a document's lines (Simplified search form, one paragraph a line)."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    out = Layout()
    head = lines[:_HEAD]
    for ln in head[:4]:
        if ln.endswith("文件") and is_org_name(ln[:-2]):
            out.mark_issuer = lead_org(ln[:-2])
            break
    out.doc_number = standalone_number(head) or ""
    out.order = _order(lines)
    _title(head, out)
    _signature(lines, out)
    return out


def _title(head: list[str], out: Layout) -> None:
    """The "关于…" title of a 公文 and the issuer named on the lines above it."""
    for k, ln in enumerate(head):
        if len(ln) > 120 or "。" in ln or ln.endswith(("：", ":")):
            continue
        at = ln.find("关于")
        if at < 0 or (at > 0 and not is_org_name(ln[:at])):
            continue
        text, end, parts = ln, k, [ln]
        if not _DOC_TYPE_END.search(text) and k + 1 < len(head) and _DOC_TYPE_END.search(head[k + 1]):
            text, end, parts = text + head[k + 1], k + 1, [ln, head[k + 1]]  # broken over two lines
        if not _DOC_TYPE_END.search(text):
            continue
        above: list[str] = []
        j = k - 1
        while j >= 0 and is_org_name(head[j]) and not head[j].endswith("文件"):
            above.insert(0, head[j])
            j -= 1
        orgs = "".join("".join(a.split()) for a in above)
        out.title = orgs + text
        out.title_parts = [*above, *parts]
        out.title_issuer = lead_org(above[0]) if above else (text[:at] if at > 0 else "")
        out.title_line = end
        return


def _signature(lines: list[str], out: Layout) -> None:
    """The 落款: organisation line(s) directly above a date line; or a lone date ending the text."""
    start = max(out.title_line + 1, 2)
    for i in range(start, len(lines)):
        if not DATE_LINE.match(lines[i]):
            continue
        j = i - 1
        orgs: list[str] = []
        while j >= start and is_org_name(lines[j]) and len(orgs) < 3:
            orgs.insert(0, lines[j])
            j -= 1
        if orgs:
            out.sign_issuer = lead_org(orgs[0])
            out.sign_date_line = lines[i]
            return
    # no organisation above any date: a date line among the last lines closes the text
    for ln in reversed(lines[-4:]):
        if DATE_LINE.match(ln) and len(lines) > 3:
            out.sign_date_line = ln
            return


def _order(lines: list[str]) -> Order | None:
    """An order (令) at the top: its number, issuer, and the promulgation sentence's facts."""
    number = order_number(lines[:3])
    if number is None or not lines[0].endswith("令"):
        return None
    issuer = number.split("令")[0].removeprefix("中华人民共和国")
    order = Order(number=number, issuer=issuer)
    for k, ln in enumerate(lines[1:8], start=1):
        m = _PROMULGATION.match(unicodedata.normalize("NFKC", ln).replace(" ", ""))
        if m:
            order.title = m.group("title")
            order.adopted = m.group("adopted") or ""
            eff = _EFFECTIVE.search(ln)
            order.effective = eff.group("date") if eff else ""
            signed = next((x for x in lines[k + 1 : k + 4] if DATE_LINE.match(x)), "")
            order.signed = signed
            break
    return order
