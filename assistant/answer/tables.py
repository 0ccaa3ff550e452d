"""Answers read off table rows: the row the question names, the column it asks, cited as 表N 第M行.

A table row ("| 浚县 | PM2.5平均浓度 | 42.0 | 38 |") says nothing by itself: its header
("县区 | 指标 | 2024年基准 | 2025年目标") says what each cell is. Sentence scoring cannot see
that, so table rows are read here, the way an official reads a target table:

* the **row** is the one whose cells the question names (a place, a 断面, a task). Words of the
  question found in a row's cells pick it out; a word every row of the table holds (the indicator
  of a one-indicator table) picks out nothing;
* the **column** is the header cell the rest of the question names (2025年目标, 责任单位,
  完成时限), or whose cells hold what the question type asks for (a date for "什么时候", a
  department for "由谁负责"). A header naming another year than the asked one is not it;
* the question must be **about the table**: its words are found in the row, the header, or the
  table's caption, section path and document title, and an indicator it names (PM10, 臭氧) or a
  year it asks is there. Otherwise the table does not answer it and nothing is picked here.

The answer is the asked cell with the cells that identify its row, as "header：value" pairs (the
whole row when no column is asked), cited with the row itself as the quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import jieba

from assistant.answer.candidates import GetDoc, search_slice
from assistant.answer.cues import DATE, PUNCT, STOPWORDS, SYNONYMS, has_any, required_terms, short_title
from assistant.answer.verify import cite_span, numbers_supported
from assistant.chunking import split_row
from assistant.schema import Citation, Intent, Passage
from assistant.script import fold_width, to_simplified

ROW_LABEL = re.compile(r"^第(\d+)行$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# what the cells of a column hold, for the question types that ask a kind of value
_FIGURE_CELL = re.compile(r"\d|[ⅠⅡⅢⅣⅤ劣]+类")
_DEPARTMENT_CELL = re.compile(r"(?:局|厅|委|办|政府|管委会|中心|公司|单位|部|队|所|站|院)$")
_DEADLINE_CELL = re.compile(rf"{DATE.pattern}|\d{{1,2}}\s*月(?:底|末|前)|年底|年末|前$|长期|持续")
# unit and notes in brackets after a name ("PM2.5平均浓度（微克/立方米）") do not name the row
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_SERIAL = re.compile(r"^(?:序号|编号|排名|排序)$")


@dataclass(frozen=True)
class TableRow:
    """One data row of a retrieved table chunk: where it is, its cells and its table's header."""

    passage: Passage
    pos: int  # position of its passage among those considered
    number: int  # 第M行, 1-based among the table's data rows
    start: int  # display offsets of the row line (the citation's quote)
    end: int
    cells: tuple[str, ...]  # display text
    search: tuple[str, ...]  # Simplified, width-folded
    header: tuple[str, ...]  # display text of the header cells
    search_header: tuple[str, ...]
    context: str  # Simplified title, section path and caption of the table

    @property
    def table_key(self) -> tuple[str, str]:
        return self.passage.chunk.doc_id, self.passage.chunk.table


@dataclass(frozen=True)
class RowAnswer:
    """A row picked for the question, with the asked column (None: the whole row answers)."""

    row: TableRow
    column: int | None
    score: float
    named: tuple[int, ...] = ()  # the columns whose cells the question names

    def pairs(self) -> list[tuple[str, str]]:
        """The "header：value" pairs the answer shows: the asked cell with the cells that say
        which row it is, or the whole row."""
        row = self.row
        n = min(len(row.cells), len(row.header))
        if self.column is None:
            shown = list(range(n))
        else:
            # the cells the question named, else the row's first label (its place, its task)
            first = next((i for i in range(n) if _is_label(row.cells[i])), 0)
            keys = [i for i in self.named if i != self.column] or ([first] if first != self.column else [])
            shown = sorted({*keys[:3], self.column})
        return [(row.header[i], row.cells[i]) for i in shown if row.cells[i].strip()]


def table_rows(passages: Sequence[Passage], get_doc: GetDoc | None = None) -> list[TableRow]:
    """The data rows of the table chunks among ``passages``, each row once."""
    out: list[TableRow] = []
    seen: set[tuple[str, int]] = set()
    for pos, p in enumerate(passages):
        c = p.chunk
        if not c.table or not c.table_header:
            continue
        header = tuple(c.table_header)
        search_header = tuple(_fold(h) for h in header)
        for part in c.parts:
            m = ROW_LABEL.match(part.section_path[-1]) if part.section_path else None
            if not m or (c.doc_id, part.start) in seen:
                continue
            seen.add((c.doc_id, part.start))
            cells = tuple(split_row(c.text[part.start - c.start : part.end - c.start]))
            folded = tuple(split_row(fold_width(search_slice(c, part.start, part.end, get_doc))))
            context = _fold(" ".join([c.meta.title, *part.section_path[:-1]]))
            out.append(
                TableRow(
                    passage=p,
                    pos=pos,
                    number=int(m.group(1)),
                    start=part.start,
                    end=part.end,
                    cells=cells,
                    search=folded if len(folded) == len(cells) else tuple(_fold(x) for x in cells),
                    header=header,
                    search_header=search_header,
                    context=context,
                )
            )
    return out


def question_words(question: str) -> list[tuple[str, float]]:
    """The words a question asks with, and their weights (a single character counts little)."""
    out: list[tuple[str, float]] = []
    for w in jieba.lcut(fold_width(question)):
        w = w.strip()
        if not w or w in STOPWORDS or PUNCT.match(w) or any(w == x for x, _ in out):
            continue
        out.append((w, 1.0 if len(w) > 1 else 0.3))
    return out


class TableReader:
    """Picks the table rows (and the asked cell) that answer a question, or none.

    >>> reader = TableReader()
    >>> found = reader.best(question_search, "number", [2025], table_rows(passages, get_doc))  # doctest: +SKIP
    """

    def __init__(self, min_coverage: float = 0.6, max_rows: int = 3) -> None:
        self.min_coverage = min_coverage  # share of the question's words the table must hold
        self.max_rows = max_rows  # rows that match equally well are all given, up to this many

    def best(
        self, question: str, intent: Intent, years: Sequence[int], rows: Sequence[TableRow]
    ) -> list[RowAnswer]:
        """The rows that answer ``question`` (Simplified), best first; [] when no table does."""
        words = question_words(question)
        if not words or not rows:
            return []
        asked_years = {str(y) for y in years}
        required = required_terms(question, [_group(w) for w, _ in words])
        by_table: dict[tuple[str, str], list[TableRow]] = {}
        for r in rows:
            by_table.setdefault(r.table_key, []).append(r)
        scored: list[RowAnswer] = []
        for r in rows:
            found = self._row(r, words, required, asked_years, intent, by_table[r.table_key])
            if found is not None:
                scored.append(found)
        if not scored:
            return []
        scored.sort(key=lambda a: (-a.score, a.row.pos, a.row.number))
        top = scored[0].score
        tied = [a for a in scored if a.score >= top - 1e-9 and a.row.table_key == scored[0].row.table_key]
        return tied[: self.max_rows]

    def _row(
        self,
        row: TableRow,
        words: list[tuple[str, float]],
        required: list[tuple[str, ...]],
        asked_years: set[str],
        intent: Intent,
        siblings: list[TableRow],
    ) -> RowAnswer | None:
        total = sum(w for _, w in words)
        in_cells: list[tuple[str, float]] = []  # the words that name this row
        elsewhere: list[tuple[str, float]] = []
        unexplained: list[str] = []  # words found nowhere in the table, its caption or title
        got = 0.0
        key = 0.0  # the weight of words that single this row out among the table's rows
        for word, weight in words:
            group = _group(word)
            cell_hit = any(has_any(_core(c), group) for c in row.search)
            if cell_hit:
                got += weight
                holders = sum(1 for s in siblings if any(has_any(_core(c), group) for c in s.search))
                if holders < len(siblings) or len(siblings) == 1:
                    key += weight * (1.0 if holders <= 1 else 0.5)
                    in_cells.append((word, weight))
            elif any(has_any(h, group) for h in row.search_header):
                elsewhere.append((word, weight))
                got += weight
            elif has_any(row.context, group):
                got += 0.7 * weight
            else:
                elsewhere.append((word, weight))
                if weight >= 1:
                    unexplained.append(word)
        if key <= 0:
            return None
        # what the question measures — an indicator it names (PM10, 臭氧), the measure before
        # its "多少" (覆盖率), the thing it counts — must be in the row, its header or caption
        where = " ".join([*row.search, *row.search_header, row.context])
        if not all(has_any(where, g) for g in required):
            return None
        # a year the question asks must be one the table speaks of (its header, cells or caption)
        table_years = set(_YEAR.findall(" ".join([*row.search, *row.search_header, row.context])))
        if asked_years and not asked_years & table_years:
            return None
        if got / total < self.min_coverage:
            return None
        n = min(len(row.cells), len(row.header))
        # a single character ("淇" of 淇河) names no cell
        naming = [w for w, _ in in_cells if len(w) > 1]
        named = tuple(i for i in range(n) if any(has_any(_core(row.search[i]), _group(w)) for w in naming))
        column, column_score, by_header = self._column(row, elsewhere, asked_years, intent, named)
        if unexplained and not by_header:
            # "…的监测频次是多少": the question asks for something no header names; a column
            # picked by the kind of its values alone (or the whole row) does not answer it
            return None
        return RowAnswer(row, column, key + got / total + 0.1 * column_score, named)

    @staticmethod
    def _column(
        row: TableRow,
        words: list[tuple[str, float]],
        asked_years: set[str],
        intent: Intent,
        named: tuple[int, ...],
    ) -> tuple[int | None, float, bool]:
        """The asked column, its score, and whether its header names words of the question: its
        header holds the question's other words, its cell the kind of value asked; None (the
        whole row) when no column stands out."""
        n = min(len(row.cells), len(row.header))
        scores: list[tuple[float, int, bool]] = []
        for i in range(n):
            if i in named or not row.cells[i].strip():
                continue
            head = row.search_header[i]
            s = sum(w for word, w in words if has_any(head, _group(word)))
            by_header = s > 0
            if _SERIAL.match(head) and not by_header:
                continue  # a serial number is asked only by name
            head_years = set(_YEAR.findall(head))
            if asked_years and head_years:
                s += 1.0 if head_years & asked_years else -2.0
            if _fits(row.cells[i], intent):
                s += 0.5
            scores.append((s, i, by_header))
        if not scores:
            return None, 0.0, False
        scores.sort(key=lambda x: (-x[0], x[1]))
        best, col, by_header = scores[0]
        if best < 0.5 or (len(scores) > 1 and scores[1][0] >= best):
            return None, 0.0, False
        return col, best, by_header


def compose_rows(answers: Sequence[RowAnswer], get_doc: GetDoc) -> tuple[str, list[Citation]]:
    """The answer text and its citations: "根据《…》表N第M行，header：value，…[n]", each row cited
    with its own line as the quote. A row whose quote is not the stored text, or whose figures
    are not in its row and header, is left out; ("", []) when none is left."""
    citations: list[Citation] = []
    said: list[str] = []
    for a in answers:
        cit = _row_citation(a.row, len(citations) + 1, get_doc)
        body = "，".join(f"{h}：{v}" for h, v in a.pairs())
        if cit is None or not numbers_supported(body, [cit.quote, " ".join(a.row.header)]):
            continue
        citations.append(cit)
        where = f"{a.row.passage.chunk.table}第{a.row.number}行"
        said.append(f"{where}，{body}[{cit.marker}]")
    if not said:
        return "", []
    title = short_title(answers[0].row.passage.chunk.meta.title)
    lead = f"根据《{title}》" if title else ""
    return lead + "；".join(said) + "。", citations


def _row_citation(row: TableRow, marker: int, get_doc: GetDoc) -> Citation | None:
    """The row's own line as the quote, checked against the stored display text."""
    chunk = row.passage.chunk
    try:
        display = get_doc(chunk.doc_id).text.display
    except (KeyError, LookupError, AttributeError):
        return None
    quote = display[row.start : row.end]
    if not quote.strip() or quote != chunk.text[row.start - chunk.start : row.end - chunk.start]:
        return None
    cit = cite_span(chunk, row.start, row.end, quote, marker=marker)
    cit.table_header = list(row.header)
    return cit


def _fits(cell: str, intent: Intent) -> bool:
    """Whether a cell holds the kind of value the question type asks for."""
    value = cell.strip()
    if intent == "number":
        return bool(_FIGURE_CELL.search(value))
    if intent == "deadline":
        return bool(_DEADLINE_CELL.search(value))
    if intent == "responsible":
        return bool(_DEPARTMENT_CELL.search(value))
    return False


def _is_label(cell: str) -> bool:
    """A cell that names something (a place, a task), not a figure or a serial number."""
    value = cell.strip()
    return bool(value) and not re.fullmatch(r"[\d.%‰\s,，/-]+", value)


def _core(cell: str) -> str:
    return _BRACKETED.sub("", cell).strip()


def _group(word: str) -> tuple[str, ...]:
    alts = next((g for g in SYNONYMS if word in g or word.upper() in g), ())
    return (word, *[a for a in alts if a != word])


def _fold(text: str) -> str:
    return fold_width(to_simplified(text))
