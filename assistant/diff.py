"""Article-by-article comparison of two versions of an act: what an official briefs as "what changed".

Why alignment and not a plain text diff: a revision renumbers. 海洋环境保护法 grew from 97 to 124
articles in 2023, so 2017 第五十六条 is 2023 第七十二条; a line diff would report almost everything
as changed. Articles are paired by what they say:

1. Similarity is the cosine of TF-IDF weighted character bigrams over the Simplified text with
   punctuation and spaces folded away. Bigrams need no word segmentation and survive the small
   rewording of a revision (必须 → 应当, 行政主管部门 → 主管部门); IDF keeps boilerplate such as
   "依照本法规定行使海洋环境监督管理权的部门" from pairing unrelated penalty articles.
2. An order-preserving pairing (a monotone dynamic programme maximising total similarity) finds the
   backbone: revisions mostly insert and delete, they rarely reorder. Pairs below ``IN_ORDER_MIN``
   are never made; in-order pairs may be weak because their neighbours support them.
3. Articles the backbone leaves over are paired across it (greedy, best first) when the similarity
   stands on its own (``MOVED_MIN``): those are "moved", like 2017 第四条 (保护海洋环境的义务),
   now 2023 第九条, behind articles that followed it in 2017.
4. Whatever is still unpaired is "removed" (old side) or "added" (new side).

Both thresholds sit near chance: across different environmental acts in the corpus, 99% of article
pairs score below ~0.17 (see ``eval/reports/diff_alignment.md``).

Changed words are found with jieba tokens (the project's segmenter) so a change reads as whole
words ("必须" → "应当"), and exported as Markdown (~~deleted~~ **inserted**) or DOCX (strike-through
and bold underline) with a summary table on top.

>>> d = diff_documents(assistant.document("old-id"), assistant.document("new-id"))  # doctest: +SKIP
>>> d.summary                                                                        # doctest: +SKIP
{'changed': 76, 'added': 39, 'removed': 12, 'moved': 2, 'unchanged': 7}
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import numpy as np

from assistant.errors import UserInputError
from assistant.index.docstore import StoredDocument
from assistant.sections import parse_sections
from assistant.status import act_name, library_status, version_date

Kind = Literal["unchanged", "changed", "added", "removed", "moved"]
Op = Literal["equal", "delete", "insert"]

KIND_LABELS: dict[Kind, str] = {
    "changed": "修改",
    "added": "新增",
    "removed": "删除",
    "moved": "移动",
    "unchanged": "未变",
}
IN_ORDER_MIN = 0.15  # an in-order pair needs at least this similarity
MOVED_MIN = 0.30  # a pair across the order needs this much: it has no neighbours to support it
_SPACE = " \t\r\n\u3000\u200b\u200c\u200d\u2060\ufeff\xa0"
_INVISIBLE = dict.fromkeys(map(ord, _SPACE))


@dataclass(frozen=True)
class Article:
    """One 第X条 of a document: its label, display text (label excluded) and a folded form."""

    label: str  # "第十二条" as written
    text: str  # display text of the article body, one line per paragraph (款)
    folded: str  # Simplified, punctuation and spaces removed: what similarity is computed on


@dataclass(frozen=True)
class Segment:
    """A run of text in a word diff: kept (equal), only in the old text, or only in the new."""

    op: Op
    text: str


@dataclass
class ArticlePair:
    """An old article and its counterpart in the new version; one side is None if added/removed.

    ``similarity`` is the bigram cosine the pairing was decided on (0 for added/removed).
    A "moved" pair is one that crosses the order of the others; its text may also have changed.
    """

    old_label: str | None
    new_label: str | None
    old_text: str
    new_text: str
    kind: Kind
    similarity: float

    @cached_property
    def segments(self) -> list[Segment]:
        """The word-level diff from old to new text."""
        return word_diff(self.old_text, self.new_text)

    @property
    def heading(self) -> str:
        """ "原第五十六条 → 现第七十二条（修改）" and the like, for exports."""
        if self.old_label and self.new_label:
            same = self.old_label == self.new_label
            where = self.new_label if same else f"原{self.old_label} → 现{self.new_label}"
        else:
            where = f"原{self.old_label}" if self.old_label else f"现{self.new_label}"
        label = KIND_LABELS[self.kind]
        if self.kind == "moved" and _norm(self.old_text) != _norm(self.new_text):
            label = "移动并修改"
        return f"{where}（{label}）"

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_label": self.old_label,
            "new_label": self.new_label,
            "kind": self.kind,
            "similarity": round(self.similarity, 3),
            "old_text": self.old_text,
            "new_text": self.new_text,
            "segments": [[s.op, s.text] for s in self.segments],
        }


@dataclass
class VersionDiff:
    """Two versions of an act aligned article by article; ``pairs`` follow the new text's order,
    each removed article standing where it stood in the old text."""

    old_doc: StoredDocument
    new_doc: StoredDocument
    pairs: list[ArticlePair]
    relation: str = ""  # "修订" (a later version of the same act), "废止" (the new act repeals the old)
    swapped: bool = False  # the arguments were given newest first and were put in date order
    _by_old: dict[str, ArticlePair] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_old = {p.old_label: p for p in self.pairs if p.old_label}

    @property
    def summary(self) -> dict[Kind, int]:
        """How many pairs of each kind, every kind present (zero when none)."""
        counts = Counter(p.kind for p in self.pairs)
        return {k: counts.get(k, 0) for k in KIND_LABELS}

    def counterpart(self, old_label: str) -> ArticlePair | None:
        """The pair of an old article ("第五十六条"): where it went in the new text, if anywhere."""
        return self._by_old.get(old_label)

    def title(self) -> str:
        old, new = self.old_doc.meta, self.new_doc.meta
        years = version_date(self.old_doc)[:4], version_date(self.new_doc)[:4]
        if act_name(old.title) == act_name(new.title) and all(years) and years[0] != years[1]:
            return f"《{new.title}》{years[0]}年文本与{years[1]}年文本逐条对照"
        return f"《{old.title}》与《{new.title}》逐条对照"

    def preamble(self) -> list[str]:
        """The lines under the title: what is compared with what, and how they relate."""
        lines = [
            f"旧文本：《{self.old_doc.meta.title}》（{version_date(self.old_doc) or '日期未知'}，编号 {self.old_doc.meta.doc_id}）",
            f"新文本：《{self.new_doc.meta.title}》（{version_date(self.new_doc) or '日期未知'}，编号 {self.new_doc.meta.doc_id}）",
        ]
        if self.relation == "修订":
            lines.append("关系：新文本为同一法律的后续版本（修订/修正）。")
        elif self.relation == "废止":
            lines.append("关系：新文本废止了旧文本，二者是不同的法律，条文按内容对应。")
        if self.swapped:
            lines.append("（两份文件已按日期先后排列。）")
        return lines

    def summary_rows(self) -> list[tuple[str, int]]:
        return [(KIND_LABELS[k], n) for k, n in self.summary.items()]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the web app and the API."""

        def doc(d: StoredDocument) -> dict[str, str]:
            return {"doc_id": d.meta.doc_id, "title": d.meta.title, "date": version_date(d)}

        return {
            "title": self.title(),
            "old": doc(self.old_doc),
            "new": doc(self.new_doc),
            "relation": self.relation,
            "swapped": self.swapped,
            "summary": dict(self.summary),
            "pairs": [p.to_dict() for p in self.pairs],
        }

    def to_markdown(self, include_unchanged: bool = False) -> str:
        """Markdown with a summary table, then each article: ~~deleted~~ and **inserted** words.

        Unchanged articles are listed by label only unless ``include_unchanged``.
        """
        out = [f"# {self.title()}", "", *(f"{line}  " for line in self.preamble()), ""]
        out += ["| 类别 | 条数 |", "| --- | ---: |"]
        out += [f"| {label} | {n} |" for label, n in self.summary_rows()]
        out.append("")
        quiet = [] if include_unchanged else [p for p in self.pairs if p.kind == "unchanged"]
        for p in self.pairs:
            if p.kind != "unchanged" or include_unchanged:
                out += [f"### {p.heading}", "", _markdown_segments(p.segments), ""]
        if quiet:
            out += ["### 未变条文", "", "、".join(_pair_label(p) for p in quiet), ""]
        return "\n".join(out).rstrip() + "\n"

    def to_docx(self, path: str | Path, include_unchanged: bool = False) -> Path:
        """A Word file: summary table on top, then each article with deleted words struck through
        (red) and inserted words bold and underlined (blue)."""
        from docx import Document
        from docx.oxml.ns import qn
        from docx.shared import Pt, RGBColor

        doc = Document()
        style = doc.styles["Normal"]
        style.font.name = "宋体"
        style.font.size = Pt(10.5)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
        doc.add_heading(self.title(), level=1)
        for line in self.preamble():
            doc.add_paragraph(line)
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "类别", "条数"
        for label, n in self.summary_rows():
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, str(n)
        legend = doc.add_paragraph("图例：")
        deleted = legend.add_run("删除的文字")
        deleted.font.strike, deleted.font.color.rgb = True, RGBColor(0xC0, 0x00, 0x00)
        legend.add_run("；")
        inserted = legend.add_run("新增的文字")
        inserted.bold, inserted.underline, inserted.font.color.rgb = True, True, RGBColor(0x00, 0x3C, 0xB4)
        quiet = [] if include_unchanged else [p for p in self.pairs if p.kind == "unchanged"]
        for p in self.pairs:
            if p.kind == "unchanged" and not include_unchanged:
                continue
            doc.add_heading(p.heading, level=3)
            para = doc.add_paragraph()
            for seg in p.segments:
                for k, piece in enumerate(seg.text.split("\n")):
                    if k:  # a paragraph break inside the article stays a line break in Word
                        para.add_run().add_break()
                    if not piece:
                        continue
                    run = para.add_run(piece)
                    if seg.op == "delete":
                        run.font.strike, run.font.color.rgb = True, RGBColor(0xC0, 0x00, 0x00)
                    elif seg.op == "insert":
                        run.bold, run.underline = True, True
                        run.font.color.rgb = RGBColor(0x00, 0x3C, 0xB4)
        if quiet:
            doc.add_heading("未变条文", level=3)
            doc.add_paragraph("、".join(_pair_label(p) for p in quiet))
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(out))
        return out


# --- articles and similarity -----------------------------------------------------------------


def articles(doc: StoredDocument) -> list[Article]:
    """The 第X条 articles of a stored document, in order, from its section tree."""
    display, search = doc.text.display, doc.text.search
    out = []
    for s in parse_sections(display).root.walk():
        if s.kind != "article":
            continue
        text = _trim(display[s.body_start : s.end])
        out.append(Article(s.number or s.label, text, _fold(search[s.body_start : s.end])))
    return out


def _trim(text: str) -> str:
    text = text.strip(_SPACE)
    return re.sub(r"\n[ \t\u3000\u200b\ufeff]*\n\s*", "\n", text)  # one line per paragraph


def _fold(text: str) -> str:
    """Letters and digits only (NFKC): punctuation, spaces and markup do not count as wording."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalnum())


def _norm(text: str) -> str:
    """Text as compared for "unchanged": width-normalised, spaces and invisible characters dropped."""
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE)


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1)) if len(text) > 1 else Counter([text])


def similarity_matrix(old: Sequence[Article], new: Sequence[Article]) -> np.ndarray:
    """Cosine similarity of TF-IDF character-bigram vectors, old articles × new articles.

    IDF is taken over the articles of both versions, so wording every article shares weighs little.
    """
    grams = [_bigrams(a.folded) for a in (*old, *new)]
    df = Counter(g for c in grams for g in c)
    vocab = {g: k for k, g in enumerate(df)}
    n = len(grams)
    idf = np.array([math.log((n + 1) / (df[g] + 1)) + 1 for g in vocab], dtype=np.float32)
    m = np.zeros((n, len(vocab)), dtype=np.float32)
    for row, c in enumerate(grams):
        for g, count in c.items():
            m[row, vocab[g]] = 1 + math.log(count)
    m *= idf
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    m /= np.where(norms == 0, 1, norms)
    return np.asarray(m[: len(old)] @ m[len(old) :].T, dtype=np.float64)


# --- alignment -------------------------------------------------------------------------------

Step = tuple[int | None, int | None]  # (old index, new index); None on the side that lacks it


def align(
    sim: np.ndarray, in_order_min: float = IN_ORDER_MIN, moved_min: float = MOVED_MIN
) -> tuple[list[Step], set[int]]:
    """Pair old rows with new columns of ``sim``: an in-order backbone, then moved pairs.

    Returns the steps in output order (the new text's order, a removed article where it stood)
    and the old indices whose pair is a move.
    """
    n, m = sim.shape
    gain = np.where(sim >= in_order_min, sim, -np.inf)
    # dp[i, j]: best total similarity pairing old[:i] with new[:j] in order. Row by row: a cell is
    # the better of "skip old i" and "pair (i, j)", then the running max along the row adds
    # "skip new j".
    dp = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        row = np.empty(m + 1)
        row[0] = 0.0
        row[1:] = np.maximum(dp[i - 1, 1:], dp[i - 1, :-1] + gain[i - 1])
        dp[i] = np.maximum.accumulate(row)
    steps: list[Step] = []
    i, j = n, m
    while i > 0 or j > 0:
        if (
            i > 0
            and j > 0
            and gain[i - 1, j - 1] > -np.inf
            and dp[i, j] == dp[i - 1, j - 1] + gain[i - 1, j - 1]
        ):
            steps.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif j > 0 and dp[i, j] == dp[i, j - 1]:
            steps.append((None, j - 1))
            j -= 1
        else:
            steps.append((i - 1, None))
            i -= 1
    steps.reverse()  # where an old article went and a new one came, the removal is listed first
    # Pairs across the backbone, best first.
    lone_old = [a for a, b in steps if b is None and a is not None]
    lone_new = [b for a, b in steps if a is None and b is not None]
    candidates = sorted(
        ((sim[a, b], a, b) for a in lone_old for b in lone_new if sim[a, b] >= moved_min), reverse=True
    )
    moved: dict[int, int] = {}  # new index → old index
    for _, old_i, new_j in candidates:
        if old_i not in moved.values() and new_j not in moved:
            moved[new_j] = old_i
    out: list[Step] = []
    for a, b in steps:
        if b is None and a in moved.values():
            continue  # shown where it now stands
        out.append((moved[b], b) if a is None and b is not None and b in moved else (a, b))
    return out, set(moved.values())


def diff_articles(
    old: Sequence[Article],
    new: Sequence[Article],
    in_order_min: float = IN_ORDER_MIN,
    moved_min: float = MOVED_MIN,
) -> list[ArticlePair]:
    """Aligned pairs of two article lists (see the module docstring for how)."""
    sim = similarity_matrix(old, new) if old and new else np.zeros((len(old), len(new)))
    steps, moved = align(sim, in_order_min, moved_min)
    pairs = []
    for a, b in steps:
        o = old[a] if a is not None else None
        w = new[b] if b is not None else None
        kind: Kind
        if o is None:
            kind = "added"
        elif w is None:
            kind = "removed"
        elif a in moved:
            kind = "moved"
        else:
            kind = "unchanged" if _norm(o.text) == _norm(w.text) else "changed"
        pairs.append(
            ArticlePair(
                old_label=o.label if o else None,
                new_label=w.label if w else None,
                old_text=o.text if o else "",
                new_text=w.text if w else "",
                kind=kind,
                similarity=float(sim[a, b]) if a is not None and b is not None else 0.0,
            )
        )
    return pairs


def diff_documents(
    old: StoredDocument,
    new: StoredDocument,
    in_order_min: float = IN_ORDER_MIN,
    moved_min: float = MOVED_MIN,
) -> VersionDiff:
    """Align two stored documents article by article.

    The older one (by revision/adoption date) is taken as the old version whatever the argument
    order. Raises :class:`UserInputError` when either has no 第X条 articles to align.
    """
    swapped = bool(version_date(old) and version_date(new) and version_date(old) > version_date(new))
    if swapped:
        old, new = new, old
    a, b = articles(old), articles(new)
    for doc, arts in ((old, a), (new, b)):
        if not arts:
            raise UserInputError(
                f"《{doc.meta.title}》没有按“第X条”编排的条文，无法逐条对照 (no articles to compare)"
            )
    pairs = diff_articles(a, b, in_order_min, moved_min)
    return VersionDiff(old, new, pairs, relation=_relation(old, new), swapped=swapped)


def _relation(old: StoredDocument, new: StoredDocument) -> str:
    """How the library's own texts relate the two documents (:mod:`assistant.status`)."""

    st = library_status([old, new])[old.meta.doc_id]
    if new.meta.doc_id in st.repealed_by:
        return "废止"
    if new.meta.doc_id in st.superseded_by:
        return "修订"
    return ""


# --- word diff and rendering -----------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    import jieba

    jieba.setLogLevel(60)
    return jieba.lcut(text, HMM=False)  # the dictionary alone: the same word cuts the same way


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments that turn ``old`` into ``new`` at word granularity (jieba tokens).

    Within a replaced stretch, a deletion comes before its insertion; adjacent runs of one kind
    are merged.
    """
    a, b = _tokens(old), _tokens(new)
    out: list[Segment] = []

    def add(op: Op, parts: Iterable[str]) -> None:
        text = "".join(parts)
        if not text:
            return
        if out and out[-1].op == op:
            out[-1] = Segment(op, out[-1].text + text)
        else:
            out.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return out


def _is_punct(c: str) -> bool:
    return unicodedata.category(c)[0] in "PS"


def _markdown_segments(segments: Sequence[Segment]) -> str:
    """``~~deleted~~`` / ``**inserted**`` markup that a CommonMark renderer actually honours.

    CommonMark ignores ``**`` between a letter and a punctuation mark ("害**，保障**"), which Chinese
    hits all the time. When a change starts or ends with punctuation next to a letter, the
    neighbouring unchanged character is taken into the change, on both sides: a pure insertion
    of "，维护…建设，" before "促进" becomes ~~促~~**，维护…建设，促**, so the old and the new text
    both still read right. The segments themselves (DOCX, web) stay exact.
    """
    blocks: list[list[Segment]] = []  # alternating: [equal] or [delete?, insert?]
    for seg in segments:
        if blocks and (seg.op == "equal") == (blocks[-1][0].op == "equal"):
            blocks[-1].append(seg)
        else:
            blocks.append([seg])
    texts = ["".join(s.text for s in b) for b in blocks]
    out = []
    for k, block in enumerate(blocks):
        if block[0].op == "equal":
            out.append(_escape(texts[k]).replace("\n", "\n\n"))
            continue
        old = "".join(s.text for s in block if s.op == "delete")
        new = "".join(s.text for s in block if s.op == "insert")
        first, last = (old or new)[0], (new or old)[-1]
        head = tail = ""
        if k > 0 and texts[k - 1] and _bad_edge(first, texts[k - 1][-1]):
            head, texts[k - 1] = texts[k - 1][-1], texts[k - 1][:-1]
            out[-1] = _escape(texts[k - 1]).replace("\n", "\n\n")
        if k + 1 < len(blocks) and texts[k + 1] and _bad_edge(last, texts[k + 1][0]):
            tail, texts[k + 1] = texts[k + 1][0], texts[k + 1][1:]
        if head or tail:
            old, new = head + old + tail, head + new + tail
        out.append(_mark("~~", old) + _mark("**", new))
    return "".join(out)


def _bad_edge(inside: str, outside: str) -> bool:
    """Whether a delimiter between ``inside`` (changed) and ``outside`` (kept) would be ignored."""
    return _is_punct(inside) and not _is_punct(outside) and not outside.isspace()


def _escape(text: str) -> str:
    return re.sub(r"([*~\\])", r"\\\1", text)


def _mark(delim: str, text: str) -> str:
    """``text`` wrapped in ``delim``, line by line (emphasis cannot span a paragraph break)."""
    if not text:
        return ""
    return "\n\n".join(f"{delim}{_escape(t.strip())}{delim}" if t.strip() else "" for t in text.split("\n"))


def _pair_label(p: ArticlePair) -> str:
    if p.old_label == p.new_label:
        return p.new_label or ""
    return f"{p.old_label}→{p.new_label}"
