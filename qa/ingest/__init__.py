"""Stage 1, ingest: a file becomes a ``Document`` (one paragraph per line), a ``Document`` becomes ``Chunk``s.

``documents`` reads a folder (dispatching to ``html_text``, ``pdf_text``, ``docx_text`` and the
plain-text line filter ``boilerplate``); ``chunking`` splits into sentences and packs them into chunks
with exact character offsets.
"""
