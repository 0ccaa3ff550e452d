"""The one core API. The CLI, web app, eval harness and benchmarks all call :class:`Assistant`.

>>> a = Assistant()                        # doctest: +SKIP
>>> report = a.ingest()                    # the bundled corpus/   # doctest: +SKIP
>>> print(a.show("jiyuan-2024-work-points"))                      # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from assistant.chunking import StructureChunker
from assistant.citations import CitationBasket, SourceCitation, cite, cite_span, from_citation, from_passage
from assistant.compare import Comparer, Comparison, is_comparison_question, topic_from_question
from assistant.config import Settings
from assistant.conversation import Turn, resolve
from assistant.embeddings.base import Embedder
from assistant.errors import EmptyQuestionError, UserInputError
from assistant.index import Index, IngestReport
from assistant.index.docstore import StoredDocument
from assistant.indicators import Indicator, extract_all, filter_indicators
from assistant.ingest.manifest import doc_id_for, load_manifest
from assistant.ingest.pipeline import Prepared, content_hash, discover, pipeline_version, prepare
from assistant.query import analyse
from assistant.retrieve import HybridRetriever, RetrieverMode
from assistant.schema import Answer, Mode, Passage, QueryAnalysis
from assistant.sections import format_tree, parse_sections

FileProgress = Callable[[Path, int, int], None]


class Assistant:
    def __init__(
        self,
        settings: Settings | None = None,
        embedder: Embedder | str | None = None,
        chroma_client: Any | None = None,
        chunker: Any | None = None,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.index = Index(self.settings, embedder=embedder, client=chroma_client)
        self.chunker = chunker or StructureChunker(
            self.settings.chunk_max_tokens, self.settings.chunk_min_tokens
        )
        self.retriever = HybridRetriever(index=self.index)
        self._answerer: Any | None = None
        self._llm_answerer: Any | None = None

    # -- library -------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[Path | str] | None = None,
        on_file: FileProgress | None = None,
        on_embed: Callable[[int, int], None] | None = None,
        dense: bool = True,
    ) -> IngestReport:
        """Index files (default: the bundled corpus). Unchanged files are skipped; changed ones
        replace their old chunks; files that fail are listed in ``report.errors`` and change nothing."""
        t_start = time.perf_counter()
        corpus_dir = self.settings.corpus_dir
        manifest = load_manifest(corpus_dir) if (corpus_dir / "manifest.yaml").exists() else {}
        targets = [Path(p) for p in paths] if paths else [corpus_dir]
        for t in targets:
            if not t.exists():
                raise UserInputError(f"路径不存在 (path not found): {t}")
        files = list(discover(targets))
        version = pipeline_version(self.chunker)
        report = IngestReport()
        ready: list[Prepared] = []
        seen: dict[str, Path] = {}
        for i, f in enumerate(files):
            if on_file:
                on_file(f, i, len(files))
            try:
                data = f.read_bytes()
                digest = content_hash(data)
                doc_id = doc_id_for(f, corpus_dir, manifest, digest)
                if doc_id in seen:
                    raise UserInputError(f"与 {seen[doc_id]} 的文件编号重复 (duplicate doc_id {doc_id})")
                seen[doc_id] = f
                if self.index.is_current(doc_id, digest, version):
                    report.unchanged.append(doc_id)
                    continue
                ready.append(prepare(f, self.chunker, corpus_dir, manifest, data=data, doc_id=doc_id))
            except UserInputError as e:
                report.errors[str(f)] = str(e)
            except (OSError, ValueError) as e:
                report.errors[str(f)] = f"无法读取或解析 (cannot read or parse): {e}"
        report.parse_s = time.perf_counter() - t_start
        for p in ready:
            existed = self.index.docstore.get(p.stored.meta.doc_id) is not None
            (report.replaced if existed else report.added).append(p.stored.meta.doc_id)
            report.documents += 1
            report.sections += p.sections
            report.chunks += len(p.stored.chunks)
            report.chars += len(p.stored.text.display)
        self.index.write([p.stored for p in ready], progress=on_embed, report=report, dense=dense)
        report.total_s = time.perf_counter() - t_start
        return report

    def is_indexed(self) -> bool:
        return bool(self.index.documents())

    def dense_status(self) -> tuple[int, int]:
        """(chunks with a vector, all chunks): below 100 % answers come from BM25 alone."""
        total = len(self.index.chunks())
        return total - len(self.index.dense_pending()), total

    def complete_dense(self, on_embed: Callable[[int, int], None] | None = None, batch: int = 256) -> int:
        """Embed what a ``dense=False`` ingest left out (run it in the background; small batches
        keep the embedder free for questions in between)."""
        return self.index.complete_dense(on_embed, batch=batch)

    def remove(self, doc_ids: Iterable[str]) -> IngestReport:
        return self.index.remove(list(doc_ids))

    def documents(self) -> list[StoredDocument]:
        return sorted(self.index.documents(), key=lambda d: d.meta.doc_id)

    def document(self, doc_id: str) -> StoredDocument:
        return self.index.document(doc_id)

    def show(self, doc_id: str, max_depth: int | None = None) -> str:
        """The section tree of a document, one heading per line."""
        doc = self.index.document(doc_id)
        return format_tree(parse_sections(doc.text.display), max_depth=max_depth)

    # -- questions -----------------------------------------------------------------------

    def analyse(
        self, question: str, history: list[Turn] | None = None
    ) -> tuple[QueryAnalysis, list[str] | None]:
        """The self-contained, analysed question and any document scope carried from history."""
        if not question or not question.strip():
            raise EmptyQuestionError("问题不能为空 (the question is empty)")
        resolved = resolve(question, history, self.index.documents())
        # The analysis carries the resolved, self-contained question: that is what gets answered.
        qa = analyse(resolved.question, self.index.documents())
        return qa, resolved.doc_ids

    def retrieve(
        self,
        question: str,
        k: int = 10,
        retriever: RetrieverMode = "hybrid",
        history: list[Turn] | None = None,
        doc_ids: list[str] | None = None,
    ) -> list[Passage]:
        qa, scope = self.analyse(question, history)
        return self.retriever.retrieve(qa, k=k, doc_ids=doc_ids or scope, mode=retriever)

    def ask(
        self,
        question: str,
        history: list[Turn] | None = None,
        regions: list[str] | None = None,
        doc_ids: list[str] | None = None,
        retriever: RetrieverMode = "hybrid",
        k: int = 8,
        mode: Mode = "extractive",
    ) -> Answer:
        """Answer a question from the documents, with a citation for every sentence.

        ``regions`` (e.g. ["安徽"]) and ``doc_ids`` restrict the search; ``history`` holds earlier
        turns as ``{"role": "user"|"assistant", "content": …}`` for follow-up questions.
        """
        t0 = time.perf_counter()
        qa, scope = self.analyse(question if not regions else f"{'、'.join(regions)} {question}", history)
        t1 = time.perf_counter()
        passages = self.retriever.retrieve(qa, k=k, doc_ids=doc_ids or scope, mode=retriever)
        t2 = time.perf_counter()
        answer = self.answerer.answer(qa, passages, self.index.document)
        if mode == "llm":
            # The LLM rewrites from the same passages; it falls back to the extractive answer
            # (with a notice) when it is unreachable or its output fails verification.
            answer = self.llm_answerer.answer(qa, passages, self.index.document, fallback=answer)
        t3 = time.perf_counter()
        answer.question = question
        answer.resolved_question = qa.search
        answer.regions = qa.regions + qa.missing_regions
        answer.timings.update(analyse=t1 - t0, retrieve=t2 - t1, answer=t3 - t2, total=t3 - t0)
        return answer

    def ask_stream(self, question: str, **kwargs: Any) -> Iterator[str | Answer]:
        """Yield the answer text in pieces (sentence by sentence), then the complete :class:`Answer`."""
        answer = self.ask(question, **kwargs)
        yield from _sentences(answer.text)
        yield answer

    @property
    def llm_answerer(self) -> Any:
        if self._llm_answerer is None:
            from assistant.answer.llm import LLMAnswerer

            self._llm_answerer = LLMAnswerer.from_settings(self.settings)
        return self._llm_answerer

    @property
    def answerer(self) -> Any:
        if self._answerer is None:
            from assistant.answer.extractive import ExtractiveAnswerer

            self._answerer = ExtractiveAnswerer()
        return self._answerer

    # -- comparison, indicators and citations (issue 5) ----------------------------------

    @property
    def comparer(self) -> Comparer:
        """The :class:`assistant.compare.Comparer` over this assistant's index."""
        comparer: Comparer | None = getattr(self, "_comparer", None)
        if comparer is None:
            comparer = Comparer(self.retriever, self.documents, self.index.document)
            self._comparer = comparer
        return comparer

    def compare(
        self, topic: str, regions: list[str] | None = None, docs: list[str] | None = None
    ) -> Comparison:
        """Compare what each region (or document) requires on ``topic``: a
        :class:`assistant.compare.Comparison` with one row per scope, each retrieved within its own
        scope. ``regions`` are place names ("安徽", "河南省 济源市", "北京"); ``docs`` doc ids; with
        neither, the regions named in ``topic`` or else every province plus 全国."""

        if not docs and not regions:
            qa = analyse(topic, self.index.documents())
            if len(qa.regions) + len(qa.missing_regions) >= 1:
                regions = qa.regions + qa.missing_regions
                topic = topic_from_question(topic)
        return self.comparer.compare(topic, regions=regions, docs=docs)

    def compare_question(self, question: str, history: list[Turn] | None = None) -> Comparison | None:
        """A :class:`assistant.compare.Comparison` when a chat question asks to compare regions
        ("安徽和济源在秸秆禁烧方面的要求有何不同？", "各地扬尘污染防治规定有何不同"), else ``None``
        (then call :meth:`ask`). Render it with ``comparison.to_markdown()``."""

        qa, _scope = self.analyse(question, history)
        named = qa.regions + qa.missing_regions
        if not qa.is_comparison:
            return None
        topic = topic_from_question(qa.question)
        if len(named) >= 2:
            result = self.comparer.compare(topic, regions=named, question=question)
        elif len(qa.doc_ids) >= 2:
            result = self.comparer.compare(topic, docs=qa.doc_ids, question=question)
        elif not named and is_comparison_question(qa.search):
            result = self.comparer.compare(topic, question=question)
        else:
            return None
        return result

    def indicators(self, indicator: str | None = None, region: str | None = None) -> list[Indicator]:
        """Every quantitative target of the library (:class:`assistant.indicators.Indicator`),
        optionally only one indicator (any spelling: "PM2.5", "细颗粒物") and/or one region."""

        docs = self.index.documents()
        key = tuple(sorted((d.meta.doc_id, d.content_hash) for d in docs))
        cached = getattr(self, "_indicators", None)
        if cached is None or cached[0] != key:
            cached = (key, extract_all(docs))
            self._indicators = cached
        return filter_indicators(cached[1], indicator=indicator, region=region)

    def cite(
        self,
        doc_id: str,
        section: str | None = None,
        quote: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> SourceCitation:
        """A report citation (:class:`assistant.citations.SourceCitation`) of a document: a span
        (``start``/``end``), a verbatim ``quote`` (either script), a ``section`` ("三.（三）.1",
        "第三部分（三）第1项", "第十二条") or the document's opening."""

        doc = self.index.document(doc_id)
        if start is not None and end is not None:
            return cite_span(doc, start, end)
        return cite(doc, section=section, quote=quote)

    def cite_answer(self, answer: Answer) -> list[SourceCitation]:
        """Report citations for every citation of an answer, in marker order."""

        return [
            from_citation(c, self.index.document(c.doc_id))
            for c in sorted(answer.citations, key=lambda c: c.marker)
        ]

    def cite_passage(self, passage: Passage) -> SourceCitation:
        """A report citation for a retrieved passage (shown beside an answer)."""

        return from_passage(passage, self.index.document(passage.chunk.doc_id))

    def new_basket(self, title: str = "政策文件引用") -> CitationBasket:
        """An empty :class:`assistant.citations.CitationBasket` (add answers/citations, export)."""

        return CitationBasket(title=title)


def _sentences(text: str) -> list[str]:
    import re

    return [p for p in re.split(r"(?<=[。；！？\n])", text) if p]
