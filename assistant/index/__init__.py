"""The library's stores: documents and the BM25 keyword index in one SQLite file, dense vectors in
Chroma beside it. :class:`Index` keeps them consistent (one transaction per write, Chroma reconciled
with the database on open); :mod:`assistant.index.health` says whether they agree."""

from assistant.index.health import LibraryHealth, Reconciled
from assistant.index.index import Index, IngestReport

__all__ = ["Index", "IngestReport", "LibraryHealth", "Reconciled"]
