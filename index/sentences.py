"""Paragraph and sentence boundaries as character spans, so every later step keeps exact offsets."""
from __future__ import annotations

import re

# A paragraph is a run of text between line breaks: news text puts one paragraph per line,
# and lists and captions are lines of their own. A table (consecutive lines with a "|") is one
# block, so its header stays with its rows; each row is still a sentence of its own.
_PARAGRAPH = re.compile(r"(?:[^\n]*\|[^\n]*(?:\n|$))+|[^\n]+")

# Candidate sentence ends: terminal punctuation, optional closing quotes/brackets, then space;
# or a line break (inside a table block).
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+)|(?=\n)")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "st", "no", "vs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "u.s",
    "u.n", "u.k", "e.g", "i.e", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "prof", "rep",
    "sen", "gov", "pres", "approx", "dept", "est", "fig",
}
_LAST_SPACE = re.compile(r".*\s", re.DOTALL)  # greedy: the last white space in a window
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[\"'“‘(\[]*[A-Z0-9]")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of text, trimmed of surrounding white space."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        if start < end:
            spans.append((start, end))
    return spans


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end] (one paragraph), trimmed; they cover all its words."""
    end = len(text) if end is None else end
    spans = []
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        line_break = match.end() < end and text[match.end()] == "\n"
        if not line_break and not _NEXT_STARTS_SENTENCE.match(text, match.end(), end):
            continue
        word = re.search(r"([\w.]+)\W*$", text[sentence_start:match.start() + 1])
        if not line_break and word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
            continue
        # an initial: "Aaron Y. Zelin", but not a unit's last letter ("0.6 mg/L. The water ...")
        if not line_break and word and re.fullmatch(r"[A-Z]\.?", word.group(1)) \
                and not text[sentence_start:sentence_start + word.start(1)].endswith("/"):
            continue
        spans.append(_trim(text, sentence_start, match.end()))
        sentence_start = match.end()
    spans.append(_trim(text, sentence_start, end))
    return [(s, e) for s, e in spans if s < e]


def text_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Every sentence of a text, paragraph by paragraph."""
    return [span for p_start, p_end in paragraph_spans(text) for span in sentence_spans(text, p_start, p_end)]


def cut_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut one over-long span at word boundaries into pieces of at most max_chars.

    Passages use it to fit the embedding model; figure extraction to keep its work per sentence bounded.
    """
    pieces = []
    while end - start > max_chars:
        last_space = _LAST_SPACE.match(text, start + 1, start + max_chars + 1)
        cut = last_space.end() - 1 if last_space else start
        if cut <= start:  # no space at all: cut mid-word rather than exceed the model's window
            cut = start + max_chars
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
