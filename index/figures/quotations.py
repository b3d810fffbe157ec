"""Quotations: '"We normally have 40 beds for this whole valley. This morning we had 130 people
waiting," she said.' The speaker named after a quotation closes gives every figure in it: those of
sentences before the one naming the speaker, those the quotation itself tells of someone who is
no source ('"One man told me he paid $3,500," she said'), and those of a quotation after it in the
paragraph that names no speaker of its own.

Read sentence by sentence in text order, beside antecedents.py: a figure with no source in a
sentence that leaves a quotation open waits for the sentence that closes it.
"""
from __future__ import annotations

import dataclasses

from index.figures.attribution import attributions
from index.figures.source_names import names_a_body
from index.figures.text import Sentence
from index.models import Figure

# Double quotation marks only: a single one is as often an apostrophe ("the ministry's").
_OPENING, _CLOSING, _STRAIGHT = "“", "”", '"'


class Quotations:
    def __init__(self, text: str, reporters: frozenset[str]) -> None:
        self._text = text
        self._reporters = reporters
        self._paragraph = 0
        self._waiting: list[int] = []           # figures without a source in the open quotation
        self._speaker: str | None = None        # who spoke the paragraph's last quotation

    def enter(self, sentence: Sentence) -> bool:
        """Read the next sentence: whether it closes a quotation opened before it with figures waiting."""
        paragraph = self._text.rfind("\n", 0, sentence.start) + 1
        if paragraph != self._paragraph:        # a paragraph's quotation ends with it
            self._paragraph, self._waiting, self._speaker = paragraph, [], None
        return bool(self._waiting) and not self._open_at(sentence.end)

    def leave(self, sentence: Sentence, figures: list[Figure], first: int, pronoun_speaker: str | None) -> None:
        """The sentence gave figures[first:]. Those without a source wait while it leaves a
        quotation open. Where it closes one, the speaker its tag names (the name after the close,
        '," said Tomas Brenn', or whom its pronoun stands for, '," she said') gives the figures
        that waited and those of its own quoted words that no body gives."""
        if self._open_at(sentence.end):
            self._waiting += [k for k in range(first, len(figures)) if figures[k].attributed_to is None]
            return
        waiting, self._waiting = self._waiting, []
        opened = sentence.start if self._open_at(sentence.start) \
            else self._first(_OPENING + _STRAIGHT, sentence.start, sentence.end)
        close = self._first(_CLOSING + _STRAIGHT, opened + 1, sentence.end) if opened is not None else None
        if close is None:
            return
        # a quotation with no tag goes on with the paragraph's speaker: '"...," said Jurek Malvin.
        # "I had 220 hectares in the ground."'
        speaker = next((name for position, name, _ in attributions(sentence, self._reporters) if position > close),
                       None) or pronoun_speaker or self._speaker
        if not speaker:
            return
        self._speaker = speaker
        quoted = [k for k in range(first, len(figures)) if opened <= figures[k].start < close
                  and not (figures[k].attributed_to and names_a_body(figures[k].attributed_to, self._reporters))]
        for k in waiting + quoted:
            figures[k] = dataclasses.replace(figures[k], attributed_to=speaker)

    def _open_at(self, position: int) -> bool:
        """Whether a quotation opened in the paragraph before the position is still open there."""
        text, start = self._text, self._paragraph
        if text.rfind(_OPENING, start, position) > text.rfind(_CLOSING, start, position):
            return True
        return text.count(_STRAIGHT, start, position) % 2 == 1

    def _first(self, marks: str, start: int, end: int) -> int | None:
        """Where the first of the marks stands between start and end."""
        found = [p for p in (self._text.find(mark, start, end) for mark in marks) if p >= 0]
        return min(found) if found else None
