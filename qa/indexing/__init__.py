"""Stage 2, indexing: chunks become vectors in a store.

``embedding`` (the sentence-transformers embedder), ``build`` (``qa index``: read, chunk, embed, add
or remove documents incrementally under the folder's write lock) and ``ray_build`` (the same on Ray Data
workers for large corpora).
"""
