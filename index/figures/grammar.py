"""English words the reader relies on: number words, function words, auxiliaries and word forms.

These are grammar, not knowledge of any event: the event vocabulary is config/measures.toml.
"""
from __future__ import annotations

import functools
import re

UNIT_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}


SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


ORDINAL_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]


ORDINAL_TENS = {"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                 "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}


TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}


MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Names of days and months, lower-cased: "on Thursday", "in May" say when, never where or what.
DAY_WORDS = frozenset(w.lower() for w in (*WEEKDAYS, *MONTH_NAMES))


# Pronouns a verb or preposition takes: "told them", "makes him 54 years old"
OBJECT_PRONOUNS = frozenset({"me", "us", "him", "her", "them", "you"})
# Words that say whose: "its members", "their own count", "our figures"
POSSESSIVE_DETERMINERS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "these", "those", "this", "that",
                "them", "whom", "our", "your"}


# Words that end a noun phrase: they are never what a number counts.
FUNCTION_WORDS = DETERMINERS | {
    "and", "or", "but", "of", "in", "on", "at", "to", "from", "by", "for", "with", "as", "into",
    "near", "after", "before", "since", "during", "over", "under", "than", "about", "around",
    "between", "among", "within", "across", "through", "while", "who", "which", "what",
    "where", "when", "it", "they", "he", "she", "we", "you", "i", "not", "no", "each",
    "some", "many", "much", "more", "most", "being", "so", "if", "then", "there", "here", "up",
    "down", "out", "off", "such", "only", "just", "even", "per", "whose", "including", "minus", "along",
    "towards", "toward", "behind",
    # pronouns of quantity: "nobody evacuated received more than 1 mSv" names no measure
    "nobody", "everybody", "everyone", "anyone", "anybody", "someone", "somebody", "none",
}


# Verbs that link a number's noun to the word naming its measure like "were" does:
# "12 were citizens of Afghanistan", "two dozen people remain missing".
# Forms of "be": "(Damage) was estimated at", "(20 people) were evacuated".
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
COPULAS = {"were", "was", "are", "is", "remain", "remains", "remained", "stay", "stays", "stayed",
            "become", "becomes", "became"}


# Words between a number's noun and the verb naming its measure ("84 people were killed").
AUXILIARIES = COPULAS | {
    "might", "may", "could", "would", "will", "can", "should", "must",
    "have", "has", "had", "been", "be", "being", "reportedly",
    "also", "all", "now", "later", "already", "confirmed", "believed", "feared", "thought",
    "reported", "said", "to", "left", "officially", "seriously", "critically", "badly",
    "slightly", "mostly", "either", "still", "then", "eventually", "finally", "subsequently", "initially",
    "allegedly", "temporarily", "safely", "successfully", "immediately", "formally", "since", "just",
    "known", "understood", "presumed",                  # "17 people are now known to have died"
}


# Past tenses that do not end in -ed: "400 mm of rain fell", "the river rose 3 metres".
IRREGULAR_PAST = frozenset({"fell", "rose", "hit", "struck", "fled", "went", "came", "grew", "burst", "spread",
                            "sank", "broke", "blew", "took", "gave", "made", "froze", "swept", "tore", "shook",
                            "stood", "lay", "ran", "drove", "flew", "sent", "kept", "left", "drew", "won", "lost",
                            "paid", "spent", "led", "began", "brought", "sold", "bought", "saw", "became", "built"})
# Words before a figure that say it is more of one before it: "and another 90", "fell a further 10%".
MORE_OF_IT = frozenset({"another", "further"})
# Nouns that only say "people": the measure comes from the verb ("84 people were killed").
GENERIC_NOUNS = {"people", "persons", "person", "individuals", "others", "more", "other"}
# Nouns for the people of a place or body as a whole: with a vocabulary verb they are its count,
# not a part of it ("27,300 workers were on strike", "40 residents were killed"); alone they name
# themselves ("the union has 52,000 members").
POPULATION_NOUNS = {"workers", "employees", "staff", "members", "residents", "inhabitants", "locals"}
# Nouns for a whole group that "of" and its size follow: "a population of 8.5 million", "a
# workforce of 12,000", "a fleet of 40".
GROUP_SIZE_NOUNS = frozenset({"population", "workforce", "fleet", "herd", "flock", "membership", "electorate",
                              "congregation", "garrison", "enrolment", "enrollment", "headcount", "staff", "crew"})


# Nouns naming who, written before a measure's noun: "livestock deaths", "child deaths",
# "civilian casualties" count a group ("killed: livestock"); "road deaths", "heat deaths" do not.
GROUP_MODIFIERS = {"child", "children", "civilian", "civilians", "livestock", "cattle", "animal", "animals", "police",
                   "student", "students", "worker", "workers", "infant", "infants", "migrant", "migrants", "patient",
                   "patients", "bird", "birds", "fish", "staff", "teen", "teenage", "elderly", "pedestrian",
                   "pedestrians", "passenger", "passengers", "crew", "soldier", "soldiers", "miner", "miners"}


# Those a sum is paid to, each: "TLN 100,000 per family", "$500 to every affected household".
RECIPIENT_NOUNS = {"family", "families", "household", "households", "person", "persons", "people", "individual",
                   "individuals", "victim", "victims", "survivor", "survivors", "worker", "workers", "employee",
                   "employees", "farmer", "farmers", "resident", "residents", "child", "children", "student",
                   "students", "pensioner", "pensioners", "recipient", "recipients", "claimant", "claimants",
                   "patient", "patients", "member", "members", "fisherman", "fishermen", "fisher", "fishers",
                   "grower", "growers", "owner", "owners", "home", "homes", "business", "businesses", "head"}


# Single people, who have an age and can be rescued; agent nouns ("driver", "survivor") are read
# by their ending (a_person).
PERSON_WORDS = frozenset({"man", "woman", "boy", "girl", "child", "son", "daughter", "mother", "father", "wife",
                          "husband", "brother", "sister", "baby", "toddler", "infant", "teenager", "student",
                          "pupil", "victim", "resident", "pensioner", "grandmother", "grandfather", "patient",
                          "grandson", "granddaughter", "retiree", "volunteer", "mechanic", "guard", "cook",
                          "pilot", "captain", "nurse", "suspect", "he", "she", "person"})


def a_person(noun: str) -> bool:
    """Whether a singular noun names a person: agent nouns ("driver", "midfielder", "survivor")
    are people far more often than things."""
    return noun in PERSON_WORDS or noun.endswith(("man", "men", "herd", "ist", "ian", "ee", "ow", "er", "or")) \
        or "-of-" in noun


# Modifiers that do not change what is counted ("two separate explosions").
MODIFIERS = {"separate", "other", "additional", "further", "more", "new", "major", "minor",
              "large", "small", "big", "different", "similar", "distinct", "deadly", "twin",
              "powerful", "massive", "huge", "several", "young", "total"}


IRREGULAR_PLURALS = {"men": "man", "women": "woman", "children": "child", "people": "person",
                      "feet": "foot", "teeth": "tooth", "lives": "life"}


# Nouns that count people without a plural form; unlike plurals they may go on ("police officers").
# Nouns that count many without a plural ending: "12 police", "45 aircraft", "300 sheep".
COLLECTIVE_NOUNS = {"police", "personnel", "staff", "crew", "security", "aircraft", "spacecraft", "watercraft",
                    "hovercraft", "sheep", "cattle", "livestock", "poultry", "swine", "deer", "fish", "offspring"}


NOT_PLURAL_ENDINGS = ("ss", "us", "is", "news", "series", "species", "'s", "’s")


CLAUSE_PUNCTUATION = {",", ";", ":", "(", ")", "[", "]", "|", "—", "–", "-"}


# Words that end a clause when looking left from a number for the verb naming its measure.
CLAUSE_WORDS = {"and", "or", "but", "while", "whereas", "that", "which", "who", "when", "where"}
# Words that open a clause of its own, where a modal or a subject before them no longer reaches.
NEW_CLAUSE_WORDS = frozenset({"but", "while", "whereas", "which", "who", "when", "after", "because", "since",
                              "although", "though"})


RELATIVE_WORDS = {"when", "which", "where", "who", "that", "whose"}


SUBORDINATORS = {"as", "when", "while", "after", "before", "because", "although", "though",
                  "if", "since", "once", "until"}


# Words a sentence may open with before a fronted date ("On January 3, 2020, ...", "Only last
# month, ...").
FRONTING_WORDS = {"on", "at", "in", "by", "during", "around", "about", "early", "late",
                   "earlier", "later", "shortly", "until", "from", "since", "before", "after",
                   "last", "this", "the", "of", "only", "just", "even"}


# A following "after/before X" names the event a duration or date is measured from.
REFERENCE_WORDS = {"after", "before", "since", "following", "prior"}


# Words between a source and its reporting verb ("IRNA also noted", "officials there said").
BEFORE_REPORTING_VERB = {"also", "later", "earlier", "had", "has", "have", "previously", "now", "still", "first",
                         "then", "again", "initially", "originally", "there", "here"}


PREPOSITIONS = {"in", "at", "from", "during", "by", "after", "before", "on", "near", "between",
                 "for", "with", "against", "into", "across"}


# Verbs that give the level a figure stands at, named by their subject: "the death toll rose
# to 95", "the number of injured stood at 300", "the toll has reached 40", "the toll was 57",
# "insured losses will be about $740m", "are running at $520m".
LEVEL_VERBS = COPULAS | {"be", "been", "running", "standing",
    "rose", "risen", "rises", "rise", "rising", "climbed", "climbs", "climb", "climbing",
    "increased", "increases", "jumped", "jumps", "soared", "grew", "grown", "mounted",
    "fell", "fallen", "falls", "dropped", "drops", "decreased", "declined", "reached", "reaches",
    "hit", "hits", "topped", "top", "tops", "topping", "reach", "exceeded", "exceeds", "exceed", "surpassed", "stands", "stood", "stand", "put", "placed", "revised", "raised",
    "lowered", "updated", "totalled", "totaled", "totals", "total", "numbered", "amounted", "amounts", "came", "comes",
    "ran", "runs", "run", "neared", "nears", "eased", "eases", "slowed", "slows", "strengthened", "weakened", "dipped",
    "peaked", "peaks", "surged", "slipped", "plunged", "plummeted", "tumbled", "edged", "spiked", "swelled",
    "shrank", "measures", "measuring", "crested", "crests",
    # the present tense a headline writes in ("Marl plunges 11%"), and a peak ("to peak at 22%")
    "plunges", "plunge", "slumped", "slumps", "slid", "slides", "soars", "soar", "tumbles", "sank", "sinks", "peak",
    # where a market's day left a price: "The marl closed 25% weaker", "opened at 12.35"
    "closed", "closing", "opened", "ended",
}


# Words joining a level verb to its number: "rose to", "stood at", "reported as", "rose from 90 to 95".
LEVEL_PARTICLES = {"to", "at", "as", "from"}


# Adverbs between a level verb and its number: "rose sharply to", "climbed further to".
LEVEL_ADVERBS = {"further", "again", "now", "since", "later", "then", "overnight", "down", "up", "sharply"}


# Prepositions ending in "of": "on top of 500 million crowns already spent", "up to 5,000 marls a
# day instead of 2,000" name nothing
OF_PREPOSITION = re.compile(r"\b(?:on\s+top|instead|ahead|because|in\s+place|on\s+behalf|in\s+front|in\s+the\s+wake|"
                            r"in\s+respect|regardless|irrespective)\s+of$", re.I)


# Nouns whose "of" phrase is what they count: "the number of dead", "the tally of injured".
QUANTITY_NOUNS = {"number", "numbers", "count", "tally", "total", "figure", "figures"}
# Nouns for a source's figure of a measure named elsewhere: "the true figure", "its largest
# measurement", "the ministry's latest estimate".
ESTIMATE_NOUNS = QUANTITY_NOUNS | {"estimate", "estimates", "measurement", "measurements", "reading", "readings",
                                   "range"}
# Nouns whose "of" phrase is what they give a figure of: "the number of dead", "the estimate of losses".
OF_WHAT_NOUNS = QUANTITY_NOUNS | {"estimate", "estimates"}


def what_is_counted(words: list[str]) -> list[str]:
    """The words after a count noun and "of": "the number of homes destroyed" counts homes
    destroyed, "the final count of oiled coastline" measures the coastline, "the estimate of
    airlines' losses" the losses; and the words before a
    count noun that ends them: "the dead-fish tally" counts dead fish, "the final figure" says
    nothing of what it counts."""
    counted = next((k + 2 for k in range(len(words) - 1) if words[k] in OF_WHAT_NOUNS and words[k + 1] == "of"), 0)
    words = words[counted:]
    # a compound before the count noun names what it counts ("dead-fish tally"); a plain word that
    # says which figure ("final", "coldest") stays as it is
    if len(words) > 1 and words[-1] in ESTIMATE_NOUNS and "-" in words[-2]:
        words = [*words[:-2], *words[-2].split("-")]
    return words


# A possessive's endings: a singular owner's ("the ministry's", "Corwen's"), and with them a plural
# owner's ("the farmers'").
OWNER_ENDINGS = ("'s", "’s")
POSSESSIVE_ENDINGS = (*OWNER_ENDINGS, "s'", "s’")


# Words that open a clause inside a sentence, so a subject starts after them: "officials said
# the toll ...", "as the toll rose ...". Prepositions such as "after" are left out: they are
# as often inside the subject ("the toll after the blasts").
SUBJECT_OPENERS = CLAUSE_WORDS | {"as", "because", "although", "though", "if", "once"}


def looks_plural(word: str) -> bool:
    return word in IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith(NOT_PLURAL_ENDINGS))


def looks_past(word: str) -> bool:
    """A past form of a verb: an irregular one ("fell") or any word in "-ed" past four letters."""
    return word in IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)


@functools.cache
def singular(word: str) -> str:
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if not looks_plural(word):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    return word[:-1]


@functools.cache
def plural(word: str) -> str:
    irregular = {singular: plural for plural, singular in IRREGULAR_PLURALS.items()}
    if word in irregular:
        return irregular[word]
    if looks_plural(word) or word in COLLECTIVE_NOUNS:
        return word
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"
