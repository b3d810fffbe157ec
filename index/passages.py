"""Articles -> passages: one to a few sentences of one paragraph, with exact offsets.

Passages stay small enough for the embedding model (all-MiniLM-L6-v2 was trained on 128 word
pieces, roughly 500 characters of English) and never cross a paragraph, so a citation never
glues unrelated text together.
"""
from __future__ import annotations

import re

from index.models import Article, Passage
from index.sentences import cut_long, paragraph_spans, sentence_spans

# Bump when the chunking rules change: stored embeddings of old passages are then rebuilt.
CHUNKER_VERSION = 2
_HAS_WORD = re.compile(r"\w")


def chunk_article(article: Article, target_chars: int, max_chars: int) -> list[Passage]:
    text = article.text
    passages = []
    for p_start, p_end in paragraph_spans(text):
        pieces = [piece for s, e in sentence_spans(text, p_start, p_end) for piece in cut_long(text, s, e, max_chars)]
        for start, end in _pack(pieces, min(target_chars, max_chars)):
            if _HAS_WORD.search(text, start, end):  # a lone "|" or "---" line is page furniture
                passages.append(Passage(article.id, start, end, text[start:end]))
    return passages


def _pack(spans: list[tuple[int, int]], target_chars: int) -> list[tuple[int, int]]:
    """Greedily join consecutive sentences while the passage stays within target_chars."""
    packed: list[tuple[int, int]] = []
    for start, end in spans:
        if packed and end - packed[-1][0] <= target_chars:
            packed[-1] = (packed[-1][0], end)
        else:
            packed.append((start, end))
    return packed
