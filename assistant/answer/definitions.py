"""What a regulation's own definitions say its words cover.

A regulation names a class and lists what it includes ("本条例所称非道路移动机械，是指…主要包括
挖掘机、起重机…"); its sanctions then speak of the class only ("使用排放不合格的非道路移动机械…
处五千元的罚款"). A question about one member (挖掘机) is about the class: the class word
joins the member's term group for the documents being read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.answer.candidates import GetDoc
from assistant.lru import LRU

# "本条例所称非道路移动机械，是指…包括挖掘机、起重机…。"
_DEFINITION = re.compile(
    r"本(?:条例|规定|办法|法|细则)(?:中)?所称(?:的)?[“\"]?([\u4e00-\u9fa5]{2,16}?)[”\"]?[，,]?\s*(?:是指|指|包括)([^。]{2,400})"
)
_HELD: LRU[tuple[str, str], tuple[tuple[str, str], ...]] = LRU(4096)


def definitions(doc_id: str, get_doc: GetDoc) -> tuple[tuple[str, str], ...]:
    """(defined word, what the definition says) for each "本条例所称…" of a document."""
    try:
        doc = get_doc(doc_id)
    except (KeyError, LookupError):
        return ()
    key = (doc_id, doc.content_hash)
    found = _HELD.get(key)
    if found is None:
        found = tuple((m.group(1), m.group(2)) for m in _DEFINITION.finditer(doc.text.search))
        _HELD.put(key, found)
    return found


def widen_by_definitions(
    terms: list[tuple[str, ...]], doc_ids: Iterable[str], get_doc: GetDoc
) -> list[tuple[str, ...]]:
    """Each term group with the words the documents define as including one of its words
    (挖掘机 → 非道路移动机械): only the items a definition lists count (:func:`members`)."""
    defs = [d for doc_id in dict.fromkeys(doc_ids) for d in definitions(doc_id, get_doc)]
    if not defs:
        return terms
    out = []
    for g in terms:
        classes = [w for w, body in defs if len(g[0]) >= 2 and g[0] in members(body) and w not in g]
        out.append((*g, *dict.fromkeys(classes)) if classes else g)
    return out


def members(body: str) -> set[str]:
    """What a definition lists as included ("…主要包括挖掘机、起重机、推土机等机械类型" →
    挖掘机, 起重机, 推土机): the items of its enumeration after 包括, not every word it uses."""
    m = _INCLUDES.search(body)
    if not m:
        return set()
    items = re.split(r"[、，,；;和及或]", body[m.end() :])
    # the last item runs into the close: "推土机等机械类型"
    return {re.split(r"等", x, maxsplit=1)[0].strip() for x in items if x.strip()}


_INCLUDES = re.compile(r"(?:主要)?(?:包括|包含|分为)[:：]?")
