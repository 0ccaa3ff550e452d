"""Where a phrase comes from: exact, then near-exact, phrase search over the whole library.

An official drafting a report pastes a phrase ("名录之外无审批") and asks which document and
which section it comes from. That is not a relevance question: the answer is every place in the
library whose text *is* the phrase, so this module searches the text itself rather than ranking
passages. Both sides are folded the same way: Simplified script (the documents' aligned search
form), NFKC width folding, and whitespace and punctuation dropped, so "名录之外，无审批" and a
Traditional or full-width copy of it match too. When nothing matches exactly, the closest
stretches of the passages a hybrid search returns are accepted if they share at least
``NEAR_MIN_SHARE`` of the phrase's characters in order (a misremembered word or two).

>>> index = PhraseIndex()
>>> hits = index.find("名录之外无审批", docs)          # doctest: +SKIP
>>> [(h.doc_id, h.exact) for h in hits]                # doctest: +SKIP
"""

from __future__ import annotations

import re
import threading
import unicodedata
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from assistant.index.docstore import StoredDocument
from assistant.ingest.normalize import to_simplified_aligned as to_simplified
from assistant.schema import Passage
from assistant.vocab import alternation, question_words

NEAR_MIN_SHARE = 0.8  # share of the phrase's folded characters a near-exact stretch must match
MIN_PHRASE_CHARS = 4  # folded characters: shorter phrases match everywhere
MAX_HITS = 12
# "……", "…", "..." in a quoted phrase: words left out, at most this many folded characters
ELLIPSIS = re.compile(r"(?:…+|\.{3,}|。{3,})")
MAX_GAP_CHARS = 200

# Quoted phrases in a question: “…” ‘…’ "…" 「…」 『…』 《》 is a title, not a phrase.
_QUOTED = re.compile(
    r"“([^”]{2,200})”|‘([^’]{2,200})’|\"([^\"]{2,200})\"|「([^」]{2,200})」|『([^』]{2,200})』"
)
_Q = question_words()
# "X这句话出自哪里" / "X这一提法的出处" / "X的原文是什么": the cue words end the pasted phrase.
_PHRASE_TAIL = re.compile(
    rf"(?:{alternation(_Q.provenance_pointers)})?[，,\s]*(?:{alternation(_Q.provenance_copulas)})?"
    rf"(?:(?:{alternation(_Q.source_verbs)})(?:{alternation(_Q.source_which)})|的?(?:{alternation(_Q.source_nouns)}))"
)
# Cue words of a provenance question; a question with a quoted phrase and one of these asks
# where the phrase comes from (not what it means).
PROVENANCE_CUES = _Q.provenance_words
_OPENER = re.compile(rf"^(?:{alternation(_Q.provenance_openers)})[，,：:\s]*")


def _fold_char(ch: str) -> str:
    """One character as both sides are compared: width folded, '' for space and punctuation."""
    folded = unicodedata.normalize("NFKC", ch)
    out = []
    for c in folded:
        cat = unicodedata.category(c)
        if cat[0] in "PZC" or c in "﹏～~·・":
            continue
        out.append(c.lower())
    return "".join(out)


def fold(text: str) -> str:
    """Simplified, width-folded, without whitespace and punctuation: the matching form."""
    return "".join(_fold_char(ch) for ch in to_simplified(text))


@dataclass(frozen=True)
class _Folded:
    content_hash: str
    text: str
    offsets: array  # offsets[i]: display offset of folded character i


def _fold_aligned(search: str) -> tuple[str, array]:
    chars: list[str] = []
    offsets = array("i")
    for i, ch in enumerate(search):
        f = _fold_char(ch)
        for c in f:
            chars.append(c)
            offsets.append(i)
    return "".join(chars), offsets


@dataclass(frozen=True)
class PhraseHit:
    """One place the phrase occurs: ``display[start:end]`` of document ``doc_id``."""

    doc_id: str
    start: int
    end: int
    exact: bool
    share: float  # 1.0 for exact hits


# Folded characters kept in memory (about 8 bytes each with their offsets): a library of a few
# thousand documents fits whole; beyond that the least recently used are folded again when needed.
MAX_FOLDED_CHARS = 40_000_000


class PhraseIndex:
    """Folded copies of the documents' texts, built lazily and kept while a document is unchanged,
    up to ``max_chars`` folded characters (least recently used dropped first)."""

    def __init__(self, max_chars: int = MAX_FOLDED_CHARS) -> None:
        self._cache: OrderedDict[str, _Folded] = OrderedDict()
        self._chars = 0
        self.max_chars = max_chars
        self._lock = threading.Lock()

    def _folded(self, doc: StoredDocument) -> _Folded:
        doc_id = doc.meta.doc_id
        got = self._cache.get(doc_id)
        if got is not None and got.content_hash == doc.content_hash:
            with self._lock:
                if doc_id in self._cache:
                    self._cache.move_to_end(doc_id)
            return got
        text, offsets = _fold_aligned(doc.text.search)
        got = _Folded(doc.content_hash, text, offsets)
        with self._lock:  # questions run in several threads
            old = self._cache.pop(doc_id, None)
            self._chars += len(text) - (len(old.text) if old else 0)
            self._cache[doc_id] = got
            while self._chars > self.max_chars and len(self._cache) > 1:
                _, dropped = self._cache.popitem(last=False)
                self._chars -= len(dropped.text)
        return got

    def warm(self, docs: Iterable[StoredDocument]) -> None:
        """Fold the documents now (as many as the bound keeps), so the first provenance question
        does not wait for them."""
        for doc in docs:
            if self._chars >= self.max_chars:
                break
            self._folded(doc)

    def exact(self, phrase: str, docs: Iterable[StoredDocument]) -> list[PhraseHit]:
        """Every occurrence of the folded phrase, document by document, in reading order.

        A phrase quoted with an ellipsis ("看不到突出问题……明显异味") is found where
        its pieces stand in that order, each word for word, the gap within one provision."""
        pieces = [fold(p) for p in ELLIPSIS.split(phrase)]
        pieces = [p for p in pieces if p]
        if len(pieces) > 1 and all(len(p) >= MIN_PHRASE_CHARS for p in pieces):
            return self._with_gaps(pieces, docs)
        needle = fold(phrase)
        if len(needle) < MIN_PHRASE_CHARS:
            return []
        hits: list[PhraseHit] = []
        for doc in docs:
            f = self._folded(doc)
            i = f.text.find(needle)
            while i >= 0 and len(hits) < MAX_HITS:
                start, end = f.offsets[i], f.offsets[i + len(needle) - 1] + 1
                hits.append(PhraseHit(doc.meta.doc_id, start, end, True, 1.0))
                i = f.text.find(needle, i + len(needle))
        return hits

    def _with_gaps(self, pieces: Sequence[str], docs: Iterable[StoredDocument]) -> list[PhraseHit]:
        hits: list[PhraseHit] = []
        for doc in docs:
            f = self._folded(doc)
            i = f.text.find(pieces[0])
            while i >= 0 and len(hits) < MAX_HITS:
                at, ok = i + len(pieces[0]), True
                for piece in pieces[1:]:
                    j = f.text.find(piece, at, at + MAX_GAP_CHARS + len(piece))
                    if j < 0:
                        ok = False
                        break
                    at = j + len(piece)
                if ok:
                    hits.append(PhraseHit(doc.meta.doc_id, f.offsets[i], f.offsets[at - 1] + 1, True, 1.0))
                i = f.text.find(pieces[0], at if ok else i + 1)
        return hits

    def near(
        self, phrase: str, passages: Sequence[Passage], docs: dict[str, StoredDocument]
    ) -> list[PhraseHit]:
        """The best near-exact stretch in each retrieved passage, if it matches well enough."""
        needle = fold(phrase)
        if len(needle) < MIN_PHRASE_CHARS:
            return []
        hits: list[PhraseHit] = []
        seen: set[tuple[str, int]] = set()
        for p in passages:
            doc = docs.get(p.chunk.doc_id)
            if doc is None:
                continue
            f = self._folded(doc)
            lo = _folded_index(f.offsets, p.chunk.start)
            hi = _folded_index(f.offsets, p.chunk.end)
            hay = f.text[lo:hi]
            matcher = SequenceMatcher(None, needle, hay, autojunk=False)
            blocks = [b for b in matcher.get_matching_blocks() if b.size >= 2]
            if not blocks:
                continue
            # the densest run of blocks: within 1.5 × the phrase's length of its first block
            best: tuple[int, int, int] | None = None
            for k, first in enumerate(blocks):
                run = [b for b in blocks[k:] if b.b + b.size - first.b <= 1.5 * len(needle)]
                size = sum(b.size for b in run)
                if best is None or size > best[0]:
                    best = (size, first.b, run[-1].b + run[-1].size)
            assert best is not None
            share = best[0] / len(needle)
            if share < NEAR_MIN_SHARE:
                continue
            a, b = lo + best[1], lo + best[2] - 1
            start, end = f.offsets[a], f.offsets[b] + 1
            key = (doc.meta.doc_id, start)
            if key not in seen:
                seen.add(key)
                hits.append(PhraseHit(doc.meta.doc_id, start, end, False, share))
        hits.sort(key=lambda h: -h.share)
        return hits[:MAX_HITS]


def _folded_index(offsets: array, display_offset: int) -> int:
    """The first folded character at or after a display offset (binary search)."""
    lo, hi = 0, len(offsets)
    while lo < hi:
        mid = (lo + hi) // 2
        if offsets[mid] < display_offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def is_provenance_question(question: str) -> bool:
    """Whether a question asks where a phrase comes from ("“…”出自哪份文件？", "…这句话出自哪里").

    An unquoted phrase is only a candidate: the caller searches it and answers from passages when
    the library does not hold it word for word (then the question described the provision rather
    than quoting it: "关于…可以申请减免处罚的规定出自哪条").
    """
    q = to_simplified(question)
    if not any(c in q for c in PROVENANCE_CUES):
        return False
    return bool(_QUOTED.search(q)) or bool(_tail_phrase(q))


def _tail_phrase(q: str) -> str:
    m = _PHRASE_TAIL.search(q)
    if not m or m.start() < MIN_PHRASE_CHARS:
        return ""
    phrase = q[: m.start()].strip(" ，,：:。？?、—-–…")
    # "请问…" / "请查一下…" before a pasted sentence
    phrase = _OPENER.sub("", phrase)
    return phrase if len(fold(phrase)) >= MIN_PHRASE_CHARS else ""


def is_quoted(question: str) -> bool:
    """Whether the question marks its phrase with quotation marks."""
    q = to_simplified(question)
    return any(len(fold(next(g for g in m.groups() if g))) >= MIN_PHRASE_CHARS for m in _QUOTED.finditer(q))


def phrase_of(question: str) -> str:
    """The phrase a provenance question asks about: the quoted text, else the text before the cue."""
    q = to_simplified(question)
    quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(q)]
    quoted = [s for s in quoted if len(fold(s)) >= MIN_PHRASE_CHARS]
    if quoted:
        return max(quoted, key=len)
    return _tail_phrase(q)
