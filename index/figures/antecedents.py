"""Who a pronoun opening a sentence stands for ("It says 61 are still missing", "It has distributed
30,000 iodine tablets", "Its hospitals have treated 640 people"): the source the paragraph named
last, or the body its last sentence is about.

Read sentence by sentence in text order. What a sentence is about is worked out only when a
later sentence's pronoun asks for it: most never do, and it is the dearest reading.
"""
from __future__ import annotations

from collections.abc import Iterator

from index.figures.attribution import acting_body, attributions, bodies_giving_figures, opening_body, says_by_pronoun
from index.figures.grammar import BEFORE_REPORTING_VERB, COPULAS, a_person, looks_past
from index.figures.source_names import names_a_body, source_before
from index.figures.text import Sentence, after_time_label
from index.figures.vocabulary import VOCAB
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
            # "The government has offered 4.5%, which it says would cost ...": the sentence's own subject
            i = sentence.index_at(pronoun.start)
            own = opening_body(sentence, self._reporters) if sentence.lower(i - 1) in _RELATIVE else None
            return next((name for name in (own, *self._sources(), self._body(self._subject))
                         if name and may_stand_for(pronoun.lower, name)), None)
        if pronoun_subject(sentence):
            return self._body(self._subject) or next(self._sources(), None) or _members_named(sentence)
        return None

    def leave(self, found: list[Figure]) -> None:
        """The sentence entered last gave these figures (none for a sentence without)."""
        credited = next((f.attributed_to for f in reversed(found)
                         if f.attributed_to and names_a_body(f.attributed_to, self._reporters)), None)
        self._history.append(credited or self._subject)

    def _sources(self) -> Iterator[str]:
        """The paragraph's sources, the last first ("she" passes over "Rescuers" to a person), up
        to a sentence whose reporting subject is no body ("The tests said ...": a "They" after it
        stands for the tests)."""
        for item in reversed(self._history):
            name = item if isinstance(item, str) else self._body(item)
            if name:
                yield name
            elif isinstance(item, Sentence) and says_without_body(item, self._reporters):
                return

    def _body(self, sentence: Sentence | None) -> str | None:
        if sentence is None:
            return None
        if sentence.start not in self._bodies:
            self._bodies[sentence.start] = sentence_body(sentence, self._reporters)
        return self._bodies[sentence.start]


_RELATIVE = frozenset({"which", "that", "what"})


def sentence_body(sentence: Sentence, reporters: frozenset[str]) -> str | None:
    """The body a sentence is about, for a pronoun opening the next to stand for: its opening
    subject, a body acting, or the first body it credits ("The National Bank of Ordenza said the
    cut would help. It now expects inflation of 10.2%")."""
    labelled = after_time_label(sentence)              # "14:05 - The ministry says ..."
    if labelled:
        sentence = Sentence(sentence.text, sentence.tokens[labelled].start, sentence.end)
    opening = opening_body(sentence, reporters)
    if opening:
        return opening
    acting = acting_body(sentence, reporters)
    if acting:
        return acting[2]
    credited = sorted(attributions(sentence, reporters) + bodies_giving_figures(sentence, reporters))
    return next((name for _, name, _ in credited if names_a_body(name, reporters)), None)


_REPORTING_VERB_REACH = 6   # words from a sentence's start to its reporting verb


def says_without_body(sentence: Sentence, reporters: frozenset[str]) -> bool:
    """Whether the sentence opens with a subject that reports and is no body ("The tests said")."""
    verb = next((i for i in range(1, min(_REPORTING_VERB_REACH, len(sentence.tokens)))
                 if sentence.lower(i) in VOCAB.attribution_verbs), None)
    name = source_before(sentence, verb) if verb else None
    return bool(name) and not names_a_body(name, reporters)


def _members_named(sentence: Sentence) -> str | None:
    """"Its organisers said ...", where no body before says whose: the members a source noun
    names ("organisers"), as "The organisers said" would."""
    if sentence.lower(0) not in ("its", "their") or sentence.lower(1) not in VOCAB.source_nouns:
        return None
    return sentence.tokens[1].text


def pronoun_subject(sentence: Sentence) -> bool:
    """Whether the sentence opens with a pronoun for a body that did something ("It has distributed
    30,000 tablets", "They raised the count to 40") or owns it ("Its hospitals have treated
    640"), not one that was so ("It was zero per cent contained")."""
    first = sentence.lower(0)
    if first in ("its", "their"):
        return True
    if first not in ("it", "they"):
        return False
    verb = 1
    while sentence.lower(verb) in BEFORE_REPORTING_VERB:          # "It also raised", "It has distributed"
        verb += 1
    # "It goes right round the block": a thing's doing, not a body's
    return looks_past(sentence.lower(verb)) and sentence.lower(verb) not in COPULAS


def may_stand_for(pronoun: str, name: str) -> bool:
    """"He" and "she" stand for a person, named with capitals ("Dr Saskia Belmonte", "Health
    Minister Ilena Varos"), not for a body ("the ministry", "Kestrian Airlines Association") nor
    "Rescuers" opening a sentence."""
    words = name.split()
    head = name.partition(" of ")[0].split()            # "Dr Helena Sarvik of Orvesk General Hospital"
    return pronoun not in ("he", "she") or (any(w[:1].isupper() and w.lower() not in VOCAB.source_nouns for w in words)
                                            and head[-1].lower() not in _BODY_WORDS)    # "Interior Ministry"


_BODY_WORDS = frozenset(w for w in VOCAB.source_nouns if not a_person(w)) | VOCAB.named_bodies | VOCAB.businesses
