"""A bounded, thread-safe least-recently-used map: the one cache shape the serving path needs.

Several stages keep the results of a costly step for the latest inputs (a question's analysis,
a query's embedding, what is worked out from a library version). Each is bounded, so a long-running server
does not grow with what it has seen, and shared by the server's threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LRU(Generic[K, V]):
    """At most ``size`` entries; the least recently used one is dropped first.

    >>> cache: LRU[str, int] = LRU(2)
    >>> cache.put("a", 1); cache.put("b", 2); cache.get("a"); cache.put("c", 3)
    1
    >>> cache.get("b") is None
    True
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class ByIdentity(Generic[K, V]):
    """``make(obj)`` kept for the last ``size`` objects, by identity: for values worked out from
    an object that is replaced, never changed, when what it stands for changes (the library's
    document tuple, its status map). The object is held, so its id is not reused meanwhile.

    >>> lengths: ByIdentity[tuple[int, ...], int] = ByIdentity(len)
    >>> t = (1, 2); lengths(t), lengths(t) is lengths(t)
    (2, True)
    """

    def __init__(self, make: Callable[[K], V], size: int = 4) -> None:
        self._make = make
        self.size = size
        self._held: list[tuple[K, V]] = []
        self._lock = threading.Lock()

    def __call__(self, obj: K) -> V:
        with self._lock:
            for held, value in self._held:
                if held is obj:
                    return value
        value = self._make(obj)
        with self._lock:
            self._held.insert(0, (obj, value))
            del self._held[self.size :]
        return value
