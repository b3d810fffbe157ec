"""Dating: which event a date, weekday or time belongs to ("the blasts ... on Wednesday" ->
"attack day"; "officials said on Friday" -> "report day")."""
from __future__ import annotations

from index.figures.events import nearest_event
from index.figures.grammar import DETERMINERS, FRONTING_WORDS, FUNCTION_WORDS, SUBORDINATORS
from index.figures.numbers import Mention
from index.figures.text import Sentence, Token, is_source_word, level_verb_before, skip_date_words
from index.figures.vocabulary import EVENT_PHRASES, VOCAB


def dated_event(sentence: Sentence, mention: Mention, mentions: list[Mention]) -> str | None:
    """The event a date, weekday or time belongs to.

    A fronted date ("On January 3, 2020, X was killed in a strike") dates the main clause, so
    its event is the first one after the opening phrase and any subordinate clause ("At 10:30,
    as officials spoke, two explosions went off" -> attack). Otherwise the nearest event word.
    """
    reported = reporting_event(sentence, mention, mentions)
    if reported:
        return reported
    events = sentence.events
    main_clause = main_clause_start(sentence, mention, mentions)
    if main_clause is not None:
        for index, event, reference in events:
            if index >= main_clause and not reference:
                return event
    return nearest_event(sentence, mention, events)


# Reporting verbs whose object comes before their date: "told reporters on Monday".
TELLING_VERBS = {"told", "tell", "tells", "telling", "briefed", "informed"}


# Words that end the object of a telling verb ("told reporters [on] ..."); determiners do not.
OBJECT_ENDS = FUNCTION_WORDS - DETERMINERS


def reporting_event(sentence: Sentence, mention: Mention, mentions: list[Mention]) -> str | None:
    """"report" for a date attached to a reporting verb: "officials said on Friday", "told
    reporters on Monday", "police on Tuesday said", or to a figure's level: "the toll rose to
    91 on Saturday". Such a date says when the figures were given, not when the event
    happened. A verb that is an event word keeps its event ("the group claimed on Tuesday")."""
    if sentence.text.startswith(("'s", "’s"), mention.end):        # "said Tuesday's attack"
        return None
    before = skip_date_words(sentence, sentence.index_at(mention.start) - 1)
    if ends_a_level(sentence, before, mentions):
        return "report"
    verb = reporting_verb_before(sentence, before)
    if verb is None:
        verb = reporting_verb_after(sentence, mention)
    if verb is None:
        return None
    named = sentence.match(verb, EVENT_PHRASES)
    return named[0] if named else "report"


def ends_a_level(sentence: Sentence, j: int, mentions: list[Mention]) -> bool:
    """Whether token j ends a count a level verb introduces: "(the toll) rose to 91"."""
    return any(m.kind == "count" and sentence.index_at(m.end - 1) == j
               and level_verb_before(sentence, sentence.index_at(m.start) - 1) is not None
               for m in mentions)


def reporting_verb_before(sentence: Sentence, j: int) -> int | None:
    """Index of the reporting verb the date after token j is attached to, if any."""
    if sentence.lower(j) in VOCAB.attribution_verbs:
        return j
    for k in range(j, max(-1, j - 5), -1):                  # "told the AFP news agency on Monday"
        if sentence.lower(k) in TELLING_VERBS:
            return k
        if not sentence.tokens[k].is_word or sentence.lower(k) in OBJECT_ENDS:
            return None
    return None


def reporting_verb_after(sentence: Sentence, mention: Mention) -> int | None:
    """Index of the reporting verb right after a date between it and its source: "Police on
    Tuesday said" (not "the attack on Friday claimed 20 lives": no source before it)."""
    verb = sentence.index_at(mention.end)
    if sentence.lower(verb) not in VOCAB.attribution_verbs:
        return None
    j = skip_date_words(sentence, sentence.index_at(mention.start) - 1)
    return verb if j >= 0 and is_source_word(sentence.tokens[j]) else None


def main_clause_start(sentence: Sentence, mention: Mention, mentions: list[Mention]) -> int | None:
    """Token index where the main clause starts when the mention is in a fronted phrase."""
    dated = [(m.start, m.end) for m in mentions if m.kind in ("date", "weekday", "time")]

    def inside(token: Token) -> bool:
        return any(s <= token.start < e for s, e in dated)

    first = sentence.index_at(mention.start)
    if any(not inside(t) and t.lower not in FRONTING_WORDS and t.text != ","
           for t in sentence.tokens[:first]):
        return None
    i = first
    while i < len(sentence.tokens) and (inside(sentence.tokens[i]) or sentence.tokens[i].text != ","):
        if not inside(sentence.tokens[i]) and sentence.is_boundary(i):
            return None
        i += 1
    i += 1
    if sentence.lower(i) in SUBORDINATORS:            # skip "as dignitaries addressed the crowd,"
        while i < len(sentence.tokens) and sentence.tokens[i].text != ",":
            i += 1
        i += 1
    return i if i < len(sentence.tokens) else None
