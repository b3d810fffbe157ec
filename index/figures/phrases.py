"""Reading the phrases around a number: the noun phrase it counts, what was done to it (a verb
phrase), the subject a verb sets, and asides and auxiliaries to step over. measures.py and
quantity_measures.py name figures from what these read."""
from __future__ import annotations

from index.figures.grammar import (
    AUXILIARIES,
    BE_FORMS,
    BEFORE_REPORTING_VERB,
    DAY_WORDS,
    DETERMINERS,
    ESTIMATE_NOUNS,
    FUNCTION_WORDS,
    GENERIC_NOUNS,
    MODIFIERS,
    OF_WHAT_NOUNS,
    POSSESSIVE_ENDINGS,
    PREPOSITIONS,
    RELATIVE_WORDS,
    SUBJECT_OPENERS,
    UNIT_NUMBERS,
    looks_plural,
    plural,
)
from index.figures.source_names import a_time_word
from index.figures.text import Sentence, Token
from index.figures.vocabulary import MEASURE_PHRASES, VOCAB, canonical_measure


def is_participle(word: str) -> bool:
    return word in IRREGULAR_PARTICIPLES or (word.endswith("ed") and len(word) > 4)


def after_auxiliaries(sentence: Sentence, i: int) -> int:
    """The first token from i that is not an auxiliary ("had been" in "had been taken")."""
    while sentence.lower(i) in AUXILIARIES and sentence.lower(i) not in IRREGULAR_PARTICIPLES:
        i += 1
    return i


# Participles that do not end in -ed: "taken into custody", "left homeless".
IRREGULAR_PARTICIPLES = frozenset({"taken", "left", "held", "brought", "seen", "shot", "hit", "caught", "driven",
                                   "thrown", "struck", "sent", "kept", "found", "trapped", "stuck", "fled", "sheltered",
                                   "stranded", "cut", "made", "given", "hurt", "swept", "buried", "lost", "laid"})
REPORTING_WORDS = frozenset({"reported", "believed", "feared", "thought", "expected", "estimated",
                             "said", "told", "named", "identified", "quoted", "cited", "listed", "claimed",
                             "counted", "announced", "gave", "given", "published"})


def verb_phrase(sentence: Sentence, i: int, present: bool = False) -> str | None:
    """What people counted by a plain noun did, when no vocabulary word says: "(16 people had
    been) taken into custody", "(300 people were) evacuated", "(500 residents) fled"; what they
    will do is named as what they did ("(3,350 of them) will lose their jobs": lost their jobs).
    With `present`, what they do as well ("(Some 3,600 people) work at the plant")."""
    word = sentence.lower(i)
    if sentence.lower(i - 1) in _FUTURE and word.isalpha() and word not in FUNCTION_WORDS | AUXILIARIES:
        word = past_form(word)
    plain = present and i < len(sentence.tokens) and sentence.tokens[i].is_word and word.isalpha() \
        and not sentence.tokens[i].capitalised and word not in FUNCTION_WORDS | AUXILIARIES | PREPOSITIONS | _NOT_VERBS \
        and word not in DAY_WORDS and not word.endswith("ly")
    if not (is_participle(word) or plain) or word in REPORTING_WORDS:
        return None
    words = [word]
    for j in range(i + 1, min(len(sentence.tokens), i + 4)):
        token = sentence.tokens[j]
        if not token.is_word or token.capitalised or (token.lower in FUNCTION_WORDS and token.lower not in
                                                      ("into", "without", "from", "out", "off", "up", "in", "of",
                                                       "their")) \
                or token.lower in _NOT_WHAT_HAPPENED:           # "lost their jobs", not "trapped in all"
            break
        words.append(token.lower)
    while len(words) > 1 and words[-1] in FUNCTION_WORDS and not (len(words) == 2 and words[-1] in PARTICLES):
        words.pop()                                     # "laid off" keeps its particle
    return " ".join(words)


PARTICLES = frozenset({"off", "out", "up", "down", "away"})
# Words after "N people" that say when, where or how many, not what they do: "40 people last
# year", "2,000 people inside the hall".
_NOT_VERBS = frozenset({"last", "next", "this", "yesterday", "today", "tonight", "overnight", "ago", "each",
                        "more", "less", "total", "altogether", "dead", "alive", "here", "there", "aboard", "inside",
                        "outside", "around", "along", "behind", "beyond", "under", "over", "through", "within",
                        "without", "among", "towards", "throughout", "beneath", "above", "below", "still"})
_FUTURE = frozenset({"will", "would", "could", "may", "might", "shall"})
_IRREGULAR_BASES = {"lose": "lost", "leave": "left", "flee": "fled", "keep": "kept", "send": "sent", "find": "found",
                    "hold": "held", "bring": "brought", "take": "taken", "give": "given", "make": "made",
                    "sweep": "swept", "strike": "struck", "drive": "driven", "lay": "laid", "catch": "caught",
                    "throw": "thrown", "see": "seen", "shoot": "shot", "run": "run", "go": "gone",
                    "come": "come", "become": "become", "get": "got", "pay": "paid", "begin": "begun"}


def past_form(verb: str) -> str:
    """The past participle of a verb's plain form: "lose" -> "lost", "evacuate" -> "evacuated"."""
    if verb in _IRREGULAR_BASES or verb in IRREGULAR_PARTICIPLES:
        return _IRREGULAR_BASES.get(verb, verb)
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return verb[:-1] + "ied"
    return verb + "ed"


# Words after a participle that say how many or when, not what happened: "stranded overnight",
# "trapped in all".
_NOT_WHAT_HAPPENED = frozenset({"all", "total", "overnight", "yesterday", "today", "tonight"})


def subject_words(sentence: Sentence, verb: int) -> list[str]:
    """The words of the verb's subject (subject_head), lower-cased, without determiners, after its
    last possessive: "The Velska River Authority's final figure" -> ["final", "figure"]."""
    indexes = subject_head(sentence, verb)
    # "a normal year's harvest": when, not whose
    owners = [n for n, k in enumerate(indexes) if sentence.lower(k).endswith(POSSESSIVE_ENDINGS)
              and not a_time_word(sentence.tokens[k].text)]
    return [sentence.lower(k) for k in indexes[owners[-1] + 1 if owners else 0:]
            if sentence.tokens[k].is_word and sentence.lower(k) not in DETERMINERS
            and not sentence.lower(k).endswith(POSSESSIVE_ENDINGS)]


def subject_noun(sentence: Sentence, verb: int) -> list[str]:
    """The subject's words (subject_words) up to its first preposition or infinitive: "Talks to
    end the strike broke up" -> ["talks"], "The average wait in emergency departments reached"
    -> ["average", "wait"]."""
    words = subject_words(sentence, verb)
    return words[:next((n for n, w in enumerate(words) if w in FUNCTION_WORDS), len(words))]


def subject_head(sentence: Sentence, verb: int) -> list[int]:
    """Token indexes of the subject of the verb at token `verb` up to its first preposition:
    "The death toll [from the blasts] rose", "The number of dead [in the explosions] climbed".
    The subject starts after the clause punctuation, clause word or reporting verb before it."""
    carried = _infinitive_subject(sentence, verb)
    if carried is not None:
        return carried
    j = skip_auxiliaries(sentence, verb - 1)                        # "has now reached"
    j = skip_auxiliaries(sentence, skip_parenthetical(sentence, j))
    start = _opener_before(sentence, j)
    if sentence.lower(start) == "which" and start == j and start > 1 and sentence.lower(start - 1) == "," \
            and sentence.tokens[start - 2].is_word:
        return subject_head(sentence, start - 1)        # "The toll, which stood at 30 on Monday, ...": the toll
    if sentence.lower(start) in ("that", "which") and start > 0 and sentence.tokens[start - 1].is_word \
            and any(sentence.lower(k) in BE_FORMS for k in range(start + 1, j + 1)):
        # "the share of deposits that was insured was ...": a relative clause inside the subject
        start = _opener_before(sentence, start - 1)
    if start == 0 and sentence.tokens[0].capitalised and sentence.lower(0) in VOCAB.attribution_verbs:
        # "Confirmed cases were revised": a reporting word opening the sentence has no source
        start = -1
    first = start + 1
    if first <= j and sentence.lower(first) in PREPOSITIONS:
        # "In Sarreth the air quality index reached 212": the subject follows a fronted place
        determiners = [k for k in range(first + 1, j + 1) if sentence.lower(k) in DETERMINERS]
        names = first + 1
        while names <= j and sentence.tokens[names].capitalised:
            names += 1
        first = determiners[-1] if determiners else names
    head = []
    for k in range(first, j + 1):
        word = sentence.lower(k)
        if word in PREPOSITIONS or (word == "of" and sentence.lower(k - 1) not in OF_WHAT_NOUNS):
            break
        head.append(k)
    return head


def _opener_before(sentence: Sentence, j: int) -> int:
    """The clause punctuation, clause word or reporting verb at or before token j (-1 if none)."""
    # ("estimate of" is a noun, never a reporting verb: "BARA's final estimate of the losses is")
    while j >= 0 and not sentence.is_boundary(j) and sentence.lower(j) not in SUBJECT_OPENERS \
            and (sentence.lower(j) not in VOCAB.attribution_verbs
                 or sentence.lower(j) in OF_WHAT_NOUNS and sentence.lower(j + 1) == "of"):
        j -= 1
    return j


# "Losses are expected to top $2bn", "Analysts expect the bill to exceed $3bn": what an infinitive's
# level verb measures is the subject of the frame around it, or the object of a forecasting verb.
_RAISING = frozenset({"expected", "forecast", "projected", "predicted", "likely", "set", "due", "estimated", "seen",
                      "tipped", "poised", "bound", "certain", "unlikely"})
_FORECASTING = frozenset({"expect", "expects", "expected", "forecast", "forecasts", "predict", "predicts", "predicted",
                          "see", "sees", "saw", "project", "projects", "projected", "estimate", "estimates"})


def _infinitive_subject(sentence: Sentence, verb: int) -> list[int] | None:
    if sentence.lower(verb - 1) != "to":
        return None
    k = verb - 2
    if sentence.lower(k) in _RAISING and sentence.lower(skip_auxiliaries(sentence, k - 1) + 1) in BE_FORMS:
        return subject_head(sentence, k)                            # "Losses are expected to top"
    for p in range(k, max(-1, k - 6), -1):
        if sentence.lower(p) in _FORECASTING:
            words = [t for t in range(p + 1, k + 1) if sentence.lower(t) not in DETERMINERS]
            if words and all(sentence.tokens[t].is_word and sentence.lower(t) not in FUNCTION_WORDS for t in words):
                return words                                        # "expect the bill to exceed"
            return None
        if not sentence.tokens[p].is_word:
            return None
    return None


def skip_auxiliaries(sentence: Sentence, j: int) -> int:
    """The token before the auxiliaries and adverbs ending at token j ("has now", "had also")."""
    while j >= 0 and (sentence.lower(j) in AUXILIARIES or sentence.lower(j) in BEFORE_REPORTING_VERB):
        j -= 1
    return j


_CONTAINING = frozenset({"in", "on", "aboard", "inside"})


def after_aside(sentence: Sentence, i: int) -> int:
    """The token after a short aside set off by commas from token i ("among them six children",
    "most of them women") or a counted place ("in 1,700 vehicles", "on two buses"), when the
    sentence goes on with its verb; else i."""
    number = i + 1 + (sentence.lower(i + 1) in VOCAB.qualifiers)           # "in some 1,100 vehicles"
    if sentence.lower(i) in _CONTAINING and (sentence.lower(number)[:1].isdigit() or sentence.lower(number) in UNIT_NUMBERS):
        k = number + 1
        while k < min(len(sentence.tokens), number + 4) and sentence.tokens[k].is_word \
                and sentence.lower(k) not in AUXILIARIES and not sentence.match(k, MEASURE_PHRASES):
            k += 1
        return k if sentence.lower(k) in AUXILIARIES or sentence.match(k, MEASURE_PHRASES) else i
    word = sentence.lower(i)
    if word.endswith("ing") and len(word) > 5 and sentence.tokens[i].is_word and word not in AUXILIARIES:
        # "2,100 people living within 3 km of the plant were told to leave": a clause of where or
        # what they were, up to the sentence's verb
        for k in range(i + 1, min(len(sentence.tokens), i + 9)):
            if sentence.is_boundary(k):
                return i
            if sentence.lower(k) in AUXILIARIES or sentence.match(k, MEASURE_PHRASES):
                return k
        return i
    if word != ",":
        return i
    listed = False                                      # "38,000 dockers, signal staff and conductors had walked out"
    k, reach = i + 1, 7
    while k < len(sentence.tokens) and reach:
        word = sentence.lower(k)
        if word == ",":
            following = sentence.lower(k + 1) if k + 1 < len(sentence.tokens) else ""
            if following in AUXILIARIES or sentence.match(k + 1, MEASURE_PHRASES):
                return k + 1
            k, reach = k + 1, reach - 1
            continue
        aged = _after_age(sentence, k)                  # "Four men, aged between 19 and 34, were charged"
        if aged > k:
            k = aged
            continue
        if sentence.is_boundary(k) or word[:1].isdigit():
            return i
        if word in UNIT_NUMBERS and sentence.lower(i + 1) in ("and", "or"):
            return i                                    # "60 suspected cases, and three people have died": a count of its own
        listed = listed or word in ("and", "or")
        if listed and (word in AUXILIARIES or sentence.match(k, MEASURE_PHRASES)):
            return k
        k, reach = k + 1, reach - 1
    return i


_AGE_WORDS = frozenset({"aged", "ages", "age"})
_AGE_JOINS = frozenset({"and", "to", "or", "-", "–", ","})


def _after_age(sentence: Sentence, k: int) -> int:
    """The token after people's ages starting at token k ("aged 24 and 31", "aged between 19
    and 34", "a 17-year-old"), else k: an age in an aside says who they are, it counts nothing."""
    if sentence.lower(k)[:1].isdigit() and sentence.lower(k + 1) == "-" \
            and sentence.lower(k + 2).startswith(("year-old", "month-old")):
        return k + 3
    if sentence.lower(k) not in _AGE_WORDS:
        return k
    j = k + 1 + (sentence.lower(k + 1) == "between")
    if not sentence.lower(j)[:1].isdigit():
        return k
    j += 1
    while sentence.lower(j) in _AGE_JOINS and sentence.lower(j + 1)[:1].isdigit():
        j += 2
    return j


def source_figure_before(sentence: Sentence, verb: int) -> int | None:
    """Token index of a source's figure noun ending the subject of the level verb at token
    `verb` ("The agency's final figure, released on Monday, is"), or None."""
    k = skip_parenthetical(sentence, skip_auxiliaries(sentence, verb - 1))
    return k if sentence.lower(k) in ESTIMATE_NOUNS else None


def skip_parenthetical(sentence: Sentence, j: int) -> int:
    """Token j, or the token before a comma-enclosed clause ending at j that sits between a
    subject and its verb: "The toll from the bombings, which struck a market, rose to 30",
    "The toll, officials said, rose to 30"."""
    if sentence.lower(j) != ",":
        return j
    opening = j - 1
    while opening >= 0 and not sentence.is_boundary(opening):
        opening -= 1
    if opening < 0 or sentence.lower(opening) != ",":
        return j
    inside = range(opening + 1, j)
    relative = sentence.lower(opening + 1) in RELATIVE_WORDS
    reported = any(sentence.lower(k) in VOCAB.attribution_verbs for k in inside)
    participle = is_participle(sentence.lower(opening + 1))     # "The final count, published on Tuesday, is"
    return opening - 1 if relative or reported or participle else j


def _names_disease(word: str) -> bool:
    """"measles", "mumps": a disease's name ends in -s without being a plural."""
    return VOCAB.events.get(word) in VOCAB.families.get("epidemic", ())


def noun_phrase(sentence: Sentence, i: int, generic_ok: bool) -> tuple[list[Token], int]:
    """The noun phrase starting at token i (up to three words) and the index after it.

    It ends after a plural noun ("suicide bombers") or a vocabulary word ("more powerful
    explosion"), and before a verb-like word ("one ambulance damaged") or a capitalised word
    after lower-case ones. "citizens of Afghanistan" keeps its "of <Country>". Leading
    modifiers that do not change what is counted are dropped ("separate explosions").
    generic_ok: a lone "people"/"others" is the phrase (its verb will name the measure).
    """
    words: list[Token] = []
    while i < len(sentence.tokens) and len(words) < 3:
        token = sentence.tokens[i]
        if generic_ok and not words and token.lower in GENERIC_NOUNS and not _modifies_noun(sentence, i):
            return [token], i + 1
        closed = token.lower in FUNCTION_WORDS or token.lower in AUXILIARIES
        if not token.is_word or (closed and token.lower not in MODIFIERS):
            break
        # an acronym modifies ("2 million national ID numbers"); a name starts a phrase of its own
        if words and (token.lower.endswith(("ed", "ing")) or (token.capitalised and not words[-1].capitalised
                                                              and not token.text.isupper())):
            break
        vocabulary = sentence.match(i, MEASURE_PHRASES)
        if vocabulary:
            words += sentence.tokens[i:i + vocabulary[1]]
            i += vocabulary[1]
            break
        words.append(token)
        i += 1
        if looks_plural(token.lower) and not _names_disease(token.lower):     # "1,240 measles cases"
            break
    if words and words[-1].lower in VOCAB.citizen_nouns and sentence.lower(i) == "of":
        country = []
        for token in sentence.tokens[i + 1:i + 4]:
            if not (token.is_word and token.capitalised):
                break
            country.append(token)
        if country:
            words, i = words + [sentence.tokens[i]] + country, i + 1 + len(country)
    # "two separate explosions", "two armed attackers": modifiers that do not change what is
    # counted. An -ed word before a noun the vocabulary does not know may ("suspected cases").
    while len(words) > 1 and (words[0].lower in MODIFIERS or (
            words[0].lower.endswith("ed") and phrase_measure(words[1:]))):
        words = words[1:]
    return words, i


def _modifies_noun(sentence: Sentence, i: int) -> bool:
    """Whether "more" or "other" at token i comes before the noun counted ("three more centres
    are being built"), not alone ("12 more were injured", "five more died")."""
    if sentence.tokens[i].lower not in MODIFIERS or i + 1 >= len(sentence.tokens):
        return False
    noun = sentence.tokens[i + 1]
    return noun.is_word and not noun.capitalised and noun.lower not in FUNCTION_WORDS \
        and noun.lower not in AUXILIARIES and not noun.lower.endswith(("ed", "ing"))


def noun_phrase_name(words: list[Token]) -> str:
    """A measure name for an unseen noun phrase: lower case except proper nouns; the head
    noun plural ("one ambulance" and "3 ambulances" are both "ambulances"); nationals of a
    country are "citizens of <Country>" however written ("Afghans", "Afghan nationals")."""
    country = country_of(words)
    if country:
        return f"citizens of {country}"
    names = [w.text if w.capitalised else w.lower for w in words]
    head = next((k for k, w in enumerate(words) if w.lower == "of"), len(words)) - 1
    if not words[head].capitalised:
        names[head] = plural(names[head])
    return " ".join(names)


def country_of(words: list[Token]) -> str | None:
    """The country when a noun phrase names nationals: "Afghans", "Afghan nationals",
    "citizens of Afghanistan"."""
    lowers = [w.lower for w in words]
    if len(words) >= 3 and lowers[0] in VOCAB.citizen_nouns and lowers[1] == "of":
        return " ".join(w.text for w in words[2:])
    demonyms = [w for w in words if w.capitalised and w.lower in VOCAB.nationalities]
    rest = [w for w in lowers if w not in VOCAB.nationalities]
    if len(demonyms) == 1 and all(w in VOCAB.citizen_nouns for w in rest):
        return VOCAB.nationalities[demonyms[0].lower]
    return None


def phrase_measure(words: list[Token]) -> str | None:
    """The vocabulary measure of a noun phrase or of its last words ("suicide bombers")."""
    for k in range(len(words)):
        measure = canonical_measure(" ".join(w.lower for w in words[k:]))
        if measure:
            return measure
    return None
