"""Error types for bad states of the QA system (missing or mismatched index, bad documents).

Bad *arguments* raise ``ValueError`` naming the value and the valid choices;
the ``QAError`` family is for states the user has to fix (build an index,
rebuild with other settings, point at a real folder).
"""


class QAError(Exception):
    """Base class for errors the user can act on."""


class IndexNotFoundError(QAError):
    """No usable index at the given path."""


class IndexMismatchError(QAError):
    """The index was built with other settings (model, dimension, chunking)."""


class IndexLockedError(QAError):
    """Another writer holds the index folder's write lock."""


class IndexCorruptError(QAError):
    """A file of the live index version is missing, truncated or unreadable."""


class IndexWriteError(QAError):
    """A new index version could not be written (e.g. the disk is full); the previous one stays live."""


class DocumentError(QAError):
    """A document or folder could not be read."""


class ModelNotFoundError(QAError):
    """A model directory is missing or incomplete."""
