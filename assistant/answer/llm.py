"""The optional LLM answerer: an OpenAI-compatible model rewrites the answer from the passages.

>>> answerer = LLMAnswerer.from_settings(settings)                 # doctest: +SKIP
>>> answer = answerer.answer(analysis, passages, store.get, fallback=extractive_answer)  # doctest: +SKIP

The model only drafts; code decides what reaches the user. The draft is checked sentence by
sentence (:meth:`LLMAnswerer.verify`):

* everything but sentences is stripped (Markdown, list bullets, ``<think>`` blocks, "回答：");
* every sentence must carry at least one ``[n]`` marker, and every marker must name one of the
  passages the model was given;
* every figure, percentage and date of a sentence must appear in a passage it cites
  (:func:`assistant.answer.verify.numbers_supported`);
* every passage a sentence cites must share at least ``min_overlap`` (default 20 %) of the
  sentence's character bigrams: a marker pointing at an unrelated passage fails;
* a sentence saying the documents do not cover something ("所提供的文件中未找到……") needs no
  marker.

Sentences that fail are removed and ``Answer.notice`` says how many. Each surviving marker gets a
:class:`~assistant.schema.Citation` whose quote is the unit (sentence, 款, enumeration item) of
the cited passage that shares the most character bigrams with the sentence: an exact slice of the
document's display text, with the precise section path of that unit. When nothing survives, or the
endpoint times out, refuses the connection or answers with an HTTP error, the extractive
``fallback`` answer is returned with a notice explaining why.

Passages reach the model inside ``<passages> … </passages>``, with any angle brackets of their own
text made full width, and the prompt says that text inside is quoted material, not instructions.
That is a courtesy to the model, not the safeguard: the verification above is.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import openai
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable

from assistant.answer.cues import passage_texts, years_covered
from assistant.answer.verify import (
    MARKER,
    bad_markers,
    cite_span,
    extract_figures,
    numbers_supported,
)
from assistant.config import Settings
from assistant.errors import AssistantError, LLMUnavailableError
from assistant.index.docstore import StoredDocument
from assistant.prompts import Prompt, load_prompt
from assistant.schema import Answer, Chunk, Citation, Passage, QueryAnalysis
from assistant.script import fold_width, to_simplified
from assistant.sentences import chunk_units

log = logging.getLogger(__name__)

GetDoc = Callable[[str], StoredDocument]

NOTICE_UNAVAILABLE = "大模型服务不可用（{reason}），已改用摘录式回答"
NOTICE_UNVERIFIED = "大模型回答未通过核验，已改用摘录式回答"
NOTICE_REMOVED = "大模型回答中有{n}句未通过核验（缺少引用标注、引用编号无效或数字与原文不符），已删除"
NOTICE_LLM_ABSTAINED = "大模型未能从段落中找到答案，已改用摘录式回答"
NOTICE_NO_PASSAGES = "没有可供大模型参考的段落，已改用摘录式回答"
NOTICE_OUT_OF_SCOPE = "问题所问的地区或年份不在文件范围内，已改用摘录式回答"

# Errors of the endpoint that mean "use the extractive answer instead".
_ENDPOINT_ERRORS: tuple[type[BaseException], ...] = (
    openai.APIError,  # connection refused, timeout, HTTP status errors, bad responses
    httpx.HTTPError,
    TimeoutError,
    ConnectionError,
    # a 200 response that is not a chat completion (an HTML error page, a body without
    # choices) surfaces from the client as one of these
    ValueError,
    TypeError,
    LookupError,
)

# -- cleaning the model's output --------------------------------------------------------------

_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S)
_FENCE = re.compile(r"```[a-zA-Z]*")
_MD = re.compile(r"\*\*|__|^#{1,6}\s*|^>\s*", re.M)
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.、)）](?!\d))\s*", re.M)
_PREAMBLE = re.compile(r"^\s*(?:回答|答案|答|Answer)\s*[:：]\s*", re.I)
# [1], 【1】, ［１］, [1,2], [1、3], [ 2 ] → [1][2] …
_ANY_MARKER = re.compile(r"[\[【［]\s*([0-9０-９]+(?:\s*[,，、;；]\s*[0-9０-９]+)*)\s*[\]】］]")
_END = "。！？!?"
_SPLIT = re.compile(rf"(?<=[{_END}])|\n")
_LEADING_MARKERS = re.compile(r"^\s*((?:\[\d+\]\s*)+)")
_TRAILING = re.compile(rf"([{_END}]+)\s*((?:\[\d+\]\s*)+)$")
_NOT_WORDS = re.compile(r"[\W_]+")
# "所提供的文件中未找到……" (optionally after a region label "北京市："): the one sentence that needs
# no marker. Kept short and free of figures, so no claim can hide in it.
_NOT_FOUND = re.compile(
    r"^(?:[^，,。：:]{1,12}[：:])?(?:在|根据)?(?:所提供的|提供的|上述|现有)?(?:文件|段落|资料|材料)"
    r"(?:中|里)?(?:均)?(?:未|没有)(?:找到|涉及|提及|规定)"
)
_NOT_FOUND_MAX = 60


def _normalize_markers(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        nums = re.split(r"\s*[,，、;；]\s*", fold_width(m.group(1)))
        return "".join(f"[{int(n)}]" for n in nums if n)

    return _ANY_MARKER.sub(repl, text)


def clean_output(raw: str) -> str:
    """The model's text with reasoning blocks, Markdown and bullets removed, markers as ``[n]``."""
    t = _THINK.sub("", raw)
    t = _FENCE.sub("", t)
    t = _MD.sub("", t)
    t = _BULLET.sub("", t)
    t = _PREAMBLE.sub("", t.strip())
    return _normalize_markers(t)


def split_sentences(text: str) -> list[str]:
    """Sentences of cleaned output; markers written after the full stop join their sentence."""
    pieces = [p.strip() for p in _SPLIT.split(text)]
    out: list[str] = []
    for p in pieces:
        lead = _LEADING_MARKERS.match(p)
        if lead and out:
            out[-1] += lead.group(1).replace(" ", "")
            p = p[lead.end() :].strip()
        if p and not _NOT_WORDS.fullmatch(MARKER.sub("", p)):
            out.append(p)
    return out


def _tidy(sentence: str) -> str:
    """Markers before the closing punctuation, and a full stop where there is none."""
    s = re.sub(r"\s*(\[\d+\])", r"\1", sentence.strip())
    s = _TRAILING.sub(lambda m: m.group(2).replace(" ", "") + m.group(1), s)
    return s if s and s[-1] in _END else s.rstrip("，,；;：:、 ") + "。"


def _bigrams(text: str) -> set[str]:
    t = _NOT_WORDS.sub("", fold_width(to_simplified(MARKER.sub("", text))))
    return {t[i : i + 2] for i in range(len(t) - 1)} if len(t) > 1 else {t} - {""}


# -- results of verification ------------------------------------------------------------------


@dataclass
class Checked:
    """One sentence of the draft and what verification made of it."""

    text: str
    markers: list[int] = field(default_factory=list)  # passage numbers it cites (1-based)
    not_found: bool = False  # "所提供的文件中未找到……": kept without markers
    problem: str = ""  # why it was removed; "" when kept

    @property
    def kept(self) -> bool:
        return not self.problem


@dataclass
class Verified:
    """A draft after verification: the kept sentences with their citations."""

    text: str
    citations: list[Citation]
    sentences: list[Checked]
    used: list[int]  # 0-based indexes of the given passages that are cited, in marker order

    @property
    def removed(self) -> int:
        return sum(1 for s in self.sentences if not s.kept)

    @property
    def abstained(self) -> bool:
        kept = [s for s in self.sentences if s.kept]
        return bool(kept) and all(s.not_found for s in kept)


class LLMAnswerer:
    """Asks an OpenAI-compatible chat model for a short cited answer, then verifies it in code.

    ``model`` is any LangChain chat model (``ChatOpenAI`` in production; a fake in tests).
    """

    def __init__(
        self,
        model: Runnable[Any, Any],
        prompt: Prompt | None = None,
        max_passages: int = 6,
        max_context_chars: int = 2400,
        min_overlap: float = 0.2,
        name: str = "",
    ) -> None:
        self.prompt = prompt or load_prompt("answer")
        self.model = model
        self.max_passages = max_passages
        self.max_context_chars = max_context_chars
        self.min_overlap = min_overlap
        self.name = name
        template = ChatPromptTemplate.from_messages(self.prompt.messages())
        self.chain: Runnable[dict[str, str], str] = template | model | StrOutputParser()

    @classmethod
    def from_settings(cls, settings: Settings, max_tokens: int | None = None, **kwargs: Any) -> LLMAnswerer:
        """An answerer for the endpoint in ``settings``; :class:`LLMUnavailableError` if none is set.

        ``max_tokens`` overrides the prompt file's; other keyword arguments go to the constructor.
        """
        if not settings.llm_configured:
            raise LLMUnavailableError(
                "未配置大模型服务：请设置 POLICY_ASSISTANT_LLM_BASE_URL 和 POLICY_ASSISTANT_LLM_MODEL"
                "（LLM not configured: set the base URL and model of an OpenAI-compatible endpoint）"
            )
        from langchain_openai import ChatOpenAI

        prompt = kwargs.pop("prompt", None) or load_prompt("answer")
        model = ChatOpenAI(
            base_url=settings.llm_base_url,
            model=str(settings.llm_model),
            # the settings hold the *name* of the variable; the key is read only here
            api_key=os.environ.get(settings.llm_api_key_env) or "not-needed",  # type: ignore[arg-type]
            timeout=settings.llm_timeout_s,
            max_retries=0,
            temperature=0,
            # llama.cpp's server ignores max_completion_tokens: send max_tokens as is
            extra_body={"max_tokens": max_tokens or prompt.max_tokens},
        )
        return cls(model, prompt=prompt, name=str(settings.llm_model), **kwargs)

    # -- the prompt --------------------------------------------------------------------------

    def select(self, passages: Sequence[Passage]) -> list[Passage]:
        """The passages shown to the model, best ranked first, within the context budget.

        Passages retrieved for different regions (a comparison) take turns, so every region asked
        about is in the prompt even when one region's passages rank higher.
        """
        ranked = [
            p
            for _, p in sorted(
                enumerate(passages), key=lambda ip: (ip[1].rank if ip[1].rank > 0 else 10**6, ip[0])
            )
        ]
        labels = list(dict.fromkeys(p.region_label for p in ranked))
        if len(labels) > 1:
            queues = [[p for p in ranked if p.region_label == lb] for lb in labels]
            ranked = [q[i] for i in range(max(map(len, queues))) for q in queues if i < len(q)]
        chosen: list[Passage] = []
        used = 0
        for p in ranked:
            if len(chosen) >= self.max_passages:
                break
            size = len(p.chunk.text)
            if chosen and used + size > self.max_context_chars:
                continue
            chosen.append(p)
            used += size
        return chosen

    @staticmethod
    def _header(chunk: Chunk) -> str:
        path = " ".join(to_simplified(s) for s in chunk.section_path)
        return f"《{to_simplified(chunk.meta.title)}》 {path}".strip()

    @classmethod
    def render_passages(cls, given: Sequence[Passage]) -> str:
        blocks = []
        for i, p in enumerate(given, 1):
            c = p.chunk
            body = c.search_text if len(c.search_text) == len(c.text) else to_simplified(c.text)
            # the fence must stay intact: no tag of the passage's own can close it
            body = body.replace("<", "＜").replace(">", "＞")
            header = cls._header(c).replace("<", "＜").replace(">", "＞")
            blocks.append(f"[{i}] {header}\n{body.strip()}")
        return "\n\n".join(blocks)

    def inputs(self, analysis: QueryAnalysis, given: Sequence[Passage]) -> dict[str, str]:
        notes = []
        if analysis.missing_regions:
            notes.append(
                f"注意：{'、'.join(analysis.missing_regions)}不在所提供文件的范围内，"
                f"对其只能回答“{self.prompt.not_found}……”。"
            )
        if len(analysis.regions) >= 2:
            notes.append(f"请分别说明：{'、'.join(r.replace(' ', '') for r in analysis.regions)}。")
        question = to_simplified(analysis.question).replace("<", "＜").replace(">", "＞")
        return {"question": question, "passages": self.render_passages(given), "notes": "\n".join(notes)}

    # -- calling the model -------------------------------------------------------------------

    def generate(self, analysis: QueryAnalysis, given: Sequence[Passage]) -> str:
        """The raw draft for ``given`` passages (raises the endpoint's errors)."""
        return str(self.chain.invoke(self.inputs(analysis, given)))

    def stream(self, analysis: QueryAnalysis, passages: Sequence[Passage]) -> Iterator[str]:
        """Raw, unverified text pieces as the model writes them (raises the endpoint's errors)."""
        for piece in self.chain.stream(self.inputs(analysis, self.select(passages))):
            if piece:
                yield str(piece)

    def stream_answer(
        self, analysis: QueryAnalysis, passages: list[Passage], get_doc: GetDoc, fallback: Answer
    ) -> Iterator[str | Answer]:
        """Draft pieces as they arrive (to show as a draft), then the verified :class:`Answer`.

        The final answer replaces the draft: it may drop sentences or be the extractive fallback.
        """
        t0 = time.perf_counter()
        early = self._precheck(analysis, passages, fallback)
        if early is not None:
            yield early
            return
        given = self.select(passages)
        pieces: list[str] = []
        try:
            for piece in self.chain.stream(self.inputs(analysis, given)):
                pieces.append(str(piece))
                yield str(piece)
        except _ENDPOINT_ERRORS as e:
            log.warning("LLM endpoint failed: %r", e, exc_info=True)
            yield self._fallback(fallback, NOTICE_UNAVAILABLE.format(reason=_reason(e)), t0)
            return
        yield self.finish(analysis, given, "".join(pieces), get_doc, fallback, t0)

    # -- the answer --------------------------------------------------------------------------

    def answer(
        self, analysis: QueryAnalysis, passages: list[Passage], get_doc: GetDoc, fallback: Answer
    ) -> Answer:
        """A verified LLM answer, or ``fallback`` with a notice saying why it is used instead."""
        t0 = time.perf_counter()
        early = self._precheck(analysis, passages, fallback)
        if early is not None:
            return early
        given = self.select(passages)
        try:
            raw = self.generate(analysis, given)
        except _ENDPOINT_ERRORS as e:
            log.warning("LLM endpoint failed: %r", e, exc_info=True)
            return self._fallback(fallback, NOTICE_UNAVAILABLE.format(reason=_reason(e)), t0)
        return self.finish(analysis, given, raw, get_doc, fallback, t0)

    def _precheck(self, analysis: QueryAnalysis, passages: list[Passage], fallback: Answer) -> Answer | None:
        """The fallback, when the model must not be asked at all."""
        if not passages:
            return self._fallback(fallback, NOTICE_NO_PASSAGES, time.perf_counter())
        # a question about a place or year the documents do not cover is answered "not found",
        # never from other regions' or years' text (the extractive answer already says so)
        if analysis.missing_regions and not analysis.regions:
            return self._fallback(fallback, NOTICE_OUT_OF_SCOPE, time.perf_counter())
        if analysis.years:
            covered = years_covered([t for p in passages for t in passage_texts(p)])
            if any(y not in covered for y in analysis.years):
                return self._fallback(fallback, NOTICE_OUT_OF_SCOPE, time.perf_counter())
        return None

    def finish(
        self,
        analysis: QueryAnalysis,
        given: Sequence[Passage],
        raw: str,
        get_doc: GetDoc,
        fallback: Answer,
        t0: float | None = None,
    ) -> Answer:
        """Verify a raw draft written from ``given`` and build the answer (or fall back)."""
        t0 = time.perf_counter() if t0 is None else t0
        checked = self.verify(raw, given, get_doc)
        log.debug("LLM draft %r: %d sentence(s), %d removed", raw, len(checked.sentences), checked.removed)
        if not checked.text:
            return self._fallback(fallback, NOTICE_UNVERIFIED, t0)
        if checked.abstained and not fallback.abstained:
            # the model found nothing where the extractive answerer found a verified quote
            return self._fallback(fallback, NOTICE_LLM_ABSTAINED, t0)
        shown = [given[i] for i in checked.used]
        shown += [p for p in given if p not in shown]
        timings = dict(fallback.timings)
        timings.update(llm=time.perf_counter() - t0, llm_removed=float(checked.removed))
        return Answer(
            question=analysis.question,
            text=checked.text,
            citations=checked.citations,
            passages=shown,
            abstained=checked.abstained,
            mode="llm",
            notice=NOTICE_REMOVED.format(n=checked.removed) if checked.removed else "",
            timings=timings,
            resolved_question=analysis.question,
            regions=list(analysis.regions),
        )

    def _fallback(self, fallback: Answer, notice: str, t0: float) -> Answer:
        timings = dict(fallback.timings)
        timings["llm"] = time.perf_counter() - t0
        note = notice if not fallback.notice else f"{notice}；{fallback.notice}"
        return dataclasses.replace(fallback, notice=note, timings=timings)

    # -- verification ------------------------------------------------------------------------

    def verify(self, raw: str, given: Sequence[Passage], get_doc: GetDoc) -> Verified:
        """Check a draft sentence by sentence; cite each kept sentence's markers with exact quotes."""
        n = len(given)
        sentences: list[Checked] = []
        seen: set[str] = set()
        for s in split_sentences(clean_output(raw)):
            s = _tidy(s)
            key = MARKER.sub("", s)
            if key in seen:  # models repeat themselves: a repeat is dropped, not counted
                continue
            seen.add(key)
            markers = list(dict.fromkeys(int(m) for m in MARKER.findall(s)))
            c = Checked(s, markers)
            sentences.append(c)
            if _NOT_FOUND.match(key) or key.startswith(self.prompt.not_found):
                c.not_found, c.markers = True, []
                c.text = _tidy(key)
                if "……" in key or "..." in key:
                    c.problem = "template placeholder copied"
                elif extract_figures(key) or len(key) > _NOT_FOUND_MAX:
                    c.problem = "not-found sentence with other content"
            elif not markers:
                c.problem = "no marker"
            elif any(not 1 <= m <= n for m in markers):
                c.problem = f"marker outside 1..{n}"
            elif not numbers_supported(key, [t for m in markers for t in self._support(given[m - 1])]):
                c.problem = "figure not in the cited passages"
            elif any(_overlap(key, self._support(given[m - 1])) < self.min_overlap for m in markers):
                c.problem = "cited passage shares too few words with the sentence"

        # one citation per (passage, unit): the same passage cited by two sentences may resolve
        # to two different quotes, each with its own marker
        citations: list[Citation] = []
        by_unit: dict[tuple[int, int, int], int] = {}
        used: list[int] = []
        for c in sentences:
            if not c.kept or c.not_found:
                continue
            remap: dict[int, int] = {}
            for m in c.markers:
                cit = self._cite(c.text, given[m - 1], get_doc)
                if cit is None:
                    c.problem = f"no verifiable quote in passage [{m}]"
                    break
                unit = (m - 1, cit.quote_start, cit.quote_end)
                if unit not in by_unit:
                    cit.marker = by_unit[unit] = len(citations) + 1
                    citations.append(cit)
                    if m - 1 not in used:
                        used.append(m - 1)
                remap[m] = by_unit[unit]
            if not c.problem:
                c.text = _remap(c.text, remap)

        # citations of sentences removed after citing are dropped; numbers stay 1.. in order
        citations = _renumber([c for c in sentences if c.kept], citations)
        text = "".join(c.text for c in sentences if c.kept)
        bad = bad_markers(Answer(question="", text=text, citations=citations, passages=[]), get_doc)
        if bad:  # cannot happen with exact slices; the last guard stays anyway
            for c in sentences:
                if c.kept and any(int(m) in bad for m in MARKER.findall(c.text)):
                    c.problem = "citation does not match the document"
            citations = _renumber([c for c in sentences if c.kept], citations)
            text = "".join(c.text for c in sentences if c.kept)
        cited_chunks = {c.chunk_id for c in citations}
        used = [i for i in used if given[i].chunk.chunk_id in cited_chunks]
        return Verified(text, citations, sentences, used)

    @classmethod
    def _support(cls, p: Passage) -> list[str]:
        """The texts a sentence citing ``p`` may take its figures from: what the model was shown."""
        return [p.chunk.text, cls._header(p.chunk)]

    @staticmethod
    def _cite(sentence: str, p: Passage, get_doc: GetDoc) -> Citation | None:
        """The unit of ``p`` that best supports ``sentence``, as an exact-quote citation."""
        c = p.chunk
        try:
            display = get_doc(c.doc_id).text.display
        except (AssistantError, KeyError, LookupError, AttributeError, ValueError):
            return None
        units = chunk_units(c.text, c.start, c.part_at(c.start).section_number)
        candidates = [u for u in units if u.kind != "heading"] or units
        target = _bigrams(sentence)
        figures = bool(extract_figures(MARKER.sub("", sentence)))
        best: tuple[float, int, int, int] | None = None
        for u in candidates:
            text = c.text[u.start - c.start : u.end - c.start]
            grams = _bigrams(text)
            if not grams:
                continue
            score = len(target & grams) / math.sqrt(max(len(target), 1) * len(grams))
            if figures and numbers_supported(sentence, [text]):
                score += 0.5
            key = (score, -(u.end - u.start), u.start, u.end)
            if best is None or key > best:
                best = key
        if best is None:
            return None
        start, end = best[2], best[3]
        while end > start and display[end - 1] in "，,；;：:、 \t\u3000\n":
            end -= 1
        quote = display[start:end]
        if not quote.strip() or quote != c.text[start - c.start : end - c.start]:
            return None
        return cite_span(c, start, end, quote, marker=0)


def _overlap(sentence: str, texts: Sequence[str]) -> float:
    """Share of the sentence's character bigrams found in ``texts``."""
    target = _bigrams(sentence)
    if not target:
        return 0.0
    found = set().union(*(_bigrams(t) for t in texts))
    return len(target & found) / len(target)


def _remap(text: str, remap: dict[int, int]) -> str:
    return MARKER.sub(lambda m: f"[{remap[int(m.group(1))]}]", text)


def _renumber(kept: list[Checked], citations: list[Citation]) -> list[Citation]:
    """Renumber the markers of ``kept`` sentences 1.. in order of first appearance (in place);
    the citations they use, renumbered alike; unused citations are dropped."""
    order = list(dict.fromkeys(int(m) for c in kept for m in MARKER.findall(c.text)))
    remap = {old: new for new, old in enumerate(order, 1)}
    for c in kept:
        c.text = _remap(c.text, remap)
    out = [dataclasses.replace(c, marker=remap[c.marker]) for c in citations if c.marker in remap]
    return sorted(out, key=lambda c: c.marker)


def _reason(e: BaseException) -> str:
    """A short Chinese reason for an endpoint failure, with the English gloss."""
    if isinstance(e, openai.APITimeoutError | TimeoutError | httpx.TimeoutException):
        return "请求超时 timeout"
    if isinstance(e, openai.APIConnectionError | ConnectionError | httpx.ConnectError):
        return "无法连接 connection failed"
    if isinstance(e, openai.APIStatusError):
        return f"服务返回错误 HTTP {e.status_code}"
    if isinstance(e, ValueError | TypeError | LookupError) and not isinstance(e, openai.APIError):
        return "返回内容无法解析 malformed response"
    return f"服务出错 {type(e).__name__}"


__all__ = ["Checked", "LLMAnswerer", "Verified", "clean_output", "split_sentences"]
