"""The bounded cache shared by the serving path's stages."""

from __future__ import annotations

import threading

from assistant.lru import LRU, ByIdentity


def test_the_least_recently_used_entry_goes_first() -> None:
    cache: LRU[str, int] = LRU(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2
    cache.clear()
    assert len(cache) == 0 and cache.get("a") is None


def test_threads_never_grow_it_past_its_size() -> None:
    cache: LRU[int, int] = LRU(50)

    def fill(offset: int) -> None:
        for i in range(1000):
            cache.put(offset + i, i)
            cache.get(offset + i // 2)

    threads = [threading.Thread(target=fill, args=(k * 10_000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(cache) == 50


def test_by_identity_keeps_a_value_per_object_not_per_equal_object() -> None:
    made: list[tuple[int, ...]] = []

    def make(t: tuple[int, ...]) -> int:
        made.append(t)
        return sum(t)

    of: ByIdentity[tuple[int, ...], int] = ByIdentity(make, size=2)
    a, b = (1, 2), tuple([1, 2])  # equal, not the same object
    assert of(a) == of(a) == 3 and len(made) == 1
    assert of(b) == 3 and len(made) == 2
    of((5,))  # a third object: the oldest (a) goes
    of(a)
    assert len(made) == 4
