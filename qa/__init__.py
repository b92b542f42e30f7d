"""Local, offline extractive question answering over a folder of documents.

    from qa import Answerer
    bot = Answerer.from_dir("index/", build_from="my_docs/")
    result = bot.ask("Who attended the 2022 South-South forum?")
    print(result.answer.text, result.answer.doc_id, result.answer.score)

The packages are the stages a document and a question pass through, in this order:
``ingest`` (file -> Document -> Chunk), ``indexing`` (Chunk -> vector), ``stores`` (where vectors and
texts live), ``reader`` (passage -> span), ``answering`` (retrieval, follow-ups, evidence, scoring, lists),
``serve`` (the shared web chat) and ``training`` (how the readers are made). ``answerer`` is the one place
where they are wired; ``cli``, ``evaluate`` and ``app.py`` call it.
"""

from qa.answerer import NOT_FOUND, Answerer
from qa.errors import DocumentError, IndexMismatchError, IndexNotFoundError, ModelNotFoundError, QAError
from qa.indexing.build import build_index
from qa.types import Answer, AnswerResult, Chunk, Document, Passage

__all__ = ["Answerer", "NOT_FOUND", "build_index", "Answer", "AnswerResult", "Chunk", "Document", "Passage",
           "QAError", "IndexNotFoundError", "IndexMismatchError", "DocumentError", "ModelNotFoundError"]
__version__ = "0.1.0"
