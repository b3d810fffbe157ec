"""Consistency checks for the Tarvel measles vaccination campaign, Quendara (fictional) evaluation corpus.

Run it from any directory:

    python3 verify.py

The checks are eval/events/corpus_check.py's, shared by every corpus there. It prints one line
per problem, a word count per article and a final summary line. The exit status is 0 when there
are no problems, 1 otherwise. Only the Python standard library is used.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from corpus_check import check  # noqa: E402

if __name__ == "__main__":
    sys.exit(check(HERE, min_questions=15))
