"""Checks questions.jsonl of the blind chat2 set. Standard library only.

Run: python3 benchmarks/sets/blind/chat2/check.py
- every non-empty answer is a verbatim substring of its doc, looked up in corpus/ here
  or in qa/data/corpus/ (the sample corpus; raw file text, so HTML answers must avoid entities);
- ids are unique; turns of each conversation are 1, 2, 3, ... in file order;
- turn 1 is type "first" and no later turn is; types are known; unanswerable turns have answers [];
- each conversation sits in one split;
- minimum sizes: 30 conversations, 150 turns, 20 turns of each follow-up type.
Prints counts per type and split. Exits 1 on any failure.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from chat_check import check  # noqa: E402  (benchmarks/sets/blind/chat_check.py, shared by the chat sets)

if __name__ == "__main__":
    check(HERE, min_conversations=30, min_turns=150, min_per_kind=20, turns_per_conversation=(3, 7))
