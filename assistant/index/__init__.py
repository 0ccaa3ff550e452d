"""The two indexes over chunks (dense in Chroma, BM25 beside it) and the document store that
is their source of truth. :class:`Index` keeps all three consistent."""

from assistant.index.index import Index, IngestReport

__all__ = ["Index", "IngestReport"]
