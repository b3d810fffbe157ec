"""What the folder's event is, as the engine needs it: its own places, the articles about
another story altogether, and the years and names that mark another event's figures."""
from __future__ import annotations

import re
from collections import Counter

import numpy as np

from index.figures.dates import YEAR_WORD
from index.figures.questions import content_words
from index.figures.scope import NEIGHBOUR_WORDS
from index.models import Figure
from index.store import StoredIndex, passage_article_rows

NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")      # a name a question and another event's sentence share


# "neighbouring Stravany": a place an article sets beside the event's own
_NEIGHBOUR = re.compile(rf"\b(?:{'|'.join(sorted(NEIGHBOUR_WORDS))})\s+")


def home_places(index: StoredIndex) -> dict[str, int]:
    """The event's own places: figure scopes written in at least half of the articles ("Beirut"
    in a folder about the Beirut blast), and such a place with a word of direction before it
    ("southern Iran"), but never one an article calls neighbouring ("neighbouring Stravany", where
    the same week's other die-off was). A figure scoped there is about the event itself. Each place
    maps to the number of articles it is written in (the one written in most is the event's main
    place)."""
    scopes = {f.scope for f in index.figures if f.scope}
    if not scopes or not index.articles:
        return {}
    needed = len(index.articles) / 2
    # A place is written in an article when all its words are (one pass over each text).
    by_first_word: dict[str, list[str]] = {}
    for scope in scopes:
        by_first_word.setdefault(scope.split()[0], []).append(scope)
    written: Counter = Counter()
    for article in index.articles:
        present = set(article.text.split())
        # "Quellaria" is written where "Quellarian" is (index/figures/scope.py demonym_subject)
        present |= {word[:-1] for word in present if word.endswith("an")}
        written.update(scope for word in present & by_first_word.keys() for scope in by_first_word[word]
                       if all(w in present for w in scope.split()))
    # the words after each "neighbouring" of the articles, read once
    beside = [article.text[m.end():m.end() + 100] for article in index.articles for m in _NEIGHBOUR.finditer(article.text)]
    home = {scope: written[scope] for scope in scopes if written[scope] >= needed
            and not any(re.match(rf"{re.escape(scope)}\b", words) for words in beside)}
    # "southern Iran" is still Iran: a home place's name with a word of direction before it.
    names = {scope for scope in home if scope[:1].isupper()}
    return home | {scope: written[scope] for scope in scopes
                   if any(scope.endswith(" " + name) and scope[:1].islower() for name in names)}


# Passages an article needs before its mean is compared with its folder's median (the noise
# articles of the development events have 17-26, their shortest event articles 10)
RELATIVE_MIN_PASSAGES = 5


def off_topic_articles(index: StoredIndex, threshold: float, relative: float = 0.0) -> set[str]:
    """Articles about another story (a weather report in a folder about a blast): those whose
    mean passage embedding is less than `threshold` cosine-similar to the other articles' mean,
    or, with at least RELATIVE_MIN_PASSAGES passages, less than `relative` times the median
    article's similarity. With fewer than three articles there is no "rest" to compare with."""
    articles = index.articles
    if len(articles) < 3 or len(index.embeddings) == 0:
        return set()
    rows = passage_article_rows(articles, index.passages)
    sums = np.zeros((len(articles), index.embeddings.shape[1]), dtype=np.float64)
    np.add.at(sums, rows, index.embeddings)
    counts = np.bincount(rows, minlength=len(articles))[:, None]
    means = sums / np.maximum(counts, 1)
    means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
    total = means[counts[:, 0] > 0].sum(axis=0)
    similarity = {}
    for i, article in enumerate(articles):
        rest = total - means[i]
        norm = np.linalg.norm(rest)
        if counts[i, 0] and norm:
            similarity[article.id] = float(means[i] @ rest) / norm
    below = relative * float(np.median(list(similarity.values()))) if similarity else 0.0
    # the mean of a few passages says too little of what an article is about to set it apart
    # for being unlike the rest ("Kerman toll revised / Officials said 95 people were killed":
    # 0.58 against a median of 0.92)
    found = {article.id for i, article in enumerate(articles) if article.id in similarity
             and (similarity[article.id] < threshold
                  or (similarity[article.id] < below and counts[i, 0] >= RELATIVE_MIN_PASSAGES))}
    # Off topic is the exception: when most articles look unrelated, the vectors say nothing
    # about topics (a stand-in model) and no article is set aside.
    return found if len(found) < len(articles) / 2 else set()


def other_event_marks(index: StoredIndex, off_topic: set[str],
                      own_years: frozenset[int]) -> list[tuple[Figure, frozenset[str]]]:
    """Another event's figures with the years and names their sentences give ("In 1987 Orvath
    killed 212 people": 1987, Orvath), by which a question names that event. A name also written
    beside this event's figures is no mark; nor is a year the articles were published in."""
    texts = {a.id: a.text for a in index.articles}
    own_names: set[str] = set()
    marked: list[tuple[Figure, set[str]]] = []
    for figure in index.figures:
        if figure.article_id in off_topic:
            continue
        sentence = texts[figure.article_id][figure.sentence_start:figure.sentence_end]
        names = set(NAME.findall(sentence))
        if not figure.other_event:
            own_names |= names
        else:
            years = {y for y in YEAR_WORD.findall(sentence) if int(y) not in own_years}
            marked.append((figure, years | names))
    return [(figure, frozenset(marks - own_names)) for figure, marks in marked if marks - own_names]


def names_group(group: set[str], sentence: str) -> bool:
    """Whether the sentence names the group, alone or as the end of a compound ("seabirds" names
    "birds", "firefighters" names "fighters")."""
    words = content_words(sentence)
    return bool(group & words) or any(word.endswith(g) for g in group if len(g) > 3 for word in words)

