"""Who a pronoun opening a sentence stands for ("It says 61 are still missing", "It has distributed
30,000 iodine tablets", "Its hospitals have treated 640 people"): the source the paragraph named
last, or the body its last sentence is about.

Read sentence by sentence in text order. What a sentence is about is worked out only when a
later sentence's pronoun asks for it: most never do, and it is the dearest reading.
"""
from __future__ import annotations

from index.figures.attribution import may_stand_for, pronoun_subject, says_by_pronoun, sentence_body
from index.figures.source_names import names_a_body
from index.figures.text import Sentence
from index.models import Figure


class Antecedents:
    def __init__(self, text: str, reporters: frozenset[str]) -> None:
        self._text = text
        self._reporters = reporters
        self._end = 0
        # per sentence of the paragraph: the body its figures credit, or the sentence it is about
        self._history: list[str | Sentence | None] = []
        self._subject: Sentence | None = None       # the paragraph's last sentence not opening with a pronoun
        self._bodies: dict[int, str | None] = {}

    def enter(self, sentence: Sentence) -> None:
        """Read the next sentence (with figures or without)."""
        if "\n" in self._text[self._end:sentence.start]:
            self._history, self._subject = [], None
        self._end = sentence.end
        if not pronoun_subject(sentence):
            self._subject = sentence

    def pointed(self, sentence: Sentence) -> str | None:
        """Whom the pronoun opening the sentence entered last stands for, if it opens with one."""
        pronoun = says_by_pronoun(sentence)
        if pronoun:
            return next((name for name in (self._last_source(), self._body(self._subject))
                         if name and may_stand_for(pronoun.lower, name)), None)
        if pronoun_subject(sentence):
            return self._body(self._subject) or self._last_source()
        return None

    def leave(self, found: list[Figure]) -> None:
        """The sentence entered last gave these figures (none for a sentence without)."""
        credited = next((f.attributed_to for f in reversed(found)
                         if f.attributed_to and names_a_body(f.attributed_to, self._reporters)), None)
        self._history.append(credited or self._subject)

    def _last_source(self) -> str | None:
        for item in reversed(self._history):
            name = item if isinstance(item, str) else self._body(item)
            if name:
                return name
        return None

    def _body(self, sentence: Sentence | None) -> str | None:
        if sentence is None:
            return None
        if sentence.start not in self._bodies:
            self._bodies[sentence.start] = sentence_body(sentence, self._reporters)
        return self._bodies[sentence.start]
