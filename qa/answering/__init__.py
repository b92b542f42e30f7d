"""Stage 5, answering: the pieces around the reader that turn passages into one trustworthy answer.

``retriever`` (dense + BM25 fused), ``conversation`` (turns of a chat; a follow-up question rewritten to stand alone),
``evidence`` and ``answer_types`` (does the span's context support the question), ``scoring`` (one
calibrated score), ``enumeration`` (list answers), ``normalize`` (SQuAD answer normalisation, EM/F1).
They are wired together in ``qa.answerer`` only.
"""
