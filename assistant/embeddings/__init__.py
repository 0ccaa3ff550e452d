"""Embedders: the swappable part that turns text into vectors.

``get_embedder("use-multilingual")`` gives the default (USE multilingual, shipped inside a PyPI
package); ``get_embedder("st:/path/to/model")`` any local sentence-transformers model. Both are
built the same way, through :func:`get_embedder`.
"""

from assistant.embeddings.base import Embedder, get_embedder

__all__ = ["Embedder", "get_embedder"]
