"""The heading tree of a Chinese government document, with every paragraph placed in it.

Official documents (公文) do not fix which numbering scheme sits at which depth: one plan goes
一、→（一）→1., another starts at （一）, a regulation goes 第一章→第一条→（一）. So depth is
decided the way a reader decides it: by the order in which schemes first appear in the document.
The 第X编/章/节/条 family is the exception, its order is fixed by legislative drafting rules.

A numbered line is accepted as a heading only if its number fits the running sequence (the
successor of the previous sibling, 1 under a new parent, or the continuation of a list that runs
on across parents such as （三） under 三、 after （二） under 二、). That keeps stray "1." lines,
restarted lists without a parent and cross-references from becoming headings.

Two more structures are recognised by the layout of a 公文 rather than by numbering:

* **Tables** — a Markdown pipe table (every reader writes tables so, see
  :mod:`assistant.ingest.formats`) becomes a ``table`` section "表N" under the section it sits in,
  titled by its caption line ("表2 各县2025年目标"), with one ``row`` section per data row
  (第M行, the header row not counted), so a quote from a row is cited as 表2第3行.
* **Attachments** — "附件1" (alone, or with its title: "附件2：重点任务清单") after the main
  text starts an ``annex`` section that runs to the next attachment; numbering starts afresh
  inside it. The list of attachments in the body (附件说明: "附件：1．…", a line followed by the
  signature and date, or naming a file such as "清单.doc") is not an attachment.
  A reference to an attachment from the text ("目标见附件1", "（附件2）", "详见附件") is found by
  :func:`annex_references`; the chunker links it to the attachment's section, so that an answer
  from the referring passage can reach what the attachment holds.

The tree is built over ``display`` offsets only; nothing is copied or rewritten, so a citation
can quote ``display[start:end]`` verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.numbering import (
    CN_WRITTEN_DATE,
    OUTLINE_NUMERAL,
    Label,
    cn_to_int,
    find_enum_markers,
    int_to_cn,
    match_label,
)
from assistant.schema import Paragraph, Section, SectionKind, SectionTree

# A lead sentence longer than this is a sentence, not a heading title.
_LEAD_MAX = 60
# An unnumbered paragraph's lead sentence ("严格督察执法。") must be much shorter to count.
_UNNUMBERED_LEAD_MAX = 20
# An unnumbered title line ("重点任务") must be at most this long.
_TITLE_LINE_MAX = 30
# How many missing numbers a sequence may skip and still continue (a lost "（四）" must not
# demote every later sibling to body text; a wider gap is more likely a stray number).
_MAX_SKIP = 1
_TERMINATORS = "。！？!?：:；;"
_TRAILING_PUNCT = "，,、；;。：:"
_CANONICAL: dict[SectionKind, int] = {"part": 0, "chapter": 1, "subchapter": 2, "article": 3}
_ITEM_KINDS = ("cn", "paren_cn", "arabic", "paren_arabic")
_MARKDOWN = re.compile(r"(#{1,6})[ \t\u3000]+")
_PIPE_ROW = re.compile(r"^\|.*\|$")
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_NUM = rf"[0-9０-９]{{1,3}}|[{OUTLINE_NUMERAL}]{{1,3}}"
# 表1 / 表 2 / 附表3 / 表2-1, then the caption
_CAPTION = re.compile(rf"^(附?表)\s*({_NUM})(?:\s*[-—－.．]\s*[0-9０-９]{{1,2}})?[\s:：、．.]*(.*)$")
_UNIT_LINE = re.compile(r"^[(（]?\s*(计量)?单位\s*[:：]")
# 附件 / 附件1 / 附件 2： / 附件三
_ANNEX = re.compile(rf"^附\s*件\s*({_NUM})?\s*([:：])?\s*(.*)$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
# A reference to an attachment inside a sentence: "见附件1" / "详见附件" / "（附件2）" / "按附件3要求".
# Unnumbered, only after 见 or in brackets ("附件中所列…" names the attachments in general).
_ANNEX_REF = re.compile(rf"(?:[详参另]?见|[（(])\s*附\s*件\s*({_NUM})?|(?<=[^\s#])附\s*件\s*({_NUM})")
_LIST_START = re.compile(r"^[0-9０-９]{1,2}\s*[.．、]")
_FILE_NAME = re.compile(r"\.(docx?|wps|xlsx?|et|pdf|ofd|zip|rar)\s*$", re.I)
_SIGN_DATE = re.compile(
    rf"^\s*(?:(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{CN_WRITTEN_DATE})\s*$"
)
_LINE = re.compile(r"[^\n]+")
_SPACE = " \t\r\u3000\ufeff\xa0"


@dataclass
class _Open:
    """A section on the stack of open sections, with what the builder needs to know about it."""

    section: Section
    scheme: str  # "cn", "part:编", "md2", "as@paren_cn" (ranks as paren_cn), "title@arabic" (just above)
    value: int = 0
    lead_titled: bool = False  # its title is a lead sentence with body text after it on the same line
    legal_item: bool = False  # a 项 of an article: holds its own line only


def _scheme(label: Label) -> str:
    return f"part:{label.suffix}" if label.kind == "part" else label.kind


def _split_title(rest: str) -> tuple[int, int | None, bool]:
    """Where the title ends in ``rest`` (the line after its label) and where its body begins.

    Returns (title_end, body_start or None when the body starts on the next line, lead_titled).
    A title is the whole line when it has no terminator; otherwise the lead sentence up to the
    first 。/：/；, kept without that punctuation so headings read cleanly in citations.
    """
    i = next((k for k, c in enumerate(rest) if c in _TERMINATORS), None)
    if i is None:
        return len(rest.rstrip(_TRAILING_PUNCT)), None, False
    if i == len(rest) - 1:
        return i, None, False
    if i > _LEAD_MAX:
        return 0, 0, False
    body = i + 1
    while body < len(rest) and rest[body] in _SPACE:
        body += 1
    return i, body, rest[i] == "。"


def _unnumbered_lead(text: str) -> int | None:
    """Length of a short lead sentence opening ``text`` ("严格督察执法。对…"), or None."""
    i = text.find("。")
    if i <= 0 or i > _UNNUMBERED_LEAD_MAX or i == len(text) - 1 or text[0].isdigit():
        return None
    if any(c in "，,；;：:、“”" for c in text[:i]):
        return None
    return i


def _is_title_line(text: str) -> bool:
    return (
        len(text) <= _TITLE_LINE_MAX
        and not any(c in "。，,；;：:！!？?" for c in text)
        and not text[-1].isdigit()
        and match_label(text) is None
    )


@dataclass
class _TableBlock:
    """Line indexes of a Markdown table: caption lines, the header (the rule follows it), rows."""

    caption: list[int]
    header: int
    rows: list[int]


def _is_caption(text: str) -> bool:
    """A table caption: "表2 …", or a short title line ("2025年各县目标") right above the table."""
    if _CAPTION.match(text):
        return len(text) <= 80 and "。" not in text
    return _is_title_line(text) and not _PIPE_ROW.match(text) and not _ANNEX.match(text)


def _table_blocks(texts: Sequence[str], blank_before: Sequence[bool]) -> dict[int, _TableBlock]:
    """Markdown tables by the line where each starts (its caption, or its header row).

    A table ends at a blank line, at a line that is no pipe row, or where the next table's header
    row (a pipe row followed by a rule) begins.
    """
    out: dict[int, _TableBlock] = {}
    k = 0
    while k + 1 < len(texts):
        if not (_PIPE_ROW.match(texts[k]) and _PIPE_RULE.match(texts[k + 1])):
            k += 1
            continue
        rows = []
        j = k + 2
        while (
            j < len(texts)
            and not blank_before[j]
            and _PIPE_ROW.match(texts[j])
            and not _PIPE_RULE.match(texts[j])
            and not (j + 1 < len(texts) and _PIPE_RULE.match(texts[j + 1]))
        ):
            rows.append(j)
            j += 1
        caption: list[int] = []
        c = k - 1
        taken = max((b.rows[-1] if b.rows else b.header + 1) for b in out.values()) if out else -1
        if c > taken and _UNIT_LINE.match(texts[c]):
            caption.insert(0, c)
            c -= 1
        if c > taken and _is_caption(texts[c]):
            caption.insert(0, c)
        elif caption and not _CAPTION.match(texts[caption[0]]):
            caption = []  # a unit line alone is a caption only under a caption
        out[caption[0] if caption else k] = _TableBlock(caption, k, rows)
        k = j
    return out


def _is_annex_title(text: str) -> bool:
    return len(text) <= 60 and not any(c in text for c in "。；;") and match_label(text) is None


def _annex_starts(texts: Sequence[str]) -> set[int]:
    """Lines that start an attachment (see the module docstring for what is not one)."""
    out: set[int] = set()
    body_seen = False
    for k, text in enumerate(texts):
        m = _ANNEX.match(_MARKDOWN.sub("", text, count=1))
        if not m:
            body_seen = body_seen or len(text) > 30 or k >= 2  # past the title and 文号
            continue
        number, colon, rest = m.group(1), m.group(2), m.group(3).strip()
        if not (number or colon or not rest) or len(rest) > 60 or "。" in rest:
            continue  # "附件中所列事项…" is a sentence
        if not body_seen or _LIST_START.match(rest) or _FILE_NAME.search(rest):
            continue  # the list of attachments in the body, or a file sent beside the document
        following = [t for t in texts[k + 1 : k + 6]]
        if not following or any(_SIGN_DATE.match(t) for t in following[:4]):
            continue  # followed by the signature and date: the 附件说明 of the main text
        if following and _LIST_START.match(following[0]) and rest:
            continue  # "附件：A" + "2．B": the list again
        out.add(k)
    return out


@dataclass(frozen=True)
class AnnexReference:
    """A mention of an attachment in running text, at display offsets [start, end)."""

    start: int
    end: int
    number: int | None  # None: "详见附件", which names the document's only attachment


def annex_references(text: str, offset: int = 0) -> list[AnnexReference]:
    """References to attachments in ``text`` (offsets shifted by ``offset``).

    A line that starts with 附件 is an attachment heading or the list of attachments, never a
    reference, so only mentions after other text on their line count.
    """
    out: list[AnnexReference] = []
    for m in _ANNEX_REF.finditer(text):
        at = m.start() + m.group(0).index("附")
        line_start = text.rfind("\n", 0, at) + 1
        if not text[line_start:at].strip(_SPACE + "#"):
            continue
        raw = m.group(1) or m.group(2)
        number = annex_number(raw) if raw else None
        out.append(AnnexReference(offset + m.start(), offset + m.end(), number))
    return out


def annex_number(text: str) -> int | None:
    """The number of "附件1", "附件三", "１" or "三" (None for a bare "附件")."""
    digits = text.removeprefix("附件").strip().translate(_FULLWIDTH)
    if not digits:
        return None
    return int(digits) if digits.isdigit() else cn_to_int(digits)


class _Builder:
    """One pass over the lines with a stack of open sections; see the module docstring."""

    def __init__(self, display: str) -> None:
        self.display = display
        root = Section("root", "", "", 0, len(display), 0, depth=0)
        self.stack: list[_Open] = [_Open(root, "root")]
        self.order: list[str] = []  # numbering schemes, outermost first
        self.last_value: dict[str, int] = {}  # last accepted number per scheme, across parents
        self.paragraphs: list[Paragraph] = []
        # Sections whose body starts at the next paragraph emitted under them, by identity: a
        # dict, so that each paragraph costs its path's length, not the number still waiting.
        self.pending_body: dict[int, Section] = {}
        self.seen_numbered = False
        self.md_levels: dict[int, str] = {}  # markdown level → the scheme first seen at it
        self.tables_seen = 0  # tables so far in the document (or the current attachment)

    # --- ranks --------------------------------------------------------------------------------

    def rank(self, scheme: str) -> float:
        if scheme == "root":
            return -1
        if scheme == "annex":  # above everything numbered inside it, below the document
            return -0.5
        if scheme.startswith("as@"):
            return self.rank(scheme[3:])
        if scheme.startswith("title@"):
            return self.rank(scheme[6:]) - 0.5
        return self.order.index(scheme)

    def register(self, scheme: str) -> None:
        """Give a scheme seen for the first time its place in the order of schemes."""
        if scheme in self.order:
            return
        family = self._family_position(scheme)
        if family is not None:
            self.order.insert(family, scheme)
            return
        top = self.stack[-1].scheme
        while top.startswith(("as@", "title@")):
            top = top.split("@", 1)[1]
        self.order.insert(0 if top in ("root", "annex") else self.order.index(top) + 1, scheme)

    def _family_position(self, scheme: str) -> int | None:
        """Position fixed by rule: 编>章>节>条 among themselves, # > ## > ### among themselves."""

        def key(s: str) -> tuple[str, int] | None:
            base = s.split(":")[0]
            if base in _CANONICAL:
                return "canon", _CANONICAL[base]
            if s.startswith("md"):
                return "md", int(s[2:])
            return None

        mine = key(scheme)
        if mine is None:
            return None
        same = [(i, k) for i, s in enumerate(self.order) if (k := key(s)) and k[0] == mine[0]]
        if not same:
            return None
        lower = [i for i, k in same if k[1] > mine[1]]
        return lower[0] if lower else same[-1][0] + 1

    # --- paragraphs ---------------------------------------------------------------------------

    def emit(self, start: int, end: int, path: tuple[Section, ...]) -> None:
        self.paragraphs.append(Paragraph(start, end, path))
        for s in path:
            s.end = max(s.end, end)
        for s in path:
            if self.pending_body.pop(id(s), None) is not None:
                s.body_start = start

    def path(self) -> tuple[Section, ...]:
        return tuple(o.section for o in self.stack[1:])

    def push(self, entry: _Open) -> None:
        parent = self.stack[-1].section
        entry.section.depth = parent.depth + 1
        parent.children.append(entry.section)
        self.stack.append(entry)

    # --- headings -----------------------------------------------------------------------------

    def try_numbered(self, label: Label, forced: bool) -> int | None:
        """Stack index of the parent if ``label`` fits the sequence there, else None.

        A scheme seen for the first time must start at 1 (a law excerpt may start anywhere);
        this registers it, as it is then certain to be accepted.
        """
        scheme = _scheme(label)
        if scheme not in self.order:
            if not (forced or label.value == 1 or label.kind in _CANONICAL):
                return None
            self.register(scheme)
        r = self.rank(scheme)
        i = len(self.stack) - 1
        while self.rank(self.stack[i].scheme) >= r:
            i -= 1
        if forced or scheme not in self.last_value:
            return i
        if i + 1 < len(self.stack) and self.stack[i + 1].scheme == scheme:
            expected = self.stack[i + 1].value + 1
        elif label.value == 1:
            return i
        else:
            expected = self.last_value[scheme] + 1
        gap = label.value - expected
        # A source that lost a number (第三条 merged into 第二条) must not cost all that follows:
        # tolerate small gaps, and any forward jump of an article written "第X条 " with a space.
        spaced_article = label.kind == "article" and label.end > len(label.label)
        return i if 0 <= gap <= _MAX_SKIP or (spaced_article and gap > 0) else None

    def open_numbered(self, s: int, e: int, offset: int, label: Label, forced: bool) -> bool:
        """Open a numbered section for the line display[s:e] if its number fits; say whether."""
        parent = self.try_numbered(label, forced)
        if parent is None:
            return False
        scheme = _scheme(label)
        del self.stack[parent + 1 :]
        self.last_value[scheme] = label.value
        self.seen_numbered = True
        rest_start = s + offset + label.end
        rest = self.display[rest_start:e]
        body: int | None = 0
        title_end, lead_titled = 0, False
        if label.kind != "article":  # an article's text follows its label; it has no title
            title_end, body, lead_titled = _split_title(rest)
        title = rest[:title_end]
        section = Section(label.kind, label.label, title, s, e, e, number=label.number)
        parent_open = self.stack[-1]
        legal = label.kind in _ITEM_KINDS and (
            parent_open.section.kind == "article" or parent_open.legal_item
        )
        self.push(_Open(section, scheme, label.value, lead_titled, legal))
        self.heading_paragraph(s, e, section, None if body is None else rest_start + body)
        return True

    def heading_paragraph(self, s: int, e: int, section: Section, body: int | None) -> None:
        """Emit the heading's own line; its body is on that line (``body``) or on the next one."""
        if body is None or body >= e:
            self.emit(s, e, self.path())
            self.pending_body[id(section)] = section
        else:
            section.body_start = body
            self.paragraph_with_enums(s, e, body)

    def open_plain(
        self, s: int, e: int, kind: SectionKind, scheme: str, title: str, body: int | None
    ) -> None:
        section = Section(kind, "", title, s, e, e)
        self.push(_Open(section, scheme, lead_titled=kind == "lead" and body is not None))
        self.heading_paragraph(s, e, section, body)

    def paragraph_with_enums(self, s: int, e: int, body: int) -> None:
        """Emit display[s:e], split at inline 一是/二是 markers found from ``body`` on."""
        markers = find_enum_markers(self.display[body:e])
        base = self.path()
        if not markers:
            self.emit(s, e, base)
            return
        starts = [body + m.start for m in markers]
        if starts[0] > s:
            self.emit(s, starts[0], base)
        parent = base[-1] if base else self.stack[0].section
        for m, a, b in zip(markers, starts, [*starts[1:], e], strict=True):
            rest = self.display[a + len(m.label) : b]
            title_end, rel_body, _ = _split_title(rest.rstrip(_SPACE))
            item_body = b if rel_body is None else a + len(m.label) + rel_body
            enum = Section("enum", m.label, rest[:title_end], a, b, item_body, parent.depth + 1, m.label)
            parent.children.append(enum)
            self.emit(a, b, (*base, enum))

    # --- the main loop ------------------------------------------------------------------------

    def build(self) -> SectionTree:
        lines = [self.strip(m.start(), m.end()) for m in _LINE.finditer(self.display)]
        lines = [(s, e) for s, e in lines if s < e]
        texts = [self.display[s:e] for s, e in lines]
        blank = [
            k > 0 and "\n\n" in self.display[lines[k - 1][1] : s].replace(" ", "")
            for k, (s, _) in enumerate(lines)
        ]
        tables = _table_blocks(texts, blank)
        annexes = _annex_starts(texts)
        # A lone "# title" on the first line names the document; it heads no section.
        level_one = [k for k, (s, e) in enumerate(lines) if self.display.startswith(("# ", "#\t"), s)]
        doc_title = 0 if level_one == [0] else None
        k = 0
        while k < len(lines):
            s, e = lines[k]
            text = texts[k]
            if k in tables:
                k = self.table(lines, texts, k, tables[k])
                continue
            if k in annexes:
                k = self.annex(lines, texts, k, tables)
                continue
            nxt = texts[k + 1] if k + 1 < len(lines) else ""
            if not (k != doc_title and self.heading(s, e, text)):
                self.plain(s, e, text, nxt)
            k += 1
        for sec in self.pending_body.values():
            sec.body_start = sec.end
        return SectionTree(self.stack[0].section, self.paragraphs)

    # --- tables and attachments -----------------------------------------------------------------

    def table(self, lines: list[tuple[int, int]], texts: list[str], k: int, block: _TableBlock) -> int:
        """Open a 表N section for the table starting at line ``k``; return the line after it."""
        while self.stack[-1].legal_item or self.stack[-1].section.kind in ("table", "row"):
            self.stack.pop()
        self.tables_seen += 1
        caption = " ".join(texts[i] for i in block.caption)
        m = _CAPTION.match(caption)
        if m:
            label, title = f"{m.group(1)}{m.group(2)}", m.group(3).strip()
        else:
            label, title = f"表{self.tables_seen}", caption
        start = lines[block.caption[0]][0] if block.caption else lines[block.header][0]
        end = lines[block.rows[-1]][1] if block.rows else lines[block.header + 1][1]
        body = lines[block.rows[0]][0] if block.rows else end
        table = Section("table", label, title, start, end, body, number=label)
        self.push(_Open(table, "table"))
        self.emit(start, lines[block.header + 1][1], self.path())
        for m_row, i in enumerate(block.rows, start=1):
            rs, re_ = lines[i]
            row = Section("row", f"第{m_row}行", "", rs, re_, rs, table.depth + 1, f"第{m_row}行")
            table.children.append(row)
            self.emit(rs, re_, (*self.path(), row))
        self.stack.pop()
        return (block.rows[-1] if block.rows else block.header + 1) + 1

    def annex(
        self, lines: list[tuple[int, int]], texts: list[str], k: int, tables: dict[int, _TableBlock]
    ) -> int:
        """Open a 附件 section at line ``k``; numbering starts afresh inside it."""
        m = _ANNEX.match(_MARKDOWN.sub("", texts[k], count=1))
        assert m is not None
        s, e = lines[k]
        number = (m.group(1) or "").translate(_FULLWIDTH)
        title = m.group(3).strip()
        nxt = k + 1
        title_end = e
        if not title and nxt < len(lines) and _is_annex_title(texts[nxt]):
            block = tables.get(nxt)
            title = texts[nxt]
            if block is None:  # the title line; a table's caption stays the table's
                title_end = lines[nxt][1]
                nxt += 1
            elif _CAPTION.match(title):
                title = ""
        del self.stack[1:]
        self.order, self.last_value, self.md_levels = [], {}, {}
        self.seen_numbered = False
        self.tables_seen = 0
        label = f"附件{number}"
        section = Section("annex", label, title, s, title_end, title_end, number=label)
        self.push(_Open(section, "annex"))
        self.emit(s, title_end, self.path())
        self.pending_body[id(section)] = section
        return nxt

    def strip(self, s: int, e: int) -> tuple[int, int]:
        while s < e and self.display[s] in _SPACE:
            s += 1
        while e > s and self.display[e - 1] in _SPACE:
            e -= 1
        return s, e

    def heading(self, s: int, e: int, text: str) -> bool:
        md = _MARKDOWN.match(text)
        offset = md.end() if md else 0
        label = match_label(text[offset:])
        # In plain text, "第三章规定的…。" is a sentence, not a heading.
        if (
            label
            and label.kind in ("part", "chapter", "subchapter")
            and not md
            and (len(text) > 40 or "。" in text)
        ):
            label = None
        if label and label.end >= len(text) - offset and label.kind in _ITEM_KINDS:
            label = None  # a bare "1." line carries nothing
        level = len(md.group(1)) if md else 0
        if label:
            opened = self.open_numbered(s, e, offset, label, forced=md is not None)
            if opened and md:
                self.md_levels.setdefault(level, _scheme(label))
            return opened
        if md:
            # "## 附则" among "## 第X章" headings ranks as a chapter.
            known = self.md_levels.setdefault(level, f"md{level}")
            scheme = known if known.startswith("md") else f"as@{known}"
            self.register(known)
            r = self.rank(scheme)
            while self.rank(self.stack[-1].scheme) >= r:
                self.stack.pop()
            self.open_plain(s, e, "markdown", scheme, text[offset:], None)
            return True
        return False

    def plain(self, s: int, e: int, text: str, nxt: str) -> None:
        while self.stack[-1].legal_item:
            self.stack.pop()
        top = self.stack[-1]
        lead = _unnumbered_lead(text)
        if (
            lead is not None
            and top.lead_titled
            and top.section.kind not in ("article", "markdown")
            and not any(c.kind != "enum" for c in top.section.children)
        ):
            self.stack.pop()
            scheme = top.scheme if top.scheme.startswith("as@") else f"as@{top.scheme}"
            body = s + lead + 1
            while body < e and self.display[body] in _SPACE:
                body += 1
            self.open_plain(s, e, "lead", scheme, text[:lead], body)
            return
        next_label = match_label(nxt) if nxt else None
        if (
            self.seen_numbered
            and next_label is not None
            and next_label.value == 1
            and next_label.kind in _ITEM_KINDS
            and _is_title_line(text)
        ):
            scheme = _scheme(next_label)
            self.register(scheme)
            r = self.rank(scheme) - 0.5
            while self.rank(self.stack[-1].scheme) >= r:
                self.stack.pop()
            self.open_plain(s, e, "lead", f"title@{scheme}", text, None)
            return
        self.paragraph_with_enums(s, e, s)


def parse_sections(display: str) -> SectionTree:
    """The section tree of ``display`` (one paragraph a line) and its paragraphs in order."""
    return _Builder(display).build()


# --- rendering ----------------------------------------------------------------------------------


def _heading(s: Section) -> str:
    if s.kind in _CANONICAL and s.title:
        return f"{s.label} {s.title}"
    return s.heading


def format_tree(tree: SectionTree, max_depth: int | None = None) -> str:
    """Headings indented two spaces a level, one a line, down to ``max_depth`` (1 = top level)."""
    return "\n".join(
        "  " * (s.depth - 1) + _heading(s)
        for s in tree.root.walk()[1:]
        if max_depth is None or s.depth <= max_depth
    )


def section_number(path: Sequence[Section]) -> str:
    """Numbers of a section path joined with "." ("三.（三）.1"); unnumbered levels are skipped."""
    return ".".join(s.number for s in path if s.kind != "root" and s.number)


def pinpoint(path: Sequence[Section], paragraph_index_in_article: int | None = None) -> str:
    """A citation pinpoint in the document's own style: "第三部分（三）第1项", "第十二条第二款",
    "附件1表2第3行".

    ``paragraph_index_in_article`` is the 0-based 款 index within the article on the path (see
    :func:`article_paragraph_index`); 0 gives 第一款.
    """
    out: list[str] = []
    under_part = in_law = False  # in_law: inside a 章/节/条, where items are cited as 第（三）项
    # Article numbers run through the whole law: cite 第十二条, not 第二章第十二条 (but an
    # attachment is still named: 附件1第十二条).
    articles = [i for i, s in enumerate(path) if s.kind == "article"]
    annex = [s for s in path[: articles[-1]] if s.kind == "annex"] if articles else []
    for s in [*annex, *path[articles[-1] :]] if articles else path:
        if s.kind == "root":
            continue
        if s.kind in ("annex", "table", "row"):
            out.append(s.number)  # 附件1, 表2, 第3行
            continue
        if s.kind in _CANONICAL:
            out.append(s.number)
            under_part = True
            in_law = in_law or s.kind != "part"
            if s.kind == "article" and paragraph_index_in_article is not None:
                out.append(f"第{int_to_cn(paragraph_index_in_article + 1)}款")
        elif s.kind == "cn":
            out.append(f"第{s.number}项" if under_part or in_law else f"第{s.number}部分")
        elif s.kind == "paren_cn":
            out.append(f"第{s.number}项" if in_law else s.number)
        elif s.kind == "arabic":
            out.append(f"第{s.number}项")
        elif s.kind in ("paren_arabic", "enum"):
            out.append(s.number)
        elif s.title:
            out.append(f"“{s.title}”")
    return "".join(out)


def article_paragraph_index(tree: SectionTree, paragraph: Paragraph) -> int | None:
    """0-based 款 index of ``paragraph`` within its article; None outside articles or in one-款 ones.

    A 款 is a paragraph directly under the article (its first line included); the 项 lines under
    a 款 belong to it.
    """
    article = next((s for s in reversed(paragraph.path) if s.kind == "article"), None)
    if article is None:
        return None
    starts = [p.start for p in tree.paragraphs if p.path and p.path[-1] is article]
    if len(starts) < 2:
        return None
    return max(sum(1 for st in starts if st <= paragraph.start) - 1, 0)
