"""Dating: which event a date, weekday or time belongs to ("the blasts ... on Wednesday" ->
"attack day"; "officials said on Friday" -> "report day")."""
from __future__ import annotations

from index.figures.events import event_within, nearest_event
from index.figures.grammar import (
    AUXILIARIES,
    CLAUSE_WORDS,
    COPULAS,
    DETERMINERS,
    FRONTING_WORDS,
    FUNCTION_WORDS,
    SUBORDINATORS,
    looks_past,
    singular,
)
from index.figures.mention import Mention
from index.figures.phrases import PARTICLES, REPORTING_WORDS, is_participle
from index.figures.text import Sentence, Token, is_source_word, level_verb_before, skip_date_words
from index.figures.vocabulary import EVENT_PHRASES, VOCAB


def dated_event(sentence: Sentence, mention: Mention, mentions: list[Mention]) -> str | None:
    """The event a date, weekday or time belongs to.

    A fronted date ("On January 3, 2020, X was killed in a strike") dates the main clause, so
    its event is the first one after the opening phrase and any subordinate clause ("At 10:30,
    as officials spoke, two explosions went off" -> attack). A clock time is what happened in
    its own clause (timed_action). Otherwise the nearest event word.
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
    action = timed_action(sentence, mention, mentions) if mention.kind == "time" else None
    return action or nearest_event(sentence, mention, events)


# Words that tie a clock time to what happened before them: "shut down at 03:52", "until 04:25".
_AT_CLOCK = frozenset({"at", "until", "till", "by", "around", "from", "between"})
_ROUGHLY = frozenset({"about", "around", "approximately", "roughly", "shortly", "just", "exactly", "precisely"})


def timed_action(sentence: Sentence, mention: Mention, mentions: list[Mention]) -> str | None:
    """What happened at a clock time, read in the time's own clause, so that two times of one
    sentence are not both named by its one event word: "detected the leak at 03:40 and the
    reactor shut down automatically at 03:52" -> "spill" for 03:40 (an event word of its clause)
    and "shut down" for 03:52 (its clause's verb); "after the first alarm at 03:40" -> "alarm";
    "a minute of silence at 6:08 p.m., the moment the blast tore through" -> "attack".
    The second time of "between 05:10 and 06:30" is named as the first. None when no
    preposition ties the time to what comes before it."""
    j = sentence.index_at(mention.start) - 1
    first = next((m for m in mentions if m.kind == "time" and sentence.index_at(m.end - 1) == j - 1), None)
    if first is not None and sentence.lower(j) in ("and", "to"):
        j = sentence.index_at(first.start) - 1
    while j >= 0 and sentence.lower(j) in _ROUGHLY:
        j -= 1
    if j <= 0 or sentence.lower(j) not in _AT_CLOCK:
        return None
    after = sentence.index_at(mention.end)
    if sentence.lower(after) == "(":                                  # "at 6:07 p.m. (1507 GMT), the ..."
        after = next((i + 1 for i in range(after, len(sentence.tokens)) if sentence.lower(i) == ")"), after)
    if sentence.lower(after) == "," and sentence.lower(after + 1) in DETERMINERS:
        # "at 6:08 p.m., the moment the blast tore through the city": the apposition names it
        k = after + 2 + (sentence.lower(after + 2) in ("exact", "very", "same"))
        if sentence.lower(k) in _MOMENT_NOUNS:
            found = event_within(sentence, k + 1, 3)
            if found:
                return found[1]
    start = j
    while start > 0 and not sentence.is_boundary(start - 1) \
            and sentence.lower(start - 1) not in CLAUSE_WORDS | SUBORDINATORS:
        start -= 1
    own = [event for index, event, reference in sentence.events if start <= index < j and not reference]
    if not own and sentence.lower(start - 1) in ("that", "which"):
        # "the blast that tore through the port at 6:08 p.m.": what the relative clause is about
        own = [event for index, event, reference in sentence.events if start - 4 <= index < start - 1
               and not reference]
    return own[-1] if own else _action_before(sentence, start, j)


def _action_before(sentence: Sentence, start: int, j: int) -> str | None:
    """The verb (with its particle) or the noun that ends tokens start..j-1: "shut down
    (automatically)", "shutting the reactor down", "escaped through a ventilation stack", "the
    first alarm"."""
    k = j - 1
    while k > start and sentence.lower(k).endswith("ly"):          # "shut down automatically"
        k -= 1
    particle = sentence.lower(k) if sentence.lower(k) in _TIME_PARTICLES else ""
    k -= bool(particle)
    if not particle and k > start and sentence.lower(k) in COPULAS:    # "the first landfall was at 11 p.m."
        k -= 1
    if k < start or not sentence.tokens[k].is_word or sentence.tokens[k].capitalised or len(sentence.lower(k)) < 3 \
            or sentence.lower(k) in FUNCTION_WORDS | AUXILIARIES | REPORTING_WORDS \
            or (k > 0 and sentence.tokens[k - 1].text[0].isdigit()):      # "every 20 minutes", "15 km/h"
        return None
    # "shut down", "went in": a word a particle follows is its verb, unless a determiner makes it
    # a noun ("shutting the reactor down").
    if _verb_like(sentence.lower(k)) or (particle and sentence.lower(k - 1) not in DETERMINERS):
        return f"{sentence.lower(k)} {particle}".strip()
    noun = singular(sentence.lower(k))
    # Step over the noun's phrase, and a phrase it ends ("through a ventilation stack"), to a verb.
    for _ in range(3):
        m = k - 1
        while m >= start and m > k - 5 and not _verb_like(sentence.lower(m)) \
                and (sentence.lower(m) in DETERMINERS or sentence.lower(m) not in FUNCTION_WORDS) \
                and (sentence.tokens[m].is_word or sentence.tokens[m].text[0].isdigit()):   # "the 3 km zone"
            m -= 1
        if m >= start and _verb_like(sentence.lower(m)) and sentence.lower(m) not in REPORTING_WORDS:
            return f"{sentence.lower(m)} {particle}".strip()
        if m < start or sentence.lower(m) not in FUNCTION_WORDS or sentence.lower(m) in AUXILIARIES:
            break
        k = m                                                       # a preposition: "through"
    return noun


_MOMENT_NOUNS = frozenset({"time", "moment", "minute", "hour", "instant"})
# A particle right before "at" has no object: "went in at 03:52", "came back at noon".
_TIME_PARTICLES = PARTICLES | {"in", "back", "over", "on"}


def _verb_like(word: str) -> bool:
    return is_participle(word) or looks_past(word) or (word.endswith("ing") and len(word) > 5)


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
