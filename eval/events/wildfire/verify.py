"""Consistency checks for the Ardwen Ridge fire (fictional wildfire) evaluation corpus.

Run it from any directory:

    python3 verify.py

The checks are those of corpus_check.py in the parent folder, shared by every corpus there.
It prints one line per problem, a word count per article and a final summary line. The exit status is 0 when there
are no problems, 1 otherwise. Only the Python standard library is used.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from corpus_check import check  # noqa: E402

if __name__ == "__main__":
    sys.exit(check(HERE))
