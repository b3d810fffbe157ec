"""Vectors of the names the answer engine compares with questions, made when the index is built.

An answer compares a question with measures' names ("killed: livestock", "damage in
Norvania"), their words and parts, the vocabulary's phrases for its measures, and the words
around figures named only by their kind ("exploded" finds "detonated"). Each such text costs a
run of the model, as long as the question's own for one word: a fresh process spent most of
its first answers beyond the question on them (docs/BENCHMARKS.md). They are the index's own
texts, so the build encodes them in batches and stores them with the generation; the engine
looks them up, and encodes only what no figure names (a moderator's new measure name, words of
the question).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from index.embeddings import Encoder
from index.figures.relevance import GENERIC_MEASURES, near_words, vocabulary_phrase
from index.figures.scope import in_scope
from index.figures.statements import is_projection, projected
from index.figures.vocabulary import VOCAB
from index.models import Article, Figure

_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class NameVectors:
    """Texts and their unit vectors, one row each."""
    texts: tuple[str, ...] = ()
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))

    def __post_init__(self) -> None:
        if len(self.texts) != len(self.vectors):
            raise ValueError(f"{len(self.texts)} names but {len(self.vectors)} vectors")
        object.__setattr__(self, "_row", {text: i for i, text in enumerate(self.texts)})

    def get(self, text: str) -> np.ndarray | None:
        row = self._row.get(text)  # type: ignore[attr-defined]
        return None if row is None else self.vectors[row]


def compared_names(articles: Sequence[Article], figures: Iterable[Figure]) -> list[str]:
    """Every text the engine may compare with a question that the index itself gives: each
    measure's name as the engine may call it (its place, a projection), the name's head, group
    and words, the vocabulary's phrases, and the words around figures named only by their kind."""
    text_of = {a.id: a.text for a in articles}
    names: dict[str, None] = dict.fromkeys(vocabulary_phrase(m) for m in sorted(set(VOCAB.measures.values())))
    for figure in figures:
        forms = [figure.measure]
        if figure.scope:
            forms.append(in_scope(figure.measure, figure.scope))
        if is_projection(figure):
            forms += [projected(form) for form in forms]
        for form in forms:
            head, _, group = form.partition(": ")
            names.update(dict.fromkeys((form, head, group, *_WORD.findall(form.lower()))))
        if figure.measure in GENERIC_MEASURES and figure.article_id in text_of:
            names[near_words(text_of[figure.article_id], figure)] = None
    names.pop("", None)
    return list(names)


def name_vectors(names: Sequence[str], encoder_factory: Callable[[], Encoder],
                 previous: NameVectors | None = None) -> NameVectors:
    """The vectors of names: those the previous generation holds are taken from it, the rest
    encoded in one batch (the encoder is made only when some are new)."""
    kept = previous or NameVectors()
    missing = [n for n in names if kept.get(n) is None]
    fresh = encoder_factory().encode(missing) if missing else None
    row_of_fresh = {n: i for i, n in enumerate(missing)}
    rows = [fresh[row_of_fresh[n]] if n in row_of_fresh else kept.get(n) for n in names]  # type: ignore[index]
    if not rows:
        return NameVectors()
    return NameVectors(tuple(names), np.ascontiguousarray(np.stack(rows), dtype=np.float32))
