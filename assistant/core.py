"""The one core API. The CLI, web app, eval harness and benchmarks all call :class:`Assistant`.

>>> a = Assistant()                        # doctest: +SKIP
>>> report = a.ingest()                    # the bundled corpus/   # doctest: +SKIP
>>> print(a.show("jiyuan-2024-work-points"))                      # doctest: +SKIP
"""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import numpy as np

from assistant import versions
from assistant.answer.cues import FINE, STOPWORDS, search_words
from assistant.answer.extractive import NO_MATCH, NOT_IN_PICK, ExtractiveAnswerer
from assistant.answer.sanctions import sanction_chunks
from assistant.chunking import StructureChunker
from assistant.citations import CitationBasket, SourceCitation, cite, cite_span, from_citation, from_passage
from assistant.compare import Comparer, Comparison, is_comparison_question, topic_from_question
from assistant.config import Settings
from assistant.conversation import Turn, resolve
from assistant.embeddings.base import Embedder
from assistant.errors import EmptyQuestionError, UserInputError
from assistant.index import Index, IngestReport
from assistant.index.docstore import StoredDocument
from assistant.index.health import LibraryHealth, Reconciled
from assistant.indicators import Indicator, extract_all, filter_indicators
from assistant.ingest import worker
from assistant.ingest.loaders import too_large
from assistant.ingest.manifest import doc_id_for, load_manifest, readable_id
from assistant.ingest.pipeline import Prepared, content_hash, discover, pipeline_version, prepare
from assistant.intent import QUESTION_WORD, without_penalty_ask
from assistant.lru import LRU
from assistant.query import analyse, search_form
from assistant.retrieve import HybridRetriever, RetrieverMode
from assistant.route import MAX_QUESTION_CHARS, Response, Router, Scope
from assistant.schema import Answer, Mode, Passage, QueryAnalysis
from assistant.sections import format_tree, parse_sections

__all__ = ["MAX_QUESTION_CHARS", "Assistant", "Response", "Scope"]

FileProgress = Callable[[Path, int, int], None]
# Analyses kept: a question is analysed up to three times while it is answered (a multi-part
# question once more per part); a few dozen cover every question being answered at once.
ANALYSES_KEPT = 64
# A later part of a question read inside the article an earlier part was answered from needs
# this share of the usual bar: the article is already known to be about what is asked.
WITHIN_ARTICLE_RATIO = 0.6


def _shares_a_word(question: str, answer: Answer) -> bool:
    """Whether a quote of ``answer`` holds a word of two or more characters of ``question`` that
    is neither a stopword nor a question word."""
    words = [
        w
        for w in search_words(question)
        if len(w) >= 2 and w not in STOPWORDS and not QUESTION_WORD.search(w)
    ]
    return any(w in search_form(c.quote) for c in answer.citations for w in words)


def _rows_of(vectors: np.ndarray, docs: list[StoredDocument], keep: list[int]) -> np.ndarray:
    """The rows of ``vectors`` (one per chunk of ``docs``, in order) that belong to ``docs[keep]``."""
    starts = np.cumsum([0] + [len(d.chunks) for d in docs])
    rows = [r for j in keep for r in range(starts[j], starts[j + 1])]
    return vectors[rows]


DUTY_HOPS = 3  # the provisions a penalty question's act is found in, whose sanctions are read


class Assistant:
    def __init__(
        self,
        settings: Settings | None = None,
        embedder: Embedder | str | None = None,
        chroma_client: Any | None = None,
        chunker: Any | None = None,
        reconcile: bool = True,
    ) -> None:
        """``reconcile=False`` opens the library without deleting orphan vectors (``check``
        must see the state as it is)."""
        self.settings = settings or Settings.from_env()
        self.index = Index(self.settings, embedder=embedder, client=chroma_client, reconcile=reconcile)
        # the embedder as a spec a worker process can build again (an object passed in cannot be)
        self._embedder_spec = (
            embedder if isinstance(embedder, str) else (self.settings.embedder if embedder is None else None)
        )
        self.chunker = chunker or StructureChunker(
            self.settings.chunk_max_tokens, self.settings.chunk_min_tokens
        )
        self.retriever = HybridRetriever(index=self.index)
        self._answerer: Any | None = None
        self._llm_answerer: Any | None = None
        self._phrases: Any | None = None
        # the latest questions' analyses, for the document map they were made on (see analyse)
        self._analyses: LRU[tuple[Any, ...], tuple[QueryAnalysis, list[str] | None]] = LRU(ANALYSES_KEPT)
        self._analysed_for: object = None

    # -- library -------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[Path | str] | None = None,
        on_file: FileProgress | None = None,
        on_embed: Callable[[int, int], None] | None = None,
        dense: bool = True,
        commit_lock: Callable[[], AbstractContextManager[object]] | None = None,
        replace_older: bool = False,
        readable_ids: bool = False,
        in_worker: bool = False,
    ) -> IngestReport:
        """Index files (default: the bundled corpus). Unchanged files are skipped; changed ones
        replace their old chunks; files that fail are listed in ``report.errors`` and change nothing.

        A new document that is a later version of one in the library (same title and issuer, a
        later date) is offered as its replacement (``report.versions``: the message,
        ``report.older_versions``: the ids); ``replace_older=True`` removes those older versions in
        the same commit. Laws keep their old versions unless asked: they answer "2017年版…".

        ``readable_ids=True`` (uploads, stored under random names) names each new document by its
        date and title (:func:`ingest.manifest.readable_id`) instead of by its file's location.

        Parsing and embedding run without any lock; only the SQL rows and the commit run inside
        ``commit_lock()`` (the web app passes its write lock; the vectors are written to Chroma
        before it), so questions are answered while files import. The caller must not hold it. Under
        the lock the files are checked again against what other writers committed meanwhile.
        ``in_worker=True`` (the web app's uploads) parses the files and embeds and segments the
        chunks in a worker process (:mod:`assistant.ingest.worker`), so that work does not take
        the GIL from the questions being answered meanwhile.
        """
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
        chunker = self.chunker
        # the worker builds its own chunker: only the standard one, by its settings
        parse_in_worker = in_worker and type(chunker) is StructureChunker

        def parse(f: Path, data: bytes, doc_id: str) -> Prepared:
            if parse_in_worker:
                tokens = (chunker.max_tokens, chunker.min_tokens)
                return worker.prepare(f, tokens, corpus_dir, manifest, data, doc_id)
            return prepare(f, chunker, corpus_dir, manifest, data=data, doc_id=doc_id)

        ready: list[Prepared] = []
        seen: dict[str, Path] = {}
        batch_hashes: dict[str, Path] = {}
        for i, f in enumerate(files):
            if on_file:
                on_file(f, i, len(files))
            try:
                size = f.stat().st_size
                if size > self.settings.max_file_bytes:  # refused before it is read
                    raise too_large(f.name, size, self.settings.max_file_bytes)
                data = f.read_bytes()
                digest = content_hash(data)
                doc_id = doc_id_for(f, corpus_dir, manifest, digest)
                if doc_id in seen:
                    raise UserInputError(f"与 {seen[doc_id]} 的文件编号重复 (duplicate doc_id {doc_id})")
                seen[doc_id] = f
                if self._already_held(f, doc_id, digest, version, report):
                    continue
                if digest in batch_hashes:
                    report.duplicates[str(f)] = f"与本批的 {batch_hashes[digest].name} 内容相同，未重复导入"
                    continue
                batch_hashes[digest] = f
                prepared = parse(f, data, doc_id)
                if readable_ids:
                    readable = readable_id(prepared.stored.meta, digest, time.strftime("%Y-%m-%d"))
                    if readable not in seen and self.index.docstore.get(readable) is None:
                        # the id enters every chunk id: prepare again under it (uploads are few)
                        prepared = parse(f, data, readable)
                        seen[readable] = f
                ready.append(prepared)
            except UserInputError as e:
                report.errors[str(f)] = str(e)
            except (OSError, ValueError) as e:
                report.errors[str(f)] = f"无法读取或解析 (cannot read or parse): {e}"
        report.parse_s = time.perf_counter() - t_start
        t_embed = time.perf_counter()
        chunks = [c for p in ready for c in p.stored.chunks]
        if in_worker and self._embedder_spec is not None and chunks:
            vectors, segmented = worker.embed_and_segment(
                self._embedder_spec, [c.embed_text for c in chunks], embed=dense
            )
            words = {c.chunk_id: w for c, w in zip(chunks, segmented, strict=True)}
            if on_embed and dense:
                on_embed(len(chunks), len(chunks))
        else:
            vectors = self.index.embed([p.stored for p in ready], on_embed) if dense and ready else None
            words = self.index.bm25.tokens(chunks)
        report.embed_s += time.perf_counter() - t_embed
        # no other writer of this process from here; ``commit_lock`` (which keeps the questions
        # out) is taken by the index for the SQL rows and the commit alone, after the vectors
        with self.index.writing():
            # another writer may have committed the same files while we parsed and embedded
            keep = [
                j
                for j, p in enumerate(ready)
                if not self._already_held(
                    p.path, p.stored.meta.doc_id, p.stored.content_hash, version, report
                )
            ]
            if vectors is not None and len(keep) < len(ready):
                vectors = _rows_of(vectors, [p.stored for p in ready], keep)
            ready = [ready[j] for j in keep]
            named = versions.by_act_name(self.index.documents()) if ready else {}
            for p in ready:
                existed = self.index.docstore.get(p.stored.meta.doc_id) is not None
                (report.replaced if existed else report.added).append(p.stored.meta.doc_id)
                report.documents += 1
                report.sections += p.sections
                report.chunks += len(p.stored.chunks)
                report.chars += len(p.stored.text.display)
                if not existed and (older := versions.older_versions(p.stored, named)):
                    report.older_versions[str(p.path)] = [d.meta.doc_id for d in older]
                    report.versions[str(p.path)] = versions.replacement_offer(p.stored, older, replace_older)
            outdated = [i for ids in report.older_versions.values() for i in ids] if replace_older else []
            self.index.write(
                [p.stored for p in ready],
                outdated,
                report=report,
                dense=dense,
                vectors=vectors,
                words=words,
                commit_lock=commit_lock,
            )
            report.removed = outdated
        report.total_s = time.perf_counter() - t_start
        return report

    def _already_held(self, f: Path, doc_id: str, digest: str, version: str, report: IngestReport) -> bool:
        """Whether the library already holds this content (as this document, or as another one);
        noted in ``report``."""
        if self.index.is_current(doc_id, digest, version):
            report.unchanged.append(doc_id)
            return True
        same = self.index.document_with_hash(digest)
        if same is not None and same.meta.doc_id != doc_id:
            report.duplicates[str(f)] = (
                f"已存在：《{same.meta.title}》（编号 {same.meta.doc_id}），未重复导入"
            )
            return True
        return False

    def is_indexed(self) -> bool:
        return bool(self.index.documents())

    def dense_status(self) -> tuple[int, int]:
        """(chunks with a vector, all chunks): below 100 % answers come from BM25 alone."""
        return self.index.dense_counts()

    def complete_dense(self, on_embed: Callable[[int, int], None] | None = None, batch: int = 256) -> int:
        """Embed what a ``dense=False`` ingest left out (run it in the background; small batches
        keep the embedder free for questions in between)."""
        return self.index.complete_dense(on_embed, batch=batch)

    def remove(
        self,
        doc_ids: Iterable[str],
        commit_lock: Callable[[], AbstractContextManager[object]] | None = None,
    ) -> IngestReport:
        """Remove documents. ``commit_lock`` (the web app's write lock) is taken for the commit
        only; pass it rather than holding it, so that every writer takes the locks in one order."""
        return self.index.remove(list(doc_ids), commit_lock=commit_lock)

    def health(self) -> LibraryHealth:
        """Whether documents, keyword index and vectors agree (changes nothing)."""
        return self.index.health()

    def repair(self, on_embed: Callable[[int, int], None] | None = None) -> Reconciled:
        """What opening the library does (delete orphan vectors), plus embedding what is pending."""
        return self.index.reconcile(embed=True, progress=on_embed)

    def documents(self) -> list[StoredDocument]:
        return sorted(self.index.documents(), key=lambda d: d.meta.doc_id)

    def statuses(self) -> dict[str, Any]:
        """Legal status and version relations of every document (:mod:`assistant.status`),
        recomputed whenever the library changes."""
        from assistant.status import library_status

        # every write swaps in a new document map (DocStore.all), so its identity says whether
        # the library changed: no per-question pass over every document on the answer path
        current = self.index.docstore.all()
        cached = getattr(self, "_statuses", None)
        if cached is None or cached[0] is not current:
            cached = (current, library_status(list(current.values())))
            self._statuses = cached
        return cached[1]

    def version_pairs(self) -> list[tuple[str, str]]:
        """(older, newer) document ids the library relates: a revision or a repealing act."""
        pairs = []
        for doc_id, s in self.statuses().items():
            pairs += [(doc_id, newer) for newer in (*s.superseded_by, *s.repealed_by)]
        return sorted(pairs)

    def diff(self, a: str, b: str) -> Any:
        """Two versions of an act aligned article by article (:class:`assistant.diff.VersionDiff`)."""
        from assistant.diff import diff_documents

        return diff_documents(self.document(a), self.document(b))

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
        # One question is analysed by the router, by the comparison check and by ``ask``, each
        # the same way: the result is kept for the library it was made on (every write swaps in
        # a new document map), and each caller gets its own copy to change.
        docs = self.index.documents()
        if self._analysed_for is not docs:
            self._analyses.clear()
            self._analysed_for = docs
        # (the map's identity in the key: an analysis finished on the old map after a write is
        # not taken for the new one's)
        key = (id(docs), question, tuple(tuple(sorted(t.items())) for t in history or ()))
        held = self._analyses.get(key)
        if held is None:
            resolved = resolve(question, history, docs)
            # The analysis carries the resolved, self-contained question: that is what gets answered.
            held = (analyse(resolved.question, docs), resolved.doc_ids)
            held[0].borrowed_ask = resolved.borrowed
            held[0].context = search_form(resolved.context) if resolved.context else ""
            self._analyses.put(key, held)
        return copy.deepcopy(held)

    def retrieve(
        self,
        question: str,
        k: int = 10,
        retriever: RetrieverMode = "hybrid",
        history: list[Turn] | None = None,
        doc_ids: list[str] | None = None,
        response: Response | None = None,
    ) -> list[Passage]:
        """The passages ``question`` is answered from, best first: those its route reads (see
        :meth:`assistant.route.Router.passages`), within ``doc_ids`` when given; ``response``: the
        answer already given to it, whose quotes a catalogue answer reads (else it is answered)."""
        return Router(self, Scope(doc_ids=list(doc_ids or [])), retriever=retriever).passages(
            question, history, k, response
        )

    def ask(
        self,
        question: str,
        history: list[Turn] | None = None,
        regions: list[str] | None = None,
        doc_ids: list[str] | None = None,
        retriever: RetrieverMode = "hybrid",
        k: int = 8,
        mode: Mode = "extractive",
        avoid: frozenset[tuple[str, str]] = frozenset(),
    ) -> Answer:
        """Answer a question from the documents, with a citation for every sentence.

        ``regions`` (e.g. ["安徽"]) and ``doc_ids`` restrict the search; ``history`` holds earlier
        turns as ``{"role": "user"|"assistant", "content": …}`` for follow-up questions.
        ``avoid``: (document id, quote) pairs an earlier part of the question was answered with,
        which do not answer this part again (see :class:`assistant.route.Router`).
        """
        t0 = time.perf_counter()
        qa, scope = self.analyse(
            question if not regions else f"{'、'.join(r.replace(' ', '') for r in regions)} {question}",
            history,
        )
        t1 = time.perf_counter()
        # the text in force answers, unless the question or the user picks another version
        statuses = self.statuses()
        vplan = versions.plan(qa, statuses, self.document, doc_ids)

        def read(analysed: QueryAnalysis) -> list[Passage]:
            return self.retriever.retrieve(
                analysed,
                k=k,
                doc_ids=vplan.doc_ids or doc_ids or scope,
                mode=retriever,
                exclude=frozenset(vplan.exclude),
            )

        passages = read(qa)
        t2 = time.perf_counter()

        answerer = self.answerer
        if avoid:
            answerer = copy.copy(self.answerer)
            answerer.avoid = avoid

        def through_duties(row: QueryAnalysis) -> Answer | None:
            found = self._through_duties(row, read, answerer)
            return found[1] if found else None

        answer = answerer.answer(qa, passages, self.index.document, reread=through_duties)
        if answer.abstained and qa.borrowed_ask and qa.borrowed_ask in qa.search:
            # a follow-up that took the previous ask ("会怎么处罚") for a new matter (felling a tree
            # in an emergency before approval): where nothing sanctions it, a provision may settle it
            plain = analyse(qa.search.replace(qa.borrowed_ask, "").strip(), self.index.documents())
            found = read(plain)
            retried = answerer.answer(plain, found, self.index.document)
            if not retried.abstained:
                qa, passages, answer = plain, found, retried
        if (
            answer.abstained
            and qa.intent == "penalty"
            and (answer.notice == NO_MATCH or answer.notice.startswith(NOT_IN_PICK))
        ):
            # the sanction may cite its duty by number only, in a document no passage came from
            # ("违反本条例第十一条第五项…规定，…的，由公安机关处警告"): the duty found on the words
            # of the act leads to it
            through = self._through_duties(qa, read, answerer)
            if through is not None:
                passages, answer = through
        if answer.abstained and vplan.lead and qa.doc_ids:
            # the text in force says nothing on it: the repealed text the question names does,
            # and is quoted with the note that it is repealed
            named = versions.VersionPlan(doc_ids=list(qa.doc_ids), asked_version=True)
            found = self.retriever.retrieve(qa, k=k, doc_ids=named.doc_ids, mode=retriever)
            old = answerer.answer(qa, found, self.index.document)
            if not old.abstained:
                passages, answer, vplan = found, old, named
        if mode == "llm":
            # The LLM rewrites from the same passages; it falls back to the extractive answer
            # (with a notice) when it is unreachable or its output fails verification.
            answer = self.llm_answerer.answer(qa, passages, self.index.document, fallback=answer)
        answer = versions.annotate(answer, vplan, statuses, self.document, self._best_in)
        t3 = time.perf_counter()
        answer.question = question
        answer.resolved_question = qa.search
        answer.regions = qa.regions + qa.missing_regions
        answer.timings.update(analyse=t1 - t0, retrieve=t2 - t1, answer=t3 - t2, total=t3 - t0)
        return answer

    def _through_duties(
        self,
        qa: QueryAnalysis,
        read: Callable[[QueryAnalysis], list[Passage]],
        answerer: ExtractiveAnswerer | None = None,
    ) -> tuple[list[Passage], Answer] | None:
        """The answer from the sanctions that cite the provisions a penalty question's act is
        found in (asked without its words for the sanction), or None when none answers."""
        act = analyse(without_penalty_ask(qa.search), self.index.documents())
        duties = [p for p in read(act)[:DUTY_HOPS] if not FINE.search(p.chunk.search_text)]
        chunks = sanction_chunks(duties, self.index.document)
        if not chunks:
            return None
        found = [Passage(chunk=c, score=0.0, rank=i + 1) for i, c in enumerate(chunks)] + duties
        answer = (answerer or self.answerer).answer(qa, found, self.index.document)
        return None if answer.abstained else (found, answer)

    def ask_within(
        self,
        question: str,
        articles: Sequence[tuple[str, str]],
        history: list[Turn] | None = None,
        *,
        ratio: float = WITHIN_ARTICLE_RATIO,
    ) -> Answer:
        """Answer one part of a question from the articles the parts before it were answered from.

        "…商家多久不办算拖延？退货运费谁出？" — the second part shares one word with the provision
        that answers it ("退回商品的运费由消费者承担"), too little for the whole library, but it
        stands in the article the first part was answered from: read there alone, a unit matching
        ``WITHIN_ARTICLE_RATIO`` of the usual bar answers (``ratio``). ``articles``: (document
        id, "第N条").
        """
        qa, _ = self.analyse(question, history)
        wanted = {(d, a) for d, a in articles}
        passages = [
            Passage(chunk=chunk, score=1.0, rank=i + 1)
            for i, chunk in enumerate(
                chunk
                for doc_id in dict.fromkeys(d for d, _ in articles)
                for chunk in self.index.document(doc_id).chunks
                # (a chunk may hold several articles: its parts are numbered each)
                if any(
                    (doc_id, a) in wanted
                    for number in (chunk.section_number, *(p.section_number for p in chunk.parts or []))
                    for a in number.split(".")
                )
            )
        ]
        if not passages:
            return Answer(question=question, text="", citations=[], passages=[], abstained=True)
        within = copy.copy(self.answerer)
        within.min_score *= ratio
        within.widen = False
        answer = within.answer(qa, passages, self.index.document)
        if not answer.abstained and not _shares_a_word(qa.search, answer):
            # (below the usual bar, the answer must at least say one word of the part: "全文一共
            # 多少条" is not answered by the commencement clause beside the earlier answer)
            answer = Answer(question=question, text="", citations=[], passages=[], abstained=True)
        answer.question = question
        answer.resolved_question = qa.search
        return answer

    def respond(
        self,
        question: str,
        history: list[Turn] | None = None,
        scope: Scope | None = None,
        *,
        mode: Mode = "extractive",
        retriever: RetrieverMode = "hybrid",
    ) -> Response:
        """The one entry point the chat, ``policy-assistant ask``, eval and bench call: the
        question routed by what it asks (see :class:`assistant.route.Router`)."""
        return Router(self, scope, mode, retriever).respond(question, history)

    def warm(self) -> None:
        """Load what the first question would otherwise wait for: the embedder, jieba, the BM25
        index, the folded texts behind phrase search and jieba's part-of-speech tags behind short forms."""
        from assistant.answer.cues import pos_tags

        self.respond("预热")
        pos_tags()
        self.phrases.warm(self.index.documents())
        self.retriever.warm()
        self.comparer.warm()

    def _best_in(self, text: str, doc_id: str) -> Passage | None:
        """The passage of one document closest to ``text`` (where an old provision now stands)."""
        found = self.retriever.search(search_form(text), 1, [doc_id])
        return found[0] if found else None

    @property
    def phrases(self) -> Any:
        """The folded-text phrase index behind provenance questions (built lazily, per document)."""
        if self._phrases is None:
            from assistant.provenance import PhraseIndex

            self._phrases = PhraseIndex()
        return self._phrases

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
            comparer = Comparer(self.retriever, self.index.documents, self.index.document)
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
            return self._stamped(cite_span(doc, start, end))
        return self._stamped(cite(doc, section=section, quote=quote))

    def cite_answer(self, answer: Answer) -> list[SourceCitation]:
        """Report citations for every citation of an answer, in marker order."""

        return [
            self._stamped(from_citation(c, self.index.document(c.doc_id)))
            for c in sorted(answer.citations, key=lambda c: c.marker)
        ]

    def cite_passage(self, passage: Passage) -> SourceCitation:
        """A report citation for a retrieved passage (shown beside an answer)."""

        return self._stamped(from_passage(passage, self.index.document(passage.chunk.doc_id)))

    def _stamped(self, sc: SourceCitation) -> SourceCitation:
        """The cited text's legal status on the citation: a report must not quote a repealed
        or revised text as the law in force without saying so."""
        status = self.statuses().get(sc.doc_id)
        sc.status = status.label if status else ""
        return sc

    def new_basket(self, title: str = "政策文件引用") -> CitationBasket:
        """An empty :class:`assistant.citations.CitationBasket` (add answers/citations, export)."""

        return CitationBasket(title=title)


def _sentences(text: str) -> list[str]:

    return [p for p in re.split(r"(?<=[。；！？\n])", text) if p]
