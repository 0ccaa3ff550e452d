import tiktoken.load

from assistant.tokens import count_tokens, encoding


def test_cl100k_from_package_data_matches_known_counts() -> None:
    enc = encoding()
    assert enc.name == "cl100k_base"
    # Known cl100k facts: "hello world" is two tokens, and the vocabulary has 100k ranks.
    assert enc.encode_ordinary("hello world") == [15339, 1917]
    assert enc.n_vocab == 100277


def test_chinese_counts_are_positive_and_roundtrip() -> None:
    text = "受污染耕地安全利用率达到95%以上"
    ids = encoding().encode_ordinary(text)
    assert encoding().decode(ids) == text
    assert count_tokens(text) == len(ids) > 5


def test_no_download_attempted(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def boom(*a, **k):  # type: ignore[no-untyped-def]
        raise AssertionError("tiktoken tried to download")

    monkeypatch.setattr(tiktoken.load, "read_file_cached", boom)
    encoding.cache_clear()
    assert count_tokens("生态环境") > 0
