"""Local, offline extractive question answering over a folder of documents.

    from qa import Answerer
    bot = Answerer.from_dir("index/", build_from="my_docs/")
    result = bot.ask("Who attended the 2022 South-South forum?")
    print(result.answer.text, result.answer.doc_id, result.answer.score)
"""

from .answerer import NOT_FOUND, Answerer
from .errors import DocumentError, IndexMismatchError, IndexNotFoundError, ModelNotFoundError, QAError
from .indexing import build_index
from .types import Answer, AnswerResult, Chunk, Document, Passage

__all__ = ["Answerer", "NOT_FOUND", "build_index", "Answer", "AnswerResult", "Chunk", "Document", "Passage",
           "QAError", "IndexNotFoundError", "IndexMismatchError", "DocumentError", "ModelNotFoundError"]
__version__ = "0.1.0"
