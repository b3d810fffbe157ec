"""Reading a source's name from the words around its verb or its figure: "the Iranian State News
Agency, IRNA," -> "IRNA", "The Open Sky Radiation Network (OSRN), which runs 140 detectors, said"
-> the network, "the agriculture ministry's final estimate" -> the ministry; and whether a name
is a body that can state figures. Which figure a source states is decided in attribution.py."""
from __future__ import annotations

import re

from index.figures.grammar import (
    AUXILIARIES,
    BEFORE_REPORTING_VERB,
    DETERMINERS,
    FUNCTION_WORDS,
    MONTHS,
    POSSESSIVE_DETERMINERS,
    POSSESSIVE_ENDINGS,
    UNIT_NUMBERS,
    WEEKDAYS,
    a_person,
    looks_plural,
    singular,
)
from index.figures.scope import PLACE_NOUNS
from index.figures.text import APOSTROPHES, Sentence, Token, is_source_word, plural_possessor, skip_date_words
from index.figures.vocabulary import EVENT_PHRASES, VOCAB


def names_a_body(name: str, reporters: frozenset[str] = frozenset(), any_long_name: bool = True) -> bool:
    """A source noun, an acronym, one of `reporters` or (with `any_long_name`) a name of several
    capitalised words: not a place ("Lusandria recorded its highest temperature", "the Mirrow
    River fell") nor a common word opening the sentence."""
    words = name.split()
    return name in reporters or any(w.lower() in VOCAB.source_nouns for w in re.findall(r"[A-Za-z]+", name)) \
        or any(w.isupper() and w.isalpha() and len(w) > 1 for w in words) \
        or (any_long_name and sum(w[:1].isupper() for w in words) >= 2
            and words[0].lower() not in VOCAB.events)     # "Hurricane Ilsa caused damage": an event, no body


def reporting_names(text: str) -> frozenset[str]:
    """The single capitalised names the text has report something ("Ferromar said", "NetLight
    reports"): bodies, so "Ferromar cancelled 72% of its trains" is Ferromar's figure, where a
    name never seen reporting may be a place ("Lusandria recorded 46.3C")."""
    return frozenset(name for name in _REPORTING_NAME.findall(text)
                     if name.lower() not in FUNCTION_WORDS and name.lower() not in NOT_SOURCES)


# Nouns for a source's figure: "the ministry's estimate", "the union's latest count".
COUNT_NOUNS = frozenset({"estimate", "estimates", "count", "tally", "figure", "figures", "measurement", "reading",
                         "range", "claim"})
POSSESSIVE = ("'s", "’s")


_TIME_WORDS = frozenset({"year", "month", "week", "day", "yesterday", "today", "tonight", "morning", "evening"})


def a_time_word(word: str) -> bool:
    """"Monday's figures", "last year's count": when a count was given, not who gives it."""
    word = word.removesuffix("'s").removesuffix("’s")
    return word in WEEKDAYS or word.lower() in MONTHS or word.lower() in _TIME_WORDS


def possessor(sentence: Sentence, i: int) -> str | None:
    """Whose figure the noun at token i is, when a possessive stands up to two words before it
    ("the agriculture ministry's final estimate" -> "agriculture ministry", "the Ministry of
    Water Resources' latest figure" -> "Ministry of Water Resources")."""
    k = i - 1
    while k >= 0 and k > i - 4 and not sentence.lower(k).endswith(POSSESSIVE) and sentence.lower(k) not in APOSTROPHES:
        if not sentence.tokens[k].is_word or sentence.lower(k) in FUNCTION_WORDS:
            return None
        k -= 1
    if k < 0:
        return None
    if sentence.lower(k) in APOSTROPHES:              # "Resources'"
        k -= 1
        if k < 0 or not sentence.lower(k).endswith("s"):
            return None
        end = sentence.tokens[k].end
    elif sentence.lower(k).endswith(POSSESSIVE):
        end = sentence.tokens[k].end - 2
    else:
        return None
    start = k
    while start > 0 and k - start < 5:
        before = sentence.lower(start - 1)
        of_name = before == "of" and sentence.tokens[start].capitalised and start > 1 \
            and sentence.tokens[start - 2].capitalised            # "Ministry of Water Resources"
        if not of_name and (not sentence.tokens[start - 1].is_word or before in FUNCTION_WORDS
                            or before in AUXILIARIES or before in NOT_SOURCES):
            break
        start -= 1
    if sentence.lower(start) in NOT_SOURCES or any(i == start for i, _, _ in sentence.events) \
            or any(a_time_word(t.text) for t in sentence.tokens[start:k + 1]):
        return None             # "its estimate", "the quake's count", "Monday's figures" (not "the fire service's")
    return sentence.text[sentence.tokens[start].start:end]


def source_after(sentence: Sentence, i: int) -> str | None:
    """The source named from token i on: "the Iranian State News Agency, IRNA," -> "IRNA"; "a
    later study by the volcanology institute" -> "volcanology institute"."""
    while sentence.lower(i) in DETERMINERS:
        i += 1
    work = next((j for j in range(i, min(i + 3, len(sentence.tokens))) if sentence.lower(j) in _WORKS), None)
    # "documents seen by the Selva Herald", "figures compiled by the union": who made or saw the work
    by = work + 1 if work is not None and not _MADE.fullmatch(sentence.lower(work + 1)) else (work or 0) + 2
    if work is not None and sentence.lower(by) in ("by", "from") \
            and all(sentence.tokens[k].is_word and not sentence.tokens[k].capitalised for k in range(i, work)):
        return source_after(sentence, by + 1)
    i = _past_description(sentence, i)
    words: list[Token] = []
    while i < len(sentence.tokens) and len(words) < 6:
        token = sentence.tokens[i]
        following = sentence.tokens[i + 1] if i + 1 < len(sentence.tokens) else None
        adjective = token.is_word and token.lower not in FUNCTION_WORDS and following and is_source_word(following)
        # a plural possessive before the body: "the drivers' union", "the farmers' federation"
        owner = plural_possessor(sentence, i) and i + 2 < len(sentence.tokens) and is_source_word(sentence.tokens[i + 2])
        if owner:
            words += [token, following]
            i += 2
        elif is_source_word(token) or adjective or (words and token.lower == "of" and following
                                                    and following.capitalised):
            words.append(token)
            i += 1
        else:
            break
    if not words:
        return None
    appositive = appositive_acronym(sentence, i)
    return appositive or span_text(sentence, words)


_PLAIN_SOURCE_WORDS = 5


def plain_source_after(sentence: Sentence, i: int) -> str | None:
    """A plain noun phrase after "according to", which names its source whatever it is: "local
    farmers", "the regional chamber of commerce"; not a work ("according to estimates")."""
    while sentence.lower(i) in DETERMINERS:
        i += 1
    words: list[Token] = []
    while i < len(sentence.tokens) and len(words) < _PLAIN_SOURCE_WORDS:
        token = sentence.tokens[i]
        joins = token.lower == "of" and words and i + 1 < len(sentence.tokens) and sentence.tokens[i + 1].is_word
        if not token.is_word or (token.lower in FUNCTION_WORDS and not joins) or token.lower in AUXILIARIES:
            break
        words.append(token)
        i += 1
    while words and words[-1].lower == "of":
        words.pop()
    lowers = [w.lower for w in words]
    head = singular(lowers[lowers.index("of") - 1] if "of" in lowers else lowers[-1]) if words else ""
    # people ("local farmers", "anglers") or a body ("the regional chamber of commerce"), not what
    # they made ("the latest counts") or a thing ("doses received")
    if not (a_person(head) or head in VOCAB.source_nouns or head in VOCAB.named_bodies) \
            or any(w in _WORKS for w in lowers):
        return None
    return span_text(sentence, words)


_MADE = re.compile(r"[a-z]{3,}ed|seen|given|drawn|written|shown|taken|made|run|done|kept|built|set")


def _past_description(sentence: Sentence, i: int) -> int:
    """The first token of a name that a few plain words describe: "(according to) the comparison
    site SaveWise" -> "SaveWise"; else i."""
    for j in range(i, min(i + 4, len(sentence.tokens))):
        token = sentence.tokens[j]
        if token.capitalised and j > i and is_source_word(token):
            return j
        if not token.is_word or token.capitalised or token.lower in FUNCTION_WORDS \
                or token.lower in VOCAB.source_nouns:
            return i
    return i


def appositive_acronym(sentence: Sentence, i: int) -> str | None:
    """"..., IRNA, ..." right after a source: the acronym is its name as usually cited."""
    if sentence.lower(i) != "," or i + 1 >= len(sentence.tokens):
        return None
    token = sentence.tokens[i + 1]
    closes = i + 2 >= len(sentence.tokens) or sentence.is_boundary(i + 2)
    return token.text if _an_acronym(token.text) and closes else None


def source_before(sentence: Sentence, verb: int) -> str | None:
    """The source named right before a reporting verb: "Iranian authorities report", "police
    on Tuesday said", "the modeller Corvane Risk, which puts ..." (the verb of a relative clause
    on it)."""
    j = _past_adverbs(sentence, skip_date_words(sentence, verb - 1))    # "Blue Shoal Watch, which had said"
    if sentence.lower(j) in ("which", "who") and sentence.lower(j - 1) == ",":
        j -= 2
    j = _past_adverbs(sentence, before_acronym(sentence, _before_relative_clause(sentence, j)))
    words: list[Token] = []
    while j >= 0 and len(words) < 6:
        token = sentence.tokens[j]
        # "the civil protection agency": words before a source noun name it with it
        modifier = words and words[-1].lower in VOCAB.source_nouns and token.is_word and not token.capitalised \
            and token.lower not in FUNCTION_WORDS and token.lower not in AUXILIARIES and len(words) < 3
        # "Governor Elena Varga of South Coast province": a place's own noun ends its name
        place = not words and token.lower in PLACE_NOUNS and j > 0 and sentence.tokens[j - 1].capitalised \
            and sentence.lower(j - 1) not in FUNCTION_WORDS
        if is_source_word(token) or modifier or place:
            words.insert(0, token)
            j -= 1
        elif words and token.lower in APOSTROPHES and j > 0 and (
                sentence.tokens[j - 1].capitalised or (plural_possessor(sentence, j - 1)
                                                       and words[0].lower in VOCAB.source_nouns)):
            words[:0] = sentence.tokens[j - 1:j + 1]   # "the Farmers' Confederation", "the drivers' union"
            j -= 2
        elif words and token.lower in ("and", "&") and words[0].capitalised and j > 0 \
                and is_source_word(sentence.tokens[j - 1]):
            words.insert(0, token)                       # "the Fire and Civil Defence Service", "Heskel & Dunn"
            j -= 1
        else:
            break
    # "Its hospitals have treated 640", "Its experts measured": members of the body "its" stands
    # for (antecedents.py); "Its government approved" is the government
    if words and sentence.lower(j) in ("its", "their") and not any(w.capitalised for w in words) \
            and looks_plural(words[-1].lower):
        return None
    if words and j > 0 and sentence.lower(j) in ("in", "at") and words[0].capitalised \
            and not any(w.lower in VOCAB.source_nouns for w in words):
        owner = source_before(sentence, j)            # "the town council in Kirnavik says": the council
        if owner:
            return owner
    if words and words[0].capitalised:
        # "the Herders' Association of the South", "the Institute for Hydrology": one name
        k = j - 1 if sentence.lower(j) == "the" else j
        if sentence.lower(k) in ("of", "for") and k > 0 and is_source_word(sentence.tokens[k - 1]):
            start = k - 1
            while start > 0 and k - start < 4 and (is_source_word(sentence.tokens[start - 1])
                                                   or sentence.lower(start - 1) in APOSTROPHES):   # "Herders'"
                start -= 1
            words = [*sentence.tokens[start:k + 1], *([sentence.tokens[j]] if j != k else []), *words]
    if not words or not any(w.capitalised or w.lower in VOCAB.source_nouns for w in words):
        return common_noun_before(sentence, j if not words else -1)
    # "Epidemiologist Anton Sorvik of the University of Vascona said": the person speaks
    before = sentence.index_at(words[0].start) - 1
    return _person_of(sentence, before - (sentence.lower(before) == "the")) or span_text(sentence, words)


def _person_of(sentence: Sentence, k: int) -> str | None:
    """The person named before "of" at token k ("Anton Sorvik of the University of Vascona"): two
    or more capitalised words, none a body's noun."""
    if sentence.lower(k) != "of":
        return None
    start = k
    while start > 0 and sentence.tokens[start - 1].is_word and sentence.tokens[start - 1].capitalised:
        start -= 1
    names = sentence.tokens[start:k]
    if len(names) < 2 or any(t.lower in VOCAB.source_nouns or t.lower in VOCAB.named_bodies for t in names):
        return None
    return span_text(sentence, names)


def _past_adverbs(sentence: Sentence, j: int) -> int:
    """The token before the words between a source and its verb ending at token j: "police now
    say", "which had said", "The Labour Inspectorate separately fined" ("-ly" after a source word
    only: "The family said" has none)."""
    while j >= 0 and (sentence.lower(j) in BEFORE_REPORTING_VERB or (
            sentence.lower(j).endswith("ly") and j > 0 and is_source_word(sentence.tokens[j - 1]))):
        j -= 1
    return j


def _before_relative_clause(sentence: Sentence, j: int) -> int:
    """Token j, or the last token before a relative clause or an apposition that ends at it: in
    "The ministry, which leaves out those who walked out unaided, says 1,021" the ministry says it,
    in "The owners' association, VGMEA, said" the association, in "the auditors, counting the depot
    spur, say" the auditors, in "Estragrid, meanwhile, revised" Estragrid."""
    if sentence.lower(j) != ",":
        return j
    for k in range(j - 1, max(0, j - 20), -1):
        if sentence.is_boundary(k):
            named = 0 < j - k - 1 <= 4 and all((t.is_word and t.capitalised) or t.text == "."    # "Dr. Hamid Soltan"
                                               for t in sentence.tokens[k + 1:j])
            # "Ibrahim Hoteit, a spokesman for the victims' families, counts 218": a name described
            # "Lina Osterhaus, SeaLine's operations coordinator, said", "..., its director, said"
            described = sentence.lower(k + 1) in ("a", "an", "the", "its", "their", "his", "her") \
                or (sentence.tokens[k + 1].capitalised and sentence.lower(k + 1).endswith(POSSESSIVE_ENDINGS)
                    and j - k <= 6)
            acting = sentence.lower(k + 1).endswith("ing")     # "the auditors, counting the depot spur, say"
            aside = j - k == 2 and sentence.tokens[k + 1].is_word and not sentence.tokens[k + 1].capitalised
            # "A second firm, the reinsurance broker Halden Re, put ...", "Its chairwoman, Mira
            # Kessling, told ...": the name, not the description
            if (named or described) and sentence.tokens[j - 1].capitalised \
                    and not _an_acronym(sentence.tokens[j - 1].text) and k > 0 \
                    and sentence.tokens[k - 1].is_word and not sentence.tokens[k - 1].capitalised:
                return j - 1
            return k - 1 if (named or described or acting or aside) and sentence.lower(k) == "," and k > 0 \
                and (sentence.tokens[k - 1].is_word or sentence.lower(k - 1) == ")") else j
        if sentence.lower(k) in ("which", "who", "whose") and sentence.lower(k - 1) == ",":
            return k - 2
    return j


def before_acronym(sentence: Sentence, j: int) -> int:
    """Token j, or the last word of the name an acronym in brackets follows: in "The Open Sky
    Radiation Network (OSRN) said" the network said it."""
    if j >= 3 and sentence.lower(j) == ")" and sentence.lower(j - 2) == "(" \
            and _an_acronym(sentence.tokens[j - 1].text) and sentence.tokens[j - 3].is_word:
        return j - 3
    return j


def brackets_acronym(sentence: Sentence, k: int) -> bool:
    """Whether token k is a bracket around an acronym ("(CPA)")."""
    closing = k + 2 if sentence.lower(k) == "(" else k
    return sentence.lower(k) in ("(", ")") and before_acronym(sentence, closing) != closing


def _an_acronym(word: str) -> bool:
    return word.isalpha() and word.isupper() and len(word) > 1


# Words before a reporting verb that are no source of their own.
NOT_SOURCES = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "this", "these",
                         "those", "there", "one", "others", "report", "reports", "figures", "data", "number",
                         "numbers", "date", "dates", "cent", "percent"})  # "Seventy-eight per cent said": those polled
# Words that say which estimate, never whose: "Low estimate", "preliminary estimates put", "a best
# estimate of", "The same report counted".
ESTIMATE_ADJECTIVES = frozenset({"low", "high", "central", "mid", "middle", "best", "worst", "median", "average",
                                 "total", "official", "latest", "first", "final", "initial", "revised", "early", "new",
                                 "old", "current", "previous", "original", "our", "range", "upper", "lower", "main",
                                 "base", "preliminary", "provisional", "interim", "independent", "third-party",
                                 "same", "other", "any", "both", "own"})


_REPORTING_NAME = re.compile(r"\b([A-Z][a-z]+[A-Z]?[a-z]*)\s+(?:(?:has|have|had|also|now|still)\s+)?"
                             rf"(?:{'|'.join(sorted(VOCAB.attribution_verbs))})\b")


# Nouns for a work that states figures, whose possessor is the source: "the inspectorate's dose
# reconstruction puts", "the bank's analysis says".
_WORKS = COUNT_NOUNS | {"reconstruction", "assessment", "analysis", "calculation", "calculations", "report",
                         "review", "study", "survey", "model", "projection", "projections", "audit",
                         "evaluation", "data", "modelling", "modeling", "statement", "documents", "document",
                         "records", "poll", "research", "tally"}


def common_noun_before(sentence: Sentence, j: int) -> str | None:
    """A plain noun as the subject of a reporting verb: "the union said", "the airline said",
    "doctors at the hospital said" (the doctors). j is the last word before the verb."""
    if j < 0 or not sentence.tokens[j].is_word:
        return None
    head = sentence.lower(j)
    if head.endswith(POSSESSIVE):
        return None                 # "that man's estimated dose": "estimated" describes the dose
    owner = possessor(sentence, j + 1) if head in _WORKS else None
    if owner:
        return owner                # "the inspectorate's dose reconstruction puts": the inspectorate
    if head in FUNCTION_WORDS or head in AUXILIARIES or head in NOT_SOURCES or head.endswith(("ly", "ed")) \
            or head[:1].isdigit() or head in UNIT_NUMBERS or sentence.match(j, EVENT_PHRASES) \
            or (j > 0 and sentence.lower(j - 1)[:1].isdigit()):
        return None                 # "the attack claimed 20 lives": no one says so; "the 12 km reported": a unit
    if looks_plural(head) and sentence.lower(j - 1) in POSSESSIVE_DETERMINERS:
        return None                 # "says its members have reported": the members speak for the body
    k = j
    # "doctors at the hospital": the people before a place they are at
    if k >= 3 and sentence.lower(k - 1) in DETERMINERS and sentence.lower(k - 2) in ("at", "of", "from", "in"):
        before = sentence.lower(k - 3)
        if sentence.tokens[k - 3].is_word and before not in FUNCTION_WORDS and before not in NOT_SOURCES:
            k -= 3
    return sentence.text[sentence.tokens[k].start:sentence.tokens[j].end]


def span_text(sentence: Sentence, words: list[Token]) -> str:
    return sentence.text[words[0].start:words[-1].end]
