"""Cut a document into chunks along its section tree.

Rules, in order of importance:

1. A chunk never crosses a section boundary: it lies inside one section, or it is a run of whole
   sibling sections merged under their parent (a run that opens with its parent's bare heading,
   see 4, still lies in that parent).
2. A section that fits in ``max_tokens`` stays whole; a longer one is split at its children, and a
   long leaf at sentence (。！？；) boundaries, so every chunk stays under ``max_tokens``.
3. Tiny siblings (under ``min_tokens``) merge with their neighbours under the parent, so that a
   two-word item does not become a chunk of its own. Each merged piece is kept as a
   :class:`ChunkPart`, so a quote from it still gets its exact section path.
4. A heading with no body of its own ("三、重点任务", "第二章 交易平台和目录") is not a chunk: it
   is in every child's path, and its line opens the chunk of its first child, so the heading
   itself can be found and quoted (a chapter asked for by its number, the parts of a plan).
5. A table is chunked by rows, never merged with the text around it: as many whole rows as fit,
   the first chunk with the caption and header as written, and every chunk's ``embed_text``
   carrying the caption and header row, so a row found alone still says what its cells are.
6. A chunk whose text refers to an attachment ("各县目标见附件1", "（附件2）", "详见附件") records
   that attachment's section number in ``annex_links``: the targets a work plan announces are
   often only in its 附件, and the answerer follows the link to them.

Sizes are counted in cl100k tokens (see :mod:`assistant.tokens`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from assistant.schema import Chunk, ChunkPart, Document, Paragraph, Section, SectionTree, content_id
from assistant.sections import annex_number, annex_references, pinpoint, section_number
from assistant.tokens import MAX_TOKEN_CHARS, count_tokens

_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)]*")
_CLAUSE_MARKS = "，,、：:"
_OPENING, _CLOSING = "《〈（(“‘「『【[", "》〉）)”’」』】]"


def _clause_end(text: str) -> int:
    """Length of the longest prefix of ``text`` that ends after a clause mark outside any title
    or bracket; 0 when there is none."""
    depth, last = 0, 0
    for i, ch in enumerate(text):
        if ch in _OPENING:
            depth += 1
        elif ch in _CLOSING:
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_MARKS and depth == 0:
            last = i + 1
    return last


@dataclass
class _Piece:
    """A contiguous span of display text that belongs to one section path."""

    start: int
    end: int
    path: tuple[Section, ...]
    tokens: int
    parts: list[ChunkPart]
    rows: tuple[int, int] | None = None  # table pieces: first and last data row (1-based)


def _part(start: int, end: int, path: tuple[Section, ...]) -> ChunkPart:
    return ChunkPart(start, end, section_number(path), tuple(s.heading for s in path))


class StructureChunker:
    """Section-aware chunker (the default).

    >>> chunker = StructureChunker(max_tokens=400, min_tokens=60)
    >>> chunks = chunker.split(document, tree)   # doctest: +SKIP
    """

    name = "structure"

    def __init__(self, max_tokens: int = 400, min_tokens: int = 60) -> None:
        if min_tokens <= 0 or max_tokens <= min_tokens:
            raise ValueError("need 0 < min_tokens < max_tokens")
        self.max_tokens = max_tokens
        self.min_tokens = min_tokens

    def split(self, doc: Document, tree: SectionTree) -> list[Chunk]:
        self._display = doc.text.display
        by_section: dict[int, list[Paragraph]] = {}
        for p in tree.paragraphs:
            key = id(p.path[-1]) if p.path else id(tree.root)
            by_section.setdefault(key, []).append(p)
        self._by_section = by_section
        self._annexes = [s for s in tree.root.children if s.kind == "annex"]
        pieces = list(self._emit(tree.root, ()))
        return [self._to_chunk(doc, i, piece) for i, piece in enumerate(pieces)]

    # -- tree walk ---------------------------------------------------------------------------

    def _tokens(self, start: int, end: int) -> int:
        return count_tokens(self._display[start:end])

    def _bounded(self, start: int, end: int) -> int:
        """Tokens in display[start:end], or ``max_tokens + 1`` for a span surely longer: a long span
        is not encoded, so a big section costs nothing at each level of the tree it is split through."""
        if (end - start) > MAX_TOKEN_CHARS * self.max_tokens:
            return self.max_tokens + 1
        return self._tokens(start, end)

    def _over(self, start: int, end: int) -> bool:
        return self._bounded(start, end) > self.max_tokens

    def _emit(self, section: Section, path: tuple[Section, ...]) -> Iterator[_Piece]:
        """Pieces for ``section`` (whose path is ``path``), in document order."""
        own = self._by_section.get(id(section), [])
        items: list[tuple[int, Paragraph | Section]] = [(p.start, p) for p in own]
        items += [(c.start, c) for c in section.children]
        items.sort(key=lambda t: t[0])

        candidates: list[_Piece] = []
        heading: Paragraph | None = None
        for _, item in items:
            if isinstance(item, Paragraph):
                if self._is_bare_heading(item, section):
                    heading = item
                    continue
                candidates.extend(self._paragraph_pieces(item, path))
            else:
                child_path = (*path, item)
                start, end = self._span(item)
                if start >= end:
                    continue
                if item.kind == "table":
                    candidates.extend(self._table_pieces(item, child_path))
                    continue
                tokens = self._bounded(start, end)
                if tokens <= self.max_tokens and not _has_table(item):
                    candidates.append(
                        _Piece(start, end, child_path, tokens, self._parts_of(item, child_path))
                    )
                else:
                    candidates.extend(self._emit(item, child_path))
        if heading is not None and candidates:
            candidates[0] = self._headed(heading, candidates[0])
        yield from self._merge(candidates, path)

    def _headed(self, heading: Paragraph, first: _Piece) -> _Piece:
        """``first`` opened by the bare heading right before it, where that still fits (a table's
        rows are never joined to the text around them). The piece keeps its own path, under the
        heading's section, and the heading line is a part of its own with that section's path."""
        if first.rows is not None or self._display[heading.end : first.start].strip():
            return first
        tokens = self._bounded(heading.start, first.end)
        if tokens > self.max_tokens:
            return first
        part = _part(heading.start, heading.end, heading.path)
        return _Piece(heading.start, first.end, first.path, tokens, [part, *first.parts])

    def _span(self, section: Section) -> tuple[int, int]:
        """The section's span, trimmed of surrounding whitespace."""
        text = self._display[section.start : section.end]
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        return section.start + lead, section.end - trail

    def _parts_of(self, section: Section, path: tuple[Section, ...]) -> list[ChunkPart]:
        """Exact sub-spans of a whole section kept in one chunk, one per paragraph."""
        parts: list[ChunkPart] = []
        stack = [(section, path)]
        while stack:
            sec, sec_path = stack.pop()
            for p in self._by_section.get(id(sec), []):
                parts.append(_part(p.start, p.end, p.path or sec_path))
            stack.extend((c, (*sec_path, c)) for c in sec.children)
        parts.sort(key=lambda p: p.start)
        return parts or [_part(*self._span(section), path)]

    def _is_bare_heading(self, para: Paragraph, section: Section) -> bool:
        """True for a paragraph that is only its section's heading, with nothing after it."""
        if section.kind == "root" or para.start != section.start:
            return False
        return not self._display[section.body_start : para.end].strip()

    def _paragraph_pieces(self, para: Paragraph, path: tuple[Section, ...]) -> Iterator[_Piece]:
        ppath = para.path or path
        tokens = self._bounded(para.start, para.end)
        if tokens <= self.max_tokens:
            yield _Piece(para.start, para.end, ppath, tokens, [_part(para.start, para.end, ppath)])
            return
        # A long paragraph: cut at sentence ends, greedily filling up to max_tokens.
        text = self._display[para.start : para.end]
        cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
        if not cuts or cuts[-1] != len(text):
            cuts.append(len(text))
        begin = 0
        prev = 0
        for cut in cuts:
            if cut > prev and self._over(para.start + begin, para.start + cut):
                if prev > begin:
                    yield self._sentence_piece(para.start + begin, para.start + prev, ppath)
                    begin = prev
                # A single sentence over the limit: cut after its last clause that fits (never
                # inside a title or brackets: "…批准的《关于修改〈某某条例〉的决定》同时废止"), by
                # characters only where no clause ends in time.
                while self._over(para.start + begin, para.start + cut):
                    step = self._fit(para.start + begin, para.start + cut)
                    step = _clause_end(text[begin : begin + step]) or step
                    yield self._sentence_piece(para.start + begin, para.start + begin + step, ppath)
                    begin += step
            prev = cut
        if begin < len(text):
            yield self._sentence_piece(para.start + begin, para.end, ppath)

    def _table_pieces(self, table: Section, path: tuple[Section, ...]) -> Iterator[_Piece]:
        """Runs of whole rows within ``max_tokens`` (counting the header each chunk repeats)."""
        rows = [r for r in table.children if r.kind == "row"]
        head = self._tokens(table.start, table.body_start)
        head_part = _part(table.start, min(table.body_start, table.end), path)
        if not rows:
            yield _Piece(table.start, table.end, path, head, [head_part], None)
            return
        group: list[Section] = []
        number = {id(r): i for i, r in enumerate(rows, start=1)}

        def flush() -> Iterator[_Piece]:
            first, last = group[0], group[-1]
            start = table.start if first is rows[0] else first.start
            parts = [head_part] if first is rows[0] else []
            parts += [_part(r.start, r.end, (*path, r)) for r in group]
            numbers = (number[id(first)], number[id(last)])
            yield _Piece(start, last.end, path, self._tokens(start, last.end), parts, numbers)
            group.clear()

        for row in rows:
            if group and head + self._tokens(group[0].start, row.end) > self.max_tokens:
                yield from flush()
            group.append(row)
        yield from flush()

    def _fit(self, start: int, end: int) -> int:
        """Longest prefix length of display[start:end] within max_tokens (binary search); a longer
        prefix than ``MAX_TOKEN_CHARS × max_tokens`` never fits, so the search starts below it."""
        lo, hi = 1, min(end - start, MAX_TOKEN_CHARS * self.max_tokens)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._tokens(start, start + mid) <= self.max_tokens:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def _sentence_piece(self, start: int, end: int, path: tuple[Section, ...]) -> _Piece:
        return _Piece(start, end, path, self._tokens(start, end), [_part(start, end, path)])

    def _merge(self, pieces: list[_Piece], parent: tuple[Section, ...]) -> Iterator[_Piece]:
        """Merge runs of small neighbouring pieces; the merged piece takes the parent's path."""
        group: list[_Piece] = []

        def flush() -> Iterator[_Piece]:
            if not group:
                return
            if len(group) == 1:
                yield group[0]
            else:
                start, end = group[0].start, group[-1].end
                parts = [part for g in group for part in g.parts]
                yield _Piece(start, end, parent, self._tokens(start, end), parts)
            group.clear()

        for piece in pieces:
            if group:
                small = piece.tokens < self.min_tokens or sum(g.tokens for g in group) < self.min_tokens
                table = piece.rows is not None or group[-1].rows is not None
                # The merged span is encoded only when it could be merged.
                if table or not small or self._over(group[0].start, piece.end):
                    yield from flush()
            group.append(piece)
        yield from flush()

    # -- output ------------------------------------------------------------------------------

    def _to_chunk(self, doc: Document, ordinal: int, piece: _Piece) -> Chunk:
        text = doc.text.display[piece.start : piece.end]
        search = doc.text.search[piece.start : piece.end]
        headings = [s.heading for s in piece.path]
        number = section_number(piece.path)
        table = next((s for s in reversed(piece.path) if s.kind == "table"), None)
        header = _header_cells(doc.text.display, table) if table is not None else []
        return Chunk(
            chunk_id=content_id(doc.doc_id, doc.content_hash, str(piece.start), str(piece.end), text),
            doc_id=doc.doc_id,
            text=text,
            start=piece.start,
            end=piece.end,
            section_path=headings,
            section_number=number,
            embed_text=embed_text(doc, piece.path, search),
            search_text=search,
            meta=doc.meta,
            ordinal=ordinal,
            parts=piece.parts,
            table=pinpoint([s for s in piece.path if s.kind in ("annex", "table")]) if table else "",
            row_start=piece.rows[0] if piece.rows else 0,
            row_end=piece.rows[1] if piece.rows else 0,
            table_header=header,
            annex_links=self._annex_links(piece.start, piece.end),
        )

    def _annex_links(self, start: int, end: int) -> list[str]:
        """Section numbers of the attachments referred to in display[start:end].

        "附件2" is the attachment numbered 2; an unnumbered "详见附件" is the document's only
        attachment, and names none when there are several (unknown rather than wrong). A chunk
        inside an attachment does not link to that attachment itself.
        """
        if not self._annexes:
            return []
        by_number = {annex_number(a.number): a for a in self._annexes}
        links: list[str] = []
        for ref in annex_references(self._display[start:end], start):
            if ref.number is not None:
                target = by_number.get(ref.number)
            else:
                target = self._annexes[0] if len(self._annexes) == 1 else by_number.get(None)
            if target is None or target.start <= ref.start < target.end:
                continue
            if target.number not in links:
                links.append(target.number)
        return links


def embed_text(doc: Document, path: tuple[Section, ...], search_chunk: str) -> str:
    """Title + section path + chunk, in Simplified script: what both indexes see.

    The heading path tells the embedder what a terse item ("达到95%以上") is about; for a table
    the path ends in its caption and header row, so every chunk of rows says what its cells are.
    """
    title = _to_search(doc, doc.meta.title)
    headings = " > ".join(_search_heading(doc, s) for s in path)
    head = f"{title}\n{headings}" if headings else title
    return f"{head}\n{search_chunk}"


def _search_heading(doc: Document, section: Section) -> str:
    """A heading as the search form writes it; a table by its caption and header row."""
    search = doc.text.search
    if section.kind == "table":
        lines = [ln for ln in search[section.start : section.body_start].split("\n") if ln.strip()]
        head = [ln for ln in lines if not _RULE.match(ln.strip())]
        return " ".join(ln.strip() for ln in head) or _to_search(doc, section.heading)
    return search[section.start : section.body_start].strip() or section.heading


_RULE = re.compile(r"^\|?\s*:?-{3,}")


def _has_table(section: Section) -> bool:
    return any(s.kind == "table" for s in section.walk()[1:])


def _header_cells(display: str, table: Section) -> list[str]:
    """The cells of a table's header row (the last pipe row before its rule)."""
    lines = display[table.start : table.body_start].split("\n")
    pipes = [ln.strip() for ln in lines if ln.strip().startswith("|")]
    header = next((ln for ln in pipes if not _RULE.match(ln)), "")
    return split_row(header)


def split_row(line: str) -> list[str]:
    """Cells of a Markdown table row "| a | b |" (a backslash-escaped pipe stays in its cell)."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)] if inner else []


def table_cells(chunks: Iterable[Chunk]) -> frozenset[str]:
    """The cells of the table rows among ``chunks`` (what a region question looks up: a city's
    plan with one row of targets per county speaks for each county)."""
    return frozenset(
        cell
        for chunk in chunks
        if chunk.table
        for line in chunk.text.split("\n")
        if line.lstrip().startswith("|")
        for cell in split_row(line)
    )


def _to_search(doc: Document, text: str) -> str:
    if doc.meta.script != "traditional":
        return text
    from assistant.ingest.normalize import to_simplified_aligned as to_simplified

    return to_simplified(text)
