"""Script and width: the Simplified form every stage compares in, and half-width ASCII.

The base of the text helpers (with :mod:`assistant.numbering` and :mod:`assistant.sentences`):
question analysis, retrieval, answering and comparison all read text through these, so a
Traditional or full-width question matches a Simplified, half-width document the same way
everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """Simplified script of ``text`` (OpenCC t2s, a character-for-character mapping)."""
    return str(_t2s().convert(text)) if text else text


def fold_width(text: str) -> str:
    """Full-width ASCII (digits, letters, ％．，…) and the ideographic space to half width."""
    return "".join(
        unicodedata.normalize("NFKC", ch) if ("\uff01" <= ch <= "\uff5e" or ch == "\u3000") else ch
        for ch in text
    )


def bare(text: str) -> str:
    """The words of ``text`` alone, Simplified and half-width, without punctuation or spaces: two
    quotes of one provision compare equal however each was cut and laid out."""
    return re.sub(r"[^\u4e00-\u9fa5A-Za-z0-9]", "", to_simplified(fold_width(text)))


def in_order(short: str, long: str) -> bool:
    """Whether the characters of ``short`` all occur in ``long``, in order: a name written in
    short ("省政府" of 省人民政府, "某省物业条例" of 某省物业管理条例)."""
    it = iter(long)
    return all(ch in it for ch in short)
