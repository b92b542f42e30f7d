"""Reading passages in stages, and a fast reader in front of an accurate one.

``read_staged``: a reader reads passages in a given order, first the
``config.first`` best ones; only when none of their spans reaches
``config.sure_margin`` (span logit minus no-answer logit) does it read
``config.more`` further passages. Most questions are settled by the first
passages, so the typical question costs a fraction of reading them all
(``benchmarks/quality/cascade.py`` chose the settings on SQuAD dev, see RESULTS.md).

``CascadeReader``: the accurate reader (MPNet-base) is too slow to read five
passages on two CPU cores within the latency budget; the distilled fast
reader is six times cheaper and usually ranks the right passage first. So
the fast reader reads every passage, its spans rank the passages
(``qa.Answerer`` ranks them by their calibrated score), and the accurate
reader reads them in that order, in stages. Only the accurate reader's spans
are returned: their scores are the ones its threshold and calibration were
fitted on.

Leaves out: learning the stopping rule.
"""

from __future__ import annotations

from qa.reader.core import Reader
from qa.reader.decoding import merge_duplicates
from qa.types import Answer, Passage


def read_staged(reader: Reader, question: str, passages: list[Passage], titles: list[str] | None,
                order: list[int] | None = None) -> tuple[list[Answer], int]:
    """(spans, passages read): ``reader`` reads ``passages`` in ``order`` in stages (module doc)."""
    order = list(range(len(passages))) if order is None else list(order)
    cfg = reader.config
    first = cfg.first or len(order)

    def read(idx):
        if not idx:
            return []
        return reader.read(question, [passages[i] for i in idx], top_n=len(idx),
                           titles=[titles[i] for i in idx] if titles is not None else None)
    spans = read(order[:first])
    read_n = min(first, len(order))
    if len(order) > first and max((a.margin for a in spans), default=float("-inf")) < cfg.sure_margin:
        rest = order[first:first + cfg.more] if cfg.more else order[first:]
        spans += read(rest)
        read_n += len(rest)
    return merge_duplicates(spans), read_n


class CascadeReader:
    def __init__(self, first: Reader, second: Reader) -> None:
        self.first = first
        self.second = second
        self.config = second.config
        self.name = second.name
        self.path = second.path
        self.device = second.device
        self.precision = second.precision

    @property
    def threshold(self) -> float:
        return self.second.threshold

    def __repr__(self) -> str:
        return f"CascadeReader({self.first!r} -> {self.second!r})"

    @staticmethod
    def order(passages: list[Passage], ranked: list[Answer]) -> list[int]:
        """Passage indices, those whose spans come first in ``ranked`` first; passages without a span last."""
        where = {id(p): i for i, p in enumerate(passages)}
        out = list(dict.fromkeys(where[id(a.passage)] for a in ranked if id(a.passage) in where))
        return out + [i for i in range(len(passages)) if i not in out]

    def read(self, question: str, passages: list[Passage], top_n: int = 10,
             titles: list[str] | None = None, order: list[int] | None = None) -> list[Answer]:
        """The accurate reader's spans, read in stages in ``order`` (default: the fast reader's margins)."""
        if titles is not None and len(titles) != len(passages):
            raise ValueError(f"titles must be one per passage: got {len(titles)} for {len(passages)} passages")
        if order is None:
            order = self.order(passages, self.first.read(question, passages, top_n=len(passages), titles=titles))
        return read_staged(self.second, question, passages, titles, order)[0][:top_n]

    def no_answer(self, spans: list[Answer]) -> Answer:
        return self.second.no_answer(spans)
