"""Stage 6, serve: the shared web chat (``web``), its named indexes and reader pool (``catalog``) and
background indexing jobs for uploads (``jobs``)."""
