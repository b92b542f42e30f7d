"""Checks questions.jsonl of the blind2 chat set. Standard library only.

Run: python3 benchmarks/sets/blind2/chat/check.py
Uses benchmarks/sets/blind/chat_check.py (shared by the chat sets):
- every non-empty answer is a verbatim substring of its doc (corpus/ here, then qa/data/corpus/);
- ids unique; turns 1, 2, 3, ... in file order; turn 1 is "first" and no later turn is; known types;
  unanswerable turns have answers [];
- each conversation sits in one split;
- minimum sizes: 30 conversations, 180 turns, 25 turns of each follow-up type; 4 to 8 turns per conversation.
Prints counts per type and split. Exits 1 on any failure.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "blind"))
from chat_check import check  # noqa: E402

if __name__ == "__main__":
    check(HERE, min_conversations=30, min_turns=180, min_per_kind=25, turns_per_conversation=(4, 8))
