"""Sums paid to each of some recipients: "TLN 100,000 per family", "$40,000 to everyone seriously
injured", "Families of those killed will receive $400,000 each". Such a sum is a measure of its
own per recipient ("payment per family"), apart from totals and from sums paid to others, so the
answer never shows a family's payment and an injured person's as values of one measure."""
from __future__ import annotations

from index.figures.context import restates
from index.figures.grammar import FUNCTION_WORDS, RECIPIENT_NOUNS, looks_plural, singular
from index.figures.mention import Mention
from index.figures.phrases import subject_head
from index.figures.quantity_measures import DEFAULT_NAMES
from index.figures.text import Sentence


def apply_recipients(sentence: Sentence, mentions: list[Mention]) -> None:
    """A sum paid to each of some recipients is a sum per recipient, apart from totals and from
    sums to others: "TLN 100,000 per family", "$250,000 to the family of each person who died",
    "Families ... will receive $400,000 each" are "payment per family"; "$40,000 to every
    person seriously injured" is "payment per person"."""
    for k, mention in enumerate(mentions):
        if mention.kind != "money" or restates(sentence, mentions, k):
            continue
        # "TLN 100,000 (€12,500) per family": the recipient follows the restatement
        end = mentions[k + 1].end if restates(sentence, mentions, k + 1) else mention.end
        j = sentence.index_at(end)
        while sentence.lower(j) in (")", ","):
            j += 1
        first = sentence.index_at(mention.start)
        recipient = _recipient(sentence, j, first) or _recipient_of_name(sentence, mention, first) \
            or (_receiving_subject(sentence, first, RECIPIENT_NOUNS) if sentence.lower(j) not in _IN_ALL else None)
        if recipient:
            base = mention.measure if mention.measure not in (None, DEFAULT_NAMES["money"]) else "payment"
            mention.measure = f"{base} per {recipient}"


def _recipient_of_name(sentence: Sentence, mention: Mention, first: int) -> str | None:
    """"raised its payment per bereaved family from TLN 250,000": the recipient written after
    the name of what the sum is, before it."""
    if not mention.measure:
        return None
    last = mention.measure.split()[-1]
    for k in range(first - 1, max(0, first - 12), -1):
        if sentence.lower(k) == "per" and singular(sentence.lower(k - 1)) == last:
            return _recipient(sentence, k, first)
    return None


_RECEIVING = frozenset({"receive", "receives", "received", "receiving", "get", "gets", "got", "getting", "paid",
                        "given", "awarded", "offered", "fined"})


# Words after a sum received that make it a total, not each one's: "families got $2m in total".
_IN_ALL = frozenset({"in", "between", "altogether", "overall", "combined"})


def _receiving_subject(sentence: Sentence, first: int, nouns: set[str] | None = None) -> str | None:
    """The plural subject (singular) of a verb of receiving right before the sum at token first
    ("Families of those killed will receive TLN 400,000", "families get TLN 500,000"), of the
    given nouns when given."""
    verb = next((v for v in range(first - 1, max(-1, first - 5), -1) if sentence.lower(v) in _RECEIVING), None)
    head = subject_head(sentence, verb) if verb is not None else []
    plurals = [sentence.lower(h) for h in head if looks_plural(sentence.lower(h))]
    if not plurals or (nouns is not None and plurals[-1] not in nouns):
        return None
    return singular(plurals[-1])


def _recipient(sentence: Sentence, j: int, first: int) -> str | None:
    """Who each receives the sum, from the words at token j after it (singular), else None."""
    word = sentence.lower(j)
    if word == "each" and (j + 1 >= len(sentence.tokens) or not sentence.tokens[j + 1].is_word
                           or sentence.lower(j + 1) in FUNCTION_WORDS):
        return _receiving_subject(sentence, first)    # "The two firms were fined $2m each"
    if word in ("to", "for"):
        j += 1
        if sentence.lower(j) in ("the", "their", "its") and sentence.lower(j + 2) == "of" \
                and sentence.lower(j + 3) in ("each", "every"):
            noun = sentence.lower(j + 1)               # "to the family of each person who died"
            return singular(noun) if noun in RECIPIENT_NOUNS else None
        if sentence.lower(j) in ("everyone", "everybody"):
            return "person"                            # "to everyone seriously injured"
        if sentence.lower(j) not in ("each", "every"):
            return None
    elif word not in ("per", "a", "an"):
        return None
    for k in range(j + 1, j + 4):                      # up to two modifiers: "per bereaved family"
        if sentence.lower(k) in RECIPIENT_NOUNS:
            return singular(sentence.lower(k))
        if k >= len(sentence.tokens) or not sentence.tokens[k].is_word or sentence.lower(k) in FUNCTION_WORDS:
            return None
    return None
