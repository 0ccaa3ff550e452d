"""Hybrid retrieval: dense (Chroma through langchain-chroma) + Chinese BM25, fused by reciprocal rank.

Dense retrieval finds paraphrases; BM25 finds exact indicator names, figures and 文号, where the
multilingual model is weak. Reciprocal-rank fusion needs no score calibration between the two.
Scope (a region's or a document's chunks) is applied inside each retriever, never after fusion,
so a small region is not crowded out by a big one.

:class:`HybridRetriever` is a LangChain ``BaseRetriever``: ``retriever.invoke("问题")`` returns
LangChain documents (with our :class:`Passage` in ``metadata["passage"]``) and composes with LCEL.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from typing import Any, Literal

import httpx
import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.catalog import asked_records, is_list_question, list_documents, record_of
from assistant.embeddings.base import Embedder
from assistant.index.bm25 import join_glued_tails, known_word, said_whole, tokenize
from assistant.index.docstore import StoredDocument
from assistant.index.index import Index
from assistant.intent import (
    ASKED_DURATION,
    ASKED_LISTED,
    ASKED_PERIOD,
    ASKS_WHETHER,
    EFFECTIVE_CLAUSE,
    QUESTION_WORD,
    TIME_LIMIT,
    announcing,
    asks_effective,
    asks_who,
)
from assistant.lru import LRU
from assistant.query import for_region, names_feature_elsewhere, scoped_query
from assistant.schema import Chunk, Passage, QueryAnalysis
from assistant.sentences import ENUMERATION_LEAD_IN
from assistant.vocab import (
    definition_pattern,
    penalty_answer_pattern,
    question_words,
    sanction_list_pattern,
    sanction_pattern,
    vocabulary,
)

log = logging.getLogger(__name__)

RetrieverMode = Literal["hybrid", "dense", "bm25"]
RRF_K = 60
# Words the answer to a kind of question is written with, though the question rarely uses them:
# "怎么罚" is answered by an article with "罚款", in the 法律责任 chapter.
INTENT_EXPANSION: dict[str, str] = {"penalty": "罚款"}
# A synonym the library uses this many times as often as the question's word is searched too.
SPELLING_RATIO = 4
# An everyday phrase this long the library never writes is searched by its provisions' words
COINED_CHARS = 3
# A scoped vector search asks an unfiltered query for more ids and keeps the scope's, from this
# many vectors on (below it a filtered query is fast), and asks for at most this many ids.
OVERFETCH_FROM = 50_000
OVERFETCH_MAX = 4_000
# A record question's preamble lines are read from at most this many of the documents it names.
RECORD_DOCS = 3
# a record question whose best passages are all of one document asks about that document
RECORD_TOP = 3
# Query embeddings kept (a few kilobytes each): the searches of the questions being answered.
QUERY_VECTORS_KEPT = 256
# one thread at a time computes marks: two that read the library at once (after a write, ten users)
# each paid the read, and the one that stored its marks last dropped the other's
_MARK_LOCK = threading.Lock()


def _written(word: str, query: str) -> bool:
    """Whether ``word`` stands in the query as a word, not as the half of an A-not-A question
    ("能不能" asks whether; it does not say "不能")."""
    return any(
        not (word.startswith("不") and query[max(0, i - len(word) + 1) : i] == word[1:])
        for i in (m.start() for m in re.finditer(re.escape(word), query))
    )


def asks_period(analysis: QueryAnalysis) -> bool:
    """Whether the question asks how long ("多少天内", "几个工作日", "多长时间")."""
    return analysis.intent == "deadline" and bool(
        ASKED_PERIOD.search(analysis.search) or ASKED_DURATION.search(analysis.search)
    )


def answer_marks(analysis: QueryAnalysis) -> re.Pattern[str] | None:
    """The pattern chunks able to answer this question must contain, if its intent has one.

    Such chunks get a BM25 ranking of their own, fused with the main one: a regulation's duty
    articles repeat the question's words ("分类投放"), its penalty article says them once, next
    to the fine. The patterns are the answerer's own cues, so retrieval and answer agree.
    """
    if analysis.intent == "penalty":
        # (whether a breach is punished at all may be answered by the clause that waives it, and
        # who punishes by the one that assigns the power)
        asked = asks_who(analysis.search) or ASKS_WHETHER.search(analysis.search)
        return penalty_answer_pattern() if asked else sanction_pattern()
    if analysis.intent == "definition":
        return definition_pattern()
    if asks_effective(analysis.search) and analysis.intent in ("deadline", "general"):
        return EFFECTIVE_CLAUSE
    return None


class LangChainEmbeddings(Embeddings):
    """Our :class:`Embedder` seen as LangChain ``Embeddings``."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, v)) for v in self.embedder.embed_documents(texts)]

    def embed_query(self, text: str) -> list[float]:
        return list(map(float, self.embedder.embed_query(text)))


def rrf(rankings: list[list[str]], weights: list[float] | None = None, k: int = RRF_K) -> dict[str, float]:
    """Weighted reciprocal-rank fusion: sum over lists of weight / (k + rank)."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[str, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        for rank, cid in enumerate(ranking, start=1):
            fused[cid] = fused.get(cid, 0.0) + w / (k + rank)
    return fused


# Weight of the ranking of a province's own documents' keyword hits, fused beside the others when
# a question is scoped to a whole province (its regulation applies throughout; a city's, in one city).
PROVINCIAL_WEIGHT = 0.25
# A "哪些" question also fuses a keyword ranking of the enumeration lead-ins ("禁止下列活动：") of
# the documents its first LIST_TOP chunks come from, at LIST_WEIGHT of the main ranking. Measured
# on the eight dev sets (2026-12-03): weight 1.0 +5 answers −2, 0.5 the same answers, 2.0 one
# fewer; over every lead-in of the library instead of the top documents' (weight 1.0 in the
# seventh session, 0.5 in the eighth) +5 −5, other documents' enumerations taking the first places.
LIST_WEIGHT = 1.0
# A "多少天内" question fuses the time limits of those documents the same way (2026-12-04, at
# weight 1.0 over every time limit of the library instead: four questions of the dev sets answered
# by another document's period, "…七个工作日内作出…决定" of a waste rule for a tree permit).
# The fused score kept by a passage of a regulation titled by a place the question does not name.
PLACE_ELSEWHERE_DISCOUNT = 0.5
LIST_TOP = 3


class HybridRetriever(BaseRetriever):
    """Dense + BM25 retrieval over an :class:`Index`, optionally scoped to documents."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Index
    k: int = 8
    mode: RetrieverMode = "hybrid"
    candidates: int = 40  # per retriever, before fusion
    # Measured on the eval set (167 answerable questions, whole corpus). First design (one query,
    # no scoping): MRR bm25 0.77, dense 0.45, equal-weight RRF 0.60, dense weight 0.1 → 0.73.
    # With scoped queries and answer-marked rankings: MRR dense weight 0 (bm25 alone) 0.951,
    # 0.05 → 0.943, 0.1 → 0.935, 0.2 → 0.917; Hit@5 0.982 / 0.988 / 0.982 / 0.988; accuracy
    # 0.868 / 0.868 / 0.862 / 0.862. 0.05 keeps BM25's ranking and the paraphrases dense finds.
    # USE-multilingual is weak on these texts, so dense only breaks ties and adds recall below
    # BM25's candidates. Revisit with a Chinese embedder (bge/m3e), where the balance should shift.
    dense_weight: float = 0.05
    bm25_weight: float = 1.0

    def _vectorstore(self) -> Any:
        from langchain_chroma import Chroma

        store = getattr(self, "_store", None)
        if store is None:
            store = Chroma(
                client=self.index.client,
                collection_name=self.index.settings.collection,
                embedding_function=LangChainEmbeddings(self.index.embedder),
                create_collection_if_not_exists=False,
            )
            object.__setattr__(self, "_store", store)
        return store

    def search(
        self,
        query: str,
        k: int | None = None,
        doc_ids: list[str] | None = None,
        mode: RetrieverMode | None = None,
        marks: re.Pattern[str] | None = None,
        exclude: frozenset[str] = frozenset(),
        lists: bool = False,
        periods: bool = False,
    ) -> list[Passage]:
        """Top ``k`` passages for ``query`` (Simplified search form), within ``doc_ids`` if given.

        ``marks``: chunks matching it are also ranked among themselves, and that ranking is fused.
        ``exclude``: documents left out (texts no longer in force), dropped from every ranking.
        ``lists``: a question asking which things, whose documents' enumerations are ranked too.
        ``periods``: a question asking how long, whose documents' time limits are ranked too.
        """
        k = k or self.k
        mode = mode or self.mode
        # the scope is applied by SQL and by Chroma; chunk objects are built only for the k returned
        if doc_ids is not None and not doc_ids:
            return []
        dense: list[tuple[str, float]] = []
        sparse: list[tuple[str, float]] = []
        # a scope that is one province's or city's documents is filtered by one field
        region = self.index.region_scope(doc_ids) if doc_ids is not None else None
        keyword_scope = self.index.keyword_scope(region) if region is not None else None
        keyword_docs = doc_ids if keyword_scope is None else None
        if mode in ("hybrid", "dense"):
            dense = self._dense(query, doc_ids, region)
        if mode in ("hybrid", "bm25"):
            sparse = self.index.bm25.search(
                self.keyword_query(query), self.candidates, doc_ids=keyword_docs, scope=keyword_scope
            )
        if exclude:
            owner = self.index.doc_ids_of([c for c, _ in dense] + [c for c, _ in sparse])
            dense = [(c, s) for c, s in dense if c in owner and owner[c] not in exclude]
            sparse = [(c, s) for c, s in sparse if c in owner and owner[c] not in exclude]
        rankings = [[c for c, _ in dense], [c for c, _ in sparse]]
        weights = [self.dense_weight, self.bm25_weight]
        if marks is not None and mode in ("hybrid", "bm25"):
            marked = self._marked(marks)
            if marked:
                rankings.append(self._keywords(query, exclude, marked, keyword_docs, keyword_scope))
                weights.append(self.bm25_weight)
        own = self._provincial(doc_ids, region) if mode in ("hybrid", "bm25") else None
        if own is not None:
            # (the province's scope column first: FTS5 walks only its rows, then the join keeps
            # its own documents')
            rankings.append(self._keywords(query, exclude, None, own, keyword_scope))
            weights.append(self.bm25_weight * PROVINCIAL_WEIGHT)
        fused = rrf(rankings, weights)
        elsewhere = self._discount_places_elsewhere(query, fused, province_wide=own is not None)
        if lists and mode in ("hybrid", "bm25") and fused:
            # (a sanction's list of offences, "有下列行为之一的，…处…罚款：", answers no 哪些 duty)
            asked = ASKED_LISTED.search(query)
            self._fuse_top_documents(
                query,
                fused,
                exclude,
                elsewhere,
                ENUMERATION_LEAD_IN,
                sanction_list_pattern(),
                first=announcing(asked.group(1)) if asked else None,
            )
        if periods and mode in ("hybrid", "bm25") and fused:
            self._fuse_top_documents(query, fused, exclude, elsewhere, TIME_LIMIT)
        dense_by, sparse_by = dict(dense), dict(sparse)
        ranked = sorted(fused.items(), key=lambda t: -t[1])[:k]
        chunks = self.index.get_chunks(cid for cid, _ in ranked)
        return [
            Passage(
                chunk=chunks[cid],
                score=score,
                rank=i,
                dense_score=dense_by.get(cid),
                bm25_score=sparse_by.get(cid),
            )
            for i, (cid, score) in enumerate(ranked, start=1)
            if cid in chunks
        ]

    def _discount_places_elsewhere(
        self, query: str, fused: dict[str, float], province_wide: bool
    ) -> frozenset[str]:
        """Rank below the rest the passages of a regulation that holds in one place the question
        does not name: one titled by a named reservoir or river (see
        :func:`names_feature_elsewhere`), and, for a question about a whole province, a city's.
        Such a regulation repeats the words of the general one that answers. Returns those
        documents' ids."""
        docs = self.index.docstore.all()
        owner = self.index.doc_ids_of(list(fused))
        elsewhere = {
            d: names_feature_elsewhere(docs[d].meta, query)
            or (province_wide and docs[d].meta.city is not None)
            for d in set(owner.values())
            if d in docs
        }
        for cid, d in owner.items():
            if elsewhere.get(d):
                fused[cid] *= PLACE_ELSEWHERE_DISCOUNT
        return frozenset(d for d, e in elsewhere.items() if e)

    def _fuse_top_documents(
        self,
        query: str,
        fused: dict[str, float],
        exclude: frozenset[str],
        elsewhere: frozenset[str],
        marks: re.Pattern[str],
        unless: re.Pattern[str] | None = None,
        first: re.Pattern[str] | None = None,
    ) -> None:
        """Fuse the keyword ranking of the chunks matching ``marks`` (not ``unless``) in the
        documents ranked first. For a "哪些" question, their enumerations: a lead-in chunk is as
        long as its items, and BM25's length normalisation puts it below short articles of the
        same document that share the question's words. For a "多少天内" question, their time
        limits: the articles that repeat the act's words ("已经登记上牌的…") outnumber the one
        that sets its period ("自购买之日起十五个工作日内…申请登记"). Only the first documents'
        chunks: any document's time limit would answer for another's act. ``first``: the chunks
        it matches lead the ranking (the lead-in that announces the very thing asked, "哪些时间…"
        → "下列时间内，…不得燃放…："; the document's others list other things)."""
        top = [c for c, _ in sorted(fused.items(), key=lambda t: -t[1])[:LIST_TOP]]
        owners = list(dict.fromkeys(self.index.doc_ids_of(top).values()))
        # (the lead-ins of those documents only: the library's thousands would be sent to SQL; the
        # set operations walk the documents' few chunks, not the library-wide marks)
        own = self.index.scope_chunk_ids(owners) if owners else set()
        marked = own & self._marked(marks)
        if unless is not None:
            marked -= self._marked(unless)
        if not marked:
            return
        ranked = self._keywords(query, exclude, marked, None, None)
        if first is not None:
            texts = self.index.get_chunks(ranked)
            ranked.sort(key=lambda cid: cid not in texts or not first.search(texts[cid].search_text))
        owner = self.index.doc_ids_of(ranked) if elsewhere else {}
        for rank, cid in enumerate(ranked, start=1):
            weight = PLACE_ELSEWHERE_DISCOUNT if owner.get(cid) in elsewhere else 1.0
            fused[cid] = fused.get(cid, 0.0) + weight * self.bm25_weight * LIST_WEIGHT / (RRF_K + rank)

    def _keywords(
        self,
        query: str,
        exclude: frozenset[str],
        allowed: set[str] | None,
        doc_ids: list[str] | None,
        scope: str | None,
    ) -> list[str]:
        """A further keyword ranking fused beside the main ones, without ``exclude``d documents."""
        hits = self.index.bm25.search(self.keyword_query(query), self.candidates, allowed, doc_ids, scope)
        owner = self.index.doc_ids_of(c for c, _ in hits) if exclude else {}
        return [c for c, _ in hits if owner.get(c) not in exclude]

    def _provincial(
        self, doc_ids: list[str] | None, region: tuple[str, str | None] | None
    ) -> list[str] | None:
        """A scope that is a whole province's documents: its own provincial documents, which
        a question about the province prefers to its cities' (None for any other scope)."""
        if region is None or region[1] is not None or not doc_ids:
            return None
        docs = self.index.docstore.all()
        own = [i for i in doc_ids if i in docs and docs[i].meta.city is None]
        return own if own and len(own) < len(doc_ids) else None

    def warm(self) -> None:
        """Mark the chunks each kind of question needs (a whole-library read that the first
        penalty, definition or start-date question would otherwise wait for), in one pass."""
        self._mark(
            [
                sanction_pattern(),
                sanction_list_pattern(),
                definition_pattern(),
                EFFECTIVE_CLAUSE,
                ENUMERATION_LEAD_IN,
                TIME_LIMIT,
            ]
        )

    def _marked(self, marks: re.Pattern[str]) -> set[str]:
        """Ids of the chunks matching ``marks`` (cached until the index changes; read only)."""
        return self._mark([marks])[marks.pattern]

    def _mark(self, patterns: list[re.Pattern[str]]) -> dict[str, set[str]]:
        """The cache of marked chunk ids by pattern, with ``patterns`` computed in one read of
        the documents (one at a time: only the ids are kept); a write starts a new cache.

        What each document version marks is kept across writes (keyed by id, content hash and
        pipeline version): rebuilding after an upload reads only the documents it added, not the
        whole library again (2.3 s on 300 documents, paid by a question; eval/reports/load.md).
        """
        docs = self.index.docstore.all()  # a new map after every write
        held: tuple[object, dict[str, set[str]]] | None = getattr(self, "_marks_cache", None)
        if held is not None and held[0] is docs and all(p.pattern in held[1] for p in patterns):
            return held[1]
        with _MARK_LOCK:
            return self._mark_all(docs, patterns)

    def _mark_all(
        self, docs: dict[str, StoredDocument], patterns: list[re.Pattern[str]]
    ) -> dict[str, set[str]]:
        """:meth:`_mark`'s work, under ``_MARK_LOCK``."""
        held: tuple[object, dict[str, set[str]]] | None = getattr(self, "_marks_cache", None)
        if held is None or held[0] is not docs:
            held = (docs, {})
            object.__setattr__(self, "_marks_cache", held)
        cache = held[1]
        todo = [p for p in patterns if p.pattern not in cache]
        if todo:
            by_doc: dict[tuple[str, str, str], dict[str, frozenset[str]]] = getattr(self, "_marks_by_doc", {})
            kept: dict[tuple[str, str, str], dict[str, frozenset[str]]] = {}
            found: dict[str, set[str]] = {p.pattern: set() for p in todo}
            for d in docs.values():
                key = (d.meta.doc_id, d.content_hash, d.pipeline_version)
                marks = kept[key] = dict(by_doc.get(key, {}))
                missing = [p for p in todo if p.pattern not in marks]
                if missing:
                    chunks = d.chunks
                    for p in missing:
                        marks[p.pattern] = frozenset(c.chunk_id for c in chunks if p.search(c.search_text))
                for p in todo:
                    found[p.pattern] |= marks[p.pattern]
            object.__setattr__(self, "_marks_by_doc", kept)  # documents no longer held are dropped
            cache.update(found)
        return cache

    def _stored_vectors(self) -> int:
        """How many vectors Chroma holds, or :attr:`candidates` when it holds at least as many.

        The count only bounds a query's ``k`` (and says whether there is anything to query);
        asked per search it was a tenth of a comparison's time. Once it reaches the candidates it
        no longer changes the query, and only a removal (a write: a new document map) can bring
        it back below; below that, it is asked every time (vectors still being embedded).
        """
        docs = self.index.docstore.all()
        if getattr(self, "_enough_vectors", None) is docs:
            return self.candidates
        stored = self.index.dense.count()
        if stored >= self.candidates:
            object.__setattr__(self, "_enough_vectors", docs)
        return stored

    def keyword_query(self, query: str) -> str:
        """The query with the library's usual spelling of a word it asks in a way the library
        rarely uses: a word of a synonym group (房子, 不准) brings the group's words the library
        uses at least ``SPELLING_RATIO`` times as often (房屋, 不得), so the keyword search finds
        provisions written in the documents' words. A word the library itself uses keeps the
        query as it is ("禁止" does not bring "不得", which would rank every duty with 不得 up;
        "罚款" does not bring the rare "罚金"). An everyday word the question stands on as a word
        ("丢", "遛狗") brings the provisions' words for it (丢失, 携犬) the same way, one way only."""
        extra: list[str] = []
        words = set(tokenize(query))
        # a word the segmenter made up with the particle after it ("养犬要"): the word itself
        particles = question_words().particles
        extra += [w[:-1] for w in words if len(w) >= 3 and w[-1] in particles and not known_word(w)]
        # (or a character of the word glued to the particle after it: "防火" "期从" of "防火期从哪天")
        extra += [
            w
            for w in join_glued_tails(tokenize(query), particles, known_word)
            if w not in words and not QUESTION_WORD.search(w)
        ]
        for say, means in vocabulary().colloquial:
            # (a phrase the segmenter cuts up, "不用花钱", is found as written)
            # (and a two-character one the segmenter cuts into characters, "刚买" of "刚买了辆车")
            held = [
                w
                for w in say
                if w in words or (len(w) >= 3 and w in query) or (len(w) == 2 and said_whole(w, query))
            ]
            if held:
                # (a phrase of the asker's the library never writes, "僵尸车", brings any of the
                # provisions' words; a common word, "养鸡", only the ones the library uses often)
                most = max(self._frequency(w) for w in held)
                coined = most == 0 and all(len(w) >= COINED_CHARS for w in held)
                extra += [
                    m
                    for m in means
                    if m not in query
                    and self._frequency(m) >= (1 if coined else SPELLING_RATIO * max(most, 1))
                ]
        for group in vocabulary().synonyms:
            held = [w for w in group if len(w) >= 2 and _written(w, query)]
            if not held:
                continue
            most = max(self._frequency(w) for w in held)
            extra += [
                a
                for a in group
                if len(a) >= 2 and a not in query and self._frequency(a) >= SPELLING_RATIO * max(most, 1)
            ]
        return f"{query} {' '.join(extra)}" if extra else query

    def _frequency(self, word: str) -> int:
        """Chunks holding ``word``, kept until the library changes (a write: a new document map)."""
        docs = self.index.docstore.all()
        held: tuple[object, dict[str, int]] | None = getattr(self, "_frequencies", None)
        if held is None or held[0] is not docs:
            held = (docs, {})
            object.__setattr__(self, "_frequencies", held)
        counts = held[1]
        if word not in counts:
            counts[word] = self.index.bm25.document_frequency(word)
        return counts[word]

    def _query_vector(self, query: str) -> list[float]:
        """The query's embedding, kept for the latest queries: a comparison searches every
        region with the same topic, and a multi-part question repeats its parts' words."""
        held: LRU[str, list[float]] | None = getattr(self, "_vectors", None)
        if held is None:
            held = LRU(QUERY_VECTORS_KEPT)
            object.__setattr__(self, "_vectors", held)
        vector = held.get(query)
        if vector is None:
            vector = [float(x) for x in self.index.embedder.embed_query(query)]
            held.put(query, vector)
        return vector

    def _dense(
        self, query: str, doc_ids: list[str] | None, region: tuple[str, str | None] | None = None
    ) -> list[tuple[str, float]]:
        try:
            stored = self._stored_vectors()
            if stored == 0:
                return []
            vector = self._query_vector(query)
            if doc_ids is not None and self.index.bm25.rows() >= OVERFETCH_FROM:
                found = self._overfetched(vector, doc_ids)
                if found is not None:
                    return found
            where: dict[str, Any] | None = None
            if doc_ids is not None:
                if region is not None and region[1] is None:
                    where = {"doc_province": region[0]}
                elif region is not None:
                    where = {"$and": [{"doc_province": region[0]}, {"doc_city": region[1]}]}
                elif len(doc_ids) == 1:
                    where = {"doc_id": doc_ids[0]}
                else:
                    where = {"doc_id": {"$in": list(doc_ids)}}
            hits = self._vectorstore().similarity_search_by_vector_with_relevance_scores(
                vector, k=min(self.candidates, stored), filter=where
            )
        except httpx.TransportError as e:
            # a Chroma server that is down or restarting: answer from the keyword index, as while
            # vectors are still being built, rather than fail the question
            log.warning("vector search unavailable, answering from keywords only: %s", e)
            return []
        # langchain-chroma returns the raw cosine distance; turn it into a similarity.
        return [(str(doc.id), 1.0 - float(dist)) for doc, dist in hits]

    def _overfetched(self, vector: list[float], doc_ids: list[str]) -> list[tuple[str, float]] | None:
        """The scope's best ``candidates`` vectors from an unfiltered query for more, or None when
        the scope is too small a share of the library for that (or too few of its vectors came).

        A metadata-filtered Chroma query scores the scope's rows outside the HNSW graph: at 1M
        vectors one province (5 %) took 0.6–0.8 s, an unfiltered query for 1,600 ids 26 ms
        (2026-12-02, 2 cores). Expecting the scope's share of the hits, twice the candidates
        are asked for; the owners are looked up in SQL."""
        share = len(doc_ids) / max(len(self.index.docstore.all()), 1)
        n = math.ceil(2 * self.candidates / max(share, 1e-9))
        if n > OVERFETCH_MAX:
            return None
        everything = n >= self.index.bm25.rows()  # then the scope's hits are all there
        hits = self.index.dense.query(np.asarray(vector, dtype=np.float32), k=n)
        owner = self.index.doc_ids_of(c for c, _ in hits)
        scope = set(doc_ids)
        kept = [(c, s) for c, s in hits if owner.get(c) in scope]
        return kept[: self.candidates] if len(kept) >= self.candidates or everything else None

    def retrieve(
        self,
        analysis: QueryAnalysis,
        k: int | None = None,
        doc_ids: list[str] | None = None,
        mode: RetrieverMode | None = None,
        exclude: frozenset[str] = frozenset(),
    ) -> list[Passage]:
        """Passages for an analysed question: one quota per region when it names several;
        ``exclude``d documents (texts no longer in force) never answer."""
        k = k or self.k
        if doc_ids is None and is_list_question(analysis.search):
            listed = self._listed(analysis, exclude, k)
            if listed:
                return listed
        if doc_ids is None and len(analysis.regions) < 2:
            doc_ids = analysis.doc_ids or None
        docs = self.index.documents

        expansion = INTENT_EXPANSION.get(analysis.intent, "")
        marks = answer_marks(analysis)
        # (a question asking which things; "有什么要求" may be answered by one provision)
        lists = analysis.intent == "list" and any(w in analysis.search for w in vocabulary().enumeration_asks)
        periods = asks_period(analysis)

        def query(scope: list[str] | None, search: str = analysis.search) -> str:
            text = scoped_query(search, scope, docs()) if scope is not None else search
            return f"{text} {expansion}" if expansion else text

        if doc_ids is not None:
            found = self.search(query(doc_ids), k, doc_ids, mode, marks, exclude, lists, periods)
            return self._records_first(analysis.search, doc_ids, found, k)
        if len(analysis.regions) >= 2:
            # each region is answered on its own (see ExtractiveAnswerer), from as many passages
            # as a question about that region alone
            out: list[Passage] = []
            for label in analysis.regions:
                # the question asked of this region alone: without the other regions' names, in
                # the documents it names there ("…和某省实施某法办法") or else all of the region's
                own = for_region(analysis, label, docs())
                scope = own.doc_ids or own.region_doc_ids[label]
                found = self.search(query(scope, own.search), k, scope, mode, marks, exclude, lists, periods)
                for p in self._records_first(own.search, own.doc_ids, found, k) if own.doc_ids else found:
                    p.region_label = label
                    out.append(p)
            return out
        if len(analysis.regions) == 1:
            label = analysis.regions[0]
            scope = analysis.region_doc_ids[label]
            passages = self._records_of_one(
                analysis.search, self.search(query(scope), k, scope, mode, marks, exclude, lists, periods), k
            )
            for p in passages:
                p.region_label = label
            return passages
        return self._records_of_one(
            analysis.search, self.search(query(None), k, None, mode, marks, exclude, lists, periods), k
        )

    def _records_of_one(self, search: str, found: list[Passage], k: int) -> list[Passage]:
        """A record question that describes its document instead of naming it ("常委会那份
        关于…的决定是何时通过的"): when the best passages all come from one document, that is the
        document asked about, and its record lines come first (see :meth:`_records_first`)."""
        top = {p.chunk.doc_id for p in found[:RECORD_TOP]}
        if len(top) != 1 or not asked_records(search):
            return found
        return self._records_first(search, list(top), found, k)

    def _listed(self, analysis: QueryAnalysis, exclude: frozenset[str], k: int) -> list[Passage]:
        """A question for which documents the library holds ("某省哪些城市出台过养犬管理
        条例？") is searched in the catalogue, by region, kind, year and title (what the answer
        lists, see :func:`assistant.catalog.list_documents`); its passages are the record lines
        of the documents found, in the catalogue's order. Empty when the catalogue finds none."""
        docs = [d for d in self.index.documents() if d.meta.doc_id not in exclude]
        found = list_documents(analysis, docs, analysis.search)
        out: list[Passage] = []
        for item in found.items:
            chunk = item.doc.chunk_at(item.start)
            if chunk is not None and len(out) < k and all(p.chunk.chunk_id != chunk.chunk_id for p in out):
                out.append(Passage(chunk=chunk, score=1.0 / (len(out) + 1), rank=len(out) + 1))
        return out

    def _records_first(self, search: str, doc_ids: list[str], found: list[Passage], k: int) -> list[Passage]:
        """A question asking a record of the documents it names ("哪次会议通过", "第几次修正",
        "文号") is answered by their preamble, which shares no word with the question beyond the
        title every chunk of the document matches: the chunks holding the asked records come
        first."""
        records = asked_records(search)
        if not records:
            return found
        first: list[Chunk] = []
        for doc_id in doc_ids[:RECORD_DOCS]:
            try:
                doc = self.index.document(doc_id)
            except (KeyError, LookupError):
                continue
            for record in records:
                item = record_of(doc, record)
                chunk = doc.chunk_at(item.start) if item else None
                if chunk is not None and chunk not in first:
                    first.append(chunk)
        if not first:
            return found
        ids = {c.chunk_id for c in first}
        top = max((p.score for p in found), default=0.0)
        out = [Passage(chunk=c, score=top) for c in first]
        out += [p for p in found if p.chunk.chunk_id not in ids]
        for i, p in enumerate(out[:k], start=1):
            p.rank = i
        return out[:k]

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LCDocument]:
        from assistant.query import analyse

        analysis = analyse(query, self.index.documents())
        return [to_langchain(p) for p in self.retrieve(analysis)]


def to_langchain(p: Passage) -> LCDocument:
    c = p.chunk
    return LCDocument(
        id=c.chunk_id,
        page_content=c.text,
        metadata={
            "doc_id": c.doc_id,
            "title": c.meta.title,
            "doc_number": c.meta.doc_number or "",
            "section_path": c.section_path,
            "section_number": c.section_number,
            "score": p.score,
            "rank": p.rank,
            "passage": p,
        },
    )
