"""A region or document scope applied inside the stores (SQL for keywords, one metadata field for
vectors) keeps exactly the passages, and the order, that the unscoped search gives them."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.core import Assistant
from assistant.index.database import SCHEMA_VERSION
from assistant.retrieve import HybridRetriever

_BODY = """
第一条 为了防治大气污染，保护和改善生态环境，制定本条例。
第二条 本条例适用于本省行政区域内大气污染防治及其监督管理活动。
第三条 县级以上人民政府应当将大气污染防治工作纳入国民经济和社会发展规划。
第四条 违反本条例规定，排放大气污染物超过标准的，由生态环境主管部门责令改正，处十万元以上一百万元以下的罚款。
"""


@pytest.fixture
def twins(tmp_path: Path) -> Assistant:
    """Two provinces' regulations with the same articles: their chunks score exactly alike."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for province in ("河南省", "山东省"):
        (corpus / f"{province}大气污染防治条例.md").write_text(
            f"# {province}大气污染防治条例\n{_BODY}", encoding="utf-8"
        )
    a = Assistant(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), embedder="hash")
    assert len(a.ingest().added) == 2
    return a


def _docs_of(a: Assistant, province: str) -> list[str]:
    return [d.meta.doc_id for d in a.documents() if d.meta.province == province]


def test_scoped_keyword_search_keeps_the_unscoped_order_of_ties(twins: Assistant) -> None:
    a = twins
    henan = _docs_of(a, "河南省")
    assert len(henan) == 1
    hits = a.index.bm25.search("大气污染防治罚款", 50)
    scores = [s for _, s in hits]
    assert len(set(scores)) < len(scores), "the twin chunks must tie"
    rows = dict(a.index.db.reader().execute("SELECT chunk_id, row FROM chunks"))
    for (c1, s1), (c2, s2) in itertools.pairwise(hits):
        assert s1 > s2 or (s1 == s2 and rows[c1] < rows[c2])  # ties in insertion order
    owner = a.index.doc_ids_of(c for c, _ in hits)
    scoped = a.index.bm25.search("大气污染防治罚款", 50, doc_ids=henan)
    assert scoped and scoped == [h for h in hits if owner[h[0]] in henan]
    some = {c for c, _ in hits[::2]}
    assert a.index.bm25.search("大气污染防治罚款", 50, allowed=some) == [h for h in hits if h[0] in some]
    assert a.index.bm25.search("大气污染防治罚款", 50, allowed=some, doc_ids=henan) == [
        h for h in scoped if h[0] in some
    ]
    assert a.index.bm25.search("大气污染防治罚款", 50, doc_ids=[]) == []


def test_a_whole_province_is_one_vector_filter(twins: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    a = twins
    henan, shandong = _docs_of(a, "河南省"), _docs_of(a, "山东省")
    assert a.index.region_scope(henan) == ("河南省", None)
    assert a.index.region_scope([*henan, *shandong]) is None  # two provinces: not one field
    r = HybridRetriever(index=a.index, mode="dense")
    by_field = r.search("大气污染防治", 20, henan)
    assert by_field and {p.chunk.doc_id for p in by_field} == set(henan)
    monkeypatch.setattr(a.index, "region_scope", lambda doc_ids: None)  # the doc-id filter
    by_ids = r.search("大气污染防治", 20, henan)
    assert [p.chunk.chunk_id for p in by_ids] == [p.chunk.chunk_id for p in by_field]


@pytest.fixture
def cities(tmp_path: Path) -> Assistant:
    """A province's own regulation and two of its cities', plus another province's."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for title in (
        "河南省大气污染防治条例",
        "郑州市大气污染防治条例",
        "洛阳市大气污染防治条例",
        "山东省大气污染防治条例",
    ):
        (corpus / f"{title}.md").write_text(f"# {title}\n{_BODY}", encoding="utf-8")
    a = Assistant(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), embedder="hash")
    assert len(a.ingest().added) == 4
    return a


def test_a_province_or_a_city_is_one_keyword_filter(cities: Assistant) -> None:
    a = cities
    docs = {d.meta.title: d.meta for d in a.documents()}
    henan = [m.doc_id for m in docs.values() if m.province == "河南省"]
    zhengzhou = [docs["郑州市大气污染防治条例"].doc_id]
    assert len(henan) == 3 and a.index.region_scope(henan) == ("河南省", None)
    assert a.index.region_scope(zhengzhou) == ("河南省", "郑州市")
    assert a.index.region_scope([*zhengzhou, docs["洛阳市大气污染防治条例"].doc_id]) is None
    for scope in (henan, zhengzhou):
        token = a.index.keyword_scope(a.index.region_scope(scope))  # type: ignore[arg-type]
        by_token = a.index.bm25.search("排放大气污染物罚款", 50, scope=token)
        assert by_token and by_token == a.index.bm25.search("排放大气污染物罚款", 50, doc_ids=scope)


def test_a_word_most_rows_hold_changes_no_order(twins: Assistant) -> None:
    a = twins
    n = a.index.chunk_count()
    common = a.index.bm25.document_frequency("条例")
    assert common * 2 >= n > 0, "the word must be in at least half the rows"
    with_it = a.index.bm25.search("条例罚款", 50)
    without = a.index.bm25.search("罚款", 50)
    assert with_it and [c for c, _ in with_it] == [c for c, _ in without]
    # asked alone, the common word still finds its rows
    assert len(a.index.bm25.search("条例", 50)) == common


def test_a_library_from_before_the_scope_column_gets_it_on_open(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for title in ("河南省大气污染防治条例", "山东省大气污染防治条例"):
        (corpus / f"{title}.md").write_text(f"# {title}\n{_BODY}", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus)
    a = Assistant(settings, embedder="hash")
    a.ingest()
    before = a.index.bm25.search("排放大气污染物罚款", 50)
    db = a.index.db
    with db.transaction() as tx:  # the keyword table as the first schema wrote it
        tx.execute("CREATE VIRTUAL TABLE old_keywords USING fts5 (tokens, tokenize = 'unicode61')")
        tx.execute("INSERT INTO old_keywords (rowid, tokens) SELECT rowid, tokens FROM keywords")
        tx.execute("DROP TABLE keywords")
        tx.execute("ALTER TABLE old_keywords RENAME TO keywords")
        tx.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    db.close()
    b = Assistant(settings, embedder="hash")
    assert b.index.bm25.has_scope_column(b.index.db.reader())
    assert b.index.db.get_meta("schema_version") == SCHEMA_VERSION
    assert b.index.bm25.search("排放大气污染物罚款", 50) == before
    henan = _docs_of(b, "河南省")
    token = b.index.keyword_scope(("河南省", None))
    assert b.index.bm25.search("排放大气污染物罚款", 50, scope=token) == b.index.bm25.search(
        "排放大气污染物罚款", 50, doc_ids=henan
    )


def test_a_large_library_takes_a_scope_from_an_unfiltered_query_for_more(
    cities: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.retrieve as retrieve

    a = cities
    henan = [d.meta.doc_id for d in a.documents() if d.meta.province == "河南省"]
    r = HybridRetriever(index=a.index, mode="dense", candidates=4)
    filtered = r.search("排放大气污染物罚款", 4, henan)
    monkeypatch.setattr(retrieve, "OVERFETCH_FROM", 0)  # as in a library of 50k vectors or more
    calls: list[int] = []
    query = a.index.dense.query
    monkeypatch.setattr(
        a.index.dense, "query", lambda v, k=20, where=None: calls.append(k) or query(v, k, where)
    )
    overfetched = r.search("排放大气污染物罚款", 4, henan)
    assert calls, "the unfiltered query was not used"
    assert [p.chunk.chunk_id for p in overfetched] == [p.chunk.chunk_id for p in filtered]
