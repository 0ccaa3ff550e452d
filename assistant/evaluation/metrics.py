"""Per-question scores and their aggregates.

Everything is matched on :func:`~assistant.evaluation.normalize.norm` forms, and gold sources are
matched by their *quote*, never by our document ids, so any chunker or index can be scored.

Per question (:class:`CaseScore`):

* **retrieval** — ``hit_rank``: 1-based rank of the first retrieved passage whose text contains a
  gold quote (``None``: none in the list, or no gold sources). Hit@k = ``hit_rank <= k``;
  reciprocal rank = ``1 / hit_rank`` (0 without a hit). The list is what the question's route
  reads (:meth:`assistant.core.Assistant.retrieve`): a catalogue answer's quoted record lines
  first, a provenance question's phrase hits first.
* **correct** — answerable questions: not abstained and the answer text contains every
  ``must_include`` string. Unanswerable questions: the assistant abstained.
* **concise** — correct and ``len(answer.text) <= max(400, 6 × len(reference answer))``.
* **citations** — a citation is *supported* when its quote or its chunk contains a gold quote,
  or its quote contains a ``must_include`` string, or its quote shares at least 60 % of the
  Chinese-character bigrams of the sentence its ``[n]`` marker is attached to. Precision =
  supported / citations. Recall = share of gold sources whose quote lies inside some cited quote
  or cited chunk. Comparison questions also get recall per region.

Aggregates (:class:`Aggregate`): Hit@k and MRR over questions with gold sources; accuracy and
concise accuracy over answerable questions; citation precision is micro-averaged over all
citations, recall macro-averaged over questions with gold sources; rejection rate over
unanswerable and false-rejection rate over answerable questions; ``correct_rate`` over all
questions (for the unanswerable type it is the rejection rate); median answer length in
characters; latency p50/p95 in ms. A rate whose denominator is empty is ``None``.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.evaluation.dataset import TYPES, EvalCase
from assistant.evaluation.normalize import bigrams, norm
from assistant.schema import Answer, Citation, Passage

__all__ = [
    "SUPPORT_BIGRAM_SHARE",
    "Aggregate",
    "CaseScore",
    "Scores",
    "aggregate",
    "citation_sentences",
    "concise_limit",
    "percentile",
    "score_case",
    "score_cases",
    "source_regions",
]

SUPPORT_BIGRAM_SHARE = 0.6
CONCISE_MIN_CHARS = 400
CONCISE_FACTOR = 6

_MARKER = re.compile(r"[\[【]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]】]")
_TERMINATORS = "。！？；!?;\n"
_TRAILING = re.compile(r"(?:\s|[\[【]\s*\d+(?:\s*[,，、]\s*\d+)*\s*[\]】])+$")
_REGION_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|省|市|区|县)$")


@dataclass
class CaseScore:
    id: str
    type: str
    answerable: bool
    abstained: bool
    has_gold: bool  # the question has gold sources (retrieval is scored)
    hit_rank: int | None
    correct: bool
    concise: bool
    missing: list[str]  # must_include strings not found in the answer
    n_citations: int
    n_supported: int
    citation_precision: float | None
    citation_recall: float | None
    region_recall: dict[str, float] = field(default_factory=dict)
    answer_len: int = 0
    latency_ms: float = 0.0

    def hit_at(self, k: int) -> bool:
        return self.hit_rank is not None and self.hit_rank <= k

    @property
    def reciprocal_rank(self) -> float:
        return 1.0 / self.hit_rank if self.hit_rank else 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Aggregate:
    n: int
    n_answerable: int
    n_unanswerable: int
    hit1: float | None
    hit5: float | None
    hit10: float | None
    mrr: float | None
    accuracy: float | None
    concise_accuracy: float | None
    correct_rate: float | None
    citation_precision: float | None
    citation_recall: float | None
    region_recall: float | None
    rejection_rate: float | None
    false_rejection_rate: float | None
    median_length: float | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Scores:
    overall: Aggregate
    per_type: dict[str, Aggregate]
    cases: list[CaseScore]

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.to_dict(),
            "per_type": {t: a.to_dict() for t, a in self.per_type.items()},
            "cases": [c.to_dict() for c in self.cases],
        }


# -- helpers ------------------------------------------------------------------------------------


def concise_limit(reference_answer: str) -> int:
    return max(CONCISE_MIN_CHARS, CONCISE_FACTOR * len(reference_answer))


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0–100) with linear interpolation, as numpy's default."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _contains_any(haystack: str, needles: Iterable[str]) -> bool:
    h = norm(haystack)
    return bool(h) and any(n and n in h for n in needles)


def citation_sentences(text: str) -> dict[int, list[str]]:
    """For each marker number, the sentence(s) of ``text`` its ``[n]`` is attached to.

    The sentence is the text before the marker back to the previous sentence end (a marker
    right after a full stop belongs to the sentence that stop closes); a marker that opens a
    line takes the text after it instead. Markers are removed from the sentences.
    """
    out: dict[int, list[str]] = {}
    for m in _MARKER.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        opens_line = not _MARKER.sub("", text[line_start : m.start()]).strip()
        prefix = _TRAILING.sub("", text[: m.start()]).rstrip(_TERMINATORS + " ")
        cut = max(prefix.rfind(t) for t in _TERMINATORS)
        sentence = "" if opens_line else prefix[cut + 1 :]
        if not sentence.strip():
            rest = _MARKER.sub("", text[m.end() :]).lstrip()
            ends = [i for i in (rest.find(t) for t in _TERMINATORS) if i >= 0]
            sentence = rest[: min(ends)] if ends else rest
        sentence = _MARKER.sub("", sentence).strip()
        for num in re.split(r"[,，、]", m.group(1)):
            out.setdefault(int(num), []).append(sentence)
    return out


def _supports(quote: str, sentence: str) -> bool:
    sb = bigrams(sentence)
    if not sb:
        return False
    return len(sb & bigrams(quote)) / len(sb) >= SUPPORT_BIGRAM_SHARE


def source_regions(case: EvalCase) -> list[str]:
    """The region each gold source belongs to (comparison questions), same order as sources.

    With one source per region the ``regions`` order decides; otherwise a region whose name
    (without 省/市/区 …) appears in the source's doc path, section or quote; otherwise the
    distinct docs in order of first appearance, when there are as many as regions; otherwise
    the doc path itself.
    """
    if not case.regions or not case.sources:
        return []
    if len(case.sources) == len(case.regions):
        return list(case.regions)
    cores = [(r, _REGION_SUFFIX.sub("", r) or r) for r in case.regions]
    docs = list(dict.fromkeys(s.doc for s in case.sources))
    by_doc = dict(zip(docs, case.regions, strict=False)) if len(docs) == len(case.regions) else {}
    out: list[str] = []
    for s in case.sources:
        where = f"{s.doc} {s.section} {s.quote}"
        named = [r for r, core in cores if core in where]
        out.append(named[0] if len(named) == 1 else by_doc.get(s.doc, s.doc))
    return out


# -- scoring ------------------------------------------------------------------------------------


def score_case(
    case: EvalCase,
    answer: Answer,
    retrieved: Sequence[Passage],
    latency_ms: float = 0.0,
) -> CaseScore:
    """Score one answer. ``retrieved`` is the ranked retrieval list (best first, e.g. top 10)."""
    gold = [norm(s.quote) for s in case.sources]
    gold = [g for g in gold if g]
    must = [norm(s) for s in case.must_include]

    hit_rank: int | None = None
    for i, p in enumerate(retrieved, 1):
        if _contains_any(p.chunk.text, gold):
            hit_rank = i
            break

    text_n = norm(answer.text)
    missing = [s for s, n in zip(case.must_include, must, strict=True) if n not in text_n]
    # answerable: not refused and complete; unanswerable: refused
    correct = (not answer.abstained and not missing) if case.answerable else answer.abstained
    concise = correct and len(answer.text) <= concise_limit(case.answer)

    chunk_text = {p.chunk.chunk_id: p.chunk.text for p in (*retrieved, *answer.passages)}
    sentences = citation_sentences(answer.text)

    def cited_texts(c: Citation) -> list[str]:
        return [c.quote, chunk_text.get(c.chunk_id, "")]

    supported = 0
    for c in answer.citations:
        if (
            any(_contains_any(t, gold) for t in cited_texts(c))
            or _contains_any(c.quote, must)
            or any(_supports(c.quote, s) for s in sentences.get(c.marker, []))
        ):
            supported += 1
    precision = supported / len(answer.citations) if answer.citations else None

    recalled = [any(_contains_any(t, [g]) for c in answer.citations for t in cited_texts(c)) for g in gold]
    recall = sum(recalled) / len(recalled) if recalled else None

    region_recall: dict[str, float] = {}
    if case.regions and len(gold) == len(case.sources):
        per: dict[str, list[bool]] = {}
        for region, ok in zip(source_regions(case), recalled, strict=True):
            per.setdefault(region, []).append(ok)
        region_recall = {r: sum(v) / len(v) for r, v in per.items()}

    return CaseScore(
        id=case.id,
        type=case.type,
        answerable=case.answerable,
        abstained=answer.abstained,
        has_gold=bool(gold),
        hit_rank=hit_rank,
        correct=correct,
        concise=concise,
        missing=missing,
        n_citations=len(answer.citations),
        n_supported=supported,
        citation_precision=precision,
        citation_recall=recall,
        region_recall=region_recall,
        answer_len=len(answer.text),
        latency_ms=latency_ms,
    )


def _mean(values: Sequence[float | bool]) -> float | None:
    return sum(float(v) for v in values) / len(values) if values else None


def aggregate(cases: Sequence[CaseScore]) -> Aggregate:
    gold = [c for c in cases if c.has_gold]
    ans = [c for c in cases if c.answerable]
    unans = [c for c in cases if not c.answerable]
    n_cit = sum(c.n_citations for c in cases)
    recalls = [c.citation_recall for c in cases if c.citation_recall is not None]
    regions = [v for c in cases for v in c.region_recall.values()]
    lat = [c.latency_ms for c in cases]
    return Aggregate(
        n=len(cases),
        n_answerable=len(ans),
        n_unanswerable=len(unans),
        hit1=_mean([c.hit_at(1) for c in gold]),
        hit5=_mean([c.hit_at(5) for c in gold]),
        hit10=_mean([c.hit_at(10) for c in gold]),
        mrr=_mean([c.reciprocal_rank for c in gold]),
        accuracy=_mean([c.correct for c in ans]),
        concise_accuracy=_mean([c.concise for c in ans]),
        correct_rate=_mean([c.correct for c in cases]),
        citation_precision=sum(c.n_supported for c in cases) / n_cit if n_cit else None,
        citation_recall=_mean(recalls),
        region_recall=_mean(regions),
        rejection_rate=_mean([c.abstained for c in unans]),
        false_rejection_rate=_mean([c.abstained for c in ans]),
        median_length=float(statistics.median(c.answer_len for c in cases)) if cases else None,
        latency_p50_ms=percentile(lat, 50),
        latency_p95_ms=percentile(lat, 95),
    )


def score_cases(cases: Sequence[CaseScore]) -> Scores:
    """Aggregate overall and per question type (types in :data:`TYPES` order)."""
    per_type: dict[str, Aggregate] = {}
    for t in (*TYPES, *sorted({c.type for c in cases} - set(TYPES))):
        of_type = [c for c in cases if c.type == t]
        if of_type:
            per_type[t] = aggregate(of_type)
    return Scores(overall=aggregate(cases), per_type=per_type, cases=list(cases))
