"""What flows between the extractive answerer's steps: a scored candidate unit, a pick (the
part of a unit the answer quotes) and an answer line (one region's picks, or a fixed text)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.index.docstore import StoredDocument
from assistant.schema import Chunk, Passage
from assistant.script import to_simplified
from assistant.sentences import Unit

GetDoc = Callable[[str], StoredDocument]


@dataclass
class Candidate:
    """A unit of a retrieved passage, with its scores for the question."""

    passage: Passage
    pos: int  # position of the passage in the ranked list considered
    unit: Unit
    search: str  # Simplified, width-folded text of the unit
    context: str  # Simplified title + section path of the chunk
    score: float = 0.0
    coverage: float = 0.0
    has_figure: bool = False
    asks_effective: bool = False  # the question asks when a regulation takes effect
    asks_start: bool = False  # the question asks the day a period counts from
    off_topic: bool = False  # its document is not about the question's subject (never a second pick)
    # the clause of a sanction that punishes the offence asked about ("违反第四项规定的，处…"),
    # as (start, end) offsets in the document, when its other clauses punish other items
    sanction_span: tuple[int, int] | None = None

    @property
    def chunk(self) -> Chunk:
        return self.passage.chunk


@dataclass
class Pick:
    """A unit chosen for the answer, cut to the clauses that carry the answer."""

    cand: Candidate
    start: int
    end: int
    body: str = ""  # the rendered Simplified sentence (no marker)
    marker: int = 0


def search_slice(chunk: Chunk, start: int, end: int, get_doc: GetDoc | None = None) -> str:
    """Simplified text at display offsets [start, end) of the chunk's document."""
    if len(chunk.search_text) == len(chunk.text):
        return chunk.search_text[start - chunk.start : end - chunk.start]
    if get_doc is not None:
        return get_doc(chunk.doc_id).text.search[start:end]
    return to_simplified(chunk.text[start - chunk.start : end - chunk.start])
