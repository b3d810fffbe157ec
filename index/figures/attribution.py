"""Who states a figure: "according to IRNA", "X put the toll at 40", "the ministry, which ...,
says 1,021". How a source's name is read from the words around it is in source_names.py; labels
(a transcript's speaker, a list item's source) in labels.py; revisions in revisions.py; what kind
of statement a figure is in statements.py."""
from __future__ import annotations

import re

from index.figures.grammar import (
    AUXILIARIES,
    BE_FORMS,
    BEFORE_REPORTING_VERB,
    CLAUSE_WORDS,
    DETERMINERS,
    FUNCTION_WORDS,
    GENERIC_NOUNS,
    NEW_CLAUSE_WORDS,
    POSSESSIVE_DETERMINERS,
    UNIT_NUMBERS,
    looks_past,
)
from index.figures.context import restates
from index.figures.lists import GAP_JOINS, credited_source
from index.figures.mention import Mention
from index.figures.scope import NEIGHBOUR_WORDS
from index.figures.source_names import (
    COUNT_NOUNS,
    ESTIMATE_ADJECTIVES,
    NOT_SOURCES,
    POSSESSIVE,
    a_time_word,
    before_acronym,
    brackets_acronym,
    names_a_body,
    plain_source_after,
    possessor,
    source_after,
    source_before,
    span_text,
)
from index.figures.text import APOSTROPHES, COMPARATIVES, Sentence, Token, after_time_label
from index.figures.vocabulary import QUALIFIER_PHRASES, VOCAB

ACCORDING = re.compile(r"\b(?:according\s+to|as\s+reported\s+by|reported\s+by|citing|cited\s+by)\s+", re.I)
# "the 250,000 claimed by the organisers" (not "the attack was claimed by the group"): a figure right before.
GIVEN_BY = re.compile(r"(?:\d|%|\b(?:dozens|hundreds|thousands|millions))\s+(?:claimed|estimated|counted|given|quoted)"
                      r"\s+by\s+", re.I)
# Attribution verbs whose bare form is a noun as often: "a flash estimate", "a police count"
_NOUNS_TOO = frozenset({"estimate", "report", "count", "claim", "forecast", "tally", "record", "figure", "survey"})


def apply_attribution(sentence: Sentence, mentions: list[Mention], reporters: frozenset[str] = frozenset()) -> None:
    """Credit each figure to the nearest source the sentence names ("according to IRNA",
    "Iranian authorities report", "said the interior minister"). `reporters`: the single names
    the article has report something (see reporting_names)."""
    # a body measuring gives its figure beside a source reporting another ("Blue Shoal Watch measured
    # 310 square kilometres, while the coastguard put it at 180")
    reports = attributions(sentence, reporters)
    # "City engineers had counted 312 homes destroyed ..., Mayor Elena Strascott said": what a body
    # counted, told by a source closing the sentence, is that source's report
    closing = bool(mentions) and any(position > mentions[-1].end and "," in sentence.text[mentions[-1].end:position]
                                     and not any(ch.isdigit() for ch in sentence.text[position:sentence.end])
                                     for position, _, _ in reports)
    sources = sorted(reports + ([] if closing else bodies_giving_figures(sentence, reporters)))
    if not sources and _tagged_by_pronoun(sentence):
        return              # "Rescuers pulled 11 survivors out, she told reporters": whom "she" stands for says so
    if not sources:
        acting = acting_bodies(sentence, reporters)
        for mention in mentions:
            doer = next((name for start, end, name in acting if start < mention.start < end), None)
            if doer and mention.kind not in ("date", "weekday", "time"):
                mention.attributed_to = doer
        return
    starts, ends = [m.start for m in mentions], [m.end for m in mentions]
    quantities = [m.start for m in mentions if m.kind not in ("date", "weekday", "time")]
    for mention in mentions:
        # a source whose verb is left out names the figures after it only, and a source after the
        # figure whose verb gives a figure of its own ("police put the crowd at 18,000 and organisers
        # said 60,000") names that one, when a source before names this one
        own = [s for s in sources if (not s[2] or s[0] < mention.start)
               and not _says_more_after(sentence, mention, s[0], quantities)]
        before = [s for s in own if s[0] < mention.start]
        if before:
            # a source after a semicolon speaks for its own clause ("The regulator puts the average
            # interruption at 14.5 hours; Kaldrenet says its homes waited seven days")
            own = [s for s in own if s[0] < mention.start or not (
                _gives_own_figure(sentence, s[0], starts)
                or _figure_given_before(sentence, s[0], ends) not in (None, mention.end)
                or ";" in sentence.text[mention.end:s[0]])]
        if own:
            mention.attributed_to = min(own, key=lambda s: abs(s[0] - mention.start))[1]


def _says_more_after(sentence: Sentence, mention: Mention, verb_start: int, quantities: list[int]) -> bool:
    """Whether a source after the figure opens a clause of its own that goes on to say something
    else, with no figure: in "... killed 41 people, and campaigners said Port Talvey had learned
    little" the campaigners do not give the 41 (", police said." would)."""
    joined = [sentence.tokens[k].start for k in joined_clauses(sentence, semicolons=False)
              if sentence.tokens[k - 2].start >= mention.end and sentence.tokens[k].start <= verb_start]
    if verb_start < mention.end or not joined or any(start >= joined[-1] for start in quantities):
        return False            # the clause holds a figure: "..., and 41 were hurt, she said", "..., and it measured 6.8"
    verb = sentence.index_at(verb_start)
    return not _ends_sentence(sentence, verb) and not sentence.is_boundary(verb + 1) \
        and sentence.lower(verb + 1) not in ("on", "in", "at", "late", "early", "last", "this", "yesterday", "today")


def bodies_giving_figures(sentence: Sentence, reporters: frozenset[str] = frozenset()) -> list[tuple[int, str, bool]]:
    """Where a sentence names no source, a body that measures, records, expects or wants its
    figures gives them: "The weather service measured 44.8C", "The Perundal Hospitals Board counts
    169", "PASA wants TLN 1m" (not "44.8C was measured" or "the 45.1C recorded at Aldeca", nor a
    thing: "Infrasound sensors recorded a blast", "Attendance records give 2,750")."""
    found = []
    for i, token in enumerate(sentence.tokens):
        before = sentence.lower(i - 1)                 # "its records", "Upper Dravenna's records": a noun
        if token.lower in OWN_FIGURE_VERBS | FINDING_VERBS and not token.capitalised and before not in BE_FORMS \
                and before not in DETERMINERS and not before.endswith(POSSESSIVE) \
                and (before == "," or not any(ch.isdigit() for t in sentence.tokens[max(0, i - 2):i] for ch in t.text)):
            name = source_before(sentence, i)
            # what people found is a body's figure only when a body's noun names them ("the
            # University of Korvessa found", not "Iran's rescuers found")
            if not (name and names_a_body(name, reporters)) or (token.lower in FINDING_VERBS and not any(
                    w in VOCAB.source_nouns for w in name.lower().split())):
                name = _owner_of_subject(sentence, i, reporters)
            if name:
                found.append((token.start, name, False))
    return found


# What a body's staff or instruments did: "The authority's biologists found 19 species", "the
# authority's records show the water peaked at 30.2C".
FINDING_VERBS = frozenset({"found", "finds", "show", "shows", "showed"})


def _owner_of_subject(sentence: Sentence, verb: int, reporters: frozenset[str]) -> str | None:
    """The body whose people or instruments are the verb's subject: "The inspectorate's continuous
    probe at Mirsk recorded 0.4 mg/L" -> "inspectorate" (not "Iran's rescuers": no body)."""
    if sentence.lower(verb - 1) in _RECORD_NOUNS:       # "Labour Inspectorate data show": its maker's
        name = source_before(sentence, verb - 1)
        return name if name and names_a_body(name, reporters) and name.lower() not in ESTIMATE_ADJECTIVES else None
    for j in range(verb - 1, max(-1, verb - 8), -1):
        token = sentence.tokens[j]
        if not token.is_word or token.lower in CLAUSE_WORDS or looks_past(token.lower):
            return None
        if token.lower.endswith(POSSESSIVE):
            owner = possessor(sentence, j + 1)
            return owner if owner and names_a_body(owner, reporters) else None
    return None


_RECORD_NOUNS = frozenset({"data", "figures", "records", "statistics", "numbers"})


def opening_body(sentence: Sentence, reporters: frozenset[str]) -> str | None:
    """The body a sentence opens with as the subject of its first verb ("Reinsurance broker
    Halcrest Re was more cautious, ...") or described ("Clean Velska, the volunteer group that
    ..., keeps its own tally")."""
    for i, token in enumerate(sentence.tokens[:_SUBJECT_WORDS]):
        if not token.is_word:
            described = i and token.text == "," and sentence.lower(i + 1) in ("the", "a", "an") \
                and all(t.capitalised for t in sentence.tokens[:i])
            name = span_text(sentence, sentence.tokens[:i]) if described else None
            return name if name and names_a_body(name, reporters) else None
        if i and (token.lower in BE_FORMS or token.lower in ("has", "have", "had")
                  or (not token.capitalised and looks_past(token.lower))):
            name = source_before(sentence, i)
            return name if name and names_a_body(name, reporters) else None
    return None


_SUBJECT_WORDS = 8


def _opens_clause(sentence: Sentence, k: int) -> bool:
    """Whether a subject and its verb start at token k: ", the European Union pledged €20 million"."""
    for j in range(k, min(k + 5, len(sentence.tokens))):
        if not sentence.tokens[j].is_word or starts_a_number(sentence, j):
            return False
        if j > k and looks_past(sentence.lower(j)):
            return True
    return False


def acting_body(sentence: Sentence, reporters: frozenset[str] = frozenset()) -> tuple[int, int, str] | None:
    """(start, end, name) of the first clause of a sentence that opens with a body acting: "The
    PFFS has sent 350 firefighters", "Police made 85 arrests", "The union has about 52,000
    members": the body gives the figures of what it did or has, up to the clause's end."""
    verb = next((i for i, token in enumerate(sentence.tokens[:_SUBJECT_REACH]) if token.is_word and (
        token.lower in ("has", "have") or (i and not token.capitalised and looks_past(token.lower))
        or (i and token.lower in _PROGRESSIVE and sentence.lower(i + 1).endswith("ing")       # "is demanding"
            and sentence.lower(i + 1) != "being"))), None)
    # "The group claimed responsibility": a verb that reports gives figures only as attributions() reads it
    # "The national carrier, Lusmara Air, cancelled 46 flights": words and the commas of an
    # apposition, not a phrase put before the subject ("By Sunday, the river fell to 6.2 metres")
    commas = [k for k, t in enumerate(sentence.tokens[:verb]) if t.text == ","] if verb is not None else []
    # "In Halvik, police arrested six people": the subject follows a phrase put before it
    opening = commas[-1] + 1 if commas and sentence.lower(0) in FUNCTION_WORDS - DETERMINERS else 0
    # "The Civil Protection Agency (CPA) asked ...": an acronym in brackets is part of the subject
    subject = [t for k, t in enumerate(sentence.tokens[opening:verb or 0], opening)
               if not brackets_acronym(sentence, k)]
    if verb is None or not subject or not all(t.is_word or t.text == "," for t in subject) \
            or sentence.lower(verb) in VOCAB.attribution_verbs:
        return None
    name = source_before(sentence, verb)
    # after an opening phrase the name is less surely the subject: "By Sunday, the Mirrow River fell"
    if not name or not names_a_body(name, reporters, any_long_name=not opening):
        return None
    end = next((sentence.tokens[k].start for k in range(verb + 1, len(sentence.tokens))
                if sentence.lower(k) in (";", ":") or sentence.lower(k) in NEW_CLAUSE_WORDS
                # "the bombing that killed 20", not "has promised that savers will ..."
                or (sentence.lower(k) == "that" and not looks_past(sentence.lower(k - 1))
                    and sentence.lower(k - 1) not in VOCAB.attribution_verbs)
                or (sentence.lower(k) in (",", "and") and _opens_clause(sentence, k + 1))), sentence.end)
    return sentence.tokens[verb].start, end, name


_BEFORE_A_NOUN = DETERMINERS | NEIGHBOUR_WORDS | {"other", "member", "several", "many", "both", "these", "those"}
_SUBJECT_REACH = 10             # tokens before a body's verb: "The Union of Air Navigation Staff (UANS) is"
_PROGRESSIVE = frozenset({"is", "are", "was", "were"})
_CLAUSE_JOINS = frozenset({"and", "while", "but"})


def joined_clauses(sentence: Sentence, semicolons: bool = True) -> list[int]:
    """The first token of each clause the sentence joins by ", and", ", while", ", but" (or ";")."""
    return [k + 1 for k in range(len(sentence.tokens) - 1)
            if (semicolons and sentence.lower(k) == ";")
            or (sentence.lower(k) in _CLAUSE_JOINS and sentence.lower(k - 1) == ",")]


def acting_bodies(sentence: Sentence, reporters: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """acting_body of each clause the sentence joins: "The agency launched a $12 million appeal,
    and the government has set aside 2.4 billion markas" gives each body its own figure."""
    starts = [sentence.tokens[after_time_label(sentence)].start] + [sentence.tokens[k].start
                                                                     for k in joined_clauses(sentence)]
    found = []
    for start in starts:
        acting = acting_body(Sentence(sentence.text, start, sentence.end), reporters)
        if acting and not any(s <= acting[0] < e for s, e, _ in found):
            found.append(acting)
    return found


def apply_credited_sources(sentence: Sentence, mentions: list[Mention]) -> None:
    """"The queue was put at about 300 metres by police, half a kilometre by PASA": the source
    named right after a figure states it, after a passive setting verb or in a list of figures
    each credited so ("rose 12% by Friday" credits no one)."""
    credited = {k: credited_source(sentence, mentions, k) for k in range(len(mentions))}
    credited = {k: j for k, j in credited.items() if j is not None}
    setting = next((sentence.tokens[i].start for i in range(1, len(sentence.tokens) - 1)
                    if sentence.lower(i) in _PASSIVE_SETTINGS and sentence.lower(i - 1) in BE_FORMS
                    and sentence.lower(i + 1) == "at"), None)
    for k, j in credited.items():
        if len(credited) > 1 or (setting is not None and setting < mentions[k].start):
            name = source_after(sentence, j) or _plain_noun_after(sentence, j)
            if name:
                mentions[k].attributed_to = name
                if restates(sentence, mentions, k + 1):
                    mentions[k + 1].attributed_to = name


def _plain_noun_after(sentence: Sentence, j: int) -> str | None:
    """A plain noun credited as a source ("by the inquiry", "by fishermen")."""
    while sentence.lower(j) in DETERMINERS:
        j += 1
    end = j
    while end < len(sentence.tokens) and end < j + 3 and sentence.tokens[end].is_word \
            and sentence.lower(end) not in FUNCTION_WORDS and sentence.lower(end) not in AUXILIARIES:
        end += 1
    return sentence.text[sentence.tokens[j].start:sentence.tokens[end - 1].end] if end > j else None


_PASSIVE_SETTINGS = frozenset({"put", "estimated", "valued", "assessed", "counted", "calculated", "measured",
                               "placed", "given", "reported"})


def _gives_own_figure(sentence: Sentence, verb_start: int, starts: list[int]) -> bool:
    """Whether a figure follows the source's verb within three words ("organisers said 60,000")."""
    i = sentence.index_at(verb_start)
    return any(sentence.index_at(start) in (i + 1, i + 2, i + 3) for start in starts)


def _figure_given_before(sentence: Sentence, verb_start: int, ends: list[int]) -> int | None:
    """The end of the figure right before the source's clause, which the source gives: "nearer
    78% than the 84% the DPA has quoted" (the DPA gives 84%, not 78%)."""
    i = sentence.index_at(verb_start)
    return next((end for end in ends if 0 < i - sentence.index_at(end - 1) <= 5
                 and all(t.is_word for t in sentence.tokens[sentence.index_at(end - 1) + 1:i])), None)


def attributions(sentence: Sentence, reporters: frozenset[str] = frozenset()) -> list[tuple[int, str, bool]]:
    """(position, source name, whether its verb is left out) for each attribution in the sentence."""
    found = []
    for match in [*ACCORDING.finditer(sentence.text, sentence.start, sentence.end),
                  *GIVEN_BY.finditer(sentence.text, sentence.start, sentence.end),
                  *_RECORDED_BY.finditer(sentence.text, sentence.start, sentence.end)]:
        # "according to the laboratory's head, Petra Olsund": the person
        name = named_after_role(sentence, sentence.index_at(match.end())) \
            or source_after(sentence, sentence.index_at(match.end())) \
            or (plain_source_after(sentence, sentence.index_at(match.end()))
                if match.group().lower().startswith("according") else None)
        if name and not _a_method(sentence, sentence.index_at(match.end()), match):
            found.append((match.start(), name, False))
    found += _elided_counts(sentence)
    for i, token in enumerate(sentence.tokens):
        cited = _cited_count(sentence, token) if token.lower in COUNT_NOUNS else None
        if cited:                                      # "On the chamber's figures the strike has cost €350m"
            found.append((token.start, cited, False))
            continue
        owner = possessor(sentence, i) if token.lower in COUNT_NOUNS | _TOLLS and _figure_follows(sentence, i) else None
        if owner and token.lower in _TOLLS and not names_a_body(owner):
            owner = None                               # "Iran's death toll": where, not who counts
        if owner:                                      # "the agriculture ministry's final estimate is"
            # the owner's figure follows; one before is someone else's ("38% in its own records;
            # the ministry's claim of 64%")
            found.append((token.start, owner, True))
            continue
        if token.lower in COUNT_NOUNS and {sentence.lower(i - 1), sentence.lower(i - 2)} & POSSESSIVE_DETERMINERS:
            # "...; the police have not updated their figure of 2,400": the clause's subject
            clause = _clause_start(sentence, i)
            owner = source_after(sentence, clause) or _plain_subject(sentence, clause) \
                if _figure_follows(sentence, i) and clause < i - 2 else None
            if owner and not any(position >= sentence.tokens[clause].start for position, _, _ in found):
                found.append((token.start, owner, False))
            continue                                   # "its damage estimate": a noun, not who estimates
        particle = 1 if sentence.lower(i + 1) in ("up", "down") else 0     # "revised up its count to"
        if token.lower in _REVISING_VERBS and sentence.lower(i + 1 + particle) in POSSESSIVE_DETERMINERS | DETERMINERS \
                and (sets_a_figure(sentence, i + 2 + particle, "to") or _moves_own_figure(sentence, i + 1 + particle)):
            # "The ministry has revised its figure down to 25%", "Doctors revised that man's dose to 150 mSv"
            name = source_before(sentence, i)
            if name:
                found.append((token.start, name, False))
            continue
        if token.lower in VOCAB.setting_verbs and sets_a_figure(sentence, i + 1):
            # "Halcrest Re was more cautious, putting insured losses at $130m-$190m": the sentence's subject
            name = source_before(sentence, i) or (opening_body(sentence, reporters)
                                                  if token.lower.endswith("ing") and sentence.lower(i - 1) == "," else None)
            if name:
                found.append((token.start, name, False))
                found += gapped_sources(sentence, i + 1)
        if token.lower in VOCAB.finding_verbs and sentence.lower(i - 1) not in _BEFORE_A_NOUN:
            # "The inquiry found that 201 babies died"; a plain noun finds nothing ("the highest
            # level found in milk", "Hikers found 12 bodies")
            name = source_before(sentence, i)
            if name and _names_a_source(sentence, name):
                found.append((token.start, name, False))
            continue
        if token.lower not in VOCAB.attribution_verbs or sentence.lower(i - 1) in _BEFORE_A_NOUN \
                or (sentence.lower(i - 1).endswith("ing") and i > 0 and sentence.tokens[i - 1].is_word
                    and not sentence.tokens[i - 1].capitalised) \
                or (sentence.lower(i - 2) in ("a", "an") and token.lower in _NOUNS_TOO     # not "a Reuters report",
                    and not sentence.tokens[i - 1].capitalised and sentence.lower(i - 1) not in VOCAB.source_nouns) \
                or (token.lower in _NOUNS_TOO and sentence.lower(i - 2).endswith(POSSESSIVE)):
            continue                                   # "across neighbouring states", "raising fears", "a flash estimate",
            #                                            "the city's cost estimate": nouns
        if token.lower.startswith("claim") and not claims_a_figure(sentence, i + 1):
            continue                                       # "claimed the attack" cites no figure
        if sentence.lower(i - 1).endswith(("n't", "n’t")) or sentence.lower(i - 1) in ("not", "never"):
            continue                                       # "Norvanta ... hasn't said how much": said nothing
        if _ends_sentence(sentence, i) and not _subject_set_off(sentence, i):
            continue                                       # "... if suppliers win compensation claims."
        if token.lower.endswith("ed") and (sentence.lower(i + 1) in ("to", "by") or (
                sentence.lower(i + 1) == "at" and sentence.lower(i + 2) not in ("least", "most"))):
            continue                 # "incidents reported to the police", "damage estimated at $340m": no subject's verb
        name = source_before(sentence, i)
        if not name and sentence.lower(i - 1) == "and":     # "The hospital set up a helpline and said it had ..."
            name = opening_body(sentence, reporters)
            acting = acting_body(sentence, reporters) if not name else None
            name = name or (acting[2] if acting else None)
        if not name and i > 0 and sentence.tokens[i - 1].text in {",", "\"", "”", "’"}:
            # ", said the interior minister", ", said the association's chairman, Rafael Osterholt"
            name = named_after_role(sentence, i + 1) or source_after(sentence, i + 1)
        if name:
            found.append((token.start, name, False))
            found += gapped_reports(sentence, i + 1, reporters)
    return [(position, name, gapped) for position, name, gapped in found if may_be_a_source(name)]


# "the association's chairman, Rafael Osterholt": a role, then the person's name
_ROLE_THEN_NAME = re.compile(r"(?:the|its|their|his|her)\s+(?:[a-z-]+(?:['’]s)?\s+){0,4}?[a-z-]+,\s+"
                             r"((?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+)")


def named_after_role(sentence: Sentence, i: int) -> str | None:
    """The person a reporting verb's role names: '," said the association's chairman, Rafael Osterholt'."""
    if i >= len(sentence.tokens):
        return None
    found = _ROLE_THEN_NAME.match(sentence.text, sentence.tokens[i].start, sentence.end)
    return found.group(1) if found else None


_PRONOUNS = frozenset({"it", "they", "he", "she"})


def says_by_pronoun(sentence: Sentence) -> Token | None:
    """The pronoun that is the subject of a reporting verb ("It says 61 are still missing", "they
    put the toll at 40"): the source is the one named before it."""
    for i, token in enumerate(sentence.tokens):
        if token.lower in VOCAB.attribution_verbs or token.lower in VOCAB.setting_verbs \
                or token.lower in OWN_FIGURE_VERBS or token.lower in FINDING_VERBS:    # "It lists 19 dead"
            j = i - 1
            while j >= 0 and sentence.lower(j) in BEFORE_REPORTING_VERB:
                j -= 1
            if j >= 0 and sentence.lower(j) in _PRONOUNS:
                return sentence.tokens[j]
    return None


def _tagged_by_pronoun(sentence: Sentence) -> bool:
    """Whether a pronoun reports in a clause of its own ("She said ...", "..., she told reporters"),
    not in one on the sentence's subject ("The government has offered 4.5%, which it says ...")."""
    pronoun = says_by_pronoun(sentence)
    i = sentence.index_at(pronoun.start) if pronoun else -1
    return pronoun is not None and (i == 0 or sentence.lower(i - 1) == ",")


def _names_a_source(sentence: Sentence, name: str) -> bool:
    """Whether words before a finding verb name a source: a source noun ("The inquiry"), or a name
    not only capitalised for opening the sentence ("Silver Thread", not "Hikers")."""
    words = name.split()
    names = [w for w in words if w[:1].isupper()]
    opening = sentence.text[sentence.start:sentence.end].lstrip().startswith(words[0])
    return any(w.lower() in VOCAB.source_nouns for w in words) or len(names) > 1 or (len(names) == 1 and not opening)


def may_be_a_source(name: str) -> bool:
    """Not a unit ("the 215 km/h announced" -> "h"), a verb ("Police say reports ..." -> "say"),
    people unnamed ("the number of people confirmed to have died"), which estimate ("preliminary
    estimates put") nor a thing that is no one ("Those numbers put the rate at 2.5%")."""
    words = re.findall(r"[\w'’-]+", name.lower())
    return any(len(w) > 1 for w in words) and name.lower() not in VOCAB.measurement_units \
        and not all(w in GENERIC_NOUNS or w in VOCAB.attribution_verbs
                    or (w in ESTIMATE_ADJECTIVES and w not in VOCAB.source_nouns) for w in words) \
        and not (len(words) == 1 and words[0] in NOT_SOURCES and not name.isupper())      # "WHO" is a name


# Verbs by which a body gives a figure of its own: what it measured or recorded, what it expects,
# warns of or wants.
OWN_FIGURE_VERBS = frozenset({"measured", "measures", "recorded", "records", "registered", "registers", "counted",
                               "counts", "logged", "logs", "lists", "listed", "gives", "gave", "expects", "forecasts",
                               "predicts", "warns", "warned", "wants", "demands", "demanded", "seeks",
                               # plural subjects and the past: "Insurers expect", "analysts predicted"
                               "expect", "expected", "forecast", "predict", "predicted", "warn", "want", "wanted",
                               "demand", "seek", "sought"})
# "Three people have been confirmed dead by the agency", "The first case was confirmed by the laboratory".
_RECORDED_BY = re.compile(r"\b(?:confirmed|recorded|measured|counted|registered|declared|listed|logged|detected)"
                          r"(?:\s+[a-z]+)?\s+by\s+", re.I)


def _a_method(sentence: Sentence, i: int, match: re.Match) -> bool:
    """Whether what a figure was recorded by is how, not who: "confirmed by laboratory testing",
    "detected by satellite imaging", "confirmed by laboratory tests" (a plain noun before a
    gerund or a word for a test)."""
    if match.re is not _RECORDED_BY or i + 1 >= len(sentence.tokens):
        return False
    following = sentence.lower(i + 1)
    return not sentence.tokens[i].capitalised and sentence.tokens[i + 1].is_word \
        and (following.endswith("ing") or following in _METHOD_NOUNS)


_METHOD_NOUNS = frozenset({"test", "tests", "analysis", "analyses", "examination", "examinations", "scans", "checks",
                           "measurements", "samples"})


# Verbs by which a source changes its own figure: "the ministry raised its toll to 45".
_REVISING_VERBS = frozenset({"revised", "revises", "raised", "raises", "lowered", "lowers", "cut", "cuts", "updated",
                             "updates", "increased", "increases", "reduced", "reduces", "corrected", "corrects"})


# A toll is its possessor's count when that is a body: "The ministry's death toll stood at 126".
_TOLLS = frozenset({"toll", "tolls"})


# "on the chamber's figures", "by the police count", "in Ferromar's own estimate"
_CITED_COUNT = re.compile(r"\b(?:[Oo]n|[Bb]y|[Ii]n)\s+(?:the\s+)?((?:[\w-]+\s+){0,4}?[\w-]+?)('s|’s|'|’)?\s+"
                          r"(?:(?:own|latest|final|official|first|initial)\s+)?$")


# "34% on the federation's", "40,000 on the organisers'": the count named before, left out
_ELIDED_COUNT = re.compile(r"\b[Oo]n\s+(?:the\s+)?((?:[\w-]+\s+){0,3}?[\w-]+?)(?:'s|’s|'|’)(?=\s*(?:[.;,)]|$))")


def _elided_counts(sentence: Sentence) -> list[tuple[int, str, bool]]:
    """(position, body, False) for each count cited by its possessor alone: "Only 29% of growers
    were insured, on the ministry's count; 34% on the federation's"."""
    found = []
    for cited in _ELIDED_COUNT.finditer(sentence.text, sentence.start, sentence.end):
        words = cited.group(1).split()
        if words[0].lower() not in NOT_SOURCES | FUNCTION_WORDS and not any(a_time_word(w) for w in words):
            found.append((cited.start(), cited.group(1), False))
    return found


def _cited_count(sentence: Sentence, noun: Token) -> str | None:
    """The body whose count a prepositional phrase cites for its clause: "On the chamber's figures
    the strike has cost about €350m", "a crowd of 120,000 by the police count"."""
    cited = _CITED_COUNT.search(sentence.text, max(sentence.start, noun.start - 80), noun.start)
    if not cited:
        return None
    name = cited.group(1)
    words = name.split()
    if words[0].lower() in NOT_SOURCES or words[0].lower() in FUNCTION_WORDS \
            or any(a_time_word(w) for w in words):
        return None                                    # "on these figures", "in its count", "on Monday's figures"
    # a possessor's figures are its own ("the chamber's figures"); a noun before the count must name a body
    return name if cited.group(2) or names_a_body(name) or words[-1].lower() in VOCAB.source_nouns else None


def _clause_start(sentence: Sentence, i: int) -> int:
    """The first token of the clause of token i, after a semicolon, a clause word or the sentence
    start: "the police" in "...; the police have not updated their figure of 2,400", "the
    employers" in "..., though the employers stand by their estimate of 26,000"."""
    j = i - 1
    while j >= 0 and not (sentence.is_boundary(j) and sentence.lower(j) != ",") \
            and sentence.lower(j) not in NEW_CLAUSE_WORDS:
        j -= 1
    return j + 1


def _plain_subject(sentence: Sentence, i: int) -> str | None:
    """A plural noun opening a clause before its verb: "the employers (stand by ...)"."""
    while sentence.lower(i) in DETERMINERS:
        i += 1
    word = sentence.lower(i)
    following = sentence.lower(i + 1)
    if word.endswith("s") and not word.endswith("ss") and word not in FUNCTION_WORDS \
            and (following in AUXILIARIES or following not in FUNCTION_WORDS):
        return word
    return None


def _figure_follows(sentence: Sentence, i: int) -> bool:
    """Whether a figure starts within a few words after token i in its clause ("estimate is 910,000",
    "final tally, published on Monday, is 1,912")."""
    if sentence.lower(i + 1) == ",":
        i = next((k for k in range(i + 2, min(len(sentence.tokens), i + 10)) if sentence.lower(k) == ","), i)
    linked = False          # "final count of people injured in the blast is 34": farther, after its verb
    for j in range(i + 1, min(len(sentence.tokens), i + 12)):
        if sentence.is_boundary(j) and not (sentence.lower(j - 1) in COMPARATIVES and sentence.lower(j + 1) == "at"):
            return False                                # "own count was lower, at 59,000" goes on
        linked = linked or sentence.lower(j) in BE_FORMS or sentence.lower(j) in ("stands", "stood")
        if starts_a_number(sentence, j) and sentence.tokens[j].text[:1].isdigit():
            return j <= i + 5 or linked
    return False


def gapped_sources(sentence: Sentence, after: int) -> list[tuple[int, str, bool]]:
    """"X put the figure at 33,500 and the employers' association at 26,000": each source after
    the setting verb that names its own figure with the verb left out."""
    found = []
    for j in range(after, len(sentence.tokens) - 1):
        if sentence.lower(j) != "at" or not starts_a_number(sentence, j + 1):
            continue
        joined = any(sentence.lower(k) in GAP_JOINS for k in range(max(after, j - 7), j))
        name = source_before(sentence, j) if joined else None
        if name and names_a_body(name):                # not "..., the width at 31 metres and the volume at 7,200"
            found.append((sentence.tokens[j].start, name, True))
    return found


def gapped_reports(sentence: Sentence, after: int, reporters: frozenset[str]) -> list[tuple[int, str, bool]]:
    """"Meridian still says KVR 22.6bn and the Citizens' Alliance KVR 23bn", "now says 184, and
    Factory Safety Watch (FSW) 176": a body that names its own figure after a report's figure,
    its verb left out."""
    found = []
    # the joining word is looked for first: most sentences have none after the verb
    for j in range(after + 2, len(sentence.tokens)):
        # "Seldra says 31%, the coastguard about 17% and Blue Shoal Watch ...": a comma joins too
        join = next((k for k in range(j - 1, max(after, j - 8), -1) if sentence.lower(k) in GAP_JOINS | {","}), None)
        if join is None or not starts_a_number(sentence, j) or starts_a_number(sentence, j - 1) \
                or not sentence.tokens[j - 1].is_word and sentence.lower(j - 1) != ")" or sentence.lower(j) in (";", ":"):
            continue                                   # (not "and TLN 40,000": a currency's code; not
            #                                            "..., says the union; seven hours": the next clause)
        if not any(t.text[:1].isdigit() for t in sentence.tokens[after:join]) \
                or not all(t.is_word or t.text in "'’()" for t in sentence.tokens[join + 1:j]) \
                or any(looks_past(t.lower) and not t.capitalised for t in sentence.tokens[join + 1:j]):
            continue                                   # "..., and the regulator fined the company 3.5m": a verb's object
        name = source_before(sentence, j)
        if name and names_a_body(name, reporters):
            found.append((sentence.tokens[j - 1].start, name, True))
    return found


def _ends_sentence(sentence: Sentence, i: int) -> bool:
    return i + 1 >= len(sentence.tokens) or (i + 2 >= len(sentence.tokens) and not sentence.tokens[i + 1].is_word)


def _subject_set_off(sentence: Sentence, verb: int) -> bool:
    """Whether the subject of a verb that ends the sentence follows a comma, a quotation or the
    figure it gives, as a source after its figures does: "..., the group claims.", '..." police
    said.', "the 4.2 TB the gang claims.", "..., the Forest Fire Service (PFFS) said." (not "if
    suppliers win compensation claims.")."""
    last = before_acronym(sentence, verb - 1)
    for j in range(last, max(-1, last - 11), -1):
        token = sentence.tokens[j]
        if token.lower in NEW_CLAUSE_WORDS or token.lower in ("if", "unless"):
            return False
        if not token.is_word and token.text != "&":      # "..., Marek & Ost said."
            return token.text in {",", '"', "”", "’", "%"} or token.text[0].isdigit()
    return False


def claims_a_figure(sentence: Sentence, i: int) -> bool:
    """"Daesh claimed 100 were killed", "claimed that ...", "..., the group claims." but not
    "claimed responsibility" or "claimed the attack"."""
    return sentence.lower(i) in ("that", "it", "they") or starts_a_number(sentence, i)


def starts_a_number(sentence: Sentence, i: int) -> bool:
    """Whether token i can begin a figure (or ends the sentence: "..., the group claims.")."""
    word = sentence.lower(i)
    code = sentence.tokens[i].text.isupper() and 2 <= len(word) <= 3 and sentence.tokens[i + 1].text[:1].isdigit() \
        if i + 1 < len(sentence.tokens) else False     # "LSR 2.9bn"
    return not word[:1].isalpha() or word in UNIT_NUMBERS or code or bool(sentence.match(i, QUALIFIER_PHRASES)) \
        or (word == "between" and i + 1 < len(sentence.tokens) and starts_a_number(sentence, i + 1))


def sets_a_figure(sentence: Sentence, i: int, particle: str = "at") -> bool:
    """Whether the words from token i set a measure at a figure: "(put) the number of injured
    at 211", "(placed) the toll at nearly 90", with particle "to": "(revised) its figure down to
    25%", "(put) the insured share lower, at 30%"; not "(put) the city on alert"."""
    for j in range(i, min(len(sentence.tokens), i + _SET_REACH)):
        if sentence.lower(j) == "," and sentence.lower(j - 1) in _COMPARED and sentence.lower(j + 1) == particle:
            continue
        if sentence.lower(j) == particle:
            k = j + 2 if sentence.lower(j + 1) in ('"', "“") else j + 1        # 'at "about 14,000"'
            return j > i and (sentence.lower(k)[:1].isalnum() or sentence.lower(k)[:1] in "$€£¥") \
                and starts_a_number(sentence, k)          # "at $1.6bn", "at LSR 1.6bn"
        # "of that strike" is no clause, nor "its count of mothers who died over the period to eight"
        relative = sentence.lower(j) in ("who", "that") and j > i and sentence.tokens[j - 1].is_word
        if not (sentence.tokens[j].is_word or sentence.lower(j) in _POSSESSIVE_MARKS) or (
                sentence.lower(j) in CLAUSE_WORDS and sentence.lower(j - 1) not in ("of", "for") and not relative):
            return False
    return False


_SET_REACH = 12     # tokens: "its count of mothers who died over the period" before "to"


def _moves_own_figure(sentence: Sentence, i: int) -> bool:
    """Whether "its count" (or estimate, figure) at token i goes from or to a figure later in its
    clause, past an aside: "(revised) its count for the busiest day, Thursday 4 March, from 6,850"."""
    if sentence.lower(i) not in ("its", "their") or not any(sentence.lower(k) in COUNT_NOUNS for k in range(i + 1, i + 4)):
        return False
    for j in range(i + 2, min(len(sentence.tokens) - 1, i + 20)):
        if sentence.lower(j) in (";", ".", ":"):
            return False
        if sentence.lower(j) in ("from", "to") and starts_a_number(sentence, j + 1):
            return True
    return False


_COMPARED = frozenset({"higher", "lower", "above", "below"})
_POSSESSIVE_MARKS = APOSTROPHES | frozenset(POSSESSIVE)     # "(put) carriers' losses at"
